/* Unit tests for match: number normalisation, the pairs found in small
 * texts (with exact offsets), options, relations, case folding, names,
 * spellings, acronyms, number words, WordNet's soft matches, rebuttals
 * with few shared words, and contradictions; that articles prepared once
 * in a story (match_story_new) give the pairs match_articles gives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread/base/util.h"
#include "crossread/match/match.h"
#include "crossread/match/wnet.h"

static void test_numbers(void **state)
{
	(void)state;
	char out[32];
	assert_int_equal(match_number("30,000", 6, out, sizeof out), 5);
	assert_string_equal(out, "30000");
	assert_int_equal(match_number("30000", 5, out, sizeof out), 5);
	assert_string_equal(out, "30000");
	assert_int_equal(match_number("1,500,000", 9, out, sizeof out), 7);
	assert_string_equal(out, "1500000");
	assert_int_equal(match_number("4.2", 3, out, sizeof out), 3);
	assert_string_equal(out, "4.2");
	assert_int_equal(match_number("abc", 3, out, sizeof out), 0);
	assert_int_equal(match_number("30,", 3, out, sizeof out), 0);
	assert_int_equal(match_number("", 0, out, sizeof out), 0);
	/* too long for the buffer: not a number worth matching */
	assert_int_equal(match_number("123456", 6, out, 4), 0);
}

static const char A[] = "The weather was fine on Monday. Last March, Microsoft reported that at "
			"least 30,000 customers were affected by a hack. Tesla built a new data "
			"center near the coast.";
static const char B[] = "Allies backed the joint statement. The Microsoft hack affected at "
			"least 30,000 US organizations including local governments. Russia "
			"denies responsibility.";

/* Every pair, however low it scores: two-sentence texts give BM25 little
 * to go on (idf over four sentences), so the default threshold, chosen
 * on real articles, leaves most of them out. */
static const struct match_opts *all_pairs(void)
{
	static struct match_opts o;
	match_opts_default(&o);
	o.min_score = 0;
	return &o;
}

static size_t find(const char *hay, const char *needle)
{
	const char *p = strstr(hay, needle);
	assert_non_null(p);
	return (size_t)(p - hay);
}

static void test_pair_30000(void **state)
{
	(void)state;
	struct match_pair *pv;
	size_t n = match_articles(A, strlen(A), B, strlen(B), all_pairs(), &pv);
	assert_true(n >= 1);
	const char *sa = "Last March, Microsoft reported that at least 30,000 customers were "
			 "affected by a hack.";
	const char *sb = "The Microsoft hack affected at least 30,000 US organizations "
			 "including local governments.";
	assert_int_equal(pv[0].a_start, find(A, sa));
	assert_int_equal(pv[0].a_end, find(A, sa) + strlen(sa));
	assert_int_equal(pv[0].b_start, find(B, sb));
	assert_int_equal(pv[0].b_end, find(B, sb) + strlen(sb));
	assert_true(pv[0].mutual);
	assert_int_equal(pv[0].rel, REL_SAME);
	assert_true(pv[0].score > 0 && pv[0].score < 1);
	for (size_t i = 1; i < n; i++)
		assert_true(pv[i].score <= pv[i - 1].score);
	free(pv);
}

static void test_number_forms_match(void **state)
{
	(void)state;
	const char *a = "Around 30000 accounts leaked. Cats sleep a lot.";
	const char *b = "Dogs bark at night. Exactly 30,000 accounts leaked.";
	struct match_opts o;
	match_opts_default(&o);
	o.min_score = 0;
	struct match_pair *pv;
	size_t n = match_articles(a, strlen(a), b, strlen(b), &o, &pv);
	assert_true(n >= 1);
	assert_int_equal(pv[0].a_start, 0);
	assert_int_equal(pv[0].b_start, find(b, "Exactly"));
	free(pv);
}

/* Numbers are told after NFKC folding: full-width digits and separators
 * are the number they fold to. */
static void test_fullwidth_numbers(void **state)
{
	(void)state;
	/* "３０,０００" and "３０，０００" (full-width comma) */
	const char *as[] = {"The total was \xef\xbc\x93\xef\xbc\x90,\xef\xbc\x90\xef\xbc\x90"
			    "\xef\xbc\x90.",
			    "The total was \xef\xbc\x93\xef\xbc\x90\xef\xbc\x8c\xef\xbc\x90"
			    "\xef\xbc\x90\xef\xbc\x90."};
	/* the wrong number first: a tie on "total" alone would pick it */
	const char *b = "The total was 45000. The total was 30000.";
	for (size_t i = 0; i < 2; i++) {
		struct match_pair *pv;
		size_t n = match_articles(as[i], strlen(as[i]), b, strlen(b), all_pairs(), &pv);
		assert_true(n >= 1);
		assert_int_equal(pv[0].a_start, 0);
		assert_int_equal(pv[0].b_start, find(b, "The total was 30000."));
		assert_true(n == 1 || pv[0].score > pv[1].score);
		free(pv);
	}
}

static void test_rebuts(void **state)
{
	(void)state;
	const char *a = "The United States accused China of the Microsoft Exchange hack.";
	const char *b = "China denied the Microsoft Exchange hack allegations as groundless.";
	struct match_pair *pv;
	size_t n = match_articles(a, strlen(a), b, strlen(b), all_pairs(), &pv);
	assert_int_equal(n, 1);
	assert_int_equal(pv[0].sa, STANCE_ACCUSATION);
	assert_int_equal(pv[0].sb, STANCE_REBUTTAL);
	assert_int_equal(pv[0].rel, REL_REBUTS);
	free(pv);
}

static void test_options(void **state)
{
	(void)state;
	struct match_opts o;
	match_opts_default(&o);
	o.min_score = 0;
	struct match_pair *pv;
	size_t all = match_articles(A, strlen(A), B, strlen(B), &o, &pv);
	free(pv);
	assert_true(all >= 1);
	o.top = 1;
	assert_int_equal(match_articles(A, strlen(A), B, strlen(B), &o, &pv), 1);
	free(pv);
	o.top = 0;
	o.min_score = 50;
	assert_int_equal(match_articles(A, strlen(A), B, strlen(B), &o, &pv), 0);
	assert_null(pv);
	/* without stemming "affected" still matches "affected" */
	o = *all_pairs();
	o.stem = false;
	assert_true(match_articles(A, strlen(A), B, strlen(B), &o, &pv) >= 1);
	free(pv);
}

static void test_nothing_shared(void **state)
{
	(void)state;
	struct match_pair *pv = (struct match_pair *)1;
	assert_int_equal(match_articles("", 0, "", 0, NULL, &pv), 0);
	assert_null(pv);
	const char *a = "Cats sleep.", *b = "Dogs bark.";
	assert_int_equal(match_articles(a, strlen(a), b, strlen(b), NULL, &pv), 0);
	assert_null(pv);
	/* stop words alone are nothing */
	a = "It was the one.";
	b = "It was the other.";
	assert_int_equal(match_articles(a, strlen(a), b, strlen(b), NULL, &pv), 0);
}

