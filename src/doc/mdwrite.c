/* mdwrite: owns turning display text back into Markdown (for `crossread
 * add`). Rendering the result with markdown.c gives the same display text:
 * block kinds come from the spans (heading, quote, rule) and the list
 * markers markdown.c writes; everything else is escaped. */
#include "crossread/doc/mdwrite.h"

#include <string.h>
#include <yaml.h>

#include "crossread/doc/article.h"

static int on_write(void *ctx, unsigned char *s, size_t n)
{
	buf_add(ctx, (const char *)s, n);
	return 1;
}

static int scalar(yaml_emitter_t *e, const char *s, yaml_scalar_style_t style)
{
	yaml_event_t ev;
	return yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), 1, 1,
					    style) &&
	       yaml_emitter_emit(e, &ev);
}

static int front_matter(const struct article *a, const char *fetched, struct buf *out)
{
	const char *keys[] = {"title", "outlet", "date", "author", "url", "fetched"};
	const char *vals[] = {a->title, a->outlet, a->date, a->author, a->url, fetched};
	yaml_emitter_t e;
	yaml_event_t ev;
	if (!yaml_emitter_initialize(&e))
		return -1;
	yaml_emitter_set_output(&e, on_write, out);
	yaml_emitter_set_unicode(&e, 1);
	yaml_emitter_set_width(&e, -1);
	int ok =
	    yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) &&
	    yaml_emitter_emit(&e, &ev) &&
	    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) &&
	    yaml_emitter_emit(&e, &ev) &&
	    yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE) &&
	    yaml_emitter_emit(&e, &ev);
	for (size_t i = 0; ok && i < sizeof keys / sizeof keys[0]; i++)
		if (vals[i])
			ok = scalar(&e, keys[i], YAML_PLAIN_SCALAR_STYLE) &&
			     scalar(&e, vals[i], YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	ok = ok && yaml_mapping_end_event_initialize(&ev) && yaml_emitter_emit(&e, &ev) &&
	     yaml_document_end_event_initialize(&ev, 1) && yaml_emitter_emit(&e, &ev) &&
	     yaml_stream_end_event_initialize(&ev) && yaml_emitter_emit(&e, &ev);
	yaml_emitter_delete(&e);
	return ok ? 0 : -1;
}

static unsigned style_at(const struct article *a, size_t off)
{
	unsigned st = 0;
	for (size_t k = 0; k < a->nspans && a->spans[k].start <= off; k++)
		if (a->spans[k].end > off)
			st |= a->spans[k].style;
	return st;
}

/* one line of text, every byte Markdown would read as syntax escaped;
 * at_start: the line begins a Markdown line */
static void escaped(struct buf *out, const char *s, size_t n, bool at_start)
{
	size_t i = 0;
	if (at_start && n) {
		if (strchr("#>-+=|~`*_", s[0]) && s[0]) {
			buf_addc(out, '\\');
		} else {
			size_t d = 0;
			while (d < n && d < 10 && s[d] >= '0' && s[d] <= '9')
				d++;
			if (d && d < n && (s[d] == '.' || s[d] == ')')) {
				buf_add(out, s, d);
				buf_addc(out, '\\');
				i = d;
			}
		}
	}
	for (; i < n; i++) {
		if (strchr("\\`*_[]<>&!", s[i]) && s[i])
			buf_addc(out, '\\');
		buf_addc(out, s[i]);
	}
}

static bool item_line(const char *s, size_t n, size_t *body)
{
	if (n >= 4 && !memcmp(s, "\u2022 ", 4)) {
		*body = 4;
		return true;
	}
	size_t d = 0;
	while (d < n && d < 9 && s[d] >= '0' && s[d] <= '9')
		d++;
	if (d && d + 1 < n && (s[d] == '.' || s[d] == ')') && s[d + 1] == ' ') {
		*body = 0; /* the number is the marker as it stands */
		return true;
	}
	return false;
}

static void block(struct buf *out, const struct article *a, size_t b, size_t e)
{
	unsigned st = style_at(a, b);
	const char *s = a->text;
	if (st & TS_RULE) {
		buf_adds(out, "---\n");
		return;
	}
	/* every line a list item: a list */
	bool list = true;
	for (size_t p = b; p < e && list;) {
		const char *nl = memchr(s + p, '\n', e - p);
		size_t le = nl ? (size_t)(nl - s) : e, body;
		list = item_line(s + p, le - p, &body);
		p = le + 1;
	}
	for (size_t p = b; p < e;) {
		const char *nl = memchr(s + p, '\n', e - p);
		size_t le = nl ? (size_t)(nl - s) : e, body = 0;
		if (st & TS_HEADING) {
			buf_adds(out, "# ");
			escaped(out, s + p, le - p, false);
		} else if (list && item_line(s + p, le - p, &body)) {
			if (body) {
				buf_adds(out, "- ");
				escaped(out, s + p + body, le - p - body, false);
			} else {
				size_t m = strcspn(s + p, ".)") + 2;
				buf_add(out, s + p, m);
				escaped(out, s + p + m, le - p - m, false);
			}
		} else {
			if (st & TS_QUOTE)
				buf_adds(out, "> ");
			escaped(out, s + p, le - p, true);
			/* a line break inside the paragraph */
			if (le < e)
				buf_addc(out, '\\');
		}
		buf_addc(out, '\n');
		p = le + 1;
	}
}

int mdwrite_article(const struct article *a, const char *fetched, struct buf *out)
{
	buf_adds(out, "---\n");
	if (front_matter(a, fetched, out) < 0)
		return -1;
	/* the emitter ends the document with "..." */
	if (out->len >= 4 && !memcmp(out->s + out->len - 4, "...\n", 4))
		out->len -= 4;
	buf_adds(out, "---\n");
	size_t p = 0;
	bool first = true;
	while (p < a->len) {
		const char *sep = strstr(a->text + p, "\n\n");
		size_t e = sep ? (size_t)(sep - a->text) : a->len;
		if (e > p) {
			if (!first)
				buf_addc(out, '\n');
			block(out, a, p, e);
			first = false;
		}
		p = sep ? e + 2 : a->len;
	}
	return 0;
}
