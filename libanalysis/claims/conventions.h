/* Attribution conventions of layout rather than wording (claims/conventions.c), found by
 * rules after the taggers: speaker labels ("PENCE: Well, look, ...") and dash
 * attributions ("“...” ― Sonya Herridge"). The trainer does not read them. */
#ifndef LA_CLAIMS_CONVENTIONS_H
#define LA_CLAIMS_CONVENTIONS_H

#include "claims/context.h"

/* One attribution: token ranges [a, b) of source, cue and content; the content may run
 * over several paragraphs (a speaker's turn). direct: the content is the inside of a
 * quote whose marks the rule has already left out (kind direct whatever the pairing of
 * the marks, which may be stray: "”A.” ― Name"); otherwise the kind is read from the
 * quote marks as for any claim. */
typedef struct la__cl_attribution {
    size_t src_a, src_b, cue_a, cue_b, con_a, con_b;
    bool direct;
} la__cl_attribution;

/* The attributions of the paragraphs the stage reads, in document order (malloc'd; *out
 * may be NULL when there are none). LA_OK or LA_ENOMEM. */
int la__cl_conventions(const la__cl_ctx *c, la__cl_attribution **out, size_t *n_out);

/* Whether token i is a word that names no speaker before a colon: an interview turn, a
 * page, section or credit label, a headline teaser ("Q", "Analysis", "Exclusive"). */
bool la__cl_not_speaker(const la__cl_ctx *c, size_t i);

#endif
