/* train_ner: trains the named-entity tagger's model (libanalysis/model/ner.bin).
 *
 *   train_ner -o OUT [--epochs N] [--seed S] [--runs N] [--target I] [--version STR] [--max-features N]
 *             [--dev FILE] [--cluster-text FILE]... [--clusters N] TRAIN.conll...
 *
 * TRAIN files are CoNLL-style: one token a line, the word in the first column and the tag
 * in the last (IOB1 or IOB2), blank lines between sentences, -DOCSTART- lines ignored.
 * Labels PER/ORG/LOC/MISC are kept; re3d's Person/Organisation/Location/Nationality map
 * to PER/ORG/LOC/MISC; everything else becomes O.
 *
 * Learning: structured averaged perceptron (Collins 2002) with Viterbi decoding, using the
 * library's own feature extraction (entities/features.c) and lexicons (gazetteer features,
 * entities/lexicon.c) so training and tagging agree.
 * Deterministic: the only randomness is the sentence order, drawn from --seed. */
#include "entities/features.h"
#include "entities/lexicon.h"
#include "entities/tagger_io.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

enum { T = LA__NER_TAGS };

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("train_ner: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

#define GROW(arr, n, cap)                                                  \
    do {                                                                   \
        if ((n) >= (cap)) {                                                \
            (cap) = (cap) ? 2 * (cap) : 1024;                              \
            (arr) = xrealloc((arr), (cap) * sizeof *(arr));                \
        }                                                                  \
    } while (0)

/* ---- corpus ----------------------------------------------------------------------- */

typedef struct corpus {
    char *text;                     /* all words, NUL-separated */
    size_t text_len, text_cap;
    size_t *word_off;               /* per token: offset of its word in text */
    uint32_t *word_len;
    uint8_t *gold;                  /* per token: tag */
    size_t n_tok, cap_tok;
    size_t *sent_first;             /* per sentence: first token; sent_first[n_sent] = n_tok */
    uint8_t *sent_domain;           /* per sentence: index of the training file (its domain) */
    size_t n_sent, cap_sent;
    uint8_t domain;                 /* of the sentences being read */
} corpus;

/* Coarse class of a corpus label, or -1 for labels the tagger does not predict. */
static int label_class(const char *label)
{
    static const struct { const char *name; int cls; } map[] = {
        {"PER", 0}, {"ORG", 1}, {"LOC", 2}, {"MISC", 3},
        {"Person", 0}, {"Organisation", 1}, {"Location", 2}, {"Nationality", 3},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(label, map[i].name) == 0)
            return map[i].cls;
    return -1;
}

/* Tag of one CoNLL label given the previous (already converted) tag: IOB1 and IOB2 in,
 * IOB2 (BIO) out. */
static uint8_t convert_tag(const char *tag, uint8_t prev)
{
    if (strcmp(tag, "O") == 0 || (tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-')
        return 0;
    int cls = label_class(tag + 2);
    if (cls < 0)
        return 0;
    bool continues = prev != 0 && LA__NER_TAG_CLASS(prev) == cls;
    return (uint8_t)(tag[0] == 'I' && continues ? LA__NER_TAG_I(cls) : LA__NER_TAG_B(cls));
}

static void end_sentence(corpus *c)
{
    size_t first = c->n_sent ? c->sent_first[c->n_sent] : 0;
    if (c->n_tok == first)
        return;
    size_t cap = c->cap_sent;
    GROW(c->sent_first, c->n_sent + 2, c->cap_sent);
    if (cap != c->cap_sent)
        c->sent_domain = xrealloc(c->sent_domain, c->cap_sent);
    c->sent_domain[c->n_sent] = c->domain;
    c->sent_first[++c->n_sent] = c->n_tok;
}

static void add_token(corpus *c, const char *word, size_t len, uint8_t tag)
{
    while (c->text_len + len + 1 > c->text_cap) {
        c->text_cap = c->text_cap ? 2 * c->text_cap : 1 << 20;
        c->text = xrealloc(c->text, c->text_cap);
    }
    if (c->n_tok + 1 > c->cap_tok) {
        c->cap_tok = c->cap_tok ? 2 * c->cap_tok : 4096;
        c->word_off = xrealloc(c->word_off, c->cap_tok * sizeof *c->word_off);
        c->word_len = xrealloc(c->word_len, c->cap_tok * sizeof *c->word_len);
        c->gold = xrealloc(c->gold, c->cap_tok);
    }
    memcpy(c->text + c->text_len, word, len);
    c->text[c->text_len + len] = 0;
    c->word_off[c->n_tok] = c->text_len;
    c->word_len[c->n_tok] = (uint32_t)len;
    c->gold[c->n_tok++] = tag;
    c->text_len += len + 1;
}

static void read_conll(corpus *c, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die("cannot open %s: %s", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    uint8_t prev = 0;
    size_t before = c->n_tok;
    if (c->cap_sent == 0) {
        GROW(c->sent_first, 2, c->cap_sent);
        c->sent_domain = xrealloc(NULL, c->cap_sent);
        c->sent_first[0] = 0;
    }
    while ((got = getline(&line, &cap, f)) >= 0) {
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
            line[--got] = 0;
        char *cols[16];
        size_t nc = 0;
        for (char *tok = strtok(line, " \t"); tok && nc < 16; tok = strtok(NULL, " \t"))
            cols[nc++] = tok;
        if (nc == 0 || strcmp(cols[0], "-DOCSTART-") == 0) {
            end_sentence(c);
            prev = 0;
            continue;
        }
        if (nc < 2)
            die("%s: a token line without a tag: %s", path, cols[0]);
        prev = convert_tag(cols[nc - 1], prev);
        add_token(c, cols[0], strlen(cols[0]), prev);
    }
    end_sentence(c);
    free(line);
    fclose(f);
    fprintf(stderr, "read %s: %zu tokens\n", path, c->n_tok - before);
}

/* ---- feature rows ------------------------------------------------------------------- */

/* Feature hash -> dense row index, grown as training meets new features. */
typedef struct row_map {
    uint32_t *keys, *rows;
    size_t mask, n;
    uint8_t *shared;                /* per row: 1 for a feature, 0 for a domain copy */
    size_t shared_cap;
} row_map;

static void row_map_init(row_map *m, size_t slots)
{
    m->keys = calloc(slots, sizeof *m->keys);
    m->rows = calloc(slots, sizeof *m->rows);
    if (!m->keys || !m->rows)
        die("out of memory");
    m->mask = slots - 1;
    m->n = 0;
    m->shared = NULL;
    m->shared_cap = 0;
}

static size_t row_map_find(const row_map *m, uint32_t key)
{
    size_t i = la__ner_map_slot(key) & m->mask;
    while (m->keys[i] != 0 && m->keys[i] != key)
        i = (i + 1) & m->mask;
    return i;
}

static void row_map_grow(row_map *m)
{
    row_map bigger;
    row_map_init(&bigger, 2 * (m->mask + 1));
    for (size_t i = 0; i <= m->mask; i++) {
        if (m->keys[i]) {
            size_t s = row_map_find(&bigger, m->keys[i]);
            bigger.keys[s] = m->keys[i];
            bigger.rows[s] = m->rows[i];
        }
    }
    bigger.n = m->n;
    bigger.shared = m->shared;
    bigger.shared_cap = m->shared_cap;
    free(m->keys);
    free(m->rows);
    *m = bigger;
}

/* Row of key; adds it when add is set, else UINT32_MAX for unknown keys. */
static uint32_t row_map_get(row_map *m, uint32_t key, bool add)
{
    size_t i = row_map_find(m, key);
    if (m->keys[i] == key)
        return m->rows[i];
    if (!add)
        return UINT32_MAX;
    if (2 * (m->n + 1) > m->mask + 1) {
        row_map_grow(m);
        i = row_map_find(m, key);
    }
    m->keys[i] = key;
    m->rows[i] = (uint32_t)m->n;
    GROW(m->shared, m->n, m->shared_cap);
    m->shared[m->n] = 0;
    return (uint32_t)m->n++;
}

/* Domain adaptation by feature augmentation (Daume 2007): in training, every feature also
 * fires in a copy private to the sentence's corpus, so the shared copy learns what the
 * corpora agree on and each private copy their own annotation conventions. The exported
 * model folds the shared weights and the target corpus's copies into one feature, so the
 * tagger pays nothing for it. */
static uint32_t domain_key(uint32_t key, unsigned domain)
{
    uint32_t k = la__ner_map_slot(key ^ (0x27d4eb2fu * (domain + 1)));
    return k ? k : 1;
}

/* The features of every token of a corpus, as rows: token t has rows[first[t]..first[t+1]). */
typedef struct feats {
    uint32_t *rows;
    size_t n, cap;
    size_t *first;
} feats;

static void push_row(feats *out, uint32_t r)
{
    if (r == UINT32_MAX)
        return;
    GROW(out->rows, out->n, out->cap);
    out->rows[out->n++] = r;
}

/* With add (training), rows for the shared and domain copies, created as needed; without,
 * only existing shared rows (evaluation against folded weights). */
/* The library's lexicons, for the gazetteer features (as entities.c passes them). */
static la__lexicon *lexicon;

static void extract(const corpus *c, const la__ner_resources *res, row_map *map, bool add,
                    feats *out)
{
    out->first = xrealloc(NULL, (c->n_tok + 1) * sizeof *out->first);
    size_t max_len = 0;
    for (size_t s = 0; s < c->n_sent; s++) {
        size_t len = c->sent_first[s + 1] - c->sent_first[s];
        max_len = len > max_len ? len : max_len;
    }
    la__ner_tok *toks = xrealloc(NULL, max_len * sizeof *toks);
    const char **words = xrealloc(NULL, max_len * sizeof *words);
    uint8_t *gaz = xrealloc(NULL, max_len);
    uint32_t fs[LA__NER_MAX_FEATS];
    for (size_t s = 0; s < c->n_sent; s++) {
        size_t a = c->sent_first[s], n = c->sent_first[s + 1] - a;
        for (size_t i = 0; i < n; i++)
            words[i] = c->text + c->word_off[a + i];
        la__lexicon_gaz(lexicon, words, c->word_len + a, n, gaz);
        uint32_t sf = la__ner_prepare(words, c->word_len + a, gaz, n, res, toks);
        for (size_t i = 0; i < n; i++) {
            out->first[a + i] = out->n;
            size_t nf = la__ner_features(toks, n, i, sf, fs);
            for (size_t f = 0; f < nf; f++) {
                uint32_t r = row_map_get(map, fs[f], add);
                push_row(out, r);
                if (r != UINT32_MAX)
                    map->shared[r] = 1;
                if (add)
                    push_row(out, row_map_get(map, domain_key(fs[f], c->sent_domain[s]), true));
            }
        }
    }
    out->first[c->n_tok] = out->n;
    free(toks);
    free(words);
    free(gaz);
}

/* ---- word clusters -------------------------------------------------------------------- */

/* Cheap distributional clusters: each frequent word gets a 16-bit string from the signs of
 * 16 random projections of its PPMI-weighted left/right neighbour counts (SimHash), so
 * words used in similar contexts share long prefixes. Learnt from unlabeled text. */
#define CL_BITS 16
#define CL_CONTEXT 2048
#define CL_MIN_COUNT 3        /* hashed context dimensions (left and right halves) */

typedef struct cluster_set {
    uint32_t *keys;
    uint16_t *bits;
    size_t n;
} cluster_set;

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static int cmp_desc(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

typedef struct vocab {
    row_map ids;                    /* word key -> vocabulary index */
    uint32_t *key;
    uint64_t *count;
    size_t n, cap;
} vocab;

static uint32_t vocab_id(vocab *v, uint32_t key)
{
    uint32_t id = row_map_get(&v->ids, key, true);
    if (id == v->n) {
        GROW(v->key, v->n, v->cap);
        v->count = xrealloc(v->count, v->cap * sizeof *v->count);
        v->key[v->n] = key;
        v->count[v->n++] = 0;
    }
    return id;
}

/* Reads whitespace-separated words (first column of CoNLL lines works too: other columns
 * just add noise-free POS-like tokens, so cluster text should be plain text). */
static void read_words(const char *path, vocab *v, uint32_t **seq, size_t *n, size_t *cap)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die("cannot open %s: %s", path, strerror(errno));
    char *line = NULL;
    size_t lcap = 0;
    ssize_t got;
    while ((got = getline(&line, &lcap, f)) >= 0) {
        for (char *w = strtok(line, " \t\r\n"); w; w = strtok(NULL, " \t\r\n")) {
            uint32_t id = vocab_id(v, la__ner_word_key(w, strlen(w)));
            v->count[id]++;
            GROW(*seq, *n, *cap);
            (*seq)[(*n)++] = id;
        }
        GROW(*seq, *n, *cap);
        (*seq)[(*n)++] = UINT32_MAX; /* line break: no context across it */
    }
    free(line);
    fclose(f);
}

static void learn_clusters(char **paths, size_t n_paths, size_t max_words, cluster_set *out)
{
    vocab v = {0};
    row_map_init(&v.ids, 1 << 20);
    uint32_t *seq = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < n_paths; i++)
        read_words(paths[i], &v, &seq, &n, &cap);
    /* The max_words most frequent words (ties by key, for determinism) get clusters. */
    uint64_t *order = xrealloc(NULL, v.n * sizeof *order);
    for (size_t i = 0; i < v.n; i++)
        order[i] = (uint64_t)(v.count[i] > 0xffffffffu ? 0xffffffffu : v.count[i]) << 32 | i;
    qsort(order, v.n, sizeof *order, cmp_desc);
    size_t nw = 0; /* rare words get no cluster: their contexts are too few to say much */
    while (nw < v.n && nw < max_words && (order[nw] >> 32) >= CL_MIN_COUNT)
        nw++;
    uint32_t *slot = xrealloc(NULL, v.n * sizeof *slot);
    for (size_t i = 0; i < v.n; i++)
        slot[i] = UINT32_MAX;
    for (size_t i = 0; i < nw; i++)
        slot[order[i] & 0xffffffffu] = (uint32_t)i;
    /* Context counts: words within 2 positions, hashed into CL_CONTEXT dims by side. */
    float *ctx = calloc(nw * CL_CONTEXT, sizeof *ctx);
    double *col = calloc(CL_CONTEXT, sizeof *col);
    if (!ctx || !col)
        die("out of memory");
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        if (seq[i] == UINT32_MAX || slot[seq[i]] == UINT32_MAX)
            continue;
        float *row = ctx + (size_t)slot[seq[i]] * CL_CONTEXT;
        for (int d = -2; d <= 2; d++) {
            if (d == 0 || (ptrdiff_t)i + d < 0 || i + d >= n || seq[i + d] == UINT32_MAX)
                continue;
            if ((d < 0 && seq[i + d + 1] == UINT32_MAX) || (d > 0 && seq[i + d - 1] == UINT32_MAX))
                continue; /* crossing a line break */
            uint32_t h = v.key[seq[i + d]] * 0x9e3779b1u + (uint32_t)(d + 2) * 0x85ebca6bu;
            h ^= h >> 15;
            size_t dim = h % CL_CONTEXT;
            float wgt = (d == -1 || d == 1) ? 1.0f : 0.5f;
            row[dim] += wgt;
            col[dim] += wgt;
            total += wgt;
        }
    }
    /* PPMI, then SimHash with pseudo-random +-1 projections drawn from a fixed seed. */
    out->keys = xrealloc(NULL, nw * sizeof *out->keys);
    out->bits = xrealloc(NULL, nw * sizeof *out->bits);
    out->n = nw;
    int8_t *proj = xrealloc(NULL, (size_t)CL_BITS * CL_CONTEXT);
    uint64_t rs = 12345;
    for (size_t i = 0; i < (size_t)CL_BITS * CL_CONTEXT; i++)
        proj[i] = (splitmix(&rs) & 1) ? 1 : -1;
    for (size_t w = 0; w < nw; w++) {
        float *row = ctx + w * CL_CONTEXT;
        double rsum = 0;
        for (size_t d = 0; d < CL_CONTEXT; d++)
            rsum += row[d];
        double acc[CL_BITS] = {0};
        for (size_t d = 0; d < CL_CONTEXT; d++) {
            if (row[d] <= 0 || col[d] <= 0)
                continue;
            double pmi = log(row[d] * total / (rsum * col[d]));
            if (pmi <= 0)
                continue;
            for (int b = 0; b < CL_BITS; b++)
                acc[b] += pmi * proj[(size_t)b * CL_CONTEXT + d];
        }
        uint16_t bits = 0;
        for (int b = 0; b < CL_BITS; b++)
            bits = (uint16_t)(bits << 1 | (acc[b] > 0));
        out->keys[w] = v.key[order[w] & 0xffffffffu];
        out->bits[w] = bits;
    }
    fprintf(stderr, "clusters: %zu words of %zu distinct, %zu tokens\n", nw, v.n, n);
    free(proj), free(ctx), free(col), free(slot), free(order), free(seq);
    free(v.key), free(v.count), free(v.ids.keys), free(v.ids.rows);
}

/* ---- the perceptron ------------------------------------------------------------------- */

/* Weights with lazy averaging (Daume 2006): w is the current weight, u accumulates c * delta
 * at update time c, and the average after C steps is w - u / C. */
typedef struct perceptron {
    int32_t *w;
    int64_t *u;
    size_t rows;
    int32_t tw[LA__NER_TRANS_SIZE];
    int64_t tu[LA__NER_TRANS_SIZE];
    int64_t c;
} perceptron;

static void score(const int32_t *w, const feats *fe, size_t first_tok, size_t n, int32_t *emit)
{
    for (size_t i = 0; i < n; i++) {
        int32_t *s = emit + i * T;
        memset(s, 0, T * sizeof *s);
        for (size_t f = fe->first[first_tok + i]; f < fe->first[first_tok + i + 1]; f++) {
            const int32_t *row = w + (size_t)fe->rows[f] * T;
            for (int t = 0; t < T; t++)
                s[t] += row[t];
        }
    }
}

static void update_trans(perceptron *p, size_t idx, int32_t d)
{
    p->tw[idx] += d;
    p->tu[idx] += p->c * d;
}

static void update(perceptron *p, const feats *fe, size_t a, size_t n, const uint8_t *gold,
                   const uint8_t *pred)
{
    for (size_t i = 0; i < n; i++) {
        if (gold[i] != pred[i]) {
            for (size_t f = fe->first[a + i]; f < fe->first[a + i + 1]; f++) {
                size_t r = (size_t)fe->rows[f] * T;
                p->w[r + gold[i]]++, p->u[r + gold[i]] += p->c;
                p->w[r + pred[i]]--, p->u[r + pred[i]] -= p->c;
            }
        }
        size_t gp = i ? 1u + gold[i - 1] : 0, pp = i ? 1u + pred[i - 1] : 0;
        if (gp != pp || gold[i] != pred[i]) {
            update_trans(p, gp * T + gold[i], 1);
            update_trans(p, pp * T + pred[i], -1);
        }
    }
    update_trans(p, (T + 1) * T + gold[n - 1], 1);
    update_trans(p, (T + 1) * T + pred[n - 1], -1);
}

/* ---- averaged, quantized weights ----------------------------------------------------- */

typedef struct final_model {
    int16_t *q;                     /* rows x T */
    int32_t trans[LA__NER_TRANS_SIZE];
    double scale;
} final_model;

/* Adds the averaged weights of the shared features, with the target corpus's copies
 * folded in, to acc (rows x T; domain rows stay 0) and the transitions to tacc. */
static void fold_into(const perceptron *p, const row_map *map, unsigned target, double *acc,
                      double *tacc)
{
    double c = (double)p->c;
    for (size_t i = 0; i <= map->mask; i++) {
        if (!map->keys[i] || !map->shared[map->rows[i]])
            continue;
        size_t r = map->rows[i];
        uint32_t dr = row_map_get((row_map *)map, domain_key(map->keys[i], target), false);
        for (int t = 0; t < T; t++) {
            size_t a = r * T + t;
            double v = p->w[a] - p->u[a] / c;
            if (dr != UINT32_MAX)
                v += p->w[(size_t)dr * T + t] - p->u[(size_t)dr * T + t] / c;
            acc[a] += v;
        }
    }
    for (size_t i = 0; i < LA__NER_TRANS_SIZE; i++)
        tacc[i] += p->tw[i] - p->tu[i] / c;
}

/* Quantizes to int16 with one scale for the whole model (the largest weight -> 32767).
 * A sum of several runs' weights quantizes exactly as their mean would. */
static void quantize(const double *acc, const double *tacc, size_t rows, final_model *fm)
{
    double top = 1e-9;
    for (size_t i = 0; i < rows * T; i++)
        top = fabs(acc[i]) > top ? fabs(acc[i]) : top;
    fm->scale = top / 32767.0;
    fm->q = xrealloc(fm->q, rows * T * sizeof *fm->q);
    for (size_t i = 0; i < rows * T; i++)
        fm->q[i] = (int16_t)lround(acc[i] / fm->scale);
    for (size_t i = 0; i < LA__NER_TRANS_SIZE; i++) {
        double t = tacc[i] / fm->scale;
        if (fabs(t) > LA__NER_TRANS_MAX)
            die("transition weight %g beyond the format's range", t);
        fm->trans[i] = (int32_t)lround(t);
    }
}

/* ---- evaluation ------------------------------------------------------------------------ */

typedef struct prf {
    size_t tp, fp, fn;
} prf;

/* Exact-match entity counts, as CoNLL's conlleval and the project scorer count them. */
static void count_entities(const uint8_t *gold, const uint8_t *pred, size_t n, prf *r)
{
    for (size_t i = 0; i < n; i++) {
        bool gs = LA__NER_TAG_IS_B(gold[i]), ps = LA__NER_TAG_IS_B(pred[i]);
        if (!gs && !ps)
            continue;
        size_t gj = i + 1, pj = i + 1;
        while (gs && gj < n && gold[gj] == LA__NER_TAG_I(LA__NER_TAG_CLASS(gold[i])))
            gj++;
        while (ps && pj < n && pred[pj] == LA__NER_TAG_I(LA__NER_TAG_CLASS(pred[i])))
            pj++;
        if (gs && ps && gj == pj && gold[i] == pred[i])
            r->tp++;
        else {
            r->fp += ps;
            r->fn += gs;
        }
    }
}

typedef struct scratch {
    int32_t *emit, *delta;
    uint8_t *back, *pred;
} scratch;

static void scratch_init(scratch *s, size_t max_len)
{
    s->emit = xrealloc(NULL, max_len * T * sizeof *s->emit);
    s->delta = xrealloc(NULL, max_len * T * sizeof *s->delta);
    s->back = xrealloc(NULL, max_len * T);
    s->pred = xrealloc(NULL, max_len);
}

static double f1_of(const prf *r, double *p, double *rc)
{
    *p = r->tp + r->fp ? 100.0 * r->tp / (r->tp + r->fp) : 0;
    *rc = r->tp + r->fn ? 100.0 * r->tp / (r->tp + r->fn) : 0;
    return *p + *rc > 0 ? 2 * *p * *rc / (*p + *rc) : 0;
}

static void evaluate(const final_model *fm, const corpus *c, const feats *fe, scratch *s,
                     const char *what)
{
    prf all = {0};
    for (size_t k = 0; k < c->n_sent; k++) {
        size_t a = c->sent_first[k], n = c->sent_first[k + 1] - a;
        for (size_t i = 0; i < n; i++) {
            int32_t *sc = s->emit + i * T;
            memset(sc, 0, T * sizeof *sc);
            for (size_t f = fe->first[a + i]; f < fe->first[a + i + 1]; f++)
                for (int t = 0; t < T; t++)
                    sc[t] += fm->q[(size_t)fe->rows[f] * T + t];
        }
        la__ner_viterbi(s->emit, n, fm->trans, s->delta, s->back, s->pred);
        count_entities(c->gold + a, s->pred, n, &all);
    }
    double p, r, f = f1_of(&all, &p, &r);
    fprintf(stderr, "  %s: P %.2f R %.2f F1 %.2f (tp %zu fp %zu fn %zu)\n", what, p, r, f,
            all.tp, all.fp, all.fn);
}

/* ---- writing ---------------------------------------------------------------------------- */

typedef struct keyed {
    uint32_t key, row;
    int32_t mag;
} keyed;

static int by_mag_desc(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    if (x->mag != y->mag)
        return x->mag < y->mag ? 1 : -1;
    return x->key < y->key ? -1 : x->key > y->key;
}

static int by_key(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    return x->key < y->key ? -1 : x->key > y->key;
}

/* Keeps features with a nonzero quantized weight, at most max_features of them (largest
 * total weight first), and writes the model file. */
static void write_model(const char *path, const final_model *fm, const row_map *map,
                        size_t max_features, const cluster_set *cl, const char *version)
{
    keyed *k = xrealloc(NULL, map->n * sizeof *k);
    size_t n = 0;
    for (size_t i = 0; i <= map->mask; i++) {
        if (!map->keys[i])
            continue;
        uint32_t r = map->rows[i];
        int32_t mag = 0;
        for (int t = 0; t < T; t++)
            mag += abs(fm->q[(size_t)r * T + t]);
        if (mag > 0)
            k[n++] = (keyed){map->keys[i], r, mag};
    }
    size_t nonzero = n;
    if (n > max_features) {
        qsort(k, n, sizeof *k, by_mag_desc);
        n = max_features;
    }
    qsort(k, n, sizeof *k, by_key);
    uint32_t *keys = xrealloc(NULL, n * sizeof *keys);
    int16_t *w = xrealloc(NULL, n * T * sizeof *w);
    for (size_t i = 0; i < n; i++) {
        keys[i] = k[i].key;
        memcpy(w + i * T, fm->q + (size_t)k[i].row * T, T * sizeof *w);
    }
    la__ner_model_spec spec = {version, fm->trans, keys, w, n, cl->keys, cl->bits, cl->n};
    void *buf;
    size_t len;
    la_error err = {0};
    if (la__ner_model_serialize(&spec, &buf, &len, &err) != LA_OK)
        die("serialize: %s", err.msg);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(buf, 1, len, f) != len || fclose(f) != 0)
        die("cannot write %s: %s", path, strerror(errno));
    fprintf(stderr, "wrote %s: %zu bytes, %zu features (of %zu nonzero, %zu seen), %zu cluster words\n",
            path, len, n, nonzero, map->n, cl->n);
    free(buf), free(keys), free(w), free(k);
}

/* ---- main ----------------------------------------------------------------------------- */

typedef struct options {
    const char *out, *dev, *version;
    int epochs;
    uint64_t seed;
    size_t max_features, cluster_words;
    char **train, **cluster_text;
    size_t n_train, n_cluster_text;
    unsigned target;                /* training file whose conventions the model follows */
    int runs;
} options;

static void parse_args(int argc, char **argv, options *o)
{
    *o = (options){.epochs = 12, .seed = 1, .version = "ner-1", .max_features = 650000,
                   .cluster_words = 40000, .runs = 1};
    o->train = xrealloc(NULL, (size_t)argc * sizeof *o->train);
    o->cluster_text = xrealloc(NULL, (size_t)argc * sizeof *o->cluster_text);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has = i + 1 < argc;
        if (!strcmp(a, "-o") && has)
            o->out = argv[++i];
        else if (!strcmp(a, "--epochs") && has)
            o->epochs = atoi(argv[++i]);
        else if (!strcmp(a, "--seed") && has)
            o->seed = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(a, "--version") && has)
            o->version = argv[++i];
        else if (!strcmp(a, "--dev") && has)
            o->dev = argv[++i];
        else if (!strcmp(a, "--max-features") && has)
            o->max_features = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(a, "--cluster-text") && has)
            o->cluster_text[o->n_cluster_text++] = argv[++i];
        else if (!strcmp(a, "--runs") && has)
            o->runs = atoi(argv[++i]);
        else if (!strcmp(a, "--target") && has)
            o->target = (unsigned)atoi(argv[++i]);
        else if (!strcmp(a, "--cluster-words") && has)
            o->cluster_words = strtoull(argv[++i], NULL, 10);
        else if (a[0] == '-')
            die("unknown option %s (see the comment at the top of tools/train_ner.c)", a);
        else
            o->train[o->n_train++] = argv[i];
    }
    if (!o->out || o->n_train == 0 || o->epochs < 1 || o->runs < 1)
        die("usage: train_ner -o OUT [--epochs N] [--seed S] [--version STR] [--dev FILE] "
            "[--max-features N] [--cluster-text FILE]... [--cluster-words N] TRAIN...");
}

