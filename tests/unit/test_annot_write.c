/* Unit tests for annot_write: load -> write -> load gives the same entries,
 * unknown keys survive, only the asked layer is written, awkward strings
 * (YAML keywords, numbers, newlines, quotes) come back as they were. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/annot/annot.h"
#include "crossread/annot/annot_write.h"
#include "crossread/base/util.h"
#include "crossread/annot/yamltree.h"

static const char personal_yaml[] = "version: 1\n"
				    "mood: curious          # unknown top-level key\n"
				    "articles:\n"
				    "  - id: npr\n"
				    "    path: ../articles/npr-china-accuses-us.md\n"
				    "    fetched: 2021-07-20\n"
				    "  - id: afp\n"
				    "    path: ../articles/afp-china-denies-hack.md\n"
				    "claims:\n"
				    "  - id: c1\n"
				    "    article: npr\n"
				    "    kind: accusation\n"
				    "    by: United States\n"
				    "    against: China\n"
				    "    quote: \"the Ministry of State Security\"\n"
				    "    prefix: 'linked to '\n"
				    "    at: 1234\n"
				    "    confidence: {level: high, sources: [a, b]}\n"
				    "    tags: [zeta, 'yes', alpha]\n"
				    "  - id: c2\n"
				    "    article: afp\n"
				    "    kind: rebuttal\n"
				    "    quote: \"yes\"\n"
				    "    suffix: \"  trailing spaces  \"\n"
				    "links:\n"
				    "  - from: c1\n"
				    "    to: c2\n"
				    "    rel: rebuts\n"
				    "  - id: l-explicit\n"
				    "    from: c2\n"
				    "    to: c1\n"
				    "    rel: contradicts\n"
				    "    note: \"# not a comment\"\n"
				    "    weight: 3\n"
				    "notes:\n"
				    "  - id: n1\n"
				    "    on: c1\n"
				    "    created: 2026-11-23T19:00:00Z\n"
				    "    text: |\n"
				    "      First line.\n"
				    "      Second: line with 'quotes' and \"doubles\".\n"
				    "  - id: n2\n"
				    "    on: link-1\n"
				    "    created: 2026-11-23T19:01:00Z\n"
				    "    updated: 2026-11-23T19:02:00Z\n"
				    "    text: \"123\"\n"
				    "    tags: [x, y]\n";

static struct annot *load(const char *name, const char *s, size_t len, enum layer layer,
			  int want_rc)
{
	struct annot *an = NULL;
	struct diag_list d = {0};
	int rc = annot_load_mem(&an, name, s, len, layer, &d);
	if (rc != want_rc)
		diag_print(&d, stderr);
	assert_int_equal(rc, want_rc);
	diag_free(&d);
	return an;
}

static void assert_same_str(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

/* the same set of tags (the writer orders them) */
static void assert_same_tags(char **a, size_t na, char **b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++)
		assert_true(annot_has_tag(b, nb, a[i]));
}

static void assert_same_entries(const struct annot *a, const struct annot *b, enum layer layer)
{
	/* compare the layer's entries in order, field by field and extras */
	size_t i = 0, j = 0;
	size_t seen = 0;
	for (;; i++, j++) {
		while (i < a->nclaims && a->claims[i].layer != layer)
			i++;
		while (j < b->nclaims && b->claims[j].layer != layer)
			j++;
		if (i >= a->nclaims || j >= b->nclaims) {
			assert_true(i >= a->nclaims && j >= b->nclaims);
			break;
		}
		const struct claim *x = &a->claims[i], *y = &b->claims[j];
		assert_string_equal(x->id, y->id);
		assert_string_equal(x->article, y->article);
		assert_string_equal(x->quote, y->quote);
		assert_same_str(x->prefix, y->prefix);
		assert_same_str(x->suffix, y->suffix);
		assert_same_str(x->by, y->by);
		assert_same_str(x->against, y->against);
		assert_int_equal(x->at, y->at);
		assert_int_equal(x->kind, y->kind);
		assert_same_tags(x->tags, x->ntags, y->tags, y->ntags);
		assert_true(ynode_equal(x->extra, y->extra));
		seen++;
	}
	for (i = 0, j = 0;; i++, j++) {
		while (i < a->nlinks && a->links[i].layer != layer)
			i++;
		while (j < b->nlinks && b->links[j].layer != layer)
			j++;
		if (i >= a->nlinks || j >= b->nlinks) {
			assert_true(i >= a->nlinks && j >= b->nlinks);
			break;
		}
		const struct link *x = &a->links[i], *y = &b->links[j];
		assert_string_equal(x->id, y->id);
		assert_string_equal(x->from, y->from);
		assert_string_equal(x->to, y->to);
		assert_int_equal(x->rel, y->rel);
		assert_same_str(x->note, y->note);
		assert_true(ynode_equal(x->extra, y->extra));
		seen++;
	}
	for (i = 0, j = 0;; i++, j++) {
		while (i < a->nnotes && a->notes[i].layer != layer)
			i++;
		while (j < b->nnotes && b->notes[j].layer != layer)
			j++;
		if (i >= a->nnotes || j >= b->nnotes) {
			assert_true(i >= a->nnotes && j >= b->nnotes);
			break;
		}
		const struct note *x = &a->notes[i], *y = &b->notes[j];
		assert_string_equal(x->id, y->id);
		assert_string_equal(x->on, y->on);
		assert_string_equal(x->text, y->text);
		assert_string_equal(x->created, y->created);
		assert_same_str(x->updated, y->updated);
		assert_same_tags(x->tags, x->ntags, y->tags, y->ntags);
		assert_true(ynode_equal(x->extra, y->extra));
		seen++;
	}
	assert_true(seen > 0);
}

