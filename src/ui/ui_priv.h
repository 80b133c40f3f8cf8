/* ui_priv: state and drawing helpers shared by the UI's files (ui.c, the
 * claims overview, the note editor). Private to the UI layer. */
#ifndef CROSSREAD_UI_PRIV_H
#define CROSSREAD_UI_PRIV_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "crossread/reader/reader.h"
#include "crossread/ui/ui.h"

#define GUTTER 3
/* Ctrl-I told apart from Tab (CSI u / modifyOtherKeys, where the terminal
 * sends them): the curses key code ui_setup defines for those sequences */
#define UI_KEY_CTRL_I 01001

/* the screen around the reader: the reader's state is u->rd (reader.h) */
struct ui {
	struct reader rd;
	struct keymap keys;
	struct style styles[R_COUNT]; /* role -> colours and attributes (config) */
	int rows, cols;		      /* screen */
	bool too_small;
	bool mouse; /* the mouse is captured (set mouse on) */
	bool color;
	bool loading;
	/* what the next frame must draw again (READER_REDRAW_*): ui_frame draws
	 * only the panes named here unless READER_REDRAW_ALL is set */
	unsigned redraw;
	int dead_reads; /* quick ERRs in a row from the terminal (ui_get_key) */
	size_t ov_top;	/* first row of the claims overview shown */
};

attr_t ui_attr(const struct ui *u, enum role r, short *pair);
/* Draw text sanitised (controls visible) at y, x in at most maxw columns.
 * Returns the columns used. */
int ui_draw_text(struct ui *u, int y, int x, int maxw, const char *s, size_t len, enum role r);
void ui_fill(struct ui *u, int y, int x, int w, enum role r);
/* Read a line in the status line; returns a malloc'd UTF-8 string, or NULL
 * if cancelled. */
char *ui_prompt(struct ui *u, const char *prompt);
/* the same, the line starting as initial (may be NULL) and Tab completing
 * and cycling through choices, the matching ones shown above the prompt */
char *ui_prompt_edit(struct ui *u, const char *prompt, const char *initial,
		     const char *const *choices, size_t nchoices);
/* Ask a one-key question; returns the key (lower-cased), or 0 on Esc. */
int ui_ask(struct ui *u, const char *question, const char *choices);
void ui_draw(struct ui *u);
/* Wait up to timeout_ms for a key: get_wch's result (ERR on time-out), or
 * UI_GONE once a terminating signal came or the terminal is gone. Every
 * loop that reads keys goes through here, so none can spin or hang. */
#define UI_GONE (-2)
int ui_get_key(struct ui *u, wint_t *wc, int timeout_ms);
/* The event loop's frame: like ui_draw, but when only a pane changed (a
 * scroll) only that pane and the status line are drawn again. */
void ui_frame(struct ui *u);

/* terminal modes, colours, mouse and panes, after set_term (ui_run, the bench) */
void ui_setup(struct ui *u, struct session *s, const struct ui_opts *o);
/* what ui_run does for a resize and for a key's action (the bench drives them) */
void ui_geometry(struct ui *u);
/* xterm mode 1002 (motion while a button is down) on or off, if the mouse is captured */
void ui_mouse_drag_mode(struct ui *u, bool on);
void ui_do_action(struct ui *u, enum action act);
/* curses key code (get_wch: r, wc) as the reader's (actions.h), or -1 */
int ui_reader_key(int r, wint_t wc);

/* the claims overview (ui_overview.c), while the reader has it open */
void ui_draw_overview(struct ui *u);

/* the note editor (ui_editor.c): edit a note in a popup; initial may be
 * NULL. journal_key names what the note belongs to (a claim id) and note_id
 * the note being edited (NULL for a new one), for the journal. Returns the
 * new text (malloc'd) or NULL if cancelled. */
char *ui_edit_note(struct ui *u, const char *title, const char *initial, const char *journal_key,
		   const char *note_id);
/* Edit text in $VISUAL/$EDITOR (ui_extedit.c); returns malloc'd text or NULL
 * (message set). */
char *ui_edit_external(struct ui *u, const char *initial);
/* personal annotations on screen (ui_annot.c) */
void ui_draw_note_panel(struct ui *u, int p);
void ui_journal_offer(struct ui *u);
/* true once a terminating signal arrived (editors flush and return) */
bool ui_signalled(void);

#endif
