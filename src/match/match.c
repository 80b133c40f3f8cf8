/* match: sentence pairs across two articles. Owns the tokeniser (words and
 * numbers, NFKC case folding, stop words, Snowball stems), the term table,
 * TF-IDF weighting over both articles, the inverted index over article B,
 * and the pairing policy (best match each way, mutual pairs first).
 *
 * Cost: tokenising is linear in the text; scoring an A sentence touches the
 * postings of its terms only. Terms found in very many B sentences carry
 * little weight and would make the scoring quadratic, so their postings are
 * not walked: they are added afterwards to the candidates the other terms
 * found, which keeps every candidate's score exact. */
#include "crossread/match/match.h"

#include <libstemmer.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "crossread/doc/sentence.h"
#include "crossread/match/wnet.h"
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
#define SOFT_W	     0.3  /* a WordNet relative counts this much of a word */
#define CONTRA_MIN   0.0  /* the least score of a pair to contradict */
#define REBUT_SIDE   0.15 /* factor added to a denial answering its side's accusation */
#define STANCE_PAIRS 256  /* accusations (and denials) of B paired at most */
#define BONUS_NUMBER 0.20 /* per shared number, scaled by its idf */
#define BONUS_NAME   0.15 /* per shared proper name, scaled by its idf */
#define BONUS_STANCE 0.05 /* one accuses, the other rebuts */
#define BONUS_MAX    0.40
#define ONE_SIDED    0.85 /* rank factor of a pair that is not mutual */
#define HEADING	     0.50 /* factor for a pair with a heading or caption */
#define SINGLE	     0.50 /* factor for a pair sharing a single term */
#define TOPK	     3	  /* candidates kept per sentence, each way */
#define TOPR	     2	  /* and answers to an accusation, each way */
#define REBUT_ADD    0.20 /* added to a denial answering its side's accusation */
#define MISFIT	     0.90 /* factor of an answer to another kind of act */
#define SAME_ACT     0.10 /* added when one side does the same act in both */
#define HSLOTS	     (TOPK + TOPR)
/* dev corpus: precision 0.71, recall 11/27; 0.56 gave 0.89 and 7/27 but left
 * out the pairs of the short texts of e2e annotate and match */
#define DEFAULT_MIN	0.51
#define FREQUENT_MIN_DF 64  /* postings walked at most this long... */
#define FREQUENT_CANDS	32  /* candidates that get the frequent terms added */
#define FREQUENT_DIV	128 /* ...or 1/128 of B's sentences, whichever is more */

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
};

/* ---- string -> int map (open addressing) ---- */

struct smap_entry {
	size_t off; /* key in the arena */
	uint32_t len;
	uint32_t hash;
	int32_t val;
};

struct smap {
	uint32_t *slot; /* entry index + 1; 0 is empty */
	size_t cap;	/* power of two */
	struct smap_entry *e;
	size_t n, ecap;
	struct buf arena;
};

static uint32_t hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static void smap_rehash(struct smap *m)
{
	size_t ncap = m->cap ? size_mul(m->cap, 2) : 1024;
	uint32_t *ns = xcalloc(ncap, sizeof *ns);
	for (size_t i = 0; i < m->n; i++) {
		size_t j = m->e[i].hash & (ncap - 1);
		while (ns[j])
			j = (j + 1) & (ncap - 1);
		ns[j] = (uint32_t)(i + 1);
	}
	free(m->slot);
	m->slot = ns;
	m->cap = ncap;
}

/* The value for key s[0..n), inserting `def` if absent; *found tells. */
static int32_t *smap_get(struct smap *m, const char *s, size_t n, int32_t def, bool *found)
{
	if (size_mul(m->n + 1, 2) > m->cap)
		smap_rehash(m);
	uint32_t h = hash_bytes(s, n);
	size_t j = h & (m->cap - 1);
	while (m->slot[j]) {
		struct smap_entry *e = &m->e[m->slot[j] - 1];
		if (e->hash == h && e->len == n &&
		    (n == 0 || memcmp(m->arena.s + e->off, s, n) == 0)) {
			*found = true;
			return &e->val;
		}
		j = (j + 1) & (m->cap - 1);
	}
	if (n > UINT32_MAX || m->n >= INT32_MAX - 1)
		abort(); /* cannot happen below ARTICLE_MAX_SIZE */
	GROW(m->e, m->ecap, m->n + 1);
	struct smap_entry *e = &m->e[m->n];
	e->off = m->arena.len;
	e->len = (uint32_t)n;
	e->hash = h;
	e->val = def;
	buf_add(&m->arena, s, n);
	m->slot[j] = (uint32_t)(++m->n);
	*found = false;
	return &e->val;
}

