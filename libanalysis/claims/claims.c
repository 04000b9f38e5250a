/* Claims: who said what. Two trained sequence taggers (claims/model.h, learnt from
 * PolNeAR train by tools/train_claims.c) do the finding:
 *
 *   1. the cue tagger marks the cue words of every sentence ("said", "according to",
 *      "the statement went on", "criticized");
 *   2. for each cue, the role tagger marks its source and content in a window of
 *      sentences around it (features.h), which covers preposed, postposed and
 *      interjected cues, contents introduced by "that" or a colon, and quotes running on
 *      into the next sentences.
 *
 * Rules then only do what needs no learning: the claim's kind from the quote marks
 * (paired per paragraph in context.c), the cue's lemma and class from the cue lexicon
 * (model/cues.tsv), attributions marked by layout rather than wording (speaker labels
 * and dash attributions, conventions.c), and resolving the source to an entity mention.
 * Boilerplate and interview questions are never read. Every tagger runs over a bounded
 * window, so the stage is linear in the document. */
#include "claims/claims.h"
#include "claims/context.h"
#include "claims/conventions.h"
#include "claims/features.h"
#include "claims/model.h"
#include "claims/rules.h"
#include "entities/lexicon.h"

#include <string.h>
#include <strings.h>

typedef struct span { size_t a, b; } span; /* token range [a, b) */

static bool span_ok(span s) { return s.b > s.a; }

static bool is_quote(const la__cl_ctx *c, size_t i) { return c->shape[i] == LA__SHAPE_QUOTE; }

/* ---- the claim record ------------------------------------------------------------------ */

/* The kind from the quote marks: direct when one quote region covers the content (its
 * marks then left out of the span), mixed when the content holds quoted words, indirect
 * otherwise. Returns false when nothing is left of the content. */
static bool content_kind(const la__cl_ctx *c, span *content, uint8_t *kind)
{
    size_t ca = content->a, cb = content->b;
    *kind = LA_CLAIM_INDIRECT;
    if (c->qopen[ca] == 1 && c->qpair[ca] >= 0 && (size_t)c->qpair[ca] + 1 >= cb && (size_t)c->qpair[ca] < cb) {
        *kind = LA_CLAIM_DIRECT;
        ca++;
        if ((size_t)c->qpair[content->a] == cb - 1)
            cb--;
        while (cb > ca && (c->shape[cb - 1] == LA__SHAPE_COMMA || la__cl_is(c, cb - 1, ".")))
            cb--; /* the comma or stop inside the closing mark */
    } else if (c->qopen[ca] == 1 && c->qpair[ca] < 0 && cb > ca + 1) {
        bool other = false; /* an opening mark whose quote runs on past the content */
        for (size_t i = ca + 1; i < cb; i++)
            other |= c->qopen[i] != 0;
        if (!other) {
            *kind = LA_CLAIM_DIRECT;
            ca++;
        }
    } else {
        for (size_t i = ca; i < cb && *kind == LA_CLAIM_INDIRECT; i++)
            if (c->qopen[i])
                *kind = LA_CLAIM_MIXED;
        if (c->qregion[ca] >= 0 && c->qregion[ca] == c->qregion[cb - 1] && !c->qopen[ca] &&
            (*kind == LA_CLAIM_MIXED || c->qpair[c->qregion[ca]] < 0 || (size_t)c->qpair[c->qregion[ca]] >= cb))
            *kind = LA_CLAIM_DIRECT; /* wholly inside one quote */
    }
    content->a = ca;
    content->b = cb;
    return cb > ca;
}

/* inside_quote: the content is the inside of a quote, already out of its marks (kind
 * direct); otherwise the kind is read from the marks (content_kind). */
static int push_claim(const la__cl_ctx *c, span src, const la__cl_cue *cue, span content, bool inside_quote)
{
    /* punctuation other than quote marks and brackets is not part of a content's edges */
    while (content.b > content.a && la__cl_is_punct(c, content.b - 1) && !is_quote(c, content.b - 1) &&
           !la__cl_is(c, content.b - 1, ")") && !la__cl_is(c, content.b - 1, "?") &&
           !la__cl_is(c, content.b - 1, "!"))
        content.b--;
    while (content.b > content.a && la__cl_is_punct(c, content.a) && !is_quote(c, content.a) &&
           !la__cl_is(c, content.a, "("))
        content.a++;
    bool words = false;
    for (size_t i = content.a; i < content.b && !words; i++)
        words = la__cl_is_word(c, i);
    uint8_t kind = LA_CLAIM_DIRECT;
    if (!words || (!inside_quote && !content_kind(c, &content, &kind)))
        return LA_OK;
    la_doc *d = c->doc;
    la__claim cl = {0};
    cl.has_source = span_ok(src);
    if (cl.has_source) {
        cl.source_start = d->tokens[src.a].start;
        cl.source_end = d->tokens[src.b - 1].end;
    }
    cl.cue_start = d->tokens[cue->a].start;
    cl.cue_end = d->tokens[cue->b - 1].end;
    cl.content_start = d->tokens[content.a].start;
    cl.content_end = d->tokens[content.b - 1].end;
    cl.kind = kind;
    cl.cue_lemma = cue->entry ? cue->entry->lemma : NULL;
    cl.cue_class = cue->entry ? cue->entry->cls : "other";
    cl.source_entity = -1;
    return LA__PUSH(d->claims, d->n_claims, d->cap_claims, cl);
}

/* ---- decoding --------------------------------------------------------------------------- */

/* Per-call scratch, grown to the longest sequence seen. */
typedef struct scratch {
    float *emit;
    uint8_t *work, *labels, *gate;
    size_t cap;
} scratch;

static int reserve(scratch *s, size_t n)
{
    if (n <= s->cap)
        return LA_OK;
    size_t cap = n < 256 ? 256 : n;
    float *emit = realloc(s->emit, cap * LA__CL_ROLE_LABELS * sizeof *emit);
    if (emit)
        s->emit = emit;
    uint8_t *work = realloc(s->work, cap * LA__CL_ROLE_LABELS);
    if (work)
        s->work = work;
    uint8_t *labels = realloc(s->labels, cap);
    if (labels)
        s->labels = labels;
    uint8_t *gate = realloc(s->gate, cap);
    if (gate)
        s->gate = gate;
    if (!emit || !work || !labels || !gate)
        return LA_ENOMEM;
    s->cap = cap;
    return LA_OK;
}

static void free_scratch(scratch *s)
{
    free(s->emit);
    free(s->work);
    free(s->labels);
    free(s->gate);
}

/* Labels tokens [a, b) with one tagger into out[0, b - a), which holds at least s->cap
 * labels; features(i) gives token i's features. */
typedef void (*feature_fn)(const la__cl_ctx *c, const void *arg, size_t i, la__cl_feats *out);

static void tag(const la__cl_ctx *c, const la__cl_model *m, la__cl_which which, feature_fn features,
                const void *arg, size_t a, size_t b, scratch *s, uint8_t *out)
{
    size_t L = la__cl_labels(which);
    /* features of the next position are computed and prefetched while this one is scored */
    la__cl_feats f[2];
    if (a < b) {
        features(c, arg, a, &f[0]);
        la__cl_prefetch(m, which, &f[0]);
    }
    for (size_t i = a; i < b; i++) {
        size_t cur = (i - a) & 1, next = cur ^ 1;
        if (i + 1 < b) {
            features(c, arg, i + 1, &f[next]);
            la__cl_prefetch(m, which, &f[next]);
        }
        float *e = &s->emit[(i - a) * L];
        memset(e, 0, L * sizeof *e);
        la__cl_score(m, which, &f[cur], e);
    }
    la__cl_viterbi(b - a, L, s->emit, la__cl_transitions(m, which), s->work, out);
}

static void cue_features(const la__cl_ctx *c, const void *arg, size_t i, la__cl_feats *out)
{
    const span *sentence = arg;
    la__cl_cue_features(c, sentence->a, sentence->b, i, out);
}

/* The cue tagger only labels tokens near a cue candidate: up to GATE_BEFORE tokens before
 * one ("has also said") and GATE_AFTER after ("according to", "told reporters"); every
 * other token is O. Three before instead of two scored 0.04 higher on the held-out fifth
 * and 0.05 lower on dev, with 3% more of the stage's instructions (docs/claims.md).
 * A candidate is a word of the cue lexicon, a colon, or a word whose own weight leans to
 * B-cue by more than LA__CL_GATE_WEIGHT (model.h). That leaves three tokens in five of
 * a news text unscored. The threshold is the highest that cost at most 0.1 F1 on a fifth
 * of PolNeAR train held out from training (docs/claims.md); the taggers themselves are
 * trained on whole sentences. */
#define GATE_BEFORE 2
#define GATE_AFTER 2

static bool cue_candidate(const la__cl_ctx *c, const la__cl_model *m, size_t i)
{
    if (c->cue[i] || c->shape[i] == LA__SHAPE_COLON)
        return true;
    return la__cl_gate(m, la__cl_word_feature(c->word[i]));
}

/* Cue labels of the sentence into s->labels: the tagger labels each run of tokens near
 * candidates as a sequence of its own. */
static int tag_cues(const la__cl_ctx *c, const la__cl_model *m, span sentence, scratch *s)
{
    size_t n = sentence.b - sentence.a;
    if (reserve(s, n))
        return LA_ENOMEM;
    memset(s->labels, LA__CL_CUE_O, n);
    memset(s->gate, 0, n);
    for (size_t k = 0; k < n; k++) {
        if (!cue_candidate(c, m, sentence.a + k))
            continue;
        size_t from = k > GATE_BEFORE ? k - GATE_BEFORE : 0, to = k + GATE_AFTER < n ? k + GATE_AFTER : n - 1;
        memset(s->gate + from, 1, to - from + 1);
    }
    for (size_t k = 0; k < n;) {
        size_t end = k;
        while (end < n && s->gate[end])
            end++;
        if (end > k)
            tag(c, m, LA__CL_CUE, cue_features, &sentence, sentence.a + k, sentence.a + end, s, s->labels + k);
        k = end + 1;
    }
    return LA_OK;
}

static void role_features(const la__cl_ctx *c, const void *arg, size_t i, la__cl_feats *out)
{
    la__cl_role_features(c, arg, i, out);
}

/* Whether token q opens a quote that its own attribution follows ('"B," he added'): its
 * closing mark comes after a comma. */
static bool attributed_again(const la__cl_ctx *c, size_t q)
{
    return c->qopen[q] == 1 && c->qpair[q] > (int32_t)q + 1 && c->shape[c->qpair[q] - 1] == LA__SHAPE_COMMA;
}

/* Whether a run opens with a quote mark, past punctuation. */
static bool quoted_run(const la__cl_ctx *c, span run)
{
    for (size_t i = run.a; i < run.b && la__cl_is_punct(c, i); i++)
        if (c->qopen[i] == 1)
            return true;
    return false;
}

static const char *const ASKED[] = {"asked", "pressed", "questioned", NULL};

/* Whether a run lies in a question put to the speaker, which opens its sentence
 * ("Asked about the bases, ..."; "When asked whether ..."). */
static bool asked_before(const la__cl_ctx *c, span run)
{
    size_t a = c->doc->sentences[c->doc->tokens[run.a].sentence].first_token;
    if (a < run.a && la__cl_is(c, a, "when"))
        a++;
    return a < run.a && la__cl_is_any(c, a, ASKED);
}

/* Whether a content run `left` may be joined with a later run `right`: only punctuation,
 * the cue or the source lie between them ('"A," he said, "B"'; "The museum, he said,
 * would ..."), and neither is the question before an answer nor a quote of the next
 * sentence attributed again. (A quote joined with the narration after its cue is cut
 * back by narration_after_quote.) */
static bool joinable(const la__cl_ctx *c, const la__cl_cue *cue, span src, span left, span right)
{
    for (size_t i = left.b; i < right.a; i++) {
        bool in_cue = i >= cue->a && i < cue->b, in_src = i >= src.a && i < src.b;
        if (!in_cue && !in_src && !la__cl_is_punct(c, i))
            return false;
    }
    /* the question does not join the answer ('Asked about X, he said, "A"') */
    if (left.b <= cue->a && right.a >= cue->b && asked_before(c, left) && quoted_run(c, right))
        return false;
    /* nor with a quote of the next sentence that has a cue of its own */
    uint32_t sentence = c->doc->tokens[left.b - 1].sentence;
    for (size_t i = left.b; i < right.b && (i <= right.a || la__cl_is_punct(c, i)); i++)
        if (attributed_again(c, i) && c->doc->tokens[i].sentence != sentence)
            return false;
    return true;
}

/* A content run of name words right before the source, in the same mention ("Ivana" of
 * "Ivana Trump later dismissed"), is the start of the source: it joins the source and
 * leaves the runs. Returns how many runs are left. */
static size_t name_parts_to_source(const la__cl_ctx *c, span *runs, size_t n, span *src)
{
    size_t kept = 0;
    for (size_t k = 0; k < n; k++) {
        span r = runs[k];
        bool name = span_ok(*src) && r.b == src->a && c->ent[r.b - 1] && c->ent[r.b - 1] == c->ent[src->a];
        for (size_t i = r.a; i < r.b && name; i++)
            name = c->ent[i] == c->ent[src->a];
        if (name)
            src->a = r.a;
        else
            runs[kept++] = r;
    }
    return kept;
}

/* Source and content from the role labels of window [wa, wb): the source is the source
 * run nearest the cue; the content is the longest content run, joined with the runs
 * around it that joinable() allows. */
static void roles(const la__cl_ctx *c, const la__cl_cue *cue, size_t wa, size_t wb, const uint8_t *lab,
                  span *src, span *content)
{
    span runs[64];
    size_t n = 0, best = 0, src_dist = SIZE_MAX;
    *src = *content = (span){0, 0};
    for (size_t i = wa; i < wb;) {
        uint8_t l = lab[i - wa];
        size_t j = i + 1;
        if (l == LA__CL_SRC_B || l == LA__CL_CON_B) {
            while (j < wb && lab[j - wa] == l + 1)
                j++;
            if (l == LA__CL_SRC_B) {
                size_t d = j <= cue->a ? cue->a - j : i >= cue->b ? i - cue->b : 0;
                if (d < src_dist) {
                    src_dist = d;
                    *src = (span){i, j};
                }
            } else if (n < 64) {
                runs[n++] = (span){i, j};
            }
        }
        i = j;
    }
    n = name_parts_to_source(c, runs, n, src);
    if (!n)
        return;
    size_t best_d = SIZE_MAX;
    for (size_t k = 0; k < n; k++) { /* the run nearest the cue */
        size_t d = runs[k].b <= cue->a ? cue->a - runs[k].b : runs[k].a >= cue->b ? runs[k].a - cue->b : 0;
        if (runs[k].b <= cue->a && asked_before(c, runs[k])) /* the question, when the answer is there */
            d += wb - wa;
        if (d < best_d) {
            best_d = d;
            best = k;
        }
    }
    *content = runs[best];
    for (size_t k = best; k-- > 0 && joinable(c, cue, *src, runs[k], *content);)
        content->a = runs[k].a;
    for (size_t k = best + 1; k < n && joinable(c, cue, *src, *content, runs[k]); k++)
        content->b = runs[k].b;
}

