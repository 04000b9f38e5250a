/* Attributions marked by layout rather than by a reporting verb; see conventions.h.
 *
 * Speaker labels. Transcripts and headlines name the speaker first, then a colon:
 * "WALLACE: Let's start ...", "Pat Caddell: Democrat Voters Worried ...". The same layout
 * serves page labels ("Note:", "Update:", "Contributing:") and interview turns ("Q:",
 * "A:"), which are nobody's statement, so the label must look like a speaker: a PERSON or
 * ORG mention, a noun of people ("Iraqi MP:"), a source noun of headlines ("Poll:"), or a
 * name in capitals when the document is a transcript (a lone "BOOM:" or "LOOK:" is a
 * headline teaser); and it must stand where a statement follows (a headline, a
 * transcript, a quote), since "Name: ..." also makes lists. A turn whose paragraph opens with a quote mark goes on over the next
 * paragraphs that continue the quote (the convention for quotes running over
 * paragraphs), up to the next label or stage direction ("(CROSSTALK.)").
 *
 * Dash attributions. Pull quotes and readers' comments end with the speaker after a dash:
 * "“... our greatest shame.” ― Sonya Herridge", in the quote's paragraph (several may
 * follow one another in one block when the page's lines were joined) or alone in the
 * next one ("- Bernie Sanders.").
 *
 * One pass over the blocks, and a bounded look at the neighbouring ones. */
#include "claims/conventions.h"

#include <stdlib.h>
#include <string.h>

typedef struct span { size_t a, b; } span; /* token range [a, b) */

static bool is_quote(const la__cl_ctx *c, size_t i) { return c->shape[i] == LA__SHAPE_QUOTE; }

static bool capitalized(const la__cl_ctx *c, size_t i)
{
    return la__cl_is_word(c, i) && (c->shape[i] == LA__SHAPE_CAP || c->shape[i] == LA__SHAPE_UPPER);
}

static bool speaker_entity(const la__cl_ctx *c, size_t i)
{
    int label = c->ent[i] - 1;
    return label == LA__PERSON || label == LA__ORG;
}

/* Words before a colon at a paragraph's start that name no speaker: interview turns,
 * page, section and credit labels, headline teasers. Checked on the label's first and
 * last word ("Editor's note", "The Latest"). */
static const char *const NOT_SPEAKER[] = {
    "q", "a", "question", "questions", "answer", "answers", "interviewer", "note", "notes", "nb",
    "ps", "editor", "editors", "update", "updated", "updates", "correction", "corrections",
    "clarification", "photo", "photos", "picture", "pictures", "image", "images", "caption",
    "credit", "credits", "graphic", "video", "videos", "audio", "watch", "listen", "look",
    "read", "see", "source", "sources", "related", "advertisement", "sponsored", "warning",
    "alert", "breaking", "exclusive", "developing", "live", "opinion", "analysis",
    "commentary", "editorial", "review", "transcript", "excerpt", "byline", "contributing",
    "reporting", "email", "e-mail", "twitter", "facebook", "instagram", "follow", "contact",
    "phone", "tags", "topics", "filed", "posted", "published", "subscribe", "share", "comment",
    "comments", "disclosure", "disclaimer", "name", "age", "city", "job", "location", "date",
    "time", "title", "subject", "summary", "background", "context", "fact", "facts", "claim",
    "verdict", "rating", "the", "still", "more", "also", "here", "now", "wow", "boom", "busted",
    "revealed", "spoiler", "bonus", "total", "result", "results", "latest", "via", "dear", NULL};

bool la__cl_not_speaker(const la__cl_ctx *c, size_t i)
{
    return la__cl_is_any(c, i, NOT_SPEAKER);
}

/* Nouns that are a source in headlines ("Poll: Trump and Clinton in dead heat"). */
static const char *const SOURCE_NOUN[] = {"poll", "polls", "report", "survey", "study", "newspaper", NULL};

static bool all_caps(const la__cl_ctx *c, size_t i)
{
    if (c->shape[i] != LA__SHAPE_UPPER)
        return false;
    size_t letters = 0;
    for (uint32_t k = c->doc->tokens[i].start; k < c->doc->tokens[i].end; k++)
        letters += c->t[k] >= 'A' && c->t[k] <= 'Z';
    return letters >= 2;
}

