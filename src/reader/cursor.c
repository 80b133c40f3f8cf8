/* cursor: the cursor's motions over a layout's rows of cells (see
 * cursor.h). Clusters come from the layout's cells, so the cursor can never
 * stand inside a grapheme cluster however the text combines. */
#include "crossread/reader/cursor.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "crossread/base/text.h"
#include "crossread/base/util.h"
#include "crossread/doc/article.h"

/* the cells of row p: malloc'd, *n of them; [*rs, *re) its bytes */
static struct cell *row_cells(struct layout *l, struct lpos p, size_t *n, size_t *rs, size_t *re)
{
	const char *text = layout_article(l)->text;
	layout_row_range(l, p, rs, re);
	size_t cap = *re - *rs + 1, k = 0, at = *rs;
	struct cell *c = xmalloc(cap * sizeof *c);
	while (at < *re && k < cap) {
		size_t got = layout_cells(text, at, *re, c + k, cap - k);
		if (!got)
			break;
		k += got;
		at = c[k - 1].off + c[k - 1].len;
	}
	*n = k;
	return c;
}

/* index of the cell holding off (the last one past the row's end), or
 * SIZE_MAX on a row without cells */
static size_t cell_of(const struct cell *c, size_t n, size_t off)
{
	if (!n)
		return SIZE_MAX;
	for (size_t i = 0; i < n; i++)
		if (off < c[i].off + c[i].len)
			return i;
	return n - 1;
}

static size_t text_len(struct layout *l)
{
	return layout_article(l)->len;
}

size_t cursor_snap(struct layout *l, size_t off)
{
	size_t len = text_len(l);
	if (!len)
		return 0;
	if (off >= len)
		off = len - 1;
	struct lpos p = layout_pos_of(l, off);
	size_t n, rs, re;
	struct cell *c = row_cells(l, p, &n, &rs, &re);
	size_t i = cell_of(c, n, off);
	size_t r = i == SIZE_MAX ? rs : c[i].off;
	free(c);
	return r;
}

size_t cursor_end(struct layout *l, size_t off)
{
	struct lpos p = layout_pos_of(l, off);
	size_t n, rs, re;
	struct cell *c = row_cells(l, p, &n, &rs, &re);
	size_t i = cell_of(c, n, off);
	size_t r = i == SIZE_MAX || off < c[i].off || off >= c[i].off + c[i].len
		       ? off
		       : c[i].off + c[i].len;
	free(c);
	return r;
}

int cursor_col(struct layout *l, size_t off)
{
	struct lpos p = layout_pos_of(l, off);
	size_t n, rs, re;
	struct cell *c = row_cells(l, p, &n, &rs, &re);
	int col = 0;
	for (size_t i = 0; i < n && c[i].off + c[i].len <= off; i++)
		col += c[i].width;
	free(c);
	return col;
}

size_t cursor_at_col(struct layout *l, struct lpos p, int col)
{
	size_t n, rs, re;
	struct cell *c = row_cells(l, p, &n, &rs, &re);
	size_t r = rs;
	int x = 0;
	for (size_t i = 0; i < n; i++) {
		r = c[i].off;
		if (col < x + c[i].width)
			break;
		x += c[i].width;
	}
	free(c);
	return r;
}

size_t cursor_left(struct layout *l, size_t off)
{
	off = cursor_snap(l, off);
	struct lpos p = layout_pos_of(l, off);
	size_t n, rs, re;
	struct cell *c = row_cells(l, p, &n, &rs, &re);
	size_t i = cell_of(c, n, off);
	size_t r = off;
	if (i != SIZE_MAX && i > 0) {
		r = c[i - 1].off;
	} else if (p.row > 0) { /* the end of the row before, same line */
		struct lpos q = p;
		layout_move(l, &q, -1);
		free(c);
		c = row_cells(l, q, &n, &rs, &re);
		r = n ? c[n - 1].off : rs;
	}
	free(c);
	return r;
}

