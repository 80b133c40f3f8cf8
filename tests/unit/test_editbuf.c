/* Unit tests for editbuf: typing multi-byte text, a cursor that steps over
 * whole grapheme clusters, display columns with wide characters, up/down
 * keeping the column, joining lines, refused controls and the size limit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "crossread/reader/editbuf.h"

static void type(struct editbuf *b, const char *s)
{
	assert_int_equal(editbuf_insert(b, s, strlen(s)), EDITBUF_OK);
	assert_true(editbuf_valid(b));
}

static void assert_text(const struct editbuf *b, const char *want)
{
	assert_int_equal(b->len, strlen(want));
	assert_memory_equal(b->s, want, b->len);
	assert_true(editbuf_valid(b));
}

static void assert_linecol(const struct editbuf *b, size_t line, size_t col)
{
	size_t l, c;
	editbuf_cursor_linecol(b, &l, &c);
	assert_int_equal(l, line);
	assert_int_equal(c, col);
}

static void test_multibyte_insert(void **state)
{
	(void)state;
	struct editbuf b;
	editbuf_init(&b, 0);
	type(&b, "Zhao\xe2\x80\x99s claim \xe2\x80\x94 unproven");
	editbuf_newline(&b);
	type(&b, "CIA 360: \xe4\xb8\xad\xe6\x96\x87 ok");
	assert_text(&b, "Zhao\xe2\x80\x99s claim \xe2\x80\x94 unproven\nCIA 360: "
			"\xe4\xb8\xad\xe6\x96\x87 ok");
	/* line 1: "CIA 360: " (9) + two wide (4) + " ok" (3) */
	assert_linecol(&b, 1, 16);
	/* insert in the middle, code point by code point */
	editbuf_home(&b);
	assert_int_equal(editbuf_insert_cp(&b, 0x00E9), EDITBUF_OK); /* é */
	assert_int_equal(editbuf_insert_cp(&b, 0x4E2D), EDITBUF_OK); /* 中 */
	assert_linecol(&b, 1, 3);
	assert_memory_equal(b.s + b.cur - 5, "\xc3\xa9\xe4\xb8\xad", 5);
	editbuf_free(&b);
}

static void test_combining_and_zwj_one_step(void **state)
{
	(void)state;
	struct editbuf b;
	editbuf_init(&b, 0);
	/* e + combining acute + combining dot below, then a family emoji
	 * (man ZWJ woman ZWJ girl), then a flag (two regional indicators) */
	const char *e3 = "e\xcc\x81\xcc\xa3";
	const char *fam =
	    "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7";
	const char *flag = "\xf0\x9f\x87\xab\xf0\x9f\x87\xb7";
	type(&b, "a");
	type(&b, e3);
	type(&b, fam);
	type(&b, flag);
	type(&b, "z");
	size_t stops[] = {0,
			  1,
			  1 + strlen(e3),
			  1 + strlen(e3) + strlen(fam),
			  1 + strlen(e3) + strlen(fam) + strlen(flag),
			  b.len};
	editbuf_home(&b);
	for (size_t i = 0; i < 6; i++) {
		assert_int_equal(b.cur, stops[i]);
		editbuf_right(&b);
	}
	assert_false(editbuf_right(&b));
	for (size_t i = 6; i-- > 0;) {
		assert_int_equal(b.cur, stops[i]);
		editbuf_left(&b);
	}
	/* backspace removes the whole family, delete the whole accented e */
	b.cur = stops[3];
	assert_true(editbuf_backspace(&b));
	assert_int_equal(b.cur, stops[2]);
	b.cur = 1;
	assert_true(editbuf_delete(&b));
	assert_text(&b, "a\xf0\x9f\x87\xab\xf0\x9f\x87\xb7z");
	editbuf_free(&b);
}

static void test_edit_joins_clusters(void **state)
{
	(void)state;
	struct editbuf b;
	editbuf_init(&b, 0);
	/* two emoji; typing a ZWJ between them makes one cluster: the cursor
	 * must not be left inside it */
	type(&b, "\xf0\x9f\x91\xa8\xf0\x9f\x91\xa9");
	editbuf_left(&b);
	assert_int_equal(b.cur, 4);
	assert_int_equal(editbuf_insert_cp(&b, 0x200D), EDITBUF_OK);
	assert_true(editbuf_valid(&b));
	assert_int_equal(b.cur, b.len);
	/* a combining mark at the start of a line, then backspace joining */
	editbuf_set(&b, "a\n\xcc\x81x", 6);
	b.cur = 2;
	assert_true(editbuf_valid(&b));
	assert_true(editbuf_backspace(&b));
	assert_true(editbuf_valid(&b));
	assert_memory_equal(b.s, "a\xcc\x81x", 4);
	editbuf_free(&b);
}

