/* Unit tests for the merge written once over struct annot_entry: for each
 * type (claim, link, note) both sides adding, one side editing while the
 * other deletes, both editing the same field (the conflict rule: ours
 * keeps the id, the disk's copy is renamed "-disk"), and that an entry
 * type's `same` agrees with comparing the trees annot_write_* builds. */
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
#include "crossread/annot/yamltree.h"
#include "crossread/base/util.h"
#include "crossread/persist/store.h"

static const char curated_yaml[] = "version: 1\n"
				   "articles: [{id: a, path: a.md}, {id: b, path: b.md}]\n"
				   "claims:\n"
				   "  - {id: k1, article: a, kind: accusation, quote: Q1}\n"
				   "  - {id: k2, article: b, kind: rebuttal, quote: Q2}\n";

/* p2, l1 and n1 are the entries each case edits or deletes: nothing else
 * names them */
#define CLAIM_P1 "  - {id: p1, article: b, kind: claim, quote: kept}\n"
#define CLAIM_P2 "  - {id: p2, article: b, kind: claim, quote: base}\n"
#define LINK_L1	 "  - {id: l1, from: k1, to: p1, rel: supports}\n"
#define NOTE_N1	 "  - {id: n1, on: k1, created: '2026-01-01T00:00:00Z', text: base}\n"

/* One type's part of the personal file: its section, the base entry, how
 * it reads with its field set to V, a new entry of id X, and where V and
 * X go. */
struct typecase {
	enum annot_type t;
	const char *section; /* "claims:\n" */
	const char *entry;   /* the base entry's line */
	const char *edited;  /* the same line, with %s for the edited field */
	const char *added;   /* a new entry, with %s for its id */
	const char *id;	     /* of the base entry */
};

static const struct typecase cases[] = {
    {ENTRY_CLAIM, "claims:\n", CLAIM_P2, "  - {id: p2, article: b, kind: claim, quote: %s}\n",
     "  - {id: %s, article: a, kind: claim, quote: new}\n", "p2"},
    {ENTRY_LINK, "links:\n", LINK_L1, "  - {id: l1, from: k1, to: p1, rel: supports, note: %s}\n",
     "  - {id: %s, from: k2, to: p1, rel: rebuts}\n", "l1"},
    {ENTRY_NOTE, "notes:\n", NOTE_N1,
     "  - {id: n1, on: k1, created: '2026-01-01T00:00:00Z', text: %s}\n",
     "  - {id: %s, on: k2, created: '2026-01-02T00:00:00Z', text: new}\n", "n1"},
};

/* The personal file: the three sections, with type c's base entry
 * replaced by `line` (NULL: deleted) and `more` appended to its section. */
static char *personal(const struct typecase *c, const char *line, const char *more)
{
	struct buf b = {0};
	buf_adds(&b, "version: 1\n");
	for (size_t k = 0; k < 3; k++) {
		const struct typecase *s = &cases[k];
		buf_adds(&b, s->section);
		if (s->t == ENTRY_CLAIM)
			buf_adds(&b, CLAIM_P1);
		if (s == c) {
			if (line)
				buf_adds(&b, line);
			if (more)
				buf_adds(&b, more);
		} else {
			buf_adds(&b, s->entry);
		}
	}
	/* a section left empty reads as "claims:" with nothing: null */
	return buf_detach(&b);
}

static char *fmt(const char *f, const char *v)
{
	struct buf b = {0};
	buf_printf(&b, f, v);
	return buf_detach(&b);
}

static struct annot *load2(const char *yaml)
{
	struct annot *an = NULL;
	struct diag_list d = {0};
	assert_int_equal(
	    annot_load_mem(&an, "c.yaml", curated_yaml, sizeof curated_yaml - 1, LAYER_CURATED, &d),
	    0);
	int rc = annot_load_mem(&an, "c.notes.yaml", yaml, strlen(yaml), LAYER_PERSONAL, &d);
	if (rc != 0) {
		diag_print(&d, stderr);
		fprintf(stderr, "%s", yaml);
	}
	assert_int_equal(rc, 0);
	diag_free(&d);
	return an;
}

