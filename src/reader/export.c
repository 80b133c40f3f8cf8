/* export: owns what the export writers share: choosing a format, naming
 * articles and their sources, notes on an entry, reading order, groups of
 * claims reporting the same thing, and byte to code point offsets. */
#include "crossread/reader/export.h"
#include "crossread/reader/jsonld_ids.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/annot/annot.h"
#include "crossread/base/text.h"
#include "crossread/doc/article.h"
#include "crossread/reader/session.h"

static const char *const format_names[] = {"md", "html", "jsonld", "csv"};

int export_format_parse(const char *name, enum export_format *out)
{
	for (int i = 0; i < 4; i++)
		if (!strcmp(name, format_names[i])) {
			*out = (enum export_format)i;
			return 0;
		}
	return -1;
}

int export_write(const struct session *s, enum export_format fmt, struct buf *out)
{
	switch (fmt) {
	case EXPORT_MD:
		return export_md(s, out);
	case EXPORT_HTML:
		return export_html(s, out);
	case EXPORT_JSONLD:
		return export_jsonld(s, out);
	case EXPORT_CSV:
		return export_csv(s, out);
	}
	return -1;
}

const struct article *export_article(const struct session *s, size_t a)
{
	for (size_t i = 0; i < s->narts; i++)
		if (s->annot_of[i] == a)
			return s->arts[i];
	return NULL;
}

const char *export_outlet(const struct session *s, size_t a)
{
	if (a >= s->an->narticles)
		return "?";
	const struct article *art = export_article(s, a);
	if (art && art->outlet && *art->outlet)
		return art->outlet;
	if (art && art->title && *art->title)
		return art->title;
	return s->an->articles[a].id;
}

bool export_safe_url(const char *u)
{
	if (!u || (strncmp(u, "http://", 7) && strncmp(u, "https://", 8)))
		return false;
	for (const unsigned char *p = (const unsigned char *)u; *p; p++)
		if (*p <= 0x20 || *p == 0x7f || strchr("\"'<>\\`{}|^", *p))
			return false;
	return true;
}

char *export_source_iri(const struct session *s, size_t a)
{
	const struct article *art = export_article(s, a);
	if (art && export_safe_url(art->url))
		return xstrdup(art->url);
	const char *path = a < s->an->narticles ? s->an->articles[a].fullpath : NULL;
	char *real = path ? realpath(path, NULL) : NULL;
	const char *p = real ? real : path ? path : "";
	struct buf b = {0};
	buf_adds(&b, "file://");
	/* RFC 8089 path: unreserved characters and '/' as they are, every
	 * other byte percent-encoded */
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("/-._~", c))
			buf_addc(&b, (char)c);
		else
			buf_printf(&b, "%%%02X", c);
	}
	free(real);
	return buf_detach(&b);
}

size_t *export_notes_on(const struct session *s, const char *id, size_t *n)
{
	size_t *v = NULL, cap = 0;
	*n = 0;
	for (size_t i = 0; id && i < s->an->nnotes; i++)
		if (s->an->notes[i].on && !strcmp(s->an->notes[i].on, id)) {
			GROW(v, cap, *n + 1);
			v[(*n)++] = i;
		}
	return v;
}

size_t export_cp_offset(const char *text, size_t off)
{
	size_t n = 0;
	/* every byte that does not continue a UTF-8 sequence starts a code
	 * point (the display text is valid UTF-8) */
	for (size_t i = 0; i < off; i++)
		if (((unsigned char)text[i] & 0xC0) != 0x80)
			n++;
	return n;
}

static const struct session *order_s;

static int cmp_reading(const void *x, const void *y)
{
	const struct claim *a = &order_s->an->claims[*(const size_t *)x];
	const struct claim *b = &order_s->an->claims[*(const size_t *)y];
	size_t aa = a->art == ANNOT_NONE ? SIZE_MAX : a->art;
	size_t ba = b->art == ANNOT_NONE ? SIZE_MAX : b->art;
	if (aa != ba)
		return aa < ba ? -1 : 1;
	bool ap = a->how != ANCHOR_NONE, bp = b->how != ANCHOR_NONE;
	if (ap != bp)
		return ap ? -1 : 1;
	if (ap && a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (ap && a->end != b->end)
		return a->end > b->end ? -1 : 1; /* the outer one first */
	size_t xi = *(const size_t *)x, yi = *(const size_t *)y;
	return xi < yi ? -1 : xi > yi;
}

size_t *export_claim_order(const struct session *s)
{
	size_t n = s->an->nclaims;
	size_t *v = xreallocarray(NULL, n ? n : 1, sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = i;
	order_s = s;
	qsort(v, n, sizeof *v, cmp_reading);
	order_s = NULL;
	return v;
}

static size_t root_of(size_t *g, size_t c)
{
	while (g[c] != c) {
		g[c] = g[g[c]];
		c = g[c];
	}
	return c;
}

size_t *export_same_groups(const struct session *s)
{
	size_t n = s->an->nclaims;
	size_t *g = xreallocarray(NULL, n ? n : 1, sizeof *g);
	for (size_t i = 0; i < n; i++)
		g[i] = i;
	for (size_t l = 0; l < s->an->nlinks; l++) {
		const struct link *lk = &s->an->links[l];
		if (lk->rel != REL_SAME || lk->from_i == ANNOT_NONE || lk->to_i == ANNOT_NONE)
			continue;
		size_t a = root_of(g, lk->from_i), b = root_of(g, lk->to_i);
		/* the smaller index is the root: a group is named by its first */
		if (a < b)
			g[b] = a;
		else if (b < a)
			g[a] = b;
	}
	for (size_t i = 0; i < n; i++)
		g[i] = root_of(g, i);
	return g;
}

/* ------------------------------------------------------- JSON-LD ids */

char *jsonld_id(const char *what, const char *id)
{
	struct buf b = {0};
	buf_printf(&b, "%s%s:", JSONLD_URN, what);
	/* RFC 8141 allows unreserved characters as they are */
	for (const unsigned char *p = (const unsigned char *)(id ? id : ""); *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			buf_addc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	return buf_detach(&b);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *jsonld_id_parse(const char *what, const char *iri)
{
	size_t ul = strlen(JSONLD_URN), wl = strlen(what);
	if (!iri || strncmp(iri, JSONLD_URN, ul) || strncmp(iri + ul, what, wl) ||
	    iri[ul + wl] != ':')
		return NULL;
	struct buf b = {0};
	buf_adds(&b, "");
	for (const char *p = iri + ul + wl + 1; *p; p++) {
		if (*p == '%') {
			int h = hexval(p[1]), l = h >= 0 ? hexval(p[2]) : -1;
			if (l < 0 || (h == 0 && l == 0)) {
				buf_free(&b);
				return NULL;
			}
			buf_addc(&b, (char)(h * 16 + l));
			p += 2;
		} else {
			buf_addc(&b, *p);
		}
	}
	if (!b.len) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}
