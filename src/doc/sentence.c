/* sentence: the sentence splitter for matching. One forward pass over the
 * display text; a full stop ends a sentence only when what follows and the
 * word before it say so, and a line break ends one only when the line looks
 * like a heading or caption rather than prose cut in two. */
#include "crossread/doc/sentence.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "crossread/base/text.h"
#include "crossread/base/util.h"

/* What a word followed by a full stop says about the sentence ending. */
enum abbr {
	ABBR_NONE,
	ABBR_NEVER_END,
	ABBR_END_IF_STARTER,
	ABBR_END_IF_CAPITAL,
	ABBR_BEFORE_NUMBER
};

/* Titles and the like precede a name: a sentence almost never ends on them,
 * so they never end one. */
static const char *const abbr_never[] = {
    "Mr",   "Mrs", "Ms",  "Messrs", "Dr",     "Prof", "Gen",  "Lt",   "Col",  "Maj",  "Capt",
    "Cmdr", "Sgt", "Adm", "Gov",    "Sen",    "Rep",  "Rev",  "Hon",  "Pres", "Supt", "vs",
    "v",    "cf",  "e.g", "i.e",    "approx", "Gens", "Reps", "Sens", "Govs", "Mme",  "Mmes",
};
/* Months and places usually precede a number or a name ("Jan. 5", "St.
 * Louis"), but a sentence can end on them ("in Jan. The next month"): they
 * end one when a word that usually starts a sentence follows. So do dotted
 * abbreviations ("the U.S. The ministry"). */
static const char *const abbr_end_if_starter[] = {
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",	"Aug",	"Sep",	"Sept", "Oct",
    "Nov", "Dec", "St",	 "Mt",	"Ft",  "Calif", "Mass", "Wash", "Fla",	"Ariz",
};
/* Capitalised function words that usually start a sentence and seldom
 * follow an abbreviation inside one. Matched exactly ("IT" is not "It"). */
static const char *const sentence_starters[] = {
    "The",   "A",    "An",   "It",	"Its",	 "He",	      "She", "They",  "We",	"I",
    "You",   "This", "That", "These",	"Those", "There",     "His", "Her",   "Their",	"Our",
    "But",   "And",  "Yet",  "So",	"In",	 "On",	      "At",  "After", "Before", "When",
    "While", "If",   "As",   "However", "Then",	 "Meanwhile", "Now", "Still", "Also",	"Some",
};
/* These can close a sentence: they do when the next word is capitalised. */
static const char *const abbr_end_if_capital[] = {
    "etc", "Inc", "Co",	 "Jr",	 "Sr", "Corp", "Ltd", "Bros",
    "a.m", "p.m", "Ave", "Blvd", "Rd", "Dept", "al",  "Ph.D",
};
/* Only abbreviations when a number follows ("No. 5"); otherwise words. */
static const char *const abbr_number[] = {
    "No", "Nos", "Vol", "vol", "pp", "p", "Art", "Fig", "fig", "para", "ch",
};
/* A line ending in one of these words is prose that continues on the next. */
static const char *const connectives[] = {
    "a",     "an",    "the",	 "to",	  "of",	   "and",   "or",      "but",	  "nor",   "in",
    "on",    "at",    "by",	 "for",	  "with",  "from",  "into",    "onto",	  "as",	   "that",
    "which", "who",   "whom",	 "whose", "his",   "her",   "its",     "their",	  "our",   "my",
    "your",  "is",    "are",	 "was",	  "were",  "be",    "been",    "being",	  "not",   "than",
    "this",  "these", "those",	 "over",  "under", "about", "against", "between", "after", "before",
    "while", "if",    "because", "has",	  "have",  "had",   "will",    "would",	  "could", "should",
    "may",   "might", "can",	 "must",  "such",  "very",  "more",    "most",	  "also",
};

/* Words of this many or more on a line that ends in a lower-case word and no
 * punctuation make prose, not a heading: the line is continued. */
#define PROSE_WORDS 12

static bool in_list(const char *const *list, size_t n, const char *w, size_t wlen)
{
	if (!wlen)
		return false;
	for (size_t i = 0; i < n; i++) /* the first byte tells most apart */
		if (list[i][0] == w[0] && strlen(list[i]) == wlen && memcmp(list[i], w, wlen) == 0)
			return true;
	return false;
}

