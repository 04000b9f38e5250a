/* Claims: who said what. Rules over the tokens of each paragraph, driven by a cue
 * lexicon learnt from PolNeAR train (model/cues.tsv, compiled into cues_data.h):
 *
 *   X said (that) CONTENT.          preposed cue, content to the right
 *   X added: CONTENT ...            colon: content to the end of the paragraph
 *   "CONTENT," X said. / ..., said X.   postposed or inverted cue
 *   According to X, CONTENT. / CONTENT, according to X.
 *   ..., saying CONTENT / Stating that CONTENT, X said ...   participles
 *
 * Quote marks are paired per paragraph (curly and straight; a quote left open at the end
 * of a paragraph continues when the next paragraph opens one again, the usual convention
 * for quotes running over paragraphs). Every search is bounded by the sentence, the
 * paragraph or a quote region, and sources are resolved with one forward pass over the
 * entity mentions, so the stage is linear in the document. */
#include "claims/claims.h"
#include "parse/chars.h"

#include <string.h>

typedef struct la__cue_entry {
    const char *form, *lemma, *cls;
    uint16_t cue, total;
} la__cue_entry;

#include "cues_data.h"

/* ---- token helpers ------------------------------------------------------------------- */

typedef struct ctx {
    la_doc *doc;
    const char *t;
    int32_t *qpair;      /* per token: index of the paired quote mark token, or -1 */
    uint8_t *qopen;      /* per token: 1 opening mark, 2 closing mark, 0 not a quote mark */
    size_t inside_to;    /* end of the last claim's content: cues before it are nested */
    int32_t *qregion;    /* per token: index of the opening mark of the innermost quote
                            region the token is in, or -1 */
} ctx;

static const la__token *tok(const ctx *c, size_t i) { return &c->doc->tokens[i]; }

static size_t tlen(const ctx *c, size_t i) { return tok(c, i)->end - tok(c, i)->start; }

/* Case-insensitive (ASCII) comparison of token i with a literal. */
static bool is(const ctx *c, size_t i, const char *lit)
{
    size_t n = strlen(lit);
    if (tlen(c, i) != n)
        return false;
    const char *s = c->t + tok(c, i)->start;
    for (size_t k = 0; k < n; k++) {
        char a = s[k];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (a != lit[k])
            return false;
    }
    return true;
}

static bool is_any(const ctx *c, size_t i, const char *const *list)
{
    for (; *list; list++)
        if (is(c, i, *list))
            return true;
    return false;
}

static uint32_t first_cp(const ctx *c, size_t i)
{
    int n;
    return la__decode(c->t, tok(c, i)->start, tok(c, i)->end, &n);
}

static bool is_word(const ctx *c, size_t i) { return tok(c, i)->flags & (LA_TOKEN_WORD | LA_TOKEN_NUMBER); }
static bool is_upper(const ctx *c, size_t i) { return la__class(first_cp(c, i)) == LA__C_UPPER; }
static bool is_punct(const ctx *c, size_t i) { return !(tok(c, i)->flags & (LA_TOKEN_WORD | LA_TOKEN_NUMBER)); }

static bool is_quote_cp(uint32_t cp)
{
    return cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x00AB || cp == 0x00BB ||
           cp == 0x201F || cp == 0x2033;
}

static bool is_quote_tok(const ctx *c, size_t i)
{
    return is_punct(c, i) && is_quote_cp(first_cp(c, i)) && tlen(c, i) <= 3;
}

static bool is_comma(const ctx *c, size_t i) { return is(c, i, ",") || is(c, i, "\xE2\x80\x94") || is(c, i, ";"); }
static bool is_colon(const ctx *c, size_t i) { return is(c, i, ":"); }
static bool is_final(const ctx *c, size_t i) { return is(c, i, ".") || is(c, i, "!") || is(c, i, "?"); }

/* ---- the cue lexicon ------------------------------------------------------------------ */

static int cue_cmp(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const la__cue_entry *)elem)->form);
}

static const la__cue_entry *cue_lookup(const ctx *c, size_t i)
{
    char buf[32];
    size_t n = tlen(c, i);
    if (n == 0 || n >= sizeof buf || !(tok(c, i)->flags & LA_TOKEN_WORD))
        return NULL;
    const char *s = c->t + tok(c, i)->start;
    for (size_t k = 0; k < n; k++) {
        char a = s[k];
        if ((unsigned char)a >= 0x80)
            return NULL;
        buf[k] = (char)(a >= 'A' && a <= 'Z' ? a - 'A' + 'a' : a);
    }
    buf[n] = 0;
    return bsearch(buf, LA__CUES, LA__N_CUES, sizeof LA__CUES[0], cue_cmp);
}

/* ---- word lists ----------------------------------------------------------------------- */

static const char *const DETERMINERS[] = {"the", "a", "an", "his", "her", "their", "its", "our", "my",
                                          "your", "this", "these", "those", "such", "no", "any",
                                          "every", "each", "some", "many", "more", "most", "first",
                                          "new", "to", "of", "'s", "\xE2\x80\x99s", NULL};
static const char *const AUX[] = {"has", "have", "had", "was", "were", "is", "are", "also", "did",
                                  "does", "do", "will", "would", "could", "may", "might", "can",
                                  "should", "must", "'ve", "\xE2\x80\x99" "ve", "'d", "\xE2\x80\x99" "d",
                                  "not", "n't", "n\xE2\x80\x99t", "never", "ever", "always", "already",
                                  "still", "often", "even", "just", "then", "again", "once", "later",
                                  "first", "further", "previously", "recently", "reportedly",
                                  "repeatedly", "publicly", "privately", "earlier", "being", "been",
                                  "be", "now", "too", "similarly", "only", "clearly", NULL};
