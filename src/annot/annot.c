/* annot: owns the annotation model and loading format version 1 from a
 * yamltree (see annotations/README.md): schema checks with FILE:LINE:COL
 * diagnostics, layering the personal file over the curated one, and keeping
 * unknown keys so that saving writes them back. */
#include "crossread/annot/annot.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/base/hashmap.h"
#include "crossread/base/path.h"
#include "crossread/base/util.h"
#include "crossread/annot/yamltree.h"

static const char *const kind_names[] = {"claim", "accusation", "rebuttal"};
static const char *const rel_names[ANNOT_NRELS] = {"rebuts", "same", "supports", "counters",
						   "contradicts"};

const char *annot_kind_name(enum claim_kind k)
{
	return (unsigned)k < 3 ? kind_names[k] : "?";
}

const char *annot_rel_name(enum link_rel r)
{
	return (unsigned)r < ANNOT_NRELS ? rel_names[r] : "?";
}

int annot_kind_parse(const char *name, enum claim_kind *out)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(name, kind_names[i]) == 0) {
			*out = (enum claim_kind)i;
			return 0;
		}
	return -1;
}

int annot_rel_parse(const char *name, enum link_rel *out)
{
	for (int i = 0; i < ANNOT_NRELS; i++)
		if (strcmp(name, rel_names[i]) == 0) {
			*out = (enum link_rel)i;
			return 0;
		}
	return -1;
}

/* ------------------------------------------------------------ id index */

/* Lookups by id go through one hash map per kind, kept in step with the
 * arrays without every writer having to say so: an array that only grew
 * since the last look (its last indexed entry is still in place) has its
 * new tail added, any other change of count rebuilds the map, and a hit is
 * checked against the entry it names (a mismatch rebuilds). An id changed
 * in place, or entries removed and added between two lookups, needs
 * annot_resolve_links(), which rebuilds. An id given twice finds its first
 * entry, as a scan would. */
enum { IX_ARTICLE, IX_CLAIM, IX_LINK, IX_NOTE, IX_KINDS };
struct annot_index {
	struct hashmap map[IX_KINDS];
	size_t n[IX_KINDS];	    /* entries indexed */
	const char *last[IX_KINDS]; /* the id string of entry n - 1 when indexed */
};

static size_t ix_count(const struct annot *an, int k)
{
	return k == IX_ARTICLE ? an->narticles
	       : k == IX_CLAIM ? an->nclaims
	       : k == IX_LINK  ? an->nlinks
			       : an->nnotes;
}

static const char *ix_id(const struct annot *an, int k, size_t i)
{
	return k == IX_ARTICLE ? an->articles[i].id
	       : k == IX_CLAIM ? an->claims[i].id
	       : k == IX_LINK  ? an->links[i].id
			       : an->notes[i].id;
}

static void ix_add_from(struct annot_index *ix, const struct annot *an, int k, size_t from)
{
	size_t n = ix_count(an, k);
	hashmap_reserve(&ix->map[k], ix->map[k].n + (n - from));
	for (size_t i = from; i < n; i++) {
		const char *id = ix_id(an, k, i);
		if (!id)
			continue;
		bool added;
		size_t *v = hashmap_put(&ix->map[k], id, strlen(id), &added);
		if (added)
			*v = i;
	}
	ix->n[k] = n;
	ix->last[k] = n ? ix_id(an, k, n - 1) : NULL;
}

static void ix_rebuild(struct annot_index *ix, const struct annot *an, int k)
{
	hashmap_free(&ix->map[k]);
	ix_add_from(ix, an, k, 0);
}

static void ix_sync(struct annot_index *ix, const struct annot *an, int k)
{
	size_t n = ix_count(an, k), had = ix->n[k];
	bool tail_kept = !had || (had <= n && ix_id(an, k, had - 1) == ix->last[k]);
	if (n == had && tail_kept)
		return;
	if (n > had && tail_kept)
		ix_add_from(ix, an, k, had);
	else
		ix_rebuild(ix, an, k);
}

/* Every entry finds itself (or the first entry of its id): then the map
 * is right for every id there is, and a key left from an id changed since
 * fails the check of a hit in ix_find. n lookups, no allocation, where a
 * rebuild would copy every key. */
static bool ix_consistent(const struct annot_index *ix, const struct annot *an, int k)
{
	size_t n = ix_count(an, k);
	if (ix->n[k] != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		const char *id = ix_id(an, k, i);
		if (!id)
			continue;
		size_t j = hashmap_gets(&ix->map[k], id, ANNOT_NONE);
		if (j != i && (j > i || !ix_id(an, k, j) || strcmp(ix_id(an, k, j), id) != 0))
			return false;
	}
	return true;
}

static size_t ix_find(const struct annot *an, int k, const char *id)
{
	if (!an || !id)
		return ANNOT_NONE;
	struct annot_index *ix = an->index;
	if (!ix) {
		/* an annot not made by annot_new (a test's own): scan */
		for (size_t i = 0; i < ix_count(an, k); i++)
			if (ix_id(an, k, i) && strcmp(ix_id(an, k, i), id) == 0)
				return i;
		return ANNOT_NONE;
	}
	ix_sync(ix, an, k);
	for (int attempt = 0; attempt < 2; attempt++) {
		size_t i = hashmap_gets(&ix->map[k], id, ANNOT_NONE);
		if (i == ANNOT_NONE)
			return ANNOT_NONE;
		if (i < ix_count(an, k) && ix_id(an, k, i) && strcmp(ix_id(an, k, i), id) == 0)
			return i;
		ix_rebuild(ix, an, k);
	}
	return ANNOT_NONE;
}

