/* keys: the action table generated from READER_ACTIONS and EDIT_ACTIONS, key names, and the
 * key bindings (the table's defaults, changed by the config file), with the
 * key list that `crossread --keys` and the help screen show. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crossread/base/text.h"
#include "crossread/base/util.h"
#include "crossread/reader/actions.h"

#define ACTIONS_KEYS(...)                                                                          \
	{                                                                                          \
		__VA_ARGS__                                                                        \
	}

const struct action_def actions_table[] = {
#define ACTIONS_DEF(id, fn, name, kr, kv, ko, help)                                                \
	{ACT_##id, name, help, {ACTIONS_KEYS kr, ACTIONS_KEYS kv, ACTIONS_KEYS ko}},
    READER_ACTIONS(ACTIONS_DEF)
#undef ACTIONS_DEF
#define ACTIONS_EDIT_DEF(id, fn, name, ke, kp, help)                                               \
	{ACT_##id, name, help, {[MODE_EDITOR] = ACTIONS_KEYS ke, [MODE_PROMPT] = ACTIONS_KEYS kp}},
	EDIT_ACTIONS(ACTIONS_EDIT_DEF)
#undef ACTIONS_EDIT_DEF
};

bool actions_is_edit(enum action act)
{
	return act >= ACT_EDIT_FIRST && act < ACT_COUNT;
}

bool actions_mode_takes(int m, enum action act)
{
	if (act <= ACT_NONE || act >= ACT_COUNT || m < 0 || m >= MODE_COUNT)
		return false;
	return actions_is_edit(act) == (m == MODE_EDITOR || m == MODE_PROMPT);
}

const struct action_def *actions_def(enum action act)
{
	return act > ACT_NONE && act < ACT_COUNT ? &actions_table[act - 1] : NULL;
}

enum action actions_by_name(const char *name)
{
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
		if (!strcmp(actions_table[a - 1].name, name))
			return (enum action)a;
	return ACT_NONE;
}

static const char *const mode_names[MODE_COUNT] = {"reader", "visual", "overview", "editor",
						   "prompt"};

const char *actions_mode_name(enum reader_mode m)
{
	return m < MODE_COUNT ? mode_names[m] : "?";
}

int actions_mode_by_name(const char *name)
{
	for (int m = 0; m < MODE_COUNT; m++)
		if (!strcmp(mode_names[m], name))
			return m;
	return -1;
}

/* ---- key names ---- */

static const struct {
	int key;
	const char *name;
} named[] = {
    {' ', "Space"},
    {'\t', "Tab"},
    {RK_ESC, "Esc"},
    {RK_ENTER, "Enter"},
    {RK_DOWN, "Down"},
    {RK_UP, "Up"},
    {RK_LEFT, "Left"},
    {RK_RIGHT, "Right"},
    {RK_PGDN, "PgDn"},
    {RK_PGUP, "PgUp"},
    {RK_HOME, "Home"},
    {RK_END, "End"},
    {RK_BACKSPACE, "Backspace"},
    {RK_DELETE, "Delete"},
    {RK_CTRL_I, "Ctrl-I"},
    {127, "Del"},
    {'"', "DoubleQuote"},
};

const char *key_name(int key)
{
	static char buf[16];
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (named[i].key == key)
			return named[i].name;
	if (key >= 0 && key < 32) { /* 0 is Ctrl-@ (Ctrl-Space) */
		snprintf(buf, sizeof buf, "Ctrl-%c", key + 64);
		return buf;
	}
	if (key > 32 && key <= 0x10FFFF && !text_is_unsafe(key)) {
		buf[text_encode(key, buf)] = '\0';
		return buf;
	}
	snprintf(buf, sizeof buf, "<%d>", key);
	return buf;
}

int key_parse(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strlen(named[i].name) == len && !strncasecmp(named[i].name, s, len))
			return named[i].key;
	/* Ctrl-X: a letter or one of @[\]^_ */
	if (len == 6 && !strncasecmp(s, "Ctrl-", 5)) {
		int c = (unsigned char)s[5];
		if (c >= 'a' && c <= 'z')
			c -= 32;
		if (c >= '@' && c <= '_')
			return c - 64;
		return -1;
	}
	/* <N>: a code key_name has no name for */
	if (len > 2 && s[0] == '<' && s[len - 1] == '>' && len < 12) {
		long v = 0;
		for (size_t i = 1; i + 1 < len; i++) {
			if (s[i] < '0' || s[i] > '9')
				return -1;
			v = v * 10 + (s[i] - '0');
		}
		return v > 0 && v < RK_LAST ? (int)v : -1;
	}
	/* one character as itself */
	int32_t cp;
	if (len && text_decode(s, len, &cp) == len && cp > 32 && !text_is_unsafe(cp))
		return (int)cp;
	return -1;
}

