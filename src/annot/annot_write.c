/* annot_write: owns turning one layer of the annotation model back into a
 * YAML document the loader (annot.c) reads back to the same entries. The
 * tree is built with yamltree and emitted by libyaml; known keys come first
 * in a fixed order, unknown keys follow as they were read. */
#include "crossread/annot/annot_write.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/base/hashmap.h"
#include "crossread/annot/yamltree.h"

static void set_str(struct ynode *m, const char *key, const char *val)
{
	if (val)
		ynode_map_set(m, key, ynode_scalar_new(val));
}

/* unknown keys, after the known ones; a known key never comes from extra */
static void add_extra(struct ynode *m, const struct ynode *extra)
{
	if (!extra || extra->type != YN_MAP)
		return;
	for (size_t i = 0; i + 1 < extra->n; i += 2) {
		const struct ynode *k = extra->items[i];
		if (k->type != YN_SCALAR || ynode_map_get(m, k->scalar))
			continue;
		ynode_map_set(m, k->scalar, ynode_clone(extra->items[i + 1]));
	}
}

/* tags in byte order, whatever order they were added in: the same set is
 * always the same lines, so merges and diffs compare them as sets */
static void set_tags(struct ynode *m, char *const *tags, size_t n)
{
	if (!n)
		return;
	char **v = xreallocarray(NULL, n, sizeof *v);
	memcpy(v, tags, n * sizeof *v);
	qsort(v, n, sizeof *v, str_ptr_cmp);
	struct ynode *seq = ynode_seq_new();
	for (size_t i = 0; i < n; i++)
		ynode_seq_push(seq, ynode_scalar_new(v[i]));
	free(v);
	ynode_map_set(m, "tags", seq);
}

struct ynode *annot_write_article(const struct annot_article *a, enum layer layer)
{
	struct ynode *m = ynode_map_new();
	set_str(m, "id", a->id);
	set_str(m, "path", a->path);
	add_extra(m, a->extra[layer]);
	return m;
}

struct ynode *annot_write_claim(const struct claim *c)
{
	struct ynode *m = ynode_map_new();
	set_str(m, "id", c->id);
	set_str(m, "article", c->article);
	set_str(m, "kind", annot_kind_name(c->kind));
	set_str(m, "by", c->by);
	set_str(m, "against", c->against);
	set_str(m, "prefix", c->prefix);
	set_str(m, "quote", c->quote);
	set_str(m, "suffix", c->suffix);
	if (c->at >= 0)
		ynode_map_set(m, "at", ynode_int_new(c->at));
	set_tags(m, c->tags, c->ntags);
	add_extra(m, c->extra);
	return m;
}

struct ynode *annot_write_link(const struct link *l, bool with_id)
{
	struct ynode *m = ynode_map_new();
	if (with_id || !l->id_generated)
		set_str(m, "id", l->id);
	set_str(m, "from", l->from);
	set_str(m, "to", l->to);
	set_str(m, "rel", annot_rel_name(l->rel));
	set_str(m, "note", l->note);
	add_extra(m, l->extra);
	return m;
}

struct ynode *annot_write_note(const struct note *n)
{
	struct ynode *m = ynode_map_new();
	set_str(m, "id", n->id);
	set_str(m, "on", n->on);
	set_str(m, "created", n->created);
	set_str(m, "updated", n->updated);
	set_str(m, "text", n->text);
	set_tags(m, n->tags, n->ntags);
	add_extra(m, n->extra);
	return m;
}

void annot_write_time(time_t t, char out[32])
{
	struct tm tm;
	if (!gmtime_r(&t, &tm) || strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, 32, "1970-01-01T00:00:00Z");
}

/* A generated link id must be written after all if a note of the layer
 * refers to it: otherwise the note would lose its link on reload. The ids
 * the layer's notes name, once, so that each link is one lookup. */
static void notes_named(const struct annot *an, enum layer layer, struct hashmap *on)
{
	for (size_t i = 0; i < an->nnotes; i++)
		if (an->notes[i].layer == layer && an->notes[i].on)
			hashmap_put(on, an->notes[i].on, strlen(an->notes[i].on), NULL);
}

int annot_write_layer(const struct annot *an, enum layer layer, struct buf *out)
{
	struct ynode *root = ynode_map_new();
	ynode_map_set(root, "version", ynode_int_new(1));
	if (layer == LAYER_PERSONAL && an->over)
		ynode_map_set(root, "over", ynode_scalar_new(an->over));

	struct ynode *arts = ynode_seq_new();
	/* every article, those of the layer below too: a personal file can
	 * then be read (and checked) on its own; each with this layer's
	 * unknown keys only */
	for (size_t i = 0; i < an->narticles; i++)
		ynode_seq_push(arts, annot_write_article(&an->articles[i], layer));
	struct ynode *claims = ynode_seq_new();
	for (size_t i = 0; i < an->nclaims; i++)
		if (an->claims[i].layer == layer)
			ynode_seq_push(claims, annot_write_claim(&an->claims[i]));
	struct ynode *links = ynode_seq_new();
	struct hashmap named = {0};
	notes_named(an, layer, &named);
	for (size_t i = 0; i < an->nlinks; i++) {
		const struct link *l = &an->links[i];
		if (l->layer == layer)
			ynode_seq_push(links,
				       annot_write_link(
					   l, l->id && hashmap_get(&named, l->id, strlen(l->id))));
	}
	hashmap_free(&named);
	struct ynode *notes = ynode_seq_new();
	for (size_t i = 0; i < an->nnotes; i++)
		if (an->notes[i].layer == layer)
			ynode_seq_push(notes, annot_write_note(&an->notes[i]));

	/* empty sections are left out: the loader treats them as absent */
	struct ynode *secs[] = {arts, claims, links, notes};
	static const char *const names[] = {"articles", "claims", "links", "notes"};
	for (size_t i = 0; i < 4; i++) {
		if (secs[i]->n)
			ynode_map_set(root, names[i], secs[i]);
		else
			ynode_free(secs[i]);
	}
	/* this layer's own unknown top-level keys, never another layer's */
	add_extra(root, an->extra[layer]);
	struct buf tmp = {0};
	int rc = ynode_emit(root, &tmp);
	ynode_free(root);
	if (rc == 0)
		buf_add(out, tmp.s ? tmp.s : "", tmp.len);
	buf_free(&tmp);
	return rc;
}
