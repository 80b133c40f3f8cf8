/* match: sentence pairs across two articles. Owns the tokeniser (words and
 * numbers, NFKC case folding, stop words, Snowball stems, two-word phrases,
 * the words of a sentence's attribution), the term table,
 * TF-IDF weighting over both articles, the inverted index over article B,
 * and the pairing policy (best matches each way, the pairs competitive
 * linking makes first).
 *
 * Cost: tokenising is linear in the text; scoring an A sentence touches the
 * postings of its terms only. Terms found in more than FREQUENT_DF B
 * sentences carry little weight and would make the scoring quadratic, so
 * their postings are not walked: they are added afterwards to the best
 * FREQUENT_CANDS candidates the other terms found, which keeps those
 * candidates' scores exact and the candidates per sentence bounded.
 *
 * A story (match_story_new) prepares each article once: sentences, terms,
 * names and stances against one dictionary; a pair is then scored from two
 * prepared articles with its own term numbering, idf and name sides. */
#include "crossread/match/match.h"

#include <libstemmer.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "crossread/doc/sentence.h"
#include "crossread/match/wnet.h"
#include "crossread/base/hashmap.h"
#include "crossread/base/text.h"
#include "crossread/base/util.h"

/* Ranking constants, tuned on the bundled articles against the curated
 * links (bench/match.sh prints the effect). */
#define BM25_K1	    1.2
#define BM25_B	    0.75
#define BM25_SQUASH 8.0
#define SCORE_HALF                                                                                 \
	0.5 /* the ranking score that is shown as 0.5 */ /* score s (about 0..30) shown as s / (s  \
							    + 8) */
#define SOFT_W	     0.2 /* a WordNet relative counts this much of a word */
#define MEMBER_W     0.5 /* the body a named body is a member of ("House of Commons": Parliament) */
#define SPEAKER_W    0.3 /* a word both sentences' attributions have: who speaks */
#define PHRASE_TERMS 8192 /* terms the two-word phrases are hashed into */
#define PHRASE_DF    64	 /* a phrase needs a word in this many of its article's sentences at most */
#define CONTRA_MIN   0.0 /* the least score of a pair to contradict */
#define REBUT_SIDE   0.15 /* factor added to a denial answering its side's accusation */
#define STANCE_PAIRS 256  /* accusations (and denials) of B paired at most */
#define BONUS_NUMBER 0.20 /* per shared number, scaled by its idf */
#define BONUS_NAME   0.15 /* per shared proper name, scaled by its idf */
#define BONUS_STANCE 0.05 /* one accuses, the other rebuts */
#define BONUS_MAX    0.40
#define ONE_SIDED    0.85 /* rank factor of a pair that is not mutual */
#define HEADING	     0.50 /* factor for a pair with a heading or caption */
#define SINGLE	     0.50 /* factor for a pair sharing a single term */
#define TOPK	     3
#define TOPR	     2
#define REBUT_ADD    0.23 /* added to a denial answering its side's accusation (dev corpus) */
#define MISFIT	     0.90 /* factor of an answer to another kind of act */
#define SAME_ACT     0.15 /* added when one side does the same act in both */
#define HSLOTS	     (TOPK + TOPR)
/* what the word of accusing ("accused", "allegations") counts in a pair
 * where one accuses and the other denies: the denial names the charge,
 * which says little about which charge it answers */
#define ACCUSE_W 0.5
/* dev corpus: precision 0.89 (24/27), recall 21/27 (0.50: 0.83, 22/27);
 * 0.56 left out the pairs of the short texts of e2e annotate and match */
#define DEFAULT_MIN    0.51
#define FREQUENT_DF    64 /* postings walked per term at most, whatever the size */
#define FREQUENT_CANDS 32 /* candidates that get the frequent terms added */

/* English stop words: function words plus the reporting verbs that every
 * news sentence has and that say nothing about the claim. */
static const char *const stop_words[] = {
    "a",	  "about",    "above",	    "after",	"again",     "against", "all",
    "also",	  "am",	      "an",	    "and",	"any",	     "are",	"as",
    "at",	  "be",	      "because",    "been",	"before",    "being",	"below",
    "between",	  "both",     "but",	    "by",	"can",	     "could",	"did",
    "do",	  "does",     "doing",	    "down",	"during",    "each",	"either",
    "else",	  "even",     "ever",	    "every",	"few",	     "for",	"from",
    "further",	  "had",      "has",	    "have",	"having",    "he",	"her",
    "here",	  "hers",     "herself",    "him",	"himself",   "his",	"how",
    "however",	  "i",	      "if",	    "in",	"into",	     "is",	"it",
    "its",	  "itself",   "just",	    "least",	"less",	     "let",	"like",
    "many",	  "may",      "me",	    "might",	"more",	     "most",	"much",
    "must",	  "my",	      "myself",	    "neither",	"no",	     "nor",	"not",
    "now",	  "of",	      "off",	    "on",	"once",	     "one",	"only",
    "or",	  "other",    "others",	    "ought",	"our",	     "ours",	"ourselves",
    "out",	  "over",     "own",	    "per",	"perhaps",   "quite",	"rather",
    "same",	  "she",      "should",	    "since",	"so",	     "some",	"still",
    "such",	  "than",     "that",	    "the",	"their",     "theirs",	"them",
    "themselves", "then",     "there",	    "these",	"they",	     "this",	"those",
    "though",	  "through",  "thus",	    "to",	"too",	     "toward",	"towards",
    "under",	  "until",    "up",	    "upon",	"very",	     "via",	"was",
    "we",	  "were",     "what",	    "whatever", "when",	     "where",	"whether",
    "which",	  "while",    "who",	    "whom",	"whose",     "why",	"will",
    "with",	  "within",   "without",    "would",	"yet",	     "you",	"your",
    "yours",	  "yourself", "yourselves", "it's",	"we'll",     "we're",	"they're",
    "don't",	  "doesn't",  "didn't",	    "isn't",	"wasn't",    "aren't",	"can't",
    "won't",	  "he's",     "she's",	    "that's",	"there's",   "i'm",	"said",
    "says",	  "say",      "saying",	    "told",	"according", "added",	"mr",
    "mrs",	  "ms",	      "another",    "among",	"around",    "across",	"along",
    "already",	  "although", "always",	    "become",	"became",    "cannot",	"done",
    "get",	  "got",      "made",	    "make",	"often",     "several", "first",
    "last",	  "next",     "new",	    "time",
};

/* Words that name the same thing for matching purposes (mostly the denial
 * vocabulary, so that "groundless" answers "baseless"). */
static const char *const synonyms[][2] = {
    {"groundless", "baseless"},
    {"unfounded", "baseless"},
    {"cyberattack", "cyber attack"},
    {"cyberattacks", "cyber attacks"},
    {"beijing", "china"},
    {"washington", "us"},
    {"america", "us"},
    {"moscow", "russia"},
    {"britain", "uk"},
    /* the words of blame (stance.c's): "on Putin's orders" says who is
     * responsible; and an answer ("a response") is none, though the
     * stemmer makes "respons" of both */
    {"responsible", "culpable"},
    {"responsibility", "culpable"},
    {"orders", "culpable"},
    {"ordered", "culpable"},
    {"involved", "culpable"},
    {"involvement", "culpable"},
    /* the words of likelihood, as an assessment gives it ("highly likely",
     * "a very high probability", "probably") */
    {"likely", "probable"},
    {"likelihood", "probable"},
    {"probability", "probable"},
    {"probably", "probable"},
    /* the words of proof and certainty ("unequivocal proof", "undoubted
     * evidence", "irrefutable evidence") */
    {"proof", "evidence"},
    {"undoubted", "unequivocal"},
    {"undeniable", "unequivocal"},
    {"indisputable", "unequivocal"},
    {"irrefutable", "unequivocal"},
    {"incontrovertible", "unequivocal"},
    {"unquestionable", "unequivocal"},
};

/* ---- tokens ---- */

#define TOK_NAME   1u /* capitalised, not the sentence's first word */
#define TOK_NUMBER 2u
#define TOK_SOFT   4u  /* a WordNet relative of the sentence's word only */
#define TOK_PHRASE 16u /* two words in a row ("attempted murder"), one term */
#define TOK_GAP	   32u /* a stop word before it (while tokenising only) */
#define TOK_MEMBER                                                                                 \
	128u /* with TOK_SOFT: the body a collocation's body is a member of ("House of Commons":   \
	      * "British Parliament"), MEMBER_W of a word */
#define TOK_COLLOC                                                                                 \
	64u /* a WordNet collocation's synset ("nerve agent", "nerve gas"): stands for the         \
	     * two-word phrase of the words around it (with TOK_PHRASE) */
#define TOK_SPEAKER                                                                                \
	8u /* only in the sentence's attribution ("Prime Minister Theresa May said"): who speaks,  \
	    * not what is said */

struct tok {
	int32_t term;
	uint8_t flags;
};

/* the terms a distinct word stands for (none for a stop word) */
struct wterm {
	int32_t t[2];
	uint8_t n;
	uint8_t nsoft;	   /* WordNet's related terms (soft matches) */
	int8_t numk;	   /* the word as it came: its number word's index, or -1 */
	bool stop;	   /* ...and is it a stop word */
	bool wn;	   /* ...does WordNet know it (could it start or end a collocation) */
	uint32_t soft_off; /* ...at T->soft[soft_off, + nsoft) */
};

#define SOFT_MAX 8 /* soft terms of a word at most */

/* What preparing one article records beyond its sentences, so that a pair
 * of articles prepared against one story-wide dictionary is scored exactly
 * as if the pair had had a dictionary of its own: the terms in the order
 * the article first used them (a fresh dictionary numbers terms in that
 * order, and the order of a sentence's terms breaks ties), the names in the
 * same way, and the names its attributions join. */
struct trace {
	int32_t *term; /* distinct terms, in the order first used */
	size_t nterm, tcap;
	size_t alias_at; /* terms recorded when the phrase aliases were first
			  * looked up; SIZE_MAX: never */
	int32_t *name;	 /* distinct names, in the order name_id first saw them */
	size_t nname, ncap;
	int32_t *join; /* pairs of names joined (a speaker and their body) */
	size_t njoin, jcap;
	uint32_t serial; /* stamps in the dictionary that mean "recorded" */
};

struct terms {
	struct hashmap words; /* folded word -> index into wt */
	struct wterm *wt;
	size_t nwt, wt_cap;
	int32_t *soft;
	size_t nsoft, soft_cap;
	int32_t last_wt;	/* the wterm word_terms looked up last */
	struct hashmap acro;	/* acronym defined in a text -> offset into acro_words */
	struct hashmap capstop; /* stop words that are a name's last word in a text */
	struct buf acro_words;	/* its expansion: words, each NUL-ended, then "" */
	bool wordnet;
	struct hashmap stems; /* stem (or number) -> term id */
	uint32_t *stamp;      /* per term: the serial of the trace that last recorded it */
	uint8_t *is_number;
	uint32_t *thash; /* per term: a hash of its stem, the same in every story */
	size_t n, cap;
	struct sb_stemmer *stemmer;
	bool stem, concepts;
	bool alias_ready;
	int32_t *alias_terms; /* what looking the phrase aliases up used */
	size_t nalias_terms;
	struct trace *rec; /* the article being prepared: its trace; NULL: none */
	uint32_t serial;   /* the last trace's serial */
	/* sides: the people, places and bodies named, joined when one speaks
	 * for another (union-find over folded name words) */
	struct hashmap names;
	int32_t *parent;    /* a pair's union-find while it is scored, else NULL */
	uint32_t *nstamp;   /* per name: the serial of the trace that last recorded it */
	int32_t *place_off; /* per name: its places at places[place_off, + place_n) */
	int32_t *place_n;   /* ...-1: not looked up yet */
	int32_t *places;
	size_t nplaces, pcap;
	size_t nnames, ncap;
	int32_t alias[3][3]; /* term ids of phrase_aliases */
	/* the PHRASE_TERMS terms of two-word phrases: phrase0 and on, made
	 * together before an article first needs them; per phrase term, the
	 * serial of the trace that last recorded it (NULL: none made yet) */
	int32_t phrase0;
	uint32_t *pstamp;
};

/* one article's sentences with their sparse TF-IDF vectors */
struct side {
	struct sentence *s;
	size_t n;
	size_t *off; /* n + 1 offsets into term/w/flags; terms sorted */
	int32_t *term;
	float *w;
	uint8_t *flags;
	size_t nt, tcap;
	enum stance *st; /* each sentence's stance */
	uint8_t *act;	 /* ...and act (enum stance_act) */
	bool *charge;	 /* ...and whether it names a charge (stance_attr's) */
	bool *head;	 /* no final punctuation: a heading or caption */
	int32_t *tid;	 /* same id for sentences with the same text */
	int32_t *spk;	 /* the speaker's name id, or -1 */
	size_t *noff;	 /* n + 1 offsets into nm: the names each sentence holds */
	int32_t *nm;
	size_t nnm, nmcap;
	int32_t deny_side; /* who speaks in most of its denials, or -1 */
	uint32_t *len;	   /* each sentence's tokens */
};

