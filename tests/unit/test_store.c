/* Unit tests for store: atomic replacement (and what a failure leaves),
 * change detection that does not trust mtime alone, stale temporary files,
 * the 3-way merge of personal layers and the save session. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crossread/annot/annot.h"
#include "crossread/annot/annot_write.h"
#include "crossread/persist/store.h"
#include "crossread/base/util.h"
#include "crossread/annot/yamltree.h"

static char dir[256];

static int setup(void **state)
{
	(void)state;
	const char *t = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/test_store.XXXXXX", t && *t ? t : "/tmp");
	return mkdtemp(dir) ? 0 : -1;
}

/* remove everything in dir (flat), then dir */
static int teardown(void **state)
{
	(void)state;
	chmod(dir, 0755);
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *de;
		while ((de = readdir(d)) != NULL) {
			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			char p[600];
			snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
			unlink(p);
		}
		closedir(d);
	}
	rmdir(dir);
	return 0;
}

static int count_entries(void)
{
	int n = 0;
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *de;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

static void put(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(s, f);
	assert_int_equal(fclose(f), 0);
}

static char *get(const char *path)
{
	char *d;
	size_t n;
	if (read_file(path, 1 << 20, &d, &n) < 0)
		return NULL;
	return d;
}

static void test_hash(void **state)
{
	(void)state;
	assert_int_not_equal(store_hash("abcd", 4), store_hash("abce", 4));
	assert_int_not_equal(store_hash("", 0), store_hash("\0", 1));
	assert_int_equal(store_hash("same", 4), store_hash("same", 4));
}

static void test_atomic_happy(void **state)
{
	(void)state;
	char p[300], err[256] = "";
	snprintf(p, sizeof p, "%s/f.yaml", dir);
	put(p, "old content\n");
	assert_int_equal(chmod(p, 0640), 0);
	struct store_stamp st;
	assert_int_equal(store_write_atomic_stamp(p, "new\n", 4, &st, err, sizeof err), 0);
	char *s = get(p);
	assert_string_equal(s, "new\n");
	free(s);
	struct stat sb;
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0640);
	/* the stamp returned is the file's: nothing changed since */
	assert_true(st.exists);
	assert_int_equal(st.size, 4);
	assert_false(store_changed(p, &st));
	assert_int_equal(count_entries(), 1); /* no temporary file left */

	/* a new file can be created the same way */
	char q[300];
	snprintf(q, sizeof q, "%s/g.yaml", dir);
	assert_int_equal(store_write_atomic(q, "", 0, err, sizeof err), 0);
	assert_int_equal(stat(q, &sb), 0);
	assert_int_equal(sb.st_size, 0);
	assert_int_equal(count_entries(), 2);
}

static void test_atomic_through_symlink(void **state)
{
	(void)state;
	char p[300], l[300], err[256] = "";
	snprintf(p, sizeof p, "%s/real.yaml", dir);
	snprintf(l, sizeof l, "%s/link.yaml", dir);
	put(p, "a\n");
	assert_int_equal(symlink("real.yaml", l), 0);
	assert_int_equal(store_write_atomic(l, "b\n", 2, err, sizeof err), 0);
	struct stat sb;
	assert_int_equal(lstat(l, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	char *s = get(p);
	assert_string_equal(s, "b\n");
	free(s);
}

/* Works as root too: RLIMIT_FSIZE makes the write itself fail (EFBIG). */
static void test_atomic_write_fails_original_untouched_rlimit(void **state)
{
	(void)state;
	char p[300], err[256] = "";
	snprintf(p, sizeof p, "%s/f.yaml", dir);
	put(p, "precious\n");
	struct rlimit old, lim;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = 16;
	void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	int rc =
	    store_write_atomic(p, "this is much longer than sixteen bytes\n", 39, err, sizeof err);
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, prev);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(err, "write: "));
	char *s = get(p);
	assert_string_equal(s, "precious\n");
	free(s);
	assert_int_equal(count_entries(), 1);
}

/* Works as root too: the "directory" is a regular file (ENOTDIR). */
static void test_atomic_dir_is_a_file_fails_as_root_too(void **state)
{
	(void)state;
	char f[300], p[350], err[256] = "";
	snprintf(f, sizeof f, "%s/plainfile", dir);
	put(f, "x");
	snprintf(p, sizeof p, "%s/notes.yaml", f);
	assert_int_equal(store_write_atomic(p, "new\n", 4, err, sizeof err), -1);
	assert_non_null(strstr(err, "create temporary file: Not a directory"));
	char *s = get(f);
	assert_string_equal(s, "x");
	free(s);
	assert_int_equal(count_entries(), 1);
}

/* Only meaningful for a non-root user: root writes into read-only
 * directories. main() does not register it when running as root. */
