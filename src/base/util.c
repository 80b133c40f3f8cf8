/* util: checked allocation, growable buffers and whole-file reading. */
#include "crossread/base/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void (*fatal_hook)(void);

void util_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

/* the hook once: a failure inside it must not come back here for ever */
static void run_fatal_hook(void)
{
	void (*h)(void) = fatal_hook;
	fatal_hook = NULL;
	if (h)
		h();
}

static void die_oom(void)
{
	static const char msg[] = "crossread: out of memory\n";
	run_fatal_hook();
	if (write(2, msg, sizeof msg - 1) < 0) {
		/* nothing left to do */
	}
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die_oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		die_oom();
	return q;
}

size_t size_add(size_t a, size_t b)
{
	if (a > SIZE_MAX - b)
		die_oom();
	return a + b;
}

size_t size_mul(size_t a, size_t b)
{
	if (b && a > SIZE_MAX / b)
		die_oom();
	return a * b;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
	return xrealloc(p, size_mul(n, size));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(size_add(n, 1));
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void *grow_to(void *arr, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return arr;
	size_t ncap = *cap ? *cap : 8;
	while (ncap < need)
		ncap = size_mul(ncap, 2);
	arr = xreallocarray(arr, ncap, size);
	*cap = ncap;
	return arr;
}

void grow_array(void **arr, size_t *cap, size_t need, size_t size)
{
	*arr = grow_to(*arr, cap, need, size);
}

void buf_reserve(struct buf *b, size_t extra)
{
	size_t need = size_add(size_add(b->len, extra), 1);
	if (need > b->cap) {
		size_t ncap = b->cap ? b->cap : 64;
		while (ncap < need)
			ncap = size_mul(ncap, 2);
		b->s = xrealloc(b->s, ncap);
		b->cap = ncap;
		/* keep the promise of util.h: NUL-terminated once allocated */
		b->s[b->len] = '\0';
	}
}

void buf_add(struct buf *b, const char *s, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *buf_detach(struct buf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void buf_free(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

int read_file(const char *path, size_t max_size, char **out, size_t *out_len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		errno = EISDIR;
		return -1;
	}
	size_t cap = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
	if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max_size) {
		close(fd);
		errno = EFBIG;
		return -1;
	}
	char *data = xmalloc(cap);
	size_t len = 0;
	for (;;) {
		if (len + 1 >= cap) {
			if (cap > max_size) {
				free(data);
				close(fd);
				errno = EFBIG;
				return -1;
			}
			cap = size_mul(cap, 2);
			data = xrealloc(data, cap);
		}
		ssize_t r = read(fd, data + len, cap - 1 - len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			free(data);
			close(fd);
			errno = e;
			return -1;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	if (len > max_size) {
		free(data);
		errno = EFBIG;
		return -1;
	}
	data[len] = '\0';
	*out = data;
	*out_len = len;
	return 0;
}

int str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t strv_sort_unique(const char **v, size_t n)
{
	if (!n)
		return 0;
	qsort(v, n, sizeof *v, str_ptr_cmp);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!k || strcmp(v[k - 1], v[i]))
			v[k++] = v[i];
	return k;
}
