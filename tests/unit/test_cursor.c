/* Tests for cursor: the motions (h l j k w b e 0 $) over laid-out rows,
 * never inside a grapheme cluster (combining marks, emoji sequences, wide
 * CJK), the goal column of j/k, and the selection's range. No terminal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crossread/doc/article.h"
#include "crossread/reader/cursor.h"
#include "crossread/view/layout.h"

struct fx {
	struct article *a;
	struct layout *l;
};

static struct fx open_text(const char *text, int width)
{
	struct fx f;
	f.a = article_from_memory("t.txt", text, strlen(text));
	article_load_all(f.a);
	f.l = layout_new(f.a, width);
	return f;
}

static void close_fx(struct fx *f)
{
	layout_free(f->l);
	article_free(f->a);
}

/* offset of the n-th (0-based) occurrence of s in the display text */
static size_t at(const struct fx *f, const char *s, int n)
{
	const char *p = f->a->text;
	for (;;) {
		p = strstr(p, s);
		assert_non_null(p);
		if (n-- == 0)
			return (size_t)(p - f->a->text);
		p++;
	}
}

static void test_words(void **state)
{
	(void)state;
	struct fx f = open_text("Title\n\nHello, world. Foo  bar\n", 40);
	size_t o = at(&f, "Hello", 0);
	/* w: words and runs of punctuation, blanks skipped */
	o = cursor_word_next(f.l, o);
	assert_int_equal(o, at(&f, ",", 0));
	o = cursor_word_next(f.l, o);
	assert_int_equal(o, at(&f, "world", 0));
	o = cursor_word_next(f.l, o);
	assert_int_equal(o, at(&f, ".", 0));
	o = cursor_word_next(f.l, o);
	assert_int_equal(o, at(&f, "Foo", 0));
	o = cursor_word_next(f.l, o);
	assert_int_equal(o, at(&f, "bar", 0));
	/* e: this word's end, then the next one's */
	o = at(&f, "world", 0) + 1;
	o = cursor_word_end(f.l, o);
	assert_int_equal(o, at(&f, "world", 0) + 4);
	o = cursor_word_end(f.l, o);
	assert_int_equal(o, at(&f, ".", 0));
	o = cursor_word_end(f.l, o);
	assert_int_equal(o, at(&f, "Foo", 0) + 2);
	/* b: this word's start from inside it, then the previous one's */
	o = at(&f, "bar", 0) + 2;
	o = cursor_word_prev(f.l, o);
	assert_int_equal(o, at(&f, "bar", 0));
	o = cursor_word_prev(f.l, o);
	assert_int_equal(o, at(&f, "Foo", 0));
	o = cursor_word_prev(f.l, o);
	assert_int_equal(o, at(&f, ".", 0));
	assert_int_equal(cursor_word_prev(f.l, 0), 0);
	/* at the end w stays on the last cluster */
	o = cursor_word_next(f.l, at(&f, "bar", 0));
	assert_int_equal(o, at(&f, "bar", 0) + 2);
	close_fx(&f);
}

static void test_clusters(void **state)
{
	(void)state;
	/* q + COMBINING ACUTE (no precomposed form, so it stays two code points), a ZWJ emoji
	 * sequence, a wide CJK character */
	struct fx f = open_text(
	    "T\n\ncafq\xcc\x81 x \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb y \xe4\xb8\xad!\n",
	    40);
	size_t e = at(&f, "q\xcc\x81", 0);
	/* l steps over a whole cluster, never onto the mark */
	assert_int_equal(cursor_right(f.l, e - 1), e);
	assert_int_equal(cursor_right(f.l, e), e + 3);
	assert_int_equal(cursor_left(f.l, e + 3), e);
	/* an offset inside a cluster snaps to its start */
	assert_int_equal(cursor_snap(f.l, e + 1), e);
	assert_int_equal(cursor_end(f.l, e), e + 3);
	/* e ends the word on the accented letter's cluster */
	assert_int_equal(cursor_word_end(f.l, at(&f, "cafq", 0)), e);
	size_t emoji = at(&f, "\xf0\x9f\x91\xa9", 0);
	size_t after = at(&f, " y", 0);
	assert_int_equal(cursor_right(f.l, emoji), after);
	assert_int_equal(cursor_left(f.l, after), emoji);
	assert_int_equal(cursor_end(f.l, emoji), after);
	/* w from x lands on the emoji, and from there on y */
	assert_int_equal(cursor_word_next(f.l, at(&f, "x", 0)), emoji);
	assert_int_equal(cursor_word_next(f.l, emoji), after + 1);
	/* b from y back onto the emoji's start, not inside it */
	assert_int_equal(cursor_word_prev(f.l, after + 1), emoji);
	/* columns: the emoji and the CJK character are two wide */
	size_t zh = at(&f, "\xe4\xb8\xad", 0);
	int cz = cursor_col(f.l, zh);
	assert_int_equal(cursor_col(f.l, zh + 3), cz + 2);
	assert_int_equal(cursor_col(f.l, after), cursor_col(f.l, emoji) + 2);
	close_fx(&f);
}

