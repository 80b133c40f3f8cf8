/* ui: the split-pane reader on ncursesw. Owns the screen: geometry, drawing
 * of panes (gutter marks, text with styles, claims, search hits), the status
 * line, the help screen, prompts, the event loop with idle loading, resize,
 * mouse and signals. Actions come from the table in ui_keys.c. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "ui_priv.h"
#include "crossread/annot/annot.h"
#include "crossread/doc/article.h"
#include "crossread/reader/personal.h"
#include "crossread/persist/store.h"
#include "crossread/base/text.h"
#include "crossread/ui/ui_keys.h"
#include "crossread/base/util.h"

#define MIN_COLS     40
#define MIN_ROWS     6
#define LOAD_SLICE   ((size_t)2 << 20)
#define SEARCH_SLICE ((size_t)4 << 20)
#define MAX_CELLS    1024
#define KEY_WAIT_MS  250 /* a wait for a key wakes this often (idle work, dead terminal) */

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

/* ---- roles ---- */

struct role_style {
	short fg, bg;
	attr_t color_attr; /* with colour */
	attr_t mono_attr;  /* without */
};

static const struct role_style roles[R_COUNT] = {
    [R_NORMAL] = {-1, -1, A_NORMAL, A_NORMAL},
    [R_HEADER] = {COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_UNDERLINE},
    [R_HEADER_FOCUS] = {COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD},
    [R_DIVIDER] = {COLOR_BLUE, -1, A_NORMAL, A_DIM},
    [R_STATUS] = {COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE},
    [R_CONTROL] = {COLOR_MAGENTA, -1, A_BOLD, A_BOLD | A_UNDERLINE},
    [R_SEARCH] = {COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE | A_UNDERLINE},
    [R_ACCUSATION] = {COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE},
    [R_REBUTTAL] = {COLOR_GREEN, -1, A_BOLD, A_UNDERLINE},
    [R_CLAIM] = {COLOR_CYAN, -1, A_NORMAL, A_UNDERLINE | A_DIM},
    [R_SUGGEST] = {COLOR_BLUE, -1, A_UNDERLINE, A_DIM | A_UNDERLINE},
    [R_VISUAL] = {COLOR_BLACK, COLOR_MAGENTA, A_NORMAL, A_REVERSE},
    [R_MARK] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD},
    [R_NOTE] = {COLOR_YELLOW, -1, A_NORMAL, A_BOLD},
    [R_ERROR] = {COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD},
    [R_HEADING] = {-1, -1, A_BOLD, A_BOLD},
    [R_EMPH] = {-1, -1, A_ITALIC, A_UNDERLINE},
    [R_STRONG] = {-1, -1, A_BOLD, A_BOLD},
    [R_LINK] = {-1, -1, A_UNDERLINE, A_UNDERLINE},
    [R_CODE] = {COLOR_YELLOW, -1, A_NORMAL, A_DIM},
    [R_QUOTE] = {-1, -1, A_ITALIC, A_DIM},
    [R_RULE] = {COLOR_BLUE, -1, A_NORMAL, A_DIM},
    [R_DIM] = {-1, -1, A_DIM, A_DIM},
    [R_SELECTED] = {-1, -1, A_REVERSE, A_REVERSE},
};

attr_t ui_attr(const struct ui *u, enum role r, short *pair)
{
	if (u->color) {
		*pair = roles[r].fg == -1 && roles[r].bg == -1 ? 0 : (short)r;
		return roles[r].color_attr;
	}
	*pair = 0;
	return roles[r].mono_attr;
}

static void init_roles(struct ui *u)
{
	if (!u->color)
		return;
	start_color();
	use_default_colors();
	for (int r = 1; r < R_COUNT; r++)
		if (roles[r].fg != -1 || roles[r].bg != -1)
			init_pair((short)r, roles[r].fg, roles[r].bg);
}

/* ---- drawing primitives ---- */

/* Draw one cluster. The terminal's idea of its width (wcwidth) must agree
 * with ours, or everything after it would shift: where it does not, a
 * replacement character of the right width is drawn instead. */
static void put_cluster(int y, int x, const char *t, size_t off, size_t len, int width,
			bool combining_start, attr_t attr, short pair)
{
	wchar_t wc[CCHARW_MAX + 1];
	int n = 0;
	cchar_t cc;
	unsigned char c0 = (unsigned char)t[off];
	if (len == 1 && c0 >= 0x20 && c0 < 0x7F && width == 1) {
		/* printable ASCII: one column for wcwidth too */
		wc[0] = (wchar_t)c0;
		wc[1] = L'\0';
		setcchar(&cc, wc, attr, pair, NULL);
		mvadd_wch(y, x, &cc);
		return;
	}
	if (combining_start)
		wc[n++] = L'\u00a0';
	for (size_t i = off; i < off + len && n < CCHARW_MAX;) {
		int32_t cp;
		i += text_decode(t + i, off + len - i, &cp);
		wc[n++] = (wchar_t)cp;
	}
	wc[n] = L'\0';
	int tw = wcwidth(wc[0]);
	if (combining_start)
		tw = 1;
	if (tw != width || tw <= 0) {
		wchar_t rep[2] = {width >= 2 ? L'\uff1f' : L'?', L'\0'};
		if (width >= 2 && wcwidth(rep[0]) != 2)
			rep[0] = L'?';
		setcchar(&cc, rep, attr, pair, NULL);
	} else {
		setcchar(&cc, wc, attr, pair, NULL);
	}
	mvadd_wch(y, x, &cc);
}

static void put_ascii(int y, int x, const char *s, int maxw, attr_t attr, short pair)
{
	attr_set(attr, pair, NULL);
	mvaddnstr(y, x, s, maxw);
	attr_set(A_NORMAL, 0, NULL);
}

int ui_draw_text(struct ui *u, int y, int x, int maxw, const char *s, size_t len, enum role r)
{
	struct cell cells[256];
	int col = 0;
	short pair, cpair;
	attr_t attr = ui_attr(u, r, &pair);
	attr_t cattr = ui_attr(u, R_CONTROL, &cpair);
	size_t pos = 0;
	while (pos < len && col < maxw) {
		/* cells of a slice (at most 256 at a time) */
		size_t n = layout_cells(s, pos, len, cells, 256);
		if (!n)
			break;
		for (size_t i = 0; i < n && col < maxw; i++) {
			struct cell *c = &cells[i];
			if (col + c->width > maxw)
				return col;
			if (c->kind == CELL_CONTROL) {
				put_ascii(y, x + col, c->vis, c->width, cattr | (attr & A_REVERSE),
					  cpair);
			} else if (c->kind == CELL_TAB) {
				for (int k = 0; k < c->width; k++)
					put_ascii(y, x + col + k, " ", 1, attr, pair);
			} else if (c->width > 0) {
				put_cluster(y, x + col, s, c->off, c->len, c->width,
					    c->kind == CELL_COMBINING_START, attr, pair);
			}
			col += c->width;
		}
		pos = cells[n - 1].off + cells[n - 1].len;
	}
	return col;
}

void ui_fill(struct ui *u, int y, int x, int w, enum role r)
{
	short pair;
	attr_t attr = ui_attr(u, r, &pair);
	attr_set(attr, pair, NULL);
	for (int i = 0; i < w; i++)
		mvaddch(y, x + i, ' ');
	attr_set(A_NORMAL, 0, NULL);
}

