/* suggest: suggested matches (`s`): sentences of the two articles on
 * screen (the focused pane's and its other pane's, reader_other_pane) that
 * say the same thing or answer each other (match.c) and no link covers
 * yet, indexed per side for drawing and for ] [, followed with Enter and
 * accepted as a link with y. The matcher's work is kept for the session:
 * the story's articles are scanned together once (as `crossread match` of
 * them all does), each is prepared the first time a pair needs it, and
 * each pair's matches are kept, so that `s` again, or on a pair seen
 * before, only takes out what links cover now. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/annot/annot.h"
#include "crossread/doc/article.h"
#include "crossread/reader/edit.h"
#include "crossread/reader/personal.h"
#include "crossread/reader/reader.h"
#include "crossread/base/util.h"

/* suggestion i's sentence on side p (0: article A, 1: article B) */
static size_t sugg_start(const struct reader *r, int p, size_t i)
{
	return p == 0 ? r->sugg[i].a_start : r->sugg[i].b_start;
}

static size_t sugg_end(const struct reader *r, int p, size_t i)
{
	return p == 0 ? r->sugg[i].a_end : r->sugg[i].b_end;
}

struct sugg_key {
	size_t start, i;
};

static int cmp_sugg(const void *x, const void *y)
{
	const struct sugg_key *a = x, *b = y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* (Re)build the per-pane sorted index after the suggestions changed. */
static void sugg_index(struct reader *r)
{
	size_t n = r->nsugg ? r->nsugg : 1;
	struct sugg_key *keys = xreallocarray(NULL, n, sizeof *keys);
	for (int p = 0; p < 2; p++) {
		free(r->sugg_sorted[p]);
		free(r->sugg_maxend[p]);
		r->sugg_sorted[p] = xreallocarray(NULL, n, sizeof(size_t));
		r->sugg_maxend[p] = xreallocarray(NULL, n, sizeof(size_t));
		for (size_t i = 0; i < r->nsugg; i++)
			keys[i] = (struct sugg_key){sugg_start(r, p, i), i};
		qsort(keys, r->nsugg, sizeof *keys, cmp_sugg);
		size_t mx = 0;
		for (size_t k = 0; k < r->nsugg; k++) {
			size_t e = sugg_end(r, p, keys[k].i);
			mx = e > mx ? e : mx;
			r->sugg_sorted[p][k] = keys[k].i;
			r->sugg_maxend[p][k] = mx;
		}
	}
	free(keys);
}

/* is the pair already covered by a curated or personal link? */
static bool covered(struct reader *r, const struct match_pair *m)
{
	return session_linked_ranges(r->s, r->sugg_art[0], m->a_start, m->a_end, r->sugg_art[1],
				     m->b_start, m->b_end);
}

/* the two panes suggestions are for: the focused one and its other, left
 * to right */
static void sugg_panes(const struct reader *r, int *p0, int *p1)
{
	int f = r->focus, o = reader_other_pane(r, f);
	*p0 = f < o ? f : o;
	*p1 = f < o ? o : f;
}

struct sugg_pair {
	size_t a, b;
	struct match_pair *v;
	size_t n;
};

struct sugg_cache {
	struct match_story *st;
	struct match_article **prep; /* per article, NULL until a pair needs it */
	size_t narts;
	struct sugg_pair *pairs;
	size_t npairs, cap;
};

void reader_sugg_free(struct reader *r)
{
	struct sugg_cache *c = r->sugg_cache;
	if (!c)
		return;
	for (size_t i = 0; i < c->narts; i++)
		if (c->prep[i])
			match_article_free(c->prep[i]);
	for (size_t i = 0; i < c->npairs; i++)
		free(c->pairs[i].v);
	free(c->pairs);
	free(c->prep);
	match_story_free(c->st);
	free(c);
	r->sugg_cache = NULL;
}

/* the matches of articles a and b, all of them (the covered ones too) */
static const struct sugg_pair *sugg_matches(struct reader *r, size_t a, size_t b)
{
	struct session *s = r->s;
	struct sugg_cache *c = r->sugg_cache;
	if (!c) {
		c = r->sugg_cache = xcalloc(1, sizeof *c);
		c->narts = s->narts;
		c->prep = xcalloc(c->narts ? c->narts : 1, sizeof *c->prep);
		c->st = match_story_new(NULL);
		for (size_t i = 0; i < c->narts; i++) {
			article_load_all(s->arts[i]);
			match_story_scan(c->st, s->arts[i]->text, s->arts[i]->len);
		}
	}
	for (size_t i = 0; i < c->npairs; i++)
		if (c->pairs[i].a == a && c->pairs[i].b == b)
			return &c->pairs[i];
	size_t ab[2] = {a, b};
	for (int k = 0; k < 2; k++)
		if (!c->prep[ab[k]])
			c->prep[ab[k]] =
			    match_prepare(c->st, s->arts[ab[k]]->text, s->arts[ab[k]]->len);
	GROW(c->pairs, c->cap, c->npairs + 1);
	struct sugg_pair *p = &c->pairs[c->npairs++];
	*p = (struct sugg_pair){a, b, NULL, 0};
	p->n = match_prepared(c->st, c->prep[a], c->prep[b], NULL, &p->v);
	return p;
}

static void compute_suggestions(struct reader *r)
{
	if (r->npanes < 2)
		return;
	int p0, p1;
	sugg_panes(r, &p0, &p1);
	size_t a = r->pane[p0].art, b = r->pane[p1].art;
	if (r->sugg_valid && r->sugg_art[0] == a && r->sugg_art[1] == b && r->sugg_pane[0] == p0 &&
	    r->sugg_pane[1] == p1)
		return;
	r->sugg_pane[0] = p0;
	r->sugg_pane[1] = p1;
	free(r->sugg);
	r->sugg = NULL;
	r->nsugg = 0;
	reader_message(r, R_STATUS, "matching sentences\u2026");
	const struct sugg_pair *all = sugg_matches(r, a, b);
	r->sugg_art[0] = a;
	r->sugg_art[1] = b;
	r->sugg = xreallocarray(NULL, all->n ? all->n : 1, sizeof *r->sugg);
	for (size_t i = 0; i < all->n; i++)
		if (!covered(r, &all->v[i]))
			r->sugg[r->nsugg++] = all->v[i];
	r->sugg_valid = true;
	r->sugg_sel = SIZE_MAX;
	sugg_index(r);
}

void reader_sugg_toggle(struct reader *r)
{
	if (r->npanes < 2) {
		reader_message(r, R_STATUS, "suggestions need two articles");
		return;
	}
	r->show_sugg = !r->show_sugg;
	if (!r->show_sugg) {
		r->sugg_sel = SIZE_MAX;
		reader_message(r, R_STATUS, "suggestions hidden");
		return;
	}
	r->sugg_valid = false;
	compute_suggestions(r);
	reader_message(
	    r, R_STATUS,
	    "%zu suggested match%s not covered by a link: ] [ visit, Enter follows, y accepts",
	    r->nsugg, r->nsugg == 1 ? "" : "es");
}

int reader_sugg_side(const struct reader *r, int p)
{
	if (p < 0 || p >= r->npanes)
		return -1;
	return p == r->sugg_pane[0] ? 0 : p == r->sugg_pane[1] ? 1 : -1;
}

bool reader_sugg_refresh(struct reader *r)
{
	if (!r->show_sugg || r->npanes < 2)
		return false;
	int p0, p1;
	sugg_panes(r, &p0, &p1);
	if (r->sugg_valid && r->sugg_pane[0] == p0 && r->sugg_pane[1] == p1 &&
	    r->pane[p0].art == r->sugg_art[0] && r->pane[p1].art == r->sugg_art[1])
		return false;
	r->sugg_valid = false;
	compute_suggestions(r);
	reader_message(r, R_STATUS, "%zu suggested match%s between articles %zu and %zu", r->nsugg,
		       r->nsugg == 1 ? "" : "es", r->sugg_art[0] + 1, r->sugg_art[1] + 1);
	return true;
}

/* the sentence of suggestion i in pane p */
static bool sugg_range(struct reader *r, int p, size_t i, size_t *s, size_t *e)
{
	const struct match_pair *m = &r->sugg[i];
	int side = reader_sugg_side(r, p);
	if (side < 0 || r->pane[p].art != r->sugg_art[side])
		return false;
	*s = side == 0 ? m->a_start : m->b_start;
	*e = side == 0 ? m->a_end : m->b_end;
	return true;
}

/* whether pane p shows the side of the suggestions it is indexed for */
static bool sugg_shown(const struct reader *r, int p)
{
	int side = reader_sugg_side(r, p);
	return r->show_sugg && r->sugg_valid && side >= 0 && r->npanes >= 2 &&
	       r->pane[p].art == r->sugg_art[side] && r->sugg_sorted[side];
}

/* number of sorted entries of side p starting at or before off (strict:
 * before off) */
static size_t sugg_rank(const struct reader *r, int p, size_t off, bool strict)
{
	size_t lo = 0, hi = r->nsugg;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		size_t s = sugg_start(r, p, r->sugg_sorted[p][mid]);
		if (strict ? s < off : s <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int reader_sugg_at(struct reader *r, int pane, size_t off)
{
	if (!sugg_shown(r, pane))
		return 0;
	int p = reader_sugg_side(r, pane);
	if (p < 0)
		return 0;
	if (r->sugg_sel < r->nsugg && sugg_start(r, p, r->sugg_sel) <= off &&
	    off < sugg_end(r, p, r->sugg_sel))
		return 2;
	/* entries before k start at or before off; only those whose running
	 * maximum end passes off can cover it */
	for (size_t k = sugg_rank(r, p, off, false); k > 0 && r->sugg_maxend[p][k - 1] > off; k--)
		if (sugg_end(r, p, r->sugg_sorted[p][k - 1]) > off)
			return 1;
	return 0;
}

size_t reader_sugg_edge(struct reader *r, int pane, size_t off)
{
	if (!sugg_shown(r, pane))
		return SIZE_MAX;
	int p = reader_sugg_side(r, pane);
	if (p < 0)
		return SIZE_MAX;
	size_t k = sugg_rank(r, p, off, false);
	size_t edge = k < r->nsugg ? sugg_start(r, p, r->sugg_sorted[p][k]) : SIZE_MAX;
	for (; k > 0 && r->sugg_maxend[p][k - 1] > off; k--) {
		size_t e = sugg_end(r, p, r->sugg_sorted[p][k - 1]);
		if (e > off && e < edge)
			edge = e;
	}
	return edge;
}

/* next suggestion in pane p starting after (dir > 0) or before off; among
 * several at one place, the best ranked first */
size_t reader_sugg_next(struct reader *r, int pane, size_t off, int dir, size_t *start)
{
	if (!sugg_shown(r, pane) || !r->nsugg)
		return SIZE_MAX;
	int p = reader_sugg_side(r, pane);
	if (p < 0)
		return SIZE_MAX;
	const size_t *sorted = r->sugg_sorted[p];
	size_t k;
	/* several suggestions on one sentence (it matches several on the other
	 * side): ] and [ step through them before moving on. The caller asks
	 * from just after (dir > 0) or at (dir < 0) the selected one's start. */
	if (r->sugg_sel < r->nsugg && r->sugg_sel_pane == pane) {
		size_t ss = sugg_start(r, p, r->sugg_sel);
		if (dir > 0 ? off == ss + 1 : off == ss) {
			size_t lo = sugg_rank(r, p, ss, true), hi = sugg_rank(r, p, ss, false);
			for (k = lo; k < hi; k++) {
				if (sorted[k] != r->sugg_sel)
					continue;
				size_t to = dir > 0 ? k + 1 : k - 1;
				if (dir > 0 ? k + 1 < hi : k > lo) {
					*start = ss;
					return sorted[to];
				}
				break;
			}
		}
	}
	if (dir > 0) {
		/* at the very top one starting at 0 counts too, once */
		for (k = 0; off == 0 && k < r->nsugg && sugg_start(r, p, sorted[k]) == 0; k++)
			if (sorted[k] != r->sugg_sel) {
				*start = 0;
				return sorted[k];
			}
		k = sugg_rank(r, p, off, false);
		if (k >= r->nsugg)
			return SIZE_MAX;
	} else {
		/* the last of those starting before off: [ goes back through
		 * a sentence's suggestions in the order ] came */
		k = sugg_rank(r, p, off, true);
		if (k == 0)
			return SIZE_MAX;
		k--;
	}
	*start = sugg_start(r, p, sorted[k]);
	return sorted[k];
}

void reader_sugg_select(struct reader *r, int p, size_t i)
{
	r->sugg_sel = i;
	r->sugg_sel_pane = p;
}

bool reader_sugg_follow(struct reader *r)
{
	if (r->sugg_sel == SIZE_MAX || !r->show_sugg || r->npanes < 2)
		return false;
	int p = r->sugg_sel_pane, side = reader_sugg_side(r, p);
	if (side < 0)
		return false;
	int q = r->sugg_pane[1 - side];
	size_t s, e, ps, pe;
	if (!sugg_range(r, p, r->sugg_sel, &s, &e) || !sugg_range(r, q, r->sugg_sel, &ps, &pe))
		return false;
	struct view_state before;
	reader_view_save(r, &before);
	session_jump_push(r->s, &before);
	/* the partner on the same row as the sentence it came from */
	struct pane *to = &r->pane[q];
	int row = reader_row_on_screen(r, p, s);
	if (row < 0)
		row = 0;
	to->top = layout_pos_of(to->lay, ps);
	layout_move(to->lay, &to->top, -(long)row);
	reader_focus(r, q);
	r->sugg_sel_pane = q;
	const struct match_pair *m = &r->sugg[r->sugg_sel];
	reader_message(r, R_STATUS, "suggested %s (score %.2f): y accepts it as a link",
		       annot_rel_name(m->rel), m->score);
	return true;
}

static const char *id_of(struct reader *r, size_t c)
{
	const char *id = r->s->an->claims[c].id;
	return id ? id : "?";
}

static enum claim_kind kind_of_stance(enum stance st)
{
	return st == STANCE_ACCUSATION ? KIND_ACCUSATION
	       : st == STANCE_REBUTTAL ? KIND_REBUTTAL
				       : KIND_CLAIM;
}

/* The claim of open article art that covers most of [s0, s1) (curated or
 * yours), or ANNOT_NONE if none overlaps it. */
static size_t covering_claim(struct reader *r, size_t art, size_t s0, size_t s1)
{
	const struct session *s = r->s;
	size_t best = ANNOT_NONE, best_ov = 0;
	for (size_t k = 0; art < s->narts && k < s->norder[art]; k++) {
		size_t c = s->order[art][k];
		const struct claim *cl = &s->an->claims[c];
		if (cl->start >= s1)
			break; /* sorted by start */
		size_t lo = cl->start > s0 ? cl->start : s0;
		size_t hi = cl->end < s1 ? cl->end : s1;
		if (hi > lo && hi - lo > best_ov) {
			best_ov = hi - lo;
			best = c;
		}
	}
	return best;
}

void reader_sugg_accept(struct reader *r)
{
	if (r->sugg_sel == SIZE_MAX || !r->show_sugg) {
		reader_message(r, R_STATUS, "no suggestion selected: s shows them, ] selects one");
		return;
	}
	struct match_pair m = r->sugg[r->sugg_sel];
	struct session *s = r->s;
	/* the claims that already cover the sentences are linked; a claim is
	 * made only where none does. One action: one u undoes it all. */
	size_t ca = covering_claim(r, r->sugg_art[0], m.a_start, m.a_end);
	size_t cb = covering_claim(r, r->sugg_art[1], m.b_start, m.b_end);
	int made = (ca == ANNOT_NONE) + (cb == ANNOT_NONE);
	char *ida = ca != ANNOT_NONE ? xstrdup(id_of(r, ca)) : NULL;
	char *idb = cb != ANNOT_NONE ? xstrdup(id_of(r, cb)) : NULL;
	personal_begin(s, "accepted suggestion");
	if (!ida) {
		ca =
		    personal_add_claim(s, r->sugg_art[0], m.a_start, m.a_end, kind_of_stance(m.sa));
		ida = ca != ANNOT_NONE ? xstrdup(id_of(r, ca)) : NULL;
	}
	if (!idb) {
		cb =
		    personal_add_claim(s, r->sugg_art[1], m.b_start, m.b_end, kind_of_stance(m.sb));
		idb = cb != ANNOT_NONE ? xstrdup(id_of(r, cb)) : NULL;
	}
	/* a save may merge and move claims: find them again by id */
	ca = ida ? annot_find_claim(s->an, ida) : ANNOT_NONE;
	cb = idb ? annot_find_claim(s->an, idb) : ANNOT_NONE;
	free(ida);
	free(idb);
	if (ca == ANNOT_NONE || cb == ANNOT_NONE || ca == cb) {
		personal_end(s);
		reader_message(r, R_ERROR, "could not make claims of that suggestion");
		return;
	}
	size_t from = ca, to = cb;
	if (m.rel == REL_REBUTS && m.sb == STANCE_REBUTTAL) {
		from = cb;
		to = ca;
	}
	size_t l = personal_add_link(s, from, to, m.rel);
	char lab[900];
	reader_link_label(r, l, lab, sizeof lab);
	/* the action's name, now that its link is known */
	if (s->undo.n) {
		unsigned g = s->undo.step[s->undo.n - 1].group;
		for (size_t i = s->undo.n; i-- > 0 && s->undo.step[i].group == g;)
			personal_printf(s->undo.step[i].label, sizeof s->undo.step[i].label,
					"accepted suggestion %s", lab);
	}
	personal_end(s);
	/* it is covered now */
	memmove(r->sugg + r->sugg_sel, r->sugg + r->sugg_sel + 1,
		(r->nsugg - r->sugg_sel - 1) * sizeof *r->sugg);
	r->nsugg--;
	r->sugg_sel = SIZE_MAX;
	sugg_index(r);
	char what[1000];
	personal_printf(what, sizeof what, "accepted: %s%s", lab,
			made == 0   ? " (both claims were there)"
			: made == 1 ? " (one new claim)"
				    : " (two new claims)");
	reader_report_save(r, what);
}
