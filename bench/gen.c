/* gen: deterministic bench articles. Writes a pair of articles about the
 * same (invented) story, DIR/NAME-a.md (Markdown: headings, emphasis, links,
 * one source line per paragraph) and DIR/NAME-b.txt (plain text, hard-wrapped
 * at 72 columns), each about SIZE bytes of mixed ASCII, accented Latin
 * (a few decomposed, so NFC has work to do) and CJK, plus DIR/NAME.yaml, an
 * annotation file with NCLAIMS claims per article quoting sentences spread
 * evenly through the text and a `rebuts` link between each pair.
 * Same arguments, same bytes: the generator is a fixed xorshift sequence.
 * usage: gen DIR NAME SIZE NCLAIMS */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)((rng_state >> 11) % n);
}

static const char *const ascii_words[] = {
    "the",	 "government",	 "said",     "on",	  "Monday",	 "that",     "its",
    "officials", "had",		 "found",    "evidence",  "of",		 "a",	     "large",
    "campaign",	 "against",	 "mail",     "servers",	  "in",		 "dozens",   "countries",
    "and",	 "that",	 "the",	     "attackers", "used",	 "a",	     "flaw",
    "which",	 "was",		 "patched",  "only",	  "after",	 "months",   "spokesman",
    "denied",	 "any",		 "role",     "called",	  "accusations", "baseless", "report",
    "security",	 "firms",	 "analysts", "network",	  "data",	 "stolen",   "from",
    "companies", "universities", "ministry", "foreign",	  "statement",	 "week",     "experts"};
static const char *const accent_words[] = {
    "café",    "Zürich", "São Paulo", "résumé",	  "naïve", "Łódź",	   "Ærøskøbing",
    "déjà vu", "façade", "Málaga",    "Göteborg", "señor", "crème brûlée", "Kraków"};
/* decomposed: e + COMBINING ACUTE, A + COMBINING RING ABOVE */
static const char *const decomposed_words[] = {"cafe\xcc\x81", "A\xcc\x8angstro\xcc\x88m"};
static const char *const cjk_words[] = {"外交部发言人", "网络攻击", "微软",	"中国", "美国政府",
					"黑客",		"报告",	    "安全公司", "東京", "서울"};

static void word(FILE *f)
{
	uint32_t r = rnd(1000);
	if (r < 2)
		fputs(decomposed_words[rnd(2)], f);
	else if (r < 90)
		fputs(accent_words[rnd(sizeof accent_words / sizeof *accent_words)], f);
	else if (r < 150)
		fputs(cjk_words[rnd(sizeof cjk_words / sizeof *cjk_words)], f);
	else
		fputs(ascii_words[rnd(sizeof ascii_words / sizeof *ascii_words)], f);
}

/* a sentence into a memory buffer (so the plain text can be hard-wrapped) */
static void sentence(FILE *f, int md)
{
	int n = 8 + (int)rnd(14);
	fputs("The", f);
	for (int i = 0; i < n; i++) {
		fputc(' ', f);
		uint32_t r = md ? rnd(100) : 100;
		if (r < 3) {
			fputc('*', f);
			word(f);
			fputc('*', f);
		} else if (r < 5) {
			fputs("**", f);
			word(f);
			fputs("**", f);
		} else if (r < 6) {
			fputc('[', f);
			word(f);
			fputs("](https://example.org/a)", f);
		} else if (r < 7) {
			fputc('`', f);
			word(f);
			fputc('`', f);
		} else {
			word(f);
		}
	}
	fputs(". ", f);
}

/* the quoted sentence of claim k: plain words, unique by its number */
static void claim_text(char *out, size_t max, char side, unsigned k)
{
	snprintf(out, max,
		 "the report numbered %c%u said the café in Zürich was never part of the "
		 "网络攻击 operation",
		 side, k);
}

