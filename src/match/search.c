/* search: smart-case pattern search over display text, in the one fold of
 * text.h (white space runs, quotes and dashes, NFKC, case when the pattern
 * has no capital), by memmem (glibc's Two-Way: linear in text and pattern)
 * over a folded copy of the part searched, mapped back to display offsets. */
#define _GNU_SOURCE /* memmem */
#include "crossread/match/search.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "crossread/base/text.h"
#include "crossread/base/util.h"

/* display bytes folded at a time: a hit near the start costs little */
#define FOLD_CHUNK ((size_t)16 << 10)

static _Thread_local uint64_t work;

uint64_t search_work(void)
{
	return work;
}

bool search_compile(struct pattern *p, const char *text, size_t len)
{
	memset(p, 0, sizeof *p);
	if (!len)
		return false;
	p->text = xstrndup(text, len);
	p->icase = true;
	for (size_t i = 0; i < len;) {
		int32_t cp;
		i += text_decode(text + i, len - i, &cp);
		if (utf8proc_isupper(cp))
			p->icase = false;
	}
	p->flags = p->icase ? TEXT_FOLD_CASE : 0;
	p->fold = text_fold_string(text, len, p->flags, &p->n);
	text_fold_init(&p->scratch, p->flags, true);
	if (!p->n) {
		search_free(p);
		return false;
	}
	return true;
}

void search_free(struct pattern *p)
{
	free(p->fold);
	free(p->text);
	if (p->scratch.s)
		text_fold_free(&p->scratch);
	memset(p, 0, sizeof *p);
}

static size_t cp_start(const char *t, size_t len, size_t i)
{
	while (i < len && ((unsigned char)t[i] & 0xC0) == 0x80)
		i++;
	return i;
}

/* Start folding at display offset i as if folding had begun at the start:
 * inside a run of white space the rest of the run is part of the space
 * already folded (else each space of a run would be a hit of its own). */
static void fold_from(struct pattern *p, const char *t, size_t i)
{
	text_fold_reset(&p->scratch);
	if (i == 0)
		return;
	size_t k = i - 1;
	while (k > 0 && ((unsigned char)t[k] & 0xC0) == 0x80)
		k--;
	int32_t cp;
	text_decode(t + k, i - k, &cp);
	char out[TEXT_FOLD_CP_MAX];
	bool same;
	size_t n = text_fold_cp_into(cp, p->flags, out, &same);
	p->scratch.last_space = n == 1 && out[0] == ' ';
}

/* fold display [*at, next chunk) onto the scratch fold; false at the end */
static bool fold_more(struct pattern *p, const char *t, size_t len, size_t *at, size_t chunk)
{
	if (*at >= len)
		return false;
	size_t e = cp_start(t, len, *at + chunk < len ? *at + chunk : len);
	text_fold_append(&p->scratch, t, *at, e);
	work += e - *at;
	*at = e;
	return true;
}

bool search_forward(struct pattern *p, const char *t, size_t len, size_t from, size_t limit,
		    size_t *ms, size_t *me)
{
	if (!p->n)
		return false;
	if (limit > len)
		limit = len;
	from = cp_start(t, len, from);
	if (from >= limit)
		return false;
	struct text_fold *f = &p->scratch;
	fold_from(p, t, from);
	size_t at = from, scanned = 0, chunk = FOLD_CHUNK;
	for (;;) {
		/* up to the limit in growing chunks, then a little at a time:
		 * only a hit starting before the limit needs what lies after */
		size_t step =
		    at < limit ? (limit - at < chunk ? limit - at : chunk) : p->n * 4 + 64;
		bool more = fold_more(p, t, len, &at, step);
		chunk = size_mul(chunk, 2);
		if (f->len >= p->n) {
			const char *hit = memmem(f->s + scanned, f->len - scanned, p->fold, p->n);
			work += f->len - scanned;
			if (hit) {
				size_t i = (size_t)(hit - f->s);
				size_t s = text_fold_start(f, i);
				if (s >= limit)
					return false;
				*ms = s;
				*me = text_fold_end(f, i + p->n - 1);
				return true;
			}
			/* a hit may still start in the last n - 1 bytes */
			scanned = f->len - (p->n - 1);
			/* nothing can start before the limit any more */
			if (at >= limit && text_fold_of(f, limit) <= scanned)
				return false;
		}
		if (!more)
			return false;
	}
}

bool search_match_at(struct pattern *p, const char *t, size_t len, size_t pos, size_t *end)
{
	size_t ms, me;
	if (!p->n || pos >= len || ((unsigned char)t[pos] & 0xC0) == 0x80)
		return false;
	if (!search_forward(p, t, len, pos, pos + 1, &ms, &me) || ms != pos)
		return false;
	*end = me;
	return true;
}

bool search_backward(struct pattern *p, const char *t, size_t len, size_t from, size_t limit,
		     size_t *ms, size_t *me)
{
	if (!p->n)
		return false;
	if (from > len)
		from = len;
	limit = cp_start(t, len, limit);
	if (limit >= from)
		return false;
	/* fold [limit, from) and enough after it for a hit starting before
	 * from, then look for the last hit in the reversed bytes: one linear
	 * scan, however often the pattern repeats itself */
	struct text_fold *f = &p->scratch;
	fold_from(p, t, limit);
	size_t at = limit;
	fold_more(p, t, len, &at, from - limit);
	size_t lim_f = f->len;
	while (f->len < lim_f + p->n - 1 && fold_more(p, t, len, &at, p->n * 4 + 64))
		;
	if (f->len < p->n || lim_f == 0)
		return false;
	char *rev = xmalloc(f->len);
	for (size_t i = 0; i < f->len; i++)
		rev[i] = f->s[f->len - 1 - i];
	char *rpat = xmalloc(p->n);
	for (size_t i = 0; i < p->n; i++)
		rpat[i] = p->fold[p->n - 1 - i];
	/* a hit starting at folded i < lim_f ends reversed at f->len - i */
	size_t r0 = f->len - p->n + 1 > lim_f ? f->len - p->n + 1 - lim_f : 0;
	const char *hit = memmem(rev + r0, f->len - r0, rpat, p->n);
	work += f->len - r0;
	bool found = false;
	if (hit) {
		size_t i = f->len - (size_t)(hit - rev) - p->n;
		*ms = text_fold_start(f, i);
		*me = text_fold_end(f, i + p->n - 1);
		found = *ms < from && *ms >= limit;
	}
	free(rpat);
	free(rev);
	return found;
}
