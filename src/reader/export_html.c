/* export_html: owns the HTML page: one self-contained file (inline CSS and
 * script allowed by hash in a Content-Security-Policy, nothing fetched), the
 * overview above, the articles side by side with their claims highlighted
 * by kind and numbered by pair as in the reader, pair numbers as in-page
 * links (readable with scripts off), notes in titles (hover) and as
 * footnotes, printable. Every string from an article or a note is made
 * visible (text_sanitize) and escaped; element ids are our own ("c12",
 * "n3", "a1"), never a file's. */
#include <nettle/base64.h>
#include <nettle/sha2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/annot/annot.h"
#include "crossread/base/text.h"
#include "crossread/doc/article.h"
#include "crossread/reader/export.h"
#include "crossread/reader/session.h"

static const char page_css[] =
    "body{font:16px/1.5 Georgia,serif;margin:0 1.5em;color:#111;background:#fff}"
    "h1{font-size:1.5em}h2{font-size:1.2em;margin:.2em 0}h3{font-size:1em}"
    ".overview{border-bottom:1px solid #999;padding-bottom:1em}"
    ".overview li{margin:.2em 0}"
    ".cols{display:flex;gap:1.5em;align-items:flex-start}"
    ".col{flex:1 1 0;min-width:0;max-height:85vh;overflow:auto;border:1px solid #ccc;"
    "padding:0 1em}"
    ".meta{color:#555;font-size:.9em}"
    "mark{padding:0 .1em;color:inherit;cursor:pointer}"
    "mark.k-accusation{background:#ffd2cc;border-bottom:2px solid #c0392b}"
    "mark.k-rebuttal{background:#d4e6ff;border-bottom:2px solid #1f5fbf}"
    "mark.k-claim{background:#fff1b8;border-bottom:2px solid #b7950b}"
    "mark.yours{border-bottom-style:dashed}"
    "mark.hit{outline:3px solid #000}"
    ".pair{font:bold .75em sans-serif;vertical-align:super;text-decoration:none;color:#000;"
    "margin:0 .15em}"
    ".fn{font-size:.75em}"
    ".notes{border-top:1px solid #ccc;font-size:.9em}"
    ".legend span{padding:0 .4em;margin-right:.5em}"
    ".legend .k-accusation{background:#ffd2cc}.legend .k-rebuttal{background:#d4e6ff}"
    ".legend .k-claim{background:#fff1b8}"
    "@media print{.col{max-height:none;overflow:visible;border:0}.cols{display:block}"
    "mark.hit{outline:0}a{color:#000}}";

/* A click on a claim (or its pair number) brings its partner into view in
 * the other column and outlines it; without this the pair number is a
 * plain in-page link. */
static const char page_js[] =
    "(function(){"
    "function show(id){var t=document.getElementById(id);if(!t)return false;"
    "var old=document.querySelectorAll('mark.hit');"
    "for(var i=0;i<old.length;i++)old[i].classList.remove('hit');"
    "var m=document.querySelectorAll('mark[data-c=\"'+id+'\"]');"
    "for(var j=0;j<m.length;j++)m[j].classList.add('hit');"
    "t.scrollIntoView({block:'center'});document.body.setAttribute('data-shown',id);"
    "return true;}"
    "document.addEventListener('click',function(e){"
    "var el=e.target.closest?e.target.closest('[data-partner]'):null;"
    "if(el&&show(el.getAttribute('data-partner')))e.preventDefault();});"
    "})();";

/* Text as HTML: visible (controls and invisible characters shown), the
 * five characters HTML gives a meaning escaped, line breaks as spaces
 * (callers handle the display text's own lines). */
static void html_text(struct buf *b, const char *s, size_t len)
{
	char *v = text_sanitize(s, len, true);
	for (const char *p = v; *p; p++) {
		switch (*p) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		case '\'':
			buf_adds(b, "&#39;");
			break;
		case '\n':
		case '\r':
		case '\t':
			buf_addc(b, ' ');
			break;
		default:
			buf_addc(b, *p);
		}
	}
	free(v);
}

static void html_str(struct buf *b, const char *s)
{
	if (s)
		html_text(b, s, strlen(s));
}

