/* config: the reader's config file: parsing `bind`, `unbind`, `color` and
 * `set` lines over the built-in defaults, each problem as FILE:LINE:COL,
 * the default location ($CROSSREAD_CONFIG, $XDG_CONFIG_HOME, ~/.config),
 * and printing a whole configuration back as a file (--print-config). */
#include "crossread/reader/config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crossread/base/util.h"
#include "crossread/reader/clipboard.h"
#include "crossread/reader/reader.h"

#define CONFIG_MAX_BYTES ((size_t)1 << 20)
#define CONFIG_MAX_WORDS 16

void config_defaults(struct config *c)
{
	memset(c, 0, sizeof *c);
	keymap_defaults(&c->keys);
	memcpy(c->styles, look_default_styles, sizeof c->styles);
	c->mouse = true;
	c->color = true;
	c->notes = xstrdup("");
}

void config_free(struct config *c)
{
	keymap_free(&c->keys);
	free(c->notes);
	memset(c, 0, sizeof *c);
}

/* ---- words of a line ---- */

struct word {
	char *s; /* NUL-terminated, quotes and escapes removed */
	size_t len;
	int col; /* 1-based byte column where it starts */
};

struct line {
	struct word w[CONFIG_MAX_WORDS];
	size_t n;
	int end_col; /* column after the line's last byte, for "missing ..." */
};

static void line_free(struct line *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->w[i].s);
	l->n = 0;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Split t[0..len) into words: blanks separate them, "..." quotes one (\" and
 * \\ inside), a word starting with # begins a comment to the line's end. Returns
 * false with *col and msg set on a problem. */
static bool split(const char *t, size_t len, struct line *l, int *col, const char **msg)
{
	size_t i = 0;
	l->n = 0;
	l->end_col = (int)len + 1;
	for (;;) {
		while (i < len && is_blank(t[i]))
			i++;
		if (i >= len)
			return true;
		if (t[i] == '#')
			return true; /* a comment to the end of the line ("#" is the key) */
		if (memchr(t + i, '\0', len - i)) {
			*col = (int)((const char *)memchr(t + i, '\0', len - i) - t) + 1;
			*msg = "NUL byte in the line";
			return false;
		}
		if (l->n == CONFIG_MAX_WORDS) {
			*col = (int)i + 1;
			*msg = "too many words on the line";
			return false;
		}
		struct buf b = {0};
		buf_adds(&b, "");
		int start = (int)i + 1;
		if (t[i] == '"') {
			i++;
			bool closed = false;
			while (i < len) {
				if (t[i] == '\\' && i + 1 < len &&
				    (t[i + 1] == '"' || t[i + 1] == '\\')) {
					buf_add(&b, t + i + 1, 1);
					i += 2;
				} else if (t[i] == '"') {
					closed = true;
					i++;
					break;
				} else {
					buf_add(&b, t + i, 1);
					i++;
				}
			}
			if (!closed || (i < len && !is_blank(t[i]))) {
				buf_free(&b);
				*col = closed ? (int)i + 1 : start;
				*msg = closed ? "a blank must follow a quoted word"
					      : "unterminated quoted word";
				return false;
			}
		} else {
			while (i < len && !is_blank(t[i]))
				buf_add(&b, t + i++, 1);
		}
		l->w[l->n].len = b.len;
		l->w[l->n].s = buf_detach(&b);
		l->w[l->n].col = start;
		l->n++;
	}
}

/* ---- values ---- */

static const char *const color_names[] = {"black", "red",     "green", "yellow",
					  "blue",  "magenta", "cyan",  "white"};

/* a colour: default, a name, colorN or N (0..255); -2 if none */
static int parse_color(const char *s)
{
	if (!strcasecmp(s, "default"))
		return CLR_DEFAULT;
	for (int i = 0; i < 8; i++)
		if (!strcasecmp(s, color_names[i]))
			return i;
	const char *d = !strncasecmp(s, "color", 5) ? s + 5 : s;
	if (!*d || strlen(d) > 3)
		return -2;
	int v = 0;
	for (const char *p = d; *p; p++) {
		if (*p < '0' || *p > '9')
			return -2;
		v = v * 10 + (*p - '0');
	}
	return v <= 255 ? v : -2;
}

