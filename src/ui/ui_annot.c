/* ui_annot: the reader's own annotations on screen: notes (add, edit in the
 * popup or $EDITOR, delete, the note panel), visual selection and `m` to make
 * a claim, `l`...`l` links, undo, suggested matches (`s`, `y`), the journal
 * offered back at start, and never quitting with unsaved changes unasked. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui_priv.h"
#include "crossread/annot/annot.h"
#include "crossread/doc/article.h"
#include "crossread/persist/journal.h"
#include "crossread/reader/personal.h"
#include "crossread/persist/store.h"
#include "crossread/base/text.h"
#include "crossread/ui/ui_keys.h"
#include "crossread/base/util.h"

static struct article *art_of(struct ui *u, int p)
{
	return u->s->arts[u->pane[p].art];
}

static void report_save(struct ui *u, const char *what)
{
	const char *m = store_message(u->s->store);
	bool failed = personal_dirty(u->s);
	ui_message(u, failed ? R_ERROR : R_STATUS, "%s%s%s", what, m && *m ? " \u2014 " : "",
		   m ? m : "");
}

/* the note the editor returned is on disk: its journal can go (a failed
 * save keeps it, so the note is offered back at the next start) */
static void note_stored(struct ui *u)
{
	if (!personal_dirty(u->s))
		journal_remove(u->s->notes_path);
}

static const char *claim_id(struct ui *u, size_t c)
{
	const char *id = u->s->an->claims[c].id;
	return id ? id : "?";
}

/* ---- visual selection ---- */

static bool is_space_at(const char *t, size_t len, size_t i)
{
	int32_t cp;
	text_decode(t + i, len - i, &cp);
	return text_is_space(cp);
}

static size_t next_cp(const char *t, size_t len, size_t i)
{
	int32_t cp;
	return i < len ? i + text_decode(t + i, len - i, &cp) : len;
}

static size_t prev_cp(const char *t, size_t i)
{
	while (i > 0) {
		i--;
		if (((unsigned char)t[i] & 0xC0) != 0x80)
			break;
	}
	return i;
}

/* end of the word at or after i */
static size_t word_end(const char *t, size_t len, size_t i)
{
	while (i < len && is_space_at(t, len, i))
		i = next_cp(t, len, i);
	while (i < len && !is_space_at(t, len, i))
		i = next_cp(t, len, i);
	return i;
}

/* end of the word before i (for shrinking) */
static size_t word_end_before(const char *t, size_t lo, size_t i)
{
	while (i > lo && !is_space_at(t, i, prev_cp(t, i)))
		i = prev_cp(t, i);
	while (i > lo && is_space_at(t, i, prev_cp(t, i)))
		i = prev_cp(t, i);
	return i;
}

static void visual_start(struct ui *u)
{
	struct pane *pn = &u->pane[u->focus];
	struct article *a = art_of(u, u->focus);
	if (pn->sel != ANNOT_NONE) {
		const struct claim *c = &u->s->an->claims[pn->sel];
		pn->vis_anchor = c->start;
		pn->vis_cursor = c->end;
	} else {
		size_t off = layout_offset_of(pn->lay, pn->top);
		while (off < a->len && is_space_at(a->text, a->len, off))
			off = next_cp(a->text, a->len, off);
		pn->vis_anchor = off;
		pn->vis_cursor = word_end(a->text, a->len, off);
	}
	pn->visual = true;
	ui_message(u, R_STATUS,
		   "visual: w/b word, j/k line, m makes a claim, a adds a note, Esc cancels");
}

static void visual_keep_in_view(struct ui *u)
{
	struct pane *pn = &u->pane[u->focus];
	struct lpos cur = layout_pos_of(pn->lay, pn->vis_cursor > 0 ? pn->vis_cursor - 1 : 0);
	struct lpos r = pn->top;
	for (int y = 0; y < u->body; y++) {
		if (r.line == cur.line && r.row == cur.row)
			return;
		if (layout_move(pn->lay, &r, 1) != 1)
			break;
	}
	pn->top = cur;
	layout_move(pn->lay, &pn->top, -(long)(u->body - 1));
}

