/* Tests for text: UTF-8 decoding (one U+FFFD per invalid byte), NFC,
 * display width, grapheme clusters, the visible forms of control and bidi
 * characters, and case folding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crossread/base/text.h"

#define FFFD "\xEF\xBF\xBD"

static char *clean(const char *s, size_t n, size_t *out_len)
{
	return text_clean(s, n, out_len);
}

static void expect_clean_n(const char *in, size_t n, const char *want, size_t wn)
{
	size_t len;
	char *c = clean(in, n, &len);
	assert_int_equal(len, wn);
	assert_memory_equal(c, want, len);
	assert_int_equal(c[len], '\0');
	assert_true(text_valid_utf8(c, len));
	free(c);
}

static void expect_clean(const char *in, size_t n, const char *want)
{
	expect_clean_n(in, n, want, strlen(want));
}

static void expect_decode(const char *s, size_t n, int32_t cp, size_t used)
{
	int32_t got = -1;
	assert_int_equal(text_decode(s, n, &got), used);
	assert_int_equal(got, cp);
}

static void test_decode_valid(void **state)
{
	(void)state;
	expect_decode("A", 1, 'A', 1);
	expect_decode("\xC3\xA9", 2, 0xE9, 2);
	expect_decode("\xE4\xB8\xAD", 3, 0x4E2D, 3);
	expect_decode("\xF0\x9F\x98\x80", 4, 0x1F600, 4);
	expect_decode("\xF4\x8F\xBF\xBF", 4, 0x10FFFF, 4);
	/* a NUL byte is a code point like any other */
	expect_decode("\0x", 2, 0, 1);
}

static void test_decode_invalid(void **state)
{
	(void)state;
	/* lone continuation, invalid lead bytes */
	expect_decode("\x80", 1, TEXT_REPLACEMENT, 1);
	expect_decode("\xFF", 1, TEXT_REPLACEMENT, 1);
	expect_decode("\xFE", 1, TEXT_REPLACEMENT, 1);
	expect_decode("\xC0\xAF", 2, TEXT_REPLACEMENT, 1); /* overlong '/' */
	expect_decode("\xC1\xBF", 2, TEXT_REPLACEMENT, 1);
	expect_decode("\xE0\x80\xAF", 3, TEXT_REPLACEMENT, 1);	   /* overlong */
	expect_decode("\xF0\x80\x80\xAF", 4, TEXT_REPLACEMENT, 1); /* overlong */
	expect_decode("\xED\xA0\x80", 3, TEXT_REPLACEMENT, 1);	   /* surrogate D800 */
	expect_decode("\xED\xBF\xBF", 3, TEXT_REPLACEMENT, 1);	   /* surrogate DFFF */
	expect_decode("\xF4\x90\x80\x80", 4, TEXT_REPLACEMENT, 1); /* > U+10FFFF */
	expect_decode("\xF8\x88\x80\x80\x80", 5, TEXT_REPLACEMENT, 1);
	/* truncated sequences, at the end and before ASCII */
	expect_decode("\xE4\xB8", 2, TEXT_REPLACEMENT, 1);
	expect_decode("\xE4\xB8x", 3, TEXT_REPLACEMENT, 1);
	expect_decode("\xF0\x9F\x98", 3, TEXT_REPLACEMENT, 1);
	/* the length given is honoured: a valid sequence cut by len */
	expect_decode("\xC3\xA9", 1, TEXT_REPLACEMENT, 1);
}

static void test_clean_one_fffd_per_byte(void **state)
{
	(void)state;
	expect_clean("a\xFF"
		     "b",
		     3, "a" FFFD "b");
	expect_clean("\xC0\xAF", 2, FFFD FFFD);
	expect_clean("\xED\xA0\x80", 3, FFFD FFFD FFFD);
	expect_clean("\xE4\xB8", 2, FFFD FFFD);
	expect_clean("x\xF0\x9F\x98", 4, "x" FFFD FFFD FFFD);
	expect_clean("\xF4\x90\x80\x80", 4, FFFD FFFD FFFD FFFD);
	/* a real U+FFFD is kept as one */
	expect_clean(FFFD, 3, FFFD);
	/* invalid bytes next to valid multibyte text */
	expect_clean("\xC3\xA9\xA9\xC3\xA9", 5, "\xC3\xA9" FFFD "\xC3\xA9");
	/* every byte 0x80..0xFF alone */
	for (int b = 0x80; b <= 0xFF; b++) {
		char in[1] = {(char)b};
		expect_clean(in, 1, FFFD);
	}
	assert_false(text_valid_utf8("\xC0\xAF", 2));
	assert_false(text_valid_utf8("\xED\xA0\x80", 3));
	assert_true(text_valid_utf8("\xC3\xA9 ok", 4));
}