/* Words that end a subject noun phrase when scanning leftwards. */
static const char *const NP_STOP[] = {"that", "who", "whom", "which", "and", "but", "or", "because",
                                      "when", "while", "as", "if", "so", "than", "where", "after",
                                      "before", "since", "although", "though", "whether", "what",
                                      "is", "are", "was", "were", "be", "been", "has", "have", "had",
                                      "said", "says", "told", "to", "why", "how", "until", "unless",
                                      "once", "then", "also", "will", "would", "can", "could", "not",
                                      "do", "did", "does", "yet", "for", "nor", "even", NULL};
static const char *const PREPS[] = {"in", "on", "at", "during", "by", "with", "from", "for",
                                    "including", "among", "after", "before", "should", "of",
                                    "about", "into", "through", "under", "over", "against", NULL};
static const char *const SUBORD[] = {"although", "though", "while", "because", "since", "if",
                                     "as", "when", "whereas", "unless", "once", NULL};
static const char *const PRONOUNS[] = {"he", "she", "they", "it", "i", "we", "you", NULL};
static const char *const TAIL_PREP[] = {"in", "on", "at", "during", "after", "before", "from", "with",
                                        "via", "to", "for", "about", "while", "when", "through",
                                        "late", "earlier", "last", "this", "on", "yesterday", "today",
                                        "told", "tells", "according", NULL};
static const char *const PARTICIPLE_CUES[] = {"saying", "adding", "noting", "stressing", "stating",
                                              "warning", "arguing", "explaining", "insisting",
                                              "emphasizing", "emphasising", "claiming", "citing",
                                              "describing", "referring", "calling", "accusing",
                                              "suggesting", "pointing", "asserting", "declaring",
                                              "asking", "telling", "acknowledging", "recalling",
                                              "announcing", "denying", "urging", "predicting",
                                              "underlining", "highlighting", "indicating", NULL};

/* ---- quote regions -------------------------------------------------------------------- */

/* Pairs the quote marks of one block's tokens [a, b). A straight mark opens when none is
 * open, closes otherwise; curly marks say which they are, but a closing mark with nothing
 * open and an opening mark while one is open (stray marks) are tolerated. */
static void pair_quotes(ctx *c, size_t a, size_t b, int32_t *carry)
{
    int32_t open = -1;
    for (size_t i = a; i < b; i++) {
        c->qregion[i] = open;
        if (!is_quote_tok(c, i))
            continue;
        uint32_t cp = first_cp(c, i);
        if (i == a && *carry >= 0 && cp != 0x201D && cp != 0x00BB) {
            /* the paragraph re-opens the quote left open by the previous one */
            open = *carry;
            c->qregion[i] = open;
            continue;
        }
        bool opening;
        if (cp == 0x201C || cp == 0x201E || cp == 0x00AB)
            opening = true;
        else if (cp == 0x201D || cp == 0x00BB || cp == 0x2033)
            opening = false;
        else
            opening = open < 0;
        if (opening) {
            open = (int32_t)i;
            c->qopen[i] = 1;
            c->qregion[i] = open;
        } else if (open >= 0) {
            c->qopen[i] = 2;
            c->qpair[i] = open;
            c->qpair[open] = (int32_t)i;
            c->qregion[i] = open;
            open = -1;
        }
    }
    /* left open: may continue in the next paragraph */
    *carry = open;
}

/* ---- claims --------------------------------------------------------------------------- */

typedef struct span { size_t a, b; } span; /* token range [a, b) */

typedef struct sent {
    size_t a, b;          /* tokens of the sentence */
    size_t pa, pb;        /* tokens of the paragraph */
} sent;

static bool span_ok(span s) { return s.b > s.a; }

