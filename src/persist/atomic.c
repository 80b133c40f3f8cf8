/* atomic: replacing a file so that a reader or a crash sees the whole old
 * or the whole new one, stamps that tell whether a file changed, and the
 * names of side files. Knows nothing of YAML or annotations. */
#include "crossread/persist/atomic.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "crossread/annot/annot.h" /* ANNOT_MAX_FILE: the largest file read */
#include "crossread/base/hashmap.h"
#include "crossread/base/util.h"

uint64_t store_hash(const char *data, size_t len)
{
	return hash_bytes(data, len); /* the project's one hash */
}

static void seterr(char *err, size_t errlen, const char *step, int e)
{
	if (err && errlen)
		snprintf(err, errlen, "%s: %s", step, strerror(e));
}

/* Split path into its directory ("." if none) and base name. */
static void split_path(const char *path, char **dir, char **base)
{
	const char *slash = strrchr(path, '/');
	if (!slash) {
		*dir = xstrdup(".");
		*base = xstrdup(path);
	} else if (slash == path) {
		*dir = xstrdup("/");
		*base = xstrdup(slash + 1);
	} else {
		*dir = xstrndup(path, (size_t)(slash - path));
		*base = xstrdup(slash + 1);
	}
}

static void stamp_from_stat(struct store_stamp *st, const struct stat *sb)
{
	st->exists = true;
	st->dev = sb->st_dev;
	st->ino = sb->st_ino;
	st->size = sb->st_size;
	st->mtime_sec = sb->st_mtim.tv_sec;
	st->mtime_nsec = sb->st_mtim.tv_nsec;
}

int store_write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (w == 0) {
			errno = EIO; /* a regular file never accepts nothing for ever */
			return -1;
		}
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

/* fsync the directory so that the rename itself survives a power cut. Some
 * file systems cannot sync a directory (EINVAL): nothing more can be done. */
static int sync_dir(const char *dir)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return -1;
	int rc = 0;
	while (fsync(dfd) < 0) {
		if (errno == EINTR)
			continue;
		if (errno != EINVAL && errno != ENOTSUP)
			rc = -1;
		break;
	}
	int e = errno;
	close(dfd);
	errno = e;
	return rc;
}

static int write_atomic(const char *path, const char *data, size_t len, struct store_stamp *stamp,
			int *keep, char *err, size_t errlen);

int store_write_atomic_stamp(const char *path, const char *data, size_t len,
			     struct store_stamp *stamp, char *err, size_t errlen)
{
	return write_atomic(path, data, len, stamp, NULL, err, errlen);
}

int store_write_atomic_locked(const char *path, const char *data, size_t len, int *lockfd,
			      char *err, size_t errlen)
{
	*lockfd = -1;
	return write_atomic(path, data, len, NULL, lockfd, err, errlen);
}

static int write_atomic(const char *path, const char *data, size_t len, struct store_stamp *stamp,
			int *keep, char *err, size_t errlen)
{
	/* write through a symlink to its target rather than replacing the link */
	char *real = NULL;
	struct stat lsb;
	if (lstat(path, &lsb) == 0 && S_ISLNK(lsb.st_mode)) {
		real = realpath(path, NULL);
		if (!real) {
			seterr(err, errlen, "resolve symlink", errno);
			return -1;
		}
		path = real;
	}
	char *dir, *base;
	split_path(path, &dir, &base);
	struct buf tmp = {0};
	buf_printf(&tmp, "%s/.%s.tmp.XXXXXX", dir, base);

	int rc = -1, fd = -1, lockfd = -1;
	bool created = false;
	struct stat old;
	bool have_old = stat(path, &old) == 0;
	if (have_old && !S_ISREG(old.st_mode)) {
		if (err && errlen)
			snprintf(err, errlen, "target: not a regular file");
		goto out;
	}
	fd = mkstemp(tmp.s);
	if (fd < 0) {
		seterr(err, errlen, "create temporary file", errno);
		goto out;
	}
	created = true;
	/* The lock tells store_cleanup_temps() that this temporary file is alive;
	 * it is held by a duplicate until after the rename. */
	if (flock(fd, LOCK_EX) < 0 || (lockfd = dup(fd)) < 0) {
		seterr(err, errlen, "lock temporary file", errno);
		goto out;
	}
	if (have_old && fchmod(fd, old.st_mode & 07777) < 0) {
		seterr(err, errlen, "keep permissions", errno);
		goto out;
	}
	if (store_write_all(fd, data, len) < 0) {
		seterr(err, errlen, "write", errno);
		goto out;
	}
	while (fsync(fd) < 0) {
		if (errno == EINTR)
			continue;
		seterr(err, errlen, "fsync", errno);
		goto out;
	}
	struct stat sb;
	if (fstat(fd, &sb) < 0) {
		seterr(err, errlen, "stat temporary file", errno);
		goto out;
	}
	int cfd = fd;
	fd = -1;
	/* no retry on EINTR: Linux has closed the descriptor either way */
	if (close(cfd) < 0 && errno != EINTR) {
		seterr(err, errlen, "close", errno);
		goto out;
	}
	if (rename(tmp.s, path) < 0) {
		seterr(err, errlen, "rename", errno);
		goto out;
	}
	created = false;
	if (stamp) {
		stamp_from_stat(stamp, &sb);
		stamp->hash = store_hash(data, len);
	}
	if (sync_dir(dir) < 0) {
		/* the new content is in place but may not survive a power cut */
		seterr(err, errlen, "fsync directory", errno);
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (created)
		unlink(tmp.s);
	if (rc == 0 && keep)
		*keep = lockfd; /* the caller holds the new file's lock from now on */
	else if (lockfd >= 0)
		close(lockfd);
	buf_free(&tmp);
	free(dir);
	free(base);
	free(real);
	return rc;
}

int store_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errlen)
{
	return store_write_atomic_stamp(path, data, len, NULL, err, errlen);
}

