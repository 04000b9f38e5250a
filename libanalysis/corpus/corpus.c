/* The corpus: entity ids shared across documents.
 *
 * Each document's entities stage gives every name mention a document-level id (a slug of
 * its canonical name) and a canonical name. The corpus keeps one entry per real-world
 * entity with its label and the spellings seen, and maps a new document's ids onto the
 * entries: an exact id match, else a spelling already seen. Entries are only ever added,
 * so an id given once never changes: documents can be written out as they come.
 * Transliteration variants across documents (Kazemi / Kadhimi) join by the phonetic key
 * of the name (a person's last name) within one label family, equal or one edit apart.
 *
 * Ids, spellings and keys are found through a hash index, not by scanning the entries, so
 * that adding a document costs the same after a million entities as after ten. */
#include "internal.h"
#include "entities/lexicon.h"
#include "util/hash.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct entry {
    char *id;
    char *canonical;
    uint8_t label;
    char key[48];
    la__given given; /* a person's: those of the first full name it was given */
    char **aliases;
    size_t n_aliases, cap_aliases;
} entry;

static int label_family(int label);

/* A multimap from 64-bit keys (a hash of a tag and a string) to entry numbers, chained
 * over arrays and rehashed when it holds as many nodes as buckets. It gives candidates;
 * the callers check the strings. */
typedef struct node {
    uint64_t key;
    size_t entry, next; /* next: node number + 1 in the bucket's chain, 0 at its end */
} node;

typedef struct multimap {
    size_t *head; /* per bucket: first node number + 1, or 0 */
    size_t n_buckets;
    node *nodes;
    size_t n, cap;
} multimap;

struct la_corpus {
    const la_pipeline *pipeline;
    entry *entries;
    size_t n, cap;
    multimap ix;
};

static uint64_t key_of(char tag, int family, const char *s, size_t n)
{
    unsigned char prefix[2] = {(unsigned char)tag, (unsigned char)family};
    uint64_t h = la__fnv1a64(s, n, la__fnv1a64(prefix, 2, LA__FNV64_SEED));
    return h ^ h >> 29;
}

static int rehash(multimap *ix)
{
    size_t nb = ix->n_buckets ? ix->n_buckets * 2 : 1024;
    size_t *head = calloc(nb, sizeof *head);
    if (!head)
        return LA_ENOMEM;
    for (size_t k = 0; k < ix->n; k++) {
        size_t b = ix->nodes[k].key & (nb - 1);
        ix->nodes[k].next = head[b];
        head[b] = k + 1;
    }
    free(ix->head);
    ix->head = head;
    ix->n_buckets = nb;
    return LA_OK;
}

static int index_add(multimap *ix, uint64_t key, size_t entry)
{
    if (ix->n >= ix->n_buckets && rehash(ix))
        return LA_ENOMEM;
    if (LA__PUSH(ix->nodes, ix->n, ix->cap, ((node){key, entry, 0})))
        return LA_ENOMEM;
    size_t b = key & (ix->n_buckets - 1);
    ix->nodes[ix->n - 1].next = ix->head[b];
    ix->head[b] = ix->n;
    return LA_OK;
}

/* The first node number + 1 of key's chain (0: none); walk on with next_of. */
static size_t first_of(const multimap *ix, uint64_t key)
{
    size_t k = ix->n_buckets ? ix->head[key & (ix->n_buckets - 1)] : 0;
    while (k && ix->nodes[k - 1].key != key)
        k = ix->nodes[k - 1].next;
    return k;
}

static size_t next_of(const multimap *ix, size_t k)
{
    uint64_t key = ix->nodes[k - 1].key;
    k = ix->nodes[k - 1].next;
    while (k && ix->nodes[k - 1].key != key)
        k = ix->nodes[k - 1].next;
    return k;
}

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
    free(c->ix.head);
    free(c->ix.nodes);
    free(c);
}

/* Whether entry e may be the entity with this canonical name: for persons, whether their
 * given names agree ("Bill Clinton" is not "Hillary Clinton"). */
static bool may_be(const entry *e, const char *canonical, uint8_t label)
{
    if (e->label != LA__PERSON || label != LA__PERSON)
        return true;
    la__given g;
    la__given_names(canonical, strlen(canonical), &g);
    return la__given_agree(&e->given, &g);
}

/* A person entry learns its given names from the first full name it is given. */
static void learn_given(entry *e, const char *canonical)
{
    if (e->label == LA__PERSON && !e->given.n)
        la__given_names(canonical, strlen(canonical), &e->given);
}

static entry *find_id(la_corpus *c, const char *id)
{
    for (size_t k = first_of(&c->ix, key_of('I', 0, id, strlen(id))); k; k = next_of(&c->ix, k))
        if (!strcmp(c->entries[c->ix.nodes[k - 1].entry].id, id))
            return &c->entries[c->ix.nodes[k - 1].entry];
    return NULL;
}

