/* ui: the split-pane reader on ncursesw. Owns the screen: geometry, drawing
 * of panes (gutter marks, text with styles, claims, search hits), the status
 * line, the help screen, prompts, the event loop with idle loading, resize,
 * mouse and signals. Keys go to the reader (reader.h), whose actions say
 * what to draw again; what text looks like comes from look.c as roles,
 * turned into curses attributes here. */
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
#include "crossread/reader/clipboard.h"
#include "crossread/reader/config.h"
#include "crossread/reader/edit.h"
#include "crossread/reader/editbuf.h"
#include "crossread/reader/editkey.h"
#include "crossread/reader/personal.h"
#include "crossread/persist/store.h"
#include "crossread/base/text.h"
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

static attr_t sty_attrs(unsigned st)
{
	attr_t a = A_NORMAL;
	if (st & STY_BOLD)
		a |= A_BOLD;
	if (st & STY_UNDERLINE)
		a |= A_UNDERLINE;
	if (st & STY_REVERSE)
		a |= A_REVERSE;
	if (st & STY_DIM)
		a |= A_DIM;
	if (st & STY_ITALIC)
		a |= A_ITALIC;
	return a;
}

static bool has_colors_of(const struct ui *u, enum role r)
{
	return u->styles[r].fg != CLR_DEFAULT || u->styles[r].bg != CLR_DEFAULT;
}

attr_t ui_attr(const struct ui *u, enum role r, short *pair)
{
	if (u->color) {
		*pair = has_colors_of(u, r) ? (short)r : 0;
		return sty_attrs(u->styles[r].color);
	}
	*pair = 0;
	return sty_attrs(u->styles[r].mono);
}

static void init_roles(struct ui *u)
{
	if (!u->color)
		return;
	start_color();
	use_default_colors();
	for (int r = 1; r < R_COUNT; r++)
		if (has_colors_of(u, (enum role)r))
			init_pair((short)r, u->styles[r].fg, u->styles[r].bg);
}

