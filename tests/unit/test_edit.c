/* test_edit: editing what is yours (issue 13) without a terminal: E on
 * your own claim (kind, speaker, target) and link (relation), D deleting a
 * claim with its links and notes, undo and redo by user action (one u for
 * an acceptance, a deletion, an edit), accepting a suggestion onto the
 * claims that already cover its sentences, curated entries read-only,
 * opening a notes file directly, names instead of ids, Tab completion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crossread/annot/annot.h"
#include "crossread/base/util.h"
#include "crossread/reader/actions.h"
#include "crossread/reader/edit.h"
#include "crossread/reader/personal.h"
#include "crossread/reader/reader.h"
#include "crossread/reader/session.h"

#define BUNDLED "annotations/microsoft-exchange-hack.yaml"

/* scripted answers: asks and prompts are answered in turn */
struct script {
	const char *answers[8]; /* prompt lines, in order (NULL: cancel) */
	int nanswers, next_answer;
	int keys[8]; /* ask answers, in order */
	int nkeys, next_key;
	char last_q[1024];
	char last_prompt_initial[256];
	size_t last_nchoices;
	const char *note;
};

static char *io_prompt_edit(void *ctx, const char *p, const char *initial,
			    const char *const *choices, size_t n)
{
	struct script *sc = ctx;
	(void)p, (void)choices;
	snprintf(sc->last_prompt_initial, sizeof sc->last_prompt_initial, "%s",
		 initial ? initial : "");
	sc->last_nchoices = n;
	if (sc->next_answer >= sc->nanswers)
		return NULL;
	const char *a = sc->answers[sc->next_answer++];
	return a ? xstrdup(a) : NULL;
}

static char *io_prompt(void *ctx, const char *p)
{
	return io_prompt_edit(ctx, p, NULL, NULL, 0);
}

static int io_ask(void *ctx, const char *q, const char *choices)
{
	struct script *sc = ctx;
	snprintf(sc->last_q, sizeof sc->last_q, "%s", q);
	if (sc->next_key >= sc->nkeys)
		return 0;
	int k = sc->keys[sc->next_key++];
	assert_non_null(strchr(choices, k));
	return k;
}

static char *io_edit(void *ctx, const char *title, const char *initial, const char *key,
		     const char *id)
{
	struct script *sc = ctx;
	(void)title, (void)initial, (void)key, (void)id;
	return sc->note ? xstrdup(sc->note) : NULL;
}

static void answer(struct script *sc, const char *keys, const char *a1, const char *a2)
{
	memset(sc->keys, 0, sizeof sc->keys);
	sc->nkeys = sc->next_key = 0;
	for (const char *k = keys; *k; k++)
		sc->keys[sc->nkeys++] = *k;
	sc->nanswers = sc->next_answer = 0;
	if (a1)
		sc->answers[sc->nanswers++] = a1;
	if (a2)
		sc->answers[sc->nanswers++] = a2;
}

struct fixture {
	struct session s;
	struct keymap keys;
	struct reader r;
	struct script sc;
	char notes[256];
};

static void open_reader(struct fixture *f, const char *annot, const char *notes)
{
	char err[512];
	int rc = session_open(&f->s, annot, NULL, 0, notes, err, sizeof err);
	if (rc)
		fprintf(stderr, "%s\n", err);
	assert_int_equal(rc, 0);
	session_load_all(&f->s);
	keymap_defaults(&f->keys);
	struct reader_io io = {&f->sc, io_prompt, io_ask, io_edit, NULL, NULL, io_prompt_edit};
	reader_init(&f->r, &f->s, &f->keys, &io);
	f->r.body = 28;
	for (int p = 0; p < 2; p++)
		f->r.pane[p].textw = 45;
	reader_relayout(&f->r);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	snprintf(f->notes, sizeof f->notes, "/tmp/crossread-test-edit-%ld.notes.yaml",
		 (long)getpid());
	unlink(f->notes);
	open_reader(f, BUNDLED, f->notes);
	*state = f;
	return 0;
}

