/* libFuzzer harness for the config file parser: any bytes as a config file,
 * applied over the defaults. Every problem must name a line and column
 * inside the input, every binding must name a real action and mode, every
 * colour must be one a terminal has, and the configuration printed back
 * must load (onto no bindings) without a problem and print the same again. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/reader/config.h"

static char *printed(const struct config *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	if (!out)
		__builtin_trap();
	config_print(c, out);
	fclose(out);
	return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c;
	config_defaults(&c);
	struct diag_list d = {0};
	size_t lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	size_t n = config_parse(&c, "fuzz", (const char *)data, size, &d);
	if (n != d.n)
		__builtin_trap();
	for (size_t i = 0; i < d.n; i++)
		if (d.items[i].line < 1 || (size_t)d.items[i].line > lines || d.items[i].col < 1 ||
		    (size_t)d.items[i].col > size + 1)
			__builtin_trap();
	for (size_t i = 0; i < c.keys.n; i++)
		if (c.keys.b[i].mode < 0 || c.keys.b[i].mode >= MODE_COUNT ||
		    !actions_def(c.keys.b[i].act))
			__builtin_trap();
	for (int r = 0; r < R_COUNT; r++)
		if (c.styles[r].fg < -1 || c.styles[r].fg > 255 || c.styles[r].bg < -1 ||
		    c.styles[r].bg > 255)
			__builtin_trap();
	char *text = printed(&c);
	/* onto no bindings: the printed file lists every binding there is, but
	 * cannot say which defaults an unbind took away */
	struct config back;
	config_defaults(&back);
	back.keys.n = 0;
	struct diag_list d2 = {0};
	if (config_parse(&back, "printed", text, strlen(text), &d2) != 0)
		__builtin_trap();
	char *again = printed(&back);
	if (strcmp(text, again) != 0)
		__builtin_trap();
	free(again);
	free(text);
	config_free(&back);
	config_free(&c);
	diag_free(&d);
	diag_free(&d2);
	return 0;
}
