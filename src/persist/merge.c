/* merge: three-way merge of the personal layer (claims, links and notes
 * alike, through struct kind), and fresh random entry ids. */
#include "crossread/persist/merge.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "crossread/annot/annot_write.h"
#include "crossread/annot/yamltree.h"
#include "crossread/persist/atomic.h"
#include "crossread/base/util.h"

/* The three entry kinds handled alike: an array of `size`-byte elements in
 * struct annot, a key, a layer, a canonical form to compare, a destructor. */
struct kind {
	size_t size;
	void **(*arr)(struct annot *an);
	size_t *(*count)(struct annot *an);
	size_t *(*cap)(struct annot *an);
	enum layer (*layer)(const void *e);
	char *(*key)(const void *e);
	struct ynode *(*node)(const void *e);
	char **(*idp)(void *e);
};

static void **claims_arr(struct annot *an)
{
	return (void **)&an->claims;
}
static size_t *claims_n(struct annot *an)
{
	return &an->nclaims;
}
static size_t *claims_cap(struct annot *an)
{
	return &an->claims_cap;
}
static enum layer claim_layer(const void *e)
{
	return ((const struct claim *)e)->layer;
}
static char *claim_key(const void *e)
{
	return xstrdup(((const struct claim *)e)->id);
}
static struct ynode *claim_node(const void *e)
{
	return annot_write_claim(e);
}
static char **claim_idp(void *e)
{
	return &((struct claim *)e)->id;
}

static void **links_arr(struct annot *an)
{
	return (void **)&an->links;
}
static size_t *links_n(struct annot *an)
{
	return &an->nlinks;
}
static size_t *links_cap(struct annot *an)
{
	return &an->links_cap;
}
static enum layer link_layer(const void *e)
{
	return ((const struct link *)e)->layer;
}
/* A link the file gave no id is known by what it connects: its generated
 * "link-N" depends on its position and means nothing across versions. */
static char *link_key(const void *e)
{
	const struct link *l = e;
	if (!l->id_generated && l->id)
		return xstrdup(l->id);
	struct buf b = {0};
	buf_printf(&b, "\x01%s\x1f%s\x1f%s", l->from, l->to, annot_rel_name(l->rel));
	return buf_detach(&b);
}
static struct ynode *link_node(const void *e)
{
	return annot_write_link(e, false);
}
static char **link_idp(void *e)
{
	return &((struct link *)e)->id;
}

static void **notes_arr(struct annot *an)
{
	return (void **)&an->notes;
}
static size_t *notes_n(struct annot *an)
{
	return &an->nnotes;
}
static size_t *notes_cap(struct annot *an)
{
	return &an->notes_cap;
}
static enum layer note_layer(const void *e)
{
	return ((const struct note *)e)->layer;
}
static char *note_key(const void *e)
{
	return xstrdup(((const struct note *)e)->id);
}
static struct ynode *note_node(const void *e)
{
	return annot_write_note(e);
}
static char **note_idp(void *e)
{
	return &((struct note *)e)->id;
}

enum { K_CLAIM, K_LINK, K_NOTE, K_COUNT };
static const struct kind kinds[K_COUNT] = {
    {sizeof(struct claim), claims_arr, claims_n, claims_cap, claim_layer, claim_key, claim_node,
     claim_idp},
    {sizeof(struct link), links_arr, links_n, links_cap, link_layer, link_key, link_node, link_idp},
    {sizeof(struct note), notes_arr, notes_n, notes_cap, note_layer, note_key, note_node, note_idp},
};

static void *elem(const struct kind *k, struct annot *an, size_t i)
{
	return (char *)*k->arr(an) + i * k->size;
}

/* Sorted keys of one side's personal entries, for n log n lookups. */
struct keyed {
	char *key;
	size_t i;
};
struct keyset {
	struct keyed *v;
	size_t n;
};

static int cmp_keyed(const void *a, const void *b)
{
	return strcmp(((const struct keyed *)a)->key, ((const struct keyed *)b)->key);
}

static struct keyset keys_of(const struct kind *k, struct annot *an)
{
	struct keyset ks = {0};
	if (!an)
		return ks;
	size_t n = *k->count(an);
	ks.v = xreallocarray(NULL, n ? n : 1, sizeof *ks.v);
	for (size_t i = 0; i < n; i++) {
		const void *e = elem(k, an, i);
		if (k->layer(e) != LAYER_PERSONAL)
			continue;
		ks.v[ks.n].key = k->key(e);
		ks.v[ks.n].i = i;
		ks.n++;
	}
	qsort(ks.v, ks.n, sizeof *ks.v, cmp_keyed);
	return ks;
}

