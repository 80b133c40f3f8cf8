/* export_md: owns the Markdown brief: the articles, each accusation with
 * what answers it, claims shared across outlets, contradictions,
 * accusations left unanswered, claims in one outlet only, notes, tags and
 * orphans. Every string from an article or a note is made visible
 * (text_sanitize) and escaped so it reads as text, never as markup. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/annot/annot.h"
#include "crossread/base/text.h"
#include "crossread/doc/article.h"
#include "crossread/reader/export.h"
#include "crossread/reader/session.h"

/* One line of text: line breaks and tabs as spaces, control and invisible
 * characters shown, Markdown's active characters backslash-escaped (a
 * backslash before ASCII punctuation always means the character itself). */
static void md_text(struct buf *b, const char *s)
{
	if (!s)
		return;
	char *v = text_sanitize(s, strlen(s), true);
	for (const char *p = v; *p; p++) {
		if (*p == '\n' || *p == '\t' || *p == '\r')
			buf_addc(b, ' ');
		else {
			if (strchr("\\`*_[]<>|~&#!$", *p))
				buf_addc(b, '\\');
			buf_addc(b, *p);
		}
	}
	free(v);
}

static void md_quote(struct buf *b, const char *s)
{
	buf_adds(b, "“");
	md_text(b, s);
	buf_adds(b, "”");
}

static const char *yours(const struct claim *c)
{
	return c->layer == LAYER_PERSONAL ? " *(yours)*" : "";
}

static void md_speaker(struct buf *b, const struct session *s, const struct claim *c)
{
	if (c->by) {
		md_text(b, c->by);
		buf_adds(b, " in *");
		md_text(b, export_outlet(s, c->art));
		buf_adds(b, "*");
	} else {
		md_text(b, export_outlet(s, c->art));
	}
}

static void md_tags(struct buf *b, char *const *tags, size_t n)
{
	if (!n)
		return;
	buf_adds(b, " — tags:");
	for (size_t i = 0; i < n; i++) {
		buf_adds(b, i ? ", " : " ");
		md_text(b, tags[i]);
	}
}

static void md_notes(struct buf *b, const struct session *s, const char *id, const char *indent)
{
	size_t n;
	size_t *v = export_notes_on(s, id, &n);
	for (size_t i = 0; i < n; i++) {
		const struct note *nt = &s->an->notes[v[i]];
		buf_printf(b, "%s- Note%s: ", indent,
			   nt->layer == LAYER_PERSONAL ? " *(yours)*" : "");
		md_text(b, nt->text);
		md_tags(b, nt->tags, nt->ntags);
		buf_addc(b, '\n');
	}
	free(v);
}

static const char *answer_name(enum link_rel r)
{
	switch (r) {
	case REL_REBUTS:
		return "Rebuttal";
	case REL_COUNTERS:
		return "Counter-accusation";
	case REL_SUPPORTS:
		return "Support";
	case REL_SAME:
		return "Also reported";
	case REL_CONTRADICTS:
		return "Contradicted";
	}
	return "?";
}

static bool answered(const struct session *s, size_t c)
{
	for (size_t l = 0; l < s->an->nlinks; l++) {
		const struct link *lk = &s->an->links[l];
		if (lk->to_i == c && lk->from_i != ANNOT_NONE &&
		    (lk->rel == REL_REBUTS || lk->rel == REL_COUNTERS))
			return true;
	}
	return false;
}

static void md_articles(struct buf *b, const struct session *s)
{
	const struct annot *an = s->an;
	buf_adds(b, "## Articles\n\n");
	for (size_t a = 0; a < an->narticles; a++) {
		const struct article *art = export_article(s, a);
		buf_adds(b, "- **");
		md_text(b, export_outlet(s, a));
		buf_adds(b, "**");
		if (art && art->date) {
			buf_adds(b, ", ");
			md_text(b, art->date);
		}
		if (art && art->title) {
			buf_adds(b, ": *");
			md_text(b, art->title);
			buf_adds(b, "*");
		}
		if (art && export_safe_url(art->url))
			buf_printf(b, " <%s>", art->url);
		else if (!art)
			buf_adds(b, " (not opened)");
		buf_addc(b, '\n');
		md_notes(b, s, an->articles[a].id, "  ");
	}
	buf_addc(b, '\n');
}

