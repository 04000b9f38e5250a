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

typedef enum la__cl_which { LA__CL_CUE, LA__CL_ROLE } la__cl_which;

/* Dense groups. A template whose values are few (a shape, a distance bucket, whether a
 * quote is open) belongs to a group of such templates that read the same few values;
 * a position carries one index per group, its values in mixed radix, instead of the
 * group's keys. The model sums each index's weights once, at load, so that scoring adds
 * one row per group where it looked up a key per template: 12 of the role tagger's 25
 * lookups and 9 of the cue tagger's 24 (docs/claims.md). la__cl_dense_keys gives the
 * keys an index stands for: the features themselves are unchanged. */
#define LA__CL_MAX_GROUPS 4
enum { LA__CL_CUE_GROUPS = 3, LA__CL_ROLE_GROUPS = 4 };

/* The features of one position: keys looked up one by one, and dense group indices. */
typedef struct la__cl_feats {
    uint32_t key[LA__CL_MAX_FEATURES];
    size_t n;
    uint32_t dense[LA__CL_MAX_GROUPS];
} la__cl_feats;

static inline size_t la__cl_groups(la__cl_which which)
{
    return which == LA__CL_CUE ? LA__CL_CUE_GROUPS : LA__CL_ROLE_GROUPS;
}

/* Number of indices of a dense group. */
uint32_t la__cl_dense_size(la__cl_which which, size_t group);
/* The keys that index stands for in a dense group, into out; returns their number. */
size_t la__cl_dense_keys(la__cl_which which, size_t group, uint32_t index, uint32_t *out);
/* Every key of f, its dense indices expanded, into out (LA__CL_MAX_FEATURES): what the
 * trainer learns from. Returns their number. */
size_t la__cl_all_keys(la__cl_which which, const la__cl_feats *f, uint32_t *out);

/* The cue tagger's feature of a word on its own (its text hash, c->word[i]). */
uint32_t la__cl_word_feature(uint32_t word);

/* Cue-tagger features of token i in sentence tokens [a, b). */
void la__cl_cue_features(const la__cl_ctx *c, size_t a, size_t b, size_t i, la__cl_feats *out);

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

/* Role-tagger features of token j (in the window) for cue. */
void la__cl_role_features(const la__cl_ctx *c, const la__cl_cue *cue, size_t j, la__cl_feats *out);

#endif
