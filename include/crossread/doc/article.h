/* article: an article on disk turned into its display text, the one
 * coordinate every layer shares (byte offsets into article.text).
 * Reads Markdown and plain text (either with YAML front matter) and HTML
 * (main text extracted by html.c); the format is found from the content
 * (detect.c), a binary file is refused. Markdown and text loading is
 * incremental: article_open reads and renders the first screenfuls only,
 * article_load_step reads and renders on (the UI calls it while idle),
 * article_load_all finishes. The file is read as it is rendered, through a
 * window that slides, so opening costs the same for 6 KB as for 200 MB. */
#ifndef CROSSREAD_ARTICLE_H
#define CROSSREAD_ARTICLE_H

#include <stdbool.h>
#include <stddef.h>

/* Largest article file accepted (bytes). */
#define ARTICLE_MAX_SIZE ((size_t)256 << 20)

/* Inline styles from the source's formatting (bit flags, may combine). */
enum text_style {
	TS_HEADING = 1 << 0,
	TS_EMPH = 1 << 1,
	TS_STRONG = 1 << 2,
	TS_LINK = 1 << 3,
	TS_CODE = 1 << 4,
	TS_QUOTE = 1 << 5,
	TS_RULE = 1 << 6,
};

struct span {
	size_t start, end; /* [start, end) in display text */
	unsigned style;	   /* enum text_style bits */
};

enum article_format { ARTICLE_TEXT, ARTICLE_MARKDOWN, ARTICLE_HTML };
/* --format: ARTICLE_AUTO detects the format from the content */
#define ARTICLE_AUTO (-1)

struct article {
	char *path;
	/* metadata: from front matter (.md) or guessed (.txt: first line is the
	 * title); NULL when unknown. Never sanitised: sanitise when drawing. */
	char *title, *outlet, *date, *url, *author;
	enum article_format format;
	/* why the format was chosen, and where each metadata field came from
	 * ("front matter", "og:title", ...): static strings, NULL if unset */
	const char *format_why;
	const char *title_from, *outlet_from, *date_from, *url_from, *author_from;

	/* display text: lines separated by '\n', paragraphs separated by an
	 * empty line. Grows while loading: hold offsets, never pointers. */
	char *text;
	size_t len, cap;
	/* start offset of each line of the display text (line i ends at the
	 * '\n' before line_start[i+1], or at len) */
	size_t *line_start;
	size_t nlines, lines_cap;
	/* styled ranges, sorted by start */
	struct span *spans;
	size_t nspans, spans_cap;

	bool complete; /* all of the source has been turned into display text */
	/* loading state (private to article.c and markdown.c): src holds a
	 * window of the file, read as loading goes (src_pos: next byte to
	 * turn into text, src_len: bytes in the window); src_fd is the file,
	 * open until it has all been read */
	char *src;
	size_t src_len, src_pos, src_cap;
	int src_fd;
	bool src_eof;
	size_t src_done, src_size; /* bytes of the file consumed; its size (0: unknown) */
	int md_state;
	bool text_paste; /* plain text pasted from a browser: a paragraph a line */
};

/* Open path: read it, parse front matter, prepare the first lines.
 * Returns 0, or -1 with errno set (and *err a static reason, or a libyaml
 * message for bad front matter). */
int article_open(struct article **out, const char *path, const char **err);
/* The format article_open uses from now on (--format; ARTICLE_AUTO: detect
 * it). Set once by main before articles are opened. */
void article_default_format(int format);
/* The same with the format forced (ARTICLE_AUTO: detected). path "-" reads
 * standard input. A binary file fails with errno EINVAL and *err "not a
 * text article". */
int article_open_as(struct article **out, const char *path, int format, const char **err);
/* Build an article from memory (tests, fuzzing): the format is detected as
 * for a file of that name. Never fails (binary data is read as text). */
struct article *article_from_memory(const char *name, const char *data, size_t len);
struct article *article_from_memory_as(const char *name, const char *data, size_t len, int format);
/* Name of a format ("html", "markdown", "text"), and the reverse (-1 if
 * unknown). */
const char *article_format_name(enum article_format f);
int article_format_parse(const char *name);
/* Set a metadata field if still unset (copied, one line, cleaned UTF-8,
 * at most 1 KiB). from: a static description of the source. */
void article_set_meta(struct article *a, char **slot, const char **from_slot, const char *from,
		      const char *s, size_t n);
/* Process about `budget` more source bytes. Returns true when complete. */
bool article_load_step(struct article *a, size_t budget);
void article_load_all(struct article *a);
/* How much of the file has been turned into text, in percent (0-100). */
unsigned article_progress(const struct article *a);
void article_free(struct article *a);

/* Line containing offset (binary search over line_start). */
size_t article_line_of(const struct article *a, size_t off);
size_t article_line_end(const struct article *a, size_t line);
/* A label for the article: title, else the file name. */
const char *article_label(const struct article *a);

/* Building display text (used by article.c and markdown.c). */
void article_begin_block(struct article *a);
void article_newline(struct article *a);
void article_put(struct article *a, const char *s, size_t n, unsigned style);
#endif
