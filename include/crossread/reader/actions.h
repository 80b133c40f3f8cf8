/* actions: every user action, declared once: the reader's (READER_ACTIONS,
 * dispatched by actions.c on a struct reader) and the editing actions of the
 * note editor and of prompts (EDIT_ACTIONS, dispatched by editkey.c on an
 * editbuf). Each has its name, its default keys in each mode and its help
 * text. The enum, both dispatches, the help screen, `crossread --keys` and
 * the config file's `bind` all come from these lists, so they cannot
 * disagree. Key codes are the reader's own (below), not curses': the ui maps
 * curses' codes to them. */
#ifndef CROSSREAD_ACTIONS_H
#define CROSSREAD_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Keys: a character is its code point; a key that is not a character has a
 * code at or above RK_FN, so that no character can pass for one. */
#define RK_FN	   0x1000000
#define RK_CTRL(c) ((c)&0x1f)
#define RK_ESC	   27
/* Enter is one key whatever the terminal sends (CR, LF, keypad Enter): the
 * ui hands it over as RK_ENTER */
enum reader_key {
	RK_DOWN = RK_FN + 1,
	RK_UP,
	RK_LEFT,
	RK_RIGHT,
	RK_PGDN,
	RK_PGUP,
	RK_HOME,
	RK_END,
	RK_ENTER,
	RK_BACKSPACE,
	RK_DELETE,
	RK_CTRL_I, /* told apart from Tab (kitty's CSI u, xterm's modifyOtherKeys) */
	RK_LAST
};

/* Where a key is pressed: each mode has bindings of its own. In visual mode
 * a key without a visual binding does what it does in the reader. The note
 * editor and the prompts (the status line asking for a search, a speaker, a
 * tag ...) take editing actions only; a character bound to nothing there is
 * typed. */
enum reader_mode { MODE_READER, MODE_VISUAL, MODE_OVERVIEW, MODE_EDITOR, MODE_PROMPT, MODE_COUNT };

#define ACTION_KEYS_MAX 4

/* X(ID, handler, name, reader keys, visual keys, overview keys, help): the
 * key lists are parenthesised, (0) for none. The handler is actions.c's
 * act_<handler>. */
