"""Stardoc's renderer, run without rules_java's java_binary (dev only).

Stardoc 0.8.1's own `@stardoc//stardoc:renderer` is a java_binary, and
rules_java's java_binary needs the Java build tools (remote_java_tools),
which are downloaded from GitHub: not reachable here. Debian's
bazel-stardoc ships the renderer as one self-contained jar; this rule
runs that jar with Debian's JDK, the one Debian's Bazel runs on.
"""

def _stardoc_renderer_impl(ctx):
    script = ctx.actions.declare_file(ctx.label.name + ".sh")
    ctx.actions.write(
        output = script,
        content = "#!/bin/sh\nexec {java} -cp {jar} com.google.devtools.build.stardoc.renderer.RendererMain \"$@\"\n".format(
            java = ctx.attr.java,
            jar = ctx.attr.jar,
        ),
        is_executable = True,
    )
    return [DefaultInfo(executable = script, files = depset([script]))]

stardoc_renderer = rule(
    implementation = _stardoc_renderer_impl,
    doc = "An executable that runs Debian's prebuilt Stardoc renderer jar.",
    attrs = {
        "jar": attr.string(
            default = "/usr/share/bazel/tools/stardoc/stardoc/renderer_prebuilt.jar",
            doc = "Absolute path of the renderer jar (Debian's bazel-stardoc).",
        ),
        "java": attr.string(
            default = "/usr/lib/jvm/default-java/bin/java",
            doc = "Absolute path of the java launcher.",
        ),
    },
    executable = True,
)
