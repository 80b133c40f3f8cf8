/* Unit tests for editkey: the note editor's and the prompts' keys through
 * the action table (EDIT_ACTIONS, the default keymap's editor and prompt
 * modes): every editing action by every default key in each mode, arrows and
 * the shell's control keys, Enter, CR and LF, PgUp/PgDn by page - 1 rows,
 * save and cancel leaving the text alone, ignored keys, a full note, a
 * prompt's one line and its Tab completion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "crossread/reader/actions.h"
#include "crossread/reader/editbuf.h"
#include "crossread/reader/editkey.h"

static struct keymap keys;

static int setup(void **state)
{
	(void)state;
	keymap_defaults(&keys);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	keymap_free(&keys);
	return 0;
}

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

/* a key in the note editor: wrap width 10, 4 rows shown */
static enum editkey_result key(struct editbuf *b, int32_t k)
{
	struct editkey_ctx c = {.width = 10, .page = 4};
	enum editkey_result r = editkey_apply(b, &keys, MODE_EDITOR, k, &c);
	editkey_ctx_free(&c);
	return r;
}

static void test_moves_and_shell_keys(void **state)
{
	(void)state;
	struct editbuf b;
	editbuf_init(&b, 0);
	type(&b, "abc");
	assert_int_equal(key(&b, RK_LEFT), EDITKEY_EDITED);
	assert_int_equal(b.cur, 2);
	assert_int_equal(key(&b, 1), EDITKEY_EDITED); /* Ctrl-A */
	assert_int_equal(b.cur, 0);
	key(&b, RK_RIGHT);
	assert_int_equal(b.cur, 1);
	key(&b, 5); /* Ctrl-E */
	assert_int_equal(b.cur, 3);
	key(&b, RK_HOME);
	assert_int_equal(b.cur, 0);
	key(&b, 4); /* Ctrl-D */
	assert_text(&b, "bc");
	key(&b, RK_DELETE);
	assert_text(&b, "c");
	key(&b, RK_END);
	key(&b, 127); /* DEL: backspace */
	assert_text(&b, "");
	type(&b, "xy");
	key(&b, 8); /* Ctrl-H */
	assert_text(&b, "x");
	key(&b, RK_BACKSPACE);
	assert_text(&b, "");
	editbuf_free(&b);
}

static void test_newlines_and_typing(void **state)
{
	(void)state;
	struct editbuf b;
	editbuf_init(&b, 0);
	key(&b, 'a');
	key(&b, RK_ENTER);
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
	key(&b, RK_PGUP); /* page 4: 3 rows up */
	size_t line;
	editbuf_cursor_linecol(&b, &line, NULL);
	assert_int_equal(line, 3);
	key(&b, RK_PGUP);
	editbuf_cursor_linecol(&b, &line, NULL);
	assert_int_equal(line, 0);
	key(&b, RK_PGDN);
	editbuf_cursor_linecol(&b, &line, NULL);
	assert_int_equal(line, 3);
	key(&b, RK_DOWN);
	editbuf_cursor_linecol(&b, &line, NULL);
	assert_int_equal(line, 4);
	key(&b, RK_UP);
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
	key(&b, RK_LEFT);
	const int32_t save[] = {19, 24}, cancel[] = {27, 3, 7},
		      ignored[] = {-1, -100, 0x110000, INT32_MAX};
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
	assert_int_equal(key(&b, RK_ENTER), EDITKEY_FULL);
	assert_text(&b, "abcd");
	editbuf_free(&b);
}

/* Every editing action, from the same text and cursor, by each of its
 * default keys in the editor and in a prompt and by editkey_do: what it
 * does to "one\ntwo three" with the cursor after "two t". */
