/* clipboard: when Y may write OSC 52, and the sequence itself (base64 by
 * nettle). What is copied is the display text without control bytes, so
 * nothing the article says can reach the terminal's clipboard as an escape. */
#include "crossread/reader/clipboard.h"

#include <nettle/base64.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "crossread/base/text.h"
#include "crossread/base/util.h"

static const char *const names[] = {"auto", "osc52", "off"};

const char *clip_mode_name(enum clip_mode m)
{
	return (unsigned)m < 3 ? names[m] : "?";
}

int clip_mode_parse(const char *s)
{
	for (int i = 0; i < 3; i++)
		if (!strcmp(s, names[i]))
			return i;
	return -1;
}

const char *clip_refused(enum clip_mode m, bool announced)
{
	if (m == CLIP_OFF)
		return "nothing copied: the config says `set clipboard off`";
	if (m == CLIP_AUTO && !announced)
		return "nothing copied: this terminal does not announce OSC 52 (terminfo Ms); "
		       "`set clipboard osc52` sends it anyway";
	return NULL;
}

char *clip_osc52(const char *text, size_t len, size_t *n)
{
	/* the text without controls (newlines and tabs kept) */
	char *clean = xmalloc(len + 1);
	size_t k = 0;
	for (size_t i = 0; i < len;) {
		int32_t cp;
		size_t step = text_decode(text + i, len - i, &cp);
		if (!step)
			step = 1;
		if (cp == '\n' || cp == '\t' || !text_is_unsafe(cp)) {
			memcpy(clean + k, text + i, step);
			k += step;
		}
		i += step;
	}
	static const char head[] = "\033]52;c;";
	size_t hl = sizeof head - 1, bl = BASE64_ENCODE_RAW_LENGTH(k);
	char *out = xmalloc(hl + bl + 2);
	memcpy(out, head, hl);
	base64_encode_raw((char *)out + hl, k, (const uint8_t *)clean);
	out[hl + bl] = '\a';
	out[hl + bl + 1] = '\0';
	*n = hl + bl + 1;
	free(clean);
	return out;
}
