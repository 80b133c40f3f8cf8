/* savestress: saves successive states of a personal annotation file for the
 * crash test (tests/e2e/store_crash.sh), and checks what a crash left.
 *   savestress run FILE [MAX]  load FILE, then save states k+1, k+2, ... (k =
 *                              the state found in FILE, 0 if none) up to MAX;
 *                              prints nothing, exits 1 if a save fails
 *   savestress check FILE      FILE must load with the real loader and equal,
 *                              byte for byte, the state it says it is; prints
 *                              that state number; exit 1 otherwise
 * State k: one article, one claim and 1 + k % 7 notes whose texts name k
 * and vary in length, so a torn or mixed file cannot pass for a state. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/annot/annot.h"
#include "crossread/annot/annot_write.h"
#include "crossread/persist/store.h"
#include "crossread/base/util.h"

static struct annot *state(long k)
{
	struct annot *an = annot_new();
	GROW(an->articles, an->articles_cap, 1);
	memset(&an->articles[0], 0, sizeof an->articles[0]);
	an->articles[0].id = xstrdup("a");
	an->articles[0].path = xstrdup("a.md");
	an->articles[0].fullpath = xstrdup("a.md");
	an->narticles = 1;
	GROW(an->claims, an->claims_cap, 1);
	struct claim *c = &an->claims[0];
	memset(c, 0, sizeof *c);
	c->id = xstrdup("c");
	c->article = xstrdup("a");
	c->quote = xstrdup("the quoted claim");
	c->at = -1;
	c->layer = LAYER_PERSONAL;
	an->nclaims = 1;
	size_t n = 1 + (size_t)(k % 7);
	GROW(an->notes, an->notes_cap, n);
	for (size_t i = 0; i < n; i++) {
		struct note *nt = &an->notes[i];
		memset(nt, 0, sizeof *nt);
		struct buf b = {0};
		buf_printf(&b, "s%zu", i);
		nt->id = buf_detach(&b);
		nt->on = xstrdup("c");
		nt->created = xstrdup("2026-01-01T00:00:00Z");
		buf_printf(&b, "state %ld note %zu\n", k, i);
		for (long x = 0; x < (k * 37 + (long)i * 11) % 300; x++)
			buf_addc(&b, (char)('a' + (k + x) % 26));
		buf_addc(&b, '\n');
		nt->text = buf_detach(&b);
		nt->layer = LAYER_PERSONAL;
	}
	an->nnotes = n;
	annot_resolve_links(an);
	return an;
}

/* the state number a loaded file claims to be, -1 if none */
static long state_of(const struct annot *an)
{
	size_t i = annot_find_note(an, "s0");
	if (i == ANNOT_NONE)
		return -1;
	long k;
	if (sscanf(an->notes[i].text, "state %ld note", &k) != 1)
		return -1;
	return k;
}

static int check(const char *path)
{
	struct annot *an = NULL;
	struct diag_list d = {0};
	int rc = annot_load(&an, path, LAYER_PERSONAL, &d);
	if (rc != 0) {
		diag_print(&d, stderr);
		diag_free(&d);
		annot_free(an);
		fprintf(stderr, "savestress: %s does not load (%d)\n", path, rc);
		return 1;
	}
	diag_free(&d);
	long k = state_of(an);
	annot_free(an);
	if (k < 0) {
		fprintf(stderr, "savestress: %s names no state\n", path);
		return 1;
	}
	char *data;
	size_t len;
	if (read_file(path, ANNOT_MAX_FILE, &data, &len) < 0) {
		perror(path);
		return 1;
	}
	struct annot *want = state(k);
	struct buf b = {0};
	int ok = annot_write_layer(want, LAYER_PERSONAL, &b) == 0 && b.len == len &&
		 memcmp(b.s, data, len) == 0;
	buf_free(&b);
	annot_free(want);
	free(data);
	if (!ok) {
		fprintf(stderr, "savestress: %s is not exactly state %ld\n", path, k);
		return 1;
	}
	printf("%ld\n", k);
	return 0;
}

static int run(const char *path, long max)
{
	struct annot *an = NULL;
	struct diag_list d = {0};
	int rc;
	struct store *s = store_open(path, &an, &d, &rc);
	if (rc != 0) {
		diag_print(&d, stderr);
		fprintf(stderr, "savestress: %s\n", store_message(s));
		return 1;
	}
	diag_free(&d);
	long k = an->nnotes ? state_of(an) : 0;
	annot_free(an);
	if (k < 0) {
		fprintf(stderr, "savestress: %s names no state\n", path);
		store_free(s);
		return 1;
	}
	int status = 0;
	for (k++; k <= max; k++) {
		struct annot *st = state(k);
		store_touch(s);
		enum store_result r = store_save(s, st, &d);
		annot_free(st);
		if (r != STORE_SAVED) {
			fprintf(stderr, "savestress: state %ld: %s\n", k, store_message(s));
			status = 1;
			break;
		}
	}
	diag_free(&d);
	store_free(s);
	return status;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "run") == 0)
		return run(argv[2], argc >= 4 ? atol(argv[3]) : 100000000L);
	if (argc == 3 && strcmp(argv[1], "check") == 0)
		return check(argv[2]);
	fprintf(stderr, "usage: savestress run FILE [MAX] | check FILE\n");
	return 2;
}
