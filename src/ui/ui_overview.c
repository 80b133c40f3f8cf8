/* ui_overview: the claims overview (`c`): every accusation with the claims
 * that answer it under it, unanswered ones marked, orphans listed, and the
 * article list (`L`, issue 15), drawn from the reader's state (their keys are
 * the reader's overview mode). */
#include <stdlib.h>
#include <string.h>

#include "ui_priv.h"
#include "crossread/annot/annot.h"
#include "crossread/base/util.h"
#include "crossread/doc/article.h"

static void item_text(struct ui *u, const struct ov_item *it, struct buf *b)
{
	const struct annot *an = u->rd.s->an;
	if (it->kind == OV_HEADING) {
		buf_adds(b, "Orphans (not found in the article text):");
		return;
	}
	const struct story *st = &u->rd.story;
	if (it->kind == OV_SHARED_HEADING) {
		buf_adds(b, "Claims several outlets carry:");
		return;
	}
	if (it->kind == OV_SOLO_HEADING) {
		buf_adds(b, "Only one outlet reports:");
		return;
	}
	if (it->kind == OV_OUTLET) {
		const char *o = st->arts[it->link].outlet;
		/* as `crossread story` writes it: the outlet, how many */
		buf_printf(b, "  * %s (%zu)", o ? o : article_label(u->rd.s->arts[it->link]),
			   st->nsolo[it->link]);
		return;
	}
	const struct claim *c = &an->claims[it->claim];
	const char *art = c->article ? c->article : "?";
	if (it->kind == OV_GROUP) {
		const struct story_group *g = &st->groups[it->link];
		buf_printf(b, "  * %zu of %zu outlets:", g->noutlets, st->narts);
		size_t last = SIZE_MAX;
		for (size_t i = 0; i < g->nclaims; i++) {
			size_t a = session_claim_art(u->rd.s, g->claims[i]);
			if (a == last || a >= st->narts)
				continue;
			const char *o = st->arts[a].outlet;
			buf_printf(b, "%s %s", last == SIZE_MAX ? "" : ",",
				   o ? o : article_label(u->rd.s->arts[a]));
			last = a;
		}
		return;
	}
	if (it->kind == OV_MEMBER || it->kind == OV_SOLO) {
		size_t a = session_claim_art(u->rd.s, it->claim);
		const char *o = a < st->narts ? st->arts[a].outlet : NULL;
		if (it->kind == OV_MEMBER)
			buf_printf(b, "      %s: ", o ? o : art);
		else
			buf_printf(b, "      %-10s ", annot_kind_name(c->kind));
		buf_printf(b, "\"%s\"", c->quote ? c->quote : "");
		return;
	}
	switch (it->kind) {
	case OV_ACCUSATION:
		buf_printf(b, "%s [%s] %s%s%s: ", it->unanswered ? "!" : "\u25b8", art,
			   c->by ? c->by : "", c->by ? " " : "", "accuses");
		break;
	case OV_ANSWER:
		buf_printf(b, "    \u21b3 %s [%s] %s: ", annot_rel_name(an->links[it->link].rel),
			   art, c->by ? c->by : "");
		break;
	default:
		buf_printf(b, "  ? [%s] %s: ", art, c->id ? c->id : "");
		break;
	}
	buf_adds(b, c->quote ? c->quote : "");
	if (it->kind == OV_ACCUSATION && it->unanswered)
		buf_adds(b, "  (unanswered)");
}

/* one line of the article list: number, the panes showing it, outlet,
 * date, its figures, then the title (the part a narrow screen cuts) */
