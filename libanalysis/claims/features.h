/* Features of the two claim taggers (claims/features.c), shared by the stage and the
 * trainer (tools/train_claims.c) so that both see exactly the same keys:
 *
 *   cue tagger:  labels every token of a sentence O / B-cue / I-cue;
 *   role tagger: for one cue, labels the tokens of a window around it O / B-source /
 *                I-source / B-content / I-content.
 *
 * A feature is a nonzero 32-bit hash of a template number and its values. Changing any
 * template changes the keys, so it must bump LA__CL_FEATURE_VERSION (checked on load). */
#ifndef LA_CLAIMS_FEATURES_H
#define LA_CLAIMS_FEATURES_H

#include "claims/context.h"

#define LA__CL_FEATURE_VERSION 8u
#define LA__CL_MAX_FEATURES 48

enum { LA__CL_CUE_O, LA__CL_CUE_B, LA__CL_CUE_I, LA__CL_CUE_LABELS };
enum { LA__CL_ROLE_O, LA__CL_SRC_B, LA__CL_SRC_I, LA__CL_CON_B, LA__CL_CON_I, LA__CL_ROLE_LABELS };

/* The cue tagger's feature of a word on its own (its text hash, c->word[i]). */
uint32_t la__cl_word_feature(uint32_t word);

/* Cue-tagger features of token i in sentence tokens [a, b); returns their number. */
size_t la__cl_cue_features(const la__cl_ctx *c, size_t a, size_t b, size_t i, uint32_t *out);

/* A cue found by the cue tagger (or, in training, from the gold annotation). */
typedef struct la__cl_cue {
    size_t a, b;          /* cue tokens [a, b) */
    uint32_t lemma;       /* hash of the cue's lexicon lemma, or of its last word */
    const la__cue_entry *entry; /* lexicon row of the cue's head word, or NULL */
    int32_t rule;         /* the rules' proposal with this cue (c->rules), or -1 */
} la__cl_cue;

void la__cl_cue_init(const la__cl_ctx *c, la__cl_cue *cue, size_t a, size_t b);

/* The tokens [*wa, *wb) the role tagger labels for a cue in a paragraph of tokens
 * [pa, pb): the cue's sentence, and the one before or after it when a statement can run
 * over the boundary (a quote across it, a colon); within the paragraph and at most
 * LA__CL_WINDOW tokens on either side of the cue. Nine contents in ten stay in their
 * cue's sentence; this labels a quarter fewer tokens than three whole sentences did. */
#define LA__CL_WINDOW 60
void la__cl_role_window(const la__cl_ctx *c, size_t pa, size_t pb, const la__cl_cue *cue,
                        size_t *wa, size_t *wb);

/* Role-tagger features of token j (in the window) for cue; returns their number. */
size_t la__cl_role_features(const la__cl_ctx *c, const la__cl_cue *cue, size_t j, uint32_t *out);

#endif
