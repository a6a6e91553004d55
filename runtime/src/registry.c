/*
 * Registry lookup: the generated hash index over the dotted names of the
 * modules and their parent packages (see pystatic/registry.h), and the
 * start-up check that the registry is one this runtime and this
 * interpreter can use.
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
    if ((registry->count > 0 && registry->modules == NULL)
        || registry->strings == NULL || registry->table == NULL
        || registry->init_function == NULL) {
        snprintf(err, errsize,
                 "the extension registry lists %zu modules but has no table",
                 registry->count);
        return -1;
    }
    /* A power of two, at most half full: a miss always reaches an empty
     * slot. */
    const size_t total = registry->count + registry->parent_count;
    const size_t slots = (size_t)registry->table_mask + 1;
    if ((slots & (slots - 1)) != 0 || slots < 2 * total) {
        snprintf(err, errsize, "the extension registry's hash table has %zu "
                 "slots for %zu names", slots, total);
        return -1;
    }
    return 0;
}

/* The O(n) part: every entry named, modules sorted with no duplicates,
 * each with an init function, parents after them, and the hash index
 * finding every entry.  The generators (rules/private/registry.bzl, the
 * test harness) guarantee it, so it is an invariant, checked at start-up
 * only where asserts are on or PYSTATIC_DEBUG is set;
 * PyStatic_CheckRegistry() always checks it. */
static int
check_entries(const PyStatic_Registry *registry, char *err, size_t errsize)
{
    const size_t total = registry->count + registry->parent_count;

    if (total > 0 && registry->modules == NULL) {
        snprintf(err, errsize, "the extension registry has no entries");
        return -1;
    }
    for (size_t i = 0; i < total; i++) {
        const PyStatic_Module *m = &registry->modules[i];
        const char *name = registry->strings + m->name;
        const int parent = (m->flags & PYSTATIC_MODULE_PARENT) != 0;
        if (m->name_len == 0 || strlen(name) != m->name_len
            || parent != (i >= registry->count)
            || (registry->init_function(i) == NULL) != parent) {
            snprintf(err, errsize,
                     "entry %zu of the extension registry has no name, no "
                     "init function or the wrong kind", i);
            return -1;
        }
        if (i > 0 && i != registry->count
            && strcmp(registry->strings + registry->modules[i - 1].name,
                      name) >= 0) {
            snprintf(err, errsize,
                     "the extension registry is not sorted or lists a module "
                     "twice: '%s' comes before '%s'",
                     registry->strings + registry->modules[i - 1].name,
                     name);
            return -1;
        }
        if (pystatic_registry_probe(registry, name, m->name_len) != m) {
            snprintf(err, errsize, "the extension registry's hash table "
                     "does not find '%s'", name);
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

/* ---- the hash index (the algorithm is specified in registry.h) ------- */

static inline uint64_t
load64(const char *p)
{
    uint64_t w;
    memcpy(&w, p, sizeof w);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    return w;
}

static inline uint32_t
load32(const char *p)
{
    uint32_t w;
    memcpy(&w, p, sizeof w);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap32(w);
#endif
    return w;
}

static inline uint64_t
mix(uint64_t h, uint64_t w)
{
    h = (h ^ w) * (uint64_t)PYSTATIC_HASH_MUL;
    return h ^ (h >> 32);
}

static inline uint32_t
hash_name(const char *p, size_t n)
{
    uint64_t h = (uint64_t)PYSTATIC_HASH_SEED ^ (uint64_t)n;
    if (n >= 8) {
        for (size_t i = 0; i + 8 < n; i += 8) {
            h = mix(h, load64(p + i));
        }
        h = mix(h, load64(p + n - 8));
    }
    else if (n >= 4) {
        h = mix(h, (uint64_t)load32(p) | (uint64_t)load32(p + n - 4) << 32);
    }
    else if (n > 0) {
        const unsigned char *u = (const unsigned char *)p;
        h = mix(h, (uint64_t)u[0] | (uint64_t)u[n >> 1] << 8
                   | (uint64_t)u[n - 1] << 16);
    }
    else {
        h = mix(h, 0);
    }
    return (uint32_t)h;
}

/* memcmp(a, b, n) == 0, inline: names are short. */
static inline int
same_bytes(const char *a, const char *b, size_t n)
{
    if (n >= 8) {
        for (size_t i = 0; i + 8 < n; i += 8) {
            if (load64(a + i) != load64(b + i)) {
                return 0;
            }
        }
        return load64(a + n - 8) == load64(b + n - 8);
    }
    if (n >= 4) {
        return load32(a) == load32(b)
               && load32(a + n - 4) == load32(b + n - 4);
    }
    for (size_t i = 0; i < n; i++) {
        if (a[i] != b[i]) {
            return 0;
        }
    }
    return 1;
}

static inline const PyStatic_Module *
probe(const PyStatic_Registry *registry, const char *key, size_t len)
{
    const uint32_t hash = hash_name(key, len);
    const uint32_t mask = registry->table_mask;
    uint32_t i = (hash ^ (hash >> 16)) & mask;
    for (;;) {
        const PyStatic_Slot *slot = &registry->table[i];
        if (slot->entry == 0) {
            return NULL;
        }
        if (slot->hash == hash) {
            const PyStatic_Module *m = &registry->modules[slot->entry - 1];
            if (m->name_len == len
                && same_bytes(registry->strings + m->name, key, len)) {
                return m;
            }
        }
        i = (i + 1) & mask;
    }
}

/* The entry (module or parent package) named by the `len` bytes at `key`,
 * or NULL. */
const PyStatic_Module *
pystatic_registry_probe(const PyStatic_Registry *registry, const char *key,
                        size_t len)
{
    return probe(registry, key, len);
}

const PyStatic_Module *
pystatic_registry_find(const char *name)
{
    const PyStatic_Module *entry = probe(&pystatic_registry, name,
                                         strlen(name));
    if (entry == NULL || (entry->flags & PYSTATIC_MODULE_PARENT)) {
        return NULL;
    }
    return entry;
}

int
pystatic_registry_is_parent(const char *name, size_t len)
{
    const PyStatic_Module *entry = probe(&pystatic_registry, name, len);
    return entry != NULL && (entry->flags & PYSTATIC_MODULE_PARENT) != 0;
}

const PyStatic_Module *
pystatic_registry_lookup(const char *name, size_t len, int *is_parent)
{
    /* One probe answers both questions find_spec() asks: parent packages
     * are entries of the index too. */
    const PyStatic_Module *entry = probe(&pystatic_registry, name, len);
    if (entry != NULL && (entry->flags & PYSTATIC_MODULE_PARENT)) {
        *is_parent = 1;
        return NULL;
    }
    *is_parent = 0;
    return entry;
}

size_t
pystatic_registry_index(const PyStatic_Module *entry)
{
    assert(entry >= pystatic_registry.modules
           && entry < pystatic_registry.modules + pystatic_registry.count);
    return (size_t)(entry - pystatic_registry.modules);
}
