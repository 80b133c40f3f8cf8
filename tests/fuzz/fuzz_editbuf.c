/* libFuzzer harness for the note editor's input handling: the input is a key
 * stream driving editbuf the way the popup does. Bytes 0x01-0x0c are editing
 * keys (arrows, Home/End, Backspace/Delete, Enter, up/down by wrapped row);
 * 0x0e sets the wrap width from the next byte; 0x0f inserts the next byte
 * raw (a lone UTF-8 byte or a control); anything else starts a UTF-8 code
 * point that is decoded and typed. After each key the buffer must be valid
 * UTF-8 without controls, within its limit, with the cursor on a cluster
 * boundary, and wrapping must cover the text in order. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/editbuf.h"
#include "crossread/text.h"

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct editbuf b;
	struct editbuf_rows rows = {0};
	/* a small limit so that the fuzzer reaches it */
	editbuf_init(&b, 512);
	int width = 7;
	for (size_t i = 0; i < size;) {
		uint8_t k = data[i++];
		switch (k) {
		case 0x01:
			editbuf_left(&b);
			break;
		case 0x02:
			editbuf_right(&b);
			break;
		case 0x03:
			editbuf_up(&b, 0);
			break;
		case 0x04:
			editbuf_down(&b, 0);
			break;
		case 0x05:
			editbuf_home(&b);
			break;
		case 0x06:
			editbuf_end(&b);
			break;
		case 0x07:
			editbuf_backspace(&b);
			break;
		case 0x08:
			editbuf_delete(&b);
			break;
		case 0x09:
			editbuf_insert_cp(&b, '\t');
			break;
		case 0x0a:
			editbuf_newline(&b);
			break;
		case 0x0b:
			editbuf_up(&b, width);
			break;
		case 0x0c:
			editbuf_down(&b, width);
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
		default: {
			int32_t cp;
			size_t n = text_decode((const char *)data + i - 1, size - i + 1, &cp);
			i += n - 1;
			editbuf_insert_cp(&b, cp);
			break;
		}
		}
		check(&b, width, &rows);
	}
	/* a paste of the whole input, as the external editor's file would be */
	editbuf_set(&b, (const char *)data, size);
	check(&b, width, &rows);
	editbuf_rows_free(&rows);
	editbuf_free(&b);
	return 0;
}
