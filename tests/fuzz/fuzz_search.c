/* libFuzzer harness: search_compile on a pattern and search_forward /
 * search_backward over a text, split from the input at the first NUL byte
 * (the text is cleaned as display text is). Every hit must lie in the text
 * on character boundaries and fold to something holding the folded
 * pattern; the last hit forward must be the first one backward. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/base/text.h"
#include "crossread/match/search.h"

static bool holds(const char *h, size_t hn, const char *n, size_t nn)
{
	for (size_t i = 0; i + nn <= hn; i++)
		if (memcmp(h + i, n, nn) == 0)
			return true;
	return false;
}

static bool boundary(const char *t, size_t len, size_t i)
{
	return i == len || ((unsigned char)t[i] & 0xC0) != 0x80;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	const char *z = memchr(in, '\0', size);
	if (!z)
		return 0;
	size_t pl = (size_t)(z - in), tl;
	char *text = text_clean(z + 1, size - pl - 1, &tl);
	struct pattern p;
	if (!search_compile(&p, in, pl)) {
		free(text);
		return 0;
	}
	size_t from = 0, ms, me, last = SIZE_MAX;
	while (search_forward(&p, text, tl, from, tl, &ms, &me)) {
		if (ms < from || me <= ms || me > tl || !boundary(text, tl, ms) ||
		    !boundary(text, tl, me))
			__builtin_trap();
		size_t fl;
		char *f = text_fold_string(text + ms, me - ms, p.flags, &fl);
		if (!holds(f, fl, p.fold, p.n))
			__builtin_trap();
		free(f);
		last = ms;
		from = ms + 1;
	}
	bool back = search_backward(&p, text, tl, tl, 0, &ms, &me);
	if (back != (last != SIZE_MAX) || (back && ms != last))
		__builtin_trap();
	search_free(&p);
	free(text);
	return 0;
}
