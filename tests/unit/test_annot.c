/* Tests for annot (format v1 loading, layers, unknown keys) and the check
 * command. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crossread/annot/annot.h"
#include "crossread/cli/check.h"
#include "crossread/base/util.h"
#include "crossread/annot/yamltree.h"

static int load(struct annot **an, const char *s, struct diag_list *d)
{
	return annot_load_mem(an, "t.yaml", s, strlen(s), LAYER_CURATED, d);
}

static bool has_diag(const struct diag_list *d, int line, int col, enum diag_severity sev,
		     const char *needle)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *g = &d->items[i];
		if (g->line == line && (col == 0 || g->col == col) && g->severity == sev &&
		    strstr(g->msg, needle) && strcmp(g->file, "t.yaml") == 0)
			return true;
	}
	diag_print(d, stderr);
	return false;
}

static const char *good =
    "version: 1\n"
    "articles:\n"
    "  - id: a\n"
    "    path: ../articles/a.md\n"
    "  - {id: b, path: /abs/b.txt}\n"
    "claims:\n"
    "  - id: c1\n"
    "    article: a\n"
    "    quote: \"the quote\"\n"
    "    kind: accusation\n"
    "    by: X\n"
    "    against: Y\n"
    "    at: 42\n"
    "  - {id: c2, article: b, quote: other, kind: rebuttal, prefix: p, suffix: s}\n"
    "links:\n"
    "  - {from: c2, to: c1, rel: rebuts}\n"
    "  - {id: l2, from: c1, to: c2, rel: same, note: why}\n"
    "notes:\n"
    "  - {id: n1, on: c1, text: hello, created: 2024-01-01T00:00:00Z}\n";

static void test_good(void **state)
{
	(void)state;
	struct annot *an = NULL;
	struct diag_list d = {0};
	assert_int_equal(load(&an, good, &d), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(an->narticles, 2);
	assert_string_equal(an->articles[0].fullpath, "../articles/a.md");
	assert_string_equal(an->articles[1].fullpath, "/abs/b.txt");
	assert_int_equal(an->nclaims, 2);
	assert_int_equal(an->claims[0].kind, KIND_ACCUSATION);
	assert_int_equal(an->claims[0].at, 42);
	assert_int_equal(an->claims[0].line, 7);
	assert_int_equal(an->claims[0].col, 5);
	assert_int_equal(an->claims[0].art, 0);
	assert_int_equal(an->claims[1].at, -1);
	assert_string_equal(an->claims[1].prefix, "p");
	assert_int_equal(an->nlinks, 2);
	assert_string_equal(an->links[0].id, "link-1");
	assert_true(an->links[0].id_generated);
	assert_int_equal(an->links[0].from_i, 1);
	assert_int_equal(an->links[0].to_i, 0);
	assert_int_equal(an->links[1].rel, REL_SAME);
	assert_string_equal(an->links[1].note, "why");
	assert_int_equal(an->nnotes, 1);
	assert_int_equal(annot_find_claim(an, "c2"), 1);
	assert_int_equal(annot_find_link(an, "l2"), 1);
	assert_int_equal(annot_find_note(an, "n1"), 0);
	assert_int_equal(annot_find_article(an, "zz"), ANNOT_NONE);
	annot_free(an);
	diag_free(&d);

	/* a file naming only articles is valid; paths resolve next to it */
	an = NULL;
	const char *only = "version: 1\narticles: [{id: a, path: x.md}]\n";
	assert_int_equal(
	    annot_load_mem(&an, "dir/sub/f.yaml", only, strlen(only), LAYER_CURATED, &d), 0);
	assert_string_equal(an->articles[0].fullpath, "dir/sub/x.md");
	annot_free(an);
	diag_free(&d);
}