#define READER_ACTIONS(X)                                                                          \
	X(LINE_DOWN, line_down, "line-down", ('j', RK_DOWN), (0), ('j', RK_DOWN),                  \
	  "move the cursor down a line (the view follows)")                                        \
	X(LINE_UP, line_up, "line-up", ('k', RK_UP), (0), ('k', RK_UP),                            \
	  "move the cursor up a line (the view follows)")                                          \
	X(PAGE_DOWN, page_down, "page-down", (' ', 'f', RK_PGDN), (0), (' ', 'f', RK_PGDN),        \
	  "scroll down a page, the cursor with it")                                                \
	X(PAGE_UP, page_up, "page-up", (RK_CTRL('b'), RK_PGUP), (0), (RK_CTRL('b'), RK_PGUP),      \
	  "scroll up a page, the cursor with it")                                                  \
	X(HALF_DOWN, half_down, "half-down", (RK_CTRL('d')), (0), (0), "down half a page")         \
	X(HALF_UP, half_up, "half-up", (RK_CTRL('u')), (0), (0), "up half a page")                 \
	X(TOP, top, "top", ('g', RK_HOME), (0), ('g', RK_HOME), "cursor to the article's start")   \
	X(BOTTOM, bottom, "bottom", ('G', RK_END), (0), ('G', RK_END),                             \
	  "cursor to the article's end")                                                           \
	X(SWITCH, switch_pane, "switch-pane", ('\t'), (0), (0), "focus the next pane")             \
	X(SEARCH, search, "search", ('/'), (0), (0), "search forward in the focused pane")         \
	X(SEARCH_NEXT, search_next, "search-next", ('n'), (0), (0), "next search hit")             \
	X(SEARCH_PREV, search_prev, "search-prev", ('N'), (0), (0), "previous search hit")         \
	X(CLAIM_NEXT, claim_next, "claim-next", (']'), (0), (0),                                   \
	  "select the next claim in the focused pane")                                             \
	X(CLAIM_PREV, claim_prev, "claim-prev", ('['), (0), (0), "select the previous claim")      \
	X(FOLLOW, follow, "follow-link", (RK_ENTER), (0), (RK_ENTER),                              \
	  "jump to the selected claim's partner (again: its next link)")                           \
	X(JUMP_BACK, jump_back, "jump-back", (RK_CTRL('o')), (0), (0),                             \
	  "go back in the jump history")                                                           \
	X(JUMP_FORWARD, jump_forward, "jump-forward", (RK_CTRL('n'), RK_CTRL_I), (0), (0),         \
	  "go forward in the jump history (Ctrl-I where the terminal tells it from Tab)")          \
	X(OVERVIEW, overview, "claims", ('c'), (0), ('c', 'q', RK_ESC),                            \
	  "claims overview: accusations and their rebuttals")                                      \
	X(NOTE_ADD, note_add, "note-add", ('a'), (0), (0),                                         \
	  "add a note to the selected claim or selection")                                         \
	X(NOTE_EXTERNAL, note_external, "note-editor", ('A'), (0), (0),                            \
	  "write the note in $VISUAL / $EDITOR")                                                   \
	X(NOTE_EDIT, note_edit, "note-edit", ('E'), (0), (0),                                      \
	  "edit the note shown, else your own selected claim or link")                             \
	X(NOTE_DELETE, note_delete, "note-delete", ('d'), (0), (0),                                \
	  "delete the note shown for the selected claim")                                          \
	X(NOTE_NEXT, note_next, "note-next", ('>'), (0), (0),                                      \
	  "show the selected claim's next note (it has several)")                                  \
	X(UNDO, undo, "undo", ('u'), (0), (0), "undo the last change to your annotations")         \
	X(VISUAL, visual, "visual", ('v'), (0), (0),                                               \
	  "start or cancel a selection at the cursor (the motions move its end)")                  \
	X(MARK_CLAIM, mark_claim, "mark-claim", ('m'), (0), (0), "make the selection a claim")     \
	X(LINK, link, "link", ('r'), (0), (0), "link the selected claim to one in the other pane") \
	X(SUGGEST, suggest, "suggestions", ('s'), (0), (0), "show or hide suggested matches")      \
	X(ACCEPT, accept, "accept", ('y'), (0), (0), "accept the selected suggestion as a link")   \
	/* issue 15: a story of N articles */                                                      \
	X(ARTICLES, articles, "articles", ('L'), (0), ('L'),                                       \
	  "article list: every article of the story (Enter shows it in the focused pane)")         \
	X(ARTICLE_1, article_1, "article-1", ('1'), (0), (0),                                      \
	  "show article 1 in the focused pane")                                                    \
	X(ARTICLE_2, article_2, "article-2", ('2'), (0), (0),                                      \
	  "show article 2 in the focused pane")                                                    \
	X(ARTICLE_3, article_3, "article-3", ('3'), (0), (0),                                      \
	  "show article 3 in the focused pane")                                                    \
	X(ARTICLE_4, article_4, "article-4", ('4'), (0), (0),                                      \
	  "show article 4 in the focused pane")                                                    \
	X(ARTICLE_5, article_5, "article-5", ('5'), (0), (0),                                      \
	  "show article 5 in the focused pane")                                                    \
	X(ARTICLE_6, article_6, "article-6", ('6'), (0), (0),                                      \
	  "show article 6 in the focused pane")                                                    \
	X(ARTICLE_7, article_7, "article-7", ('7'), (0), (0),                                      \
	  "show article 7 in the focused pane")                                                    \
	X(ARTICLE_8, article_8, "article-8", ('8'), (0), (0),                                      \
	  "show article 8 in the focused pane")                                                    \
	X(ARTICLE_9, article_9, "article-9", ('9'), (0), (0),                                      \
	  "show article 9 in the focused pane")                                                    \
	X(SWAP, swap, "swap-panes", ('X'), (0), (0),                                               \
	  "swap the articles of the focused and the other pane")                                   \
	X(SCROLL_LOCK, scroll_lock, "scroll-lock", ('='), (0), (0),                                \
	  "scroll lock: the other pane follows, keeping linked claims on one row")                 \
	X(LAYOUT, layout, "panes", ('P'), (0), (0),                                                \
	  "panes: two, three, or three when the terminal is 200 columns wide (auto)")              \
	/* end of issue 15's actions */                                                            \
	/* issue 13 (h13-cursor): the cursor, selection and copying */                             \
	X(CHAR_LEFT, char_left, "char-left", ('h', RK_LEFT), (0), (0),                             \
	  "move the cursor a character left")                                                      \
	X(CHAR_RIGHT, char_right, "char-right", ('l', RK_RIGHT), (0), (0),                         \
	  "move the cursor a character right")                                                     \
	X(WORD_NEXT, word_next, "word-next", ('w'), (0), (0), "cursor to the next word's start")   \
	X(WORD_PREV, word_prev, "word-prev", ('b'), (0), (0),                                      \
	  "cursor to this or the previous word's start")                                           \
	X(WORD_END, word_end, "word-end", ('e'), (0), (0),                                         \
	  "cursor to this or the next word's end")                                                 \
	X(ROW_START, row_start, "row-start", ('0'), (0), (0), "cursor to the row's start")         \
	X(ROW_END, row_end, "row-end", ('$'), (0), (0), "cursor to the row's end")                 \
	X(SCROLL_DOWN, scroll_down, "scroll-down", (RK_CTRL('e')), (0), (0),                       \
	  "scroll a line down (the cursor stays on screen)")                                       \
	X(SCROLL_UP, scroll_up, "scroll-up", (RK_CTRL('y')), (0), (0),                             \
	  "scroll a line up (the cursor stays on screen)")                                         \
	X(CLEAR, clear, "clear", (RK_ESC), (0), (0), "clear the selection and the selected claim") \
	X(COPY, copy, "copy", ('Y'), (0), (0),                                                     \
	  "copy the selection or the selected claim's quote to the clipboard (OSC 52)")            \
	/* end of h13-cursor's actions */                                                          \
	/* issue 13 (h13-edit): deleting what is yours, redo */                                    \
	X(ENTRY_DELETE, entry_delete, "delete", ('D'), (0), (0),                                   \
	  "delete your own selected claim (with its links and notes) or link")                     \
	X(REDO, redo, "redo", (RK_CTRL('r')), (0), (0), "redo what u undid")                       \
	/* end of h13-edit's actions */                                                            \
	/* issue 13 (h13-notes): tags, notes on links and articles, overview filters */            \
	X(TAG, tag, "tag", ('t'), (0), (0),                                                        \
	  "add or remove a tag on your selected claim or the note shown")                          \
	X(OV_SEARCH, ov_search, "filter-search", (0), (0), ('/'),                                  \
	  "claims overview: show only the groups matching a search")                               \
	X(OV_TAG, ov_tag, "filter-tag", (0), (0), ('t'),                                           \
	  "claims overview: show only the groups with a tag")                                      \
	X(OV_NOTE, ov_note, "note-row", (0), (0), ('a'),                                           \
	  "note the selected link (overview) or article (article list)")                           \
	/* end of issue 13's notes actions */                                                      \
	X(REDRAW, redraw, "redraw", (RK_CTRL('l')), (0), (0), "redraw the screen")                 \
	X(HELP, help, "help", ('?'), (0), (0), "show or hide this help")                           \
	X(QUIT, quit, "quit", ('q'), (0), (0), "quit")

