/* config: the reader's config file (tig/newsboat style): `bind MODE KEY
 * ACTION`, `unbind MODE KEY`, `color ROLE FG BG [ATTR...]`, `set OPTION
 * VALUE`, `#` comments. A line in error is reported as FILE:LINE:COL:
 * error: ... and skipped; the rest still applies over the defaults. */
#ifndef CROSSREAD_CONFIG_H
#define CROSSREAD_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "crossread/base/diag.h"
#include "crossread/reader/actions.h"
#include "crossread/reader/look.h"

struct config {
	struct keymap keys;
	struct style styles[R_COUNT];
	bool mouse;	  /* set mouse on|off */
	bool color;	  /* set color on|off (off: attributes only, as NO_COLOR) */
	bool scroll_lock; /* set scroll-lock on|off: the reader starts with it on (issue 15) */
	int clipboard;	  /* set clipboard auto|osc52|off (enum clip_mode, clipboard.h) */
	int panes;	  /* set panes 2|3|auto: an enum reader_panes (auto: 0, the default) */
	char *notes;	  /* set notes PATH: the personal file when --notes is not given ("": the
			     default) */
};

/* the built-in defaults */
void config_defaults(struct config *c);
void config_free(struct config *c);
/* Apply the text of a config file named path (for messages). Each problem
 * goes to d as PATH:LINE:COL: error: ...; returns how many there were. */
size_t config_parse(struct config *c, const char *path, const char *text, size_t len,
		    struct diag_list *d);
/* Read and apply the file; a file that cannot be read is one problem
 * (missing_ok: a missing file is none). */
size_t config_load(struct config *c, const char *path, bool missing_ok, struct diag_list *d);
/* The file to read when --config is not given: $CROSSREAD_CONFIG, else
 * $XDG_CONFIG_HOME/crossread/config, else ~/.config/crossread/config.
 * malloc'd, or NULL when there is no home. *explicit is set when
 * CROSSREAD_CONFIG named it (then it must exist). */
char *config_default_path(bool *explicit_path);
/* the whole configuration as a config file that loads back to it */
void config_print(const struct config *c, FILE *out);

#endif
