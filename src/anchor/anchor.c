/* anchor: owns placing quotes in display text. One normalised view per
 * article (with a map back to display offsets) makes anchoring many claims
 * linear in the text per claim; approximate matching is Myers' bit-parallel
 * algorithm in 64-bit blocks, so long quotes cost m/64 words per byte. */
#define _GNU_SOURCE /* memmem: glibc's is Two-Way, linear in text and quote */
#include "crossread/anchor/anchor.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "crossread/doc/article.h"
#include "crossread/base/text.h"
#include "crossread/base/util.h"

/* ------------------------------------------------------- normalisation */

/* The normalised view is text.h's one fold (also search's), case folded:
 * an editor's change of case does not lose a claim. */
#define ANCHOR_FOLD TEXT_FOLD_CASE

struct anchor_text {
	struct text_fold f; /* the view and its map back to display offsets */
	const char *norm;   /* f.s */
	size_t len;	    /* f.len */
};

char *anchor_normalize(const char *s, size_t len, bool trim, size_t *out_len)
{
	size_t n;
	char *r = text_fold_string(s, len, ANCHOR_FOLD, &n);
	if (trim) {
		size_t a = 0;
		while (a < n && r[a] == ' ')
			a++;
		while (n > a && r[n - 1] == ' ')
			n--;
		memmove(r, r + a, n - a);
		n -= a;
		r[n] = '\0';
	}
	if (out_len)
		*out_len = n;
	return r;
}

struct anchor_text *anchor_text_new(const char *text, size_t len)
{
	struct anchor_text *t = xcalloc(1, sizeof *t);
	text_fold_init(&t->f, ANCHOR_FOLD, true);
	/* offsets are kept in 32 bits (a replaced invalid byte grows to three);
	 * a text beyond that anchors nothing */
	if (len < UINT32_MAX / 3) {
		/* the folded copy is rarely longer than the text: sized once, so
		 * that it does not double while it grows */
		GROW(t->f.s, t->f.cap, size_add(len, 1));
		text_fold_append(&t->f, text, 0, len);
	}
	t->norm = t->f.s;
	t->len = t->f.len;
	return t;
}

void anchor_text_free(struct anchor_text *t)
{
	if (!t)
		return;
	text_fold_free(&t->f);
	free(t);
}

