/* ui_bench: the reader without a terminal, for `make bench`. A curses screen
 * on /dev/null holds the real struct ui; drawing is the real ui_draw and keys
 * go through the same action dispatch as ui_run, so what the bench times is
 * what a key costs the reader (minus the terminal's own time). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui_priv.h"
#include "crossread/base/util.h"

struct ui_bench {
	struct ui u;
	SCREEN *scr;
	FILE *out, *in;
};

struct ui_bench *ui_bench_open(struct session *s, int rows, int cols)
{
	struct ui_bench *b = xcalloc(1, sizeof *b);
	/* one descriptor of /dev/null serves as both ends of the terminal */
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	int fd2 = fd >= 0 ? dup(fd) : -1;
	b->out = fd >= 0 ? fdopen(fd, "w") : NULL;
	b->in = fd2 >= 0 ? fdopen(fd2, "r") : NULL;
	if (!b->out || !b->in) {
		perror("/dev/null");
		exit(2);
	}
	b->scr = newterm("xterm-256color", b->out, b->in);
	if (!b->scr)
		b->scr = newterm("vt100", b->out, b->in);
	if (!b->scr) {
		fprintf(stderr, "ui_bench: no terminfo entry for xterm-256color or vt100\n");
		exit(2);
	}
	set_term(b->scr);
	resize_term(rows, cols);
	/* exactly what the reader sets up, without the mouse */
	struct ui_opts o = {.no_mouse = true};
	ui_setup(&b->u, s, &o);
	return b;
}

void ui_bench_draw(struct ui_bench *b)
{
	ui_frame(&b->u);
}

void ui_bench_action(struct ui_bench *b, int act)
{
	b->u.rd.msg[0] = '\0';
	ui_do_action(&b->u, (enum action)act);
}

void ui_bench_pattern(struct ui_bench *b, const char *pat)
{
	reader_set_pattern(&b->u.rd, pat);
}

size_t ui_bench_top(const struct ui_bench *b)
{
	const struct pane *pn = &b->u.rd.pane[b->u.rd.focus];
	return layout_offset_of(pn->lay, pn->top);
}

void ui_bench_close(struct ui_bench *b)
{
	reader_free(&b->u.rd);
	keymap_free(&b->u.keys);
	endwin();
	delscreen(b->scr);
	fclose(b->out);
	fclose(b->in);
	free(b);
}
