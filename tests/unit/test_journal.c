/* Unit tests for journal: when the text is written, that it comes back byte
 * for byte, and that saving or cancelling removes it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "crossread/persist/journal.h"
#include "crossread/base/util.h"

static char dir[256];
static char personal[300];

static int setup(void **state)
{
	(void)state;
	const char *t = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/test_journal.XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(dir))
		return -1;
	snprintf(personal, sizeof personal, "%s/notes.yaml", dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	journal_remove(personal);
	rmdir(dir);
	return 0;
}

static bool exists(const char *p)
{
	struct stat sb;
	return stat(p, &sb) == 0;
}

static void test_path(void **state)
{
	(void)state;
	/* one journal per reader: NAME.journal-XXXXXX, the same all along */
	char *p = journal_path("a/b/notes.yaml"), *q = journal_path("a/b/notes.yaml");
	assert_int_equal(strlen(p), strlen("a/b/notes.journal-") + 6);
	assert_memory_equal(p, "a/b/notes.journal-", strlen("a/b/notes.journal-"));
	assert_string_equal(p, q);
	free(p);
	free(q);
	p = journal_path("x.yml");
	assert_memory_equal(p, "x.journal-", 10);
	free(p);
}

static void test_nothing_to_recover(void **state)
{
	(void)state;
	struct journal_entry e;
	char err[256] = "";
	assert_int_equal(journal_recover(personal, &e, err, sizeof err), 0);
	assert_null(e.text);
}

static void test_thresholds(void **state)
{
	(void)state;
	char *jp = journal_path(personal);
	struct journal *j = journal_begin(personal, "claim-1", NULL);
	time_t t = 1000;
	/* a few characters, no time passed: not yet */
	assert_int_equal(journal_update(j, "Hello", 5, t), 0);
	assert_false(exists(jp));
	assert_int_equal(journal_update(j, "Hello wor", 9, t + 1), 0);
	assert_false(exists(jp));
	/* JOURNAL_SECONDS later: written */
	assert_int_equal(journal_update(j, "Hello world", 11, t + JOURNAL_SECONDS), 1);
	assert_true(exists(jp));
	/* unchanged text is never rewritten */
	assert_int_equal(journal_update(j, "Hello world", 11, t + 100), 0);
	/* JOURNAL_BYTES typed at once: written without waiting */
	char big[JOURNAL_BYTES + 20];
	memset(big, 'x', sizeof big);
	memcpy(big, "Hello world", 11);
	assert_int_equal(journal_update(j, big, sizeof big, t + JOURNAL_SECONDS), 1);
	/* our own journal is never offered to ourselves */
	struct journal_entry e;
	char err[256] = "";
	assert_int_equal(journal_recover(personal, &e, err, sizeof err), 0);
	/* saved (or cancelled): the journal is gone */
	journal_end(j);
	assert_false(exists(jp));
	free(jp);
}

/* Another reader (a child process) writes a journal of `text`, then either
 * dies at once (crash) or stays alive until told (fd to write to). */
static pid_t other_reader(const char *on, const char *note, const char *text, size_t len, bool stay,
			  int *tell)
{
	int go[2], ready[2];
	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(ready), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(go[1]);
		close(ready[0]);
		struct journal *j = journal_begin(personal, on, note);
		int rc = journal_flush(j, text, len, 5);
		char c = rc == 0 ? 'y' : 'n';
		if (write(ready[1], &c, 1) != 1)
			_exit(3);
		if (stay && read(go[0], &c, 1) < 0)
			_exit(3);
		_exit(rc == 0 ? 0 : 1); /* the journal stays: a crash */
	}
	close(go[0]);
	close(ready[1]);
	char c = 0;
	assert_int_equal(read(ready[0], &c, 1), 1);
	assert_int_equal(c, 'y');
	close(ready[0]);
	if (stay)
		*tell = go[1];
	else
		close(go[1]);
	return pid;
}

