/* reader: the reader's state below the screen (see reader.h): panes and
 * what they show, moving and showing claims, the jump history's view
 * states, messages and the outcome of saves. */
#include "crossread/reader/reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/doc/article.h"
#include "crossread/persist/journal.h"
#include "crossread/persist/store.h"
#include "crossread/reader/cursor.h"
#include "crossread/reader/edit.h"
#include "crossread/reader/personal.h"
#include "crossread/base/util.h"

void reader_init(struct reader *r, struct session *s, const struct keymap *keys,
		 const struct reader_io *io)
{
	memset(r, 0, sizeof *r);
	r->s = s;
	r->keys = keys;
	if (io)
		r->io = *io;
	r->npanes = s->narts >= 2 ? 2 : 1;
	r->prev_focus = r->npanes - 1;
	r->sugg_sel = SIZE_MAX;
	r->sugg_pane[0] = 0;
	r->sugg_pane[1] = 1;
	r->body = 1;
	for (int p = 0; p < r->npanes; p++) {
		r->pane[p].textw = 40;
		reader_pane_set_article(r, p, (size_t)p);
	}
	/* claim indexes the reader keeps: found again by id after a merge */
	for (int p = 0; p < READER_MAX_PANES; p++) {
		r->pane[p].sel = r->pane[p].note_claim = ANNOT_NONE;
		session_hold_claim(s, &r->pane[p].sel);
		session_hold_claim(s, &r->pane[p].note_claim);
	}
	session_hold_claim(s, &r->link_from);
	session_hold_claim(s, &r->follow.origin);
}

void reader_free(struct reader *r)
{
	for (int p = 0; p < r->npanes; p++)
		layout_free(r->pane[p].lay);
	if (r->has_pat)
		search_free(&r->pat);
	free(r->sugg);
	reader_sugg_free(r);
	for (int p = 0; p < 2; p++) { /* sides, not panes */
		free(r->sugg_sorted[p]);
		free(r->sugg_maxend[p]);
	}
	free(r->ov.items);
	free(r->clip_out);
	free(r->ov.all);
	free(r->ov.search);
	free(r->ov.search_folded);
	free(r->ov.tag);
	if (r->has_story)
		story_free(&r->story);
	free(r->followed_link);
	free(r->followed_to);
	if (r->s)
		r->s->nheld = 0; /* they point into r */
	memset(r, 0, sizeof *r);
}

void reader_relayout(struct reader *r)
{
	for (int p = 0; p < r->npanes; p++) {
		struct pane *pn = &r->pane[p];
		if (!pn->lay)
			continue;
		size_t off = layout_offset_of(pn->lay, pn->top);
		layout_set_width(pn->lay, pn->textw);
		pn->top = layout_pos_of(pn->lay, off);
		pn->goal = -1;
		pn->cur = cursor_snap(pn->lay, pn->cur);
		reader_cursor_drag(r, p);
	}
}

void reader_message(struct reader *r, enum role role, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char big[2048];
	vsnprintf(big, sizeof big, fmt, ap);
	va_end(ap);
	/* a long message is cut on a character boundary */
	personal_printf(r->msg, sizeof r->msg, "%s", big);
	r->msg_role = role;
}

/* One message, true as a whole: what was done and whether it is on disk.
 * A failed save says so instead of "saved" ("save failed: disk full; kept
 * in memory \u2014 note added"), never both. */
void reader_report_save(struct reader *r, const char *what)
{
	const char *m = store_message(r->s->store);
	bool failed = personal_dirty(r->s);
	if (!m)
		m = "";
	if (failed) {
		/* the failure first: it is what must not be missed */
		reader_message(r, R_ERROR, "%s \u2014 %s", *m ? m : "save failed; kept in memory",
			       what);
		return;
	}
	if (!*m || !strcmp(m, "nothing to save"))
		reader_message(r, R_STATUS, "%s", what);
	else
		reader_message(r, R_STATUS, "%s \u2014 %s", what, m);
}

/* a failed save keeps the journal, so the note is offered back at the next
 * start */
void reader_note_stored(struct reader *r)
{
	if (!personal_dirty(r->s))
		journal_remove(r->s->notes_path);
}

/* ---- issue 15: a story of N articles ---- */

static void clamp_top(struct reader *r, int p);

const struct story *reader_story(struct reader *r)
{
	if (r->has_story)
		story_free(&r->story);
	story_build(&r->story, r->s);
	r->has_story = true;
	return &r->story;
}

