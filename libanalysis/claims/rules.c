/* The hand-written attribution rules of the first claims stage, kept as evidence for the
 * trained taggers: their proposals become features (features.c), so the taggers learn
 * from PolNeAR how far to trust each pattern. Rules over the tokens of each paragraph,
 * driven by the cue lexicon:
 *
 *   X said (that) CONTENT.          preposed cue, content to the right
 *   X added: CONTENT ...            colon: content to the end of the paragraph
 *   "CONTENT," X said. / ..., said X.   postposed or inverted cue
 *   According to X, CONTENT. / CONTENT, according to X.
 *   ..., saying CONTENT / Stating that CONTENT, X said ...   participles
 *
 * Every search is bounded by the sentence, the paragraph or a quote region. */
#include "claims/rules.h"
#include "parse/chars.h"

#include <string.h>

typedef struct ctx {
    const la__cl_ctx *x;
    la_doc *doc;
    const char *t;
    const int32_t *qpair, *qregion;
    const uint8_t *qopen;
    size_t inside_to;    /* end of the last claim's content: cues before it are nested */
    la__cl_rule **out;
    size_t *n_out, cap_out;
} ctx;

static const la__token *tok(const ctx *c, size_t i) { return &c->doc->tokens[i]; }
static size_t tlen(const ctx *c, size_t i) { return tok(c, i)->end - tok(c, i)->start; }
static bool is(const ctx *c, size_t i, const char *lit) { return la__cl_is(c->x, i, lit); }
static bool is_any(const ctx *c, size_t i, const char *const *list) { return la__cl_is_any(c->x, i, list); }
static bool is_word(const ctx *c, size_t i) { return la__cl_is_word(c->x, i); }
static bool is_punct(const ctx *c, size_t i) { return la__cl_is_punct(c->x, i); }
static bool is_upper(const ctx *c, size_t i)
{
    return c->x->shape[i] == LA__SHAPE_CAP || c->x->shape[i] == LA__SHAPE_UPPER;
}
static bool is_quote_tok(const ctx *c, size_t i) { return c->x->shape[i] == LA__SHAPE_QUOTE; }
/* by the shapes of the context (context.c), not by text: the rules ask these of most tokens */
static bool is_comma(const ctx *c, size_t i)
{
    return c->x->shape[i] == LA__SHAPE_COMMA || (c->x->shape[i] == LA__SHAPE_DASH && is(c, i, "\xE2\x80\x94"));
}
static bool is_colon(const ctx *c, size_t i) { return c->x->shape[i] == LA__SHAPE_COLON; }
static bool is_final(const ctx *c, size_t i) { return c->x->shape[i] == LA__SHAPE_FINAL; }
static const la__cue_entry *cue_lookup(const ctx *c, size_t i) { return c->x->cue[i]; }

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
    (void)lemma;
    (void)cls;
    if (content.a >= content.b || content.b > c->doc->n_tokens)
        return 0;
    la__cl_rule r = {src.a, src.b, cue_a, cue_b, content.a, content.b};
    return LA__PUSH(*c->out, *c->n_out, c->cap_out, r) ? -1 : 1;
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

static const char *const TOLD[] = {"told", "tells", "telling", NULL};

/* The end of the addressee of "told" that starts at token a: up to four words before a
 * comma or the sentence's end ("told Al-Maalomah,", "told the agency."); or a. */
static size_t addressee_end(const ctx *c, size_t a, size_t hi)
{
    size_t k = a;
    while (k < hi && k < a + 4 && is_word(c, k) && !is(c, k, "that"))
        k++;
    return k > a && (k == hi || is_comma(c, k) || is_final(c, k)) ? k : a;
}

/* Is [a, hi) a tail after a postposed cue: empty, or a short phrase up to a comma or the
 * sentence end with no clause introducer? */
