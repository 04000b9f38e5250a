/* Feature extraction for the named-entity tagger (see features.h). Everything here is a
 * pure function of its arguments: the tagger calls it from many threads at once. */
#include "entities/features.h"
#include "util/hash.h"

#include <stdbool.h>

#include <utf8proc.h>

/* ---- hashing ------------------------------------------------------------------------ */

/* A strong 32-bit finaliser: feature ids must spread evenly over the model's table. */
static inline uint32_t mix(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x7feb352du;
    h ^= h >> 15;
    h *= 0x846ca68bu;
    h ^= h >> 16;
    return h;
}

static inline uint32_t comb(uint32_t a, uint32_t b)
{
    return mix(a * 0x9e3779b1u + b + 0x7f4a7c15u);
}

static inline uint32_t nonzero(uint32_t h)
{
    return h ? h : 1u;
}

/* Feature templates: the first argument of every feature hash, so that equal values of
 * different templates never collide on purpose. Append only (or bump the version). */
enum {
    T_BIAS = 1, T_W, T_RAW, T_SHAPE, T_SSHAPE, T_PRE, T_SUF = T_PRE + 4, T_FLAGS = T_SUF + 4,
    T_WM1, T_WP1, T_WM2, T_WP2, T_SSM1, T_SSP1, T_BIM1, T_BIP1, T_SS3, T_START, T_CAPS,
    T_TITLE, T_PFIRST, T_PLAST, T_PPAT, T_CL, T_CLM1 = T_CL + 4, T_CLP1, T_NOCL,
    T_SUFM1, T_SUFP1, T_FLM1, T_FLP1, T_WSSP1, T_SSM1W, T_BIM2, T_SHAPEW, T_BIP2, T_SSM2,
    T_SSP2, T_GAZ, T_GAZM1, T_GAZP1, T_GAZW
};

/* ---- per-word analysis --------------------------------------------------------------- */

/* Decodes one code point; invalid or truncated sequences give U+FFFD and consume 1 byte,
 * so arbitrary bytes never read out of bounds. */
static size_t decode(const uint8_t *s, size_t len, int32_t *cp)
{
    uint8_t c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    utf8proc_ssize_t n = utf8proc_iterate(s, (utf8proc_ssize_t)(len > 4 ? 4 : len), cp);
    if (n <= 0) {
        *cp = 0xfffd;
        return 1;
    }
    return (size_t)n;
}

/* Character class for shapes: X upper, x lower, d digit, ASCII punctuation as itself,
 * o for other non-ASCII symbols. */
static char char_class(int32_t cp, int32_t *lower)
{
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z') {
            *lower = cp + 32;
            return 'X';
        }
        *lower = cp;
        if (cp >= 'a' && cp <= 'z')
            return 'x';
        if (cp >= '0' && cp <= '9') {
            *lower = '0';
            return 'd';
        }
        return (char)cp;
    }
    *lower = utf8proc_tolower(cp);
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return 'X';
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return 'x';
    case UTF8PROC_CATEGORY_ND:
        *lower = '0';
        return 'd';
    default:
        /* Typographic quotes and dashes behave like their ASCII forms. */
        if (cp == 0x2019 || cp == 0x2018)
            return '\'';
        if (cp == 0x2013 || cp == 0x2014 || cp == 0x2010)
            return '-';
        return 'o';
    }
}

static inline uint32_t fnv_cp(uint32_t h, int32_t cp)
{
    uint32_t u = (uint32_t)cp;
    h = (h ^ (u & 0xff)) * LA__FNV32_PRIME;
    if (u > 0xff)
        h = (h ^ (u >> 8)) * LA__FNV32_PRIME;
    return h;
}

#define SHAPE_CAP 12

/* Running state while one word's code points stream past. */
typedef struct word_scan {
    uint32_t lower, part, part_first;
    char shape[SHAPE_CAP], sshape[SHAPE_CAP];
    size_t nshape, nsshape, ncp, nparts;
    int32_t last[4];
    int letters, upper, lowers, digits, others;
    bool prev_lower, part_start, part_first_set;
    char part_last_class;
} word_scan;

