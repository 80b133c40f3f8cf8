/* test_overview: the claims overview's model without a terminal (issue 13):
 * grouping (a claim and its rebuttal alone are listed; accusations with
 * every link, then the other linked claims), the lines (speakers and short
 * quotes, never ids; "accuse" for plural speakers), the search and the tag
 * filter, and tags set with t and undone with u. Stories are written to a
 * temporary directory by each test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crossread/annot/annot.h"
#include "crossread/base/text.h"
#include "crossread/base/util.h"
#include "crossread/reader/edit.h"
#include "crossread/reader/actions.h"
#include "crossread/reader/notes.h"
#include "crossread/reader/overview.h"
#include "crossread/reader/personal.h"
#include "crossread/reader/reader.h"
#include "crossread/reader/session.h"

static const char ART_A[] = "# Plant A\n\nThe Widget company says the plant is safe. Volexity "
			    "and Microsoft say the network was hacked by the Example Group.\n";
static const char ART_B[] = "# Plant B\n\nThe union says the plant leaked. Officials deny any "
			    "hacking took place.\n";

/* a claim and its rebuttal, nothing else */
static const char PAIR[] = "version: 1\n"
			   "articles:\n"
			   "  - {id: aa, path: a.md}\n"
			   "  - {id: bb, path: b.md}\n"
			   "claims:\n"
			   "  - id: id-safe-xq\n"
			   "    article: aa\n"
			   "    kind: claim\n"
			   "    by: Widget company\n"
			   "    quote: the plant is safe\n"
			   "    tags: [safety]\n"
			   "  - id: id-leak-xq\n"
			   "    article: bb\n"
			   "    kind: rebuttal\n"
			   "    by: the union\n"
			   "    quote: the plant leaked\n"
			   "links:\n"
			   "  - id: id-link-xq\n"
			   "    from: id-leak-xq\n"
			   "    to: id-safe-xq\n"
			   "    rel: rebuts\n"
			   "    note: the union disagrees\n";

/* the pair and an accusation by two with its denial and a supporter */
static const char MORE[] = "  - id: id-acc-xq\n"
			   "    article: aa\n"
			   "    kind: accusation\n"
			   "    by: Volexity and Microsoft\n"
			   "    against: Example Group\n"
			   "    quote: the network was hacked\n"
			   "  - id: id-deny-xq\n"
			   "    article: bb\n"
			   "    kind: rebuttal\n"
			   "    by: Officials\n"
			   "    quote: Officials deny any hacking took place\n";
static const char MORE_LINKS[] =
    "  - {id: id-l2-xq, from: id-deny-xq, to: id-acc-xq, rel: rebuts}\n"
    "  - {id: id-l3-xq, from: id-acc-xq, to: id-safe-xq, rel: counters}\n"
    "notes:\n"
    "  - id: id-n1-xq\n"
    "    on: id-l2-xq\n"
    "    text: a flat denial\n"
    "    tags: [denial]\n"
    "    created: '2026-01-01T00:00:00Z'\n";

struct script {
	const char *prompt;
	int ask;
	int prompted;
};

static char *io_prompt(void *ctx, const char *p)
{
	struct script *sc = ctx;
	(void)p;
	sc->prompted++;
	return sc->prompt ? xstrdup(sc->prompt) : NULL;
}

static int io_ask(void *ctx, const char *q, const char *choices)
{
	struct script *sc = ctx;
	(void)q;
	assert_non_null(strchr(choices, sc->ask));
	return sc->ask;
}

struct fixture {
	char dir[64];
	struct session s;
	struct keymap keys;
	struct reader r;
	struct script sc;
};

static void write_file(const char *dir, const char *name, const char *a, const char *b,
		       const char *c)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(a, f);
	if (b)
		fputs(b, f);
	if (c)
		fputs(c, f);
	fclose(f);
}