/* ---- speaker labels ------------------------------------------------------------------- */

/* The layout of a label at the start of paragraph [pa, pb): an optional opening quote
 * mark, 1-3 capitalized words, a colon. Returns the colon's token (never pa), or 0. */
static size_t label_shape(const la__cl_ctx *c, size_t pa, size_t pb, span *name)
{
    size_t a = pa < pb && is_quote(c, pa) ? pa + 1 : pa;
    for (size_t k = a; k < pb && k <= a + 3; k++) {
        if (c->shape[k] == LA__SHAPE_COLON) {
            *name = (span){a, k};
            bool label = k > a && !la__cl_is_any(c, a, NOT_SPEAKER) && !la__cl_is_any(c, k - 1, NOT_SPEAKER);
            return label ? k : 0;
        }
        if (!capitalized(c, k))
            return 0;
    }
    return 0;
}

static bool caps_name(const la__cl_ctx *c, span name)
{
    for (size_t k = name.a; k < name.b; k++)
        if (!all_caps(c, k))
            return false;
    return true;
}

/* Whether a label's name describes people: "Iraqi MP", "Hezbollah Chief", "Experts". */
static bool described(const la__cl_ctx *c, span name)
{
    return la__cl_person_noun(c, name.b - 1) && !c->ent[name.b - 1];
}

/* Whether a label's name is a speaker's: it ends with a PERSON or ORG mention (titles may
 * come before: "Dr. Ben Carson") and holds no other kind of mention ("Iowa:" is a
 * heading; "Stealth Over Health:", with "Stealth" taken for an ORG, a headline's topic),
 * or it ends with a noun of people ("Iraqi MP", "Hezbollah Chief"), or it is a source
 * noun, or capitals in a transcript. */
static bool speaker(const la__cl_ctx *c, span name, bool transcript)
{
    bool other = false;
    for (size_t k = name.a; k < name.b; k++)
        other |= c->ent[k] && !speaker_entity(c, k);
    if (speaker_entity(c, name.b - 1) && !other)
        return true;
    if (described(c, name))
        return true;
    if (transcript && caps_name(c, name))
        return true;
    return name.b == name.a + 1 && la__cl_is_any(c, name.a, SOURCE_NOUN);
}

/* A transcript: a dialogue of people, where two speakers at least take turns and one of
 * them more than once (the last word of a label in capitals or ending with a PERSON
 * mention comes back: "KATE BOULDUAN:" ... "BOULDUAN:"). Not one: a list of one label per
 * name ("Sanders: Win in a walk", "Clinton: Keep it"), one name over a list ("Portion
 * Fix Containers: 1 Green, 1 Red"), teams' notes ("Lakers: ...", "Thunder: ..."), a lone
 * "BOOM:" headline. */
static bool is_transcript(const la__cl_ctx *c)
{
    enum { MAX_LABELS = 64 };
    uint32_t seen[MAX_LABELS];
    size_t n = 0;
    bool again = false;
    for (size_t bi = 0; bi < c->doc->n_blocks && n < MAX_LABELS && !(again && n >= 2); bi++) {
        size_t pa, pb;
        span name;
        if (!la__cl_block_tokens(c, bi, &pa, &pb) || !label_shape(c, pa, pb, &name) ||
            !(caps_name(c, name) || c->ent[name.b - 1] == LA__PERSON + 1))
            continue;
        bool known = false;
        for (size_t k = 0; k < n && !known; k++)
            known = seen[k] == c->word[name.b - 1];
        again |= known;
        if (!known)
            seen[n++] = c->word[name.b - 1];
    }
    return again && n >= 2;
}

/* Whether a label says that a statement follows: in the headline (the document's title or
 * first paragraph: "Pat Caddell: Democrat Voters Worried ..."), a transcript's turn, or
 * before a quote ('"Chris Matthews: ...', 'Clinton: "Our goal is ..."'). Elsewhere, and
 * in the article's subheadings, "Name: ..." may be a list item ("Sanders: Win in a walk",
 * "Clinton: Keep it"). */
static bool statement_follows(const la__cl_ctx *c, size_t bi, bool first, size_t pa, size_t colon, bool transcript)
{
    return first || c->doc->blocks[bi].kind == LA_BLOCK_TITLE || transcript || is_quote(c, pa) ||
           is_quote(c, colon + 1);
}

