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
#include <time.h>

#include "crossread/anchor/anchor.h"
#include "crossread/annot/annot_write.h"
#include "crossread/doc/article.h"
#include "crossread/reader/session.h"
#include "crossread/persist/store.h"
#include "crossread/base/text.h"
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

/* ---- editing and deleting your own claims and links ---- */

static void set_or_clear(char **field, const char *v)
{
	free(*field);
	*field = v && *v ? xstrdup(v) : NULL;
}

int personal_edit_claim(struct session *s, size_t c, enum claim_kind kind, const char *by,
			const char *against)
{
	if (c >= s->an->nclaims || s->an->claims[c].layer != LAYER_PERSONAL)
		return -1;
	struct held h;
	hold_ids(s, &h);
	struct claim before;
	annot_claim_copy(&before, &s->an->claims[c]);
	struct claim *cl = &s->an->claims[c];
	cl->kind = kind;
	set_or_clear(&cl->by, by);
	set_or_clear(&cl->against, against);
	if (!same_claim(&before, cl)) {
		struct undo_step *u = push_step(s, UNDO_RESTORE, UNDO_CLAIM);
		u->claim = before;
		annot_claim_copy(&u->claim_after, cl);
		changed(s, &h);
	} else {
		annot_claim_clear(&before);
		find_held(s, &h);
	}
	return 0;
}

int personal_edit_link(struct session *s, size_t l, enum link_rel rel)
{
	if (l >= s->an->nlinks || s->an->links[l].layer != LAYER_PERSONAL)
		return -1;
	struct held h;
	hold_ids(s, &h);
	struct link before;
	annot_link_copy(&before, &s->an->links[l]);
	s->an->links[l].rel = rel;
	if (before.rel != rel) {
		struct undo_step *u = push_step(s, UNDO_RESTORE, UNDO_LINK);
		u->link = before;
		annot_link_copy(&u->link_after, &s->an->links[l]);
		changed(s, &h);
	} else {
		annot_link_clear(&before);
		find_held(s, &h);
	}
	return 0;
}

/* remove element i of an array of n elements of size sz */
static void take_out(void *arr, size_t *n, size_t sz, size_t i)
{
	char *base = arr;
	memmove(base + i * sz, base + (i + 1) * sz, (*n - i - 1) * sz);
	(*n)--;
}

/* take out personal note or link `id` (if there), recording how to put it
 * back; returns whether it was there */
static bool drop_note(struct session *s, const char *id)
{
	struct annot *an = s->an;
	size_t i = annot_find_note(an, id);
	if (i == ANNOT_NONE || an->notes[i].layer != LAYER_PERSONAL)
		return false;
	struct undo_step *u = push_step(s, UNDO_READD, UNDO_NOTE);
	u->note = an->notes[i]; /* the step owns it now */
	u->pos = i;
	take_out(an->notes, &an->nnotes, sizeof *an->notes, i);
	annot_resolve_links(an);
	return true;
}

/* every personal note on id, taken out; how many */
static size_t drop_notes_on(struct session *s, const char *id)
{
	size_t n = 0;
	for (;;) {
		const char *nid = NULL;
		for (size_t i = 0; i < s->an->nnotes && !nid; i++)
			if (s->an->notes[i].layer == LAYER_PERSONAL && s->an->notes[i].on &&
			    !strcmp(s->an->notes[i].on, id) && s->an->notes[i].id)
				nid = s->an->notes[i].id;
		if (!nid)
			return n;
		char *copy = xstrdup(nid);
		if (drop_note(s, copy))
			n++;
		free(copy);
	}
}

static void drop_link(struct session *s, const char *id, size_t *nnotes)
{
	*nnotes += drop_notes_on(s, id);
	struct annot *an = s->an;
	size_t i = annot_find_link(an, id);
	if (i == ANNOT_NONE || an->links[i].layer != LAYER_PERSONAL)
		return;
	struct undo_step *u = push_step(s, UNDO_READD, UNDO_LINK);
	u->link = an->links[i];
	u->pos = i;
	take_out(an->links, &an->nlinks, sizeof *an->links, i);
	annot_resolve_links(an);
}

