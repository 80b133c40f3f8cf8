/* article: reads an article file (or standard input), finds its format
 * (detect.c), parses its YAML front matter with libyaml and turns the body
 * into display text block by block (Markdown through markdown.c, plain text
 * as paragraphs, HTML all at once through html.c). Owns struct article. */
#include "crossread/doc/article.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "crossread/doc/detect.h"
#include "crossread/doc/html.h"
#include "crossread/doc/markdown.h"
#include "crossread/base/text.h"
#include "crossread/base/util.h"

/* first load step: enough for several screens of any sane article */
#define FIRST_STEP (64u << 10)
/* the first read (front matter is looked for in it) and later reads */
#define FIRST_READ	 (256u << 10)
#define SRC_CHUNK	 ((size_t)1 << 20)
#define FRONT_MATTER_MAX (64u << 10)
#define META_MAX	 1024

void article_put(struct article *a, const char *s, size_t n, unsigned style)
{
	if (!n)
		return;
	if (a->nlines == 0) {
		GROW(a->line_start, a->lines_cap, 1);
		a->line_start[a->nlines++] = a->len;
	}
	size_t need = size_add(size_add(a->len, n), 1);
	if (need > a->cap) {
		size_t cap = a->cap ? a->cap : 4096;
		while (cap < need)
			cap = size_mul(cap, 2);
		a->text = xrealloc(a->text, cap);
		a->cap = cap;
	}
	memcpy(a->text + a->len, s, n);
	if (style) {
		struct span *last = a->nspans ? &a->spans[a->nspans - 1] : NULL;
		if (last && last->end == a->len && last->style == style) {
			last->end += n;
		} else {
			GROW(a->spans, a->spans_cap, a->nspans + 1);
			a->spans[a->nspans++] = (struct span){a->len, a->len + n, style};
		}
	}
	a->len += n;
	a->text[a->len] = '\0';
}

void article_newline(struct article *a)
{
	if (a->nlines == 0) {
		GROW(a->line_start, a->lines_cap, 1);
		a->line_start[a->nlines++] = a->len;
	}
	article_put(a, "\n", 1, 0);
	GROW(a->line_start, a->lines_cap, a->nlines + 1);
	a->line_start[a->nlines++] = a->len;
}

void article_begin_block(struct article *a)
{
	if (a->nlines == 0) {
		GROW(a->line_start, a->lines_cap, 1);
		a->line_start[a->nlines++] = a->len;
		return;
	}
	article_newline(a);
	article_newline(a);
}

