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

#include "crossread/annot.h"
#include "crossread/article.h"
#include "crossread/personal.h"
#include "crossread/session.h"
#include "crossread/store.h"
#include "crossread/util.h"

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
			/* answered iff answers follow it */
			bool answers = i + 1 < n && it[i + 1].kind == OV_ANSWER;
			assert_int_equal(it[i].unanswered, !answers);
		} else if (it[i].kind == OV_ANSWER) {
			const struct link *l = &s->an->links[it[i].link];
			assert_true(l->rel == REL_REBUTS || l->rel == REL_COUNTERS);
			assert_int_equal(l->from_i, it[i].claim);
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
	struct view_state v = {{0, 1}, {top, 0}, {ANNOT_NONE, ANNOT_NONE}, 0};
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
	    cmocka_unit_test(test_open_and_anchor), cmocka_unit_test(test_step_and_partners),
	    cmocka_unit_test(test_pair_marks),	    cmocka_unit_test(test_overview),
	    cmocka_unit_test(test_jump_history),    cmocka_unit_test(test_personal_claim_link_undo),
	    cmocka_unit_test(test_default_notes),   cmocka_unit_test(test_nested_claims),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
