/* story: a story of N articles as a whole: `same` groups and their
 * outlets, single-outlet claims, answers to accusations across articles,
 * the article list's figures, partner stepping and scroll-lock alignment.
 * Components are found by a walk over the session's link index and
 * ordered by counting sorts and qsort, so building is O(n log n). */
#include "crossread/reader/story.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/annot/annot.h"
#include "crossread/doc/article.h"
#include "crossread/base/util.h"

/* sort keys compared lexicographically: no comparator needs a context */
struct key {
	size_t k[4];
};

static int key_cmp(const void *pa, const void *pb)
{
	const struct key *a = pa, *b = pb;
	for (int i = 0; i < 4; i++)
		if (a->k[i] != b->k[i])
			return a->k[i] < b->k[i] ? -1 : 1;
	return 0;
}

static void key_sort(struct key *keys, size_t n)
{
	if (n > 1)
		qsort(keys, n, sizeof *keys, key_cmp);
}

static size_t other_end(const struct link *l, size_t c)
{
	if (l->from_i == c)
		return l->to_i;
	return l->to_i == c ? l->from_i : ANNOT_NONE;
}

/* per-component facts gathered while building */
struct comp {
	size_t start, n; /* its members: members[start .. start + n) */
	size_t noutlets;
	size_t first_acc; /* first accusation in reading order, or ANNOT_NONE */
	size_t dispute;
};

