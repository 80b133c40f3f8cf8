/* undo: the undo history's storage (undo.h): actions as groups of steps,
 * pushing a step, dropping one, the redo stack, freeing them. What a step
 * does is personal.c's. */
#include "crossread/reader/undo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/base/util.h"

void undo_step_clear(struct undo_step *u)
{
	annot_claim_clear(&u->claim);
	annot_link_clear(&u->link);
	annot_note_clear(&u->note);
	annot_claim_clear(&u->claim_after);
	annot_link_clear(&u->link_after);
	annot_note_clear(&u->edited);
	memset(u, 0, sizeof *u);
}

/* the steps freed; keep: the array stays for reuse */
static void stack_clear(struct undo_stack *st, bool keep)
{
	for (size_t i = 0; i < st->n; i++)
		undo_step_clear(&st->step[i]);
	st->n = 0;
	if (!keep) {
		free(st->step);
		st->step = NULL;
		st->cap = 0;
	}
}

void undo_begin(struct undo_history *h, const char *label)
{
	if (h->depth++ > 0)
		return;
	h->open_group = ++h->next_group;
	if (!h->open_group)
		h->open_group = ++h->next_group; /* 0 means none */
	snprintf(h->label, sizeof h->label, "%s", label ? label : "change");
}

void undo_end(struct undo_history *h)
{
	if (h->depth > 0 && --h->depth == 0) {
		h->open_group = 0;
		h->label[0] = '\0';
	}
}

/* the oldest action out, whole */
static void drop_oldest(struct undo_step *step, size_t *n)
{
	size_t k = 1;
	while (k < *n && step[k].group == step[0].group)
		k++;
	for (size_t i = 0; i < k; i++)
		undo_step_clear(&step[i]);
	memmove(step, step + k, (*n - k) * sizeof *step);
	*n -= k;
}

static size_t count_groups(const struct undo_step *step, size_t n)
{
	size_t g = 0;
	for (size_t i = 0; i < n; i++)
		g += i == 0 || step[i].group != step[i - 1].group;
	return g;
}

/* room for one more step of group on the stack (step, n, cap) */
static void make_room(struct undo_step **step, size_t *n, size_t *cap, unsigned group)
{
	bool new_group = !*n || (*step)[*n - 1].group != group;
	if (new_group && count_groups(*step, *n) >= UNDO_MAX)
		drop_oldest(*step, n);
	GROW(*step, *cap, *n + 1);
}

static struct undo_step *push_on(struct undo_step **step, size_t *n, size_t *cap, enum undo_op op,
				 enum undo_kind kind, unsigned group, const char *label)
{
	make_room(step, n, cap, group);
	struct undo_step *u = &(*step)[(*n)++];
	memset(u, 0, sizeof *u);
	u->op = op;
	u->kind = kind;
	u->group = group;
	snprintf(u->label, sizeof u->label, "%s", label ? label : "");
	return u;
}

void undo_append(struct undo_history *h, const struct undo_step *step)
{
	make_room(&h->step, &h->n, &h->cap, step->group);
	h->step[h->n++] = *step;
}

struct undo_step *undo_push(struct undo_history *h, enum undo_op op, enum undo_kind kind)
{
	stack_clear(&h->redo, true);
	unsigned g = h->open_group;
	if (!g) {
		g = ++h->next_group;
		if (!g)
			g = ++h->next_group;
	}
	return push_on(&h->step, &h->n, &h->cap, op, kind, g, h->open_group ? h->label : "change");
}

struct undo_step *undo_stack_push(struct undo_stack *st, enum undo_op op, enum undo_kind kind,
				  unsigned group, const char *label)
{
	return push_on(&st->step, &st->n, &st->cap, op, kind, group, label);
}

void undo_drop_last(struct undo_history *h)
{
	if (h->n)
		undo_step_clear(&h->step[--h->n]);
}

void undo_stack_drop_last(struct undo_stack *st)
{
	if (st->n)
		undo_step_clear(&st->step[--st->n]);
}

void undo_clear(struct undo_history *h)
{
	for (size_t i = 0; i < h->n; i++)
		undo_step_clear(&h->step[i]);
	free(h->step);
	h->step = NULL;
	h->n = h->cap = 0;
	stack_clear(&h->redo, false);
	h->depth = 0;
	h->open_group = 0;
}
