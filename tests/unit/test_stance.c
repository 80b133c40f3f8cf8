/* Unit tests for stance: cue words, cue phrases, attribution, and the
 * relation a matched pair suggests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "crossread/match/stance.h"

static enum stance st(const char *s)
{
	return stance_of(s, strlen(s));
}

static void test_accusations(void **state)
{
	(void)state;
	assert_int_equal(st("The Biden administration on Monday accused China of the hack."),
			 STANCE_ACCUSATION);
	assert_int_equal(st("The US charged four Chinese nationals."), STANCE_ACCUSATION);
	assert_int_equal(st("Prosecutors indicted four hackers."), STANCE_ACCUSATION);
	assert_int_equal(st("Officials BLAMED Russia."), STANCE_ACCUSATION);
	assert_int_equal(st("The cybercrime attributed by Western officials to Russia."),
			 STANCE_ACCUSATION);
	assert_int_equal(st("NATO condemned cyber activity from China."), STANCE_ACCUSATION);
	/* blame by connotation needs attribution */
	assert_int_equal(st("Blinken said the attack was malicious."), STANCE_ACCUSATION);
	assert_int_equal(st("According to officials, China was behind it."), STANCE_ACCUSATION);
	assert_int_equal(st("The malicious code spread fast."), STANCE_NEUTRAL);
}

static void test_rebuttals(void **state)
{
	(void)state;
	assert_int_equal(st("China denies Microsoft hack, condemns US allies"), STANCE_REBUTTAL);
	assert_int_equal(st("Beijing rejected the claims."), STANCE_REBUTTAL);
	assert_int_equal(st("The ministry dismissed the report."), STANCE_REBUTTAL);
	assert_int_equal(st("It refuted every point."), STANCE_REBUTTAL);
	assert_int_equal(st("a swift rebuttal of the \"totally groundless\" allegations"),
			 STANCE_REBUTTAL);
	assert_int_equal(st("These were baseless attacks."), STANCE_REBUTTAL);
	assert_int_equal(st("The charges are unfounded."), STANCE_REBUTTAL);
	assert_int_equal(st("He added that these allegations \xe2\x80\x9c"
			    "are based on nothing"
			    "\xe2\x80\x9d."),
			 STANCE_REBUTTAL);
	assert_int_equal(st("China said it had no role in the hack."), STANCE_REBUTTAL);
	assert_int_equal(st("China says it played no part in Microsoft\xe2\x80\x99s hack"),
			 STANCE_REBUTTAL);
	/* full-width letters fold to ASCII (NFKC) */
	assert_int_equal(st("China \xef\xbc\xa4\xef\xbc\xa5\xef\xbc\xae\xef\xbc\xa9\xef\xbc\xa5"
			    "\xef\xbc\xb3 it."),
			 STANCE_REBUTTAL);
}

static void test_neutral(void **state)
{
	(void)state;
	assert_int_equal(st("Tesla built a new data center in China."), STANCE_NEUTRAL);
	assert_int_equal(st(""), STANCE_NEUTRAL);
	assert_int_equal(st("\xff\xfe\x80 ..."), STANCE_NEUTRAL);
	/* "no" and "role" apart are no cue */
	assert_int_equal(st("No one knows the role of the firm."), STANCE_NEUTRAL);
	/* a partial word is no cue: "countermeasures" is not "counter" */
	assert_int_equal(st("It took countermeasures."), STANCE_NEUTRAL);
}

/* Cue words inside other expressions, or answered by the sentence itself. */
static void test_false_cues(void **state)
{
	(void)state;
	/* a diplomat's title is no charge */
	assert_int_equal(st("The charge d'affaires was summoned on Monday."), STANCE_NEUTRAL);
	assert_int_equal(st("Two charges d\xe2\x80\x99"
			    "affaires left Beijing."),
			 STANCE_NEUTRAL);
	assert_int_equal(st("The US charge d'affaires accused China of the hack."),
			 STANCE_ACCUSATION);
	/* a supporting statement that calls China's conduct slander is no rebuttal */
	assert_int_equal(st("\"Malicious cyber activities cannot be tolerated,\" Yoshida said in a "
			    "statement, adding that Japan \"strongly supports\" the statements. "
			    "slandering the hacks backed by China."),
			 STANCE_ACCUSATION);
	assert_int_equal(st("Britain supports the US, whose smear of China the ministry noted."),
			 STANCE_NEUTRAL);
	/* without support it still rebuts, and so does a denial whatever else */
	assert_int_equal(st("The ministry called the report slandering China."), STANCE_REBUTTAL);
	assert_int_equal(st("China denied it and supports talks."), STANCE_REBUTTAL);
	assert_int_equal(st("Beijing said the US fabricated the charges."), STANCE_REBUTTAL);
}

