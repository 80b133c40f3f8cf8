/* reader: the reader's state below the screen: what each pane shows (article,
 * top row, selected claim, search hit, visual selection, the note shown),
 * focus, link following, the search pattern, suggested matches, a link
 * being made, the claims overview, the message for the status line. The
 * actions (actions.c) change it and say what must be drawn again; the ui
 * only reads keys, calls them and paints. Questions to the user (a prompt,
 * a one-key choice, the note editors) go through struct reader_io, so tests
 * answer them without a terminal. */
#ifndef CROSSREAD_READER_H
#define CROSSREAD_READER_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "crossread/match/match.h"
#include "crossread/match/search.h"
#include "crossread/reader/actions.h"
#include "crossread/reader/look.h"
#include "crossread/reader/session.h"
#include "crossread/reader/story.h"
#include "crossread/view/layout.h"

/* at most this many panes side by side: three on a terminal of at least
 * READER_WIDE_COLS columns (`set panes`, the layout key) */
#define READER_MAX_PANES 3
#define READER_WIDE_COLS 200

/* the layout asked for: two panes, three, or three when the terminal is wide */
enum reader_panes { PANES_AUTO, PANES_2, PANES_3 };

struct pane {
	size_t art; /* index into session.arts */
	struct layout *lay;
	struct lpos top;
	int x, w;	  /* whole pane, in screen columns (set by the ui) */
	int textx, textw; /* text area */
	size_t sel;	  /* selected claim or ANNOT_NONE */
	bool has_hit;
	size_t hit_s, hit_e;
	/* which of the selected claim's notes the panel shows (note_k of
	 * note_claim's; another claim selected starts at its first) */
	size_t note_claim, note_k;
	/* the cursor (cursor.h) and the column j/k keep (-1: none yet) */
	size_t cur;
	int goal;
	/* a selection from vis_anchor to the cursor */
	bool visual;
	size_t vis_anchor;
};

/* What the user is asked, answered by the ui (or a test). */
struct reader_io {
	void *ctx;
	/* a line typed after prompt: malloc'd UTF-8, NULL if cancelled */
	char *(*prompt)(void *ctx, const char *prompt);
	/* one of choices (lower case), 0 if cancelled */
	int (*ask)(void *ctx, const char *question, const char *choices);
	/* the note editors: malloc'd text, NULL if cancelled (see ui_edit_note) */
	char *(*edit_note)(void *ctx, const char *title, const char *initial,
			   const char *journal_key, const char *note_id);
	char *(*edit_external)(void *ctx, const char *initial);
	/* a long search shows the message set; true: the user cancelled */
	bool (*progress)(void *ctx);
	/* issue 13 (h13-edit): a line typed after prompt, starting as initial
	 * (may be NULL), Tab completing and cycling through choices (shown
	 * while typing); malloc'd, NULL if cancelled. NULL: prompt is used. */
	char *(*prompt_edit)(void *ctx, const char *prompt, const char *initial,
			     const char *const *choices, size_t nchoices);
};

/* what an action leaves to be drawn again */
#define READER_REDRAW_PANE(p) (1u << (p))
#define READER_REDRAW_ALL     16u
#define READER_REDRAW_CLEAR   32u /* the terminal may show garbage: repaint every cell */
#define READER_REDRAW_LAYOUT  64u /* the panes' number may change: lay them out again */