static size_t keys_find(const struct keyset *ks, const char *key)
{
	struct keyed want = {(char *)key, 0};
	const struct keyed *f =
	    ks->n ? bsearch(&want, ks->v, ks->n, sizeof *ks->v, cmp_keyed) : NULL;
	return f ? f->i : ANNOT_NONE;
}

static void keys_free(struct keyset *ks)
{
	for (size_t i = 0; i < ks->n; i++)
		free(ks->v[i].key);
	free(ks->v);
	memset(ks, 0, sizeof *ks);
}

static bool same_entry(const struct kind *k, const void *a, const void *b)
{
	struct ynode *x = k->node(a), *y = k->node(b);
	bool eq = ynode_equal(x, y);
	ynode_free(x);
	ynode_free(y);
	return eq;
}

static bool id_taken(const struct annot *an, const char *id)
{
	return annot_find_claim(an, id) != ANNOT_NONE || annot_find_link(an, id) != ANNOT_NONE ||
	       annot_find_note(an, id) != ANNOT_NONE;
}

/* 32 letters and digits with none that reads like another (no i, l, o, u) */
static const char id_alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";

char *store_new_id(const struct annot *an, char kind)
{
	for (;;) {
		unsigned char r[STORE_ID_LEN];
		size_t got = 0;
		while (got < sizeof r) {
			ssize_t n = getrandom(r + got, sizeof r - got, 0);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				/* no getrandom (very old kernel): time, pid and a
				 * counter still differ between two readers */
				static unsigned counter;
				struct timespec ts;
				clock_gettime(CLOCK_REALTIME, &ts);
				uint64_t x = store_hash((const char *)&ts, sizeof ts) ^
					     ((uint64_t)getpid() << 20) ^ ++counter;
				for (; got < sizeof r; got++, x >>= 5)
					r[got] = (unsigned char)x;
				break;
			}
			got += (size_t)n;
		}
		char id[STORE_ID_LEN + 3];
		id[0] = kind;
		id[1] = '-';
		for (size_t i = 0; i < STORE_ID_LEN; i++)
			id[2 + i] = id_alphabet[r[i] & 31];
		id[STORE_ID_LEN + 2] = '\0';
		if (!an || !id_taken(an, id))
			return xstrdup(id);
	}
}

/* Give a copy taken from the disk version an id nobody uses yet. */
static void rename_unique(struct annot *an, char **idp, const char *suffix)
{
	struct buf b = {0};
	for (unsigned n = 1;; n++) {
		b.len = 0;
		if (n == 1)
			buf_printf(&b, "%s-%s", *idp, suffix);
		else
			buf_printf(&b, "%s-%s%u", *idp, suffix, n);
		if (!id_taken(an, b.s))
			break;
	}
	free(*idp);
	*idp = buf_detach(&b);
}

static size_t move_into(const struct kind *k, struct annot *to, void *e)
{
	size_t n = *k->count(to);
	void **arr = k->arr(to);
	grow_array(arr, k->cap(to), size_add(n, 1), k->size);
	memcpy((char *)*arr + n * k->size, e, k->size);
	memset(e, 0, k->size);
	(*k->count(to))++;
	return n;
}

/* Which merged entries came from the disk's version: a reference in one of
 * them means the disk's entry of that name, so renaming the disk's copy of
 * an id renames it there, and only there. */
struct origin {
	bool *theirs[K_COUNT];
	size_t n[K_COUNT], cap[K_COUNT];
};

/* entries are marked in the order they are appended: i == n[k] */
static void mark_origin(struct origin *og, int k, size_t i, bool theirs)
{
	GROW(og->theirs[k], og->cap[k], size_add(i, 1));
	while (og->n[k] <= i)
		og->theirs[k][og->n[k]++] = false;
	og->theirs[k][i] = theirs;
}

static bool from_theirs(const struct origin *og, int k, size_t i)
{
	return og && i < og->n[k] && og->theirs[k][i];
}

/* Merge one kind. Entries of ours keep their order; entries only on disk
 * follow, then the disk copies of entries both sides changed (same id as
 * ours: rename_duplicates() renames them). */