static const char *const RELATIVE[] = {"who", "which", "that", "whom", NULL};
static const char *const DETERMINER[] = {"the", "a", "an", "his", "her", "its", "their", NULL};
/* Words that are never a source on their own: auxiliaries and adverbs the tagger can
 * mistake for the subject just left of a cue. */
static const char *const NOT_SOURCE[] = {"be", "been", "being", "is", "are", "was", "were", "has",
                                         "have", "had", "also", "not", "then", "now", "often",
                                         "never", "even", "still", "just", "already", "somehow",
                                         "indeed", "thus", "therefore", "perhaps", "rather",
                                         "instead", "again", "always", "ever", "soon", "later",
                                         "once", "meanwhile", "however", "too", NULL};
static const char *const SUBJECT_PRONOUN[] = {"he", "she", "they", "it", "we", "i", "you", NULL};

static bool adverb(const la__cl_ctx *c, size_t i)
{
    const la__token *t = &c->doc->tokens[i];
    return t->end - t->start > 4 && c->t[t->end - 2] == 'l' && c->t[t->end - 1] == 'y';
}

/* Whether token i is lower-case, or capitalised as its sentence's first word. */
static bool lower_or_first(const la__cl_ctx *c, size_t i)
{
    const la_doc *d = c->doc;
    return c->shape[i] == LA__SHAPE_LOWER ||
           (c->shape[i] == LA__SHAPE_CAP && d->sentences[d->tokens[i].sentence].first_token == i);
}

/* A lone word that names nobody: an adverb or auxiliary left of the cue. */
static bool names_nobody(const la__cl_ctx *c, span src)
{
    return src.b == src.a + 1 && lower_or_first(c, src.a) &&
           (adverb(c, src.a) || la__cl_is_any(c, src.a, NOT_SOURCE) || la__cl_class_names_nobody(c, src.a));
}

/* The subject pronoun just before such a word ("he somehow understood"), or nothing. */
static span pronoun_before(const la__cl_ctx *c, span src, size_t pa)
{
    return src.a > pa && la__cl_is_any(c, src.a - 1, SUBJECT_PRONOUN) ? (span){src.a - 1, src.a} : (span){0, 0};
}

/* Whether token k lies in a PERSON or ORG mention. */
static bool person_or_org(const la__cl_ctx *c, size_t k)
{
    int label = c->ent[k] - 1;
    return label == LA__PERSON || label == LA__ORG;
}

/* Tokens of the entity mention ending at token k (by label runs), or an empty span. */
static span entity_ending(const la__cl_ctx *c, size_t k, size_t lo)
{
    if (!c->ent[k])
        return (span){0, 0};
    size_t a = k;
    while (a > lo && c->ent[a - 1] == c->ent[k])
        a--;
    return (span){a, k + 1};
}

static const char *const NP_BOUNDARY[] = {"in", "on", "at", "by", "with", "from", "for", "of", "to",
                                          "about", "among", "against", "than", "as", "that", NULL};
static const char *const NP_DETERMINER[] = {"the", "a", "an", "his", "her", "its", "their", "our",
                                            "this", "these", "those", "some", "many", "other", NULL};

/* The plain noun phrase ending at token k ("by Iraqi officials and figures" -> "Iraqi
 * officials and figures"): words back to a determiner (kept), a preposition, a
 * punctuation mark, a verb-like cue word or the paragraph start, or an empty span. */
static span np_ending(const la__cl_ctx *c, size_t k, size_t lo)
{
    if (!la__cl_is_word(c, k) || la__cl_is_any(c, k, NP_BOUNDARY) || la__cl_is_any(c, k, NOT_SOURCE))
        return (span){0, 0};
    size_t a = k;
    while (a > lo && k - a < 6 && !la__cl_is_any(c, a, NP_DETERMINER)) {
        size_t p = a - 1;
        if (!la__cl_is_word(c, p) || la__cl_is_any(c, p, NP_BOUNDARY) || la__cl_is_any(c, p, NOT_SOURCE) ||
            (c->cue[p] && c->shape[p] == LA__SHAPE_LOWER))
            break;
        a = p;
    }
    return (span){a, k + 1};
}

/* The subject before an aside that holds a word naming nobody ("The US-led Westerners,
 * however, usually insist"; "Marc H. Morial, the chief executive of the National Urban
 * League, forcefully told"): back over at most four tokens, commas and such words, at
 * least min_commas commas, the PERSON, ORG or plain noun phrase there; or nothing. */
static span subject_before_aside(const la__cl_ctx *c, span src, size_t pa, size_t min_commas)
{
    size_t k = src.a, commas = 0;
    while (k > pa && src.a - k < 4) {
        size_t p = k - 1;
        if (c->shape[p] == LA__SHAPE_COMMA)
            commas++;
        else if (!names_nobody(c, (span){p, p + 1}))
            break;
        k = p;
    }
    if (commas < min_commas || k <= pa || c->shape[k] != LA__SHAPE_COMMA || !la__cl_is_word(c, k - 1) ||
        la__cl_class_names_nobody(c, k - 1) || c->cue[k - 1])
        return (span){0, 0};
    return person_or_org(c, k - 1) ? entity_ending(c, k - 1, pa) : np_ending(c, k - 1, pa);
}

/* The subject a lone word that names nobody stands after: a pronoun just before it, or
 * the subject before an aside; or nothing. */
static span subject_of_lone_word(const la__cl_ctx *c, span src, size_t pa, size_t min_commas)
{
    span s = pronoun_before(c, src, pa);
    return span_ok(s) ? s : subject_before_aside(c, src, pa, min_commas);
}

/* Whether a bracket opens in src and is not closed there ("Sen. Chuck Grassley (R-Iowa"). */
static bool open_bracket(const la__cl_ctx *c, span src)
{
    int depth = 0;
    for (size_t i = src.a; i < src.b; i++)
        depth += la__cl_is(c, i, "(") - (depth > 0 && la__cl_is(c, i, ")"));
    return depth > 0;
}

/* A source ends at its last word, or at the bracket closing one it opens ("Sen. Chuck
 * Grassley (R-Iowa)"), found within two tokens before `limit` when the tagger left it out. */
static span trim_source_end(const la__cl_ctx *c, span src, size_t limit)
{
    while (span_ok(src) && la__cl_is_punct(c, src.b - 1) &&
           !(la__cl_is(c, src.b - 1, ")") && open_bracket(c, (span){src.a, src.b - 1})))
        src.b--;
    if (open_bracket(c, src))
        for (size_t i = src.b; i < limit && i < src.b + 2 && la__cl_is_punct(c, i); i++)
            if (la__cl_is(c, i, ")"))
                return (span){src.a, i + 1};
    return src;
}

/* A source that crosses a ")" it does not open runs out of a bracket: it keeps the side
 * of the cue's. Left of the cue it starts after the last such mark ("AlAhed News) \xE2\x80\x93 An
 * Iraqi lawmaker said", the tail of a dateline); right of it, it ends at the first
 * ("wrote Edward Nelson, on the union's page), and the ..."). */
static span cue_side_of_bracket(const la__cl_ctx *c, const la__cl_cue *cue, span src)
{
    int depth = 0;
    for (size_t i = src.a; i < src.b; i++) {
        if (la__cl_is(c, i, "(")) {
            depth++;
        } else if (la__cl_is(c, i, ")") && depth-- == 0) {
            if (src.a >= cue->b)
                return (span){src.a, i};
            src.a = i + 1;
            depth = 0;
        }
    }
    return src;
}

/* A source or content that opens its paragraph after a dateline ("Tasnim \xE2\x80\x93 The
 * secretary general of ...", "(Reuters) \xE2\x80\x94 The New York State Attorney General ...")
 * starts after its dash: at most five tokens and no verb before it, a capital after it
 * ("Kall -- co-editor of ..." is an apposition). */
static span after_dateline(const la__cl_ctx *c, span s, size_t pa)
{
    for (size_t k = pa + 1; k < s.b && k <= pa + 5; k++) {
        if (c->shape[k] == LA__SHAPE_DASH && (la__cl_is_word(c, k - 1) || la__cl_is(c, k - 1, ")")))
            return s.a <= k && k + 1 < s.b && (c->shape[k + 1] == LA__SHAPE_CAP || c->shape[k + 1] == LA__SHAPE_UPPER)
                       ? (span){k + 1, s.b}
                       : s;
        if (c->cue[k] || la__cl_finite(c, k))
            break;
    }
    return s;
}

static const char *const ADVERBIAL_PREPOSITION[] = {"in", "on", "at", "for", "during", "after", "before",
                                                    "since", "amid", "from", NULL};

/* "An informed source, who spoke on condition of anonymity, told", "Stoltenberg, in a
 * statement, said": a relative clause or an adverbial phrase after a comma is no part
 * of the source, which ends before it. */
static span before_comma_aside(const la__cl_ctx *c, span src)
{
    for (size_t i = src.a + 1; i + 1 < src.b; i++)
        if (c->shape[i] == LA__SHAPE_COMMA && !open_bracket(c, (span){src.a, i}) &&
            (la__cl_is_any(c, i + 1, RELATIVE) || la__cl_is_any(c, i + 1, ADVERBIAL_PREPOSITION)))
            return (span){src.a, i};
    return src;
}

/* Repairs the source the role tagger gave, in ways the window's labels cannot express:
 * no source at all takes the rules' subject when they found one; a relative pronoun
 * ("X, who said") or an apposition ("X, the minister, said") stands for the name before
 * it, which joins the source; a lone word that names nobody (an adverb left of the cue)
 * falls back to the rules' source, or to none. */
static span repair_source(const la__cl_ctx *c, const la__cl_cue *cue, span src, size_t pa)
{
    src = trim_source_end(c, src, src.b <= cue->a ? cue->a : c->doc->n_tokens);
    src = cue_side_of_bracket(c, cue, src);
    src = after_dateline(c, src, pa);
    src = before_comma_aside(c, src);
    while (span_ok(src) && la__cl_is_punct(c, src.a))
        src.a++;
    /* a lone determiner ("The" of "The minister rejected A and said B") stands for its
     * noun phrase: the words after it up to a cue word */
    if (src.b == src.a + 1 && src.b < cue->a && la__cl_is_any(c, src.a, DETERMINER))
        while (src.b < cue->a && la__cl_is_word(c, src.b) && !c->cue[src.b])
            src.b++;
    if (!span_ok(src) && cue->rule >= 0) { /* the rules' subject, when the tagger saw none */
        span r = {c->rules[cue->rule].src_a, c->rules[cue->rule].src_b};
        return names_nobody(c, r) ? subject_of_lone_word(c, r, pa, 2) : r;
    }
    /* no source, and a word naming nobody left of the cue: the subject before it, when an
       aside closed by two commas stands between ("X, however, usually insist"); with one
       comma the noun phrase before it is as often an object ("the debate, even suggesting") */
    span left = {cue->a - (cue->a > pa), cue->a};
    if (!span_ok(src) && span_ok(left) && names_nobody(c, left))
        return subject_of_lone_word(c, left, pa, 2);
    if (!span_ok(src))
        return src;
    /* "which together vowed": the word names nobody, the relative pronoun before it does */
    if (names_nobody(c, src) && src.a > pa && la__cl_is_any(c, src.a - 1, RELATIVE))
        src = (span){src.a - 1, src.a};
    bool relative = src.b == src.a + 1 && la__cl_is_any(c, src.a, RELATIVE);
    bool apposition = la__cl_is_any(c, src.a, DETERMINER);
    size_t before = src.a > pa && c->shape[src.a - 1] == LA__SHAPE_COMMA ? src.a - 1 : src.a;
    if ((relative || (apposition && before < src.a)) && before > pa) {
        if (person_or_org(c, before - 1)) /* the name through the pronoun PolNeAR marks */
            return (span){entity_ending(c, before - 1, pa).a, src.b};
        /* "officials who argue": the noun phrase the pronoun stands for, and the pronoun,
         * which PolNeAR takes for the source */
        bool noun = la__cl_person_noun(c, before - 1) || la__cl_org_noun(c, before - 1); /* "the government, which" */
        span np = relative && (before == src.a || noun) ? np_ending(c, before - 1, pa) : (span){0, 0};
        if (span_ok(np))
            return (span){np.a, src.b};
    }
    if (names_nobody(c, src)) {
        span subject = subject_of_lone_word(c, src, pa, 1);
        if (span_ok(subject))
            return subject;
        if (cue->rule >= 0 && c->rules[cue->rule].src_b > c->rules[cue->rule].src_a)
            return (span){c->rules[cue->rule].src_a, c->rules[cue->rule].src_b};
        return (span){0, 0};
    }
    return src;
}

static const char *const BRACKET_OR_JOINER[] = {"(", ")", ".", "-", "'s", "\xE2\x80\x99s", "&", NULL};

static const char *const PREPOSITION[] = {"with", "to", "of", "by", "from", "for", "about", "against",
                                          "among", "between", "including", NULL};

static bool ing_form(const la__cl_ctx *c, size_t k)
{
    const la__token *t = &c->doc->tokens[k];
    return t->end - t->start > 4 && !memcmp(c->t + t->end - 3, "ing", 3);
}

/* A source left of the cue right after a preposition (and determiner) is its object, in
 * a phrase inserted between the subject and the cue ("John Manza in a video conference with Qassem
 * al-Aaraji, the advisor, stated"): the subject is the PERSON or ORG before the phrase,
 * within the clause (no punctuation or verb-like cue word between), or, when the phrase
 * is an aside opened by a comma ("Mohammed Al-Hashimi, speaking in an interview with Al
 * Jazeera, said"), the PERSON or ORG just before that comma; or nothing. */
