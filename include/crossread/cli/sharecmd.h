/* sharecmd: the commands that share a story with people and tools outside
 * crossread: `export` (Markdown, HTML, W3C JSON-LD, CSV), `import` (W3C
 * and Hypothesis JSON into the personal layer) and `merge-file` (git's
 * merge driver for annotation and notes files). */
#ifndef CROSSREAD_SHARECMD_H
#define CROSSREAD_SHARECMD_H

#include <stdio.h>

/* argv[0] is the command's name. Each returns the exit status: 0 ok, 1
 * problems found (merge-file: conflicts), 2 unusable input or usage. */
int sharecmd_export(int argc, char **argv, FILE *out);
int sharecmd_import(int argc, char **argv, FILE *out);
int sharecmd_merge_file(int argc, char **argv, FILE *out);

#endif
