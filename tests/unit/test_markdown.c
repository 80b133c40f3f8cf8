/* Tests for markdown: what a reader sees of Markdown source (headings,
 * emphasis, links as their text, escapes, joined paragraphs, lists, quotes,
 * code, autolinks, entities), the styles it keeps, and the bundled AFP
 * article's split paragraph. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crossread/doc/article.h"
#include "crossread/base/text.h"
#include "crossread/base/util.h"

static struct article *md(const char *src)
{
	struct article *a = article_from_memory("t.md", src, strlen(src));
	article_load_all(a);
	assert_true(a->complete);
	assert_true(text_valid_utf8(a->text, a->len));
	return a;
}

static void expect_md(const char *src, const char *want)
{
	struct article *a = md(src);
	if (strcmp(a->text, want))
		fprintf(stderr, "source: \"%s\"\n   got: \"%s\"\n  want: \"%s\"\n", src, a->text,
			want);
	assert_string_equal(a->text, want);
	assert_int_equal(strlen(a->text), a->len);
	article_free(a);
}

/* style bits covering every byte of the first occurrence of `what` */
static unsigned style_of(const struct article *a, const char *what)
{
	const char *p = strstr(a->text, what);
	assert_non_null(p);
	size_t s = (size_t)(p - a->text), e = s + strlen(what);
	unsigned all = ~0u;
	for (size_t i = s; i < e; i++) {
		unsigned st = 0;
		for (size_t k = 0; k < a->nspans; k++)
			if (a->spans[k].start <= i && i < a->spans[k].end)
				st |= a->spans[k].style;
		all &= st;
	}
	return all;
}

static void test_headings(void **state)
{
	(void)state;
	expect_md("# Title\n", "Title");
	expect_md("### Third level ###\n\ntext\n", "Third level\n\ntext");
	expect_md("Setext\n======\n\nbody\n", "Setext\n\nbody");
	expect_md("#NoSpace\n", "#NoSpace");
	struct article *a = md("## A *b*\n\npara\n");
	assert_true(style_of(a, "A b") & TS_HEADING);
	assert_true(style_of(a, "b") & TS_EMPH);
	assert_false(style_of(a, "para") & TS_HEADING);
	article_free(a);
}

static void test_emphasis(void **state)
{
	(void)state;
	expect_md("a *em* b **strong** c _u_ d __uu__ e ***both***",
		  "a em b strong c u d uu e both");
	struct article *a = md("x *em* **strong** ***both***");
	assert_true(style_of(a, "em") & TS_EMPH);
	assert_true(style_of(a, "strong") & TS_STRONG);
	assert_true(style_of(a, "both") & TS_EMPH);
	assert_true(style_of(a, "both") & TS_STRONG);
	assert_false(style_of(a, "x ") & (TS_EMPH | TS_STRONG));
	article_free(a);
	/* unmatched and spaced markers stay literal */
	expect_md("2 * 3 * 4", "2 * 3 * 4");
	expect_md("a *b", "a *b");
	expect_md("snake_case_name", "snake_case_name");
}

static void test_links(void **state)
{
	(void)state;
	expect_md("see [the text](http://example.com/x) here", "see the text here");
	expect_md("The United States on Monday [accused](#) Beijing",
		  "The United States on Monday accused Beijing");
	expect_md("[a *b*](u \"title\")", "a b");
	expect_md("[no link] here", "[no link] here");
	expect_md("<http://auto.link/x?y=1>", "http://auto.link/x?y=1");
	struct article *a = md("go [there](http://x) now");
	assert_true(style_of(a, "there") & TS_LINK);
	assert_false(style_of(a, "now") & TS_LINK);
	article_free(a);
	/* unclosed: the source is shown as it is */
	expect_md("[half](http://x", "[half](http://x");
	/* an unclosed bracket or parenthesis does not hide a link after it */
	expect_md("[x [y](z) tail", "[x y tail");
	expect_md("[x](y [z](w)", "[x](y z");
	expect_md("[a [b] c](d) e", "a [b] c e");
	expect_md("\\[no](link) [yes](u)", "[no](link) yes");
	expect_md("((( [k](v) )))", "((( k )))");
}

static void test_escapes_and_entities(void **state)
{
	(void)state;
	expect_md("Washington offered \\$10 million", "Washington offered $10 million");
	expect_md("\\*not em\\* \\[x\\] \\\\ \\#", "*not em* [x] \\ #");
	expect_md("a\\b", "a\\b"); /* not an escapable character */
	expect_md("&amp; &lt;b&gt; &copy; &#65; &#x42; &bogus;", "& <b> \xC2\xA9 A B &bogus;");
	/* a reference to NUL or beyond Unicode never makes a NUL byte or
	 * invalid UTF-8 (expect_md checks strlen == len) */
	struct article *a = md("x &#0; &#x110000; &#xD800; &#99999999999; y");
	assert_int_equal(strlen(a->text), a->len);
	assert_true(strncmp(a->text, "x ", 2) == 0);
	assert_non_null(strstr(a->text, " y"));
	article_free(a);
}

