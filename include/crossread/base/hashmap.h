/* hashmap: the one hash map and the one hash function. Keys are byte
 * strings, copied into the map; values are size_t (an index into the
 * caller's array, as a rule). Open addressing with linear probing, at most
 * half full, so adding, finding and removing are O(1) on average. */
#ifndef CROSSREAD_HASHMAP_H
#define CROSSREAD_HASHMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* 64-bit hash of n bytes: FNV-1a with a final avalanche mix (splitmix64),
 * so the low bits a table uses depend on every byte. */
uint64_t hash_bytes(const void *p, size_t n);

struct hashmap_slot {
	char *key; /* NULL: an empty slot */
	size_t len;
	uint64_t hash;
	size_t val;
};

struct hashmap {
	struct hashmap_slot *slots;
	size_t n, cap; /* cap: 0 or a power of two */
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
