/*
 * The runtime's one lock, for its process-wide C state (the single-phase
 * dict copies and the import marks).  Interpreters with their own GIL
 * (3.12+) can reach that state at the same time, so the GIL is not enough.
 * Held only around plain loads and stores, never across a call into Python.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <pthread.h>

#include "pystatic_internal.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void
pystatic_lock(void)
{
    pthread_mutex_lock(&lock);
}

void
pystatic_unlock(void)
{
    pthread_mutex_unlock(&lock);
}
