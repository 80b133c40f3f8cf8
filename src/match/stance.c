/* stance: tags a sentence as an accusation, a rebuttal or neutral from cue
 * words. A denial outweighs everything else, because a sentence that denies
 * an accusation usually names it too ("denied US allegations"). Words that
 * only blame by connotation (malicious, reckless, behind) count as an
 * accusation when the sentence attributes them to someone ("Blinken said").
 * Calling something slander or a smear rebuts, unless the sentence backs
 * someone ("Japan strongly supports ..."). */
#include "crossread/match/stance.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "crossread/base/hashmap.h"
#include "crossread/base/text.h"
#include "crossread/base/util.h"

enum cue {
	CUE_NONE,
	CUE_DENY,
	CUE_DISPARAGE,
	CUE_ACCUSE,
	CUE_BLAME,
	CUE_PROOF, /* blames as CUE_BLAME does, but names no charge */
	CUE_SAID,
	CUE_SUPPORT,
	NCUES
};

struct cue_word {
	const char *w;
	bool prefix; /* matches every word starting with w */
	enum cue cue;
};

static const struct cue_word cue_words[] = {
    /* denials */
    {"deny", false, CUE_DENY},
    {"deni", true, CUE_DENY}, /* denied, denies, denial, denying */
    {"reject", true, CUE_DENY},
    {"dismiss", true, CUE_DENY},
    {"refut", true, CUE_DENY},
    {"rebut", true, CUE_DENY},
    {"baseless", false, CUE_DENY},
    {"groundless", false, CUE_DENY},
    {"unfounded", false, CUE_DENY},
    /* calling the other side's words slander: a rebuttal, unless the
     * sentence backs someone ("Japan strongly supports ... slandering") */
    {"slander", true, CUE_DISPARAGE},
    {"smear", true, CUE_DISPARAGE},
    {"fabricat", true, CUE_DISPARAGE},
    {"defam", true, CUE_DISPARAGE},
    {"counter", false, CUE_DENY},
    {"counters", false, CUE_DENY},
    {"countered", false, CUE_DENY},
    {"countering", false, CUE_DENY},
    {"nonsense", false, CUE_DENY},
    {"falsely", false, CUE_DENY},
    {"lie", false, CUE_DENY},
    {"lies", false, CUE_DENY},
    {"lying", false, CUE_DENY},
    {"liar", true, CUE_DENY},
    {"hysteri", true, CUE_DENY},
    {"provocat", true, CUE_DENY},
    {"absurd", true, CUE_DENY},
    {"discredit", true, CUE_DENY},
    {"refus", true, CUE_DENY},
    {"propaganda", false, CUE_DENY},
    {"ridiculous", false, CUE_DENY},
    {"preposterous", false, CUE_DENY},
    /* accusations */
    {"accus", true, CUE_ACCUSE},
    {"charge", false, CUE_ACCUSE},
    {"charges", false, CUE_ACCUSE},
    {"charged", false, CUE_ACCUSE},
    {"charging", false, CUE_ACCUSE},
    {"indict", true, CUE_ACCUSE},
    {"blam", true, CUE_ACCUSE},
    {"attribut", true, CUE_ACCUSE},
    {"condemn", true, CUE_ACCUSE},
    {"alleg", true, CUE_ACCUSE},
    {"castigat", true, CUE_ACCUSE},
    {"culprit", true, CUE_ACCUSE},
    {"guilty", false, CUE_ACCUSE},
    /* blame by connotation */
    {"malicious", false, CUE_BLAME},
    {"irresponsible", false, CUE_BLAME},
    {"reckless", false, CUE_BLAME},
    {"responsib", true, CUE_BLAME},
    {"behind", false, CUE_BLAME},
    {"harbor", true, CUE_BLAME},
    {"harbour", true, CUE_BLAME},
    {"protect", true, CUE_BLAME},
    {"threat", true, CUE_BLAME},
    {"sponsored", false, CUE_BLAME},
    {"orders", false, CUE_BLAME},
    {"unlawful", false, CUE_BLAME},
    {"illegal", false, CUE_BLAME},
    {"demand", true, CUE_ACCUSE},
    {"summon", true, CUE_BLAME},
    {"ultimatum", true, CUE_ACCUSE},
    {"deadline", true, CUE_ACCUSE},
    {"ordered", false, CUE_BLAME},
    {"involved", false, CUE_BLAME},
    {"culpab", true, CUE_BLAME},
    /* stating proof of it */
    {"evidence", false, CUE_PROOF},
    {"proof", false, CUE_PROOF},
    /* attribution */
    {"said", false, CUE_SAID},
    {"says", false, CUE_SAID},
    {"say", false, CUE_SAID},
    {"told", false, CUE_SAID},
    {"tweeted", false, CUE_SAID},
    {"stated", false, CUE_SAID},
    {"statement", false, CUE_SAID},
    {"added", false, CUE_SAID},
    {"claimed", false, CUE_SAID},
    {"announced", false, CUE_SAID},
    {"asked", false, CUE_SAID},
    {"complained", false, CUE_SAID},
    {"insisted", false, CUE_SAID},
    {"warned", false, CUE_SAID},
    /* backing someone's statement */
    {"support", true, CUE_SUPPORT},
    {"endors", true, CUE_SUPPORT},
    {"solidarity", false, CUE_SUPPORT},
};