static void test_atomic_readonly_dir(void **state)
{
	(void)state;
	char p[300], err[256] = "";
	snprintf(p, sizeof p, "%s/f.yaml", dir);
	put(p, "precious\n");
	assert_int_equal(chmod(dir, 0555), 0);
	assert_int_equal(store_write_atomic(p, "new\n", 4, err, sizeof err), -1);
	assert_non_null(strstr(err, "Permission denied"));
	chmod(dir, 0755);
	char *s = get(p);
	assert_string_equal(s, "precious\n");
	free(s);
	assert_int_equal(count_entries(), 1);
}

static void test_stamp_same_size_same_mtime(void **state)
{
	(void)state;
	char p[300];
	snprintf(p, sizeof p, "%s/f.yaml", dir);
	put(p, "aaaa\n");
	struct store_stamp st;
	assert_int_equal(store_stamp_file(p, &st), 0);
	assert_true(st.exists);
	assert_false(store_changed(p, &st));
	struct stat before;
	assert_int_equal(stat(p, &before), 0);
	/* rewrite in place (same inode, same size), then put the mtime back */
	int fd = open(p, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, "bbbb", 4, 0), 4);
	assert_int_equal(close(fd), 0);
	struct timespec ts[2] = {before.st_atim, before.st_mtim};
	assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
	struct stat after;
	assert_int_equal(stat(p, &after), 0);
	assert_int_equal(after.st_size, before.st_size);
	assert_int_equal(after.st_ino, before.st_ino);
	assert_int_equal(after.st_mtim.tv_sec, before.st_mtim.tv_sec);
	assert_int_equal(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
	assert_true(store_changed(p, &st));
}

static void test_stamp_missing_and_replaced(void **state)
{
	(void)state;
	char p[300], err[256];
	snprintf(p, sizeof p, "%s/f.yaml", dir);
	struct store_stamp st;
	assert_int_equal(store_stamp_file(p, &st), 0);
	assert_false(st.exists);
	assert_false(store_changed(p, &st));
	put(p, "x");
	assert_true(store_changed(p, &st)); /* appeared */
	assert_int_equal(store_stamp_file(p, &st), 0);
	assert_int_equal(store_write_atomic(p, "x", 1, err, sizeof err), 0);
	assert_true(store_changed(p, &st)); /* same bytes, but another inode */
	assert_int_equal(store_stamp_file(p, &st), 0);
	unlink(p);
	assert_true(store_changed(p, &st)); /* gone */
}

