/* editbuf: the note editor's text model, without a screen. A UTF-8 buffer
 * with a cursor that always sits on a grapheme cluster boundary, the edits a
 * reader makes while typing a note, cursor movement in display columns, and
 * wrapping for display. The text is always valid UTF-8 holding no control
 * character but '\n' (tabs become spaces), and never more than `max` bytes. */
#ifndef CROSSREAD_EDITBUF_H
#define CROSSREAD_EDITBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* a note is prose, not a document: 64 KiB is pages of it */
#define EDITBUF_MAX_DEFAULT ((size_t)64 << 10)

/* results of the inserting functions */
enum editbuf_rc {
	EDITBUF_OK = 0,
	EDITBUF_REFUSED = -1, /* a control character (or not a code point) was dropped */
	EDITBUF_FULL = -2     /* the text would exceed max; what did not fit was dropped */
};

struct editbuf {
	char *s; /* NUL-terminated; never NULL after editbuf_init */
	size_t len, cap;
	size_t cur;    /* cursor: byte offset on a cluster boundary */
	size_t max;    /* most bytes the text may hold */
	size_t goal;   /* display column that up/down try to keep */
	bool has_goal; /* goal is set by the first up/down, cleared by anything else */
};

/* One row of wrapped text: [start, end), end excludes the line's '\n'. */
struct editbuf_row {
	size_t start, end;
};
struct editbuf_rows {
	struct editbuf_row *row;
	size_t n, cap;
};

void editbuf_init(struct editbuf *b, size_t max);
void editbuf_free(struct editbuf *b);
/* Replace the text with s[0..len) filtered as if typed (invalid bytes become
 * U+FFFD, CR LF and CR become '\n', tabs spaces, other controls dropped,
 * what does not fit in max dropped); the cursor goes to the end. */
int editbuf_set(struct editbuf *b, const char *s, size_t len);
/* Insert one code point at the cursor; the cursor moves after it. */
int editbuf_insert_cp(struct editbuf *b, int32_t cp);
/* Insert a string (filtered as in editbuf_set) at the cursor. */
int editbuf_insert(struct editbuf *b, const char *s, size_t len);
int editbuf_newline(struct editbuf *b);

/* Each returns true if the text or the cursor changed. */
bool editbuf_backspace(struct editbuf *b);     /* at a line start: joins the lines */
bool editbuf_delete(struct editbuf *b);	       /* at a line end: joins the lines */
bool editbuf_kill_to_start(struct editbuf *b); /* from the line's start to the cursor */
bool editbuf_left(struct editbuf *b);
bool editbuf_right(struct editbuf *b);
bool editbuf_home(struct editbuf *b); /* start of the (logical) line */
bool editbuf_end(struct editbuf *b);  /* end of the (logical) line */
/* Move by one row of the text wrapped at `width` (as editbuf_wrap; width < 1:
 * by logical line), keeping the display column the first move started at. */
bool editbuf_up(struct editbuf *b, int width);
bool editbuf_down(struct editbuf *b, int width);

/* Logical line (0-based) and display column of the cursor. */
void editbuf_cursor_linecol(const struct editbuf *b, size_t *line, size_t *col);
/* Wrap the whole text for display at `width` columns (layout_wrap's rules;
 * width < 1: one row per line) into *rows (reused between calls). Returns
 * the number of rows (>= 1). */
size_t editbuf_wrap(const struct editbuf *b, int width, struct editbuf_rows *rows);
void editbuf_rows_free(struct editbuf_rows *rows);
/* The row of rows holding the cursor and, in *col, its display column there. */
size_t editbuf_cursor_row(const struct editbuf *b, const struct editbuf_rows *rows, size_t *col);

/* The invariants above hold (tests and fuzzing). */
bool editbuf_valid(const struct editbuf *b);

#endif
