/* editkey: the note editor's keys mapped to editbuf edits, without curses
 * (see editkey.h); the popup and the fuzz harness both call editkey_apply. */
#include "crossread/reader/editkey.h"

enum editkey_result editkey_apply(struct editbuf *b, int32_t key, int width, int page)
{
	int rc = EDITBUF_OK;
	switch (key) {
	case EDITKEY_LEFT:
		editbuf_left(b);
		break;
	case EDITKEY_RIGHT:
		editbuf_right(b);
		break;
	case EDITKEY_UP:
		editbuf_up(b, width);
		break;
	case EDITKEY_DOWN:
		editbuf_down(b, width);
		break;
	case EDITKEY_PAGE_UP:
		for (int i = 1; i < page; i++)
			editbuf_up(b, width);
		break;
	case EDITKEY_PAGE_DOWN:
		for (int i = 1; i < page; i++)
			editbuf_down(b, width);
		break;
	case EDITKEY_HOME:
	case 1: /* Ctrl-A, Ctrl-E: as in a shell */
		editbuf_home(b);
		break;
	case EDITKEY_END:
	case 5:
		editbuf_end(b);
		break;
	case EDITKEY_BACKSPACE:
	case 8:
	case 127:
		editbuf_backspace(b);
		break;
	case EDITKEY_DELETE:
	case 4: /* Ctrl-D */
		editbuf_delete(b);
		break;
	case EDITKEY_ENTER:
	case '\r':
	case '\n':
		rc = editbuf_newline(b);
		break;
	case 19: /* Ctrl-S, Ctrl-X */
	case 24:
		return EDITKEY_SAVE;
	case 27: /* Esc, Ctrl-C, Ctrl-G */
	case 3:
	case 7:
		return EDITKEY_CANCEL;
	default:
		if (key < 0 || key > 0x10FFFF)
			return EDITKEY_IGNORED;
		rc = editbuf_insert_cp(b, key);
		break;
	}
	return rc == EDITBUF_FULL ? EDITKEY_FULL : EDITKEY_EDITED;
}
