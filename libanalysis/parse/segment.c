/* Segmentation: blocks (paragraphs and lines), tokens, sentences.
 *
 * Plain text from web pages puts one paragraph, heading or menu item per line, so every
 * non-empty line is a block, except that hard-wrapped prose (a long line without final
 * punctuation followed by a line starting in lower case) is joined into one block.
 * Tokens follow Penn Treebank habits where they help the later stages: possessive 's and
 * n't split off, hyphenated names (al-Sudani, US-led) kept whole, numbers with separators
 * (2,500 22.1) kept whole, dotted abbreviations (U.S., a.m.) kept whole. Sentences are
 * decided on tokens: final punctuation, abbreviations, initials, ellipses, quotes and
 * list markers. */
#include "internal.h"
#include "parse/chars.h"

#include <string.h>

/* ---- small helpers over doc->text ---------------------------------------------- */

typedef struct seg {
    la_doc *doc;
    const char *t;
    uint32_t end;        /* end of the current block */
} seg;

static uint32_t cp_at(const seg *s, uint32_t i, int *n)
{
    return la__decode(s->t, i, s->end, n);
}

static int class_at(const seg *s, uint32_t i)
{
    int n;
    return i < s->end ? la__class(cp_at(s, i, &n)) : LA__C_SPACE;
}

static bool is_apostrophe(uint32_t c) { return c == '\'' || c == 0x2019; }
static bool is_hyphen(uint32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }
static bool is_terminal(uint32_t c) { return c == '.' || c == '!' || c == '?'; }

static bool token_is(const seg *s, const la__token *k, const char *lit)
{
    size_t n = strlen(lit);
    return k->end - k->start == n && memcmp(s->t + k->start, lit, n) == 0;
}

/* ---- abbreviations ----------------------------------------------------------------- */

/* Titles and abbreviations that stand before a name or number: never a sentence end. */
static const char *const TITLES[] = {
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Mt", "Ft", "Gen", "Sen", "Rep", "Gov", "Lt",
    "Col", "Maj", "Capt", "Sgt", "Cpl", "Adm", "Cmdr", "Rev", "Hon", "Pres", "Supt", "Atty",
    "Amb", "Jr", "Sr", "Messrs", "Mme", "Mlle", "Brig", "Gens", "Insp", "Det", "Sens",
    "Reps", "Fr", "Sec", "Lieut", "Pvt", NULL};
/* Other abbreviations: a sentence may end with them. */
static const char *const ABBREVS[] = {
    "Co", "co", "Corp", "Inc", "Ltd", "Bros", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec", "etc", "vs", "approx", "est", "Dept", "dept", "Univ",
    "Assn", "Ave", "Blvd", "Rd", "st", "ave", "Ph", "cf", "al", "Calif", "Conn", "Fla", "Ill",
    "Mass", "Mich", "Minn", "Penn", "Tenn", "Tex", "Va", "Wash", "Wis", "Ariz", "Colo", "Ga",
    "Ky", "La", "Md", "Mo", "Nev", "Okla", "Ore", "Pa", "Vt", "Ala", "Ark", "Kan", "Neb",
    "Del", "Mx", "ft", "mi", "oz", "lb", "lbs", "yr", "yrs", "mins", "hr", "hrs", "min",
    "Intl", "Govt", "govt", NULL};
/* Abbreviations only before a number ("No. 5", "p. 55"). */
static const char *const NUMBER_ABBREVS[] = {"No", "no", "Nos", "p", "pp", "Vol", "vol",
                                             "Art", "art", "Fig", "fig", "Ch", "ch", NULL};

static bool in_list(const char *const *list, const char *w, size_t n)
{
    for (; *list; list++)
        if (strlen(*list) == n && memcmp(*list, w, n) == 0)
            return true;
    return false;
}