bool ui_visual_key(struct ui *u, int key)
{
	struct pane *pn = &u->pane[u->focus];
	if (!pn->visual)
		return false;
	struct article *a = art_of(u, u->focus);
	enum action act = ui_action_for_key(key);
	if (key == 27 || act == ACT_VISUAL) {
		pn->visual = false;
		ui_message(u, R_STATUS, "selection cancelled");
		return true;
	}
	if (key == 'w' || key == UI_FKEY(KEY_RIGHT)) {
		pn->vis_cursor = word_end(a->text, a->len, pn->vis_cursor);
	} else if (key == 'b' || key == UI_FKEY(KEY_LEFT)) {
		size_t e = word_end_before(a->text, pn->vis_anchor, pn->vis_cursor);
		size_t prev = word_end_before(a->text, pn->vis_anchor,
					      e > pn->vis_anchor ? prev_cp(a->text, e) : e);
		(void)prev;
		if (e > pn->vis_anchor) {
			/* drop the last word */
			size_t i = e;
			while (i > pn->vis_anchor &&
			       !is_space_at(a->text, a->len, prev_cp(a->text, i)))
				i = prev_cp(a->text, i);
			while (i > pn->vis_anchor &&
			       is_space_at(a->text, a->len, prev_cp(a->text, i)))
				i = prev_cp(a->text, i);
			if (i > pn->vis_anchor)
				pn->vis_cursor = i;
		}
	} else if (act == ACT_LINE_DOWN || act == ACT_LINE_UP) {
		struct lpos p = layout_pos_of(pn->lay, pn->vis_cursor > 0 ? pn->vis_cursor - 1 : 0);
		if (layout_move(pn->lay, &p, act == ACT_LINE_DOWN ? 1 : -1) != 0) {
			size_t rs, re;
			layout_row_range(pn->lay, p, &rs, &re);
			while (re > rs && is_space_at(a->text, a->len, prev_cp(a->text, re)))
				re = prev_cp(a->text, re);
			if (re > pn->vis_anchor)
				pn->vis_cursor = re;
		}
	} else {
		return false; /* m, a and scrolling keys go on as usual */
	}
	if (pn->vis_cursor > a->len)
		pn->vis_cursor = a->len;
	visual_keep_in_view(u);
	return true;
}

static size_t make_claim_from_visual(struct ui *u, enum claim_kind kind)
{
	struct pane *pn = &u->pane[u->focus];
	size_t lo = pn->vis_anchor < pn->vis_cursor ? pn->vis_anchor : pn->vis_cursor;
	size_t hi = pn->vis_anchor < pn->vis_cursor ? pn->vis_cursor : pn->vis_anchor;
	struct article *a = art_of(u, u->focus);
	while (hi > lo && is_space_at(a->text, a->len, prev_cp(a->text, hi)))
		hi = prev_cp(a->text, hi);
	pn->visual = false;
	if (hi <= lo) {
		ui_message(u, R_ERROR, "the selection is empty");
		return ANNOT_NONE;
	}
	size_t c = personal_add_claim(u->s, pn->art, lo, hi, kind);
	if (c != ANNOT_NONE)
		pn->sel = c;
	return c;
}

static void mark_claim(struct ui *u)
{
	if (!u->pane[u->focus].visual) {
		ui_message(u, R_STATUS, "v starts a selection first");
		return;
	}
	int k =
	    ui_ask(u, "Make it a claim of kind: a)ccusation r)ebuttal c)laim (Esc cancels)", "arc");
	if (!k)
		return;
	enum claim_kind kind = k == 'a' ? KIND_ACCUSATION : k == 'r' ? KIND_REBUTTAL : KIND_CLAIM;
	size_t c = make_claim_from_visual(u, kind);
	if (c != ANNOT_NONE) {
		char what[128];
		snprintf(what, sizeof what, "claim %s added", claim_id(u, c));
		report_save(u, what);
	}
}

/* ---- links ---- */

