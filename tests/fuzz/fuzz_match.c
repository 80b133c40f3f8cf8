/* libFuzzer harness: the input is split in two halves (at the first NUL
 * byte if there is one, else in the middle) and each half taken as an
 * article's text. The splitter and the matcher must give ranges inside
 * their text, start < end, on UTF-8 boundaries (places a decoding walk from
 * the start reaches), and pairs best first. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/match/match.h"
#include "crossread/doc/sentence.h"
#include "crossread/base/text.h"
#include "crossread/base/util.h"

/* boundary[i] is true when a decoding walk from 0 stops at i */
static bool *boundaries(const char *t, size_t n)
{
	bool *b = xcalloc(n + 1, sizeof *b);
	for (size_t i = 0; i < n;) {
		b[i] = true;
		int32_t cp;
		i += text_decode(t + i, n - i, &cp);
	}
	b[n] = true;
	return b;
}

static void check_range(const bool *b, size_t n, size_t start, size_t end)
{
	if (start >= end || end > n || !b[start] || !b[end])
		__builtin_trap();
}

static void check_sentences(const char *t, size_t n, const bool *b)
{
	struct sentence *sv;
	size_t k = sentence_split(t, n, &sv);
	for (size_t i = 0; i < k; i++) {
		check_range(b, n, sv[i].start, sv[i].end);
		if (i && sv[i].start < sv[i - 1].end)
			__builtin_trap();
	}
	free(sv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *d = (const char *)data;
	const char *z = memchr(d, '\0', size);
	size_t an = z ? (size_t)(z - d) : size / 2;
	size_t bo = z ? an + 1 : an;
	/* copies, so that reading past either text is caught */
	char *a = xstrndup(d, an), *b = xstrndup(d + bo, size - bo);
	size_t bn = size - bo;
	bool *ba = boundaries(a, an), *bb = boundaries(b, bn);
	check_sentences(a, an, ba);
	check_sentences(b, bn, bb);

	struct match_opts o;
	match_opts_default(&o);
	o.min_score = 0;
	o.stem = size & 1;
	struct match_pair *pv;
	size_t n = match_articles(a, an, b, bn, &o, &pv);
	for (size_t i = 0; i < n; i++) {
		check_range(ba, an, pv[i].a_start, pv[i].a_end);
		check_range(bb, bn, pv[i].b_start, pv[i].b_end);
		if (i && pv[i].score > pv[i - 1].score)
			__builtin_trap();
		if (!(pv[i].score >= 0 && pv[i].score < 1))
			__builtin_trap();
		if (pv[i].rel != REL_SAME && pv[i].rel != REL_REBUTS &&
		    pv[i].rel != REL_CONTRADICTS)
			__builtin_trap();
		/* a contradiction names two numbers: digits and dots only */
		bool contra = pv[i].rel == REL_CONTRADICTS;
		if (contra != (pv[i].a_number[0] != '\0') || contra != (pv[i].b_number[0] != '\0'))
			__builtin_trap();
		for (const char *c = pv[i].a_number; *c; c++)
			if (!((*c >= '0' && *c <= '9') || *c == '.'))
				__builtin_trap();
		for (const char *c = pv[i].b_number; *c; c++)
			if (!((*c >= '0' && *c <= '9') || *c == '.'))
				__builtin_trap();
	}
	free(pv);
	free(ba);
	free(bb);
	free(a);
	free(b);
	return 0;
}
