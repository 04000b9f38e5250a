/* Feature templates of the cue and role taggers; see features.h. */
#include "claims/features.h"
#include "claims/rules.h"


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

uint32_t la__cl_word_feature(uint32_t word) { return key(2, word, 0, 0); }

size_t la__cl_cue_features(const la__cl_ctx *c, size_t a, size_t b, size_t i, uint32_t *out)
{
    size_t n = 0;
    ptrdiff_t k = (ptrdiff_t)i;
    uint32_t w = c->word[i], p1 = word_at(c, a, b, k - 1), p2 = word_at(c, a, b, k - 2);
    uint32_t n1 = word_at(c, a, b, k + 1), n2 = word_at(c, a, b, k + 2);
    uint32_t sh = c->shape[i], shp = i > a ? c->shape[i - 1] : 99, shn = i + 1 < b ? c->shape[i + 1] : 99;
    const la__cue_entry *e = c->cue[i];
    uint32_t lemma = lemma_hash(e);
    uint32_t cls = e ? e->cls_hash : 0;
    uint32_t ratio = e ? 1 + (uint32_t)(10u * e->cue / (e->total ? e->total : 1)) : 0;
    uint32_t inq = c->qregion[i] >= 0;
    uint32_t entp = i > a ? c->ent[i - 1] : 99;
    out[n++] = key(1, 0, 0, 0);
    out[n++] = la__cl_word_feature(w);
    out[n++] = key(3, p1, 0, 0);
    out[n++] = key(4, n1, 0, 0);
    out[n++] = key(5, p2, 0, 0);
    out[n++] = key(6, n2, 0, 0);
    out[n++] = key(7, p1, w, 0);
    out[n++] = key(8, w, n1, 0);
    out[n++] = key(9, p1, w, n1);
    out[n++] = key(11, sh, 0, 0);
    out[n++] = key(12, shp, sh, shn);
    out[n++] = key(13, lemma, 0, 0);
    out[n++] = key(14, cls, 0, 0);
    out[n++] = key(15, ratio, 0, 0);
    out[n++] = key(16, inq, w, 0);
    out[n++] = key(17, inq, ratio, 0);
    out[n++] = key(18, entp, w, 0);
    out[n++] = key(19, entp, ratio, 0);
    out[n++] = key(20, c->ent[i], 0, 0);
    out[n++] = key(21, small((uint32_t)(i - a)), small((uint32_t)(b - 1 - i)), 0);
    out[n++] = key(22, lemma, n1, 0);
    out[n++] = key(23, lemma, shp, 0);
    /* the rules' proposal: 1 on its first cue token, 2 on the others */
    int32_t r = c->rule_at[i];
    uint32_t rule = r < 0 ? 0 : c->rules[r].cue_a == i ? 1 : 2;
    out[n++] = key(27, rule, 0, 0);
    out[n++] = key(28, rule, w, 0);
    return n;
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

size_t la__cl_role_features(const la__cl_ctx *c, const la__cl_cue *cue, size_t j, uint32_t *out)
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
    out[n++] = key(101, dir, 0, 0);
    out[n++] = key(103, dir, dist, sent);
    out[n++] = key(104, dir, w, 0);
    out[n++] = key(105, dir, w, lemma);
    out[n++] = key(106, dir, lemma, 0);
    out[n++] = key(108, dir, p1, 0);
    out[n++] = key(109, dir, n1, 0);
    out[n++] = key(110, dir, sh, 0);
    out[n++] = key(112, dir, c->ent[j], 0);
    out[n++] = key(114, dir, inq, sent);
    out[n++] = key(118, dir, cq, 0);
    out[n++] = key(119, dir, after, dist);
    out[n++] = key(120, dir, before, dist);
    out[n++] = key(121, adjacent, adjacent ? w : 0, 0);
    out[n++] = key(122, dir, c->suffix[j], 0);
    out[n++] = key(123, dir, edge, sh);
    out[n++] = key(124, dir, c->qopen[j], small(quotes));
    out[n++] = key(125, dir, lemma, cq);
    out[n++] = key(127, dir, sent, cq);
    /* where the rules' proposal for this cue puts token j: 0 none, 1 source, 2 content,
       3 neither, 4 the rules made no proposal for this cue */
    uint32_t rule = 4;
    if (cue->rule >= 0) {
        const la__cl_rule *r = &c->rules[cue->rule];
        rule = j >= r->src_a && j < r->src_b ? 1 : j >= r->con_a && j < r->con_b ? 2 : 3;
    }
    out[n++] = key(129, dir, rule, 0);
    out[n++] = key(130, dir, rule, dist);
    out[n++] = key(131, rule, sh, 0);
    out[n++] = key(132, rule, lemma, 0);
    /* word classes: where a clause or a coordinated verb starts ("a veto and attempted") */
    uint32_t wc = c->wclass[j];
    out[n++] = key(133, dir, j > 0 ? c->wclass[j - 1] : BOS, wc);
    out[n++] = key(134, dir, wc, j + 1 < d->n_tokens ? c->wclass[j + 1] : EOS);
    return n;
}