/* store_merge(base, theirs, ours); the result must write and load back */
static size_t merge3(const char *theirs_yaml, const char *ours_yaml, struct annot **out)
{
	char *base_yaml = personal(&cases[0], CLAIM_P2, NULL);
	struct annot *base = load2(base_yaml), *theirs = load2(theirs_yaml),
		     *ours = load2(ours_yaml);
	free(base_yaml);
	size_t conflicts = store_merge(base, theirs, ours);
	annot_free(base);
	annot_free(theirs);
	struct buf w = {0};
	assert_int_equal(annot_write_layer(ours, LAYER_PERSONAL, &w), 0);
	struct annot *back = load2(w.s);
	for (enum annot_type t = 0; t < ENTRY_NTYPES; t++)
		assert_int_equal(annot_entry_count(back, t), annot_entry_count(ours, t));
	annot_free(back);
	buf_free(&w);
	*out = ours;
	return conflicts;
}

static size_t personal_count(struct annot *an, enum annot_type t)
{
	size_t n = 0;
	for (size_t i = 0; i < annot_entry_count(an, t); i++)
		n += annot_entry_at(an, t, i)->layer == LAYER_PERSONAL;
	return n;
}

/* the edited field of entry `id`, NULL if there is no such entry */
static const char *field(struct annot *an, enum annot_type t, const char *id)
{
	size_t i = annot_entry_find(an, t, id);
	if (i == ANNOT_NONE)
		return NULL;
	return t == ENTRY_CLAIM	 ? an->claims[i].quote
	       : t == ENTRY_LINK ? (an->links[i].note ? an->links[i].note : "")
				 : an->notes[i].text;
}

static void test_both_add(void **state)
{
	(void)state;
	for (size_t k = 0; k < 3; k++) {
		const struct typecase *c = &cases[k];
		char *ta = fmt(c->added, "x-disk1"), *oa = fmt(c->added, "x-mine1");
		char *theirs = personal(c, c->entry, ta), *ours = personal(c, c->entry, oa);
		struct annot *m;
		assert_int_equal(merge3(theirs, ours, &m), 0);
		assert_non_null(field(m, c->t, "x-disk1"));
		assert_non_null(field(m, c->t, "x-mine1"));
		assert_non_null(field(m, c->t, c->id));
		size_t base_n = c->t == ENTRY_CLAIM ? 2 : 1;
		assert_int_equal(personal_count(m, c->t), base_n + 2);
		annot_free(m);
		free(ta);
		free(oa);
		free(theirs);
		free(ours);
	}
}

/* one side edits, the other deletes: the words are kept, whichever side */
static void test_edit_vs_delete(void **state)
{
	(void)state;
	for (size_t k = 0; k < 3; k++) {
		const struct typecase *c = &cases[k];
		char *line = fmt(c->edited, "edited");
		char *edit = personal(c, line, NULL), *del = personal(c, NULL, NULL);
		struct annot *m;
		/* the disk deleted it, we edited it */
		assert_int_equal(merge3(del, edit, &m), 0);
		assert_string_equal(field(m, c->t, c->id), "edited");
		annot_free(m);
		/* we deleted it, the disk edited it */
		assert_int_equal(merge3(edit, del, &m), 0);
		assert_string_equal(field(m, c->t, c->id), "edited");
		annot_free(m);
		/* deleted on one side, untouched on the other: gone */
		char *same = personal(c, c->entry, NULL);
		assert_int_equal(merge3(del, same, &m), 0);
		assert_null(field(m, c->t, c->id));
		annot_free(m);
		assert_int_equal(merge3(same, del, &m), 0);
		assert_null(field(m, c->t, c->id));
		annot_free(m);
		free(same);
		free(line);
		free(edit);
		free(del);
	}
}

