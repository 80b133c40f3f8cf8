/* markdown: renders Markdown into display text for reading, through md4c
 * (CommonMark: headings, paragraphs, nested lists and quotes, fenced code,
 * rules, tables, emphasis, code, links, autolinks, escapes; HTML comments
 * and link reference definitions not shown), entities decoded with
 * libxml2's HTML entity table. The source is cut into chunks here (a chunk
 * ends at a blank line outside a fence) and each chunk given to md4c, so
 * articles load incrementally. */
/* memmem */
#define _GNU_SOURCE
#include "crossread/doc/markdown.h"

#include <libxml/HTMLparser.h>
#include <md4c.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/base/text.h"
#include "crossread/base/util.h"
#include "crossread/doc/article.h"

/* a chunk longer than this is cut at a line end, so loading stays incremental */
#define CHUNK_MAX ((size_t)1 << 20)
/* a chunk ends at the first blank line after this many bytes: md4c sees
 * many blocks at once (references and loose lists resolve within it, and
 * its per-call set-up is paid once a chunk) */
#define CHUNK_MIN ((size_t)16 << 10)
/* list nesting whose item numbers are kept */
#define LIST_MAX 32

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
			if (seen_text && pos - start >= CHUNK_MIN) {
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

/* ---- rendering a chunk through md4c ---- */

enum blk { B_NONE, B_PARA, B_ITEM, B_TABLE, B_CODE };

struct mdr {
	struct article *a;
	enum blk prev;
	int emph, strong, link, code, quote, heading;
	bool li_fresh;	      /* a list item's marker is out: its first paragraph follows it */
	bool code_nl;	      /* a code block's line break, written when more text follows */
	int img;	      /* inside an image (its text is the alt text) */
	bool img_open;	      /* "[image: " written for the image being read */
	bool first_cell;      /* the next table cell is the row's first */
	int code_block;	      /* inside a code or HTML block */
	bool html_pending;    /* an HTML block not shown yet (a comment is never) */
	bool html_skip;	      /* the HTML block being read is a comment */
	bool cr_sub;	      /* lone CRs were handed to md4c as CR_STANDIN */
	int ol_num[LIST_MAX]; /* next number per open list (0: bullets) */
	char ol_delim[LIST_MAX];
	int lists;
};

static unsigned mdr_style(const struct mdr *r)
{
	return (r->heading ? TS_HEADING : 0) | (r->emph ? TS_EMPH : 0) |
	       (r->strong ? TS_STRONG : 0) | (r->link || r->img ? TS_LINK : 0) |
	       (r->code ? TS_CODE : 0) | (r->quote ? TS_QUOTE : 0);
}

/* list items one a line, every other block after an empty line */
static void start_display(struct mdr *r, enum blk kind)
{
	if ((kind == B_ITEM || kind == B_TABLE) && r->prev == kind)
		article_newline(r->a);
	else
		article_begin_block(r->a);
	r->prev = kind;
}

static int on_enter_block(MD_BLOCKTYPE type, void *detail, void *u)
{
	struct mdr *r = u;
	switch (type) {
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		if (r->lists < LIST_MAX) {
			const MD_BLOCK_OL_DETAIL *ol = detail;
			r->ol_num[r->lists] = type == MD_BLOCK_OL ? (int)ol->start : 0;
			r->ol_delim[r->lists] = type == MD_BLOCK_OL ? ol->mark_delimiter : 0;
		}
		r->lists++;
		break;
	case MD_BLOCK_LI: {
		start_display(r, B_ITEM);
		int d = r->lists - 1;
		char marker[24];
		if (d >= 0 && d < LIST_MAX && r->ol_delim[d])
			snprintf(marker, sizeof marker, "%d%c ", r->ol_num[d]++, r->ol_delim[d]);
		else
			strcpy(marker, "\u2022 ");
		/* a nested item is indented two columns a level */
		for (int k = 1; k < r->lists && k < LIST_MAX; k++)
			article_put(r->a, "  ", 2, 0);
		article_put(r->a, marker, strlen(marker), 0);
		r->li_fresh = true;
		break;
	}
	case MD_BLOCK_P:
		if (r->li_fresh)
			r->li_fresh = false;
		else
			start_display(r, B_PARA);
		break;
	case MD_BLOCK_H:
		r->li_fresh = false;
		start_display(r, B_PARA);
		r->heading++;
		break;
	case MD_BLOCK_HR:
		r->li_fresh = false;
		start_display(r, B_PARA);
		article_put(r->a, "\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500", 24, TS_RULE);
		break;
	case MD_BLOCK_CODE:
		r->li_fresh = false;
		start_display(r, B_CODE);
		r->code_nl = false;
		r->code++;
		r->code_block++;
		break;
	case MD_BLOCK_HTML:
		r->code_nl = false;
		r->code_block++;
		r->html_pending = true;
		r->html_skip = false;
		break;
	case MD_BLOCK_QUOTE:
		r->quote++;
		break;
	case MD_BLOCK_TR:
		start_display(r, B_TABLE);
		r->first_cell = true;
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		article_put(r->a, r->first_cell ? "| " : " | ", r->first_cell ? 2 : 3, 0);
		r->first_cell = false;
		break;
	default:
		break;
	}
	return 0;
}

static int on_leave_block(MD_BLOCKTYPE type, void *detail, void *u)
{
	(void)detail;
	struct mdr *r = u;
	switch (type) {
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		r->lists--;
		break;
	case MD_BLOCK_LI:
		r->li_fresh = false;
		break;
	case MD_BLOCK_H:
		r->heading--;
		break;
	case MD_BLOCK_CODE:
		r->code--;
		r->code_block--;
		break;
	case MD_BLOCK_HTML:
		r->code_block--;
		r->html_pending = r->html_skip = false;
		break;
	case MD_BLOCK_QUOTE:
		r->quote--;
		break;
	case MD_BLOCK_TR:
		article_put(r->a, " |", 2, 0);
		break;
	default:
		break;
	}
	return 0;
}

static int on_enter_span(MD_SPANTYPE type, void *detail, void *u)
{
	(void)detail;
	struct mdr *r = u;
	switch (type) {
	case MD_SPAN_EM:
		r->emph++;
		break;
	case MD_SPAN_STRONG:
		r->strong++;
		break;
	case MD_SPAN_A:
		r->link++;
		break;
	case MD_SPAN_CODE:
		r->code++;
		break;
	case MD_SPAN_IMG:
		if (!r->img++)
			r->img_open = false;
		break;
	default:
		break;
	}
	return 0;
}

static int on_leave_span(MD_SPANTYPE type, void *detail, void *u)
{
	(void)detail;
	struct mdr *r = u;
	switch (type) {
	case MD_SPAN_EM:
		r->emph--;
		break;
	case MD_SPAN_STRONG:
		r->strong--;
		break;
	case MD_SPAN_A:
		r->link--;
		break;
	case MD_SPAN_CODE:
		r->code--;
		break;
	case MD_SPAN_IMG:
		if (!--r->img && r->img_open)
			article_put(r->a, "]", 1, mdr_style(r) | TS_LINK);
		break;
	default:
		break;
	}
	return 0;
}

/* A lone CR is a control character of the text (drawn as ^M), but md4c
 * would end a line there: it is handed over as a private-use character
 * the chunk does not hold, and turned back here. */
#define CR_STANDIN "\xEE\x80\x80" /* U+E000 */

static void put_text(struct mdr *r, const char *s, size_t n, unsigned style)
{
	while (r->cr_sub && n) {
		const char *c = memmem(s, n, CR_STANDIN, 3);
		if (!c)
			break;
		article_put(r->a, s, (size_t)(c - s), style);
		article_put(r->a, "\r", 1, style);
		n -= (size_t)(c - s) + 3;
		s = c + 3;
	}
	article_put(r->a, s, n, style);
}

/* &name; &#N; &#xN;: its character, or the text as it stands */
static void put_entity(struct mdr *r, const char *s, size_t n, unsigned style)
{
	char enc[4];
	if (n >= 4 && s[1] == '#') {
		bool hex = s[2] == 'x' || s[2] == 'X';
		long v = 0;
		for (size_t i = 2 + hex; i + 1 < n && v <= 0x10FFFF; i++) {
			int d = s[i] >= '0' && s[i] <= '9'	    ? s[i] - '0'
				: hex && s[i] >= 'a' && s[i] <= 'f' ? s[i] - 'a' + 10
				: hex && s[i] >= 'A' && s[i] <= 'F' ? s[i] - 'A' + 10
								    : -1;
			if (d < 0) {
				v = -1;
				break;
			}
			v = v * (hex ? 16 : 10) + d;
		}
		if (v > 0 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF)) {
			article_put(r->a, enc, text_encode((int32_t)v, enc), style);
			return;
		}
	} else if (n > 2 && n < 40) {
		char name[40];
		memcpy(name, s + 1, n - 2);
		name[n - 2] = '\0';
		const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
		if (e) {
			article_put(r->a, enc, text_encode((int32_t)e->value, enc), style);
			return;
		}
	}
	put_text(r, s, n, style);
}

