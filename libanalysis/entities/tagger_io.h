/* The NER model file format and its writer (used by tools/train_ner.c); the reader is
 * la__ner_model_load in entities/tagger.c. Format in docs/model.md.
 *
 * All integers little-endian. Header, LA__NER_HEADER_SIZE bytes:
 *    0  magic "LANERMOD"
 *    8  u32 format version (LA__NER_FORMAT_VERSION)
 *   12  u32 header size
 *   16  u32 feature version (LA__NER_FEATURE_VERSION of the feature code that trained it)
 *   20  u32 tags (9)
 *   24  u32 features
 *   28  u32 clusters
 *   32  u64 payload size in bytes
 *   40  u32 FNV-1a of the payload
 *   44  u32 FNV-1a of the header with this field read as 0
 *   48  16 bytes reserved (0)
 *   64  version string, NUL-terminated, 64 bytes
 * Payload:
 *   transitions: LA__NER_TRANS_SIZE x i32
 *   features:    features x (u32 key, tags x i16 weight)
 *   clusters:    clusters x (u32 word key, u16 bit string) */
#ifndef LA_ENTITIES_TAGGER_IO_H
#define LA_ENTITIES_TAGGER_IO_H

#include "entities/features.h"
#include "entities/tagger.h"

#define LA__NER_MAGIC "LANERMOD"
#define LA__NER_FORMAT_VERSION 1u
#define LA__NER_HEADER_SIZE 128u
#define LA__NER_VERSION_SIZE 64u

typedef struct la__ner_model_spec {
    const char *version;            /* < LA__NER_VERSION_SIZE bytes */
    const int32_t *trans;           /* LA__NER_TRANS_SIZE */
    const uint32_t *keys;           /* n_features distinct nonzero feature hashes */
    const int16_t *weights;         /* n_features * LA__NER_TAGS */
    size_t n_features;
    const uint32_t *cluster_keys;   /* n_clusters distinct nonzero word keys */
    const uint16_t *cluster_bits;
    size_t n_clusters;
} la__ner_model_spec;

/* Largest transition weight magnitude a model may hold (feature weights are int16). */
#define LA__NER_TRANS_MAX (1 << 24)
#define LA__NER_FEATURE_RECORD (4u + 2u * LA__NER_TAGS)
#define LA__NER_CLUSTER_RECORD 6u

uint32_t la__ner_rd32(const uint8_t *p);
uint16_t la__ner_rd16(const uint8_t *p);
uint64_t la__ner_rd64(const uint8_t *p);
/* Payload bytes for these counts (no overflow for 32-bit counts). */
uint64_t la__ner_payload_size(uint64_t n_features, uint64_t n_clusters);
/* FNV-1a over the LA__NER_HEADER_SIZE header bytes with the checksum field read as 0. */
uint32_t la__ner_header_checksum(const uint8_t *header);

/* Serialises spec into a malloc'd buffer (*out, *out_len). LA_OK, LA_EINVAL, LA_ENOMEM. */
int la__ner_model_serialize(const la__ner_model_spec *spec, void **out, size_t *out_len,
                            la_error *err);

#endif
