/* merge: three-way merge of the personal layer (claims, links and notes
 * alike, written once over struct annot_entry), and fresh random entry ids. */
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

#include "crossread/annot/yamltree.h"
#include "crossread/persist/atomic.h"
#include "crossread/base/util.h"

/* Claims, links and notes are merged by one piece of code, over their
 * common header (struct annot_entry); what differs per type is
 * annot_entry_types[] (size, freeing, comparing) and, here, a link's key. */
typedef enum annot_type etype;

static struct annot_entry *elem(struct annot *an, etype t, size_t i)
{
	return annot_entry_at(an, t, i);
}

/* An entry is known across versions by its id; a link the file gave no id
 * by what it connects: its generated "link-N" depends on its position and
 * means nothing across versions. */
static char *key_of(etype t, const struct annot_entry *e)
{
	const struct link *l = (const struct link *)e;
	if (t != ENTRY_LINK || (!l->id_generated && l->id))
		return xstrdup(e->id);
	struct buf b = {0};
	buf_printf(&b, "\x01%s\x1f%s\x1f%s", l->from, l->to, annot_rel_name(l->rel));
	return buf_detach(&b);
}

/* Take type t's array out of an (an has none of them after). */
static char *take_entries(struct annot *an, etype t, size_t *n)
{
	char *v;
	*n = annot_entry_count(an, t);
	if (t == ENTRY_CLAIM) {
		v = (char *)an->claims;
		an->claims = NULL;
		an->nclaims = an->claims_cap = 0;
	} else if (t == ENTRY_LINK) {
		v = (char *)an->links;
		an->links = NULL;
		an->nlinks = an->links_cap = 0;
	} else {
		v = (char *)an->notes;
		an->notes = NULL;
		an->nnotes = an->notes_cap = 0;
	}
	return v;
}

