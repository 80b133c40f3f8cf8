/* Tests for anchor: hint, exact, normalised and approximate placement, and
 * the refusals (orphans) that keep a claim from being shown in the wrong
 * place. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crossread/anchor.h"
#include "crossread/annot.h"
#include "crossread/article.h"

static struct anchor_match find(const char *text, const char *q, const char *p, const char *s,
				long hint)
{
	return anchor_find(text, strlen(text), q, p, s, hint);
}

static void expect_at(struct anchor_match m, const char *text, const char *expect,
		      enum anchor_how how)
{
	assert_true(m.found);
	assert_int_equal(m.how, how);
	const char *want = strstr(text, expect);
	assert_non_null(want);
	assert_int_equal(m.start, (size_t)(want - text));
	assert_int_equal(m.end, m.start + strlen(expect));
}

static void test_exact(void **state)
{
	(void)state;
	const char *t = "The quick brown fox jumps over the lazy dog.";
	struct anchor_match m = find(t, "brown fox", NULL, NULL, -1);
	expect_at(m, t, "brown fox", ANCHOR_EXACT);
	assert_true(m.score == 1.0);
	/* the hint, when right, is taken as is */
	m = find(t, "brown fox", NULL, NULL, 10);
	expect_at(m, t, "brown fox", ANCHOR_HINT);
	/* surrounding white space in the quote does not matter */
	m = find(t, "  lazy dog ", NULL, NULL, -1);
	expect_at(m, t, "lazy dog", ANCHOR_EXACT);
	/* nothing there at all */
	assert_false(find(t, "purple elephant", NULL, NULL, -1).found);
	assert_false(find(t, "", NULL, NULL, -1).found);
	assert_false(find("", "x", NULL, NULL, -1).found);
}

static void test_duplicates(void **state)
{
	(void)state;
	const char *t = "Alpha said the report was false. Later, Beta said the report was false "
			"and left.";
	const char *q = "said the report was false";
	/* no context, no hint: two equal candidates is an orphan */
	assert_false(find(t, q, NULL, NULL, -1).found);
	/* context decides */
	struct anchor_match m = find(t, q, "Later, Beta ", " and left", -1);
	assert_true(m.found);
	assert_int_equal(m.start, (size_t)(strstr(t, "Beta said") + 5 - t));
	m = find(t, q, "Alpha ", ". Later", -1);
	assert_true(m.found);
	assert_int_equal(m.start, 6);
	/* without context a hint near one of them decides */
	m = find(t, q, NULL, NULL, 44);
	assert_true(m.found);
	assert_int_equal(m.start, (size_t)(strstr(t, "Beta said") + 5 - t));
}

static void test_variants(void **state)
{
	(void)state;
	/* curly quotes, an em dash, a no-break space, doubled spaces and a
	 * paragraph break in the text; straight ASCII in the quote */
	const char *t = "Intro.\n\nHe said \xe2\x80\x9cstop \xe2\x80\x94 now\xe2\x80\x9d\n\nand"
			"\xc2\xa0 left \xe2\x80\x98quietly\xe2\x80\x99.";
	struct anchor_match m = find(t, "said \"stop - now\" and left 'quietly'", NULL, NULL, -1);
	assert_true(m.found);
	assert_int_equal(m.how, ANCHOR_EXACT);
	assert_int_equal(m.start, (size_t)(strstr(t, "said") - t));
	assert_int_equal(m.end, strlen(t) - 1);
	/* and the other way round: typographic quote, plain text */
	const char *t2 = "Zhao said it was \"baseless\" - again.";
	m = find(t2,
		 "it was \xe2\x80\x9c"
		 "baseless\xe2\x80\x9d \xe2\x80\x93 again",
		 NULL, NULL, -1);
	assert_true(m.found);
	assert_int_equal(m.start, 10);
	size_t n;
	char *norm = anchor_normalize(" a\xe2\x80\x83\n b\xe2\x88\x92"
				      "c ",
				      13, true, &n);
	assert_string_equal(norm, "a b-c");
	free(norm);
}

static const char *orig = "Three years later, the fragile truce was already broken, according to "
			  "US intelligence officials, who said China had reduced the number of "
			  "cyber attacks.";

static void test_edit_before(void **state)
{
	(void)state;
	const char *q = "the fragile truce was already broken";
	long at = (long)(strstr(orig, q) - orig);
	char t[512];
	snprintf(t, sizeof t, "A whole new first sentence was added here. %s", orig);
	struct anchor_match m = find(t, q, "Three years later, ", ", according to US", at);
	expect_at(m, t, q, ANCHOR_EXACT);
	assert_true(m.score > 0.99);
}