static void test_cleanup_temps(void **state)
{
	(void)state;
	char p[300], dead[350], alive[350], other[350];
	snprintf(p, sizeof p, "%s/f.yaml", dir);
	snprintf(dead, sizeof dead, "%s/.f.yaml.tmp.AbC123", dir);
	snprintf(alive, sizeof alive, "%s/.f.yaml.tmp.XyZ789", dir);
	snprintf(other, sizeof other, "%s/.g.yaml.tmp.AbC123", dir);
	put(p, "x");
	put(dead, "half");
	put(alive, "being written");
	put(other, "not ours");
	/* a live writer holds the lock on its temporary file */
	int fd = open(alive, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	assert_int_equal(store_cleanup_temps(p), 1);
	struct stat sb;
	assert_int_not_equal(stat(dead, &sb), 0);
	assert_int_equal(stat(alive, &sb), 0);
	assert_int_equal(stat(other, &sb), 0);
	close(fd);
	assert_int_equal(store_cleanup_temps(p), 1);
	assert_int_not_equal(stat(alive, &sb), 0);
}

static void test_side_path(void **state)
{
	(void)state;
	char *s = store_side_path("dir/notes.yaml", 1795460400); /* 2026-11-23 19:00:00 UTC */
	assert_string_equal(s, "dir/notes.conflict-20261123T190000Z.yaml");
	free(s);
	s = store_side_path("notes", 0);
	assert_string_equal(s, "notes.conflict-19700101T000000Z.yaml");
	free(s);
}

/* ------------------------------------------------------------- merging */

static const char curated_yaml[] = "version: 1\n"
				   "articles: [{id: a, path: a.md}, {id: b, path: b.md}]\n"
				   "claims:\n"
				   "  - {id: k1, article: a, kind: accusation, quote: Q1}\n"
				   "  - {id: k2, article: b, kind: rebuttal, quote: Q2}\n";

static const char base_yaml[] =
    "version: 1\n"
    "claims:\n"
    "  - {id: p1, article: b, kind: claim, quote: mine}\n"
    "links:\n"
    "  - {id: l1, from: k1, to: p1, rel: supports}\n"
    "notes:\n"
    "  - {id: n1, on: k1, created: '2026-01-01T00:00:00Z', text: one}\n"
    "  - {id: n2, on: p1, created: '2026-01-01T00:00:00Z', text: two}\n";

static struct annot *load2(const char *personal)
{
	struct annot *an = NULL;
	struct diag_list d = {0};
	assert_int_equal(
	    annot_load_mem(&an, "c.yaml", curated_yaml, sizeof curated_yaml - 1, LAYER_CURATED, &d),
	    0);
	int rc =
	    annot_load_mem(&an, "c.notes.yaml", personal, strlen(personal), LAYER_PERSONAL, &d);
	if (rc != 0)
		diag_print(&d, stderr);
	assert_int_equal(rc, 0);
	diag_free(&d);
	return an;
}

static const char *note_text(const struct annot *an, const char *id)
{
	size_t i = annot_find_note(an, id);
	return i == ANNOT_NONE ? NULL : an->notes[i].text;
}

/* base + (edit the YAML text): personal versions are written as text so that
 * each case reads like the file a reader would have */
static size_t merge3(const char *theirs_yaml, const char *ours_yaml, struct annot **ours_out)
{
	struct annot *base = load2(base_yaml), *theirs = load2(theirs_yaml),
		     *ours = load2(ours_yaml);
	size_t conflicts = store_merge(base, theirs, ours);
	annot_free(base);
	annot_free(theirs);
	/* the result must be a loadable personal file, identical on reload */
	struct buf out = {0};
	assert_int_equal(annot_write_layer(ours, LAYER_PERSONAL, &out), 0);
	struct annot *back = load2(out.s);
	assert_int_equal(back->nnotes, ours->nnotes);
	assert_int_equal(back->nclaims, ours->nclaims);
	assert_int_equal(back->nlinks, ours->nlinks);
	annot_free(back);
	buf_free(&out);
	*ours_out = ours;
	return conflicts;
}

/* text of base_yaml with one replacement */
static char *edit(const char *from, const char *to)
{
	const char *at = strstr(base_yaml, from);
	assert_non_null(at);
	struct buf b = {0};
	buf_add(&b, base_yaml, (size_t)(at - base_yaml));
	buf_adds(&b, to);
	buf_adds(&b, at + strlen(from));
	return buf_detach(&b);
}

#define NOTE_LINE(id, on, text)                                                                    \
	"  - {id: " id ", on: " on ", created: '2026-01-01T00:00:00Z', text: " text "}\n"

static void test_merge_additions_both_sides(void **state)
{
	(void)state;
	char *theirs = edit("notes:\n", "notes:\n" NOTE_LINE("nT", "k2", "from disk"));
	char *ours = edit("notes:\n", "notes:\n" NOTE_LINE("nO", "k1", "from memory"));
	struct annot *m;
	assert_int_equal(merge3(theirs, ours, &m), 0);
	assert_string_equal(note_text(m, "nT"), "from disk");
	assert_string_equal(note_text(m, "nO"), "from memory");
	assert_string_equal(note_text(m, "n1"), "one");
	assert_string_equal(note_text(m, "n2"), "two");
	assert_int_equal(m->nnotes, 4);
	annot_free(m);
	free(theirs);
	free(ours);
}

static void test_merge_deletions(void **state)
{
	(void)state;
	/* disk deleted n1 (we left it alone), we deleted n2 (disk left it alone) */
	char *theirs = edit(NOTE_LINE("n1", "k1", "one"), "");
	char *ours = edit(NOTE_LINE("n2", "p1", "two"), "");
	struct annot *m;
	assert_int_equal(merge3(theirs, ours, &m), 0);
	assert_null(note_text(m, "n1"));
	assert_null(note_text(m, "n2"));
	assert_int_equal(m->nnotes, 0);
	annot_free(m);
	free(theirs);
	free(ours);
}

static void test_merge_change_one_side(void **state)
{
	(void)state;
	char *theirs = edit("text: one", "text: one edited on disk");
	char *ours = edit("text: two", "text: two edited here");
	struct annot *m;
	assert_int_equal(merge3(theirs, ours, &m), 0);
	assert_string_equal(note_text(m, "n1"), "one edited on disk");
	assert_string_equal(note_text(m, "n2"), "two edited here");
	assert_int_equal(m->nnotes, 2);
	annot_free(m);
	free(theirs);
	free(ours);
}

static void test_merge_conflict_keeps_both(void **state)
{
	(void)state;
	char *theirs = edit("text: one", "text: disk version");
	char *ours = edit("text: one", "text: my version");
	struct annot *m;
	assert_int_equal(merge3(theirs, ours, &m), 1);
	assert_string_equal(note_text(m, "n1"), "my version");
	assert_string_equal(note_text(m, "n1-disk"), "disk version");
	assert_int_equal(m->nnotes, 3);
	annot_free(m);
	free(theirs);
	free(ours);
	/* the same change on both sides is no conflict */
	theirs = edit("text: one", "text: same edit");
	ours = edit("text: one", "text: same edit");
	assert_int_equal(merge3(theirs, ours, &m), 0);
	assert_string_equal(note_text(m, "n1"), "same edit");
	assert_int_equal(m->nnotes, 2);
	annot_free(m);
	free(theirs);
	free(ours);
}

static void test_merge_delete_vs_change_keeps_the_words(void **state)
{
	(void)state;
	/* we deleted n1, the disk changed it; the disk deleted n2, we changed it */
	char *t1 = edit("text: one", "text: one changed on disk");
	char *theirs = NULL;
	{
		const char *at = strstr(t1, NOTE_LINE("n2", "p1", "two"));
		assert_non_null(at);
		struct buf b = {0};
		buf_add(&b, t1, (size_t)(at - t1));
		buf_adds(&b, at + strlen(NOTE_LINE("n2", "p1", "two")));
		theirs = buf_detach(&b);
	}
	char *o1 = edit("text: two", "text: two changed here");
	const char *at = strstr(o1, NOTE_LINE("n1", "k1", "one"));
	assert_non_null(at);
	struct buf b = {0};
	buf_add(&b, o1, (size_t)(at - o1));
	buf_adds(&b, at + strlen(NOTE_LINE("n1", "k1", "one")));
	char *ours = buf_detach(&b);
	struct annot *m;
	assert_int_equal(merge3(theirs, ours, &m), 0);
	assert_string_equal(note_text(m, "n1"), "one changed on disk");
	assert_string_equal(note_text(m, "n2"), "two changed here");
	annot_free(m);
	free(t1);
	free(o1);
	free(theirs);
	free(ours);
}

static void test_merge_revives_what_a_kept_note_names(void **state)
{
	(void)state;
	/* we deleted claim p1 (with its link and note); the disk added a note on
	 * p1: p1 comes back, or the disk's note would dangle */
	char *ours = xstrdup("version: 1\n"
			     "notes:\n" NOTE_LINE("n1", "k1", "one"));
	char *theirs = edit("notes:\n", "notes:\n" NOTE_LINE("nT", "p1", "about p1"));
	struct annot *m;
	assert_int_equal(merge3(theirs, ours, &m), 0);
	assert_string_equal(note_text(m, "nT"), "about p1");
	size_t p1 = annot_find_claim(m, "p1");
	assert_true(p1 != ANNOT_NONE);
	assert_int_equal(m->claims[p1].layer, LAYER_PERSONAL);
	assert_null(note_text(m, "n2"));
	assert_int_equal(annot_find_link(m, "l1"), ANNOT_NONE);
	annot_free(m);
	free(theirs);
	free(ours);
}

static void test_merge_without_base(void **state)
{
	(void)state;
	struct annot *theirs = load2("version: 1\nnotes:\n" NOTE_LINE("n1", "k1", "disk")
					 NOTE_LINE("n2", "k2", "same"));
	struct annot *ours = load2("version: 1\nnotes:\n" NOTE_LINE("n1", "k1", "mine")
				       NOTE_LINE("n2", "k2", "same"));
	assert_int_equal(store_merge(NULL, theirs, ours), 1);
	assert_string_equal(note_text(ours, "n1"), "mine");
	assert_string_equal(note_text(ours, "n1-disk"), "disk");
	assert_string_equal(note_text(ours, "n2"), "same");
	assert_int_equal(ours->nnotes, 3);
	/* curated entries are never touched */
	assert_int_equal(ours->nclaims, 2);
	annot_free(theirs);
	annot_free(ours);
}

/* Two readers made a new claim of the same id (and each a link and a note
 * on it): the disk's copy is renamed, and the disk's link and note follow
 * it, so no note lands on the other reader's claim. */
static void test_merge_id_collision_rewrites_references(void **state)
{
	(void)state;
	char *theirs = edit("links:\n", "  - {id: c-same, article: a, kind: claim, quote: disk's}\n"
					"links:\n"
					"  - {id: l-disk, from: k1, to: c-same, rel: rebuts}\n");
	char *t2 = theirs;
	theirs = NULL;
	{
		struct buf b = {0};
		buf_adds(&b, t2);
		buf_adds(&b, NOTE_LINE("n-disk", "c-same", "on the disk's claim"));
		theirs = buf_detach(&b);
	}
	char *ours = edit("links:\n", "  - {id: c-same, article: b, kind: claim, quote: mine}\n"
				      "links:\n"
				      "  - {id: l-mine, from: c-same, to: k2, rel: same}\n");
	char *o2 = ours;
	{
		struct buf b = {0};
		buf_adds(&b, o2);
		buf_adds(&b, NOTE_LINE("n-mine", "c-same", "on my claim"));
		ours = buf_detach(&b);
	}
	struct annot *m;
	assert_int_equal(merge3(theirs, ours, &m), 1);
	size_t mine = annot_find_claim(m, "c-same"), disk = annot_find_claim(m, "c-same-disk");
	assert_int_not_equal(mine, ANNOT_NONE);
	assert_int_not_equal(disk, ANNOT_NONE);
	assert_string_equal(m->claims[mine].quote, "mine");
	assert_string_equal(m->claims[disk].quote, "disk's");
	size_t nd = annot_find_note(m, "n-disk"), nm = annot_find_note(m, "n-mine");
	assert_string_equal(m->notes[nd].on, "c-same-disk");
	assert_string_equal(m->notes[nm].on, "c-same");
	size_t ld = annot_find_link(m, "l-disk"), lm = annot_find_link(m, "l-mine");
	assert_string_equal(m->links[ld].to, "c-same-disk");
	assert_string_equal(m->links[lm].from, "c-same");
	annot_free(m);
	free(theirs);
	free(ours);
	free(t2);
	free(o2);
}

/* New ids are random, readable and unused. */
static void test_new_ids(void **state)
{
	(void)state;
	struct annot *an = load2(base_yaml);
	char *seen[64];
	for (int i = 0; i < 64; i++) {
		seen[i] = store_new_id(an, 'n');
		assert_int_equal(strlen(seen[i]), 2 + STORE_ID_LEN);
		assert_memory_equal(seen[i], "n-", 2);
		for (size_t k = 2; seen[i][k]; k++)
			assert_non_null(strchr("0123456789abcdefghjkmnpqrstvwxyz", seen[i][k]));
		for (int j = 0; j < i; j++)
			assert_string_not_equal(seen[i], seen[j]);
	}
	for (int i = 0; i < 64; i++)
		free(seen[i]);
	annot_free(an);
}

static void test_merge_links_without_id(void **state)
{
	(void)state;
	/* links without ids are matched by what they connect */
	static const char b[] = "version: 1\nlinks:\n  - {from: k1, to: k2, rel: rebuts}\n";
	static const char t[] = "version: 1\nlinks:\n  - {from: k1, to: k2, rel: rebuts}\n"
				"  - {from: k2, to: k1, rel: counters}\n";
	static const char o[] = "version: 1\nlinks:\n  - {from: k1, to: k2, rel: same}\n"
				"  - {from: k1, to: k2, rel: rebuts}\n";
	struct annot *base = load2(b), *theirs = load2(t), *ours = load2(o);
	assert_int_equal(store_merge(base, theirs, ours), 0);
	assert_int_equal(ours->nlinks, 3);
	/* generated ids stay unique */
	for (size_t i = 0; i < ours->nlinks; i++)
		for (size_t j = i + 1; j < ours->nlinks; j++)
			assert_string_not_equal(ours->links[i].id, ours->links[j].id);
	annot_free(base);
	annot_free(theirs);
	annot_free(ours);
}

/* ------------------------------------------------------------- session */

static void paths(char *cur, char *per, size_t n)
{
	snprintf(cur, n, "%s/c.yaml", dir);
	snprintf(per, n, "%s/c.notes.yaml", dir);
	put(cur, curated_yaml);
}

static struct annot *open_curated(const char *cur)
{
	struct annot *an = NULL;
	struct diag_list d = {0};
	assert_int_equal(annot_load(&an, cur, LAYER_CURATED, &d), 0);
	diag_free(&d);
	return an;
}

static void test_session_new_file_save(void **state)
{
	(void)state;
	char cur[300], per[300];
	paths(cur, per, sizeof cur);
	struct annot *an = open_curated(cur);
	struct diag_list d = {0};
	int rc = -1;
	struct store *s = store_open(per, &an, &d, &rc);
	assert_int_equal(rc, 0);
	/* the layer below is the curated one in memory, its two articles */
	assert_int_equal(s->lower_articles, 2);
	assert_false(store_dirty(s));
	assert_int_equal(store_save(s, an, &d), STORE_UNCHANGED);
	size_t i = store_add_note(s, an, "k1", "a thought\nover two lines");
	assert_true(store_dirty(s));
	assert_int_equal(store_save(s, an, &d), STORE_SAVED);
	assert_string_equal(store_message(s), "saved");
	assert_false(store_dirty(s));
	/* reopen: the note is there, exactly */
	struct annot *an2 = open_curated(cur);
	struct store *s2 = store_open(per, &an2, &d, &rc);
	assert_int_equal(rc, 0);
	size_t j = annot_find_note(an2, an->notes[i].id);
	assert_true(j != ANNOT_NONE);
	assert_string_equal(an2->notes[j].text, "a thought\nover two lines");
	assert_int_equal(an2->notes[j].layer, LAYER_PERSONAL);
	/* the personal file holds no curated entry */
	char *txt = get(per);
	assert_null(strstr(txt, "Q1"));
	free(txt);
	store_free(s2);
	annot_free(an2);
	store_free(s);
	annot_free(an);
	diag_free(&d);
}

static void test_session_merges_concurrent_change(void **state)
{
	(void)state;
	char cur[300], per[300];
	paths(cur, per, sizeof cur);
	put(per, base_yaml);
	struct diag_list d = {0};
	int rc;
	struct annot *a1 = open_curated(cur), *a2 = open_curated(cur);
	struct store *s1 = store_open(per, &a1, &d, &rc);
	assert_int_equal(rc, 0);
	struct store *s2 = store_open(per, &a2, &d, &rc);
	assert_int_equal(rc, 0);
	/* two readers on the same file: each adds a note, both save */
	store_add_note(s1, a1, "k1", "first reader");
	store_add_note(s2, a2, "k2", "second reader");
	assert_int_equal(store_edit_note(s2, a2, annot_find_note(a2, "n1"), "edited by 2"), 0);
	assert_int_equal(store_save(s1, a1, &d), STORE_SAVED);
	assert_int_equal(store_save(s2, a2, &d), STORE_MERGED);
	assert_non_null(strstr(store_message(s2), "merged with changes on disk"));
	struct annot *a3 = open_curated(cur);
	struct store *s3 = store_open(per, &a3, &d, &rc);
	assert_int_equal(rc, 0);
	bool first = false, second = false;
	for (size_t i = 0; i < a3->nnotes; i++) {
		first |= strcmp(a3->notes[i].text, "first reader") == 0;
		second |= strcmp(a3->notes[i].text, "second reader") == 0;
	}
	assert_true(first && second);
	assert_string_equal(note_text(a3, "n1"), "edited by 2");
	assert_string_equal(note_text(a3, "n2"), "two");
	/* s2's memory holds the merged state too */
	assert_int_equal(a2->nnotes, a3->nnotes);
	/* and s1, saving again after s2, merges the other way */
	store_add_note(s1, a1, "k2", "third");
	assert_int_equal(store_save(s1, a1, &d), STORE_MERGED);
	assert_int_equal(a1->nnotes, a3->nnotes + 1);
	store_free(s1);
	store_free(s2);
	store_free(s3);
	annot_free(a1);
	annot_free(a2);
	annot_free(a3);
	diag_free(&d);
}

static int count_side_files(void)
{
	int n = 0;
	DIR *dd = opendir(dir);
	struct dirent *de;
	while ((de = readdir(dd)) != NULL)
		if (strstr(de->d_name, ".conflict-"))
			n++;
	closedir(dd);
	return n;
}

static void test_session_broken_file_never_saved_over(void **state)
{
	(void)state;
	char cur[300], per[300];
	paths(cur, per, sizeof cur);
	static const char broken[] = "version: 1\nnotes: [ {id: n1, on: k1\n";
	put(per, broken);
	struct annot *an = open_curated(cur);
	struct diag_list d = {0};
	int rc;
	struct store *s = store_open(per, &an, &d, &rc);
	assert_int_equal(rc, 2);
	assert_true(d.errors > 0);
	store_add_note(s, an, "k1", "not lost");
	assert_int_equal(store_save(s, an, &d), STORE_SIDE_FILE);
	assert_non_null(strstr(store_message(s), "saved to side file"));
	assert_non_null(strstr(store_message(s), ".conflict-"));
	char *txt = get(per);
	assert_string_equal(txt, broken);
	free(txt);
	assert_int_equal(count_side_files(), 1);
	txt = get(s->side);
	assert_non_null(strstr(txt, "not lost"));
	free(txt);
	assert_false(store_dirty(s));
	/* the next save in this session updates the same side file */
	store_add_note(s, an, "k2", "still not lost");
	assert_int_equal(store_save(s, an, &d), STORE_SIDE_FILE);
	assert_int_equal(count_side_files(), 1);
	/* once the reader repairs the file, saving merges into it again */
	put(per, base_yaml);
	store_touch(s);
	assert_int_equal(store_save(s, an, &d), STORE_MERGED);
	txt = get(per);
	assert_non_null(strstr(txt, "still not lost"));
	assert_non_null(strstr(txt, "text: two"));
	free(txt);
	store_free(s);
	annot_free(an);
	diag_free(&d);
}

static void test_session_broken_on_disk_after_open(void **state)
{
	(void)state;
	char cur[300], per[300];
	paths(cur, per, sizeof cur);
	put(per, base_yaml);
	struct annot *an = open_curated(cur);
	struct diag_list d = {0};
	int rc;
	struct store *s = store_open(per, &an, &d, &rc);
	assert_int_equal(rc, 0);
	put(per, "version: 1\nnotes: {{{\n"); /* someone half-edited it */
	store_add_note(s, an, "k1", "mine");
	assert_int_equal(store_save(s, an, &d), STORE_SIDE_FILE);
	char *txt = get(per);
	assert_string_equal(txt, "version: 1\nnotes: {{{\n");
	free(txt);
	store_free(s);
	annot_free(an);
	diag_free(&d);
}

/* The disk's version is checked against the curated layer in memory (not
 * parsed again): what it adds on curated claims, links and articles merges;
 * what clashes with them, or names nothing, goes to a side file with the
 * loader's error. The curated file itself may be gone by then. */
static void test_session_merge_checks_against_curated(void **state)
{
	(void)state;
	char cur[300], per[300];
	paths(cur, per, sizeof cur);
	put(per, base_yaml);
	struct annot *an = open_curated(cur);
	struct diag_list d = {0};
	int rc;
	struct store *s = store_open(per, &an, &d, &rc);
	assert_int_equal(rc, 0);
	unlink(cur);
	char *disk = edit("links:\n", "links:\n  - {id: lx, from: k2, to: k1, rel: counters}\n"
				      "  - {id: ly, from: k1, to: p1, rel: same}\n");
	char *disk2 = NULL;
	{
		const char *at = strstr(disk, "notes:\n");
		struct buf b = {0};
		buf_add(&b, disk, (size_t)(at - disk) + 7);
		buf_adds(&b, NOTE_LINE("nx", "lx", "on their link")
				 NOTE_LINE("ny", "a", "on article a"));
		buf_adds(&b, at + 7);
		disk2 = buf_detach(&b);
	}
	put(per, disk2);
	store_add_note(s, an, "k2", "mine");
	assert_int_equal(store_save(s, an, &d), STORE_MERGED);
	assert_string_equal(note_text(an, "nx"), "on their link");
	assert_string_equal(note_text(an, "ny"), "on article a");
	size_t lx = annot_find_link(an, "lx");
	assert_true(lx != ANNOT_NONE);
	assert_int_equal(an->links[lx].from_i, annot_find_claim(an, "k2"));
	assert_int_equal(an->claims[annot_find_claim(an, "k1")].layer, LAYER_CURATED);
	assert_int_equal(d.n, 0);
	/* a claim of the curated file's id on disk: not merged, not lost */
	put(per, "version: 1\nclaims:\n  - {id: k1, article: a, kind: claim, quote: clash}\n");
	store_add_note(s, an, "k1", "mine again");
	assert_int_equal(store_save(s, an, &d), STORE_SIDE_FILE);
	bool dup = false;
	for (size_t i = 0; i < d.n; i++)
		dup |= strstr(d.items[i].msg, "duplicate id \"k1\"") != NULL;
	assert_true(dup);
	assert_int_equal(count_side_files(), 1);
	free(disk);
	free(disk2);
	store_free(s);
	annot_free(an);
	diag_free(&d);
}

/* The personal file keeps its own unknown keys, top-level and on an
 * article entry repeating a curated one, even where the curated file has a
 * key of the same name; the curated file's keys never enter it. */
static const char curated_extras_yaml[] =
    "version: 1\n"
    "x-shared: curated-value\n"
    "x-curated-only: stays-curated\n"
    "articles:\n"
    "  - {id: a, path: a.md, x-curated-on-article: curated-article-key}\n"
    "  - {id: b, path: b.md}\n"
    "claims:\n"
    "  - {id: k1, article: a, kind: accusation, quote: Q1}\n";

static const char personal_extras_yaml[] = "version: 1\n"
					   "x-shared: personal-value\n"
					   "articles:\n"
					   "  - {id: a, path: a.md, x-mine-on-article: keep-me}\n"
					   "notes:\n" NOTE_LINE("n1", "k1", "one");

static void test_session_keeps_personal_unknown_keys(void **state)
{
	(void)state;
	char cur[300], per[300];
	paths(cur, per, sizeof cur);
	put(cur, curated_extras_yaml);
	put(per, personal_extras_yaml);
	struct annot *an = open_curated(cur);
	struct diag_list d = {0};
	int rc;
	struct store *s = store_open(per, &an, &d, &rc);
	assert_int_equal(rc, 0);
	store_add_note(s, an, "k1", "added");
	assert_int_equal(store_save(s, an, &d), STORE_SAVED);
	char *txt = get(per);
	assert_non_null(strstr(txt, "x-shared: personal-value"));
	assert_non_null(strstr(txt, "x-mine-on-article: keep-me"));
	assert_null(strstr(txt, "curated-value"));
	assert_null(strstr(txt, "x-curated-only"));
	assert_null(strstr(txt, "x-curated-on-article"));
	assert_non_null(strstr(txt, "added"));
	free(txt);
	/* and again, after a reload and a second save */
	struct annot *an2 = open_curated(cur);
	struct store *s2 = store_open(per, &an2, &d, &rc);
	assert_int_equal(rc, 0);
	store_add_note(s2, an2, "k1", "again");
	assert_int_equal(store_save(s2, an2, &d), STORE_SAVED);
	txt = get(per);
	assert_non_null(strstr(txt, "x-shared: personal-value"));
	assert_non_null(strstr(txt, "x-mine-on-article: keep-me"));
	assert_null(strstr(txt, "curated"));
	free(txt);
	/* the curated layer keeps its own values in memory */
	assert_string_equal(ynode_map_str(an2->extra[LAYER_CURATED], "x-shared"), "curated-value");
	assert_string_equal(ynode_map_str(an2->extra[LAYER_PERSONAL], "x-shared"),
			    "personal-value");
	store_free(s2);
	annot_free(an2);
	store_free(s);
	annot_free(an);
	diag_free(&d);
}

/* Another process adds unknown keys (top level, on a repeated article)
 * while we add a note: the merge keeps them. */
static void test_session_merge_keeps_their_unknown_keys(void **state)
{
	(void)state;
	char cur[300], per[300];
	paths(cur, per, sizeof cur);
	put(cur, curated_extras_yaml);
	put(per, personal_extras_yaml);
	struct annot *an = open_curated(cur);
	struct diag_list d = {0};
	int rc;
	struct store *s = store_open(per, &an, &d, &rc);
	assert_int_equal(rc, 0);
	put(per, "version: 1\n"
		 "x-shared: personal-value\n"
		 "x-theirs: from-disk\n"
		 "articles:\n"
		 "  - {id: a, path: a.md, x-mine-on-article: keep-me, x-their-article: too}\n"
		 "  - {id: b, path: b.md, x-on-b: bee}\n"
		 "notes:\n" NOTE_LINE("n1", "k1", "one"));
	store_add_note(s, an, "k1", "ours");
	assert_int_equal(store_save(s, an, &d), STORE_MERGED);
	char *txt = get(per);
	assert_non_null(strstr(txt, "x-shared: personal-value"));
	assert_non_null(strstr(txt, "x-theirs: from-disk"));
	assert_non_null(strstr(txt, "x-mine-on-article: keep-me"));
	assert_non_null(strstr(txt, "x-their-article: too"));
	assert_non_null(strstr(txt, "x-on-b: bee"));
	assert_non_null(strstr(txt, "ours"));
	assert_null(strstr(txt, "curated"));
	free(txt);
	store_free(s);
	annot_free(an);
	diag_free(&d);
}

/* Works as root too: a write failure from RLIMIT_FSIZE. */
static void test_session_failed_save_keeps_memory(void **state)
{
	(void)state;
	char cur[300], per[300];
	paths(cur, per, sizeof cur);
	put(per, base_yaml);
	struct annot *an = open_curated(cur);
	struct diag_list d = {0};
	int rc;
	struct store *s = store_open(per, &an, &d, &rc);
	store_add_note(s, an, "k1", "a long note that will not fit in the file size limit .......");
	struct rlimit old, lim;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = sizeof base_yaml;
	void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	enum store_result r = store_save(s, an, &d);
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, prev);
	assert_int_equal(r, STORE_FAILED);
	assert_non_null(strstr(store_message(s), "save failed: write: File too large"));
	assert_non_null(strstr(store_message(s), "kept in memory"));
	assert_true(store_dirty(s));
	char *txt = get(per);
	assert_string_equal(txt, base_yaml);
	free(txt);
	/* retried later, it goes through */
	assert_int_equal(store_save(s, an, &d), STORE_SAVED);
	assert_false(store_dirty(s));
	txt = get(per);
	assert_non_null(strstr(txt, "file size limit"));
	free(txt);
	store_free(s);
	annot_free(an);
	diag_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hash),
	    cmocka_unit_test_setup_teardown(test_atomic_happy, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_atomic_through_symlink, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_atomic_write_fails_original_untouched_rlimit,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_atomic_dir_is_a_file_fails_as_root_too, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_stamp_same_size_same_mtime, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_stamp_missing_and_replaced, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_cleanup_temps, setup, teardown),
	    cmocka_unit_test(test_side_path),
	    cmocka_unit_test(test_merge_additions_both_sides),
	    cmocka_unit_test(test_merge_deletions),
	    cmocka_unit_test(test_merge_change_one_side),
	    cmocka_unit_test(test_merge_conflict_keeps_both),
	    cmocka_unit_test(test_merge_delete_vs_change_keeps_the_words),
	    cmocka_unit_test(test_merge_revives_what_a_kept_note_names),
	    cmocka_unit_test(test_merge_without_base),
	    cmocka_unit_test(test_merge_links_without_id),
	    cmocka_unit_test(test_merge_id_collision_rewrites_references),
	    cmocka_unit_test(test_new_ids),
	    cmocka_unit_test_setup_teardown(test_session_new_file_save, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_session_merges_concurrent_change, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_session_broken_file_never_saved_over, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_session_broken_on_disk_after_open, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_session_failed_save_keeps_memory, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_session_merge_checks_against_curated, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_session_keeps_personal_unknown_keys, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_session_merge_keeps_their_unknown_keys, setup,
					    teardown),
	};
	int failed = cmocka_run_group_tests_name("store", tests, NULL, NULL);
	if (geteuid() != 0) {
		const struct CMUnitTest unprivileged[] = {
		    cmocka_unit_test_setup_teardown(test_atomic_readonly_dir, setup, teardown),
		};
		failed +=
		    cmocka_run_group_tests_name("store_unprivileged", unprivileged, NULL, NULL);
	} else {
		/* not a skip counted as a pass: it is simply not run, and said so */
		printf("# test_atomic_readonly_dir not run: as root a read-only directory "
		       "does not stop writes; the rlimit and not-a-directory tests cover the "
		       "failure path\n");
	}
	return failed;
}
