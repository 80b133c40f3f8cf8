/* cursor: where a pane's cursor may stand and how it moves, below the
 * screen. The cursor is a byte offset into the article's display text (the
 * one coordinate) on the first byte of a grapheme cluster as the layout cuts
 * rows into cells; on an empty line it stands on the line's end. Motions
 * work on the layout's rows (so "a line" is a screen row, and a column is a
 * display column) and return the new offset; they never change the layout's
 * width. A selection runs from its anchor to the cursor, both ends' clusters
 * included. */
#ifndef CROSSREAD_CURSOR_H
#define CROSSREAD_CURSOR_H

#include <stddef.h>

#include "crossread/view/layout.h"

/* off moved back to the start of the cluster holding it (past the text's
 * end: the last cluster) */
size_t cursor_snap(struct layout *l, size_t off);
/* the end of the cluster the cursor stands on (off itself on an empty line) */
size_t cursor_end(struct layout *l, size_t off);
/* display column of off on its row, and the offset at column col of row p
 * (the last cluster when the row is shorter) */
int cursor_col(struct layout *l, size_t off);
size_t cursor_at_col(struct layout *l, struct lpos p, int col);

/* h / l: the cluster before / after, within the display line */
size_t cursor_left(struct layout *l, size_t off);
size_t cursor_right(struct layout *l, size_t off);
/* j / k (by rows, negative up): the row `rows` away at column *goal; *goal
 * < 0 is set from off first, so a run of j keeps the column it started at */
size_t cursor_rows(struct layout *l, size_t off, long rows, int *goal);
/* w / b / e: the next word's start, the start of this or the previous word,
 * the end of this or the next word (its last cluster). A word is a run of
 * letters, marks and digits, or a run of other non-blank characters. */
size_t cursor_word_next(struct layout *l, size_t off);
size_t cursor_word_prev(struct layout *l, size_t off);
size_t cursor_word_end(struct layout *l, size_t off);
/* 0 / $: the row's first and last cluster */
size_t cursor_row_start(struct layout *l, size_t off);
size_t cursor_row_end(struct layout *l, size_t off);

/* the selection from anchor to cursor as [*lo, *hi) */
void cursor_range(struct layout *l, size_t anchor, size_t cursor, size_t *lo, size_t *hi);

#endif
