/*
 * Packed extension modules (a toolchain's lib-dynload .so files carried in
 * a single-file binary), loaded from memory: memfd_create() + write() +
 * dlopen("/proc/self/fd/N"), never from a file written to disk.  The init
 * function then runs through the runtime's own code (initfunc.c,
 * multiphase.c, singlephase.c), as for a module linked in.
 *
 * Each .so is loaded once per process: its init function is kept, so a
 * second import (after `del sys.modules[name]`, or in a subinterpreter)
 * reuses the library as CPython's dlopen of one file would.  The memfd
 * stays open (close-on-exec) for as long as the process lives: glibc
 * recognises an already loaded library by the path it was opened with,
 * and a closed descriptor's number is reused, so "/proc/self/fd/N" could
 * otherwise name a new .so while still meaning the old one to dlopen().
 */
#define PY_SSIZE_T_CLEAN  /* Python.h defines _GNU_SOURCE (memfd_create) */
#include <Python.h>

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "pystatic_internal.h"
#include "pystatic_pack.h"

typedef struct {
    PyStatic_InitFunc init;
    int fd;
} loaded_so;

static loaded_so *loaded;     /* one slot per packed module, or NULL */

static void
import_error(PyObject *name, const char *format, const char *detail)
{
    PyObject *msg = PyUnicode_FromFormat(format, name, detail);
    if (msg != NULL) {
        PyErr_SetImportError(msg, name, NULL);
        Py_DECREF(msg);
    }
}

static int
write_all(int fd, const char *data, size_t size)
{
    while (size > 0) {
        ssize_t n = write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        data += n;
        size -= (size_t)n;
    }
    return 0;
}

/* The init function of the packed .so `entry`, loading it on first use;
 * NULL with ImportError set. */
static PyStatic_InitFunc
load(const pystatic_pack *pack, const PyStatic_PackModule *entry,
     PyObject *name)
{
    size_t index = (size_t)(entry - pack->modules);
    PyStatic_InitFunc init = NULL;
    char symbol[256], path[64];
    const char *short_name;
    int fd = -1;
    void *handle;

    assert(entry >= pack->modules
           && index < pack->header->module_count);
    pystatic_lock();
    if (loaded == NULL) {
        loaded = calloc(pack->header->module_count, sizeof(loaded_so));
    }
    if (loaded != NULL) {
        init = loaded[index].init;
    }
    pystatic_unlock();
    if (loaded == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    if (init != NULL) {
        return init;
    }

    const char *utf8 = PyUnicode_AsUTF8(name);
    if (utf8 == NULL) {
        return NULL;
    }
    short_name = strrchr(utf8, '.');
    short_name = short_name != NULL ? short_name + 1 : utf8;
    const PyStatic_PackFile *file = &pack->files[entry->file];

    fd = memfd_create(short_name, MFD_CLOEXEC);
    if (fd < 0) {
        import_error(name, "cannot load the packed extension module %U: "
                     "memfd_create failed: %s", strerror(errno));
        return NULL;
    }
    if (write_all(fd, pystatic_pack_bytes(pack, file->data_offset),
                  file->data_size) < 0) {
        import_error(name, "cannot load the packed extension module %U: "
                     "writing its memfd failed: %s", strerror(errno));
        goto error;
    }
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    Py_BEGIN_ALLOW_THREADS
    handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    Py_END_ALLOW_THREADS
    if (handle == NULL) {
        const char *why = dlerror();
        import_error(name, "cannot load the packed extension module %U "
                     "from memory: %s (it needs the system libraries it "
                     "links, see docs/single_file.md)",
                     why != NULL ? why : "dlopen failed");
        goto error;
    }
    snprintf(symbol, sizeof symbol, "PyInit_%s", short_name);
    init = (PyStatic_InitFunc)dlsym(handle, symbol);
    if (init == NULL) {
        import_error(name, "the packed extension module %U has no init "
                     "function %s", symbol);
        goto error;
    }
    pystatic_lock();
    if (loaded[index].init == NULL) {
        loaded[index].init = init;
        loaded[index].fd = fd;
        fd = -1;
    }
    else {
        init = loaded[index].init;  /* another interpreter was first */
    }
    pystatic_unlock();
    if (fd >= 0) {
        dlclose(handle);    /* a second copy: the first one stays */
        close(fd);
    }
    return init;

error:
    if (fd >= 0) {
        close(fd);
    }
    return NULL;
}

PyObject *
pystatic_pack_create_extension(const pystatic_pack *pack,
                               const PyStatic_PackModule *entry,
                               PyObject *name, PyObject *spec)
{
    PyStatic_InitFunc init = load(pack, entry, name);
    if (init == NULL) {
        return NULL;
    }
#if PY_VERSION_HEX >= 0x030F0000
    /* CPython's loader does it all (initfunc.c); m_size == -1 modules get
     * its dict copies, keyed by name. */
    const char *how;
    return pystatic_create_from_initfunc(init, name, spec, &how);
#else
    PyObject *result, *origin, *module = NULL;

    /* The same steps as a linked module (loader.c), minus the registry:
     * init with the package context set, classified as importdl.c does. */
    switch (pystatic_run_init(init, name, &result)) {
    case PYSTATIC_INIT_MULTIPHASE:
        /* PEP 489; exec_module() runs the exec slots (multiphase.c). */
        return PyModule_FromDefAndSpec((PyModuleDef *)result, spec);
    case PYSTATIC_INIT_SINGLEPHASE:
        origin = PyObject_GetAttrString(spec, "origin");
        if (origin == NULL) {
            Py_DECREF(result);
            return NULL;
        }
        /* No registry entry, so no dict copy for m_size == -1: a second
         * import runs init again (docs/single_file.md). */
        module = pystatic_singlephase_finish(NULL, name, result, origin);
        Py_DECREF(origin);
        return module;
    case PYSTATIC_INIT_ERROR:
        break;
    }
    assert(PyErr_Occurred());
    return NULL;
#endif
}
