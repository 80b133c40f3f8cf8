/* path: file name arithmetic, in one place: a path's directory and base
 * name, a name resolved against the file it was written in, one path made
 * relative to a directory, and whether two names are the same file. */
#ifndef CROSSREAD_PATH_H
#define CROSSREAD_PATH_H

#include <stdbool.h>

/* the directory part ("." if none, "/" for a file at the root); free it */
char *path_dir(const char *path);
/* the part after the last slash (a pointer into path) */
const char *path_base(const char *path);
/* the base name without its last extension (".hidden" stays); free it */
char *path_base_noext(const char *path);
/* rel as written in the file `from` (absolute: itself; else relative to
 * from's directory); free it */
char *path_resolve(const char *from, const char *rel);
/* target as a path relative to directory dir (both made absolute through
 * realpath); target itself if either cannot be resolved; free it */
char *path_relative(const char *dir, const char *target);
/* the same name, or the same file once both are resolved */
bool path_same_file(const char *a, const char *b);

#endif
