/* main: the command line. Dispatches to the reader (ui_run), `check`,
 * `match` and `dump`, and reports unusable input before the screen is
 * touched: `crossread: PATH: reason`, exit status 2. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crossread/doc/article.h"
#include "crossread/doc/fetch.h"
#include "crossread/cli/addcmd.h"
#include "crossread/cli/check.h"
#include "crossread/cli/matchcmd.h"
#include "crossread/cli/storycmd.h"
#include "crossread/cli/sharecmd.h"
#include "crossread/reader/config.h"
#include "crossread/reader/session.h"
#include "crossread/base/text.h"
#include "crossread/ui/ui.h"
#include "crossread/base/util.h"

#ifndef CROSSREAD_VERSION
#define CROSSREAD_VERSION "0"
#endif

static void print_err(const char *msg)
{
	char *m = text_sanitize(msg, strlen(msg), false);
	fprintf(stderr, "crossread: %s\n", m);
	free(m);
}

static void usage(FILE *out)
{
	fputs("usage: crossread [OPTION]... ARTICLE ARTICLE [ARTICLE]...\n"
	      "       crossread [OPTION]... FILE.yaml\n"
	      "       crossread check FILE.yaml\n"
	      "       crossread story [--notes FILE] STORY.yaml\n"
	      "       crossread match A B [C]... [--format text|tsv|json] [--top K]\n"
	      "       crossread export STORY.yaml --format md|html|jsonld|csv [-o FILE]\n"
	      "       crossread import FILE.json --into STORY.yaml\n"
	      "       crossread merge-file BASE OURS THEIRS [PATH]\n"
	      "       crossread dump [--format html|markdown|text] ARTICLE\n"
	      "       crossread add URL [--to STORY.yaml]\n"
	      "\n"
	      "Read news articles (a story of 2 to 16) side by side, with the claims they\n"
	      "share and the accusations and rebuttals that answer each other linked.\n"
	      "\n"
	      "  -a, --annotations FILE  annotation file to show with the articles\n"
	      "  -n, --notes FILE        personal notes file (default: FILE.notes.yaml\n"
	      "                          beside the annotation file)\n"
	      "      --no-notes          keep notes in memory only, write nothing\n"
	      "      --format FMT        read the articles as html, markdown or text\n"
	      "                          (default: found from the content; - is stdin)\n"
	      "      --no-color          attributes instead of colours (also NO_COLOR=1)\n"
	      "      --no-mouse          leave the mouse to the terminal\n"
	      "      --config FILE       read keys, colours and options from FILE\n"
	      "                          (default: $CROSSREAD_CONFIG, else\n"
	      "                          $XDG_CONFIG_HOME/crossread/config)\n"
	      "      --no-config         no config file: the built-in defaults\n"
	      "      --print-config      print the default config and exit\n"
	      "      --keys              list the keys and exit\n"
	      "  -h, --help              this help\n"
	      "  -V, --version           version\n"
	      "\n"
	      "Exit status: 0 ok, 1 problems found (check), 2 unusable input or usage.\n",
	      out);
}

static void dump_meta(const char *field, const char *value, const char *from)
{
	if (!value)
		return;
	char *v = text_sanitize(value, strlen(value), false);
	fprintf(stderr, "%s: %s (%s)\n", field, v, from ? from : "?");
	free(v);
}

/* the display text on stdout; what was detected and found on stderr */
static int cmd_dump(int argc, char **argv)
{
	int format = ARTICLE_AUTO;
	if (argc == 4 && !strcmp(argv[1], "--format")) {
		format = article_format_parse(argv[2]);
		if (format < 0) {
			print_err("--format: one of html, markdown, text");
			return 2;
		}
		argv += 2;
		argc -= 2;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: crossread dump [--format html|markdown|text] ARTICLE\n");
		return 2;
	}
	struct article *a;
	const char *err;
	if (article_open_as(&a, argv[1], format, &err) < 0) {
		char msg[4096];
		snprintf(msg, sizeof msg, "%s: %s", argv[1], err);
		print_err(msg);
		return 2;
	}
	article_load_all(a);
	dump_meta("format", article_format_name(a->format), a->format_why);
	dump_meta("title", a->title, a->title_from);
	dump_meta("outlet", a->outlet, a->outlet_from);
	dump_meta("date", a->date, a->date_from);
	dump_meta("author", a->author, a->author_from);
	dump_meta("url", a->url, a->url_from);
	char *s = text_sanitize(a->text, a->len, true);
	fputs(s, stdout);
	fputc('\n', stdout);
	free(s);
	article_free(a);
	return 0;
}

