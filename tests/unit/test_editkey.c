/* Unit tests for editkey: the note editor's keys (the popup and the fuzz
 * harness call editkey_apply): arrows and the shell's control keys, Enter,
 * CR and LF, PgUp/PgDn by page - 1 rows, save and cancel leaving the text
 * alone, ignored keys, a full note. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "crossread/reader/editbuf.h"
#include "crossread/reader/editkey.h"

static void type(struct editbuf *b, const char *s)
{
	assert_int_equal(editbuf_insert(b, s, strlen(s)), EDITBUF_OK);
}

static void assert_text(const struct editbuf *b, const char *want)
{
	assert_int_equal(b->len, strlen(want));
	assert_memory_equal(b->s, want, b->len);
	assert_true(editbuf_valid(b));
}

static enum editkey_result key(struct editbuf *b, int32_t k)
{
	return editkey_apply(b, k, 10, 4);
}

static void test_moves_and_shell_keys(void **state)
{
	(void)state;
	struct editbuf b;
	editbuf_init(&b, 0);
	type(&b, "abc");
	assert_int_equal(key(&b, EDITKEY_LEFT), EDITKEY_EDITED);
	assert_int_equal(b.cur, 2);
	assert_int_equal(key(&b, 1), EDITKEY_EDITED); /* Ctrl-A */
	assert_int_equal(b.cur, 0);
	key(&b, EDITKEY_RIGHT);
	assert_int_equal(b.cur, 1);
	key(&b, 5); /* Ctrl-E */
	assert_int_equal(b.cur, 3);
	key(&b, EDITKEY_HOME);
	assert_int_equal(b.cur, 0);
	key(&b, 4); /* Ctrl-D */
	assert_text(&b, "bc");
	key(&b, EDITKEY_DELETE);
	assert_text(&b, "c");
	key(&b, EDITKEY_END);
	key(&b, 127); /* DEL: backspace */
	assert_text(&b, "");
	type(&b, "xy");
	key(&b, 8); /* Ctrl-H */
	assert_text(&b, "x");
	key(&b, EDITKEY_BACKSPACE);
	assert_text(&b, "");
	editbuf_free(&b);
}

static void test_newlines_and_typing(void **state)
{
	(void)state;
	struct editbuf b;
	editbuf_init(&b, 0);
	key(&b, 'a');
	key(&b, EDITKEY_ENTER);
	key(&b, 0x4E2D); /* 中 */
	key(&b, '\r');
	key(&b, '\n');
	key(&b, '\t'); /* a tab is typed as a space */
	assert_text(&b, "a\n\xe4\xb8\xad\n\n ");
	/* controls other than the keys above are not typed */
	assert_int_equal(key(&b, 0x1B + 1), EDITKEY_EDITED);
	assert_int_equal(key(&b, 0x9B), EDITKEY_EDITED);
	assert_text(&b, "a\n\xe4\xb8\xad\n\n ");
	editbuf_free(&b);
}

static void test_page_moves_page_minus_one_rows(void **state)
{
	(void)state;
	struct editbuf b;
	editbuf_init(&b, 0);
	type(&b, "0\n1\n2\n3\n4\n5\n6");
	key(&b, EDITKEY_PAGE_UP); /* page 4: 3 rows up */
	size_t line;
	editbuf_cursor_linecol(&b, &line, NULL);
	assert_int_equal(line, 3);
	key(&b, EDITKEY_PAGE_UP);
	editbuf_cursor_linecol(&b, &line, NULL);
	assert_int_equal(line, 0);
	key(&b, EDITKEY_PAGE_DOWN);
	editbuf_cursor_linecol(&b, &line, NULL);
	assert_int_equal(line, 3);
	key(&b, EDITKEY_DOWN);
	editbuf_cursor_linecol(&b, &line, NULL);
	assert_int_equal(line, 4);
	key(&b, EDITKEY_UP);
	editbuf_cursor_linecol(&b, &line, NULL);
	assert_int_equal(line, 3);
	editbuf_free(&b);
}

static void test_save_cancel_ignored_leave_text(void **state)
{
	(void)state;
	struct editbuf b;
	editbuf_init(&b, 0);
	type(&b, "keep");
	key(&b, EDITKEY_LEFT);
	const int32_t save[] = {19, 24}, cancel[] = {27, 3, 7},
		      ignored[] = {EDITKEY_NONE, -100, 0x110000, INT32_MAX};
	for (size_t i = 0; i < 2; i++)
		assert_int_equal(key(&b, save[i]), EDITKEY_SAVE);
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(key(&b, cancel[i]), EDITKEY_CANCEL);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(key(&b, ignored[i]), EDITKEY_IGNORED);
	assert_text(&b, "keep");
	assert_int_equal(b.cur, 3);
	editbuf_free(&b);
}

static void test_full(void **state)
{
	(void)state;
	struct editbuf b;
	editbuf_init(&b, 4);
	type(&b, "abc");
	assert_int_equal(key(&b, 'd'), EDITKEY_EDITED);
	assert_int_equal(key(&b, 'e'), EDITKEY_FULL);
	assert_int_equal(key(&b, EDITKEY_ENTER), EDITKEY_FULL);
	assert_text(&b, "abcd");
	editbuf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_moves_and_shell_keys),
	    cmocka_unit_test(test_newlines_and_typing),
	    cmocka_unit_test(test_page_moves_page_minus_one_rows),
	    cmocka_unit_test(test_save_cancel_ignored_leave_text),
	    cmocka_unit_test(test_full),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