void personal_claim_cascade(const struct session *s, size_t c, size_t *nlinks, size_t *nnotes,
			    size_t *curated)
{
	const struct annot *an = s->an;
	*nlinks = *nnotes = 0;
	if (curated)
		*curated = 0;
	if (c >= an->nclaims)
		return;
	const char *id = an->claims[c].id;
	for (size_t i = 0; i < an->nnotes; i++)
		if (an->notes[i].on && !strcmp(an->notes[i].on, id))
			(*nnotes)++;
	for (size_t i = 0; i < an->nlinks; i++) {
		const struct link *l = &an->links[i];
		if (!((l->from && !strcmp(l->from, id)) || (l->to && !strcmp(l->to, id))))
			continue;
		(*nlinks)++;
		if (l->layer != LAYER_PERSONAL && curated)
			(*curated)++;
		for (size_t k = 0; l->id && k < an->nnotes; k++)
			if (an->notes[k].on && !strcmp(an->notes[k].on, l->id))
				(*nnotes)++;
	}
}

int personal_delete_claim(struct session *s, size_t c)
{
	struct annot *an = s->an;
	if (c >= an->nclaims || an->claims[c].layer != LAYER_PERSONAL)
		return -1;
	struct held h;
	hold_ids(s, &h);
	char *id = xstrdup(an->claims[c].id);
	undo_begin(&s->undo, "delete");
	size_t nn = 0;
	for (;;) {
		char *lid = NULL;
		for (size_t i = 0; i < s->an->nlinks && !lid; i++) {
			const struct link *l = &s->an->links[i];
			if (l->layer == LAYER_PERSONAL && l->id &&
			    ((l->from && !strcmp(l->from, id)) || (l->to && !strcmp(l->to, id))))
				lid = xstrdup(l->id);
		}
		if (!lid)
			break;
		drop_link(s, lid, &nn);
		free(lid);
	}
	nn += drop_notes_on(s, id);
	size_t i = annot_find_claim(s->an, id);
	if (i != ANNOT_NONE) {
		struct undo_step *u = push_step(s, UNDO_READD, UNDO_CLAIM);
		u->claim = s->an->claims[i];
		u->pos = i;
		take_out(s->an->claims, &s->an->nclaims, sizeof *s->an->claims, i);
		annot_resolve_links(s->an);
	}
	undo_end(&s->undo);
	free(id);
	changed(s, &h);
	return 0;
}

int personal_delete_link(struct session *s, size_t l)
{
	struct annot *an = s->an;
	if (l >= an->nlinks || an->links[l].layer != LAYER_PERSONAL || !an->links[l].id)
		return -1;
	struct held h;
	hold_ids(s, &h);
	char *id = xstrdup(an->links[l].id);
	size_t nn = 0;
	undo_begin(&s->undo, "delete");
	drop_link(s, id, &nn);
	undo_end(&s->undo);
	free(id);
	changed(s, &h);
	return 0;
}

void personal_begin(struct session *s, const char *label)
{
	undo_begin(&s->undo, label);
}

void personal_end(struct session *s)
{
	undo_end(&s->undo);
}

/* issue 13: tags of one personal claim or note replaced by tags[0..n)
 * (copied), undone like any edit: the entry gets its fields back */
static void set_tags(char ***tags, size_t *ntags, char *const *nt, size_t n)
{
	/* copied before the old ones go: nt may point into them */
	char **v = n ? xcalloc(n, sizeof *v) : NULL;
	for (size_t i = 0; i < n; i++)
		v[i] = xstrdup(nt[i]);
	for (size_t i = 0; i < *ntags; i++)
		free((*tags)[i]);
	free(*tags);
	*tags = v;
	*ntags = n;
}

