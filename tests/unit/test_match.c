/* Unit tests for match: number normalisation, the pairs found in small
 * texts (with exact offsets), options, relations, and case folding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "crossread/match/match.h"

static void test_numbers(void **state)
{
	(void)state;
	char out[32];
	assert_int_equal(match_number("30,000", 6, out, sizeof out), 5);
	assert_string_equal(out, "30000");
	assert_int_equal(match_number("30000", 5, out, sizeof out), 5);
	assert_string_equal(out, "30000");
	assert_int_equal(match_number("1,500,000", 9, out, sizeof out), 7);
	assert_string_equal(out, "1500000");
	assert_int_equal(match_number("4.2", 3, out, sizeof out), 3);
	assert_string_equal(out, "4.2");
	assert_int_equal(match_number("abc", 3, out, sizeof out), 0);
	assert_int_equal(match_number("30,", 3, out, sizeof out), 0);
	assert_int_equal(match_number("", 0, out, sizeof out), 0);
	/* too long for the buffer: not a number worth matching */
	assert_int_equal(match_number("123456", 6, out, 4), 0);
}

static const char A[] = "The weather was fine on Monday. Last March, Microsoft reported that at "
			"least 30,000 customers were affected by a hack. Tesla built a new data "
			"center near the coast.";
static const char B[] = "Allies backed the joint statement. The Microsoft hack affected at "
			"least 30,000 US organizations including local governments. Russia "
			"denies responsibility.";

static size_t find(const char *hay, const char *needle)
{
	const char *p = strstr(hay, needle);
	assert_non_null(p);
	return (size_t)(p - hay);
}

static void test_pair_30000(void **state)
{
	(void)state;
	struct match_pair *pv;
	size_t n = match_articles(A, strlen(A), B, strlen(B), NULL, &pv);
	assert_true(n >= 1);
	const char *sa = "Last March, Microsoft reported that at least 30,000 customers were "
			 "affected by a hack.";
	const char *sb = "The Microsoft hack affected at least 30,000 US organizations "
			 "including local governments.";
	assert_int_equal(pv[0].a_start, find(A, sa));
	assert_int_equal(pv[0].a_end, find(A, sa) + strlen(sa));
	assert_int_equal(pv[0].b_start, find(B, sb));
	assert_int_equal(pv[0].b_end, find(B, sb) + strlen(sb));
	assert_true(pv[0].mutual);
	assert_int_equal(pv[0].rel, REL_SAME);
	assert_true(pv[0].score >= 0.3);
	for (size_t i = 1; i < n; i++)
		assert_true(pv[i].score <= pv[i - 1].score);
	free(pv);
}

static void test_number_forms_match(void **state)
{
	(void)state;
	const char *a = "Around 30000 accounts leaked. Cats sleep a lot.";
	const char *b = "Dogs bark at night. Exactly 30,000 accounts leaked.";
	struct match_opts o;
	match_opts_default(&o);
	o.min_score = 0;
	struct match_pair *pv;
	size_t n = match_articles(a, strlen(a), b, strlen(b), &o, &pv);
	assert_true(n >= 1);
	assert_int_equal(pv[0].a_start, 0);
	assert_int_equal(pv[0].b_start, find(b, "Exactly"));
	free(pv);
}

/* Numbers are told after NFKC folding: full-width digits and separators
 * are the number they fold to. */
static void test_fullwidth_numbers(void **state)
{
	(void)state;
	/* "３０,０００" and "３０，０００" (full-width comma) */
	const char *as[] = {"The total was \xef\xbc\x93\xef\xbc\x90,\xef\xbc\x90\xef\xbc\x90"
			    "\xef\xbc\x90.",
			    "The total was \xef\xbc\x93\xef\xbc\x90\xef\xbc\x8c\xef\xbc\x90"
			    "\xef\xbc\x90\xef\xbc\x90."};
	/* the wrong number first: a tie on "total" alone would pick it */
	const char *b = "The total was 45000. The total was 30000.";
	for (size_t i = 0; i < 2; i++) {
		struct match_pair *pv;
		size_t n = match_articles(as[i], strlen(as[i]), b, strlen(b), NULL, &pv);
		assert_true(n >= 1);
		assert_int_equal(pv[0].a_start, 0);
		assert_int_equal(pv[0].b_start, find(b, "The total was 30000."));
		assert_true(pv[0].score > 0.9);
		free(pv);
	}
}

static void test_rebuts(void **state)
{
	(void)state;
	const char *a = "The United States accused China of the Microsoft Exchange hack.";
	const char *b = "China denied the Microsoft Exchange hack allegations as groundless.";
	struct match_pair *pv;
	size_t n = match_articles(a, strlen(a), b, strlen(b), NULL, &pv);
	assert_int_equal(n, 1);
	assert_int_equal(pv[0].sa, STANCE_ACCUSATION);
	assert_int_equal(pv[0].sb, STANCE_REBUTTAL);
	assert_int_equal(pv[0].rel, REL_REBUTS);
	free(pv);
}

