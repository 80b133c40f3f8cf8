/* journal: owns NAME.journal, the crash copy of the note being typed.
 * The file is not YAML on purpose: the text is kept byte for byte, whatever
 * the reader typed. Layout, every field length-prefixed so that no byte of
 * the text can be mistaken for structure:
 *     crossread-journal 1\n
 *     on LEN\n<LEN bytes>\n
 *     note LEN\n<LEN bytes>\n      (absent for a new note)
 *     when LEN\n<LEN bytes>\n
 *     text LEN\n<LEN bytes>\n
 *     end\n
 * It is always replaced atomically (store_write_atomic), so after a crash it
 * is either the previous version or the new one, never half of each. */
#include "crossread/persist/journal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crossread/persist/store.h"
#include "crossread/base/util.h"

#define JOURNAL_MAGIC "crossread-journal 1\n"

/* This reader's journals are NAME.journal-XXXXXX, XXXXXX drawn once per
 * process: two readers on one file never share one. */
static char reader_token[16];
static pid_t token_pid;

static const char *token(void)
{
	/* a forked child is another reader */
	if (!reader_token[0] || token_pid != getpid()) {
		token_pid = getpid();
		char *id = store_new_id(NULL, 'j');
		snprintf(reader_token, sizeof reader_token, "%s", id + 2);
		free(id);
	}
	return reader_token;
}

/* "NAME.journal" for "NAME.yaml": what every journal of that file starts with */
static char *journal_stem(const char *personal_path)
{
	size_t n = strlen(personal_path);
	if (n > 5 && strcmp(personal_path + n - 5, ".yaml") == 0)
		n -= 5;
	else if (n > 4 && strcmp(personal_path + n - 4, ".yml") == 0)
		n -= 4;
	struct buf b = {0};
	buf_add(&b, personal_path, n);
	buf_adds(&b, ".journal");
	return buf_detach(&b);
}

char *journal_path(const char *personal_path)
{
	char *stem = journal_stem(personal_path);
	struct buf b = {0};
	buf_printf(&b, "%s-%s", stem, token());
	free(stem);
	return buf_detach(&b);
}

/* Journal files this process holds a lock on (its own, and those it is
 * offering back): a lock lives as long as the process, whatever struct
 * journal comes and goes, so the table is the process's. */
#define HELD_MAX 32
static struct {
	char *path;
	int fd;
} held[HELD_MAX];

static int held_find(const char *path)
{
	for (int i = 0; i < HELD_MAX; i++)
		if (held[i].path && strcmp(held[i].path, path) == 0)
			return i;
	return -1;
}

static void held_set(const char *path, int fd)
{
	int i = held_find(path);
	if (i < 0)
		for (i = 0; i < HELD_MAX && held[i].path; i++)
			;
	if (i >= HELD_MAX) {
		close(fd); /* more journals than a reader ever has: unlocked */
		return;
	}
	if (held[i].path)
		close(held[i].fd);
	else
		held[i].path = xstrdup(path);
	held[i].fd = fd;
}

static void held_release(const char *path)
{
	int i = held_find(path);
	if (i < 0)
		return;
	close(held[i].fd);
	free(held[i].path);
	held[i].path = NULL;
}

struct journal *journal_begin(const char *personal_path, const char *on, const char *note)
{
	struct journal *j = xcalloc(1, sizeof *j);
	j->path = journal_path(personal_path);
	j->on = xstrdup(on ? on : "");
	j->note = note ? xstrdup(note) : NULL;
	return j;
}

static void field(struct buf *b, const char *key, const char *val, size_t len)
{
	buf_printf(b, "%s %zu\n", key, len);
	buf_add(b, val, len);
	buf_addc(b, '\n');
}

