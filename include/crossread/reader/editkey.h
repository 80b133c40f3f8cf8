/* editkey: what a key does in the note editor and in a prompt, without
 * curses. The key is looked up in the keymap for MODE_EDITOR or MODE_PROMPT
 * (the table's EDIT_ACTIONS, changed by the config file); the action found is
 * applied to an editbuf, and a character bound to nothing is typed. The popup
 * (ui_editor.c), the prompts (ui.c) and the fuzz harness all call
 * editkey_apply, so the key handling tested is the key handling run. Keys are
 * the reader's (actions.h): the ui maps curses' codes to them. */
#ifndef CROSSREAD_EDITKEY_H
#define CROSSREAD_EDITKEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crossread/reader/actions.h"
#include "crossread/reader/editbuf.h"

/* What the caller has to do after editkey_apply. */
enum editkey_result {
	EDITKEY_EDITED,	 /* the key was an edit or a move (it may have changed nothing) */
	EDITKEY_FULL,	 /* typed, but the text is full: what did not fit was dropped */
	EDITKEY_SAVE,	 /* edit-save: save the note, take the prompt's answer */
	EDITKEY_CANCEL,	 /* edit-cancel: cancel (the editor asks if the text changed) */
	EDITKEY_IGNORED, /* a key bound to nothing that is not a character */
};

/* What an editing action needs besides the text: the wrap width that up
 * and down move by (as editbuf_up), the rows shown (PgUp/PgDn move by page
 * - 1 of them), and in a prompt the choices Tab completes from. */
struct editkey_ctx {
	int width, page;
	const char *const *choices;
	size_t nchoices;
	/* a prompt's answer is one line: no new line is started or typed */
	bool one_line;
	/* Tab cycling: the text typed before the first Tab (malloc'd; NULL when
	 * not cycling) and where the next choice is looked for. Any other key
	 * ends the cycling. */
	char *prefix;
	size_t cycle;
};
void editkey_ctx_free(struct editkey_ctx *c);

/* Apply the editing action act to b (ACT_NONE or a reader action:
 * EDITKEY_IGNORED). SAVE, CANCEL and IGNORED leave b as it was. */
enum editkey_result editkey_do(struct editbuf *b, enum action act, struct editkey_ctx *c);
/* Apply key, pressed in mode (MODE_EDITOR or MODE_PROMPT), to b: the
 * action km binds it to, else a character (a code point, 0..0x10FFFF) is
 * typed (editbuf_insert_cp: controls are refused), else IGNORED. */
enum editkey_result editkey_apply(struct editbuf *b, const struct keymap *km, int mode, int key,
				  struct editkey_ctx *c);

#endif
