/* crbench: the reader's speed, printed as a table (never a test). Drives the
 * same code the UI runs (session, layout, the real ui_draw into a curses
 * screen on /dev/null through ui_bench) on the articles bench/gen writes.
 * usage: crbench DATADIR CROSSREAD SEED.yaml
 *        crbench rss A B ANNOT.yaml     (child: peak memory of a full load)
 *        crbench refusals DATADIR CROSSREAD  (only the YAML refusal rows)
 *        crbench stories DATADIR CROSSREAD [N1 N2 N3]  (only the story rows)
 *        crbench open FILE              (child: time and peak memory to open
 *                                        and load one article)
 *        crbench frame STORY.yaml       (child: one first frame, for callgrind)
 *        crbench sugg STORY.yaml        (child: one first s, for callgrind
 *                                        --toggle-collect=reader_sugg_toggle)
 *        crbench save STORY.yaml [merge] (child: one note saved, for
 *                                        callgrind --toggle-collect=personal_add_note)
 *        crbench narts DIR              (only the story rows: the per-key frame
 *                                        with DIR/story.yaml's ten articles
 *                                        open against DIR/story2.yaml's two)
 * DATADIR holds small-a.md small-b.txt small.yaml big-a.md big-b.txt big.yaml. */
#include <errno.h>
#include <stdbool.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "crossread/annot/annot.h"
#include "crossread/doc/article.h"
#include "crossread/persist/store.h"
#include "crossread/view/layout.h"
#include "crossread/reader/personal.h"
#include "crossread/reader/session.h"
#include "crossread/ui/ui.h"
#include "crossread/reader/actions.h"

extern char **environ;

#define ROWS 50
#define COLS 160
#define WRAP 77 /* text width of a pane at 160 columns */

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double file_mb(const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		perror(path);
		exit(2);
	}
	return (double)st.st_size / (1 << 20);
}

static void open_session(struct session *s, const char *annot, const char *a, const char *b,
			 const char *notes)
{
	char err[512];
	char *arts[2] = {(char *)a, (char *)b};
	if (session_open(s, annot, arts, a ? 2 : 0, notes, err, sizeof err) != 0) {
		fprintf(stderr, "crbench: %s\n", err);
		exit(2);
	}
}

/* open to first frame: session_open, the screen, one ui_draw */
static double first_frame(const char *annot, const char *a, const char *b, const char *notes)
{
	double t0 = now_ms();
	struct session s;
	open_session(&s, annot, a, b, notes);
	struct ui_bench *ub = ui_bench_open(&s, ROWS, COLS);
	ui_bench_draw(ub);
	double t = now_ms() - t0;
	ui_bench_close(ub);
	session_close(&s);
	return t;
}

static double first_frame_median(const char *annot, const char *a, const char *b, const char *notes,
				 int reps)
{
	double v[64];
	for (int i = 0; i < reps; i++)
		v[i] = first_frame(annot, a, b, notes);
	return median(v, (size_t)reps);
}

/* run argv (stdout, and stderr if quiet, to /dev/null) and return the wall
 * time in ms; the exit status must be want (or, if want < 0, 0 or 1) */
static double spawn_ms(char *const argv[], int want, bool quiet)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", 1 /* O_WRONLY */, 0);
	if (quiet)
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", 1 /* O_WRONLY */, 0);
	pid_t pid;
	double t0 = now_ms();
	int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		fprintf(stderr, "crbench: %s: %s\n", argv[0], strerror(rc));
		exit(2);
	}
	int st;
	waitpid(pid, &st, 0);
	double t = now_ms() - t0;
	if (!WIFEXITED(st) || (want < 0 ? WEXITSTATUS(st) > 1 : WEXITSTATUS(st) != want)) {
		fprintf(stderr, "crbench: %s failed (exit status %d)\n", argv[0],
			WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		exit(2);
	}
	return t;
}

static double run_ms(char *const argv[])
{
	return spawn_ms(argv, -1, false);
}

/* full load of one article: read, decode, normalise, render, wrap every line */
static double full_load(const char *path)
{
	double t0 = now_ms();
	struct article *a;
	const char *why;
	if (article_open(&a, path, &why) < 0) {
		fprintf(stderr, "crbench: %s: %s\n", path, why);
		exit(2);
	}
	article_load_all(a);
	struct layout *l = layout_new(a, WRAP);
	size_t rows = 0;
	for (size_t i = 0; i < a->nlines; i++)
		rows += layout_rows(l, i);
	double t = now_ms() - t0;
	if (!rows)
		exit(2);
	layout_free(l);
	article_free(a);
	return t;
}