void ui_message(struct ui *u, enum role r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(u->msg, sizeof u->msg, fmt, ap);
	va_end(ap);
	u->msg_role = r;
}

/* ---- geometry ---- */

static void geometry(struct ui *u)
{
	getmaxyx(stdscr, u->rows, u->cols);
	u->too_small = u->cols < MIN_COLS || u->rows < MIN_ROWS;
	u->body = u->rows - 2;
	if (u->body < 1)
		u->body = 1;
	int left = (u->cols - 1) / 2;
	int widths[2] = {left, u->cols - 1 - left};
	int x = 0;
	for (int p = 0; p < u->npanes; p++) {
		struct pane *pn = &u->pane[p];
		pn->x = x;
		pn->w = u->npanes == 1 ? u->cols : widths[p];
		pn->textx = pn->x + GUTTER;
		pn->textw = pn->w - GUTTER - 1;
		if (pn->textw < 1)
			pn->textw = 1;
		x += pn->w + 1;
		if (pn->lay) {
			size_t off = layout_offset_of(pn->lay, pn->top);
			layout_set_width(pn->lay, pn->textw);
			pn->top = layout_pos_of(pn->lay, off);
		}
	}
}

/* ---- panes ---- */

static struct article *pane_article(struct ui *u, int p)
{
	return u->s->arts[u->pane[p].art];
}

void ui_pane_set_article(struct ui *u, int p, size_t art)
{
	struct pane *pn = &u->pane[p];
	if (pn->lay && pn->art == art)
		return;
	layout_free(pn->lay);
	pn->art = art;
	pn->lay = layout_new(u->s->arts[art], pn->textw > 0 ? pn->textw : 40);
	pn->top = (struct lpos){0, 0};
	pn->sel = ANNOT_NONE;
	pn->has_hit = false;
	pn->visual = false;
}

int ui_pane_of_art(struct ui *u, size_t art)
{
	for (int p = 0; p < u->npanes; p++)
		if (u->pane[p].art == art)
			return p;
	return -1;
}

/* last row the pane can start at so the page is full */
static void clamp_top(struct ui *u, int p)
{
	struct pane *pn = &u->pane[p];
	struct article *a = pane_article(u, p);
	if (!a->complete)
		return; /* the end is not known yet */
	struct lpos last = layout_last(pn->lay);
	layout_move(pn->lay, &last, -(long)(u->body - 1));
	if (pn->top.line > last.line || (pn->top.line == last.line && pn->top.row > last.row))
		pn->top = last;
}

static void scroll_pane(struct ui *u, int p, long rows)
{
	layout_move(u->pane[p].lay, &u->pane[p].top, rows);
	clamp_top(u, p);
}

static enum role claim_role(const struct claim *c)
{
	switch (c->kind) {
	case KIND_ACCUSATION:
		return R_ACCUSATION;
	case KIND_REBUTTAL:
		return R_REBUTTAL;
	default:
		return R_CLAIM;
	}
}

static unsigned span_style_at(const struct article *a, size_t *k, size_t off)
{
	while (*k < a->nspans && a->spans[*k].end <= off)
		(*k)++;
	if (*k < a->nspans && a->spans[*k].start <= off)
		return a->spans[*k].style;
	return 0;
}