static void wrap_out(FILE *out, const char *p, size_t n, size_t *col)
{
	/* hard-wrap at 72 bytes on spaces */
	size_t i = 0;
	while (i < n) {
		const char *sp = memchr(p + i, ' ', n - i);
		size_t wl = sp ? (size_t)(sp - (p + i)) + 1 : n - i;
		if (*col + wl > 72 && *col > 0) {
			fputc('\n', out);
			*col = 0;
		}
		fwrite(p + i, 1, wl, out);
		*col += wl;
		i += wl;
	}
}

static void article(const char *path, char side, size_t size, unsigned nclaims, int md)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(2);
	}
	if (md)
		fprintf(f,
			"---\ntitle: \"Bench article %c (%zu bytes)\"\noutlet: Bench Wire\n"
			"date: 2021-07-19\n---\n\n# Bench article %c\n\n",
			side, size, side);
	else
		fprintf(f, "Bench article %c (%zu bytes)\n\n", side, size);
	size_t written = (size_t)ftell(f);
	unsigned next_claim = 0, para = 0;
	char *mem = NULL;
	size_t memlen = 0;
	while (written < size) {
		FILE *p = open_memstream(&mem, &memlen);
		if (md && para % 25 == 24) {
			fputs("## ", p);
			word(p);
			fputc(' ', p);
			word(p);
			fputs("\n\n", p);
		}
		int ns = 2 + (int)rnd(6);
		for (int s = 0; s < ns; s++) {
			if (next_claim < nclaims &&
			    written + (size_t)ftell(p) >= (size_t)next_claim * (size / nclaims)) {
				char q[256];
				claim_text(q, sizeof q, side, next_claim++);
				fprintf(p, "Then %s. ", q);
			}
			sentence(p, md);
		}
		fclose(p);
		/* drop the trailing space */
		if (memlen && mem[memlen - 1] == ' ')
			memlen--;
		if (md) {
			fwrite(mem, 1, memlen, f);
		} else {
			size_t col = 0;
			wrap_out(f, mem, memlen, &col);
		}
		fputs("\n\n", f);
		written = (size_t)ftell(f);
		free(mem);
		mem = NULL;
		para++;
	}
	fclose(f);
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: gen DIR NAME SIZE NCLAIMS\n");
		return 2;
	}
	const char *dir = argv[1], *name = argv[2];
	size_t size = strtoull(argv[3], NULL, 10);
	unsigned nclaims = (unsigned)strtoul(argv[4], NULL, 10);
	if (size < 1024 || nclaims < 1) {
		fprintf(stderr, "gen: SIZE >= 1024 and NCLAIMS >= 1\n");
		return 2;
	}
	char path[4096];
	rng_state = 0x9E3779B97F4A7C15ull ^ size;
	snprintf(path, sizeof path, "%s/%s-a.md", dir, name);
	article(path, 'a', size, nclaims, 1);
	snprintf(path, sizeof path, "%s/%s-b.txt", dir, name);
	article(path, 'b', size, nclaims, 0);

	snprintf(path, sizeof path, "%s/%s.yaml", dir, name);
	FILE *y = fopen(path, "w");
	if (!y) {
		perror(path);
		return 2;
	}
	fprintf(y,
		"# generated by bench/gen.c: do not edit\nversion: 1\narticles:\n"
		"  - id: a\n    path: %s-a.md\n  - id: b\n    path: %s-b.txt\nclaims:\n",
		name, name);
	char q[256];
	for (unsigned k = 0; k < nclaims; k++) {
		claim_text(q, sizeof q, 'a', k);
		fprintf(y, "  - id: a%u\n    article: a\n    kind: accusation\n    quote: \"%s\"\n",
			k, q);
		claim_text(q, sizeof q, 'b', k);
		fprintf(y, "  - id: b%u\n    article: b\n    kind: rebuttal\n    quote: \"%s\"\n",
			k, q);
	}
	fputs("links:\n", y);
	for (unsigned k = 0; k < nclaims; k++)
		fprintf(y, "  - from: b%u\n    to: a%u\n    rel: rebuts\n", k, k);
	fclose(y);
	return 0;
}
