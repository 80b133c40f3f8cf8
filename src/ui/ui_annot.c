/* ui_annot: the reader's own annotations on screen: the note panel under a
 * selected claim, and the journal of a note being typed when crossread
 * stopped, offered back at start. What the keys do to notes, claims and
 * links is the reader's (src/reader/actions.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ui_priv.h"
#include "crossread/annot/annot.h"
#include "crossread/persist/journal.h"
#include "crossread/persist/store.h"
#include "crossread/reader/edit.h"
#include "crossread/reader/notes.h"
#include "crossread/reader/personal.h"

/* The panel at the bottom of pane p: head (already made) and text, its
 * lines wrapped, at most a third of the pane. */
static void draw_panel(struct ui *u, int p, const char *head, const char *text)
{
	struct pane *pn = &u->rd.pane[p];
	size_t len = strlen(text);
	int maxrows = u->rd.body / 3 > 3 ? u->rd.body / 3 : 3;
	/* wrap the note's lines */
	size_t starts[64], ends[64];
	int nrows = 0;
	for (size_t pos = 0; len && pos <= len && nrows < maxrows && nrows < 64;) {
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
	int y0 = 1 + u->rd.body - nrows - 1;
	ui_fill(u, y0, pn->x, pn->w, R_NOTE);
	ui_draw_text(u, y0, pn->x + 1, pn->w - 2, head, strlen(head), R_NOTE);
	for (int r = 0; r < nrows; r++) {
		ui_fill(u, y0 + 1 + r, pn->x, pn->w, R_NORMAL);
		ui_draw_text(u, y0 + 1 + r, pn->textx, pn->textw, text + starts[r],
			     ends[r] - starts[r], R_NORMAL);
	}
}

static void add_tags(struct buf *b, char *const *tags, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_printf(b, " #%s", tags[i]);
}

void ui_draw_note_panel(struct ui *u, int p)
{
	struct pane *pn = &u->rd.pane[p];
	if (p != u->rd.focus || pn->sel == ANNOT_NONE || u->rd.body < 6)
		return;
	const struct annot *an = u->rd.s->an;
	/* right after Enter: the notes on the link it followed (issue 13) */
	size_t l = reader_followed_link(&u->rd);
	if (l < an->nlinks) {
		struct buf t = {0};
		if (reader_link_notes_text(&u->rd, l, &t)) {
			char head[160];
			snprintf(head, sizeof head,
				 "\u2500 note on the link (%s; a adds one) \u2500",
				 annot_rel_name(an->links[l].rel));
			draw_panel(u, p, head, t.s);
			buf_free(&t);
			return;
		}
		buf_free(&t);
	}
	const struct claim *c = &an->claims[pn->sel];
	size_t which_k, cnt;
	size_t n = reader_shown_note(&u->rd, p, &which_k, &cnt);
	if (n == ANNOT_NONE) {
		if (!c->ntags)
			return;
		/* no note, but tags: the claim's, on the panel's head alone */
		struct buf h = {0};
		buf_adds(&h, "\u2500 claim tags:");
		add_tags(&h, c->tags, c->ntags);
		buf_adds(&h, " \u2500");
		draw_panel(u, p, h.s, "");
		buf_free(&h);
		return;
	}
	const struct note *nt = &an->notes[n];
	struct buf h = {0};
	buf_adds(&h, "\u2500 note");
	if (cnt > 1)
		buf_printf(&h, " %zu/%zu (> next)", which_k + 1, cnt);
	if (nt->created)
		buf_printf(&h, " %s", nt->created);
	if (nt->layer == LAYER_PERSONAL)
		buf_adds(&h, " (yours: E edits, d deletes, t tags)");
	add_tags(&h, nt->tags, nt->ntags);
	if (c->ntags) {
		buf_adds(&h, "  claim:");
		add_tags(&h, c->tags, c->ntags);
	}
	buf_adds(&h, " \u2500");
	draw_panel(u, p, h.s, nt->text ? nt->text : "");
	buf_free(&h);
}

/* Journals no live reader holds (a crash's, or put off with "later"), one
 * after another; each is held (locked) until the offer ends, so that it is
 * offered once, and by one reader. */
/* what a note is on, readable: a claim's outlet and quote, else "a link"
 * or "an article" (never an id) */
static void on_label(const struct session *s, const char *on, char *out, size_t cap)
{
	size_t c = on ? annot_find_claim(s->an, on) : ANNOT_NONE;
	if (c != ANNOT_NONE)
		personal_claim_label(s, c, out, cap);
	else if (on && annot_find_link(s->an, on) != ANNOT_NONE)
		personal_printf(out, cap, "a link");
	else if (on && annot_find_article(s->an, on) != ANNOT_NONE)
		personal_printf(out, cap, "an article");
	else
		personal_printf(out, cap, "a claim no longer in the file");
}

void ui_journal_offer(struct ui *u)
{
	if (u->rd.s->no_notes) {
		reader_message(&u->rd, R_STATUS, "%s", store_message(u->rd.s->store));
		return;
	}
	if (u->rd.s->store && u->rd.s->store->read_only)
		reader_message(&u->rd, R_ERROR, "%s", store_message(u->rd.s->store));
	struct journal_entry later[8];
	size_t nlater = 0;
	while (nlater < sizeof later / sizeof *later) {
		struct journal_entry e;
		char err[256];
		int r = journal_recover(u->rd.s->notes_path, &e, err, sizeof err);
		if (r < 0) {
			reader_message(&u->rd, R_ERROR, "unsaved note journal unreadable: %s", err);
			break;
		}
		if (r == 0)
			break;
		char q[1024], what[400];
		on_label(u->rd.s, e.on, what, sizeof what);
		personal_printf(
		    q, sizeof q,
		    "A note on %s was being typed when crossread stopped (%s): r)estore "
		    "d)iscard l)ater",
		    what, e.when ? e.when : "?");
		ui_draw(u);
		int k = ui_ask(u, q, "rdl");
		if (k == 'd') {
			journal_entry_discard(&e);
			reader_message(&u->rd, R_STATUS, "unsaved note discarded");
		} else if (k == 'r') {
			char *on = reader_restore_target(&u->rd, e.on);
			char title[1024], now[400];
			on_label(u->rd.s, on, now, sizeof now);
			personal_printf(
			    title, sizeof title, "Restored note%s on %s",
			    on && e.on && strcmp(on, e.on) ? " (its claim is gone)" : "", now);
			char *text = on ? ui_edit_note(u, title, e.text, on, e.note) : NULL;
			if (text && *text) {
				size_t n =
				    e.note ? annot_find_note(u->rd.s->an, e.note) : ANNOT_NONE;
				if (n != ANNOT_NONE &&
				    u->rd.s->an->notes[n].layer == LAYER_PERSONAL)
					personal_edit_note(u->rd.s, n, text);
				else
					personal_add_note(u->rd.s, on, text);
				reader_note_stored(&u->rd);
				if (!personal_dirty(u->rd.s))
					journal_entry_discard(&e);
				reader_report_save(&u->rd, "note restored");
			} else if (text) {
				journal_remove(u->rd.s->notes_path);
				journal_entry_discard(&e);
			}
			free(text);
			free(on);
		} else {
			/* later: the file stays for the next start */
			reader_message(&u->rd, R_STATUS, "unsaved note kept for the next start");
			later[nlater++] = e;
			continue;
		}
		journal_entry_free(&e);
	}
	for (size_t i = 0; i < nlater; i++)
		journal_entry_free(&later[i]);
}