static void scan_cp(word_scan *w, la__ner_tok *t, int32_t cp)
{
    int32_t low;
    char cls = char_class(cp, &low);
    w->lower = fnv_cp(w->lower, low);
    if (w->ncp < 4)
        t->pre[w->ncp] = w->lower;
    w->last[w->ncp & 3] = low;
    w->ncp++;
    if (w->nshape < SHAPE_CAP)
        w->shape[w->nshape++] = cls;
    if (w->nsshape == 0 || w->sshape[w->nsshape - 1] != cls) {
        if (w->nsshape < SHAPE_CAP)
            w->sshape[w->nsshape++] = cls;
    }
    switch (cls) {
    case 'X':
        w->letters++, w->upper++;
        if (w->prev_lower)
            t->flags |= LA__NER_F_MIXED;
        w->prev_lower = false;
        break;
    case 'x':
        w->letters++, w->lowers++, w->prev_lower = true;
        break;
    case 'd':
        w->digits++, w->prev_lower = false;
        break;
    default:
        w->others++, w->prev_lower = false;
        if (cls == '-')
            t->flags |= LA__NER_F_HYPHEN;
        else if (cls == '\'')
            t->flags |= LA__NER_F_APOS;
        else if (cls == '.')
            t->flags |= LA__NER_F_DOT;
    }
    /* Parts split on hyphens and apostrophes: al-Sudani, al-Shaabi, O'Brien. */
    if (cls == '-' || cls == '\'') {
        if (!w->part_first_set) {
            w->part_first = w->part;
            w->part_first_set = true;
        }
        w->part = LA__FNV32_SEED;
        w->part_start = true;
        w->nparts++;
    } else {
        if (w->part_start)
            w->part_last_class = cls;
        w->part_start = false;
        w->part = fnv_cp(w->part, low);
    }
}

static void finish_word(word_scan *w, const uint8_t *s, size_t len, la__ner_tok *t)
{
    t->lower = nonzero(w->lower);
    t->raw = nonzero(la__fnv1a32(s, len, LA__FNV32_SEED));
    t->shape = nonzero(la__fnv1a32(w->shape, w->nshape, 0x5bd1e995u));
    t->sshape = nonzero(la__fnv1a32(w->sshape, w->nsshape, 0x5bd1e995u));
    for (size_t k = 1; k <= 4; k++) {
        if (k > w->ncp)
            break;
        uint32_t h = LA__FNV32_SEED;
        for (size_t j = w->ncp - k; j < w->ncp; j++)
            h = fnv_cp(h, w->last[j & 3]);
        t->suf[k - 1] = nonzero(h);
    }
    if (w->ncp > SHAPE_CAP)
        t->flags |= LA__NER_F_LONG;
    if (w->letters) {
        if (w->shape[0] == 'X' || (w->nsshape > 1 && w->sshape[0] != 'x' && w->sshape[1] == 'X'))
            t->flags |= LA__NER_F_INITCAP;
        if (w->upper == w->letters)
            t->flags |= LA__NER_F_ALLCAP;
        if (w->lowers == w->letters)
            t->flags |= LA__NER_F_LOWER;
    }
    if (w->digits) {
        t->flags |= LA__NER_F_DIGIT;
        if (w->digits == (int)w->ncp)
            t->flags |= LA__NER_F_ALLDIGIT;
    }
    if (!w->letters && !w->digits)
        t->flags |= LA__NER_F_NOALNUM;
    if (w->nparts && w->letters && w->ncp > 2) {
        t->part_first = nonzero(w->part_first);
        t->part_last = nonzero(w->part);
        t->part_last_shape = nonzero(comb((uint32_t)(uint8_t)w->part_last_class,
                                          (uint32_t)(w->nparts > 2 ? 3 : w->nparts)));
    }
}

static void analyse_word(const uint8_t *s, size_t len, la__ner_tok *t)
{
    word_scan w = {.lower = LA__FNV32_SEED, .part = LA__FNV32_SEED};
    *t = (la__ner_tok){0};
    for (size_t i = 0; i < len;) {
        int32_t cp;
        i += decode(s + i, len - i, &cp);
        scan_cp(&w, t, cp);
    }
    finish_word(&w, s, len, t);
}

uint32_t la__ner_word_key(const char *word, size_t len)
{
    la__ner_tok t;
    analyse_word((const uint8_t *)word, len, &t);
    return t.lower;
}

uint32_t la__ner_word_feature(const char *word, size_t len)
{
    return nonzero(comb(T_W, la__ner_word_key(word, len)));
}

/* ---- maps ------------------------------------------------------------------------------ */

uint32_t la__ner_map_slot(uint32_t key)
{
    return mix(key);
}

uint32_t la__ner_map_get(const la__ner_map *map, uint32_t key, uint32_t missing)
{
    if (!map->keys || key == 0)
        return missing;
    uint32_t i = la__ner_map_slot(key) & map->mask;
    for (;;) {
        uint32_t k = map->keys[i];
        if (k == key)
            return map->vals[i];
        if (k == 0)
            return missing;
        i = (i + 1) & map->mask;
    }
}