size_t article_line_of(const struct article *a, size_t off)
{
	size_t lo = 0, hi = a->nlines;
	if (!hi)
		return 0;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->line_start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

size_t article_line_end(const struct article *a, size_t line)
{
	if (line + 1 < a->nlines)
		return a->line_start[line + 1] - 1;
	return a->len;
}

const char *article_label(const struct article *a)
{
	if (a->title && *a->title)
		return a->title;
	const char *slash = a->path ? strrchr(a->path, '/') : NULL;
	return slash ? slash + 1 : (a->path ? a->path : "");
}

static char *meta_copy(const char *s, size_t n)
{
	if (n > META_MAX)
		n = META_MAX;
	size_t len;
	char *c = text_clean(s, n, &len);
	/* metadata is one line: fold line breaks */
	for (size_t i = 0; i < len; i++)
		if (c[i] == '\n' || c[i] == '\r' || c[i] == '\t')
			c[i] = ' ';
	return c;
}

void article_set_meta(struct article *a, char **slot, const char **from_slot, const char *from,
		      const char *s, size_t n)
{
	(void)a;
	while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	if (*slot || !n)
		return;
	*slot = meta_copy(s, n);
	if (from_slot)
		*from_slot = from;
}

/* which field a front-matter key fills (the names read-later tools and
 * static site generators use) */
static char **fm_slot(struct article *a, const char *key, const char ***from)
{
	static const struct {
		const char *key;
		int field;
	} keys[] = {
	    {"title", 0},	{"author", 4},	  {"authors", 4},	 {"byline", 4},
	    {"outlet", 1},	{"site_name", 1}, {"sitename", 1},	 {"publisher", 1},
	    {"source_name", 1}, {"date", 2},	  {"date_published", 2}, {"published", 2},
	    {"url", 3},		{"source", 3},	  {"canonical", 3},
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (strcmp(key, keys[i].key))
			continue;
		switch (keys[i].field) {
		case 0:
			*from = &a->title_from;
			return &a->title;
		case 1:
			*from = &a->outlet_from;
			return &a->outlet;
		case 2:
			*from = &a->date_from;
			return &a->date;
		case 3:
			*from = &a->url_from;
			return &a->url;
		default:
			*from = &a->author_from;
			return &a->author;
		}
	}
	return NULL;
}

/* Top-level scalar pairs of the front matter, and a list of scalars
 * (authors: [A, B]) joined by commas; anything else is skipped. A key's
 * first value wins; "source" is a URL only when it looks like one (the
 * bundled files name their seed file there). */
static void parse_front_matter(struct article *a, const char *fm, size_t len)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return;
	yaml_parser_set_input_string(&p, (const unsigned char *)fm, len);
	int depth = 0;
	char *key = NULL;
	struct buf list = {0};
	bool in_list = false;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev))
			break;
		yaml_event_type_t t = ev.type;
		if (t == YAML_SEQUENCE_START_EVENT && depth == 1 && key) {
			in_list = true;
			list.len = 0;
			depth++;
		} else if (t == YAML_MAPPING_START_EVENT || t == YAML_SEQUENCE_START_EVENT) {
			depth++;
			if (depth > 1 && !in_list) {
				free(key);
				key = NULL;
			}
		} else if (t == YAML_SEQUENCE_END_EVENT && depth == 2 && in_list) {
			depth--;
			in_list = false;
			const char **from;
			char **slot = fm_slot(a, key, &from);
			if (slot && list.len)
				article_set_meta(a, slot, from, "front matter", list.s, list.len);
			free(key);
			key = NULL;
		} else if (t == YAML_MAPPING_END_EVENT || t == YAML_SEQUENCE_END_EVENT) {
			depth--;
		} else if (t == YAML_SCALAR_EVENT && depth == 2 && in_list) {
			if (list.len < META_MAX) {
				if (list.len)
					buf_adds(&list, ", ");
				buf_add(&list, (const char *)ev.data.scalar.value,
					ev.data.scalar.length);
			}
		} else if (t == YAML_SCALAR_EVENT && depth == 1) {
			const char *v = (const char *)ev.data.scalar.value;
			size_t vl = ev.data.scalar.length;
			if (!key) {
				key = xstrndup(v, vl);
			} else {
				const char **from;
				char **slot = fm_slot(a, key, &from);
				if (slot == &a->url && !strcmp(key, "source") && !strstr(v, "://"))
					slot = NULL;
				if (slot)
					article_set_meta(a, slot, from, "front matter", v, vl);
				free(key);
				key = NULL;
			}
		} else if (t == YAML_ALIAS_EVENT && depth == 1 && key) {
			free(key);
			key = NULL;
		}
		yaml_event_delete(&ev);
		if (t == YAML_STREAM_END_EVENT || t == YAML_DOCUMENT_END_EVENT)
			break;
	}
	free(key);
	buf_free(&list);
	yaml_parser_delete(&p);
}

static bool is_fence_line(const char *s, size_t len, size_t pos, size_t *next)
{
	size_t e = pos;
	while (e < len && s[e] != '\n')
		e++;
	size_t n = e - pos;
	while (n && (s[pos + n - 1] == '\r' || s[pos + n - 1] == ' '))
		n--;
	*next = e < len ? e + 1 : e;
	return n == 3 && (!memcmp(s + pos, "---", 3) || !memcmp(s + pos, "...", 3));
}