static span subject_before_phrase(const la__cl_ctx *c, const la__cl_cue *cue, span src, size_t pa)
{
    size_t p = src.a > pa && la__cl_is_any(c, src.a - 1, DETERMINER) ? src.a - 1 : src.a; /* "to the Iraqis" */
    if (!span_ok(src) || src.b > cue->a || p <= pa || !la__cl_is_any(c, p - 1, PREPOSITION))
        return (span){0, 0};
    for (size_t k = p - 1; k-- > pa;) {
        if (c->shape[k] == LA__SHAPE_COMMA)
            return k > pa && person_or_org(c, k - 1) ? entity_ending(c, k - 1, pa) : (span){0, 0};
        if (!la__cl_is_word(c, k) || (c->cue[k] && c->shape[k] == LA__SHAPE_LOWER && !ing_form(c, k)))
            break;
        if (person_or_org(c, k))
            return entity_ending(c, k, pa);
    }
    return (span){0, 0};
}

/* The subject that starts at token a: the words up to the first verb, adverb,
 * preposition or punctuation mark before `limit`, at most 12 (brackets, initials and
 * possessives stay: "Sen. Bernie Sanders (I-Vt.)"). */
static span subject_from(const la__cl_ctx *c, size_t a, size_t limit)
{
    size_t b = a;
    while (b < limit && b < a + 12) {
        bool word = la__cl_is_word(c, b);
        if (word && c->shape[b] == LA__SHAPE_LOWER &&
            (la__cl_class_names_nobody(c, b) || la__cl_is_any(c, b, NOT_SOURCE) || c->cue[b]))
            break;
        if (!word && !la__cl_is_any(c, b, BRACKET_OR_JOINER))
            break;
        b++;
    }
    return (span){a, b};
}


/* A source that is an adverbial phrase closed by a comma ("In his speech, Graham urged A
 * and criticized B"; "For months, Obama has been on the sidelines, arguing B") stands
 * before the subject, which starts after the comma. Empty when src is no such phrase. */
static span subject_after_phrase(const la__cl_ctx *c, const la__cl_cue *cue, span src)
{
    if (!span_ok(src) || src.b >= cue->a || !la__cl_is_any(c, src.a, ADVERBIAL_PREPOSITION) ||
        c->shape[src.b] != LA__SHAPE_COMMA || (src.a + 1 < src.b && la__cl_is(c, src.a + 1, "least")))
        return (span){0, 0};
    return subject_from(c, src.b + 1, cue->a);
}

/* A nationality is no source on its own before its noun ("Iraqi governments, due to
 * ..., regarded"): the noun of people or of an organisation after it joins the source. */
static span with_noun_after(const la__cl_ctx *c, const la__cl_cue *cue, span src)
{
    size_t k = src.b;
    if (span_ok(src) && k < cue->a && c->ent[src.b - 1] == LA__NORP + 1 && !c->ent[k] &&
        (la__cl_person_noun(c, k) || la__cl_org_noun(c, k)))
        src.b = k + 1;
    return src;
}

/* A source left of its cue does not end in the cue's auxiliaries and adverbs ("The
 * National Institute on Drug Abuse has also reported", "China's leaders may still
 * believe"). */
static span without_auxiliaries(const la__cl_ctx *c, const la__cl_cue *cue, span src)
{
    if (src.b > cue->a)
        return src;
    while (src.b > src.a + 1 && c->shape[src.b - 1] != LA__SHAPE_CAP && c->shape[src.b - 1] != LA__SHAPE_UPPER &&
           !c->ent[src.b - 1] &&
           (la__cl_finite(c, src.b - 1) || la__cl_is_any(c, src.b - 1, NOT_SOURCE)))
        src.b--; /* not "Theresa May", "One Wisconsin Now" */
    return src;
}

/* A source left of its cue that ends inside a name runs to the name's end ("Fort" of "Fort
 * Worth Police Department responded and confirmed"). */
static span whole_name(const la__cl_ctx *c, const la__cl_cue *cue, span src)
{
    while (span_ok(src) && src.b < cue->a && c->ent[src.b - 1] && c->ent[src.b] == c->ent[src.b - 1])
        src.b++;
    return src;
}

static span fix_source(const la__cl_ctx *c, const la__cl_cue *cue, span src, size_t pa)
{
    src = whole_name(c, cue, without_auxiliaries(c, cue, with_noun_after(c, cue, repair_source(c, cue, src, pa))));
    span subject = subject_before_phrase(c, cue, src, pa);
    if (!span_ok(subject))
        subject = subject_after_phrase(c, cue, src);
    return span_ok(subject) ? trim_source_end(c, subject, cue->a) : src;
}

/* Events and abstractions: what they "show" or "tell" is the writer's inference, not
 * anyone's statement ("history tells that ...", "the assassination showed that ..."). */
static const char *const EVENT_NOUNS[] = {"history", "experience", "experiences", "events", "developments",
                                          "ordeal", "war", "wars", "assassination", "attack", "attacks",
                                          "pressure", "pressures", "situation", "reality", "realities",
                                          "tolls", "presence", "occupation", "behavior", "behaviour",
                                          NULL};

static bool event_source(const la__cl_ctx *c, span src)
{
    return span_ok(src) && c->shape[src.b - 1] == LA__SHAPE_LOWER && la__cl_is_any(c, src.b - 1, EVENT_NOUNS);
}

/* A page label before a colon is nobody's statement ("Analysis: Why NATO Is ...",
 * "Exclusive: ..."), whether the taggers or the speaker labels of conventions.c read it. */
static bool page_label(const la__cl_ctx *c, span src, const la__cl_cue *cue)
{
    return span_ok(src) && src.b == cue->a && cue->b == cue->a + 1 && la__cl_is(c, cue->a, ":") &&
           la__cl_not_speaker(c, src.b - 1);
}

/* Set phrases with a form of "say" that attribute nothing: the form, the words before it
 * (nearest first) and the words after it. */
typedef struct idiom_words {
    const char *say, *before[4], *after[2];
} idiom_words;
static const idiom_words IDIOMS[] = {
    {"said", {"having"}, {"that"}},            /* "Having said that, ..." */
    {"said", {"that"}, {","}},                 /* "That said, ..." */
    {"saying", {"without", "goes"}, {NULL}},   /* "It goes without saying that" */
    {"say", {"to", "needless"}, {NULL}},       /* "Needless to say, ..." */
    {"say", {"to", "it", "suffice"}, {NULL}},  /* "Suffice it to say" */
    {"say", {"to", "is", "that"}, {NULL}},     /* "that is to say" */
};

/* Whether the words w (up to a NULL) match from token k on, going by step, in [lo, hi). */
static bool words_from(const la__cl_ctx *c, const char *const *w, size_t n, size_t k, int step, size_t lo,
                       size_t hi)
{
    for (size_t j = 0; j < n && w[j]; j++, k += (size_t)step)
        if (k < lo || k >= hi || !la__cl_is(c, k, w[j]))
            return false;
    return true;
}

/* Whether a cue holds the "say" of a set phrase ("Having said that", "That said", "It
 * goes without saying"). */
static bool idiom(const la__cl_ctx *c, const la__cl_cue *cue, span sentence)
{
    for (size_t k = cue->a; k < cue->b && k > sentence.a; k++)
        for (size_t i = 0; i < sizeof IDIOMS / sizeof IDIOMS[0]; i++) {
            const idiom_words *w = &IDIOMS[i];
            if (la__cl_is(c, k, w->say) && words_from(c, w->before, 4, k - 1, -1, sentence.a, sentence.b) &&
                words_from(c, w->after, 2, k + 1, 1, sentence.a, sentence.b))
                return true;
        }
    return false;
}

/* "asked the United States to withdraw": a request that someone act ("ask X to do Y")
 * reports no statement, unlike "asked whether ..." or "asked: ...". */
static bool request(const la__cl_ctx *c, const la__cl_cue *cue, span content)
{
    if (!cue->entry || strcmp(cue->entry->cls, "ask") || !span_ok(content) || la__cl_is(c, content.a, "to"))
        return false;
    for (size_t i = content.a + 1; i + 1 < content.b && i < content.a + 6 && la__cl_is_word(c, i); i++)
        if (la__cl_is(c, i, "to"))
            return c->shape[i + 1] == LA__SHAPE_LOWER;
    return false;
}

/* "her" is left out: as often a possessive ("told her staff") */
static const char *const OBJECT_PRONOUN[] = {"them", "him", "us", "me", NULL};
static const char *const TIME_PREPOSITION[] = {"on", "in", "at", "during", "since", "until", "by", "from",
                                                "to", "the", NULL};
static const char *const BE[] = {"is", "are", "was", "were", "be", "been", "being", NULL};
/* Parts of a day, which the entity tagger leaves out of a date ("Friday afternoon"). */
static const char *const DAY_PART[] = {"morning", "afternoon", "evening", "night", "noon", "midnight", NULL};

/* "issued a statement on Tuesday": a content of nothing but a time ("on Tuesday", "last
 * week") says nothing; the cue had no content. */
static bool only_a_time(const la__cl_ctx *c, span content)
{
    bool time = false;
    for (size_t i = content.a; i < content.b; i++) {
        int label = c->ent[i] - 1;
        if (label == LA__DATE || label == LA__TIME)
            time = true;
        else if (la__cl_is_word(c, i) && !la__cl_is_any(c, i, TIME_PREPOSITION) && !la__cl_is_any(c, i, DAY_PART))
            return false;
    }
    return time;
}

/* Verbs whose first object is who was told ("told reporters the ..."); of others the
 * object is part of what was said ("called him a liar", "see him as a threat"). */
static const char *const ADDRESSEE_FIRST[] = {"tell", "tells", "told", "telling", "assure", "assured", "assures",
                                              "assuring", "inform", "informed", "informs", "informing", "remind",
                                              "reminded", "reminds", "reminding", NULL};
static const char *const CLAUSE_WORDS[] = {"that", "how", "whether", "if", "why", "what", "when", "where",
                                           "who", NULL};

/* Whether token k can open a clause's subject: a pronoun, determiner or name. */
static bool subject_opens(const la__cl_ctx *c, size_t k)
{
    return la__cl_is_any(c, k, SUBJECT_PRONOUN) || la__cl_is_any(c, k, DETERMINER) ||
           (c->ent[k] && c->ent[k] != c->ent[k - 1]);
}

/* "told them the alliance would stay", "told reporters in Baghdad the alliance would
 * stay": after such a verb, a bare clause opens at the subject of its first finite
 * verb, the last pronoun, determiner or name before it; what comes before is who was
 * told. Without such a clause only an object pronoun is ("told them the troops
 * stayed"). */
static size_t after_addressee(const la__cl_ctx *c, span content)
{
    size_t f = content.a + 1;
    while (f < content.b && f < content.a + 9 && la__cl_is_word(c, f) && !la__cl_finite(c, f) &&
           !la__cl_is_any(c, f, CLAUSE_WORDS))
        f++;
    if (f < content.b && la__cl_finite(c, f) && !la__cl_is_any(c, content.a, CLAUSE_WORDS))
        for (size_t k = f - 1; k > content.a; k--)
            if (subject_opens(c, k))
                return k;
    bool pronoun = content.b > content.a + 2 && la__cl_is_any(c, content.a, OBJECT_PRONOUN) &&
                   la__cl_is_word(c, content.a + 1);
    return content.a + pronoun;
}

static const char *const ADJUNCT_PREPOSITION[] = {"on", "in", "via", NULL};

/* The "that" closing an adjunct that starts at token a ("[on] Telegram that", "[in] a
 * statement on Monday that") and opening a clause with a subject ("that the group ..."):
 * within five words, before any punctuation, "to", finite verb or cue word; or 0. "took
 * offense at suggestions that", "went on to win that year" have no such adjunct. */
static size_t that_after_adjunct(const la__cl_ctx *c, size_t a, size_t b)
{
    for (size_t k = a; k < b && k < a + 6; k++) {
        if (la__cl_is(c, k, "that"))
            return k > a && k + 1 < b && subject_opens(c, k + 1) ? k : 0;
        if (!la__cl_is_word(c, k) || la__cl_is(c, k, "to") || la__cl_finite(c, k) || c->cue[k])
            return 0;
    }
    return 0;
}

/* Conventions the taggers, trained on PolNeAR, do not follow: a content introduced by a
 * colon runs to the end of the paragraph ("He added: A. B.") or of a quote opening right
 * after the colon ('He said: "A" referring to B'), and the complementizer "that" is not
 * part of what was said. */
static span fix_content(const la__cl_ctx *c, const la__cl_cue *cue, span content, size_t pb)
{
    /* the colon after the cue, or ending it ("said:") */
    size_t colon = cue->b < pb && c->shape[cue->b] == LA__SHAPE_COLON ? cue->b
                   : c->shape[cue->b - 1] == LA__SHAPE_COLON          ? cue->b - 1
                                                                       : SIZE_MAX;
    if (colon != SIZE_MAX && content.a > colon && content.a <= colon + 2) {
        /* a quote opening right after the colon ends at its closing mark */
        size_t q = colon + 1;
        bool quote = q < pb && c->qopen[q] == 1 && c->qpair[q] >= 0 && (size_t)c->qpair[q] < pb;
        content.b = quote ? (size_t)c->qpair[q] + 1 : pb;
    }
    if (content.a == cue->b && cue->entry && la__cl_is_any(c, content.a - 1, ADDRESSEE_FIRST))
        content.a = after_addressee(c, content);
    /* "on Telegram that ...": the adjunct before "that" is where it was said */
    size_t that = content.a == cue->b && la__cl_is_any(c, content.a, ADJUNCT_PREPOSITION)
                      ? that_after_adjunct(c, content.a + 1, content.b)
                      : 0;
    if (that)
        content.a = that;
    if (content.b > content.a + 1 && la__cl_is(c, content.a, "that") && la__cl_is_word(c, content.a + 1))
        content.a++;
    return content;
}

/* Words that open a clause of its own, which is not what was said when it opens a
 * content before its source ("when X asked, it declined") or follows "according to X,"
 * ("since according to Reuters, ..."). */
static const char *const CLAUSE_OPENER[] = {"since", "because", "but", "and", "that", "while", "although",
                                            "though", "whereas", "as", "so", "when", "if", NULL};

/* When the role tagger labels no content, the rules' claim stands where they read one the
 * tagger saw few of in PolNeAR: a content after a colon that follows the cue's object
 * ("The minister told reporters: the plan is dead."), or a content before its source and
 * a cue that is a cue three times in four ("What they do is playing with fire, the MP
 * told Al-Maalomah, ..."; not a clause of its own: "when X asked, it declined"). */
