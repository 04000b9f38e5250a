/*
 * libanalysis: document structure, entities and attributed claims for news articles.
 *
 * The one public header; everything here is the stable ABI.
 *
 * Conventions
 *   - Every exported name starts with la_ / LA_.
 *   - Functions that can fail return int: LA_OK (0) or a negative LA_E* code. Outputs
 *     come first and are named out. Details go to an optional caller-owned la_error.
 *   - Handles are opaque and paired: la_x_new / la_x_free; la_x_free(NULL) is a no-op.
 *   - Ownership is stated on every function. "Borrowed from doc" means valid until
 *     la_doc_free(doc). Memory the library hands over is released with la_free().
 *   - Record structs (la_token, la_entity, ...) start with a size field that the caller
 *     sets (use the LA_*_INIT macros); the library fills only what fits, so new fields
 *     added at the end never break old callers.
 *   - Offsets come in two units: byte offsets into the bytes the caller passed, and code
 *     point offsets into the document text (la_doc_text), which is what Python indexes.
 *   - A la_pipeline is immutable after creation and may be shared by any number of
 *     threads; a la_doc or la_corpus is used by one thread at a time.
 */
#ifndef LIBANALYSIS_H
#define LIBANALYSIS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(LA_BUILDING)
#define LA_API __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#define LA_API __attribute__((visibility("default")))
#else
#define LA_API
#endif

/* ---- versions ------------------------------------------------------------------ */

#define LA_VERSION_MAJOR 0
#define LA_VERSION_MINOR 1
#define LA_VERSION_PATCH 0
#define LA_VERSION_STRING "0.1.0"
#define LA_VERSION_NUMBER (LA_VERSION_MAJOR * 10000 + LA_VERSION_MINOR * 100 + LA_VERSION_PATCH)

/* Runtime library version, e.g. "0.1.0"; compare with LA_VERSION_STRING. Static string. */
LA_API const char *la_version(void);
/* LA_VERSION_NUMBER of the library actually linked. */
LA_API int la_version_number(void);
/* Version of the embedded default model and lexicons, e.g. "ner-1". Static string. */
LA_API const char *la_model_version(void);

/* ---- errors -------------------------------------------------------------------- */

enum {
    LA_OK = 0,
    LA_EINVAL = -1,   /* invalid argument (NULL handle, bad option version, ...) */
    LA_ENOMEM = -2,   /* out of memory */
    LA_EIO = -3,      /* a file could not be read */
    LA_EFORMAT = -4,  /* malformed model, lexicon or JSON file */
    LA_ETOOBIG = -5,  /* input larger than the pipeline's max_input_bytes */
    LA_ERANGE = -6,   /* index out of range */
    LA_EVERSION = -7  /* model or struct version this library does not know */
};

#define LA_ERROR_MSG_SIZE 256

/* Filled by a failing call when the caller passes one; never touched on success. */
typedef struct la_error {
    int code;                     /* the LA_E* code the call returned */
    size_t offset;                /* byte offset in the input the error refers to, or 0 */
    char msg[LA_ERROR_MSG_SIZE];  /* NUL-terminated English message */
} la_error;

/* Static English description of an error code ("out of memory", ...). */
LA_API const char *la_strerror(int code);

/* Frees memory the library handed to the caller (JSON strings, ...). NULL is a no-op. */
LA_API void la_free(void *ptr);

/* ---- pipeline ------------------------------------------------------------------ */

typedef struct la_pipeline la_pipeline;
typedef struct la_doc la_doc;
typedef struct la_corpus la_corpus;

/* Stages a pipeline runs; segmentation always runs. */
enum {
    LA_STAGE_STRUCTURE = 1u << 0, /* block kinds, boilerplate, metadata */
    LA_STAGE_ENTITIES = 1u << 1,  /* entity mentions (implies STRUCTURE) */
    LA_STAGE_CLAIMS = 1u << 2,    /* attributed claims (implies ENTITIES) */
    LA_STAGE_ALL = 0x7u
};