int journal_flush(struct journal *j, const char *text, size_t len, time_t now)
{
	struct buf b = {0};
	char when[32];
	time_t wall = time(NULL);
	struct tm tm;
	if (!gmtime_r(&wall, &tm) || strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(when, sizeof when, "unknown");
	buf_adds(&b, JOURNAL_MAGIC);
	field(&b, "on", j->on, strlen(j->on));
	if (j->note)
		field(&b, "note", j->note, strlen(j->note));
	field(&b, "when", when, strlen(when));
	field(&b, "text", text ? text : "", text ? len : 0);
	buf_adds(&b, "end\n");
	int fd;
	int rc = store_write_atomic_locked(j->path, b.s, b.len, &fd, j->err, sizeof j->err);
	buf_free(&b);
	if (rc < 0)
		return -1;
	held_set(j->path, fd);
	free(j->saved);
	j->saved = xstrndup(text ? text : "", text ? len : 0);
	j->saved_len = text ? len : 0;
	j->written = true;
	j->last_write = now;
	j->err[0] = '\0';
	return 0;
}

/* A cheap measure of how much changed: bytes outside the common prefix and
 * suffix. Typing in the middle of a long note counts as a small change. */
static size_t changed_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t p = 0;
	while (p < alen && p < blen && a[p] == b[p])
		p++;
	size_t s = 0;
	while (s < alen - p && s < blen - p && a[alen - 1 - s] == b[blen - 1 - s])
		s++;
	size_t da = alen - p - s, db = blen - p - s;
	return da > db ? da : db;
}

int journal_update(struct journal *j, const char *text, size_t len, time_t now)
{
	if (!text)
		len = 0;
	const char *old = j->saved ? j->saved : "";
	size_t diff = changed_bytes(old, j->saved_len, text ? text : "", len);
	if (diff == 0)
		return 0;
	if (!j->written) {
		/* the first keystrokes start the clock; nothing worth a file yet */
		if (j->last_write == 0)
			j->last_write = now;
	}
	bool due = diff >= JOURNAL_BYTES || now - j->last_write >= JOURNAL_SECONDS ||
		   now < j->last_write; /* clock went back: write rather than wait */
	if (!due)
		return 0;
	return journal_flush(j, text, len, now) < 0 ? -1 : 1;
}

void journal_end(struct journal *j)
{
	if (!j)
		return;
	if (unlink(j->path) < 0 && errno != ENOENT) {
		/* nothing to tell: a stale journal is offered back, never lost */
	}
	held_release(j->path);
	free(j->path);
	free(j->on);
	free(j->note);
	free(j->saved);
	free(j);
}

int journal_remove(const char *personal_path)
{
	char *p = journal_path(personal_path);
	int rc = unlink(p) < 0 && errno != ENOENT ? -1 : 0;
	held_release(p);
	free(p);
	return rc;
}

int journal_entry_discard(struct journal_entry *e)
{
	if (!e->path)
		return 0;
	return unlink(e->path) < 0 && errno != ENOENT ? -1 : 0;
}

void journal_entry_free(struct journal_entry *e)
{
	if (e->path)
		held_release(e->path); /* another reader may offer it now */
	free(e->path);
	free(e->on);
	free(e->note);
	free(e->when);
	free(e->text);
	memset(e, 0, sizeof *e);
}

/* Read "KEY LEN\n<LEN bytes>\n" at *pos. */
static int read_field(const char *d, size_t n, size_t *pos, const char *key, char **val,
		      size_t *vlen)
{
	size_t kl = strlen(key);
	size_t p = *pos;
	if (n - p < kl + 1 || memcmp(d + p, key, kl) != 0 || d[p + kl] != ' ')
		return -1;
	p += kl + 1;
	size_t len = 0, digits = 0;
	while (p < n && d[p] >= '0' && d[p] <= '9') {
		if (len > (ANNOT_MAX_FILE / 10))
			return -1;
		len = len * 10 + (size_t)(d[p] - '0');
		p++;
		digits++;
	}
	if (!digits || p >= n || d[p] != '\n')
		return -1;
	p++;
	if (len > n - p || n - p - len < 1 || d[p + len] != '\n')
		return -1;
	*val = xstrndup(d + p, len);
	if (vlen)
		*vlen = len;
	*pos = p + len + 1;
	return 0;
}

