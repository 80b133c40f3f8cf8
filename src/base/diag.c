/* diag: collects FILE:LINE:COL problems and prints them sanitised. */
#include "crossread/base/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/base/text.h"
#include "crossread/base/util.h"

void diag_add(struct diag_list *d, const char *file, int line, int col, enum diag_severity sev,
	      const char *fmt, ...)
{
	GROW(d->items, d->cap, d->n + 1);
	struct diag *g = &d->items[d->n++];
	g->file = xstrdup(file ? file : "-");
	g->line = line;
	g->col = col;
	g->severity = sev;
	struct buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n > 0) {
		buf_reserve(&b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b.s, (size_t)n + 1, fmt, ap);
		va_end(ap);
		b.len = (size_t)n;
	}
	g->msg = buf_detach(&b);
	if (sev == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
}

void diag_print(const struct diag_list *d, FILE *out)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *g = &d->items[i];
		char *file = text_sanitize(g->file, strlen(g->file), false);
		char *msg = text_sanitize(g->msg, strlen(g->msg), false);
		fprintf(out, "%s:%d:%d: %s: %s\n", file, g->line, g->col,
			g->severity == DIAG_ERROR ? "error" : "warning", msg);
		free(file);
		free(msg);
	}
}

void diag_free(struct diag_list *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->items[i].file);
		free(d->items[i].msg);
	}
	free(d->items);
	memset(d, 0, sizeof *d);
}
