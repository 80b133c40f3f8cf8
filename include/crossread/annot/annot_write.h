/* annot_write: one layer of the annotation model back to YAML (format
 * version 1, the same the loader reads): version, articles, claims, links,
 * notes, each entry with the unknown keys it was loaded with, and the file's
 * unknown top-level keys. Every byte goes through yamltree / libyaml. */
#ifndef CROSSREAD_ANNOT_WRITE_H
#define CROSSREAD_ANNOT_WRITE_H

#include <stdbool.h>
#include <time.h>

#include "crossread/annot/annot.h"
#include "crossread/base/util.h"

struct ynode;

/* Emit the entries of `layer` (claims, links, notes) and every article of
 * `an` (so the file names its articles), appended to out. Unknown keys are
 * the layer's own only (an->extra[layer], articles' extra[layer]): the
 * curated file's never reach the personal file. Returns 0, or -1 if
 * libyaml refused (out unchanged then). */
int annot_write_layer(const struct annot *an, enum layer layer, struct buf *out);

/* One entry as it is written (a mapping, caller frees): also the canonical
 * form the merge compares. A link's generated id is written only if
 * with_id is true. */
struct ynode *annot_write_article(const struct annot_article *a, enum layer layer);
struct ynode *annot_write_claim(const struct claim *c);
struct ynode *annot_write_link(const struct link *l, bool with_id);
struct ynode *annot_write_note(const struct note *n);

/* ISO 8601 UTC ("2026-11-23T19:00:00Z") for note created/updated */
void annot_write_time(time_t t, char out[32]);

#endif
