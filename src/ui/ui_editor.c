/* ui_editor: the note editor popup (`a`, `e`, a restored journal). Draws a
 * bordered box over the reader with a title, the wrapped text and the
 * cursor; the text and its editing live in editbuf, what a key does in
 * editkey (curses-free, shared with the fuzz harness) through the keymap's
 * editor mode: this file hands curses' key codes over as the reader's keys
 * (ui_reader_key) and draws. While the popup is open the text is journaled (see
 * journal.h), so a note half-typed when the terminal dies is offered back.
 * The terminal is in raw mode meanwhile: Ctrl-S must reach us rather than
 * stop the output (XON/XOFF), and Ctrl-C must ask before throwing text away
 * rather than kill the reader. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui_priv.h"
#include "crossread/reader/editbuf.h"
#include "crossread/reader/editkey.h"
#include "crossread/persist/journal.h"
#include "crossread/base/text.h"
#include "crossread/base/util.h"

#define BOX_MAX_W 78
#define BOX_MAX_H 20
/* a key is awaited this long, so that the journal is written on time even
 * while the reader pauses */
#define TICK_MS 1000
/* this many reads in a row failing at once mean the terminal is gone */
#define DEAD_READS 200
/* Keys already waiting are applied without a redraw in between (a paste
 * the terminal does not bracket, fast typing), at most this many at once:
 * each redraw wraps the whole text. */
#define BURST_KEYS 4096
/* Bracketed paste (the terminal sends ESC[200~ text ESC[201~ once the
 * editor asks for it with ESC[?2004h): the pasted text is one insertion,
 * one redraw, one journal write. Codes after UI_KEY_CTRL_I (ui_priv.h). */
#define KEY_PASTE_BEGIN (UI_KEY_CTRL_I + 1)
#define KEY_PASTE_END	(UI_KEY_CTRL_I + 2)
/* ticks without input inside a paste: the end marker is not coming */
#define PASTE_IDLE_TICKS 3

struct popup {
	struct ui *u;
	const char *title;
	struct editbuf b;
	struct editbuf_rows rows;
	size_t top; /* first text row shown */
	int x, y, w, h;
	int tx, ty, tw, th; /* the text area */
	const char *note;   /* a message in the bottom border, or NULL */
	/* the first keys bound to edit-save and edit-cancel, for the border */
	char save_key[16], cancel_key[16];
	enum role note_role;
};

static void geometry(struct popup *p)
{
	struct ui *u = p->u;
	p->w = u->cols - 4 < BOX_MAX_W ? u->cols - 4 : BOX_MAX_W;
	if (p->w < 12)
		p->w = u->cols;
	/* the status line stays free for questions */
	int avail = u->rows - 1;
	p->h = avail - 2 < BOX_MAX_H ? avail - 2 : BOX_MAX_H;
	if (p->h < 4)
		p->h = avail;
	p->x = (u->cols - p->w) / 2;
	p->y = (avail - p->h) / 2;
	p->tx = p->x + 2;
	p->ty = p->y + 1;
	/* one column kept free so that the cursor after a full row shows */
	p->tw = p->w - 5;
	if (p->tw < 1)
		p->tw = 1;
	p->th = p->h - 2;
	if (p->th < 1)
		p->th = 1;
}

static void box_edge(struct ui *u, int y, int x, int w, const cchar_t *left, const cchar_t *right,
		     enum role r)
{
	short pair;
	attr_t a = ui_attr(u, r, &pair);
	attr_set(a, pair, NULL);
	mvadd_wch(y, x, left);
	if (w > 2)
		mvhline_set(y, x + 1, WACS_HLINE, w - 2);
	mvadd_wch(y, x + w - 1, right);
	attr_set(A_NORMAL, 0, NULL);
}

