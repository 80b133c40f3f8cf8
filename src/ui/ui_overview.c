/* ui_overview: the claims overview (`c`): every accusation with the claims
 * that answer it under it, unanswered ones marked, orphans listed; Enter
 * jumps to the claim. */
#include <stdlib.h>
#include <string.h>

#include "ui_priv.h"
#include "crossread/annot/annot.h"
#include "crossread/ui/ui_keys.h"
#include "crossread/base/util.h"

static void item_text(struct ui *u, const struct ov_item *it, struct buf *b)
{
	const struct annot *an = u->s->an;
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

void ui_overview(struct ui *u)
{
	struct ov_item *items;
	size_t n = session_overview(u->s, &items);
	if (!n) {
		ui_message(u, R_STATUS, "no accusations or orphans to list");
		free(items);
		return;
	}
	size_t sel = 0, top = 0;
	for (;;) {
		int rows = u->rows - 2;
		if (rows < 1)
			rows = 1;
		if (sel < top)
			top = sel;
		if (sel >= top + (size_t)rows)
			top = sel - (size_t)rows + 1;
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
		if (u->msg[0]) /* what the last key said (an orphan cannot be jumped to) */
			ui_draw_text(u, u->rows - 1, 1 + fw, u->cols - 2 - fw, u->msg,
				     strlen(u->msg), u->msg_role);
		refresh();
		wint_t wc;
		int r = ui_get_key(u, &wc, 250);
		if (r == UI_GONE)
			break; /* the main loop saves and quits */
		if (r == ERR)
			continue;
		int key = r == KEY_CODE_YES ? UI_FKEY((int)wc) : (int)wc;
		u->msg[0] = '\0';
		if (r == KEY_CODE_YES && wc == KEY_RESIZE) {
			/* the panes under it are laid out again too */
			ui_geometry(u);
			continue;
		}
		enum action act = ui_action_for_key(key);
		if (key == 27 || act == ACT_QUIT || act == ACT_OVERVIEW)
			break;
		if (act == ACT_LINE_DOWN && sel + 1 < n)
			sel++;
		else if (act == ACT_LINE_UP && sel > 0)
			sel--;
		else if (act == ACT_PAGE_DOWN)
			sel = sel + (size_t)rows < n ? sel + (size_t)rows : n - 1;
		else if (act == ACT_PAGE_UP)
			sel = sel > (size_t)rows ? sel - (size_t)rows : 0;
		else if (act == ACT_TOP)
			sel = 0;
		else if (act == ACT_BOTTOM)
			sel = n - 1;
		else if (act == ACT_FOLLOW) {
			size_t c = items[sel].claim;
			size_t art = c != ANNOT_NONE ? session_claim_art(u->s, c) : SIZE_MAX;
			if (art == SIZE_MAX) {
				ui_message(u, R_ERROR,
					   "this claim is not anchored in an open article");
				continue;
			}
			struct view_state before;
			ui_view_save(u, &before);
			session_jump_push(u->s, &before);
			int p = ui_pane_of_art(u, art);
			if (p < 0) {
				p = u->focus;
				ui_pane_set_article(u, p, art);
			}
			ui_show_claim(u, p, c, -1);
			break;
		}
	}
	free(items);
}
