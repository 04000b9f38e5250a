/* Per-document token facts for the claims stage; see context.h. */
#include "claims/context.h"
#include "claims/rules.h"
#include "parse/chars.h"
#include "util/hash.h"

#include <string.h>

#include "cues_data.h"
#include "wordclass_data.h"


static inline char lower(char a) { return (char)(a >= 'A' && a <= 'Z' ? a - 'A' + 'a' : a); }

uint32_t la__cl_word_hash(const char *s, size_t n)
{
    uint32_t h = LA__FNV32_SEED;
    for (size_t k = 0; k < n; k++)
        h = (h ^ (unsigned char)lower(s[k])) * LA__FNV32_PRIME;
    return h;
}

static size_t tlen(const la__cl_ctx *c, size_t i)
{
    return c->doc->tokens[i].end - c->doc->tokens[i].start;
}

bool la__cl_same_lower(const char *s, const char *lit, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (lower(s[k]) != lit[k])
            return false;
    return true;
}

/* la__cl_is for a word of a list: no strlen, as the rules ask this of many tokens against
 * long lists */
static bool is_word_of_list(const la__cl_ctx *c, size_t i, const char *lit)
{
    size_t n = tlen(c, i);
    const char *s = c->t + c->doc->tokens[i].start;
    for (size_t k = 0; k < n; k++)
        if (!lit[k] || lower(s[k]) != lit[k])
            return false;
    return lit[n] == 0;
}

bool la__cl_is_any(const la__cl_ctx *c, size_t i, const char *const *list)
{
    /* the first letter turns away most words before a call: the rules ask this a lot */
    char first = lower(c->t[c->doc->tokens[i].start]);
    for (; *list; list++)
        if ((*list)[0] == first && is_word_of_list(c, i, *list))
            return true;
    return false;
}

/* Nouns of people that head a description of a source ("the Iraqi affairs expert", "the
 * NATO chief") or a headline's speaker ("Iraqi MP:"). */
static const char *const PERSON_NOUNS[] = {
    "expert", "analyst", "spokesman", "spokeswoman", "spokesperson", "minister", "president",
    "official", "leader", "commander", "chief", "director", "secretary", "ambassador", "senator",
    "governor", "candidate", "lawmaker", "mp", "deputy", "chairman", "general", "prime", "head",
    "professor", "researcher", "scholar", "cleric", "writer", "author", "journalist", "reporter",
    "man", "woman", "politician", "diplomat", "envoy", "representative", "member", "advisor",
    "adviser", "officer", "mayor", "king", "prince", "emir", "sheikh", "ayatollah", "judge",
    "lawyer", "attorney", "activist", "former", "premier", NULL};

/* Whether token i is a noun of the list, singular or plural with an "s" ("governments"). */
static bool is_noun_of(const la__cl_ctx *c, size_t i, const char *const *list)
{
    if (la__cl_is_any(c, i, list))
        return true;
    /* a plural: "experts", "governments" */
    size_t n = tlen(c, i);
    const char *s = c->t + c->doc->tokens[i].start;
    if (n < 3 || s[n - 1] != 's')
        return false;
    for (const char *const *w = list; *w; w++)
        if (strlen(*w) == n - 1 && la__cl_same_lower(s, *w, n - 1))
            return true;
    return false;
}

bool la__cl_person_noun(const la__cl_ctx *c, size_t i) { return is_noun_of(c, i, PERSON_NOUNS); }

bool la__cl_people_noun(const la__cl_ctx *c, size_t i)
{
    return !la__cl_is_any(c, i, PERSON_NOUNS) && is_noun_of(c, i, PERSON_NOUNS);
}

/* Nouns of organisations and their statements ("the Iraqi government", "the NATO
 * statement"). */
static const char *const ORG_NOUNS[] = {
    "statement", "ministry", "government", "group", "party", "company", "agency", "committee",
    "council", "office", "newspaper", "report", "organization", "organisation", "alliance",
    "coalition", "movement", "administration", "department", "army", "military", "force", "forces",
    "bloc", "embassy", "union", "campaign", "court", "parliament", "network", "channel", "website",
    "paper", "institute", "center", "centre", "commission", "authority", "authorities", "police",
    "command", "team", "front", "communique", "declaration", "spokesman's", "state", "country",
    "association", "federation", "firm", "bank", NULL};