static void draw(struct popup *p)
{
	struct ui *u = p->u;
	short pair;
	attr_t a = ui_attr(u, R_NOTE, &pair);
	box_edge(u, p->y, p->x, p->w, WACS_ULCORNER, WACS_URCORNER, R_NOTE);
	box_edge(u, p->y + p->h - 1, p->x, p->w, WACS_LLCORNER, WACS_LRCORNER, R_NOTE);
	for (int r = 1; r < p->h - 1; r++) {
		attr_set(a, pair, NULL);
		mvadd_wch(p->y + r, p->x, WACS_VLINE);
		mvadd_wch(p->y + r, p->x + p->w - 1, WACS_VLINE);
		attr_set(A_NORMAL, 0, NULL);
		ui_fill(u, p->y + r, p->x + 1, p->w - 2, R_NORMAL);
	}
	/* title: " Note on c12 " */
	struct buf t = {0};
	buf_printf(&t, " %s ", p->title ? p->title : "Note");
	ui_draw_text(u, p->y, p->x + 2, p->w - 4, t.s, t.len, R_HEADER_FOCUS);

	/* text, scrolled so that the cursor's row shows */
	editbuf_wrap(&p->b, p->tw, &p->rows);
	size_t col;
	size_t cr = editbuf_cursor_row(&p->b, &p->rows, &col);
	if (cr < p->top)
		p->top = cr;
	if (cr >= p->top + (size_t)p->th)
		p->top = cr - (size_t)p->th + 1;
	for (int r = 0; r < p->th && p->top + (size_t)r < p->rows.n; r++) {
		const struct editbuf_row *row = &p->rows.row[p->top + (size_t)r];
		ui_draw_text(u, p->ty + r, p->tx, p->tw + 1, p->b.s + row->start,
			     row->end - row->start, R_NORMAL);
	}

	/* bottom border: keys, position, or a message */
	t.len = 0;
	size_t line, lcol;
	editbuf_cursor_linecol(&p->b, &line, &lcol);
	if (p->note)
		buf_printf(&t, " %s ", p->note);
	else
		buf_printf(&t, " %s save \u00b7 %s cancel \u00b7 %zu:%zu ", p->save_key,
			   p->cancel_key, line + 1, lcol + 1);
	ui_draw_text(u, p->y + p->h - 1, p->x + 2, p->w - 4, t.s, t.len,
		     p->note ? p->note_role : R_NOTE);
	buf_free(&t);

	/* spaces may hang past the wrap width: keep the cursor in the box */
	int cx = p->tx + (col > (size_t)p->tw ? p->tw : (int)col);
	move(p->ty + (int)(cr - p->top), cx);
	refresh();
}

static bool changed(const struct popup *p, const char *initial)
{
	size_t n = initial ? strlen(initial) : 0;
	return p->b.len != n || (n && memcmp(p->b.s, initial, n) != 0);
}

/* The terminal is gone or a signal asks us to stop: keep the journal file
 * (it is the note) and free what describes it. */
static void journal_keep(struct journal *j, const struct editbuf *b)
{
	if (!j)
		return;
	if (b->len)
		journal_flush(j, b->s, b->len, time(NULL));
	free(j->path);
	free(j->on);
	free(j->note);
	free(j->saved);
	free(j);
}

static void redraw_all(struct popup *p)
{
	ui_geometry(p->u);
	ui_draw(p->u);
	geometry(p);
	curs_set(1);
}

