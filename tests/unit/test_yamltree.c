/* Tests for yamltree: parsing under limits with FILE:LINE:COL errors, and
 * parse -> emit -> parse round trips. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crossread/annot/annot.h"
#include "crossread/annot/yamltree.h"

static struct ynode *parse(const char *s, struct diag_list *d)
{
	return ynode_parse("t.yaml", s, strlen(s), d);
}

/* parse must fail with exactly one error at line:col */
static void expect_error(const char *data, size_t len, int line, int col, const char *needle)
{
	struct diag_list d = {0};
	struct ynode *n = ynode_parse("t.yaml", data, len, &d);
	assert_null(n);
	assert_int_equal(d.errors, 1);
	assert_string_equal(d.items[0].file, "t.yaml");
	if (line)
		assert_int_equal(d.items[0].line, line);
	if (col)
		assert_int_equal(d.items[0].col, col);
	if (needle && !strstr(d.items[0].msg, needle))
		fail_msg("message \"%s\" lacks \"%s\"", d.items[0].msg, needle);
	diag_free(&d);
}

static void test_basic(void **state)
{
	(void)state;
	struct diag_list d = {0};
	struct ynode *r = parse("version: 1\nlist:\n  - a\n  - 'b c'\nmap: {x: y}\n", &d);
	assert_non_null(r);
	assert_int_equal(d.n, 0);
	assert_int_equal(r->type, YN_MAP);
	assert_int_equal(r->n, 6);
	assert_string_equal(ynode_map_str(r, "version"), "1");
	assert_int_equal(ynode_map_get(r, "version")->style, YS_PLAIN);
	struct ynode *l = ynode_map_get(r, "list");
	assert_int_equal(l->type, YN_SEQ);
	assert_int_equal(l->n, 2);
	assert_int_equal(l->items[1]->style, YS_SINGLE);
	assert_string_equal(l->items[1]->scalar, "b c");
	assert_int_equal(l->items[1]->line, 4);
	assert_int_equal(l->items[1]->col, 5);
	assert_string_equal(ynode_map_str(ynode_map_get(r, "map"), "x"), "y");
	assert_null(ynode_map_get(r, "nope"));
	ynode_free(r);
}

static void test_syntax_error(void **state)
{
	(void)state;
	const char *s = "a: b\nc: [1, 2\n";
	expect_error(s, strlen(s), 3, 1, NULL);
	s = "a: b\n  c: d\n";
	expect_error(s, strlen(s), 2, 4, "mapping values");
}

static void test_tab_indent(void **state)
{
	(void)state;
	const char *s = "a:\n\t- b\n";
	expect_error(s, strlen(s), 2, 1, "tab");
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	const char *s = "a: b\nq: \"ok \xc3\xa9 \xff\"\n";
	expect_error(s, strlen(s), 2, 10, "UTF-8");
}

static void test_control_char(void **state)
{
	(void)state;
	const char *s = "a: b\nc: d\x01\n";
	expect_error(s, strlen(s), 2, 5, "control");
}

