/* export_html: placeholder, written next */
#include "crossread/reader/export.h"

int export_html(const struct session *s, struct buf *out)
{
	(void)s;
	(void)out;
	return -1;
}
