/* personal: the reader's own layer of annotations, edited while reading:
 * new claims from selected text, links between claims, notes; each change
 * saved at once through store (atomic, merged with outside changes), with an
 * undo history of inverse operations, each on the one entry a change
 * touched (never a snapshot of the whole layer, which would throw away what
 * other processes saved since). */
#ifndef CROSSREAD_PERSONAL_H
#define CROSSREAD_PERSONAL_H

#include <stdbool.h>
#include <stddef.h>

#include "crossread/annot/annot.h"

struct session;

/* Make [start, end) of open article `art` a claim of the personal layer
 * (quote, prefix, suffix and `at` captured so it anchors as the format says).
 * Returns its claim index, or ANNOT_NONE if the range is empty. */
size_t personal_add_claim(struct session *s, size_t art, size_t start, size_t end,
			  enum claim_kind kind);
/* Link two claims (by index). Returns the link index. */
size_t personal_add_link(struct session *s, size_t from, size_t to, enum link_rel rel);
/* Notes on a claim or link id: add, edit (personal notes only), delete. */
size_t personal_add_note(struct session *s, const char *on, const char *text);
int personal_edit_note(struct session *s, size_t note, const char *text);
int personal_delete_note(struct session *s, size_t note);
/* issue 13: replace the tags of personal claim i (claim) or personal note i
 * with tags[0..n) (copied; the caller checked each, n <= ANNOT_MAX_TAGS);
 * saved and undone like an edit. -1 if the entry is not yours. */
int personal_set_tags(struct session *s, bool claim, size_t i, char *const *tags, size_t n);
/* Undo the last change; false if there is none. The inverse is applied to
 * the layer as it is now and saved like any change (merging again if the
 * file changed meanwhile). An entry that has changed since or that something
 * else now needs (a note or link on a claim being taken out) is left alone:
 * the step is used up and personal_undo_refused() says why (NULL when the
 * undo went through). */
bool personal_undo(struct session *s);
const char *personal_undo_refused(const struct session *s);
/* Free the undo history (session_close does). */
void personal_undo_forget(struct session *s);
/* Save now (every change above saves by itself). Returns the message to show
 * (static until the next call) and sets *failed. */
const char *personal_save(struct session *s, bool *failed);
/* Changes in memory that are not on disk? */
bool personal_dirty(const struct session *s);

#endif