bool la__cl_org_noun(const la__cl_ctx *c, size_t i) { return is_noun_of(c, i, ORG_NOUNS); }

bool la__cl_is_word(const la__cl_ctx *c, size_t i)
{
    return c->doc->tokens[i].flags & (LA_TOKEN_WORD | LA_TOKEN_NUMBER);
}

bool la__cl_is_punct(const la__cl_ctx *c, size_t i) { return !la__cl_is_word(c, i); }

static const char *const FINITE[] = {"is", "are", "was", "were", "has", "have", "had", "will", "would",
                                     "should", "can", "could", "must", "may", "might", "does", "did",
                                     NULL};

/* The first of a few words from a + 1, before any punctuation, in list, or 0. */
static size_t word_within(const la__cl_ctx *c, size_t a, size_t b, const char *const *list)
{
    for (size_t i = a + 1; i < b && i < a + 6 && la__cl_is_word(c, i); i++)
        if (la__cl_is_any(c, i, list))
            return i;
    return 0;
}

static const char *const AS[] = {"as", NULL};

bool la__cl_finite(const la__cl_ctx *c, size_t i) { return la__cl_is_any(c, i, FINITE); }

bool la__cl_predication(const la__cl_ctx *c, size_t a, size_t b) { return word_within(c, a, b, AS) != 0; }

bool la__cl_bare_complement(const la__cl_ctx *c, size_t a, size_t b)
{
    return word_within(c, a, b, FINITE) || la__cl_predication(c, a, b);
}

static uint32_t first_cp(const la__cl_ctx *c, size_t i)
{
    int n;
    return la__decode(c->t, c->doc->tokens[i].start, c->doc->tokens[i].end, &n);
}

static bool is_quote_cp(uint32_t cp)
{
    return cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x00AB || cp == 0x00BB ||
           cp == 0x201F || cp == 0x2033;
}

/* '' and ``, the ASCII double quote marks (the tokenizer keeps each as one token) */
static bool ascii_pair(const la__cl_ctx *c, size_t i, char mark)
{
    const char *s = c->t + c->doc->tokens[i].start;
    return tlen(c, i) == 2 && s[0] == mark && s[1] == mark;
}

static bool is_quote_tok(const la__cl_ctx *c, size_t i)
{
    return la__cl_is_punct(c, i) && tlen(c, i) <= 3 &&
           (is_quote_cp(first_cp(c, i)) || ascii_pair(c, i, '\'') || ascii_pair(c, i, '`'));
}

static uint8_t shape_of(const la__cl_ctx *c, size_t i)
{
    if (c->doc->tokens[i].flags & LA_TOKEN_NUMBER)
        return LA__SHAPE_NUMBER;
    if (la__cl_is_punct(c, i)) {
        if (is_quote_tok(c, i))
            return LA__SHAPE_QUOTE;
        if (la__cl_is(c, i, ",") || la__cl_is(c, i, ";"))
            return LA__SHAPE_COMMA;
        if (la__cl_is(c, i, ":"))
            return LA__SHAPE_COLON;
        if (la__cl_is(c, i, ".") || la__cl_is(c, i, "!") || la__cl_is(c, i, "?"))
            return LA__SHAPE_FINAL;
        uint32_t cp = first_cp(c, i);
        if (cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == 0x2015)
            return LA__SHAPE_DASH;
        return LA__SHAPE_PUNCT;
    }
    if (la__class(first_cp(c, i)) != LA__C_UPPER)
        return LA__SHAPE_LOWER;
    const char *s = c->t + c->doc->tokens[i].start;
    size_t n = tlen(c, i);
    for (size_t k = 1; k < n; k++)
        if (s[k] >= 'a' && s[k] <= 'z')
            return LA__SHAPE_CAP;
    return n > 1 ? LA__SHAPE_UPPER : LA__SHAPE_CAP;
}

/* The lexicon row of token i, found by its word hash (c->word[i]) and checked against
 * the form, since two words may share a hash. */
