/* Tests for article: front matter (title, outlet, date, url; malformed
 * front matter is body text or ignored, never a crash), plain text, the line
 * index, incremental loading giving the same text as loading at once, and
 * the bundled articles. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "crossread/doc/article.h"
#include "crossread/base/text.h"
#include "crossread/base/util.h"

static struct article *mem(const char *name, const char *src)
{
	struct article *a = article_from_memory(name, src, strlen(src));
	article_load_all(a);
	return a;
}

/* the line index agrees with the '\n's of the text */
static void check_lines(const struct article *a)
{
	assert_true(a->nlines >= 1);
	assert_int_equal(a->line_start[0], 0);
	size_t line = 0;
	for (size_t i = 0; i < a->len; i++) {
		assert_int_equal(article_line_of(a, i), line);
		if (a->text[i] == '\n') {
			line++;
			assert_true(line < a->nlines);
			assert_int_equal(a->line_start[line], i + 1);
			assert_int_equal(article_line_end(a, line - 1), i);
		}
	}
	assert_int_equal(line + 1, a->nlines);
	assert_int_equal(article_line_end(a, a->nlines - 1), a->len);
	assert_true(text_valid_utf8(a->text, a->len));
	for (size_t k = 0; k < a->nspans; k++) {
		assert_true(a->spans[k].start < a->spans[k].end);
		assert_true(a->spans[k].end <= a->len);
		if (k)
			assert_true(a->spans[k - 1].start <= a->spans[k].start);
	}
}

static void test_front_matter(void **state)
{
	(void)state;
	struct article *a = mem("a.md", "---\n"
					"title: \"China denies \\\"hack\\\"\"\n"
					"outlet: AFP\n"
					"date: 2021-07-20\n"
					"url: https://example.com/x\n"
					"author: Someone\n"
					"tags: [a, b]\n"
					"---\n"
					"Body text.\n");
	assert_string_equal(a->title, "China denies \"hack\"");
	assert_string_equal(a->outlet, "AFP");
	assert_string_equal(a->date, "2021-07-20");
	assert_string_equal(a->url, "https://example.com/x");
	assert_string_equal(a->text, "Body text.");
	assert_string_equal(article_label(a), a->title);
	assert_int_equal(a->format, ARTICLE_MARKDOWN);
	check_lines(a);
	article_free(a);

	/* other names for the outlet; "..." closes too; CRLF lines */
	a = mem("b.md", "---\r\ntitle: T\r\nsource_name: NPR\r\n...\r\nbody\r\n");
	assert_string_equal(a->title, "T");
	assert_string_equal(a->outlet, "NPR");
	assert_null(a->date);
	assert_string_equal(a->text, "body");
	article_free(a);

	/* a byte order mark before the front matter */
	a = mem("c.md", "\xEF\xBB\xBF---\ntitle: BOM\n---\nx\n");
	assert_string_equal(a->title, "BOM");
	article_free(a);

	/* a multi-line title is folded onto one line */
	a = mem("d.md", "---\ntitle: |\n  two\n  lines\n---\nx\n");
	assert_null(strchr(a->title, '\n'));
	assert_non_null(strstr(a->title, "two lines"));
	article_free(a);
}

static void test_malformed_front_matter(void **state)
{
	(void)state;
	static const char *cases[] = {
	    "---\ntitle: never closed\nbody\n",
	    "---\n: : :\n[unbalanced\n---\nbody\n",
	    "---\ntitle: [a, b]\noutlet: {x: 1}\n---\nbody\n",
	    "---\n&a title: *a\n*a : x\n---\nbody\n",
	    "---\ntitle: \"unterminated\n---\nbody\n",
	    "---\n- a\n- b\n---\nbody\n",
	    "---\n---\nbody\n",
	    "---\ntitle: a\ntitle: b\n---\nbody\n",
	    "---\n\t\ttabs: are bad\n---\nbody\n",
	    "---\ntitle: \xFF\xFE invalid\n---\nbody\n",
	    "---\ntitle: \"\\x1b]0;pwned\\x07\"\n---\nbody\n",
	    "---",
	    "---\n",
	    "--- \n...\n",
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct article *a = mem("m.md", cases[i]);
		assert_true(a->complete);
		check_lines(a);
		if (a->title)
			assert_true(text_valid_utf8(a->title, strlen(a->title)));
		article_free(a);
	}
	/* unterminated: the front matter is body text, not lost */
	struct article *a = mem("u.md", "---\ntitle: never closed\nbody\n");
	assert_null(a->title);
	assert_non_null(strstr(a->text, "never closed"));
	article_free(a);
	/* a duplicate key keeps the first value */
	a = mem("dup.md", "---\ntitle: a\ntitle: b\n---\nbody\n");
	if (a->title)
		assert_string_equal(a->title, "a");
	article_free(a);
	/* a long title is cut, not refused */
	struct buf b = {0};
	buf_adds(&b, "---\ntitle: ");
	for (int i = 0; i < 10000; i++)
		buf_addc(&b, 'x');
	buf_adds(&b, "\n---\nbody\n");
	a = article_from_memory("big.md", b.s, b.len);
	article_load_all(a);
	assert_non_null(a->title);
	assert_true(strlen(a->title) <= 4096);
	assert_string_equal(a->text, "body");
	article_free(a);
	buf_free(&b);
	/* front matter past its size limit is body text, not lost */
	buf_adds(&b, "---\ntitle: ");
	for (int i = 0; i < 100000; i++)
		buf_addc(&b, 'y');
	buf_adds(&b, "\n---\nbody\n");
	a = article_from_memory("huge.md", b.s, b.len);
	article_load_all(a);
	assert_null(a->title);
	assert_non_null(strstr(a->text, "yyyy"));
	assert_non_null(strstr(a->text, "body"));
	check_lines(a);
	article_free(a);
	buf_free(&b);
}

