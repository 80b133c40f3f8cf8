/* notestress: several readers on one personal file, through the real
 * session, personal layer and store (tests/e2e/store_multi.sh).
 *   notestress run NOTES ART1 ART2 SEED OPS EXPECT [noflock]
 *       OPS random changes (claim, link, note, edit, delete, undo) as one
 *       reader would make them, each saved at once; a model of what this
 *       reader's own entries must be is kept beside the session (never read
 *       back from it) and written to EXPECT. Exit 1 if a change was not
 *       saved or an undo did other than the model says. noflock: as on a
 *       file system that refuses flock(2) (the O_EXCL lock file is used).
 *   notestress verify NOTES EXPECT...
 *       NOTES loads cleanly (every reference resolves) and holds exactly the
 *       entries the EXPECT files list, each once, with their fields. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/annot/annot.h"
#include "crossread/base/util.h"
#include "crossread/doc/article.h"
#include "crossread/persist/store.h"
#include "crossread/reader/personal.h"
#include "crossread/reader/session.h"

enum { M_CLAIM, M_LINK, M_NOTE };
struct ment {
	int kind;
	char *id, *a, *b; /* link: from, to; note: on, text */
	bool live;
};
struct mstep {
	int op; /* 0 remove (undo an add), 1 re-add (undo a delete), 2 restore text */
	size_t e;
	char *text; /* restore: the text before the edit */
};

static struct ment *ents;
static size_t nents, ents_cap;
static struct mstep steps[UNDO_MAX];
static size_t nsteps;
static unsigned long long rng;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return n ? (unsigned)(rng % n) : 0;
}

static size_t add_ent(int kind, const char *id, const char *a, const char *b)
{
	GROW(ents, ents_cap, nents + 1);
	ents[nents] =
	    (struct ment){kind, xstrdup(id), a ? xstrdup(a) : NULL, b ? xstrdup(b) : NULL, true};
	return nents++;
}

static void push(int op, size_t e, const char *text)
{
	if (nsteps == UNDO_MAX) {
		free(steps[0].text);
		memmove(steps, steps + 1, (UNDO_MAX - 1) * sizeof *steps);
		nsteps--;
	}
	steps[nsteps++] = (struct mstep){op, e, text ? xstrdup(text) : NULL};
}

/* a live entry of this reader of one of the kinds in mask, or SIZE_MAX */
static size_t pick(unsigned mask)
{
	size_t n = 0;
	for (size_t i = 0; i < nents; i++)
		n += ents[i].live && (mask >> ents[i].kind & 1);
	if (!n)
		return SIZE_MAX;
	size_t k = rnd((unsigned)n);
	for (size_t i = 0; i < nents; i++)
		if (ents[i].live && (mask >> ents[i].kind & 1) && k-- == 0)
			return i;
	return SIZE_MAX;
}

static bool named(const char *id)
{
	for (size_t i = 0; i < nents; i++)
		if (ents[i].live && ents[i].kind != M_CLAIM &&
		    ((ents[i].a && !strcmp(ents[i].a, id)) ||
		     (ents[i].kind == M_LINK && !strcmp(ents[i].b, id))))
			return true;
	return false;
}

static bool live_id(const char *id)
{
	for (size_t i = 0; i < nents; i++)
		if (ents[i].live && ents[i].kind != M_NOTE && !strcmp(ents[i].id, id))
			return true;
	return false;
}

static int fail(const char *tag, long op, const char *what, const char *msg)
{
	fprintf(stderr, "notestress %s op %ld: %s%s%s\n", tag, op, what, msg ? ": " : "",
		msg ? msg : "");
	return 1;
}

/* the model's answer for undoing the top step: applied, or refused */
static bool undo_allowed(const struct mstep *st)
{
	const struct ment *e = &ents[st->e];
	switch (st->op) {
	case 0:
		return e->live && !(e->kind != M_NOTE && named(e->id));
	case 1:
		return !e->live && live_id(e->a);
	default:
		return e->live;
	}
}

