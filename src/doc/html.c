/* html: owns main-text extraction from web pages. libxml2 parses the page
 * (recovering from bad markup, never loading anything); one walk reads the
 * metadata (<meta>, <link rel=canonical>, <title>, <time>, JSON-LD through
 * jansson) and scores every element by the paragraph text below it and the
 * share of it inside links; the best candidate (an <article>, <main> or
 * articleBody around it preferred) is then rendered block by block into the
 * article's display text. Junk (navigation, banners, forms, share and
 * related-link blocks) is recognised by tag, role and class. Every walk is
 * iterative over the tree's parent links, so a page nested 100,000 deep
 * costs no stack. */
#include "crossread/doc/html.h"

#include <ctype.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crossread/base/text.h"
#include "crossread/base/util.h"
#include "crossread/doc/article.h"
#include "crossread/doc/detect.h"

/* JSON-LD scripts larger than this are not parsed */
#define JSONLD_MAX (4u << 20)
/* how deep a JSON-LD value is searched for the article object */
#define JSONLD_DEPTH 8
/* a paragraph shorter than this (bytes, links excluded) scores nothing */
#define PARA_MIN 25
/* libxml2 stops at 256 open elements unless told XML_PARSE_HUGE (which
 * also lifts its limits on text node size; the page itself is bounded by
 * HTML_MAX_SIZE, and every walk here is iterative) */
#define HTML_PARSE_HUGE_DEPTH XML_PARSE_HUGE
/* list nesting remembered for item numbers */
#define LIST_MAX 32

struct stat_s {
	size_t text, link; /* text bytes below (non-space), inside links */
	size_t direct;	   /* text bytes in its own text nodes, outside links */
	double score;	   /* paragraph text credited to this element */
	bool junk;	   /* is_junk(n, true), found once */
};

struct meta_found {
	char *og_title, *ld_headline, *h1, *title;
	char *og_site, *ld_publisher, *app_name;
	char *pub_time, *ld_date, *meta_date, *time_dt;
	char *meta_author, *ld_author;
	char *canonical, *og_url, *ld_url;
	char *ld_body;
};

/* ---- attributes and names ---- */

/* libxml2's HTML parser gives tag and attribute names in lower case */
static bool name_is(const xmlNode *n, const char *name)
{
	return n->name && !strcmp((const char *)n->name, name);
}

/* an attribute's value without copying (NULL if absent or not plain text) */
static const char *attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *p = n->properties; p; p = p->next)
		if (p->name && !strcmp((const char *)p->name, name)) {
			if (p->children && p->children->type == XML_TEXT_NODE &&
			    p->children->content)
				return (const char *)p->children->content;
			return "";
		}
	return NULL;
}

static bool ci_contains(const char *hay, const char *needle)
{
	size_t m = strlen(needle);
	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, m))
			return true;
	return false;
}

static bool is_heading(const xmlNode *n)
{
	return n->name && (n->name[0] == 'h' || n->name[0] == 'H') && n->name[1] >= '1' &&
	       n->name[1] <= '6' && !n->name[2];
}

/* tags whose content is never article text */
static bool junk_tag(const xmlNode *n)
{
	static const char *const tags[] = {
	    "nav",    "footer", "aside",  "script", "style",	"noscript", "form",
	    "iframe", "svg",	"button", "select", "textarea", "input",    "template",
	    "object", "embed",	"canvas", "head",   "video",	"audio",    "map",
	    "dialog", "menu",	"link",	  "meta",   "label",	"option",
	};
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
		if (name_is(n, tags[i]))
			return true;
	return false;
}

