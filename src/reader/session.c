/* session: the open articles and annotation layers, anchoring, per-article
 * claim indexes, link partners, pair marks, the jump history and the claims
 * overview. Everything the reader's keys need that is not drawing. */
#include "crossread/reader/session.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crossread/anchor/anchor.h"
#include "crossread/doc/article.h"
#include "crossread/persist/store.h"
#include "crossread/base/hashmap.h"
#include "crossread/base/path.h"
#include "crossread/base/util.h"

static bool ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n >= m && !strcmp(s + n - m, suf);
}

char *session_default_notes(const char *annot_path, char **articles, size_t n)
{
	struct buf b = {0};
	if (annot_path) {
		size_t len = strlen(annot_path);
		if (ends_with(annot_path, ".yaml"))
			len -= 5;
		else if (ends_with(annot_path, ".yml"))
			len -= 4;
		buf_add(&b, annot_path, len);
		buf_adds(&b, ".notes.yaml");
		return buf_detach(&b);
	}
	if (!n)
		return xstrdup("crossread.notes.yaml");
	char *dir = path_dir(articles[0]);
	buf_printf(&b, "%s/", dir);
	free(dir);
	for (size_t i = 0; i < n && i < 2; i++) {
		char *base = path_base_noext(articles[i]);
		buf_printf(&b, "%s%s", i ? "+" : "", base);
		free(base);
	}
	buf_adds(&b, ".notes.yaml");
	return buf_detach(&b);
}

/* give an opened article an entry in the annotation model (personal claims
 * need an article id to point at) */
static size_t register_article(struct session *s, const char *path)
{
	size_t i = annot_article_for(s->an, path);
	if (i != ANNOT_NONE)
		return i;
	char *id = path_base_noext(path);
	struct buf uniq = {0};
	buf_adds(&uniq, id);
	for (int k = 2; annot_find_article(s->an, uniq.s) != ANNOT_NONE; k++) {
		uniq.len = 0;
		buf_printf(&uniq, "%s-%d", id, k);
	}
	free(id);
	struct annot *an = s->an;
	GROW(an->articles, an->articles_cap, an->narticles + 1);
	struct annot_article *aa = &an->articles[an->narticles];
	memset(aa, 0, sizeof *aa);
	aa->id = buf_detach(&uniq);
	char *ndir = path_dir(s->notes_path);
	aa->path = path_relative(ndir, path);
	free(ndir);
	aa->fullpath = xstrdup(path);
	return an->narticles++;
}

const char session_no_notes[] = "(--no-notes)";

void session_hold_claim(struct session *s, size_t *ref)
{
	for (size_t i = 0; i < s->nheld; i++)
		if (s->held[i] == ref)
			return;
	if (s->nheld < SESSION_MAX_HELD)
		s->held[s->nheld++] = ref;
}

/* Is path a personal notes file (issue 13)? Only a notes file names the
 * curated file it lies over (`over:`, written by every save over one);
 * one without (notes on articles opened alone) is recognised by being the
 * notes file its own articles would get. *over: the curated file resolved
 * (NULL: none); *arts: its articles' paths (malloc'd array of malloc'd). */
static bool notes_file(const char *path, char **over, char ***arts, size_t *narts)
{
	*over = NULL;
	*arts = NULL;
	*narts = 0;
	struct annot *an = NULL;
	struct diag_list d = {0};
	int rc = annot_load(&an, path, LAYER_PERSONAL, &d);
	diag_free(&d);
	if (rc == 2 || !an) {
		annot_free(an);
		return false;
	}
	bool yes = false;
	if (an->over && *an->over) {
		*over = annot_resolve_path(path, an->over);
		yes = true;
	} else if (an->narticles && an->narticles <= SESSION_MAX_ARTICLES) {
		char *paths[SESSION_MAX_ARTICLES];
		size_t n = 0;
		for (size_t i = 0; i < an->narticles; i++)
			if (an->articles[i].fullpath)
				paths[n++] = an->articles[i].fullpath;
		char *def = n ? session_default_notes(NULL, paths, n) : NULL;
		yes = def && path_same_file(def, path);
		free(def);
	}
	if (yes && !*over) {
		*arts = xcalloc(an->narticles, sizeof **arts);
		for (size_t i = 0; i < an->narticles; i++)
			if (an->articles[i].fullpath)
				(*arts)[(*narts)++] = xstrdup(an->articles[i].fullpath);
	}
	annot_free(an);
	return yes;
}