static void test_round_trip(void **state)
{
	(void)state;
	struct annot *a =
	    load("dir/personal.yaml", personal_yaml, sizeof personal_yaml - 1, LAYER_PERSONAL, 0);
	assert_int_equal(a->nclaims, 2);
	assert_int_equal(a->nlinks, 2);
	assert_int_equal(a->nnotes, 2);
	struct buf out = {0};
	assert_int_equal(annot_write_layer(a, LAYER_PERSONAL, &out), 0);
	struct annot *b = load("dir/personal.yaml", out.s, out.len, LAYER_PERSONAL, 0);
	assert_same_entries(a, b, LAYER_PERSONAL);
	/* articles named, with their unknown keys */
	assert_int_equal(b->narticles, 2);
	assert_string_equal(b->articles[0].path, "../articles/npr-china-accuses-us.md");
	assert_string_equal(b->articles[0].fullpath, "dir/../articles/npr-china-accuses-us.md");
	assert_true(ynode_equal(a->articles[0].extra[LAYER_PERSONAL],
				b->articles[0].extra[LAYER_PERSONAL]));
	assert_non_null(b->articles[0].extra[LAYER_PERSONAL]);
	/* top-level unknown key */
	assert_non_null(b->extra[LAYER_PERSONAL]);
	assert_string_equal(ynode_map_str(b->extra[LAYER_PERSONAL], "mood"), "curious");
	/* tags in byte order, 'yes' still a string */
	assert_non_null(strstr(out.s, "tags:\n  - alpha\n  - 'yes'\n  - zeta\n"));
	assert_int_equal(b->claims[0].ntags, 3);
	assert_int_equal(b->links[1].rel, REL_CONTRADICTS);
	assert_non_null(strstr(out.s, "rel: contradicts"));
	/* the link without id stays without id */
	assert_true(strstr(out.s, "link-1") != NULL); /* n2 names it: written after all */

	/* writing again gives the same bytes: the format is a fixed point */
	struct buf again = {0};
	assert_int_equal(annot_write_layer(b, LAYER_PERSONAL, &again), 0);
	assert_string_equal(out.s, again.s);
	buf_free(&again);
	buf_free(&out);
	annot_free(a);
	annot_free(b);
}

static void test_generated_link_id_not_written(void **state)
{
	(void)state;
	static const char y[] = "version: 1\n"
				"articles: [{id: a, path: a.md}]\n"
				"claims:\n"
				"  - {id: c1, article: a, kind: claim, quote: one}\n"
				"  - {id: c2, article: a, kind: claim, quote: two}\n"
				"links:\n"
				"  - {from: c1, to: c2, rel: same}\n";
	struct annot *a = load("p.yaml", y, sizeof y - 1, LAYER_PERSONAL, 0);
	assert_true(a->links[0].id_generated);
	struct buf out = {0};
	assert_int_equal(annot_write_layer(a, LAYER_PERSONAL, &out), 0);
	assert_null(strstr(out.s, "link-1"));
	assert_null(strstr(out.s, "notes"));
	buf_free(&out);
	annot_free(a);
}

