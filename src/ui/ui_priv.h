/* ui_priv: state and drawing helpers shared by the UI's files (ui.c, the
 * claims overview, the note editor). Private to the UI layer. */
#ifndef CROSSREAD_UI_PRIV_H
#define CROSSREAD_UI_PRIV_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "crossread/view/layout.h"
#include "crossread/match/match.h"
#include "crossread/match/search.h"
#include "crossread/reader/session.h"
#include "crossread/ui/ui.h"
#include "crossread/ui/ui_keys.h"

/* Style roles: drawing code names a role, never a colour. */
enum role {
	R_NORMAL,
	R_HEADER,
	R_HEADER_FOCUS,
	R_DIVIDER,
	R_STATUS,
	R_CONTROL,
	R_SEARCH,
	R_ACCUSATION,
	R_REBUTTAL,
	R_CLAIM,
	R_SUGGEST,
	R_VISUAL,
	R_MARK,
	R_NOTE,
	R_ERROR,
	R_HEADING,
	R_EMPH,
	R_STRONG,
	R_LINK,
	R_CODE,
	R_QUOTE,
	R_RULE,
	R_DIM,
	R_SELECTED,
	R_COUNT
};

#define GUTTER 3

struct pane {
	size_t art; /* index into session.arts */
	struct layout *lay;
	struct lpos top;
	int x, w;	  /* whole pane */
	int textx, textw; /* text area */
	size_t sel;	  /* selected claim or ANNOT_NONE */
	bool has_hit;
	size_t hit_s, hit_e;
	/* which of the selected claim's notes the panel shows (note_k of
	 * note_claim's; another claim selected starts at its first) */
	size_t note_claim, note_k;
	/* visual selection */
	bool visual;
	size_t vis_anchor, vis_cursor;
};

struct ui {
	struct session *s;
	struct pane pane[2];
	int npanes;
	int focus;
	int rows, cols; /* screen */
	int body;	/* text rows per pane */
	bool too_small;
	bool color;
	bool help;
	int help_top;
	char msg[512];
	enum role msg_role;
	bool has_pat;
	struct pattern pat;
	struct {
		bool active;
		size_t origin;
		size_t k;
		int row;
		int origin_pane;
	} follow;
	bool quit;
	bool loading;
	/* what the next frame must draw again: ui_frame draws only the panes
	 * named here unless UI_REDRAW_ALL is set */
	unsigned redraw;
	/* a link being made with l ... l */
	bool link_pending;
	size_t link_from;
	/* suggested matches (s) */
	bool show_sugg;
	struct match_pair *sugg;
	size_t nsugg;
	size_t sugg_art[2]; /* the articles they were computed for */
	bool sugg_valid;
	size_t sugg_sel; /* selected suggestion, or SIZE_MAX */
	int sugg_sel_pane;
	/* per pane: suggestion indexes sorted by sentence start, and the
	 * running maximum of their ends, so a cell or a key looks them up in
	 * O(log n) however many there are */
	size_t *sugg_sorted[2];
	size_t *sugg_maxend[2];
	int dead_reads; /* quick ERRs in a row from the terminal (ui_get_key) */
};

#define UI_REDRAW_PANE(p) (1u << (p))
#define UI_REDRAW_ALL	  4u

attr_t ui_attr(const struct ui *u, enum role r, short *pair);
/* Draw text sanitised (controls visible) at y, x in at most maxw columns.
 * Returns the columns used. */
int ui_draw_text(struct ui *u, int y, int x, int maxw, const char *s, size_t len, enum role r);
void ui_fill(struct ui *u, int y, int x, int w, enum role r);
void ui_message(struct ui *u, enum role r, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Read a line in the status line; returns a malloc'd UTF-8 string, or NULL
 * if cancelled. */
char *ui_prompt(struct ui *u, const char *prompt);
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
/* Put claim c in view in pane p (at row `row` if >= 0, else only if
 * needed), select it and focus the pane. */
void ui_show_claim(struct ui *u, int p, size_t c, int row);
void ui_view_save(struct ui *u, struct view_state *v);
void ui_view_restore(struct ui *u, const struct view_state *v);
/* Show article art in pane p (switching the pane's article if needed). */
void ui_pane_set_article(struct ui *u, int p, size_t art);
int ui_pane_of_art(struct ui *u, size_t art);

/* terminal modes, colours, mouse and panes, after set_term (ui_run, the bench) */
void ui_setup(struct ui *u, struct session *s, const struct ui_opts *o);
/* what ui_run does for a resize and for a key's action (the bench drives them) */
void ui_geometry(struct ui *u);
void ui_do_action(struct ui *u, enum action act);

/* the claims overview (ui_overview.c) */
void ui_overview(struct ui *u);

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
void ui_annot_action(struct ui *u, int act);
bool ui_visual_key(struct ui *u, int key);
void ui_draw_note_panel(struct ui *u, int p);
int ui_sugg_at(struct ui *u, int p, size_t off); /* 0 no, 1 shown, 2 selected */
/* the first offset after off where ui_sugg_at(u, p, .) may change */
size_t ui_sugg_edge(struct ui *u, int p, size_t off);
size_t ui_sugg_next(struct ui *u, int p, size_t off, int dir, size_t *start);
void ui_sugg_select(struct ui *u, int p, size_t i);
bool ui_sugg_follow(struct ui *u);
void ui_journal_offer(struct ui *u);
bool ui_confirm_quit(struct ui *u);
void ui_annot_free(struct ui *u);
/* true once a terminating signal arrived (editors flush and return) */
bool ui_signalled(void);

#endif
