/* test_config: the config file: bind, unbind (in every mode, the note
 * editor's and the prompts' too, and what a bound key then does there),
 * color, set, each problem as FILE:LINE:COL with the line skipped, and
 * --print-config loading back to the same configuration. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crossread/base/util.h"
#include "crossread/reader/clipboard.h"
#include "crossread/reader/config.h"
#include "crossread/reader/editkey.h"

static size_t parse(struct config *c, const char *text, struct diag_list *d)
{
	return config_parse(c, "my.conf", text, strlen(text), d);
}

static void test_bind_unbind(void **state)
{
	(void)state;
	struct config c;
	config_defaults(&c);
	struct diag_list d = {0};
	assert_int_equal(keymap_lookup(&c.keys, MODE_READER, 'q'), ACT_QUIT);
	assert_int_equal(keymap_lookup(&c.keys, MODE_READER, 'x'), ACT_NONE);
	size_t n = parse(&c,
			 "# my keys\n"
			 "bind reader x quit   # trailing comment\n"
			 "bind reader x quit\n"
			 "  unbind reader q   \n"
			 "bind reader Ctrl-F page-down\n"
			 "bind visual e copy\n"
			 "bind overview PgDn line-down\n"
			 "bind reader \"Space\" top\n"
			 "bind reader é help\n",
			 &d);
	assert_int_equal(n, 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(keymap_lookup(&c.keys, MODE_READER, 'x'), ACT_QUIT);
	assert_int_equal(keymap_lookup(&c.keys, MODE_READER, 'q'), ACT_NONE);
	assert_int_equal(keymap_lookup(&c.keys, MODE_READER, 6), ACT_PAGE_DOWN);
	assert_int_equal(keymap_lookup(&c.keys, MODE_VISUAL, 'e'), ACT_COPY);
	assert_int_equal(keymap_lookup(&c.keys, MODE_READER, 'e'), ACT_WORD_END);
	/* visual mode falls back to the reader's keys */
	assert_int_equal(keymap_lookup(&c.keys, MODE_VISUAL, 'x'), ACT_QUIT);
	assert_int_equal(keymap_lookup(&c.keys, MODE_OVERVIEW, RK_PGDN), ACT_LINE_DOWN);
	assert_int_equal(keymap_lookup(&c.keys, MODE_READER, ' '), ACT_TOP);
	assert_int_equal(keymap_lookup(&c.keys, MODE_READER, 0xe9), ACT_HELP);
	char keys[40];
	keymap_keys_text(&c.keys, MODE_READER, ACT_PAGE_DOWN, keys, sizeof keys);
	assert_string_equal(keys, "f PgDn Ctrl-F");
	config_free(&c);
	diag_free(&d);
}

/* a key in mode, through the keymap the config left */
static enum editkey_result edit_key(const struct config *c, int mode, struct editbuf *b, int key)
{
	struct editkey_ctx x = {.width = 20, .page = 4, .one_line = mode == MODE_PROMPT};
	enum editkey_result r = editkey_apply(b, &c->keys, mode, key, &x);
	editkey_ctx_free(&x);
	return r;
}

/* bind and unbind in the note editor's and the prompts' modes: the keys
 * then do what the file says, and only there */