#define IN_LIST(list, w, n) in_list((list), sizeof(list) / sizeof(list)[0], (w), (n))

/* Code points decoded by the current (or last) sentence_split on this
 * thread: its work, which must stay linear in the text. */
static _Thread_local size_t decoded;

static size_t dec(const char *s, size_t len, int32_t *cp)
{
	decoded++;
	return text_decode(s, len, cp);
}

size_t sentence_split_work(void)
{
	return decoded;
}

static bool is_ascii_alnum(unsigned char c)
{
	unsigned lower = c | 0x20u;
	return (lower >= 'a' && lower <= 'z') || (c >= '0' && c <= '9');
}

static bool is_terminator(int32_t cp)
{
	switch (cp) {
	case '.':
	case '!':
	case '?':
	case 0x2026: /* … */
	case 0x203C: /* ‼ */
	case 0x2047: /* ⁇ */
	case 0x2048: /* ⁈ */
	case 0x2049: /* ⁉ */
	case 0x3002: /* 。 */
	case 0xFF01: /* ！ */
	case 0xFF1F: /* ？ */
		return true;
	default:
		return false;
	}
}

/* Closing quotes and brackets that belong to the sentence they follow. */
static bool is_closer(int32_t cp)
{
	switch (cp) {
	case '"':
	case '\'':
	case ')':
	case ']':
	case '}':
	case 0x201D: /* ” */
	case 0x2019: /* ’ */
	case 0x00BB: /* » */
	case 0x203A: /* › */
		return true;
	default:
		return false;
	}
}

static bool is_opener(int32_t cp)
{
	return cp == '"' || cp == '\'' || cp == '(' || cp == '[' || cp == '{' || cp == 0x201C ||
	       cp == 0x2018 || cp == 0x00AB || cp == 0x2039;
}