/* Multi-word cues, matched on consecutive words. The phrase's cue replaces
 * those of its words (CUE_NONE: the words are no cue here). */
struct cue_phrase {
	const char *w[4];
	enum cue cue;
};

static const struct cue_phrase cue_phrases[] = {
    {{"based", "on", "nothing", NULL}, CUE_DENY},
    {{"no", "role", NULL, NULL}, CUE_DENY},
    {{"no", "part", NULL, NULL}, CUE_DENY},
    {{"nothing", "new", NULL, NULL}, CUE_DENY},
    {{"not", "responsible", NULL, NULL}, CUE_DENY},
    {{"nothing", "to", "do", NULL}, CUE_DENY},
    {{"no", "evidence", NULL, NULL}, CUE_DENY},
    {{"no", "proof", NULL, NULL}, CUE_DENY},
    {{"no", "basis", NULL, NULL}, CUE_DENY},
    {{"not", "backed", NULL, NULL}, CUE_DENY},
    {{"not", "involved", NULL, NULL}, CUE_DENY},
    {{"not", "true", NULL, NULL}, CUE_DENY},
    /* refusals */
    {{"declined", "to", NULL, NULL}, CUE_DENY},
    {{"declines", "to", NULL, NULL}, CUE_DENY},
    {{"not", "comply", NULL, NULL}, CUE_DENY},
    {{"never", "involved", NULL, NULL}, CUE_DENY},
    {{"according", "to", NULL, NULL}, CUE_SAID},
    /* a diplomat, not an accusation */
    {{"charge", "d", "affaires", NULL}, CUE_NONE},
    {{"charges", "d", "affaires", NULL}, CUE_NONE},
};

#define WORD_MAX 32
#define WINDOW	 4

#define NCUE_WORDS (sizeof cue_words / sizeof cue_words[0])
#define NPHRASES   (sizeof cue_phrases / sizeof cue_phrases[0])

/* The cue lists indexed once, at the first call (crossread is
 * single-threaded): the cue words by first byte, in list order, so that a
 * word is compared with the few cues that start like it; the lengths. */
static struct {
	bool ready;
	uint8_t by_first[NCUE_WORDS];
	uint8_t first_at[257]; /* byte b's cues: by_first[first_at[b], first_at[b + 1]) */
	uint8_t len[NCUE_WORDS];
	uint8_t plen[NPHRASES];
} ix;