/* class or id words that mark page furniture */
static bool junk_words(const char *v)
{
	static const char *const always[] = {
	    "cookie",	  "consent",	   "gdpr",	   "share",	"sharing",    "social",
	    "newsletter", "subscri",	   "paywall",	   "advert",	"sponsor",    "outbrain",
	    "taboola",	  "related",	   "recommend",	   "popup",	"modal",      "promo",
	    "breadcrumb", "skip-link",	   "skiplink",	   "most-read", "mostread",   "trending",
	    "signup",	  "comments",	   "more-stories", "read-next", "readnext",   "toolbar",
	    "author-bio", "site-header",   "site-footer",  "masthead",	"navbar",     "sidebar",
	    "byline",	  "article__meta", "article-meta", "post-meta", "entry-meta", "dateline",
	    "timestamp",  "contributor",
	};
	for (size_t i = 0; i < sizeof always / sizeof always[0]; i++)
		if (ci_contains(v, always[i]))
			return true;
	/* a class that is exactly "ad" or "ads", or begins "ad-" */
	for (const char *p = v; *p;) {
		while (*p == ' ')
			p++;
		size_t w = strcspn(p, " ");
		if ((w == 2 && !strncasecmp(p, "ad", 2)) || (w == 3 && !strncasecmp(p, "ads", 3)) ||
		    (w > 3 && !strncasecmp(p, "ad-", 3)))
			return true;
		p += w;
	}
	return false;
}

/* an element that is never article text: by tag, role, hiding or class */
static bool is_junk(const xmlNode *n, bool allow_header)
{
	if (n->type != XML_ELEMENT_NODE)
		return false;
	if (junk_tag(n) || (!allow_header && name_is(n, "header")))
		return true;
	if (name_is(n, "body") || name_is(n, "html"))
		return false;
	const char *v;
	if ((v = attr(n, "role")) &&
	    (!strcasecmp(v, "navigation") || !strcasecmp(v, "banner") ||
	     !strcasecmp(v, "contentinfo") || !strcasecmp(v, "complementary") ||
	     !strcasecmp(v, "search") || !strcasecmp(v, "dialog") ||
	     !strcasecmp(v, "alertdialog") || !strcasecmp(v, "menu") || !strcasecmp(v, "menubar")))
		return true;
	if ((v = attr(n, "aria-hidden")) && !strcasecmp(v, "true"))
		return true;
	if (attr(n, "hidden"))
		return true;
	if ((v = attr(n, "style")) &&
	    (ci_contains(v, "display:none") || ci_contains(v, "display: none") ||
	     ci_contains(v, "visibility:hidden")))
		return true;
	if ((v = attr(n, "class")) && junk_words(v))
		return true;
	if ((v = attr(n, "id")) && junk_words(v))
		return true;
	return false;
}

/* is this the semantic container of an article? */
static bool is_article_node(const xmlNode *n)
{
	const char *v;
	return name_is(n, "article") || name_is(n, "main") ||
	       ((v = attr(n, "role")) && !strcasecmp(v, "main")) ||
	       ((v = attr(n, "itemprop")) && !strcasecmp(v, "articleBody"));
}

/* ---- iterative walk ---- */

/* enter returns whether to go into the node's children; leave is called
 * after the children of every node gone into (and only those) */
typedef bool (*enter_fn)(void *ctx, xmlNode *n);
typedef void (*leave_fn)(void *ctx, xmlNode *n);

static void walk(xmlNode *root, enter_fn enter, leave_fn leave, void *ctx)
{
	xmlNode *n = root;
	while (n) {
		if (enter(ctx, n)) {
			if (n->children) {
				n = n->children;
				continue;
			}
			leave(ctx, n);
		}
		while (n != root && !n->next) {
			n = n->parent;
			leave(ctx, n);
		}
		if (n == root)
			break;
		n = n->next;
	}
}

