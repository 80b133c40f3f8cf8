/* store: atomic replacement of files, file identity stamps, and the personal
 * annotation file as a session that merges instead of overwriting. The YAML
 * itself is annot.c's (loading) and annot_write.c's (writing) business. */
#include "crossread/persist/store.h"

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

#include "crossread/annot/annot_write.h"
#include "crossread/base/util.h"
#include "crossread/base/hashmap.h"
#include "crossread/annot/yamltree.h"

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

static int write_all(int fd, const char *data, size_t len)
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
	if (write_all(fd, data, len) < 0) {
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

/* ------------------------------------------------------------ 3-way merge */

/* The three entry kinds handled alike: an array of `size`-byte elements in
 * struct annot, a key, a layer, a canonical form to compare, a destructor. */
struct kind {
	size_t size;
	void **(*arr)(struct annot *an);
	size_t *(*count)(struct annot *an);
	size_t *(*cap)(struct annot *an);
	enum layer (*layer)(const void *e);
	char *(*key)(const void *e);
	struct ynode *(*node)(const void *e);
	char **(*idp)(void *e);
};

static void **claims_arr(struct annot *an)
{
	return (void **)&an->claims;
}
static size_t *claims_n(struct annot *an)
{
	return &an->nclaims;
}
static size_t *claims_cap(struct annot *an)
{
	return &an->claims_cap;
}
static enum layer claim_layer(const void *e)
{
	return ((const struct claim *)e)->layer;
}
static char *claim_key(const void *e)
{
	return xstrdup(((const struct claim *)e)->id);
}
static struct ynode *claim_node(const void *e)
{
	return annot_write_claim(e);
}
static char **claim_idp(void *e)
{
	return &((struct claim *)e)->id;
}

static void **links_arr(struct annot *an)
{
	return (void **)&an->links;
}
static size_t *links_n(struct annot *an)
{
	return &an->nlinks;
}
static size_t *links_cap(struct annot *an)
{
	return &an->links_cap;
}
static enum layer link_layer(const void *e)
{
	return ((const struct link *)e)->layer;
}
/* A link the file gave no id is known by what it connects: its generated
 * "link-N" depends on its position and means nothing across versions. */
static char *link_key(const void *e)
{
	const struct link *l = e;
	if (!l->id_generated && l->id)
		return xstrdup(l->id);
	struct buf b = {0};
	buf_printf(&b, "\x01%s\x1f%s\x1f%s", l->from, l->to, annot_rel_name(l->rel));
	return buf_detach(&b);
}
static struct ynode *link_node(const void *e)
{
	return annot_write_link(e, false);
}
static char **link_idp(void *e)
{
	return &((struct link *)e)->id;
}

static void **notes_arr(struct annot *an)
{
	return (void **)&an->notes;
}
static size_t *notes_n(struct annot *an)
{
	return &an->nnotes;
}
static size_t *notes_cap(struct annot *an)
{
	return &an->notes_cap;
}
static enum layer note_layer(const void *e)
{
	return ((const struct note *)e)->layer;
}
static char *note_key(const void *e)
{
	return xstrdup(((const struct note *)e)->id);
}
static struct ynode *note_node(const void *e)
{
	return annot_write_note(e);
}
static char **note_idp(void *e)
{
	return &((struct note *)e)->id;
}

enum { K_CLAIM, K_LINK, K_NOTE, K_COUNT };
static const struct kind kinds[K_COUNT] = {
    {sizeof(struct claim), claims_arr, claims_n, claims_cap, claim_layer, claim_key, claim_node,
     claim_idp},
    {sizeof(struct link), links_arr, links_n, links_cap, link_layer, link_key, link_node, link_idp},
    {sizeof(struct note), notes_arr, notes_n, notes_cap, note_layer, note_key, note_node, note_idp},
};

static void *elem(const struct kind *k, struct annot *an, size_t i)
{
	return (char *)*k->arr(an) + i * k->size;
}

/* Sorted keys of one side's personal entries, for n log n lookups. */
struct keyed {
	char *key;
	size_t i;
};
struct keyset {
	struct keyed *v;
	size_t n;
};

static int cmp_keyed(const void *a, const void *b)
{
	return strcmp(((const struct keyed *)a)->key, ((const struct keyed *)b)->key);
}

static struct keyset keys_of(const struct kind *k, struct annot *an)
{
	struct keyset ks = {0};
	if (!an)
		return ks;
	size_t n = *k->count(an);
	ks.v = xreallocarray(NULL, n ? n : 1, sizeof *ks.v);
	for (size_t i = 0; i < n; i++) {
		const void *e = elem(k, an, i);
		if (k->layer(e) != LAYER_PERSONAL)
			continue;
		ks.v[ks.n].key = k->key(e);
		ks.v[ks.n].i = i;
		ks.n++;
	}
	qsort(ks.v, ks.n, sizeof *ks.v, cmp_keyed);
	return ks;
}

static size_t keys_find(const struct keyset *ks, const char *key)
{
	struct keyed want = {(char *)key, 0};
	const struct keyed *f =
	    ks->n ? bsearch(&want, ks->v, ks->n, sizeof *ks->v, cmp_keyed) : NULL;
	return f ? f->i : ANNOT_NONE;
}

static void keys_free(struct keyset *ks)
{
	for (size_t i = 0; i < ks->n; i++)
		free(ks->v[i].key);
	free(ks->v);
	memset(ks, 0, sizeof *ks);
}

static bool same_entry(const struct kind *k, const void *a, const void *b)
{
	struct ynode *x = k->node(a), *y = k->node(b);
	bool eq = ynode_equal(x, y);
	ynode_free(x);
	ynode_free(y);
	return eq;
}

static bool id_taken(const struct annot *an, const char *id)
{
	return annot_find_claim(an, id) != ANNOT_NONE || annot_find_link(an, id) != ANNOT_NONE ||
	       annot_find_note(an, id) != ANNOT_NONE;
}

/* 32 letters and digits with none that reads like another (no i, l, o, u) */
static const char id_alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";

char *store_new_id(const struct annot *an, char kind)
{
	for (;;) {
		unsigned char r[STORE_ID_LEN];
		size_t got = 0;
		while (got < sizeof r) {
			ssize_t n = getrandom(r + got, sizeof r - got, 0);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				/* no getrandom (very old kernel): time, pid and a
				 * counter still differ between two readers */
				static unsigned counter;
				struct timespec ts;
				clock_gettime(CLOCK_REALTIME, &ts);
				uint64_t x = store_hash((const char *)&ts, sizeof ts) ^
					     ((uint64_t)getpid() << 20) ^ ++counter;
				for (; got < sizeof r; got++, x >>= 5)
					r[got] = (unsigned char)x;
				break;
			}
			got += (size_t)n;
		}
		char id[STORE_ID_LEN + 3];
		id[0] = kind;
		id[1] = '-';
		for (size_t i = 0; i < STORE_ID_LEN; i++)
			id[2 + i] = id_alphabet[r[i] & 31];
		id[STORE_ID_LEN + 2] = '\0';
		if (!an || !id_taken(an, id))
			return xstrdup(id);
	}
}

