"""The aspect that finds every extension reachable through `deps`."""

load("@rules_cc//cc/common:cc_common.bzl", "cc_common")
load(":labels.bzl", "label_for_humans")
load(":providers.bzl", "PyStaticCollectedInfo", "PyStaticExtensionInfo")

def _entry(info):
    return struct(
        module = info.module,
        init_symbol = info.init_symbol,
        # As messages name it (the runtime's errors, _pystatic.module_info()).
        label = label_for_humans(info.label),
        python_version = info.python_version,
        is_package = info.is_package,
        # Where its BUILD file is (package_dirs.bzl), kept apart from the
        # label string, which Label() would read relative to this file.
        repo = info.label.workspace_name,
        package = info.label.package,
    )

def collect(own, deps):
    """Merges an optional PyStaticExtensionInfo with what deps collected.

    Args:
      own: PyStaticExtensionInfo of the current target, or None.
      deps: targets that may carry PyStaticCollectedInfo (from the aspect).

    Returns:
      PyStaticCollectedInfo.
    """
    collected = [d[PyStaticCollectedInfo] for d in deps if PyStaticCollectedInfo in d]
    cc_infos = [c.cc_info for c in collected]
    direct, shared = [], []
    if own:
        direct.append(_entry(own))
        cc_infos.insert(0, own.cc_info)
        if own.shared_library:
            shared.append(own.shared_library)
    return PyStaticCollectedInfo(
        extensions = depset(direct, transitive = [c.extensions for c in collected]),
        cc_info = cc_common.merge_cc_infos(cc_infos = cc_infos),
        shared_libraries = depset(shared, transitive = [c.shared_libraries for c in collected]),
    )

def _collect_extensions_impl(target, ctx):
    own = target[PyStaticExtensionInfo] if PyStaticExtensionInfo in target else None
    deps = getattr(ctx.rule.attr, "deps", [])
    return [collect(own, deps)]

collect_extensions = aspect(
    implementation = _collect_extensions_impl,
    attr_aspects = ["deps"],
    doc = "Collects PyStaticExtensionInfo through deps (py_library, py_static_extension, and any rule with deps).",
)
