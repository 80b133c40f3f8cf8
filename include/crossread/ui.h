/* ui: the ncurses reader. The only layer that talks to the terminal; it
 * draws what session/layout compute and turns keys into actions through one
 * action table (ui_keys.c) that also generates the help screen and the key
 * list printed by `crossread --keys`. */
#ifndef CROSSREAD_UI_H
#define CROSSREAD_UI_H

#include <stdbool.h>
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

#endif