static void test_bind_editor_prompt(void **state)
{
	(void)state;
	struct config c;
	config_defaults(&c);
	struct diag_list d = {0};
	assert_int_equal(keymap_lookup(&c.keys, MODE_EDITOR, RK_CTRL('s')), ACT_ED_SAVE);
	assert_int_equal(keymap_lookup(&c.keys, MODE_PROMPT, RK_ENTER), ACT_ED_SAVE);
	assert_int_equal(keymap_lookup(&c.keys, MODE_EDITOR, RK_ENTER), ACT_ED_NEWLINE);
	size_t n = parse(&c,
			 "bind editor Ctrl-W edit-save\n"
			 "unbind editor Ctrl-S\n"
			 "bind editor Ctrl-B edit-left\n"
			 "bind editor Ctrl-U edit-kill\n"
			 "bind prompt Ctrl-W edit-kill\n"
			 "unbind prompt Tab\n"
			 "bind prompt Up edit-home\n"
			 "bind prompt q edit-cancel\n",
			 &d);
	assert_int_equal(n, 0);
	assert_int_equal(d.n, 0);
	/* the reader's keys are not touched */
	assert_int_equal(keymap_lookup(&c.keys, MODE_READER, 'q'), ACT_QUIT);
	assert_int_equal(keymap_lookup(&c.keys, MODE_READER, RK_CTRL('w')), ACT_NONE);
	char keys[40];
	keymap_keys_text(&c.keys, MODE_EDITOR, ACT_ED_SAVE, keys, sizeof keys);
	assert_string_equal(keys, "Ctrl-X Ctrl-W");

	struct editbuf b;
	editbuf_init(&b, 0);
	editbuf_insert(&b, "ab cd", 5);
	assert_int_equal(edit_key(&c, MODE_EDITOR, &b, RK_CTRL('b')), EDITKEY_EDITED);
	assert_int_equal(b.cur, 4);
	/* Ctrl-S is unbound: a control, typed as nothing */
	assert_int_equal(edit_key(&c, MODE_EDITOR, &b, RK_CTRL('s')), EDITKEY_EDITED);
	assert_string_equal(b.s, "ab cd");
	assert_int_equal(edit_key(&c, MODE_EDITOR, &b, RK_CTRL('u')), EDITKEY_EDITED);
	assert_string_equal(b.s, "d");
	assert_int_equal(edit_key(&c, MODE_EDITOR, &b, RK_CTRL('w')), EDITKEY_SAVE);
	assert_int_equal(edit_key(&c, MODE_EDITOR, &b, RK_CTRL('x')), EDITKEY_SAVE);
	/* q is a letter in the editor, cancels in a prompt */
	assert_int_equal(edit_key(&c, MODE_EDITOR, &b, 'q'), EDITKEY_EDITED);
	assert_string_equal(b.s, "qd");
	assert_int_equal(edit_key(&c, MODE_PROMPT, &b, 'q'), EDITKEY_CANCEL);
	assert_string_equal(b.s, "qd");
	assert_int_equal(edit_key(&c, MODE_PROMPT, &b, RK_UP), EDITKEY_EDITED);
	assert_int_equal(b.cur, 0);
	assert_int_equal(edit_key(&c, MODE_PROMPT, &b, RK_END), EDITKEY_EDITED);
	assert_int_equal(edit_key(&c, MODE_PROMPT, &b, RK_CTRL('w')), EDITKEY_EDITED);
	assert_string_equal(b.s, "");
	/* Tab unbound in the prompt: typed (as a space), not completing */
	assert_int_equal(keymap_lookup(&c.keys, MODE_PROMPT, '\t'), ACT_NONE);
	assert_int_equal(edit_key(&c, MODE_PROMPT, &b, '\t'), EDITKEY_EDITED);
	assert_string_equal(b.s, " ");
	/* the prompt's Ctrl-U is still its own */
	assert_int_equal(edit_key(&c, MODE_PROMPT, &b, RK_CTRL('u')), EDITKEY_EDITED);
	assert_string_equal(b.s, "");
	editbuf_free(&b);

	/* printed and loaded back: the same bindings, in every mode */
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	config_print(&c, out);
	fclose(out);
	assert_non_null(strstr(buf, "\nbind editor Ctrl-W edit-save\n"));
	assert_non_null(strstr(buf, "\nbind prompt q edit-cancel\n"));
	assert_null(strstr(buf, "\nbind editor Ctrl-S "));
	assert_null(strstr(buf, "\nbind prompt Tab "));
	struct config back;
	config_defaults(&back);
	back.keys.n = 0;
	assert_int_equal(config_parse(&back, "printed", buf, len, &d), 0);
	assert_int_equal(back.keys.n, c.keys.n);
	for (size_t i = 0; i < c.keys.n; i++)
		assert_int_equal(keymap_lookup(&back.keys, c.keys.b[i].mode, c.keys.b[i].key),
				 c.keys.b[i].act);
	char *again = NULL;
	out = open_memstream(&again, &len);
	config_print(&back, out);
	fclose(out);
	assert_string_equal(again, buf);
	free(again);
	free(buf);
	config_free(&back);
	config_free(&c);
	diag_free(&d);
}