static void close_reader(struct fixture *f)
{
	reader_free(&f->r);
	keymap_free(&f->keys);
	session_close(&f->s);
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	close_reader(f);
	unlink(f->notes);
	free(f);
	return 0;
}

static size_t count_layer_claims(const struct annot *an, enum layer l)
{
	size_t n = 0;
	for (size_t i = 0; i < an->nclaims; i++)
		n += an->claims[i].layer == l;
	return n;
}

static size_t count_layer_links(const struct annot *an, enum layer l)
{
	size_t n = 0;
	for (size_t i = 0; i < an->nlinks; i++)
		n += an->links[i].layer == l;
	return n;
}

static size_t count_personal_notes(const struct annot *an)
{
	size_t n = 0;
	for (size_t i = 0; i < an->nnotes; i++)
		n += an->notes[i].layer == LAYER_PERSONAL;
	return n;
}

/* the notes file as on disk, over the curated file (its links name
 * curated claims) */
static struct annot *on_disk(struct fixture *f)
{
	struct annot *an = NULL;
	struct diag_list d = {0};
	assert_int_equal(annot_load(&an, BUNDLED, LAYER_CURATED, &d), 0);
	int rc = annot_load(&an, f->notes, LAYER_PERSONAL, &d);
	diag_free(&d);
	assert_int_not_equal(rc, 2);
	return an;
}

static bool file_has(struct fixture *f, const char *text)
{
	char *data;
	size_t len;
	if (read_file(f->notes, 1u << 24, &data, &len) != 0)
		return false;
	bool yes = strstr(data, text) != NULL;
	free(data);
	return yes;
}

/* a claim of your own on the first claim-free words of pane p's article,
 * selected */
static size_t own_claim(struct fixture *f, int p, size_t start, size_t end)
{
	size_t c = personal_add_claim(&f->s, f->r.pane[p].art, start, end, KIND_CLAIM);
	assert_int_not_equal(c, ANNOT_NONE);
	f->r.focus = p;
	reader_show_claim(&f->r, p, c, -1);
	return c;
}

