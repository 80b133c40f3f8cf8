/* editkey: what a key does in the note editor, without curses. The popup
 * (ui_editor.c) maps curses' KEY_* codes to the EDITKEY_* values below and
 * passes characters as their code points; the fuzz harness drives the same
 * function, so the key handling tested is the key handling run. */
#ifndef CROSSREAD_EDITKEY_H
#define CROSSREAD_EDITKEY_H

#include <stdint.h>

#include "crossread/reader/editbuf.h"

/* Keys that are not characters. Characters are their code points
 * (0..0x10FFFF, controls included: Ctrl-A is 1); these are negative so that
 * the two cannot meet. */
enum editkey_code {
	EDITKEY_NONE = -1, /* a key the editor has no use for (function keys, mouse) */
	EDITKEY_LEFT = -2,
	EDITKEY_RIGHT = -3,
	EDITKEY_UP = -4,
	EDITKEY_DOWN = -5,
	EDITKEY_PAGE_UP = -6,
	EDITKEY_PAGE_DOWN = -7,
	EDITKEY_HOME = -8,
	EDITKEY_END = -9,
	EDITKEY_BACKSPACE = -10,
	EDITKEY_DELETE = -11,
	EDITKEY_ENTER = -12
};

/* What the caller has to do after editkey_apply. */
enum editkey_result {
	EDITKEY_EDITED,	 /* the key was an edit or a move (it may have changed nothing) */
	EDITKEY_FULL,	 /* typed, but the note is full: what did not fit was dropped */
	EDITKEY_SAVE,	 /* Ctrl-S, Ctrl-X: save the text */
	EDITKEY_CANCEL,	 /* Esc, Ctrl-C, Ctrl-G: cancel (asking if the text changed) */
	EDITKEY_IGNORED, /* EDITKEY_NONE, or a value that is neither key nor code point */
};

/* Apply key to b. width: the wrap width that up and down move by (as
 * editbuf_up); page: the rows shown, PgUp/PgDn move by page - 1 of them.
 * Arrows, Home/End, Backspace/Delete, Enter; Ctrl-A/Ctrl-E (start/end of
 * line), Ctrl-D (delete), Ctrl-H and DEL (backspace), CR and LF (new line)
 * as in a shell; any other character is typed (editbuf_insert_cp: controls
 * are refused). SAVE, CANCEL and IGNORED leave b as it was. */
enum editkey_result editkey_apply(struct editbuf *b, int32_t key, int width, int page);

#endif