#define LA_PIPELINE_OPTIONS_VERSION 1
typedef struct la_pipeline_options {
    unsigned version;             /* LA_PIPELINE_OPTIONS_VERSION */
    unsigned stages;              /* LA_STAGE_* bits; 0 means LA_STAGE_ALL */
    const char *model_path;       /* NER model file; NULL uses the embedded default */
    const char *user_entries_path;/* JSON file of user entities (docs/user-entries.md), or NULL */
    size_t max_input_bytes;       /* larger inputs fail with LA_ETOOBIG; 0 means 1 GiB */
} la_pipeline_options;
#define LA_PIPELINE_OPTIONS_INIT {LA_PIPELINE_OPTIONS_VERSION, 0, NULL, NULL, 0}

/* Creates a pipeline. opts may be NULL for defaults. On success *out is owned by the
 * caller (la_pipeline_free). Loads and checks the model: a truncated or foreign model
 * file gives LA_EFORMAT or LA_EVERSION with a message. */
LA_API int la_pipeline_new(la_pipeline **out, const la_pipeline_options *opts, la_error *err);
LA_API void la_pipeline_free(la_pipeline *pipeline);

/* ---- analysis ------------------------------------------------------------------ */

typedef enum la_format {
    LA_FORMAT_AUTO = 0, /* sniffed: HTML when the input starts like markup, else text */
    LA_FORMAT_TEXT = 1,
    LA_FORMAT_HTML = 2
} la_format;

#define LA_ANALYZE_OPTIONS_VERSION 1
typedef struct la_analyze_options {
    unsigned version;   /* LA_ANALYZE_OPTIONS_VERSION */
    la_format format;   /* input format */
    const char *name;   /* document name for JSON "doc" (copied), or NULL */
} la_analyze_options;
#define LA_ANALYZE_OPTIONS_INIT {LA_ANALYZE_OPTIONS_VERSION, LA_FORMAT_AUTO, NULL}

/* Analyses len bytes of data (any bytes: invalid UTF-8 and NUL are repaired, see
 * la_doc_repairs). data is not retained. opts may be NULL. On success *out is owned by
 * the caller (la_doc_free). Thread-safe for a shared pipeline. */
LA_API int la_analyze(la_doc **out, const la_pipeline *pipeline, const char *data, size_t len,
                      const la_analyze_options *opts, la_error *err);
LA_API void la_doc_free(la_doc *doc);

/* The document text every code point offset indexes: for text input, the input with
 * each invalid UTF-8 sequence and each NUL byte replaced by U+FFFD; for HTML input, the
 * text extracted from the page. UTF-8, NUL-terminated; *len_out (optional) gets its
 * length in bytes. Borrowed from doc. */
LA_API const char *la_doc_text(const la_doc *doc, size_t *len_out);
/* Length of la_doc_text in code points. */
LA_API size_t la_doc_text_length(const la_doc *doc);
/* Document name given in la_analyze_options, or NULL. Borrowed from doc. */
LA_API const char *la_doc_name(const la_doc *doc);
/* Format the document was analysed as (LA_FORMAT_TEXT or LA_FORMAT_HTML). */
LA_API la_format la_doc_format(const la_doc *doc);
/* Number of U+FFFD replacements made for invalid UTF-8 sequences and NUL bytes. */
LA_API size_t la_doc_repairs(const la_doc *doc);

/* A span of the document. start/end: code points in la_doc_text, half-open.
 * byte_start/byte_end: bytes in the caller's input for text input (so they index what
 * the caller passed even after repairs), bytes in la_doc_text for HTML input. */
typedef struct la_span {
    size_t start, end;
    size_t byte_start, byte_end;
} la_span;

/* ---- blocks -------------------------------------------------------------------- */

typedef enum la_block_kind {
    LA_BLOCK_PARAGRAPH = 0,
    LA_BLOCK_HEADING = 1,
    LA_BLOCK_TITLE = 2,
    LA_BLOCK_BYLINE = 3,
    LA_BLOCK_PUBLISHER = 4,  /* a publisher line ("PEJOURNAL") */
    LA_BLOCK_DATE = 5,       /* a date line ("Saturday 26 December 2020") */
    LA_BLOCK_LIST_ITEM = 6,
    LA_BLOCK_QUOTE = 7,
    LA_BLOCK_BOILERPLATE = 8 /* site furniture: see la_boilerplate_kind */
} la_block_kind;