static void ix_free(struct annot_index *ix)
{
	if (!ix)
		return;
	for (int k = 0; k < IX_KINDS; k++)
		hashmap_free(&ix->map[k]);
	free(ix);
}

struct annot *annot_new(void)
{
	struct annot *an = xcalloc(1, sizeof *an);
	an->version = 1;
	an->index = xcalloc(1, sizeof *an->index);
	return an;
}

static void tags_free(char **tags, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(tags[i]);
	free(tags);
}

static char **tags_copy(char *const *tags, size_t n)
{
	if (!n)
		return NULL;
	char **v = xreallocarray(NULL, n, sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = xstrdup(tags[i]);
	return v;
}

bool annot_has_tag(char *const *tags, size_t n, const char *t)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(tags[i], t) == 0)
			return true;
	return false;
}

static void article_clear(struct annot_article *a)
{
	free(a->id);
	free(a->path);
	free(a->fullpath);
	ynode_free(a->extra[LAYER_CURATED]);
	ynode_free(a->extra[LAYER_PERSONAL]);
}

void annot_claim_clear(struct claim *c)
{
	free(c->id);
	free(c->article);
	free(c->quote);
	free(c->prefix);
	free(c->suffix);
	free(c->by);
	free(c->against);
	tags_free(c->tags, c->ntags);
	ynode_free(c->extra);
}

void annot_link_clear(struct link *l)
{
	free(l->id);
	free(l->from);
	free(l->to);
	free(l->note);
	ynode_free(l->extra);
}

