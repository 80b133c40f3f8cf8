/* markdown: renders Markdown source into display text for reading:
 * headings, emphasis, links shown as their text, backslash escapes,
 * paragraphs (soft line breaks joined), lists, quotes, code, rules.
 * Works block by block so an article can be rendered incrementally. */
#ifndef CROSSREAD_MARKDOWN_H
#define CROSSREAD_MARKDOWN_H

#include <stddef.h>

struct article;

/* Length of the next block of src starting at pos (up to and including the
 * blank line(s) that end it; fenced code keeps its blank lines). */
size_t md_block_end(const char *src, size_t len, size_t pos, int *state);
/* Render one block of (already cleaned UTF-8) source, appending display
 * text, lines and spans to the article. */
void md_render_block(struct article *a, const char *src, size_t len, int *state);
/* Render inline Markdown of one paragraph into the article (no newline). */
void md_render_inline(struct article *a, const char *src, size_t len, unsigned base_style);

#endif
