/* text: UTF-8 decoding, NFC normalisation, display width, grapheme clusters,
 * case folding and the terminal sanitiser, all decided by utf8proc. */
#include "crossread/base/text.h"

#include <stdio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "crossread/base/util.h"

size_t text_decode_utf8(const char *s, size_t len, int32_t *cp)
{
	utf8proc_int32_t v;
	utf8proc_ssize_t n =
	    utf8proc_iterate((const utf8proc_uint8_t *)s, len > 4 ? 4 : (utf8proc_ssize_t)len, &v);
	if (n <= 0) {
		*cp = TEXT_REPLACEMENT;
		return 1;
	}
	*cp = v;
	return (size_t)n;
}

size_t text_next_char(const char *s, size_t len, size_t i)
{
	int32_t cp;
	return i < len ? i + text_decode(s + i, len - i, &cp) : len;
}

size_t text_prev_char(const char *s, size_t i)
{
	while (i > 0) {
		i--;
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			break;
	}
	return i;
}

size_t text_encode(int32_t cp, char *out)
{
	utf8proc_ssize_t n = utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
	if (n <= 0)
		return (size_t)utf8proc_encode_char(TEXT_REPLACEMENT, (utf8proc_uint8_t *)out);
	return (size_t)n;
}

bool text_valid_utf8(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		utf8proc_int32_t v;
		utf8proc_ssize_t n =
		    utf8proc_iterate((const utf8proc_uint8_t *)s + i,
				     (utf8proc_ssize_t)(len - i > 4 ? 4 : len - i), &v);
		if (n <= 0)
			return false;
		i += (size_t)n;
	}
	return true;
}

/* Can a string made of such code points be left as it is by NFC? True when
 * the code point is a starter that NFC keeps alone and that no composition
 * takes as its second element. Cached for the BMP; every answer comes from
 * utf8proc's properties. */
static bool nfc_inert_compute(int32_t cp)
{
	const utf8proc_property_t *p = utf8proc_get_property(cp);
	if (p->combining_class != 0 || p->comp_exclusion)
		return false;
	switch (p->category) {
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return false;
	default:
		break;
	}
	if (p->boundclass == UTF8PROC_BOUNDCLASS_V || p->boundclass == UTF8PROC_BOUNDCLASS_T)
		return false;
	if (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0) {
		/* canonical decomposition: singletons and non-starter
		 * decompositions do not survive NFC */
		utf8proc_int32_t d[8];
		int bc = 0;
		utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE, &bc);
		if (n < 2 || utf8proc_get_property(d[0])->combining_class != 0)
			return false;
		/* the full decomposition hides singletons inside it (U+212B ->
		 * U+00C5 -> A + ring): only what NFC maps to itself is inert */
		char enc[4];
		utf8proc_uint8_t *nfc = NULL;
		size_t elen = text_encode(cp, enc);
		utf8proc_ssize_t m =
		    utf8proc_map((const utf8proc_uint8_t *)enc, (utf8proc_ssize_t)elen, &nfc,
				 UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		bool same = m == (utf8proc_ssize_t)elen && !memcmp(nfc, enc, elen);
		free(nfc);
		if (!same)
			return false;
	}
	return true;
}

static bool nfc_inert(int32_t cp)
{
	/* 0 unknown, 1 inert, 2 not; atomic, as matching folds words in two
	 * threads (each writes what the other would) */
	static _Atomic unsigned char cache[0x10000];
	if (cp < 0x300)
		return true;
	if (cp >= 0x10000)
		return nfc_inert_compute(cp);
	unsigned char c = atomic_load_explicit(&cache[cp], memory_order_relaxed);
	if (!c) {
		c = nfc_inert_compute(cp) ? 1 : 2;
		atomic_store_explicit(&cache[cp], c, memory_order_relaxed);
	}
	return c == 1;
}

static void append_bytes(char **out, size_t *out_len, size_t *out_cap, const char *s, size_t n)
{
	size_t need = size_add(size_add(*out_len, n), 1);
	if (need > *out_cap) {
		size_t cap = *out_cap ? *out_cap : 256;
		while (cap < need)
			cap = size_mul(cap, 2);
		*out = xrealloc(*out, cap);
		*out_cap = cap;
	}
	memcpy(*out + *out_len, s, n);
	*out_len += n;
	(*out)[*out_len] = '\0';
}