void annot_note_clear(struct note *n)
{
	free(n->id);
	free(n->on);
	free(n->text);
	free(n->created);
	free(n->updated);
	tags_free(n->tags, n->ntags);
	ynode_free(n->extra);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void annot_claim_copy(struct claim *dst, const struct claim *src)
{
	*dst = *src;
	dst->id = dup_or_null(src->id);
	dst->article = dup_or_null(src->article);
	dst->quote = dup_or_null(src->quote);
	dst->prefix = dup_or_null(src->prefix);
	dst->suffix = dup_or_null(src->suffix);
	dst->by = dup_or_null(src->by);
	dst->against = dup_or_null(src->against);
	dst->tags = tags_copy(src->tags, src->ntags);
	dst->extra = ynode_clone(src->extra);
}

void annot_link_copy(struct link *dst, const struct link *src)
{
	*dst = *src;
	dst->id = dup_or_null(src->id);
	dst->from = dup_or_null(src->from);
	dst->to = dup_or_null(src->to);
	dst->note = dup_or_null(src->note);
	dst->extra = ynode_clone(src->extra);
}

void annot_note_copy(struct note *dst, const struct note *src)
{
	*dst = *src;
	dst->id = dup_or_null(src->id);
	dst->on = dup_or_null(src->on);
	dst->text = dup_or_null(src->text);
	dst->created = dup_or_null(src->created);
	dst->updated = dup_or_null(src->updated);
	dst->tags = tags_copy(src->tags, src->ntags);
	dst->extra = ynode_clone(src->extra);
}

/* ------------------------------------------------ entries of any type */

/* generic code reads a claim, link or note through its header */
static_assert(offsetof(struct claim, entry) == 0 && offsetof(struct link, entry) == 0 &&
		  offsetof(struct note, entry) == 0,
	      "an entry starts with its header");
static_assert(offsetof(struct claim, extra) == offsetof(struct annot_entry, extra) &&
		  offsetof(struct claim, col) == offsetof(struct annot_entry, col),
	      "the unnamed header fields are the named ones");

static bool str_same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* unknown keys: none and an empty mapping write the same */
static bool extra_same(const struct ynode *a, const struct ynode *b)
{
	if ((!a || !a->n) && (!b || !b->n))
		return true;
	return ynode_equal(a, b);
}

/* tags are written in byte order: the same set is the same lines */
static bool tags_same(char *const *a, size_t na, char *const *b, size_t nb)
{
	if (na != nb)
		return false;
	bool in_order = true;
	for (size_t i = 0; i < na && in_order; i++)
		in_order = strcmp(a[i], b[i]) == 0;
	if (in_order)
		return true;
	char **x = xreallocarray(NULL, na, sizeof *x), **y = xreallocarray(NULL, na, sizeof *y);
	memcpy(x, a, na * sizeof *x);
	memcpy(y, b, na * sizeof *y);
	qsort(x, na, sizeof *x, str_ptr_cmp);
	qsort(y, na, sizeof *y, str_ptr_cmp);
	bool eq = true;
	for (size_t i = 0; i < na && eq; i++)
		eq = strcmp(x[i], y[i]) == 0;
	free(x);
	free(y);
	return eq;
}

static bool claim_same(const struct annot_entry *ea, const struct annot_entry *eb)
{
	const struct claim *a = (const struct claim *)ea, *b = (const struct claim *)eb;
	return str_same(a->id, b->id) && str_same(a->article, b->article) &&
	       strcmp(annot_kind_name(a->kind), annot_kind_name(b->kind)) == 0 &&
	       str_same(a->by, b->by) && str_same(a->against, b->against) &&
	       str_same(a->prefix, b->prefix) && str_same(a->quote, b->quote) &&
	       str_same(a->suffix, b->suffix) && (a->at < 0 ? b->at < 0 : a->at == b->at) &&
	       tags_same(a->tags, a->ntags, b->tags, b->ntags) && extra_same(a->extra, b->extra);
}

static bool link_same(const struct annot_entry *ea, const struct annot_entry *eb)
{
	const struct link *a = (const struct link *)ea, *b = (const struct link *)eb;
	/* a generated id is not written: it means nothing across versions */
	return str_same(a->id_generated ? NULL : a->id, b->id_generated ? NULL : b->id) &&
	       str_same(a->from, b->from) && str_same(a->to, b->to) &&
	       strcmp(annot_rel_name(a->rel), annot_rel_name(b->rel)) == 0 &&
	       str_same(a->note, b->note) && extra_same(a->extra, b->extra);
}

static bool note_same(const struct annot_entry *ea, const struct annot_entry *eb)
{
	const struct note *a = (const struct note *)ea, *b = (const struct note *)eb;
	return str_same(a->id, b->id) && str_same(a->on, b->on) &&
	       str_same(a->created, b->created) && str_same(a->updated, b->updated) &&
	       str_same(a->text, b->text) && tags_same(a->tags, a->ntags, b->tags, b->ntags) &&
	       extra_same(a->extra, b->extra);
}

static void claim_clear_e(struct annot_entry *e)
{
	annot_claim_clear((struct claim *)e);
}
static void link_clear_e(struct annot_entry *e)
{
	annot_link_clear((struct link *)e);
}
static void note_clear_e(struct annot_entry *e)
{
	annot_note_clear((struct note *)e);
}
static void claim_copy_e(struct annot_entry *d, const struct annot_entry *s)
{
	annot_claim_copy((struct claim *)d, (const struct claim *)s);
}
static void link_copy_e(struct annot_entry *d, const struct annot_entry *s)
{
	annot_link_copy((struct link *)d, (const struct link *)s);
}
static void note_copy_e(struct annot_entry *d, const struct annot_entry *s)
{
	annot_note_copy((struct note *)d, (const struct note *)s);
}

const struct annot_entry_type annot_entry_types[ENTRY_NTYPES] = {
    [ENTRY_CLAIM] = {"claim", sizeof(struct claim), claim_clear_e, claim_copy_e, claim_same},
    [ENTRY_LINK] = {"link", sizeof(struct link), link_clear_e, link_copy_e, link_same},
    [ENTRY_NOTE] = {"note", sizeof(struct note), note_clear_e, note_copy_e, note_same},
};

size_t annot_entry_count(const struct annot *an, enum annot_type t)
{
	return t == ENTRY_CLAIM ? an->nclaims : t == ENTRY_LINK ? an->nlinks : an->nnotes;
}

struct annot_entry *annot_entry_at(struct annot *an, enum annot_type t, size_t i)
{
	return t == ENTRY_CLAIM	 ? &an->claims[i].entry
	       : t == ENTRY_LINK ? &an->links[i].entry
				 : &an->notes[i].entry;
}

struct annot_entry *annot_entry_push(struct annot *an, enum annot_type t)
{
	struct annot_entry *e;
	if (t == ENTRY_CLAIM) {
		GROW(an->claims, an->claims_cap, size_add(an->nclaims, 1));
		e = &an->claims[an->nclaims++].entry;
	} else if (t == ENTRY_LINK) {
		GROW(an->links, an->links_cap, size_add(an->nlinks, 1));
		e = &an->links[an->nlinks++].entry;
	} else {
		GROW(an->notes, an->notes_cap, size_add(an->nnotes, 1));
		e = &an->notes[an->nnotes++].entry;
	}
	memset(e, 0, annot_entry_types[t].size);
	return e;
}

size_t annot_entry_find(const struct annot *an, enum annot_type t, const char *id)
{
	return t == ENTRY_CLAIM	 ? annot_find_claim(an, id)
	       : t == ENTRY_LINK ? annot_find_link(an, id)
				 : annot_find_note(an, id);
}

void annot_free(struct annot *an)
{
	if (!an)
		return;
	for (size_t i = 0; i < an->narticles; i++)
		article_clear(&an->articles[i]);
	for (size_t i = 0; i < an->nclaims; i++)
		annot_claim_clear(&an->claims[i]);
	for (size_t i = 0; i < an->nlinks; i++)
		annot_link_clear(&an->links[i]);
	for (size_t i = 0; i < an->nnotes; i++)
		annot_note_clear(&an->notes[i]);
	free(an->articles);
	free(an->claims);
	free(an->links);
	free(an->notes);
	ynode_free(an->extra[LAYER_CURATED]);
	ynode_free(an->extra[LAYER_PERSONAL]);
	free(an->path);
	free(an->over);
	ix_free(an->index);
	free(an);
}

void annot_drop_layer(struct annot *an, enum layer layer)
{
	size_t k = 0;
	for (size_t i = 0; i < an->nclaims; i++) {
		if (an->claims[i].layer == layer)
			annot_claim_clear(&an->claims[i]);
		else
			an->claims[k++] = an->claims[i];
	}
	an->nclaims = k;
	k = 0;
	for (size_t i = 0; i < an->nlinks; i++) {
		if (an->links[i].layer == layer)
			annot_link_clear(&an->links[i]);
		else
			an->links[k++] = an->links[i];
	}
	an->nlinks = k;
	k = 0;
	for (size_t i = 0; i < an->nnotes; i++) {
		if (an->notes[i].layer == layer)
			annot_note_clear(&an->notes[i]);
		else
			an->notes[k++] = an->notes[i];
	}
	an->nnotes = k;
	annot_resolve_links(an);
}

size_t annot_find_article(const struct annot *an, const char *id)
{
	return ix_find(an, IX_ARTICLE, id);
}

size_t annot_find_claim(const struct annot *an, const char *id)
{
	return ix_find(an, IX_CLAIM, id);
}

size_t annot_find_link(const struct annot *an, const char *id)
{
	return ix_find(an, IX_LINK, id);
}

size_t annot_find_note(const struct annot *an, const char *id)
{
	return ix_find(an, IX_NOTE, id);
}

size_t annot_article_for(const struct annot *an, const char *article_path)
{
	if (!an || !article_path)
		return ANNOT_NONE;
	for (size_t i = 0; i < an->narticles; i++)
		if (strcmp(an->articles[i].fullpath, article_path) == 0)
			return i;
	char *want = realpath(article_path, NULL);
	if (!want)
		return ANNOT_NONE;
	size_t found = ANNOT_NONE;
	for (size_t i = 0; i < an->narticles && found == ANNOT_NONE; i++) {
		char *have = realpath(an->articles[i].fullpath, NULL);
		if (have && strcmp(have, want) == 0)
			found = i;
		free(have);
	}
	free(want);
	return found;
}

/* ids taken while loading (the first index given wins) */
static void idx_add(struct hashmap *ix, const char *id, size_t i)
{
	if (!id)
		return;
	bool added;
	size_t *v = hashmap_put(ix, id, strlen(id), &added);
	if (added)
		*v = i;
}

static size_t idx_get(const struct hashmap *ix, const char *id)
{
	return hashmap_gets(ix, id, ANNOT_NONE);
}

void annot_resolve_links(struct annot *an)
{
	if (an->index)
		for (int k = 0; k < IX_KINDS; k++)
			if (!ix_consistent(an->index, an, k))
				ix_rebuild(an->index, an, k);
	for (size_t i = 0; i < an->nlinks; i++) {
		an->links[i].from_i = annot_find_claim(an, an->links[i].from);
		an->links[i].to_i = annot_find_claim(an, an->links[i].to);
	}
	for (size_t i = 0; i < an->nclaims; i++)
		an->claims[i].art = annot_find_article(an, an->claims[i].article);
}

/* -------------------------------------------------------------- loading */

struct ctx {
	const char *name;
	struct diag_list *d;
	enum layer layer;
	struct annot *an;
	size_t errors;
	/* ids already taken: articles; claims and links (one namespace, since
	 * a note's `on` may name either); notes */
	struct hashmap arts, cl, notes;
	/* annot_load_over: the curated layer below, looked up, never copied
	 * (its first lower_arts articles are the curated file's) */
	const struct annot *lower;
	size_t lower_arts;
};

enum ns { NS_ARTS, NS_CL, NS_CLAIMS, NS_NOTES };

/* Is id one of the lower layer's (annot_load_over)? NS_CL: a claim or a
 * link, NS_CLAIMS: a claim. */
static bool lower_has(const struct ctx *c, enum ns ns, const char *id)
{
	const struct annot *lo = c->lower;
	if (!lo || !id)
		return false;
	size_t i;
	switch (ns) {
	case NS_ARTS:
		i = annot_find_article(lo, id);
		return i != ANNOT_NONE && i < c->lower_arts;
	case NS_CL:
		i = annot_find_link(lo, id);
		if (i != ANNOT_NONE && lo->links[i].layer == LAYER_CURATED)
			return true;
		/* fall through */
	case NS_CLAIMS:
		i = annot_find_claim(lo, id);
		return i != ANNOT_NONE && lo->claims[i].layer == LAYER_CURATED;
	case NS_NOTES:
		i = annot_find_note(lo, id);
		return i != ANNOT_NONE && lo->notes[i].layer == LAYER_CURATED;
	}
	return false;
}

/* id taken in namespace ns: in this load's map, or by the layer below */
static bool taken(const struct ctx *c, const struct hashmap *ix, enum ns ns, const char *id)
{
	return idx_get(ix, id) != ANNOT_NONE || lower_has(c, ns, id);
}

static void report(struct ctx *c, const struct ynode *at, enum diag_severity sev, const char *fmt,
		   ...) __attribute__((format(printf, 4, 5)));
static void report(struct ctx *c, const struct ynode *at, enum diag_severity sev, const char *fmt,
		   ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_add(c->d, c->name, at ? at->line : 1, at ? at->col : 1, sev, "%s", msg);
	if (sev == DIAG_ERROR)
		c->errors++;
}

/* A short, printable excerpt of a scalar for messages (diag_print
 * sanitises; this only bounds the length). */
static const char *shown(const char *s, char out[64])
{
	size_t n = strlen(s);
	if (n < 60) {
		memcpy(out, s, n + 1);
	} else {
		memcpy(out, s, 56);
		memcpy(out + 56, "...", 4);
	}
	return out;
}

static bool is_null_scalar(const struct ynode *v)
{
	if (v->type != YN_SCALAR || v->style != YS_PLAIN)
		return false;
	return v->scalar_len == 0 || strcmp(v->scalar, "~") == 0 ||
	       strcmp(v->scalar, "null") == 0 || strcmp(v->scalar, "Null") == 0 ||
	       strcmp(v->scalar, "NULL") == 0;
}

/* Fetch key as a string. Absent or null: *out stays NULL; if required that
 * is an error at the entry. Returns false on an error (reported). */
static bool get_str(struct ctx *c, const struct ynode *map, const char *key, bool required,
		    char **out, const char *what)
{
	const struct ynode *v = ynode_map_get(map, key);
	*out = NULL;
	if (!v || is_null_scalar(v)) {
		if (required) {
			report(c, map, DIAG_ERROR, "%s: missing required key \"%s\"", what, key);
			return false;
		}
		return true;
	}
	if (v->type != YN_SCALAR) {
		report(c, v, DIAG_ERROR, "%s: \"%s\" must be a string, not a %s", what, key,
		       v->type == YN_SEQ ? "list" : "mapping");
		return false;
	}
	if (strlen(v->scalar) != v->scalar_len) {
		report(c, v, DIAG_ERROR, "%s: \"%s\" contains a NUL character", what, key);
		return false;
	}
	if (required && v->scalar_len == 0) {
		report(c, v, DIAG_ERROR, "%s: \"%s\" must not be empty", what, key);
		return false;
	}
	*out = xstrndup(v->scalar, v->scalar_len);
	return true;
}

/* `tags:` a list of short strings: at most ANNOT_MAX_TAGS, each 1 to
 * ANNOT_MAX_TAG bytes on one line. A tag given twice is kept once (a
 * warning). Absent or null: no tags. Returns false on an error (reported). */
static bool get_tags(struct ctx *c, const struct ynode *map, char ***out, size_t *nout,
		     const char *what)
{
	const struct ynode *v = ynode_map_get(map, "tags");
	*out = NULL;
	*nout = 0;
	if (!v || is_null_scalar(v))
		return true;
	if (v->type != YN_SEQ) {
		report(c, v, DIAG_ERROR, "%s: \"tags\" must be a list of strings", what);
		return false;
	}
	if (v->n > ANNOT_MAX_TAGS) {
		report(c, v, DIAG_ERROR, "%s: more than %d tags", what, ANNOT_MAX_TAGS);
		return false;
	}
	char **tags = v->n ? xreallocarray(NULL, v->n, sizeof *tags) : NULL;
	size_t n = 0;
	bool ok = true;
	for (size_t i = 0; i < v->n && ok; i++) {
		const struct ynode *t = v->items[i];
		if (t->type != YN_SCALAR) {
			report(c, t, DIAG_ERROR, "%s: a tag must be a string, not a %s", what,
			       t->type == YN_SEQ ? "list" : "mapping");
			ok = false;
		} else if (t->scalar_len == 0 || t->scalar_len > ANNOT_MAX_TAG) {
			report(c, t, DIAG_ERROR, "%s: a tag must be 1 to %d bytes long", what,
			       ANNOT_MAX_TAG);
			ok = false;
		} else if (strlen(t->scalar) != t->scalar_len || strpbrk(t->scalar, "\t\r\n")) {
			report(c, t, DIAG_ERROR, "%s: a tag must be one line of text", what);
			ok = false;
		} else if (annot_has_tag(tags, n, t->scalar)) {
			char tmp[64];
			report(c, t, DIAG_WARNING, "%s: tag \"%s\" given twice (kept once)", what,
			       shown(t->scalar, tmp));
		} else {
			tags[n++] = xstrndup(t->scalar, t->scalar_len);
		}
	}
	if (!ok) {
		tags_free(tags, n);
		return false;
	}
	*out = tags;
	*nout = n;
	return true;
}

/* Unknown keys are kept (cloned) for saving and warned about, once. */
static struct ynode *keep_unknown(struct ctx *c, const struct ynode *map, const char *const *known,
				  const char *what)
{
	struct ynode *extra = NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const struct ynode *k = map->items[i];
		bool ok = false;
		for (size_t j = 0; known[j] && !ok; j++)
			ok = strlen(known[j]) == k->scalar_len &&
			     memcmp(known[j], k->scalar, k->scalar_len) == 0;
		if (ok)
			continue;
		char tmp[64];
		report(c, k, DIAG_WARNING, "%s: unknown key \"%s\" (kept, ignored)", what,
		       shown(k->scalar, tmp));
		if (!extra)
			extra = ynode_map_new();
		ynode_seq_push(extra, ynode_clone(k));
		ynode_seq_push(extra, ynode_clone(map->items[i + 1]));
	}
	return extra;
}