static void test_cjk_columns_and_wrap(void **state)
{
	(void)state;
	struct editbuf b;
	editbuf_init(&b, 0);
	type(&b, "\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad"); /* 5 wide */
	assert_linecol(&b, 0, 10);
	struct editbuf_rows rows = {0};
	/* width 5: two wide characters a row */
	assert_int_equal(editbuf_wrap(&b, 5, &rows), 3);
	assert_int_equal(rows.row[0].start, 0);
	assert_int_equal(rows.row[0].end, 6);
	assert_int_equal(rows.row[2].end, 15);
	size_t col;
	assert_int_equal(editbuf_cursor_row(&b, &rows, &col), 2);
	assert_int_equal(col, 2);
	/* at the wrap point the cursor shows at the start of the next row */
	b.cur = 6;
	assert_int_equal(editbuf_cursor_row(&b, &rows, &col), 1);
	assert_int_equal(col, 0);
	/* empty text and a trailing newline still have a row for the cursor */
	editbuf_set(&b, "", 0);
	assert_int_equal(editbuf_wrap(&b, 10, &rows), 1);
	editbuf_set(&b, "ab\n", 3);
	assert_int_equal(editbuf_wrap(&b, 10, &rows), 2);
	assert_int_equal(editbuf_cursor_row(&b, &rows, &col), 1);
	assert_int_equal(col, 0);
	editbuf_rows_free(&rows);
	editbuf_free(&b);
}

static void test_up_down_keep_column(void **state)
{
	(void)state;
	struct editbuf b;
	editbuf_init(&b, 0);
	/* line 0: 10 columns; line 1: 3 wide chars (6 columns); line 2: 12 */
	type(&b, "0123456789\n\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad\nabcdefghijkl");
	b.cur = 9; /* column 9 on line 0 */
	assert_true(editbuf_down(&b, 0));
	assert_linecol(&b, 1, 6); /* the end of the short line */
	assert_true(editbuf_down(&b, 0));
	assert_linecol(&b, 2, 9); /* back to the goal column */
	assert_true(editbuf_up(&b, 0));
	assert_true(editbuf_up(&b, 0));
	assert_linecol(&b, 0, 9);
	assert_false(editbuf_up(&b, 0));
	/* column 3 falls inside a wide character: stop before it */
	b.cur = 3;
	b.has_goal = false;
	editbuf_down(&b, 0);
	assert_linecol(&b, 1, 2);
	/* a horizontal move forgets the goal */
	editbuf_right(&b);
	editbuf_down(&b, 0);
	assert_linecol(&b, 2, 4);
	/* by wrapped rows: "abcdefghijkl" at width 5 is 3 rows */
	editbuf_end(&b);
	assert_true(editbuf_up(&b, 5));
	/* from the end of "kl" (column 2) to column 2 of "fghij" */
	assert_linecol(&b, 2, 7);
	assert_int_equal(b.s[b.cur], 'h');
	/* a wrapped row's end is the next row's start: stay before it */
	editbuf_home(&b);
	editbuf_right(&b);
	editbuf_right(&b);
	b.has_goal = true;
	b.goal = 99;
	editbuf_down(&b, 5);
	assert_int_equal(b.s[b.cur], 'j');
	editbuf_free(&b);
}

static void test_backspace_delete_lines(void **state)
{
	(void)state;
	struct editbuf b;
	editbuf_init(&b, 0);
	type(&b, "ab\ncd");
	editbuf_home(&b);
	assert_linecol(&b, 1, 0);
	assert_true(editbuf_backspace(&b)); /* joins */
	assert_text(&b, "abcd");
	assert_linecol(&b, 0, 2);
	editbuf_end(&b);
	assert_false(editbuf_delete(&b)); /* at the very end: nothing */
	editbuf_set(&b, "ab\ncd", 5);
	b.cur = 2;
	assert_true(editbuf_delete(&b)); /* at a line end: joins */
	assert_text(&b, "abcd");
	b.cur = 0;
	assert_false(editbuf_backspace(&b));
	assert_false(editbuf_left(&b));
	assert_false(editbuf_home(&b));
	editbuf_free(&b);
}

