/* editbuf: owns the text of the note being typed and its cursor. Cluster
 * boundaries are found by walking from the start of the cursor's line
 * ('\n' always ends a cluster), because a cluster's end depends on what came
 * before it (regional indicator pairs), and because an edit can join two
 * clusters into one (typing a ZWJ between two emoji): after every edit the
 * cursor is moved back onto a boundary. Notes are short, so walking a line
 * per keystroke costs nothing worth caching. */
#include "crossread/reader/editbuf.h"

#include <stdlib.h>
#include <string.h>

#include "crossread/view/layout.h"
#include "crossread/base/text.h"
#include "crossread/base/util.h"

void editbuf_init(struct editbuf *b, size_t max)
{
	memset(b, 0, sizeof *b);
	b->max = max ? max : EDITBUF_MAX_DEFAULT;
	b->cap = 64;
	b->s = xmalloc(b->cap);
	b->s[0] = '\0';
}

void editbuf_free(struct editbuf *b)
{
	free(b->s);
	memset(b, 0, sizeof *b);
}

static size_t line_start(const struct editbuf *b, size_t pos)
{
	while (pos > 0 && b->s[pos - 1] != '\n')
		pos--;
	return pos;
}

static size_t line_end(const struct editbuf *b, size_t pos)
{
	const char *nl = memchr(b->s + pos, '\n', b->len - pos);
	return nl ? (size_t)(nl - b->s) : b->len;
}

static size_t next_boundary(const struct editbuf *b, size_t pos)
{
	return pos >= b->len ? b->len : text_cluster_end(b->s, b->len, pos);
}

static size_t prev_boundary(const struct editbuf *b, size_t pos)
{
	if (pos == 0)
		return 0;
	size_t ls = line_start(b, pos);
	if (ls == pos)
		return pos - 1; /* the '\n' ending the previous line */
	size_t i = ls, prev = ls;
	while (i < pos) {
		prev = i;
		i = next_boundary(b, i);
	}
	return prev;
}

/* Put the cursor back on a boundary: to the end of the cluster it fell into
 * (after typing) or to its start (after deleting). */
static void snap(struct editbuf *b, bool forward)
{
	size_t i = line_start(b, b->cur);
	while (i < b->cur) {
		size_t e = next_boundary(b, i);
		if (e > b->cur) {
			b->cur = forward ? e : i;
			return;
		}
		i = e;
	}
}

/* Append the code points of in[0..len) that may be typed to *out, at most
 * room bytes in all. */
static int filter(const char *in, size_t len, struct buf *out, size_t room)
{
	int rc = EDITBUF_OK;
	for (size_t i = 0; i < len;) {
		int32_t cp;
		i += text_decode(in + i, len - i, &cp);
		if (cp == '\r') {
			if (i < len && in[i] == '\n')
				continue; /* CR LF: the LF follows */
			cp = '\n';
		} else if (cp == '\t') {
			cp = ' ';
		} else if (cp != '\n' && text_is_unsafe(cp)) {
			rc = EDITBUF_REFUSED;
			continue;
		}
		char enc[4];
		size_t n = text_encode(cp, enc);
		if (n > room - out->len) {
			return EDITBUF_FULL;
		}
		buf_add(out, enc, n);
	}
	return rc;
}

static void insert_raw(struct editbuf *b, const char *s, size_t n)
{
	if (!n)
		return;
	size_t need = size_add(size_add(b->len, n), 1);
	if (need > b->cap) {
		size_t cap = b->cap * 2 > need ? b->cap * 2 : need;
		b->s = xrealloc(b->s, cap);
		b->cap = cap;
	}
	memmove(b->s + b->cur + n, b->s + b->cur, b->len - b->cur + 1);
	memcpy(b->s + b->cur, s, n);
	b->len += n;
	b->cur += n;
	snap(b, true);
}

int editbuf_insert(struct editbuf *b, const char *s, size_t len)
{
	struct buf f = {0};
	int rc = filter(s, len, &f, b->max - b->len);
	insert_raw(b, f.s, f.len);
	buf_free(&f);
	b->has_goal = false;
	return rc;
}

int editbuf_set(struct editbuf *b, const char *s, size_t len)
{
	b->len = 0;
	b->cur = 0;
	b->s[0] = '\0';
	return editbuf_insert(b, s, len);
}

int editbuf_insert_cp(struct editbuf *b, int32_t cp)
{
	if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return EDITBUF_REFUSED;
	char enc[4];
	return editbuf_insert(b, enc, text_encode(cp, enc));
}

int editbuf_newline(struct editbuf *b)
{
	return editbuf_insert(b, "\n", 1);
}

static void remove_range(struct editbuf *b, size_t from, size_t to)
{
	memmove(b->s + from, b->s + to, b->len - to + 1);
	b->len -= to - from;
	b->cur = from;
	snap(b, false);
	b->has_goal = false;
}

bool editbuf_backspace(struct editbuf *b)
{
	if (b->cur == 0)
		return false;
	remove_range(b, prev_boundary(b, b->cur), b->cur);
	return true;
}