/* Words that open a page's own lines, not a speaker's ("Follow Pam Key on Twitter"). */
static const char *const PAGE_WORD[] = {"follow", "click", "subscribe", "sign", "read", "watch", "share",
                                        "download", "listen", NULL};

/* Where the turn opened by the label of block bi [pa, pb) (colon at token colon) ends:
 * at the paragraph's end, or, when it opens with a quote mark, at that quote's closing
 * mark, over the next paragraphs that carry the quote on and start with a word rather
 * than a stage direction, another label or the page's own lines. */
static size_t turn_end(const la__cl_ctx *c, size_t bi, size_t pa, size_t pb, size_t colon)
{
    if (!is_quote(c, pa) || c->qregion[pa] < 0)
        return pb;
    int32_t region = c->qregion[pa], close = c->qpair[region];
    for (size_t bj = bi + 1;; bj++) {
        if (close >= 0 && (size_t)close > colon && (size_t)close < pb)
            return (size_t)close;
        size_t na, nb;
        span name;
        if (bj >= c->doc->n_blocks || !la__cl_block_tokens(c, bj, &na, &nb) || !is_quote(c, na) ||
            c->qregion[na] != region || na + 1 >= nb || !la__cl_is_word(c, na + 1) ||
            la__cl_is_any(c, na + 1, PAGE_WORD) || label_shape(c, na, nb, &name))
            return pb;
        pb = nb;
    }
}

/* The label claim of block bi [pa, pb), if any. */
static bool label_claim(const la__cl_ctx *c, size_t bi, bool first, size_t pa, size_t pb, bool transcript,
                        la__cl_attribution *out)
{
    span name;
    size_t colon = label_shape(c, pa, pb, &name);
    if (!colon || colon + 1 >= pb || !speaker(c, name, transcript) ||
        !statement_follows(c, bi, first, pa, colon, transcript))
        return false;
    /* "Sanders: 121." is a count, not a statement; "Prime Minister: A Profile" a title */
    size_t end = turn_end(c, bi, pa, pb, colon), words = 0, least = described(c, name) ? 3 : 2;
    for (size_t k = colon + 1; k < end && words < least; k++)
        words += (c->doc->tokens[k].flags & LA_TOKEN_WORD) != 0;
    if (words < least)
        return false;
    *out = (la__cl_attribution){name.a, name.b, colon, colon + 1, colon + 1, end, false};
    return true;
}

/* ---- dash attributions ------------------------------------------------------------------ */

/* The name after the dash at token d: up to four capitalized words or words of a PERSON
 * or ORG mention ("Edwin G. Monroy", "Christina N Luis Olidem"), and no place or other
 * mention. Returns the token after it, or 0. */
static size_t dash_name(const la__cl_ctx *c, size_t d, size_t pb)
{
    size_t a = d + 1, k = a;
    if (a >= pb || !capitalized(c, a) || la__cl_is_any(c, a, NOT_SPEAKER))
        return 0;
    while (k < pb && k < a + 4 && (capitalized(c, k) || speaker_entity(c, k)) && (!c->ent[k] || speaker_entity(c, k)))
        k++;
    if (k < pb && c->ent[k] && c->ent[k] == c->ent[k - 1])
        return 0; /* a longer mention, or one of another kind, goes on */
    return k;
}

/* Whether what follows a name ending at token k closes the attribution: the paragraph's
 * end, a full stop, a short description after a comma ("Michelle Marks, Philadelphia"),
 * or the next quote. *next is the token after the attribution. */
static bool name_ends(const la__cl_ctx *c, size_t k, size_t pb, size_t *next)
{
    if (k < pb && c->shape[k] == LA__SHAPE_FINAL)
        k++;
    *next = k;
    if (k >= pb || is_quote(c, k))
        return true;
    if (c->shape[k] != LA__SHAPE_COMMA || pb - k > 12)
        return false;
    for (size_t i = k + 1; i < pb; i++)
        if (is_quote(c, i))
            return false;
    *next = pb;
    return true;
}

