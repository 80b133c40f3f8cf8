/* libFuzzer harness for the HTML path: arbitrary bytes as a web page
 * (format forced, and detected), extracted twice (the same text both
 * times: offsets into it are the one coordinate); the display text is
 * valid UTF-8 with a consistent line index and spans in bounds, metadata
 * is one valid line. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "crossread/base/text.h"
#include "crossread/doc/article.h"
#include "crossread/doc/detect.h"

#define CHECK(c)                                                                                   \
	do {                                                                                       \
		if (!(c))                                                                          \
			__builtin_trap();                                                          \
	} while (0)

static void check_meta(const char *m)
{
	if (!m)
		return;
	CHECK(text_valid_utf8(m, strlen(m)));
	CHECK(!strchr(m, '\n'));
}

static void check_article(const struct article *a)
{
	CHECK(a->complete && a->nlines >= 1 && a->line_start[0] == 0);
	CHECK(text_valid_utf8(a->text, a->len));
	size_t line = 0;
	for (size_t i = 0; i < a->len; i++)
		if (a->text[i] == '\n') {
			line++;
			CHECK(line < a->nlines && a->line_start[line] == i + 1);
		}
	CHECK(line + 1 == a->nlines);
	for (size_t k = 0; k < a->nspans; k++) {
		CHECK(a->spans[k].start < a->spans[k].end && a->spans[k].end <= a->len);
		if (k)
			CHECK(a->spans[k - 1].start <= a->spans[k].start);
	}
	check_meta(a->title);
	check_meta(a->outlet);
	check_meta(a->date);
	check_meta(a->author);
	check_meta(a->url);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct article *a = article_from_memory_as("f.html", s, size, ARTICLE_HTML);
	check_article(a);
	struct article *b = article_from_memory_as("f.html", s, size, ARTICLE_HTML);
	CHECK(a->len == b->len && !memcmp(a->text, b->text, a->len));
	article_free(b);
	article_free(a);
	const char *why = NULL;
	int f = detect_format("f", s, size, &why);
	CHECK(why && (f == DETECT_BINARY || f == ARTICLE_HTML || f == ARTICLE_MARKDOWN ||
		      f == ARTICLE_TEXT));
	return 0;
}