struct keycost {
	double act_ms, key_ms; /* mean: action alone; action + frame */
};

/* One key pressed n times, each followed by a frame (what ui_run does).
 * reset: action (untimed) when the key stops moving the view, or -1 to
 * turn around with back instead. */
static struct keycost key_cost(struct ui_bench *ub, int act, int back, int reset, int n)
{
	struct keycost kc = {0, 0};
	int cur = act;
	for (int i = 0; i < n; i++) {
		size_t before = ui_bench_top(ub);
		double t0 = now_ms();
		ui_bench_action(ub, cur);
		double t1 = now_ms();
		ui_bench_draw(ub);
		double t2 = now_ms();
		kc.act_ms += t1 - t0;
		kc.key_ms += t2 - t0;
		if (ui_bench_top(ub) == before) {
			if (reset >= 0) {
				ui_bench_action(ub, reset);
				ui_bench_draw(ub);
			} else if (back >= 0) {
				cur = cur == act ? back : act;
			}
		}
	}
	kc.act_ms /= n;
	kc.key_ms /= n;
	return kc;
}

enum { K_LINE, K_PAGE, K_BOTTOM, K_CLAIM, K_SEARCH, K_N };
static const char *const key_names[K_N] = {"line scroll (Ctrl-E/Y)", "page (PgDn/PgUp)",
					   "G (end; g untimed)", "next claim (])",
					   "next search hit (n)"};

static void key_costs_at(const char *annot, int cols, struct keycost out[K_N], double *anchor_ms,
			 size_t *nclaims)
{
	struct session s;
	open_session(&s, annot, NULL, NULL, "/dev/null/none.notes.yaml");
	for (size_t i = 0; i < s.narts; i++)
		article_load_all(s.arts[i]);
	double t0 = now_ms();
	session_anchor(&s);
	*anchor_ms = now_ms() - t0;
	*nclaims = 0;
	for (size_t i = 0; i < s.narts; i++)
		*nclaims += s.norder[i];
	struct ui_bench *ub = ui_bench_open(&s, ROWS, cols);
	ui_bench_draw(ub);
	out[K_LINE] = key_cost(ub, ACT_SCROLL_DOWN, ACT_SCROLL_UP, -1, 2000);
	out[K_PAGE] = key_cost(ub, ACT_PAGE_DOWN, ACT_PAGE_UP, -1, 2000);
	ui_bench_action(ub, ACT_TOP);
	/* G from the top each time: the G after a G would not move */
	struct keycost g = {0, 0};
	for (int i = 0; i < 200; i++) {
		ui_bench_action(ub, ACT_TOP);
		ui_bench_draw(ub);
		struct keycost one = key_cost(ub, ACT_BOTTOM, -1, -2, 1);
		g.act_ms += one.act_ms / 200;
		g.key_ms += one.key_ms / 200;
	}
	out[K_BOTTOM] = g;
	ui_bench_action(ub, ACT_TOP);
	out[K_CLAIM] = key_cost(ub, ACT_CLAIM_NEXT, -1, ACT_TOP, 2000);
	ui_bench_action(ub, ACT_TOP);
	ui_bench_pattern(ub, "zürich");
	out[K_SEARCH] = key_cost(ub, ACT_SEARCH_NEXT, -1, -2, 2000);
	ui_bench_close(ub);
	session_close(&s);
}

static const char *verdict(int ok);

static void key_costs(const char *annot, struct keycost out[K_N], double *anchor_ms,
		      size_t *nclaims)
{
	key_costs_at(annot, COLS, out, anchor_ms, nclaims);
}

/* The per-key frame of a story of ten articles against the same story cut
 * to two (bench/gen_articles.py DIR 2000 10 writes both), side by side,
 * with two panes at 160 columns and with three at 210 (ten articles). The
 * median of 3 runs of each key's mean. */