/* text with line breaks (code and HTML blocks): a line of display text each */
static void put_lines(struct mdr *r, const char *s, size_t n, unsigned style)
{
	while (n) {
		if (r->code_nl) {
			article_newline(r->a);
			r->code_nl = false;
		}
		const char *nl = memchr(s, '\n', n);
		size_t w = nl ? (size_t)(nl - s) : n;
		put_text(r, s, w, style);
		if (!nl)
			break;
		r->code_nl = true;
		s += w + 1;
		n -= w + 1;
	}
}

static int on_text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *u)
{
	struct mdr *r = u;
	unsigned style = mdr_style(r);
	if (r->img && !r->img_open) {
		article_put(r->a, "[image: ", 8, style);
		r->img_open = true;
	}
	switch (type) {
	case MD_TEXT_SOFTBR:
		article_put(r->a, " ", 1, style);
		break;
	case MD_TEXT_BR:
		article_newline(r->a);
		break;
	case MD_TEXT_NULLCHAR:
		article_put(r->a, "\0", 1, style);
		break;
	case MD_TEXT_ENTITY:
		put_entity(r, s, n, style);
		break;
	case MD_TEXT_HTML:
		/* comments are the author's, not the reader's: an HTML block that
		 * opens with one is not shown, an inline one neither */
		if (r->html_pending) {
			r->html_pending = false;
			r->html_skip = n >= 4 && !memcmp(s, "<!--", 4);
			if (!r->html_skip) {
				r->li_fresh = false;
				start_display(r, B_CODE);
			}
		}
		if (r->html_skip || (!r->code_block && n >= 4 && !memcmp(s, "<!--", 4)))
			break;
		if (r->code_block)
			put_lines(r, s, n, style);
		else
			put_text(r, s, n, style);
		break;
	case MD_TEXT_CODE:
		if (r->code_block)
			put_lines(r, s, n, style);
		else
			put_text(r, s, n, style);
		break;
	default:
		put_text(r, s, n, style);
	}
	return 0;
}