/* Claims and links share an id namespace; articles and notes have their
 * own. A clash within this file or with a lower layer is an error. */
static bool id_free(struct ctx *c, struct hashmap *ix, enum ns ns, const char *id,
		    const struct ynode *at, const char *what)
{
	if (!taken(c, ix, ns, id))
		return true;
	char tmp[64];
	report(c, ynode_map_get(at, "id") ? ynode_map_get(at, "id") : at, DIAG_ERROR,
	       "%s: duplicate id \"%s\"%s", what, shown(id, tmp),
	       c->layer == LAYER_PERSONAL ? " (already used in this file or the curated file)"
					  : "");
	return false;
}

size_t annot_max_nodes(size_t len)
{
	return len / ANNOT_BYTES_PER_NODE + ANNOT_NODES_FLOOR;
}

char *annot_resolve_path(const char *annot_path, const char *rel)
{
	return path_resolve(annot_path, rel);
}

static const struct ynode *get_seq(struct ctx *c, const struct ynode *root, const char *key)
{
	const struct ynode *v = ynode_map_get(root, key);
	if (!v || is_null_scalar(v))
		return NULL;
	if (v->type != YN_SEQ) {
		report(c, v, DIAG_ERROR, "\"%s\" must be a list", key);
		return NULL;
	}
	return v;
}

