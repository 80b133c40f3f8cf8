/* util: allocation that never proceeds on failure or on an unchecked size,
 * and a growable byte buffer. Everything above uses these. */
#ifndef CROSSREAD_UTIL_H
#define CROSSREAD_UTIL_H

#include <stdbool.h>
#include <stddef.h>

/* A fatal error (out of memory, a size overflow) calls hook before the
 * process ends: the ui registers one that gives the terminal back. One
 * hook; NULL removes it. It must not allocate. */
void util_set_fatal_hook(void (*hook)(void));

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* realloc to n * size bytes; aborts cleanly if the product overflows */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* a + b, or SIZE_MAX-free failure: aborts with a message on overflow */
size_t size_add(size_t a, size_t b);
size_t size_mul(size_t a, size_t b);

/* Grow an array `arr` of `*cap` elements of `size` bytes so it holds at
 * least `need` elements (doubling); returns the array, maybe moved. GROW
 * assigns what it returns (as git's ALLOC_GROW), so no pointer is ever
 * accessed through a `void **` of another type. */
void *grow_to(void *arr, size_t *cap, size_t need, size_t size);
#define GROW(arr, cap, need) ((arr) = grow_to((arr), &(cap), (need), sizeof *(arr)))
/* the same through a pointer to a `void *` array (a generic caller's own
 * void * variable only: never a cast `T **`) */
void grow_array(void **arr, size_t *cap, size_t need, size_t size);

struct buf {
	char *s; /* always NUL-terminated when non-NULL */
	size_t len, cap;
};

void buf_reserve(struct buf *b, size_t extra);
void buf_add(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
/* one byte; inline while it fits, as the tokeniser adds every letter */
static inline void buf_addc(struct buf *b, char c)
{
	if (b->s && b->len + 1 < b->cap) {
		b->s[b->len++] = c;
		b->s[b->len] = '\0';
	} else {
		buf_add(b, &c, 1);
	}
}
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* hand the string over to the caller (never NULL) and reset the buffer */
char *buf_detach(struct buf *b);
void buf_free(struct buf *b);

/* Read a whole file; refuses files larger than max_size (errno EFBIG).
 * Returns 0, or -1 with errno set. *out is NUL-terminated. */
int read_file(const char *path, size_t max_size, char **out, size_t *out_len);

/* qsort comparison of two (const) char * elements by strcmp */
int str_ptr_cmp(const void *a, const void *b);
/* sort v[0..n) by strcmp and drop repeats: how many are left */
size_t strv_sort_unique(const char **v, size_t n);

#endif
