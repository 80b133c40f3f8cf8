/* Tests for the formats an article arrives in: detection by content
 * (HTML, front matter, Markdown, text, binary refused), HTML extraction
 * (each metadata source, junk dropped, structure kept, entities, hostile
 * nesting), plain text (pasted a paragraph a line, furniture not the
 * title, front matter), Markdown (first # heading, read-later keys). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "crossread/base/text.h"
#include "crossread/base/util.h"
#include "crossread/doc/article.h"
#include "crossread/doc/detect.h"

static struct article *mem(const char *name, const char *src)
{
	struct article *a = article_from_memory(name, src, strlen(src));
	article_load_all(a);
	assert_true(text_valid_utf8(a->text, a->len));
	return a;
}

static struct article *page(const char *head, const char *body)
{
	struct buf b = {0};
	buf_printf(&b, "<!DOCTYPE html><html><head>%s</head><body>%s</body></html>", head, body);
	struct article *a = mem("p.html", b.s);
	buf_free(&b);
	assert_int_equal(a->format, ARTICLE_HTML);
	return a;
}

#define PARA "<p>This paragraph is long enough to be taken for the text of the article.</p>"

static void test_detect(void **state)
{
	(void)state;
	const char *why;
	static const struct {
		const char *name, *data;
		int want;
	} cases[] = {
	    {"x", "<!DOCTYPE html><p>x", ARTICLE_HTML},
	    {"x.txt", "\xEF\xBB\xBF  <!-- c --><html><body>x", ARTICLE_HTML},
	    {"x.md", "<!doctype HTML>", ARTICLE_HTML},
	    {"x", "<?xml version=\"1.0\"?><html>", ARTICLE_HTML},
	    {"x.html", "just words", ARTICLE_HTML},
	    {"x", "---\ntitle: T\n---\nbody", ARTICLE_MARKDOWN},
	    {"x", "# Heading\n\nbody", ARTICLE_MARKDOWN},
	    {"x", "see [this](http://x)", ARTICLE_MARKDOWN},
	    {"x", "Just a line.\nAnother.", ARTICLE_TEXT},
	    {"x.txt", "# not a heading here", ARTICLE_TEXT},
	    {"x", "<b>bold</b> is no page", ARTICLE_TEXT},
	    {"x", "\x89PNG\r\n\x1a\n", DETECT_BINARY},
	    {"x.md", "%PDF-1.7\n", DETECT_BINARY},
	    {"x", "\xFF\xD8\xFF\xE0", DETECT_BINARY},
	    {"x", "GIF89a", DETECT_BINARY},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int f = detect_format(cases[i].name, cases[i].data, strlen(cases[i].data), &why);
		if (f != cases[i].want)
			fail_msg("case %zu (%s): got %d want %d", i, cases[i].data, f,
				 cases[i].want);
		assert_non_null(why);
	}
	/* NUL bytes: many is binary, one stray NUL in a long text is not */
	char bin[64] = "abc";
	assert_int_equal(detect_format("x", bin, sizeof bin, &why), DETECT_BINARY);
	char text[400];
	memset(text, 'a', sizeof text);
	text[100] = '\0';
	assert_int_equal(detect_format("x.md", text, sizeof text, &why), ARTICLE_MARKDOWN);
	/* furniture */
	assert_true(detect_furniture("Skip to main content", 20));
	assert_true(detect_furniture("  SUBSCRIBE  ", 13));
	assert_true(detect_furniture("Sign in |", 9));
	assert_false(detect_furniture("Subscribers rose by 10%", 23));
}

static void test_open_binary(void **state)
{
	(void)state;
	char path[] = "/tmp/crossread-binXXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
	assert_int_equal(write(fd, png, sizeof png), (ssize_t)sizeof png);
	close(fd);
	struct article *a;
	const char *err;
	assert_int_equal(article_open(&a, path, &err), -1);
	assert_null(a);
	assert_string_equal(err, "not a text article");
	/* forced, it is read (its NULs drawn visibly) */
	assert_int_equal(article_open_as(&a, path, ARTICLE_TEXT, &err), 0);
	article_load_all(a);
	assert_true(a->len > 0);
	article_free(a);
	unlink(path);
	assert_int_equal(article_format_parse("html"), ARTICLE_HTML);
	assert_int_equal(article_format_parse("markdown"), ARTICLE_MARKDOWN);
	assert_int_equal(article_format_parse("text"), ARTICLE_TEXT);
	assert_int_equal(article_format_parse("pdf"), -1);
}

