/* annot: the annotation model (version 1 of the YAML format, documented in
 * annotations/README.md): articles, claims, links and notes, in layers (the
 * curated file and the reader's personal file on top). Loading is done with
 * libyaml's event API under hard limits; unknown keys are kept as YAML trees
 * so that saving writes them back. */
#ifndef CROSSREAD_ANNOT_H
#define CROSSREAD_ANNOT_H

#include <stdbool.h>
#include <stddef.h>

#include "crossread/base/diag.h"

struct ynode; /* generic YAML tree, see yamltree.h */
struct annot_index;
struct article;

enum claim_kind { KIND_CLAIM, KIND_ACCUSATION, KIND_REBUTTAL };
enum link_rel { REL_REBUTS, REL_SAME, REL_SUPPORTS, REL_COUNTERS, REL_CONTRADICTS };
#define ANNOT_NRELS 5
enum layer { LAYER_CURATED, LAYER_PERSONAL };
enum anchor_how { ANCHOR_NONE, ANCHOR_HINT, ANCHOR_EXACT, ANCHOR_FUZZY };

#define ANNOT_NONE ((size_t)-1)

struct annot_article {
	char *id;
	char *path;	/* as written in the file */
	char *fullpath; /* resolved relative to the annotation file */
	/* unknown keys, per layer (indexed by enum layer): a personal file
	 * repeating a curated article keeps the keys of its own entry, and
	 * writing a layer writes only that layer's */
	struct ynode *extra[2];
	int line, col;
};

/* What every claim, link and note has, in one field list so that the two
 * ways of naming it cannot drift: each kind starts with
 * ANNOT_ENTRY_HEADER, a union of a struct annot_entry (`c->entry`, what
 * generic code such as the merge takes) and the same fields unnamed
 * (`c->id`, what the kinds' own code writes). */
#define ANNOT_ENTRY_FIELDS                                                                         \
	char *id; /* links: optional in files; generated ids are "link-N" */                       \
	enum layer layer;                                                                          \
	struct ynode *extra; /* unknown keys, kept for saving */                                   \
	int line, col	     /* where the entry starts in its file */
struct annot_entry {
	ANNOT_ENTRY_FIELDS;
};
#define ANNOT_ENTRY_HEADER                                                                         \
	union {                                                                                    \
		struct annot_entry entry;                                                          \
		struct {                                                                           \
			ANNOT_ENTRY_FIELDS;                                                        \
		};                                                                                 \
	}

struct claim {
	ANNOT_ENTRY_HEADER;
	char *article; /* article id */
	char *quote, *prefix, *suffix;
	long at; /* offset hint, -1 if none */
	enum claim_kind kind;
	char *by, *against;
	char **tags; /* `tags:` (at most ANNOT_MAX_TAGS, each ANNOT_MAX_TAG bytes) */
	size_t ntags;

	/* resolved against the article's display text by anchor_claims() */
	size_t art;	     /* index into annot.articles, ANNOT_NONE if unknown */
	enum anchor_how how; /* ANCHOR_NONE: an orphan */
	size_t start, end;
	double score;
};

struct link {
	ANNOT_ENTRY_HEADER;
	char *from, *to;
	enum link_rel rel;
	char *note;
	bool id_generated;   /* the file gave no id; saving need not write it */
	size_t from_i, to_i; /* claim indices, ANNOT_NONE if unresolved */
};

struct note {
	ANNOT_ENTRY_HEADER;
	char *on; /* claim, link or article id (a claim or link first) */
	char *text;
	char **tags;
	size_t ntags;
	char *created; /* ISO 8601 UTC */
	char *updated; /* ISO 8601 UTC or NULL */
};

/* The three kinds of entry, for code written once over struct annot_entry:
 * per kind its element size and what differs between kinds (freeing,
 * copying, comparing the kind's own fields). */
enum annot_type { ENTRY_CLAIM, ENTRY_LINK, ENTRY_NOTE, ENTRY_NTYPES };
struct annot_entry_type {
	const char *name; /* "claim", "link", "note" */
	size_t size;	  /* of one struct claim, link or note */
	void (*clear)(struct annot_entry *e);
	/* deep copy (annot_claim_copy...): *dst is overwritten */
	void (*copy)(struct annot_entry *dst, const struct annot_entry *src);
	/* the same entry as a file holds it: every key it writes (for a link,
	 * its id only if the file gave one), unknown keys, tags as a set;
	 * not layer, line and col, nor what anchoring found. Agrees with
	 * comparing annot_write_*'s trees (test_annot_entry). */
	bool (*same)(const struct annot_entry *a, const struct annot_entry *b);
};
extern const struct annot_entry_type annot_entry_types[ENTRY_NTYPES];

struct annot {
	char *path; /* the curated file, or NULL */
	int version;
	struct annot_article *articles;
	size_t narticles, articles_cap;
	struct claim *claims;
	size_t nclaims, claims_cap;
	struct link *links;
	size_t nlinks, links_cap;
	struct note *notes;
	size_t nnotes, notes_cap;
	/* unknown top-level keys, per layer (indexed by enum layer): each
	 * file's own, whatever the other has under the same name */
	struct ynode *extra[2];
	/* a personal file names the curated file it lies over (`over:`, as
	 * written, relative to the personal file), so it can be checked alone */
	char *over;
	/* ids to entries (annot.c), NULL for an annot not from annot_new() */
	struct annot_index *index;
};

