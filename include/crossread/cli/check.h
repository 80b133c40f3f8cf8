/* check: `crossread check FILE.yaml`, the annotation file validator. Loads
 * the file alone (never the personal layer), opens every article it names,
 * anchors every claim, and prints each problem as FILE:LINE:COL. */
#ifndef CROSSREAD_CHECK_H
#define CROSSREAD_CHECK_H

#include <stdio.h>

/* Print diagnostics to out, then, only when no error was found, one summary
 * line "check: N articles, N claims, N links, N notes, 0 orphans".
 * Returns 0 when clean (warnings allowed), 1 when problems were found
 * (schema errors, orphaned quotes), 2 when the file is unreadable or not
 * YAML, or an article it names cannot be opened. */
int check_run(const char *path, FILE *out);

#endif