/* Ctrl-U's kill: from the cursor's line start, whole clusters, never past
 * the line */
static void test_kill_to_start(void **state)
{
	(void)state;
	struct editbuf b;
	editbuf_init(&b, 0);
	type(&b, "ab\nc\xcc\x81"
		 "de");
	editbuf_left(&b);
	assert_true(editbuf_kill_to_start(&b));
	assert_text(&b, "ab\ne");
	assert_linecol(&b, 1, 0);
	assert_false(editbuf_kill_to_start(&b)); /* at the line start: nothing */
	assert_text(&b, "ab\ne");
	b.cur = 2;
	assert_true(editbuf_kill_to_start(&b));
	assert_text(&b, "\ne");
	assert_int_equal(b.cur, 0);
	editbuf_free(&b);
}

static void test_controls_refused(void **state)
{
	(void)state;
	struct editbuf b;
	editbuf_init(&b, 0);
	assert_int_equal(editbuf_insert_cp(&b, 0x1B), EDITBUF_REFUSED);
	assert_int_equal(editbuf_insert_cp(&b, 0x07), EDITBUF_REFUSED);
	assert_int_equal(editbuf_insert_cp(&b, 0x85), EDITBUF_REFUSED);
	assert_int_equal(editbuf_insert_cp(&b, 0x202E), EDITBUF_REFUSED); /* bidi override */
	assert_int_equal(editbuf_insert_cp(&b, 0xD800), EDITBUF_REFUSED);
	assert_int_equal(editbuf_insert_cp(&b, 0x110000), EDITBUF_REFUSED);
	assert_int_equal(editbuf_insert_cp(&b, -1), EDITBUF_REFUSED);
	assert_int_equal(b.len, 0);
	assert_int_equal(editbuf_insert_cp(&b, '\t'), EDITBUF_OK);
	assert_text(&b, " ");
	/* pasted text: CR LF and CR become newlines, invalid bytes U+FFFD,
	 * an escape sequence loses its ESC */
	assert_int_equal(editbuf_set(&b, "a\r\nb\rc\xff\x1b[0m", 11), EDITBUF_REFUSED);
	assert_text(&b, "a\nb\nc\xef\xbf\xbd[0m");
	editbuf_free(&b);
}

static void test_limit(void **state)
{
	(void)state;
	struct editbuf b;
	editbuf_init(&b, 8);
	assert_int_equal(editbuf_insert(&b, "abcdef", 6), EDITBUF_OK);
	/* a 3-byte character does not fit in the 2 bytes left */
	assert_int_equal(editbuf_insert_cp(&b, 0x4E2D), EDITBUF_FULL);
	assert_text(&b, "abcdef");
	assert_int_equal(editbuf_insert(&b, "xyz", 3), EDITBUF_FULL);
	assert_text(&b, "abcdefxy");
	assert_int_equal(editbuf_newline(&b), EDITBUF_FULL);
	assert_true(editbuf_backspace(&b));
	assert_int_equal(editbuf_newline(&b), EDITBUF_OK);
	assert_int_equal(editbuf_set(&b, "0123456789", 10), EDITBUF_FULL);
	assert_text(&b, "01234567");
	editbuf_free(&b);
}

static void test_long_text_many_rows(void **state)
{
	(void)state;
	struct editbuf b;
	editbuf_init(&b, 0);
	for (int i = 0; i < 400; i++)
		type(&b, "word ");
	struct editbuf_rows rows = {0};
	/* 2000 columns at width 10 (two words a row): 200 rows, more than
	 * fit in the wrapper's first buffer */
	assert_int_equal(editbuf_wrap(&b, 10, &rows), 200);
	for (size_t r = 1; r < rows.n; r++)
		assert_int_equal(rows.row[r].start, rows.row[r - 1].end);
	editbuf_rows_free(&rows);
	editbuf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_multibyte_insert),
	    cmocka_unit_test(test_combining_and_zwj_one_step),
	    cmocka_unit_test(test_edit_joins_clusters),
	    cmocka_unit_test(test_cjk_columns_and_wrap),
	    cmocka_unit_test(test_up_down_keep_column),
	    cmocka_unit_test(test_backspace_delete_lines),
	    cmocka_unit_test(test_kill_to_start),
	    cmocka_unit_test(test_controls_refused),
	    cmocka_unit_test(test_limit),
	    cmocka_unit_test(test_long_text_many_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