static bool is_upper_cp(int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static bool is_ascii_digit(int32_t cp)
{
	return cp >= '0' && cp <= '9';
}

size_t match_number(const char *s, size_t n, char *out, size_t outsz)
{
	size_t o = 0;
	if (n == 0 || outsz == 0 || !(s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool next_digit = i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9';
		bool prev_digit = i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9';
		if (c >= '0' && c <= '9') {
			if (o + 1 >= outsz)
				return 0;
			out[o++] = c;
		} else if (c == ',' && prev_digit && next_digit) {
			/* thousands separator: 30,000 is 30000 */
		} else if (c == '.' && prev_digit && next_digit) {
			if (o + 1 >= outsz)
				return 0;
			out[o++] = c;
		} else {
			return 0;
		}
	}
	out[o] = '\0';
	return o;
}

static int32_t new_term(struct terms *T, bool number)
{
	if (T->n == T->cap) { /* three arrays, one capacity */
		GROW(T->stamp, T->cap, T->n + 1);
		T->is_number = xreallocarray(T->is_number, T->cap, sizeof *T->is_number);
		T->thash = xreallocarray(T->thash, T->cap, sizeof *T->thash);
	}
	T->stamp[T->n] = 0;
	T->is_number[T->n] = number;
	T->thash[T->n] = 0;
	return (int32_t)T->n++;
}

/* Note that the article being prepared uses term t (first use only). */
static void trace_term(struct terms *T, int32_t t)
{
	struct trace *r = T->rec;
	if (!r || T->stamp[t] == r->serial)
		return;
	T->stamp[t] = r->serial;
	GROW(r->term, r->tcap, size_add(r->nterm, 1));
	r->term[r->nterm++] = t;
}

/* A year says little: "in 2020" is in half the sentences of a news story
 * and is no sign that two of them state the same fact. */
static bool is_year(const char *w, size_t n)
{
	return n == 4 && (w[0] == '1' || w[0] == '2') && (w[1] == '9' || w[1] == '0') &&
	       !memchr(w, '.', n);
}

/* Stems that stand for the same act: accusing, denying and demanding. The
 * cue words of stance.c, so that "denied" matches "rejected", "alleged"
 * matches "accused" and "set a deadline" matches "demanded a response"
 * whatever the exact word. */
static const char *const stem_synonyms[][2] = {
    {"accus", "ACCUSE"},  {"alleg", "ACCUSE"},	 {"charg", "ACCUSE"},	  {"indict", "ACCUSE"},
    {"blame", "ACCUSE"},  {"deni", "DENY"},	 {"reject", "DENY"},	  {"refut", "DENY"},
    {"dismiss", "DENY"},  {"rebut", "DENY"},	 {"denial", "DENY"},	  {"baseless", "DENY"},
    {"demand", "DEMAND"}, {"deadlin", "DEMAND"}, {"ultimatum", "DEMAND"},
};

/* ---- the word lists, indexed once ----
 * Looking a word up in the stop list, the synonyms, the stem synonyms and
 * the number words is one hash probe, not a walk through the lists: the
 * index (base's hash map) is built at
 * the first call and then read only (crossread is single-threaded). */

/* English number words and their values ("hundreds" too). */
static const char *const number_words[] = {
    "zero",	"one",	     "two",	 "three",    "four",	"five",	    "six",	"seven",
    "eight",	"nine",	     "ten",	 "eleven",   "twelve",	"thirteen", "fourteen", "fifteen",
    "sixteen",	"seventeen", "eighteen", "nineteen", "twenty",	"thirty",   "forty",	"fifty",
    "sixty",	"seventy",   "eighty",	 "ninety",   "hundred", "thousand", "million",	"billion",
    "hundreds", "thousands", "millions", "billions",
};
static const double number_values[] = {
    0,	1,  2,	3,  4,	5,  6,	7,  8,	9,  10,	 11,  12,  13,	14,  15,  16,  17,
    18, 19, 20, 30, 40, 50, 60, 70, 80, 90, 1e2, 1e3, 1e6, 1e9, 1e2, 1e3, 1e6, 1e9,
};
_Static_assert(sizeof number_words / sizeof number_words[0] ==
		   sizeof number_values / sizeof number_values[0],
	       "a value for every number word");

enum lex_kind { LEX_STOP, LEX_SYNONYM, LEX_STEM_SYNONYM, LEX_NUMBER, LEX_KINDS };

/* word -> its index in each list, 16 bits a kind (0xffff: not in it) */
static struct hashmap lex;

static void lex_put(enum lex_kind kind, const char *w, size_t index)
{
	bool added;
	size_t *v = hashmap_put(&lex, w, strlen(w), &added);
	if (added)
		*v = SIZE_MAX;
	size_t sh = 16 * (size_t)kind;
	if (((*v >> sh) & 0xffff) == 0xffff) /* the first entry wins, as a walk would find it */
		*v = (*v & ~((size_t)0xffff << sh)) | ((size_t)index << sh);
}

static void lex_init(void)
{
	for (size_t i = 0; i < sizeof stop_words / sizeof stop_words[0]; i++)
		lex_put(LEX_STOP, stop_words[i], i);
	for (size_t i = 0; i < sizeof synonyms / sizeof synonyms[0]; i++)
		lex_put(LEX_SYNONYM, synonyms[i][0], i);
	for (size_t i = 0; i < sizeof stem_synonyms / sizeof stem_synonyms[0]; i++)
		lex_put(LEX_STEM_SYNONYM, stem_synonyms[i][0], i);
	for (size_t i = 0; i < sizeof number_words / sizeof number_words[0]; i++)
		lex_put(LEX_NUMBER, number_words[i], i);
}

/* w[0..n)'s index in the list of that kind, or -1. */
static int lex_find(enum lex_kind kind, const char *w, size_t n)
{
	if (!lex.n)
		lex_init();
	const size_t *v = hashmap_get(&lex, w, n);
	size_t x = v ? (*v >> (16 * (size_t)kind)) & 0xffff : 0xffff;
	return x == 0xffff ? -1 : (int)x;
}

/* Is w[0..n) a number as the tokeniser writes one (digits, maybe a '.')?
 * Whatever the path that meets it first (a token, a WordNet relative: "ten"
 * gives "10"), such a term is a number, so that a pair's bonuses do not
 * depend on which article of a story used it first. */
static bool is_numeral(const char *w, size_t n)
{
	bool digit = false;
	for (size_t i = 0; i < n; i++) {
		if (w[i] >= '0' && w[i] <= '9')
			digit = true;
		else if (w[i] != '.')
			return false;
	}
	return digit;
}

static int32_t stem_term(struct terms *T, const char *w, size_t n, bool number)
{
	number = number || is_numeral(w, n);
	const char *key = w;
	size_t klen = n;
	if (T->stem && !number) {
		const sb_symbol *st = sb_stemmer_stem(T->stemmer, (const sb_symbol *)w, (int)n);
		if (st) {
			key = (const char *)st;
			klen = (size_t)sb_stemmer_length(T->stemmer);
		}
	}
	if (!number && T->concepts) {
		int c = lex_find(LEX_STEM_SYNONYM, key, klen);
		if (c >= 0) {
			key = stem_synonyms[c][1];
			klen = strlen(key);
		}
	}
	bool added;
	size_t *v = hashmap_put(&T->stems, key, klen, &added);
	if (added) {
		*v = (size_t)new_term(T, number && !is_year(key, klen));
		T->thash[*v] = (uint32_t)hash_bytes(key, klen);
	}
	return (int32_t)*v;
}

static bool is_stop(const char *w, size_t n)
{
	return lex_find(LEX_STOP, w, n) >= 0;
}

/* The term of WordNet's noun synset at offset off: what the collocations
 * it holds stand for ("nerve agent", "nerve gas"). Its key cannot be a
 * word's stem. */
static int32_t colloc_term(struct terms *T, long off)
{
	char key[32];
	int kl = snprintf(key, sizeof key, "\x01wn%ld", off);
	bool added;
	size_t *v = hashmap_put(&T->stems, key, (size_t)kl, &added);
	if (added) {
		*v = (size_t)new_term(T, false);
		T->thash[*v] = (uint32_t)hash_bytes(key, (size_t)kl);
	}
	trace_term(T, (int32_t)*v);
	return (int32_t)*v;
}

/* British spellings folded to American ones, by rule (each rule maps
 * both spellings to one form, so applying it to words that have no
 * other spelling is harmless): colour/color, organise/organize,
 * analyse/analyze, centre/center, defence/defense, catalogue/catalog,
 * travelled/traveled, and a few words of their own. Writes the folded
 * word to out (n + 1 bytes at most) and returns its length. */
static size_t spelling_fold(const char *w, size_t n, char *out)
{
	static const char *const own[][2] = {
	    {"programme", "program"},  {"programmes", "programs"},
	    {"grey", "gray"},	       {"tyre", "tire"},
	    {"tyres", "tires"},	       {"aluminium", "aluminum"},
	    {"jewellery", "jewelry"},  {"sceptical", "skeptical"},
	    {"mould", "mold"},	       {"plough", "plow"},
	    {"manoeuvre", "maneuver"}, {"licence", "license"},
	    {"pretence", "pretense"},  {"cheque", "check"},
	    {"storey", "story"},       {"paediatric", "pediatric"},
	    {"anaemia", "anemia"},     {"oestrogen", "estrogen"},
	};
	memcpy(out, w, n);
	out[n] = '\0';
	for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
		if (strlen(own[i][0]) == n && !memcmp(w, own[i][0], n)) {
			size_t k = strlen(own[i][1]);
			memcpy(out, own[i][1], k + 1);
			return k;
		}
	static const struct {
		const char *from, *to;
		size_t min; /* letters before the ending */
	} rules[] = {
	    {"our", "or", 3},
	    {"ours", "ors", 3},
	    {"oured", "ored", 3},
	    {"ouring", "oring", 3},
	    {"ourite", "orite", 3},
	    {"ourites", "orites", 3},
	    {"ourable", "orable", 3},
	    {"ise", "ize", 2},
	    {"ises", "izes", 2},
	    {"ised", "ized", 2},
	    {"ising", "izing", 2},
	    {"isation", "ization", 2},
	    {"isations", "izations", 2},
	    {"yse", "yze", 2},
	    {"ysed", "yzed", 2},
	    {"ysing", "yzing", 2},
	    {"tre", "ter", 3},
	    {"tres", "ters", 3},
	    {"bre", "ber", 3},
	    {"bres", "bers", 3},
	    {"fence", "fense", 1},
	    {"fences", "fenses", 1},
	    {"ogue", "og", 3},
	    {"ogues", "ogs", 3},
	    {"elled", "eled", 3},
	    {"elling", "eling", 3},
	    {"eller", "eler", 3},
	};
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		size_t fl = strlen(rules[i].from), tl = strlen(rules[i].to);
		if (n < fl + rules[i].min || memcmp(w + n - fl, rules[i].from, fl))
			continue;
		/* four, hour, your, flour: too short before "our" to change */
		memcpy(out + n - fl, rules[i].to, tl + 1);
		return n - fl + tl;
	}
	return n;
}

/* The value of an English number word, or -1: "four" 4, "thirty" 30,
 * "thousand" 1000. One probe of the word lists' index. */
static double number_word(const char *w, size_t n)
{
	int k = lex_find(LEX_NUMBER, w, n);
	return k < 0 ? -1 : number_values[k];
}

static bool is_multiplier(double v)
{
	return v == 100 || v == 1e3 || v == 1e6 || v == 1e9;
}

/* The terms of what WordNet relates to w[0..n) (its lemmas, first-sense
 * synonyms, derivations and pertainyms, the places it lies in), stemmed
 * like any word, those of `own` left out: appended to T->soft, their
 * start in *off; returns how many. */
static size_t word_soft(struct terms *T, const char *w, size_t n, const int32_t *own, size_t nown,
			uint32_t *off)
{
	static const enum wnet_kind kinds[] = {WNET_LEMMA, WNET_DERIVED, WNET_SYNONYM, WNET_PLACE};
	char rel[SOFT_MAX][WNET_WORD];
	size_t nrel = 0;
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		for (const char *p = wnet_related(w, n, kinds[k]); *p && nrel < SOFT_MAX;
		     p += strlen(p) + 1) {
			size_t o = 0; /* "u.s." is "us", as the tokeniser reads it */
			for (const char *q = p; *q && o + 1 < WNET_WORD; q++)
				if (*q != '.')
					rel[nrel][o++] = *q;
			rel[nrel][o] = '\0';
			if (o > 1 && !is_stop(rel[nrel], o))
				nrel++;
		}
	*off = (uint32_t)T->nsoft;
	size_t got = 0;
	for (size_t r = 0; r < nrel; r++) {
		char us[WNET_WORD];
		size_t ul = spelling_fold(rel[r], strlen(rel[r]), us);
		int32_t t = stem_term(T, us, ul, false);
		bool dup = false;
		for (size_t i = 0; i < nown && !dup; i++)
			dup = own[i] == t;
		for (size_t i = 0; i < got && !dup; i++)
			dup = T->soft[*off + i] == t;
		if (dup)
			continue;
		GROW(T->soft, T->soft_cap, T->nsoft + 1);
		T->soft[T->nsoft++] = t;
		got++;
	}
	return got;
}

/* Term ids for a folded word, cached: the stop list, the synonyms and the
 * stemmer run once per distinct word. Writes 0, 1 or 2 terms to out. */
static size_t word_terms_of(struct terms *T, size_t x, int32_t out[2]);

static size_t word_terms(struct terms *T, const char *w, size_t n, bool number, int32_t out[2])
{
	const size_t *v = hashmap_get(&T->words, w, n);
	if (!v) {
		int numk = number ? -1 : lex_find(LEX_NUMBER, w, n);
		struct wterm wt = {{-1, -1}, 0, 0, (int8_t)numk, !number && is_stop(w, n),
				   false,    0};
		char us[64];
		const char *key = w;
		size_t klen = n;
		if (!number && n < sizeof us) {
			n = spelling_fold(w, n, us);
			w = us;
		}
		if (number) {
			wt.t[wt.n++] = stem_term(T, w, n, true);
		} else if (n > 1 && !is_stop(w, n)) {
			const char *use = w;
			size_t ulen = n;
			int syn = lex_find(LEX_SYNONYM, w, n);
			if (syn >= 0) {
				use = synonyms[syn][1];
				ulen = strlen(use);
			}
			const char *sp = memchr(use, ' ', ulen);
			if (sp) { /* a two-word expansion */
				wt.t[wt.n++] = stem_term(T, use, (size_t)(sp - use), false);
				use = sp + 1;
				ulen = strlen(use);
			}
			wt.t[wt.n++] = stem_term(T, use, ulen, false);
			/* a word the synonyms name as another means that one only:
			 * no relatives of its own ("responsibleness", which the
			 * stemmer makes "respons" as it makes "response") */
			if (T->wordnet && syn < 0) {
				wt.nsoft = (uint8_t)word_soft(T, w, n, wt.t, wt.n, &wt.soft_off);
				wt.wn = wnet_knows(w, n);
			}
		}
		GROW(T->wt, T->wt_cap, T->nwt + 1);
		T->wt[T->nwt] = wt;
		size_t *nv = hashmap_put(&T->words, key, klen, NULL);
		*nv = T->nwt++;
		v = nv;
	}
	return word_terms_of(T, *v, out);
}

/* The terms of the word at T->wt[x], as word_terms gives them. */
static size_t word_terms_of(struct terms *T, size_t x, int32_t out[2])
{
	T->last_wt = (int32_t)x;
	const struct wterm *wt = &T->wt[x];
	for (size_t i = 0; i < wt->n; i++) {
		out[i] = wt->t[i];
		trace_term(T, wt->t[i]);
	}
	for (size_t i = 0; i < wt->nsoft; i++)
		trace_term(T, T->soft[wt->soft_off + i]);
	return wt->n;
}

/* Two-word names with a one-word form ("United States" is "US"). */
static const char *const phrase_aliases[][3] = {
    {"united", "states", "us"},
    {"united", "kingdom", "uk"},
    {"european", "union", "eu"},
};

static int32_t phrase_alias(struct terms *T, int32_t first, int32_t second)
{
	if (first < 0)
		return -1;
	/* a dictionary of the article's own would look the aliases up here */
	if (T->rec && T->rec->alias_at == SIZE_MAX)
		T->rec->alias_at = T->rec->nterm;
	if (!T->alias_ready) {
		struct trace *own = T->rec, tr = {0};
		tr.serial = ++T->serial;
		T->rec = &tr;
		for (size_t i = 0; i < sizeof phrase_aliases / sizeof phrase_aliases[0]; i++)
			for (size_t j = 0; j < 3; j++) {
				int32_t id[2];
				const char *w = phrase_aliases[i][j];
				T->alias[i][j] =
				    word_terms(T, w, strlen(w), false, id) == 1 ? id[0] : -2;
			}
		T->rec = own;
		T->alias_terms = tr.term;
		T->nalias_terms = tr.nterm;
		T->alias_ready = true;
	}
	for (size_t i = 0; i < sizeof phrase_aliases / sizeof phrase_aliases[0]; i++)
		if (T->alias[i][0] == first && T->alias[i][1] == second)
			return T->alias[i][2];
	return -1;
}

struct toks {
	struct tok *v;
	size_t n, cap;
	size_t spk_start, spk_end; /* the words starting here are the speaker's */
	size_t *off;		   /* an article's tokens: each sentence's start */
};

/* Acronyms a text defines: "the Russian Anti-Doping Agency (RUSADA)". An
 * acronym of 2 to 8 capitals in brackets stands for the closest run of
 * words before it that starts with its first letter and holds all its
 * letters in order (inside words too: RUs-sian A-nti D-oping A-gency). */
static void acro_scan(struct terms *T, const char *t, size_t len)
{
	for (size_t i = 0; i + 3 < len; i++) {
		const char *open = memchr(t + i, '(', len - 3 - i);
		if (!open)
			break;
		i = (size_t)(open - t);
		size_t k = i + 1;
		while (k < len && k - i <= 9 && t[k] >= 'A' && t[k] <= 'Z')
			k++;
		size_t al = k - i - 1;
		if (k >= len || t[k] != ')' || al < 2 || al > 8)
			continue;
		const char *ac = t + i + 1;
		/* up to 10 words back, across spaces and hyphens only */
		size_t ws[10], we[10], nw = 0, j = i;
		while (nw < 10) {
			while (j > 0 && (t[j - 1] == ' ' || t[j - 1] == '-'))
				j--;
			size_t e = j;
			while (j > 0 && ((t[j - 1] >= 'a' && t[j - 1] <= 'z') ||
					 (t[j - 1] >= 'A' && t[j - 1] <= 'Z')))
				j--;
			if (j == e)
				break;
			ws[nw] = j, we[nw] = e, nw++;
			if (j == 0 || (t[j - 1] != ' ' && t[j - 1] != '-'))
				break;
		}
		for (size_t w = 0; w < nw; w++) { /* w: the span's first word, closest first */
			if ((t[ws[w]] | 0x20) != (ac[0] | 0x20))
				continue;
			size_t m = 0;
			for (size_t x = w + 1; x-- > 0 && m < al;)
				for (size_t c = ws[x]; c < we[x] && m < al; c++)
					m += (t[c] | 0x20) == (ac[m] | 0x20);
			if (m < al)
				continue;
			char key[9];
			for (size_t c = 0; c < al; c++)
				key[c] = (char)(ac[c] | 0x20);
			bool added;
			size_t *v = hashmap_put(&T->acro, key, al, &added);
			if (!added)
				break; /* the first definition stands */
			*v = T->acro_words.len;
			for (size_t x = w + 1; x-- > 0;) {
				for (size_t c = ws[x]; c < we[x]; c++)
					buf_addc(&T->acro_words,
						 (char)(t[c] >= 'A' && t[c] <= 'Z' ? t[c] | 0x20
										   : t[c]));
				buf_add(&T->acro_words, "", 1);
			}
			buf_add(&T->acro_words, "", 1);
			break;
		}
	}
}

/* Stop words a text uses as the last word of a name, after another
 * capitalised word inside a sentence ("Theresa May", "Ms May"), so that
 * the same word opening a sentence ("May said") is that name too. */
static void capstop_scan(struct terms *T, const char *t, size_t len)
{
	size_t i = 0;
	bool prev_cap = false, start = true;
	while (i < len) {
		unsigned char c = (unsigned char)t[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
			if (c == '.' || c == '!' || c == '?' || c == '\n' || c == '"')
				start = true, prev_cap = false;
			else if (c != ' ')
				prev_cap = false;
			i++;
			continue;
		}
		size_t ws = i;
		while (i < len && ((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z')))
			i++;
		bool cap = c >= 'A' && c <= 'Z';
		char w[16];
		size_t n = i - ws;
		if (cap && prev_cap && !start && n > 1 && n < sizeof w) {
			for (size_t k = 0; k < n; k++)
				w[k] = (char)(t[ws + k] | 0x20);
			bool added;
			if (is_stop(w, n))
				*hashmap_put(&T->capstop, w, n, &added) = 1;
		}
		prev_cap = cap, start = false;
	}
}

static bool is_capstop(struct terms *T, const char *w, size_t n)
{
	return T->capstop.n && hashmap_get(&T->capstop, w, n);
}

#define GUESS_MAX 32 /* undefined acronyms looked for, per pair of texts */

static int32_t acro_find(struct terms *T, const char *w, size_t n);

static bool is_filler(const char *w, size_t n)
{
	static const char *const f[] = {"of", "for", "the", "and", "on", "in"};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		if (strlen(f[i]) == n && !memcmp(w, f[i], n))
			return true;
	return false;
}

/* Acronyms no text defines, spelt out in either: "JIT" in one text and
 * "the Joint Investigation Team" in the other, "OPCW" and "Organisation
 * for the Prohibition of Chemical Weapons". An all-capitals word of 2 to
 * 6 letters stands for a run of as many capitalised words (past "of",
 * "for", "the", "and", "on", "in") whose initials spell it. */
static void acro_guess(struct terms *T, const char *const *tv, const size_t *lv, size_t nt)
{
	char ac[GUESS_MAX][8];
	size_t nac = 0;
	for (size_t x = 0; x < nt; x++) /* the candidates */
		for (size_t i = 0; i < lv[x] && nac < GUESS_MAX;) {
			const char *t = tv[x];
			size_t ws = i;
			while (i < lv[x] && t[i] >= 'A' && t[i] <= 'Z')
				i++;
			size_t n = i - ws;
			bool end = i >= lv[x] ||
				   !((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= '0' && t[i] <= '9'));
			bool start = ws == 0 || !((t[ws - 1] >= 'a' && t[ws - 1] <= 'z') ||
						  (t[ws - 1] >= 'A' && t[ws - 1] <= 'Z'));
			if (n >= 2 && n <= 6 && end && start) {
				char key[8];
				for (size_t k = 0; k < n; k++)
					key[k] = (char)(t[ws + k] | 0x20);
				key[n] = '\0';
				/* defined, or a name the aliases already know ("US") */
				bool dup = acro_find(T, key, n) >= 0 || is_stop(key, n);
				for (size_t k = 0;
				     k < sizeof phrase_aliases / sizeof phrase_aliases[0] && !dup;
				     k++)
					dup = !strcmp(phrase_aliases[k][2], key);
				for (size_t k = 0; k < nac && !dup; k++)
					dup = !strcmp(ac[k], key);
				if (!dup)
					memcpy(ac[nac++], key, n + 1);
			}
			while (i < lv[x] && !(t[i] >= 'A' && t[i] <= 'Z'))
				i++; /* on to the next capital */
		}
	if (!nac)
		return;
	/* the capitalised words of the texts, with their initials */
	for (size_t x = 0; x < nt; x++) {
		const char *t = tv[x];
		size_t ws[8], we[8], nw = 0; /* the last words, capitalised or fillers */
		for (size_t i = 0; i < lv[x];) {
			if (!((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z'))) {
				if (t[i] != ' ' && t[i] != '-')
					nw = 0; /* a run is words apart only */
				i++;
				continue;
			}
			size_t b = i;
			while (i < lv[x] &&
			       ((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z')))
				i++;
			bool cap = t[b] >= 'A' && t[b] <= 'Z' && i - b > 1 && t[b + 1] >= 'a';
			if (!cap && !(nw > 0 && is_filler(t + b, i - b))) {
				nw = 0;
				continue;
			}
			if (nw == 8)
				memmove(ws, ws + 1, 7 * sizeof *ws),
				    memmove(we, we + 1, 7 * sizeof *we), nw--;
			ws[nw] = b, we[nw] = i, nw++;
			if (!cap)
				continue;
			for (size_t a = 0; a < nac; a++) { /* a run ending here that spells one */
				size_t al = strlen(ac[a]), m = al, k = nw;
				while (k > 0 && m > 0) {
					k--;
					char c0 = (char)(t[ws[k]] | 0x20);
					bool capw = t[ws[k]] >= 'A' && t[ws[k]] <= 'Z';
					if (capw && c0 == ac[a][m - 1])
						m--;
					else if (capw || m == al)
						break;
				}
				if (m > 0 || !(t[ws[k]] >= 'A' && t[ws[k]] <= 'Z'))
					continue;
				bool added;
				size_t *v = hashmap_put(&T->acro, ac[a], al, &added);
				if (!added)
					continue; /* defined, or guessed already */
				*v = T->acro_words.len;
				for (size_t w = k; w < nw; w++) {
					if (!(t[ws[w]] >= 'A' && t[ws[w]] <= 'Z'))
						continue; /* the fillers are stop words anyway */
					for (size_t c = ws[w]; c < we[w]; c++)
						buf_addc(&T->acro_words,
							 (char)(t[c] >= 'A' && t[c] <= 'Z'
								    ? t[c] | 0x20
								    : t[c]));
					buf_add(&T->acro_words, "", 1);
				}
				buf_add(&T->acro_words, "", 1);
			}
		}
	}
}

static void tok_add(struct toks *tk, int32_t term, uint8_t flags)
{
	GROW(tk->v, tk->cap, size_add(tk->n, 1));
	tk->v[tk->n].term = term;
	tk->v[tk->n].flags = flags;
	tk->n++;
}

/* Is the folded word w[0..n) a number: digits with ',' or '.' between? */
static bool is_number_word(const char *w, size_t n)
{
	if (n == 0 || !is_ascii_digit((unsigned char)w[0]))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!is_ascii_digit((unsigned char)w[i]) && w[i] != ',' && w[i] != '.')
			return false;
	return true;
}

static uint8_t fl0(bool name)
{
	return name ? TOK_NAME : 0;
}

/* The offset of the acronym w[0..n)'s expansion, or -1. */
static int32_t acro_find(struct terms *T, const char *w, size_t n)
{
	const size_t *v = hashmap_get(&T->acro, w, n);
	return v ? (int32_t)*v : -1;
}

/* The tokens of t[start, end). Words are runs of letters, marks and digits,
 * with an apostrophe between letters kept ("China's"); digits with ',' or
 * '.' between them make one number. Digits and separators are recognised
 * by their NFKC folding (full-width '３０，０００' joins as 30,000), and a
 * word is a number when its folded form is one. */
static void tokenize(struct terms *T, const char *t, size_t start, size_t end, struct toks *tk,
		     struct buf *wb)
{
	size_t i = start, idx = 0;
	int32_t before = ' ';	/* the code point before the current word */
	int32_t prev_term = -1; /* the previous word's term, for phrase aliases */
	size_t prev_tok = SIZE_MAX;
	int gap = 0;		    /* stop words since the last token */
	double last_num = -1;	    /* the previous word's value if a number */
	size_t last_tok = SIZE_MAX; /* its token */
	/* the last word WordNet knows, for its collocations ("nerve agent",
	 * "House of Commons"): the word, its index, and the index of the
	 * last "of" */
	char cw[WNET_WORD];
	size_t cwl = 0, cw_at = 0, of_at = 0;
	while (i < end) {
		int32_t cp;
		size_t n = text_decode(t + i, end - i, &cp);
		if (!text_is_word_cp(cp)) {
			before = cp;
			i += n;
			continue;
		}
		size_t ws = i;
		bool upper = is_upper_cp(cp), ascii = true, allcaps = true;
		bool digits = is_ascii_digit(text_fold_cp(cp));
		bool letters = false;
		size_t seg = 0; /* letters since the word's start or last dot */
		wb->len = 0;
		while (i < end) {
			/* a run of ASCII letters and digits, lower-cased at once */
			size_t r = i;
			bool lower = false, alpha = false;
			for (; r < end; r++) {
				unsigned char c = (unsigned char)t[r];
				if (c >= 'a' && c <= 'z')
					lower = alpha = true;
				else if ((c >= 'A' && c <= 'Z'))
					alpha = true;
				else if (c < '0' || c > '9')
					break;
			}
			if (r > i) {
				buf_reserve(wb, r - i);
				for (size_t q = i; q < r; q++) {
					char c = t[q];
					wb->s[wb->len++] =
					    c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c;
				}
				wb->s[wb->len] = '\0';
				allcaps = allcaps && !lower;
				if (alpha)
					digits = false, letters = true;
				seg += r - i;
				i = r;
				if (i >= end)
					break;
			}
			n = text_decode(t + i, end - i, &cp);
			if (text_is_word_cp(cp)) {
				if (cp < 0x80) {
					char c = (char)cp;
					if (c >= 'a' && c <= 'z')
						allcaps = false;
					if (c >= 'A' && c <= 'Z')
						c = (char)(c - 'A' + 'a');
					buf_addc(wb, c);
				} else {
					buf_add(wb, t + i, n);
					ascii = false;
				}
				/* past a non-digit, no need to fold to know */
				bool dg = cp < 0x80 ? is_ascii_digit(cp)
						    : digits && is_ascii_digit(text_fold_cp(cp));
				if (!dg)
					digits = false, letters = true;
				seg++;
				i += n;
				continue;
			}
			int32_t nx = 0, nx2 = 0;
			size_t nn = 0;
			if (i + n < end)
				nn = text_decode(t + i + n, end - i - n, &nx);
			if (i + n + nn < end)
				text_decode(t + i + n + nn, end - i - n - nn, &nx2);
			int32_t fc = text_fold_cp(cp), fnx = nx;
			if (fc == '.' || fc == ',' || fc == '\'' || cp == 0x2019)
				fnx = text_fold_cp(nx);
			if (fc == '.' && letters && seg == 1 && text_is_word_cp(nx) &&
			    !is_ascii_digit(fnx) && !text_is_word_cp(nx2)) {
				/* U.S., U.K., E.U.: one word, "us" */
				seg = 0;
				i += n;
				continue;
			}
			if ((fc == '\'' || cp == 0x2019) && letters && text_is_word_cp(nx) &&
			    !is_ascii_digit(fnx)) {
				buf_addc(wb, '\'');
				i += n;
				continue;
			}
			if ((fc == ',' || fc == '.') && digits && is_ascii_digit(fnx)) {
				buf_addc(wb, (char)fc);
				i += n;
				continue;
			}
			break;
		}
		bool name = upper && idx > 0 && before != '"' && before != 0x201C &&
			    before != 0x2018 && before != '\'';
		idx++;
		int32_t colloc = -1; /* the synset of this word and the one before */
		int32_t member = -1; /* ...and the body it is a member of */
		/* fold first (ASCII is already lower case), then tell a number */
		char *f = NULL;
		const char *w = wb->s;
		size_t wl = wb->len;
		if (!ascii) {
			f = text_casefold(wb->s, wb->len, &wl);
			w = f;
		}
		bool number = is_number_word(w, wl);
		int32_t ids[2];
		size_t k;
		/* the word met before: what it is, in one probe */
		const size_t *known = number ? NULL : hashmap_get(&T->words, w, wl);
		size_t kx = known ? *known : SIZE_MAX; /* (T->wt may move below) */
		bool kstop = known && T->wt[kx].stop;
		double nv = number  ? -1
			    : known ? (T->wt[kx].numk < 0 ? -1 : number_values[T->wt[kx].numk])
				    : number_word(w, wl);
		if (nv < 0 && number) {
			char num[64];
			if (match_number(w, wl, num, sizeof num))
				nv = strtod(num, NULL);
		}
		if (nv >= 0 && last_num >= 0) {
			/* "thirty thousand", "twenty-five", "4.2 million": one number */
			double v = -1;
			if (is_multiplier(nv) && !is_multiplier(last_num))
				v = last_num * nv;
			else if (last_num >= 20 && last_num < 100 && fmod(last_num, 10) == 0 &&
				 nv >= 1 && nv < 10 && !number)
				v = last_num + nv;
			if (v >= 0) {
				char num[64];
				int nl = snprintf(num, sizeof num, "%.15g", v);
				int32_t id[2];
				word_terms(T, num, (size_t)nl, true, id);
				if (last_tok < tk->n)
					tk->v[last_tok].term = id[0];
				else {
					last_tok = tk->n;
					tok_add(tk, id[0], TOK_NUMBER);
				}
				last_num = is_multiplier(nv) ? -1 : v;
				free(f);
				before = ' ';
				continue;
			}
		}
		if (nv >= 0 && !number) {
			last_num = nv;
			last_tok = SIZE_MAX;
			if (nv == 1 || is_multiplier(nv)) { /* "one" alone is no number */
				free(f);
				before = ' ';
				continue;
			}
			char num[64];
			int nl = snprintf(num, sizeof num, "%.15g", nv);
			free(f);
			word_terms(T, num, (size_t)nl, true, ids);
			last_tok = tk->n;
			tok_add(tk, ids[0], TOK_NUMBER);
			prev_tok = SIZE_MAX;
			prev_term = -1;
			before = ' ';
			continue;
		}
		last_num = number ? nv : -1;
		last_tok = number ? tk->n : SIZE_MAX;
		if (number) {
			char num[64];
			size_t nl = match_number(w, wl, num, sizeof num);
			free(f);
			if (nl == 0) {
				/* too long to be a number worth matching */
				before = ' ';
				continue;
			}
			k = word_terms(T, num, nl, true, ids);
		} else if (T->acro.n && allcaps && wl <= 8 && (ids[0] = acro_find(T, w, wl)) >= 0) {
			/* a defined acronym is the words it stands for */
			const char *x = T->acro_words.s + ids[0];
			free(f);
			for (; *x; x += strlen(x) + 1) {
				int32_t xi[2];
				size_t xk = word_terms(T, x, strlen(x), false, xi);
				for (size_t j = 0; j < xk; j++)
					tok_add(tk, xi[j], fl0(name));
			}
			prev_tok = SIZE_MAX;
			prev_term = -1;
			before = ' ';
			continue;
		} else if ((name || (upper && is_capstop(T, w, wl))) && wl > 1 &&
			   (known ? kstop : is_stop(w, wl))) {
			/* a capital inside a sentence makes a name: "May" */
			ids[0] = stem_term(T, w, wl, false);
			trace_term(T, ids[0]);
			k = 1;
			free(f);
		} else {
			k = known ? word_terms_of(T, kx, ids) : word_terms(T, w, wl, false, ids);
			const struct wterm *wt = &T->wt[T->last_wt];
			for (size_t j = 0; j < wt->nsoft; j++)
				tok_add(tk, T->soft[wt->soft_off + j],
					(uint8_t)(TOK_SOFT | (name ? TOK_NAME : 0)));
			if (k == 0 && wl == 2 && w[0] == 'o' && w[1] == 'f') {
				of_at = idx;
			} else if (k && wt->wn) {
				bool of = cw_at + 2 == idx && of_at + 1 == idx;
				if (cwl && (cw_at + 1 == idx || of)) {
					long hol;
					long off = wnet_collocation(cw, cwl, w, wl, of, &hol);
					if (off >= 0) {
						colloc = colloc_term(T, off);
						if (hol >= 0)
							member = colloc_term(T, hol);
					}
				}
				cwl = wl < sizeof cw ? wl : 0;
				memcpy(cw, w, cwl);
				cw_at = idx;
			}
			free(f);
		}
		uint8_t fl = (uint8_t)((name ? TOK_NAME : 0) | (number ? TOK_NUMBER : 0));
		if (ws >= tk->spk_start && ws < tk->spk_end)
			fl |= TOK_SPEAKER;
		if (gap > 1 && k)
			fl |= TOK_GAP;
		gap = k ? 0 : gap + 1;
		int32_t alias = k == 1 ? phrase_alias(T, prev_term, ids[0]) : -1;
		if (alias >= 0 && prev_tok < tk->n) {
			tk->v[prev_tok].term = alias;
			prev_term = -1;
		} else {
			if (colloc >= 0) {	 /* before the word: the phrase it ends is this */
				if (member >= 0) /* a relative: MEMBER_W of a word */
					tok_add(tk, member, (uint8_t)(TOK_SOFT | TOK_MEMBER));
				tok_add(tk, colloc,
					(uint8_t)(TOK_PHRASE | TOK_COLLOC | (fl & TOK_SPEAKER)));
			}
			prev_tok = k == 1 ? tk->n : SIZE_MAX;
			prev_term = k == 1 ? ids[0] : -1;
			for (size_t j = 0; j < k; j++)
				tok_add(tk, ids[j], fl);
		}
		before = ' ';
	}
}

/* Does the sentence end without a terminator (past closing quotes)? Then
 * it is a heading or caption, which sums up what the body says in full. */
static bool is_heading(const char *s, size_t n)
{
	while (n > 0) {
		unsigned char c = (unsigned char)s[n - 1];
		if (c == '"' || c == '\'' || c == ')' || c == ']')
			n--;
		else if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 &&
			 (unsigned char)s[n - 2] == 0x80 && (c == 0x9D || c == 0x99))
			n -= 3; /* ” ’ */
		else
			break;
	}
	if (n == 0)
		return true;
	int32_t cp;
	size_t k = n - 1;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80 && n - k < 4)
		k--;
	if (text_decode(s + k, n - k, &cp) != n - k)
		return true;
	return !(cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x3002 ||
		 cp == 0xFF01 || cp == 0xFF1F);
}

static int tok_cmp(const void *x, const void *y)
{
	const struct tok *a = x, *b = y;
	return (a->term > b->term) - (a->term < b->term);
}

/* A sentence's tokens by term: by insertion for the few of a sentence
 * (a sentence's words and its phrases, a few dozen; qsort's calls through
 * a pointer cost more than the moves), by qsort for a long one. The order
 * of equal terms does not matter: their flags are joined. */
static void tok_sort(struct tok *v, size_t n)
{
	if (n > 64) {
		qsort(v, n, sizeof *v, tok_cmp);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		struct tok x = v[i];
		size_t j = i;
		for (; j > 0 && v[j - 1].term > x.term; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* ---- sides ---- */

static int32_t name_find(struct terms *T, int32_t x)
{
	while (T->parent[x] != x) {
		int32_t g = T->parent[T->parent[x]];
		if (T->parent[x] != g) /* a flat forest is only read */
			T->parent[x] = g;
		x = g;
	}
	return x;
}

static void name_union(struct terms *T, int32_t x, int32_t y)
{
	if (x < 0 || y < 0)
		return;
	x = name_find(T, x);
	y = name_find(T, y);
	if (x != y)
		T->parent[x < y ? y : x] = x < y ? x : y;
}

static int32_t name_id_plain(struct terms *T, const char *w, size_t n)
{
	bool added;
	size_t *v = hashmap_put(&T->names, w, n, &added);
	if (added) {
		*v = T->nnames;
		if (T->nnames == T->ncap) { /* three arrays, one capacity */
			GROW(T->nstamp, T->ncap, T->nnames + 1);
			T->place_off = xreallocarray(T->place_off, T->ncap, sizeof *T->place_off);
			T->place_n = xreallocarray(T->place_n, T->ncap, sizeof *T->place_n);
		}
		T->nstamp[T->nnames] = 0;
		T->place_off[T->nnames] = 0;
		T->place_n[T->nnames] = -1;
		T->nnames++;
	}
	return (int32_t)*v;
}

/* The id of a name word (folded ASCII). A pair joins it with the places
 * WordNet puts it in ("Kremlin" with Moscow and Russia, "Russian" with
 * Russia) when the pair meets it first as a name, not as a place. */
static int32_t name_id(struct terms *T, const char *w, size_t n)
{
	int32_t id = name_id_plain(T, w, n);
	struct trace *r = T->rec;
	if (r && T->nstamp[id] != r->serial) {
		T->nstamp[id] = r->serial;
		GROW(r->name, r->ncap, size_add(r->nname, 1));
		r->name[r->nname++] = id;
	}
	if (T->place_n[id] >= 0)
		return id;
	size_t off = T->nplaces;
	for (const char *p = wnet_related(w, n, WNET_PLACE); *p;) {
		size_t k = strlen(p);
		char pw[WNET_WORD];
		memcpy(pw, p, k + 1);
		p += k + 1;
		/* "u.k." is "uk", as the tokeniser reads it */
		size_t o = 0;
		for (size_t j = 0; j < k; j++)
			if (pw[j] != '.')
				pw[o++] = pw[j];
		int32_t other = name_id_plain(T, pw, o);
		GROW(T->places, T->pcap, size_add(T->nplaces, 1));
		T->places[T->nplaces++] = other;
	}
	T->place_off[id] = (int32_t)off;
	T->place_n[id] = (int32_t)(T->nplaces - off);
	return id;
}

/* The folded ASCII form of the word s[0..n) without a possessive 's, in
 * out (WNET_WORD bytes); 0 if it is no plain word. */
static size_t name_fold(const char *s, size_t n, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n && o + 1 < WNET_WORD; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			out[o++] = (char)(c - 'A' + 'a');
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[o++] = (char)c;
		else if (c == '\'' || c == 0xE2)
			break; /* 's, ’s */
		else
			return 0;
	}
	out[o] = '\0';
	return o;
}

/* The id of the last word of s[start, end), or -1. */
static int32_t span_name(struct terms *T, const char *s, size_t start, size_t end)
{
	if (end <= start)
		return -1;
	size_t e = end, b;
	while (e > start && !text_is_word_cp((unsigned char)s[e - 1]) &&
	       (unsigned char)s[e - 1] < 0x80)
		e--;
	b = e;
	while (b > start && s[b - 1] != ' ' && s[b - 1] != '\n' && s[b - 1] != ')')
		b--;
	char f[WNET_WORD];
	size_t n = name_fold(s + b, e - b, f);
	return n ? name_id(T, f, n) : -1;
}

static bool is_stop(const char *w, size_t n);

/* The names of s[start, end): capitalised words that are no stop word. */
static void sentence_names(struct terms *T, struct side *sd, const char *t, size_t start,
			   size_t end)
{
	size_t i = start, first = sd->nnm;
	while (i < end) {
		int32_t cp;
		size_t k = text_decode(t + i, end - i, &cp);
		if (!text_is_word_cp(cp)) {
			i += k;
			continue;
		}
		size_t ws = i;
		bool up = is_upper_cp(cp);
		while (i < end) {
			k = text_decode(t + i, end - i, &cp);
			if (!text_is_word_cp(cp))
				break;
			i += k;
		}
		char f[WNET_WORD];
		size_t n = up ? name_fold(t + ws, i - ws, f) : 0;
		if (n < 2 || is_stop(f, n))
			continue;
		int32_t id = name_id(T, f, n);
		bool dup = false;
		for (size_t j = first; j < sd->nnm && !dup; j++)
			dup = sd->nm[j] == id;
		if (!dup) {
			GROW(sd->nm, sd->nmcap, sd->nnm + 1);
			sd->nm[sd->nnm++] = id;
		}
	}
}

/* Attributing a sentence (stance_attribute: who speaks, what act) needs
 * nothing but its text, so a second thread does it for the sentences
 * ahead while side_build tokenises, through a ring of AHEAD_RING answers
 * handed over AHEAD_STEP at a time; side_build takes them in order, so
 * the result is the same as when it asks itself (a short article, or no
 * thread to be had). */
#define AHEAD_MIN 512 /* sentences: fewer are attributed in line */

static bool threads_on = true;

void match_threads(bool on)
{
	threads_on = on;
}

/* fn(arg), run in a thread of its own when asked for (and threads are
 * on) from job_start, else by job_end; job_end returns once it has run. */
struct job {
	void *(*fn)(void *);
	void *arg;
	pthread_t th;
	bool on; /* it runs in th */
};

static void job_start(struct job *j, void *(*fn)(void *), void *arg, bool thread)
{
	j->fn = fn;
	j->arg = arg;
	j->on = thread && threads_on && pthread_create(&j->th, NULL, fn, arg) == 0;
}

static void job_end(struct job *j)
{
	if (j->on)
		pthread_join(j->th, NULL);
	else
		j->fn(j->arg);
	j->on = false;
}

#define AHEAD_RING 2048
#define AHEAD_STEP 128

struct ahead {
	const char *t;
	const struct sentence *s;
	size_t n;
	struct stance_attr *ring; /* sentence i at i % AHEAD_RING */
	size_t made, taken;	  /* sentences attributed; and read by side_build */
	pthread_mutex_t mu;
	pthread_cond_t ready, room;
	bool on; /* the thread runs */
};

static void *ahead_run(void *arg)
{
	struct ahead *a = arg;
	size_t taken = 0; /* a->taken as last seen */
	for (size_t i = 0; i < a->n; i++) {
		if (i - taken >= AHEAD_RING) {
			pthread_mutex_lock(&a->mu);
			while (i - a->taken >= AHEAD_RING)
				pthread_cond_wait(&a->room, &a->mu);
			taken = a->taken;
			pthread_mutex_unlock(&a->mu);
		}
		const struct sentence *se = &a->s[i];
		stance_attribute(a->t + se->start, se->end - se->start, &a->ring[i % AHEAD_RING]);
		if ((i + 1) % AHEAD_STEP == 0 || i + 1 == a->n) {
			pthread_mutex_lock(&a->mu);
			a->made = i + 1;
			pthread_cond_signal(&a->ready);
			pthread_mutex_unlock(&a->mu);
		}
	}
	return NULL;
}

static void ahead_start(struct ahead *a, pthread_t *th, const char *t, const struct sentence *s,
			size_t n)
{
	memset(a, 0, sizeof *a);
	if (n < AHEAD_MIN || !threads_on)
		return;
	a->t = t;
	a->s = s;
	a->n = n;
	a->ring = xcalloc(AHEAD_RING, sizeof *a->ring);
	struct stance_attr first; /* its word lists are built once, here */
	stance_attribute("", 0, &first);
	pthread_mutex_init(&a->mu, NULL);
	pthread_cond_init(&a->ready, NULL);
	pthread_cond_init(&a->room, NULL);
	a->on = pthread_create(th, NULL, ahead_run, a) == 0;
	if (!a->on) {
		pthread_mutex_destroy(&a->mu);
		pthread_cond_destroy(&a->ready);
		pthread_cond_destroy(&a->room);
		free(a->ring);
		a->ring = NULL;
	}
}

/* sentence i's attribution (i counting up from 0); *made: a->made as
 * last seen */
static void ahead_take(struct ahead *a, size_t i, size_t *made, const char *st, size_t sl,
		       struct stance_attr *at)
{
	if (!a->on) {
		stance_attribute(st, sl, at);
		return;
	}
	if (i >= *made || i % AHEAD_STEP == 0) { /* the room read so far, too */
		pthread_mutex_lock(&a->mu);
		a->taken = i;
		pthread_cond_signal(&a->room);
		while (a->made <= i)
			pthread_cond_wait(&a->ready, &a->mu);
		*made = a->made;
		pthread_mutex_unlock(&a->mu);
	}
	*at = a->ring[i % AHEAD_RING];
}

static void ahead_end(struct ahead *a, pthread_t th)
{
	if (!a->on)
		return;
	pthread_join(th, NULL);
	pthread_mutex_destroy(&a->mu);
	pthread_cond_destroy(&a->ready);
	pthread_cond_destroy(&a->room);
	free(a->ring);
}

/* tid[i]: the same number for sentences with the same text, counting up
 * from 0 in the order texts first come; through a table of sentence
 * numbers over the article's own bytes (no copy of its text as keys) */
static void text_ids(const char *t, const struct sentence *s, size_t n, int32_t *tid)
{
	size_t cap = 16;
	while (cap < 2 * n)
		cap *= 2;
	uint32_t *slot = xcalloc(cap, sizeof *slot); /* sentence + 1, 0 empty */
	int32_t next = 0;
	for (size_t i = 0; i < n; i++) {
		const char *p = t + s[i].start;
		size_t l = s[i].end - s[i].start;
		for (size_t x = (size_t)hash_bytes(p, l) & (cap - 1);; x = (x + 1) & (cap - 1)) {
			if (!slot[x]) {
				slot[x] = (uint32_t)(i + 1);
				tid[i] = next++;
				break;
			}
			const struct sentence *o = &s[slot[x] - 1];
			if (o->end - o->start == l && !memcmp(t + o->start, p, l)) {
				tid[i] = tid[slot[x] - 1];
				break;
			}
		}
	}
	free(slot);
}

/* Two words in a row that both sentences have say more than the two
 * words apart ("attempted murder", "nerve agent", "strongest terms"): each
 * pair of consecutive words (past one stop word at most; no names, which
 * have their bonus, and no numbers) is a term of its own, weighed as a word
 * by its idf. A pair of the speaker's words stays the speaker's. The pairs
 * are hashed into PHRASE_TERMS terms, so the dictionary does not grow with
 * the text (at 20,000 sentences it would double): two phrases that share a
 * term are rare in a pair of news articles, and in very long ones the
 * crowded terms get a low idf and add little. A phrase needs one of its
 * words in at most PHRASE_DF of the article's sentences (df): one of two
 * frequent words could be frequent itself, and then its postings are not
 * walked anyway. */
static void phrases_add(const struct terms *T, struct trace *tr, const uint32_t *thash,
			struct toks *tk, const uint32_t *df)
{
	size_t n = tk->n, prev = SIZE_MAX;
	bool colloc = false; /* the next word ends a collocation: no phrase */
	for (size_t j = 0; j < n; j++) {
		if (tk->v[j].flags & TOK_SOFT)
			continue;
		if (tk->v[j].flags & TOK_COLLOC) {
			colloc = true;
			continue;
		}
		if (prev != SIZE_MAX && !colloc && tk->v[prev].term != tk->v[j].term &&
		    (df[tk->v[prev].term] <= PHRASE_DF || df[tk->v[j].term] <= PHRASE_DF) &&
		    !(tk->v[j].flags & TOK_GAP) &&
		    !((tk->v[prev].flags | tk->v[j].flags) & (TOK_NAME | TOK_NUMBER))) {
			/* by the stems, not the term ids: those depend on the
			 * order a story's articles were prepared in */
			uint32_t h = thash[tk->v[prev].term] * 2654435761u ^
				     (thash[tk->v[j].term] + 0x9e3779b9u) * 2246822519u;
			size_t b = (h ^ (h >> 15)) % PHRASE_TERMS;
			if (T->pstamp[b] != tr->serial) { /* its first use here */
				T->pstamp[b] = tr->serial;
				GROW(tr->term, tr->tcap, size_add(tr->nterm, 1));
				tr->term[tr->nterm++] = T->phrase0 + (int32_t)b;
			}
			uint8_t fl =
			    TOK_PHRASE | (tk->v[prev].flags & tk->v[j].flags & TOK_SPEAKER);
			tok_add(tk, T->phrase0 + (int32_t)b, fl);
		}
		colloc = false;
		prev = j;
	}
}

/* The words that say who speaks, [*start, *end) in the sentence s: a
 * speaker a speech verb names ("said Monday", "according to"), with the
 * organisation they speak for and the capitalised words of their title
 * just before ("British Prime Minister Theresa May said"). Empty when
 * nobody is named so, or the speaker is the subject of a denial ("the
 * Kremlin has dismissed"), whose name is part of what is said. */
static void attribution_span(const char *s, const struct stance_attr *at, size_t *start,
			     size_t *end)
{
	*start = *end = 0;
	if (!at->spk_speech || at->spk_end <= at->spk_start)
		return;
	size_t b = at->spk_start, e = at->spk_end;
	if (at->org_end > at->org_start) {
		b = at->org_start < b ? at->org_start : b;
		e = at->org_end > e ? at->org_end : e;
	}
	/* back over up to four capitalised words: the title */
	for (int w = 0; w < 4 && b > 0; w++) {
		size_t k = b;
		while (k > 0 && s[k - 1] == ' ')
			k--;
		size_t ws = k;
		while (ws > 0 && ((unsigned char)s[ws - 1] >= 0x80 ||
				  (s[ws - 1] >= 'a' && s[ws - 1] <= 'z') ||
				  (s[ws - 1] >= 'A' && s[ws - 1] <= 'Z')))
			ws--;
		if (ws == k || k == b || !(s[ws] >= 'A' && s[ws] <= 'Z'))
			break;
		b = ws;
	}
	*start = b, *end = e;
}

/* Split and tokenise one article into *sd (term ids of the story's
 * dictionary, w the term frequencies). */
/* what side_build leaves to side_rest_run */
struct side_rest {
	const struct terms *T;
	struct trace *tr;
	struct side *sd;
	struct toks all; /* the article's tokens, sentence by sentence */
	const uint32_t *thash;
	uint32_t *own_thash; /* thash when it is a copy */
	size_t nterm;	     /* terms in the dictionary when the words were known */
};

/* An article's sentences and their texts' ids: what side_build needs
 * first and can have from a thread of its own, being the text's alone. */
struct side_split {
	const char *t;
	size_t len;
	struct sentence *s;
	size_t n;
	int32_t *tid;
	struct job job;
};

static void *side_split_run(void *arg)
{
	struct side_split *sp = arg;
	sp->n = sentence_split(sp->t, sp->len, &sp->s);
	sp->tid = xcalloc(sp->n ? sp->n : 1, sizeof *sp->tid);
	text_ids(sp->t, sp->s, sp->n, sp->tid);
	return NULL;
}

#define SPLIT_THREAD (1u << 16) /* bytes of text at least, for a thread of its own */

/* Split t[0, len) in a thread of its own when asked (and it is long
 * enough), else when side_build needs it. */
static void side_split_start(struct side_split *sp, const char *t, size_t len, bool thread)
{
	memset(sp, 0, sizeof *sp);
	sp->t = t;
	sp->len = len;
	job_start(&sp->job, side_split_run, sp, thread && len >= SPLIT_THREAD);
}

static void side_build(struct terms *T, struct side *sd, const char *t, struct side_rest *job,
		       struct side_split *sp)
{
	memset(sd, 0, sizeof *sd);
	job_end(&sp->job);
	sd->n = sp->n;
	sd->s = sp->s;
	sd->tid = sp->tid;
	sd->off = xcalloc(size_add(sd->n, 1), sizeof *sd->off);
	struct toks all = {0};
	all.off = xcalloc(size_add(sd->n, 1), sizeof *all.off);
	struct buf wb = {0};
	buf_reserve(&wb, 64);
	sd->st = xcalloc(sd->n ? sd->n : 1, sizeof *sd->st);
	sd->act = xcalloc(sd->n ? sd->n : 1, sizeof *sd->act);
	sd->charge = xcalloc(sd->n ? sd->n : 1, sizeof *sd->charge);
	sd->head = xcalloc(sd->n ? sd->n : 1, sizeof *sd->head);
	sd->spk = xcalloc(sd->n ? sd->n : 1, sizeof *sd->spk);
	sd->noff = xcalloc(size_add(sd->n, 1), sizeof *sd->noff);
	sd->len = xcalloc(sd->n ? sd->n : 1, sizeof *sd->len);
	struct ahead ah;
	pthread_t th;
	size_t made = 0;
	ahead_start(&ah, &th, t, sd->s, sd->n);
	for (size_t i = 0; i < sd->n; i++) {
		const char *st = t + sd->s[i].start;
		size_t sl = sd->s[i].end - sd->s[i].start;
		struct stance_attr at;
		ahead_take(&ah, i, &made, st, sl, &at);
		sd->st[i] = at.st;
		sd->act[i] = (uint8_t)at.act;
		sd->charge[i] = at.charges;
		int32_t who = span_name(T, st, at.spk_start, at.spk_end);
		int32_t org = span_name(T, st, at.org_start, at.org_end);
		/* joined when a pair is scored: the speaker with their
		 * organisation, the titled person with theirs */
		int32_t per = span_name(T, st, at.per_start, at.per_end);
		int32_t per_org = span_name(T, st, at.per_org_start, at.per_org_end);
		const int32_t jv[2][2] = {{who, org}, {per, per_org}};
		for (int q = 0; q < 2; q++)
			if (jv[q][0] >= 0 && jv[q][1] >= 0) {
				struct trace *r = T->rec;
				GROW(r->join, r->jcap, size_add(r->njoin, 2));
				r->join[r->njoin++] = jv[q][0];
				r->join[r->njoin++] = jv[q][1];
			}
		if (who < 0 && at.spk_pronoun && i > 0)
			who = sd->spk[i - 1];
		sd->spk[i] = who;
		sentence_names(T, sd, t, sd->s[i].start, sd->s[i].end);
		sd->noff[i + 1] = sd->nnm;
		sd->head[i] = is_heading(st, sl);
		all.off[i] = all.n;
		attribution_span(st, &at, &all.spk_start, &all.spk_end);
		all.spk_start += sd->s[i].start;
		all.spk_end += sd->s[i].start;
		tokenize(T, t, sd->s[i].start, sd->s[i].end, &all, &wb);
		sd->len[i] = 0;
		for (size_t j = all.off[i]; j < all.n; j++)
			sd->len[i] += !(all.v[j].flags & (TOK_SOFT | TOK_COLLOC));
	}
	all.off[sd->n] = all.n;
	ahead_end(&ah, th);
	buf_free(&wb);
	if (!T->pstamp) { /* the phrases' terms, all at once */
		T->phrase0 = (int32_t)T->n;
		for (size_t b = 0; b < PHRASE_TERMS; b++)
			(void)new_term(T, false);
		T->pstamp = xcalloc(PHRASE_TERMS, sizeof *T->pstamp);
	}
	*job = (struct side_rest){T, T->rec, sd, all, T->thash, NULL, T->n};
}

/* The rest of side_build, once the article's words are known: the phrases
 * and each sentence's terms, sorted, with their counts. It reads from the
 * dictionary only the phrases' terms and the stems' hashes (the copy a
 * job in a thread of its own is given), and records the phrases in the
 * article's trace, so that it can run while the next article is
 * tokenised (one such job at a time: the phrases' stamps are shared). */
static void *side_rest_run(void *arg)
{
	struct side_rest *job = arg;
	const struct terms *T = job->T;
	struct side *sd = job->sd;
	const struct toks all = job->all;
	struct toks tk = {0};
	size_t nterm = job->nterm;
	/* in how many of the article's sentences each word is */
	uint32_t *df = xcalloc(nterm ? nterm : 1, sizeof *df);
	uint32_t *seen = xcalloc(nterm ? nterm : 1, sizeof *seen);
	for (size_t i = 0; i < sd->n; i++)
		for (size_t j = all.off[i]; j < all.off[i + 1]; j++) {
			int32_t x = all.v[j].term;
			if (!(all.v[j].flags & TOK_SOFT) && seen[x] != i + 1)
				seen[x] = (uint32_t)i + 1, df[x]++;
		}
	free(seen);
	for (size_t i = 0; i < sd->n; i++) {
		tk.n = 0;
		for (size_t j = all.off[i]; j < all.off[i + 1]; j++)
			tok_add(&tk, all.v[j].term, all.v[j].flags);
		if (T->pstamp)
			phrases_add(T, job->tr, job->thash, &tk, df);
		tok_sort(tk.v, tk.n);
		for (size_t j = 0; j < tk.n;) {
			size_t k = j, exact = 0;
			uint8_t fl = 0, spk = TOK_SPEAKER, member = 0;
			for (; k < tk.n && tk.v[k].term == tk.v[j].term; k++)
				if (!(tk.v[k].flags & TOK_SOFT)) {
					fl |= tk.v[k].flags;
					spk &= tk.v[k].flags;
					exact++;
				} else {
					member |= tk.v[k].flags & TOK_MEMBER;
				}
			/* a speaker's word only when every use is the speaker's */
			fl = (uint8_t)((fl & ~(TOK_SPEAKER | TOK_GAP)) | spk);
			if (!exact)
				fl = (uint8_t)(TOK_SOFT | member);
			if (sd->nt == sd->tcap) { /* three arrays, one capacity */
				GROW(sd->term, sd->tcap, size_add(sd->nt, 1));
				sd->w = xreallocarray(sd->w, sd->tcap, sizeof *sd->w);
				sd->flags = xreallocarray(sd->flags, sd->tcap, sizeof *sd->flags);
			}
			sd->term[sd->nt] = tk.v[j].term;
			sd->w[sd->nt] = (float)(exact ? exact : 1); /* tf for now */
			sd->flags[sd->nt] = fl; /* TOK_SOFT alone: no exact use, no df */
			sd->nt++;
			j = k;
		}
		sd->off[i + 1] = sd->nt;
	}
	free(tk.v);
	free(all.v);
	free(all.off);
	free(df);
	free(job->own_thash);
	job->own_thash = NULL;
	return NULL;
}

/* tf -> BM25's term weight idf * tf (k1 + 1) / (tf + k1 (1 - b + b dl /
 * avgdl)) */
static void side_weigh(struct side *sd, const double *idf, double avgdl)
{
	for (size_t i = 0; i < sd->n; i++) {
		double norm = BM25_K1 * (1.0 - BM25_B + BM25_B * (double)sd->len[i] / avgdl);
		for (size_t j = sd->off[i]; j < sd->off[i + 1]; j++) {
			double tf = sd->w[j];
			double w = idf[sd->term[j]] * tf * (BM25_K1 + 1.0) / (tf + norm);
			sd->w[j] = (float)w;
		}
	}
}

static void side_free(struct side *sd)
{
	free(sd->s);
	free(sd->off);
	free(sd->term);
	free(sd->w);
	free(sd->flags);
	free(sd->st);
	free(sd->act);
	free(sd->charge);
	free(sd->head);
	free(sd->tid);
	free(sd->spk);
	free(sd->noff);
	free(sd->nm);
	free(sd->len);
}

void match_opts_default(struct match_opts *o)
{
	o->top = 0;
	o->min_score = DEFAULT_MIN;
	o->stem = true;
	o->bonuses = true;
	o->mutual = true;
	o->wordnet = true;
}

struct scorer {
	const double *idf;
	double idf_max;
	const uint8_t *is_number; /* by the pair's term id */
	bool bonuses;
};

/* What a shared term adds to a pair's score: the cosine part and the
 * bonus for a number or a name both sentences share, larger for rarer
 * terms. */
static void pair_term(const struct scorer *sc, int32_t t, uint8_t fa, uint8_t fb, double *bonus)
{
	if (sc->bonuses) {
		double r = sc->idf[t] / sc->idf_max;
		if (sc->is_number[t])
			*bonus += BONUS_NUMBER * r;
		else if ((fa & TOK_NAME) && (fb & TOK_NAME))
			*bonus += BONUS_NAME * r;
	}
}

/* A pair's score in [0, 1): BM25 both ways over the sentences of both
 * articles (each sentence the query once), averaged, then squashed, so
 * that the same score means about as much in any pair of articles. (Taking
 * each sentence's share of its self-score instead cancels BM25's length
 * normalisation and ranked worse on the dev corpus.) */
static double pair_base(double ca, double cb, double squash)
{
	double r = (ca + cb) / 2;
	return r / (r + squash);
}

/* Does the answer answer that kind of act: a refusal a demand, a denial
 * a claim of guilt? (st: the stance of the side whose act is act_a) */
static bool act_fits(enum stance st, uint8_t act_a, uint8_t act_b)
{
	uint8_t acc = st == STANCE_ACCUSATION ? act_a : act_b;
	uint8_t den = st == STANCE_ACCUSATION ? act_b : act_a;
	return (acc == ACT_DEMAND) == (den == ACT_REFUSE);
}

/* Who speaks in most of the article's denials (an unattributed denial,
 * "Media told of hostile provocations", is theirs). */
static void side_deniers(struct terms *T, struct side *sd)
{
	sd->deny_side = -1;
	size_t best = 0;
	for (size_t i = 0; i < sd->n; i++) {
		if (sd->st[i] != STANCE_REBUTTAL || sd->spk[i] < 0)
			continue;
		int32_t r = name_find(T, sd->spk[i]);
		size_t c = 0;
		for (size_t j = 0; j < sd->n; j++)
			c += sd->st[j] == STANCE_REBUTTAL && sd->spk[j] >= 0 &&
			     name_find(T, sd->spk[j]) == r;
		if (c > best)
			best = c, sd->deny_side = r;
		if (i > 64)
			break; /* enough to know */
	}
}

/* The side sentence i of sd speaks for: its speaker's, or for an
 * unattributed denial the article's denier's; -1 if none. */
static int32_t side_of(struct terms *T, const struct side *sd, size_t i)
{
	if (sd->spk[i] >= 0)
		return name_find(T, sd->spk[i]);
	return sd->st[i] == STANCE_REBUTTAL ? sd->deny_side : -1;
}

/* Do sentences a of A and b of B report one side's same act: both deny,
 * or both accuse in the same way, the same side speaking ("The Kremlin
 * dismissed the allegation" and "Russia has rejected accusations")? */
static bool same_act(struct terms *T, const struct side *A, size_t a, const struct side *B,
		     size_t b)
{
	if (A->st[a] == STANCE_NEUTRAL || A->st[a] != B->st[b] || A->act[a] != B->act[b])
		return false;
	int32_t x = side_of(T, A, a);
	return x >= 0 && x == side_of(T, B, b);
}

/* How a denial (sentence d of D) answers an accusation (c of C): 2 when
 * the accusation names the denier's side, 1 when it names no side that
 * the denying article speaks for at all, else 0. A denial of a charge
 * ("rejected accusations that Lima was responsible") answers a claim that
 * names none ("the Peruvian fisherman was poisoned": the side only by the
 * way) with 1. */
static int rebut_fit(struct terms *T, const struct side *D, size_t d, const struct side *C,
		     size_t c)
{
	int32_t r = D->spk[d] >= 0 ? name_find(T, D->spk[d]) : D->deny_side;
	if (r < 0)
		return 0;
	int32_t cs = C->spk[c] >= 0 ? name_find(T, C->spk[c]) : -1;
	if (cs == r)
		return 0; /* the same side accuses and denies: no answer */
	for (size_t j = C->noff[c]; j < C->noff[c + 1]; j++) {
		int32_t x = name_find(T, C->nm[j]);
		if (x == r)
			return D->charge[d] && !C->charge[c] ? 1 : 2;
	}
	return 1;
}

/* A number of a sentence with the word it counts: "30,000 customers",
 * "four nationals" (unit: the next word's term). */
struct counted {
	char num[MATCH_NUMBER_MAX];
	int32_t unit;
};

#define COUNTED_MAX 8

static bool is_month(const char *w, size_t n)
{
	static const char *const m[] = {"january",   "february", "march",    "april",
					"may",	     "june",	 "july",     "august",
					"september", "october",	 "november", "december"};
	for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
		if (strlen(m[i]) == n && !memcmp(w, m[i], n))
			return true;
	return false;
}

/* The counted numbers of t[start, end): digits (or number words) followed
 * by a word; years and days of a month ("July 19") are no counts. */
static size_t counted_of(struct terms *T, const char *t, size_t start, size_t end,
			 struct counted *out)
{
	size_t n = 0, i = start;
	char prev[48] = "", num[MATCH_NUMBER_MAX] = "";
	while (i < end && n < COUNTED_MAX) {
		while (i < end && !text_is_word_cp((unsigned char)t[i]) &&
		       (unsigned char)t[i] < 0x80)
			i++;
		size_t ws = i;
		while (i < end &&
		       (text_is_word_cp((unsigned char)t[i]) || (unsigned char)t[i] >= 0x80 ||
			((t[i] == ',' || t[i] == '.') && i + 1 < end && t[i + 1] >= '0' &&
			 t[i + 1] <= '9' && i > ws && t[i - 1] >= '0' && t[i - 1] <= '9')))
			i++;
		if (i == ws) {
			i++;
			continue;
		}
		char w[48];
		size_t wl = 0;
		for (size_t k = ws; k < i && wl + 1 < sizeof w; k++) {
			char c = t[k];
			w[wl++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		}
		w[wl] = '\0';
		if (num[0]) { /* the word a number counts */
			if (strcmp(w, "of") && strcmp(w, "more") && strcmp(w, "than") &&
			    strcmp(w, "thousand") && strcmp(w, "million") && strcmp(w, "billion")) {
				int32_t id[2];
				if (!is_stop(w, wl) && word_terms(T, w, wl, false, id) >= 1) {
					memcpy(out[n].num, num, sizeof num);
					out[n++].unit = id[0];
				}
				num[0] = '\0';
			}
		} else {
			char d[MATCH_NUMBER_MAX];
			size_t dl = match_number(w, wl, d, sizeof d);
			double v = dl ? -1 : number_word(w, wl);
			if (!dl && v >= 2 && !is_multiplier(v))
				dl = (size_t)snprintf(d, sizeof d, "%.15g", v);
			if (dl && !is_year(d, dl) && !is_month(prev, strlen(prev)))
				memcpy(num, d, dl + 1);
		}
		memcpy(prev, w, wl + 1); /* both 48 bytes */
	}
	return n;
}

/* Sentences a of A and b of B about the same thing that count the same
 * unit with different numbers ("30,000 customers" and "250,000
 * customers"), and never the same: a contradiction, the numbers named. */
static void contradiction(struct terms *T, const char *ta, const struct side *A, size_t a,
			  const char *tb, const struct side *B, size_t b, struct match_pair *p)
{
	struct counted ca[COUNTED_MAX], cb[COUNTED_MAX];
	size_t na = counted_of(T, ta, A->s[a].start, A->s[a].end, ca);
	size_t nb = na ? counted_of(T, tb, B->s[b].start, B->s[b].end, cb) : 0;
	const struct counted *x = NULL, *y = NULL;
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++) {
			if (ca[i].unit != cb[j].unit)
				continue;
			if (!strcmp(ca[i].num, cb[j].num))
				return; /* they agree on that count */
			if (!x)
				x = &ca[i], y = &cb[j];
		}
	if (!x)
		return;
	p->rel = REL_CONTRADICTS;
	memcpy(p->a_number, x->num, sizeof p->a_number);
	memcpy(p->b_number, y->num, sizeof p->b_number);
}

struct cand {
	size_t a, b;
	double score, rank;
	bool mutual;
};

/* one of a sentence's best matches */
struct hit {
	double score;
	size_t other;
};

/* Does one of h[0, n) with a score match other? */
static bool hits_hold(const struct hit *h, size_t n, size_t other)
{
	for (size_t k = 0; k < n; k++)
		if (h[k].score > 0 && h[k].other == other)
			return true;
	return false;
}

/* Insert into a best-first list of n hits (ties keep the earlier). */
static void hit_add(struct hit *h, size_t n, double score, size_t other)
{
	if (score <= h[n - 1].score)
		return;
	size_t k = n - 1;
	while (k > 0 && h[k - 1].score < score) {
		h[k] = h[k - 1];
		k--;
	}
	h[k].score = score;
	h[k].other = other;
}

/* Rank the pair (a, b) and keep it in cv when it ranks at min_score or
 * above: mutual when competitive linking linked it (mate_a). */
static void cand_keep(struct cand **cv, size_t *nc, size_t *ccap, size_t a, size_t b, double score,
		      const size_t *mate_a, const struct match_opts *opts)
{
	bool mutual = mate_a[a] == b;
	double u = score * (opts->mutual && !mutual ? ONE_SIDED : 1.0);
	/* the squashed BM25 plus bonuses and factors (0 to about 1.6),
	 * mapped to [0, 1) without changing the order */
	double rank = u / (u + SCORE_HALF);
	if (!(rank >= opts->min_score))
		return;
	GROW(*cv, *ccap, size_add(*nc, 1));
	(*cv)[(*nc)++] = (struct cand){a, b, score, rank, mutual};
}

/* one of the hits, for competitive linking */
struct mlink {
	double score;
	uint32_t a, b;
};

static int link_cmp(const void *x, const void *y)
{
	const struct mlink *p = x, *q = y;
	if (p->score != q->score)
		return p->score < q->score ? 1 : -1;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return (p->b > q->b) - (p->b < q->b);
}

/* Which pairs are mutual: competitive linking (Melamed's), the pairs of
 * the sentences' best hits taken best first, each linking its two
 * sentences when neither is linked yet. A pair that is each one's best is
 * linked so; and when a sentence's best partner is taken by a pair that
 * scores higher (a lead sentence that many answer), its next best can
 * still be its mate. Returns for each of A's sentences its mate in B, or
 * SIZE_MAX. The hits are a few per sentence: the sort is n log n. */
static size_t *links_mate(const struct hit *ha, const struct hit *hb, size_t an, size_t bn)
{
	size_t nl = 0;
	struct mlink *lv = xcalloc(size_mul(size_add(an, bn), TOPK) + 1, sizeof *lv);
	for (size_t i = 0; i < an; i++)
		for (size_t k = 0; k < TOPK && ha[i * HSLOTS + k].score > 0; k++)
			lv[nl++] = (struct mlink){ha[i * HSLOTS + k].score, (uint32_t)i,
						  (uint32_t)ha[i * HSLOTS + k].other};
	for (size_t s = 0; s < bn; s++)
		for (size_t k = 0; k < TOPK && hb[s * HSLOTS + k].score > 0; k++) {
			size_t i = hb[s * HSLOTS + k].other;
			if (!hits_hold(ha + i * HSLOTS, TOPK, s)) /* (else listed above) */
				lv[nl++] = (struct mlink){hb[s * HSLOTS + k].score, (uint32_t)i,
							  (uint32_t)s};
		}
	qsort(lv, nl, sizeof *lv, link_cmp);
	size_t *mate_a = xcalloc(an ? an : 1, sizeof *mate_a);
	bool *taken_b = xcalloc(bn ? bn : 1, sizeof *taken_b);
	for (size_t i = 0; i < an; i++)
		mate_a[i] = SIZE_MAX;
	for (size_t l = 0; l < nl; l++)
		if (mate_a[lv[l].a] == SIZE_MAX && !taken_b[lv[l].b]) {
			mate_a[lv[l].a] = lv[l].b;
			taken_b[lv[l].b] = true;
		}
	free(lv);
	free(taken_b);
	return mate_a;
}

static int cand_cmp(const void *x, const void *y)
{
	const struct cand *p = x, *q = y;
	if (p->rank != q->rank)
		return p->rank < q->rank ? 1 : -1;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return (p->b > q->b) - (p->b < q->b);
}

/* ---- a story: one dictionary, each article prepared once ---- */

struct match_story {
	struct terms T;
	struct match_opts opts;
	/* the texts scanned, for the acronyms no text defines (guessed once,
	 * over all of them, before the first article is prepared) */
	const char **texts;
	size_t *lens, ntexts, tcap, lcap;
	bool guessed;
	int32_t *rank; /* story term -> the pair's own term id, -1 between pairs */
	size_t rank_cap;
	struct match_article *pending; /* its side_rest_run still runs */
};

struct match_article {
	const char *text;
	size_t len;
	struct side sd; /* term: the story's ids; w: term frequencies */
	struct trace tr;
	struct side_rest rest;
	pthread_t rest_th;
	bool rest_on; /* the rest runs in rest_th */
	struct match_story *story;
};

/* Wait for the article whose rest still runs, if one does. */
static void story_settle(struct match_story *st)
{
	struct match_article *ma = st->pending;
	if (!ma)
		return;
	pthread_join(ma->rest_th, NULL);
	ma->rest_on = false;
	st->pending = NULL;
}

struct match_story *match_story_new(const struct match_opts *opts)
{
	struct match_story *st = xcalloc(1, sizeof *st);
	if (opts)
		st->opts = *opts;
	else
		match_opts_default(&st->opts);
	struct terms *T = &st->T;
	T->stem = st->opts.stem;
	T->concepts = true;
	T->wordnet = st->opts.wordnet && wnet_available();
	if (T->stem) {
		T->stemmer = sb_stemmer_new("english", NULL);
		if (!T->stemmer)
			T->stem = false;
	}
	return st;
}

/* a total order of texts by their bytes (shorter first) */
static bool text_before(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen != blen)
		return alen < blen;
	return memcmp(a, b, alen) < 0;
}

void match_story_scan(struct match_story *st, const char *t, size_t len)
{
	acro_scan(&st->T, t, len);
	capstop_scan(&st->T, t, len);
	GROW(st->texts, st->tcap, size_add(st->ntexts, 1));
	GROW(st->lens, st->lcap, size_add(st->ntexts, 1));
	st->texts[st->ntexts] = t;
	st->lens[st->ntexts++] = len;
	st->guessed = false;
}

static struct match_article *prepare_split(struct match_story *st, const char *t, size_t len,
					   struct side_split *sp);

struct match_article *match_prepare(struct match_story *st, const char *t, size_t len)
{
	struct side_split sp;
	side_split_start(&sp, t, len, false);
	return prepare_split(st, t, len, &sp);
}

/* match_prepare, the article's split begun (side_split_start) */
static struct match_article *prepare_split(struct match_story *st, const char *t, size_t len,
					   struct side_split *sp)
{
	if (!st->guessed) {
		/* in an order of the texts' own, not the order they came in:
		 * the first spelling found stands, and a pair's result must not
		 * depend on the order a story is given in */
		for (size_t i = 1; i < st->ntexts; i++)
			for (size_t j = i; j > 0 && text_before(st->texts[j], st->lens[j],
								st->texts[j - 1], st->lens[j - 1]);
			     j--) {
				const char *tt = st->texts[j];
				st->texts[j] = st->texts[j - 1];
				st->texts[j - 1] = tt;
				size_t tl = st->lens[j];
				st->lens[j] = st->lens[j - 1];
				st->lens[j - 1] = tl;
			}
		acro_guess(&st->T, st->texts, st->lens, st->ntexts);
		st->guessed = true;
	}
	struct match_article *ma = xcalloc(1, sizeof *ma);
	ma->text = t;
	ma->len = len;
	ma->tr.alias_at = SIZE_MAX;
	ma->tr.serial = ++st->T.serial;
	st->T.rec = &ma->tr;
	side_build(&st->T, &ma->sd, t, &ma->rest, sp);
	st->T.rec = NULL;
	ma->story = st;
	story_settle(st); /* the article before: one rest at a time */
	if (threads_on && ma->sd.n >= AHEAD_MIN) {
		/* its own copy of the stems' hashes: the next article's words
		 * may move the dictionary's */
		size_t nb = size_mul(st->T.n ? st->T.n : 1, sizeof *st->T.thash);
		ma->rest.own_thash = xmalloc(nb);
		if (st->T.n)
			memcpy(ma->rest.own_thash, st->T.thash, nb);
		ma->rest.thash = ma->rest.own_thash;
		ma->rest_on = pthread_create(&ma->rest_th, NULL, side_rest_run, &ma->rest) == 0;
		if (ma->rest_on)
			st->pending = ma;
	}
	if (!ma->rest_on)
		side_rest_run(&ma->rest);
	return ma;
}

void match_article_free(struct match_article *ma)
{
	if (!ma)
		return;
	if (ma->rest_on)
		story_settle(ma->story);
	side_free(&ma->sd);
	free(ma->tr.term);
	free(ma->tr.name);
	free(ma->tr.join);
	free(ma);
}

void match_story_free(struct match_story *st)
{
	if (!st)
		return;
	story_settle(st);
	struct terms *T = &st->T;
	hashmap_free(&T->words);
	hashmap_free(&T->stems);
	free(T->pstamp);
	free(T->thash);
	hashmap_free(&T->names);
	hashmap_free(&T->acro);
	hashmap_free(&T->capstop);
	buf_free(&T->acro_words);
	free(st->texts);
	free(st->lens);
	free(T->stamp);
	free(T->soft);
	free(T->is_number);
	free(T->wt);
	free(T->alias_terms);
	free(T->nstamp);
	free(T->place_off);
	free(T->place_n);
	free(T->places);
	if (T->stemmer)
		sb_stemmer_delete(T->stemmer);
	free(st->rank);
	free(st);
}

/* A pair's own numbering of the terms: the order in which a dictionary
 * made for the pair alone (article A tokenised, then B) would have met
 * them, so that the sentences' terms sort, and ties break, as they would
 * there. */
struct pairdict {
	int32_t *order; /* pair id -> story term */
	size_t n;
	uint32_t *df_a, *df_b, *pf_b; /* B's postings of a term, soft ones too */
	uint8_t *is_number;
};

static void rank_add(struct match_story *st, struct pairdict *pd, const int32_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (st->rank[v[i]] < 0) {
			st->rank[v[i]] = (int32_t)pd->n;
			pd->order[pd->n++] = v[i];
		}
}

static void rank_trace(struct match_story *st, struct pairdict *pd, const struct trace *tr,
		       bool *aliased)
{
	size_t cut = tr->nterm;
	bool here = !*aliased && tr->alias_at != SIZE_MAX;
	if (here)
		cut = tr->alias_at;
	rank_add(st, pd, tr->term, cut);
	if (here) {
		rank_add(st, pd, st->T.alias_terms, st->T.nalias_terms);
		*aliased = true;
	}
	if (cut < tr->nterm) /* (term may be NULL: no pointer arithmetic on it) */
		rank_add(st, pd, tr->term + cut, tr->nterm - cut);
}

struct entry {
	int32_t term;
	float w;
	uint8_t flags;
};

static int entry_cmp(const void *x, const void *y)
{
	const struct entry *a = x, *b = y;
	return (a->term > b->term) - (a->term < b->term);
}

/* The pair's view of a prepared side: the same sentences, the terms in
 * the pair's numbering (sorted), the document frequencies counted. */
static void side_view(struct side *v, const struct side *p, const int32_t *rank, uint32_t *df,
		      uint32_t *pf)
{
	*v = *p;
	size_t nt = p->nt ? p->nt : 1;
	v->term = xreallocarray(NULL, nt, sizeof *v->term);
	v->w = xreallocarray(NULL, nt, sizeof *v->w);
	v->flags = xreallocarray(NULL, nt, sizeof *v->flags);
	struct entry *e = NULL;
	size_t ecap = 0;
	for (size_t i = 0; i < p->n; i++) {
		size_t lo = p->off[i], n = p->off[i + 1] - lo;
		GROW(e, ecap, n ? n : 1);
		for (size_t j = 0; j < n; j++)
			e[j] =
			    (struct entry){rank[p->term[lo + j]], p->w[lo + j], p->flags[lo + j]};
		if (n > 64) {
			qsort(e, n, sizeof *e, entry_cmp);
		} else {
			for (size_t j = 1; j < n; j++) {
				struct entry x = e[j];
				size_t k = j;
				for (; k > 0 && e[k - 1].term > x.term; k--)
					e[k] = e[k - 1];
				e[k] = x;
			}
		}
		for (size_t j = 0; j < n; j++) {
			v->term[lo + j] = e[j].term;
			v->w[lo + j] = e[j].w;
			v->flags[lo + j] = e[j].flags;
			if (pf)
				pf[e[j].term]++;
			if (!(e[j].flags & TOK_SOFT))
				df[e[j].term]++;
		}
	}
	free(e);
}

/* side_view's arguments, to make a view in a thread of its own */
struct view_job {
	struct side *v;
	const struct side *p;
	const int32_t *rank;
	uint32_t *df, *pf;
};

#define VIEW_THREAD 16384 /* terms of B at least, for a thread of its own */

static void *view_run(void *arg)
{
	struct view_job *j = arg;
	side_view(j->v, j->p, j->rank, j->df, j->pf);
	return NULL;
}

static void view_free(struct side *v)
{
	free(v->term);
	free(v->w);
	free(v->flags);
}

/* The union-find of the names of a pair, as a dictionary made for the
 * pair alone would have joined them. */
static int32_t *pair_names(struct terms *T, const struct trace *ta, const struct trace *tb)
{
	int32_t *parent = xreallocarray(NULL, T->nnames ? T->nnames : 1, sizeof *parent);
	for (size_t i = 0; i < T->nnames; i++)
		parent[i] = (int32_t)i;
	T->parent = parent;
	uint32_t seen = ++T->serial;
	const struct trace *tv[2] = {ta, tb};
	for (size_t k = 0; k < 2; k++) {
		for (size_t i = 0; i < tv[k]->nname; i++) {
			int32_t x = tv[k]->name[i];
			if (T->nstamp[x] == seen)
				continue; /* met before: as a name or a place */
			T->nstamp[x] = seen;
			for (int32_t j = 0; j < T->place_n[x]; j++) {
				int32_t y = T->places[T->place_off[x] + j];
				T->nstamp[y] = seen;
				name_union(T, x, y);
			}
		}
	}
	for (size_t k = 0; k < 2; k++)
		for (size_t i = 0; i + 1 < tv[k]->njoin; i += 2)
			name_union(T, tv[k]->join[i], tv[k]->join[i + 1]);
	return parent;
}

size_t match_articles(const char *a, size_t alen, const char *b, size_t blen,
		      const struct match_opts *opts, struct match_pair **out)
{
	/* both texts split while the story's dictionary scans them */
	struct side_split sa, sb;
	side_split_start(&sa, a, alen, true);
	side_split_start(&sb, b, blen, true);
	struct match_story *st = match_story_new(opts);
	match_story_scan(st, a, alen);
	match_story_scan(st, b, blen);
	struct match_article *pa = prepare_split(st, a, alen, &sa);
	struct match_article *pb = prepare_split(st, b, blen, &sb);
	size_t n = match_prepared(st, pa, pb, opts, out);
	match_article_free(pa);
	match_article_free(pb);
	match_story_free(st);
	return n;
}

/* what an A sentence has gathered so far for one B sentence, kept
 * together in 32 bytes: the candidate loop visits B's sentences in the
 * order of the postings, so one cache line a visit (two accumulators a
 * line) */
struct accum {
	double a, b, bon; /* A's and B's term weights, the bonuses */
	uint32_t mark;	  /* the row's stamp (score_rows' gen): touched for it */
	uint8_t shared;	  /* exact terms shared: 0, 1, or 2 for two or more */
	uint8_t fit;	  /* rebut_fit's answer */
	bool accuse;	  /* the word of accusing is among the terms shared */
};

/* one posting of B's inverted index, inline */
struct posting {
	uint32_t s; /* the sentence */
	float w;
	uint8_t fl;
};

/* a candidate for the frequent terms: its score so far, and the order it
 * was found in, which breaks ties (the earlier first) */
struct best {
	double v;
	size_t c;
};

/* is x worse than y? */
static bool best_worse(const struct best *x, const struct best *y)
{
	return x->v < y->v || (x->v == y->v && x->c > y->c);
}

/* The FREQUENT_CANDS best of the touched[0..nt) by a + bon (ties: the
 * one touched first), into fc in no particular order; returns how many.
 * A selection (quickselect) in h[0..nt), linear on average. */
static size_t top_candidates(const size_t *touched, size_t nt, const struct accum *ac,
			     struct best *h, size_t *fc)
{
	for (size_t c = 0; c < nt; c++)
		h[c] = (struct best){ac[touched[c]].a + ac[touched[c]].bon, c};
	size_t lo = 0, hi = nt; /* the K best are h[0, K) once K falls in a split */
	while (nt > FREQUENT_CANDS && hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		struct best piv = h[mid];
		h[mid] = h[hi - 1];
		h[hi - 1] = piv;
		size_t k = lo; /* better than the pivot: to the front */
		for (size_t x = lo; x + 1 < hi; x++)
			if (best_worse(&piv, &h[x])) {
				struct best y = h[x];
				h[x] = h[k];
				h[k++] = y;
			}
		h[hi - 1] = h[k];
		h[k] = piv;
		if (k + 1 == FREQUENT_CANDS)
			break;
		if (k + 1 < FREQUENT_CANDS)
			lo = k + 1;
		else
			hi = k;
	}
	size_t n = nt < FREQUENT_CANDS ? nt : FREQUENT_CANDS;
	for (size_t k = 0; k < n; k++)
		fc[k] = touched[h[k].c];
	return n;
}

/* What scoring rows of A against B reads (the same for every share) and
 * one share's rows, [i0, i1), with its own scratch and its own hits of B's
 * sentences (hb); the rows' hits in A (ha) are theirs alone. */
struct rows {
	struct side A, B;
	struct terms *T;
	struct scorer sc;
	const uint32_t *pf_b;
	const size_t *poff, *foff, *bacc, *bden;
	const struct posting *post;
	const struct entry *fent;
	size_t nbacc, nbden, frequent, np;
	double squash;
	struct hit *ha, *hb;
	size_t i0, i1;
	int32_t accuse;	    /* the pair's term of accusing, -1: none */
	const float *acc_w; /* B's sentences' weight of it, 0: none */
};

/* What a relative counts of a word: a body's parliament MEMBER_W, any
 * other WordNet relative SOFT_W (flags: both tokens' flags together). */
static double soft_weight(uint8_t flags)
{
	return flags & TOK_MEMBER ? MEMBER_W : SOFT_W;
}

static void *score_rows(void *arg)
{
	const struct rows *r = arg;
	const struct side A = r->A, B = r->B;
	struct terms *T = r->T;
	const struct scorer sc = r->sc;
	const struct {
		const uint32_t *pf_b;
	} pd = {r->pf_b};
	const size_t *poff = r->poff, *foff = r->foff, *bacc = r->bacc, *bden = r->bden;
	const struct posting *post = r->post;
	const struct entry *fent = r->fent;
	size_t nbacc = r->nbacc, nbden = r->nbden, frequent = r->frequent;
	double squash = r->squash;
	struct hit *ha = r->ha, *hb = r->hb;
	struct accum *ac = xcalloc(B.n ? B.n : 1, sizeof *ac);
	size_t fc[FREQUENT_CANDS];
	struct best *sel = xcalloc(B.n ? B.n : 1, sizeof *sel);
	size_t *amark = xcalloc(r->np, sizeof *amark), *aj = xcalloc(r->np, sizeof *aj);
	size_t *touched = xcalloc(B.n ? B.n : 1, sizeof *touched);
	uint32_t gen = 0; /* each row's stamp in ac[].mark, never 0 */
	for (size_t i = r->i0; i < r->i1; i++) {
		size_t nt = 0;
		bool any_frequent = false;
		if (++gen == 0) { /* after 2^32 - 1 rows: the stamps start again */
			for (size_t s = 0; s < B.n; s++)
				ac[s].mark = 0;
			gen = 1;
		}
		double acc_a = 0; /* A's weight of the word of accusing */
		for (size_t j = A.off[i]; j < A.off[i + 1]; j++) {
			size_t t = (size_t)A.term[j];
			if ((int32_t)t == r->accuse)
				acc_a = A.w[j];
			if (pd.pf_b[t] > frequent) {
				any_frequent = any_frequent || !(A.flags[j] & TOK_PHRASE);
				continue;
			}
			bool accuse = (int32_t)t == r->accuse;
			for (size_t p = poff[t]; p < poff[t + 1]; p++) {
				size_t s = post[p].s;
				uint8_t either = (A.flags[j] | post[p].fl) & TOK_SOFT;
				if (A.flags[j] & post[p].fl & TOK_SOFT)
					continue; /* two relatives: no match */
				if (ac[s].mark != gen) {
					if (A.flags[j] & TOK_PHRASE)
						continue; /* only to a pair its words found */
					ac[s].mark = gen;
					touched[nt++] = s;
				}
				if (either) {
					double sw = soft_weight(A.flags[j] | post[p].fl);
					ac[s].a += sw * A.w[j];
					ac[s].b += sw * post[p].w;
					continue;
				}
				if (A.flags[j] & post[p].fl & TOK_SPEAKER) {
					/* the same speaker: not the same claim */
					ac[s].a += SPEAKER_W * A.w[j];
					ac[s].b += SPEAKER_W * post[p].w;
					continue;
				}
				double bb = 0;
				ac[s].shared += ac[s].shared < 2;
				pair_term(&sc, (int32_t)t, A.flags[j], post[p].fl, &bb);
				ac[s].a += A.w[j];
				ac[s].b += post[p].w;
				ac[s].bon += bb;
				ac[s].accuse |= accuse;
			}
		}
		/* the frequent terms, for the candidates the rare ones ranked
		 * best: they add little, and only to pairs that already share
		 * something rarer */
		size_t nf = any_frequent ? top_candidates(touched, nt, ac, sel, fc) : 0;
		if (nf) { /* A's frequent terms, by term: the index of each */
			for (size_t j = A.off[i]; j < A.off[i + 1]; j++)
				if (pd.pf_b[A.term[j]] > frequent) {
					amark[A.term[j]] = i + 1;
					aj[A.term[j]] = j;
				}
		}
		for (size_t c = 0; c < nf; c++) {
			size_t s = fc[c];
			/* B's frequent terms that A's sentence has, in the order of
			 * the terms, as A's own are */
			for (size_t q = foff[s]; q < foff[s + 1]; q++) {
				const struct entry *fe = &fent[q];
				int32_t t = fe->term;
				if (amark[t] != i + 1)
					continue;
				size_t j = aj[t];
				if ((A.flags[j] | fe->flags) & TOK_SOFT) {
					if (!(A.flags[j] & fe->flags & TOK_SOFT)) {
						double sw = soft_weight(A.flags[j] | fe->flags);
						ac[s].a += sw * A.w[j];
						ac[s].b += sw * fe->w;
					}
				} else if (A.flags[j] & fe->flags & TOK_SPEAKER) {
					ac[s].a += SPEAKER_W * A.w[j];
					ac[s].b += SPEAKER_W * fe->w;
				} else {
					double bb = 0;
					ac[s].shared += ac[s].shared < 2;
					pair_term(&sc, t, A.flags[j], fe->flags, &bb);
					ac[s].a += A.w[j];
					ac[s].b += fe->w;
					ac[s].bon += bb;
					ac[s].accuse |= t == r->accuse;
				}
			}
		}
		/* the answers to A's accusation, or what A's denial answers,
		 * however few words they share */
		const size_t *opp = A.st[i] == STANCE_ACCUSATION ? bden
				    : A.st[i] == STANCE_REBUTTAL ? bacc
								 : NULL;
		size_t nopp = A.st[i] == STANCE_ACCUSATION ? nbden
			      : A.st[i] == STANCE_REBUTTAL ? nbacc
							   : 0;
		for (size_t k = 0; k < nopp; k++) {
			size_t s = opp[k];
			int f = A.st[i] == STANCE_ACCUSATION ? rebut_fit(T, &B, s, &A, i)
							     : rebut_fit(T, &A, i, &B, s);
			if (!f)
				continue;
			ac[s].fit = (uint8_t)f;
			if (ac[s].mark != gen) {
				ac[s].mark = gen;
				touched[nt++] = s;
			}
		}
		for (size_t c = 0; c < nt; c++) {
			size_t s = touched[c];
			bool rebuts = stance_relation(A.st[i], B.st[s]) == REL_REBUTS;
			if (rebuts && ac[s].accuse) {
				ac[s].a -= (1.0 - ACCUSE_W) * acc_a;
				ac[s].b -= (1.0 - ACCUSE_W) * r->acc_w[s];
			}
			double score = pair_base(ac[s].a, ac[s].b, squash) +
				       (ac[s].bon < BONUS_MAX ? ac[s].bon : BONUS_MAX);
			if (rebuts)
				score += BONUS_STANCE;
			if (A.head[i] || B.head[s])
				score *= HEADING;
			bool rebut = ac[s].fit != 0;
			/* an answer to another kind of act (a refusal to a
			 * claim of guilt, a denial to a demand) ranks lower,
			 * and only an answer to its kind gets REBUT_ADD */
			bool misfit = rebuts && !act_fits(A.st[i], A.act[i], B.act[s]);
			if (ac[s].fit == 2)
				score = score * (1.0 + REBUT_SIDE) + (misfit ? 0 : REBUT_ADD);
			else if (ac[s].shared < 2)
				score *= SINGLE;
			if (misfit)
				score *= MISFIT;
			if (same_act(T, &A, i, &B, s))
				score += SAME_ACT;
			ac[s].fit = 0;
			ac[s].a = ac[s].b = ac[s].bon = 0;
			ac[s].accuse = false;
			ac[s].shared = 0;
			if (rebut) {
				hit_add(ha + i * HSLOTS + TOPK, TOPR, score, s);
				hit_add(hb + s * HSLOTS + TOPK, TOPR, score, i);
			}
			hit_add(ha + i * HSLOTS, TOPK, score, s);
			hit_add(hb + s * HSLOTS, TOPK, score, i);
		}
	}

	free(ac);
	free(sel);
	free(amark);
	free(aj);
	free(touched);
	return NULL;
}

/* Score all of A's rows: in two shares, the second in a thread of its own
 * when A is long enough and one can be had. The second share's hits of B
 * are then added after the first's, best first, which is the order they
 * would have come in had one loop done all the rows, so the hits are the
 * same (the names' union-find is flat by then: finding reads only). */
#define ROWS_THREAD 1024 /* A's sentences at least, for a second thread */

static void score_all(struct rows *r, size_t an, size_t bn)
{
	r->i0 = 0;
	r->i1 = an;
	struct rows second = *r;
	pthread_t th;
	bool two = false;
	if (an >= ROWS_THREAD && threads_on) {
		second.hb = xcalloc(size_mul(bn ? bn : 1, HSLOTS), sizeof *second.hb);
		second.i0 = r->i1 = an / 2;
		two = pthread_create(&th, NULL, score_rows, &second) == 0;
		if (!two) {
			free(second.hb);
			r->i1 = an;
		}
	}
	score_rows(r);
	if (!two)
		return;
	pthread_join(th, NULL);
	for (size_t s = 0; s < bn; s++) {
		const struct hit *h = second.hb + s * HSLOTS;
		for (size_t k = 0; k < TOPK && h[k].score > 0; k++)
			hit_add(r->hb + s * HSLOTS, TOPK, h[k].score, h[k].other);
		for (size_t k = TOPK; k < HSLOTS && h[k].score > 0; k++)
			hit_add(r->hb + s * HSLOTS + TOPK, TOPR, h[k].score, h[k].other);
	}
	free(second.hb);
}

/* What the scoring reads of B beyond its view: its BM25 weights, the
 * inverted index, the entries of its frequent terms sentence by sentence,
 * and its sentences' weights of the word of accusing. */
struct index_job {
	struct side *B;
	const double *idf;
	double avgdl;
	const uint32_t *pf_b;
	size_t nterm;
	int32_t accuse;
	size_t *poff, *foff;
	struct posting *post;
	struct entry *fent;
	float *acc_w;
};

static void *index_run(void *arg)
{
	struct index_job *ix = arg;
	struct side B = *ix->B;
	side_weigh(ix->B, ix->idf, ix->avgdl);
	size_t *poff = xcalloc(size_add(ix->nterm, 1), sizeof *poff);
	for (size_t t = 0; t < ix->nterm; t++)
		poff[t + 1] = poff[t] + ix->pf_b[t];
	struct posting *post = xcalloc(B.nt ? B.nt : 1, sizeof *post);
	size_t *fill = xcalloc(ix->nterm ? ix->nterm : 1, sizeof *fill);
	for (size_t i = 0; i < B.n; i++)
		for (size_t j = B.off[i]; j < B.off[i + 1]; j++) {
			size_t t = (size_t)B.term[j], at = poff[t] + fill[t]++;
			post[at] = (struct posting){(uint32_t)i, B.w[j], B.flags[j]};
		}
	free(fill);
	/* a fixed cap: candidates per sentence stay bounded, so matching
	 * grows linearly with the articles (the cap used to grow with B, to
	 * 1/128 of its sentences past 8,192, and matching quadratically) */
	size_t *foff = xcalloc(size_add(B.n, 1), sizeof *foff), nfent = 0, fcap = 0;
	struct entry *fent = NULL;
	for (size_t s = 0; s < B.n; s++) {
		for (size_t j = B.off[s]; j < B.off[s + 1]; j++)
			if (ix->pf_b[B.term[j]] > FREQUENT_DF && !(B.flags[j] & TOK_PHRASE)) {
				GROW(fent, fcap, size_add(nfent, 1));
				fent[nfent++] = (struct entry){B.term[j], B.w[j], B.flags[j]};
			}
		foff[s + 1] = nfent;
	}
	float *acc_w = xcalloc(B.n ? B.n : 1, sizeof *acc_w);
	for (size_t s = 0; s < B.n && ix->accuse >= 0; s++)
		for (size_t j = B.off[s]; j < B.off[s + 1]; j++)
			if (B.term[j] == ix->accuse)
				acc_w[s] = B.w[j];
	ix->poff = poff;
	ix->foff = foff;
	ix->post = post;
	ix->fent = fent;
	ix->acc_w = acc_w;
	return NULL;
}

size_t match_prepared(struct match_story *st, const struct match_article *pa,
		      const struct match_article *pb, const struct match_opts *opts,
		      struct match_pair **out)
{
	if (!opts)
		opts = &st->opts;
	*out = NULL;
	struct terms *T = &st->T;
	/* B's rest still running (it was prepared last): A's side of the pair
	 * is made meanwhile, from A's trace alone (B's rest reads neither) */
	bool early = st->pending == pb && pb != pa;
	if (!early)
		story_settle(st);
	if (st->rank_cap < T->n) {
		st->rank = xreallocarray(st->rank, T->n, sizeof *st->rank);
		for (size_t t = st->rank_cap; t < T->n; t++)
			st->rank[t] = -1;
		st->rank_cap = T->n;
	}
	struct pairdict pd = {0};
	size_t cap_a = size_add(pa->tr.nterm, T->nalias_terms + 1);
	pd.order = xreallocarray(NULL, cap_a, sizeof *pd.order);
	bool aliased = false;
	rank_trace(st, &pd, &pa->tr, &aliased);
	size_t na = pd.n;
	struct side A, B;
	if (early) {
		pd.df_a = xcalloc(na ? na : 1, sizeof *pd.df_a);
		side_view(&A, &pa->sd, st->rank, pd.df_a, NULL);
		story_settle(st);
	}
	pd.order = xreallocarray(pd.order, size_add(cap_a, pb->tr.nterm), sizeof *pd.order);
	rank_trace(st, &pd, &pb->tr, &aliased);
	size_t np = pd.n ? pd.n : 1;
	if (early) { /* A's counts, for all the pair's terms */
		pd.df_a = xreallocarray(pd.df_a, np, sizeof *pd.df_a);
		memset(pd.df_a + na, 0, (np - na) * sizeof *pd.df_a);
	} else {
		pd.df_a = xcalloc(np, sizeof *pd.df_a);
	}
	pd.df_b = xcalloc(np, sizeof *pd.df_b);
	pd.pf_b = xcalloc(np, sizeof *pd.pf_b);
	pd.is_number = xcalloc(np, sizeof *pd.is_number);
	for (size_t t = 0; t < pd.n; t++)
		pd.is_number[t] = T->is_number[pd.order[t]];
	struct view_job vb = {&B, &pb->sd, st->rank, pd.df_b, pd.pf_b};
	if (early) {
		view_run(&vb);
	} else {
		/* the two views write apart and read the ranks only: B's
		 * beside A's */
		struct job vj;
		job_start(&vj, view_run, &vb, pb->sd.nt >= VIEW_THREAD);
		side_view(&A, &pa->sd, st->rank, pd.df_a, NULL);
		job_end(&vj);
	}
	/* the term of accusing (stem_synonyms' "ACCUSE"), as the pair numbers it */
	const size_t *acc = hashmap_get(&T->stems, "ACCUSE", 6);
	int32_t accuse = acc ? st->rank[*acc] : -1;
	for (size_t t = 0; t < pd.n; t++)
		st->rank[pd.order[t]] = -1;
	int32_t *parent = pair_names(T, &pa->tr, &pb->tr);

	double *idf = xcalloc(np, sizeof *idf);
	double N = (double)A.n + (double)B.n, idf_max = 1;
	for (size_t t = 0; t < pd.n; t++) {
		double df = (double)pd.df_a[t] + (double)pd.df_b[t];
		idf[t] = log(1.0 + (N - df + 0.5) / (df + 0.5));
		if (idf[t] > idf_max)
			idf_max = idf[t];
	}
	double avgdl = 1;
	if (A.nt + B.nt > 0 && N > 0) {
		size_t toks = 0;
		for (size_t i = 0; i < A.n; i++)
			toks += A.len[i];
		for (size_t i = 0; i < B.n; i++)
			toks += B.len[i];
		avgdl = toks > 0 ? (double)toks / N : 1;
	}
	/* idf grows with the number of sentences (ln N): squash relative to
	 * a 50-sentence pair, so that short texts score as much */
	double squash = BM25_SQUASH * log(1.0 + N) / log(51.0);
	if (squash < 1e-3)
		squash = 1e-3;
	/* B's weights, inverted index and entries in a thread of their own
	 * while A is weighed (the two write apart) */
	struct index_job ix = {&B, idf, avgdl, pd.pf_b, pd.n, accuse, NULL, NULL, NULL, NULL, NULL};
	struct job ij;
	job_start(&ij, index_run, &ix, B.nt >= VIEW_THREAD);
	side_weigh(&A, idf, avgdl);
	job_end(&ij);
	size_t *poff = ix.poff, *foff = ix.foff;
	struct posting *post = ix.post;
	struct entry *fent = ix.fent;
	float *acc_w = ix.acc_w;
	size_t frequent = FREQUENT_DF;
	struct scorer sc = {idf, idf_max, pd.is_number, opts->bonuses};
	/* accusations and denials of B, to pair with A's answers to them */
	side_deniers(T, &A);
	side_deniers(T, &B);
	size_t *bacc = NULL, *bden = NULL, nbacc = 0, nbden = 0, cacc = 0, cden = 0;
	for (size_t s = 0; s < B.n; s++) {
		if (B.st[s] == STANCE_ACCUSATION && nbacc < STANCE_PAIRS) {
			GROW(bacc, cacc, nbacc + 1);
			bacc[nbacc++] = s;
		} else if (B.st[s] == STANCE_REBUTTAL && nbden < STANCE_PAIRS) {
			GROW(bden, cden, nbden + 1);
			bden[nbden++] = s;
		}
	}
	/* the TOPK best matches of every sentence, each way, best first */
	struct hit *ha = xcalloc(size_mul(A.n ? A.n : 1, HSLOTS), sizeof *ha);
	struct hit *hb = xcalloc(size_mul(B.n ? B.n : 1, HSLOTS), sizeof *hb);
	/* finding a name's side only reads from here on */
	for (size_t x = 0; x < T->nnames; x++)
		(void)name_find(T, (int32_t)x);
	struct rows rw = {A,	B,    T,    sc,	   pd.pf_b, poff,     foff, bacc,
			  bden, post, fent, nbacc, nbden,   frequent, np,   squash,
			  ha,	hb,   0,    0,	   accuse,  acc_w};
	score_all(&rw, A.n, B.n);

	/* candidates: each sentence's TOPK matches, either way, once each (a
	 * pair scores the same in both lists, and the ranking below orders
	 * it by its place, so the first copy met stands for all), kept only
	 * when they rank at min_score or above */
	struct cand *cv = NULL;
	size_t nc = 0, ccap = 0;
	size_t *mate_a = links_mate(ha, hb, A.n, B.n);
	for (size_t i = 0; i < A.n; i++)
		for (size_t k = 0; k < HSLOTS; k++) {
			const struct hit *h = &ha[i * HSLOTS + k];
			if (h->score > 0 && !hits_hold(ha + i * HSLOTS, k, h->other))
				cand_keep(&cv, &nc, &ccap, i, h->other, h->score, mate_a, opts);
		}
	for (size_t s = 0; s < B.n; s++)
		for (size_t k = 0; k < HSLOTS; k++) {
			const struct hit *h = &hb[s * HSLOTS + k];
			if (h->score > 0 && !hits_hold(hb + s * HSLOTS, k, h->other) &&
			    !hits_hold(ha + h->other * HSLOTS, HSLOTS, s))
				cand_keep(&cv, &nc, &ccap, h->other, s, h->score, mate_a, opts);
		}
	free(ha);
	free(hb);
	free(mate_a);
	if (nc)
		qsort(cv, nc, sizeof *cv, cand_cmp);
	/* a pair of texts both articles repeat (captions, a paragraph given
	 * twice) is shown once, at its best place */
	struct hashmap seen = {0};
	size_t keep = 0;
	for (size_t c = 0; c < nc; c++) {
		int32_t key[2] = {A.tid[cv[c].a], B.tid[cv[c].b]};
		bool added;
		hashmap_put(&seen, (const char *)key, sizeof key, &added);
		if (added)
			cv[keep++] = cv[c];
	}
	nc = keep;
	hashmap_free(&seen);
	if (opts->top && nc > opts->top)
		nc = opts->top;

	struct match_pair *pv = nc ? xcalloc(nc, sizeof *pv) : NULL;
	for (size_t c = 0; c < nc; c++) {
		struct match_pair *p = &pv[c];
		const struct sentence *sa = &A.s[cv[c].a], *sb = &B.s[cv[c].b];
		p->a_start = sa->start;
		p->a_end = sa->end;
		p->b_start = sb->start;
		p->b_end = sb->end;
		p->score = cv[c].rank;
		p->mutual = cv[c].mutual;
		p->sa = A.st[cv[c].a];
		p->sb = B.st[cv[c].b];
		p->rel = stance_relation(p->sa, p->sb);
		if (p->rel == REL_SAME && p->score >= CONTRA_MIN)
			contradiction(T, pa->text, &A, cv[c].a, pb->text, &B, cv[c].b, p);
	}
	*out = pv;

	free(acc_w);
	free(foff);
	free(fent);
	free(cv);
	free(bacc);
	free(bden);
	free(poff);
	free(post);
	free(idf);
	view_free(&A);
	view_free(&B);
	free(parent);
	T->parent = NULL;
	free(pd.order);
	free(pd.df_a);
	free(pd.df_b);
	free(pd.pf_b);
	free(pd.is_number);
	return nc;
}
