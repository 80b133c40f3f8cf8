/* libFuzzer harness: `crossread import` on arbitrary bytes (W3C and
 * Hypothesis JSON) into a small story written to a temporary directory
 * once: every claim it adds must be placed inside its article, every link
 * must name two claims, and the personal layer must write and load back. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crossread/annot/annot.h"
#include "crossread/annot/annot_write.h"
#include "crossread/base/diag.h"
#include "crossread/base/util.h"
#include "crossread/doc/article.h"
#include "crossread/reader/import.h"
#include "crossread/reader/session.h"

static struct session story;
static int ready;

static void put(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f)
		__builtin_trap();
	fputs(text, f);
	fclose(f);
}

static void setup(void)
{
	static char dir[] = "/tmp/crossread-fuzz-import.XXXXXX";
	if (!mkdtemp(dir))
		__builtin_trap();
	put(dir, "a.md",
	    "---\ntitle: \"A\"\nurl: \"https://example.org/a\"\n---\nThe company said 800 "
	    "people were evacuated. The mayor accused the company of ignoring warnings.\n");
	put(dir, "b.md", "---\ntitle: \"B\"\n---\nThe chief said 2,400 people were evacuated.\n");
	put(dir, "s.yaml",
	    "version: 1\narticles:\n  - {id: a, path: a.md}\n  - {id: b, path: b.md}\n"
	    "claims:\n  - {id: c1, article: a, kind: claim, quote: 800 people were evacuated}\n");
	char yaml[600], notes[600];
	snprintf(yaml, sizeof yaml, "%s/s.yaml", dir);
	snprintf(notes, sizeof notes, "%s/none.notes.yaml", dir);
	char err[512];
	if (session_open(&story, yaml, NULL, 0, notes, err, sizeof err) != 0)
		__builtin_trap();
	session_load_all(&story);
	ready = 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!ready)
		setup();
	struct import_stats st;
	struct buf orphans = {0};
	struct diag_list d = {0};
	int rc = import_json(&story, "fuzz.json", (const char *)data, size, &st, &orphans, &d);
	if (rc != 0 && rc != 2)
		__builtin_trap();
	const struct annot *an = story.an;
	for (size_t i = 0; i < an->nclaims; i++) {
		const struct claim *c = &an->claims[i];
		if (c->layer != LAYER_PERSONAL)
			continue;
		const struct article *art = NULL;
		for (size_t k = 0; k < story.narts; k++)
			if (story.annot_of[k] == c->art)
				art = story.arts[k];
		if (!art || c->how == ANCHOR_NONE || c->start >= c->end || c->end > art->len)
			__builtin_trap();
	}
	for (size_t i = 0; i < an->nlinks; i++)
		if (an->links[i].from_i == ANNOT_NONE || an->links[i].to_i == ANNOT_NONE)
			__builtin_trap();
	/* what was added writes and loads back without an error */
	struct buf out = {0};
	if (annot_write_layer(an, LAYER_PERSONAL, &out) != 0)
		__builtin_trap();
	struct annot *back = NULL;
	struct diag_list bd = {0};
	char *cur = NULL;
	size_t curlen = 0;
	if (read_file(story.annot_path, ANNOT_MAX_FILE, &cur, &curlen) != 0)
		__builtin_trap();
	annot_load_mem(&back, story.annot_path, cur, curlen, LAYER_CURATED, &bd);
	if (annot_load_mem(&back, story.notes_path, out.s, out.len, LAYER_PERSONAL, &bd) != 0)
		__builtin_trap();
	free(cur);
	annot_free(back);
	diag_free(&bd);
	buf_free(&out);
	buf_free(&orphans);
	diag_free(&d);
	annot_drop_layer(story.an, LAYER_PERSONAL);
	return 0;
}