static bool is_cont(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

/* display offset of the character that gave norm[i] */
static size_t map_start(const struct anchor_text *t, size_t i)
{
	return text_fold_start(&t->f, i);
}

/* display offset just after that character */
static size_t map_end(const struct anchor_text *t, size_t i)
{
	return text_fold_end(&t->f, i);
}

/* first normalised offset whose character starts at or after display
 * offset off (t->len if none) */
static size_t norm_of_display(const struct anchor_text *t, size_t off)
{
	return text_fold_of(&t->f, off);
}

/* Does the normalised range [s, e) begin and end on the edges of whole
 * display characters? A quote found inside one character's expansion
 * (the "." of NFKC's "8." for U+248F, one "s" of a folded "\u00df") is
 * not in the text: a reader cannot see or select half a character. */
static bool whole_chars(const struct anchor_text *t, size_t s, size_t e)
{
	if (norm_of_display(t, map_start(t, s)) != s)
		return false;
	return e >= t->len || norm_of_display(t, map_start(t, e)) == e;
}

/* ---------------------------------------------------------------- Myers */

/* anchor_work's count */
static _Thread_local uint64_t work;

uint64_t anchor_work(void)
{
	return work;
}

struct myers {
	size_t m, nb;
	uint64_t *peq; /* [256][nb] */
	uint64_t lastmask;
	uint64_t *pv, *mv;
};

static void myers_init(struct myers *my, const unsigned char *p, size_t m)
{
	my->m = m;
	my->nb = (m + 63) / 64;
	my->peq = xcalloc(size_mul(256, my->nb), sizeof *my->peq);
	for (size_t i = 0; i < m; i++)
		my->peq[(size_t)p[i] * my->nb + i / 64] |= (uint64_t)1 << (i % 64);
	my->lastmask = (uint64_t)1 << ((m - 1) % 64);
	my->pv = xcalloc(my->nb, sizeof *my->pv);
	my->mv = xcalloc(my->nb, sizeof *my->mv);
}

static void myers_free(struct myers *my)
{
	free(my->peq);
	free(my->pv);
	free(my->mv);
}

/* Scan n bytes of text (forward from t, or backward from t[-1] when
 * reverse); out[j] = distance after j+1 bytes. The pattern is expected
 * reversed by the caller for backward scans. */
static void myers_scan(struct myers *my, const unsigned char *t, size_t n, bool reverse,
		       bool anchored, int32_t *out)
{
	for (size_t b = 0; b < my->nb; b++) {
		my->pv[b] = ~(uint64_t)0;
		my->mv[b] = 0;
	}
	long score = (long)my->m;
	work += (uint64_t)n * my->nb;
	for (size_t j = 0; j < n; j++) {
		unsigned c = reverse ? t[-(ptrdiff_t)j - 1] : t[j];
		const uint64_t *eqs = &my->peq[(size_t)c * my->nb];
		int hin = anchored ? 1 : 0;
		for (size_t b = 0; b < my->nb; b++) {
			uint64_t pv = my->pv[b], mv = my->mv[b], eq = eqs[b];
			uint64_t xv = eq | mv;
			if (hin < 0)
				eq |= 1;
			uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
			uint64_t ph = mv | ~(xh | pv);
			uint64_t mh = pv & xh;
			uint64_t hi = b + 1 == my->nb ? my->lastmask : (uint64_t)1 << 63;
			int hout = (ph & hi) ? 1 : (mh & hi) ? -1 : 0;
			ph <<= 1;
			mh <<= 1;
			if (hin < 0)
				mh |= 1;
			else if (hin > 0)
				ph |= 1;
			my->pv[b] = mh | ~(xv | ph);
			my->mv[b] = ph & xv;
			hin = hout;
		}
		score += hin;
		out[j] = (int32_t)score;
	}
}

void anchor_myers(const char *pat, size_t m, const char *text, size_t n, bool anchored,
		  int32_t *out)
{
	if (m == 0) {
		for (size_t j = 0; j < n; j++)
			out[j] = anchored ? (int32_t)(j + 1) : 0;
		return;
	}
	struct myers my;
	myers_init(&my, (const unsigned char *)pat, m);
	myers_scan(&my, (const unsigned char *)text, n, false, anchored, out);
	myers_free(&my);
}

/* Similarity in [0, 1] of pattern p against the text that ends at `end`
 * (backward: the prefix) or starts at `start` (forward: the suffix), the
 * other end left free. */
static double context_sim(const char *p, size_t m, const char *t, size_t tlen, size_t at,
			  bool backward)
{
	if (m == 0)
		return 1.0;
	size_t win = size_add(m, m / 2 + 2);
	size_t avail = backward ? at : tlen - at;
	if (win > avail)
		win = avail;
	if (win == 0)
		return 0.0;
	unsigned char *pat = xmalloc(m);
	for (size_t i = 0; i < m; i++)
		pat[i] = (unsigned char)(backward ? p[m - 1 - i] : p[i]);
	int32_t *sc = xreallocarray(NULL, win, sizeof *sc);
	struct myers my;
	myers_init(&my, pat, m);
	myers_scan(&my, (const unsigned char *)t + at, win, backward, true, sc);
	long best = (long)m;
	for (size_t j = 0; j < win; j++)
		if (sc[j] < best)
			best = sc[j];
	myers_free(&my);
	free(sc);
	free(pat);
	double s = 1.0 - (double)best / (double)m;
	return s < 0 ? 0 : s;
}

/* --------------------------------------------------------------- search */

struct cand {
	size_t s, e; /* normalised offsets */
	double qsim, psim, ssim, score;
	size_t dist; /* distance to the hint in display bytes, SIZE_MAX if none */
};

struct query {
	const struct anchor_text *t;
	char *q, *p, *s;
	size_t qn, pn, sn;
	long hint;
	size_t hnorm; /* the hint in normalised offsets, SIZE_MAX if none */
};

/* Exact occurrences of a quote, at most ANCHOR_MAX_CANDS of them: with a
 * hint, the ones nearest it (they arrive in text order, so those form a
 * window that slides forward while a new one is nearer than the oldest);
 * without, the first ones. An occurrence overlapping the one before is
 * not one (the text repeats itself there): that keeps the bytes compared
 * within the text's length. */
struct occs {
	size_t *v;
	size_t n, cap;
	size_t first; /* the oldest entry, once the window is full */
	size_t next;  /* the first offset a next occurrence may start at */
	size_t spent; /* bytes compared (the many-quotes pass) */
	bool done;    /* no later occurrence can be kept */
	bool redo;    /* too many compares: search this quote alone */
};

static size_t dist_to(size_t a, size_t b)
{
	return a > b ? a - b : b - a;
}

static void occ_add(struct occs *o, size_t pos, size_t qn, size_t hnorm)
{
	o->next = pos + qn;
	if (o->n < ANCHOR_MAX_CANDS) {
		GROW(o->v, o->cap, o->n + 1);
		o->v[o->n++] = pos;
		return;
	}
	if (hnorm == SIZE_MAX || dist_to(pos, hnorm) >= dist_to(o->v[o->first], hnorm)) {
		o->done = true; /* every later one is farther still */
		return;
	}
	o->v[o->first] = pos;
	o->first = (o->first + 1) % ANCHOR_MAX_CANDS;
}

static void score_cand(const struct query *qy, struct cand *c)
{
	const struct anchor_text *t = qy->t;
	/* context is compared up to, not including, the space that separates
	 * it from the quote, whichever side kept it */
	size_t ps = c->s, se = c->e;
	if (ps > 0 && t->norm[ps - 1] == ' ' && (qy->pn == 0 || qy->p[qy->pn - 1] != ' '))
		ps--;
	if (se < t->len && t->norm[se] == ' ' && (qy->sn == 0 || qy->s[0] != ' '))
		se++;
	c->psim = qy->pn ? context_sim(qy->p, qy->pn, t->norm, t->len, ps, true) : -1;
	c->ssim = qy->sn ? context_sim(qy->s, qy->sn, t->norm, t->len, se, false) : -1;
	/* the quote weighs most; context counts when given */
	double w = 2.0, sum = 2.0 * c->qsim;
	if (c->psim >= 0) {
		sum += c->psim;
		w += 1.0;
	}
	if (c->ssim >= 0) {
		sum += c->ssim;
		w += 1.0;
	}
	c->score = sum / w;
	c->dist = SIZE_MAX;
	if (qy->hint >= 0 && t->len) {
		size_t d0 = map_start(t, c->s < t->len ? c->s : t->len - 1);
		size_t h = (size_t)qy->hint;
		c->dist = d0 > h ? d0 - h : h - d0;
	}
}

/* context agreement of a candidate in [0, 1], or -1 when none given */
static double ctx_of(const struct cand *c)
{
	if (c->psim < 0 && c->ssim < 0)
		return -1;
	if (c->psim < 0)
		return c->ssim;
	if (c->ssim < 0)
		return c->psim;
	return (c->psim + c->ssim) / 2;
}

/* better: higher score, then nearer the hint */
static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->dist != y->dist)
		return x->dist < y->dist ? -1 : 1;
	return x->s < y->s ? -1 : x->s > y->s;
}

