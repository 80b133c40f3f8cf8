/* import: owns reading W3C Web Annotation and Hypothesis JSON (parsed by
 * jansson) into the personal layer: finding each target's article, anchoring
 * its quote with the anchoring engine, and adding claims, links and notes
 * under ids that clash with nothing. What export writes comes back under
 * its own ids; an entry already in the story is left alone. */
#include "crossread/reader/import.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crossread/anchor/anchor.h"
#include "crossread/annot/annot.h"
#include "crossread/annot/annot_write.h"
#include "crossread/base/text.h"
#include "crossread/doc/article.h"
#include "crossread/reader/export.h"
#include "crossread/reader/jsonld_ids.h"
#include "crossread/reader/session.h"

size_t import_byte_offset(const char *text, size_t len, size_t cp)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)text[i] & 0xC0) != 0x80) {
			if (n == cp)
				return i;
			n++;
		}
	return len;
}

struct ctx {
	struct session *s;
	const char *name;
	struct diag_list *d;
	struct import_stats *st;
	struct buf *orphans;
	/* annotation IRI -> claim id, for links and notes naming them */
	char **iri, **claim;
	size_t nmap, mapcap;
	size_t item; /* 1-based, for messages */
};

static void warn(struct ctx *c, const char *fmt, const char *arg)
{
	char msg[256];
	snprintf(msg, sizeof msg, fmt, arg ? arg : "");
	diag_add(c->d, c->name, 1, 1, DIAG_WARNING, "annotation %zu: %s", c->item, msg);
	c->st->skipped++;
}

/* A string fit for the YAML file: no control character but tab and line
 * feed (the loader refuses them), at most max bytes. */
static bool fit(const char *s, size_t max, bool one_line)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++, n++)
		if ((*p < 0x20 && !(!one_line && (*p == '\n' || *p == '\t'))) || *p == 0x7f)
			return false;
	return n <= max;
}

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static bool id_taken(const struct annot *an, const char *id)
{
	return annot_find_claim(an, id) != ANNOT_NONE || annot_find_link(an, id) != ANNOT_NONE;
}

/* id if free in its namespace, else id-imported, id-imported2, ... */
static char *fresh_id(const struct annot *an, const char *id, bool note)
{
	struct buf b = {0};
	for (unsigned n = 1;; n++) {
		b.len = 0;
		if (n == 1)
			buf_adds(&b, id);
		else if (n == 2)
			buf_printf(&b, "%s-imported", id);
		else
			buf_printf(&b, "%s-imported%u", id, n - 1);
		if (note ? annot_find_note(an, b.s) == ANNOT_NONE : !id_taken(an, b.s))
			return buf_detach(&b);
	}
}

static bool same_url(const char *a, const char *b)
{
	size_t la = strcspn(a, "#"), lb = strcspn(b, "#");
	while (la > 0 && a[la - 1] == '/')
		la--;
	while (lb > 0 && b[lb - 1] == '/')
		lb--;
	return la == lb && !strncmp(a, b, la);
}

static int hexv(char c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
				      : -1;
}

/* The annotation article a source IRI names: by url metadata, else by the
 * file a file: URI names. */
