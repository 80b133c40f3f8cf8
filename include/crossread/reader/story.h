/* story: what a story of N articles says as a whole, curses-free, over an
 * open session (its articles, anchored claims and links): the groups of
 * `same` claims with the outlets that carry each, what only one outlet
 * reports, every answer to each accusation in any article, the article
 * list's figures, a claim's partners in stepping order and scroll-lock
 * alignment. The reader's overview, article list and `crossread story`
 * all read these. Built once per change of the annotations, in
 * O(n log n) of the claims and links. */
#ifndef CROSSREAD_STORY_H
#define CROSSREAD_STORY_H

#include <stdbool.h>
#include <stddef.h>

#include "crossread/reader/session.h"

/* Claims connected by `same` links (both ends anchored in open articles):
 * one fact, reported by noutlets of the story's articles. */
struct story_group {
	const size_t *claims; /* in reading order: by open article, then position */
	size_t nclaims;
	size_t noutlets; /* distinct open articles among the claims */
};

/* An accusation (or a disputed claim) with what answers it: the claims of
 * its `same` group are one claim, so an answer to any of them counts. */
struct story_dispute {
	size_t claim;	       /* the first accusation of the group (else its first claim) */
	size_t group;	       /* index into story.groups, ANNOT_NONE: a claim alone */
	bool accusation;       /* false: a plain claim that is rebutted */
	const size_t *answers; /* links: rebuts and counters, by answering article, position */
	size_t nanswers;
	const size_t *backers; /* links: supports, in the same order */
	size_t nbackers;
};

/* One line of the article list. Strings belong to the session's article. */
struct story_article {
	const char *title, *outlet, *date; /* NULL when the article does not say */
	size_t nclaims;			   /* anchored claims */
	size_t norphans;		   /* claims of the article that could not be placed */
	size_t naccusations;
	size_t nunanswered; /* accusations whose group nothing answers anywhere */
};

struct story {
	size_t narts;
	/* groups of 2 or more claims, most outlets first, then reading order
	 * (a group within one article has noutlets 1 and comes last) */
	struct story_group *groups;
	size_t ngroups;
	/* accusations, then rebutted plain claims, each in reading order of
	 * its `claim` */
	struct story_dispute *disputes;
	size_t ndisputes;
	/* per open article: its claims that no other outlet carries (no `same`
	 * partner in another article), in reading order */
	const size_t *solo[SESSION_MAX_ARTICLES];
	size_t nsolo[SESSION_MAX_ARTICLES];
	struct story_article arts[SESSION_MAX_ARTICLES];

	/* private: per claim, the group / dispute it belongs to (ANNOT_NONE) */
	size_t *group_of, *dispute_of;
	size_t nclaims;
	size_t *members, *links, *solo_buf;
};

/* Build from an anchored session (session_load_all or the reader's idle
 * steps done); rebuild after the annotations change. */
void story_build(struct story *st, const struct session *s);
void story_free(struct story *st);

/* The group / dispute of claim c, or ANNOT_NONE. */
size_t story_group_of(const struct story *st, size_t c);
size_t story_dispute_of(const struct story *st, size_t c);

/* A claim's partners for Enter: the claims linked to it and the other
 * claims of its `same` group, each once, in open article order, then
 * position. link is the link that joins them, ANNOT_NONE for a group
 * member reached through others. Returns the count; *out is malloc'd. */
struct story_partner {
	size_t claim, art, link;
};
size_t story_partners(const struct story *st, const struct session *s, size_t claim,
		      struct story_partner **out);

/* Scroll lock. The pairs two panes line up on: claims of open articles a
 * and b linked to each other or in one `same` group, as start offsets,
 * sorted by a and kept only where b also goes forward (the longest such
 * chain), so that the alignment is monotonic. *out is malloc'd. */
struct story_pair {
	size_t off_a, off_b;
};
size_t story_lock_pairs(const struct story *st, const struct session *s, size_t a, size_t b,
			struct story_pair **out);

/* Rows as the caller lays them out (the reader's layout, a test's model):
 * the row of an offset and the first offset of a row, counted from the
 * article's first row, and how many rows the article has. */
struct story_rows {
	size_t (*row_of)(void *ctx, size_t art, size_t off);
	size_t (*offset_of)(void *ctx, size_t art, size_t row);
	size_t (*nrows)(void *ctx, size_t art);
	void *ctx;
};
/* The top offset for pane b when pane a's top is top_a. Row ref_row of the
 * panes (e.g. the middle) is where they line up: a pair crossing it in pane
 * a is on the same row in b; between two pairs (and between the ends of
 * the articles and the first and last pair) b moves in proportion, so it is
 * monotonic in top_a (of claims on one row of a, the last lines up). A
 * pair at or above the reference row in either article is passed over, so
 * that a at its top puts b at its top; past the last pair b follows a row
 * for row, clamped to b's last row. O(log pairs) calls of row_of. */
size_t story_lock_top(const struct story_pair *pairs, size_t npairs, size_t a, size_t top_a,
		      size_t b, size_t ref_row, const struct story_rows *rows);

#endif