static int add_claim(ctx *c, span src, size_t cue_a, size_t cue_b, span content,
                     const char *lemma, const char *cls)
{
    if (content.a >= content.b || content.b > c->doc->n_tokens)
        return 0;
    /* trim punctuation other than quote marks at both ends of the content */
    while (content.b > content.a && is_punct(c, content.b - 1) && !is_quote_tok(c, content.b - 1) &&
           !is(c, content.b - 1, ")") && !is(c, content.b - 1, "?") && !is(c, content.b - 1, "!"))
        content.b--;
    while (content.b > content.a && is_punct(c, content.a) && !is_quote_tok(c, content.a) &&
           !is(c, content.a, "("))
        content.a++;
    int words = 0;
    for (size_t i = content.a; i < content.b && words < 2; i++)
        words += is_word(c, i);
    if (words < 1)
        return 0;
    /* kind: direct when one quote region covers the content; outer marks excluded */
    uint8_t kind = LA_CLAIM_INDIRECT;
    size_t ca = content.a, cb = content.b;
    if (c->qopen[ca] == 1 && c->qpair[ca] >= 0 && (size_t)c->qpair[ca] + 1 >= cb &&
        (size_t)c->qpair[ca] < cb) {
        kind = LA_CLAIM_DIRECT;
        ca++;
        if ((size_t)c->qpair[content.a] == cb - 1)
            cb--;
        /* trailing comma or stop inside the closing mark */
        while (cb > ca && is_punct(c, cb - 1) && (is_comma(c, cb - 1) || is(c, cb - 1, ".")))
            cb--;
    } else if (c->qopen[ca] == 1 && c->qpair[ca] < 0 && cb > ca + 1) {
        /* opening mark whose close lies beyond (quote running on): direct if no other mark */
        bool other = false;
        for (size_t i = ca + 1; i < cb; i++)
            other |= c->qopen[i] != 0;
        if (!other) {
            kind = LA_CLAIM_DIRECT;
            ca++;
        }
    } else {
        for (size_t i = ca; i < cb; i++)
            if (c->qopen[i]) {
                kind = LA_CLAIM_MIXED;
                break;
            }
        if (kind == LA_CLAIM_MIXED && c->qregion[ca] >= 0 && c->qregion[cb - 1] >= 0 &&
            c->qregion[ca] == c->qregion[cb - 1] && !c->qopen[ca])
            kind = LA_CLAIM_DIRECT; /* wholly inside one quote */
    }
    if (cb <= ca)
        return 0;
    if (kind == LA_CLAIM_INDIRECT && c->qregion[ca] >= 0 && c->qregion[ca] == c->qregion[cb - 1] &&
        (c->qpair[c->qregion[ca]] < 0 || (size_t)c->qpair[c->qregion[ca]] >= cb))
        kind = LA_CLAIM_DIRECT; /* inside a quote that runs on */
    la__claim cl = {0};
    cl.has_source = span_ok(src);
    if (cl.has_source) {
        cl.source_start = tok(c, src.a)->start;
        cl.source_end = tok(c, src.b - 1)->end;
    }
    cl.cue_start = tok(c, cue_a)->start;
    cl.cue_end = tok(c, cue_b - 1)->end;
    cl.content_start = tok(c, ca)->start;
    cl.content_end = tok(c, cb - 1)->end;
    cl.kind = kind;
    cl.cue_lemma = lemma;
    cl.cue_class = cls;
    cl.source_entity = -1;
    la_doc *d = c->doc;
    return LA__PUSH(d->claims, d->n_claims, d->cap_claims, cl);
}

/* The subject noun phrase ending just before token `end` (exclusive), inside [lo, end). */
static span subject_left(const ctx *c, size_t lo, size_t end)
{
    size_t i = end;
    while (i > lo && (is_any(c, i - 1, AUX) || (tok(c, i - 1)->flags & LA_TOKEN_WORD && tlen(c, i - 1) > 4 &&
                                                 !is_upper(c, i - 1) &&
                                                 !memcmp(c->t + tok(c, i - 1)->end - 2, "ly", 2))))
        i--;
    size_t b = i;
    while (i > lo) {
        size_t k = i - 1;
        if (is_punct(c, k)) {
            if (is(c, k, "'s") || is(c, k, "\xE2\x80\x99s") || is(c, k, "-") || is(c, k, ".") ||
                is(c, k, "&"))
                ;
            else
                break;
        } else if (is_any(c, k, NP_STOP) || (b - k > 1 && is_any(c, k, PRONOUNS)))
            break;
        else if (tok(c, k)->flags & LA_TOKEN_WORD && !is_upper(c, k) && cue_lookup(c, k) &&
                 b - k > 0 && k + 1 < b && !is_any(c, k, DETERMINERS)) {
            /* another verb-like cue word before the subject */
            const la__cue_entry *e = cue_lookup(c, k);
            if (e && e->cue * 3 > e->total)
                break;
        }
        if (b - k > 12)
            break;
        i--;
    }
    while (i < b && (is(c, i, "'s") || is(c, i, "\xE2\x80\x99s") || is_punct(c, i)))
        i++;
    span s = {i, b};
    if (i < b && is_any(c, i, PREPS)) {
        span r = i > lo ? subject_left(c, lo, i) : s;
        if (r.b > r.a && r.b == i)
            return r;
        s.b = s.a;
    }
    return s;
}

static span initial_np(const ctx *c, size_t lo, size_t hi)
{
    size_t a = lo;
    /* "Naturally, Iran ..." / "However, X ..." */
    if (a + 1 < hi && is_comma(c, a + 1) && tok(c, a)->flags & LA_TOKEN_WORD)
        a += 2;
    size_t q = a;
    while (q < hi && !is_punct(c, q) && !is_any(c, q, NP_STOP) && !is_any(c, q, AUX) && q - a < 8) {
        if (q > a && !is_upper(c, q) && cue_lookup(c, q))
            break;
        q++;
    }
    span sp = {a, q};
    if (q == a || q - a >= 8 || (q < hi && is_punct(c, q) && !is_comma(c, q)))
        sp.b = sp.a;
    return sp;
}

/* Subject of cue token i: the noun phrase before it, seen through ", however,", relative
 * pronouns ("X who said"), appositions ("X, an expert on ..., said") and coordination
 * ("X arrived and said"). */
