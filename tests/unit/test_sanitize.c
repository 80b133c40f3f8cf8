/* Property test for the one sanitiser: a million random strings (seeded, so
 * a failure repeats) and a corpus of terminal attack payloads go through
 * text_sanitize and through text_clean + layout_cells, the two roads text
 * takes to the screen. Nothing unsafe may come out raw, and every unsafe code
 * point must show up as its visible form. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crossread/view/layout.h"
#include "crossread/base/text.h"
#include "crossread/base/util.h"

#define ROUNDS	 1000000
#define MAX_UNIT 24

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint64_t next_rand(void)
{
	/* xorshift64*: fixed seed, same strings on every run */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545F4914F6CDD1Dull;
}

static uint32_t pick(uint32_t n)
{
	return (uint32_t)(next_rand() % n);
}

static const int32_t interesting[] = {
    0x00,   0x07,   0x08,    0x09,    0x0A,	0x0B,	0x0C,	 0x0D,	  0x1B,	  0x1F,
    0x7F,   0x80,   0x85,    0x8D,    0x90,	0x9B,	0x9C,	 0x9D,	  0x9E,	  0x9F,
    0xA0,   0xAD,   0x061C,  0x200B,  0x200C,	0x200D, 0x200E,	 0x200F,  0x2028, 0x2029,
    0x202A, 0x202B, 0x202C,  0x202D,  0x202E,	0x2066, 0x2067,	 0x2068,  0x2069, 0xFEFF,
    0xFFFD, 0xFFFE, 0xFFFF,  0x0301,  0x0308,	0x20E3, 0x1F1EB, 0x1F1F7, 0xFE0F, 0x1F600,
    0x4E2D, 0x0378, 0xE0001, 0xE007F, 0x10FFFF, 0x3000};

/* One random unit appended to b: a byte, a code point of some class, or a
 * broken sequence. */
static void random_unit(struct buf *b)
{
	char enc[4];
	int32_t cp;
	switch (pick(10)) {
	case 0: /* any byte */
		buf_addc(b, (char)pick(256));
		return;
	case 1: /* C0 or DEL */
		cp = pick(5) ? (int32_t)pick(0x20) : 0x7F;
		break;
	case 2: /* C1 as a code point */
		cp = 0x80 + (int32_t)pick(0x20);
		break;
	case 3:
		cp = interesting[pick(sizeof interesting / sizeof interesting[0])];
		break;
	case 4: /* any scalar value, unassigned ones included */
		do
			cp = (int32_t)pick(0x110000);
		while (cp >= 0xD800 && cp <= 0xDFFF);
		break;
	case 5: /* BMP */
		do
			cp = (int32_t)pick(0x10000);
		while (cp >= 0xD800 && cp <= 0xDFFF);
		break;
	case 6: { /* broken: surrogate, overlong, truncated */
		static const char *bad[] = {"\xED\xA0\x80", "\xC0\xAF",	    "\xE0\x80\xAF",
					    "\xE2\x80",	    "\xF0\x9F\x98", "\xF4\x90\x80\x80",
					    "\xC2",	    "\x9B"};
		buf_adds(b, bad[pick(sizeof bad / sizeof bad[0])]);
		return;
	}
	case 7: /* escape sequence heads */
		buf_adds(b, pick(2) ? "\x1b[" : "\x1b]");
		return;
	default: /* printable ASCII */
		cp = 0x20 + (int32_t)pick(0x5F);
		break;
	}
	buf_add(b, enc, text_encode(cp, enc));
}

/* Independent statement of what must never reach a terminal raw: C0, DEL,
 * C1, bidi controls, line/paragraph separators (text_is_unsafe adds
 * unassigned and surrogates on top). */
static bool must_be_hidden(int32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E ||
	       cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x2028 || cp == 0x2029 || (cp >= 0xD800 && cp <= 0xDFFF);
}

static void expected_form(int32_t cp, char *out, size_t n)
{
	if (cp < 0x20)
		snprintf(out, n, "^%c", (char)(cp + 0x40));
	else if (cp == 0x7F)
		snprintf(out, n, "^?");
	else
		snprintf(out, n, "<U+%04X>", (unsigned)cp);
}

static bool printable_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7F)
			return false;
	return true;
}

/* Sanitised output: valid UTF-8, nothing unsafe left, and exactly the input
 * with each unsafe code point replaced by its visible form. */
