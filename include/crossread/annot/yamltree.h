/* yamltree: a generic YAML tree (scalars, sequences, mappings with line and
 * column marks) read with libyaml's event API under hard limits, and written
 * back with libyaml's emitter. The annotation loader reads it; the save path
 * builds one and emits it. Anchors, aliases and tags are refused, so a tree is
 * always a plain finite tree (no cycles, no billion laughs). */
#ifndef CROSSREAD_YAMLTREE_H
#define CROSSREAD_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "crossread/base/diag.h"
#include "crossread/base/util.h"

enum ynode_type { YN_SCALAR, YN_SEQ, YN_MAP };

/* How a scalar was (or should be) written. YS_ANY lets the emitter choose,
 * quoting whenever a plain scalar would read back as something other than a
 * string (yes, no, null, 12, 0x1f, ...). YS_PLAIN is for numbers and other
 * values meant to be read as typed. */
enum ynode_style { YS_ANY, YS_PLAIN, YS_SINGLE, YS_DOUBLE, YS_LITERAL, YS_FOLDED };

struct ynode {
	enum ynode_type type;
	char *scalar; /* YN_SCALAR: NUL-terminated (may contain NUL: use scalar_len) */
	size_t scalar_len;
	int style;	      /* enum ynode_style */
	struct ynode **items; /* YN_SEQ: elements; YN_MAP: key, value, key, value... */
	size_t n, cap;
	int line, col; /* 1-based, from libyaml marks (0 when built in memory) */
};

/* Parse one YAML document. Returns the root, or NULL after adding a
 * `name:LINE:COL: error: ...` diagnostic. Refuses anchors, aliases, tags
 * other than the standard ones, non-scalar keys, duplicate keys, more than one
 * document, nesting deeper than ANNOT_MAX_DEPTH, scalars longer than
 * ANNOT_MAX_SCALAR, input longer than ANNOT_MAX_FILE, more than
 * annot_max_nodes(len) nodes, more than ANNOT_MAX_GAP bytes between two nodes,
 * invalid UTF-8 and the characters YAML does not allow. Each refusal costs
 * at most about ANNOT_MAX_GAP bytes of libyaml's time past the point of the
 * problem (the input is fed to libyaml in pieces and cut there) plus one
 * byte scan of the whole input. An input without a document (empty, only
 * comments) is an error too. */
struct ynode *ynode_parse(const char *name, const char *data, size_t len, struct diag_list *d);

/* Emit the tree as one UTF-8 block-style document (no "---" marker, no
 * line wrapping), appended to out. Returns 0, or -1 if libyaml refused. */
int ynode_emit(const struct ynode *root, struct buf *out);

struct ynode *ynode_map_new(void);
struct ynode *ynode_seq_new(void);
/* a string scalar (style YS_ANY) */
struct ynode *ynode_scalar_new(const char *text);
struct ynode *ynode_scalar_newn(const char *text, size_t len, int style);
/* an integer written plain, e.g. `version: 1` */
struct ynode *ynode_int_new(long v);
/* Set key to value (value is owned by the map from now on); replaces and
 * frees an existing value for the same key, else appends. */
void ynode_map_set(struct ynode *map, const char *key, struct ynode *value);
void ynode_seq_push(struct ynode *seq, struct ynode *value);
/* The value for key in map, or NULL (also when map is NULL or not a map). */
struct ynode *ynode_map_get(const struct ynode *map, const char *key);
/* scalar text of map[key] if it is a scalar, else NULL */
const char *ynode_map_str(const struct ynode *map, const char *key);
/* Remove key from map, freeing its key and value; returns true if found. */
bool ynode_map_del(struct ynode *map, const char *key);
void ynode_free(struct ynode *n);
struct ynode *ynode_clone(const struct ynode *n);
/* Structural equality (types, scalar bytes, order); marks and styles ignored. */
bool ynode_equal(const struct ynode *a, const struct ynode *b);
/* true if a plain scalar with this text would be read as a non-string
 * (null, boolean, number) by a YAML 1.1 or 1.2 core schema reader */
bool ynode_plain_is_typed(const char *s, size_t len);

#endif
