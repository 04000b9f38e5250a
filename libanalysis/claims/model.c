/* The claims model: loading and checking it, scoring features, Viterbi; see model.h.
 * Immutable after loading, so one model serves any number of threads. */
#include "claims/model.h"
#include "util/hash.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Generated from libanalysis/model/claims.bin by tools/embed.py at build time. */
extern const unsigned char la__cl_default_model[];
extern const size_t la__cl_default_model_size;

/* A table is an array of 64-byte buckets, one cache line each: `slots` keys (0 = empty,
 * filled in order), then their rows of `labels` int16 weights. The cue tagger's three
 * labels fit six features in a line, the role tagger's five fit four. A lookup reads one
 * line, compares its keys without branching and only moves on to the next bucket when
 * this one is full (rare: at most 3/4 of the slots are used). */
#define LINE 64
#define CUE_SLOTS 6
#define ROLE_SLOTS 4
_Static_assert(CUE_SLOTS * (4 + 2 * LA__CL_CUE_LABELS) <= LINE, "cue bucket exceeds a line");
_Static_assert(ROLE_SLOTS * (4 + 2 * LA__CL_ROLE_LABELS) <= LINE, "role bucket exceeds a line");

typedef struct table {
    void *memory;         /* what calloc gave: the lines, aligned to LINE, lie inside */
    unsigned char *lines; /* linear probing over buckets on the key's hash */
    uint32_t mask;
    size_t labels, slots;
    float trans[LA__CL_ROLE_LABELS * LA__CL_ROLE_LABELS];
    /* per dense group (features.h): for every index, its keys' summed weights */
    int32_t *dense[LA__CL_MAX_GROUPS];
} table;

static uint32_t *keys_of(const table *t, uint32_t h) { return (uint32_t *)(t->lines + (size_t)h * LINE); }

static int16_t *row_of(const table *t, uint32_t h, size_t k)
{
    return (int16_t *)(t->lines + (size_t)h * LINE + 4 * t->slots) + k * t->labels;
}

/* The cue gate's bitmap, 16 KB: bit gate_bit(key) is set for every cue-tagger feature
 * whose weights favour B-cue over O by more than LA__CL_GATE_WEIGHT (about 12,000 of the
 * 22,000), so that it turns away nine words in ten that do not. */
#define GATE_BITS 17

struct la__cl_model {
    table t[2];
    uint64_t gate[(1u << GATE_BITS) / 64];
    char version[LA__CL_VERSION_SIZE];
};

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t rd64(const uint8_t *p) { return rd32(p) | (uint64_t)rd32(p + 4) << 32; }

static void wr32(uint8_t *p, uint32_t v)
{
    for (int k = 0; k < 4; k++)
        p[k] = (uint8_t)(v >> (8 * k));
}

static uint32_t header_checksum(const uint8_t *hdr)
{
    uint8_t copy[LA__CL_HEADER_SIZE];
    memcpy(copy, hdr, sizeof copy);
    wr32(copy + 36, 0);
    return la__fnv1a32(copy, sizeof copy, LA__FNV32_SEED);
}

static uint64_t record_size(size_t labels) { return 4 + 2 * (uint64_t)labels; }

static uint64_t payload_size(uint64_t n_cue, uint64_t n_role)
{
    return 4 * (LA__CL_CUE_LABELS * LA__CL_CUE_LABELS + LA__CL_ROLE_LABELS * LA__CL_ROLE_LABELS) +
           n_cue * record_size(LA__CL_CUE_LABELS) + n_role * record_size(LA__CL_ROLE_LABELS);
}

static uint32_t slot_of(uint32_t key) { return key * 0x9e3779b1u; }

/* ---- loading ------------------------------------------------------------------------ */

