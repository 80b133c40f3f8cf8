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
#include "crossread/annot/annot_write.h"
#include "crossread/annot/yamltree.h"
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

/* --------------------------------------------------------- merge-file */

static void merge_usage(FILE *f)
{
	fputs("usage: crossread merge-file BASE OURS THEIRS [PATH]\n"
	      "  git's merge driver for annotation and notes files (%O %A %B %P): merges\n"
	      "  the three versions entry by entry, by id, as the reader merges its notes\n"
	      "  file, and writes the result over OURS. An entry changed differently on\n"
	      "  both sides is kept twice (theirs renamed ID-disk) and listed in\n"
	      "  PATH.conflict.yaml; exit 1 then, 0 for a clean merge, 2 for a version\n"
	      "  that does not load (OURS is left as it was).\n",
	      f);
}

/* One version: data read from `file`, loaded under the name `as` (the
 * file's place in the work tree, so that its relative paths mean what they
 * mean there), over the curated file it names with `over:` when that
 * loads. An empty base is no base. */
static int merge_load(const char *file, const char *as, bool may_be_empty, struct annot **out,
		      struct diag_list *d)
{
	*out = NULL;
	char *data = NULL;
	size_t len = 0;
	if (read_file(file, ANNOT_MAX_FILE, &data, &len) != 0) {
		diag_add(d, file, 1, 1, DIAG_ERROR, "cannot read: %s", strerror(errno));
		return 2;
	}
	bool blank = true;
	for (size_t i = 0; i < len && blank; i++)
		blank = strchr(" \t\r\n", data[i]) != NULL;
	if (blank && may_be_empty) {
		free(data);
		return 0;
	}
	struct annot *alone = NULL;
	struct diag_list ad = {0};
	int rc = annot_load_mem(&alone, as, data, len, LAYER_PERSONAL, &ad);
	if (rc != 2 && alone && alone->over) {
		char *over = annot_resolve_path(as, alone->over);
		struct annot *an = NULL;
		struct diag_list ld = {0};
		if (annot_load(&an, over, LAYER_CURATED, &ld) != 2) {
			diag_free(&ad);
			annot_free(alone);
			alone = an;
			rc = annot_load_mem(&alone, as, data, len, LAYER_PERSONAL, &ad);
		} else {
			annot_free(an);
		}
		diag_free(&ld);
		free(over);
	}
	/* warnings (unknown keys) are fine; an error would drop an entry */
	for (size_t i = 0; i < ad.n; i++)
		if (ad.items[i].severity == DIAG_ERROR)
			diag_add(d, file, ad.items[i].line, ad.items[i].col, DIAG_ERROR, "%s",
				 ad.items[i].msg);
	diag_free(&ad);
	free(data);
	*out = alone;
	return rc;
}

static bool has_id(const struct annot *an, const char *id)
{
	return annot_find_claim(an, id) != ANNOT_NONE || annot_find_link(an, id) != ANNOT_NONE ||
	       annot_find_note(an, id) != ANNOT_NONE;
}

/* id without the "-disk" or "-diskN" the merge gave theirs' copy */
static char *unrenamed(const char *id)
{
	const char *d = strstr(id, "-disk");
	const char *last = NULL;
	for (; d; d = strstr(d + 1, "-disk"))
		last = d;
	if (!last || last[5 + strspn(last + 5, "0123456789")])
		return NULL;
	return xstrndup(id, (size_t)(last - id));
}

static void conflict_pair(struct ynode *seq, const char *kind, struct ynode *ours,
			  struct ynode *theirs)
{
	struct ynode *m = ynode_map_new();
	ynode_map_set(m, "kind", ynode_scalar_new(kind));
	ynode_map_set(m, "id", ynode_scalar_new(ynode_map_str(ours, "id")));
	ynode_map_set(m, "kept-as", ynode_scalar_new(ynode_map_str(theirs, "id")));
	ynode_map_set(m, "ours", ours);
	ynode_map_set(m, "theirs", theirs);
	ynode_seq_push(seq, m);
}

/* The entries of both sides that the merge kept twice: each ours next to
 * theirs (renamed), for the conflict file. */
