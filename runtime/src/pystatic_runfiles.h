/* runfiles.c: finding the runfiles directory (see pystatic/program.h). */
#ifndef PYSTATIC_RUNFILES_H
#define PYSTATIC_RUNFILES_H

/* malloc'ed realpath of /proc/self/exe, or NULL. */
char *pystatic_executable_path(void);

/* malloc'ed runfiles directory, or NULL if none was found. */
char *pystatic_find_runfiles(const char *argv0);

/* `path` made absolute: itself if absolute, else joined to `runfiles`.
 * 0 and *out malloc'ed; -1 out of memory; -2 relative without runfiles. */
int pystatic_resolve_path(const char *path, const char *runfiles,
                          char **out);

#endif /* PYSTATIC_RUNFILES_H */
