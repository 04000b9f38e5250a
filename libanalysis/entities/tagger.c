/* Statistical named-entity tagger: an averaged perceptron over hashed features (features.c)
 * with first-order tag transitions and Viterbi decoding under the BIO constraint.
 * The model is immutable after loading; la__ner_tag keeps all its state on the stack or in
 * per-call allocations, so one model serves any number of threads. */
#include "entities/tagger.h"
#include "entities/features.h"
#include "entities/tagger_io.h"
#include "util/hash.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Generated from libanalysis/model/ner.bin by tools/embed.py at build time. */
extern const unsigned char la__ner_default_model[];
extern const size_t la__ner_default_model_size;

/* One feature's weights. 24 bytes: a lookup touches one cache line most of the time. */
typedef struct ner_entry {
    uint32_t key;
    int16_t w[LA__NER_TAGS];
} ner_entry;

struct la__ner_model {
    ner_entry *table;               /* open addressing on key; key 0 = empty */
    uint32_t mask;
    int32_t trans[LA__NER_TRANS_SIZE];
    uint32_t *cluster_keys, *cluster_vals;
    la__ner_resources res;
    char version[LA__NER_VERSION_SIZE];
};

/* ---- loading ----------------------------------------------------------------------- */

static inline uint32_t slot_of(uint32_t key)
{
    /* Keys are already well-mixed feature hashes; one more multiply decorrelates the slot
     * from the cluster map, which also indexes by these keys. */
    return key * 0x9e3779b1u;
}

static uint32_t table_slots(size_t n)
{
    uint32_t slots = 16;
    while (slots < n + n / 2 + 1) /* load factor <= 2/3 keeps probes short */
        slots <<= 1;
    return slots;
}

/* Checks the header; on success sets the counts. */
static int check_header(const uint8_t *d, size_t len, uint32_t *n_features,
                        uint32_t *n_clusters, la_error *err)
{
    if (len < 8 || memcmp(d, LA__NER_MAGIC, 8) != 0)
        return la__fail(err, LA_EFORMAT, 0, "not a libanalysis NER model (bad magic)");
    if (len < LA__NER_HEADER_SIZE)
        return la__fail(err, LA_EFORMAT, len, "NER model truncated: %zu bytes, header needs %u",
                        len, LA__NER_HEADER_SIZE);
    uint32_t fmt = la__ner_rd32(d + 8);
    if (fmt != LA__NER_FORMAT_VERSION)
        return la__fail(err, LA_EVERSION, 8, "NER model format version %u, this library reads %u",
                        fmt, LA__NER_FORMAT_VERSION);
    if (la__ner_rd32(d + 12) != LA__NER_HEADER_SIZE || la__ner_rd32(d + 44) != la__ner_header_checksum(d))
        return la__fail(err, LA_EFORMAT, 12, "NER model header is corrupt (checksum)");
    if (la__ner_rd32(d + 16) != LA__NER_FEATURE_VERSION)
        return la__fail(err, LA_EVERSION, 16,
                        "NER model built for feature version %u, this library has %u",
                        la__ner_rd32(d + 16), LA__NER_FEATURE_VERSION);
    if (la__ner_rd32(d + 20) != LA__NER_TAGS)
        return la__fail(err, LA_EFORMAT, 20, "NER model has %u tags, expected %u", la__ner_rd32(d + 20),
                        (unsigned)LA__NER_TAGS);
    if (memchr(d + 64, 0, LA__NER_VERSION_SIZE) == NULL)
        return la__fail(err, LA_EFORMAT, 64, "NER model version string is not terminated");
    *n_features = la__ner_rd32(d + 24);
    *n_clusters = la__ner_rd32(d + 28);
    uint64_t psize = la__ner_rd64(d + 32);
    if (psize != la__ner_payload_size(*n_features, *n_clusters))
        return la__fail(err, LA_EFORMAT, 32, "NER model payload size does not match its counts");
    if (len - LA__NER_HEADER_SIZE != psize)
        return la__fail(err, LA_EFORMAT, len,
                        "NER model %s: %zu payload bytes, header says %llu",
                        len - LA__NER_HEADER_SIZE < psize ? "truncated" : "has trailing bytes",
                        len - LA__NER_HEADER_SIZE, (unsigned long long)psize);
    if (la__fnv1a32(d + LA__NER_HEADER_SIZE, (size_t)psize, LA__FNV32_SEED) != la__ner_rd32(d + 40))
        return la__fail(err, LA_EFORMAT, LA__NER_HEADER_SIZE, "NER model payload checksum mismatch");
    return LA_OK;
}