static void test_relation(void **state)
{
	(void)state;
	assert_int_equal(stance_relation(STANCE_ACCUSATION, STANCE_REBUTTAL), REL_REBUTS);
	assert_int_equal(stance_relation(STANCE_REBUTTAL, STANCE_ACCUSATION), REL_REBUTS);
	assert_int_equal(stance_relation(STANCE_ACCUSATION, STANCE_ACCUSATION), REL_SAME);
	assert_int_equal(stance_relation(STANCE_REBUTTAL, STANCE_REBUTTAL), REL_SAME);
	assert_int_equal(stance_relation(STANCE_NEUTRAL, STANCE_REBUTTAL), REL_SAME);
	assert_string_equal(stance_name(STANCE_ACCUSATION), "accusation");
	assert_string_equal(stance_name(STANCE_REBUTTAL), "rebuttal");
	assert_string_equal(stance_name(STANCE_NEUTRAL), "neutral");
}

/* An accusation or a denial names a charge with a word of accusing or of
 * blame; one that only states proof, or a denial that only denies, names
 * none. */
static void test_charges(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		enum stance st;
		bool charges;
	} cases[] = {
	    {"Oslo accused Lima of sinking the trawler.", STANCE_ACCUSATION, true},
	    {"His family says he was poisoned on the orders of Peru.", STANCE_ACCUSATION, true},
	    {"Lima was behind the attack, the minister said.", STANCE_ACCUSATION, true},
	    {"There is proof that the fisherman was poisoned, investigators said.",
	     STANCE_ACCUSATION, false},
	    {"The tests showed undoubted evidence of arsenic, the minister said.",
	     STANCE_ACCUSATION, false},
	    {"Peru rejected accusations that it was responsible for the poisoning.",
	     STANCE_REBUTTAL, true},
	    {"Peru denied the allegations.", STANCE_REBUTTAL, true},
	    {"Peru denied it.", STANCE_REBUTTAL, false},
	    {"The fisherman was not poisoned, Peru said.", STANCE_REBUTTAL, false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct stance_attr a;
		stance_attribute(cases[i].s, strlen(cases[i].s), &a);
		assert_int_equal(a.st, cases[i].st);
		if (a.charges != cases[i].charges)
			fail_msg("%s: charges %d", cases[i].s, a.charges);
	}
}

/* The speaker (and whom they speak for) of a sentence, as text. */
static void attr(const char *s, char *spk, char *org, bool *pron)
{
	struct stance_attr a;
	stance_attribute(s, strlen(s), &a);
	snprintf(spk, 64, "%.*s", (int)(a.spk_end - a.spk_start), s + a.spk_start);
	snprintf(org, 64, "%.*s", (int)(a.org_end - a.org_start), s + a.org_start);
	*pron = a.spk_pronoun;
}

static void test_speakers(void **state)
{
	(void)state;
	static const char *const cases[][3] = {
	    /* sentence, speaker, organisation */
	    {"Foreign Minister Anna Berg said the claims were false.", "Anna Berg", ""},
	    {"The allegations are absurd, said Oleg Ivanov.", "Oleg Ivanov", ""},
	    {"According to Maria Lopez, the tests were faked.", "Maria Lopez", ""},
	    {"Norway\xe2\x80\x99s spokesman, Lars Holm, rejected the report.", "Lars Holm",
	     "Norway"},
	    {"Chilean spokesman Pablo Soto said nothing new.", "Pablo Soto", "Chilean"},
	    {"Chile has rejected the accusation.", "Chile", ""},
	    {"The Senate\xe2\x80\x99s denial came a day after Pablo Soto announced the audit.",
	     "Senate", ""},
	    {"Tomas Ek, the Swedish trade minister, said talks would go on.", "Tomas Ek",
	     "Swedish"},
	    {"Chilean officials closed ranks on Friday.", "Chilean", "Chilean"},
	    {"Rain fell on the coast all week.", "", ""},
	};
	char spk[64], org[64];
	bool pron;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		attr(cases[i][0], spk, org, &pron);
		assert_string_equal(spk, cases[i][1]);
		assert_string_equal(org, cases[i][2]);
		assert_false(pron);
	}
	/* a pronoun, or a quotation nobody is named for: the speaker before */
	attr("\xe2\x80\x9cWe did nothing wrong,\xe2\x80\x9d she said.", spk, org, &pron);
	assert_true(pron);
	assert_string_equal(spk, "");
	attr("\"Any threats will be answered.\"", spk, org, &pron);
	assert_true(pron);
}

