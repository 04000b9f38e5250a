/* Trains the claims model (claims/model.h) from attribution spans over raw articles.
 *
 *   train_claims SPANS.tsv OUT.bin [--epochs N] [--orders N] [--seed N] [--min-count N] [--prune N] [--version TEXT]
 *
 * SPANS.tsv comes from tools/polnear_spans.py (tools/train-claims.sh runs both). Every
 * article is analysed by the library itself (segmentation, structure, entities), so the
 * taggers learn from exactly the tokens, sentences and entities they will see. The cue
 * tagger learns from every sentence of every paragraph the claims stage reads; the role
 * tagger from the window (features.h) of every annotated cue.
 *
 * --prune N drops the features whose largest weight, on the model's int16 scale (the
 * largest weight is 32000), is below N.
 *
 * Averaged perceptron with first-order transitions; the instance order is shuffled by a
 * fixed-seed generator, so the same data gives a byte-identical model. --seed N adds N to
 * that seed: the spread of scores over a few seeds is how much a retrained model varies
 * by the order it saw the data in alone. --orders N trains N times on successive orders
 * and keeps the mean weights (default 1; docs/claims.md has what 3 and 5 measured). */
#include "claims/features.h"
#include "claims/model.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- growable arrays ------------------------------------------------------------------ */

static void oom(void)
{
    fprintf(stderr, "train_claims: out of memory\n");
    exit(1);
}

#define PUSH(arr, n, cap, item)                                                             \
    do {                                                                                    \
        if (LA__PUSH(arr, n, cap, item))                                                    \
            oom();                                                                          \
    } while (0)

/* One sequence: positions [first, first+n) of the tagger's position arrays. */
typedef struct seq { size_t first, n; } seq;

/* The training data of one tagger: per position, its features and gold label. */
typedef struct data {
    la__cl_which which;
    size_t labels;
    uint32_t *feats; size_t n_feats, cap_feats;
    size_t *feat_at; size_t n_pos, cap_pos;   /* feats of position p: [feat_at[p], feat_at[p+1]) */
    uint8_t *gold; size_t n_gold, cap_gold;
    seq *seqs; size_t n_seqs, cap_seqs;
} data;

static void add_position(data *d, const uint32_t *f, size_t n, uint8_t label)
{
    PUSH(d->feat_at, d->n_pos, d->cap_pos, d->n_feats);
    for (size_t k = 0; k < n; k++)
        PUSH(d->feats, d->n_feats, d->cap_feats, f[k]);
    PUSH(d->gold, d->n_gold, d->cap_gold, label);
}

static void end_data(data *d)
{
    PUSH(d->feat_at, d->n_pos, d->cap_pos, d->n_feats);
    d->n_pos--; /* the sentinel is not a position */
}

/* ---- reading the spans and articles -------------------------------------------------- */

typedef struct gold_claim { long cue[2], content[2], source[2]; } gold_claim;

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0;
    *len = 0;
    for (;;) {
        if (*len == cap && la__grow((void **)&buf, &cap, *len + (1u << 16), 1))
            break;
        size_t got = fread(buf + *len, 1, cap - *len, f);
        *len += got;
        if (got == 0)
            break;
    }
    fclose(f);
    return buf;
}