static void test_html_title_sources(void **state)
{
	(void)state;
	const char *all = "<title>From title | Site</title><meta property=\"og:title\" "
			  "content=\"From og\"><script type=\"application/ld+json\">"
			  "{\"@type\":\"NewsArticle\",\"headline\":\"From ld\"}</script>";
	struct article *a = page(all, "<h1>From h1</h1>" PARA);
	assert_string_equal(a->title, "From og");
	assert_string_equal(a->title_from, "og:title");
	article_free(a);
	a = page("<title>From title | Site</title><script type=\"application/ld+json\">"
		 "{\"@type\":\"NewsArticle\",\"headline\":\"From ld\"}</script>",
		 "<h1>From h1</h1>" PARA);
	assert_string_equal(a->title, "From ld");
	article_free(a);
	a = page("<title>From title | Site</title>", "<h1>From h1</h1>" PARA);
	assert_string_equal(a->title, "From h1");
	article_free(a);
	/* the site's name after the headline goes */
	a = page("<title>A long enough headline - Daily Site</title>", PARA);
	assert_string_equal(a->title, "A long enough headline");
	assert_string_equal(a->title_from, "<title>");
	/* no h1 in the text: the title heads it */
	assert_int_equal(strncmp(a->text, "A long enough headline\n\n", 24), 0);
	assert_true(a->nspans >= 1 && a->spans[0].style == TS_HEADING);
	article_free(a);
}

static void test_html_meta_sources(void **state)
{
	(void)state;
	struct article *a =
	    page("<meta property=\"og:site_name\" content=\"OG Site\">"
		 "<meta property=\"article:published_time\" content=\"2024-01-02T03:04:05Z\">"
		 "<meta name=\"author\" content=\"By Ann Author\">"
		 "<link rel=\"canonical\" href=\"https://x.example/a\">"
		 "<meta property=\"og:url\" content=\"https://x.example/og\">",
		 "<time datetime=\"1999-01-01\">then</time>" PARA);
	assert_string_equal(a->outlet, "OG Site");
	assert_string_equal(a->date, "2024-01-02");
	assert_string_equal(a->date_from, "article:published_time");
	assert_string_equal(a->author, "Ann Author");
	assert_string_equal(a->url, "https://x.example/a");
	assert_string_equal(a->url_from, "<link rel=canonical>");
	article_free(a);
	/* JSON-LD in a @graph, @type a list, author a list, publisher an object */
	a = page("<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebSite\","
		 "\"name\":\"no\"},{\"@type\":[\"Thing\",\"NewsArticle\"],\"datePublished\":"
		 "\"2023-05-06\",\"author\":[{\"name\":\"A\"},\"B\"],\"publisher\":{\"name\":"
		 "\"LD Pub\"}}]}</script>",
		 "<time datetime=\"1999-01-01\">then</time>" PARA);
	assert_string_equal(a->outlet, "LD Pub");
	assert_string_equal(a->outlet_from, "JSON-LD publisher");
	assert_string_equal(a->date, "2023-05-06");
	assert_string_equal(a->author, "A, B");
	article_free(a);
	/* <time> last; broken JSON-LD is ignored */
	a = page("<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\",</script>",
		 "<time datetime=\"1999-01-01T10:00\">then</time>" PARA);
	assert_string_equal(a->date, "1999-01-01");
	assert_string_equal(a->date_from, "<time>");
	assert_null(a->outlet);
	article_free(a);
}

static void test_html_junk_and_structure(void **state)
{
	(void)state;
	struct article *a =
	    page("<style>p{}</style><script>var x='<p>script</p>';</script>",
		 "<nav>NAVTEXT links</nav><div class=\"cookie-banner\">COOKIETEXT we use cookies "
		 "on this site to do things</div><header>HEADERTEXT</header><main><article>"
		 "<h1>Head &amp; line</h1>" PARA
		 "<p>Second with <em>emph</em>, <strong>strong</strong>, <a href=\"x\">a link</a> "
		 "and &eacute;&rarr;&#x263A;&nbsp;end.</p>"
		 "<ul><li>one<ul><li>nested</li></ul></li><li>two</li></ul><ol><li>first</li>"
		 "<li>second</li></ol><blockquote><p>quoted words</p></blockquote>"
		 "<figure><img src=x><figcaption>the caption</figcaption></figure>"
		 "<div class=\"share-buttons\">SHARETEXT</div><aside>ASIDETEXT</aside>"
		 "<form>FORMTEXT</form><div hidden>HIDDENTEXT</div>"
		 "<div class=\"related\"><a href=\"/1\">RELATEDTEXT</a></div>"
		 "<ul><li><a href=\"/a\">LINKLIST one</a></li><li><a href=\"/b\">two</a></li></ul>"
		 "</article></main><footer>FOOTERTEXT</footer>");
	static const char *const junk[] = {"NAVTEXT",	 "COOKIETEXT", "HEADERTEXT", "SHARETEXT",
					   "ASIDETEXT",	 "FORMTEXT",   "HIDDENTEXT", "RELATEDTEXT",
					   "FOOTERTEXT", "script",     "LINKLIST"};
	for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
		if (strstr(a->text, junk[i]))
			fail_msg("junk kept: %s in\n%s", junk[i], a->text);
	assert_non_null(strstr(a->text, "Head & line\n\nThis paragraph"));
	assert_non_null(strstr(a->text, "Second with emph, strong, a link and \u00e9\u2192\u263a"
					"\u00a0end."));
	assert_non_null(strstr(a->text, "\u2022 one\n\u2022 nested\n\u2022 two"));
	assert_non_null(strstr(a->text, "1. first\n2. second"));
	assert_non_null(strstr(a->text, "quoted words"));
	assert_non_null(strstr(a->text, "the caption"));
	/* styles: heading, emphasis, strong, link, quote */
	unsigned seen = 0;
	for (size_t k = 0; k < a->nspans; k++)
		seen |= a->spans[k].style;
	assert_true(seen & TS_HEADING);
	assert_true(seen & TS_EMPH);
	assert_true(seen & TS_STRONG);
	assert_true(seen & TS_LINK);
	assert_true(seen & TS_QUOTE);
	article_free(a);
}