/* a look (look.c) as curses draws it */
static attr_t look_attr(const struct ui *u, struct look lk, short *pair)
{
	attr_t a = A_NORMAL;
	short tmp;
	for (int r = 0; r < R_COUNT; r++)
		if (lk.roles & ((uint32_t)1 << r))
			a |= ui_attr(u, (enum role)r, &tmp);
	ui_attr(u, (enum role)lk.color, pair);
	return a | sty_attrs(lk.extra);
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

/* ---- geometry ---- */

static void geometry(struct ui *u)
{
	getmaxyx(stdscr, u->rows, u->cols);
	u->too_small = u->cols < MIN_COLS || u->rows < MIN_ROWS;
	u->rd.body = u->rows - 2;
	if (u->rd.body < 1)
		u->rd.body = 1;
	/* two panes, or three on a wide terminal (reader_panes_for) */
	reader_set_npanes(&u->rd, reader_panes_for(&u->rd, u->cols));
	int n = u->rd.npanes;
	int avail = u->cols - (n - 1); /* a divider between panes */
	int x = 0;
	for (int p = 0; p < n; p++) {
		struct pane *pn = &u->rd.pane[p];
		pn->x = x;
		pn->w = p < n - 1 ? avail / n : avail - (n - 1) * (avail / n);
		pn->textx = pn->x + GUTTER;
		pn->textw = pn->w - GUTTER - 1;
		if (pn->textw < 1)
			pn->textw = 1;
		x += pn->w + 1;
	}
	reader_relayout(&u->rd);
}

/* ---- panes ---- */

static struct article *pane_article(struct ui *u, int p)
{
	return reader_article(&u->rd, p);
}

static int draw_pane_row(struct ui *u, int p, int y, size_t rs, size_t re, struct look_frame *lf)
{
	struct pane *pn = &u->rd.pane[p];
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
			attr_t na = look_attr(u, look_at(&u->rd, p, c->off, lf, &next), &np);
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
	struct pane *pn = &u->rd.pane[p];
	struct session *s = u->rd.s;
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
	struct pane *pn = &u->rd.pane[p];
	struct article *a = pane_article(u, p);
	enum role r = p == u->rd.focus ? R_HEADER_FOCUS : R_HEADER;
	ui_fill(u, 0, pn->x, pn->w, r);
	/* date and outlet stay in view: a long title gives way to them */
	struct buf meta = {0};
	/* the date first: it survives a cut better than a long outlet name */
	if (a->date)
		buf_printf(&meta, " \u2014 %s", a->date);
	if (a->outlet)
		buf_printf(&meta, a->date ? ", %s" : " \u2014 %s", a->outlet);
	char pos[64];
	size_t off = layout_offset_of(pn->lay, pn->top);
	struct lpos last = pn->top;
	long moved = layout_move(pn->lay, &last, u->rd.body - 1);
	/* the last row on the bottom row is the end too (G puts it there) */
	struct lpos final = layout_last(pn->lay);
	bool end_visible = a->complete && (moved < u->rd.body - 1 ||
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
	/* notes on the whole article (issue 13): L lists them */
	const size_t *anotes;
	size_t nan = session_article_notes(u->rd.s, u->rd.s->annot_of[pn->art], &anotes);
	if (nan) {
		size_t l = strlen(pos);
		snprintf(pos + l, sizeof pos - l, "[%zu note%s: L] ", nan, nan == 1 ? "" : "s");
	}
	/* a story of more than two: which article of how many (issue 15) */
	if (u->rd.s->narts > 2) {
		size_t l = strlen(pos);
		snprintf(pos + l, sizeof pos - l, "%zu/%zu ", pn->art + 1, u->rd.s->narts);
	}
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
	struct pane *pn = &u->rd.pane[p];
	struct article *a = pane_article(u, p);
	draw_header(u, p);
	struct lpos row = pn->top;
	size_t first_s, first_e, last_s, last_e;
	layout_row_range(pn->lay, row, &first_s, &first_e);
	/* the visible range, for search hits */
	struct lpos end = row;
	layout_move(pn->lay, &end, u->rd.body - 1);
	layout_row_range(pn->lay, end, &last_s, &last_e);
	static struct look_frame lf;
	look_frame_begin(&u->rd, p, first_s, last_e, &lf);
	/* no fill of the rows after erase(): filling them again cost a third
	 * of a frame */
	for (int y = 0; y < u->rd.body; y++) {
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
		int col = draw_pane_row(u, p, 1 + y, rs, re, &lf);
		if (clear && pn->w - GUTTER - col > 0)
			mvhline(1 + y, pn->textx + col, ' ', pn->w - GUTTER - col);
		/* the cursor on an empty line has no character to mark: a blank */
		if (rs == re && p == u->rd.focus && pn->cur == rs) {
			short cp;
			attr_t ca = ui_attr(u, R_CURSOR, &cp);
			put_ascii(1 + y, pn->textx, " ", 1, ca, cp);
		}
	}
	ui_draw_note_panel(u, p);
}

static void status_hints(struct ui *u, struct buf *b)
{
	struct pane *pn = &u->rd.pane[u->rd.focus];
	struct session *s = u->rd.s;
	if (pn->sel != ANNOT_NONE && pn->sel < s->an->nclaims) {
		const struct claim *c = &s->an->claims[pn->sel];
		if (c->layer == LAYER_PERSONAL)
			buf_adds(b, "yours (E edits, D deletes): ");
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
				char lab[400];
				personal_claim_label(s, partners[i], lab, sizeof lab);
				buf_printf(b, "%s%s %s", i ? ", " : "", annot_rel_name(l->rel),
					   lab);
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
		 "hjkl w b move  v select  Tab pane  / search  ] claim  Enter follow  c claims  ? "
		 "help  q quit");
}

static void draw_status(struct ui *u)
{
	int y = u->rows - 1;
	enum role r = u->rd.msg[0] ? u->rd.msg_role : R_STATUS;
	ui_fill(u, y, 0, u->cols, R_STATUS);
	struct buf b = {0};
	if (u->rd.msg[0])
		buf_adds(&b, u->rd.msg);
	else
		status_hints(u, &b);
	/* the personal file is always named: its tail when the name is long */
	const char *notes = u->rd.s->notes_path ? u->rd.s->notes_path : "";
	const char *slash = strrchr(notes, '/');
	const char *nb = slash ? slash + 1 : notes;
	size_t nlen = strlen(nb);
	int maxw = u->rd.msg[0] ? 0 : u->cols / 3; /* a message may take the whole line */
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
	if (u->rd.scroll_lock) { /* in view whatever the line says, while it is on */
		static const char lock[] = "[scroll lock] ";
		int lw = ui_draw_text(u, y, 1, room - 1, lock, sizeof lock - 1, R_STATUS);
		ui_draw_text(u, y, 1 + lw, room - 1 - lw, b.s ? b.s : "", b.len, r);
	} else {
		ui_draw_text(u, y, 1, room - 1, b.s ? b.s : "", b.len, r);
	}
	buf_free(&b);
}

static void draw_help(struct ui *u)
{
	erase();
	ui_fill(u, 0, 0, u->cols, R_HEADER_FOCUS);
	const char *title = "crossread keys (? or q closes, j/k scroll)";
	ui_draw_text(u, 0, 1, u->cols - 2, title, strlen(title), R_HEADER_FOCUS);
	int y = 1;
	struct help_line lines[ACT_COUNT * MODE_COUNT + MODE_COUNT];
	size_t n = actions_help_lines(&u->keys, lines, sizeof lines / sizeof lines[0]);
	if (n > sizeof lines / sizeof lines[0])
		n = sizeof lines / sizeof lines[0];
	for (size_t i = (size_t)u->rd.help_top; i < n && y < u->rows - 1; i++, y++) {
		const struct help_line *d = &lines[i];
		if (!d->name) {
			ui_draw_text(u, y, 2, u->cols - 3, d->help, strlen(d->help), R_HEADING);
			continue;
		}
		/* the keys column as wide as crossread --keys has it, narrower
		 * on a narrow screen */
		int kw = u->cols >= 80 ? ACTIONS_KEYS_COLS : 14;
		ui_draw_text(u, y, 2, kw, d->keys, strlen(d->keys), R_STRONG);
		if (u->cols > kw + 6)
			ui_draw_text(u, y, kw + 4, u->cols - kw - 5, d->help, strlen(d->help),
				     R_NORMAL);
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
	if (u->rd.help) {
		draw_help(u);
		refresh();
		return;
	}
	if (u->rd.ov.open) {
		ui_draw_overview(u);
		refresh();
		return;
	}
	for (int p = 0; p < u->rd.npanes; p++)
		draw_pane(u, p, false);
	for (int p = 0; p + 1 < u->rd.npanes; p++) {
		int x = u->rd.pane[p].x + u->rd.pane[p].w;
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
	if ((r & READER_REDRAW_ALL) || !r || u->too_small || u->rd.help || u->rd.ov.open) {
		ui_draw(u);
		return;
	}
	for (int p = 0; p < u->rd.npanes; p++) {
		if (!(r & READER_REDRAW_PANE(p)))
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

/* the choices that match what is typed, on the row above the prompt */
static void draw_choices(struct ui *u, const char *typed, const char *const *choices, size_t n)
{
	if (!n || u->rows < 3)
		return;
	int y = u->rows - 2;
	ui_fill(u, y, 0, u->cols, R_STATUS);
	struct buf b = {0};
	buf_adds(&b, "Tab:");
	size_t shown = 0;
	for (size_t i = 0; i < n; i++) {
		size_t k = i;
		const char *c = reader_complete(typed, choices + i, 1, &k);
		if (c) {
			buf_printf(&b, "%s %s", shown ? " |" : "", c);
			shown++;
		}
	}
	if (!shown)
		buf_adds(&b, " (no speaker of the story starts so)");
	ui_draw_text(u, y, 1, u->cols - 2, b.s, b.len, R_STATUS);
	buf_free(&b);
}

char *ui_prompt(struct ui *u, const char *prompt)
{
	return ui_prompt_edit(u, prompt, NULL, NULL, 0);
}

/* A line typed on the status line. What a key does is the keymap's prompt
 * mode (editkey.c, on an editbuf): the cursor moves, Tab completes from the
 * choices, Enter takes the answer, Esc cancels (NULL). */
char *ui_prompt_edit(struct ui *u, const char *prompt, const char *initial,
		     const char *const *choices, size_t nchoices)
{
	struct editbuf line;
	editbuf_init(&line, EDITBUF_MAX_DEFAULT);
	if (initial)
		editbuf_set(&line, initial, strlen(initial));
	struct editkey_ctx ec = {.choices = choices, .nchoices = nchoices, .one_line = true};
	char *answer = NULL;
	curs_set(1);
	for (;;) {
		int y = u->rows - 1;
		ui_fill(u, y, 0, u->cols, R_STATUS);
		int pw = ui_draw_text(u, y, 0, u->cols - 1, prompt, strlen(prompt), R_STATUS);
		/* show the text from where the cursor still fits */
		size_t start = 0;
		while (start < line.cur &&
		       text_width(line.s + start, line.cur - start) + (size_t)pw + 2 >
			   (size_t)u->cols)
			start = text_cluster_end(line.s, line.len, start);
		int cx = (int)text_width(line.s + start, line.cur - start);
		ui_draw_text(u, y, pw, u->cols - pw - 1, line.s + start, line.len - start,
			     R_STATUS);
		draw_choices(u, ec.prefix ? ec.prefix : line.s, choices, nchoices);
		move(y, pw + cx);
		refresh();
		wint_t wc;
		int r = ui_get_key(u, &wc, KEY_WAIT_MS);
		if (r == UI_GONE)
			break;
		if (r == ERR)
			continue;
		if (r == KEY_CODE_YES && wc == KEY_RESIZE) {
			geometry(u);
			ui_draw(u);
			continue;
		}
		int key = r != KEY_CODE_YES && wc > 0x10FFFF ? -1 : ui_reader_key(r, wc);
		enum editkey_result er = editkey_apply(&line, &u->keys, MODE_PROMPT, key, &ec);
		if (er == EDITKEY_SAVE) {
			answer = xstrndup(line.s, line.len);
			break;
		}
		if (er == EDITKEY_CANCEL)
			break;
	}
	editkey_ctx_free(&ec);
	editbuf_free(&line);
	curs_set(0);
	return answer;
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
		int c = (int)wc;
		if (c >= 'A' && c <= 'Z')
			c += 32;
		if (c > 0 && c < 128 && strchr(choices, c))
			return c;
		/* the prompts' cancel keys (Esc, Ctrl-C, Ctrl-G) */
		if (keymap_lookup(&u->keys, MODE_PROMPT, ui_reader_key(r, wc)) == ACT_ED_CANCEL)
			return 0;
	}
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

/* the reader's questions (reader_io), answered on this screen */
static char *io_prompt(void *ctx, const char *prompt)
{
	return ui_prompt(ctx, prompt);
}

static int io_ask(void *ctx, const char *q, const char *choices)
{
	return ui_ask(ctx, q, choices);
}

static char *io_prompt_edit(void *ctx, const char *prompt, const char *initial,
			    const char *const *choices, size_t n)
{
	return ui_prompt_edit(ctx, prompt, initial, choices, n);
}

static char *io_edit_note(void *ctx, const char *title, const char *initial,
			  const char *journal_key, const char *note_id)
{
	return ui_edit_note(ctx, title, initial, journal_key, note_id);
}

static char *io_edit_external(void *ctx, const char *initial)
{
	return ui_edit_external(ctx, initial);
}

/* a long search: show its message, and Esc cancels */
static bool io_progress(void *ctx)
{
	struct ui *u = ctx;
	draw_status(u);
	refresh();
	return key_cancels();
}

/* ---- mouse ---- */

static int pane_at(struct ui *u, int x)
{
	for (int p = 0; p < u->rd.npanes; p++)
		if (x >= u->rd.pane[p].x && x < u->rd.pane[p].x + u->rd.pane[p].w)
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
	/* a drag goes on in the pane it started in, wherever the pointer is */
	if (u->rd.drag.active)
		p = u->rd.drag.pane;
	int y = ev.y - 1, x = ev.x - u->rd.pane[p].textx;
	if (ev.bstate & BUTTON4_PRESSED)
		reader_scroll(&u->rd, p, -3);
	else if (ev.bstate & BUTTON5_PRESSED)
		reader_scroll(&u->rd, p, 3);
	else if (ev.bstate & BUTTON1_PRESSED)
		reader_mouse_press(&u->rd, p, y, x); /* the cursor and the claim there */
	else if (ev.bstate & BUTTON1_RELEASED)
		reader_mouse_release(&u->rd, p, y, x);
	else if (ev.bstate & REPORT_MOUSE_POSITION)
		reader_mouse_drag(&u->rd, p, y, x);
	else if (ev.bstate & BUTTON1_CLICKED)
		reader_click(&u->rd, p, y, x);
}

/* the mouse reports motion while button 1 is down (xterm's mode 1002):
 * curses asks only for presses and releases */
void ui_mouse_drag_mode(struct ui *u, bool on)
{
	if (!u->mouse)
		return;
	fputs(on ? "\033[?1002h" : "\033[?1002l", stdout);
	fflush(stdout);
}

/* Y left an OSC 52 sequence: crossread writes it to the terminal itself,
 * after curses has drawn the frame */
static void write_clipboard(struct ui *u)
{
	if (!u->rd.clip_out)
		return;
	fflush(stdout);
	fwrite(u->rd.clip_out, 1, u->rd.clip_len, stdout);
	fflush(stdout);
	free(u->rd.clip_out);
	u->rd.clip_out = NULL;
	u->rd.clip_len = 0;
}

/* ---- actions ---- */

static void do_action(struct ui *u, enum action act)
{
	unsigned r = reader_do(&u->rd, act);
	if (r & READER_REDRAW_CLEAR)
		clearok(curscr, TRUE);
	if (r & READER_REDRAW_LAYOUT)
		geometry(u);
	u->redraw = r ? r : READER_REDRAW_ALL;
}

static void help_key(struct ui *u, int key)
{
	enum action act = keymap_lookup(&u->keys, MODE_READER, key);
	int n = (int)actions_help_lines(&u->keys, NULL, 0);
	if (act == ACT_LINE_DOWN && u->rd.help_top + 1 < n)
		u->rd.help_top++;
	else if (act == ACT_LINE_UP && u->rd.help_top > 0)
		u->rd.help_top--;
	else if (act == ACT_HELP || act == ACT_QUIT || key == RK_ESC)
		u->rd.help = false;
}

int ui_reader_key(int r, wint_t wc)
{
	if (r != KEY_CODE_YES)
		return wc == '\r' || wc == '\n' ? RK_ENTER : (int)wc;
	switch (wc) {
	case KEY_DOWN:
		return RK_DOWN;
	case KEY_UP:
		return RK_UP;
	case KEY_LEFT:
		return RK_LEFT;
	case KEY_RIGHT:
		return RK_RIGHT;
	case KEY_NPAGE:
		return RK_PGDN;
	case KEY_PPAGE:
		return RK_PGUP;
	case KEY_HOME:
		return RK_HOME;
	case KEY_END:
		return RK_END;
	case KEY_ENTER:
		return RK_ENTER;
	case KEY_BACKSPACE:
		return RK_BACKSPACE;
	case KEY_DC:
		return RK_DELETE;
	case UI_KEY_CTRL_I:
		return RK_CTRL_I;
	default:
		return -1;
	}
}

static void handle_signal(struct ui *u)
{
	int sig = got_signal;
	got_signal = 0;
	if (sig == SIGTERM || sig == SIGHUP || sig == SIGINT) {
		/* save what can be saved; the terminal is restored on the way out */
		if (personal_dirty(u->rd.s)) {
			bool failed;
			personal_save(u->rd.s, &failed);
		}
		u->rd.quit = true;
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
	static const struct reader_io io = {
	    NULL, io_prompt, io_ask, io_edit_note, io_edit_external, io_progress, io_prompt_edit};
	struct reader_io myio = io;
	myio.ctx = u;
	if (o->cfg) {
		keymap_free(&u->keys);
		for (size_t i = 0; i < o->cfg->keys.n; i++)
			keymap_bind(&u->keys, o->cfg->keys.b[i].mode, o->cfg->keys.b[i].key,
				    o->cfg->keys.b[i].act);
		memcpy(u->styles, o->cfg->styles, sizeof u->styles);
	} else {
		keymap_defaults(&u->keys);
		memcpy(u->styles, look_default_styles, sizeof u->styles);
	}
	bool mouse = !o->no_mouse && (!o->cfg || o->cfg->mouse);
	bool color = !o->no_color && (!o->cfg || o->cfg->color);
	reader_init(&u->rd, s, &u->keys, &myio);
	u->rd.scroll_lock = o->cfg && o->cfg->scroll_lock;
	u->rd.clip_mode = o->cfg ? o->cfg->clipboard : CLIP_AUTO;
	/* the terminfo entry announces OSC 52 with the extended capability Ms */
	char *ms = tigetstr("Ms");
	u->rd.clip_announced = ms && ms != (char *)-1;
	u->mouse = mouse;
	u->rd.panes_pref = o->cfg ? (enum reader_panes)o->cfg->panes : PANES_AUTO;
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	/* scrolling a pane by a line moves rows rather than rewriting them */
	idlok(stdscr, TRUE);
	curs_set(0);
	const char *nc = getenv("NO_COLOR");
	u->color = has_colors() && !(nc && *nc) && color;
	init_roles(u);
	if (mouse) {
		mousemask(BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED |
			      REPORT_MOUSE_POSITION,
			  NULL);
		mouseinterval(0);
	}
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
	ui_mouse_drag_mode(u, true);
	geometry(u);
}

/* out of memory: the shell gets its terminal back before the process ends */
static void fatal_restore(void)
{
	endwin();
}

int ui_run(struct session *s, const struct ui_opts *o)
{
	struct ui u;
	memset(&u, 0, sizeof u);
	setup_signals();
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		fprintf(stderr, "crossread: cannot use this terminal (TERM=%s)\n",
			getenv("TERM") ? "set" : "unset");
		return 2;
	}
	set_term(scr);
	util_set_fatal_hook(fatal_restore);
	ui_setup(&u, s, o);
	/* say where the reader's own notes go, once */
	if (s->notes_path && s->store && !s->store->stamp.exists)
		reader_message(&u.rd, R_STATUS, "your notes will be saved to %s", s->notes_path);
	if (s->diags.n)
		reader_message(&u.rd, R_ERROR,
			       "%zu problem(s) in the annotation files: crossread check lists them",
			       s->diags.n);
	ui_journal_offer(&u);
	while (!u.rd.quit) {
		bool loading = false;
		for (size_t i = 0; i < s->narts; i++)
			if (!s->arts[i]->complete)
				loading = true;
		/* claims are placed an article at a time, keys read between */
		if (!loading && !s->anchored)
			session_anchor_step(s);
		ui_frame(&u);
		write_clipboard(&u);
		u.redraw = READER_REDRAW_ALL;
		input_timeout = loading || !s->anchored ? 0 : KEY_WAIT_MS;
		wint_t wc;
		int r = ui_get_key(&u, &wc, input_timeout);
		if (got_signal) {
			handle_signal(&u);
			continue;
		}
		if (r == UI_GONE) {
			/* the terminal went away without a signal: as for SIGHUP */
			if (personal_dirty(u.rd.s)) {
				bool failed;
				personal_save(u.rd.s, &failed);
			}
			break;
		}
		if (r == ERR) {
			if (loading)
				session_load_step(s, LOAD_SLICE);
			continue;
		}
		int key = ui_reader_key(r, wc);
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
				u.rd.quit = true;
			continue;
		}
		u.rd.msg[0] = '\0';
		if (u.rd.help) {
			help_key(&u, key);
			continue;
		}
		enum action act = keymap_lookup(&u.keys, (int)reader_mode(&u.rd), key);
		if (act != ACT_NONE)
			do_action(&u, act);
	}
	ui_mouse_drag_mode(&u, false);
	reader_free(&u.rd);
	keymap_free(&u.keys);
	util_set_fatal_hook(NULL);
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