static size_t first_span_after(const struct article *a, size_t off)
{
	size_t lo = 0, hi = a->nspans;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->spans[mid].end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static attr_t style_attrs(struct ui *u, unsigned st, short *pair)
{
	attr_t at = A_NORMAL;
	short pr = 0, tmp;
	if (st & TS_HEADING)
		at |= ui_attr(u, R_HEADING, &tmp);
	if (st & TS_STRONG)
		at |= ui_attr(u, R_STRONG, &tmp);
	if (st & TS_EMPH)
		at |= ui_attr(u, R_EMPH, &tmp);
	if (st & TS_LINK)
		at |= ui_attr(u, R_LINK, &tmp);
	if (st & TS_QUOTE)
		at |= ui_attr(u, R_QUOTE, &tmp);
	if (st & TS_CODE) {
		at |= ui_attr(u, R_CODE, &tmp);
		pr = tmp;
	}
	if (st & TS_RULE) {
		at |= ui_attr(u, R_RULE, &tmp);
		pr = tmp;
	}
	*pair = pr;
	return at;
}

/* hits of the search pattern in [from, to), for highlighting */
static size_t visible_hits(struct ui *u, const struct article *a, size_t from, size_t to,
			   size_t *hs, size_t *he, size_t max)
{
	size_t n = 0;
	if (!u->has_pat)
		return 0;
	size_t pos = from;
	size_t ms, me;
	while (n < max && pos < to && search_forward(&u->pat, a->text, a->len, pos, to, &ms, &me)) {
		hs[n] = ms;
		he[n] = me;
		n++;
		pos = me > ms ? me : ms + 1;
	}
	return n;
}

/* the innermost anchored claim covering off in pane p, or ANNOT_NONE; *next
 * (if not NULL) gets the first offset after off where that may change */
static size_t claim_at_edge(struct ui *u, int p, size_t off, size_t *next)
{
	struct session *s = u->s;
	size_t art = u->pane[p].art, best = ANNOT_NONE, nx = SIZE_MAX;
	if (next)
		*next = SIZE_MAX;
	if (!s->anchored)
		return ANNOT_NONE;
	for (size_t k = session_first_claim_after(s, art, off); k < s->norder[art]; k++) {
		size_t ci = s->order[art][k];
		const struct claim *cl = &s->an->claims[ci];
		if (cl->start > off) {
			nx = cl->start < nx ? cl->start : nx;
			break; /* sorted by start: the rest start later still */
		}
		if (off < cl->end) {
			best = ci;
			nx = cl->end < nx ? cl->end : nx;
		}
	}
	if (next)
		*next = nx;
	return best;
}

static size_t claim_at(struct ui *u, int p, size_t off)
{
	return claim_at_edge(u, p, off, NULL);
}

/* what a row's cells are coloured by, found once per row */
struct rowlook {
	size_t spank;	       /* first span that may cover the next cell */
	const size_t *hs, *he; /* visible search hits */
	size_t nh;
};

static void edge(size_t *next, size_t off, size_t at)
{
	if (at > off && at < *next)
		*next = at;
}

/* The look of the text at off: span style, the innermost claim (reversed
 * when selected), a suggestion, the visual selection, a search hit. *next
 * gets the first offset after off where any of these may change, so a row
 * asks once per run of cells that look alike, not once per cell. */
static attr_t text_look(struct ui *u, int p, size_t off, struct rowlook *rl, size_t *next,
			short *pairp)
{
	struct pane *pn = &u->pane[p];
	struct article *a = pane_article(u, p);
	short pair = 0, tmp;
	attr_t attr = style_attrs(u, span_style_at(a, &rl->spank, off), &pair);
	size_t nx = SIZE_MAX;
	if (rl->spank < a->nspans) {
		const struct span *sp = &a->spans[rl->spank];
		nx = sp->start > off ? sp->start : sp->end;
	}
	size_t cnext;
	size_t best = claim_at_edge(u, p, off, &cnext);
	edge(&nx, off, cnext);
	if (best != ANNOT_NONE) {
		attr |= ui_attr(u, claim_role(&u->s->an->claims[best]), &tmp);
		pair = tmp;
		if (best == pn->sel)
			attr |= A_REVERSE;
	}
	int sg = ui_sugg_at(u, p, off);
	edge(&nx, off, ui_sugg_edge(u, p, off));
	if (sg) {
		attr |= ui_attr(u, R_SUGGEST, &tmp);
		if (!pair)
			pair = tmp;
		if (sg == 2)
			attr |= A_REVERSE;
	}
	if (pn->visual) {
		size_t lo = pn->vis_anchor < pn->vis_cursor ? pn->vis_anchor : pn->vis_cursor;
		size_t hi = pn->vis_anchor < pn->vis_cursor ? pn->vis_cursor : pn->vis_anchor;
		edge(&nx, off, lo);
		edge(&nx, off, hi);
		if (off >= lo && off < hi) {
			attr = ui_attr(u, R_VISUAL, &tmp);
			pair = tmp;
		}
	}
	for (size_t h = 0; h < rl->nh; h++) {
		edge(&nx, off, rl->hs[h]);
		edge(&nx, off, rl->he[h]);
		if (off >= rl->hs[h] && off < rl->he[h]) {
			attr |= ui_attr(u, R_SEARCH, &tmp);
			pair = tmp;
			if (pn->has_hit && rl->hs[h] == pn->hit_s)
				attr |= A_BOLD;
		}
	}
	*next = nx;
	*pairp = pair;
	return attr;
}

static int draw_pane_row(struct ui *u, int p, int y, size_t rs, size_t re, struct rowlook *rl)
{
	struct pane *pn = &u->pane[p];
	struct article *a = pane_article(u, p);
	static struct cell cells[MAX_CELLS];
	size_t n = layout_cells(a->text, rs, re, cells, MAX_CELLS);
	int col = 0;
	/* runs of printable ASCII with one style are drawn with one call */
	chtype run[MAX_CELLS + 1];
	int run_len = 0, run_x = 0;
	attr_t attr = 0;
	short pair = 0;
	size_t next = 0; /* the look holds for offsets below this */
	for (size_t i = 0; i < n; i++) {
		struct cell *c = &cells[i];
		if (col + c->width > pn->textw)
			break;
		if (c->off >= next) {
			short np;
			attr_t na = text_look(u, p, c->off, rl, &next, &np);
			if (run_len && (na != attr || np != pair)) {
				run[run_len] = 0;
				mvaddchnstr(y, run_x, run, run_len);
				run_len = 0;
			}
			attr = na;
			pair = np;
		}
		int x = pn->textx + col;
		unsigned char b = (unsigned char)a->text[c->off];
		bool ascii = c->kind == CELL_TEXT && c->len == 1 && b >= 0x20 && b < 0x7F;
		if (run_len && !ascii) {
			run[run_len] = 0;
			mvaddchnstr(y, run_x, run, run_len);
			run_len = 0;
		}
		if (ascii) {
			if (!run_len)
				run_x = x;
			/* chtypes go straight into the screen: no per-character
			 * width or control handling, which printable ASCII needs not */
			run[run_len++] = (chtype)b | attr | COLOR_PAIR(pair);
		} else if (c->kind == CELL_CONTROL) {
			short cp;
			attr_t ca = ui_attr(u, R_CONTROL, &cp);
			put_ascii(y, x, c->vis, c->width, ca | (attr & A_REVERSE), cp);
		} else if (c->kind == CELL_TAB) {
			for (int k = 0; k < c->width; k++)
				put_ascii(y, x + k, " ", 1, attr, pair);
		} else if (c->width > 0) {
			put_cluster(y, x, a->text, c->off, c->len, c->width,
				    c->kind == CELL_COMBINING_START, attr, pair);
		}
		col += c->width;
	}
	if (run_len) {
		run[run_len] = 0;
		mvaddchnstr(y, run_x, run, run_len);
	}
	return col;
}

/* gutter: the pair number of a claim starting on this row, and a note mark */
static void draw_gutter(struct ui *u, int p, int y, size_t rs, size_t re)
{
	struct pane *pn = &u->pane[p];
	struct session *s = u->s;
	if (!s->anchored)
		return;
	unsigned mark = 0;
	bool note = false;
	for (size_t k = session_first_claim_after(s, pn->art, rs); k < s->norder[pn->art]; k++) {
		size_t ci = s->order[pn->art][k];
		const struct claim *cl = &s->an->claims[ci];
		if (cl->start >= re)
			break;
		if (cl->start < rs)
			continue;
		if (!mark)
			mark = session_pair_mark(s, ci);
		if (session_claim_note(s, ci) != ANNOT_NONE)
			note = true;
	}
	char buf[8];
	short pair;
	if (mark) {
		snprintf(buf, sizeof buf, "%2u", mark % 100);
		{
			attr_t at_ = ui_attr(u, R_MARK, &pair);
			put_ascii(y, pn->x, buf, 2, at_, pair);
		}
	}
	if (note) {
		attr_t at_ = ui_attr(u, R_NOTE, &pair);
		put_ascii(y, pn->x + 2, "*", 1, at_, pair);
	}
}

/* s on the header row in at most maxw columns, ending in an ellipsis if cut */
static int draw_cut(struct ui *u, int x, int maxw, const char *s, size_t len, enum role r)
{
	if (maxw <= 0)
		return 0;
	if ((int)text_width(s, len) <= maxw)
		return ui_draw_text(u, 0, x, maxw, s, len, r);
	size_t used;
	size_t cut = text_fit(s, len, (size_t)(maxw - 1), &used);
	int w = ui_draw_text(u, 0, x, maxw - 1, s, cut, r);
	return w + ui_draw_text(u, 0, x + w, 1, "\u2026", 3, r);
}

static void draw_header(struct ui *u, int p)
{
	struct pane *pn = &u->pane[p];
	struct article *a = pane_article(u, p);
	enum role r = p == u->focus ? R_HEADER_FOCUS : R_HEADER;
	ui_fill(u, 0, pn->x, pn->w, r);
	/* date and outlet stay in view: a long title gives way to them */
	struct buf meta = {0};
	/* the date first: it survives a cut better than a long outlet name */
	if (a->date)
		buf_printf(&meta, " \u2014 %s", a->date);
	if (a->outlet)
		buf_printf(&meta, a->date ? ", %s" : " \u2014 %s", a->outlet);
	char pos[32];
	size_t off = layout_offset_of(pn->lay, pn->top);
	struct lpos last = pn->top;
	long moved = layout_move(pn->lay, &last, u->body - 1);
	/* the last row on the bottom row is the end too (G puts it there) */
	struct lpos final = layout_last(pn->lay);
	bool end_visible = a->complete && (moved < u->body - 1 ||
					   (last.line == final.line && last.row == final.row));
	if (!a->complete)
		snprintf(pos, sizeof pos, " loading %u%% ", article_progress(a));
	else if (off == 0 && end_visible)
		snprintf(pos, sizeof pos, " All ");
	else if (end_visible)
		snprintf(pos, sizeof pos, " End ");
	else
		snprintf(pos, sizeof pos, " %zu%% ",
			 a->len ? (size_t)((double)off * 100 / (double)a->len) : 0);
	int pw = (int)strlen(pos);
	int room = pn->w - pw - 2; /* columns for title and meta */
	const char *title = article_label(a);
	size_t tlen = strlen(title);
	int tw = (int)text_width(title, tlen), mw = (int)text_width(meta.s ? meta.s : "", meta.len);
	int x = pn->x + 1;
	/* the title takes what the rest leaves, and at least three fifths when
	 * both must be cut */
	int tmax = tw + mw <= room ? tw : room - mw > room * 3 / 5 ? room - mw : room * 3 / 5;
	x += draw_cut(u, x, tmax, title, tlen, r);
	if (meta.len)
		draw_cut(u, x, room - (x - pn->x - 1), meta.s, meta.len, r);
	short pair;
	{
		attr_t at_ = ui_attr(u, r, &pair);
		put_ascii(0, pn->x + pn->w - pw, pos, pw, at_, pair);
	}
	buf_free(&meta);
}

/* clear: the rows hold an older frame (ui_frame draws without erase()), so
 * every cell the text does not cover is blanked, and only those */
static void draw_pane(struct ui *u, int p, bool clear)
{
	struct pane *pn = &u->pane[p];
	struct article *a = pane_article(u, p);
	draw_header(u, p);
	struct lpos row = pn->top;
	size_t first_s, first_e, last_s, last_e;
	layout_row_range(pn->lay, row, &first_s, &first_e);
	/* the visible range, for search hits */
	struct lpos end = row;
	layout_move(pn->lay, &end, u->body - 1);
	layout_row_range(pn->lay, end, &last_s, &last_e);
	size_t hs[256], he[256];
	struct rowlook rl = {first_span_after(a, first_s), hs, he, 0};
	rl.nh = visible_hits(u, a, first_s, last_e, hs, he, 256);
	/* no fill of the rows after erase(): filling them again cost a third
	 * of a frame */
	for (int y = 0; y < u->body; y++) {
		if ((y > 0 && layout_move(pn->lay, &row, 1) != 1) || a->nlines == 0) {
			if (clear)
				mvhline(1 + y, pn->x, ' ', pn->w);
			continue;
		}
		size_t rs, re;
		layout_row_range(pn->lay, row, &rs, &re);
		if (clear)
			mvhline(1 + y, pn->x, ' ', GUTTER);
		draw_gutter(u, p, 1 + y, rs, re);
		int col = draw_pane_row(u, p, 1 + y, rs, re, &rl);
		if (clear && pn->w - GUTTER - col > 0)
			mvhline(1 + y, pn->textx + col, ' ', pn->w - GUTTER - col);
	}
	ui_draw_note_panel(u, p);
}

static void status_hints(struct ui *u, struct buf *b)
{
	struct pane *pn = &u->pane[u->focus];
	struct session *s = u->s;
	if (pn->sel != ANNOT_NONE && pn->sel < s->an->nclaims) {
		const struct claim *c = &s->an->claims[pn->sel];
		buf_printf(b, "%s", annot_kind_name(c->kind));
		if (c->by)
			buf_printf(b, " by %s", c->by);
		if (c->against)
			buf_printf(b, " against %s", c->against);
		size_t *links, *partners;
		size_t n = session_partners(s, pn->sel, &links, &partners);
		if (n) {
			buf_adds(b, " \u2192 ");
			for (size_t i = 0; i < n; i++) {
				const struct link *l = &s->an->links[links[i]];
				const struct claim *o = &s->an->claims[partners[i]];
				buf_printf(b, "%s%s %s", i ? ", " : "", annot_rel_name(l->rel),
					   o->id ? o->id : "?");
			}
			buf_adds(b, "  (Enter follows)");
		} else {
			buf_adds(b, "  (no links)");
		}
		free(links);
		free(partners);
		return;
	}
	buf_adds(b,
		 "j/k scroll  Tab pane  / search  ] claim  Enter follow  c claims  ? help  q quit");
}

static void draw_status(struct ui *u)
{
	int y = u->rows - 1;
	enum role r = u->msg[0] ? u->msg_role : R_STATUS;
	ui_fill(u, y, 0, u->cols, R_STATUS);
	struct buf b = {0};
	if (u->msg[0])
		buf_adds(&b, u->msg);
	else
		status_hints(u, &b);
	/* the personal file is always named: its tail when the name is long */
	const char *notes = u->s->notes_path ? u->s->notes_path : "";
	const char *slash = strrchr(notes, '/');
	const char *nb = slash ? slash + 1 : notes;
	size_t nlen = strlen(nb);
	int maxw = u->msg[0] ? 0 : u->cols / 3; /* a message may take the whole line */
	while (nlen && (int)text_width(nb, nlen) + 1 > maxw) {
		size_t step = text_cluster_end(nb, nlen, 0);
		nb += step;
		nlen -= step;
	}
	bool cut = nb != (slash ? slash + 1 : notes);
	int nw = (int)text_width(nb, nlen) + (cut ? 1 : 0);
	int x = u->cols - nw - 1;
	if (nlen && cut)
		x += ui_draw_text(u, y, x, 1, "\u2026", 3, R_STATUS);
	if (nlen)
		ui_draw_text(u, y, x, nw, nb, nlen, R_STATUS);
	int room = nlen ? u->cols - nw - 3 : u->cols;
	ui_draw_text(u, y, 1, room - 1, b.s ? b.s : "", b.len, r);
	buf_free(&b);
}

static void draw_help(struct ui *u)
{
	erase();
	ui_fill(u, 0, 0, u->cols, R_HEADER_FOCUS);
	const char *title = "crossread keys (? or q closes, j/k scroll)";
	ui_draw_text(u, 0, 1, u->cols - 2, title, strlen(title), R_HEADER_FOCUS);
	int y = 1;
	for (size_t i = (size_t)u->help_top; i < ui_nactions && y < u->rows - 1; i++, y++) {
		const struct action_def *d = &ui_actions[i];
		short pair;
		{
			attr_t at_ = ui_attr(u, R_STRONG, &pair);
			put_ascii(y, 2, d->keys, 14, at_, pair);
		}
		if (u->cols > 20)
			ui_draw_text(u, y, 18, u->cols - 19, d->help, strlen(d->help), R_NORMAL);
	}
	/* the legend draws each role in its own style */
	static const struct {
		const char *word;
		enum role role;
	} legend[] = {
	    {"claims:", R_DIM},	       {"accusation", R_ACCUSATION}, {"rebuttal", R_REBUTTAL},
	    {"claim", R_CLAIM},	       {"suggestion", R_SUGGEST},    {"hit", R_SEARCH},
	    {"^[ control", R_CONTROL}, {"12 pair mark", R_MARK},     {"* note", R_NOTE}};
	int x = 1;
	for (size_t i = 0; i < sizeof legend / sizeof legend[0] && x < u->cols - 2; i++)
		x += ui_draw_text(u, u->rows - 1, x, u->cols - 1 - x, legend[i].word,
				  strlen(legend[i].word), legend[i].role) +
		     1;
}

void ui_draw(struct ui *u)
{
	erase();
	if (u->too_small) {
		char buf[96];
		snprintf(buf, sizeof buf, "Terminal too small (%dx%d); crossread needs %dx%d.",
			 u->cols, u->rows, MIN_COLS, MIN_ROWS);
		int len = (int)strlen(buf);
		for (int y = 0; y < u->rows && len > 0; y++) {
			int off = y * u->cols;
			if (off >= len)
				break;
			mvaddnstr(y, 0, buf + off, u->cols);
		}
		refresh();
		return;
	}
	if (u->help) {
		draw_help(u);
		refresh();
		return;
	}
	for (int p = 0; p < u->npanes; p++)
		draw_pane(u, p, false);
	if (u->npanes == 2) {
		int x = u->pane[0].x + u->pane[0].w;
		short pair;
		attr_t at = ui_attr(u, R_DIVIDER, &pair);
		for (int y = 0; y < u->rows - 1; y++) {
			cchar_t cc;
			wchar_t w[2] = {L'\u2502', L'\0'};
			setcchar(&cc, w, at, pair, NULL);
			mvadd_wch(y, x, &cc);
		}
	}
	draw_status(u);
	refresh();
}

void ui_frame(struct ui *u)
{
	unsigned r = u->redraw;
	u->redraw = 0;
	if ((r & UI_REDRAW_ALL) || !r || u->too_small || u->help) {
		ui_draw(u);
		return;
	}
	for (int p = 0; p < u->npanes; p++) {
		if (!(r & UI_REDRAW_PANE(p)))
			continue;
		draw_pane(u, p, true);
	}
	move(u->rows - 1, 0);
	clrtoeol();
	draw_status(u);
	refresh();
}

/* ---- prompts ---- */

/* a closed terminal answers at once, forever: this many quick ERRs in a row
 * while waiting for a key mean it is gone */
#define DEAD_READS 200

static long clock_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int ui_get_key(struct ui *u, wint_t *wc, int timeout_ms)
{
	if (u->dead_reads >= DEAD_READS || ui_signalled())
		return UI_GONE;
	timeout(timeout_ms);
	long t0 = clock_ms();
	errno = 0;
	int r = get_wch(wc);
	if (ui_signalled())
		return UI_GONE;
	if (r != ERR) {
		u->dead_reads = 0;
		return r;
	}
	if (timeout_ms >= 10 && clock_ms() - t0 < timeout_ms / 10 && errno != EINTR) {
		if (++u->dead_reads >= DEAD_READS)
			return UI_GONE;
	} else {
		u->dead_reads = 0;
	}
	return ERR;
}

/* Backspace in a prompt: the last grapheme cluster goes, whole */
static void drop_last_cluster(struct buf *line)
{
	size_t prev = 0, i = 0;
	while (i < line->len) {
		prev = i;
		i = text_cluster_end(line->s, line->len, i);
	}
	line->len = prev;
	if (line->s)
		line->s[prev] = '\0';
}

char *ui_prompt(struct ui *u, const char *prompt)
{
	struct buf line = {0};
	buf_adds(&line, "");
	curs_set(1);
	for (;;) {
		int y = u->rows - 1;
		ui_fill(u, y, 0, u->cols, R_STATUS);
		int pw = ui_draw_text(u, y, 0, u->cols - 1, prompt, strlen(prompt), R_STATUS);
		/* show the tail of what was typed */
		size_t start = 0;
		while (text_width(line.s + start, line.len - start) + (size_t)pw + 2 >
			   (size_t)u->cols &&
		       start < line.len)
			start = text_cluster_end(line.s, line.len, start);
		int w = ui_draw_text(u, y, pw, u->cols - pw - 1, line.s + start, line.len - start,
				     R_STATUS);
		move(y, pw + w);
		refresh();
		wint_t wc;
		int r = ui_get_key(u, &wc, KEY_WAIT_MS);
		if (r == UI_GONE) {
			buf_free(&line);
			curs_set(0);
			return NULL;
		}
		if (r == ERR)
			continue;
		if (r == KEY_CODE_YES) {
			if (wc == KEY_BACKSPACE) {
				drop_last_cluster(&line);
			} else if (wc == KEY_ENTER) {
				break;
			} else if (wc == KEY_RESIZE) {
				geometry(u);
				ui_draw(u);
			}
			continue;
		}
		if (wc == 27 || wc == 3 || wc == 7) { /* Esc, Ctrl-C, Ctrl-G */
			buf_free(&line);
			curs_set(0);
			return NULL;
		}
		if (wc == '\n' || wc == '\r')
			break;
		if (wc == 127 || wc == 8) {
			drop_last_cluster(&line);
			continue;
		}
		if (wc == 21) { /* Ctrl-U */
			line.len = 0;
			line.s[0] = '\0';
			continue;
		}
		if (text_is_unsafe((int32_t)wc))
			continue;
		char enc[4];
		buf_add(&line, enc, text_encode((int32_t)wc, enc));
	}
	curs_set(0);
	return buf_detach(&line);
}

int ui_ask(struct ui *u, const char *question, const char *choices)
{
	for (;;) {
		int y = u->rows - 1;
		ui_fill(u, y, 0, u->cols, R_STATUS);
		ui_draw_text(u, y, 1, u->cols - 2, question, strlen(question), R_STATUS);
		refresh();
		wint_t wc;
		int r = ui_get_key(u, &wc, KEY_WAIT_MS);
		if (r == UI_GONE)
			return 0;
		if (r == ERR)
			continue;
		if (r == KEY_CODE_YES) {
			if (wc == KEY_RESIZE) {
				geometry(u);
				ui_draw(u);
			}
			continue;
		}
		if (wc == 27 || wc == 3 || wc == 7)
			return 0;
		int c = (int)wc;
		if (c >= 'A' && c <= 'Z')
			c += 32;
		if (c > 0 && c < 128 && strchr(choices, c))
			return c;
	}
}

/* ---- view state and claims ---- */

void ui_view_save(struct ui *u, struct view_state *v)
{
	memset(v, 0, sizeof *v);
	for (int p = 0; p < 2; p++) {
		if (p < u->npanes) {
			v->art[p] = u->pane[p].art;
			v->top[p] = layout_offset_of(u->pane[p].lay, u->pane[p].top);
			v->sel[p] = u->pane[p].sel;
		} else {
			v->sel[p] = ANNOT_NONE;
		}
	}
	v->focus = u->focus;
}

void ui_view_restore(struct ui *u, const struct view_state *v)
{
	for (int p = 0; p < u->npanes; p++) {
		ui_pane_set_article(u, p, v->art[p]);
		u->pane[p].top = layout_pos_of(u->pane[p].lay, v->top[p]);
		u->pane[p].sel = v->sel[p];
	}
	u->focus = v->focus < u->npanes ? v->focus : 0;
}

/* screen row (0-based in the text area) of offset off in pane p, or -1 */
static int row_on_screen(struct ui *u, int p, size_t off)
{
	struct pane *pn = &u->pane[p];
	struct lpos target = layout_pos_of(pn->lay, off);
	struct lpos r = pn->top;
	for (int y = 0; y < u->body; y++) {
		if (r.line == target.line && r.row == target.row)
			return y;
		if (layout_move(pn->lay, &r, 1) != 1)
			break;
	}
	return -1;
}

void ui_show_claim(struct ui *u, int p, size_t c, int row)
{
	struct pane *pn = &u->pane[p];
	const struct claim *cl = &u->s->an->claims[c];
	pn->sel = c;
	u->focus = p;
	if (row < 0) {
		if (row_on_screen(u, p, cl->start) >= 0)
			return;
		row = u->body / 3;
	}
	pn->top = layout_pos_of(pn->lay, cl->start);
	layout_move(pn->lay, &pn->top, -(long)row);
	clamp_top(u, p);
}

static void select_claim(struct ui *u, int dir)
{
	struct pane *pn = &u->pane[u->focus];
	struct session *s = u->s;
	if (!s->anchored) {
		ui_message(u, R_STATUS, "claims appear once the articles are loaded");
		return;
	}
	size_t off = layout_offset_of(pn->lay, pn->top);
	size_t cur = pn->sel;
	/* a selection scrolled out of view: start from the screen instead */
	if (cur != ANNOT_NONE && row_on_screen(u, u->focus, s->an->claims[cur].start) < 0)
		cur = ANNOT_NONE;
	if (cur == ANNOT_NONE && dir < 0) {
		struct lpos end = pn->top;
		layout_move(pn->lay, &end, u->body);
		off = layout_offset_of(pn->lay, end);
	}
	/* Claims and suggestions are visited by where they start, a claim
	 * before a suggestion that starts at the same place (a suggested
	 * sentence often starts with a claim's quote). */
	bool from_sugg = cur == ANNOT_NONE && u->show_sugg && u->sugg_sel != SIZE_MAX &&
			 u->sugg_sel_pane == u->focus;
	if (from_sugg) {
		/* from a selected suggestion, continue from its place: claims
		 * after it going down, claims at or before it going up */
		const struct match_pair *m = &u->sugg[u->sugg_sel];
		off = (u->focus == 0 ? m->a_start : m->b_start) + 1;
	}
	size_t c = session_step_claim(s, pn->art, off, cur, dir);
	size_t cs = c != ANNOT_NONE ? s->an->claims[c].start : 0;
	if (from_sugg && dir < 0)
		off--; /* suggestions strictly before it */
	if (cur != ANNOT_NONE) {
		/* from a claim: going down, the suggestions at its start too */
		off = s->an->claims[cur].start;
		if (dir > 0 && off > 0)
			off--;
	}
	size_t ss;
	size_t sg = ui_sugg_next(u, u->focus, off, dir, &ss);
	if (sg != SIZE_MAX && (c == ANNOT_NONE || (dir > 0 ? ss < cs : ss >= cs))) {
		pn->sel = ANNOT_NONE;
		ui_sugg_select(u, u->focus, sg);
		if (row_on_screen(u, u->focus, ss) < 0) {
			pn->top = layout_pos_of(pn->lay, ss);
			layout_move(pn->lay, &pn->top, -(long)(u->body / 3));
			clamp_top(u, u->focus);
		}
		const struct match_pair *m = &u->sugg[sg];
		ui_message(u, R_STATUS,
			   "suggested %s (score %.2f): Enter shows its partner, y accepts",
			   annot_rel_name(m->rel), m->score);
		return;
	}
	if (c == ANNOT_NONE) {
		ui_message(u, R_STATUS, dir > 0 ? "no more claims below" : "no more claims above");
		return;
	}
	u->sugg_sel = SIZE_MAX;
	ui_show_claim(u, u->focus, c, -1);
}

static void follow_link(struct ui *u)
{
	struct session *s = u->s;
	struct pane *pn = &u->pane[u->focus];
	size_t origin;
	size_t k = 0;
	int row;
	int from_pane;
	if (pn->sel == ANNOT_NONE && ui_sugg_follow(u))
		return;
	if (u->follow.active && pn->sel != ANNOT_NONE) {
		origin = u->follow.origin;
		k = u->follow.k + 1;
		row = u->follow.row;
		from_pane = u->follow.origin_pane;
	} else {
		if (pn->sel == ANNOT_NONE) {
			ui_message(u, R_STATUS, "no claim selected: ] selects the next one");
			return;
		}
		origin = pn->sel;
		row = row_on_screen(u, u->focus, s->an->claims[origin].start);
		if (row < 0)
			row = u->body / 3;
		from_pane = u->focus;
	}
	size_t *links, *partners;
	size_t n = session_partners(s, origin, &links, &partners);
	if (!n) {
		ui_message(u, R_STATUS, "this claim has no links");
		u->follow.active = false;
		return;
	}
	k %= n;
	struct view_state before;
	ui_view_save(u, &before);
	session_jump_push(s, &before);
	size_t partner = partners[k];
	size_t art = session_claim_art(s, partner);
	/* the partner goes in the other pane, beside the claim it answers: a
	 * partner in the same article is shown there too (Ctrl-O gives the
	 * pane its article back) */
	int target = u->npanes > 1 ? 1 - from_pane : 0;
	bool same_article = u->npanes > 1 && art == u->pane[from_pane].art;
	if (u->pane[target].art != art)
		ui_pane_set_article(u, target, art);
	ui_show_claim(u, target, partner, row);
	const struct link *l = &s->an->links[links[k]];
	ui_message(u, R_STATUS, "%zu/%zu %s: %s%s", k + 1, n, annot_rel_name(l->rel),
		   s->an->claims[partner].id ? s->an->claims[partner].id : "",
		   same_article ? "  (same article, shown beside it; Ctrl-O goes back)" : "");
	u->follow.active = true;
	u->follow.origin = origin;
	u->follow.k = k;
	u->follow.row = row;
	u->follow.origin_pane = from_pane;
	free(links);
	free(partners);
}

/* ---- search ---- */

static int input_timeout = 250;

/* a key that cancels a long operation (Esc, Ctrl-C)? Other keys are kept. */
static bool key_cancels(void)
{
	if (got_signal == SIGINT) {
		got_signal = 0;
		return true;
	}
	if (got_signal == SIGTERM || got_signal == SIGHUP)
		return true; /* left set: the main loop then saves and quits */
	nodelay(stdscr, TRUE);
	int c = getch();
	nodelay(stdscr, FALSE);
	timeout(input_timeout);
	if (c == 27 || c == 3)
		return true;
	if (c != ERR)
		ungetch(c);
	return false;
}

static void search_progress(struct ui *u, const struct article *a, size_t done, size_t total)
{
	if (!a->complete)
		ui_message(u, R_STATUS, "searching\u2026 (loading %u%%; Esc cancels)",
			   article_progress(a));
	else
		ui_message(u, R_STATUS, "searching\u2026 %zu%% (Esc cancels)",
			   total ? (size_t)((double)done * 100 / (double)total) : 0);
	draw_status(u);
	refresh();
}

/* Search in pane p from offset from, forward or backward, in slices so the
 * screen shows progress and Esc cancels. An article still loading is loaded
 * a slice at a time as the search reaches its end, never all at once.
 * Returns 1 found, 0 not, -1 cancelled. */
static int search_run(struct ui *u, int p, size_t from, int dir, size_t *ms, size_t *me)
{
	struct article *a = pane_article(u, p);
	size_t done = 0, since = 0; /* bytes scanned or loaded: all, and since the last report */
	bool wrapped = false;
	size_t pos = from;
	/* a match starting this close to the end of what is loaded may run on
	 * into what is not: such starts wait for the next slice */
	size_t margin = u->pat.n * 4 + 4;
	for (;;) {
		size_t avail = a->complete ? a->len : a->len > margin ? a->len - margin : 0;
		if (dir > 0) {
			if (pos >= avail && !a->complete) {
				size_t before = a->len;
				article_load_step(a, LOAD_SLICE);
				done += a->len - before;
				since += a->len - before;
			} else {
				size_t lim =
				    pos + SEARCH_SLICE < avail ? pos + SEARCH_SLICE : avail;
				if (lim > pos &&
				    search_forward(&u->pat, a->text, a->len, pos, lim, ms, me))
					return 1;
				done += lim - pos;
				since += lim - pos;
				pos = lim;
				if (pos >= a->len) {
					if (wrapped || from == 0)
						return 0;
					wrapped = true;
					pos = 0;
					ui_message(u, R_STATUS, "search wrapped to the top");
				}
				if (wrapped && pos >= from)
					return 0;
			}
		} else {
			if (pos == 0 && !a->complete) {
				/* going round to the end: the end must be there */
				size_t before = a->len;
				article_load_step(a, LOAD_SLICE);
				done += a->len - before;
				since += a->len - before;
			} else {
				size_t lim = pos > SEARCH_SLICE ? pos - SEARCH_SLICE : 0;
				if (search_backward(&u->pat, a->text, a->len, pos, lim, ms, me))
					return 1;
				done += pos - lim;
				since += pos - lim;
				pos = lim;
				if (pos == 0 && a->complete) {
					if (wrapped || from >= a->len)
						return 0;
					wrapped = true;
					pos = a->len;
				}
				if (wrapped && pos <= from)
					return 0;
			}
		}
		if (since >= SEARCH_SLICE) {
			search_progress(u, a, done, a->len);
			since = 0;
			if (key_cancels())
				return -1;
		}
	}
}

static void search_goto(struct ui *u, int p, int dir, bool fresh)
{
	struct pane *pn = &u->pane[p];
	if (!u->has_pat) {
		ui_message(u, R_STATUS, "no search pattern: / starts one");
		return;
	}
	size_t from;
	if (pn->has_hit && !fresh)
		from = dir > 0 ? pn->hit_s + 1 : pn->hit_s;
	else
		from = layout_offset_of(pn->lay, pn->top);
	size_t ms, me;
	u->msg[0] = '\0';
	int r = search_run(u, p, from, dir, &ms, &me);
	if (r < 0) {
		ui_message(u, R_STATUS, "search cancelled");
		return;
	}
	if (r == 0) {
		char *pat = text_sanitize(u->pat.text, strlen(u->pat.text), false);
		ui_message(u, R_ERROR, "pattern not found: %s", pat);
		free(pat);
		return;
	}
	bool wrapped = dir > 0 ? ms < from : ms >= from;
	pn->has_hit = true;
	pn->hit_s = ms;
	pn->hit_e = me;
	pn->top = layout_pos_of(pn->lay, ms);
	clamp_top(u, p);
	if (wrapped)
		ui_message(u, R_STATUS,
			   dir > 0 ? "search hit the end, continued at the top"
				   : "search hit the top, continued at the end");
	else if (!u->msg[0] || strncmp(u->msg, "search", 6) == 0)
		u->msg[0] = '\0';
}

static void search_start(struct ui *u)
{
	char *text = ui_prompt(u, "/");
	if (!text)
		return;
	if (!*text) {
		free(text);
		if (u->has_pat)
			search_goto(u, u->focus, 1, false);
		return;
	}
	if (u->has_pat)
		search_free(&u->pat);
	u->has_pat = search_compile(&u->pat, text, strlen(text));
	free(text);
	for (int p = 0; p < u->npanes; p++)
		u->pane[p].has_hit = false;
	search_goto(u, u->focus, 1, true);
}

/* ---- mouse ---- */

static int pane_at(struct ui *u, int x)
{
	for (int p = 0; p < u->npanes; p++)
		if (x >= u->pane[p].x && x < u->pane[p].x + u->pane[p].w)
			return p;
	return -1;
}

static void on_mouse(struct ui *u)
{
	MEVENT ev;
	if (getmouse(&ev) != OK)
		return;
	int p = pane_at(u, ev.x);
	if (p < 0)
		return;
	if (ev.bstate & BUTTON4_PRESSED) {
		scroll_pane(u, p, -3);
	} else if (ev.bstate & BUTTON5_PRESSED) {
		scroll_pane(u, p, 3);
	} else if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON1_RELEASED)) {
		u->focus = p;
		struct pane *pn = &u->pane[p];
		/* a click on a claim selects it */
		if (ev.y >= 1 && ev.y <= u->body && u->s->anchored) {
			struct lpos r = pn->top;
			if (layout_move(pn->lay, &r, ev.y - 1) == ev.y - 1) {
				size_t rs, re;
				layout_row_range(pn->lay, r, &rs, &re);
				struct cell cells[MAX_CELLS];
				size_t n = layout_cells(pane_article(u, p)->text, rs, re, cells,
							MAX_CELLS);
				int col = 0;
				for (size_t i = 0; i < n; i++) {
					if (ev.x - pn->textx < col + cells[i].width) {
						size_t off = cells[i].off;
						size_t c = claim_at(u, p, off);
						if (c != ANNOT_NONE)
							pn->sel = c;
						break;
					}
					col += cells[i].width;
				}
			}
		}
	}
}