static int check_header(const uint8_t *d, size_t len, la_error *err)
{
    if (len < 8 || memcmp(d, LA__CL_MAGIC, 8) != 0)
        return la__fail(err, LA_EFORMAT, 0, "not a libanalysis claims model (bad magic)");
    if (len < LA__CL_HEADER_SIZE)
        return la__fail(err, LA_EFORMAT, len, "claims model truncated: %zu bytes, header needs %u",
                        len, LA__CL_HEADER_SIZE);
    if (rd32(d + 8) != LA__CL_FORMAT_VERSION)
        return la__fail(err, LA_EVERSION, 8, "claims model format version %u, this library reads %u",
                        rd32(d + 8), LA__CL_FORMAT_VERSION);
    if (rd32(d + 36) != header_checksum(d))
        return la__fail(err, LA_EFORMAT, 36, "claims model header is corrupt (checksum)");
    if (rd32(d + 12) != LA__CL_FEATURE_VERSION)
        return la__fail(err, LA_EVERSION, 12, "claims model built for feature version %u, this library has %u",
                        rd32(d + 12), LA__CL_FEATURE_VERSION);
    if (memchr(d + 64, 0, LA__CL_VERSION_SIZE) == NULL)
        return la__fail(err, LA_EFORMAT, 64, "claims model version string is not terminated");
    uint64_t psize = rd64(d + 24);
    if (psize != payload_size(rd32(d + 16), rd32(d + 20)))
        return la__fail(err, LA_EFORMAT, 24, "claims model payload size does not match its counts");
    if (len - LA__CL_HEADER_SIZE != psize)
        return la__fail(err, LA_EFORMAT, len, "claims model %s: %zu payload bytes, header says %llu",
                        len - LA__CL_HEADER_SIZE < psize ? "truncated" : "has trailing bytes",
                        len - LA__CL_HEADER_SIZE, (unsigned long long)psize);
    if (la__fnv1a32(d + LA__CL_HEADER_SIZE, (size_t)psize, LA__FNV32_SEED) != rd32(d + 32))
        return la__fail(err, LA_EFORMAT, LA__CL_HEADER_SIZE, "claims model payload checksum mismatch");
    return LA_OK;
}

static const uint8_t *load_trans(table *t, const uint8_t *p, la_error *err, int *rc)
{
    for (size_t i = 0; i < t->labels * t->labels; i++, p += 4) {
        int32_t v = (int32_t)rd32(p);
        if (v > LA__CL_TRANS_MAX || v < -LA__CL_TRANS_MAX)
            *rc = la__fail(err, LA_EFORMAT, 0, "claims model transition weight out of range");
        t->trans[i] = (float)v;
    }
    return p;
}

static int load_table(table *t, const uint8_t *p, uint32_t n, la_error *err)
{
    uint32_t buckets = 4;
    while ((uint64_t)buckets * t->slots * 3 < 4 * (uint64_t)n) /* at most 3/4 full */
        buckets <<= 1;
    t->memory = calloc((size_t)buckets + 1, LINE);
    if (!t->memory)
        return la__fail(err, LA_ENOMEM, 0, "out of memory loading the claims model");
    t->lines = (unsigned char *)(((uintptr_t)t->memory + LINE - 1) & ~(uintptr_t)(LINE - 1));
    t->mask = buckets - 1;
    for (uint32_t i = 0; i < n; i++, p += record_size(t->labels)) {
        uint32_t key = rd32(p), h = slot_of(key) & t->mask;
        if (key == 0)
            return la__fail(err, LA_EFORMAT, 0, "claims model has a zero feature key");
        for (;;) {
            uint32_t *keys = keys_of(t, h);
            size_t k = 0;
            while (k < t->slots && keys[k] != 0 && keys[k] != key)
                k++;
            if (k < t->slots && keys[k] == key)
                return la__fail(err, LA_EFORMAT, 0, "claims model has a duplicate feature");
            if (k < t->slots) {
                keys[k] = key;
                int16_t *w = row_of(t, h, k);
                for (size_t l = 0; l < t->labels; l++)
                    w[l] = (int16_t)(p[4 + 2 * l] | p[5 + 2 * l] << 8);
                break;
            }
            h = (h + 1) & t->mask;
        }
    }
    return LA_OK;
}

static int fill_dense(table *t, la__cl_which which, la_error *err);

static uint32_t gate_bit(uint32_t key) { return (key * 0x2545f491u) >> (32 - GATE_BITS); }

static bool leans_to_cue(int32_t b, int32_t o) { return b - o > LA__CL_GATE_WEIGHT; }

static void fill_gate(la__cl_model *m)
{
    const table *t = &m->t[LA__CL_CUE];
    for (uint32_t h = 0; h <= t->mask; h++)
        for (size_t k = 0; k < t->slots; k++) {
            uint32_t key = keys_of(t, h)[k];
            const int16_t *w = row_of(t, h, k);
            if (key && leans_to_cue(w[LA__CL_CUE_B], w[LA__CL_CUE_O]))
                m->gate[gate_bit(key) / 64] |= 1ull << (gate_bit(key) % 64);
        }
}

