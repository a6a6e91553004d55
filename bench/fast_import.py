"""Per-import instructions of a static import with the fast path
(runtime/src/fastpath.c, the default) and without it (PYSTATIC_FAST_IMPORT=0:
importlib's own _find_and_load), next to the C loop that only calls each
init function: callgrind, inside the measured region of bench_main.c.

    python3 bench/fast_import.py [--python 3.12] [--counts 100,1000,5000]
        [--work DIR] [--keep DIR]

Prints one JSON object and writes bench/results/fast_import.json.  Uses the
same binaries as bench/run.py (bench/build.py, the same work directory, so
a full benchmark run and this one share their objects)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent / "tests" / "runtime"))

import build  # noqa: E402
import harness  # noqa: E402
import measure  # noqa: E402

OFF = {"PYSTATIC_FAST_IMPORT": "0"}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--python", default="3.12")
    ap.add_argument("--counts", default="100,1000,5000")
    ap.add_argument("--work", type=Path, default=None,
                    help="work directory (default: bench/run.py's, "
                    "bench/results/work/<python> in this checkout)")
    ap.add_argument("--keep", type=Path, default=None,
                    help="keep the callgrind dumps there, as "
                    "callgrind.<name>_<N> (for callgrind_annotate)")
    args = ap.parse_args(argv)
    counts = [int(c) for c in args.counts.split(",")]
    work = args.work or (Path(__file__).resolve().parent / "results" / "work" / args.python)
    s = build.build(args.python, counts, work,
                    log=lambda m: print(m, file=sys.stderr))
    out = {"python": args.python, "counts": {}}
    for n in counts:
        row = {}
        for name, cmd, env in (
                ("fast", [s.ours[n], "import", n, "all"], None),
                ("importlib", [s.ours[n], "import", n, "all"], OFF),
                ("c_loop", [s.ours[n], "cloop", n], None)):
            print(f"N={n}: {name} (callgrind)", file=sys.stderr)
            keep = args.keep / f"{name}_{n}" if args.keep else None
            ir = next(iter(measure.callgrind(cmd, True, env=env,
                                             keep=keep).values()))
            row[name] = {"ir": ir, "per_import": round(ir / n)}
        out["counts"][n] = row
    text = json.dumps(out, indent=1)
    (BENCH / "results").mkdir(exist_ok=True)
    (BENCH / "results" / "fast_import.json").write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