static bool has_key(const char *d, size_t n, size_t pos, const char *key)
{
	size_t kl = strlen(key);
	return n - pos > kl && memcmp(d + pos, key, kl) == 0 && d[pos + kl] == ' ';
}

/* Parse a journal's bytes into *out: 0, or -1 if it is not one. */
static int parse(const char *d, size_t n, struct journal_entry *out)
{
	size_t pos = strlen(JOURNAL_MAGIC);
	if (n < pos || memcmp(d, JOURNAL_MAGIC, pos) != 0)
		return -1;
	if (read_field(d, n, &pos, "on", &out->on, NULL) < 0)
		return -1;
	if (has_key(d, n, pos, "note") && read_field(d, n, &pos, "note", &out->note, NULL) < 0)
		return -1;
	if (read_field(d, n, &pos, "when", &out->when, NULL) < 0 ||
	    read_field(d, n, &pos, "text", &out->text, &out->len) < 0)
		return -1;
	if (n - pos != 4 || memcmp(d + pos, "end\n", 4) != 0)
		return -1;
	return 0;
}

/* Take journal `path` if no live reader holds it: 1 with *fd locked, 0 if
 * it is held (or gone), -1 on an error (errno). */
static int take(const char *path, int *fd)
{
	int f = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (f < 0)
		return errno == ENOENT ? 0 : -1;
	struct stat a, b;
	if (flock(f, LOCK_EX | LOCK_NB) < 0 || fstat(f, &a) < 0 || !S_ISREG(a.st_mode) ||
	    stat(path, &b) < 0 || a.st_ino != b.st_ino || a.st_dev != b.st_dev) {
		/* a live reader's, or replaced while we looked: not ours to offer */
		close(f);
		return 0;
	}
	*fd = f;
	return 1;
}

int journal_recover(const char *personal_path, struct journal_entry *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	char *stem = journal_stem(personal_path), *mine = journal_path(personal_path);
	const char *slash = strrchr(stem, '/');
	char *dir =
	    slash ? xstrndup(stem, slash == stem ? 1 : (size_t)(slash - stem)) : xstrdup(".");
	const char *base = slash ? slash + 1 : stem;
	size_t bl = strlen(base);
	int rc = 0;
	DIR *d = opendir(dir);
	struct dirent *de;
	while (d && rc == 0 && (de = readdir(d)) != NULL) {
		/* NAME.journal (an older crossread's) or NAME.journal-XXXXXX */
		if (strncmp(de->d_name, base, bl) != 0 ||
		    (de->d_name[bl] != '\0' && de->d_name[bl] != '-'))
			continue;
		struct buf full = {0};
		buf_printf(&full, "%s/%s", dir, de->d_name);
		int fd = -1;
		if (strcmp(full.s, mine) == 0 || held_find(full.s) >= 0 || take(full.s, &fd) != 1) {
			buf_free(&full);
			continue;
		}
		char *data = NULL;
		size_t n = 0;
		struct buf b = {0};
		char chunk[4096];
		ssize_t r;
		while ((r = read(fd, chunk, sizeof chunk)) > 0 && b.len <= ANNOT_MAX_FILE)
			buf_add(&b, chunk, (size_t)r);
		n = b.len;
		data = buf_detach(&b);
		if (r < 0 || n > ANNOT_MAX_FILE || parse(data ? data : "", n, out) < 0) {
			journal_entry_free(out);
			if (err && errlen)
				snprintf(err, errlen, "%s: not a crossread journal (damaged?)",
					 full.s);
			/* left for the reader to inspect (the offer stops at it) */
			close(fd);
			rc = -1;
		} else {
			out->path = xstrdup(full.s);
			held_set(full.s, fd);
			rc = 1;
		}
		free(data);
		buf_free(&full);
	}
	if (d)
		closedir(d);
	free(dir);
	free(stem);
	free(mine);
	return rc;
}
