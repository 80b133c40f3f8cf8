/* test_story: the story logic without a terminal, on the two test stories
 * (tests/data/story3, story5): `same` groups and their outlet counts, what
 * only one outlet reports, answers across articles, the article list's
 * figures, partner stepping order, pair marks across all the articles and
 * scroll-lock alignment over the real layout; a story over the limit. */
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
#include "crossread/base/util.h"
#include "crossread/cli/check.h"
#include "crossread/doc/article.h"
#include "crossread/reader/session.h"
#include "crossread/reader/story.h"
#include "crossread/view/layout.h"

#define STORY5 "tests/data/story5/story.yaml"
#define STORY3 "tests/data/story3/story.yaml"

struct fixture {
	struct session s;
	struct story st;
};

static char notes[256];

static struct fixture *open_story(const char *path)
{
	snprintf(notes, sizeof notes, "/tmp/crossread-test-story-%ld.notes.yaml", (long)getpid());
	unlink(notes);
	struct fixture *f = xcalloc(1, sizeof *f);
	char err[512];
	if (session_open(&f->s, path, NULL, 0, notes, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		free(f);
		return NULL;
	}
	session_load_all(&f->s);
	story_build(&f->st, &f->s);
	return f;
}

static int setup5(void **state)
{
	*state = open_story(STORY5);
	return *state ? 0 : -1;
}

static int setup3(void **state)
{
	*state = open_story(STORY3);
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	story_free(&f->st);
	session_close(&f->s);
	free(f);
	unlink(notes);
	return 0;
}

static size_t claim(const struct session *s, const char *id)
{
	size_t c = annot_find_claim(s->an, id);
	if (c == ANNOT_NONE)
		fail_msg("no claim %s", id);
	return c;
}

static const char *id_of(const struct session *s, size_t c)
{
	return c < s->an->nclaims ? s->an->claims[c].id : "(none)";
}

/* ids of a list of claims, joined by spaces, to compare in one assert */
static char *ids(const struct session *s, const size_t *cs, size_t n)
{
	struct buf b = {0};
	buf_adds(&b, "");
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? " " : "", id_of(s, cs[i]));
	return buf_detach(&b);
}

static void assert_ids(const struct session *s, const size_t *cs, size_t n, const char *want)
{
	char *got = ids(s, cs, n);
	assert_string_equal(got, want);
	free(got);
}

static char *link_sources(const struct session *s, const size_t *links, size_t n)
{
	size_t *from = xcalloc(n ? n : 1, sizeof *from);
	for (size_t i = 0; i < n; i++)
		from[i] = s->an->links[links[i]].from_i;
	char *r = ids(s, from, n);
	free(from);
	return r;
}

static void assert_sources(const struct session *s, const size_t *links, size_t n, const char *want)
{
	char *got = link_sources(s, links, n);
	assert_string_equal(got, want);
	free(got);
}

static void test_five_open(void **state)
{
	struct fixture *f = *state;
	struct session *s = &f->s;
	assert_int_equal(s->narts, 5);
	assert_int_equal(f->st.narts, 5);
	/* every claim is placed in one of the five */
	size_t total = 0;
	for (size_t a = 0; a < s->narts; a++)
		total += s->norder[a];
	assert_int_equal(total, s->an->nclaims);
}

static void test_five_article_list(void **state)
{
	struct fixture *f = *state;
	struct session *s = &f->s;
	static const struct {
		const char *outlet, *date;
		size_t nclaims, naccusations, nunanswered;
	} want[] = {
	    {"Meridian Press", "2026-11-14", 9, 1, 1},
	    {"Northline Radio", "2026-11-14", 7, 1, 0},
	    {"The Brennmoor Courier", "2026-11-15", 9, 1, 0},
	    {"Dockside Notes", "2026-11-15", 6, 1, 0},
	    {"Brennmoor District Emergency Authority", "2026-11-15", 11, 1, 1},
	};
	for (size_t a = 0; a < 5; a++) {
		const struct story_article *sa = &f->st.arts[a];
		assert_string_equal(sa->outlet, want[a].outlet);
		assert_string_equal(sa->date, want[a].date);
		assert_string_equal(sa->title, s->arts[a]->title);
		assert_int_equal(sa->nclaims, want[a].nclaims);
		assert_int_equal(sa->naccusations, want[a].naccusations);
		assert_int_equal(sa->nunanswered, want[a].nunanswered);
		assert_int_equal(sa->norphans, 0);
		/* the same figures counted from the file */
		size_t n = 0, acc = 0;
		for (size_t c = 0; c < s->an->nclaims; c++)
			if (s->an->claims[c].art == s->annot_of[a]) {
				n++;
				acc += s->an->claims[c].kind == KIND_ACCUSATION;
			}
		assert_int_equal(sa->nclaims, n);
		assert_int_equal(sa->naccusations, acc);
	}
	assert_string_equal(f->st.arts[0].title,
			    "Fire at fertiliser depot forces evacuation in Brennmoor");
}

