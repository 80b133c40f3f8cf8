/* test_reader_story: the reader's story keys without a terminal (issue 15),
 * on the five-article story of tests/data/story5: the article list, digits,
 * swapping panes, following a claim into other articles and back, scroll
 * lock keeping linked claims on one row. */
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
#include "crossread/doc/article.h"
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
	for (int p = 0; p < 2; p++)
		f->r.pane[p].textw = 40;
	reader_relayout(&f->r);
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

static void test_article_list(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	assert_int_equal(f->s.narts, 5);
	assert_int_equal(r->pane[0].art, 0);
	assert_int_equal(r->pane[1].art, 1);
	reader_key(r, 'L');
	assert_int_equal(reader_mode(r), MODE_OVERVIEW);
	assert_true(r->ov.open && r->ov.articles);
	assert_int_equal(r->ov.n, 5);
	assert_int_equal(r->ov.sel, 0); /* starts on the focused pane's article */
	/* the figures the list shows: every claim of the story is in one article */
	size_t claims = 0;
	for (size_t i = 0; i < 5; i++) {
		assert_non_null(r->story.arts[i].outlet);
		claims += r->story.arts[i].nclaims;
	}
	assert_int_equal(claims, 42);
	reader_key(r, 'j');
	reader_key(r, 'j');
	reader_key(r, 'j');
	reader_key(r, 'k');
	assert_int_equal(r->ov.sel, 2);
	reader_key(r, RK_ENTER);
	assert_false(r->ov.open);
	assert_int_equal(reader_mode(r), MODE_READER);
	assert_int_equal(r->pane[0].art, 2);
	assert_int_equal(r->pane[1].art, 1);
	assert_non_null(strstr(r->msg, "article 3/5"));
	/* Ctrl-O gives the pane its article back */
	reader_key(r, RK_CTRL('o'));
	assert_int_equal(r->pane[0].art, 0);
	/* L again closes it; so do q and Esc */
	reader_key(r, 'L');
	reader_key(r, 'L');
	assert_false(r->ov.open);
	reader_key(r, 'L');
	reader_key(r, 'q');
	assert_false(r->ov.open);
	assert_false(r->quit);
	/* from the claims overview, L goes to the list */
	reader_key(r, 'c');
	assert_true(r->ov.open && !r->ov.articles);
	reader_key(r, 'L');
	assert_true(r->ov.open && r->ov.articles);
	reader_key(r, RK_ESC);
	assert_false(r->ov.open);
}

static void test_digits_and_swap(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	reader_key(r, '5');
	assert_int_equal(r->pane[0].art, 4);
	reader_key(r, '\t');
	reader_key(r, '4');
	assert_int_equal(r->pane[1].art, 3);
	assert_int_equal(r->focus, 1);
	/* the article the other pane shows: the panes swap */
	reader_key(r, RK_CTRL('e')); /* scroll-down */
	reader_key(r, RK_CTRL('e'));
	size_t top1 = top_of(r, 1);
	assert_true(top1 > 0);
	reader_key(r, '5');
	assert_int_equal(r->pane[1].art, 4);
	assert_int_equal(r->pane[0].art, 3);
	assert_int_equal(top_of(r, 0), top1); /* its place went with it */
	/* X swaps them back */
	reader_key(r, 'X');
	assert_int_equal(r->pane[0].art, 4);
	assert_int_equal(r->pane[1].art, 3);
	assert_int_equal(top_of(r, 1), top1);
	/* no such article: said, nothing changes */
	reader_key(r, '9');
	assert_non_null(strstr(r->msg, "no article 9"));
	assert_int_equal(r->pane[0].art, 4);
	assert_int_equal(r->pane[1].art, 3);
}

