/* wnet: what WordNet (Princeton's database through libwordnet, the data
 * from Debian's wordnet-base) knows about a word, for soft matching:
 * its lemmas, the synonyms of its first senses, its derivations and
 * pertainyms, and the places it belongs to (part holonyms up to a
 * country); and the synset a collocation of one sense names, with the
 * body it is a member of. Loaded at the first question and cached per word; without
 * the data every answer is empty. Words are folded lower case ASCII. */
#ifndef CROSSREAD_WNET_H
#define CROSSREAD_WNET_H

#include <stdbool.h>
#include <stddef.h>

#define WNET_WORD 48 /* longest word asked about or answered, with its NUL */

/* Is the WordNet data there? Opens it the first time (WNSEARCHDIR, else
 * the Debian path). */
bool wnet_available(void);

/* Related words of a kind, best first. */
enum wnet_kind {
	WNET_LEMMA,   /* base forms (morphy): "laboratories" -> "laboratory" */
	WNET_SYNONYM, /* one-word synonyms of the first sense of each part of
		       * speech: "lab" -> "laboratory" */
	WNET_DERIVED, /* derivations and pertainyms of the first senses:
		       * "explanation" -> "explain", "russian" -> "russia" */
	WNET_PLACE,   /* the country or city a place, a people or its
		       * adjective belongs to: "kremlin" -> "moscow", "russia";
		       * "beijing" -> "china"; "british" -> "britain"; and a
		       * named person's, from the demonym opening their gloss:
		       * "putin" ("Russian statesman ...") -> "russia" */
	WNET_KINDS
};

/* The words of that kind for w[0..n): a list of NUL-terminated words one
 * after another, ended by an empty one ("" if none or no data). Valid
 * until the next call. */
const char *wnet_related(const char *w, size_t n, enum wnet_kind kind);

/* Does WordNet know w[0..n) (or a form morphy makes of it)? */
bool wnet_knows(const char *w, size_t n);

/* The synset of the noun collocation w1 w2 (with of: w1 of w2; the last
 * word in any inflection, "nerve agents") when it has one sense only, as
 * an offset into WordNet's nouns: "nerve agent" and "nerve gas" are both
 * 14960721, "State Department" and "Department of State" both the
 * department's; -1 when it is no such collocation. *member: the synset of
 * the body it is a member of, when that is named by a collocation ("House
 * of Commons": "British Parliament"), else -1. Cached per collocation. */
long wnet_collocation(const char *w1, size_t n1, const char *w2, size_t n2, bool of, long *member);

/* Forget the cache and the set of known words (the data stays open and
 * mapped); for tests and the fuzzer. */
void wnet_reset(void);

#endif
