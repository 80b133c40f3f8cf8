/* markdown: renders Markdown into display text for reading. Block structure
 * (headings, paragraphs, lists, quotes, fenced code, rules, tables) is handled
 * chunk by chunk (a chunk ends at a blank line outside a fence) so articles
 * load incrementally; inline syntax (emphasis, code, links, autolinks,
 * escapes, entities) is rendered in time linear in the paragraph: a closer
 * that was not found once is never looked for again. */
#include "crossread/doc/markdown.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/doc/article.h"
#include "crossread/base/text.h"
#include "crossread/base/util.h"

/* a chunk longer than this is cut at a line end, so loading stays incremental */
#define CHUNK_MAX    ((size_t)1 << 20)
#define INLINE_DEPTH 16

/* md_state: 0, or an open code fence: (fence char << 8) | fence length */

static size_t line_end(const char *s, size_t len, size_t pos)
{
	const char *nl = memchr(s + pos, '\n', len - pos);
	return nl ? (size_t)(nl - s) : len;
}

static bool is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

static size_t indent_of(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	return i;
}

/* ``` or ~~~ (at least 3), returning its char and length */
static bool fence_open(const char *s, size_t n, char *ch, size_t *flen)
{
	size_t i = indent_of(s, n);
	if (i > 3 || i >= n || (s[i] != '`' && s[i] != '~'))
		return false;
	size_t k = i;
	while (k < n && s[k] == s[i])
		k++;
	if (k - i < 3)
		return false;
	if (s[i] == '`' && memchr(s + k, '`', n - k))
		return false;
	*ch = s[i];
	*flen = k - i;
	return true;
}

static bool fence_close(const char *s, size_t n, int state)
{
	char ch = (char)(state >> 8);
	size_t need = (size_t)(state & 0xFF);
	size_t i = indent_of(s, n);
	if (i > 3)
		return false;
	size_t k = i;
	while (k < n && s[k] == ch)
		k++;
	return k - i >= need && is_blank(s + k, n - k);
}

static int fence_state(char ch, size_t flen)
{
	return ((int)(unsigned char)ch << 8) | (int)(flen > 255 ? 255 : flen);
}

size_t md_block_end(const char *src, size_t len, size_t pos, int *state)
{
	int st = *state;
	size_t start = pos;
	bool seen_text = false;
	while (pos < len) {
		size_t e = line_end(src, len, pos);
		size_t next = e < len ? e + 1 : len;
		const char *l = src + pos;
		size_t n = e - pos;
		if (st) {
			if (fence_close(l, n, st))
				st = 0;
			seen_text = true;
		} else if (is_blank(l, n)) {
			if (seen_text) {
				/* take the blank lines that follow too */
				while (next < len) {
					size_t e2 = line_end(src, len, next);
					if (!is_blank(src + next, e2 - next))
						break;
					next = e2 < len ? e2 + 1 : len;
				}
				return next;
			}
		} else {
			char ch;
			size_t flen;
			if (fence_open(l, n, &ch, &flen))
				st = fence_state(ch, flen);
			seen_text = true;
		}
		pos = next;
		if (pos - start >= CHUNK_MAX)
			return pos;
	}
	return pos;
}

/* ---- inline ---- */

struct inl {
	struct article *a;
	/* memo of closers known to be absent after a position: once a search
	 * from i failed, every later search fails too */
	bool no_emph[2][4]; /* [char is '_'][run length] */
	bool no_code[33];   /* backtick run lengths */
	/* every '[' and '(' of the text this inl renders, with the ']' or ')'
	 * that closes it (nesting counted, as CommonMark's bracket stack has
	 * it), found in one pass the first time a link is looked for; offsets
	 * from base */
	const char *base;
	struct opener *open;
	size_t nopen;
	bool matched;
};

struct opener {
	uint32_t pos, close; /* close: UINT32_MAX when nothing closes it */
};

static bool is_punct(unsigned char c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
	       (c >= '{' && c <= '~');
}

static bool is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c >= 0x80;
}

static void render(struct inl *in, const char *s, size_t n, unsigned style, int depth);