static const la__cue_entry *cue_lookup(const la__cl_ctx *c, size_t i)
{
    if (!(c->doc->tokens[i].flags & LA_TOKEN_WORD))
        return NULL;
    for (uint32_t k = c->word[i] & (LA__CUE_SLOTS - 1); LA__CUE_TABLE[k].row1; k = (k + 1) & (LA__CUE_SLOTS - 1)) {
        const la__cue_entry *e = &LA__CUES[LA__CUE_TABLE[k].row1 - 1];
        if (LA__CUE_TABLE[k].hash == c->word[i] && is_word_of_list(c, i, e->form))
            return e;
    }
    return NULL;
}

/* The wordclass.tsv entry of token i's word, found by its hash alone, or NULL. */
static const struct la__wordclass *word_entry(const la__cl_ctx *c, size_t i)
{
    if (!(c->doc->tokens[i].flags & LA_TOKEN_WORD))
        return NULL;
    uint32_t h = c->word[i], k = h & (LA__WORDCLASS_SLOTS - 1);
    for (; LA__WORDCLASS[k].cls; k = (k + 1) & (LA__WORDCLASS_SLOTS - 1))
        if (LA__WORDCLASS[k].word == h)
            return &LA__WORDCLASS[k];
    return NULL;
}

/* The class of token i's word (model/wordclass.tsv), or 0. */
static uint32_t word_class(const la__cl_ctx *c, size_t i)
{
    const struct la__wordclass *e = word_entry(c, i);
    return e ? e->cls : 0;
}

bool la__cl_class_names_nobody(const la__cl_ctx *c, size_t i)
{
    const struct la__wordclass *e = word_entry(c, i);
    return e && e->names_nobody;
}

bool la__cl_common_word(const la__cl_ctx *c, size_t i)
{
    const struct la__wordclass *e = word_entry(c, i);
    return e && !e->proper;
}

bool la__cl_class_names_somebody(const la__cl_ctx *c, size_t i)
{
    const struct la__wordclass *e = word_entry(c, i);
    return e && !e->names_nobody;
}

/* A single quotation mark token: ' or a curly single mark. The same marks are
 * apostrophes ("the Americans' plan", "the '90s"), so pair_quotes takes one for a quote
 * mark only where it opens or closes a quote by its spacing. */
static bool single_mark(const la__cl_ctx *c, size_t i)
{
    /* by bytes: this runs for every token */
    const unsigned char *s = (const unsigned char *)c->t + c->doc->tokens[i].start;
    size_t n = tlen(c, i);
    if (n == 1)
        return s[0] == '\'';
    return n == 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x98 || s[2] == 0x99 || s[2] == 0x9B);
}

static bool space_before(const la__cl_ctx *c, size_t i)
{
    return i == 0 || c->doc->tokens[i].start > c->doc->tokens[i - 1].end;
}

static bool space_after(const la__cl_ctx *c, size_t i)
{
    return i + 1 >= c->doc->n_tokens || c->doc->tokens[i + 1].start > c->doc->tokens[i].end;
}

/* A single mark that opens a quote: after a space or an opening bracket, dash or colon
 * and right before a word that is no number ("'90s"); never the closing curly mark. */
static bool single_opens(const la__cl_ctx *c, size_t i, size_t a, size_t b)
{
    if (first_cp(c, i) == 0x2019 || i + 1 >= b || space_after(c, i) || !la__cl_is_word(c, i + 1) ||
        (c->doc->tokens[i + 1].flags & LA_TOKEN_NUMBER))
        return false;
    return i == a || space_before(c, i) || c->shape[i - 1] == LA__SHAPE_DASH || c->shape[i - 1] == LA__SHAPE_COLON ||
           la__cl_is(c, i - 1, "(");
}

/* A single mark that closes a quote: right after a word or punctuation mark, before a
 * space or punctuation; but not after a plural before a word, the possessive
 * ("the officials' plan"); never the opening curly mark. */
static bool single_closes(const la__cl_ctx *c, size_t i, size_t a, size_t b)
{
    if (first_cp(c, i) == 0x2018 || i == a || space_before(c, i))
        return false;
    if (i + 1 == b || la__cl_is_punct(c, i + 1))
        return true;
    if (!space_after(c, i))
        return false;
    const la__token *w = &c->doc->tokens[i - 1];
    char last = c->t[w->end - 1];
    return !(la__cl_is_word(c, i - 1) && (last == 's' || last == 'S'));
}

