/* libFuzzer harness: the claims overview (issue 13) of a story from memory.
 * The input is an annotation file, then (after each NUL byte) the Markdown
 * of its articles in order, as fuzz_story reads it. The overview is built,
 * every line written (speakers, quotes, notes on links), filtered by a
 * search and a tag taken from the input, and its invariants checked: items
 * in range, each row a link of its head, filters giving a subsequence;
 * the plural test runs on every speaker. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/anchor/anchor.h"
#include "crossread/annot/annot.h"
#include "crossread/base/text.h"
#include "crossread/doc/article.h"
#include "crossread/reader/overview.h"
#include "crossread/reader/reader.h"
#include "crossread/reader/session.h"

static void check(struct reader *r, const struct ov_item *it, size_t n)
{
	const struct annot *an = r->s->an;
	size_t head = ANNOT_NONE;
	for (size_t i = 0; i < n; i++) {
		if (it[i].claim != ANNOT_NONE && it[i].claim >= an->nclaims)
			__builtin_trap();
		if (it[i].kind == OV_ACCUSATION || it[i].kind == OV_LINKED)
			head = it[i].claim;
		if (it[i].kind == OV_ANSWER) {
			if (it[i].link >= an->nlinks || head == ANNOT_NONE)
				__builtin_trap();
			const struct link *l = &an->links[it[i].link];
			if ((l->from_i != head || l->to_i != it[i].claim) &&
			    (l->to_i != head || l->from_i != it[i].claim))
				__builtin_trap();
		}
		struct buf b = {0};
		overview_line(r, &it[i], &b);
		if (!b.s || memchr(b.s, '\0', b.len))
			__builtin_trap();
		buf_free(&b);
	}
}

/* v[0..k) must be a subsequence of all[0..n) */
static void check_subsequence(const struct ov_item *all, size_t n, const struct ov_item *v,
			      size_t k)
{
	size_t j = 0;
	for (size_t i = 0; i < n && j < k; i++)
		if (!memcmp(&all[i], &v[j], sizeof *v))
			j++;
	if (j != k)
		__builtin_trap();
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
	s.anchored = true;
	for (size_t c = 0; c < s.an->nclaims; c++)
		(void)overview_plural(s.an->claims[c].by);
	struct reader r;
	memset(&r, 0, sizeof r);
	r.s = &s;
	struct ov_item *all;
	size_t n = session_overview(&s, &all);
	check(&r, all, n);
	/* a search and a tag from the input: a speaker and a tag it has */
	const char *pat = s.an->nclaims && s.an->claims[0].by ? s.an->claims[0].by : "a";
	const char *tag = NULL;
	for (size_t c = 0; c < s.an->nclaims && !tag; c++)
		if (s.an->claims[c].ntags)
			tag = s.an->claims[c].tags[0];
	size_t fl;
	char *fpat = text_fold_string(pat, strlen(pat), TEXT_FOLD_CASE, &fl);
	struct ov_item *v;
	size_t k = overview_filter(&r, all, n, fpat, tag, &v);
	check_subsequence(all, n, v, k);
	check(&r, v, k);
	free(v);
	k = overview_filter(&r, all, n, fpat, NULL, &v);
	check_subsequence(all, n, v, k);
	free(v);
	free(fpat);
	/* notes on links and articles: indexes in range */
	for (size_t l = 0; l < s.an->nlinks; l++) {
		const size_t *notes;
		size_t m = session_link_notes(&s, l, &notes);
		for (size_t i = 0; i < m; i++)
			if (notes[i] >= s.an->nnotes)
				__builtin_trap();
	}
	for (size_t a = 0; a < s.an->narticles; a++) {
		const size_t *notes;
		size_t m = session_article_notes(&s, a, &notes);
		for (size_t i = 0; i < m; i++)
			if (notes[i] >= s.an->nnotes ||
			    strcmp(s.an->notes[notes[i]].on, s.an->articles[a].id))
				__builtin_trap();
	}
	free(all);
	session_close(&s);
	return 0;
}
