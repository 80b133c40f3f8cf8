/* personal: edits to the reader's personal annotation layer, each saved at
 * once, with undo by inverse operations: each change records how to take
 * back what it did to its one entry, and undoing does that to the layer as
 * it is then (merged with other processes' changes), not by putting an old
 * copy of the whole layer back. */
#include "crossread/reader/personal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/anchor/anchor.h"
#include "crossread/annot/annot_write.h"
#include "crossread/doc/article.h"
#include "crossread/reader/session.h"
#include "crossread/persist/store.h"
#include "crossread/base/util.h"
#include "crossread/annot/yamltree.h"

/* ---- the undo history ---- */

void personal_undo_forget(struct session *s)
{
	undo_clear(&s->undo);
}

static struct undo_step *push_step(struct session *s, enum undo_op op, enum undo_kind kind)
{
	return undo_push(&s->undo, op, kind);
}

/* Entries compared as they are written (unknown keys included). */
static bool same_node(struct ynode *a, struct ynode *b)
{
	bool eq = ynode_equal(a, b);
	ynode_free(a);
	ynode_free(b);
	return eq;
}

static bool same_claim(const struct claim *a, const struct claim *b)
{
	return same_node(annot_write_claim(a), annot_write_claim(b));
}

static bool same_link(const struct link *a, const struct link *b)
{
	return same_node(annot_write_link(a, true), annot_write_link(b, true));
}

static bool same_note(const struct note *a, const struct note *b)
{
	return same_node(annot_write_note(a), annot_write_note(b));
}

/* Claim indexes the reader holds (selection, pending link, ...) are
 * remembered by id before a change and looked up again after it: a merge
 * rebuilds the claims array (entries deleted on disk go, entries from disk
 * come in) and an undo takes one out, so an index means nothing after. */
struct held {
	char *id[SESSION_MAX_HELD + SESSION_VIEW_PANES * SESSION_HISTORY];
};

static void hold_ids(const struct session *s, struct held *h)
{
	size_t n = 0;
	for (size_t i = 0; i < s->nheld; i++, n++) {
		size_t c = *s->held[i];
		h->id[n] = c < s->an->nclaims ? xstrdup(s->an->claims[c].id) : NULL;
	}
	for (size_t i = 0; i < s->nhist; i++)
		for (int p = 0; p < SESSION_VIEW_PANES; p++, n++) {
			size_t c = s->hist[i].sel[p];
			h->id[n] = c < s->an->nclaims ? xstrdup(s->an->claims[c].id) : NULL;
		}
}

static size_t find_again(const struct session *s, char *id)
{
	size_t c = id ? annot_find_claim(s->an, id) : ANNOT_NONE;
	free(id);
	return c;
}

static void find_held(struct session *s, struct held *h)
{
	size_t n = 0;
	for (size_t i = 0; i < s->nheld; i++, n++)
		*s->held[i] = find_again(s, h->id[n]);
	for (size_t i = 0; i < s->nhist; i++)
		for (int p = 0; p < SESSION_VIEW_PANES; p++, n++)
			s->hist[i].sel[p] = find_again(s, h->id[n]);
}

/* Save after a change to the layer; h holds the ids of what the reader
 * pointed at before the change. */
static void changed(struct session *s, struct held *h)
{
	store_touch(s->store);
	struct diag_list d = {0};
	enum store_result r = store_save(s->store, s->an, &d);
	diag_free(&d);
	if (r == STORE_MERGED)
		session_anchor(s); /* entries from disk came in */
	else
		session_reindex(s);
	find_held(s, h);
}

size_t personal_add_claim(struct session *s, size_t art, size_t start, size_t end,
			  enum claim_kind kind)
{
	if (art >= s->narts || start >= end)
		return ANNOT_NONE;
	struct article *a = s->arts[art];
	if (end > a->len)
		end = a->len;
	struct annot *an = s->an;
	struct held h;
	hold_ids(s, &h);
	char *id = store_new_id(an, 'c');
	GROW(an->claims, an->claims_cap, an->nclaims + 1);
	struct claim *c = &an->claims[an->nclaims];
	memset(c, 0, sizeof *c);
	c->id = id;
	c->article = xstrdup(an->articles[s->annot_of[art]].id);
	c->quote = xstrndup(a->text + start, end - start);
	anchor_context(a->text, a->len, start, end, &c->prefix, &c->suffix);
	c->at = (long)start;
	c->kind = kind;
	c->layer = LAYER_PERSONAL;
	c->art = s->annot_of[art];
	c->how = ANCHOR_EXACT;
	c->start = start;
	c->end = end;
	c->score = 1.0;
	size_t idx = an->nclaims++;
	annot_resolve_links(an);
	annot_claim_copy(&push_step(s, UNDO_REMOVE, UNDO_CLAIM)->claim, &an->claims[idx]);
	id = xstrdup(id); /* the merge may free or move the claim */
	changed(s, &h);
	size_t now = annot_find_claim(s->an, id);
	free(id);
	return now;
}