size_t cursor_right(struct layout *l, size_t off)
{
	off = cursor_snap(l, off);
	struct lpos p = layout_pos_of(l, off);
	size_t n, rs, re;
	struct cell *c = row_cells(l, p, &n, &rs, &re);
	size_t i = cell_of(c, n, off);
	size_t r = off;
	if (i != SIZE_MAX && i + 1 < n) {
		r = c[i + 1].off;
	} else if (p.row + 1 < layout_rows(l, p.line)) { /* the row after, same line */
		struct lpos q = p;
		if (layout_move(l, &q, 1) == 1)
			r = layout_offset_of(l, q);
	}
	free(c);
	return r;
}

size_t cursor_rows(struct layout *l, size_t off, long rows, int *goal)
{
	off = cursor_snap(l, off);
	if (*goal < 0)
		*goal = cursor_col(l, off);
	struct lpos p = layout_pos_of(l, off);
	if (!layout_move(l, &p, rows))
		return off;
	return cursor_at_col(l, p, *goal);
}

size_t cursor_row_start(struct layout *l, size_t off)
{
	return layout_offset_of(l, layout_pos_of(l, cursor_snap(l, off)));
}

size_t cursor_row_end(struct layout *l, size_t off)
{
	off = cursor_snap(l, off);
	struct lpos p = layout_pos_of(l, off);
	size_t n, rs, re;
	struct cell *c = row_cells(l, p, &n, &rs, &re);
	size_t r = n ? c[n - 1].off : rs;
	/* a wrapped row ends in the blank it broke after: stop on the word */
	while (n > 1 && c[n - 1].len == 1 && layout_article(l)->text[c[n - 1].off] == ' ') {
		n--;
		r = c[n - 1].off;
	}
	free(c);
	return r;
}

/* ---- words ---- */

enum { BLANK, WORD, OTHER };

static int class_at(const char *t, size_t len, size_t i)
{
	int32_t cp;
	text_decode(t + i, len - i, &cp);
	if (text_is_space(cp))
		return BLANK;
	return text_is_word_cp(cp) ? WORD : OTHER;
}

static size_t next_cluster(const char *t, size_t len, size_t i)
{
	return i < len ? text_cluster_end(t, len, i) : len;
}

size_t cursor_word_next(struct layout *l, size_t off)
{
	const struct article *a = layout_article(l);
	const char *t = a->text;
	size_t len = a->len;
	off = cursor_snap(l, off);
	if (off >= len)
		return off;
	size_t i = off;
	int k = class_at(t, len, i);
	if (k != BLANK)
		while (i < len && class_at(t, len, i) == k)
			i = next_cluster(t, len, i);
	while (i < len && class_at(t, len, i) == BLANK)
		i = next_cluster(t, len, i);
	return i < len ? cursor_snap(l, i) : cursor_snap(l, len);
}

size_t cursor_word_end(struct layout *l, size_t off)
{
	const struct article *a = layout_article(l);
	const char *t = a->text;
	size_t len = a->len;
	off = cursor_snap(l, off);
	size_t i = next_cluster(t, len, off);
	while (i < len && class_at(t, len, i) == BLANK)
		i = next_cluster(t, len, i);
	if (i >= len)
		return cursor_snap(l, len);
	int k = class_at(t, len, i);
	size_t last = i;
	while (i < len && class_at(t, len, i) == k) {
		last = i;
		i = next_cluster(t, len, i);
	}
	return cursor_snap(l, last);
}

size_t cursor_word_prev(struct layout *l, size_t off)
{
	const struct article *a = layout_article(l);
	const char *t = a->text;
	off = cursor_snap(l, off);
	size_t i = off;
	while (i > 0 && class_at(t, a->len, text_prev_char(t, i)) == BLANK)
		i = text_prev_char(t, i);
	if (i == 0)
		return 0;
	int k = class_at(t, a->len, text_prev_char(t, i));
	while (i > 0 && class_at(t, a->len, text_prev_char(t, i)) == k)
		i = text_prev_char(t, i);
	return cursor_snap(l, i);
}

void cursor_range(struct layout *l, size_t anchor, size_t cursor, size_t *lo, size_t *hi)
{
	*lo = anchor < cursor ? anchor : cursor;
	*hi = cursor_end(l, anchor < cursor ? cursor : anchor);
}