static void test_edit_claim(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	size_t c = own_claim(f, 0, 0, 15);
	const char *id = f->s.an->claims[c].id;
	char *cid = xstrdup(id);
	/* kind r(ebuttal), a speaker and a target typed (Tab offers the
	 * story's speakers: there are some) */
	answer(&f->sc, "r", "Zhao Lijian", "United States");
	reader_key(r, 'E');
	assert_true(f->sc.last_nchoices > 3);
	assert_non_null(strstr(f->sc.last_q, "a) accusation"));
	assert_null(strstr(f->sc.last_q, cid)); /* named, not by id */
	c = annot_find_claim(f->s.an, cid);
	assert_int_equal(f->s.an->claims[c].kind, KIND_REBUTTAL);
	assert_string_equal(f->s.an->claims[c].by, "Zhao Lijian");
	assert_string_equal(f->s.an->claims[c].against, "United States");
	assert_non_null(strstr(r->msg, "now a rebuttal by Zhao Lijian against United States"));
	assert_null(strstr(r->msg, cid));
	/* on disk */
	struct annot *d = on_disk(f);
	size_t dc = annot_find_claim(d, cid);
	assert_int_not_equal(dc, ANNOT_NONE);
	assert_int_equal(d->claims[dc].kind, KIND_REBUTTAL);
	assert_string_equal(d->claims[dc].by, "Zhao Lijian");
	annot_free(d);
	/* a second edit starts from what is there; empty clears the target */
	answer(&f->sc, "a", "Zhao Lijian", "");
	reader_key(r, 'E');
	assert_string_equal(f->sc.last_prompt_initial, "United States");
	c = annot_find_claim(f->s.an, cid);
	assert_int_equal(f->s.an->claims[c].kind, KIND_ACCUSATION);
	assert_null(f->s.an->claims[c].against);
	/* one u per edit, each named */
	reader_key(r, 'u');
	assert_non_null(strstr(r->msg, "undone: edit of claim"));
	c = annot_find_claim(f->s.an, cid);
	assert_int_equal(f->s.an->claims[c].kind, KIND_REBUTTAL);
	assert_string_equal(f->s.an->claims[c].against, "United States");
	reader_key(r, 'u');
	c = annot_find_claim(f->s.an, cid);
	assert_int_equal(f->s.an->claims[c].kind, KIND_CLAIM);
	assert_null(f->s.an->claims[c].by);
	assert_false(file_has(f, "Zhao Lijian"));
	/* Ctrl-R redoes, in order */
	reader_key(r, RK_CTRL('r'));
	assert_non_null(strstr(r->msg, "redone: edit of claim"));
	c = annot_find_claim(f->s.an, cid);
	assert_int_equal(f->s.an->claims[c].kind, KIND_REBUTTAL);
	assert_true(file_has(f, "Zhao Lijian"));
	/* a new action drops what is left to redo */
	assert_int_equal(personal_redo_count(&f->s), 1);
	answer(&f->sc, "c", "", "");
	reader_key(r, 'E');
	assert_int_equal(personal_redo_count(&f->s), 0);
	reader_key(r, RK_CTRL('r'));
	assert_string_equal(r->msg, "nothing to redo");
	/* with a note of yours shown on it, E asks which to edit */
	personal_add_note(&f->s, cid, "my note");
	c = annot_find_claim(f->s.an, cid);
	reader_show_claim(r, 0, c, -1);
	answer(&f->sc, "cr", "Zhao Lijian", "");
	reader_key(r, 'E');
	c = annot_find_claim(f->s.an, cid);
	assert_int_equal(f->s.an->claims[c].kind, KIND_REBUTTAL);
	f->sc.note = "my note, edited";
	answer(&f->sc, "n", NULL, NULL);
	reader_key(r, 'E');
	assert_non_null(strstr(r->msg, "note updated"));
	assert_true(file_has(f, "my note, edited"));
	/* Esc at any question leaves the claim alone */
	answer(&f->sc, "", NULL, NULL);
	size_t before = f->s.undo.n;
	reader_key(r, 'E');
	assert_non_null(strstr(r->msg, "cancelled"));
	assert_int_equal(f->s.undo.n, before);
	free(cid);
}

/* a link of yours: its relation changes; a curated one stays */
static void test_edit_link(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	size_t a = own_claim(f, 0, 0, 15);
	char *ida = xstrdup(f->s.an->claims[a].id);
	size_t b = f->s.order[1][0]; /* a curated claim in the other pane */
	char *idb = xstrdup(f->s.an->claims[b].id);
	size_t l = personal_add_link(&f->s, a, annot_find_claim(f->s.an, idb), REL_REBUTS);
	char *lid = xstrdup(f->s.an->links[l].id);
	/* the curated claim selected: E edits the one link of yours on it */
	f->r.focus = 1;
	reader_show_claim(r, 1, annot_find_claim(f->s.an, idb), -1);
	answer(&f->sc, "x", NULL, NULL);
	reader_key(r, 'E');
	assert_non_null(strstr(f->sc.last_q, "rebuts"));
	assert_non_null(strstr(f->sc.last_q, "x) contradicts"));
	assert_null(strstr(f->sc.last_q, ida));
	l = annot_find_link(f->s.an, lid);
	assert_int_equal(f->s.an->links[l].rel, REL_CONTRADICTS);
	assert_non_null(strstr(r->msg, "link now"));
	assert_non_null(strstr(r->msg, " contradicts "));
	assert_true(file_has(f, "rel: contradicts"));
	reader_key(r, 'u');
	assert_non_null(strstr(r->msg, "undone: edit of link"));
	l = annot_find_link(f->s.an, lid);
	assert_int_equal(f->s.an->links[l].rel, REL_REBUTS);
	/* a curated claim with no link of yours: read-only, and says so */
	size_t cur = f->s.order[1][1];
	reader_show_claim(r, 1, cur, -1);
	size_t before = f->s.undo.n;
	reader_key(r, 'E');
	assert_non_null(strstr(r->msg, "curated: read-only"));
	assert_null(strstr(r->msg, "no note"));
	reader_key(r, 'D');
	assert_non_null(strstr(r->msg, "curated: read-only"));
	assert_int_equal(f->s.undo.n, before);
	/* making a link names the claim by its words */
	reader_show_claim(r, 0, annot_find_claim(f->s.an, ida), -1);
	reader_do(r, ACT_LINK);
	assert_non_null(strstr(r->msg, "link from "));
	assert_null(strstr(r->msg, ida));
	free(ida);
	free(idb);
	free(lid);
}