/* Regression, found by fuzz_match (commit 7300950; its input is kept as
 * tests/fuzz/match/regress-7300950-empty-token-list): a sentence that
 * gives no token at all ("It was." is stop words only, "a." too short),
 * first on its side, had its empty token list sorted through a null
 * pointer. A sanitizer build (make check SANITIZE=1) fails on that; every
 * build checks the other sentences still match. */
static void test_regression_empty_token_list(void **state)
{
	(void)state;
	const char *a = "It was. Cats sleep all day.";
	const char *b = "a. Cats sleep at night.";
	struct match_pair *pv;
	size_t n = match_articles(a, strlen(a), b, strlen(b), all_pairs(), &pv);
	assert_int_equal(n, 1);
	assert_int_equal(pv[0].a_start, find(a, "Cats"));
	assert_int_equal(pv[0].b_start, find(b, "Cats"));
	free(pv);
	/* nothing but token-less sentences, either side */
	const char *none = "It was. a. Is it?";
	assert_int_equal(match_articles(none, strlen(none), b, strlen(b), NULL, &pv), 0);
	assert_null(pv);
	assert_int_equal(match_articles(a, strlen(a), none, strlen(none), NULL, &pv), 0);
	assert_null(pv);
}

static void test_case_folding(void **state)
{
	(void)state;
	/* NFKC case folding: STRASSE = Straße, full-width letters = ASCII */
	const char *a = "Die Stra\xc3\x9f"
			"e Hauptbahnhof Gleis.";
	const char *b = "DIE STRASSE HAUPTBAHNHOF \xef\xbc\xa7\xef\xbc\xac\xef\xbc\xa5\xef\xbc\xa9"
			"\xef\xbc\xb3.";
	struct match_pair *pv;
	size_t n = match_articles(a, strlen(a), b, strlen(b), all_pairs(), &pv);
	assert_int_equal(n, 1);
	assert_int_equal(pv[0].a_end, strlen(a));
	assert_int_equal(pv[0].b_end, strlen(b));
	free(pv);
}

static void test_us_forms(void **state)
{
	(void)state;
	/* U.S., US and United States are one name */
	const char *a = "The U.S. imposed tariffs on steel.";
	const char *b = "The United States imposed tariffs on steel.";
	const char *c = "The Union imposed tariffs on steel.";
	struct match_pair *pv;
	size_t n = match_articles(a, strlen(a), b, strlen(b), all_pairs(), &pv);
	assert_int_equal(n, 1);
	double us = pv[0].score;
	free(pv);
	/* the same sentence with another name scores less */
	n = match_articles(a, strlen(a), c, strlen(c), all_pairs(), &pv);
	assert_int_equal(n, 1);
	assert_true(pv[0].score < us);
	free(pv);
}

/* The score of the best pair of a and b (all pairs kept), 0 if none; its
 * relation in *rel when rel is not NULL. */
static double best(const char *a, const char *b, bool wordnet, enum link_rel *rel)
{
	struct match_opts o = *all_pairs();
	o.wordnet = wordnet;
	struct match_pair *pv;
	size_t n = match_articles(a, strlen(a), b, strlen(b), &o, &pv);
	double sc = n ? pv[0].score : 0;
	if (rel && n)
		*rel = pv[0].rel;
	free(pv);
	return sc;
}

/* A capitalised word inside a sentence is a name, not a stop word. */
static void test_names_kept(void **state)
{
	(void)state;
	const char *a = "Critics in parliament attacked May over the deal.";
	double may = best(a, "Critics in parliament attacked May over the deal.", true, NULL);
	double other = best(a, "Critics in parliament attacked Hale over the deal.", true, NULL);
	assert_true(may > other);
	/* lower case, "may" stays a stop word */
	double verb = best("Critics may attack the deal.", "Critics attack the deal.", true, NULL);
	double same = best("Critics attack the deal.", "Critics attack the deal.", true, NULL);
	assert_true(verb > 0);
	assert_true(fabs(verb - same) < 1e-9);
}

/* British and American spellings are one word. */
static void test_spellings(void **state)
{
	(void)state;
	const char *uk = "The defence ministry analysed the colour of the theatre curtains.";
	const char *us = "The defense ministry analyzed the color of the theater curtains.";
	double cross = best(uk, us, false, NULL), self = best(uk, uk, false, NULL);
	assert_true(cross > 0);
	assert_true(fabs(cross - self) < 1e-9);
}

/* An acronym a text defines stands for its expansion, in both articles. */
static void test_acronyms(void **state)
{
	(void)state;
	const char *b = "The Russian anti-doping agency suspended its director.";
	const char *def = "Skiers trust the Russian Anti-Doping Agency (RUSADA) less. "
			  "On Monday RUSADA suspended its director.";
	const char *undef = "Skiers trust the sports agency less. On Monday RUSADA suspended "
			    "its director.";
	struct match_pair *pv;
	size_t n = match_articles(def, strlen(def), b, strlen(b), all_pairs(), &pv);
	assert_true(n >= 1);
	assert_int_equal(pv[0].a_start, find(def, "On Monday"));
	double with = pv[0].score;
	free(pv);
	n = match_articles(undef, strlen(undef), b, strlen(b), all_pairs(), &pv);
	double without = 0;
	for (size_t i = 0; i < n; i++)
		if (pv[i].a_start == find(undef, "On Monday"))
			without = pv[i].score;
	free(pv);
	assert_true(with > without);
}

/* An acronym no text defines stands for the run of capitalised words
 * that spells it in either text ("the JIT", "the Dutch-led Joint
 * Investigation Team"), past "of", "for" and "the"; "US" keeps its own
 * alias. */
static void test_acronym_spelt_out(void **state)
{
	(void)state;
	const char *a = "Officers of the Dutch-led Joint Investigation Team found the launcher.";
	double jit = best(a, "The JIT found the launcher in a field.", false, NULL);
	double other = best(a, "The XQZ found the launcher in a field.", false, NULL);
	assert_true(jit > other);
	const char *o = "Inspectors of the Organisation for the Prohibition of Chemical Weapons "
			"came.";
	assert_true(best(o, "OPCW inspectors came.", false, NULL) >
		    best(o, "XQZW inspectors came.", false, NULL));
	/* a run whose initials do not spell it is no expansion */
	assert_true(fabs(best("Officers of the Joint Police Team found it.", "The JIT found it.",
			      false, NULL) -
			 best("Officers of the Joint Police Team found it.", "The XQZ found it.",
			      false, NULL)) < 1e-9);
}

