/* match: finds the sentences of one article that state the same claim as,
 * or answer, sentences of another. Sentences (sentence.h) are weighted with
 * term weights over both articles (utf8proc NFKC case folding, English stop words,
 * Snowball stemming, numbers kept whole) and compared by cosine through an
 * inverted index, with bonuses for shared numbers and proper names; pairs
 * paired by competitive linking (each the other's best among the sentences
 * no better pair took) rank first. Works on plain strings.
 * Scoring is BM25 over the sentences of both articles, squashed to [0, 1);
 * WordNet relatives (wnet.h) count as soft matches; a denial is paired with
 * the accusations against its speaker's side (stance.h); a pair about the
 * same thing whose numbers differ is suggested as REL_CONTRADICTS. */
#ifndef CROSSREAD_MATCH_H
#define CROSSREAD_MATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "crossread/annot/annot.h"
#include "crossread/match/stance.h"

struct match_opts {
	size_t top;	  /* at most this many pairs; 0 = no limit */
	double min_score; /* leave out pairs scoring less */
	bool stem;	  /* Snowball English stemming */
	bool bonuses;	  /* number and proper-name bonuses */
	bool mutual;	  /* rank mutual best pairs above one-sided ones */
	bool wordnet;	  /* soft matches through WordNet, when its data is there */
};

/* The defaults, tuned so that what is left is worth reading. */
void match_opts_default(struct match_opts *o);

/* May preparing and scoring a long article use a second thread (on by
 * default)? The result is the same byte for byte either way; tests
 * compare the two. */
void match_threads(bool on);

#define MATCH_NUMBER_MAX 24

struct match_pair {
	size_t a_start, a_end; /* sentence in article A's text */
	size_t b_start, b_end; /* sentence in article B's text */
	double score;	       /* in [0, 1), higher is better */
	enum stance sa, sb;
	enum link_rel rel; /* REL_SAME, REL_REBUTS or REL_CONTRADICTS */
	bool mutual;	   /* paired by competitive linking: each the other's best
			    * among the sentences not paired by a better pair */
	/* REL_CONTRADICTS: a number of A's sentence that B's does not have,
	 * and one of B's that A's does not ("30000", "4.2"); else "" */
	char a_number[MATCH_NUMBER_MAX], b_number[MATCH_NUMBER_MAX];
};

/* Match the texts a[0..alen) and b[0..blen) (any bytes). Stores a malloc'd
 * array of pairs, best first, in *out (NULL if none; free() it) and returns
 * how many. opts NULL means the defaults. A story of the two, each
 * prepared once, then matched (match_prepared below). */
size_t match_articles(const char *a, size_t alen, const char *b, size_t blen,
		      const struct match_opts *opts, struct match_pair **out);

/* A story: one dictionary of words, stems, names and acronyms shared by
 * the articles prepared in it, so that each article of a story is split,
 * tokenised and stemmed once however many pairs it is in. */
struct match_story;
/* One article, prepared: its sentences, their terms, names and stances. */
struct match_article;

/* A story with options opts (NULL: the defaults); stem and wordnet are
 * the story's, the rest the default for match_prepared. */
struct match_story *match_story_new(const struct match_opts *opts);
/* Read the acronyms t[0..len) defines ("the Russian Anti-Doping Agency
 * (RUSADA)"): call it for every text of the story before preparing any,
 * so that an acronym defined in one article counts in all of them. */
void match_story_scan(struct match_story *st, const char *t, size_t len);
/* Prepare t[0..len), which must outlive the result; free it with
 * match_article_free before the story. */
struct match_article *match_prepare(struct match_story *st, const char *t, size_t len);
/* Match two articles prepared in st, as match_articles matches their
 * texts: BM25's idf and average length come from these two articles
 * alone, and the pairs are the ones a story of these two alone gives
 * (byte for byte); only the acronyms are the whole story's. opts NULL:
 * the story's. */
size_t match_prepared(struct match_story *st, const struct match_article *a,
		      const struct match_article *b, const struct match_opts *opts,
		      struct match_pair **out);
void match_article_free(struct match_article *ma);
void match_story_free(struct match_story *st);

/* The token form of a number for matching: "30,000" and "30000" both give
 * "30000", "4.2" stays "4.2". Writes at most outsz - 1 bytes and a NUL;
 * returns the length, or 0 if s[0..n) is not a number. */
size_t match_number(const char *s, size_t n, char *out, size_t outsz);

#endif