static bool tail_like(const ctx *c, size_t a, size_t hi, size_t *tail_end)
{
    size_t i = a, n = 0;
    /* "..., X said Friday afternoon, as ...": a time is a tail too */
    bool time = a < hi && (c->x->ent[a] == LA__DATE + 1 || c->x->ent[a] == LA__TIME + 1);
    if (a < hi && !(is_final(c, a) || is_comma(c, a) || is_quote_tok(c, a) || is(c, a, ")") ||
                    is_any(c, a, TAIL_PREP) || time))
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

static const char *const BE_FORMS[] = {"is", "are", "was", "were", "been", "being", "be", NULL};

/* The passive "was quoted (by the agency) as saying" ending with "saying" at token i: the
 * token of its "be", or 0. */
static size_t quoted_as(const ctx *c, const sent *s, size_t i)
{
    if (!is(c, i, "saying") || i < s->a + 3 || !is(c, i - 1, "as"))
        return 0;
    for (size_t k = i - 1; k > s->a + 1 && i - k < 12; k--)
        if (is(c, k - 1, "quoted") && is_any(c, k - 2, BE_FORMS))
            return k - 2;
    return 0;
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
    /* "went on" ending its clause ("..., the statement went on.") only ever reports speech,
       though "went" alone mostly does not */
    if (!strcmp(lemma, "go on") && !(cue_b < s->b && is(c, cue_b, "to")))
        p = 1.0;
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
    size_t quoted = 0;

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
    } else if ((quoted = quoted_as(c, s, i)) != 0) {
        /* "X was quoted (by Y) as saying (that) CONTENT": X is the source */
        src = subject_left(c, s->a, quoted);
        size_t a = cue_b < s->b && (is(c, cue_b, "that") || is_colon(c, cue_b)) ? cue_b + 1 : cue_b;
        content.a = a;
        content.b = content_end_after(c, s, a, a > cue_b && is_colon(c, cue_b));
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
        size_t b = a; /* to the comma, past those quoted ('Stressing that "A, not B", X said') */
        while (b < s->b && !(is_comma(c, b) && c->qregion[b] < 0))
            b++;
        content.a = a;
        content.b = b;
        /* the source follows the comma, up to its verb: "X said", "the cleric called on" */
        if (b + 1 < s->b)
            src = subject_right(c, b + 1, s->b);
        for (size_t k = src.a + 1; k < src.b; k++)
            if (!is_upper(c, k) && (cue_lookup(c, k) || is_any(c, k, AUX))) {
                src.b = k;
                break;
            }
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
            } else if (is_any(c, i, TOLD)) {
                after = addressee_end(c, after, s->b); /* "CONTENT, X told Al-Maalomah, ..." */
            }
            if (tail_like(c, after, s->b, &tail_end)) {
                size_t end = k - 1;
                /* `CONTENT,"` -> end after the closing mark; `CONTENT,` -> before the comma */
                if (ends_quote)
                    end = k;
                size_t a = content_start_before(c, s, end);
                bool quoted = ends_quote || (end > s->a && c->qopen[end - 1] == 2) ||
                              (a < end && c->qopen[a] == 1);
                /* "Washington, the analyst believes, is ...": an attribution between commas
                   in mid-sentence is one, for a single word before it and a weaker cue */
                bool between = !quoted && !inverted && tail_end + 1 < s->b && is_comma(c, tail_end) &&
                               !is_quote_tok(c, tail_end + 1) && !is_any(c, tail_end + 1, PARTICIPLE_CUES) &&
                               !is(c, tail_end + 1, "according");
                if ((end > a + 1 || (between && end > a)) && (quoted || p >= 0.5 || (between && p >= 0.2)) &&
                    (!inverted || span_ok(isrc))) {
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
                /* bare object or clause: only for strong cues, or a belief verb's complement */
                if (p < 0.3 && !(a < s->b && (is(c, a, "what") || is(c, a, "whether") || is(c, a, "how"))) &&
                    !(e && !strcmp(e->cls, "believe") && la__cl_bare_complement(c->x, a, s->b)))
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
    int rc = add_claim(c, src, quoted ? quoted : i, cue_b, content, lemma, cls);
    if (rc < 0)
        return rc;
    if (span_ok(src))
        *last_src = src;
    *claimed_to = post ? (tail_end > cue_b ? tail_end : cue_b) : cue_b;
    if (!post && !according)
        c->inside_to = content.b;
    return 1;
}

int la__cl_rules(const la__cl_ctx *x, la__cl_rule **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    ctx c = {.x = x, .doc = x->doc, .t = x->t, .qpair = x->qpair, .qregion = x->qregion,
             .qopen = x->qopen, .out = out, .n_out = n_out};
    for (size_t bi = 0; bi < x->doc->n_blocks; bi++) {
        size_t pa, pb;
        if (!la__cl_block_tokens(x, bi, &pa, &pb))
            continue;
        const la__block *bl = &x->doc->blocks[bi];
        for (size_t si = 0; si < bl->sentence_count; si++) {
            const la__sentence *se = &x->doc->sentences[bl->first_sentence + si];
            sent s = {se->first_token, se->first_token + se->token_count, pa, pb};
            span last_src = {0, 0};
            size_t claimed_to = 0;
            for (size_t i = s.a; i < s.b; i++)
                if (one_cue(&c, &s, i, &last_src, &claimed_to) < 0)
                    return LA_ENOMEM;
        }
    }
    return LA_OK;
}