static const char *const choices[] = {"one\ntwo three!", "Chinese officials"};
static const struct expect {
	enum action act;
	const char *text; /* NULL: unchanged */
	size_t cur;
	enum editkey_result rc;
	bool prompt_ignores; /* a prompt has one line: no new line */
} expects[] = {
    {ACT_ED_LEFT, NULL, 8, EDITKEY_EDITED, false},
    {ACT_ED_RIGHT, NULL, 10, EDITKEY_EDITED, false},
    {ACT_ED_UP, NULL, 3, EDITKEY_EDITED, false}, /* column 5 on "one": its end */
    {ACT_ED_DOWN, NULL, 9, EDITKEY_EDITED, false},
    {ACT_ED_PAGE_UP, NULL, 3, EDITKEY_EDITED, false},
    {ACT_ED_PAGE_DOWN, NULL, 9, EDITKEY_EDITED, false},
    {ACT_ED_HOME, NULL, 4, EDITKEY_EDITED, false},
    {ACT_ED_END, NULL, 13, EDITKEY_EDITED, false},
    {ACT_ED_BACKSPACE, "one\ntwo hree", 8, EDITKEY_EDITED, false},
    {ACT_ED_DELETE, "one\ntwo tree", 9, EDITKEY_EDITED, false},
    {ACT_ED_KILL, "one\nhree", 4, EDITKEY_EDITED, false},
    {ACT_ED_NEWLINE, "one\ntwo t\nhree", 10, EDITKEY_EDITED, true},
    {ACT_ED_COMPLETE, "one\ntwo three!", 14, EDITKEY_EDITED, false},
    {ACT_ED_SAVE, NULL, 9, EDITKEY_SAVE, false},
    {ACT_ED_CANCEL, NULL, 9, EDITKEY_CANCEL, false},
};

static void start(struct editbuf *b, struct editkey_ctx *c, int mode)
{
	editbuf_init(b, 0);
	type(b, "one\ntwo three");
	for (int i = 0; i < 4; i++)
		editbuf_left(b);
	assert_int_equal(b->cur, 9);
	*c = (struct editkey_ctx){.width = 10,
				  .page = 4,
				  .choices = choices,
				  .nchoices = 2,
				  .one_line = mode == MODE_PROMPT};
}

static void check(const struct expect *e, struct editbuf *b, enum editkey_result rc, int mode,
		  const char *how)
{
	bool ignored = mode == MODE_PROMPT && e->prompt_ignores;
	if (rc != (ignored ? EDITKEY_IGNORED : e->rc))
		fail_msg("%s (%s, %s): result %d", actions_def(e->act)->name,
			 actions_mode_name((enum reader_mode)mode), how, rc);
	assert_text(b, e->text && !ignored ? e->text : "one\ntwo three");
	if (b->cur != (ignored ? 9 : e->cur))
		fail_msg("%s (%s, %s): cursor %zu, want %zu", actions_def(e->act)->name,
			 actions_mode_name((enum reader_mode)mode), how, b->cur, e->cur);
}

static void test_every_edit_action(void **state)
{
	(void)state;
	size_t ne = sizeof expects / sizeof expects[0];
	/* a new editing action needs its line above */
	assert_int_equal(ne, ACT_COUNT - ACT_EDIT_FIRST);
	size_t by_key = 0;
	for (size_t i = 0; i < ne; i++) {
		const struct expect *e = &expects[i];
		const struct action_def *d = actions_def(e->act);
		assert_true(actions_is_edit(e->act));
		assert_int_equal(actions_by_name(d->name), e->act);
		assert_true(d->keys[MODE_EDITOR][0] || d->keys[MODE_PROMPT][0]);
		for (int m = MODE_EDITOR; m <= MODE_PROMPT; m++) {
			assert_true(actions_mode_takes(m, e->act));
			assert_false(actions_mode_takes(MODE_READER, e->act));
			struct editbuf b;
			struct editkey_ctx c;
			start(&b, &c, m);
			check(e, &b, editkey_do(&b, e->act, &c), m, "editkey_do");
			editkey_ctx_free(&c);
			editbuf_free(&b);
			for (int k = 0; k < ACTION_KEYS_MAX && d->keys[m][k]; k++) {
				start(&b, &c, m);
				assert_int_equal(keymap_lookup(&keys, m, d->keys[m][k]), e->act);
				check(e, &b, editkey_apply(&b, &keys, m, d->keys[m][k], &c), m,
				      key_name(d->keys[m][k]));
				editkey_ctx_free(&c);
				editbuf_free(&b);
				by_key++;
			}
		}
	}
	assert_true(by_key >= 2 * ne - 4);
	/* a reader action is no edit, and an editing action no reader's */
	struct editbuf b;
	struct editkey_ctx c;
	start(&b, &c, MODE_EDITOR);
	assert_int_equal(editkey_do(&b, ACT_QUIT, &c), EDITKEY_IGNORED);
	assert_int_equal(editkey_do(&b, ACT_NONE, &c), EDITKEY_IGNORED);
	assert_int_equal(editkey_do(&b, ACT_COUNT, &c), EDITKEY_IGNORED);
	assert_false(actions_mode_takes(MODE_EDITOR, ACT_QUIT));
	assert_false(actions_mode_takes(MODE_PROMPT, ACT_LINE_DOWN));
	assert_true(actions_mode_takes(MODE_READER, ACT_QUIT));
	assert_text(&b, "one\ntwo three");
	editkey_ctx_free(&c);
	editbuf_free(&b);
}

