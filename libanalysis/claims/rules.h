/* Hand-written attribution patterns (claims/rules.c), whose proposals the trained
 * taggers take as features. */
#ifndef LA_CLAIMS_RULES_H
#define LA_CLAIMS_RULES_H

#include "claims/context.h"

/* One proposal: token ranges [a, b) of source (empty when none), cue and content. */
typedef struct la__cl_rule {
    size_t src_a, src_b, cue_a, cue_b, con_a, con_b;
} la__cl_rule;

/* Proposals for every paragraph the stage reads, in order (malloc'd; *out may be NULL
 * when there are none). LA_OK or LA_ENOMEM. */
int la__cl_rules(const la__cl_ctx *c, la__cl_rule **out, size_t *n_out);

#endif