static void rules_content(const la__cl_ctx *c, const la__cl_cue *cue, span *src, span *content)
{
    if (span_ok(*content) || cue->rule < 0)
        return;
    const la__cl_rule *r = &c->rules[cue->rule];
    bool colon = r->con_a > cue->b && c->shape[r->con_a - 1] == LA__SHAPE_COLON;
    const la__cue_entry *e = cue->entry;
    bool postposed = r->cue_a == cue->a && r->src_b > r->src_a && r->con_b < r->src_a && e &&
                     4u * e->cue >= 3u * e->total && !la__cl_is_any(c, r->con_a, CLAUSE_OPENER);
    if (!colon && !postposed)
        return;
    *content = (span){r->con_a, r->con_b};
    if (!span_ok(*src))
        *src = (span){r->src_a, r->src_b};
}

/* A content that runs from a quote over its own cue and source into unquoted words
 * ('"That's right, Donald," Melanie said to the nominee') is the quote: the words after
 * the cue are narration. A quote that resumes after the cue ('"A," he said, "B"') keeps
 * both parts. */
static void narration_after_quote(const la__cl_ctx *c, const la__cl_cue *cue, span src, span *content)
{
    bool src_left = span_ok(src) && src.b <= cue->a, src_right = span_ok(src) && src.a >= cue->b;
    size_t left = src_left ? src.a : cue->a, right = src_right ? src.b : cue->b;
    if (content->a >= left || content->b <= right)
        return;
    size_t k = left;
    while (k > content->a && c->shape[k - 1] == LA__SHAPE_COMMA)
        k--;
    if (k == content->a || c->qopen[k - 1] != 2)
        return;
    for (size_t i = right; i < content->b; i++)
        if (c->shape[i] == LA__SHAPE_QUOTE)
            return;
    content->b = k;
}

/* A cue whose colon ends its paragraph ("Caddell continued:", "The Times reports:")
 * introduces the next paragraph, or the quote opening it, which may run over several. */
#define COLON_AFTER_CUE 8

static void next_paragraph_content(const la__cl_ctx *c, const la__cl_cue *cue, size_t pb, span next,
                                   span *content)
{
    size_t colon = pb - 1;
    bool content_after = span_ok(*content) && content->a >= cue->b;
    if (!span_ok(next) || content_after || c->shape[colon] != LA__SHAPE_COLON || colon + 1 < cue->b ||
        colon > cue->b + COLON_AFTER_CUE)
        return;
    for (size_t i = cue->b; i < colon; i++)
        if (la__cl_is_punct(c, i))
            return;
    *content = next;
    if (c->qopen[next.a] == 1 && c->qpair[next.a] >= (int32_t)next.b)
        content->b = (size_t)c->qpair[next.a] + 1;
}

/* "X condemned A and praised B", "X criticized A and Clinton said B": a content ends
 * before an "and" that opens the next attribution of its sentence (a cue within
 * AND_TO_CUE tokens after the "and"). */
#define AND_TO_CUE 4

/* A subject pronoun on its own ("she" of "announced she and her husband are expected"): a
 * subject whose verb comes after an "and" joining it to another. */
static bool lone_subject(const la__cl_ctx *c, span s)
{
    return s.b == s.a + 1 && la__cl_is_any(c, s.a, SUBJECT_PRONOUN);
}

static void end_before_next_cue(const la__cl_ctx *c, span sentence, const uint8_t *labels, span *content)
{
    size_t last = content->b < sentence.b ? content->b : sentence.b;
    for (size_t k = content->a + 2; k < last; k++) {
        if (labels[k - sentence.a] != LA__CL_CUE_B)
            continue;
        for (size_t j = k - 1; j > content->a && j + AND_TO_CUE >= k; j--)
            if (la__cl_is(c, j, "and") && !lone_subject(c, (span){content->a, j})) {
                content->b = j;
                return;
            }
    }
}

/* "X seems to ...", "X appeared unaware": a raising verb tells how things look to the
 * writer, so X is the content's subject, not a source (PolNeAR train: no source, the
 * content from X on, for 177 of the 204 seem/appear cues with no other cue word after
 * it). "It seems that ..." keeps its content; "he appeared to suggest" is his claim. */
static bool raising(const la__cue_entry *e)
{
    return e && (!strcmp(e->lemma, "seem") || !strcmp(e->lemma, "appear") || !strcmp(e->lemma, "seemingly"));
}

static void raising_verb(const la__cl_ctx *c, const la__cl_cue *cue, span *src, span *content)
{
    size_t k = cue->a;
    while (k < cue->b && !raising(c->cue[k]))
        k++;
    if (k == cue->b)
        return;
    while (++k < cue->b)
        if (c->cue[k])
            return;
    bool expletive = src->b == src->a + 1 && la__cl_is(c, src->a, "it");
    if (span_ok(*src) && span_ok(*content) && src->b <= cue->a && !expletive)
        *content = (span){src->a, content->b > cue->b ? content->b : cue->b};
    *src = (span){0, 0};
}

/* "According to the spokesman, John Kirby(,) the attack ...": a name right after the
 * source's comma, followed by a comma or a determiner, is the source's apposition, not
 * the content's subject ("According to the report, Kirby was ..."). */
static void according_apposition(const la__cl_ctx *c, const la__cl_cue *cue, span *src, span *content)
{
    /* the tagger's content starts at the comma after the source or the word after it */
    if (!la__cl_is(c, cue->a, "according") || !span_ok(*src) || content->a > src->b + 1 ||
        content->a < src->b || c->shape[src->b] != LA__SHAPE_COMMA)
        return;
    size_t name = src->b + 1;
    int label = name < content->b ? c->ent[name] - 1 : -1;
    if (label != LA__PERSON && label != LA__ORG)
        return;
    size_t e = name;
    while (e < content->b && c->ent[e] == c->ent[name])
        e++;
    bool comma = e < content->b && c->shape[e] == LA__SHAPE_COMMA;
    if (e + 1 >= content->b || !(comma || la__cl_is_any(c, e, DETERMINER)))
        return;
    src->b = e;
    content->a = comma ? e + 1 : e;
}


/* "..., since according to Reuters, the facilities were there.": an "according to" that
 * opens a clause attributes that clause, to the end of the sentence [.., sb), not the
 * words before it. */
static void according_clause(const la__cl_ctx *c, const la__cl_cue *cue, span src, span *content, size_t sb)
{
    if (!la__cl_is(c, cue->a, "according") || !span_ok(src) || src.a != cue->b || src.b + 2 >= sb ||
        c->shape[src.b] != LA__SHAPE_COMMA || cue->a == 0 || !la__cl_is_any(c, cue->a - 1, CLAUSE_OPENER) ||
        content->a > cue->a)
        return;
    *content = (span){src.b + 1, sb};
}

/* The token after the closing mark of the quote opening at token o, which may lie in a
 * later paragraph when the quote runs over paragraphs (each opening with a mark), or pb,
 * the end of o's paragraph, when the quote never closes. */
static size_t quote_end(const la__cl_ctx *c, size_t o, size_t pb)
{
    return c->qpair[o] >= 0 ? (size_t)c->qpair[o] + 1 : pb;
}

/* A content that starts or ends inside a quote the cue is not in takes the whole quote,
 * marks included: the role window (at most a sentence either side of the cue) cuts long
 * quotes, and what was said is the quote. */
static void whole_quotes(const la__cl_ctx *c, const la__cl_cue *cue, span *content, size_t pa, size_t pb)
{
    if (!span_ok(*content))
        return;
    int32_t o = c->qregion[content->b - 1];
    if (o >= 0) {
        size_t end = quote_end(c, (size_t)o, pb);
        if (cue->a < (size_t)o || cue->a >= end)
            content->b = end;
    }
    o = c->qregion[content->a];
    if (o >= (int32_t)pa && (size_t)o < content->a) {
        if (cue->a < (size_t)o || cue->a >= quote_end(c, (size_t)o, pb))
            content->a = (size_t)o;
    }
}

/* A claim told inside a quote ('"We told them: A," the source said') says no more than
 * the quote: its content ends at the quote's closing mark. */
static void inside_its_quote(const la__cl_ctx *c, const la__cl_cue *cue, span *content)
{
    int32_t o = c->qregion[cue->a];
    if (!span_ok(*content) || o < 0 || c->qopen[cue->a] || (size_t)o > content->a || c->qpair[o] < 0)
        return;
    size_t close = (size_t)c->qpair[o];
    if (content->a < close && content->b > close)
        content->b = close;
}

/* Whether token i opens its paragraph. */
static bool opens_paragraph(const la__cl_ctx *c, size_t i)
{
    const la__sentence *se = &c->doc->sentences[c->doc->tokens[i].sentence];
    return se->first_token == i && c->doc->blocks[se->block].first_sentence == c->doc->tokens[i].sentence;
}

static bool same_text(const la__cl_ctx *c, size_t i, size_t j)
{
    const la__token *a = &c->doc->tokens[i], *b = &c->doc->tokens[j];
    return a->end - a->start == b->end - b->start && !memcmp(c->t + a->start, c->t + b->start, a->end - a->start);
}

/* A quote running over paragraphs, each opened by the same mark and only the last closed
 * (the convention pair_quotes follows), is one statement: a content that starts at the
 * opening of such a paragraph and closes before its cue ('"A.\n\n"B," she said') starts
 * where the quote first opened. A different mark (a straight quote's paragraphs, then a
 * curly one) starts a quote of its own. */
static void quote_from_earlier_paragraphs(const la__cl_ctx *c, const la__cl_cue *cue, span *content,
                                          size_t pa)
{
    if (!span_ok(*content) || content->a > pa + 1 || content->b > cue->a)
        return;
    int32_t o = c->qregion[pa];
    if (o >= 0 && (size_t)o < pa && opens_paragraph(c, (size_t)o) && same_text(c, (size_t)o, pa))
        content->a = (size_t)o;
}

/* A quote split by its attribution is one statement: its content runs on over the quote
 * that resumes it, when that quote is not attributed again ('"B," he added'). The quote
 * resumes later in the attribution's sentence, after a comma or "and"/"but" and no other
 * cue ('"A," he told the host, "B"'; '"A," X wrote in an email, and "B"'), or, when the
 * rest of that sentence holds no quote mark, opens the next sentence ('"A," she said.
 * "B. C."'). The content then spans the cue, as PolNeAR's does. */
static size_t resumed_quote(const la__cl_ctx *c, span sentence, const uint8_t *labels, size_t end, size_t pb)
{
    for (size_t i = end; i < sentence.b; i++) {
        if (labels[i - sentence.a] != LA__CL_CUE_O)
            return 0;
        if (!c->qopen[i])
            continue;
        bool joined = c->shape[i - 1] == LA__SHAPE_COMMA || c->shape[i - 1] == LA__SHAPE_DASH ||
                      la__cl_is(c, i - 1, "and") || la__cl_is(c, i - 1, "but");
        return c->qopen[i] == 1 && joined ? i : 0;
    }
    return sentence.b < pb && c->qopen[sentence.b] == 1 ? sentence.b : 0;
}

static void continued_quote(const la__cl_ctx *c, const la__cl_cue *cue, span src, span *content, span sentence,
                            const uint8_t *labels, size_t pb)
{
    if (!span_ok(*content) || content->b > cue->a || c->qopen[content->b - 1] != 2)
        return;
    size_t end = span_ok(src) && src.a >= cue->b ? src.b : cue->b;
    if (end > sentence.b) /* a source in the next sentence */
        return;
    size_t q = resumed_quote(c, sentence, labels, end, pb);
    if (!q || attributed_again(c, q))
        return;
    content->b = quote_end(c, q, pb);
}

/* Whether content is quotes interrupted only by their attribution ('"A," she said. "B."';
 * '"A," he told the host, "B"'): direct speech, whose outer marks are then left out. Every
 * word outside the quotes lies between the last mark that closes before the cue and the
 * first that opens after it. */
static bool quotes_around_cue(const la__cl_ctx *c, const la__cl_cue *cue, span *content)
{
    if (!span_ok(*content) || c->qopen[content->a] != 1 || c->qopen[content->b - 1] != 2 ||
        content->a >= cue->a || content->b <= cue->b)
        return false;
    size_t lo = cue->a, hi = cue->b;
    while (lo > content->a && c->qopen[lo - 1] != 2)
        lo--;
    while (hi < content->b && c->qopen[hi] != 1)
        hi++;
    for (size_t i = content->a; i < content->b; i++)
        if ((i < lo || i >= hi) && c->qregion[i] < 0 && !la__cl_is_punct(c, i))
            return false;
    content->a++;
    content->b--;
    return true;
}