void reader_swap_two(struct reader *r, int p, int q)
{
	if (p == q || p < 0 || q < 0 || p >= r->npanes || q >= r->npanes)
		return;
	/* what each pane shows moves; where each pane is on screen stays */
	struct pane a = r->pane[p], b = r->pane[q];
	r->pane[p] = b;
	r->pane[q] = a;
	for (int k = 0; k < 2; k++) {
		int to = k == 0 ? p : q;
		const struct pane *geo = k == 0 ? &a : &b;
		r->pane[to].x = geo->x;
		r->pane[to].w = geo->w;
		r->pane[to].textx = geo->textx;
		r->pane[to].textw = geo->textw;
	}
	reader_relayout(r);
}

void reader_swap_panes(struct reader *r)
{
	if (r->npanes < 2)
		return;
	reader_swap_two(r, r->focus, reader_other_pane(r, r->focus));
}

void reader_choose_article(struct reader *r, size_t art)
{
	if (art >= r->s->narts)
		return;
	for (int q = 0; q < r->npanes; q++)
		if (q != r->focus && r->pane[q].art == art) {
			reader_swap_two(r, r->focus, q);
			return;
		}
	reader_pane_set_article(r, r->focus, art);
}

void reader_focus(struct reader *r, int p)
{
	if (p < 0 || p >= r->npanes || p == r->focus)
		return;
	r->prev_focus = r->focus;
	r->focus = p;
}

int reader_other_pane(const struct reader *r, int p)
{
	if (r->npanes < 2)
		return p;
	if (r->npanes == 2)
		return p == 0 ? 1 : 0;
	int q = r->prev_focus;
	if (q == p || q < 0 || q >= r->npanes)
		q = (p + 1) % r->npanes;
	return q;
}

const char *reader_panes_name(enum reader_panes p)
{
	return p == PANES_2 ? "2" : p == PANES_3 ? "3" : "auto";
}

int reader_panes_for(const struct reader *r, int cols)
{
	int most = r->s->narts < READER_MAX_PANES ? (int)r->s->narts : READER_MAX_PANES;
	if (most < 3)
		return most;
	/* three want room for a readable column each; `3` asks for them on
	 * any terminal that gives each 40 columns, auto from 200 */
	if (r->panes_pref == PANES_3 && cols >= 3 * 40 + 2)
		return 3;
	if (r->panes_pref == PANES_AUTO && cols >= READER_WIDE_COLS)
		return 3;
	return 2;
}

void reader_set_npanes(struct reader *r, int n)
{
	int most = r->s->narts < READER_MAX_PANES ? (int)r->s->narts : READER_MAX_PANES;
	if (n > most)
		n = most;
	if (n < 1)
		n = 1;
	while (r->npanes < n) {
		int p = r->npanes;
		/* the first article no pane shows */
		size_t art = 0;
		for (; art < r->s->narts && reader_pane_of_art(r, art) >= 0; art++)
			;
		if (art == r->s->narts)
			art = 0;
		struct pane *pn = &r->pane[p];
		pn->lay = NULL;
		pn->textw = r->pane[p - 1].textw;
		pn->sel = pn->note_claim = ANNOT_NONE;
		r->npanes++;
		reader_pane_set_article(r, p, art);
	}
	while (r->npanes > n) {
		int p = r->npanes - 1;
		/* the focused pane keeps its article: it moves one pane left */
		if (r->focus == p) {
			reader_swap_two(r, p, p - 1);
			r->focus = p - 1;
		}
		layout_free(r->pane[p].lay);
		r->pane[p].lay = NULL;
		r->pane[p].sel = r->pane[p].note_claim = ANNOT_NONE;
		r->npanes--;
	}
	/* what named a pane that is gone starts over */
	if (r->follow.active && r->follow.origin_pane >= r->npanes)
		r->follow.active = false;
	if (r->sugg_sel != SIZE_MAX && r->sugg_sel_pane >= r->npanes)
		r->sugg_sel = SIZE_MAX;
	if (r->prev_focus >= r->npanes || r->prev_focus == r->focus)
		r->prev_focus = reader_other_pane(r, r->focus);
	if (r->focus >= r->npanes)
		r->focus = 0;
}

/* rows of an article as a pane lays it out, for story_lock_top: counted
 * from the first line (O(lines): scroll lock is on only when asked) */