static size_t article_of(struct ctx *c, const char *src)
{
	const struct annot *an = c->s->an;
	if (!src)
		return ANNOT_NONE;
	for (size_t a = 0; a < an->narticles; a++) {
		const struct article *art = export_article(c->s, a);
		if (art && art->url && same_url(art->url, src))
			return a;
	}
	for (size_t a = 0; a < an->narticles; a++) {
		char *iri = export_source_iri(c->s, a);
		bool same = same_url(iri, src);
		free(iri);
		if (same)
			return a;
	}
	if (strncmp(src, "file://", 7))
		return ANNOT_NONE;
	struct buf path = {0};
	for (const char *p = src + 7; *p && *p != '#' && *p != '?'; p++) {
		int h, l;
		if (*p == '%' && (h = hexv(p[1])) >= 0 && (l = hexv(p[2])) >= 0 && (h || l)) {
			buf_addc(&path, (char)(h * 16 + l));
			p += 2;
		} else {
			buf_addc(&path, *p);
		}
	}
	size_t a = path.len ? annot_article_for(an, path.s) : ANNOT_NONE;
	/* a colleague's copy of the story lives elsewhere: the same file name,
	 * if only one article has it */
	const char *base = path.len ? strrchr(path.s, '/') : NULL;
	base = base ? base + 1 : path.s;
	for (size_t k = 0; a == ANNOT_NONE && base && *base && k < an->narticles; k++) {
		const char *fp = an->articles[k].fullpath ? an->articles[k].fullpath : "";
		const char *fb = strrchr(fp, '/');
		if (strcmp(fb ? fb + 1 : fp, base))
			continue;
		for (size_t j = k + 1; j < an->narticles; j++) {
			const char *gp = an->articles[j].fullpath ? an->articles[j].fullpath : "";
			const char *gb = strrchr(gp, '/');
			if (!strcmp(gb ? gb + 1 : gp, base))
				k = an->narticles; /* two of that name: none */
		}
		if (k < an->narticles)
			a = k;
	}
	buf_free(&path);
	return a;
}

static void map_add(struct ctx *c, const char *iri, const char *claim)
{
	if (!iri)
		return;
	GROW(c->iri, c->mapcap, c->nmap + 1);
	c->claim = xreallocarray(c->claim, c->mapcap, sizeof *c->claim);
	c->iri[c->nmap] = xstrdup(iri);
	c->claim[c->nmap] = xstrdup(claim);
	c->nmap++;
}

static const char *map_get(const struct ctx *c, const char *iri)
{
	for (size_t i = c->nmap; iri && i-- > 0;)
		if (!strcmp(c->iri[i], iri))
			return c->claim[i];
	return NULL;
}

/* The tagging bodies of an annotation, and its first commenting text. */
struct bodies {
	const char *kind, *by, *against, *rel, *comment;
	const char *tags[ANNOT_MAX_TAGS];
	size_t ntags;
};

static void read_bodies(struct ctx *c, json_t *a, struct bodies *b)
{
	memset(b, 0, sizeof *b);
	json_t *body = json_object_get(a, "body");
	size_t n = json_is_array(body) ? json_array_size(body) : body ? 1 : 0;
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_is_array(body) ? json_array_get(body, i) : body;
		const char *v = json_is_string(x) ? json_string_value(x) : jstr(x, "value");
		const char *purpose = jstr(x, "purpose");
		if (!v)
			continue;
		if (purpose && !strcmp(purpose, "tagging")) {
			if (!strncmp(v, JSONLD_KIND, strlen(JSONLD_KIND)))
				b->kind = v + strlen(JSONLD_KIND);
			else if (!strncmp(v, JSONLD_BY, strlen(JSONLD_BY)))
				b->by = v + strlen(JSONLD_BY);
			else if (!strncmp(v, JSONLD_AGAINST, strlen(JSONLD_AGAINST)))
				b->against = v + strlen(JSONLD_AGAINST);
			else if (!strncmp(v, JSONLD_REL, strlen(JSONLD_REL)))
				b->rel = v + strlen(JSONLD_REL);
			else if (b->ntags < ANNOT_MAX_TAGS && *v && fit(v, ANNOT_MAX_TAG, true))
				b->tags[b->ntags++] = v;
			else
				warn(c, "tag \"%.60s\" left out (too long, empty or too many)", v);
		} else if (!b->comment) {
			b->comment = v;
		}
	}
}

static void add_tags(char ***tags, size_t *n, const char *const *v, size_t nv)
{
	for (size_t i = 0; i < nv; i++)
		if (!annot_has_tag(*tags, *n, v[i]) && *n < ANNOT_MAX_TAGS) {
			*tags = xreallocarray(*tags, *n + 1, sizeof **tags);
			(*tags)[(*n)++] = xstrdup(v[i]);
		}
}