/* D: a claim goes with its links and notes after y; n keeps it; one u
 * brings all back, Ctrl-R takes all again */
static void test_delete_cascade(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	size_t a = own_claim(f, 0, 0, 15);
	char *ida = xstrdup(f->s.an->claims[a].id);
	size_t c1 = f->s.order[1][0], c2 = f->s.order[1][1];
	char *id1 = xstrdup(f->s.an->claims[c1].id), *id2 = xstrdup(f->s.an->claims[c2].id);
	a = annot_find_claim(f->s.an, ida);
	size_t l1 = personal_add_link(&f->s, a, annot_find_claim(f->s.an, id1), REL_REBUTS);
	char *lid1 = xstrdup(f->s.an->links[l1].id);
	a = annot_find_claim(f->s.an, ida);
	personal_add_link(&f->s, annot_find_claim(f->s.an, id2), a, REL_SAME);
	personal_add_note(&f->s, ida, "on the claim");
	personal_add_note(&f->s, lid1, "on its link");
	size_t claims = f->s.an->nclaims, links = f->s.an->nlinks, notes = f->s.an->nnotes;
	f->r.focus = 0;
	reader_show_claim(r, 0, annot_find_claim(f->s.an, ida), -1);
	/* n keeps it */
	answer(&f->sc, "n", NULL, NULL);
	reader_key(r, 'D');
	assert_non_null(strstr(f->sc.last_q, "delete claim '"));
	assert_non_null(strstr(f->sc.last_q, "with 2 links and 2 notes? y/n"));
	assert_null(strstr(f->sc.last_q, ida));
	assert_non_null(strstr(r->msg, "kept"));
	assert_int_equal(f->s.an->nclaims, claims);
	/* y deletes it all */
	answer(&f->sc, "y", NULL, NULL);
	reader_key(r, 'D');
	assert_int_equal(f->s.an->nclaims, claims - 1);
	assert_int_equal(f->s.an->nlinks, links - 2);
	assert_int_equal(f->s.an->nnotes, notes - 2);
	assert_int_equal(annot_find_claim(f->s.an, ida), ANNOT_NONE);
	assert_non_null(strstr(r->msg, "deleted claim '"));
	assert_int_equal(r->pane[0].sel, ANNOT_NONE);
	/* the curated claims it was linked to stay */
	assert_int_not_equal(annot_find_claim(f->s.an, id1), ANNOT_NONE);
	struct annot *d = on_disk(f);
	assert_int_equal(annot_find_claim(d, ida), ANNOT_NONE);
	assert_int_equal(count_layer_links(d, LAYER_PERSONAL), 0);
	assert_int_equal(count_personal_notes(d), 0);
	annot_free(d);
	/* one u: everything back, the file too */
	reader_key(r, 'u');
	assert_non_null(strstr(r->msg, "undone: deletion of claim '"));
	assert_int_equal(f->s.an->nclaims, claims);
	assert_int_equal(f->s.an->nlinks, links);
	assert_int_equal(f->s.an->nnotes, notes);
	d = on_disk(f);
	assert_int_not_equal(annot_find_claim(d, ida), ANNOT_NONE);
	assert_int_equal(count_layer_links(d, LAYER_PERSONAL), 2);
	assert_int_equal(count_personal_notes(d), 2);
	annot_free(d);
	/* Ctrl-R: gone again in one step */
	reader_key(r, RK_CTRL('r'));
	assert_non_null(strstr(r->msg, "redone: deletion of claim '"));
	assert_int_equal(f->s.an->nclaims, claims - 1);
	assert_int_equal(f->s.an->nlinks, links - 2);
	assert_int_equal(f->s.an->nnotes, notes - 2);
	reader_key(r, 'u');
	assert_int_equal(f->s.an->nnotes, notes);
	free(ida);
	free(id1);
	free(id2);
	free(lid1);
}