static void check_sanitize(const char *in, size_t n, bool keep)
{
	char *out = text_sanitize(in, n, keep);
	size_t olen = strlen(out);
	assert_true(text_valid_utf8(out, olen));
	for (size_t i = 0; i < olen;) {
		int32_t cp;
		i += text_decode(out + i, olen - i, &cp);
		if (keep && (cp == '\n' || cp == '\t'))
			continue;
		if (text_is_unsafe(cp) || must_be_hidden(cp)) {
			fprintf(stderr, "unsafe U+%04X survived\n", (unsigned)cp);
			fail();
		}
	}
	/* rebuild what it must be, code point by code point */
	struct buf want = {0};
	buf_adds(&want, "");
	for (size_t i = 0; i < n;) {
		int32_t cp;
		size_t used = text_decode(in + i, n - i, &cp);
		char vis[TEXT_VIS_MAX], mine[16];
		const char *v = text_visible(cp, vis);
		if (must_be_hidden(cp) && !(keep && (cp == '\n' || cp == '\t'))) {
			assert_non_null(v);
			expected_form(cp, mine, sizeof mine);
			assert_string_equal(v, mine);
		}
		if (v && !(keep && (cp == '\n' || cp == '\t'))) {
			assert_true(printable_ascii(v));
			buf_adds(&want, v);
		} else {
			char enc[4];
			buf_add(&want, enc, text_encode(cp, enc));
		}
		i += used;
	}
	assert_int_equal(olen, want.len);
	assert_memory_equal(out, want.s, olen);
	buf_free(&want);
	free(out);
}

/* Display text (cleaned) through layout_cells: cells tile the range, a
 * control is a cell of its own drawn as its visible form, and every code
 * point of a text cell may be written raw. */
static void check_cells(const char *in, size_t n)
{
	size_t len;
	char *t = text_clean(in, n, &len);
	assert_true(text_valid_utf8(t, len));
	struct cell *cells = xreallocarray(NULL, len + 1, sizeof *cells);
	size_t nc = layout_cells(t, 0, len, cells, len + 1);
	size_t at = 0;
	for (size_t k = 0; k < nc; k++) {
		const struct cell *c = &cells[k];
		assert_int_equal(c->off, at);
		assert_true(c->len >= 1);
		at += c->len;
		int32_t cp;
		size_t first = text_decode(t + c->off, c->len, &cp);
		if (c->kind == CELL_CONTROL) {
			assert_int_equal(first, c->len);
			assert_non_null(c->vis);
			assert_true(printable_ascii(c->vis));
			assert_int_equal(c->width, strlen(c->vis));
			char vis[TEXT_VIS_MAX];
			assert_string_equal(c->vis, text_visible(cp, vis));
			if (must_be_hidden(cp)) {
				char mine[16];
				expected_form(cp, mine, sizeof mine);
				assert_string_equal(c->vis, mine);
			}
		} else if (c->kind == CELL_TAB) {
			assert_int_equal(cp, '\t');
			assert_int_equal(c->len, 1);
			assert_true(c->width >= 1 && c->width <= LAYOUT_TABSTOP);
		} else {
			for (size_t i = c->off; i < c->off + c->len;) {
				i += text_decode(t + i, c->off + c->len - i, &cp);
				assert_false(text_is_unsafe(cp));
				assert_false(must_be_hidden(cp));
			}
			assert_true(c->width <= 2);
		}
	}
	assert_int_equal(at, len);
	free(cells);
	free(t);
}

static void test_random_strings(void **state)
{
	(void)state;
	struct buf b = {0};
	for (long r = 0; r < ROUNDS; r++) {
		b.len = 0;
		buf_adds(&b, "");
		uint32_t units = pick(MAX_UNIT + 1);
		for (uint32_t u = 0; u < units; u++)
			random_unit(&b);
		bool keep = r & 1;
		check_sanitize(b.s, b.len, keep);
		check_cells(b.s, b.len);
	}
	buf_free(&b);
}

struct payload {
	const char *s;
	size_t n;
	const char *visible; /* must appear in the sanitised output */
};

#define P(lit, vis)                                                                                \
	{                                                                                          \
		lit, sizeof lit - 1, vis                                                           \
	}