static size_t longest(const corpus *c)
{
    size_t m = 1;
    for (size_t s = 0; s < c->n_sent; s++) {
        size_t len = c->sent_first[s + 1] - c->sent_first[s];
        m = len > m ? len : m;
    }
    return m;
}

/* One perceptron run over the training set in an order drawn from seed. */
static void run(const options *o, uint64_t seed, const corpus *tr, const feats *fe,
                perceptron *p, scratch *s)
{
    size_t *order = xrealloc(NULL, tr->n_sent * sizeof *order);
    uint64_t rng = seed;
    for (size_t i = 0; i < tr->n_sent; i++)
        order[i] = i;
    for (int e = 1; e <= o->epochs; e++) {
        for (size_t i = tr->n_sent; i > 1; i--) { /* Fisher-Yates with the fixed seed */
            size_t j = splitmix(&rng) % i, t = order[i - 1];
            order[i - 1] = order[j], order[j] = t;
        }
        size_t errors = 0;
        for (size_t k = 0; k < tr->n_sent; k++) {
            size_t a = tr->sent_first[order[k]], n = tr->sent_first[order[k] + 1] - a;
            score(p->w, fe, a, n, s->emit);
            la__ner_viterbi(s->emit, n, p->tw, s->delta, s->back, s->pred);
            if (memcmp(s->pred, tr->gold + a, n) != 0) {
                update(p, fe, a, n, tr->gold + a, s->pred);
                errors++;
            }
            p->c++;
        }
        fprintf(stderr, "epoch %d: %zu of %zu sentences wrong\n", e, errors, tr->n_sent);
    }
    free(order);
}

