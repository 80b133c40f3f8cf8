/* session: what the reader has open, below the screen: the articles, the
 * annotation layers (curated + personal), claims anchored and indexed per
 * article, link following, the jump history and the claims overview. Plain C,
 * so tests can drive everything the keys do without a terminal. */
#ifndef CROSSREAD_SESSION_H
#define CROSSREAD_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "crossread/annot/annot.h"
#include "crossread/base/diag.h"
#include "crossread/reader/undo.h"

struct article;
struct store;

#define SESSION_MAX_ARTICLES 16
#define SESSION_HISTORY	     100
#define SESSION_MAX_HELD     16

/* What a jump leaves behind: enough to put the view back exactly. */
/* panes a view state keeps (the reader shows two, or three on a wide
 * terminal) */
#define SESSION_VIEW_PANES 3

struct view_state {
	size_t art[SESSION_VIEW_PANES]; /* article shown in each pane */
	size_t top[SESSION_VIEW_PANES]; /* byte offset of each pane's first row */
	size_t sel[SESSION_VIEW_PANES]; /* selected claim per pane, ANNOT_NONE if none */
	size_t cur[SESSION_VIEW_PANES]; /* each pane's cursor (a byte offset) */
	int npanes;			/* panes it was taken with */
	int focus;
};

struct session {
	struct article *arts[SESSION_MAX_ARTICLES]; /* open articles */
	size_t narts;
	size_t annot_of[SESSION_MAX_ARTICLES]; /* index into an->articles */
	struct annot *an;		       /* never NULL */
	char *annot_path;		       /* curated file, or NULL */
	char *notes_path;		       /* personal file (always chosen) */
	struct store *store;		       /* session of the personal file */
	struct diag_list diags;		       /* problems met while loading */
	int annot_rc, notes_rc;		       /* annot_load results */
	bool anchored;
	size_t anchor_next; /* session_anchor_step: the next open article */

	/* anchored claims of each open article, sorted by start */
	size_t *order[SESSION_MAX_ARTICLES];
	size_t norder[SESSION_MAX_ARTICLES];
	/* running maximum of the ends along order[art]: the claims before an
	 * index whose maximum is <= off all end by off, however they nest */
	size_t *order_maxend[SESSION_MAX_ARTICLES];
	unsigned *marks; /* pair mark per claim (session_pair_mark) */
	/* per claim: its links (adj_links[adj_start[c] .. adj_start[c + 1]])
	 * and its first note, so a frame costs the screen, not the file */
	size_t *adj_start, *adj_links;
	size_t *note_start, *note_list; /* claim c's notes: note_list[note_start[c] ..
					 * note_start[c + 1]], in file order */
	/* issue 13: notes on link l (target l) and on article a of an->articles
	 * (target nlinks + a), the same way, onote_n targets */
	size_t *onote_start, *onote_list, onote_n;

	struct view_state hist[SESSION_HISTORY];
	size_t nhist, hist_pos;

	/* undo history (undo.h): personal.c records and applies it */
	struct undo_history undo;
	/* claim indexes the reader keeps (selection per pane, a pending
	 * link...): every change to the personal layer finds them again by
	 * id, since a merge or an undo moves claims (session_hold_claim) */
	size_t *held[SESSION_MAX_HELD];
	size_t nheld;
	bool no_notes; /* --no-notes: the personal layer is never written */
	/* issue 13: the annotation file given was a personal notes file,
	 * opened as yours over the curated file it names */
	bool notes_direct;
};

/* notes_path for session_open: keep notes in memory, write nothing */
extern const char session_no_notes[];

/* Keep *ref (a claim index or ANNOT_NONE) pointing at the same claim across
 * every change to the personal layer (merges and undos move claims). */
void session_hold_claim(struct session *s, size_t *ref);

/* Open: an annotation file (may be NULL) and/or article paths (if none, the
 * annotation file's articles), and the personal file (NULL: the default).
 * An annotation file that is a personal notes file (it names the curated
 * file it lies over, or is the notes file of its own articles) is opened
 * as the personal file over that curated file (notes_direct).
 * On failure returns 2 with a message in err ("PATH: reason"). */
int session_open(struct session *s, const char *annot_path, char **articles, size_t narticles,
		 const char *notes_path, char *err, size_t errlen);
void session_close(struct session *s);

/* Default personal file: FILE.notes.yaml for FILE.yaml; without an
 * annotation file, next to the first article. malloc'd. */
char *session_default_notes(const char *annot_path, char **articles, size_t n);

/* Load more of every article; once all are complete, anchor the claims.
 * Returns true when everything is loaded and anchored. */