static void index_cues(void)
{
	for (size_t i = 0; i < NCUE_WORDS; i++) {
		ix.len[i] = (uint8_t)strlen(cue_words[i].w);
		ix.first_at[(unsigned char)cue_words[i].w[0] + 1]++;
	}
	for (size_t b = 1; b <= 256; b++)
		ix.first_at[b] = (uint8_t)(ix.first_at[b] + ix.first_at[b - 1]);
	uint8_t fill[256];
	memcpy(fill, ix.first_at, sizeof fill);
	for (size_t i = 0; i < NCUE_WORDS; i++)
		ix.by_first[fill[(unsigned char)cue_words[i].w[0]]++] = (uint8_t)i;
	for (size_t i = 0; i < NPHRASES; i++) {
		size_t k = 0;
		while (k < 4 && cue_phrases[i].w[k])
			k++;
		ix.plen[i] = (uint8_t)k;
	}
	ix.ready = true;
}

static enum cue word_cue(const char *w, size_t n)
{
	if (n < 3)
		return CUE_NONE;
	unsigned char b = (unsigned char)w[0];
	for (size_t j = ix.first_at[b]; j < ix.first_at[b + 1]; j++) {
		size_t i = ix.by_first[j], cl = ix.len[i];
		if (cue_words[i].w[1] != w[1])
			continue; /* most words: no cue starts like them */
		if (cue_words[i].prefix ? n >= cl && memcmp(w, cue_words[i].w, cl) == 0
					: n == cl && memcmp(w, cue_words[i].w, cl) == 0)
			return cue_words[i].cue;
	}
	return CUE_NONE;
}

/* the last WINDOW words, most recent at (pos - 1) % WINDOW, with the cue
 * each was counted as */
struct window {
	char w[WINDOW][WORD_MAX];
	enum cue cue[WINDOW];
	size_t pos;
};

/* The phrase ending with the last word, or NULL. */
static const struct cue_phrase *phrase_at(const struct window *win, size_t *len)
{
	const char *last = win->w[(win->pos - 1) % WINDOW];
	for (size_t i = 0; i < NPHRASES; i++) {
		const struct cue_phrase *p = &cue_phrases[i];
		size_t k = ix.plen[i];
		if (k > win->pos || last[0] != p->w[k - 1][0] || strcmp(last, p->w[k - 1]) != 0)
			continue;
		bool ok = true;
		for (size_t j = 0; j < k && ok; j++)
			ok = strcmp(win->w[(win->pos - k + j) % WINDOW], p->w[j]) == 0;
		if (ok) {
			*len = k;
			return p;
		}
	}
	return NULL;
}

/* Fold the word s[0..n) into out (WORD_MAX bytes, NUL-terminated); words
 * too long for a cue come out empty. */
static void fold_word(const char *s, size_t n, char out[WORD_MAX])
{
	out[0] = '\0';
	if (n >= WORD_MAX * 2)
		return;
	bool ascii = n < WORD_MAX;
	for (size_t i = 0; i < n && ascii; i++)
		ascii = (unsigned char)s[i] < 0x80;
	if (ascii) { /* NFKC case folding of ASCII is ASCII lower case */
		for (size_t i = 0; i < n; i++)
			out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
		out[n] = '\0';
		return;
	}
	size_t fl;
	char *f = text_casefold(s, n, &fl);
	if (fl < WORD_MAX) {
		memcpy(out, f, fl);
		out[fl] = '\0';
	}
	free(f);
}

/* Words of a demand and of a refusal (folded; a prefix each): which act
 * an accusation or a rebuttal is. */
static const char *const demand_words[] = {"demand",   "ultimat", "summon",	"urge",
					   "deadline", "explain", "explanation"};
static const char *const refuse_words[] = {"refus", "declin", "rebuff", "comply"};

static bool has_prefix(const char *w, const char *const *l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (w[0] == l[i][0] && !strncmp(w, l[i], strlen(l[i])))
			return true;
	return false;
}

/* Verbs (and words) of the wrongdoing an accusation names: negated right
 * after "not" or "never" ("did not hack", "was never involved", "had not
 * poisoned anyone") they restate the accusation as a denial. Prefixes. */