/* The first target with a TextQuoteSelector: its source and selectors. */
static bool find_selector(json_t *a, const char **src, json_t **quote, json_t **pos)
{
	json_t *t = json_object_get(a, "target");
	size_t n = json_is_array(t) ? json_array_size(t) : t ? 1 : 0;
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_is_array(t) ? json_array_get(t, i) : t;
		json_t *sel = json_object_get(x, "selector");
		size_t ns = json_is_array(sel) ? json_array_size(sel) : sel ? 1 : 0;
		*quote = *pos = NULL;
		for (size_t k = 0; k < ns; k++) {
			json_t *y = json_is_array(sel) ? json_array_get(sel, k) : sel;
			const char *type = jstr(y, "type");
			if (type && !strcmp(type, "TextQuoteSelector") && !*quote)
				*quote = y;
			else if (type && !strcmp(type, "TextPositionSelector") && !*pos)
				*pos = y;
		}
		if (*quote) {
			*src = jstr(x, "source");
			return true;
		}
	}
	return false;
}

static void orphan(struct ctx *c, const char *src, const char *exact, const char *why)
{
	char *s1 = text_sanitize(src ? src : "?", src ? strlen(src) : 1, false);
	char *s2 = text_sanitize(exact, strlen(exact), false);
	buf_printf(c->orphans, "orphan: %s: \"%.80s%s\" (%s)\n", s1, s2,
		   strlen(s2) > 80 ? "..." : "", why);
	free(s1);
	free(s2);
	c->st->orphans++;
}

/* A claim from an annotation with a quote: anchored, or an orphan. hyp is
 * the Hypothesis row id (NULL for W3C). Returns the new or existing claim's
 * id (owned by the model), or NULL. */
static const char *import_claim(struct ctx *c, json_t *a, const char *hyp)
{
	struct annot *an = c->s->an;
	const char *src = NULL;
	json_t *q, *p;
	if (!find_selector(a, &src, &q, &p))
		return NULL;
	if (!src)
		src = jstr(a, "uri");
	const char *exact = jstr(q, "exact"), *prefix = jstr(q, "prefix"),
		   *suffix = jstr(q, "suffix");
	if (!exact || !*exact) {
		warn(c, "%sa TextQuoteSelector without \"exact\"", "");
		return NULL;
	}
	if (!fit(exact, ANNOT_MAX_SCALAR, false) || (prefix && !fit(prefix, 4096, false)) ||
	    (suffix && !fit(suffix, 4096, false))) {
		warn(c, "%sa quote with control characters or too long", "");
		return NULL;
	}
	size_t art_i = article_of(c, src);
	const struct article *art = art_i != ANNOT_NONE ? export_article(c->s, art_i) : NULL;
	if (!art) {
		orphan(c, src, exact, "no article of the story has this URL");
		return NULL;
	}
	long hint = -1;
	json_t *ps = p ? json_object_get(p, "start") : NULL;
	if (json_is_integer(ps) && json_integer_value(ps) >= 0)
		hint =
		    (long)import_byte_offset(art->text, art->len, (size_t)json_integer_value(ps));
	struct anchor_match m = anchor_find(art->text, art->len, exact, prefix, suffix, hint);
	if (!m.found) {
		orphan(c, src, exact, "the quote is not in the story's copy of the article");
		return NULL;
	}
	/* the id it had, if it was ours; a Hypothesis row's own id */
	char *want = jsonld_id_parse("claim", jstr(a, "id"));
	if (!want && hyp) {
		struct buf b = {0};
		buf_adds(&b, "hyp-");
		for (const char *x = hyp; *x && b.len < 64; x++)
			buf_addc(&b, strchr("-_", *x) || (*x >= 'a' && *x <= 'z') ||
					     (*x >= 'A' && *x <= 'Z') || (*x >= '0' && *x <= '9')
					 ? *x
					 : '_');
		want = buf_detach(&b);
	}
	if (want && (!fit(want, 256, true) || !*want)) {
		free(want);
		want = NULL;
	}
	if (want) {
		size_t old = annot_find_claim(an, want);
		if (old != ANNOT_NONE && an->claims[old].art == art_i &&
		    an->claims[old].how != ANCHOR_NONE && an->claims[old].start == m.start &&
		    an->claims[old].end == m.end) {
			free(want);
			c->st->present++;
			return an->claims[old].id;
		}
	}
	struct bodies b;
	read_bodies(c, a, &b);
	struct claim cl;
	memset(&cl, 0, sizeof cl);
	cl.id = fresh_id(an, want ? want : "imported-claim", false);
	free(want);
	cl.article = xstrdup(an->articles[art_i].id);
	cl.quote = xstrndup(art->text + m.start, m.end - m.start);
	anchor_context(art->text, art->len, m.start, m.end, &cl.prefix, &cl.suffix);
	cl.at = (long)m.start;
	if (!b.kind || annot_kind_parse(b.kind, &cl.kind) != 0)
		cl.kind = KIND_CLAIM;
	if (b.by && *b.by && fit(b.by, 4096, true))
		cl.by = xstrdup(b.by);
	if (b.against && *b.against && fit(b.against, 4096, true))
		cl.against = xstrdup(b.against);
	add_tags(&cl.tags, &cl.ntags, b.tags, b.ntags);
	/* Hypothesis keeps tags in their own list */
	json_t *tags = json_object_get(a, "tags");
	for (size_t i = 0; json_is_array(tags) && i < json_array_size(tags); i++) {
		const char *t = json_string_value(json_array_get(tags, i));
		if (t && *t && fit(t, ANNOT_MAX_TAG, true))
			add_tags(&cl.tags, &cl.ntags, &t, 1);
		else
			warn(c, "tag \"%.60s\" left out (not a short one-line string)", t ? t : "");
	}
	cl.layer = LAYER_PERSONAL;
	cl.art = art_i;
	cl.how = m.how;
	cl.start = m.start;
	cl.end = m.end;
	cl.score = m.score;
	GROW(an->claims, an->claims_cap, an->nclaims + 1);
	an->claims[an->nclaims++] = cl;
	c->st->claims++;
	return an->claims[an->nclaims - 1].id;
}

