/* undo: the history of changes to the personal layer, each kept as its
 * inverse on the one entry it touched, grouped by user action (one `u`
 * takes back one action however many entries it touched), with a redo
 * history of the inverses of what was undone. Its own struct, held by the
 * session and recorded and applied by personal.c, so that neither needs the
 * other to know what a step is. */
#ifndef CROSSREAD_UNDO_H
#define CROSSREAD_UNDO_H

#include <stdbool.h>
#include <stddef.h>

#include "crossread/annot/annot.h"

/* the history keeps this many user actions (each of any number of steps) */
#define UNDO_MAX       100
#define UNDO_LABEL_MAX 400

/* One change to the personal layer, kept as its inverse on the one entry it
 * touched (personal.c). Undoing applies it to the layer as it is then,
 * merged with whatever other processes saved since, so nothing else moves. */
enum undo_op {
	UNDO_REMOVE,  /* the change added the entry: take it out */
	UNDO_READD,   /* the change deleted the entry: put it back, every key */
	UNDO_RESTORE, /* the change edited the entry: give it its fields back */
};
enum undo_kind { UNDO_CLAIM, UNDO_LINK, UNDO_NOTE };
struct undo_step {
	enum undo_op op;
	enum undo_kind kind;
	/* the entry as added, as deleted, or as before the edit (of kind) */
	struct claim claim;
	struct link link;
	struct note note;
	/* UNDO_RESTORE: the entry as the edit left it */
	struct claim claim_after;
	struct link link_after;
	struct note edited;
	size_t pos;	/* UNDO_READD: where the entry was */
	unsigned group; /* steps of one user action share it */
	/* the user action, readable ("note on 'are based on nothing'") */
	char label[UNDO_LABEL_MAX];
};

struct undo_stack {
	struct undo_step *step; /* oldest first */
	size_t n, cap;
};

struct undo_history {
	struct undo_step *step; /* undo: oldest first */
	size_t n, cap;
	struct undo_stack redo; /* what undo took back, newest last */
	unsigned next_group;
	/* an action being recorded (undo_begin .. undo_end): its group */
	unsigned open_group;
	int depth;
	char label[UNDO_LABEL_MAX];
	/* why the last undo or redo left an entry alone ("" if it did not),
	 * the action it took back, and whether only part of it went */
	char refused[256];
	char done[UNDO_LABEL_MAX];
	bool partial;
};

/* A user action starts: every step pushed until undo_end is one group,
 * named label. Nested begins join the outer action. */
void undo_begin(struct undo_history *h, const char *label);
void undo_end(struct undo_history *h);
/* A new, zeroed step of op and kind on top, in the open action's group (a
 * group of its own outside one); the redo history goes (a new action). The
 * oldest action drops off whole when UNDO_MAX actions are kept. The step is
 * valid until the next push. */
struct undo_step *undo_push(struct undo_history *h, enum undo_op op, enum undo_kind kind);
/* the same on a plain stack (redo), in group and named label */
struct undo_step *undo_stack_push(struct undo_stack *st, enum undo_op op, enum undo_kind kind,
				  unsigned group, const char *label);
/* step moved on top of the undo history (its fields now owned there) */
void undo_append(struct undo_history *h, const struct undo_step *step);
/* the newest step taken off and freed */
void undo_drop_last(struct undo_history *h);
void undo_stack_drop_last(struct undo_stack *st);
void undo_step_clear(struct undo_step *u);
/* free every step, undo and redo */
void undo_clear(struct undo_history *h);

#endif
