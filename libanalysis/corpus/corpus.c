/* The corpus: entity ids shared across documents.
 *
 * Each document's entities stage gives every name mention a document-level id (a slug of
 * its canonical name) and a canonical name. The corpus keeps one entry per real-world
 * entity with its label and the spellings seen, and maps a new document's ids onto the
 * entries: an exact id match, else a spelling already seen. Entries are only ever added,
 * so an id given once never changes: documents can be written out as they come.
 * Transliteration variants across documents (Kazemi / Kadhimi) join by the phonetic key
 * of the name (a person's last name) within one label family, equal or one edit apart. */
#include "internal.h"
#include "entities/lexicon.h"

#include <string.h>
#include <strings.h>

typedef struct entry {
    char *id;
    char *canonical;
    uint8_t label;
    char key[48];
    char **aliases;
    size_t n_aliases, cap_aliases;
} entry;

static int label_family(int label);

struct la_corpus {
    const la_pipeline *pipeline;
    entry *entries;
    size_t n, cap;
};

int la_corpus_new(la_corpus **out, const la_pipeline *pipeline, la_error *err)
{
    if (!out || !pipeline)
        return la__fail(err, LA_EINVAL, 0, "out or pipeline is NULL");
    *out = calloc(1, sizeof **out);
    if (!*out)
        return la__fail(err, LA_ENOMEM, 0, "out of memory for the corpus");
    (*out)->pipeline = pipeline;
    return LA_OK;
}

void la_corpus_free(la_corpus *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        for (size_t j = 0; j < c->entries[i].n_aliases; j++)
            free(c->entries[i].aliases[j]);
        free(c->entries[i].aliases);
        free(c->entries[i].id);
        free(c->entries[i].canonical);
    }
    free(c->entries);
    free(c);
}

static entry *find_id(la_corpus *c, const char *id)
{
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->entries[i].id, id))
            return &c->entries[i];
    return NULL;
}

static entry *find_alias(la_corpus *c, const char *text, size_t n, uint8_t label)
{
    for (size_t i = 0; i < c->n; i++) {
        entry *e = &c->entries[i];
        if (label_family(e->label) != label_family(label))
            continue;
        for (size_t j = 0; j < e->n_aliases; j++)
            if (strlen(e->aliases[j]) == n && !memcmp(e->aliases[j], text, n))
                return e;
    }
    return NULL;
}

static int label_family(int label)
{
    return label == LA__GPE || label == LA__LOC || label == LA__FAC ? LA__GPE : label;
}

/* Phonetic key of a name; for a person, of the last word with its particle. */
static void name_key(const char *name, uint8_t label, char *key, size_t cap)
{
    const char *s = name;
    if (label == LA__PERSON) {
        const char *sp = strrchr(name, ' ');
        if (sp) {
            s = sp + 1;
            /* keep a particle before it: bin Laden */
            const char *q = sp;
            while (q > name && q[-1] != ' ')
                q--;
            size_t pl = (size_t)(sp - q);
            if ((pl == 3 && (!strncmp(q, "bin", 3) || !strncmp(q, "ibn", 3))) || (pl == 2 && !strncasecmp(q, "al", 2)))
                s = q;
        }
    }
    la__phonetic_key(s, strlen(s), key, cap);
}

static entry *find_key(la_corpus *c, const char *key, uint8_t label)
{
    size_t kn = strlen(key);
    if (kn < (label == LA__PERSON ? 3u : 4u))
        return NULL;
    for (size_t i = 0; i < c->n; i++) {
        entry *e = &c->entries[i];
        if (label_family(e->label) != label_family(label))
            continue;
        size_t en = strlen(e->key);
        if (!strcmp(e->key, key) || (kn >= 6 && en >= 6 && la__edit_distance(e->key, en, key, kn) <= 1))
            return e;
    }
    return NULL;
}