int la__cl_model_load(la__cl_model **out, const void *data, size_t len, la_error *err)
{
    if (!out || (!data && len))
        return la__fail(err, LA_EINVAL, 0, "la__cl_model_load: NULL argument");
    *out = NULL;
    const uint8_t *d = data ? data : (const uint8_t *)"";
    int rc = check_header(d, len, err);
    if (rc)
        return rc;
    la__cl_model *m = calloc(1, sizeof *m);
    if (!m)
        return la__fail(err, LA_ENOMEM, 0, "out of memory loading the claims model");
    memcpy(m->version, d + 64, LA__CL_VERSION_SIZE);
    m->t[LA__CL_CUE].labels = LA__CL_CUE_LABELS;
    m->t[LA__CL_CUE].slots = CUE_SLOTS;
    m->t[LA__CL_ROLE].labels = LA__CL_ROLE_LABELS;
    m->t[LA__CL_ROLE].slots = ROLE_SLOTS;
    const uint8_t *p = d + LA__CL_HEADER_SIZE;
    p = load_trans(&m->t[LA__CL_CUE], p, err, &rc);
    p = load_trans(&m->t[LA__CL_ROLE], p, err, &rc);
    uint32_t n_cue = rd32(d + 16), n_role = rd32(d + 20);
    if (!rc)
        rc = load_table(&m->t[LA__CL_CUE], p, n_cue, err);
    p += n_cue * record_size(LA__CL_CUE_LABELS);
    if (!rc)
        rc = load_table(&m->t[LA__CL_ROLE], p, n_role, err);
    if (!rc)
        fill_gate(m);
    for (int which = 0; which < 2 && !rc; which++)
        rc = fill_dense(&m->t[which], (la__cl_which)which, err);
    if (rc) {
        la__cl_model_free(m);
        return rc;
    }
    *out = m;
    return LA_OK;
}

int la__cl_model_load_default(la__cl_model **out, la_error *err)
{
    return la__cl_model_load(out, la__cl_default_model, la__cl_default_model_size, err);
}

void la__cl_model_free(la__cl_model *m)
{
    if (!m)
        return;
    for (int k = 0; k < 2; k++) {
        free(m->t[k].memory);
        for (size_t g = 0; g < LA__CL_MAX_GROUPS; g++)
            free(m->t[k].dense[g]);
    }
    free(m);
}

const char *la__cl_model_version(const la__cl_model *m) { return m->version; }

/* ---- scoring and decoding ------------------------------------------------------------ */