static span find_subject(const ctx *c, size_t lo, size_t i)
{
    size_t end = i;
    while (end > lo && is_any(c, end - 1, AUX))
        end--;
    /* ", however," */
    if (end >= lo + 3 && is_comma(c, end - 1) && (is(c, end - 2, "however") || is(c, end - 2, "though") ||
                                                 is(c, end - 2, "too") || is(c, end - 2, "meanwhile")) &&
        is_comma(c, end - 3))
        end -= 3;
    if (end > lo && (is(c, end - 1, "who") || is(c, end - 1, "which") || is(c, end - 1, "that"))) {
        span r = subject_left(c, lo, end - 1);
        if (r.b > r.a)
            return r;
    }
    span s = subject_left(c, lo, end);
    if (s.b > s.a)
        return s;
    if (end > lo && is_comma(c, end - 1)) {
        /* apposition or inserted clauses: the sentence-initial noun phrase up to a comma */
        size_t q = lo;
        while (q < end && !is_comma(c, q) && !is_any(c, q, NP_STOP) && q - lo < 16)
            q++;
        if (q < end && is_comma(c, q) && q > lo) {
            span r = {lo, q};
            return r;
        }
    }
    if (end > lo && is(c, end - 1, "and"))
        return initial_np(c, lo, end - 1);
    return s;
}

/* A source noun phrase starting at token `a` (inverted "said X", "according to X"):
 * to the next comma, quote mark, sentence end or trailing prepositional phrase. */
static span subject_right(const ctx *c, size_t a, size_t hi)
{
    size_t i = a;
    while (i < hi && !is_punct(c, i) && !(i > a && is_any(c, i, TAIL_PREP)) && !is(c, i, "that") &&
           i - a < 12) {
        if (i > a && (is(c, i, "and") || is(c, i, "who")) && i + 1 < hi && !is_upper(c, i + 1))
            break;
        if (i > a && is_any(c, i, NP_STOP))
            break;
        i++;
    }
    /* keep a possessive and the noun after it: "the Post's report" */
    span s = {a, i};
    return s;
}

/* Is [a, hi) a tail after a postposed cue: empty, or a short phrase up to a comma or the
 * sentence end with no clause introducer? */
static bool tail_like(const ctx *c, size_t a, size_t hi, size_t *tail_end)
{
    size_t i = a, n = 0;
    if (a < hi && !(is_final(c, a) || is_comma(c, a) || is_quote_tok(c, a) || is(c, a, ")") ||
                    is_any(c, a, TAIL_PREP)))
        return false;
    for (; i < hi; i++, n++) {
        if (is_final(c, i) || is_comma(c, i) || (is_quote_tok(c, i) && c->qopen[i] == 2))
            break;
        if (is(c, i, "that") || is_colon(c, i) || (is_quote_tok(c, i) && c->qopen[i] == 1))
            return false;
        if (n > 14)
            return false;
    }
    *tail_end = i;
    return true;
}

/* Start of the content ending before token `end` in sentence s: the sentence start, or
 * the opening mark of a quote begun in an earlier sentence. */
static size_t content_start_before(const ctx *c, const sent *s, size_t end)
{
    size_t a = s->a;
    /* the quote region that the content ends in (closing mark just before `end`) */
    size_t k = end;
    while (k > s->a && is_punct(c, k - 1) && !is_quote_tok(c, k - 1))
        k--;
    if (k > s->a && c->qopen[k - 1] == 2 && c->qpair[k - 1] >= 0) {
        size_t o = (size_t)c->qpair[k - 1];
        if (o < a && o >= s->pa)
            return o;
        if (o < a) {
            /* a quote running over paragraphs: its opening is in an earlier paragraph */
            return o;
        }
        return o;
    }
    if (k > s->a && c->qregion[k - 1] >= 0 && (size_t)c->qregion[k - 1] < a)
        return (size_t)c->qregion[k - 1];
    /* skip a leading conjunction */
    if (a < end && (is(c, a, "but") || is(c, a, "and") || is(c, a, "so")) && is_comma(c, a + 1) == false)
        a += is(c, a + 1, ",") ? 2 : 1;
    return a;
}

/* End of content starting at token a (after a preposed cue): to the sentence end, to the
 * closing mark of a quote that opens at a, cut before ", saying ..." and ", according to";
 * with a colon, to the end of the paragraph. */
static size_t content_end_after(const ctx *c, const sent *s, size_t a, bool colon)
{
    size_t hi = colon ? s->pb : s->b;
    if (a >= hi)
        return a; /* nothing after the cue: an empty content, dropped by the caller */
    /* a cue inside a quote: the content stays inside it */
    if (a > 0 && c->qregion[a - 1] >= 0 && c->qopen[a - 1] != 2) {
        int32_t close = c->qpair[c->qregion[a - 1]];
        if (close >= 0 && (size_t)close < hi && (size_t)close >= a)
            hi = (size_t)close;
    }
    if (a < s->pb && c->qopen[a] == 1) {
        if (c->qpair[a] >= 0) {
            size_t q = (size_t)c->qpair[a] + 1;
            if (q > hi) {
                hi = q;
            } else if (!colon) {
                /* the quote closes in the sentence: the content stops after it */
                return q;
            }
        } else {
            /* open to the end of the paragraph (and beyond when the next one continues) */
            return s->pb;
        }
    }
    for (size_t i = a; i + 1 < hi; i++) {
        if (is_comma(c, i) && (is_any(c, i + 1, PARTICIPLE_CUES) ||
                               (is(c, i + 1, "according") && i + 2 < hi && is(c, i + 2, "to")))) {
            if (c->qregion[i] < 0 || c->qregion[i] != c->qregion[a])
                return i;
        }
        if (is_comma(c, i) && !colon && c->qregion[i] < 0 &&
            (is(c, i + 1, "but") || is(c, i + 1, "while") || is(c, i + 1, "whereas") ||
             is(c, i + 1, "although") || is(c, i + 1, "though") || is(c, i + 1, "as") ||
             is(c, i + 1, "what") || is(c, i + 1, "yet")))
            return i;
        if (is_comma(c, i) && i + 2 < hi && !colon) {
            /* ", he said" / ", X added" interjected: the claim stops there */
            const la__cue_entry *e = NULL;
            if (is_any(c, i + 1, PRONOUNS) && (e = cue_lookup(c, i + 2)) && e->cue * 2 > e->total)
                return i;
        }
    }
    return hi;
}

