/*
 * Reading the pack of a single-file binary (include/pystatic/pack.h):
 * validation once at start-up, then binary searches over the sorted
 * module and file tables.  No allocation, no Python API.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdio.h>
#include <string.h>

#include "pystatic_pack.h"

/* Defined by the generated assembler file of a single-file binary. */
extern const unsigned char pystatic_pack_data[] __attribute__((weak));
extern const unsigned char pystatic_pack_end[] __attribute__((weak));

const unsigned char *
pystatic_pack_linked(size_t *size)
{
    const unsigned char *start = pystatic_pack_data;
    const unsigned char *end = pystatic_pack_end;
    if (start == NULL || end == NULL || end < start) {
        *size = 0;
        return NULL;
    }
    *size = (size_t)(end - start);
    return start;
}

/* Bytewise order of (a, alen) and (b, blen), shorter first on a tie. */
static int
compare(const char *a, size_t alen, const char *b, size_t blen)
{
    int c = memcmp(a, b, alen < blen ? alen : blen);
    if (c != 0) {
        return c;
    }
    return alen < blen ? -1 : alen > blen ? 1 : 0;
}

static int
in_bounds(size_t size, uint32_t offset, size_t length)
{
    return (size_t)offset <= size && length <= size - offset;
}

int
pystatic_pack_open(pystatic_pack *pack, const void *data, size_t size,
                   unsigned int python_version, char *err, size_t errsize)
{
    const PyStatic_PackHeader *h = data;

    memset(pack, 0, sizeof *pack);
    if (data == NULL || size < sizeof *h
        || memcmp(h->magic, PYSTATIC_PACK_MAGIC, 8) != 0) {
        snprintf(err, errsize, "the packed program is missing or is not a "
                 "rules_pystatic pack");
        return -1;
    }
    if (h->version != PYSTATIC_PACK_VERSION
        || h->header_size != sizeof *h) {
        snprintf(err, errsize, "the packed program has layout version %u "
                 "(this runtime reads %d); rebuild the binary",
                 (unsigned)h->version, PYSTATIC_PACK_VERSION);
        return -1;
    }
    if (python_version != 0 && h->python_version != python_version) {
        snprintf(err, errsize, "the packed program was compiled for Python "
                 "%u.%u, the runtime for Python %u.%u; build every part "
                 "against one Python",
                 (unsigned)h->python_version >> 8,
                 (unsigned)h->python_version & 0xFF, python_version >> 8,
                 python_version & 0xFF);
        return -1;
    }
    if (h->total_size != size
        || h->module_offset % 4 != 0 || h->file_offset % 4 != 0
        || !in_bounds(size, h->module_offset,
                      (size_t)h->module_count * sizeof(PyStatic_PackModule))
        || !in_bounds(size, h->file_offset,
                      (size_t)h->file_count * sizeof(PyStatic_PackFile))
        || (h->main_module != PYSTATIC_PACK_NONE
            && h->main_module >= h->module_count)) {
        snprintf(err, errsize, "the packed program's header is damaged "
                 "(size %zu, header says %u)", size,
                 (unsigned)h->total_size);
        return -1;
    }
    pack->base = data;
    pack->size = size;
    pack->header = h;
    pack->modules = (const PyStatic_PackModule *)(pack->base
                                                  + h->module_offset);
    pack->files = (const PyStatic_PackFile *)(pack->base + h->file_offset);

    for (uint32_t i = 0; i < h->file_count; i++) {
        const PyStatic_PackFile *f = &pack->files[i];
        if (!in_bounds(size, f->path_offset, f->path_size)
            || (pystatic_pack_file_carried(f)
                ? !in_bounds(size, f->data_offset, f->data_size)
                : f->data_size != 0)
            || f->path_size == 0) {
            snprintf(err, errsize, "packed file %u points outside the pack",
                     (unsigned)i);
            goto error;
        }
        if (i > 0) {
            const PyStatic_PackFile *p = &pack->files[i - 1];
            if (compare(pystatic_pack_bytes(pack, p->path_offset),
                        p->path_size,
                        pystatic_pack_bytes(pack, f->path_offset),
                        f->path_size) >= 0) {
                snprintf(err, errsize, "packed files are out of order at "
                         "%u", (unsigned)i);
                goto error;
            }
        }
    }
    for (uint32_t i = 0; i < h->module_count; i++) {
        const PyStatic_PackModule *m = &pack->modules[i];
        if (!in_bounds(size, m->name_offset, m->name_size)
            || !in_bounds(size, m->code_offset, m->code_size)
            || m->name_size == 0
            || (m->file != PYSTATIC_PACK_NONE && m->file >= h->file_count)
            || ((m->flags & PYSTATIC_PACK_EXTENSION)
                && m->file == PYSTATIC_PACK_NONE)
            || ((m->flags & PYSTATIC_PACK_LEFT_OUT)
                && (m->flags != PYSTATIC_PACK_LEFT_OUT
                    || m->code_size != 0
                    || m->file != PYSTATIC_PACK_NONE))) {
            snprintf(err, errsize, "packed module %u is damaged",
                     (unsigned)i);
            goto error;
        }
        if (i > 0) {
            const PyStatic_PackModule *p = &pack->modules[i - 1];
            if (compare(pystatic_pack_bytes(pack, p->name_offset),
                        p->name_size,
                        pystatic_pack_bytes(pack, m->name_offset),
                        m->name_size) >= 0) {
                snprintf(err, errsize, "packed modules are out of order at "
                         "%u", (unsigned)i);
                goto error;
            }
        }
    }
    return 0;

error:
    memset(pack, 0, sizeof *pack);
    return -1;
}

