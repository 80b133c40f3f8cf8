/* yamltree: owns reading YAML into a plain tree (libyaml event API, never
 * the document loader, so every limit is enforced while streaming) and
 * writing a tree back with libyaml's emitter. */
#include "crossread/annot/yamltree.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "crossread/annot/annot.h"
#include "crossread/base/text.h"
#include "crossread/base/util.h"

static struct ynode *node_new(enum ynode_type t)
{
	struct ynode *n = xcalloc(1, sizeof *n);
	n->type = t;
	return n;
}

struct ynode *ynode_map_new(void)
{
	return node_new(YN_MAP);
}

struct ynode *ynode_seq_new(void)
{
	return node_new(YN_SEQ);
}

struct ynode *ynode_scalar_newn(const char *text, size_t len, int style)
{
	struct ynode *n = node_new(YN_SCALAR);
	n->scalar = xstrndup(text ? text : "", text ? len : 0);
	n->scalar_len = text ? len : 0;
	n->style = style;
	return n;
}

struct ynode *ynode_scalar_new(const char *text)
{
	return ynode_scalar_newn(text, text ? strlen(text) : 0, YS_ANY);
}

struct ynode *ynode_int_new(long v)
{
	char tmp[32];
	int k = snprintf(tmp, sizeof tmp, "%ld", v);
	return ynode_scalar_newn(tmp, (size_t)k, YS_PLAIN);
}

static void push(struct ynode *parent, struct ynode *child)
{
	GROW(parent->items, parent->cap, parent->n + 1);
	parent->items[parent->n++] = child;
}

void ynode_seq_push(struct ynode *seq, struct ynode *value)
{
	push(seq, value);
}

static bool key_is(const struct ynode *k, const char *key)
{
	size_t kl = strlen(key);
	return k->type == YN_SCALAR && k->scalar_len == kl && memcmp(k->scalar, key, kl) == 0;
}

struct ynode *ynode_map_get(const struct ynode *map, const char *key)
{
	if (!map || map->type != YN_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (key_is(map->items[i], key))
			return map->items[i + 1];
	return NULL;
}

const char *ynode_map_str(const struct ynode *map, const char *key)
{
	const struct ynode *v = ynode_map_get(map, key);
	return v && v->type == YN_SCALAR ? v->scalar : NULL;
}

void ynode_map_set(struct ynode *map, const char *key, struct ynode *value)
{
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		if (key_is(map->items[i], key)) {
			ynode_free(map->items[i + 1]);
			map->items[i + 1] = value;
			return;
		}
	}
	push(map, ynode_scalar_new(key));
	push(map, value);
}

bool ynode_map_del(struct ynode *map, const char *key)
{
	if (!map || map->type != YN_MAP)
		return false;
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		if (key_is(map->items[i], key)) {
			ynode_free(map->items[i]);
			ynode_free(map->items[i + 1]);
			memmove(&map->items[i], &map->items[i + 2],
				(map->n - i - 2) * sizeof *map->items);
			map->n -= 2;
			return true;
		}
	}
	return false;
}

/* Iterative so that a deep tree cannot exhaust the C stack. */
void ynode_free(struct ynode *n)
{
	if (!n)
		return;
	struct ynode **stack = NULL;
	size_t sn = 0, scap = 0;
	GROW(stack, scap, 1);
	stack[sn++] = n;
	while (sn) {
		struct ynode *x = stack[--sn];
		if (x->n) {
			GROW(stack, scap, size_add(sn, x->n));
			for (size_t i = 0; i < x->n; i++)
				stack[sn++] = x->items[i];
		}
		free(x->items);
		free(x->scalar);
		free(x);
	}
	free(stack);
}