static void md_accusations(struct buf *b, const struct session *s, const size_t *order)
{
	const struct annot *an = s->an;
	buf_adds(b, "## Accusations and their answers\n\n");
	unsigned num = 0;
	for (size_t k = 0; k < an->nclaims; k++) {
		const struct claim *c = &an->claims[order[k]];
		if (c->kind != KIND_ACCUSATION)
			continue;
		buf_printf(b, "### %u. ", ++num);
		md_text(b, c->by ? c->by : "Unnamed");
		if (c->against) {
			buf_adds(b, " against ");
			md_text(b, c->against);
		}
		buf_adds(b, " — ");
		md_text(b, export_outlet(s, c->art));
		buf_printf(b, "%s\n\n> ", yours(c));
		md_quote(b, c->quote);
		md_tags(b, c->tags, c->ntags);
		buf_adds(b, "\n\n");
		md_notes(b, s, c->id, "");
		/* rebuttals first, then counter-accusations, then the rest */
		static const enum link_rel rels[] = {REL_REBUTS, REL_COUNTERS, REL_CONTRADICTS,
						     REL_SUPPORTS, REL_SAME};
		for (size_t r = 0, l = 0; r < ANNOT_NRELS;
		     l = l + 1 < an->nlinks ? l + 1 : (r++, 0)) {
			if (!an->nlinks)
				break;
			const struct link *lk = &an->links[l];
			if (lk->rel != rels[r] || lk->to_i != order[k] || lk->from_i == ANNOT_NONE)
				continue;
			const struct claim *f = &an->claims[lk->from_i];
			buf_printf(b, "- **%s** by ", answer_name(lk->rel));
			md_speaker(b, s, f);
			buf_adds(b, ": ");
			md_quote(b, f->quote);
			buf_printf(b, "%s\n", yours(f));
			if (lk->note) {
				buf_adds(b, "  - Link note: ");
				md_text(b, lk->note);
				buf_addc(b, '\n');
			}
			md_notes(b, s, lk->id, "  ");
			md_notes(b, s, f->id, "  ");
		}
		if (!answered(s, order[k]))
			buf_adds(b, "- *No rebuttal or counter-accusation in these articles.*\n");
		buf_addc(b, '\n');
	}
	if (!num)
		buf_adds(b, "No accusations.\n\n");
}

static void md_shared(struct buf *b, const struct session *s, const size_t *order,
		      const size_t *group)
{
	const struct annot *an = s->an;
	buf_adds(b, "## Claims shared across outlets\n\n");
	bool any = false;
	for (size_t k = 0; k < an->nclaims; k++) {
		size_t c = order[k];
		if (group[c] != c)
			continue;
		/* a group worth listing spans two articles at least */
		bool cross = false;
		for (size_t d = 0; d < an->nclaims && !cross; d++)
			cross = group[d] == c && an->claims[d].art != an->claims[c].art;
		if (!cross)
			continue;
		any = true;
		buf_adds(b, "- Carried by ");
		/* outlets in article order, each once */
		bool first = true;
		for (size_t a = 0; a < an->narticles; a++) {
			bool has = false;
			for (size_t d = 0; d < an->nclaims && !has; d++)
				has = group[d] == c && an->claims[d].art == a;
			if (!has)
				continue;
			buf_adds(b, first ? "**" : ", **");
			md_text(b, export_outlet(s, a));
			buf_adds(b, "**");
			first = false;
		}
		buf_adds(b, ":\n");
		for (size_t j = 0; j < an->nclaims; j++) {
			size_t d = order[j];
			if (group[d] != c)
				continue;
			buf_adds(b, "  - ");
			md_speaker(b, s, &an->claims[d]);
			buf_adds(b, ": ");
			md_quote(b, an->claims[d].quote);
			buf_printf(b, "%s\n", yours(&an->claims[d]));
		}
	}
	buf_adds(b, any ? "\n" : "None.\n\n");
}

