/* addcmd: owns `crossread add`: fetch (fetch.c), extract (html.c), write
 * Markdown (mdwrite.c) atomically, check that the saved file reads back to
 * the same display text, and list it in a story file: the new entry is
 * put after the last one of the file's `articles:` block list (found with
 * libyaml's marks, so the file's comments and layout stay), and the result
 * must load before it replaces the file. */
#include "crossread/cli/addcmd.h"

#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <yaml.h>

#include "crossread/annot/annot.h"
#include "crossread/annot/annot_write.h"
#include "crossread/base/diag.h"
#include "crossread/base/text.h"
#include "crossread/base/util.h"
#include "crossread/doc/article.h"
#include "crossread/doc/fetch.h"
#include "crossread/doc/mdwrite.h"
#include "crossread/persist/store.h"

/* a file name from the title: lower-case ASCII words joined by '-' */
static char *slug_of(const char *title)
{
	struct buf b = {0};
	bool dash = false;
	for (const char *p = title ? title : ""; *p && b.len < 60; p++) {
		unsigned char c = (unsigned char)*p;
		if (isalnum(c) && c < 0x80) {
			if (dash && b.len)
				buf_addc(&b, '-');
			buf_addc(&b, (char)tolower(c));
			dash = false;
		} else {
			dash = true;
		}
	}
	if (!b.len)
		buf_adds(&b, "page");
	return buf_detach(&b);
}

static bool exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0;
}

static int mkdirs(const char *dir)
{
	char *d = xstrdup(dir);
	for (char *p = d + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(d, 0777) != 0 && errno != EEXIST) {
			free(d);
			return -1;
		}
		*p = '/';
	}
	int rc = mkdir(d, 0777) == 0 || errno == EEXIST ? 0 : -1;
	free(d);
	return rc;
}

int addcmd_save(const char *url, const char *dir, bool overwrite, char **path, char *err,
		size_t errlen)
{
	*path = NULL;
	struct fetched f;
	if (fetch_page(url, &f, err, errlen) < 0)
		return -1;
	struct article *a = article_from_memory_as(f.final_url, f.body, f.len, ARTICLE_HTML);
	article_load_all(a);
	article_set_meta(a, &a->url, &a->url_from, "fetched from", f.final_url,
			 strlen(f.final_url));
	fetch_free(&f);
	if (!a->len) {
		snprintf(err, errlen, "no article text found in the page");
		article_free(a);
		return -1;
	}
	char when[32];
	annot_write_time(time(NULL), when);
	struct buf md = {0};
	if (mdwrite_article(a, when, &md) < 0) {
		snprintf(err, errlen, "cannot write its front matter");
		article_free(a);
		buf_free(&md);
		return -1;
	}
	if (mkdirs(dir) < 0) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		article_free(a);
		buf_free(&md);
		return -1;
	}
	char *slug = slug_of(a->title);
	struct buf p = {0};
	buf_printf(&p, "%s/%s.md", dir, slug);
	for (int n = 2; !overwrite && exists(p.s) && n < 1000; n++) {
		p.len = 0;
		buf_printf(&p, "%s/%s-%d.md", dir, slug, n);
	}
	free(slug);
	int rc = store_write_atomic(p.s, md.s, md.len, err, errlen);
	buf_free(&md);
	if (rc == 0) {
		/* the kept file must read back to the page's display text */
		struct article *back;
		const char *why;
		if (article_open_as(&back, p.s, ARTICLE_MARKDOWN, &why) == 0) {
			article_load_all(back);
			if (back->len != a->len || memcmp(back->text, a->text, a->len))
				fprintf(stderr,
					"crossread: %s: warning: its text differs from the page's "
					"display text\n",
					p.s);
			article_free(back);
		}
		*path = buf_detach(&p);
	} else {
		buf_free(&p);
	}
	article_free(a);
	return rc;
}

/* where the new entry goes in the story file's text: *at (a byte offset)
 * and the column of its "- "; *has_list false when there is no articles
 * key at all. Returns -1 if `articles` is there but no block list. */
static int find_articles_end(const char *src, size_t len, size_t *at, int *col, bool *has_list)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return -1;
	yaml_parser_set_input_string(&p, (const unsigned char *)src, len);
	int depth = 0, rc = 0;
	bool key_next = true, want_seq = false, in_seq = false;
	int seq_depth = 0;
	*has_list = false;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			rc = -1;
			break;
		}
		yaml_event_type_t t = ev.type;
		if (want_seq) {
			want_seq = false;
			if (t != YAML_SEQUENCE_START_EVENT ||
			    ev.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE) {
				rc = -1;
				yaml_event_delete(&ev);
				break;
			}
			in_seq = true;
			*has_list = true;
			seq_depth = depth + 1;
			*col = (int)ev.start_mark.column;
		}
		if (t == YAML_MAPPING_START_EVENT || t == YAML_SEQUENCE_START_EVENT) {
			depth++;
		} else if (t == YAML_MAPPING_END_EVENT || t == YAML_SEQUENCE_END_EVENT) {
			if (in_seq && depth == seq_depth && t == YAML_SEQUENCE_END_EVENT) {
				*at = ev.start_mark.index;
				yaml_event_delete(&ev);
				break;
			}
			depth--;
			if (depth == 1)
				key_next = !key_next;
		} else if (t == YAML_SCALAR_EVENT && depth == 1) {
			if (key_next && !strcmp((const char *)ev.data.scalar.value, "articles"))
				want_seq = true;
			key_next = !key_next;
		} else if (t == YAML_ALIAS_EVENT && depth == 1) {
			key_next = !key_next;
		}
		if (t == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return rc;
}