/* The opening mark of the quote that the closing mark q ends, when it starts at `from`
 * (the paragraph's start, or the end of the attribution before it), at a sentence start
 * or in an earlier paragraph (a quote running over paragraphs); SIZE_MAX otherwise. A
 * closing mark with nothing open is paired with a mark at `from`, which some pages write
 * as a closing one ("”Mr. Trump embodies ...”"). */
static size_t quote_open(const la__cl_ctx *c, size_t q, size_t pa, size_t from)
{
    if (c->qopen[q] == 2) {
        size_t open = (size_t)c->qpair[q];
        if (open < pa || open == from || (open > pa && c->shape[open - 1] == LA__SHAPE_FINAL))
            return open;
    }
    return c->qopen[q] != 1 && from < q && is_quote(c, from) ? from : SIZE_MAX;
}

static void dash_attribution(size_t open, size_t q, size_t d, size_t name_end, la__cl_attribution *out)
{
    *out = (la__cl_attribution){d + 1, name_end, d, d + 1, open + 1, q, true};
}

/* Pushes onto *out, growing it. */
static int push(la__cl_attribution **out, size_t *n, size_t *cap, la__cl_attribution a)
{
    return LA__PUSH(*out, *n, *cap, a);
}

/* The dash attributions of block [pa, pb), in order; prev_b is the end of the previous
 * block when it is readable and ends with a quote (a quote whose attribution is alone in
 * this block), else 0. */
static int dash_claims(const la__cl_ctx *c, size_t pa, size_t pb, size_t prev_a, size_t prev_b,
                       la__cl_attribution **out, size_t *n, size_t *cap)
{
    size_t from = pa, next;
    if (prev_b && c->shape[pa] == LA__SHAPE_DASH) { /* "- Bernie Sanders." under the quote */
        size_t q = is_quote(c, prev_b - 1) ? prev_b - 1 : prev_b - 2;
        size_t k = dash_name(c, pa, pb), open = quote_open(c, q, prev_a, prev_a);
        if (k && name_ends(c, k, pb, &next) && next == pb && open != SIZE_MAX && open + 1 < q) {
            la__cl_attribution a;
            dash_attribution(open, q, pa, k, &a);
            return push(out, n, cap, a);
        }
    }
    for (size_t d = pa + 1; d < pb; d++) {
        if (c->shape[d] != LA__SHAPE_DASH || !is_quote(c, d - 1) || d - 1 == from)
            continue;
        size_t k = dash_name(c, d, pb), open = quote_open(c, d - 1, pa, from);
        if (!k || !name_ends(c, k, pb, &next) || open == SIZE_MAX || open + 1 >= d - 1)
            continue;
        la__cl_attribution a;
        dash_attribution(open, d - 1, d, k, &a);
        if (push(out, n, cap, a))
            return LA_ENOMEM;
        from = next;
        d = next;
    }
    return LA_OK;
}

/* A block [a, b) that ends with a quote, then maybe a full stop. */
static bool ends_with_quote(const la__cl_ctx *c, size_t a, size_t b)
{
    return b > a + 1 && (is_quote(c, b - 1) || (c->shape[b - 1] == LA__SHAPE_FINAL && is_quote(c, b - 2)));
}

static int find(const la__cl_ctx *c, la__cl_attribution **out, size_t *n_out)
{
    size_t cap = 0, prev_a = 0, prev_b = 0, first_block = 0;
    bool transcript = is_transcript(c);
    for (size_t bi = 0; bi < c->doc->n_blocks; bi++) {
        size_t pa, pb;
        if (!la__cl_block_tokens(c, bi, &pa, &pb)) {
            prev_b = 0;
            first_block += first_block == bi;
            continue;
        }
        la__cl_attribution a;
        bool first = bi == first_block;
        if (label_claim(c, bi, first, pa, pb, transcript, &a) && push(out, n_out, &cap, a))
            return LA_ENOMEM;
        if (dash_claims(c, pa, pb, prev_a, prev_b, out, n_out, &cap))
            return LA_ENOMEM;
        prev_a = pa;
        prev_b = ends_with_quote(c, pa, pb) ? pb : 0;
    }
    return LA_OK;
}

int la__cl_conventions(const la__cl_ctx *c, la__cl_attribution **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    if (find(c, out, n_out) == LA_OK)
        return LA_OK;
    free(*out);
    *out = NULL;
    *n_out = 0;
    return LA_ENOMEM;
}
