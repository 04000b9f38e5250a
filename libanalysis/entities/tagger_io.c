/* The NER model file format (tagger_io.h): little-endian field access, checksums and the
 * writer used by the trainer. Kept apart from tagger.c so that the trainer links without
 * the embedded default model. */
#include "entities/tagger_io.h"
#include "util/hash.h"

#include <string.h>

uint32_t la__ner_rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

uint16_t la__ner_rd16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

uint64_t la__ner_rd64(const uint8_t *p)
{
    return (uint64_t)la__ner_rd32(p) | (uint64_t)la__ner_rd32(p + 4) << 32;
}

static void wr32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v, p[1] = (uint8_t)(v >> 8), p[2] = (uint8_t)(v >> 16), p[3] = (uint8_t)(v >> 24);
}

static void wr16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v, p[1] = (uint8_t)(v >> 8);
}

static void wr64(uint8_t *p, uint64_t v)
{
    wr32(p, (uint32_t)v), wr32(p + 4, (uint32_t)(v >> 32));
}

uint64_t la__ner_payload_size(uint64_t n_features, uint64_t n_clusters)
{
    return 4ull * LA__NER_TRANS_SIZE + n_features * LA__NER_FEATURE_RECORD +
           n_clusters * LA__NER_CLUSTER_RECORD;
}

uint32_t la__ner_header_checksum(const uint8_t *h)
{
    uint8_t copy[LA__NER_HEADER_SIZE];
    memcpy(copy, h, sizeof copy);
    wr32(copy + 44, 0);
    return la__fnv1a32(copy, sizeof copy, LA__FNV32_SEED);
}

int la__ner_model_serialize(const la__ner_model_spec *spec, void **out, size_t *out_len,
                            la_error *err)
{
    if (!spec || !out || !out_len || !spec->version ||
        strlen(spec->version) >= LA__NER_VERSION_SIZE || spec->n_features > UINT32_MAX ||
        spec->n_clusters > UINT32_MAX)
        return la__fail(err, LA_EINVAL, 0, "invalid NER model specification");
    uint64_t psize = la__ner_payload_size(spec->n_features, spec->n_clusters);
    size_t total = LA__NER_HEADER_SIZE + (size_t)psize;
    uint8_t *buf = calloc(1, total);
    if (!buf)
        return la__fail(err, LA_ENOMEM, 0, "out of memory writing the NER model");
    uint8_t *p = buf + LA__NER_HEADER_SIZE;
    for (size_t i = 0; i < LA__NER_TRANS_SIZE; i++, p += 4)
        wr32(p, (uint32_t)spec->trans[i]);
    for (size_t i = 0; i < spec->n_features; i++) {
        wr32(p, spec->keys[i]);
        p += 4;
        for (size_t t = 0; t < LA__NER_TAGS; t++, p += 2)
            wr16(p, (uint16_t)spec->weights[i * LA__NER_TAGS + t]);
    }
    for (size_t i = 0; i < spec->n_clusters; i++, p += LA__NER_CLUSTER_RECORD) {
        wr32(p, spec->cluster_keys[i]);
        wr16(p + 4, spec->cluster_bits[i]);
    }
    memcpy(buf, LA__NER_MAGIC, 8);
    wr32(buf + 8, LA__NER_FORMAT_VERSION);
    wr32(buf + 12, LA__NER_HEADER_SIZE);
    wr32(buf + 16, LA__NER_FEATURE_VERSION);
    wr32(buf + 20, LA__NER_TAGS);
    wr32(buf + 24, (uint32_t)spec->n_features);
    wr32(buf + 28, (uint32_t)spec->n_clusters);
    wr64(buf + 32, psize);
    wr32(buf + 40, la__fnv1a32(buf + LA__NER_HEADER_SIZE, (size_t)psize, LA__FNV32_SEED));
    memcpy(buf + 64, spec->version, strlen(spec->version));
    wr32(buf + 44, la__ner_header_checksum(buf));
    *out = buf;
    *out_len = total;
    return LA_OK;
}
