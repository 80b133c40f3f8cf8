/* ui: the ncurses reader. The only layer that talks to the terminal; it
 * draws what session/layout compute and turns keys into actions through one
 * action table (ui_keys.c) that also generates the help screen and the key
 * list printed by `crossread --keys`. */
#ifndef CROSSREAD_UI_H
#define CROSSREAD_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct session;

struct ui_opts {
	bool no_color; /* NO_COLOR or --no-color */
	bool no_mouse;
};

/* Run the reader until the user quits. Returns the exit status. */
int ui_run(struct session *s, const struct ui_opts *o);
/* Print the key table (for --keys, the README and the man page). */
void ui_print_keys(FILE *out);

/* The reader without a terminal, for `make bench` (ui_bench.c): the real
 * struct ui drawn by the real ui_draw into a curses screen on /dev/null, so
 * the bench times exactly what a key costs. act is an enum action
 * (crossread/ui_keys.h). */
struct ui_bench;
struct ui_bench *ui_bench_open(struct session *s, int rows, int cols);
void ui_bench_draw(struct ui_bench *b);
void ui_bench_action(struct ui_bench *b, int act);
void ui_bench_pattern(struct ui_bench *b, const char *pat);
/* byte offset of the focused pane's first row */
size_t ui_bench_top(const struct ui_bench *b);
void ui_bench_close(struct ui_bench *b);

#endif