static struct anchor_match to_match(const struct query *qy, const struct cand *c,
				    enum anchor_how how)
{
	struct anchor_match m = {0};
	m.found = true;
	m.start = map_start(qy->t, c->s);
	m.end = map_end(qy->t, c->e - 1);
	m.score = c->score;
	m.how = how;
	return m;
}

/* Of several candidates (sorted best first), is the first one decidedly
 * the best? Context decides, else the hint. */
static bool decisive(const struct cand *v, size_t n)
{
	if (n < 2)
		return true;
	if (v[0].score - v[1].score > ANCHOR_TIE)
		return true;
	/* a tie in score: only a clearly nearer hint breaks it */
	return v[0].dist != SIZE_MAX && v[0].dist < v[1].dist;
}

/* first occurrence of needle (n > 0) in hay, or NULL */
static const char *find_bytes(const char *hay, size_t hn, const char *needle, size_t n)
{
	const char *f = memmem(hay, hn, needle, n);
	work += (f ? (size_t)(f - hay) : hn) + n;
	return f;
}

/* Decide among the exact occurrences occ[0..n) (n > 0, in any order) of
 * a quote: score each by its context, then the best if decisive. */
static struct anchor_match rank_exact(const struct query *qy, const size_t *occ, size_t n)
{
	struct anchor_match r = {0};
	struct cand *v = xreallocarray(NULL, n, sizeof *v);
	for (size_t i = 0; i < n; i++) {
		memset(&v[i], 0, sizeof v[i]);
		v[i].s = occ[i];
		v[i].e = occ[i] + qy->qn;
		v[i].qsim = 1.0;
		score_cand(qy, &v[i]);
	}
	qsort(v, n, sizeof *v, cand_cmp);
	double ctx = ctx_of(&v[0]);
	bool ok = decisive(v, n);
	/* a short quote found only against its own context is a different
	 * occurrence of the same words (the quoted text was edited away) */
	if (ok && ctx >= 0 && ctx < 0.5 && qy->qn < ANCHOR_SHORT)
		ok = false;
	if (ok) {
		r = to_match(qy, &v[0], ANCHOR_EXACT);
		r.score = ctx < 0 ? 1.0 : 0.75 + 0.25 * ctx;
	}
	free(v);
	return r;
}