/* Forget type t's last entry (already moved out). */
static void drop_last(struct annot *an, etype t)
{
	if (t == ENTRY_CLAIM)
		an->nclaims--;
	else if (t == ENTRY_LINK)
		an->nlinks--;
	else
		an->nnotes--;
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

static struct keyset keys_of(etype t, struct annot *an)
{
	struct keyset ks = {0};
	if (!an)
		return ks;
	size_t n = annot_entry_count(an, t);
	ks.v = xreallocarray(NULL, n ? n : 1, sizeof *ks.v);
	for (size_t i = 0; i < n; i++) {
		const struct annot_entry *e = elem(an, t, i);
		if (e->layer != LAYER_PERSONAL)
			continue;
		ks.v[ks.n].key = key_of(t, e);
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

static bool same_entry(etype t, const struct annot_entry *a, const struct annot_entry *b)
{
	return annot_entry_types[t].same(a, b);
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

/* Move entry e (not one of to's) to the end of to's array; e is left zeroed. */
static size_t move_into(etype t, struct annot *to, struct annot_entry *e)
{
	size_t size = annot_entry_types[t].size;
	memcpy(annot_entry_push(to, t), e, size);
	memset(e, 0, size);
	return annot_entry_count(to, t) - 1;
}

/* Which merged entries came from the disk's version: a reference in one of
 * them means the disk's entry of that name, so renaming the disk's copy of
 * an id renames it there, and only there. */
struct origin {
	bool *theirs[ENTRY_NTYPES];
	size_t n[ENTRY_NTYPES], cap[ENTRY_NTYPES];
};

/* entries are marked in the order they are appended: i == n[k] */
static void mark_origin(struct origin *og, etype k, size_t i, bool theirs)
{
	GROW(og->theirs[k], og->cap[k], size_add(i, 1));
	while (og->n[k] <= i)
		og->theirs[k][og->n[k]++] = false;
	og->theirs[k][i] = theirs;
}

static bool from_theirs(const struct origin *og, etype k, size_t i)
{
	return og && i < og->n[k] && og->theirs[k][i];
}

/* Merge one type. Entries of ours keep their order; entries only on disk
 * follow, then the disk copies of entries both sides changed (same id as
 * ours: rename_duplicates() renames them). */
static size_t merge_type(etype t, struct annot *base, struct annot *theirs, struct annot *ours,
			 struct annot *dropped, struct origin *og)
{
	size_t size = annot_entry_types[t].size;
	struct keyset kb = keys_of(t, base), kt = keys_of(t, theirs);
	size_t n;
	/* rebuild ours' array in place of the old one */
	char *old = take_entries(ours, t, &n);
	bool *taken = xcalloc(annot_entry_count(theirs, t) + 1, sizeof *taken);
	size_t conflicts = 0;
	size_t *conf_t = NULL, nconf = 0, confcap = 0;
	for (size_t i = 0; i < n; i++) {
		struct annot_entry *o = (struct annot_entry *)(old + i * size);
		if (o->layer != LAYER_PERSONAL) {
			mark_origin(og, t, move_into(t, ours, o), false);
			continue;
		}
		char *key = key_of(t, o);
		size_t bi = keys_find(&kb, key), ti = keys_find(&kt, key);
		free(key);
		struct annot_entry *b = bi != ANNOT_NONE ? elem(base, t, bi) : NULL;
		struct annot_entry *th = ti != ANNOT_NONE ? elem(theirs, t, ti) : NULL;
		if (th) {
			taken[ti] = true;
			if (same_entry(t, o, th) || (b && same_entry(t, th, b))) {
				/* same, or only we changed it */
				mark_origin(og, t, move_into(t, ours, o), false);
			} else if (b && same_entry(t, o, b)) {
				/* only they changed it: their copy, under the id both know */
				mark_origin(og, t, move_into(t, ours, th), false);
				move_into(t, dropped, o);
			} else {
				/* both changed it, differently (or both made a new
				 * entry of that id): keep both */
				mark_origin(og, t, move_into(t, ours, o), false);
				GROW(conf_t, confcap, nconf + 1);
				conf_t[nconf++] = ti;
				conflicts++;
			}
		} else if (b && same_entry(t, o, b)) {
			move_into(t, dropped, o); /* deleted on disk, untouched here */
		} else {
			/* added here, or changed here */
			mark_origin(og, t, move_into(t, ours, o), false);
		}
	}
	free(old);
	/* what only the disk version has */
	for (size_t x = 0; x < kt.n; x++) {
		size_t ti = kt.v[x].i;
		if (taken[ti])
			continue;
		struct annot_entry *th = elem(theirs, t, ti);
		size_t bi = keys_find(&kb, kt.v[x].key);
		if (bi != ANNOT_NONE && same_entry(t, th, elem(base, t, bi)))
			move_into(t, dropped, th); /* deleted here, untouched on disk */
		else
			mark_origin(og, t, move_into(t, ours, th),
				    true); /* added or changed there */
	}
	for (size_t c = 0; c < nconf; c++)
		mark_origin(og, t, move_into(t, ours, elem(theirs, t, conf_t[c])), true);
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
	etype kind;
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
static void rewrite_refs(struct annot *an, const struct origin *og, bool theirs, etype kind,
			 const char *from, const char *to)
{
	if (kind == ENTRY_CLAIM)
		for (size_t i = 0; i < an->nlinks; i++) {
			struct link *l = &an->links[i];
			if (from_theirs(og, ENTRY_LINK, i) != theirs)
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
	if (kind == ENTRY_CLAIM || kind == ENTRY_LINK)
		for (size_t i = 0; i < an->nnotes; i++) {
			struct note *nt = &an->notes[i];
			if (from_theirs(og, ENTRY_NOTE, i) == theirs && nt->on &&
			    strcmp(nt->on, from) == 0) {
				free(nt->on);
				nt->on = xstrdup(to);
			}
		}
}

static void rename_duplicates(struct annot *an, const struct origin *og)
{
	for (int ns = 0; ns < 2; ns++) {
		etype k0 = ns == 0 ? ENTRY_CLAIM : ENTRY_NOTE,
		      k1 = ns == 0 ? ENTRY_LINK : ENTRY_NOTE;
		size_t total = 0;
		for (etype k = k0; k <= k1; k++)
			total = size_add(total, annot_entry_count(an, k));
		struct idpos *v = xreallocarray(NULL, total ? total : 1, sizeof *v);
		size_t n = 0;
		for (etype k = k0; k <= k1; k++)
			for (size_t i = 0; i < annot_entry_count(an, k); i++) {
				/* only personal ids can clash: the disk's version
				 * was loaded against the curated layer (its clashes
				 * refused), ours was made against it */
				const struct annot_entry *e = elem(an, k, i);
				if (e->id && e->layer == LAYER_PERSONAL)
					v[n++] = (struct idpos){e->id, k, i};
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
			etype k = dup[i].kind;
			struct annot_entry *e = elem(an, k, dup[i].i);
			if (e->layer != LAYER_PERSONAL)
				continue;
			char *was = xstrdup(e->id);
			rename_unique(an, &e->id, "disk");
			rewrite_refs(an, og, from_theirs(og, k, dup[i].i), k, was, e->id);
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
static bool revive(struct annot *an, struct annot *dropped, etype k, const char *id)
{
	size_t i = annot_entry_find(dropped, k, id);
	if (i == ANNOT_NONE)
		return false;
	move_into(k, an, elem(dropped, k, i));
	/* leave no hole with a NULL id behind in the pool */
	size_t last = annot_entry_count(dropped, k) - 1;
	if (i != last)
		memcpy(elem(dropped, k, i), elem(dropped, k, last), annot_entry_types[k].size);
	drop_last(dropped, k);
	return true;
}

static void revive_referenced(struct annot *an, struct annot *dropped)
{
	bool again = true;
	while (again) {
		again = false;
		/* the curated layer names only its own entries, never dropped:
		 * only personal links and notes can name a dropped one */
		for (size_t i = 0; i < an->nlinks; i++) {
			struct link *l = &an->links[i];
			if (l->layer != LAYER_PERSONAL)
				continue;
			const char *ends[2] = {l->from, l->to};
			for (int e = 0; e < 2; e++)
				if (ends[e] && annot_find_claim(an, ends[e]) == ANNOT_NONE &&
				    revive(an, dropped, ENTRY_CLAIM, ends[e]))
					again = true;
		}
		for (size_t i = 0; i < an->nnotes; i++) {
			const char *on = an->notes[i].on;
			if (on && an->notes[i].layer == LAYER_PERSONAL && !claim_or_link(an, on) &&
			    (revive(an, dropped, ENTRY_CLAIM, on) ||
			     revive(an, dropped, ENTRY_LINK, on)))
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
	for (etype t = 0; t < ENTRY_NTYPES; t++)
		conflicts += merge_type(t, base, theirs, ours, dropped, &og);
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
	for (etype t = 0; t < ENTRY_NTYPES; t++)
		free(og.theirs[t]);
	return conflicts;
}
