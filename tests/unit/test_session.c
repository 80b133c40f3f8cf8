/* test_session: the reader's model without a terminal: opening the bundled
 * annotation file, claim stepping, partners, pair marks, the overview, the
 * jump history, and the personal layer (add, save, undo). */
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
#include "crossread/doc/article.h"
#include "crossread/reader/personal.h"
#include "crossread/reader/session.h"
#include "crossread/persist/store.h"
#include "crossread/base/util.h"
#include "crossread/annot/yamltree.h"

#define BUNDLED "annotations/microsoft-exchange-hack.yaml"

static char notes[256];

static int setup(void **state)
{
	snprintf(notes, sizeof notes, "/tmp/crossread-test-session-%ld.notes.yaml", (long)getpid());
	unlink(notes);
	struct session *s = xcalloc(1, sizeof *s);
	char err[512];
	if (session_open(s, BUNDLED, NULL, 0, notes, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	session_load_all(s);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	struct session *s = *state;
	session_close(s);
	free(s);
	unlink(notes);
	return 0;
}

static void test_open_and_anchor(void **state)
{
	struct session *s = *state;
	assert_int_equal(s->narts, 2);
	assert_true(s->anchored);
	assert_true(s->an->nclaims >= 25);
	assert_true(s->an->nlinks >= 20);
	/* every claim anchored in one of the two open articles */
	assert_int_equal(s->norder[0] + s->norder[1], s->an->nclaims);
	for (size_t art = 0; art < 2; art++)
		for (size_t k = 1; k < s->norder[art]; k++)
			assert_true(s->an->claims[s->order[art][k - 1]].start <=
				    s->an->claims[s->order[art][k]].start);
	/* the quote is where the anchor says */
	for (size_t c = 0; c < s->an->nclaims; c++) {
		const struct claim *cl = &s->an->claims[c];
		size_t art = session_claim_art(s, c);
		assert_true(art < 2);
		assert_memory_equal(s->arts[art]->text + cl->start, cl->quote, strlen(cl->quote));
	}
}

static void test_step_and_partners(void **state)
{
	struct session *s = *state;
	size_t first = session_step_claim(s, 0, 0, ANNOT_NONE, 1);
	assert_int_equal(first, s->order[0][0]);
	size_t second = session_step_claim(s, 0, 0, first, 1);
	assert_int_equal(second, s->order[0][1]);
	assert_int_equal(session_step_claim(s, 0, 0, first, -1), ANNOT_NONE);
	size_t last = session_step_claim(s, 0, s->arts[0]->len, ANNOT_NONE, -1);
	assert_int_equal(last, s->order[0][s->norder[0] - 1]);

	size_t c = annot_find_claim(s->an, "npr-based-on-nothing");
	assert_int_not_equal(c, ANNOT_NONE);
	size_t *links, *partners;
	size_t n = session_partners(s, c, &links, &partners);
	assert_true(n >= 1);
	bool found = false;
	for (size_t i = 0; i < n; i++)
		if (partners[i] == annot_find_claim(s->an, "npr-us-accuses-china") &&
		    s->an->links[links[i]].rel == REL_REBUTS)
			found = true;
	assert_true(found);
	free(links);
	free(partners);
}

static void test_pair_marks(void **state)
{
	struct session *s = *state;
	/* both ends of every cross-article link share a non-zero mark */
	size_t cross = 0;
	for (size_t k = 0; k < s->an->nlinks; k++) {
		const struct link *l = &s->an->links[k];
		if (session_claim_art(s, l->from_i) == session_claim_art(s, l->to_i))
			continue;
		cross++;
		assert_int_not_equal(session_pair_mark(s, l->from_i), 0);
		assert_int_equal(session_pair_mark(s, l->from_i), session_pair_mark(s, l->to_i));
	}
	assert_true(cross > 0);
	/* a claim with no cross-article link has none */
	for (size_t c = 0; c < s->an->nclaims; c++) {
		bool linked = false;
		for (size_t k = 0; k < s->an->nlinks; k++) {
			const struct link *l = &s->an->links[k];
			if ((l->from_i == c || l->to_i == c) &&
			    session_claim_art(s, l->from_i) != session_claim_art(s, l->to_i))
				linked = true;
		}
		if (!linked)
			assert_int_equal(session_pair_mark(s, c), 0);
	}
}

static void test_overview(void **state)
{
	struct session *s = *state;
	struct ov_item *it;
	size_t n = session_overview(s, &it);
	assert_true(n > 0);
	assert_int_equal(it[0].kind, OV_ACCUSATION);
	size_t acc = 0;
	for (size_t i = 0; i < n; i++) {
		if (it[i].kind == OV_ACCUSATION) {
			acc++;
			assert_int_equal(s->an->claims[it[i].claim].kind, KIND_ACCUSATION);
			/* answered iff a rebuttal or counter follows it (answers
			 * come first) */
			bool answers = false;
			if (i + 1 < n && it[i + 1].kind == OV_ANSWER) {
				const struct link *l = &s->an->links[it[i + 1].link];
				answers = l->to_i == it[i].claim &&
					  (l->rel == REL_REBUTS || l->rel == REL_COUNTERS);
			}
			assert_int_equal(it[i].unanswered, !answers);
		} else if (it[i].kind == OV_ANSWER) {
			/* a link of the head above it: the row is its other end */
			const struct link *l = &s->an->links[it[i].link];
			size_t h = i;
			while (h > 0 && it[h].kind == OV_ANSWER)
				h--;
			size_t head = it[h].claim;
			assert_true(l->from_i == head || l->to_i == head);
			assert_int_equal(it[i].claim, l->from_i == head ? l->to_i : l->from_i);
			/* answers (rebuts, counters to the head) come first */
			if (i > 0 && it[i - 1].kind == OV_ANSWER) {
				const struct link *p = &s->an->links[it[i - 1].link];
				bool ans = l->to_i == head &&
					   (l->rel == REL_REBUTS || l->rel == REL_COUNTERS);
				bool pans = p->to_i == head &&
					    (p->rel == REL_REBUTS || p->rel == REL_COUNTERS);
				assert_true(pans || !ans);
			}
		}
	}
	size_t want = 0;
	for (size_t c = 0; c < s->an->nclaims; c++)
		want += s->an->claims[c].kind == KIND_ACCUSATION;
	assert_int_equal(acc, want);
	free(it);
}

static struct view_state vs(size_t top)
{
	struct view_state v = {{0, 1, 0},   {top, 0, 0}, {ANNOT_NONE, ANNOT_NONE, ANNOT_NONE},
			       {top, 0, 0}, 2,		 0};
	return v;
}

static void test_jump_history(void **state)
{
	struct session *s = *state;
	struct view_state a = vs(10), b = vs(20), c = vs(30), to;
	assert_false(session_jump_back(s, &a, &to));
	session_jump_push(s, &a); /* jumped from a to b */
	assert_true(session_jump_back(s, &b, &to));
	assert_int_equal(to.top[0], 10);
	assert_true(session_jump_forward(s, &to));
	assert_int_equal(to.top[0], 20);
	assert_false(session_jump_forward(s, &to));
	assert_true(session_jump_back(s, &b, &to));
	assert_int_equal(to.top[0], 10);
	/* a new jump drops the forward part */
	session_jump_push(s, &a); /* from a to c */
	assert_false(session_jump_forward(s, &to));
	assert_true(session_jump_back(s, &c, &to));
	assert_int_equal(to.top[0], 10);
	/* bounded */
	for (int i = 0; i < 3 * SESSION_HISTORY; i++) {
		struct view_state v = vs((size_t)i);
		session_jump_push(s, &v);
	}
	assert_true(s->nhist <= SESSION_HISTORY);
}

static void test_personal_claim_link_undo(void **state)
{
	struct session *s = *state;
	size_t before = s->an->nclaims;
	const char *t = s->arts[1]->text;
	const char *q = strstr(t, "Russia denies responsibility");
	assert_non_null(q);
	size_t start = (size_t)(q - t), end = start + strlen("Russia denies responsibility");
	size_t c = personal_add_claim(s, 1, start, end, KIND_REBUTTAL);
	assert_int_not_equal(c, ANNOT_NONE);
	assert_int_equal(s->an->nclaims, before + 1);
	assert_int_equal(s->an->claims[c].start, start);
	assert_int_equal(s->an->claims[c].layer, LAYER_PERSONAL);
	assert_false(personal_dirty(s));
	/* saved: the file reads back over the curated file with the claim */
	struct annot *back = NULL;
	struct diag_list d = {0};
	assert_int_equal(annot_load(&back, BUNDLED, LAYER_CURATED, &d), 0);
	assert_int_equal(annot_load(&back, notes, LAYER_PERSONAL, &d), 0);
	assert_int_not_equal(annot_find_claim(back, s->an->claims[c].id), ANNOT_NONE);
	annot_free(back);
	diag_free(&d);
	/* link it to a curated claim; the link resolves */
	size_t target = annot_find_claim(s->an, "npr-us-accuses-china");
	size_t l = personal_add_link(s, c, target, REL_SUPPORTS);
	assert_int_equal(s->an->links[l].from_i, c);
	assert_int_equal(s->an->links[l].to_i, target);
	size_t links = s->an->nlinks;
	/* undo the link, then the claim */
	assert_true(personal_undo(s));
	assert_int_equal(s->an->nlinks, links - 1);
	assert_true(personal_undo(s));
	assert_int_equal(s->an->nclaims, before);
	assert_false(personal_undo(s));
	/* the curated layer is untouched by all this */
	assert_int_not_equal(annot_find_claim(s->an, "npr-us-accuses-china"), ANNOT_NONE);
}

/* a long claim of the reader's over shorter curated ones: every offset it
 * covers finds it, even past the end of a shorter claim inside it */
static void test_nested_claims(void **state)
{
	struct session *s = *state;
	size_t art = 0, n = s->norder[art];
	assert_true(n >= 3);
	const struct claim *first = &s->an->claims[s->order[art][0]];
	const struct claim *third = &s->an->claims[s->order[art][2]];
	size_t start = first->start, end = third->end;
	size_t big = personal_add_claim(s, art, start, end, KIND_CLAIM);
	assert_int_not_equal(big, ANNOT_NONE);
	const struct claim *b = &s->an->claims[big];
	assert_int_equal(b->start, start);
	size_t checked = 0;
	for (size_t off = b->start; off < b->end; off += 7) {
		bool found = false;
		for (size_t k = session_first_claim_after(s, art, off); k < s->norder[art]; k++) {
			const struct claim *cl = &s->an->claims[s->order[art][k]];
			if (cl->start > off)
				break;
			if (s->order[art][k] == big && off < cl->end)
				found = true;
		}
		assert_true(found);
		checked++;
	}
	assert_true(checked > 10);
	assert_true(personal_undo(s));
}

/* ---- undo after changes from another process ---- */

static char notes_u[300];

/* A session of its own, on a personal file of its own (content NULL: none
 * yet), so that the undo history starts empty. */
static struct session *fresh(const char *content)
{
	const char *t = getenv("TMPDIR");
	snprintf(notes_u, sizeof notes_u, "%s/crossread-test-undo-%ld.notes.yaml",
		 t && *t ? t : "/tmp", (long)getpid());
	unlink(notes_u);
	if (content) {
		FILE *f = fopen(notes_u, "w");
		assert_non_null(f);
		fputs(content, f);
		assert_int_equal(fclose(f), 0);
	}
	struct session *s = xcalloc(1, sizeof *s);
	char err[512];
	if (session_open(s, BUNDLED, NULL, 0, notes_u, err, sizeof err) != 0)
		fail_msg("%s", err);
	session_load_all(s);
	assert_int_equal(s->notes_rc, 0);
	return s;
}

static void done(struct session *s)
{
	session_close(s);
	free(s);
	unlink(notes_u);
}

/* Another crossread on the same personal file: a session of its own adds a
 * note (with the id given) and saves it over the file. */
static void other_adds_note(const char *id, const char *on, const char *text)
{
	struct session b;
	char err[512];
	if (session_open(&b, BUNDLED, NULL, 0, notes_u, err, sizeof err) != 0)
		fail_msg("%s", err);
	assert_int_equal(b.notes_rc, 0);
	size_t i = store_add_note(b.store, b.an, on, text);
	free(b.an->notes[i].id);
	b.an->notes[i].id = xstrdup(id);
	struct diag_list d = {0};
	assert_int_equal(store_save(b.store, b.an, &d), STORE_SAVED);
	diag_free(&d);
	session_close(&b);
}

/* Another crossread edits the text of note `id`. */
static void other_edits_note(const char *id, const char *text)
{
	struct session b;
	char err[512];
	if (session_open(&b, BUNDLED, NULL, 0, notes_u, err, sizeof err) != 0)
		fail_msg("%s", err);
	size_t i = annot_find_note(b.an, id);
	assert_int_not_equal(i, ANNOT_NONE);
	assert_int_equal(store_edit_note(b.store, b.an, i, text), 0);
	struct diag_list d = {0};
	assert_int_equal(store_save(b.store, b.an, &d), STORE_SAVED);
	diag_free(&d);
	session_close(&b);
}

/* The personal file as a fresh reader would load it (over the curated file). */
static struct annot *on_disk(void)
{
	struct annot *an = NULL;
	struct diag_list d = {0};
	assert_int_equal(annot_load(&an, BUNDLED, LAYER_CURATED, &d), 0);
	int rc = annot_load(&an, notes_u, LAYER_PERSONAL, &d);
	if (rc != 0)
		diag_print(&d, stderr);
	assert_int_equal(rc, 0);
	diag_free(&d);
	return an;
}

static bool has_note_text(const struct annot *an, const char *text)
{
	for (size_t i = 0; i < an->nnotes; i++)
		if (strcmp(an->notes[i].text, text) == 0)
			return true;
	return false;
}

static size_t personal_count(const struct annot *an)
{
	size_t n = 0;
	for (size_t i = 0; i < an->nclaims; i++)
		n += an->claims[i].layer == LAYER_PERSONAL;
	for (size_t i = 0; i < an->nlinks; i++)
		n += an->links[i].layer == LAYER_PERSONAL;
	for (size_t i = 0; i < an->nnotes; i++)
		n += an->notes[i].layer == LAYER_PERSONAL;
	return n;
}

/* B's note is in memory and on disk, and the file loads */
static void assert_b_kept(const struct session *s)
{
	size_t i = annot_find_note(s->an, "note-by-b");
	assert_int_not_equal(i, ANNOT_NONE);
	assert_string_equal(s->an->notes[i].text, "written by B");
	struct annot *disk = on_disk();
	i = annot_find_note(disk, "note-by-b");
	assert_int_not_equal(i, ANNOT_NONE);
	assert_string_equal(disk->notes[i].text, "written by B");
	assert_int_equal(personal_count(disk), personal_count(s->an));
	annot_free(disk);
}

static void assert_merged(const struct session *s)
{
	assert_non_null(strstr(store_message(s->store), "merged with changes on disk"));
}

#define ON "npr-us-accuses-china"

/* The reported sequence: N1; another process adds a note; N2 (merged);
 * undo. Undo takes N2 out and nothing else. */
static void test_undo_after_merge_keeps_outside_note(void **state)
{
	(void)state;
	struct session *s = fresh(NULL);
	personal_add_note(s, ON, "first of mine");
	other_adds_note("note-by-b", ON, "written by B");
	personal_add_note(s, ON, "second of mine");
	assert_merged(s);
	assert_true(personal_undo(s));
	assert_null(personal_undo_refused(s));
	assert_false(personal_dirty(s));
	assert_b_kept(s);
	struct annot *disk = on_disk();
	assert_true(has_note_text(disk, "first of mine"));
	assert_false(has_note_text(disk, "second of mine"));
	assert_int_equal(personal_count(disk), 2);
	annot_free(disk);
	assert_false(has_note_text(s->an, "second of mine"));
	/* undo again: N1 goes, B's note still stays */
	assert_true(personal_undo(s));
	assert_b_kept(s);
	assert_false(has_note_text(s->an, "first of mine"));
	assert_false(personal_undo(s));
	done(s);
}

static void test_undo_add_claim_after_outside_change(void **state)
{
	(void)state;
	struct session *s = fresh(NULL);
	other_adds_note("note-by-b", ON, "written by B");
	const char *t = s->arts[1]->text;
	const char *q = strstr(t, "Russia denies responsibility");
	assert_non_null(q);
	size_t start = (size_t)(q - t), end = start + strlen("Russia denies responsibility");
	size_t before = s->an->nclaims;
	size_t c = personal_add_claim(s, 1, start, end, KIND_REBUTTAL);
	assert_int_not_equal(c, ANNOT_NONE);
	assert_merged(s);
	char *id = xstrdup(s->an->claims[c].id);
	assert_true(personal_undo(s));
	assert_null(personal_undo_refused(s));
	assert_int_equal(annot_find_claim(s->an, id), ANNOT_NONE);
	assert_int_equal(s->an->nclaims, before);
	assert_b_kept(s);
	struct annot *disk = on_disk();
	assert_int_equal(annot_find_claim(disk, id), ANNOT_NONE);
	annot_free(disk);
	/* the indexes were rebuilt: every claim in order is a real one */
	for (size_t art = 0; art < s->narts; art++)
		for (size_t k = 0; k < s->norder[art]; k++)
			assert_true(s->order[art][k] < s->an->nclaims);
	free(id);
	done(s);
}

static void test_undo_add_link_after_outside_change(void **state)
{
	(void)state;
	struct session *s = fresh(NULL);
	other_adds_note("note-by-b", ON, "written by B");
	size_t from = annot_find_claim(s->an, "npr-based-on-nothing");
	size_t to = annot_find_claim(s->an, ON);
	size_t links = s->an->nlinks;
	size_t l = personal_add_link(s, from, to, REL_SUPPORTS);
	assert_merged(s);
	char *id = xstrdup(s->an->links[l].id);
	assert_true(personal_undo(s));
	assert_null(personal_undo_refused(s));
	assert_int_equal(annot_find_link(s->an, id), ANNOT_NONE);
	assert_int_equal(s->an->nlinks, links);
	assert_b_kept(s);
	struct annot *disk = on_disk();
	assert_int_equal(annot_find_link(disk, id), ANNOT_NONE);
	annot_free(disk);
	free(id);
	done(s);
}

static void test_undo_add_note_after_outside_change(void **state)
{
	(void)state;
	struct session *s = fresh(NULL);
	other_adds_note("note-by-b", ON, "written by B");
	personal_add_note(s, ON, "mine");
	assert_merged(s);
	assert_true(personal_undo(s));
	assert_null(personal_undo_refused(s));
	assert_false(has_note_text(s->an, "mine"));
	assert_b_kept(s);
	struct annot *disk = on_disk();
	assert_false(has_note_text(disk, "mine"));
	annot_free(disk);
	done(s);
}

static void test_undo_edit_note_after_outside_change(void **state)
{
	(void)state;
	struct session *s = fresh(NULL);
	size_t n = personal_add_note(s, ON, "as first written");
	char *id = xstrdup(s->an->notes[n].id);
	char *created = xstrdup(s->an->notes[n].created);
	other_adds_note("note-by-b", ON, "written by B");
	assert_int_equal(personal_edit_note(s, n, "edited"), 0);
	assert_merged(s);
	n = annot_find_note(s->an, id);
	assert_string_equal(s->an->notes[n].text, "edited");
	assert_non_null(s->an->notes[n].updated);
	assert_true(personal_undo(s));
	assert_null(personal_undo_refused(s));
	n = annot_find_note(s->an, id);
	assert_int_not_equal(n, ANNOT_NONE);
	assert_string_equal(s->an->notes[n].text, "as first written");
	assert_null(s->an->notes[n].updated);
	assert_string_equal(s->an->notes[n].created, created);
	assert_b_kept(s);
	struct annot *disk = on_disk();
	n = annot_find_note(disk, id);
	assert_int_not_equal(n, ANNOT_NONE);
	assert_string_equal(disk->notes[n].text, "as first written");
	assert_null(disk->notes[n].updated);
	annot_free(disk);
	free(id);
	free(created);
	done(s);
}

static const char note_with_unknown_keys[] = "version: 1\n"
					     "notes:\n"
					     "  - id: mine-1\n"
					     "    on: " ON "\n"
					     "    created: '2026-01-01T00:00:00Z'\n"
					     "    updated: '2026-01-02T00:00:00Z'\n"
					     "    text: keep my words\n"
					     "    x-mood: {level: wary, tags: [a, b]}\n";

static void test_undo_delete_note_after_outside_change(void **state)
{
	(void)state;
	struct session *s = fresh(note_with_unknown_keys);
	size_t n = annot_find_note(s->an, "mine-1");
	assert_int_not_equal(n, ANNOT_NONE);
	other_adds_note("note-by-b", ON, "written by B");
	assert_int_equal(personal_delete_note(s, n), 0);
	assert_merged(s);
	assert_int_equal(annot_find_note(s->an, "mine-1"), ANNOT_NONE);
	assert_true(personal_undo(s));
	assert_null(personal_undo_refused(s));
	assert_b_kept(s);
	/* back with every key, the unknown one too, in memory and on disk */
	struct annot *disk = on_disk();
	const struct annot *both[] = {s->an, disk};
	for (int k = 0; k < 2; k++) {
		n = annot_find_note(both[k], "mine-1");
		assert_int_not_equal(n, ANNOT_NONE);
		const struct note *nt = &both[k]->notes[n];
		assert_string_equal(nt->text, "keep my words");
		assert_string_equal(nt->on, ON);
		assert_string_equal(nt->created, "2026-01-01T00:00:00Z");
		assert_string_equal(nt->updated, "2026-01-02T00:00:00Z");
		const struct ynode *mood = ynode_map_get(nt->extra, "x-mood");
		assert_non_null(mood);
		assert_string_equal(ynode_map_str(mood, "level"), "wary");
	}
	annot_free(disk);
	/* it comes back where it was: before B's note */
	assert_true(annot_find_note(s->an, "mine-1") < annot_find_note(s->an, "note-by-b"));
	done(s);
}

/* The other order: the outside change comes between the change and its
 * undo; the undo's own save merges it. */
static void test_undo_then_merge(void **state)
{
	(void)state;
	struct session *s = fresh(note_with_unknown_keys);
	assert_int_equal(personal_delete_note(s, annot_find_note(s->an, "mine-1")), 0);
	personal_add_note(s, ON, "mine");
	other_adds_note("note-by-b", ON, "written by B");
	assert_true(personal_undo(s)); /* the add */
	assert_merged(s);
	assert_b_kept(s);
	assert_false(has_note_text(s->an, "mine"));
	other_adds_note("note-by-b-2", ON, "also by B");
	assert_true(personal_undo(s)); /* the delete */
	assert_merged(s);
	assert_b_kept(s);
	assert_int_not_equal(annot_find_note(s->an, "note-by-b-2"), ANNOT_NONE);
	struct annot *disk = on_disk();
	assert_int_not_equal(annot_find_note(disk, "mine-1"), ANNOT_NONE);
	assert_int_not_equal(annot_find_note(disk, "note-by-b-2"), ANNOT_NONE);
	assert_false(has_note_text(disk, "mine"));
	annot_free(disk);
	done(s);
}

/* Issue 11's crash: B marks a claim, A opens, A marks one, B undoes its
 * claim, A marks another. A's merge drops B's claim and the claims array
 * shrinks: what A holds by index (its selection) must follow its claim, the
 * new claim's index must be its own, and nothing may read past the array. */
static void test_indexes_survive_undo_and_merge(void **state)
{
	(void)state;
	struct session *b = fresh(NULL);
	size_t cb = personal_add_claim(b, 0, 100, 140, KIND_CLAIM);
	assert_int_not_equal(cb, ANNOT_NONE);
	char *idb = xstrdup(b->an->claims[cb].id);
	struct session a;
	char err[512];
	if (session_open(&a, BUNDLED, NULL, 0, notes_u, err, sizeof err) != 0)
		fail_msg("%s", err);
	session_load_all(&a);
	assert_int_not_equal(annot_find_claim(a.an, idb), ANNOT_NONE);
	size_t a1 = personal_add_claim(&a, 1, 200, 240, KIND_CLAIM);
	assert_int_not_equal(a1, ANNOT_NONE);
	char *ida1 = xstrdup(a.an->claims[a1].id);
	size_t sel = a1, on_b = annot_find_claim(a.an, idb), curated = 0;
	session_hold_claim(&a, &sel);
	session_hold_claim(&a, &on_b);
	session_hold_claim(&a, &curated);
	char *idc = xstrdup(a.an->claims[0].id);
	assert_true(personal_undo(b)); /* B's claim leaves the file */
	assert_null(personal_undo_refused(b));
	size_t a2 = personal_add_claim(&a, 1, 300, 340, KIND_ACCUSATION);
	assert_int_not_equal(a2, ANNOT_NONE);
	assert_true(a2 < a.an->nclaims);
	assert_int_equal(a.an->claims[a2].kind, KIND_ACCUSATION);
	assert_int_equal(a.an->claims[a2].start, 300);
	assert_int_equal(annot_find_claim(a.an, idb), ANNOT_NONE);
	/* held indexes found again by id */
	assert_true(sel < a.an->nclaims);
	assert_string_equal(a.an->claims[sel].id, ida1);
	assert_int_equal(on_b, ANNOT_NONE);
	assert_string_equal(a.an->claims[curated].id, idc);
	/* ids are random and readable: c- and 6 letters or digits */
	assert_int_equal(strlen(ida1), 8);
	assert_memory_equal(ida1, "c-", 2);
	a.nheld = 0;
	session_close(&a);
	free(idb);
	free(ida1);
	free(idc);
	done(b);
}

/* What someone else has built on or changed since is not undone away: a
 * claim another process annotated stays, and so does a note it edited. */
static void test_undo_leaves_what_others_changed(void **state)
{
	(void)state;
	struct session *s = fresh(NULL);
	size_t c = personal_add_claim(s, 0, 10, 40, KIND_CLAIM);
	assert_int_not_equal(c, ANNOT_NONE);
	char *cid = xstrdup(s->an->claims[c].id);
	size_t n = personal_add_note(s, ON, "mine");
	char *nid = xstrdup(s->an->notes[n].id);
	other_adds_note("note-by-b", cid, "written by B"); /* on our claim */
	other_edits_note(nid, "mine, edited by B");
	personal_add_note(s, ON, "later"); /* merges both */
	assert_merged(s);
	assert_true(personal_undo(s)); /* "later": goes */
	assert_null(personal_undo_refused(s));
	assert_false(has_note_text(s->an, "later"));
	assert_true(personal_undo(s)); /* "mine": B changed it since, stays */
	assert_non_null(personal_undo_refused(s));
	/* told readably: the note's words, never its id */
	assert_non_null(strstr(personal_undo_refused(s), "note 'mine'"));
	assert_null(strstr(personal_undo_refused(s), nid));
	assert_true(has_note_text(s->an, "mine, edited by B"));
	assert_true(personal_undo(s)); /* the claim: B's note is on it, stays */
	assert_non_null(personal_undo_refused(s));
	assert_non_null(strstr(personal_undo_refused(s), "has links or notes on it"));
	assert_null(strstr(personal_undo_refused(s), cid));
	assert_int_not_equal(annot_find_claim(s->an, cid), ANNOT_NONE);
	assert_false(personal_undo(s));
	assert_b_kept(s);
	struct annot *disk = on_disk();
	assert_int_not_equal(annot_find_claim(disk, cid), ANNOT_NONE);
	assert_true(has_note_text(disk, "mine, edited by B"));
	annot_free(disk);
	free(cid);
	free(nid);
	done(s);
}

/* The history is bounded: the oldest changes drop off. */
static void test_undo_history_bounded(void **state)
{
	(void)state;
	struct session *s = fresh(NULL);
	for (int i = 0; i < UNDO_MAX + 5; i++) {
		char text[32];
		snprintf(text, sizeof text, "note %d", i);
		personal_add_note(s, ON, text);
	}
	assert_int_equal(s->undo.n, UNDO_MAX);
	int undone = 0;
	while (personal_undo(s))
		undone++;
	assert_int_equal(undone, UNDO_MAX);
	assert_int_equal(personal_count(s->an), 5);
	assert_true(has_note_text(s->an, "note 4"));
	assert_false(has_note_text(s->an, "note 5"));
	done(s);
}

/* every note on a claim is indexed, in file order */
static void test_claim_notes(void **state)
{
	struct session *s = *state;
	size_t c = annot_find_claim(s->an, "npr-us-accuses-china");
	assert_int_not_equal(c, ANNOT_NONE);
	const size_t *cn;
	size_t before = session_claim_notes(s, c, &cn);
	personal_add_note(s, "npr-us-accuses-china", "one");
	personal_add_note(s, "npr-us-accuses-china", "two");
	c = annot_find_claim(s->an, "npr-us-accuses-china");
	assert_int_equal(session_claim_notes(s, c, &cn), before + 2);
	assert_string_equal(s->an->notes[cn[before]].text, "one");
	assert_string_equal(s->an->notes[cn[before + 1]].text, "two");
	assert_int_equal(session_claim_note(s, c), cn[0]);
	/* a claim without notes has none */
	size_t other = annot_find_claim(s->an, "npr-based-on-nothing");
	assert_int_equal(session_claim_notes(s, other, &cn), 0);
	assert_int_equal(session_claim_note(s, other), ANNOT_NONE);
	assert_true(personal_undo(s));
	assert_true(personal_undo(s));
}

static void test_default_notes(void **state)
{
	(void)state;
	char *n = session_default_notes("a/b/x.yaml", NULL, 0);
	assert_string_equal(n, "a/b/x.notes.yaml");
	free(n);
	char *arts[] = {"dir/one.md", "other/two.txt"};
	n = session_default_notes(NULL, arts, 2);
	assert_string_equal(n, "dir/one+two.notes.yaml");
	free(n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_open_and_anchor),
	    cmocka_unit_test(test_step_and_partners),
	    cmocka_unit_test(test_pair_marks),
	    cmocka_unit_test(test_overview),
	    cmocka_unit_test(test_jump_history),
	    cmocka_unit_test(test_indexes_survive_undo_and_merge),
	    cmocka_unit_test(test_personal_claim_link_undo),
	    cmocka_unit_test(test_default_notes),
	    cmocka_unit_test(test_nested_claims),
	    cmocka_unit_test(test_claim_notes),
	    cmocka_unit_test(test_undo_after_merge_keeps_outside_note),
	    cmocka_unit_test(test_undo_add_claim_after_outside_change),
	    cmocka_unit_test(test_undo_add_link_after_outside_change),
	    cmocka_unit_test(test_undo_add_note_after_outside_change),
	    cmocka_unit_test(test_undo_edit_note_after_outside_change),
	    cmocka_unit_test(test_undo_delete_note_after_outside_change),
	    cmocka_unit_test(test_undo_then_merge),
	    cmocka_unit_test(test_undo_leaves_what_others_changed),
	    cmocka_unit_test(test_undo_history_bounded),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
