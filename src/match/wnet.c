/* wnet: owns the conversation with libwordnet (wn.h): opening the data
 * once, the lookups (morphstr, index_lookup, read_synset) and the cache of
 * their answers per word and kind, so that each distinct word costs its
 * disk lookups once per process, and the index files mapped into memory to
 * tell cheaply which words are worth asking about. The related words
 * answered are single words (WordNet's collocations "Great_Britain" are
 * skipped); a collocation in the text ("nerve agent", "House of Commons")
 * is asked about on its own (wnet_collocation), for the synset it names
 * when it has one sense only and the body that synset is a member of. */
#include "crossread/match/wnet.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wn.h>

#include "crossread/base/hashmap.h"
#include "crossread/base/util.h"

#define SENSES	 1 /* first senses looked at, per part of speech */
#define MAX_HOPS 3 /* part holonyms climbed from a place */
#define MAX_OUT	 24

static int state;	     /* 0: not tried, 1: open, -1: no data */
static struct hashmap cache; /* word -> offset into answers, or NONE */
static struct buf answers;
#define NONE SIZE_MAX /* a word WordNet cannot know: nothing to ask */

/* WordNet's index and exception files, mapped whole. The first words are
 * looked up by binary search over their sorted lines (the order
 * libwordnet's own bin_search relies on), so start-up reads nothing and a
 * short text touches a few pages; past BSEARCH_WORDS distinct words a set
 * of every line's word (positions into the mapping, no copies) answers
 * instead (crossread is single-threaded). */
#define BSEARCH_WORDS 256
static const char *const known_files[] = {"index.noun", "index.verb", "index.adj",
					  "noun.exc",	"verb.exc",   "adj.exc"};
#define NKNOWN (sizeof known_files / sizeof known_files[0])
static struct known {
	const char *p;
	size_t n, first; /* first: the first line past the licence */
} known[NKNOWN];

static void map_known(struct known *k, const char *dir, const char *file)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return;
	struct stat sb;
	if (fstat(fd, &sb) == 0 && sb.st_size > 0) {
		void *p = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (p != MAP_FAILED) {
			k->p = p;
			k->n = (size_t)sb.st_size;
		}
	}
	close(fd);
	while (k->first < k->n && k->p[k->first] == ' ') { /* the licence at the top */
		const char *e = memchr(k->p + k->first, '\n', k->n - k->first);
		k->first = e ? (size_t)(e - k->p) + 1 : k->n;
	}
}

static void read_known(void)
{
	const char *dir = getenv("WNSEARCHDIR");
	if (!dir || !*dir)
		dir = "/usr/share/wordnet";
	for (size_t i = 0; i < NKNOWN; i++)
		map_known(&known[i], dir, known_files[i]);
}

/* Does a line of k start with the word w[0..n) (then a space or its end)? */
static bool known_has(const struct known *k, const char *w, size_t n)
{
	size_t lo = k->first, hi = k->n; /* both at a line's start */
	while (lo < hi) {
		size_t ls = lo + (hi - lo) / 2;
		while (ls > lo && k->p[ls - 1] != '\n')
			ls--;
		size_t ke = ls;
		while (ke < hi && k->p[ke] != ' ' && k->p[ke] != '\n')
			ke++;
		size_t kl = ke - ls;
		int c = memcmp(k->p + ls, w, kl < n ? kl : n);
		if (c == 0)
			c = kl < n ? -1 : kl > n;
		if (c == 0)
			return true;
		if (c > 0) {
			hi = ls;
		} else {
			const char *e = memchr(k->p + ke, '\n', hi - ke);
			lo = e ? (size_t)(e - k->p) + 1 : hi;
		}
	}
	return false;
}

/* the set: open addressing over 1 + (file << KNOWN_SHIFT | line start),
 * 0 empty, at most half full */
#define KNOWN_SHIFT 28
static uint32_t *kset;
static size_t kmask, kasked;

static size_t key_len(const struct known *k, size_t at)
{
	size_t e = at;
	while (e < k->n && k->p[e] != ' ' && k->p[e] != '\n')
		e++;
	return e - at;
}