/* Front matter: "---" on the first line, closed by "---" or "...". */
static size_t split_front_matter(struct article *a)
{
	size_t next, at = a->src_pos; /* after a byte order mark */
	if (!is_fence_line(a->src, a->src_len, at, &next) || memcmp(a->src + at, "---", 3))
		return 0;
	size_t start = next, pos = next;
	while (pos < a->src_len && pos - start < FRONT_MATTER_MAX) {
		size_t after;
		if (is_fence_line(a->src, a->src_len, pos, &after)) {
			parse_front_matter(a, a->src + start, pos - start);
			return after;
		}
		const char *nl = memchr(a->src + pos, '\n', a->src_len - pos);
		if (!nl)
			break;
		pos = (size_t)(nl - a->src) + 1;
	}
	return 0; /* unterminated: it is body text */
}

static bool blank_line(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

/* Plain text: paragraphs are separated by blank lines; a line joins the one
 * before it when that one looks hard-wrapped (long, and this one is no list
 * item or indented line), else it stays a line of its own. */
static void render_text_block(struct article *a, const char *s, size_t len)
{
	article_begin_block(a);
	size_t pos = 0, prev_len = 0;
	bool first = true;
	while (pos < len) {
		const char *nl = memchr(s + pos, '\n', len - pos);
		size_t e = nl ? (size_t)(nl - s) : len;
		size_t n = e - pos;
		if (!blank_line(s + pos, n)) {
			if (!first) {
				bool item = s[pos] == ' ' || s[pos] == '\t' || s[pos] == '-' ||
					    s[pos] == '*' || s[pos] == '+';
				if (prev_len >= 40 && !item)
					article_put(a, " ", 1, 0);
				else
					article_newline(a);
			}
			article_put(a, s + pos, n, 0);
			prev_len = n;
			first = false;
		}
		pos = nl ? e + 1 : len;
	}
}

static size_t text_block_end(const char *s, size_t len, size_t pos, bool paste)
{
	if (paste) {
		/* a paragraph a line */
		const char *nl = memchr(s + pos, '\n', len - pos);
		if (nl)
			return (size_t)(nl - s) + 1;
	}
	bool seen_text = false;
	while (pos < len) {
		const char *nl = memchr(s + pos, '\n', len - pos);
		size_t e = nl ? (size_t)(nl - s) + 1 : len;
		bool blank = blank_line(s + pos, (nl ? e - 1 : e) - pos);
		if (blank && seen_text) {
			/* swallow the run of blank lines */
			pos = e;
			while (pos < len) {
				const char *n2 = memchr(s + pos, '\n', len - pos);
				size_t e2 = n2 ? (size_t)(n2 - s) + 1 : len;
				if (!blank_line(s + pos, (n2 ? e2 - 1 : e2) - pos))
					break;
				pos = e2;
			}
			return pos;
		}
		if (!blank)
			seen_text = true;
		pos = e;
	}
	return pos;
}

/* Read more of the file into the window: at least `want` bytes beyond
 * src_len if the file has them. Bytes already rendered are dropped from the
 * front first. Returns false at the end of the file (or on an error, which
 * ends the text where it is). */
static bool src_fill(struct article *a, size_t want)
{
	if (a->src_eof)
		return false;
	if (a->src_pos > 0 && a->src_pos >= a->src_len / 2) {
		memmove(a->src, a->src + a->src_pos, a->src_len - a->src_pos);
		a->src_len -= a->src_pos;
		a->src_pos = 0;
	}
	size_t need = size_add(size_add(a->src_len, want), 1);
	if (need > a->src_cap) {
		size_t cap = a->src_cap ? a->src_cap : SRC_CHUNK;
		while (cap < need)
			cap = size_mul(cap, 2);
		a->src = xrealloc(a->src, cap);
		a->src_cap = cap;
	}
	size_t got = 0;
	while (got < want) {
		size_t total = a->src_done + (a->src_len - a->src_pos);
		size_t room = a->src_cap - 1 - a->src_len;
		if (total >= ARTICLE_MAX_SIZE) {
			a->src_eof = true; /* grew past the limit while being read */
			break;
		}
		if (room > ARTICLE_MAX_SIZE - total)
			room = ARTICLE_MAX_SIZE - total;
		ssize_t r = read(a->src_fd, a->src + a->src_len, room);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			a->src_eof = true;
			break;
		}
		a->src_len += (size_t)r;
		got += (size_t)r;
	}
	a->src[a->src_len] = '\0';
	if (a->src_eof && a->src_fd >= 0) {
		close(a->src_fd);
		a->src_fd = -1;
	}
	return got > 0;
}