bool editbuf_delete(struct editbuf *b)
{
	if (b->cur >= b->len)
		return false;
	remove_range(b, b->cur, next_boundary(b, b->cur));
	return true;
}

bool editbuf_kill_to_start(struct editbuf *b)
{
	size_t ls = line_start(b, b->cur);
	if (ls == b->cur)
		return false;
	remove_range(b, ls, b->cur);
	return true;
}

static bool move_to(struct editbuf *b, size_t pos)
{
	b->has_goal = false;
	if (pos == b->cur)
		return false;
	b->cur = pos;
	return true;
}

bool editbuf_left(struct editbuf *b)
{
	return move_to(b, prev_boundary(b, b->cur));
}

bool editbuf_right(struct editbuf *b)
{
	return move_to(b, next_boundary(b, b->cur));
}

bool editbuf_home(struct editbuf *b)
{
	return move_to(b, line_start(b, b->cur));
}

bool editbuf_end(struct editbuf *b)
{
	return move_to(b, line_end(b, b->cur));
}

void editbuf_cursor_linecol(const struct editbuf *b, size_t *line, size_t *col)
{
	size_t n = 0;
	for (const char *p = b->s; (p = memchr(p, '\n', (size_t)(b->s + b->cur - p))) != NULL; p++)
		n++;
	size_t ls = line_start(b, b->cur);
	if (line)
		*line = n;
	if (col)
		*col = text_width(b->s + ls, b->cur - ls);
}

static void add_row(struct editbuf_rows *r, size_t start, size_t end)
{
	GROW(r->row, r->cap, size_add(r->n, 1));
	r->row[r->n].start = start;
	r->row[r->n].end = end;
	r->n++;
}

size_t editbuf_wrap(const struct editbuf *b, int width, struct editbuf_rows *rows)
{
	size_t local[64];
	size_t *starts = local, scap = 64;
	rows->n = 0;
	for (size_t ls = 0;; ls++) {
		size_t le = line_end(b, ls);
		size_t n = 1;
		if (width >= 1) {
			n = layout_wrap(b->s, ls, le, width, starts, scap);
			if (n > scap) {
				if (starts != local)
					free(starts);
				starts = xreallocarray(NULL, n, sizeof *starts);
				scap = n;
				layout_wrap(b->s, ls, le, width, starts, scap);
			}
		} else {
			starts[0] = ls;
		}
		for (size_t k = 0; k < n; k++)
			add_row(rows, starts[k], k + 1 < n ? starts[k + 1] : le);
		ls = le;
		if (le >= b->len)
			break;
	}
	if (starts != local)
		free(starts);
	return rows->n;
}

void editbuf_rows_free(struct editbuf_rows *rows)
{
	free(rows->row);
	memset(rows, 0, sizeof *rows);
}

size_t editbuf_cursor_row(const struct editbuf *b, const struct editbuf_rows *rows, size_t *col)
{
	/* the last row starting at or before the cursor: a cursor at the point
	 * where a line wraps shows at the start of the next row */
	size_t lo = 0, hi = rows->n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (rows->row[mid].start <= b->cur)
			lo = mid;
		else
			hi = mid;
	}
	if (col) {
		size_t st = rows->n ? rows->row[lo].start : 0;
		*col = b->cur >= st ? text_width(b->s + st, b->cur - st) : 0;
	}
	return lo;
}

static bool vertical(struct editbuf *b, int width, int dir)
{
	struct editbuf_rows rows = {0};
	editbuf_wrap(b, width, &rows);
	size_t col;
	size_t r = editbuf_cursor_row(b, &rows, &col);
	if (!b->has_goal) {
		b->goal = col;
		b->has_goal = true;
	}
	bool moved = false;
	if ((dir < 0 && r > 0) || (dir > 0 && r + 1 < rows.n)) {
		struct editbuf_row t = rows.row[dir < 0 ? r - 1 : r + 1];
		/* on a wrapped row, its end is the next row's start */
		bool last = t.end >= b->len || b->s[t.end] == '\n';
		size_t pos = t.start, c = 0;
		while (pos < t.end) {
			size_t e = next_boundary(b, pos);
			size_t w = (size_t)text_cluster_width(b->s, pos, e);
			if (c + w > b->goal || (!last && e >= t.end))
				break;
			c += w;
			pos = e;
		}
		moved = pos != b->cur;
		b->cur = pos;
	}
	editbuf_rows_free(&rows);
	return moved;
}

bool editbuf_up(struct editbuf *b, int width)
{
	return vertical(b, width, -1);
}

bool editbuf_down(struct editbuf *b, int width)
{
	return vertical(b, width, 1);
}

bool editbuf_valid(const struct editbuf *b)
{
	if (!b->s || b->len >= b->cap || b->s[b->len] != '\0' || b->len > b->max ||
	    b->cur > b->len || !text_valid_utf8(b->s, b->len))
		return false;
	for (size_t i = 0; i < b->len;) {
		int32_t cp;
		i += text_decode(b->s + i, b->len - i, &cp);
		if (cp != '\n' && text_is_unsafe(cp))
			return false;
	}
	size_t i = line_start(b, b->cur);
	while (i < b->cur)
		i = next_boundary(b, i);
	return i == b->cur;
}