struct ynode *ynode_clone(const struct ynode *n)
{
	if (!n)
		return NULL;
	struct ynode *c = node_new(n->type);
	c->style = n->style;
	c->line = n->line;
	c->col = n->col;
	if (n->type == YN_SCALAR) {
		c->scalar = xstrndup(n->scalar, n->scalar_len);
		c->scalar_len = n->scalar_len;
	}
	/* depth is bounded by ANNOT_MAX_DEPTH for parsed trees */
	for (size_t i = 0; i < n->n; i++)
		push(c, ynode_clone(n->items[i]));
	return c;
}

bool ynode_equal(const struct ynode *a, const struct ynode *b)
{
	if (!a || !b)
		return a == b;
	if (a->type != b->type || a->n != b->n)
		return false;
	if (a->type == YN_SCALAR &&
	    (a->scalar_len != b->scalar_len || memcmp(a->scalar, b->scalar, a->scalar_len) != 0))
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (!ynode_equal(a->items[i], b->items[i]))
			return false;
	return true;
}

static bool in_list(const char *s, size_t len, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
			return true;
	return false;
}

/* YAML 1.1 and 1.2 core: null, booleans and numbers. Anything that might be
 * read as one of them is treated as typed, so strings get quoted. */
bool ynode_plain_is_typed(const char *s, size_t len)
{
	static const char *const words[] = {
	    "",	     "~",     "null",  "Null",	"NULL",	 "y",	  "Y",	   "yes",   "Yes",
	    "YES",   "n",     "N",     "no",	"No",	 "NO",	  "true",  "True",  "TRUE",
	    "false", "False", "FALSE", "on",	"On",	 "ON",	  "off",   "Off",   "OFF",
	    ".inf",  ".Inf",  ".INF",  "-.inf", "-.Inf", "-.INF", "+.inf", "+.Inf", "+.INF",
	    ".nan",  ".NaN",  ".NAN",  "=",	"<<",	 NULL};
	if (in_list(s, len, words))
		return true;
	/* numbers: optional sign, then digits/._:xob and hex letters, starting
	 * with a digit or '.' followed by a digit */
	size_t i = 0;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	if (i >= len)
		return false;
	if (!(s[i] >= '0' && s[i] <= '9') &&
	    !(s[i] == '.' && i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '9'))
		return false;
	for (; i < len; i++) {
		char c = s[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
		      c == '.' || c == '_' || c == ':' || c == 'x' || c == 'o' || c == 'X' ||
		      c == 'O' || c == '+' || c == '-'))
			return false;
	}
	return true;
}

/* ---------------------------------------------------------------- parse */

struct pstate {
	const char *name;
	const char *data;
	size_t len;
	struct diag_list *d;
	size_t count;
};

/* libyaml 0.2.5 leaves problem_mark at 1:1 for reader errors; recompute the
 * position from the byte offset (columns counted in code points, as libyaml
 * does). Linear in the offset. */
static void offset_to_mark(const char *data, size_t len, size_t off, int *line, int *col)
{
	if (off > len)
		off = len;
	size_t ln = 1, bol = 0;
	for (const char *nl; (nl = memchr(data + bol, '\n', off - bol)) != NULL;) {
		ln++;
		bol = (size_t)(nl - data) + 1;
	}
	size_t c = 1;
	for (size_t i = bol; i < off;) {
		int32_t cp;
		i += text_decode(data + i, off - i, &cp);
		c++;
	}
	*line = ln > INT_MAX ? INT_MAX : (int)ln;
	*col = c > INT_MAX ? INT_MAX : (int)c;
}

/* Byte offset of a libyaml mark (0-based line, column in code points). */
static size_t mark_to_offset(const char *data, size_t len, size_t line, size_t col)
{
	size_t i = 0;
	for (size_t l = 0; l < line && i < len; l++) {
		const char *nl = memchr(data + i, '\n', len - i);
		i = nl ? (size_t)(nl - data) + 1 : len;
	}
	for (size_t c = 0; c < col && i < len && data[i] != '\n'; c++) {
		int32_t cp;
		i += text_decode(data + i, len - i, &cp);
	}
	return i;
}

static int clamp_int(size_t v)
{
	return v >= INT_MAX ? INT_MAX : (int)v;
}