static void link_action(struct ui *u)
{
	struct pane *pn = &u->pane[u->focus];
	if (pn->sel == ANNOT_NONE) {
		ui_message(u, R_STATUS, "select a claim first (] or v + m)");
		return;
	}
	if (!u->link_pending || u->link_from >= u->s->an->nclaims) {
		u->link_pending = true;
		u->link_from = pn->sel;
		ui_message(u, R_STATUS,
			   "link from %s: select a claim in the other pane and press l",
			   claim_id(u, pn->sel));
		return;
	}
	size_t from = u->link_from, to = pn->sel;
	u->link_pending = false;
	if (from == to) {
		ui_message(u, R_STATUS, "link cancelled (same claim)");
		return;
	}
	int k =
	    ui_ask(u,
		   "first \u2192 this: r) first rebuts this  c) counters  s) same  p) supports  "
		   "(Esc cancels)",
		   "rcsp");
	if (!k)
		return;
	enum link_rel rel = k == 'r'   ? REL_REBUTS
			    : k == 'c' ? REL_COUNTERS
			    : k == 's' ? REL_SAME
				       : REL_SUPPORTS;
	personal_add_link(u->s, from, to, rel);
	char what[256];
	snprintf(what, sizeof what, "link %s %s %s added", claim_id(u, from), annot_rel_name(rel),
		 claim_id(u, to));
	report_save(u, what);
}

/* ---- notes ---- */

/* the note the panel shows for pane p's selected claim: its index, and
 * (if k and n are not NULL) its place among the claim's n notes */
static size_t shown_note(struct ui *u, int p, size_t *k, size_t *n)
{
	struct pane *pn = &u->pane[p];
	const size_t *notes;
	size_t cnt = pn->sel == ANNOT_NONE ? 0 : session_claim_notes(u->s, pn->sel, &notes);
	if (!cnt)
		return ANNOT_NONE;
	size_t i = pn->note_claim == pn->sel && pn->note_k < cnt ? pn->note_k : 0;
	if (k)
		*k = i;
	if (n)
		*n = cnt;
	return notes[i];
}

static size_t selected_note(struct ui *u)
{
	return shown_note(u, u->focus, NULL, NULL);
}

/* after an add (which may have merged others' changes and moved indexes):
 * show the last of the selected claim's notes that says text */
static void show_new_note(struct ui *u, const char *text)
{
	struct pane *pn = &u->pane[u->focus];
	const size_t *notes;
	size_t cnt = pn->sel == ANNOT_NONE ? 0 : session_claim_notes(u->s, pn->sel, &notes);
	for (size_t i = cnt; i-- > 0;) {
		const struct note *nt = &u->s->an->notes[notes[i]];
		if (nt->layer == LAYER_PERSONAL && nt->text && !strcmp(nt->text, text)) {
			pn->note_claim = pn->sel;
			pn->note_k = i;
			return;
		}
	}
}

static void note_next(struct ui *u)
{
	struct pane *pn = &u->pane[u->focus];
	size_t k, n;
	if (shown_note(u, u->focus, &k, &n) == ANNOT_NONE) {
		ui_message(u, R_STATUS, "no note on the selected claim (a adds one)");
		return;
	}
	pn->note_claim = pn->sel;
	pn->note_k = (k + 1) % n;
	ui_message(u, R_STATUS, "note %zu of %zu", pn->note_k + 1, n);
}

static void note_add(struct ui *u, bool external)
{
	struct pane *pn = &u->pane[u->focus];
	if (pn->visual && make_claim_from_visual(u, KIND_CLAIM) == ANNOT_NONE)
		return;
	if (pn->sel == ANNOT_NONE) {
		ui_message(u, R_STATUS, "select a claim (] or [) or text (v) to note");
		return;
	}
	char *on = xstrdup(claim_id(u, pn->sel));
	char title[160];
	snprintf(title, sizeof title, "Note on %s", on);
	char *text = external ? ui_edit_external(u, NULL) : ui_edit_note(u, title, NULL, on, NULL);
	if (text && *text) {
		personal_add_note(u->s, on, text);
		show_new_note(u, text); /* the panel shows what was just written */
		note_stored(u);
		report_save(u, "note saved");
	} else if (text) {
		journal_remove(u->s->notes_path);
		ui_message(u, R_STATUS, "empty note not saved");
	}
	free(text);
	free(on);
}

