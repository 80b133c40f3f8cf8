/* html: a web page turned into an article's display text and metadata, as
 * a browser's reader mode does: parsed by libxml2's HTML parser (never the
 * network), the main text chosen among candidates (<article>, <main>, the
 * blocks with most paragraph text and fewest links, or a JSON-LD
 * articleBody), navigation, banners, share and related-link blocks
 * dropped; headings, paragraphs, lists, quotes and captions kept. */
#ifndef CROSSREAD_HTML_H
#define CROSSREAD_HTML_H

#include <stddef.h>

struct article;

/* Largest page read (bytes): libxml2's tree takes a few times the page. */
#define HTML_MAX_SIZE ((size_t)64 << 20)

/* Extract page[0..len) into a (empty so far): display text, spans, title,
 * outlet, date, author, url. Deterministic: the same bytes give the same
 * text. Never fails (a page with no text gives an empty article). */
void html_extract(struct article *a, const char *page, size_t len);

/* Ready libxml2 for pages parsed in several threads at once: called once,
 * from one thread, before they start. */
void html_init(void);

#endif
