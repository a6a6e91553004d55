"""setuptools' package_dir in a static binary's runfiles.

An extension whose module names another package than the directory its
BUILD file is in (`module = "regex._regex"` in regex_3/, as regex's setup.py
maps package_dir={"regex": "regex_3"}) makes that directory the package, if
the directory is one (it has an __init__.py): its files (the package's
__init__.py and pure-Python modules) also appear under <repository>/regex/,
where Python looks for the package `regex`. Without this, `import regex`
found no such directory and got the runtime's empty parent package.

A directory without an __init__.py, or one whose extensions name two
packages, is left as it is: the runtime serves their parent packages.
"""

load(":runfiles.bzl", "runfiles_path")

def package_dirs(ctx, entries, files):
    """Directories that are a package of another name, as runfiles paths.

    Args:
      ctx: the rule context.
      entries: the collected extensions (module, is_package, repo, package).
      files: list of File: the program's files (runfiles, or what a
        single-file binary packs).

    Returns:
      dict: "<repo>/regex_3" -> "<repo>/regex".
    """
    candidates = {}
    for e in entries:
        parts = e.module.split(".")
        package = parts if e.is_package else parts[:-1]

        # A top-level module has no package; one at the repository root
        # would map every file of the repository: both stay as they are.
        if not package or not e.package:
            continue
        module_dir = "/".join(package)
        if e.package == module_dir or e.package.endswith("/" + module_dir):
            continue
        repo = e.repo or ctx.workspace_name
        source = repo + "/" + e.package
        candidates.setdefault(source, {})[repo + "/" + module_dir] = True
    if not candidates:
        return {}
    inits = {runfiles_path(ctx, f): True for f in files if f.basename == "__init__.py"}
    return {
        source: targets.keys()[0]
        for source, targets in candidates.items()
        if len(targets) == 1 and (source + "/__init__.py") in inits
    }

def package_dir_symlinks(ctx, dirs, files):
    """Runfiles symlinks that place each mapped directory's files under the package's name.

    Args:
      ctx: the rule context.
      dirs: from package_dirs().
      files: list of File in the runfiles.

    Returns:
      dict for ctx.runfiles(root_symlinks = ...).
    """
    links = {}
    if not dirs:
        return links
    for f in files:
        path = runfiles_path(ctx, f)
        for source, target in dirs.items():
            if path.startswith(source + "/"):
                links[target + path[len(source):]] = f
    return links
