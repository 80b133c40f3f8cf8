/* journal: the note being typed survives a crash. While the note editor is
 * open, its text is replaced atomically in a small file next to the personal
 * annotation file (NAME.journal) every few seconds or every few hundred
 * characters, together with what the note belongs to. Saving or cancelling
 * the note removes the journal; a journal found at the next start is a note
 * that was never saved, offered back to the reader. */
#ifndef CROSSREAD_JOURNAL_H
#define CROSSREAD_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* write at least this often while typing ... */
#define JOURNAL_SECONDS 3
/* ... or after this many bytes of change, whichever comes first */
#define JOURNAL_BYTES 200

struct journal {
	char *path;  /* NAME.journal */
	char *on;    /* claim or link id the note belongs to */
	char *note;  /* id of the note being edited, or NULL for a new note */
	char *saved; /* text as last written */
	size_t saved_len;
	bool written;	   /* a journal file exists for this edit */
	time_t last_write; /* caller's clock (seconds) at the last write */
	char err[256];	   /* reason of the last failure */
};

/* What a journal holds: a note that was being typed. */
struct journal_entry {
	char *path; /* the journal file (held locked until journal_entry_free) */
	char *on;
	char *note; /* NULL for a new note */
	char *when; /* ISO 8601 UTC time of the last write */
	char *text; /* NUL-terminated, exactly as typed */
	size_t len;
};

/* This reader's journal, "NAME.journal-XXXXXX" for the personal file
 * "NAME.yaml" (".yaml"/".yml" dropped; XXXXXX random, drawn once per
 * process): each reader has its own, and holds an exclusive flock(2) on it
 * from its first write until it is removed or the process ends. */
char *journal_path(const char *personal_path);

/* Start journaling an edit of the note `note` (NULL: a new note) on the claim
 * or link `on`. Nothing is written until there is text. */
struct journal *journal_begin(const char *personal_path, const char *on, const char *note);
/* Tell the journal the current text; `now` is the caller's clock in seconds
 * (time(NULL) or a monotonic clock). It is written when JOURNAL_SECONDS have
 * passed or JOURNAL_BYTES changed since the last write. Returns 1 if written,
 * 0 if not needed yet, -1 if writing failed (reason in j->err; retried at the
 * next call). */
int journal_update(struct journal *j, const char *text, size_t len, time_t now);
/* Write now (e.g. on suspend or before a risky action). 0 or -1. */
int journal_flush(struct journal *j, const char *text, size_t len, time_t now);
/* The note was saved or cancelled: remove the journal file and free j. */
void journal_end(struct journal *j);

/* Find a journal left next to personal_path that no live reader holds (a
 * crashed reader's, or one put off with "later"; this process's own and
 * those it already took are skipped). Returns 1 and fills *out, holding the
 * journal's lock until journal_entry_free (so no other reader offers it
 * meanwhile), 0 if there is none, -1 if one is damaged (the reason in err;
 * the file is left for the reader to inspect). */
int journal_recover(const char *personal_path, struct journal_entry *out, char *err, size_t errlen);
/* The recovered note was taken back or discarded: remove its file. */
int journal_entry_discard(struct journal_entry *e);
/* Remove this reader's own journal (the note being typed is saved). */
int journal_remove(const char *personal_path);
void journal_entry_free(struct journal_entry *e);

#endif