/* One quote: its occurrences (struct occs) by a scan of the text. */
static struct anchor_match find_exact(const struct query *qy, bool *tried)
{
	const struct anchor_text *t = qy->t;
	struct anchor_match none = {0};
	struct occs o = {0};
	size_t pos = 0;
	while (pos + qy->qn <= t->len && !o.done) {
		const char *f = find_bytes(t->norm + pos, t->len - pos, qy->q, qy->qn);
		if (!f)
			break;
		size_t at = (size_t)(f - t->norm);
		if (!whole_chars(t, at, at + qy->qn)) {
			pos = at + 1;
			continue;
		}
		occ_add(&o, at, qy->qn, qy->hnorm);
		pos = o.next;
	}
	*tried = o.n > 0;
	struct anchor_match r = o.n ? rank_exact(qy, o.v, o.n) : none;
	free(o.v);
	return r;
}

static struct anchor_match find_fuzzy(const struct query *qy)
{
	const struct anchor_text *t = qy->t;
	struct anchor_match none = {0};
	if (qy->qn < ANCHOR_MIN_FUZZY || qy->qn > ANCHOR_FUZZY_MAX || t->len == 0)
		return none;
	size_t kmax = qy->qn / ANCHOR_MAX_ERR_DIV;
	/* the whole text if short, else a span around the hint: the cost
	 * of a quote is bounded whatever the text's size */
	size_t w0 = 0, w1 = t->len;
	if (t->len > ANCHOR_FUZZY_SPAN) {
		if (qy->hint < 0)
			return none;
		size_t h =
		    (size_t)qy->hint < UINT32_MAX ? norm_of_display(t, (size_t)qy->hint) : t->len;
		w0 = h > ANCHOR_FUZZY_SPAN / 2 ? h - ANCHOR_FUZZY_SPAN / 2 : 0;
		if (w0 > t->len - ANCHOR_FUZZY_SPAN)
			w0 = t->len - ANCHOR_FUZZY_SPAN;
		w1 = w0 + ANCHOR_FUZZY_SPAN;
	}
	int32_t *sc = xreallocarray(NULL, w1 - w0, sizeof *sc);
	anchor_myers(qy->q, qy->qn, t->norm + w0, w1 - w0, false, sc);
	/* candidates: ends whose distance is within kmax, grouped into
	 * clusters (ends within kmax of each other are one place);
	 * each cluster keeps its best end. One pass: linear in the span. */
	struct cand *v = NULL;
	size_t n = 0, cap = 0, last = 0;
	bool open = false;
	for (size_t j = w0; j < w1 && n < ANCHOR_MAX_CANDS; j++) {
		if (sc[j - w0] < 0 || (size_t)sc[j - w0] > kmax)
			continue;
		double qs = 1.0 - (double)sc[j - w0] / (double)qy->qn;
		if (open && j - last <= kmax + 1) {
			if (qs > v[n - 1].qsim) {
				v[n - 1].e = j + 1;
				v[n - 1].qsim = qs;
			}
			last = j;
			continue;
		}
		GROW(v, cap, n + 1);
		memset(&v[n], 0, sizeof v[n]);
		v[n].e = j + 1;
		v[n].qsim = qs;
		n++;
		open = true;
		last = j;
	}
	free(sc);
	/* start of each candidate: anchored backward scan with the reversed
	 * quote, taking the longest-agreeing start of least distance */
	for (size_t i = 0; i < n; i++) {
		size_t win = qy->qn + kmax;
		if (win > v[i].e)
			win = v[i].e;
		unsigned char *rp = xmalloc(qy->qn);
		for (size_t k = 0; k < qy->qn; k++)
			rp[k] = (unsigned char)qy->q[qy->qn - 1 - k];
		int32_t *bs = xreallocarray(NULL, win ? win : 1, sizeof *bs);
		struct myers my;
		myers_init(&my, rp, qy->qn);
		myers_scan(&my, (const unsigned char *)t->norm + v[i].e, win, true, true, bs);
		size_t bestj = 0;
		for (size_t j = 1; j < win; j++)
			if (bs[j] < bs[bestj])
				bestj = j;
		myers_free(&my);
		free(bs);
		free(rp);
		v[i].s = v[i].e - (bestj + 1);
		/* do not start or end on a folded space */
		while (v[i].s < v[i].e && t->norm[v[i].s] == ' ')
			v[i].s++;
		while (v[i].e > v[i].s && t->norm[v[i].e - 1] == ' ')
			v[i].e--;
		score_cand(qy, &v[i]);
	}
	struct anchor_match r = none;
	if (n) {
		qsort(v, n, sizeof *v, cand_cmp);
		double ctx = ctx_of(&v[0]);
		bool ok = v[0].e > v[0].s && v[0].score >= ANCHOR_MIN_SCORE && decisive(v, n);
		/* edited quote and foreign context: a different passage */
		if (ok && ctx >= 0 && ctx < 0.5)
			ok = false;
		if (ok)
			r = to_match(qy, &v[0], ANCHOR_FUZZY);
	}
	free(v);
	return r;
}