/* --runs independent perceptrons (seeds seed, seed+1, ...) whose averaged weights are
 * averaged again: cheap bagging that smooths the order effects of online learning. */
static void train(const options *o, const corpus *tr, const feats *fe, row_map *map,
                  const corpus *dev, const feats *dfe, final_model *fm)
{
    size_t rows = map->n;
    double *acc = calloc(rows * T, sizeof *acc);
    double tacc[LA__NER_TRANS_SIZE] = {0};
    perceptron p = {.rows = rows};
    p.w = malloc(rows * T * sizeof *p.w);
    p.u = malloc(rows * T * sizeof *p.u);
    if (!acc || !p.w || !p.u)
        die("out of memory");
    size_t max_len = longest(tr) > (dev ? longest(dev) : 0) ? longest(tr) : longest(dev);
    scratch s;
    scratch_init(&s, max_len);
    for (int r = 0; r < o->runs; r++) {
        memset(p.w, 0, rows * T * sizeof *p.w);
        memset(p.u, 0, rows * T * sizeof *p.u);
        memset(p.tw, 0, sizeof p.tw);
        memset(p.tu, 0, sizeof p.tu);
        p.c = 1;
        run(o, o->seed + (uint64_t)r, tr, fe, &p, &s);
        fold_into(&p, map, o->target, acc, tacc);
        if (dev) {
            quantize(acc, tacc, rows, fm);
            char what[32];
            snprintf(what, sizeof what, "dev, %d run%s", r + 1, r ? "s" : "");
            evaluate(fm, dev, dfe, &s, what);
        }
    }
    quantize(acc, tacc, rows, fm);
    free(acc), free(p.w), free(p.u);
    free(s.emit), free(s.delta), free(s.back), free(s.pred);
}