/* X(ID, handler, name, editor keys, prompt keys, help): the editing actions,
 * as READER_ACTIONS (the handler is editkey.c's ed_<handler>). In a prompt
 * Enter takes the answer (edit-save) rather than starting a line. */
#define EDIT_ACTIONS(X)                                                                            \
	X(ED_LEFT, left, "edit-left", (RK_LEFT), (RK_LEFT), "cursor a character left")             \
	X(ED_RIGHT, right, "edit-right", (RK_RIGHT), (RK_RIGHT), "cursor a character right")       \
	X(ED_UP, up, "edit-up", (RK_UP), (0), "cursor up a row, keeping its column")               \
	X(ED_DOWN, down, "edit-down", (RK_DOWN), (0), "cursor down a row, keeping its column")     \
	X(ED_PAGE_UP, page_up, "edit-page-up", (RK_PGUP), (0), "cursor up a page of rows")         \
	X(ED_PAGE_DOWN, page_down, "edit-page-down", (RK_PGDN), (0), "cursor down a page of rows") \
	X(ED_HOME, home, "edit-home", (RK_HOME, RK_CTRL('a')), (RK_HOME, RK_CTRL('a')),            \
	  "cursor to the line's start")                                                            \
	X(ED_END, end, "edit-end", (RK_END, RK_CTRL('e')), (RK_END, RK_CTRL('e')),                 \
	  "cursor to the line's end")                                                              \
	X(ED_BACKSPACE, backspace, "edit-backspace", (RK_BACKSPACE, RK_CTRL('h'), 127),            \
	  (RK_BACKSPACE, RK_CTRL('h'), 127), "delete the character before the cursor")             \
	X(ED_DELETE, delete, "edit-delete", (RK_DELETE, RK_CTRL('d')), (RK_DELETE, RK_CTRL('d')),  \
	  "delete the character under the cursor")                                                 \
	X(ED_KILL, kill, "edit-kill", (0), (RK_CTRL('u')),                                         \
	  "delete from the line's start to the cursor")                                            \
	X(ED_NEWLINE, newline, "edit-newline", (RK_ENTER), (0), "start a new line")                \
	X(ED_COMPLETE, complete, "edit-complete", (0), ('\t'),                                     \
	  "complete from the choices shown (again: the next one)")                                 \
	X(ED_SAVE, save, "edit-save", (RK_CTRL('s'), RK_CTRL('x')), (RK_ENTER),                    \
	  "save the note; in a prompt, take the answer")                                           \
	X(ED_CANCEL, cancel, "edit-cancel", (RK_ESC, RK_CTRL('c'), RK_CTRL('g')),                  \
	  (RK_ESC, RK_CTRL('c'), RK_CTRL('g')), "cancel (the editor asks before dropping text)")

