/* Feature templates of the cue and role taggers; see features.h. */
#include "claims/features.h"
#include "claims/rules.h"

#include <string.h>


/* Sentinel "words" before the first and after the last token of a sentence. */
#define BOS 0x9e3779b9u
#define EOS 0x7f4a7c15u

/* Mixes a template number and up to three values into a nonzero key: one multiply per
 * value, as this runs some sixty times per token. */
static uint32_t key(uint32_t tmpl, uint32_t a, uint32_t b, uint32_t c)
{
    uint32_t h = (tmpl + 1) * 0x9e3779b1u;
    h = (h ^ a) * 0x85ebca6bu;
    h = (h ^ b) * 0xc2b2ae35u;
    h = (h ^ c) * 0x27d4eb2fu;
    h ^= h >> 15;
    return h ? h : 1;
}

static uint32_t word_at(const la__cl_ctx *c, size_t a, size_t b, ptrdiff_t i)
{
    if (i < (ptrdiff_t)a)
        return BOS;
    if (i >= (ptrdiff_t)b)
        return EOS;
    return c->word[i];
}

static uint32_t lemma_hash(const la__cue_entry *e) { return e ? e->lemma_hash : 0; }

static uint32_t bucket(size_t d)
{
    return d <= 3 ? (uint32_t)d : d <= 5 ? 4 : d <= 8 ? 5 : d <= 15 ? 6 : d <= 30 ? 7 : 8;
}

static uint32_t small(uint32_t n) { return n < 3 ? n : 3; }

/* ---- dense groups (features.h) ------------------------------------------------------- */

/* A dense group: how many values each of its values can take, in the order they are
 * coded (the first most significant). */
typedef struct group {
    size_t n;
    uint32_t radix[4];
} group;

enum { CUE_SHAPES, CUE_LEXICON, CUE_PLACE };
enum { ROLE_PLACE, ROLE_SHAPE, ROLE_QUOTE, ROLE_ENTITY };

/* c->ent: an entity label + 1, or 0 */
#define ENTS (LA__LABEL_COUNT + 1)
/* The value the templates give a neighbour beyond the sentence; coded as the radix's last. */
#define BEYOND 99

static const group GROUPS[2][LA__CL_MAX_GROUPS] = {
    [LA__CL_CUE] = {
        [CUE_SHAPES] = {3, {LA__SHAPES + 1, LA__SHAPES, LA__SHAPES + 1}}, /* shapes before, at, after */
        [CUE_LEXICON] = {3, {12, 2, ENTS + 1}}, /* cue ratio, in a quote, entity before */
        [CUE_PLACE] = {4, {ENTS, 4, 4, 3}},     /* entity, tokens before and after, rule */
    },
    [LA__CL_ROLE] = {
        [ROLE_PLACE] = {4, {3, 9, 4, 5}},          /* dir, distance, sentence, rule */
        [ROLE_SHAPE] = {4, {3, LA__SHAPES, 4, 5}}, /* dir, shape, sentence edge, rule */
        [ROLE_QUOTE] = {4, {3, 4, 4, 16}},         /* dir, quote, sentence, commas and quotes */
        [ROLE_ENTITY] = {4, {3, ENTS, 3, 4}},      /* dir, entity, quote mark, quotes between */
    },
};

/* The index of values v in a group. A value out of its range would index past the
 * model's table, so it is held to the range (none is, by construction). */
static uint32_t encode(la__cl_which which, size_t g, const uint32_t *v)
{
    const group *gr = &GROUPS[which][g];
    uint32_t index = 0;
    for (size_t k = 0; k < gr->n; k++)
        index = index * gr->radix[k] + (v[k] < gr->radix[k] ? v[k] : gr->radix[k] - 1);
    return index;
}

static void decode(la__cl_which which, size_t g, uint32_t index, uint32_t *v)
{
    const group *gr = &GROUPS[which][g];
    for (size_t k = gr->n; k-- > 0; index /= gr->radix[k])
        v[k] = index % gr->radix[k];
}

/* A coded neighbour value back to the templates' own (BEYOND for the radix's last). */
static uint32_t beyond(uint32_t v, uint32_t radix) { return v == radix - 1 ? BEYOND : v; }

