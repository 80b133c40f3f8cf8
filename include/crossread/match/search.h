/* search: finding a pattern in display text, case-insensitively when the
 * pattern has no capital letter (smart case, as less -i and vim do). The
 * scan works in bounded slices so the UI can show progress and cancel. */
#ifndef CROSSREAD_SEARCH_H
#define CROSSREAD_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pattern {
	int32_t *cps; /* folded code points */
	size_t n;
	bool icase;
	char *text; /* as typed */
};

/* Compile pattern text (UTF-8). Returns false for an empty pattern. */
bool search_compile(struct pattern *p, const char *text, size_t len);
void search_free(struct pattern *p);
/* Is there a match starting exactly at pos? Sets *end to its end. */
bool search_match_at(const struct pattern *p, const char *t, size_t len, size_t pos, size_t *end);
/* First match starting in [from, limit) (limit <= len). */
bool search_forward(const struct pattern *p, const char *t, size_t len, size_t from, size_t limit,
		    size_t *ms, size_t *me);
/* Last match starting in [limit, from), scanning backwards from from. */
bool search_backward(const struct pattern *p, const char *t, size_t len, size_t from, size_t limit,
		     size_t *ms, size_t *me);

#endif