static void test_unusable(void **state)
{
	(void)state;
	static const struct {
		const char *src;
		int line, col;
	} cases[] = {
	    {"", 1, 1},
	    {"- a\n- b\n", 1, 1},
	    {"just a scalar\n", 1, 1},
	    {"version: 1\narticles: [\n", 3, 1},
	    {"version: 1\narticles:\n\t- id: a\n", 3, 1},
	    {"version: 1\nx: \"\xff\"\n", 2, 5},
	    {"version: 1\nx: a\x07\n", 2, 5},
	    {"version: 2\n", 1, 10},
	    {"version: 1\na: &x 1\nb: *x\n", 2, 4},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct annot *an = NULL;
		struct diag_list d = {0};
		int r = load(&an, cases[i].src, &d);
		if (r != 2 || d.errors < 1 || d.items[0].line != cases[i].line ||
		    d.items[0].col != cases[i].col) {
			diag_print(&d, stderr);
			fail_msg("case %zu: status %d", i, r);
		}
		assert_null(an);
		diag_free(&d);
	}
}

static void test_schema_errors(void **state)
{
	(void)state;
	const char *s = "version: 1\n"
			"articles:\n"
			"  - {id: a, path: a.md}\n"
			"  - {id: a, path: b.md}\n"
			"  - {path: c.md}\n"
			"  - just text\n"
			"claims:\n"
			"  - {id: c1, article: a, quote: q, kind: gossip}\n"
			"  - {id: c2, article: zz, quote: q, kind: claim}\n"
			"  - {id: c3, article: a, quote: q, kind: claim, at: -3}\n"
			"  - {id: c4, article: a, quote: [x], kind: claim}\n"
			"  - {id: c5, article: a, quote: q, kind: claim}\n"
			"  - {id: c5, article: a, quote: q, kind: claim}\n"
			"  - {id: c6, article: a, quote: q, kind: claim, at: '12'}\n"
			"links:\n"
			"  - {from: c5, to: nope, rel: rebuts}\n"
			"  - {from: c5, to: c5, rel: same}\n"
			"  - {from: c5, to: c1, rel: hates}\n"
			"notes:\n"
			"  - {id: n1, on: nothing, text: t, created: x}\n"
			"  - {id: n2, on: c5, created: x}\n"
			"claims_typo: 3\n";
	struct annot *an = NULL;
	struct diag_list d = {0};
	assert_int_equal(load(&an, s, &d), 1);
	assert_true(has_diag(&d, 4, 10, DIAG_ERROR, "duplicate id \"a\""));
	assert_true(has_diag(&d, 5, 5, DIAG_ERROR, "missing required key \"id\""));
	assert_true(has_diag(&d, 6, 5, DIAG_ERROR, "must be a mapping"));
	assert_true(has_diag(&d, 8, 42, DIAG_ERROR, "unknown kind \"gossip\""));
	assert_true(has_diag(&d, 9, 23, DIAG_ERROR, "unknown article \"zz\""));
	assert_true(has_diag(&d, 10, 53, DIAG_ERROR, "non-negative integer"));
	assert_true(has_diag(&d, 11, 33, DIAG_ERROR, "must be a string"));
	assert_true(has_diag(&d, 13, 10, DIAG_ERROR, "duplicate id \"c5\""));
	assert_true(has_diag(&d, 14, 53, DIAG_ERROR, "non-negative integer"));
	assert_true(has_diag(&d, 16, 20, DIAG_ERROR, "unknown claim \"nope\""));
	assert_true(has_diag(&d, 17, 5, DIAG_ERROR, "itself"));
	assert_true(has_diag(&d, 18, 29, DIAG_ERROR, "unknown rel \"hates\""));
	assert_true(has_diag(&d, 20, 18, DIAG_ERROR, "names no claim, link or article"));
	assert_true(has_diag(&d, 21, 5, DIAG_ERROR, "missing required key \"text\""));
	assert_true(has_diag(&d, 22, 1, DIAG_WARNING, "unknown key \"claims_typo\""));
	/* good entries survive, bad ones are skipped */
	assert_int_equal(an->narticles, 1);
	assert_int_equal(an->nclaims, 1);
	assert_string_equal(an->claims[0].id, "c5");
	assert_int_equal(an->nlinks, 0);
	assert_int_equal(an->nnotes, 0);
	annot_free(an);
	diag_free(&d);
}