enum action {
	ACT_NONE,
#define ACTIONS_ENUM(id, fn, name, kr, kv, ko, help) ACT_##id,
	READER_ACTIONS(ACTIONS_ENUM)
#undef ACTIONS_ENUM
#define ACTIONS_EDIT_ENUM(id, fn, name, ke, kp, help) ACT_##id,
	    EDIT_ACTIONS(ACTIONS_EDIT_ENUM)
#undef ACTIONS_EDIT_ENUM
		ACT_COUNT
};
/* the first editing action: reader actions are below it */
#define ACT_EDIT_FIRST ACT_ED_LEFT

/* an editing action (EDIT_ACTIONS) rather than a reader one */
bool actions_is_edit(enum action act);
/* whether mode m takes action act: the editor and prompt modes take the
 * editing actions, the others the reader's */
bool actions_mode_takes(int m, enum action act);

struct action_def {
	enum action act;
	const char *name;
	const char *help;
	int keys[MODE_COUNT][ACTION_KEYS_MAX + 1]; /* default keys, 0-terminated */
};

/* the table, ACT_COUNT - 1 entries in declaration order (index act - 1) */
extern const struct action_def actions_table[];
const struct action_def *actions_def(enum action act);
enum action actions_by_name(const char *name);
const char *actions_mode_name(enum reader_mode m);
/* the mode named so, or -1 */
int actions_mode_by_name(const char *name);

/* Key bindings: the defaults of the table, changed by the config file. */
struct keymap {
	struct binding {
		int mode, key;
		enum action act;
	} * b;
	size_t n, cap;
};
void keymap_defaults(struct keymap *km);
void keymap_free(struct keymap *km);
/* bind replaces what key did in mode; unbind returns false if it did nothing */
void keymap_bind(struct keymap *km, int mode, int key, enum action act);
bool keymap_unbind(struct keymap *km, int mode, int key);
/* the action key is bound to in mode; in visual mode falling back to the
 * reader's bindings; ACT_NONE if none */
enum action keymap_lookup(const struct keymap *km, int mode, int key);
/* "j Down" for act in mode: its keys by name, in binding order */
void keymap_keys_text(const struct keymap *km, int mode, enum action act, char *out, size_t cap);

/* Key names as the config file and the key list write them: a character
 * as itself, "Space", "Tab", "Enter", "Esc", "Ctrl-D", "Down", "PgUp", ...
 * key_name returns a static buffer; key_parse returns -1 for no key. */
const char *key_name(int key);
int key_parse(const char *s, size_t len);

/* The key list, mode by mode: a heading line per mode after the reader's
 * (keys empty, help the heading), then each action bound in that mode.
 * `crossread --keys` prints it, the help screen shows it. */
struct help_line {
	char keys[40];
	const char *name; /* NULL on a heading */
	const char *help;
};
/* fills up to max lines, returns how many there are */
size_t actions_help_lines(const struct keymap *km, struct help_line *out, size_t max);
void actions_print_keys(const struct keymap *km, FILE *out);
/* the width of the keys column in that list and on the help screen */
#define ACTIONS_KEYS_COLS 20

#endif
