/* libFuzzer harness: the input is split at NUL bytes into up to five
 * articles' texts (three when there is no NUL: thirds), every pair is
 * matched and the pairs grouped (group.h). Each group must hold two or more
 * sentences, of distinct articles in order, inside their texts; each of its
 * pairs must join two of its sentences; its score is their sum; groups and
 * rebuttals come best first. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/match/group.h"
#include "crossread/match/match.h"

enum { MAXA = 5 };

static int has_sent(const struct match_group *g, size_t art, size_t start)
{
	for (size_t i = 0; i < g->nsent; i++)
		if (g->sent[i].art == art && g->sent[i].start == start)
			return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *d = (const char *)data;
	const char *txt[MAXA];
	size_t len[MAXA], n = 0;
	if (memchr(d, 0, size)) {
		size_t s = 0;
		for (size_t i = 0; i <= size && n < MAXA; i++)
			if (i == size || d[i] == 0) {
				txt[n] = d + s;
				len[n++] = i - s;
				s = i + 1;
			}
	} else {
		for (n = 0; n < 3; n++) {
			txt[n] = d + size * n / 3;
			len[n] = size * (n + 1) / 3 - size * n / 3;
		}
	}
	struct group_input in[MAXA * (MAXA - 1) / 2];
	struct match_pair *pv[MAXA * (MAXA - 1) / 2];
	size_t k = 0;
	for (size_t a = 0; a < n; a++)
		for (size_t b = a + 1; b < n; b++, k++) {
			size_t np = match_articles(txt[a], len[a], txt[b], len[b], NULL, &pv[k]);
			/* the odd pairs reversed: grouping turns them back */
			in[k] = k % 2 ? (struct group_input){b, a, NULL, 0}
				      : (struct group_input){a, b, pv[k], np};
			if (k % 2) {
				for (size_t i = 0; i < np; i++) {
					struct match_pair m = pv[k][i];
					pv[k][i].a_start = m.b_start;
					pv[k][i].a_end = m.b_end;
					pv[k][i].b_start = m.a_start;
					pv[k][i].b_end = m.a_end;
					pv[k][i].sa = m.sb;
					pv[k][i].sb = m.sa;
				}
				in[k].pairs = pv[k];
				in[k].npairs = np;
			}
		}
	struct match_groups g;
	match_group(n, in, k, &g);
	for (size_t q = 0; q < g.ngroups; q++) {
		const struct match_group *gr = &g.groups[q];
		if (gr->nsent < 2 || gr->npairs + 1 < gr->nsent)
			__builtin_trap();
		for (size_t i = 0; i < gr->nsent; i++) {
			const struct group_sentence *s = &gr->sent[i];
			if (s->art >= n || s->start >= s->end || s->end > len[s->art] ||
			    (i && gr->sent[i - 1].art >= s->art))
				__builtin_trap();
		}
		double sum = 0;
		for (size_t i = 0; i < gr->npairs; i++) {
			const struct group_pair *p = &gr->pairs[i];
			if (p->a >= p->b || !has_sent(gr, p->a, p->m.a_start) ||
			    !has_sent(gr, p->b, p->m.b_start))
				__builtin_trap();
			sum += p->m.score;
		}
		if (sum - gr->score > 1e-9 || gr->score - sum > 1e-9)
			__builtin_trap();
		if (q && g.groups[q - 1].score < gr->score)
			__builtin_trap();
	}
	for (size_t i = 0; i < g.nrebuts; i++)
		if (g.rebuts[i].a >= g.rebuts[i].b || g.rebuts[i].m.a_end > len[g.rebuts[i].a] ||
		    g.rebuts[i].m.b_end > len[g.rebuts[i].b] ||
		    (i && g.rebuts[i - 1].m.score < g.rebuts[i].m.score))
			__builtin_trap();
	match_groups_free(&g);
	for (size_t i = 0; i < k; i++)
		free(pv[i]);
	return 0;
}