static void narts_rows(const char *dir)
{
	char ten[4096], two[4096];
	snprintf(ten, sizeof ten, "%s/story.yaml", dir);
	snprintf(two, sizeof two, "%s/story2.yaml", dir);
	struct keycost c2[3][K_N], c10[3][K_N], c10w[3][K_N];
	double anc2 = 0, anc10 = 0, dummy;
	size_t n2 = 0, n10 = 0, nd;
	for (int r = 0; r < 3; r++) {
		key_costs_at(two, COLS, c2[r], &anc2, &n2);
		key_costs_at(ten, COLS, c10[r], &anc10, &n10);
		key_costs_at(ten, 210, c10w[r], &dummy, &nd);
	}
	for (int k = 0; k < K_N; k++) {
		double a[3], b[3], w[3];
		for (int r = 0; r < 3; r++) {
			a[r] = c2[r][k].key_ms;
			b[r] = c10[r][k].key_ms;
			w[r] = c10w[r][k].key_ms;
		}
		double ma = median(a, 3), mb = median(b, 3), mw = median(w, 3);
		printf("| key + frame: %s, story of 2 / 10 articles (%zu / %zu claims), 2 panes; "
		       "10 in 3 panes at 210 columns | %.3f / %.3f ms; %.3f ms | 10 within 1.2x of "
		       "2 | "
		       "%s, ratio %.2f (3 panes %.2f) |\n",
		       key_names[k], n2, n10, ma, mb, mw, verdict(mb <= 1.2 * ma), mb / ma,
		       mw / ma);
		fflush(stdout);
	}
	printf("| anchoring the story of 2 / 10 articles | %.1f / %.1f ms | linear | |\n", anc2,
	       anc10);
}

/* G on a 20 MB article right after the first frame, still loading */
static double bottom_while_loading(const char *annot)
{
	struct session s;
	open_session(&s, annot, NULL, NULL, "/dev/null/none.notes.yaml");
	struct ui_bench *ub = ui_bench_open(&s, ROWS, COLS);
	ui_bench_draw(ub);
	double t0 = now_ms();
	ui_bench_action(ub, ACT_BOTTOM);
	ui_bench_draw(ub);
	double t = now_ms() - t0;
	ui_bench_close(ub);
	session_close(&s);
	return t;
}

/* child: load, wrap and draw 2 articles (then anchor, if asked) and exit;
 * the parent reads the peak from wait4 */
static int rss_child(const char *a, const char *b, const char *annot, bool anchor)
{
	struct session s;
	char err[512];
	char *arts[2] = {(char *)a, (char *)b};
	if (session_open(&s, annot, arts, 2, "/dev/null/none.notes.yaml", err, sizeof err) != 0) {
		fprintf(stderr, "crbench: %s\n", err);
		return 2;
	}
	struct ui_bench *ub = ui_bench_open(&s, ROWS, COLS);
	ui_bench_draw(ub);
	for (size_t i = 0; i < s.narts; i++)
		article_load_all(s.arts[i]);
	/* every line wrapped, as after reading to the end */
	for (size_t i = 0; i < s.narts; i++) {
		struct layout *l = layout_new(s.arts[i], WRAP);
		for (size_t k = 0; k < s.arts[i]->nlines; k++)
			layout_rows(l, k);
		layout_free(l);
	}
	if (anchor)
		session_anchor(&s);
	ui_bench_action(ub, ACT_BOTTOM);
	ui_bench_draw(ub);
	/* VmHWM, not wait4's ru_maxrss: Linux carries the peak of the
	 * spawning process's memory across exec into the latter */
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	printf("%ld\n", kb);
	ui_bench_close(ub);
	session_close(&s);
	return kb < 0 ? 2 : 0;
}

static double peak_rss_mb(const char *self, const char *a, const char *b, const char *annot,
			  bool anchor)
{
	char *argv[] = {
	    (char *)self, anchor ? "rss-anchor" : "rss", (char *)a, (char *)b, (char *)annot, NULL};
	int fds[2];
	if (pipe(fds) < 0) {
		perror("pipe");
		exit(2);
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	pid_t pid;
	int rc = posix_spawn(&pid, self, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc != 0) {
		fprintf(stderr, "crbench: %s: %s\n", self, strerror(rc));
		exit(2);
	}
	FILE *f = fdopen(fds[0], "r");
	long kb = -1;
	if (!f || fscanf(f, "%ld", &kb) != 1)
		kb = -1;
	if (f)
		fclose(f);
	int st;
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) || kb < 0) {
		fprintf(stderr, "crbench: rss child failed\n");
		exit(2);
	}
	return (double)kb / 1024; /* MiB */
}

/* child: open and load one article; prints "MS KB" (wall time, VmHWM) */
static int open_child(const char *path)
{
	double t0 = now_ms();
	struct article *a;
	const char *why;
	if (article_open(&a, path, &why) < 0) {
		fprintf(stderr, "crbench: %s: %s\n", path, why);
		return 2;
	}
	article_load_all(a);
	double t = now_ms() - t0;
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	printf("%.3f %ld %zu\n", t, kb, a->len);
	article_free(a);
	return kb < 0 ? 2 : 0;
}

