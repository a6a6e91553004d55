"""Runfiles helpers for static binaries."""

def runfiles_path(ctx, file):
    """The path of a file under the runfiles directory.

    Args:
      ctx: the rule context.
      file: a File in the runfiles.

    Returns:
      "<repository>/<path>", as the launcher resolves it.
    """
    short = file.short_path
    if short.startswith("../"):
        return short[3:]
    return ctx.workspace_name + "/" + short

def static_runfiles(ctx, direct, targets, stdlib, exclude):
    """Runfiles of a static binary: like py_binary's, minus extension .so files.

    The .so that a py_static_extension provides for plain py_binary use would
    let `import pkg._mod` find a file on disk; in a static binary the registry
    serves it, so the .so is left out (and so never built).

    Args:
      ctx: the rule context.
      direct: list of File: the binary's own files.
      targets: targets whose default runfiles are merged.
      stdlib: depset of File: the toolchain's stdlib.
      exclude: depset of File: the extensions' .so files.

    Returns:
      A runfiles object.
    """
    merged = ctx.runfiles(files = direct, transitive_files = stdlib)
    for target in targets:
        merged = merged.merge(target[DefaultInfo].default_runfiles)
    excluded = {f: True for f in exclude.to_list()}
    if not excluded:
        return merged
    return ctx.runfiles(
        files = [f for f in merged.files.to_list() if f not in excluded],
        symlinks = {e.path: e.target_file for e in merged.symlinks.to_list() if e.target_file not in excluded},
        root_symlinks = {e.path: e.target_file for e in merged.root_symlinks.to_list() if e.target_file not in excluded},
    )