static void test_html_candidates(void **state)
{
	(void)state;
	/* the block with the paragraphs wins over a link-heavy one, without any
	 * <article> or <main> */
	struct article *a =
	    page("", "<div id=\"left\"><p><a href=\"1\">Link one link one link one link one</a> "
		     "<a href=\"2\">link two link two link two link two</a></p></div>"
		     "<div id=\"story\">" PARA PARA PARA "</div>");
	assert_null(strstr(a->text, "Link one"));
	assert_non_null(strstr(a->text, "This paragraph"));
	article_free(a);
	/* a JSON-LD articleBody when the page is an app shell */
	a = page("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":"
		 "\"H\",\"articleBody\":\"First para of the body.\\n\\nSecond para of it.\"}"
		 "</script>",
		 "<div id=\"root\"></div><noscript>enable JavaScript</noscript>");
	assert_string_equal(a->text, "H\n\nFirst para of the body.\n\nSecond para of it.");
	article_free(a);
	/* no text at all, an empty page, garbage: no crash, an empty article */
	static const char *const odd[] = {"<!DOCTYPE html>", "<html></html>",
					  "<html><body><<<>>>&&&;</body>", "<html\x01\x02>"};
	for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
		a = mem("o.html", odd[i]);
		assert_true(a->complete && a->nlines >= 1);
		article_free(a);
	}
}

static void test_html_hostile(void **state)
{
	(void)state;
	/* 100,000 open elements: the text below them is kept, no stack used */
	struct buf b = {0};
	buf_adds(&b, "<!DOCTYPE html><body>");
	for (int i = 0; i < 100000; i++)
		buf_adds(&b, "<div>");
	buf_adds(&b, PARA);
	struct article *a = mem("deep.html", b.s);
	assert_non_null(strstr(a->text, "This paragraph"));
	article_free(a);
	/* an entity flood decodes to its characters */
	b.len = 0;
	buf_adds(&b, "<!DOCTYPE html><body><p>");
	for (int i = 0; i < 100000; i++)
		buf_adds(&b, "&amp;&bogus;");
	a = mem("ent.html", b.s);
	assert_int_equal(a->len, 100000 * strlen("&&bogus;"));
	article_free(a);
	/* the same bytes give the same text */
	struct article *x = mem("d.html", "<!DOCTYPE html><p>a <b>b</b> c</p><p>d</p>");
	struct article *y = mem("d.html", "<!DOCTYPE html><p>a <b>b</b> c</p><p>d</p>");
	assert_int_equal(x->len, y->len);
	assert_memory_equal(x->text, y->text, x->len);
	article_free(x);
	article_free(y);
	buf_free(&b);
}