static size_t run_len(const char *s, size_t n, size_t i, char c)
{
	size_t k = i;
	while (k < n && s[k] == c)
		k++;
	return k - i;
}

/* closing emphasis run of char c and length k at or after from */
static size_t find_emph_close(const char *s, size_t n, size_t from, char c, size_t k)
{
	for (size_t i = from; i < n; i++) {
		if (s[i] == '\\') {
			i++;
			continue;
		}
		if (s[i] != c)
			continue;
		size_t r = run_len(s, n, i, c);
		if (r == k && i > 0 && s[i - 1] != ' ' && s[i - 1] != '\t' &&
		    (c != '_' || i + r >= n || !is_alnum((unsigned char)s[i + r])))
			return i;
		i += r - 1;
	}
	return n;
}

static size_t find_code_close(const char *s, size_t n, size_t from, size_t k)
{
	for (size_t i = from; i < n; i++) {
		if (s[i] != '`')
			continue;
		size_t r = run_len(s, n, i, '`');
		if (r == k)
			return i;
		i += r - 1;
	}
	return n;
}

static bool put_entity(struct inl *in, const char *s, size_t n, size_t *i, unsigned style)
{
	static const struct {
		const char *name;
		const char *text;
	} ents[] = {{"amp", "&"},	 {"lt", "<"},	      {"gt", ">"},
		    {"quot", "\""},	 {"apos", "'"},	      {"nbsp", "\u00a0"},
		    {"mdash", "\u2014"}, {"ndash", "\u2013"}, {"hellip", "\u2026"},
		    {"lsquo", "\u2018"}, {"rsquo", "\u2019"}, {"ldquo", "\u201c"},
		    {"rdquo", "\u201d"}, {"copy", "\u00a9"}};
	size_t j = *i + 1, k = j;
	while (k < n && k - j < 10 && s[k] != ';' && (is_alnum((unsigned char)s[k]) || s[k] == '#'))
		k++;
	if (k >= n || s[k] != ';' || k == j)
		return false;
	size_t len = k - j;
	if (s[j] == '#') {
		long v;
		char *endp;
		char num[12];
		if (len < 2 || len > 9)
			return false;
		bool hex = s[j + 1] == 'x' || s[j + 1] == 'X';
		memcpy(num, s + j + 1 + hex, len - 1 - hex);
		num[len - 1 - hex] = '\0';
		v = strtol(num, &endp, hex ? 16 : 10);
		if (*endp || !*num || v <= 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
			return false;
		char enc[4];
		article_put(in->a, enc, text_encode((int32_t)v, enc), style);
		*i = k + 1;
		return true;
	}
	for (size_t e = 0; e < sizeof ents / sizeof ents[0]; e++) {
		if (strlen(ents[e].name) == len && !memcmp(ents[e].name, s + j, len)) {
			article_put(in->a, ents[e].text, strlen(ents[e].text), style);
			*i = k + 1;
			return true;
		}
	}
	return false;
}

/* one pass over s[0..n): each opener and what closes it (two stacks) */
static void match_openers(struct inl *in, const char *s, size_t n)
{
	size_t cap = 0, *stack[2] = {NULL, NULL}, depth[2] = {0, 0}, scap[2] = {0, 0};
	in->base = s;
	in->matched = true;
	for (size_t i = 0; i < n && i < UINT32_MAX; i++) {
		char c = s[i];
		if (c == '\\') {
			i++;
		} else if (c == '[' || c == '(') {
			int k = c == '(';
			GROW(in->open, cap, in->nopen + 1);
			in->open[in->nopen] = (struct opener){(uint32_t)i, UINT32_MAX};
			GROW(stack[k], scap[k], depth[k] + 1);
			stack[k][depth[k]++] = in->nopen++;
		} else if ((c == ']' || c == ')') && depth[c == ')']) {
			int k = c == ')';
			in->open[stack[k][--depth[k]]].close = (uint32_t)i;
		}
	}
	free(stack[0]);
	free(stack[1]);
}

/* the closer of the opener at s[at] within s[0..n), or n if none */
static size_t close_of(struct inl *in, const char *s, size_t n, size_t at)
{
	size_t off = (size_t)(s - in->base), abs = off + at;
	size_t lo = 0, hi = in->nopen;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (in->open[mid].pos < abs)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= in->nopen || in->open[lo].pos != abs || in->open[lo].close == UINT32_MAX ||
	    in->open[lo].close >= off + n)
		return n;
	return in->open[lo].close - off;
}