int session_open(struct session *s, const char *annot_path, char **articles, size_t narticles,
		 const char *notes_path, char *err, size_t errlen)
{
	/* a personal notes file opened as the annotation file: it is yours,
	 * edited as the notes file over the curated file it names, never
	 * taken for curated with a second notes file started beside it */
	char *over;
	char **own;
	size_t nown;
	if (annot_path && notes_path != session_no_notes &&
	    (!notes_path || path_same_file(notes_path, annot_path)) &&
	    notes_file(annot_path, &over, &own, &nown)) {
		int rc;
		if (over && access(over, R_OK) != 0) {
			memset(s, 0, sizeof *s);
			snprintf(err, errlen, "%s: a notes file over %s, which cannot be read (%s)",
				 annot_path, over, strerror(errno));
			rc = 2;
		} else {
			char *mine = xstrdup(annot_path);
			rc = session_open(s, over, narticles ? articles : own,
					  narticles ? narticles : nown, mine, err, errlen);
			free(mine);
			s->notes_direct = true;
		}
		free(over);
		for (size_t i = 0; i < nown; i++)
			free(own[i]);
		free(own);
		return rc;
	}
	memset(s, 0, sizeof *s);
	if (notes_path == session_no_notes) {
		s->no_notes = true;
		notes_path = NULL;
	}
	if (annot_path) {
		s->annot_path = xstrdup(annot_path);
		s->annot_rc = annot_load(&s->an, annot_path, LAYER_CURATED, &s->diags);
		if (s->annot_rc == 2) {
			snprintf(err, errlen, "%s: cannot be used as an annotation file",
				 annot_path);
			return 2;
		}
	}
	if (!s->an)
		s->an = annot_new();
	s->notes_path = notes_path ? xstrdup(notes_path)
				   : session_default_notes(annot_path, articles, narticles);

	char *paths[SESSION_MAX_ARTICLES];
	size_t n = 0, given = narticles ? narticles : s->an->narticles;
	/* a story longer than the limit is refused whole: opening the first
	 * sixteen would hide the rest without a word */
	if (given > SESSION_MAX_ARTICLES) {
		snprintf(err, errlen, "%s: %zu articles (at most %d can be opened)",
			 narticles || !annot_path ? "command line" : annot_path, given,
			 SESSION_MAX_ARTICLES);
		return 2;
	}
	if (narticles) {
		for (size_t i = 0; i < narticles; i++)
			paths[n++] = articles[i];
	} else {
		for (size_t i = 0; i < s->an->narticles; i++)
			paths[n++] = s->an->articles[i].fullpath;
	}
	if (n == 0) {
		snprintf(err, errlen, "%s: names no article to open",
			 annot_path ? annot_path : "command line");
		return 2;
	}
	for (size_t i = 0; i < n; i++) {
		const char *why;
		if (article_open(&s->arts[i], paths[i], &why) < 0) {
			snprintf(err, errlen, "%s: %s", paths[i], why ? why : strerror(errno));
			return 2;
		}
		s->narts = i + 1;
	}
	/* a FIFO, a device or a directory would hang the reader or take
	 * journals and side files beside it: refused before the screen opens */
	if (!s->no_notes && store_check_regular(s->notes_path, err, errlen) < 0)
		return 2;
	s->store = s->no_notes ? store_open_memory()
			       : store_open(s->notes_path, &s->an, &s->diags, &s->notes_rc);
	for (size_t i = 0; i < s->narts; i++)
		s->annot_of[i] = register_article(s, s->arts[i]->path);
	/* paths are written only into the personal file: make them relative
	 * to it (the curated file is never written) */
	char *ndir = path_dir(s->notes_path);
	for (size_t i = 0; i < s->an->narticles; i++) {
		struct annot_article *aa = &s->an->articles[i];
		if (!aa->fullpath)
			continue;
		char *rel = path_relative(ndir, aa->fullpath);
		free(aa->path);
		aa->path = rel;
	}
	if (annot_path) {
		free(s->an->over);
		s->an->over = path_relative(ndir, annot_path);
	}
	free(ndir);
	annot_resolve_links(s->an);
	session_load_step(s, 0);
	return 0;
}

