/* libFuzzer harness: the annotation loader on arbitrary bytes, as a
 * curated file and then as a personal layer over it. */
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
		annot_load_mem(&an, "p.yaml", (const char *)data, size, LAYER_PERSONAL, &d);
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
