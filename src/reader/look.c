/* look: the style roles' names and defaults, and what the text at a byte
 * offset looks like (spans, the innermost claim, a suggestion, the visual
 * selection, search hits) as roles: one answer, below the screen. */
#include "crossread/reader/look.h"

#include <string.h>

#include "crossread/doc/article.h"
#include "crossread/reader/cursor.h"
#include "crossread/reader/reader.h"

const struct style look_default_styles[R_COUNT] = {
#define LOOK_ROLE_STYLE(id, name, fg, bg, ca, ma) [R_##id] = {fg, bg, ca, ma},
    READER_ROLES(LOOK_ROLE_STYLE)
#undef LOOK_ROLE_STYLE
};

static const char *const role_names[R_COUNT] = {
#define LOOK_ROLE_NAME(id, name, fg, bg, ca, ma) [R_##id] = name,
    READER_ROLES(LOOK_ROLE_NAME)
#undef LOOK_ROLE_NAME
};

const char *look_role_name(enum role r)
{
	return r < R_COUNT ? role_names[r] : "?";
}

int look_role_by_name(const char *name, size_t len)
{
	for (int r = 0; r < R_COUNT; r++)
		if (strlen(role_names[r]) == len && !memcmp(role_names[r], name, len))
			return r;
	return -1;
}

#define BIT(r) ((uint32_t)1 << (r))

static enum role claim_role(const struct claim *c)
{
	switch (c->kind) {
	case KIND_ACCUSATION:
		return R_ACCUSATION;
	case KIND_REBUTTAL:
		return R_REBUTTAL;
	default:
		return R_CLAIM;
	}
}

static size_t first_span_after(const struct article *a, size_t off)
{
	size_t lo = 0, hi = a->nspans;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->spans[mid].end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static unsigned span_style_at(const struct article *a, size_t *k, size_t off)
{
	while (*k < a->nspans && a->spans[*k].end <= off)
		(*k)++;
	if (*k < a->nspans && a->spans[*k].start <= off)
		return a->spans[*k].style;
	return 0;
}

void look_frame_begin(struct reader *r, int p, size_t from, size_t to, struct look_frame *f)
{
	const struct article *a = reader_article(r, p);
	f->spank = first_span_after(a, from);
	f->nh = 0;
	f->cs = f->ce = 0;
	if (p == r->focus && r->pane[p].lay) {
		f->cs = r->pane[p].cur;
		f->ce = cursor_end(r->pane[p].lay, f->cs);
	}
	if (!r->has_pat)
		return;
	size_t pos = from, ms, me;
	while (f->nh < LOOK_MAX_HITS && pos < to &&
	       search_forward(&r->pat, a->text, a->len, pos, to, &ms, &me)) {
		f->hs[f->nh] = ms;
		f->he[f->nh] = me;
		f->nh++;
		pos = me > ms ? me : ms + 1;
	}
}

size_t look_claim_at(struct reader *r, int p, size_t off, size_t *next)
{
	struct session *s = r->s;
	size_t art = r->pane[p].art, best = ANNOT_NONE, nx = SIZE_MAX;
	if (next)
		*next = SIZE_MAX;
	if (!s->anchored)
		return ANNOT_NONE;
	for (size_t k = session_first_claim_after(s, art, off); k < s->norder[art]; k++) {
		size_t ci = s->order[art][k];
		const struct claim *cl = &s->an->claims[ci];
		if (cl->start > off) {
			nx = cl->start < nx ? cl->start : nx;
			break; /* sorted by start: the rest start later still */
		}
		if (off < cl->end) {
			best = ci;
			nx = cl->end < nx ? cl->end : nx;
		}
	}
	if (next)
		*next = nx;
	return best;
}

static void edge(size_t *next, size_t off, size_t at)
{
	if (at > off && at < *next)
		*next = at;
}

struct look look_at(struct reader *r, int p, size_t off, struct look_frame *f, size_t *next)
{
	struct pane *pn = &r->pane[p];
	const struct article *a = reader_article(r, p);
	struct look lk = {0, R_NORMAL, 0};
	unsigned st = span_style_at(a, &f->spank, off);
	static const struct {
		unsigned style;
		enum role role;
	} span_roles[] = {{TS_HEADING, R_HEADING}, {TS_STRONG, R_STRONG}, {TS_EMPH, R_EMPH},
			  {TS_LINK, R_LINK},	   {TS_QUOTE, R_QUOTE},	  {TS_CODE, R_CODE},
			  {TS_RULE, R_RULE}};
	for (size_t i = 0; i < sizeof span_roles / sizeof span_roles[0]; i++)
		if (st & span_roles[i].style)
			lk.roles |= BIT(span_roles[i].role);
	/* code and rules have colours of their own, rules' last */
	if (st & TS_CODE)
		lk.color = R_CODE;
	if (st & TS_RULE)
		lk.color = R_RULE;
	size_t nx = SIZE_MAX;
	if (f->spank < a->nspans) {
		const struct span *sp = &a->spans[f->spank];
		nx = sp->start > off ? sp->start : sp->end;
	}
	size_t cnext;
	size_t best = look_claim_at(r, p, off, &cnext);
	edge(&nx, off, cnext);
	if (best != ANNOT_NONE) {
		enum role cr = claim_role(&r->s->an->claims[best]);
		lk.roles |= BIT(cr);
		lk.color = (unsigned char)cr;
		if (best == pn->sel)
			lk.extra |= STY_REVERSE;
	}
	int sg = reader_sugg_at(r, p, off);
	edge(&nx, off, reader_sugg_edge(r, p, off));
	if (sg) {
		lk.roles |= BIT(R_SUGGEST);
		if (lk.color == R_NORMAL)
			lk.color = R_SUGGEST;
		if (sg == 2)
			lk.extra |= STY_REVERSE;
	}
	size_t lo, hi;
	if (reader_selection(r, p, &lo, &hi)) {
		edge(&nx, off, lo);
		edge(&nx, off, hi);
		if (off >= lo && off < hi)
			lk = (struct look){BIT(R_VISUAL), R_VISUAL,
					   0}; /* the selection alone shows */
	}
	for (size_t h = 0; h < f->nh; h++) {
		edge(&nx, off, f->hs[h]);
		edge(&nx, off, f->he[h]);
		if (off >= f->hs[h] && off < f->he[h]) {
			lk.roles |= BIT(R_SEARCH);
			lk.color = R_SEARCH;
			if (pn->has_hit && f->hs[h] == pn->hit_s)
				lk.extra |= STY_BOLD;
		}
	}
	if (f->ce > f->cs) { /* the cursor shows over everything */
		edge(&nx, off, f->cs);
		edge(&nx, off, f->ce);
		if (off >= f->cs && off < f->ce) {
			lk.roles |= BIT(R_CURSOR);
			lk.color = R_CURSOR;
		}
	}
	*next = nx;
	return lk;
}