void story_build(struct story *st, const struct session *s)
{
	const struct annot *an = s->an;
	size_t n = an->nclaims;
	memset(st, 0, sizeof *st);
	st->narts = s->narts;
	st->nclaims = n;
	st->group_of = xmalloc((n ? n : 1) * sizeof *st->group_of);
	st->dispute_of = xmalloc((n ? n : 1) * sizeof *st->dispute_of);
	for (size_t c = 0; c < n; c++)
		st->group_of[c] = st->dispute_of[c] = ANNOT_NONE;

	/* reading order: open article, then position (session's order[]) */
	size_t nranked = 0;
	for (size_t a = 0; a < s->narts; a++)
		nranked += s->norder[a];
	size_t *ro = xmalloc((nranked ? nranked : 1) * sizeof *ro);
	size_t *rank = xmalloc((n ? n : 1) * sizeof *rank);
	for (size_t c = 0; c < n; c++)
		rank[c] = ANNOT_NONE;
	size_t r = 0;
	for (size_t a = 0; a < s->narts; a++)
		for (size_t k = 0; k < s->norder[a]; k++) {
			ro[r] = s->order[a][k];
			rank[ro[r]] = r;
			r++;
		}

	/* components over `same` links, numbered in reading order of their
	 * first claim (a breadth-first walk over the session's link index) */
	size_t *comp_of = xmalloc((n ? n : 1) * sizeof *comp_of);
	for (size_t c = 0; c < n; c++)
		comp_of[c] = ANNOT_NONE;
	size_t *queue = xmalloc((nranked ? nranked : 1) * sizeof *queue);
	size_t ncomp = 0;
	for (size_t i = 0; i < nranked; i++) {
		if (comp_of[ro[i]] != ANNOT_NONE)
			continue;
		size_t head = 0, tail = 0;
		comp_of[ro[i]] = ncomp;
		queue[tail++] = ro[i];
		while (head < tail) {
			size_t x = queue[head++];
			for (size_t j = s->adj_start[x]; j < s->adj_start[x + 1]; j++) {
				const struct link *l = &an->links[s->adj_links[j]];
				size_t o = other_end(l, x);
				if (l->rel != REL_SAME || o >= n || rank[o] == ANNOT_NONE ||
				    comp_of[o] != ANNOT_NONE)
					continue;
				comp_of[o] = ncomp;
				queue[tail++] = o;
			}
		}
		ncomp++;
	}
	free(queue);

	/* members by component, each in reading order (a stable counting sort
	 * of the reading order) */
	struct comp *cs = xcalloc(ncomp ? ncomp : 1, sizeof *cs);
	for (size_t i = 0; i < nranked; i++)
		cs[comp_of[ro[i]]].n++;
	for (size_t k = 1; k < ncomp; k++)
		cs[k].start = cs[k - 1].start + cs[k - 1].n;
	size_t *fill = xcalloc(ncomp ? ncomp : 1, sizeof *fill);
	st->members = xmalloc((nranked ? nranked : 1) * sizeof *st->members);
	for (size_t k = 0; k < ncomp; k++)
		cs[k].first_acc = cs[k].dispute = ANNOT_NONE;
	for (size_t i = 0; i < nranked; i++) {
		size_t c = ro[i], k = comp_of[c];
		st->members[cs[k].start + fill[k]++] = c;
		if (cs[k].first_acc == ANNOT_NONE && an->claims[c].kind == KIND_ACCUSATION)
			cs[k].first_acc = c;
	}
	free(fill);
	for (size_t k = 0; k < ncomp; k++) {
		size_t last = SIZE_MAX;
		for (size_t j = 0; j < cs[k].n; j++) {
			/* reading order is article-major: count changes of article */
			size_t a = session_claim_art(s, st->members[cs[k].start + j]);
			if (a != last)
				cs[k].noutlets++;
			last = a;
		}
	}

	/* groups: most outlets first, then reading order */
	struct key *keys = xmalloc((ncomp ? ncomp : 1) * sizeof *keys);
	size_t ng = 0;
	for (size_t k = 0; k < ncomp; k++)
		if (cs[k].n >= 2)
			keys[ng++] = (struct key){{SIZE_MAX - cs[k].noutlets, k, 0, 0}};
	key_sort(keys, ng);
	st->groups = xcalloc(ng ? ng : 1, sizeof *st->groups);
	st->ngroups = ng;
	for (size_t g = 0; g < ng; g++) {
		const struct comp *cp = &cs[keys[g].k[1]];
		st->groups[g] = (struct story_group){st->members + cp->start, cp->n, cp->noutlets};
		for (size_t j = 0; j < cp->n; j++)
			st->group_of[st->members[cp->start + j]] = g;
	}
	free(keys);

	/* what only one outlet carries */
	st->solo_buf = xmalloc((nranked ? nranked : 1) * sizeof *st->solo_buf);
	size_t ns = 0;
	for (size_t a = 0; a < s->narts; a++) {
		st->solo[a] = st->solo_buf + ns;
		for (size_t k = 0; k < s->norder[a]; k++) {
			size_t c = s->order[a][k];
			if (cs[comp_of[c]].noutlets == 1)
				st->solo_buf[ns++] = c;
		}
		st->nsolo[a] = (size_t)(st->solo_buf + ns - st->solo[a]);
	}

	/* answers (rebuts, counters) and backers (supports) of each component,
	 * by answering claim's reading order */
	struct key *lk = xmalloc((an->nlinks ? an->nlinks : 1) * sizeof *lk);
	size_t nl = 0;
	for (size_t i = 0; i < an->nlinks; i++) {
		const struct link *l = &an->links[i];
		if (l->rel == REL_SAME || l->from_i >= n || l->to_i >= n ||
		    rank[l->from_i] == ANNOT_NONE || rank[l->to_i] == ANNOT_NONE)
			continue;
		lk[nl++] =
		    (struct key){{comp_of[l->to_i], l->rel == REL_SUPPORTS, rank[l->from_i], i}};
	}
	key_sort(lk, nl);
	/* a claim answering two claims of one group answers it once */
	size_t nu = 0;
	for (size_t i = 0; i < nl; i++)
		if (!nu || memcmp(lk[i].k, lk[nu - 1].k, 3 * sizeof lk[i].k[0]))
			lk[nu++] = lk[i];
	nl = nu;
	st->links = xmalloc((nl ? nl : 1) * sizeof *st->links);
	for (size_t i = 0; i < nl; i++)
		st->links[i] = lk[i].k[3];
	/* one dispute per component with an accusation or an answer */
	struct key *dk = xmalloc((ncomp ? ncomp : 1) * sizeof *dk);
	struct story_dispute *ds = xcalloc(ncomp ? ncomp : 1, sizeof *ds);
	size_t nd = 0;
	for (size_t k = 0, i = 0; k < ncomp; k++) {
		size_t from = i, nans = 0;
		while (i < nl && lk[i].k[0] == k) {
			nans += lk[i].k[1] == 0;
			i++;
		}
		if (cs[k].first_acc == ANNOT_NONE && !nans)
			continue;
		struct story_dispute *d = &ds[nd];
		d->accusation = cs[k].first_acc != ANNOT_NONE;
		d->claim = d->accusation ? cs[k].first_acc : st->members[cs[k].start];
		d->group = cs[k].n >= 2 ? st->group_of[d->claim] : ANNOT_NONE;
		d->answers = st->links + from;
		d->nanswers = nans;
		d->backers = st->links + from + nans;
		d->nbackers = i - from - nans;
		dk[nd] = (struct key){{!d->accusation, rank[d->claim], nd, k}};
		nd++;
	}
	key_sort(dk, nd);
	st->disputes = xcalloc(nd ? nd : 1, sizeof *st->disputes);
	st->ndisputes = nd;
	for (size_t i = 0; i < nd; i++) {
		st->disputes[i] = ds[dk[i].k[2]];
		const struct comp *cp = &cs[dk[i].k[3]];
		for (size_t j = 0; j < cp->n; j++)
			st->dispute_of[st->members[cp->start + j]] = i;
	}
	free(ds);
	free(dk);
	free(lk);

	/* the article list */
	for (size_t a = 0; a < s->narts; a++) {
		struct story_article *sa = &st->arts[a];
		const struct article *ar = s->arts[a];
		sa->title = ar->title;
		sa->outlet = ar->outlet;
		sa->date = ar->date;
		sa->nclaims = s->norder[a];
		for (size_t k = 0; k < s->norder[a]; k++) {
			size_t c = s->order[a][k];
			if (an->claims[c].kind != KIND_ACCUSATION)
				continue;
			sa->naccusations++;
			size_t d = st->dispute_of[c];
			if (d == ANNOT_NONE || !st->disputes[d].nanswers)
				sa->nunanswered++;
		}
	}
	for (size_t c = 0; c < n; c++) {
		const struct claim *cl = &an->claims[c];
		if (cl->how != ANCHOR_NONE || cl->art == ANNOT_NONE)
			continue;
		for (size_t a = 0; a < s->narts; a++)
			if (s->annot_of[a] == cl->art)
				st->arts[a].norphans++;
	}
	free(cs);
	free(comp_of);
	free(rank);
	free(ro);
}

