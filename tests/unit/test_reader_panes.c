/* test_reader_panes: the reader with three panes, without a terminal (issue
 * 15), on the five-article story of tests/data/story5: how many panes a
 * width gives, Tab across three, digits and swapping, links bringing
 * partners into another pane and Ctrl-O back, scroll lock moving both other
 * panes, going back to two, and suggestions (s) between the two articles on
 * screen, whichever two those are. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/annot/annot.h"
#include "crossread/base/util.h"
#include "crossread/doc/article.h"
#include "crossread/match/match.h"
#include "crossread/reader/actions.h"
#include "crossread/reader/reader.h"
#include "crossread/reader/session.h"
#include "crossread/reader/story.h"

#define STORY5 "tests/data/story5/story.yaml"

struct fixture {
	struct session s;
	struct keymap keys;
	struct reader r;
};

static void widths(struct reader *r, int w)
{
	for (int p = 0; p < r->npanes; p++)
		r->pane[p].textw = w;
	reader_relayout(r);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	char err[512];
	if (session_open(&f->s, STORY5, NULL, 0, session_no_notes, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	session_load_all(&f->s);
	keymap_defaults(&f->keys);
	reader_init(&f->r, &f->s, &f->keys, NULL);
	f->r.body = 12;
	reader_set_npanes(&f->r, reader_panes_for(&f->r, 210));
	widths(&f->r, 40);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	reader_free(&f->r);
	keymap_free(&f->keys);
	session_close(&f->s);
	free(f);
	return 0;
}

static size_t top_of(struct reader *r, int p)
{
	return layout_offset_of(r->pane[p].lay, r->pane[p].top);
}

static void test_panes_for(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	assert_int_equal(r->npanes, 3);
	r->panes_pref = PANES_AUTO;
	assert_int_equal(reader_panes_for(r, READER_WIDE_COLS - 1), 2);
	assert_int_equal(reader_panes_for(r, READER_WIDE_COLS), 3);
	r->panes_pref = PANES_2;
	assert_int_equal(reader_panes_for(r, 400), 2);
	r->panes_pref = PANES_3;
	assert_int_equal(reader_panes_for(r, 150), 3);
	assert_int_equal(reader_panes_for(r, 100), 2); /* 40 columns each do not fit */
	/* the layout key goes round: auto, 2, 3, auto */
	r->panes_pref = PANES_AUTO;
	reader_key(r, 'P');
	assert_int_equal(r->panes_pref, PANES_2);
	assert_non_null(strstr(r->msg, "panes 2"));
	assert_true(reader_key(r, 'P') & READER_REDRAW_LAYOUT);
	assert_int_equal(r->panes_pref, PANES_3);
	reader_key(r, 'P');
	assert_int_equal(r->panes_pref, PANES_AUTO);
	/* never more panes than articles, never fewer than one */
	reader_set_npanes(r, 9);
	assert_int_equal(r->npanes, 3);
	assert_string_equal(reader_panes_name(PANES_3), "3");
	assert_string_equal(reader_panes_name(PANES_AUTO), "auto");
}

static void test_three_panes(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	/* the third pane shows the first article the others do not */
	assert_int_equal(r->pane[0].art, 0);
	assert_int_equal(r->pane[1].art, 1);
	assert_int_equal(r->pane[2].art, 2);
	assert_non_null(r->pane[2].lay);
	/* Tab: left to right, round again */
	assert_int_equal(r->focus, 0);
	reader_key(r, '\t');
	assert_int_equal(r->focus, 1);
	reader_key(r, '\t');
	assert_int_equal(r->focus, 2);
	reader_key(r, '\t');
	assert_int_equal(r->focus, 0);
	reader_key(r, '\t');
	reader_key(r, '\t');
	/* keys act on the focused pane: the third scrolls, the others stay */
	assert_int_equal(reader_key(r, RK_CTRL('e')), READER_REDRAW_PANE(2));
	assert_true(top_of(r, 2) > 0);
	assert_int_equal(top_of(r, 0), 0);
	assert_int_equal(top_of(r, 1), 0);
	/* a digit puts that article in the focused pane */
	reader_key(r, '4');
	assert_int_equal(r->pane[2].art, 3);
	/* one another pane shows: those two swap, the third stays */
	reader_key(r, '1');
	assert_int_equal(r->pane[2].art, 0);
	assert_int_equal(r->pane[0].art, 3);
	assert_int_equal(r->pane[1].art, 1);
	/* X swaps with the pane focused before (the middle one) */
	reader_key(r, 'X');
	assert_int_equal(r->pane[2].art, 1);
	assert_int_equal(r->pane[1].art, 0);
	assert_int_equal(r->pane[0].art, 3);
	/* the article list opens on the focused pane's article */
	reader_key(r, 'L');
	assert_int_equal(r->ov.sel, 1);
	reader_key(r, RK_ESC);
}