/* A single mark taken for a quote reads to the taggers as the curly double mark of its
 * side, the marks PolNeAR's quotes trained them on ("Stoltenberg: 'NATO will stay'"). */
static void as_double_mark(la__cl_ctx *c, size_t i, bool opening)
{
    const char *mark = opening ? "\xE2\x80\x9C" : "\xE2\x80\x9D";
    c->word[i] = c->suffix[i] = la__cl_word_hash(mark, 3);
}

/* Pairs the quote marks of one block's tokens [a, b). A straight double mark opens when
 * none is open and closes otherwise; curly marks say which they are. Single marks quote
 * too (the British convention) when no double quote is open, they open by their spacing
 * and a closing one follows in the paragraph; double marks inside them are nested
 * quotes, not marks of their own. Stray marks (a closing mark with nothing open) are
 * tolerated. A quote left open at the end of a paragraph goes on when the next paragraph
 * starts with a mark of its kind again, the convention for quotes running over
 * paragraphs; *carry passes it along. Sets the shape of the marks it takes. */
static void pair_quotes(la__cl_ctx *c, size_t a, size_t b, int32_t *carry)
{
    size_t last_close = a;
    for (size_t i = b; i-- > a;)
        if (single_mark(c, i) && single_closes(c, i, a, b)) {
            last_close = i;
            break;
        }
    int32_t open = -1;
    for (size_t i = a; i < b; i++) {
        c->qregion[i] = open;
        bool single = single_mark(c, i);
        if (!single && c->shape[i] != LA__SHAPE_QUOTE)
            continue;
        bool in_single = open >= 0 && single_mark(c, (size_t)open);
        if (single && !(in_single ? single_closes(c, i, a, b)
                                  : open < 0 && single_opens(c, i, a, b) && (last_close > i || i == a)))
            continue;
        if (!single && in_single) {
            c->shape[i] = LA__SHAPE_PUNCT;
            continue;
        }
        c->shape[i] = LA__SHAPE_QUOTE;
        uint32_t cp = first_cp(c, i);
        if (i == a && *carry >= 0 && cp != 0x201D && cp != 0x00BB && single == single_mark(c, (size_t)*carry)) {
            open = *carry;
            c->qregion[i] = open;
            continue;
        }
        bool opening;
        if (cp == 0x201C || cp == 0x201E || cp == 0x00AB || cp == '`' || cp == 0x2018 || cp == 0x201B)
            opening = true;
        else if (cp == 0x201D || cp == 0x00BB || cp == 0x2033 || cp == 0x2019)
            opening = false;
        else
            opening = open < 0;
        if (single && (opening || open >= 0))
            as_double_mark(c, i, opening);
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
    *carry = open;
}

/* An interviewer's question: a paragraph starting "Q:" or "Question:". */
static bool question_block(const la__cl_ctx *c, size_t a, size_t b)
{
    return b > a + 1 && (la__cl_is(c, a, "q") || la__cl_is(c, a, "question")) &&
           (la__cl_is(c, a + 1, ":") || la__cl_is(c, a + 1, "."));
}

static bool block_tokens(const la__cl_ctx *c, size_t bi, size_t *a, size_t *b)
{
    const la__block *bl = &c->doc->blocks[bi];
    if (!bl->sentence_count || bl->kind == LA_BLOCK_BOILERPLATE)
        return false;
    const la__sentence *s0 = &c->doc->sentences[bl->first_sentence];
    const la__sentence *s1 = &c->doc->sentences[bl->first_sentence + bl->sentence_count - 1];
    *a = s0->first_token;
    *b = s1->first_token + s1->token_count;
    return *b > *a;
}

bool la__cl_block_tokens(const la__cl_ctx *c, size_t bi, size_t *a, size_t *b)
{
    return block_tokens(c, bi, a, b) && !question_block(c, *a, *b);
}

void la__cl_ctx_free(la__cl_ctx *c)
{
    free(c->qpair);
    free(c->qopen);
    free(c->qregion);
    free(c->word);
    free(c->suffix);
    free(c->wclass);
    free(c->shape);
    free(c->ent);
    free((void *)c->cue);
    free(c->n_comma);
    free(c->n_quote);
    free(c->rules);
    free(c->rule_at);
    memset(c, 0, sizeof *c);
}

#define PROBE_AHEAD 8

int la__cl_ctx_init(la__cl_ctx *c, la_doc *doc)
{
    memset(c, 0, sizeof *c);
    c->doc = doc;
    c->t = doc->text;
    size_t n = doc->n_tokens ? doc->n_tokens : 1;
    c->qpair = malloc(n * sizeof *c->qpair);
    c->qopen = calloc(n, sizeof *c->qopen);
    c->qregion = malloc(n * sizeof *c->qregion);
    c->word = malloc(n * sizeof *c->word);
    c->suffix = malloc(n * sizeof *c->suffix);
    c->wclass = malloc(n * sizeof *c->wclass);
    c->shape = malloc(n * sizeof *c->shape);
    c->ent = calloc(n, sizeof *c->ent);
    c->cue = malloc(n * sizeof *c->cue);
    c->n_comma = malloc((n + 1) * sizeof *c->n_comma);
    c->n_quote = malloc((n + 1) * sizeof *c->n_quote);
    c->rule_at = malloc(n * sizeof *c->rule_at);
    if (!c->qpair || !c->qopen || !c->qregion || !c->word || !c->suffix || !c->wclass || !c->shape || !c->ent ||
        !c->cue || !c->n_comma || !c->n_quote || !c->rule_at) {
        la__cl_ctx_free(c);
        return LA_ENOMEM;
    }
    for (size_t i = 0; i < doc->n_tokens; i++) {
        const la__token *tk = &doc->tokens[i];
        size_t len = tk->end - tk->start, k = len > 3 ? len - 3 : 0;
        c->qpair[i] = c->qregion[i] = c->rule_at[i] = -1;
        c->word[i] = la__cl_word_hash(c->t + tk->start, len);
        c->suffix[i] = la__cl_word_hash(c->t + tk->start + k, len - k);
        c->shape[i] = shape_of(c, i);
    }
    /* the two tables are mostly out of the cache: ask for a later token's slots while
       this one waits, so that the misses overlap */
    for (size_t i = 0; i < doc->n_tokens; i++) {
        if (i + PROBE_AHEAD < doc->n_tokens) {
            __builtin_prefetch(&LA__WORDCLASS[c->word[i + PROBE_AHEAD] & (LA__WORDCLASS_SLOTS - 1)]);
            __builtin_prefetch(&LA__CUE_TABLE[c->word[i + PROBE_AHEAD] & (LA__CUE_SLOTS - 1)]);
        }
        c->wclass[i] = word_class(c, i);
        c->cue[i] = cue_lookup(c, i);
    }
    for (size_t e = 0; e < doc->n_entities; e++) {
        const la__entity *m = &doc->entities[e];
        for (size_t i = m->first_token; i < m->first_token + m->token_count && i < doc->n_tokens; i++)
            c->ent[i] = (uint8_t)(m->label + 1);
    }
    int32_t carry = -1;
    for (size_t bi = 0; bi < doc->n_blocks; bi++) {
        size_t a, b;
        if (!block_tokens(c, bi, &a, &b)) {
            carry = -1;
            continue;
        }
        if (carry >= 0 && c->shape[a] != LA__SHAPE_QUOTE && !single_mark(c, a))
            carry = -1;
        pair_quotes(c, a, b, &carry);
    }
    c->n_comma[0] = c->n_quote[0] = 0;
    for (size_t i = 0; i < doc->n_tokens; i++) {
        c->n_comma[i + 1] = c->n_comma[i] + (c->shape[i] == LA__SHAPE_COMMA || c->shape[i] == LA__SHAPE_DASH);
        c->n_quote[i + 1] = c->n_quote[i] + (c->shape[i] == LA__SHAPE_QUOTE);
    }
    if (la__cl_rules(c, &c->rules, &c->n_rules)) {
        la__cl_ctx_free(c);
        return LA_ENOMEM;
    }
    for (size_t r = 0; r < c->n_rules; r++)
        for (size_t i = c->rules[r].cue_a; i < c->rules[r].cue_b; i++)
            c->rule_at[i] = (int32_t)r;
    return LA_OK;
}