/* the story: PAIR alone, or with MORE's claims and links */
static struct fixture *open_story(bool more)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	strcpy(f->dir, "/tmp/test_overview.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	write_file(f->dir, "a.md", ART_A, NULL, NULL);
	write_file(f->dir, "b.md", ART_B, NULL, NULL);
	if (more) {
		/* MORE's claims go before the links of PAIR */
		const char *links = strstr(PAIR, "links:\n");
		size_t head = (size_t)(links - PAIR);
		char *front = xstrndup(PAIR, head);
		struct buf b = {0};
		buf_adds(&b, front);
		buf_adds(&b, MORE);
		buf_adds(&b, links);
		write_file(f->dir, "story.yaml", b.s, MORE_LINKS, NULL);
		buf_free(&b);
		free(front);
	} else {
		write_file(f->dir, "story.yaml", PAIR, NULL, NULL);
	}
	char path[128], err[512];
	snprintf(path, sizeof path, "%s/story.yaml", f->dir);
	int rc = session_open(&f->s, path, NULL, 0, session_no_notes, err, sizeof err);
	if (rc != 0)
		fprintf(stderr, "%s\n", err);
	assert_int_equal(rc, 0);
	session_load_all(&f->s);
	keymap_defaults(&f->keys);
	struct reader_io io = {&f->sc, io_prompt, io_ask, NULL, NULL, NULL, NULL};
	reader_init(&f->r, &f->s, &f->keys, &io);
	f->r.body = 12;
	for (int p = 0; p < 2; p++)
		f->r.pane[p].textw = 60;
	reader_relayout(&f->r);
	return f;
}

static void close_story(struct fixture *f)
{
	reader_free(&f->r);
	keymap_free(&f->keys);
	session_close(&f->s);
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
}

static size_t claim(struct fixture *f, const char *id)
{
	size_t c = annot_find_claim(f->s.an, id);
	assert_true(c != ANNOT_NONE);
	return c;
}

/* the line of item it, malloc'd */
static char *line(struct fixture *f, const struct ov_item *it)
{
	struct buf b = {0};
	overview_line(&f->r, it, &b);
	return buf_detach(&b);
}

static void no_ids(const char *s)
{
	assert_null(strstr(s, "-xq"));
}

static void test_pair_is_listed(void **state)
{
	(void)state;
	struct fixture *f = open_story(false);
	struct ov_item *it;
	size_t n = session_overview(&f->s, &it);
	/* the heading, the claim a link points to, the rebuttal under it */
	assert_int_equal(n, 3);
	assert_int_equal(it[0].kind, OV_LINKED_HEADING);
	assert_int_equal(it[1].kind, OV_LINKED);
	assert_int_equal(it[1].claim, claim(f, "id-safe-xq"));
	assert_int_equal(it[2].kind, OV_ANSWER);
	assert_int_equal(it[2].claim, claim(f, "id-leak-xq"));
	assert_int_equal(it[2].link, annot_find_link(f->s.an, "id-link-xq"));
	char *l1 = line(f, &it[1]), *l2 = line(f, &it[2]);
	assert_non_null(strstr(l1, "Widget company"));
	assert_non_null(strstr(l1, "\"the plant is safe\""));
	assert_non_null(strstr(l1, "#safety"));
	assert_non_null(strstr(l2, "rebuts: the union: \"the plant leaked\""));
	/* the link's note beside it */
	assert_non_null(strstr(l2, "the union disagrees"));
	no_ids(l1);
	no_ids(l2);
	free(l1);
	free(l2);
	free(it);
	/* and the reader opens it (it used to say there was nothing to list) */
	reader_do(&f->r, ACT_OVERVIEW);
	assert_true(f->r.ov.open);
	assert_true(f->r.ov.n >= 3);
	close_story(f);
}

static void test_grouping(void **state)
{
	(void)state;
	struct fixture *f = open_story(true);
	struct ov_item *it;
	size_t n = session_overview(&f->s, &it);
	size_t acc = claim(f, "id-acc-xq"), deny = claim(f, "id-deny-xq");
	size_t safe = claim(f, "id-safe-xq"), leak = claim(f, "id-leak-xq");
	/* the accusation: its answer first, then its other link (it counters
	 * the safety claim); then the pair, whose link touches no accusation */
	assert_int_equal(n, 6);
	assert_int_equal(it[0].kind, OV_ACCUSATION);
	assert_int_equal(it[0].claim, acc);
	assert_false(it[0].unanswered);
	assert_int_equal(it[1].kind, OV_ANSWER);
	assert_int_equal(it[1].claim, deny);
	assert_int_equal(it[2].kind, OV_ANSWER);
	assert_int_equal(it[2].claim, safe);
	assert_int_equal(it[3].kind, OV_LINKED_HEADING);
	assert_int_equal(it[4].kind, OV_LINKED);
	assert_int_equal(it[4].claim, safe);
	assert_int_equal(it[5].kind, OV_ANSWER);
	assert_int_equal(it[5].claim, leak);
	char *l0 = line(f, &it[0]), *l2 = line(f, &it[2]);
	assert_non_null(strstr(l0, "Volexity and Microsoft accuse Example Group: "));
	assert_null(strstr(l0, "accuses"));
	/* the accusation is the link's from: read from the row's side */
	assert_non_null(strstr(l2, "countered by the above: Widget company"));
	no_ids(l0);
	no_ids(l2);
	free(l0);
	free(l2);
	free(it);
	close_story(f);
}

