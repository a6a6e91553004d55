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
    PyObject *m = NULL, *origin = NULL;
    PyModuleDef *def;

    PyStatic_InitFunc init = load(pack, entry, name);
    if (init == NULL) {
        return NULL;
    }
    const char *utf8 = PyUnicode_AsUTF8(name);
    if (utf8 == NULL) {
        return NULL;
    }
    /* As initfunc.c does for a linked module (which works on registry
     * entries; a packed .so is not one): the init function runs with the
     * package context set, and its result is classified as importdl.c
     * does. */
    const char *old = pystatic_swap_package_context(utf8);
    m = (PyObject *)init();
    pystatic_swap_package_context(old);
    if (m == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_SystemError, "initialization of %s failed "
                         "without raising an exception", utf8);
        }
        return NULL;
    }
    if (PyErr_Occurred()) {
        /* Not decref'd, as importdl.c does: m may be anything. */
        PyErr_Format(PyExc_SystemError, "initialization of %s raised "
                     "unreported exception", utf8);
        return NULL;
    }
    if (Py_TYPE(m) == NULL) {
        PyErr_Format(PyExc_SystemError, "init function of %s returned "
                     "uninitialized object", utf8);
        return NULL;
    }
    if (PyObject_TypeCheck(m, &PyModuleDef_Type)) {
        /* PEP 489; exec_module() runs the exec slots (multiphase.c). */
        return PyModule_FromDefAndSpec((PyModuleDef *)m, spec);
    }
    /* Single-phase: CPython's bookkeeping, as singlephase.c does it for a
     * linked module, without the m_size == -1 dict copy: a second import
     * runs init again. */
    if (pystatic_check_singlephase_allowed(utf8) < 0) {
        goto error;
    }
    def = PyModule_GetDef(m);
    if (def == NULL) {
        PyErr_Format(PyExc_SystemError, "initialization of %s did not "
                     "return an extension module", utf8);
        goto error;
    }
    origin = PyObject_GetAttrString(spec, "origin");
    if (origin == NULL) {
        goto error;
    }
    if (origin != Py_None && PyModule_AddObjectRef(m, "__file__",
                                                   origin) < 0) {
        PyErr_Clear();      /* Not important enough to report, as CPython */
    }
    Py_DECREF(origin);
    PyObject *known = PyState_FindModule(def);      /* borrowed */
    if (known == NULL && PyErr_Occurred()) {
        goto error;
    }
    if (known != m && PyState_AddModule(m, def) < 0) {
        goto error;
    }
    if (PyObject_SetItem(PyImport_GetModuleDict(), name, m) < 0) {
        goto error;
    }
    return m;

error:
    Py_DECREF(m);
    return NULL;
}