static void smap_free(struct smap *m)
{
	free(m->slot);
	free(m->e);
	buf_free(&m->arena);
}

/* ---- tokens ---- */

#define TOK_NAME   1u /* capitalised, not the sentence's first word */
#define TOK_NUMBER 2u
#define TOK_SOFT   4u /* a WordNet relative of the sentence's word only */

struct tok {
	int32_t term;
	uint8_t flags;
};

/* the terms a distinct word stands for (none for a stop word) */
struct wterm {
	int32_t t[2];
	uint8_t n;
	uint8_t nsoft;	   /* WordNet's related terms (soft matches) */
	uint32_t soft_off; /* ...at T->soft[soft_off, + nsoft) */
};

#define SOFT_MAX 8 /* soft terms of a word at most */

struct terms {
	struct smap words; /* folded word -> index into wt */
	struct wterm *wt;
	size_t nwt, wt_cap;
	int32_t *soft;
	size_t nsoft, soft_cap;
	int32_t last_wt;       /* the wterm word_terms looked up last */
	struct smap acro;      /* acronym defined in a text -> offset into acro_words */
	struct smap capstop;   /* stop words that are a name's last word in a text */
	struct buf acro_words; /* its expansion: words, each NUL-ended, then "" */
	bool wordnet;
	struct smap stems; /* stem (or number) -> term id */
	uint32_t *df_a, *df_b;
	uint32_t *pf_b; /* B's postings of a term, soft ones too */
	uint8_t *is_number;
	size_t n, cap;
	struct sb_stemmer *stemmer;
	bool stem, concepts;
	bool alias_ready;
	/* sides: the people, places and bodies named, joined when one speaks
	 * for another (union-find over folded name words) */
	struct smap names;
	int32_t *parent;
	size_t nnames, ncap;
	int32_t alias[3][3]; /* term ids of phrase_aliases */
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
		GROW(T->df_a, T->cap, T->n + 1);
		T->df_b = xreallocarray(T->df_b, T->cap, sizeof *T->df_b);
		T->pf_b = xreallocarray(T->pf_b, T->cap, sizeof *T->pf_b);
		T->is_number = xreallocarray(T->is_number, T->cap, sizeof *T->is_number);
	}
	T->df_a[T->n] = T->df_b[T->n] = T->pf_b[T->n] = 0;
	T->is_number[T->n] = number;
	return (int32_t)T->n++;
}

/* A year says little: "in 2020" is in half the sentences of a news story
 * and is no sign that two of them state the same fact. */
static bool is_year(const char *w, size_t n)
{
	return n == 4 && (w[0] == '1' || w[0] == '2') && (w[1] == '9' || w[1] == '0') &&
	       !memchr(w, '.', n);
}

/* Stems that stand for the same act: accusing, and denying. The cue words
 * of stance.c, so that "denied" matches "rejected" and "alleged" matches
 * "accused" whatever the exact word. */
static const char *const stem_synonyms[][2] = {
    {"accus", "ACCUSE"}, {"alleg", "ACCUSE"}, {"charg", "ACCUSE"}, {"indict", "ACCUSE"},
    {"blame", "ACCUSE"}, {"deni", "DENY"},    {"reject", "DENY"},  {"refut", "DENY"},
    {"dismiss", "DENY"}, {"rebut", "DENY"},   {"denial", "DENY"},  {"baseless", "DENY"},
};

/* ---- the word lists, indexed once ----
 * Looking a word up in the stop list, the synonyms and the stem synonyms
 * is one hash probe, not a walk through the lists: the index is built at
 * the first call and then read only (crossread is single-threaded). */

#define LEX_SLOTS 1024 /* power of two, more than twice the entries */

enum lex_kind { LEX_STOP, LEX_SYNONYM, LEX_STEM_SYNONYM, LEX_KINDS };

struct lex_slot {
	const char *w; /* NULL: empty */
	uint32_t len;
	int16_t val[LEX_KINDS]; /* -1: not in that list; else its index there */
};

static struct lex_slot lex[LEX_SLOTS];
static bool lex_ready;

