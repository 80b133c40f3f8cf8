/* edit: editing what is yours (edit.h): E on your own claim (kind,
 * speaker, target) or link (relation), D deleting a claim with its links
 * and notes or a link after a y/n question, undo and redo by user action
 * and what the status line says of them, the speakers prompts offer, and
 * the readable names (outlet and a short quote) used in place of ids. */
#include "crossread/reader/edit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/annot/annot.h"
#include "crossread/base/text.h"
#include "crossread/base/util.h"
#include "crossread/reader/personal.h"
#include "crossread/reader/reader.h"

#define LABEL_MAX 400

static char *prompt_edit(struct reader *r, const char *p, const char *initial,
			 const char *const *choices, size_t n)
{
	if (r->io.prompt_edit)
		return r->io.prompt_edit(r->io.ctx, p, initial, choices, n);
	return r->io.prompt ? r->io.prompt(r->io.ctx, p) : NULL;
}

/* ---- names ---- */

void reader_link_label(struct reader *r, size_t link, char *out, size_t cap)
{
	const struct annot *an = r->s->an;
	if (link >= an->nlinks) {
		personal_printf(out, cap, "?");
		return;
	}
	const struct link *l = &an->links[link];
	char a[LABEL_MAX], b[LABEL_MAX];
	personal_claim_label(r->s, l->from_i, a, sizeof a);
	personal_claim_label(r->s, l->to_i, b, sizeof b);
	personal_printf(out, cap, "%s %s %s", a, annot_rel_name(l->rel), b);
}

/* "'are based on nothing'" */
static void claim_quote(struct reader *r, size_t c, char *out, size_t cap)
{
	char q[200];
	personal_quote(c < r->s->an->nclaims ? r->s->an->claims[c].quote : NULL, 32, q, sizeof q);
	personal_printf(out, cap, "'%s'", q);
}