static void import_note(struct ctx *c, const char *want, const char *on, const char *text,
			const char *created, const char *updated, const char *const *tags,
			size_t ntags)
{
	struct annot *an = c->s->an;
	if (!text || !*text)
		return;
	if (!fit(text, ANNOT_MAX_SCALAR, false)) {
		warn(c, "%sa note with control characters or too long", "");
		return;
	}
	if (want) {
		size_t old = annot_find_note(an, want);
		if (old != ANNOT_NONE && !strcmp(an->notes[old].on, on) &&
		    !strcmp(an->notes[old].text, text)) {
			c->st->present++;
			return;
		}
	}
	char now[32];
	annot_write_time(time(NULL), now);
	struct note n;
	memset(&n, 0, sizeof n);
	n.id = fresh_id(an, want ? want : "imported-note", true);
	n.on = xstrdup(on);
	n.text = xstrdup(text);
	n.created = xstrdup(created && *created && fit(created, 64, true) ? created : now);
	if (updated && *updated && fit(updated, 64, true))
		n.updated = xstrdup(updated);
	add_tags(&n.tags, &n.ntags, tags, ntags);
	n.layer = LAYER_PERSONAL;
	GROW(an->notes, an->notes_cap, an->nnotes + 1);
	an->notes[an->nnotes++] = n;
	c->st->notes++;
}

static const char *motivation(json_t *a)
{
	json_t *m = json_object_get(a, "motivation");
	if (json_is_array(m))
		m = json_array_get(m, 0);
	return json_is_string(m) ? json_string_value(m) : "";
}

