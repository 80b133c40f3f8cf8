/* matchcmd: the `crossread match A B` subcommand: matched sentence pairs of
 * two articles as text, TSV or JSON. */
#ifndef CROSSREAD_MATCHCMD_H
#define CROSSREAD_MATCHCMD_H

#include <stdio.h>

/* argv[0] is "match". Returns the exit status: 0 ok, 2 unusable input or a
 * bad option (usage on stderr). */
int matchcmd_run(int argc, char **argv, FILE *out);

#endif
