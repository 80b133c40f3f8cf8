/* import: annotations from other tools into the personal layer: W3C Web
 * Annotation JSON-LD (an AnnotationCollection, an AnnotationPage, a list or
 * one Annotation; what `crossread export --format jsonld` writes) and
 * Hypothesis's JSON export (rows with target[].selector, text, tags, uri).
 * Each quote is anchored in the story's own copy of its article (found by
 * URL: the article's url metadata, else its file); a quote that does not
 * anchor is an orphan, listed and never placed. */
#ifndef CROSSREAD_IMPORT_H
#define CROSSREAD_IMPORT_H

#include <stddef.h>

#include "crossread/base/diag.h"
#include "crossread/base/util.h"

struct session;

/* Most annotations one file may hold, and its largest size. */
#define IMPORT_MAX_ITEMS 5000
#define IMPORT_MAX_FILE	 (16u << 20)

struct import_stats {
	size_t claims, links, notes; /* added to the personal layer */
	size_t present;		     /* already in the story: left alone */
	size_t orphans;		     /* quotes not placed */
	size_t skipped;		     /* entries refused (a warning each) */
};

/* Read data[0..len) (named `name` in messages) into s's personal layer (s
 * loaded and anchored; nothing is saved). Orphans are described one per
 * line in *orphans. Returns 0, or 2 if the input is not JSON or not
 * annotations (a FILE:LINE:COL diagnostic; nothing added). */
int import_json(struct session *s, const char *name, const char *data, size_t len,
		struct import_stats *st, struct buf *orphans, struct diag_list *d);

/* The byte offset of code point cp in text[0..len) (len if past the end). */
size_t import_byte_offset(const char *text, size_t len, size_t cp);

#endif