static void test_text_paste(void **state)
{
	(void)state;
	/* a browser paste: a paragraph a line, furniture first */
	struct buf b = {0};
	buf_adds(&b, "Skip to main content\nSubscribe\nSign in\nRiver closes to ships\nBy A. "
		     "Writer\n");
	for (int i = 0; i < 3; i++)
		buf_printf(&b,
			   "Paragraph %d is a long line as a browser copies it, with no "
			   "line breaks inside it at all, going on well past any width a "
			   "hard-wrapped text would have.\n",
			   i);
	struct article *a = mem("p.txt", b.s);
	assert_string_equal(a->title, "River closes to ships");
	assert_true(a->text_paste);
	assert_non_null(strstr(a->text, "River closes to ships\n\nBy A. Writer\n\nParagraph 0"));
	assert_non_null(strstr(a->text, "would have.\n\nParagraph 1"));
	article_free(a);
	/* hard-wrapped text with blank lines keeps joining its lines */
	a = mem("w.txt", "Title\n\nA hard wrapped line that is longer than forty chars\n"
			 "goes on here.\n");
	assert_false(a->text_paste);
	assert_non_null(strstr(a->text, "chars goes on"));
	article_free(a);
	/* furniture only: the first line is still the title */
	a = mem("f.txt", "Subscribe\n");
	assert_string_equal(a->title, "Subscribe");
	article_free(a);
	buf_free(&b);
}

static void test_text_front_matter(void **state)
{
	(void)state;
	struct article *a = mem(
	    "t.txt", "---\ntitle: Read later\nsite_name: The Site\ndate_published: "
		     "2024-02-03\nauthors: [Ann, Bob]\nurl: https://x.example/\n---\nBody line.\n");
	assert_string_equal(a->title, "Read later");
	assert_string_equal(a->outlet, "The Site");
	assert_string_equal(a->date, "2024-02-03");
	assert_string_equal(a->author, "Ann, Bob");
	assert_string_equal(a->url, "https://x.example/");
	assert_string_equal(a->text, "Body line.");
	assert_int_equal(a->format, ARTICLE_TEXT);
	article_free(a);
}

static void test_markdown_meta(void **state)
{
	(void)state;
	/* the first # heading is the title when front matter gives none */
	struct article *a =
	    mem("m.md", "Intro line\n\n```\n# not this\n```\n\n# The Title #\n\nx\n");
	assert_string_equal(a->title, "The Title");
	assert_string_equal(a->title_from, "first # heading");
	article_free(a);
	a = mem("m.md", "---\noutlet: O\n---\n# Heading title\n");
	assert_string_equal(a->title, "Heading title");
	article_free(a);
	/* every key name read-later tools use */
	static const struct {
		const char *fm, *field, *want;
	} keys[] = {
	    {"author: A", "author", "A"},
	    {"byline: B", "author", "B"},
	    {"sitename: S", "outlet", "S"},
	    {"publisher: P", "outlet", "P"},
	    {"site_name: N", "outlet", "N"},
	    {"published: 2020-01-01", "date", "2020-01-01"},
	    {"date_published: D", "date", "D"},
	    {"source: https://s.example/", "url", "https://s.example/"},
	    {"canonical: https://c.example/", "url", "https://c.example/"},
	    {"source: 000_seed.txt", "url", NULL},
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		struct buf b = {0};
		buf_printf(&b, "---\ntitle: T\n%s\n---\nbody\n", keys[i].fm);
		a = mem("k.md", b.s);
		const char *got = !strcmp(keys[i].field, "author")   ? a->author
				  : !strcmp(keys[i].field, "outlet") ? a->outlet
				  : !strcmp(keys[i].field, "date")   ? a->date
								     : a->url;
		if (keys[i].want)
			assert_string_equal(got, keys[i].want);
		else
			assert_null(got);
		article_free(a);
		buf_free(&b);
	}
}

static void test_stdin(void **state)
{
	(void)state;
	int p[2];
	assert_int_equal(pipe(p), 0);
	static const char page_src[] = "<!DOCTYPE html><title>Piped in</title>" PARA;
	assert_int_equal(write(p[1], page_src, sizeof page_src - 1), (ssize_t)sizeof page_src - 1);
	close(p[1]);
	int saved = dup(STDIN_FILENO);
	dup2(p[0], STDIN_FILENO);
	close(p[0]);
	struct article *a;
	const char *err;
	assert_int_equal(article_open(&a, "-", &err), 0);
	dup2(saved, STDIN_FILENO);
	close(saved);
	article_load_all(a);
	assert_int_equal(a->format, ARTICLE_HTML);
	assert_string_equal(a->title, "Piped in");
	assert_non_null(strstr(a->text, "This paragraph"));
	article_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_detect),
	    cmocka_unit_test(test_open_binary),
	    cmocka_unit_test(test_html_title_sources),
	    cmocka_unit_test(test_html_meta_sources),
	    cmocka_unit_test(test_html_junk_and_structure),
	    cmocka_unit_test(test_html_candidates),
	    cmocka_unit_test(test_html_hostile),
	    cmocka_unit_test(test_text_paste),
	    cmocka_unit_test(test_text_front_matter),
	    cmocka_unit_test(test_markdown_meta),
	    cmocka_unit_test(test_stdin),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