static const char *const wrongdoing[] = {
    "hack",	"poison",  "attack",  "kill",	   "murder", "interfer", "meddl",   "involv",
    "partici",	"carr",	   "conduct", "launch",	   "commit", "order",	 "sponsor", "plann",
    "target",	"steal",   "stole",   "spied",	   "spy",    "behind",	 "guilty",  "responsib",
    "assassin", "bomb",	   "shoot",   "shot",	   "used",   "develop",	 "produc",  "suppl",
    "orchestr", "organiz", "organis", "perpetrat", "cyber",  "break",	 "broke",   "abduct",
};

#define NEG_REACH 3 /* words from "not" to the wrongdoing it negates */

static bool is_negation(const struct window *win)
{
	const char *w = win->w[(win->pos - 1) % WINDOW];
	if (!strcmp(w, "not") || !strcmp(w, "never"))
		return true;
	/* "didn't", "wasn't": the word splits at the apostrophe */
	if (!strcmp(w, "t") && win->pos >= 2) {
		const char *p = win->w[(win->pos - 2) % WINDOW];
		size_t n = strlen(p);
		return n >= 2 && p[n - 1] == 'n';
	}
	return false;
}

static enum stance stance_scan(const char *s, size_t len, enum stance_act *act, bool *charges)
{
	if (!ix.ready)
		index_cues();
	bool demand = false, refuse = false;
	/* a condition and a consequence ("if ... will", "Should there be no
	 * answer, we will"): a threat, which demands what it names */
	bool cond = false, will = false;
	size_t neg_at = 0; /* win.pos of the last negation, 0: none */
	struct window win = {0};
	unsigned count[NCUES] = {0};
	bool quoted = false;
	size_t i = 0;
	while (i < len) {
		int32_t cp;
		size_t n = text_decode(s + i, len - i, &cp);
		if (!text_is_word_cp(cp)) {
			if (cp == '"' || cp == 0x201C)
				quoted = true; /* a quotation is someone's word */
			i += n;
			continue;
		}
		size_t ws = i;
		while (i < len) {
			n = text_decode(s + i, len - i, &cp);
			if (!text_is_word_cp(cp))
				break;
			i += n;
		}
		size_t slot = win.pos % WINDOW;
		fold_word(s + ws, i - ws, win.w[slot]);
		win.pos++;
		enum cue c = word_cue(win.w[slot], strlen(win.w[slot]));
		size_t plen = 0;
		const struct cue_phrase *ph = phrase_at(&win, &plen);
		if (ph) {
			c = ph->cue;
			/* the phrase's earlier words were counted on their own */
			for (size_t j = 2; j <= plen; j++) {
				enum cue *e = &win.cue[(win.pos - j) % WINDOW];
				if (*e != CUE_NONE)
					count[*e]--;
				*e = CUE_NONE;
			}
		}
		const char *f = win.w[slot];
		if (is_negation(&win))
			neg_at = win.pos;
		else if (neg_at && win.pos - neg_at <= NEG_REACH && c != CUE_DENY &&
			 has_prefix(f, wrongdoing, sizeof wrongdoing / sizeof *wrongdoing)) {
			c = CUE_DENY; /* a negated restatement: "did not hack" */
			neg_at = 0;
		}
		win.cue[slot] = c;
		if (c != CUE_NONE)
			count[c]++;
		demand = demand ||
			 has_prefix(f, demand_words, sizeof demand_words / sizeof *demand_words);
		switch (f[0]) { /* by the first letter: every word passes here */
		case 'i':
			cond = cond || !strcmp(f, "if");
			break;
		case 'u':
			cond = cond || !strcmp(f, "unless");
			break;
		case 's':
			cond = cond || (win.pos == 1 && !strcmp(f, "should"));
			break;
		case 'w':
			will = will || !strcmp(f, "will");
			break;
		case 'l':
			will = will || !strcmp(f, "ll");
			break;
		default:
			break;
		}
		refuse = refuse ||
			 has_prefix(f, refuse_words, sizeof refuse_words / sizeof *refuse_words);
	}
	*charges = count[CUE_ACCUSE] || count[CUE_BLAME];
	count[CUE_BLAME] += count[CUE_PROOF];
	if (count[CUE_DENY] || (count[CUE_DISPARAGE] && !count[CUE_SUPPORT])) {
		*act = refuse ? ACT_REFUSE : ACT_CLAIM;
		return STANCE_REBUTTAL;
	}
	if (count[CUE_ACCUSE] || (count[CUE_BLAME] && (count[CUE_SAID] || quoted))) {
		*act = demand || (cond && will) ? ACT_DEMAND : ACT_CLAIM;
		return STANCE_ACCUSATION;
	}
	*act = ACT_CLAIM;
	return STANCE_NEUTRAL;
}

