#!/usr/bin/env bash
# The whole test suite (README's second command; .ci/run calls it):
#   gazelle  go test ./... in gazelle/ (its own Go module) and bounded fuzzing of every parser
#   runtime  the C runtime in real binaries on CPython 3.10-3.13 (host, +ASan/UBSan)
#            and on Debian's 3.14 and 3.15 inside the Bazel 7 root (+ASan/UBSan)
#   bazel7   Bazel 7.7.1 in a Debian unstable root (tools/bazel7/setup.sh,
#            cached under $PYSTATIC_CACHE): made or checked once; if Debian no
#            longer offers it, this fails loudly and every Bazel suite counts
#            as failed
#   rules    Bazel analysis and rule tests (//tests/...) on Bazel 7.7.1, three
#            times: bzlmod with the Bazel 8/9 flags (docs/toolchain.md),
#            bzlmod with 7.7.1's defaults, WORKSPACE mode; and docs/reference.md
#            regenerated from the .bzl docstrings by Stardoc must equal the
#            checked-in page (tools/docs/generate.sh --check)
#   integration  (Bazel 7.7.1, bzlmod, inside the Bazel 7 root) the README's
#            quick start (examples/bzlmod) with an empty registry, the
#            example monorepo on 3.10-3.15 (and in WORKSPACE mode: 3.12, 3.15), build
#            errors, reproducibility, the shared-cache check, incremental
#            rebuilds, a remote HTTP cache between two network namespaces,
#            local and standalone toolchains (Debian's 3.14/3.15 static
#            libpython: test_libpython_archive.py), single-file binaries on
#            3.10-3.15 (test_single_file.py), Gazelle-generated pytest/unittest
#            tests that must fail and pass (test_generated_pytest.py),
#            reproducible Cython output (test_cython_reproducible.py),
#            the Cython pin (test_cython_pin.py), PyPI packages through the
#            lock tool and the pypi extension (test_pypi.py, examples/pypi,
#            both modes), and the lock tool's errors against a local index
#            (tests/pypi)
#   packages real PyPI packages (markupsafe, msgpack, simplejson) built
#            statically, their own pytest suites against a pip install, on
#            3.12 and Debian's 3.15 (the --quick subset of tests/packages; the full run is
#            `bash tests/packages/run.sh`)
#   discovery  Gazelle's extension discovery on real PyPI sdists (corpus.QUICK
#            of tests/discovery, a few seconds once cached) must be no worse
#            than docs/discovery.md says; the full measurement is
#            `bash tests/discovery/run.sh`
#   lint     buildifier (format + lint) on our Starlark, gofmt and go vet (in gazelle/),
#            gazelle/'s BUILD files up to date (Gazelle -mode=diff), and the error
#            messages the docs quote equal to what their tests check
#            (tools/docs/check_quotes.py)
# Ends with "N passed, N failed, N skipped"; exits non-zero if anything failed.
# Suites to run can be narrowed: tools/test.sh runtime rules
set -uo pipefail

# shellcheck source=tools/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
bash tools/setup.sh || exit 1

