/* stance: tags a sentence as an accusation, a rebuttal or neutral from cue
 * words. A denial outweighs everything else, because a sentence that denies
 * an accusation usually names it too ("denied US allegations"). Words that
 * only blame by connotation (malicious, reckless, behind) count as an
 * accusation when the sentence attributes them to someone ("Blinken said"). */
#include "crossread/stance.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "crossread/text.h"
#include "crossread/util.h"

enum cue { CUE_NONE, CUE_DENY, CUE_ACCUSE, CUE_BLAME, CUE_SAID };

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
    {"slander", true, CUE_DENY},
    {"smear", true, CUE_DENY},
    {"fabricat", true, CUE_DENY},
    {"defam", true, CUE_DENY},
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
};

/* Multi-word cues, matched on consecutive words. */
struct cue_phrase {
	const char *w[4];
	enum cue cue;
};

static const struct cue_phrase cue_phrases[] = {
    {{"based", "on", "nothing", NULL}, CUE_DENY},   {{"no", "role", NULL, NULL}, CUE_DENY},
    {{"no", "part", NULL, NULL}, CUE_DENY},	    {{"nothing", "new", NULL, NULL}, CUE_DENY},
    {{"not", "responsible", NULL, NULL}, CUE_DENY}, {{"nothing", "to", "do", NULL}, CUE_DENY},
    {{"according", "to", NULL, NULL}, CUE_SAID},
};

#define WORD_MAX 32
#define WINDOW	 4

static enum cue word_cue(const char *w, size_t n)
{
	if (n < 3)
		return CUE_NONE;
	for (size_t i = 0; i < sizeof cue_words / sizeof cue_words[0]; i++) {
		if (cue_words[i].w[0] != w[0] || cue_words[i].w[1] != w[1])
			continue; /* most words: no cue starts like them */
		size_t cl = strlen(cue_words[i].w);
		if (cue_words[i].prefix ? n >= cl && memcmp(w, cue_words[i].w, cl) == 0
					: n == cl && memcmp(w, cue_words[i].w, cl) == 0)
			return cue_words[i].cue;
	}
	return CUE_NONE;
}

/* the last WINDOW words, most recent at (pos - 1) % WINDOW */
struct window {
	char w[WINDOW][WORD_MAX];
	size_t pos;
};

static enum cue phrase_cue(const struct window *win)
{
	const char *last = win->w[(win->pos - 1) % WINDOW];
	for (size_t i = 0; i < sizeof cue_phrases / sizeof cue_phrases[0]; i++) {
		const struct cue_phrase *p = &cue_phrases[i];
		size_t k = 0;
		while (k < 4 && p->w[k])
			k++;
		if (k > win->pos || strcmp(last, p->w[k - 1]) != 0)
			continue;
		bool ok = true;
		for (size_t j = 0; j < k && ok; j++)
			ok = strcmp(win->w[(win->pos - k + j) % WINDOW], p->w[j]) == 0;
		if (ok)
			return p->cue;
	}
	return CUE_NONE;
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
	struct window win = {0};
	unsigned deny = 0, accuse = 0, blame = 0, said = 0;
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
		char *w = win.w[win.pos % WINDOW];
		fold_word(s + ws, i - ws, w);
		win.pos++;
		enum cue c = word_cue(w, strlen(w));
		enum cue pc = phrase_cue(&win);
		if (pc != CUE_NONE)
			c = pc;
		deny += c == CUE_DENY;
		accuse += c == CUE_ACCUSE;
		blame += c == CUE_BLAME;
		said += c == CUE_SAID;
	}
	if (deny)
		return STANCE_REBUTTAL;
	if (accuse || (blame && said))
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
