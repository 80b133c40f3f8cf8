/* libFuzzer harness: arbitrary bytes as a Markdown and as a plain-text
 * article, loaded incrementally and at once (same text both ways), then
 * every line laid out at several widths: row ranges in bounds, on code
 * point boundaries, covering the line; cells tiling each row; offsets
 * mapping back to their rows. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "crossread/doc/article.h"
#include "crossread/view/layout.h"
#include "crossread/base/text.h"

#define CHECK(c)                                                                                   \
	do {                                                                                       \
		if (!(c))                                                                          \
			__builtin_trap();                                                          \
	} while (0)

static bool boundary(const struct article *a, size_t off)
{
	return off >= a->len || ((unsigned char)a->text[off] & 0xC0) != 0x80;
}

static void walk(struct article *a, int width)
{
	struct layout *l = layout_new(a, width);
	static struct cell cells[4096];
	for (size_t line = 0; line < a->nlines; line++) {
		size_t ls = a->line_start[line], le = article_line_end(a, line);
		CHECK(ls <= le && le <= a->len);
		size_t rows = layout_rows(l, line), expect = ls;
		CHECK(rows >= 1);
		for (size_t r = 0; r < rows; r++) {
			struct lpos p = {line, r};
			size_t s, e;
			layout_row_range(l, p, &s, &e);
			CHECK(s == expect && s <= e && e <= le);
			CHECK(boundary(a, s) && boundary(a, e));
			CHECK(r == 0 || s < e);
			struct lpos q = layout_pos_of(l, s);
			CHECK(q.line == line && q.row == r);
			CHECK(layout_offset_of(l, p) == s);
			/* cells tile the row (a long row is done in slices) */
			size_t at = s;
			while (at < e) {
				size_t n = layout_cells(a->text, at, e, cells, 4096);
				CHECK(n > 0);
				for (size_t k = 0; k < n; k++) {
					CHECK(cells[k].off == at && cells[k].len > 0);
					if (cells[k].kind == CELL_CONTROL)
						CHECK(cells[k].vis &&
						      cells[k].width == strlen(cells[k].vis));
					at += cells[k].len;
				}
				CHECK(at <= e);
			}
			expect = e;
		}
		CHECK(expect == le);
	}
	struct lpos p = {0, 0};
	layout_move(l, &p, 1000000);
	struct lpos last = layout_last(l);
	CHECK(p.line == last.line && p.row == last.row);
	layout_free(l);
}

static void one(const char *name, const uint8_t *data, size_t size)
{
	struct article *whole = article_from_memory(name, (const char *)data, size);
	article_load_all(whole);
	CHECK(whole->complete && whole->nlines >= 1);
	CHECK(text_valid_utf8(whole->text, whole->len));
	struct article *inc = article_from_memory(name, (const char *)data, size);
	while (!article_load_step(inc, 97))
		;
	CHECK(inc->len == whole->len && !memcmp(inc->text, whole->text, inc->len));
	CHECK(inc->nlines == whole->nlines);
	article_free(inc);
	for (size_t k = 0; k < whole->nspans; k++)
		CHECK(whole->spans[k].start < whole->spans[k].end &&
		      whole->spans[k].end <= whole->len);
	if (whole->title)
		CHECK(text_valid_utf8(whole->title, strlen(whole->title)));
	static const int widths[] = {1, 3, 17, 80};
	for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++)
		walk(whole, widths[w]);
	article_free(whole);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	one("fuzz.md", data, size);
	one("fuzz.txt", data, size);
	return 0;
}
