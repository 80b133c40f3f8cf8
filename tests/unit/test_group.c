/* Unit tests for group: the pairwise `same` matches of a story joined into
 * groups of at most one sentence per article, scored by their pairs and
 * ordered best first; rebuttal pairs apart, lower article first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "crossread/match/group.h"

/* a pair between sentence sa of one article and sb of another; sentence k
 * of any article is the range [10k, 10k + 9) */
static struct match_pair mp(size_t sa, size_t sb, double score, enum link_rel rel)
{
	struct match_pair m = {0};
	m.a_start = sa * 10;
	m.a_end = sa * 10 + 9;
	m.b_start = sb * 10;
	m.b_end = sb * 10 + 9;
	m.score = score;
	m.sa = m.sb = STANCE_NEUTRAL;
	m.rel = rel;
	m.mutual = true;
	if (rel == REL_REBUTS) {
		m.sa = STANCE_ACCUSATION;
		m.sb = STANCE_REBUTTAL;
	}
	return m;
}

static size_t find_sent(const struct match_group *g, size_t art, size_t sent)
{
	for (size_t i = 0; i < g->nsent; i++)
		if (g->sent[i].art == art && g->sent[i].start == sent * 10)
			return i;
	return SIZE_MAX;
}

static void test_triangle(void **state)
{
	(void)state;
	struct match_pair ab[] = {mp(0, 2, 0.8, REL_SAME)};
	struct match_pair bc[] = {mp(2, 1, 0.6, REL_SAME)};
	struct match_pair ac[] = {mp(0, 1, 0.5, REL_SAME)};
	struct group_input in[] = {{0, 1, ab, 1}, {1, 2, bc, 1}, {0, 2, ac, 1}};
	struct match_groups g;
	match_group(3, in, 3, &g);
	assert_int_equal(g.ngroups, 1);
	assert_int_equal(g.nrebuts, 0);
	const struct match_group *gr = &g.groups[0];
	assert_int_equal(gr->nsent, 3);
	assert_int_equal(gr->npairs, 3);
	/* sentences by article; pairs best first */
	assert_int_equal(gr->sent[0].art, 0);
	assert_int_equal(gr->sent[0].start, 0);
	assert_int_equal(gr->sent[1].art, 1);
	assert_int_equal(gr->sent[1].start, 20);
	assert_int_equal(gr->sent[2].art, 2);
	assert_int_equal(gr->sent[2].end, 19);
	assert_true(gr->pairs[0].m.score >= gr->pairs[1].m.score);
	assert_true(gr->pairs[1].m.score >= gr->pairs[2].m.score);
	assert_true(gr->score > 1.89 && gr->score < 1.91);
	match_groups_free(&g);
}

/* A sentence that matches two of one article joins the better one; a chain
 * that would bring a second sentence of an article into a group stops. */
static void test_one_per_article(void **state)
{
	(void)state;
	struct match_pair ab[] = {mp(0, 0, 0.9, REL_SAME), mp(0, 1, 0.5, REL_SAME)};
	struct match_pair bc[] = {mp(0, 0, 0.8, REL_SAME)};
	struct match_pair ac[] = {mp(3, 0, 0.7, REL_SAME)};
	struct group_input in[] = {{0, 1, ab, 2}, {1, 2, bc, 1}, {0, 2, ac, 1}};
	struct match_groups g;
	match_group(3, in, 3, &g);
	assert_int_equal(g.ngroups, 1);
	const struct match_group *gr = &g.groups[0];
	assert_int_equal(gr->nsent, 3);
	assert_int_not_equal(find_sent(gr, 0, 0), SIZE_MAX);
	assert_int_not_equal(find_sent(gr, 1, 0), SIZE_MAX);
	assert_int_not_equal(find_sent(gr, 2, 0), SIZE_MAX);
	assert_int_equal(find_sent(gr, 1, 1), SIZE_MAX);
	assert_int_equal(find_sent(gr, 0, 3), SIZE_MAX);
	/* only the pairs whose both sentences are in it */
	assert_int_equal(gr->npairs, 2);
	assert_true(gr->score > 1.69 && gr->score < 1.71);
	match_groups_free(&g);
}

/* Three outlets with middling pairs rank above two with one strong pair;
 * the group of a sentence matched only one-sidedly still forms. */
static void test_order(void **state)
{
	(void)state;
	struct match_pair ab[] = {mp(5, 5, 0.95, REL_SAME), mp(1, 1, 0.5, REL_SAME)};
	struct match_pair bc[] = {mp(1, 1, 0.5, REL_SAME)};
	struct match_pair cd[] = {mp(7, 7, 0.4, REL_SAME)};
	cd[0].mutual = false;
	struct group_input in[] = {{0, 1, ab, 2}, {1, 2, bc, 1}, {2, 3, cd, 1}};
	struct match_groups g;
	match_group(4, in, 3, &g);
	assert_int_equal(g.ngroups, 3);
	assert_int_equal(g.groups[0].nsent, 3);
	assert_int_equal(g.groups[1].nsent, 2);
	assert_int_equal(g.groups[1].sent[0].start, 50);
	assert_int_equal(g.groups[2].sent[0].art, 2);
	assert_int_equal(g.groups[2].sent[1].art, 3);
	assert_false(g.groups[2].pairs[0].m.mutual);
	for (size_t k = 1; k < g.ngroups; k++)
		assert_true(g.groups[k - 1].score >= g.groups[k].score);
	match_groups_free(&g);
}