/* Whether the speaker was named by a speech verb (they report) or is the
 * side that denies (its name is part of what is said). */
static void test_speech_speaker(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		bool speech;
	} cases[] = {
	    {"Foreign Minister Anna Berg said the claims were false.", true},
	    {"According to Maria Lopez, the tests were faked.", true},
	    {"The allegations are absurd, said Oleg Ivanov.", true},
	    {"Chile has rejected the accusation.", false},
	    {"The Senate\xe2\x80\x99s denial came a day after Pablo Soto announced the audit.",
	     false},
	    {"Rain fell on the coast all week.", false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct stance_attr a;
		stance_attribute(cases[i].s, strlen(cases[i].s), &a);
		assert_int_equal(a.spk_speech, cases[i].speech);
	}
}

static void test_denial_cues(void **state)
{
	(void)state;
	static const char *const denials[] = {
	    "The minister called it nothing but a lie.",
	    "The spokesman dismissed the coverage as hysteria.",
	    "Officials spoke of a provocation by foreign powers.",
	    "The claims were not backed up by evidence, she complained.",
	    "There is no evidence at all, the ministry said.",
	    "The government refused to comply with the demand.",
	    "He called the report absurd.",
	    "The envoy said the press wanted to discredit the country.",
	    "The story was fabricated, the embassy said.",
	};
	for (size_t i = 0; i < sizeof denials / sizeof denials[0]; i++)
		assert_int_equal(st(denials[i]), STANCE_REBUTTAL);
	/* demands accuse; the words of a denial used otherwise do not */
	assert_int_equal(st("The premier demanded an answer from the embassy."), STANCE_ACCUSATION);
	assert_int_equal(st("The evidence was collected in May."), STANCE_NEUTRAL);
}

static enum stance_act act(const char *s)
{
	struct stance_attr a;
	stance_attribute(s, strlen(s), &a);
	return a.act;
}

/* What act an accusation or a rebuttal is: a demand, a refusal, or a claim
 * (of guilt, or its denial). */
static void test_acts(void **state)
{
	(void)state;
	assert_int_equal(st("The premier demanded an answer from the embassy."), STANCE_ACCUSATION);
	assert_int_equal(act("The premier demanded an answer from the embassy."), ACT_DEMAND);
	assert_int_equal(act("Oslo set an ultimatum and accused Lima of stalling."), ACT_DEMAND);
	assert_int_equal(act("The envoy was summoned to explain, officials said, accusing Lima."),
			 ACT_DEMAND);
	assert_int_equal(act("The envoy accused Lima of sinking the ferry."), ACT_CLAIM);
	assert_int_equal(st("The government refused to comply with the demand."), STANCE_REBUTTAL);
	assert_int_equal(act("The government refused to comply with the demand."), ACT_REFUSE);
	assert_int_equal(st("The minister declined to hand over the samples."), STANCE_REBUTTAL);
	assert_int_equal(act("The minister declined to hand over the samples."), ACT_REFUSE);
	assert_int_equal(act("Lima denied the allegations."), ACT_CLAIM);
	/* "declined" without "to" is no refusal: prices declined */
	assert_int_equal(st("Grain prices declined in March."), STANCE_NEUTRAL);
	/* a threat, a condition and what will follow, demands what it names;
	 * the same accusation without the condition claims */
	const char *threat = "Should there be no answer, we will call the raid an unlawful act "
			     "by Lima, Berg said.";
	assert_int_equal(st(threat), STANCE_ACCUSATION);
	assert_int_equal(act(threat), ACT_DEMAND);
	assert_int_equal(act("If Lima stays silent, Oslo will treat the raid as unlawful, Berg "
			     "said."),
			 ACT_DEMAND);
	assert_int_equal(act("We call the raid an unlawful act by Lima, Berg said."), ACT_CLAIM);
}