struct lock_rows {
	struct reader *r;
};

static struct layout *lock_layout(void *ctx, size_t art)
{
	struct reader *r = ((struct lock_rows *)ctx)->r;
	int p = reader_pane_of_art(r, art);
	return p >= 0 ? r->pane[p].lay : NULL;
}

static size_t lock_row_of(void *ctx, size_t art, size_t off)
{
	struct layout *l = lock_layout(ctx, art);
	struct lpos pos = layout_pos_of(l, off);
	size_t row = pos.row;
	for (size_t i = 0; i < pos.line; i++)
		row += layout_rows(l, i);
	return row;
}

static size_t lock_nrows(void *ctx, size_t art)
{
	struct layout *l = lock_layout(ctx, art);
	size_t n = 0, lines = layout_article(l)->nlines;
	for (size_t i = 0; i < lines; i++)
		n += layout_rows(l, i);
	return n;
}

static size_t lock_offset_of(void *ctx, size_t art, size_t row)
{
	struct layout *l = lock_layout(ctx, art);
	size_t lines = layout_article(l)->nlines;
	for (size_t i = 0; i < lines; i++) {
		size_t n = layout_rows(l, i);
		if (row < n)
			return layout_offset_of(l, (struct lpos){i, row});
		row -= n;
	}
	return layout_offset_of(l, layout_last(l));
}

static void lock_one(struct reader *r, const struct story *st, int p, int q)
{
	size_t a = r->pane[p].art, b = r->pane[q].art;
	if (a == b)
		return;
	article_load_all(reader_article(r, q));
	struct story_pair *pairs;
	size_t n = story_lock_pairs(st, r->s, a, b, &pairs);
	struct lock_rows ctx = {r};
	struct story_rows rows = {lock_row_of, lock_offset_of, lock_nrows, &ctx};
	size_t top_a = layout_offset_of(r->pane[p].lay, r->pane[p].top);
	size_t ref = r->body > 1 ? (size_t)r->body / 2 : 0;
	size_t top_b = story_lock_top(pairs, n, a, top_a, b, ref, &rows);
	free(pairs);
	r->pane[q].top = layout_pos_of(r->pane[q].lay, top_b);
	clamp_top(r, q);
	reader_cursor_drag(r, q);
}

/* every other pane follows pane p */
void reader_lock_follow(struct reader *r, int p)
{
	if (!r->scroll_lock || r->npanes < 2 || !r->s->anchored)
		return;
	article_load_all(reader_article(r, p));
	const struct story *st = reader_story(r);
	for (int q = 0; q < r->npanes; q++)
		if (q != p)
			lock_one(r, st, p, q);
}

enum reader_mode reader_mode(const struct reader *r)
{
	if (r->ov.open)
		return MODE_OVERVIEW;
	if (r->pane[r->focus].visual)
		return MODE_VISUAL;
	return MODE_READER;
}

struct article *reader_article(struct reader *r, int p)
{
	return r->s->arts[r->pane[p].art];
}

void reader_pane_set_article(struct reader *r, int p, size_t art)
{
	struct pane *pn = &r->pane[p];
	if (pn->lay && pn->art == art)
		return;
	layout_free(pn->lay);
	pn->art = art;
	pn->lay = layout_new(r->s->arts[art], pn->textw > 0 ? pn->textw : 40);
	pn->top = (struct lpos){0, 0};
	pn->sel = ANNOT_NONE;
	pn->has_hit = false;
	pn->visual = false;
	pn->cur = 0;
	pn->goal = -1;
}

int reader_pane_of_art(struct reader *r, size_t art)
{
	for (int p = 0; p < r->npanes; p++)
		if (r->pane[p].art == art)
			return p;
	return -1;
}

/* last row the pane can start at so the page is full */
static void clamp_top(struct reader *r, int p)
{
	struct pane *pn = &r->pane[p];
	if (!reader_article(r, p)->complete)
		return; /* the end is not known yet */
	struct lpos last = layout_last(pn->lay);
	layout_move(pn->lay, &last, -(long)(r->body - 1));
	if (pn->top.line > last.line || (pn->top.line == last.line && pn->top.row > last.row))
		pn->top = last;
}

void reader_scroll(struct reader *r, int p, long rows)
{
	layout_move(r->pane[p].lay, &r->pane[p].top, rows);
	clamp_top(r, p);
	reader_cursor_drag(r, p);
	reader_lock_follow(r, p);
}