static bool is_lower(int32_t cp)
{
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static bool is_upper(int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static bool is_digit(int32_t cp)
{
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

/* The code point ending at i (i > lo), found by stepping back to its lead
 * byte; a byte that is not the end of a valid sequence counts alone, the
 * way text_decode reads it going forward. */
static size_t prev_cp(const char *t, size_t lo, size_t i, int32_t *cp)
{
	size_t k = i - 1;
	while (k > lo && i - k < 4 && ((unsigned char)t[k] & 0xC0) == 0x80)
		k--;
	if (dec(t + k, i - k, cp) == i - k)
		return k;
	*cp = TEXT_REPLACEMENT;
	return i - 1;
}

static enum abbr abbr_kind(const char *t, size_t ws, size_t we)
{
	int32_t cp;
	/* drop opening quotes and brackets: `("Gen.` is still Gen. */
	while (ws < we) {
		size_t n = dec(t + ws, we - ws, &cp);
		if (!is_opener(cp))
			break;
		ws += n;
	}
	if (ws >= we)
		return ABBR_NONE;
	size_t wlen = we - ws;
	const char *w = t + ws;
	size_t n = dec(w, wlen, &cp);
	if (n == wlen && is_upper(cp))
		return ABBR_NEVER_END; /* an initial: J. R. R. Tolkien */
	if (IN_LIST(abbr_never, w, wlen))
		return ABBR_NEVER_END;
	if (IN_LIST(abbr_end_if_starter, w, wlen))
		return ABBR_END_IF_STARTER;
	if (IN_LIST(abbr_end_if_capital, w, wlen))
		return ABBR_END_IF_CAPITAL;
	if (IN_LIST(abbr_number, w, wlen))
		return ABBR_BEFORE_NUMBER;
	/* letters joined by dots, one or two at a time (U.S, U.K): an
	 * abbreviation that ends a sentence only before a sentence starter */
	bool dotted = false;
	size_t run = 0;
	for (size_t i = 0; i < wlen;) {
		n = dec(w + i, wlen - i, &cp);
		if (cp == '.') {
			if (run == 0)
				return ABBR_NONE;
			dotted = true;
			run = 0;
		} else if (text_is_word_cp(cp) && !is_digit(cp)) {
			if (++run > 2)
				return ABBR_NONE;
		} else {
			return ABBR_NONE;
		}
		i += n;
	}
	return dotted ? ABBR_END_IF_STARTER : ABBR_NONE;
}

/* Does a sentence starter begin at k (past opening quotes and brackets)?
 * The word must end there: "In-Q-Tel" and "A." are not starters. Looks at a
 * few code points only. */
static bool starter_at(const char *t, size_t len, size_t k)
{
	int32_t cp = 0;
	size_t n = 0;
	while (k < len) {
		n = dec(t + k, len - k, &cp);
		if (!is_opener(cp))
			break;
		k += n;
	}
	size_t ws = k;
	char w[12];
	size_t wl = 0;
	while (k < len) {
		n = dec(t + k, len - k, &cp);
		if (!text_is_word_cp(cp))
			break;
		if (cp >= 0x80 || wl == sizeof w)
			return false;
		w[wl++] = (char)cp;
		k += n;
	}
	if (k == ws || (k < len && (cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == '.')))
		return false;
	return IN_LIST(sentence_starters, w, wl);
}

/* A terminator run [tpos, j) is followed by white space (or the end). Does
 * it end the sentence? ws is where the word before the terminator starts. */
static bool ends_sentence(const char *t, size_t len, size_t ws, size_t tpos, size_t j, int32_t term)
{
	size_t k = j;
	bool newline = false;
	int32_t cp = 0;
	while (k < len) {
		size_t n = dec(t + k, len - k, &cp);
		if (cp == '\n')
			newline = true;
		else if (!text_is_space(cp))
			break;
		k += n;
	}
	if (k >= len || newline)
		return true;
	if (is_lower(cp))
		return false; /* "e.g. this", `"Stop!" he said` */
	if (term != '.' || j != tpos + 1)
		return true;
	switch (abbr_kind(t, ws, tpos)) {
	case ABBR_NEVER_END:
		return false;
	case ABBR_END_IF_STARTER:
		return starter_at(t, len, k);
	case ABBR_END_IF_CAPITAL:
		return is_upper(cp) || !text_is_word_cp(cp);
	case ABBR_BEFORE_NUMBER:
		return !is_digit(cp);
	case ABBR_NONE:
		break;
	}
	return true;
}

static bool is_connective(const char *w, size_t wlen)
{
	char low[16];
	if (wlen >= sizeof low)
		return false;
	for (size_t i = 0; i < wlen; i++) {
		unsigned char c = (unsigned char)w[i];
		if (c >= 0x80)
			return false;
		low[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	return IN_LIST(connectives, low, wlen);
}

/* The open sentence [start, nl) reaches a line break with no terminator.
 * Does it go on after the break? Yes when the line ends in a comma, dash or
 * function word; when it ends in a lower-case word and the next line starts
 * in lower case; or when it is a long run of prose ending in a lower-case
 * word (the AFP text's "a massive\n\nMicrosoft hack"). A heading or caption
 * ends at its line. words is how many words the sentence has so far, counted
 * up to PROSE_WORDS by the caller: only the current line is looked at here,
 * so a sentence running over many lines costs no more than its length. */
static bool line_continues(const char *t, size_t len, size_t start, size_t line_start, size_t nl,
			   size_t words)
{
	int32_t next = 0;
	size_t k = nl;
	while (k < len) {
		size_t n = dec(t + k, len - k, &next);
		if (!text_is_space(next))
			break;
		k += n;
	}
	if (k >= len)
		return false;

	size_t lo = start > line_start ? start : line_start;
	size_t e = nl;
	int32_t last = 0;
	while (e > lo) {
		size_t p = prev_cp(t, lo, e, &last);
		if (!text_is_space(last))
			break;
		e = p;
	}
	if (e <= lo)
		return false;
	if (last == ',' || last == '-' || last == 0x2013 || last == 0x2014) {
		/* prose cut after a comma or dash, not a rule line ("---") */
		for (size_t i = lo; i < e;) {
			int32_t cp;
			i += dec(t + i, e - i, &cp);
			if (text_is_word_cp(cp))
				return true;
		}
		return false;
	}
	if (!text_is_word_cp(last))
		return false;

	size_t ws = e;
	while (ws > lo) {
		int32_t cp;
		size_t p = prev_cp(t, lo, ws, &cp);
		if (text_is_space(cp))
			break;
		ws = p;
	}
	if (is_connective(t + ws, e - ws))
		return true;
	/* the last word must be a plain lower-case word: not a name ("Steven
	 * Senne / AP"), a number or a URL */
	for (size_t i = ws; i < e;) {
		int32_t cp;
		size_t n = dec(t + i, e - i, &cp);
		if (i == ws ? !is_lower(cp) : !text_is_word_cp(cp) || is_digit(cp))
			return false;
		i += n;
	}
	if (is_lower(next))
		return words >= 3; /* "ruling out / further action", not "hide caption" */
	return words >= PROSE_WORDS;
}

struct out {
	struct sentence *v;
	size_t n, cap;
};

static void emit(struct out *o, const char *t, size_t start, size_t end)
{
	while (end > start) {
		int32_t cp;
		size_t p = prev_cp(t, start, end, &cp);
		if (!text_is_space(cp))
			break;
		end = p;
	}
	bool any = false;
	for (size_t i = start; i < end && !any;) {
		int32_t cp;
		i += dec(t + i, end - i, &cp);
		any = text_is_word_cp(cp);
	}
	if (!any)
		return;
	GROW(o->v, o->cap, size_add(o->n, 1));
	o->v[o->n].start = start;
	o->v[o->n].end = end;
	o->n++;
}

/* After a sentence ends at j: a closing quote cut off by a space
 * (`suppression. [China]. ”`) still belongs to it. */
static size_t stray_closers(const char *t, size_t len, size_t j)
{
	size_t k = j;
	int32_t cp;
	while (k < len && (t[k] == ' ' || t[k] == '\t'))
		k++;
	size_t c = k;
	while (c < len) {
		size_t n = dec(t + c, len - c, &cp);
		if (!is_closer(cp) || cp == '\'')
			break;
		c += n;
	}
	if (c == k)
		return j;
	if (c < len) {
		dec(t + c, len - c, &cp);
		if (!text_is_space(cp))
			return j;
	}
	return c;
}

size_t sentence_split(const char *t, size_t len, struct sentence **out)
{
	struct out o = {0};
	decoded = 0;
	bool open = false, after_space = true, line_text = false;
	size_t start = 0, ws = 0, line_start = 0;
	size_t words = 0; /* in the open sentence, up to PROSE_WORDS */
	size_t i = 0;
	while (i < len) {
		int32_t cp;
		size_t n = dec(t + i, len - i, &cp);
		if (cp == '\n') {
			/* a blank line inside a continued sentence decides nothing */
			if (open && line_text &&
			    !line_continues(t, len, start, line_start, i, words)) {
				emit(&o, t, start, i);
				open = false;
			}
			i += n;
			line_start = i;
			after_space = true;
			line_text = false;
			continue;
		}
		if (text_is_space(cp)) {
			i += n;
			after_space = true;
			continue;
		}
		line_text = true;
		if (!open) {
			open = true;
			start = i;
			words = 0;
		}
		if ((after_space || i == start) && words < PROSE_WORDS)
			words++;
		if (after_space)
			ws = i;
		after_space = false;
		if (!is_terminator(cp)) {
			i += n;
			/* the rest of a word of ASCII letters and digits changes
			 * nothing: skipped a byte at a time, undecoded */
			while (i < len && is_ascii_alnum((unsigned char)t[i]))
				i++;
			continue;
		}
		size_t j = i + n;
		while (j < len) {
			int32_t c2;
			size_t m = dec(t + j, len - j, &c2);
			if (!is_terminator(c2) && !is_closer(c2))
				break;
			j += m;
		}
		bool space_after = j >= len;
		if (!space_after) {
			int32_t c2;
			dec(t + j, len - j, &c2);
			space_after = text_is_space(c2);
		}
		if (space_after && ends_sentence(t, len, ws, i, j, cp)) {
			j = stray_closers(t, len, j);
			emit(&o, t, start, j);
			open = false;
		}
		i = j;
	}
	if (open)
		emit(&o, t, start, len);
	*out = o.v;
	return o.n;
}