/* list DIR-relative `file` in the story file under a fresh id */
static int add_to_story(const char *story, const char *file, const char *title, char *id_out,
			size_t id_len, char *err, size_t errlen)
{
	char *src = NULL;
	size_t len = 0;
	if (read_file(story, (size_t)16 << 20, &src, &len) < 0) {
		if (errno != ENOENT) {
			snprintf(err, errlen, "%s: %s", story, strerror(errno));
			return -1;
		}
		src = xstrdup("version: 1\n");
		len = strlen(src);
	}
	struct annot *an = NULL;
	struct diag_list diags = {0};
	int lrc = annot_load_mem(&an, story, src, len, LAYER_CURATED, &diags);
	diag_free(&diags);
	if (lrc == 2) {
		snprintf(err, errlen, "%s: cannot be used as a story file (crossread check it)",
			 story);
		annot_free(an);
		free(src);
		return -1;
	}
	char *slug = slug_of(title);
	snprintf(id_out, id_len, "%s", slug);
	for (int n = 2; n < 1000; n++) {
		bool taken = false;
		for (size_t i = 0; an && i < an->narticles; i++)
			taken = taken || !strcmp(an->articles[i].id, id_out);
		if (!taken)
			break;
		snprintf(id_out, id_len, "%s-%d", slug, n);
	}
	free(slug);
	annot_free(an);
	an = NULL;
	size_t at = len;
	int col = 2;
	bool has_list;
	if (find_articles_end(src, len, &at, &col, &has_list) < 0) {
		snprintf(err, errlen, "%s: its articles are not a block list: add %s by hand",
			 story, file);
		free(src);
		return -1;
	}
	struct buf out = {0};
	buf_add(&out, src, at);
	if (out.len && out.s[out.len - 1] != '\n')
		buf_addc(&out, '\n');
	if (!has_list) {
		buf_adds(&out, "articles:\n");
		col = 2;
	}
	buf_printf(&out, "%*s- id: %s\n%*s  path: \"%s\"\n", col, "", id_out, col, "", file);
	buf_add(&out, src + at, len - at);
	free(src);
	/* what is written must load */
	diags = (struct diag_list){0};
	lrc = annot_load_mem(&an, story, out.s, out.len, LAYER_CURATED, &diags);
	diag_free(&diags);
	annot_free(an);
	int rc = -1;
	if (lrc == 2)
		snprintf(err, errlen, "%s: adding the article would break it; left unchanged",
			 story);
	else
		rc = store_write_atomic(story, out.s, out.len, err, errlen);
	buf_free(&out);
	return rc;
}

static void fail(const char *what, const char *why)
{
	struct buf b = {0};
	buf_printf(&b, "%s: %s", what, why);
	char *s = text_sanitize(b.s, b.len, false);
	fprintf(stderr, "crossread: %s\n", s);
	free(s);
	buf_free(&b);
}

int addcmd_run(int argc, char **argv, FILE *out)
{
	const char *url = NULL, *story = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--to") && i + 1 < argc)
			story = argv[++i];
		else if (!url && argv[i][0] != '-')
			url = argv[i];
		else
			url = NULL, i = argc;
	}
	if (!url || argc > 4) {
		fprintf(stderr, "usage: crossread add URL [--to STORY.yaml]\n");
		return 2;
	}
	char err[1024];
	char *sdir = NULL;
	const char *dir = "articles";
	if (story) {
		sdir = xstrdup(story);
		dir = dirname(sdir);
	}
	char *path;
	if (addcmd_save(url, dir, false, &path, err, sizeof err) < 0) {
		fail(url, err);
		free(sdir);
		return 2;
	}
	int rc = 0;
	if (story) {
		char id[80];
		const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
		struct article *a;
		const char *why;
		char *title = NULL;
		if (article_open(&a, path, &why) == 0) {
			title = a->title ? xstrdup(a->title) : NULL;
			article_free(a);
		}
		if (add_to_story(story, base, title, id, sizeof id, err, sizeof err) < 0) {
			fail(story, err);
			rc = 2;
		} else {
			char *s = text_sanitize(path, strlen(path), false);
			fprintf(out, "added %s to %s as %s\n", s, story, id);
			free(s);
		}
		free(title);
	} else {
		char *s = text_sanitize(path, strlen(path), false);
		fprintf(out, "added %s\n", s);
		free(s);
	}
	free(path);
	free(sdir);
	return rc;
}
