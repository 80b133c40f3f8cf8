/* libFuzzer harness: a story from memory. The input is an annotation file,
 * then (after each NUL byte) the Markdown of its articles in order, up to
 * SESSION_MAX_ARTICLES. The session is assembled as session_open would
 * (without files), the story built, and its invariants checked: groups
 * within the open articles and ordered by outlets, partners once each in
 * article order, scroll-lock pairs and tops monotonic and in range. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/anchor/anchor.h"
#include "crossread/annot/annot.h"
#include "crossread/doc/article.h"
#include "crossread/reader/session.h"
#include "crossread/reader/story.h"

#define ROW_BYTES 37 /* a stand-in layout: rows of fixed byte counts */

static size_t row_of(void *ctx, size_t art, size_t off)
{
	(void)ctx;
	(void)art;
	return off / ROW_BYTES;
}

static size_t offset_of(void *ctx, size_t art, size_t row)
{
	const struct session *s = ctx;
	size_t off = row * ROW_BYTES;
	return off < s->arts[art]->len ? off : s->arts[art]->len;
}

static size_t nrows(void *ctx, size_t art)
{
	const struct session *s = ctx;
	return s->arts[art]->len / ROW_BYTES + 1;
}

static void check(const struct story *st, struct session *s)
{
	for (size_t g = 0; g < st->ngroups; g++) {
		const struct story_group *gr = &st->groups[g];
		if (gr->nclaims < 2 || gr->noutlets < 1 || gr->noutlets > s->narts)
			__builtin_trap();
		if (g && st->groups[g - 1].noutlets < gr->noutlets)
			__builtin_trap();
		for (size_t j = 0; j < gr->nclaims; j++)
			if (session_claim_art(s, gr->claims[j]) >= s->narts ||
			    story_group_of(st, gr->claims[j]) != g)
				__builtin_trap();
	}
	for (size_t c = 0; c < s->an->nclaims; c++) {
		struct story_partner *p;
		size_t n = story_partners(st, s, c, &p);
		for (size_t i = 0; i < n; i++) {
			if (p[i].claim == c || p[i].art >= s->narts)
				__builtin_trap();
			if (i && (p[i - 1].art > p[i].art || p[i - 1].claim == p[i].claim))
				__builtin_trap();
		}
		free(p);
	}
	struct story_rows rows = {row_of, offset_of, nrows, s};
	for (size_t a = 0; a < s->narts; a++)
		for (size_t b = 0; b < s->narts; b++) {
			struct story_pair *pr;
			size_t np = story_lock_pairs(st, s, a, b, &pr);
			for (size_t i = 1; i < np; i++)
				if (pr[i - 1].off_a > pr[i].off_a || pr[i - 1].off_b > pr[i].off_b)
					__builtin_trap();
			if (a != b) {
				size_t prev = 0;
				for (size_t t = 0; t <= s->arts[a]->len; t += ROW_BYTES) {
					size_t top = story_lock_top(pr, np, a, t, b, 3, &rows);
					if (top > s->arts[b]->len || top < prev)
						__builtin_trap();
					prev = top;
				}
			}
			free(pr);
		}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	const char *z = memchr(p, '\0', size);
	size_t ylen = z ? (size_t)(z - p) : size;
	struct session s;
	memset(&s, 0, sizeof s);
	if (annot_load_mem(&s.an, "story.yaml", p, ylen, LAYER_CURATED, &s.diags) == 2 || !s.an) {
		annot_free(s.an);
		diag_free(&s.diags);
		return 0;
	}
	p = z ? z + 1 : end;
	for (size_t i = 0; i < s.an->narticles && i < SESSION_MAX_ARTICLES; i++) {
		z = p < end ? memchr(p, '\0', (size_t)(end - p)) : NULL;
		size_t len = z ? (size_t)(z - p) : (size_t)(end - p);
		s.arts[i] = article_from_memory("a.md", p, len);
		article_load_all(s.arts[i]);
		s.annot_of[i] = i;
		s.narts = i + 1;
		p = z ? z + 1 : end;
	}
	annot_resolve_links(s.an);
	for (size_t i = 0; i < s.narts; i++)
		anchor_claims_of(s.an, i, s.arts[i]);
	session_reindex(&s);
	struct story st;
	story_build(&st, &s);
	check(&st, &s);
	story_free(&st);
	session_close(&s);
	return 0;
}