/* "'sha256-BASE64'" of what the page inlines, for the policy */
static void csp_hash(struct buf *b, const char *s)
{
	struct sha256_ctx ctx;
	uint8_t d[SHA256_DIGEST_SIZE];
	char enc[BASE64_ENCODE_RAW_LENGTH(SHA256_DIGEST_SIZE) + 1];
	sha256_init(&ctx);
	sha256_update(&ctx, strlen(s), (const uint8_t *)s);
	sha256_digest(&ctx, sizeof d, d);
	base64_encode_raw(enc, sizeof d, d);
	enc[sizeof enc - 1] = '\0';
	buf_printf(b, "'sha256-%s'", enc);
}

static const char *kind_class(enum claim_kind k)
{
	return k == KIND_ACCUSATION ? "k-accusation"
	       : k == KIND_REBUTTAL ? "k-rebuttal"
				    : "k-claim";
}

/* The claim a click on c shows: a partner in another article if there is
 * one, else any partner; ANNOT_NONE without links. */
static size_t partner_of(const struct session *s, size_t c)
{
	size_t *links, *partners;
	size_t n = session_partners(s, c, &links, &partners);
	size_t best = ANNOT_NONE;
	for (size_t i = 0; i < n; i++) {
		bool other = s->an->claims[partners[i]].art != s->an->claims[c].art;
		if (best == ANNOT_NONE ||
		    (other && s->an->claims[best].art == s->an->claims[c].art))
			best = partners[i];
	}
	free(links);
	free(partners);
	return best;
}

static void claim_title(struct buf *b, const struct session *s, size_t c)
{
	const struct claim *cl = &s->an->claims[c];
	html_str(b, annot_kind_name(cl->kind));
	if (cl->by) {
		buf_adds(b, " by ");
		html_str(b, cl->by);
	}
	if (cl->against) {
		buf_adds(b, " against ");
		html_str(b, cl->against);
	}
	if (cl->layer == LAYER_PERSONAL)
		buf_adds(b, " (yours)");
	for (size_t t = 0; t < cl->ntags; t++) {
		buf_adds(b, t ? ", " : " — tags: ");
		html_str(b, cl->tags[t]);
	}
	size_t n;
	size_t *v = export_notes_on(s, cl->id, &n);
	for (size_t i = 0; i < n; i++) {
		buf_adds(b, " — note: ");
		html_str(b, s->an->notes[v[i]].text);
	}
	free(v);
}

static void claim_link(struct buf *b, const struct session *s, size_t c)
{
	const struct claim *cl = &s->an->claims[c];
	if (cl->how != ANCHOR_NONE)
		buf_printf(b, "<a href=\"#c%zu\">", c);
	buf_adds(b, "“");
	html_str(b, cl->quote);
	buf_adds(b, "”");
	if (cl->how != ANCHOR_NONE)
		buf_adds(b, "</a>");
	buf_adds(b, " — ");
	if (cl->by) {
		html_str(b, cl->by);
		buf_adds(b, ", ");
	}
	html_str(b, export_outlet(s, cl->art));
}

static bool answered(const struct session *s, size_t c)
{
	for (size_t l = 0; l < s->an->nlinks; l++) {
		const struct link *lk = &s->an->links[l];
		if (lk->to_i == c && lk->from_i != ANNOT_NONE &&
		    (lk->rel == REL_REBUTS || lk->rel == REL_COUNTERS))
			return true;
	}
	return false;
}

