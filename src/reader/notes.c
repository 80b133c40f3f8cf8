/* notes: tags on your own claims and notes, notes on links and on whole
 * articles, and the claims overview's search and tag filter (issue 13).
 * Each handler returns what must be drawn again; none draws. */
#include "crossread/reader/notes.h"

#include <stdlib.h>
#include <string.h>

#include "crossread/annot/annot.h"
#include "crossread/base/text.h"
#include "crossread/doc/article.h"
#include "crossread/persist/journal.h"
#include "crossread/reader/overview.h"
#include "crossread/reader/personal.h"
#include "crossread/reader/edit.h"
#include "crossread/reader/reader.h"

static char *prompt(struct reader *r, const char *p)
{
	return r->io.prompt ? r->io.prompt(r->io.ctx, p) : NULL;
}

/* "a, b, c" of the tags in use, cut to fit a prompt */
static void tags_in_use(struct reader *r, struct buf *b)
{
	const char **tags;
	size_t n = overview_tags(r->s->an, &tags);
	for (size_t i = 0; i < n && b->len < 120; i++)
		buf_printf(b, "%s%s", i ? ", " : "", tags[i]);
	if (n && b->len >= 120)
		buf_adds(b, ", \u2026");
	free(tags);
}

/* the tag typed, trimmed, or NULL with a message */
static char *read_tag(struct reader *r, const char *what)
{
	struct buf q = {0};
	buf_printf(&q, "%s", what);
	struct buf use = {0};
	tags_in_use(r, &use);
	if (use.len)
		buf_printf(&q, " (in use: %s)", use.s);
	buf_adds(&q, ": ");
	buf_free(&use);
	char *t = prompt(r, q.s);
	buf_free(&q);
	if (!t)
		return NULL;
	size_t s = 0, e = strlen(t);
	while (s < e && (t[s] == ' ' || t[s] == '\t'))
		s++;
	while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\t'))
		e--;
	memmove(t, t + s, e - s);
	t[e - s] = '\0';
	return t;
}

/* a tag as the format allows: 1 to ANNOT_MAX_TAG bytes on one line, no
 * control characters */
static bool tag_ok(const char *t)
{
	size_t n = strlen(t);
	if (n == 0 || n > ANNOT_MAX_TAG)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)t[i] < 0x20 || t[i] == 0x7f)
			return false;
	return true;
}

/* ---- the overview's filters ---- */

bool reader_ov_apply(struct reader *r)
{
	struct ov_item *v;
	size_t n;
	if (!r->ov.search_folded && !r->ov.tag) {
		v = xcalloc(r->ov.nall + 1, sizeof *v);
		if (r->ov.nall)
			memcpy(v, r->ov.all, r->ov.nall * sizeof *v);
		n = r->ov.nall;
	} else {
		n = overview_filter(r, r->ov.all, r->ov.nall, r->ov.search_folded, r->ov.tag, &v);
	}
	if (!n && r->ov.nall) {
		free(v);
		return false;
	}
	free(r->ov.items);
	r->ov.items = v;
	r->ov.n = n;
	/* the first line with a claim (not a heading, not an outlet's) */
	r->ov.sel = 0;
	while (r->ov.sel + 1 < n && r->ov.items[r->ov.sel].claim == ANNOT_NONE)
		r->ov.sel++;
	return true;
}

static void ov_filter_message(struct reader *r)
{
	if (!r->ov.search && !r->ov.tag) {
		reader_message(r, R_STATUS, "showing every line (%zu)", r->ov.n);
		return;
	}
	reader_message(r, R_STATUS, "%zu of %zu lines%s%s%s%s", r->ov.n, r->ov.nall,
		       r->ov.search ? " matching /" : "", r->ov.search ? r->ov.search : "",
		       r->ov.tag ? " tagged #" : "", r->ov.tag ? r->ov.tag : "");
}

unsigned reader_ov_search(struct reader *r)
{
	if (r->ov.articles) {
		reader_message(r, R_STATUS, "/ searches the claims overview (c), not this list");
		return READER_REDRAW_ALL;
	}
	char *t = prompt(r, "Search the overview (empty: show all): ");
	if (!t)
		return READER_REDRAW_ALL;
	char *old = r->ov.search, *old_f = r->ov.search_folded;
	size_t fl;
	r->ov.search = *t ? text_sanitize(t, strlen(t), false) : NULL;
	r->ov.search_folded = *t ? text_fold_string(t, strlen(t), TEXT_FOLD_CASE, &fl) : NULL;
	if (r->ov.search_folded && !*r->ov.search_folded) {
		free(r->ov.search_folded); /* white space only: everything */
		free(r->ov.search);
		r->ov.search = r->ov.search_folded = NULL;
	}
	free(t);
	if (!reader_ov_apply(r)) {
		reader_message(r, R_ERROR, "nothing in the overview matches /%s (filter kept)",
			       r->ov.search);
		free(r->ov.search);
		free(r->ov.search_folded);
		r->ov.search = old;
		r->ov.search_folded = old_f;
		return READER_REDRAW_ALL;
	}
	free(old);
	free(old_f);
	ov_filter_message(r);
	return READER_REDRAW_ALL;
}