/* Enter on a claim of the left pane whose partners are in other articles:
 * each comes into another pane (one already showing its article if there
 * is one) on the claim's row; the left pane stays; Ctrl-O back to the
 * exact view of three panes. */
static void test_follow_three(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	struct story st;
	story_build(&st, &f->s);
	size_t origin = ANNOT_NONE, n = 0;
	struct story_partner *sp = NULL;
	for (size_t k = 0; k < f->s.norder[0] && origin == ANNOT_NONE; k++) {
		size_t c = f->s.order[0][k];
		struct story_partner *p;
		size_t m = story_partners(&st, &f->s, c, &p);
		bool in1 = false, in2 = false, beyond = false;
		for (size_t i = 0; i < m; i++) {
			in1 |= p[i].art == 1;
			in2 |= p[i].art == 2;
			beyond |= p[i].art > 2;
		}
		if (in1 && in2 && beyond) {
			origin = c;
			n = m;
			sp = p;
		} else {
			free(p);
		}
	}
	story_free(&st);
	assert_int_not_equal(origin, ANNOT_NONE);
	reader_show_claim(r, 0, origin, 3);
	struct view_state start;
	reader_view_save(r, &start);
	assert_int_equal(start.npanes, 3);
	bool to1 = false, to2 = false;
	for (size_t k = 0; k < n; k++) {
		reader_key(r, RK_ENTER);
		int q = r->focus;
		assert_true(q == 1 || q == 2);
		assert_int_equal(r->pane[q].art, sp[k].art);
		assert_int_equal(r->pane[q].sel, sp[k].claim);
		assert_int_equal(r->pane[0].art, 0);
		if (sp[k].art == 1)
			assert_int_equal(q, 1); /* the pane already showing it */
		if (sp[k].art == 2)
			assert_int_equal(q, 2);
		to1 |= q == 1;
		to2 |= q == 2;
		assert_int_equal(reader_row_on_screen(r, q, f->s.an->claims[sp[k].claim].start), 3);
	}
	assert_true(to1 && to2);
	for (size_t k = 0; k < n; k++)
		reader_key(r, RK_CTRL('o'));
	struct view_state back;
	reader_view_save(r, &back);
	assert_memory_equal(&back, &start, sizeof back);
	free(sp);
}

/* scroll lock with three panes: scrolling the left pane moves both others,
 * each keeping its pairs with the left one on the middle row */
static void test_lock_three(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	reader_key(r, '=');
	assert_true(r->scroll_lock);
	int ref = r->body / 2;
	size_t lined[3] = {0, 0, 0};
	struct story_pair *pairs[3] = {NULL, NULL, NULL};
	size_t np[3] = {0, 0, 0};
	for (int q = 1; q < 3; q++) {
		np[q] = story_lock_pairs(reader_story(r), &f->s, 0, (size_t)q, &pairs[q]);
		assert_true(np[q] >= 1);
	}
	size_t moved2 = 0;
	for (int i = 0; i < 400; i++) {
		for (int q = 1; q < 3; q++)
			for (size_t k = 0; k < np[q]; k++) {
				if (reader_row_on_screen(r, 0, pairs[q][k].off_a) != ref)
					continue;
				if (k + 1 < np[q] &&
				    reader_row_on_screen(r, 0, pairs[q][k + 1].off_a) == ref)
					continue;
				assert_int_equal(reader_row_on_screen(r, q, pairs[q][k].off_b),
						 ref);
				lined[q]++;
			}
		size_t before = top_of(r, 0), before2 = top_of(r, 2);
		assert_true(reader_key(r, RK_CTRL('e')) & READER_REDRAW_ALL);
		moved2 += top_of(r, 2) != before2;
		if (top_of(r, 0) == before)
			break;
	}
	assert_true(lined[1] >= 1);
	assert_true(lined[2] >= 1);
	assert_true(moved2 > 0);
	free(pairs[1]);
	free(pairs[2]);
}

/* back to two panes: the focused third pane's article moves into the
 * second, which keeps the focus; three again: a third article comes back */
