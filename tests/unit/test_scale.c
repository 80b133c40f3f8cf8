/* test_scale: the linear indexes give what the straightforward scans gave,
 * on the bundled story and on a generated 10 000-entry one
 * (tests/tools/genstory): annot_find_*, claims per article in reading
 * order, links and notes per claim, the claims overview and the
 * suggestions' link check (session_linked_ranges), each compared with a
 * naive reference written here. Also: a personal file of 20 000 notes saves
 * and reopens through the store. */
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
#include "crossread/persist/store.h"
#include "crossread/reader/session.h"
#include "crossread/base/util.h"

#define BUNDLED "annotations/microsoft-exchange-hack.yaml"

static char dir[256];

static const char *env_or(const char *name, const char *dflt)
{
	const char *v = getenv(name);
	return v && *v ? v : dflt;
}

/* a generated story of n entries in dir: its YAML path */
static char *gen_story(const char *name, unsigned n)
{
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "'%s/%s/tools/genstory' '%s' %s %u", env_or("ROOT", "."),
		 env_or("BUILD", "build"), dir, name, n);
	assert_int_equal(system(cmd), 0);
	char *path = xmalloc(512);
	snprintf(path, 512, "%s/%s.yaml", dir, name);
	return path;
}

static struct session *open_story(const char *yaml)
{
	char notes[512];
	snprintf(notes, sizeof notes, "%s/none.notes.yaml", dir);
	struct session *s = xcalloc(1, sizeof *s);
	char err[512];
	assert_int_equal(session_open(s, yaml, NULL, 0, notes, err, sizeof err), 0);
	session_load_all(s);
	assert_true(s->anchored);
	return s;
}

static void close_story(struct session *s)
{
	session_close(s);
	free(s);
}

/* ------------------------------------------------ naive references */

static size_t scan_claim(const struct annot *an, const char *id)
{
	for (size_t i = 0; id && i < an->nclaims; i++)
		if (!strcmp(an->claims[i].id, id))
			return i;
	return ANNOT_NONE;
}

static void check_find(const struct annot *an)
{
	for (size_t i = 0; i < an->nclaims; i++)
		assert_int_equal(annot_find_claim(an, an->claims[i].id),
				 scan_claim(an, an->claims[i].id));
	for (size_t i = 0; i < an->nlinks; i++) {
		size_t want = ANNOT_NONE;
		for (size_t j = 0; j < an->nlinks && want == ANNOT_NONE; j++)
			if (!strcmp(an->links[j].id, an->links[i].id))
				want = j;
		assert_int_equal(annot_find_link(an, an->links[i].id), want);
		assert_int_equal(an->links[i].from_i, scan_claim(an, an->links[i].from));
		assert_int_equal(an->links[i].to_i, scan_claim(an, an->links[i].to));
	}
	for (size_t i = 0; i < an->nnotes; i++) {
		size_t want = ANNOT_NONE;
		for (size_t j = 0; j < an->nnotes && want == ANNOT_NONE; j++)
			if (!strcmp(an->notes[j].id, an->notes[i].id))
				want = j;
		assert_int_equal(annot_find_note(an, an->notes[i].id), want);
	}
	for (size_t i = 0; i < an->narticles; i++)
		assert_int_equal(annot_find_article(an, an->articles[i].id), i);
	assert_int_equal(annot_find_claim(an, "no such claim"), ANNOT_NONE);
	assert_int_equal(annot_find_note(an, "no such note"), ANNOT_NONE);
}

/* claims per open article, by start (ends descending), every one once */
static void check_order(const struct session *s)
{
	const struct annot *an = s->an;
	for (size_t art = 0; art < s->narts; art++) {
		size_t want = 0;
		for (size_t c = 0; c < an->nclaims; c++)
			want += session_claim_art(s, c) == art;
		assert_int_equal(s->norder[art], want);
		for (size_t k = 0; k < s->norder[art]; k++) {
			const struct claim *x = &an->claims[s->order[art][k]];
			assert_int_equal(session_claim_art(s, s->order[art][k]), art);
			if (k) {
				const struct claim *p = &an->claims[s->order[art][k - 1]];
				assert_true(p->start < x->start ||
					    (p->start == x->start && p->end >= x->end));
			}
		}
	}
}