/* First token starting at or after byte `at`. */
static size_t token_from(const la_doc *d, uint32_t at)
{
    size_t lo = 0, hi = d->n_tokens;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->tokens[mid].start < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Words that may come between a coordinating "and" or "but" and its verb ("but has since
 * said"). */
static const char *const BEFORE_VERB[] = {"also", "then", "later", "further", "again", "since", "still", "now",
                                          "has", "have", "had", "would", "will", "did", "not", NULL};

/* Whether the cue at token k is a verb coordinated with an earlier one, after "and" or
 * "but" ("X said A and warned B", "X said A but conceded B"). */
static bool coordinated_verb(const la__cl_ctx *c, size_t k, size_t sentence_a)
{
    while (k > sentence_a && la__cl_is_any(c, k - 1, BEFORE_VERB))
        k--;
    return k > sentence_a && (la__cl_is(c, k - 1, "and") || la__cl_is(c, k - 1, "but"));
}

/* Where the subject of a sentence starting at token a starts, before token k: after any
 * dateline ("ATLANTIC CITY - X ...") and adverbial phrase closed by a comma ("In the spin
 * room, X ..."). */
static size_t subject_start(const la__cl_ctx *c, size_t a, size_t k)
{
    while (a < k && !la__cl_is_word(c, a))
        a++;
    size_t e = a;
    while (e < k && e < a + 4 && c->shape[e] == LA__SHAPE_UPPER)
        e++;
    if (e > a && e < k && c->shape[e] == LA__SHAPE_DASH)
        a = e + 1;
    if (a < k && la__cl_is_any(c, a, ADVERBIAL_PREPOSITION))
        while (a < k && c->shape[a++] != LA__SHAPE_COMMA)
            ;
    return a;
}

/* The subject of the clause a participle cue at token k closes ("Obama's aides were also
 * complimentary, perhaps recognizing A"; "Clinton descended on the town, delivering a
 * critique"): after a comma or dash (adverbs between), the sentence's subject when it is
 * a pronoun or holds a PERSON, ORG, GPE or NORP; or nothing. */
static span participle_subject(const la__cl_ctx *c, size_t k, span sentence)
{
    while (k > sentence.a && names_nobody(c, (span){k - 1, k}))
        k--;
    if (k <= sentence.a || (c->shape[k - 1] != LA__SHAPE_COMMA && c->shape[k - 1] != LA__SHAPE_DASH))
        return (span){0, 0};
    size_t a = subject_start(c, sentence.a, k);
    if (a < k && la__cl_is_any(c, a, SUBJECT_PRONOUN))
        return (span){a, a + 1};
    span s = trim_source_end(c, subject_from(c, a, k), k);
    for (size_t i = s.a; i < s.b; i++) {
        int label = c->ent[i] - 1;
        if (label == LA__PERSON || label == LA__ORG || label == LA__GPE || label == LA__NORP)
            return s;
    }
    return (span){0, 0};
}

/* A participle's source that is part of the source of a claim before it in the sentence
 * ("Basim" of "The government spokesman, Basim al-Awadi, also noted A, adding B") is that
 * whole source. */
static void whole_shared_source(la_doc *d, size_t first, size_t k)
{
    la__claim *cl = &d->claims[k];
    /* the claims before it, in cue order; a few dozen back, so that a sentence of
       thousands of claims stays linear */
    for (size_t q = k > first + 64 ? k - 64 : first; q < k; q++) {
        const la__claim *o = &d->claims[q];
        if (o->has_source && o->cue_start < cl->cue_start && o->source_start <= cl->source_start &&
            cl->source_end <= o->source_end && o->source_end <= cl->cue_start &&
            o->source_end - o->source_start > cl->source_end - cl->source_start) {
            cl->source_start = o->source_start;
            cl->source_end = o->source_end;
            return;
        }
    }
}

/* A cue with no subject of its own takes the source of the nearest claim of its sentence:
 * a participle ("Stating that A, the envoy said B"; "X said A, adding B") that of a claim
 * on either side, a coordinated verb that of the claim before it, whose content ends
 * before the verb. A participle with no such claim takes its clause's subject. */
static void shared_sources(const la__cl_ctx *c, size_t first, span sentence)
{
    la_doc *d = c->doc;
    for (size_t k = first; k < d->n_claims; k++) {
        la__claim *cl = &d->claims[k];
        size_t len = cl->cue_end - cl->cue_start;
        bool participle = len >= 5 && memcmp(d->text + cl->cue_end - 3, "ing", 3) == 0;
        if (cl->has_source) {
            if (participle)
                whole_shared_source(d, first, k);
            continue;
        }
        if (!participle && !coordinated_verb(c, token_from(d, cl->cue_start), sentence.a))
            continue;
        const la__claim *best = NULL;
        uint32_t best_d = UINT32_MAX;
        for (size_t q = first; q < d->n_claims; q++) {
            const la__claim *o = &d->claims[q];
            uint32_t dist = o->cue_start > cl->cue_start ? o->cue_start - cl->cue_start
                                                         : cl->cue_start - o->cue_start;
            bool before = o->cue_start < cl->cue_start && o->content_end <= cl->cue_start;
            if (o->has_source && dist < best_d && (participle || before)) {
                best = o;
                best_d = dist;
            }
        }
        span subject = {0, 0};
        if (!best && participle)
            subject = participle_subject(c, token_from(d, cl->cue_start), sentence);
        if (best || span_ok(subject)) {
            cl->has_source = true;
            cl->source_start = best ? best->source_start : d->tokens[subject.a].start;
            cl->source_end = best ? best->source_end : d->tokens[subject.b - 1].end;
        }
    }
}

/* Whether a rule's attribution is interjected in its content, between commas ("The
 * mission, the spokesman added, is purely advisory"): the content is the whole sentence,
 * spanning the cue, as PolNeAR marks it. */
static bool interjected(const la__cl_ctx *c, const la__cl_rule *r)
{
    if (!(r->src_b > r->src_a && r->src_b == r->cue_a && r->con_a + 1 < r->src_a && r->con_b > r->cue_b + 1 &&
          c->shape[r->src_a - 1] == LA__SHAPE_COMMA && c->shape[r->cue_b] == LA__SHAPE_COMMA &&
          c->qregion[r->con_a] < 0 && c->shape[r->cue_b + 1] != LA__SHAPE_QUOTE))
        return false;
    /* one phrase before it, with no comma, and a verb for a cue ("in smaller, whiter
       states, but" has none) */
    if (c->n_comma[r->src_a - 1] != c->n_comma[r->con_a] || la__cl_class_names_somebody(c, r->cue_a))
        return false;
    return true;
}

/* The tagger reads an interjected attribution's source as running from the sentence's
 * first words ("The NATO mission, the spokesman"): the rules' spans hold. */
static void interjected_attribution(const la__cl_ctx *c, const la__cl_cue *cue, span *src, span *content)
{
    if (cue->rule < 0 || !interjected(c, &c->rules[cue->rule]))
        return;
    const la__cl_rule *r = &c->rules[cue->rule];
    if (r->cue_a != cue->a)
        return;
    *src = (span){r->src_a, r->src_b};
    *content = (span){r->con_a, r->con_b};
}

/* The rules' cues the tagger left out, when their head word is a cue most of the times
 * it occurs in the training text ("said" after a long subject with inserted clauses). */
/* Whether a verb's object, a few words from a, is followed by a quote that names it ("the
 * American presence "an occupation""): the words a naming verb puts in the subject's
 * mouth. */
static bool object_then_quote(const la__cl_ctx *c, size_t a, size_t b)
{
    for (size_t k = a; k < b && k < a + 7; k++) {
        if (c->qopen[k] == 1)
            return k > a;
        if (!la__cl_is_word(c, k))
            return false;
    }
    return false;
}

static void add_strong_rule_cues(const la__cl_ctx *c, span sentence, uint8_t *labels)
{
    for (size_t i = sentence.a; i < sentence.b; i++) {
        int32_t r = c->rule_at[i];
        if (r < 0 || c->rules[r].cue_a != i || c->rules[r].cue_b > sentence.b)
            continue;
        const la__cl_rule *rule = &c->rules[r];
        const la__cue_entry *e = NULL;
        bool free_ = true;
        for (size_t k = rule->cue_a; k < rule->cue_b; k++) {
            free_ &= labels[k - sentence.a] == LA__CL_CUE_O;
            if (!e)
                e = c->cue[k];
        }
        /* "X believes that ..." is a claim even for a word that is often not a cue, and so
         * is a belief verb's bare complement ("X views Y as Z") or a speech verb's
         * predication ("X specifies Y as Z"), where the word is a verb */
        bool subject = rule->cue_b < sentence.b && rule->src_b > rule->src_a && e;
        bool that = subject && la__cl_is(c, rule->cue_b, "that");
        bool bare = subject && (!strcmp(e->cls, "believe") ? la__cl_bare_complement(c, rule->cue_b, sentence.b)
                                : !strcmp(e->cls, "say") && la__cl_predication(c, rule->cue_b, sentence.b));
        /* so is an inverted attribution closing its sentence ("CONTENT, the columnist
           maintains."), whatever the verb */
        bool closing = rule->src_b > rule->src_a && rule->src_b == rule->cue_a && rule->con_b + 1 == rule->src_a &&
                       c->shape[rule->con_b] == LA__SHAPE_COMMA &&
                       (rule->cue_b == sentence.b || c->shape[rule->cue_b] == LA__SHAPE_FINAL);
        bool strong = e && (that ? 5u * e->cue >= e->total : 4u * e->cue >= 3u * e->total);
        /* and a naming verb with a quote after its object ("The leader of the movement
           called the presence "an occupation"") */
        bool naming = subject && (!strcmp(e->lemma, "call") || !strcmp(e->lemma, "describe")) &&
                      object_then_quote(c, rule->cue_b, sentence.b);
        if (!free_ || !e || !(bare || closing || naming || interjected(c, rule) || strong))
            continue;
        for (size_t k = rule->cue_a; k < rule->cue_b; k++)
            labels[k - sentence.a] = k == rule->cue_a ? LA__CL_CUE_B : LA__CL_CUE_I;
        if (rule->cue_b < sentence.b && labels[rule->cue_b - sentence.a] == LA__CL_CUE_I)
            labels[rule->cue_b - sentence.a] = LA__CL_CUE_B;
    }
}

/* Finds the claims of one sentence [a, b) of a paragraph [pa, pb), followed by the
 * paragraph `next` (empty when none). */
static int sentence_claims(const la__cl_ctx *c, const la__cl_model *m, span sentence, size_t pa, size_t pb,
                           span next, scratch *s, scratch *r)
{
    size_t first = c->doc->n_claims;
    int rc = tag_cues(c, m, sentence, s);
    if (!rc)
        add_strong_rule_cues(c, sentence, s->labels);
    for (size_t i = sentence.a; i < sentence.b && !rc;) {
        if (s->labels[i - sentence.a] != LA__CL_CUE_B) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < sentence.b && s->labels[j - sentence.a] == LA__CL_CUE_I)
            j++;
        /* "announced on Saturday": the preposition of a time after the cue is no part of it */
        if (j > i + 1 && j < sentence.b && la__cl_is_any(c, j - 1, TIME_PREPOSITION) &&
            (c->ent[j] == LA__DATE + 1 || c->ent[j] == LA__TIME + 1))
            j--;
        /* "wrote on Telegram that": the preposition of an adjunct is no part of the cue */
        if (j > i + 1 && la__cl_is_any(c, j - 1, ADJUNCT_PREPOSITION) && that_after_adjunct(c, j, sentence.b))
            j--;
        /* "was quoted by the agency as saying": the rules' cue runs on to "saying" */
        int32_t ri = c->rule_at[i];
        if (ri >= 0 && c->rules[ri].cue_a == i && c->rules[ri].cue_b > j && la__cl_is(c, i + 1, "quoted"))
            j = c->rules[ri].cue_b;
        la__cl_cue cue;
        la__cl_cue_init(c, &cue, i, j);
        size_t wa, wb;
        la__cl_role_window(c, pa, pb, &cue, &wa, &wb);
        rc = reserve(r, wb - wa);
        if (!rc)
            tag(c, m, LA__CL_ROLE, role_features, &cue, wa, wb, r, r->labels);
        span src, content;
        if (!rc) {
            roles(c, &cue, wa, wb, r->labels, &src, &content);
            rules_content(c, &cue, &src, &content);
            /* a source holding another cue ("X underlined A, saying B") ends before it */
            for (size_t k = src.a; k < src.b && src.b <= cue.a; k++)
                if (k >= sentence.a && s->labels[k - sentence.a] != LA__CL_CUE_O)
                    src.b = k;
            src = fix_source(c, &cue, src, pa);
            content = after_dateline(c, fix_content(c, &cue, content, pb), pa);
            /* a content does not run on over its own source, when it ends there or follows
               the cue ("Stating A, the envoy said B"): 1 claim in 17,203 of PolNeAR train */
            if (src.a > content.a && src.a < content.b && (src.b >= content.b || content.a >= cue.b))
                content.b = src.a;
            /* nor start with its source and cue ("which analysts say will boost sales"), but
               for a subject before an interjected source ("Clinton, a top aide said, ...") */
            if (span_ok(src) && content.a == src.a && src.b <= cue.a && content.b > cue.b && !raising(cue.entry) &&
                c->n_comma[src.b] == c->n_comma[src.a])
                content.a = cue.b;
            narration_after_quote(c, &cue, src, &content);
            according_apposition(c, &cue, &src, &content);
            interjected_attribution(c, &cue, &src, &content);
            according_clause(c, &cue, src, &content, sentence.b);
            if (content.a > cue.a)
                end_before_next_cue(c, sentence, s->labels, &content);
            /* a passive whose subject would be the content ("The report was released"), or
               that names no one ("It is seen as a violation", "it was agreed that ...") */
            bool expletive = src.b == src.a + 1 && la__cl_is(c, src.a, "it");
            bool passive = la__cl_is_any(c, cue.a, BE) && (content.a < cue.a || !span_ok(src) || expletive);
            raising_verb(c, &cue, &src, &content);
            whole_quotes(c, &cue, &content, pa, pb);
            inside_its_quote(c, &cue, &content);
            quote_from_earlier_paragraphs(c, &cue, &content, pa);
            continued_quote(c, &cue, src, &content, sentence, s->labels, pb);
            next_paragraph_content(c, &cue, pb, next, &content);
            bool quote = quotes_around_cue(c, &cue, &content);
            if (span_ok(content) && !passive && !event_source(c, src) && !request(c, &cue, content) &&
                !idiom(c, &cue, sentence) && !page_label(c, src, &cue) &&
                !only_a_time(c, content))
                rc = push_claim(c, src, &cue, content, quote);
        }
        i = j;
    }
    if (!rc)
        shared_sources(c, first, sentence);
    return rc;
}

/* ---- layout conventions ----------------------------------------------------------------- */

/* A speaker label's colon or an attribution's dash means "says". */
static const la__cue_entry LAYOUT_CUE = {"", "say", "say", 0, 0, 0, 0};

/* Whether claim cl already holds the statement whose cue starts at byte cue_a and whose
 * content is bytes [con_a, con_b): it has that cue, or a content sharing half or more of
 * the longer of the two, as the scorer and a reader would count the same statement, with
 * its cue outside that content (a claim nested in a speaker's turn, "as the Journal
 * wrote, ...", is another statement). */
static bool held(const la__claim *cl, uint32_t cue_a, uint32_t con_a, uint32_t con_b)
{
    if (cl->cue_start == cue_a)
        return true;
    if (cl->cue_start >= con_a && cl->cue_end <= con_b)
        return false;
    uint32_t a = cl->content_start > con_a ? cl->content_start : con_a;
    uint32_t b = cl->content_end < con_b ? cl->content_end : con_b;
    uint32_t longer = cl->content_end - cl->content_start > con_b - con_a ? cl->content_end - cl->content_start
                                                                          : con_b - con_a;
    return b > a && 2 * (uint64_t)(b - a) >= longer;
}

/* The taggers' claims ordered by where their content starts. */
typedef struct content_at {
    uint32_t start, claim;
} content_at;

static int by_start(const void *x, const void *y)
{
    uint32_t a = ((const content_at *)x)->start, b = ((const content_at *)y)->start;
    return (a > b) - (a < b);
}

/* How many of by[0, n) (sorted by start) start before byte `at`. */
static size_t starting_before(const content_at *by, size_t n, uint64_t at)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (by[mid].start < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Whether one of the taggers' claims d->claims[0, n0) (in cue order; by: the same by
 * content start) holds the statement of held(). Only two groups can, both found by binary
 * search, so that a document full of labels is not quadratic: the claims with that cue,
 * and those whose content starts from con_a minus twice its length on (a content more than
 * twice as long shares less than half of itself). */
static bool already_held(const la_doc *d, const content_at *by, size_t n0, uint32_t cue, uint32_t con_a,
                         uint32_t con_b)
{
    size_t lo = 0, hi = n0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->claims[mid].cue_start < cue)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < n0 && d->claims[lo].cue_start == cue)
        return true;
    uint64_t reach = 2 * (uint64_t)(con_b - con_a);
    uint32_t from = con_a > reach ? (uint32_t)(con_a - reach) : 0;
    for (lo = starting_before(by, n0, from); lo < n0 && by[lo].start < con_b; lo++)
        if (held(&d->claims[by[lo].claim], cue, con_a, con_b))
            return true;
    return false;
}