/* the first key bound to act in the editor, for the border */
static void first_key(const struct keymap *km, enum action act, char *out, size_t cap)
{
	char keys[64];
	keymap_keys_text(km, MODE_EDITOR, act, keys, sizeof keys);
	size_t n = strcspn(keys, " ");
	if (!n)
		snprintf(out, cap, "(no key)");
	else
		snprintf(out, cap, "%.*s", (int)n, keys);
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void bracketed_paste(bool on)
{
	fputs(on ? "\033[?2004h" : "\033[?2004l", stdout);
	fflush(stdout);
}

/* After ESC[200~: read the pasted text up to ESC[201~ and insert it at the
 * cursor at once (filtered as typed text is). What would not fit is read
 * and dropped. Returns editbuf_insert's result. */
static int paste(struct popup *p)
{
	struct buf t = {0};
	size_t room = p->b.max > p->b.len ? p->b.max - p->b.len : 0;
	int idle = 0;
	for (;;) {
		wint_t wc;
		int r = get_wch(&wc);
		if (ui_signalled())
			break;
		if (r == ERR) {
			if (++idle >= PASTE_IDLE_TICKS)
				break;
			continue;
		}
		idle = 0;
		if (r == KEY_CODE_YES) {
			if (wc == KEY_PASTE_END)
				break;
			if (wc == KEY_ENTER && t.len < room)
				buf_add(&t, "\n", 1);
			continue; /* other keys inside a paste are noise */
		}
		if (wc > 0x10FFFF || t.len >= room + 4)
			continue;
		char enc[4];
		size_t n = text_encode((int32_t)wc, enc);
		buf_add(&t, enc, n);
	}
	int rc = t.len ? editbuf_insert(&p->b, t.s, t.len) : EDITBUF_OK;
	buf_free(&t);
	return rc;
}

char *ui_edit_note(struct ui *u, const char *title, const char *initial, const char *journal_key,
		   const char *note_id)
{
	struct popup p;
	memset(&p, 0, sizeof p);
	p.u = u;
	p.title = title;
	first_key(&u->keys, ACT_ED_SAVE, p.save_key, sizeof p.save_key);
	first_key(&u->keys, ACT_ED_CANCEL, p.cancel_key, sizeof p.cancel_key);
	editbuf_init(&p.b, EDITBUF_MAX_DEFAULT);
	if (initial)
		editbuf_set(&p.b, initial, strlen(initial));
	struct journal *j = NULL;
	if (journal_key && u->rd.s && u->rd.s->notes_path && !u->rd.s->no_notes)
		j = journal_begin(u->rd.s->notes_path, journal_key,
				  note_id && *note_id ? note_id : NULL);
	char *result = NULL;
	bool journal_failed = false;
	int dead = 0;

	raw();
	timeout(TICK_MS);
	define_key("\033[200~", KEY_PASTE_BEGIN);
	define_key("\033[201~", KEY_PASTE_END);
	redraw_all(&p);
	bracketed_paste(true);
	int burst = 0; /* keys applied since the last redraw */
	for (;;) {
		if (burst > 0 && burst < BURST_KEYS) {
			/* more keys waiting? take them before redrawing */
			timeout(0);
		} else {
			timeout(TICK_MS);
			burst = 0;
			draw(&p);
		}
		if (burst == 0 && j) {
			int jr = journal_update(j, p.b.s, p.b.len, time(NULL));
			if (jr < 0 && !journal_failed) {
				/* typing goes on; the reader should know the crash
				 * copy is not being kept */
				journal_failed = true;
				reader_message(&u->rd, R_ERROR, "note journal: %s", j->err);
				p.note = "journal not written (see status line)";
				p.note_role = R_ERROR;
				ui_draw(u);
				draw(&p);
			} else if (jr > 0 && journal_failed) {
				journal_failed = false;
				p.note = NULL;
			}
		}
		wint_t wc;
		long t0 = now_ms();
		int r = get_wch(&wc);
		if (ui_signalled()) {
			journal_keep(j, &p.b);
			j = NULL;
			break;
		}
		if (r == ERR && burst > 0) {
			burst = 0; /* none waiting: redraw */
			continue;
		}
		if (r == ERR) {
			/* a closed terminal answers at once, forever */
			if (now_ms() - t0 < TICK_MS / 10 && errno != EINTR) {
				if (++dead >= DEAD_READS) {
					journal_keep(j, &p.b);
					j = NULL;
					break;
				}
			} else {
				dead = 0;
			}
			continue;
		}
		dead = 0;
		bool key = r == KEY_CODE_YES;
		if (key && wc == KEY_RESIZE) {
			redraw_all(&p);
			burst = 0;
			continue;
		}
		if (!journal_failed)
			p.note = NULL;
		enum editkey_result er;
		if (key && wc == KEY_PASTE_BEGIN) {
			er = paste(&p) == EDITBUF_FULL ? EDITKEY_FULL : EDITKEY_EDITED;
			burst = BURST_KEYS; /* redraw now: the paste is one edit */
			if (ui_signalled()) {
				journal_keep(j, &p.b);
				j = NULL;
				break;
			}
		} else {
			/* curses' codes as the reader's keys: the keymap's
			 * editor mode says what they do */
			int k = !key && wc > 0x10FFFF ? -1 : ui_reader_key(r, wc);
			struct editkey_ctx ec = {.width = p.tw, .page = p.th};
			er = editkey_apply(&p.b, &u->keys, MODE_EDITOR, k, &ec);
			burst++;
		}
		if (er == EDITKEY_SAVE) {
			result = xstrndup(p.b.s, p.b.len);
			break;
		} else if (er == EDITKEY_CANCEL) {
			if (!changed(&p, initial))
				break;
			int ans = ui_ask(
			    u, "Discard the text you typed? y)es, discard  n)o, keep editing",
			    "yn");
			ui_draw(u);
			burst = 0;
			if (ui_signalled()) {
				journal_keep(j, &p.b);
				j = NULL;
				break;
			}
			if (ans == 'y')
				break;
		} else if (er == EDITKEY_FULL) {
			p.note = "the note is full";
			p.note_role = R_ERROR;
		}
	}
	/* cancelled: the crash copy goes; saved: it stays until the caller
	 * has the note on disk (ui_note_stored), so a crash in between loses
	 * nothing */
	if (result)
		journal_keep(j, &p.b);
	else
		journal_end(j);
	bracketed_paste(false);
	timeout(TICK_MS);
	editbuf_rows_free(&p.rows);
	editbuf_free(&p.b);
	curs_set(0);
	cbreak(); /* as ui_run set the terminal up */
	return result;
}