/* Give a copy taken from the disk version an id nobody uses yet. */
static void rename_unique(struct annot *an, char **idp, const char *suffix)
{
	struct buf b = {0};
	for (unsigned n = 1;; n++) {
		b.len = 0;
		if (n == 1)
			buf_printf(&b, "%s-%s", *idp, suffix);
		else
			buf_printf(&b, "%s-%s%u", *idp, suffix, n);
		if (!id_taken(an, b.s))
			break;
	}
	free(*idp);
	*idp = buf_detach(&b);
}

static size_t move_into(const struct kind *k, struct annot *to, void *e)
{
	size_t n = *k->count(to);
	void **arr = k->arr(to);
	grow_array(arr, k->cap(to), size_add(n, 1), k->size);
	memcpy((char *)*arr + n * k->size, e, k->size);
	memset(e, 0, k->size);
	(*k->count(to))++;
	return n;
}

/* Which merged entries came from the disk's version: a reference in one of
 * them means the disk's entry of that name, so renaming the disk's copy of
 * an id renames it there, and only there. */
struct origin {
	bool *theirs[K_COUNT];
	size_t n[K_COUNT], cap[K_COUNT];
};

/* entries are marked in the order they are appended: i == n[k] */
static void mark_origin(struct origin *og, int k, size_t i, bool theirs)
{
	GROW(og->theirs[k], og->cap[k], size_add(i, 1));
	while (og->n[k] <= i)
		og->theirs[k][og->n[k]++] = false;
	og->theirs[k][i] = theirs;
}

static bool from_theirs(const struct origin *og, int k, size_t i)
{
	return og && i < og->n[k] && og->theirs[k][i];
}

/* Merge one kind. Entries of ours keep their order; entries only on disk
 * follow, then the disk copies of entries both sides changed (same id as
 * ours: rename_duplicates() renames them). */
