/* Tests for layout: wrapping (Latin at spaces, CJK anywhere, emoji, marks,
 * invalid bytes, words longer than the pane, width 1, tabs), the invariants
 * every wrap must keep, (line, row) <-> offset round trips, and cells. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crossread/doc/article.h"
#include "crossread/view/layout.h"
#include "crossread/base/text.h"

#define MAXROWS 4096

static bool is_boundary(const char *t, size_t start, size_t end, size_t off)
{
	for (size_t i = start; i < end; i = text_cluster_end(t, end, i))
		if (i == off)
			return true;
	return off == end;
}

/* columns of [s, e) for a row starting at s, trailing spaces not counted
 * (they may hang past the edge) */
static size_t row_cols(const char *t, size_t s, size_t e, size_t *clusters)
{
	size_t col = 0, upto = 0, count = 0;
	*clusters = 0;
	for (size_t i = s; i < e;) {
		size_t n = text_cluster_end(t, e, i);
		if (t[i] == '\t')
			col += LAYOUT_TABSTOP - col % LAYOUT_TABSTOP;
		else
			col += (size_t)text_cluster_width(t, i, n);
		count++;
		if (t[i] != ' ') {
			upto = col;
			*clusters = count;
		}
		i = n;
	}
	return upto;
}

/* Wrap and check the invariants; returns the row count, starts in *out. */
static size_t wrap_checked(const char *t, int width, size_t *out)
{
	size_t len = strlen(t);
	size_t n = layout_wrap(t, 0, len, width, out, MAXROWS);
	assert_true(n >= 1 && n <= MAXROWS);
	assert_int_equal(out[0], 0);
	for (size_t r = 0; r < n; r++) {
		size_t s = out[r], e = r + 1 < n ? out[r + 1] : len;
		if (r > 0) {
			assert_true(s > out[r - 1]);
			assert_true(s < len);
		}
		assert_true(is_boundary(t, 0, len, s));
		size_t clusters;
		size_t cols = row_cols(t, s, e, &clusters);
		/* only a single cluster wider than the pane may overflow */
		if (cols > (size_t)(width < 1 ? 1 : width) && clusters != 1) {
			fprintf(stderr, "row %zu [%zu,%zu) of \"%s\" at %d: %zu columns\n", r, s, e,
				t, width, cols);
			fail();
		}
	}
	return n;
}

static void expect_rows(const char *t, int width, const size_t *want, size_t nwant)
{
	size_t starts[MAXROWS];
	size_t n = wrap_checked(t, width, starts);
	if (n != nwant) {
		fprintf(stderr, "\"%s\" at %d: %zu rows, want %zu:", t, width, n, nwant);
		for (size_t r = 0; r < n; r++)
			fprintf(stderr, " %zu", starts[r]);
		fprintf(stderr, "\n");
	}
	assert_int_equal(n, nwant);
	assert_memory_equal(starts, want, n * sizeof *want);
}

#define ROWS(t, w, ...)                                                                            \
	do {                                                                                       \
		const size_t want_[] = {__VA_ARGS__};                                              \
		expect_rows(t, w, want_, sizeof want_ / sizeof want_[0]);                          \
	} while (0)

static void test_wrap_latin(void **state)
{
	(void)state;
	ROWS("hello world foo", 80, 0);
	ROWS("hello world foo", 15, 0);
	ROWS("hello world foo", 11, 0, 12);
	ROWS("hello world foo", 5, 0, 6, 12);
	/* spaces hang past the edge instead of starting a row */
	ROWS("abc    def", 3, 0, 7);
	ROWS("", 10, 0);
	/* no-break space does not break */
	ROWS("ab\xC2\xA0"
	     "cd ef",
	     5, 0, 7);
}

static void test_wrap_long_word(void **state)
{
	(void)state;
	ROWS("abcdefghij", 4, 0, 4, 8);
	ROWS("ab abcdefghij", 4, 0, 3, 7, 11);
	ROWS("ab abcdefghij", 10, 0, 3);
}

static void test_wrap_cjk(void **state)
{
	(void)state;
	/* 中文字符测试: 6 wide characters, no spaces */
	const char *t = "\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97\xE7\xAC\xA6\xE6\xB5\x8B\xE8\xAF\x95";
	ROWS(t, 12, 0);
	ROWS(t, 5, 0, 6, 12);
	ROWS(t, 4, 0, 6, 12);
	ROWS(t, 3, 0, 3, 6, 9, 12, 15);
	/* width 1: a wide character alone on each row (overflowing) */
	ROWS(t, 1, 0, 3, 6, 9, 12, 15);
	/* mixed: Latin word then CJK */
	ROWS("ab\xE4\xB8\xAD\xE6\x96\x87", 4, 0, 5);
}