/* Keep the ANCHOR_CTX_MAX bytes of a normalised context nearest the
 * quote (the end of a prefix, the start of a suffix), on a character
 * boundary: comparing a context costs its length per candidate. */
static void ctx_cut(char *c, size_t *n, bool keep_end)
{
	if (*n <= ANCHOR_CTX_MAX)
		return;
	size_t k = ANCHOR_CTX_MAX;
	if (keep_end) {
		size_t from = *n - k;
		while (from < *n && is_cont(c[from]))
			from++;
		memmove(c, c + from, *n - from);
		*n -= from;
	} else {
		while (k > 0 && is_cont(c[k]))
			k--;
		*n = k;
	}
	c[*n] = '\0';
}

static void query_init(struct query *qy, const struct anchor_text *t, const char *quote,
		       const char *prefix, const char *suffix, long hint)
{
	memset(qy, 0, sizeof *qy);
	qy->t = t;
	qy->hint = hint;
	qy->hnorm =
	    hint >= 0 && (size_t)hint < UINT32_MAX ? norm_of_display(t, (size_t)hint) : SIZE_MAX;
	qy->q = anchor_normalize(quote, strlen(quote), true, &qy->qn);
	/* context keeps its inner edges' spaces out: compared without them */
	qy->p = anchor_normalize(prefix ? prefix : "", prefix ? strlen(prefix) : 0, true, &qy->pn);
	qy->s = anchor_normalize(suffix ? suffix : "", suffix ? strlen(suffix) : 0, true, &qy->sn);
	ctx_cut(qy->p, &qy->pn, true);
	ctx_cut(qy->s, &qy->sn, false);
}