static bool entry_is_map(struct ctx *c, const struct ynode *e, const char *what)
{
	if (e->type == YN_MAP)
		return true;
	report(c, e, DIAG_ERROR, "each %s must be a mapping", what);
	return false;
}

static struct annot_article *push_article(struct ctx *c, char *id, char *path,
					  const struct ynode *e)
{
	struct annot *an = c->an;
	GROW(an->articles, an->articles_cap, an->narticles + 1);
	struct annot_article *a = &an->articles[an->narticles];
	memset(a, 0, sizeof *a);
	a->id = id;
	a->path = path;
	a->fullpath = annot_resolve_path(c->name, path);
	a->line = e->line;
	a->col = e->col;
	idx_add(&c->arts, a->id, an->narticles);
	an->narticles++;
	return a;
}

static void load_articles(struct ctx *c, const struct ynode *seq)
{
	static const char *const known[] = {"id", "path", NULL};
	size_t before = c->an->narticles;
	for (size_t i = 0; seq && i < seq->n; i++) {
		const struct ynode *e = seq->items[i];
		if (!entry_is_map(c, e, "article"))
			continue;
		char *id, *path;
		bool ok = get_str(c, e, "id", true, &id, "article");
		ok = get_str(c, e, "path", true, &path, "article") && ok;
		/* a personal file names the curated file's articles again so it
		 * can be checked alone: the same id for the same file is fine */
		if (ok && c->layer == LAYER_PERSONAL) {
			size_t prev = annot_find_article(c->an, id);
			struct annot_article *pa = NULL;
			const char *below = NULL;
			if (prev != ANNOT_NONE && prev < before) {
				pa = &c->an->articles[prev];
				below = pa->fullpath;
			} else if (lower_has(c, NS_ARTS, id)) {
				/* loaded alone (annot_load_over): the entry lands
				 * here, as this file's own */
				below =
				    c->lower->articles[annot_find_article(c->lower, id)].fullpath;
				pa = prev != ANNOT_NONE ? &c->an->articles[prev] : NULL;
			}
			char *full = below ? annot_resolve_path(c->name, path) : NULL;
			bool same = below && path_same_file(below, full);
			free(full);
			if (same) {
				/* its path is only ever written into this file:
				 * keep it as this file says it; its unknown keys
				 * are this entry's own */
				if (!pa) {
					pa = push_article(c, id, path, e);
				} else {
					free(pa->path);
					pa->path = path;
					free(id);
				}
				ynode_free(pa->extra[LAYER_PERSONAL]);
				pa->extra[LAYER_PERSONAL] = keep_unknown(c, e, known, "article");
				continue;
			}
		}
		if (ok && !id_free(c, &c->arts, NS_ARTS, id, e, "article"))
			ok = false;
		if (!ok) {
			free(id);
			free(path);
			continue;
		}
		struct annot_article *a = push_article(c, id, path, e);
		a->extra[c->layer] = keep_unknown(c, e, known, "article");
	}
}

