/* ui_keys: the action table shared by dispatch, the help screen and
 * `crossread --keys`. Private to the UI layer. */
#ifndef CROSSREAD_UI_KEYS_H
#define CROSSREAD_UI_KEYS_H

#include <stddef.h>

enum action {
	ACT_NONE,
	ACT_LINE_DOWN,
	ACT_LINE_UP,
	ACT_PAGE_DOWN,
	ACT_PAGE_UP,
	ACT_HALF_DOWN,
	ACT_HALF_UP,
	ACT_TOP,
	ACT_BOTTOM,
	ACT_SWITCH,
	ACT_SEARCH,
	ACT_SEARCH_NEXT,
	ACT_SEARCH_PREV,
	ACT_CLAIM_NEXT,
	ACT_CLAIM_PREV,
	ACT_FOLLOW,
	ACT_JUMP_BACK,
	ACT_JUMP_FORWARD,
	ACT_OVERVIEW,
	ACT_NOTE_ADD,
	ACT_NOTE_EXTERNAL,
	ACT_NOTE_EDIT,
	ACT_NOTE_DELETE,
	ACT_NOTE_NEXT,
	ACT_UNDO,
	ACT_VISUAL,
	ACT_MARK_CLAIM,
	ACT_LINK,
	ACT_SUGGEST,
	ACT_ACCEPT,
	ACT_REDRAW,
	ACT_HELP,
	ACT_QUIT,
	ACT_COUNT
};

#define KEY_CODES_MAX 4

/* A key as the action table holds it: a character as itself, a function
 * key (curses' KEY_DOWN, ...) with this bit set, so that no character can
 * pass for one ('\u0102' is KEY_DOWN's number). */
#define UI_FKEY(k) ((k) | 0x1000000)
/* Ctrl-I told apart from Tab (CSI u / modifyOtherKeys, where the terminal
 * sends them): the code the UI defines for those sequences */
#define UI_KEY_CTRL_I 01001

struct action_def {
	enum action act;
	const char *name;	  /* for messages and the key list */
	const char *keys;	  /* as shown to the user */
	const char *help;	  /* one line */
	int codes[KEY_CODES_MAX]; /* keys (characters, UI_FKEY(curses code)), 0-terminated */
};

extern const struct action_def ui_actions[];
extern const size_t ui_nactions;

enum action ui_action_for_key(int key);
const struct action_def *ui_action_def(enum action act);

#endif