static void test_five_groups(void **state)
{
	struct fixture *f = *state;
	struct session *s = &f->s;
	const struct story *st = &f->st;
	assert_int_equal(st->ngroups, 7);
	static const struct {
		size_t noutlets;
		const char *claims;
	} want[] = {
	    {5, "wire-start radio-start courier-start blog-start authority-start"},
	    {4, "wire-no-deaths courier-no-deaths blog-no-deaths authority-no-deaths"},
	    {4, "wire-firefighters radio-firefighters courier-firefighters authority-firefighters"},
	    {3, "wire-cause radio-cause authority-cause"},
	    {3, "radio-schools courier-schools authority-schools"},
	    {2, "wire-300-tonnes courier-300-tonnes"},
	    {2, "wire-1200 authority-1200"},
	};
	for (size_t g = 0; g < st->ngroups; g++) {
		assert_int_equal(st->groups[g].noutlets, want[g].noutlets);
		assert_ids(s, st->groups[g].claims, st->groups[g].nclaims, want[g].claims);
		for (size_t j = 0; j < st->groups[g].nclaims; j++)
			assert_int_equal(story_group_of(st, st->groups[g].claims[j]), g);
	}
	/* most outlets first */
	for (size_t g = 1; g < st->ngroups; g++)
		assert_true(st->groups[g - 1].noutlets >= st->groups[g].noutlets);
	assert_int_equal(story_group_of(st, claim(s, "wire-councillor")), ANNOT_NONE);
}

/* claim c has a `same` link to a claim of another article (read from the
 * links, not from the story) */
static bool has_same_elsewhere(const struct session *s, size_t c)
{
	for (size_t i = 0; i < s->an->nlinks; i++) {
		const struct link *l = &s->an->links[i];
		if (l->rel != REL_SAME || (l->from_i != c && l->to_i != c))
			continue;
		size_t o = l->from_i == c ? l->to_i : l->from_i;
		if (session_claim_art(s, o) != session_claim_art(s, c))
			return true;
	}
	return false;
}

static void test_five_single_outlet(void **state)
{
	struct fixture *f = *state;
	struct session *s = &f->s;
	const struct story *st = &f->st;
	static const char *want[] = {
	    "wire-inspections-passed wire-14-depots wire-councillor",
	    "radio-breathing radio-signage radio-river",
	    "courier-nobody-came courier-4000 courier-ignored-warnings courier-fined-2019",
	    "blog-sirens blog-three-hours blog-union blog-ash",
	    "authority-order authority-38-tonnes authority-breathing authority-social-media "
	    "authority-helpline",
	};
	for (size_t a = 0; a < 5; a++) {
		assert_ids(s, st->solo[a], st->nsolo[a], want[a]);
		/* and exactly the claims with no `same` link to another article */
		size_t n = 0;
		for (size_t k = 0; k < s->norder[a]; k++)
			n += !has_same_elsewhere(s, s->order[a][k]);
		assert_int_equal(st->nsolo[a], n);
		for (size_t i = 0; i < st->nsolo[a]; i++)
			assert_false(has_same_elsewhere(s, st->solo[a][i]));
	}
}