bool article_load_step(struct article *a, size_t budget)
{
	if (a->complete)
		return true;
	size_t done = 0;
	char *clean = NULL;
	size_t clean_len = 0, clean_cap = 0;
	while (done < budget) {
		/* read ahead what this step may render, a chunk at most */
		size_t ahead = budget - done < SRC_CHUNK ? budget - done : SRC_CHUNK;
		if (a->src_len - a->src_pos < ahead)
			src_fill(a, ahead);
		if (a->src_pos >= a->src_len)
			break; /* all read and rendered */
		int state = a->md_state;
		size_t end = a->format == ARTICLE_MARKDOWN
				 ? md_block_end(a->src, a->src_len, a->src_pos, &a->md_state)
				 : text_block_end(a->src, a->src_len, a->src_pos, a->text_paste);
		if (end <= a->src_pos || end >= a->src_len) {
			/* the block may go on past the window: read more first */
			if (src_fill(a, a->src_len - a->src_pos + SRC_CHUNK)) {
				a->md_state = state;
				continue;
			}
			end = a->src_len;
		}
		clean_len = 0;
		text_clean_append(a->src + a->src_pos, end - a->src_pos, &clean, &clean_len,
				  &clean_cap);
		if (!blank_line(clean, clean_len) || a->format == ARTICLE_MARKDOWN) {
			if (a->format == ARTICLE_MARKDOWN)
				md_render_block(a, clean, clean_len, &a->md_state);
			else
				render_text_block(a, clean, clean_len);
		}
		done += end - a->src_pos;
		a->src_done += end - a->src_pos;
		a->src_pos = end;
	}
	free(clean);
	if (a->src_pos >= a->src_len && a->src_eof) {
		a->complete = true;
		if (a->nlines == 0) {
			GROW(a->line_start, a->lines_cap, 1);
			a->line_start[a->nlines++] = 0;
			if (!a->text) {
				a->text = xstrdup("");
				a->cap = 1;
			}
		}
		free(a->src);
		a->src = NULL;
		a->src_len = a->src_pos = a->src_cap = 0;
	}
	return a->complete;
}

void article_load_all(struct article *a)
{
	while (!article_load_step(a, (size_t)16 << 20))
		;
}

unsigned article_progress(const struct article *a)
{
	if (a->complete)
		return 100;
	if (!a->src_size)
		return 0;
	double p = (double)a->src_done * 100 / (double)a->src_size;
	return p >= 99 ? 99 : (unsigned)p;
}

/* Plain text: the first line, passing over page furniture pasted with it
 * (Skip to content, Subscribe, Sign in) when a real line follows. */
static void guess_text_title(struct article *a, size_t body)
{
	size_t pos = body, first = SIZE_MAX, first_e = 0;
	for (int lines = 0; pos < a->src_len && lines < 12;) {
		const char *nl = memchr(a->src + pos, '\n', a->src_len - pos);
		size_t e = nl ? (size_t)(nl - a->src) : a->src_len;
		if (!blank_line(a->src + pos, e - pos)) {
			if (first == SIZE_MAX) {
				first = pos;
				first_e = e;
			}
			if (!detect_furniture(a->src + pos, e - pos)) {
				article_set_meta(a, &a->title, &a->title_from, "first line",
						 a->src + pos, e - pos);
				return;
			}
			lines++;
		}
		pos = nl ? e + 1 : a->src_len;
	}
	if (first != SIZE_MAX)
		article_set_meta(a, &a->title, &a->title_from, "first line", a->src + first,
				 first_e - first);
}

/* Markdown with no title in its front matter: the first level-1 heading
 * (outside code) in the first window */