static void test_color_set(void **state)
{
	(void)state;
	struct config c;
	config_defaults(&c);
	struct diag_list d = {0};
	assert_true(c.mouse && c.color && !c.scroll_lock);
	size_t n = parse(&c,
			 "color accusation color196 default bold underline\n"
			 "color normal white black\n"
			 "color search 3 4 reverse\n"
			 "set mouse off\n"
			 "set color off\n"
			 "set scroll-lock on\n"
			 "set notes \"/tmp/my \\\"notes\\\".yaml\"\n",
			 &d);
	assert_int_equal(n, 0);
	assert_true(c.scroll_lock);
	assert_int_equal(c.styles[R_ACCUSATION].fg, 196);
	assert_int_equal(c.styles[R_ACCUSATION].bg, CLR_DEFAULT);
	assert_int_equal(c.styles[R_ACCUSATION].color, STY_BOLD | STY_UNDERLINE);
	assert_int_equal(c.styles[R_NORMAL].fg, CLR_WHITE);
	assert_int_equal(c.styles[R_NORMAL].bg, CLR_BLACK);
	assert_int_equal(c.styles[R_SEARCH].fg, 3);
	assert_int_equal(c.styles[R_SEARCH].color, STY_REVERSE);
	/* without colour the built-in attributes stay */
	assert_int_equal(c.styles[R_ACCUSATION].mono, look_default_styles[R_ACCUSATION].mono);
	assert_false(c.mouse);
	assert_false(c.color);
	assert_string_equal(c.notes, "/tmp/my \"notes\".yaml");
	config_free(&c);
	diag_free(&d);
}

/* one bad line: reported at its place, skipped, the rest applied */
static void expect_error(const char *line, int col, const char *words)
{
	struct config c;
	config_defaults(&c);
	struct diag_list d = {0};
	char text[512];
	snprintf(text, sizeof text, "bind reader x quit\n%s\nset mouse off\n", line);
	assert_int_equal(parse(&c, text, &d), 1);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.items[0].file, "my.conf");
	assert_int_equal(d.items[0].line, 2);
	if (d.items[0].col != col)
		fail_msg("%s: column %d, want %d (%s)", line, d.items[0].col, col, d.items[0].msg);
	assert_int_equal(d.items[0].severity, DIAG_ERROR);
	if (!strstr(d.items[0].msg, words))
		fail_msg("%s: '%s' does not say '%s'", line, d.items[0].msg, words);
	/* the other lines still count, and the defaults are kept */
	assert_int_equal(keymap_lookup(&c.keys, MODE_READER, 'x'), ACT_QUIT);
	assert_int_equal(keymap_lookup(&c.keys, MODE_READER, 'j'), ACT_LINE_DOWN);
	assert_false(c.mouse);
	/* printed as FILE:LINE:COL: error: ... */
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	diag_print(&d, out);
	fclose(out);
	char want[64];
	snprintf(want, sizeof want, "my.conf:2:%d: error: ", col);
	assert_true(strncmp(buf, want, strlen(want)) == 0);
	free(buf);
	config_free(&c);
	diag_free(&d);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("bind reader x jump-sideways", 15, "unknown action 'jump-sideways'");
	expect_error("bind reeder x quit", 6, "unknown mode 'reeder'");
	expect_error("bind editor q quit", 15, "'quit' is not an action of editor mode");
	expect_error("bind prompt Down line-down", 18, "not an action of prompt mode");
	expect_error("bind reader x edit-save", 15, "'edit-save' is not an action of reader mode");
	expect_error("bind visual Left edit-left", 18, "edit-... actions are for the editor");
	expect_error("bind editor Ctrl-S edit-sav", 20, "unknown action 'edit-sav'");
	expect_error("unbind prompt Down", 15, "'Down' is not bound in prompt mode");
	expect_error("unbind editor Tab", 15, "not bound in editor mode");
	expect_error("bind reader Ctrl-1 quit", 13, "unknown key 'Ctrl-1'");
	expect_error("bind reader x", 14, "missing MODE KEY ACTION");
	expect_error("bind reader x quit now", 20, "unexpected 'now'");
	expect_error("unbind reader Z", 15, "not bound");
	expect_error("unbind", 7, "missing MODE KEY");
	expect_error("color nosuch red blue", 7, "unknown role 'nosuch'");
	expect_error("color claim red", 16, "missing ROLE FG BG");
	expect_error("color claim red color256", 17, "unknown colour 'color256'");
	expect_error("color claim purple blue", 13, "unknown colour 'purple'");
	expect_error("color claim red blue blink", 22, "unknown attribute 'blink'");
	expect_error("set clipboard yes", 15, "auto, osc52 or off, not 'yes'");
	expect_error("set mouse maybe", 11, "on or off");
	expect_error("set scroll-lock sometimes", 17, "on or off");
	expect_error("set speed 3", 5, "unknown option 'speed'");
	expect_error("set notes \"unterminated", 11, "unterminated");
	expect_error("set notes \"a\"b", 14, "blank must follow");
	expect_error("frobnicate all", 1, "unknown command 'frobnicate'");
	expect_error("   map reader x quit", 4, "unknown command 'map'");
}

