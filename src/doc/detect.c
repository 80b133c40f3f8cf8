/* detect: tells an article's format from its content. HTML by its doctype
 * or opening tag, binary by NUL bytes or a known file signature, then the
 * file name's suffix, front matter and Markdown syntax decide between
 * Markdown and plain text. Only the first window of the file is looked at. */
/* memmem */
#define _GNU_SOURCE
#include "crossread/doc/detect.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "crossread/doc/article.h"

/* how much of the file the Markdown and HTML signs are looked for in */
#define SNIFF_MAX (64u << 10)

static bool suffix(const char *name, const char *suf)
{
	size_t n = strlen(name), m = strlen(suf);
	return n >= m && !strcasecmp(name + n - m, suf);
}

static bool prefix_ci(const char *s, size_t len, const char *p)
{
	size_t m = strlen(p);
	return len >= m && !strncasecmp(s, p, m);
}

/* file signatures of things that are not articles, and NUL bytes */
static bool is_binary(const char *s, size_t len)
{
	static const struct {
		const char *magic;
		size_t n;
	} sigs[] = {
	    {"\x89PNG", 4},
	    {"\xFF\xD8\xFF", 3},
	    {"GIF8", 4},
	    {"%PDF-", 5},
	    {"PK\x03\x04", 4},
	    {"\x1F\x8B", 2},
	    {"RIFF", 4},
	    {"\x7F"
	     "ELF",
	     4},
	    {"II*", 3},
	    {"MM\x00*", 4},
	    {"OggS", 4},
	    {"ID3", 3},
	    {"\xD0\xCF\x11\xE0", 4},
	};
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		if (sigs[i].n && len >= sigs[i].n && !memcmp(s, sigs[i].magic, sigs[i].n))
			return true;
	/* NUL bytes: a few stray ones in a damaged text are drawn visibly (^@);
	 * more than 1 % of the bytes, or more than 16, is no text */
	size_t nul = 0;
	for (const char *p = s; (p = memchr(p, '\0', len - (size_t)(p - s))); p++)
		if (++nul > 16 || nul * 100 > len)
			return true;
	return false;
}

/* after a BOM, white space, comments and an XML declaration: a doctype or
 * one of the tags an HTML document starts with */
static bool looks_html(const char *s, size_t len)
{
	size_t i = 0;
	if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		i = 3;
	for (int guard = 0; guard < 64; guard++) {
		while (i < len && strchr(" \t\r\n\f", s[i]) && s[i])
			i++;
		if (prefix_ci(s + i, len - i, "<!--")) {
			const char *e = memmem(s + i + 4, len - i - 4, "-->", 3);
			if (!e)
				return false;
			i = (size_t)(e - s) + 3;
		} else if (prefix_ci(s + i, len - i, "<?xml")) {
			const char *e = memmem(s + i, len - i, "?>", 2);
			if (!e)
				return false;
			i = (size_t)(e - s) + 2;
		} else {
			break;
		}
	}
	static const char *const starts[] = {"<!doctype html", "<html", "<head",
					     "<body",	       "<meta", "<title"};
	for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++) {
		size_t m = strlen(starts[k]);
		if (prefix_ci(s + i, len - i, starts[k]) &&
		    (i + m >= len || strchr(" \t\r\n>/", s[i + m])))
			return true;
	}
	return false;
}

static bool has_front_matter(const char *s, size_t len)
{
	if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
		s += 3;
		len -= 3;
	}
	return len >= 4 && !memcmp(s, "---", 3) && (s[3] == '\n' || s[3] == '\r');
}

/* an ATX heading, a fenced block, or an inline link at the start of a line
 * or in it: signs no plain text has */
static bool looks_markdown(const char *s, size_t len)
{
	size_t pos = 0;
	while (pos < len) {
		const char *nl = memchr(s + pos, '\n', len - pos);
		size_t e = nl ? (size_t)(nl - s) : len;
		const char *l = s + pos;
		size_t n = e - pos, h = 0;
		while (h < n && h < 7 && l[h] == '#')
			h++;
		if (h >= 1 && h <= 6 && h < n && l[h] == ' ')
			return true;
		if (n >= 3 && (!memcmp(l, "```", 3) || !memcmp(l, "~~~", 3)))
			return true;
		const char *lk = memmem(l, n, "](", 2);
		if (lk && memchr(l, '[', (size_t)(lk - l)))
			return true;
		pos = nl ? e + 1 : len;
	}
	return false;
}

int detect_format(const char *name, const char *data, size_t len, const char **why)
{
	const char *dummy;
	if (!why)
		why = &dummy;
	size_t n = len < SNIFF_MAX ? len : SNIFF_MAX;
	if (is_binary(data, n)) {
		*why = "binary data";
		return DETECT_BINARY;
	}
	if (looks_html(data, n)) {
		*why = "HTML doctype or tag";
		return ARTICLE_HTML;
	}
	if (name && (suffix(name, ".html") || suffix(name, ".htm") || suffix(name, ".xhtml"))) {
		*why = "file name";
		return ARTICLE_HTML;
	}
	if (name && (suffix(name, ".md") || suffix(name, ".markdown") || suffix(name, ".mdown"))) {
		*why = "file name";
		return ARTICLE_MARKDOWN;
	}
	if (name && (suffix(name, ".txt") || suffix(name, ".text"))) {
		*why = "file name";
		return ARTICLE_TEXT;
	}
	if (has_front_matter(data, n)) {
		*why = "front matter";
		return ARTICLE_MARKDOWN;
	}
	if (looks_markdown(data, n)) {
		*why = "Markdown syntax";
		return ARTICLE_MARKDOWN;
	}
	*why = "no markup";
	return ARTICLE_TEXT;
}

bool detect_furniture(const char *s, size_t n)
{
	static const char *const lines[] = {
	    "skip to content",
	    "skip to main content",
	    "skip to navigation",
	    "skip navigation",
	    "jump to content",
	    "subscribe",
	    "subscribe now",
	    "sign in",
	    "log in",
	    "login",
	    "sign up",
	    "register",
	    "menu",
	    "main menu",
	    "toggle navigation",
	    "search",
	    "home",
	    "sections",
	    "advertisement",
	    "advert",
	    "share",
	    "share this article",
	    "share this",
	    "newsletter",
	    "close",
	    "accept",
	    "accept all",
	    "read more",
	    "continue reading",
	    "my account",
	    "account",
	    "support us",
	    "donate",
	    "listen",
	    "print",
	    "email",
	};
	while (n && strchr(" \t\r|:>\xC2\xA0", s[0]) && s[0]) {
		s++;
		n--;
	}
	while (n && strchr(" \t\r|:.!>", s[n - 1]) && s[n - 1])
		n--;
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
		if (strlen(lines[i]) == n && !strncasecmp(s, lines[i], n))
			return true;
	return false;
}
