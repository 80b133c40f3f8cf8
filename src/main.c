/* main: the command line. Dispatches to the reader (ui_run), `check`,
 * `match` and `dump`, and reports unusable input before the screen is
 * touched: `crossread: PATH: reason`, exit status 2. */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/article.h"
#include "crossread/text.h"
#include "crossread/util.h"

static void print_err(const char *path, const char *reason)
{
	char *p = text_sanitize(path, strlen(path), false);
	char *r = text_sanitize(reason, strlen(reason), false);
	fprintf(stderr, "crossread: %s: %s\n", p, r);
	free(p);
	free(r);
}

static int cmd_dump(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: crossread dump ARTICLE\n");
		return 2;
	}
	struct article *a;
	const char *err;
	if (article_open(&a, argv[1], &err) < 0) {
		print_err(argv[1], err);
		return 2;
	}
	article_load_all(a);
	char *s = text_sanitize(a->text, a->len, true);
	fputs(s, stdout);
	fputc('\n', stdout);
	free(s);
	article_free(a);
	return 0;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	if (argc >= 2 && !strcmp(argv[1], "dump"))
		return cmd_dump(argc - 1, argv + 1);
	fprintf(stderr, "crossread: the reader is not built yet\n");
	return 2;
}