/* issue 13's additions: contradicts, tags, notes on whole articles */
static void test_tags_contradicts_article_notes(void **state)
{
	(void)state;
	const char *s = "version: 1\n"
			"articles:\n"
			"  - {id: a, path: a.md}\n"
			"  - {id: b, path: b.md}\n"
			"claims:\n"
			"  - {id: c1, article: a, quote: q, kind: claim, tags: [numbers, fire]}\n"
			"  - {id: c2, article: b, quote: r, kind: claim, tags: [fire, fire]}\n"
			"links:\n"
			"  - {id: l1, from: c2, to: c1, rel: contradicts}\n"
			"notes:\n"
			"  - {id: n1, on: a, text: whole article, created: x, tags: [todo]}\n"
			"  - {id: n2, on: l1, text: on the link, created: x}\n";
	struct annot *an = NULL;
	struct diag_list d = {0};
	assert_int_equal(load(&an, s, &d), 0);
	assert_int_equal(d.errors, 0);
	assert_true(has_diag(&d, 7, 62, DIAG_WARNING, "tag \"fire\" given twice"));
	assert_int_equal(an->nclaims, 2);
	assert_int_equal(an->claims[0].ntags, 2);
	assert_string_equal(an->claims[0].tags[0], "numbers");
	assert_int_equal(an->claims[1].ntags, 1);
	assert_int_equal(an->links[0].rel, REL_CONTRADICTS);
	assert_string_equal(annot_rel_name(REL_CONTRADICTS), "contradicts");
	enum link_rel r;
	assert_int_equal(annot_rel_parse("contradicts", &r), 0);
	assert_int_equal(r, REL_CONTRADICTS);
	assert_int_equal(an->nnotes, 2);
	assert_string_equal(an->notes[0].on, "a");
	assert_int_equal(an->notes[0].ntags, 1);
	assert_string_equal(an->notes[0].tags[0], "todo");
	/* copies own their tags */
	struct claim cc;
	annot_claim_copy(&cc, &an->claims[0]);
	assert_string_equal(cc.tags[1], "fire");
	assert_ptr_not_equal(cc.tags, an->claims[0].tags);
	annot_claim_clear(&cc);
	annot_free(an);
	diag_free(&d);
}

static void test_tag_errors(void **state)
{
	(void)state;
	struct buf b = {0};
	buf_adds(&b, "version: 1\n"
		     "articles:\n"
		     "  - {id: a, path: a.md}\n"
		     "claims:\n"
		     "  - {id: c1, article: a, quote: q, kind: claim, tags: fire}\n"
		     "  - {id: c2, article: a, quote: q, kind: claim, tags: [[x]]}\n"
		     "  - {id: c3, article: a, quote: q, kind: claim, tags: ['']}\n"
		     "  - {id: c4, article: a, quote: q, kind: claim, tags: [\"a\\nb\"]}\n"
		     "  - {id: c5, article: a, quote: q, kind: claim, tags: [");
	for (int i = 0; i <= ANNOT_MAX_TAGS; i++)
		buf_printf(&b, "%st%d", i ? ", " : "", i);
	buf_adds(&b, "]}\n  - {id: c6, article: a, quote: q, kind: claim, tags: [");
	for (int i = 0; i <= ANNOT_MAX_TAG; i++)
		buf_addc(&b, 'x');
	buf_adds(&b, "]}\n"
		     "  - {id: ok, article: a, quote: q, kind: claim}\n"
		     "notes:\n"
		     "  - {id: n1, on: ok, text: t, created: x, tags: {a: b}}\n"
		     "  - {id: n2, on: nowhere, text: t, created: x}\n");
	struct annot *an = NULL;
	struct diag_list d = {0};
	assert_int_equal(load(&an, b.s, &d), 1);
	assert_true(has_diag(&d, 5, 55, DIAG_ERROR, "claim: \"tags\" must be a list of strings"));
	assert_true(has_diag(&d, 6, 56, DIAG_ERROR, "a tag must be a string, not a list"));
	assert_true(has_diag(&d, 7, 56, DIAG_ERROR, "a tag must be 1 to 64 bytes long"));
	assert_true(has_diag(&d, 8, 56, DIAG_ERROR, "a tag must be one line of text"));
	assert_true(has_diag(&d, 9, 55, DIAG_ERROR, "more than 32 tags"));
	assert_true(has_diag(&d, 10, 56, DIAG_ERROR, "a tag must be 1 to 64 bytes long"));
	assert_true(has_diag(&d, 13, 49, DIAG_ERROR, "note: \"tags\" must be a list"));
	assert_true(
	    has_diag(&d, 14, 18, DIAG_ERROR, "names no claim, link or article \"nowhere\""));
	assert_int_equal(an->nclaims, 1);
	assert_int_equal(an->nnotes, 0);
	annot_free(an);
	diag_free(&d);
	buf_free(&b);
}