/* Rebuttals are listed apart, best first, turned so that the lower article
 * is side a (its offsets and stance going with it), and do not group. */
static void test_rebuttals(void **state)
{
	(void)state;
	struct match_pair cb[] = {mp(4, 2, 0.6, REL_REBUTS), mp(0, 0, 0.7, REL_SAME)};
	struct match_pair ab[] = {mp(1, 2, 0.9, REL_REBUTS)};
	struct group_input in[] = {{2, 1, cb, 2}, {0, 1, ab, 1}};
	struct match_groups g;
	match_group(3, in, 2, &g);
	assert_int_equal(g.nrebuts, 2);
	assert_true(g.rebuts[0].m.score > g.rebuts[1].m.score);
	assert_int_equal(g.rebuts[0].a, 0);
	assert_int_equal(g.rebuts[0].b, 1);
	const struct group_pair *r = &g.rebuts[1];
	assert_int_equal(r->a, 1);
	assert_int_equal(r->b, 2);
	assert_int_equal(r->m.a_start, 20);
	assert_int_equal(r->m.b_start, 40);
	assert_int_equal(r->m.sa, STANCE_REBUTTAL);
	assert_int_equal(r->m.sb, STANCE_ACCUSATION);
	/* the same pair, turned too */
	assert_int_equal(g.ngroups, 1);
	assert_int_equal(g.groups[0].sent[0].art, 1);
	assert_int_equal(g.groups[0].pairs[0].a, 1);
	match_groups_free(&g);
}

static void test_empty_and_bad_inputs(void **state)
{
	(void)state;
	struct match_groups g;
	match_group(3, NULL, 0, &g);
	assert_int_equal(g.ngroups, 0);
	assert_int_equal(g.nrebuts, 0);
	match_groups_free(&g);
	struct match_pair p[] = {mp(0, 1, 0.9, REL_SAME)};
	/* an article with itself and one beyond narts are passed over */
	struct group_input in[] = {{1, 1, p, 1}, {0, 5, p, 1}};
	match_group(3, in, 2, &g);
	assert_int_equal(g.ngroups, 0);
	match_groups_free(&g);
}

/* Many random pairs among 10 articles: every group holds one sentence per
 * article at most, each of its pairs joins two of its sentences, its score
 * is their sum, and the
 * groups come best first. */
static void test_random_invariants(void **state)
{
	(void)state;
	enum { NA = 10, NP = 400 };
	struct group_input in[NA * (NA - 1) / 2];
	struct match_pair *buf = calloc((size_t)NA * NA * NP, sizeof *buf);
	assert_non_null(buf);
	unsigned seed = 12345;
	size_t k = 0, nsame = 0;
	for (size_t a = 0; a < NA; a++)
		for (size_t b = a + 1; b < NA; b++, k++) {
			struct match_pair *pv = buf + k * NP;
			for (size_t i = 0; i < NP; i++) {
				seed = seed * 1103515245u + 12345u;
				size_t sa = (seed >> 8) % 300;
				seed = seed * 1103515245u + 12345u;
				size_t sb = (seed >> 8) % 300;
				seed = seed * 1103515245u + 12345u;
				double sc = (double)((seed >> 8) % 1000) / 1000.0;
				enum link_rel rel = (seed >> 4) % 10 ? REL_SAME : REL_REBUTS;
				pv[i] = mp(sa, sb, sc, rel);
				nsame += rel == REL_SAME;
			}
			in[k] = (struct group_input){a, b, pv, NP};
		}
	struct match_groups g;
	match_group(NA, in, k, &g);
	assert_true(g.ngroups > 0);
	size_t pairs_in_groups = 0;
	for (size_t q = 0; q < g.ngroups; q++) {
		const struct match_group *gr = &g.groups[q];
		assert_true(gr->nsent >= 2);
		assert_true(gr->npairs >= gr->nsent - 1);
		for (size_t i = 1; i < gr->nsent; i++)
			assert_true(gr->sent[i - 1].art < gr->sent[i].art);
		double sum = 0;
		for (size_t i = 0; i < gr->npairs; i++) {
			const struct group_pair *p = &gr->pairs[i];
			assert_true(p->a < p->b);
			assert_int_not_equal(find_sent(gr, p->a, p->m.a_start / 10), SIZE_MAX);
			assert_int_not_equal(find_sent(gr, p->b, p->m.b_start / 10), SIZE_MAX);
			sum += p->m.score;
		}
		assert_true(sum - gr->score < 1e-9 && gr->score - sum < 1e-9);
		if (q)
			assert_true(g.groups[q - 1].score >= gr->score);
		pairs_in_groups += gr->npairs;
	}
	assert_true(pairs_in_groups <= nsame);
	assert_int_equal(g.nrebuts + nsame, (size_t)k * NP);
	match_groups_free(&g);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_triangle),
	    cmocka_unit_test(test_one_per_article),
	    cmocka_unit_test(test_order),
	    cmocka_unit_test(test_rebuttals),
	    cmocka_unit_test(test_empty_and_bad_inputs),
	    cmocka_unit_test(test_random_invariants),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