static void test_five_answers(void **state)
{
	struct fixture *f = *state;
	struct session *s = &f->s;
	const struct story *st = &f->st;
	static const struct {
		const char *claim;
		bool accusation;
		const char *answers, *backers;
	} want[] = {
	    {"wire-councillor", true, "", ""},
	    {"radio-breathing", true, "authority-breathing", "blog-union"},
	    {"courier-ignored-warnings", true, "wire-inspections-passed radio-signage", ""},
	    {"blog-three-hours", true, "authority-order authority-social-media",
	     "courier-nobody-came"},
	    {"authority-social-media", true, "", ""},
	    {"wire-300-tonnes", false, "authority-38-tonnes", ""},
	    {"wire-1200", false, "courier-4000", ""},
	};
	assert_int_equal(st->ndisputes, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < st->ndisputes; i++) {
		const struct story_dispute *d = &st->disputes[i];
		assert_string_equal(id_of(s, d->claim), want[i].claim);
		assert_int_equal(d->accusation, want[i].accusation);
		assert_sources(s, d->answers, d->nanswers, want[i].answers);
		assert_sources(s, d->backers, d->nbackers, want[i].backers);
		assert_int_equal(story_dispute_of(st, d->claim), i);
	}
	/* the counter-accusation answers as `counters` */
	const struct story_dispute *blog = &st->disputes[3];
	assert_int_equal(s->an->links[blog->answers[1]].rel, REL_COUNTERS);
	assert_int_equal(s->an->links[blog->answers[0]].rel, REL_REBUTS);
	/* both 300-tonne claims are one dispute, answered once */
	assert_int_equal(story_dispute_of(st, claim(s, "courier-300-tonnes")), 5);
}

static char *partner_ids(const struct session *s, const struct story_partner *p, size_t n)
{
	size_t *cs = xcalloc(n ? n : 1, sizeof *cs);
	for (size_t i = 0; i < n; i++)
		cs[i] = p[i].claim;
	char *r = ids(s, cs, n);
	free(cs);
	return r;
}

static void test_five_partner_order(void **state)
{
	struct fixture *f = *state;
	struct session *s = &f->s;
	struct story_partner *p;
	size_t n = story_partners(&f->st, s, claim(s, "wire-start"), &p);
	char *got = partner_ids(s, p, n);
	assert_string_equal(got, "radio-start courier-start blog-start authority-start");
	free(got);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(p[i].art, i + 1);
		assert_int_not_equal(p[i].link, ANNOT_NONE);
	}
	free(p);
	/* direct links and the rest of the group, by article */
	n = story_partners(&f->st, s, claim(s, "courier-no-deaths"), &p);
	got = partner_ids(s, p, n);
	assert_string_equal(got, "wire-no-deaths blog-no-deaths authority-no-deaths");
	free(got);
	assert_int_not_equal(p[0].link, ANNOT_NONE);
	assert_int_not_equal(p[1].link, ANNOT_NONE);
	assert_int_equal(p[2].link, ANNOT_NONE); /* reached through wire's */
	free(p);
	/* partners in two other articles, by position within one */
	n = story_partners(&f->st, s, claim(s, "blog-three-hours"), &p);
	got = partner_ids(s, p, n);
	assert_string_equal(got, "courier-nobody-came authority-order authority-social-media");
	free(got);
	assert_int_equal(p[0].art, 2);
	assert_int_equal(p[1].art, 4);
	assert_true(s->an->claims[p[1].claim].start < s->an->claims[p[2].claim].start);
	free(p);
	n = story_partners(&f->st, s, claim(s, "wire-14-depots"), &p);
	assert_int_equal(n, 0);
	assert_null(p);
}

/* marks: claims joined by cross-article links share one number, all over
 * the story, and different groups have different numbers */
static void test_five_pair_marks(void **state)
{
	struct fixture *f = *state;
	struct session *s = &f->s;
	const struct annot *an = s->an;
	size_t n = an->nclaims;
	/* components by repeated relaxation: small and obviously right */
	size_t *lab = xcalloc(n, sizeof *lab);
	for (size_t c = 0; c < n; c++)
		lab[c] = c;
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t i = 0; i < an->nlinks; i++) {
			const struct link *l = &an->links[i];
			if (session_claim_art(s, l->from_i) == session_claim_art(s, l->to_i))
				continue;
			size_t m = lab[l->from_i] < lab[l->to_i] ? lab[l->from_i] : lab[l->to_i];
			if (lab[l->from_i] != m || lab[l->to_i] != m) {
				lab[l->from_i] = lab[l->to_i] = m;
				changed = true;
			}
		}
	}
	for (size_t i = 0; i < an->nlinks; i++)
		assert_int_not_equal(session_pair_mark(s, an->links[i].from_i), 0);
	for (size_t x = 0; x < n; x++)
		for (size_t y = 0; y < n; y++) {
			unsigned mx = session_pair_mark(s, x), my = session_pair_mark(s, y);
			if (mx && my)
				assert_int_equal(mx == my, lab[x] == lab[y]);
		}
	unsigned m = session_pair_mark(s, claim(s, "wire-start"));
	assert_int_equal(session_pair_mark(s, claim(s, "authority-start")), m);
	assert_int_equal(session_pair_mark(s, claim(s, "blog-start")), m);
	assert_int_not_equal(session_pair_mark(s, claim(s, "blog-no-deaths")), m);
	assert_int_equal(session_pair_mark(s, claim(s, "wire-14-depots")), 0);
	free(lab);
}

