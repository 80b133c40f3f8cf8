/* test_fatal: a fatal error (out of memory, a size that overflows) runs the
 * hook the ui registers (which gives the terminal back) before the process
 * ends, once, and ends it with a message. Each case runs in a child. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "crossread/base/util.h"

static int hook_fd = -1;

static void hook(void)
{
	if (write(hook_fd, "restored\n", 9) != 9)
		_exit(3);
}

/* run fn in a child with the hook set; what the hook wrote and stderr */
static void run(void (*fn)(void), char *hooked, size_t cap, char *err, size_t ecap, int *status)
{
	int hp[2], ep[2];
	assert_int_equal(pipe(hp), 0);
	assert_int_equal(pipe(ep), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(hp[0]);
		close(ep[0]);
		hook_fd = hp[1];
		dup2(ep[1], 2);
		util_set_fatal_hook(hook);
		fn();
		_exit(0);
	}
	close(hp[1]);
	close(ep[1]);
	ssize_t n = read(hp[0], hooked, cap - 1);
	hooked[n > 0 ? n : 0] = '\0';
	size_t got = 0;
	while (got + 1 < ecap) {
		ssize_t k = read(ep[0], err + got, ecap - 1 - got);
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	err[got] = '\0';
	close(hp[0]);
	close(ep[0]);
	assert_int_equal(waitpid(pid, status, 0), pid);
}

static void overflow(void)
{
	void *p = xreallocarray(NULL, SIZE_MAX / 2, 4); /* never returns */
	free(p);
}

static void fine(void)
{
	free(xmalloc(16));
}

static void test_fatal_runs_hook(void **state)
{
	(void)state;
	char hooked[64], err[4096];
	int status;
	run(overflow, hooked, sizeof hooked, err, sizeof err, &status);
	assert_string_equal(hooked, "restored\n");
	assert_non_null(strstr(err, "crossread: out of memory"));
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
	/* no fatal error: no hook */
	run(fine, hooked, sizeof hooked, err, sizeof err, &status);
	assert_string_equal(hooked, "");
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_fatal_runs_hook)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
