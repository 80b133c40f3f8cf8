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

#include "crossread/base/text.h"
#include "crossread/base/util.h"

enum cue { CUE_NONE, CUE_DENY, CUE_DISPARAGE, CUE_ACCUSE, CUE_BLAME, CUE_SAID, CUE_SUPPORT, NCUES };

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

enum stance stance_of(const char *s, size_t len)
{
	if (!ix.ready)
		index_cues();
	struct window win = {0};
	unsigned count[NCUES] = {0};
	size_t i = 0;
	while (i < len) {
		int32_t cp;
		size_t n = text_decode(s + i, len - i, &cp);
		if (!text_is_word_cp(cp)) {
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
		win.cue[slot] = c;
		if (c != CUE_NONE)
			count[c]++;
	}
	if (count[CUE_DENY] || (count[CUE_DISPARAGE] && !count[CUE_SUPPORT]))
		return STANCE_REBUTTAL;
	if (count[CUE_ACCUSE] || (count[CUE_BLAME] && count[CUE_SAID]))
		return STANCE_ACCUSATION;
	return STANCE_NEUTRAL;
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