static int cmd_check(int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: crossread check FILE.yaml\n");
		return 2;
	}
	return check_run(argv[1], stdout);
}

/* getopt's own messages would echo the argument raw (opterr = 0): ours go
 * through print_err, which sanitises them. c is what getopt_long returned
 * ('?' or ':', the optstring starting with ':'). */
static void option_error(int c, char **argv, const struct option *longopts)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";
	bool is_long = !strncmp(arg, "--", 2);
	char msg[4096];
	if (c == ':') {
		if (is_long)
			snprintf(msg, sizeof msg, "option '%s' requires an argument", arg);
		else
			snprintf(msg, sizeof msg, "option '-%c' requires an argument", optopt);
	} else if (optopt && is_long) {
		/* a known long option given an argument it does not take */
		snprintf(msg, sizeof msg, "option '%s' takes no argument", arg);
	} else if (optopt) {
		snprintf(msg, sizeof msg, "unknown option '-%c'", optopt);
	} else {
		size_t n = strcspn(arg + 2, "=");
		int matches = 0;
		for (const struct option *o = longopts; o->name; o++)
			if (n && !strncmp(o->name, arg + 2, n))
				matches++;
		snprintf(msg, sizeof msg, "%s option '%s'", matches > 1 ? "ambiguous" : "unknown",
			 arg);
	}
	print_err(msg);
}

/* `crossread URL URL`: each page saved as in `crossread add`, in
 * $XDG_CACHE_HOME/crossread/pages (notes are kept beside them, so the same
 * two URLs open with the same notes) */
static int fetch_urls(char **args, int nargs)
{
	for (int i = 0; i < nargs; i++) {
		if (!fetch_is_url(args[i]))
			continue;
		const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
		struct buf dir = {0};
		if (xdg && *xdg)
			buf_printf(&dir, "%s/crossread/pages", xdg);
		else
			buf_printf(&dir, "%s/.cache/crossread/pages", home && *home ? home : ".");
		char err[1024], *path;
		int rc = addcmd_save(args[i], dir.s, true, &path, err, sizeof err);
		buf_free(&dir);
		if (rc < 0) {
			char msg[4096];
			snprintf(msg, sizeof msg, "%s: %s", args[i], err);
			print_err(msg);
			return -1;
		}
		args[i] = path; /* lives as long as the process */
	}
	return 0;
}

static bool stdin_to_tty(void)
{
	int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool ok = dup2(fd, STDIN_FILENO) == STDIN_FILENO;
	close(fd);
	return ok;
}

static bool is_yaml(const char *p)
{
	size_t n = strlen(p);
	return (n > 5 && !strcmp(p + n - 5, ".yaml")) || (n > 4 && !strcmp(p + n - 4, ".yml"));
}

/* The config file: its problems are reported (FILE:LINE:COL) and the reader
 * starts anyway, with the defaults where a line was wrong. */