static void import_link(struct ctx *c, json_t *a)
{
	struct annot *an = c->s->an;
	json_t *t = json_object_get(a, "target");
	if (!json_is_array(t) || json_array_size(t) != 2) {
		warn(c, "%sa linking annotation needs two targets", "");
		return;
	}
	const char *ends[2];
	for (int i = 0; i < 2; i++) {
		json_t *x = json_array_get(t, (size_t)i);
		const char *iri = json_is_string(x) ? json_string_value(x) : jstr(x, "id");
		const char *mapped = map_get(c, iri);
		char *own = mapped ? NULL : jsonld_id_parse("claim", iri);
		size_t k = own ? annot_find_claim(an, own) : ANNOT_NONE;
		free(own);
		ends[i] = mapped ? mapped : k != ANNOT_NONE ? an->claims[k].id : NULL;
		if (!ends[i]) {
			warn(c, "link to \"%.80s\", which is not a claim of the story", iri);
			return;
		}
	}
	if (!strcmp(ends[0], ends[1]))
		return;
	struct bodies b;
	read_bodies(c, a, &b);
	enum link_rel rel = REL_SAME;
	if (b.rel && annot_rel_parse(b.rel, &rel) != 0) {
		warn(c, "unknown relation \"%.40s\"", b.rel);
		return;
	}
	char *want = jsonld_id_parse("link", jstr(a, "id"));
	if (want && !fit(want, 256, true)) {
		free(want);
		want = NULL;
	}
	for (size_t l = 0; l < an->nlinks; l++) {
		const struct link *lk = &an->links[l];
		if (!strcmp(lk->from, ends[0]) && !strcmp(lk->to, ends[1]) && lk->rel == rel) {
			c->st->present++;
			free(want);
			return;
		}
	}
	struct link lk;
	memset(&lk, 0, sizeof lk);
	lk.id = fresh_id(an, want ? want : "imported-link", false);
	free(want);
	lk.from = xstrdup(ends[0]);
	lk.to = xstrdup(ends[1]);
	lk.rel = rel;
	if (b.comment && *b.comment && fit(b.comment, ANNOT_MAX_SCALAR, false))
		lk.note = xstrdup(b.comment);
	lk.layer = LAYER_PERSONAL;
	lk.from_i = lk.to_i = ANNOT_NONE;
	GROW(an->links, an->links_cap, an->nlinks + 1);
	an->links[an->nlinks++] = lk;
	map_add(c, jstr(a, "id"), an->links[an->nlinks - 1].id);
	c->st->links++;
}

/* A note from a commenting annotation whose target is a claim, a link or
 * an article. */
static void import_comment(struct ctx *c, json_t *a)
{
	struct annot *an = c->s->an;
	json_t *t = json_object_get(a, "target");
	if (json_is_array(t))
		t = json_array_get(t, 0);
	const char *iri = json_is_string(t) ? json_string_value(t) : jstr(t, "id");
	if (!iri)
		iri = jstr(t, "source");
	const char *on = map_get(c, iri);
	char *cid = on ? NULL : jsonld_id_parse("claim", iri);
	char *lid = on || cid ? NULL : jsonld_id_parse("link", iri);
	size_t k;
	if (!on && cid && (k = annot_find_claim(an, cid)) != ANNOT_NONE)
		on = an->claims[k].id;
	else if (!on && lid && (k = annot_find_link(an, lid)) != ANNOT_NONE)
		on = an->links[k].id;
	else if (!on && !cid && !lid && (k = article_of(c, iri)) != ANNOT_NONE)
		on = an->articles[k].id;
	free(cid);
	free(lid);
	if (!on) {
		warn(c, "a note on \"%.80s\", which is nothing in the story", iri);
		return;
	}
	struct bodies b;
	read_bodies(c, a, &b);
	char *want = jsonld_id_parse("note", jstr(a, "id"));
	if (want && !fit(want, 256, true)) {
		free(want);
		want = NULL;
	}
	/* a Hypothesis page note: its text, its tags, its own id */
	const char *hyp = json_object_get(a, "uri") ? jstr(a, "id") : NULL;
	if (!want && hyp && fit(hyp, 200, true)) {
		struct buf nid = {0};
		buf_printf(&nid, "hyp-%s", hyp);
		want = buf_detach(&nid);
	}
	const char *text = b.comment ? b.comment : hyp ? jstr(a, "text") : NULL;
	json_t *tags = json_object_get(a, "tags");
	for (size_t i = 0; hyp && json_is_array(tags) && i < json_array_size(tags); i++) {
		const char *tg = json_string_value(json_array_get(tags, i));
		if (tg && *tg && fit(tg, ANNOT_MAX_TAG, true) && b.ntags < ANNOT_MAX_TAGS)
			b.tags[b.ntags++] = tg;
	}
	import_note(c, want, on, text, jstr(a, "created"), jstr(a, "modified"), b.tags, b.ntags);
	free(want);
}

