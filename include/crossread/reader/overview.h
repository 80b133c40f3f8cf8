/* overview: the claims overview (c) as lines of text, below the screen:
 * speakers and short quotes, never ids, the verb agreeing with the speaker
 * ("Volexity and Microsoft accuse"), a link's notes next to it, the claim's
 * tags; and its filters, a search (/) and a tag (t), which keep the groups
 * that match. The ui paints these lines; tests read them. */
#ifndef CROSSREAD_OVERVIEW_H
#define CROSSREAD_OVERVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "crossread/base/util.h"
#include "crossread/reader/session.h"

struct reader;

/* Does the speaker name several (so "accuse", not "accuses")? Plural when
 * names are joined: the word "and" or a free-standing "&" between words (not AT&T), or a comma
 * between names (not before a name's suffix: "Acme, Inc.", "King, Jr.");
 * parentheses and brackets do not count ("Zhao (China, Foreign
 * Ministry)"). "Johnson & Johnson" (one word on both sides) stays one. */
bool overview_plural(const char *speaker);
/* The verb for a speaker: "accuse" or "accuses" */
const char *overview_accuse_verb(const char *speaker);

/* The text of item it of the reader's overview, appended to b. */
void overview_line(struct reader *r, const struct ov_item *it, struct buf *b);
/* The outlet (else title) of the article claim c is in, for a line. */
const char *overview_claim_place(const struct session *s, size_t c);
/* A quote for a line: at most cols columns, "…" where cut, appended. */
void overview_short_quote(struct buf *b, const char *quote, size_t cols);

/* Does item it carry tag (its claim, a note on its claim or on its link)? */
bool overview_item_has_tag(const struct session *s, const struct ov_item *it, const char *tag);
/* Does the line of item it contain pat (the project's case fold)? pat is
 * folded already (text_fold_string with TEXT_FOLD_CASE). */
bool overview_item_matches(struct reader *r, const struct ov_item *it, const char *folded_pat);

/* The items of all[0..n) that pass the filters (search: folded text, tag:
 * exact; NULL for none), malloc'd in *out: a section heading stays when
 * anything under it does, a group (an accusation, a linked claim, a shared
 * fact, an outlet) whole when its head matches, else its head and the
 * rows that match. Returns how many. */
size_t overview_filter(struct reader *r, const struct ov_item *all, size_t n,
		       const char *folded_search, const char *tag, struct ov_item **out);

/* Every tag used in the annotations, sorted, once each (malloc'd array of
 * pointers into the model): how many. */
size_t overview_tags(const struct annot *an, const char ***out);

#endif