static void test_follow_across(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	/* a claim of article 1 whose partners are in two or more other articles */
	struct story st;
	story_build(&st, &f->s);
	size_t origin = ANNOT_NONE, n = 0;
	struct story_partner *sp = NULL;
	for (size_t k = 0; k < f->s.norder[0] && origin == ANNOT_NONE; k++) {
		size_t c = f->s.order[0][k];
		struct story_partner *p;
		size_t m = story_partners(&st, &f->s, c, &p);
		size_t arts = 0, last = SIZE_MAX;
		for (size_t i = 0; i < m; i++)
			if (p[i].art != 0 && p[i].art != last) {
				arts++;
				last = p[i].art;
			}
		if (arts >= 2) {
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
	int row = reader_row_on_screen(r, 0, f->s.an->claims[origin].start);
	assert_int_equal(row, 3);
	bool other_art = false;
	for (size_t k = 0; k < n; k++) {
		reader_key(r, RK_ENTER);
		assert_int_equal(r->focus, 1);
		assert_int_equal(r->pane[1].sel, sp[k].claim);
		assert_int_equal(r->pane[1].art, sp[k].art);
		assert_int_equal(r->pane[0].art, 0); /* the claim stays beside it */
		if (sp[k].art > 1)
			other_art = true;
		int prow = reader_row_on_screen(r, 1, f->s.an->claims[sp[k].claim].start);
		assert_true(prow >= 0);
	}
	assert_true(other_art);
	/* back all the way: the exact view, articles included */
	for (size_t k = 0; k < n; k++)
		reader_key(r, RK_CTRL('o'));
	struct view_state back;
	reader_view_save(r, &back);
	assert_memory_equal(&back, &start, sizeof back);
	free(sp);
}

static void test_scroll_lock(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	reader_key(r, '=');
	assert_true(r->scroll_lock);
	assert_non_null(strstr(r->msg, "scroll lock on"));
	struct story_pair *pairs;
	size_t n = story_lock_pairs(reader_story(r), &f->s, 0, 1, &pairs);
	assert_true(n >= 2);
	int ref = r->body / 2;
	/* scrolling either pane: whenever a pair's claim crosses the middle
	 * row of the scrolled pane, its partner is on that row in the other */
	for (int p = 0; p < 2; p++) {
		r->focus = p;
		reader_key(r, 'g');
		size_t lined = 0;
		for (int i = 0; i < 400; i++) {
			for (size_t k = 0; k < n; k++) {
				size_t mine = p == 0 ? pairs[k].off_a : pairs[k].off_b;
				size_t theirs = p == 0 ? pairs[k].off_b : pairs[k].off_a;
				if (reader_row_on_screen(r, p, mine) != ref)
					continue;
				/* of claims on one row, the last lines up */
				if (k + 1 < n &&
				    reader_row_on_screen(r, p,
							 p == 0 ? pairs[k + 1].off_a
								: pairs[k + 1].off_b) == ref)
					continue;
				assert_int_equal(reader_row_on_screen(r, 1 - p, theirs), ref);
				lined++;
			}
			size_t before = top_of(r, p);
			assert_int_not_equal(reader_key(r, RK_CTRL('e')), 0); /* scroll-down */
			if (top_of(r, p) == before)
				break;
		}
		assert_true(lined >= 1);
	}
	free(pairs);
	reader_key(r, '=');
	assert_false(r->scroll_lock);
	size_t other = top_of(r, 0);
	r->focus = 1;
	reader_key(r, 'g');
	assert_int_equal(top_of(r, 0), other); /* off: the other pane stays */
}

static void test_story_overview(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	reader_key(r, 'c');
	assert_true(r->ov.open && !r->ov.articles);
	const struct story *st = &r->story;
	size_t five = 0, groups = 0, solo = 0, outlets = 0, member_at = SIZE_MAX;
	bool shared_heading = false, solo_heading = false;
	for (size_t i = 0; i < r->ov.n; i++) {
		const struct ov_item *it = &r->ov.items[i];
		if (it->kind == OV_SHARED_HEADING)
			shared_heading = true;
		if (it->kind == OV_SOLO_HEADING)
			solo_heading = true;
		if (it->kind == OV_GROUP) {
			groups++;
			assert_true(st->groups[it->link].noutlets >= 2);
			if (st->groups[it->link].noutlets == 5)
				five++;
		}
		if (it->kind == OV_OUTLET)
			outlets++;
		if (it->kind == OV_SOLO) {
			solo++;
			/* no `same` partner in another article */
			size_t g = story_group_of(st, it->claim);
			assert_true(g == ANNOT_NONE || st->groups[g].noutlets == 1);
			assert_int_equal(session_claim_art(&f->s, it->claim), it->link);
		}
		/* a claim of an article no pane shows */
		if (it->kind == OV_MEMBER && member_at == SIZE_MAX &&
		    session_claim_art(&f->s, it->claim) >= 2)
			member_at = i;
	}
	assert_true(shared_heading && solo_heading);
	assert_int_equal(five, 1); /* as `crossread story` counts them */
	assert_int_equal(groups, 7);
	size_t want = 0, want_outlets = 0;
	for (size_t a = 0; a < 5; a++) {
		want += st->nsolo[a];
		want_outlets += st->nsolo[a] > 0;
	}
	assert_true(want > 0);
	assert_int_equal(solo, want);
	assert_int_equal(outlets, want_outlets);
	/* Enter on it brings its article into the focused pane */
	assert_int_not_equal(member_at, SIZE_MAX);
	size_t c = r->ov.items[member_at].claim;
	r->ov.sel = member_at;
	reader_key(r, RK_ENTER);
	assert_false(r->ov.open);
	int p = reader_pane_of_art(r, session_claim_art(&f->s, c));
	assert_true(p >= 0);
	assert_int_equal(r->pane[p].sel, c);
	assert_true(reader_row_on_screen(r, p, f->s.an->claims[c].start) >= 0);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {T(test_article_list), T(test_digits_and_swap),
					   T(test_follow_across), T(test_scroll_lock),
					   T(test_story_overview)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
