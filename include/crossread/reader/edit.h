/* edit: editing what is yours in the reader (issue 13): your own claim's
 * kind, speaker and target, your own link's relation, deleting a claim
 * with its links and notes or a link, undo and redo by user action with
 * their messages, the speakers a prompt offers (Tab completes them), and
 * the readable names of claims and links the status line and prompts use
 * in place of ids. Below the screen: tests drive it through reader_io. */
#ifndef CROSSREAD_EDIT_H
#define CROSSREAD_EDIT_H

#include <stddef.h>

struct reader;

/* E when no note of yours is shown: your own link (the one Enter just
 * followed, or one of yours on the selected claim), else your own claim;
 * curated entries are read-only and the status line says so.
 * shown_note: the (curated) note the panel shows, or ANNOT_NONE. */
unsigned reader_edit_entry(struct reader *r, size_t shown_note);
/* D: your own selected link or claim (with its links and notes), after a
 * y/n question that says what goes. */
unsigned reader_delete_entry(struct reader *r);
/* u and Ctrl-R: one user action back or forward, the status line naming it */
unsigned reader_undo(struct reader *r);
unsigned reader_redo(struct reader *r);

/* "NPR: 'are based on nothing' rebuts AFP: 'denied'" */
void reader_link_label(struct reader *r, size_t link, char *out, size_t cap);
/* The link that Enter followed last, while its partner is still the
 * focused pane's selected claim; ANNOT_NONE otherwise. */
size_t reader_followed_link(struct reader *r);
/* Enter followed link (ANNOT_NONE: none) to claim `to` */
void reader_note_followed(struct reader *r, size_t link, size_t to);

/* The speakers of the story (every claim's `by` and `against`), once each,
 * sorted: a malloc'd array of pointers into the annotations (valid until
 * they change). Returns the count. */
size_t reader_speakers(struct reader *r, const char ***out);
/* Tab in a prompt: the next choice (from *k on, wrapping) that starts with
 * prefix (folded as search folds: case, quotes, NFKC), *k moved past it;
 * NULL if none does. */
const char *reader_complete(const char *prefix, const char *const *choices, size_t n, size_t *k);

#endif
