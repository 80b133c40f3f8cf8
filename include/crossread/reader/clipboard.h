/* clipboard: copying to the terminal's clipboard with OSC 52, decided and
 * encoded below the screen; the ui only writes the bytes. `set clipboard`
 * says when: osc52 always, off never, auto (the default) only when the
 * terminal's terminfo entry announces it with the extended capability Ms
 * (as tmux and xterm's entries do where the terminal supports it). */
#ifndef CROSSREAD_CLIPBOARD_H
#define CROSSREAD_CLIPBOARD_H

#include <stdbool.h>
#include <stddef.h>

enum clip_mode { CLIP_AUTO, CLIP_OSC52, CLIP_OFF };

/* most bytes of text one copy sends (terminals cap the sequence) */
#define CLIP_MAX_TEXT ((size_t)100000)

/* "auto", "osc52", "off"; clip_mode_parse returns -1 for another word */
const char *clip_mode_name(enum clip_mode m);
int clip_mode_parse(const char *s);
/* NULL if copying is allowed, else why not (a static sentence) */
const char *clip_refused(enum clip_mode m, bool announced);
/* The OSC 52 sequence that puts text in the clipboard: ESC ] 52 ; c ;
 * base64 BEL, control characters but newline and tab left out of the text
 * first. malloc'd, its length in *n. */
char *clip_osc52(const char *text, size_t len, size_t *n);

#endif
