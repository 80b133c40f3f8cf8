/* matchcmd: `crossread match A B [C ...] [--format text|tsv|json] [--top K]
 * [--min-score S]`. Loads the articles and matches every pair of them; two
 * articles print their pairs best first, three or more the groups of
 * sentences that state the same thing across them (group.h) and the
 * rebuttal pairs. Every byte that came from an article is sanitised (text) or
 * escaped (JSON) before it is written. Hidden options for the bench:
 * --sentences (each article's sentences as TSV), --no-stem, --no-bonus,
 * --no-mutual. Says once on stderr when WordNet's data is missing. */
#include "crossread/cli/matchcmd.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "crossread/doc/article.h"
#include "crossread/doc/fetch.h"
#include "crossread/doc/html.h"
#include "crossread/annot/annot.h"
#include "crossread/match/group.h"
#include "crossread/match/match.h"
#include "crossread/match/wnet.h"
#include "crossread/reader/session.h"
#include "crossread/doc/sentence.h"
#include "crossread/base/text.h"
#include "crossread/base/util.h"

enum format { FMT_TEXT, FMT_TSV, FMT_JSON };

static void usage(FILE *f)
{
	fputs("usage: crossread match A B [C ...] [--format text|tsv|json] [--top K] [--min-score "
	      "S]\n"
	      "  Print the sentences of A and B that state the same claim or answer each\n"
	      "  other, best first. With three to 16 articles: the groups of sentences\n"
	      "  that state the same thing across them (one sentence per article, best\n"
	      "  first), then the rebuttal pairs.\n"
	      "  --format F     text (default), tsv (score, A start, A end, B start, B end,\n"
	      "                 A sentence, B sentence; with three or more articles also\n"
	      "                 group, A article, B article) or json (adds stance, relation\n"
	      "                 and a contradiction's numbers)\n"
	      "  --top K        at most K pairs, or K groups and K rebuttals (default: all\n"
	      "                 that pass --min-score)\n"
	      "  --min-score S  leave out pairs scoring below S, 0..1 (default 0.51)\n"
	      "  --no-wordnet   match without WordNet's lemmas, synonyms and places\n",
	      f);
}

static int bad_usage(const char *fmt, const char *arg)
{
	char *s = text_sanitize(arg, strlen(arg), false);
	fputs("crossread match: ", stderr);
	fprintf(stderr, fmt, s);
	fputc('\n', stderr);
	free(s);
	usage(stderr);
	return 2;
}

/* A sentence on one line, safe for a terminal: tabs and line breaks become
 * spaces, then the sanitiser makes every other control visible. */
