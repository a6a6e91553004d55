"""Dotted module name -> renamed init symbol: the naming contract (registry.h).

Read by the analysis test (rules/private/naming.bzl's init_symbol) and by the
runtime suite (tests/runtime/harness.py's copy, which builds test binaries
without Bazel), so both are held to this one table. Non-ASCII names are
written as Starlark sees a BUILD file's UTF-8: one Latin-1 character per byte.
"""

INIT_SYMBOL_CASES = {
    "_speedups": "PyStatic_Init_9_speedups",
    "a._speedups": "PyStatic_Init_1a9_speedups",
    "pkg.sub._mod": "PyStatic_Init_3pkg3sub4_mod",
    # "a.b_c" and "a_b.c" must not collide, nor "ab.c" and "a.bc".
    "a.b_c": "PyStatic_Init_1a3b_c",
    "a_b.c": "PyStatic_Init_3a_b1c",
    "ab.c": "PyStatic_Init_2ab1c",
    "a.bc": "PyStatic_Init_1a2bc",
    # "pkg.é" and "pkg.café"
    "pkg.\303\251": "PyStatic_Init_3pkgu4_c3a9",
    "pkg.caf\303\251": "PyStatic_Init_3pkgu10_636166c3a9",
}
