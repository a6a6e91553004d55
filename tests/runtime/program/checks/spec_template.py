"""The fast ModuleSpec construction (runtime/src/finder.c): on this Python
the template is made (the fast path is taken, not the ModuleSpec() call it
falls back to), and the specs it builds are the objects ModuleSpec(...) would
give: same type, same attributes with the same values in the same order
(the instance layout importlib's attribute reads are specialized for)."""
import gc
import importlib.machinery
import importlib.util

import _pystatic

names = _pystatic._spec_template()
assert names is not None, "no template: find_spec() calls ModuleSpec()"
assert {"name", "loader", "origin", "submodule_search_locations"} <= \
    set(names), names

for name in ("_top_multi", "a.b.c._deep_single", "uni.\u010daj", "extpkg",
             "cyextpkg"):
    spec = importlib.util.find_spec(name)
    assert type(spec) is importlib.machinery.ModuleSpec, type(spec)
    assert spec.loader is _pystatic.StaticExtensionImporter, spec.loader
    locations = spec.submodule_search_locations
    reference = importlib.machinery.ModuleSpec(
        name, _pystatic.StaticExtensionImporter, origin=spec.origin,
        is_package=locations is not None)
    reference.has_location = True
    if locations is not None:
        reference.submodule_search_locations = locations
    # The same layout as ModuleSpec(...)'s: on 3.11+ the attribute values
    # inline in the instance, with no __dict__ object of its own for the
    # garbage collector to traverse (vars() below makes one for both).
    assert [type(r) for r in gc.get_referents(spec)] == \
        [type(r) for r in gc.get_referents(reference)], (
            name, gc.get_referents(spec), gc.get_referents(reference))
    assert list(vars(spec)) == list(vars(reference)), (
        name, list(vars(spec)), list(vars(reference)))
    assert vars(spec) == vars(reference), (name, vars(spec),
                                           vars(reference))
    assert spec.has_location and spec.cached is None
    assert spec.parent == name.rpartition(".")[0] if locations is None \
        else spec.parent == name
    # A new list each time, never shared between specs.
    if locations is not None:
        assert importlib.util.find_spec(name).submodule_search_locations \
            is not locations
print("ok")