static void err_at_mark(struct pstate *ps, yaml_mark_t m, const char *msg)
{
	diag_add(ps->d, ps->name, clamp_int(m.line + 1), clamp_int(m.column + 1), DIAG_ERROR, "%s",
		 msg);
}

static void parser_error(struct pstate *ps, yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "invalid YAML";
	if (p->error == YAML_MEMORY_ERROR) {
		diag_add(ps->d, ps->name, 1, 1, DIAG_ERROR, "out of memory while reading YAML");
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		int line, col;
		offset_to_mark(ps->data, ps->len, p->problem_offset, &line, &col);
		if (p->problem_value != -1)
			diag_add(ps->d, ps->name, line, col, DIAG_ERROR, "%s (#%X)", problem,
				 (unsigned)p->problem_value);
		else
			diag_add(ps->d, ps->name, line, col, DIAG_ERROR, "%s", problem);
		return;
	}
	yaml_mark_t m = p->problem_mark;
	size_t off = mark_to_offset(ps->data, ps->len, m.line, m.column);
	if (off < ps->len && ps->data[off] == '\t')
		problem = "a tab character cannot indent YAML (use spaces)";
	if (p->context)
		diag_add(ps->d, ps->name, clamp_int(m.line + 1), clamp_int(m.column + 1),
			 DIAG_ERROR, "%s %s", problem, p->context);
	else
		diag_add(ps->d, ps->name, clamp_int(m.line + 1), clamp_int(m.column + 1),
			 DIAG_ERROR, "%s", problem);
}

/* ------------------------------------------------------------ prescan */