/* the text below n, white space collapsed (iterative) */
static char *node_text(xmlNode *root)
{
	struct buf b = {0};
	xmlNode *n = root->children;
	bool space = true;
	while (n && n != root) {
		if (n->type == XML_TEXT_NODE && n->content) {
			for (const unsigned char *c = n->content; *c && b.len < 4096; c++) {
				if (isspace(*c)) {
					if (!space)
						buf_addc(&b, ' ');
					space = true;
				} else {
					buf_addc(&b, (char)*c);
					space = false;
				}
			}
		}
		if (n->type == XML_ELEMENT_NODE && n->children && !junk_tag(n)) {
			n = n->children;
			continue;
		}
		while (n != root && !n->next)
			n = n->parent;
		if (n == root)
			break;
		n = n->next;
	}
	while (b.len && b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';
	if (!b.len) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static size_t nonspace(const char *s)
{
	size_t k = 0;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			k++;
	return k;
}

/* ---- JSON-LD ---- */

static void set_once(char **slot, const char *v)
{
	if (!*slot && v && *v)
		*slot = xstrdup(v);
}

static const char *json_str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* a person or organisation: a string, {"name": ...}, or a list of them */
static char *json_names(json_t *v)
{
	if (json_is_string(v))
		return *json_string_value(v) ? xstrdup(json_string_value(v)) : NULL;
	if (json_is_object(v)) {
		const char *s = json_str(v, "name");
		return s && *s ? xstrdup(s) : NULL;
	}
	if (!json_is_array(v))
		return NULL;
	struct buf b = {0};
	for (size_t i = 0; i < json_array_size(v) && i < 16; i++) {
		json_t *e = json_array_get(v, i);
		char *one = json_is_array(e) ? NULL : json_names(e);
		if (one) {
			if (b.len)
				buf_adds(&b, ", ");
			buf_adds(&b, one);
			free(one);
		}
	}
	return b.len ? buf_detach(&b) : NULL;
}

static bool json_is_article(json_t *o)
{
	static const char *const types[] = {
	    "Article",
	    "NewsArticle",
	    "BlogPosting",
	    "ReportageNewsArticle",
	    "AnalysisNewsArticle",
	    "OpinionNewsArticle",
	    "Report",
	    "ScholarlyArticle",
	    "TechArticle",
	    "LiveBlogPosting",
	};
	json_t *t = json_object_get(o, "@type");
	size_t n = json_is_array(t) ? json_array_size(t) : 1;
	for (size_t i = 0; i < n && i < 16; i++) {
		json_t *e = json_is_array(t) ? json_array_get(t, i) : t;
		if (!json_is_string(e))
			continue;
		for (size_t k = 0; k < sizeof types / sizeof types[0]; k++)
			if (!strcmp(json_string_value(e), types[k]))
				return true;
	}
	return false;
}

static void jsonld_take(struct meta_found *m, json_t *o)
{
	set_once(&m->ld_headline, json_str(o, "headline"));
	set_once(&m->ld_body, json_str(o, "articleBody"));
	set_once(&m->ld_date, json_str(o, "datePublished"));
	set_once(&m->ld_url, json_str(o, "url"));
	if (!m->ld_author)
		m->ld_author = json_names(json_object_get(o, "author"));
	if (!m->ld_publisher)
		m->ld_publisher = json_names(json_object_get(o, "publisher"));
}

static void jsonld_search(struct meta_found *m, json_t *v, int depth)
{
	if (depth > JSONLD_DEPTH)
		return;
	if (json_is_array(v)) {
		for (size_t i = 0; i < json_array_size(v) && i < 256; i++)
			jsonld_search(m, json_array_get(v, i), depth + 1);
	} else if (json_is_object(v)) {
		if (json_is_article(v))
			jsonld_take(m, v);
		json_t *g = json_object_get(v, "@graph");
		if (g)
			jsonld_search(m, g, depth + 1);
		json_t *me = json_object_get(v, "mainEntity");
		if (me)
			jsonld_search(m, me, depth + 1);
	}
}

static void jsonld_read(struct meta_found *m, xmlNode *script)
{
	struct buf b = {0};
	for (xmlNode *c = script->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content &&
		    b.len < JSONLD_MAX)
			buf_adds(&b, (const char *)c->content);
	if (b.len && b.len < JSONLD_MAX) {
		json_error_t err;
		json_t *v = json_loadb(b.s, b.len, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &err);
		if (v) {
			jsonld_search(m, v, 0);
			json_decref(v);
		}
	}
	buf_free(&b);
}

/* ---- first walk: metadata and scores ---- */

struct scan {
	struct meta_found *m;
	struct stat_s *st; /* per element, index in _private (1-based) */
	xmlNode **nodes;
	size_t n, cap, nodes_cap;
	int in_link, junk_depth;
};

static struct stat_s *stat_of(struct scan *s, const xmlNode *n)
{
	uintptr_t i = (uintptr_t)n->_private;
	return i ? &s->st[i - 1] : NULL;
}

static void scan_meta(struct scan *s, xmlNode *n)
{
	struct meta_found *m = s->m;
	if (name_is(n, "meta")) {
		const char *key = attr(n, "property");
		if (!key)
			key = attr(n, "name");
		if (!key)
			key = attr(n, "itemprop");
		const char *v = attr(n, "content");
		if (!key || !v)
			return;
		if (!strcasecmp(key, "og:title"))
			set_once(&m->og_title, v);
		else if (!strcasecmp(key, "og:site_name"))
			set_once(&m->og_site, v);
		else if (!strcasecmp(key, "application-name"))
			set_once(&m->app_name, v);
		else if (!strcasecmp(key, "article:published_time"))
			set_once(&m->pub_time, v);
		else if (!strcasecmp(key, "date") || !strcasecmp(key, "pubdate") ||
			 !strcasecmp(key, "dc.date") || !strcasecmp(key, "datePublished") ||
			 !strcasecmp(key, "parsely-pub-date"))
			set_once(&m->meta_date, v);
		else if ((!strcasecmp(key, "author") || !strcasecmp(key, "article:author") ||
			  !strcasecmp(key, "byl") || !strcasecmp(key, "dc.creator")) &&
			 !strstr(v, "://"))
			set_once(&m->meta_author, !strncasecmp(v, "By ", 3) ? v + 3 : v);
		else if (!strcasecmp(key, "og:url"))
			set_once(&m->og_url, v);
	} else if (name_is(n, "link")) {
		const char *rel = attr(n, "rel"), *href = attr(n, "href");
		if (rel && href && !strcasecmp(rel, "canonical"))
			set_once(&m->canonical, href);
	} else if (name_is(n, "title") && !m->title) {
		m->title = node_text(n);
	} else if (name_is(n, "script")) {
		const char *t = attr(n, "type");
		if (t && !strcasecmp(t, "application/ld+json"))
			jsonld_read(m, n);
	} else if (name_is(n, "time") && !m->time_dt) {
		set_once(&m->time_dt, attr(n, "datetime"));
	} else if (name_is(n, "h1") && !m->h1) {
		m->h1 = node_text(n);
	}
}

static bool scan_enter(void *ctx, xmlNode *n)
{
	struct scan *s = ctx;
	if (n->type == XML_TEXT_NODE) {
		if (s->junk_depth || !n->content || !n->parent)
			return false;
		struct stat_s *p = stat_of(s, n->parent);
		if (p) {
			size_t k = nonspace((const char *)n->content);
			p->text += k;
			if (s->in_link)
				p->link += k;
			else
				p->direct += k;
		}
		return false;
	}
	if (n->type != XML_ELEMENT_NODE)
		return false;
	scan_meta(s, n);
	GROW(s->st, s->cap, s->n + 1);
	GROW(s->nodes, s->nodes_cap, s->n + 1);
	bool junk = is_junk(n, true);
	s->st[s->n] = (struct stat_s){.junk = junk};
	s->nodes[s->n] = n;
	n->_private = (void *)(uintptr_t)(s->n + 1);
	s->n++;
	if (junk || name_is(n, "header"))
		s->junk_depth++;
	if (name_is(n, "a"))
		s->in_link++;
	return true;
}

static void scan_leave(void *ctx, xmlNode *n)
{
	struct scan *s = ctx;
	struct stat_s *st = n->type == XML_ELEMENT_NODE ? stat_of(s, n) : NULL;
	if (!st)
		return;
	if (name_is(n, "a"))
		s->in_link--;
	if (st->junk || name_is(n, "header")) {
		s->junk_depth--;
		*st = (struct stat_s){.junk = st->junk};
		return;
	}
	struct stat_s *p = n->parent ? stat_of(s, n->parent) : NULL;
	if (!p)
		return;
	p->text += st->text;
	p->link += st->link;
	if (!name_is(n, "p") && !is_heading(n) && st->direct >= PARA_MIN * 4 &&
	    st->link * 2 < st->text) {
		/* text set straight in a <div> or <td>, paragraphs made with <br> */
		st->score += (double)st->direct;
		p->score += (double)st->direct / 2;
	}
	if (name_is(n, "p") || name_is(n, "pre") || name_is(n, "blockquote")) {
		size_t own = st->text - st->link;
		if (own >= PARA_MIN && st->link * 2 < st->text) {
			p->score += (double)own;
			struct stat_s *g = n->parent->parent ? stat_of(s, n->parent->parent) : NULL;
			if (g)
				g->score += (double)own / 2;
		}
	}
}

/* ---- rendering ---- */

struct run {
	size_t start, end;
	unsigned style;
};

struct render {
	struct article *a;
	struct scan *sc;
	xmlNode *root;
	struct buf line;
	struct run *runs;
	size_t nruns, runs_cap;
	int emph, strong, link, code, quote, heading, pre, header, item;
	bool item_pending, prev_item;
	char marker[24];
	int list_n[LIST_MAX];
	int list_depth;
};

static unsigned cur_style(const struct render *r)
{
	return (r->heading ? TS_HEADING : 0) | (r->emph ? TS_EMPH : 0) |
	       (r->strong ? TS_STRONG : 0) | (r->link ? TS_LINK : 0) | (r->code ? TS_CODE : 0) |
	       (r->quote ? TS_QUOTE : 0);
}

static void line_add(struct render *r, const char *s, size_t n, unsigned style)
{
	if (!n)
		return;
	struct run *last = r->nruns ? &r->runs[r->nruns - 1] : NULL;
	if (last && last->style == style && last->end == r->line.len) {
		last->end += n;
	} else {
		GROW(r->runs, r->runs_cap, r->nruns + 1);
		r->runs[r->nruns++] = (struct run){r->line.len, r->line.len + n, style};
	}
	buf_add(&r->line, s, n);
}

/* text in HTML's white space rules: runs of spaces, tabs and newlines are
 * one space, none at the start of a block */
static void add_text(struct render *r, const char *s)
{
	unsigned style = cur_style(r);
	if (r->pre) {
		line_add(r, s, strlen(s), style | TS_CODE);
		return;
	}
	while (*s) {
		size_t w = strcspn(s, " \t\r\n\f");
		line_add(r, s, w, style);
		s += w;
		if (!*s)
			break;
		while (*s && strchr(" \t\r\n\f", *s))
			s++;
		bool at_start = !r->line.len || r->line.s[r->line.len - 1] == ' ' ||
				r->line.s[r->line.len - 1] == '\n';
		if (!at_start)
			line_add(r, " ", 1, style & ~(unsigned)TS_LINK);
	}
}

static void put_clean(struct article *a, const char *s, size_t n, unsigned style)
{
	size_t cl;
	char *c = text_clean(s, n, &cl);
	size_t i = 0;
	while (i < cl) {
		const char *nl = memchr(c + i, '\n', cl - i);
		size_t e = nl ? (size_t)(nl - c) : cl;
		article_put(a, c + i, e - i, style);
		if (!nl)
			break;
		article_newline(a);
		i = e + 1;
	}
	free(c);
}

/* the collected line becomes a block of the display text */
static void flush(struct render *r)
{
	size_t b = 0, e = r->line.len;
	const char *s = r->line.s;
	while (b < e && strchr(" \n", s[b]))
		b++;
	while (e > b && strchr(" \n", s[e - 1]))
		e--;
	bool empty = b == e || detect_furniture(s + b, e - b);
	if (!empty) {
		bool item = r->item_pending;
		if (item && r->prev_item)
			article_newline(r->a);
		else
			article_begin_block(r->a);
		if (item)
			article_put(r->a, r->marker, strlen(r->marker), 0);
		for (size_t k = 0; k < r->nruns; k++) {
			size_t rs = r->runs[k].start < b ? b : r->runs[k].start;
			size_t re = r->runs[k].end > e ? e : r->runs[k].end;
			if (rs < re)
				put_clean(r->a, s + rs, re - rs, r->runs[k].style);
		}
		r->prev_item = item;
		r->item_pending = false;
	}
	r->line.len = 0;
	if (r->line.s)
		r->line.s[0] = '\0';
	r->nruns = 0;
}

static bool is_block(const xmlNode *n)
{
	static const char *const tags[] = {
	    "p",       "div", "section", "article", "main",    "blockquote", "figcaption",
	    "li",      "dd",  "dt",	 "pre",	    "table",   "tr",	     "ul",
	    "ol",      "dl",  "figure",	 "header",  "address", "details",    "summary",
	    "caption", "hr",  "body",	 "center",  "hgroup",
	};
	if (is_heading(n))
		return true;
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
		if (name_is(n, tags[i]))
			return true;
	return false;
}

/* a block inside the article whose text is mostly links (a list of related
 * stories, a tag list) */
static bool link_block(struct render *r, const xmlNode *n)
{
	if (n == r->root || is_heading(n) || !is_block(n))
		return false;
	struct stat_s *st = stat_of(r->sc, n);
	if (!st || !st->text)
		return false;
	return st->link * 2 >= st->text && !name_is(n, "blockquote");
}

static bool render_enter(void *ctx, xmlNode *n)
{
	struct render *r = ctx;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content && (!r->header || r->heading))
			add_text(r, (const char *)n->content);
		return false;
	}
	if (n->type != XML_ELEMENT_NODE)
		return false;
	struct stat_s *st = stat_of(r->sc, n);
	if (n != r->root && ((st ? st->junk : is_junk(n, true)) || link_block(r, n)))
		return false;
	if (name_is(n, "br")) {
		line_add(r, "\n", 1, 0);
		return false;
	}
	if (name_is(n, "img"))
		return false;
	if (name_is(n, "hr")) {
		flush(r);
		article_begin_block(r->a);
		article_put(r->a, "\u2500\u2500\u2500\u2500\u2500\u2500\u2500\u2500", 24, TS_RULE);
		r->prev_item = false;
		return false;
	}
	if (name_is(n, "td") || name_is(n, "th")) {
		if (r->line.len)
			line_add(r, " ", 1, 0);
	}
	if (is_block(n))
		flush(r);
	if (name_is(n, "ul") || name_is(n, "ol")) {
		if (r->list_depth < LIST_MAX)
			r->list_n[r->list_depth] = name_is(n, "ol") ? 1 : 0;
		r->list_depth++;
	} else if (name_is(n, "li")) {
		int d = r->list_depth - 1;
		if (d >= 0 && d < LIST_MAX && r->list_n[d])
			snprintf(r->marker, sizeof r->marker, "%d. ", r->list_n[d]++);
		else
			strcpy(r->marker, "\u2022 ");
		r->item_pending = true;
	} else if (is_heading(n)) {
		r->heading++;
	} else if (name_is(n, "blockquote")) {
		r->quote++;
	} else if (name_is(n, "pre")) {
		r->pre++;
	} else if (name_is(n, "header")) {
		r->header++;
	} else if (name_is(n, "em") || name_is(n, "i") || name_is(n, "cite")) {
		r->emph++;
	} else if (name_is(n, "strong") || name_is(n, "b")) {
		r->strong++;
	} else if (name_is(n, "a")) {
		r->link++;
	} else if (name_is(n, "code") || name_is(n, "kbd") || name_is(n, "samp") ||
		   name_is(n, "tt")) {
		r->code++;
	}
	return true;
}