static int run(char **argv)
{
	const char *notes = argv[0];
	char *arts[2] = {argv[1], argv[2]};
	rng = strtoull(argv[3], NULL, 10) * 2654435761ULL + 88172645463325252ULL;
	long ops = atol(argv[4]);
	const char *expect = argv[5];
	const char *tag = argv[3];
	struct session s;
	char err[512];
	if (session_open(&s, NULL, arts, 2, notes, err, sizeof err) != 0) {
		fprintf(stderr, "notestress: %s\n", err);
		return 2;
	}
	session_load_all(&s);
	if (argv[6] && strcmp(argv[6], "noflock") == 0)
		s.store->no_flock = true;
	int status = 0;
	char text[128];
	for (long op = 0; op < ops && status == 0; op++) {
		unsigned r = rnd(100);
		struct annot *an = s.an;
		if (r < 20) {
			size_t art = rnd(2);
			struct article *a = s.arts[art];
			size_t start = rnd((unsigned)(a->len - 60)), len = 10 + rnd(40);
			size_t c = personal_add_claim(&s, art, start, start + len,
						      (enum claim_kind)rnd(3));
			if (c == ANNOT_NONE)
				status = fail(tag, op, "claim not added", NULL);
			else
				push(0, add_ent(M_CLAIM, s.an->claims[c].id, NULL, NULL), NULL);
		} else if (r < 35) {
			size_t x = pick(1u << M_CLAIM), y = pick(1u << M_CLAIM);
			if (x == SIZE_MAX || x == y)
				continue;
			size_t from = annot_find_claim(an, ents[x].id),
			       to = annot_find_claim(an, ents[y].id);
			if (from == ANNOT_NONE || to == ANNOT_NONE) {
				status = fail(tag, op, "own claim missing from memory", ents[x].id);
				break;
			}
			size_t l = personal_add_link(&s, from, to, (enum link_rel)rnd(4));
			if (l == ANNOT_NONE)
				status = fail(tag, op, "link not added", NULL);
			else
				push(0, add_ent(M_LINK, s.an->links[l].id, ents[x].id, ents[y].id),
				     NULL);
		} else if (r < 60) {
			size_t on = pick(1u << M_CLAIM | 1u << M_LINK);
			if (on == SIZE_MAX)
				continue;
			snprintf(text, sizeof text, "reader %s op %ld note", tag, op);
			size_t n = personal_add_note(&s, ents[on].id, text);
			if (n == ANNOT_NONE)
				status = fail(tag, op, "note not added", NULL);
			else
				push(0, add_ent(M_NOTE, s.an->notes[n].id, ents[on].id, text),
				     NULL);
		} else if (r < 75) {
			size_t e = pick(1u << M_NOTE);
			if (e == SIZE_MAX)
				continue;
			size_t n = annot_find_note(an, ents[e].id);
			if (n == ANNOT_NONE) {
				status = fail(tag, op, "own note missing from memory", ents[e].id);
				break;
			}
			snprintf(text, sizeof text, "reader %s op %ld edit", tag, op);
			personal_edit_note(&s, n, text);
			push(2, e, ents[e].b);
			free(ents[e].b);
			ents[e].b = xstrdup(text);
		} else if (r < 85) {
			size_t e = pick(1u << M_NOTE);
			if (e == SIZE_MAX)
				continue;
			size_t n = annot_find_note(an, ents[e].id);
			if (n == ANNOT_NONE) {
				status = fail(tag, op, "own note missing from memory", ents[e].id);
				break;
			}
			personal_delete_note(&s, n);
			ents[e].live = false;
			push(1, e, NULL);
		} else {
			if (!nsteps) {
				if (personal_undo(&s))
					status =
					    fail(tag, op, "undo with no step did something", NULL);
				continue;
			}
			struct mstep st = steps[--nsteps];
			bool want = undo_allowed(&st);
			personal_undo(&s);
			const char *why = personal_undo_refused(&s);
			if (want != (why == NULL))
				status =
				    fail(tag, op, want ? "undo refused" : "undo not refused", why);
			else if (want && st.op == 0)
				ents[st.e].live = false;
			else if (want && st.op == 1)
				ents[st.e].live = true;
			else if (want) {
				free(ents[st.e].b);
				ents[st.e].b = xstrdup(st.text);
			}
			free(st.text);
		}
		if (status == 0 && personal_dirty(&s)) {
			/* a save that waited out the lock's bound (a loaded
			 * machine: four readers fsyncing) keeps the change in
			 * memory and must say so; the next save takes it to
			 * disk. Being told "saved" while it is not is the bug. */
			const char *said = store_message(s.store);
			if (!strstr(said, "kept in memory"))
				status = fail(tag, op, "not saved, yet told", said);
			for (int t = 0; status == 0 && t < 20 && personal_dirty(&s); t++) {
				bool failed;
				personal_save(&s, &failed);
			}
			if (status == 0 && personal_dirty(&s))
				status =
				    fail(tag, op, "not saved in 20 tries", store_message(s.store));
		}
	}
	FILE *f = fopen(expect, "w");
	if (!f) {
		perror(expect);
		status = 2;
	}
	for (size_t i = 0; f && i < nents; i++) {
		if (!ents[i].live)
			continue;
		const struct ment *e = &ents[i];
		if (e->kind == M_CLAIM)
			fprintf(f, "claim %s\n", e->id);
		else if (e->kind == M_LINK)
			fprintf(f, "link %s %s %s\n", e->id, e->a, e->b);
		else
			fprintf(f, "note %s %s %s\n", e->id, e->a, e->b);
	}
	if (f && fclose(f) != 0)
		status = 2;
	for (size_t i = 0; i < nents; i++) {
		free(ents[i].id);
		free(ents[i].a);
		free(ents[i].b);
	}
	free(ents);
	for (size_t i = 0; i < nsteps; i++)
		free(steps[i].text);
	session_close(&s);
	return status;
}