static void md_contradictions(struct buf *b, const struct session *s)
{
	const struct annot *an = s->an;
	buf_adds(b, "## Contradictions\n\n");
	bool any = false;
	for (size_t l = 0; l < an->nlinks; l++) {
		const struct link *lk = &an->links[l];
		if (lk->rel != REL_CONTRADICTS || lk->from_i == ANNOT_NONE ||
		    lk->to_i == ANNOT_NONE)
			continue;
		any = true;
		const struct claim *f = &an->claims[lk->from_i], *t = &an->claims[lk->to_i];
		buf_adds(b, "- ");
		md_speaker(b, s, f);
		buf_adds(b, ": ");
		md_quote(b, f->quote);
		buf_adds(b, "\n  - against ");
		md_speaker(b, s, t);
		buf_adds(b, ": ");
		md_quote(b, t->quote);
		buf_addc(b, '\n');
		if (lk->note) {
			buf_adds(b, "  - Link note: ");
			md_text(b, lk->note);
			buf_addc(b, '\n');
		}
		md_notes(b, s, lk->id, "  ");
	}
	buf_adds(b, any ? "\n" : "None.\n\n");
}

static void md_unanswered(struct buf *b, const struct session *s, const size_t *order)
{
	const struct annot *an = s->an;
	buf_adds(b, "## Accusations left unanswered\n\n");
	bool any = false;
	for (size_t k = 0; k < an->nclaims; k++) {
		const struct claim *c = &an->claims[order[k]];
		if (c->kind != KIND_ACCUSATION || answered(s, order[k]))
			continue;
		any = true;
		buf_adds(b, "- ");
		md_speaker(b, s, c);
		if (c->against) {
			buf_adds(b, " against ");
			md_text(b, c->against);
		}
		buf_adds(b, ": ");
		md_quote(b, c->quote);
		buf_printf(b, "%s\n", yours(c));
	}
	buf_adds(b, any ? "\n" : "None.\n\n");
}

static void md_single(struct buf *b, const struct session *s, const size_t *order,
		      const size_t *group)
{
	const struct annot *an = s->an;
	buf_adds(b, "## Claims found in one outlet only\n\n");
	for (size_t a = 0; a < an->narticles; a++) {
		bool head = false;
		for (size_t k = 0; k < an->nclaims; k++) {
			size_t c = order[k];
			const struct claim *cl = &an->claims[c];
			if (cl->art != a || cl->how == ANCHOR_NONE)
				continue;
			bool cross = false;
			for (size_t d = 0; d < an->nclaims && !cross; d++)
				cross = group[d] == group[c] && an->claims[d].art != a;
			if (cross)
				continue;
			if (!head) {
				buf_adds(b, "### ");
				md_text(b, export_outlet(s, a));
				buf_adds(b, "\n\n");
				head = true;
			}
			buf_printf(b, "- %s by ", annot_kind_name(cl->kind));
			md_text(b, cl->by ? cl->by : "unnamed");
			buf_adds(b, ": ");
			md_quote(b, cl->quote);
			buf_printf(b, "%s\n", yours(cl));
		}
		if (head)
			buf_addc(b, '\n');
	}
}

/* what a note is on, for the notes list */
static void md_target(struct buf *b, const struct session *s, const char *on)
{
	const struct annot *an = s->an;
	size_t c = annot_find_claim(an, on);
	if (c != ANNOT_NONE) {
		buf_adds(b, "claim by ");
		md_speaker(b, s, &an->claims[c]);
		buf_adds(b, " ");
		md_quote(b, an->claims[c].quote);
		return;
	}
	size_t l = annot_find_link(an, on);
	if (l != ANNOT_NONE) {
		const struct link *lk = &an->links[l];
		buf_printf(b, "link (%s) from ", annot_rel_name(lk->rel));
		if (lk->from_i != ANNOT_NONE)
			md_quote(b, an->claims[lk->from_i].quote);
		buf_adds(b, " to ");
		if (lk->to_i != ANNOT_NONE)
			md_quote(b, an->claims[lk->to_i].quote);
		return;
	}
	size_t a = annot_find_article(an, on);
	if (a != ANNOT_NONE) {
		buf_adds(b, "the article of ");
		md_text(b, export_outlet(s, a));
		return;
	}
	md_text(b, on);
}

