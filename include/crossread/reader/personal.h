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
/* Your own claim's kind, speaker and target (by, against: "" or NULL
 * clears them), your own link's relation: -1 if the entry is not yours. */
int personal_edit_claim(struct session *s, size_t c, enum claim_kind kind, const char *by,
			const char *against);
int personal_edit_link(struct session *s, size_t l, enum link_rel rel);
/* Delete your own claim with its links and the notes on both (one undo
 * step), or your own link with its notes: -1 if not yours. */
int personal_delete_claim(struct session *s, size_t c);
int personal_delete_link(struct session *s, size_t l);
/* What deleting claim c takes with it: links, notes (on it and its links),
 * and (curated, may be NULL) how many of the links are curated. */
void personal_claim_cascade(const struct session *s, size_t c, size_t *nlinks, size_t *nnotes,
			    size_t *curated);
/* One user action: every change between begin and end is undone and
 * redone as one, named label (readable: "note on 'are based on nothing'"). */
void personal_begin(struct session *s, const char *label);
void personal_end(struct session *s);
/* issue 13: replace the tags of personal claim i (claim) or personal note i
 * with tags[0..n) (copied; the caller checked each, n <= ANNOT_MAX_TAGS);
 * saved and undone like an edit. -1 if the entry is not yours. */
int personal_set_tags(struct session *s, bool claim, size_t i, char *const *tags, size_t n);
/* Undo the last action (all its changes); false if there is none. The
 * inverse is applied to the layer as it is now and saved like any change
 * (merging again if the file changed meanwhile). An entry that has changed
 * since or that something else now needs (a note or link on a claim being
 * taken out) is left alone: personal_undo_refused() says why (NULL when
 * all went through). What was undone goes on the redo history, which a new
 * action drops. */
bool personal_undo(struct session *s);
/* Redo the last undone action; false if there is none. */
bool personal_redo(struct session *s);
const char *personal_undo_refused(const struct session *s);
/* the label of the action the last undo or redo took back */
const char *personal_undo_done(const struct session *s);
size_t personal_redo_count(const struct session *s);
/* Free the undo history (session_close does). */
void personal_undo_forget(struct session *s);
/* A quote on one line cut to at most cols columns on a character
 * boundary, with "…" when cut (out: cap >= 4 * cols + 4). */
void personal_quote(const char *q, size_t cols, char *out, size_t cap);
/* snprintf that, when out is too small, cuts on a character boundary
 * (never inside a UTF-8 sequence) */
void personal_printf(char *out, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* "NPR: 'are based on nothing'": the outlet (or article id) and a short
 * quote, never the claim's id. */
void personal_claim_label(const struct session *s, size_t c, char *out, size_t cap);
/* Save now (every change above saves by itself). Returns the message to show
 * (static until the next call) and sets *failed. */
const char *personal_save(struct session *s, bool *failed);
/* Changes in memory that are not on disk? */
bool personal_dirty(const struct session *s);

#endif