/* `at`: a plain non-negative integer that fits a long. */
static bool get_at(struct ctx *c, const struct ynode *map, long *out)
{
	const struct ynode *v = ynode_map_get(map, "at");
	*out = -1;
	if (!v || is_null_scalar(v))
		return true;
	bool ok =
	    v->type == YN_SCALAR && v->style == YS_PLAIN && v->scalar_len > 0 && v->scalar_len < 19;
	for (size_t i = 0; ok && i < v->scalar_len; i++)
		ok = v->scalar[i] >= '0' && v->scalar[i] <= '9';
	if (!ok) {
		report(c, v, DIAG_ERROR, "claim: \"at\" must be a non-negative integer");
		return false;
	}
	*out = strtol(v->scalar, NULL, 10);
	return true;
}

static void load_claims(struct ctx *c, const struct ynode *seq)
{
	static const char *const known[] = {"id",   "article", "quote",	  "prefix", "suffix", "at",
					    "kind", "by",      "against", "tags",   NULL};
	for (size_t i = 0; seq && i < seq->n; i++) {
		const struct ynode *e = seq->items[i];
		if (!entry_is_map(c, e, "claim"))
			continue;
		struct claim cl;
		memset(&cl, 0, sizeof cl);
		char *kind = NULL;
		bool ok = get_str(c, e, "id", true, &cl.id, "claim");
		ok = get_str(c, e, "article", true, &cl.article, "claim") && ok;
		ok = get_str(c, e, "quote", true, &cl.quote, "claim") && ok;
		ok = get_str(c, e, "prefix", false, &cl.prefix, "claim") && ok;
		ok = get_str(c, e, "suffix", false, &cl.suffix, "claim") && ok;
		ok = get_str(c, e, "kind", true, &kind, "claim") && ok;
		ok = get_str(c, e, "by", false, &cl.by, "claim") && ok;
		ok = get_str(c, e, "against", false, &cl.against, "claim") && ok;
		ok = get_at(c, e, &cl.at) && ok;
		ok = get_tags(c, e, &cl.tags, &cl.ntags, "claim") && ok;
		if (kind && annot_kind_parse(kind, &cl.kind) != 0) {
			char tmp[64];
			report(c, ynode_map_get(e, "kind"), DIAG_ERROR,
			       "claim: unknown kind \"%s\" (accusation, rebuttal or claim)",
			       shown(kind, tmp));
			ok = false;
		}
		free(kind);
		if (ok && !taken(c, &c->arts, NS_ARTS, cl.article)) {
			char tmp[64];
			report(c, ynode_map_get(e, "article"), DIAG_ERROR,
			       "claim: unknown article \"%s\"", shown(cl.article, tmp));
			ok = false;
		}
		if (ok && !id_free(c, &c->cl, NS_CL, cl.id, e, "claim"))
			ok = false;
		if (!ok) {
			free(cl.id);
			free(cl.article);
			free(cl.quote);
			free(cl.prefix);
			free(cl.suffix);
			free(cl.by);
			free(cl.against);
			tags_free(cl.tags, cl.ntags);
			continue;
		}
		cl.layer = c->layer;
		cl.extra = keep_unknown(c, e, known, "claim");
		cl.line = e->line;
		cl.col = e->col;
		cl.art = ANNOT_NONE;
		cl.how = ANCHOR_NONE;
		struct annot *an = c->an;
		GROW(an->claims, an->claims_cap, an->nclaims + 1);
		an->claims[an->nclaims] = cl;
		idx_add(&c->cl, an->claims[an->nclaims].id, an->nclaims);
		an->nclaims++;
	}
}

