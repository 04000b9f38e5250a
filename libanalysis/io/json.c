/* JSON serialization of a document (docs/json-format.md).
 *
 * cJSON writes every value, but the document is streamed record by record into one
 * buffer instead of building a whole cJSON tree: a tree costs ~60 bytes a node, so a
 * million-token input would need gigabytes; streaming needs only the output. */
#include "internal.h"

#include <cjson/cJSON.h>
#include <string.h>

typedef struct jbuf {
    la__buf out;
    bool failed;        /* a cJSON value could not be made */
    bool pretty;
} jbuf;

static void put(jbuf *b, const char *s, size_t n)
{
    la__buf_put(&b->out, s, n);
}

static void puts_(jbuf *b, const char *s) { put(b, s, strlen(s)); }

/* Writes item (then deletes it) as compact JSON. */
static void put_item(jbuf *b, cJSON *item)
{
    if (!item) {
        b->failed = true;
        return;
    }
    char *s = cJSON_PrintUnformatted(item);
    cJSON_Delete(item);
    if (!s) {
        b->failed = true;
        return;
    }
    puts_(b, s);
    cJSON_free(s);
}

static void put_key(jbuf *b, const char *key, bool first)
{
    puts_(b, first ? "{" : (b->pretty ? ",\n " : ","));
    put_item(b, cJSON_CreateString(key));
    puts_(b, b->pretty ? ": " : ":");
}

static cJSON *string_or_null(const char *s)
{
    return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

/* Adds start/end (code points) and byte_start/byte_end of a span to obj. */
static void add_span(cJSON *obj, const la_doc *doc, uint32_t a, uint32_t z)
{
    cJSON_AddNumberToObject(obj, "start", (double)la__doc_cp(doc, a));
    cJSON_AddNumberToObject(obj, "end", (double)la__doc_cp(doc, z));
    cJSON_AddNumberToObject(obj, "byte_start", (double)la__doc_orig(doc, a));
    cJSON_AddNumberToObject(obj, "byte_end", (double)la__doc_orig(doc, z));
}

static cJSON *span_object(const la_doc *doc, uint32_t a, uint32_t z)
{
    cJSON *o = cJSON_CreateObject();
    if (o)
        add_span(o, doc, a, z);
    return o;
}

static cJSON *block_json(const la_doc *doc, size_t i)
{
    const la__block *b = &doc->blocks[i];
    cJSON *o = span_object(doc, b->start, b->end);
    cJSON_AddStringToObject(o, "kind", la_block_kind_name((la_block_kind)b->kind));
    if (b->boilerplate)
        cJSON_AddStringToObject(o, "boilerplate", la_boilerplate_kind_name((la_boilerplate_kind)b->boilerplate));
    return o;
}

static cJSON *sentence_json(const la_doc *doc, size_t i)
{
    return span_object(doc, doc->sentences[i].start, doc->sentences[i].end);
}

static cJSON *token_json(const la_doc *doc, size_t i)
{
    return span_object(doc, doc->tokens[i].start, doc->tokens[i].end);
}

static cJSON *entity_json(const la_doc *doc, size_t i)
{
    const la__entity *e = &doc->entities[i];
    cJSON *o = span_object(doc, e->start, e->end);
    char *t = la__strndup(doc->text + e->start, e->end - e->start);
    cJSON_AddItemToObject(o, "text", string_or_null(t));
    free(t);
    cJSON_AddStringToObject(o, "label", la__label_name(e->label));
    cJSON_AddItemToObject(o, "entity_id", string_or_null(e->entity_id));
    if (e->canonical)
        cJSON_AddStringToObject(o, "canonical", e->canonical);
    if (e->value)
        cJSON_AddStringToObject(o, "value", e->value);
    return o;
}

static cJSON *claim_json(const la_doc *doc, size_t i)
{
    const la__claim *c = &doc->claims[i];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "source", c->has_source ? span_object(doc, c->source_start, c->source_end)
                                                     : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "cue", span_object(doc, c->cue_start, c->cue_end));
    cJSON_AddItemToObject(o, "content", span_object(doc, c->content_start, c->content_end));
    cJSON_AddStringToObject(o, "kind", la_claim_kind_name((la_claim_kind)c->kind));
    cJSON_AddItemToObject(o, "cue_lemma", string_or_null(c->cue_lemma));
    cJSON_AddItemToObject(o, "cue_class", string_or_null(c->cue_class));
    const la__entity *src = c->source_entity >= 0 ? &doc->entities[c->source_entity] : NULL;
    cJSON_AddItemToObject(o, "source_id", string_or_null(src ? src->entity_id : NULL));
    return o;
}

static void put_array(jbuf *b, const la_doc *doc, size_t n, cJSON *(*one)(const la_doc *, size_t))
{
    puts_(b, "[");
    for (size_t i = 0; i < n && !b->failed && !b->out.failed; i++) {
        if (i)
            puts_(b, b->pretty ? ",\n  " : ",");
        else if (b->pretty)
            puts_(b, "\n  ");
        put_item(b, one(doc, i));
    }
    puts_(b, "]");
}

static cJSON *metadata_json(const la_doc *doc)
{
    static const char *const keys[4] = {"title", "byline", "publisher", "date"};
    cJSON *m = cJSON_CreateObject();
    for (int i = 0; i < 4; i++)
        cJSON_AddItemToObject(m, keys[i], string_or_null(doc->meta[i]));
    return m;
}

int la_doc_to_json(const la_doc *doc, unsigned flags, char **out, size_t *len_out, la_error *err)
{
    if (!doc || !out)
        return la__fail(err, LA_EINVAL, 0, "doc or out is NULL");
    *out = NULL;
    jbuf b = {{NULL, 0, 0, false}, false, (flags & LA_JSON_PRETTY) != 0};
    put_key(&b, "doc", true);
    put_item(&b, string_or_null(doc->name));
    put_key(&b, "format", false);
    put_item(&b, cJSON_CreateString(doc->format == LA_FORMAT_HTML ? "html" : "text"));
    if (!(flags & LA_JSON_NO_TEXT)) {
        put_key(&b, "text", false);
        put_item(&b, cJSON_CreateString(doc->text));
    }
    put_key(&b, "repairs", false);
    put_item(&b, cJSON_CreateNumber((double)doc->repairs));
    put_key(&b, "metadata", false);
    put_item(&b, metadata_json(doc));
    if (!(flags & LA_JSON_NO_TEXT)) {
        put_key(&b, "main_text", false);
        put_item(&b, string_or_null(doc->main_text));
    }
    put_key(&b, "blocks", false);
    put_array(&b, doc, doc->n_blocks, block_json);
    put_key(&b, "sentences", false);
    put_array(&b, doc, doc->n_sentences, sentence_json);
    if (!(flags & LA_JSON_NO_TOKENS)) {
        put_key(&b, "tokens", false);
        put_array(&b, doc, doc->n_tokens, token_json);
    }
    put_key(&b, "entities", false);
    put_array(&b, doc, doc->n_entities, entity_json);
    put_key(&b, "claims", false);
    put_array(&b, doc, doc->n_claims, claim_json);
    puts_(&b, "}");
    if (b.failed || b.out.failed) {
        free(b.out.p);
        return la__fail(err, LA_ENOMEM, 0, "out of memory writing JSON");
    }
    *out = b.out.p;
    if (len_out)
        *len_out = b.out.len;
    return LA_OK;
}