/* ---- bindings ---- */

void keymap_bind(struct keymap *km, int mode, int key, enum action act)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->b[i].mode == mode && km->b[i].key == key) {
			km->b[i].act = act;
			return;
		}
	if (km->n == km->cap) {
		km->cap = km->cap ? km->cap * 2 : 64;
		km->b = xreallocarray(km->b, km->cap, sizeof *km->b);
	}
	km->b[km->n++] = (struct binding){mode, key, act};
}

bool keymap_unbind(struct keymap *km, int mode, int key)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->b[i].mode == mode && km->b[i].key == key) {
			memmove(km->b + i, km->b + i + 1, (km->n - i - 1) * sizeof *km->b);
			km->n--;
			return true;
		}
	return false;
}

void keymap_defaults(struct keymap *km)
{
	km->n = 0;
	/* mode by mode, as config_print writes them, so the printed
	 * defaults load back in the same order */
	for (int m = 0; m < MODE_COUNT; m++)
		for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
			for (int k = 0; k < ACTION_KEYS_MAX && actions_table[a - 1].keys[m][k]; k++)
				keymap_bind(km, m, actions_table[a - 1].keys[m][k], (enum action)a);
}

void keymap_free(struct keymap *km)
{
	free(km->b);
	memset(km, 0, sizeof *km);
}

enum action keymap_lookup(const struct keymap *km, int mode, int key)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->b[i].mode == mode && km->b[i].key == key)
			return km->b[i].act;
	if (mode == MODE_VISUAL)
		return keymap_lookup(km, MODE_READER, key);
	return ACT_NONE;
}

void keymap_keys_text(const struct keymap *km, int mode, enum action act, char *out, size_t cap)
{
	size_t len = 0;
	out[0] = '\0';
	for (size_t i = 0; i < km->n; i++) {
		if (km->b[i].mode != mode || km->b[i].act != act)
			continue;
		int w =
		    snprintf(out + len, cap - len, "%s%s", len ? " " : "", key_name(km->b[i].key));
		if (w < 0 || (size_t)w >= cap - len) {
			out[len] = '\0';
			return;
		}
		len += (size_t)w;
	}
}

size_t actions_help_lines(const struct keymap *km, struct help_line *out, size_t max)
{
	static const char *const headings[MODE_COUNT] = {
	    NULL, "In visual mode (v; other keys as above):", "In the claims overview (c):",
	    "In the note editor (a, E; other characters are typed):",
	    "In a prompt (/, m, t, ...; other characters are typed):"};
	size_t n = 0;
	for (int m = 0; m < MODE_COUNT; m++) {
		size_t first = n;
		if (headings[m]) {
			if (n < max)
				out[n] = (struct help_line){"", NULL, headings[m]};
			n++;
		}
		for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
			char keys[sizeof out->keys];
			keymap_keys_text(km, m, (enum action)a, keys, sizeof keys);
			if (!keys[0])
				continue;
			if (n < max) {
				memcpy(out[n].keys, keys, sizeof keys);
				out[n].name = actions_table[a - 1].name;
				out[n].help = actions_table[a - 1].help;
			}
			n++;
		}
		if (headings[m] && n == first + 1)
			n--; /* nothing bound in that mode: no heading either */
	}
	return n;
}

void actions_print_keys(const struct keymap *km, FILE *out)
{
	size_t n = actions_help_lines(km, NULL, 0);
	struct help_line *lines = xreallocarray(NULL, n ? n : 1, sizeof *lines);
	actions_help_lines(km, lines, n);
	for (size_t i = 0; i < n; i++) {
		if (!lines[i].name)
			fprintf(out, "%s\n", lines[i].help);
		else
			fprintf(out, "%-*s %-14s %s\n", ACTIONS_KEYS_COLS, lines[i].keys,
				lines[i].name, lines[i].help);
	}
	free(lines);
}
