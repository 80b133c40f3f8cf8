/* overview: the claims overview's lines as text (speakers, outlets and
 * short quotes, never ids; the verb agreeing with a plural speaker; a
 * link's notes beside it) and its search and tag filters, which keep whole
 * groups. The items themselves are session_overview's and the story's. */
#include "crossread/reader/overview.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/annot/annot.h"
#include "crossread/base/text.h"
#include "crossread/doc/article.h"
#include "crossread/reader/reader.h"

/* a quote in the overview: enough to know it again */
#define OV_QUOTE_COLS 70
#define OV_NOTE_COLS  60

static bool is_word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/* after a comma: a suffix of one name, not a second name */
static bool name_suffix(const char *w, size_t n)
{
	static const char *const suf[] = {"inc", "ltd",	 "llc", "plc", "co", "corp", "jr",
					  "sr",	 "gmbh", "ag",	"sa",  "nv", "bv",   "lp"};
	for (size_t i = 0; i < sizeof suf / sizeof *suf; i++)
		if (strlen(suf[i]) == n && strncmp(w, suf[i], n) == 0)
			return true;
	return false;
}

bool overview_plural(const char *speaker)
{
	if (!speaker || !*speaker)
		return false;
	size_t len;
	/* the one case fold: "AND", "And" and "and" are one word */
	char *f = text_fold_string(speaker, strlen(speaker), TEXT_FOLD_CASE, &len);
	/* what parentheses say is about the name before them ("Zhao Lijian
	 * (China, Foreign Ministry)"), not more names */
	int depth = 0;
	for (size_t i = 0; i < len; i++) {
		char ch = f[i];
		if (ch == '(' || ch == '[')
			depth++;
		if (depth > 0)
			f[i] = ' ';
		if ((ch == ')' || ch == ']') && depth > 0)
			depth--;
	}
	bool plural = false;
	/* the words, as [start, end) pairs, and whether a comma follows each */
	for (size_t i = 0; i < len && !plural;) {
		if (!is_word_byte((unsigned char)f[i]) && f[i] != '&' && f[i] != ',') {
			i++;
			continue;
		}
		if (f[i] == ',') {
			size_t j = i + 1;
			while (j < len && (f[j] == ' ' || f[j] == '.'))
				j++;
			size_t w = j;
			while (w < len && is_word_byte((unsigned char)f[w]))
				w++;
			/* a comma between two names; not a trailing one, not a suffix */
			if (w > j && !name_suffix(f + j, w - j))
				plural = true;
			i = j > i + 1 ? j : i + 1;
			continue;
		}
		size_t s = i;
		if (f[i] == '&')
			i++;
		else
			while (i < len && is_word_byte((unsigned char)f[i]))
				i++;
		bool conj =
		    (i - s == 3 && strncmp(f + s, "and", 3) == 0) || (i - s == 1 && f[s] == '&');
		/* "&" inside a word is part of a name: AT&T */
		if (conj && f[s] == '&' &&
		    ((s > 0 && is_word_byte((unsigned char)f[s - 1])) ||
		     (i < len && is_word_byte((unsigned char)f[i]))))
			conj = false;
		if (!conj)
			continue;
		/* a word before and a word after: "X and Y", "X & Y" */
		size_t b = s;
		while (b > 0 && !is_word_byte((unsigned char)f[b - 1]))
			b--;
		size_t be = b;
		while (b > 0 && is_word_byte((unsigned char)f[b - 1]))
			b--;
		size_t a = i;
		while (a < len && !is_word_byte((unsigned char)f[a]))
			a++;
		size_t ae = a;
		while (ae < len && is_word_byte((unsigned char)f[ae]))
			ae++;
		if (be == b || ae == a)
			continue;
		/* "Johnson & Johnson": one name said twice is one name */
		if (be - b == ae - a && strncmp(f + b, f + a, be - b) == 0)
			continue;
		plural = true;
	}
	free(f);
	return plural;
}

const char *overview_accuse_verb(const char *speaker)
{
	return overview_plural(speaker) ? "accuse" : "accuses";
}

const char *overview_claim_place(const struct session *s, size_t c)
{
	size_t a = session_claim_art(s, c);
	if (a < s->narts) {
		const struct article *ar = s->arts[a];
		return ar->outlet ? ar->outlet : article_label(ar);
	}
	const struct claim *cl = &s->an->claims[c];
	if (cl->art < s->an->narticles) {
		/* not anchored: the open article under that id, else its file */
		for (size_t k = 0; k < s->narts; k++)
			if (s->annot_of[k] == cl->art)
				return s->arts[k]->outlet ? s->arts[k]->outlet
							  : article_label(s->arts[k]);
		const char *p = s->an->articles[cl->art].path;
		if (p) {
			const char *sl = strrchr(p, '/');
			return sl ? sl + 1 : p;
		}
	}
	return "?";
}