static size_t merge_kind(int ki, struct annot *base, struct annot *theirs, struct annot *ours,
			 struct annot *dropped, struct origin *og)
{
	const struct kind *k = &kinds[ki];
	struct keyset kb = keys_of(k, base), kt = keys_of(k, theirs);
	size_t n = *k->count(ours);
	char *old = *k->arr(ours);
	bool *taken = xcalloc(*k->count(theirs) + 1, sizeof *taken);
	/* rebuild ours' array in place of the old one */
	*k->arr(ours) = NULL;
	*k->count(ours) = 0;
	*k->cap(ours) = 0;
	size_t conflicts = 0;
	size_t *conf_t = NULL, nconf = 0, confcap = 0;
	for (size_t i = 0; i < n; i++) {
		void *o = old + i * k->size;
		if (k->layer(o) != LAYER_PERSONAL) {
			mark_origin(og, ki, move_into(k, ours, o), false);
			continue;
		}
		char *key = k->key(o);
		size_t bi = keys_find(&kb, key), ti = keys_find(&kt, key);
		free(key);
		void *b = bi != ANNOT_NONE ? elem(k, base, bi) : NULL;
		void *t = ti != ANNOT_NONE ? elem(k, theirs, ti) : NULL;
		if (t) {
			taken[ti] = true;
			if (same_entry(k, o, t) || (b && same_entry(k, t, b))) {
				/* same, or only we changed it */
				mark_origin(og, ki, move_into(k, ours, o), false);
			} else if (b && same_entry(k, o, b)) {
				/* only they changed it: their copy, under the id both know */
				mark_origin(og, ki, move_into(k, ours, t), false);
				move_into(k, dropped, o);
			} else {
				/* both changed it, differently (or both made a new
				 * entry of that id): keep both */
				mark_origin(og, ki, move_into(k, ours, o), false);
				GROW(conf_t, confcap, nconf + 1);
				conf_t[nconf++] = ti;
				conflicts++;
			}
		} else if (b && same_entry(k, o, b)) {
			move_into(k, dropped, o); /* deleted on disk, untouched here */
		} else {
			/* added here, or changed here */
			mark_origin(og, ki, move_into(k, ours, o), false);
		}
	}
	free(old);
	/* what only the disk version has */
	for (size_t x = 0; x < kt.n; x++) {
		size_t ti = kt.v[x].i;
		if (taken[ti])
			continue;
		void *t = elem(k, theirs, ti);
		size_t bi = keys_find(&kb, kt.v[x].key);
		if (bi != ANNOT_NONE && same_entry(k, t, elem(k, base, bi)))
			move_into(k, dropped, t); /* deleted here, untouched on disk */
		else
			mark_origin(og, ki, move_into(k, ours, t),
				    true); /* added or changed there */
	}
	for (size_t c = 0; c < nconf; c++)
		mark_origin(og, ki, move_into(k, ours, elem(k, theirs, conf_t[c])), true);
	free(conf_t);
	free(taken);
	keys_free(&kb);
	keys_free(&kt);
	return conflicts;
}

/* Every id once per namespace (claims and links share one, notes have
 * theirs): later duplicates, which are the disk's copies, get "-disk",
 * and every link and note that came with them (from the disk) follows. */
struct idpos {
	const char *id;
	int kind;
	size_t i;
};

