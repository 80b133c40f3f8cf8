/* store: the personal annotation file as a session that merges instead of
 * overwriting: open, save under a lock (read, merge, write, verify), side
 * files when the disk's version cannot be merged, editing the layer. The
 * atomic file work is atomic.c's, the merge merge.c's, the YAML annot.c's
 * (loading) and annot_write.c's (writing). */
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

/* Load a version of the personal file the way the real one is loaded, on
 * top of the curated layer of `an` (looked up, not parsed again: a merge
 * compares personal layers only). Returns the loader's result; *out is
 * NULL on 2. */
static int load_version(const struct store *s, const struct annot *an, const char *data, size_t len,
			struct annot **out, struct diag_list *d)
{
	return annot_load_over(out, an, s->lower_articles, s->path, data, len, d);
}

struct store *store_open(const char *path, struct annot **an, struct diag_list *diags, int *load_rc)
{
	struct store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	store_cleanup_temps(path);
	/* the articles below the personal file are the curated layer's
	 * (those loaded so far); its entries are told by their layer */
	s->lower_articles = *an ? (*an)->narticles : 0;
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
			int trc = load_version(s, an, disk, disk_len, &theirs, &td);
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
				if (load_version(s, an, s->base, s->base_len, &base, &bd) != 0) {
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
			rc = store_write_all(f, me.s, me.len) == 0 ? 1 : 0;
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
