/* store: never losing a word of the reader's personal annotation file.
 * Atomic, verified replacement of a file (temp file in the same directory,
 * fsync, rename, fsync of the directory), file identity stamps that notice
 * any change (device, inode, size, nanosecond mtime and a content hash), and
 * a session object for the personal file that merges with changes made on
 * disk by someone else instead of overwriting them. */
#ifndef CROSSREAD_STORE_H
#define CROSSREAD_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "crossread/annot/annot.h"
#include "crossread/base/diag.h"

/* What a file looked like when we last read or wrote it. */
struct store_stamp {
	bool exists;
	dev_t dev;
	ino_t ino;
	off_t size;
	time_t mtime_sec;
	long mtime_nsec;
	uint64_t hash; /* store_hash() of the content */
};

/* 64-bit content hash (FNV-1a with a final avalanche mix). */
uint64_t store_hash(const char *data, size_t len);

/* Replace `path` with data[0..len) so that a reader (or a crash at any
 * moment) sees either the whole old file or the whole new one. The temporary
 * file `.NAME.tmp.XXXXXX` lives in the same directory; the old file's
 * permission bits are kept. If `stamp` is not NULL it receives the new
 * file's stamp. Returns 0, or -1 with "step: strerror" in err, the original
 * untouched and the temporary file removed. */
int store_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errlen);
int store_write_atomic_stamp(const char *path, const char *data, size_t len,
			     struct store_stamp *stamp, char *err, size_t errlen);

/* The same, handing back a descriptor that holds an exclusive flock(2) on
 * the new file (taken on the temporary file before the rename, so there is
 * no moment the file is there unlocked): close it to let go. */
int store_write_atomic_locked(const char *path, const char *data, size_t len, int *lockfd,
			      char *err, size_t errlen);

/* Stamp `path` (a missing file gives exists = false and returns 0).
 * store_read_stamped() also hands over the content it hashed (NUL-terminated,
 * NULL if the file is missing), so the stamp and the bytes always agree. Returns -1 with errno on a
 * read error. */
int store_stamp_file(const char *path, struct store_stamp *stamp);
int store_read_stamped(const char *path, struct store_stamp *stamp, char **data, size_t *len);
/* true if the file differs in any way from `seen` (or cannot be read) */
bool store_changed(const char *path, const struct store_stamp *seen);

/* Remove temporary files `.NAME.tmp.*` left next to `path` by a process that
 * died while saving. A live writer holds a lock on its temporary file, so
 * only abandoned ones are removed. Returns how many were removed. */
int store_cleanup_temps(const char *path);

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
	/* the layer below (curated) as YAML, so that the disk and base
	 * versions can be loaded on top of it exactly like the real file:
	 * the curated file's bytes as read at open (annot.src, taken), or
	 * for a layer built in memory its serialisation */
	char *lower_yaml, *lower_name;
	size_t lower_len;
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

/* 3-way merge of the personal layer, exposed for tests: base and theirs are
 * loaded personal files (base may be NULL: nothing in common); ours is
 * modified in place. Entries taken from theirs are moved out of it. Returns
 * the number of conflicting entries kept twice (theirs renamed). */
size_t store_merge(const struct annot *base, struct annot *theirs, struct annot *ours);

/* A fresh entry id, "c-7kq2m9" (kind 'c' claim, 'l' link, 'n' note):
 * STORE_ID_LEN random characters from getrandom(2), so that two readers,
 * on one machine or two, never pick the same one; unused in `an` (may be
 * NULL). malloc'd. */
#define STORE_ID_LEN 6
char *store_new_id(const struct annot *an, char kind);

/* "NAME.conflict-YYYYMMDDTHHMMSSZ.yaml" next to path (NAME without .yaml) */
char *store_side_path(const char *path, time_t when);

#endif