/* ---- sentences ------------------------------------------------------------------------ */

uint32_t la__ner_prepare(const char *const *words, const uint32_t *lens, const uint8_t *gaz,
                         size_t n, const la__ner_resources *res, la__ner_tok *toks)
{
    size_t with_letters = 0, caps = 0, lower = 0;
    for (size_t i = 0; i < n; i++) {
        la__ner_tok *t = &toks[i];
        analyse_word((const uint8_t *)words[i], lens[i], t);
        t->gaz = gaz ? gaz[i] : 0;
        if (res)
            t->cluster = la__ner_map_get(&res->clusters, t->lower, 0);
        if (t->flags & (LA__NER_F_INITCAP | LA__NER_F_LOWER | LA__NER_F_ALLCAP | LA__NER_F_MIXED)) {
            with_letters++;
            caps += (t->flags & LA__NER_F_INITCAP) != 0;
            lower += (t->flags & LA__NER_F_LOWER) != 0;
        }
    }
    uint32_t sf = 0;
    /* Headlines and title-case lines capitalise ordinary words, so capitalisation means
     * less there; the model learns how much less from these two flags. */
    if (with_letters) {
        size_t allcap = 0;
        for (size_t i = 0; i < n; i++)
            allcap += (toks[i].flags & LA__NER_F_ALLCAP) != 0;
        if (allcap == with_letters && lower == 0)
            sf |= LA__NER_S_CAPS;
        else if (with_letters >= 3 && caps * 4 >= with_letters * 3)
            sf |= LA__NER_S_TITLE;
    }
    return sf;
}

/* Stand-ins for the facts of tokens before the start and after the end. */
static const la__ner_tok BOS = {.lower = 0x0b05b05u, .raw = 0x0b05b05u, .shape = 0x0b05u,
                                .sshape = 0x0b05u, .flags = 1u << 30};
static const la__ner_tok EOS = {.lower = 0x0e05e05u, .raw = 0x0e05e05u, .shape = 0x0e05u,
                                .sshape = 0x0e05u, .flags = 1u << 31};

static inline const la__ner_tok *at(const la__ner_tok *toks, size_t n, ptrdiff_t i)
{
    if (i < 0)
        return &BOS;
    if ((size_t)i >= n)
        return &EOS;
    return &toks[i];
}

#define F1(tmpl, a) (out[k++] = nonzero(comb((tmpl), (a))))
#define F2(tmpl, a, b) (out[k++] = nonzero(comb(comb((tmpl), (a)), (b))))
#define F3(tmpl, a, b, c) (out[k++] = nonzero(comb(comb(comb((tmpl), (a)), (b)), (c))))

static size_t cluster_features(const la__ner_tok *t, const la__ner_tok *m1,
                               const la__ner_tok *p1, uint32_t *out, size_t k)
{
    if (!t->cluster) {
        F1(T_NOCL, 1);
    } else {
        uint32_t c = t->cluster - 1;
        for (int b = 0; b < 4; b++)
            F1(T_CL + (uint32_t)b, c >> (12 - 4 * b));
    }
    if (m1->cluster)
        F1(T_CLM1, (m1->cluster - 1) >> 8);
    if (p1->cluster)
        F1(T_CLP1, (p1->cluster - 1) >> 8);
    return k;
}

