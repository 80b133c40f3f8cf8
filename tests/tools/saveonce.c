/* saveonce: load a personal annotation file, add one note, save once
 * through store_save (for tests/e2e/store_faults.sh).
 *   saveonce FILE ON TEXT [CMD]
 * ON is the claim or link the note goes on; CMD, if given, is run by the
 * shell between loading and saving (another process changing the file).
 * Nothing is printed before the save (fault injection counts syscalls);
 * then the store's status line goes to stdout. Exit 0 if saved or merged,
 * 1 otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/annot/annot.h"
#include "crossread/persist/store.h"

int main(int argc, char **argv)
{
	if (argc < 4 || argc > 5) {
		fprintf(stderr, "usage: saveonce FILE ON TEXT [CMD]\n");
		return 2;
	}
	struct annot *an = NULL;
	struct diag_list d = {0};
	int rc;
	struct store *s = store_open(argv[1], &an, &d, &rc);
	store_add_note(s, an, argv[2], argv[3]);
	if (argc == 5 && system(argv[4]) != 0) {
		fprintf(stderr, "saveonce: the command between load and save failed\n");
		return 2;
	}
	enum store_result r = store_save(s, an, &d);
	printf("%s: %s\n", store_result_name(r), store_message(s));
	fflush(stdout);
	int status = r == STORE_SAVED || r == STORE_MERGED ? 0 : 1;
	diag_free(&d);
	store_free(s);
	annot_free(an);
	return status;
}