int personal_set_tags(struct session *s, bool claim, size_t i, char *const *tags, size_t n)
{
	struct annot *an = s->an;
	if (claim ? i >= an->nclaims || an->claims[i].layer != LAYER_PERSONAL
		  : i >= an->nnotes || an->notes[i].layer != LAYER_PERSONAL)
		return -1;
	if (n > ANNOT_MAX_TAGS)
		return -1;
	struct held h;
	hold_ids(s, &h);
	struct undo_step *u = push_step(s, UNDO_RESTORE, claim ? UNDO_CLAIM : UNDO_NOTE);
	if (claim) {
		annot_claim_copy(&u->claim, &an->claims[i]);
		set_tags(&an->claims[i].tags, &an->claims[i].ntags, tags, n);
		annot_claim_copy(&u->claim_after, &an->claims[i]);
	} else {
		annot_note_copy(&u->note, &an->notes[i]);
		set_tags(&an->notes[i].tags, &an->notes[i].ntags, tags, n);
		char now[32];
		annot_write_time(time(NULL), now);
		free(an->notes[i].updated);
		an->notes[i].updated = xstrdup(now);
		annot_note_copy(&u->edited, &an->notes[i]);
	}
	changed(s, &h);
	return 0;
}

/* ---- undoing: the inverse of one step, on the layer as it is now ---- */