void session_close(struct session *s)
{
	for (size_t i = 0; i < s->narts; i++) {
		article_free(s->arts[i]);
		free(s->order[i]);
		free(s->order_maxend[i]);
	}
	if (s->store)
		store_free(s->store);
	annot_free(s->an);
	diag_free(&s->diags);
	free(s->annot_path);
	free(s->notes_path);
	free(s->marks);
	free(s->adj_start);
	free(s->adj_links);
	free(s->note_start);
	free(s->note_list);
	free(s->onote_start);
	free(s->onote_list);
	undo_clear(&s->undo);
	memset(s, 0, sizeof *s);
}

static const struct session *sort_session;
static int cmp_claim_start(const void *a, const void *b)
{
	const struct claim *x = &sort_session->an->claims[*(const size_t *)a];
	const struct claim *y = &sort_session->an->claims[*(const size_t *)b];
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end > y->end ? -1 : x->end < y->end;
}

size_t session_claim_art(const struct session *s, size_t c)
{
	if (c >= s->an->nclaims)
		return SIZE_MAX;
	const struct claim *cl = &s->an->claims[c];
	if (cl->how == ANCHOR_NONE || cl->art == ANNOT_NONE)
		return SIZE_MAX;
	for (size_t i = 0; i < s->narts; i++)
		if (s->annot_of[i] == cl->art)
			return i;
	return SIZE_MAX;
}