const PyStatic_PackModule *
pystatic_pack_find_module(const pystatic_pack *pack, const char *name,
                          size_t len)
{
    size_t lo = 0, hi = pack->header != NULL ? pack->header->module_count : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const PyStatic_PackModule *m = &pack->modules[mid];
        int c = compare(pystatic_pack_bytes(pack, m->name_offset),
                        m->name_size, name, len);
        if (c == 0) {
            return m;
        }
        if (c < 0) {
            lo = mid + 1;
        }
        else {
            hi = mid;
        }
    }
    return NULL;
}

size_t
pystatic_pack_file_lower_bound(const pystatic_pack *pack, const char *path,
                               size_t len)
{
    size_t lo = 0, hi = pack->header != NULL ? pack->header->file_count : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const PyStatic_PackFile *f = &pack->files[mid];
        if (compare(pystatic_pack_bytes(pack, f->path_offset), f->path_size,
                    path, len) < 0) {
            lo = mid + 1;
        }
        else {
            hi = mid;
        }
    }
    return lo;
}

const PyStatic_PackFile *
pystatic_pack_find_file(const pystatic_pack *pack, const char *path,
                        size_t len)
{
    size_t i = pystatic_pack_file_lower_bound(pack, path, len);
    if (pack->header == NULL || i >= pack->header->file_count) {
        return NULL;
    }
    const PyStatic_PackFile *f = &pack->files[i];
    if (compare(pystatic_pack_bytes(pack, f->path_offset), f->path_size,
                path, len) != 0) {
        return NULL;
    }
    return f;
}

int
pystatic_pack_path_kind(const pystatic_pack *pack, const char *path,
                        size_t len)
{
    if (pack->header == NULL) {
        return 0;
    }
    if (len == 0) {
        return pack->header->file_count > 0 ? 2 : 0;
    }
    if (pystatic_pack_find_file(pack, path, len) != NULL) {
        return 1;
    }
    /* A directory: the first path after "<path>/" starts with it.  '/' is
     * not the smallest byte, so search for the prefix itself. */
    char buf[4096];
    if (len + 1 > sizeof buf) {
        return 0;
    }
    memcpy(buf, path, len);
    buf[len] = '/';
    size_t i = pystatic_pack_file_lower_bound(pack, buf, len + 1);
    if (i >= pack->header->file_count) {
        return 0;
    }
    const PyStatic_PackFile *f = &pack->files[i];
    return f->path_size > len + 1
           && memcmp(pystatic_pack_bytes(pack, f->path_offset), buf,
                     len + 1) == 0 ? 2 : 0;
}