static void test_unknown_keys_kept(void **state)
{
	(void)state;
	const char *s = "version: 1\n"
			"x-top: {keep: [1, 2]}\n"
			"articles:\n  - {id: a, path: a.md, x-art: 1}\n"
			"claims:\n  - {id: c, article: a, quote: q, kind: claim, x-color: 'red'}\n"
			"links: []\nnotes:\n";
	struct annot *an = NULL;
	struct diag_list d = {0};
	assert_int_equal(load(&an, s, &d), 0);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.warnings, 3);
	assert_true(has_diag(&d, 6, 48, DIAG_WARNING, "unknown key \"x-color\""));
	assert_non_null(an->extra[LAYER_CURATED]);
	assert_non_null(ynode_map_get(an->extra[LAYER_CURATED], "x-top"));
	assert_string_equal(ynode_map_str(an->articles[0].extra[LAYER_CURATED], "x-art"), "1");
	assert_string_equal(ynode_map_str(an->claims[0].extra, "x-color"), "red");
	/* and they emit back */
	struct buf out = {0};
	assert_int_equal(ynode_emit(an->claims[0].extra, &out), 0);
	assert_non_null(strstr(out.s, "x-color: 'red'"));
	buf_free(&out);
	out = (struct buf){0};
	assert_int_equal(ynode_emit(an->extra[LAYER_CURATED], &out), 0);
	assert_non_null(strstr(out.s, "x-top:"));
	buf_free(&out);
	annot_free(an);
	diag_free(&d);
}

static void test_personal_layer(void **state)
{
	(void)state;
	struct annot *an = NULL;
	struct diag_list d = {0};
	assert_int_equal(load(&an, good, &d), 0);
	const char *p = "version: 1\n"
			"claims:\n"
			"  - {id: mine, article: a, quote: my quote, kind: claim}\n"
			"  - {id: c1, article: a, quote: clash, kind: claim}\n"
			"links:\n"
			"  - {from: mine, to: c1, rel: supports}\n"
			"notes:\n"
			"  - {id: pn, on: l2, text: on a curated link, created: t}\n";
	assert_int_equal(annot_load_mem(&an, "p.yaml", p, strlen(p), LAYER_PERSONAL, &d), 1);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.items[0].line, 4);
	assert_string_equal(d.items[0].file, "p.yaml");
	assert_int_equal(an->nclaims, 3);
	assert_int_equal(an->claims[2].layer, LAYER_PERSONAL);
	assert_int_equal(an->claims[0].layer, LAYER_CURATED);
	assert_int_equal(an->nlinks, 3);
	assert_int_equal(an->links[2].from_i, 2);
	assert_int_equal(an->links[2].to_i, 0);
	/* the generated id does not clash with the curated link-1 */
	assert_string_not_equal(an->links[2].id, "link-1");
	assert_int_equal(an->nnotes, 2);
	assert_string_equal(an->path, "t.yaml");
	annot_free(an);
	diag_free(&d);
}

static void test_many_entries_fast(void **state)
{
	(void)state;
	/* 4000 claims and links: loading must stay n log n */
	struct buf b = {0};
	buf_adds(&b, "version: 1\narticles: [{id: a, path: a.md}]\nclaims:\n");
	for (int i = 0; i < 4000; i++)
		buf_printf(&b, "  - {id: c%d, article: a, quote: q, kind: claim}\n", i);
	buf_adds(&b, "links:\n");
	for (int i = 1; i < 4000; i++)
		buf_printf(&b, "  - {from: c%d, to: c%d, rel: same}\n", i, i - 1);
	struct annot *an = NULL;
	struct diag_list d = {0};
	assert_int_equal(annot_load_mem(&an, "t.yaml", b.s, b.len, LAYER_CURATED, &d), 0);
	assert_int_equal(an->nclaims, 4000);
	assert_int_equal(an->links[3998].from_i, 3999);
	annot_free(an);
	diag_free(&d);
	buf_free(&b);
}

