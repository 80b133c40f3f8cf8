/* diag: problems found in input files, reported as
 * FILE:LINE:COL: error|warning: message (lines and columns 1-based). */
#ifndef CROSSREAD_DIAG_H
#define CROSSREAD_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum diag_severity { DIAG_ERROR, DIAG_WARNING };

struct diag {
	char *file;
	int line, col;
	enum diag_severity severity;
	char *msg;
};

struct diag_list {
	struct diag *items;
	size_t n, cap;
	size_t errors, warnings;
};

void diag_add(struct diag_list *d, const char *file, int line, int col, enum diag_severity sev,
	      const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Print every diagnostic, one per line, sanitised for the terminal. */
void diag_print(const struct diag_list *d, FILE *out);
void diag_free(struct diag_list *d);

#endif