int store_read_stamped(const char *path, struct store_stamp *stamp, char **data, size_t *len)
{
	memset(stamp, 0, sizeof *stamp);
	if (data)
		*data = NULL;
	if (len)
		*len = 0;
	/* O_NONBLOCK: a FIFO put where the file was must not hang us */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		if (errno == ENOENT) {
			stamp->hash = store_hash("", 0);
			return 0;
		}
		return -1;
	}
	struct stat sb;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) || (uintmax_t)sb.st_size > ANNOT_MAX_FILE) {
		int e = errno;
		if (e == 0 || !S_ISREG(sb.st_mode))
			e = S_ISDIR(sb.st_mode) ? EISDIR : EINVAL;
		if ((uintmax_t)sb.st_size > ANNOT_MAX_FILE)
			e = EFBIG;
		close(fd);
		errno = e;
		return -1;
	}
	struct buf b = {0};
	buf_reserve(&b, (size_t)sb.st_size);
	for (;;) {
		buf_reserve(&b, 4096);
		ssize_t r = read(fd, b.s + b.len, b.cap - 1 - b.len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			buf_free(&b);
			close(fd);
			errno = e;
			return -1;
		}
		if (r == 0)
			break;
		b.len += (size_t)r;
		if (b.len > ANNOT_MAX_FILE) {
			buf_free(&b);
			close(fd);
			errno = EFBIG;
			return -1;
		}
	}
	b.s[b.len] = '\0';
	close(fd);
	stamp_from_stat(stamp, &sb);
	stamp->hash = store_hash(b.s, b.len);
	if (len)
		*len = b.len;
	if (data)
		*data = buf_detach(&b);
	else
		buf_free(&b);
	return 0;
}

int store_stamp_file(const char *path, struct store_stamp *stamp)
{
	return store_read_stamped(path, stamp, NULL, NULL);
}

bool store_changed(const char *path, const struct store_stamp *seen)
{
	struct stat sb;
	if (stat(path, &sb) < 0)
		return errno != ENOENT || seen->exists;
	if (!seen->exists || sb.st_dev != seen->dev || sb.st_ino != seen->ino ||
	    sb.st_size != seen->size || sb.st_mtim.tv_sec != seen->mtime_sec ||
	    sb.st_mtim.tv_nsec != seen->mtime_nsec)
		return true;
	/* same size within the same timestamp tick: only the content can tell */
	struct store_stamp now;
	if (store_stamp_file(path, &now) < 0)
		return true;
	return !now.exists || now.hash != seen->hash;
}

int store_cleanup_temps(const char *path)
{
	char *dir, *base;
	split_path(path, &dir, &base);
	struct buf prefix = {0};
	buf_printf(&prefix, ".%s.tmp.", base);
	int removed = 0;
	DIR *d = opendir(dir);
	if (!d)
		goto out;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, prefix.s, prefix.len) != 0 ||
		    strlen(de->d_name) != prefix.len + 6)
			continue;
		struct buf full = {0};
		buf_printf(&full, "%s/%s", dir, de->d_name);
		int fd = open(full.s, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
		if (fd >= 0) {
			struct stat a, b;
			/* a writer that is alive holds the lock; a dead one has left it */
			if (flock(fd, LOCK_EX | LOCK_NB) == 0 && fstat(fd, &a) == 0 &&
			    lstat(full.s, &b) == 0 && a.st_ino == b.st_ino &&
			    a.st_dev == b.st_dev && S_ISREG(b.st_mode) && unlink(full.s) == 0)
				removed++;
			close(fd);
		}
		buf_free(&full);
	}
	closedir(d);
out:
	buf_free(&prefix);
	free(dir);
	free(base);
	return removed;
}

char *store_side_path(const char *path, time_t when)
{
	struct tm tm;
	char ts[32];
	if (!gmtime_r(&when, &tm) || strftime(ts, sizeof ts, "%Y%m%dT%H%M%SZ", &tm) == 0)
		snprintf(ts, sizeof ts, "%lld", (long long)when);
	size_t n = strlen(path);
	if (n > 5 && strcmp(path + n - 5, ".yaml") == 0)
		n -= 5;
	else if (n > 4 && strcmp(path + n - 4, ".yml") == 0)
		n -= 4;
	struct buf b = {0};
	buf_add(&b, path, n);
	buf_printf(&b, ".conflict-%s.yaml", ts);
	return buf_detach(&b);
}