/* ---- issue 13: the cursor ---- */

static bool before_top(struct reader *r, int p, size_t off)
{
	struct pane *pn = &r->pane[p];
	struct lpos c = layout_pos_of(pn->lay, off);
	return c.line < pn->top.line || (c.line == pn->top.line && c.row < pn->top.row);
}

void reader_cursor_show(struct reader *r, int p)
{
	struct pane *pn = &r->pane[p];
	pn->cur = cursor_snap(pn->lay, pn->cur);
	if (reader_row_on_screen(r, p, pn->cur) >= 0)
		return;
	bool above = before_top(r, p, pn->cur);
	pn->top = layout_pos_of(pn->lay, pn->cur);
	if (!above)
		layout_move(pn->lay, &pn->top, -(long)(r->body - 1));
	clamp_top(r, p);
	reader_lock_follow(r, p);
}

void reader_cursor_drag(struct reader *r, int p)
{
	struct pane *pn = &r->pane[p];
	if (!pn->lay || reader_row_on_screen(r, p, pn->cur) >= 0)
		return;
	if (pn->goal < 0)
		pn->goal = cursor_col(pn->lay, pn->cur);
	struct lpos row = pn->top;
	if (!before_top(r, p, pn->cur))
		layout_move(pn->lay, &row, r->body - 1); /* the last row shown */
	pn->cur = cursor_at_col(pn->lay, row, pn->goal);
}

bool reader_selection(struct reader *r, int p, size_t *lo, size_t *hi)
{
	struct pane *pn = &r->pane[p];
	if (!pn->visual)
		return false;
	cursor_range(pn->lay, pn->vis_anchor, pn->cur, lo, hi);
	return true;
}

void reader_view_save(struct reader *r, struct view_state *v)
{
	memset(v, 0, sizeof *v);
	for (int p = 0; p < SESSION_VIEW_PANES; p++) {
		if (p < r->npanes) {
			v->art[p] = r->pane[p].art;
			v->top[p] = layout_offset_of(r->pane[p].lay, r->pane[p].top);
			v->sel[p] = r->pane[p].sel;
			v->cur[p] = r->pane[p].cur;
		} else {
			v->sel[p] = ANNOT_NONE;
		}
	}
	v->npanes = r->npanes;
	v->focus = r->focus;
}

void reader_view_restore(struct reader *r, const struct view_state *v)
{
	/* a view taken with fewer panes leaves the others as they are */
	for (int p = 0; p < r->npanes && p < v->npanes; p++) {
		reader_pane_set_article(r, p, v->art[p]);
		r->pane[p].top = layout_pos_of(r->pane[p].lay, v->top[p]);
		r->pane[p].sel = v->sel[p];
		r->pane[p].cur = v->cur[p];
		r->pane[p].goal = -1;
		reader_cursor_drag(r, p);
	}
	reader_focus(r, v->focus < r->npanes ? v->focus : 0);
}

int reader_row_on_screen(struct reader *r, int p, size_t off)
{
	struct pane *pn = &r->pane[p];
	struct lpos target = layout_pos_of(pn->lay, off);
	struct lpos row = pn->top;
	for (int y = 0; y < r->body; y++) {
		if (row.line == target.line && row.row == target.row)
			return y;
		if (layout_move(pn->lay, &row, 1) != 1)
			break;
	}
	return -1;
}

void reader_show_claim(struct reader *r, int p, size_t c, int row)
{
	struct pane *pn = &r->pane[p];
	const struct claim *cl = &r->s->an->claims[c];
	pn->sel = c;
	reader_focus(r, p);
	pn->cur = cl->start; /* issue 13: the cursor on the claim's start */
	pn->goal = -1;
	pn->visual = false;
	if (row < 0) {
		if (reader_row_on_screen(r, p, cl->start) >= 0)
			return;
		row = r->body / 3;
	}
	pn->top = layout_pos_of(pn->lay, cl->start);
	layout_move(pn->lay, &pn->top, -(long)row);
	clamp_top(r, p);
}

/* the offset under text row y, column x of pane p (the row's last cell
 * right of its end); false off the text */
static bool offset_at(struct reader *r, int p, int y, int x, size_t *off)
{
	struct pane *pn = &r->pane[p];
	if (y < 0 || y >= r->body)
		return false;
	struct lpos row = pn->top;
	if (layout_move(pn->lay, &row, y) != y)
		return false;
	*off = cursor_at_col(pn->lay, row, x < 0 ? 0 : x);
	return true;
}