static void print_color(FILE *out, short c)
{
	if (c == CLR_DEFAULT)
		fputs("default", out);
	else if (c >= 0 && c < 8)
		fputs(color_names[c], out);
	else
		fprintf(out, "color%d", c);
}

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {{"bold", STY_BOLD}, {"underline", STY_UNDERLINE}, {"reverse", STY_REVERSE},
		  {"dim", STY_DIM},   {"italic", STY_ITALIC},	    {"normal", 0}};

static bool parse_attr(const char *s, unsigned *bit)
{
	for (size_t i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++)
		if (!strcasecmp(s, attr_names[i].name)) {
			*bit = attr_names[i].bit;
			return true;
		}
	return false;
}

static int parse_bool(const char *s)
{
	if (!strcasecmp(s, "on") || !strcasecmp(s, "yes") || !strcasecmp(s, "true"))
		return 1;
	if (!strcasecmp(s, "off") || !strcasecmp(s, "no") || !strcasecmp(s, "false"))
		return 0;
	return -1;
}

/* ---- lines ---- */

struct ctx {
	struct config *c;
	const char *path;
	int lineno;
	struct diag_list *d;
	size_t problems;
};

/* a word in a message: at most 40 bytes of it (diag_print sanitises) */
#define W(w) (int)((w)->len > 40 ? 40 : (w)->len), (w)->s