enum stance stance_of(const char *s, size_t len)
{
	enum stance_act act;
	bool charges;
	return stance_scan(s, len, &act, &charges);
}

const char *stance_name(enum stance st)
{
	switch (st) {
	case STANCE_ACCUSATION:
		return "accusation";
	case STANCE_REBUTTAL:
		return "rebuttal";
	case STANCE_NEUTRAL:
		break;
	}
	return "neutral";
}

enum link_rel stance_relation(enum stance a, enum stance b)
{
	if ((a == STANCE_ACCUSATION && b == STANCE_REBUTTAL) ||
	    (a == STANCE_REBUTTAL && b == STANCE_ACCUSATION))
		return REL_REBUTS;
	return REL_SAME;
}

/* ---- attribution: who speaks ---- */

#define ATTR_WORDS 96 /* words of a sentence looked at */

struct aword {
	size_t start, end;
	char f[WORD_MAX]; /* folded */
	bool cap;	  /* starts with a capital */
	bool poss;	  /* ends in 's or ’s */
	bool comma;	  /* a comma (or colon, dash) right after it */
	bool quote;	  /* an opening quote right before it */
	size_t bits;	  /* the lists it is in (L_*) */
};

/* titles that stand between an organisation and a person */
static const char *const titles[] = {
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "ambassador",
    "president",
    "chancellor",
    "secretary",
    "envoy",
    "official",
    "officials",
    "diplomat",
    "prime",
    "foreign",
    "chief",
    "head",
    "leader",
    "premier",
    "governor",
    "general",
    "commissioner",
    "prosecutor",
    "mr",
    "mrs",
    "ms",
    "dr",
    "deputy",
    "press",
    "director",
    "senator",
    /* bodies that speak without a named person: "the Chinese embassy said" */
    "ministry",
    "embassy",
};

/* verbs that introduce what someone says or how they answer */
static const char *const speech[] = {
    "said",    "says",	   "say",	 "told",     "added",	  "stated",    "tweeted",
    "claimed", "asked",	   "complained", "insisted", "warned",	  "argued",    "announced",
    "wrote",   "noted",	   "stressed",	 "urged",    "accused",	  "accuses",   "denied",
    "denies",  "deny",	   "rejected",	 "rejects",  "dismissed", "dismisses", "refused",
    "refuses", "called",   "blamed",	 "blames",   "condemned", "countered", "responded",
    "replied", "declared", "explained",	 "demanded", "insists",	  "admitted",  "alleged",
};

/* the words of a denial, whose subject is the one who denies */
static const char *const denials[] = {
    "denied",	 "denies",    "deny",	 "denial",  "rejected", "rejects", "rejection",
    "dismissed", "dismisses", "refused", "refuses", "refusal",	"refuted", "rebuffed",
};

/* verbs whose subject makes a demand ("Ms May set a deadline", "Moscow
 * issued an ultimatum"): that side is who speaks, as in a denial */
static const char *const demanding[] = {"set", "sets", "issued", "issues", "gave", "imposed"};

static const char *const pronouns[] = {"he", "she", "they", "we", "i"};

/* function words that open a sentence capitalised without naming anyone */
static const char *const lead[] = {"the", "a",	   "an",    "in",   "on",   "at",    "but",
				   "and", "after", "while", "this", "that", "there", "it",
				   "he",  "she",   "they",  "we",   "his",  "her",   "their",
				   "its", "when",  "as",    "for",  "if",   "of",    "to"};

/* between a subject and its verb: "Russia has rejected" */
static const char *const aux[] = {"has",  "had",      "have",	"also",	  "again",  "later",
				  "then", "strongly", "flatly", "firmly", "swiftly"};