static void test_plain_text(void **state)
{
	(void)state;
	struct article *a = mem("t.txt", "\n\nThe Title Line\n\nFirst para, *not* markdown.\n"
					 "\n\n\nSecond.\n");
	assert_int_equal(a->format, ARTICLE_TEXT);
	assert_string_equal(a->title, "The Title Line");
	assert_string_equal(a->text, "The Title Line\n\nFirst para, *not* markdown.\n\nSecond.");
	check_lines(a);
	article_free(a);
	/* hard-wrapped long lines join, short ones stay */
	a = mem("w.txt", "This line is long enough to be a hard-wrapped one\nand continues here\n"
			 "\nshort\nlines\n");
	assert_non_null(strstr(a->text, "hard-wrapped one and continues here"));
	assert_non_null(strstr(a->text, "short\nlines"));
	article_free(a);
	/* file name decides: upper-case suffix is Markdown too */
	a = mem("X.MD", "# h\n");
	assert_int_equal(a->format, ARTICLE_MARKDOWN);
	assert_string_equal(a->text, "h");
	article_free(a);
}

static void test_empty_and_odd(void **state)
{
	(void)state;
	static const struct {
		const char *name, *src;
		size_t n;
	} cases[] = {
	    {"e.md", "", 0},
	    {"e.txt", "", 0},
	    {"n.md", "\n\n\n", 3},
	    {"z.txt", "\0\0\0", 3},
	    {"z.md", "a\0b\n\0\n", 6},
	    {"i.txt", "\xFF\xFE\xFD\x80", 4},
	    {"i.md", "\xC0\xAF\xED\xA0\x80", 5},
	    {"cr.txt", "a\rb\r\r\n", 6},
	    {"sp.md", "   \n\t\n  ", 8},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct article *a = article_from_memory(cases[i].name, cases[i].src, cases[i].n);
		article_load_all(a);
		assert_true(a->complete);
		assert_non_null(a->text);
		check_lines(a);
		assert_non_null(article_label(a));
		article_free(a);
	}
	/* invalid bytes become U+FFFD, NULs are kept for visible drawing */
	struct article *a = article_from_memory("i.txt",
						"a\xFF"
						"b\0c",
						5);
	article_load_all(a);
	assert_int_equal(a->len, 7);
	assert_memory_equal(a->text,
			    "a\xEF\xBF\xBD"
			    "b\0c",
			    7);
	article_free(a);
}

static void test_incremental_equals_whole(void **state)
{
	(void)state;
	struct buf b = {0};
	buf_adds(&b, "---\ntitle: inc\n---\n");
	for (int i = 0; i < 400; i++)
		buf_printf(&b, "Paragraph %d with *emphasis* and [a link](x) and e\xCC\x81.\n\n",
			   i);
	buf_adds(&b, "```\ncode\n\nin fence\n```\n");
	struct article *whole = article_from_memory("w.md", b.s, b.len);
	article_load_all(whole);
	for (size_t budget = 1; budget <= 4096; budget *= 7) {
		struct article *a = article_from_memory("w.md", b.s, b.len);
		int steps = 0;
		while (!article_load_step(a, budget))
			steps++;
		assert_int_equal(a->len, whole->len);
		assert_memory_equal(a->text, whole->text, a->len);
		assert_int_equal(a->nlines, whole->nlines);
		assert_int_equal(a->nspans, whole->nspans);
		check_lines(a);
		article_free(a);
	}
	article_free(whole);
	buf_free(&b);
}

/* an article read from its file through the sliding window gives exactly
 * what the whole text in memory gives: blocks, multi-byte characters, CRLF,
 * a code fence and a line of several MiB cross the window's edges */
