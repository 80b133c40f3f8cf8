/* hashmap: owns the one hash function and the one string-keyed hash map
 * (open addressing over entry numbers, linear probing, backward-shift
 * removal so no tombstones pile up; dense entries, a removed one replaced
 * by the last; key bytes in one block, compacted when half of it is
 * removed keys). */
#include "crossread/base/hashmap.h"

#include <stdlib.h>
#include <string.h>

#include "crossread/base/util.h"

uint64_t hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	/* eight bytes a step (most keys are words: one or two steps), the
	 * length mixed in first so that a prefix does not hash alike */
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ ((uint64_t)n * 0xff51afd7ed558ccdULL);
	for (; n >= 8; s += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 31;
	}
	uint64_t w = 0; /* the 0 to 7 left: two loads that may overlap */
	if (n >= 4) {
		uint32_t lo, hi;
		memcpy(&lo, s, 4);
		memcpy(&hi, s + n - 4, 4);
		w = (uint64_t)lo << 32 | hi;
	} else if (n) {
		w = (uint64_t)s[0] | (uint64_t)s[n / 2] << 8 | (uint64_t)s[n - 1] << 16;
	}
	h ^= w;
	/* the last step barely reaches the low bits a table uses: mix
	 * (splitmix64's finaliser) */
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return h;
}

/* the slot holding key, or the empty slot where it would go (cap > 0) */
static size_t find_slot(const struct hashmap *m, const char *key, size_t len, uint64_t h)
{
	size_t mask = m->cap - 1;
	for (size_t x = (size_t)h & mask;; x = (x + 1) & mask) {
		uint32_t k = m->slot[x];
		if (!k)
			return x;
		const struct hashmap_entry *e = &m->e[k - 1];
		if (e->hash == h && e->len == len && memcmp(m->keys + e->key, key, len) == 0)
			return x;
	}
}

/* the slot that holds entry number i (which is in the map) */
static size_t slot_of(const struct hashmap *m, size_t i)
{
	size_t mask = m->cap - 1;
	size_t x = (size_t)m->e[i].hash & mask;
	while (m->slot[x] != i + 1)
		x = (x + 1) & mask;
	return x;
}

size_t *hashmap_get(const struct hashmap *m, const char *key, size_t len)
{
	if (!m->n || !key)
		return NULL;
	uint32_t k = m->slot[find_slot(m, key, len, hash_bytes(key, len))];
	return k ? &m->e[k - 1].val : NULL;
}

size_t hashmap_gets(const struct hashmap *m, const char *key, size_t dflt)
{
	const size_t *v = key ? hashmap_get(m, key, strlen(key)) : NULL;
	return v ? *v : dflt;
}

static void rehash(struct hashmap *m, size_t cap)
{
	uint32_t *slot = xcalloc(cap, sizeof *slot);
	size_t mask = cap - 1;
	for (size_t i = 0; i < m->n; i++) {
		size_t x = (size_t)m->e[i].hash & mask;
		while (slot[x])
			x = (x + 1) & mask;
		slot[x] = (uint32_t)(i + 1);
	}
	free(m->slot);
	m->slot = slot;
	m->cap = cap;
}

/* drop the bytes of removed keys once they are half the block */
static void compact(struct hashmap *m)
{
	size_t size = m->klen - m->dead + 1, o = 0;
	char *keys = xreallocarray(NULL, size, 1);
	for (size_t i = 0; i < m->n; i++) {
		memcpy(keys + o, m->keys + m->e[i].key, m->e[i].len + 1);
		m->e[i].key = o;
		o += m->e[i].len + 1;
	}
	free(m->keys);
	m->keys = keys;
	m->klen = o;
	m->kcap = size;
	m->dead = 0;
}

size_t *hashmap_put(struct hashmap *m, const char *key, size_t len, bool *added)
{
	if (size_mul(size_add(m->n, 1), 2) > m->cap)
		rehash(m, m->cap ? size_mul(m->cap, 2) : 16);
	uint64_t h = hash_bytes(key, len);
	size_t x = find_slot(m, key, len, h);
	bool fresh = !m->slot[x];
	if (fresh) {
		if (m->n >= UINT32_MAX - 1)
			abort(); /* four billion keys: cannot happen below the input limits */
		GROW(m->e, m->ecap, m->n + 1);
		GROW(m->keys, m->kcap, size_add(size_add(m->klen, len), 1));
		memcpy(m->keys + m->klen, key, len);
		m->keys[m->klen + len] = '\0';
		m->e[m->n] = (struct hashmap_entry){m->klen, len, h, 0};
		m->klen += len + 1;
		m->slot[x] = (uint32_t)(++m->n);
	}
	if (added)
		*added = fresh;
	return &m->e[m->slot[x] - 1].val;
}

void hashmap_reserve(struct hashmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 16;
	while (cap < size_mul(n, 2))
		cap = size_mul(cap, 2);
	if (cap > m->cap)
		rehash(m, cap);
	GROW(m->e, m->ecap, n ? n : 1);
}

bool hashmap_remove(struct hashmap *m, const char *key, size_t len)
{
	if (!m->n)
		return false;
	size_t hole = find_slot(m, key, len, hash_bytes(key, len));
	if (!m->slot[hole])
		return false;
	size_t i = m->slot[hole] - 1, mask = m->cap - 1;
	m->dead += m->e[i].len + 1;
	/* pull later entries of the run back over the hole, so every key stays
	 * reachable from its home slot without tombstones */
	for (size_t x = (hole + 1) & mask; m->slot[x]; x = (x + 1) & mask) {
		size_t home = (size_t)m->e[m->slot[x] - 1].hash & mask;
		/* x may move to hole unless its home lies cyclically in (hole, x] */
		bool stays = hole <= x ? (home > hole && home <= x) : (home > hole || home <= x);
		if (!stays) {
			m->slot[hole] = m->slot[x];
			hole = x;
		}
	}
	m->slot[hole] = 0;
	/* the last entry fills the removed one's place */
	size_t last = m->n - 1;
	if (i != last) {
		m->slot[slot_of(m, last)] = (uint32_t)(i + 1);
		m->e[i] = m->e[last];
	}
	m->n--;
	if (m->dead > 4096 && m->dead * 2 > m->klen)
		compact(m);
	return true;
}

void hashmap_free(struct hashmap *m)
{
	free(m->slot);
	free(m->e);
	free(m->keys);
	memset(m, 0, sizeof *m);
}