struct reader {
	struct session *s;
	const struct keymap *keys;
	struct reader_io io;
	struct pane pane[READER_MAX_PANES];
	int npanes;
	int focus;
	/* the pane focused before: "the other pane" of three (links, lock) */
	int prev_focus;
	enum reader_panes panes_pref;
	int body; /* text rows per pane (set by the ui) */
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
	/* a link being made with l ... l */
	bool link_pending;
	size_t link_from;
	/* suggested matches (s) */
	bool show_sugg;
	struct match_pair *sugg;
	size_t nsugg;
	size_t sugg_art[2]; /* the articles they were computed for */
	int sugg_pane[2];   /* the panes showing them: side 0 (a) and side 1 (b) */
	bool sugg_valid;
	size_t sugg_sel; /* selected suggestion, or SIZE_MAX */
	int sugg_sel_pane;
	/* per pane: suggestion indexes sorted by sentence start, and the
	 * running maximum of their ends, so a cell or a key looks them up in
	 * O(log n) however many there are */
	size_t *sugg_sorted[2];
	size_t *sugg_maxend[2];
	/* the matcher's work kept for the session (suggest.c): the story's
	 * articles each prepared once, and each pair's matches before the
	 * links that cover them are taken out */
	struct sugg_cache *sugg_cache;
	/* the claims overview (c), while open */
	struct {
		bool open;
		struct ov_item *items;
		size_t n, sel;
		int rows; /* rows it shows (set by the ui), for page-down */
		/* issue 15: the article list (L) uses the same list and keys:
		 * items is NULL, n the number of articles, sel the one chosen */
		bool articles;
		/* issue 13: every item (items holds those the filters let
		 * through), the search as typed and folded, the tag shown */
		struct ov_item *all;
		size_t nall;
		char *search, *search_folded, *tag;
	} ov;
	/* issue 15: the story as a whole (story.h), built again from the
	 * annotations whenever a key needs it (reader_story) */
	struct story story;
	bool has_story;
	/* scroll lock (=, `set scroll-lock on`): the other pane follows */
	bool scroll_lock;
	/* issue 13: a mouse drag under way (button 1 pressed at anchor) */
	struct {
		bool active;
		int pane;
		size_t anchor;
	} drag;
	/* Y: whether OSC 52 may be written (clipboard.h), and the sequence
	 * the ui writes to the terminal after the action (malloc'd, or NULL) */
	int clip_mode;
	bool clip_announced;
	char *clip_out;
	size_t clip_len;
	/* issue 13: the link Enter followed last and the claim it led to, by
	 * id (indexes move): its note is shown, and a, E and D act on it
	 * until another key (edit.h: reader_followed_link) */
	char *followed_link, *followed_to;
};

/* Panes on the session's first articles, a layout width of 40 until the ui
 * sets the geometry (reader_set_width). */
void reader_init(struct reader *r, struct session *s, const struct keymap *keys,
		 const struct reader_io *io);
void reader_free(struct reader *r);
/* after the ui set pane[p].textw and body: lay the panes out again */
void reader_relayout(struct reader *r);