/* rows from the real layout, counted from an article's first row */
struct rows_ctx {
	struct layout *lay[SESSION_MAX_ARTICLES];
	size_t *cum[SESSION_MAX_ARTICLES]; /* rows before each line */
	size_t nlines[SESSION_MAX_ARTICLES];
	size_t calls;
};

static size_t rc_row_of(void *ctx, size_t art, size_t off)
{
	struct rows_ctx *r = ctx;
	r->calls++;
	struct lpos p = layout_pos_of(r->lay[art], off);
	return r->cum[art][p.line] + p.row;
}

static size_t rc_nrows(void *ctx, size_t art)
{
	struct rows_ctx *r = ctx;
	return r->cum[art][r->nlines[art]];
}

static size_t rc_offset_of(void *ctx, size_t art, size_t row)
{
	struct rows_ctx *r = ctx;
	size_t lo = 0, hi = r->nlines[art];
	while (lo + 1 < hi) { /* the last line starting at or before row */
		size_t mid = lo + (hi - lo) / 2;
		if (r->cum[art][mid] <= row)
			lo = mid;
		else
			hi = mid;
	}
	struct lpos p = {lo, row - r->cum[art][lo]};
	return layout_offset_of(r->lay[art], p);
}

static void rows_init(struct rows_ctx *r, struct session *s, int width)
{
	memset(r, 0, sizeof *r);
	for (size_t a = 0; a < s->narts; a++) {
		r->lay[a] = layout_new(s->arts[a], width);
		r->nlines[a] = s->arts[a]->nlines;
		r->cum[a] = xcalloc(r->nlines[a] + 1, sizeof *r->cum[a]);
		for (size_t l = 0; l < r->nlines[a]; l++)
			r->cum[a][l + 1] = r->cum[a][l] + layout_rows(r->lay[a], l);
	}
}

static void rows_free(struct rows_ctx *r, size_t n)
{
	for (size_t a = 0; a < n; a++) {
		layout_free(r->lay[a]);
		free(r->cum[a]);
	}
}