/* Tokens [*a, *b) covering bytes [s, e); false when none. */
static bool token_range(const la_doc *doc, long s, long e, size_t *a, size_t *b)
{
    if (s < 0 || e <= s)
        return false;
    size_t lo = 0, hi = doc->n_tokens;
    while (lo < hi) { /* first token ending after s */
        size_t mid = (lo + hi) / 2;
        if ((long)doc->tokens[mid].end <= s)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t i = lo;
    while (i < doc->n_tokens && (long)doc->tokens[i].start < e)
        i++;
    *a = lo;
    *b = i;
    return i > lo;
}

static void label_span(uint8_t *labels, size_t a, size_t b, uint8_t begin)
{
    for (size_t i = a; i < b; i++)
        labels[i] = i == a ? begin : (uint8_t)(begin + 1);
}

/* Adds one article's sequences to both taggers' data. */
static void add_article(la__cl_ctx *c, const gold_claim *gc, size_t n_gc, data *cue, data *role,
                        size_t *n_used, size_t *n_lost)
{
    la_doc *doc = c->doc;
    uint8_t *cue_label = calloc(doc->n_tokens + 1, 1), *role_label = calloc(doc->n_tokens + 1, 1);
    bool *read = calloc(doc->n_tokens + 1, sizeof *read);
    size_t *para_a = calloc(doc->n_tokens + 1, sizeof *para_a), *para_b = calloc(doc->n_tokens + 1, sizeof *para_b);
    if (!cue_label || !role_label || !read || !para_a || !para_b)
        oom();
    for (size_t bi = 0; bi < doc->n_blocks; bi++) {
        size_t a, b;
        if (!la__cl_block_tokens(c, bi, &a, &b))
            continue;
        for (size_t i = a; i < b; i++) {
            read[i] = true;
            para_a[i] = a;
            para_b[i] = b;
        }
    }
    la__cl_feats feats;
    uint32_t f[LA__CL_MAX_FEATURES];
    /* role sequences, one per annotated cue in a paragraph the stage reads */
    for (size_t k = 0; k < n_gc; k++) {
        size_t ca, cb, xa, xb, sa, sb;
        if (!token_range(doc, gc[k].cue[0], gc[k].cue[1], &ca, &cb) || !read[ca] ||
            !token_range(doc, gc[k].content[0], gc[k].content[1], &xa, &xb)) {
            (*n_lost)++;
            continue;
        }
        (*n_used)++;
        label_span(cue_label, ca, cb, LA__CL_CUE_B);
        la__cl_cue cue1;
        la__cl_cue_init(c, &cue1, ca, cb);
        size_t wa, wb;
        la__cl_role_window(c, para_a[ca], para_b[ca], &cue1, &wa, &wb);
        memset(role_label + wa, 0, wb - wa);
        label_span(role_label, xa, xb, LA__CL_CON_B);
        if (token_range(doc, gc[k].source[0], gc[k].source[1], &sa, &sb))
            label_span(role_label, sa, sb, LA__CL_SRC_B);
        for (size_t i = ca; i < cb; i++)
            role_label[i] = LA__CL_ROLE_O;
        /* content split by the cue or source, or cut by the window: each part starts with B */
        for (size_t i = wa; i < wb; i++)
            if (role_label[i] == LA__CL_CON_I && (i == wa || (role_label[i - 1] != LA__CL_CON_B &&
                                                              role_label[i - 1] != LA__CL_CON_I)))
                role_label[i] = LA__CL_CON_B;
        seq s = {role->n_pos, wb - wa};
        for (size_t j = wa; j < wb; j++) {
            la__cl_role_features(c, &cue1, j, &feats);
            add_position(role, f, la__cl_all_keys(LA__CL_ROLE, &feats, f), role_label[j]);
        }
        PUSH(role->seqs, role->n_seqs, role->cap_seqs, s);
    }
    /* cue sequences: every sentence the stage reads */
    for (size_t si = 0; si < doc->n_sentences; si++) {
        const la__sentence *se = &doc->sentences[si];
        size_t a = se->first_token, b = a + se->token_count;
        if (b <= a || !read[a])
            continue;
        seq s = {cue->n_pos, b - a};
        for (size_t i = a; i < b; i++) {
            uint8_t l = cue_label[i];
            if (l == LA__CL_CUE_I && (i == a || cue_label[i - 1] == LA__CL_CUE_O))
                l = LA__CL_CUE_B;
            la__cl_cue_features(c, a, b, i, &feats);
            add_position(cue, f, la__cl_all_keys(LA__CL_CUE, &feats, f), l);
        }
        PUSH(cue->seqs, cue->n_seqs, cue->cap_seqs, s);
    }
    free(cue_label);
    free(role_label);
    free(read);
    free(para_a);
    free(para_b);
}

static void flush_doc(const la_pipeline *p, const char *path, gold_claim *gc, size_t n_gc, data *cue,
                      data *role, size_t *n_used, size_t *n_lost)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text) {
        fprintf(stderr, "train_claims: cannot read %s: %s\n", path, strerror(errno));
        exit(1);
    }
    la_analyze_options ao = LA_ANALYZE_OPTIONS_INIT;
    ao.format = LA_FORMAT_TEXT;
    la_doc *doc;
    la_error err = {0};
    if (la_analyze(&doc, p, text, len, &ao, &err)) {
        fprintf(stderr, "train_claims: %s: %s\n", path, err.msg);
        exit(1);
    }
    free(text);
    if (doc->repairs) { /* byte offsets would not match the annotation */
        *n_lost += n_gc;
        la_doc_free(doc);
        return;
    }
    la__cl_ctx c;
    if (la__cl_ctx_init(&c, doc))
        oom();
    add_article(&c, gc, n_gc, cue, role, n_used, n_lost);
    la__cl_ctx_free(&c);
    la_doc_free(doc);
}