static void refuse(struct session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void refuse(struct session *s, const char *fmt, ...)
{
	if (s->undo.refused[0])
		return; /* the first reason of an action is the one told */
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

static const char *kind_word(enum undo_kind k)
{
	return k == UNDO_CLAIM ? "claim" : k == UNDO_LINK ? "link" : "note";
}

/* a claim's quote, short, for a refusal */
static void short_quote(const struct claim *c, char *out, size_t cap)
{
	personal_quote(c->quote, 28, out, cap);
}

/* what the step is about, readable: "claim 'are based on…'" or "note" */
static void step_what(const struct undo_step *u, char *out, size_t cap)
{
	char q[128];
	if (u->kind == UNDO_CLAIM) {
		short_quote(u->op == UNDO_RESTORE ? &u->claim_after : &u->claim, q, sizeof q);
		snprintf(out, cap, "claim '%s'", q);
	} else if (u->kind == UNDO_NOTE) {
		personal_quote(u->op == UNDO_RESTORE ? u->edited.text : u->note.text, 28, q,
			       sizeof q);
		snprintf(out, cap, "note '%s'", q);
	} else {
		snprintf(out, cap, "%s", kind_word(u->kind));
	}
}

/* Whether the entry an undo would take out (index i, or ANNOT_NONE) may
 * go: it is there, as the change left it (same), and nothing names it
 * (named: what does, or NULL). Else the reason is kept for the status line. */
static bool may_take_out(struct session *s, const struct undo_step *u, size_t i, bool same,
			 const char *named)
{
	char what[200];
	step_what(u, what, sizeof what);
	if (i == ANNOT_NONE)
		refuse(s, "nothing undone: the %s is gone already", what);
	else if (!same)
		refuse(s, "not undone: the %s was changed since (kept)", what);
	else if (named)
		refuse(s, "not undone: the %s has %s on it now (kept)", what, named);
	else
		return true;
	return false;
}

/* Take out the entry a change added; the opposite step (putting it back)
 * goes on opp. Returns true if the layer changed. */
static bool undo_add(struct session *s, struct undo_step *u, struct undo_stack *opp)
{
	struct annot *an = s->an;
	size_t i;
	struct undo_step *o;
	switch (u->kind) {
	case UNDO_CLAIM:
		i = personal_claim(an, u->claim.id);
		if (!may_take_out(s, u, i, i != ANNOT_NONE && same_claim(&an->claims[i], &u->claim),
				  still_named(an, u->claim.id) ? "links or notes" : NULL))
			return false;
		o = undo_stack_push(opp, UNDO_READD, UNDO_CLAIM, u->group, u->label);
		o->claim = an->claims[i];
		o->pos = i;
		take_out(an->claims, &an->nclaims, sizeof *an->claims, i);
		return true;
	case UNDO_LINK:
		i = personal_link(an, u->link.id);
		if (!may_take_out(s, u, i, i != ANNOT_NONE && same_link(&an->links[i], &u->link),
				  still_named(an, u->link.id) ? "notes" : NULL))
			return false;
		o = undo_stack_push(opp, UNDO_READD, UNDO_LINK, u->group, u->label);
		o->link = an->links[i];
		o->pos = i;
		take_out(an->links, &an->nlinks, sizeof *an->links, i);
		return true;
	case UNDO_NOTE:
		i = personal_note(an, u->note.id);
		if (!may_take_out(s, u, i, i != ANNOT_NONE && same_note(&an->notes[i], &u->note),
				  NULL))
			return false;
		o = undo_stack_push(opp, UNDO_READD, UNDO_NOTE, u->group, u->label);
		o->note = an->notes[i];
		o->pos = i;
		take_out(an->notes, &an->nnotes, sizeof *an->notes, i);
		return true;
	}
	return false;
}

static bool id_used(const struct annot *an, const char *id)
{
	return annot_find_claim(an, id) != ANNOT_NONE || annot_find_link(an, id) != ANNOT_NONE ||
	       annot_find_note(an, id) != ANNOT_NONE;
}

/* Put back the entry a change deleted, every key of it, where it was; the
 * opposite step (taking it out again) goes on opp. */
static bool undo_delete(struct session *s, struct undo_step *u, struct undo_stack *opp)
{
	struct annot *an = s->an;
	char what[200];
	step_what(u, what, sizeof what);
	const char *id = u->kind == UNDO_CLAIM	? u->claim.id
			 : u->kind == UNDO_LINK ? u->link.id
						: u->note.id;
	if (!id || id_used(an, id)) {
		refuse(s, "not undone: there is a %s of that id again (kept as it is)",
		       kind_word(u->kind));
		return false;
	}
	struct undo_step *o;
	size_t at;
	switch (u->kind) {
	case UNDO_CLAIM:
		if (!u->claim.article || annot_find_article(an, u->claim.article) == ANNOT_NONE) {
			refuse(s, "not undone: the %s was on an article that is gone", what);
			return false;
		}
		at = u->pos < an->nclaims ? u->pos : an->nclaims;
		GROW(an->claims, an->claims_cap, an->nclaims + 1);
		memmove(&an->claims[at + 1], &an->claims[at],
			(an->nclaims - at) * sizeof *an->claims);
		an->claims[at] = u->claim;
		an->claims[at].layer = LAYER_PERSONAL;
		memset(&u->claim, 0, sizeof u->claim); /* the layer owns it now */
		an->nclaims++;
		o = undo_stack_push(opp, UNDO_REMOVE, UNDO_CLAIM, u->group, u->label);
		annot_claim_copy(&o->claim, &an->claims[at]);
		return true;
	case UNDO_LINK:
		if (annot_find_claim(an, u->link.from) == ANNOT_NONE ||
		    annot_find_claim(an, u->link.to) == ANNOT_NONE) {
			refuse(s, "not undone: a claim the link joined is gone");
			return false;
		}
		at = u->pos < an->nlinks ? u->pos : an->nlinks;
		GROW(an->links, an->links_cap, an->nlinks + 1);
		memmove(&an->links[at + 1], &an->links[at], (an->nlinks - at) * sizeof *an->links);
		an->links[at] = u->link;
		an->links[at].layer = LAYER_PERSONAL;
		memset(&u->link, 0, sizeof u->link);
		an->nlinks++;
		o = undo_stack_push(opp, UNDO_REMOVE, UNDO_LINK, u->group, u->label);
		annot_link_copy(&o->link, &an->links[at]);
		return true;
	case UNDO_NOTE:
		if (!u->note.on || (annot_find_claim(an, u->note.on) == ANNOT_NONE &&
				    annot_find_link(an, u->note.on) == ANNOT_NONE &&
				    annot_find_article(an, u->note.on) == ANNOT_NONE)) {
			refuse(s, "not undone: the note was on something that is gone");
			return false;
		}
		at = u->pos < an->nnotes ? u->pos : an->nnotes;
		GROW(an->notes, an->notes_cap, an->nnotes + 1);
		memmove(&an->notes[at + 1], &an->notes[at], (an->nnotes - at) * sizeof *an->notes);
		an->notes[at] = u->note;
		an->notes[at].layer = LAYER_PERSONAL;
		memset(&u->note, 0, sizeof u->note);
		an->nnotes++;
		o = undo_stack_push(opp, UNDO_REMOVE, UNDO_NOTE, u->group, u->label);
		annot_note_copy(&o->note, &an->notes[at]);
		return true;
	}
	return false;
}

/* Give an edited entry back the fields it had before the edit; the
 * opposite (the edit again) goes on opp. */
static bool undo_edit(struct session *s, struct undo_step *u, struct undo_stack *opp)
{
	struct annot *an = s->an;
	char what[200];
	step_what(u, what, sizeof what);
	size_t i;
	struct undo_step *o;
	switch (u->kind) {
	case UNDO_CLAIM:
		i = personal_claim(an, u->claim_after.id);
		if (i == ANNOT_NONE || !same_claim(&an->claims[i], &u->claim_after))
			break;
		o = undo_stack_push(opp, UNDO_RESTORE, UNDO_CLAIM, u->group, u->label);
		o->claim = an->claims[i];
		annot_claim_copy(&o->claim_after, &u->claim);
		an->claims[i] = u->claim;
		an->claims[i].layer = LAYER_PERSONAL;
		memset(&u->claim, 0, sizeof u->claim);
		return true;
	case UNDO_LINK:
		i = personal_link(an, u->link_after.id);
		if (i == ANNOT_NONE || !same_link(&an->links[i], &u->link_after))
			break;
		o = undo_stack_push(opp, UNDO_RESTORE, UNDO_LINK, u->group, u->label);
		o->link = an->links[i];
		annot_link_copy(&o->link_after, &u->link);
		an->links[i] = u->link;
		an->links[i].layer = LAYER_PERSONAL;
		memset(&u->link, 0, sizeof u->link);
		return true;
	case UNDO_NOTE:
		i = personal_note(an, u->edited.id);
		if (i == ANNOT_NONE || !same_note(&an->notes[i], &u->edited))
			break;
		o = undo_stack_push(opp, UNDO_RESTORE, UNDO_NOTE, u->group, u->label);
		o->note = an->notes[i];
		annot_note_copy(&o->edited, &u->note);
		an->notes[i] = u->note;
		an->notes[i].layer = LAYER_PERSONAL;
		memset(&u->note, 0, sizeof u->note);
		return true;
	}
	refuse(s, "not undone: the %s was changed or deleted since (kept)", what);
	return false;
}

static bool apply_step(struct session *s, struct undo_step *u, struct undo_stack *opp)
{
	bool done = false;
	switch (u->op) {
	case UNDO_REMOVE:
		done = undo_add(s, u, opp);
		break;
	case UNDO_READD:
		done = undo_delete(s, u, opp);
		break;
	case UNDO_RESTORE:
		done = undo_edit(s, u, opp);
		break;
	}
	if (done)
		annot_resolve_links(s->an); /* the next step finds entries by id */
	return done;
}

/* The newest action of from (its steps newest first) applied; the
 * opposites go on to. Returns false if from is empty. */
static bool take_back(struct session *s, struct undo_step *from, size_t *nfrom,
		      struct undo_stack *to)
{
	s->undo.refused[0] = '\0';
	s->undo.done[0] = '\0';
	if (!*nfrom)
		return false;
	unsigned g = from[*nfrom - 1].group;
	snprintf(s->undo.done, sizeof s->undo.done, "%s", from[*nfrom - 1].label);
	struct held h;
	hold_ids(s, &h);
	size_t applied = 0, total = 0;
	/* opposites are pushed in the order applied: applied again newest
	 * first, they run in the original order */
	while (*nfrom && from[*nfrom - 1].group == g) {
		struct undo_step *u = &from[*nfrom - 1];
		total++;
		if (apply_step(s, u, to))
			applied++;
		undo_step_clear(u);
		(*nfrom)--;
	}
	s->undo.partial = applied && applied < total;
	if (applied)
		changed(s, &h); /* saved like any change: merged if the file moved */
	else
		find_held(s, &h);
	return true;
}

bool personal_undo(struct session *s)
{
	return take_back(s, s->undo.step, &s->undo.n, &s->undo.redo);
}

bool personal_redo(struct session *s)
{
	/* redoing keeps the rest of the redo history: the opposites go back
	 * on the undo history without the push that drops it */
	struct undo_stack back = {0};
	bool r = take_back(s, s->undo.redo.step, &s->undo.redo.n, &back);
	for (size_t i = 0; i < back.n; i++)
		undo_append(&s->undo, &back.step[i]);
	free(back.step); /* the steps are the history's now */
	return r;
}

const char *personal_undo_refused(const struct session *s)
{
	return s->undo.refused[0] ? s->undo.refused : NULL;
}

const char *personal_undo_done(const struct session *s)
{
	return s->undo.done;
}

size_t personal_redo_count(const struct session *s)
{
	return s->undo.redo.n;
}

void personal_quote(const char *q, size_t cols, char *out, size_t cap)
{
	if (!cap)
		return;
	out[0] = '\0';
	if (!q)
		return;
	/* one line of text: runs of white space become one space */
	struct buf b = {0};
	bool sp = false;
	for (const char *p = q; *p; p++) {
		if (*p == '\n' || *p == '\t' || *p == '\r' || *p == ' ') {
			sp = b.len > 0;
			continue;
		}
		if (sp)
			buf_addc(&b, ' ');
		sp = false;
		buf_addc(&b, *p);
	}
	buf_adds(&b, "");
	size_t used;
	size_t fit = text_fit(b.s, b.len, cols, &used);
	bool cut = fit < b.len;
	if (cut)
		fit = text_fit(b.s, b.len, cols > 1 ? cols - 1 : 1, &used);
	if (fit + 4 > cap)
		fit = 0; /* cannot happen with the callers' buffers */
	while (cut && fit > 0 && b.s[fit - 1] == ' ')
		fit--;
	memcpy(out, b.s, fit);
	out[fit] = '\0';
	if (cut)
		strcat(out, "\u2026");
	buf_free(&b);
}

void personal_printf(char *out, size_t cap, const char *fmt, ...)
{
	if (!cap)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(out, cap, fmt, ap);
	va_end(ap);
	if (n < 0) {
		out[0] = '\0';
		return;
	}
	size_t len = strlen(out);
	if ((size_t)n <= len)
		return;
	/* cut: drop a partial sequence at the end */
	size_t i = len;
	while (i > 0 && ((unsigned char)out[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0 && ((unsigned char)out[i - 1] & 0x80)) {
		unsigned char lead = (unsigned char)out[i - 1];
		size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
		if (len - (i - 1) < need)
			out[i - 1] = '\0';
	}
}

void personal_claim_label(const struct session *s, size_t c, char *out, size_t cap)
{
	if (c >= s->an->nclaims) {
		snprintf(out, cap, "?");
		return;
	}
	const struct claim *cl = &s->an->claims[c];
	const char *who = NULL;
	size_t art = session_claim_art(s, c);
	if (art != SIZE_MAX && s->arts[art]->outlet && *s->arts[art]->outlet)
		who = s->arts[art]->outlet;
	if (!who)
		who = cl->article ? cl->article : "?";
	char q[160], o[100];
	personal_quote(cl->quote, 32, q, sizeof q);
	/* the outlet's name without its parenthesis, short */
	size_t wl = strlen(who);
	const char *par = strstr(who, " (");
	if (par && par > who)
		wl = (size_t)(par - who);
	char *cut = xstrndup(who, wl);
	personal_quote(cut, 20, o, sizeof o);
	free(cut);
	char *w = text_sanitize(o, strlen(o), false);
	personal_printf(out, cap, "%s: '%s'", w, q);
	free(w);
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
