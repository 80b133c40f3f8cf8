/* personal: edits to the reader's personal annotation layer, each saved at
 * once, with undo by snapshots (the layer as YAML before each change). */
#include "crossread/personal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/anchor.h"
#include "crossread/annot_write.h"
#include "crossread/article.h"
#include "crossread/session.h"
#include "crossread/store.h"
#include "crossread/util.h"

static void snapshot(struct session *s)
{
	struct buf b = {0};
	if (annot_write_layer(s->an, LAYER_PERSONAL, &b) != 0) {
		buf_free(&b);
		return;
	}
	if (s->nundo == SESSION_UNDO) {
		free(s->undo[0]);
		memmove(s->undo, s->undo + 1, (SESSION_UNDO - 1) * sizeof *s->undo);
		memmove(s->undo_len, s->undo_len + 1, (SESSION_UNDO - 1) * sizeof *s->undo_len);
		s->nundo--;
	}
	s->undo_len[s->nundo] = b.len;
	s->undo[s->nundo++] = buf_detach(&b);
}

static void changed(struct session *s)
{
	store_touch(s->store);
	struct diag_list d = {0};
	enum store_result r = store_save(s->store, s->an, &d);
	diag_free(&d);
	if (r == STORE_MERGED)
		session_anchor(s); /* entries from disk came in */
	else
		session_reindex(s);
}

static char *unique_id(struct session *s, const char *stem)
{
	struct buf b = {0};
	for (unsigned n = 1;; n++) {
		b.len = 0;
		buf_printf(&b, "%s-%u", stem, n);
		if (annot_find_claim(s->an, b.s) == ANNOT_NONE &&
		    annot_find_link(s->an, b.s) == ANNOT_NONE &&
		    annot_find_note(s->an, b.s) == ANNOT_NONE)
			return buf_detach(&b);
	}
}

size_t personal_add_claim(struct session *s, size_t art, size_t start, size_t end,
			  enum claim_kind kind)
{
	if (art >= s->narts || start >= end)
		return ANNOT_NONE;
	struct article *a = s->arts[art];
	if (end > a->len)
		end = a->len;
	snapshot(s);
	struct annot *an = s->an;
	GROW(an->claims, an->claims_cap, an->nclaims + 1);
	struct claim *c = &an->claims[an->nclaims];
	memset(c, 0, sizeof *c);
	c->id = unique_id(s, "my-claim");
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
	changed(s);
	return annot_find_claim(s->an, an->claims[idx].id) != ANNOT_NONE ? idx : ANNOT_NONE;
}

size_t personal_add_link(struct session *s, size_t from, size_t to, enum link_rel rel)
{
	struct annot *an = s->an;
	if (from >= an->nclaims || to >= an->nclaims || from == to)
		return ANNOT_NONE;
	snapshot(s);
	GROW(an->links, an->links_cap, an->nlinks + 1);
	struct link *l = &an->links[an->nlinks];
	memset(l, 0, sizeof *l);
	l->id = unique_id(s, "my-link");
	l->from = xstrdup(an->claims[from].id);
	l->to = xstrdup(an->claims[to].id);
	l->rel = rel;
	l->layer = LAYER_PERSONAL;
	l->from_i = from;
	l->to_i = to;
	size_t idx = an->nlinks++;
	annot_resolve_links(an);
	changed(s);
	return idx;
}

size_t personal_add_note(struct session *s, const char *on, const char *text)
{
	snapshot(s);
	size_t i = store_add_note(s->store, s->an, on, text);
	changed(s);
	return i;
}

int personal_edit_note(struct session *s, size_t note, const char *text)
{
	if (note >= s->an->nnotes || s->an->notes[note].layer != LAYER_PERSONAL)
		return -1;
	snapshot(s);
	int r = store_edit_note(s->store, s->an, note, text);
	changed(s);
	return r;
}

int personal_delete_note(struct session *s, size_t note)
{
	if (note >= s->an->nnotes || s->an->notes[note].layer != LAYER_PERSONAL)
		return -1;
	snapshot(s);
	int r = store_delete_note(s->store, s->an, note);
	changed(s);
	return r;
}

bool personal_undo(struct session *s)
{
	if (!s->nundo)
		return false;
	char *snap = s->undo[--s->nundo];
	size_t len = s->undo_len[s->nundo];
	annot_drop_layer(s->an, LAYER_PERSONAL);
	struct diag_list d = {0};
	annot_load_mem(&s->an, s->notes_path, snap, len, LAYER_PERSONAL, &d);
	diag_free(&d);
	free(snap);
	session_anchor(s);
	store_touch(s->store);
	struct diag_list d2 = {0};
	if (store_save(s->store, s->an, &d2) == STORE_MERGED)
		session_anchor(s);
	diag_free(&d2);
	return true;
}

const char *personal_save(struct session *s, bool *failed)
{
	struct diag_list d = {0};
	enum store_result r = store_save(s->store, s->an, &d);
	diag_free(&d);
	if (r == STORE_MERGED)
		session_anchor(s);
	*failed = r == STORE_FAILED;
	return store_message(s->store);
}

bool personal_dirty(const struct session *s)
{
	return s->store && store_dirty(s->store);
}
