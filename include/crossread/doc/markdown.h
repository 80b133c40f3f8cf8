/* markdown: renders Markdown source into display text for reading, through
 * md4c: headings, emphasis, links shown as their text, escapes, entities,
 * paragraphs (soft line breaks joined), nested lists and quotes, code,
 * rules, tables; HTML comments and reference definitions not shown. Works
 * chunk by chunk so an article can be rendered incrementally. */
#ifndef CROSSREAD_MARKDOWN_H
#define CROSSREAD_MARKDOWN_H

#include <stddef.h>

struct article;

/* Length of the next chunk of src starting at pos: blocks up to the first
 * blank line(s) after CHUNK_MIN bytes, outside a fence (fenced code keeps
 * its blank lines), at most CHUNK_MAX. */
size_t md_block_end(const char *src, size_t len, size_t pos, int *state);
/* Render one chunk of (already cleaned UTF-8) source, appending display
 * text, lines and spans to the article. */
void md_render_block(struct article *a, const char *src, size_t len, int *state);

#endif
