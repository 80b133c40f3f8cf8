/* layout: maps an article's display text onto screen rows of a given width
 * and back. Each display line is wrapped on demand and cached until the width
 * changes, so moving by a row or a page costs the screen's size, not the
 * article's. Wrapping counts display columns (utf8proc), never splits a
 * grapheme cluster and breaks after spaces where it can. */
#ifndef CROSSREAD_LAYOUT_H
#define CROSSREAD_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct article;

#define LAYOUT_TABSTOP 8

/* A screen row: row `row` of display line `line`. */
struct lpos {
	size_t line;
	size_t row;
};

struct layout;

struct layout *layout_new(struct article *a, int width);
void layout_free(struct layout *l);
void layout_set_width(struct layout *l, int width);
int layout_width(const struct layout *l);
struct article *layout_article(const struct layout *l);

/* Number of rows display line `line` takes (>= 1). Wraps it if needed. */
size_t layout_rows(struct layout *l, size_t line);
/* Byte range [*start, *end) of a row (end excludes the line's '\n'). */
void layout_row_range(struct layout *l, struct lpos p, size_t *start, size_t *end);
/* Move p by delta rows (negative = up), stopping at the first/last row of
 * what has been loaded. Returns the number of rows actually moved. */
long layout_move(struct layout *l, struct lpos *p, long delta);
/* The row holding byte offset off. */
struct lpos layout_pos_of(struct layout *l, size_t off);
/* The last row of the article as loaded so far. */
struct lpos layout_last(struct layout *l);
/* Offset of the first byte of a row. */
size_t layout_offset_of(struct layout *l, struct lpos p);
/* Wrap a single range directly (tests): writes up to max row starts into
 * starts (the first is always `start`), returns the number of rows. */
size_t layout_wrap(const char *text, size_t start, size_t end, int width, size_t *starts,
		   size_t max);

/* Cells: one drawable unit on a row (a grapheme cluster, a tab's spaces or
 * a control character's visible form). */
enum cell_kind { CELL_TEXT, CELL_CONTROL, CELL_TAB, CELL_COMBINING_START };
struct cell {
	size_t off;	 /* byte offset of the cluster in display text */
	uint32_t len;	 /* its length in bytes */
	uint8_t width;	 /* columns it takes */
	uint8_t kind;	 /* enum cell_kind */
	const char *vis; /* for CELL_CONTROL: the visible form (static or buf) */
	char visbuf[12];
};
/* Cells of the row [start, end) of text; returns how many were written
 * (at most max). The widths add up to the layout's row width at most. */
size_t layout_cells(const char *text, size_t start, size_t end, struct cell *cells, size_t max);

#endif
