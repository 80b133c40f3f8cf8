/* layout: wraps display lines into rows of a pane's width, on demand, and
 * keeps the result per line until the width changes (a generation counter,
 * so a resize costs nothing until a line is shown again). Positions map both
 * ways between byte offsets and (line, row). */
#include "crossread/view/layout.h"

#include <stdlib.h>
#include <string.h>

#include "crossread/doc/article.h"
#include "crossread/base/text.h"
#include "crossread/base/util.h"

struct wrapinfo {
	uint32_t gen; /* layout generation it was computed for; 0 = never */
	uint32_t nrows;
	uint32_t *starts; /* starts of rows 1.., relative to the line's start */
};

struct layout {
	struct article *a;
	int width;
	uint32_t gen;
	struct wrapinfo *lines;
	size_t lines_cap;
};

struct layout *layout_new(struct article *a, int width)
{
	struct layout *l = xcalloc(1, sizeof *l);
	l->a = a;
	l->width = width < 1 ? 1 : width;
	l->gen = 1;
	return l;
}

void layout_free(struct layout *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->lines_cap; i++)
		free(l->lines[i].starts);
	free(l->lines);
	free(l);
}

void layout_set_width(struct layout *l, int width)
{
	if (width < 1)
		width = 1;
	if (width == l->width)
		return;
	l->width = width;
	if (++l->gen == 0)
		l->gen = 1;
}

int layout_width(const struct layout *l)
{
	return l->width;
}

struct article *layout_article(const struct layout *l)
{
	return l->a;
}

/* width of the cluster [i, e) at column col */
static int cluster_cols(const char *t, size_t i, size_t e, size_t col)
{
	if (t[i] == '\t')
		return (int)(LAYOUT_TABSTOP - col % LAYOUT_TABSTOP);
	return text_cluster_width(t, i, e);
}

static size_t next_cluster(const char *t, size_t i, size_t end)
{
	unsigned char c = (unsigned char)t[i];
	if (c >= 0x20 && c < 0x7F && (i + 1 >= end || (unsigned char)t[i + 1] < 0x80))
		return i + 1;
	return text_cluster_end(t, end, i);
}

static bool is_space_cluster(const char *t, size_t i, size_t e)
{
	if (e - i == 1)
		return t[i] == ' ';
	int32_t cp;
	text_decode(t + i, e - i, &cp);
	return cp != 0xA0 && cp != 0x202F && cp != 0x2007 && text_is_space(cp);
}

/* columns taken by [from, to) when a row starts at from */
static size_t cols_between(const char *t, size_t from, size_t to)
{
	size_t col = 0;
	for (size_t i = from; i < to;) {
		size_t e = next_cluster(t, i, to);
		col += (size_t)cluster_cols(t, i, e, col);
		i = e;
	}
	return col;
}

size_t layout_wrap(const char *t, size_t start, size_t end, int width, size_t *starts, size_t max)
{
	size_t w = width < 1 ? 1 : (size_t)width;
	size_t nrows = 1, row = start, col = 0, brk = start;
	if (max)
		starts[0] = start;
	size_t i = start;
	while (i < end) {
		unsigned char c = (unsigned char)t[i];
		size_t e, cw;
		if (c >= 0x20 && c < 0x7F && (i + 1 >= end || (unsigned char)t[i + 1] < 0x80)) {
			/* printable ASCII standing alone: one column, decided here
			 * because it is most of most articles */
			e = i + 1;
			cw = 1;
			if (c == ' ') {
				col++;
				brk = e;
				i = e;
				continue;
			}
		} else {
			e = next_cluster(t, i, end);
			if (c == ' ' || (e - i > 1 && is_space_cluster(t, i, e))) {
				/* spaces may hang past the edge; a row may break
				 * after them */
				col += (size_t)cluster_cols(t, i, e, col);
				brk = e;
				i = e;
				continue;
			}
			cw = (size_t)cluster_cols(t, i, e, col);
		}
		if (col + cw > w && i > row) {
			size_t ns = brk > row ? brk : i;
			row = ns;
			if (nrows < max)
				starts[nrows] = row;
			nrows++;
			brk = row;
			col = cols_between(t, row, i);
			cw = (size_t)cluster_cols(t, i, e, col);
			if (col + cw > w && i > row) {
				row = i;
				if (nrows < max)
					starts[nrows] = row;
				nrows++;
				brk = row;
				col = 0;
				cw = (size_t)cluster_cols(t, i, e, col);
			}
		}
		col += cw;
		i = e;
	}
	return nrows;
}