/* one open_child run: *ms, *mb (peak), *len (display text bytes) */
static void open_cost(const char *self, const char *path, double *ms, double *mb, size_t *len)
{
	char *argv[] = {(char *)self, "open", (char *)path, NULL};
	int fds[2];
	if (pipe(fds) < 0) {
		perror("pipe");
		exit(2);
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	pid_t pid;
	int rc = posix_spawn(&pid, self, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc != 0) {
		fprintf(stderr, "crbench: %s: %s\n", self, strerror(rc));
		exit(2);
	}
	FILE *f = fdopen(fds[0], "r");
	long kb = -1;
	if (!f || fscanf(f, "%lf %ld %zu", ms, &kb, len) != 3)
		kb = -1;
	if (f)
		fclose(f);
	int st;
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) || kb < 0) {
		fprintf(stderr, "crbench: open child failed\n");
		exit(2);
	}
	*mb = (double)kb / 1024;
}

/* the text of a Markdown article as a web page: a paragraph a <p>, inside
 * the furniture a news site has around it (written once) */
static void write_html_copy(const char *md, const char *html)
{
	struct stat st;
	if (stat(html, &st) == 0)
		return;
	struct article *a;
	const char *why;
	if (article_open(&a, md, &why) < 0) {
		fprintf(stderr, "crbench: %s: %s\n", md, why);
		exit(2);
	}
	article_load_all(a);
	FILE *f = fopen(html, "w");
	if (!f) {
		perror(html);
		exit(2);
	}
	fputs("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Bench | Site</title>"
	      "<meta property=\"og:site_name\" content=\"Bench\"></head><body>"
	      "<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>"
	      "<div class=\"cookie-banner\">We use cookies. <button>Accept</button></div>"
	      "<main><article>\n<p>",
	      f);
	for (size_t i = 0; i < a->len; i++) {
		char c = a->text[i];
		if (c == '\n' && i + 1 < a->len && a->text[i + 1] == '\n') {
			fputs("</p>\n<p>", f);
			i++;
		} else if (c == '&')
			fputs("&amp;", f);
		else if (c == '<')
			fputs("&lt;", f);
		else if (c == '>')
			fputs("&gt;", f);
		else if (c == '\n')
			fputs("<br>", f);
		else
			fputc(c, f);
	}
	fputs("</p>\n</article><aside class=\"related\"><a href=\"/x\">More</a></aside></main>"
	      "<footer>Copyright</footer></body></html>\n",
	      f);
	fclose(f);
	article_free(a);
}

static void html_vs_markdown(const char *self, const char *dir, const char *md)
{
	char html[4096];
	snprintf(html, sizeof html, "%s/big-a.html", dir);
	write_html_copy(md, html);
	const char *paths[2] = {html, md};
	const char *what[2] = {"HTML page: read, parse (libxml2), extract",
			       "the same text as Markdown: read, render all"};
	for (int k = 0; k < 2; k++) {
		double ms[3], mb = 0, one;
		size_t len = 0;
		for (int i = 0; i < 3; i++) {
			open_cost(self, paths[k], &ms[i], &one, &len);
			if (one > mb)
				mb = one;
		}
		printf("| open %s, %.1f MiB (%.1f MiB of text) | %.0f ms, peak %.0f MiB (%.1f x "
		       "file) | | |\n",
		       what[k], file_mb(paths[k]), (double)len / (1 << 20), median(ms, 3), mb,
		       mb / file_mb(paths[k]));
		fflush(stdout);
	}
}

static const char *verdict(int ok)
{
	return ok ? "ok" : "MISSED";
}

/* run argv with stdout and stderr to /dev/null; the wall time in ms, or a
 * failure if it does not exit with status want */
static double run_status_ms(char *const argv[], int want)
{
	return spawn_ms(argv, want, true);
}

/* The hostile annotation files of issue 7, written once into dir. */
enum { R_PLAIN, R_QUOTED, R_KEY, R_COMMENTS, R_NODES, R_N };
static const char *const refusal_names[R_N] = {"15 MB plain scalar", "15 MB quoted scalar",
					       "15 MB key", "invalid byte after 15 MB of comments",
					       "too many nodes (100 001 in a flow sequence)"};
static const char *const refusal_files[R_N] = {"refuse-plain.yaml", "refuse-quoted.yaml",
					       "refuse-key.yaml", "refuse-comments.yaml",
					       "refuse-nodes.yaml"};