static void problem(struct ctx *x, int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void problem(struct ctx *x, int col, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_add(x->d, x->path, x->lineno, col, DIAG_ERROR, "%s", msg);
	x->problems++;
}

/* words[1..want] must be there and nothing after them (more: up to max) */
static bool arity(struct ctx *x, const struct line *l, size_t want, size_t max, const char *usage)
{
	if (l->n < want + 1) {
		problem(x, l->end_col, "%s: missing %s", l->w[0].s, usage);
		return false;
	}
	if (l->n > max + 1 && max + 1 < CONFIG_MAX_WORDS) {
		problem(x, l->w[max + 1].col, "unexpected '%.*s' after %s", W(&l->w[max + 1]),
			usage);
		return false;
	}
	return true;
}

static int want_mode(struct ctx *x, const struct word *w)
{
	int m = actions_mode_by_name(w->s);
	if (m < 0)
		problem(x, w->col, "unknown mode '%.*s' (reader, visual, overview, editor, prompt)",
			W(w));
	return m;
}

static int want_key(struct ctx *x, const struct word *w)
{
	int k = key_parse(w->s, w->len);
	if (k < 0)
		problem(x, w->col, "unknown key '%.*s' (a character, Ctrl-X, Enter, Down, ...)",
			W(w));
	return k;
}

static void do_bind(struct ctx *x, const struct line *l)
{
	if (!arity(x, l, 3, 3, "MODE KEY ACTION"))
		return;
	int m = want_mode(x, &l->w[1]);
	if (m < 0)
		return;
	int k = want_key(x, &l->w[2]);
	if (k < 0)
		return;
	enum action a = actions_by_name(l->w[3].s);
	if (a == ACT_NONE) {
		problem(x, l->w[3].col, "unknown action '%.*s' (crossread --keys lists them)",
			W(&l->w[3]));
		return;
	}
	if (!actions_mode_takes(m, a)) {
		problem(x, l->w[3].col, "'%.*s' is not an action of %s mode (%s)", W(&l->w[3]),
			actions_mode_name((enum reader_mode)m),
			actions_is_edit(a) ? "edit-... actions are for the editor and prompt modes"
					   : "the editor and prompt modes take edit-... actions");
		return;
	}
	keymap_bind(&x->c->keys, m, k, a);
}

static void do_unbind(struct ctx *x, const struct line *l)
{
	if (!arity(x, l, 2, 2, "MODE KEY"))
		return;
	int m = want_mode(x, &l->w[1]);
	if (m < 0)
		return;
	int k = want_key(x, &l->w[2]);
	if (k < 0)
		return;
	if (!keymap_unbind(&x->c->keys, m, k))
		problem(x, l->w[2].col, "'%.*s' is not bound in %s mode", W(&l->w[2]),
			actions_mode_name((enum reader_mode)m));
}

static void do_color(struct ctx *x, const struct line *l)
{
	if (!arity(x, l, 3, CONFIG_MAX_WORDS - 1, "ROLE FG BG [ATTR...]"))
		return;
	int r = look_role_by_name(l->w[1].s, l->w[1].len);
	if (r < 0) {
		problem(x, l->w[1].col, "unknown role '%.*s' (crossread --print-config lists them)",
			W(&l->w[1]));
		return;
	}
	int fg = parse_color(l->w[2].s), bg = parse_color(l->w[3].s);
	for (int i = 0; i < 2; i++) {
		if ((i ? bg : fg) == -2) {
			const struct word *w = &l->w[2 + i];
			problem(x, w->col,
				"unknown colour '%.*s' (default, red, ..., color0-color255)", W(w));
			return;
		}
	}
	unsigned attrs = 0;
	for (size_t i = 4; i < l->n; i++) {
		unsigned bit;
		if (!parse_attr(l->w[i].s, &bit)) {
			problem(x, l->w[i].col,
				"unknown attribute '%.*s' (bold, underline, reverse, dim, italic, "
				"normal)",
				W(&l->w[i]));
			return;
		}
		attrs |= bit;
	}
	x->c->styles[r].fg = (short)fg;
	x->c->styles[r].bg = (short)bg;
	x->c->styles[r].color = attrs;
}

static void do_set(struct ctx *x, const struct line *l)
{
	if (!arity(x, l, 2, 2, "OPTION VALUE"))
		return;
	const struct word *o = &l->w[1], *v = &l->w[2];
	if (!strcmp(o->s, "mouse") || !strcmp(o->s, "color") || !strcmp(o->s, "scroll-lock")) {
		int b = parse_bool(v->s);
		if (b < 0) {
			problem(x, v->col, "%s is on or off, not '%.*s'", o->s, W(v));
			return;
		}
		if (!strcmp(o->s, "mouse"))
			x->c->mouse = b;
		else if (!strcmp(o->s, "scroll-lock"))
			x->c->scroll_lock = b;
		else
			x->c->color = b;
	} else if (!strcmp(o->s, "clipboard")) {
		int m = clip_mode_parse(v->s);
		if (m < 0) {
			problem(x, v->col, "clipboard is auto, osc52 or off, not '%.*s'", W(v));
			return;
		}
		x->c->clipboard = m;
	} else if (!strcmp(o->s, "panes")) {
		if (!strcmp(v->s, "2"))
			x->c->panes = PANES_2;
		else if (!strcmp(v->s, "3"))
			x->c->panes = PANES_3;
		else if (!strcmp(v->s, "auto"))
			x->c->panes = PANES_AUTO;
		else
			problem(x, v->col, "panes is 2, 3 or auto, not '%.*s'", W(v));
	} else if (!strcmp(o->s, "notes")) {
		free(x->c->notes);
		x->c->notes = xstrdup(v->s);
	} else {
		problem(
		    x, o->col,
		    "unknown option '%.*s' (mouse, color, notes, scroll-lock, clipboard, panes)",
		    W(o));
	}
}

size_t config_parse(struct config *c, const char *path, const char *text, size_t len,
		    struct diag_list *d)
{
	struct ctx x = {c, path, 0, d, 0};
	size_t pos = 0;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t e = nl ? (size_t)(nl - text) : len;
		x.lineno++;
		struct line l;
		int col;
		const char *msg;
		if (!split(text + pos, e - pos, &l, &col, &msg)) {
			problem(&x, col, "%s", msg);
		} else if (l.n) {
			const char *cmd = l.w[0].s;
			if (!strcmp(cmd, "bind"))
				do_bind(&x, &l);
			else if (!strcmp(cmd, "unbind"))
				do_unbind(&x, &l);
			else if (!strcmp(cmd, "color"))
				do_color(&x, &l);
			else if (!strcmp(cmd, "set"))
				do_set(&x, &l);
			else
				problem(&x, l.w[0].col,
					"unknown command '%.*s' (bind, unbind, color, set)",
					W(&l.w[0]));
		}
		line_free(&l);
		pos = e + 1;
	}
	return x.problems;
}

