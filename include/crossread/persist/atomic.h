/* atomic: never a half-written file. Atomic, verified replacement of a file
 * (temp file in the same directory, fsync, rename, fsync of the directory,
 * optionally handing back a lock on the new file), file identity stamps that
 * notice any change (device, inode, size, nanosecond mtime and a content
 * hash), abandoned temp files cleaned up, side-file names. */
#ifndef CROSSREAD_ATOMIC_H
#define CROSSREAD_ATOMIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

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

/* 64-bit content hash: base's hash_bytes, the project's one hash (in memory only, never stored). */
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

/* Write all of data[0..len) to fd, retrying short writes and EINTR.
 * Returns 0, or -1 with errno. */
int store_write_all(int fd, const char *data, size_t len);

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

/* "NAME.conflict-YYYYMMDDTHHMMSSZ.yaml" next to path (NAME without .yaml) */
char *store_side_path(const char *path, time_t when);

#endif
