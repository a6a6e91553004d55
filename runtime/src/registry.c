/*
 * Registry lookup: binary search over the generated, sorted table of
 * dotted names (see pystatic/registry.h), and the start-up check that the
 * table is one this runtime and this interpreter can use.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "pystatic_internal.h"

/* The interpreter's major.minor as (major << 8) | minor, from the library
 * actually linked, not from the headers we were compiled with. */
static unsigned int
running_python_version(void)
{
#if PY_VERSION_HEX >= 0x030B0000
    return (unsigned int)(Py_Version >> 16);
#else
    /* Py_GetVersion() starts with "3.10.13 (...": safe before init. */
    unsigned int major = 0, minor = 0;
    if (sscanf(Py_GetVersion(), "%u.%u", &major, &minor) != 2) {
        return 0;
    }
    return (major << 8) | minor;
#endif
}

/* The O(1) part: layout and Python version.  Run at every start. */
static int
check_header(const PyStatic_Registry *registry, char *err, size_t errsize)
{
    const unsigned int compiled = (PY_MAJOR_VERSION << 8) | PY_MINOR_VERSION;
    const unsigned int running = running_python_version();

    if (registry->abi != PYSTATIC_REGISTRY_ABI) {
        snprintf(err, errsize,
                 "the extension registry has layout version %u but this "
                 "runtime reads version %d; regenerate it with the rules "
                 "that match this runtime",
                 registry->abi, PYSTATIC_REGISTRY_ABI);
        return -1;
    }
    if (registry->python_version != compiled || running != compiled) {
        snprintf(err, errsize,
                 "the extension modules were compiled for Python %u.%u, "
                 "the runtime for Python %u.%u, and the linked interpreter "
                 "is Python %u.%u; build every part against one Python",
                 registry->python_version >> 8,
                 registry->python_version & 0xFF, compiled >> 8,
                 compiled & 0xFF, running >> 8, running & 0xFF);
        return -1;
    }
    if (registry->count > 0 && registry->modules == NULL) {
        snprintf(err, errsize,
                 "the extension registry lists %zu modules but has no table",
                 registry->count);
        return -1;
    }
    return 0;
}

/* The O(n) part: every entry named, sorted, no duplicates.  The generators
 * (rules/private/registry.bzl, the test harness) guarantee it, so it is an
 * invariant, checked at start-up only where asserts are on or
 * PYSTATIC_DEBUG is set; PyStatic_CheckRegistry() always checks it. */
static int
check_entries(const PyStatic_Registry *registry, char *err, size_t errsize)
{
    for (size_t i = 0; i < registry->count; i++) {
        const PyStatic_Module *m = &registry->modules[i];
        if (m->name == NULL || m->name[0] == '\0' || m->init == NULL) {
            snprintf(err, errsize,
                     "entry %zu of the extension registry has no name or "
                     "no init function", i);
            return -1;
        }
        if (i > 0 && strcmp(registry->modules[i - 1].name, m->name) >= 0) {
            snprintf(err, errsize,
                     "the extension registry is not sorted or lists a module "
                     "twice: '%s' comes before '%s'",
                     registry->modules[i - 1].name, m->name);
            return -1;
        }
    }
    return 0;
}

int
PyStatic_CheckRegistry(const PyStatic_Registry *registry, char *err,
                       size_t errsize)
{
    if (check_header(registry, err, errsize) < 0) {
        return -1;
    }
    return check_entries(registry, err, errsize);
}

int
pystatic_check_registry_at_startup(char *err, size_t errsize)
{
    if (check_header(&pystatic_registry, err, errsize) < 0) {
        return -1;
    }
#ifdef NDEBUG
    if (!pystatic_debug_enabled()) {
        return 0;
    }
#endif
    return check_entries(&pystatic_registry, err, errsize);
}

/* Index of the first entry whose name is >= `key` (compared on at most
 * `len` bytes of key, which need not be NUL-terminated). */
static size_t
lower_bound(const char *key, size_t len)
{
    size_t lo = 0, hi = pystatic_registry.count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *name = pystatic_registry.modules[mid].name;
        int cmp = strncmp(name, key, len);
        if (cmp < 0) {
            lo = mid + 1;
        }
        else {
            hi = mid;
        }
    }
    return lo;
}

const PyStatic_Module *
pystatic_registry_find(const char *name)
{
    size_t len = strlen(name);
    size_t i = lower_bound(name, len);
    if (i < pystatic_registry.count
        && strcmp(pystatic_registry.modules[i].name, name) == 0) {
        return &pystatic_registry.modules[i];
    }
    return NULL;
}

/* Whether an entry at or after index `i` (= lower_bound(name)) starts with
 * "name.".  Entries starting with "name." sort together, after "name" itself
 * and before "name/" ('.' < '/'), so the first such entry is at or after i;
 * entries like "name-x" or "name+" can sit in between, so scan them: they
 * are few and all share the prefix. */
static int
has_child_from(size_t i, const char *name, size_t len)
{
    for (; i < pystatic_registry.count; i++) {
        const char *other = pystatic_registry.modules[i].name;
        if (strncmp(other, name, len) != 0) {
            return 0;
        }
        if (other[len] == '.') {
            return 1;
        }
        if ((unsigned char)other[len] > (unsigned char)'.') {
            return 0;
        }
    }
    return 0;
}

int
pystatic_registry_is_parent(const char *name, size_t len)
{
    return has_child_from(lower_bound(name, len), name, len);
}

const PyStatic_Module *
pystatic_registry_lookup(const char *name, size_t len, int *is_parent)
{
    /* One binary search answers both questions find_spec() asks, so a miss
     * (every import of a module that is not static) searches once. */
    size_t i = lower_bound(name, len);
    assert(strlen(name) == len);
    *is_parent = 0;
    if (i < pystatic_registry.count
        && strcmp(pystatic_registry.modules[i].name, name) == 0) {
        return &pystatic_registry.modules[i];
    }
    *is_parent = has_child_from(i, name, len);
    return NULL;
}

size_t
pystatic_registry_index(const PyStatic_Module *entry)
{
    assert(entry >= pystatic_registry.modules
           && entry < pystatic_registry.modules + pystatic_registry.count);
    return (size_t)(entry - pystatic_registry.modules);
}