/* Merges the claims from n0 on (in document order) into those before, by cue position,
 * so that source resolution meets them in reading order. */
static int merge_claims(la_doc *d, size_t n0)
{
    size_t n = d->n_claims;
    if (n0 == n || n0 == 0)
        return LA_OK;
    la__claim *out = malloc(n * sizeof *out);
    if (!out)
        return LA_ENOMEM;
    for (size_t i = 0, j = n0, k = 0; k < n; k++) {
        bool tail = j < n && (i == n0 || d->claims[j].cue_start < d->claims[i].cue_start);
        out[k] = tail ? d->claims[j++] : d->claims[i++];
    }
    memcpy(d->claims, out, n * sizeof *out);
    free(out);
    return LA_OK;
}

/* Claims marked by layout (conventions.h): speaker labels and dash attributions the
 * taggers did not already give. */
static int layout_claims(const la__cl_ctx *c)
{
    la__cl_attribution *found;
    size_t n;
    if (la__cl_conventions(c, &found, &n))
        return LA_ENOMEM;
    la_doc *d = c->doc;
    size_t n0 = d->n_claims;
    content_at *by = n ? malloc((n0 ? n0 : 1) * sizeof *by) : NULL;
    int rc = n && !by ? LA_ENOMEM : LA_OK;
    for (size_t q = 0; q < n0 && by; q++)
        by[q] = (content_at){d->claims[q].content_start, (uint32_t)q};
    if (by)
        qsort(by, n0, sizeof *by, by_start);
    for (size_t k = 0; k < n && !rc; k++) {
        const la__cl_attribution *a = &found[k];
        uint32_t cue = d->tokens[a->cue_a].start;
        uint32_t con_a = d->tokens[a->con_a].start, con_b = d->tokens[a->con_b - 1].end;
        la__cl_cue cl = {.a = a->cue_a, .b = a->cue_b, .entry = &LAYOUT_CUE, .rule = -1};
        if (!already_held(d, by, n0, cue, con_a, con_b))
            rc = push_claim(c, (span){a->src_a, a->src_b}, &cl, (span){a->con_a, a->con_b}, a->direct);
    }
    free(by);
    free(found);
    return rc ? rc : merge_claims(d, n0);
}

/* ---- nested claims --------------------------------------------------------------------- */

/* How many contents back (by start) a cue looks for one that holds it: bounded, so that a
 * paragraph of thousands of claims stays linear. */
#define NESTED_LOOKBACK 256

static bool holds(uint32_t a, uint32_t b, uint32_t x, uint32_t y) { return a <= x && y <= b; }

/* Whether claim x is told inside claim y: y's content holds x's cue, and x's content does
 * not hold y's cue (a quote split by its attribution, "A, he added, B", is one statement). */
static bool nested_in(const la__claim *x, const la__claim *y)
{
    return holds(y->content_start, y->content_end, x->cue_start, x->cue_end) &&
           !holds(x->content_start, x->content_end, y->cue_start, y->cue_end);
}

/* The claims by content start, with the furthest content end so far, so that the contents
 * holding a cue are found without a pass over all of them. */
typedef struct containers {
    content_at *by;
    uint32_t *reach; /* furthest content end among by[0..i] */
    size_t n;
} containers;

static int containers_init(containers *k, const la_doc *d)
{
    k->n = d->n_claims;
    k->by = malloc((k->n ? k->n : 1) * sizeof *k->by);
    k->reach = malloc((k->n ? k->n : 1) * sizeof *k->reach);
    if (!k->by || !k->reach)
        return LA_ENOMEM;
    for (size_t q = 0; q < k->n; q++)
        k->by[q] = (content_at){d->claims[q].content_start, (uint32_t)q};
    qsort(k->by, k->n, sizeof *k->by, by_start);
    for (size_t i = 0; i < k->n; i++) {
        uint32_t end = d->claims[k->by[i].claim].content_end;
        k->reach[i] = i && k->reach[i - 1] > end ? k->reach[i - 1] : end;
    }
    return LA_OK;
}

static void containers_free(containers *k)
{
    free(k->by);
    free(k->reach);
    *k = (containers){0};
}

/* Calls found(arg, x, y) for each claim y whose content holds claim x's cue, latest
 * content start first, until it returns false. */
typedef bool (*container_fn)(void *arg, size_t x, size_t y);

static void each_container(const la_doc *d, const containers *k, size_t x, container_fn found, void *arg)
{
    const la__claim *cl = &d->claims[x];
    size_t lo = starting_before(k->by, k->n, (uint64_t)cl->cue_start + 1); /* at or before the cue */
    for (size_t i = lo; i-- > 0 && i + NESTED_LOOKBACK >= lo && k->reach[i] >= cl->cue_end;)
        if (k->by[i].claim != x && holds(d->claims[k->by[i].claim].content_start, d->claims[k->by[i].claim].content_end,
                                         cl->cue_start, cl->cue_end) &&
            !found(arg, x, k->by[i].claim))
            return;
}

static bool separator(const la__cl_ctx *c, size_t i)
{
    return c->shape[i] == LA__SHAPE_COMMA || c->shape[i] == LA__SHAPE_DASH || la__cl_is(c, i, "and") ||
           la__cl_is(c, i, "but");
}

/* "X said A, adding B", "X, citing A, reported B", "X acknowledged A but noted B": claim y's
 * content ends before claim x's cue when x follows a comma, dash, "and" or "but" and its
 * source lies outside y's content (the two share their subject). Returns true: go on. */
static bool cut_before(void *ctx, size_t x, size_t y)
{
    const la__cl_ctx *c = ctx;
    la_doc *d = c->doc;
    const la__claim *in = &d->claims[x];
    la__claim *out = &d->claims[y];
    size_t k = token_from(d, in->cue_start), a = token_from(d, out->content_start), e = k;
    if (!nested_in(in, out) || !in->has_source || holds(out->content_start, out->content_end, in->source_start, in->source_end) ||
        k <= a || !separator(c, k - 1))
        return true;
    while (e > a && separator(c, e - 1))
        e--;
    span content = {a, e};
    uint8_t kind = out->kind;
    if (e > a && (kind == LA_CLAIM_DIRECT || content_kind(c, &content, &kind))) {
        out->content_start = d->tokens[content.a].start;
        out->content_end = d->tokens[content.b - 1].end;
        out->kind = kind;
    }
    return true;
}

/* "In his view, A, the analyst explained": claim y's content runs on over claim x's
 * attribution after a comma, while x's content holds y's cue; y's content ends before
 * the comma. Returns true: go on. */
static bool cut_at_attribution(void *ctx, size_t x, size_t y)
{
    const la__cl_ctx *c = ctx;
    la_doc *d = c->doc;
    const la__claim *in = &d->claims[x];
    la__claim *out = &d->claims[y];
    if (nested_in(in, out) || !in->has_source || in->source_end > in->cue_start ||
        !holds(out->content_start, out->content_end, in->source_start, in->cue_end) || out->cue_end > in->source_start)
        return true;
    size_t a = token_from(d, out->content_start), e = token_from(d, in->source_start);
    if (e <= a + 1 || c->shape[e - 1] != LA__SHAPE_COMMA)
        return true;
    span content = {a, e - 1};
    uint8_t kind = out->kind;
    if (kind == LA_CLAIM_DIRECT || content_kind(c, &content, &kind)) {
        out->content_start = d->tokens[content.a].start;
        out->content_end = d->tokens[content.b - 1].end;
        out->kind = kind;
    }
    return true;
}

typedef struct drops { const la_doc *doc; bool *drop; } drops;

static bool mark_drop(void *arg, size_t x, size_t y)
{
    drops *to = arg;
    if (!nested_in(&to->doc->claims[x], &to->doc->claims[y]))
        return true;
    to->drop[x] = true;
    return false;
}

/* Untangles the claims told inside another claim's content. A claim sharing the outer
 * one's subject ends that content (cut_before). Any other is dropped ("Smith said the
 * report claims A"): the annotators of PolNeAR left the inner one out (104 of the 17,203
 * claims of PolNeAR train have their cue in another's content, none of the seeds' 25),
 * while the taggers, which see one cue at a time, give it; on PolNeAR dev 27 of the 123
 * such claims were right. Each pass decides against all the claims at once. */
static int untangle_nested(const la__cl_ctx *c)
{
    la_doc *d = c->doc;
    size_t n = d->n_claims;
    if (n < 2)
        return LA_OK;
    containers k = {0};
    bool *drop = calloc(n, sizeof *drop);
    int rc = drop ? containers_init(&k, d) : LA_ENOMEM;
    for (size_t x = 0; x < n && !rc; x++) {
        each_container(d, &k, x, cut_before, (void *)c);
        each_container(d, &k, x, cut_at_attribution, (void *)c);
    }
    containers_free(&k);
    if (!rc)
        rc = containers_init(&k, d); /* the cuts moved content ends */
    drops to = {d, drop};
    for (size_t x = 0; x < n && !rc; x++)
        each_container(d, &k, x, mark_drop, &to);
    containers_free(&k);
    size_t kept = 0;
    for (size_t q = 0; q < n && !rc; q++)
        if (!drop[q])
            d->claims[kept++] = d->claims[q];
    if (!rc)
        d->n_claims = kept;
    free(drop);
    return rc;
}

/* ---- source resolution ---------------------------------------------------------------- */

static const char *const INDEFINITE[] = {"some", "a", "an", "several", "many", "other", "few", "most",
                                         "certain", "one", "two", "three", "sources", "officials",
                                         "experts", "analysts", "observers", "critics", "people",
                                         NULL};

static const char *const PERSON_PRONOUNS[] = {"he", "she", "him", "her", "his", "i", NULL};
static const char *const GROUP_PRONOUNS[] = {"they", "it", "we", NULL};

static bool label_person(int l) { return l == LA__PERSON; }

static bool same_text_ci(const char *t, uint32_t a1, uint32_t b1, uint32_t a2, uint32_t b2)
{
    return b1 - a1 == b2 - a2 && !strncasecmp(t + a1, t + a2, b1 - a1);
}

static bool same_entity(const la_doc *d, const la__entity *x, const la__entity *y)
{
    if (x->entity_id && y->entity_id)
        return !strcmp(x->entity_id, y->entity_id);
    return same_text_ci(d->text, x->start, x->end, y->start, y->end);
}

/* ---- a person's gender, for "he" and "she" ---- */

/* First names and their gender ('m', 'f'), learnt from the pronouns after them in the
 * training text by tools/train-genders.py; sorted by strcmp. */
typedef struct first_name { const char *name; char gender; } first_name;
static const first_name FIRST_NAMES[] = {
#include "model/genders.inc"
};

typedef struct word { const char *s; size_t n; } word;

static int by_name(const void *key, const void *entry)
{
    const word *w = key;
    const char *name = ((const first_name *)entry)->name;
    size_t m = strlen(name);
    int d = memcmp(w->s, name, w->n < m ? w->n : m);
    return d ? d : (w->n > m) - (w->n < m);
}

static const char *const MALE_TITLES[] = {"mr", "mr.", "sir", "king", "prince", NULL};
static const char *const FEMALE_TITLES[] = {"mrs", "mrs.", "ms", "ms.", "miss", "madam", "lady", "dame", "queen",
                                            "princess", NULL};

static char title_gender(const la__cl_ctx *c, size_t k)
{
    return la__cl_is_any(c, k, MALE_TITLES) ? 'm' : la__cl_is_any(c, k, FEMALE_TITLES) ? 'f' : 0;
}

static char pronoun_gender(const la__cl_ctx *c, size_t k)
{
    return la__cl_is(c, k, "he") || la__cl_is(c, k, "him") || la__cl_is(c, k, "his")    ? 'm'
           : la__cl_is(c, k, "she") || la__cl_is(c, k, "her") || la__cl_is(c, k, "hers") ? 'f'
                                                                                          : 0;
}

/* The gender mention q itself tells: a title before or opening it ("Mrs. Clinton"), or
 * its first name; 0 when it tells none. */
static char mention_gender(const la__cl_ctx *c, size_t q)
{
    const la__entity *m = &c->doc->entities[q];
    size_t k = m->first_token;
    char g = k > 0 ? title_gender(c, k - 1) : 0;
    if (!g)
        g = title_gender(c, k);
    if (g || m->token_count < 2)
        return g;
    const la__token *t = &c->doc->tokens[k];
    word w = {c->doc->text + t->start, t->end - t->start};
    const first_name *f = bsearch(&w, FIRST_NAMES, sizeof FIRST_NAMES / sizeof *FIRST_NAMES, sizeof *FIRST_NAMES,
                                  by_name);
    return f ? f->gender : 0;
}

/* The gender of the first "he" or "she" after PERSON mention q up to the end of the next
 * sentence, when q is the only PERSON of its sentence and no other comes before the
 * pronoun ("Romanowski said ... She added"); 0 when there is none. An object or a
 * possessive is as often someone else's ("McCaskill scolded him"). */
static char pronoun_after(const la__cl_ctx *c, size_t q)
{
    const la_doc *d = c->doc;
    const la__entity *m = &d->entities[q];
    uint32_t s = d->tokens[m->first_token].sentence;
    if (q > 0 && label_person(d->entities[q - 1].label) && d->tokens[d->entities[q - 1].first_token].sentence == s)
        return 0;
    const la__sentence *last = &d->sentences[s + 1 < d->n_sentences ? s + 1 : s];
    size_t stop = last->first_token + last->token_count;
    for (size_t r = q + 1; r < d->n_entities && d->entities[r].first_token < stop; r++)
        if (label_person(d->entities[r].label)) {
            if (d->tokens[d->entities[r].first_token].sentence == s)
                return 0;
            stop = d->entities[r].first_token;
        }
    for (size_t k = m->first_token + m->token_count; k < stop; k++)
        if (la__cl_is(c, k, "he") || la__cl_is(c, k, "she"))
            return la__cl_is(c, k, "he") ? 'm' : 'f';
    return 0;
}