/* false when the files are too large for the set's positions */
static bool kset_build(void)
{
	for (size_t f = 0; f < NKNOWN; f++)
		if (known[f].n >= (size_t)1 << KNOWN_SHIFT)
			return false;
	size_t lines = 0;
	for (size_t f = 0; f < NKNOWN; f++) {
		const struct known *k = &known[f];
		for (const char *p = k->p + k->first, *e = k->p + k->n; p < e; lines++) {
			const char *nl = memchr(p, '\n', (size_t)(e - p));
			p = nl ? nl + 1 : e;
		}
	}
	size_t cap = 64;
	while (cap < 2 * lines)
		cap *= 2;
	kset = xcalloc(cap, sizeof *kset);
	kmask = cap - 1;
	for (size_t f = 0; f < NKNOWN; f++) {
		const struct known *k = &known[f];
		for (size_t at = k->first; at < k->n;) {
			size_t kl = key_len(k, at);
			if (kl > 0 && kl < WNET_WORD) {
				size_t h = (size_t)hash_bytes(k->p + at, kl) & kmask;
				while (kset[h])
					h = (h + 1) & kmask;
				kset[h] = (uint32_t)((f << KNOWN_SHIFT | at) + 1);
			}
			const char *nl = memchr(k->p + at + kl, '\n', k->n - at - kl);
			at = nl ? (size_t)(nl - k->p) + 1 : k->n;
		}
	}
	return true;
}

static bool kset_has(const char *w, size_t n)
{
	for (size_t h = (size_t)hash_bytes(w, n) & kmask; kset[h]; h = (h + 1) & kmask) {
		const struct known *k = &known[(kset[h] - 1) >> KNOWN_SHIFT];
		size_t at = (kset[h] - 1) & (((size_t)1 << KNOWN_SHIFT) - 1);
		if (key_len(k, at) == n && !memcmp(k->p + at, w, n))
			return true;
	}
	return false;
}

static bool is_known(const char *w, size_t n)
{
	if (kset)
		return kset_has(w, n);
	for (size_t i = 0; i < NKNOWN; i++)
		if (known_has(&known[i], w, n))
			return true;
	return false;
}

/* Could WordNet know w (or a form morphy makes of it)? */
static bool maybe_known(const char *w, size_t n)
{
	static const char *const ends[][2] = {
	    {"s", ""},	    {"ses", "s"},   {"xes", "x"}, {"zes", "z"}, {"ches", "ch"},
	    {"shes", "sh"}, {"men", "man"}, {"ies", "y"}, {"es", "e"},	{"es", ""},
	    {"ed", "e"},    {"ed", ""},	    {"ing", "e"}, {"ing", ""},	{"er", ""},
	    {"est", ""},    {"er", "e"},    {"est", "e"},
	};
	if (!kset && kasked != SIZE_MAX && ++kasked > BSEARCH_WORDS && !kset_build())
		kasked = SIZE_MAX; /* too large: binary search it stays */
	if (is_known(w, n))
		return true;
	for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
		size_t el = strlen(ends[i][0]), rl = strlen(ends[i][1]);
		if (n <= el || memcmp(w + n - el, ends[i][0], el))
			continue;
		char b[WNET_WORD];
		size_t k = n - el;
		if (k + rl >= WNET_WORD)
			continue;
		memcpy(b, w, k);
		memcpy(b + k, ends[i][1], rl);
		if (is_known(b, k + rl))
			return true;
	}
	return false;
}

/* libwordnet reports missing files through this; crossread says it once
 * itself (matchcmd), never from inside a lookup */
static int quiet(char *msg)
{
	(void)msg;
	return -1;
}

/* libwordnet reads its index and data files through stdio, a seek and a
 * read(2) for every step of its binary searches (a page of news: some
 * 400,000 system calls). Each stream is swapped for one over the same
 * file mapped into memory: the same bytes, read without a system call. */
static void stream_to_memory(FILE **fp)
{
	struct stat sb;
	int fd = *fp ? fileno(*fp) : -1;
	if (fd < 0 || fstat(fd, &sb) != 0 || sb.st_size <= 0)
		return;
	void *p = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		return;
	FILE *m = fmemopen(p, (size_t)sb.st_size, "r"); /* "r": never written */
	if (!m) {
		munmap(p, (size_t)sb.st_size);
		return;
	}
	fclose(*fp);
	*fp = m;
}

bool wnet_available(void)
{
	if (state == 0) {
		display_message = quiet;
		state = wninit() == 0 ? 1 : -1;
		if (state > 0) {
			read_known();
			for (int pos = 1; pos <= NUMPARTS; pos++) {
				stream_to_memory(&indexfps[pos]);
				stream_to_memory(&datafps[pos]);
			}
		}
	}
	return state > 0;
}

struct out {
	char w[MAX_OUT][WNET_WORD];
	size_t n;
};