/* `"A," he said. "B."`: the quote goes on in the next sentences of the paragraph that
 * open a quote right away; returns the new content end. */
static size_t quote_continuation(const ctx *c, const sent *s, size_t end)
{
    size_t i = s->b;
    while (i < s->pb && is_quote_tok(c, i) && c->qopen[i] == 1 && c->qpair[i] >= 0 &&
           (size_t)c->qpair[i] < s->pb) {
        end = (size_t)c->qpair[i] + 1;
        i = end;
        while (i < s->pb && is_punct(c, i) && !is_quote_tok(c, i))
            i++;
    }
    return end;
}

static bool participial(const ctx *c, size_t i)
{
    return is_any(c, i, PARTICIPLE_CUES);
}

/* One cue at token i of sentence s: returns the number of claims added (0 or 1), or
 * LA_ENOMEM. `last_src` is the source of the previous claim in the sentence. */
static int one_cue(ctx *c, const sent *s, size_t i, span *last_src, size_t *claimed_to)
{
    const la__cue_entry *e = cue_lookup(c, i);
    size_t cue_b = i + 1;
    const char *lemma, *cls;
    bool according = false;
    if (is(c, i, "according") && i + 1 < s->b && is(c, i + 1, "to")) {
        according = true;
        cue_b = i + 2;
        lemma = "according to";
        cls = "say";
    } else if (is(c, i, "went") && i + 1 < s->b && is(c, i + 1, "on") &&
               (i + 2 >= s->b || is_final(c, i + 2) || is_comma(c, i + 2) || is_colon(c, i + 2) ||
                is(c, i + 2, "to"))) {
        cue_b = i + 2;
        if (i + 2 < s->b && is(c, i + 2, "to") && i + 3 < s->b && cue_lookup(c, i + 3))
            cue_b = i + 4, e = cue_lookup(c, i + 3);
        lemma = "go on";
        cls = "say";
    } else if (!e) {
        return 0;
    } else {
        lemma = e->lemma;
        cls = e->cls;
    }
    if (i < *claimed_to)
        return 0;
    if (!according && is_upper(c, i) && i > s->a && !is_quote_tok(c, i - 1) && !is_colon(c, i - 1))
        return 0;
    if (is(c, i, "regarding") || is(c, i, "concerning"))
        return 0;
    bool nested = i < c->inside_to;
    /* nouns: "the report", "his calls" */
    if (!according && i > s->a && is_any(c, i - 1, DETERMINERS) && !is(c, i - 1, "to"))
        return 0;
    if (!according && i > s->a) {
        size_t q = i;
        while (q > s->a && tok(c, q - 1)->flags & LA_TOKEN_WORD && !is_upper(c, q - 1) && tlen(c, q - 1) > 4 &&
               !memcmp(c->t + tok(c, q - 1)->end - 2, "ly", 2))
            q--;
        size_t n = tlen(c, i);
        const char *w = c->t + tok(c, i)->start;
        bool participle = (n > 2 && !memcmp(w + n - 2, "ed", 2)) || (n > 2 && !memcmp(w + n - 2, "en", 2)) ||
                          is(c, i, "known") || is(c, i, "shown") || is(c, i, "told") || is(c, i, "thought") ||
                          is(c, i, "said") || is(c, i, "found") || is(c, i, "seen");
        if (q > s->a && participle &&
            (is(c, q - 1, "is") || is(c, q - 1, "are") || is(c, q - 1, "was") || is(c, q - 1, "were") ||
             is(c, q - 1, "be") || is(c, q - 1, "been") || is(c, q - 1, "being") || is(c, q - 1, "get") ||
             is(c, q - 1, "got")))
            return 0;
        if (is(c, i, "known") || (cue_b < s->b && participle && is(c, cue_b, "by")))
            return 0;
    }
    double p = according ? 1.0 : e ? (double)e->cue / (double)(e->total ? e->total : 1) : 1.0;
    if (e && !according && strcmp(lemma, "go") == 0 && cue_b == i + 1)
        return 0;
    if (e && e->cue < 10 && p < 0.5)
        return 0;
    if (!according && c->qregion[i] >= 0 && p < 0.5)
        return 0; /* weak cues inside quotes are the speaker's words */

    /* particles: "pointed out", "called for", "talked about" */
    if (cue_b < s->b && (is(c, cue_b, "out") || is(c, cue_b, "up")))
        cue_b++;

    span src = {0, 0};
    span content = {0, 0};
    size_t tail_end = cue_b;
    bool post = false;
    bool part = participial(c, i);

    if (according) {
        src = subject_right(c, cue_b, s->b);
        size_t after = src.b;
        while (after < s->b && !is_comma(c, after) && !is_final(c, after))
            after++;
        bool initial = i == s->a || (i == s->a + 1 && (is_quote_tok(c, s->a) || is(c, s->a, "but") ||
                                                       is(c, s->a, "and")));
        if (initial) {
            content.a = after + 1;
            content.b = content_end_after(c, s, content.a, false);
        } else {
            size_t end = i;
            if (end > s->a && is_comma(c, end - 1))
                end--;
            content.a = content_start_before(c, s, end);
            content.b = end;
        }
        if (!span_ok(src))
            return 0;
    } else if (part && i > s->a && is_comma(c, i - 1)) {
        /* ", saying CONTENT": the subject is that of the main clause */
        size_t a = cue_b;
        if (a < s->b && is(c, a, "that"))
            a++;
        else if (a < s->b && (is_colon(c, a) || is_comma(c, a)))
            a++;
        else if (strcmp(cls, "say") && strcmp(lemma, "cite") && strcmp(lemma, "call") && p < 0.5)
            return 0;
        content.a = a;
        content.b = content_end_after(c, s, a, a > cue_b && is_colon(c, a - 1));
        if (span_ok(*last_src))
            src = *last_src;
        else
            src = subject_right(c, s->a, i);
        if (src.b > src.a + 8)
            src.b = src.a + 8;
    } else if (part && i == s->a) {
        /* "Stating that CONTENT, X said ..." */
        size_t a = cue_b;
        if (a < s->b && is(c, a, "that"))
            a++;
        else
            return 0;
        size_t b = a;
        while (b < s->b && !is_comma(c, b))
            b++;
        content.a = a;
        content.b = b;
        /* the source follows the comma: "X said" */
        if (b + 1 < s->b)
            src = subject_right(c, b + 1, s->b);
    } else {
        /* postposed: `"CONTENT," X said.` / `CONTENT, said X.` */
        span left = subject_left(c, s->a, i);
        size_t k = i; /* token after the comma or closing mark that ends the content */
        bool inverted = false;
        if (left.b == left.a) {
            inverted = true;
        } else if (left.b - left.a <= 7) {
            k = left.a;
        }
        while (k > s->a && is_any(c, k - 1, AUX))
            k--;
        bool ends_quote = k > s->a && is_quote_tok(c, k - 1) && c->qopen[k - 1] == 2;
        bool ends_comma = k > s->a && is_comma(c, k - 1) && !is(c, k - 1, ";");
        if (k > s->a + 1 && (ends_quote || ends_comma) && (k < i || inverted)) {
            span isrc = {0, 0};
            size_t after = cue_b;
            if (inverted) {
                isrc = subject_right(c, cue_b, s->b);
                after = isrc.b;
            }
            if (tail_like(c, after, s->b, &tail_end)) {
                size_t end = k - 1;
                /* `CONTENT,"` -> end after the closing mark; `CONTENT,` -> before the comma */
                if (ends_quote)
                    end = k;
                size_t a = content_start_before(c, s, end);
                bool quoted = ends_quote || (end > s->a && c->qopen[end - 1] == 2) ||
                              (a < end && c->qopen[a] == 1);
                if (end > a + 1 && (quoted || p >= 0.5) && (!inverted || span_ok(isrc))) {
                    post = true;
                    content.a = a;
                    content.b = end;
                    src = inverted ? isrc : left;
                    if (tail_end + 1 < s->b && is_comma(c, tail_end) && !quoted &&
                        !is_any(c, tail_end + 1, PARTICIPLE_CUES) && !is(c, tail_end + 1, "according")) {
                        /* "CONTENT, X said, CONTENT." interjected: the whole sentence */
                        content.b = content_end_after(c, s, tail_end + 1, false);
                        tail_end = content.b;
                    } else if (quoted) {
                        content.b = quote_continuation(c, s, content.b);
                        tail_end = content.b;
                    }
                }
            }
        }
        if (!post) {
            /* preposed: X said (that) CONTENT */
            src = find_subject(c, s->a, i);
            if (!span_ok(src) && i > s->a && is_comma(c, i - 1)) {
                /* "X, an expert on ..., said": the sentence-initial noun phrase */
                size_t q = s->a;
                while (q < i && !is_comma(c, q) && !is_any(c, q, NP_STOP) && q - s->a < 10)
                    q++;
                if (q < i && is_comma(c, q) && q > s->a) {
                    src.a = s->a;
                    src.b = q;
                }
            }
            size_t a = cue_b;
            bool colon = false;
            /* objects and adjuncts before "that": "told reporters on Monday that" */
            size_t j = a;
            while (j < s->b && j - a < 10 && !is(c, j, "that") && !is_comma(c, j) && !is_colon(c, j) &&
                   !is_quote_tok(c, j) && !is_final(c, j))
                j++;
            if (j < s->b && is(c, j, "that")) {
                a = j + 1;
            } else if (j < s->b && is_colon(c, j) && j - a <= 6) {
                a = j + 1;
                colon = true;
            } else if (a < s->b && is_comma(c, a) && a + 1 < s->b && is_quote_tok(c, a + 1)) {
                a = a + 1;
            } else if (j < s->b && is_quote_tok(c, j) && c->qopen[j] == 1 && j - a <= 5 &&
                       (j == a || is_comma(c, j - 1) || is_colon(c, j - 1))) {
                a = j;
            } else {
                /* bare object or clause: only for strong cues */
                if (p < 0.3 && !(a < s->b && (is(c, a, "what") || is(c, a, "whether") || is(c, a, "how"))))
                    return 0;
                if (a < s->b && (is(c, a, "to") || is(c, a, "for") || is(c, a, "about") || is(c, a, "on") ||
                                 is(c, a, "of")) &&
                    strcmp(lemma, "say") == 0)
                    return 0; /* "said to be", "said on Monday" without content */
                if (a < s->b && (is(c, a, "for") || is(c, a, "on") || is(c, a, "about") || is(c, a, "of")))
                    a++;
            }
            if (!colon && a == cue_b && a < s->b && is_comma(c, a) && !(a + 1 < s->b && is_quote_tok(c, a + 1)))
                return 0;
            if (a >= s->b && !colon) {
                /* content in the next paragraph: "He said:" at the end */
                return 0;
            }
            content.a = a;
            content.b = content_end_after(c, s, a, colon);
            if (!span_ok(src))
                return 0;
            if (src.a > s->a && is_any(c, src.a - 1, SUBORD) && !colon)
                for (size_t q = content.a; q < content.b; q++)
                    if (is_comma(c, q) && c->qregion[q] < 0) {
                        content.b = q;
                        break;
                    }
            if (!span_ok(src) && i > s->a && !is_upper(c, s->a) && !is_quote_tok(c, s->a))
                return 0;
        }
    }
    if (!span_ok(content))
        return 0;
    if (nested && (p < 0.6 || post))
        return 0;
    if (content.b > s->pb && !(content.a < s->pb && c->qopen[content.a] == 1))
        content.b = content.b; /* quotes may run on; nothing to cut */
    int words = 0;
    for (size_t q = content.a; q < content.b && words < 3; q++)
        words += is_word(c, q);
    if (words < (p >= 0.5 ? 1 : 2))
        return 0;
    int rc = add_claim(c, src, i, cue_b, content, lemma, cls);
    if (rc < 0)
        return rc;
    if (span_ok(src))
        *last_src = src;
    *claimed_to = post ? (tail_end > cue_b ? tail_end : cue_b) : cue_b;
    if (!post && !according)
        c->inside_to = content.b;
    return 1;
}