static int load_features(la__ner_model *m, const uint8_t *p, uint32_t n, la_error *err)
{
    uint32_t slots = table_slots(n);
    m->table = calloc(slots, sizeof *m->table);
    if (!m->table)
        return la__fail(err, LA_ENOMEM, 0, "out of memory loading the NER model");
    m->mask = slots - 1;
    for (uint32_t i = 0; i < n; i++, p += LA__NER_FEATURE_RECORD) {
        uint32_t key = la__ner_rd32(p), s = slot_of(key) & m->mask;
        if (key == 0)
            return la__fail(err, LA_EFORMAT, 0, "NER model has a zero feature key");
        while (m->table[s].key != 0) {
            if (m->table[s].key == key)
                return la__fail(err, LA_EFORMAT, 0, "NER model has a duplicate feature");
            s = (s + 1) & m->mask;
        }
        m->table[s].key = key;
        for (size_t t = 0; t < LA__NER_TAGS; t++)
            m->table[s].w[t] = (int16_t)la__ner_rd16(p + 4 + 2 * t);
    }
    return LA_OK;
}

/* The cluster map uses the same probing as la__ner_map_get (features.c). */
static int load_clusters(la__ner_model *m, const uint8_t *p, uint32_t n, la_error *err)
{
    if (n == 0)
        return LA_OK;
    uint32_t slots = table_slots(n);
    m->cluster_keys = calloc(slots, sizeof *m->cluster_keys);
    m->cluster_vals = calloc(slots, sizeof *m->cluster_vals);
    if (!m->cluster_keys || !m->cluster_vals)
        return la__fail(err, LA_ENOMEM, 0, "out of memory loading the NER model");
    la__ner_map *map = &m->res.clusters;
    map->keys = m->cluster_keys;
    map->vals = m->cluster_vals;
    map->mask = slots - 1;
    for (uint32_t i = 0; i < n; i++, p += LA__NER_CLUSTER_RECORD) {
        uint32_t key = la__ner_rd32(p);
        if (key == 0 || la__ner_map_get(map, key, UINT32_MAX) != UINT32_MAX)
            return la__fail(err, LA_EFORMAT, 0, "NER model has a zero or duplicate cluster key");
        uint32_t s = la__ner_map_slot(key) & map->mask;
        while (m->cluster_keys[s] != 0)
            s = (s + 1) & map->mask;
        m->cluster_keys[s] = key;
        m->cluster_vals[s] = (uint32_t)la__ner_rd16(p + 4) + 1; /* 0 stays "unknown word" */
    }
    return LA_OK;
}

int la__ner_model_load(la__ner_model **out, const void *data, size_t len, la_error *err)
{
    if (!out || (!data && len))
        return la__fail(err, LA_EINVAL, 0, "la__ner_model_load: NULL argument");
    *out = NULL;
    const uint8_t *d = data;
    uint32_t n_features = 0, n_clusters = 0;
    int rc = check_header(d ? d : (const uint8_t *)"", len, &n_features, &n_clusters, err);
    if (rc)
        return rc;
    la__ner_model *m = calloc(1, sizeof *m);
    if (!m)
        return la__fail(err, LA_ENOMEM, 0, "out of memory loading the NER model");
    memcpy(m->version, d + 64, LA__NER_VERSION_SIZE);
    const uint8_t *p = d + LA__NER_HEADER_SIZE;
    for (size_t i = 0; i < LA__NER_TRANS_SIZE; i++, p += 4) {
        m->trans[i] = (int32_t)la__ner_rd32(p);
        /* Bounded so that Viterbi sums of weights and transitions never overflow int32. */
        if (m->trans[i] > LA__NER_TRANS_MAX || m->trans[i] < -LA__NER_TRANS_MAX) {
            la__ner_model_free(m);
            return la__fail(err, LA_EFORMAT, LA__NER_HEADER_SIZE + 4 * i,
                            "NER model transition weight out of range");
        }
    }
    rc = load_features(m, p, n_features, err);
    p += (size_t)n_features * LA__NER_FEATURE_RECORD;
    if (!rc)
        rc = load_clusters(m, p, n_clusters, err);
    if (rc) {
        la__ner_model_free(m);
        return rc;
    }
    *out = m;
    return LA_OK;
}

int la__ner_model_load_file(la__ner_model **out, const char *path, la_error *err)
{
    if (!out || !path)
        return la__fail(err, LA_EINVAL, 0, "la__ner_model_load_file: NULL argument");
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return la__fail(err, LA_EIO, 0, "cannot open NER model %s: %s", path, strerror(errno));
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int rc = LA_OK;
    for (;;) {
        if (len == cap && la__grow((void **)&buf, &cap, len + (1u << 20), 1) != 0) {
            rc = la__fail(err, LA_ENOMEM, 0, "out of memory reading %s", path);
            break;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) {
            if (ferror(f))
                rc = la__fail(err, LA_EIO, len, "cannot read NER model %s", path);
            break;
        }
    }
    fclose(f);
    if (rc == LA_OK)
        rc = la__ner_model_load(out, buf, len, err);
    free(buf);
    return rc;
}

int la__ner_model_load_default(la__ner_model **out, la_error *err)
{
    return la__ner_model_load(out, la__ner_default_model, la__ner_default_model_size, err);
}

void la__ner_model_free(la__ner_model *model)
{
    if (!model)
        return;
    free(model->table);
    free(model->cluster_keys);
    free(model->cluster_vals);
    free(model);
}

const char *la__ner_model_version(const la__ner_model *model)
{
    return model ? model->version : NULL;
}

/* ---- tagging ------------------------------------------------------------------------- */