static void test_rows_and_goal(void **state)
{
	(void)state;
	/* width 12: "aaaa bbbb cc" wraps; then a short line, then a long one */
	struct fx f = open_text("T\n\nalpha beta gamma delta\nab\nonetwothree four\n", 12);
	size_t g = at(&f, "gamma", 0);
	struct lpos p = layout_pos_of(f.l, g);
	assert_true(p.row > 0); /* gamma is on a wrapped row */
	/* 0 and $ on a wrapped row: its first cluster, its last word's end */
	size_t s = cursor_row_start(f.l, g + 2);
	assert_int_equal(s, layout_offset_of(f.l, p));
	size_t end = cursor_row_end(f.l, s);
	assert_true(f.a->text[end] != ' ');
	assert_int_equal(layout_pos_of(f.l, end).row, p.row);
	/* h stops at the display line's start, l at its end */
	size_t line0 = at(&f, "alpha", 0);
	assert_int_equal(cursor_left(f.l, line0), line0);
	size_t ab = at(&f, "ab\n", 0);
	assert_int_equal(cursor_right(f.l, ab + 1), ab + 1);
	/* h at a wrapped row's start goes to the row before */
	assert_true(cursor_left(f.l, s) < s);
	/* j keeps the goal column over a shorter line */
	int goal = -1;
	size_t o = cursor_rows(f.l, at(&f, "delta", 0) + 3, 1, &goal);
	assert_int_equal(goal, cursor_col(f.l, at(&f, "delta", 0) + 3));
	assert_int_equal(o, ab + 1); /* "ab" is short: its last cluster */
	o = cursor_rows(f.l, o, 1, &goal);
	assert_int_equal(cursor_col(f.l, o), goal); /* back at the column */
	assert_int_equal(o, at(&f, "onetwothree", 0) + (size_t)goal);
	o = cursor_rows(f.l, o, -2, &goal);
	assert_int_equal(o, at(&f, "delta", 0) + 3);
	/* k at the first row stays */
	goal = -1;
	assert_int_equal(cursor_rows(f.l, 0, -1, &goal), 0);
	close_fx(&f);
}

static void test_range(void **state)
{
	(void)state;
	struct fx f = open_text("T\n\none \xc3\xa9t\xc3\xa9 three\n", 40);
	size_t one = at(&f, "one", 0), ete = at(&f, "\xc3\xa9t", 0);
	size_t lo, hi;
	/* both ends' clusters are in, whichever end the cursor is */
	cursor_range(f.l, one, ete, &lo, &hi);
	assert_int_equal(lo, one);
	assert_int_equal(hi, ete + 2);
	cursor_range(f.l, ete, one, &lo, &hi);
	assert_int_equal(lo, one);
	assert_int_equal(hi, ete + 2);
	/* one cluster: anchor and cursor together */
	cursor_range(f.l, ete, ete, &lo, &hi);
	assert_int_equal(hi - lo, 2);
	/* an empty line: the cursor stands on its end, an empty cluster */
	struct fx g = open_text("T\n\na\n\nb\n", 40);
	size_t empty = at(&g, "\n\nb", 0) + 1;
	assert_int_equal(cursor_snap(g.l, empty), empty);
	assert_int_equal(cursor_end(g.l, empty), empty);
	int goal = -1;
	assert_int_equal(cursor_rows(g.l, at(&g, "a\n", 0), 1, &goal), empty);
	goal = -1;
	assert_int_equal(cursor_rows(g.l, empty, 1, &goal), at(&g, "b", 0));
	close_fx(&g);
	close_fx(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_words),
	    cmocka_unit_test(test_clusters),
	    cmocka_unit_test(test_rows_and_goal),
	    cmocka_unit_test(test_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