/* an action of more steps than the history keeps actions is still one */
static void test_big_action_one_undo(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	size_t a = own_claim(f, 0, 0, 15);
	char *ida = xstrdup(f->s.an->claims[a].id);
	for (int i = 0; i < UNDO_MAX + 20; i++) {
		char t[32];
		snprintf(t, sizeof t, "note %d", i);
		personal_add_note(&f->s, ida, t);
	}
	size_t notes = count_personal_notes(f->s.an);
	assert_int_equal(notes, UNDO_MAX + 20);
	reader_show_claim(r, 0, annot_find_claim(f->s.an, ida), -1);
	answer(&f->sc, "y", NULL, NULL);
	reader_key(r, 'D');
	assert_int_equal(count_personal_notes(f->s.an), 0);
	assert_int_equal(annot_find_claim(f->s.an, ida), ANNOT_NONE);
	reader_key(r, 'u');
	assert_int_equal(count_personal_notes(f->s.an), notes);
	assert_int_not_equal(annot_find_claim(f->s.an, ida), ANNOT_NONE);
	reader_key(r, RK_CTRL('r'));
	assert_int_equal(count_personal_notes(f->s.an), 0);
	reader_key(r, 'u');
	assert_int_equal(count_personal_notes(f->s.an), notes);
	free(ida);
}

/* deleting your own link (reached by Enter) takes its notes along */
static void test_delete_link(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	size_t a = own_claim(f, 0, 0, 15);
	char *ida = xstrdup(f->s.an->claims[a].id);
	size_t b = f->s.order[1][0];
	char *idb = xstrdup(f->s.an->claims[b].id);
	size_t l = personal_add_link(&f->s, a, b, REL_REBUTS);
	char *lid = xstrdup(f->s.an->links[l].id);
	personal_add_note(&f->s, lid, "why");
	reader_show_claim(r, 0, annot_find_claim(f->s.an, ida), -1);
	reader_key(r, RK_ENTER); /* follow it: the partner is selected */
	assert_int_equal(r->focus, 1);
	assert_int_equal(reader_followed_link(r), annot_find_link(f->s.an, lid));
	assert_non_null(strstr(r->msg, "your link: E edits, D deletes"));
	assert_null(strstr(r->msg, idb));
	size_t links = f->s.an->nlinks;
	answer(&f->sc, "y", NULL, NULL);
	reader_key(r, 'D');
	assert_non_null(strstr(f->sc.last_q, "delete link "));
	assert_non_null(strstr(f->sc.last_q, "with 1 note? y/n"));
	assert_int_equal(f->s.an->nlinks, links - 1);
	assert_int_equal(count_personal_notes(f->s.an), 0);
	/* the claims stay */
	assert_int_not_equal(annot_find_claim(f->s.an, ida), ANNOT_NONE);
	reader_key(r, 'u');
	assert_int_equal(f->s.an->nlinks, links);
	assert_int_equal(count_personal_notes(f->s.an), 1);
	free(ida);
	free(idb);
	free(lid);
}