/* bytes of s[0..len) before the first one >= 0x80, eight at a time */
static size_t ascii_prefix(const char *s, size_t len)
{
	size_t i = 0;
	while (i + 8 <= len) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ull)
			break;
		i += 8;
	}
	while (i < len && (unsigned char)s[i] < 0x80)
		i++;
	return i;
}

/* NFC of s[0..len), piece by piece: an inert code point (nfc_inert) starts a
 * piece NFC never looks across, so only the pieces holding a code point
 * that is not inert go through utf8proc_map (from the inert code point
 * before it to the next one); the rest is copied. Same result as mapping
 * the whole line, at the cost of the few pieces that need it. */
static void nfc_append(const char *s, size_t len, char **out, size_t *out_len, size_t *out_cap)
{
	size_t copied = 0, last_inert = 0, j = 0;
	while (j < len) {
		if ((unsigned char)s[j] < 0x80) {
			last_inert = j++;
			continue;
		}
		int32_t cp;
		size_t n = text_decode(s + j, len - j, &cp);
		if (nfc_inert(cp)) {
			last_inert = j;
			j += n;
			continue;
		}
		size_t from = last_inert > copied ? last_inert : copied, k = j + n;
		while (k < len && (unsigned char)s[k] >= 0x80) {
			size_t m = text_decode(s + k, len - k, &cp);
			if (nfc_inert(cp))
				break;
			k += m;
		}
		append_bytes(out, out_len, out_cap, s + copied, from - copied);
		utf8proc_uint8_t *nfc = NULL;
		utf8proc_ssize_t m =
		    utf8proc_map((const utf8proc_uint8_t *)s + from, (utf8proc_ssize_t)(k - from),
				 &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		if (m >= 0)
			append_bytes(out, out_len, out_cap, (const char *)nfc, (size_t)m);
		else
			append_bytes(out, out_len, out_cap, s + from, k - from);
		free(nfc);
		copied = last_inert = j = k;
	}
	append_bytes(out, out_len, out_cap, s + copied, len - copied);
}

/* Clean one line (no '\n' inside): U+FFFD for invalid bytes, then NFC if a
 * code point might change under it. */
static void clean_line(const char *in, size_t len, char **out, size_t *out_len, size_t *out_cap)
{
	size_t i = ascii_prefix(in, len);
	if (i == len) {
		append_bytes(out, out_len, out_cap, in, len);
		return;
	}
	bool invalid = false, needs_nfc = false;
	for (size_t j = i; j < len;) {
		if ((unsigned char)in[j] < 0x80) {
			j++;
			continue;
		}
		int32_t cp;
		size_t n = text_decode(in + j, len - j, &cp);
		if (cp == TEXT_REPLACEMENT && n == 1)
			invalid = true; /* a real U+FFFD takes three bytes */
		else if (!nfc_inert(cp))
			needs_nfc = true;
		j += n;
	}
	if (!invalid && !needs_nfc) {
		append_bytes(out, out_len, out_cap, in, len);
		return;
	}
	const char *src = in;
	size_t src_len = len;
	struct buf fixed = {0};
	if (invalid) {
		buf_reserve(&fixed, len + len / 2);
		for (size_t j = 0; j < len;) {
			int32_t cp;
			size_t n = text_decode(in + j, len - j, &cp);
			char enc[4];
			buf_add(&fixed, enc, text_encode(cp, enc));
			j += n;
		}
		src = fixed.s;
		src_len = fixed.len;
	}
	if (needs_nfc)
		nfc_append(src, src_len, out, out_len, out_cap);
	else
		append_bytes(out, out_len, out_cap, src, src_len);
	buf_free(&fixed);
}

void text_clean_append(const char *in, size_t len, char **out, size_t *out_len, size_t *out_cap)
{
	size_t pos = 0;
	while (pos < len) {
		const char *nl = memchr(in + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - in) : len;
		size_t e = end;
		if (nl && e > pos && in[e - 1] == '\r')
			e--;
		clean_line(in + pos, e - pos, out, out_len, out_cap);
		if (nl)
			append_bytes(out, out_len, out_cap, "\n", 1);
		pos = nl ? end + 1 : len;
	}
	if (!*out)
		append_bytes(out, out_len, out_cap, "", 0);
}

char *text_clean(const char *in, size_t len, size_t *out_len)
{
	char *out = NULL;
	size_t olen = 0, cap = 0;
	text_clean_append(in, len, &out, &olen, &cap);
	if (out_len)
		*out_len = olen;
	return out;
}

static bool is_bidi_control(int32_t cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

bool text_is_unsafe(int32_t cp)
{
	if (cp < 0x20 || cp == 0x7F)
		return true;
	if (cp < 0x7F)
		return false;
	if (cp <= 0x9F)
		return true;
	if (is_bidi_control(cp) || cp == 0x2028 || cp == 0x2029)
		return true;
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_CN || c == UTF8PROC_CATEGORY_CS || c == UTF8PROC_CATEGORY_CC;
}

const char *text_visible(int32_t cp, char buf[TEXT_VIS_MAX])
{
	if (!text_is_unsafe(cp))
		return NULL;
	if (cp < 0x20) {
		buf[0] = '^';
		buf[1] = (char)(cp + 0x40);
		buf[2] = '\0';
	} else if (cp == 0x7F) {
		memcpy(buf, "^?", 3);
	} else {
		snprintf(buf, TEXT_VIS_MAX, "<U+%04X>", (unsigned)cp & 0x1FFFFFu);
	}
	return buf;
}

static int cp_width_compute(int32_t cp)
{
	char vis[TEXT_VIS_MAX];
	const char *v = text_visible(cp, vis);
	if (v)
		return (int)strlen(v);
	int w = utf8proc_charwidth(cp);
	return w < 0 ? 1 : w;
}

/* Wrapping asks for the width of every cluster: the answers (utf8proc's)
 * are cached for the BMP, as width + 1 (0: not known yet). */
int text_cp_width(int32_t cp)
{
	static unsigned char cache[0x10000];
	if (cp < 0 || cp >= 0x10000)
		return cp_width_compute(cp);
	if (!cache[cp])
		cache[cp] = (unsigned char)(cp_width_compute(cp) + 1);
	return cache[cp] - 1;
}

bool text_is_word_cp_utf8(int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return true;
	default:
		return false;
	}
}

bool text_is_space(int32_t cp)
{
	if (cp == ' ' || (cp >= '\t' && cp <= '\r'))
		return true;
	return cp > 0x7F && utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

char *text_sanitize(const char *s, size_t len, bool keep_newlines)
{
	struct buf b = {0};
	buf_reserve(&b, len);
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7F) {
			buf_addc(&b, (char)c);
			i++;
			continue;
		}
		int32_t cp;
		size_t n = text_decode(s + i, len - i, &cp);
		char vis[TEXT_VIS_MAX];
		const char *v = text_visible(cp, vis);
		if (keep_newlines && (cp == '\n' || cp == '\t'))
			v = NULL;
		if (v)
			buf_adds(&b, v);
		else {
			char enc[4];
			buf_add(&b, enc, text_encode(cp, enc));
		}
		i += n;
	}
	return buf_detach(&b);
}