static void write_refusal(const char *path, int which)
{
	struct stat st;
	if (stat(path, &st) == 0 && st.st_size > 0)
		return;
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(2);
	}
	const long big = 15000000;
	fputs("version: 1\n", f);
	switch (which) {
	case R_PLAIN:
	case R_QUOTED:
		fputs(which == R_QUOTED ? "note: \"" : "note: ", f);
		for (long i = 0; i < big; i++)
			fputc('a', f);
		fputs(which == R_QUOTED ? "\"\n" : "\n", f);
		break;
	case R_KEY:
		for (long i = 0; i < big; i++)
			fputc('k', f);
		fputs(": 1\n", f);
		break;
	case R_COMMENTS:
		for (long i = 0; i < big / 80; i++)
			fputs("# a comment line, eighty bytes long, as many as fit in fifteen "
			      "megabytes ....\n",
			      f);
		fputs("x: \xff\n", f);
		break;
	default:
		fputs("x: [", f);
		for (long i = 0; i < 100000; i++)
			fputs("a,", f);
		fputs("a]\n", f);
		break;
	}
	if (fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

/* `crossread check` on each hostile file (a process each, as a user runs
 * it): median of 11, after one run to warm the page cache */
static void yaml_refusals(const char *dir, const char *bin)
{
	for (int r = 0; r < R_N; r++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, refusal_files[r]);
		write_refusal(path, r);
		char *argv[] = {(char *)bin, "check", path, NULL};
		run_status_ms(argv, 2);
		double t[11];
		for (int i = 0; i < 11; i++)
			t[i] = run_status_ms(argv, 2);
		double m = median(t, 11);
		printf(
		    "| YAML refusal: %s (`crossread check`, median of 11) | %.1f ms | < 50 ms | %s "
		    "|\n",
		    refusal_names[r], m, verdict(m < 50));
		fflush(stdout);
	}
}

/* The costs that grow with the annotations, on the stories tests/tools/genstory
 * writes (DATADIR/storyN.yaml, N entries: claims + links + notes), each
 * size beside the one before it. */
struct story_cost {
	double check, frame, overview, sugg, sugg_again, save, merge;
	size_t entries;
};

static struct story_cost story_costs(const char *dir, const char *bin, unsigned n)
{
	struct story_cost r = {0};
	char yaml[4096], notes[4096];
	snprintf(yaml, sizeof yaml, "%s/story%u.yaml", dir, n);
	snprintf(notes, sizeof notes, "%s/story%u.notes.yaml", dir, n);
	const char *none = "/dev/null/none.notes.yaml";
	double v[9];
	char *ckargv[] = {(char *)bin, "check", yaml, NULL};
	run_ms(ckargv); /* warm the page cache */
	for (int i = 0; i < 5; i++)
		v[i] = run_ms(ckargv);
	r.check = median(v, 5);
	first_frame(yaml, NULL, NULL, none);
	r.frame = first_frame_median(yaml, NULL, NULL, none, 5);

	struct session s;
	unlink(notes);
	open_session(&s, yaml, NULL, NULL, notes);
	session_load_all(&s);
	r.entries = s.an->nclaims + s.an->nlinks + s.an->nnotes;
	for (int i = 0; i < 9; i++) {
		struct ov_item *items;
		double t0 = now_ms();
		size_t k = session_overview(&s, &items);
		v[i] = now_ms() - t0;
		free(items);
		if (!k)
			exit(2);
	}
	r.overview = median(v, 9);
	/* the first s of a reader: the articles scanned and prepared, the
	 * pair matched, the covered pairs taken out (a new reader each time,
	 * so nothing is kept from the run before) */
	for (int i = 0; i < 3; i++) {
		struct ui_bench *ub = ui_bench_open(&s, ROWS, COLS);
		ui_bench_draw(ub);
		double t0 = now_ms();
		ui_bench_action(ub, ACT_SUGGEST);
		v[i] = now_ms() - t0;
		ui_bench_close(ub);
	}
	r.sugg = median(v, 3);
	/* s again (hidden, then shown): the reader kept the pair's matches,
	 * and only the links that cover them now are looked up */
	struct ui_bench *ub = ui_bench_open(&s, ROWS, COLS);
	ui_bench_draw(ub);
	ui_bench_action(ub, ACT_SUGGEST);
	for (int i = 0; i < 5; i++) {
		ui_bench_action(ub, ACT_SUGGEST); /* hidden */
		double t0 = now_ms();
		ui_bench_action(ub, ACT_SUGGEST);
		v[i] = now_ms() - t0;
	}
	r.sugg_again = median(v, 5);
	ui_bench_close(ub);
	for (int i = 0; i < 5; i++) {
		double t0 = now_ms();
		personal_add_note(&s, s.an->claims[(size_t)i * 7 % s.an->nclaims].id,
				  "a note saved by the bench");
		v[i] = now_ms() - t0;
	}
	r.save = median(v, 5);
	/* the same, after another reader saved a note of its own: the save
	 * reads the disk's version and merges it in (3-way) */
	struct annot *other = NULL;
	struct diag_list od = {0};
	if (annot_load(&other, yaml, LAYER_CURATED, &od) == 2)
		exit(2);
	struct store *os = store_open(notes, &other, &od, NULL);
	for (int i = 0; i < 5; i++) {
		store_add_note(os, other, other->claims[(size_t)i * 11 % other->nclaims].id,
			       "a note the other reader saved");
		if (store_save(os, other, NULL) > STORE_MERGED)
			exit(2);
		double t0 = now_ms();
		personal_add_note(&s, s.an->claims[(size_t)i * 13 % s.an->nclaims].id,
				  "a note saved by the bench over the other's");
		v[i] = now_ms() - t0;
		if (!strstr(store_message(s.store), "merged"))
			exit(2);
	}
	r.merge = median(v, 5);
	store_free(os);
	annot_free(other);
	diag_free(&od);
	session_close(&s);
	unlink(notes);
	return r;
}