int main(int argc, char **argv)
{
    options o;
    parse_args(argc, argv, &o);
    clock_t t0 = clock();
    la_error err = {0};
    if (la__lexicon_load(&lexicon, NULL, &err))
        die("lexicons: %s", err.msg);
    cluster_set cl = {0};
    if (o.n_cluster_text)
        learn_clusters(o.cluster_text, o.n_cluster_text, o.cluster_words, &cl);
    /* Cluster map as the tagger will see it (bits + 1, 0 = unknown). */
    size_t cslots = 16;
    while (cslots < cl.n + cl.n / 2 + 1)
        cslots <<= 1;
    uint32_t *ckeys = calloc(cslots, sizeof *ckeys), *cvals = calloc(cslots, sizeof *cvals);
    for (size_t i = 0; i < cl.n; i++) {
        size_t s = la__ner_map_slot(cl.keys[i]) & (cslots - 1);
        while (ckeys[s])
            s = (s + 1) & (cslots - 1);
        ckeys[s] = cl.keys[i], cvals[s] = cl.bits[i] + 1u;
    }
    la__ner_resources res = {{cl.n ? ckeys : NULL, cvals, (uint32_t)(cslots - 1)}};

    corpus tr = {0}, dev = {0};
    for (size_t i = 0; i < o.n_train; i++) {
        tr.domain = (uint8_t)i;
        read_conll(&tr, o.train[i]);
    }
    row_map map;
    row_map_init(&map, 1 << 22);
    feats fe = {0}, dfe = {0};
    extract(&tr, &res, &map, true, &fe);
    fprintf(stderr, "train: %zu sentences, %zu tokens, %zu features, %zu occurrences\n",
            tr.n_sent, tr.n_tok, map.n, fe.n);
    if (o.dev) {
        read_conll(&dev, o.dev);
        extract(&dev, &res, &map, false, &dfe);
    }
    final_model fm = {0};
    train(&o, &tr, &fe, &map, o.dev ? &dev : NULL, &dfe, &fm);
    write_model(o.out, &fm, &map, o.max_features, &cl, o.version);
    fprintf(stderr, "done in %.1f s\n", (double)(clock() - t0) / CLOCKS_PER_SEC);
    return 0;
}