static void note_edit(struct ui *u)
{
	size_t n = selected_note(u);
	if (n == ANNOT_NONE) {
		ui_message(u, R_STATUS, "no note on the selected claim (a adds one)");
		return;
	}
	struct note *nt = &u->s->an->notes[n];
	if (nt->layer != LAYER_PERSONAL) {
		ui_message(u, R_STATUS, "that note is curated, not yours: a adds your own");
		return;
	}
	char *on = xstrdup(nt->on), *id = xstrdup(nt->id ? nt->id : "");
	char title[160];
	snprintf(title, sizeof title, "Edit note on %s", on);
	char *text = ui_edit_note(u, title, nt->text, on, id);
	if (text) {
		size_t again = annot_find_note(u->s->an, id);
		if (again != ANNOT_NONE) {
			personal_edit_note(u->s, again, text);
			note_stored(u);
			report_save(u, "note updated");
		}
	}
	free(text);
	free(on);
	free(id);
}

static void note_delete(struct ui *u)
{
	size_t n = selected_note(u);
	if (n == ANNOT_NONE) {
		ui_message(u, R_STATUS, "no note on the selected claim");
		return;
	}
	if (u->s->an->notes[n].layer != LAYER_PERSONAL) {
		ui_message(u, R_STATUS, "that note is curated, not yours");
		return;
	}
	if (ui_ask(u, "Delete this note? y/n", "yn") != 'y') {
		ui_message(u, R_STATUS, "kept");
		return;
	}
	personal_delete_note(u->s, n);
	report_save(u, "note deleted (u undoes)");
}

void ui_draw_note_panel(struct ui *u, int p)
{
	struct pane *pn = &u->pane[p];
	if (p != u->focus || pn->sel == ANNOT_NONE || u->body < 6)
		return;
	size_t which_k, cnt;
	size_t n = shown_note(u, p, &which_k, &cnt);
	if (n == ANNOT_NONE)
		return;
	const struct note *nt = &u->s->an->notes[n];
	const char *text = nt->text ? nt->text : "";
	size_t len = strlen(text);
	int maxrows = u->body / 3 > 3 ? u->body / 3 : 3;
	/* wrap the note's lines */
	size_t starts[64], ends[64];
	int nrows = 0;
	for (size_t pos = 0; pos <= len && nrows < maxrows && nrows < 64;) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t e = nl ? (size_t)(nl - text) : len;
		size_t rs[64];
		size_t k = layout_wrap(text, pos, e, pn->textw, rs, 64);
		for (size_t r = 0; r < k && r < 64 && nrows < maxrows && nrows < 64; r++) {
			starts[nrows] = rs[r];
			ends[nrows] = r + 1 < k && r + 1 < 64 ? rs[r + 1] : e;
			nrows++;
		}
		if (!nl)
			break;
		pos = e + 1;
	}
	int y0 = 1 + u->body - nrows - 1;
	ui_fill(u, y0, pn->x, pn->w, R_NOTE);
	char head[200], which[48] = "";
	if (cnt > 1)
		snprintf(which, sizeof which, " %zu/%zu (> next)", which_k + 1, cnt);
	snprintf(head, sizeof head, "\u2500 note%s%s%s%s \u2500", which, nt->created ? " " : "",
		 nt->created ? nt->created : "",
		 nt->layer == LAYER_PERSONAL ? " (yours: e edits, d deletes)" : "");
	ui_draw_text(u, y0, pn->x + 1, pn->w - 2, head, strlen(head), R_NOTE);
	for (int r = 0; r < nrows; r++) {
		ui_fill(u, y0 + 1 + r, pn->x, pn->w, R_NORMAL);
		ui_draw_text(u, y0 + 1 + r, pn->textx, pn->textw, text + starts[r],
			     ends[r] - starts[r], R_NORMAL);
	}
}

/* ---- suggestions ---- */

/* suggestion i's sentence on side p (0: article A, 1: article B) */
static size_t sugg_start(const struct ui *u, int p, size_t i)
{
	return p == 0 ? u->sugg[i].a_start : u->sugg[i].b_start;
}

