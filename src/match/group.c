/* group: joins the pairwise `same` matches of a story's articles into
 * groups of at most one sentence per article (union-find over the pairs,
 * best first), scores and orders them, and lists the rebuttal pairs apart.
 * See group.h. */
#include "crossread/match/group.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/base/hashmap.h"
#include "crossread/base/util.h"

struct node {
	size_t art, start, end;
	enum stance stance;
	size_t parent;
	uint32_t mask; /* at a root: the articles of its group */
	size_t group;  /* at a root: the output group, SIZE_MAX none */
};

struct grouper {
	struct hashmap ids;
	struct node *nodes;
	size_t n, cap;
};

static size_t node_of(struct grouper *g, size_t art, size_t start, size_t end, enum stance st)
{
	size_t key[2] = {art, start};
	bool added;
	size_t *v = hashmap_put(&g->ids, (const char *)key, sizeof key, &added);
	if (!added)
		return *v;
	if (g->n == g->cap) {
		g->cap = g->cap ? size_mul(g->cap, 2) : 64;
		g->nodes = xreallocarray(g->nodes, g->cap, sizeof *g->nodes);
	}
	*v = g->n;
	g->nodes[g->n] = (struct node){art, start, end, st, g->n, 1u << art, SIZE_MAX};
	return g->n++;
}

static size_t find(struct node *nv, size_t x)
{
	while (nv[x].parent != x) {
		nv[x].parent = nv[nv[x].parent].parent;
		x = nv[x].parent;
	}
	return x;
}

/* the pair with its lower article first */
static struct group_pair oriented(size_t a, size_t b, const struct match_pair *m)
{
	struct group_pair p = {a, b, *m};
	if (a > b) {
		p.a = b;
		p.b = a;
		p.m.a_start = m->b_start;
		p.m.a_end = m->b_end;
		p.m.b_start = m->a_start;
		p.m.b_end = m->a_end;
		p.m.sa = m->sb;
		p.m.sb = m->sa;
	}
	return p;
}

/* best first; ties in a fixed order, so the output does not depend on qsort */
static int cmp_pair_score(const struct group_pair *x, const struct group_pair *y)
{
	if (x->m.score != y->m.score)
		return x->m.score > y->m.score ? -1 : 1;
	size_t kx[4] = {x->a, x->b, x->m.a_start, x->m.b_start};
	size_t ky[4] = {y->a, y->b, y->m.a_start, y->m.b_start};
	for (int i = 0; i < 4; i++)
		if (kx[i] != ky[i])
			return kx[i] < ky[i] ? -1 : 1;
	return 0;
}

static int cmp_pair(const void *px, const void *py)
{
	return cmp_pair_score(px, py);
}

/* for joining: mutual best pairs before one-sided ones, as match.h ranks */
static int cmp_edge(const void *px, const void *py)
{
	const struct group_pair *x = px, *y = py;
	if (x->m.mutual != y->m.mutual)
		return x->m.mutual ? -1 : 1;
	return cmp_pair_score(x, y);
}

static int cmp_sent(const void *px, const void *py)
{
	const struct group_sentence *x = px, *y = py;
	if (x->art != y->art)
		return x->art < y->art ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

static int cmp_group(const void *px, const void *py)
{
	const struct match_group *x = px, *y = py;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->nsent != y->nsent)
		return x->nsent > y->nsent ? -1 : 1;
	return cmp_sent(x->sent, y->sent);
}