static void out_add(struct out *o, const char *w, const char *self)
{
	char f[WNET_WORD];
	size_t n = strlen(w);
	if (n == 0 || n >= WNET_WORD || o->n == MAX_OUT)
		return;
	for (size_t i = 0; i < n; i++) {
		char c = w[i];
		if (c == '_' || c == ' ' || c == '-' || (unsigned char)c >= 0x80)
			return; /* a collocation or a foreign spelling */
		f[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	f[n] = '\0';
	if (!strcmp(f, self))
		return;
	for (size_t i = 0; i < o->n; i++)
		if (!strcmp(o->w[i], f))
			return;
	memcpy(o->w[o->n++], f, n + 1);
}

/* the base form of w as a part of speech, or w itself when it is a lemma
 * there; NULL when WordNet does not know it as that. When w is its own
 * lemma, *ixp is its index entry (the caller's to free), else NULL. */
static const char *lemma_as(const char *w, int pos, char buf[WNET_WORD], IndexPtr *ixp)
{
	*ixp = NULL;
	const char *m = morphstr((char *)w, pos);
	if (m && strlen(m) < WNET_WORD) {
		snprintf(buf, WNET_WORD, "%s", m);
		return buf;
	}
	IndexPtr ix = index_lookup((char *)w, pos);
	if (!ix)
		return NULL;
	*ixp = ix;
	snprintf(buf, WNET_WORD, "%s", w);
	return buf;
}

/* a word of a place's type: "country", "national_capital", "port_city";
 * the last part of a collocation only, so "statesman" is none */
static bool is_place_type(const char *w)
{
	static const char *const types[] = {"country", "kingdom",  "capital", "city",
					    "state",   "republic", "nation",  "province",
					    "region",  "monarchy", "emirate", "principality"};
	const char *u = strrchr(w, '_');
	u = u ? u + 1 : w;
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (!strcmp(u, types[i]))
			return true;
	return false;
}

/* Is the synset an instance of a country, city, state...? */
static bool is_place(SynsetPtr s)
{
	for (int p = 0; p < s->ptrcount; p++) {
		if (s->ptrtyp[p] != INSTANCE)
			continue;
		SynsetPtr t = read_synset(s->ppos[p], s->ptroff[p], "");
		bool yes = false;
		for (int i = 0; t && i < t->wcount && !yes; i++)
			yes = is_place_type(t->words[i]);
		if (t)
			free_synset(t);
		if (yes)
			return true;
	}
	return false;
}

/* the places synset s lies in, climbing part holonyms through places only
 * (never to a continent) */
static void climb(SynsetPtr s, struct out *o, const char *self, int hops)
{
	for (int p = 0; p < s->ptrcount && hops < MAX_HOPS; p++) {
		if (s->ptrtyp[p] != ISPARTPTR)
			continue;
		SynsetPtr t = read_synset(s->ppos[p], s->ptroff[p], "");
		if (!t)
			continue;
		if (is_place(t)) {
			for (int i = 0; i < t->wcount; i++)
				out_add(o, t->words[i], self);
			climb(t, o, self, hops + 1);
		}
		free_synset(t);
	}
}

/* the places the noun's first sense is or lies in: "great_britain" is the
 * United Kingdom */
static void noun_places(const char *noun, struct out *o, const char *self)
{
	char n[WNET_WORD];
	size_t k = 0;
	for (; noun[k] && k + 1 < WNET_WORD; k++)
		n[k] = (char)(noun[k] >= 'A' && noun[k] <= 'Z' ? noun[k] - 'A' + 'a' : noun[k]);
	n[k] = '\0';
	IndexPtr ix = index_lookup(n, NOUN);
	if (!ix)
		return;
	SynsetPtr s = ix->off_cnt > 0 ? read_synset(NOUN, (long)ix->offset[0], n) : NULL;
	if (s) {
		if (is_place(s))
			for (int i = 0; i < s->wcount; i++)
				out_add(o, s->words[i], self);
		climb(s, o, self, 1);
		free_synset(s);
	}
	free_index(ix);
}

/* the places the adjective's first sense pertains to, and theirs:
 * "russian" -> "russia", "moscow"... */
static void adj_places(SynsetPtr s, struct out *o, const char *self)
{
	for (int p = 0; p < s->ptrcount; p++) {
		if (s->ptrtyp[p] != PERTPTR || (s->pfrm[p] && s->pfrm[p] != s->whichword))
			continue;
		SynsetPtr d = read_synset(s->ppos[p], s->ptroff[p], "");
		if (!d)
			continue;
		int to = s->pto[p];
		if (to > 0 && to <= d->wcount)
			noun_places(d->words[to - 1], o, self);
		free_synset(d);
	}
}

static bool is_instance(SynsetPtr s)
{
	for (int p = 0; p < s->ptrcount; p++)
		if (s->ptrtyp[p] == INSTANCE)
			return true;
	return false;
}

/* A named person's country, from the demonym WordNet's gloss opens with
 * ("Putin": "Russian statesman chosen as president ..."; "Blair":
 * "British statesman ..."): the places that adjective pertains to. */
static void gloss_places(SynsetPtr s, struct out *o, const char *self)
{
	const char *g = s->defn;
	if (!g)
		return;
	while (*g == '(' || *g == ' ')
		g++;
	if (!(*g >= 'A' && *g <= 'Z'))
		return; /* a demonym is capitalised */
	char adj[WNET_WORD];
	size_t n = 0;
	for (; ((g[n] >= 'a' && g[n] <= 'z') || (g[n] >= 'A' && g[n] <= 'Z')) && n + 1 < WNET_WORD;
	     n++)
		adj[n] = (char)(g[n] >= 'A' && g[n] <= 'Z' ? g[n] - 'A' + 'a' : g[n]);
	adj[n] = '\0';
	if (n < 3 || g[n] != ' ')
		return;
	IndexPtr ix = index_lookup(adj, ADJ);
	if (!ix)
		return;
	SynsetPtr a = ix->off_cnt > 0 ? read_synset(ADJ, (long)ix->offset[0], adj) : NULL;
	if (a) {
		adj_places(a, o, self);
		free_synset(a);
	}
	free_index(ix);
}

static void ask(const char *w, struct out *ov)
{
	char word[WNET_WORD];
	snprintf(word, sizeof word, "%s", w);
	for (int pos = NOUN; pos <= ADJ; pos++) {
		char lb[WNET_WORD];
		IndexPtr ix;
		const char *lem = lemma_as(word, pos, lb, &ix);
		if (!lem)
			continue;
		out_add(&ov[WNET_LEMMA], lem, w);
		if (!ix) /* (looked up once when the word is its own lemma) */
			ix = index_lookup((char *)lem, pos);
		if (!ix)
			continue;
		for (int k = 0; k < ix->off_cnt && k < SENSES; k++) {
			SynsetPtr s = read_synset(pos, (long)ix->offset[k], (char *)lem);
			if (!s)
				continue;
			struct out *o = &ov[WNET_SYNONYM];
			for (int i = 0; i < s->wcount; i++)
				out_add(o, s->words[i], w);
			o = &ov[WNET_DERIVED];
			{
				for (int p = 0; p < s->ptrcount; p++) {
					int t = s->ptrtyp[p];
					/* lexical pointers from this very word only */
					if ((t != DERIVATION && t != PERTPTR) ||
					    (s->pfrm[p] && s->pfrm[p] != s->whichword))
						continue;
					SynsetPtr d = read_synset(s->ppos[p], s->ptroff[p], "");
					if (!d)
						continue;
					int to = s->pto[p];
					if (to > 0 && to <= d->wcount)
						out_add(o, d->words[to - 1], w);
					free_synset(d);
				}
			}
			o = &ov[WNET_PLACE];
			{
				if (pos == ADJ) { /* "russian" -> "russia", then its places */
					adj_places(s, o, w);
				} else if (pos == NOUN) {
					bool place = is_place(s);
					if (place)
						for (int i = 0; i < s->wcount; i++)
							out_add(o, s->words[i], w);
					climb(s, o, w, 0);
					if (!place && is_instance(s))
						gloss_places(s, o, w);
				}
			}
			free_synset(s);
		}
		free_index(ix);
	}
}

/* Could w[0..n) be a WordNet lemma: lower-case ASCII letters and
 * apostrophes only (with collocation, also the '_' joining its words)? */
static bool is_lemma_text(const char *w, size_t n, bool collocation)
{
	for (size_t i = 0; i < n; i++)
		if (!((w[i] >= 'a' && w[i] <= 'z') || w[i] == '\'' || (collocation && w[i] == '_')))
			return false;
	return true;
}

const char *wnet_related(const char *w, size_t n, enum wnet_kind kind)
{
	if (n == 0 || n >= WNET_WORD - 1 || !wnet_available())
		return "";
	if (!is_lemma_text(w, n, false))
		return "";
	size_t *v = hashmap_get(&cache, w, n);
	if (!v && !maybe_known(w, n)) {
		*hashmap_put(&cache, w, n, NULL) = NONE;
		return "";
	}
	if (v && *v == NONE)
		return "";
	if (!v) {
		char word[WNET_WORD];
		memcpy(word, w, n);
		word[n] = '\0';
		struct out *o = xcalloc(WNET_KINDS, sizeof *o);
		ask(word, o);
		size_t at = answers.len;
		for (size_t k = 0; k < WNET_KINDS; k++) {
			for (size_t i = 0; i < o[k].n; i++)
				buf_add(&answers, o[k].w[i], strlen(o[k].w[i]) + 1);
			buf_add(&answers, "", 1);
		}
		free(o);
		v = hashmap_put(&cache, w, n, NULL);
		*v = at;
	}
	const char *p = answers.s + *v;
	for (int k = 0; k < (int)kind; k++) { /* past the lists before it */
		while (*p)
			p += strlen(p) + 1;
		p++;
	}
	return p;
}

bool wnet_knows(const char *w, size_t n)
{
	if (n == 0 || n >= WNET_WORD - 1 || !wnet_available())
		return false;
	const size_t *v = hashmap_get(&cache, w, n);
	if (v)
		return *v != NONE;
	return is_lemma_text(w, n, false) && maybe_known(w, n);
}

/* the collocations asked about: "nerve_agent" -> an index into coll_ans,
 * whose two longs are its synset's offset and the body it is a member
 * of, each -1 when none */
static struct hashmap colls;
static long *coll_ans;
static size_t ncoll_ans, coll_cap;

/* The first synset s is a member of that holds a collocation (the
 * parliament a chamber belongs to, "British_Parliament"; never a plain
 * word's group, "family"), or -1. */
static long member_of(SynsetPtr s)
{
	for (int p = 0; p < s->ptrcount; p++) {
		if (s->ptrtyp[p] != ISMEMBERPTR)
			continue;
		SynsetPtr h = read_synset(s->ppos[p], s->ptroff[p], "");
		if (!h)
			continue;
		bool coll = false;
		for (int i = 0; i < h->wcount && !coll; i++)
			coll = strchr(h->words[i], '_') != NULL;
		long off = h->hereiam;
		free_synset(h);
		if (coll)
			return off;
	}
	return -1;
}

/* Ask WordNet about the collocation c: its synset when it is a noun of one
 * sense, and that synset's body (ans[0], ans[1]). */
static void ask_collocation(char *c, size_t n, long ans[2])
{
	ans[0] = ans[1] = -1;
	if (!maybe_known(c, n))
		return;
	char lb[WNET_WORD];
	IndexPtr ix;
	const char *lem = lemma_as(c, NOUN, lb, &ix);
	if (lem && !ix)
		ix = index_lookup((char *)lem, NOUN);
	if (!ix)
		return;
	/* one sense only: a collocation that names one thing */
	if (ix->off_cnt == 1) {
		SynsetPtr s = read_synset(NOUN, (long)ix->offset[0], (char *)lem);
		if (s) {
			ans[0] = (long)ix->offset[0];
			ans[1] = member_of(s);
			free_synset(s);
		}
	}
	free_index(ix);
}

long wnet_collocation(const char *w1, size_t n1, const char *w2, size_t n2, bool of, long *member)
{
	char c[WNET_WORD];
	*member = -1;
	size_t n = n1 + n2 + (of ? 4 : 1);
	if (n1 == 0 || n2 == 0 || n >= WNET_WORD - 1 || !wnet_available())
		return -1;
	memcpy(c, w1, n1);
	memcpy(c + n1, of ? "_of_" : "_", of ? 4 : 1);
	memcpy(c + n - n2, w2, n2);
	c[n] = '\0';
	if (!is_lemma_text(c, n, true))
		return -1;
	const size_t *v = hashmap_get(&colls, c, n);
	if (!v) {
		long ans[2];
		ask_collocation(c, n, ans);
		GROW(coll_ans, coll_cap, size_add(ncoll_ans, 2));
		coll_ans[ncoll_ans] = ans[0];
		coll_ans[ncoll_ans + 1] = ans[1];
		size_t *nv = hashmap_put(&colls, c, n, NULL);
		*nv = ncoll_ans;
		ncoll_ans += 2;
		v = nv;
	}
	*member = coll_ans[*v + 1];
	return coll_ans[*v];
}

void wnet_reset(void)
{
	hashmap_free(&colls);
	free(coll_ans);
	coll_ans = NULL;
	ncoll_ans = coll_cap = 0;
	hashmap_free(&cache);
	buf_free(&answers);
	free(kset);
	kset = NULL;
	kmask = 0;
	kasked = 0;
}