/* The characters YAML allows in a stream (what libyaml's reader accepts). */
static bool yaml_printable(int32_t cp)
{
	return cp == 0x09 || cp == 0x0A || cp == 0x0D || (cp >= 0x20 && cp <= 0x7E) || cp == 0x85 ||
	       (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
	       (cp >= 0x10000 && cp <= 0x10FFFF);
}

/* true if all 8 bytes of w are printable ASCII (0x20..0x7E) */
static bool word_printable(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	/* a byte below 0x20: subtracting 0x20 borrows into its top bit while
	 * the byte's own top bit is clear */
	uint64_t below = (w - 0x20 * ones) & ~w & high;
	/* a byte of 0x7F or more: its top bit is set, or adding 1 sets it
	 * (a carry out of a byte only starts at 0xFF, itself caught) */
	uint64_t above = (w | (w + ones)) & high;
	return !(below | above);
}

/* libyaml's reader checks the encoding and the characters allowed as it
 * goes, so a bad byte after megabytes of comments costs a full parse. This
 * pass over the bytes finds the same problems first, at the speed of a
 * byte scan (8 at a time while they are printable ASCII). Returns false
 * after a diagnostic at LINE:COL (columns in code points, as libyaml). */
static bool prescan(struct pstate *ps)
{
	const char *s = ps->data;
	size_t len = ps->len, line = 1, bol = 0, i = 0;
	while (i < len) {
		if (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (word_printable(w)) {
				i += 8;
				continue;
			}
		}
		size_t end = i + 8 < len ? i + 8 : len;
		while (i < end) {
			unsigned char c = (unsigned char)s[i];
			int32_t cp = c;
			size_t n = 1;
			if (c >= 0x80)
				n = text_decode(s + i, len - i, &cp);
			bool invalid = cp == TEXT_REPLACEMENT && n == 1;
			if (invalid || !yaml_printable(cp)) {
				/* everything before i is valid UTF-8: a code point
				 * is a byte that is not a continuation byte */
				size_t col = 1;
				for (size_t k = bol; k < i; k++)
					col += ((unsigned char)s[k] & 0xC0) != 0x80;
				if (invalid)
					diag_add(ps->d, ps->name, clamp_int(line), clamp_int(col),
						 DIAG_ERROR, "invalid UTF-8 (#%02X)", c);
				else
					diag_add(ps->d, ps->name, clamp_int(line), clamp_int(col),
						 DIAG_ERROR,
						 "control characters are not allowed (#%X)",
						 (unsigned)cp);
				return false;
			}
			if (c == '\n') {
				line++;
				bol = i + 1;
			}
			i += n;
		}
	}
	return true;
}

/* ------------------------------------------------------------ feeding */

/* libyaml reads a scalar (or a run of comments) whole before it returns an
 * event, so the scalar limit alone would cost a parse of the whole file. Its
 * input comes through this handler instead, which hands out no more than
 * ANNOT_MAX_GAP bytes past the point reached at the last event and then
 * reports the end of the input: libyaml finishes on the cut text, and
 * whatever it says next is reported as a refusal (ynode_parse). */
struct feed {
	const char *data;
	size_t len;
	size_t pos;   /* bytes handed to libyaml */
	size_t limit; /* none past this */
	bool cut;     /* the input was cut at pos */
};

static int feed_read(void *v, unsigned char *buf, size_t size, size_t *got)
{
	struct feed *f = v;
	size_t end = f->len < f->limit ? f->len : f->limit;
	size_t n = end > f->pos ? end - f->pos : 0;
	if (n > size)
		n = size;
	if (!n && f->pos < f->len)
		f->cut = true;
	memcpy(buf, f->data + f->pos, n);
	f->pos += n;
	*got = n;
	return 1;
}

/* The input was cut (see struct feed). Pull what libyaml makes of the rest
 * (*ev holds its last answer if have, else it failed): a scalar over the
 * limit, or a token still being scanned where the input ended that began
 * more than ANNOT_MAX_SCALAR bytes before it, is reported where it starts;
 * anything else (a long run of comments) at the end of the last event
 * before the cut, last. */
static void report_cut(struct pstate *ps, yaml_parser_t *p, const struct feed *f, yaml_event_t *ev,
		       bool have, yaml_mark_t last)
{
	for (;;) {
		if (!have) {
			if (p->error == YAML_SCANNER_ERROR && p->context) {
				yaml_mark_t m = p->context_mark;
				size_t off = mark_to_offset(ps->data, ps->len, m.line, m.column);
				if (f->pos > off && f->pos - off > ANNOT_MAX_SCALAR) {
					diag_add(ps->d, ps->name, clamp_int(m.line + 1),
						 clamp_int(m.column + 1), DIAG_ERROR,
						 "scalar too long (over %u bytes, limit %u)",
						 (unsigned)ANNOT_MAX_SCALAR,
						 (unsigned)ANNOT_MAX_SCALAR);
					return;
				}
			}
			break;
		}
		bool end = ev->type == YAML_STREAM_END_EVENT;
		if (ev->type == YAML_SCALAR_EVENT && ev->data.scalar.length > ANNOT_MAX_SCALAR) {
			yaml_mark_t m = ev->start_mark;
			diag_add(ps->d, ps->name, clamp_int(m.line + 1), clamp_int(m.column + 1),
				 DIAG_ERROR, "scalar too long (over %u bytes, limit %u)",
				 (unsigned)ANNOT_MAX_SCALAR, (unsigned)ANNOT_MAX_SCALAR);
			yaml_event_delete(ev);
			return;
		}
		yaml_event_delete(ev);
		if (end)
			break;
		have = yaml_parser_parse(p, ev);
	}
	diag_add(ps->d, ps->name, clamp_int(last.line + 1), clamp_int(last.column + 1), DIAG_ERROR,
		 "more than %u bytes without a YAML node after this point (a scalar or a run of "
		 "comments over the limit)",
		 (unsigned)ANNOT_MAX_GAP);
}

static int style_of(yaml_scalar_style_t s)
{
	switch (s) {
	case YAML_PLAIN_SCALAR_STYLE:
		return YS_PLAIN;
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
		return YS_SINGLE;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		return YS_DOUBLE;
	case YAML_LITERAL_SCALAR_STYLE:
		return YS_LITERAL;
	case YAML_FOLDED_SCALAR_STYLE:
		return YS_FOLDED;
	default:
		return YS_ANY;
	}
}

static int cmp_keyp(const void *a, const void *b)
{
	const struct ynode *x = *(const struct ynode *const *)a;
	const struct ynode *y = *(const struct ynode *const *)b;
	size_t n = x->scalar_len < y->scalar_len ? x->scalar_len : y->scalar_len;
	int c = memcmp(x->scalar, y->scalar, n);
	if (c)
		return c;
	if (x->scalar_len != y->scalar_len)
		return x->scalar_len < y->scalar_len ? -1 : 1;
	/* equal keys: the later one sorts last, so it is the one reported */
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

/* Duplicate keys make a document ambiguous; sort a copy of the keys
 * (n log n, never quadratic) and compare neighbours. */
static bool check_dup_keys(struct pstate *ps, const struct ynode *map)
{
	size_t nk = map->n / 2;
	if (nk < 2)
		return true;
	const struct ynode **keys = xreallocarray(NULL, nk, sizeof *keys);
	for (size_t i = 0; i < nk; i++)
		keys[i] = map->items[2 * i];
	qsort(keys, nk, sizeof *keys, cmp_keyp);
	bool ok = true;
	for (size_t i = 1; i < nk; i++) {
		if (cmp_keyp(&keys[i - 1], &keys[i]) != 0 &&
		    keys[i - 1]->scalar_len == keys[i]->scalar_len &&
		    memcmp(keys[i - 1]->scalar, keys[i]->scalar, keys[i]->scalar_len) == 0) {
			char *k = text_sanitize(keys[i]->scalar, keys[i]->scalar_len, false);
			diag_add(ps->d, ps->name, keys[i]->line, keys[i]->col, DIAG_ERROR,
				 "duplicate key \"%s\" (first at line %d)", k, keys[i - 1]->line);
			free(k);
			ok = false;
			break;
		}
	}
	free(keys);
	return ok;
}

static bool tag_ok(const yaml_char_t *tag)
{
	if (!tag)
		return true;
	const char *t = (const char *)tag;
	return strcmp(t, "tag:yaml.org,2002:str") == 0 || strcmp(t, "!") == 0;
}

struct ynode *ynode_parse(const char *name, const char *data, size_t len, struct diag_list *d)
{
	struct pstate ps = {name, data, len, d, 0};
	if (len > ANNOT_MAX_FILE) {
		diag_add(d, name, 1, 1, DIAG_ERROR, "file too large (%zu bytes, limit %u)", len,
			 (unsigned)ANNOT_MAX_FILE);
		return NULL;
	}
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p)) {
		diag_add(d, name, 1, 1, DIAG_ERROR, "cannot initialise the YAML parser");
		return NULL;
	}
	if (!prescan(&ps)) {
		yaml_parser_delete(&p);
		return NULL;
	}
	struct feed f = {data, len, 0, ANNOT_MAX_GAP, false};
	const size_t max_nodes = annot_max_nodes(len);
	yaml_parser_set_input(&p, feed_read, &f);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	yaml_mark_t last = {0, 0, 0}; /* end of the last event */

	struct ynode *root = NULL;
	struct ynode **stack = NULL; /* open collections */
	size_t depth = 0, scap = 0;
	int docs = 0;
	bool failed = false, done = false;

	while (!done && !failed) {
		yaml_event_t ev;
		int got = yaml_parser_parse(&p, &ev);
		if (f.cut) {
			report_cut(&ps, &p, &f, &ev, got, last);
			failed = true;
			break;
		}
		if (!got) {
			parser_error(&ps, &p);
			failed = true;
			break;
		}
		last = ev.end_mark;
		f.limit = size_add(f.pos, ANNOT_MAX_GAP);
		yaml_mark_t m = ev.start_mark;
		struct ynode *made = NULL;
		switch (ev.type) {
		case YAML_STREAM_START_EVENT:
		case YAML_NO_EVENT:
			break;
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				err_at_mark(&ps, m, "more than one YAML document");
				failed = true;
			}
			break;
		case YAML_DOCUMENT_END_EVENT:
			break;
		case YAML_ALIAS_EVENT:
			err_at_mark(&ps, m, "aliases are not allowed");
			failed = true;
			break;
		case YAML_SCALAR_EVENT:
			if (ev.data.scalar.anchor) {
				err_at_mark(&ps, m, "anchors are not allowed");
				failed = true;
			} else if (!tag_ok(ev.data.scalar.tag)) {
				err_at_mark(&ps, m, "tags other than !!str are not allowed");
				failed = true;
			} else if (ev.data.scalar.length > ANNOT_MAX_SCALAR) {
				diag_add(d, name, clamp_int(m.line + 1), clamp_int(m.column + 1),
					 DIAG_ERROR, "scalar too long (%zu bytes, limit %u)",
					 ev.data.scalar.length, (unsigned)ANNOT_MAX_SCALAR);
				failed = true;
			} else {
				int st = style_of(ev.data.scalar.style);
				/* an explicit !!str makes a plain scalar a string */
				if (ev.data.scalar.tag && st == YS_PLAIN)
					st = YS_ANY;
				made = ynode_scalar_newn((const char *)ev.data.scalar.value,
							 ev.data.scalar.length, st);
			}
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			bool seq = ev.type == YAML_SEQUENCE_START_EVENT;
			const yaml_char_t *anchor =
			    seq ? ev.data.sequence_start.anchor : ev.data.mapping_start.anchor;
			const yaml_char_t *tag =
			    seq ? ev.data.sequence_start.tag : ev.data.mapping_start.tag;
			if (anchor) {
				err_at_mark(&ps, m, "anchors are not allowed");
				failed = true;
			} else if (tag) {
				err_at_mark(&ps, m, "tags are not allowed");
				failed = true;
			} else if (depth >= ANNOT_MAX_DEPTH) {
				diag_add(d, name, clamp_int(m.line + 1), clamp_int(m.column + 1),
					 DIAG_ERROR, "nesting deeper than %d levels",
					 ANNOT_MAX_DEPTH);
				failed = true;
			} else {
				made = node_new(seq ? YN_SEQ : YN_MAP);
			}
			break;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (depth) {
				struct ynode *c = stack[--depth];
				if (c->type == YN_MAP && !check_dup_keys(&ps, c))
					failed = true;
			}
			break;
		}
		if (made) {
			made->line = clamp_int(m.line + 1);
			made->col = clamp_int(m.column + 1);
			if (++ps.count > max_nodes) {
				diag_add(d, name, clamp_int(m.line + 1), clamp_int(m.column + 1),
					 DIAG_ERROR,
					 "too many YAML nodes (limit %zu for %zu bytes: one per %u "
					 "bytes and %u)",
					 max_nodes, len, (unsigned)ANNOT_BYTES_PER_NODE,
					 (unsigned)ANNOT_NODES_FLOOR);
				ynode_free(made);
				failed = true;
			} else {
				if (depth) {
					struct ynode *parent = stack[depth - 1];
					/* keys must be scalars: they name things */
					if (parent->type == YN_MAP && parent->n % 2 == 0 &&
					    made->type != YN_SCALAR) {
						err_at_mark(&ps, m, "mapping keys must be scalars");
						ynode_free(made);
						made = NULL;
						failed = true;
					} else {
						push(parent, made);
					}
				} else if (!root) {
					root = made;
				}
				if (made && made->type != YN_SCALAR) {
					GROW(stack, scap, depth + 1);
					stack[depth++] = made;
				}
			}
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	free(stack);
	if (failed) {
		ynode_free(root);
		return NULL;
	}
	if (!root) {
		diag_add(d, name, 1, 1, DIAG_ERROR, "no YAML document (empty file)");
		return NULL;
	}
	return root;
}

/* ----------------------------------------------------------------- emit */

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
	buf_add(data, (const char *)buffer, size);
	return 1;
}

