/* detect: which kind of article a file holds, from its first bytes (and its
 * name as a hint): HTML, Markdown, plain text, or binary (refused). */
#ifndef CROSSREAD_DETECT_H
#define CROSSREAD_DETECT_H

#include <stdbool.h>
#include <stddef.h>

/* detect_format's answer for a file that is no text at all */
#define DETECT_BINARY (-2)

/* The format (enum article_format) of a file named name whose first bytes
 * are data[0..len), or DETECT_BINARY (NUL bytes, an image, a PDF, an
 * archive). *why: a static phrase saying what decided ("doctype",
 * "front matter", ...). */
int detect_format(const char *name, const char *data, size_t len, const char **why);

/* Is s[0..n) a line of page furniture ("Skip to content", "Subscribe",
 * "Sign in", "Advertisement", ...), compared without case and surrounding
 * space or punctuation? */
bool detect_furniture(const char *s, size_t n);

#endif