/* text cut to cols columns at a character, "…" where cut, on one line */
static void add_cut(struct buf *b, const char *t, size_t cols)
{
	if (!t)
		return;
	size_t len = strlen(t);
	const char *nl = memchr(t, '\n', len);
	bool cut = nl != NULL;
	if (nl)
		len = (size_t)(nl - t);
	if (text_width(t, len) > cols) {
		size_t used;
		len = text_fit(t, len, cols - 1, &used);
		cut = true;
	}
	buf_add(b, t, len);
	if (cut)
		buf_adds(b, "\u2026");
}

void overview_short_quote(struct buf *b, const char *quote, size_t cols)
{
	buf_addc(b, '"');
	add_cut(b, quote ? quote : "", cols);
	buf_addc(b, '"');
}

/* "Wang Wenbin: ", or nothing without a speaker */
static void add_who(const struct session *s, size_t c, struct buf *b)
{
	const struct claim *cl = &s->an->claims[c];
	if (cl->by && *cl->by)
		buf_printf(b, "%s: ", cl->by);
}

static void add_tags(const struct claim *c, struct buf *b)
{
	for (size_t i = 0; i < c->ntags; i++)
		buf_printf(b, "%s#%s", i ? " " : "  ", c->tags[i]);
}

/* the row's relation as read from its head: "rebuts" when the row's claim
 * is the link's from, the passive when the head is */
static const char *row_rel(const struct link *l, size_t row_claim)
{
	if (l->from_i == row_claim || l->rel == REL_SAME || l->rel == REL_CONTRADICTS)
		return annot_rel_name(l->rel);
	switch (l->rel) {
	case REL_REBUTS:
		return "rebutted by the above";
	case REL_COUNTERS:
		return "countered by the above";
	case REL_SUPPORTS:
		return "supported by the above";
	default:
		return annot_rel_name(l->rel);
	}
}

/* a link's notes, beside it: its own `note:`, then notes on it */
static void add_link_notes(const struct session *s, size_t l, struct buf *b)
{
	const struct link *lk = &s->an->links[l];
	const size_t *notes;
	size_t n = session_link_notes(s, l, &notes);
	const char *first = lk->note && *lk->note ? lk->note
			    : n			  ? s->an->notes[notes[0]].text
						  : NULL;
	if (!first)
		return;
	buf_adds(b, "  \u270e ");
	add_cut(b, first, OV_NOTE_COLS);
	size_t more = n - (lk->note && *lk->note ? 0 : 1);
	if (more)
		buf_printf(b, " (+%zu)", more);
}

void overview_line(struct reader *r, const struct ov_item *it, struct buf *b)
{
	const struct session *s = r->s;
	const struct annot *an = s->an;
	const struct story *st = &r->story;
	switch (it->kind) {
	case OV_HEADING:
		buf_adds(b, "Orphans (not found in the article text):");
		return;
	case OV_SHARED_HEADING:
		buf_adds(b, "Claims several outlets carry:");
		return;
	case OV_SOLO_HEADING:
		buf_adds(b, "Only one outlet reports:");
		return;
	case OV_LINKED_HEADING:
		buf_adds(b, "Other linked claims (no accusation among them):");
		return;
	case OV_OUTLET: {
		const char *o = st->arts[it->link].outlet;
		/* as `crossread story` writes it: the outlet, how many */
		buf_printf(b, "  * %s (%zu)", o ? o : article_label(s->arts[it->link]),
			   st->nsolo[it->link]);
		return;
	}
	case OV_GROUP: {
		const struct story_group *g = &st->groups[it->link];
		buf_printf(b, "  * %zu of %zu outlets:", g->noutlets, st->narts);
		size_t last = SIZE_MAX;
		for (size_t i = 0; i < g->nclaims; i++) {
			size_t a = session_claim_art(s, g->claims[i]);
			if (a == last || a >= st->narts)
				continue;
			const char *o = st->arts[a].outlet;
			buf_printf(b, "%s %s", last == SIZE_MAX ? "" : ",",
				   o ? o : article_label(s->arts[a]));
			last = a;
		}
		return;
	}
	default:
		break;
	}
	const struct claim *c = &an->claims[it->claim];
	switch (it->kind) {
	case OV_MEMBER:
		buf_printf(b, "      %s: ", overview_claim_place(s, it->claim));
		break;
	case OV_SOLO:
		buf_printf(b, "      %-10s ", annot_kind_name(c->kind));
		break;
	case OV_ACCUSATION:
		buf_adds(b, it->unanswered ? "! " : "\u25b8 ");
		if (c->by && *c->by)
			buf_printf(b, "%s %s", c->by, overview_accuse_verb(c->by));
		else
			buf_adds(b, "accusation");
		if (c->against && *c->against)
			buf_printf(b, " %s", c->against);
		buf_adds(b, ": ");
		break;
	case OV_ANSWER:
		buf_printf(b, "    \u21b3 %s: ", row_rel(&an->links[it->link], it->claim));
		add_who(s, it->claim, b);
		break;
	case OV_LINKED:
		buf_printf(b, "\u25b9 %s", annot_kind_name(c->kind));
		if (c->by && *c->by)
			buf_printf(b, " by %s", c->by);
		buf_adds(b, ": ");
		break;
	default: /* an orphan */
		buf_printf(b, "  ? %s: ", annot_kind_name(c->kind));
		add_who(s, it->claim, b);
		break;
	}
	overview_short_quote(b, c->quote, OV_QUOTE_COLS);
	if (it->kind == OV_ACCUSATION && it->unanswered)
		buf_adds(b, "  (unanswered)");
	add_tags(c, b);
	/* the link's note beside it, before what a narrow screen may cut */
	if (it->kind == OV_ANSWER)
		add_link_notes(s, it->link, b);
	if (it->kind != OV_MEMBER) /* a member's line starts with it */
		buf_printf(b, "  \u2014 %s", overview_claim_place(s, it->claim));
}