static void query_free(struct query *qy)
{
	free(qy->q);
	free(qy->p);
	free(qy->s);
}

/* The cheap decisions before any search: a quote that cannot be there
 * (empty, longer than the text), or exactly at its hint with context not
 * contradicting it. Returns true when *r is the answer. */
static bool find_first(const struct query *qy, struct anchor_match *r)
{
	const struct anchor_text *t = qy->t;
	memset(r, 0, sizeof *r);
	if (qy->qn == 0 || qy->qn > t->len)
		return true;
	long hint = qy->hint;
	if (hint >= 0 && (size_t)hint < UINT32_MAX) {
		size_t h = norm_of_display(t, (size_t)hint);
		if (h < t->len && map_start(t, h) == (size_t)hint && h + qy->qn <= t->len &&
		    memcmp(t->norm + h, qy->q, qy->qn) == 0 && whole_chars(t, h, h + qy->qn)) {
			struct cand c = {0};
			c.s = h;
			c.e = h + qy->qn;
			c.qsim = 1.0;
			score_cand(qy, &c);
			double ctx = ctx_of(&c);
			if (ctx < 0 || ctx >= 0.5 || qy->qn >= ANCHOR_SHORT) {
				*r = to_match(qy, &c, ANCHOR_HINT);
				r->score = 1.0;
				return true;
			}
		}
	}
	return false;
}

struct anchor_match anchor_find_in(const struct anchor_text *t, const char *quote,
				   const char *prefix, const char *suffix, long hint)
{
	struct anchor_match r = {0};
	if (!t || !quote || !t->len)
		return r;
	struct query qy;
	query_init(&qy, t, quote, prefix, suffix, hint);
	/* 1: the hint; 2: exact occurrences; 3: approximate, only if there
	 * were none */
	if (!find_first(&qy, &r)) {
		bool tried = false;
		r = find_exact(&qy, &tried);
		if (!r.found && !tried)
			r = find_fuzzy(&qy);
	}
	query_free(&qy);
	return r;
}

struct anchor_match anchor_find(const char *text, size_t len, const char *quote, const char *prefix,
				const char *suffix, long hint)
{
	struct anchor_text *t = anchor_text_new(text, len);
	struct anchor_match r = anchor_find_in(t, quote, prefix, suffix, hint);
	anchor_text_free(t);
	return r;
}

/* ------------------------------------------------------ many quotes */

/* Anchoring an article's claims one by one would scan the text once per
 * quote. Instead every quote still to search is keyed by a hash of its
 * first k bytes, and one rolling-hash pass over the text per window length
 * k finds all their exact occurrences; each hit is checked byte for byte.
 * Ranking the occurrences is the same as for one quote (rank_exact). */

struct pend {
	struct query qy;
	size_t claim;
	struct occs occ; /* exact occurrences */
	size_t next;	 /* next quote with the same window hash, + 1 (0: none) */
};

struct wslot {
	uint64_t h;
	size_t head; /* first quote with this hash, + 1 (0: empty slot) */
};

/* window lengths: k is the longest of these not above the quote's length,
 * so a handful of passes serve quotes of any length */