static void md_all_notes(struct buf *b, const struct session *s)
{
	const struct annot *an = s->an;
	buf_adds(b, "## Notes\n\n");
	for (size_t i = 0; i < an->nnotes; i++) {
		const struct note *nt = &an->notes[i];
		buf_adds(b, "- On ");
		md_target(b, s, nt->on);
		buf_printf(b, "%s (", nt->layer == LAYER_PERSONAL ? " *(yours)*" : "");
		md_text(b, nt->updated ? nt->updated : nt->created);
		buf_adds(b, "): ");
		md_text(b, nt->text);
		md_tags(b, nt->tags, nt->ntags);
		buf_addc(b, '\n');
	}
	buf_adds(b, an->nnotes ? "\n" : "None.\n\n");
}

static void md_tag_index(struct buf *b, const struct session *s, const size_t *order)
{
	const struct annot *an = s->an;
	char **all = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < an->nclaims; i++)
		for (size_t t = 0; t < an->claims[i].ntags; t++) {
			GROW(all, cap, n + 1);
			all[n++] = an->claims[i].tags[t];
		}
	for (size_t i = 0; i < an->nnotes; i++)
		for (size_t t = 0; t < an->notes[i].ntags; t++) {
			GROW(all, cap, n + 1);
			all[n++] = an->notes[i].tags[t];
		}
	if (!n) {
		free(all);
		return;
	}
	qsort(all, n, sizeof *all, str_ptr_cmp);
	buf_adds(b, "## Tags\n\n");
	for (size_t i = 0; i < n; i++) {
		if (i && !strcmp(all[i], all[i - 1]))
			continue;
		buf_adds(b, "- **");
		md_text(b, all[i]);
		buf_adds(b, "**:");
		bool first = true;
		for (size_t k = 0; k < an->nclaims; k++) {
			const struct claim *c = &an->claims[order[k]];
			if (!annot_has_tag(c->tags, c->ntags, all[i]))
				continue;
			buf_adds(b, first ? " " : "; ");
			md_speaker(b, s, c);
			buf_adds(b, " ");
			md_quote(b, c->quote);
			first = false;
		}
		for (size_t k = 0; k < an->nnotes; k++) {
			const struct note *nt = &an->notes[k];
			if (!annot_has_tag(nt->tags, nt->ntags, all[i]))
				continue;
			buf_adds(b, first ? " note " : "; note ");
			md_quote(b, nt->text);
			first = false;
		}
		buf_addc(b, '\n');
	}
	buf_addc(b, '\n');
	free(all);
}

static void md_orphans(struct buf *b, const struct session *s, const size_t *order)
{
	const struct annot *an = s->an;
	bool head = false;
	for (size_t k = 0; k < an->nclaims; k++) {
		const struct claim *c = &an->claims[order[k]];
		if (c->how != ANCHOR_NONE)
			continue;
		if (!head)
			buf_adds(b, "## Quotes not found in their article\n\n");
		head = true;
		buf_adds(b, "- ");
		md_speaker(b, s, c);
		buf_adds(b, ": ");
		md_quote(b, c->quote);
		buf_addc(b, '\n');
	}
	if (head)
		buf_addc(b, '\n');
}

int export_md(const struct session *s, struct buf *out)
{
	const struct annot *an = s->an;
	size_t *order = export_claim_order(s);
	size_t *group = export_same_groups(s);
	buf_adds(out, "# Brief: ");
	const char *name = s->annot_path ? strrchr(s->annot_path, '/') : NULL;
	md_text(out, name ? name + 1 : s->annot_path ? s->annot_path : "articles");
	buf_printf(out,
		   "\n\n%zu articles, %zu claims, %zu links, %zu notes. Quotes are the articles' "
		   "words; *(yours)* marks entries of the personal layer.\n\n",
		   an->narticles, an->nclaims, an->nlinks, an->nnotes);
	md_articles(out, s);
	md_accusations(out, s, order);
	md_shared(out, s, order, group);
	md_contradictions(out, s);
	md_unanswered(out, s, order);
	md_single(out, s, order, group);
	md_all_notes(out, s);
	md_tag_index(out, s, order);
	md_orphans(out, s, order);
	free(order);
	free(group);
	return 0;
}
