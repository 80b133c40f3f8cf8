/* export_jsonld: owns the W3C Web Annotation export: one
 * AnnotationCollection whose first page holds an Annotation per claim
 * (SpecificResource target with TextQuoteSelector and TextPositionSelector
 * in code points over the display text; kind, speaker, target and tags as
 * tagging bodies), a linking Annotation per link (two targets, the
 * relation as a tagging body) and a commenting Annotation per note. JSON is
 * built and written by jansson, keys in insertion order. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/anchor/anchor.h"
#include "crossread/annot/annot.h"
#include "crossread/base/text.h"
#include "crossread/doc/article.h"
#include "crossread/reader/export.h"
#include "crossread/reader/jsonld_ids.h"
#include "crossread/reader/session.h"

/* a JSON string; jansson wants valid UTF-8: anything else is shown */
static json_t *js(const char *s, size_t len)
{
	json_t *v = json_stringn(s, len);
	if (!v) {
		char *t = text_sanitize(s, len, true);
		v = json_string(t);
		free(t);
	}
	return v ? v : json_string("");
}

static json_t *jss(const char *s)
{
	return js(s, strlen(s));
}

static json_t *tag_body(const char *prefix, const char *value)
{
	json_t *b = json_object();
	json_object_set_new(b, "type", json_string("TextualBody"));
	json_object_set_new(b, "purpose", json_string("tagging"));
	if (prefix) {
		struct buf t = {0};
		buf_printf(&t, "%s%s", prefix, value);
		json_object_set_new(b, "value", js(t.s, t.len));
		buf_free(&t);
	} else {
		json_object_set_new(b, "value", jss(value));
	}
	return b;
}

static json_t *claim_annotation(const struct session *s, const struct claim *c)
{
	json_t *a = json_object();
	char *id = jsonld_id("claim", c->id);
	json_object_set_new(a, "id", json_string(id));
	free(id);
	json_object_set_new(a, "type", json_string("Annotation"));
	json_object_set_new(a, "motivation", json_string("highlighting"));
	json_t *body = json_array();
	json_array_append_new(body, tag_body(JSONLD_KIND, annot_kind_name(c->kind)));
	if (c->by)
		json_array_append_new(body, tag_body(JSONLD_BY, c->by));
	if (c->against)
		json_array_append_new(body, tag_body(JSONLD_AGAINST, c->against));
	for (size_t i = 0; i < c->ntags; i++)
		json_array_append_new(body, tag_body(NULL, c->tags[i]));
	json_object_set_new(a, "body", body);

	json_t *target = json_object();
	json_object_set_new(target, "type", json_string("SpecificResource"));
	char *src = export_source_iri(s, c->art);
	json_object_set_new(target, "source", json_string(src));
	free(src);
	json_t *sel = json_array();
	json_t *q = json_object();
	json_object_set_new(q, "type", json_string("TextQuoteSelector"));
	const struct article *art = c->art != ANNOT_NONE ? export_article(s, c->art) : NULL;
	if (art && c->how != ANCHOR_NONE) {
		/* the words as they stand in the display text, with the text
		 * around them: what another tool will find in the page */
		char *pre = NULL, *suf = NULL;
		anchor_context(art->text, art->len, c->start, c->end, &pre, &suf);
		json_object_set_new(q, "exact", js(art->text + c->start, c->end - c->start));
		json_object_set_new(q, "prefix", jss(pre ? pre : ""));
		json_object_set_new(q, "suffix", jss(suf ? suf : ""));
		free(pre);
		free(suf);
		json_array_append_new(sel, q);
		json_t *p = json_object();
		json_object_set_new(p, "type", json_string("TextPositionSelector"));
		json_object_set_new(
		    p, "start", json_integer((json_int_t)export_cp_offset(art->text, c->start)));
		json_object_set_new(p, "end",
				    json_integer((json_int_t)export_cp_offset(art->text, c->end)));
		json_array_append_new(sel, p);
	} else {
		/* an orphan: only what the file says */
		json_object_set_new(q, "exact", jss(c->quote));
		json_object_set_new(q, "prefix", jss(c->prefix ? c->prefix : ""));
		json_object_set_new(q, "suffix", jss(c->suffix ? c->suffix : ""));
		json_array_append_new(sel, q);
	}
	json_object_set_new(target, "selector", sel);
	json_object_set_new(a, "target", target);
	return a;
}