void story_free(struct story *st)
{
	free(st->groups);
	free(st->disputes);
	free(st->group_of);
	free(st->dispute_of);
	free(st->members);
	free(st->links);
	free(st->solo_buf);
	memset(st, 0, sizeof *st);
}

size_t story_group_of(const struct story *st, size_t c)
{
	return c < st->nclaims ? st->group_of[c] : ANNOT_NONE;
}

size_t story_dispute_of(const struct story *st, size_t c)
{
	return c < st->nclaims ? st->dispute_of[c] : ANNOT_NONE;
}

size_t story_partners(const struct story *st, const struct session *s, size_t claim,
		      struct story_partner **out)
{
	*out = NULL;
	size_t *links, *partners;
	size_t nd = session_partners(s, claim, &links, &partners);
	size_t g = story_group_of(st, claim);
	size_t ngm = g == ANNOT_NONE ? 0 : st->groups[g].nclaims;
	struct key *keys = xmalloc((nd + ngm ? nd + ngm : 1) * sizeof *keys);
	size_t nk = 0;
	/* a direct link sorts before the same claim reached through its group */
	for (size_t i = 0; i < nd; i++)
		keys[nk++] =
		    (struct key){{session_claim_art(s, partners[i]),
				  s->an->claims[partners[i]].start, partners[i], links[i]}};
	for (size_t j = 0; j < ngm; j++) {
		size_t m = st->groups[g].claims[j];
		if (m != claim)
			keys[nk++] = (struct key){
			    {session_claim_art(s, m), s->an->claims[m].start, m, ANNOT_NONE}};
	}
	free(links);
	free(partners);
	key_sort(keys, nk);
	size_t n = 0;
	if (nk)
		*out = xmalloc(nk * sizeof **out);
	for (size_t i = 0; i < nk; i++) {
		if (n && (*out)[n - 1].claim == keys[i].k[2])
			continue;
		(*out)[n++] = (struct story_partner){keys[i].k[2], keys[i].k[0], keys[i].k[3]};
	}
	free(keys);
	return n;
}