static void test_clean_controls_and_newlines(void **state)
{
	(void)state;
	/* NUL and other controls are kept (drawn visibly later) */
	expect_clean_n("a\0b\x1b"
		       "c",
		       5,
		       "a\0b\x1b"
		       "c",
		       5);
	/* CR LF becomes LF; a lone CR stays */
	expect_clean("a\r\nb\rc\n", 7, "a\nb\rc\n");
	expect_clean("", 0, "");
}

static void test_nfc(void **state)
{
	(void)state;
	expect_clean("e\xCC\x81", 3, "\xC3\xA9");		     /* e + U+0301 -> é */
	expect_clean("\xE2\x84\xAB", 3, "\xC3\x85");		     /* U+212B ANGSTROM -> Å */
	expect_clean("\xE1\x84\x80\xE1\x85\xA1", 6, "\xEA\xB0\x80"); /* jamo -> 가 */
	expect_clean("\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8", 9, "\xEA\xB0\x81"); /* 각 */
	/* canonical reordering of marks: dot below (220) before acute (230) */
	expect_clean("a\xCC\x81\xCC\xA3", 5, "\xE1\xBA\xA1\xCC\x81");
	/* already NFC text is left alone */
	expect_clean("caf\xC3\xA9 \xE4\xB8\xAD", 9, "caf\xC3\xA9 \xE4\xB8\xAD");
	/* NFC applies line by line and invalid bytes do not stop it */
	expect_clean("e\xCC\x81\n\xFF"
		     "e\xCC\x81",
		     8, "\xC3\xA9\n" FFFD "\xC3\xA9");
	/* compatibility characters are not folded by NFC */
	expect_clean("\xEF\xAC\x81", 3, "\xEF\xAC\x81"); /* ﬁ */
}

static void test_encode(void **state)
{
	(void)state;
	char out[4];
	assert_int_equal(text_encode(0xE9, out), 2);
	assert_memory_equal(out, "\xC3\xA9", 2);
	assert_int_equal(text_encode(0x1F600, out), 4);
	assert_memory_equal(out, "\xF0\x9F\x98\x80", 4);
	/* not a scalar value: encoded as U+FFFD */
	assert_int_equal(text_encode(0x110000, out), 3);
	assert_memory_equal(out, FFFD, 3);
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(text_cp_width('a'), 1);
	assert_int_equal(text_cp_width(0xE9), 1);
	assert_int_equal(text_cp_width(0x4E2D), 2);  /* 中 */
	assert_int_equal(text_cp_width(0xAC00), 2);  /* 가 */
	assert_int_equal(text_cp_width(0xFF21), 2);  /* fullwidth A */
	assert_int_equal(text_cp_width(0x1F600), 2); /* 😀 */
	assert_int_equal(text_cp_width(0x0301), 0);  /* combining acute */
	assert_int_equal(text_cp_width(0x200B), 0);  /* zero width space */
	/* controls take the width of their visible form */
	assert_int_equal(text_cp_width(0x1B), 2);   /* ^[ */
	assert_int_equal(text_cp_width(0x85), 8);   /* <U+0085> */
	assert_int_equal(text_cp_width(0x202E), 8); /* <U+202E> */
	assert_int_equal(text_width("abc", 3), 3);
	assert_int_equal(text_width("\xE4\xB8\xAD\xE6\x96\x87", 6), 4);
	assert_int_equal(text_width("e\xCC\x81", 3), 1);
	/* a mark with nothing before it is drawn on a space: width 1 */
	assert_int_equal(text_width("\xCC\x81", 2), 1);
	assert_int_equal(text_width("\xF0\x9F\x98\x80!", 5), 3);
	/* emoji presentation selector makes a text-default symbol wide */
	size_t e = text_cluster_end("\xE2\x9D\xA4\xEF\xB8\x8F", 6, 0);
	assert_int_equal(e, 6);
	assert_int_equal(text_width("\x1b[2J", 4), 5);
}