static bool notes_have_tag(const struct annot *an, const size_t *notes, size_t n, const char *tag)
{
	for (size_t i = 0; i < n; i++)
		if (annot_has_tag(an->notes[notes[i]].tags, an->notes[notes[i]].ntags, tag))
			return true;
	return false;
}

bool overview_item_has_tag(const struct session *s, const struct ov_item *it, const char *tag)
{
	const struct annot *an = s->an;
	const size_t *notes;
	if (it->kind == OV_ANSWER && it->link < an->nlinks) {
		size_t n = session_link_notes(s, it->link, &notes);
		if (notes_have_tag(an, notes, n, tag))
			return true;
	}
	if (it->claim >= an->nclaims || it->kind == OV_GROUP)
		return false;
	const struct claim *c = &an->claims[it->claim];
	if (annot_has_tag(c->tags, c->ntags, tag))
		return true;
	size_t n = session_claim_notes(s, it->claim, &notes);
	return notes_have_tag(an, notes, n, tag);
}

bool overview_item_matches(struct reader *r, const struct ov_item *it, const char *folded_pat)
{
	struct buf b = {0};
	overview_line(r, it, &b);
	if (it->kind == OV_ANSWER || it->kind == OV_ACCUSATION || it->kind == OV_LINKED ||
	    it->kind == OV_ORPHAN || it->kind == OV_MEMBER || it->kind == OV_SOLO) {
		/* the whole quote, not only what the line shows */
		const char *q = r->s->an->claims[it->claim].quote;
		buf_addc(&b, '\n');
		buf_adds(&b, q ? q : "");
	}
	size_t fl;
	char *f = text_fold_string(b.s ? b.s : "", b.len, TEXT_FOLD_CASE, &fl);
	bool hit = strstr(f, folded_pat) != NULL;
	free(f);
	buf_free(&b);
	return hit;
}

static bool is_section(enum ov_kind k)
{
	return k == OV_HEADING || k == OV_SHARED_HEADING || k == OV_SOLO_HEADING ||
	       k == OV_LINKED_HEADING;
}

static bool is_head(enum ov_kind k)
{
	return k == OV_ACCUSATION || k == OV_LINKED || k == OV_GROUP || k == OV_OUTLET;
}

static bool passes(struct reader *r, const struct ov_item *it, const char *fs, const char *tag)
{
	if (tag && !overview_item_has_tag(r->s, it, tag))
		return false;
	return !fs || overview_item_matches(r, it, fs);
}

size_t overview_filter(struct reader *r, const struct ov_item *all, size_t n,
		       const char *folded_search, const char *tag, struct ov_item **out)
{
	struct ov_item *v = xcalloc(n + 1, sizeof *v);
	size_t k = 0;
	size_t section = SIZE_MAX; /* in v: the heading not yet earned */
	for (size_t i = 0; i < n;) {
		if (is_section(all[i].kind)) {
			if (section != SIZE_MAX)
				k = section; /* nothing under the last one */
			section = k;
			v[k++] = all[i++];
			continue;
		}
		/* a group: a head and its rows, or a row on its own */
		size_t end = i + 1;
		if (is_head(all[i].kind))
			while (end < n && !is_section(all[end].kind) && !is_head(all[end].kind))
				end++;
		bool head_hit = passes(r, &all[i], folded_search, tag);
		size_t at = k;
		for (size_t j = i; j < end; j++)
			if (head_hit || (j > i && passes(r, &all[j], folded_search, tag)))
				v[k++] = all[j];
		if (k > at && !head_hit && is_head(all[i].kind)) {
			/* the head goes before its matching rows */
			memmove(&v[at + 1], &v[at], (k - at) * sizeof *v);
			v[at] = all[i];
			k++;
		}
		if (k > at)
			section = SIZE_MAX;
		i = end;
	}
	if (section != SIZE_MAX)
		k = section;
	*out = v;
	return k;
}

size_t overview_tags(const struct annot *an, const char ***out)
{
	size_t n = 0, cap = 0;
	const char **v = NULL;
	for (size_t c = 0; c < an->nclaims; c++)
		for (size_t t = 0; t < an->claims[c].ntags; t++) {
			GROW(v, cap, n + 1);
			v[n++] = an->claims[c].tags[t];
		}
	for (size_t i = 0; i < an->nnotes; i++)
		for (size_t t = 0; t < an->notes[i].ntags; t++) {
			GROW(v, cap, n + 1);
			v[n++] = an->notes[i].tags[t];
		}
	size_t k = strv_sort_unique(v, n);
	*out = v;
	return k;
}