static void test_many_ids_clash(void **state)
{
	(void)state;
	/* a large id index still finds every clash, wherever it is, and
	 * generated link ids still skip ids already taken */
	struct buf b = {0};
	buf_adds(&b, "version: 1\narticles: [{id: a, path: a.md}, {id: a, path: b.md}]\nclaims:\n");
	for (int i = 0; i < 1500; i++)
		buf_printf(&b, "  - {id: c%d, article: a, quote: q, kind: claim}\n", i);
	buf_adds(&b, "  - {id: c777, article: a, quote: q, kind: claim}\n");   /* line 1504 */
	buf_adds(&b, "  - {id: link-2, article: a, quote: q, kind: claim}\n"); /* taken */
	buf_adds(&b, "links:\n");
	for (int i = 1; i < 1500; i++)
		buf_printf(&b, "  - {from: c%d, to: c%d, rel: same}\n", i, i - 1);
	buf_adds(&b, "  - {id: c5, from: c1, to: c2, rel: same}\n"); /* line 1506 + 1499 */
	buf_adds(&b, "notes:\n");
	buf_adds(&b, "  - {id: n1, on: link-3, text: t, created: '2024-01-01T00:00:00Z'}\n");
	buf_adds(&b, "  - {id: n1, on: c9, text: t, created: '2024-01-01T00:00:00Z'}\n");
	struct annot *an = NULL;
	struct diag_list d = {0};
	assert_int_equal(annot_load_mem(&an, "t.yaml", b.s, b.len, LAYER_CURATED, &d), 1);
	assert_true(has_diag(&d, 2, 0, DIAG_ERROR, "article: duplicate id \"a\""));
	assert_true(has_diag(&d, 1504, 0, DIAG_ERROR, "claim: duplicate id \"c777\""));
	assert_true(has_diag(&d, 3006, 0, DIAG_ERROR, "link: duplicate id \"c5\""));
	assert_true(has_diag(&d, 3009, 0, DIAG_ERROR, "note: duplicate id \"n1\""));
	assert_int_equal(an->narticles, 1);
	assert_int_equal(an->nclaims, 1501);
	assert_int_equal(an->nnotes, 1);
	/* link-2 is a claim: the second link is called link-3 */
	assert_string_equal(an->links[0].id, "link-1");
	assert_string_equal(an->links[1].id, "link-3");
	assert_int_equal(an->links[1498].from_i, 1499);
	assert_int_equal(an->links[1498].to_i, 1498);
	assert_int_equal(annot_find_claim(an, "link-2"), 1500);
	annot_free(an);
	diag_free(&d);
	buf_free(&b);
}

static int run_check(const char *file, char **output)
{
	char path[512];
	snprintf(path, sizeof path, "tests/data/annot/%s", file);
	char *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);
	int r = check_run(path, f);
	fclose(f);
	*output = mem;
	return r;
}

static void test_check(void **state)
{
	(void)state;
	char *o;
	assert_int_equal(run_check("good.yaml", &o), 0);
	assert_non_null(strstr(o, "check: 1 article, 2 claims, 1 link, 0 notes, 0 orphans"));
	free(o);
	assert_int_equal(run_check("tags.yaml", &o), 0);
	assert_non_null(strstr(o, "check: 1 article, 2 claims, 1 link, 1 note, 3 tags, 0 orphans"));
	free(o);
	assert_int_equal(run_check("orphan.yaml", &o), 1);
	assert_non_null(strstr(o, "tests/data/annot/orphan.yaml:6:5: error: claim \"gone\""));
	assert_null(strstr(o, "check:"));
	free(o);
	assert_int_equal(run_check("schema.yaml", &o), 1);
	assert_non_null(strstr(o, "schema.yaml:8:11: error: claim: unknown kind"));
	free(o);
	assert_int_equal(run_check("tab.yaml", &o), 2);
	assert_non_null(strstr(o, "tab.yaml:3:1: error:"));
	free(o);
	assert_int_equal(run_check("syntax.yaml", &o), 2);
	free(o);
	assert_int_equal(run_check("missing-article.yaml", &o), 2);
	assert_non_null(strstr(o, "missing-article.yaml:3:5: error: article \"a\": cannot open"));
	free(o);
	assert_int_equal(run_check("does-not-exist.yaml", &o), 2);
	free(o);
}

