"""Build-time checks on the extensions a binary links."""

def check_extensions(binary_label, entries, python_version):
    """Fails on two extensions with one dotted name, or a Python mismatch.

    Args:
      binary_label: the binary, named in the errors.
      entries: list of the aspect's extension structs.
      python_version: "3.12": the Python the binary embeds.

    Returns:
      The entries sorted by module, with repeats of the same target removed
      (one target reached through two paths is fine).
    """
    by_module = {}
    for e in entries:
        seen = by_module.get(e.module)
        if seen == None:
            by_module[e.module] = e
        elif seen.label != e.label:
            first, second = sorted([seen.label, e.label])
            fail(("{}: two extensions define the Python module \"{}\": {} and {}. A binary can " +
                  "import only one; drop one of them from deps, or rename one (its module " +
                  "attribute and its init function).").format(binary_label, e.module, first, second))
    for e in by_module.values():
        if e.python_version != python_version:
            fail(("{}: extension {} ({}) was compiled for Python {}, but this binary embeds " +
                  "Python {}. Build both with the same --@rules_pystatic//toolchain:python_version, " +
                  "or drop the transition that changes it.").format(
                binary_label,
                e.label,
                e.module,
                e.python_version,
                python_version,
            ))
    return [by_module[m] for m in sorted(by_module)]
