/* fetch: a web page over HTTP(S) through libcurl, for `crossread add` and
 * `crossread URL URL`: certificates verified, http and https only, at most
 * FETCH_MAX_REDIRECTS redirects, a connect and a total timeout, at most
 * HTML_MAX_SIZE bytes, an HTML content type required. */
#ifndef CROSSREAD_FETCH_H
#define CROSSREAD_FETCH_H

#include <stddef.h>

#define FETCH_MAX_REDIRECTS   5
#define FETCH_CONNECT_TIMEOUT 10 /* seconds */
/* the whole transfer, seconds; CROSSREAD_FETCH_TIMEOUT overrides it */
#define FETCH_TIMEOUT 30

struct fetched {
	char *body; /* NUL-terminated */
	size_t len;
	char *final_url; /* after redirects */
};

/* Fetch url. Returns 0, or -1 with a one-line reason in err ("cannot
 * resolve host", "connection refused", "timed out after 30 s", "TLS: ...",
 * "HTTP 404", "not an HTML page (image/png)", "page too large (limit 64
 * MiB)"). */
int fetch_page(const char *url, struct fetched *out, char *err, size_t errlen);
void fetch_free(struct fetched *f);
/* Does s look like an http:// or https:// URL? */
int fetch_is_url(const char *s);

#endif