static void load_links(struct ctx *c, const struct ynode *seq, struct hashmap *claim_ids)
{
	static const char *const known[] = {"id", "from", "to", "rel", "note", NULL};
	size_t first = c->an->nlinks;
	for (size_t i = 0; seq && i < seq->n; i++) {
		const struct ynode *e = seq->items[i];
		if (!entry_is_map(c, e, "link"))
			continue;
		struct link l;
		memset(&l, 0, sizeof l);
		char *rel = NULL;
		bool ok = get_str(c, e, "from", true, &l.from, "link");
		ok = get_str(c, e, "to", true, &l.to, "link") && ok;
		ok = get_str(c, e, "rel", true, &rel, "link") && ok;
		ok = get_str(c, e, "note", false, &l.note, "link") && ok;
		ok = get_str(c, e, "id", false, &l.id, "link") && ok;
		if (rel && annot_rel_parse(rel, &l.rel) != 0) {
			char tmp[64];
			report(c, ynode_map_get(e, "rel"), DIAG_ERROR,
			       "link: unknown rel \"%s\" (rebuts, same, supports, counters or "
			       "contradicts)",
			       shown(rel, tmp));
			ok = false;
		}
		free(rel);
		char tmp[64];
		if (l.from && !taken(c, claim_ids, NS_CLAIMS, l.from)) {
			report(c, ynode_map_get(e, "from"), DIAG_ERROR,
			       "link: unknown claim \"%s\"", shown(l.from, tmp));
			ok = false;
		}
		if (l.to && !taken(c, claim_ids, NS_CLAIMS, l.to)) {
			report(c, ynode_map_get(e, "to"), DIAG_ERROR, "link: unknown claim \"%s\"",
			       shown(l.to, tmp));
			ok = false;
		}
		if (ok && strcmp(l.from, l.to) == 0) {
			report(c, e, DIAG_ERROR, "link: a claim cannot be linked to itself");
			ok = false;
		}
		if (ok && l.id && !id_free(c, &c->cl, NS_CL, l.id, e, "link"))
			ok = false;
		if (!ok) {
			free(l.id);
			free(l.from);
			free(l.to);
			free(l.note);
			continue;
		}
		l.layer = c->layer;
		l.extra = keep_unknown(c, e, known, "link");
		l.line = e->line;
		l.col = e->col;
		l.from_i = l.to_i = ANNOT_NONE;
		struct annot *an = c->an;
		GROW(an->links, an->links_cap, an->nlinks + 1);
		an->links[an->nlinks] = l;
		if (l.id)
			idx_add(&c->cl, an->links[an->nlinks].id, an->nlinks);
		an->nlinks++;
	}
	/* links without an id get "link-N", skipping ids already taken */
	size_t next = 1;
	for (size_t i = first; i < c->an->nlinks; i++) {
		struct link *l = &c->an->links[i];
		if (l->id)
			continue;
		char gen[40];
		do
			snprintf(gen, sizeof gen, "link-%zu", next++);
		while (taken(c, &c->cl, NS_CL, gen));
		l->id = xstrdup(gen);
		l->id_generated = true;
		idx_add(&c->cl, l->id, i);
	}
}

static void load_notes(struct ctx *c, const struct ynode *seq)
{
	static const char *const known[] = {"id", "on", "text", "created", "updated", "tags", NULL};
	for (size_t i = 0; seq && i < seq->n; i++) {
		const struct ynode *e = seq->items[i];
		if (!entry_is_map(c, e, "note"))
			continue;
		struct note n;
		memset(&n, 0, sizeof n);
		bool ok = get_str(c, e, "id", true, &n.id, "note");
		ok = get_str(c, e, "on", true, &n.on, "note") && ok;
		ok = get_str(c, e, "text", true, &n.text, "note") && ok;
		ok = get_str(c, e, "created", true, &n.created, "note") && ok;
		ok = get_str(c, e, "updated", false, &n.updated, "note") && ok;
		ok = get_tags(c, e, &n.tags, &n.ntags, "note") && ok;
		/* a note on a whole article names its id */
		if (ok && !taken(c, &c->cl, NS_CL, n.on) && !taken(c, &c->arts, NS_ARTS, n.on)) {
			char tmp[64];
			report(c, ynode_map_get(e, "on"), DIAG_ERROR,
			       "note: \"on\" names no claim, link or article \"%s\"",
			       shown(n.on, tmp));
			ok = false;
		}
		if (ok && !id_free(c, &c->notes, NS_NOTES, n.id, e, "note"))
			ok = false;
		if (!ok) {
			free(n.id);
			free(n.on);
			free(n.text);
			free(n.created);
			free(n.updated);
			tags_free(n.tags, n.ntags);
			continue;
		}
		n.layer = c->layer;
		n.extra = keep_unknown(c, e, known, "note");
		n.line = e->line;
		n.col = e->col;
		struct annot *an = c->an;
		GROW(an->notes, an->notes_cap, an->nnotes + 1);
		an->notes[an->nnotes] = n;
		idx_add(&c->notes, an->notes[an->nnotes].id, an->nnotes);
		an->nnotes++;
	}
}