typedef enum la_boilerplate_kind {
    LA_BOILERPLATE_NONE = 0,
    LA_BOILERPLATE_NAVIGATION = 1,
    LA_BOILERPLATE_GLOSSARY = 2,
    LA_BOILERPLATE_RELATED = 3,
    LA_BOILERPLATE_TAGS = 4,
    LA_BOILERPLATE_COMMENT_FORM = 5,
    LA_BOILERPLATE_GALLERY = 6,
    LA_BOILERPLATE_PAGER = 7,
    LA_BOILERPLATE_SEARCH = 8,
    LA_BOILERPLATE_FOOTER = 9,
    LA_BOILERPLATE_SHARE = 10,
    LA_BOILERPLATE_OTHER = 11
} la_boilerplate_kind;

typedef struct la_block {
    size_t size;                 /* caller sets sizeof(la_block) */
    la_span span;
    la_block_kind kind;
    la_boilerplate_kind boilerplate; /* LA_BOILERPLATE_NONE unless kind is BOILERPLATE */
    size_t first_sentence, sentence_count;
} la_block;
#define LA_BLOCK_INIT {sizeof(la_block), {0, 0, 0, 0}, LA_BLOCK_PARAGRAPH, LA_BOILERPLATE_NONE, 0, 0}

/* Static names: "paragraph", "heading", ... and "navigation", "glossary", ... ("" for NONE).
 * NULL for an unknown value. */
LA_API const char *la_block_kind_name(la_block_kind kind);
LA_API const char *la_boilerplate_kind_name(la_boilerplate_kind kind);

LA_API size_t la_doc_block_count(const la_doc *doc);
/* Fills *out with block i; LA_ERANGE when i >= count, LA_EINVAL when out->size is 0. */
LA_API int la_doc_block(const la_doc *doc, size_t i, la_block *out);

/* ---- sentences and tokens ------------------------------------------------------ */

typedef struct la_sentence {
    size_t size;                 /* caller sets sizeof(la_sentence) */
    la_span span;
    size_t block;                /* index of the enclosing block */
    size_t first_token, token_count;
} la_sentence;
#define LA_SENTENCE_INIT {sizeof(la_sentence), {0, 0, 0, 0}, 0, 0, 0}

/* Token flags */
enum {
    LA_TOKEN_WORD = 1u << 0,    /* contains a letter */
    LA_TOKEN_NUMBER = 1u << 1,  /* a number: 2,500  22.1  1949 */
    LA_TOKEN_PUNCT = 1u << 2,   /* punctuation or symbol only */
    LA_TOKEN_SPACE_AFTER = 1u << 3 /* followed by white space */
};

typedef struct la_token {
    size_t size;                 /* caller sets sizeof(la_token) */
    la_span span;
    size_t sentence;             /* index of the enclosing sentence */
    unsigned flags;              /* LA_TOKEN_* bits */
} la_token;
#define LA_TOKEN_INIT {sizeof(la_token), {0, 0, 0, 0}, 0, 0}

LA_API size_t la_doc_sentence_count(const la_doc *doc);
LA_API int la_doc_sentence(const la_doc *doc, size_t i, la_sentence *out);
LA_API size_t la_doc_token_count(const la_doc *doc);
LA_API int la_doc_token(const la_doc *doc, size_t i, la_token *out);

/* ---- metadata ------------------------------------------------------------------ */

typedef enum la_meta_field {
    LA_META_TITLE = 0,
    LA_META_BYLINE = 1,    /* author name(s) without "By" */
    LA_META_PUBLISHER = 2,
    LA_META_DATE = 3       /* publication date as ISO 8601 (YYYY-MM-DD) */
} la_meta_field;

/* The field's value, or NULL when unknown. UTF-8, borrowed from doc. */
LA_API const char *la_doc_metadata(const la_doc *doc, la_meta_field field);
/* The article body: for HTML, the extracted main text; for plain text, the non-boilerplate
 * blocks joined by blank lines. Borrowed from doc; *len_out (optional) gets bytes. */
LA_API const char *la_doc_main_text(const la_doc *doc, size_t *len_out);

/* ---- entities ------------------------------------------------------------------ */