/* y links the claims that cover the suggested sentences; one u undoes it */
static void test_accept_covering(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	reader_do(r, ACT_SUGGEST);
	assert_true(r->nsugg > 0);
	/* a suggestion with a claim over at least one of its sentences */
	size_t pick = SIZE_MAX, cover_a = ANNOT_NONE, cover_b = ANNOT_NONE;
	for (size_t i = 0; i < r->nsugg && pick == SIZE_MAX; i++) {
		const struct match_pair *m = &r->sugg[i];
		size_t ca = ANNOT_NONE, cb = ANNOT_NONE;
		for (size_t c = 0; c < f->s.an->nclaims; c++) {
			const struct claim *cl = &f->s.an->claims[c];
			size_t art = session_claim_art(&f->s, c);
			if (art == r->sugg_art[0] && cl->start < m->a_end && cl->end > m->a_start)
				ca = c;
			if (art == r->sugg_art[1] && cl->start < m->b_end && cl->end > m->b_start)
				cb = c;
		}
		if (ca != ANNOT_NONE || cb != ANNOT_NONE) {
			pick = i;
			cover_a = ca;
			cover_b = cb;
		}
	}
	assert_int_not_equal(pick, SIZE_MAX);
	int uncovered = (cover_a == ANNOT_NONE) + (cover_b == ANNOT_NONE);
	size_t claims = f->s.an->nclaims, links = f->s.an->nlinks;
	reader_sugg_select(r, 0, pick);
	reader_key(r, 'y');
	assert_int_equal(f->s.an->nclaims, claims + (size_t)uncovered);
	assert_int_equal(f->s.an->nlinks, links + 1);
	assert_int_equal(count_layer_claims(f->s.an, LAYER_PERSONAL), (size_t)uncovered);
	assert_non_null(strstr(r->msg, "accepted: "));
	/* the new link joins a claim that was there */
	const struct link *l = &f->s.an->links[f->s.an->nlinks - 1];
	assert_true(l->layer == LAYER_PERSONAL);
	assert_true(f->s.an->claims[l->from_i].layer == LAYER_CURATED ||
		    f->s.an->claims[l->to_i].layer == LAYER_CURATED);
	/* one u: the link and any claim made for it go */
	reader_key(r, 'u');
	assert_non_null(strstr(r->msg, "undone: accepted suggestion"));
	assert_int_equal(f->s.an->nclaims, claims);
	assert_int_equal(f->s.an->nlinks, links);
	reader_key(r, 'u');
	assert_string_equal(r->msg, "nothing to undo");
	/* Ctrl-R: all of it again */
	reader_key(r, RK_CTRL('r'));
	assert_non_null(strstr(r->msg, "redone: accepted suggestion"));
	assert_int_equal(f->s.an->nclaims, claims + (size_t)uncovered);
	assert_int_equal(f->s.an->nlinks, links + 1);
	struct annot *d = on_disk(f);
	assert_int_equal(count_layer_links(d, LAYER_PERSONAL), 1);
	annot_free(d);
}

/* a note's undo names it by the claim's words */
static void test_undo_names_note(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	size_t c = annot_find_claim(f->s.an, "npr-based-on-nothing");
	assert_int_not_equal(c, ANNOT_NONE);
	reader_show_claim(r, 0, c, -1);
	f->sc.note = "unproven";
	reader_key(r, 'a');
	assert_non_null(strstr(r->msg, "note added"));
	/* one message, true: saved, not "saved — saved" */
	assert_null(strstr(r->msg, "fail"));
	reader_key(r, 'u');
	assert_string_equal(r->msg, "undone: note on 'are based on nothing' (Ctrl-R redoes) "
				    "\u2014 saved");
	/* E with no note of yours on a curated claim: read-only, truthfully */
	reader_key(r, 'E');
	assert_non_null(strstr(r->msg, "curated: read-only"));
}

/* a note on a selection makes a claim and the note: one action */
static void test_note_on_selection_one_undo(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	size_t claims = f->s.an->nclaims, notes = f->s.an->nnotes;
	r->focus = 0;
	r->pane[0].visual = true;
	r->pane[0].vis_anchor = 0;
	r->pane[0].cur = 15;
	f->sc.note = "a note on my words";
	reader_key(r, 'a');
	assert_int_equal(f->s.an->nclaims, claims + 1);
	assert_int_equal(f->s.an->nnotes, notes + 1);
	reader_key(r, 'u');
	assert_non_null(strstr(r->msg, "undone: note on '"));
	assert_int_equal(f->s.an->nclaims, claims);
	assert_int_equal(f->s.an->nnotes, notes);
	reader_key(r, 'u');
	assert_string_equal(r->msg, "nothing to undo");
	reader_key(r, RK_CTRL('r'));
	assert_int_equal(f->s.an->nclaims, claims + 1);
	assert_int_equal(f->s.an->nnotes, notes + 1);
	assert_true(file_has(f, "a note on my words"));
	/* > with no claim selected does not speak of "the selected claim" */
	r->pane[0].sel = ANNOT_NONE;
	reader_key(r, '>');
	assert_null(strstr(r->msg, "selected claim"));
}