static void test_edit_inside(void **state)
{
	(void)state;
	const char *q =
	    "the fragile truce was already broken, according to US intelligence officials";
	long at = (long)(strstr(orig, q) - orig);
	const char *t = "Three years later, the fragile truce was already shattered, according to "
			"US intelligence officials, who said China had reduced the number of cyber "
			"attacks.";
	struct anchor_match m = find(t, q, "Three years later, ", ", who said China", at);
	assert_true(m.found);
	assert_int_equal(m.how, ANCHOR_FUZZY);
	assert_int_equal(m.start, (size_t)(strstr(t, "the fragile") - t));
	assert_int_equal(m.end, (size_t)(strstr(t, ", who said") - t));
	assert_true(m.score < 1.0);
	assert_true(m.score >= ANCHOR_MIN_SCORE);
}

static void test_deleted(void **state)
{
	(void)state;
	const char *q = "the fragile truce was already broken";
	/* the sentence is gone; its words are scattered elsewhere */
	const char *t = "Three years later, according to US intelligence officials, China had "
			"reduced attacks. The truce was fragile. Talks were already broken off. "
			"It was the end of the truce.";
	assert_false(find(t, q, "Three years later, ", ", according to US", 19).found);
	assert_false(find(t, q, NULL, NULL, -1).found);
}

static void test_robin(void **state)
{
	(void)state;
	/* "Robin" was quoted in the second sentence, which was edited; the
	 * word still occurs in the first: that is another Robin, an orphan */
	const char *before = "Robin went home early. Later, Batman met Robin at the cave.";
	const char *q = "Robin";
	long at = (long)(strstr(before, "met Robin") + 4 - before);
	struct anchor_match m = find(before, q, "Later, Batman met ", " at the cave.", at);
	assert_true(m.found);
	assert_int_equal(m.start, (size_t)at);
	const char *after = "Robin went home early. Later, Batman met Alfred at the cave.";
	m = find(after, q, "Later, Batman met ", " at the cave.", at);
	assert_false(m.found);
}

/* plain dynamic programming, for comparison with the bit-parallel scan */
static void naive(const char *p, size_t m, const char *t, size_t n, int anchored, int32_t *out)
{
	int *col = malloc((m + 1) * sizeof *col);
	for (size_t i = 0; i <= m; i++)
		col[i] = (int)i;
	for (size_t j = 0; j < n; j++) {
		int diag = col[0];
		col[0] = anchored ? (int)(j + 1) : 0;
		for (size_t i = 1; i <= m; i++) {
			int up = col[i];
			int best = diag + (p[i - 1] != t[j]);
			if (col[i - 1] + 1 < best)
				best = col[i - 1] + 1;
			if (up + 1 < best)
				best = up + 1;
			col[i] = best;
			diag = up;
		}
		out[j] = col[m];
	}
	free(col);
}

static void test_myers_vs_naive(void **state)
{
	(void)state;
	srand(12345);
	for (int round = 0; round < 300; round++) {
		size_t m = 1 + (size_t)(rand() % 200); /* up to 4 blocks */
		size_t n = (size_t)(rand() % 400);
		char *p = malloc(m), *t = malloc(n + 1);
		for (size_t i = 0; i < m; i++)
			p[i] = (char)('a' + rand() % 3);
		for (size_t i = 0; i < n; i++)
			t[i] = (char)('a' + rand() % 3);
		int32_t *a = malloc((n + 1) * sizeof *a), *b = malloc((n + 1) * sizeof *b);
		for (int anchored = 0; anchored < 2; anchored++) {
			anchor_myers(p, m, t, n, anchored, a);
			naive(p, m, t, n, anchored, b);
			for (size_t j = 0; j < n; j++)
				assert_int_equal(a[j], b[j]);
		}
		free(a);
		free(b);
		free(p);
		free(t);
	}
}