unsigned reader_ov_tag(struct reader *r)
{
	if (r->ov.articles) {
		reader_message(r, R_STATUS, "t filters the claims overview (c) by tag");
		return READER_REDRAW_ALL;
	}
	char *t = read_tag(r, "Show only the tag (empty: all)");
	if (!t)
		return READER_REDRAW_ALL;
	if (*t && !tag_ok(t)) {
		reader_message(r, R_ERROR, "a tag is 1 to %d bytes on one line", ANNOT_MAX_TAG);
		free(t);
		return READER_REDRAW_ALL;
	}
	char *old = r->ov.tag;
	r->ov.tag = *t ? t : NULL;
	if (!*t)
		free(t);
	if (!reader_ov_apply(r)) {
		char *safe = text_sanitize(r->ov.tag, strlen(r->ov.tag), false);
		reader_message(r, R_ERROR, "nothing in the overview is tagged #%s (filter kept)",
			       safe);
		free(safe);
		free(r->ov.tag);
		r->ov.tag = old;
		return READER_REDRAW_ALL;
	}
	free(old);
	ov_filter_message(r);
	return READER_REDRAW_ALL;
}

/* ---- notes on links and articles ---- */

size_t reader_link_notes_text(struct reader *r, size_t l, struct buf *b)
{
	const struct annot *an = r->s->an;
	if (l >= an->nlinks)
		return 0;
	size_t n = 0;
	const struct link *lk = &an->links[l];
	if (lk->note && *lk->note) {
		buf_adds(b, lk->note);
		n++;
	}
	const size_t *notes;
	size_t k = session_link_notes(r->s, l, &notes);
	for (size_t i = 0; i < k; i++) {
		const struct note *nt = &an->notes[notes[i]];
		if (n++)
			buf_adds(b, "\n\n");
		buf_adds(b, nt->text ? nt->text : "");
		for (size_t t = 0; t < nt->ntags; t++)
			buf_printf(b, "%s#%s", t ? " " : "  ", nt->tags[t]);
	}
	return n;
}

static void claim_words(struct reader *r, size_t c, struct buf *b)
{
	const struct claim *cl = &r->s->an->claims[c];
	if (cl->by && *cl->by)
		buf_printf(b, "%s ", cl->by);
	overview_short_quote(b, cl->quote, 24);
}

void reader_link_words(struct reader *r, size_t l, struct buf *b)
{
	const struct link *lk = &r->s->an->links[l];
	if (lk->from_i < r->s->an->nclaims)
		claim_words(r, lk->from_i, b);
	buf_printf(b, " %s ", annot_rel_name(lk->rel));
	if (lk->to_i < r->s->an->nclaims)
		claim_words(r, lk->to_i, b);
}

/* the editor for a new note on `on`, saved as yours */
static void write_note(struct reader *r, const char *on, const char *title, bool external,
		       const char *what)
{
	char *text = reader_note_text(r, title, on, external);
	if (text && *text) {
		personal_add_note(r->s, on, text);
		reader_note_stored(r);
		reader_report_save(r, what);
	} else if (text) {
		journal_remove(r->s->notes_path);
		reader_message(r, R_STATUS, "empty note not saved");
	}
	free(text);
}

unsigned reader_note_link(struct reader *r, size_t l, bool external)
{
	struct annot *an = r->s->an;
	if (l >= an->nlinks)
		return READER_REDRAW_ALL;
	if (!an->links[l].id) {
		reader_message(r, R_ERROR, "this link has no id to note it by");
		return READER_REDRAW_ALL;
	}
	char *on = xstrdup(an->links[l].id);
	struct buf t = {0};
	buf_adds(&t, "Note on the link: ");
	reader_link_words(r, l, &t);
	write_note(r, on, t.s, external, "note on the link saved");
	buf_free(&t);
	free(on);
	return READER_REDRAW_ALL;
}

unsigned reader_note_article(struct reader *r, size_t a, bool external)
{
	struct annot *an = r->s->an;
	if (a >= an->narticles || !an->articles[a].id) {
		reader_message(r, R_ERROR, "this article has no id in the annotations");
		return READER_REDRAW_ALL;
	}
	char *on = xstrdup(an->articles[a].id);
	const char *label = NULL;
	for (size_t k = 0; k < r->s->narts; k++)
		if (r->s->annot_of[k] == a)
			label = article_label(r->s->arts[k]);
	struct buf t = {0};
	buf_printf(&t, "Note on the article: %s", label ? label : "?");
	write_note(r, on, t.s, external, "note on the article saved");
	buf_free(&t);
	free(on);
	return READER_REDRAW_ALL;
}