/* Number words are the numbers they name. */
static void test_number_words(void **state)
{
	(void)state;
	const char *pairs[][2] = {
	    {"Police arrested four men in the port.", "Police arrested 4 men in the port."},
	    {"Hackers reached thirty thousand accounts.", "Hackers reached 30,000 accounts."},
	    {"Hackers reached twenty-five servers.", "Hackers reached 25 servers."},
	    {"The fund lost 4.2 million dollars.", "The fund lost 4,200,000 dollars."},
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		double cross = best(pairs[i][0], pairs[i][1], false, NULL);
		double self = best(pairs[i][1], pairs[i][1], false, NULL);
		assert_true(cross > 0);
		assert_true(fabs(cross - self) < 1e-9);
	}
	/* and different numbers are not */
	assert_true(best("Police arrested four men.", "Police arrested 5 men.", false, NULL) <
		    best("Police arrested 5 men.", "Police arrested 5 men.", false, NULL));
}

/* Each WordNet relation used raises a pair that shares the related words
 * (and nothing happens without the data: the same score as without
 * WordNet, which is what `match` then does). */
static void test_wordnet_relations(void **state)
{
	(void)state;
	static const char *const rel[][3] = {
	    /* lemma (morphy): an irregular plural */
	    {"Three mice escaped from the cage.", "A mouse escaped from the cage.",
	     "A horse escaped from the cage."},
	    /* first-sense synonym */
	    {"The lab stayed closed all week.", "The laboratory stayed closed all week.",
	     "The factory stayed closed all week."},
	    /* derivation */
	    {"Britain demanded an explanation from the embassy.",
	     "The embassy must explain it, Britain demanded.",
	     "The embassy must answer it, Britain demanded."},
	    /* pertainym: the adjective's country */
	    {"The Norwegian navy tracked the submarine.", "Norway tracked the submarine.",
	     "Chile tracked the submarine."},
	    /* part holonym: a capital's country */
	    {"Officials in Canberra tracked the trawler.",
	     "Officials in Australia tracked the trawler.",
	     "Officials in Argentina tracked the trawler."},
	};
	bool wn = wnet_available();
	for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
		double related = best(rel[i][0], rel[i][1], true, NULL);
		double plain = best(rel[i][0], rel[i][1], false, NULL);
		double unrelated = best(rel[i][0], rel[i][2], true, NULL);
		if (wn) {
			assert_true(related > plain);
			assert_true(related > unrelated);
		} else {
			assert_true(fabs(related - plain) < 1e-9);
		}
	}
	/* a hypernym is no match: "dog" is an animal, yet "animal" is no soft
	 * term of "dog", so WordNet changes nothing here */
	const char *a = "The dog barked at the postman.", *b = "The animal barked at the postman.";
	assert_true(fabs(best(a, b, true, NULL) - best(a, b, false, NULL)) < 1e-9);
}

/* A denial answers the accusation against its speaker's side, sharing
 * almost no words with it. */
static void test_rebuttal_few_words(void **state)
{
	(void)state;
	const char *a =
	    "Prosecutors accused Norway of sinking the trawler. Rain fell on the coast.";
	const char *b = "The Norwegian foreign minister called it nothing but a lie. Tourists "
			"enjoyed the fjords.";
	struct match_pair *pv;
	size_t n = match_articles(a, strlen(a), b, strlen(b), all_pairs(), &pv);
	size_t k = n;
	for (size_t i = 0; i < n && k == n; i++)
		if (pv[i].a_start == 0 && pv[i].b_start == 0)
			k = i;
	assert_true(k < n);
	assert_int_equal(pv[k].sa, STANCE_ACCUSATION);
	assert_int_equal(pv[k].sb, STANCE_REBUTTAL);
	assert_int_equal(pv[k].rel, REL_REBUTS);
	free(pv);
}

/* The score of the pair of a's sentence starting with fa and b's with fb
 * (0 if it is not among the pairs). */
static double pair_score(const char *a, const char *b, const char *fa, const char *fb)
{
	struct match_pair *pv;
	size_t n = match_articles(a, strlen(a), b, strlen(b), all_pairs(), &pv);
	double sc = 0;
	for (size_t i = 0; i < n; i++)
		if (pv[i].a_start == find(a, fa) && pv[i].b_start == find(b, fb))
			sc = pv[i].score;
	free(pv);
	return sc;
}

/* A stop word opening a sentence is the name the texts use it for
 * ("Theresa May" in one, "May said" opening a sentence in the other). */
static void test_name_opening_sentence(void **state)
{
	(void)state;
	const char *b = "Prime Minister Theresa May told reporters the deal was dead.";
	double may = best("May told reporters the deal was dead.", b, false, NULL);
	double other = best("Hale told reporters the deal was dead.", b, false, NULL);
	assert_true(may > other);
	/* a text that never names anyone May keeps "May" a stop word */
	double month =
	    best("May brought rain to the valley.", "Rain came to the valley.", false, NULL);
	double none =
	    best("Then brought rain to the valley.", "Rain came to the valley.", false, NULL);
	assert_true(fabs(month - none) < 1e-9);
}

/* A refusal answers a demand, a denial a claim of guilt: of two
 * accusations against Peru, the refusal is paired with the demand first. */
static void test_refusal_answers_demand(void **state)
{
	(void)state;
	const char *a = "Oslo demanded an explanation from Peru by Friday. Oslo accused Peru of "
			"sinking the trawler.";
	/* the refusal shares more words with the claim than with the demand */
	const char *b = "Peru refused to comply, and the trawler stayed in port.";
	double demand = pair_score(a, b, "Oslo demanded", "Peru refused");
	double claim = pair_score(a, b, "Oslo accused", "Peru refused");
	assert_true(demand > 0);
	assert_true(demand > claim);
	const char *d = "Peru denied that any explanation was owed.";
	assert_true(pair_score(a, d, "Oslo accused", "Peru denied") >
		    pair_score(a, d, "Oslo demanded", "Peru denied"));
}

/* A deadline is a demand: "Ms Berg set a deadline" states what "Berg
 * demanded an answer" does, the same side making the same demand, more
 * than the same words without the deadline. */
static void test_deadline_is_demand(void **state)
{
	(void)state;
	const char *a = "Berg demanded an answer from Peru by Friday. Rain fell on the coast.";
	double deadline = pair_score(
	    a, "In the senate, Ms Berg set a deadline of noon on Friday for Peru.", "Berg", "In");
	double course = pair_score(
	    a, "In the senate, Ms Berg set a course of noon on Friday for Peru.", "Berg", "In");
	assert_true(deadline > 0);
	assert_true(deadline > course + 0.05);
}