/* ---- source resolution ---------------------------------------------------------------- */

static const char *const PERSON_NOUNS[] = {
    "expert", "analyst", "spokesman", "spokeswoman", "spokesperson", "minister", "president",
    "official", "leader", "commander", "chief", "director", "secretary", "ambassador", "senator",
    "governor", "candidate", "lawmaker", "mp", "deputy", "chairman", "general", "prime", "head",
    "professor", "researcher", "scholar", "cleric", "writer", "author", "journalist", "reporter",
    "man", "woman", "politician", "diplomat", "envoy", "representative", "member", "advisor",
    "adviser", "officer", "mayor", "king", "prince", "emir", "sheikh", "ayatollah", "judge",
    "lawyer", "attorney", "activist", "former", NULL};
static const char *const ORG_NOUNS[] = {
    "statement", "ministry", "government", "group", "party", "company", "agency", "committee",
    "council", "office", "newspaper", "report", "organization", "organisation", "alliance",
    "coalition", "movement", "administration", "department", "army", "military", "force", "forces",
    "bloc", "embassy", "union", "campaign", "court", "parliament", "network", "channel", "website",
    "paper", "institute", "center", "centre", "commission", "authority", "authorities", "police",
    "command", "team", "front", "communique", "declaration", "spokesman's", "state", "country",
    "association", "federation", "firm", "bank", NULL};
