/* Tests for clipboard: when Y may write OSC 52 (set clipboard, terminfo's
 * Ms), the mode names, and the sequence: framed, base64 of the text with
 * its control characters (but newline and tab) left out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <nettle/base64.h>

#include "crossread/reader/clipboard.h"

static void test_policy(void **state)
{
	(void)state;
	assert_null(clip_refused(CLIP_OSC52, false));
	assert_null(clip_refused(CLIP_OSC52, true));
	assert_null(clip_refused(CLIP_AUTO, true));
	assert_non_null(strstr(clip_refused(CLIP_AUTO, false), "does not announce OSC 52"));
	assert_non_null(strstr(clip_refused(CLIP_OFF, true), "set clipboard off"));
	for (int m = CLIP_AUTO; m <= CLIP_OFF; m++)
		assert_int_equal(clip_mode_parse(clip_mode_name((enum clip_mode)m)), m);
	assert_int_equal(clip_mode_parse("on"), -1);
	assert_int_equal(clip_mode_parse(""), -1);
}

/* the text a sequence carries, decoded */
static char *decoded(const char *seq, size_t n)
{
	assert_true(n >= 8);
	assert_memory_equal(seq, "\033]52;c;", 7);
	assert_int_equal(seq[n - 1], '\a');
	struct base64_decode_ctx ctx;
	base64_decode_init(&ctx);
	size_t cap = n, got = cap;
	char *out = calloc(1, cap + 1);
	assert_true(base64_decode_update(&ctx, &got, (uint8_t *)out, n - 8, seq + 7));
	assert_true(base64_decode_final(&ctx));
	out[got] = '\0';
	return out;
}

static void test_sequence(void **state)
{
	(void)state;
	static const char text[] = "caf\xc3\xa9 \xe4\xb8\xad\n\tend";
	size_t n;
	char *seq = clip_osc52(text, sizeof text - 1, &n);
	assert_int_equal(strlen(seq), n);
	char *back = decoded(seq, n);
	assert_string_equal(back, text);
	free(back);
	free(seq);
	/* ESC, BEL, C1 and DEL never reach the clipboard */
	static const char hostile[] = "a\033]0;PWNED\a b\xc2\x9b"
				      "c\x7f"
				      "d\r\n";
	seq = clip_osc52(hostile, sizeof hostile - 1, &n);
	for (size_t i = 7; i + 1 < n; i++)
		assert_true(seq[i] >= 0x20 && seq[i] < 0x7f);
	back = decoded(seq, n);
	assert_string_equal(back, "a]0;PWNED bcd\n");
	free(back);
	free(seq);
	/* nothing: an empty but framed sequence */
	seq = clip_osc52("", 0, &n);
	assert_int_equal(n, 8);
	free(seq);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_policy),
	    cmocka_unit_test(test_sequence),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