static void render_leave(void *ctx, xmlNode *n)
{
	struct render *r = ctx;
	if (n->type != XML_ELEMENT_NODE)
		return;
	if (is_block(n))
		flush(r);
	if (name_is(n, "ul") || name_is(n, "ol"))
		r->list_depth--;
	else if (is_heading(n))
		r->heading--;
	else if (name_is(n, "blockquote"))
		r->quote--;
	else if (name_is(n, "pre"))
		r->pre--;
	else if (name_is(n, "header"))
		r->header--;
	else if (name_is(n, "em") || name_is(n, "i") || name_is(n, "cite"))
		r->emph--;
	else if (name_is(n, "strong") || name_is(n, "b"))
		r->strong--;
	else if (name_is(n, "a"))
		r->link--;
	else if (name_is(n, "code") || name_is(n, "kbd") || name_is(n, "samp") || name_is(n, "tt"))
		r->code--;
}

/* does the subtree hold a heading that is not junk? */
static bool has_h1(xmlNode *root)
{
	xmlNode *n = root->children;
	while (n && n != root) {
		bool down = n->type == XML_ELEMENT_NODE && !is_junk(n, true);
		if (down && name_is(n, "h1"))
			return true;
		if (down && n->children) {
			n = n->children;
			continue;
		}
		while (n != root && !n->next)
			n = n->parent;
		if (n == root)
			break;
		n = n->next;
	}
	return false;
}

