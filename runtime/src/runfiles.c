/*
 * Where the program's relative paths point: the runfiles directory, found
 * as program.h says ($RUNFILES_DIR, then "<resolved /proc/self/exe>.runfiles",
 * then "<argv[0]>.runfiles"), and the resolution of one program path.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pystatic_runfiles.h"

static int
is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static char *
concat(const char *a, const char *sep, const char *b)
{
    size_t size = strlen(a) + strlen(sep) + strlen(b) + 1;
    char *out = malloc(size);
    if (out != NULL) {
        snprintf(out, size, "%s%s%s", a, sep, b);
    }
    return out;
}

char *
pystatic_executable_path(void)
{
    return realpath("/proc/self/exe", NULL);
}

char *
pystatic_find_runfiles(const char *argv0)
{
    const char *env = getenv("RUNFILES_DIR");
    if (env != NULL && env[0] != '\0') {
        return strdup(env);
    }
    char *exe = pystatic_executable_path();
    if (exe != NULL) {
        char *dir = concat(exe, "", ".runfiles");
        free(exe);
        if (dir != NULL && is_directory(dir)) {
            return dir;
        }
        free(dir);
    }
    if (argv0 != NULL && argv0[0] != '\0') {
        char *dir = concat(argv0, "", ".runfiles");
        if (dir != NULL && is_directory(dir)) {
            char *real = realpath(dir, NULL);
            free(dir);
            return real;
        }
        free(dir);
    }
    return NULL;
}

int
pystatic_resolve_path(const char *path, const char *runfiles, char **out)
{
    *out = NULL;
    if (path[0] == '/') {
        *out = strdup(path);
        return *out != NULL ? 0 : -1;
    }
    if (runfiles == NULL) {
        return -2;
    }
    *out = concat(runfiles, "/", path);
    return *out != NULL ? 0 : -1;
}
