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
	char *p = journal_path("a/b/notes.yaml");
	assert_string_equal(p, "a/b/notes.journal");
	free(p);
	p = journal_path("x.yml");
	assert_string_equal(p, "x.journal");
	free(p);
	p = journal_path("plain");
	assert_string_equal(p, "plain.journal");
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

	struct journal_entry e;
	char err[256] = "";
	assert_int_equal(journal_recover(personal, &e, err, sizeof err), 1);
	assert_string_equal(e.on, "claim-1");
	assert_null(e.note);
	assert_int_equal(e.len, sizeof big);
	assert_memory_equal(e.text, big, sizeof big);
	assert_non_null(e.when);
	journal_entry_free(&e);

	/* saved (or cancelled): the journal is gone */
	journal_end(j);
	assert_false(exists(jp));
	assert_int_equal(journal_recover(personal, &e, err, sizeof err), 0);
	free(jp);
}

static void test_any_bytes_round_trip(void **state)
{
	(void)state;
	/* text that looks like the journal's own structure, NULs, no final newline */
	static const char text[] = "line one\nend\ntext 5\n\0after NUL\nnote 3\nabc";
	size_t len = sizeof text - 1;
	struct journal *j = journal_begin(personal, "link with\nnewline", "note-7");
	assert_int_equal(journal_flush(j, text, len, 5), 0);
	struct journal_entry e;
	char err[256] = "";
	assert_int_equal(journal_recover(personal, &e, err, sizeof err), 1);
	assert_string_equal(e.on, "link with\nnewline");
	assert_string_equal(e.note, "note-7");
	assert_int_equal(e.len, len);
	assert_memory_equal(e.text, text, len);
	journal_entry_free(&e);
	/* a new version replaces the old one completely */
	assert_int_equal(journal_flush(j, "short", 5, 6), 0);
	assert_int_equal(journal_recover(personal, &e, err, sizeof err), 1);
	assert_int_equal(e.len, 5);
	assert_string_equal(e.text, "short");
	journal_entry_free(&e);
	journal_end(j);
}

static void test_damaged(void **state)
{
	(void)state;
	char *jp = journal_path(personal);
	static const char *bad[] = {
	    "",
	    "crossread-journal 1\non 3\nabc\n",				      /* cut short */
	    "crossread-journal 1\non 3\nabc\nwhen 1\nx\ntext 99\nabc\nend\n", /* length lies */
	    "crossread-journal 1\non 3\nabc\nwhen 1\nx\ntext 3\nabc\n",	      /* no end */
	    "something else\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		FILE *f = fopen(jp, "w");
		assert_non_null(f);
		fputs(bad[i], f);
		fclose(f);
		struct journal_entry e;
		char err[256] = "";
		assert_int_equal(journal_recover(personal, &e, err, sizeof err), -1);
		assert_non_null(strstr(err, "journal"));
		assert_null(e.text);
		/* a damaged journal is left for the reader to inspect */
		assert_true(exists(jp));
	}
	assert_int_equal(journal_remove(personal), 0);
	assert_false(exists(jp));
	free(jp);
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
	    cmocka_unit_test_setup_teardown(test_damaged, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_write_failure_reported, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
