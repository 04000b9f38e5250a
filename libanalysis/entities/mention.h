/* Candidate mentions shared by the entities stage's parts (entities.c, numbers.c). */
#ifndef LA_ENTITIES_MENTION_H
#define LA_ENTITIES_MENTION_H

#include "entities/lexicon.h"

typedef struct la__mention {
    uint32_t start, end;            /* bytes in doc->text */
    uint32_t first_token, token_count;
    uint8_t label;
    const la__lex_entry *lex;       /* lexicon entry that named it, or NULL */
    char *value;                    /* owned normalized value (numbers, dates) */
} la__mention;

typedef struct la__mentions {
    la__mention *m;
    size_t n, cap;
} la__mentions;

/* Dates, times, numbers, percentages, money and quantities in tokens [first, end) of
 * doc, skipping tokens where taken[i - first] is set; appended to out. LA_OK/LA_ENOMEM. */
int la__numbers(const la_doc *doc, uint32_t first, uint32_t end, const uint8_t *taken,
                la__mentions *out);
/* Whether numbers.c's sorted table of words that start a rule matches its word lists (a test). */
bool la__numbers_check_starters(void);

#endif
