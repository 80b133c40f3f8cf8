/* stance: does a sentence accuse someone, rebut an accusation, or neither?
 * Decided from cue words (reporting verbs such as accuse, charge, indict,
 * blame; denials such as deny, reject, refute, baseless, "based on
 * nothing", "no role") and attribution ("X said", "according to X"). */
#ifndef CROSSREAD_STANCE_H
#define CROSSREAD_STANCE_H

#include <stddef.h>

#include "crossread/annot/annot.h"

enum stance { STANCE_NEUTRAL, STANCE_ACCUSATION, STANCE_REBUTTAL };

/* Stance of the sentence s[0..len) (any bytes). */
enum stance stance_of(const char *s, size_t len);
/* "neutral", "accusation" or "rebuttal" */
const char *stance_name(enum stance st);
/* The link two matched sentences suggest: REL_REBUTS when one accuses and
 * the other rebuts, REL_SAME otherwise. */
enum link_rel stance_relation(enum stance a, enum stance b);

#endif