static void overview(struct buf *b, const struct session *s, const size_t *order)
{
	const struct annot *an = s->an;
	buf_adds(b, "<section class=\"overview\" id=\"overview\">\n<h2>Articles</h2>\n<ul>\n");
	for (size_t a = 0; a < an->narticles; a++) {
		const struct article *art = export_article(s, a);
		buf_printf(b, "<li><a href=\"#a%zu\"><b>", a);
		html_str(b, export_outlet(s, a));
		buf_adds(b, "</b></a>");
		if (art && art->date) {
			buf_adds(b, ", ");
			html_str(b, art->date);
		}
		if (art && art->title) {
			buf_adds(b, ": <i>");
			html_str(b, art->title);
			buf_adds(b, "</i>");
		}
		if (art && export_safe_url(art->url)) {
			buf_adds(b, " <a rel=\"noreferrer noopener\" href=\"");
			html_str(b, art->url);
			buf_adds(b, "\">source</a>");
		}
		buf_adds(b, "</li>\n");
	}
	buf_printf(
	    b,
	    "</ul>\n<p>%zu claims, %zu links, %zu notes. <span class=\"legend\"><span "
	    "class=\"k-accusation\">accusation</span><span "
	    "class=\"k-rebuttal\">rebuttal</span><span class=\"k-claim\">claim</span></span> "
	    "Numbers pair a claim with the claims that answer or report it in the other "
	    "article.</p>\n",
	    an->nclaims, an->nlinks, an->nnotes);
	buf_adds(b, "<h2>Accusations and their answers</h2>\n<ol>\n");
	for (size_t k = 0; k < an->nclaims; k++) {
		size_t c = order[k];
		if (an->claims[c].kind != KIND_ACCUSATION)
			continue;
		buf_adds(b, "<li>");
		claim_link(b, s, c);
		if (!answered(s, c))
			buf_adds(b, " <em>(unanswered)</em>");
		bool open = false;
		for (size_t l = 0; l < an->nlinks; l++) {
			const struct link *lk = &an->links[l];
			if (lk->to_i != c || lk->from_i == ANNOT_NONE)
				continue;
			buf_adds(b, open ? "" : "\n<ul>");
			open = true;
			buf_printf(b, "<li>%s: ", annot_rel_name(lk->rel));
			claim_link(b, s, lk->from_i);
			if (lk->note) {
				buf_adds(b, " <small>(");
				html_str(b, lk->note);
				buf_adds(b, ")</small>");
			}
			buf_adds(b, "</li>");
		}
		buf_adds(b, open ? "</ul></li>\n" : "</li>\n");
	}
	buf_adds(b, "</ol>\n");
	bool head = false;
	for (size_t l = 0; l < an->nlinks; l++) {
		const struct link *lk = &an->links[l];
		if (lk->rel != REL_CONTRADICTS || lk->from_i == ANNOT_NONE ||
		    lk->to_i == ANNOT_NONE)
			continue;
		if (!head)
			buf_adds(b, "<h2>Contradictions</h2>\n<ul>\n");
		head = true;
		buf_adds(b, "<li>");
		claim_link(b, s, lk->from_i);
		buf_adds(b, " <b>against</b> ");
		claim_link(b, s, lk->to_i);
		if (lk->note) {
			buf_adds(b, " <small>(");
			html_str(b, lk->note);
			buf_adds(b, ")</small>");
		}
		buf_adds(b, "</li>\n");
	}
	if (head)
		buf_adds(b, "</ul>\n");
	buf_adds(b, "</section>\n");
}

struct active {
	size_t *v;
	size_t n, cap;
};

/* the claim drawn over a stretch: the innermost one (latest start, then
 * shortest) of those covering it */
static size_t innermost(const struct session *s, const struct active *act)
{
	size_t best = ANNOT_NONE;
	for (size_t i = 0; i < act->n; i++) {
		const struct claim *c = &s->an->claims[act->v[i]];
		if (best == ANNOT_NONE)
			best = act->v[i];
		else {
			const struct claim *bc = &s->an->claims[best];
			if (c->start > bc->start || (c->start == bc->start && c->end < bc->end))
				best = act->v[i];
		}
	}
	return best;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* After a claim ends: its pair number (a link to its partner) and its
 * note numbers (links to the footnotes). */
static void claim_end_marks(struct buf *b, const struct session *s, size_t c)
{
	unsigned mark = session_pair_mark(s, c);
	size_t p = partner_of(s, c);
	/* the reader numbers pairs across articles; a link within one
	 * article gets an arrow */
	if (p != ANNOT_NONE && mark)
		buf_printf(b, "<a class=\"pair\" href=\"#c%zu\" data-partner=\"c%zu\">%u</a>", p, p,
			   mark);
	else if (p != ANNOT_NONE)
		buf_printf(b, "<a class=\"pair\" href=\"#c%zu\" data-partner=\"c%zu\">→</a>", p, p);
	size_t n;
	size_t *v = export_notes_on(s, s->an->claims[c].id, &n);
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "<sup class=\"fn\"><a href=\"#n%zu\">note %zu</a></sup>", v[i],
			   v[i] + 1);
	free(v);
}