static void reap(pid_t pid)
{
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void test_any_bytes_round_trip(void **state)
{
	(void)state;
	/* text that looks like the journal's own structure, NULs, no final newline */
	static const char text[] = "line one\nend\ntext 5\n\0after NUL\nnote 3\nabc";
	size_t len = sizeof text - 1;
	reap(other_reader("link with\nnewline", "n-7", text, len, false, NULL));
	struct journal_entry e;
	char err[256] = "";
	assert_int_equal(journal_recover(personal, &e, err, sizeof err), 1);
	assert_string_equal(e.on, "link with\nnewline");
	assert_string_equal(e.note, "n-7");
	assert_int_equal(e.len, len);
	assert_memory_equal(e.text, text, len);
	assert_int_equal(journal_entry_discard(&e), 0);
	assert_false(exists(e.path));
	journal_entry_free(&e);
	assert_int_equal(journal_recover(personal, &e, err, sizeof err), 0);
}

/* A live reader's journal is never offered; once it has died it is, to one
 * reader at a time; "later" (freeing the entry) keeps the file for the
 * next start. */
static void test_ownership_and_later(void **state)
{
	(void)state;
	int tell;
	pid_t pid = other_reader("c-1", NULL, "typing", 6, true, &tell);
	struct journal_entry e;
	char err[256] = "";
	assert_int_equal(journal_recover(personal, &e, err, sizeof err), 0);
	close(tell); /* B ends (as a crash: its journal stays) */
	reap(pid);
	assert_int_equal(journal_recover(personal, &e, err, sizeof err), 1);
	assert_string_equal(e.text, "typing");
	/* while we offer it, another reader does not see it */
	pid_t c = fork();
	assert_true(c >= 0);
	if (c == 0) {
		struct journal_entry x;
		_exit(journal_recover(personal, &x, NULL, 0) == 0 ? 0 : 1);
	}
	reap(c);
	/* our own new journal does not replace it */
	struct journal *j = journal_begin(personal, "c-2", NULL);
	assert_int_equal(journal_flush(j, "next note", 9, 7), 0);
	char *kept = xstrdup(e.path);
	journal_entry_free(&e); /* "later" */
	assert_true(exists(kept));
	journal_end(j);
	assert_true(exists(kept));
	assert_int_equal(journal_recover(personal, &e, err, sizeof err), 1);
	assert_string_equal(e.path, kept);
	assert_string_equal(e.text, "typing");
	journal_entry_discard(&e);
	journal_entry_free(&e);
	free(kept);
}

static void test_damaged(void **state)
{
	(void)state;
	char jp[400];
	snprintf(jp, sizeof jp, "%s/notes.journal-zzzzzz", dir);
	static const char *bad[] = {
	    "",
	    "crossread-journal 1\non 3\nabc\n",				      /* cut short */
	    "crossread-journal 1\non 3\nabc\nwhen 1\nx\ntext 99\nabc\nend\n", /* length lies */
	    "crossread-journal 1\non 3\nabc\nwhen 1\nx\ntext 3\nabc\n",	      /* no end */
	    "something else\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		/* each in a process of its own: a reader offers a journal once */
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			FILE *f = fopen(jp, "w");
			if (!f)
				_exit(2);
			fputs(bad[i], f);
			fclose(f);
			struct journal_entry e;
			char err[256] = "";
			int rc = journal_recover(personal, &e, err, sizeof err);
			/* a damaged journal is left for the reader to inspect */
			_exit(rc == -1 && strstr(err, "journal") && !e.text && exists(jp) ? 0 : 1);
		}
		reap(pid);
	}
	unlink(jp);
}

static void test_write_failure_reported(void **state)
{
	(void)state;
	/* the personal file's directory is a regular file: nothing can be created
	 * there, even as root */
	char fake[400];
	snprintf(fake, sizeof fake, "%s/file", dir);
	FILE *f = fopen(fake, "w");
	assert_non_null(f);
	fclose(f);
	char p[450];
	snprintf(p, sizeof p, "%s/notes.yaml", fake);
	struct journal *j = journal_begin(p, "c", NULL);
	assert_int_equal(journal_flush(j, "text", 4, 1), -1);
	assert_non_null(strstr(j->err, "Not a directory"));
	journal_end(j);
	unlink(fake);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_path),
	    cmocka_unit_test_setup_teardown(test_nothing_to_recover, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_thresholds, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_any_bytes_round_trip, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_ownership_and_later, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_damaged, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_write_failure_reported, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