static size_t merge_kind(int ki, struct annot *base, struct annot *theirs, struct annot *ours,
			 struct annot *dropped, struct origin *og)
{
	const struct kind *k = &kinds[ki];
	struct keyset kb = keys_of(k, base), kt = keys_of(k, theirs);
	size_t n = *k->count(ours);
	char *old = *k->arr(ours);
	bool *taken = xcalloc(*k->count(theirs) + 1, sizeof *taken);
	/* rebuild ours' array in place of the old one */
	*k->arr(ours) = NULL;
	*k->count(ours) = 0;
	*k->cap(ours) = 0;
	size_t conflicts = 0;
	size_t *conf_t = NULL, nconf = 0, confcap = 0;
	for (size_t i = 0; i < n; i++) {
		void *o = old + i * k->size;
		if (k->layer(o) != LAYER_PERSONAL) {
			mark_origin(og, ki, move_into(k, ours, o), false);
			continue;
		}
		char *key = k->key(o);
		size_t bi = keys_find(&kb, key), ti = keys_find(&kt, key);
		free(key);
		void *b = bi != ANNOT_NONE ? elem(k, base, bi) : NULL;
		void *t = ti != ANNOT_NONE ? elem(k, theirs, ti) : NULL;
		if (t) {
			taken[ti] = true;
			if (same_entry(k, o, t) || (b && same_entry(k, t, b))) {
				/* same, or only we changed it */
				mark_origin(og, ki, move_into(k, ours, o), false);
			} else if (b && same_entry(k, o, b)) {
				/* only they changed it: their copy, under the id both know */
				mark_origin(og, ki, move_into(k, ours, t), false);
				move_into(k, dropped, o);
			} else {
				/* both changed it, differently (or both made a new
				 * entry of that id): keep both */
				mark_origin(og, ki, move_into(k, ours, o), false);
				GROW(conf_t, confcap, nconf + 1);
				conf_t[nconf++] = ti;
				conflicts++;
			}
		} else if (b && same_entry(k, o, b)) {
			move_into(k, dropped, o); /* deleted on disk, untouched here */
		} else {
			/* added here, or changed here */
			mark_origin(og, ki, move_into(k, ours, o), false);
		}
	}
	free(old);
	/* what only the disk version has */
	for (size_t x = 0; x < kt.n; x++) {
		size_t ti = kt.v[x].i;
		if (taken[ti])
			continue;
		void *t = elem(k, theirs, ti);
		size_t bi = keys_find(&kb, kt.v[x].key);
		if (bi != ANNOT_NONE && same_entry(k, t, elem(k, base, bi)))
			move_into(k, dropped, t); /* deleted here, untouched on disk */
		else
			mark_origin(og, ki, move_into(k, ours, t),
				    true); /* added or changed there */
	}
	for (size_t c = 0; c < nconf; c++)
		mark_origin(og, ki, move_into(k, ours, elem(k, theirs, conf_t[c])), true);
	free(conf_t);
	free(taken);
	keys_free(&kb);
	keys_free(&kt);
	return conflicts;
}

/* Every id once per namespace (claims and links share one, notes have
 * theirs): later duplicates, which are the disk's copies, get "-disk",
 * and every link and note that came with them (from the disk) follows. */
struct idpos {
	const char *id;
	int kind;
	size_t i;
};