static size_t sugg_end(const struct ui *u, int p, size_t i)
{
	return p == 0 ? u->sugg[i].a_end : u->sugg[i].b_end;
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
static void sugg_index(struct ui *u)
{
	size_t n = u->nsugg ? u->nsugg : 1;
	struct sugg_key *keys = xreallocarray(NULL, n, sizeof *keys);
	for (int p = 0; p < 2; p++) {
		free(u->sugg_sorted[p]);
		free(u->sugg_maxend[p]);
		u->sugg_sorted[p] = xreallocarray(NULL, n, sizeof(size_t));
		u->sugg_maxend[p] = xreallocarray(NULL, n, sizeof(size_t));
		for (size_t i = 0; i < u->nsugg; i++)
			keys[i] = (struct sugg_key){sugg_start(u, p, i), i};
		qsort(keys, u->nsugg, sizeof *keys, cmp_sugg);
		size_t mx = 0;
		for (size_t k = 0; k < u->nsugg; k++) {
			size_t e = sugg_end(u, p, keys[k].i);
			mx = e > mx ? e : mx;
			u->sugg_sorted[p][k] = keys[k].i;
			u->sugg_maxend[p][k] = mx;
		}
	}
	free(keys);
}

/* is the pair already covered by a curated or personal link? */
static bool covered(struct ui *u, const struct match_pair *m)
{
	return session_linked_ranges(u->s, u->sugg_art[0], m->a_start, m->a_end, u->sugg_art[1],
				     m->b_start, m->b_end);
}

static void compute_suggestions(struct ui *u)
{
	if (u->npanes < 2)
		return;
	size_t a = u->pane[0].art, b = u->pane[1].art;
	if (u->sugg_valid && u->sugg_art[0] == a && u->sugg_art[1] == b)
		return;
	free(u->sugg);
	u->sugg = NULL;
	u->nsugg = 0;
	struct article *A = u->s->arts[a], *B = u->s->arts[b];
	article_load_all(A);
	article_load_all(B);
	ui_message(u, R_STATUS, "matching sentences\u2026");
	struct match_pair *all;
	size_t n = match_articles(A->text, A->len, B->text, B->len, NULL, &all);
	u->sugg_art[0] = a;
	u->sugg_art[1] = b;
	u->sugg = xreallocarray(NULL, n ? n : 1, sizeof *u->sugg);
	for (size_t i = 0; i < n; i++)
		if (!covered(u, &all[i]))
			u->sugg[u->nsugg++] = all[i];
	free(all);
	u->sugg_valid = true;
	u->sugg_sel = SIZE_MAX;
	sugg_index(u);
}

static void toggle_suggestions(struct ui *u)
{
	if (u->npanes < 2) {
		ui_message(u, R_STATUS, "suggestions need two articles");
		return;
	}
	u->show_sugg = !u->show_sugg;
	if (!u->show_sugg) {
		u->sugg_sel = SIZE_MAX;
		ui_message(u, R_STATUS, "suggestions hidden");
		return;
	}
	u->sugg_valid = false;
	compute_suggestions(u);
	ui_message(
	    u, R_STATUS,
	    "%zu suggested match%s not covered by a link: ] [ visit, Enter follows, y accepts",
	    u->nsugg, u->nsugg == 1 ? "" : "es");
}

/* the sentence of suggestion i in pane p */
static bool sugg_range(struct ui *u, int p, size_t i, size_t *s, size_t *e)
{
	const struct match_pair *m = &u->sugg[i];
	if (u->pane[p].art == u->sugg_art[0] && p == 0) {
		*s = m->a_start;
		*e = m->a_end;
		return true;
	}
	if (u->pane[p].art == u->sugg_art[1] && p == 1) {
		*s = m->b_start;
		*e = m->b_end;
		return true;
	}
	return false;
}

/* whether pane p shows the side of the suggestions it is indexed for */
static bool sugg_shown(const struct ui *u, int p)
{
	return u->show_sugg && u->sugg_valid && p >= 0 && p < 2 && u->npanes == 2 &&
	       u->pane[p].art == u->sugg_art[p] && u->sugg_sorted[p];
}

/* number of sorted entries of side p starting at or before off (strict:
 * before off) */
static size_t sugg_rank(const struct ui *u, int p, size_t off, bool strict)
{
	size_t lo = 0, hi = u->nsugg;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		size_t s = sugg_start(u, p, u->sugg_sorted[p][mid]);
		if (strict ? s < off : s <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int ui_sugg_at(struct ui *u, int p, size_t off)
{
	if (!sugg_shown(u, p))
		return 0;
	if (u->sugg_sel < u->nsugg && sugg_start(u, p, u->sugg_sel) <= off &&
	    off < sugg_end(u, p, u->sugg_sel))
		return 2;
	/* entries before k start at or before off; only those whose running
	 * maximum end passes off can cover it */
	for (size_t k = sugg_rank(u, p, off, false); k > 0 && u->sugg_maxend[p][k - 1] > off; k--)
		if (sugg_end(u, p, u->sugg_sorted[p][k - 1]) > off)
			return 1;
	return 0;
}

size_t ui_sugg_edge(struct ui *u, int p, size_t off)
{
	if (!sugg_shown(u, p))
		return SIZE_MAX;
	size_t k = sugg_rank(u, p, off, false);
	size_t edge = k < u->nsugg ? sugg_start(u, p, u->sugg_sorted[p][k]) : SIZE_MAX;
	for (; k > 0 && u->sugg_maxend[p][k - 1] > off; k--) {
		size_t e = sugg_end(u, p, u->sugg_sorted[p][k - 1]);
		if (e > off && e < edge)
			edge = e;
	}
	return edge;
}

/* next suggestion in pane p starting after (dir > 0) or before off; among
 * several at one place, the best ranked first */
size_t ui_sugg_next(struct ui *u, int p, size_t off, int dir, size_t *start)
{
	if (!sugg_shown(u, p) || !u->nsugg)
		return SIZE_MAX;
	const size_t *sorted = u->sugg_sorted[p];
	size_t k;
	/* several suggestions on one sentence (it matches several on the other
	 * side): ] and [ step through them before moving on. The caller asks
	 * from just after (dir > 0) or at (dir < 0) the selected one's start. */
	if (u->sugg_sel < u->nsugg && u->sugg_sel_pane == p) {
		size_t ss = sugg_start(u, p, u->sugg_sel);
		if (dir > 0 ? off == ss + 1 : off == ss) {
			size_t lo = sugg_rank(u, p, ss, true), hi = sugg_rank(u, p, ss, false);
			for (k = lo; k < hi; k++) {
				if (sorted[k] != u->sugg_sel)
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
		for (k = 0; off == 0 && k < u->nsugg && sugg_start(u, p, sorted[k]) == 0; k++)
			if (sorted[k] != u->sugg_sel) {
				*start = 0;
				return sorted[k];
			}
		k = sugg_rank(u, p, off, false);
		if (k >= u->nsugg)
			return SIZE_MAX;
	} else {
		/* the last of those starting before off: [ goes back through
		 * a sentence's suggestions in the order ] came */
		k = sugg_rank(u, p, off, true);
		if (k == 0)
			return SIZE_MAX;
		k--;
	}
	*start = sugg_start(u, p, sorted[k]);
	return sorted[k];
}

void ui_sugg_select(struct ui *u, int p, size_t i)
{
	u->sugg_sel = i;
	u->sugg_sel_pane = p;
}

bool ui_sugg_follow(struct ui *u)
{
	if (u->sugg_sel == SIZE_MAX || !u->show_sugg || u->npanes < 2)
		return false;
	int p = u->sugg_sel_pane, q = 1 - p;
	size_t s, e, ps, pe;
	if (!sugg_range(u, p, u->sugg_sel, &s, &e) || !sugg_range(u, q, u->sugg_sel, &ps, &pe))
		return false;
	struct view_state before;
	ui_view_save(u, &before);
	session_jump_push(u->s, &before);
	/* the partner on the same row as the sentence it came from */
	struct pane *from = &u->pane[p], *to = &u->pane[q];
	struct lpos target = layout_pos_of(from->lay, s), r = from->top;
	int row = 0;
	for (int y = 0; y < u->body; y++) {
		if (r.line == target.line && r.row == target.row) {
			row = y;
			break;
		}
		if (layout_move(from->lay, &r, 1) != 1)
			break;
	}
	to->top = layout_pos_of(to->lay, ps);
	layout_move(to->lay, &to->top, -(long)row);
	u->focus = q;
	u->sugg_sel_pane = q;
	const struct match_pair *m = &u->sugg[u->sugg_sel];
	ui_message(u, R_STATUS, "suggested %s (score %.2f): y accepts it as a link",
		   annot_rel_name(m->rel), m->score);
	return true;
}

static enum claim_kind kind_of_stance(enum stance st)
{
	return st == STANCE_ACCUSATION ? KIND_ACCUSATION
	       : st == STANCE_REBUTTAL ? KIND_REBUTTAL
				       : KIND_CLAIM;
}

static void accept_suggestion(struct ui *u)
{
	if (u->sugg_sel == SIZE_MAX || !u->show_sugg) {
		ui_message(u, R_STATUS, "no suggestion selected: s shows them, ] selects one");
		return;
	}
	struct match_pair m = u->sugg[u->sugg_sel];
	size_t ca =
	    personal_add_claim(u->s, u->sugg_art[0], m.a_start, m.a_end, kind_of_stance(m.sa));
	/* the second save may merge and move the first claim: keep it by id */
	char *ida = ca != ANNOT_NONE ? xstrdup(claim_id(u, ca)) : NULL;
	size_t cb =
	    personal_add_claim(u->s, u->sugg_art[1], m.b_start, m.b_end, kind_of_stance(m.sb));
	ca = ida ? annot_find_claim(u->s->an, ida) : ANNOT_NONE;
	free(ida);
	if (ca == ANNOT_NONE || cb == ANNOT_NONE) {
		ui_message(u, R_ERROR, "could not make claims of that suggestion");
		return;
	}
	size_t from = ca, to = cb;
	if (m.rel == REL_REBUTS && m.sb == STANCE_REBUTTAL) {
		from = cb;
		to = ca;
	}
	personal_add_link(u->s, from, to, m.rel);
	/* it is covered now */
	memmove(u->sugg + u->sugg_sel, u->sugg + u->sugg_sel + 1,
		(u->nsugg - u->sugg_sel - 1) * sizeof *u->sugg);
	u->nsugg--;
	u->sugg_sel = SIZE_MAX;
	sugg_index(u);
	char what[160];
	snprintf(what, sizeof what, "link %s %s %s added", claim_id(u, from), annot_rel_name(m.rel),
		 claim_id(u, to));
	report_save(u, what);
}

/* ---- journal, quitting, signals ---- */

/* Where a restored note goes when what it was on is gone (the curated
 * file renamed the claim): the selected claim, else a new claim on the
 * focused article's first line. Never the missing id: a note on nothing
 * would make every later save fail to read back. */
static char *restore_target(struct ui *u, const char *on)
{
	struct session *s = u->s;
	if (on &&
	    (annot_find_claim(s->an, on) != ANNOT_NONE || annot_find_link(s->an, on) != ANNOT_NONE))
		return xstrdup(on);
	struct pane *pn = &u->pane[u->focus];
	if (pn->sel != ANNOT_NONE && pn->sel < s->an->nclaims)
		return xstrdup(claim_id(u, pn->sel));
	struct article *a = art_of(u, u->focus);
	article_load_all(a);
	size_t st = 0;
	while (st < a->len && is_space_at(a->text, a->len, st))
		st = next_cp(a->text, a->len, st);
	size_t e = st;
	while (e < a->len && a->text[e] != '\n' && e - st < 80)
		e = next_cp(a->text, a->len, e);
	size_t c = personal_add_claim(s, pn->art, st, e, KIND_CLAIM);
	return c != ANNOT_NONE ? xstrdup(claim_id(u, c)) : NULL;
}

/* Journals no live reader holds (a crash's, or put off with "later"), one
 * after another; each is held (locked) until the offer ends, so that it is
 * offered once, and by one reader. */
void ui_journal_offer(struct ui *u)
{
	if (u->s->no_notes) {
		ui_message(u, R_STATUS, "%s", store_message(u->s->store));
		return;
	}
	if (u->s->store && u->s->store->read_only)
		ui_message(u, R_ERROR, "%s", store_message(u->s->store));
	struct journal_entry later[8];
	size_t nlater = 0;
	while (nlater < sizeof later / sizeof *later) {
		struct journal_entry e;
		char err[256];
		int r = journal_recover(u->s->notes_path, &e, err, sizeof err);
		if (r < 0) {
			ui_message(u, R_ERROR, "unsaved note journal unreadable: %s", err);
			break;
		}
		if (r == 0)
			break;
		char q[512];
		snprintf(q, sizeof q,
			 "A note on %s was being typed when crossread stopped (%s): r)estore "
			 "d)iscard l)ater",
			 e.on ? e.on : "?", e.when ? e.when : "?");
		ui_draw(u);
		int k = ui_ask(u, q, "rdl");
		if (k == 'd') {
			journal_entry_discard(&e);
			ui_message(u, R_STATUS, "unsaved note discarded");
		} else if (k == 'r') {
			char *on = restore_target(u, e.on);
			char title[200];
			snprintf(title, sizeof title, "Restored note on %s%s%s", on ? on : "?",
				 on && e.on && strcmp(on, e.on) ? " (its claim is gone: was " : "",
				 on && e.on && strcmp(on, e.on) ? e.on : "");
			if (on && e.on && strcmp(on, e.on))
				snprintf(title + strlen(title), sizeof title - strlen(title), ")");
			char *text = on ? ui_edit_note(u, title, e.text, on, e.note) : NULL;
			if (text && *text) {
				size_t n = e.note ? annot_find_note(u->s->an, e.note) : ANNOT_NONE;
				if (n != ANNOT_NONE && u->s->an->notes[n].layer == LAYER_PERSONAL)
					personal_edit_note(u->s, n, text);
				else
					personal_add_note(u->s, on, text);
				note_stored(u);
				if (!personal_dirty(u->s))
					journal_entry_discard(&e);
				report_save(u, "restored note saved");
			} else if (text) {
				journal_remove(u->s->notes_path);
				journal_entry_discard(&e);
			}
			free(text);
			free(on);
		} else {
			/* later: the file stays for the next start */
			ui_message(u, R_STATUS, "unsaved note kept for the next start");
			later[nlater++] = e;
			continue;
		}
		journal_entry_free(&e);
	}
	for (size_t i = 0; i < nlater; i++)
		journal_entry_free(&later[i]);
}

bool ui_confirm_quit(struct ui *u)
{
	if (!personal_dirty(u->s))
		return true;
	bool failed;
	const char *m = personal_save(u->s, &failed);
	if (!failed)
		return true;
	char q[800];
	/* the choices first: a long reason is cut at the screen's edge */
	snprintf(q, sizeof q, "Not saved: r)etry  s)ide file  q)uit and lose it  c)ancel (%s)", m);
	for (;;) {
		int k = ui_ask(u, q, "rsqc");
		if (k == 'q')
			return true;
		if (k == 's') {
			/* a file that may not be replaced (read-only): the words
			 * still reach the disk, beside it */
			if (store_save_side(u->s->store, u->s->an) == STORE_SIDE_FILE)
				return true;
			m = store_message(u->s->store);
		} else if (k == 'r') {
			m = personal_save(u->s, &failed);
			if (!failed)
				return true;
		} else {
			return false;
		}
		snprintf(q, sizeof q,
			 "Still not saved: r)etry  s)ide file  q)uit and lose it  c)ancel (%s)", m);
	}
}

void ui_annot_action(struct ui *u, int act)
{
	switch ((enum action)act) {
	case ACT_NOTE_ADD:
		note_add(u, false);
		break;
	case ACT_NOTE_EXTERNAL:
		note_add(u, true);
		break;
	case ACT_NOTE_EDIT:
		note_edit(u);
		break;
	case ACT_NOTE_DELETE:
		note_delete(u);
		break;
	case ACT_NOTE_NEXT:
		note_next(u);
		break;
	case ACT_UNDO:
		if (personal_undo(u->s)) {
			const char *why = personal_undo_refused(u->s);
			if (why) {
				ui_message(u, R_STATUS, "%s", why); /* nothing changed */
			} else {
				u->pane[0].sel = u->pane[1].sel = ANNOT_NONE;
				report_save(u, "undone");
			}
		} else {
			ui_message(u, R_STATUS, "nothing to undo");
		}
		break;
	case ACT_VISUAL:
		visual_start(u);
		break;
	case ACT_MARK_CLAIM:
		mark_claim(u);
		break;
	case ACT_LINK:
		link_action(u);
		break;
	case ACT_SUGGEST:
		toggle_suggestions(u);
		break;
	case ACT_ACCEPT:
		accept_suggestion(u);
		break;
	default:
		break;
	}
}

void ui_annot_free(struct ui *u)
{
	free(u->sugg);
	u->sugg = NULL;
	for (int p = 0; p < 2; p++) {
		free(u->sugg_sorted[p]);
		free(u->sugg_maxend[p]);
		u->sugg_sorted[p] = u->sugg_maxend[p] = NULL;
	}
}
