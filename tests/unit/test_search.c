/* Tests for search: smart case (lower-case pattern ignores case, a capital
 * makes it exact), non-ASCII folding, forward and backward scans with their
 * limits, and offsets that always fall on code point boundaries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crossread/match/search.h"

static const char text[] = "China denied it. The US said CHINA did it; china said no. "
			   "\xC3\x89T\xC3\x89 et \xC3\xA9t\xC3\xA9 \xE2\x80\x94 "
			   "Stra\xC3\x9F"
			   "e, \xE4\xB8\xAD\xE5\x9B\xBD \xE4\xB8\xAD\xE5\x9B\xBD end";

static size_t all_forward(const char *pat, size_t *starts, size_t max)
{
	struct pattern p;
	assert_true(search_compile(&p, pat, strlen(pat)));
	size_t n = 0, from = 0, ms, me, len = strlen(text);
	while (n < max && search_forward(&p, text, len, from, len, &ms, &me)) {
		assert_true(ms >= from && me > ms && me <= len);
		starts[n++] = ms;
		from = ms + 1;
	}
	search_free(&p);
	return n;
}

static size_t count(const char *pat)
{
	size_t s[32];
	return all_forward(pat, s, 32);
}

static void test_smart_case(void **state)
{
	(void)state;
	assert_int_equal(count("china"), 3);
	assert_int_equal(count("China"), 1);
	assert_int_equal(count("CHINA"), 1);
	assert_int_equal(count("cHina"), 0);
	assert_int_equal(count("it"), 2);
	struct pattern p;
	assert_true(search_compile(&p, "china", 5));
	assert_true(p.icase);
	assert_string_equal(p.text, "china");
	search_free(&p);
	assert_true(search_compile(&p, "China", 5));
	assert_false(p.icase);
	search_free(&p);
	assert_false(search_compile(&p, "", 0));
	search_free(&p);
}

static void test_non_ascii(void **state)
{
	(void)state;
	/* été finds ÉTÉ and été; ÉTÉ only itself */
	size_t s[8];
	assert_int_equal(all_forward("\xC3\xA9t\xC3\xA9", s, 8), 2);
	assert_int_equal(s[0], (size_t)(strstr(text, "\xC3\x89T") - text));
	assert_int_equal(all_forward("\xC3\x89T\xC3\x89", s, 8), 1);
	assert_int_equal(count("stra\xC3\x9F"
			       "e"),
			 1);
	assert_int_equal(count("\xE4\xB8\xAD\xE5\x9B\xBD"), 2);
	assert_int_equal(count("\xE2\x80\x94"), 1);
	assert_int_equal(count("\xE4\xB8\xAD\xE5\x9B\xBD end"), 1);
	/* Kelvin sign folds to k: a lower-case pattern finds it */
	struct pattern p;
	assert_true(search_compile(&p, "ok", 2));
	size_t ms, me;
	const char *kt = "O\xE2\x84\xAA!";
	assert_true(search_forward(&p, kt, strlen(kt), 0, strlen(kt), &ms, &me));
	assert_int_equal(ms, 0);
	assert_int_equal(me, 4);
	search_free(&p);
}

static void test_backward(void **state)
{
	(void)state;
	struct pattern p;
	assert_true(search_compile(&p, "china", 5));
	size_t len = strlen(text), ms, me;
	size_t fwd[4];
	assert_int_equal(all_forward("china", fwd, 4), 3);
	/* from the end: the last one; then each earlier one */
	assert_true(search_backward(&p, text, len, len, 0, &ms, &me));
	assert_int_equal(ms, fwd[2]);
	assert_true(search_backward(&p, text, len, ms, 0, &ms, &me));
	assert_int_equal(ms, fwd[1]);
	assert_true(search_backward(&p, text, len, ms, 0, &ms, &me));
	assert_int_equal(ms, fwd[0]);
	assert_false(search_backward(&p, text, len, ms, 0, &ms, &me));
	/* limits: [limit, from) */
	assert_false(search_backward(&p, text, len, fwd[2], fwd[1] + 1, &ms, &me));
	assert_true(search_backward(&p, text, len, fwd[2], fwd[1], &ms, &me));
	assert_int_equal(ms, fwd[1]);
	assert_false(search_forward(&p, text, len, fwd[0] + 1, fwd[1], &ms, &me));
	assert_true(search_forward(&p, text, len, fwd[0] + 1, fwd[1] + 1, &ms, &me));
	assert_int_equal(ms, fwd[1]);
	/* from beyond the end is clamped */
	assert_true(search_backward(&p, text, len, len + 100, 0, &ms, &me));
	assert_int_equal(ms, fwd[2]);
	search_free(&p);
	/* backward over multibyte text lands on code point starts */
	assert_true(search_compile(&p, "\xE4\xB8\xAD", 3));
	assert_true(search_backward(&p, text, len, len, 0, &ms, &me));
	assert_memory_equal(text + ms, "\xE4\xB8\xAD\xE5\x9B\xBD end", 10);
	search_free(&p);
}