static int cmp_idpos(const void *a, const void *b)
{
	const struct idpos *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	if (c)
		return c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* After claim or link `from` (of the given origin) became `to`: the links
 * and notes of that origin that named it name it again. */
static void rewrite_refs(struct annot *an, const struct origin *og, bool theirs, int kind,
			 const char *from, const char *to)
{
	if (kind == K_CLAIM)
		for (size_t i = 0; i < an->nlinks; i++) {
			struct link *l = &an->links[i];
			if (from_theirs(og, K_LINK, i) != theirs)
				continue;
			if (l->from && strcmp(l->from, from) == 0) {
				free(l->from);
				l->from = xstrdup(to);
			}
			if (l->to && strcmp(l->to, from) == 0) {
				free(l->to);
				l->to = xstrdup(to);
			}
		}
	if (kind == K_CLAIM || kind == K_LINK)
		for (size_t i = 0; i < an->nnotes; i++) {
			struct note *nt = &an->notes[i];
			if (from_theirs(og, K_NOTE, i) == theirs && nt->on &&
			    strcmp(nt->on, from) == 0) {
				free(nt->on);
				nt->on = xstrdup(to);
			}
		}
}

static void rename_duplicates(struct annot *an, const struct origin *og)
{
	for (int ns = 0; ns < 2; ns++) {
		int k0 = ns == 0 ? K_CLAIM : K_NOTE, k1 = ns == 0 ? K_LINK : K_NOTE;
		size_t total = 0;
		for (int k = k0; k <= k1; k++)
			total = size_add(total, *kinds[k].count(an));
		struct idpos *v = xreallocarray(NULL, total ? total : 1, sizeof *v);
		size_t n = 0;
		for (int k = k0; k <= k1; k++)
			for (size_t i = 0; i < *kinds[k].count(an); i++) {
				char **idp = kinds[k].idp(elem(&kinds[k], an, i));
				if (*idp)
					v[n++] = (struct idpos){*idp, k, i};
			}
		qsort(v, n, sizeof *v, cmp_idpos);
		/* collect first, rename after: renaming frees the strings v uses */
		struct idpos *dup = xreallocarray(NULL, n ? n : 1, sizeof *dup);
		size_t nd = 0;
		for (size_t i = 1; i < n; i++)
			if (strcmp(v[i - 1].id, v[i].id) == 0)
				dup[nd++] = v[i];
		free(v);
		for (size_t i = 0; i < nd; i++) {
			int k = dup[i].kind;
			void *e = elem(&kinds[k], an, dup[i].i);
			if (kinds[k].layer(e) != LAYER_PERSONAL)
				continue;
			char **idp = kinds[k].idp(e);
			char *was = xstrdup(*idp);
			rename_unique(an, idp, "disk");
			rewrite_refs(an, og, from_theirs(og, k, dup[i].i), k, was, *idp);
			free(was);
		}
		free(dup);
	}
}

static bool claim_or_link(struct annot *an, const char *id)
{
	return annot_find_claim(an, id) != ANNOT_NONE || annot_find_link(an, id) != ANNOT_NONE;
}

/* Bring back a dropped entry some kept entry still names. */
static bool revive(struct annot *an, struct annot *dropped, int k, const char *id)
{
	size_t i = k == K_CLAIM ? annot_find_claim(dropped, id) : annot_find_link(dropped, id);
	if (i == ANNOT_NONE)
		return false;
	move_into(&kinds[k], an, elem(&kinds[k], dropped, i));
	/* leave no hole with a NULL id behind in the pool */
	size_t last = *kinds[k].count(dropped) - 1;
	if (i != last)
		memcpy(elem(&kinds[k], dropped, i), elem(&kinds[k], dropped, last), kinds[k].size);
	(*kinds[k].count(dropped))--;
	return true;
}

static void revive_referenced(struct annot *an, struct annot *dropped)
{
	bool again = true;
	while (again) {
		again = false;
		for (size_t i = 0; i < an->nlinks; i++) {
			struct link *l = &an->links[i];
			const char *ends[2] = {l->from, l->to};
			for (int e = 0; e < 2; e++)
				if (ends[e] && annot_find_claim(an, ends[e]) == ANNOT_NONE &&
				    revive(an, dropped, K_CLAIM, ends[e]))
					again = true;
		}
		for (size_t i = 0; i < an->nnotes; i++) {
			const char *on = an->notes[i].on;
			if (on && !claim_or_link(an, on) &&
			    (revive(an, dropped, K_CLAIM, on) || revive(an, dropped, K_LINK, on)))
				again = true;
		}
	}
}

/* Unknown keys of the personal file (top level, or on an article): theirs,
 * unless we changed ours since base. */
static void merge_extra(struct ynode **ours, const struct ynode *base, struct ynode **theirs)
{
	if (ynode_equal(*ours, base) && !ynode_equal(*ours, *theirs)) {
		ynode_free(*ours);
		*ours = *theirs;
		*theirs = NULL;
	}
}

size_t store_merge(const struct annot *base_c, struct annot *theirs, struct annot *ours)
{
	struct annot *base = (struct annot *)base_c; /* only read */
	struct annot *dropped = annot_new();
	struct origin og = {0};
	size_t conflicts = 0;
	for (int k = 0; k < K_COUNT; k++)
		conflicts += merge_kind(k, base, theirs, ours, dropped, &og);
	/* articles: the union by id (a personal file only adds them); the
	 * personal file's unknown keys on one it shares with us are merged
	 * like the top-level ones */
	for (size_t i = 0; i < theirs->narticles; i++) {
		struct annot_article *a = &theirs->articles[i];
		if (!a->id)
			continue;
		size_t o = annot_find_article(ours, a->id);
		if (o == ANNOT_NONE) {
			GROW(ours->articles, ours->articles_cap, ours->narticles + 1);
			ours->articles[ours->narticles++] = *a;
			memset(a, 0, sizeof *a);
			continue;
		}
		size_t b = annot_find_article(base, a->id);
		merge_extra(&ours->articles[o].extra[LAYER_PERSONAL],
			    b != ANNOT_NONE ? base->articles[b].extra[LAYER_PERSONAL] : NULL,
			    &a->extra[LAYER_PERSONAL]);
	}
	merge_extra(&ours->extra[LAYER_PERSONAL], base ? base->extra[LAYER_PERSONAL] : NULL,
		    &theirs->extra[LAYER_PERSONAL]);
	rename_duplicates(ours, &og);
	revive_referenced(ours, dropped);
	annot_resolve_links(ours);
	annot_free(dropped);
	for (int k = 0; k < K_COUNT; k++)
		free(og.theirs[k]);
	return conflicts;
}

/* ---------------------------------------------------------- the session */

static void set_msg(struct store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_msg(struct store *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->msg, sizeof s->msg, fmt, ap);
	va_end(ap);
}

static const char *base_name(const char *path)
{
	const char *sl = strrchr(path, '/');
	return sl ? sl + 1 : path;
}

/* Load a version of the personal file the way the real one is loaded: on
 * top of the layer below. Returns the loader's result; *out is NULL on 2. */
static int load_version(struct store *s, const char *data, size_t len, struct annot **out,
			struct diag_list *d)
{
	struct annot *an = NULL;
	if (s->lower_yaml) {
		struct diag_list ld = {0};
		int rc = annot_load_mem(&an, s->lower_name, s->lower_yaml, s->lower_len,
					LAYER_CURATED, &ld);
		diag_free(&ld);
		if (rc == 2) {
			*out = NULL;
			return 2;
		}
	}
	int rc = annot_load_mem(&an, s->path, data, len, LAYER_PERSONAL, d);
	if (rc == 2 && an && !s->lower_yaml) {
		annot_free(an);
		an = NULL;
	}
	*out = an;
	return rc;
}

struct store *store_open(const char *path, struct annot **an, struct diag_list *diags, int *load_rc)
{
	struct store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	store_cleanup_temps(path);
	if (*an && (*an)->src) {
		/* the curated file's own bytes, as annot_load read them: taken,
		 * not copied, and never serialised before the first frame */
		s->lower_yaml = (*an)->src;
		s->lower_len = (*an)->src_len;
		(*an)->src = NULL;
		(*an)->src_len = 0;
		s->lower_name = xstrdup((*an)->path ? (*an)->path : "curated");
	} else if (*an) {
		/* a curated layer built in memory (tools, tests): its YAML */
		struct buf lower = {0};
		if (annot_write_layer(*an, LAYER_CURATED, &lower) == 0) {
			s->lower_len = lower.len;
			s->lower_yaml = buf_detach(&lower);
			s->lower_name = xstrdup((*an)->path ? (*an)->path : "curated");
		}
		buf_free(&lower);
	}
	int rc = 0;
	char *data = NULL;
	size_t len = 0;
	if (store_read_stamped(path, &s->stamp, &data, &len) < 0) {
		int e = errno;
		diag_add(diags, path, 1, 1, DIAG_ERROR, "cannot read: %s", strerror(e));
		set_msg(s, "%s: cannot read (%s); changes will go to a side file", base_name(path),
			strerror(e));
		rc = 2;
		/* an unreadable file is not missing: never write over it blindly */
		s->stamp.exists = true;
	} else if (!s->stamp.exists) {
		s->base_ok = true;
		set_msg(s, "%s: new personal file (created on the first save)", base_name(path));
	} else {
		rc = annot_load_mem(an, path, data, len, LAYER_PERSONAL, diags);
		s->base = data;
		s->base_len = len;
		data = NULL;
		s->base_ok = rc == 0;
		s->read_only = store_is_read_only(path);
		if (rc == 0 && s->read_only)
			set_msg(s,
				"%s is read-only: it will not be replaced; changes stay in memory",
				base_name(path));
		else if (rc == 0)
			set_msg(s, "%s: loaded", base_name(path));
		else
			set_msg(s, "%s: %s; it will not be saved over, changes go to a side file",
				base_name(path),
				rc == 1 ? "has errors (some entries skipped)"
					: "cannot be read as YAML");
	}
	free(data);
	if (!*an)
		*an = annot_new();
	if (load_rc)
		*load_rc = rc;
	return s;
}

int store_check_regular(const char *path, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return 0; /* missing (created on the first save) or unreadable: store_open says */
	struct stat sb;
	int rc = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) ? 0 : -1;
	close(fd);
	if (rc < 0 && err && errlen)
		snprintf(err, errlen, "%s: not a regular file", path);
	return rc;
}

