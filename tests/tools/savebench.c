/* savebench: the cost of saving one note (issue 18): a curated file of N
 * claims and a personal file of M notes are made in DIR, then the store is
 * opened over the curated layer and one note added and saved; prints the
 * milliseconds of store_open and of the save (medians are the caller's).
 *   savebench DIR [N [M]]   (defaults 8000 claims: 10 000 break the node limit; 5000 notes) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crossread/annot/annot.h"
#include "crossread/base/util.h"
#include "crossread/persist/store.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: savebench DIR [CLAIMS [NOTES]]\n");
		return 2;
	}
	long nc = argc > 2 ? atol(argv[2]) : 8000, nn = argc > 3 ? atol(argv[3]) : 5000;
	char cur[512], per[512];
	snprintf(cur, sizeof cur, "%s/bench.yaml", argv[1]);
	snprintf(per, sizeof per, "%s/bench.notes.yaml", argv[1]);
	FILE *f = fopen(cur, "w");
	if (!f)
		return 2;
	fprintf(f, "version: 1\narticles:\n  - {id: a, path: a.md}\nclaims:\n");
	for (long i = 0; i < nc; i++)
		fprintf(f, "  - {id: k%ld, article: a, kind: claim, quote: \"quote number %ld\"}\n",
			i, i);
	fclose(f);
	f = fopen(per, "w");
	if (!f)
		return 2;
	fprintf(f, "version: 1\nnotes:\n");
	for (long i = 0; i < nn; i++)
		fprintf(f,
			"  - {id: n%ld, on: k%ld, created: '2026-01-01T00:00:00Z', text: \"note "
			"%ld\"}\n",
			i, i % nc, i);
	fclose(f);
	struct annot *an = NULL;
	struct diag_list d = {0};
	if (annot_load(&an, cur, LAYER_CURATED, &d) != 0) {
		diag_print(&d, stderr);
		return 2;
	}
	double t0 = now_ms();
	int rc;
	struct store *s = store_open(per, &an, &d, &rc);
	double t1 = now_ms();
	store_add_note(s, an, "k1", "one more note");
	enum store_result r = store_save(s, an, &d);
	double t2 = now_ms();
	printf("open %.1f ms, save %.1f ms (%s)\n", t1 - t0, t2 - t1, store_result_name(r));
	diag_free(&d);
	store_free(s);
	annot_free(an);
	return r == STORE_SAVED ? 0 : 1;
}