static void test_one_side_edits(void **state)
{
	(void)state;
	for (size_t k = 0; k < 3; k++) {
		const struct typecase *c = &cases[k];
		char *line = fmt(c->edited, "edited");
		char *edit = personal(c, line, NULL), *same = personal(c, c->entry, NULL);
		struct annot *m;
		assert_int_equal(merge3(edit, same, &m), 0); /* the disk's edit */
		assert_string_equal(field(m, c->t, c->id), "edited");
		annot_free(m);
		assert_int_equal(merge3(same, edit, &m), 0); /* ours */
		assert_string_equal(field(m, c->t, c->id), "edited");
		annot_free(m);
		free(line);
		free(edit);
		free(same);
	}
}

/* both edit the same field: a conflict, both kept, the disk's copy renamed;
 * the same edit on both sides is none */
static void test_both_edit_same_field(void **state)
{
	(void)state;
	for (size_t k = 0; k < 3; k++) {
		const struct typecase *c = &cases[k];
		char *tl = fmt(c->edited, "disk"), *ol = fmt(c->edited, "mine");
		char *theirs = personal(c, tl, NULL), *ours = personal(c, ol, NULL);
		struct annot *m;
		assert_int_equal(merge3(theirs, ours, &m), 1);
		assert_string_equal(field(m, c->t, c->id), "mine");
		char renamed[32];
		snprintf(renamed, sizeof renamed, "%s-disk", c->id);
		assert_string_equal(field(m, c->t, renamed), "disk");
		annot_free(m);
		assert_int_equal(merge3(theirs, theirs, &m), 0);
		assert_string_equal(field(m, c->t, c->id), "disk");
		assert_null(field(m, c->t, renamed));
		annot_free(m);
		free(tl);
		free(ol);
		free(theirs);
		free(ours);
	}
}

/* ---- `same` against the written form: variants of one entry per type,
 * every pair compared both ways */

static const char *const claim_variants[] = {
    "{id: c, article: a, kind: claim, quote: q}",
    "{id: c, article: a, kind: claim, quote: q, at: 0}",
    "{id: c, article: a, kind: claim, quote: q, at: 5}",
    "{id: c, article: a, kind: rebuttal, quote: q}",
    "{id: c, article: b, kind: claim, quote: q}",
    "{id: c, article: a, kind: claim, quote: q, by: X}",
    "{id: c, article: a, kind: claim, quote: q, by: X, against: Y}",
    "{id: c, article: a, kind: claim, quote: q, prefix: ''}",
    "{id: c, article: a, kind: claim, quote: q, prefix: p}",
    "{id: c, article: a, kind: claim, quote: q, suffix: p}",
    "{id: c, article: a, kind: claim, quote: q, tags: [x, y]}",
    "{id: c, article: a, kind: claim, quote: q, tags: [y, x]}",
    "{id: c, article: a, kind: claim, quote: q, tags: [x]}",
    "{id: c, article: a, kind: claim, quote: q, zz: 1}",
    "{id: c, article: a, kind: claim, quote: q, zz: 2}",
    "{id: c, article: a, kind: claim, quote: q, zz: [1, 2]}",
    "{id: c, article: a, kind: claim, quote: q, zz: 1, yy: 1}",
    "{id: c, article: a, kind: claim, quote: q, yy: 1, zz: 1}",
    "{id: d, article: a, kind: claim, quote: q}",
};
static const char *const link_variants[] = {
    "{from: k1, to: k2, rel: rebuts}",
    "{id: link-1, from: k1, to: k2, rel: rebuts}",
    "{id: x, from: k1, to: k2, rel: rebuts}",
    "{from: k2, to: k1, rel: rebuts}",
    "{from: k1, to: k2, rel: same}",
    "{from: k1, to: k2, rel: rebuts, note: n}",
    "{from: k1, to: k2, rel: rebuts, note: ''}",
    "{from: k1, to: k2, rel: rebuts, zz: 1}",
};
static const char *const note_variants[] = {
    "{id: n, on: k1, created: '2026-01-01T00:00:00Z', text: t}",
    "{id: n, on: k1, created: '2026-01-01T00:00:00Z', text: t, updated: '2026-01-02T00:00:00Z'}",
    "{id: n, on: k2, created: '2026-01-01T00:00:00Z', text: t}",
    "{id: n, on: k1, created: '2026-01-03T00:00:00Z', text: t}",
    "{id: n, on: k1, created: '2026-01-01T00:00:00Z', text: u}",
    "{id: n, on: k1, created: '2026-01-01T00:00:00Z', text: t, tags: [a, b]}",
    "{id: n, on: k1, created: '2026-01-01T00:00:00Z', text: t, tags: [b, a]}",
    "{id: n, on: k1, created: '2026-01-01T00:00:00Z', text: t, zz: {a: 1}}",
    "{id: m, on: k1, created: '2026-01-01T00:00:00Z', text: t}",
};