static void test_shrink_and_grow(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	reader_key(r, '\t');
	reader_key(r, '\t');
	reader_key(r, '5');
	reader_key(r, RK_CTRL('e'));
	reader_key(r, RK_CTRL('e'));
	size_t top = top_of(r, 2);
	reader_set_npanes(r, 2);
	assert_int_equal(r->npanes, 2);
	assert_int_equal(r->focus, 1);
	assert_int_equal(r->pane[1].art, 4);
	assert_int_equal(top_of(r, 1), top);
	assert_int_equal(r->pane[0].art, 0);
	assert_null(r->pane[2].lay);
	/* Tab with two: the other one, and back */
	reader_key(r, '\t');
	assert_int_equal(r->focus, 0);
	assert_int_equal(reader_other_pane(r, 0), 1);
	reader_set_npanes(r, 3);
	assert_int_equal(r->npanes, 3);
	assert_int_equal(r->pane[2].art, 1); /* the first no pane shows */
	/* a view saved with two panes leaves the third as it is */
	struct view_state two = {{0, 4, 0}, {0, 0, 0}, {ANNOT_NONE, ANNOT_NONE, ANNOT_NONE},
				 {0, 0, 0}, 2,	       1};
	reader_key(r, '4');
	reader_view_restore(r, &two);
	assert_int_equal(r->pane[0].art, 0);
	assert_int_equal(r->pane[1].art, 4);
	assert_int_equal(r->pane[2].art, 1);
	assert_int_equal(r->focus, 1);
}

/* following links from the third pane when the window narrows: Enter
 * starts over from the pane that has the focus now */
static void test_follow_then_shrink(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	reader_key(r, '\t');
	reader_key(r, '\t');
	reader_key(r, ']');
	size_t c = r->pane[2].sel;
	assert_int_not_equal(c, ANNOT_NONE);
	reader_key(r, RK_ENTER);
	assert_true(r->follow.active);
	assert_int_equal(r->follow.origin_pane, 2);
	reader_set_npanes(r, 2);
	assert_false(r->follow.active);
	for (int i = 0; i < 4; i++) {
		reader_key(r, RK_ENTER);
		assert_true(r->focus >= 0 && r->focus < 2);
		assert_true(r->follow.origin_pane < 2);
	}
}

/* are the suggestions those of match_articles for the two articles? */
static void assert_suggestions_of(struct reader *r, size_t a, size_t b)
{
	assert_true(r->sugg_valid);
	assert_int_equal(r->sugg_art[0], a);
	assert_int_equal(r->sugg_art[1], b);
	struct article *A = r->s->arts[a], *B = r->s->arts[b];
	struct match_pair *all;
	size_t n = match_articles(A->text, A->len, B->text, B->len, NULL, &all);
	assert_true(r->nsugg > 0);
	assert_true(r->nsugg <= n);
	for (size_t i = 0; i < r->nsugg; i++) {
		bool found = false;
		for (size_t k = 0; k < n && !found; k++)
			found = all[k].a_start == r->sugg[i].a_start &&
				all[k].b_start == r->sugg[i].b_start;
		assert_true(found);
	}
	free(all);
	/* and drawn where their sentences are, in the panes showing a and b */
	int pa = r->sugg_pane[0], pb = r->sugg_pane[1];
	assert_int_equal(r->pane[pa].art, a);
	assert_int_equal(r->pane[pb].art, b);
	assert_int_not_equal(reader_sugg_at(r, pa, r->sugg[0].a_start), 0);
	assert_int_not_equal(reader_sugg_at(r, pb, r->sugg[0].b_start), 0);
	for (int p = 0; p < r->npanes; p++)
		if (p != pa && p != pb)
			assert_int_equal(reader_sugg_at(r, p, r->sugg[0].a_start), 0);
}

/* the suggestions of articles a and b in the reader (covered ones taken
 * out) are, in order, among those the story's matcher gives when it scans
 * every article of the story, as `crossread match` of them all does */
static void assert_story_order(struct reader *r, size_t a, size_t b)
{
	struct session *s = r->s;
	struct match_story *st = match_story_new(NULL);
	for (size_t i = 0; i < s->narts; i++)
		match_story_scan(st, s->arts[i]->text, s->arts[i]->len);
	struct match_article *pa = match_prepare(st, s->arts[a]->text, s->arts[a]->len);
	struct match_article *pb = match_prepare(st, s->arts[b]->text, s->arts[b]->len);
	struct match_pair *all;
	size_t n = match_prepared(st, pa, pb, NULL, &all), k = 0;
	for (size_t i = 0; i < r->nsugg; i++) {
		while (k < n && memcmp(&all[k], &r->sugg[i], sizeof all[k]))
			k++;
		assert_true(k < n);
		k++;
	}
	free(all);
	match_article_free(pa);
	match_article_free(pb);
	match_story_free(st);
}