/* [text](url) or [text][ref] or ![alt](url) at s[i] == '['; returns false
 * if it is no link */
static bool put_link(struct inl *in, const char *s, size_t n, size_t *i, unsigned style, int depth,
		     bool image)
{
	if (!in->matched)
		match_openers(in, s, n);
	size_t close = close_of(in, s, n, *i);
	if (close >= n)
		return false;
	size_t after = close + 1;
	if (after < n && (s[after] == '(' || s[after] == '[')) {
		size_t aclose = close_of(in, s, n, after);
		if (aclose >= n)
			return false;
		after = aclose + 1;
	} else {
		return false;
	}
	if (image) {
		if (close > *i + 1) {
			article_put(in->a, "[image: ", 8, style | TS_LINK);
			render(in, s + *i + 1, close - *i - 1, style | TS_LINK, depth + 1);
			article_put(in->a, "]", 1, style | TS_LINK);
		}
	} else {
		render(in, s + *i + 1, close - *i - 1, style | TS_LINK, depth + 1);
	}
	*i = after;
	return true;
}

static bool put_autolink(struct inl *in, const char *s, size_t n, size_t *i, unsigned style)
{
	size_t j = *i + 1;
	while (j < n && j - *i < 2048 && s[j] != '>' && s[j] != ' ' && s[j] != '<' && s[j] != '\n')
		j++;
	if (j >= n || s[j] != '>')
		return false;
	const char *inner = s + *i + 1;
	size_t len = j - *i - 1;
	const char *colon = memchr(inner, ':', len);
	const char *at = memchr(inner, '@', len);
	if (!(colon && colon > inner) && !at)
		return false;
	article_put(in->a, inner, len, style | TS_LINK);
	*i = j + 1;
	return true;
}

/* bytes that may start inline syntax (NUL too, as strchr found it) */
static const bool inline_special[256] = {
    ['\0'] = true, ['\\'] = true, ['`'] = true, ['*'] = true, ['_'] = true,
    ['['] = true,  ['!'] = true,  ['<'] = true, ['&'] = true, ['\n'] = true,
};

static void render(struct inl *in, const char *s, size_t n, unsigned style, int depth)
{
	size_t i = 0;
	while (i < n) {
		size_t plain = i;
		while (plain < n && !inline_special[(unsigned char)s[plain]])
			plain++;
		if (plain > i) {
			article_put(in->a, s + i, plain - i, style);
			i = plain;
			continue;
		}
		char c = s[i];
		if (c == '\n') {
			article_newline(in->a);
			i++;
		} else if (c == '\\' && i + 1 < n && is_punct((unsigned char)s[i + 1])) {
			article_put(in->a, s + i + 1, 1, style);
			i += 2;
		} else if (c == '`') {
			size_t k = run_len(s, n, i, '`');
			size_t close = n;
			if (k <= 32 && !in->no_code[k]) {
				close = find_code_close(s, n, i + k, k);
				if (close >= n)
					in->no_code[k] = true;
			}
			if (close < n) {
				size_t b = i + k, e = close;
				if (e - b >= 2 && s[b] == ' ' && s[e - 1] == ' ') {
					b++;
					e--;
				}
				article_put(in->a, s + b, e - b, style | TS_CODE);
				i = close + k;
			} else {
				article_put(in->a, s + i, k, style);
				i += k;
			}
		} else if (c == '*' || c == '_') {
			size_t k = run_len(s, n, i, c);
			bool us = c == '_';
			bool can_open = k <= 3 && depth < INLINE_DEPTH && i + k < n &&
					s[i + k] != ' ' && s[i + k] != '\t' &&
					!(us && i > 0 && is_alnum((unsigned char)s[i - 1]));
			size_t close = n;
			if (can_open && !in->no_emph[us][k]) {
				close = find_emph_close(s, n, i + k + 1, c, k);
				if (close >= n)
					in->no_emph[us][k] = true;
			}
			if (can_open && close < n) {
				unsigned add = k == 1	? TS_EMPH
					       : k == 2 ? TS_STRONG
							: TS_EMPH | TS_STRONG;
				struct inl sub = {.a = in->a};
				render(&sub, s + i + k, close - i - k, style | add, depth + 1);
				free(sub.open);
				i = close + k;
			} else {
				article_put(in->a, s + i, k, style);
				i += k;
			}
		} else if (c == '[' && depth < INLINE_DEPTH &&
			   put_link(in, s, n, &i, style, depth, false)) {
			/* rendered */
		} else if (c == '!' && i + 1 < n && s[i + 1] == '[' && depth < INLINE_DEPTH) {
			size_t j = i + 1;
			if (put_link(in, s, n, &j, style, depth, true))
				i = j;
			else {
				article_put(in->a, "!", 1, style);
				i++;
			}
		} else if (c == '<' && put_autolink(in, s, n, &i, style)) {
			/* rendered */
		} else if (c == '&' && put_entity(in, s, n, &i, style)) {
			/* rendered */
		} else {
			article_put(in->a, s + i, 1, style);
			i++;
		}
	}
}