static void guess_md_title(struct article *a)
{
	size_t pos = a->src_pos;
	bool code = false;
	while (pos < a->src_len && pos - a->src_pos < FRONT_MATTER_MAX) {
		const char *nl = memchr(a->src + pos, '\n', a->src_len - pos);
		size_t e = nl ? (size_t)(nl - a->src) : a->src_len;
		const char *l = a->src + pos;
		size_t n = e - pos;
		if (n >= 3 && (!memcmp(l, "```", 3) || !memcmp(l, "~~~", 3)))
			code = !code;
		else if (!code && n > 2 && l[0] == '#' && (l[1] == ' ' || l[1] == '\t')) {
			size_t b = 2;
			while (n > b && (l[n - 1] == '#' || l[n - 1] == ' ' || l[n - 1] == '\r'))
				n--;
			article_set_meta(a, &a->title, &a->title_from, "first # heading", l + b,
					 n - b);
			return;
		}
		pos = nl ? e + 1 : a->src_len;
	}
}

/* A browser paste: no blank line, and lines far longer than a hard-wrapped
 * text's, so each line is a paragraph. */
static bool looks_pasted(const char *s, size_t len)
{
	size_t pos = 0, lines = 0, longest = 0;
	bool seen = false, blank_inside = false, pending_blank = false;
	while (pos < len) {
		const char *nl = memchr(s + pos, '\n', len - pos);
		size_t e = nl ? (size_t)(nl - s) : len;
		if (!nl && len >= FIRST_READ)
			break; /* a line cut by the window says nothing */
		if (blank_line(s + pos, e - pos)) {
			pending_blank = seen;
		} else {
			if (pending_blank)
				blank_inside = true;
			seen = true;
			lines++;
			if (e - pos > longest)
				longest = e - pos;
		}
		pos = nl ? e + 1 : len;
	}
	return !blank_inside && lines >= 3 && longest >= 120;
}

/* data/len: the start of the file (all of it when eof); fd: where the rest
 * comes from (-1: none); size: the file's size if known, else 0; format:
 * decided by the caller (an HTML source is all of data) */
static struct article *article_prepare(const char *name, char *data, size_t len, size_t cap, int fd,
				       bool eof, size_t size, int format, const char *why)
{
	struct article *a = xcalloc(1, sizeof *a);
	a->path = xstrdup(name);
	a->src = data;
	a->src_len = len;
	a->src_cap = cap;
	a->src_fd = fd;
	a->src_eof = eof;
	a->src_size = size ? size : (eof ? len : 0);
	a->format = (enum article_format)format;
	a->format_why = why;
	if (a->format == ARTICLE_HTML) {
		html_extract(a, data, len);
		if (a->nlines == 0) {
			GROW(a->line_start, a->lines_cap, 1);
			a->line_start[a->nlines++] = 0;
		}
		if (!a->text) {
			a->text = xstrdup("");
			a->cap = 1;
		}
		a->src_done = a->src_size = len;
		a->complete = true;
		free(a->src);
		a->src = NULL;
		a->src_len = a->src_pos = a->src_cap = 0;
		if (a->src_fd >= 0)
			close(a->src_fd);
		a->src_fd = -1;
		return a;
	}
	size_t body = 0;
	/* a UTF-8 byte order mark is not text */
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		body = 3;
	a->src_pos = body;
	size_t fm = split_front_matter(a);
	if (fm)
		a->src_pos = fm;
	if (a->format == ARTICLE_MARKDOWN) {
		guess_md_title(a);
	} else {
		a->text_paste = looks_pasted(a->src + a->src_pos, a->src_len - a->src_pos);
		guess_text_title(a, a->src_pos);
	}
	a->src_done = a->src_pos;
	/* the display text is rarely longer than its source (the buffer is
	 * only touched as it fills) */
	size_t expect = a->src_size > a->src_pos ? a->src_size - a->src_pos : 0;
	if (expect) {
		a->cap = size_add(expect, 64);
		a->text = xmalloc(a->cap);
		a->text[0] = '\0';
	}
	article_load_step(a, FIRST_STEP);
	return a;
}

const char *article_format_name(enum article_format f)
{
	return f == ARTICLE_HTML ? "html" : f == ARTICLE_MARKDOWN ? "markdown" : "text";
}

int article_format_parse(const char *name)
{
	if (!strcmp(name, "html"))
		return ARTICLE_HTML;
	if (!strcmp(name, "markdown") || !strcmp(name, "md"))
		return ARTICLE_MARKDOWN;
	if (!strcmp(name, "text") || !strcmp(name, "txt"))
		return ARTICLE_TEXT;
	return -1;
}