static size_t find_root(size_t *parent, size_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

static void compute_marks(struct session *s)
{
	struct annot *an = s->an;
	free(s->marks);
	s->marks = xcalloc(an->nclaims ? an->nclaims : 1, sizeof *s->marks);
	if (!an->nclaims)
		return;
	size_t *parent = xreallocarray(NULL, an->nclaims, sizeof *parent);
	bool *linked = xcalloc(an->nclaims, sizeof *linked);
	for (size_t i = 0; i < an->nclaims; i++)
		parent[i] = i;
	for (size_t k = 0; k < an->nlinks; k++) {
		const struct link *l = &an->links[k];
		if (l->from_i == ANNOT_NONE || l->to_i == ANNOT_NONE)
			continue;
		size_t fa = session_claim_art(s, l->from_i), ta = session_claim_art(s, l->to_i);
		if (fa == SIZE_MAX || ta == SIZE_MAX || fa == ta)
			continue;
		linked[l->from_i] = linked[l->to_i] = true;
		size_t a = find_root(parent, l->from_i), b = find_root(parent, l->to_i);
		if (a != b)
			parent[a] = b;
	}
	/* number groups in reading order of the first article */
	unsigned *num = xcalloc(an->nclaims, sizeof *num);
	unsigned next = 1;
	for (size_t art = 0; art < s->narts; art++) {
		for (size_t k = 0; k < s->norder[art]; k++) {
			size_t c = s->order[art][k];
			if (!linked[c])
				continue;
			size_t r = find_root(parent, c);
			if (!num[r])
				num[r] = next++;
			s->marks[c] = num[r];
		}
	}
	free(num);
	free(linked);
	free(parent);
}

/* claim -> links and claim -> notes (compressed rows) */
static void index_links_and_notes(struct session *s)
{
	const struct annot *an = s->an;
	size_t n = an->nclaims;
	free(s->adj_start);
	free(s->adj_links);
	free(s->note_start);
	free(s->note_list);
	s->adj_start = xcalloc(n + 2, sizeof *s->adj_start);
	s->adj_links = xcalloc(2 * an->nlinks + 1, sizeof *s->adj_links);
	s->note_start = xcalloc(n + 2, sizeof *s->note_start);
	s->note_list = xcalloc(an->nnotes + 1, sizeof *s->note_list);
	for (size_t k = 0; k < an->nlinks; k++) {
		const struct link *l = &an->links[k];
		if (l->from_i < n)
			s->adj_start[l->from_i + 2]++;
		if (l->to_i < n && l->to_i != l->from_i)
			s->adj_start[l->to_i + 2]++;
	}
	for (size_t c = 0; c < n; c++)
		s->adj_start[c + 2] += s->adj_start[c + 1];
	for (size_t k = 0; k < an->nlinks; k++) {
		const struct link *l = &an->links[k];
		if (l->from_i < n)
			s->adj_links[s->adj_start[l->from_i + 1]++] = k;
		if (l->to_i < n && l->to_i != l->from_i)
			s->adj_links[s->adj_start[l->to_i + 1]++] = k;
	}
	/* adj_start[c + 1] now ends claim c's run, adj_start[c] starts it */
	/* the same counting sort for notes */
	size_t *claim_of = xreallocarray(NULL, an->nnotes ? an->nnotes : 1, sizeof *claim_of);
	for (size_t i = 0; i < an->nnotes; i++) {
		claim_of[i] = an->notes[i].on ? annot_find_claim(an, an->notes[i].on) : ANNOT_NONE;
		if (claim_of[i] < n)
			s->note_start[claim_of[i] + 2]++;
	}
	for (size_t c = 0; c < n; c++)
		s->note_start[c + 2] += s->note_start[c + 1];
	for (size_t i = 0; i < an->nnotes; i++)
		if (claim_of[i] < n)
			s->note_list[s->note_start[claim_of[i] + 1]++] = i;
	/* and for notes on a link or a whole article (issue 13): target t is
	 * link t below nlinks, else article t - nlinks */
	size_t nt = an->nlinks + an->narticles;
	free(s->onote_start);
	free(s->onote_list);
	s->onote_start = xcalloc(nt + 2, sizeof *s->onote_start);
	s->onote_list = xcalloc(an->nnotes + 1, sizeof *s->onote_list);
	for (size_t i = 0; i < an->nnotes; i++) {
		size_t t = ANNOT_NONE;
		if (claim_of[i] >= n && an->notes[i].on) {
			t = annot_find_link(an, an->notes[i].on);
			if (t == ANNOT_NONE) {
				t = annot_find_article(an, an->notes[i].on);
				if (t != ANNOT_NONE)
					t += an->nlinks;
			}
		}
		claim_of[i] = t; /* now: the note's other target */
		if (t < nt)
			s->onote_start[t + 2]++;
	}
	for (size_t t = 0; t < nt; t++)
		s->onote_start[t + 2] += s->onote_start[t + 1];
	for (size_t i = 0; i < an->nnotes; i++)
		if (claim_of[i] < nt)
			s->onote_list[s->onote_start[claim_of[i] + 1]++] = i;
	s->onote_n = nt;
	free(claim_of);
}

void session_index_note(struct session *s, size_t i)
{
	const struct annot *an = s->an;
	size_t n = an->nclaims;
	if (!s->note_start || i >= an->nnotes || i + 1 != an->nnotes) {
		/* not an append: the order within a claim's run could change */
		if (s->note_start)
			index_links_and_notes(s);
		return;
	}
	/* one more slot; the note runs are in file order, so the newest note
	 * ends its claim's run */
	s->note_list = xreallocarray(s->note_list, an->nnotes + 1, sizeof *s->note_list);
	size_t c = an->notes[i].on ? annot_find_claim(an, an->notes[i].on) : ANNOT_NONE;
	if (c >= n) {
		/* a note on a link or an article: its index is built again */
		index_links_and_notes(s);
		return;
	}
	size_t at = s->note_start[c + 1], total = s->note_start[n];
	memmove(&s->note_list[at + 1], &s->note_list[at], (total - at) * sizeof *s->note_list);
	s->note_list[at] = i;
	for (size_t k = c + 1; k <= n; k++)
		s->note_start[k]++;
}

size_t session_claim_notes(const struct session *s, size_t c, const size_t **notes)
{
	*notes = NULL;
	if (!s->note_start || c >= s->an->nclaims)
		return 0;
	*notes = s->note_list + s->note_start[c];
	return s->note_start[c + 1] - s->note_start[c];
}

static size_t other_notes(const struct session *s, size_t t, const size_t **notes)
{
	*notes = NULL;
	if (!s->onote_start || t >= s->onote_n)
		return 0;
	*notes = s->onote_list + s->onote_start[t];
	return s->onote_start[t + 1] - s->onote_start[t];
}

size_t session_link_notes(const struct session *s, size_t l, const size_t **notes)
{
	if (l >= s->an->nlinks) {
		*notes = NULL;
		return 0;
	}
	return other_notes(s, l, notes);
}

size_t session_article_notes(const struct session *s, size_t a, const size_t **notes)
{
	if (a >= s->an->narticles) {
		*notes = NULL;
		return 0;
	}
	return other_notes(s, s->an->nlinks + a, notes);
}

size_t session_claim_note(const struct session *s, size_t c)
{
	const size_t *notes;
	return session_claim_notes(s, c, &notes) ? notes[0] : ANNOT_NONE;
}

bool session_anchor_step(struct session *s)
{
	if (s->anchored)
		return true;
	if (s->anchor_next == 0)
		annot_resolve_links(s->an);
	if (s->anchor_next < s->narts) {
		size_t i = s->anchor_next++;
		if (s->annot_of[i] < s->an->narticles)
			anchor_claims_of(s->an, s->annot_of[i], s->arts[i]);
		return false;
	}
	s->anchor_next = 0;
	session_reindex(s); /* sets anchored */
	return true;
}

void session_anchor(struct session *s)
{
	s->anchored = false;
	s->anchor_next = 0;
	while (!session_anchor_step(s))
		;
}

void session_reindex(struct session *s)
{
	annot_resolve_links(s->an);
	for (size_t i = 0; i < s->narts; i++) {
		free(s->order[i]);
		free(s->order_maxend[i]);
		s->order[i] = NULL;
		s->order_maxend[i] = NULL;
		s->norder[i] = 0;
	}
	/* each claim's open article, looked up once: count, then fill */
	size_t *art_of = xreallocarray(NULL, s->an->nclaims ? s->an->nclaims : 1, sizeof *art_of);
	for (size_t c = 0; c < s->an->nclaims; c++) {
		art_of[c] = session_claim_art(s, c);
		if (art_of[c] != SIZE_MAX)
			s->norder[art_of[c]]++;
	}
	for (size_t i = 0; i < s->narts; i++) {
		if (s->norder[i])
			s->order[i] = xreallocarray(NULL, s->norder[i], sizeof(size_t));
		s->norder[i] = 0;
	}
	for (size_t c = 0; c < s->an->nclaims; c++)
		if (art_of[c] != SIZE_MAX)
			s->order[art_of[c]][s->norder[art_of[c]]++] = c;
	free(art_of);
	sort_session = s;
	for (size_t i = 0; i < s->narts; i++)
		if (s->norder[i] > 1)
			qsort(s->order[i], s->norder[i], sizeof(size_t), cmp_claim_start);
	sort_session = NULL;
	for (size_t i = 0; i < s->narts; i++) {
		if (!s->norder[i])
			continue;
		s->order_maxend[i] = xreallocarray(NULL, s->norder[i], sizeof(size_t));
		size_t mx = 0;
		for (size_t k = 0; k < s->norder[i]; k++) {
			size_t e = s->an->claims[s->order[i][k]].end;
			mx = e > mx ? e : mx;
			s->order_maxend[i][k] = mx;
		}
	}
	compute_marks(s);
	index_links_and_notes(s);
	s->anchored = true;
}

bool session_load_step(struct session *s, size_t budget)
{
	bool all = true;
	for (size_t i = 0; i < s->narts; i++)
		if (!s->arts[i]->complete && !article_load_step(s->arts[i], budget))
			all = false;
	return all && session_anchor_step(s);
}

void session_load_all(struct session *s)
{
	for (size_t i = 0; i < s->narts; i++)
		article_load_all(s->arts[i]);
	if (!s->anchored)
		session_anchor(s);
}

size_t session_first_claim_after(const struct session *s, size_t art, size_t off)
{
	/* claims are sorted by start; one may start before off and end after
	 * it, so back up while a claim before may still reach past off */
	size_t lo = 0, hi = s->norder[art];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->an->claims[s->order[art][mid]].start < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo > 0 && s->order_maxend[art][lo - 1] > off)
		lo--;
	return lo;
}

