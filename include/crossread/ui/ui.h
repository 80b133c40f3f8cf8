/* ui: the ncurses reader. The only layer that talks to the terminal; it
 * draws what the reader (src/reader) computes and hands it keys, which the
 * one action table (reader/actions.h) turns into actions. */
#ifndef CROSSREAD_UI_H
#define CROSSREAD_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct session;
struct config;

struct ui_opts {
	bool no_color; /* NO_COLOR or --no-color */
	bool no_mouse;
	const struct config *cfg; /* keys, colours, options; NULL: the defaults */
};

/* Run the reader until the user quits. Returns the exit status. */
int ui_run(struct session *s, const struct ui_opts *o);

/* The reader without a terminal, for `make bench` (ui_bench.c): the real
 * struct ui drawn by the real ui_draw into a curses screen on /dev/null, so
 * the bench times exactly what a key costs. act is an enum action
 * (crossread/reader/actions.h). */
struct ui_bench;
struct ui_bench *ui_bench_open(struct session *s, int rows, int cols);
void ui_bench_draw(struct ui_bench *b);
void ui_bench_action(struct ui_bench *b, int act);
void ui_bench_pattern(struct ui_bench *b, const char *pat);
/* byte offset of the focused pane's first row */
size_t ui_bench_top(const struct ui_bench *b);
void ui_bench_close(struct ui_bench *b);

#endif
