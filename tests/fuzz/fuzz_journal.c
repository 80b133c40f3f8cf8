/* libFuzzer harness for the journal reader (journal_recover): the input is
 * the content of a journal another reader left beside the notes file. It
 * must come back as an entry whose text length is what the file says, or
 * be refused as damaged (-1), never crash or read past the bytes; either
 * way the file stays. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crossread/persist/journal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char dir[64], notes[96], jp[128];
	if (!dir[0]) {
		snprintf(dir, sizeof dir, "/tmp/fuzz_journal.XXXXXX");
		if (!mkdtemp(dir))
			abort();
		snprintf(notes, sizeof notes, "%s/n.yaml", dir);
		snprintf(jp, sizeof jp, "%s/n.journal-zzzzzz", dir);
	}
	FILE *f = fopen(jp, "wb");
	if (!f)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	struct journal_entry e;
	char err[256];
	int rc = journal_recover(notes, &e, err, sizeof err);
	if (rc == 1 && (!e.text || e.len > size || memchr(e.text, 0, e.len + 1) == NULL))
		abort();
	if (rc == 0 || access(jp, F_OK) != 0)
		abort(); /* the journal was there, and stays */
	journal_entry_free(&e);
	unlink(jp);
	return 0;
}