/* ---- choosing the candidate ---- */

static xmlNode *choose(struct scan *s, xmlNode *body)
{
	xmlNode *best = NULL;
	double best_score = 0;
	for (size_t i = 0; i < s->n; i++) {
		struct stat_s *st = &s->st[i];
		if (st->score <= 0)
			continue;
		double density = st->text ? (double)st->link / (double)st->text : 1;
		double sc = st->score * (1 - density);
		if (sc > best_score) {
			best_score = sc;
			best = s->nodes[i];
		}
	}
	if (!best) {
		/* no paragraph anywhere: the first article-like element, else body */
		for (size_t i = 0; i < s->n; i++)
			if (is_article_node(s->nodes[i]) && s->st[i].text)
				return s->nodes[i];
		return body;
	}
	/* the article around the best block carries its headline, standfirst
	 * and captions: the outermost article-like ancestor that is not
	 * mostly links */
	xmlNode *pick = best;
	for (xmlNode *up = best; up && up->type == XML_ELEMENT_NODE; up = up->parent) {
		if (name_is(up, "body"))
			break;
		struct stat_s *st = stat_of(s, up);
		if (is_article_node(up) && st && st->link * 3 < st->text)
			pick = up;
	}
	return pick;
}

/* ---- metadata ---- */

/* "Headline | Site", "Headline - Site": the headline */
static char *strip_site_suffix(const char *t)
{
	static const char *const seps[] = {" | ",      " - ",  " \u2013 ",
					   " \u2014 ", " :: ", " \u00b7 "};
	const char *cut = NULL;
	for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
		const char *p = t, *q;
		while ((q = strstr(p, seps[i]))) {
			if (!cut || q > cut)
				cut = q;
			p = q + 1;
		}
	}
	if (cut && (size_t)(cut - t) > strlen(cut))
		return xstrndup(t, (size_t)(cut - t));
	return xstrdup(t);
}