static int cmp_idpos(const void *a, const void *b)
{
	const struct idpos *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	if (c)
		return c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* After claim or link `from` (of the given origin) became `to`: the links
 * and notes of that origin that named it name it again. */
static void rewrite_refs(struct annot *an, const struct origin *og, bool theirs, int kind,
			 const char *from, const char *to)
{
	if (kind == K_CLAIM)
		for (size_t i = 0; i < an->nlinks; i++) {
			struct link *l = &an->links[i];
			if (from_theirs(og, K_LINK, i) != theirs)
				continue;
			if (l->from && strcmp(l->from, from) == 0) {
				free(l->from);
				l->from = xstrdup(to);
			}
			if (l->to && strcmp(l->to, from) == 0) {
				free(l->to);
				l->to = xstrdup(to);
			}
		}
	if (kind == K_CLAIM || kind == K_LINK)
		for (size_t i = 0; i < an->nnotes; i++) {
			struct note *nt = &an->notes[i];
			if (from_theirs(og, K_NOTE, i) == theirs && nt->on &&
			    strcmp(nt->on, from) == 0) {
				free(nt->on);
				nt->on = xstrdup(to);
			}
		}
}

static void rename_duplicates(struct annot *an, const struct origin *og)
{
	for (int ns = 0; ns < 2; ns++) {
		int k0 = ns == 0 ? K_CLAIM : K_NOTE, k1 = ns == 0 ? K_LINK : K_NOTE;
		size_t total = 0;
		for (int k = k0; k <= k1; k++)
			total = size_add(total, *kinds[k].count(an));
		struct idpos *v = xreallocarray(NULL, total ? total : 1, sizeof *v);
		size_t n = 0;
		for (int k = k0; k <= k1; k++)
			for (size_t i = 0; i < *kinds[k].count(an); i++) {
				char **idp = kinds[k].idp(elem(&kinds[k], an, i));
				if (*idp)
					v[n++] = (struct idpos){*idp, k, i};
			}
		qsort(v, n, sizeof *v, cmp_idpos);
		/* collect first, rename after: renaming frees the strings v uses */
		struct idpos *dup = xreallocarray(NULL, n ? n : 1, sizeof *dup);
		size_t nd = 0;
		for (size_t i = 1; i < n; i++)
			if (strcmp(v[i - 1].id, v[i].id) == 0)
				dup[nd++] = v[i];
		free(v);
		for (size_t i = 0; i < nd; i++) {
			int k = dup[i].kind;
			void *e = elem(&kinds[k], an, dup[i].i);
			if (kinds[k].layer(e) != LAYER_PERSONAL)
				continue;
			char **idp = kinds[k].idp(e);
			char *was = xstrdup(*idp);
			rename_unique(an, idp, "disk");
			rewrite_refs(an, og, from_theirs(og, k, dup[i].i), k, was, *idp);
			free(was);
		}
		free(dup);
	}
}

static bool claim_or_link(struct annot *an, const char *id)
{
	return annot_find_claim(an, id) != ANNOT_NONE || annot_find_link(an, id) != ANNOT_NONE;
}

/* Bring back a dropped entry some kept entry still names. */
static bool revive(struct annot *an, struct annot *dropped, int k, const char *id)
{
	size_t i = k == K_CLAIM ? annot_find_claim(dropped, id) : annot_find_link(dropped, id);
	if (i == ANNOT_NONE)
		return false;
	move_into(&kinds[k], an, elem(&kinds[k], dropped, i));
	/* leave no hole with a NULL id behind in the pool */
	size_t last = *kinds[k].count(dropped) - 1;
	if (i != last)
		memcpy(elem(&kinds[k], dropped, i), elem(&kinds[k], dropped, last), kinds[k].size);
	(*kinds[k].count(dropped))--;
	return true;
}

static void revive_referenced(struct annot *an, struct annot *dropped)
{
	bool again = true;
	while (again) {
		again = false;
		for (size_t i = 0; i < an->nlinks; i++) {
			struct link *l = &an->links[i];
			const char *ends[2] = {l->from, l->to};
			for (int e = 0; e < 2; e++)
				if (ends[e] && annot_find_claim(an, ends[e]) == ANNOT_NONE &&
				    revive(an, dropped, K_CLAIM, ends[e]))
					again = true;
		}
		for (size_t i = 0; i < an->nnotes; i++) {
			const char *on = an->notes[i].on;
			if (on && !claim_or_link(an, on) &&
			    (revive(an, dropped, K_CLAIM, on) || revive(an, dropped, K_LINK, on)))
				again = true;
		}
	}
}

/* Unknown keys of the personal file (top level, or on an article): theirs,
 * unless we changed ours since base. */
static void merge_extra(struct ynode **ours, const struct ynode *base, struct ynode **theirs)
{
	if (ynode_equal(*ours, base) && !ynode_equal(*ours, *theirs)) {
		ynode_free(*ours);
		*ours = *theirs;
		*theirs = NULL;
	}
}

size_t store_merge(const struct annot *base_c, struct annot *theirs, struct annot *ours)
{
	struct annot *base = (struct annot *)base_c; /* only read */
	struct annot *dropped = annot_new();
	struct origin og = {0};
	size_t conflicts = 0;
	for (int k = 0; k < K_COUNT; k++)
		conflicts += merge_kind(k, base, theirs, ours, dropped, &og);
	/* articles: the union by id (a personal file only adds them); the
	 * personal file's unknown keys on one it shares with us are merged
	 * like the top-level ones */
	for (size_t i = 0; i < theirs->narticles; i++) {
		struct annot_article *a = &theirs->articles[i];
		if (!a->id)
			continue;
		size_t o = annot_find_article(ours, a->id);
		if (o == ANNOT_NONE) {
			GROW(ours->articles, ours->articles_cap, ours->narticles + 1);
			ours->articles[ours->narticles++] = *a;
			memset(a, 0, sizeof *a);
			continue;
		}
		size_t b = annot_find_article(base, a->id);
		merge_extra(&ours->articles[o].extra[LAYER_PERSONAL],
			    b != ANNOT_NONE ? base->articles[b].extra[LAYER_PERSONAL] : NULL,
			    &a->extra[LAYER_PERSONAL]);
	}
	merge_extra(&ours->extra[LAYER_PERSONAL], base ? base->extra[LAYER_PERSONAL] : NULL,
		    &theirs->extra[LAYER_PERSONAL]);
	rename_duplicates(ours, &og);
	revive_referenced(ours, dropped);
	annot_resolve_links(ours);
	annot_free(dropped);
	for (int k = 0; k < K_COUNT; k++)
		free(og.theirs[k]);
	return conflicts;
}
