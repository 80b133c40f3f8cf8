/* actions: what each action of the table (actions.h) does to the reader,
 * and the dispatch generated from the table: scrolling, claim stepping,
 * following links and the jump history, search, the claims overview,
 * visual selection, claims, links and notes of your own, undo. Each
 * handler returns what must be drawn again; none draws. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/annot/annot.h"
#include "crossread/base/text.h"
#include "crossread/base/util.h"
#include "crossread/doc/article.h"
#include "crossread/persist/journal.h"
#include "crossread/reader/clipboard.h"
#include "crossread/reader/cursor.h"
#include "crossread/reader/edit.h"
#include "crossread/reader/notes.h"
#include "crossread/reader/overview.h"
#include "crossread/reader/personal.h"
#include "crossread/reader/reader.h"

#define LOAD_SLICE   ((size_t)2 << 20)
#define SEARCH_SLICE ((size_t)4 << 20)

/* moved or selected within the focused pane only (a selected suggestion
 * is also marked in the other pane) */
static unsigned focused_pane(struct reader *r)
{
	/* with scroll lock on, the other pane moved too */
	return r->show_sugg || r->scroll_lock ? READER_REDRAW_ALL : READER_REDRAW_PANE(r->focus);
}

static const char *claim_id(struct reader *r, size_t c)
{
	const char *id = r->s->an->claims[c].id;
	return id ? id : "?";
}

/* "note on 'are based on nothing'": what an undo of it will say */
static void note_label(struct reader *r, size_t c, const char *what, char *out, size_t cap)
{
	char q[200];
	personal_quote(c < r->s->an->nclaims ? r->s->an->claims[c].quote : NULL, 32, q, sizeof q);
	personal_printf(out, cap, "%s '%s'", what, q);
}