static const struct payload payloads[] = {
    P("\x1b]0;title\x07", "^[]0;title^G"),
    P("\x1b]2;pwned\x1b\\", "^[]2;pwned^[\\"),
    P("\x1b[2J\x1b[H", "^[[2J^[[H"),
    P("\x1bP+q544e\x1b\\", "^[P+q544e^[\\"),		       /* DCS: XTGETTCAP */
    P("\x1b]52;c;ZWNobyBoaQ==\x07", "^[]52;c;ZWNobyBoaQ==^G"), /* OSC 52 clipboard */
    P("\x1b]8;;http://evil/\x1b\\link\x1b]8;;\x1b\\", "^[]8;;http://evil/^[\\link"),
    P("\x9b"
      "31m",
      "\xEF\xBF\xBD"
      "31m"), /* raw 8-bit CSI byte: invalid UTF-8 */
    P("\xc2\x9b"
      "31m",
      "<U+009B>31m"), /* CSI as U+009B */
    P("\xc2\x9d"
      "0;t\xc2\x9c",
      "<U+009D>0;t<U+009C>"), /* 8-bit OSC .. ST */
    P("\xc2\x90q\xc2\x9c", "<U+0090>q<U+009C>"),
    P("\x1b_apc\x1b\\", "^[_apc^[\\"),
    P("\x1b^pm\x1b\\", "^[^pm^[\\"),
    P("\x1bX sos\x1b\\", "^[X sos^[\\"),
    P("\x1b[6n", "^[[6n"),
    P("\x1b"
      "c",
      "^[c"), /* RIS */
    P("\x1b[?1049h\x1b[?1000h", "^[[?1049h^[[?1000h"),
    P("\x1b[21t", "^[[21t"),
    P("a\x08\x08\x08"
      "b",
      "a^H^H^Hb"),
    P("over\rwrite", "over^Mwrite"),
    P("nul\0byte", "nul^@byte"),
    P("del\x7f", "del^?"),
    P("\xe2\x80\xae"
      "txt.exe",
      "<U+202E>txt.exe"),
    P("\xe2\x81\xa6"
      "iso\xe2\x81\xa9",
      "<U+2066>iso<U+2069>"),
    P("\xd8\x9c"
      "alm",
      "<U+061C>alm"),
    P("line\xe2\x80\xa8sep\xe2\x80\xa9", "line<U+2028>sep<U+2029>"),
    P("\xe2\x80\x8e\xe2\x80\x8f", "<U+200E><U+200F>"),
    P("\x1b\xcc\x81", "^[\xcc\x81"), /* a mark never hides the control */
    P("\x0e\x0f", "^N^O"),	     /* shift out / in */
    P("\x05", "^E"),		     /* ENQ: answerback */
};

static void test_payloads(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof payloads / sizeof payloads[0]; i++) {
		const struct payload *p = &payloads[i];
		for (int keep = 0; keep < 2; keep++) {
			check_sanitize(p->s, p->n, keep);
			char *out = text_sanitize(p->s, p->n, keep);
			if (!strstr(out, p->visible)) {
				fprintf(stderr, "payload %zu: got \"%s\", want \"%s\"\n", i, out,
					p->visible);
				fail();
			}
			/* no byte a terminal would act on */
			for (const char *c = out; *c; c++) {
				unsigned char u = (unsigned char)*c;
				assert_true(u >= 0x20 && u != 0x7F);
			}
			assert_null(strstr(out, "\xc2\x9b"));
			assert_null(strstr(out, "\xe2\x80\xae"));
			free(out);
		}
		check_cells(p->s, p->n);
	}
}

/* A cell's visible form is what the UI draws: it must equal text_visible's
 * answer for each payload control inside display text. */
static void test_cells_show_visible_forms(void **state)
{
	(void)state;
	const char *t = "a\x1b]0;x\x07\xc2\x9b\xe2\x80\xae\x7f";
	size_t len = strlen(t);
	struct cell cells[32];
	size_t n = layout_cells(t, 0, len, cells, 32);
	const char *want[] = {NULL, "^[", NULL,	      NULL,	  NULL,
			      NULL, "^G", "<U+009B>", "<U+202E>", "^?"};
	assert_int_equal(n, 10);
	for (size_t i = 0; i < n; i++) {
		if (want[i]) {
			assert_int_equal(cells[i].kind, CELL_CONTROL);
			assert_string_equal(cells[i].vis, want[i]);
			assert_int_equal(cells[i].width, strlen(want[i]));
		} else {
			assert_int_equal(cells[i].kind, CELL_TEXT);
			assert_null(cells[i].vis);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_payloads),
	    cmocka_unit_test(test_cells_show_visible_forms),
	    cmocka_unit_test(test_random_strings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
