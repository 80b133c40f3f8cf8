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

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crossread/persist/store.h"
#include "crossread/base/util.h"

#define JOURNAL_MAGIC "crossread-journal 1\n"

char *journal_path(const char *personal_path)
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
	int rc = store_write_atomic(j->path, b.s, b.len, j->err, sizeof j->err);
	buf_free(&b);
	if (rc < 0)
		return -1;
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
	free(p);
	return rc;
}

void journal_entry_free(struct journal_entry *e)
{
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

int journal_recover(const char *personal_path, struct journal_entry *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	char *path = journal_path(personal_path);
	char *d = NULL;
	size_t n = 0;
	if (read_file(path, ANNOT_MAX_FILE, &d, &n) < 0) {
		int e = errno;
		int rc = e == ENOENT ? 0 : -1;
		if (rc < 0 && err && errlen)
			snprintf(err, errlen, "%s: %s", path, strerror(e));
		free(path);
		return rc;
	}
	size_t pos = strlen(JOURNAL_MAGIC);
	int rc = -1;
	if (n < pos || memcmp(d, JOURNAL_MAGIC, pos) != 0)
		goto bad;
	if (read_field(d, n, &pos, "on", &out->on, NULL) < 0)
		goto bad;
	if (has_key(d, n, pos, "note") && read_field(d, n, &pos, "note", &out->note, NULL) < 0)
		goto bad;
	if (read_field(d, n, &pos, "when", &out->when, NULL) < 0 ||
	    read_field(d, n, &pos, "text", &out->text, &out->len) < 0)
		goto bad;
	if (n - pos != 4 || memcmp(d + pos, "end\n", 4) != 0)
		goto bad;
	rc = 1;
	goto out;
bad:
	journal_entry_free(out);
	if (err && errlen)
		snprintf(err, errlen, "%s: not a crossread journal (damaged?)", path);
out:
	free(d);
	free(path);
	return rc;
}
