/* libFuzzer harness: anchor_find on text/quote/prefix/suffix split from the
 * input at NUL bytes (first 4 bytes of the input also give the hint). The
 * match must lie within the text, and an exact match must be the quote in
 * normalised form. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/anchor/anchor.h"
#include "crossread/base/util.h"

static const char *next_part(const char **p, const char *end, size_t *len)
{
	const char *s = *p;
	const char *z = s < end ? memchr(s, '\0', (size_t)(end - s)) : NULL;
	*len = z ? (size_t)(z - s) : (size_t)(end - s);
	*p = z ? z + 1 : end;
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 4)
		return 0;
	long hint = (long)(((uint32_t)data[0] << 8) | data[1]) - 1;
	const char *p = (const char *)data + 4, *end = (const char *)data + size;
	size_t tl, ql, pl, sl;
	const char *t = next_part(&p, end, &tl);
	const char *q = next_part(&p, end, &ql);
	const char *pre = next_part(&p, end, &pl);
	const char *suf = next_part(&p, end, &sl);
	char *text = xstrndup(t, tl), *quote = xstrndup(q, ql), *prefix = xstrndup(pre, pl),
	     *suffix = xstrndup(suf, sl);
	struct anchor_match m = anchor_find(text, tl, quote, data[2] & 1 ? prefix : NULL,
					    data[2] & 2 ? suffix : NULL, hint);
	if (m.found) {
		if (m.start >= m.end || m.end > tl)
			__builtin_trap();
		if (m.how == ANCHOR_EXACT || m.how == ANCHOR_HINT) {
			size_t a, b;
			char *nq = anchor_normalize(quote, ql, true, &a);
			char *nt = anchor_normalize(text + m.start, m.end - m.start, true, &b);
			if (a != b || memcmp(nq, nt, a) != 0)
				__builtin_trap();
			free(nq);
			free(nt);
		}
	}
	free(text);
	free(quote);
	free(prefix);
	free(suffix);
	return 0;
}