/* the label of the action just recorded, once what it made is known */
static void set_last_label(struct session *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void set_last_label(struct session *s, const char *fmt, ...)
{
	if (!s->undo.n)
		return;
	char l[UNDO_LABEL_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(l, sizeof l, fmt, ap);
	va_end(ap);
	unsigned g = s->undo.step[s->undo.n - 1].group;
	for (size_t i = s->undo.n; i-- > 0 && s->undo.step[i].group == g;)
		snprintf(s->undo.step[i].label, sizeof s->undo.step[i].label, "%s", l);
}

/* The newest action joins the one before it when that is group g (the
 * claim a note on a selection made), both named label. */
static void join_claim_group(struct session *s, unsigned g, const char *label)
{
	if (!g || s->undo.n < 2)
		return;
	struct undo_step *st = s->undo.step;
	unsigned top = st[s->undo.n - 1].group;
	size_t i = s->undo.n;
	while (i > 0 && st[i - 1].group == top)
		i--;
	if (i == 0 || st[i - 1].group != g)
		return;
	for (size_t k = i; k-- > 0 && st[k].group == g;)
		personal_printf(st[k].label, sizeof st[k].label, "%s", label);
	for (size_t k = i; k < s->undo.n; k++)
		st[k].group = g;
}

/* ---- the claims overview ---- */

static unsigned ov_move(struct reader *r, long by)
{
	if (!r->ov.n)
		return READER_REDRAW_ALL;
	long sel = (long)r->ov.sel + by;
	if (sel < 0)
		sel = 0;
	if (sel >= (long)r->ov.n)
		sel = (long)r->ov.n - 1;
	r->ov.sel = (size_t)sel;
	return READER_REDRAW_ALL;
}

static void ov_close(struct reader *r)
{
	free(r->ov.items);
	r->ov.items = NULL;
	free(r->ov.all);
	r->ov.all = NULL;
	r->ov.nall = 0;
	free(r->ov.search);
	free(r->ov.search_folded);
	free(r->ov.tag);
	r->ov.search = r->ov.search_folded = r->ov.tag = NULL;
	r->ov.n = r->ov.sel = 0;
	r->ov.open = false;
	r->ov.articles = false;
}

/* The story's part of the overview (issue 15), before the orphans: each
 * group of `same` claims two or more outlets carry, with its claims, then
 * per outlet the claims no other outlet carries. */
static void ov_add_story(struct reader *r)
{
	const struct story *st = reader_story(r);
	size_t n = r->ov.n, shared = 0, solo = 0;
	for (size_t g = 0; g < st->ngroups; g++)
		if (st->groups[g].noutlets >= 2)
			shared += 1 + st->groups[g].nclaims;
	for (size_t a = 0; a < st->narts; a++)
		if (st->nsolo[a])
			solo += 1 + st->nsolo[a];
	if (!shared && !solo)
		return;
	/* a heading only over something (issue 13: a lone pair has no shared claim) */
	size_t extra = shared + solo + (shared > 0) + (solo > 0);
	size_t at = 0; /* before the orphans' heading */
	while (at < n && r->ov.items[at].kind != OV_HEADING)
		at++;
	struct ov_item *v = xmalloc((n + extra) * sizeof *v);
	if (at)
		memcpy(v, r->ov.items, at * sizeof *v);
	size_t k = at;
	if (shared)
		v[k++] = (struct ov_item){OV_SHARED_HEADING, ANNOT_NONE, ANNOT_NONE, false};
	for (size_t g = 0; g < st->ngroups; g++) {
		const struct story_group *gr = &st->groups[g];
		if (gr->noutlets < 2)
			continue;
		v[k++] = (struct ov_item){OV_GROUP, gr->claims[0], g, false};
		for (size_t i = 0; i < gr->nclaims; i++)
			v[k++] = (struct ov_item){OV_MEMBER, gr->claims[i], g, false};
	}
	if (solo)
		v[k++] = (struct ov_item){OV_SOLO_HEADING, ANNOT_NONE, ANNOT_NONE, false};
	for (size_t a = 0; a < st->narts; a++) {
		if (!st->nsolo[a])
			continue;
		v[k++] = (struct ov_item){OV_OUTLET, ANNOT_NONE, a, false};
		for (size_t i = 0; i < st->nsolo[a]; i++)
			v[k++] = (struct ov_item){OV_SOLO, st->solo[a][i], a, false};
	}
	if (n > at)
		memcpy(v + k, r->ov.items + at, (n - at) * sizeof *v);
	free(r->ov.items);
	r->ov.items = v;
	r->ov.n = n + extra;
}

size_t reader_ov_build(struct reader *r)
{
	free(r->ov.all);
	free(r->ov.items);
	r->ov.n = session_overview(r->s, &r->ov.items);
	if (r->s->anchored)
		ov_add_story(r);
	r->ov.all = r->ov.items;
	r->ov.nall = r->ov.n;
	r->ov.items = NULL;
	r->ov.n = 0;
	return r->ov.nall;
}

static unsigned act_overview(struct reader *r)
{
	if (r->ov.open) {
		ov_close(r);
		return READER_REDRAW_ALL;
	}
	if (!reader_ov_build(r)) {
		reader_message(r, R_STATUS, "no linked claims, shared claims or orphans to list");
		ov_close(r);
		return READER_REDRAW_ALL;
	}
	/* all the lines are in ov.all; the filters (/, t) choose among them */
	reader_ov_apply(r);
	r->ov.sel = 0;
	r->ov.open = true;
	return READER_REDRAW_ALL;
}

static unsigned articles_choose(struct reader *r);

static unsigned ov_follow(struct reader *r)
{
	if (r->ov.articles)
		return articles_choose(r);
	const struct ov_item *it = &r->ov.items[r->ov.sel];
	if (it->kind == OV_OUTLET) { /* an outlet's heading: its article */
		r->ov.sel = it->link;
		return articles_choose(r);
	}
	size_t c = it->claim;
	if (c == ANNOT_NONE) {
		reader_message(r, R_STATUS, "a heading: Enter on a line under it jumps there");
		return READER_REDRAW_ALL;
	}
	size_t art = session_claim_art(r->s, c);
	if (art == SIZE_MAX) {
		reader_message(r, R_ERROR, "this claim is not anchored in an open article");
		return READER_REDRAW_ALL;
	}
	struct view_state before;
	reader_view_save(r, &before);
	session_jump_push(r->s, &before);
	int p = reader_pane_of_art(r, art);
	if (p < 0) {
		p = r->focus;
		reader_pane_set_article(r, p, art);
	}
	reader_show_claim(r, p, c, -1);
	ov_close(r);
	return READER_REDRAW_ALL;
}

static int ov_page(struct reader *r)
{
	return r->ov.rows > 0 ? r->ov.rows : 1;
}

/* ---- scrolling ---- */

static int page_rows(struct reader *r)
{
	return r->body > 2 ? r->body - 1 : 1;
}

static int half_rows(struct reader *r)
{
	return r->body / 2 > 0 ? r->body / 2 : 1;
}

/* the cursor moved in the focused pane: the view follows it */
static unsigned cursor_moved(struct reader *r, size_t off, bool keep_goal)
{
	struct pane *pn = &r->pane[r->focus];
	pn->cur = off;
	if (!keep_goal)
		pn->goal = -1;
	reader_cursor_show(r, r->focus);
	return focused_pane(r);
}

/* a page or half: the view and the cursor move by the same rows */
static unsigned page(struct reader *r, long rows)
{
	struct pane *pn = &r->pane[r->focus];
	pn->cur = cursor_rows(pn->lay, pn->cur, rows, &pn->goal);
	reader_scroll(r, r->focus, rows);
	reader_cursor_show(r, r->focus);
	return focused_pane(r);
}

static unsigned act_line_down(struct reader *r)
{
	if (r->ov.open)
		return ov_move(r, 1);
	struct pane *pn = &r->pane[r->focus];
	return cursor_moved(r, cursor_rows(pn->lay, pn->cur, 1, &pn->goal), true);
}

static unsigned act_line_up(struct reader *r)
{
	if (r->ov.open)
		return ov_move(r, -1);
	struct pane *pn = &r->pane[r->focus];
	return cursor_moved(r, cursor_rows(pn->lay, pn->cur, -1, &pn->goal), true);
}

static unsigned act_page_down(struct reader *r)
{
	if (r->ov.open)
		return ov_move(r, ov_page(r));
	return page(r, page_rows(r));
}

static unsigned act_page_up(struct reader *r)
{
	if (r->ov.open)
		return ov_move(r, -ov_page(r));
	return page(r, -page_rows(r));
}

static unsigned act_half_down(struct reader *r)
{
	return page(r, half_rows(r));
}

static unsigned act_half_up(struct reader *r)
{
	return page(r, -half_rows(r));
}

static unsigned act_top(struct reader *r)
{
	if (r->ov.open)
		return ov_move(r, -(long)r->ov.n);
	r->pane[r->focus].top = (struct lpos){0, 0};
	reader_lock_follow(r, r->focus);
	return cursor_moved(r, 0, false);
}

static unsigned act_bottom(struct reader *r)
{
	if (r->ov.open)
		return ov_move(r, (long)r->ov.n);
	struct pane *pn = &r->pane[r->focus];
	struct article *a = reader_article(r, r->focus);
	if (!a->complete)
		article_load_all(a);
	pn->top = layout_last(pn->lay);
	size_t last = layout_offset_of(pn->lay, pn->top);
	layout_move(pn->lay, &pn->top, -(long)(r->body - 1));
	reader_lock_follow(r, r->focus);
	return cursor_moved(r, last, false);
}

/* ---- issue 13: the cursor's motions (cursor.c) ---- */

#define MOTION(name, fn)                                                                           \
	static unsigned act_##name(struct reader *r)                                               \
	{                                                                                          \
		struct pane *pn = &r->pane[r->focus];                                              \
		return cursor_moved(r, fn(pn->lay, pn->cur), false);                               \
	}
MOTION(char_left, cursor_left)
MOTION(char_right, cursor_right)
MOTION(word_next, cursor_word_next)
MOTION(word_prev, cursor_word_prev)
MOTION(word_end, cursor_word_end)
MOTION(row_start, cursor_row_start)
MOTION(row_end, cursor_row_end)
#undef MOTION

static unsigned act_scroll_down(struct reader *r)
{
	reader_scroll(r, r->focus, 1);
	return focused_pane(r);
}

static unsigned act_scroll_up(struct reader *r)
{
	reader_scroll(r, r->focus, -1);
	return focused_pane(r);
}

static unsigned act_clear(struct reader *r)
{
	struct pane *pn = &r->pane[r->focus];
	bool had = pn->visual || pn->sel != ANNOT_NONE || r->sugg_sel != SIZE_MAX;
	pn->visual = false;
	pn->sel = ANNOT_NONE;
	r->sugg_sel = SIZE_MAX;
	r->drag.active = false;
	if (r->link_pending) {
		r->link_pending = false;
		reader_message(r, R_STATUS, "link cancelled");
	} else if (had) {
		reader_message(r, R_STATUS, "selection cleared");
	}
	return READER_REDRAW_ALL;
}

static unsigned act_switch_pane(struct reader *r)
{
	/* left to right, round again */
	if (r->npanes > 1)
		reader_focus(r, (r->focus + 1) % r->npanes);
	return READER_REDRAW_ALL;
}

/* ---- claims and links ---- */

static void select_claim(struct reader *r, int dir)
{
	struct pane *pn = &r->pane[r->focus];
	struct session *s = r->s;
	if (!s->anchored) {
		reader_message(r, R_STATUS, "claims appear once the articles are loaded");
		return;
	}
	size_t off = layout_offset_of(pn->lay, pn->top);
	size_t cur = pn->sel;
	/* a selection scrolled out of view: start from the screen instead */
	if (cur != ANNOT_NONE && reader_row_on_screen(r, r->focus, s->an->claims[cur].start) < 0)
		cur = ANNOT_NONE;
	if (cur == ANNOT_NONE && dir < 0) {
		struct lpos end = pn->top;
		layout_move(pn->lay, &end, r->body);
		off = layout_offset_of(pn->lay, end);
	}
	/* Claims and suggestions are visited by where they start, a claim
	 * before a suggestion that starts at the same place (a suggested
	 * sentence often starts with a claim's quote). */
	bool from_sugg = cur == ANNOT_NONE && r->show_sugg && r->sugg_sel != SIZE_MAX &&
			 r->sugg_sel_pane == r->focus;
	if (from_sugg) {
		/* from a selected suggestion, continue from its place: claims
		 * after it going down, claims at or before it going up */
		const struct match_pair *m = &r->sugg[r->sugg_sel];
		off = (reader_sugg_side(r, r->focus) == 0 ? m->a_start : m->b_start) + 1;
	}
	size_t c = session_step_claim(s, pn->art, off, cur, dir);
	size_t cs = c != ANNOT_NONE ? s->an->claims[c].start : 0;
	if (from_sugg && dir < 0)
		off--; /* suggestions strictly before it */
	if (cur != ANNOT_NONE) {
		/* from a claim: going down, the suggestions at its start too */
		off = s->an->claims[cur].start;
		if (dir > 0 && off > 0)
			off--;
	}
	size_t ss;
	size_t sg = reader_sugg_next(r, r->focus, off, dir, &ss);
	if (sg != SIZE_MAX && (c == ANNOT_NONE || (dir > 0 ? ss < cs : ss >= cs))) {
		pn->sel = ANNOT_NONE;
		reader_sugg_select(r, r->focus, sg);
		pn->cur = ss;
		pn->goal = -1;
		pn->visual = false;
		if (reader_row_on_screen(r, r->focus, ss) < 0) {
			pn->top = layout_pos_of(pn->lay, ss);
			reader_scroll(r, r->focus, -(long)(r->body / 3));
		}
		const struct match_pair *m = &r->sugg[sg];
		reader_message(r, R_STATUS,
			       "suggested %s (score %.2f): Enter shows its partner, y accepts",
			       annot_rel_name(m->rel), m->score);
		return;
	}
	if (c == ANNOT_NONE) {
		reader_message(r, R_STATUS,
			       dir > 0 ? "no more claims below" : "no more claims above");
		return;
	}
	r->sugg_sel = SIZE_MAX;
	reader_show_claim(r, r->focus, c, -1);
}

static unsigned act_claim_next(struct reader *r)
{
	reader_note_followed(r, ANNOT_NONE, ANNOT_NONE);
	select_claim(r, 1);
	return focused_pane(r);
}

static unsigned act_claim_prev(struct reader *r)
{
	reader_note_followed(r, ANNOT_NONE, ANNOT_NONE);
	select_claim(r, -1);
	return focused_pane(r);
}

static void follow_link(struct reader *r)
{
	struct session *s = r->s;
	struct pane *pn = &r->pane[r->focus];
	size_t origin;
	size_t k = 0;
	int row;
	int from_pane;
	if (pn->sel == ANNOT_NONE && reader_sugg_follow(r))
		return;
	if (r->follow.active && pn->sel != ANNOT_NONE) {
		origin = r->follow.origin;
		k = r->follow.k + 1;
		row = r->follow.row;
		from_pane = r->follow.origin_pane;
	} else {
		if (pn->sel == ANNOT_NONE) {
			reader_message(r, R_STATUS, "no claim selected: ] selects the next one");
			return;
		}
		origin = pn->sel;
		row = reader_row_on_screen(r, r->focus, s->an->claims[origin].start);
		if (row < 0)
			row = r->body / 3;
		from_pane = r->focus;
	}
	/* the partners across the whole story: linked claims and the rest of
	 * the claim's `same` group, article by article (issue 15) */
	struct story_partner *partners;
	size_t n = story_partners(reader_story(r), s, origin, &partners);
	if (!n) {
		reader_message(r, R_STATUS, "this claim has no links");
		r->follow.active = false;
		return;
	}
	k %= n;
	struct view_state before;
	reader_view_save(r, &before);
	session_jump_push(s, &before);
	size_t partner = partners[k].claim;
	size_t art = partners[k].art;
	/* the partner goes in the other pane, beside the claim it answers: a
	 * partner in the same article is shown there too (Ctrl-O gives the
	 * pane its article back). With three panes, a pane already showing
	 * the partner's article takes it; else the pane focused before. */
	int target = r->npanes > 1 ? reader_other_pane(r, from_pane) : 0;
	for (int q = 0; q < r->npanes; q++)
		if (q != from_pane && r->pane[q].art == art && r->pane[target].art != art)
			target = q;
	bool same_article = r->npanes > 1 && art == r->pane[from_pane].art;
	if (r->pane[target].art != art)
		reader_pane_set_article(r, target, art);
	reader_show_claim(r, target, partner, row);
	/* a group member reached through others has no link of its own */
	const char *rel = partners[k].link != ANNOT_NONE
			      ? annot_rel_name(s->an->links[partners[k].link].rel)
			      : "same (through its group)";
	char plab[400];
	personal_claim_label(s, partner, plab, sizeof plab);
	reader_note_followed(r, partners[k].link, partner);
	bool mine = partners[k].link != ANNOT_NONE &&
		    s->an->links[partners[k].link].layer == LAYER_PERSONAL;
	/* the link's note (issue 13): a shows and adds to it right after this */
	struct buf nb = {0};
	size_t nnotes =
	    partners[k].link != ANNOT_NONE ? reader_link_notes_text(r, partners[k].link, &nb) : 0;
	if (nnotes) {
		const char *nl = memchr(nb.s, '\n', nb.len);
		reader_message(r, R_STATUS, "%zu/%zu %s: %s \u2014 note: %.*s%s%s", k + 1, n, rel,
			       plab, (int)(nl ? (size_t)(nl - nb.s) : nb.len), nb.s,
			       nnotes > 1 ? " (more below)" : "",
			       mine ? "  (your link: E edits, D deletes)" : "");
	} else {
		reader_message(r, R_STATUS, "%zu/%zu %s: %s [article %zu/%zu]%s%s", k + 1, n, rel,
			       plab, art + 1, s->narts,
			       same_article ? "  (same article, shown beside it; Ctrl-O goes back)"
					    : "",
			       mine ? "  (your link: E edits, D deletes, a notes it)"
			       : partners[k].link != ANNOT_NONE ? "  (a notes the link)"
								: "");
	}
	buf_free(&nb);
	r->follow.active = true;
	r->follow.origin = origin;
	r->follow.k = k;
	r->follow.row = row;
	r->follow.origin_pane = from_pane;
	free(partners);
}

static unsigned act_follow(struct reader *r)
{
	if (r->ov.open)
		return ov_follow(r);
	follow_link(r);
	return READER_REDRAW_ALL;
}

static unsigned act_jump_back(struct reader *r)
{
	struct view_state v, to;
	reader_view_save(r, &v);
	if (session_jump_back(r->s, &v, &to))
		reader_view_restore(r, &to);
	else
		reader_message(r, R_STATUS, "at the start of the jump history");
	return READER_REDRAW_ALL;
}

static unsigned act_jump_forward(struct reader *r)
{
	struct view_state to;
	if (session_jump_forward(r->s, &to))
		reader_view_restore(r, &to);
	else
		reader_message(r, R_STATUS, "at the end of the jump history");
	return READER_REDRAW_ALL;
}

/* ---- search ---- */

/* Search in pane p from offset from, forward or backward, in slices so the
 * screen shows progress and Esc cancels. An article still loading is loaded
 * a slice at a time as the search reaches its end, never all at once.
 * Returns 1 found, 0 not, -1 cancelled. */
static bool search_tick(struct reader *r, const struct article *a, size_t done, size_t total)
{
	if (!a->complete)
		reader_message(r, R_STATUS, "searching\u2026 (loading %u%%; Esc cancels)",
			       article_progress(a));
	else
		reader_message(r, R_STATUS, "searching\u2026 %zu%% (Esc cancels)",
			       total ? (size_t)((double)done * 100 / (double)total) : 0);
	return r->io.progress && r->io.progress(r->io.ctx);
}

static int search_run(struct reader *r, int p, size_t from, int dir, size_t *ms, size_t *me)
{
	struct article *a = reader_article(r, p);
	size_t done = 0, since = 0; /* bytes scanned or loaded: all, and since the last report */
	bool wrapped = false;
	size_t pos = from;
	/* a match starting this close to the end of what is loaded may run on
	 * into what is not: such starts wait for the next slice */
	size_t margin = r->pat.n * 4 + 4;
	for (;;) {
		size_t avail = a->complete ? a->len : a->len > margin ? a->len - margin : 0;
		if (dir > 0) {
			if (pos >= avail && !a->complete) {
				size_t before = a->len;
				article_load_step(a, LOAD_SLICE);
				done += a->len - before;
				since += a->len - before;
			} else {
				size_t lim =
				    pos + SEARCH_SLICE < avail ? pos + SEARCH_SLICE : avail;
				if (lim > pos &&
				    search_forward(&r->pat, a->text, a->len, pos, lim, ms, me))
					return 1;
				done += lim - pos;
				since += lim - pos;
				pos = lim;
				if (pos >= a->len) {
					if (wrapped || from == 0)
						return 0;
					wrapped = true;
					pos = 0;
					reader_message(r, R_STATUS, "search wrapped to the top");
				}
				if (wrapped && pos >= from)
					return 0;
			}
		} else {
			if (pos == 0 && !a->complete) {
				/* going round to the end: the end must be there */
				size_t before = a->len;
				article_load_step(a, LOAD_SLICE);
				done += a->len - before;
				since += a->len - before;
			} else {
				size_t lim = pos > SEARCH_SLICE ? pos - SEARCH_SLICE : 0;
				if (search_backward(&r->pat, a->text, a->len, pos, lim, ms, me))
					return 1;
				done += pos - lim;
				since += pos - lim;
				pos = lim;
				if (pos == 0 && a->complete) {
					if (wrapped || from >= a->len)
						return 0;
					wrapped = true;
					pos = a->len;
				}
				if (wrapped && pos <= from)
					return 0;
			}
		}
		if (since >= SEARCH_SLICE) {
			since = 0;
			if (search_tick(r, a, done, a->len))
				return -1;
		}
	}
}

static void search_goto(struct reader *r, int p, int dir, bool fresh)
{
	struct pane *pn = &r->pane[p];
	if (!r->has_pat) {
		reader_message(r, R_STATUS, "no search pattern: / starts one");
		return;
	}
	size_t from;
	if (pn->has_hit && !fresh)
		from = dir > 0 ? pn->hit_s + 1 : pn->hit_s;
	else
		from = layout_offset_of(pn->lay, pn->top);
	size_t ms, me;
	r->msg[0] = '\0';
	int found = search_run(r, p, from, dir, &ms, &me);
	if (found < 0) {
		reader_message(r, R_STATUS, "search cancelled");
		return;
	}
	if (found == 0) {
		char *pat = text_sanitize(r->pat.text, strlen(r->pat.text), false);
		reader_message(r, R_ERROR, "pattern not found: %s", pat);
		free(pat);
		return;
	}
	bool wrapped = dir > 0 ? ms < from : ms >= from;
	pn->has_hit = true;
	pn->hit_s = ms;
	pn->hit_e = me;
	/* the cursor on the hit (a selection under way stretches to it) */
	pn->cur = ms;
	pn->goal = -1;
	if (reader_row_on_screen(r, p, ms) < 0) {
		pn->top = layout_pos_of(pn->lay, ms);
		reader_scroll(r, p, 0);
	}
	if (wrapped)
		reader_message(r, R_STATUS,
			       dir > 0 ? "search hit the end, continued at the top"
				       : "search hit the top, continued at the end");
	else if (!r->msg[0] || strncmp(r->msg, "search", 6) == 0)
		r->msg[0] = '\0';
}

static unsigned act_search(struct reader *r)
{
	char *text = r->io.prompt ? r->io.prompt(r->io.ctx, "/") : NULL;
	if (!text)
		return READER_REDRAW_ALL;
	if (!*text) {
		free(text);
		if (r->has_pat)
			search_goto(r, r->focus, 1, false);
		return READER_REDRAW_ALL;
	}
	reader_set_pattern(r, text);
	free(text);
	search_goto(r, r->focus, 1, true);
	return READER_REDRAW_ALL;
}

static unsigned act_search_next(struct reader *r)
{
	search_goto(r, r->focus, 1, false);
	return focused_pane(r);
}

static unsigned act_search_prev(struct reader *r)
{
	search_goto(r, r->focus, -1, false);
	return focused_pane(r);
}

/* ---- the selection (issue 13: from an anchor to the cursor) ---- */

static bool is_space_at(const char *t, size_t len, size_t i)
{
	int32_t cp;
	text_decode(t + i, len - i, &cp);
	return text_is_space(cp);
}

static unsigned act_visual(struct reader *r)
{
	struct pane *pn = &r->pane[r->focus];
	if (pn->visual) {
		pn->visual = false;
		reader_message(r, R_STATUS, "selection cancelled");
		return READER_REDRAW_ALL;
	}
	reader_cursor_show(r, r->focus);
	pn->vis_anchor = pn->cur;
	pn->visual = true;
	reader_message(
	    r, R_STATUS,
	    "selecting: move with h j k l w b e 0 $, m makes a claim, a a note, Y copies, "
	    "Esc clears");
	return READER_REDRAW_ALL;
}

static size_t make_claim_from_visual(struct reader *r, enum claim_kind kind)
{
	struct pane *pn = &r->pane[r->focus];
	size_t lo, hi;
	reader_selection(r, r->focus, &lo, &hi);
	struct article *a = reader_article(r, r->focus);
	while (hi > lo && is_space_at(a->text, a->len, text_prev_char(a->text, hi)))
		hi = text_prev_char(a->text, hi);
	while (lo < hi && is_space_at(a->text, a->len, lo))
		lo = text_next_char(a->text, a->len, lo);
	pn->visual = false;
	if (hi <= lo) {
		reader_message(r, R_ERROR, "the selection is blank: nothing to mark");
		return ANNOT_NONE;
	}
	size_t c = personal_add_claim(r->s, pn->art, lo, hi, kind);
	if (c != ANNOT_NONE)
		pn->sel = c;
	return c;
}

static unsigned act_mark_claim(struct reader *r)
{
	if (!r->pane[r->focus].visual) {
		reader_message(r, R_STATUS, "v starts a selection first");
		return READER_REDRAW_ALL;
	}
	int k = reader_ask(r, "Make it a claim of kind: a)ccusation r)ebuttal c)laim (Esc cancels)",
			   "arc");
	if (!k)
		return READER_REDRAW_ALL;
	enum claim_kind kind = k == 'a' ? KIND_ACCUSATION : k == 'r' ? KIND_REBUTTAL : KIND_CLAIM;
	personal_begin(r->s, "new claim");
	size_t c = make_claim_from_visual(r, kind);
	personal_end(r->s);
	if (c != ANNOT_NONE) {
		char lab[400], what[440];
		personal_claim_label(r->s, c, lab, sizeof lab);
		set_last_label(r->s, "new claim %s", lab);
		personal_printf(what, sizeof what, "claim added: %s", lab);
		reader_report_save(r, what);
	}
	return READER_REDRAW_ALL;
}

/* ---- links ---- */

static unsigned act_link(struct reader *r)
{
	struct pane *pn = &r->pane[r->focus];
	if (pn->sel == ANNOT_NONE) {
		reader_message(r, R_STATUS, "select a claim first (] or v + m)");
		return READER_REDRAW_ALL;
	}
	if (!r->link_pending || r->link_from >= r->s->an->nclaims) {
		r->link_pending = true;
		r->link_from = pn->sel;
		char lab[400];
		personal_claim_label(r->s, pn->sel, lab, sizeof lab);
		reader_message(r, R_STATUS,
			       "link from %s: select a claim in the other pane and press r", lab);
		return READER_REDRAW_ALL;
	}
	size_t from = r->link_from, to = pn->sel;
	r->link_pending = false;
	if (from == to) {
		reader_message(r, R_STATUS, "link cancelled (same claim)");
		return READER_REDRAW_ALL;
	}
	char la[400], lb[400], q[1000];
	personal_claim_label(r->s, from, la, sizeof la);
	personal_claim_label(r->s, to, lb, sizeof lb);
	personal_printf(q, sizeof q, "%s \u2192 %s", la, lb);
	enum link_rel rel;
	if (!reader_ask_relation(r, q, &rel))
		return READER_REDRAW_ALL;
	char what[1000];
	personal_printf(what, sizeof what, "link %s %s %s", la, annot_rel_name(rel), lb);
	personal_begin(r->s, what);
	personal_add_link(r->s, from, to, rel);
	personal_end(r->s);
	char done[sizeof what + 16];
	personal_printf(done, sizeof done, "added %s", what);
	reader_report_save(r, done);
	return READER_REDRAW_ALL;
}

static unsigned act_suggest(struct reader *r)
{
	reader_sugg_toggle(r);
	return READER_REDRAW_ALL;
}

static unsigned act_accept(struct reader *r)
{
	reader_sugg_accept(r);
	return READER_REDRAW_ALL;
}

/* ---- notes ---- */

size_t reader_shown_note(struct reader *r, int p, size_t *k, size_t *n)
{
	struct pane *pn = &r->pane[p];
	const size_t *notes;
	size_t cnt = pn->sel == ANNOT_NONE ? 0 : session_claim_notes(r->s, pn->sel, &notes);
	if (!cnt)
		return ANNOT_NONE;
	size_t i = pn->note_claim == pn->sel && pn->note_k < cnt ? pn->note_k : 0;
	if (k)
		*k = i;
	if (n)
		*n = cnt;
	return notes[i];
}

/* after an add (which may have merged others' changes and moved indexes):
 * show the last of the selected claim's notes that says text */
static void show_new_note(struct reader *r, const char *text)
{
	struct pane *pn = &r->pane[r->focus];
	const size_t *notes;
	size_t cnt = pn->sel == ANNOT_NONE ? 0 : session_claim_notes(r->s, pn->sel, &notes);
	for (size_t i = cnt; i-- > 0;) {
		const struct note *nt = &r->s->an->notes[notes[i]];
		if (nt->layer == LAYER_PERSONAL && nt->text && !strcmp(nt->text, text)) {
			pn->note_claim = pn->sel;
			pn->note_k = i;
			return;
		}
	}
}

static unsigned act_note_next(struct reader *r)
{
	struct pane *pn = &r->pane[r->focus];
	size_t k, n;
	if (reader_shown_note(r, r->focus, &k, &n) == ANNOT_NONE) {
		reader_message(r, R_STATUS,
			       pn->sel == ANNOT_NONE ? "select a claim (] or [) to see its notes"
						     : "this claim has no note (a adds one)");
		return READER_REDRAW_ALL;
	}
	pn->note_claim = pn->sel;
	pn->note_k = (k + 1) % n;
	reader_message(r, R_STATUS, "note %zu of %zu", pn->note_k + 1, n);
	return READER_REDRAW_ALL;
}

static unsigned note_add(struct reader *r, bool external)
{
	struct pane *pn = &r->pane[r->focus];
	/* right after Enter followed a link: the link or the claim (issue 13) */
	size_t fl = reader_followed_link(r);
	if (fl != ANNOT_NONE && !pn->visual) {
		int k = reader_ask(
		    r, "Note on: l) the link just followed  c) the claim  (Esc cancels)", "lc");
		if (!k)
			return READER_REDRAW_ALL;
		if (k == 'l')
			return reader_note_link(r, fl, external);
	}
	/* a note on a selection makes its claim first: one action with the
	 * note (one u takes both), if the note is written */
	unsigned claim_group = 0;
	if (pn->visual) {
		if (make_claim_from_visual(r, KIND_CLAIM) == ANNOT_NONE)
			return READER_REDRAW_ALL;
		if (r->s->undo.n)
			claim_group = r->s->undo.step[r->s->undo.n - 1].group;
	}
	if (pn->sel == ANNOT_NONE) {
		reader_message(r, R_STATUS, "select a claim (] or [) or text (v) to note");
		return READER_REDRAW_ALL;
	}
	char *on = xstrdup(claim_id(r, pn->sel));
	char lab[400], title[440];
	personal_claim_label(r->s, pn->sel, lab, sizeof lab);
	personal_printf(title, sizeof title, "Note on %s", lab);
	char *text = reader_note_text(r, title, on, external);
	if (text && *text) {
		char label[UNDO_LABEL_MAX];
		note_label(r, pn->sel, "note on", label, sizeof label);
		personal_begin(r->s, label);
		personal_add_note(r->s, on, text);
		personal_end(r->s);
		join_claim_group(r->s, claim_group, label);
		show_new_note(r, text); /* the panel shows what was just written */
		reader_note_stored(r);
		reader_report_save(r, "note added");
	} else if (text) {
		journal_remove(r->s->notes_path);
		reader_message(r, R_STATUS, "empty note not saved");
	}
	free(text);
	free(on);
	return READER_REDRAW_ALL;
}

static unsigned act_note_add(struct reader *r)
{
	return note_add(r, false);
}

static unsigned act_note_external(struct reader *r)
{
	return note_add(r, true);
}

static unsigned act_note_edit(struct reader *r)
{
	size_t n = reader_shown_note(r, r->focus, NULL, NULL);
	/* no note of yours shown: E edits your own claim or link */
	if (n == ANNOT_NONE || r->s->an->notes[n].layer != LAYER_PERSONAL)
		return reader_edit_entry(r, n);
	/* a note of yours on a claim (or after a link) of yours: which one */
	size_t sel = r->pane[r->focus].sel, fl = reader_followed_link(r);
	bool link_mine = fl != ANNOT_NONE && r->s->an->links[fl].layer == LAYER_PERSONAL;
	if (link_mine || r->s->an->claims[sel].layer == LAYER_PERSONAL) {
		int k = reader_ask(
		    r,
		    link_mine ? "edit n) the note shown  l) the link you followed (Esc cancels)"
			      : "edit n) the note shown  c) the claim: kind, speaker, target "
				"(Esc cancels)",
		    link_mine ? "nl" : "nc");
		if (!k) {
			reader_message(r, R_STATUS, "edit cancelled");
			return READER_REDRAW_ALL;
		}
		if (k != 'n')
			return reader_edit_entry(r, ANNOT_NONE);
	}
	struct note *nt = &r->s->an->notes[n];
	char *on = xstrdup(nt->on), *id = xstrdup(nt->id ? nt->id : "");
	char lab[400], title[440];
	personal_claim_label(r->s, r->pane[r->focus].sel, lab, sizeof lab);
	personal_printf(title, sizeof title, "Edit note on %s", lab);
	char *text = r->io.edit_note ? r->io.edit_note(r->io.ctx, title, nt->text, on, id) : NULL;
	if (text) {
		size_t again = annot_find_note(r->s->an, id);
		if (again != ANNOT_NONE) {
			char label[UNDO_LABEL_MAX];
			note_label(r, r->pane[r->focus].sel, "edit of the note on", label,
				   sizeof label);
			personal_begin(r->s, label);
			personal_edit_note(r->s, again, text);
			personal_end(r->s);
			reader_note_stored(r);
			reader_report_save(r, "note updated");
		} else {
			reader_message(r, R_ERROR,
				       "the note was deleted meanwhile (on disk): nothing updated");
		}
	}
	free(text);
	free(on);
	free(id);
	return READER_REDRAW_ALL;
}

static unsigned act_note_delete(struct reader *r)
{
	size_t n = reader_shown_note(r, r->focus, NULL, NULL);
	size_t sel = r->pane[r->focus].sel;
	if (n == ANNOT_NONE) {
		if (sel == ANNOT_NONE)
			reader_message(r, R_STATUS, "select a claim (] or [) to delete its note");
		else if (r->s->an->claims[sel].layer == LAYER_PERSONAL)
			reader_message(r, R_STATUS,
				       "this claim has no note to delete (D deletes the claim)");
		else
			reader_message(r, R_STATUS, "this claim has no note to delete");
		return READER_REDRAW_ALL;
	}
	if (r->s->an->notes[n].layer != LAYER_PERSONAL) {
		reader_message(r, R_STATUS,
			       "curated: read-only; this note is the curated file's (d deletes "
			       "only your own)");
		return READER_REDRAW_ALL;
	}
	char nq[200], cq[200], q[500];
	personal_quote(r->s->an->notes[n].text, 24, nq, sizeof nq);
	personal_quote(sel < r->s->an->nclaims ? r->s->an->claims[sel].quote : NULL, 24, cq,
		       sizeof cq);
	personal_printf(q, sizeof q, "delete note '%s' on '%s'? y/n", nq, cq);
	if (reader_ask(r, q, "yn") != 'y') {
		reader_message(r, R_STATUS, "kept");
		return READER_REDRAW_ALL;
	}
	char label[UNDO_LABEL_MAX];
	note_label(r, r->pane[r->focus].sel, "deletion of the note on", label, sizeof label);
	personal_begin(r->s, label);
	personal_delete_note(r->s, n);
	personal_end(r->s);
	reader_report_save(r, "note deleted (u undoes)");
	return READER_REDRAW_ALL;
}

static unsigned act_undo(struct reader *r)
{
	return reader_undo(r);
}

static unsigned act_redo(struct reader *r)
{
	return reader_redo(r);
}

static unsigned act_entry_delete(struct reader *r)
{
	return reader_delete_entry(r);
}

/* Where a restored note goes when what it was on is gone (the curated
 * file renamed the claim): the selected claim, else a new claim on the
 * focused article's first line. Never the missing id: a note on nothing
 * would make every later save fail to read back. */
char *reader_restore_target(struct reader *r, const char *on)
{
	struct session *s = r->s;
	if (on && (annot_find_claim(s->an, on) != ANNOT_NONE ||
		   annot_find_link(s->an, on) != ANNOT_NONE ||
		   annot_find_article(s->an, on) != ANNOT_NONE))
		return xstrdup(on);
	struct pane *pn = &r->pane[r->focus];
	if (pn->sel != ANNOT_NONE && pn->sel < s->an->nclaims)
		return xstrdup(claim_id(r, pn->sel));
	struct article *a = reader_article(r, r->focus);
	article_load_all(a);
	size_t st = 0;
	while (st < a->len && is_space_at(a->text, a->len, st))
		st = text_next_char(a->text, a->len, st);
	size_t e = st;
	while (e < a->len && a->text[e] != '\n' && e - st < 80)
		e = text_next_char(a->text, a->len, e);
	size_t c = personal_add_claim(s, pn->art, st, e, KIND_CLAIM);
	return c != ANNOT_NONE ? xstrdup(claim_id(r, c)) : NULL;
}

/* ---- issue 15: the article list, choosing articles, scroll lock ---- */

static unsigned act_articles(struct reader *r)
{
	if (r->ov.open && r->ov.articles) {
		ov_close(r);
		return READER_REDRAW_ALL;
	}
	if (r->ov.open)
		ov_close(r); /* from the claims overview straight to the list */
	reader_story(r);     /* the list's figures */
	r->ov.open = true;
	r->ov.articles = true;
	r->ov.n = r->s->narts;
	r->ov.sel = r->pane[r->focus].art;
	return READER_REDRAW_ALL;
}

static void choose(struct reader *r, size_t art)
{
	if (art >= r->s->narts) {
		reader_message(r, R_ERROR, "no article %zu: the story has %zu", art + 1,
			       r->s->narts);
		return;
	}
	if (r->pane[r->focus].art == art)
		return;
	struct view_state before;
	reader_view_save(r, &before);
	session_jump_push(r->s, &before); /* Ctrl-O goes back */
	reader_choose_article(r, art);
	reader_lock_follow(r, r->focus);
	reader_message(r, R_STATUS, "article %zu/%zu: %s", art + 1, r->s->narts,
		       article_label(r->s->arts[art]));
}

static unsigned articles_choose(struct reader *r)
{
	size_t art = r->ov.sel;
	ov_close(r);
	choose(r, art);
	return READER_REDRAW_ALL;
}

#define ARTICLE_KEY(n)                                                                             \
	static unsigned act_article_##n(struct reader *r)                                          \
	{                                                                                          \
		choose(r, n - 1);                                                                  \
		return READER_REDRAW_ALL;                                                          \
	}
ARTICLE_KEY(1)
ARTICLE_KEY(2)
ARTICLE_KEY(3)
ARTICLE_KEY(4)
ARTICLE_KEY(5)
ARTICLE_KEY(6)
ARTICLE_KEY(7)
ARTICLE_KEY(8)
ARTICLE_KEY(9)
#undef ARTICLE_KEY

static unsigned act_swap(struct reader *r)
{
	if (r->npanes < 2) {
		reader_message(r, R_STATUS, "one pane: nothing to swap");
		return READER_REDRAW_ALL;
	}
	struct view_state before;
	reader_view_save(r, &before);
	session_jump_push(r->s, &before);
	reader_swap_panes(r);
	return READER_REDRAW_ALL;
}

/* the layout key: 2, 3, auto, round again; the ui lays the panes out */
static unsigned act_layout(struct reader *r)
{
	r->panes_pref = r->panes_pref == PANES_AUTO ? PANES_2
			: r->panes_pref == PANES_2  ? PANES_3
						    : PANES_AUTO;
	if (r->s->narts < 3)
		reader_message(r, R_STATUS, "panes %s (a story of two shows two)",
			       reader_panes_name(r->panes_pref));
	else
		reader_message(r, R_STATUS, "panes %s%s", reader_panes_name(r->panes_pref),
			       r->panes_pref == PANES_AUTO ? " (three from 200 columns)"
			       : r->panes_pref == PANES_3  ? " (where each gets 40 columns)"
							   : "");
	return READER_REDRAW_ALL | READER_REDRAW_LAYOUT;
}

static unsigned act_scroll_lock(struct reader *r)
{
	r->scroll_lock = !r->scroll_lock;
	if (r->scroll_lock)
		reader_lock_follow(r, r->focus);
	reader_message(r, R_STATUS, "scroll lock %s", r->scroll_lock ? "on" : "off");
	return READER_REDRAW_ALL;
}

/* ---- issue 13: copying (OSC 52, clipboard.h) ---- */

static unsigned act_copy(struct reader *r)
{
	struct pane *pn = &r->pane[r->focus];
	struct article *a = reader_article(r, r->focus);
	size_t lo, hi;
	const char *what = "the selection";
	if (!reader_selection(r, r->focus, &lo, &hi)) {
		if (pn->sel == ANNOT_NONE) {
			reader_message(
			    r, R_STATUS,
			    "nothing to copy: select text (v) or a claim (] or a click)");
			return READER_REDRAW_ALL;
		}
		lo = r->s->an->claims[pn->sel].start;
		hi = r->s->an->claims[pn->sel].end;
		what = "the claim's quote";
	}
	const char *why = clip_refused((enum clip_mode)r->clip_mode, r->clip_announced);
	if (why) {
		reader_message(r, R_STATUS, "%s", why);
		return READER_REDRAW_ALL;
	}
	if (hi > a->len || lo >= hi) {
		reader_message(r, R_STATUS, "nothing copied: %s is empty", what);
		return READER_REDRAW_ALL;
	}
	if (hi - lo > CLIP_MAX_TEXT) {
		reader_message(r, R_ERROR,
			       "nothing copied: %s has %zu bytes, more than the %zu sent at once",
			       what, hi - lo, CLIP_MAX_TEXT);
		return READER_REDRAW_ALL;
	}
	size_t chars = 0;
	for (size_t i = lo; i < hi; i = text_next_char(a->text, hi, i))
		chars++;
	free(r->clip_out);
	r->clip_out = clip_osc52(a->text + lo, hi - lo, &r->clip_len);
	pn->visual = false;
	reader_message(r, R_STATUS, "%s (%zu characters) sent to the terminal's clipboard (OSC 52)",
		       what, chars);
	return READER_REDRAW_ALL;
}

/* ---- issue 13: tags, notes on links and articles, overview filters ---- */

static unsigned act_tag(struct reader *r)
{
	return reader_tag(r);
}

static unsigned act_ov_search(struct reader *r)
{
	return reader_ov_search(r);
}

static unsigned act_ov_tag(struct reader *r)
{
	return reader_ov_tag(r);
}

static unsigned act_ov_note(struct reader *r)
{
	return reader_ov_note(r, false);
}

/* ---- the screen ---- */

static unsigned act_redraw(struct reader *r)
{
	(void)r;
	return READER_REDRAW_ALL | READER_REDRAW_CLEAR;
}

static unsigned act_help(struct reader *r)
{
	r->help = !r->help;
	r->help_top = 0;
	return READER_REDRAW_ALL;
}

static unsigned act_quit(struct reader *r)
{
	r->quit = reader_confirm_quit(r);
	return READER_REDRAW_ALL;
}

/* ---- dispatch ---- */

static unsigned (*const handlers[ACT_COUNT])(struct reader *) = {
#define ACTIONS_HANDLER(id, fn, name, kr, kv, ko, help) [ACT_##id] = act_##fn,
    READER_ACTIONS(ACTIONS_HANDLER)
#undef ACTIONS_HANDLER
};

/* Actions that need only the text on screen: the rest (claims, links,
 * notes, suggestions, the overview) need every claim placed. */
static bool needs_only_text(enum action act)
{
	switch (act) {
	case ACT_LINE_DOWN:
	case ACT_LINE_UP:
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
	case ACT_HALF_DOWN:
	case ACT_HALF_UP:
	case ACT_TOP:
	case ACT_BOTTOM:
	case ACT_SWITCH:
	case ACT_SEARCH:
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
	case ACT_CHAR_LEFT:
	case ACT_CHAR_RIGHT:
	case ACT_WORD_NEXT:
	case ACT_WORD_PREV:
	case ACT_WORD_END:
	case ACT_ROW_START:
	case ACT_ROW_END:
	case ACT_SCROLL_DOWN:
	case ACT_SCROLL_UP:
	case ACT_VISUAL:
	case ACT_CLEAR:
	case ACT_REDRAW:
	case ACT_HELP:
	case ACT_QUIT:
	case ACT_LAYOUT:
		return true;
	default:
		return false;
	}
}

unsigned reader_do(struct reader *r, enum action act)
{
	if (act <= ACT_NONE || act >= ACT_COUNT || !handlers[act])
		return 0; /* an editing action is the editor's (editkey.c) */
	/* a key pressed while the articles load is not dropped: one that needs
	 * the claims (], a, c, s ...) waits for the rest to be placed */
	if (!r->s->anchored && !needs_only_text(act))
		session_load_all(r->s);
	/* Enter again follows the next link; anything else starts over */
	if (act != ACT_FOLLOW)
		r->follow.active = false;
	/* the link just followed stays for a note on it (a, A), an edit (E)
	 * or a deletion (D) of it only */
	if (act != ACT_NOTE_ADD && act != ACT_NOTE_EXTERNAL && act != ACT_NOTE_EDIT &&
	    act != ACT_ENTRY_DELETE)
		reader_note_followed(r, ANNOT_NONE, ANNOT_NONE);
	unsigned redraw = handlers[act](r);
	/* the suggestions follow the articles on screen */
	if (reader_sugg_refresh(r))
		redraw |= READER_REDRAW_ALL;
	return redraw;
}

unsigned reader_key(struct reader *r, int key)
{
	enum action act = keymap_lookup(r->keys, (int)reader_mode(r), key);
	return act == ACT_NONE ? 0 : reader_do(r, act);
}
