/* The document handle: lifetime and the public accessors. Accessors convert internal
 * byte offsets into code points and caller bytes, and fill versioned records. */
#include "internal.h"

#include <string.h>

void la_doc_free(la_doc *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->n_entities; i++) {
        free(doc->entities[i].entity_id);
        free(doc->entities[i].canonical);
        free(doc->entities[i].value);
    }
    for (int i = 0; i < 4; i++)
        free(doc->meta[i]);
    free(doc->name);
    free(doc->text);
    free(doc->cp_mark);
    free(doc->repair);
    free(doc->blocks);
    free(doc->sentences);
    free(doc->tokens);
    free(doc->entities);
    free(doc->claims);
    free(doc->main_text);
    free(doc);
}

const char *la_doc_text(const la_doc *doc, size_t *len_out)
{
    if (len_out)
        *len_out = doc ? doc->len : 0;
    return doc ? doc->text : NULL;
}

size_t la_doc_text_length(const la_doc *doc) { return doc ? doc->cp_len : 0; }
const char *la_doc_name(const la_doc *doc) { return doc ? doc->name : NULL; }
la_format la_doc_format(const la_doc *doc) { return doc ? doc->format : LA_FORMAT_AUTO; }
size_t la_doc_repairs(const la_doc *doc) { return doc ? doc->repairs : 0; }

static la_span span_of(const la_doc *doc, uint32_t start, uint32_t end)
{
    la_span s;
    s.start = la__doc_cp(doc, start);
    s.end = la__doc_cp(doc, end);
    s.byte_start = la__doc_orig(doc, start);
    s.byte_end = la__doc_orig(doc, end);
    return s;
}

/* Copies the first out_size bytes of a filled record into out: callers built against an
 * older, shorter struct get the fields they know. */
static int fill(void *out, const void *full, size_t full_size)
{
    size_t want = *(const size_t *)out;
    if (want < sizeof(size_t))
        return LA_EINVAL;
    size_t n = want < full_size ? want : full_size;
    memcpy((char *)out + sizeof(size_t), (const char *)full + sizeof(size_t), n - sizeof(size_t));
    return LA_OK;
}

#define CHECK_INDEX(doc, out, i, count) \
    do {                                \
        if (!(doc) || !(out))           \
            return LA_EINVAL;           \
        if ((i) >= (count))             \
            return LA_ERANGE;           \
    } while (0)

size_t la_doc_block_count(const la_doc *doc) { return doc ? doc->n_blocks : 0; }

int la_doc_block(const la_doc *doc, size_t i, la_block *out)
{
    CHECK_INDEX(doc, out, i, doc->n_blocks);
    const la__block *b = &doc->blocks[i];
    la_block r = {sizeof r, span_of(doc, b->start, b->end), (la_block_kind)b->kind,
                  (la_boilerplate_kind)b->boilerplate, b->first_sentence, b->sentence_count};
    return fill(out, &r, sizeof r);
}

size_t la_doc_sentence_count(const la_doc *doc) { return doc ? doc->n_sentences : 0; }

int la_doc_sentence(const la_doc *doc, size_t i, la_sentence *out)
{
    CHECK_INDEX(doc, out, i, doc->n_sentences);
    const la__sentence *s = &doc->sentences[i];
    la_sentence r = {sizeof r, span_of(doc, s->start, s->end), s->block, s->first_token, s->token_count};
    return fill(out, &r, sizeof r);
}

size_t la_doc_token_count(const la_doc *doc) { return doc ? doc->n_tokens : 0; }

int la_doc_token(const la_doc *doc, size_t i, la_token *out)
{
    CHECK_INDEX(doc, out, i, doc->n_tokens);
    const la__token *t = &doc->tokens[i];
    la_token r = {sizeof r, span_of(doc, t->start, t->end), t->sentence, t->flags};
    return fill(out, &r, sizeof r);
}

size_t la_doc_entity_count(const la_doc *doc) { return doc ? doc->n_entities : 0; }

int la_doc_entity(const la_doc *doc, size_t i, la_entity *out)
{
    CHECK_INDEX(doc, out, i, doc->n_entities);
    const la__entity *e = &doc->entities[i];
    la_entity r = {sizeof r, span_of(doc, e->start, e->end), la__label_name(e->label), e->entity_id,
                   e->value, e->first_token, e->token_count};
    return fill(out, &r, sizeof r);
}

const char *la_doc_entity_canonical(const la_doc *doc, size_t i)
{
    return doc && i < doc->n_entities ? doc->entities[i].canonical : NULL;
}

size_t la_doc_claim_count(const la_doc *doc) { return doc ? doc->n_claims : 0; }

int la_doc_claim(const la_doc *doc, size_t i, la_claim *out)
{
    CHECK_INDEX(doc, out, i, doc->n_claims);
    const la__claim *c = &doc->claims[i];
    const la__entity *src = c->source_entity >= 0 ? &doc->entities[c->source_entity] : NULL;
    la_claim r = {sizeof r,
                  c->has_source,
                  c->has_source ? span_of(doc, c->source_start, c->source_end) : (la_span){0, 0, 0, 0},
                  span_of(doc, c->cue_start, c->cue_end),
                  span_of(doc, c->content_start, c->content_end),
                  (la_claim_kind)c->kind,
                  c->cue_lemma,
                  c->cue_class,
                  src ? src->entity_id : NULL,
                  c->source_entity};
    return fill(out, &r, sizeof r);
}

const char *la_doc_metadata(const la_doc *doc, la_meta_field field)
{
    if (!doc || (unsigned)field > LA_META_DATE)
        return NULL;
    return doc->meta[field];
}

const char *la_doc_main_text(const la_doc *doc, size_t *len_out)
{
    if (len_out)
        *len_out = doc && doc->main_text ? doc->main_len : 0;
    return doc ? doc->main_text : NULL;
}

static const char *const BLOCK_KINDS[] = {"paragraph", "heading", "title", "byline", "publisher",
                                          "date", "list_item", "quote", "boilerplate"};
static const char *const BOILERPLATE_KINDS[] = {"", "navigation", "glossary", "related", "tags",
                                                "comment_form", "gallery", "pager", "search",
                                                "footer", "share", "other"};
static const char *const CLAIM_KINDS[] = {"direct", "indirect", "mixed"};

const char *la_block_kind_name(la_block_kind kind)
{
    return (unsigned)kind < sizeof BLOCK_KINDS / sizeof *BLOCK_KINDS ? BLOCK_KINDS[kind] : NULL;
}

const char *la_boilerplate_kind_name(la_boilerplate_kind kind)
{
    return (unsigned)kind < sizeof BOILERPLATE_KINDS / sizeof *BOILERPLATE_KINDS ? BOILERPLATE_KINDS[kind]
                                                                                 : NULL;
}

const char *la_claim_kind_name(la_claim_kind kind)
{
    return (unsigned)kind < sizeof CLAIM_KINDS / sizeof *CLAIM_KINDS ? CLAIM_KINDS[kind] : NULL;
}

static const char *const LABELS[LA__LABEL_COUNT] = {
    "PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "EVENT", "LAW", "DATE", "TIME", "CARDINAL",
    "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "PRODUCT", "WORK_OF_ART", "LANGUAGE"};

const char *la__label_name(int label)
{
    return label >= 0 && label < LA__LABEL_COUNT ? LABELS[label] : NULL;
}

int la__label_from_name(const char *name)
{
    for (int i = 0; i < LA__LABEL_COUNT; i++)
        if (!strcmp(LABELS[i], name))
            return i;
    return -1;
}