struct article *article_from_memory_as(const char *name, const char *data, size_t len, int format)
{
	char *copy = xmalloc(size_add(len, 1));
	memcpy(copy, data, len);
	copy[len] = '\0';
	const char *why = "--format";
	if (format == ARTICLE_AUTO) {
		format = detect_format(name, copy, len, &why);
		if (format == DETECT_BINARY) {
			/* memory has no one to refuse to: binary is read as text */
			format = ARTICLE_TEXT;
		}
	}
	return article_prepare(name, copy, len, len + 1, -1, true, len, format, why);
}

struct article *article_from_memory(const char *name, const char *data, size_t len)
{
	return article_from_memory_as(name, data, len, ARTICLE_AUTO);
}

static int open_fail(int fd, int e, const char **err, const char *why)
{
	if (fd > STDIN_FILENO)
		close(fd);
	errno = e;
	if (err)
		*err = why ? why : strerror(e);
	return -1;
}

int article_open_as(struct article **out, const char *path, int format, const char **err)
{
	*out = NULL;
	if (err)
		*err = NULL;
	/* '-' is standard input (a pipe from newsboat or a shell), read as it
	 * comes. A path is opened with O_NONBLOCK so that a FIFO with no writer
	 * (or a device) cannot hang the open; anything but a regular file is
	 * refused right after. */
	bool is_stdin = !strcmp(path, "-");
	int fd = is_stdin ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0)
		return open_fail(fd, errno, err, NULL);
	if (!is_stdin && !S_ISREG(st.st_mode))
		return open_fail(fd, EINVAL, err, "not a regular file");
	if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > ARTICLE_MAX_SIZE)
		return open_fail(fd, EFBIG, err, "file too large (limit 256 MiB)");
	if (!is_stdin) {
		/* reads of a regular file never block anyway; the flag goes so
		 * that nothing later sees EAGAIN */
		int fl = fcntl(fd, F_GETFL);
		if (fl >= 0)
			(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	}
	size_t size = S_ISREG(st.st_mode) ? (size_t)st.st_size : 0;
	/* the first window: front matter and the first screens */
	struct article tmp = {.src_fd = fd};
	src_fill(&tmp, FIRST_READ);
	if (!tmp.src) {
		tmp.src = xmalloc(1);
		tmp.src[0] = '\0';
		tmp.src_cap = 1;
	}
	const char *why = "--format";
	if (format == ARTICLE_AUTO)
		format = detect_format(is_stdin ? NULL : path, tmp.src, tmp.src_len, &why);
	if (format == DETECT_BINARY) {
		free(tmp.src);
		return open_fail(tmp.src_fd, EINVAL, err, "not a text article");
	}
	if (format == ARTICLE_HTML) {
		/* the parser takes the page whole */
		while (!tmp.src_eof && tmp.src_len <= HTML_MAX_SIZE)
			src_fill(&tmp, SRC_CHUNK);
		if (tmp.src_len > HTML_MAX_SIZE) {
			free(tmp.src);
			return open_fail(tmp.src_fd, EFBIG, err,
					 "HTML page too large (limit 64 MiB)");
		}
	}
	*out = article_prepare(is_stdin ? "(stdin)" : path, tmp.src, tmp.src_len, tmp.src_cap,
			       tmp.src_fd, tmp.src_eof, size, format, why);
	return 0;
}

/* --format for every article the session opens (main sets it before) */
static int default_format = ARTICLE_AUTO;

void article_default_format(int format)
{
	default_format = format;
}

int article_open(struct article **out, const char *path, const char **err)
{
	return article_open_as(out, path, default_format, err);
}

void article_free(struct article *a)
{
	if (!a)
		return;
	free(a->path);
	free(a->title);
	free(a->outlet);
	free(a->date);
	free(a->url);
	free(a->author);
	free(a->text);
	free(a->line_start);
	free(a->spans);
	free(a->src);
	if (a->src_fd >= 0)
		close(a->src_fd);
	free(a);
}