static void test_long_quote(void **state)
{
	(void)state;
	/* quotes longer than one 64-bit block, with a few edits */
	char text[4096], quote[1024];
	size_t tl = 0;
	for (int i = 0; i < 60; i++)
		tl += (size_t)snprintf(text + tl, sizeof text - tl, "sentence %d says w%d. ", i,
				       i * 7);
	const char *from = strstr(text, "sentence 20 ");
	const char *to = strstr(text, "sentence 30 ");
	size_t ql = (size_t)(to - from) - 1;
	memcpy(quote, from, ql);
	quote[ql] = '\0';
	struct anchor_match m = find(text, quote, NULL, NULL, -1);
	assert_true(m.found);
	assert_int_equal(m.start, (size_t)(from - text));
	assert_int_equal(m.end, m.start + ql);
	/* change a few characters in the text */
	char edited[4096];
	memcpy(edited, text, tl + 1);
	edited[from - text + 30] = 'X';
	edited[from - text + 100] = 'Y';
	edited[from - text + 150] = 'Z';
	m = find(edited, quote, NULL, NULL, -1);
	assert_true(m.found);
	assert_int_equal(m.how, ANCHOR_FUZZY);
	assert_int_equal(m.start, (size_t)(from - text));
	assert_int_equal(m.end, m.start + ql);
}

static void test_claims_and_context(void **state)
{
	(void)state;
	const char *md = "---\ntitle: T\n---\nFirst paragraph with a [link](#) here.\n\n"
			 "## **Heading**\n\nPrice was \\$10 in all.\n";
	struct article *a = article_from_memory("x.md", md, strlen(md));
	article_load_all(a);
	struct annot *an = NULL;
	struct diag_list d = {0};
	const char *y = "version: 1\narticles: [{id: a, path: x.md}]\nclaims:\n"
			"  - {id: c1, article: a, quote: 'with a link here', kind: claim}\n"
			"  - {id: c2, article: a, quote: 'Heading', kind: claim}\n"
			"  - {id: c3, article: a, quote: 'Price was $10', kind: claim}\n"
			"  - {id: c4, article: a, quote: 'not in the text at all', kind: claim}\n";
	assert_int_equal(annot_load_mem(&an, "t.yaml", y, strlen(y), LAYER_CURATED, &d), 0);
	struct article *arts[1] = {a};
	anchor_claims(an, arts);
	for (int i = 0; i < 3; i++) {
		const struct claim *c = &an->claims[i];
		assert_int_not_equal(c->how, ANCHOR_NONE);
		assert_int_equal(c->end - c->start, strlen(c->quote));
		assert_memory_equal(a->text + c->start, c->quote, strlen(c->quote));
	}
	assert_int_equal(an->claims[3].how, ANCHOR_NONE);
	/* context for a new claim: cut on character boundaries */
	char *pre, *suf;
	size_t s = an->claims[2].start, e = an->claims[2].end;
	anchor_context(a->text, a->len, s, e, &pre, &suf);
	assert_true(strlen(pre) <= ANCHOR_CONTEXT);
	assert_memory_equal(a->text + s - strlen(pre), pre, strlen(pre));
	assert_string_equal(suf, " in all.");
	free(pre);
	free(suf);
	annot_free(an);
	diag_free(&d);
	article_free(a);
}

static void test_bounds(void **state)
{
	(void)state;
	/* whatever is asked, a match lies within the text */
	srand(7);
	const char alpha[] = "ab \n\xe2\x80\x9c\xc2\xa0-";
	for (int round = 0; round < 2000; round++) {
		char t[80], q[24], p[12];
		size_t tn = (size_t)(rand() % 79), qn = (size_t)(rand() % 23),
		       pn = (size_t)(rand() % 11);
		for (size_t i = 0; i < tn; i++)
			t[i] = alpha[rand() % (sizeof alpha - 1)];
		for (size_t i = 0; i < qn; i++)
			q[i] = alpha[rand() % (sizeof alpha - 1)];
		for (size_t i = 0; i < pn; i++)
			p[i] = alpha[rand() % (sizeof alpha - 1)];
		t[tn] = q[qn] = p[pn] = '\0';
		struct anchor_match m =
		    anchor_find(t, tn, q, p, NULL, rand() % 3 ? -1 : rand() % 100);
		if (m.found) {
			assert_true(m.start < m.end);
			assert_true(m.end <= tn);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_exact),	cmocka_unit_test(test_duplicates),
	    cmocka_unit_test(test_variants),	cmocka_unit_test(test_edit_before),
	    cmocka_unit_test(test_edit_inside), cmocka_unit_test(test_deleted),
	    cmocka_unit_test(test_robin),	cmocka_unit_test(test_myers_vs_naive),
	    cmocka_unit_test(test_long_quote),	cmocka_unit_test(test_claims_and_context),
	    cmocka_unit_test(test_bounds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