size_t text_cluster_end(const char *s, size_t len, size_t pos)
{
	int32_t prev;
	size_t i = pos + text_decode(s + pos, len - pos, &prev);
	/* fast path: ASCII followed by ASCII always breaks (except CR LF) */
	if (prev < 0x80 && prev != '\r' && (i >= len || (unsigned char)s[i] < 0x80))
		return i;
	/* and a code point other than a Prepend one followed by printable
	 * ASCII: no other rule of UAX #29 joins them (printable ASCII is never
	 * Extend, SpacingMark, ZWJ, a Hangul jamo, a regional indicator or LF) */
	if (i < len && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F &&
	    (prev < 0x600 ||
	     utf8proc_get_property(prev)->boundclass != UTF8PROC_BOUNDCLASS_PREPEND))
		return i;
	utf8proc_int32_t state = 0;
	while (i < len) {
		int32_t cp;
		size_t n = text_decode(s + i, len - i, &cp);
		if (text_is_unsafe(prev) || text_is_unsafe(cp) ||
		    utf8proc_grapheme_break_stateful(prev, cp, &state))
			break;
		prev = cp;
		i += n;
	}
	return i;
}

static int cluster_width_of(int32_t cp)
{
	int w = text_cp_width(cp);
	if (w == 0) {
		utf8proc_category_t c = utf8proc_category(cp);
		if (c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_ME ||
		    c == UTF8PROC_CATEGORY_MC)
			return 1;
	}
	return w;
}