static bool has_newline(const struct ynode *n)
{
	return memchr(n->scalar, '\n', n->scalar_len) != NULL;
}

static int emit_scalar(yaml_emitter_t *e, const struct ynode *n)
{
	yaml_event_t ev;
	yaml_scalar_style_t st = YAML_ANY_SCALAR_STYLE;
	int plain_implicit = 1, quoted_implicit = 1;
	switch (n->style) {
	case YS_PLAIN:
		st = YAML_PLAIN_SCALAR_STYLE;
		break;
	case YS_SINGLE:
		st = YAML_SINGLE_QUOTED_SCALAR_STYLE;
		plain_implicit = 0;
		break;
	case YS_DOUBLE:
		st = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
		plain_implicit = 0;
		break;
	case YS_LITERAL:
		st = YAML_LITERAL_SCALAR_STYLE;
		plain_implicit = 0;
		break;
	case YS_FOLDED:
		st = YAML_FOLDED_SCALAR_STYLE;
		plain_implicit = 0;
		break;
	default:
		/* a string: plain only when it cannot be read as anything else;
		 * multi-line text reads best as a literal block (the emitter
		 * falls back to quoting when a block cannot hold it) */
		if (ynode_plain_is_typed(n->scalar, n->scalar_len))
			plain_implicit = 0;
		if (has_newline(n))
			st = YAML_LITERAL_SCALAR_STYLE;
		break;
	}
	if (n->scalar_len > INT_MAX)
		return 0;
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)n->scalar,
					  (int)n->scalar_len, plain_implicit, quoted_implicit, st))
		return 0;
	return yaml_emitter_emit(e, &ev);
}