/* ---- actions ---- */

static void do_action(struct ui *u, enum action act)
{
	struct pane *pn = &u->pane[u->focus];
	struct view_state v;
	if (act != ACT_FOLLOW)
		u->follow.active = false;
	switch (act) {
	case ACT_LINE_DOWN:
	case ACT_LINE_UP:
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
	case ACT_HALF_DOWN:
	case ACT_HALF_UP:
	case ACT_TOP:
	case ACT_BOTTOM:
	case ACT_CLAIM_NEXT:
	case ACT_CLAIM_PREV:
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		/* these move or select within the focused pane only (a
		 * selected suggestion is also marked in the other pane) */
		u->redraw = u->show_sugg ? UI_REDRAW_ALL : UI_REDRAW_PANE(u->focus);
		break;
	default:
		u->redraw = UI_REDRAW_ALL;
		break;
	}
	switch (act) {
	case ACT_LINE_DOWN:
		scroll_pane(u, u->focus, 1);
		break;
	case ACT_LINE_UP:
		scroll_pane(u, u->focus, -1);
		break;
	case ACT_PAGE_DOWN:
		scroll_pane(u, u->focus, u->body > 2 ? u->body - 1 : 1);
		break;
	case ACT_PAGE_UP:
		scroll_pane(u, u->focus, -(u->body > 2 ? u->body - 1 : 1));
		break;
	case ACT_HALF_DOWN:
		scroll_pane(u, u->focus, u->body / 2 > 0 ? u->body / 2 : 1);
		break;
	case ACT_HALF_UP:
		scroll_pane(u, u->focus, -(u->body / 2 > 0 ? u->body / 2 : 1));
		break;
	case ACT_TOP:
		pn->top = (struct lpos){0, 0};
		break;
	case ACT_BOTTOM:
		if (!pane_article(u, u->focus)->complete)
			article_load_all(pane_article(u, u->focus));
		pn->top = layout_last(pn->lay);
		layout_move(pn->lay, &pn->top, -(long)(u->body - 1));
		break;
	case ACT_SWITCH:
		if (u->npanes > 1)
			u->focus = 1 - u->focus;
		break;
	case ACT_SEARCH:
		search_start(u);
		break;
	case ACT_SEARCH_NEXT:
		search_goto(u, u->focus, 1, false);
		break;
	case ACT_SEARCH_PREV:
		search_goto(u, u->focus, -1, false);
		break;
	case ACT_CLAIM_NEXT:
		select_claim(u, 1);
		break;
	case ACT_CLAIM_PREV:
		select_claim(u, -1);
		break;
	case ACT_FOLLOW:
		follow_link(u);
		break;
	case ACT_JUMP_BACK:
		ui_view_save(u, &v);
		{
			struct view_state to;
			if (session_jump_back(u->s, &v, &to))
				ui_view_restore(u, &to);
			else
				ui_message(u, R_STATUS, "at the start of the jump history");
		}
		break;
	case ACT_JUMP_FORWARD: {
		struct view_state to;
		if (session_jump_forward(u->s, &to))
			ui_view_restore(u, &to);
		else
			ui_message(u, R_STATUS, "at the end of the jump history");
		break;
	}
	case ACT_OVERVIEW:
		ui_overview(u);
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACT_HELP:
		u->help = !u->help;
		u->help_top = 0;
		break;
	case ACT_QUIT:
		u->quit = ui_confirm_quit(u);
		break;
	case ACT_NOTE_ADD:
	case ACT_NOTE_EXTERNAL:
	case ACT_NOTE_EDIT:
	case ACT_NOTE_DELETE:
	case ACT_NOTE_NEXT:
	case ACT_UNDO:
	case ACT_VISUAL:
	case ACT_MARK_CLAIM:
	case ACT_LINK:
	case ACT_SUGGEST:
	case ACT_ACCEPT:
		ui_annot_action(u, act);
		break;
	default:
		ui_message(u, R_STATUS, "%s: not available here", ui_action_def(act)->name);
		break;
	}
}

