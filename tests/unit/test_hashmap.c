/* Tests for the one hash map (put, get, remove with backward shift, growth)
 * checked against a plain array as the reference, for path helpers, for
 * GROW, and for annot_find_* staying right while the arrays change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crossread/annot/annot.h"
#include "crossread/base/hashmap.h"
#include "crossread/base/path.h"
#include "crossread/base/util.h"

static void test_hash_bytes(void **state)
{
	(void)state;
	assert_int_equal(hash_bytes("abc", 3), hash_bytes("abc", 3));
	assert_true(hash_bytes("abc", 3) != hash_bytes("abd", 3));
	/* the length takes part: a prefix does not hash alike */
	assert_true(hash_bytes("ab\0", 3) != hash_bytes("ab", 2));
}

/* random puts and removes, every key's presence compared with a flag array */
static void test_against_reference(void **state)
{
	(void)state;
	enum { KEYS = 3000 };
	struct hashmap m = {0};
	bool *in = calloc(KEYS, sizeof *in);
	size_t *val = calloc(KEYS, sizeof *val);
	unsigned r = 12345;
	size_t count = 0;
	for (int step = 0; step < 40000; step++) {
		r = r * 1103515245u + 12345u;
		unsigned k = (r >> 8) % KEYS;
		char key[24];
		int n = snprintf(key, sizeof key, "k%u", k);
		if ((r >> 4) % 3) {
			bool added;
			size_t *v = hashmap_put(&m, key, (size_t)n, &added);
			assert_int_equal(added, !in[k]);
			if (added)
				count++;
			*v = (size_t)step;
			in[k] = true;
			val[k] = (size_t)step;
		} else {
			assert_int_equal(hashmap_remove(&m, key, (size_t)n), in[k]);
			if (in[k])
				count--;
			in[k] = false;
		}
		assert_int_equal(m.n, count);
		if (step % 1000 == 0)
			for (unsigned j = 0; j < KEYS; j++) {
				n = snprintf(key, sizeof key, "k%u", j);
				size_t *v = hashmap_get(&m, key, (size_t)n);
				assert_int_equal(v != NULL, in[j]);
				if (v)
					assert_int_equal(*v, val[j]);
			}
	}
	assert_int_equal(hashmap_gets(&m, NULL, 7), 7);
	hashmap_free(&m);
	assert_null(hashmap_get(&m, "k1", 2));
	free(in);
	free(val);
}

static void test_path(void **state)
{
	(void)state;
	char *d = path_dir("a/b/c.yaml");
	assert_string_equal(d, "a/b");
	free(d);
	d = path_dir("c.yaml");
	assert_string_equal(d, ".");
	free(d);
	d = path_dir("/c.yaml");
	assert_string_equal(d, "/");
	free(d);
	assert_string_equal(path_base("a/b/c.yaml"), "c.yaml");
	assert_string_equal(path_base("c"), "c");
	d = path_base_noext("x/story.notes.yaml");
	assert_string_equal(d, "story.notes");
	free(d);
	d = path_base_noext("x/.hidden");
	assert_string_equal(d, ".hidden");
	free(d);
	d = path_resolve("dir/file.yaml", "art.md");
	assert_string_equal(d, "dir/art.md");
	free(d);
	d = path_resolve("dir/file.yaml", "/abs.md");
	assert_string_equal(d, "/abs.md");
	free(d);
	d = path_relative("/usr/lib", "/usr/include");
	assert_string_equal(d, "../include");
	free(d);
	assert_true(path_same_file("/usr/lib/../include", "/usr/include"));
	assert_false(path_same_file("/usr/lib", "/usr/include"));
	assert_false(path_same_file(NULL, "/usr"));
}

static void test_grow(void **state)
{
	(void)state;
	int *v = NULL;
	size_t cap = 0;
	for (int i = 0; i < 1000; i++) {
		GROW(v, cap, (size_t)i + 1);
		v[i] = i;
	}
	assert_true(cap >= 1000);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(v[i], i);
	free(v);
}

static void add_claim(struct annot *an, const char *id)
{
	GROW(an->claims, an->claims_cap, an->nclaims + 1);
	struct claim *c = &an->claims[an->nclaims++];
	memset(c, 0, sizeof *c);
	c->id = xstrdup(id);
	c->article = xstrdup("a");
	c->quote = xstrdup("q");
}

/* the reference: the scan annot_find_claim used to be */
static size_t scan(const struct annot *an, const char *id)
{
	for (size_t i = 0; i < an->nclaims; i++)
		if (strcmp(an->claims[i].id, id) == 0)
			return i;
	return ANNOT_NONE;
}

static void expect_all(const struct annot *an, int upto)
{
	char id[32];
	for (int k = 0; k < upto; k++) {
		snprintf(id, sizeof id, "c%d", k);
		assert_int_equal(annot_find_claim(an, id), scan(an, id));
	}
}

/* appends (found without a rebuild), removals from the middle and
 * insertions in the middle (both change the count) */
static void test_find_follows_changes(void **state)
{
	(void)state;
	struct annot *an = annot_new();
	char id[32];
	for (int k = 0; k < 500; k++) {
		snprintf(id, sizeof id, "c%d", k);
		add_claim(an, id);
		if (k % 50 == 0)
			expect_all(an, 520);
	}
	expect_all(an, 520);
	/* take out claim 100 */
	annot_claim_clear(&an->claims[100]);
	memmove(&an->claims[100], &an->claims[101], (an->nclaims - 101) * sizeof *an->claims);
	an->nclaims--;
	expect_all(an, 520);
	/* put a new one in at 10 */
	GROW(an->claims, an->claims_cap, an->nclaims + 1);
	memmove(&an->claims[11], &an->claims[10], (an->nclaims - 10) * sizeof *an->claims);
	memset(&an->claims[10], 0, sizeof an->claims[10]);
	an->claims[10].id = xstrdup("c100");
	an->nclaims++;
	expect_all(an, 520);
	/* a duplicate id finds its first entry, as the scan did */
	add_claim(an, "c3");
	expect_all(an, 520);
	assert_int_equal(annot_find_claim(an, "c3"), 3);
	/* renamed in place: annot_resolve_links() makes the index follow */
	free(an->claims[5].id);
	an->claims[5].id = xstrdup("renamed");
	annot_resolve_links(an);
	assert_int_equal(annot_find_claim(an, "renamed"), 5);
	assert_int_equal(annot_find_claim(an, "c5"), ANNOT_NONE);
	assert_int_equal(annot_find_claim(an, NULL), ANNOT_NONE);
	assert_int_equal(annot_find_claim(NULL, "c1"), ANNOT_NONE);
	annot_free(an);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hash_bytes),
	    cmocka_unit_test(test_against_reference),
	    cmocka_unit_test(test_path),
	    cmocka_unit_test(test_grow),
	    cmocka_unit_test(test_find_follows_changes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