/* Words that begin sentences, used after an abbreviation that may or may not end one. */
static const char *const STARTERS[] = {
    "A", "After", "All", "Also", "An", "And", "As", "At", "But", "Did", "Do", "Does",
    "During", "For", "From", "He", "Her", "Here", "His", "How", "However", "I", "If", "In",
    "It", "Its", "Meanwhile", "My", "No", "Now", "On", "One", "Our", "She", "So", "Some",
    "That", "The", "Their", "Then", "There", "These", "They", "This", "Those", "Thus",
    "To", "Today", "We", "What", "When", "Where", "Which", "While", "Who", "Why", "Yet",
    "You", "Your", "Is", "Are", "Was", "Were", "Can", "Could", "Will", "Would", "Should",
    NULL};

/* ---- tokens -------------------------------------------------------------------------- */

/* Length of a clitic after an apostrophe at i ('s 're 've 'll 'd 'm 't), or 0. */
static uint32_t clitic_len(const seg *s, uint32_t i)
{
    int n;
    cp_at(s, i, &n);
    uint32_t j = i + (uint32_t)n, k = j;
    while (k < s->end && k - j < 3 && (unsigned char)s->t[k] < 0x80 && la__is_alpha(class_at(s, k)))
        k++;
    if (la__is_alnum(class_at(s, k)))
        return 0;
    char w[3] = {0};
    for (uint32_t q = 0; q < k - j && q < 2; q++)
        w[q] = (char)(s->t[j + q] | 0x20);
    bool one = k - j == 1 && strchr("sdmt", w[0]);
    bool two = k - j == 2 && (!memcmp(w, "re", 2) || !memcmp(w, "ve", 2) || !memcmp(w, "ll", 2));
    return one || two ? k - i : 0;
}

/* URL or e-mail starting at i, if any: its end with trailing punctuation trimmed. */
static uint32_t link_end(const seg *s, uint32_t i)
{
    const char *p = s->t + i;
    size_t room = s->end - i;
    bool url = (room > 7 && !strncmp(p, "http://", 7)) || (room > 8 && !strncmp(p, "https://", 8)) ||
               (room > 4 && !strncmp(p, "www.", 4));
    uint32_t k = i;
    bool at = false, dot_after_at = false;
    while (k < s->end && !la__is_space(class_at(s, k))) {
        int n;
        uint32_t c = cp_at(s, k, &n);
        if (c == '@' && k > i)
            at = true;
        else if (c == '.' && at)
            dot_after_at = true;
        if (!url && c >= 0x80)
            break; /* e-mails here are ASCII; stop at curly quotes and dashes */
        k += (uint32_t)n;
    }
    if (!url && !(at && dot_after_at))
        return 0;
    while (k > i && strchr(".,;:!?\"')]}", s->t[k - 1]))
        k--;
    return k > i ? k : 0;
}

/* End of the word starting at i: letters, digits and marks joined by hyphens, inner
 * apostrophes (O'Brien), number separators (2,500) and dotted abbreviations (U.S.). */
static uint32_t word_end(const seg *s, uint32_t i, uint32_t *letters)
{
    uint32_t j = i, nletters = 0;
    bool digits_only = true;
    for (;;) {
        int n, cls;
        while (j < s->end && la__is_alnum(cls = la__class(cp_at(s, j, &n)))) {
            if (cls != LA__C_DIGIT)
                digits_only = false, nletters++;
            j += (uint32_t)n;
        }
        if (j >= s->end)
            break;
        uint32_t c = cp_at(s, j, &n);
        int next = class_at(s, j + (uint32_t)n);
        if (is_hyphen(c) && la__is_alnum(next)) {
            j += (uint32_t)n, digits_only = false;
            continue;
        }
        if ((c == '.' || c == ',') && digits_only && next == LA__C_DIGIT) {
            j += 1;
            continue;
        }
        if (is_apostrophe(c) && la__is_alpha(next) && !clitic_len(s, j)) {
            /* "n't": split before the n, or take "n't" whole when the word is just n */
            j += (uint32_t)n;
            continue;
        }
        if (c == '&' && class_at(s, j - 1) == LA__C_UPPER && next == LA__C_UPPER) {
            j += 1;
            continue;
        }
        break;
    }
    *letters = nletters;
    return j;
}

