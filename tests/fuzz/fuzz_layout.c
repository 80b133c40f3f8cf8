/* libFuzzer harness: layout_wrap and layout_cells on raw bytes (invalid
 * UTF-8 included) at a width taken from the first byte: rows strictly
 * increasing inside the text, cells tiling it, controls never drawn raw,
 * and text_sanitize leaving nothing unsafe. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/view/layout.h"
#include "crossread/base/text.h"

#define CHECK(c)                                                                                   \
	do {                                                                                       \
		if (!(c))                                                                          \
			__builtin_trap();                                                          \
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int width = data[0] % 64;
	const char *t = (const char *)data + 1;
	size_t len = size - 1;
	static size_t starts[1 << 16];
	size_t n = layout_wrap(t, 0, len, width, starts, 1 << 16);
	CHECK(n >= 1 && starts[0] == 0);
	for (size_t r = 1; r < n && r < (1 << 16); r++)
		CHECK(starts[r] > starts[r - 1] && starts[r] < len);
	static struct cell cells[1 << 16];
	size_t nc = layout_cells(t, 0, len, cells, 1 << 16);
	size_t at = 0;
	for (size_t k = 0; k < nc; k++) {
		CHECK(cells[k].off == at && cells[k].len > 0);
		int32_t cp;
		text_decode(t + at, cells[k].len, &cp);
		if (text_is_unsafe(cp) && cp != '\t')
			CHECK(cells[k].kind == CELL_CONTROL && cells[k].vis);
		at += cells[k].len;
	}
	CHECK(nc == (1 << 16) || at == len);
	char *s = text_sanitize(t, len, (data[0] & 0x80) != 0);
	size_t sl = strlen(s);
	CHECK(text_valid_utf8(s, sl));
	for (size_t i = 0; i < sl;) {
		int32_t cp;
		i += text_decode(s + i, sl - i, &cp);
		CHECK(!text_is_unsafe(cp) || ((data[0] & 0x80) && (cp == '\n' || cp == '\t')));
	}
	free(s);
	return 0;
}