/* Adds the weights of the token's features to its tag scores. */
static void score_token(const la__ner_model *m, const uint32_t *feats, size_t nf, int32_t *s)
{
    int32_t acc[LA__NER_TAGS] = {0};
    uint32_t slot[LA__NER_MAX_FEATS];
    /* The table is larger than the caches: start every feature's memory access before
     * waiting on the first, so the misses overlap instead of adding up. */
    for (size_t f = 0; f < nf; f++) {
        slot[f] = slot_of(feats[f]) & m->mask;
#if defined(__GNUC__)
        __builtin_prefetch(&m->table[slot[f]]);
#endif
    }
    for (size_t f = 0; f < nf; f++) {
        uint32_t key = feats[f], i = slot[f];
        const ner_entry *e;
        while ((e = &m->table[i])->key != key) {
            if (e->key == 0)
                goto next;
            i = (i + 1) & m->mask;
        }
        for (int t = 0; t < LA__NER_TAGS; t++)
            acc[t] += e->w[t];
    next:;
    }
    memcpy(s, acc, sizeof acc);
}

bool la__ner_word_frequent(const la__ner_model *m, const char *word, size_t len)
{
    return la__ner_map_get(&m->res.clusters, la__ner_word_key(word, len), 0) != 0;
}

bool la__ner_word_weights(const la__ner_model *m, const char *word, size_t len, int32_t *out)
{
    uint32_t key = la__ner_word_feature(word, len), i = slot_of(key) & m->mask;
    const ner_entry *e;
    while ((e = &m->table[i])->key != key) {
        if (e->key == 0)
            return false;
        i = (i + 1) & m->mask;
    }
    for (int t = 0; t < LA__NER_TAGS; t++)
        out[t] = e->w[t];
    return true;
}

/* Turns a BIO tag sequence into spans; returns how many. */
static size_t spans_of(const uint8_t *tags, size_t n, la__ner_span *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        int t = tags[i];
        if (t == 0) {
            i++;
            continue;
        }
        int cls = LA__NER_TAG_CLASS(t);
        size_t j = i + 1;
        while (j < n && tags[j] == LA__NER_TAG_I(cls))
            j++;
        out[k++] = (la__ner_span){(uint32_t)i, (uint32_t)(j - i), (uint8_t)cls};
        i = j;
    }
    return k;
}

/* Sentences up to this many tokens are tagged with stack buffers only (about 26 KiB). */
#define STACK_TOKENS 128

typedef struct tag_scratch {
    la__ner_tok *toks;
    int32_t *emit, *delta;
    uint8_t *back, *tags;
} tag_scratch;

static void tag_with(const la__ner_model *m, const char *const *words, const uint32_t *lens,
                     const uint8_t *gaz, size_t n, tag_scratch *s)
{
    uint32_t feats[LA__NER_MAX_FEATS];
    uint32_t sf = la__ner_prepare(words, lens, gaz, n, &m->res, s->toks);
    for (size_t i = 0; i < n; i++) {
        size_t nf = la__ner_features(s->toks, n, i, sf, feats);
        score_token(m, feats, nf, s->emit + i * LA__NER_TAGS);
    }
    la__ner_viterbi(s->emit, n, m->trans, s->delta, s->back, s->tags);
}

int la__ner_tag(const la__ner_model *model, const char *const *words, const uint32_t *lens,
                size_t n, la__ner_span *out, size_t *n_out)
{
    return la__ner_tag_gaz(model, words, lens, NULL, n, out, n_out);
}

int la__ner_tag_gaz(const la__ner_model *model, const char *const *words, const uint32_t *lens,
                    const uint8_t *gaz, size_t n, la__ner_span *out, size_t *n_out)
{
    if (!n_out)
        return LA_EINVAL;
    *n_out = 0;
    if (!model || (n && (!words || !lens || !out)))
        return LA_EINVAL;
    if (n == 0)
        return LA_OK;
    tag_scratch s;
    la__ner_tok stoks[STACK_TOKENS];
    int32_t semit[STACK_TOKENS * LA__NER_TAGS], sdelta[STACK_TOKENS * LA__NER_TAGS];
    uint8_t sback[STACK_TOKENS * LA__NER_TAGS], stags[STACK_TOKENS];
    void *heap = NULL;
    if (n <= STACK_TOKENS) {
        s = (tag_scratch){stoks, semit, sdelta, sback, stags};
    } else {
        size_t T = LA__NER_TAGS;
        if (n > SIZE_MAX / (sizeof(la__ner_tok) + T * 9 + 1))
            return LA_ENOMEM;
        heap = malloc(n * (sizeof(la__ner_tok) + 2 * T * sizeof(int32_t) + T + 1));
        if (!heap)
            return LA_ENOMEM;
        s.toks = heap;
        s.emit = (int32_t *)(s.toks + n);
        s.delta = s.emit + n * T;
        s.back = (uint8_t *)(s.delta + n * T);
        s.tags = s.back + n * T;
    }
    tag_with(model, words, lens, gaz, n, &s);
    *n_out = spans_of(s.tags, n, out);
    free(heap);
    return LA_OK;
}
