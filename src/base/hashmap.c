/* hashmap: owns the one hash function and the one string-keyed hash map
 * (open addressing, linear probing, backward-shift removal so no
 * tombstones pile up). */
#include "crossread/base/hashmap.h"

#include <stdlib.h>
#include <string.h>

#include "crossread/base/util.h"

uint64_t hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	/* FNV's last bytes barely reach the high bits: mix them (splitmix64) */
	h ^= (uint64_t)n;
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return h;
}

/* the slot holding key, or the empty slot where it would go (cap > 0) */
static struct hashmap_slot *find_slot(const struct hashmap *m, const char *key, size_t len,
				      uint64_t h)
{
	size_t mask = m->cap - 1;
	for (size_t x = (size_t)h & mask;; x = (x + 1) & mask) {
		struct hashmap_slot *s = &m->slots[x];
		if (!s->key || (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0))
			return s;
	}
}

size_t *hashmap_get(const struct hashmap *m, const char *key, size_t len)
{
	if (!m->n || !key)
		return NULL;
	struct hashmap_slot *s = find_slot(m, key, len, hash_bytes(key, len));
	return s->key ? &s->val : NULL;
}

size_t hashmap_gets(const struct hashmap *m, const char *key, size_t dflt)
{
	const size_t *v = key ? hashmap_get(m, key, strlen(key)) : NULL;
	return v ? *v : dflt;
}

static void rehash(struct hashmap *m, size_t cap)
{
	struct hashmap bigger = {0};
	bigger.cap = cap;
	bigger.slots = xcalloc(bigger.cap, sizeof *bigger.slots);
	for (size_t k = 0; k < m->cap; k++) {
		struct hashmap_slot *s = &m->slots[k];
		if (s->key)
			*find_slot(&bigger, s->key, s->len, s->hash) = *s;
	}
	bigger.n = m->n;
	free(m->slots);
	*m = bigger;
}

size_t *hashmap_put(struct hashmap *m, const char *key, size_t len, bool *added)
{
	if (size_mul(size_add(m->n, 1), 2) > m->cap)
		rehash(m, m->cap ? size_mul(m->cap, 2) : 16);
	uint64_t h = hash_bytes(key, len);
	struct hashmap_slot *s = find_slot(m, key, len, h);
	bool fresh = !s->key;
	if (fresh) {
		s->key = xstrndup(key, len);
		s->len = len;
		s->hash = h;
		s->val = 0;
		m->n++;
	}
	if (added)
		*added = fresh;
	return &s->val;
}

void hashmap_reserve(struct hashmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 16;
	while (cap < size_mul(n, 2))
		cap = size_mul(cap, 2);
	if (cap > m->cap)
		rehash(m, cap);
}

bool hashmap_remove(struct hashmap *m, const char *key, size_t len)
{
	if (!m->n)
		return false;
	struct hashmap_slot *s = find_slot(m, key, len, hash_bytes(key, len));
	if (!s->key)
		return false;
	free(s->key);
	size_t mask = m->cap - 1, hole = (size_t)(s - m->slots);
	/* pull later entries of the run back over the hole, so every key stays
	 * reachable from its home slot without tombstones */
	for (size_t x = (hole + 1) & mask; m->slots[x].key; x = (x + 1) & mask) {
		size_t home = (size_t)m->slots[x].hash & mask;
		/* x may move to hole unless its home lies cyclically in (hole, x] */
		bool stays = hole <= x ? (home > hole && home <= x) : (home > hole || home <= x);
		if (!stays) {
			m->slots[hole] = m->slots[x];
			hole = x;
		}
	}
	memset(&m->slots[hole], 0, sizeof m->slots[hole]);
	m->n--;
	return true;
}

void hashmap_free(struct hashmap *m)
{
	for (size_t k = 0; k < m->cap; k++)
		free(m->slots[k].key);
	free(m->slots);
	memset(m, 0, sizeof *m);
}