size_t session_step_claim(const struct session *s, size_t art, size_t off, size_t cur, int dir)
{
	if (art >= s->narts || !s->norder[art])
		return ANNOT_NONE;
	size_t n = s->norder[art];
	const size_t *o = s->order[art];
	if (cur != ANNOT_NONE) {
		for (size_t k = 0; k < n; k++) {
			if (o[k] != cur)
				continue;
			if (dir > 0)
				return k + 1 < n ? o[k + 1] : ANNOT_NONE;
			return k > 0 ? o[k - 1] : ANNOT_NONE;
		}
	}
	if (dir > 0) {
		for (size_t k = 0; k < n; k++)
			if (s->an->claims[o[k]].start >= off)
				return o[k];
		return ANNOT_NONE;
	}
	for (size_t k = n; k-- > 0;)
		if (s->an->claims[o[k]].start < off)
			return o[k];
	return ANNOT_NONE;
}

size_t session_partners(const struct session *s, size_t claim, size_t **links, size_t **partners)
{
	size_t n = 0;
	*links = NULL;
	*partners = NULL;
	if (!s->adj_start || claim >= s->an->nclaims)
		return 0;
	for (size_t j = s->adj_start[claim]; j < s->adj_start[claim + 1]; j++) {
		size_t k = s->adj_links[j];
		const struct link *l = &s->an->links[k];
		size_t other;
		if (l->from_i == claim)
			other = l->to_i;
		else if (l->to_i == claim)
			other = l->from_i;
		else
			continue;
		if (other == ANNOT_NONE || session_claim_art(s, other) == SIZE_MAX)
			continue;
		*links = xreallocarray(*links, n + 1, sizeof **links);
		*partners = xreallocarray(*partners, n + 1, sizeof **partners);
		(*links)[n] = k;
		(*partners)[n] = other;
		n++;
	}
	return n;
}