static void test_paragraphs(void **state)
{
	(void)state;
	expect_md("one\ntwo\nthree\n\nnext para\n", "one two three\n\nnext para");
	expect_md("one\n\n\n\n\ntwo", "one\n\ntwo");
	/* hard break: two trailing spaces */
	struct article *a = md("line one  \nline two\n");
	assert_non_null(strstr(a->text, "line one"));
	assert_non_null(strstr(a->text, "line two"));
	article_free(a);
	/* the bundled AFP article: "a massive" and "Microsoft hack" are
	 * separated by a blank line in the source, so two paragraphs */
	expect_md("China on Tuesday sharply denied US allegations it carried out a massive\n\n"
		  "Microsoft hack, countering",
		  "China on Tuesday sharply denied US allegations it carried out a massive\n\n"
		  "Microsoft hack, countering");
}

static void test_lists_quotes_rules(void **state)
{
	(void)state;
	expect_md("- one\n- two\n", "\xE2\x80\xA2 one\n\xE2\x80\xA2 two");
	expect_md("* one\n* two\n", "\xE2\x80\xA2 one\n\xE2\x80\xA2 two");
	expect_md("1. first\n2. second\n", "1. first\n2. second");
	struct article *a = md("> quoted\n> more\n");
	assert_string_equal(a->text, "quoted more");
	assert_true(style_of(a, "quoted more") & TS_QUOTE);
	article_free(a);
	a = md("above\n\n---\n\nbelow\n");
	assert_true(style_of(a, "\xE2\x94\x80") & TS_RULE);
	assert_non_null(strstr(a->text, "above"));
	assert_non_null(strstr(a->text, "below"));
	assert_null(strstr(a->text, "---"));
	article_free(a);
}

static void test_code(void **state)
{
	(void)state;
	expect_md("use `co*de*` here", "use co*de* here");
	expect_md("``a ` b``", "a ` b");
	struct article *a = md("```\ncode  block\n\n  *kept*\n```\n\nafter\n");
	assert_string_equal(a->text, "code  block\n\n  *kept*\n\nafter");
	assert_true(style_of(a, "code  block") & TS_CODE);
	article_free(a);
	/* an unclosed fence runs to the end without losing text */
	a = md("```\nnever closed\n\n# not a heading\n");
	assert_non_null(strstr(a->text, "never closed"));
	assert_non_null(strstr(a->text, "# not a heading"));
	article_free(a);
	expect_md("`unclosed code", "`unclosed code");
}

static void test_hostile_inline(void **state)
{
	(void)state;
	/* deep nesting and many openers: linear, no crash, text kept */
	struct buf b = {0};
	for (int i = 0; i < 5000; i++)
		buf_adds(&b, "[*_`");
	buf_adds(&b, "end");
	struct article *a = article_from_memory("deep.md", b.s, b.len);
	article_load_all(a);
	assert_non_null(strstr(a->text, "end"));
	article_free(a);
	buf_free(&b);
	for (int i = 0; i < 3000; i++)
		buf_adds(&b, "> ");
	buf_adds(&b, "deep quote");
	a = article_from_memory("deep.md", b.s, b.len);
	article_load_all(a);
	assert_non_null(strstr(a->text, "deep quote"));
	article_free(a);
	buf_free(&b);
	/* controls in Markdown pass through to display text (drawn visibly) */
	expect_md("a \x1b]0;t\x07 b", "a \x1b]0;t\x07 b");
}

static void test_md4c(void **state)
{
	(void)state;
	/* named entities from the HTML table, unknown ones as written */
	expect_md("Caf&eacute; &rarr; &bogus; &#x263A;", "Caf\u00e9 \u2192 &bogus; \u263a");
	/* nested lists keep their levels */
	expect_md("- one\n  - nested\n    - deeper\n- two\n",
		  "\u2022 one\n  \u2022 nested\n    \u2022 deeper\n\u2022 two");
	expect_md("1) a\n2) b\n", "1) a\n2) b");
	/* a quote in a quote is a paragraph of its own */
	expect_md("> quote\n> > inner\n", "quote\n\ninner");
	/* HTML comments and link reference definitions are not shown; a
	 * reference resolves */
	expect_md("a <!-- no --> b\n\n<!-- block\ncomment -->\n\nc\n", "a  b\n\nc");
	expect_md("See [the ref][r].\n\n[r]: http://example.com\n", "See the ref.");
	/* tables: a row a line, cells between bars */
	expect_md("| a | b |\n|---|---|\n| 1 | 2 |\n", "| a | b |\n| 1 | 2 |");
	/* a lone CR stays a character of the text (md4c would end a line) */
	expect_md("a \r b\n", "a \r b");
	/* indented text is no code block */
	expect_md("    indented\n", "indented");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_md4c),
	    cmocka_unit_test(test_headings),
	    cmocka_unit_test(test_emphasis),
	    cmocka_unit_test(test_links),
	    cmocka_unit_test(test_escapes_and_entities),
	    cmocka_unit_test(test_paragraphs),
	    cmocka_unit_test(test_lists_quotes_rules),
	    cmocka_unit_test(test_code),
	    cmocka_unit_test(test_hostile_inline),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