static void read_spans(const char *path, data *cue, data *role)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "train_claims: cannot open %s: %s\n", path, strerror(errno));
        exit(1);
    }
    la_pipeline_options po = LA_PIPELINE_OPTIONS_INIT;
    po.stages = LA_STAGE_ENTITIES;
    la_pipeline *p;
    la_error err = {0};
    if (la_pipeline_new(&p, &po, &err)) {
        fprintf(stderr, "train_claims: %s\n", err.msg);
        exit(1);
    }
    char line[4096], doc_path[4096] = "";
    gold_claim *gc = NULL;
    size_t n_gc = 0, cap_gc = 0, n_docs = 0, n_used = 0, n_lost = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        gold_claim g;
        if (strncmp(line, "doc\t", 4) == 0) {
            if (*doc_path)
                flush_doc(p, doc_path, gc, n_gc, cue, role, &n_used, &n_lost);
            snprintf(doc_path, sizeof doc_path, "%.4000s", line + 4);
            n_gc = 0;
            n_docs++;
        } else if (sscanf(line, "claim\t%ld %ld\t%ld %ld\t%ld %ld", &g.cue[0], &g.cue[1], &g.content[0],
                          &g.content[1], &g.source[0], &g.source[1]) == 6) {
            PUSH(gc, n_gc, cap_gc, g);
        }
    }
    if (*doc_path)
        flush_doc(p, doc_path, gc, n_gc, cue, role, &n_used, &n_lost);
    fclose(f);
    free(gc);
    la_pipeline_free(p);
    end_data(cue);
    end_data(role);
    fprintf(stderr, "train_claims: %zu articles, %zu claims used, %zu outside read paragraphs or unmappable\n",
            n_docs, n_used, n_lost);
    fprintf(stderr, "train_claims: cue tagger %zu sentences / %zu tokens; role tagger %zu cues / %zu tokens\n",
            cue->n_seqs, cue->n_pos, role->n_seqs, role->n_pos);
}

/* ---- the averaged perceptron ---------------------------------------------------------- */

/* Weights of one tagger: feature key -> row of `labels` weights. Averaging by the usual
 * trick: w is the current weight, u accumulates step * update, the average is w - u/step. */
typedef struct weights {
    size_t labels;
    uint32_t *keys; uint32_t *row; uint32_t mask; /* open addressing: key -> row + 1 */
    uint32_t *count;                              /* per slot: occurrences in the data */
    float *w; double *u; size_t rows;
    float tw[LA__CL_ROLE_LABELS * LA__CL_ROLE_LABELS];
    double tu[LA__CL_ROLE_LABELS * LA__CL_ROLE_LABELS];
} weights;

static uint32_t slot_of(uint32_t key) { return key * 0x9e3779b1u; }

static size_t find_slot(const weights *m, uint32_t key)
{
    size_t s = slot_of(key) & m->mask;
    while (m->keys[s] && m->keys[s] != key)
        s = (s + 1) & m->mask;
    return s;
}

/* Counts feature occurrences and gives a row to every feature seen min_count times. */
static void build_weights(weights *m, const data *d, uint32_t min_count)
{
    memset(m, 0, sizeof *m);
    m->labels = d->labels;
    size_t slots = 1024;
    while (slots < 2 * d->n_feats + 1 && slots < ((size_t)1 << 28))
        slots <<= 1;
    m->mask = (uint32_t)(slots - 1);
    m->keys = calloc(slots, sizeof *m->keys);
    m->row = calloc(slots, sizeof *m->row);
    m->count = calloc(slots, sizeof *m->count);
    if (!m->keys || !m->row || !m->count)
        oom();
    for (size_t k = 0; k < d->n_feats; k++) {
        size_t s = find_slot(m, d->feats[k]);
        m->keys[s] = d->feats[k];
        m->count[s]++;
    }
    for (size_t s = 0; s < slots; s++)
        if (m->keys[s] && m->count[s] >= min_count)
            m->row[s] = (uint32_t)++m->rows;
    m->w = calloc(m->rows * m->labels, sizeof *m->w);
    m->u = calloc(m->rows * m->labels, sizeof *m->u);
    if (!m->w || !m->u)
        oom();
}

static long row_of(const weights *m, uint32_t key)
{
    size_t s = find_slot(m, key);
    return m->keys[s] && m->row[s] ? (long)m->row[s] - 1 : -1;
}

static void emissions(const weights *m, const data *d, const seq *s, float *emit)
{
    for (size_t i = 0; i < s->n; i++) {
        float *e = &emit[i * m->labels];
        memset(e, 0, m->labels * sizeof *e);
        size_t p = s->first + i;
        for (size_t k = d->feat_at[p]; k < d->feat_at[p + 1]; k++) {
            long r = row_of(m, d->feats[k]);
            if (r >= 0)
                for (size_t l = 0; l < m->labels; l++)
                    e[l] += m->w[r * m->labels + l];
        }
    }
}

