/* hashmap: the one hash map and the one hash function. Keys are byte
 * strings, copied into the map; values are size_t (an index into the
 * caller's array, as a rule). Open addressing with linear probing over a
 * table of 32-bit entry numbers, at most half full, so adding, finding and
 * removing are O(1) on average; the entries and their keys are kept dense
 * (one array, one block of key bytes), so a map costs about 40 bytes a
 * key and one allocation per doubling, not one per key. */
#ifndef CROSSREAD_HASHMAP_H
#define CROSSREAD_HASHMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* 64-bit hash of n bytes, eight at a time (multiply and shift), with a
 * final avalanche mix (splitmix64), so the low bits a table uses depend on
 * every byte. Not stable across byte orders: never store it. */
uint64_t hash_bytes(const void *p, size_t n);

struct hashmap_entry {
	size_t key; /* offset of its bytes in keys */
	size_t len;
	uint64_t hash;
	size_t val;
};

struct hashmap {
	uint32_t *slot; /* cap slots: entry number + 1, 0 empty */
	size_t cap;	/* 0 or a power of two */
	struct hashmap_entry *e;
	size_t n, ecap;
	char *keys;		 /* the keys' bytes, each NUL-ended */
	size_t klen, kcap, dead; /* dead: bytes of removed keys */
};

/* the value stored under key, or NULL; valid until the next put or remove */
size_t *hashmap_get(const struct hashmap *m, const char *key, size_t len);
/* the value under key, or dflt if absent (key NULL: dflt) */
size_t hashmap_gets(const struct hashmap *m, const char *key, size_t dflt);
/* The value slot for key, added (value 0) if absent; *added says which
 * (added may be NULL). Valid until the next put or remove. */
size_t *hashmap_put(struct hashmap *m, const char *key, size_t len, bool *added);
/* Make room for n keys in all, so that adding them does not rehash. */
void hashmap_reserve(struct hashmap *m, size_t n);
/* Remove key; returns whether it was there. */
bool hashmap_remove(struct hashmap *m, const char *key, size_t len);
/* Empty the map (keeps nothing allocated). */
void hashmap_free(struct hashmap *m);

#endif
