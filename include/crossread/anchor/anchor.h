/* anchor: places a claim's quote in an article's display text, robust to
 * edits: the `at` offset hint, then exact search in a normalised view of the
 * text (text.h's fold: white space, quotes, dashes, NFKC, case), then
 * approximate search (Myers' bit-parallel edit distance) scored with the
 * quote's prefix and suffix. A doubtful match is refused: an orphan is
 * better than a claim shown in the wrong place. Rules and thresholds are
 * documented in annotations/README.md. */
#ifndef CROSSREAD_ANCHOR_H
#define CROSSREAD_ANCHOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crossread/annot/annot.h"

struct article;

/* Fuzzy matching: at most quote length / ANCHOR_MAX_ERR_DIV edits (bytes of
 * the normalised quote), only for quotes of at least ANCHOR_MIN_FUZZY bytes;
 * the combined score must reach ANCHOR_MIN_SCORE. Quotes shorter than
 * ANCHOR_SHORT bytes found exactly but against their context are refused. */
#define ANCHOR_MAX_ERR_DIV 4
#define ANCHOR_MIN_FUZZY   12
#define ANCHOR_MIN_SCORE   0.75
#define ANCHOR_SHORT	   40
/* Approximate search reads at most ANCHOR_FUZZY_SPAN bytes of normalised
 * text per quote: all of a text that short, else that much centred on the
 * quote's `at` hint; without a hint a longer text gets no approximate
 * search, so its cost stays linear in the text (annotations/README.md). */
#define ANCHOR_FUZZY_SPAN (256 * 1024)
/* Bounds on the work of one quote, whatever the file gives (documented in
 * annotations/README.md): prefix and suffix are compared by their
 * ANCHOR_CTX_MAX normalised bytes nearest the quote; a quote longer than
 * ANCHOR_FUZZY_MAX normalised bytes is only looked for exactly; at most
 * ANCHOR_MAX_CANDS places are ranked (exact occurrences: those nearest the
 * `at` hint, else the first ones). */
#define ANCHOR_CTX_MAX	 256
#define ANCHOR_FUZZY_MAX 1024
#define ANCHOR_MAX_CANDS 4096
/* Approximate matching of one article's claims stops once it has cost this
 * many Myers block steps (one block of a quote against one byte: 2.6e8 is
 * about a second): the claims after that which would need it are orphans. */
#define ANCHOR_FUZZY_BUDGET ((uint64_t)256 << 20)
/* Two candidates closer than this in score are a tie: an orphan. */
#define ANCHOR_TIE 0.02
/* Context length written by anchor_context (bytes, cut on characters). */
#define ANCHOR_CONTEXT 32

struct anchor_match {
	bool found;
	size_t start, end; /* byte offsets into the display text */
	double score;	   /* 1.0 exact with agreeing context, less when fuzzy */
	enum anchor_how how;
};

/* A normalised view of a display text with a (sparse) map back to its
 * offsets; build once per article, then anchor any number of quotes in it. */
struct anchor_text;

struct anchor_text *anchor_text_new(const char *text, size_t len);
void anchor_text_free(struct anchor_text *t);
struct anchor_match anchor_find_in(const struct anchor_text *t, const char *quote,
				   const char *prefix, const char *suffix, long hint);
/* One-shot form of the two above. */
struct anchor_match anchor_find(const char *text, size_t len, const char *quote, const char *prefix,
				const char *suffix, long hint);

/* Anchor every claim whose article is open: arts[i] belongs to
 * an->articles[i] (NULL when not open; its claims are left untouched).
 * Fills claim.art/how/start/end/score; how == ANCHOR_NONE is an orphan. */
void anchor_claims(struct annot *an, struct article **arts);
/* The same for the claims of annotation article a only, in art. */
void anchor_claims_of(struct annot *an, size_t a, struct article *art);

/* The normalised form anchoring compares (malloc'd, NUL-terminated): text.h's
 * fold, case folded (runs of white space as one space, typographic quotes,
 * primes and dashes as ASCII, NFKC). Leading and trailing space trimmed when
 * trim is set. */
char *anchor_normalize(const char *s, size_t len, bool trim, size_t *out_len);

/* Prefix and suffix (about ANCHOR_CONTEXT bytes each, on character
 * boundaries) of [start, end) in text, malloc'd; for writing new claims. */
void anchor_context(const char *text, size_t len, size_t start, size_t end, char **prefix,
		    char **suffix);

/* Work done by anchoring on this thread so far, in Myers block steps (one
 * 64-bit block of a pattern against one byte of text) plus bytes compared
 * exactly: tests hold it to the bounds above without timing anything. */
uint64_t anchor_work(void);

/* Myers' bit-parallel edit distance of pat against text: out[j] is the
 * smallest distance between pat and a substring of text ending after byte j
 * (anchored: the substring must start at text[0]). Exposed for tests. */
void anchor_myers(const char *pat, size_t m, const char *text, size_t n, bool anchored,
		  int32_t *out);

#endif
