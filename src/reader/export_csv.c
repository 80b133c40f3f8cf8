/* export_csv: owns the CSV table (RFC 4180: CRLF, fields quoted when they
 * hold a comma, quote or line break, quotes doubled): one row per claim,
 * link and note. A cell a spreadsheet would run as a formula (starting
 * with = + - @, tab or carriage return) gets a leading apostrophe. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/annot/annot.h"
#include "crossread/doc/article.h"
#include "crossread/reader/export.h"
#include "crossread/reader/session.h"

static void csv_cell(struct buf *b, const char *s, bool last)
{
	if (!s)
		s = "";
	bool formula = strchr("=+-@\t\r", s[0]) && s[0];
	bool quote = formula || strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		buf_addc(b, '"');
	if (formula)
		buf_addc(b, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_addc(b, '"');
		buf_addc(b, *p);
	}
	if (quote)
		buf_addc(b, '"');
	buf_adds(b, last ? "\r\n" : ",");
}

static void csv_num(struct buf *b, bool have, size_t v)
{
	if (have)
		buf_printf(b, "%zu", v);
	buf_addc(b, ',');
}

/* in byte order, as the YAML file writes them: the same set, the same cell */
static char *join_tags(char *const *tags, size_t n)
{
	char **v = xreallocarray(NULL, n ? n : 1, sizeof *v);
	if (n)
		memcpy(v, tags, n * sizeof *v);
	qsort(v, n, sizeof *v, str_ptr_cmp);
	struct buf b = {0};
	buf_adds(&b, "");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_addc(&b, ';');
		buf_adds(&b, v[i]);
	}
	free(v);
	return buf_detach(&b);
}

static const char *layer_name(enum layer l)
{
	return l == LAYER_PERSONAL ? "personal" : "curated";
}

int export_csv(const struct session *s, struct buf *out)
{
	const struct annot *an = s->an;
	static const char *const head[] = {"type", "id",   "layer",   "article", "outlet",
					   "kind", "by",   "against", "quote",	 "start",
					   "end",  "from", "rel",     "to",	 "on",
					   "text", "tags", "created", "updated"};
	size_t nh = sizeof head / sizeof head[0];
	for (size_t i = 0; i < nh; i++)
		csv_cell(out, head[i], i + 1 == nh);
	size_t *order = export_claim_order(s);
	for (size_t k = 0; k < an->nclaims; k++) {
		const struct claim *c = &an->claims[order[k]];
		bool placed = c->how != ANCHOR_NONE;
		const struct article *art = c->art != ANNOT_NONE ? export_article(s, c->art) : NULL;
		char *tags = join_tags(c->tags, c->ntags);
		csv_cell(out, "claim", false);
		csv_cell(out, c->id, false);
		csv_cell(out, layer_name(c->layer), false);
		csv_cell(out, c->article, false);
		csv_cell(out, export_outlet(s, c->art), false);
		csv_cell(out, annot_kind_name(c->kind), false);
		csv_cell(out, c->by, false);
		csv_cell(out, c->against, false);
		csv_cell(out, c->quote, false);
		/* positions in code points, as in the JSON-LD */
		csv_num(out, placed && art, art ? export_cp_offset(art->text, c->start) : 0);
		csv_num(out, placed && art, art ? export_cp_offset(art->text, c->end) : 0);
		for (int i = 0; i < 5; i++)
			csv_cell(out, "", false);
		csv_cell(out, tags, false);
		csv_cell(out, "", false);
		csv_cell(out, "", true);
		free(tags);
	}
	free(order);
	for (size_t l = 0; l < an->nlinks; l++) {
		const struct link *lk = &an->links[l];
		csv_cell(out, "link", false);
		csv_cell(out, lk->id, false);
		csv_cell(out, layer_name(lk->layer), false);
		for (int i = 0; i < 8; i++)
			csv_cell(out, "", false);
		csv_cell(out, lk->from, false);
		csv_cell(out, annot_rel_name(lk->rel), false);
		csv_cell(out, lk->to, false);
		csv_cell(out, "", false);
		csv_cell(out, lk->note, false);
		for (int i = 0; i < 2; i++)
			csv_cell(out, "", false);
		csv_cell(out, "", true);
	}
	for (size_t i = 0; i < an->nnotes; i++) {
		const struct note *nt = &an->notes[i];
		char *tags = join_tags(nt->tags, nt->ntags);
		csv_cell(out, "note", false);
		csv_cell(out, nt->id, false);
		csv_cell(out, layer_name(nt->layer), false);
		for (int k = 0; k < 11; k++)
			csv_cell(out, "", false);
		csv_cell(out, nt->on, false);
		csv_cell(out, nt->text, false);
		csv_cell(out, tags, false);
		csv_cell(out, nt->created, false);
		csv_cell(out, nt->updated, true);
		free(tags);
	}
	return 0;
}
