/* notes: issue 13's annotations beyond a claim's note, in the reader: tags
 * on your own claims and notes (t), notes on a link (shown when it is
 * followed; `a` right after Enter or on a link row of the overview) and on
 * a whole article (`a` in the article list), and the claims overview's
 * search (/) and tag filter (t). Below the screen; the ui paints. */
#ifndef CROSSREAD_NOTES_H
#define CROSSREAD_NOTES_H

#include <stdbool.h>
#include <stddef.h>

#include "crossread/base/util.h"

struct reader;

/* the overview's items again from r->ov.all through its filters; false
 * (and nothing changed) if no item passes */
bool reader_ov_apply(struct reader *r);
/* overview keys: / search, t tag filter, a note on the selected link row
 * (or, in the article list, on the selected article) */
unsigned reader_ov_search(struct reader *r);
unsigned reader_ov_tag(struct reader *r);
unsigned reader_ov_note(struct reader *r, bool external);
/* t in the reader: add or remove a tag on the selected claim or the note
 * the panel shows (yours only) */
unsigned reader_tag(struct reader *r);
/* a note on link l or on the article of an->articles index a, written in
 * the editor (external: $VISUAL) and saved */
unsigned reader_note_link(struct reader *r, size_t l, bool external);
unsigned reader_note_article(struct reader *r, size_t a, bool external);
/* every note on link l (its `note:` first), appended to b one after
 * another (a blank line between); how many */
size_t reader_link_notes_text(struct reader *r, size_t l, struct buf *b);
/* "China's foreign ministry (AFP) rebuts NATO (AFP)": a link in words */
void reader_link_words(struct reader *r, size_t l, struct buf *b);

#endif