/* Through WordNet a named person's country is their side (the demonym of
 * their gloss: Putin is a "Russian statesman"), so Russia's denial answers
 * an accusation naming only Putin; and a statesman is no state. */
static void test_person_side(void **state)
{
	(void)state;
	/* the data is installed with the test dependencies (wordnet-base):
	 * without it this test would hold nothing, so it fails */
	assert_true(wnet_available());
	const char *pl = wnet_related("putin", 5, WNET_PLACE);
	assert_string_equal(pl, "russia");
	assert_string_equal(wnet_related("statesman", 9, WNET_PLACE), "");
	assert_string_equal(wnet_related("bush", 4, WNET_PLACE), "");
	const char *b = "Russia called it nothing but a lie.";
	double putin = pair_score("Investigators accused Putin of ordering the raid.", b,
				  "Investigators", "Russia");
	double other = pair_score("Investigators accused Kowalczyk of ordering the raid.", b,
				  "Investigators", "Russia");
	assert_true(putin > other);
}

/* The words of blame are one: "on Kowalczyk's orders" says who is
 * responsible, so it matches "responsible" more than another word in its
 * place; and "a response" (an answer) is no blame, though the stemmer
 * makes "respons" of "response" and "responsible" alike. */
static void test_blame_words(void **state)
{
	(void)state;
	/* through WordNet too: "responsible" has "responsibleness" for a
	 * relative, which the stemmer also makes "respons" */
	assert_true(wnet_available());
	for (int wn = 0; wn < 2; wn++) {
		const char *a = "Investigators said the raid on the port was carried out on "
				"Kowalczyk's orders.";
		double blame =
		    best(a, "Kowalczyk was responsible for the raid on the port.", wn, NULL);
		double other = best(a, "Kowalczyk was present for the raid on the port.", wn, NULL);
		assert_true(blame > other + 0.01);
		/* involvement is blame too ("Russia was involved") */
		double inv = best(a, "Kowalczyk was involved in the raid on the port.", wn, NULL);
		assert_true(inv > other + 0.01);
		const char *d = "Oslo demanded a response about the raid on the port.";
		double resp = best(d, "Lima was responsible for the raid on the port.", wn, NULL);
		double none = best(d, "Lima was present for the raid on the port.", wn, NULL);
		assert_true(fabs(resp - none) < 1e-9);
	}
}

/* An assessment's words of likelihood are one ("highly likely", "a very
 * high probability", "probably"), and so are the words of proof and
 * certainty ("unequivocal proof", "undoubted evidence"): each matches
 * more than another word in its place, with WordNet and without. */
static void test_assessment_words(void **state)
{
	(void)state;
	assert_true(wnet_available());
	for (int wn = 0; wn < 2; wn++) {
		const char *a =
		    "Investigators said it was highly likely that Lima sank the trawler.";
		double likely = best(
		    a, "There was a very high probability that Lima sank the trawler.", wn, NULL);
		double other =
		    best(a, "There was a very high wind when Lima sank the trawler.", wn, NULL);
		assert_true(likely > other + 0.01);
		const char *c = "Oslo has unequivocal proof that Lima sank the trawler.";
		double sure =
		    best(c, "Lima sank the trawler, and there is undoubted evidence.", wn, NULL);
		double none =
		    best(c, "Lima sank the trawler, and there is blurred footage.", wn, NULL);
		assert_true(sure > none + 0.01);
	}
}

/* A denial of blame ("rejected accusations that it was responsible")
 * answers the accusation that blames or accuses, before a claim that
 * names the side only by the way ("the Peruvian fisherman") though it
 * shares more words. */
static void test_denial_of_blame(void **state)
{
	(void)state;
	const char *a = "There is proof that the Peruvian fisherman Ruiz was poisoned with arsenic "
			"at the port, investigators said. His family says he was poisoned on the "
			"orders of Peru.";
	const char *b = "Peru rejected accusations that it was responsible for poisoning Ruiz at "
			"the port.";
	double blames = pair_score(a, b, "His family", "Peru");
	double names = pair_score(a, b, "There is", "Peru");
	assert_true(names > 0);
	assert_true(blames > names);
	/* the claim that accuses is answered in full */
	const char *c = "Investigators accused Peru of poisoning the Peruvian fisherman Ruiz with "
			"arsenic at the port.";
	assert_true(pair_score(c, b, "Investigators", "Peru") > names + 0.05);
}

/* A denial names the charge ("rejected the accusations"), which says
 * little about which charge it answers: in a pair where one accuses and
 * the other denies, the word of accusing counts less than a word of what
 * is charged, with which it is otherwise even (one in each sentence, the
 * sentences of a length). */
static void test_accusing_word(void **state)
{
	(void)state;
	const char *a = "Oslo accused Lima of spying.";
	enum link_rel rel = REL_SAME;
	double charge =
	    best(a, "Lima rejected the accusations as hostile noise, the envoy said.", false, &rel);
	assert_int_equal(rel, REL_REBUTS);
	double what =
	    best(a, "Lima rejected the spying story as hostile, the envoy said.", false, NULL);
	assert_true(charge > 0);
	assert_true(what > charge + 0.01);
}

/* Which words are worth asking WordNet about is answered by binary search
 * over the mapped index files for a text's first words, then by a set of
 * them all: both say the same, for a word of each file, the first and the
 * last lines, morphy's endings and words WordNet does not have. */
static void test_wnet_known_words(void **state)
{
	(void)state;
	assert_true(wnet_available());
	static const char *const words[][2] = {
	    {"laboratories", "laboratory"}, /* index.noun, through "ies" */
	    {"went", "go"},		    /* verb.exc */
	    {"geese", "goose"},		    /* noun.exc */
	    {"better", "good"},		    /* adj.exc */
	    {"aardvark", ""},		    /* index.noun's first word */
	    {"zymurgy", ""},		    /* and its last */
	    {"qzxv", ""},		    /* nowhere */
	    {"explaining", "explain"},	    /* index.verb, through "ing" */
	};
	size_t nw = sizeof words / sizeof words[0];
	for (int round = 0; round < 2; round++) {
		wnet_reset();
		if (round == 1) /* past the binary searches: the set answers */
			for (int i = 0; i < 300; i++) {
				char f[5] = {'x', 'q', (char)('a' + i / 26), (char)('a' + i % 26),
					     0};
				assert_string_equal(wnet_related(f, 4, WNET_LEMMA), "");
			}
		for (size_t i = 0; i < nw; i++) {
			const char *w = words[i][0];
			const char *lem = wnet_related(w, strlen(w), WNET_LEMMA);
			assert_string_equal(lem, words[i][1]);
			if (!strcmp(w, "aardvark") || !strcmp(w, "zymurgy"))
				assert_string_not_equal(wnet_related(w, strlen(w), WNET_SYNONYM),
							"");
		}
	}
	wnet_reset();
}