static void test_file_window_equals_memory(void **state)
{
	(void)state;
	struct buf b = {0};
	for (int variant = 0; variant < 2; variant++) {
		b.len = 0;
		if (variant == 0)
			buf_adds(&b, "---\ntitle: window\n---\n");
		uint32_t x = 12345;
		while (b.len < ((size_t)5 << 20)) {
			x = x * 1103515245u + 12345u;
			switch ((x >> 16) % 7) {
			case 0:
				buf_adds(&b, "\n\n\n");
				break;
			case 1:
				buf_adds(&b, "```\nfenced\n\ncode\n```\n\n");
				break;
			case 2:
				for (int k = 0; k < (int)((x >> 8) % 2000); k++)
					buf_adds(&b, "\xE4\xB8\xAD\xC3\xA9"
						     "e\xCC\x81 ");
				buf_adds(&b, "\r\n\r\n");
				break;
			case 3:
				if ((x >> 4) % 50 == 0)
					for (int k = 0; k < 400000; k++)
						buf_adds(&b, "long ");
				buf_adds(&b, "\n\n");
				break;
			default:
				buf_printf(&b, "Words *%u* and [link](u) here.\n\n", x % 1000);
			}
		}
		const char *name = variant == 0 ? "/tmp/crossread-window-test.md"
						: "/tmp/crossread-window-test.txt";
		FILE *f = fopen(name, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(b.s, 1, b.len, f), b.len);
		fclose(f);
		struct article *m = article_from_memory(name, b.s, b.len);
		article_load_all(m);
		struct article *a;
		const char *why;
		assert_int_equal(article_open(&a, name, &why), 0);
		assert_false(a->complete); /* opening read only the start */
		unsigned last = 0;
		while (!article_load_step(a, 64u << 10)) {
			assert_true(article_progress(a) >= last);
			last = article_progress(a);
		}
		assert_int_equal(article_progress(a), 100);
		assert_int_equal(a->len, m->len);
		assert_memory_equal(a->text, m->text, a->len);
		assert_int_equal(a->nlines, m->nlines);
		assert_int_equal(a->nspans, m->nspans);
		if (m->title)
			assert_string_equal(a->title, m->title);
		check_lines(a);
		article_free(a);
		article_free(m);
		unlink(name);
	}
	buf_free(&b);
}

static void test_open_errors(void **state)
{
	(void)state;
	struct article *a = (struct article *)1;
	const char *err = NULL;
	errno = 0;
	assert_int_equal(article_open(&a, "/nonexistent/dir/x.md", &err), -1);
	assert_int_equal(errno, ENOENT);
	assert_null(a);
	assert_non_null(err);
	assert_string_equal(err, strerror(ENOENT));
	err = NULL;
	assert_int_equal(article_open(&a, "/", &err), -1);
	assert_non_null(err);
	assert_string_equal(err, "not a regular file");
	/* devices and a FIFO without a writer: refused, and the open returns
	 * (a blocking open of the FIFO would hang this test) */
	const char *devs[] = {"/dev/zero", "/dev/null"};
	for (size_t i = 0; i < 2; i++) {
		err = NULL;
		assert_int_equal(article_open(&a, devs[i], &err), -1);
		assert_string_equal(err, "not a regular file");
		assert_null(a);
	}
	char fifo[] = "/tmp/crossread-fifo-XXXXXX";
	int fd = mkstemp(fifo);
	assert_true(fd >= 0);
	close(fd);
	unlink(fifo);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	err = NULL;
	assert_int_equal(article_open(&a, fifo, &err), -1);
	assert_string_equal(err, "not a regular file");
	unlink(fifo);
}

static void test_bundled(void **state)
{
	(void)state;
	/* tests/run.sh exports ROOT; by hand, run from the repository top */
	const char *root = getenv("ROOT") ? getenv("ROOT") : ".";
	static const char *names[] = {"npr-china-accuses-us.md", "afp-china-denies-hack.md"};
	static const char *titles[] = {
	    "China accuses the United States of cyber attacks; says it had no role in the "
	    "Microsoft hack",
	    "China denies Microsoft hack, condemns US allies"};
	for (int i = 0; i < 2; i++) {
		struct article *a;
		const char *err;
		char path[4096];
		snprintf(path, sizeof path, "%s/articles/%s", root, names[i]);
		if (article_open(&a, path, &err) != 0) {
			fprintf(stderr, "%s: %s (run from the repository top)\n", path, err);
			fail();
		}
		article_load_all(a);
		assert_string_equal(a->title, titles[i]);
		assert_non_null(a->outlet);
		assert_string_equal(a->date, "2021-07-20");
		assert_true(a->len > 1000);
		check_lines(a);
		if (i == 1) {
			assert_non_null(strstr(a->text, "carried out a massive\n\nMicrosoft hack"));
			assert_non_null(strstr(a->text, "offered $10 million"));
			assert_null(strstr(a->text, "](#)"));
		}
		article_free(a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_front_matter),
	    cmocka_unit_test(test_malformed_front_matter),
	    cmocka_unit_test(test_plain_text),
	    cmocka_unit_test(test_empty_and_odd),
	    cmocka_unit_test(test_incremental_equals_whole),
	    cmocka_unit_test(test_file_window_equals_memory),
	    cmocka_unit_test(test_open_errors),
	    cmocka_unit_test(test_bundled),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