struct store *store_open_memory(void)
{
	struct store *s = xcalloc(1, sizeof *s);
	s->memory_only = true;
	s->base_ok = true;
	set_msg(s, "--no-notes: your notes stay in memory, nothing is written");
	return s;
}

void store_free(struct store *s)
{
	if (!s)
		return;
	free(s->path);
	free(s->base);
	free(s->lower_yaml);
	free(s->lower_name);
	free(s->side);
	free(s);
}

void store_touch(struct store *s)
{
	s->dirty = true;
}

bool store_dirty(const struct store *s)
{
	return s && s->dirty;
}

const char *store_message(const struct store *s)
{
	return s->msg;
}

const char *store_result_name(enum store_result r)
{
	switch (r) {
	case STORE_UNCHANGED:
		return "unchanged";
	case STORE_SAVED:
		return "saved";
	case STORE_MERGED:
		return "merged";
	case STORE_SIDE_FILE:
		return "side file";
	case STORE_FAILED:
		return "failed";
	}
	return "?";
}

static bool same_stamp(const struct store_stamp *a, const struct store_stamp *b)
{
	if (a->exists != b->exists)
		return false;
	if (!a->exists)
		return true;
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtime_sec == b->mtime_sec && a->mtime_nsec == b->mtime_nsec && a->hash == b->hash;
}