RESULTS="$PYSTATIC_RESULTS"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
suites=("$@")
[[ ${#suites[@]} -gt 0 ]] || suites=(lint gazelle discovery runtime bazel7 rules integration packages)

banner() { printf '\n=== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }

# Starlark we own.
STARLARK=(BUILD.bazel WORKSPACE MODULE.bazel rules toolchain runtime tests/analysis tests/errors
    tests/rules tests/toolchain tests/single_file tests/pypi examples/monorepo/WORKSPACE
    examples/monorepo/MODULE.bazel examples/monorepo/third_party examples/monorepo/ship
    examples/bzlmod/MODULE.bazel examples/bzlmod/BUILD.bazel pypi examples/pypi/MODULE.bazel
    examples/pypi/BUILD.bazel examples/pypi/WORKSPACE tools/docs)
# Bazel 9 removes the native rules; 7.7.1 cannot simulate that with Debian's
# rules_cc 0.0.11 and rules_python 0.22 (they forward to the native rules),
# so buildifier checks that every rule and provider we use is loaded.
NATIVE_WARNINGS=+native-cc-library,+native-cc-binary,+native-cc-import,+native-cc-test,+native-cc-info,+native-cc-common,+native-py,+native-sh-binary,+native-sh-test
BUILDTOOLS_VERSION=v0.0.0-20250930140053-2eb4fccefb52  # the one gazelle/go.mod pins

run_lint() {
    banner "lint: buildifier, gofmt, go vet, gazelle/ BUILD files"
    local buildifier="$CACHE/bin/buildifier"
    if [[ ! -x "$buildifier" ]]; then
        GOBIN="$CACHE/bin" GOFLAGS=-mod=mod go install \
            "github.com/bazelbuild/buildtools/buildifier@$BUILDTOOLS_VERSION"
    fi
    "$buildifier" -mode=check -lint=warn --warnings="$NATIVE_WARNINGS" -r "${STARLARK[@]}"
    echo $? >"$RESULTS/lint-buildifier.status"
    # gazelle/ is a Bazel module of its own (rules_pystatic_gazelle_plugin).
    "$buildifier" -mode=check -lint=warn -r gazelle/MODULE.bazel gazelle/BUILD.bazel \
        gazelle/cmd gazelle/internal
    echo $? >"$RESULTS/lint-buildifier-gazelle.status"
    # gazelle/ is its own Go module: Go runs inside it.
    local unformatted
    unformatted=$(cd gazelle && gofmt -l .)
    [[ -z "$unformatted" ]] || echo "gofmt: not formatted (in gazelle/): $unformatted"
    [[ -z "$unformatted" ]]
    echo $? >"$RESULTS/lint-gofmt.status"
    (cd gazelle && GOFLAGS=${GOFLAGS:--mod=mod} go vet ./...)
    echo $? >"$RESULTS/lint-go-vet.status"
    # gazelle/'s own BUILD files are Gazelle's output (Go language; directives
    # in gazelle/BUILD.bazel): regenerating them must change nothing.
    local gazelle_bin="$PYSTATIC_GAZELLE"
    if bash gazelle/build.sh "$gazelle_bin" >/dev/null; then
        "$gazelle_bin" -repo_root=gazelle -mode=diff gazelle ||
            { echo "gazelle/ BUILD files are out of date; run:" \
                "gazelle/build.sh && gazelle/bin/gazelle -repo_root=gazelle gazelle"; false; }
    else
        false
    fi
    echo $? >"$RESULTS/lint-gazelle-build-files.status"
    # Error messages the docs quote are the text the tests that produce
    # them check (docs/errors.md says how quotes are marked).
    python3 tools/docs/check_quotes.py
    echo $? >"$RESULTS/lint-doc-quotes.status"
}

run_gazelle() {
    banner "gazelle: go test (in gazelle/, its own Go module)"
    export GOFLAGS=${GOFLAGS:--mod=mod}
    (cd gazelle && go test -json ./...) >"$RESULTS/gazelle-go-test.gojson" 2>"$RESULTS/gazelle-go-test.stderr"
    echo $? >"$RESULTS/gazelle-go-test.exit"
    python3 - "$RESULTS/gazelle-go-test.gojson" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    try:
        e = json.loads(line)
    except ValueError:
        continue
    if e.get("Action") == "output" and ("FAIL" in e.get("Output", "") or "panic" in e.get("Output", "")):
        sys.stdout.write(e["Output"])
    if e.get("Action") in ("pass", "fail") and not e.get("Test"):
        print("{} {} ({}s)".format(e["Action"].upper(), e.get("Package"), e.get("Elapsed")))
PY
    cat "$RESULTS/gazelle-go-test.stderr"
    if [[ -f gazelle/fuzz.sh ]]; then
        banner "gazelle: fuzzing (${FUZZTIME:-15s} per target)"
        bash gazelle/fuzz.sh
        echo $? >"$RESULTS/gazelle-fuzz.status"
    fi
}

run_runtime() {
    banner "runtime: C runtime in real binaries"
    bash tests/runtime/setup.sh && python3 -m pytest tests/runtime -q -p no:cacheprovider \
        --junitxml="$RESULTS/runtime.xml"
    echo $? >"$RESULTS/runtime.exit"
    banner "runtime: the same on Debian's CPython 3.14 and 3.15 (inside the Bazel 7 root; ASan/UBSan on 3.15)"
    bazel7_ready runtime-3.14-3.15 || return 0
    bash tools/bazel7/enter.sh bash tests/runtime/setup.sh &&
        PYSTATIC_RUNTIME_PYTHONS="/usr/bin/python3.14 /usr/bin/python3.15" bash tools/bazel7/enter.sh \
            python3 -m pytest tests/runtime -q -p no:cacheprovider --junitxml="$RESULTS/runtime-3.14-3.15.xml"
    echo $? >"$RESULTS/runtime-3.14-3.15.exit"
}

run_discovery() {
    banner "discovery: Gazelle on real sdists vs their wheels (quick subset of tests/discovery)"
    local gazelle_bin="$PYSTATIC_GAZELLE"
    bash gazelle/build.sh "$gazelle_bin" >/dev/null
    echo $? >"$RESULTS/discovery-gazelle-build.status"
    PYSTATIC_DISCOVERY_GAZELLE="$gazelle_bin" python3 -m pytest tests/discovery -q -p no:cacheprovider \
        --junitxml="$RESULTS/discovery.xml"
    echo $? >"$RESULTS/discovery.exit"
}

# The Bazel 7 root, made once per run; a suite that needs it and finds it
# missing records a failure rather than passing without running.
BAZEL7_STATE=""
bazel7_ready() {
    if [[ -z $BAZEL7_STATE ]]; then
        if bash tools/bazel7/setup.sh; then BAZEL7_STATE=ok; else BAZEL7_STATE=missing; fi
    fi
    if [[ $BAZEL7_STATE != ok ]]; then
        echo "FAILED: Bazel 7.7.1 is not available (tools/bazel7/setup.sh failed above); $1 did not run" >&2
        echo 1 >"$RESULTS/$1-needs-bazel7.status"
        return 1
    fi
}

run_bazel7() {
    banner "bazel7: the Debian unstable root with Bazel 7.7.1"
    local t0=$SECONDS
    # Counted once here; the suites that need the root count their own
    # failure if it is missing.
    bazel7_ready bazel7-setup && bash tools/bazel7/enter.sh bazel --version
    echo $? >"$RESULTS/bazel7-setup.status"
    rm -f "$RESULTS/bazel7-setup-needs-bazel7.status"
    echo "bazel7: $((SECONDS - t0)) s"
}

run_rules() {
    banner "rules: Bazel 7.7.1 analysis and rule tests (bzlmod + Bazel 8/9 flags, bzlmod, WORKSPACE)"
    bazel7_ready rules || return 0
    local mode extra
    for mode in bzlmod bzlmod7 workspace; do
        # Our own rules return no struct providers (Bazel 9 refuses them);
        # only where no native py_test is built, as Bazel 7's returns one.
        extra=()
        [[ $mode == bzlmod ]] && extra=(--incompatible_disallow_struct_provider_syntax)
        PYSTATIC_BAZEL_MODE=$mode tools/bazel.sh test "${extra[@]}" //tests/... 2>&1 |
            tee "$RESULTS/rules-$mode.bazellog" | grep -E "PASSED|FAILED|ERROR|Executed"
        echo "${PIPESTATUS[0]}" >"$RESULTS/rules-$mode.exit"
    done
    # docs/reference.md is Stardoc's rendering of the .bzl docstrings:
    # regenerating it must give the checked-in page byte for byte.
    banner "rules: docs/reference.md is current (Stardoc, tools/docs)"
    bash tools/docs/generate.sh --check 2>"$RESULTS/rules-reference-doc.stderr" ||
        { tail -60 "$RESULTS/rules-reference-doc.stderr"; false; }
    echo $? >"$RESULTS/rules-reference-doc.status"
}

run_integration() {
    banner "integration: Bazel 7.7.1 builds of examples/ and tests/ (inside the Bazel 7 root)"
    bazel7_ready integration || return 0
    # The root has no Go: the Gazelle round trip uses the host's build.
    bash gazelle/build.sh "$PYSTATIC_GAZELLE" >/dev/null
    bash tools/bazel7/enter.sh python3 -m pytest tests/integration tests/pypi -q -p no:cacheprovider \
        --junitxml="$RESULTS/integration.xml"
    echo $? >"$RESULTS/integration.exit"
}

run_packages() {
    banner "packages: real PyPI packages, static vs pip (quick subset)"
    bazel7_ready packages || return 0
    bash tests/packages/run.sh --quick
    echo $? >"$RESULTS/packages-quick.status"
}

start=$(date +%s)
for suite in "${suites[@]}"; do
    "run_$suite"
done
echo
echo "total time: $(($(date +%s) - start)) s"
python3 tools/summarize_tests.py "$RESULTS"