static void update(weights *m, const data *d, const seq *s, const uint8_t *pred, double step)
{
    size_t L = m->labels;
    for (size_t i = 0; i < s->n; i++) {
        size_t p = s->first + i;
        uint8_t g = d->gold[p], q = pred[i];
        if (g != q)
            for (size_t k = d->feat_at[p]; k < d->feat_at[p + 1]; k++) {
                long r = row_of(m, d->feats[k]);
                if (r < 0)
                    continue;
                m->w[r * L + g] += 1;
                m->u[r * L + g] += step;
                m->w[r * L + q] -= 1;
                m->u[r * L + q] -= step;
            }
        if (i > 0) {
            uint8_t gp = d->gold[p - 1], qp = pred[i - 1];
            if (gp != qp || g != q) {
                m->tw[gp * L + g] += 1;
                m->tu[gp * L + g] += step;
                m->tw[qp * L + q] -= 1;
                m->tu[qp * L + q] -= step;
            }
        }
    }
}

static uint64_t rng_state = 88172645463325252ull;
static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void train_once(weights *m, const data *d, int epochs)
{
    size_t L = m->labels, longest = 1;
    for (size_t k = 0; k < d->n_seqs; k++)
        if (d->seqs[k].n > longest)
            longest = d->seqs[k].n;
    float *emit = malloc(longest * L * sizeof *emit);
    uint8_t *work = malloc(longest * L), *pred = malloc(longest);
    size_t *order = malloc(d->n_seqs * sizeof *order);
    if (!emit || !work || !pred || !order)
        oom();
    for (size_t k = 0; k < d->n_seqs; k++)
        order[k] = k;
    double step = 1;
    for (int ep = 0; ep < epochs; ep++) {
        for (size_t k = d->n_seqs; k > 1; k--) {
            size_t j = rng() % k, t = order[k - 1];
            order[k - 1] = order[j];
            order[j] = t;
        }
        size_t wrong = 0, total = 0;
        for (size_t k = 0; k < d->n_seqs; k++, step++) {
            const seq *s = &d->seqs[order[k]];
            emissions(m, d, s, emit);
            la__cl_viterbi(s->n, L, emit, m->tw, work, pred);
            for (size_t i = 0; i < s->n; i++)
                wrong += pred[i] != d->gold[s->first + i];
            total += s->n;
            update(m, d, s, pred, step);
        }
        fprintf(stderr, "train_claims: %s epoch %d: %.2f%% positions wrong\n",
                d->which == LA__CL_CUE ? "cue" : "role", ep + 1, 100.0 * wrong / (total ? total : 1));
    }
    /* average */
    for (size_t r = 0; r < m->rows * L; r++)
        m->w[r] = (float)(m->w[r] - m->u[r] / step);
    for (size_t t = 0; t < L * L; t++)
        m->tw[t] = (float)(m->tw[t] - m->tu[t] / step);
    free(emit);
    free(work);
    free(pred);
    free(order);
}

/* Trains `orders` times from zero, each over its own shuffles, and keeps the mean of the
 * averaged weights, before quantising and pruning. */
static void train(weights *m, const data *d, int epochs, int orders)
{
    size_t L = m->labels, n = m->rows * L;
    float *sum = calloc(n ? n : 1, sizeof *sum), tsum[LA__CL_ROLE_LABELS * LA__CL_ROLE_LABELS] = {0};
    if (!sum)
        oom();
    for (int o = 0; o < orders; o++) {
        memset(m->w, 0, n * sizeof *m->w);
        memset(m->u, 0, n * sizeof *m->u);
        memset(m->tw, 0, sizeof m->tw);
        memset(m->tu, 0, sizeof m->tu);
        train_once(m, d, epochs);
        for (size_t r = 0; r < n; r++)
            sum[r] += m->w[r];
        for (size_t t = 0; t < L * L; t++)
            tsum[t] += m->tw[t];
    }
    for (size_t r = 0; r < n; r++)
        m->w[r] = sum[r] / (float)orders;
    for (size_t t = 0; t < L * L; t++)
        m->tw[t] = tsum[t] / (float)orders;
    free(sum);
}

/* Quantises to int16 rows and int32 transitions, dropping the rows whose largest weight
 * is below prune: small weights hardly ever change a label, and a smaller table stays
 * in the cache. */
