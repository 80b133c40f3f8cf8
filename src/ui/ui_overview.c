/* ui_overview: the claims overview (`c`): every accusation with the claims
 * that answer it under it, unanswered ones marked, orphans listed, drawn from
 * the reader's state (its keys are the reader's overview mode). */
#include <stdlib.h>
#include <string.h>

#include "ui_priv.h"
#include "crossread/annot/annot.h"
#include "crossread/base/util.h"

static void item_text(struct ui *u, const struct ov_item *it, struct buf *b)
{
	const struct annot *an = u->rd.s->an;
	if (it->kind == OV_HEADING) {
		buf_adds(b, "Orphans (not found in the article text):");
		return;
	}
	const struct claim *c = &an->claims[it->claim];
	const char *art = c->article ? c->article : "?";
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
	const char *title = "Claims overview: Enter jumps, j/k move, q/Esc/c closes";
	ui_draw_text(u, 0, 1, u->cols - 2, title, strlen(title), R_HEADER_FOCUS);
	for (int y = 0; y < rows && top + (size_t)y < n; y++) {
		const struct ov_item *it = &items[top + (size_t)y];
		struct buf b = {0};
		item_text(u, it, &b);
		enum role r = R_NORMAL;
		if (it->kind == OV_ACCUSATION)
			r = it->unanswered ? R_ERROR : R_ACCUSATION;
		else if (it->kind == OV_ANSWER)
			r = R_REBUTTAL;
		else if (it->kind == OV_HEADING)
			r = R_HEADING;
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