size_t config_load(struct config *c, const char *path, bool missing_ok, struct diag_list *d)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (missing_ok && errno == ENOENT)
			return 0;
		diag_add(d, path, 1, 1, DIAG_ERROR, "cannot read the config file: %s",
			 strerror(errno));
		return 1;
	}
	struct buf b = {0};
	char chunk[4096];
	size_t n;
	bool big = false;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > CONFIG_MAX_BYTES) {
			big = true;
			break;
		}
		buf_add(&b, chunk, n);
	}
	bool failed = ferror(f);
	fclose(f);
	size_t problems;
	if (failed || big) {
		diag_add(d, path, 1, 1, DIAG_ERROR, "%s",
			 big ? "config file too large (limit 1 MiB)"
			     : "cannot read the config file");
		problems = 1;
	} else {
		problems = config_parse(c, path, b.s ? b.s : "", b.len, d);
	}
	buf_free(&b);
	return problems;
}

char *config_default_path(bool *explicit_path)
{
	struct buf b = {0};
	const char *env = getenv("CROSSREAD_CONFIG");
	*explicit_path = false;
	if (env && *env) {
		*explicit_path = true;
		return xstrdup(env);
	}
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	/* a relative XDG_CONFIG_HOME is to be ignored (XDG base directory spec) */
	if (xdg && xdg[0] == '/')
		buf_printf(&b, "%s/crossread/config", xdg);
	else if (home && *home)
		buf_printf(&b, "%s/.config/crossread/config", home);
	else
		return NULL;
	return buf_detach(&b);
}

/* a word that reads back as itself */
static void print_word(FILE *out, const char *s)
{
	bool plain = *s && *s != '"' && *s != '#';
	for (const char *p = s; *p && plain; p++)
		if (is_blank(*p) || *p == '\n')
			plain = false;
	if (plain) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (const char *p = s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fputc('\\', out);
		fputc(*p, out);
	}
	fputc('"', out);
}

void config_print(const struct config *c, FILE *out)
{
	fputs("# crossread config (crossread --print-config prints the defaults)\n"
	      "# set OPTION VALUE | bind MODE KEY ACTION | unbind MODE KEY |\n"
	      "# color ROLE FG BG [ATTR...]\n",
	      out);
	fprintf(out, "set mouse %s\n", c->mouse ? "on" : "off");
	fprintf(out, "set color %s\n", c->color ? "on" : "off");
	fprintf(out, "set scroll-lock %s\n", c->scroll_lock ? "on" : "off");
	fprintf(out, "set clipboard %s\n", clip_mode_name((enum clip_mode)c->clipboard));
	fprintf(out, "set panes %s\n", reader_panes_name((enum reader_panes)c->panes));
	fputs("set notes ", out);
	fputs(c->notes && *c->notes ? "" : "\"\"", out);
	if (c->notes && *c->notes)
		print_word(out, c->notes);
	fputc('\n', out);
	for (int m = 0; m < MODE_COUNT; m++)
		for (size_t i = 0; i < c->keys.n; i++) {
			const struct binding *bd = &c->keys.b[i];
			if (bd->mode != m)
				continue;
			fprintf(out, "bind %s ", actions_mode_name((enum reader_mode)m));
			print_word(out, key_name(bd->key));
			fprintf(out, " %s\n", actions_def(bd->act)->name);
		}
	for (int r = 0; r < R_COUNT; r++) {
		fprintf(out, "color %s ", look_role_name((enum role)r));
		print_color(out, c->styles[r].fg);
		fputc(' ', out);
		print_color(out, c->styles[r].bg);
		for (size_t i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++)
			if (attr_names[i].bit && (c->styles[r].color & attr_names[i].bit))
				fprintf(out, " %s", attr_names[i].name);
		fputc('\n', out);
	}
}
