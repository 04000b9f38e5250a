/* Attributions marked by layout rather than by a reporting verb; see conventions.h.
 *
 * Speaker labels. Transcripts and headlines name the speaker first, then a colon:
 * "WALLACE: Let's start ...", "Pat Caddell: Democrat Voters Worried ...". The same layout
 * serves page labels ("Note:", "Update:", "Contributing:") and interview turns ("Q:",
 * "A:"), which are nobody's statement, so the label must look like a speaker: a PERSON or
 * ORG mention, a source noun of headlines ("Poll:"), or a name in capitals when the
 * document is a transcript (a lone "BOOM:" or "LOOK:" is a headline teaser); and it must
 * stand where a statement follows (a headline, a transcript, a quote), since "Name: ..."
 * also makes lists. A turn whose paragraph opens with a quote mark goes on over the next
 * paragraphs that continue the quote (the convention for quotes running over
 * paragraphs), up to the next label or stage direction ("(CROSSTALK.)").
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

/* Whether a label's name is a speaker's: it ends with a PERSON or ORG mention (titles may
 * come before: "Dr. Ben Carson") and holds no other kind of mention ("Iowa:" is a
 * heading; "Stealth Over Health:", with "Stealth" taken for an ORG, a headline's topic),
 * or it is a source noun, or capitals in a transcript. */
static bool speaker(const la__cl_ctx *c, span name, bool transcript)
{
    bool other = false;
    for (size_t k = name.a; k < name.b; k++)
        other |= c->ent[k] && !speaker_entity(c, k);
    if (speaker_entity(c, name.b - 1) && !other)
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
    size_t end = turn_end(c, bi, pa, pb, colon), words = 0;
    for (size_t k = colon + 1; k < end && words < 2; k++)
        words += (c->doc->tokens[k].flags & LA_TOKEN_WORD) != 0;
    if (words < 2) /* "Sanders: 121." is a count, not a statement */
        return false;
    *out = (la__cl_attribution){name.a, name.b, colon, colon + 1, colon + 1, end};
    return true;
}

/* Pushes onto *out, growing it. */
static int push(la__cl_attribution **out, size_t *n, size_t *cap, la__cl_attribution a)
{
    return LA__PUSH(*out, *n, *cap, a);
}

static int find(const la__cl_ctx *c, la__cl_attribution **out, size_t *n_out)
{
    size_t cap = 0, first_block = 0;
    bool transcript = is_transcript(c);
    for (size_t bi = 0; bi < c->doc->n_blocks; bi++) {
        size_t pa, pb;
        if (!la__cl_block_tokens(c, bi, &pa, &pb)) {
            first_block += first_block == bi;
            continue;
        }
        la__cl_attribution a;
        bool first = bi == first_block;
        if (label_claim(c, bi, first, pa, pb, transcript, &a) && push(out, n_out, &cap, a))
            return LA_ENOMEM;
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