static void article_text(struct buf *b, const struct session *s, size_t a,
			 const struct article *art, const size_t *order)
{
	const struct annot *an = s->an;
	/* this article's placed claims, in reading order */
	size_t *mine = NULL, nm = 0, cap = 0;
	for (size_t k = 0; k < an->nclaims; k++) {
		const struct claim *c = &an->claims[order[k]];
		if (c->art == a && c->how != ANCHOR_NONE && c->end <= art->len) {
			GROW(mine, cap, nm + 1);
			mine[nm++] = order[k];
		}
	}
	/* stretch boundaries: claim ends, line breaks */
	size_t *pts = NULL, np = 0, pcap = 0;
	GROW(pts, pcap, 2 * nm + 2);
	pts[np++] = 0;
	pts[np++] = art->len;
	for (size_t i = 0; i < nm; i++) {
		GROW(pts, pcap, np + 2);
		pts[np++] = an->claims[mine[i]].start;
		pts[np++] = an->claims[mine[i]].end;
	}
	for (size_t i = 0; i < art->len; i++)
		if (art->text[i] == '\n') {
			GROW(pts, pcap, np + 2);
			pts[np++] = i;
			pts[np++] = i + 1;
		}
	qsort(pts, np, sizeof *pts, cmp_size);
	struct active act = {0};
	size_t next = 0; /* next claim of mine to start */
	buf_adds(b, "<div class=\"text\"><p>");
	for (size_t k = 0; k + 1 < np; k++) {
		size_t from = pts[k], to = pts[k + 1];
		if (from == to)
			continue;
		/* claims ending here leave, then those starting here come in */
		size_t keep = 0;
		for (size_t i = 0; i < act.n; i++) {
			if (an->claims[act.v[i]].end <= from)
				claim_end_marks(b, s, act.v[i]);
			else
				act.v[keep++] = act.v[i];
		}
		act.n = keep;
		while (next < nm && an->claims[mine[next]].start <= from) {
			size_t c = mine[next++];
			buf_printf(b, "<span class=\"anchor\" id=\"c%zu\"></span>", c);
			if (an->claims[c].end > from) {
				GROW(act.v, act.cap, act.n + 1);
				act.v[act.n++] = c;
			} else {
				claim_end_marks(b, s, c); /* empty claim */
			}
		}
		if (art->text[from] == '\n') {
			if (from + 1 < art->len && art->text[from + 1] == '\n')
				buf_adds(b, "</p>\n<p>");
			else if (from == 0 || art->text[from - 1] != '\n')
				buf_adds(b, "<br>\n");
			continue;
		}
		size_t c = innermost(s, &act);
		if (c == ANNOT_NONE) {
			html_text(b, art->text + from, to - from);
			continue;
		}
		size_t p = partner_of(s, c);
		buf_printf(b, "<mark class=\"%s%s\" data-c=\"c%zu\"",
			   kind_class(an->claims[c].kind),
			   an->claims[c].layer == LAYER_PERSONAL ? " yours" : "", c);
		if (p != ANNOT_NONE)
			buf_printf(b, " data-partner=\"c%zu\"", p);
		buf_adds(b, " title=\"");
		claim_title(b, s, c);
		buf_adds(b, "\">");
		html_text(b, art->text + from, to - from);
		buf_adds(b, "</mark>");
	}
	for (size_t i = 0; i < act.n; i++)
		claim_end_marks(b, s, act.v[i]);
	buf_adds(b, "</p></div>\n");
	free(act.v);
	free(pts);
	free(mine);
}

/* Footnotes under an article: notes on the article itself, on its claims
 * and on links from its claims. */