/* A dotted abbreviation continuing the word [i, j): returns its new end or j. */
static uint32_t abbrev_end(const seg *s, uint32_t i, uint32_t j, uint32_t letters)
{
    if (j >= s->end || s->t[j] != '.' || letters == 0)
        return j;
    size_t w = j - i;
    /* "D-N.C.", "R-N.Y.": a party and a dotted state; the letters after the last hyphen
       open the abbreviation when another letter and dot follow */
    uint32_t h = j;
    while (h > i && s->t[h - 1] != '-')
        h--;
    bool dotted_tail = h > i && j - h == 1 && j + 2 < s->end && (unsigned char)s->t[j + 1] < 0x80 &&
                       la__is_alpha(class_at(s, j + 1)) && s->t[j + 2] == '.';
    /* U.S.  a.m.  U.S.A.  E.U.: single letters each followed by a dot */
    if ((letters == 1 && w <= 2) || dotted_tail) {
        uint32_t k = j + 1;
        while (k + 1 < s->end && la__is_alpha(class_at(s, k)) && ((unsigned char)s->t[k] < 0x80) &&
               s->t[k + 1] == '.')
            k += 2;
        return k;
    }
    if (in_list(TITLES, s->t + i, w) || in_list(ABBREVS, s->t + i, w))
        return j + 1;
    if (in_list(NUMBER_ABBREVS, s->t + i, w)) {
        uint32_t k = j + 1;
        while (k < s->end && class_at(s, k) == LA__C_SPACE)
            k++;
        if (class_at(s, k) == LA__C_DIGIT)
            return j + 1;
    }
    return j;
}

static uint16_t token_flags(const seg *s, uint32_t a, uint32_t b)
{
    bool letter = false, digit = false, other = false;
    for (uint32_t k = a; k < b;) {
        int n, cls = la__class(cp_at(s, k, &n));
        letter |= la__is_alpha(cls);
        digit |= cls == LA__C_DIGIT;
        other |= cls == LA__C_PUNCT && s->t[k] != '.' && s->t[k] != ',';
        k += (uint32_t)n;
    }
    uint16_t f = 0;
    if (letter)
        f |= LA_TOKEN_WORD;
    else if (digit && !other)
        f |= LA_TOKEN_NUMBER;
    else if (!digit)
        f |= LA_TOKEN_PUNCT;
    if (la__is_space(class_at(s, b)))
        f |= LA_TOKEN_SPACE_AFTER;
    return f;
}

/* End of the token starting at i (not a space). */
static uint32_t token_end(const seg *s, uint32_t i, uint32_t prev_end)
{
    int n;
    uint32_t c = cp_at(s, i, &n);
    int cls = la__class(c);
    uint32_t k;
    if (la__is_alnum(cls)) {
        /* "n't" as its own token right after the word it belongs to */
        if ((c == 'n' || c == 'N') && prev_end == i && i + 1 < s->end && is_apostrophe(cp_at(s, i + 1, &n)) &&
            clitic_len(s, i + 1) == (uint32_t)n + 1 && (s->t[i + 1 + n] | 0x20) == 't')
            return i + 2 + (uint32_t)n;
        uint32_t letters;
        uint32_t j = word_end(s, i, &letters);
        /* a URL or e-mail continues the word with : / . @ and more text */
        if (j + 1 < s->end && strchr(":/.@_+", s->t[j]) && !la__is_space(class_at(s, j + 1)) &&
            (k = link_end(s, i)) && k > j)
            return k;
        /* split "don't" as do + n't */
        if (j < s->end && is_apostrophe(cp_at(s, j, &n)) && clitic_len(s, j) == (uint32_t)n + 1 &&
            (s->t[j + n] | 0x20) == 't' && j - i > 1 && (s->t[j - 1] | 0x20) == 'n')
            return j - 1;
        return abbrev_end(s, i, j, letters);
    }
    if (is_apostrophe(c) && i > 0 && (k = clitic_len(s, i)) &&
        (prev_end == i || (prev_end != UINT32_MAX && la__is_space(class_at(s, i - 1)) &&
                           (i + k >= s->end || la__is_space(class_at(s, i + k))))))
        return i + k; /* 's 're ... after a word, or alone between spaces ("Iran 's", as in
                         pre-tokenized text) */
    if ((c == '\'' || c == '`') && i + 1 < s->end && s->t[i + 1] == (char)c)
        return i + 2; /* '' and ``: the ASCII double quote marks of typewritten and PTB text */
    if (is_terminal(c)) { /* runs: ... !! ?! .... */
        k = i + 1;
        while (k < s->end && is_terminal((unsigned char)s->t[k]))
            k++;
        return k;
    }
    if (c == '-' && i + 1 < s->end && s->t[i + 1] == '-') { /* -- as a dash */
        k = i + 1;
        while (k < s->end && s->t[k] == '-')
            k++;
        return k;
    }
    return i + (uint32_t)n;
}