int text_cluster_width(const char *s, size_t pos, size_t end)
{
	static unsigned char cache[0x10000]; /* width + 1, 0: not known yet */
	int32_t cp;
	text_decode(s + pos, end - pos, &cp);
	if (cp < 0x7F && cp >= 0x20)
		return 1;
	if (cp < 0 || cp >= 0x10000)
		return cluster_width_of(cp);
	if (!cache[cp])
		cache[cp] = (unsigned char)(cluster_width_of(cp) + 1);
	return cache[cp] - 1;
}

size_t text_width(const char *s, size_t len)
{
	size_t w = 0;
	for (size_t i = 0; i < len;) {
		size_t e = text_cluster_end(s, len, i);
		w += (size_t)text_cluster_width(s, i, e);
		i = e;
	}
	return w;
}

size_t text_fit(const char *s, size_t len, size_t cols, size_t *used_cols)
{
	size_t w = 0, i = 0;
	while (i < len) {
		size_t e = text_cluster_end(s, len, i);
		size_t cw = (size_t)text_cluster_width(s, i, e);
		if (w + cw > cols)
			break;
		w += cw;
		i = e;
	}
	if (used_cols)
		*used_cols = w;
	return i;
}

int32_t text_fold_cp(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp;
	utf8proc_int32_t d[4];
	int bc = 0;
	utf8proc_ssize_t n = utf8proc_decompose_char(
	    cp, d, 4, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD,
	    &bc);
	return n == 1 ? d[0] : cp;
}

char *text_casefold(const char *s, size_t len, size_t *out_len)
{
	size_t clen;
	char *clean = text_clean(s, len, &clen);
	utf8proc_uint8_t *res = NULL;
	utf8proc_ssize_t n =
	    utf8proc_map((const utf8proc_uint8_t *)clean, (utf8proc_ssize_t)clen, &res,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
	if (n < 0) {
		if (out_len)
			*out_len = clen;
		return clean;
	}
	free(clean);
	if (out_len)
		*out_len = (size_t)n;
	return (char *)res;
}

/* ------------------------------------------------------------- the fold */

/* What a code point is for comparison's sake before any NFKC: ' ' for
 * white space, '\'' or '"' for typographic quotes and primes, '-' for dashes
 * and minus, 0 for none of these. Decided on utf8proc categories, with the
 * few characters whose category does not say which quote they are. */
static char fold_class_lookup(int32_t cp)
{
	if (cp == '\n' || text_is_space(cp))
		return ' ';
	if (cp < 0x80)
		return 0;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		return ' ';
	case UTF8PROC_CATEGORY_PD:
		return '-';
	case UTF8PROC_CATEGORY_PI:
	case UTF8PROC_CATEGORY_PF:
		/* single quotation marks and single guillemets; the rest
		 * (double quotes, guillemets) read as a double quote */
		if (cp == 0x2018 || cp == 0x2019 || cp == 0x201A || cp == 0x201B || cp == 0x2039 ||
		    cp == 0x203A)
			return '\'';
		return '"';
	default:
		break;
	}
	if (cp == 0x2032 || cp == 0x201B || cp == 0xFF07) /* prime, full-width apostrophe */
		return '\'';
	if (cp == 0x2033 || cp == 0x201E || cp == 0x201F ||
	    cp == 0xFF02) /* double prime, low quotes */
		return '"';
	if (cp == 0x2212 || cp == 0xFF0D) /* minus sign (Sm), full-width hyphen-minus */
		return '-';
	return 0;
}

/* Per code point of the Basic Multilingual Plane, what folding it gives,
 * found once (two utf8proc look-ups per character were most of folding a
 * long text): 0 not asked yet, 1 a class of fold_class_lookup (in cls), 2
 * itself, 3 one other code point (in one), 4 several. */
struct fold_known {
	unsigned char kind[2][0x10000];
	char cls[0x10000];
	int32_t one[2][0x10000];
};
static struct fold_known *known;

/* NFKC (with case folding when fc) of the single code point cp into out
 * (TEXT_FOLD_CP_MAX bytes); returns its length, 0 when utf8proc fails. */