void md_render_inline(struct article *a, const char *src, size_t len, unsigned base_style)
{
	struct inl in = {.a = a};
	render(&in, src, len, base_style, 0);
	free(in.open);
}

/* ---- blocks ---- */

enum blk { B_NONE, B_PARA, B_ITEM, B_QUOTE, B_TABLE };

struct blkctx {
	struct article *a;
	struct buf para;
	enum blk kind, prev;
	char marker[16];
};

static void start_display(struct blkctx *c, enum blk kind)
{
	if ((kind == B_ITEM || kind == B_TABLE) && c->prev == kind)
		article_newline(c->a);
	else
		article_begin_block(c->a);
	c->prev = kind;
}

static void flush(struct blkctx *c)
{
	if (c->kind == B_NONE)
		return;
	/* trailing hard-break markers mean nothing at the end */
	while (c->para.len && c->para.s[c->para.len - 1] == '\n')
		c->para.s[--c->para.len] = '\0';
	start_display(c, c->kind);
	if (c->kind == B_ITEM)
		article_put(c->a, c->marker, strlen(c->marker), 0);
	md_render_inline(c->a, c->para.s ? c->para.s : "", c->para.len,
			 c->kind == B_QUOTE ? TS_QUOTE : 0);
	c->para.len = 0;
	c->kind = B_NONE;
}

static void para_add(struct blkctx *c, enum blk kind, const char *s, size_t n)
{
	if (c->kind != kind && !(c->kind == B_ITEM && kind == B_PARA)) {
		flush(c);
		c->kind = kind;
	}
	if (c->para.len) {
		/* a hard break: two trailing spaces or a backslash */
		size_t L = c->para.len;
		if (L >= 2 && c->para.s[L - 1] == ' ' && c->para.s[L - 2] == ' ') {
			while (c->para.len && c->para.s[c->para.len - 1] == ' ')
				c->para.len--;
			buf_addc(&c->para, '\n');
		} else if (c->para.s[L - 1] == '\\') {
			c->para.s[L - 1] = '\n';
		} else {
			buf_addc(&c->para, ' ');
		}
	}
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	buf_add(&c->para, s + i, n - i);
}

static bool is_rule(const char *s, size_t n, char *which)
{
	size_t i = indent_of(s, n), count = 0;
	if (i > 3 || i >= n || !strchr("-*_=", s[i]))
		return false;
	char ch = s[i];
	for (; i < n; i++) {
		if (s[i] == ch)
			count++;
		else if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	}
	*which = ch;
	return count >= 3 || (ch == '=' && count >= 1);
}