/* Limits on what a file may make us do (documented in annotations/README.md). */
/* a 100 000-entry story with full quotes, context and note texts is ~30 MB
 * (annotations/README.md) */
#define ANNOT_MAX_FILE	 (48u << 20)
#define ANNOT_MAX_DEPTH	 64
#define ANNOT_MAX_SCALAR (1u << 20)
/* YAML nodes scale with the input, never beyond it: at most one per
 * ANNOT_BYTES_PER_NODE bytes plus ANNOT_NODES_FLOOR (see annot_max_nodes).
 * Written YAML spends 5 or more bytes a node ("id: x" and a newline is 2),
 * only flow style packs them tighter ("[a,a,..." is 2 bytes a node), so no
 * file written by hand or by us comes near it, while what a node costs
 * (libyaml ~0.3 us, ~100 bytes of tree) stays linear in the file's size. */
#define ANNOT_BYTES_PER_NODE 4
#define ANNOT_NODES_FLOOR    16384
/* most input libyaml may read between two events: a scalar at the limit
 * with the comments around it (see yamltree.c) */
#define ANNOT_MAX_GAP (ANNOT_MAX_SCALAR + (64u << 10))
/* tags on one claim or note: short labels, not text */
#define ANNOT_MAX_TAGS 32
#define ANNOT_MAX_TAG  64

/* Load one file as `layer` into *out (fresh when *out is NULL, else merged
 * on top). Problems go to diags as FILE:LINE:COL. Returns 0 if loaded (maybe
 * with warnings), 1 for schema errors (entries skipped), 2 if the file is
 * unreadable or not YAML (nothing loaded from it). */
int annot_load(struct annot **out, const char *path, enum layer layer, struct diag_list *diags);
int annot_load_mem(struct annot **out, const char *name, const char *data, size_t len,
		   enum layer layer, struct diag_list *diags);
/* Load a personal file alone into a fresh *out, exactly as it would load
 * on top of lower's curated layer (same checks, same diagnostics): its ids
 * and references are checked against lower's curated claims, links and
 * notes and its first lower_articles articles (through lower's index:
 * nothing of lower is parsed or copied), but only the file's own entries
 * and articles (those repeating a curated one too) land in *out. The
 * merge of a save compares personal layers only (store.c). Returns as
 * annot_load_mem; *out is NULL on 2. */
int annot_load_over(struct annot **out, const struct annot *lower, size_t lower_articles,
		    const char *name, const char *data, size_t len, struct diag_list *diags);
struct annot *annot_new(void);
void annot_free(struct annot *an);
/* Free what one entry owns (the entry itself is not freed). */
void annot_claim_clear(struct claim *c);
void annot_link_clear(struct link *l);
void annot_note_clear(struct note *n);
/* Deep copies of one entry (every field, unknown keys too) into *dst,
 * which is overwritten: clear it to free. */
void annot_claim_copy(struct claim *dst, const struct claim *src);
void annot_link_copy(struct link *dst, const struct link *src);
void annot_note_copy(struct note *dst, const struct note *src);
/* Entries of type t by index: how many, the i-th, one more at the end
 * (zeroed, counted; the arrays may move). */
size_t annot_entry_count(const struct annot *an, enum annot_type t);
struct annot_entry *annot_entry_at(struct annot *an, enum annot_type t, size_t i);
struct annot_entry *annot_entry_push(struct annot *an, enum annot_type t);
/* the index of the entry of type t with that id, or ANNOT_NONE */
size_t annot_entry_find(const struct annot *an, enum annot_type t, const char *id);
/* Remove every claim, link and note of `layer` (articles stay). */
void annot_drop_layer(struct annot *an, enum layer layer);
/* the most YAML nodes a file of len bytes may have */
size_t annot_max_nodes(size_t len);
/* rel resolved against the directory of the annotation file annot_path */
char *annot_resolve_path(const char *annot_path, const char *rel);

size_t annot_find_claim(const struct annot *an, const char *id);
size_t annot_find_article(const struct annot *an, const char *id);
size_t annot_find_link(const struct annot *an, const char *id);
size_t annot_find_note(const struct annot *an, const char *id);
/* true if t is one of the n tags */
bool annot_has_tag(char *const *tags, size_t n, const char *t);
const char *annot_kind_name(enum claim_kind k);
const char *annot_rel_name(enum link_rel r);
/* names back to enums: 0, or -1 if the name is unknown */
int annot_kind_parse(const char *name, enum claim_kind *out);
int annot_rel_parse(const char *name, enum link_rel *out);

/* Fill every link's from_i/to_i and every claim's art, and rebuild the id
 * index (linear). Called by annot_load; call again after adding or removing
 * entries, and after changing an id in place. */
void annot_resolve_links(struct annot *an);
/* Index of the article whose file is article_path (compared as given, then
 * as resolved real paths), or ANNOT_NONE. */
size_t annot_article_for(const struct annot *an, const char *article_path);

#endif