static bool check_version(struct ctx *c, const struct ynode *root)
{
	const struct ynode *v = ynode_map_get(root, "version");
	if (!v) {
		report(c, root, DIAG_ERROR, "missing \"version: 1\"");
		return true; /* still usable: read it as version 1 */
	}
	if (v->type == YN_SCALAR && v->style == YS_PLAIN && strcmp(v->scalar, "1") == 0)
		return true;
	char tmp[64];
	report(c, v, DIAG_ERROR, "unsupported version \"%s\" (this program reads version 1)",
	       v->type == YN_SCALAR ? shown(v->scalar, tmp) : "?");
	return false;
}

static int load_mem(struct annot **out, const struct annot *lower, size_t lower_arts,
		    const char *name, const char *data, size_t len, enum layer layer,
		    struct diag_list *diags)
{
	struct ynode *root = ynode_parse(name, data, len, diags);
	if (!root)
		return 2;
	struct ctx c;
	memset(&c, 0, sizeof c);
	c.name = name;
	c.d = diags;
	c.layer = layer;
	c.lower = lower;
	c.lower_arts = lower_arts;
	if (root->type != YN_MAP) {
		report(&c, root, DIAG_ERROR,
		       "the top level must be a mapping (version, articles, claims, links, notes)");
		ynode_free(root);
		return 2;
	}
	if (!check_version(&c, root)) {
		ynode_free(root);
		return 2;
	}
	bool fresh = *out == NULL;
	struct annot *an = fresh ? annot_new() : *out;
	c.an = an;
	if (fresh)
		an->path = xstrdup(name);
	/* what lower layers already hold */
	for (size_t i = 0; i < an->narticles; i++)
		idx_add(&c.arts, an->articles[i].id, i);
	for (size_t i = 0; i < an->nclaims; i++)
		idx_add(&c.cl, an->claims[i].id, i);
	for (size_t i = 0; i < an->nlinks; i++)
		if (an->links[i].id)
			idx_add(&c.cl, an->links[i].id, i);
	for (size_t i = 0; i < an->nnotes; i++)
		idx_add(&c.notes, an->notes[i].id, i);

	const char *over = ynode_map_str(root, "over");
	if (over && !an->over)
		an->over = xstrdup(over);
	load_articles(&c, get_seq(&c, root, "articles"));
	load_claims(&c, get_seq(&c, root, "claims"));
	/* links may only name claims (this layer or below), not links */
	struct hashmap claim_ids = {0};
	for (size_t i = 0; i < an->nclaims; i++)
		idx_add(&claim_ids, an->claims[i].id, i);
	load_links(&c, get_seq(&c, root, "links"), &claim_ids);
	hashmap_free(&claim_ids);
	load_notes(&c, get_seq(&c, root, "notes"));

	static const char *const known[] = {"version", "over",	"articles", "claims",
					    "links",   "notes", NULL};
	/* each layer keeps its own: the personal file's keys are written
	 * back into it whatever the curated file has under the same name */
	struct ynode *extra = keep_unknown(&c, root, known, "top level");
	struct ynode **mine = &an->extra[layer];
	if (extra) {
		if (!*mine) {
			*mine = extra;
		} else {
			/* a second file of the same layer: its keys only if new */
			for (size_t i = 0; i + 1 < extra->n; i += 2)
				if (!ynode_map_get(*mine, extra->items[i]->scalar))
					ynode_map_set(*mine, extra->items[i]->scalar,
						      ynode_clone(extra->items[i + 1]));
			ynode_free(extra);
		}
	}
	hashmap_free(&c.arts);
	hashmap_free(&c.cl);
	hashmap_free(&c.notes);
	ynode_free(root);
	annot_resolve_links(an);
	*out = an;
	return c.errors ? 1 : 0;
}

int annot_load_mem(struct annot **out, const char *name, const char *data, size_t len,
		   enum layer layer, struct diag_list *diags)
{
	return load_mem(out, NULL, 0, name, data, len, layer, diags);
}

int annot_load_over(struct annot **out, const struct annot *lower, size_t lower_articles,
		    const char *name, const char *data, size_t len, struct diag_list *diags)
{
	*out = NULL;
	int rc = load_mem(out, lower, lower_articles, name, data, len, LAYER_PERSONAL, diags);
	if (rc == 2) {
		annot_free(*out);
		*out = NULL;
	}
	return rc;
}

int annot_load(struct annot **out, const char *path, enum layer layer, struct diag_list *diags)
{
	char *data = NULL;
	size_t len = 0;
	if (read_file(path, ANNOT_MAX_FILE, &data, &len) != 0) {
		int e = errno;
		diag_add(diags, path, 1, 1, DIAG_ERROR, "cannot read: %s",
			 e == EFBIG ? "file too large" : strerror(e));
		return 2;
	}
	int r = annot_load_mem(out, path, data, len, layer, diags);
	free(data);
	return r;
}