static void test_bundled(void **state)
{
	(void)state;
	char *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);
	int r = check_run("annotations/microsoft-exchange-hack.yaml", f);
	fclose(f);
	if (r != 0)
		fail_msg("%s", mem);
	assert_non_null(strstr(mem, " 0 orphans"));
	free(mem);
	struct annot *an = NULL;
	struct diag_list d = {0};
	assert_int_equal(
	    annot_load(&an, "annotations/microsoft-exchange-hack.yaml", LAYER_CURATED, &d), 0);
	assert_true(an->nclaims >= 25);
	assert_true(an->nlinks >= 20);
	int rels[ANNOT_NRELS] = {0};
	for (size_t i = 0; i < an->nlinks; i++)
		rels[an->links[i].rel]++;
	assert_true(rels[REL_REBUTS] > 0 && rels[REL_SAME] > 0 && rels[REL_COUNTERS] > 0);
	annot_free(an);
	diag_free(&d);
}

/* ---- annot_load_over: a personal file loaded alone over the curated layer
 * in memory gives what loading it on top gives: the same return, the same
 * diagnostics, the same personal entries and articles */

static const char over_curated[] =
    "version: 1\n"
    "articles: [{id: a, path: a.md}, {id: b, path: b.md}]\n"
    "claims:\n"
    "  - {id: k1, article: a, kind: accusation, quote: Q1}\n"
    "  - {id: k2, article: b, kind: rebuttal, quote: Q2}\n"
    "links:\n"
    "  - {from: k1, to: k2, rel: rebuts}\n"
    "  - {id: L, from: k2, to: k1, rel: same}\n"
    "notes:\n"
    "  - {id: cn, on: k1, created: '2026-01-01T00:00:00Z', text: curated}\n";

static const char *const over_personal[] = {
    /* fine: entries on curated claims, links and articles */
    "version: 1\nover: c.yaml\n"
    "articles: [{id: a, path: a.md, mine: 1}, {id: c, path: c.md}]\n"
    "claims: [{id: p1, article: c, kind: claim, quote: q}, {id: p2, article: a, kind: claim, "
    "quote: r, tags: [t]}]\n"
    "links: [{from: k1, to: p1, rel: supports}, {id: pl, from: p2, to: k2, rel: counters}]\n"
    "notes: [{id: n1, on: k1, created: x, text: t}, {id: n2, on: L, created: x, text: t}, "
    "{id: n3, on: link-1, created: x, text: t}, {id: n4, on: b, created: x, text: t}, "
    "{id: n5, on: pl, created: x, text: t}]\n"
    "top: [kept]\n",
    /* clashes with the curated layer, in each namespace */
    "version: 1\nclaims: [{id: k1, article: a, kind: claim, quote: q}, {id: L, article: a, "
    "kind: claim, quote: q}]\n"
    "links: [{id: k2, from: k1, to: k2, rel: same}]\n"
    "notes: [{id: cn, on: k1, created: x, text: t}]\n",
    /* an article id of the curated file for another file */
    "version: 1\narticles: [{id: a, path: other.md}]\n",
    /* references to nothing, and a link may not name a link */
    "version: 1\nclaims: [{id: p, article: zz, kind: claim, quote: q}]\n"
    "links: [{from: k1, to: L, rel: same}, {from: nope, to: k1, rel: same}]\n"
    "notes: [{id: n, on: nothing, created: x, text: t}]\n",
    /* generated link ids skip the curated ones (link-1 is taken) */
    "version: 1\nlinks: [{from: k2, to: k1, rel: supports}]\n"
    "notes: [{id: n, on: link-2, created: x, text: t}]\n",
    /* not YAML, not version 1 */
    "version: 1\nclaims: [\n",
    "version: 2\n",
};

