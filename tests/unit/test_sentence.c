/* Unit tests for sentence: every splitting rule, checked with exact byte
 * offsets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "crossread/doc/article.h"
#include "crossread/doc/sentence.h"

/* Split text and check that the sentences are exactly `want` (NULL
 * terminated), each found at the first place after the previous one. */
static void expect(const char *text, const char *const *want)
{
	struct sentence *sv;
	size_t n = sentence_split(text, strlen(text), &sv);
	size_t k = 0, from = 0;
	while (want[k])
		k++;
	assert_int_equal(n, k);
	for (size_t i = 0; i < n; i++) {
		const char *at = strstr(text + from, want[i]);
		assert_non_null(at);
		size_t start = (size_t)(at - text);
		assert_int_equal(sv[i].start, start);
		assert_int_equal(sv[i].end, start + strlen(want[i]));
		from = sv[i].end;
	}
	free(sv);
}

#define EXPECT(text, ...)                                                                          \
	do {                                                                                       \
		const char *const w_[] = {__VA_ARGS__, NULL};                                      \
		expect((text), w_);                                                                \
	} while (0)

static void test_plain(void **state)
{
	(void)state;
	const char *t = "  One sentence.  Two here! Three? ";
	struct sentence *sv;
	size_t n = sentence_split(t, strlen(t), &sv);
	assert_int_equal(n, 3);
	assert_int_equal(sv[0].start, 2);
	assert_int_equal(sv[0].end, 15);
	assert_int_equal(sv[1].start, 17);
	assert_int_equal(sv[1].end, 26);
	assert_int_equal(sv[2].start, 27);
	assert_int_equal(sv[2].end, 33);
	free(sv);
}

static void test_abbreviations(void **state)
{
	(void)state;
	EXPECT("Mr. Smith met Gen. Lee on Jan. 5 in the U.S. capital. They talked.",
	       "Mr. Smith met Gen. Lee on Jan. 5 in the U.S. capital.", "They talked.");
	EXPECT("Beijing pushed back against U.S. claims. China denied it.",
	       "Beijing pushed back against U.S. claims.", "China denied it.");
	/* etc. ends a sentence only before a capital */
	EXPECT("They sell fruit, nuts, etc. and more. The shop closed, etc. Then it opened.",
	       "They sell fruit, nuts, etc. and more.", "The shop closed, etc.", "Then it opened.");
	EXPECT("See No. 5 on the list. No. It was not.", "See No. 5 on the list.", "No.",
	       "It was not.");
}

/* Dotted abbreviations, months and places end a sentence when a word that
 * usually starts one follows; before a name, a number or a plain word they
 * do not. */
static void test_abbreviation_then_starter(void **state)
{
	(void)state;
	EXPECT("China accused the U.S. The ministry denied it.", "China accused the U.S.",
	       "The ministry denied it.");
	EXPECT("It began in Jan. The next month it spread.", "It began in Jan.",
	       "The next month it spread.");
	EXPECT("Talks ended in the U.K. But they resumed. They met in Boston, Mass. It rained.",
	       "Talks ended in the U.K.", "But they resumed.", "They met in Boston, Mass.",
	       "It rained.");
	EXPECT("Officials left the U.S. \"It was over,\" one said.", "Officials left the U.S.",
	       "\"It was over,\" one said.");
	/* no split: a name, a number, a lower-case word, a title */
	EXPECT("Mr. Smith and Gen. Milley spoke.", "Mr. Smith and Gen. Milley spoke.");
	EXPECT("U.S. officials met on Jan. 5 and on Sept. 9.",
	       "U.S. officials met on Jan. 5 and on Sept. 9.");
	EXPECT("The U.S. Army and U.S. IT firms met.", "The U.S. Army and U.S. IT firms met.");
	EXPECT("It funds U.S. In-Q-Tel and U.S. A. Smith.",
	       "It funds U.S. In-Q-Tel and U.S. A. Smith.");
	EXPECT("Some papers, e.g. The Times, agreed.", "Some papers, e.g. The Times, agreed.");
	EXPECT("Gen. The name.", "Gen. The name.");
	EXPECT("They flew to St. Louis on Monday.", "They flew to St. Louis on Monday.");
}