static void story_rows(const char *dir, const char *bin, const unsigned sizes[3])
{
	struct story_cost c[3];
	for (int i = 0; i < 3; i++)
		c[i] = story_costs(dir, bin, sizes[i]);
	static const char *const names[] = {
	    "`crossread check` (process)",
	    "open to first frame",
	    "`c` claims overview (session_overview)",
	    "`s` suggestions, first press (prepare + match + covered)",
	    "`s` again (the pair's matches kept: covered)",
	    "saving one note (personal_add_note: store_save + reindex)",
	    "saving one note over another reader's (the save merges)"};
	static const double target[] = {0, 0, 100, 500, 0, 50, 0};
	for (int m = 0; m < 7; m++) {
		double x[3];
		for (int i = 0; i < 3; i++)
			x[i] = m == 0	? c[i].check
			       : m == 1 ? c[i].frame
			       : m == 2 ? c[i].overview
			       : m == 3 ? c[i].sugg
			       : m == 4 ? c[i].sugg_again
			       : m == 5 ? c[i].save
					: c[i].merge;
		/* growth against the growth of the entries: at most 1 is linear */
		double e1 = (double)c[1].entries / (double)c[0].entries;
		double e2 = (double)c[2].entries / (double)c[1].entries;
		double g1 = x[0] > 0 ? x[1] / x[0] : 0, g2 = x[1] > 0 ? x[2] / x[1] : 0;
		char tgt[64] = "linear";
		if (target[m] > 0)
			snprintf(tgt, sizeof tgt, "linear, < %.0f ms at the largest", target[m]);
		bool ok =
		    g1 <= e1 * 1.05 && g2 <= e2 * 1.05 && (target[m] <= 0 || x[2] < target[m]);
		printf("| story %zu / %zu / %zu entries: %s | %.2f / %.2f / %.2f ms | %s | %s, "
		       "growth %.1fx for %.0fx, %.1fx for %.0fx |\n",
		       c[0].entries, c[1].entries, c[2].entries, names[m], x[0], x[1], x[2], tgt,
		       verdict(ok), g1, e1, g2, e2);
		fflush(stdout);
	}
}

/* One save of one note on a story (DATADIR/storyN.yaml, a fresh personal
 * file beside it), for callgrind --toggle-collect=personal_add_note; with
 * "merge", another reader saved a note of its own first, so the save
 * merges. */