size_t story_lock_pairs(const struct story *st, const struct session *s, size_t a, size_t b,
			struct story_pair **out)
{
	*out = NULL;
	if (a >= s->narts || b >= s->narts || a == b)
		return 0;
	const struct annot *an = s->an;
	size_t cap = 0, n = 0;
	struct key *keys = NULL;
	for (size_t k = 0; k < s->norder[a]; k++) {
		size_t c = s->order[a][k];
		for (size_t j = s->adj_start[c]; j < s->adj_start[c + 1]; j++) {
			size_t o = other_end(&an->links[s->adj_links[j]], c);
			if (o == ANNOT_NONE || session_claim_art(s, o) != b)
				continue;
			GROW(keys, cap, n + 1);
			keys[n++] = (struct key){{an->claims[c].start, an->claims[o].start, 0, 0}};
		}
	}
	/* a group's claims in a and in b, paired in order: a group carried
	 * several times by each is not a product of pairs */
	for (size_t g = 0; g < st->ngroups; g++) {
		const struct story_group *gr = &st->groups[g];
		size_t ia = 0, ib = 0;
		while (ia < gr->nclaims && session_claim_art(s, gr->claims[ia]) != a)
			ia++;
		while (ib < gr->nclaims && session_claim_art(s, gr->claims[ib]) != b)
			ib++;
		while (ia < gr->nclaims && ib < gr->nclaims &&
		       session_claim_art(s, gr->claims[ia]) == a &&
		       session_claim_art(s, gr->claims[ib]) == b) {
			GROW(keys, cap, n + 1);
			keys[n++] = (struct key){{an->claims[gr->claims[ia]].start,
						  an->claims[gr->claims[ib]].start, 0, 0}};
			ia++;
			ib++;
		}
	}
	key_sort(keys, n);
	/* the longest chain in which b never goes back (patience sorting:
	 * tail[len] ends the best chain of length len + 1) */
	size_t *tail = xmalloc((n ? n : 1) * sizeof *tail);
	size_t *prev = xmalloc((n ? n : 1) * sizeof *prev);
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		if (i && !key_cmp(&keys[i], &keys[i - 1])) {
			prev[i] = SIZE_MAX; /* a duplicate pair */
			continue;
		}
		size_t lo = 0, hi = len;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (keys[tail[mid]].k[1] <= keys[i].k[1])
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[i] = lo ? tail[lo - 1] : SIZE_MAX;
		tail[lo] = i;
		if (lo == len)
			len++;
	}
	if (len) {
		*out = xmalloc(len * sizeof **out);
		for (size_t i = tail[len - 1], k = len; k-- > 0; i = prev[i])
			(*out)[k] = (struct story_pair){keys[i].k[0], keys[i].k[1]};
	}
	free(tail);
	free(prev);
	free(keys);
	return len;
}

size_t story_lock_top(const struct story_pair *pairs, size_t npairs, size_t a, size_t top_a,
		      size_t b, size_t ref_row, const struct story_rows *rows)
{
	size_t na = rows->nrows(rows->ctx, a), nb = rows->nrows(rows->ctx, b);
	size_t last_a = na ? na - 1 : 0, last_b = nb ? nb - 1 : 0;
	size_t x = rows->row_of(rows->ctx, a, top_a) + ref_row;
	/* a pair at or above the reference row in either article could only
	 * line up with a pane scrolled above its top: the tops line up instead.
	 * Both rows only grow along the pairs, so those pairs come first. */
	size_t lo = 0, hi = npairs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (rows->row_of(rows->ctx, a, pairs[mid].off_a) <= ref_row ||
		    rows->row_of(rows->ctx, b, pairs[mid].off_b) <= ref_row)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo) { /* (pairs may be NULL when there are none) */
		pairs += lo;
		npairs -= lo;
	}
	/* p: the pairs whose row in a is at or above the reference row */
	lo = 0;
	hi = npairs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (rows->row_of(rows->ctx, a, pairs[mid].off_a) <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t p = lo;
	/* the tops of both articles line up as a pair would, and so do
	 * their last rows */
	size_t ra0 = ref_row, rb0 = ref_row;
	if (p > 0) {
		ra0 = rows->row_of(rows->ctx, a, pairs[p - 1].off_a);
		rb0 = rows->row_of(rows->ctx, b, pairs[p - 1].off_b);
	}
	size_t ra1 = last_a > ra0 ? last_a : ra0, rb1 = last_b;
	if (p < npairs) {
		ra1 = rows->row_of(rows->ctx, a, pairs[p].off_a);
		rb1 = rows->row_of(rows->ctx, b, pairs[p].off_b);
	}
	rb1 = rb1 > rb0 ? rb1 : rb0;
	size_t y;
	if (x <= ra0)
		y = rb0;
	else if (x < ra1)
		y = rb0 + size_mul(x - ra0, rb1 - rb0) / (ra1 - ra0);
	else /* past b's last pair and a's last row: row for row */
		y = rb1 + (x - ra1);
	size_t top_b = y > ref_row ? y - ref_row : 0;
	top_b = top_b < last_b ? top_b : last_b;
	return rows->offset_of(rows->ctx, b, top_b);
}