static void test_edges(void **state)
{
	(void)state;
	struct pattern p;
	size_t ms, me;
	assert_true(search_compile(&p, "abc", 3));
	/* a match cut by the end of the text is no match */
	assert_false(search_forward(&p, "xxab", 4, 0, 4, &ms, &me));
	assert_false(search_match_at(&p, "ab", 2, 0, &me));
	assert_true(search_match_at(&p, "ABC", 3, 0, &me));
	assert_int_equal(me, 3);
	assert_false(search_forward(&p, "", 0, 0, 0, &ms, &me));
	search_free(&p);
	/* invalid bytes in a pattern or the text do not break the scan */
	assert_true(search_compile(&p,
				   "\xFF"
				   "a",
				   2));
	assert_false(search_forward(&p, "bbb", 3, 0, 3, &ms, &me));
	search_free(&p);
	assert_true(search_compile(&p, "x", 1));
	const char *bad = "\xFF\xFEx\xC0";
	assert_true(search_forward(&p, bad, 4, 0, 4, &ms, &me));
	assert_int_equal(ms, 2);
	search_free(&p);
}

/* issue 12: search folds as anchoring does (text.h's fold) */
static size_t count_in(const char *t, const char *pat)
{
	struct pattern p;
	assert_true(search_compile(&p, pat, strlen(pat)));
	size_t n = 0, from = 0, ms, me, len = strlen(t);
	while (search_forward(&p, t, len, from, len, &ms, &me)) {
		assert_true(ms >= from && me > ms && me <= len);
		n++;
		from = me;
	}
	search_free(&p);
	return n;
}

static void test_fold(void **state)
{
	(void)state;
	const char *t = "China\xE2\x80\x99s view \xE2\x80\x94 and \xEF\xBC\x93 or 3 \xEF\xAC\x81"
			"ne \xE2\x80\x9Cyes\xE2\x80\x9D  a\xC2\xA0\n b";
	/* curly and straight quotes are one */
	assert_int_equal(count_in(t, "china's"), 1);
	assert_int_equal(count_in(t, "China's"),
			 1); /* a capital: exact case, quotes still folded */
	assert_int_equal(count_in(t, "china\xE2\x80\x99s"), 1);
	assert_int_equal(count_in(t, "\"yes\""), 1);
	/* full-width digits are digits, both ways */
	assert_int_equal(count_in(t, "3"), 2);
	assert_int_equal(count_in(t, "\xEF\xBC\x93"), 2);
	/* dashes, ligatures (NFKC), white space runs */
	assert_int_equal(count_in(t, "view - and"), 1);
	assert_int_equal(count_in(t, "fine"), 1);
	assert_int_equal(count_in(t, "a b"), 1);
	/* offsets are display offsets, on the characters matched */
	struct pattern p;
	size_t ms, me, len = strlen(t);
	assert_true(search_compile(&p, "china's", 7));
	assert_true(search_forward(&p, t, len, 0, len, &ms, &me));
	assert_int_equal(ms, 0);
	assert_int_equal(me, 9); /* the curly apostrophe is 3 bytes */
	search_free(&p);
	assert_true(search_compile(&p, "3", 1));
	assert_true(search_forward(&p, t, len, 0, len, &ms, &me));
	assert_memory_equal(t + ms, "\xEF\xBC\x93", 3);
	assert_int_equal(me, ms + 3);
	assert_true(search_backward(&p, t, len, len, 0, &ms, &me));
	assert_memory_equal(t + ms, "3 ", 2);
	search_free(&p);
	assert_true(search_compile(&p, "a b", 3));
	assert_true(search_forward(&p, t, len, 0, len, &ms, &me));
	assert_string_equal(t + ms, "a\xC2\xA0\n b");
	assert_int_equal(me, len);
	search_free(&p);
}

/* Linear in the text whatever the pattern: 300 characters that almost
 * match everywhere (the scan that compared at each byte did 6e9 steps on
 * 20 MB: 22 s). Work is counted, not timed. */
static void test_linear(void **state)
{
	(void)state;
	size_t n = 2000000, m = 300;
	char *t = malloc(n + m + 1);
	memset(t, 'a', n);
	t[n] = '\0';
	char *pat = malloc(m + 1);
	memset(pat, 'a', m - 1);
	pat[m - 1] = 'b';
	pat[m] = '\0';
	struct pattern p;
	assert_true(search_compile(&p, pat, m));
	size_t ms, me;
	uint64_t w0 = search_work();
	assert_false(search_forward(&p, t, n, 0, n, &ms, &me));
	assert_true(search_work() - w0 < 3 * (uint64_t)n);
	w0 = search_work();
	assert_false(search_backward(&p, t, n, n, 0, &ms, &me));
	assert_true(search_work() - w0 < 3 * (uint64_t)n);
	/* in slices, as the reader searches: the same */
	w0 = search_work();
	for (size_t pos = 0; pos < n; pos += 65536)
		assert_false(
		    search_forward(&p, t, n, pos, pos + 65536 < n ? pos + 65536 : n, &ms, &me));
	assert_true(search_work() - w0 < 3 * (uint64_t)n);
	/* present at the end: found, forward and backward */
	memcpy(t + n - m, pat, m);
	assert_true(search_forward(&p, t, n, 0, n, &ms, &me));
	assert_int_equal(ms, n - m);
	assert_int_equal(me, n);
	assert_true(search_backward(&p, t, n, n, 0, &ms, &me));
	assert_int_equal(ms, n - m);
	/* a hit straddling a slice's limit is found from the slice it starts in */
	assert_true(search_forward(&p, t, n, n - m - 10, n - m + 1, &ms, &me));
	assert_int_equal(ms, n - m);
	assert_false(search_forward(&p, t, n, 0, n - m, &ms, &me));
	search_free(&p);
	free(pat);
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_smart_case), cmocka_unit_test(test_non_ascii),
	    cmocka_unit_test(test_backward),   cmocka_unit_test(test_edges),
	    cmocka_unit_test(test_fold),       cmocka_unit_test(test_linear),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
