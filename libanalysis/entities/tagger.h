/* Statistical named-entity tagger: the model, loading and checking it, and tagging one
 * sentence of tokens. Implemented in entities/tagger.c; trained by tools/train_ner.c. */
#ifndef LA_ENTITIES_TAGGER_H
#define LA_ENTITIES_TAGGER_H

#include "internal.h"

typedef struct la__ner_model la__ner_model;

/* Coarse classes the tagger predicts; entities/ refines them into OntoNotes labels. */
typedef enum la__ner_class { LA__NER_PER, LA__NER_ORG, LA__NER_LOC, LA__NER_MISC,
                             LA__NER_CLASS_COUNT } la__ner_class;

/* One predicted mention: tokens [first, first+count) of the sentence. */
typedef struct la__ner_span {
    uint32_t first, count;
    uint8_t cls;            /* la__ner_class */
} la__ner_span;

/* Loads a model from memory (copied or referenced: the model does not keep data unless
 * the implementation documents it). Checks magic, version, sizes and checksum: a
 * truncated or foreign buffer gives LA_EFORMAT / LA_EVERSION with a message. */
int la__ner_model_load(la__ner_model **out, const void *data, size_t len, la_error *err);
int la__ner_model_load_file(la__ner_model **out, const char *path, la_error *err);
/* The model compiled into the library. */
int la__ner_model_load_default(la__ner_model **out, la_error *err);
void la__ner_model_free(la__ner_model *model);
/* Static/borrowed version string of the model, e.g. "ner-1 conll+wikigold+re3d". */
const char *la__ner_model_version(const la__ner_model *model);

/* Tags one sentence of n tokens: words[i] points at lens[i] bytes of UTF-8 (not
 * NUL-terminated). Writes at most n spans to out and their number to *n_out.
 * The model is read-only: safe from many threads at once. Returns LA_OK or LA_ENOMEM. */
int la__ner_tag(const la__ner_model *model, const char *const *words, const uint32_t *lens,
                size_t n, la__ner_span *out, size_t *n_out);
/* The same with each token's gazetteer code (la__lexicon_gaz; NULL = no lexicon): models
 * are trained with the codes, so callers with a lexicon should pass them. */
int la__ner_tag_gaz(const la__ner_model *model, const char *const *words, const uint32_t *lens,
                    const uint8_t *gaz, size_t n, la__ner_span *out, size_t *n_out);

/* The weights the model gives the word itself (lowercased, whatever its context) for each
 * tag (O, then B-/I- per class), in out[LA__NER_TAGS]; false when the model has no weights
 * for the word (it never saw it in training). */
bool la__ner_word_weights(const la__ner_model *model, const char *word, size_t len, int32_t *out);
/* Whether the word (lowercased) is among the frequent words of the model's word clusters. */
bool la__ner_word_frequent(const la__ner_model *model, const char *word, size_t len);

#endif