/* The list of annotations in whatever wrapping the file uses. */
static json_t *items_of(json_t *root)
{
	if (json_is_array(root))
		return root;
	if (!json_is_object(root))
		return NULL;
	json_t *v;
	if ((v = json_object_get(root, "annotations")) && json_is_array(v))
		return v; /* Hypothesis export */
	if ((v = json_object_get(root, "items")) && json_is_array(v))
		return v; /* AnnotationPage */
	json_t *first = json_object_get(root, "first");
	if (json_is_object(first) && (v = json_object_get(first, "items")) && json_is_array(v))
		return v; /* AnnotationCollection */
	return NULL;
}

int import_json(struct session *s, const char *name, const char *data, size_t len,
		struct import_stats *st, struct buf *orphans, struct diag_list *d)
{
	memset(st, 0, sizeof *st);
	json_error_t err;
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
	if (!root) {
		diag_add(d, name, err.line > 0 ? err.line : 1, err.column > 0 ? err.column : 1,
			 DIAG_ERROR, "%s", err.text);
		return 2;
	}
	json_t *items = items_of(root);
	bool single = !items && json_is_object(root) && json_object_get(root, "target");
	if (!items && !single) {
		diag_add(d, name, 1, 1, DIAG_ERROR,
			 "not annotations: neither a W3C AnnotationCollection, page or list nor a "
			 "Hypothesis export");
		json_decref(root);
		return 2;
	}
	size_t n = single ? 1 : json_array_size(items);
	if (n > IMPORT_MAX_ITEMS) {
		diag_add(d, name, 1, 1, DIAG_ERROR, "%zu annotations: at most %d in one file", n,
			 IMPORT_MAX_ITEMS);
		json_decref(root);
		return 2;
	}
	struct ctx c = {.s = s, .name = name, .d = d, .st = st, .orphans = orphans};
	/* claims first, so links and notes can name them whatever the order */
	for (int pass = 0; pass < 3; pass++) {
		for (size_t i = 0; i < n; i++) {
			json_t *a = single ? root : json_array_get(items, i);
			c.item = i + 1;
			if (!json_is_object(a)) {
				if (pass == 0)
					warn(&c, "%snot an object", "");
				continue;
			}
			const char *mot = motivation(a);
			const char *src;
			json_t *q, *p;
			bool quoted = find_selector(a, &src, &q, &p);
			if (pass == 0 && quoted) {
				const char *hyp = json_object_get(a, "uri") ? jstr(a, "id") : NULL;
				const char *id = import_claim(&c, a, hyp);
				if (!id)
					continue;
				map_add(&c, jstr(a, "id"), id);
				/* Hypothesis: the row's text is a note on its quote */
				const char *text = hyp ? jstr(a, "text") : NULL;
				if (text && *text) {
					struct buf nid = {0};
					buf_printf(&nid, "%s-note", id);
					import_note(&c, nid.s, id, text, jstr(a, "created"),
						    jstr(a, "updated"), NULL, 0);
					buf_free(&nid);
				} else if (!hyp && strcmp(mot, "highlighting")) {
					struct bodies b;
					read_bodies(&c, a, &b);
					if (b.comment)
						import_note(&c, NULL, id, b.comment,
							    jstr(a, "created"), jstr(a, "modified"),
							    NULL, 0);
				}
			} else if (pass == 1 && !quoted && !strcmp(mot, "linking")) {
				import_link(&c, a);
			} else if (pass == 2 && !quoted && strcmp(mot, "linking")) {
				import_comment(&c, a);
			}
		}
	}
	for (size_t i = 0; i < c.nmap; i++) {
		free(c.iri[i]);
		free(c.claim[i]);
	}
	free(c.iri);
	free(c.claim);
	json_decref(root);
	annot_resolve_links(s->an);
	return 0;
}
