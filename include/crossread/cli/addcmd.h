/* addcmd: `crossread add URL [--to STORY.yaml]`: a web page fetched,
 * extracted and kept as a local Markdown article (front matter: title,
 * outlet, date, author, url, fetched), listed in the story file when one is
 * named. Also what the reader uses for `crossread URL URL`. */
#ifndef CROSSREAD_ADDCMD_H
#define CROSSREAD_ADDCMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* argv[0] is "add". Exit status: 0 added, 2 any failure (one line on
 * stderr: `crossread: URL: reason`). */
int addcmd_run(int argc, char **argv, FILE *out);

/* Fetch url, extract it and save it as DIR/SLUG.md (a new name unless
 * overwrite). *path: the file written (caller frees). Returns 0, or -1
 * with a one-line reason in err. */
int addcmd_save(const char *url, const char *dir, bool overwrite, char **path, char *err,
		size_t errlen);

#endif
