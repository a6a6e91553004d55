"""Writes render_registry() of the golden entries, for diff_test against golden.c."""

load("//rules/private:registry.bzl", "render_registry")  # buildifier: disable=bzl-visibility
load(":golden_entries.bzl", "GOLDEN_ENTRIES")

def _golden_registry_impl(ctx):
    entries = [
        struct(module = module, init_symbol = symbol, label = label, is_package = is_package)
        for module, symbol, label, is_package in GOLDEN_ENTRIES
    ]
    out = ctx.actions.declare_file(ctx.label.name + ".c")
    ctx.actions.write(out, render_registry(entries, "3.12"))
    return [DefaultInfo(files = depset([out]))]

golden_registry = rule(
    implementation = _golden_registry_impl,
    doc = "The registry source render_registry() writes for GOLDEN_ENTRIES (CPython 3.12).",
)