static char *fold(const char *s)
{
	size_t n;
	return text_fold_string(s, strlen(s), TEXT_FOLD_CASE, &n);
}

static void test_search_filter(void **state)
{
	(void)state;
	struct fixture *f = open_story(true);
	struct ov_item *all, *v;
	size_t n = session_overview(&f->s, &all);
	/* a row matches ("UNION", the fold ignores case): the linked section's
	 * heading, the head and that row; the accusation's group goes */
	char *pat = fold("UNION");
	size_t k = overview_filter(&f->r, all, n, pat, NULL, &v);
	assert_int_equal(k, 3);
	assert_int_equal(v[0].kind, OV_LINKED_HEADING);
	assert_int_equal(v[1].kind, OV_LINKED);
	assert_int_equal(v[2].claim, claim(f, "id-leak-xq"));
	free(v);
	free(pat);
	/* the head matches: its group stays whole */
	pat = fold("network WAS");
	k = overview_filter(&f->r, all, n, pat, NULL, &v);
	assert_int_equal(k, 3);
	assert_int_equal(v[0].kind, OV_ACCUSATION);
	assert_int_equal(v[1].kind, OV_ANSWER);
	assert_int_equal(v[2].kind, OV_ANSWER);
	free(v);
	free(pat);
	/* nothing matches */
	pat = fold("zebra");
	assert_int_equal(overview_filter(&f->r, all, n, pat, NULL, &v), 0);
	free(v);
	free(pat);
	free(all);
	/* through the keys: / in the overview, then an empty search shows all */
	reader_do(&f->r, ACT_OVERVIEW);
	size_t every = f->r.ov.n;
	f->sc.prompt = "deny";
	reader_key(&f->r, '/');
	assert_int_equal(f->sc.prompted, 1);
	assert_true(f->r.ov.n < every);
	assert_string_equal(f->r.ov.search, "deny");
	assert_int_equal(f->r.ov.items[f->r.ov.sel].kind, OV_ACCUSATION);
	f->sc.prompt = "zebra"; /* no match: the filter stays */
	reader_key(&f->r, '/');
	assert_string_equal(f->r.ov.search, "deny");
	f->sc.prompt = "";
	reader_key(&f->r, '/');
	assert_null(f->r.ov.search);
	assert_int_equal(f->r.ov.n, every);
	close_story(f);
}

static void test_tag_filter(void **state)
{
	(void)state;
	struct fixture *f = open_story(true);
	struct ov_item *all, *v;
	size_t n = session_overview(&f->s, &all);
	/* a tag on a claim: the safety claim is a row under the accusation
	 * and the head of the linked group */
	size_t k = overview_filter(&f->r, all, n, NULL, "safety", &v);
	assert_int_equal(k, 5);
	assert_int_equal(v[0].kind, OV_ACCUSATION);
	assert_int_equal(v[1].claim, claim(f, "id-safe-xq"));
	assert_int_equal(v[2].kind, OV_LINKED_HEADING);
	assert_int_equal(v[3].kind, OV_LINKED);
	assert_int_equal(v[4].claim, claim(f, "id-leak-xq"));
	free(v);
	/* a tag on a note on a link: that link's row */
	k = overview_filter(&f->r, all, n, NULL, "denial", &v);
	assert_int_equal(k, 2);
	assert_int_equal(v[0].kind, OV_ACCUSATION);
	assert_int_equal(v[1].claim, claim(f, "id-deny-xq"));
	free(v);
	assert_int_equal(overview_filter(&f->r, all, n, NULL, "none", &v), 0);
	free(v);
	/* both filters at once */
	char *pat = fold("officials");
	assert_int_equal(overview_filter(&f->r, all, n, pat, "safety", &v), 0);
	free(v);
	free(pat);
	free(all);
	/* through the keys: t in the overview */
	reader_do(&f->r, ACT_OVERVIEW);
	f->sc.prompt = "denial";
	reader_key(&f->r, 't');
	assert_int_equal(f->r.ov.n, 2);
	assert_string_equal(f->r.ov.tag, "denial");
	close_story(f);
}