size_t personal_add_link(struct session *s, size_t from, size_t to, enum link_rel rel)
{
	struct annot *an = s->an;
	if (from >= an->nclaims || to >= an->nclaims || from == to)
		return ANNOT_NONE;
	struct held h;
	hold_ids(s, &h);
	char *id = store_new_id(an, 'l');
	GROW(an->links, an->links_cap, an->nlinks + 1);
	struct link *l = &an->links[an->nlinks];
	memset(l, 0, sizeof *l);
	l->id = id;
	l->from = xstrdup(an->claims[from].id);
	l->to = xstrdup(an->claims[to].id);
	l->rel = rel;
	l->layer = LAYER_PERSONAL;
	l->from_i = from;
	l->to_i = to;
	size_t idx = an->nlinks++;
	annot_resolve_links(an);
	annot_link_copy(&push_step(s, UNDO_REMOVE, UNDO_LINK)->link, &an->links[idx]);
	id = xstrdup(id);
	changed(s, &h);
	size_t now = annot_find_link(s->an, id);
	free(id);
	return now;
}

size_t personal_add_note(struct session *s, const char *on, const char *text)
{
	struct held h;
	hold_ids(s, &h);
	size_t i = store_add_note(s->store, s->an, on, text);
	annot_note_copy(&push_step(s, UNDO_REMOVE, UNDO_NOTE)->note, &s->an->notes[i]);
	char *id = xstrdup(s->an->notes[i].id);
	changed(s, &h);
	size_t now = annot_find_note(s->an, id);
	free(id);
	return now;
}

int personal_edit_note(struct session *s, size_t note, const char *text)
{
	if (note >= s->an->nnotes || s->an->notes[note].layer != LAYER_PERSONAL)
		return -1;
	struct held h;
	hold_ids(s, &h);
	struct note before;
	annot_note_copy(&before, &s->an->notes[note]);
	int r = store_edit_note(s->store, s->an, note, text);
	if (r == 0 && !same_note(&before, &s->an->notes[note])) {
		struct undo_step *u = push_step(s, UNDO_RESTORE, UNDO_NOTE);
		u->note = before;
		annot_note_copy(&u->edited, &s->an->notes[note]);
	} else {
		annot_note_clear(&before); /* nothing changed: nothing to undo */
	}
	changed(s, &h);
	return r;
}

int personal_delete_note(struct session *s, size_t note)
{
	if (note >= s->an->nnotes || s->an->notes[note].layer != LAYER_PERSONAL)
		return -1;
	struct held h;
	hold_ids(s, &h);
	struct undo_step *u = push_step(s, UNDO_READD, UNDO_NOTE);
	annot_note_copy(&u->note, &s->an->notes[note]);
	u->pos = note;
	int r = store_delete_note(s->store, s->an, note);
	changed(s, &h);
	return r;
}

/* ---- undoing: the inverse of one step, on the layer as it is now ---- */

static void refuse(struct session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void refuse(struct session *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->undo.refused, sizeof s->undo.refused, fmt, ap);
	va_end(ap);
}

static size_t personal_claim(const struct annot *an, const char *id)
{
	size_t i = annot_find_claim(an, id);
	return i != ANNOT_NONE && an->claims[i].layer == LAYER_PERSONAL ? i : ANNOT_NONE;
}

static size_t personal_link(const struct annot *an, const char *id)
{
	size_t i = annot_find_link(an, id);
	return i != ANNOT_NONE && an->links[i].layer == LAYER_PERSONAL ? i : ANNOT_NONE;
}

static size_t personal_note(const struct annot *an, const char *id)
{
	size_t i = annot_find_note(an, id);
	return i != ANNOT_NONE && an->notes[i].layer == LAYER_PERSONAL ? i : ANNOT_NONE;
}

/* Is claim or link `id` named by a link or a note (of any layer, any
 * process)? Then it cannot go without leaving that one dangling. */
static bool still_named(const struct annot *an, const char *id)
{
	for (size_t i = 0; i < an->nlinks; i++)
		if ((an->links[i].from && strcmp(an->links[i].from, id) == 0) ||
		    (an->links[i].to && strcmp(an->links[i].to, id) == 0))
			return true;
	for (size_t i = 0; i < an->nnotes; i++)
		if (an->notes[i].on && strcmp(an->notes[i].on, id) == 0)
			return true;
	return false;
}

/* Whether the entry an undo would take out (index i, or ANNOT_NONE) may
 * go: it is there, as the change left it (same), and nothing names it
 * (named: what does, or NULL). Else the reason is kept for the status line. */
static bool may_take_out(struct session *s, const char *what, const char *id, size_t i, bool same,
			 const char *named)
{
	if (i == ANNOT_NONE)
		refuse(s, "nothing undone: %s %s is gone already", what, id);
	else if (!same)
		refuse(s, "not undone: %s %s was changed since (kept)", what, id);
	else if (named)
		refuse(s, "not undone: %s %s has %s on it now (kept)", what, id, named);
	else
		return true;
	return false;
}