static int add_alias(entry *e, const char *text, size_t n)
{
    for (size_t j = 0; j < e->n_aliases; j++)
        if (strlen(e->aliases[j]) == n && !memcmp(e->aliases[j], text, n))
            return LA_OK;
    char *a = la__strndup(text, n);
    if (!a || LA__PUSH(e->aliases, e->n_aliases, e->cap_aliases, a)) {
        free(a);
        return LA_ENOMEM;
    }
    return LA_OK;
}

static entry *new_entry(la_corpus *c, const la__entity *m)
{
    entry e = {0};
    e.id = la__strndup(m->entity_id, strlen(m->entity_id));
    e.canonical = la__strndup(m->canonical, strlen(m->canonical));
    e.label = m->label;
    if (e.canonical)
        name_key(e.canonical, e.label, e.key, sizeof e.key);
    if (!e.id || !e.canonical || LA__PUSH(c->entries, c->n, c->cap, e)) {
        free(e.id);
        free(e.canonical);
        return NULL;
    }
    return &c->entries[c->n - 1];
}

/* Points mention m (and every mention of the doc sharing its id) at entry e's id. */
static int relabel(la_doc *doc, const char *old_id, const entry *e)
{
    char *keep = la__strndup(old_id, strlen(old_id));
    if (!keep)
        return LA_ENOMEM;
    for (size_t i = 0; i < doc->n_entities; i++) {
        la__entity *x = &doc->entities[i];
        if (!x->entity_id || strcmp(x->entity_id, keep))
            continue;
        char *id = la__strndup(e->id, strlen(e->id));
        char *canon = la__strndup(e->canonical, strlen(e->canonical));
        if (!id || !canon) {
            free(id), free(canon), free(keep);
            return LA_ENOMEM;
        }
        free(x->entity_id), free(x->canonical);
        x->entity_id = id, x->canonical = canon;
    }
    free(keep);
    return LA_OK;
}

int la_corpus_add(la_corpus *c, la_doc *doc, la_error *err)
{
    if (!c || !doc)
        return la__fail(err, LA_EINVAL, 0, "corpus or doc is NULL");
    for (size_t i = 0; i < doc->n_entities; i++) {
        la__entity *m = &doc->entities[i];
        if (!m->entity_id || !m->canonical)
            continue;
        const char *text = doc->text + m->start;
        size_t n = m->end - m->start;
        entry *e = find_id(c, m->entity_id);
        if (!e) {
            char key[48];
            name_key(m->canonical, m->label, key, sizeof key);
            if (!(e = find_alias(c, m->canonical, strlen(m->canonical), m->label)) &&
                !(e = find_alias(c, text, n, m->label)))
                e = find_key(c, key, m->label);
            if (e && relabel(doc, m->entity_id, e))
                return la__fail(err, LA_ENOMEM, 0, "out of memory in the corpus");
        }
        if (!e && !(e = new_entry(c, m)))
            return la__fail(err, LA_ENOMEM, 0, "out of memory in the corpus");
        if (add_alias(e, text, n) || add_alias(e, m->canonical, strlen(m->canonical)))
            return la__fail(err, LA_ENOMEM, 0, "out of memory in the corpus");
    }
    return LA_OK;
}

size_t la_corpus_entity_count(const la_corpus *c) { return c ? c->n : 0; }

int la_corpus_entity(const la_corpus *c, size_t i, const char **id_out, const char **label_out,
                     const char **canonical_out)
{
    if (!c)
        return LA_EINVAL;
    if (i >= c->n)
        return LA_ERANGE;
    if (id_out) *id_out = c->entries[i].id;
    if (label_out) *label_out = la__label_name(c->entries[i].label);
    if (canonical_out) *canonical_out = c->entries[i].canonical;
    return LA_OK;
}

size_t la_corpus_alias_count(const la_corpus *c, size_t i)
{
    return c && i < c->n ? c->entries[i].n_aliases : 0;
}

const char *la_corpus_alias(const la_corpus *c, size_t i, size_t j)
{
    return c && i < c->n && j < c->entries[i].n_aliases ? c->entries[i].aliases[j] : NULL;
}