/* Index of the one bit set in a slot mask of up to six bits. */
static const uint8_t FIRST_BIT[64] = {
    0, 0, 1, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

#if defined(__SSE2__)
/* A bit per 32-bit lane of v that is all ones. */
static inline unsigned lane_bits(__m128i v) { return (unsigned)_mm_movemask_ps(_mm_castsi128_ps(v)); }
#endif

/* Bit k set when keys[k] == key, for the `slots` keys of a bucket. With SSE2 (every
 * x86-64) four keys are compared in one instruction: the lookups are most of the
 * stage's instructions. */
static inline unsigned slot_hits(const uint32_t *keys, uint32_t key, size_t slots)
{
#if defined(__SSE2__)
    __m128i k = _mm_set1_epi32((int)key);
    unsigned hit = lane_bits(_mm_cmpeq_epi32(_mm_load_si128((const __m128i *)keys), k));
    if (slots > 4) /* two more keys; the upper lanes load as 0, never a key */
        hit |= lane_bits(_mm_cmpeq_epi32(_mm_loadl_epi64((const __m128i *)(keys + 4)), k)) << 4;
    return hit;
#else
    unsigned hit = 0;
    for (size_t k = 0; k < slots; k++)
        hit |= (unsigned)(keys[k] == key) << k;
    return hit;
#endif
}

/* Adds the weights of features feats[0..n) to sum[0..labels). slots and labels are
 * constants at each call, so the compiler unrolls the key compares and the row sums. */
static inline void sum_weights(const table *t, const uint32_t *feats, size_t n, size_t slots,
                               size_t labels, int32_t *sum)
{
    for (size_t f = 0; f < n; f++) {
        uint32_t key = feats[f], h = slot_of(key) & t->mask;
        for (;;) {
            const unsigned char *line = t->lines + (size_t)h * LINE;
            const uint32_t *keys = (const uint32_t *)line;
            unsigned hit = slot_hits(keys, key, slots);
            if (hit) {
                const int16_t *w = (const int16_t *)(line + 4 * slots) + FIRST_BIT[hit] * labels;
                for (size_t l = 0; l < labels; l++)
                    sum[l] += w[l];
                break;
            }
            if (keys[slots - 1] == 0) /* not in the model */
                break;
            h = (h + 1) & t->mask;
        }
    }
}

/* The summed weights of every index of the table's dense groups (features.h). */
static int fill_dense(table *t, la__cl_which which, la_error *err)
{
    for (size_t g = 0; g < la__cl_groups(which); g++) {
        uint32_t size = la__cl_dense_size(which, g);
        t->dense[g] = calloc((size_t)size * t->labels, sizeof *t->dense[g]);
        if (!t->dense[g])
            return la__fail(err, LA_ENOMEM, 0, "out of memory loading the claims model");
        for (uint32_t index = 0; index < size; index++) {
            uint32_t keys[LA__CL_MAX_FEATURES];
            size_t n = la__cl_dense_keys(which, g, index, keys);
            int32_t *row = t->dense[g] + (size_t)index * t->labels;
            if (which == LA__CL_CUE)
                sum_weights(t, keys, n, CUE_SLOTS, LA__CL_CUE_LABELS, row);
            else
                sum_weights(t, keys, n, ROLE_SLOTS, LA__CL_ROLE_LABELS, row);
        }
    }
    return LA_OK;
}

void la__cl_prefetch(const la__cl_model *m, la__cl_which which, const la__cl_feats *f)
{
#if defined(__GNUC__)
    const table *t = &m->t[which];
    for (size_t k = 0; k < f->n; k++)
        __builtin_prefetch(t->lines + (size_t)(slot_of(f->key[k]) & t->mask) * LINE);
#else
    (void)m, (void)which, (void)f;
#endif
}

/* The weights of keys[0..n) and, with f, of f's dense groups, added to scores. Called
 * with constant slots, labels and groups, like sum_weights. */
static inline void score(const table *t, size_t slots, size_t labels, size_t groups, const uint32_t *keys,
                         size_t n, const la__cl_feats *f, float *scores)
{
    int32_t sum[LA__CL_ROLE_LABELS] = {0};
    sum_weights(t, keys, n, slots, labels, sum);
    for (size_t g = 0; f && g < groups; g++) {
        const int32_t *row = t->dense[g] + (size_t)f->dense[g] * labels;
        for (size_t l = 0; l < labels; l++)
            sum[l] += row[l];
    }
    for (size_t l = 0; l < labels; l++)
        scores[l] += (float)sum[l];
}

static void score_any(const la__cl_model *m, la__cl_which which, const uint32_t *keys, size_t n,
                      const la__cl_feats *f, float *scores)
{
    if (which == LA__CL_CUE)
        score(&m->t[which], CUE_SLOTS, LA__CL_CUE_LABELS, LA__CL_CUE_GROUPS, keys, n, f, scores);
    else
        score(&m->t[which], ROLE_SLOTS, LA__CL_ROLE_LABELS, LA__CL_ROLE_GROUPS, keys, n, f, scores);
}

void la__cl_score(const la__cl_model *m, la__cl_which which, const la__cl_feats *f, float *scores)
{
    score_any(m, which, f->key, f->n, f, scores);
}

void la__cl_score_keys(const la__cl_model *m, la__cl_which which, const uint32_t *keys, size_t n,
                       float *scores)
{
    score_any(m, which, keys, n, NULL, scores);
}

bool la__cl_gate(const la__cl_model *m, uint32_t key)
{
    uint32_t b = gate_bit(key);
    if (!(m->gate[b / 64] >> (b % 64) & 1))
        return false;
    int32_t sum[LA__CL_CUE_LABELS] = {0};
    sum_weights(&m->t[LA__CL_CUE], &key, 1, CUE_SLOTS, LA__CL_CUE_LABELS, sum);
    return leans_to_cue(sum[LA__CL_CUE_B], sum[LA__CL_CUE_O]);
}

const float *la__cl_transitions(const la__cl_model *m, la__cl_which which) { return m->t[which].trans; }

static bool allowed(size_t from, size_t to)
{
    return to == 0 || to % 2 == 1 || from == to || from + 1 == to;
}

/* A forbidden step costs more than any path of allowed ones can score, so that folding
 * the BIO constraint into the transitions leaves the best path as it was. */
#define FORBIDDEN (-1e300)

/* la__cl_viterbi for a constant number of labels, so that the compiler unrolls the
 * label loops. */
static inline void viterbi_n(size_t n, size_t labels, const float *emit, const float *trans,
                             uint8_t *work, uint8_t *out)
{
    double t[LA__CL_ROLE_LABELS * LA__CL_ROLE_LABELS];
    for (size_t from = 0; from < labels; from++)
        for (size_t to = 0; to < labels; to++)
            t[from * labels + to] = allowed(from, to) ? trans[from * labels + to] : FORBIDDEN;
    double best[LA__CL_ROLE_LABELS], next[LA__CL_ROLE_LABELS];
    for (size_t l = 0; l < labels; l++)
        best[l] = (l == 0 || l % 2 == 1) ? emit[l] : FORBIDDEN;
    for (size_t i = 1; i < n; i++) {
        for (size_t to = 0; to < labels; to++) {
            double top = best[0] + t[to];
            uint8_t arg = 0;
            for (size_t from = 1; from < labels; from++) {
                double v = best[from] + t[from * labels + to];
                if (v > top) {
                    top = v;
                    arg = (uint8_t)from;
                }
            }
            next[to] = top + emit[i * labels + to];
            work[i * labels + to] = arg;
        }
        memcpy(best, next, labels * sizeof *best);
    }
    size_t l = 0;
    for (size_t k = 1; k < labels; k++)
        if (best[k] > best[l])
            l = k;
    for (size_t i = n; i-- > 0;) {
        out[i] = (uint8_t)l;
        if (i > 0)
            l = work[i * labels + l];
    }
}

void la__cl_viterbi(size_t n, size_t labels, const float *emit, const float *trans,
                    uint8_t *work, uint8_t *out)
{
    if (n == 0)
        return;
    if (labels == LA__CL_CUE_LABELS)
        viterbi_n(n, LA__CL_CUE_LABELS, emit, trans, work, out);
    else if (labels == LA__CL_ROLE_LABELS)
        viterbi_n(n, LA__CL_ROLE_LABELS, emit, trans, work, out);
    else
        viterbi_n(n, labels, emit, trans, work, out);
}

/* ---- writing ---------------------------------------------------------------------------- */

int la__cl_model_serialize(const la__cl_model_spec *spec, void **out, size_t *out_len, la_error *err)
{
    *out = NULL;
    *out_len = 0;
    if (strlen(spec->version) >= LA__CL_VERSION_SIZE || spec->n[0] > UINT32_MAX || spec->n[1] > UINT32_MAX)
        return la__fail(err, LA_EINVAL, 0, "claims model spec out of range");
    uint64_t psize = payload_size(spec->n[0], spec->n[1]);
    uint8_t *buf = calloc(1, LA__CL_HEADER_SIZE + (size_t)psize);
    if (!buf)
        return la__fail(err, LA_ENOMEM, 0, "out of memory writing the claims model");
    uint8_t *p = buf + LA__CL_HEADER_SIZE;
    for (int k = 0; k < 2; k++) {
        size_t labels = la__cl_labels((la__cl_which)k);
        for (size_t i = 0; i < labels * labels; i++, p += 4)
            wr32(p, (uint32_t)spec->trans[k][i]);
    }
    for (int k = 0; k < 2; k++) {
        size_t labels = la__cl_labels((la__cl_which)k);
        for (size_t f = 0; f < spec->n[k]; f++) {
            wr32(p, spec->keys[k][f]);
            p += 4;
            for (size_t l = 0; l < labels; l++, p += 2) {
                uint16_t v = (uint16_t)spec->weights[k][f * labels + l];
                p[0] = (uint8_t)v;
                p[1] = (uint8_t)(v >> 8);
            }
        }
    }
    memcpy(buf, LA__CL_MAGIC, 8);
    wr32(buf + 8, LA__CL_FORMAT_VERSION);
    wr32(buf + 12, LA__CL_FEATURE_VERSION);
    wr32(buf + 16, (uint32_t)spec->n[0]);
    wr32(buf + 20, (uint32_t)spec->n[1]);
    wr32(buf + 24, (uint32_t)psize);
    wr32(buf + 28, (uint32_t)(psize >> 32));
    wr32(buf + 32, la__fnv1a32(buf + LA__CL_HEADER_SIZE, (size_t)psize, LA__FNV32_SEED));
    memcpy(buf + 64, spec->version, strlen(spec->version));
    wr32(buf + 36, header_checksum(buf));
    *out = buf;
    *out_len = LA__CL_HEADER_SIZE + (size_t)psize;
    return LA_OK;
}