/* A deadline is a demand, and whoever sets it makes the demand: "Ms Berg
 * set a deadline" speaks for Berg as "Berg demanded" does. */
static void test_deadline_demand(void **state)
{
	(void)state;
	const char *s = "In a speech to the senate, Ms Berg set a deadline of noon on Friday.";
	struct stance_attr a;
	stance_attribute(s, strlen(s), &a);
	assert_int_equal(a.st, STANCE_ACCUSATION);
	assert_int_equal(a.act, ACT_DEMAND);
	assert_int_equal(a.spk_start, (size_t)(strstr(s, "Berg set") - s));
	assert_int_equal(a.spk_end, (size_t)(strstr(s, " set") - s));
	assert_false(a.spk_speech); /* the demand is what is said */
	/* "set" in a sentence that demands nothing names no one */
	const char *t = "Oslo set the table for the talks, the envoy said.";
	stance_attribute(t, strlen(t), &a);
	assert_int_equal(a.st, STANCE_NEUTRAL);
	assert_int_equal(a.spk_end, a.spk_start);
}

/* Denying by negating the wrongdoing an accusation names. */
static void test_negated_restatements(void **state)
{
	(void)state;
	static const char *const denials[] = {
	    "The company did not hack any servers, its lawyer said.",
	    "Peru was never involved in the raid on the port.",
	    "\"We didn\xe2\x80\x99t poison anyone,\" the colonel told the court.",
	    "The agency had not ordered the strike, a spokesman insisted.",
	    "Our navy was not behind the attack on the tanker.",
	};
	for (size_t i = 0; i < sizeof denials / sizeof denials[0]; i++)
		assert_int_equal(st(denials[i]), STANCE_REBUTTAL);
	/* a negation of something else denies nothing */
	assert_int_equal(st("Officials said they did not know how many were hurt."),
			 STANCE_NEUTRAL);
	assert_int_equal(st("The storm did not reach the coast."), STANCE_NEUTRAL);
}

/* Who a titled person stands for, and when that is the speaker's side. */
static void test_titled_people(void **state)
{
	(void)state;
	struct stance_attr a;
	const char *s = "Lena Kors, the Danish trade envoy, said Denmark had rejected the bid.";
	stance_attribute(s, strlen(s), &a);
	/* the one who rejects speaks; the envoy still stands for Denmark */
	assert_int_equal(a.spk_start, (size_t)(strstr(s, "Denmark had") - s));
	assert_int_equal(a.per_start, 0);
	assert_int_equal(a.per_end, strlen("Lena Kors"));
	assert_int_equal(a.per_org_start, (size_t)(strstr(s, "Danish") - s));
	assert_int_equal(a.org_end, a.org_start);
	/* "Kroll said the Chilean envoy ...": Kroll is no Chilean */
	char spk[64], org[64];
	bool pron;
	attr("Kroll said the Chilean envoy has been summoned to explain the raid.", spk, org,
	     &pron);
	assert_string_equal(spk, "Kroll");
	assert_string_equal(org, "");
	/* an embassy or a ministry speaks for its country */
	attr("The Peruvian embassy said the report was groundless.", spk, org, &pron);
	assert_string_equal(spk, "Peruvian");
	assert_string_equal(org, "Peruvian");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_accusations),
	    cmocka_unit_test(test_rebuttals),
	    cmocka_unit_test(test_neutral),
	    cmocka_unit_test(test_false_cues),
	    cmocka_unit_test(test_relation),
	    cmocka_unit_test(test_charges),
	    cmocka_unit_test(test_speakers),
	    cmocka_unit_test(test_speech_speaker),
	    cmocka_unit_test(test_denial_cues),
	    cmocka_unit_test(test_acts),
	    cmocka_unit_test(test_negated_restatements),
	    cmocka_unit_test(test_titled_people),
	    cmocka_unit_test(test_deadline_demand),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