static int tokenize(seg *s, uint32_t start, uint32_t end, la_error *err)
{
    la_doc *d = s->doc;
    s->end = end;
    uint32_t i = start, prev_end = UINT32_MAX;
    while (i < end) {
        int n;
        if (la__is_space(la__class(cp_at(s, i, &n)))) {
            i += (uint32_t)n;
            continue;
        }
        uint32_t j = token_end(s, i, prev_end);
        la__token tok = {i, j, 0, token_flags(s, i, j)};
        if (LA__PUSH(d->tokens, d->n_tokens, d->cap_tokens, tok))
            return la__fail(err, LA_ENOMEM, i, "out of memory for tokens");
        prev_end = i = j;
    }
    return LA_OK;
}

/* ---- sentences ----------------------------------------------------------------------- */

static uint32_t first_cp(const seg *s, const la__token *k)
{
    int n;
    return la__decode(s->t, k->start, k->end, &n);
}

static int first_class(const seg *s, const la__token *k)
{
    return la__class(first_cp(s, k));
}

/* Closing quote or bracket right after token prev. A straight quote closes only when it
 * touches the text before it: after a space it opens the next quotation. */
static bool is_closer(const seg *s, const la__token *k, const la__token *prev)
{
    uint32_t c = first_cp(s, k);
    if (k->end - k->start > 3)
        return false;
    if (c == '"' || c == '\'')
        return k->start == prev->end;
    return c == 0x201D || c == 0x2019 || c == ')' || c == ']' || c == '}' || c == 0xBB;
}

static bool is_opener(const seg *s, const la__token *k)
{
    uint32_t c = first_cp(s, k);
    return c == '"' || c == '\'' || c == '`' || c == 0x201C || c == 0x2018 || c == '(' || c == '[' || c == 0xAB;
}

static bool is_bullet(const seg *s, const la__token *k)
{
    uint32_t c = first_cp(s, k);
    return c == 0x2022 || c == 0x2043 || c == 0x25E6 || c == 0x25AA || c == 0x25CF || c == 0x2023 ||
           c == 0x2219;
}

typedef struct span_ctx {
    seg *s;
    la__token *tok;      /* the block's tokens */
    uint32_t n;
} span_ctx;

/* Case class of the first word from token k on, looking through opening quotes. */
static int next_word_class(const span_ctx *c, uint32_t k, uint32_t *word)
{
    while (k < c->n && is_opener(c->s, &c->tok[k]))
        k++;
    *word = k;
    return k < c->n ? first_class(c->s, &c->tok[k]) : LA__C_SPACE;
}

static bool is_starter(const span_ctx *c, uint32_t k, bool titles_too)
{
    const la__token *t = &c->tok[k];
    size_t w = t->end - t->start;
    if (in_list(STARTERS, c->s->t + t->start, w))
        return true;
    return titles_too && w > 1 && c->s->t[t->end - 1] == '.' &&
           in_list(TITLES, c->s->t + t->start, w - 1);
}