static void test_initials(void **state)
{
	(void)state;
	EXPECT("The book is by J. R. R. Tolkien. It is long.", "The book is by J. R. R. Tolkien.",
	       "It is long.");
}

static void test_numbers(void **state)
{
	(void)state;
	EXPECT("At least 30,000 firms lost 4.2 billion dollars. Costs rose 1.5%.",
	       "At least 30,000 firms lost 4.2 billion dollars.", "Costs rose 1.5%.");
}

static void test_quotes_after_stop(void **state)
{
	(void)state;
	EXPECT("He called it \"the world champion of attacks.\" China denied it.",
	       "He called it \"the world champion of attacks.\"", "China denied it.");
	EXPECT("It had \xe2\x80\x9cnothing new in it.\xe2\x80\x9d Then he left.",
	       "It had \xe2\x80\x9cnothing new in it.\xe2\x80\x9d", "Then he left.");
	/* a question or exclamation inside a quote, the sentence going on */
	EXPECT("\"Stop!\" he said. Fine.", "\"Stop!\" he said.", "Fine.");
	/* a closing quote cut off by a space still belongs to the sentence */
	EXPECT("It serves only suppression. \xe2\x80\x9d Next one.",
	       "It serves only suppression. \xe2\x80\x9d", "Next one.");
}

static void test_headings_and_captions(void **state)
{
	(void)state;
	EXPECT("NATO solidarity\n\nBiden has ramped up pressure. He said so.", "NATO solidarity",
	       "Biden has ramped up pressure.", "He said so.");
	EXPECT("Steven Senne / AP\n\nhide caption\n\ntoggle legend\n\nText follows here.",
	       "Steven Senne / AP", "hide caption", "toggle legend", "Text follows here.");
	EXPECT("China says it played no part in Microsoft\xe2\x80\x99s hack\n\nA day earlier, "
	       "the US charged four.",
	       "China says it played no part in Microsoft\xe2\x80\x99s hack",
	       "A day earlier, the US charged four.");
	/* terminal punctuation at the end of a line always ends the sentence */
	EXPECT("It ended.\nso it did.", "It ended.", "so it did.");
}

static void test_across_paragraphs(void **state)
{
	(void)state;
	/* the bundled AFP text */
	EXPECT("China on Tuesday sharply denied US allegations it carried out a massive\n\n"
	       "Microsoft hack, countering that Washington was the \"world champion\" of cyber "
	       "attacks.\n\nNext.",
	       "China on Tuesday sharply denied US allegations it carried out a massive\n\n"
	       "Microsoft hack, countering that Washington was the \"world champion\" of cyber "
	       "attacks.",
	       "Next.");
	EXPECT("Price said the United States was not ruling out\n\nfurther action. Done.",
	       "Price said the United States was not ruling out\n\nfurther action.", "Done.");
	EXPECT("He praised them for attributing responsibility to\n\n\n\nChina.\n\nNext.",
	       "He praised them for attributing responsibility to\n\n\n\nChina.", "Next.");
	/* a URL at the end of a line is not prose cut in two */
	EXPECT(
	    "Citation: retrieved 18 April 2024 from many places on the web at https://x.org/a\n\n"
	    "This document is long.",
	    "Citation: retrieved 18 April 2024 from many places on the web at https://x.org/a",
	    "This document is long.");
}

/* the same on the bundled AFP article itself, as the reader shows it:
 * its three sentences cut by a paragraph break are each one sentence */