/* "a rebuttal", "an accusation" */
static const char *a_kind(enum claim_kind k)
{
	return k == KIND_ACCUSATION ? "an" : "a";
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* ---- the link Enter followed ---- */

void reader_note_followed(struct reader *r, size_t link, size_t to)
{
	free(r->followed_link);
	free(r->followed_to);
	r->followed_link = r->followed_to = NULL;
	const struct annot *an = r->s->an;
	if (link < an->nlinks && an->links[link].id && to < an->nclaims && an->claims[to].id) {
		r->followed_link = xstrdup(an->links[link].id);
		r->followed_to = xstrdup(an->claims[to].id);
	}
}

size_t reader_followed_link(struct reader *r)
{
	if (!r->followed_link)
		return ANNOT_NONE;
	const struct annot *an = r->s->an;
	size_t sel = r->pane[r->focus].sel;
	if (sel >= an->nclaims || !an->claims[sel].id || strcmp(an->claims[sel].id, r->followed_to))
		return ANNOT_NONE;
	return annot_find_link(an, r->followed_link);
}

/* Your own links on claim c: one is returned, several are asked for
 * (ANNOT_NONE: none, or the question was cancelled: *asked says which). */
static size_t own_link_on(struct reader *r, size_t c, const char *verb, bool *asked)
{
	const struct annot *an = r->s->an;
	size_t mine[9], n = 0;
	*asked = false;
	for (size_t i = 0; i < an->nlinks && n < 9; i++)
		if (an->links[i].layer == LAYER_PERSONAL &&
		    (an->links[i].from_i == c || an->links[i].to_i == c))
			mine[n++] = i;
	if (n <= 1)
		return n ? mine[0] : ANNOT_NONE;
	*asked = true;
	struct buf q = {0};
	buf_printf(&q, "%s which of your links? ", verb);
	char choices[10];
	for (size_t i = 0; i < n; i++) {
		char lab[LABEL_MAX * 2 + 32];
		reader_link_label(r, mine[i], lab, sizeof lab);
		buf_printf(&q, "%zu) %s  ", i + 1, lab);
		choices[i] = (char)('1' + i);
	}
	choices[n] = '\0';
	buf_adds(&q, "(Esc cancels)");
	int k = reader_ask(r, q.s, choices);
	buf_free(&q);
	return k ? mine[k - '1'] : ANNOT_NONE;
}

/* ---- speakers and completion ---- */

size_t reader_speakers(struct reader *r, const char ***out)
{
	const struct annot *an = r->s->an;
	const char **v = xmalloc((2 * an->nclaims + 1) * sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < an->nclaims; i++) {
		if (an->claims[i].by && *an->claims[i].by)
			v[n++] = an->claims[i].by;
		if (an->claims[i].against && *an->claims[i].against)
			v[n++] = an->claims[i].against;
	}
	size_t k = strv_sort_unique(v, n);
	*out = v;
	return k;
}

static bool starts_folded(const char *s, const char *prefix)
{
	size_t pl, sl;
	char *p = text_fold_string(prefix, strlen(prefix), TEXT_FOLD_CASE, &pl);
	char *f = text_fold_string(s, strlen(s), TEXT_FOLD_CASE, &sl);
	bool yes = pl <= sl && memcmp(p, f, pl) == 0;
	free(p);
	free(f);
	return yes;
}

const char *reader_complete(const char *prefix, const char *const *choices, size_t n, size_t *k)
{
	for (size_t t = 0; t < n; t++) {
		size_t i = (*k + t) % n;
		if (starts_folded(choices[i], prefix ? prefix : "")) {
			*k = i + 1;
			return choices[i];
		}
	}
	return NULL;
}

/* ---- E: editing ---- */

static void report(struct reader *r, const char *what)
{
	reader_report_save(r, what);
}

static unsigned edit_link(struct reader *r, size_t l)
{
	char lab[LABEL_MAX * 2 + 32];
	reader_link_label(r, l, lab, sizeof lab);
	char asked[sizeof lab + 8];
	personal_printf(asked, sizeof asked, "link %s", lab);
	enum link_rel rel;
	if (!reader_ask_relation(r, asked, &rel)) {
		reader_message(r, R_STATUS, "edit cancelled: the link is as it was");
		return READER_REDRAW_ALL;
	}
	if (r->s->an->links[l].rel == rel) {
		reader_message(r, R_STATUS, "link unchanged: %s", lab);
		return READER_REDRAW_ALL;
	}
	char *id = xstrdup(r->s->an->links[l].id);
	char label[UNDO_LABEL_MAX];
	personal_printf(label, sizeof label, "edit of link %s", lab);
	personal_begin(r->s, label);
	personal_edit_link(r->s, l, rel);
	personal_end(r->s);
	size_t now = annot_find_link(r->s->an, id);
	free(id);
	reader_link_label(r, now, lab, sizeof lab);
	char what[sizeof lab + 32];
	personal_printf(what, sizeof what, "link now %s", lab);
	report(r, what);
	return READER_REDRAW_ALL;
}

static unsigned edit_claim(struct reader *r, size_t c)
{
	struct session *s = r->s;
	const struct claim *cl = &s->an->claims[c];
	char lab[LABEL_MAX];
	personal_claim_label(s, c, lab, sizeof lab);
	char q[LABEL_MAX + 200];
	personal_printf(
	    q, sizeof q,
	    "a) accusation  r) rebuttal  c) claim  (Esc cancels) \u2014 claim %s is %s %s", lab,
	    a_kind(cl->kind), annot_kind_name(cl->kind));
	int k = reader_ask(r, q, "arc");
	if (!k) {
		reader_message(r, R_STATUS, "edit cancelled: the claim is as it was");
		return READER_REDRAW_ALL;
	}
	enum claim_kind kind = k == 'a' ? KIND_ACCUSATION : k == 'r' ? KIND_REBUTTAL : KIND_CLAIM;
	const char **sp;
	size_t nsp = reader_speakers(r, &sp);
	char *by = prompt_edit(
	    r, "speaker (by; Tab offers the story's, empty: none): ", s->an->claims[c].by, sp, nsp);
	char *against =
	    by ? prompt_edit(r, "target (against; Tab offers the story's, empty: none): ",
			     s->an->claims[c].against, sp, nsp)
	       : NULL;
	free(sp);
	if (!by || !against) {
		free(by);
		free(against);
		reader_message(r, R_STATUS, "edit cancelled: the claim is as it was");
		return READER_REDRAW_ALL;
	}
	char *id = xstrdup(s->an->claims[c].id);
	char qt[256];
	claim_quote(r, c, qt, sizeof qt);
	char label[UNDO_LABEL_MAX];
	personal_printf(label, sizeof label, "edit of claim %s", qt);
	size_t before = s->undo.n;
	personal_begin(s, label);
	personal_edit_claim(s, c, kind, by, against);
	personal_end(s);
	free(by);
	free(against);
	size_t now = annot_find_claim(s->an, id);
	free(id);
	if (now == ANNOT_NONE) {
		reader_message(r, R_ERROR, "the claim is gone (deleted on disk meanwhile)");
		return READER_REDRAW_ALL;
	}
	cl = &s->an->claims[now];
	if (s->undo.n == before) {
		reader_message(r, R_STATUS, "claim unchanged: %s", lab);
		return READER_REDRAW_ALL;
	}
	personal_claim_label(s, now, lab, sizeof lab);
	char what[LABEL_MAX * 3];
	personal_printf(what, sizeof what, "claim %s now %s %s%s%s%s%s", lab, a_kind(cl->kind),
			annot_kind_name(cl->kind), cl->by ? " by " : "", cl->by ? cl->by : "",
			cl->against ? " against " : "", cl->against ? cl->against : "");
	char *clean = text_sanitize(what, strlen(what), false);
	report(r, clean);
	free(clean);
	return READER_REDRAW_ALL;
}

unsigned reader_edit_entry(struct reader *r, size_t shown_note)
{
	struct session *s = r->s;
	struct pane *pn = &r->pane[r->focus];
	if (pn->sel == ANNOT_NONE || pn->sel >= s->an->nclaims) {
		reader_message(r, R_STATUS,
			       "select a claim (] or [) or follow a link (Enter) to edit it");
		return READER_REDRAW_ALL;
	}
	size_t l = reader_followed_link(r);
	if (l != ANNOT_NONE && s->an->links[l].layer == LAYER_PERSONAL)
		return edit_link(r, l);
	if (s->an->claims[pn->sel].layer == LAYER_PERSONAL)
		return edit_claim(r, pn->sel);
	bool asked;
	size_t mine = own_link_on(r, pn->sel, "edit", &asked);
	if (mine != ANNOT_NONE)
		return edit_link(r, mine);
	if (asked) {
		reader_message(r, R_STATUS, "edit cancelled");
		return READER_REDRAW_ALL;
	}
	if (l != ANNOT_NONE)
		reader_message(r, R_STATUS,
			       "curated: read-only; this link is the curated file's (l makes a "
			       "link of your own)");
	else if (shown_note != ANNOT_NONE)
		reader_message(r, R_STATUS,
			       "curated: read-only; this claim and its note are the curated "
			       "file's (a adds a note of your own)");
	else
		reader_message(r, R_STATUS,
			       "curated: read-only; this claim is the curated file's (a adds a "
			       "note, v then m makes a claim of your own)");
	return READER_REDRAW_ALL;
}

/* ---- D: deleting ---- */

static unsigned delete_link(struct reader *r, size_t l)
{
	struct session *s = r->s;
	char lab[LABEL_MAX * 2 + 32];
	reader_link_label(r, l, lab, sizeof lab);
	size_t notes = 0;
	for (size_t i = 0; i < s->an->nnotes; i++)
		if (s->an->notes[i].on && s->an->links[l].id &&
		    !strcmp(s->an->notes[i].on, s->an->links[l].id))
			notes++;
	char q[sizeof lab + 100];
	if (notes)
		personal_printf(q, sizeof q, "delete link %s with %zu %s? y/n", lab, notes,
				plural(notes, "note", "notes"));
	else
		personal_printf(q, sizeof q, "delete link %s? y/n", lab);
	if (reader_ask(r, q, "yn") != 'y') {
		reader_message(r, R_STATUS, "kept: link %s", lab);
		return READER_REDRAW_ALL;
	}
	char label[UNDO_LABEL_MAX];
	personal_printf(label, sizeof label, "deletion of link %s", lab);
	personal_begin(s, label);
	personal_delete_link(s, l);
	personal_end(s);
	char what[sizeof label + 32];
	personal_printf(what, sizeof what, "deleted link %s (u undoes)", lab);
	report(r, what);
	return READER_REDRAW_ALL;
}

static unsigned delete_claim(struct reader *r, size_t c)
{
	struct session *s = r->s;
	size_t nl, nn;
	personal_claim_cascade(s, c, &nl, &nn, NULL);
	char qt[256];
	claim_quote(r, c, qt, sizeof qt);
	char with[96] = "";
	if (nl && nn)
		personal_printf(with, sizeof with, " with %zu %s and %zu %s", nl,
				plural(nl, "link", "links"), nn, plural(nn, "note", "notes"));
	else if (nl || nn)
		personal_printf(with, sizeof with, " with %zu %s", nl ? nl : nn,
				nl ? plural(nl, "link", "links") : plural(nn, "note", "notes"));
	char q[512];
	personal_printf(q, sizeof q, "delete claim %s%s? y/n", qt, with);
	if (reader_ask(r, q, "yn") != 'y') {
		reader_message(r, R_STATUS, "kept: claim %s", qt);
		return READER_REDRAW_ALL;
	}
	char label[UNDO_LABEL_MAX];
	personal_printf(label, sizeof label, "deletion of claim %s%s", qt, with);
	personal_begin(s, label);
	personal_delete_claim(s, c);
	personal_end(s);
	for (int p = 0; p < 2; p++)
		if (r->pane[p].sel >= s->an->nclaims)
			r->pane[p].sel = ANNOT_NONE;
	char what[sizeof label + 32];
	personal_printf(what, sizeof what, "deleted claim %s%s (u undoes)", qt, with);
	report(r, what);
	return READER_REDRAW_ALL;
}

unsigned reader_delete_entry(struct reader *r)
{
	struct session *s = r->s;
	struct pane *pn = &r->pane[r->focus];
	if (pn->sel == ANNOT_NONE || pn->sel >= s->an->nclaims) {
		reader_message(r, R_STATUS,
			       "select a claim (] or [) or follow a link (Enter) to delete it");
		return READER_REDRAW_ALL;
	}
	size_t l = reader_followed_link(r);
	if (l != ANNOT_NONE && s->an->links[l].layer == LAYER_PERSONAL)
		return delete_link(r, l);
	if (s->an->claims[pn->sel].layer == LAYER_PERSONAL)
		return delete_claim(r, pn->sel);
	bool asked;
	size_t mine = own_link_on(r, pn->sel, "delete", &asked);
	if (mine != ANNOT_NONE)
		return delete_link(r, mine);
	if (asked)
		reader_message(r, R_STATUS, "nothing deleted");
	else
		reader_message(r, R_STATUS,
			       "curated: read-only; only your own claims and links can be deleted");
	return READER_REDRAW_ALL;
}

/* ---- undo and redo ---- */

static unsigned undo_or_redo(struct reader *r, bool redo)
{
	struct session *s = r->s;
	bool any = redo ? personal_redo(s) : personal_undo(s);
	if (!any) {
		reader_message(r, R_STATUS, redo ? "nothing to redo" : "nothing to undo");
		return READER_REDRAW_ALL;
	}
	const char *why = personal_undo_refused(s);
	char what[UNDO_LABEL_MAX + 300];
	const char *done = personal_undo_done(s);
	if (why && !s->undo.partial) {
		/* nothing changed */
		reader_message(r, R_STATUS, "%s%s", why, redo ? " (redo)" : "");
		return READER_REDRAW_ALL;
	}
	for (int p = 0; p < 2; p++)
		if (r->pane[p].sel >= s->an->nclaims)
			r->pane[p].sel = ANNOT_NONE;
	if (why)
		personal_printf(what, sizeof what, "%s in part: %s; %s", redo ? "redone" : "undone",
				done, why);
	else
		personal_printf(what, sizeof what, "%s: %s%s", redo ? "redone" : "undone", done,
				redo || !personal_redo_count(s) ? "" : " (Ctrl-R redoes)");
	report(r, what);
	return READER_REDRAW_ALL;
}

unsigned reader_undo(struct reader *r)
{
	return undo_or_redo(r, false);
}

unsigned reader_redo(struct reader *r)
{
	return undo_or_redo(r, true);
}