static void check_lock(struct fixture *f, size_t a, size_t b, size_t ref, size_t min_pairs)
{
	struct session *s = &f->s;
	struct rows_ctx rc;
	rows_init(&rc, s, 48);
	struct story_rows rows = {rc_row_of, rc_offset_of, rc_nrows, &rc};
	struct story_pair *pr;
	size_t np = story_lock_pairs(&f->st, s, a, b, &pr);
	assert_true(np >= min_pairs);
	for (size_t i = 1; i < np; i++) {
		assert_true(pr[i - 1].off_a <= pr[i].off_a);
		assert_true(pr[i - 1].off_b <= pr[i].off_b);
	}
	size_t na = rc_nrows(&rc, a), nb = rc_nrows(&rc, b);
	/* monotonic, and clamped to b's rows, for every top row of a */
	size_t prev = 0;
	for (size_t t = 0; t < na; t++) {
		size_t off = story_lock_top(pr, np, a, rc_offset_of(&rc, a, t), b, ref, &rows);
		size_t tb = rc_row_of(&rc, b, off);
		assert_true(tb >= prev);
		assert_true(tb < nb);
		prev = tb;
	}
	/* the ends: a at its top puts b at its top, a at its last row b at its last */
	size_t top0 = story_lock_top(pr, np, a, 0, b, ref, &rows);
	assert_int_equal(rc_row_of(&rc, b, top0), 0);
	size_t topn = story_lock_top(pr, np, a, rc_offset_of(&rc, a, na - 1), b, ref, &rows);
	assert_int_equal(rc_row_of(&rc, b, topn), nb - 1);
	/* each pair crossing the reference row is on one row in both panes */
	size_t aligned = 0;
	for (size_t i = 0; i < np; i++) {
		size_t ra = rc_row_of(&rc, a, pr[i].off_a), rb = rc_row_of(&rc, b, pr[i].off_b);
		if (ra <= ref || rb <= ref)
			continue; /* too near the top to stand at the reference row */
		if (i + 1 < np && rc_row_of(&rc, a, pr[i + 1].off_a) == ra)
			continue; /* claims on one row of a: the last of them lines up */
		size_t off =
		    story_lock_top(pr, np, a, rc_offset_of(&rc, a, ra - ref), b, ref, &rows);
		assert_int_equal(rc_row_of(&rc, b, off) + ref, rb);
		aligned++;
	}
	assert_true(aligned >= min_pairs / 2);
	/* between two pairs b moves in proportion */
	size_t between = 0;
	for (size_t i = 1; i < np; i++) {
		size_t ra0 = rc_row_of(&rc, a, pr[i - 1].off_a),
		       ra1 = rc_row_of(&rc, a, pr[i].off_a);
		size_t rb0 = rc_row_of(&rc, b, pr[i - 1].off_b),
		       rb1 = rc_row_of(&rc, b, pr[i].off_b);
		if (ra0 <= ref || rb0 <= ref || ra1 < ra0 + 2)
			continue;
		size_t x = ra0 + (ra1 - ra0) / 2;
		size_t off =
		    story_lock_top(pr, np, a, rc_offset_of(&rc, a, x - ref), b, ref, &rows);
		size_t want = rb0 + (x - ra0) * (rb1 - rb0) / (ra1 - ra0);
		assert_int_equal(rc_row_of(&rc, b, off) + ref, want);
		between++;
	}
	assert_true(between >= 1);
	/* the cost of one alignment: two binary searches (each step one or
	 * two rows), not a walk of the pairs */
	size_t bits = 1;
	while (((size_t)1 << bits) <= np)
		bits++;
	for (size_t t = 0; t < na; t += na / 7 + 1) {
		rc.calls = 0;
		story_lock_top(pr, np, a, rc_offset_of(&rc, a, t), b, ref, &rows);
		assert_true(rc.calls <= 3 * bits + 5);
	}
	free(pr);
	rows_free(&rc, s->narts);
}

static void test_five_scroll_lock(void **state)
{
	struct fixture *f = *state;
	check_lock(f, 0, 4, 6, 5); /* wire against the authority */
	check_lock(f, 4, 0, 6, 5); /* and the other way */
	check_lock(f, 1, 2, 3, 2); /* radio against the local paper */
}

static void test_lock_pairs_drop_crossings(void **state)
{
	struct fixture *f = *state;
	struct session *s = &f->s;
	/* wire and the authority: the 38 tonnes answer the 300 and the
	 * authority's 1,200 matches the wire's, but in the other order in
	 * the two texts; the chain keeps one of the crossing pairs */
	struct story_pair *pr;
	size_t np = story_lock_pairs(&f->st, s, 0, 4, &pr);
	size_t links = 0;
	for (size_t i = 0; i < s->an->nlinks; i++) {
		const struct link *l = &s->an->links[i];
		size_t fa = session_claim_art(s, l->from_i), ta = session_claim_art(s, l->to_i);
		links += (fa == 0 && ta == 4) || (fa == 4 && ta == 0);
	}
	/* the direct links and the cause (joined through the radio's), less
	 * one of the crossing pair */
	assert_int_equal(np, links);
	size_t w300 = s->an->claims[claim(s, "wire-300-tonnes")].start;
	size_t w1200 = s->an->claims[claim(s, "wire-1200")].start;
	size_t kept = 0;
	for (size_t i = 0; i < np; i++)
		kept += pr[i].off_a == w300 || pr[i].off_a == w1200;
	assert_int_equal(kept, 1);
	free(pr);
	assert_int_equal(story_lock_pairs(&f->st, s, 0, 0, &pr), 0);
	assert_int_equal(story_lock_pairs(&f->st, s, 0, 99, &pr), 0);
}

