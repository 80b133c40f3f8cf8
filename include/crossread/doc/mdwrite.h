/* mdwrite: an article written back as Markdown with YAML front matter, so
 * that a fetched page is kept as a local file whose display text is the
 * page's, byte for byte (anchors stay put when the site changes). */
#ifndef CROSSREAD_MDWRITE_H
#define CROSSREAD_MDWRITE_H

#include "crossread/base/util.h"

struct article;

/* Front matter (title, outlet, date, author, url, and fetched when not
 * NULL) through libyaml's emitter, then the body: headings, quotes, list
 * items and rules as Markdown, every other character that Markdown would
 * read as syntax escaped. Returns 0, or -1 if libyaml refused. */
int mdwrite_article(const struct article *a, const char *fetched, struct buf *out);

#endif