static int verify(int argc, char **argv)
{
	struct annot *an = NULL;
	struct diag_list d = {0};
	int rc = annot_load(&an, argv[0], LAYER_PERSONAL, &d);
	int status = 0;
	if (rc != 0) {
		diag_print(&d, stderr);
		fprintf(stderr, "notestress: %s does not load cleanly (%d)\n", argv[0], rc);
		status = 1;
	}
	diag_free(&d);
	if (!an)
		return 1;
	size_t want[3] = {0, 0, 0};
	bool *seen = xcalloc(an->nnotes + 1, sizeof *seen);
	for (int k = 1; k < argc; k++) {
		FILE *f = fopen(argv[k], "r");
		if (!f) {
			perror(argv[k]);
			status = 1;
			continue;
		}
		char line[512], kind[16], id[64], a[64], b[256];
		while (fgets(line, sizeof line, f)) {
			b[0] = '\0';
			int n = sscanf(line, "%15s %63s %63s %255[^\n]", kind, id, a, b);
			if (n >= 2 && !strcmp(kind, "claim")) {
				want[0]++;
				if (annot_find_claim(an, id) == ANNOT_NONE) {
					fprintf(stderr, "notestress: claim %s missing\n", id);
					status = 1;
				}
			} else if (n == 4 && !strcmp(kind, "link")) {
				want[1]++;
				size_t l = annot_find_link(an, id);
				if (l == ANNOT_NONE || strcmp(an->links[l].from, a) ||
				    strcmp(an->links[l].to, b)) {
					fprintf(stderr, "notestress: link %s missing or changed\n",
						id);
					status = 1;
				}
			} else if (n == 4 && !strcmp(kind, "note")) {
				want[2]++;
				size_t i = annot_find_note(an, id);
				if (i == ANNOT_NONE || strcmp(an->notes[i].on, a) ||
				    strcmp(an->notes[i].text, b)) {
					fprintf(stderr,
						"notestress: note %s (%s) missing or changed\n", id,
						b);
					status = 1;
				} else {
					seen[i] = true;
				}
			}
		}
		fclose(f);
	}
	/* nothing else: no entry twice, nothing undone or deleted come back */
	size_t have[3] = {an->nclaims, an->nlinks, an->nnotes};
	static const char *const names[3] = {"claims", "links", "notes"};
	for (int k = 0; k < 3; k++)
		if (have[k] != want[k]) {
			fprintf(stderr, "notestress: %zu %s in the file, %zu expected\n", have[k],
				names[k], want[k]);
			status = 1;
		}
	for (size_t i = 0; i < an->nnotes; i++)
		for (size_t j = i + 1; j < an->nnotes; j++)
			if (!strcmp(an->notes[i].text, an->notes[j].text)) {
				fprintf(stderr, "notestress: note text twice: %s\n",
					an->notes[i].text);
				status = 1;
			}
	if (status == 0)
		printf("%zu claims, %zu links, %zu notes, as expected\n", have[0], have[1],
		       have[2]);
	free(seen);
	annot_free(an);
	return status;
}

int main(int argc, char **argv)
{
	if ((argc == 8 || argc == 9) && strcmp(argv[1], "run") == 0)
		return run(argv + 2);
	if (argc >= 3 && strcmp(argv[1], "verify") == 0)
		return verify(argc - 2, argv + 2);
	fprintf(stderr, "usage: notestress run NOTES ART1 ART2 SEED OPS EXPECT [noflock]\n"
			"       notestress verify NOTES EXPECT...\n");
	return 2;
}