/* How many mentions either side of a person's mention are read for the mentions of the
 * same person that tell the gender ("Romanowski" after "Alina Romanowski"). */
#define GENDER_REACH 64

/* What each PERSON mention tells of its person's gender, by a title, a first name or the
 * pronoun after it ('m', 'f', 0), one per mention; NULL when out of memory (then no
 * gender is known). */
static char *genders_told(const la__cl_ctx *c)
{
    const la_doc *d = c->doc;
    char *told = malloc(d->n_entities ? d->n_entities : 1);
    for (size_t q = 0; told && q < d->n_entities; q++) {
        told[q] = 0;
        if (label_person(d->entities[q].label) && !(told[q] = mention_gender(c, q)))
            told[q] = pronoun_after(c, q);
    }
    return told;
}

/* The gender most mentions of the person of mention q tell; 0 when none tells or as
 * many tell each. */
static char person_gender(const la_doc *d, const char *told, size_t q)
{
    size_t lo = q > GENDER_REACH ? q - GENDER_REACH : 0;
    size_t hi = q + GENDER_REACH < d->n_entities ? q + GENDER_REACH : d->n_entities;
    int votes = 0; /* men minus women */
    for (size_t r = lo; r < hi; r++)
        if (told[r] && (r == q || same_entity(d, &d->entities[r], &d->entities[q])))
            votes += told[r] == 'm' ? 1 : -1;
    return votes > 0 ? 'm' : votes < 0 ? 'f' : 0;
}

/* How many mentions back, and claims back, source resolution looks for an entity:
 * bounded, so that a transcript of thousands of turns stays linear. */
#define LOOKBACK 256

/* A source of one capitalized word that is no mention ("PENCE:" in a transcript, where
 * the tagger knows no capitals name) stands for the latest PERSON or ORG mention before
 * it that ends with that word ("Mike Pence"), or for what an earlier claim with the same
 * source stands for; -1 when there is none. Mentions [0, e) lie before the source. */
static int32_t surname_entity(const la__cl_ctx *c, size_t k, size_t a, size_t e)
{
    const la_doc *d = c->doc;
    const la__token *w = &d->tokens[a];
    for (size_t q = k; q-- > 0 && q + LOOKBACK > k;) {
        const la__claim *p = &d->claims[q];
        if (p->source_entity >= 0 && same_text_ci(d->text, p->source_start, p->source_end, w->start, w->end))
            return p->source_entity;
    }
    for (size_t q = e; q-- > 0 && q + LOOKBACK > e;) {
        const la__entity *m = &d->entities[q];
        const la__token *last = &d->tokens[m->first_token + m->token_count - 1];
        if ((label_person(m->label) || m->label == LA__ORG) && m->token_count > 1 &&
            same_text_ci(d->text, last->start, last->end, w->start, w->end))
            return (int32_t)q;
    }
    return -1;
}

/* The entity mentions inside a source [a, b), found scanning back from mention e (the
 * first that starts at or after b): the last PERSON before head_end (the source's first
 * comma) or else the last, the first ORG ("The Kurdistan Regional Government in Erbil"
 * is the government) and the last GPE or NORP, or -1. */
typedef struct source_mentions { int32_t person, org, place; } source_mentions;

static const char *const POSSESSIVE[] = {"'s", "\xE2\x80\x99s", NULL};

static source_mentions mentions_in(const la__cl_ctx *c, size_t e, uint32_t a, uint32_t b, uint32_t head_end)
{
    const la_doc *d = c->doc;
    source_mentions s = {-1, -1, -1};
    bool in_head = false; /* whether s.person is the head's speaker */
    for (size_t q = e; q-- > 0 && q + LOOKBACK > e && d->entities[q].start >= a;) {
        const la__entity *m = &d->entities[q];
        if (m->end > b)
            continue;
        /* "Trump's running mate, Mike Pence": a possessor is not the head's speaker */
        size_t after = m->first_token + m->token_count;
        bool head = m->end <= head_end && !(after < d->n_tokens && la__cl_is_any(c, after, POSSESSIVE));
        if (m->label == LA__PERSON && (s.person < 0 || (!in_head && head))) {
            s.person = (int32_t)q;
            in_head = head;
        }
        else if (m->label == LA__ORG)
            s.org = (int32_t)q;
        else if ((m->label == LA__GPE || m->label == LA__NORP) && s.place < 0)
            s.place = (int32_t)q;
    }
    return s;
}

/* The latest mention of country id before mention e ("Iraq" for "the Iraqi government"),
 * or -1. */
static int32_t country_mention(const la_doc *d, size_t e, const char *id)
{
    for (size_t q = e; q-- > 0 && q + LOOKBACK > e;)
        if (d->entities[q].label == LA__GPE && d->entities[q].entity_id && !strcmp(d->entities[q].entity_id, id))
            return (int32_t)q;
    return -1;
}

/* Organisations' nouns that may stand for a country ("the government"); the others
 * ("the alliance", "the ministry") stand for an organisation, not a place. */
static const char *const STATE_NOUNS[] = {"government", "administration", "country", "state", "authorities",
                                          "regime", "army", "military", "forces", "police", NULL};

/* "the statement" is its issuer's: the organisation or country that last spoke, not
 * whatever organisation was named last ("... from NATO training, the statement went on"). */
static const char *const DOCUMENT_NOUNS[] = {"statement", "communique", "declaration", NULL};

static int32_t last_issuer(const la_doc *d, size_t k)
{
    for (size_t q = k; q-- > 0 && q + LOOKBACK > k;) {
        int32_t m = d->claims[q].source_entity;
        if (m >= 0 && (d->entities[m].label == LA__ORG || d->entities[m].label == LA__GPE))
            return m;
    }
    return -1;
}

/* Whether mention m may be what a later pronoun or description refers to: not in a
 * byline, date line or site furniture ("BY: Karim Haddad" is no one in the story). */
static bool antecedent_block(const la_doc *d, const la__entity *m)
{
    uint8_t kind = d->blocks[d->sentences[d->tokens[m->first_token].sentence].block].kind;
    return kind != LA_BLOCK_BYLINE && kind != LA_BLOCK_PUBLISHER && kind != LA_BLOCK_DATE &&
           kind != LA_BLOCK_BOILERPLATE;
}

/* The mention in apposition right after a source ending before token b, whose first
 * mention at or after the source's end is e ("the head of the committee, Badr
 * al-Zayadi,"), or -1. */
static int32_t apposition(const la__cl_ctx *c, size_t e, size_t b)
{
    const la_doc *d = c->doc;
    if (b + 1 >= d->n_tokens || c->shape[b] != LA__SHAPE_COMMA || e >= d->n_entities)
        return -1;
    return d->entities[e].first_token == b + 1 ? (int32_t)e : -1;
}

/* The entity a source with a nationality in it speaks for: the country, when the source
 * ends with an organisation's noun ("the Iraqi government", "Iranian forces"). */
static int32_t nationality_entity(const la__cl_ctx *c, const la__lexicon *lex, const la__entity *m, size_t last,
                                  size_t e)
{
    const la_doc *d = c->doc;
    const la__lex_entry *entry = la__lexicon_find(lex, d->text + m->start, m->end - m->start);
    if (!entry || !entry->country || !la__cl_org_noun(c, last))
        return -1;
    return country_mention(d, e, entry->country);
}

/* How far, in tokens, an organisation or place may stand from a name it titles. */
#define TITLE_REACH 6

/* Whether tokens [a, b) are only a title between an organisation or place and a name:
 * capitalised words, person nouns, "the", "'s" ("NATO Secretary General Jens
 * Stoltenberg", "Iraq's prime minister Mohammed ..."). */
static bool title_between(const la__cl_ctx *c, size_t a, size_t b)
{
    static const char *const JOINERS[] = {"the", "'s", "\xE2\x80\x99s", NULL};
    for (size_t k = a; k < b; k++)
        if (!(c->shape[k] == LA__SHAPE_CAP || la__cl_person_noun(c, k) || la__cl_is_any(c, k, JOINERS)))
            return false;
    return true;
}

/* Whether mention x titles PERSON mention p: x right before p with only a title between,
 * or after p, a comma and a title ("Stoltenberg, the NATO chief"). */
static bool titles(const la__cl_ctx *c, const la__entity *x, const la__entity *p)
{
    size_t xa = x->first_token, xb = xa + x->token_count, pa = p->first_token, pb = pa + p->token_count;
    if (xb <= pa)
        return pa - xb <= TITLE_REACH && title_between(c, xb, pa);
    return xa >= pb + 1 && xa - pb <= TITLE_REACH && c->shape[pb] == LA__SHAPE_COMMA && title_between(c, pb + 1, xa);
}

/* Whether a mention of the same entity as `of` titles PERSON mention p; mentions are in
 * text order, so only p's neighbours are read. */
static bool titled_by(const la__cl_ctx *c, size_t p, const la__entity *of)
{
    const la_doc *d = c->doc;
    const la__entity *m = &d->entities[p];
    size_t pa = m->first_token, pb = pa + m->token_count;
    for (size_t q = p; q-- > 0 && d->entities[q].first_token + d->entities[q].token_count + TITLE_REACH >= pa;)
        if (same_entity(d, &d->entities[q], of) && titles(c, &d->entities[q], m))
            return true;
    for (size_t q = p + 1; q < d->n_entities && d->entities[q].first_token <= pb + TITLE_REACH; q++)
        if (same_entity(d, &d->entities[q], of) && titles(c, &d->entities[q], m))
            return true;
    return false;
}

/* A definite description of a person with an organisation or place as its modifier
 * ("the NATO chief", "the Iraqi premier") stands for the latest PERSON before mention e
 * named next to that entity, or -1 when no one was (then "the NATO spokesman" speaks for
 * NATO). */
static int32_t titled_person(const la__cl_ctx *c, const la__entity *modifier, size_t e)
{
    const la_doc *d = c->doc;
    for (size_t q = e; q-- > 0 && q + LOOKBACK > e;)
        if (label_person(d->entities[q].label) && antecedent_block(d, &d->entities[q]) && titled_by(c, q, modifier))
            return (int32_t)q;
    return -1;
}

/* Whether source [a, b) is a definite description headed by a person's noun: "the NATO
 * chief", "the head of the Iraqi delegation", not "a NATO spokesman". */
static bool person_description(const la__cl_ctx *c, size_t a, size_t b)
{
    size_t head = a + 1;
    while (head < b && !la__cl_is_any(c, head, PREPOSITION) && c->shape[head] != LA__SHAPE_COMMA)
        head++;
    return !la__cl_is_any(c, a, INDEFINITE) && la__cl_person_noun(c, head - 1);
}

/* The latest PERSON from mention `from` back whose gender is not other than g, or in
 * that one's sentence, an earlier one known to be of gender g ("she" after "Alina
 * Romanowski met Mohammed al-Sudani" is Romanowski when the document tells either's
 * gender); -1 when every one is of the other, as the pronoun then means someone the
 * tagger did not find. */
static int32_t person_of_gender(const la_doc *d, const char *told, int32_t from, char g)
{
    if (from < 0 || !g || !told)
        return from;
    int32_t unknown = -1;
    for (size_t q = (size_t)from + 1; q-- > 0 && q + LOOKBACK > (size_t)from;) {
        const la__entity *m = &d->entities[q];
        if (unknown >= 0 && d->tokens[m->first_token].sentence !=
                                d->tokens[d->entities[unknown].first_token].sentence)
            break;
        if (!label_person(m->label) || !antecedent_block(d, m))
            continue;
        char h = person_gender(d, told, q);
        if (h == g)
            return (int32_t)q;
        if (!h && unknown < 0)
            unknown = (int32_t)q;
    }
    return unknown;
}

/* How many sentences back a speaker's "he" or "she" looks for a person in the story's
 * own voice before it settles for the latest person named. */
#define PRONOUN_REACH 4

/* Whether mention q names a person: a PERSON, or an ORG whose entity a PERSON mention
 * near it shares ("Trump cited ...", tagged ORG at the start of a sentence). */
static bool names_person(const la_doc *d, size_t q)
{
    const la__entity *m = &d->entities[q];
    if (label_person(m->label))
        return true;
    if (m->label != LA__ORG || !m->entity_id)
        return false;
    size_t lo = q > GENDER_REACH ? q - GENDER_REACH : 0;
    size_t hi = q + GENDER_REACH < d->n_entities ? q + GENDER_REACH : d->n_entities;
    for (size_t r = lo; r < hi; r++)
        if (label_person(d->entities[r].label) && same_entity(d, &d->entities[r], m))
            return true;
    return false;
}

/* Whether claim x's content holds byte `at`, outside x's own source (a quote split by
 * its attribution holds it), but not byte `pronoun`. */
static bool in_other_content(const la__claim *x, uint32_t at, uint32_t pronoun)
{
    bool holds_at = at >= x->content_start && at < x->content_end &&
                    !(x->has_source && at >= x->source_start && at < x->source_end);
    bool holds_pronoun = pronoun >= x->content_start && pronoun < x->content_end;
    return holds_at && !holds_pronoun;
}

/* The token of claim r's source when it is one word, or n_tokens. */
static size_t lone_source_word(const la_doc *d, const la__claim *r)
{
    size_t t = token_from(d, r->source_start);
    if (t >= d->n_tokens || (t + 1 < d->n_tokens && d->tokens[t + 1].start < r->source_end))
        return d->n_tokens;
    return t;
}

/* Whether claim r's source is "he", "she" or one capitalised word that is no common
 * word ("Wines", "Matthews", not "Aides"): a person, whether or not it was resolved. */
static bool lone_name_or_pronoun(const la__cl_ctx *c, const la__claim *r)
{
    size_t t = lone_source_word(c->doc, r);
    if (t >= c->doc->n_tokens)
        return false;
    return pronoun_gender(c, t) || (c->shape[t] == LA__SHAPE_CAP && !la__cl_common_word(c, t));
}

/* Conjunctions that open a clause of the sentence before them: a pronoun after one
 * ("Flynn said Trump was right when he said") may be a reported name's. */
static const char *const SUBORDINATOR[] = {"when", "as", "while", "after", "before", "because", "since", "if",
                                           "until", NULL};