static struct ynode *conflicts_of(const struct annot *merged, const struct annot *o,
				  const struct annot *t)
{
	struct ynode *seq = ynode_seq_new();
	for (size_t i = 0; i < merged->nclaims; i++) {
		const struct claim *c = &merged->claims[i];
		char *orig = c->layer == LAYER_PERSONAL && !has_id(o, c->id) && !has_id(t, c->id)
				 ? unrenamed(c->id)
				 : NULL;
		size_t k = orig ? annot_find_claim(merged, orig) : ANNOT_NONE;
		if (k != ANNOT_NONE)
			conflict_pair(seq, "claim", annot_write_claim(&merged->claims[k]),
				      annot_write_claim(c));
		free(orig);
	}
	for (size_t i = 0; i < merged->nlinks; i++) {
		const struct link *l = &merged->links[i];
		char *orig = l->layer == LAYER_PERSONAL && !has_id(o, l->id) && !has_id(t, l->id)
				 ? unrenamed(l->id)
				 : NULL;
		size_t k = orig ? annot_find_link(merged, orig) : ANNOT_NONE;
		if (k != ANNOT_NONE)
			conflict_pair(seq, "link", annot_write_link(&merged->links[k], true),
				      annot_write_link(l, true));
		free(orig);
	}
	for (size_t i = 0; i < merged->nnotes; i++) {
		const struct note *n = &merged->notes[i];
		char *orig = n->layer == LAYER_PERSONAL &&
				     annot_find_note(o, n->id) == ANNOT_NONE &&
				     annot_find_note(t, n->id) == ANNOT_NONE
				 ? unrenamed(n->id)
				 : NULL;
		size_t k = orig ? annot_find_note(merged, orig) : ANNOT_NONE;
		if (k != ANNOT_NONE)
			conflict_pair(seq, "note", annot_write_note(&merged->notes[k]),
				      annot_write_note(n));
		free(orig);
	}
	return seq;
}

int sharecmd_merge_file(int argc, char **argv, FILE *out)
{
	if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		merge_usage(out);
		return 0;
	}
	if (argc != 4 && argc != 5) {
		merge_usage(stderr);
		return 2;
	}
	const char *base_f = argv[1], *ours_f = argv[2], *theirs_f = argv[3];
	const char *path = argc == 5 ? argv[4] : ours_f;
	struct diag_list d = {0};
	struct annot *base = NULL, *ours = NULL, *theirs = NULL, *ours0 = NULL, *theirs0 = NULL;
	int status = 0;
	if (merge_load(base_f, path, true, &base, &d) != 0 ||
	    merge_load(ours_f, path, false, &ours, &d) != 0 ||
	    merge_load(theirs_f, path, false, &theirs, &d) != 0 || d.errors) {
		diag_print(&d, stderr);
		say("merge-file", "%s: a version does not load cleanly: not merged", path);
		status = 2;
		goto done;
	}
	/* the sides as they were, to tell the merge's renamed copies */
	merge_load(ours_f, path, false, &ours0, &d);
	merge_load(theirs_f, path, false, &theirs0, &d);
	size_t conflicts = store_merge(base, theirs, ours);
	struct buf b = {0};
	char werr[512];
	if (annot_write_layer(ours, LAYER_PERSONAL, &b) != 0 ||
	    store_write_atomic(ours_f, b.s ? b.s : "", b.len, werr, sizeof werr) != 0) {
		say("merge-file", "%s: the merged version could not be written", path);
		buf_free(&b);
		status = 2;
		goto done;
	}
	buf_free(&b);
	if (conflicts) {
		struct ynode *root = ynode_map_new();
		ynode_map_set(root, "merged", ynode_scalar_new(path));
		ynode_map_set(root, "conflicts", conflicts_of(ours, ours0, theirs0));
		struct buf cb = {0};
		struct buf cpath = {0};
		size_t n = strlen(path);
		buf_add(&cpath, path, n > 5 && !strcmp(path + n - 5, ".yaml") ? n - 5 : n);
		buf_adds(&cpath, ".conflict.yaml");
		if (ynode_emit(root, &cb) != 0 ||
		    store_write_atomic(cpath.s, cb.s ? cb.s : "", cb.len, werr, sizeof werr) != 0)
			say("merge-file", "%s: the conflict file could not be written", cpath.s);
		char *shown = text_sanitize(cpath.s, cpath.len, false);
		fprintf(stderr,
			"crossread merge-file: %zu entr%s changed differently on both sides: both "
			"kept (theirs as ID-disk), listed in %s\n",
			conflicts, conflicts == 1 ? "y" : "ies", shown);
		free(shown);
		buf_free(&cb);
		buf_free(&cpath);
		ynode_free(root);
		status = 1;
	}
done:
	annot_free(base);
	annot_free(ours);
	annot_free(theirs);
	annot_free(ours0);
	annot_free(theirs0);
	diag_free(&d);
	return status;
}