/* Ours, whole, to a side file next to the personal file: the file on disk
 * cannot take it, the reader's words must still reach the disk. */
static enum store_result save_side(struct store *s, const char *data, size_t len, const char *why)
{
	char err[300];
	if (!s->side) {
		char *p = store_side_path(s->path, time(NULL));
		struct stat sb;
		/* never replace someone else's side file */
		for (unsigned n = 2; lstat(p, &sb) == 0 && n < 1000; n++) {
			free(p);
			char *q = store_side_path(s->path, time(NULL));
			struct buf b = {0};
			buf_add(&b, q, strlen(q) - 5);
			buf_printf(&b, "-%u.yaml", n);
			free(q);
			p = buf_detach(&b);
		}
		s->side = p;
	}
	if (store_write_atomic(s->side, data, len, err, sizeof err) < 0) {
		set_msg(s, "save failed: %s, and the side file %s: %s; kept in memory", why,
			base_name(s->side), err);
		return STORE_FAILED;
	}
	s->dirty = false;
	set_msg(s, "saved to side file %s (%s)", s->side, why);
	return STORE_SIDE_FILE;
}

/* Is the file on disk byte for byte what we wrote (stamp st)? Read back
 * and hashed: a second parse of the whole layer cost more than the save. */
static bool reads_back(const struct store *s, const struct store_stamp *st)
{
	struct store_stamp now;
	return store_stamp_file(s->path, &now) == 0 && same_stamp(&now, st);
}