static void test_alias_anchor(void **state)
{
	(void)state;
	const char *s = "a: &x [1, 2]\nb: *x\n";
	expect_error(s, strlen(s), 1, 4, "anchor");
	/* a billion-laughs style file is refused at its first anchor */
	struct buf b = {0};
	buf_adds(
	    &b,
	    "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
	for (char c = 'b'; c <= 'i'; c++)
		buf_printf(&b, "%c: &%c [*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c]\n", c, c, c - 1,
			   c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
	expect_error(b.s, b.len, 1, 4, "anchor");
	buf_free(&b);
	s = "- *undefined\n";
	expect_error(s, strlen(s), 1, 3, NULL);
}

static void test_depth(void **state)
{
	(void)state;
	struct buf b = {0};
	for (int i = 0; i < 10000; i++)
		buf_addc(&b, '[');
	for (int i = 0; i < 10000; i++)
		buf_addc(&b, ']');
	expect_error(b.s, b.len, 1, ANNOT_MAX_DEPTH + 1, "nesting");
	buf_free(&b);
	/* exactly the limit is fine */
	for (int i = 0; i < ANNOT_MAX_DEPTH; i++)
		buf_addc(&b, '[');
	for (int i = 0; i < ANNOT_MAX_DEPTH; i++)
		buf_addc(&b, ']');
	struct diag_list d = {0};
	struct ynode *r = ynode_parse("t.yaml", b.s, b.len, &d);
	assert_non_null(r);
	ynode_free(r);
	buf_free(&b);
}

static void test_big_scalar(void **state)
{
	(void)state;
	size_t n = 2u << 20;
	char *s = malloc(n + 16);
	memcpy(s, "a: ", 3);
	memset(s + 3, 'x', n);
	memcpy(s + 3 + n, "\n", 2);
	expect_error(s, strlen(s), 1, 4, "too long");
	free(s);
}

static void test_too_big_file(void **state)
{
	(void)state;
	size_t n = (size_t)ANNOT_MAX_FILE + 1;
	char *s = calloc(1, n);
	memset(s, '#', n);
	expect_error(s, n, 1, 1, "too large");
	free(s);
}

/* parse must fail with exactly this one error */
static void expect_exact(const char *data, size_t len, int line, int col, const char *msg)
{
	struct diag_list d = {0};
	struct ynode *n = ynode_parse("t.yaml", data, len, &d);
	assert_null(n);
	assert_int_equal(d.errors, 1);
	assert_string_equal(d.items[0].msg, msg);
	assert_int_equal(d.items[0].line, line);
	assert_int_equal(d.items[0].col, col);
	diag_free(&d);
}

static void expect_ok(const char *data, size_t len)
{
	struct diag_list d = {0};
	struct ynode *n = ynode_parse("t.yaml", data, len, &d);
	if (!n)
		fail_msg("refused: %d:%d: %s", d.items[0].line, d.items[0].col, d.items[0].msg);
	ynode_free(n);
	diag_free(&d);
}

#define BIG ((size_t)15000000) /* the sizes issue 7 was measured with */

static void add_run(struct buf *b, char c, size_t n)
{
	buf_reserve(b, n);
	memset(b->s + b->len, c, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* comment lines of 80 bytes, at least n bytes in all; returns how many */
static size_t add_comments(struct buf *b, size_t n)
{
	size_t lines = (n + 79) / 80;
	for (size_t i = 0; i < lines; i++) {
		buf_adds(b, "# ");
		add_run(b, 'c', 77);
		buf_addc(b, '\n');
	}
	return lines;
}

/* Hostile sizes are refused from the first megabyte or so, not after reading
 * them whole (that made each refusal cost 100 ms and more): the messages say
 * "over" the limit because the rest is never read. */
static void test_refusals_stop_early(void **state)
{
	(void)state;
	char want[160];
	snprintf(want, sizeof want, "scalar too long (over %u bytes, limit %u)",
		 (unsigned)ANNOT_MAX_SCALAR, (unsigned)ANNOT_MAX_SCALAR);
	struct buf b = {0};

	/* a 15 MB plain scalar, quoted scalar and key, each on one line */
	buf_adds(&b, "version: 1\nnote: ");
	add_run(&b, 'a', BIG);
	buf_addc(&b, '\n');
	expect_exact(b.s, b.len, 2, 7, want);
	b.len = 0;
	buf_adds(&b, "version: 1\nnote: \"");
	add_run(&b, 'a', BIG);
	buf_adds(&b, "\"\n");
	expect_exact(b.s, b.len, 2, 7, want);
	b.len = 0;
	buf_adds(&b, "version: 1\n");
	add_run(&b, 'k', BIG);
	buf_adds(&b, ": 1\n");
	expect_exact(b.s, b.len, 2, 1, want);

	/* the same over many lines: quoted, literal block, plain */
	b.len = 0;
	buf_adds(&b, "version: 1\nnote: \"");
	while (b.len < BIG) {
		add_run(&b, 'q', 79);
		buf_adds(&b, "\n  ");
	}
	buf_adds(&b, "\"\n");
	expect_exact(b.s, b.len, 2, 7, want);
	b.len = 0;
	buf_adds(&b, "version: 1\nnote: |\n");
	while (b.len < BIG) {
		buf_adds(&b, "  ");
		add_run(&b, 'l', 79);
		buf_addc(&b, '\n');
	}
	expect_exact(b.s, b.len, 2, 7, want);
	b.len = 0;
	buf_adds(&b, "version: 1\nnote:\n");
	while (b.len < BIG) {
		buf_adds(&b, "  ");
		add_run(&b, 'p', 79);
		buf_addc(&b, '\n');
	}
	expect_exact(b.s, b.len, 3, 3, want);

	/* an invalid byte, a control character after 15 MB of comments */
	b.len = 0;
	buf_adds(&b, "version: 1\n");
	size_t lines = add_comments(&b, BIG);
	buf_adds(&b, "x: \xff\n");
	expect_exact(b.s, b.len, (int)lines + 2, 4, "invalid UTF-8 (#FF)");
	b.s[b.len - 2] = '\x01';
	expect_exact(b.s, b.len, (int)lines + 2, 4, "control characters are not allowed (#1)");
	/* ... and after a 1 MB value: the column counts code points */
	b.len = 0;
	buf_adds(&b, "a: \xc3\xa9");
	add_run(&b, 'x', 1000000);
	buf_adds(&b, "\xe2\x80\x8f\xc2\x9b\n");
	expect_exact(b.s, b.len, 1, 1000006, "control characters are not allowed (#9B)");

	/* 15 MB of comments and nothing else wrong: refused at the end of the
	 * last node before them */
	b.len = 0;
	buf_adds(&b, "version: 1\n");
	add_comments(&b, BIG);
	buf_adds(&b, "x: y\n");
	snprintf(want, sizeof want,
		 "more than %u bytes without a YAML node after this point (a scalar or a run "
		 "of comments over the limit)",
		 (unsigned)ANNOT_MAX_GAP);
	expect_exact(b.s, b.len, 1, 11, want);
	buf_free(&b);
}

/* What the early stop must not refuse: a scalar at the limit, with some
 * comments before it; a megabyte of comments. */
static void test_limits_still_allowed(void **state)
{
	(void)state;
	struct buf b = {0};
	buf_adds(&b, "version: 1\n");
	add_comments(&b, 32 << 10);
	buf_adds(&b, "note: ");
	add_run(&b, 'a', ANNOT_MAX_SCALAR);
	buf_adds(&b, "\nother: \"");
	add_run(&b, 'b', ANNOT_MAX_SCALAR);
	buf_adds(&b, "\"\n");
	expect_ok(b.s, b.len);
	b.len = 0;
	buf_adds(&b, "version: 1\n");
	add_comments(&b, ANNOT_MAX_SCALAR - 80);
	buf_adds(&b, "x: y\n");
	expect_ok(b.s, b.len);
	/* one byte over the scalar limit, read whole: its length is known */
	b.len = 0;
	buf_adds(&b, "note: ");
	add_run(&b, 'a', ANNOT_MAX_SCALAR + 1);
	char want[96];
	snprintf(want, sizeof want, "scalar too long (%u bytes, limit %u)",
		 (unsigned)ANNOT_MAX_SCALAR + 1, (unsigned)ANNOT_MAX_SCALAR);
	expect_exact(b.s, b.len, 1, 7, want);
	buf_free(&b);
}

/* the limit follows the input's size: n nodes in flow style take 2n bytes,
 * so a flow list is refused at len / 4 + floor nodes, wherever that lands */
static void expect_nodes_refused(size_t items)
{
	struct buf b = {0};
	buf_adds(&b, "[");
	for (size_t i = 0; i < items; i++)
		buf_adds(&b, "1,");
	buf_adds(&b, "2]");
	size_t max = annot_max_nodes(b.len);
	/* the root sequence is node 1: item number max is one too many, at
	 * column 2 * max */
	char want[128];
	snprintf(want, sizeof want,
		 "too many YAML nodes (limit %zu for %zu bytes: one per %u bytes and %u)", max,
		 b.len, (unsigned)ANNOT_BYTES_PER_NODE, (unsigned)ANNOT_NODES_FLOOR);
	expect_exact(b.s, b.len, 1, (int)(2 * max), want);
	buf_free(&b);
}

static void test_too_many_nodes(void **state)
{
	(void)state;
	assert_int_equal(annot_max_nodes(0), ANNOT_NODES_FLOOR);
	assert_int_equal(annot_max_nodes(4000), 1000 + ANNOT_NODES_FLOOR);
	expect_nodes_refused(2 * ANNOT_NODES_FLOOR + 100);
	expect_nodes_refused(100000);
	expect_nodes_refused(400000);
}

/* block style within the bound: more nodes than the old fixed 75 000 */
static void test_many_nodes_in_block_style(void **state)
{
	(void)state;
	struct buf b = {0};
	for (int i = 0; i < 60000; i++)
		buf_printf(&b, "k%d: v\n", i);
	struct diag_list d = {0};
	struct ynode *root = ynode_parse("big.yaml", b.s, b.len, &d);
	assert_non_null(root);
	assert_int_equal(root->n, 120000);
	ynode_free(root);
	diag_free(&d);
	buf_free(&b);
}

static void test_empty_and_multi(void **state)
{
	(void)state;
	expect_error("", 0, 1, 1, "no YAML document");
	expect_error("# only a comment\n", 17, 1, 1, "no YAML document");
	const char *s = "a: 1\n---\nb: 2\n";
	expect_error(s, strlen(s), 2, 1, "more than one");
	s = "a: 1\nb: 2\na: 3\n";
	expect_error(s, strlen(s), 3, 1, "duplicate key");
	s = "? [a]\n: b\n";
	expect_error(s, strlen(s), 1, 3, "keys must be scalars");
	s = "a: !!binary aGVsbG8=\n";
	expect_error(s, strlen(s), 1, 4, "tags");
}

static void roundtrip(struct ynode *t)
{
	struct buf out = {0};
	assert_int_equal(ynode_emit(t, &out), 0);
	struct diag_list d = {0};
	struct ynode *back = ynode_parse("emitted", out.s, out.len, &d);
	if (!back) {
		diag_print(&d, stderr);
		fail_msg("emitted text does not parse:\n%s", out.s);
	}
	if (!ynode_equal(t, back))
		fail_msg("round trip changed the tree:\n%s", out.s);
	/* strings stay strings: anything built with ynode_scalar_new must not
	 * come back plain if a plain reading would be typed */
	if (back->type == YN_MAP)
		for (size_t i = 1; i < back->n; i += 2) {
			const struct ynode *v = back->items[i];
			if (v->type == YN_SCALAR && v->style == YS_PLAIN)
				assert_false(ynode_plain_is_typed(v->scalar, v->scalar_len) &&
					     t->items[i]->style != YS_PLAIN);
		}
	ynode_free(back);
	buf_free(&out);
	diag_free(&d);
}

static void test_roundtrip_strings(void **state)
{
	(void)state;
	static const char *const strs[] = {"plain",
					   "with \"double\" and 'single' quotes",
					   "line one\nline two\n",
					   "no trailing newline\nsecond",
					   "  leading spaces",
					   "trailing spaces  ",
					   "\n\nleading newlines",
					   "caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d "
					   "\xe2\x80\x94 \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80",
					   "yes",
					   "no",
					   "null",
					   "~",
					   "true",
					   "Off",
					   "123",
					   "-4.5e3",
					   "0x1F",
					   "1_000",
					   ".inf",
					   "",
					   "- dash",
					   "key: value",
					   "# hash",
					   "a #b",
					   "[x]",
					   "{y}",
					   "@at",
					   "`tick",
					   "%pct",
					   "!bang",
					   "*star",
					   "&amp",
					   "? q",
					   "tab\there",
					   "many\n\n\nblank lines\n\n",
					   "\xe2\x80\xa8line separator",
					   NULL};
	struct ynode *m = ynode_map_new();
	char key[32];
	for (int i = 0; strs[i]; i++) {
		snprintf(key, sizeof key, "k%d", i);
		ynode_map_set(m, key, ynode_scalar_new(strs[i]));
	}
	ynode_map_set(m, "num", ynode_int_new(42));
	ynode_map_set(m, "yes", ynode_scalar_new("key that looks boolean"));
	struct ynode *seq = ynode_seq_new();
	ynode_seq_push(seq, ynode_scalar_new("one"));
	struct ynode *inner = ynode_map_new();
	ynode_map_set(inner, "deep", ynode_scalar_new("x\ny"));
	ynode_seq_push(seq, inner);
	ynode_seq_push(seq, ynode_seq_new());
	ynode_seq_push(seq, ynode_map_new());
	ynode_map_set(m, "seq", seq);
	roundtrip(m);

	struct buf out = {0};
	assert_int_equal(ynode_emit(m, &out), 0);
	/* strings that would read as typed values are quoted */
	assert_non_null(strstr(out.s, "'yes'"));
	assert_non_null(strstr(out.s, "'123'"));
	assert_non_null(strstr(out.s, "num: 42\n"));
	/* non-ASCII is written as UTF-8, not escaped */
	assert_non_null(strstr(out.s, "caf\xc3\xa9"));
	buf_free(&out);

	/* clone and replace */
	struct ynode *c = ynode_clone(m);
	assert_true(ynode_equal(m, c));
	ynode_map_set(c, "k0", ynode_scalar_new("changed"));
	assert_false(ynode_equal(m, c));
	assert_string_equal(ynode_map_str(c, "k0"), "changed");
	assert_true(ynode_map_del(c, "k0"));
	assert_null(ynode_map_get(c, "k0"));
	assert_false(ynode_map_del(c, "k0"));
	ynode_free(c);
	ynode_free(m);
}

static void test_roundtrip_parsed(void **state)
{
	(void)state;
	const char *s = "version: 1\n"
			"x-unknown:\n  nested: [1, 'two', \"three\"]\n  other: {a: b}\n"
			"text: |\n  literal\n   indented\n"
			"folded: >\n  folded\n  text\n"
			"quoted: 'yes'\n"
			"plain: yes\n";
	struct diag_list d = {0};
	struct ynode *r = parse(s, &d);
	assert_non_null(r);
	assert_int_equal(ynode_map_get(r, "quoted")->style, YS_SINGLE);
	assert_int_equal(ynode_map_get(r, "plain")->style, YS_PLAIN);
	roundtrip(r);
	struct buf out = {0};
	assert_int_equal(ynode_emit(r, &out), 0);
	/* styles survive: a plain yes stays plain, a quoted one stays quoted */
	assert_non_null(strstr(out.s, "plain: yes\n"));
	assert_non_null(strstr(out.s, "quoted: 'yes'\n"));
	buf_free(&out);
	ynode_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_basic),
	    cmocka_unit_test(test_syntax_error),
	    cmocka_unit_test(test_tab_indent),
	    cmocka_unit_test(test_invalid_utf8),
	    cmocka_unit_test(test_control_char),
	    cmocka_unit_test(test_alias_anchor),
	    cmocka_unit_test(test_depth),
	    cmocka_unit_test(test_big_scalar),
	    cmocka_unit_test(test_too_big_file),
	    cmocka_unit_test(test_too_many_nodes),
	    cmocka_unit_test(test_many_nodes_in_block_style),
	    cmocka_unit_test(test_refusals_stop_early),
	    cmocka_unit_test(test_limits_still_allowed),
	    cmocka_unit_test(test_empty_and_multi),
	    cmocka_unit_test(test_roundtrip_strings),
	    cmocka_unit_test(test_roundtrip_parsed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
