/* test_reader: the reader layer without a terminal: every action of the
 * table driven through reader_do / reader_key on the bundled articles, the
 * questions (prompt, ask, note editor) answered by a scripted reader_io. */
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
#include "crossread/doc/article.h"
#include "crossread/reader/actions.h"
#include "crossread/reader/personal.h"
#include "crossread/reader/reader.h"
#include "crossread/reader/session.h"

#define BUNDLED "annotations/microsoft-exchange-hack.yaml"

/* scripted answers: what the next prompt, ask and editor return */
struct script {
	const char *prompt;
	int ask;
	const char *note;
	int asked, edited, prompted, progress;
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
	sc->asked++;
	assert_non_null(strchr(choices, sc->ask ? sc->ask : choices[0]));
	return sc->ask;
}

static char *io_edit(void *ctx, const char *title, const char *initial, const char *key,
		     const char *id)
{
	struct script *sc = ctx;
	(void)title, (void)initial, (void)key, (void)id;
	sc->edited++;
	return sc->note ? xstrdup(sc->note) : NULL;
}

static char *io_external(void *ctx, const char *initial)
{
	return io_edit(ctx, NULL, initial, NULL, NULL);
}

static bool io_progress(void *ctx)
{
	((struct script *)ctx)->progress++;
	return false;
}

struct fixture {
	struct session s;
	struct keymap keys;
	struct reader r;
	struct script sc;
	char notes[256];
};