static const char *const honor[] = {"mr", "mrs", "ms", "dr"};

/* The word lists above, looked up through one hash map built at the
 * first call: a word's bit per list. */
enum {
	L_TITLE = 1,
	L_SPEECH = 2,
	L_DENIAL = 4,
	L_PRONOUN = 8,
	L_LEAD = 16,
	L_AUX = 32,
	L_HONOR = 64,
	L_DEMAND = 128
};

static struct hashmap lists;

static void lists_add(const char *const *l, size_t n, size_t bit)
{
	for (size_t i = 0; i < n; i++)
		*hashmap_put(&lists, l[i], strlen(l[i]), NULL) |= bit;
}

static size_t list_bits(const char *w)
{
	return hashmap_gets(&lists, w, 0);
}

#define LISTS_ADD(l, bit) lists_add((l), sizeof(l) / sizeof(l)[0], (bit))

static bool is_title(const struct aword *w)
{
	return w->bits & L_TITLE;
}

/* a capitalised word that names someone: not a title, not a function word
 * opening the sentence ("The", "In") */
static bool is_name(const struct aword *w)
{
	return w->cap && !(w->bits & (L_TITLE | L_LEAD));
}

static size_t attr_words(const char *s, size_t len, struct aword *wv)
{
	size_t n = 0, i = 0;
	bool quote = false;
	while (i < len && n < ATTR_WORDS) {
		int32_t cp;
		size_t k = text_decode(s + i, len - i, &cp);
		if (!text_is_word_cp(cp)) {
			if (cp == '"' || cp == 0x201C || cp == 0x2018 || cp == '\'')
				quote = true;
			if ((cp == ',' || cp == ':' || cp == ';' || cp == 0x2013 || cp == 0x2014) &&
			    n > 0)
				wv[n - 1].comma = true;
			i += k;
			continue;
		}
		struct aword *w = &wv[n];
		memset(w, 0, sizeof *w);
		w->start = i;
		w->quote = quote;
		quote = false;
		utf8proc_category_t c = utf8proc_category(cp);
		w->cap = c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
		while (i < len) {
			k = text_decode(s + i, len - i, &cp);
			if (text_is_word_cp(cp)) {
				i += k;
				continue;
			}
			/* an apostrophe inside a word: "Russia's", "Kremlin’s" */
			int32_t nx = 0;
			if ((cp == '\'' || cp == 0x2019) && i + k < len &&
			    text_is_word_cp((text_decode(s + i + k, len - i - k, &nx), nx))) {
				if ((nx == 's' || nx == 'S') &&
				    (i + k + 1 >= len ||
				     !text_is_word_cp((unsigned char)s[i + k + 1]))) {
					w->end = i;
					w->poss = true;
					i += k + 1;
					goto done;
				}
				i += k;
				continue;
			}
			break;
		}
		w->end = i;
	done:
		fold_word(s + w->start, w->end - w->start, w->f);
		w->bits = list_bits(w->f);
		n++;
	}
	return n;
}

/* The run of name words ending at word e (inclusive), allowing a title
 * inside none: its first word. */
static size_t run_start(const struct aword *wv, size_t e)
{
	size_t b = e;
	while (b > 0 && is_name(&wv[b - 1]) && !wv[b - 1].comma)
		b--;
	return b;
}

static void set_span(const struct aword *wv, size_t b, size_t e, size_t *start, size_t *end)
{
	*start = wv[b].start;
	*end = wv[e].end;
}

/* "Kremlin spokesman Dmitry Peskov", "German Foreign Minister Heiko Maas",
 * "Merkel's spokesman, Stephen Seibert", "Sergei Lavrov, the Russian
 * foreign minister": a person with the organisation or country a title
 * ties them to. Returns whether one was found. */