void match_group(size_t narts, const struct group_input *in, size_t nin, struct match_groups *out)
{
	memset(out, 0, sizeof *out);
	if (narts > GROUP_MAX_ARTICLES)
		narts = GROUP_MAX_ARTICLES;
	size_t nsame = 0, nreb = 0;
	for (size_t i = 0; i < nin; i++) {
		if (in[i].a >= narts || in[i].b >= narts || in[i].a == in[i].b)
			continue;
		for (size_t k = 0; k < in[i].npairs; k++)
			if (in[i].pairs[k].rel == REL_REBUTS)
				nreb++;
			else
				nsame++;
	}
	struct group_pair *edges = xreallocarray(NULL, nsame ? nsame : 1, sizeof *edges);
	out->rebuts = xreallocarray(NULL, nreb ? nreb : 1, sizeof *out->rebuts);
	nsame = 0;
	for (size_t i = 0; i < nin; i++) {
		if (in[i].a >= narts || in[i].b >= narts || in[i].a == in[i].b)
			continue;
		for (size_t k = 0; k < in[i].npairs; k++) {
			struct group_pair p = oriented(in[i].a, in[i].b, &in[i].pairs[k]);
			if (p.m.rel == REL_REBUTS)
				out->rebuts[out->nrebuts++] = p;
			else
				edges[nsame++] = p;
		}
	}
	qsort(out->rebuts, out->nrebuts, sizeof *out->rebuts, cmp_pair);
	qsort(edges, nsame, sizeof *edges, cmp_edge);

	/* join best first; a group never holds two sentences of one article */
	struct grouper g = {0};
	hashmap_reserve(&g.ids, size_mul(nsame, 2));
	size_t *eu = xreallocarray(NULL, nsame ? nsame : 1, sizeof *eu);
	size_t *ev = xreallocarray(NULL, nsame ? nsame : 1, sizeof *ev);
	for (size_t i = 0; i < nsame; i++) {
		const struct group_pair *p = &edges[i];
		eu[i] = node_of(&g, p->a, p->m.a_start, p->m.a_end, p->m.sa);
		ev[i] = node_of(&g, p->b, p->m.b_start, p->m.b_end, p->m.sb);
		size_t ru = find(g.nodes, eu[i]), rv = find(g.nodes, ev[i]);
		if (ru == rv || (g.nodes[ru].mask & g.nodes[rv].mask))
			continue;
		if (ru > rv) {
			size_t t = ru;
			ru = rv;
			rv = t;
		}
		g.nodes[rv].parent = ru;
		g.nodes[ru].mask |= g.nodes[rv].mask;
	}

	/* number the groups (roots of two or more) and count what each holds */
	size_t ng = 0;
	for (size_t x = 0; x < g.n; x++) {
		size_t rt = find(g.nodes, x);
		if (rt != x && g.nodes[rt].group == SIZE_MAX)
			g.nodes[rt].group = ng++;
	}
	struct match_group *gv = xreallocarray(NULL, ng ? ng : 1, sizeof *gv);
	memset(gv, 0, (ng ? ng : 1) * sizeof *gv);
	size_t nin_group = 0, nsent = 0;
	for (size_t x = 0; x < g.n; x++) {
		size_t gi = g.nodes[find(g.nodes, x)].group;
		if (gi != SIZE_MAX) {
			gv[gi].nsent++;
			nsent++;
		}
	}
	for (size_t i = 0; i < nsame; i++) {
		size_t ru = find(g.nodes, eu[i]);
		if (ru == find(g.nodes, ev[i]) && g.nodes[ru].group != SIZE_MAX) {
			gv[g.nodes[ru].group].npairs++;
			nin_group++;
		}
	}
	/* each group's slice of the two buffers: so[k], po[k] where it starts */
	out->sent_buf = xreallocarray(NULL, nsent ? nsent : 1, sizeof *out->sent_buf);
	out->pair_buf = xreallocarray(NULL, nin_group ? nin_group : 1, sizeof *out->pair_buf);
	size_t *so = xreallocarray(NULL, ng ? ng : 1, sizeof *so);
	size_t *po = xreallocarray(NULL, ng ? ng : 1, sizeof *po);
	for (size_t k = 0, s0 = 0, p0 = 0; k < ng; k++) {
		so[k] = s0;
		po[k] = p0;
		s0 += gv[k].nsent;
		p0 += gv[k].npairs;
		gv[k].sent = out->sent_buf + so[k];
		gv[k].pairs = out->pair_buf + po[k];
	}
	for (size_t x = 0; x < g.n; x++) {
		size_t gi = g.nodes[find(g.nodes, x)].group;
		if (gi != SIZE_MAX)
			out->sent_buf[so[gi]++] = (struct group_sentence){
			    g.nodes[x].art, g.nodes[x].start, g.nodes[x].end, g.nodes[x].stance};
	}
	for (size_t i = 0; i < nsame; i++) {
		size_t ru = find(g.nodes, eu[i]);
		if (ru != find(g.nodes, ev[i]) || g.nodes[ru].group == SIZE_MAX)
			continue;
		size_t gi = g.nodes[ru].group;
		out->pair_buf[po[gi]++] = edges[i];
		gv[gi].score += edges[i].m.score;
	}
	free(so);
	free(po);
	for (size_t k = 0; k < ng; k++) {
		qsort(out->sent_buf + (gv[k].sent - out->sent_buf), gv[k].nsent, sizeof *gv[k].sent,
		      cmp_sent);
		qsort(out->pair_buf + (gv[k].pairs - out->pair_buf), gv[k].npairs,
		      sizeof *gv[k].pairs, cmp_pair);
	}
	qsort(gv, ng, sizeof *gv, cmp_group);
	out->groups = gv;
	out->ngroups = ng;

	free(eu);
	free(ev);
	free(edges);
	free(g.nodes);
	hashmap_free(&g.ids);
}

void match_group_texts(size_t narts, const char *const *text, const size_t *len,
		       const struct match_opts *opts, struct match_groups *out)
{
	if (narts > GROUP_MAX_ARTICLES)
		narts = GROUP_MAX_ARTICLES;
	/* each article split, tokenised and stemmed once, not once a pair */
	struct match_story *st = match_story_new(opts);
	for (size_t i = 0; i < narts; i++)
		match_story_scan(st, text[i], len[i]);
	struct match_article **ma = xreallocarray(NULL, narts ? narts : 1, sizeof *ma);
	for (size_t i = 0; i < narts; i++)
		ma[i] = match_prepare(st, text[i], len[i]);
	size_t nin = narts > 1 ? narts * (narts - 1) / 2 : 0, k = 0;
	struct group_input *in = xreallocarray(NULL, nin ? nin : 1, sizeof *in);
	struct match_pair **pv = xreallocarray(NULL, nin ? nin : 1, sizeof *pv);
	for (size_t a = 0; a < narts; a++)
		for (size_t b = a + 1; b < narts; b++, k++) {
			size_t np = match_prepared(st, ma[a], ma[b], opts, &pv[k]);
			in[k] = (struct group_input){a, b, pv[k], np};
		}
	for (size_t i = 0; i < narts; i++)
		match_article_free(ma[i]);
	free(ma);
	match_story_free(st);
	match_group(narts, in, nin, out);
	for (k = 0; k < nin; k++)
		free(pv[k]);
	free(pv);
	free(in);
}

void match_groups_free(struct match_groups *g)
{
	free(g->groups);
	free(g->rebuts);
	free(g->sent_buf);
	free(g->pair_buf);
	memset(g, 0, sizeof *g);
}