void reader_click(struct reader *r, int p, int y, int x)
{
	reader_focus(r, p);
	reader_note_followed(r, ANNOT_NONE,
			     ANNOT_NONE); /* a click, like a key, ends "just followed" */
	struct pane *pn = &r->pane[p];
	size_t off;
	if (!offset_at(r, p, y, x, &off))
		return;
	pn->cur = off;
	pn->goal = -1;
	pn->visual = false;
	if (!r->s->anchored)
		return;
	size_t c = look_claim_at(r, p, off, NULL);
	if (c != ANNOT_NONE)
		pn->sel = c;
}

void reader_mouse_press(struct reader *r, int p, int y, int x)
{
	reader_click(r, p, y, x);
	r->drag.active = r->focus == p && y >= 0 && y < r->body;
	r->drag.pane = p;
	r->drag.anchor = r->pane[p].cur;
}

void reader_mouse_drag(struct reader *r, int p, int y, int x)
{
	if (!r->drag.active)
		return;
	p = r->drag.pane; /* a drag stays in the pane it started in */
	struct pane *pn = &r->pane[p];
	/* past the top or the bottom: the view scrolls along */
	if (y < 0) {
		reader_scroll(r, p, -1);
		y = 0;
	} else if (y >= r->body) {
		reader_scroll(r, p, 1);
		y = r->body - 1;
	}
	size_t off;
	if (!offset_at(r, p, y, x, &off))
		return;
	pn->cur = off;
	pn->goal = -1;
	if (off != r->drag.anchor || pn->visual) {
		pn->visual = true;
		pn->vis_anchor = r->drag.anchor;
	}
}

void reader_mouse_release(struct reader *r, int p, int y, int x)
{
	reader_mouse_drag(r, p, y, x);
	r->drag.active = false;
}

void reader_set_pattern(struct reader *r, const char *text)
{
	if (r->has_pat)
		search_free(&r->pat);
	r->has_pat = search_compile(&r->pat, text, strlen(text));
	for (int p = 0; p < r->npanes; p++)
		r->pane[p].has_hit = false;
}

int reader_ask(struct reader *r, const char *q, const char *choices)
{
	return r->io.ask ? r->io.ask(r->io.ctx, q, choices) : 0;
}

bool reader_ask_relation(struct reader *r, const char *what, enum link_rel *rel)
{
	char q[1200];
	personal_printf(q, sizeof q,
			"r) rebuts  c) counters  s) same  p) supports  x) contradicts  (Esc "
			"cancels) \u2014 %s",
			what);
	int k = reader_ask(r, q, "rcspx");
	if (!k)
		return false;
	*rel = k == 'r'	  ? REL_REBUTS
	       : k == 'c' ? REL_COUNTERS
	       : k == 's' ? REL_SAME
	       : k == 'p' ? REL_SUPPORTS
			  : REL_CONTRADICTS;
	return true;
}

char *reader_note_text(struct reader *r, const char *title, const char *on, bool external)
{
	if (external)
		return r->io.edit_external ? r->io.edit_external(r->io.ctx, NULL) : NULL;
	return r->io.edit_note ? r->io.edit_note(r->io.ctx, title, NULL, on, NULL) : NULL;
}

bool reader_confirm_quit(struct reader *r)
{
	if (!personal_dirty(r->s))
		return true;
	bool failed;
	const char *m = personal_save(r->s, &failed);
	if (!failed)
		return true;
	char q[800];
	/* the choices first: a long reason is cut at the screen's edge */
	snprintf(q, sizeof q, "Not saved: r)etry  s)ide file  q)uit and lose it  c)ancel (%s)", m);
	for (;;) {
		int k = reader_ask(r, q, "rsqc");
		if (k == 'q')
			return true;
		if (k == 's') {
			/* a file that may not be replaced (read-only): the words
			 * still reach the disk, beside it */
			if (store_save_side(r->s->store, r->s->an) == STORE_SIDE_FILE)
				return true;
			m = store_message(r->s->store);
		} else if (k == 'r') {
			m = personal_save(r->s, &failed);
			if (!failed)
				return true;
		} else {
			return false;
		}
		snprintf(q, sizeof q,
			 "Still not saved: r)etry  s)ide file  q)uit and lose it  c)ancel (%s)", m);
	}
}