/* each claim's links and notes, in file order */
static void check_links_and_notes(const struct session *s)
{
	const struct annot *an = s->an;
	for (size_t c = 0; c < an->nclaims; c++) {
		size_t j = s->adj_start[c];
		for (size_t k = 0; k < an->nlinks; k++) {
			const struct link *l = &an->links[k];
			if (l->from_i == c || l->to_i == c) {
				assert_true(j < s->adj_start[c + 1]);
				assert_int_equal(s->adj_links[j++], k);
			}
		}
		assert_int_equal(j, s->adj_start[c + 1]);
		const size_t *notes;
		size_t nn = session_claim_notes(s, c, &notes), m = 0;
		for (size_t i = 0; i < an->nnotes; i++)
			if (an->notes[i].on && !strcmp(an->notes[i].on, an->claims[c].id)) {
				assert_true(m < nn);
				assert_int_equal(notes[m++], i);
			}
		assert_int_equal(m, nn);
	}
}

/* a link the overview lists: both ends resolved and distinct */
static bool ov_valid(const struct annot *an, const struct link *lk)
{
	return lk->from_i < an->nclaims && lk->to_i < an->nclaims && lk->from_i != lk->to_i;
}

/* the overview computed the slow way: every link per accusation (its
 * answers first), then every link without an accusation under its target */
static void check_overview(const struct session *s)
{
	const struct annot *an = s->an;
	struct ov_item *got;
	size_t ng = session_overview(s, &got), k = 0;
	for (int round = 0; round < 2; round++) {
		bool linked_heading = false;
		for (size_t art = 0; art <= s->narts; art++) {
			size_t count = art < s->narts ? s->norder[art] : an->nclaims;
			for (size_t i = 0; i < count; i++) {
				size_t c = art < s->narts ? s->order[art][i] : i;
				if (art == s->narts && session_claim_art(s, c) != SIZE_MAX)
					continue;
				bool acc = an->claims[c].kind == KIND_ACCUSATION;
				if (round == 0 && acc) {
					size_t head = k++;
					assert_true(head < ng);
					assert_int_equal(got[head].kind, OV_ACCUSATION);
					assert_int_equal(got[head].claim, c);
					bool answered = false;
					for (int pass = 0; pass < 2; pass++)
						for (size_t l = 0; l < an->nlinks; l++) {
							const struct link *lk = &an->links[l];
							if (!ov_valid(an, lk) ||
							    (lk->from_i != c && lk->to_i != c))
								continue;
							bool ans = lk->to_i == c &&
								   (lk->rel == REL_REBUTS ||
								    lk->rel == REL_COUNTERS);
							if (ans != (pass == 0))
								continue;
							answered |= ans;
							assert_true(k < ng);
							assert_int_equal(got[k].kind, OV_ANSWER);
							assert_int_equal(got[k].claim,
									 lk->from_i == c
									     ? lk->to_i
									     : lk->from_i);
							assert_int_equal(got[k].link, l);
							k++;
						}
					assert_int_equal(got[head].unanswered, !answered);
				} else if (round == 1 && !acc) {
					bool head = false;
					for (size_t l = 0; l < an->nlinks; l++) {
						const struct link *lk = &an->links[l];
						if (!ov_valid(an, lk) || lk->to_i != c ||
						    an->claims[lk->from_i].kind == KIND_ACCUSATION)
							continue;
						if (!linked_heading) {
							assert_int_equal(got[k++].kind,
									 OV_LINKED_HEADING);
							linked_heading = true;
						}
						if (!head) {
							assert_int_equal(got[k].kind, OV_LINKED);
							assert_int_equal(got[k++].claim, c);
							head = true;
						}
						assert_int_equal(got[k].kind, OV_ANSWER);
						assert_int_equal(got[k].claim, lk->from_i);
						assert_int_equal(got[k++].link, l);
					}
				}
			}
		}
	}
	bool heading = false;
	for (size_t c = 0; c < an->nclaims; c++) {
		if (an->claims[c].how != ANCHOR_NONE)
			continue;
		if (!heading) {
			assert_int_equal(got[k++].kind, OV_HEADING);
			heading = true;
		}
		assert_int_equal(got[k].kind, OV_ORPHAN);
		assert_int_equal(got[k++].claim, c);
	}
	assert_int_equal(k, ng);
	free(got);
}

