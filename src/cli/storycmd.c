/* storycmd: owns the `story` command: opens a story as the reader does
 * (the annotation file and the personal file over it, never written),
 * builds the story (reader/story.c) and prints its overview. Every string
 * from a file goes through the sanitiser before it is written. */
#include "crossread/cli/storycmd.h"

#include <stdlib.h>
#include <string.h>

#include "crossread/annot/annot.h"
#include "crossread/base/text.h"
#include "crossread/base/util.h"
#include "crossread/doc/article.h"
#include "crossread/reader/session.h"
#include "crossread/reader/story.h"

static void usage(FILE *f)
{
	fputs("usage: crossread story [--notes FILE] STORY.yaml\n"
	      "  Print the story overview: its articles, each accusation with every answer\n"
	      "  in any article, the claims several outlets share (\"N of M outlets\") and\n"
	      "  what only one outlet reports.\n"
	      "  --notes FILE   personal notes file read over STORY.yaml (default:\n"
	      "                 STORY.notes.yaml, as the reader reads it)\n",
	      f);
}

static void put_safe(FILE *out, const char *s)
{
	char *safe = text_sanitize(s, strlen(s), false);
	fputs(safe, out);
	free(safe);
}

static const char *outlet_of(const struct session *s, size_t art)
{
	const struct article *a = s->arts[art];
	return a->outlet && *a->outlet ? a->outlet : article_label(a);
}

/* OUTLET[, BY]: "QUOTE" */
static void put_claim(FILE *out, const struct session *s, size_t c)
{
	const struct claim *cl = &s->an->claims[c];
	const char *outlet = outlet_of(s, session_claim_art(s, c));
	put_safe(out, outlet);
	if (cl->by && strcmp(cl->by, outlet)) {
		fputs(", ", out);
		put_safe(out, cl->by);
	}
	fputs(": \"", out);
	put_safe(out, cl->quote);
	fputs("\"\n", out);
}

static void put_outlets_of_group(FILE *out, const struct session *s, const struct story *st,
				 size_t g, size_t except_art)
{
	const struct story_group *gr = &st->groups[g];
	size_t last = SIZE_MAX, n = 0;
	for (size_t j = 0; j < gr->nclaims; j++) {
		size_t a = session_claim_art(s, gr->claims[j]);
		if (a == last || a == except_art)
			continue;
		fputs(n++ ? ", " : "    also in ", out);
		put_safe(out, outlet_of(s, a));
		last = a;
	}
	if (n)
		fputc('\n', out);
}