/* Two sentences in which one side does the same act (the Kremlin and
 * Russia both deny) state the same thing. */
static void test_same_side_same_act(void **state)
{
	(void)state;
	assert_true(wnet_available()); /* the Kremlin is Russia's through WordNet */
	const char *a = "The Kremlin dismissed the report. Trains ran late in the north.";
	/* the same words (Russia, a denial, four terms), but in the second
	 * Russia's critics deny, not Russia */
	double same = pair_score(a, "Russia rejected the whole story.", "The Kremlin", "Russia");
	double other =
	    pair_score(a, "Russia's critics rejected the story.", "The Kremlin", "Russia");
	assert_true(same > other);
}

/* The words that say who speaks are not what is said: two sentences
 * that share only their speaker ("Jan Novak said ...") match less than two
 * that share the same name as part of what they state. */
static void test_speaker_not_claim(void **state)
{
	(void)state;
	double spoken = best("Jan Novak said the harbour would close.",
			     "Jan Novak said the school would open.", false, NULL);
	double stated = best("Jan Novak hoped the harbour would close.",
			     "Jan Novak feared the school would open.", false, NULL);
	assert_true(spoken > 0);
	assert_true(spoken < stated);
	/* a name that is the speaker in one sentence only still counts */
	double one = best("Jan Novak said the harbour would close.",
			  "Critics blamed the harbour closure on Jan Novak.", false, NULL);
	double none = best("Jan Novak said the harbour would close.",
			   "Critics blamed the harbour closure on Eva Dvorak.", false, NULL);
	assert_true(one > none);
}

/* Two words in a row that both sentences have ("nerve agent") count
 * beyond the two words; the same words apart do not, and a pair with a
 * name ("Jan Novak") is no phrase of its own (names have their bonus). */
static void test_phrases(void **state)
{
	(void)state;
	const char *a = "Inspectors found a nerve agent in the flat.";
	double row = best(a, "A nerve agent was found in the car.", false, NULL);
	double apart = best(a, "The nerve of the car's agent was found.", false, NULL);
	assert_true(row > apart);
	/* the same words, a name among them: the order does not matter */
	const char *b = "Inspectors met Jan Novak near the flat.";
	double nrow = best(b, "Officials met Jan Novak in the car.", false, NULL);
	double napart = best(b, "Officials met Novak and Jan in the car.", false, NULL);
	assert_true(fabs(nrow - napart) < 1e-9);
}

/* A phrase needs one of its words in at most PHRASE_DF (64) of its
 * article's sentences: where both words are everywhere (a port's report
 * naming its harbour cranes in every line), their pair is no phrase, and
 * the order of the two words in the other sentence does not matter. */
static void test_phrase_frequent_words(void **state)
{
	(void)state;
	struct buf a = {0};
	for (int i = 0; i < 80; i++)
		buf_printf(&a, "Busy harbour crane %c%c worked with ships. ", 'a' + i % 26,
			   'a' + i / 26);
	const char *one = "At dawn a storm hit the busy harbour crane.";
	buf_adds(&a, one);
	const char *row = "Officials said a storm hit the busy harbour crane.";
	const char *swapped = "Officials said a storm hit the busy crane harbour.";
	double r = best(a.s, row, false, NULL), w = best(a.s, swapped, false, NULL);
	assert_true(r > 0);
	assert_true(fabs(r - w) < 1e-9);
	/* the same sentence alone: the phrase counts */
	assert_true(best(one, row, false, NULL) > best(one, swapped, false, NULL));
	free(a.s);
}

/* WordNet's collocations of one sense are their synset: "nerve agent"
 * and "nerve gas" (and "nerve agents") name one thing and match as a
 * phrase both sentences have; a collocation of two senses ("prime
 * minister") or two words WordNet does not join ("military laboratory")
 * are no synset, and "nerve cell" is another one, no match. */
static void test_collocation_synsets(void **state)
{
	(void)state;
	assert_true(wnet_available()); /* installed with the test dependencies */
	long m;
	long agent = wnet_collocation("nerve", 5, "agent", 5, false, &m);
	assert_true(agent >= 0);
	assert_int_equal(m, -1);
	assert_int_equal(wnet_collocation("nerve", 5, "gas", 3, false, &m), agent);
	assert_int_equal(wnet_collocation("nerve", 5, "agents", 6, false, &m), agent);
	long cell = wnet_collocation("nerve", 5, "cell", 4, false, &m);
	assert_true(cell >= 0 && cell != agent);
	assert_int_equal(wnet_collocation("prime", 5, "minister", 8, false, &m), -1);
	assert_int_equal(wnet_collocation("military", 8, "laboratory", 10, false, &m), -1);
	/* "X of Y": the "Department of Justice" is the "Justice Department";
	 * "State Department" has two senses, so it is no synset */
	long justice = wnet_collocation("department", 10, "justice", 7, true, &m);
	assert_true(justice >= 0);
	assert_int_equal(wnet_collocation("justice", 7, "department", 10, false, &m), justice);
	assert_int_equal(wnet_collocation("state", 5, "department", 10, false, &m), -1);
	const char *a = "Inspectors found a nerve agent in the flat.";
	const char *gas = "Police said the nerve gas came from a lab.";
	const char *nerve_cell = "Police said the nerve cell came from a lab.";
	double related = best(a, gas, true, NULL);
	assert_true(related > best(a, gas, false, NULL) + 0.05);
	assert_true(related > best(a, nerve_cell, true, NULL) + 0.05);
	/* the same collocation on both sides counts as its phrase did */
	const char *same = "Police said the nerve agent came from a lab.";
	assert_true(fabs(best(a, same, true, NULL) - best(a, same, false, NULL)) < 0.02);
}

/* A chamber named by a collocation is a member of its parliament: "the
 * House of Commons" is "the British Parliament" at MEMBER_W of a word;
 * two chambers of one parliament (Commons, Lords) do not match through it,
 * the parliament being only a relative of each. */
static void test_member_body(void **state)
{
	(void)state;
	assert_true(wnet_available());
	long commons_m, parl_m, lords_m;
	assert_true(wnet_collocation("house", 5, "commons", 7, true, &commons_m) >= 0);
	long parl = wnet_collocation("british", 7, "parliament", 10, false, &parl_m);
	assert_true(parl >= 0);
	assert_int_equal(commons_m, parl);
	assert_true(wnet_collocation("house", 5, "lords", 5, true, &lords_m) >= 0);
	assert_int_equal(lords_m, parl);
	/* a plain word's group is no body ("nerve gas" is a member of nothing) */
	const char *a = "Kowalczyk told the House of Commons about the trawler.";
	const char *parliament = "In a speech to the British Parliament, Kowalczyk spoke.";
	const char *museum = "In a speech to the British Museum, Kowalczyk spoke.";
	double member = best(a, parliament, true, NULL);
	assert_true(member > best(a, parliament, false, NULL) + 0.03);
	assert_true(member > best(a, museum, true, NULL) + 0.03);
	const char *lords = "In a speech to the House of Lords, Kowalczyk spoke.";
	const char *wax = "In a speech to the House of Wax, Kowalczyk spoke.";
	assert_true(fabs(best(a, lords, true, NULL) - best(a, wax, true, NULL)) < 0.02);
}

