/* libFuzzer harness for the note editor's and the prompts' input handling:
 * the input is a key stream fed to editkey_apply with the default keymap, the
 * function the popup and the prompts call for every key (keys are the
 * reader's, actions.h). Bytes 0x01-0x0c and 0x11-0x13 are the keys that are
 * not characters (arrows, Home/End, Backspace/Delete, Enter, up/down by
 * wrapped row or by logical line, PgUp/PgDn, a key bound to nothing); 0x0e
 * sets the wrap width from the next byte; 0x0f inserts the next byte raw (a
 * lone UTF-8 byte or a control); 0x10 sends the next byte as a key (Ctrl-A,
 * Ctrl-D, Ctrl-H, Ctrl-U, DEL, Esc, Ctrl-S, U+0080-U+00FF...); 0x14 N pastes
 * the next N bytes at once; 0x15 switches between the editor's keys and a
 * prompt's (one line, Tab completing from three choices); anything else
 * starts a UTF-8 code point that is decoded and sent as a character. After
 * each key the buffer must be valid UTF-8 without controls, within its limit,
 * with the cursor on a cluster boundary, and wrapping must cover the text in
 * order; a key that saves, cancels or is ignored must leave the text and the
 * cursor as they were, and no key in a prompt may add a line. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/reader/actions.h"
#include "crossread/reader/editbuf.h"
#include "crossread/reader/editkey.h"
#include "crossread/base/text.h"

#define PAGE 4 /* rows shown: PgUp/PgDn move by 3 */

static void check(const struct editbuf *b, int width, struct editbuf_rows *rows)
{
	if (!editbuf_valid(b))
		__builtin_trap();
	size_t n = editbuf_wrap(b, width, rows);
	if (n < 1 || rows->row[0].start != 0 || rows->row[n - 1].end != b->len)
		__builtin_trap();
	for (size_t r = 0; r < n; r++) {
		if (rows->row[r].start > rows->row[r].end)
			__builtin_trap();
		if (r && rows->row[r].start != rows->row[r - 1].end &&
		    !(rows->row[r].start == rows->row[r - 1].end + 1 &&
		      b->s[rows->row[r - 1].end] == '\n'))
			__builtin_trap();
	}
	size_t col;
	size_t r = editbuf_cursor_row(b, rows, &col);
	if (r >= n || b->cur < rows->row[r].start || b->cur > rows->row[r].end)
		__builtin_trap();
}

static struct keymap keys;
static int mode = MODE_EDITOR;
static struct editkey_ctx ctx;
static const char *const choices[] = {"China", "Chinese officials", "\xe4\xb8\xad\xe6\x96\x87"};

static size_t lines(const struct editbuf *b)
{
	size_t n = 0;
	for (size_t i = 0; i < b->len; i++)
		n += b->s[i] == '\n';
	return n;
}

/* send one key; the text before it is kept in *prev to compare with */
static void key(struct editbuf *b, int32_t k, int width, char *prev)
{
	size_t len = b->len, cur = b->cur, nl = lines(b);
	memcpy(prev, b->s, len + 1);
	ctx.width = width;
	ctx.page = PAGE;
	enum editkey_result r = editkey_apply(b, &keys, mode, k, &ctx);
	if ((r == EDITKEY_SAVE || r == EDITKEY_CANCEL || r == EDITKEY_IGNORED) &&
	    (b->len != len || b->cur != cur || memcmp(prev, b->s, len) != 0))
		__builtin_trap();
	if (mode == MODE_PROMPT && lines(b) > nl)
		__builtin_trap();
}

static void set_mode(int m)
{
	mode = m;
	editkey_ctx_free(&ctx);
	ctx.one_line = m == MODE_PROMPT;
	ctx.choices = m == MODE_PROMPT ? choices : NULL;
	ctx.nchoices = m == MODE_PROMPT ? sizeof choices / sizeof choices[0] : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a small limit so that the fuzzer reaches it */
	enum { MAX = 512 };
	static char prev[MAX + 1];
	struct editbuf b;
	struct editbuf_rows rows = {0};
	editbuf_init(&b, MAX);
	int width = 7;
	if (!keys.n)
		keymap_defaults(&keys);
	set_mode(MODE_EDITOR);
	for (size_t i = 0; i < size;) {
		uint8_t k = data[i++];
		switch (k) {
		case 0x01:
			key(&b, RK_LEFT, width, prev);
			break;
		case 0x02:
			key(&b, RK_RIGHT, width, prev);
			break;
		case 0x03:
			key(&b, RK_UP, 0, prev); /* by logical line */
			break;
		case 0x04:
			key(&b, RK_DOWN, 0, prev);
			break;
		case 0x05:
			key(&b, RK_HOME, width, prev);
			break;
		case 0x06:
			key(&b, RK_END, width, prev);
			break;
		case 0x07:
			key(&b, RK_BACKSPACE, width, prev);
			break;
		case 0x08:
			key(&b, RK_DELETE, width, prev);
			break;
		case 0x09:
			key(&b, '\t', width, prev);
			break;
		case 0x0a:
			key(&b, RK_ENTER, width, prev);
			break;
		case 0x0b:
			key(&b, RK_UP, width, prev);
			break;
		case 0x0c:
			key(&b, RK_DOWN, width, prev);
			break;
		case 0x0e:
			if (i < size)
				width = data[i++] % 40;
			break;
		case 0x0f:
			if (i < size) {
				char c = (char)data[i++];
				editbuf_insert(&b, &c, 1);
			}
			break;
		case 0x10:
			if (i < size)
				key(&b, data[i++], width, prev);
			break;
		case 0x11:
			key(&b, RK_PGUP, width, prev);
			break;
		case 0x12:
			key(&b, RK_PGDN, width, prev);
			break;
		case 0x14: /* a paste: the next byte's count of bytes inserted at
			    * once, as the popup inserts a bracketed paste */
			if (i < size) {
				size_t n = data[i++];
				if (n > size - i)
					n = size - i;
				size_t before = b.len;
				editbuf_insert(&b, (const char *)data + i, n);
				if (b.len < before || b.len > b.max)
					__builtin_trap();
				i += n;
			}
			break;
		case 0x15:
			set_mode(mode == MODE_EDITOR ? MODE_PROMPT : MODE_EDITOR);
			break;
		case 0x13: /* a function key, and what is no code point */
			key(&b, -1, width, prev);
			key(&b, 0x110000, width, prev);
			break;
		default: {
			int32_t cp;
			size_t n = text_decode((const char *)data + i - 1, size - i + 1, &cp);
			i += n - 1;
			key(&b, cp, width, prev);
			break;
		}
		}
		check(&b, width, &rows);
	}
	/* a paste of the whole input, as the external editor's file would be */
	editbuf_set(&b, (const char *)data, size);
	check(&b, width, &rows);
	editkey_ctx_free(&ctx);
	editbuf_rows_free(&rows);
	editbuf_free(&b);
	return 0;
}