static void diags_text(const struct diag_list *d, struct buf *out)
{
	for (size_t i = 0; i < d->n; i++)
		buf_printf(out, "%s:%d:%d:%d:%s\n", d->items[i].file, d->items[i].line,
			   d->items[i].col, (int)d->items[i].severity, d->items[i].msg);
}

static void test_load_over_same_as_layered(void **state)
{
	(void)state;
	for (size_t v = 0; v < sizeof over_personal / sizeof *over_personal; v++) {
		const char *p = over_personal[v];
		struct diag_list d1 = {0}, d2 = {0}, dc = {0};
		struct annot *layered = NULL, *lower = NULL, *alone = NULL;
		assert_int_equal(annot_load_mem(&layered, "c.yaml", over_curated,
						sizeof over_curated - 1, LAYER_CURATED, &dc),
				 0);
		assert_int_equal(annot_load_mem(&lower, "c.yaml", over_curated,
						sizeof over_curated - 1, LAYER_CURATED, &dc),
				 0);
		int r1 = annot_load_mem(&layered, "p.yaml", p, strlen(p), LAYER_PERSONAL, &d1);
		int r2 =
		    annot_load_over(&alone, lower, lower->narticles, "p.yaml", p, strlen(p), &d2);
		assert_int_equal(r1, r2);
		struct buf t1 = {0}, t2 = {0};
		diags_text(&d1, &t1);
		diags_text(&d2, &t2);
		assert_string_equal(t1.s ? t1.s : "", t2.s ? t2.s : "");
		if (r2 == 2) {
			assert_null(alone);
		} else {
			/* nothing of the curated layer is in alone */
			for (enum annot_type t = 0; t < ENTRY_NTYPES; t++) {
				size_t k = 0;
				for (size_t i = 0; i < annot_entry_count(layered, t); i++) {
					struct annot_entry *e = annot_entry_at(layered, t, i);
					if (e->layer != LAYER_PERSONAL)
						continue;
					assert_true(k < annot_entry_count(alone, t));
					struct annot_entry *f = annot_entry_at(alone, t, k++);
					assert_int_equal(f->layer, LAYER_PERSONAL);
					assert_true(annot_entry_types[t].same(e, f));
					assert_int_equal(e->line, f->line);
				}
				assert_int_equal(k, annot_entry_count(alone, t));
			}
			/* each article the file names, with its unknown keys */
			for (size_t i = 0; i < alone->narticles; i++) {
				const struct annot_article *a = &alone->articles[i];
				size_t j = annot_find_article(layered, a->id);
				assert_true(j != ANNOT_NONE);
				assert_string_equal(layered->articles[j].path, a->path);
				assert_true(ynode_equal(layered->articles[j].extra[LAYER_PERSONAL],
							a->extra[LAYER_PERSONAL]));
			}
			assert_true(ynode_equal(layered->extra[LAYER_PERSONAL],
						alone->extra[LAYER_PERSONAL]));
			assert_true((!layered->over && !alone->over) ||
				    strcmp(layered->over, alone->over) == 0);
		}
		if (v == 0) {
			assert_int_equal(r2, 0);
			assert_int_equal(alone->narticles, 2); /* a (repeated) and c */
			assert_int_equal(alone->nnotes, 5);
		}
		if (v == 1)
			assert_int_equal(d2.n, 4); /* four clashes */
		buf_free(&t1);
		buf_free(&t2);
		annot_free(layered);
		annot_free(lower);
		annot_free(alone);
		diag_free(&d1);
		diag_free(&d2);
		diag_free(&dc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_good),
	    cmocka_unit_test(test_load_over_same_as_layered),
	    cmocka_unit_test(test_unusable),
	    cmocka_unit_test(test_schema_errors),
	    cmocka_unit_test(test_unknown_keys_kept),
	    cmocka_unit_test(test_personal_layer),
	    cmocka_unit_test(test_many_entries_fast),
	    cmocka_unit_test(test_check),
	    cmocka_unit_test(test_many_ids_clash),
	    cmocka_unit_test(test_bundled),
	    cmocka_unit_test(test_tags_contradicts_article_notes),
	    cmocka_unit_test(test_tag_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
