/* search: smart-case pattern search over display text, case folding by
 * utf8proc, one code point at a time so matches map to display offsets. */
#include "crossread/match/search.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "crossread/base/text.h"
#include "crossread/base/util.h"

static int32_t fold(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	utf8proc_int32_t out[4];
	int bc = 0;
	utf8proc_ssize_t n = utf8proc_decompose_char(cp, out, 4, UTF8PROC_CASEFOLD, &bc);
	/* a fold into several code points (ß -> ss) keeps the lower-case form */
	return n == 1 ? out[0] : utf8proc_tolower(cp);
}

bool search_compile(struct pattern *p, const char *text, size_t len)
{
	memset(p, 0, sizeof *p);
	if (!len)
		return false;
	p->text = xstrndup(text, len);
	p->cps = xreallocarray(NULL, len, sizeof *p->cps);
	p->icase = true;
	for (size_t i = 0; i < len;) {
		int32_t cp;
		i += text_decode(text + i, len - i, &cp);
		if (utf8proc_isupper(cp))
			p->icase = false;
		p->cps[p->n++] = cp;
	}
	if (p->icase)
		for (size_t i = 0; i < p->n; i++)
			p->cps[i] = fold(p->cps[i]);
	return true;
}

void search_free(struct pattern *p)
{
	free(p->cps);
	free(p->text);
	memset(p, 0, sizeof *p);
}

bool search_match_at(const struct pattern *p, const char *t, size_t len, size_t pos, size_t *end)
{
	size_t i = pos;
	for (size_t k = 0; k < p->n; k++) {
		if (i >= len)
			return false;
		int32_t cp;
		i += text_decode(t + i, len - i, &cp);
		if (p->icase)
			cp = fold(cp);
		if (cp != p->cps[k])
			return false;
	}
	*end = i;
	return true;
}

/* bytes that can start the pattern's first code point (ASCII fast path) */
static bool first_may_match(const struct pattern *p, unsigned char c)
{
	int32_t f = p->cps[0];
	if (c >= 0x80)
		return true; /* decode and compare in full */
	if (f >= 0x80)
		return false; /* no ASCII letter folds outside ASCII */
	if (p->icase && c >= 'A' && c <= 'Z')
		c = (unsigned char)(c + 32);
	return c == (unsigned char)f;
}

bool search_forward(const struct pattern *p, const char *t, size_t len, size_t from, size_t limit,
		    size_t *ms, size_t *me)
{
	if (!p->n)
		return false;
	if (limit > len)
		limit = len;
	for (size_t i = from; i < limit; i++) {
		unsigned char c = (unsigned char)t[i];
		if ((c & 0xC0) == 0x80)
			continue; /* not a code point start */
		if (!first_may_match(p, c))
			continue;
		size_t e;
		if (search_match_at(p, t, len, i, &e)) {
			*ms = i;
			*me = e;
			return true;
		}
	}
	return false;
}

bool search_backward(const struct pattern *p, const char *t, size_t len, size_t from, size_t limit,
		     size_t *ms, size_t *me)
{
	if (!p->n)
		return false;
	if (from > len)
		from = len;
	for (size_t i = from; i-- > limit;) {
		unsigned char c = (unsigned char)t[i];
		if ((c & 0xC0) == 0x80 || !first_may_match(p, c))
			continue;
		size_t e;
		if (search_match_at(p, t, len, i, &e)) {
			*ms = i;
			*me = e;
			return true;
		}
	}
	return false;
}
