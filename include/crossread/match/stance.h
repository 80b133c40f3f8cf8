/* stance: does a sentence accuse someone, rebut an accusation, or neither?
 * Decided from cue words (reporting verbs such as accuse, charge, indict,
 * blame; denials such as deny, reject, refute, baseless, lie, hysteria,
 * provocation, discredit, refused, "based on nothing", "no role", "no
 * evidence", "not backed up") and attribution ("X said", "according to X",
 * "X's spokesman", a title before a name), which also names the speaker. */
#ifndef CROSSREAD_STANCE_H
#define CROSSREAD_STANCE_H

#include <stddef.h>

#include "crossread/annot/annot.h"

enum stance { STANCE_NEUTRAL, STANCE_ACCUSATION, STANCE_REBUTTAL };

/* What kind of act an accusation or a rebuttal is, so that an answer is
 * paired with what it answers: a refusal answers a demand ("Moscow refused
 * to comply" answers "May demanded a response"), a denial answers a claim
 * of guilt ("Russia denied it was responsible"). */
enum stance_act {
	ACT_CLAIM,  /* an accusation that blames; a rebuttal that denies */
	ACT_DEMAND, /* an accusation that demands: demanded, urged, summoned
		     * to explain, an ultimatum, a deadline */
	ACT_REFUSE, /* a rebuttal that refuses: refused, declined to, will not
		     * comply */
};

/* Who speaks in a sentence. Offsets are into the sentence; an empty span
 * (start == end) is none. */
struct stance_attr {
	enum stance st;
	enum stance_act act;		   /* for an accusation or a rebuttal */
	bool charges;			   /* it names a charge: a word of accusing
					    * or of blame ("accused", "allegations",
					    * "responsible", "on X's orders"), not
					    * only proof ("evidence", "proof") */
	size_t spk_start, spk_end;	   /* the speaker's name: "X said", "said X",
					    * "according to X", "Russia denied" */
	size_t org_start, org_end;	   /* whom a titled speaker speaks for: the
					    * "Kremlin" of "Kremlin spokesman Dmitry
					    * Peskov", the "Merkel" of "Merkel's
					    * spokesman, Stephen Seibert" */
	size_t per_start, per_end;	   /* a titled person the sentence names,
					    * speaking or not ("Sergei Lavrov, the
					    * Russian foreign minister, said Moscow
					    * had refused": Lavrov) ... */
	size_t per_org_start, per_org_end; /* ... and whom they stand for
					    * ("Russian"); org_* is only set
					    * when that person speaks */
	bool spk_speech;		   /* the speaker was found by a speech verb
					    * ("Theresa May said"), not as the subject
					    * of a denial ("the Kremlin has dismissed"):
					    * they report, the words are not the claim */
	bool spk_pronoun;		   /* "he said", or an unattributed quote: the
					    * speaker named before speaks on */
};

/* Stance and attribution of the sentence s[0..len) (any bytes). */
void stance_attribute(const char *s, size_t len, struct stance_attr *out);

/* Stance of the sentence s[0..len) (any bytes). */
enum stance stance_of(const char *s, size_t len);
/* "neutral", "accusation" or "rebuttal" */
const char *stance_name(enum stance st);
/* The link two matched sentences suggest: REL_REBUTS when one accuses and
 * the other rebuts, REL_SAME otherwise. */
enum link_rel stance_relation(enum stance a, enum stance b);

#endif
