/* editkey: the editing actions of the action table (EDIT_ACTIONS) applied to
 * an editbuf, and the key lookup for the note editor and the prompts
 * (see editkey.h); the popup, the prompts and the fuzz harness call
 * editkey_apply. */
#include "crossread/reader/editkey.h"

#include <stdlib.h>
#include <string.h>

#include "crossread/base/util.h"
#include "crossread/reader/edit.h"

typedef enum editkey_result (*edit_handler)(struct editbuf *, struct editkey_ctx *);

static enum editkey_result ed_left(struct editbuf *b, struct editkey_ctx *c)
{
	(void)c;
	editbuf_left(b);
	return EDITKEY_EDITED;
}

static enum editkey_result ed_right(struct editbuf *b, struct editkey_ctx *c)
{
	(void)c;
	editbuf_right(b);
	return EDITKEY_EDITED;
}

static enum editkey_result ed_up(struct editbuf *b, struct editkey_ctx *c)
{
	editbuf_up(b, c->width);
	return EDITKEY_EDITED;
}

static enum editkey_result ed_down(struct editbuf *b, struct editkey_ctx *c)
{
	editbuf_down(b, c->width);
	return EDITKEY_EDITED;
}

static enum editkey_result ed_page_up(struct editbuf *b, struct editkey_ctx *c)
{
	for (int i = 1; i < c->page; i++)
		editbuf_up(b, c->width);
	return EDITKEY_EDITED;
}

static enum editkey_result ed_page_down(struct editbuf *b, struct editkey_ctx *c)
{
	for (int i = 1; i < c->page; i++)
		editbuf_down(b, c->width);
	return EDITKEY_EDITED;
}

static enum editkey_result ed_home(struct editbuf *b, struct editkey_ctx *c)
{
	(void)c;
	editbuf_home(b);
	return EDITKEY_EDITED;
}

static enum editkey_result ed_end(struct editbuf *b, struct editkey_ctx *c)
{
	(void)c;
	editbuf_end(b);
	return EDITKEY_EDITED;
}

static enum editkey_result ed_backspace(struct editbuf *b, struct editkey_ctx *c)
{
	(void)c;
	editbuf_backspace(b);
	return EDITKEY_EDITED;
}

static enum editkey_result ed_delete(struct editbuf *b, struct editkey_ctx *c)
{
	(void)c;
	editbuf_delete(b);
	return EDITKEY_EDITED;
}

static enum editkey_result ed_kill(struct editbuf *b, struct editkey_ctx *c)
{
	(void)c;
	editbuf_kill_to_start(b);
	return EDITKEY_EDITED;
}

static enum editkey_result ed_newline(struct editbuf *b, struct editkey_ctx *c)
{
	if (c->one_line)
		return EDITKEY_IGNORED;
	return editbuf_newline(b) == EDITBUF_FULL ? EDITKEY_FULL : EDITKEY_EDITED;
}

/* the next choice that starts with what was typed before the first Tab
 * replaces the text */
static enum editkey_result ed_complete(struct editbuf *b, struct editkey_ctx *c)
{
	if (!c->nchoices)
		return EDITKEY_EDITED;
	if (!c->prefix) {
		c->prefix = xstrndup(b->s, b->len);
		c->cycle = 0;
	}
	const char *s = reader_complete(c->prefix, c->choices, c->nchoices, &c->cycle);
	if (!s)
		return EDITKEY_EDITED;
	return editbuf_set(b, s, strlen(s)) == EDITBUF_FULL ? EDITKEY_FULL : EDITKEY_EDITED;
}

static enum editkey_result ed_save(struct editbuf *b, struct editkey_ctx *c)
{
	(void)b;
	(void)c;
	return EDITKEY_SAVE;
}

static enum editkey_result ed_cancel(struct editbuf *b, struct editkey_ctx *c)
{
	(void)b;
	(void)c;
	return EDITKEY_CANCEL;
}

static const edit_handler handlers[ACT_COUNT] = {
#define EDITKEY_HANDLER(id, fn, name, ke, kp, help) [ACT_##id] = ed_##fn,
    EDIT_ACTIONS(EDITKEY_HANDLER)
#undef EDITKEY_HANDLER
};

void editkey_ctx_free(struct editkey_ctx *c)
{
	free(c->prefix);
	c->prefix = NULL;
	c->cycle = 0;
}

enum editkey_result editkey_do(struct editbuf *b, enum action act, struct editkey_ctx *c)
{
	if (act <= ACT_NONE || act >= ACT_COUNT || !handlers[act])
		return EDITKEY_IGNORED;
	if (act != ACT_ED_COMPLETE)
		editkey_ctx_free(c); /* any other key ends the cycling */
	return handlers[act](b, c);
}

enum editkey_result editkey_apply(struct editbuf *b, const struct keymap *km, int mode, int key,
				  struct editkey_ctx *c)
{
	enum action act = keymap_lookup(km, mode, key);
	if (act != ACT_NONE && actions_is_edit(act))
		return editkey_do(b, act, c);
	if (key < 0 || key > 0x10FFFF || (c->one_line && (key == '\n' || key == '\r')))
		return EDITKEY_IGNORED;
	editkey_ctx_free(c);
	return editbuf_insert_cp(b, key) == EDITBUF_FULL ? EDITKEY_FULL : EDITKEY_EDITED;
}