static void put_dispute(FILE *out, const struct session *s, const struct story *st,
			const struct story_dispute *d)
{
	const struct claim *cl = &s->an->claims[d->claim];
	fputs("  * ", out);
	put_claim(out, s, d->claim);
	if (cl->against) {
		fputs("    against ", out);
		put_safe(out, cl->against);
		fputc('\n', out);
	}
	if (d->group != ANNOT_NONE)
		put_outlets_of_group(out, s, st, d->group, session_claim_art(s, d->claim));
	if (!d->nanswers)
		fputs("    unanswered\n", out);
	for (int pass = 0; pass < 2; pass++) {
		const size_t *ls = pass ? d->backers : d->answers;
		size_t n = pass ? d->nbackers : d->nanswers;
		for (size_t i = 0; i < n; i++) {
			const struct link *l = &s->an->links[ls[i]];
			fprintf(out, "    %-9s ", annot_rel_name(l->rel));
			put_claim(out, s, l->from_i);
		}
	}
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void print_story(FILE *out, const struct session *s, const struct story *st)
{
	const struct annot *an = s->an;
	fprintf(out, "Story: %zu articles, %zu claims, %zu links\n\nArticles\n", s->narts,
		an->nclaims, an->nlinks);
	for (size_t a = 0; a < s->narts; a++) {
		const struct story_article *sa = &st->arts[a];
		fprintf(out, "  %zu  ", a + 1);
		put_safe(out, outlet_of(s, a));
		if (sa->date) {
			fputs(", ", out);
			put_safe(out, sa->date);
		}
		fputs(": ", out);
		put_safe(out, article_label(s->arts[a]));
		fprintf(out, "\n     %zu %s, %zu %s, %zu unanswered", sa->nclaims,
			plural(sa->nclaims, "claim", "claims"), sa->naccusations,
			plural(sa->naccusations, "accusation", "accusations"), sa->nunanswered);
		if (sa->norphans)
			fprintf(out, ", %zu not placed", sa->norphans);
		fputc('\n', out);
	}
	for (int acc = 1; acc >= 0; acc--) {
		fputs(acc ? "\nAccusations and their answers\n" : "\nDisputed claims\n", out);
		size_t n = 0;
		for (size_t i = 0; i < st->ndisputes; i++)
			if (st->disputes[i].accusation == (acc == 1)) {
				put_dispute(out, s, st, &st->disputes[i]);
				n++;
			}
		if (!n)
			fputs("  (none)\n", out);
	}
	fputs("\nClaims several outlets carry\n", out);
	size_t shown = 0;
	for (size_t g = 0; g < st->ngroups; g++) {
		const struct story_group *gr = &st->groups[g];
		if (gr->noutlets < 2)
			continue;
		fprintf(out, "  * %zu of %zu outlets\n", gr->noutlets, s->narts);
		for (size_t j = 0; j < gr->nclaims; j++) {
			fputs("    ", out);
			put_claim(out, s, gr->claims[j]);
		}
		shown++;
	}
	if (!shown)
		fputs("  (none)\n", out);
	fputs("\nOnly one outlet reports\n", out);
	for (size_t a = 0; a < s->narts; a++) {
		fputs("  * ", out);
		put_safe(out, outlet_of(s, a));
		fprintf(out, " (%zu)\n", st->nsolo[a]);
		for (size_t i = 0; i < st->nsolo[a]; i++) {
			const struct claim *cl = &an->claims[st->solo[a][i]];
			fprintf(out, "    %-10s \"", annot_kind_name(cl->kind));
			put_safe(out, cl->quote);
			fputc('"', out);
			if (cl->by && strcmp(cl->by, outlet_of(s, a))) {
				fputs(" (", out);
				put_safe(out, cl->by);
				fputc(')', out);
			}
			fputc('\n', out);
		}
	}
	size_t orphans = 0;
	for (size_t c = 0; c < an->nclaims; c++)
		orphans += an->claims[c].how == ANCHOR_NONE;
	if (orphans) {
		fprintf(out, "\nNot placed (quote not found: %zu)\n", orphans);
		for (size_t c = 0; c < an->nclaims; c++)
			if (an->claims[c].how == ANCHOR_NONE) {
				fputs("    ", out);
				put_safe(out, an->claims[c].id);
				fputc('\n', out);
			}
	}
}

int storycmd_run(int argc, char **argv, FILE *out)
{
	const char *path = NULL, *notes = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--notes") && i + 1 < argc) {
			notes = argv[++i];
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(out);
			return 0;
		} else if (argv[i][0] == '-' || path) {
			char *a = text_sanitize(argv[i], strlen(argv[i]), false);
			fprintf(stderr, "crossread story: unexpected argument '%s'\n", a);
			free(a);
			usage(stderr);
			return 2;
		} else {
			path = argv[i];
		}
	}
	if (!path) {
		usage(stderr);
		return 2;
	}
	struct session s;
	char err[4096];
	if (session_open(&s, path, NULL, 0, notes, err, sizeof err) != 0) {
		diag_print(&s.diags, stderr);
		char *m = text_sanitize(err, strlen(err), false);
		fprintf(stderr, "crossread: %s\n", m);
		free(m);
		session_close(&s);
		return 2;
	}
	session_load_all(&s);
	diag_print(&s.diags, stderr);
	int rc = s.diags.errors ? 1 : 0;
	struct story st;
	story_build(&st, &s);
	print_story(out, &s, &st);
	story_free(&st);
	session_close(&s);
	return rc;
}