static void article_text(struct ui *u, size_t i, struct buf *b)
{
	const struct story_article *sa = &u->rd.story.arts[i];
	char here[4] = "  ";
	/* < the left pane, > the right one, | the middle one of three */
	for (int p = 0; p < u->rd.npanes; p++)
		if (u->rd.pane[p].art == i)
			here[p ? 1 : 0] = p == 0 ? '<' : p + 1 < u->rd.npanes ? '|' : '>';
	buf_printf(b, "%2zu %s %s", i + 1, here, sa->outlet ? sa->outlet : "?");
	if (sa->date)
		buf_printf(b, ", %s", sa->date);
	buf_printf(b, " (%zu claim%s", sa->nclaims, sa->nclaims == 1 ? "" : "s");
	if (sa->naccusations)
		buf_printf(b, ", %zu accusation%s, %zu unanswered", sa->naccusations,
			   sa->naccusations == 1 ? "" : "s", sa->nunanswered);
	if (sa->norphans)
		buf_printf(b, ", %zu not found", sa->norphans);
	buf_printf(b, "): %s", sa->title ? sa->title : article_label(u->rd.s->arts[i]));
}

void ui_draw_overview(struct ui *u)
{
	const struct ov_item *items = u->rd.ov.items;
	size_t n = u->rd.ov.n, sel = u->rd.ov.sel;
	int rows = u->rows - 2;
	if (rows < 1)
		rows = 1;
	u->rd.ov.rows = rows;
	if (sel < u->ov_top)
		u->ov_top = sel;
	if (sel >= u->ov_top + (size_t)rows)
		u->ov_top = sel - (size_t)rows + 1;
	size_t top = u->ov_top;
	erase();
	ui_fill(u, 0, 0, u->cols, R_HEADER_FOCUS);
	bool arts = u->rd.ov.articles;
	const char *title =
	    !arts ? "Claims overview: Enter jumps, j/k move, q/Esc/c closes"
	    : u->rd.npanes == 3
		? "Articles (< left pane, | middle, > right pane): Enter shows it in "
		  "the focused pane, j/k move, L/q/Esc closes"
		: "Articles (< left pane, > right pane): Enter shows it in the "
		  "focused pane, j/k move, L/q/Esc closes";
	ui_draw_text(u, 0, 1, u->cols - 2, title, strlen(title), R_HEADER_FOCUS);
	for (int y = 0; y < rows && top + (size_t)y < n; y++) {
		struct buf b = {0};
		enum role r = R_NORMAL;
		if (arts) {
			article_text(u, top + (size_t)y, &b);
			if (top + (size_t)y == sel) {
				ui_fill(u, 1 + y, 0, u->cols, R_SELECTED);
				r = R_SELECTED;
			}
			ui_draw_text(u, 1 + y, 1, u->cols - 2, b.s, b.len, r);
			buf_free(&b);
			continue;
		}
		const struct ov_item *it = &items[top + (size_t)y];
		item_text(u, it, &b);
		if (it->kind == OV_ACCUSATION)
			r = it->unanswered ? R_ERROR : R_ACCUSATION;
		else if (it->kind == OV_ANSWER)
			r = R_REBUTTAL;
		else if (it->kind == OV_HEADING || it->kind == OV_SHARED_HEADING ||
			 it->kind == OV_SOLO_HEADING)
			r = R_HEADING;
		else if (it->kind == OV_GROUP || it->kind == OV_OUTLET)
			r = R_STRONG;
		if (top + (size_t)y == sel) {
			ui_fill(u, 1 + y, 0, u->cols, R_SELECTED);
			r = R_SELECTED;
		}
		ui_draw_text(u, 1 + y, 1, u->cols - 2, b.s, b.len, r);
		buf_free(&b);
	}
	ui_fill(u, u->rows - 1, 0, u->cols, R_STATUS);
	char foot[64];
	snprintf(foot, sizeof foot, "%zu/%zu  ", sel + 1, n);
	int fw = ui_draw_text(u, u->rows - 1, 1, u->cols - 2, foot, strlen(foot), R_STATUS);
	if (u->rd.msg[0]) /* what the last key said (an orphan cannot be jumped to) */
		ui_draw_text(u, u->rows - 1, 1 + fw, u->cols - 2 - fw, u->rd.msg, strlen(u->rd.msg),
			     u->rd.msg_role);
}