static int save_child(const char *yaml, bool merge)
{
	char notes[4096];
	snprintf(notes, sizeof notes, "%.4000s.bench-notes.yaml", yaml);
	unlink(notes);
	struct session s;
	open_session(&s, yaml, NULL, NULL, notes);
	session_load_all(&s);
	personal_add_note(&s, s.an->claims[0].id, "a first note, so the file exists");
	struct annot *other = NULL;
	struct diag_list od = {0};
	struct store *os = NULL;
	if (merge) {
		if (annot_load(&other, yaml, LAYER_CURATED, &od) == 2)
			return 2;
		os = store_open(notes, &other, &od, NULL);
		store_add_note(os, other, other->claims[1].id, "the other reader's note");
		if (store_save(os, other, NULL) > STORE_MERGED)
			return 2;
	}
	double t0 = now_ms();
	personal_add_note(&s, s.an->claims[2].id, "the note measured");
	double t = now_ms() - t0;
	printf("%.3f ms: %s\n", t, store_message(s.store));
	int rc = merge && !strstr(store_message(s.store), "merged") ? 1 : 0;
	store_free(os);
	annot_free(other);
	diag_free(&od);
	session_close(&s);
	unlink(notes);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "open"))
		return open_child(argv[2]);
	/* one first frame of a story, for callgrind (no personal file) */
	if (argc == 3 && !strcmp(argv[1], "frame")) {
		printf("%.3f ms\n", first_frame(argv[2], NULL, NULL, "/dev/null/none.notes.yaml"));
		return 0;
	}
	/* one first s on a story, for callgrind
	 * --toggle-collect=reader_sugg_toggle */
	if (argc == 3 && !strcmp(argv[1], "sugg")) {
		struct session s;
		open_session(&s, argv[2], NULL, NULL, "/dev/null/none.notes.yaml");
		session_load_all(&s);
		struct ui_bench *ub = ui_bench_open(&s, ROWS, COLS);
		ui_bench_draw(ub);
		double t0 = now_ms();
		ui_bench_action(ub, ACT_SUGGEST);
		printf("%.3f ms\n", now_ms() - t0);
		ui_bench_close(ub);
		session_close(&s);
		return 0;
	}
	if ((argc == 3 || argc == 4) && !strcmp(argv[1], "save"))
		return save_child(argv[2], argc == 4 && !strcmp(argv[3], "merge"));
	if (argc == 5 && !strncmp(argv[1], "rss", 3))
		return rss_child(argv[2], argv[3], argv[4], !strcmp(argv[1], "rss-anchor"));
	if (argc == 4 && !strcmp(argv[1], "refusals")) {
		printf("| measure | result | target | |\n|---|---|---|---|\n");
		yaml_refusals(argv[2], argv[3]);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "narts")) {
		printf("| measure | result | target | |\n|---|---|---|---|\n");
		narts_rows(argv[2]);
		return 0;
	}
	static const unsigned story_sizes[3] = {1000, 10000, 100000};
	if ((argc == 4 || argc == 7) && !strcmp(argv[1], "stories")) {
		/* other sizes (DATADIR/storyN.yaml must exist): to compare with a
		 * build that refuses the large ones */
		unsigned sz[3] = {story_sizes[0], story_sizes[1], story_sizes[2]};
		for (int i = 0; argc == 7 && i < 3; i++)
			sz[i] = (unsigned)strtoul(argv[4 + i], NULL, 10);
		printf("| measure | result | target | |\n|---|---|---|---|\n");
		story_rows(argv[2], argv[3], sz);
		return 0;
	}
	if (argc != 4) {
		fprintf(stderr, "usage: crbench DATADIR CROSSREAD SEED.yaml\n"
				"       crbench refusals DATADIR CROSSREAD\n"
				"       crbench stories DATADIR CROSSREAD [N1 N2 N3]\n"
				"       crbench narts DIR\n");
		return 2;
	}
	const char *dir = argv[1], *bin = argv[2], *seed = argv[3];
	char sa[4096], sb[4096], sy[4096], ba[4096], bb[4096], by[4096];
	snprintf(sa, sizeof sa, "%s/small-a.md", dir);
	snprintf(sb, sizeof sb, "%s/small-b.txt", dir);
	snprintf(sy, sizeof sy, "%s/small.yaml", dir);
	snprintf(ba, sizeof ba, "%s/big-a.md", dir);
	snprintf(bb, sizeof bb, "%s/big-b.txt", dir);
	snprintf(by, sizeof by, "%s/big.yaml", dir);
	double big_mb = file_mb(ba) + file_mb(bb);
	const char *notes = "/dev/null/none.notes.yaml"; /* no personal file */

	printf("| measure | result | target | |\n|---|---|---|---|\n");
	fflush(stdout);

	/* 1. first frame, 2 x 20 MiB */
	first_frame(by, NULL, NULL, notes); /* warm the page cache */
	double ff = first_frame_median(by, NULL, NULL, notes, 9);
	printf(
	    "| open to first frame, 2 x %.0f MiB + %s annotation file | %.1f ms | < 50 ms | %s |\n",
	    big_mb / 2, "300-claim", ff, verdict(ff < 50));
	first_frame(NULL, ba, bb, notes);
	double ffa = first_frame_median(NULL, ba, bb, notes, 9);
	printf("| open to first frame, the same articles without it | %.1f ms | the file costs < "
	       "1.3x | %s, ratio %.2f |\n",
	       ffa, verdict(ff < 1.3 * ffa), ff / ffa);
	fflush(stdout);

	/* 2. full load throughput, beside wc -m */
	double fl[5], wc[5];
	for (int i = 0; i < 5; i++)
		fl[i] = full_load(ba) + full_load(bb);
	setenv("LC_ALL", "C.UTF-8", 1);
	char *wcargv[] = {"/usr/bin/wc", "-m", ba, bb, NULL};
	if (access(wcargv[0], X_OK) != 0)
		wcargv[0] = "/bin/wc";
	for (int i = 0; i < 5; i++)
		wc[i] = run_ms(wcargv);
	double flm = median(fl, 5), wcm = median(wc, 5);
	double our = big_mb / (flm / 1e3), theirs = big_mb / (wcm / 1e3);
	printf("| full load (read, decode, NFC, render, wrap all), 2 x %.0f MiB | %.0f MiB/s (%.0f "
	       "ms) | >= wc/2 | %s |\n",
	       big_mb / 2, our, flm, verdict(our >= theirs / 2));
	printf("| `wc -m` on the same files (LC_ALL=C.UTF-8) | %.0f MiB/s (%.0f ms) | | ratio "
	       "%.2f |\n",
	       theirs, wcm, our / theirs);
	fflush(stdout);

	/* 3. cost per key, 10 KB and 20 MB */
	struct keycost small[K_N], big[K_N];
	double anc_small, anc_big;
	size_t nc_small, nc_big;
	key_costs(sy, small, &anc_small, &nc_small);
	key_costs(by, big, &anc_big, &nc_big);
	for (int k = 0; k < K_N; k++) {
		double r = big[k].key_ms / small[k].key_ms;
		printf("| key + frame: %s, 10 KiB / 20 MiB | %.3f / %.3f ms (action alone %.4f / "
		       "%.4f) | < 0.2 ms, ratio < 1.5 | %s, ratio %.2f |\n",
		       key_names[k], small[k].key_ms, big[k].key_ms, small[k].act_ms, big[k].act_ms,
		       verdict(big[k].key_ms < 0.2 && small[k].key_ms < 0.2 && r < 1.5), r);
		fflush(stdout);
	}
	double gl = bottom_while_loading(by);
	printf(
	    "| G right after opening 2 x 20 MiB (still loading: G loads it all) | %.0f ms | | |\n",
	    gl);
	printf("| anchoring: %zu claims in 2 x 10 KiB / %zu in 2 x 20 MiB | %.2f / %.0f ms "
	       "(%.0f ms per MiB) | linear | |\n",
	       nc_small, nc_big, anc_small, anc_big, anc_big / big_mb);
	fflush(stdout);

	/* 4. seed articles */
	first_frame(seed, NULL, NULL, notes);
	double sf = first_frame_median(seed, NULL, NULL, notes, 21);
	double ck[21];
	char *ckargv[] = {(char *)bin, "check", (char *)seed, NULL};
	for (int i = 0; i < 21; i++)
		ck[i] = run_ms(ckargv);
	double ckm = median(ck, 21);
	printf("| seed articles + annotations: open to first frame | %.2f ms | | |\n", sf);
	printf("| seed: `crossread check` done (process, median of 21) | %.2f ms | | |\n", ckm);
	fflush(stdout);

	/* 4b. hostile annotation files: how fast each is refused */
	yaml_refusals(dir, bin);

	/* 4c. annotations of 1k, 10k and 100k entries */
	story_rows(dir, bin, story_sizes);

	/* 5. peak memory */
	double rss = peak_rss_mb(argv[0], ba, bb, by, false);
	printf("| peak resident memory, 2 x %.0f MiB loaded, wrapped, drawn | %.0f MiB (%.2f x "
	       "input) | < 3 x input | %s |\n",
	       big_mb / 2, rss, rss / big_mb, verdict(rss < 3 * big_mb));
	double rssa = peak_rss_mb(argv[0], ba, bb, by, true);
	printf("| the same, then %zu claims anchored | %.0f MiB (%.2f x input) | < 3 x input | %s "
	       "|\n",
	       nc_big, rssa, rssa / big_mb, verdict(rssa < 3 * big_mb));

	/* 6. a web page against the same text as Markdown (median of 3) */
	html_vs_markdown(argv[0], dir, ba);
	return 0;
}