static void help_key(struct ui *u, int key)
{
	enum action act = ui_action_for_key(key);
	if (act == ACT_LINE_DOWN && u->help_top + 1 < (int)ui_nactions)
		u->help_top++;
	else if (act == ACT_LINE_UP && u->help_top > 0)
		u->help_top--;
	else if (act == ACT_HELP || act == ACT_QUIT || key == 27)
		u->help = false;
}

static void handle_signal(struct ui *u)
{
	int sig = got_signal;
	got_signal = 0;
	if (sig == SIGTERM || sig == SIGHUP || sig == SIGINT) {
		/* save what can be saved; the terminal is restored on the way out */
		if (personal_dirty(u->s)) {
			bool failed;
			personal_save(u->s, &failed);
		}
		u->quit = true;
	}
}

bool ui_signalled(void)
{
	return got_signal == SIGTERM || got_signal == SIGHUP || got_signal == SIGINT;
}

static void setup_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

void ui_setup(struct ui *u, struct session *s, const struct ui_opts *o)
{
	u->s = s;
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	/* scrolling a pane by a line moves rows rather than rewriting them */
	idlok(stdscr, TRUE);
	curs_set(0);
	const char *nc = getenv("NO_COLOR");
	u->color = has_colors() && !(nc && *nc) && !o->no_color;
	init_roles(u);
	if (!o->no_mouse) {
		mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED,
			  NULL);
		mouseinterval(0);
	}
	u->npanes = s->narts >= 2 ? 2 : 1;
	u->sugg_sel = SIZE_MAX;
	/* ncurses 6.4 counts a screen made by newterm() as not started until it
	 * has been through endwin() once, and until then flushes its output at
	 * every cursor motion: some 50 write(2)s a frame instead of one or two
	 * (strace). One endwin() and refresh() before anything is drawn start it. */
	endwin();
	refresh();
	/* terminals that tell Ctrl-I from Tab (kitty's CSI u, xterm's
	 * modifyOtherKeys) send these for it */
	define_key("\033[105;5u", UI_KEY_CTRL_I);
	define_key("\033[27;5;105~", UI_KEY_CTRL_I);
	geometry(u);
	for (int p = 0; p < u->npanes; p++)
		ui_pane_set_article(u, p, (size_t)p);
	geometry(u);
}