static void test_nul_and_sanitised(void **state)
{
	(void)state;
	struct config c;
	config_defaults(&c);
	struct diag_list d = {0};
	static const char text[] = "bind reader \x1b[31m quit\nset mouse o\0ff\n";
	assert_int_equal(config_parse(&c, "my.conf", text, sizeof text - 1, &d), 2);
	assert_int_equal(d.items[1].line, 2);
	assert_int_equal(d.items[1].col, 12);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	diag_print(&d, out);
	fclose(out);
	assert_null(strchr(buf, '\x1b')); /* never raw to the terminal */
	free(buf);
	config_free(&c);
	diag_free(&d);
}

static char *printed(const struct config *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	config_print(c, out);
	fclose(out);
	return buf;
}

static void test_print_round_trip(void **state)
{
	(void)state;
	struct config def, back;
	config_defaults(&def);
	char *text = printed(&def);
	/* every role, every default binding */
	for (int r = 0; r < R_COUNT; r++) {
		char want[64];
		snprintf(want, sizeof want, "\ncolor %s ", look_role_name((enum role)r));
		assert_non_null(strstr(text, want));
	}
	assert_non_null(strstr(text, "\nbind reader Enter follow-link\n"));
	/* the note editor's and the prompts' keys too */
	assert_non_null(strstr(text, "\nbind editor Ctrl-S edit-save\n"));
	assert_non_null(strstr(text, "\nbind editor Enter edit-newline\n"));
	assert_non_null(strstr(text, "\nbind editor Del edit-backspace\n"));
	assert_non_null(strstr(text, "\nbind prompt Enter edit-save\n"));
	assert_non_null(strstr(text, "\nbind prompt Tab edit-complete\n"));
	assert_non_null(strstr(text, "\nbind prompt Esc edit-cancel\n"));
	assert_non_null(strstr(text, "\nbind reader Esc clear\n"));
	assert_non_null(strstr(text, "\nbind reader r link\n"));
	assert_non_null(strstr(text, "\nbind reader E note-edit\n"));
	assert_non_null(strstr(text, "\nbind reader Ctrl-B page-up\n"));
	assert_non_null(strstr(text, "\nset clipboard auto\n"));
	assert_non_null(strstr(text, "\nset mouse on\n"));
	/* loaded onto an empty keymap, it gives the defaults back exactly */
	config_defaults(&back);
	back.keys.n = 0;
	back.mouse = back.color = false;
	memset(back.styles, 0, sizeof back.styles);
	struct diag_list d = {0};
	assert_int_equal(config_parse(&back, "printed", text, strlen(text), &d), 0);
	assert_int_equal(back.keys.n, def.keys.n);
	assert_memory_equal(back.keys.b, def.keys.b, def.keys.n * sizeof *def.keys.b);
	for (int r = 0; r < R_COUNT; r++) {
		assert_int_equal(back.styles[r].fg, def.styles[r].fg);
		assert_int_equal(back.styles[r].bg, def.styles[r].bg);
		assert_int_equal(back.styles[r].color, def.styles[r].color);
	}
	assert_true(back.mouse && back.color);
	char *again = printed(&back);
	assert_string_equal(again, text);
	free(again);
	/* a changed config prints what loads back to it too */
	assert_int_equal(parse(&back,
			       "set notes \"a b#\\\\c\"\nbind reader \"#\" quit # the hash key\n"
			       "bind reader DoubleQuote help\n"
			       "color rule color100 color7 italic\nset clipboard osc52\n"
			       "color cursor red default underline\n",
			       &d),
			 0);
	char *changed = printed(&back);
	struct config third;
	config_defaults(&third);
	assert_int_equal(config_parse(&third, "changed", changed, strlen(changed), &d), 0);
	char *third_text = printed(&third);
	assert_string_equal(third_text, changed);
	assert_string_equal(third.notes, "a b#\\c");
	assert_int_equal(third.clipboard, CLIP_OSC52);
	assert_int_equal(keymap_lookup(&third.keys, MODE_READER, '#'), ACT_QUIT);
	assert_int_equal(keymap_lookup(&third.keys, MODE_READER, '"'), ACT_HELP);
	free(third_text);
	free(changed);
	free(text);
	config_free(&def);
	config_free(&back);
	config_free(&third);
	diag_free(&d);
}