static const char *const INDEFINITE[] = {"some", "a", "an", "several", "many", "other", "few", "most",
                                         "certain", "one", "two", "three", "sources", "officials",
                                         "experts", "analysts", "observers", "critics", "people",
                                         NULL};

static bool label_person(int l) { return l == LA__PERSON; }
static bool label_org(int l) { return l == LA__ORG || l == LA__GPE || l == LA__NORP; }

static void resolve_sources(la_doc *doc)
{
    ctx c0 = {.doc = doc, .t = doc->text};
    const ctx *c = &c0;
    size_t e = 0, t = 0;
    int32_t last_person = -1, last_org = -1;
    for (size_t k = 0; k < doc->n_claims; k++) {
        la__claim *cl = &doc->claims[k];
        if (!cl->has_source)
            continue;
        /* advance the entity cursor past mentions before the source's end */
        int32_t inside = -1;
        while (e < doc->n_entities && doc->entities[e].start < cl->source_end) {
            const la__entity *m = &doc->entities[e];
            if (m->start >= cl->source_start && m->end <= cl->source_end &&
                (label_person(m->label) || label_org(m->label)))
                inside = (int32_t)e;
            if (m->end <= cl->source_start || !(m->start >= cl->source_start)) {
                if (label_person(m->label))
                    last_person = (int32_t)e;
                else if (m->label == LA__ORG || m->label == LA__GPE)
                    last_org = (int32_t)e;
            }
            e++;
        }
        /* a later claim may start earlier (inverted order): rescan nothing, use what we have */
        if (inside < 0)
            for (size_t q = e; q-- > 0 && q + 8 > e;) {
                const la__entity *m = &doc->entities[q];
                if (m->start >= cl->source_start && m->end <= cl->source_end &&
                    (label_person(m->label) || label_org(m->label))) {
                    inside = (int32_t)q;
                    break;
                }
            }
        if (inside >= 0) {
            /* a PERSON or ORG inside the source, or a GPE/NORP that ends it ("Iraq",
             * "Washington"); "some Iraqi security sources" names no entity */
            const la__entity *m = &doc->entities[inside];
            if (m->label == LA__PERSON || m->label == LA__ORG || m->end == cl->source_end) {
                cl->source_entity = inside;
                continue;
            }
        }
        /* first and last token of the source */
        while (t < doc->n_tokens && doc->tokens[t].end <= cl->source_start)
            t++;
        while (t > 0 && doc->tokens[t - 1].end > cl->source_start)
            t--;
        size_t a = t, b = t;
        while (b < doc->n_tokens && doc->tokens[b].start < cl->source_end)
            b++;
        if (b == a)
            continue;
        if (b - a == 1 && (is(c, a, "he") || is(c, a, "she") || is(c, a, "him") || is(c, a, "her") ||
                           is(c, a, "i"))) {
            cl->source_entity = last_person;
            continue;
        }
        if (b - a == 1 && (is(c, a, "they") || is(c, a, "it") || is(c, a, "we"))) {
            cl->source_entity = is(c, a, "it") || last_person < 0 ? last_org
                                : last_org > last_person      ? last_org
                                                              : last_person;
            continue;
        }
        if (is_any(c, a, INDEFINITE) || is_any(c, b - 1, INDEFINITE))
            continue;
        if (!(is(c, a, "the") || is(c, a, "this") || is(c, a, "that") || is(c, a, "these") ||
              is(c, a, "his") || is(c, a, "her") || is(c, a, "its") || is(c, a, "their")))
            continue;
        bool person = false, org = false;
        for (size_t q = a; q < b; q++) {
            person |= is_any(c, q, PERSON_NOUNS);
            org |= is_any(c, q, ORG_NOUNS);
        }
        if (is_any(c, b - 1, PERSON_NOUNS))
            org = false;
        if (is_any(c, b - 1, ORG_NOUNS))
            person = false;
        if (person)
            cl->source_entity = last_person;
        else if (org)
            cl->source_entity = last_org;
    }
}

