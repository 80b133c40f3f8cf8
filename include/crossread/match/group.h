/* group: sentences that state the same thing across the articles of a
 * story, from the pairwise matches (match.h) of every pair of articles.
 * The `same` pairs are taken best first and joined into groups (union-find)
 * unless that would put two sentences of one article into one group; a
 * group is scored by the sum of the scores of its pairs, so one carried by
 * more outlets ranks higher. The `rebuts` pairs are listed apart, best
 * first. O(P log P) in the number of pairs. */
#ifndef CROSSREAD_GROUP_H
#define CROSSREAD_GROUP_H

#include <stddef.h>

#include "crossread/match/match.h"

/* at most this many articles: a group's articles fit one bit mask */
#define GROUP_MAX_ARTICLES 32

/* the pairwise matches of articles a and b (a != b), as match_articles
 * gives them: pair.a_* in article a, pair.b_* in article b */
struct group_input {
	size_t a, b;
	const struct match_pair *pairs;
	size_t npairs;
};

/* one sentence of a group */
struct group_sentence {
	size_t art, start, end;
	enum stance stance;
};

/* a pair of matched sentences, with the articles they are in */
struct group_pair {
	size_t a, b; /* articles of the pair's a and b sides */
	struct match_pair m;
};

struct match_group {
	const struct group_sentence *sent; /* by article, one per article */
	size_t nsent;			   /* >= 2 */
	const struct group_pair *pairs;	   /* the matched pairs within it, best first */
	size_t npairs;
	double score; /* sum of its pairs' scores */
};

struct match_groups {
	struct match_group *groups; /* best first */
	size_t ngroups;
	struct group_pair *rebuts; /* rebuttal pairs, best first */
	size_t nrebuts;
	/* private: what the groups point into */
	struct group_sentence *sent_buf;
	struct group_pair *pair_buf;
};

/* Group the matches of the pairs in[0..nin) of narts articles (at most
 * GROUP_MAX_ARTICLES; inputs naming an article beyond narts are passed
 * over). Free with match_groups_free. */
void match_group(size_t narts, const struct group_input *in, size_t nin, struct match_groups *out);
/* Match every pair of the texts text[0..narts) (lengths len) with opts
 * (NULL: the defaults; top applies to each pair) and group the matches,
 * as match_group over match_articles of every pair would, except that an
 * acronym defined in one article counts in all (match_story_scan). Each
 * article is prepared once (match.h's story), not once per pair. */
void match_group_texts(size_t narts, const char *const *text, const size_t *len,
		       const struct match_opts *opts, struct match_groups *out);
void match_groups_free(struct match_groups *g);

#endif