static bool overlap(size_t a0, size_t a1, size_t b0, size_t b1)
{
	return a0 < b1 && b0 < a1;
}

/* the suggestions' check as it was: every link for every pair */
static bool naive_covered(const struct session *s, size_t aa, size_t a0, size_t a1, size_t ab,
			  size_t b0, size_t b1)
{
	for (size_t k = 0; k < s->an->nlinks; k++) {
		const struct link *l = &s->an->links[k];
		if (l->from_i == ANNOT_NONE || l->to_i == ANNOT_NONE)
			continue;
		size_t ends[2] = {l->from_i, l->to_i};
		for (int flip = 0; flip < 2; flip++) {
			size_t ca = ends[flip], cb = ends[1 - flip];
			if (session_claim_art(s, ca) != aa || session_claim_art(s, cb) != ab)
				continue;
			const struct claim *x = &s->an->claims[ca], *y = &s->an->claims[cb];
			if (overlap(x->start, x->end, a0, a1) && overlap(y->start, y->end, b0, b1))
				return true;
		}
	}
	return false;
}

/* ranges around claims of both articles, shifted so some miss, in both
 * directions; returns how many were covered (so the test sees both
 * answers) */
static size_t check_linked_ranges(const struct session *s, size_t stride)
{
	const struct annot *an = s->an;
	size_t yes = 0, no = 0;
	for (size_t i = 0; i < an->nclaims; i += stride)
		for (size_t j = i % 3; j < an->nclaims; j += stride * 7 + 1) {
			const struct claim *x = &an->claims[i], *y = &an->claims[j];
			size_t ax = session_claim_art(s, i), ay = session_claim_art(s, j);
			if (ax == SIZE_MAX || ay == SIZE_MAX)
				continue;
			for (int shift = 0; shift < 3; shift++) {
				size_t a0 = x->start + (size_t)shift * (x->end - x->start);
				size_t a1 = a0 + (x->end - x->start);
				bool want = naive_covered(s, ax, a0, a1, ay, y->start, y->end);
				assert_int_equal(
				    session_linked_ranges(s, ax, a0, a1, ay, y->start, y->end),
				    want);
				want ? yes++ : no++;
			}
			/* a link's own ends */
		}
	for (size_t k = 0; k < an->nlinks; k++) {
		const struct link *l = &an->links[k];
		size_t fa = session_claim_art(s, l->from_i), ta = session_claim_art(s, l->to_i);
		if (fa == SIZE_MAX || ta == SIZE_MAX)
			continue;
		const struct claim *x = &an->claims[l->from_i], *y = &an->claims[l->to_i];
		assert_true(session_linked_ranges(s, fa, x->start, x->end, ta, y->start, y->end));
		assert_true(session_linked_ranges(s, ta, y->start, y->end, fa, x->start, x->end));
		yes++;
	}
	assert_true(no > 0);
	return yes;
}

static void check_all(const struct session *s, size_t stride)
{
	check_find(s->an);
	check_order(s);
	check_links_and_notes(s);
	check_overview(s);
	assert_true(check_linked_ranges(s, stride) > 0);
}

static void test_bundled(void **state)
{
	(void)state;
	struct session *s = open_story(BUNDLED);
	check_all(s, 1);
	close_story(s);
}

static void test_generated_10k(void **state)
{
	(void)state;
	char *yaml = gen_story("s10k", 10000);
	struct session *s = open_story(yaml);
	const struct annot *an = s->an;
	assert_int_equal(an->nclaims + an->nlinks + an->nnotes, 10000);
	check_all(s, 37);
	/* notes appended one at a time, each indexed in place: the same
	 * index as a rebuild (the reference scan) */
	struct annot *m = s->an;
	for (unsigned i = 0; i < 50; i++) {
		GROW(m->notes, m->notes_cap, m->nnotes + 1);
		struct note *nt = &m->notes[m->nnotes++];
		memset(nt, 0, sizeof *nt);
		char id[32];
		snprintf(id, sizeof id, "added-%u", i);
		nt->id = xstrdup(id);
		/* on claims, some on a link (indexed nowhere) */
		nt->on = xstrdup(i % 5 == 4 ? m->links[i].id : m->claims[i * 61 % m->nclaims].id);
		nt->text = xstrdup("x");
		nt->created = xstrdup("2026-01-01T00:00:00Z");
		session_index_note(s, m->nnotes - 1);
	}
	check_links_and_notes(s);
	close_story(s);
	free(yaml);
}