/* What PERSON mention q offers as the antecedent of the speaker's pronoun at token a of
 * claim k: nothing (-1) when it is told inside a quote the pronoun is not in; the
 * reporter, when it is named in reported content the pronoun is not in and a person
 * reported it, as the one who reported is the story's subject there ("Scott joked that
 * Trump ranks fourth. 'I've always been ...,' he told" is Scott; so is "Putney told CNN
 * that the video did not show a gun in Scott's hand, but he said"); else the mention. */
static int32_t offered(const la__cl_ctx *c, size_t k, size_t q, size_t a)
{
    const la_doc *d = c->doc;
    const la__entity *m = &d->entities[q];
    size_t first = m->first_token;
    if (c->qregion[first] >= 0 && c->qregion[first] != c->qregion[a])
        return -1;
    if (d->tokens[first].sentence == d->tokens[a].sentence && a > 0 && la__cl_is_any(c, a - 1, SUBORDINATOR))
        return (int32_t)q;
    uint32_t pronoun = d->tokens[a].start;
    int32_t reporter = (int32_t)q;
    uint32_t nearest = 0;
    size_t hi = k + LOOKBACK < d->n_claims ? k + LOOKBACK : d->n_claims;
    for (size_t x = k > LOOKBACK ? k - LOOKBACK : 0; x < hi; x++) {
        const la__claim *r = &d->claims[x];
        /* a claim without a source is the story's own voice ("Trump seemed to ...") */
        if (x == k || !r->has_source || r->source_start < nearest || !in_other_content(r, m->start, pronoun))
            continue;
        nearest = r->source_start;
        size_t w = lone_source_word(d, r);
        if (w < d->n_tokens && (la__cl_is(c, w, "i") || la__cl_is(c, w, "we")))
            reporter = (int32_t)q; /* the writer: "I saw that Adelle Nazarian was weeping" */
        else if (r->source_entity >= 0 && names_person(d, (size_t)r->source_entity))
            reporter = r->source_entity;
        else if (lone_name_or_pronoun(c, r))
            reporter = -1; /* a person all the same ("Wines believes that the Clinton ...") */
        else
            reporter = (int32_t)q;
    }
    return reporter;
}

/* The latest speaker before claim k's source at token a, within PRONOUN_REACH sentences,
 * who is a person of gender g or of unknown gender and speaks after byte `after`: the
 * entity an earlier claim's source stands for ("Trump cited A. Wednesday, he called for
 * B", where the tagger did not take that "Trump" for a name); -1 when there is none. */
static int32_t latest_speaker(const la__cl_ctx *c, const char *told, size_t k, size_t a, uint32_t after, char g)
{
    const la_doc *d = c->doc;
    uint32_t s = d->tokens[a].sentence, at = d->tokens[a].start;
    int32_t best = -1;
    uint32_t best_start = after;
    /* claims are in the order they were found, not always the text's */
    size_t hi = k + LOOKBACK < d->n_claims ? k + LOOKBACK : d->n_claims;
    for (size_t x = k > LOOKBACK ? k - LOOKBACK : 0; x < hi; x++) {
        const la__claim *p = &d->claims[x];
        int32_t m = p->source_entity;
        if (m < 0 || !p->has_source || p->source_start >= at || p->source_start < best_start ||
            !names_person(d, (size_t)m))
            continue;
        size_t t = token_from(d, p->source_start);
        /* a name, a pronoun or a lone capitalised word ("Trump", which the tagger missed):
           what a description stands for is a weaker guess */
        const la__entity *e = &d->entities[m];
        if (!(e->start >= p->source_start && e->end <= p->source_end) && !lone_name_or_pronoun(c, p))
            continue;
        if (t >= d->n_tokens || d->tokens[t].sentence + PRONOUN_REACH < s ||
            (c->qregion[t] >= 0 && c->qregion[t] != c->qregion[a]))
            continue;
        /* "She says A. He says B": the speaker's own pronoun tells the gender */
        size_t w = lone_source_word(d, p);
        char h = w < d->n_tokens ? pronoun_gender(c, w) : 0;
        if (!h && told)
            h = person_gender(d, told, (size_t)m);
        if (!g || !h || h == g) {
            best = m;
            best_start = p->source_start;
        }
    }
    return best;
}

/* The person a speaker's "he" or "she" at token a of claim k stands for, from the latest
 * PERSON mention `from` back: the latest of gender g (or unknown) named in the story's
 * own voice within PRONOUN_REACH sentences, or else the latest of that gender at all. */
static int32_t pronoun_antecedent(const la__cl_ctx *c, const char *told, size_t k, size_t a, int32_t from, char g)
{
    const la_doc *d = c->doc;
    uint32_t s = d->tokens[a].sentence;
    int32_t unknown = -1;
    uint32_t unknown_sentence = 0;
    for (size_t q = (size_t)(from + 1); from >= 0 && q-- > 0 && q + LOOKBACK > (size_t)from;) {
        const la__entity *m = &d->entities[q];
        uint32_t ms = d->tokens[m->first_token].sentence;
        if (ms + PRONOUN_REACH < s || (unknown >= 0 && ms != unknown_sentence))
            break;
        if (!names_person(d, q) || !antecedent_block(d, m))
            continue;
        int32_t o = offered(c, k, q, a);
        if (o < 0)
            continue;
        char h = told ? person_gender(d, told, (size_t)o) : 0;
        if (!g || h == g)
            return o;
        if (!h && unknown < 0) {
            unknown = o;
            unknown_sentence = ms;
        }
    }
    int32_t named = unknown;
    if (named < 0) { /* the latest of the pronoun's gender at all, unless quoted */
        named = person_of_gender(d, told, from, g);
        if (named >= 0 && offered(c, k, (size_t)named, a) < 0)
            named = -1;
    }
    int32_t spoke = latest_speaker(c, told, k, a, named >= 0 ? d->entities[named].start : 0, g);
    return spoke >= 0 ? spoke : named;
}

/* The first PERSON mention in a byline ("By Karim Haddad"), or -1. */
static int32_t byline_person(const la_doc *d)
{
    for (size_t q = 0; q < d->n_entities; q++) {
        const la__entity *m = &d->entities[q];
        if (label_person(m->label) &&
            d->blocks[d->sentences[d->tokens[m->first_token].sentence].block].kind == LA_BLOCK_BYLINE)
            return (int32_t)q;
    }
    return -1;
}

static void resolve_sources(const la__cl_ctx *cx, const la__lexicon *lex)
{
    const la__cl_ctx *c = cx;
    la_doc *doc = cx->doc;
    size_t e = 0, t = 0;
    /* the latest PERSON and ORG or GPE mentions before the source; those inside it are
       held back until the next claim ("..., Badr al-Zayadi, said A. He said B.") */
    enum { PERSON, ORG_OR_PLACE, ORG_ONLY, KINDS };
    int32_t last[KINDS] = {-1, -1, -1}, held[KINDS] = {-1, -1, -1};
    char *told = NULL; /* genders_told, once the first "he" or "she" asks */
    bool told_done = false;
    for (size_t k = 0; k < doc->n_claims; k++) {
        la__claim *cl = &doc->claims[k];
        if (!cl->has_source)
            continue;
        for (int x = 0; x < KINDS; x++) {
            if (held[x] > last[x])
                last[x] = held[x];
            held[x] = -1;
        }
        /* advance the entity cursor past mentions before the source's end */
        for (; e < doc->n_entities && doc->entities[e].start < cl->source_end; e++) {
            const la__entity *m = &doc->entities[e];
            if (!antecedent_block(doc, m))
                continue;
            int32_t *to = m->start < cl->source_start ? last : held;
            if (label_person(m->label))
                to[PERSON] = (int32_t)e;
            if (m->label == LA__ORG || m->label == LA__GPE)
                to[ORG_OR_PLACE] = (int32_t)e;
            if (m->label == LA__ORG)
                to[ORG_ONLY] = (int32_t)e;
        }
        int32_t last_person = last[PERSON], last_org = last[ORG_OR_PLACE];
        /* the first and last token of the source */
        while (t < doc->n_tokens && doc->tokens[t].end <= cl->source_start)
            t++;
        while (t > 0 && doc->tokens[t - 1].end > cl->source_start)
            t--;
        size_t a = t, b = t;
        while (b < doc->n_tokens && doc->tokens[b].start < cl->source_end)
            b++;
        if (b == a)
            continue;
        /* a PERSON or ORG inside the source, or a GPE/NORP that ends it ("Iraq",
         * "Washington") or names the country of its organisation; "some Iraqi security
         * sources" names no entity */
        /* a name before an apposition is the speaker ("David Axelrod, a longtime adviser
           to Barack Obama"), the last one of the head ("Clinton communication director
           Jennifer Palmieri") */
        uint32_t head_end = cl->source_end;
        for (size_t k2 = a; k2 < b; k2++)
            if (c->shape[k2] == LA__SHAPE_COMMA) {
                head_end = doc->tokens[k2].start;
                break;
            }
        source_mentions in = mentions_in(c, e, cl->source_start, cl->source_end, head_end);
        int32_t modifier = in.org >= 0 ? in.org : in.place;
        if (in.person < 0 && modifier >= 0 && person_description(c, a, b)) {
            int32_t named = titled_person(c, &doc->entities[modifier], (size_t)modifier);
            if (named >= 0) {
                cl->source_entity = named;
                continue;
            }
        }
        int32_t found = in.person >= 0 ? in.person : in.org;
        if (found < 0 && in.place >= 0) {
            const la__entity *m = &doc->entities[in.place];
            found = m->end == cl->source_end ? in.place : nationality_entity(c, lex, m, b - 1, e);
        }
        if (found >= 0) {
            cl->source_entity = found;
            continue;
        }
        /* "I" in the story's own voice is its writer: the byline's person, or no one
           (in a first-person essay the latest person named is anyone but the writer) */
        if (b - a == 1 && la__cl_is(c, a, "i") && c->qregion[a] < 0) {
            cl->source_entity = byline_person(doc);
            continue;
        }
        if (b - a == 1 && la__cl_is_any(c, a, PERSON_PRONOUNS)) {
            char g = pronoun_gender(c, a);
            if (g && !told_done) {
                told = genders_told(c);
                told_done = true;
            }
            /* an "I" inside a quote is its speaker's: the latest person */
            cl->source_entity = g ? pronoun_antecedent(c, told, k, a, last_person, g) : last_person;
            continue;
        }
        if (b - a == 1 && la__cl_is_any(c, a, GROUP_PRONOUNS)) {
            cl->source_entity = la__cl_is(c, a, "it") || last_person < 0 ? last_org
                                : last_org > last_person      ? last_org
                                                              : last_person;
            continue;
        }
        if (b - a == 1 && (c->shape[a] == LA__SHAPE_CAP || c->shape[a] == LA__SHAPE_UPPER)) {
            cl->source_entity = surname_entity(c, k, a, e);
            continue;
        }
        if (la__cl_is_any(c, a, INDEFINITE) || la__cl_is_any(c, b - 1, INDEFINITE))
            continue;
        if (!(la__cl_is(c, a, "the") || la__cl_is(c, a, "this") || la__cl_is(c, a, "that") || la__cl_is(c, a, "these") ||
              la__cl_is(c, a, "his") || la__cl_is(c, a, "her") || la__cl_is(c, a, "its") || la__cl_is(c, a, "their")))
            continue;
        /* the head noun comes before a prepositional phrase: "the head of the committee" */
        size_t head = a + 1;
        while (head < b && !la__cl_is_any(c, head, PREPOSITION) && c->shape[head] != LA__SHAPE_COMMA)
            head++;
        bool person = false, org = false;
        for (size_t q = a; q < head; q++) {
            person |= la__cl_person_noun(c, q);
            org |= la__cl_org_noun(c, q);
        }
        if (la__cl_person_noun(c, head - 1))
            org = false;
        if (la__cl_org_noun(c, head - 1))
            person = false;
        int32_t named = apposition(c, e, b);
        if (named >= 0 && (person ? label_person(doc->entities[named].label) : org))
            cl->source_entity = named;
        else if (person && la__cl_people_noun(c, head - 1))
            continue; /* "the two lawmakers" are no one person */
        else if (person)
            cl->source_entity = pronoun_antecedent(c, told, k, a, last_person, 0);
        else if (la__cl_is_any(c, head - 1, DOCUMENT_NOUNS))
            cl->source_entity = last_issuer(doc, k);
        else if (org)
            cl->source_entity = la__cl_is_any(c, head - 1, STATE_NOUNS) || last[ORG_ONLY] < 0 ? last_org
                                                                                          : last[ORG_ONLY];
    }
    free(told);
}

/* ---- the stage ------------------------------------------------------------------------ */

int la__claims_load(la_pipeline *p, la_error *err)
{
    return la__cl_model_load_default(&p->claims, err);
}

void la__claims_unload(la_pipeline *p)
{
    la__cl_model_free(p->claims);
    p->claims = NULL;
}

int la__claims(la_doc *doc, const la_pipeline *pipeline, la_error *err)
{
    if (!doc->n_tokens || !pipeline->claims)
        return LA_OK;
    la__cl_ctx c;
    if (la__cl_ctx_init(&c, doc))
        return la__fail(err, LA_ENOMEM, 0, "out of memory for claims");
    scratch s = {0}, r = {0};
    int rc = LA_OK;
    for (size_t bi = 0; bi < doc->n_blocks && !rc; bi++) {
        size_t pa, pb;
        if (!la__cl_block_tokens(&c, bi, &pa, &pb))
            continue;
        span next = {0, 0};
        if (bi + 1 < doc->n_blocks && !la__cl_block_tokens(&c, bi + 1, &next.a, &next.b))
            next = (span){0, 0}; /* furniture or an interview question: no content */
        const la__block *bl = &doc->blocks[bi];
        for (size_t si = 0; si < bl->sentence_count && !rc; si++) {
            const la__sentence *se = &doc->sentences[bl->first_sentence + si];
            span sentence = {se->first_token, se->first_token + se->token_count};
            if (span_ok(sentence))
                rc = sentence_claims(&c, pipeline->claims, sentence, pa, pb, next, &s, &r);
        }
    }
    if (!rc)
        rc = layout_claims(&c);
    if (!rc)
        rc = untangle_nested(&c);
    if (rc)
        rc = la__fail(err, LA_ENOMEM, 0, "out of memory for claims");
    else
        resolve_sources(&c, pipeline->lexicon);
    free_scratch(&s);
    free_scratch(&r);
    la__cl_ctx_free(&c);
    return rc;
}
