"""16 threads import the same slow modules at once: each init (and exec
slot) runs exactly once and every thread gets the same module object."""
import sys
import threading

N = 16
names = ["threads.slow_single", "threads.slow_multi", "a.b.c._deep_single",
         "_top_multi"]
barrier = threading.Barrier(N)
results = [None] * N
errors = []


def worker(i):
    try:
        barrier.wait()
        mods = []
        for name in names[i % 2:] + names[:i % 2]:
            __import__(name)
            mods.append(sys.modules[name])
        results[i] = {m.__name__: id(m) for m in mods}
    except BaseException as exc:  # reported below
        errors.append(exc)


workers = [threading.Thread(target=worker, args=(i,)) for i in range(N)]
for t in workers:
    t.start()
for t in workers:
    t.join()
assert not errors, errors
assert all(r == results[0] for r in results), results

import threads.slow_multi
import threads.slow_single
import a.b.c._deep_single
import _top_multi
assert threads.slow_single.counts() == (1, 0), threads.slow_single.counts()
assert threads.slow_multi.counts() == (1, 1), threads.slow_multi.counts()
assert a.b.c._deep_single.init_calls() == 1
assert _top_multi.counts()["init"] == 1
print("ok")
