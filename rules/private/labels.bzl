"""How the rules' messages name a label."""

def label_for_humans(label):
    """A Label as Bazel itself shows it to people: `//pkg:t` in the main repository.

    `str(label)` is the form that reads back to the same Label from anywhere:
    with bzlmod, a main-repository label there starts with the canonical
    repository prefix (two @ signs, then //), which Bazel's own messages
    never print. This is the form for messages, progress messages and the
    strings tools put into their errors:

      - a label of the main repository: `//pkg:t`, in every mode;
      - any other: `str(label)`, which names the repository by its apparent
        name where that is the canonical one (WORKSPACE: `@repo//pkg:t`)
        and by its canonical name otherwise (bzlmod), which names it from
        anywhere: Starlark has no repository mapping to find the name the
        main module uses for it.

    Args:
      label: a Label (a string is returned as it is).

    Returns:
      string.
    """
    if type(label) == "string":
        return label
    repo = label.repo_name if hasattr(label, "repo_name") else label.workspace_name
    if repo == "":
        return "//{}:{}".format(label.package, label.name)
    return str(label)