static struct ynode *written(enum annot_type t, const struct annot_entry *e)
{
	return t == ENTRY_CLAIM	 ? annot_write_claim((const struct claim *)e)
	       : t == ENTRY_LINK ? annot_write_link((const struct link *)e, false)
				 : annot_write_note((const struct note *)e);
}

static void check_variants(enum annot_type t, const char *section, const char *const *v, size_t n)
{
	struct annot **an = xcalloc(n, sizeof *an);
	for (size_t i = 0; i < n; i++) {
		struct buf b = {0};
		buf_printf(&b, "version: 1\n%s  - %s\n", section, v[i]);
		struct diag_list d = {0};
		an[i] = NULL;
		assert_int_equal(annot_load_mem(&an[i], "c.yaml", curated_yaml,
						sizeof curated_yaml - 1, LAYER_CURATED, &d),
				 0);
		assert_true(annot_load_mem(&an[i], "p.yaml", b.s, b.len, LAYER_PERSONAL, &d) < 2);
		diag_free(&d);
		buf_free(&b);
		assert_int_equal(personal_count(an[i], t), 1);
	}
	size_t differ = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			struct annot_entry *a =
			    annot_entry_at(an[i], t, annot_entry_count(an[i], t) - 1);
			struct annot_entry *b =
			    annot_entry_at(an[j], t, annot_entry_count(an[j], t) - 1);
			struct ynode *x = written(t, a), *y = written(t, b);
			bool want = ynode_equal(x, y);
			ynode_free(x);
			ynode_free(y);
			if (annot_entry_types[t].same(a, b) != want)
				fail_msg("%s: same(%s, %s) is %d, the written trees say %d",
					 annot_entry_types[t].name, v[i], v[j], !want, want);
			differ += !want;
		}
	/* the variants are not all alike: the comparison can fail */
	assert_true(differ > 0);
	for (size_t i = 0; i < n; i++)
		annot_free(an[i]);
	free(an);
}

static void test_same_is_the_written_form(void **state)
{
	(void)state;
	check_variants(ENTRY_CLAIM, "claims:\n", claim_variants,
		       sizeof claim_variants / sizeof *claim_variants);
	check_variants(ENTRY_LINK, "links:\n", link_variants,
		       sizeof link_variants / sizeof *link_variants);
	check_variants(ENTRY_NOTE, "notes:\n", note_variants,
		       sizeof note_variants / sizeof *note_variants);
}

/* the header is the entry: c->id and c->entry.id are one field */
static void test_header_aliases(void **state)
{
	(void)state;
	struct claim c;
	memset(&c, 0, sizeof c);
	c.id = "x";
	c.layer = LAYER_PERSONAL;
	c.line = 7;
	assert_ptr_equal(c.entry.id, c.id);
	assert_int_equal(c.entry.layer, LAYER_PERSONAL);
	assert_int_equal(c.entry.line, 7);
	assert_ptr_equal((void *)&c.entry, (void *)&c);
	struct note n;
	memset(&n, 0, sizeof n);
	n.entry.col = 3;
	assert_int_equal(n.col, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_both_add),
	    cmocka_unit_test(test_edit_vs_delete),
	    cmocka_unit_test(test_one_side_edits),
	    cmocka_unit_test(test_both_edit_same_field),
	    cmocka_unit_test(test_same_is_the_written_form),
	    cmocka_unit_test(test_header_aliases),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