static void test_load_and_paths(void **state)
{
	(void)state;
	struct config c;
	config_defaults(&c);
	struct diag_list d = {0};
	assert_int_equal(config_load(&c, "/nonexistent/crossread/config", true, &d), 0);
	assert_int_equal(config_load(&c, "/nonexistent/crossread/config", false, &d), 1);
	assert_non_null(strstr(d.items[0].msg, "cannot read"));
	char path[128];
	snprintf(path, sizeof path, "/tmp/crossread-test-config-%ld", (long)getpid());
	FILE *f = fopen(path, "w");
	fputs("bind reader x quit\n", f);
	fclose(f);
	assert_int_equal(config_load(&c, path, false, &d), 0);
	assert_int_equal(keymap_lookup(&c.keys, MODE_READER, 'x'), ACT_QUIT);
	unlink(path);
	bool explicit_path;
	setenv("CROSSREAD_CONFIG", "/etc/mine", 1);
	char *p = config_default_path(&explicit_path);
	assert_string_equal(p, "/etc/mine");
	assert_true(explicit_path);
	free(p);
	unsetenv("CROSSREAD_CONFIG");
	setenv("XDG_CONFIG_HOME", "/x", 1);
	p = config_default_path(&explicit_path);
	assert_string_equal(p, "/x/crossread/config");
	assert_false(explicit_path);
	free(p);
	setenv("XDG_CONFIG_HOME", "relative", 1);
	setenv("HOME", "/home/u", 1);
	p = config_default_path(&explicit_path);
	assert_string_equal(p, "/home/u/.config/crossread/config");
	free(p);
	config_free(&c);
	diag_free(&d);
}

static void test_key_names(void **state)
{
	(void)state;
	static const int keys[] = {'j',	    ' ',     '\t',	   RK_ESC,    RK_ENTER,
				   RK_DOWN, RK_PGUP, RK_CTRL('d'), RK_CTRL_I, '#',
				   '"',	    0x4e2d,  RK_BACKSPACE, 127};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *n = key_name(keys[i]);
		assert_int_equal(key_parse(n, strlen(n)), keys[i]);
	}
	assert_string_equal(key_name(RK_CTRL('o')), "Ctrl-O");
	assert_int_equal(key_parse("ctrl-o", 6), RK_CTRL('o'));
	assert_int_equal(key_parse("enter", 5), RK_ENTER);
	assert_int_equal(key_parse("jj", 2), -1);
	assert_int_equal(key_parse("", 0), -1);
	assert_int_equal(key_parse("\x01", 1), -1);
	assert_int_equal(key_parse("<99999999999>", 13), -1);
	/* every control code reads back, Ctrl-@ (code 0, Ctrl-Space) too */
	assert_string_equal(key_name(0), "Ctrl-@");
	for (int k = 0; k < 32; k++) {
		const char *n = key_name(k);
		assert_int_equal(key_parse(n, strlen(n)), k);
	}
	for (int k = RK_FN; k < RK_LAST; k++) {
		const char *n = key_name(k);
		assert_int_equal(key_parse(n, strlen(n)), k);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bind_unbind),	      cmocka_unit_test(test_bind_editor_prompt),
	    cmocka_unit_test(test_color_set),	      cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_nul_and_sanitised), cmocka_unit_test(test_print_round_trip),
	    cmocka_unit_test(test_load_and_paths),    cmocka_unit_test(test_key_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