static const size_t win_lens[] = {32, 16, 8, 4, 2, 1};
#define ROLL_B 0x100000001B3ull /* odd: arithmetic mod 2^64 */

static size_t win_len(size_t qn)
{
	for (size_t i = 0; i < sizeof win_lens / sizeof win_lens[0]; i++)
		if (qn >= win_lens[i])
			return win_lens[i];
	return 1;
}

#define MIX(h)	    ((h)*0x9E3779B97F4A7C15ull)
#define FILTER_BITS 16

static void exact_hit(const struct anchor_text *t, struct pend *p, size_t head, size_t pos)
{
	for (size_t i = head; i; i = p[i - 1].next) {
		struct pend *e = &p[i - 1];
		if (e->occ.done || pos < e->occ.next || pos + e->qy.qn > t->len)
			continue;
		/* a text that repeats the quote's first window (but not the
		 * rest) at every byte would cost its length per byte here: past
		 * twice the text's length, the quote is searched on its own */
		if (e->occ.spent > 2 * t->len) {
			e->occ.redo = e->occ.done = true;
			continue;
		}
		work += e->qy.qn;
		e->occ.spent += e->qy.qn;
		if (memcmp(t->norm + pos, e->qy.q, e->qy.qn) == 0 &&
		    whole_chars(t, pos, pos + e->qy.qn))
			occ_add(&e->occ, pos, e->qy.qn, e->qy.hnorm);
	}
}

/* one pass over the text for the quotes whose window length is k */
static void exact_pass(const struct anchor_text *t, struct pend *p, size_t np, size_t k)
{
	size_t cnt = 0;
	for (size_t i = 0; i < np; i++)
		cnt += win_len(p[i].qy.qn) == k;
	if (!cnt || t->len < k)
		return;
	unsigned bits = 4;
	while (((size_t)1 << bits) < size_mul(cnt, 2))
		bits++;
	size_t mask = ((size_t)1 << bits) - 1;
	struct wslot *tab = xcalloc(mask + 1, sizeof *tab);
	/* a bit per hash (top FILTER_BITS bits) in front of the table: most
	 * windows of the text miss it, without a branch hard to predict */
	uint64_t *filter = xcalloc((size_t)1 << (FILTER_BITS - 6), sizeof *filter);
	const unsigned char *s = (const unsigned char *)t->norm;
	for (size_t i = 0; i < np; i++) {
		if (win_len(p[i].qy.qn) != k)
			continue;
		uint64_t h = 0;
		for (size_t j = 0; j < k; j++)
			h = h * ROLL_B + (unsigned char)p[i].qy.q[j] + 1;
		uint64_t mh = MIX(h);
		size_t f = (size_t)(mh >> (64 - FILTER_BITS));
		filter[f >> 6] |= (uint64_t)1 << (f & 63);
		size_t x = (size_t)(mh >> (64 - bits));
		while (tab[x].head && tab[x].h != h)
			x = (x + 1) & mask;
		tab[x].h = h;
		p[i].next = tab[x].head;
		tab[x].head = i + 1;
	}
	uint64_t pw = 1; /* ROLL_B^(k-1): what the byte leaving the window weighs */
	for (size_t j = 1; j < k; j++)
		pw *= ROLL_B;
	uint64_t h = 0;
	for (size_t j = 0; j < k; j++)
		h = h * ROLL_B + s[j] + 1;
	for (size_t pos = 0;; pos++) {
		uint64_t mh = MIX(h);
		size_t f = (size_t)(mh >> (64 - FILTER_BITS));
		if (filter[f >> 6] & ((uint64_t)1 << (f & 63)))
			for (size_t x = (size_t)(mh >> (64 - bits)); tab[x].head;
			     x = (x + 1) & mask)
				if (tab[x].h == h) {
					exact_hit(t, p, tab[x].head, pos);
					break;
				}
		if (pos + k >= t->len)
			break;
		h = (h - (s[pos] + 1u) * pw) * ROLL_B + s[pos + k] + 1;
	}
	free(filter);
	free(tab);
}