/* a 100k-entry story loads (the node limit follows the file's size) */
static void test_generated_100k_loads(void **state)
{
	(void)state;
	char *yaml = gen_story("s100k", 100000);
	struct annot *an = NULL;
	struct diag_list d = {0};
	assert_int_equal(annot_load(&an, yaml, LAYER_CURATED, &d), 0);
	assert_int_equal(d.errors, 0);
	assert_int_equal(an->nclaims + an->nlinks + an->nnotes, 100000);
	/* a sample against the scan (all of them would be quadratic) */
	for (size_t i = 0; i < an->nclaims; i += 997)
		assert_int_equal(annot_find_claim(an, an->claims[i].id),
				 scan_claim(an, an->claims[i].id));
	for (size_t i = 0; i < an->nlinks; i++)
		assert_int_equal(an->links[i].to_i, annot_find_claim(an, an->links[i].to));
	annot_free(an);
	diag_free(&d);
	free(yaml);
}

/* 20 000 personal notes: saved, reopened, all there */
static void test_personal_20k_notes(void **state)
{
	(void)state;
	char *yaml = gen_story("s20k", 10000);
	char path[512];
	snprintf(path, sizeof path, "%s/s20k.notes.yaml", dir);
	unlink(path);
	struct annot *an = NULL;
	struct diag_list d = {0};
	assert_int_equal(annot_load(&an, yaml, LAYER_CURATED, &d), 0);
	int rc;
	struct store *st = store_open(path, &an, &d, &rc);
	assert_int_equal(rc, 0);
	size_t before = an->nnotes;
	char text[64];
	/* written into the model directly: store_add_note() picks ids by
	 * trying "note-TIME-2", "-3", ... so 20 000 notes in one second would
	 * cost it 2e8 lookups */
	for (unsigned i = 0; i < 20000; i++) {
		GROW(an->notes, an->notes_cap, an->nnotes + 1);
		struct note *nt = &an->notes[an->nnotes++];
		memset(nt, 0, sizeof *nt);
		snprintf(text, sizeof text, "pn-%u", i);
		nt->id = xstrdup(text);
		nt->on = xstrdup(an->claims[i % an->nclaims].id);
		snprintf(text, sizeof text, "personal note %u", i);
		nt->text = xstrdup(text);
		nt->created = xstrdup("2026-01-01T00:00:00Z");
		nt->layer = LAYER_PERSONAL;
	}
	store_touch(st);
	enum store_result r = store_save(st, an, &d);
	if (r != STORE_SAVED)
		fprintf(stderr, "store: %s\n", store_message(st));
	assert_int_equal(r, STORE_SAVED);
	store_free(st);
	annot_free(an);
	an = NULL;
	assert_int_equal(annot_load(&an, yaml, LAYER_CURATED, &d), 0);
	st = store_open(path, &an, &d, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(an->nnotes, before + 20000);
	size_t personal = 0;
	for (size_t i = 0; i < an->nnotes; i++)
		if (an->notes[i].layer == LAYER_PERSONAL) {
			snprintf(text, sizeof text, "personal note %zu", personal++);
			assert_string_equal(an->notes[i].text, text);
		}
	assert_int_equal(personal, 20000);
	store_free(st);
	annot_free(an);
	diag_free(&d);
	unlink(path);
	free(yaml);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "%s/crossread-test-scale-XXXXXX", env_or("TMPDIR", "/tmp"));
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bundled),
	    cmocka_unit_test(test_generated_10k),
	    cmocka_unit_test(test_generated_100k_loads),
	    cmocka_unit_test(test_personal_20k_notes),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