typedef struct la_entity {
    size_t size;                 /* caller sets sizeof(la_entity) */
    la_span span;
    const char *label;           /* OntoNotes 5 name: "PERSON", "GPE", ... (static) */
    const char *entity_id;       /* id of the real-world entity, or NULL for numbers and
                                    dates; stable across a corpus (borrowed from doc) */
    const char *value;           /* normalized value: ISO date, "2500", "22.1", or NULL */
    size_t first_token, token_count;
} la_entity;
#define LA_ENTITY_INIT {sizeof(la_entity), {0, 0, 0, 0}, NULL, NULL, NULL, 0, 0}

LA_API size_t la_doc_entity_count(const la_doc *doc);
LA_API int la_doc_entity(const la_doc *doc, size_t i, la_entity *out);
/* Canonical name of the entity a mention refers to (the longest, most complete name seen),
 * or NULL for numbers and dates. Borrowed from doc. */
LA_API const char *la_doc_entity_canonical(const la_doc *doc, size_t i);

/* ---- claims -------------------------------------------------------------------- */

typedef enum la_claim_kind {
    LA_CLAIM_DIRECT = 0,   /* wholly inside quote marks */
    LA_CLAIM_INDIRECT = 1, /* reported speech, no quote marks */
    LA_CLAIM_MIXED = 2     /* reported speech with quoted parts */
} la_claim_kind;

typedef struct la_claim {
    size_t size;                 /* caller sets sizeof(la_claim) */
    int has_source;              /* 0 when the text names no source */
    la_span source;              /* the source mention ("he", "the NATO statement") */
    la_span cue;                 /* "said", "according to", ... */
    la_span content;
    la_claim_kind kind;
    const char *cue_lemma;       /* "say", "according to" (borrowed from doc) */
    const char *cue_class;       /* "say", "claim", "deny", "believe", "report", ... (static) */
    const char *source_entity_id;/* entity the source refers to, or NULL (borrowed) */
    long source_entity;          /* index of an entity mention it resolves to, or -1 */
} la_claim;
#define LA_CLAIM_INIT {sizeof(la_claim), 0, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, \
                       LA_CLAIM_DIRECT, NULL, NULL, NULL, -1}

LA_API const char *la_claim_kind_name(la_claim_kind kind);
LA_API size_t la_doc_claim_count(const la_doc *doc);
LA_API int la_doc_claim(const la_doc *doc, size_t i, la_claim *out);

/* ---- JSON ---------------------------------------------------------------------- */

enum {
    LA_JSON_PRETTY = 1u << 0,   /* indented rather than one line */
    LA_JSON_NO_TEXT = 1u << 1,  /* omit "text" (and "main_text") */
    LA_JSON_NO_TOKENS = 1u << 2 /* omit "tokens" */
};

/* Serializes the document as one JSON object in the format of docs/json-format.md (a
 * superset of the evaluation format). *out is owned by the caller (la_free); *len_out
 * (optional) gets its length. */
LA_API int la_doc_to_json(const la_doc *doc, unsigned flags, char **out, size_t *len_out,
                          la_error *err);

/* ---- corpus: entity ids across documents --------------------------------------- */

/* A corpus links the entities of many documents: mentions of one real-world entity get
 * one id, whatever the spelling. The pipeline must outlive the corpus. */
LA_API int la_corpus_new(la_corpus **out, const la_pipeline *pipeline, la_error *err);
LA_API void la_corpus_free(la_corpus *corpus);
/* Resolves doc's entities against the corpus and rewrites their entity_id; the doc stays
 * owned by the caller and is not retained. Ids already given never change. */
LA_API int la_corpus_add(la_corpus *corpus, la_doc *doc, la_error *err);
LA_API size_t la_corpus_entity_count(const la_corpus *corpus);
/* Entity i of the corpus: its id, label and canonical name (borrowed from corpus). */
LA_API int la_corpus_entity(const la_corpus *corpus, size_t i, const char **id_out,
                            const char **label_out, const char **canonical_out);
/* Number of distinct spellings seen for entity i, and spelling j (borrowed from corpus). */
LA_API size_t la_corpus_alias_count(const la_corpus *corpus, size_t i);
LA_API const char *la_corpus_alias(const la_corpus *corpus, size_t i, size_t j);

#ifdef __cplusplus
}
#endif
#endif /* LIBANALYSIS_H */