static void quantise(const weights *m, double scale, long prune, uint32_t **keys, int16_t **w, size_t *n,
                     int32_t *trans)
{
    size_t L = m->labels;
    *keys = malloc((m->rows + 1) * sizeof **keys);
    *w = malloc((m->rows + 1) * L * sizeof **w);
    if (!*keys || !*w)
        oom();
    *n = 0;
    for (size_t s = 0; s <= m->mask; s++) {
        if (!m->keys[s] || !m->row[s])
            continue;
        size_t r = m->row[s] - 1;
        long top = 0;
        for (size_t l = 0; l < L; l++) {
            long q = lround(m->w[r * L + l] * scale);
            (*w)[*n * L + l] = (int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q);
            top = labs(q) > top ? labs(q) : top;
        }
        if (top > 0 && top >= prune)
            (*keys)[(*n)++] = m->keys[s];
    }
    for (size_t t = 0; t < L * L; t++) {
        double q = m->tw[t] * scale;
        trans[t] = (int32_t)(q > LA__CL_TRANS_MAX ? LA__CL_TRANS_MAX : q < -LA__CL_TRANS_MAX ? -LA__CL_TRANS_MAX : q);
    }
}

static double max_abs(const weights *m)
{
    double top = 1e-9;
    for (size_t r = 0; r < m->rows * m->labels; r++)
        top = fmax(top, fabs(m->w[r]));
    return top;
}

int main(int argc, char **argv)
{
    int epochs = 10, orders = 1;
    uint32_t min_count = 2;
    long prune = 0;
    const char *version = "claims-3 polnear-train", *spans = NULL, *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--epochs") == 0 && i + 1 < argc)
            epochs = atoi(argv[++i]);
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            rng_state += strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--orders") == 0 && i + 1 < argc)
            orders = atoi(argv[++i]);
        else if (strcmp(argv[i], "--prune") == 0 && i + 1 < argc)
            prune = atol(argv[++i]);
        else if (strcmp(argv[i], "--min-count") == 0 && i + 1 < argc)
            min_count = (uint32_t)atoi(argv[++i]);
        else if (strcmp(argv[i], "--version") == 0 && i + 1 < argc)
            version = argv[++i];
        else if (!spans)
            spans = argv[i];
        else if (!out)
            out = argv[i];
        else
            spans = NULL;
    }
    if (!spans || !out || orders < 1) {
        fprintf(stderr, "usage: train_claims SPANS.tsv OUT.bin [--epochs N] [--orders N] [--seed N] [--min-count N] [--prune N] [--version TEXT]\n");
        return 2;
    }
    if (rng_state == 0) /* xorshift stays at zero */
        rng_state = 1;
    data cue = {.which = LA__CL_CUE, .labels = LA__CL_CUE_LABELS};
    data role = {.which = LA__CL_ROLE, .labels = LA__CL_ROLE_LABELS};
    read_spans(spans, &cue, &role);
    weights wc, wr;
    build_weights(&wc, &cue, min_count);
    build_weights(&wr, &role, min_count);
    train(&wc, &cue, epochs, orders);
    train(&wr, &role, epochs, orders);
    /* one scale for both taggers' weights and transitions keeps each tagger's argmax */
    double top = fmax(max_abs(&wc), max_abs(&wr));
    double scale = 32000.0 / top;
    la__cl_model_spec spec = {.version = version};
    int32_t tc[LA__CL_CUE_LABELS * LA__CL_CUE_LABELS], tr[LA__CL_ROLE_LABELS * LA__CL_ROLE_LABELS];
    uint32_t *kc, *kr;
    int16_t *qc, *qr;
    quantise(&wc, scale, prune, &kc, &qc, &spec.n[0], tc);
    quantise(&wr, scale, prune, &kr, &qr, &spec.n[1], tr);
    spec.trans[0] = tc;
    spec.trans[1] = tr;
    spec.keys[0] = kc;
    spec.keys[1] = kr;
    spec.weights[0] = qc;
    spec.weights[1] = qr;
    void *buf;
    size_t len;
    la_error err = {0};
    if (la__cl_model_serialize(&spec, &buf, &len, &err)) {
        fprintf(stderr, "train_claims: %s\n", err.msg);
        return 1;
    }
    FILE *f = fopen(out, "wb");
    if (!f || fwrite(buf, 1, len, f) != len || fclose(f) != 0) {
        fprintf(stderr, "train_claims: cannot write %s\n", out);
        return 1;
    }
    fprintf(stderr, "train_claims: wrote %s: %zu cue and %zu role features, %zu bytes\n", out, spec.n[0],
            spec.n[1], len);
    free(buf);
    return 0;
}