void md_render_block(struct article *a, const char *src, size_t len, int *state)
{
	struct mdr r = {.a = a};
	size_t pos = 0;
	/* a chunk cut inside a fence (CHUNK_MAX): its first lines are code */
	if (*state) {
		bool first = true;
		while (pos < len) {
			size_t e = line_end(src, len, pos);
			size_t next = e < len ? e + 1 : len;
			if (fence_close(src + pos, e - pos, *state)) {
				*state = 0;
				pos = next;
				break;
			}
			if (first)
				article_begin_block(a);
			else
				article_newline(a);
			article_put(a, src + pos, e - pos, TS_CODE);
			first = false;
			pos = next;
		}
	}
	/* the state at the end of the chunk: inside a fence it opens */
	for (size_t p = pos; p < len;) {
		size_t e = line_end(src, len, p);
		char ch;
		size_t flen;
		if (*state) {
			if (fence_close(src + p, e - p, *state))
				*state = 0;
		} else if (fence_open(src + p, e - p, &ch, &flen)) {
			*state = fence_state(ch, flen);
		}
		p = e < len ? e + 1 : len;
	}
	if (pos >= len)
		return;
	MD_PARSER parser = {
	    .flags = MD_FLAG_NOINDENTEDCODEBLOCKS | MD_FLAG_TABLES,
	    .enter_block = on_enter_block,
	    .leave_block = on_leave_block,
	    .enter_span = on_enter_span,
	    .leave_span = on_leave_span,
	    .text = on_text,
	};
	char *copy = NULL;
	const char *text = src + pos;
	size_t tlen = len - pos;
	if (memchr(text, '\r', tlen) && !memmem(text, tlen, CR_STANDIN, 3)) {
		struct buf b = {0};
		for (size_t i = 0; i < tlen; i++) {
			if (text[i] == '\r')
				buf_add(&b, CR_STANDIN, 3);
			else
				buf_addc(&b, text[i]);
		}
		tlen = b.len;
		text = copy = buf_detach(&b);
		r.cr_sub = true;
	}
	md_parse(text, (MD_SIZE)tlen, &parser, &r);
	free(copy);
}
