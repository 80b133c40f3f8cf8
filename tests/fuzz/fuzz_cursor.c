/* libFuzzer harness: the cursor's motions (cursor.c) over any article text
 * at a width from the first byte, the motions chosen by the next bytes:
 * the cursor always stays inside the text, on the start of a cluster (a
 * second snap moves it no more), and a selection's range is ordered and
 * inside the text. The text is also what Y's OSC 52 sequence encodes: the
 * sequence is framed and holds no control byte. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/doc/article.h"
#include "crossread/reader/clipboard.h"
#include "crossread/reader/cursor.h"
#include "crossread/view/layout.h"

#define CHECK(c)                                                                                   \
	do {                                                                                       \
		if (!(c))                                                                          \
			__builtin_trap();                                                          \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	int width = 1 + data[0] % 64;
	size_t nops = size - 1 < 64 ? size - 1 : 64;
	struct article *a = article_from_memory("f.txt", (const char *)data + 1, size - 1);
	article_load_all(a);
	struct layout *l = layout_new(a, width);
	size_t cur = 0, anchor = 0;
	int goal = -1;
	for (size_t k = 0; k < nops; k++) {
		unsigned op = data[1 + k];
		switch (op % 12) {
		case 0:
			cur = cursor_left(l, cur);
			break;
		case 1:
			cur = cursor_right(l, cur);
			break;
		case 2:
			cur = cursor_rows(l, cur, 1, &goal);
			break;
		case 3:
			cur = cursor_rows(l, cur, -1 - (long)(op >> 6), &goal);
			break;
		case 4:
			cur = cursor_word_next(l, cur);
			break;
		case 5:
			cur = cursor_word_prev(l, cur);
			break;
		case 6:
			cur = cursor_word_end(l, cur);
			break;
		case 7:
			cur = cursor_row_start(l, cur);
			break;
		case 8:
			cur = cursor_row_end(l, cur);
			break;
		case 9:
			anchor = cur;
			break;
		case 10:
			cur = cursor_snap(l, (size_t)op * 37 % (a->len + 1));
			break;
		default:
			cur = cursor_at_col(l, layout_pos_of(l, cur), op >> 4);
			break;
		}
		if (op % 12 != 2 && op % 12 != 3)
			goal = -1;
		CHECK(cur <= a->len);
		CHECK(a->len == 0 || cur < a->len || a->text[a->len - 1] == '\n');
		CHECK(cursor_snap(l, cur) == cur);
		CHECK(cursor_end(l, cur) >= cur && cursor_end(l, cur) <= a->len);
		size_t lo, hi;
		cursor_range(l, anchor, cur, &lo, &hi);
		CHECK(lo <= hi && hi <= a->len);
	}
	size_t n;
	char *seq = clip_osc52(a->text, a->len, &n);
	CHECK(n >= 8 && !memcmp(seq, "\033]52;c;", 7) && seq[n - 1] == '\a');
	for (size_t i = 7; i + 1 < n; i++)
		CHECK((unsigned char)seq[i] >= 0x20 && (unsigned char)seq[i] < 0x7f);
	free(seq);
	layout_free(l);
	article_free(a);
	return 0;
}