static void test_plural_speakers(void **state)
{
	(void)state;
	assert_true(overview_plural("Volexity and Microsoft"));
	assert_true(overview_plural("US AND UK"));
	assert_true(overview_plural("NATO, EU, Australia, New Zealand, Japan"));
	assert_true(overview_plural("Smith & Wesson"));
	assert_true(overview_plural("the EU, and Japan"));
	assert_false(overview_plural("Microsoft"));
	assert_false(overview_plural("Zhao Lijian (China, Foreign Ministry)"));
	assert_false(overview_plural("United States (Biden and Harris administration)"));
	assert_false(overview_plural("Acme, Inc."));
	assert_false(overview_plural("Martin Luther King, Jr."));
	assert_false(overview_plural("AT&T"));
	assert_false(overview_plural("Johnson & Johnson"));
	assert_false(overview_plural("Andorra"));
	assert_false(overview_plural("Sandy Anderson"));
	assert_false(overview_plural("Microsoft,"));
	assert_false(overview_plural("and"));
	assert_false(overview_plural(""));
	assert_false(overview_plural(NULL));
	assert_string_equal(overview_accuse_verb("Volexity and Microsoft"), "accuse");
	assert_string_equal(overview_accuse_verb("NATO"), "accuses");
}

static void select_claim(struct reader *r, size_t c)
{
	size_t art = session_claim_art(r->s, c);
	assert_true(art != SIZE_MAX);
	int p = reader_pane_of_art(r, art);
	assert_true(p >= 0);
	reader_show_claim(r, p, c, -1);
	assert_int_equal(r->focus, p);
}

static bool note_has(struct fixture *f, const char *id, const char *tag)
{
	size_t n = annot_find_note(f->s.an, id);
	assert_true(n != ANNOT_NONE);
	return annot_has_tag(f->s.an->notes[n].tags, f->s.an->notes[n].ntags, tag);
}

static void test_tag_and_undo(void **state)
{
	(void)state;
	struct fixture *f = open_story(false);
	struct reader *r = &f->r;
	size_t safe = claim(f, "id-safe-xq");
	/* a curated claim without a note of yours: nothing to tag */
	select_claim(r, safe);
	f->sc.prompt = "later";
	reader_key(r, 't');
	assert_int_equal(f->sc.prompted, 0);
	assert_non_null(strstr(r->msg, "read-only"));
	/* your note on it: t tags the note, t again removes the tag */
	size_t n = personal_add_note(&f->s, "id-safe-xq", "check the plant");
	char *nid = xstrdup(f->s.an->notes[n].id);
	select_claim(r, claim(f, "id-safe-xq"));
	reader_key(r, 't');
	assert_int_equal(f->sc.prompted, 1);
	assert_true(note_has(f, nid, "later"));
	f->sc.prompt = "  second  "; /* trimmed */
	reader_key(r, 't');
	assert_true(note_has(f, nid, "second"));
	assert_true(note_has(f, nid, "later"));
	f->sc.prompt = "later";
	reader_key(r, 't');
	assert_false(note_has(f, nid, "later"));
	assert_true(note_has(f, nid, "second"));
	/* one u undoes one tag change */
	reader_do(r, ACT_UNDO);
	assert_true(note_has(f, nid, "later"));
	reader_do(r, ACT_UNDO);
	assert_false(note_has(f, nid, "second"));
	assert_true(note_has(f, nid, "later"));
	/* a tag the format refuses changes nothing */
	char big[ANNOT_MAX_TAG + 2];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	f->sc.prompt = big;
	select_claim(r, claim(f, "id-safe-xq"));
	reader_key(r, 't');
	assert_false(note_has(f, nid, big));
	assert_non_null(strstr(r->msg, "1 to 64 bytes"));
	/* your own claim (no note): t tags the claim itself, u undoes it */
	size_t art = session_claim_art(&f->s, claim(f, "id-leak-xq"));
	size_t mine = personal_add_claim(&f->s, art, 0, 5, KIND_CLAIM);
	assert_true(mine != ANNOT_NONE);
	char *cid = xstrdup(f->s.an->claims[mine].id);
	select_claim(r, mine);
	f->sc.prompt = "mine";
	reader_key(r, 't');
	size_t c = claim(f, cid);
	assert_true(annot_has_tag(f->s.an->claims[c].tags, f->s.an->claims[c].ntags, "mine"));
	reader_do(r, ACT_UNDO);
	c = claim(f, cid);
	assert_int_equal(f->s.an->claims[c].ntags, 0);
	assert_true(f->s.an->claims[c].how != ANCHOR_NONE); /* still anchored */
	free(cid);
	free(nid);
	close_story(f);
}

