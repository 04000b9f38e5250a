/* Entity lexicons: the compiled lists embedded from model/lexicon-*.inc (tools/
 * build-lexicons.py) and the user's entries (docs/user-entries.md), looked up by exact
 * surface string. entities/lexicon.c. */
#ifndef LA_ENTITIES_LEXICON_H
#define LA_ENTITIES_LEXICON_H

#include "internal.h"

#define LA__LEX_MATCH 1u   /* may be matched in text on its own */
#define LA__LEX_USER 2u    /* a user entry */
#define LA__LEX_COUNTRY 4u /* a country's own name: a GPE even where the tagger says ORG */
#define LA__LEX_TOWN 8u    /* a town's name only, which many surnames share ("Obama") */

typedef struct la__lex_entry {
    const char *surface, *id, *canonical;
    const char *country;    /* a demonym's country id ("Iraqi": "iraq"), or NULL */
    uint8_t label;          /* la__label */
    uint8_t flags;          /* LA__LEX_* */
} la__lex_entry;

typedef struct la__lexicon la__lexicon;

/* The embedded lists plus, when user_path is given, the user's JSON entries (which take
 * precedence). A bad user file is LA_EFORMAT with a message naming it. */
int la__lexicon_load(la__lexicon **out, const char *user_path, la_error *err);
void la__lexicon_free(la__lexicon *lex);
/* Entry for exactly these n bytes, or NULL. */
const la__lex_entry *la__lexicon_find(const la__lexicon *lex, const char *s, size_t n);
/* Most tokens in any entry that may be matched (bounds the matcher's window). */
unsigned la__lexicon_max_tokens(const la__lexicon *lex);

/* Gazetteer code of each of n words of a sentence for the NER tagger's features: the
 * longest entry (up to 5 words joined by single spaces) starting at a capitalised word,
 * coded 1 + 2 * class + (not its first word), class PER 0, ORG 1, LOC 2 (GPE, LOC, FAC),
 * MISC 3 (NORP, EVENT, LAW, ...); 0 where no entry covers the word. */
void la__lexicon_gaz(const la__lexicon *lex, const char *const *words, const uint32_t *lens, size_t n,
                     uint8_t *out);

/* Lowercase slug of s (ASCII letters and digits, '_' between words), malloc'd. */
char *la__slug(const char *s, size_t n);
/* Phonetic key of a name for transliteration variants (Kazemi/Kadhimi, Muhandis/Mohandes):
 * writes at most cap-1 bytes + NUL to out, returns its length. */
size_t la__phonetic_key(const char *s, size_t n, char *out, size_t cap);
/* Levenshtein distance of two short strings, capped at 9. */
unsigned la__edit_distance(const char *a, size_t na, const char *b, size_t nb);

/* The given names of a person's name: phonetic keys of its words before the last name,
 * titles ("Sen.", "Mr.") left out. The last name is the last word with a particle before
 * it ("bin Laden", "de Blasio") and without a suffix ("Jr.", "III"). */
#define LA__GIVEN_MAX 6
typedef struct la__given {
    unsigned n;
    char key[LA__GIVEN_MAX][16];
    uint8_t key_len[LA__GIVEN_MAX];
    size_t at[LA__GIVEN_MAX], len[LA__GIVEN_MAX]; /* where each is in the name, in bytes */
} la__given;
void la__given_names(const char *s, size_t n, la__given *out);
/* Whether two names with one last name can be one person: either has no given name, or
 * the given name right before the last name of one is among the other's ("Tim Kaine",
 * "Sen. Tim Kaine", "Hillary Rodham Clinton" and "Hillary Clinton"). Two given names agree
 * when their keys are equal, one is a single letter that starts the other ("J." and
 * "John", "Joe" and "Joseph") or, from four letters, they are one edit apart ("Donand").
 * "Bill Clinton" and "Hillary Clinton" do not, nor "Ivana" and "Ivanka Trump". */
bool la__given_agree(const la__given *a, const la__given *b);

#endif
