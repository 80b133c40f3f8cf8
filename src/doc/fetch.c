/* fetch: owns the one network access crossread makes, a page fetched with
 * libcurl with every limit set (protocols, redirects, timeouts, size) and
 * every failure turned into one line. */
#include "crossread/doc/fetch.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crossread/base/util.h"
#include "crossread/doc/html.h"

#ifndef CROSSREAD_VERSION
#define CROSSREAD_VERSION "0"
#endif

struct sink {
	struct buf b;
	int too_large;
};

static size_t on_data(char *p, size_t size, size_t n, void *ctx)
{
	struct sink *s = ctx;
	size_t len = size * n;
	if (s->b.len + len > HTML_MAX_SIZE) {
		s->too_large = 1;
		return 0; /* curl stops with CURLE_WRITE_ERROR */
	}
	buf_add(&s->b, p, len);
	return len;
}

int fetch_is_url(const char *s)
{
	return !strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8);
}

static long timeout_s(void)
{
	const char *e = getenv("CROSSREAD_FETCH_TIMEOUT");
	long t = e ? strtol(e, NULL, 10) : 0;
	return t > 0 && t <= 3600 ? t : FETCH_TIMEOUT;
}

static void reason(CURLcode rc, const char *ebuf, long timeout, char *err, size_t errlen)
{
	const char *detail = *ebuf ? ebuf : curl_easy_strerror(rc);
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		snprintf(err, errlen, "cannot resolve host");
		break;
	case CURLE_COULDNT_CONNECT:
		snprintf(err, errlen, "connection refused or unreachable");
		break;
	case CURLE_OPERATION_TIMEDOUT:
		snprintf(err, errlen, "timed out after %ld s", timeout);
		break;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
		snprintf(err, errlen, "TLS: %s", detail);
		break;
	case CURLE_TOO_MANY_REDIRECTS:
		snprintf(err, errlen, "more than %d redirects", FETCH_MAX_REDIRECTS);
		break;
	case CURLE_FILESIZE_EXCEEDED:
		snprintf(err, errlen, "page too large (limit %zu MiB)", HTML_MAX_SIZE >> 20);
		break;
	case CURLE_UNSUPPORTED_PROTOCOL:
		snprintf(err, errlen, "only http and https pages are fetched");
		break;
	default:
		snprintf(err, errlen, "%s", detail);
	}
	/* one line */
	for (char *p = err; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
}

/* HTML or XHTML; a server that says nothing is given the benefit */
static int is_html_type(const char *ct)
{
	if (!ct)
		return 1;
	return !strncasecmp(ct, "text/html", 9) || !strncasecmp(ct, "application/xhtml+xml", 21);
}

int fetch_page(const char *url, struct fetched *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	if (!fetch_is_url(url)) {
		snprintf(err, errlen, "only http and https pages are fetched");
		return -1;
	}
	static int inited;
	if (!inited) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		inited = 1;
	}
	CURL *c = curl_easy_init();
	if (!c) {
		snprintf(err, errlen, "cannot start libcurl");
		return -1;
	}
	struct sink s = {0};
	char ebuf[CURL_ERROR_SIZE] = "";
	long timeout = timeout_s();
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, (long)FETCH_MAX_REDIRECTS);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)FETCH_CONNECT_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout);
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)HTML_MAX_SIZE);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "crossread/" CROSSREAD_VERSION " (terminal reader)");
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, ""); /* whatever libcurl decodes */
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
	CURLcode rc = curl_easy_perform(c);
	long status = 0;
	char *ct = NULL, *final = NULL;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct);
	curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &final);
	int ret = -1;
	if (s.too_large)
		snprintf(err, errlen, "page too large (limit %zu MiB)", HTML_MAX_SIZE >> 20);
	else if (rc != CURLE_OK)
		reason(rc, ebuf, timeout, err, errlen);
	else if (status >= 400)
		snprintf(err, errlen, "HTTP %ld", status);
	else if (!is_html_type(ct))
		snprintf(err, errlen, "not an HTML page (%.100s)", ct);
	else
		ret = 0;
	if (ret == 0) {
		out->len = s.b.len;
		out->body = s.b.s ? buf_detach(&s.b) : xstrdup("");
		out->final_url = xstrdup(final ? final : url);
	}
	buf_free(&s.b);
	curl_easy_cleanup(c);
	return ret;
}

void fetch_free(struct fetched *f)
{
	free(f->body);
	free(f->final_url);
	memset(f, 0, sizeof *f);
}