static void test_only_the_layer(void **state)
{
	(void)state;
	static const char curated[] = "version: 1\n"
				      "source: curated-only key\n"
				      "articles: [{id: a, path: a.md}, {id: b, path: b.md}]\n"
				      "claims:\n"
				      "  - {id: k1, article: a, kind: accusation, quote: Q1}\n"
				      "  - {id: k2, article: b, kind: rebuttal, quote: Q2}\n"
				      "links: [{id: kl, from: k1, to: k2, rel: rebuts}]\n";
	static const char personal[] = "version: 1\n"
				       "claims:\n"
				       "  - {id: p1, article: b, kind: claim, quote: mine}\n"
				       "links: [{id: pl, from: k1, to: p1, rel: supports}]\n"
				       "notes:\n"
				       "  - {id: pn, on: k1, created: '2026-01-01T00:00:00Z', "
				       "text: \"my note\"}\n";
	struct annot *an = load("c.yaml", curated, sizeof curated - 1, LAYER_CURATED, 0);
	struct diag_list d = {0};
	assert_int_equal(
	    annot_load_mem(&an, "p.yaml", personal, sizeof personal - 1, LAYER_PERSONAL, &d), 0);
	diag_free(&d);
	struct buf out = {0};
	assert_int_equal(annot_write_layer(an, LAYER_PERSONAL, &out), 0);
	assert_null(strstr(out.s, "k2"));
	assert_null(strstr(out.s, "Q1"));
	assert_null(strstr(out.s, "source"));
	/* the articles are named, so the file can be checked on its own */
	assert_non_null(strstr(out.s, "articles"));
	assert_non_null(strstr(out.s, "my note"));
	/* it loads back on top of the curated file to the same personal entries */
	struct annot *back = load("c.yaml", curated, sizeof curated - 1, LAYER_CURATED, 0);
	assert_int_equal(annot_load_mem(&back, "p.yaml", out.s, out.len, LAYER_PERSONAL, &d), 0);
	diag_free(&d);
	assert_same_entries(an, back, LAYER_PERSONAL);
	assert_same_entries(an, back, LAYER_CURATED);
	buf_free(&out);
	annot_free(an);
	annot_free(back);
}

/* Each layer keeps its own unknown keys, top-level and on an article the
 * personal file repeats, even under a name the curated file also uses;
 * writing the personal layer writes its keys and none of the curated's. */
static void test_layers_keep_their_own_unknown_keys(void **state)
{
	(void)state;
	static const char curated[] = "version: 1\n"
				      "x-shared: curated-value\n"
				      "articles:\n"
				      "  - {id: a, path: a.md, x-curated-on-article: cur}\n"
				      "  - {id: b, path: b.md}\n";
	static const char personal[] = "version: 1\n"
				       "x-shared: personal-value\n"
				       "articles:\n"
				       "  - {id: a, path: a.md, x-mine-on-article: keep-me}\n"
				       "  - {id: b, path: b.md, x-shared: on-b}\n";
	struct annot *an = load("c.yaml", curated, sizeof curated - 1, LAYER_CURATED, 0);
	struct diag_list d = {0};
	assert_int_equal(
	    annot_load_mem(&an, "p.yaml", personal, sizeof personal - 1, LAYER_PERSONAL, &d), 0);
	diag_free(&d);
	assert_int_equal(an->narticles, 2);
	assert_string_equal(ynode_map_str(an->extra[LAYER_CURATED], "x-shared"), "curated-value");
	assert_string_equal(ynode_map_str(an->extra[LAYER_PERSONAL], "x-shared"), "personal-value");
	assert_string_equal(
	    ynode_map_str(an->articles[0].extra[LAYER_CURATED], "x-curated-on-article"), "cur");
	assert_string_equal(
	    ynode_map_str(an->articles[0].extra[LAYER_PERSONAL], "x-mine-on-article"), "keep-me");
	struct buf out = {0};
	assert_int_equal(annot_write_layer(an, LAYER_PERSONAL, &out), 0);
	assert_non_null(strstr(out.s, "x-shared: personal-value"));
	assert_non_null(strstr(out.s, "x-mine-on-article: keep-me"));
	assert_non_null(strstr(out.s, "x-shared: on-b"));
	assert_null(strstr(out.s, "curated-value"));
	assert_null(strstr(out.s, "x-curated-on-article"));
	/* written again after reading it back over the curated file: the same */
	struct annot *back = load("c.yaml", curated, sizeof curated - 1, LAYER_CURATED, 0);
	assert_int_equal(annot_load_mem(&back, "p.yaml", out.s, out.len, LAYER_PERSONAL, &d), 0);
	diag_free(&d);
	struct buf again = {0};
	assert_int_equal(annot_write_layer(back, LAYER_PERSONAL, &again), 0);
	assert_string_equal(out.s, again.s);
	/* and the curated layer, written, is the curated file's alone */
	struct buf cur = {0};
	assert_int_equal(annot_write_layer(an, LAYER_CURATED, &cur), 0);
	assert_non_null(strstr(cur.s, "x-shared: curated-value"));
	assert_non_null(strstr(cur.s, "x-curated-on-article: cur"));
	assert_null(strstr(cur.s, "personal-value"));
	assert_null(strstr(cur.s, "keep-me"));
	buf_free(&cur);
	buf_free(&again);
	buf_free(&out);
	annot_free(back);
	annot_free(an);
}

static void test_time(void **state)
{
	(void)state;
	char t[32];
	annot_write_time(1795460400, t);
	assert_string_equal(t, "2026-11-23T19:00:00Z");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_generated_link_id_not_written),
	    cmocka_unit_test(test_only_the_layer),
	    cmocka_unit_test(test_layers_keep_their_own_unknown_keys),
	    cmocka_unit_test(test_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