static size_t nfkc_cp(int32_t cp, bool fc, char *out)
{
	char in[4];
	size_t n = text_encode(cp, in);
	utf8proc_uint8_t *res = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)n, &res,
					  UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
					      (fc ? UTF8PROC_CASEFOLD : 0));
	size_t len = 0;
	if (r > 0 && (size_t)r <= TEXT_FOLD_CP_MAX) {
		len = (size_t)r;
		memcpy(out, res, len);
	}
	free(res);
	return len;
}

static void fold_learn(int32_t cp, int fc)
{
	if (!known)
		known = xcalloc(1, sizeof *known);
	char c = fold_class_lookup(cp);
	if (c) {
		known->kind[fc][cp] = 1;
		known->cls[cp] = c;
		return;
	}
	char out[TEXT_FOLD_CP_MAX];
	size_t n = nfkc_cp(cp, fc, out);
	int32_t d = 0;
	if (n == 0 || (text_decode(out, n, &d) == n && d == cp)) {
		known->kind[fc][cp] = 2;
	} else if (text_decode(out, n, &d) == n) {
		known->kind[fc][cp] = 3;
		known->one[fc][cp] = d;
	} else {
		known->kind[fc][cp] = 4;
	}
}

size_t text_fold_cp_into(int32_t cp, unsigned flags, char *out, bool *same)
{
	int fc = (flags & TEXT_FOLD_CASE) != 0;
	*same = false;
	if (cp < 0x80) {
		char c = fold_class_lookup(cp);
		if (!c)
			c = fc && cp >= 'A' && cp <= 'Z' ? (char)(cp - 'A' + 'a') : (char)cp;
		*same = c == (char)cp;
		out[0] = c;
		return 1;
	}
	if (cp >= 0x10000) {
		char c = fold_class_lookup(cp);
		if (c) {
			out[0] = c;
			return 1;
		}
		size_t n = nfkc_cp(cp, fc, out);
		if (n)
			return n;
		*same = true;
		return text_encode(cp, out);
	}
	if (!known || !known->kind[fc][cp])
		fold_learn(cp, fc);
	switch (known->kind[fc][cp]) {
	case 1:
		out[0] = known->cls[cp];
		return 1;
	case 3:
		return text_encode(known->one[fc][cp], out);
	case 4: {
		size_t n = nfkc_cp(cp, fc, out);
		if (n)
			return n;
	} /* fall through */
	default:
		*same = true;
		return text_encode(cp, out);
	}
}

void text_fold_init(struct text_fold *f, unsigned flags, bool map)
{
	memset(f, 0, sizeof *f);
	f->flags = flags;
	f->map = map;
	f->s = xmalloc(1);
	f->s[0] = '\0';
	f->cap = 1;
}

void text_fold_reset(struct text_fold *f)
{
	f->len = 0;
	f->s[0] = '\0';
	f->nseg = 0;
	f->last_space = false;
}

void text_fold_free(struct text_fold *f)
{
	free(f->s);
	free(f->seg);
	memset(f, 0, sizeof *f);
}

/* Append bytes standing for display [from, to); linear: byte for byte. */
static void fold_put(struct text_fold *f, const char *bytes, size_t n, size_t from, size_t to,
		     bool linear)
{
	GROW(f->s, f->cap, size_add(size_add(f->len, n), 1));
	if (f->map) {
		const struct text_fold_seg *last = f->nseg ? &f->seg[f->nseg - 1] : NULL;
		if (!linear || !last || last->dend || last->d + (f->len - last->n) != from) {
			GROW(f->seg, f->segcap, f->nseg + 1);
			f->seg[f->nseg].n = (uint32_t)f->len;
			f->seg[f->nseg].d = (uint32_t)from;
			f->seg[f->nseg].dend = linear ? 0 : (uint32_t)to;
			f->nseg++;
		}
	}
	memcpy(f->s + f->len, bytes, n);
	f->len += n;
	f->s[f->len] = '\0';
}