/* Read, merge, write and rename, under the lock when `locked`. */
static enum store_result save_locked(struct store *s, struct annot *an, struct diag_list *diags,
				     bool locked)
{
	bool merged = false;
	size_t conflicts = 0;
	for (int attempt = 0; attempt < STORE_SAVE_ATTEMPTS; attempt++) {
		struct store_stamp cur;
		char *disk = NULL;
		size_t disk_len = 0;
		if (store_read_stamped(s->path, &cur, &disk, &disk_len) < 0) {
			char why[300];
			snprintf(why, sizeof why, "%s cannot be read: %s", base_name(s->path),
				 strerror(errno));
			struct buf o = {0};
			enum store_result r = STORE_FAILED;
			if (annot_write_layer(an, LAYER_PERSONAL, &o) == 0)
				r = save_side(s, o.s ? o.s : "", o.len, why);
			else
				set_msg(s, "save failed: %s; kept in memory", why);
			buf_free(&o);
			return r;
		}
		bool changed = !same_stamp(&cur, &s->stamp);
		struct buf out = {0};
		if (annot_write_layer(an, LAYER_PERSONAL, &out) < 0) {
			free(disk);
			set_msg(s,
				"save failed: the notes cannot be written as YAML; kept in memory");
			return STORE_FAILED;
		}
		if (!s->base_ok && !changed) {
			free(disk);
			enum store_result r =
			    save_side(s, out.s, out.len, "the personal file has errors");
			buf_free(&out);
			return r;
		}
		if (changed && cur.exists) {
			struct annot *theirs = NULL, *base = NULL;
			struct diag_list td = {0};
			int trc = load_version(s, disk, disk_len, &theirs, &td);
			/* why the disk version cannot be merged: the UI may list it */
			for (size_t i = 0; diags && trc != 0 && i < td.n; i++)
				if (td.items[i].severity == DIAG_ERROR)
					diag_add(diags, td.items[i].file, td.items[i].line,
						 td.items[i].col, DIAG_ERROR, "%s",
						 td.items[i].msg);
			diag_free(&td);
			if (trc != 0) {
				annot_free(theirs);
				free(disk);
				enum store_result r = save_side(
				    s, out.s, out.len,
				    "the personal file was changed on disk and has errors");
				buf_free(&out);
				return r;
			}
			if (s->base_ok && s->base) {
				struct diag_list bd = {0};
				if (load_version(s, s->base, s->base_len, &base, &bd) != 0) {
					annot_free(base);
					base = NULL;
				}
				diag_free(&bd);
			}
			conflicts += store_merge(base, theirs, an);
			annot_free(base);
			annot_free(theirs);
			merged = true;
			out.len = 0;
			if (annot_write_layer(an, LAYER_PERSONAL, &out) < 0) {
				free(disk);
				buf_free(&out);
				set_msg(s, "save failed: merged notes cannot be written as YAML; "
					   "kept in memory");
				return STORE_FAILED;
			}
		}
		free(disk);
		/* someone wrote while we merged: merge again rather than overwrite */
		if (store_changed(s->path, &cur)) {
			buf_free(&out);
			continue;
		}
		char err[300];
		struct store_stamp st;
		if (store_write_atomic_stamp(s->path, out.s ? out.s : "", out.len, &st, err,
					     sizeof err) < 0) {
			buf_free(&out);
			set_msg(s, "save failed: %s; kept in memory", err);
			return STORE_FAILED;
		}
		/* Without a lock another process may have renamed its file over
		 * ours since: if the file is not what we wrote, merge again
		 * against the base we had (ours are additions to it, not
		 * something the other process deleted) and write again. */
		if (!reads_back(s, &st)) {
			if (locked) {
				/* nobody else writes while we hold the lock */
				buf_free(&out);
				set_msg(s,
					"save failed: %s did not read back as written; kept in "
					"memory",
					base_name(s->path));
				return STORE_FAILED;
			}
			buf_free(&out);
			merged = true;
			continue;
		}
		free(s->base);
		s->base_len = out.len;
		s->base = buf_detach(&out);
		s->stamp = st;
		s->base_ok = true;
		s->dirty = false;
		if (!merged) {
			set_msg(s, "saved");
			return STORE_SAVED;
		}
		if (conflicts)
			set_msg(s,
				"merged with changes on disk; %zu entr%s changed on both sides "
				"kept twice (the disk's copy renamed \"...-disk\")",
				conflicts, conflicts == 1 ? "y" : "ies");
		else
			set_msg(s, "merged with changes on disk");
		return STORE_MERGED;
	}
	set_msg(s, "save failed: the file keeps changing on disk; kept in memory");
	return STORE_FAILED;
}

static void lock_pause(long *waited)
{
	struct timespec ts = {0, STORE_LOCK_POLL_MS * 1000000L};
	nanosleep(&ts, NULL);
	*waited += STORE_LOCK_POLL_MS;
}

/* Where flock(2) is refused (some network and FUSE file systems): git's
 * kind of lock, NAME.xlock created with O_EXCL, holding "PID HOST". One
 * left by a process of this host that is gone is removed. Returns as
 * save_lock() does. */