static bool titled(const struct aword *wv, size_t n, size_t *pb, size_t *pe, size_t *ob, size_t *oe)
{
	for (size_t i = 0; i < n; i++) {
		if (!is_title(&wv[i]) || (wv[i].bits & L_HONOR))
			continue;
		size_t j = i; /* the last title word of "Foreign Minister" */
		while (j + 1 < n && is_title(&wv[j + 1]) && !wv[j].comma)
			j++;
		/* the organisation: name words (or a possessive) right before */
		size_t k = i, lo = i;
		while (lo > 0 && i - lo < 3 && !wv[lo - 1].comma && !is_name(&wv[lo - 1]) &&
		       !wv[lo - 1].poss && strcmp(wv[lo - 1].f, "the"))
			lo--; /* "the Swedish trade minister": past "trade" */
		if (lo > 0 && (is_name(&wv[lo - 1]) || wv[lo - 1].poss) && !wv[lo - 1].comma)
			k = lo;
		else
			lo = i;
		while (k > 0 && i - k < 4 && !wv[k - 1].comma &&
		       (is_name(&wv[k - 1]) || wv[k - 1].poss))
			k--;
		bool org = k < lo;
		size_t oend = lo - 1;
		/* the person: name words right after, past a comma */
		size_t p = j + 1;
		if (p < n && (wv[p].bits & L_HONOR))
			p++;
		size_t q = p;
		while (q < n && is_name(&wv[q]) && (q == p || !wv[q - 1].comma))
			q++;
		if (q > p && (org || wv[i].cap)) {
			*pb = p, *pe = q - 1;
			if (org)
				*ob = k, *oe = oend;
			else
				*ob = *oe = SIZE_MAX;
			return true;
		}
		if (org && q == p && !(k >= 2 && !strcmp(wv[k - 1].f, "the") && wv[k - 2].comma)) {
			/* "Russian officials": an organisation, nobody named */
			*pb = SIZE_MAX;
			*ob = k, *oe = oend;
			return true;
		}
		/* "Sergei Lavrov, the Russian foreign minister" */
		if (org && k >= 2 && !strcmp(wv[k - 1].f, "the") && wv[k - 2].comma &&
		    is_name(&wv[k - 2])) {
			*pe = k - 2;
			*pb = run_start(wv, k - 2);
			*ob = k, *oe = oend;
			return true;
		}
	}
	return false;
}