void reader_message(struct reader *r, enum role role, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* the save's outcome after a change: what, and the store's message */
void reader_report_save(struct reader *r, const char *what);
/* the note the editor returned is on disk: its journal can go */
void reader_note_stored(struct reader *r);

/* the mode keys are looked up in */
enum reader_mode reader_mode(const struct reader *r);
/* A key (reader key code) in the current mode: what must be drawn again
 * (0 if the key is bound to nothing). */
unsigned reader_key(struct reader *r, int key);
unsigned reader_do(struct reader *r, enum action act);

struct article *reader_article(struct reader *r, int p);
/* Show article art in pane p (switching the pane's article if needed). */
void reader_pane_set_article(struct reader *r, int p, size_t art);
int reader_pane_of_art(struct reader *r, size_t art);
void reader_scroll(struct reader *r, int p, long rows);
/* Put claim c in view in pane p (at row `row` if >= 0, else only if
 * needed), select it and focus the pane. */
void reader_show_claim(struct reader *r, int p, size_t c, int row);
void reader_view_save(struct reader *r, struct view_state *v);
void reader_view_restore(struct reader *r, const struct view_state *v);
/* screen row (0-based in the text area) of offset off in pane p, or -1 */
int reader_row_on_screen(struct reader *r, int p, size_t off);
/* a click at text row y, column x of pane p: focus it, put the cursor
 * there and select the claim there */
void reader_click(struct reader *r, int p, int y, int x);
/* issue 13: the mouse's button 1 pressed, moved while pressed, released at
 * text row y, column x of pane p: a press is a click, a motion away from
 * where it was pressed selects from there to the pointer */
void reader_mouse_press(struct reader *r, int p, int y, int x);
void reader_mouse_drag(struct reader *r, int p, int y, int x);
void reader_mouse_release(struct reader *r, int p, int y, int x);
/* the cursor of pane p in view (the view scrolls to it), or dragged onto
 * the screen (the view stays) */
void reader_cursor_show(struct reader *r, int p);
void reader_cursor_drag(struct reader *r, int p);
/* the selection of pane p as [*lo, *hi); false if there is none */
bool reader_selection(struct reader *r, int p, size_t *lo, size_t *hi);
/* the search pattern (what / sets), without searching */
void reader_set_pattern(struct reader *r, const char *text);

/* issue 15: the story of the open articles, built afresh (the annotations
 * may have changed since the last key) */
const struct story *reader_story(struct reader *r);
/* article art in the focused pane; when the other pane shows it, the panes
 * swap, so that two panes never show one article by this key */
void reader_choose_article(struct reader *r, size_t art);
void reader_swap_panes(struct reader *r); /* the focused pane and its other */
/* scroll lock: put the other pane where story_lock_top says for pane p */
void reader_lock_follow(struct reader *r, int p);

/* issue 13: the claims overview's lines (ov.all) from the annotations as
 * they are now (session_overview and the story's part): how many */
size_t reader_ov_build(struct reader *r);

/* Three panes (issue 15). The panes for a terminal of cols columns, as
 * panes_pref says and the story allows (2 when it has two articles). */
int reader_panes_for(const struct reader *r, int cols);
/* Show n panes (1..3, at most the story's articles): a new pane shows the
 * first article no pane shows; a pane that goes gives its article to the
 * one before it if it had the focus. */
void reader_set_npanes(struct reader *r, int n);
/* focus pane p (remembering the pane it leaves) */
void reader_focus(struct reader *r, int p);
/* the pane a link from pane p opens in: with two panes the other, with
 * three the one focused before p */
int reader_other_pane(const struct reader *r, int p);
/* the articles of panes p and q change places */
void reader_swap_two(struct reader *r, int p, int q);
/* "2", "3" or "auto" */
const char *reader_panes_name(enum reader_panes p);

/* suggestions (suggest.c): between the focused pane and its other pane;
 * shown while s is on, computed again when those panes' articles change */
int reader_sugg_at(struct reader *r, int p, size_t off); /* 0 no, 1 shown, 2 selected */
/* the first offset after off where reader_sugg_at(r, p, .) may change */
size_t reader_sugg_edge(struct reader *r, int p, size_t off);
size_t reader_sugg_next(struct reader *r, int p, size_t off, int dir, size_t *start);
void reader_sugg_select(struct reader *r, int p, size_t i);
bool reader_sugg_follow(struct reader *r);
void reader_sugg_toggle(struct reader *r);
/* the matcher's work kept for the session, freed (reader_free) */
void reader_sugg_free(struct reader *r);
void reader_sugg_accept(struct reader *r);
/* which side of the suggestions pane p shows: 0 (a), 1 (b) or -1 */
int reader_sugg_side(const struct reader *r, int p);
/* after a key: suggestions on and their panes' articles changed (or the
 * pair of panes did): compute them again; true if they were */
bool reader_sugg_refresh(struct reader *r);

/* the note the panel shows for pane p's selected claim: its index, and (if
 * k and n are not NULL) its place among the claim's n notes; ANNOT_NONE */
size_t reader_shown_note(struct reader *r, int p, size_t *k, size_t *n);
/* Where a restored note goes when what it was on is gone: the selected
 * claim, else a new claim on the focused article's first line (malloc'd id,
 * NULL if none could be made). */
char *reader_restore_target(struct reader *r, const char *on);
/* quit: save first, asking what to do if that fails; true to quit */
bool reader_confirm_quit(struct reader *r);
/* A question answered by one key of `choices` (the io's ask): the key, 0
 * when cancelled or when there is no one to ask. */
int reader_ask(struct reader *r, const char *q, const char *choices);
/* Asks a link's relation ("r) rebuts  c) counters ... — what"): false when
 * cancelled, else *rel. */
bool reader_ask_relation(struct reader *r, const char *what, enum link_rel *rel);
/* A note's text from the popup editor (its title; `on` names what it is
 * on, for the journal) or from $VISUAL / $EDITOR (external): malloc'd,
 * NULL when nothing was written or there is no editor. */
char *reader_note_text(struct reader *r, const char *title, const char *on, bool external);

#endif