/* a notes file given as the annotation file is yours: no second notes
 * file, E edits your own entries */
static void test_open_notes_directly(void **state)
{
	struct fixture *f = *state;
	size_t a = own_claim(f, 0, 0, 15);
	char *ida = xstrdup(f->s.an->claims[a].id);
	close_reader(f);
	memset(&f->s, 0, sizeof f->s);
	memset(&f->sc, 0, sizeof f->sc);
	open_reader(f, f->notes, NULL);
	assert_true(f->s.notes_direct);
	assert_string_equal(f->s.notes_path, f->notes);
	assert_non_null(f->s.annot_path);
	assert_non_null(strstr(f->s.annot_path, "microsoft-exchange-hack.yaml"));
	size_t c = annot_find_claim(f->s.an, ida);
	assert_int_not_equal(c, ANNOT_NONE);
	assert_int_equal(f->s.an->claims[c].layer, LAYER_PERSONAL);
	/* the curated claims are there too, curated */
	size_t cur = annot_find_claim(f->s.an, "npr-based-on-nothing");
	assert_int_not_equal(cur, ANNOT_NONE);
	assert_int_equal(f->s.an->claims[cur].layer, LAYER_CURATED);
	reader_show_claim(&f->r, 0, c, -1);
	answer(&f->sc, "a", "Me", "");
	reader_key(&f->r, 'E');
	assert_null(strstr(f->r.msg, "curated"));
	assert_true(file_has(f, "by: Me"));
	/* no second notes file was started beside it */
	char second[300];
	snprintf(second, sizeof second, "/tmp/crossread-test-edit-%ld.notes.notes.yaml",
		 (long)getpid());
	assert_int_not_equal(access(second, F_OK), 0);
	free(ida);
}

static void test_complete(void **state)
{
	(void)state;
	const char *ch[] = {"China", "Chinese Embassy", "United States", "Zhao Lijian"};
	size_t k = 0;
	assert_string_equal(reader_complete("chi", ch, 4, &k), "China");
	assert_string_equal(reader_complete("chi", ch, 4, &k), "Chinese Embassy");
	assert_string_equal(reader_complete("chi", ch, 4, &k), "China"); /* cycles */
	k = 0;
	assert_string_equal(reader_complete("", ch, 4, &k), "China");
	k = 0;
	assert_null(reader_complete("x", ch, 4, &k));
	k = 0;
	assert_string_equal(reader_complete("UNITED", ch, 4, &k), "United States");
}

static void test_quote_cut(void **state)
{
	(void)state;
	char out[200];
	personal_quote("are based on nothing", 32, out, sizeof out);
	assert_string_equal(out, "are based on nothing");
	personal_quote("a\nb   c", 32, out, sizeof out);
	assert_string_equal(out, "a b c");
	/* cut on a character boundary, with an ellipsis */
	personal_quote("\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9", 4, out, sizeof out);
	assert_string_equal(out, "\u00e9\u00e9\u00e9\u2026");
	personal_quote("\u4e2d\u56fd\u5426\u8ba4", 5, out, sizeof out); /* wide: 2 columns */
	assert_string_equal(out, "\u4e2d\u56fd\u2026");
	/* a too small buffer never ends inside a character */
	char small[6];
	personal_printf(small, sizeof small, "ab\u00e9\u00e9\u00e9");
	assert_string_equal(small, "ab\u00e9");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_edit_claim),
	    T(test_edit_link),
	    T(test_delete_cascade),
	    T(test_delete_link),
	    T(test_accept_covering),
	    T(test_undo_names_note),
	    T(test_open_notes_directly),
	    T(test_note_on_selection_one_undo),
	    T(test_big_action_one_undo),
	    cmocka_unit_test(test_complete),
	    cmocka_unit_test(test_quote_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