static struct lex_slot *lex_slot(const char *w, size_t n)
{
	size_t j = hash_bytes(w, n) & (LEX_SLOTS - 1);
	while (lex[j].w && !(lex[j].len == n && memcmp(lex[j].w, w, n) == 0))
		j = (j + 1) & (LEX_SLOTS - 1);
	return &lex[j];
}

static void lex_put(enum lex_kind kind, const char *w, size_t index)
{
	size_t n = strlen(w);
	struct lex_slot *e = lex_slot(w, n);
	if (!e->w) {
		e->w = w;
		e->len = (uint32_t)n;
		for (size_t k = 0; k < LEX_KINDS; k++)
			e->val[k] = -1;
	}
	if (e->val[kind] < 0) /* the first entry wins, as a walk would find it */
		e->val[kind] = (int16_t)index;
}

static void lex_init(void)
{
	for (size_t i = 0; i < sizeof stop_words / sizeof stop_words[0]; i++)
		lex_put(LEX_STOP, stop_words[i], i);
	for (size_t i = 0; i < sizeof synonyms / sizeof synonyms[0]; i++)
		lex_put(LEX_SYNONYM, synonyms[i][0], i);
	for (size_t i = 0; i < sizeof stem_synonyms / sizeof stem_synonyms[0]; i++)
		lex_put(LEX_STEM_SYNONYM, stem_synonyms[i][0], i);
	lex_ready = true;
}

/* w[0..n)'s index in the list of that kind, or -1. */
static int lex_find(enum lex_kind kind, const char *w, size_t n)
{
	if (!lex_ready)
		lex_init();
	const struct lex_slot *e = lex_slot(w, n);
	return e->w ? e->val[kind] : -1;
}

static int32_t stem_term(struct terms *T, const char *w, size_t n, bool number)
{
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
	bool found;
	int32_t *v = smap_get(&T->stems, key, klen, -1, &found);
	if (!found)
		*v = new_term(T, number && !is_year(key, klen));
	return *v;
}

static bool is_stop(const char *w, size_t n)
{
	return lex_find(LEX_STOP, w, n) >= 0;
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
 * "thousand" 1000. */
static double number_word(const char *w, size_t n)
{
	static const char *const words[] = {
	    "zero",	"one",	   "two",     "three",	   "four",     "five",	   "six",
	    "seven",	"eight",   "nine",    "ten",	   "eleven",   "twelve",   "thirteen",
	    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
	};
	static const char *const tens[] = {"twenty", "thirty",	"forty",  "fifty",
					   "sixty",  "seventy", "eighty", "ninety"};
	static const char *const big[] = {"hundred", "thousand", "million", "billion"};
	static const double bigv[] = {100, 1e3, 1e6, 1e9};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i]) == n && !memcmp(w, words[i], n))
			return (double)i;
	for (size_t i = 0; i < sizeof tens / sizeof tens[0]; i++)
		if (strlen(tens[i]) == n && !memcmp(w, tens[i], n))
			return (double)(20 + 10 * i);
	for (size_t i = 0; i < sizeof big / sizeof big[0]; i++)
		if ((strlen(big[i]) == n && !memcmp(w, big[i], n)) ||
		    (strlen(big[i]) + 1 == n && !memcmp(w, big[i], n - 1) && w[n - 1] == 's'))
			return bigv[i];
	return -1;
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
static size_t word_terms(struct terms *T, const char *w, size_t n, bool number, int32_t out[2])
{
	bool found;
	int32_t *v = smap_get(&T->words, w, n, -1, &found);
	if (!found) {
		struct wterm wt = {{-1, -1}, 0, 0, 0};
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
			if (T->wordnet)
				wt.nsoft = (uint8_t)word_soft(T, w, n, wt.t, wt.n, &wt.soft_off);
		}
		GROW(T->wt, T->wt_cap, T->nwt + 1);
		T->wt[T->nwt] = wt;
		/* stem_term may have grown the map: look the word up again */
		v = smap_get(&T->words, key, klen, -1, &found);
		*v = (int32_t)T->nwt++;
	}
	T->last_wt = *v;
	const struct wterm *wt = &T->wt[*v];
	for (size_t i = 0; i < wt->n; i++)
		out[i] = wt->t[i];
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
	if (!T->alias_ready) {
		for (size_t i = 0; i < sizeof phrase_aliases / sizeof phrase_aliases[0]; i++)
			for (size_t j = 0; j < 3; j++) {
				int32_t id[2];
				const char *w = phrase_aliases[i][j];
				T->alias[i][j] =
				    word_terms(T, w, strlen(w), false, id) == 1 ? id[0] : -2;
			}
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
};