uint32_t la__cl_dense_size(la__cl_which which, size_t g)
{
    const group *gr = &GROUPS[which][g];
    uint32_t size = 1;
    for (size_t k = 0; k < gr->n; k++)
        size *= gr->radix[k];
    return size;
}

static size_t cue_dense_keys(size_t g, const uint32_t *v, uint32_t *out)
{
    size_t n = 0;
    if (g == CUE_SHAPES) {
        out[n++] = key(1, 0, 0, 0);
        out[n++] = key(11, v[1], 0, 0);
        out[n++] = key(12, beyond(v[0], LA__SHAPES + 1), v[1], beyond(v[2], LA__SHAPES + 1));
    } else if (g == CUE_LEXICON) {
        out[n++] = key(15, v[0], 0, 0);
        out[n++] = key(17, v[1], v[0], 0);
        out[n++] = key(19, beyond(v[2], ENTS + 1), v[0], 0);
    } else {
        out[n++] = key(20, v[0], 0, 0);
        out[n++] = key(21, v[1], v[2], 0);
        out[n++] = key(27, v[3], 0, 0);
    }
    return n;
}

static size_t role_dense_keys(size_t g, const uint32_t *v, uint32_t *out)
{
    size_t n = 0;
    uint32_t dir = v[0];
    if (g == ROLE_PLACE) {
        out[n++] = key(101, dir, 0, 0);
        out[n++] = key(103, dir, v[1], v[2]);
        out[n++] = key(129, dir, v[3], 0);
        out[n++] = key(130, dir, v[3], v[1]);
    } else if (g == ROLE_SHAPE) {
        out[n++] = key(110, dir, v[1], 0);
        out[n++] = key(123, dir, v[2], v[1]);
        out[n++] = key(131, v[3], v[1], 0);
    } else if (g == ROLE_QUOTE) {
        out[n++] = key(114, dir, v[1], v[2]);
        out[n++] = key(118, dir, v[3], 0);
        out[n++] = key(127, dir, v[2], v[3]);
    } else {
        out[n++] = key(112, dir, v[1], 0);
        out[n++] = key(124, dir, v[2], v[3]);
    }
    return n;
}

size_t la__cl_dense_keys(la__cl_which which, size_t g, uint32_t index, uint32_t *out)
{
    uint32_t v[4];
    decode(which, g, index, v);
    return which == LA__CL_CUE ? cue_dense_keys(g, v, out) : role_dense_keys(g, v, out);
}

size_t la__cl_all_keys(la__cl_which which, const la__cl_feats *f, uint32_t *out)
{
    size_t n = f->n;
    memcpy(out, f->key, n * sizeof *out);
    for (size_t g = 0; g < la__cl_groups(which); g++)
        n += la__cl_dense_keys(which, g, f->dense[g], out + n);
    return n;
}

/* ---- the taggers' features ------------------------------------------------------------ */

uint32_t la__cl_word_feature(uint32_t word) { return key(2, word, 0, 0); }

