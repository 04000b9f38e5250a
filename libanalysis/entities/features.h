/* Feature extraction for the named-entity tagger, shared by the tagger (entities/tagger.c)
 * and its trainer (tools/train_ner.c) so that both see exactly the same features.
 *
 * A feature is a 32-bit hash of (template, values); 0 is never produced, so model tables
 * can use 0 as "empty". Changing any feature here changes what a trained model means:
 * bump LA__NER_FEATURE_VERSION, which the model file records and the loader checks. */
#ifndef LA_ENTITIES_FEATURES_H
#define LA_ENTITIES_FEATURES_H

#include <stddef.h>
#include <stdint.h>

#define LA__NER_FEATURE_VERSION 2u

/* Tags: 0 is O, then B-c = 1 + 2c and I-c = 2 + 2c for c in la__ner_class order. */
#define LA__NER_TAGS 9
#define LA__NER_TAG_B(c) (1 + 2 * (c))
#define LA__NER_TAG_I(c) (2 + 2 * (c))
#define LA__NER_TAG_CLASS(t) (((t) - 1) / 2)
#define LA__NER_TAG_IS_B(t) ((t) > 0 && ((t) & 1))

/* Upper bound on the features of one token (la__ner_features never writes more). */
#define LA__NER_MAX_FEATS 64

/* Read-only map from a 32-bit key to a 32-bit value (open addressing, key 0 = empty).
 * Used for the word clusters stored in the model. */
typedef struct la__ner_map {
    const uint32_t *keys;
    const uint32_t *vals;
    uint32_t mask;          /* slots - 1; slots is a power of two; 0 with keys NULL = empty */
} la__ner_map;

uint32_t la__ner_map_get(const la__ner_map *map, uint32_t key, uint32_t missing);
/* Home slot of key before masking (for code that builds such maps). */
uint32_t la__ner_map_slot(uint32_t key);

/* What feature extraction needs besides the words (borrowed from the model). */
typedef struct la__ner_resources {
    la__ner_map clusters;   /* lowercased-word hash -> cluster bit string (16 bits, MSB first) */
} la__ner_resources;

/* Per-token facts computed once per sentence; the features of token i combine the facts
 * of tokens i-2..i+2. */
typedef struct la__ner_tok {
    uint32_t lower;         /* hash of the lowercased word, digits folded to 0 */
    uint32_t raw;           /* hash of the word as written */
    uint32_t shape;         /* hash of the long shape (Xxxxx, dd-dd; capped length) */
    uint32_t sshape;        /* hash of the short shape (runs collapsed: Xx, d-d) */
    uint32_t pre[4], suf[4];/* hashes of the lowercased 1..4 first / last code points, 0 if shorter */
    uint32_t part_first;    /* hyphen/apostrophe parts: lowercased first part, 0 if none */
    uint32_t part_last;     /* lowercased last part, 0 if none */
    uint32_t part_last_shape;
    uint32_t cluster;       /* cluster bit string + 1, 0 when unknown */
    uint32_t gaz;           /* lexicon match over the token (LA__NER_GAZ_*), 0 for none */
    uint32_t flags;         /* LA__NER_F_* */
} la__ner_tok;

enum {
    LA__NER_F_INITCAP = 1u << 0,   /* first letter upper */
    LA__NER_F_ALLCAP = 1u << 1,    /* every letter upper, at least one letter */
    LA__NER_F_LOWER = 1u << 2,     /* every letter lower, at least one letter */
    LA__NER_F_MIXED = 1u << 3,     /* upper after lower (McDonald, iPhone) */
    LA__NER_F_DIGIT = 1u << 4,
    LA__NER_F_ALLDIGIT = 1u << 5,
    LA__NER_F_HYPHEN = 1u << 6,
    LA__NER_F_APOS = 1u << 7,
    LA__NER_F_DOT = 1u << 8,
    LA__NER_F_NOALNUM = 1u << 9,   /* punctuation or symbols only */
    LA__NER_F_LONG = 1u << 10      /* more than 12 code points */
};

/* Sentence-level facts (la__ner_prepare's return value). */
enum {
    LA__NER_S_CAPS = 1u << 0,      /* a headline: no lowercase-only word with letters */
    LA__NER_S_TITLE = 1u << 1      /* most words capitalised (title case) */
};

/* Gazetteer codes of tokens: a lexicon entry of class c (la__ner_class) covers the token,
 * first or later token of the entry. 0 = no entry. */
#define LA__NER_GAZ(c, inside) ((uint8_t)(1 + 2 * (c) + ((inside) ? 1 : 0)))

/* Fills toks[0..n) for a sentence; returns sentence flags (LA__NER_S_*). gaz, when not
 * NULL, gives each token's gazetteer code (entities/lexicon.h la__lexicon_gaz). */
uint32_t la__ner_prepare(const char *const *words, const uint32_t *lens, const uint8_t *gaz,
                         size_t n, const la__ner_resources *res, la__ner_tok *toks);

/* Writes the features of token i to out (capacity LA__NER_MAX_FEATS); returns how many. */
size_t la__ner_features(const la__ner_tok *toks, size_t n, size_t i, uint32_t sent_flags,
                        uint32_t *out);

/* Hash of a lowercased word as stored in toks[i].lower (for cluster tables). */
uint32_t la__ner_word_key(const char *word, size_t len);
/* The feature "this token is word, in lower case" (the first feature of every token). */
uint32_t la__ner_word_feature(const char *word, size_t len);

/* Best tag sequence for n tokens under the BIO constraint (I-c only after B-c or I-c).
 * emit: n * LA__NER_TAGS scores; trans: (LA__NER_TAGS + 2) * LA__NER_TAGS, row 0 the start,
 * row 1 + p after tag p, row LA__NER_TAGS + 1 the end (indexed by the last tag).
 * delta (n * LA__NER_TAGS) and back (n * LA__NER_TAGS) are scratch. */
void la__ner_viterbi(const int32_t *emit, size_t n, const int32_t *trans, int32_t *delta,
                     uint8_t *back, uint8_t *tags);
#define LA__NER_TRANS_SIZE ((LA__NER_TAGS + 2) * LA__NER_TAGS)


#endif
