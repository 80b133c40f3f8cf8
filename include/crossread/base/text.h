/* text: every Unicode decision crossread makes, on utf8proc: decoding with
 * U+FFFD for invalid bytes, NFC normalisation, display width, grapheme
 * clusters, case folding, and the one sanitiser that turns control and bidi
 * characters into visible, harmless text before anything reaches a terminal. */
#ifndef CROSSREAD_TEXT_H
#define CROSSREAD_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TEXT_REPLACEMENT 0xFFFD
/* longest visible form of one code point, NUL included ("<U+10FFFF>") */
#define TEXT_VIS_MAX 12

/* Decode one code point at s (len > 0). Returns the bytes consumed (>= 1).
 * An invalid or truncated sequence consumes one byte and yields U+FFFD.
 * Inline for ASCII: the tokeniser, the stance scan and the sentence
 * splitter call it for every byte. */
size_t text_decode_utf8(const char *s, size_t len, int32_t *cp);
static inline size_t text_decode(const char *s, size_t len, int32_t *cp)
{
	if ((unsigned char)s[0] < 0x80) {
		*cp = (unsigned char)s[0];
		return 1;
	}
	return text_decode_utf8(s, len, cp);
}
/* the offset just after the character at i (len when i >= len), and the
 * start of the character before i (0 at 0), as text_decode reads them */
size_t text_next_char(const char *s, size_t len, size_t i);
size_t text_prev_char(const char *s, size_t i);
/* Encode cp as UTF-8 into out (4 bytes room); returns bytes written. */
size_t text_encode(int32_t cp, char *out);

/* Clean arbitrary bytes into valid NFC UTF-8, appending to *out / *out_len
 * / *out_cap (a growable array): invalid bytes become U+FFFD, CR LF
 * becomes LF. NUL and other controls are kept (they are drawn visibly). */
void text_clean_append(const char *in, size_t len, char **out, size_t *out_len, size_t *out_cap);
/* Convenience: a fresh NUL-terminated cleaned copy. */
char *text_clean(const char *in, size_t len, size_t *out_len);
/* true if s[0..len) is valid UTF-8 (no U+FFFD substitution needed) */
bool text_valid_utf8(const char *s, size_t len);

/* Display width of one code point in columns: 0 for combining marks and
 * zero-width characters, 2 for wide (CJK, most emoji), else 1. Controls
 * return the width of their visible form. */
int text_cp_width(int32_t cp);

/* Visible, terminal-safe form of cp: NULL if cp may be drawn as itself;
 * otherwise a NUL-terminated ASCII string in buf, e.g. "^[" for ESC, "^?"
 * for DEL, "<U+0085>" for C1 controls, "<U+202E>" for bidi controls. */
const char *text_visible(int32_t cp, char buf[TEXT_VIS_MAX]);
/* true if cp must never be written raw (text_visible would return non-NULL) */
bool text_is_unsafe(int32_t cp);

/* Sanitise a whole string for a terminal (status line, stderr): invalid
 * bytes become U+FFFD, unsafe code points their visible form. Newlines too
 * unless keep_newlines. Returns a malloc'd NUL-terminated string. */
char *text_sanitize(const char *s, size_t len, bool keep_newlines);

/* Grapheme clusters. text_cluster_end returns the end offset of the
 * extended grapheme cluster starting at pos (pos < len). */
size_t text_cluster_end(const char *s, size_t len, size_t pos);
/* Display width of the cluster [pos, end): the width of its first code
 * point (at least 1 when the cluster starts with a combining mark, since it
 * is then drawn on a space), 2 for emoji presentation sequences, the visible
 * form's width for controls. Tabs are the caller's business (width 1 here). */
int text_cluster_width(const char *s, size_t pos, size_t end);
/* Width of a whole string (clusters summed; tabs count 1). */
size_t text_width(const char *s, size_t len);
/* Longest prefix of s (in bytes, on a cluster boundary) that fits in cols. */
size_t text_fit(const char *s, size_t len, size_t cols, size_t *used_cols);

/* Case-folded (utf8proc CASEFOLD, NFKC) copy for case-insensitive search. */
char *text_casefold(const char *s, size_t len, size_t *out_len);
/* The NFKC case folding of one code point when that is one code point
 * (full-width '３' is '3', '，' is ',', 'Ａ' is 'a'); else cp itself. */
int32_t text_fold_cp(int32_t cp);
/* The one fold for comparing text, shared by search and anchoring: runs of
 * white space (any Unicode space, line breaks) become one space, typographic
 * quotes and primes ' or ", dashes and the minus sign -, everything else its
 * NFKC form (full-width '３' is '3', 'ﬁ' is "fi"), case folded too with
 * TEXT_FOLD_CASE. Folding is per code point of NFC text, so a folded text
 * maps back to the display text: a sparse map of breaks where the two stop
 * advancing byte for byte. */
#define TEXT_FOLD_CASE	 1u
#define TEXT_FOLD_CP_MAX 80 /* longest fold of one code point, in bytes */

/* From folded offset n on, until the next break, display = d + (i - n)
 * character for character; unless dend != 0: then everything up to the
 * next break stands for the display bytes [d, dend) as a whole (a folded
 * space run, quote or dash, "ss" for "ß"). */
struct text_fold_seg {
	uint32_t n, d, dend;
};
struct text_fold {
	char *s; /* the folded bytes, NUL-terminated */
	size_t len, cap;
	struct text_fold_seg *seg; /* the map, when asked for */
	size_t nseg, segcap;
	unsigned flags;
	bool map;
	bool last_space; /* the fold so far ends in a space (runs go on) */
};

void text_fold_init(struct text_fold *f, unsigned flags, bool map);
/* empty again, keeping the memory */
void text_fold_reset(struct text_fold *f);
void text_fold_free(struct text_fold *f);
/* Fold display bytes s[from, to) onto the end of f (from and to on code
 * point boundaries of NFC text; offsets in the map are s's, < 4 GiB). */
void text_fold_append(struct text_fold *f, const char *s, size_t from, size_t to);
/* The display offset of the character that gave folded byte i (< len), and
 * the one just after it. */
size_t text_fold_start(const struct text_fold *f, size_t i);
size_t text_fold_end(const struct text_fold *f, size_t i);
/* The first folded offset whose character starts at or after display
 * offset off (len if none). */
size_t text_fold_of(const struct text_fold *f, size_t off);
/* Cleaned (text_clean) and folded copy of any bytes, without a map. */
char *text_fold_string(const char *s, size_t len, unsigned flags, size_t *out_len);
/* The fold of one code point into out (TEXT_FOLD_CP_MAX bytes): its length;
 * *same tells whether that is cp itself. White space gives one space. */
size_t text_fold_cp_into(int32_t cp, unsigned flags, char *out, bool *same);

/* Is cp part of a word: a letter, a combining mark or a number (Unicode
 * categories L*, Mn, Mc, Nd, Nl, No)? Tokenising, stance cues and sentence
 * splitting share this one definition. */
bool text_is_word_cp_utf8(int32_t cp);
static inline bool text_is_word_cp(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
	return text_is_word_cp_utf8(cp);
}
/* Is cp whitespace (Unicode category Zs, or \t \n \r \f \v)? */
bool text_is_space(int32_t cp);

#endif