static void put_flat(FILE *out, const char *s, size_t n)
{
	char *flat = xmalloc(size_add(n, 1));
	for (size_t i = 0; i < n; i++)
		flat[i] = (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') ? ' ' : s[i];
	char *safe = text_sanitize(flat, n, false);
	fputs(safe, out);
	free(safe);
	free(flat);
}

static void json_u(FILE *out, unsigned v)
{
	fprintf(out, "\\u%04x", v);
}

/* A JSON string: quotes, backslashes and control characters escaped, and
 * so are the code points a terminal must never see raw (bidi controls,
 * C1): the output stays valid JSON and harmless to print. */
static void put_json_str(FILE *out, const char *s, size_t n)
{
	fputc('"', out);
	for (size_t i = 0; i < n;) {
		int32_t cp;
		size_t k = text_decode(s + i, n - i, &cp);
		if (cp == '"' || cp == '\\') {
			fputc('\\', out);
			fputc((int)cp, out);
		} else if (cp == '\n') {
			fputs("\\n", out);
		} else if (cp == '\t') {
			fputs("\\t", out);
		} else if (cp < 0x20 || cp == 0x7F || text_is_unsafe(cp) ||
			   (cp == TEXT_REPLACEMENT && k == 1)) {
			if (cp > 0xFFFF) {
				unsigned v = (unsigned)cp - 0x10000;
				json_u(out, 0xD800 + (v >> 10));
				json_u(out, 0xDC00 + (v & 0x3FF));
			} else {
				json_u(out, (unsigned)cp);
			}
		} else {
			fwrite(s + i, 1, k, out);
		}
		i += k;
	}
	fputc('"', out);
}

static void print_sentences(FILE *out, const char *tag, const struct article *a)
{
	struct sentence *sv;
	size_t n = sentence_split(a->text, a->len, &sv);
	for (size_t i = 0; i < n; i++) {
		fprintf(out, "%s\t%zu\t%zu\t", tag, sv[i].start, sv[i].end);
		put_flat(out, a->text + sv[i].start, sv[i].end - sv[i].start);
		fputc('\n', out);
	}
	free(sv);
}

static void print_pairs(FILE *out, enum format fmt, const struct article *A,
			const struct article *B, const struct match_pair *pv, size_t n)
{
	if (fmt == FMT_JSON) {
		fputs("{\"a\": ", out);
		put_json_str(out, A->path, strlen(A->path));
		fputs(", \"b\": ", out);
		put_json_str(out, B->path, strlen(B->path));
		fputs(", \"pairs\": [", out);
	}
	for (size_t i = 0; i < n; i++) {
		const struct match_pair *p = &pv[i];
		const char *sa = A->text + p->a_start, *sb = B->text + p->b_start;
		size_t la = p->a_end - p->a_start, lb = p->b_end - p->b_start;
		const char *rel = annot_rel_name(p->rel);
		bool nums = p->rel == REL_CONTRADICTS && p->a_number[0] && p->b_number[0];
		switch (fmt) {
		case FMT_TSV:
			fprintf(out, "%.4f\t%zu\t%zu\t%zu\t%zu\t", p->score, p->a_start, p->a_end,
				p->b_start, p->b_end);
			put_flat(out, sa, la);
			fputc('\t', out);
			put_flat(out, sb, lb);
			fputc('\n', out);
			break;
		case FMT_JSON:
			fprintf(out,
				"%s\n  {\"score\": %.4f, \"relation\": \"%s\", \"mutual\": %s,\n"
				"   \"a\": {\"start\": %zu, \"end\": %zu, \"stance\": \"%s\", ",
				i ? "," : "", p->score, rel, p->mutual ? "true" : "false",
				p->a_start, p->a_end, stance_name(p->sa));
			if (nums) {
				fputs("\"number\": ", out);
				put_json_str(out, p->a_number, strlen(p->a_number));
				fputs(", ", out);
			}
			fputs("\"text\": ", out);
			put_json_str(out, sa, la);
			fprintf(out,
				"},\n   \"b\": {\"start\": %zu, \"end\": %zu, \"stance\": \"%s\", ",
				p->b_start, p->b_end, stance_name(p->sb));
			if (nums) {
				fputs("\"number\": ", out);
				put_json_str(out, p->b_number, strlen(p->b_number));
				fputs(", ", out);
			}
			fputs("\"text\": ", out);
			put_json_str(out, sb, lb);
			fputs("}}", out);
			break;
		case FMT_TEXT:
			fprintf(out, "%zu. score %.2f, %s", i + 1, p->score, rel);
			if (nums) /* the numbers are digits and dots: safe to print */
				fprintf(out, " (A: %s, B: %s)", p->a_number, p->b_number);
			fprintf(out, "%s\n   A: [%s] ", p->mutual ? "" : " (one-sided)",
				stance_name(p->sa));
			put_flat(out, sa, la);
			fprintf(out, "\n   B: [%s] ", stance_name(p->sb));
			put_flat(out, sb, lb);
			fputs("\n\n", out);
			break;
		}
	}
	if (fmt == FMT_JSON)
		fputs(n ? "\n]}\n" : "]}\n", out);
}

/* Open and load path into *out; on failure, why in *why (a static or
 * errno string) and 2. */
static int load_quiet(const char *path, struct article **out, const char **why)
{
	const char *err = NULL;
	errno = 0;
	if (article_open(out, path, &err) < 0) {
		*why = err ? err : strerror(errno);
		return 2;
	}
	article_load_all(*out);
	return 0;
}

static void load_failed(const char *path, const char *why)
{
	char *s = text_sanitize(path, strlen(path), false);
	char *r = text_sanitize(why, strlen(why), false);
	fprintf(stderr, "crossread: %s: %s\n", s, r);
	free(s);
	free(r);
}

/* the articles a second thread loads */
struct load_job {
	const char *const *path;
	struct article **av;
	const char **why;
	int *rc;
	size_t from, to;
};

static void *load_run(void *arg)
{
	const struct load_job *j = arg;
	for (size_t i = j->from; i < j->to; i++) /* up to the first that fails */
		if ((j->rc[i] = load_quiet(j->path[i], &j->av[i], &j->why[i])) != 0)
			break;
	return NULL;
}

#define LOAD_THREAD (1u << 20) /* bytes of files at least, to load in two threads */

/* Load the n articles of path into av, the second half in a thread of its
 * own when they are local files big enough to be worth it; on a failure
 * the first one's message, every article freed, and 2. */
static int load_all(const char *const *path, size_t n, struct article **av)
{
	const char *why[SESSION_MAX_ARTICLES] = {NULL};
	int rc[SESSION_MAX_ARTICLES] = {0};
	size_t bytes = 0;
	bool local = true;
	for (size_t i = 0; i < n; i++) {
		struct stat sb;
		local = local && !fetch_is_url(path[i]);
		if (stat(path[i], &sb) == 0)
			bytes += (size_t)sb.st_size;
	}
	struct load_job second = {path, av, why, rc, n / 2, n};
	pthread_t th;
	bool two = false;
	if (local && n >= 2 && bytes >= LOAD_THREAD) {
		html_init();
		two = pthread_create(&th, NULL, load_run, &second) == 0;
	}
	struct load_job first = {path, av, why, rc, 0, two ? n / 2 : n};
	load_run(&first);
	if (two)
		pthread_join(th, NULL);
	for (size_t i = 0; i < n; i++)
		if (rc[i]) {
			load_failed(path[i], why[i]);
			for (size_t k = 0; k < n; k++) {
				article_free(av[k]);
				av[k] = NULL;
			}
			return 2;
		}
	return 0;
}

static bool parse_size(const char *s, size_t *v)
{
	char *end;
	errno = 0;
	if (*s < '0' || *s > '9')
		return false;
	unsigned long long x = strtoull(s, &end, 10);
	if (errno || *end || x > SIZE_MAX)
		return false;
	*v = (size_t)x;
	return true;
}

static bool parse_score(const char *s, double *v)
{
	char *end;
	errno = 0;
	double x = strtod(s, &end);
	if (errno || end == s || *end || !(x >= 0 && x <= 100))
		return false;
	*v = x;
	return true;
}

/* one side of a pair in JSON: where, and what the sentence says */
static void json_side(FILE *out, const struct article *a, size_t art, size_t start, size_t end,
		      enum stance st)
{
	fprintf(out,
		"{\"article\": %zu, \"start\": %zu, \"end\": %zu, \"stance\": \"%s\", \"text\": ",
		art + 1, start, end, stance_name(st));
	put_json_str(out, a->text + start, end - start);
	fputc('}', out);
}

static void json_pair(FILE *out, struct article *const *av, const struct group_pair *p)
{
	fprintf(out,
		"{\"score\": %.4f, \"relation\": \"%s\", \"mutual\": %s,\n     \"a\": ", p->m.score,
		p->m.rel == REL_REBUTS ? "rebuts" : "same", p->m.mutual ? "true" : "false");
	json_side(out, av[p->a], p->a, p->m.a_start, p->m.a_end, p->m.sa);
	fputs(",\n     \"b\": ", out);
	json_side(out, av[p->b], p->b, p->m.b_start, p->m.b_end, p->m.sb);
	fputc('}', out);
}

/* a TSV row: the seven columns of two-article output, then the group (0: a
 * rebuttal pair) and the two articles (1-based, in command-line order) */
static void tsv_pair(FILE *out, struct article *const *av, const struct group_pair *p, size_t group)
{
	const struct match_pair *m = &p->m;
	fprintf(out, "%.4f\t%zu\t%zu\t%zu\t%zu\t", m->score, m->a_start, m->a_end, m->b_start,
		m->b_end);
	put_flat(out, av[p->a]->text + m->a_start, m->a_end - m->a_start);
	fputc('\t', out);
	put_flat(out, av[p->b]->text + m->b_start, m->b_end - m->b_start);
	fprintf(out, "\t%zu\t%zu\t%zu\n", group, p->a + 1, p->b + 1);
}

static void print_groups(FILE *out, enum format fmt, struct article *const *av, size_t narts,
			 const struct match_groups *g, size_t top)
{
	size_t ng = top && g->ngroups > top ? top : g->ngroups;
	size_t nr = top && g->nrebuts > top ? top : g->nrebuts;
	if (fmt == FMT_TSV) {
		for (size_t k = 0; k < ng; k++)
			for (size_t i = 0; i < g->groups[k].npairs; i++)
				tsv_pair(out, av, &g->groups[k].pairs[i], k + 1);
		for (size_t i = 0; i < nr; i++)
			tsv_pair(out, av, &g->rebuts[i], 0);
		return;
	}
	if (fmt == FMT_JSON) {
		fputs("{\"articles\": [", out);
		for (size_t i = 0; i < narts; i++) {
			fputs(i ? ", " : "", out);
			put_json_str(out, av[i]->path, strlen(av[i]->path));
		}
		fputs("],\n \"groups\": [", out);
		for (size_t k = 0; k < ng; k++) {
			const struct match_group *gr = &g->groups[k];
			fprintf(out,
				"%s\n  {\"group\": %zu, \"score\": %.4f, \"articles\": %zu,\n"
				"   \"sentences\": [",
				k ? "," : "", k + 1, gr->score, gr->nsent);
			for (size_t i = 0; i < gr->nsent; i++) {
				const struct group_sentence *s = &gr->sent[i];
				fputs(i ? ",\n    " : "\n    ", out);
				json_side(out, av[s->art], s->art, s->start, s->end, s->stance);
			}
			fputs("],\n   \"pairs\": [", out);
			for (size_t i = 0; i < gr->npairs; i++) {
				const struct group_pair *p = &gr->pairs[i];
				fprintf(out,
					"%s\n    {\"score\": %.4f, \"mutual\": %s, \"a\": %zu, "
					"\"a_start\": %zu, \"b\": %zu, \"b_start\": %zu}",
					i ? "," : "", p->m.score, p->m.mutual ? "true" : "false",
					p->a + 1, p->m.a_start, p->b + 1, p->m.b_start);
			}
			fputs("]}", out);
		}
		fputs(ng ? "\n ],\n \"rebuttals\": [" : "],\n \"rebuttals\": [", out);
		for (size_t i = 0; i < nr; i++) {
			fputs(i ? ",\n  " : "\n  ", out);
			json_pair(out, av, &g->rebuts[i]);
		}
		fputs(nr ? "\n ]}\n" : "]}\n", out);
		return;
	}
	fputs("Articles:\n", out);
	for (size_t i = 0; i < narts; i++) {
		fprintf(out, "  %zu  ", i + 1);
		put_flat(out, av[i]->path, strlen(av[i]->path));
		fputc('\n', out);
	}
	fprintf(out, "\nSame thing in several articles: %zu group%s\n\n", g->ngroups,
		g->ngroups == 1 ? "" : "s");
	for (size_t k = 0; k < ng; k++) {
		const struct match_group *gr = &g->groups[k];
		fprintf(out, "%zu. %zu of %zu articles, score %.2f\n", k + 1, gr->nsent, narts,
			gr->score);
		for (size_t i = 0; i < gr->nsent; i++) {
			const struct group_sentence *s = &gr->sent[i];
			fprintf(out, "   %zu: [%s] ", s->art + 1, stance_name(s->stance));
			put_flat(out, av[s->art]->text + s->start, s->end - s->start);
			fputc('\n', out);
		}
		fputc('\n', out);
	}
	fprintf(out, "Rebuttals: %zu pair%s\n\n", g->nrebuts, g->nrebuts == 1 ? "" : "s");
	for (size_t i = 0; i < nr; i++) {
		const struct group_pair *p = &g->rebuts[i];
		fprintf(out, "%zu. score %.2f, rebuts%s\n   %zu: [%s] ", i + 1, p->m.score,
			p->m.mutual ? "" : " (one-sided)", p->a + 1, stance_name(p->m.sa));
		put_flat(out, av[p->a]->text + p->m.a_start, p->m.a_end - p->m.a_start);
		fprintf(out, "\n   %zu: [%s] ", p->b + 1, stance_name(p->m.sb));
		put_flat(out, av[p->b]->text + p->m.b_start, p->m.b_end - p->m.b_start);
		fputs("\n\n", out);
	}
}

/* three articles or more: every pair matched, then grouped */
static int match_story(FILE *out, enum format fmt, const struct match_opts *opts, bool sentences,
		       const char *const *path, size_t n)
{
	struct article *av[SESSION_MAX_ARTICLES] = {NULL};
	int rc = load_all(path, n, av);
	if (rc)
		return rc;
	if (sentences) {
		for (size_t i = 0; i < n; i++) {
			char tag[16];
			snprintf(tag, sizeof tag, "%zu", i + 1);
			print_sentences(out, tag, av[i]);
		}
	} else {
		/* every pair in full; --top applies to the groups */
		struct match_opts mo = *opts;
		mo.top = 0;
		const char *text[SESSION_MAX_ARTICLES];
		size_t len[SESSION_MAX_ARTICLES];
		for (size_t i = 0; i < n; i++) {
			text[i] = av[i]->text;
			len[i] = av[i]->len;
		}
		struct match_groups g;
		match_group_texts(n, text, len, &mo, &g);
		print_groups(out, fmt, av, n, &g, opts->top);
		match_groups_free(&g);
	}
	for (size_t i = 0; i < n; i++)
		article_free(av[i]);
	return ferror(out) ? 2 : 0;
}

int matchcmd_run(int argc, char **argv, FILE *out)
{
	struct match_opts mo;
	match_opts_default(&mo);
	enum format fmt = FMT_TEXT;
	bool sentences = false, dashdash = false;
	const char *path[SESSION_MAX_ARTICLES] = {NULL};
	int npath = 0;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const char *val = NULL;
		if (!dashdash && arg[0] == '-' && arg[1]) {
			if (!strcmp(arg, "--")) {
				dashdash = true;
				continue;
			}
			if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
				usage(out);
				return 0;
			}
			if (!strcmp(arg, "--sentences")) {
				sentences = true;
				continue;
			}
			if (!strcmp(arg, "--no-stem")) {
				mo.stem = false;
				continue;
			}
			if (!strcmp(arg, "--no-bonus")) {
				mo.bonuses = false;
				continue;
			}
			if (!strcmp(arg, "--no-wordnet")) {
				mo.wordnet = false;
				continue;
			}
			if (!strcmp(arg, "--no-mutual")) {
				mo.mutual = false;
				continue;
			}
			const char *eq = strchr(arg, '=');
			size_t nlen = eq ? (size_t)(eq - arg) : strlen(arg);
			static const char *const with_value[] = {"--format", "--top",
								 "--min-score"};
			int which = -1;
			for (int k = 0; k < 3; k++)
				if (strlen(with_value[k]) == nlen &&
				    !strncmp(arg, with_value[k], nlen))
					which = k;
			if (which < 0)
				return bad_usage("unknown option '%s'", arg);
			if (eq)
				val = eq + 1;
			else if (i + 1 < argc)
				val = argv[++i];
			else
				return bad_usage("option '%s' needs a value", arg);
			if (which == 0) {
				if (!strcmp(val, "text"))
					fmt = FMT_TEXT;
				else if (!strcmp(val, "tsv"))
					fmt = FMT_TSV;
				else if (!strcmp(val, "json"))
					fmt = FMT_JSON;
				else
					return bad_usage("unknown format '%s' (text, tsv or json)",
							 val);
			} else if (which == 1) {
				if (!parse_size(val, &mo.top))
					return bad_usage("--top needs a whole number, not '%s'",
							 val);
			} else if (!parse_score(val, &mo.min_score)) {
				return bad_usage("--min-score needs a number >= 0, not '%s'", val);
			}
			continue;
		}
		if (npath == SESSION_MAX_ARTICLES)
			return bad_usage("one article too many: '%s' (at most 16)", arg);
		path[npath++] = arg;
	}
	if (npath < 2) {
		usage(stderr);
		return 2;
	}
	if (npath > 2)
		return match_story(out, fmt, &mo, sentences, path, (size_t)npath);
	struct article *ab[2] = {NULL, NULL};
	if (load_all(path, 2, ab))
		return 2;
	struct article *A = ab[0], *B = ab[1];
	if (sentences) {
		print_sentences(out, "A", A);
		print_sentences(out, "B", B);
	} else {
		struct match_pair *pv;
		if (mo.wordnet && !wnet_available())
			fputs("crossread match: no WordNet data (Debian: apt-get install "
			      "wordnet-base); "
			      "matching without its lemmas, synonyms and places\n",
			      stderr);
		size_t n = match_articles(A->text, A->len, B->text, B->len, &mo, &pv);
		print_pairs(out, fmt, A, B, pv, n);
		free(pv);
	}
	article_free(A);
	article_free(B);
	return ferror(out) ? 2 : 0;
}