static void test_three(void **state)
{
	struct fixture *f = *state;
	struct session *s = &f->s;
	const struct story *st = &f->st;
	assert_int_equal(s->narts, 3);
	assert_int_equal(st->ngroups, 6);
	static const struct {
		size_t noutlets;
		const char *claims;
	} want[] = {
	    {3, "wire-start herald-start union-start"},
	    {3, "wire-1100 herald-1100 union-1100"},
	    {3, "wire-automation herald-automation union-automation"},
	    {2, "wire-pay union-pay"},
	    {2, "wire-offer union-offer"},
	    {2, "herald-2023 union-2023"},
	};
	for (size_t g = 0; g < st->ngroups; g++) {
		assert_int_equal(st->groups[g].noutlets, want[g].noutlets);
		assert_ids(s, st->groups[g].claims, st->groups[g].nclaims, want[g].claims);
	}
	/* an accusation carried by three outlets is one, with every answer */
	const struct story_dispute *d = &st->disputes[0];
	assert_string_equal(id_of(s, d->claim), "wire-automation");
	assert_int_equal(d->group, 2);
	assert_sources(s, d->answers, d->nanswers, "wire-no-job-losses wire-hostage");
	assert_string_equal(id_of(s, st->disputes[1].claim), "wire-hostage");
	assert_int_equal(st->disputes[1].nanswers, 0);
	assert_string_equal(id_of(s, st->disputes[2].claim), "herald-2023");
	assert_sources(s, st->disputes[2].answers, st->disputes[2].nanswers, "herald-honoured");
	assert_false(st->disputes[3].accusation);
	assert_sources(s, st->disputes[3].answers, st->disputes[3].nanswers, "wire-600");
	assert_int_equal(st->ndisputes, 4);
	assert_sources(s, d->backers, d->nbackers, "");
	/* the herald's accusations are answered in the wire and by the union's
	 * group: none is left unanswered there */
	assert_int_equal(st->arts[0].nunanswered, 1);
	assert_int_equal(st->arts[1].naccusations, 2);
	assert_int_equal(st->arts[1].nunanswered, 0);
	assert_int_equal(st->arts[2].nunanswered, 0);
	assert_ids(s, st->solo[1], st->nsolo[1], "herald-honoured herald-hamburg herald-petition");
	assert_ids(s, st->solo[2], st->nsolo[2], "union-medical");
	check_lock(f, 0, 1, 4, 2);
	check_lock(f, 2, 0, 4, 2);
}

/* a story longer than the limit is refused, by the reader and by check */
static void test_too_many_articles(void **state)
{
	(void)state;
	char dir[] = "/tmp/crossread-test-story-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[512], art[512];
	snprintf(art, sizeof art, "%s/a.md", dir);
	FILE *fp = fopen(art, "w");
	assert_non_null(fp);
	fputs("---\ntitle: a\n---\nSome text.\n", fp);
	fclose(fp);
	snprintf(path, sizeof path, "%s/big.yaml", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("version: 1\narticles:\n", fp);
	for (int i = 0; i <= SESSION_MAX_ARTICLES; i++)
		fprintf(fp, "  - id: a%d\n    path: a.md\n", i);
	fclose(fp);
	struct session s;
	char err[512], notesp[600];
	snprintf(notesp, sizeof notesp, "%s/n.notes.yaml", dir);
	assert_int_equal(session_open(&s, path, NULL, 0, notesp, err, sizeof err), 2);
	assert_non_null(strstr(err, "17 articles (at most 16 can be opened)"));
	session_close(&s);
	char outp[600];
	snprintf(outp, sizeof outp, "%s/out", dir);
	FILE *out = fopen(outp, "w+");
	assert_non_null(out);
	assert_int_equal(check_run(path, out), 1);
	rewind(out);
	char line[1024];
	assert_non_null(fgets(line, sizeof line, out));
	assert_non_null(strstr(line, "big.yaml:35:5: error: article \"a16\": 17 articles, the "
				     "reader opens at most 16"));
	fclose(out);
	unlink(outp);
	unlink(path);
	unlink(art);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest five[] = {
	    cmocka_unit_test(test_five_open),
	    cmocka_unit_test(test_five_article_list),
	    cmocka_unit_test(test_five_groups),
	    cmocka_unit_test(test_five_single_outlet),
	    cmocka_unit_test(test_five_answers),
	    cmocka_unit_test(test_five_partner_order),
	    cmocka_unit_test(test_five_pair_marks),
	    cmocka_unit_test(test_five_scroll_lock),
	    cmocka_unit_test(test_lock_pairs_drop_crossings),
	};
	const struct CMUnitTest three[] = {
	    cmocka_unit_test_setup_teardown(test_three, setup3, teardown),
	    cmocka_unit_test(test_too_many_articles),
	};
	int rc = cmocka_run_group_tests_name("story5", five, setup5, teardown);
	return rc | cmocka_run_group_tests_name("story3", three, NULL, NULL);
}