static struct wrapinfo *wrap_line(struct layout *l, size_t line)
{
	if (line >= l->lines_cap) {
		size_t old = l->lines_cap;
		GROW(l->lines, l->lines_cap, line + 1);
		memset(l->lines + old, 0, (l->lines_cap - old) * sizeof *l->lines);
	}
	struct wrapinfo *wi = &l->lines[line];
	if (wi->gen == l->gen)
		return wi;
	const struct article *a = l->a;
	size_t s = a->line_start[line], e = article_line_end(a, line);
	free(wi->starts);
	wi->starts = NULL;
	wi->gen = l->gen;
	/* short printable ASCII: one column a byte, no second row */
	if (e - s <= (size_t)l->width) {
		size_t i = s;
		while (i < e && (unsigned char)a->text[i] >= 0x20 &&
		       (unsigned char)a->text[i] < 0x7F)
			i++;
		if (i == e) {
			wi->nrows = 1;
			return wi;
		}
	}
	size_t local[64];
	size_t n = layout_wrap(a->text, s, e, l->width, local, 64);
	size_t *all = local;
	if (n > 64) {
		all = xreallocarray(NULL, n, sizeof *all);
		layout_wrap(a->text, s, e, l->width, all, n);
	}
	wi->nrows = (uint32_t)n;
	if (n > 1) {
		wi->starts = xreallocarray(NULL, n - 1, sizeof *wi->starts);
		for (size_t r = 1; r < n; r++)
			wi->starts[r - 1] = (uint32_t)(all[r] - s);
	}
	if (all != local)
		free(all);
	return wi;
}

size_t layout_rows(struct layout *l, size_t line)
{
	if (line >= l->a->nlines)
		return 1;
	return wrap_line(l, line)->nrows;
}

void layout_row_range(struct layout *l, struct lpos p, size_t *start, size_t *end)
{
	const struct article *a = l->a;
	if (a->nlines == 0 || p.line >= a->nlines) {
		*start = *end = a->len;
		return;
	}
	struct wrapinfo *wi = wrap_line(l, p.line);
	size_t s = a->line_start[p.line];
	if (p.row >= wi->nrows)
		p.row = wi->nrows - 1;
	*start = p.row == 0 ? s : s + wi->starts[p.row - 1];
	*end = p.row + 1 < wi->nrows ? s + wi->starts[p.row] : article_line_end(a, p.line);
}

long layout_move(struct layout *l, struct lpos *p, long delta)
{
	long moved = 0;
	size_t nlines = l->a->nlines;
	if (!nlines)
		return 0;
	while (delta > 0) {
		size_t rows = layout_rows(l, p->line);
		if (p->row + 1 < rows) {
			p->row++;
		} else if (p->line + 1 < nlines) {
			p->line++;
			p->row = 0;
		} else {
			break;
		}
		delta--;
		moved++;
	}
	while (delta < 0) {
		if (p->row > 0) {
			p->row--;
		} else if (p->line > 0) {
			p->line--;
			p->row = layout_rows(l, p->line) - 1;
		} else {
			break;
		}
		delta++;
		moved--;
	}
	return moved;
}

struct lpos layout_pos_of(struct layout *l, size_t off)
{
	struct lpos p = {0, 0};
	const struct article *a = l->a;
	if (!a->nlines)
		return p;
	p.line = article_line_of(a, off);
	struct wrapinfo *wi = wrap_line(l, p.line);
	size_t rel = off - a->line_start[p.line];
	size_t lo = 0, hi = wi->nrows; /* row r starts at starts[r - 1] */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (wi->starts[mid - 1] <= rel)
			lo = mid;
		else
			hi = mid;
	}
	p.row = lo;
	return p;
}

struct lpos layout_last(struct layout *l)
{
	struct lpos p = {0, 0};
	if (!l->a->nlines)
		return p;
	p.line = l->a->nlines - 1;
	p.row = layout_rows(l, p.line) - 1;
	return p;
}

size_t layout_offset_of(struct layout *l, struct lpos p)
{
	size_t s, e;
	layout_row_range(l, p, &s, &e);
	return s;
}

size_t layout_cells(const char *t, size_t start, size_t end, struct cell *cells, size_t max)
{
	size_t n = 0, col = 0;
	for (size_t i = start; i < end && n < max;) {
		size_t e = next_cluster(t, i, end);
		struct cell *c = &cells[n++];
		c->off = i;
		c->len = (uint32_t)(e - i);
		c->vis = NULL;
		c->kind = CELL_TEXT;
		unsigned char b = (unsigned char)t[i];
		if (e == i + 1 && b >= 0x20 && b < 0x7F) {
			/* printable ASCII standing alone, as in layout_wrap */
			c->width = 1;
			col++;
			i = e;
			continue;
		}
		int32_t cp;
		text_decode(t + i, e - i, &cp);
		if (cp == '\t') {
			c->kind = CELL_TAB;
		} else if (text_is_unsafe(cp)) {
			c->kind = CELL_CONTROL;
			c->vis = text_visible(cp, c->visbuf);
		} else if (text_cp_width(cp) == 0 && text_cluster_width(t, i, e) == 1) {
			c->kind = CELL_COMBINING_START;
		}
		int w = cluster_cols(t, i, e, col);
		c->width = (uint8_t)(w > 255 ? 255 : w);
		col += (size_t)w;
		i = e;
	}
	return n;
}
