/* Internal model shared by the stages. Not installed; names use the la__ prefix.
 *
 * Offsets inside the library are uint32_t byte offsets into doc->text (the repaired
 * UTF-8 buffer); the public accessors convert them to code points and caller bytes.
 * Inputs are therefore limited to < 4 GiB (max_input_bytes defaults to 1 GiB). */
#ifndef LA_INTERNAL_H
#define LA_INTERNAL_H

#include "libanalysis.h"

#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>

/* ---- growable arrays ------------------------------------------------------------ */

/* la__vec_push(&arr, &n, &cap, item): appends, growing geometrically; 0 or LA_ENOMEM. */
int la__grow(void **items, size_t *cap, size_t need, size_t item_size);
#define LA__PUSH(arr, n, cap, item)                                                     \
    (((n) < (cap) || la__grow((void **)&(arr), &(cap), (n) + 1, sizeof(*(arr))) == 0)   \
         ? ((arr)[(n)++] = (item), 0)                                                   \
         : LA_ENOMEM)

/* Sets err (when given) and returns code. printf-style message. */
int la__fail(la_error *err, int code, size_t offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

char *la__strndup(const char *s, size_t n);

/* A growable byte string, kept NUL-terminated. A failed allocation is sticky: later
 * appends do nothing and failed stays true, so callers check once at the end. */
typedef struct la__buf {
    char *p;
    size_t len, cap;
    bool failed;
} la__buf;
bool la__buf_reserve(la__buf *b, size_t extra);
void la__buf_put(la__buf *b, const void *s, size_t n);

/* ---- records --------------------------------------------------------------------- */

typedef struct la__block {
    uint32_t start, end;       /* bytes in doc->text, trailing newline excluded */
    uint8_t kind;              /* la_block_kind */
    uint8_t boilerplate;       /* la_boilerplate_kind */
    uint32_t first_sentence, sentence_count;
} la__block;

typedef struct la__sentence {
    uint32_t start, end;
    uint32_t block;
    uint32_t first_token, token_count;
} la__sentence;

typedef struct la__token {
    uint32_t start, end;
    uint32_t sentence;
    uint16_t flags;            /* LA_TOKEN_* */
} la__token;

typedef struct la__entity {
    uint32_t start, end;        /* bytes in doc->text */
    uint32_t first_token, token_count;
    uint8_t label;              /* la__label */
    char *entity_id;            /* owned; NULL for numbers and dates */
    char *canonical;            /* owned; NULL for numbers and dates */
    char *value;                /* owned normalized value, or NULL */
} la__entity;

typedef struct la__claim {
    bool has_source;
    uint32_t source_start, source_end;
    uint32_t cue_start, cue_end;
    uint32_t content_start, content_end;
    uint8_t kind;               /* la_claim_kind */
    const char *cue_lemma;      /* static string from the cue lexicon */
    const char *cue_class;      /* static */
    int32_t source_entity;      /* index into doc->entities, or -1 */
} la__claim;

/* OntoNotes labels; la__label_name gives the static name. */
typedef enum la__label {
    LA__PERSON, LA__NORP, LA__ORG, LA__GPE, LA__LOC, LA__FAC, LA__EVENT, LA__LAW,
    LA__DATE, LA__TIME, LA__CARDINAL, LA__ORDINAL, LA__PERCENT, LA__MONEY, LA__QUANTITY,
    LA__PRODUCT, LA__WORK_OF_ART, LA__LANGUAGE, LA__LABEL_COUNT
} la__label;
const char *la__label_name(int label);
int la__label_from_name(const char *name); /* -1 when unknown */

/* ---- the document ----------------------------------------------------------------- */

struct la_doc {
    char *name;                 /* owned, or NULL */
    la_format format;

    char *text;                 /* owned, NUL-terminated repaired UTF-8 */
    uint32_t len;               /* bytes in text */
    uint32_t cp_len;            /* code points in text */
    size_t repairs;             /* U+FFFD substitutions made */

    /* Code point index: cp_mark[i] = code points before byte i * LA__CP_STRIDE. */
    uint32_t *cp_mark;
    /* Repairs, for text input: each repair replaced input bytes [orig, orig+orig_len)
     * by 3 bytes of U+FFFD at text byte pos. Sorted by pos. */
    struct la__repair { uint32_t pos, orig, orig_len; } *repair;
    size_t n_repair;

    la__block *blocks;       size_t n_blocks, cap_blocks;
    la__sentence *sentences; size_t n_sentences, cap_sentences;
    la__token *tokens;       size_t n_tokens, cap_tokens;
    la__entity *entities;    size_t n_entities, cap_entities;
    la__claim *claims;       size_t n_claims, cap_claims;

    char *meta[4];              /* owned metadata strings by la_meta_field, or NULL */
    char *main_text;            /* owned, or NULL (computed from blocks when needed) */
    size_t main_len;
};

#define LA__CP_STRIDE 64

/* Code point offset of a byte offset into doc->text. */
size_t la__doc_cp(const la_doc *doc, uint32_t byte);
/* Byte offset in the caller's input of a byte offset into doc->text. */
size_t la__doc_orig(const la_doc *doc, uint32_t byte);

/* ---- the pipeline ------------------------------------------------------------------ */

struct la__ner_model;      /* entities/tagger.h */
struct la__lexicon;        /* entities/lexicon.h */
struct la__cl_model;       /* claims/model.h */

struct la_pipeline {
    unsigned stages;
    size_t max_input_bytes;
    struct la__ner_model *ner;     /* NULL until the entities stage exists */
    struct la__lexicon *lexicon;   /* NULL until the entities stage exists */
    struct la__cl_model *claims;   /* claims/model.h; NULL unless the claims stage runs */
};

/* ---- stages: each appends to doc, in this order, and never reaches back ----------- */

/* text/: validates and repairs input into doc->text, builds the offset maps. */
int la__text_load(la_doc *doc, const char *data, size_t len, la_error *err);
/* Builds cp_mark for doc->text (used also when a stage sets text directly, e.g. HTML). */
int la__text_index(la_doc *doc);

/* parse/segment.c: blocks (paragraphs, lines), sentences, tokens for doc->text.
 * When doc->blocks is already filled (HTML input), keeps them and segments inside. */
int la__segment(la_doc *doc, la_error *err);
/* Sentences and tokens of one block [start,end) appended to doc. */
int la__segment_block(la_doc *doc, uint32_t block_index, la_error *err);

#endif /* LA_INTERNAL_H */