static int open_fixture(void **state, bool load)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	snprintf(f->notes, sizeof f->notes, "/tmp/crossread-test-reader-%ld.notes.yaml",
		 (long)getpid());
	unlink(f->notes);
	char err[512];
	if (session_open(&f->s, BUNDLED, NULL, 0, f->notes, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	if (load)
		session_load_all(&f->s);
	keymap_defaults(&f->keys);
	struct reader_io io = {&f->sc, io_prompt, io_ask, io_edit, io_external, io_progress, NULL};
	reader_init(&f->r, &f->s, &f->keys, &io);
	/* the geometry a 100x30 terminal gives */
	f->r.body = 28;
	for (int p = 0; p < 2; p++)
		f->r.pane[p].textw = 45;
	reader_relayout(&f->r);
	*state = f;
	return 0;
}

static int setup(void **state)
{
	return open_fixture(state, true);
}

/* as the reader starts: the articles still loading, no claim placed yet */
static int setup_loading(void **state)
{
	return open_fixture(state, false);
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	reader_free(&f->r);
	keymap_free(&f->keys);
	session_close(&f->s);
	unlink(f->notes);
	char j[300];
	snprintf(j, sizeof j, "/tmp/crossread-test-reader-%ld.notes.journal", (long)getpid());
	unlink(j);
	free(f);
	return 0;
}

static size_t top_of(struct reader *r, int p)
{
	return layout_offset_of(r->pane[p].lay, r->pane[p].top);
}

static int cursor_row(struct reader *r, int p)
{
	return reader_row_on_screen(r, p, r->pane[p].cur);
}

static void test_scrolling(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	/* j moves the cursor; the view stays while the cursor is on screen */
	assert_int_equal(reader_do(r, ACT_LINE_DOWN), READER_REDRAW_PANE(0));
	assert_int_equal(top_of(r, 0), 0);
	assert_int_equal(cursor_row(r, 0), 1);
	for (int i = 1; i < r->body - 1; i++)
		reader_do(r, ACT_LINE_DOWN);
	assert_int_equal(top_of(r, 0), 0);
	assert_int_equal(cursor_row(r, 0), r->body - 1);
	/* ... and follows it off the last row */
	reader_do(r, ACT_LINE_DOWN);
	size_t one = top_of(r, 0);
	assert_true(one > 0);
	assert_int_equal(cursor_row(r, 0), r->body - 1);
	/* k up to the top row and past it: the view follows up */
	for (int i = 0; i < r->body; i++)
		reader_do(r, ACT_LINE_UP);
	assert_int_equal(top_of(r, 0), 0);
	assert_int_equal(cursor_row(r, 0), 0);
	/* Ctrl-E scrolls without moving the cursor, until it would leave the
	 * screen: then it is dragged onto the top row */
	reader_do(r, ACT_LINE_DOWN);
	reader_do(r, ACT_LINE_DOWN);
	size_t cur = r->pane[0].cur;
	reader_do(r, ACT_SCROLL_DOWN);
	assert_int_equal(top_of(r, 0), one);
	assert_int_equal(r->pane[0].cur, cur);
	assert_int_equal(cursor_row(r, 0), 1);
	reader_do(r, ACT_SCROLL_DOWN);
	reader_do(r, ACT_SCROLL_DOWN);
	assert_int_equal(cursor_row(r, 0), 0);
	assert_true(r->pane[0].cur > cur);
	reader_do(r, ACT_SCROLL_UP);
	assert_int_equal(cursor_row(r, 0), 1); /* the cursor stays on its text */
	reader_do(r, ACT_TOP);
	assert_int_equal(r->pane[0].cur, 0);
	reader_do(r, ACT_PAGE_DOWN);
	size_t page = top_of(r, 0);
	assert_true(page > one);
	assert_true(cursor_row(r, 0) >= 0); /* the cursor came along */
	assert_true(r->pane[0].cur >= page);
	reader_do(r, ACT_HALF_UP);
	assert_true(top_of(r, 0) < page && top_of(r, 0) > 0);
	assert_true(cursor_row(r, 0) >= 0);
	reader_do(r, ACT_HALF_DOWN);
	reader_do(r, ACT_PAGE_UP);
	assert_int_equal(top_of(r, 0), 0);
	reader_do(r, ACT_BOTTOM);
	size_t bottom = top_of(r, 0);
	assert_true(bottom > page);
	assert_int_equal(cursor_row(r, 0), r->body - 1); /* on the last row */
	reader_do(r, ACT_LINE_DOWN);			 /* the page stays full */
	assert_int_equal(top_of(r, 0), bottom);
	reader_do(r, ACT_SCROLL_DOWN);
	assert_int_equal(top_of(r, 0), bottom);
	reader_do(r, ACT_TOP);
	assert_int_equal(top_of(r, 0), 0);
	assert_int_equal(r->pane[0].cur, 0);
	/* Tab: the other pane's cursor moves, and says so */
	assert_int_equal(reader_do(r, ACT_SWITCH), READER_REDRAW_ALL);
	assert_int_equal(r->focus, 1);
	assert_int_equal(reader_key(r, 'j'), READER_REDRAW_PANE(1));
	assert_true(r->pane[1].cur > 0);
	assert_int_equal(r->pane[0].cur, 0);
	assert_int_equal(reader_key(r, RK_DOWN), READER_REDRAW_PANE(1));
	assert_int_equal(reader_key(r, 'Z'), 0); /* bound to nothing */
}

static void test_claim_stepping(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	reader_do(r, ACT_CLAIM_NEXT);
	assert_int_equal(r->pane[0].sel, f->s.order[0][0]);
	reader_do(r, ACT_CLAIM_NEXT);
	assert_int_equal(r->pane[0].sel, f->s.order[0][1]);
	reader_do(r, ACT_CLAIM_PREV);
	assert_int_equal(r->pane[0].sel, f->s.order[0][0]);
	reader_do(r, ACT_CLAIM_PREV);
	assert_int_equal(r->pane[0].sel, f->s.order[0][0]);
	assert_non_null(strstr(r->msg, "no more claims above"));
	/* the selected claim is in view */
	assert_true(reader_row_on_screen(r, 0, f->s.an->claims[r->pane[0].sel].start) >= 0);
}

/* a key that needs the claims, pressed before they are placed, is not
 * dropped: it waits for them (a user's first ] right after start) */
static void test_key_while_loading(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	assert_false(f->s.anchored);
	reader_do(r, ACT_LINE_DOWN); /* a motion does not wait */
	assert_false(f->s.anchored);
	reader_do(r, ACT_CLAIM_NEXT);
	assert_true(f->s.anchored);
	assert_int_equal(r->pane[0].sel, f->s.order[0][0]);
	assert_null(strstr(r->msg, "claims appear"));
}

/* another reader saves between two of ours: the merge rebuilds the claims,
 * and what each pane had selected is the same claim after it */
static void test_selection_after_merge(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	reader_do(r, ACT_CLAIM_NEXT);
	size_t c = r->pane[0].sel;
	assert_int_not_equal(c, ANNOT_NONE);
	char *id = xstrdup(f->s.an->claims[c].id);
	personal_add_note(&f->s, id, "ours, first");
	struct session other;
	char err[512];
	assert_int_equal(session_open(&other, BUNDLED, NULL, 0, f->notes, err, sizeof err), 0);
	session_load_all(&other);
	for (int i = 0; i < 3; i++) {
		personal_add_note(&other, id, "theirs");
		personal_add_note(&f->s, id, "ours again");
		assert_int_not_equal(r->pane[0].sel, ANNOT_NONE);
		assert_string_equal(f->s.an->claims[r->pane[0].sel].id, id);
	}
	session_close(&other);
	free(id);
}

static void test_follow_links(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	/* a claim with several partners: Enter goes to each in turn, always in
	 * the other pane on the claim's row */
	size_t origin = ANNOT_NONE, n = 0;
	for (size_t k = 0; k < f->s.norder[0] && origin == ANNOT_NONE; k++) {
		size_t *links, *partners, c = f->s.order[0][k];
		size_t m = session_partners(&f->s, c, &links, &partners);
		if (m >= 2) {
			origin = c;
			n = m;
		}
		free(links);
		free(partners);
	}
	assert_int_not_equal(origin, ANNOT_NONE);
	reader_show_claim(r, 0, origin, 5);
	int row = reader_row_on_screen(r, 0, f->s.an->claims[origin].start);
	assert_int_equal(row, 5);
	/* Enter steps in story_partners' order: links and `same` group
	 * members, by article, then position */
	struct story st;
	story_build(&st, &f->s);
	struct story_partner *sp;
	n = story_partners(&st, &f->s, origin, &sp);
	story_free(&st);
	assert_true(n >= 2);
	for (size_t k = 0; k < n + 1; k++) {
		reader_key(r, RK_ENTER);
		size_t want = sp[k % n].claim;
		assert_int_equal(r->focus, 1);
		assert_int_equal(r->pane[1].sel, want);
		assert_int_equal(r->pane[1].art, session_claim_art(&f->s, want));
		/* beside the claim, unless the article's start or end is in the way */
		int prow = reader_row_on_screen(r, 1, f->s.an->claims[want].start);
		assert_true(prow >= 0);
		if (f->s.an->claims[want].start > 2000)
			assert_int_equal(prow, row);
	}
	free(sp);
	/* back through the jumps to where it started, and forward again */
	for (size_t k = 0; k < n + 1; k++)
		reader_do(r, ACT_JUMP_BACK);
	assert_int_equal(r->focus, 0);
	assert_int_equal(r->pane[0].sel, origin);
	reader_do(r, ACT_JUMP_BACK);
	assert_non_null(strstr(r->msg, "start of the jump history"));
	reader_do(r, ACT_JUMP_FORWARD);
	assert_int_equal(r->focus, 1);
	reader_do(r, ACT_TOP);
	for (size_t k = 0; k < n + 2; k++)
		reader_do(r, ACT_JUMP_FORWARD);
	assert_non_null(strstr(r->msg, "end of the jump history"));
	/* nothing selected: a hint */
	r->pane[r->focus].sel = ANNOT_NONE;
	reader_do(r, ACT_FOLLOW);
	assert_non_null(strstr(r->msg, "no claim selected"));
}

static void test_follow_same_article(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	/* a partner in the same article is shown in the other pane too */
	for (size_t k = 0; k < f->s.an->nlinks; k++) {
		const struct link *l = &f->s.an->links[k];
		if (l->from_i == ANNOT_NONE || l->to_i == ANNOT_NONE)
			continue;
		size_t a = session_claim_art(&f->s, l->from_i);
		if (a == SIZE_MAX || a != session_claim_art(&f->s, l->to_i))
			continue;
		int p = reader_pane_of_art(r, a);
		reader_show_claim(r, p, l->from_i, -1);
		reader_do(r, ACT_FOLLOW);
		assert_int_equal(r->focus, 1 - p);
		assert_int_equal(r->pane[1 - p].art, a);
		assert_int_equal(r->pane[p].art, a);
		assert_non_null(strstr(r->msg, "same article"));
		reader_do(r, ACT_JUMP_BACK); /* the pane gets its own article back */
		assert_int_equal(r->pane[1 - p].art, (size_t)(1 - p));
		return;
	}
	fail_msg("the bundled file has no link within one article");
}

static void test_search(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	reader_do(r, ACT_SEARCH_NEXT);
	assert_non_null(strstr(r->msg, "no search pattern"));
	f->sc.prompt = "microsoft exchange";
	reader_do(r, ACT_SEARCH);
	assert_int_equal(f->sc.prompted, 1);
	assert_true(r->pane[0].has_hit);
	const struct article *a = reader_article(r, 0);
	size_t h1 = r->pane[0].hit_s;
	assert_true(strncasecmp(a->text + h1, "microsoft exchange", 18) == 0);
	reader_do(r, ACT_SEARCH_NEXT);
	size_t h2 = r->pane[0].hit_s;
	assert_true(h2 > h1);
	reader_do(r, ACT_SEARCH_PREV);
	assert_int_equal(r->pane[0].hit_s, h1);
	/* the hit is drawn as a search hit, the current one bold */
	struct look_frame lf;
	look_frame_begin(r, 0, top_of(r, 0), a->len, &lf);
	size_t next;
	struct look lk = look_at(r, 0, h1, &lf, &next);
	assert_true(lk.roles & (1u << R_SEARCH));
	assert_true(lk.extra & STY_BOLD);
	f->sc.prompt = "no such words anywhere";
	reader_do(r, ACT_SEARCH);
	assert_non_null(strstr(r->msg, "pattern not found"));
	f->sc.prompt = NULL; /* cancelled: nothing changes */
	reader_do(r, ACT_SEARCH);
	assert_non_null(strstr(r->msg, "pattern not found"));
}

/* search folds as anchoring does: a straight quote finds a curly one */
static void test_search_folded_quotes(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	int p = reader_pane_of_art(r, 0);
	const struct article *a = reader_article(r, p);
	const char *curly = strstr(a->text, "China\u2019s");
	assert_non_null(curly); /* the NPR text writes it curly */
	r->focus = p;
	f->sc.prompt = "china's";
	reader_do(r, ACT_SEARCH);
	assert_true(r->pane[p].has_hit);
	assert_true(r->pane[p].hit_s <= (size_t)(curly - a->text));
	size_t first = r->pane[p].hit_s;
	/* the NPR text has no straight "China's": the hit is a curly one */
	assert_null(strstr(a->text, "China's"));
	assert_true(strncmp(a->text + first, "China\u2019s", 9) == 0);
}

static void test_visual_mark_undo(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	size_t nclaims = f->s.an->nclaims;
	struct pane *pn = &r->pane[0];
	const char *text = reader_article(r, 0)->text;
	reader_do(r, ACT_PAGE_DOWN);
	reader_key(r, 'w');
	reader_key(r, 'w'); /* a start in mid-row */
	size_t a0 = pn->cur;
	assert_true(a0 > layout_offset_of(pn->lay, layout_pos_of(pn->lay, a0)));
	assert_int_equal(reader_mode(r), MODE_READER);
	reader_key(r, 'v');
	assert_int_equal(reader_mode(r), MODE_VISUAL);
	assert_int_equal(pn->vis_anchor, a0);
	size_t lo, hi;
	assert_true(reader_selection(r, 0, &lo, &hi));
	assert_int_equal(lo, a0);
	assert_int_equal(hi, a0 + 1); /* the cursor's character */
	reader_key(r, 'e');
	size_t c1 = pn->cur;
	assert_true(c1 > a0);
	reader_key(r, RK_RIGHT);
	assert_true(pn->cur > c1);
	reader_key(r, 'b'); /* back a word: not page-up */
	assert_int_equal(pn->cur, a0);
	reader_key(r, 'j');
	assert_true(pn->cur > c1);
	reader_key(r, 'k');
	reader_key(r, 'k');
	reader_key(r, 'k'); /* above the anchor: the selection turns round */
	assert_true(pn->cur < a0);
	assert_true(reader_selection(r, 0, &lo, &hi));
	assert_int_equal(lo, pn->cur);
	assert_int_equal(hi, a0 + 1);
	assert_int_equal(reader_mode(r), MODE_VISUAL);
	reader_key(r, RK_ESC);
	assert_int_equal(reader_mode(r), MODE_READER);
	assert_non_null(strstr(r->msg, "selection cleared"));
	reader_do(r, ACT_MARK_CLAIM);
	assert_non_null(strstr(r->msg, "v starts a selection"));
	/* the cursor back on the word, v e m a: an accusation of that word */
	reader_key(r, '0');
	for (int i = 0; i < 3; i++)
		reader_key(r, 'j');
	reader_key(r, 'w');
	size_t start = pn->cur;
	reader_key(r, 'v');
	reader_key(r, 'e');
	size_t end = pn->cur + 1;
	f->sc.ask = 'a';
	reader_key(r, 'm');
	assert_int_equal(f->sc.asked, 1);
	assert_int_equal(f->s.an->nclaims, nclaims + 1);
	size_t c = pn->sel;
	assert_int_not_equal(c, ANNOT_NONE);
	assert_int_equal(f->s.an->claims[c].kind, KIND_ACCUSATION);
	assert_int_equal(f->s.an->claims[c].start, start);
	assert_int_equal(f->s.an->claims[c].end, end);
	assert_false(strchr(" \n", text[end - 1]));
	assert_non_null(strstr(r->msg, "added"));
	assert_int_equal(reader_mode(r), MODE_READER);
	/* Esc clears the selected claim too */
	reader_key(r, RK_ESC);
	assert_int_equal(pn->sel, ANNOT_NONE);
	reader_do(r, ACT_UNDO);
	assert_int_equal(f->s.an->nclaims, nclaims);
	assert_non_null(strstr(r->msg, "undone"));
	assert_int_equal(pn->sel, ANNOT_NONE);
	reader_do(r, ACT_UNDO);
	assert_non_null(strstr(r->msg, "nothing to undo"));
	/* Esc in a kind question: no claim */
	reader_key(r, 'v');
	f->sc.ask = 0;
	reader_key(r, 'm');
	assert_int_equal(f->s.an->nclaims, nclaims);
}

static void test_link(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	size_t nlinks = f->s.an->nlinks;
	reader_do(r, ACT_LINK);
	assert_non_null(strstr(r->msg, "select a claim first"));
	reader_do(r, ACT_CLAIM_NEXT);
	size_t from = r->pane[0].sel;
	reader_do(r, ACT_LINK);
	assert_true(r->link_pending);
	reader_do(r, ACT_SWITCH);
	reader_do(r, ACT_CLAIM_NEXT);
	size_t to = r->pane[1].sel;
	f->sc.ask = 'r';
	reader_do(r, ACT_LINK);
	assert_false(r->link_pending);
	assert_int_equal(f->s.an->nlinks, nlinks + 1);
	const struct link *l = &f->s.an->links[f->s.an->nlinks - 1];
	assert_int_equal(l->rel, REL_REBUTS);
	assert_int_equal(l->from_i, from);
	assert_int_equal(l->to_i, to);
	reader_do(r, ACT_UNDO);
	assert_int_equal(f->s.an->nlinks, nlinks);
	/* the same claim twice: cancelled */
	reader_do(r, ACT_CLAIM_NEXT);
	reader_do(r, ACT_LINK);
	reader_do(r, ACT_LINK);
	assert_non_null(strstr(r->msg, "same claim"));
}

static void test_notes(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	size_t nnotes = f->s.an->nnotes;
	reader_do(r, ACT_NOTE_ADD);
	assert_non_null(strstr(r->msg, "select a claim"));
	reader_do(r, ACT_CLAIM_NEXT);
	f->sc.note = "first thought";
	reader_do(r, ACT_NOTE_ADD);
	assert_int_equal(f->s.an->nnotes, nnotes + 1);
	f->sc.note = "second thought";
	reader_do(r, ACT_NOTE_EXTERNAL);
	assert_int_equal(f->s.an->nnotes, nnotes + 2);
	assert_int_equal(f->sc.edited, 2);
	size_t k, n;
	size_t shown = reader_shown_note(r, 0, &k, &n);
	assert_true(n >= 2);
	assert_string_equal(f->s.an->notes[shown].text, "second thought");
	reader_do(r, ACT_NOTE_NEXT);
	shown = reader_shown_note(r, 0, &k, &n);
	assert_non_null(strstr(r->msg, "note"));
	/* ] > until the first one shows, then edit it */
	while (strcmp(f->s.an->notes[shown].text, "first thought")) {
		reader_do(r, ACT_NOTE_NEXT);
		shown = reader_shown_note(r, 0, &k, &n);
	}
	f->sc.note = "first thought, revised";
	reader_do(r, ACT_NOTE_EDIT);
	shown = reader_shown_note(r, 0, &k, &n);
	assert_string_equal(f->s.an->notes[shown].text, "first thought, revised");
	f->sc.ask = 'n';
	reader_do(r, ACT_NOTE_DELETE);
	assert_non_null(strstr(r->msg, "kept"));
	f->sc.ask = 'y';
	reader_do(r, ACT_NOTE_DELETE);
	assert_int_equal(f->s.an->nnotes, nnotes + 1);
	reader_do(r, ACT_UNDO);
	assert_int_equal(f->s.an->nnotes, nnotes + 2);
	/* an empty note is not kept */
	f->sc.note = "";
	r->pane[0].sel = f->s.order[0][0];
	reader_do(r, ACT_NOTE_ADD);
	assert_int_equal(f->s.an->nnotes, nnotes + 2);
	assert_non_null(strstr(r->msg, "empty note"));
	assert_false(personal_dirty(&f->s));
}

static void test_suggestions(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	reader_do(r, ACT_ACCEPT);
	assert_non_null(strstr(r->msg, "no suggestion selected"));
	reader_do(r, ACT_SUGGEST);
	assert_true(r->show_sugg);
	assert_true(r->nsugg > 0);
	size_t nsugg = r->nsugg, nlinks = f->s.an->nlinks;
	/* ] visits suggestions too: step until one is selected */
	for (int i = 0; i < 200 && r->sugg_sel == SIZE_MAX; i++)
		reader_do(r, ACT_CLAIM_NEXT);
	assert_int_not_equal(r->sugg_sel, SIZE_MAX);
	assert_int_equal(reader_do(r, ACT_CLAIM_NEXT) & READER_REDRAW_ALL, READER_REDRAW_ALL);
	reader_do(r, ACT_CLAIM_PREV);
	assert_int_not_equal(r->sugg_sel, SIZE_MAX);
	const struct match_pair *m = &r->sugg[r->sugg_sel];
	size_t next;
	struct look_frame lf;
	look_frame_begin(r, 0, 0, 0, &lf);
	struct look lk = look_at(r, 0, m->a_start, &lf, &next);
	assert_true(lk.roles & (1u << R_SUGGEST));
	/* Enter shows its partner in the other pane */
	reader_do(r, ACT_FOLLOW);
	assert_int_equal(r->focus, 1);
	reader_do(r, ACT_ACCEPT);
	assert_int_equal(f->s.an->nlinks, nlinks + 1);
	assert_int_equal(r->nsugg, nsugg - 1);
	reader_do(r, ACT_SUGGEST);
	assert_false(r->show_sugg);
}

static void test_overview(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	reader_key(r, 'c');
	assert_true(r->ov.open);
	assert_int_equal(reader_mode(r), MODE_OVERVIEW);
	assert_true(r->ov.n > 2);
	reader_key(r, 'j');
	reader_key(r, 'j');
	assert_int_equal(r->ov.sel, 2);
	reader_key(r, 'k');
	assert_int_equal(r->ov.sel, 1);
	reader_key(r, 'G');
	assert_int_equal(r->ov.sel, r->ov.n - 1);
	reader_key(r, 'g');
	assert_int_equal(r->ov.sel, 0);
	int before = f->sc.prompted;
	f->sc.prompt = NULL;
	reader_key(r, '/'); /* the overview's search (issue 13), cancelled: nothing changes */
	assert_int_equal(f->sc.prompted, before + 1);
	assert_true(r->ov.open);
	assert_int_equal(r->ov.sel, 0);
	assert_null(r->ov.search);
	size_t c = r->ov.items[0].claim;
	reader_key(r, RK_ENTER);
	assert_false(r->ov.open);
	assert_int_equal(r->pane[r->focus].sel, c);
	reader_key(r, 'c');
	reader_key(r, 'q'); /* closes the overview, does not quit */
	assert_false(r->ov.open);
	assert_false(r->quit);
	reader_key(r, 'c');
	reader_key(r, RK_ESC);
	assert_false(r->ov.open);
}

static void test_screen_actions(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	assert_true(reader_do(r, ACT_REDRAW) & READER_REDRAW_CLEAR);
	reader_do(r, ACT_HELP);
	assert_true(r->help);
	reader_do(r, ACT_HELP);
	assert_false(r->help);
	reader_do(r, ACT_QUIT); /* nothing unsaved: quits */
	assert_true(r->quit);
}

/* every action of the table is dispatched, in each mode it is bound in */
static void test_every_action(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	f->sc.prompt = "china";
	f->sc.note = NULL;
	f->sc.ask = 0;
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		const struct action_def *d = actions_def((enum action)a);
		assert_non_null(d);
		assert_int_equal(actions_by_name(d->name), a);
		if (a == ACT_QUIT)
			continue;
		if (actions_is_edit((enum action)a)) {
			/* the editor's and the prompts' (test_editkey): nothing here */
			assert_int_equal(reader_do(r, (enum action)a), 0);
			continue;
		}
		r->pane[r->focus].visual = false;
		if (a == ACT_COPY)
			r->clip_mode = 1; /* CLIP_OSC52: a sequence is made */
		bool visual_only = d->keys[MODE_READER][0] == 0 && d->keys[MODE_VISUAL][0] != 0;
		if (visual_only) {
			assert_int_equal(reader_do(r, (enum action)a), 0); /* not selecting */
			reader_do(r, ACT_VISUAL);
		}
		unsigned got = reader_do(r, (enum action)a);
		assert_int_not_equal(got, 0);
		if (visual_only)
			reader_do(r, ACT_VISUAL);
		if (r->help)
			reader_do(r, ACT_HELP);
		if (r->ov.open)
			reader_do(r, ACT_OVERVIEW);
	}
	assert_int_equal(reader_do(r, ACT_NONE), 0);
	assert_int_equal(reader_do(r, ACT_COUNT), 0);
}

static void test_click(void **state)
{
	struct fixture *f = *state;
	struct reader *r = &f->r;
	size_t c = f->s.order[1][0];
	reader_show_claim(r, 1, c, 4);
	r->pane[1].sel = ANNOT_NONE;
	r->focus = 0;
	for (int x = 0; x < r->pane[1].textw && r->pane[1].sel == ANNOT_NONE; x++)
		reader_click(r, 1, 4, x);
	assert_int_equal(r->focus, 1);
	assert_int_equal(r->pane[1].sel, c);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_scrolling),
	    T(test_claim_stepping),
	    T(test_follow_links),
	    T(test_follow_same_article),
	    T(test_search),
	    T(test_search_folded_quotes),
	    T(test_visual_mark_undo),
	    T(test_link),
	    T(test_notes),
	    T(test_suggestions),
	    T(test_overview),
	    T(test_screen_actions),
	    T(test_every_action),
	    T(test_click),
	    T(test_selection_after_merge),
	    cmocka_unit_test_setup_teardown(test_key_while_loading, setup_loading, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