/* Acronyms a text defines: "the Russian Anti-Doping Agency (RUSADA)". An
 * acronym of 2 to 8 capitals in brackets stands for the closest run of
 * words before it that starts with its first letter and holds all its
 * letters in order (inside words too: RUs-sian A-nti D-oping A-gency). */
static void acro_scan(struct terms *T, const char *t, size_t len)
{
	for (size_t i = 0; i + 3 < len; i++) {
		if (t[i] != '(')
			continue;
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
			bool found;
			smap_get(&T->acro, key, al, (int32_t)T->acro_words.len, &found);
			if (found)
				break; /* the first definition stands */
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
			bool found;
			if (is_stop(w, n))
				*smap_get(&T->capstop, w, n, 1, &found) = 1;
		}
		prev_cap = cap, start = false;
	}
}

static bool is_capstop(struct terms *T, const char *w, size_t n)
{
	bool found; /* smap has no plain lookup: an absent key is kept as 0 */
	return T->capstop.n && *smap_get(&T->capstop, w, n, 0, &found) == 1;
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
				bool found;
				int32_t *v = smap_get(&T->acro, ac[a], al, -1, &found);
				if (*v >= 0)
					continue;
				*v = (int32_t)T->acro_words.len;
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
	bool found; /* smap has no plain lookup: an absent key is kept as -1 */
	int32_t *v = smap_get(&T->acro, w, n, -1, &found);
	return found ? *v : -1;
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
	double last_num = -1;	    /* the previous word's value if a number */
	size_t last_tok = SIZE_MAX; /* its token */
	while (i < end) {
		int32_t cp;
		size_t n = text_decode(t + i, end - i, &cp);
		if (!text_is_word_cp(cp)) {
			before = cp;
			i += n;
			continue;
		}
		bool upper = is_upper_cp(cp), ascii = true, allcaps = true;
		bool digits = is_ascii_digit(text_fold_cp(cp));
		bool letters = false;
		size_t seg = 0; /* letters since the word's start or last dot */
		wb->len = 0;
		while (i < end) {
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
		double nv = number ? -1 : number_word(w, wl);
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
		} else if ((name || (upper && is_capstop(T, w, wl))) && wl > 1 && is_stop(w, wl)) {
			/* a capital inside a sentence makes a name: "May" */
			ids[0] = stem_term(T, w, wl, false);
			k = 1;
			free(f);
		} else {
			k = word_terms(T, w, wl, false, ids);
			free(f);
			const struct wterm *wt = &T->wt[T->last_wt];
			for (size_t j = 0; j < wt->nsoft; j++)
				tok_add(tk, T->soft[wt->soft_off + j],
					(uint8_t)(TOK_SOFT | (name ? TOK_NAME : 0)));
		}
		uint8_t fl = (uint8_t)((name ? TOK_NAME : 0) | (number ? TOK_NUMBER : 0));
		int32_t alias = k == 1 ? phrase_alias(T, prev_term, ids[0]) : -1;
		if (alias >= 0 && prev_tok < tk->n) {
			tk->v[prev_tok].term = alias;
			prev_term = -1;
		} else {
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

/* ---- sides ---- */

static int32_t name_find(struct terms *T, int32_t x)
{
	while (T->parent[x] != x) {
		T->parent[x] = T->parent[T->parent[x]];
		x = T->parent[x];
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

static int32_t name_id_plain(struct terms *T, const char *w, size_t n, bool *was)
{
	bool found;
	int32_t *v = smap_get(&T->names, w, n, (int32_t)T->nnames, &found);
	if (!found) {
		GROW(T->parent, T->ncap, T->nnames + 1);
		T->parent[T->nnames] = (int32_t)T->nnames;
		T->nnames++;
	}
	if (was)
		*was = found;
	return *v;
}

/* The id of a name word (folded ASCII), joined with the places WordNet
 * puts it in: "Kremlin" with Moscow and Russia, "Russian" with Russia. */
static int32_t name_id(struct terms *T, const char *w, size_t n)
{
	bool found;
	int32_t id = name_id_plain(T, w, n, &found);
	if (found)
		return id;
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
		int32_t other = name_id_plain(T, pw, o, NULL);
		name_union(T, id, other);
	}
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

/* Split and tokenise one article into *sd, counting document frequencies. */
static void side_build(struct terms *T, struct side *sd, const char *t, size_t len, bool is_a)
{
	memset(sd, 0, sizeof *sd);
	sd->n = sentence_split(t, len, &sd->s);
	sd->off = xcalloc(size_add(sd->n, 1), sizeof *sd->off);
	struct toks tk = {0};
	struct buf wb = {0};
	buf_reserve(&wb, 64);
	struct smap texts = {0};
	sd->st = xcalloc(sd->n ? sd->n : 1, sizeof *sd->st);
	sd->act = xcalloc(sd->n ? sd->n : 1, sizeof *sd->act);
	sd->head = xcalloc(sd->n ? sd->n : 1, sizeof *sd->head);
	sd->tid = xcalloc(sd->n ? sd->n : 1, sizeof *sd->tid);
	sd->spk = xcalloc(sd->n ? sd->n : 1, sizeof *sd->spk);
	sd->noff = xcalloc(size_add(sd->n, 1), sizeof *sd->noff);
	sd->len = xcalloc(sd->n ? sd->n : 1, sizeof *sd->len);
	for (size_t i = 0; i < sd->n; i++) {
		const char *st = t + sd->s[i].start;
		size_t sl = sd->s[i].end - sd->s[i].start;
		bool found;
		int32_t *v = smap_get(&texts, st, sl, (int32_t)texts.n, &found);
		sd->tid[i] = *v;
		struct stance_attr at;
		stance_attribute(st, sl, &at);
		sd->st[i] = at.st;
		sd->act[i] = (uint8_t)at.act;
		int32_t who = span_name(T, st, at.spk_start, at.spk_end);
		int32_t org = span_name(T, st, at.org_start, at.org_end);
		name_union(T, who, org);
		name_union(T, span_name(T, st, at.per_start, at.per_end),
			   span_name(T, st, at.per_org_start, at.per_org_end));
		if (who < 0 && at.spk_pronoun && i > 0)
			who = sd->spk[i - 1];
		sd->spk[i] = who;
		sentence_names(T, sd, t, sd->s[i].start, sd->s[i].end);
		sd->noff[i + 1] = sd->nnm;
		sd->head[i] = is_heading(st, sl);
		tk.n = 0;
		tokenize(T, t, sd->s[i].start, sd->s[i].end, &tk, &wb);
		sd->len[i] = 0;
		for (size_t j = 0; j < tk.n; j++)
			sd->len[i] += !(tk.v[j].flags & TOK_SOFT);
		if (tk.n > 1)
			qsort(tk.v, tk.n, sizeof *tk.v, tok_cmp);
		for (size_t j = 0; j < tk.n;) {
			size_t k = j, exact = 0;
			uint8_t fl = 0;
			for (; k < tk.n && tk.v[k].term == tk.v[j].term; k++)
				if (!(tk.v[k].flags & TOK_SOFT)) {
					fl |= tk.v[k].flags;
					exact++;
				}
			if (!exact)
				fl = TOK_SOFT;
			if (sd->nt == sd->tcap) { /* three arrays, one capacity */
				GROW(sd->term, sd->tcap, size_add(sd->nt, 1));
				sd->w = xreallocarray(sd->w, sd->tcap, sizeof *sd->w);
				sd->flags = xreallocarray(sd->flags, sd->tcap, sizeof *sd->flags);
			}
			sd->term[sd->nt] = tk.v[j].term;
			sd->w[sd->nt] = (float)(exact ? exact : 1); /* tf for now */
			sd->flags[sd->nt] = fl;
			sd->nt++;
			if (!is_a)
				T->pf_b[tk.v[j].term]++;
			if (!exact)
				;
			else if (is_a)
				T->df_a[tk.v[j].term]++;
			else
				T->df_b[tk.v[j].term]++;
			j = k;
		}
		sd->off[i + 1] = sd->nt;
	}
	free(tk.v);
	buf_free(&wb);
	smap_free(&texts);
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
	const struct terms *T;
	const double *idf;
	double idf_max;
	bool bonuses;
};

/* What a shared term adds to a pair's score: the cosine part and the
 * bonus for a number or a name both sentences share, larger for rarer
 * terms. */
static void pair_term(const struct scorer *sc, int32_t t, uint8_t fa, uint8_t fb, double *bonus)
{
	if (sc->bonuses) {
		double r = sc->idf[t] / sc->idf_max;
		if (sc->T->is_number[t])
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
 * the denying article speaks for at all, else 0. */
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
			return 2;
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
		snprintf(prev, sizeof prev, "%s", w);
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

static int cand_pos_cmp(const void *x, const void *y)
{
	const struct cand *p = x, *q = y;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return (p->b > q->b) - (p->b < q->b);
}

/* one of a sentence's best matches */
struct hit {
	double score;
	size_t other;
};

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

static int cand_cmp(const void *x, const void *y)
{
	const struct cand *p = x, *q = y;
	if (p->rank != q->rank)
		return p->rank < q->rank ? 1 : -1;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return (p->b > q->b) - (p->b < q->b);
}

size_t match_articles(const char *a, size_t alen, const char *b, size_t blen,
		      const struct match_opts *opts, struct match_pair **out)
{
	struct match_opts def;
	if (!opts) {
		match_opts_default(&def);
		opts = &def;
	}
	*out = NULL;
	struct terms T = {0};
	T.stem = opts->stem;
	T.concepts = true;
	T.wordnet = opts->wordnet && wnet_available();
	if (T.stem) {
		T.stemmer = sb_stemmer_new("english", NULL);
		if (!T.stemmer)
			T.stem = false;
	}
	struct side A, B;
	acro_scan(&T, a, alen);
	acro_scan(&T, b, blen);
	acro_guess(&T, (const char *const[]){a, b}, (const size_t[]){alen, blen}, 2);
	capstop_scan(&T, a, alen);
	capstop_scan(&T, b, blen);
	side_build(&T, &A, a, alen, true);
	side_build(&T, &B, b, blen, false);

	double *idf = xcalloc(T.n ? T.n : 1, sizeof *idf);
	double N = (double)A.n + (double)B.n, idf_max = 1;
	for (size_t t = 0; t < T.n; t++) {
		double df = (double)T.df_a[t] + (double)T.df_b[t];
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
	side_weigh(&A, idf, avgdl);
	side_weigh(&B, idf, avgdl);

	/* inverted index over B */
	size_t *poff = xcalloc(size_add(T.n, 1), sizeof *poff);
	for (size_t t = 0; t < T.n; t++)
		poff[t + 1] = poff[t] + T.pf_b[t];
	uint32_t *psent = xcalloc(B.nt ? B.nt : 1, sizeof *psent);
	float *pw = xcalloc(B.nt ? B.nt : 1, sizeof *pw);
	uint8_t *pfl = xcalloc(B.nt ? B.nt : 1, sizeof *pfl);
	size_t *fill = xcalloc(T.n ? T.n : 1, sizeof *fill);
	for (size_t i = 0; i < B.n; i++)
		for (size_t j = B.off[i]; j < B.off[i + 1]; j++) {
			size_t t = (size_t)B.term[j], at = poff[t] + fill[t]++;
			psent[at] = (uint32_t)i;
			pw[at] = B.w[j];
			pfl[at] = B.flags[j];
		}
	free(fill);
	size_t frequent = B.n / FREQUENT_DIV;
	if (frequent < FREQUENT_MIN_DF)
		frequent = FREQUENT_MIN_DF;

	struct scorer sc = {&T, idf, idf_max, opts->bonuses};
	double *acc = xcalloc(B.n ? B.n : 1, sizeof *acc);
	double *acc2 = xcalloc(B.n ? B.n : 1, sizeof *acc2);
	double *bon = xcalloc(B.n ? B.n : 1, sizeof *bon);
	size_t fc[FREQUENT_CANDS];
	uint32_t *shared = xcalloc(B.n ? B.n : 1, sizeof *shared);
	size_t *touched = xcalloc(B.n ? B.n : 1, sizeof *touched);
	size_t *mark = xcalloc(B.n ? B.n : 1, sizeof *mark); /* i + 1: touched for A sentence i */
	/* accusations and denials of B, to pair with A's answers to them */
	side_deniers(&T, &A);
	side_deniers(&T, &B);
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
	uint8_t *fit = xcalloc(B.n ? B.n : 1, sizeof *fit);
	/* the TOPK best matches of every sentence, each way, best first */
	struct hit *ha = xcalloc(size_mul(A.n ? A.n : 1, HSLOTS), sizeof *ha);
	struct hit *hb = xcalloc(size_mul(B.n ? B.n : 1, HSLOTS), sizeof *hb);
	for (size_t i = 0; i < A.n; i++) {
		size_t nt = 0;
		bool any_frequent = false;
		for (size_t j = A.off[i]; j < A.off[i + 1]; j++) {
			size_t t = (size_t)A.term[j];
			if (T.pf_b[t] > frequent) {
				any_frequent = true;
				continue;
			}
			for (size_t p = poff[t]; p < poff[t + 1]; p++) {
				size_t s = psent[p];
				uint8_t either = (A.flags[j] | pfl[p]) & TOK_SOFT;
				if (A.flags[j] & pfl[p] & TOK_SOFT)
					continue; /* two relatives: no match */
				if (mark[s] != i + 1) {
					mark[s] = i + 1;
					touched[nt++] = s;
				}
				if (either) {
					acc[s] += SOFT_W * A.w[j];
					acc2[s] += SOFT_W * pw[p];
					continue;
				}
				double bb = 0;
				shared[s]++;
				pair_term(&sc, (int32_t)t, A.flags[j], pfl[p], &bb);
				acc[s] += A.w[j];
				acc2[s] += pw[p];
				bon[s] += bb;
			}
		}
		/* the frequent terms, for the candidates the rare ones ranked
		 * best: they add little, and only to pairs that already share
		 * something rarer */
		size_t nf = 0;
		for (size_t c = 0; c < nt && any_frequent; c++) {
			size_t s = touched[c];
			double v = acc[s] + bon[s];
			if (nf == FREQUENT_CANDS && v <= acc[fc[nf - 1]] + bon[fc[nf - 1]])
				continue;
			size_t k = nf < FREQUENT_CANDS ? nf++ : nf - 1;
			while (k > 0 && acc[fc[k - 1]] + bon[fc[k - 1]] < v) {
				fc[k] = fc[k - 1];
				k--;
			}
			fc[k] = s;
		}
		for (size_t c = 0; c < nf; c++) {
			size_t s = fc[c];
			for (size_t j = A.off[i]; j < A.off[i + 1]; j++) {
				int32_t t = A.term[j];
				if (T.pf_b[t] <= frequent)
					continue;
				size_t lo = B.off[s], hi = B.off[s + 1];
				while (lo < hi) {
					size_t mid = lo + (hi - lo) / 2;
					if (B.term[mid] < t)
						lo = mid + 1;
					else
						hi = mid;
				}
				if (lo < B.off[s + 1] && B.term[lo] == t &&
				    ((A.flags[j] | B.flags[lo]) & TOK_SOFT)) {
					if (!(A.flags[j] & B.flags[lo] & TOK_SOFT)) {
						acc[s] += SOFT_W * A.w[j];
						acc2[s] += SOFT_W * B.w[lo];
					}
				} else if (lo < B.off[s + 1] && B.term[lo] == t) {
					double bb = 0;
					shared[s]++;
					pair_term(&sc, t, A.flags[j], B.flags[lo], &bb);
					acc[s] += A.w[j];
					acc2[s] += B.w[lo];
					bon[s] += bb;
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
			int f = A.st[i] == STANCE_ACCUSATION ? rebut_fit(&T, &B, s, &A, i)
							     : rebut_fit(&T, &A, i, &B, s);
			if (!f)
				continue;
			fit[s] = (uint8_t)f;
			if (mark[s] != i + 1) {
				mark[s] = i + 1;
				touched[nt++] = s;
			}
		}
		for (size_t c = 0; c < nt; c++) {
			size_t s = touched[c];
			double score = pair_base(acc[s], acc2[s], squash) +
				       (bon[s] < BONUS_MAX ? bon[s] : BONUS_MAX);
			if (stance_relation(A.st[i], B.st[s]) == REL_REBUTS)
				score += BONUS_STANCE;
			if (A.head[i] || B.head[s])
				score *= HEADING;
			bool rebut = fit[s] != 0;
			/* an answer to another kind of act (a refusal to a
			 * claim of guilt, a denial to a demand) ranks lower,
			 * and only an answer to its kind gets REBUT_ADD */
			bool misfit = stance_relation(A.st[i], B.st[s]) == REL_REBUTS &&
				      !act_fits(A.st[i], A.act[i], B.act[s]);
			if (fit[s] == 2)
				score = score * (1.0 + REBUT_SIDE) + (misfit ? 0 : REBUT_ADD);
			else if (shared[s] < 2)
				score *= SINGLE;
			if (misfit)
				score *= MISFIT;
			if (same_act(&T, &A, i, &B, s))
				score += SAME_ACT;
			fit[s] = 0;
			acc[s] = acc2[s] = bon[s] = 0;
			shared[s] = 0;
			if (rebut) {
				hit_add(ha + i * HSLOTS + TOPK, TOPR, score, s);
				hit_add(hb + s * HSLOTS + TOPK, TOPR, score, i);
			}
			hit_add(ha + i * HSLOTS, TOPK, score, s);
			hit_add(hb + s * HSLOTS, TOPK, score, i);
		}
	}

	/* candidates: each sentence's TOPK matches, either way, once each */
	struct cand *cv = NULL;
	size_t nc = 0, ccap = 0;
	for (size_t i = 0; i < A.n; i++)
		for (size_t k = 0; k < HSLOTS; k++) {
			if (!(ha[i * HSLOTS + k].score > 0))
				continue;
			GROW(cv, ccap, size_add(nc, 1));
			cv[nc++] = (struct cand){i, ha[i * HSLOTS + k].other,
						 ha[i * HSLOTS + k].score, 0, false};
		}
	for (size_t s = 0; s < B.n; s++)
		for (size_t k = 0; k < HSLOTS; k++) {
			if (!(hb[s * HSLOTS + k].score > 0))
				continue;
			GROW(cv, ccap, size_add(nc, 1));
			cv[nc++] = (struct cand){hb[s * HSLOTS + k].other, s,
						 hb[s * HSLOTS + k].score, 0, false};
		}
	if (nc)
		qsort(cv, nc, sizeof *cv, cand_pos_cmp);
	size_t uniq = 0;
	for (size_t c = 0; c < nc; c++)
		if (!uniq || cv[uniq - 1].a != cv[c].a || cv[uniq - 1].b != cv[c].b)
			cv[uniq++] = cv[c];
	nc = uniq;
	for (size_t c = 0; c < nc; c++)
		cv[c].mutual =
		    ha[cv[c].a * HSLOTS].other == cv[c].b && hb[cv[c].b * HSLOTS].other == cv[c].a;
	free(ha);
	free(hb);
	size_t keep = 0;
	for (size_t c = 0; c < nc; c++) {
		double u = cv[c].score * (opts->mutual && !cv[c].mutual ? ONE_SIDED : 1.0);
		/* the squashed BM25 plus bonuses and factors (0 to about 1.6),
		 * mapped to [0, 1) without changing the order */
		cv[c].rank = u / (u + SCORE_HALF);
		if (cv[c].rank >= opts->min_score)
			cv[keep++] = cv[c];
	}
	nc = keep;
	if (nc)
		qsort(cv, nc, sizeof *cv, cand_cmp);
	/* a pair of texts both articles repeat (captions, a paragraph given
	 * twice) is shown once, at its best place */
	struct smap seen = {0};
	keep = 0;
	for (size_t c = 0; c < nc; c++) {
		int32_t key[2] = {A.tid[cv[c].a], B.tid[cv[c].b]};
		bool found;
		smap_get(&seen, (const char *)key, sizeof key, 0, &found);
		if (!found)
			cv[keep++] = cv[c];
	}
	nc = keep;
	smap_free(&seen);
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
			contradiction(&T, a, &A, cv[c].a, b, &B, cv[c].b, p);
	}
	*out = pv;

	free(cv);
	free(acc);
	free(acc2);
	free(bon);
	free(touched);
	free(shared);
	free(mark);
	free(fit);
	free(bacc);
	free(bden);
	free(poff);
	free(psent);
	free(pw);
	free(pfl);
	free(idf);
	side_free(&A);
	side_free(&B);
	smap_free(&T.words);
	smap_free(&T.stems);
	smap_free(&T.names);
	smap_free(&T.acro);
	smap_free(&T.capstop);
	buf_free(&T.acro_words);
	free(T.parent);
	free(T.df_a);
	free(T.df_b);
	free(T.pf_b);
	free(T.soft);
	free(T.is_number);
	free(T.wt);
	if (T.stemmer)
		sb_stemmer_delete(T.stemmer);
	return nc;
}
