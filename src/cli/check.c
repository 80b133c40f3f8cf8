/* check: owns the `check` command: load, open articles, anchor, report. */
#include "crossread/cli/check.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/anchor/anchor.h"
#include "crossread/annot/annot.h"
#include "crossread/base/diag.h"
#include "crossread/doc/article.h"
#include "crossread/reader/session.h"
#include "crossread/base/util.h"

#define STR_(x) #x
#define STR(x)	STR_(x)

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

int check_run(const char *path, FILE *out)
{
	struct diag_list d = {0};
	struct annot *an = NULL;
	int status = annot_load(&an, path, LAYER_CURATED, &d);
	if (status != 2 && an && an->over) {
		/* a personal file: read it over the curated file it names, as
		 * the reader does */
		char *over = annot_resolve_path(path, an->over);
		struct annot *layered = NULL;
		struct diag_list od = {0};
		int ostatus = annot_load(&layered, over, LAYER_CURATED, &od);
		if (ostatus == 2) {
			diag_add(&d, path, 1, 1, DIAG_ERROR, "over: cannot use %s", over);
			annot_free(layered);
			status = 2;
		} else {
			diag_free(&d);
			status = annot_load(&layered, path, LAYER_PERSONAL, &d);
			annot_free(an);
			an = layered;
		}
		diag_free(&od);
		free(over);
	}
	if (status == 2 || !an) {
		diag_print(&d, out);
		diag_free(&d);
		annot_free(an);
		return 2;
	}
	/* the reader refuses a story longer than it can open: say so here */
	if (an->narticles > SESSION_MAX_ARTICLES) {
		const struct annot_article *a = &an->articles[SESSION_MAX_ARTICLES];
		diag_add(&d, path, a->line, a->col, DIAG_ERROR,
			 "article \"%s\": %zu articles, the reader opens at most %d", a->id,
			 an->narticles, SESSION_MAX_ARTICLES);
	}
	struct article **arts = xcalloc(an->narticles ? an->narticles : 1, sizeof *arts);
	for (size_t i = 0; i < an->narticles; i++) {
		const struct annot_article *a = &an->articles[i];
		const char *err = NULL;
		if (article_open(&arts[i], a->fullpath, &err) != 0) {
			arts[i] = NULL;
			diag_add(&d, path, a->line, a->col, DIAG_ERROR,
				 "article \"%s\": cannot open %s: %s", a->id, a->fullpath,
				 err ? err : strerror(errno));
			status = 2;
			continue;
		}
		article_load_all(arts[i]);
	}
	anchor_claims(an, arts);
	size_t orphans = 0;
	for (size_t i = 0; i < an->nclaims; i++) {
		const struct claim *c = &an->claims[i];
		if (c->art == ANNOT_NONE || !arts[c->art])
			continue;
		if (c->how == ANCHOR_NONE) {
			orphans++;
			size_t qn = 0;
			free(anchor_normalize(c->quote ? c->quote : "",
					      c->quote ? strlen(c->quote) : 0, true, &qn));
			diag_add(&d, path, c->line, c->col, DIAG_ERROR,
				 "claim \"%s\": quote not found in article \"%s\" (orphan%s)",
				 c->id, c->article,
				 qn > ANCHOR_FUZZY_MAX
				     ? "; a quote over " STR(
					   ANCHOR_FUZZY_MAX) " bytes must match exactly"
				     : "");
		} else if (c->how == ANCHOR_FUZZY) {
			diag_add(&d, path, c->line, c->col, DIAG_WARNING,
				 "claim \"%s\": quote matched approximately (score %.2f); update "
				 "the quote",
				 c->id, c->score);
		} else if (c->at >= 0 && (size_t)c->at != c->start) {
			diag_add(&d, path, c->line, c->col, DIAG_WARNING,
				 "claim \"%s\": quote found at %zu, not at its hint %ld", c->id,
				 c->start, c->at);
		}
	}
	diag_print(&d, out);
	if (status == 0 && d.errors)
		status = 1;
	/* tags on claims and notes; named only when a file has any, so the
	 * line of a file without tags reads as it always did */
	size_t ntags = 0;
	for (size_t i = 0; i < an->nclaims; i++)
		ntags += an->claims[i].ntags;
	for (size_t i = 0; i < an->nnotes; i++)
		ntags += an->notes[i].ntags;
	char tagstr[48] = "";
	if (ntags)
		snprintf(tagstr, sizeof tagstr, ", %zu tag%s", ntags, plural(ntags));
	if (status == 0)
		fprintf(
		    out,
		    "check: %zu article%s, %zu claim%s, %zu link%s, %zu note%s%s, %zu orphan%s\n",
		    an->narticles, plural(an->narticles), an->nclaims, plural(an->nclaims),
		    an->nlinks, plural(an->nlinks), an->nnotes, plural(an->nnotes), tagstr, orphans,
		    plural(orphans));
	for (size_t i = 0; i < an->narticles; i++)
		if (arts[i])
			article_free(arts[i]);
	free(arts);
	annot_free(an);
	diag_free(&d);
	return status;
}
