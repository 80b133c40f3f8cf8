/* merge: the three-way merge of two versions of the personal layer over a
 * common base (what each side added, changed or deleted; a conflict keeps
 * both, the disk's copy renamed, and references follow the rename), and the
 * random entry ids that keep two readers' new entries apart. */
#ifndef CROSSREAD_MERGE_H
#define CROSSREAD_MERGE_H

#include <stddef.h>

#include "crossread/annot/annot.h"

/* 3-way merge of the personal layer, exposed for tests: base and theirs are
 * loaded personal files (base may be NULL: nothing in common); ours is
 * modified in place. Entries taken from theirs are moved out of it. Returns
 * the number of conflicting entries kept twice (theirs renamed). */
size_t store_merge(const struct annot *base, struct annot *theirs, struct annot *ours);

/* A fresh entry id, "c-7kq2m9" (kind 'c' claim, 'l' link, 'n' note):
 * STORE_ID_LEN random characters from getrandom(2), so that two readers,
 * on one machine or two, never pick the same one; unused in `an` (may be
 * NULL). malloc'd. */
#define STORE_ID_LEN 6
char *store_new_id(const struct annot *an, char kind);

#endif