void la__cl_cue_features(const la__cl_ctx *c, size_t a, size_t b, size_t i, la__cl_feats *f)
{
    size_t n = 0;
    uint32_t *out = f->key;
    ptrdiff_t k = (ptrdiff_t)i;
    uint32_t w = c->word[i], p1 = word_at(c, a, b, k - 1), p2 = word_at(c, a, b, k - 2);
    uint32_t n1 = word_at(c, a, b, k + 1), n2 = word_at(c, a, b, k + 2);
    uint32_t shp = i > a ? c->shape[i - 1] : BEYOND;
    const la__cue_entry *e = c->cue[i];
    uint32_t lemma = lemma_hash(e);
    uint32_t cls = e ? e->cls_hash : 0;
    uint32_t ratio = e ? 1 + (uint32_t)(10u * e->cue / (e->total ? e->total : 1)) : 0;
    uint32_t inq = c->qregion[i] >= 0;
    uint32_t entp = i > a ? c->ent[i - 1] : BEYOND;
    out[n++] = la__cl_word_feature(w);
    out[n++] = key(3, p1, 0, 0);
    out[n++] = key(4, n1, 0, 0);
    out[n++] = key(5, p2, 0, 0);
    out[n++] = key(6, n2, 0, 0);
    out[n++] = key(7, p1, w, 0);
    out[n++] = key(8, w, n1, 0);
    out[n++] = key(9, p1, w, n1);
    out[n++] = key(13, lemma, 0, 0);
    out[n++] = key(14, cls, 0, 0);
    out[n++] = key(16, inq, w, 0);
    out[n++] = key(18, entp, w, 0);
    out[n++] = key(22, lemma, n1, 0);
    out[n++] = key(23, lemma, shp, 0);
    /* the rules' proposal: 1 on its first cue token, 2 on the others */
    int32_t r = c->rule_at[i];
    uint32_t rule = r < 0 ? 0 : c->rules[r].cue_a == i ? 1 : 2;
    out[n++] = key(28, rule, w, 0);
    f->n = n;
    /* templates 1, 11, 12; 15, 17, 19; 20, 21, 27 */
    uint32_t shapes[3] = {i > a ? shp : LA__SHAPES, c->shape[i], i + 1 < b ? c->shape[i + 1] : LA__SHAPES};
    uint32_t lexicon[3] = {ratio, inq, i > a ? entp : ENTS};
    uint32_t place[4] = {c->ent[i], small((uint32_t)(i - a)), small((uint32_t)(b - 1 - i)), rule};
    f->dense[CUE_SHAPES] = encode(LA__CL_CUE, CUE_SHAPES, shapes);
    f->dense[CUE_LEXICON] = encode(LA__CL_CUE, CUE_LEXICON, lexicon);
    f->dense[CUE_PLACE] = encode(LA__CL_CUE, CUE_PLACE, place);
}

void la__cl_cue_init(const la__cl_ctx *c, la__cl_cue *cue, size_t a, size_t b)
{
    cue->a = a;
    cue->b = b;
    cue->entry = NULL;
    for (size_t i = a; i < b && !cue->entry; i++)
        cue->entry = c->cue[i];
    cue->lemma = cue->entry ? lemma_hash(cue->entry) : c->word[b - 1];
    cue->rule = -1;
    for (size_t i = a; i < b && cue->rule < 0; i++)
        cue->rule = c->rule_at[i];
}

/* Whether a quote is open across the boundary before token t. */
static bool quote_across(const la__cl_ctx *c, size_t t)
{
    return c->qregion[t] >= 0 && (size_t)c->qregion[t] < t;
}

/* Whether a statement can run back over the start of a cue's sentence at token t: a
 * quote is open across it or closes at it ('"A. B," he said', 'A." He said'). */
static bool runs_back(const la__cl_ctx *c, size_t t)
{
    return quote_across(c, t) || c->qopen[t - 1] == 2 || c->qopen[t] == 2;
}

/* Whether a statement can run on over the end of a cue's sentence, before token t: a
 * quote is open across it, the sentence ends in a colon, or the next opens a quote. */
static bool runs_on(const la__cl_ctx *c, size_t t)
{
    return quote_across(c, t) || c->shape[t - 1] == LA__SHAPE_COLON || c->qopen[t] == 1;
}

void la__cl_role_window(const la__cl_ctx *c, size_t pa, size_t pb, const la__cl_cue *cue,
                        size_t *wa, size_t *wb)
{
    const la_doc *d = c->doc;
    uint32_t s = d->tokens[cue->a].sentence, e = d->tokens[cue->b - 1].sentence;
    size_t a = d->sentences[s].first_token, b = d->sentences[e].first_token + d->sentences[e].token_count;
    if (s > 0 && a > 0 && runs_back(c, a))
        a = d->sentences[s - 1].first_token;
    if (e + 1 < d->n_sentences && b > 0 && b < d->n_tokens && runs_on(c, b))
        b = d->sentences[e + 1].first_token + d->sentences[e + 1].token_count;
    if (a < pa)
        a = pa;
    if (b > pb)
        b = pb;
    if (cue->a > a + LA__CL_WINDOW)
        a = cue->a - LA__CL_WINDOW;
    if (b > cue->b + LA__CL_WINDOW)
        b = cue->b + LA__CL_WINDOW;
    *wa = a;
    *wb = b;
}