int ui_run(struct session *s, const struct ui_opts *o)
{
	struct ui u;
	memset(&u, 0, sizeof u);
	u.s = s;
	setup_signals();
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		fprintf(stderr, "crossread: cannot use this terminal (TERM=%s)\n",
			getenv("TERM") ? "set" : "unset");
		return 2;
	}
	set_term(scr);
	ui_setup(&u, s, o);
	/* claim indexes the reader keeps: found again by id after a merge */
	for (int p = 0; p < 2; p++) {
		session_hold_claim(s, &u.pane[p].sel);
		session_hold_claim(s, &u.pane[p].note_claim);
	}
	session_hold_claim(s, &u.link_from);
	session_hold_claim(s, &u.follow.origin);
	/* say where the reader's own notes go, once */
	if (s->notes_path && s->store && !s->store->stamp.exists)
		ui_message(&u, R_STATUS, "your notes will be saved to %s", s->notes_path);
	if (s->diags.n)
		ui_message(&u, R_ERROR,
			   "%zu problem(s) in the annotation files: crossread check lists them",
			   s->diags.n);
	ui_journal_offer(&u);
	while (!u.quit) {
		bool loading = false;
		for (size_t i = 0; i < s->narts; i++)
			if (!s->arts[i]->complete)
				loading = true;
		/* claims are placed an article at a time, keys read between */
		if (!loading && !s->anchored)
			session_anchor_step(s);
		ui_frame(&u);
		u.redraw = UI_REDRAW_ALL;
		input_timeout = loading || !s->anchored ? 0 : KEY_WAIT_MS;
		wint_t wc;
		int r = ui_get_key(&u, &wc, input_timeout);
		if (got_signal) {
			handle_signal(&u);
			continue;
		}
		if (r == UI_GONE) {
			/* the terminal went away without a signal: as for SIGHUP */
			if (personal_dirty(u.s)) {
				bool failed;
				personal_save(u.s, &failed);
			}
			break;
		}
		if (r == ERR) {
			if (loading)
				session_load_step(s, LOAD_SLICE);
			continue;
		}
		int key = r == KEY_CODE_YES ? UI_FKEY((int)wc) : (int)wc;
		if (r == KEY_CODE_YES && wc == KEY_RESIZE) {
			/* the terminal may have reflowed or kept old cells: repaint
			 * everything rather than trust what it shows */
			clearok(curscr, TRUE);
			geometry(&u);
			continue;
		}
		if (r == KEY_CODE_YES && wc == KEY_MOUSE) {
			on_mouse(&u);
			continue;
		}
		if (u.too_small) {
			if (key == 'q')
				u.quit = true;
			continue;
		}
		u.msg[0] = '\0';
		if (u.help) {
			help_key(&u, key);
			continue;
		}
		if (ui_visual_key(&u, key))
			continue;
		if (r != KEY_CODE_YES && key == 27)
			continue;
		enum action act = ui_action_for_key(key);
		if (act != ACT_NONE)
			do_action(&u, act);
	}
	for (int p = 0; p < u.npanes; p++)
		layout_free(u.pane[p].lay);
	if (u.has_pat)
		search_free(&u.pat);
	ui_annot_free(&u);
	s->nheld = 0; /* they point into u */
	endwin();
	delscreen(scr);
	return 0;
}

/* ---- entry points for the off-screen bench (ui_bench.c) ---- */

void ui_geometry(struct ui *u)
{
	geometry(u);
}

void ui_do_action(struct ui *u, enum action act)
{
	do_action(u, act);
}