/* a key bound to nothing: a character is typed, in the editor and a
 * prompt, and 'q' (the reader's quit) is a letter there */
static void test_unbound_keys_type(void **state)
{
	(void)state;
	for (int m = MODE_EDITOR; m <= MODE_PROMPT; m++) {
		struct editbuf b;
		struct editkey_ctx c;
		start(&b, &c, m);
		assert_int_equal(editkey_apply(&b, &keys, m, 'q', &c), EDITKEY_EDITED);
		assert_int_equal(editkey_apply(&b, &keys, m, RK_CTRL_I, &c), EDITKEY_IGNORED);
		assert_int_equal(editkey_apply(&b, &keys, m, RK_CTRL('o'), &c), EDITKEY_EDITED);
		assert_text(&b, "one\ntwo tqhree");
		/* a typed line break is one in the editor only */
		enum editkey_result rc = editkey_apply(&b, &keys, m, '\n', &c);
		assert_int_equal(rc, m == MODE_PROMPT ? EDITKEY_IGNORED : EDITKEY_EDITED);
		assert_text(&b, m == MODE_PROMPT ? "one\ntwo tqhree" : "one\ntwo tq\nhree");
		editkey_ctx_free(&c);
		editbuf_free(&b);
	}
}

/* Tab in a prompt: the choices starting with what was typed before the
 * first Tab, in turn; another key ends the cycling */
static void test_prompt_completion(void **state)
{
	(void)state;
	static const char *const speakers[] = {"China", "United States", "Chinese officials"};
	struct editbuf b;
	editbuf_init(&b, 0);
	struct editkey_ctx c = {.choices = speakers, .nchoices = 3, .one_line = true};
	editkey_apply(&b, &keys, MODE_PROMPT, 'c', &c);
	editkey_apply(&b, &keys, MODE_PROMPT, 'h', &c);
	assert_int_equal(editkey_apply(&b, &keys, MODE_PROMPT, '\t', &c), EDITKEY_EDITED);
	assert_text(&b, "China");
	assert_string_equal(c.prefix, "ch");
	editkey_apply(&b, &keys, MODE_PROMPT, '\t', &c);
	assert_text(&b, "Chinese officials");
	editkey_apply(&b, &keys, MODE_PROMPT, '\t', &c);
	assert_text(&b, "China");
	editkey_apply(&b, &keys, MODE_PROMPT, RK_BACKSPACE, &c);
	assert_null(c.prefix);
	assert_text(&b, "Chin");
	editkey_apply(&b, &keys, MODE_PROMPT, '\t', &c);
	assert_text(&b, "China");
	/* nothing starts so: the text stays */
	editkey_apply(&b, &keys, MODE_PROMPT, RK_CTRL('u'), &c);
	editkey_apply(&b, &keys, MODE_PROMPT, 'x', &c);
	editkey_apply(&b, &keys, MODE_PROMPT, '\t', &c);
	assert_text(&b, "x");
	/* no choices: Tab does nothing */
	editkey_ctx_free(&c);
	c.nchoices = 0;
	assert_int_equal(editkey_apply(&b, &keys, MODE_PROMPT, '\t', &c), EDITKEY_EDITED);
	assert_text(&b, "x");
	assert_int_equal(editkey_apply(&b, &keys, MODE_PROMPT, RK_ENTER, &c), EDITKEY_SAVE);
	editkey_ctx_free(&c);
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
	    cmocka_unit_test(test_every_edit_action),
	    cmocka_unit_test(test_unbound_keys_type),
	    cmocka_unit_test(test_prompt_completion),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
