/* sharecmd: owns the command lines of `export`, `import` and `merge-file`:
 * options, opening the story, where the output goes, messages and exit
 * statuses. The formats themselves live in src/reader/export*.c and
 * import.c; the merge is the store's (store_merge). */
#include "crossread/cli/sharecmd.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "crossread/annot/annot.h"
#include "crossread/base/diag.h"
#include "crossread/base/text.h"
#include "crossread/base/util.h"
#include "crossread/persist/store.h"
#include "crossread/reader/export.h"
#include "crossread/reader/import.h"
#include "crossread/reader/session.h"

static void say(const char *cmd, const char *fmt, const char *arg)
{
	char *s = text_sanitize(arg ? arg : "", arg ? strlen(arg) : 0, false);
	fprintf(stderr, "crossread %s: ", cmd);
	fprintf(stderr, fmt, s);
	fputc('\n', stderr);
	free(s);
}

/* One option with a value: "--name VALUE" or "--name=VALUE" (or the short
 * form "-x VALUE"). Returns the value, NULL if arg is not this option, and
 * sets *missing when the value is absent. */
static const char *opt_value(int argc, char **argv, int *i, const char *name, const char *shortn,
			     bool *missing)
{
	const char *arg = argv[*i];
	size_t n = strlen(name);
	if (!strncmp(arg, name, n) && arg[n] == '=')
		return arg + n + 1;
	if (strcmp(arg, name) && (!shortn || strcmp(arg, shortn)))
		return NULL;
	if (*i + 1 >= argc) {
		*missing = true;
		return NULL;
	}
	return argv[++*i];
}

/* ------------------------------------------------------------- export */

static void export_usage(FILE *f)
{
	fputs("usage: crossread export STORY.yaml --format md|html|jsonld|csv [-o FILE]\n"
	      "                        [--layer curated|personal] [-n NOTES.yaml]\n"
	      "  Write the story (curated and personal layers merged) as a Markdown brief,\n"
	      "  a self-contained HTML page, W3C Web Annotation JSON-LD or CSV.\n"
	      "  -o FILE        write FILE (replaced atomically) instead of standard output\n"
	      "  --layer L      only the curated file, or only the personal notes\n"
	      "  -n FILE        the personal notes file (default: STORY.notes.yaml)\n",
	      f);
}

static int export_bad(const char *fmt, const char *arg)
{
	say("export", fmt, arg);
	export_usage(stderr);
	return 2;
}

int sharecmd_export(int argc, char **argv, FILE *out)
{
	const char *story = NULL, *format = NULL, *output = NULL, *layer = NULL, *notes = NULL;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *v;
		bool missing = false;
		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			export_usage(out);
			return 0;
		}
		if ((v = opt_value(argc, argv, &i, "--format", "-f", &missing)))
			format = v;
		else if ((v = opt_value(argc, argv, &i, "--output", "-o", &missing)))
			output = v;
		else if ((v = opt_value(argc, argv, &i, "--layer", NULL, &missing)))
			layer = v;
		else if ((v = opt_value(argc, argv, &i, "--notes", "-n", &missing)))
			notes = v;
		else if (missing)
			return export_bad("option '%s' needs a value", arg);
		else if (arg[0] == '-' && arg[1])
			return export_bad("unknown option '%s'", arg);
		else if (story)
			return export_bad("one story at a time: '%s'", arg);
		else
			story = arg;
	}
	enum export_format fmt;
	if (!story)
		return export_bad("%sno story given", "");
	if (!format)
		return export_bad("%s--format is required (md, html, jsonld or csv)", "");
	if (export_format_parse(format, &fmt) != 0)
		return export_bad("unknown format '%s' (md, html, jsonld or csv)", format);
	if (layer && strcmp(layer, "curated") && strcmp(layer, "personal"))
		return export_bad("unknown layer '%s' (curated or personal)", layer);

	struct session s;
	char err[4096];
	if (session_open(&s, story, NULL, 0, notes, err, sizeof err) != 0) {
		diag_print(&s.diags, stderr);
		say("export", "%s", err);
		session_close(&s);
		return 2;
	}
	diag_print(&s.diags, stderr);
	bool curated_only = layer && !strcmp(layer, "curated");
	if (s.notes_rc == 2 && !curated_only) {
		say("export", "%s: the notes file cannot be used (or use --layer curated)",
		    s.notes_path);
		session_close(&s);
		return 2;
	}
	session_load_all(&s);
	if (layer) {
		annot_drop_layer(s.an, curated_only ? LAYER_PERSONAL : LAYER_CURATED);
		session_anchor(&s);
	}
	struct buf b = {0};
	int rc = export_write(&s, fmt, &b);
	int status = s.annot_rc == 1 || (!curated_only && s.notes_rc == 1) ? 1 : 0;
	if (rc != 0) {
		say("export", "%s: could not write the export", story);
		status = 2;
	} else if (output) {
		char werr[512];
		/* a new file gets the usual permissions (the store makes its
		 * temporary file private, and keeps an existing file's) */
		struct stat st;
		bool existed = stat(output, &st) == 0;
		if (store_write_atomic(output, b.s ? b.s : "", b.len, werr, sizeof werr) == 0) {
			if (!existed) {
				mode_t um = umask(0);
				umask(um);
				if (chmod(output, 0666 & ~um) != 0)
					say("export", "cannot set the permissions of %s", output);
			}
		} else {
			char msg[1024];
			snprintf(msg, sizeof msg, "%s: %s", output, werr);
			say("export", "%s", msg);
			status = 2;
		}
	} else if (fwrite(b.s ? b.s : "", 1, b.len, out) != b.len || fflush(out) != 0) {
		say("export", "standard output: %s", strerror(errno));
		status = 2;
	}
	buf_free(&b);
	session_close(&s);
	return status;
}

