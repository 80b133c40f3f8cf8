/* Unit tests for export and import helpers: JSON-LD ids both ways, code
 * point and byte offsets both ways, which URLs may become links, and the
 * writers on a small story opened as the reader opens it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/annot/annot.h"
#include "crossread/base/util.h"
#include "crossread/reader/export.h"
#include "crossread/reader/import.h"
#include "crossread/reader/jsonld_ids.h"
#include "crossread/reader/session.h"

static void test_ids(void **state)
{
	(void)state;
	const char *ids[] = {"plain-id_1.x~", "with space", "c\"><script>", "ünï/%:#", "a%00b"};
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		char *iri = jsonld_id("claim", ids[i]);
		assert_non_null(strstr(iri, "urn:crossread:claim:"));
		assert_null(strpbrk(iri + strlen("urn:crossread:claim:"), " \"<>/#"));
		char *back = jsonld_id_parse("claim", iri);
		assert_non_null(back);
		assert_string_equal(back, ids[i]);
		assert_null(jsonld_id_parse("link", iri));
		free(back);
		free(iri);
	}
	assert_null(jsonld_id_parse("claim", "urn:crossread:claim:"));
	assert_null(jsonld_id_parse("claim", "urn:crossread:claim:a%00"));
	assert_null(jsonld_id_parse("claim", "urn:crossread:claim:a%4"));
	assert_null(jsonld_id_parse("claim", "https://example.org/claim:x"));
}

static void test_offsets(void **state)
{
	(void)state;
	const char *t = "À côté 😀 x"; /* À 2 bytes, ô 2, é 2, 😀 4 */
	size_t len = strlen(t);
	size_t x = (size_t)(strchr(t, 'x') - t);
	assert_int_equal(export_cp_offset(t, x), 9);
	assert_int_equal(import_byte_offset(t, len, 9), x);
	for (size_t cp = 0; cp <= 10; cp++)
		assert_int_equal(export_cp_offset(t, import_byte_offset(t, len, cp)), cp);
	assert_int_equal(import_byte_offset(t, len, 99), len);
}

static void test_safe_url(void **state)
{
	(void)state;
	assert_true(export_safe_url("https://example.org/a?b=1&c=2"));
	assert_true(export_safe_url("http://x.example/"));
	assert_false(export_safe_url("javascript:alert(1)"));
	assert_false(export_safe_url(" https://x.example/"));
	assert_false(export_safe_url("https://x.example/\"onmouseover=\"x"));
	assert_false(export_safe_url("https://x.example/<script>"));
	assert_false(export_safe_url("data:text/html,<b>"));
	assert_false(export_safe_url(NULL));
	enum export_format f;
	assert_int_equal(export_format_parse("jsonld", &f), 0);
	assert_int_equal(f, EXPORT_JSONLD);
	assert_int_equal(export_format_parse("pdf", &f), -1);
}

static void test_writers(void **state)
{
	(void)state;
	struct session s;
	char err[512];
	assert_int_equal(session_open(&s, "tests/data/export/story.yaml", NULL, 0,
				      "tests/data/export/story.notes.yaml", err, sizeof err),
			 0);
	session_load_all(&s);
	struct buf md = {0}, js = {0}, csv = {0}, html = {0};
	assert_int_equal(export_write(&s, EXPORT_MD, &md), 0);
	assert_non_null(
	    strstr(md.s, "## Contradictions\n\n- Ana Ortiz (fire chief) in *City Wire*"));
	assert_non_null(strstr(md.s, "## Accusations left unanswered"));
	assert_int_equal(export_write(&s, EXPORT_JSONLD, &js), 0);
	json_error_t e;
	json_t *root = json_loads(js.s, 0, &e);
	assert_non_null(root);
	json_t *items = json_object_get(json_object_get(root, "first"), "items");
	assert_int_equal(json_array_size(items), s.an->nclaims + s.an->nlinks + s.an->nnotes);
	assert_int_equal(json_integer_value(json_object_get(root, "total")),
			 json_array_size(items));
	json_decref(root);
	assert_int_equal(export_write(&s, EXPORT_CSV, &csv), 0);
	size_t rows = 0;
	for (size_t i = 0; i + 1 < csv.len; i++)
		rows += csv.s[i] == '\r' && csv.s[i + 1] == '\n';
	/* the header, then a row per claim, link and note (one quote holds a
	 * bare line feed, never a CRLF) */
	assert_int_equal(rows, 1 + s.an->nclaims + s.an->nlinks + s.an->nnotes);
	assert_int_equal(export_write(&s, EXPORT_HTML, &html), 0);
	assert_non_null(strstr(html.s, "Content-Security-Policy"));
	/* the same story, the same bytes */
	struct buf again = {0};
	export_write(&s, EXPORT_HTML, &again);
	assert_int_equal(again.len, html.len);
	assert_memory_equal(again.s, html.s, html.len);
	buf_free(&again);
	buf_free(&md);
	buf_free(&js);
	buf_free(&csv);
	buf_free(&html);
	session_close(&s);
}

static void test_import_refuses(void **state)
{
	(void)state;
	struct session s;
	char err[512];
	assert_int_equal(session_open(&s, "tests/data/export/story.yaml", NULL, 0,
				      "tests/data/export/none.notes.yaml", err, sizeof err),
			 0);
	session_load_all(&s);
	size_t before = s.an->nclaims;
	struct import_stats st;
	struct buf orphans = {0};
	struct diag_list d = {0};
	const char *bad = "[\n  {\"a\": 1,}\n]";
	assert_int_equal(import_json(&s, "x.json", bad, strlen(bad), &st, &orphans, &d), 2);
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].col, 11); /* the '}' after the comma */
	diag_free(&d);
	/* a quote found twice with no context to choose: an orphan, not a guess */
	const char *twice =
	    "[{\"type\": \"Annotation\", \"target\": {\"source\": "
	    "\"https://example.org/harbour/fire?id=1&src=feed\", \"selector\": {\"type\": "
	    "\"TextQuoteSelector\", \"exact\": \"company\"}}}]";
	assert_int_equal(import_json(&s, "y.json", twice, strlen(twice), &st, &orphans, &d), 0);
	assert_int_equal(st.claims, 0);
	assert_int_equal(st.orphans, 1);
	assert_int_equal(s.an->nclaims, before);
	buf_free(&orphans);
	diag_free(&d);
	session_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ids),
	    cmocka_unit_test(test_offsets),
	    cmocka_unit_test(test_safe_url),
	    cmocka_unit_test(test_writers),
	    cmocka_unit_test(test_import_refuses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
