/* article: reads an article file, parses its YAML front matter with libyaml
 * and turns the body into display text block by block (Markdown through
 * markdown.c, plain text as paragraphs). Owns struct article. */
#include "crossread/doc/article.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

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
		if (c[i] == '\n' || c[i] == '\r')
			c[i] = ' ';
	return c;
}

/* Top-level scalar pairs of the front matter; anything else is skipped. */
static void parse_front_matter(struct article *a, const char *fm, size_t len)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return;
	yaml_parser_set_input_string(&p, (const unsigned char *)fm, len);
	int depth = 0;
	char *key = NULL;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev))
			break;
		yaml_event_type_t t = ev.type;
		if (t == YAML_MAPPING_START_EVENT || t == YAML_SEQUENCE_START_EVENT) {
			depth++;
			if (depth > 1) {
				free(key);
				key = NULL;
			}
		} else if (t == YAML_MAPPING_END_EVENT || t == YAML_SEQUENCE_END_EVENT) {
			depth--;
		} else if (t == YAML_SCALAR_EVENT && depth == 1) {
			const char *v = (const char *)ev.data.scalar.value;
			size_t vl = ev.data.scalar.length;
			if (!key) {
				key = xstrndup(v, vl);
			} else {
				char **slot = NULL;
				if (!strcmp(key, "title"))
					slot = &a->title;
				else if (!strcmp(key, "outlet") || !strcmp(key, "source_name") ||
					 !strcmp(key, "publisher"))
					slot = &a->outlet;
				else if (!strcmp(key, "date"))
					slot = &a->date;
				else if (!strcmp(key, "url"))
					slot = &a->url;
				if (slot && !*slot)
					*slot = meta_copy(v, vl);
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

static bool has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	if (n < m)
		return false;
	for (size_t i = 0; i < m; i++) {
		char c = s[n - m + i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != suf[i])
			return false;
	}
	return true;
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

static size_t text_block_end(const char *s, size_t len, size_t pos)
{
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
				 : text_block_end(a->src, a->src_len, a->src_pos);
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

static void guess_text_title(struct article *a, size_t body)
{
	size_t pos = body;
	while (pos < a->src_len) {
		const char *nl = memchr(a->src + pos, '\n', a->src_len - pos);
		size_t e = nl ? (size_t)(nl - a->src) : a->src_len;
		if (!blank_line(a->src + pos, e - pos)) {
			a->title = meta_copy(a->src + pos, e - pos);
			return;
		}
		pos = nl ? e + 1 : a->src_len;
	}
}

/* data/len: the start of the file (all of it when eof); fd: where the rest
 * comes from (-1: none); size: the file's size if known, else 0 */
static struct article *article_prepare(const char *name, char *data, size_t len, size_t cap, int fd,
				       bool eof, size_t size)
{
	struct article *a = xcalloc(1, sizeof *a);
	a->path = xstrdup(name);
	a->src = data;
	a->src_len = len;
	a->src_cap = cap;
	a->src_fd = fd;
	a->src_eof = eof;
	a->src_size = size ? size : (eof ? len : 0);
	a->format = has_suffix(name, ".md") || has_suffix(name, ".markdown") ? ARTICLE_MARKDOWN
									     : ARTICLE_TEXT;
	size_t body = 0;
	/* a UTF-8 byte order mark is not text */
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		body = 3;
	a->src_pos = body;
	if (a->format == ARTICLE_MARKDOWN) {
		size_t fm = split_front_matter(a);
		if (fm)
			a->src_pos = fm;
	} else {
		guess_text_title(a, body);
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

struct article *article_from_memory(const char *name, const char *data, size_t len)
{
	char *copy = xmalloc(size_add(len, 1));
	memcpy(copy, data, len);
	copy[len] = '\0';
	return article_prepare(name, copy, len, len + 1, -1, true, len);
}

int article_open(struct article **out, const char *path, const char **err)
{
	*out = NULL;
	if (err)
		*err = NULL;
	/* O_NONBLOCK: a FIFO with no writer (or a device) must not hang the
	 * open; anything but a regular file is refused right after */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		errno = e;
		if (err)
			*err = strerror(errno);
		return -1;
	}
	if (!S_ISREG(st.st_mode) || (uintmax_t)st.st_size > ARTICLE_MAX_SIZE) {
		close(fd);
		errno = S_ISREG(st.st_mode) ? EFBIG : EINVAL;
		if (err)
			*err = errno == EFBIG ? "file too large (limit 256 MiB)"
					      : "not a regular file";
		return -1;
	}
	/* reads of a regular file never block anyway; the flag goes so that
	 * nothing later sees EAGAIN */
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	size_t size = (size_t)st.st_size;
	/* the first window: front matter and the first screens */
	struct article tmp = {.src_fd = fd};
	src_fill(&tmp, FIRST_READ);
	if (!tmp.src) {
		tmp.src = xmalloc(1);
		tmp.src[0] = '\0';
		tmp.src_cap = 1;
	}
	*out =
	    article_prepare(path, tmp.src, tmp.src_len, tmp.src_cap, tmp.src_fd, tmp.src_eof, size);
	return 0;
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
	free(a->text);
	free(a->line_start);
	free(a->spans);
	free(a->src);
	if (a->src_fd >= 0)
		close(a->src_fd);
	free(a);
}
