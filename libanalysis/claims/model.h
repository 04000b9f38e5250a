/* The claims model: two averaged-perceptron sequence taggers (cue, role) over the hashed
 * features of claims/features.c, with first-order label transitions and Viterbi decoding
 * under the BIO constraint. Trained by tools/train_claims.c on PolNeAR train; shipped as
 * libanalysis/model/claims.bin and compiled into the library.
 *
 * File format, integers little-endian. Header, LA__CL_HEADER_SIZE bytes:
 *    0  magic "LACLAIMS"
 *    8  u32 format version (LA__CL_FORMAT_VERSION)
 *   12  u32 feature version (LA__CL_FEATURE_VERSION of the features that trained it)
 *   16  u32 cue features     20  u32 role features
 *   24  u64 payload size
 *   32  u32 FNV-1a of the payload
 *   36  u32 FNV-1a of the header with this field read as 0
 *   40  24 bytes reserved (0)
 *   64  version string, NUL-terminated, 64 bytes
 * Payload: cue transitions (3 x 3 i32), role transitions (5 x 5 i32), then cue features
 * (u32 key, 3 x i16) and role features (u32 key, 5 x i16). Label order: features.h. */
#ifndef LA_CLAIMS_MODEL_H
#define LA_CLAIMS_MODEL_H

#include "internal.h"
#include "claims/features.h"

#define LA__CL_MAGIC "LACLAIMS"
#define LA__CL_FORMAT_VERSION 1u
#define LA__CL_HEADER_SIZE 128u
#define LA__CL_VERSION_SIZE 64u
#define LA__CL_TRANS_MAX (1 << 24)

typedef struct la__cl_model la__cl_model;

/* Loads a model from memory (copied). A truncated, corrupt or foreign buffer gives
 * LA_EFORMAT or LA_EVERSION with a message. */
int la__cl_model_load(la__cl_model **out, const void *data, size_t len, la_error *err);
/* The model compiled into the library. */
int la__cl_model_load_default(la__cl_model **out, la_error *err);
void la__cl_model_free(la__cl_model *m);
const char *la__cl_model_version(const la__cl_model *m);

/* Asks the memory for the table entries of f's keys: called one position ahead of
 * la__cl_score, it hides the cache misses of the lookups behind other work. */
void la__cl_prefetch(const la__cl_model *m, la__cl_which which, const la__cl_feats *f);
/* Adds the weights of f's features (keys and dense groups) to scores[0..labels). */
void la__cl_score(const la__cl_model *m, la__cl_which which, const la__cl_feats *f, float *scores);
/* Adds the weights of keys[0..n) alone. */
void la__cl_score_keys(const la__cl_model *m, la__cl_which which, const uint32_t *keys, size_t n,
                       float *scores);
/* Whether the cue tagger's weights of feature key favour B-cue over O by more than
 * LA__CL_GATE_WEIGHT (1.6% of the largest weight): the cue gate of the stage (claims.c)
 * asks it of every word's own feature. Most words are turned away by a bitmap, without
 * reading the table. */
#define LA__CL_GATE_WEIGHT 500
bool la__cl_gate(const la__cl_model *m, uint32_t key);
const float *la__cl_transitions(const la__cl_model *m, la__cl_which which);

static inline size_t la__cl_labels(la__cl_which which)
{
    return which == LA__CL_CUE ? LA__CL_CUE_LABELS : LA__CL_ROLE_LABELS;
}

/* Best label sequence for n positions: emit is n x labels, trans labels x labels
 * (from, to). Labels: 0 = O, odd = B of a type, the next even = I of that type; an I
 * only follows the B or I of its type. work holds n x labels bytes. */
void la__cl_viterbi(size_t n, size_t labels, const float *emit, const float *trans,
                    uint8_t *work, uint8_t *out);

/* Serialisation, for the trainer: weights are already quantised. */
typedef struct la__cl_model_spec {
    const char *version;
    const int32_t *trans[2];        /* labels x labels each */
    const uint32_t *keys[2];
    const int16_t *weights[2];      /* n x labels each */
    size_t n[2];
} la__cl_model_spec;
int la__cl_model_serialize(const la__cl_model_spec *spec, void **out, size_t *out_len,
                           la_error *err);

#endif
