/* search: finding a pattern in display text, case-insensitively when the
 * pattern has no capital letter (smart case, as less -i and vim do), in the
 * fold anchoring uses too (text.h: curly and straight quotes, dashes, white
 * space runs, NFKC: `china's` finds "China’s", `3` finds "３"). The scan
 * works in bounded slices so the UI can show progress and cancel. */
#ifndef CROSSREAD_SEARCH_H
#define CROSSREAD_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crossread/base/text.h"

struct pattern {
	char *fold; /* the pattern in text.h's fold */
	size_t n;   /* its length in bytes (> 0 once compiled) */
	bool icase;
	unsigned flags;		  /* the fold's: TEXT_FOLD_CASE when icase */
	char *text;		  /* as typed */
	struct text_fold scratch; /* the part of a text being searched, folded */
};

/* Compile pattern text (UTF-8). Returns false for an empty pattern (or one
 * that folds to nothing). */
bool search_compile(struct pattern *p, const char *text, size_t len);
void search_free(struct pattern *p);
/* Is there a match starting exactly at pos? Sets *end to its end. */
bool search_match_at(struct pattern *p, const char *t, size_t len, size_t pos, size_t *end);
/* First match starting in [from, limit) (limit <= len). Work is linear in
 * what it folds: up to the hit, or limit plus the pattern's length. */
bool search_forward(struct pattern *p, const char *t, size_t len, size_t from, size_t limit,
		    size_t *ms, size_t *me);
/* Last match starting in [limit, from), scanning backwards from from. */
bool search_backward(struct pattern *p, const char *t, size_t len, size_t from, size_t limit,
		     size_t *ms, size_t *me);
/* Bytes folded and scanned by searches on this thread so far (tests hold
 * it linear in the text, without timing). */
uint64_t search_work(void);

#endif