/* Mutual pairs by competitive linking: a lead sentence takes its best
 * partner, and the partner's other sentence it was best for (the
 * treatment, also about the poisoning) links with its own best instead of
 * ranking as one-sided; a pair whose sentences are linked elsewhere stays
 * one-sided. */
static void test_competitive_linking(void **state)
{
	(void)state;
	const char *a = "Kowalczyk poisoned the trawler crew with cyanide in Lima on Monday, "
			"prosecutors said. The crew were treated at the Lima clinic for days.";
	const char *b = "Prosecutors said Kowalczyk poisoned the trawler crew with cyanide in "
			"Lima. Doctors at the Lima clinic treated the poisoned crew with "
			"cyanide antidotes on Monday.";
	struct match_pair *pv;
	size_t n = match_articles(a, strlen(a), b, strlen(b), all_pairs(), &pv);
	size_t a1 = find(a, "The crew"), b1 = find(b, "Doctors");
	int seen = 0;
	for (size_t i = 0; i < n; i++) {
		bool lead = pv[i].a_start == 0 && pv[i].b_start == 0;
		bool treated = pv[i].a_start == a1 && pv[i].b_start == b1;
		assert_int_equal(pv[i].mutual, lead || treated);
		seen += lead || treated;
	}
	assert_int_equal(seen, 2);
	free(pv);
}

/* The same unit counted with different numbers: a contradiction, with
 * both numbers named; the same number is no contradiction. */
static void test_contradiction(void **state)
{
	(void)state;
	const char *a = "At least 30,000 customers were affected by the breach.";
	const char *b = "At least 250,000 customers were affected by the breach.";
	struct match_pair *pv;
	size_t n = match_articles(a, strlen(a), b, strlen(b), all_pairs(), &pv);
	assert_int_equal(n, 1);
	assert_int_equal(pv[0].rel, REL_CONTRADICTS);
	assert_string_equal(pv[0].a_number, "30000");
	assert_string_equal(pv[0].b_number, "250000");
	free(pv);
	enum link_rel r = REL_REBUTS;
	assert_true(best(a, a, false, &r) > 0);
	assert_int_equal(r, REL_SAME);
	/* numbers of different things do not contradict */
	const char *c = "At least 250,000 servers were affected by the breach.";
	assert_true(best(a, c, false, &r) > 0);
	assert_int_equal(r, REL_SAME);
}

/* ---- a story's prepared articles against match_articles ---- */