/* s keeps the matcher's work for the session: a pair of articles seen
 * before gives the very same suggestions, the story's, and `s` again
 * after a link was made takes out what it covers */
static void test_suggestions_kept(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	reader_set_npanes(r, 2);
	widths(r, 40);
	reader_key(r, 's');
	assert_true(r->nsugg > 1);
	assert_story_order(r, 0, 1);
	size_t n0 = r->nsugg;
	struct match_pair *first = xreallocarray(NULL, n0, sizeof *first);
	memcpy(first, r->sugg, n0 * sizeof *first);
	reader_key(r, '5');
	assert_suggestions_of(r, 4, 1);
	assert_story_order(r, 4, 1);
	reader_key(r, '1');
	assert_int_equal(r->sugg_art[0], 0);
	assert_int_equal(r->sugg_art[1], 1);
	assert_int_equal(r->nsugg, n0);
	assert_memory_equal(r->sugg, first, n0 * sizeof *first);
	/* a link over the first suggestion's sentences: s, s hides it */
	const struct match_pair *m = &first[0];
	assert_int_equal(reader_sugg_side(r, 0), 0);
	reader_sugg_select(r, 0, 0);
	reader_sugg_accept(r);
	reader_key(r, 's');
	assert_false(r->show_sugg);
	reader_key(r, 's');
	assert_true(r->show_sugg);
	assert_int_equal(r->nsugg, n0 - 1);
	for (size_t i = 0; i < r->nsugg; i++)
		assert_false(r->sugg[i].a_start == m->a_start && r->sugg[i].b_start == m->b_start);
	free(first);
}

/* s in two panes of the story: the suggestions are those between the
 * articles on screen, and follow them when a digit or X changes them */
static void test_suggestions_follow_articles(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	reader_set_npanes(r, 2);
	widths(r, 40);
	reader_key(r, 's');
	assert_true(r->show_sugg);
	assert_suggestions_of(r, 0, 1);
	/* the left pane shows the wire report: articles 5 and 2 */
	assert_true(reader_key(r, '5') & READER_REDRAW_ALL);
	assert_suggestions_of(r, 4, 1);
	assert_non_null(strstr(r->msg, "between articles 5 and 2"));
	/* the right one the courier */
	reader_key(r, '\t');
	reader_key(r, '3');
	assert_suggestions_of(r, 4, 2);
	/* swapped: left to right, so the sides swap too */
	reader_key(r, 'X');
	assert_suggestions_of(r, 2, 4);
	/* one selected in the focused pane: Enter shows its partner beside it */
	int from = r->focus;
	size_t ss;
	size_t i = reader_sugg_next(r, from, 0, 1, &ss);
	assert_true(i < r->nsugg);
	reader_sugg_select(r, from, i);
	r->pane[from].sel = ANNOT_NONE;
	reader_key(r, RK_ENTER);
	assert_int_equal(r->focus, 1 - from);
	size_t partner =
	    reader_sugg_side(r, 1 - from) == 0 ? r->sugg[i].a_start : r->sugg[i].b_start;
	assert_true(reader_row_on_screen(r, 1 - from, partner) >= 0);
	assert_true(r->sugg_valid); /* the same two articles: nothing computed again */
	assert_int_equal(r->sugg_sel, i);
	/* hidden: nothing is computed when the articles change */
	reader_key(r, 's');
	assert_false(r->show_sugg);
	reader_key(r, '1');
	assert_int_not_equal(r->sugg_art[0], 0);
}

/* with three panes: between the focused pane and the one focused before */
static void test_suggestions_three(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	reader_key(r, 's');
	assert_suggestions_of(r, 0, 1);
	reader_key(r, '\t');
	reader_key(r, '\t'); /* the right pane, from the middle one */
	assert_suggestions_of(r, 1, 2);
	reader_key(r, '\t'); /* the left one, from the right one */
	assert_suggestions_of(r, 0, 2);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_panes_for),		T(test_three_panes),
	    T(test_follow_three),	T(test_lock_three),
	    T(test_shrink_and_grow),	T(test_suggestions_follow_articles),
	    T(test_suggestions_kept),	T(test_suggestions_three),
	    T(test_follow_then_shrink),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