static size_t list_marker(const char *s, size_t n, char *marker)
{
	size_t i = indent_of(s, n);
	if (i + 1 < n && strchr("-*+", s[i]) && (s[i + 1] == ' ' || s[i + 1] == '\t')) {
		strcpy(marker, "\u2022 ");
		return i + 2;
	}
	size_t d = i;
	while (d < n && d - i < 9 && s[d] >= '0' && s[d] <= '9')
		d++;
	if (d > i && d + 1 < n && (s[d] == '.' || s[d] == ')') && s[d + 1] == ' ') {
		memcpy(marker, s + i, d - i + 1);
		marker[d - i + 1] = ' ';
		marker[d - i + 2] = '\0';
		return d + 2;
	}
	return 0;
}

static void heading(struct blkctx *c, const char *s, size_t n)
{
	size_t i = indent_of(s, n);
	while (i < n && s[i] == '#')
		i++;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	size_t e = n;
	while (e > i && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	size_t h = e;
	while (h > i && s[h - 1] == '#')
		h--;
	if (h < e && (h == i || s[h - 1] == ' '))
		e = h;
	while (e > i && s[e - 1] == ' ')
		e--;
	flush(c);
	start_display(c, B_PARA);
	md_render_inline(c->a, s + i, e - i, TS_HEADING);
}

static bool is_atx(const char *s, size_t n)
{
	size_t i = indent_of(s, n);
	if (i > 3)
		return false;
	size_t k = run_len(s, n, i, '#');
	return k >= 1 && k <= 6 && (i + k == n || s[i + k] == ' ' || s[i + k] == '\t');
}

void md_render_block(struct article *a, const char *src, size_t len, int *state)
{
	struct blkctx c = {.a = a};
	size_t pos = 0;
	while (pos < len) {
		size_t e = line_end(src, len, pos);
		const char *l = src + pos;
		size_t n = e - pos;
		pos = e < len ? e + 1 : len;
		if (*state) {
			if (fence_close(l, n, *state)) {
				*state = 0;
				c.prev = B_NONE;
			} else {
				if (c.prev == B_TABLE + 1)
					article_newline(a);
				else {
					start_display(&c, B_PARA);
					c.prev = (enum blk)(B_TABLE + 1); /* inside code */
				}
				article_put(a, l, n, TS_CODE);
			}
			continue;
		}
		if (is_blank(l, n)) {
			flush(&c);
			continue;
		}
		char ch, rule;
		size_t flen, body;
		char marker[16];
		if (fence_open(l, n, &ch, &flen)) {
			flush(&c);
			*state = fence_state(ch, flen);
			c.prev = B_NONE;
		} else if (is_atx(l, n)) {
			heading(&c, l, n);
		} else if (is_rule(l, n, &rule)) {
			if (c.kind == B_PARA && (rule == '=' || rule == '-')) {
				/* setext heading: the paragraph so far is its text */
				struct buf t = c.para;
				c.para = (struct buf){0};
				c.kind = B_NONE;
				start_display(&c, B_PARA);
				md_render_inline(a, t.s ? t.s : "", t.len, TS_HEADING);
				buf_free(&t);
			} else if (rule == '=') {
				para_add(&c, B_PARA, l, n);
			} else {
				flush(&c);
				start_display(&c, B_PARA);
				article_put(a, "\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500",
					    24, TS_RULE);
			}
		} else if (indent_of(l, n) <= 3 && l[indent_of(l, n)] == '>') {
			size_t i = indent_of(l, n) + 1;
			if (i < n && l[i] == ' ')
				i++;
			if (c.kind != B_QUOTE)
				flush(&c);
			if (is_blank(l + i, n - i))
				flush(&c);
			else
				para_add(&c, B_QUOTE, l + i, n - i);
		} else if ((body = list_marker(l, n, marker)) > 0) {
			flush(&c);
			strcpy(c.marker, marker);
			c.kind = B_ITEM;
			para_add(&c, B_ITEM, l + body, n - body);
		} else if (l[indent_of(l, n)] == '|') {
			flush(&c);
			c.kind = B_TABLE;
			para_add(&c, B_TABLE, l, n);
			flush(&c);
		} else {
			para_add(&c, c.kind == B_ITEM || c.kind == B_QUOTE ? c.kind : B_PARA, l, n);
		}
	}
	flush(&c);
	buf_free(&c.para);
}
