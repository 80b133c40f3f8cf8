/* look: style roles (READER_ROLES: name and default colours and attributes)
 * and the look of the text at a byte offset as a set of roles, computed
 * below the screen from the reader's state (spans, claims, the selection,
 * suggestions, search hits). No curses type: the ui turns roles into
 * attributes and colour pairs. */
#ifndef CROSSREAD_LOOK_H
#define CROSSREAD_LOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* colours: the eight ANSI colours (curses numbers them the same), 8..255
 * for terminals with more, CLR_DEFAULT for the terminal's own */
#define CLR_DEFAULT (-1)
enum { CLR_BLACK, CLR_RED, CLR_GREEN, CLR_YELLOW, CLR_BLUE, CLR_MAGENTA, CLR_CYAN, CLR_WHITE };
/* attributes */
enum { STY_BOLD = 1, STY_UNDERLINE = 2, STY_REVERSE = 4, STY_DIM = 8, STY_ITALIC = 16 };

/* X(ID, name, fg, bg, attributes with colour, attributes without) */
#define READER_ROLES(X)                                                                            \
	X(NORMAL, "normal", CLR_DEFAULT, CLR_DEFAULT, 0, 0)                                        \
	X(HEADER, "header", CLR_WHITE, CLR_BLUE, 0, STY_UNDERLINE)                                 \
	X(HEADER_FOCUS, "header-focus", CLR_BLACK, CLR_CYAN, STY_BOLD, STY_REVERSE | STY_BOLD)     \
	X(DIVIDER, "divider", CLR_BLUE, CLR_DEFAULT, 0, STY_DIM)                                   \
	X(STATUS, "status", CLR_BLACK, CLR_WHITE, 0, STY_REVERSE)                                  \
	X(CONTROL, "control", CLR_MAGENTA, CLR_DEFAULT, STY_BOLD, STY_BOLD | STY_UNDERLINE)        \
	X(SEARCH, "search", CLR_BLACK, CLR_YELLOW, 0, STY_REVERSE | STY_UNDERLINE)                 \
	X(ACCUSATION, "accusation", CLR_RED, CLR_DEFAULT, STY_BOLD, STY_BOLD | STY_UNDERLINE)      \
	X(REBUTTAL, "rebuttal", CLR_GREEN, CLR_DEFAULT, STY_BOLD, STY_UNDERLINE)                   \
	X(CLAIM, "claim", CLR_CYAN, CLR_DEFAULT, 0, STY_UNDERLINE | STY_DIM)                       \
	X(SUGGEST, "suggestion", CLR_BLUE, CLR_DEFAULT, STY_UNDERLINE, STY_DIM | STY_UNDERLINE)    \
	X(VISUAL, "visual", CLR_BLACK, CLR_MAGENTA, 0, STY_REVERSE)                                \
	X(MARK, "mark", CLR_YELLOW, CLR_DEFAULT, STY_BOLD, STY_BOLD)                               \
	X(NOTE, "note", CLR_YELLOW, CLR_DEFAULT, 0, STY_BOLD)                                      \
	X(ERROR, "error", CLR_WHITE, CLR_RED, STY_BOLD, STY_REVERSE | STY_BOLD)                    \
	X(HEADING, "heading", CLR_DEFAULT, CLR_DEFAULT, STY_BOLD, STY_BOLD)                        \
	X(EMPH, "emph", CLR_DEFAULT, CLR_DEFAULT, STY_ITALIC, STY_UNDERLINE)                       \
	X(STRONG, "strong", CLR_DEFAULT, CLR_DEFAULT, STY_BOLD, STY_BOLD)                          \
	X(LINK, "link", CLR_DEFAULT, CLR_DEFAULT, STY_UNDERLINE, STY_UNDERLINE)                    \
	X(CODE, "code", CLR_YELLOW, CLR_DEFAULT, 0, STY_DIM)                                       \
	X(QUOTE, "quote", CLR_DEFAULT, CLR_DEFAULT, STY_ITALIC, STY_DIM)                           \
	X(RULE, "rule", CLR_BLUE, CLR_DEFAULT, 0, STY_DIM)                                         \
	X(DIM, "dim", CLR_DEFAULT, CLR_DEFAULT, STY_DIM, STY_DIM)                                  \
	X(SELECTED, "selected", CLR_DEFAULT, CLR_DEFAULT, STY_REVERSE, STY_REVERSE)                \
	X(CURSOR, "cursor", CLR_BLACK, CLR_GREEN, STY_BOLD, STY_BOLD | STY_UNDERLINE | STY_REVERSE)

/* Style roles: drawing code names a role, never a colour. */
enum role {
#define LOOK_ROLE_ENUM(id, name, fg, bg, ca, ma) R_##id,
	READER_ROLES(LOOK_ROLE_ENUM)
#undef LOOK_ROLE_ENUM
	    R_COUNT
};

struct style {
	short fg, bg;	/* CLR_* or 0..255 */
	unsigned color; /* STY_* with colour */
	unsigned mono;	/* STY_* without */
};
extern const struct style look_default_styles[R_COUNT];
const char *look_role_name(enum role r);
/* the role named so, or -1 */
int look_role_by_name(const char *name, size_t len);

/* The look of a piece of text: the roles whose attributes it takes, the
 * role whose colours it shows, and attributes added for emphasis (the
 * selected claim reversed, the current search hit bold). */
struct look {
	uint32_t roles; /* bit per enum role */
	unsigned char color;
	unsigned char extra; /* STY_* */
};
static inline bool look_equal(struct look a, struct look b)
{
	return a.roles == b.roles && a.color == b.color && a.extra == b.extra;
}

struct reader;
#define LOOK_MAX_HITS 256
/* what the rows of a pane's frame are coloured by, found once per frame */
struct look_frame {
	size_t spank; /* first span that may cover the next offset */
	size_t hs[LOOK_MAX_HITS], he[LOOK_MAX_HITS];
	size_t nh;     /* search hits in the visible range */
	size_t cs, ce; /* the cursor's cluster in the focused pane (cs == ce: none) */
};
/* the frame of pane p showing [from, to) */
void look_frame_begin(struct reader *r, int p, size_t from, size_t to, struct look_frame *f);
/* The look of pane p's text at off (offsets rising through a frame); *next
 * gets the first offset after off where it may change, so a row asks once
 * per run of cells that look alike. */
struct look look_at(struct reader *r, int p, size_t off, struct look_frame *f, size_t *next);
/* the innermost anchored claim covering off in pane p, or ANNOT_NONE; *next
 * (if not NULL) the first offset after off where that may change */
size_t look_claim_at(struct reader *r, int p, size_t off, size_t *next);

#endif