/* a note on the link just followed and on a whole article */
static char *io_edit(void *ctx, const char *title, const char *initial, const char *key,
		     const char *id)
{
	(void)ctx, (void)initial, (void)key, (void)id;
	assert_null(strstr(title, "-xq")); /* the title names no id */
	return xstrdup("noted");
}

static void test_link_and_article_notes(void **state)
{
	(void)state;
	struct fixture *f = open_story(false);
	struct reader *r = &f->r;
	r->io.edit_note = io_edit;
	select_claim(r, claim(f, "id-leak-xq"));
	reader_key(r, RK_ENTER);
	size_t l = annot_find_link(f->s.an, "id-link-xq");
	assert_int_equal(reader_followed_link(r), l);
	/* the curated note shows on follow, with the relation */
	assert_non_null(strstr(r->msg, "rebuts"));
	assert_non_null(strstr(r->msg, "the union disagrees"));
	f->sc.ask = 'l';
	reader_key(r, 'a');
	const size_t *notes;
	assert_int_equal(session_link_notes(&f->s, l, &notes), 1);
	assert_string_equal(f->s.an->notes[notes[0]].text, "noted");
	struct buf b = {0};
	assert_int_equal(reader_link_notes_text(r, l, &b), 2);
	assert_non_null(strstr(b.s, "the union disagrees"));
	assert_non_null(strstr(b.s, "noted"));
	buf_free(&b);
	/* any other key: the link is no longer the one a notes */
	reader_key(r, 'j');
	assert_int_equal(reader_followed_link(r), ANNOT_NONE);
	/* a on a link row of the overview: a note on that link, shown beside it */
	reader_key(r, 'c');
	assert_true(r->ov.open && !r->ov.articles);
	size_t row = 0;
	while (row < r->ov.n && r->ov.items[row].kind != OV_ANSWER)
		row++;
	assert_true(row < r->ov.n);
	r->ov.sel = row;
	reader_key(r, 'a');
	assert_true(r->ov.open);
	assert_int_equal(session_link_notes(&f->s, l, &notes), 2);
	assert_int_equal(r->ov.sel, row);
	char *txt = line(f, &r->ov.items[row]);
	assert_non_null(strstr(txt, "the union disagrees (+2)"));
	free(txt);
	/* a on a row without a link says so and writes nothing */
	r->ov.sel = 0;
	reader_key(r, 'a');
	assert_non_null(strstr(r->msg, "select a \u21b3 line"));
	assert_int_equal(session_link_notes(&f->s, l, &notes), 2);
	reader_key(r, 'c');
	assert_false(r->ov.open);
	/* a in the article list: a note on the article */
	reader_key(r, 'L');
	assert_true(r->ov.open && r->ov.articles);
	size_t art = r->ov.sel;
	reader_key(r, 'a');
	size_t a = f->s.annot_of[art];
	assert_int_equal(session_article_notes(&f->s, a, &notes), 1);
	assert_string_equal(f->s.an->notes[notes[0]].on, f->s.an->articles[a].id);
	close_story(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pair_is_listed),	   cmocka_unit_test(test_grouping),
	    cmocka_unit_test(test_search_filter),	   cmocka_unit_test(test_tag_filter),
	    cmocka_unit_test(test_plural_speakers),	   cmocka_unit_test(test_tag_and_undo),
	    cmocka_unit_test(test_link_and_article_notes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