/* ------------------------------------------------------------- import */

static void import_usage(FILE *f)
{
	fputs("usage: crossread import FILE.json --into STORY.yaml [-n NOTES.yaml]\n"
	      "  Add W3C Web Annotations (JSON-LD) or a Hypothesis JSON export to the\n"
	      "  story's personal layer. Each quote is anchored in the story's copy of its\n"
	      "  article (matched by URL or file); quotes that do not anchor are listed\n"
	      "  as orphans and left out.\n"
	      "  --into STORY   the story (annotation file) to add them to\n"
	      "  -n FILE        its personal notes file (default: STORY.notes.yaml)\n",
	      f);
}

static int import_bad(const char *fmt, const char *arg)
{
	say("import", fmt, arg);
	import_usage(stderr);
	return 2;
}

int sharecmd_import(int argc, char **argv, FILE *out)
{
	const char *input = NULL, *story = NULL, *notes = NULL;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *v;
		bool missing = false;
		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			import_usage(out);
			return 0;
		}
		if ((v = opt_value(argc, argv, &i, "--into", NULL, &missing)))
			story = v;
		else if ((v = opt_value(argc, argv, &i, "--notes", "-n", &missing)))
			notes = v;
		else if (missing)
			return import_bad("option '%s' needs a value", arg);
		else if (arg[0] == '-' && arg[1])
			return import_bad("unknown option '%s'", arg);
		else if (input)
			return import_bad("one file at a time: '%s'", arg);
		else
			input = arg;
	}
	if (!input)
		return import_bad("%sno file given", "");
	if (!story)
		return import_bad("%s--into STORY.yaml is needed: quotes are anchored in its "
				  "articles",
				  "");
	char *data = NULL;
	size_t len = 0;
	if (read_file(input, IMPORT_MAX_FILE, &data, &len) != 0) {
		int e = errno;
		char msg[1024];
		snprintf(msg, sizeof msg, "%s: %s", input,
			 e == EFBIG ? "file too large" : strerror(e));
		say("import", "%s", msg);
		return 2;
	}
	struct session s;
	char err[4096];
	if (session_open(&s, story, NULL, 0, notes, err, sizeof err) != 0) {
		diag_print(&s.diags, stderr);
		say("import", "%s", err);
		session_close(&s);
		free(data);
		return 2;
	}
	if (s.notes_rc == 2) {
		diag_print(&s.diags, stderr);
		say("import", "%s: the notes file cannot be used; nothing imported", s.notes_path);
		session_close(&s);
		free(data);
		return 2;
	}
	diag_free(&s.diags);
	session_load_all(&s);
	struct import_stats st;
	struct buf orphans = {0};
	struct diag_list d = {0};
	int rc = import_json(&s, input, data, len, &st, &orphans, &d);
	free(data);
	diag_print(&d, rc == 2 ? stdout : stderr);
	int status = rc;
	if (rc == 0) {
		if (orphans.len)
			fwrite(orphans.s, 1, orphans.len, out);
		if (st.claims + st.links + st.notes) {
			store_touch(s.store);
			enum store_result r = store_save(s.store, s.an, &d);
			if (r == STORE_FAILED || r == STORE_SIDE_FILE) {
				say("import", "%s", store_message(s.store));
				status = 2;
			}
		}
		char *np = text_sanitize(s.notes_path, strlen(s.notes_path), false);
		fprintf(out,
			"import: %zu claims, %zu links, %zu notes added to %s; %zu already there, "
			"%zu orphans, %zu left out\n",
			st.claims, st.links, st.notes, np, st.present, st.orphans, st.skipped);
		free(np);
		if (status == 0 && (st.orphans || st.skipped))
			status = 1;
	}
	buf_free(&orphans);
	diag_free(&d);
	session_close(&s);
	return status;
}

int sharecmd_merge_file(int argc, char **argv, FILE *out)
{
	(void)argc;
	(void)argv;
	(void)out;
	say("merge-file", "%snot built yet", "");
	return 2;
}
