/*
 * Unit test of the registry lookups (runtime/src/registry.c) against a
 * brute-force scan, over a generated registry of a few thousand names chosen
 * to sit next to each other in byte order: "pkg", "pkg-x", "pkg+", "pkg.a",
 * "pkg/", "pkg0", "pkga", non-ASCII names, and so on.
 *
 * Built and run by test_runtime.py with the registry from
 * harness.registry_source(); prints "ok" and exits 0, or names the first
 * wrong answer and exits 1.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdio.h>
#include <string.h>

#include "pystatic_internal.h"

static const PyStatic_Module *
brute_find(const char *name)
{
    for (size_t i = 0; i < pystatic_registry.count; i++) {
        const PyStatic_Module *m = &pystatic_registry.modules[i];
        if (strcmp(pystatic_entry_name(m), name) == 0) {
            return &pystatic_registry.modules[i];
        }
    }
    return NULL;
}

static int
brute_is_parent(const char *name)
{
    size_t len = strlen(name);
    for (size_t i = 0; i < pystatic_registry.count; i++) {
        const char *other =
            pystatic_entry_name(&pystatic_registry.modules[i]);
        if (strncmp(other, name, len) == 0 && other[len] == '.') {
            return 1;
        }
    }
    return 0;
}

static int failures;

static void
check(const char *name)
{
    const PyStatic_Module *fast = pystatic_registry_find(name);
    const PyStatic_Module *slow = brute_find(name);
    if (fast != slow) {
        printf("find(\"%s\") = %s, expected %s\n", name,
               fast ? pystatic_entry_name(fast) : "NULL",
               slow ? pystatic_entry_name(slow) : "NULL");
        failures++;
    }
    if (fast != NULL && pystatic_registry_index(fast)
                        != (size_t)(fast - pystatic_registry.modules)) {
        printf("index of \"%s\" is wrong\n", name);
        failures++;
    }
    /* A registered module is never also reported as a served parent. */
    int parent = pystatic_registry_is_parent(name, strlen(name));
    if (parent != (slow == NULL && brute_is_parent(name))) {
        printf("is_parent(\"%s\") = %d, expected %d\n", name, parent,
               !parent);
        failures++;
    }
    /* The finder's single search must agree with both. */
    int lookup_parent = -1;
    const PyStatic_Module *both = pystatic_registry_lookup(
        name, strlen(name), &lookup_parent);
    if (both != slow
        || (slow == NULL && lookup_parent != brute_is_parent(name))) {
        printf("lookup(\"%s\") = %s, is_parent %d; expected %s, %d\n", name,
               both ? pystatic_entry_name(both) : "NULL", lookup_parent,
               slow ? pystatic_entry_name(slow) : "NULL",
               brute_is_parent(name));
        failures++;
    }
}

int
main(int argc, char **argv)
{
    char err[512];
    if (PyStatic_CheckRegistry(&pystatic_registry, err, sizeof err) < 0) {
        printf("registry refused: %s\n", err);
        return 1;
    }
    /* Every registered name, every proper prefix of one (at '.' or not),
     * and each of those with a byte appended. */
    static const char *const tails[] = {"", ".", "-", "+", "/", "0", "a",
                                        "\x7f", "\xc3\xa9", ".zz"};
    char buf[512];
    for (size_t i = 0; i < pystatic_registry.count; i++) {
        const char *name =
            pystatic_entry_name(&pystatic_registry.modules[i]);
        size_t len = strlen(name);
        for (size_t cut = 0; cut <= len && cut < 400; cut++) {
            for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
                snprintf(buf, sizeof buf, "%.*s%s", (int)cut, name, tails[t]);
                check(buf);
            }
        }
    }
    for (int i = 1; i < argc; i++) {
        check(argv[i]);
    }
    if (failures) {
        printf("%d wrong answers\n", failures);
        return 1;
    }
    printf("ok\n");
    return 0;
}