/* remove element i of an array of n elements of size sz */
static void take_out(void *arr, size_t *n, size_t sz, size_t i)
{
	char *base = arr;
	memmove(base + i * sz, base + (i + 1) * sz, (*n - i - 1) * sz);
	(*n)--;
}

/* Take out the entry a change added. Returns true if the layer changed. */
static bool undo_add(struct session *s, struct undo_step *u)
{
	struct annot *an = s->an;
	size_t i;
	switch (u->kind) {
	case UNDO_CLAIM:
		i = personal_claim(an, u->claim.id);
		if (!may_take_out(s, "claim", u->claim.id, i,
				  i != ANNOT_NONE && same_claim(&an->claims[i], &u->claim),
				  still_named(an, u->claim.id) ? "links or notes" : NULL))
			return false;
		annot_claim_clear(&an->claims[i]);
		take_out(an->claims, &an->nclaims, sizeof *an->claims, i);
		return true;
	case UNDO_LINK:
		i = personal_link(an, u->link.id);
		if (!may_take_out(s, "link", u->link.id, i,
				  i != ANNOT_NONE && same_link(&an->links[i], &u->link),
				  still_named(an, u->link.id) ? "notes" : NULL))
			return false;
		annot_link_clear(&an->links[i]);
		take_out(an->links, &an->nlinks, sizeof *an->links, i);
		return true;
	case UNDO_NOTE:
		i = personal_note(an, u->note.id);
		if (!may_take_out(s, "note", u->note.id, i,
				  i != ANNOT_NONE && same_note(&an->notes[i], &u->note), NULL))
			return false;
		annot_note_clear(&an->notes[i]);
		take_out(an->notes, &an->nnotes, sizeof *an->notes, i);
		return true;
	}
	return false;
}

/* Put back the note a change deleted, every key of it, where it was. */
static bool undo_delete(struct session *s, struct undo_step *u)
{
	struct annot *an = s->an;
	if (u->kind != UNDO_NOTE)
		return false; /* only notes are ever deleted */
	if (annot_find_note(an, u->note.id) != ANNOT_NONE) {
		refuse(s, "not undone: there is a note %s again (kept as it is)", u->note.id);
		return false;
	}
	if (annot_find_claim(an, u->note.on) == ANNOT_NONE &&
	    annot_find_link(an, u->note.on) == ANNOT_NONE) {
		refuse(s, "not undone: note %s was on %s, which is gone", u->note.id, u->note.on);
		return false;
	}
	size_t at = u->pos < an->nnotes ? u->pos : an->nnotes;
	GROW(an->notes, an->notes_cap, an->nnotes + 1);
	memmove(&an->notes[at + 1], &an->notes[at], (an->nnotes - at) * sizeof *an->notes);
	an->notes[at] = u->note;
	an->notes[at].layer = LAYER_PERSONAL;
	memset(&u->note, 0, sizeof u->note); /* the layer owns it now */
	an->nnotes++;
	return true;
}

/* Give an edited note back the fields it had before the edit. */
static bool undo_edit(struct session *s, struct undo_step *u)
{
	struct annot *an = s->an;
	if (u->kind != UNDO_NOTE)
		return false; /* only notes are ever edited */
	size_t i = personal_note(an, u->edited.id);
	if (i == ANNOT_NONE) {
		refuse(s, "not undone: note %s was deleted since", u->edited.id);
		return false;
	}
	if (!same_note(&an->notes[i], &u->edited)) {
		refuse(s, "not undone: note %s was changed since (kept)", u->edited.id);
		return false;
	}
	annot_note_clear(&an->notes[i]);
	an->notes[i] = u->note;
	an->notes[i].layer = LAYER_PERSONAL;
	memset(&u->note, 0, sizeof u->note);
	return true;
}

bool personal_undo(struct session *s)
{
	s->undo.refused[0] = '\0';
	if (!s->undo.n)
		return false;
	/* the newest step: used up whether it goes through or not */
	struct undo_step *u = &s->undo.step[s->undo.n - 1];
	struct held h;
	hold_ids(s, &h);
	bool done = false;
	switch (u->op) {
	case UNDO_REMOVE:
		done = undo_add(s, u);
		break;
	case UNDO_READD:
		done = undo_delete(s, u);
		break;
	case UNDO_RESTORE:
		done = undo_edit(s, u);
		break;
	}
	undo_drop_last(&s->undo);
	if (done) {
		annot_resolve_links(s->an);
		changed(s, &h); /* saved like any change: merged if the file moved */
	} else {
		find_held(s, &h);
	}
	return true;
}

const char *personal_undo_refused(const struct session *s)
{
	return s->undo.refused[0] ? s->undo.refused : NULL;
}

const char *personal_save(struct session *s, bool *failed)
{
	struct diag_list d = {0};
	struct held h;
	hold_ids(s, &h);
	enum store_result r = store_save(s->store, s->an, &d);
	diag_free(&d);
	if (r == STORE_MERGED)
		session_anchor(s);
	find_held(s, &h);
	*failed = r == STORE_FAILED;
	return store_message(s->store);
}

bool personal_dirty(const struct session *s)
{
	return s->store && store_dirty(s->store);
}