size_t la__ner_features(const la__ner_tok *toks, size_t n, size_t i, uint32_t sent_flags,
                        uint32_t *out)
{
    const ptrdiff_t j = (ptrdiff_t)i;
    const la__ner_tok *t = &toks[i], *m1 = at(toks, n, j - 1), *m2 = at(toks, n, j - 2);
    const la__ner_tok *p1 = at(toks, n, j + 1), *p2 = at(toks, n, j + 2);
    size_t k = 0;

    F1(T_BIAS, 0);
    F1(T_W, t->lower);
    F1(T_RAW, t->raw);
    F1(T_SHAPE, t->shape);
    F1(T_SSHAPE, t->sshape);
    F2(T_SHAPEW, t->shape, t->lower);
    for (uint32_t a = 0; a < 4; a++) {
        if (t->pre[a])
            F1(T_PRE + a, t->pre[a]);
        if (t->suf[a])
            F1(T_SUF + a, t->suf[a]);
    }
    F1(T_FLAGS, t->flags);
    /* Context: words and shapes around, and the two bigrams through the word. */
    F1(T_WM1, m1->lower);
    F1(T_WP1, p1->lower);
    F1(T_WM2, m2->lower);
    F1(T_WP2, p2->lower);
    F1(T_SSM1, m1->sshape);
    F1(T_SSP1, p1->sshape);
    F2(T_BIM1, m1->lower, t->lower);
    F2(T_BIP1, t->lower, p1->lower);
    F2(T_BIM2, m2->lower, m1->lower);
    F2(T_BIP2, p1->lower, p2->lower);
    F1(T_SSM2, m2->sshape);
    F1(T_SSP2, p2->sshape);
    F3(T_SS3, m1->sshape, t->sshape, p1->sshape);
    F2(T_WSSP1, t->lower, p1->sshape);
    F2(T_SSM1W, m1->sshape, t->lower);
    if (m1->suf[2])
        F1(T_SUFM1, m1->suf[2]);
    if (p1->suf[2])
        F1(T_SUFP1, p1->suf[2]);
    F2(T_FLM1, m1->flags, t->flags);
    F2(T_FLP1, t->flags, p1->flags);
    /* Capitalisation at the start of a sentence or in a headline says less. */
    if (i == 0)
        F1(T_START, t->sshape);
    if (sent_flags & LA__NER_S_CAPS)
        F1(T_CAPS, t->lower);
    if (sent_flags & LA__NER_S_TITLE)
        F1(T_TITLE, t->lower);
    if (t->part_first) {
        F1(T_PFIRST, t->part_first);
        F1(T_PLAST, t->part_last);
        F2(T_PPAT, t->part_first, t->part_last_shape);
    }
    /* Gazetteers: which kind of lexicon entry covers the word and its neighbours. */
    if (t->gaz) {
        F1(T_GAZ, t->gaz);
        F2(T_GAZW, t->gaz, t->sshape);
    }
    if (m1->gaz)
        F1(T_GAZM1, m1->gaz);
    if (p1->gaz)
        F1(T_GAZP1, p1->gaz);
    return cluster_features(t, m1, p1, out, k);
}

/* ---- decoding ---------------------------------------------------------------------- */

/* BIO well-formedness: I-c continues an entity of class c and nothing else. */
static inline bool allowed(int prev, int cur)
{
    if (cur == 0 || LA__NER_TAG_IS_B(cur))
        return true;
    return prev > 0 && LA__NER_TAG_CLASS(prev) == LA__NER_TAG_CLASS(cur);
}

void la__ner_viterbi(const int32_t *emit, size_t n, const int32_t *trans, int32_t *delta,
                     uint8_t *back, uint8_t *tags)
{
    enum { T = LA__NER_TAGS };
    if (n == 0)
        return;
    for (int c = 0; c < T; c++)
        delta[c] = (c == 0 || LA__NER_TAG_IS_B(c)) ? emit[c] + trans[c] : INT32_MIN / 2;
    for (size_t i = 1; i < n; i++) {
        const int32_t *prev = delta + (i - 1) * T;
        /* For each tag c, the best allowed previous tag p, the first of equals. The loop
         * runs over p outside and c inside: the nine c are independent, so they proceed in
         * parallel (and in vector registers) instead of one long chain of comparisons. */
        int32_t best[T];
        uint8_t arg[T];
        for (int c = 0; c < T; c++)
            best[c] = INT32_MIN, arg[c] = 0;
        for (int p = 0; p < T; p++) {
            for (int c = 0; c < T; c++) {
                int32_t s = prev[p] + trans[(1 + p) * T + c];
                bool better = allowed(p, c) && s > best[c];
                best[c] = better ? s : best[c];
                arg[c] = better ? (uint8_t)p : arg[c];
            }
        }
        for (int c = 0; c < T; c++) {
            delta[i * T + c] = best[c] + emit[i * T + c];
            back[i * T + c] = arg[c];
        }
        /* Keep scores near zero so that long sentences never overflow int32. */
        int32_t *row = delta + i * T, top = row[0];
        for (int c = 1; c < T; c++)
            top = row[c] > top ? row[c] : top;
        for (int c = 0; c < T; c++)
            row[c] = row[c] > INT32_MIN / 2 + top ? row[c] - top : INT32_MIN / 2;
    }
    const int32_t *last = delta + (n - 1) * T;
    int32_t best = INT32_MIN;
    int arg = 0;
    for (int c = 0; c < T; c++) {
        int32_t s = last[c] + trans[(T + 1) * T + c];
        if (s > best)
            best = s, arg = c;
    }
    for (size_t i = n; i-- > 0;) {
        tags[i] = (uint8_t)arg;
        if (i)
            arg = back[i * T + arg];
    }
}