static void article_notes(struct buf *b, const struct session *s, size_t a)
{
	const struct annot *an = s->an;
	bool head = false;
	for (size_t i = 0; i < an->nnotes; i++) {
		const struct note *nt = &an->notes[i];
		size_t c = annot_find_claim(an, nt->on), l = annot_find_link(an, nt->on);
		size_t at = annot_find_article(an, nt->on);
		size_t back = ANNOT_NONE;
		if (c != ANNOT_NONE)
			back = an->claims[c].art == a ? c : ANNOT_NONE;
		else if (l != ANNOT_NONE && an->links[l].from_i != ANNOT_NONE)
			back = an->claims[an->links[l].from_i].art == a ? an->links[l].from_i
									: ANNOT_NONE;
		if (back == ANNOT_NONE && at != a)
			continue;
		if (c == ANNOT_NONE && l != ANNOT_NONE && back == ANNOT_NONE)
			continue;
		if (!head)
			buf_adds(b, "<section class=\"notes\"><h3>Notes</h3>\n<ul>\n");
		head = true;
		buf_printf(b, "<li id=\"n%zu\">%zu. ", i, i + 1);
		if (back != ANNOT_NONE && an->claims[back].how != ANCHOR_NONE)
			buf_printf(b, "<a href=\"#c%zu\">%s</a>: ", back,
				   l != ANNOT_NONE ? "on a link from this claim" : "on this claim");
		else if (at == a)
			buf_adds(b, "on the article: ");
		html_str(b, nt->text);
		for (size_t t = 0; t < nt->ntags; t++) {
			buf_adds(b, t ? ", " : " <small>tags: ");
			html_str(b, nt->tags[t]);
			if (t + 1 == nt->ntags)
				buf_adds(b, "</small>");
		}
		if (nt->layer == LAYER_PERSONAL)
			buf_adds(b, " <small>(yours)</small>");
		buf_adds(b, "</li>\n");
	}
	if (head)
		buf_adds(b, "</ul></section>\n");
}

int export_html(const struct session *s, struct buf *out)
{
	const struct annot *an = s->an;
	size_t *order = export_claim_order(s);
	const char *name = s->annot_path ? strrchr(s->annot_path, '/') : NULL;
	name = name ? name + 1 : s->annot_path ? s->annot_path : "articles";
	buf_adds(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		      "style-src ");
	csp_hash(out, page_css);
	buf_adds(out, "; script-src ");
	csp_hash(out, page_js);
	buf_adds(out, "; img-src 'none'; base-uri 'none'; form-action 'none'\">\n"
		      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		      "<meta name=\"referrer\" content=\"no-referrer\">\n<title>Brief: ");
	html_str(out, name);
	buf_printf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>Brief: ", page_css);
	html_str(out, name);
	buf_adds(out, "</h1>\n");
	overview(out, s, order);
	buf_adds(out, "<main class=\"cols\">\n");
	for (size_t a = 0; a < an->narticles; a++) {
		const struct article *art = export_article(s, a);
		if (!art)
			continue;
		buf_printf(out, "<article class=\"col\" id=\"a%zu\">\n<h2>", a);
		html_str(out, export_outlet(s, a));
		buf_adds(out, "</h2>\n<p class=\"meta\">");
		html_str(out, art->date);
		if (art->title) {
			buf_adds(out, art->date ? " · " : "");
			html_str(out, art->title);
		}
		buf_adds(out, "</p>\n");
		article_text(out, s, a, art, order);
		article_notes(out, s, a);
		buf_adds(out, "</article>\n");
	}
	buf_adds(out, "</main>\n");
	bool head = false;
	for (size_t k = 0; k < an->nclaims; k++) {
		const struct claim *c = &an->claims[order[k]];
		if (c->how != ANCHOR_NONE)
			continue;
		if (!head)
			buf_adds(out, "<section class=\"notes\"><h2>Quotes not found in their "
				      "article</h2>\n<ul>\n");
		head = true;
		buf_adds(out, "<li>");
		claim_link(out, s, order[k]);
		buf_adds(out, "</li>\n");
	}
	if (head)
		buf_adds(out, "</ul></section>\n");
	buf_printf(out, "<script>%s</script>\n</body>\n</html>\n", page_js);
	free(order);
	return 0;
}
