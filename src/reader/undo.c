/* undo: the undo history's storage (undo.h): pushing a step, dropping one,
 * freeing them. What a step does is personal.c's. */
#include "crossread/reader/undo.h"

#include <string.h>

static void step_clear(struct undo_step *u)
{
	annot_claim_clear(&u->claim);
	annot_link_clear(&u->link);
	annot_note_clear(&u->note);
	annot_note_clear(&u->edited);
	annot_claim_clear(&u->edited_claim);
	memset(u, 0, sizeof *u);
}

struct undo_step *undo_push(struct undo_history *h, enum undo_op op, enum undo_kind kind)
{
	if (h->n == UNDO_MAX) {
		step_clear(&h->step[0]);
		memmove(h->step, h->step + 1, (UNDO_MAX - 1) * sizeof *h->step);
		h->n--;
	}
	struct undo_step *u = &h->step[h->n++];
	memset(u, 0, sizeof *u);
	u->op = op;
	u->kind = kind;
	return u;
}

void undo_drop_last(struct undo_history *h)
{
	if (h->n)
		step_clear(&h->step[--h->n]);
}

void undo_clear(struct undo_history *h)
{
	for (size_t i = 0; i < h->n; i++)
		step_clear(&h->step[i]);
	h->n = 0;
}