static void load_config(struct config *cfg, const char *cfg_path, bool no_config)
{
	config_defaults(cfg);
	if (no_config)
		return;
	bool must_exist = cfg_path != NULL;
	char *path = cfg_path ? xstrdup(cfg_path) : config_default_path(&must_exist);
	if (!path)
		return;
	struct diag_list d = {0};
	config_load(cfg, path, !must_exist, &d);
	diag_print(&d, stderr);
	diag_free(&d);
	free(path);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	if (argc >= 2 && !strcmp(argv[1], "dump"))
		return cmd_dump(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "add"))
		return addcmd_run(argc - 1, argv + 1, stdout);
	if (argc >= 2 && !strcmp(argv[1], "check"))
		return cmd_check(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "match"))
		return matchcmd_run(argc - 1, argv + 1, stdout);
	if (argc >= 2 && !strcmp(argv[1], "story"))
		return storycmd_run(argc - 1, argv + 1, stdout);
	if (argc >= 2 && !strcmp(argv[1], "export"))
		return sharecmd_export(argc - 1, argv + 1, stdout);
	if (argc >= 2 && !strcmp(argv[1], "import"))
		return sharecmd_import(argc - 1, argv + 1, stdout);
	if (argc >= 2 && !strcmp(argv[1], "merge-file"))
		return sharecmd_merge_file(argc - 1, argv + 1, stdout);

	static const struct option longopts[] = {
	    {"annotations", required_argument, NULL, 'a'},
	    {"notes", required_argument, NULL, 'n'},
	    {"no-notes", no_argument, NULL, 'N'},
	    {"no-color", no_argument, NULL, 'C'},
	    {"format", required_argument, NULL, 'F'},
	    {"no-mouse", no_argument, NULL, 'M'},
	    {"keys", no_argument, NULL, 'K'},
	    {"config", required_argument, NULL, 'G'},
	    {"no-config", no_argument, NULL, 'X'},
	    {"print-config", no_argument, NULL, 'P'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	const char *annot = NULL, *notes = NULL, *cfg_path = NULL;
	bool no_config = false, keys = false;
	struct ui_opts uo = {0};
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":a:n:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			annot = optarg;
			break;
		case 'n':
			notes = optarg;
			break;
		case 'N':
			notes = session_no_notes;
			break;
		case 'C':
			uo.no_color = true;
			break;
		case 'F':
			if (article_format_parse(optarg) < 0) {
				print_err("--format: one of html, markdown, text");
				return 2;
			}
			article_default_format(article_format_parse(optarg));
			break;
		case 'M':
			uo.no_mouse = true;
			break;
		case 'K':
			keys = true;
			break;
		case 'G':
			cfg_path = optarg;
			break;
		case 'X':
			no_config = true;
			break;
		case 'P': {
			struct config def;
			config_defaults(&def);
			config_print(&def, stdout);
			config_free(&def);
			return 0;
		}
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("crossread %s\n", CROSSREAD_VERSION);
			return 0;
		default:
			option_error(c, argv, longopts);
			usage(stderr);
			return 2;
		}
	}
	struct config cfg;
	if (keys) {
		load_config(&cfg, cfg_path, no_config);
		actions_print_keys(&cfg.keys, stdout);
		config_free(&cfg);
		return 0;
	}
	char **args = argv + optind;
	int nargs = argc - optind;
	if (nargs == 1 && is_yaml(args[0]) && !annot) {
		annot = args[0];
		nargs = 0;
	}
	if (nargs > SESSION_MAX_ARTICLES) {
		char msg[128];
		snprintf(msg, sizeof msg, "%d articles given: a story has at most %d", nargs,
			 SESSION_MAX_ARTICLES);
		print_err(msg);
		usage(stderr);
		return 2;
	}
	if (nargs == 1 || (nargs == 0 && !annot)) {
		usage(stderr);
		return 2;
	}
	/* every input must be readable before the screen is touched */
	/* a URL is fetched and kept as Markdown in the cache (fetch_urls) */
	if (fetch_urls(args, nargs) < 0)
		return 2;
	int from_stdin = 0;
	for (int i = 0; i < nargs; i++) {
		if (!strcmp(args[i], "-")) {
			from_stdin++;
			continue;
		}
		if (access(args[i], R_OK) != 0) {
			char msg[4096];
			snprintf(msg, sizeof msg, "%s: %s", args[i], strerror(errno));
			print_err(msg);
			return 2;
		}
	}
	if (from_stdin > 1) {
		print_err("-: standard input can be only one of the articles");
		return 2;
	}
	load_config(&cfg, cfg_path, no_config);
	if (!notes && cfg.notes && *cfg.notes)
		notes = cfg.notes;
	uo.cfg = &cfg;
	struct session s;
	char err[4096];
	if (session_open(&s, annot, args, (size_t)nargs, notes, err, sizeof err) != 0) {
		diag_print(&s.diags, stderr);
		print_err(err);
		session_close(&s);
		config_free(&cfg);
		return 2;
	}
	/* as less does: the article keeps its own copy of the pipe, keys come
	 * from the terminal */
	if (from_stdin && !stdin_to_tty()) {
		print_err("/dev/tty: no terminal to read keys from");
		session_close(&s);
		config_free(&cfg);
		return 2;
	}
	if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO)) {
		print_err(
		    "the reader needs a terminal (try 'crossread dump' or 'crossread match')");
		session_close(&s);
		config_free(&cfg);
		return 2;
	}
	int rc = ui_run(&s, &uo);
	session_close(&s);
	config_free(&cfg);
	return rc;
}
