/* sentence: splits an article's display text into sentences, as byte ranges
 * of that text. Knows English abbreviations, initials, decimals, quotes after
 * the full stop, headings/captions (a line with no final punctuation) and
 * sentences that run across a paragraph break. */
#ifndef CROSSREAD_SENTENCE_H
#define CROSSREAD_SENTENCE_H

#include <stddef.h>

struct sentence {
	size_t start, end; /* [start, end) in the text; trimmed of white space */
};

/* Split text[0..len) (any bytes; invalid UTF-8 is taken as U+FFFD one byte
 * at a time). Ranges that hold no letter or digit are left out. Stores a
 * malloc'd array in *out (NULL when there are none; free() it) and returns
 * the number of sentences. */
size_t sentence_split(const char *text, size_t len, struct sentence **out);

/* The work of the last sentence_split on this thread: the code points it
 * decoded, counting every look back and ahead. At most a small multiple of
 * its len (the tests hold it to that). */
size_t sentence_split_work(void);

#endif
