/* Fuzz target for la__cl_model_load: arbitrary bytes must give LA_OK or an error code,
 * never a crash, leak or out-of-bounds read. A loaded model also runs both taggers'
 * scoring and Viterbi on a few features.
 *
 * Checksums stop random mutations early, so inputs whose first byte is odd are used as a
 * payload behind a valid header (counts, sizes and checksums fixed up) to reach the
 * table-building code as well. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "claims/model.h"
#include "util/hash.h"

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* Wraps bytes in a valid header with feature counts derived from their length. */
static uint8_t *with_header(const uint8_t *data, size_t size, size_t *len)
{
    size_t trans = 4 * (LA__CL_CUE_LABELS * LA__CL_CUE_LABELS + LA__CL_ROLE_LABELS * LA__CL_ROLE_LABELS);
    size_t rest = size > trans ? size - trans : 0;
    size_t rec_cue = 4 + 2 * LA__CL_CUE_LABELS, rec_role = 4 + 2 * LA__CL_ROLE_LABELS;
    uint32_t n_cue = (uint32_t)(rest / rec_cue / 2);
    uint32_t n_role = (uint32_t)((rest - n_cue * rec_cue) / rec_role);
    size_t psize = trans + n_cue * rec_cue + n_role * rec_role;
    *len = LA__CL_HEADER_SIZE + psize;
    uint8_t *b = calloc(1, *len);
    if (!b)
        return NULL;
    memcpy(b + LA__CL_HEADER_SIZE, data, size < psize ? size : psize);
    memcpy(b, LA__CL_MAGIC, 8);
    put32(b + 8, LA__CL_FORMAT_VERSION);
    put32(b + 12, LA__CL_FEATURE_VERSION);
    put32(b + 16, n_cue);
    put32(b + 20, n_role);
    put32(b + 24, (uint32_t)psize);
    put32(b + 32, la__fnv1a32(b + LA__CL_HEADER_SIZE, psize, LA__FNV32_SEED));
    memcpy(b + 64, "fuzz", 5);
    put32(b + 36, la__fnv1a32(b, LA__CL_HEADER_SIZE, LA__FNV32_SEED)); /* field 36 is still 0 here */
    return b;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *owned = NULL;
    const uint8_t *buf = data;
    size_t len = size;
    if (size > 0 && (data[0] & 1)) {
        owned = with_header(data + 1, size - 1, &len);
        if (!owned)
            return 0;
        buf = owned;
    }
    la__cl_model *m = NULL;
    la_error err = {0};
    int rc = la__cl_model_load(&m, buf, len, &err);
    if (rc == LA_OK) {
        static const uint32_t feats[] = {1, 2, 3, 0x9e3779b9u, 0xdeadbeefu};
        float emit[3 * LA__CL_ROLE_LABELS] = {0};
        uint8_t work[3 * LA__CL_ROLE_LABELS], out[3];
        for (int which = 0; which < 2; which++) {
            size_t labels = la__cl_labels((la__cl_which)which);
            for (size_t i = 0; i < 3; i++)
                la__cl_score_keys(m, (la__cl_which)which, feats, 5, &emit[i * labels]);
            la__cl_viterbi(3, labels, emit, la__cl_transitions(m, (la__cl_which)which), work, out);
        }
        for (size_t i = 0; i < 5; i++)
            (void)la__cl_gate(m, feats[i]);
        la__cl_model_free(m);
    } else if (m != NULL || (rc != LA_EFORMAT && rc != LA_EVERSION && rc != LA_ENOMEM)) {
        abort();
    }
    free(owned);
    return 0;
}