/* ---- the stage ------------------------------------------------------------------------ */

static bool question_block(const ctx *c, const la__block *bl, size_t a, size_t b)
{
    if (b <= a)
        return false;
    if ((is(c, a, "q") || is(c, a, "question")) && a + 1 < b && (is_colon(c, a + 1) || is(c, a + 1, ".")))
        return true;
    /* a paragraph that is one question, with no cue: an interviewer's question */
    return false;
}

int la__claims(la_doc *doc, const la_pipeline *pipeline, la_error *err)
{
    (void)pipeline;
    if (!doc->n_tokens)
        return LA_OK;
    ctx c = {.doc = doc, .t = doc->text};
    c.qpair = malloc(doc->n_tokens * sizeof *c.qpair);
    c.qopen = malloc(doc->n_tokens * sizeof *c.qopen);
    c.qregion = malloc(doc->n_tokens * sizeof *c.qregion);
    int rc = LA_OK;
    if (!c.qpair || !c.qopen || !c.qregion) {
        rc = la__fail(err, LA_ENOMEM, 0, "out of memory for claims");
        goto done;
    }
    for (size_t i = 0; i < doc->n_tokens; i++) {
        c.qpair[i] = -1;
        c.qopen[i] = 0;
        c.qregion[i] = -1;
    }
    /* pass 1: quote regions, carried over paragraphs */
    int32_t carry = -1;
    for (size_t bi = 0; bi < doc->n_blocks; bi++) {
        const la__block *bl = &doc->blocks[bi];
        if (!bl->sentence_count)
            continue;
        const la__sentence *s0 = &doc->sentences[bl->first_sentence];
        const la__sentence *s1 = &doc->sentences[bl->first_sentence + bl->sentence_count - 1];
        size_t pa = s0->first_token, pb = s1->first_token + s1->token_count;
        if (bl->kind == LA_BLOCK_BOILERPLATE || pb <= pa) {
            carry = -1;
            continue;
        }
        if (carry >= 0 && !is_quote_tok(&c, pa))
            carry = -1;
        pair_quotes(&c, pa, pb, &carry);
    }
    /* pass 2: cues, sentence by sentence */
    for (size_t bi = 0; bi < doc->n_blocks && !rc; bi++) {
        const la__block *bl = &doc->blocks[bi];
        if (!bl->sentence_count || bl->kind == LA_BLOCK_BOILERPLATE)
            continue;
        const la__sentence *s0 = &doc->sentences[bl->first_sentence];
        const la__sentence *s1 = &doc->sentences[bl->first_sentence + bl->sentence_count - 1];
        size_t pa = s0->first_token, pb = s1->first_token + s1->token_count;
        if (question_block(&c, bl, pa, pb))
            continue;
        for (size_t si = 0; si < bl->sentence_count && !rc; si++) {
            const la__sentence *se = &doc->sentences[bl->first_sentence + si];
            sent s = {se->first_token, se->first_token + se->token_count, pa, pb};
            span last_src = {0, 0};
            size_t claimed_to = 0;
            size_t first_claim = doc->n_claims;
            for (size_t i = s.a; i < s.b; i++) {
                int r = one_cue(&c, &s, i, &last_src, &claimed_to);
                if (r < 0) {
                    rc = la__fail(err, LA_ENOMEM, 0, "out of memory for claims");
                    break;
                }
            }
            (void)first_claim;
        }
    }
    if (!rc)
        resolve_sources(doc);
done:
    free(c.qpair);
    free(c.qopen);
    free(c.qregion);
    return rc;
}
