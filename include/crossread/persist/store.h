/* store: never losing a word of the reader's personal annotation file: a
 * session object for the personal file that saves under a lock, merges with
 * changes made on disk by someone else instead of overwriting them, and
 * sends what cannot be merged to a side file. Built on atomic.h (atomic
 * replacement, stamps) and merge.h (the three-way merge, entry ids). */
#ifndef CROSSREAD_STORE_H
#define CROSSREAD_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "crossread/annot/annot.h"
#include "crossread/base/diag.h"
#include "crossread/persist/atomic.h"
#include "crossread/persist/merge.h"

/* ---- the personal annotation file as a session ---- */

enum store_result {
	STORE_UNCHANGED, /* nothing to save */
	STORE_SAVED,	 /* written over the file as it was last read */
	STORE_MERGED,	 /* merged with changes made on disk, then written */
	STORE_SIDE_FILE, /* the file on disk could not be merged: ours went to a side file */
	STORE_FAILED,	 /* nothing written; everything is still in memory */
};

struct store {
	char *path;
	struct store_stamp stamp; /* of the file as last read or written */
	char *base;		  /* its content then: the merge base (NULL if none) */
	size_t base_len;
	bool base_ok; /* base loaded cleanly: the file may be written over */
	bool dirty;   /* memory has changes not yet in the file */
	/* the disk and base versions are loaded over the curated layer in
	 * memory (annot_load_over: looked up through its index, never parsed
	 * or serialised again); its articles are the first lower_articles */
	size_t lower_articles;
	bool no_flock;	  /* as where flock(2) is refused (tests): the O_EXCL lock */
	bool memory_only; /* --no-notes: nothing is ever written */
	bool read_only;	  /* the file may not be written: never replaced */
	char *side;	  /* side file written by this session, or NULL */
	char msg[640];	  /* status line for the UI */
};

/* Load the personal file `path` as LAYER_PERSONAL into *an (fresh when *an is
 * NULL, else on top of the curated layer) and start a session for it. A
 * missing file is fine (it is created on the first save). A file that does
 * not load cleanly is kept as it is: it is never saved over, saves go to a
 * side file until it loads again. Returns the session (never NULL); the
 * loader's return value (0, 1, 2; 0 for a missing file) goes to *load_rc. */
struct store *store_open(const char *path, struct annot **an, struct diag_list *diags,
			 int *load_rc);
void store_free(struct store *s);
/* A session that keeps everything in memory and writes nothing. */
struct store *store_open_memory(void);
/* 0 if path is a regular file or missing; -1 with "PATH: not a regular
 * file" in err for a FIFO, a device, a directory... (opened without
 * blocking, then fstat'd). */
int store_check_regular(const char *path, char *err, size_t errlen);

/* The UI calls this after every change to the personal layer. */
void store_touch(struct store *s);
/* true if memory holds changes that are not on disk: ask before quitting */
bool store_dirty(const struct store *s);

/* Save the personal layer of `an`. If the file changed on disk since it was
 * read or written, the disk version is merged in by entry id (3-way: base =
 * what we last read or wrote); `an` then holds the merged personal entries
 * (claims may have been added or renamed: re-anchor). If the disk version
 * does not load, its errors are added to diags (may be NULL) and ours goes
 * to a side file. Returns the outcome; store_message() gives the line to
 * show. */
enum store_result store_save(struct store *s, struct annot *an, struct diag_list *diags);
/* The read-merge-write-rename of a save holds an exclusive flock(2) on
 * NAME.lock beside the file (never while anyone types), waiting at most
 * STORE_LOCK_WAIT_MS for another process's save to end (then the save
 * fails, the change kept in memory). Where flock is refused, NAME.xlock
 * made with O_EXCL (holding "PID HOST"; one of a dead process of this host
 * is removed) is the lock. Where no lock can be had at all (a lock file
 * that cannot be created), the file is read back after the rename and
 * merged and written again if another process replaced it meanwhile. */
#define STORE_LOCK_WAIT_MS  5000
#define STORE_LOCK_POLL_MS  1
#define STORE_SAVE_ATTEMPTS 8
/* A file nobody may write (mode without w bits, or not writable by us)
 * is never replaced. */
bool store_is_read_only(const char *path);
/* Ours, whole, to a side file NAME.conflict-...yaml (the reader asked). */
enum store_result store_save_side(struct store *s, struct annot *an);
const char *store_message(const struct store *s);
const char *store_result_name(enum store_result r);

/* Editing the personal layer (each marks the session dirty). A new note on
 * the claim or link `on` gets a fresh id and `created` now; returns its index
 * in an->notes. Editing sets `updated`. Only personal notes can be edited or
 * deleted (returns -1 otherwise). */
size_t store_add_note(struct store *s, struct annot *an, const char *on, const char *text);
int store_edit_note(struct store *s, struct annot *an, size_t i, const char *text);
int store_delete_note(struct store *s, struct annot *an, size_t i);

#endif