unsigned session_pair_mark(const struct session *s, size_t claim)
{
	return s->marks && claim < s->an->nclaims ? s->marks[claim] : 0;
}

static void hist_append(struct session *s, const struct view_state *v)
{
	if (s->nhist == SESSION_HISTORY) {
		memmove(s->hist, s->hist + 1, (SESSION_HISTORY - 1) * sizeof *s->hist);
		s->nhist--;
	}
	s->hist[s->nhist++] = *v;
}

void session_jump_push(struct session *s, const struct view_state *from)
{
	s->nhist = s->hist_pos < s->nhist ? s->hist_pos : s->nhist;
	hist_append(s, from);
	s->hist_pos = s->nhist;
}

bool session_jump_back(struct session *s, const struct view_state *now, struct view_state *to)
{
	if (s->hist_pos == 0)
		return false;
	if (s->hist_pos >= s->nhist) {
		size_t before = s->nhist;
		hist_append(s, now);
		s->hist_pos = s->nhist - 1;
		if (s->nhist == before) /* the oldest fell off */
			s->hist_pos = s->nhist - 1;
	}
	if (s->hist_pos == 0)
		return false;
	s->hist_pos--;
	*to = s->hist[s->hist_pos];
	return true;
}

bool session_jump_forward(struct session *s, struct view_state *to)
{
	if (s->hist_pos + 1 >= s->nhist)
		return false;
	s->hist_pos++;
	*to = s->hist[s->hist_pos];
	return true;
}

struct ov_list {
	struct ov_item *v;
	size_t n, cap;
};

static void ov_push(struct ov_list *o, struct ov_item it)
{
	GROW(o->v, o->cap, o->n + 1);
	o->v[o->n++] = it;
}

/* claim c's links in link order (a counting sort over both ends), once */
struct ov_adj {
	size_t *start, *links;
};

static void ov_adj_build(const struct annot *an, struct ov_adj *a)
{
	size_t nc = an->nclaims;
	a->start = xcalloc(nc + 2, sizeof *a->start);
	a->links = xcalloc(2 * an->nlinks + 1, sizeof *a->links);
	for (size_t l = 0; l < an->nlinks; l++) {
		const struct link *lk = &an->links[l];
		if (lk->from_i >= nc || lk->to_i >= nc || lk->from_i == lk->to_i)
			continue;
		a->start[lk->from_i + 2]++;
		a->start[lk->to_i + 2]++;
	}
	for (size_t c = 0; c < nc; c++)
		a->start[c + 2] += a->start[c + 1];
	for (size_t l = 0; l < an->nlinks; l++) {
		const struct link *lk = &an->links[l];
		if (lk->from_i >= nc || lk->to_i >= nc || lk->from_i == lk->to_i)
			continue;
		a->links[a->start[lk->from_i + 1]++] = l;
		a->links[a->start[lk->to_i + 1]++] = l;
	}
}

static bool ov_answers(const struct link *lk, size_t c)
{
	return lk->to_i == c && (lk->rel == REL_REBUTS || lk->rel == REL_COUNTERS);
}

static bool ov_touches_accusation(const struct annot *an, const struct link *lk)
{
	return an->claims[lk->from_i].kind == KIND_ACCUSATION ||
	       an->claims[lk->to_i].kind == KIND_ACCUSATION;
}

/* the claim at the other end of link l from c */
static size_t ov_other(const struct link *lk, size_t c)
{
	return lk->from_i == c ? lk->to_i : lk->from_i;
}