unsigned reader_ov_note(struct reader *r, bool external)
{
	if (r->ov.articles) {
		size_t art = r->ov.sel;
		if (art >= r->s->narts)
			return READER_REDRAW_ALL;
		return reader_note_article(r, r->s->annot_of[art], external);
	}
	if (!r->ov.n)
		return READER_REDRAW_ALL;
	const struct ov_item *it = &r->ov.items[r->ov.sel];
	if (it->kind != OV_ANSWER || it->link >= r->s->an->nlinks) {
		reader_message(r, R_STATUS, "a notes a link: select a \u21b3 line");
		return READER_REDRAW_ALL;
	}
	size_t l = it->link;
	unsigned d = reader_note_link(r, l, external);
	/* the lines again (a save may have merged others' entries in): the
	 * note shows beside its link */
	size_t sel = r->ov.sel;
	reader_ov_build(r);
	if (!reader_ov_apply(r)) {
		free(r->ov.search);
		free(r->ov.search_folded);
		free(r->ov.tag);
		r->ov.search = r->ov.search_folded = r->ov.tag = NULL;
		reader_ov_apply(r);
	}
	r->ov.sel = sel < r->ov.n ? sel : r->ov.n ? r->ov.n - 1 : 0;
	return d;
}

/* ---- tags ---- */

unsigned reader_tag(struct reader *r)
{
	struct pane *pn = &r->pane[r->focus];
	struct annot *an = r->s->an;
	if (pn->sel == ANNOT_NONE || pn->sel >= an->nclaims) {
		reader_message(r, R_STATUS, "select a claim (] or [) to tag it or its note");
		return READER_REDRAW_ALL;
	}
	size_t note = reader_shown_note(r, r->focus, NULL, NULL);
	bool claim_ok = an->claims[pn->sel].layer == LAYER_PERSONAL;
	bool note_ok = note != ANNOT_NONE && an->notes[note].layer == LAYER_PERSONAL;
	if (!claim_ok && !note_ok) {
		reader_message(r, R_STATUS,
			       "curated entries are read-only: tag your own claims and notes "
			       "(a adds a note, then t tags it)");
		return READER_REDRAW_ALL;
	}
	bool on_claim = claim_ok;
	if (claim_ok && note_ok) {
		int k = reader_ask(r, "Tag: c) the claim  n) the note shown  (Esc cancels)", "cn");
		if (!k)
			return READER_REDRAW_ALL;
		on_claim = k == 'c';
	}
	char *id = xstrdup(on_claim ? an->claims[pn->sel].id : an->notes[note].id);
	char *t = read_tag(r, on_claim ? "Tag the claim (a tag it has goes)"
				       : "Tag the note (a tag it has goes)");
	if (!t || !*t) {
		if (t)
			reader_message(r, R_STATUS, "no tag given: nothing changed");
		free(t);
		free(id);
		return READER_REDRAW_ALL;
	}
	if (!tag_ok(t)) {
		reader_message(r, R_ERROR, "a tag is 1 to %d bytes on one line", ANNOT_MAX_TAG);
		free(t);
		free(id);
		return READER_REDRAW_ALL;
	}
	/* found again by id: the prompt may have taken a while */
	size_t i = on_claim ? annot_find_claim(an, id) : annot_find_note(an, id);
	free(id);
	if (i == ANNOT_NONE) {
		reader_message(r, R_ERROR, "the %s is gone", on_claim ? "claim" : "note");
		free(t);
		return READER_REDRAW_ALL;
	}
	char **tags = on_claim ? an->claims[i].tags : an->notes[i].tags;
	size_t n = on_claim ? an->claims[i].ntags : an->notes[i].ntags;
	bool had = annot_has_tag(tags, n, t);
	if (!had && n >= ANNOT_MAX_TAGS) {
		reader_message(r, R_ERROR, "already %d tags: remove one first", ANNOT_MAX_TAGS);
		free(t);
		return READER_REDRAW_ALL;
	}
	char **nt = xcalloc(n + 2, sizeof *nt);
	size_t k = 0;
	for (size_t j = 0; j < n; j++)
		if (strcmp(tags[j], t) != 0)
			nt[k++] = tags[j];
	if (!had)
		nt[k++] = t;
	personal_set_tags(r->s, on_claim, i, nt, k);
	free(nt);
	char *safe = text_sanitize(t, strlen(t), false);
	char what[160];
	snprintf(what, sizeof what, "tag #%s %s the %s", safe, had ? "removed from" : "added to",
		 on_claim ? "claim" : "note");
	free(safe);
	free(t);
	reader_report_save(r, what);
	return READER_REDRAW_ALL;
}
