/* ui_overview: the claims overview (`c`): every accusation with the claims
 * linked to it, the other linked claims, orphans (the lines are the
 * reader's overview.c), and the article list (`L`, issue 15) with the notes
 * on the chosen article, drawn from the reader's state (their keys are the
 * reader's overview mode). */
#include <stdlib.h>
#include <string.h>

#include "ui_priv.h"
#include "crossread/annot/annot.h"
#include "crossread/base/util.h"
#include "crossread/doc/article.h"
#include "crossread/reader/overview.h"

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
	const size_t *notes;
	size_t nn = session_article_notes(u->rd.s, u->rd.s->annot_of[i], &notes);
	if (nn)
		buf_printf(b, ", %zu note%s", nn, nn == 1 ? "" : "s");
	buf_printf(b, "): %s", sa->title ? sa->title : article_label(u->rd.s->arts[i]));
}

/* The notes on the article chosen in the list, at the bottom: how many
 * rows they take (at most half the list's). */
static int article_notes_rows(struct ui *u, int rows, bool draw)
{
	size_t sel = u->rd.ov.sel;
	if (sel >= u->rd.s->narts || rows < 6)
		return 0;
	const struct annot *an = u->rd.s->an;
	const size_t *notes;
	size_t nn = session_article_notes(u->rd.s, u->rd.s->annot_of[sel], &notes);
	if (!nn)
		return 0;
	int max = rows / 2, used = 1;
	int y0 = 1 + rows - max;
	if (draw) {
		ui_fill(u, y0, 0, u->cols, R_NOTE);
		char head[96];
		snprintf(head, sizeof head, "\u2500 %zu note%s on this article (a adds one) \u2500",
			 nn, nn == 1 ? "" : "s");
		ui_draw_text(u, y0, 1, u->cols - 2, head, strlen(head), R_NOTE);
	}
	for (size_t k = 0; k < nn && used < max; k++) {
		const struct note *nt = &an->notes[notes[k]];
		struct buf b = {0};
		buf_printf(&b, "%s ", nt->layer == LAYER_PERSONAL ? "\u270e yours:" : "\u270e");
		buf_adds(&b, nt->text ? nt->text : "");
		for (size_t t = 0; t < nt->ntags; t++)
			buf_printf(&b, "  #%s", nt->tags[t]);
		/* each note's lines, wrapped at the screen's width */
		size_t pos = 0;
		while (pos < b.len && used < max) {
			const char *nl = memchr(b.s + pos, '\n', b.len - pos);
			size_t e = nl ? (size_t)(nl - b.s) : b.len;
			size_t rs[64];
			size_t nr = layout_wrap(b.s, pos, e, u->cols - 2, rs, 64);
			for (size_t q = 0; q < nr && q < 64 && used < max; q++, used++) {
				size_t re = q + 1 < nr && q + 1 < 64 ? rs[q + 1] : e;
				if (draw) {
					ui_fill(u, y0 + used, 0, u->cols, R_NORMAL);
					ui_draw_text(u, y0 + used, 1, u->cols - 2, b.s + rs[q],
						     re - rs[q], R_NORMAL);
				}
			}
			pos = e + 1;
		}
		buf_free(&b);
	}
	return max;
}

void ui_draw_overview(struct ui *u)
{
	const struct ov_item *items = u->rd.ov.items;
	size_t n = u->rd.ov.n, sel = u->rd.ov.sel;
	int rows = u->rows - 2;
	if (rows < 1)
		rows = 1;
	int notes_rows = u->rd.ov.articles ? article_notes_rows(u, rows, false) : 0;
	rows -= notes_rows;
	u->rd.ov.rows = rows;
	if (sel < u->ov_top)
		u->ov_top = sel;
	if (sel >= u->ov_top + (size_t)rows)
		u->ov_top = sel - (size_t)rows + 1;
	size_t top = u->ov_top;
	erase();
	ui_fill(u, 0, 0, u->cols, R_HEADER_FOCUS);
	bool arts = u->rd.ov.articles;
	struct buf tb = {0};
	if (arts) {
		buf_adds(&tb, u->rd.npanes == 3
				  ? "Articles (< left pane, | middle, > right pane): "
				    "Enter shows it in the focused pane, a notes it, "
				    "j/k move, L/q/Esc closes"
				  : "Articles (< left pane, > right pane): Enter shows "
				    "it in the focused pane, a notes it, j/k move, "
				    "L/q/Esc closes");
	} else {
		buf_adds(&tb, "Claims overview");
		if (u->rd.ov.search)
			buf_printf(&tb, " [/%s]", u->rd.ov.search);
		if (u->rd.ov.tag)
			buf_printf(&tb, " [#%s]", u->rd.ov.tag);
		buf_adds(&tb, ": Enter jumps, / search, t tag, a notes a link, q/Esc/c closes");
	}
	ui_draw_text(u, 0, 1, u->cols - 2, tb.s, tb.len, R_HEADER_FOCUS);
	buf_free(&tb);
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
		overview_line(&u->rd, it, &b);
		if (it->kind == OV_ACCUSATION)
			r = it->unanswered ? R_ERROR : R_ACCUSATION;
		else if (it->kind == OV_ANSWER)
			r = R_REBUTTAL;
		else if (it->kind == OV_HEADING || it->kind == OV_SHARED_HEADING ||
			 it->kind == OV_SOLO_HEADING || it->kind == OV_LINKED_HEADING)
			r = R_HEADING;
		else if (it->kind == OV_GROUP || it->kind == OV_OUTLET || it->kind == OV_LINKED)
			r = R_STRONG;
		if (top + (size_t)y == sel) {
			ui_fill(u, 1 + y, 0, u->cols, R_SELECTED);
			r = R_SELECTED;
		}
		ui_draw_text(u, 1 + y, 1, u->cols - 2, b.s, b.len, r);
		buf_free(&b);
	}
	if (notes_rows)
		article_notes_rows(u, rows + notes_rows, true);
	ui_fill(u, u->rows - 1, 0, u->cols, R_STATUS);
	char foot[64];
	snprintf(foot, sizeof foot, "%zu/%zu  ", sel + 1, n);
	int fw = ui_draw_text(u, u->rows - 1, 1, u->cols - 2, foot, strlen(foot), R_STATUS);
	if (u->rd.msg[0]) /* what the last key said (an orphan cannot be jumped to) */
		ui_draw_text(u, u->rows - 1, 1 + fw, u->cols - 2 - fw, u->rd.msg, strlen(u->rd.msg),
			     u->rd.msg_role);
}