static void test_wrap_emoji_and_marks(void **state)
{
	(void)state;
	ROWS("\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 3, 0, 4, 8);
	ROWS("\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 4, 0, 8);
	/* é é é as e + U+0301: never split from its base */
	ROWS("e\xCC\x81"
	     "e\xCC\x81"
	     "e\xCC\x81",
	     2, 0, 6);
	ROWS("e\xCC\x81"
	     "e\xCC\x81"
	     "e\xCC\x81",
	     1, 0, 3, 6);
	/* ZWJ family and flags at width 1 and 2: whole clusters only */
	const char *zwj =
	    "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"
	    "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";
	ROWS(zwj, 2, 0, 18);
	ROWS(zwj, 1, 0, 18);
	const char *flags = "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA";
	size_t starts[MAXROWS];
	for (int w = 1; w <= 4; w++) {
		size_t n = wrap_checked(flags, w, starts);
		for (size_t r = 0; r < n; r++)
			assert_true(starts[r] == 0 || starts[r] == 8);
	}
}

static void test_wrap_invalid_and_controls(void **state)
{
	(void)state;
	/* raw invalid bytes (never in display text, but must not hurt) */
	ROWS("\xFF\xFF\xFF", 2, 0, 2);
	ROWS("\xE4\xB8", 1, 0, 1);
	/* a control is as wide as its visible form and stays whole */
	ROWS("a\x1b"
	     "b",
	     2, 0, 1, 2);
	ROWS("\xE2\x80\xAE", 3, 0); /* <U+202E> is 8 wide: overflows alone */
	size_t starts[MAXROWS];
	wrap_checked("x \x1b]0;title\x07 y \xC2\x85 z", 5, starts);
}

static void test_wrap_tabs(void **state)
{
	(void)state;
	ROWS("a\tb", 20, 0);
	/* a tab reaches the next stop: 8 columns, then 8 more */
	ROWS("\t\tx", 10, 0, 1);
	ROWS("abcdefg\tx", 9, 0);
	ROWS("abcdefg\txy", 9, 0, 9);
	ROWS("ab\tc", 9, 0);
	ROWS("ab\tcd", 9, 0, 4);
}

static void test_wrap_widths_sweep(void **state)
{
	(void)state;
	const char *texts[] = {
	    "The Microsoft hack, which exploited flaws in the Microsoft Exchange service, "
	    "affected at least 30,000 US organizations.",
	    "\xE4\xB8\xAD\xE5\x9B\xBD\xE5\xA4\x96\xE4\xBA\xA4\xE9\x83\xA8 said: "
	    "\xE2\x80\x9C\xE4\xB8\x96\xE7\x95\x8C\xE2\x80\x9D \xF0\x9F\x87\xA8\xF0\x9F\x87\xB3!",
	    "tab\tse\tpa\trated\t\tcolumns and cafe\xCC\x81s \x1b[2J \xE2\x80\xAE end",
	    "                 leading and trailing spaces                   ",
	};
	size_t starts[MAXROWS];
	for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++)
		for (int w = -1; w <= 130; w++)
			wrap_checked(texts[k], w, starts);
}

/* ---- positions over an article ---- */

static const char doc[] = "First paragraph with several words that wrap at a narrow width.\n"
			  "\n"
			  "\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97\xE7\xAC\xA6\xE6\xB5\x8B\xE8\xAF\x95"
			  "\xE4\xB8\xAD\xE6\x96\x87 mixed text\n"
			  "\n"
			  "short\n"
			  "\n"
			  "e\xCC\x81"
			  "e\xCC\x81 tab\there \x1b end.\n";

static void check_round_trips(struct layout *l)
{
	struct article *a = layout_article(l);
	struct lpos p = {0, 0};
	size_t rows = 0, prev_end = 0;
	for (;;) {
		size_t s, e;
		layout_row_range(l, p, &s, &e);
		assert_true(s <= e && e <= a->len);
		if (rows > 0 && p.row == 0)
			assert_int_equal(s, prev_end + 1); /* the '\n' between lines */
		else if (rows > 0)
			assert_int_equal(s, prev_end);
		assert_int_equal(layout_offset_of(l, p), s);
		for (size_t off = s; off < e || off == s; off++) {
			struct lpos q = layout_pos_of(l, off);
			assert_int_equal(q.line, p.line);
			assert_int_equal(q.row, p.row);
			if (off >= e)
				break;
		}
		prev_end = e;
		rows++;
		if (layout_move(l, &p, 1) != 1)
			break;
	}
	assert_int_equal(prev_end, a->len);
	struct lpos last = layout_last(l);
	assert_int_equal(last.line, p.line);
	assert_int_equal(last.row, p.row);
	/* and all the way back up: the same number of rows */
	long back = layout_move(l, &p, -(long)rows - 5);
	assert_int_equal(back, -(long)(rows - 1));
	assert_int_equal(p.line, 0);
	assert_int_equal(p.row, 0);
	size_t sum = 0;
	for (size_t i = 0; i < a->nlines; i++)
		sum += layout_rows(l, i);
	assert_int_equal(sum, rows);
}

static void test_positions(void **state)
{
	(void)state;
	struct article *a = article_from_memory("doc.txt", doc, sizeof doc - 1);
	article_load_all(a);
	struct layout *l = layout_new(a, 80);
	assert_int_equal(layout_width(l), 80);
	for (int w = 1; w <= 90; w++) {
		layout_set_width(l, w);
		check_round_trips(l);
	}
	layout_set_width(l, 0);
	assert_int_equal(layout_width(l), 1);
	/* narrower means at least as many rows */
	layout_set_width(l, 10);
	size_t narrow = layout_rows(l, 0);
	layout_set_width(l, 40);
	assert_true(narrow > layout_rows(l, 0));
	assert_int_equal(layout_rows(l, a->nlines + 3), 1);
	layout_free(l);
	article_free(a);
}

static void test_positions_empty(void **state)
{
	(void)state;
	struct article *a = article_from_memory("empty.txt", "", 0);
	article_load_all(a);
	struct layout *l = layout_new(a, 20);
	struct lpos p = {0, 0};
	assert_int_equal(layout_move(l, &p, 5), 0);
	assert_int_equal(layout_move(l, &p, -5), 0);
	size_t s, e;
	layout_row_range(l, p, &s, &e);
	assert_int_equal(s, 0);
	assert_int_equal(e, 0);
	struct lpos q = layout_pos_of(l, 0);
	assert_int_equal(q.line, 0);
	assert_int_equal(q.row, 0);
	layout_free(l);
	article_free(a);
}

static void test_cells(void **state)
{
	(void)state;
	const char *t = "a\tb\xE4\xB8\xAD"
			"e\xCC\x81\x1b\xCC\x81";
	struct cell c[16];
	size_t n = layout_cells(t, 0, strlen(t), c, 16);
	assert_int_equal(n, 7);
	assert_int_equal(c[0].kind, CELL_TEXT);
	assert_int_equal(c[0].width, 1);
	assert_int_equal(c[1].kind, CELL_TAB);
	assert_int_equal(c[1].width, 7); /* from column 1 to the stop at 8 */
	assert_int_equal(c[2].width, 1);
	assert_int_equal(c[3].width, 2);
	assert_int_equal(c[3].len, 3);
	assert_int_equal(c[4].len, 3); /* e + acute */
	assert_int_equal(c[4].width, 1);
	assert_int_equal(c[5].kind, CELL_CONTROL);
	assert_string_equal(c[5].vis, "^[");
	assert_int_equal(c[5].width, 2);
	/* the mark after a control is drawn on a space of its own */
	assert_int_equal(c[6].kind, CELL_COMBINING_START);
	assert_int_equal(c[6].width, 1);
	/* max is respected */
	assert_int_equal(layout_cells(t, 0, strlen(t), c, 2), 2);
	assert_int_equal(layout_cells(t, 0, 0, c, 16), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_wrap_latin),
	    cmocka_unit_test(test_wrap_long_word),
	    cmocka_unit_test(test_wrap_cjk),
	    cmocka_unit_test(test_wrap_emoji_and_marks),
	    cmocka_unit_test(test_wrap_invalid_and_controls),
	    cmocka_unit_test(test_wrap_tabs),
	    cmocka_unit_test(test_wrap_widths_sweep),
	    cmocka_unit_test(test_positions),
	    cmocka_unit_test(test_positions_empty),
	    cmocka_unit_test(test_cells),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
