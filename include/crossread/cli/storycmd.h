/* storycmd: `crossread story [--notes FILE] STORY.yaml`, the story overview
 * as text: the articles, each accusation with every answer in any article,
 * the groups of `same` claims with how many outlets carry them, and what
 * only one outlet reports. */
#ifndef CROSSREAD_STORYCMD_H
#define CROSSREAD_STORYCMD_H

#include <stdio.h>

/* argv[0] is "story". Returns the exit status: 0 ok, 1 the file has
 * problems (printed on stderr, the rest still shown), 2 unusable input or
 * usage. */
int storycmd_run(int argc, char **argv, FILE *out);

#endif