size_t session_overview(const struct session *s, struct ov_item **items)
{
	const struct annot *an = s->an;
	struct ov_list o = {0};
	struct ov_adj adj;
	ov_adj_build(an, &adj);
	/* Two rounds over the claims in reading order (by open article, then
	 * position; the last pass of each takes claims not anchored in an open
	 * article): first every accusation with its answers (rebuts, counters)
	 * and then every other claim linked to it; then, under a heading, every
	 * claim some link not touching an accusation points to, with the
	 * claims that link to it. So each link is listed once. */
	for (int round = 0; round < 2; round++) {
		bool heading = false;
		for (size_t art = 0; art <= s->narts; art++) {
			size_t count = art < s->narts ? s->norder[art] : an->nclaims;
			for (size_t k = 0; k < count; k++) {
				size_t c = art < s->narts ? s->order[art][k] : k;
				const struct claim *cl = &an->claims[c];
				if (art == s->narts && session_claim_art(s, c) != SIZE_MAX)
					continue;
				size_t a0 = adj.start[c], a1 = adj.start[c + 1];
				if (round == 0) {
					if (cl->kind != KIND_ACCUSATION)
						continue;
					bool answered = false;
					for (size_t j = a0; j < a1; j++)
						answered |= ov_answers(&an->links[adj.links[j]], c);
					ov_push(&o, (struct ov_item){OV_ACCUSATION, c, ANNOT_NONE,
								     !answered});
					for (int pass = 0; pass < 2; pass++)
						for (size_t j = a0; j < a1; j++) {
							size_t l = adj.links[j];
							const struct link *lk = &an->links[l];
							if (ov_answers(lk, c) != (pass == 0))
								continue;
							ov_push(&o, (struct ov_item){
									OV_ANSWER, ov_other(lk, c),
									l, false});
						}
					continue;
				}
				if (cl->kind == KIND_ACCUSATION)
					continue;
				bool head = false;
				for (size_t j = a0; j < a1; j++) {
					size_t l = adj.links[j];
					const struct link *lk = &an->links[l];
					if (lk->to_i != c || ov_touches_accusation(an, lk))
						continue;
					if (!heading) {
						ov_push(&o, (struct ov_item){OV_LINKED_HEADING,
									     ANNOT_NONE, ANNOT_NONE,
									     false});
						heading = true;
					}
					if (!head) {
						ov_push(&o, (struct ov_item){OV_LINKED, c,
									     ANNOT_NONE, false});
						head = true;
					}
					ov_push(&o,
						(struct ov_item){OV_ANSWER, lk->from_i, l, false});
				}
			}
		}
	}
	free(adj.start);
	free(adj.links);
	bool heading = false;
	for (size_t c = 0; c < an->nclaims; c++) {
		if (an->claims[c].how != ANCHOR_NONE)
			continue;
		if (!heading) {
			ov_push(&o, (struct ov_item){OV_HEADING, ANNOT_NONE, ANNOT_NONE, false});
			heading = true;
		}
		ov_push(&o, (struct ov_item){OV_ORPHAN, c, ANNOT_NONE, false});
	}
	*items = o.v;
	return o.n;
}

static bool ranges_overlap(size_t a0, size_t a1, size_t b0, size_t b1)
{
	return a0 < b1 && b0 < a1;
}

bool session_linked_ranges(const struct session *s, size_t art_a, size_t a0, size_t a1,
			   size_t art_b, size_t b0, size_t b1)
{
	if (!s->adj_start || art_a >= s->narts)
		return false;
	const struct annot *an = s->an;
	const size_t *o = s->order[art_a];
	/* the claims of art_a over [a0, a1) (sorted by start), then their links */
	for (size_t k = session_first_claim_after(s, art_a, a0);
	     k < s->norder[art_a] && an->claims[o[k]].start < a1; k++) {
		size_t x = o[k];
		if (!ranges_overlap(an->claims[x].start, an->claims[x].end, a0, a1))
			continue;
		for (size_t j = s->adj_start[x]; j < s->adj_start[x + 1]; j++) {
			const struct link *l = &an->links[s->adj_links[j]];
			if (l->from_i == ANNOT_NONE || l->to_i == ANNOT_NONE)
				continue;
			size_t y = l->from_i == x ? l->to_i : l->from_i;
			if (session_claim_art(s, y) == art_b &&
			    ranges_overlap(an->claims[y].start, an->claims[y].end, b0, b1))
				return true;
		}
	}
	return false;
}