static char *slurp(const char *path, size_t *len)
{
	char full[512];
	const char *root = getenv("ROOT") ? getenv("ROOT") : ".";
	snprintf(full, sizeof full, "%s/%s", root, path);
	FILE *f = fopen(full, "rb");
	assert_non_null(f);
	char *b = NULL;
	size_t n = 0, cap = 0, got;
	do {
		if (n + 4096 > cap) {
			cap = cap ? cap * 2 : 65536;
			b = realloc(b, cap);
			assert_non_null(b);
		}
		got = fread(b + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	fclose(f);
	*len = n;
	return b;
}

/* Two lists of pairs are the same: every field, the numbers as strings
 * (the bytes after a number's end are not part of it) */
static void assert_same_pairs(const struct match_pair *p, const struct match_pair *q, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(p[i].a_start, q[i].a_start);
		assert_int_equal(p[i].a_end, q[i].a_end);
		assert_int_equal(p[i].b_start, q[i].b_start);
		assert_int_equal(p[i].b_end, q[i].b_end);
		assert_memory_equal(&p[i].score, &q[i].score, sizeof p[i].score);
		assert_int_equal(p[i].sa, q[i].sa);
		assert_int_equal(p[i].sb, q[i].sb);
		assert_int_equal(p[i].rel, q[i].rel);
		assert_int_equal(p[i].mutual, q[i].mutual);
		assert_string_equal(p[i].a_number, q[i].a_number);
		assert_string_equal(p[i].b_number, q[i].b_number);
	}
}

/* Every ordered pair of the n texts, from one story whose articles are
 * prepared in the order `order`, byte for byte what the same story
 * prepared in the texts' own order gives, and (alone) what match_articles
 * gives for the two texts alone: true where no article of the story brings
 * knowledge the story shares (an acronym it defines or spells out, a stop
 * word it uses as a name). Returns the pairs compared. */
static size_t same_as_pairs(const char *const *t, const size_t *len, size_t n, const size_t *order,
			    bool alone)
{
	struct match_story *st = match_story_new(all_pairs());
	struct match_story *rs = match_story_new(all_pairs());
	for (size_t i = 0; i < n; i++) {
		match_story_scan(st, t[order[i]], len[order[i]]);
		match_story_scan(rs, t[i], len[i]);
	}
	struct match_article *ma[8] = {NULL}, *ra[8] = {NULL};
	for (size_t i = 0; i < n; i++) {
		ma[order[i]] = match_prepare(st, t[order[i]], len[order[i]]);
		ra[i] = match_prepare(rs, t[i], len[i]);
	}
	size_t total = 0;
	for (size_t a = 0; a < n; a++)
		for (size_t b = 0; b < n; b++) {
			if (a == b)
				continue;
			struct match_pair *pv, *qv;
			size_t np = match_prepared(rs, ra[a], ra[b], NULL, &pv);
			size_t nq = match_prepared(st, ma[a], ma[b], NULL, &qv);
			assert_int_equal(np, nq);
			assert_same_pairs(pv, qv, np);
			free(qv);
			if (alone) {
				nq = match_articles(t[a], len[a], t[b], len[b], all_pairs(), &qv);
				assert_int_equal(np, nq);
				assert_same_pairs(pv, qv, np);
				free(qv);
			}
			total += np;
			free(pv);
		}
	for (size_t i = 0; i < n; i++) {
		match_article_free(ma[i]);
		match_article_free(ra[i]);
	}
	match_story_free(st);
	match_story_free(rs);
	return total;
}

/* The bundled pair among the three-article test story, prepared last and
 * first: every pair is the pair's own. */
static void test_prepared_bundled(void **state)
{
	(void)state;
	static const char *const paths[] = {
	    "articles/npr-china-accuses-us.md", "articles/afp-china-denies-hack.md",
	    "tests/data/story3/herald.md", "tests/data/story3/union.md",
	    "tests/data/story3/wire.md"};
	enum { N = sizeof paths / sizeof paths[0] };
	char *t[N];
	size_t len[N];
	for (size_t i = 0; i < N; i++)
		t[i] = slurp(paths[i], &len[i]);
	static const size_t first[] = {0, 1, 2, 3, 4}, last[] = {4, 2, 3, 1, 0};
	assert_true(same_as_pairs((const char *const *)t, len, 2, first, true) > 100);
	assert_true(same_as_pairs((const char *const *)t, len, N, last, false) > 100);
	for (size_t i = 0; i < N; i++)
		free(t[i]);
}

/* A generated story of three articles: sentences of common and rare
 * words, names (places WordNet joins: Kremlin, Moscow, Russia), the
 * phrase "United States", numbers and number words, attributed
 * accusations and denials, a fifth of each article restating the first. */
static unsigned rnd(unsigned *r, unsigned k)
{
	*r = *r * 1103515245u + 12345u;
	return (*r >> 8) % k;
}

static char *gen_article(unsigned seed, const char *first, size_t nsent, size_t *len)
{
	static const char *const common[] = {"officials", "report",	"attack", "hackers",
					     "servers",	  "government", "agency", "systems",
					     "statement", "evidence",	"week",	  "data"};
	static const char *const names[] = {"Kremlin", "Moscow", "Russia",    "Peskov",
					    "Beijing", "China",	 "Microsoft", "Navalny"};
	static const char *const verbs[] = {"accused",	 "denied",   "rejected",
					    "confirmed", "reported", "blamed"};
	size_t cap = nsent * 200 + 1024, n = 0;
	char *b = malloc(cap);
	assert_non_null(b);
	unsigned r = seed;
	for (size_t i = 0; i < nsent; i++) {
		if (first && rnd(&r, 5) == 0) { /* restate a sentence of the first */
			const char *p = first;
			for (unsigned k = rnd(&r, (unsigned)nsent); k > 0 && strchr(p, '\n'); k--)
				p = strchr(p, '\n') + 1;
			size_t l = strchr(p, '\n') ? (size_t)(strchr(p, '\n') - p) : strlen(p);
			memcpy(b + n, p, l);
			n += l;
			b[n++] = '\n';
			continue;
		}
		const char *lead = rnd(&r, 6) == 0 ? "The" : "Officials in";
		const char *who = names[rnd(&r, 8)];
		n += (size_t)snprintf(b + n, cap - n, "%s %s", lead, who);
		const char *verb = verbs[rnd(&r, 6)];
		const char *what = common[rnd(&r, 12)];
		n += (size_t)snprintf(b + n, cap - n, " %s the %s", verb, what);
		for (int k = (int)rnd(&r, 6); k >= 0; k--)
			n += (size_t)snprintf(b + n, cap - n, " %s", common[rnd(&r, 12)]);
		if (rnd(&r, 3) == 0)
			n += (size_t)snprintf(b + n, cap - n, " of the United States");
		if (rnd(&r, 3) == 0) {
			unsigned th = rnd(&r, 90) + 1, un = rnd(&r, 1000);
			const char *unit = rnd(&r, 2) ? "computers" : "accounts";
			n +=
			    (size_t)snprintf(b + n, cap - n, " affecting %u,%03u %s", th, un, unit);
		}
		if (rnd(&r, 4) == 0)
			n += (size_t)snprintf(b + n, cap - n, " over four days");
		if (rnd(&r, 3) == 0)
			n += (size_t)snprintf(b + n, cap - n, ", %s said", names[rnd(&r, 8)]);
		n += (size_t)snprintf(b + n, cap - n, ".\n");
	}
	b[n] = '\0';
	*len = n;
	return b;
}

static void test_prepared_generated(void **state)
{
	(void)state;
	char *t[3];
	size_t len[3];
	t[0] = gen_article(1, NULL, 300, &len[0]);
	t[1] = gen_article(2, t[0], 300, &len[1]);
	t[2] = gen_article(3, t[0], 300, &len[2]);
	static const size_t fwd[] = {0, 1, 2}, back[] = {2, 1, 0}, mid[] = {1, 2, 0};
	size_t a = same_as_pairs((const char *const *)t, len, 3, fwd, true);
	assert_true(a > 300);
	assert_int_equal(same_as_pairs((const char *const *)t, len, 3, back, true), a);
	assert_int_equal(same_as_pairs((const char *const *)t, len, 3, mid, true), a);
	for (size_t i = 0; i < 3; i++)
		free(t[i]);
}

/* Long articles are attributed and scored in two threads (the second
 * one's hits of B merged after the first's): the same pairs, scores and
 * numbers as in one, for a pair and for a story's pair. */
static void test_threads_same(void **state)
{
	(void)state;
	char *t[2];
	size_t len[2];
	t[0] = gen_article(7, NULL, 1500, &len[0]);
	t[1] = gen_article(8, t[0], 1300, &len[1]);
	struct match_pair *pv[2];
	size_t n[2];
	for (int k = 0; k < 2; k++) {
		match_threads(k == 0);
		n[k] = match_articles(t[0], len[0], t[1], len[1], all_pairs(), &pv[k]);
	}
	match_threads(true);
	assert_true(n[0] > 300);
	assert_int_equal(n[0], n[1]);
	for (size_t i = 0; i < n[0]; i++) {
		assert_int_equal(pv[0][i].a_start, pv[1][i].a_start);
		assert_int_equal(pv[0][i].b_start, pv[1][i].b_start);
		assert_true(pv[0][i].score == pv[1][i].score);
		assert_int_equal(pv[0][i].rel, pv[1][i].rel);
		assert_int_equal(pv[0][i].mutual, pv[1][i].mutual);
		assert_string_equal(pv[0][i].a_number, pv[1][i].a_number);
	}
	free(pv[0]);
	free(pv[1]);
	free(t[0]);
	free(t[1]);
}

/* nsent sentences of words made of syllables, a vocabulary of some
 * thousands, so that most words are in few sentences and two in a row make
 * phrases; a fifth of them restate (with a word changed) one of first's. */
static char *gen_wordy(unsigned seed, const char *first, size_t nsent, size_t *len)
{
	static const char *const syl[] = {"ka",	 "lo",	"mi",  "ne",  "ru",  "ta",  "vo",  "zi",
					  "bre", "dan", "fel", "gor", "hul", "jas", "pim", "sto"};
	size_t cap = nsent * 160 + 1024, n = 0;
	char *b = malloc(cap);
	assert_non_null(b);
	unsigned r = seed;
	for (size_t i = 0; i < nsent; i++) {
		if (first && rnd(&r, 5) == 0) {
			const char *p = first;
			for (unsigned k = rnd(&r, (unsigned)nsent); k > 0 && strchr(p, '\n'); k--)
				p = strchr(p, '\n') + 1;
			size_t l = strchr(p, '\n') ? (size_t)(strchr(p, '\n') - p) : strlen(p);
			memcpy(b + n, p, l - 1); /* its '.' after the word added */
			n += l - 1;
			n += (size_t)snprintf(b + n, cap - n, " %s.\n", syl[rnd(&r, 16)]);
			continue;
		}
		for (int w = (int)rnd(&r, 7) + 6; w >= 0; w--) {
			/* a word from a vocabulary of 4096, the low numbers likelier */
			unsigned v = rnd(&r, 64) * rnd(&r, 64);
			n += (size_t)snprintf(b + n, cap - n, "%s%s%s", syl[v % 16],
					      syl[v / 16 % 16], syl[v / 256 % 16]);
			b[n++] = w ? ' ' : '.';
		}
		b[n++] = '\n';
	}
	b[n] = '\0';
	*len = n;
	return b;
}

/* A story of long articles: each article's terms are sorted and its
 * phrases found in a thread while the next one is tokenised. Prepared in
 * any order, every pair is the pair's own, as with no threads at all. */
static void test_story_threads_same(void **state)
{
	(void)state;
	char *t[3];
	size_t len[3];
	t[0] = gen_wordy(11, NULL, 700, &len[0]);
	t[1] = gen_wordy(12, t[0], 600, &len[1]);
	t[2] = gen_wordy(13, t[0], 560, &len[2]);
	static const size_t fwd[] = {0, 1, 2}, back[] = {2, 1, 0};
	match_threads(false);
	size_t one = same_as_pairs((const char *const *)t, len, 3, fwd, false);
	match_threads(true);
	assert_true(one > 600);
	assert_int_equal(same_as_pairs((const char *const *)t, len, 3, fwd, true), one);
	assert_int_equal(same_as_pairs((const char *const *)t, len, 3, back, true), one);
	for (size_t i = 0; i < 3; i++)
		free(t[i]);
}

/* A text both articles give twice (a caption, a repeated paragraph) is
 * paired once, at its first place; a text only one side repeats is not
 * merged with another of the same length. */
static void test_repeated_text_once(void **state)
{
	(void)state;
	const char *a =
	    "Hackers breached the ministry servers overnight. Officials met on Tuesday. "
	    "Hackers breached the ministry servers overnight. Hackers breached the "
	    "ministry servers overnighT.";
	const char *b = "Hackers breached the ministry servers overnight. The weather was mild. "
			"Hackers breached the ministry servers overnight.";
	struct match_pair *pv;
	size_t n = match_articles(a, strlen(a), b, strlen(b), all_pairs(), &pv);
	size_t same = 0, last = 0;
	const char *x = "Hackers breached the ministry servers overnight.";
	for (size_t i = 0; i < n; i++) {
		size_t al = pv[i].a_end - pv[i].a_start, bl = pv[i].b_end - pv[i].b_start;
		if (al == strlen(x) && bl == strlen(x) && !memcmp(a + pv[i].a_start, x, al)) {
			same++;
			assert_int_equal(pv[i].a_start, 0);
			assert_int_equal(pv[i].b_start, 0);
		}
		if (!memcmp(a + pv[i].a_start, "Hackers breached the ministry servers overnighT",
			    strlen(x) - 1))
			last++;
	}
	assert_int_equal(same, 1);
	assert_int_equal(last, 1); /* its own text, paired too */
	free(pv);
}

/* An acronym one article of a story defines counts in all of them. */
static void test_prepared_story_acronym(void **state)
{
	(void)state;
	const char *a = "Investigators said RUSADA hid positive doping tests in the lab.";
	const char *b = "The Russian Anti-Doping Agency concealed positive tests, officials said.";
	const char *c = "The Russian Anti-Doping Agency (RUSADA) was suspended in November.";
	struct match_pair *pv;
	size_t alone = match_articles(a, strlen(a), b, strlen(b), all_pairs(), &pv);
	double s_alone = alone ? pv[0].score : 0;
	free(pv);
	struct match_story *st = match_story_new(all_pairs());
	match_story_scan(st, a, strlen(a));
	match_story_scan(st, b, strlen(b));
	match_story_scan(st, c, strlen(c));
	struct match_article *pa = match_prepare(st, a, strlen(a));
	struct match_article *pb = match_prepare(st, b, strlen(b));
	size_t n = match_prepared(st, pa, pb, NULL, &pv);
	assert_int_equal(n, 1);
	assert_true(pv[0].score > s_alone);
	free(pv);
	match_article_free(pa);
	match_article_free(pb);
	match_story_free(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_numbers),
	    cmocka_unit_test(test_pair_30000),
	    cmocka_unit_test(test_number_forms_match),
	    cmocka_unit_test(test_fullwidth_numbers),
	    cmocka_unit_test(test_rebuts),
	    cmocka_unit_test(test_options),
	    cmocka_unit_test(test_nothing_shared),
	    cmocka_unit_test(test_regression_empty_token_list),
	    cmocka_unit_test(test_case_folding),
	    cmocka_unit_test(test_us_forms),
	    cmocka_unit_test(test_names_kept),
	    cmocka_unit_test(test_spellings),
	    cmocka_unit_test(test_acronyms),
	    cmocka_unit_test(test_acronym_spelt_out),
	    cmocka_unit_test(test_number_words),
	    cmocka_unit_test(test_wordnet_relations),
	    cmocka_unit_test(test_rebuttal_few_words),
	    cmocka_unit_test(test_contradiction),
	    cmocka_unit_test(test_name_opening_sentence),
	    cmocka_unit_test(test_refusal_answers_demand),
	    cmocka_unit_test(test_deadline_is_demand),
	    cmocka_unit_test(test_person_side),
	    cmocka_unit_test(test_wnet_known_words),
	    cmocka_unit_test(test_blame_words),
	    cmocka_unit_test(test_assessment_words),
	    cmocka_unit_test(test_denial_of_blame),
	    cmocka_unit_test(test_accusing_word),
	    cmocka_unit_test(test_same_side_same_act),
	    cmocka_unit_test(test_speaker_not_claim),
	    cmocka_unit_test(test_phrases),
	    cmocka_unit_test(test_phrase_frequent_words),
	    cmocka_unit_test(test_collocation_synsets),
	    cmocka_unit_test(test_member_body),
	    cmocka_unit_test(test_competitive_linking),
	    cmocka_unit_test(test_prepared_bundled),
	    cmocka_unit_test(test_prepared_generated),
	    cmocka_unit_test(test_threads_same),
	    cmocka_unit_test(test_story_threads_same),
	    cmocka_unit_test(test_repeated_text_once),
	    cmocka_unit_test(test_prepared_story_acronym),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