bool session_load_step(struct session *s, size_t budget);
void session_load_all(struct session *s);
/* (Re-)anchor every claim and rebuild the per-article indexes. */
void session_anchor(struct session *s);
/* Anchor the claims of one more open article (the reader calls it while
 * idle, so that input is read between articles); returns true once all
 * are anchored and indexed. The articles must be loaded. */
bool session_anchor_step(struct session *s);
/* Rebuild the per-article indexes and pair marks without re-anchoring
 * (after adding a claim whose place is known). */
void session_reindex(struct session *s);

/* Open article index of claim c, or SIZE_MAX if its article is not open or
 * it is an orphan. */
size_t session_claim_art(const struct session *s, size_t c);
/* An index into order[art] before which every claim ends at or before off:
 * the claims covering off or after it are all at or after it (for drawing). */
size_t session_first_claim_after(const struct session *s, size_t art, size_t off);
/* Next (dir > 0) or previous claim in art from offset off (strictly after /
 * before the claim `cur` if it is not ANNOT_NONE). ANNOT_NONE if none. */
size_t session_step_claim(const struct session *s, size_t art, size_t off, size_t cur, int dir);

/* A claim's links: link indices and the claim at the other end. Returns the
 * count; *links and *partners are malloc'd (free them). Partners whose
 * article is not open or that are orphans are left out. */
size_t session_partners(const struct session *s, size_t claim, size_t **links, size_t **partners);
/* Whether a link joins a claim of open article art_a overlapping
 * [a0, a1) and a claim of art_b overlapping [b0, b1), in either direction.
 * Walks only the claims over [a0, a1) and their links (the indexes of
 * session_reindex), so checking every suggestion is linear. */
bool session_linked_ranges(const struct session *s, size_t art_a, size_t a0, size_t a1,
			   size_t art_b, size_t b0, size_t b1);
/* A number shared by both ends of each cross-article link (0: none), so the
 * eye can pair them: claims in one connected group share a number. */
unsigned session_pair_mark(const struct session *s, size_t claim);

/* The first note on claim c (by index), or ANNOT_NONE: constant time. */
size_t session_claim_note(const struct session *s, size_t c);
/* After one note was appended to the model (an->notes[i], the last): the
 * claim -> notes index takes it in, without rebuilding the other indexes
 * (any other change of the notes rebuilds the links and notes index). For
 * the reader's save path in place of session_reindex(). */
void session_index_note(struct session *s, size_t i);
/* All notes on claim c, in file order: stores a pointer to their indexes in
 * *notes and returns how many (constant time). */
size_t session_claim_notes(const struct session *s, size_t c, const size_t **notes);

/* issue 13: all notes on link l (index into an->links) or on the whole
 * article a (index into an->articles), in file order, as above. */
size_t session_link_notes(const struct session *s, size_t l, const size_t **notes);
size_t session_article_notes(const struct session *s, size_t a, const size_t **notes);

/* Jump history (vim's jumplist): push the state left behind by a jump;
 * back/forward return false at either end. back also records `now` so that
 * forward can return to it. */
void session_jump_push(struct session *s, const struct view_state *from);
bool session_jump_back(struct session *s, const struct view_state *now, struct view_state *to);
bool session_jump_forward(struct session *s, struct view_state *to);

/* Claims overview: every accusation with the claims that answer it (rebuts,
 * counters) under it, then the other claims linked to it, unanswered ones
 * marked; then every other claim a link points to (OV_LINKED), with the
 * claims linking to it (OV_ANSWER rows: every link is listed once); then
 * orphans. An OV_ANSWER's claim is the other end of its link from the head
 * above it: link->from_i (it answers the head) or link->to_i. */
enum ov_kind {
	OV_ACCUSATION,
	OV_ANSWER,
	OV_HEADING,
	OV_ORPHAN,
	OV_OTHER,
	/* issue 15: the story's part, which the reader adds (story.h) */
	OV_SHARED_HEADING, /* "Claims several outlets carry" */
	OV_GROUP,	   /* a `same` group: claim is its first, link its group index */
	OV_MEMBER,	   /* a claim of the group above */
	OV_SOLO_HEADING,   /* "Only one outlet reports" */
	OV_OUTLET,	   /* an outlet's heading: link is its open article */
	OV_SOLO,	   /* a claim no other outlet carries */
	/* issue 13: linked claims without an accusation */
	OV_LINKED_HEADING, /* "Other linked claims" */
	OV_LINKED	   /* a claim links point to, OV_ANSWER rows under it */
};
struct ov_item {
	enum ov_kind kind;
	size_t claim; /* ANNOT_NONE for headings */
	size_t link;  /* for answers: the link, else ANNOT_NONE (and see above) */
	bool unanswered;
};
size_t session_overview(const struct session *s, struct ov_item **items);

#endif