void la__cl_role_features(const la__cl_ctx *c, const la__cl_cue *cue, size_t j, la__cl_feats *f)
{
    size_t n = 0;
    const la_doc *d = c->doc;
    uint32_t dir, dist, commas, quotes;
    if (j < cue->a) {
        dir = 0;
        dist = bucket(cue->a - j);
        commas = c->n_comma[cue->a] - c->n_comma[j + 1];
        quotes = c->n_quote[cue->a] - c->n_quote[j + 1];
    } else if (j < cue->b) {
        dir = 1;
        dist = commas = quotes = 0;
    } else {
        dir = 2;
        dist = bucket(j - cue->b + 1);
        commas = c->n_comma[j] - c->n_comma[cue->b];
        quotes = c->n_quote[j] - c->n_quote[cue->b];
    }
    int32_t soff = (int32_t)d->tokens[j].sentence - (int32_t)d->tokens[cue->a].sentence;
    uint32_t sent = (uint32_t)(soff < -1 ? -1 : soff > 2 ? 2 : soff) + 1;
    uint32_t w = c->word[j], lemma = cue->lemma, sh = c->shape[j];
    uint32_t p1 = j > 0 ? c->word[j - 1] : BOS, n1 = j + 1 < d->n_tokens ? c->word[j + 1] : EOS;
    uint32_t after = cue->b < d->n_tokens ? c->word[cue->b] : EOS;
    uint32_t before = cue->a > 0 ? c->word[cue->a - 1] : BOS;
    uint32_t inq = (c->qregion[j] >= 0) * 2 + (c->qregion[cue->a] >= 0);
    uint32_t cq = small(commas) * 4 + small(quotes);
    const la__sentence *se = &d->sentences[d->tokens[j].sentence];
    uint32_t edge = (j == se->first_token) + 2 * (j + 1 == se->first_token + se->token_count);
    uint32_t adjacent = j == cue->b ? 1 : j + 1 == cue->a ? 2 : 0;
    uint32_t *out = f->key;
    out[n++] = key(104, dir, w, 0);
    out[n++] = key(105, dir, w, lemma);
    out[n++] = key(106, dir, lemma, 0);
    out[n++] = key(108, dir, p1, 0);
    out[n++] = key(109, dir, n1, 0);
    out[n++] = key(119, dir, after, dist);
    out[n++] = key(120, dir, before, dist);
    out[n++] = key(121, adjacent, adjacent ? w : 0, 0);
    out[n++] = key(122, dir, c->suffix[j], 0);
    out[n++] = key(125, dir, lemma, cq);
    /* where the rules' proposal for this cue puts token j: 0 none, 1 source, 2 content,
       3 neither, 4 the rules made no proposal for this cue */
    uint32_t rule = 4;
    if (cue->rule >= 0) {
        const la__cl_rule *r = &c->rules[cue->rule];
        rule = j >= r->src_a && j < r->src_b ? 1 : j >= r->con_a && j < r->con_b ? 2 : 3;
    }
    out[n++] = key(132, rule, lemma, 0);
    /* word classes: where a clause or a coordinated verb starts ("a veto and attempted") */
    uint32_t wc = c->wclass[j];
    out[n++] = key(133, dir, j > 0 ? c->wclass[j - 1] : BOS, wc);
    out[n++] = key(134, dir, wc, j + 1 < d->n_tokens ? c->wclass[j + 1] : EOS);
    f->n = n;
    /* templates 101, 103, 129, 130; 110, 123, 131; 114, 118, 127; 112, 124 */
    uint32_t place[4] = {dir, dist, sent, rule}, shape[4] = {dir, sh, edge, rule};
    uint32_t quote[4] = {dir, inq, sent, cq}, entity[4] = {dir, c->ent[j], c->qopen[j], small(quotes)};
    f->dense[ROLE_PLACE] = encode(LA__CL_ROLE, ROLE_PLACE, place);
    f->dense[ROLE_SHAPE] = encode(LA__CL_ROLE, ROLE_SHAPE, shape);
    f->dense[ROLE_QUOTE] = encode(LA__CL_ROLE, ROLE_QUOTE, quote);
    f->dense[ROLE_ENTITY] = encode(LA__CL_ROLE, ROLE_ENTITY, entity);
}
