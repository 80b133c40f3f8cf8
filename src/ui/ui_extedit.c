/* ui_extedit: editing a note in the reader's own editor (`A`). The text goes
 * to a private temporary file, the editor named by $VISUAL or $EDITOR runs on
 * it with the terminal handed over, and the file is read back. The command
 * is split on spaces and started with execvp: never through a shell, so
 * nothing in the variable (or in the file name) is interpreted. A failed
 * editor never costs the text: if the file holds something new it is left
 * where it is and the message says so. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ui_priv.h"
#include "crossread/reader/editbuf.h"
#include "crossread/base/util.h"

#define MAX_ARGS 32
/* more than a note can hold, so that a too-long note is cut, not refused */
#define MAX_FILE ((size_t)4 << 20)

static const char *editor_command(void)
{
	const char *e = getenv("VISUAL");
	if (!e || !*e)
		e = getenv("EDITOR");
	return e && *e ? e : "vi";
}

/* Split cmd on spaces into argv (words point into cmd, modified); the file
 * is the last argument. Returns the number of words, 0 if none. */
static int split(char *cmd, char **argv, const char *file)
{
	int n = 0;
	for (char *s = cmd; *s && n < MAX_ARGS;) {
		while (*s == ' ')
			*s++ = '\0';
		if (!*s)
			break;
		argv[n++] = s;
		while (*s && *s != ' ')
			s++;
	}
	if (!n)
		return 0;
	argv[n] = (char *)file;
	argv[n + 1] = NULL;
	return n;
}

static int write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Run the editor and wait for it. Returns its wait status, or -1 (errno).
 * The child writes nothing to the terminal: the command comes from the
 * environment and may hold escape sequences. If execvp fails, the child
 * sends its errno through a close-on-exec pipe and the parent reports it
 * (in *exec_errno, else 0) on the status line, which is sanitised. */
static int run_editor(char **argv, int *exec_errno)
{
	struct sigaction ign, old_int, old_quit;
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	*exec_errno = 0;
	int fds[2];
	if (pipe(fds) < 0)
		return -1;
	if (fcntl(fds[0], F_SETFD, FD_CLOEXEC) < 0 || fcntl(fds[1], F_SETFD, FD_CLOEXEC) < 0) {
		int e = errno;
		close(fds[0]);
		close(fds[1]);
		errno = e;
		return -1;
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		int e = errno;
		close(fds[0]);
		close(fds[1]);
		errno = e;
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		/* what ui_run ignores must not stay ignored in the editor */
		signal(SIGPIPE, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execvp(argv[0], argv);
		int e = errno;
		ssize_t w = write(fds[1], &e, sizeof e);
		(void)w; /* nothing more to do about it: the status says 127 */
		_exit(127);
	}
	close(fds[1]);
	/* Ctrl-C in the editor is the editor's business, not a reason to quit */
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	/* end of file once execvp succeeded (or the child died), an errno if
	 * it failed */
	int e = 0;
	ssize_t r;
	while ((r = read(fds[0], &e, sizeof e)) < 0 && errno == EINTR)
		;
	close(fds[0]);
	if (r == (ssize_t)sizeof e)
		*exec_errno = e;
	int status = 0, rc;
	while ((rc = (int)waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	e = errno;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	errno = e;
	return rc < 0 ? -1 : status;
}

static void restore_screen(struct ui *u)
{
	reset_prog_mode();
	clearok(curscr, TRUE); /* the editor drew over everything */
	refresh();
	ui_mouse_drag_mode(u, true); /* curses asked for clicks only again */
	ui_geometry(u);
	ui_draw(u);
}

char *ui_edit_external(struct ui *u, const char *initial)
{
	const char *tmpdir = getenv("TMPDIR");
	struct buf path = {0};
	buf_printf(&path, "%s/crossread-note.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	int fd = mkstemp(path.s);
	if (fd < 0) {
		reader_message(&u->rd, R_ERROR, "cannot create a temporary file for the editor: %s",
			       strerror(errno));
		buf_free(&path);
		return NULL;
	}
	size_t ilen = initial ? strlen(initial) : 0;
	if (write_all(fd, initial ? initial : "", ilen) < 0 || close(fd) < 0) {
		int e = errno;
		unlink(path.s);
		reader_message(&u->rd, R_ERROR, "cannot write %s: %s", path.s, strerror(e));
		buf_free(&path);
		return NULL;
	}

	const char *ed = editor_command();
	char *cmd = xstrdup(ed);
	char *argv[MAX_ARGS + 2];
	if (!split(cmd, argv, path.s)) {
		unlink(path.s);
		reader_message(&u->rd, R_ERROR, "$VISUAL/$EDITOR names no command");
		free(cmd);
		buf_free(&path);
		return NULL;
	}
	def_prog_mode();
	endwin();
	int exec_errno;
	int status = run_editor(argv, &exec_errno);
	int run_errno = errno;
	restore_screen(u);

	char *data = NULL, *result = NULL;
	size_t len = 0;
	int rd = read_file(path.s, MAX_FILE, &data, &len);
	int rd_errno = errno;
	bool ok = status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
	bool fresh = rd == 0 && (len != ilen || (len && memcmp(data, initial, len) != 0));

	/* messages name the editor by its first word (the status line
	 * sanitises what it draws) */
	if (!ok) {
		char why[128];
		if (status < 0)
			snprintf(why, sizeof why, "cannot start it: %s", strerror(run_errno));
		else if (exec_errno)
			snprintf(why, sizeof why, "cannot run it: %s", strerror(exec_errno));
		else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			snprintf(why, sizeof why, "not found or not runnable");
		else if (WIFEXITED(status))
			snprintf(why, sizeof why, "exit status %d", WEXITSTATUS(status));
		else if (WIFSIGNALED(status))
			snprintf(why, sizeof why, "killed by signal %d", WTERMSIG(status));
		else
			snprintf(why, sizeof why, "status %d", status);
		if (fresh) /* the text typed is still there: leave it to the reader */
			reader_message(&u->rd, R_ERROR,
				       "editor %s failed (%s); your text is kept in %s", argv[0],
				       why, path.s);
		else {
			unlink(path.s);
			reader_message(&u->rd, R_ERROR, "editor %s failed (%s); note not changed",
				       argv[0], why);
		}
	} else if (rd < 0) {
		reader_message(&u->rd, R_ERROR, "cannot read the note back from %s: %s", path.s,
			       strerror(rd_errno));
		if (rd_errno != EFBIG)
			unlink(path.s);
	} else {
		struct editbuf b;
		editbuf_init(&b, EDITBUF_MAX_DEFAULT);
		int rc = editbuf_set(&b, data, len);
		/* editors end files with a newline; a note does not need it */
		while (b.len && b.s[b.len - 1] == '\n')
			b.s[--b.len] = '\0';
		result = xstrndup(b.s, b.len);
		editbuf_free(&b);
		if (rc == EDITBUF_FULL) {
			reader_message(&u->rd, R_ERROR,
				       "the note was cut to %zu bytes; all of it is kept in %s",
				       (size_t)EDITBUF_MAX_DEFAULT, path.s);
		} else {
			if (rc == EDITBUF_REFUSED)
				reader_message(&u->rd, R_STATUS,
					       "control characters were left out of the note");
			unlink(path.s);
		}
	}
	free(data);
	free(cmd);
	buf_free(&path);
	return result;
}
