/* undo: the history of changes to the personal layer, each kept as its
 * inverse on the one entry it touched. Its own struct, held by the session
 * and recorded and applied by personal.c, so that neither needs the other
 * to know what a step is. */
#ifndef CROSSREAD_UNDO_H
#define CROSSREAD_UNDO_H

#include <stddef.h>

#include "crossread/annot/annot.h"

#define UNDO_MAX 100

/* One change to the personal layer, kept as its inverse on the one entry it
 * touched (personal.c). Undoing applies it to the layer as it is then,
 * merged with whatever other processes saved since, so nothing else moves. */
enum undo_op {
	UNDO_REMOVE,  /* the change added the entry: take it out */
	UNDO_READD,   /* the change deleted the entry: put it back, every key */
	UNDO_RESTORE, /* the change edited a note or a claim: give it its fields back */
};
enum undo_kind { UNDO_CLAIM, UNDO_LINK, UNDO_NOTE };
struct undo_step {
	enum undo_op op;
	enum undo_kind kind;
	struct claim claim; /* UNDO_CLAIM: the claim as added */
	struct link link;   /* UNDO_LINK: the link as added */
	struct note note;   /* UNDO_NOTE: as added, as deleted, or as before the edit */
	struct note edited; /* UNDO_RESTORE: the note as the edit left it */
	/* UNDO_RESTORE of a claim (issue 13, its tags): claim is the claim
	 * before, edited_claim as the edit left it */
	struct claim edited_claim;
	size_t pos; /* UNDO_READD: where the entry was */
};

struct undo_history {
	struct undo_step step[UNDO_MAX]; /* oldest first */
	size_t n;
	/* why the last undo left its entry alone ("" if it did not) */
	char refused[256];
};

/* A new, zeroed step of op and kind on top (the oldest drops off when the
 * history is full). */
struct undo_step *undo_push(struct undo_history *h, enum undo_op op, enum undo_kind kind);
/* the newest step taken off and freed */
void undo_drop_last(struct undo_history *h);
/* free every step */
void undo_clear(struct undo_history *h);

#endif
