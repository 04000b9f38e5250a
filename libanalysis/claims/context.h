/* What the claims stage knows about a document's tokens, computed once per document and
 * shared by the stage (claims.c), its features (features.c) and the trainer
 * (tools/train_claims.c): quote regions, word hashes, cue-lexicon entries, entity labels. */
#ifndef LA_CLAIMS_CONTEXT_H
#define LA_CLAIMS_CONTEXT_H

#include "internal.h"

#include <string.h>

/* One row of the cue lexicon (model/cues.tsv, compiled into cues_data.h). */
typedef struct la__cue_entry {
    const char *form, *lemma, *cls;
    uint16_t cue, total;
    uint32_t lemma_hash, cls_hash; /* la__cl_word_hash of lemma and cls */
} la__cue_entry;

typedef struct la__cl_ctx {
    la_doc *doc;
    const char *t;
    int32_t *qpair;     /* per token: the paired quote mark's token, or -1 */
    uint8_t *qopen;     /* per token: 1 opening mark, 2 closing mark, 0 neither */
    int32_t *qregion;   /* per token: opening mark of the innermost open quote, or -1 */
    uint32_t *word;     /* per token: hash of the lower-cased text */
    uint32_t *suffix;   /* per token: hash of the last three lower-cased bytes */
    uint32_t *wclass;   /* per token: hash of its word class ("N|VZ", model/wordclass.tsv), or 0 */
    uint8_t *shape;     /* per token: LA__SHAPE_* */
    uint8_t *ent;       /* per token: entity label + 1, or 0 */
    const la__cue_entry **cue; /* per token: lexicon row, or NULL */
    /* Prefix counts: tokens before i that are commas (or dashes) / quote marks. n+1 each. */
    uint32_t *n_comma, *n_quote;
    /* Proposals of the hand-written rules (rules.h) and, per token, the proposal whose
     * cue covers it, or -1. */
    struct la__cl_rule *rules;
    size_t n_rules;
    int32_t *rule_at;
} la__cl_ctx;

enum { LA__SHAPE_LOWER, LA__SHAPE_CAP, LA__SHAPE_UPPER, LA__SHAPE_NUMBER, LA__SHAPE_QUOTE,
       LA__SHAPE_COMMA, LA__SHAPE_COLON, LA__SHAPE_FINAL, LA__SHAPE_DASH, LA__SHAPE_PUNCT,
       LA__SHAPES };

/* Fills c for doc (after the entities stage). LA_OK or LA_ENOMEM; free with _free. */
int la__cl_ctx_init(la__cl_ctx *c, la_doc *doc);
void la__cl_ctx_free(la__cl_ctx *c);

/* Tokens [*a, *b) of block bi; false when the block has no tokens or is skipped by the
 * claims stage (boilerplate, an interview question). */
bool la__cl_block_tokens(const la__cl_ctx *c, size_t bi, size_t *a, size_t *b);

/* Whether s[0..n) lower-cased (ASCII) is lit[0..n). */
bool la__cl_same_lower(const char *s, const char *lit, size_t n);
/* Whether token i's text is lit, ASCII case-insensitive. Inline so that, for the literal
 * it is mostly given, the length is known and turns most tokens away unread. */
static inline bool la__cl_is(const la__cl_ctx *c, size_t i, const char *lit)
{
    size_t n = strlen(lit);
    const la__token *t = &c->doc->tokens[i];
    return t->end - t->start == n && la__cl_same_lower(c->t + t->start, lit, n);
}
bool la__cl_is_any(const la__cl_ctx *c, size_t i, const char *const *list);
bool la__cl_is_word(const la__cl_ctx *c, size_t i);
bool la__cl_is_punct(const la__cl_ctx *c, size_t i);
/* Whether token i's word is mostly an adverb, preposition, verb or conjunction
 * (model/wordclass.tsv), a word that names nobody as a source on its own. */
bool la__cl_class_names_nobody(const la__cl_ctx *c, size_t i);
/* Whether token i is a noun of people, singular or plural ("expert", "officials"). */
bool la__cl_person_noun(const la__cl_ctx *c, size_t i);
/* Whether token i is such a noun in the plural ("officials", "lawmakers"). */
bool la__cl_people_noun(const la__cl_ctx *c, size_t i);
/* Whether token i is a noun of an organisation or its statement, singular or plural. */
bool la__cl_org_noun(const la__cl_ctx *c, size_t i);
/* Whether token i's word is a known word that is mostly no proper noun ("aides", not
 * "Matthews" nor an unknown word). */
bool la__cl_common_word(const la__cl_ctx *c, size_t i);
/* Whether token i's word class is a noun's, an adjective's or such (false when unknown). */
bool la__cl_class_names_somebody(const la__cl_ctx *c, size_t i);
/* Whether tokens from a on are a complement without "that" of a belief verb: a clause
 * ("believes the US should not ...") or a predication ("views Iraq as part of ..."),
 * seen as a finite auxiliary or "as" within a few words, before any punctuation. */
bool la__cl_bare_complement(const la__cl_ctx *c, size_t a, size_t b);
/* Whether token i is a finite auxiliary ("is", "would", "has", ...). */
bool la__cl_finite(const la__cl_ctx *c, size_t i);
/* The predication alone ("specifies the Peshmerga as guardians"). */
bool la__cl_predication(const la__cl_ctx *c, size_t a, size_t b);
/* Hash of a lower-cased ASCII word, equal to c->word[i] of a token with that text. */
uint32_t la__cl_word_hash(const char *s, size_t n);

#endif
