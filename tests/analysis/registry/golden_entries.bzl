"""Entries of the registry golden test (one file for both generators).

rules/private/registry.bzl's render_registry() (tests/analysis/registry:golden_test)
and tests/runtime/harness.py's registry_source() (tests/runtime/test_runtime.py)
must both write golden.c from these, byte for byte. Plain literals, so Python
reads this file too. Each entry: (module, init symbol, label, is_package).
"""

GOLDEN_ENTRIES = [
    ("zeta.ext", "PyStatic_Init_4zeta3ext", "//zeta:ext", False),
    ("alpha._speedups", "PyStatic_Init_5alpha9_speedups", "//alpha:_speedups", False),
    ("alpha.beta", "PyStatic_Init_5alpha4beta", "//alpha/beta", True),
    ("alpha.beta.gamma._mod", "PyStatic_Init_5alpha4beta5gamma4_mod", "//alpha/beta/gamma:_mod", False),
    ("alpha-x", "PyStatic_Init_u14_616c7068612d78", "//weird:alpha-x", False),
    ("_top", "PyStatic_Init_4_top", "@other_repo//:_top", False),
    ("café.thé", "PyStatic_Init_u8_636166c3a9u8_7468c3a9", "//café:thé", False),
    ("pkg.sub.deep.er._m1", "PyStatic_Init_3pkg3sub4deep2er3_m1", "//pkg/sub/deep/er:_m1", False),
    ("pkg.sub.deep.er._m2", "PyStatic_Init_3pkg3sub4deep2er3_m2", "//pkg/sub/deep/er:_m2", False),
]
