/* ui_keys: every user action, declared once: name, keys, help text. The
 * dispatcher, the help screen and `crossread --keys` all read this table. */
#include "crossread/ui/ui_keys.h"

#include <curses.h>
#include <stdio.h>

#include "crossread/ui/ui.h"

#define CTRL(c) ((c)&0x1f)

const struct action_def ui_actions[] = {
    {ACT_LINE_DOWN,
     "line-down",
     "j Down",
     "scroll the focused pane down a line",
     {'j', UI_FKEY(KEY_DOWN)}},
    {ACT_LINE_UP, "line-up", "k Up", "scroll the focused pane up a line", {'k', UI_FKEY(KEY_UP)}},
    {ACT_PAGE_DOWN,
     "page-down",
     "Space f PgDn",
     "scroll down a page",
     {' ', 'f', UI_FKEY(KEY_NPAGE)}},
    {ACT_PAGE_UP, "page-up", "b PgUp", "scroll up a page", {'b', UI_FKEY(KEY_PPAGE)}},
    {ACT_HALF_DOWN, "half-down", "Ctrl-D", "scroll down half a page", {CTRL('d')}},
    {ACT_HALF_UP, "half-up", "Ctrl-U", "scroll up half a page", {CTRL('u')}},
    {ACT_TOP, "top", "g Home", "go to the start of the article", {'g', UI_FKEY(KEY_HOME)}},
    {ACT_BOTTOM, "bottom", "G End", "go to the end of the article", {'G', UI_FKEY(KEY_END)}},
    {ACT_SWITCH, "switch-pane", "Tab", "focus the other pane", {'\t'}},
    {ACT_SEARCH, "search", "/", "search forward in the focused pane", {'/'}},
    {ACT_SEARCH_NEXT, "search-next", "n", "next search hit", {'n'}},
    {ACT_SEARCH_PREV, "search-prev", "N", "previous search hit", {'N'}},
    {ACT_CLAIM_NEXT, "claim-next", "]", "select the next claim in the focused pane", {']'}},
    {ACT_CLAIM_PREV, "claim-prev", "[", "select the previous claim", {'['}},
    {ACT_FOLLOW,
     "follow-link",
     "Enter",
     "jump to the selected claim's partner (again: its next link)",
     {'\n', '\r', UI_FKEY(KEY_ENTER)}},
    {ACT_JUMP_BACK, "jump-back", "Ctrl-O", "go back in the jump history", {CTRL('o')}},
    {ACT_JUMP_FORWARD,
     "jump-forward",
     "Ctrl-N Ctrl-I",
     "go forward in the jump history (Ctrl-I where the terminal tells it from Tab)",
     {CTRL('n'), UI_FKEY(UI_KEY_CTRL_I)}},
    {ACT_OVERVIEW, "claims", "c", "claims overview: accusations and their rebuttals", {'c'}},
    {ACT_NOTE_ADD, "note-add", "a", "add a note to the selected claim or selection", {'a'}},
    {ACT_NOTE_EXTERNAL, "note-editor", "A", "write the note in $VISUAL / $EDITOR", {'A'}},
    {ACT_NOTE_EDIT, "note-edit", "e", "edit the note shown for the selected claim", {'e'}},
    {ACT_NOTE_DELETE, "note-delete", "d", "delete the note shown for the selected claim", {'d'}},
    {ACT_NOTE_NEXT,
     "note-next",
     ">",
     "show the selected claim's next note (it has several)",
     {'>'}},
    {ACT_UNDO, "undo", "u", "undo the last change to your annotations", {'u'}},
    {ACT_VISUAL, "visual", "v", "start or cancel a text selection", {'v'}},
    {ACT_MARK_CLAIM, "mark-claim", "m", "make the selection a claim", {'m'}},
    {ACT_LINK, "link", "l", "link the selected claim to one in the other pane", {'l'}},
    {ACT_SUGGEST, "suggestions", "s", "show or hide suggested matches", {'s'}},
    {ACT_ACCEPT, "accept", "y", "accept the selected suggestion as a link", {'y'}},
    {ACT_REDRAW, "redraw", "Ctrl-L", "redraw the screen", {CTRL('l')}},
    {ACT_HELP, "help", "?", "show or hide this help", {'?'}},
    {ACT_QUIT, "quit", "q", "quit", {'q'}},
};

const size_t ui_nactions = sizeof ui_actions / sizeof ui_actions[0];

enum action ui_action_for_key(int key)
{
	for (size_t i = 0; i < ui_nactions; i++)
		for (int k = 0; k < KEY_CODES_MAX && ui_actions[i].codes[k]; k++)
			if (ui_actions[i].codes[k] == key)
				return ui_actions[i].act;
	return ACT_NONE;
}

const struct action_def *ui_action_def(enum action act)
{
	for (size_t i = 0; i < ui_nactions; i++)
		if (ui_actions[i].act == act)
			return &ui_actions[i];
	return NULL;
}

void ui_print_keys(FILE *out)
{
	for (size_t i = 0; i < ui_nactions; i++)
		fprintf(out, "%-14s %-14s %s\n", ui_actions[i].keys, ui_actions[i].name,
			ui_actions[i].help);
}