static void test_options(void **state)
{
	(void)state;
	struct match_opts o;
	match_opts_default(&o);
	o.min_score = 0;
	struct match_pair *pv;
	size_t all = match_articles(A, strlen(A), B, strlen(B), &o, &pv);
	free(pv);
	assert_true(all >= 1);
	o.top = 1;
	assert_int_equal(match_articles(A, strlen(A), B, strlen(B), &o, &pv), 1);
	free(pv);
	o.top = 0;
	o.min_score = 50;
	assert_int_equal(match_articles(A, strlen(A), B, strlen(B), &o, &pv), 0);
	assert_null(pv);
	/* without stemming "affected" still matches "affected" */
	match_opts_default(&o);
	o.stem = false;
	assert_true(match_articles(A, strlen(A), B, strlen(B), &o, &pv) >= 1);
	free(pv);
}

static void test_nothing_shared(void **state)
{
	(void)state;
	struct match_pair *pv = (struct match_pair *)1;
	assert_int_equal(match_articles("", 0, "", 0, NULL, &pv), 0);
	assert_null(pv);
	const char *a = "Cats sleep.", *b = "Dogs bark.";
	assert_int_equal(match_articles(a, strlen(a), b, strlen(b), NULL, &pv), 0);
	assert_null(pv);
	/* stop words alone are nothing */
	a = "It was the one.";
	b = "It was the other.";
	assert_int_equal(match_articles(a, strlen(a), b, strlen(b), NULL, &pv), 0);
}

/* Regression, found by fuzz_match (commit 7300950; its input is kept as
 * tests/fuzz/match/regress-7300950-empty-token-list): a sentence that
 * gives no token at all ("It was." is stop words only, "a." too short),
 * first on its side, had its empty token list sorted through a null
 * pointer. A sanitizer build (make check SANITIZE=1) fails on that; every
 * build checks the other sentences still match. */
static void test_regression_empty_token_list(void **state)
{
	(void)state;
	const char *a = "It was. Cats sleep all day.";
	const char *b = "a. Cats sleep at night.";
	struct match_pair *pv;
	size_t n = match_articles(a, strlen(a), b, strlen(b), NULL, &pv);
	assert_int_equal(n, 1);
	assert_int_equal(pv[0].a_start, find(a, "Cats"));
	assert_int_equal(pv[0].b_start, find(b, "Cats"));
	free(pv);
	/* nothing but token-less sentences, either side */
	const char *none = "It was. a. Is it?";
	assert_int_equal(match_articles(none, strlen(none), b, strlen(b), NULL, &pv), 0);
	assert_null(pv);
	assert_int_equal(match_articles(a, strlen(a), none, strlen(none), NULL, &pv), 0);
	assert_null(pv);
}

static void test_case_folding(void **state)
{
	(void)state;
	/* NFKC case folding: STRASSE = Straße, full-width letters = ASCII */
	const char *a = "Die Stra\xc3\x9f"
			"e Hauptbahnhof Gleis.";
	const char *b = "DIE STRASSE HAUPTBAHNHOF \xef\xbc\xa7\xef\xbc\xac\xef\xbc\xa5\xef\xbc\xa9"
			"\xef\xbc\xb3.";
	struct match_pair *pv;
	size_t n = match_articles(a, strlen(a), b, strlen(b), NULL, &pv);
	assert_int_equal(n, 1);
	assert_true(pv[0].score > 0.9);
	assert_int_equal(pv[0].a_end, strlen(a));
	assert_int_equal(pv[0].b_end, strlen(b));
	free(pv);
}

static void test_us_forms(void **state)
{
	(void)state;
	/* U.S., US and United States are one name */
	const char *a = "The U.S. imposed tariffs on steel.";
	const char *b = "The United States imposed tariffs on steel.";
	struct match_pair *pv;
	size_t n = match_articles(a, strlen(a), b, strlen(b), NULL, &pv);
	assert_int_equal(n, 1);
	assert_true(pv[0].score > 0.9);
	free(pv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_numbers),
	    cmocka_unit_test(test_pair_30000),
	    cmocka_unit_test(test_number_forms_match),
	    cmocka_unit_test(test_fullwidth_numbers),
	    cmocka_unit_test(test_rebuts),
	    cmocka_unit_test(test_options),
	    cmocka_unit_test(test_nothing_shared),
	    cmocka_unit_test(test_regression_empty_token_list),
	    cmocka_unit_test(test_case_folding),
	    cmocka_unit_test(test_us_forms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