static void test_bundled_afp(void **state)
{
	(void)state;
	struct article *a;
	const char *why;
	assert_int_equal(article_open(&a, "articles/afp-china-denies-hack.md", &why), 0);
	article_load_all(a);
	struct sentence *sv;
	size_t n = sentence_split(a->text, a->len, &sv);
	assert_true(n > 20);
	static const char *const pairs[][2] = {
	    {"China on Tuesday sharply denied", "world champion"},
	    {"was not ruling out", "further action."},
	    {"attributing", "China."},
	};
	for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
		const char *first = strstr(a->text, pairs[k][0]);
		assert_non_null(first);
		size_t at = (size_t)(first - a->text);
		size_t i = 0;
		while (i < n && !(sv[i].start <= at && at < sv[i].end))
			i++;
		assert_true(i < n);
		const char *second = strstr(first, pairs[k][1]);
		assert_non_null(second);
		/* the second part is in the same sentence, past a blank line */
		assert_true((size_t)(second - a->text) < sv[i].end);
		const char *brk = strstr(first, "\n\n");
		assert_non_null(brk);
		assert_true((size_t)(brk - a->text) < sv[i].end);
	}
	free(sv);
	article_free(a);
}

static void test_nothing(void **state)
{
	(void)state;
	struct sentence *sv = (struct sentence *)1;
	assert_int_equal(sentence_split("", 0, &sv), 0);
	assert_null(sv);
	assert_int_equal(sentence_split(" \n\n -- ... \n", 12, &sv), 0);
	assert_null(sv);
	EXPECT("---\n\nWord", "Word");
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	const char t[] = "Bad \xff\xfe bytes. \xe2\x80 Cut\xc3";
	struct sentence *sv;
	size_t n = sentence_split(t, sizeof t - 1, &sv);
	assert_int_equal(n, 2);
	assert_int_equal(sv[0].start, 0);
	assert_int_equal(sv[0].end, 13);
	assert_int_equal(sv[1].start, 14);
	assert_int_equal(sv[1].end, sizeof t - 1);
	free(sv);
}

/* NUL bytes inside a word before a stop: the word is compared with the
 * abbreviation lists by its length, never read as a C string (an
 * abbreviation followed by NULs once read past the list's end). */
static void test_nul_in_word(void **state)
{
	(void)state;
	const char t[] = "See p\0\0. And Dr\0\0\0. Then No\0. End";
	struct sentence *sv;
	size_t n = sentence_split(t, sizeof t - 1, &sv);
	assert_int_equal(n, 4);
	assert_int_equal(sv[0].start, 0);
	assert_int_equal(sv[3].end, sizeof t - 1);
	free(sv);
}

/* Work per byte of the last split, in code points decoded. */
static double work_per_byte(size_t len)
{
	return (double)sentence_split_work() / (double)len;
}

/* A sentence that stays open over many short lines after one very long
 * word: every line break asks whether the sentence goes on, and that must
 * not recount the sentence from its start (100 KiB x 2,000 lines would be
 * 200 million code points; a 10 MB article of this shape hung). */
static void test_long_word_many_lines(void **state)
{
	(void)state;
	size_t wl = 100000, lines = 2000;
	size_t len = wl + 4 + lines * 4;
	char *t = malloc(len);
	assert_non_null(t);
	memset(t, 'x', wl);
	memcpy(t + wl, " a b", 4);
	for (size_t i = 0; i < lines; i++)
		memcpy(t + wl + 4 + i * 4, "\na b", 4);
	struct sentence *sv;
	size_t n = sentence_split(t, len, &sv);
	assert_int_equal(n, 1);
	assert_int_equal(sv[0].start, 0);
	assert_int_equal(sv[0].end, len);
	free(sv);
	assert_true(work_per_byte(len) < 4.0);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain),
	    cmocka_unit_test(test_abbreviations),
	    cmocka_unit_test(test_abbreviation_then_starter),
	    cmocka_unit_test(test_initials),
	    cmocka_unit_test(test_numbers),
	    cmocka_unit_test(test_quotes_after_stop),
	    cmocka_unit_test(test_headings_and_captions),
	    cmocka_unit_test(test_across_paragraphs),
	    cmocka_unit_test(test_bundled_afp),
	    cmocka_unit_test(test_nothing),
	    cmocka_unit_test(test_invalid_utf8),
	    cmocka_unit_test(test_nul_in_word),
	    cmocka_unit_test(test_long_word_many_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