void stance_attribute(const char *s, size_t len, struct stance_attr *out)
{
	memset(out, 0, sizeof *out);
	out->st = stance_scan(s, len, &out->act, &out->charges);
	if (!lists.n) {
		LISTS_ADD(titles, L_TITLE);
		LISTS_ADD(speech, L_SPEECH);
		LISTS_ADD(denials, L_DENIAL);
		LISTS_ADD(pronouns, L_PRONOUN);
		LISTS_ADD(lead, L_LEAD);
		LISTS_ADD(aux, L_AUX);
		LISTS_ADD(honor, L_HONOR);
		LISTS_ADD(demanding, L_DEMAND);
	}
	bool demand = out->st == STANCE_ACCUSATION && out->act == ACT_DEMAND;
	struct aword *wv = xmalloc(ATTR_WORDS * sizeof *wv);
	size_t n = attr_words(s, len, wv);
	size_t pb = SIZE_MAX, pe = 0, ob = SIZE_MAX, oe = 0;
	bool have_t = titled(wv, n, &pb, &pe, &ob, &oe);
	if (have_t && ob != SIZE_MAX) {
		set_span(wv, ob, oe, &out->org_start, &out->org_end);
		out->per_org_start = out->org_start, out->per_org_end = out->org_end;
		if (pb != SIZE_MAX)
			set_span(wv, pb, pe, &out->per_start, &out->per_end);
	}
	/* the speaker: next to a speech verb, or after "according to"; in
	 * a denial, whoever denies ("the Kremlin's denial came a day after
	 * Merkel announced") */
	bool found = false;
	for (size_t pass = 0; pass < 2 && !found; pass++)
		for (size_t i = 0; i < n && !found; i++) {
			bool deny = (wv[i].bits & L_DENIAL) || (demand && (wv[i].bits & L_DEMAND));
			if (pass == 0) {
				if (!deny)
					continue;
				if (i > 0 && wv[i - 1].poss && is_name(&wv[i - 1])) {
					size_t b = run_start(wv, i - 1);
					set_span(wv, b, i - 1, &out->spk_start, &out->spk_end);
					found = true;
					out->spk_speech = !deny;
					continue;
				}
			}
			if (i + 2 < n && !strcmp(wv[i].f, "according") &&
			    !strcmp(wv[i + 1].f, "to")) {
				size_t b = i + 2;
				while (b < n && (is_title(&wv[b]) || !strcmp(wv[b].f, "the")))
					b++;
				size_t e = b;
				while (e + 1 < n && is_name(&wv[e + 1]) && !wv[e].comma)
					e++;
				if (b < n && is_name(&wv[b])) {
					set_span(wv, b, e, &out->spk_start, &out->spk_end);
					found = true;
					out->spk_speech = !deny;
				}
				continue;
			}
			if (!deny && !(wv[i].bits & L_SPEECH))
				continue;
			/* before the verb: "Russia has rejected", "Mr Lavrov said" */
			size_t e = i;
			while (e > 0 && i - e < 3 && (wv[e - 1].bits & L_AUX))
				e--;
			if (e > 0 && is_name(&wv[e - 1])) {
				size_t b = run_start(wv, e - 1);
				set_span(wv, b, e - 1, &out->spk_start, &out->spk_end);
				found = true;
				out->spk_speech = !deny;
			} else if (e > 0 && wv[e - 1].poss == false &&
				   (wv[e - 1].bits & L_PRONOUN)) {
				out->spk_pronoun = true;
				found = true;
				out->spk_speech = !deny;
			} else if (e > 0 && is_title(&wv[e - 1]) && have_t && pb != SIZE_MAX) {
				/* "Tomas Ek, the Swedish trade minister, said" */
				set_span(wv, pb, pe, &out->spk_start, &out->spk_end);
				found = true;
				out->spk_speech = !deny;
			} else if (e > 0 && is_title(&wv[e - 1]) && have_t && ob != SIZE_MAX) {
				/* "The Kremlin spokesman called": the organisation speaks */
				out->spk_start = out->org_start, out->spk_end = out->org_end;
				found = true;
				out->spk_speech = !deny;
			} else if (i + 1 < n && (is_name(&wv[i + 1]) || is_title(&wv[i + 1]))) {
				/* after the verb: "said Mr Lavrov" */
				size_t b = i + 1;
				while (b < n && is_title(&wv[b]))
					b++;
				size_t e2 = b;
				while (e2 + 1 < n && is_name(&wv[e2 + 1]) && !wv[e2].comma)
					e2++;
				if (b < n && is_name(&wv[b]) &&
				    (wv[i].comma || i + 1 == b || b > i + 1)) {
					set_span(wv, b, e2, &out->spk_start, &out->spk_end);
					found = true;
					out->spk_speech = !deny;
				}
			}
		}
	/* "Russian officials closed ranks": the organisation speaks */
	if (!found && have_t && ob != SIZE_MAX && pb == SIZE_MAX) {
		out->spk_start = out->org_start, out->spk_end = out->org_end;
		found = true;
	}
	/* the titled person is who speaks when the verb found its name */
	if (have_t && pb != SIZE_MAX && out->spk_end > out->spk_start &&
	    out->spk_start <= wv[pe].start && out->spk_end >= wv[pb].end)
		set_span(wv, pb, pe, &out->spk_start, &out->spk_end);
	/* the organisation is whom the speaker speaks for only when the
	 * speaker is its titled person or the organisation itself: "May said
	 * the Russian ambassador has been summoned" does not make May Russian */
	if (have_t && ob != SIZE_MAX &&
	    !(out->spk_start == out->org_start && out->spk_end == out->org_end) &&
	    !(pb != SIZE_MAX && out->spk_start == wv[pb].start && out->spk_end == wv[pe].end))
		out->org_start = out->org_end = 0;
	/* a sentence that opens with a quote and names nobody: the one quoted
	 * before is still speaking */
	if (!found && n > 0 && wv[0].quote)
		out->spk_pronoun = true;
	free(wv);
}