static bool has_alias(const entry *e, const char *text, size_t n)
{
    for (size_t j = 0; j < e->n_aliases; j++)
        if (strlen(e->aliases[j]) == n && !memcmp(e->aliases[j], text, n))
            return true;
    return false;
}

/* The first entry of the label's family with the spelling. */
static entry *find_alias(la_corpus *c, const char *text, size_t n, uint8_t label)
{
    size_t best = SIZE_MAX;
    for (size_t k = first_of(&c->ix, key_of('S', label_family(label), text, n)); k; k = next_of(&c->ix, k)) {
        size_t i = c->ix.nodes[k - 1].entry;
        if (i < best && label_family(c->entries[i].label) == label_family(label) && has_alias(&c->entries[i], text, n))
            best = i;
    }
    return best == SIZE_MAX ? NULL : &c->entries[best];
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

/* Keys one edit apart share one of their keys with a letter deleted (or the key itself):
 * an entry is indexed under all of those, and a lookup asks all of its own. Keys shorter
 * than EDIT_MIN only match exactly. */
#define EDIT_MIN 6

typedef int (*key_fn)(la_corpus *c, uint64_t k, void *arg);

/* Calls fn for the index key of key and, when it is long enough, of each of its
 * one-letter deletions; stops at a nonzero return. */
static int each_key_variant(la_corpus *c, int family, const char *key, key_fn fn, void *arg)
{
    size_t kn = strlen(key);
    int rc = fn(c, key_of('K', family, key, kn), arg);
    for (size_t i = 0; kn >= EDIT_MIN && i < kn && !rc; i++) {
        char shorter[48];
        memcpy(shorter, key, i);
        memcpy(shorter + i, key + i + 1, kn - i - 1);
        rc = fn(c, key_of('K', family, shorter, kn - 1), arg);
    }
    return rc;
}

typedef struct key_query {
    const char *key, *canonical;
    uint8_t label;
    size_t best;
} key_query;

static int match_key(la_corpus *c, uint64_t k, void *arg)
{
    key_query *q = arg;
    size_t kn = strlen(q->key);
    for (size_t x = first_of(&c->ix, k); x; x = next_of(&c->ix, x)) {
        size_t i = c->ix.nodes[x - 1].entry;
        entry *e = &c->entries[i];
        size_t en = strlen(e->key);
        if (i < q->best && label_family(e->label) == label_family(q->label) &&
            (!strcmp(e->key, q->key) ||
             (kn >= EDIT_MIN && en >= EDIT_MIN && la__edit_distance(e->key, en, q->key, kn) <= 1)) &&
            may_be(e, q->canonical, q->label))
            q->best = i;
    }
    return 0;
}

/* The first entry of the label's family whose key is key or one edit from it, and that
 * may be the same person as canonical. */
static entry *find_key(la_corpus *c, const char *key, const char *canonical, uint8_t label)
{
    if (strlen(key) < (label == LA__PERSON ? 3u : 4u))
        return NULL;
    key_query q = {key, canonical, label, SIZE_MAX};
    each_key_variant(c, label_family(label), key, match_key, &q);
    return q.best == SIZE_MAX ? NULL : &c->entries[q.best];
}

static int index_entry_key(la_corpus *c, uint64_t k, void *arg)
{
    return index_add(&c->ix, k, *(size_t *)arg);
}

static int add_alias(la_corpus *c, entry *e, const char *text, size_t n)
{
    if (has_alias(e, text, n))
        return LA_OK;
    char *a = la__strndup(text, n);
    if (!a || LA__PUSH(e->aliases, e->n_aliases, e->cap_aliases, a)) {
        free(a);
        return LA_ENOMEM;
    }
    return index_add(&c->ix, key_of('S', label_family(e->label), text, n), (size_t)(e - c->entries));
}

/* An id no entry has: m's, else (a namesake of an entry) m's given name and last name,
 * else either with a number. NULL when out of memory. */
static char *free_id(la_corpus *c, const la__entity *m)
{
    char *id = la__strndup(m->entity_id, strlen(m->entity_id));
    la__given g;
    la__given_names(m->canonical, strlen(m->canonical), &g);
    const char *last = strrchr(m->canonical, ' ');
    if (id && find_id(c, id) && m->label == LA__PERSON && g.n && last) {
        size_t nl = strlen(last);
        char *name = malloc(g.len[0] + nl + 1);
        if (name) {
            memcpy(name, m->canonical + g.at[0], g.len[0]);
            memcpy(name + g.len[0], last, nl + 1);
        }
        free(id);
        id = name ? la__slug(name, g.len[0] + nl) : NULL;
        free(name);
    }
    for (unsigned k = 2; id && find_id(c, id); k++) {
        size_t cap = strlen(id) + 16;
        char *numbered = malloc(cap);
        if (numbered)
            snprintf(numbered, cap, "%s_%u", id, k);
        bool taken = numbered && find_id(c, numbered);
        free(numbered);
        if (!taken) {
            char *base = id;
            id = malloc(cap);
            if (id)
                snprintf(id, cap, "%s_%u", base, k);
            free(base);
            break;
        }
    }
    return id;
}

/* A new entry for mention m, indexed by its id (free_id) and key. NULL when out of
 * memory. */
static entry *new_entry(la_corpus *c, const la__entity *m)
{
    entry e = {0};
    e.id = free_id(c, m);
    e.canonical = la__strndup(m->canonical, strlen(m->canonical));
    e.label = m->label;
    if (e.canonical)
        name_key(e.canonical, e.label, e.key, sizeof e.key);
    if (!e.id || !e.canonical || LA__PUSH(c->entries, c->n, c->cap, e)) {
        free(e.id);
        free(e.canonical);
        return NULL;
    }
    size_t at = c->n - 1;
    entry *x = &c->entries[at];
    if (index_add(&c->ix, key_of('I', 0, x->id, strlen(x->id)), at) ||
        each_key_variant(c, label_family(x->label), x->key, index_entry_key, &at))
        return NULL; /* the entry stays, found by fewer ways */
    return x;
}

typedef struct id_at {
    const char *id;
    size_t i;
} id_at;

static int cmp_id_at(const void *pa, const void *pb)
{
    const id_at *a = pa, *b = pb;
    int c = strcmp(a->id, b->id);
    return c ? c : (a->i > b->i) - (a->i < b->i);
}

/* same[i]: the next mention after i with i's id, or SIZE_MAX. NULL when out of memory. */
static size_t *chain_same_ids(const la_doc *doc)
{
    size_t n = doc->n_entities, k = 0;
    id_at *order = malloc((n + 1) * sizeof *order);
    size_t *same = malloc((n + 1) * sizeof *same);
    if (!order || !same) {
        free(order), free(same);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        same[i] = SIZE_MAX;
        if (doc->entities[i].entity_id)
            order[k++] = (id_at){doc->entities[i].entity_id, i};
    }
    if (k)
        qsort(order, k, sizeof *order, cmp_id_at);
    for (size_t r = 1; r < k; r++)
        if (!strcmp(order[r - 1].id, order[r].id))
            same[order[r - 1].i] = order[r].i;
    free(order);
    return same;
}

/* Points mention i and the later mentions with its id (same: chain_same_ids) at entry e.
 * The earlier ones have other ids: the first mention of an id is the one relabelled. */
static int relabel(la_doc *doc, size_t i, const size_t *same, const entry *e)
{
    for (; i != SIZE_MAX; i = same[i]) {
        la__entity *x = &doc->entities[i];
        char *id = la__strndup(e->id, strlen(e->id));
        char *canon = la__strndup(e->canonical, strlen(e->canonical));
        if (!id || !canon) {
            free(id), free(canon);
            return LA_ENOMEM;
        }
        free(x->entity_id), free(x->canonical);
        x->entity_id = id, x->canonical = canon;
    }
    return LA_OK;
}

/* The entry for mention m: by its id, else by a spelling of it, else by its key; NULL
 * when the corpus has none. */
static entry *match(la_corpus *c, const la_doc *doc, const la__entity *m)
{
    const char *text = doc->text + m->start;
    size_t n = m->end - m->start;
    char key[48];
    name_key(m->canonical, m->label, key, sizeof key);
    entry *e = find_alias(c, m->canonical, strlen(m->canonical), m->label);
    if (!e || !may_be(e, m->canonical, m->label))
        e = find_alias(c, text, n, m->label);
    if (e && !may_be(e, m->canonical, m->label))
        e = NULL; /* "Clinton" was Hillary's; this cluster is Bill Clinton */
    return e ? e : find_key(c, key, m->canonical, m->label);
}

int la_corpus_add(la_corpus *c, la_doc *doc, la_error *err)
{
    if (!c || !doc)
        return la__fail(err, LA_EINVAL, 0, "corpus or doc is NULL");
    size_t *same = chain_same_ids(doc);
    if (!same)
        return la__fail(err, LA_ENOMEM, 0, "out of memory in the corpus");
    int rc = LA_OK;
    for (size_t i = 0; i < doc->n_entities && !rc; i++) {
        la__entity *m = &doc->entities[i];
        if (!m->entity_id || !m->canonical)
            continue;
        entry *e = find_id(c, m->entity_id);
        if (e && !may_be(e, m->canonical, m->label))
            e = NULL; /* a namesake: Bill Clinton after Hillary Clinton */
        if (!e && !(e = match(c, doc, m)) && !(e = new_entry(c, m)))
            rc = LA_ENOMEM;
        else if (strcmp(e->id, m->entity_id) && relabel(doc, i, same, e))
            rc = LA_ENOMEM; /* a spelling's or key's entry, or a new one with a free id */
        if (!rc)
            learn_given(e, m->canonical);
        if (!rc && (add_alias(c, e, doc->text + m->start, m->end - m->start) ||
                    add_alias(c, e, m->canonical, strlen(m->canonical))))
            rc = LA_ENOMEM;
    }
    free(same);
    return rc ? la__fail(err, rc, 0, "out of memory in the corpus") : LA_OK;
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