/* A list marker at token k ("1." "2.)" "3)" "a." "b)"), with its value and length. */
static bool list_marker(const span_ctx *c, uint32_t k, int *value, uint32_t *len)
{
    const seg *s = c->s;
    const la__token *t = &c->tok[k];
    size_t w = t->end - t->start;
    const char *p = s->t + t->start;
    uint32_t j = k + 1;
    if (w >= 1 && w <= 3 && (t->flags & LA_TOKEN_NUMBER) && p[0] >= '0' && p[0] <= '9') {
        *value = atoi(p);
    } else if (w == 2 && p[1] == '.' && ((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z'))) {
        *value = 1000 + (p[0] | 0x20); /* "a." tokenized as an initial */
        j = k + 1;
        goto after_dot;
    } else if (w == 1 && ((p[0] >= 'a' && p[0] <= 'z'))) {
        *value = 1000 + p[0];
    } else {
        return false;
    }
    if (j < c->n && token_is(s, &c->tok[j], "."))
        j++;
after_dot:
    if (j < c->n && token_is(s, &c->tok[j], ")"))
        j++;
    if (j == k + 1 && !(w == 2 && p[1] == '.'))
        return false; /* a bare number is not a marker */
    if (j >= c->n || c->tok[j].start == c->tok[j - 1].end)
        return false; /* marker must be followed by white space and more text */
    *len = j - k;
    return true;
}

/* The spaced dots ". . ." starting at token k: how many. */
static uint32_t dot_group(const span_ctx *c, uint32_t k)
{
    uint32_t g = 0;
    while (k + g < c->n && token_is(c->s, &c->tok[k + g], ".") &&
           (g == 0 || c->tok[k + g].start == c->tok[k + g - 1].end + 1))
        g++;
    return g;
}

/* Decides whether the sentence ends after token k (a candidate end), and where: *last is
 * the final token of the sentence (closing quotes and brackets included). */
static bool ends_sentence(const span_ctx *c, uint32_t k, uint32_t sent_start, uint32_t *last)
{
    const seg *s = c->s;
    const la__token *t = &c->tok[k];
    size_t w = t->end - t->start;
    const char *p = s->t + t->start;
    uint32_t word;
    *last = k;

    if (w == 1 && p[0] == '.' && k + 1 < c->n && token_is(s, &c->tok[k + 1], ".")) {
        /* spaced ellipsis ". . ." possibly after a full stop attached to the word */
        bool attached = k > 0 && c->tok[k - 1].end == t->start && !(c->tok[k - 1].flags & LA_TOKEN_PUNCT);
        uint32_t g = dot_group(c, k + (attached ? 1 : 0));
        if (attached && g == 3) {
            int cls = next_word_class(c, k + 4, &word);
            if (cls == LA__C_UPPER)
                return true; /* "compounds. . . . The": the ellipsis opens the next one */
        }
        uint32_t end = k + (attached ? 1 : 0) + g - 1;
        *last = end;
        while (*last + 1 < c->n && is_closer(s, &c->tok[*last + 1], &c->tok[*last]))
            (*last)++;
        if (k == sent_start)
            return false; /* an ellipsis opening a sentence */
        int cls = next_word_class(c, *last + 1, &word);
        if (g >= 4 || attached)
            return cls == LA__C_UPPER || cls == LA__C_DIGIT;
        return cls == LA__C_UPPER && !token_is(s, &c->tok[word], "I");
    }

    while (*last + 1 < c->n && is_closer(s, &c->tok[*last + 1], &c->tok[*last]))
        (*last)++;
    if (*last + 1 >= c->n)
        return true;
    uint32_t next = first_cp(s, &c->tok[*last + 1]);
    if (next == '(' || next == '[')
        return false; /* a citation or aside continues the sentence: "..." (Smith 55). */
    int cls = next_word_class(c, *last + 1, &word);
    if (cls == LA__C_LOWER || cls == LA__C_PUNCT)
        return false;
    if (word >= c->n)
        return true;

    bool ellipsis = (w >= 3 && p[0] == '.' && p[1] == '.') || (w == 3 && first_cp(s, t) == 0x2026);
    if (ellipsis) {
        if (w >= 4)
            return cls == LA__C_UPPER || cls == LA__C_DIGIT;
        return cls == LA__C_UPPER && !token_is(s, &c->tok[word], "I");
    }
    if (is_terminal((unsigned char)p[0])) {
        /* "N°. 1026": a full stop after a symbol, before a number, is part of the text */
        if (p[0] == '.' && cls == LA__C_DIGIT && k > sent_start && (c->tok[k - 1].flags & LA_TOKEN_PUNCT))
            return false;
        return true;
    }
    /* an abbreviation: t ends with '.' */
    if (in_list(TITLES, p, w - 1) || in_list(NUMBER_ABBREVS, p, w - 1))
        return false;
    if (w == 2 && la__is_alpha(first_class(s, t))) {
        /* an initial ("Jonas E. Smith") unless it follows a lower-case word ("you and I.") */
        if (k == sent_start)
            return false;
        int prev = first_class(s, &c->tok[k - 1]);
        /* ...and the next word could start a sentence: "urges S. Korea" runs on */
        return (prev == LA__C_LOWER || prev == LA__C_DIGIT) && cls == LA__C_UPPER &&
               (is_starter(c, word, true) || p[0] == 'I');
    }
    /* titles start sentences after "P.M." but not after "a.m." (style guides' habit) */
    return is_starter(c, word, first_class(s, t) == LA__C_UPPER);
}

static bool candidate_end(const seg *s, const la__token *t)
{
    uint32_t c = first_cp(s, t);
    return is_terminal(c) || c == 0x2026 || ((t->flags & LA_TOKEN_WORD) && s->t[t->end - 1] == '.');
}

static int push_sentence(la_doc *d, uint32_t block, uint32_t first, uint32_t last, la_error *err)
{
    la__sentence sen = {d->tokens[first].start, d->tokens[last].end, block, first, last - first + 1};
    uint32_t index = (uint32_t)d->n_sentences;
    if (LA__PUSH(d->sentences, d->n_sentences, d->cap_sentences, sen))
        return la__fail(err, LA_ENOMEM, sen.start, "out of memory for sentences");
    for (uint32_t k = first; k <= last; k++)
        d->tokens[k].sentence = index;
    return LA_OK;
}

/* Splits the tokens [first, first+n) of a block into sentences. */
static int split_sentences(seg *s, uint32_t block, uint32_t first, uint32_t n, la_error *err)
{
    la_doc *d = s->doc;
    span_ctx c = {s, d->tokens + first, n};
    uint32_t start = 0, k = 0;
    int expect = -1; /* next list marker value, or -1 */
    while (k < n) {
        int value;
        uint32_t mlen;
        bool at_start = k == start || (k == start + 1 && is_bullet(s, &c.tok[start]));
        if (k > start && is_bullet(s, &c.tok[k])) {
            int rc = push_sentence(d, block, first + start, first + k - 1, err);
            if (rc)
                return rc;
            c.tok = d->tokens + first; /* the push may not move tokens, but stay safe */
            start = k;
            continue;
        }
        if (list_marker(&c, k, &value, &mlen) && (at_start || value == expect)) {
            if (!at_start) {
                int rc = push_sentence(d, block, first + start, first + k - 1, err);
                if (rc)
                    return rc;
                start = k;
            }
            expect = value + 1;
            k += mlen;
            continue;
        }
        uint32_t last;
        if (candidate_end(s, &c.tok[k])) {
            /* last covers the closing quotes or the whole ellipsis either way */
            if (ends_sentence(&c, k, start, &last)) {
                int rc = push_sentence(d, block, first + start, first + last, err);
                if (rc)
                    return rc;
                start = last + 1;
            }
            k = last + 1;
            continue;
        }
        k++;
    }
    if (start < n)
        return push_sentence(d, block, first + start, first + n - 1, err);
    return LA_OK;
}

int la__segment_block(la_doc *doc, uint32_t block_index, la_error *err)
{
    la__block *b = &doc->blocks[block_index];
    seg s = {doc, doc->text, b->end};
    size_t first_tok = doc->n_tokens;
    b->first_sentence = (uint32_t)doc->n_sentences;
    int rc = tokenize(&s, b->start, b->end, err);
    if (rc)
        return rc;
    size_t n = doc->n_tokens - first_tok;
    if (n) {
        rc = split_sentences(&s, block_index, (uint32_t)first_tok, (uint32_t)n, err);
        if (rc)
            return rc;
    }
    b = &doc->blocks[block_index];
    b->sentence_count = (uint32_t)doc->n_sentences - b->first_sentence;
    return LA_OK;
}

/* ---- blocks ------------------------------------------------------------------------- */

typedef struct line { uint32_t start, end; } line;

/* Next line from *pos: content trimmed of surrounding white space; false at the end. */
static bool next_line(const la_doc *d, uint32_t *pos, line *out, bool *blank)
{
    if (*pos >= d->len)
        return false;
    seg s = {(la_doc *)d, d->text, d->len};
    uint32_t i = *pos, a = UINT32_MAX, b = i;
    while (i < d->len) {
        int n;
        uint32_t c = cp_at(&s, i, &n);
        int cls = la__class(c);
        if (cls == LA__C_NEWLINE) {
            i += (uint32_t)n;
            if (c == '\r' && i < d->len && d->text[i] == '\n')
                i++;
            break;
        }
        if (cls != LA__C_SPACE) {
            if (a == UINT32_MAX)
                a = i;
            b = i + (uint32_t)n;
        }
        i += (uint32_t)n;
    }
    *pos = i;
    *blank = a == UINT32_MAX;
    out->start = *blank ? i : a;
    out->end = *blank ? i : b;
    return true;
}

/* Hard-wrapped prose: a long line without final punctuation, then a lower-case start. */
static bool continues(const la_doc *d, line prev, line cur)
{
    if (prev.end - prev.start < 60)
        return false;
    unsigned char last = (unsigned char)d->text[prev.end - 1];
    if (strchr(".!?:;\"'", last) || last >= 0x80)
        return false;
    seg s = {(la_doc *)d, d->text, cur.end};
    return class_at(&s, cur.start) == LA__C_LOWER && memchr(d->text + cur.start, ' ', cur.end - cur.start);
}

static int find_blocks(la_doc *d, la_error *err)
{
    uint32_t pos = 0;
    line cur, prev = {0, 0};
    bool blank, have_prev = false, prev_blank = true;
    while (next_line(d, &pos, &cur, &blank)) {
        if (blank) {
            prev_blank = true;
            continue;
        }
        if (have_prev && !prev_blank && continues(d, prev, cur)) {
            d->blocks[d->n_blocks - 1].end = cur.end;
        } else {
            la__block b = {cur.start, cur.end, LA_BLOCK_PARAGRAPH, LA_BOILERPLATE_NONE, 0, 0};
            if (LA__PUSH(d->blocks, d->n_blocks, d->cap_blocks, b))
                return la__fail(err, LA_ENOMEM, cur.start, "out of memory for blocks");
        }
        prev = cur;
        have_prev = true;
        prev_blank = false;
    }
    return LA_OK;
}

int la__segment(la_doc *doc, la_error *err)
{
    if (doc->n_blocks == 0) {
        int rc = find_blocks(doc, err);
        if (rc)
            return rc;
    }
    for (size_t i = 0; i < doc->n_blocks; i++) {
        int rc = la__segment_block(doc, (uint32_t)i, err);
        if (rc)
            return rc;
    }
    return LA_OK;
}