/* an ISO 8601 timestamp is shown as its date */
static void put_date(struct article *a, const char *from, const char *v)
{
	size_t n = strlen(v);
	if (n > 10 && isdigit((unsigned char)v[0]) && isdigit((unsigned char)v[3]) && v[4] == '-' &&
	    v[7] == '-' && isdigit((unsigned char)v[9]) && (v[10] == 'T' || v[10] == ' '))
		n = 10;
	article_set_meta(a, &a->date, &a->date_from, from, v, n);
}

static void meta_apply(struct article *a, struct meta_found *m)
{
#define SET(field, src, label)                                                                     \
	if (src)                                                                                   \
	article_set_meta(a, &a->field, &a->field##_from, label, src, strlen(src))
	SET(title, m->og_title, "og:title");
	SET(title, m->ld_headline, "JSON-LD headline");
	SET(title, m->h1, "<h1>");
	if (m->title && !a->title) {
		char *t = strip_site_suffix(m->title);
		SET(title, t, "<title>");
		free(t);
	}
	SET(outlet, m->og_site, "og:site_name");
	SET(outlet, m->ld_publisher, "JSON-LD publisher");
	SET(outlet, m->app_name, "application-name");
	if (m->pub_time)
		put_date(a, "article:published_time", m->pub_time);
	if (m->ld_date)
		put_date(a, "JSON-LD datePublished", m->ld_date);
	if (m->meta_date)
		put_date(a, "<meta name=date>", m->meta_date);
	if (m->time_dt)
		put_date(a, "<time>", m->time_dt);
	SET(author, m->meta_author, "<meta name=author>");
	SET(author, m->ld_author, "JSON-LD author");
	SET(url, m->canonical, "<link rel=canonical>");
	SET(url, m->og_url, "og:url");
	SET(url, m->ld_url, "JSON-LD url");
#undef SET
}

static void meta_free(struct meta_found *m)
{
	char **all[] = {&m->og_title,  &m->ld_headline,	 &m->h1,       &m->title,
			&m->og_site,   &m->ld_publisher, &m->app_name, &m->pub_time,
			&m->ld_date,   &m->meta_date,	 &m->time_dt,  &m->meta_author,
			&m->ld_author, &m->canonical,	 &m->og_url,   &m->ld_url,
			&m->ld_body};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		free(*all[i]);
}

/* JSON-LD articleBody: paragraphs at line breaks */
static void render_plain(struct article *a, const char *s)
{
	while (*s) {
		size_t w = strcspn(s, "\n");
		size_t b = 0, e = w;
		while (b < e && isspace((unsigned char)s[b]))
			b++;
		while (e > b && isspace((unsigned char)s[e - 1]))
			e--;
		if (e > b) {
			article_begin_block(a);
			put_clean(a, s + b, e - b, 0);
		}
		s += w;
		if (*s)
			s++;
	}
}

static void heading_block(struct article *a, const char *t)
{
	article_begin_block(a);
	put_clean(a, t, strlen(t), TS_HEADING);
}

void html_extract(struct article *a, const char *page, size_t len)
{
	if (len > HTML_MAX_SIZE)
		len = HTML_MAX_SIZE;
	/* a page that declares no charset is read as UTF-8, not Latin-1 */
	size_t head = len < 4096 ? len : 4096;
	bool declared = false;
	for (size_t i = 0; i + 7 <= head && !declared; i++)
		declared = !strncasecmp(page + i, "charset", 7);
	htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
	htmlDocPtr doc = NULL;
	if (ctxt && len)
		doc = htmlCtxtReadMemory(ctxt, page, (int)len, NULL, declared ? NULL : "UTF-8",
					 HTML_PARSE_NONET | HTML_PARSE_NOERROR |
					     HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER |
					     HTML_PARSE_COMPACT | HTML_PARSE_HUGE_DEPTH);
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	struct meta_found m = {0};
	struct scan sc = {.m = &m};
	xmlNode *body = NULL;
	if (root) {
		walk(root, scan_enter, scan_leave, &sc);
		for (size_t i = 0; i < sc.n && !body; i++)
			if (name_is(sc.nodes[i], "body"))
				body = sc.nodes[i];
		if (!body)
			body = root;
	}
	meta_apply(a, &m);
	xmlNode *cand = root ? choose(&sc, body) : NULL;
	struct stat_s *cst = cand ? stat_of(&sc, cand) : NULL;
	size_t dom_text = cst ? cst->text - cst->link : 0;
	if (m.ld_body && dom_text * 2 < nonspace(m.ld_body)) {
		/* an app shell or a teaser: the structured data has the text */
		if (a->title)
			heading_block(a, a->title);
		render_plain(a, m.ld_body);
	} else if (cand) {
		if (!has_h1(cand) && (m.h1 || a->title))
			heading_block(a, m.h1 ? m.h1 : a->title);
		struct render r = {.a = a, .sc = &sc, .root = cand};
		walk(cand, render_enter, render_leave, &r);
		flush(&r);
		buf_free(&r.line);
		free(r.runs);
	}
	meta_free(&m);
	free(sc.st);
	free(sc.nodes);
	if (doc)
		xmlFreeDoc(doc);
	if (ctxt)
		htmlFreeParserCtxt(ctxt);
}

void html_init(void)
{
	xmlInitParser();
}