static void test_fit(void **state)
{
	(void)state;
	size_t used;
	/* 中文字: a wide character never fits half */
	assert_int_equal(text_fit("\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97", 9, 3, &used), 3);
	assert_int_equal(used, 2);
	assert_int_equal(text_fit("\xE4\xB8\xAD\xE6\x96\x87\xE5\xAD\x97", 9, 4, &used), 6);
	assert_int_equal(used, 4);
	/* e + acute stays together */
	assert_int_equal(text_fit("ae\xCC\x81x", 5, 2, &used), 4);
	assert_int_equal(used, 2);
	assert_int_equal(text_fit("abc", 3, 0, &used), 0);
	assert_int_equal(used, 0);
	/* a control's visible form is not split either */
	assert_int_equal(text_fit("a\x1b", 2, 2, &used), 1);
	assert_int_equal(used, 1);
}

static size_t cluster_at(const char *s, size_t pos)
{
	return text_cluster_end(s, strlen(s), pos);
}

static void test_clusters(void **state)
{
	(void)state;
	/* flags: two regional indicators each */
	const char *flags = "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA";
	assert_int_equal(cluster_at(flags, 0), 8);
	assert_int_equal(cluster_at(flags, 8), 16);
	/* a flag is as wide as its first regional indicator (what wcwidth
	 * says too, so the terminal agrees) */
	int fw = text_cluster_width(flags, 0, 8);
	assert_true(fw >= 1 && fw <= 2);
	assert_int_equal(text_width(flags, strlen(flags)), (size_t)(2 * fw));
	/* ZWJ family: one cluster */
	const char *fam =
	    "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7x";
	assert_int_equal(cluster_at(fam, 0), strlen(fam) - 1);
	assert_int_equal(text_width(fam, strlen(fam) - 1), 2);
	/* combining sequences: base and all its marks */
	const char *comb = "e\xCC\x81\xCC\xA3\xCC\x88z";
	assert_int_equal(cluster_at(comb, 0), 7);
	/* skin tone modifier */
	const char *wave = "\xF0\x9F\x91\x8B\xF0\x9F\x8F\xBD";
	assert_int_equal(cluster_at(wave, 0), 8);
	/* Hangul syllable from jamo (not normalised) is one cluster */
	const char *jamo = "\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8";
	assert_int_equal(cluster_at(jamo, 0), 9);
	/* controls are cells of their own, so even CR LF is two (display
	 * text has no CR LF left anyway); plain ASCII is one byte each */
	assert_int_equal(cluster_at("\r\nx", 0), 1);
	assert_int_equal(cluster_at("ab", 0), 1);
	/* a control never joins a neighbour, even a combining mark */
	assert_int_equal(cluster_at("\x1b\xCC\x81", 0), 1);
	assert_int_equal(cluster_at("a\xE2\x80\xAE", 0), 1);
	/* an invalid byte counts as U+FFFD: a mark after it joins it, and
	 * two invalid bytes are two clusters */
	assert_int_equal(cluster_at("\xFF\xCC\x81", 0), 3);
	assert_int_equal(cluster_at("\xFF\xFE", 0), 1);
}

static void expect_visible(int32_t cp, const char *want)
{
	char buf[TEXT_VIS_MAX];
	const char *v = text_visible(cp, buf);
	if (!want) {
		assert_null(v);
		assert_false(text_is_unsafe(cp));
		return;
	}
	assert_non_null(v);
	assert_string_equal(v, want);
	assert_true(text_is_unsafe(cp));
}

static void test_visible_forms(void **state)
{
	(void)state;
	expect_visible(0x00, "^@");
	expect_visible(0x07, "^G");
	expect_visible(0x08, "^H");
	expect_visible(0x09, "^I");
	expect_visible(0x0A, "^J");
	expect_visible(0x0D, "^M");
	expect_visible(0x1B, "^[");
	expect_visible(0x1F, "^_");
	expect_visible(0x7F, "^?");
	expect_visible(0x80, "<U+0080>");
	expect_visible(0x85, "<U+0085>");
	expect_visible(0x9B, "<U+009B>");
	expect_visible(0x9F, "<U+009F>");
	expect_visible(0x061C, "<U+061C>");
	expect_visible(0x200E, "<U+200E>");
	expect_visible(0x200F, "<U+200F>");
	expect_visible(0x202A, "<U+202A>");
	expect_visible(0x202E, "<U+202E>");
	expect_visible(0x2066, "<U+2066>");
	expect_visible(0x2069, "<U+2069>");
	expect_visible(0x2028, "<U+2028>");
	expect_visible(0x2029, "<U+2029>");
	expect_visible(0x0378, "<U+0378>");	/* unassigned */
	expect_visible(0x10FFFF, "<U+10FFFF>"); /* noncharacter, unassigned */
	expect_visible(0xD800, "<U+D800>");	/* surrogate, if it ever got here */
	/* ordinary text is drawn as itself */
	expect_visible(' ', NULL);
	expect_visible('~', NULL);
	expect_visible(0xA0, NULL);
	expect_visible(0xE9, NULL);
	expect_visible(0x4E2D, NULL);
	expect_visible(0x1F600, NULL);
	expect_visible(0x0301, NULL);
	expect_visible(0x200D, NULL); /* ZWJ: needed by emoji sequences */
}