static int emit_node(yaml_emitter_t *e, const struct ynode *n, int depth)
{
	yaml_event_t ev;
	if (depth > ANNOT_MAX_DEPTH * 4)
		return 0;
	if (n->type == YN_SCALAR)
		return emit_scalar(e, n);
	if (n->type == YN_SEQ) {
		if (!yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
							  YAML_BLOCK_SEQUENCE_STYLE) ||
		    !yaml_emitter_emit(e, &ev))
			return 0;
		for (size_t i = 0; i < n->n; i++)
			if (!emit_node(e, n->items[i], depth + 1))
				return 0;
		return yaml_sequence_end_event_initialize(&ev) && yaml_emitter_emit(e, &ev);
	}
	if (!yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE) ||
	    !yaml_emitter_emit(e, &ev))
		return 0;
	for (size_t i = 0; i + 1 < n->n; i += 2)
		if (!emit_node(e, n->items[i], depth + 1) ||
		    !emit_node(e, n->items[i + 1], depth + 1))
			return 0;
	return yaml_mapping_end_event_initialize(&ev) && yaml_emitter_emit(e, &ev);
}

int ynode_emit(const struct ynode *root, struct buf *out)
{
	yaml_emitter_t e;
	yaml_event_t ev;
	if (!root || !yaml_emitter_initialize(&e))
		return -1;
	yaml_emitter_set_output(&e, write_handler, out);
	yaml_emitter_set_encoding(&e, YAML_UTF8_ENCODING);
	yaml_emitter_set_unicode(&e, 1);
	yaml_emitter_set_width(&e, -1);
	yaml_emitter_set_indent(&e, 2);
	yaml_emitter_set_break(&e, YAML_LN_BREAK);
	int ok = yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) &&
		 yaml_emitter_emit(&e, &ev) &&
		 yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) &&
		 yaml_emitter_emit(&e, &ev) && emit_node(&e, root, 0) &&
		 yaml_document_end_event_initialize(&ev, 1) && yaml_emitter_emit(&e, &ev) &&
		 yaml_stream_end_event_initialize(&ev) && yaml_emitter_emit(&e, &ev) &&
		 yaml_emitter_flush(&e);
	yaml_emitter_delete(&e);
	return ok ? 0 : -1;
}