static int excl_lock(const struct store *s)
{
	char host[256] = "";
	gethostname(host, sizeof host - 1);
	struct buf lp = {0}, me = {0};
	buf_printf(&lp, "%s.xlock", s->path);
	buf_printf(&me, "%ld %s\n", (long)getpid(), host);
	int rc = 0;
	for (long waited = 0;;) {
		int f = open(lp.s, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
		if (f >= 0) {
			rc = write_all(f, me.s, me.len) == 0 ? 1 : 0;
			close(f);
			if (rc == 0)
				unlink(lp.s);
			break;
		}
		if (errno != EEXIST)
			break; /* cannot make one: unlocked, checked after the rename */
		char *held = NULL;
		size_t n = 0;
		long pid = 0;
		char who[256] = "";
		if (read_file(lp.s, 1024, &held, &n) == 0 &&
		    sscanf(held, "%ld %255s", &pid, who) == 2 && strcmp(who, host) == 0 &&
		    pid > 0 && kill((pid_t)pid, 0) < 0 && errno == ESRCH) {
			free(held);
			unlink(lp.s); /* its owner died while saving */
			continue;
		}
		free(held);
		if (waited >= STORE_LOCK_WAIT_MS) {
			rc = -1;
			break;
		}
		lock_pause(&waited);
	}
	buf_free(&lp);
	buf_free(&me);
	return rc;
}

static void excl_unlock(const struct store *s)
{
	struct buf lp = {0};
	buf_printf(&lp, "%s.xlock", s->path);
	unlink(lp.s);
	buf_free(&lp);
}

/* The lock beside the personal file (NAME.lock) for the read-merge-write-
 * rename of one save. Returns 1 and the descriptor holding it (-1 for the
 * O_EXCL kind), 0 if no lock can be had here (the save goes on and checks
 * after the rename), -1 if another process held it for the whole wait. */
static int save_lock(const struct store *s, int *fd)
{
	*fd = -1;
	if (s->no_flock)
		return excl_lock(s);
	struct buf lp = {0};
	buf_printf(&lp, "%s.lock", s->path);
	int f = open(lp.s, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0666);
	buf_free(&lp);
	if (f < 0)
		return 0;
	struct stat sb;
	if (fstat(f, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		close(f);
		return 0;
	}
	for (long waited = 0;;) {
		if (flock(f, LOCK_EX | LOCK_NB) == 0) {
			*fd = f;
			return 1;
		}
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK) {
			close(f); /* ENOLCK, EOPNOTSUPP...: no flock here */
			return excl_lock(s);
		}
		if (waited >= STORE_LOCK_WAIT_MS) {
			close(f);
			return -1;
		}
		lock_pause(&waited);
	}
}

enum store_result store_save(struct store *s, struct annot *an, struct diag_list *diags)
{
	if (!s->dirty) {
		set_msg(s, "nothing to save");
		return STORE_UNCHANGED;
	}
	if (s->memory_only) {
		s->dirty = false;
		set_msg(s, "kept in memory only (--no-notes: nothing is written)");
		return STORE_UNCHANGED;
	}
	s->read_only = store_is_read_only(s->path);
	if (s->read_only) {
		set_msg(s,
			"%s is read-only: it is not replaced; changes kept in memory "
			"(quitting offers a side file)",
			base_name(s->path));
		return STORE_FAILED;
	}
	int fd;
	int l = save_lock(s, &fd);
	if (l < 0) {
		set_msg(
		    s,
		    "not saved: another crossread has held the lock on %s for %d s; kept in memory "
		    "(saved with the next change)",
		    base_name(s->path), STORE_LOCK_WAIT_MS / 1000);
		return STORE_FAILED;
	}
	enum store_result r = save_locked(s, an, diags, l == 1);
	if (fd >= 0)
		close(fd);
	else if (l == 1)
		excl_unlock(s);
	return r;
}

bool store_is_read_only(const char *path)
{
	struct stat sb;
	if (stat(path, &sb) < 0 || !S_ISREG(sb.st_mode))
		return false;
	/* root may write anywhere, but a file nobody may write says "keep" */
	return (sb.st_mode & 0222) == 0 || access(path, W_OK) < 0;
}

enum store_result store_save_side(struct store *s, struct annot *an)
{
	struct buf o = {0};
	enum store_result r = STORE_FAILED;
	if (annot_write_layer(an, LAYER_PERSONAL, &o) == 0)
		r = save_side(s, o.s ? o.s : "", o.len, "asked for");
	else
		set_msg(s, "save failed: the notes cannot be written as YAML; kept in memory");
	buf_free(&o);
	return r;
}

/* ---------------------------------------------------- editing the layer */

size_t store_add_note(struct store *s, struct annot *an, const char *on, const char *text)
{
	char now[32];
	annot_write_time(time(NULL), now);
	char *id = store_new_id(an, 'n');
	GROW(an->notes, an->notes_cap, an->nnotes + 1);
	struct note *nt = &an->notes[an->nnotes];
	memset(nt, 0, sizeof *nt);
	nt->id = id;
	nt->on = xstrdup(on);
	nt->text = xstrdup(text ? text : "");
	nt->created = xstrdup(now);
	nt->layer = LAYER_PERSONAL;
	if (s)
		store_touch(s);
	return an->nnotes++;
}

int store_edit_note(struct store *s, struct annot *an, size_t i, const char *text)
{
	if (i >= an->nnotes || an->notes[i].layer != LAYER_PERSONAL)
		return -1;
	struct note *nt = &an->notes[i];
	if (strcmp(nt->text, text ? text : "") == 0)
		return 0;
	char now[32];
	annot_write_time(time(NULL), now);
	free(nt->text);
	nt->text = xstrdup(text ? text : "");
	free(nt->updated);
	nt->updated = xstrdup(now);
	if (s)
		store_touch(s);
	return 0;
}

int store_delete_note(struct store *s, struct annot *an, size_t i)
{
	if (i >= an->nnotes || an->notes[i].layer != LAYER_PERSONAL)
		return -1;
	annot_note_clear(&an->notes[i]);
	memmove(&an->notes[i], &an->notes[i + 1], (an->nnotes - i - 1) * sizeof *an->notes);
	an->nnotes--;
	if (s)
		store_touch(s);
	return 0;
}