static void expect_sanitize(const char *in, size_t n, bool keep, const char *want)
{
	char *s = text_sanitize(in, n, keep);
	assert_string_equal(s, want);
	free(s);
}

static void test_sanitize(void **state)
{
	(void)state;
	expect_sanitize("\x1b]0;title\x07", 10, false, "^[]0;title^G");
	expect_sanitize("\x1b[2J", 4, false, "^[[2J");
	expect_sanitize("a\x7f"
			"b",
			3, false, "a^?b");
	expect_sanitize("\xC2\x85", 2, false, "<U+0085>");
	expect_sanitize("\xC2\x9B"
			"31m",
			5, false, "<U+009B>31m");
	expect_sanitize("\x9B"
			"31m",
			4, false, FFFD "31m"); /* raw 0x9B byte is invalid UTF-8 */
	expect_sanitize("abc\xE2\x80\xAE"
			"def",
			9, false, "abc<U+202E>def");
	expect_sanitize("a\0b", 3, false, "a^@b");
	expect_sanitize("a\nb\tc", 5, false, "a^Jb^Ic");
	expect_sanitize("a\nb\tc\r", 6, true, "a\nb\tc^M");
	expect_sanitize("caf\xC3\xA9 \xE4\xB8\xAD", 9, false, "caf\xC3\xA9 \xE4\xB8\xAD");
	expect_sanitize("", 0, false, "");
}

static void test_space_and_fold(void **state)
{
	(void)state;
	assert_true(text_is_space(' '));
	assert_true(text_is_space('\t'));
	assert_true(text_is_space('\n'));
	assert_true(text_is_space(0x3000)); /* ideographic space */
	assert_true(text_is_space(0xA0));
	assert_false(text_is_space('a'));
	assert_false(text_is_space(0x200B));
	size_t n;
	char *f = text_casefold("Stra\xC3\x9F"
				"e \xC3\x89T\xC3\x89",
				13, &n);
	assert_int_equal(n, strlen("strasse \xC3\xA9t\xC3\xA9"));
	assert_memory_equal(f, "strasse \xC3\xA9t\xC3\xA9", n);
	free(f);
	/* invalid input is cleaned first */
	f = text_casefold("A\xFF", 2, &n);
	assert_memory_equal(f, "a" FFFD, n);
	free(f);
	/* one code point: its NFKC case folding when that is one code point */
	assert_int_equal(text_fold_cp('Q'), 'q');
	assert_int_equal(text_fold_cp(0xFF13), '3');	/* full-width 3 */
	assert_int_equal(text_fold_cp(0xFF0C), ',');	/* full-width comma */
	assert_int_equal(text_fold_cp(0xFF21), 'a');	/* full-width A */
	assert_int_equal(text_fold_cp(0xDF), 0xDF);	/* ß is "ss": kept */
	assert_int_equal(text_fold_cp(0x0663), 0x0663); /* Arabic-Indic 3 stays */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_decode_valid),
	    cmocka_unit_test(test_decode_invalid),
	    cmocka_unit_test(test_clean_one_fffd_per_byte),
	    cmocka_unit_test(test_clean_controls_and_newlines),
	    cmocka_unit_test(test_nfc),
	    cmocka_unit_test(test_encode),
	    cmocka_unit_test(test_width),
	    cmocka_unit_test(test_fit),
	    cmocka_unit_test(test_clusters),
	    cmocka_unit_test(test_visible_forms),
	    cmocka_unit_test(test_sanitize),
	    cmocka_unit_test(test_space_and_fold),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
