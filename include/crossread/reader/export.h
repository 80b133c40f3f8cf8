/* export: a story (its articles, claims, links, notes and tags, as a
 * session holds them) written out for readers without crossread: a
 * Markdown brief, a self-contained HTML page, W3C Web Annotation JSON-LD
 * and CSV. Output depends only on the story (no clock, no paths outside
 * it), so the same story always exports to the same bytes. */
#ifndef CROSSREAD_EXPORT_H
#define CROSSREAD_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "crossread/base/util.h"

struct session;
struct article;

enum export_format { EXPORT_MD, EXPORT_HTML, EXPORT_JSONLD, EXPORT_CSV };

/* "md", "html", "jsonld", "csv": 0, or -1 if unknown */
int export_format_parse(const char *name, enum export_format *out);

/* The story as `fmt`, appended to out. The session must be loaded and
 * anchored (session_load_all). Returns 0, or -1 if a library refused. */
int export_write(const struct session *s, enum export_format fmt, struct buf *out);

int export_md(const struct session *s, struct buf *out);
int export_html(const struct session *s, struct buf *out);
int export_jsonld(const struct session *s, struct buf *out);
int export_csv(const struct session *s, struct buf *out);

/* ---- shared by the writers (export.c) ---- */

/* The open article of annotation article a, or NULL. */
const struct article *export_article(const struct session *s, size_t a);
/* What to call annotation article a: its outlet, else its title, else its id. */
const char *export_outlet(const struct session *s, size_t a);
/* The document a claim lives in, as an IRI: the article's url if it is an
 * http(s) URL, else a file: URI of its absolute path (malloc'd). */
char *export_source_iri(const struct session *s, size_t a);
/* true if s is an http:// or https:// URL with nothing a page could take
 * for markup (no space, quote, angle bracket or control character) */
bool export_safe_url(const char *s);
/* Indices of the notes whose `on` is id, in file order (malloc'd, *n set). */
size_t *export_notes_on(const struct session *s, const char *id, size_t *n);
/* Code points in text[0..off): the W3C model counts characters, we count
 * bytes. */
size_t export_cp_offset(const char *text, size_t off);
/* Every claim in reading order: by annotation article, then start; orphans
 * after the placed claims of their article, in file order (malloc'd). */
size_t *export_claim_order(const struct session *s);
/* Connected groups of claims through `same` links: group[c] is the
 * smallest claim index of c's group (malloc'd, one per claim). */
size_t *export_same_groups(const struct session *s);

#endif