static json_t *link_annotation(const struct link *l)
{
	json_t *a = json_object();
	char *id = jsonld_id("link", l->id);
	json_object_set_new(a, "id", json_string(id));
	free(id);
	json_object_set_new(a, "type", json_string("Annotation"));
	json_object_set_new(a, "motivation", json_string("linking"));
	json_t *body = json_array();
	json_array_append_new(body, tag_body(JSONLD_REL, annot_rel_name(l->rel)));
	if (l->note) {
		json_t *n = json_object();
		json_object_set_new(n, "type", json_string("TextualBody"));
		json_object_set_new(n, "purpose", json_string("commenting"));
		json_object_set_new(n, "format", json_string("text/plain"));
		json_object_set_new(n, "value", jss(l->note));
		json_array_append_new(body, n);
	}
	json_object_set_new(a, "body", body);
	json_t *t = json_array();
	char *from = jsonld_id("claim", l->from), *to = jsonld_id("claim", l->to);
	json_array_append_new(t, json_string(from));
	json_array_append_new(t, json_string(to));
	free(from);
	free(to);
	json_object_set_new(a, "target", t);
	return a;
}

static json_t *note_annotation(const struct session *s, const struct note *n)
{
	json_t *a = json_object();
	char *id = jsonld_id("note", n->id);
	json_object_set_new(a, "id", json_string(id));
	free(id);
	json_object_set_new(a, "type", json_string("Annotation"));
	json_object_set_new(a, "motivation", json_string("commenting"));
	if (n->created)
		json_object_set_new(a, "created", jss(n->created));
	if (n->updated)
		json_object_set_new(a, "modified", jss(n->updated));
	json_t *body = json_array();
	json_t *t = json_object();
	json_object_set_new(t, "type", json_string("TextualBody"));
	json_object_set_new(t, "purpose", json_string("commenting"));
	json_object_set_new(t, "format", json_string("text/plain"));
	json_object_set_new(t, "value", jss(n->text));
	json_array_append_new(body, t);
	for (size_t i = 0; i < n->ntags; i++)
		json_array_append_new(body, tag_body(NULL, n->tags[i]));
	json_object_set_new(a, "body", body);
	/* on a claim or link: its annotation; on an article: the article */
	char *target;
	if (annot_find_claim(s->an, n->on) != ANNOT_NONE)
		target = jsonld_id("claim", n->on);
	else if (annot_find_link(s->an, n->on) != ANNOT_NONE)
		target = jsonld_id("link", n->on);
	else
		target = export_source_iri(s, annot_find_article(s->an, n->on));
	json_object_set_new(a, "target", json_string(target));
	free(target);
	return a;
}

int export_jsonld(const struct session *s, struct buf *out)
{
	const struct annot *an = s->an;
	json_t *items = json_array();
	size_t *order = export_claim_order(s);
	for (size_t k = 0; k < an->nclaims; k++)
		json_array_append_new(items, claim_annotation(s, &an->claims[order[k]]));
	free(order);
	for (size_t l = 0; l < an->nlinks; l++)
		json_array_append_new(items, link_annotation(&an->links[l]));
	for (size_t i = 0; i < an->nnotes; i++)
		json_array_append_new(items, note_annotation(s, &an->notes[i]));

	const char *name = s->annot_path ? strrchr(s->annot_path, '/') : NULL;
	name = name ? name + 1 : s->annot_path ? s->annot_path : "articles";
	json_t *root = json_object();
	json_object_set_new(root, "@context", json_string("http://www.w3.org/ns/anno.jsonld"));
	char *cid = jsonld_id("story", name);
	json_object_set_new(root, "id", json_string(cid));
	json_object_set_new(root, "type", json_string("AnnotationCollection"));
	json_object_set_new(root, "label", jss(name));
	json_object_set_new(root, "total", json_integer((json_int_t)json_array_size(items)));
	json_t *page = json_object();
	struct buf pid = {0};
	buf_printf(&pid, "%s:page1", cid);
	free(cid);
	json_object_set_new(page, "id", json_string(pid.s));
	buf_free(&pid);
	json_object_set_new(page, "type", json_string("AnnotationPage"));
	json_object_set_new(page, "startIndex", json_integer(0));
	json_object_set_new(page, "items", items);
	json_object_set_new(root, "first", page);
	char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (!text)
		return -1;
	buf_adds(out, text);
	buf_addc(out, '\n');
	free(text);
	return 0;
}