static void set_claim(struct claim *c, struct anchor_match m)
{
	c->how = m.found ? m.how : ANCHOR_NONE;
	c->start = m.found ? m.start : 0;
	c->end = m.found ? m.end : 0;
	c->score = m.found ? m.score : 0;
}

/* Every claim of article a in t: the same decisions as anchor_find_in on
 * each, with one pass per window length for all their exact searches. */
static void anchor_article(struct annot *an, size_t a, const struct anchor_text *t)
{
	struct pend *p = NULL;
	size_t np = 0, cap = 0;
	for (size_t i = 0; i < an->nclaims; i++) {
		struct claim *c = &an->claims[i];
		if (c->art != a)
			continue;
		struct anchor_match m = {0};
		if (!c->quote || !t->len) {
			set_claim(c, m);
			continue;
		}
		GROW(p, cap, np + 1);
		memset(&p[np], 0, sizeof p[np]);
		query_init(&p[np].qy, t, c->quote, c->prefix, c->suffix, c->at);
		if (find_first(&p[np].qy, &m)) {
			set_claim(c, m);
			query_free(&p[np].qy);
			continue;
		}
		p[np++].claim = i;
	}
	for (size_t i = 0; i < sizeof win_lens / sizeof win_lens[0]; i++)
		exact_pass(t, p, np, win_lens[i]);
	uint64_t fuzzy = 0; /* block steps spent matching approximately */
	for (size_t i = 0; i < np; i++) {
		struct anchor_match m = {0};
		bool tried = p[i].occ.n > 0;
		if (p[i].occ.redo)
			m = find_exact(&p[i].qy, &tried);
		else if (tried)
			m = rank_exact(&p[i].qy, p[i].occ.v, p[i].occ.n);
		/* each claim's approximate search is bounded; so are all of an
		 * article's together, or many claims would add up to minutes */
		if (!m.found && !tried && fuzzy < ANCHOR_FUZZY_BUDGET) {
			uint64_t w0 = work;
			m = find_fuzzy(&p[i].qy);
			fuzzy += work - w0;
		}
		set_claim(&an->claims[p[i].claim], m);
		query_free(&p[i].qy);
		free(p[i].occ.v);
	}
	free(p);
}

void anchor_claims_of(struct annot *an, size_t a, struct article *art)
{
	/* an article no claim points at needs no normalised view (it costs
	 * a pass and about 3 bytes a byte of text) */
	size_t i = 0;
	while (i < an->nclaims && an->claims[i].art != a)
		i++;
	if (i == an->nclaims)
		return;
	/* one normalised view at a time, freed as soon as its claims are
	 * placed */
	struct anchor_text *t = anchor_text_new(art->text, art->len);
	anchor_article(an, a, t);
	anchor_text_free(t);
}

void anchor_claims(struct annot *an, struct article **arts)
{
	for (size_t a = 0; a < an->narticles; a++)
		if (arts && arts[a])
			anchor_claims_of(an, a, arts[a]);
}

/* ------------------------------------------------------------- context */

void anchor_context(const char *text, size_t len, size_t start, size_t end, char **prefix,
		    char **suffix)
{
	if (start > len)
		start = len;
	if (end > len)
		end = len;
	if (end < start)
		end = start;
	size_t ps = start > ANCHOR_CONTEXT ? start - ANCHOR_CONTEXT : 0;
	/* move forward to a character boundary (not a continuation byte) */
	while (ps < start && ((unsigned char)text[ps] & 0xC0) == 0x80)
		ps++;
	size_t se = end + ANCHOR_CONTEXT < len ? end + ANCHOR_CONTEXT : len;
	while (se > end && se < len && ((unsigned char)text[se] & 0xC0) == 0x80)
		se--;
	*prefix = xstrndup(text + ps, start - ps);
	*suffix = xstrndup(text + end, se - end);
}