/* bytes a code point takes in UTF-8 */
static size_t utf8_len(int32_t cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

void text_fold_append(struct text_fold *f, const char *s, size_t from, size_t to)
{
	bool fc = (f->flags & TEXT_FOLD_CASE) != 0;
	for (size_t i = from; i < to;) {
		/* most of a text is kept as it is (or only loses its capitals):
		 * find such a run and copy it at once */
		size_t j = i;
		while (j < to) {
			unsigned char b = (unsigned char)s[j];
			if (b < 0x80) {
				/* a lone space is its own fold: it stays in the run
				 * (only a second one, or another space character,
				 * needs folding) */
				if (b == ' ') {
					if (j > i ? s[j - 1] == ' ' : f->last_space)
						break;
				} else if (b < 0x20 || b == 0x7F) {
					if (fold_class_lookup(b))
						break;
				}
				j++;
				continue;
			}
			int32_t cp;
			size_t k = text_decode(s + j, to - j, &cp);
			char out[TEXT_FOLD_CP_MAX];
			bool same;
			text_fold_cp_into(cp, f->flags, out, &same);
			if (!same || utf8_len(cp) != k)
				break;
			j += k;
		}
		if (j > i) {
			size_t at = f->len;
			fold_put(f, s + i, j - i, i, j, true);
			if (fc)
				for (size_t x = at; x < f->len; x++)
					if (f->s[x] >= 'A' && f->s[x] <= 'Z')
						f->s[x] = (char)(f->s[x] - 'A' + 'a');
			f->last_space = s[j - 1] == ' ';
			i = j;
			continue;
		}
		int32_t cp;
		size_t k = text_decode(s + i, to - i, &cp);
		char out[TEXT_FOLD_CP_MAX];
		bool same;
		size_t n = text_fold_cp_into(cp, f->flags, out, &same);
		if (n == 1 && out[0] == ' ') {
			if (!f->last_space)
				fold_put(f, " ", 1, i, i + k, k == 1);
			f->last_space = true;
		} else {
			/* byte for byte only when one code point of the same length
			 * stands for one (the map relies on character starts) */
			int32_t d;
			bool linear = n == k && text_decode(out, n, &d) == n;
			fold_put(f, out, n, i, i + k, linear);
			f->last_space = false;
		}
		i += k;
	}
}

char *text_fold_string(const char *s, size_t len, unsigned flags, size_t *out_len)
{
	size_t clen;
	char *clean = text_clean(s, len, &clen);
	struct text_fold f;
	text_fold_init(&f, flags, false);
	text_fold_append(&f, clean, 0, clen);
	free(clean);
	if (out_len)
		*out_len = f.len;
	return f.s;
}

static bool is_cont_byte(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

/* the break that folded offset i (< len) lies in */
static size_t fold_seg_of(const struct text_fold *f, size_t i)
{
	size_t lo = 0, hi = f->nseg;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->seg[mid].n <= i)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static size_t fold_seg_end(const struct text_fold *f, size_t k)
{
	return k + 1 < f->nseg ? f->seg[k + 1].n : f->len;
}

size_t text_fold_start(const struct text_fold *f, size_t i)
{
	if (!f->nseg)
		return 0;
	size_t k = fold_seg_of(f, i);
	const struct text_fold_seg *g = &f->seg[k];
	if (g->dend)
		return g->d;
	while (i > g->n && is_cont_byte(f->s[i]))
		i--;
	return g->d + (i - g->n);
}

size_t text_fold_end(const struct text_fold *f, size_t i)
{
	if (!f->nseg)
		return 0;
	size_t k = fold_seg_of(f, i);
	const struct text_fold_seg *g = &f->seg[k];
	if (g->dend)
		return g->dend;
	size_t e = fold_seg_end(f, k);
	i++;
	while (i < e && is_cont_byte(f->s[i]))
		i++;
	return g->d + (i - g->n);
}

size_t text_fold_of(const struct text_fold *f, size_t off)
{
	size_t lo = 0, hi = f->nseg;
	while (lo < hi) { /* first break starting at or after off */
		size_t mid = lo + (hi - lo) / 2;
		if (f->seg[mid].d < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return f->nseg ? f->seg[0].n : f->len;
	const struct text_fold_seg *g = &f->seg[lo - 1];
	size_t e = fold_seg_end(f, lo - 1);
	if (g->dend)
		return e;
	size_t i = g->n + (off - g->d);
	if (i >= e)
		return e;
	while (i < e && is_cont_byte(f->s[i]))
		i++;
	return i;
}
