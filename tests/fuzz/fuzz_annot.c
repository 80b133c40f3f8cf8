/* libFuzzer harness: the annotation loader on arbitrary bytes, as a
 * curated file and then as a personal layer over it (loaded on top, and
 * alone over it with annot_load_over: the same verdict). */
#include <stddef.h>
#include <stdint.h>

#include "crossread/annot/annot.h"
#include "crossread/base/diag.h"
#include "crossread/base/util.h"
#include "crossread/annot/yamltree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct annot *an = NULL;
	struct diag_list d = {0};
	int r = annot_load_mem(&an, "fuzz.yaml", (const char *)data, size, LAYER_CURATED, &d);
	if (r != 2 && !an)
		__builtin_trap();
	if (an) {
		/* alone over the curated layer (a save's merge), then on top:
		 * the same verdict, and only the file's own entries alone */
		size_t arts = an->narticles, claims = an->nclaims;
		struct annot *alone = NULL;
		struct diag_list ad = {0};
		int ra = annot_load_over(&alone, an, arts, "p.yaml", (const char *)data, size, &ad);
		int rl =
		    annot_load_mem(&an, "p.yaml", (const char *)data, size, LAYER_PERSONAL, &d);
		if (ra != rl || (ra == 2) != !alone ||
		    (alone && alone->nclaims != an->nclaims - claims))
			__builtin_trap();
		annot_free(alone);
		diag_free(&ad);
		annot_resolve_links(an);
		for (size_t i = 0; i < an->nlinks; i++)
			if (an->links[i].from_i != ANNOT_NONE && an->links[i].from_i >= an->nclaims)
				__builtin_trap();
	}
	/* every parsed tree emits and reads back equal */
	struct ynode *t = ynode_parse("fuzz.yaml", (const char *)data, size, &d);
	if (t) {
		struct buf out = {0};
		if (ynode_emit(t, &out) == 0) {
			struct ynode *back = ynode_parse("emitted", out.s, out.len, &d);
			if (back && !ynode_equal(t, back))
				__builtin_trap();
			ynode_free(back);
		}
		buf_free(&out);
		ynode_free(t);
	}
	annot_free(an);
	diag_free(&d);
	return 0;
}
