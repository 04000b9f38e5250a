/* The entities stage: the statistical tagger over each content sentence, its coarse
 * classes refined into OntoNotes labels with the lexicons, lexicon matches the tagger
 * missed, rules for dates and numbers (numbers.c), then within-document aliases
 * (acronyms, short forms, transliteration variants) resolved into ids. docs/entities.md. */
#include "entities/entities.h"
#include "entities/mention.h"
#include "entities/features.h"
#include "entities/tagger.h"
#include "util/hash.h"

#include <string.h>
#include <strings.h>

extern const unsigned char la__ner_default_model[];

const char *la__default_model_version(void)
{
    /* the version string stored at byte 64 of the embedded model's header */
    static const char fallback[] = "unknown";
    const char *v = (const char *)la__ner_default_model + 64;
    return memcmp(la__ner_default_model, "LANERMOD", 8) ? fallback : v;
}

int la__entities_load(la_pipeline *p, const la_pipeline_options *opts, la_error *err)
{
    int rc = opts->model_path ? la__ner_model_load_file(&p->ner, opts->model_path, err)
                              : la__ner_model_load_default(&p->ner, err);
    if (rc)
        return rc;
    return la__lexicon_load(&p->lexicon, opts->user_entries_path, err);
}

void la__entities_unload(la_pipeline *p)
{
    if (!p)
        return;
    la__ner_model_free(p->ner);
    la__lexicon_free(p->lexicon);
    p->ner = NULL;
    p->lexicon = NULL;
}

/* ---- helpers ---------------------------------------------------------------------- */

static const char *TITLES[] = {"President", "Prime", "Minister", "General", "Gen.", "Mr.", "Mr", "Mrs.",
    "Mrs", "Ms.", "Ms", "Dr.", "Dr", "Sheikh", "Shaikh", "Imam", "King", "Queen", "Prince", "Princess",
    "Senator", "Sen.", "Rep.", "Gov.", "Governor", "Secretary", "Commander", "Colonel", "Col.", "Lt.",
    "Lieutenant", "Major", "Maj.", "Capt.", "Captain", "Admiral", "Adm.", "Brigadier", "Sgt.",
    "Sergeant", "Chief", "Vice", "Deputy", "Spokesman", "Spokeswoman", "Ambassador", "Pope", "Mullah",
    "Speaker", "Chairman", "Director", "Premier", "Chancellor", "Emir", "Crown", "Ayatollah",
    "Grand", "Foreign", "Defense", "Defence", "Interior", "State", "Sir", "Lord", "Lady", "Judge",
    "Justice", "Prof.", "Professor", "Field", "Marshal", "Supreme", "Leader", "Cleric", "Generals",
    "Presidents", "Ministers", "Commanders", "Messrs.", NULL};
static const char *const BLOC[] = {"Western", "West", "Westerners", "Eastern", "East", NULL};
static const char *const PARTICLES[] = {"al", "Al", "el", "El", "Abu", "bin", "ibn", "Bin", "Ibn", NULL};

static bool tok_is(const la_doc *d, uint32_t i, const char *w)
{
    const la__token *t = &d->tokens[i];
    size_t n = t->end - t->start;
    return d->text[t->start] == w[0] && !strncmp(d->text + t->start, w, n) && w[n] == '\0';
}
static bool tok_in(const la_doc *d, uint32_t i, const char *const *list)
{
    for (int k = 0; list[k]; k++)
        if (tok_is(d, i, list[k]))
            return true;
    return false;
}
static bool is_possessive(const la_doc *d, uint32_t i)
{
    return tok_is(d, i, "'s") || tok_is(d, i, "\xE2\x80\x99s") || tok_is(d, i, "'") ||
           tok_is(d, i, "\xE2\x80\x99") || tok_is(d, i, "s");
}
static bool upper_start(const la_doc *d, uint32_t i)
{
    unsigned char c = (unsigned char)d->text[d->tokens[i].start];
    return (c >= 'A' && c <= 'Z');
}
static bool ends_with(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && !strncmp(s + n - k, suf, k);
}

/* Token i follows a word in lower case within its sentence ("at The Oval"): a capitalised
 * "The" there belongs to the name. */
static bool after_lower_word(const la_doc *d, uint32_t i, uint32_t sf)
{
    if (i == sf)
        return false;
    unsigned char c = (unsigned char)d->text[d->tokens[i - 1].start];
    return c >= 'a' && c <= 'z';
}

/* Token i is a ")" that closes a "(" inside [a, i): "Mladost ( L )" keeps its bracket. */
static bool closes_bracket(const la_doc *d, uint32_t a, uint32_t i)
{
    if (!tok_is(d, i, ")"))
        return false;
    for (uint32_t k = a + 1; k < i; k++)
        if (tok_is(d, k, "("))
            return true;
    return false;
}

typedef struct stage {
    la_doc *doc;
    const la_pipeline *p;
    la__mentions out;
    uint32_t n_sent;        /* tokens in the current sentence */
} stage;

/* Whether a capitalised word the tagger took into a name is an ordinary word, not part of
 * the name: as its opener ("Given Iran", "Will Western", not "Glenn Somerville") the
 * model's own weights for the word, whatever its context, favour O over the start of any
 * name; inside it ("NATO Plans", not "Bucharest Newsroom" or "Hong Kong Open"), over the
 * inside of any. A word the tagger has no weights for is ordinary when it is frequent in
 * the unlabeled text the word clusters were learnt from ("Intense"). */
static bool common_word(const stage *st, uint32_t i, bool inside)
{
    const la__token *t = &st->doc->tokens[i];
    int32_t w[LA__NER_TAGS];
    const char *word = st->doc->text + t->start;
    if (!la__ner_word_weights(st->p->ner, word, t->end - t->start, w))
        return la__ner_word_frequent(st->p->ner, word, t->end - t->start);
    for (int c = 0; c < LA__NER_CLASS_COUNT; c++)
        if (w[inside ? LA__NER_TAG_I(c) : LA__NER_TAG_B(c)] >= w[0])
            return false;
    return true;
}

/* Whether word i may be a given name: the model's own weights for it, whatever its
 * context, favour the start of a person's name over the start of any other ("Marco", not
 * "Upper" in a mistagged "Upper Manhattan"), or it has none and is no frequent word of
 * the unlabeled text ("Barack"). */
static bool given_name(const stage *st, uint32_t i)
{
    const la__token *t = &st->doc->tokens[i];
    const char *word = st->doc->text + t->start;
    int32_t w[LA__NER_TAGS];
    if (!la__ner_word_weights(st->p->ner, word, t->end - t->start, w))
        return !la__ner_word_frequent(st->p->ner, word, t->end - t->start);
    for (int c = 0; c < LA__NER_CLASS_COUNT; c++)
        if (c != LA__NER_PER && w[LA__NER_TAG_B(c)] >= w[LA__NER_TAG_B(LA__NER_PER)])
            return false;
    return true;
}

static int family(int label);

/* The lexicon's entry names only its own kind of thing: "Clinton" the person is not the
 * town, nor is a person's id the town's. lex, or NULL for a name of another kind. */
static const la__lex_entry *entry_of_kind(const la__lex_entry *lex, int label)
{
    return lex && family(lex->label) == family(label) ? lex : NULL;
}

static int add(stage *st, uint32_t start, uint32_t end, uint32_t ft, uint32_t nt, int label,
               const la__lex_entry *lex)
{
    la__mention m = {start, end, ft, nt, (uint8_t)label, entry_of_kind(lex, label), NULL};
    return LA__PUSH(st->out.m, st->out.n, st->out.cap, m);
}

static const la__lex_entry *lookup(const stage *st, uint32_t start, uint32_t end)
{
    return la__lexicon_find(st->p->lexicon, st->doc->text + start, end - start);
}

/* Parts of a hyphenated token that the lexicon names: US-led, Iraq-Syria, pro-Iranian.
 * Adds them and returns how many. */
static int hyphen_parts(stage *st, uint32_t ti, int *err)
{
    const la__token *t = &st->doc->tokens[ti];
    const char *s = st->doc->text;
    int found = 0;
    uint32_t a = t->start;
    bool has_hyphen = memchr(s + t->start, '-', t->end - t->start) != NULL;
    if (!has_hyphen)
        return 0;
    for (uint32_t i = t->start; i <= t->end; i++) {
        if (i == t->end || s[i] == '-') {
            if (i > a && s[a] >= 'A' && s[a] <= 'Z') {
                const la__lex_entry *e = la__lexicon_find(st->p->lexicon, s + a, i - a);
                if (e && (e->flags & LA__LEX_MATCH) && e->label != LA__PERSON) {
                    if (add(st, a, i, ti, 1, e->label, e))
                        *err = LA_ENOMEM;
                    found++;
                }
            }
            a = i + 1;
        }
    }
    return found;
}

/* The kind of place or body a name's last word makes it: "the Jordan River", "Trump
 * Tower", "the Gridiron Club"; "Marine One" is a craft. `surname` is set for the words
 * that are also surnames ("Dave Camp", "Michael Bay"): those do not overrule the tagger's
 * person. */
typedef struct named_head {
    const char *suffix;
    int label;
    bool surname;
} named_head;

static const named_head HEADS[] = {
    {" Mountains", LA__LOC, 0}, {" Mountain", LA__LOC, 0}, {" River", LA__LOC, 0}, {" Sea", LA__LOC, 1},
    {" Ocean", LA__LOC, 0}, {" Lake", LA__LOC, 1}, {" Valley", LA__LOC, 1}, {" Desert", LA__LOC, 0},
    {" Gulf", LA__LOC, 0}, {" Strait", LA__LOC, 0}, {" Peninsula", LA__LOC, 0}, {" Coast", LA__LOC, 1},
    {" Island", LA__LOC, 0}, {" Islands", LA__LOC, 0}, {" Bay", LA__LOC, 1}, {" Plain", LA__LOC, 1},
    {" Basin", LA__LOC, 0}, {" Asia", LA__LOC, 0}, {" Africa", LA__LOC, 0}, {" Europe", LA__LOC, 0},
    {" East", LA__LOC, 1}, {" Base", LA__FAC, 0}, {" Airport", LA__FAC, 0}, {" Bridge", LA__FAC, 1},
    {" Square", LA__FAC, 0}, {" Street", LA__FAC, 1}, {" Prison", LA__FAC, 0}, {" Camp", LA__FAC, 1},
    {" Hospital", LA__FAC, 0}, {" Palace", LA__FAC, 0}, {" Stadium", LA__FAC, 0}, {" Tower", LA__FAC, 0},
    {" Dam", LA__FAC, 1}, {" Embassy", LA__FAC, 0}, {" Road", LA__FAC, 1}, {" Highway", LA__FAC, 0},
    {" Port", LA__FAC, 1}, {" Mosque", LA__FAC, 0}, {" Shrine", LA__FAC, 0}, {" Club", LA__ORG, 0},
    {" Committee", LA__ORG, 0}, {" College", LA__ORG, 0}, {" University", LA__ORG, 0},
    {" One", LA__PRODUCT, 0},
};

/* The label that name s[0..n)'s last word gives it, or 0; after a person's name when
 * person is set. In CoNLL++ train and dev, 2 of 5,518 names of persons with two words or
 * more end in one of these words. */
static int head_label(const char *s, size_t n, bool person)
{
    for (size_t k = 0; k < sizeof HEADS / sizeof *HEADS; k++)
        if (ends_with(s, n, HEADS[k].suffix) && !(person && HEADS[k].surname))
            return HEADS[k].label;
    return 0;
}

static int refine_loc(const stage *st, uint32_t start, uint32_t end, const la__lex_entry *e)
{
    if (e && (e->label == LA__GPE || e->label == LA__LOC || e->label == LA__FAC))
        return e->label;
    int head = head_label(st->doc->text + start, end - start, false);
    return head == LA__LOC || head == LA__FAC ? head : LA__GPE;
}

/* What a leader's surname heads: "the Trump administration", "the Obama era". */
static const char *const LEADER_OF[] = {"administration", "presidency", "campaign", "era", NULL};

static int refine_misc(const stage *st, uint32_t start, uint32_t end, const la__lex_entry *e, uint32_t last)
{
    if (e)
        return e->label;
    const char *s = st->doc->text + start;
    size_t n = end - start;
    la_doc *d = st->doc;
    /* a name the tagger read as an adjective: one word, no nationality, before a
       leader's term ("the Trump administration") */
    if (d->tokens[last].start == start && last + 1 < d->n_tokens && tok_in(d, last + 1, LEADER_OF))
        return LA__PERSON;
    if (last + 1 < d->n_tokens && (tok_is(d, last + 1, "language") || tok_is(d, last + 1, "languages")))
        return LA__LANGUAGE;
    static const char *const EVW[] = {" War", " Revolution", " Olympics", " Games", " Cup", " Uprising",
        " Intifada", " Crisis", " Summit", " Conference", " Championship", " Massacre", " Spring",
        " Awakening", " Offensive", " Battle", NULL};
    static const char *const LAWW[] = {" Act", " Treaty", " Agreement", " Accord", " Accords",
        " Convention", " Conventions", " Resolution", " Constitution", " Charter", " Protocol", " Law",
        " Bill", " Amendment", NULL};
    for (int k = 0; EVW[k]; k++)
        if (ends_with(s, n, EVW[k]))
            return LA__EVENT;
    for (int k = 0; LAWW[k]; k++)
        if (ends_with(s, n, LAWW[k]))
            return LA__LAW;
    if (!strncmp(s, "Operation ", 10) || !strncmp(s, "Battle of ", 10))
        return LA__EVENT;
    return LA__NORP;
}

/* One tagger span [a, b) of tokens (document indexes), class cls. */
static int tagger_span(stage *st, uint32_t a, uint32_t b, int cls, uint8_t *taken, uint32_t sf)
{
    la_doc *d = st->doc;
    /* trailing possessive and punctuation */
    while (b > a && (is_possessive(d, b - 1) || (d->tokens[b - 1].flags & LA_TOKEN_PUNCT)) &&
           !closes_bracket(d, a, b - 1))
        b--;
    /* leading "the", punctuation and titles */
    while (a < b && (tok_is(d, a, "the") || (tok_is(d, a, "The") && !after_lower_word(d, a, sf)) || (d->tokens[a].flags & LA_TOKEN_PUNCT) ||
                     (b - a > 1 && tok_in(d, a, TITLES) && cls == LA__NER_PER) ||
                     (cls == LA__NER_MISC && tok_in(d, a, BLOC))))
        a++;
    while (b > a && cls == LA__NER_MISC && tok_in(d, b - 1, BLOC))
        b--;
    if (a >= b || (b - a == 1 && tok_in(d, a, PARTICLES)))
        return LA_OK;
    for (uint32_t i = a; i < b; i++)
        if (taken[i - sf])
            return LA_OK;
    /* a longer lexicon entry running past the span: "Iraqi Kurdistan" + "region" */
    for (uint32_t x = 2; x >= 1; x--) {
        if (b + x <= sf + st->n_sent && !taken[b + x - 1 - sf] && (x == 1 || !taken[b - sf])) {
            const la__lex_entry *e = lookup(st, d->tokens[a].start, d->tokens[b + x - 1].end);
            if (e) {
                b += x;
                break;
            }
        }
    }
    if (!lookup(st, d->tokens[a].start, d->tokens[b - 1].end) && b - a >= 2) {
        /* a capitalised sentence opener before a known name: "Given Iran", "Intense US" */
        const la__lex_entry *rest = lookup(st, d->tokens[a + 1].start, d->tokens[b - 1].end);
        if (rest && a == sf && common_word(st, a, false)) {
            a++;
            cls = rest->label == LA__PERSON ? LA__NER_PER : rest->label == LA__ORG ? LA__NER_ORG
                : rest->label == LA__NORP ? LA__NER_MISC : LA__NER_LOC;
        } else {
            /* a known nationality or country before a known name: "Iraqi Congress", "US
             * Department of Defense", "Iran Quds Force", "Iraqi Kurdish" */
            for (uint32_t k = a + 1; k < b; k++) {
                const la__lex_entry *pre = lookup(st, d->tokens[a].start, d->tokens[k - 1].end);
                const la__lex_entry *post = lookup(st, d->tokens[k].start, d->tokens[b - 1].end);
                if (pre && post && (pre->flags & LA__LEX_MATCH) && (pre->label == LA__NORP || pre->label == LA__GPE)) {
                    if (add(st, d->tokens[a].start, d->tokens[k - 1].end, a, k - a, pre->label, pre) ||
                        add(st, d->tokens[k].start, d->tokens[b - 1].end, k, b - k, post->label, post))
                        return LA_ENOMEM;
                    for (uint32_t i = a; i < b; i++)
                        taken[i - sf] = 1;
                    return LA_OK;
                }
            }
        }
    }
    uint32_t start = d->tokens[a].start, end = d->tokens[b - 1].end;
    /* trailing possessive attached inside a token (rare) */
    if (end - start > 2 && (d->text[end - 2] == '\'' ) && d->text[end - 1] == 's')
        end -= 2;
    const la__lex_entry *e = lookup(st, start, end);
    int label;
    int err = LA_OK;
    if (b - a == 1 && !e && (cls == LA__NER_MISC || cls == LA__NER_LOC) && hyphen_parts(st, a, &err)) {
        taken[a - sf] = 1;
        return err;
    }
    switch (cls) {
    case LA__NER_PER:
        label = LA__PERSON;
        if (e && e->label == LA__NORP && !(e->flags & LA__LEX_USER) && b - a == 1)
            label = e->label; /* "Iraqi" tagged as a person by mistake */
        else if (e && (e->flags & LA__LEX_USER))
            label = e->label;
        else if (!e) { /* "Evin Prison" read as a person */
            int head = head_label(d->text + start, end - start, true);
            label = head ? head : LA__PERSON;
        }
        break;
    case LA__NER_ORG:
        label = e && (e->flags & LA__LEX_USER) ? e->label : LA__ORG;
        if (e && (e->label == LA__NORP || (e->label == LA__GPE && (e->flags & LA__LEX_COUNTRY))))
            label = e->label; /* a country's name is a GPE */
        break;
    case LA__NER_LOC:
        label = e && (e->label == LA__ORG || e->label == LA__NORP || e->label == LA__EVENT) ? e->label
                                                                                             : refine_loc(st, start, end, e);
        break;
    default:
        if (e && (e->label == LA__GPE || e->label == LA__LOC || e->label == LA__FAC) && !(e->flags & LA__LEX_MATCH))
            e = NULL; /* "Olympic", "Wimbledon": a town's name used for something else */
        label = refine_misc(st, start, end, e, b - 1);
        break;
    }
    for (uint32_t i = a; i < b; i++)
        taken[i - sf] = 1;
    return add(st, start, end, a, b - a, label, e);
}

/* Lexicon matches over tokens the tagger left. */
static int lexicon_scan(stage *st, uint32_t sf, uint32_t se, uint8_t *taken)
{
    la_doc *d = st->doc;
    unsigned maxn = la__lexicon_max_tokens(st->p->lexicon);
    for (uint32_t i = sf; i < se; i++) {
        if (taken[i - sf] || !upper_start(d, i))
            continue;
        bool hit = false;
        for (uint32_t n = maxn; n >= 1 && !hit; n--) {
            if (i + n > se)
                continue;
            bool free_ = true;
            for (uint32_t k = i; k < i + n; k++)
                free_ = free_ && !taken[k - sf];
            if (!free_)
                continue;
            const la__lex_entry *e = lookup(st, d->tokens[i].start, d->tokens[i + n - 1].end);
            if (!e || !(e->flags & LA__LEX_MATCH))
                continue;
            if (add(st, d->tokens[i].start, d->tokens[i + n - 1].end, i, n, e->label, e))
                return LA_ENOMEM;
            for (uint32_t k = i; k < i + n; k++)
                taken[k - sf] = 1;
            hit = true;
            i += n - 1;
        }
        if (!hit) {
            int err = LA_OK;
            if (hyphen_parts(st, i, &err))
                taken[i - sf] = 1;
            if (err)
                return err;
        }
    }
    return LA_OK;
}

/* ---- ids ---------------------------------------------------------------------------- */

static int family(int label)
{
    switch (label) {
    case LA__GPE: case LA__LOC: case LA__FAC: return 2;
    case LA__PERSON: return 0;
    case LA__ORG: return 1;
    case LA__NORP: return 3;
    default: return 4 + label;
    }
}

static bool is_number_label(int l)
{
    return l == LA__DATE || l == LA__TIME || l == LA__CARDINAL || l == LA__ORDINAL || l == LA__PERCENT ||
           l == LA__MONEY || l == LA__QUANTITY;
}

static size_t find(size_t *par, size_t x)
{
    while (par[x] != x)
        x = par[x] = par[par[x]];
    return x;
}
static void unite(size_t *par, size_t a, size_t b)
{
    a = find(par, a), b = find(par, b);
    if (a != b)
        par[b > a ? b : a] = b > a ? a : b; /* earlier mention is the root */
}

/* The last word of a person's name with its particle: "al-Sudani", "bin Laden"; a suffix
 * after it is no part of it ("Martin Luther King Jr."). */
static void last_name(const la_doc *d, const la__mention *m, uint32_t *s, uint32_t *e)
{
    static const char *const SUFFIX[] = {"Jr", "Sr", "II", "III", "IV", NULL};
    uint32_t lt = m->first_token + m->token_count - 1;
    if (lt > m->first_token + 1 && tok_is(d, lt, ".") && tok_in(d, lt - 1, SUFFIX))
        lt--;
    if (lt > m->first_token && tok_in(d, lt, SUFFIX))
        lt--;
    if (lt > m->first_token && tok_is(d, lt, ","))
        lt--;
    *e = d->tokens[lt].end;
    *s = d->tokens[lt].start > m->start ? d->tokens[lt].start : m->start;
    if (lt > m->first_token) {
        static const char *const PART[] = {"bin", "ibn", "al", "Al", "el", "El", "van", "von", "de", "der", "da",
                                           "Abu", "abu", "bint", "ben", "Bin", NULL};
        if (tok_in(d, lt - 1, PART))
            *s = d->tokens[lt - 1].start;
    }
}

static bool same_last_name(const la_doc *d, const la__mention *a, const la__mention *b)
{
    uint32_t as, ae, bs, be;
    last_name(d, a, &as, &ae);
    last_name(d, b, &bs, &be);
    return ae - as == be - bs && !strncasecmp(d->text + as, d->text + bs, ae - as);
}

static bool is_acronym(const char *s, size_t n)
{
    if (n < 2 || n > 8)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!(s[i] >= 'A' && s[i] <= 'Z'))
            return false;
    return true;
}

/* The capitals that open the words of s, which an acronym of s spells (acronym_of). */
static size_t initials(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    bool start = true;
    for (size_t i = 0; i < n; i++) {
        if (start && s[i] >= 'A' && s[i] <= 'Z') {
            if (k == cap)
                return 0;
            out[k++] = s[i];
        }
        start = s[i] == ' ' || s[i] == '-';
    }
    return k;
}

static bool acronym_of(const char *acr, size_t an, const char *s, size_t n)
{
    char ini[8];
    return is_acronym(acr, an) && initials(s, n, ini, sizeof ini) == an && !memcmp(ini, acr, an);
}

/* Whether mentions i and j (i the later one) name the same entity. key[x] is the phonetic
 * key of x's last name (a person) or of its whole text. */
static bool same_entity(const la_doc *d, const la__mention *m, char (*key)[48], size_t i, size_t j)
{
    if (is_number_label(m[i].label) || is_number_label(m[j].label) || family(m[i].label) != family(m[j].label))
        return false;
    const char *ti = d->text + m[i].start, *tj = d->text + m[j].start;
    size_t ni = m[i].end - m[i].start, nj = m[j].end - m[j].start;
    if (m[i].lex && m[j].lex)
        return !strcmp(m[i].lex->id, m[j].lex->id);
    if (ni == nj && !memcmp(ti, tj, ni))
        return true;
    if (acronym_of(ti, ni, tj, nj) || acronym_of(tj, nj, ti, ni))
        return m[i].label != LA__PERSON;
    if (m[i].lex || m[j].lex)
        return false;
    if (m[i].label == LA__PERSON) {
        /* same last name (phonetic), one of them possibly a short form; a key of under
           three letters is too loose alone ("Dean" and "Dina" are "dn") and needs the
           same word */
        bool same = key[i][0] && !strcmp(key[i], key[j]) && (strlen(key[i]) >= 3 || same_last_name(d, &m[i], &m[j]));
        if (same && m[i].token_count > 1 && m[j].token_count > 1) {
            /* two full names: first names must agree too */
            char a[48], b[48];
            la__phonetic_key(ti, d->tokens[m[i].first_token].end - m[i].start, a, sizeof a);
            la__phonetic_key(tj, d->tokens[m[j].first_token].end - m[j].start, b, sizeof b);
            same = !strcmp(a, b);
        }
        return same;
    }
    size_t ki = strlen(key[i]), kj = strlen(key[j]);
    return ki >= 4 && (!strcmp(key[i], key[j]) || (ki >= 6 && la__edit_distance(key[i], ki, key[j], kj) <= 1));
}

/* Mentions alike in everything same_entity reads: label, lexicon entry, text, phonetic
 * key, token count and first word. Such mentions name one entity, and same_entity says the
 * same of any of them, so one of each kind stands for all: a name repeated many times is
 * compared once with each other name, not once per mention. */
typedef struct kind {
    const char *text, *key;
    const la__lex_entry *lex;
    uint32_t len, label, token_count, first_len;
    size_t first, last; /* its first and last mentions in document order */
} kind;

static int cmp_u32(uint32_t a, uint32_t b)
{
    return a < b ? -1 : a > b;
}

static int cmp_kind(const void *pa, const void *pb)
{
    const kind *a = pa, *b = pb;
    int c = cmp_u32(a->len, b->len);
    if (!c)
        c = memcmp(a->text, b->text, a->len);
    if (!c)
        c = cmp_u32(a->label, b->label);
    if (!c && a->lex != b->lex)
        c = (uintptr_t)a->lex < (uintptr_t)b->lex ? -1 : 1;
    if (!c)
        c = cmp_u32(a->token_count, b->token_count);
    if (!c)
        c = cmp_u32(a->first_len, b->first_len);
    if (!c)
        c = strcmp(a->key, b->key);
    return c;
}

/* The kinds of the mentions other than numbers (which stay alone), each with its first and
 * last mention; the mentions of a kind are united. Returns how many, or (size_t)-1. */
static size_t group_kinds(const la_doc *d, const la__mention *m, size_t n, char (*key)[48], size_t *par,
                          kind **out)
{
    kind *k = malloc((n + 1) * sizeof *k);
    if (!k)
        return (size_t)-1;
    size_t nk = 0;
    for (size_t i = 0; i < n; i++)
        if (!is_number_label(m[i].label))
            k[nk++] = (kind){d->text + m[i].start, key[i], m[i].lex, m[i].end - m[i].start, m[i].label,
                             m[i].token_count, d->tokens[m[i].first_token].end - m[i].start, i, i};
    if (nk)
        qsort(k, nk, sizeof *k, cmp_kind);
    size_t w = 0;
    for (size_t r = 0; r < nk; r++) {
        if (w && !cmp_kind(&k[w - 1], &k[r])) {
            kind *g = &k[w - 1];
            unite(par, g->first, k[r].first);
            g->first = k[r].first < g->first ? k[r].first : g->first;
            g->last = k[r].last > g->last ? k[r].last : g->last;
        } else
            k[w++] = k[r];
    }
    *out = k;
    return w;
}

/* A kind filed under a block: kinds that same_entity may join share a block. */
typedef struct filed {
    uint64_t block;
    size_t kind;
} filed;

static uint64_t block_of(char tag, const char *s, size_t n)
{
    return la__fnv1a64(s, n, la__fnv1a64(&tag, 1, LA__FNV64_SEED));
}

/* Files kind x under every block same_entity can join it by: its lexicon id, its text,
 * the acronym it is or the initials it abbreviates, and its phonetic key with, from five
 * letters, the keys one letter shorter (two keys one edit apart share one of those). */
static int file_kind(const kind *x, size_t xi, filed **f, size_t *n, size_t *cap)
{
    char ini[8];
    size_t ni = initials(x->text, x->len, ini, sizeof ini), kn = strlen(x->key);
    uint64_t blocks[4 + 48];
    size_t nb = 0;
    blocks[nb++] = block_of('T', x->text, x->len);
    if (x->lex)
        blocks[nb++] = block_of('L', x->lex->id, strlen(x->lex->id));
    if (ni >= 2)
        blocks[nb++] = block_of('A', ini, ni);
    if (is_acronym(x->text, x->len))
        blocks[nb++] = block_of('A', x->text, x->len);
    if (kn)
        blocks[nb++] = block_of('K', x->key, kn);
    for (size_t i = 0; kn >= 5 && i < kn; i++) {
        char shorter[48];
        memcpy(shorter, x->key, i);
        memcpy(shorter + i, x->key + i + 1, kn - i - 1);
        blocks[nb++] = block_of('K', shorter, kn - 1);
    }
    for (size_t b = 0; b < nb; b++)
        if (LA__PUSH(*f, *n, *cap, ((filed){blocks[b], xi})))
            return LA_ENOMEM;
    return LA_OK;
}

static int cmp_filed(const void *pa, const void *pb)
{
    const filed *a = pa, *b = pb;
    return a->block != b->block ? (a->block < b->block ? -1 : 1) : (a->kind > b->kind) - (a->kind < b->kind);
}

/* Two kinds are one entity when a mention of one, coming after a mention of the other,
 * names the same entity (x->last > y->first: some x follows some y). Both orders are asked
 * because same_entity is not symmetric: a key of 6 letters takes a later variant of 5, not
 * the reverse. Only kinds that share a block are compared, so a document with thousands of
 * distinct names is not a quadratic number of comparisons. */
static int unite_kinds(const la_doc *d, const la__mention *m, char (*key)[48], const kind *k, size_t nk,
                       size_t *par)
{
    filed *f = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < nk; i++)
        if (file_kind(&k[i], i, &f, &n, &cap)) {
            free(f);
            return LA_ENOMEM;
        }
    if (n)
        qsort(f, n, sizeof *f, cmp_filed);
    for (size_t r = 0; r < n;) {
        size_t end = r + 1;
        while (end < n && f[end].block == f[r].block)
            end++;
        for (size_t a = r; a < end; a++)
            for (size_t b = r; b < a; b++) {
                const kind *x = &k[f[a].kind], *y = &k[f[b].kind];
                if (find(par, x->first) == find(par, y->first))
                    continue;
                if ((x->last > y->first && same_entity(d, m, key, x->first, y->first)) ||
                    (y->last > x->first && same_entity(d, m, key, y->first, x->first)))
                    unite(par, x->first, y->first);
            }
        r = end;
    }
    free(f);
    return LA_OK;
}

/* ---- namesakes: persons who share a last name ------------------------------------ */

/* Short forms join a cluster by last name alone, so "Clinton" joins "Bill Clinton" and
 * "Hillary Clinton" into one. A cluster whose full names disagree in their given names
 * (la__given_agree) is split into one person per given name. */
#define NAMESAKE_FORMS 8 /* distinct given names compared per person */
#define NAMESAKE_MAX 16  /* persons per last name; more stay with the first (linear time) */

typedef struct namesake {
    size_t root, next; /* its first mention; the cluster's next namesake, or SIZE_MAX */
    unsigned n_forms;
    la__given form[NAMESAKE_FORMS];
} namesake;

typedef struct namesakes {
    namesake *v;
    size_t n, cap;
    size_t *first;  /* per cluster root: its first namesake, or SIZE_MAX */
    size_t *of;     /* per mention: its namesake, or SIZE_MAX */
    bool *no_split; /* per cluster root: it holds a lexicon entry's mention */
} namesakes;

/* A mention's given names; a one-word name ("Clinton", most person mentions) has none. */
static void mention_given(const la_doc *d, const la__mention *m, la__given *g)
{
    if (m->token_count < 2)
        g->n = 0;
    else
        la__given_names(d->text + m->start, m->end - m->start, g);
}

static bool agrees_with(const namesake *p, const la__given *g)
{
    for (unsigned k = 0; k < p->n_forms; k++)
        if (la__given_agree(&p->form[k], g))
            return true;
    return false;
}

static void add_form(namesake *p, const la__given *g)
{
    for (unsigned k = 0; k < p->n_forms; k++)
        if (!memcmp(&p->form[k], g, sizeof *g))
            return;
    if (p->n_forms < NAMESAKE_FORMS)
        p->form[p->n_forms++] = *g;
}

/* Files full name i under the one namesake of its cluster it agrees with, or a new one;
 * a name that agrees with two ("Clinton Jr." after Bill and Hillary) is left to be placed
 * like a short form. */
static int file_full_name(namesakes *ns, size_t i, size_t cluster, const la__given *g)
{
    size_t found = SIZE_MAX, count = 0, last = SIZE_MAX, persons = 0;
    for (size_t p = ns->first[cluster]; p != SIZE_MAX; p = ns->v[p].next, persons++) {
        if (agrees_with(&ns->v[p], g))
            found = p, count++;
        last = p;
    }
    if (count == 1) {
        add_form(&ns->v[found], g);
        ns->of[i] = found;
        return LA_OK;
    }
    if (count > 1 || persons == NAMESAKE_MAX)
        return LA_OK;
    namesake fresh = {i, SIZE_MAX, 1, {*g}};
    if (LA__PUSH(ns->v, ns->n, ns->cap, fresh))
        return LA_ENOMEM;
    if (last == SIZE_MAX)
        ns->first[cluster] = ns->n - 1;
    else
        ns->v[last].next = ns->n - 1;
    ns->of[i] = ns->n - 1;
    return LA_OK;
}

static int split_namesakes(const la_doc *d, const la__mention *m, size_t n, size_t *par)
{
    namesakes ns = {NULL, 0, 0, malloc(n * sizeof(size_t)), malloc(n * sizeof(size_t)), calloc(n, sizeof(bool))};
    int rc = ns.first && ns.of && ns.no_split ? LA_OK : LA_ENOMEM;
    for (size_t i = 0; i < n && !rc; i++)
        ns.first[i] = ns.of[i] = SIZE_MAX;
    for (size_t i = 0; i < n && !rc; i++)
        if (m[i].lex)
            ns.no_split[par[i]] = true;
    for (size_t i = 0; i < n && !rc; i++) {
        if (m[i].label != LA__PERSON || m[i].lex || ns.no_split[par[i]])
            continue;
        la__given g;
        mention_given(d, &m[i], &g);
        if (g.n)
            rc = file_full_name(&ns, i, par[i], &g);
    }
    /* Clusters of two or more: a full name to its namesake, a short form to the one named
     * first, the main person of most articles ("Hillary Clinton ... Bill Clinton ...
     * Clinton said"). That one keeps the cluster's root (its first mention); each other
     * is rooted at the full name that opened it. */
    for (size_t i = 0; i < n && !rc; i++) {
        size_t cluster = par[i], first = ns.first[cluster];
        if (first != SIZE_MAX && ns.v[first].next != SIZE_MAX && ns.of[i] != SIZE_MAX && ns.of[i] != first)
            par[i] = ns.v[ns.of[i]].root;
    }
    free(ns.v), free(ns.first), free(ns.of), free(ns.no_split);
    return rc;
}

/* A person named by a given name alone ("Hillary", "Ivanka") is the one person of the
 * document with that given name ("Hillary Clinton"), the same word in any case, when
 * exactly one has it. (No one has it as a last name: that one would have taken it.) */
typedef struct given_word {
    const char *s;
    size_t n, root;
} given_word;

static int cmp_given_word(const void *pa, const void *pb)
{
    const given_word *a = pa, *b = pb;
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    int c = strncasecmp(a->s, b->s, a->n);
    return c ? c : (a->root > b->root) - (a->root < b->root);
}

/* The one root with the given name s[0..n), or SIZE_MAX (none, or several). */
static size_t one_with_given(const given_word *w, size_t k, const char *s, size_t n)
{
    given_word q = {s, n, 0};
    size_t lo = 0, hi = k;
    while (lo < hi) { /* the first entry not before (s, root 0) */
        size_t mid = (lo + hi) / 2;
        if (cmp_given_word(&w[mid], &q) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == k || w[lo].n != n || strncasecmp(w[lo].s, s, n))
        return SIZE_MAX;
    size_t root = w[lo].root;
    for (size_t j = lo + 1; j < k && w[j].n == n && !strncasecmp(w[j].s, s, n); j++)
        if (w[j].root != root)
            return SIZE_MAX;
    return root;
}

static int join_given_names(const la_doc *d, const la__mention *m, size_t n, size_t *par)
{
    given_word *w = malloc(n * LA__GIVEN_MAX * sizeof *w);
    bool *full = calloc(n, sizeof *full); /* per root: some mention has a given name */
    if (!w || !full) {
        free(w), free(full);
        return LA_ENOMEM;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (m[i].label != LA__PERSON || m[i].lex)
            continue;
        la__given g;
        mention_given(d, &m[i], &g);
        for (unsigned j = 0; j < g.n; j++)
            w[k++] = (given_word){d->text + m[i].start + g.at[j], g.len[j], par[i]};
        full[par[i]] = full[par[i]] || g.n;
    }
    if (k)
        qsort(w, k, sizeof *w, cmp_given_word);
    for (size_t i = 0; i < n; i++) {
        if (par[i] != i || m[i].label != LA__PERSON || m[i].lex || full[i] || m[i].token_count != 1)
            continue;
        size_t named = one_with_given(w, k, d->text + m[i].start, m[i].end - m[i].start);
        if (named != SIZE_MAX)
            unite(par, i, named);
    }
    for (size_t i = 0; i < n; i++)
        par[i] = find(par, i);
    free(w), free(full);
    return LA_OK;
}

/* A person's id: the slug of the last name, or, for namesakes (two persons of the
 * document with one last name), of the first given name and the last name. */
static char *person_id(const la_doc *d, const la__mention *b, bool namesake)
{
    uint32_t s, e;
    last_name(d, b, &s, &e);
    la__given g = {0};
    if (namesake)
        mention_given(d, b, &g);
    if (!g.n)
        return la__slug(d->text + s, e - s);
    char *name = malloc(g.len[0] + 1 + (e - s));
    if (!name)
        return NULL;
    memcpy(name, d->text + b->start + g.at[0], g.len[0]);
    name[g.len[0]] = ' ';
    memcpy(name + g.len[0] + 1, d->text + s, e - s);
    char *id = la__slug(name, g.len[0] + 1 + (e - s));
    free(name);
    return id;
}

typedef struct root_id {
    char *id;
    size_t root;
} root_id;

static int cmp_root_id(const void *pa, const void *pb)
{
    const root_id *a = pa, *b = pb;
    return strcmp(a->id, b->id);
}

/* Per cluster root: whether it is a person whose last-name id another person cluster of
 * the document has too. NULL when out of memory. */
static bool *namesakes_of(const la_doc *d, const la__mention *m, size_t n, const size_t *par, const size_t *best)
{
    bool *out = calloc(n, sizeof *out);
    root_id *ids = malloc(n * sizeof *ids);
    size_t k = 0;
    bool ok = out && ids;
    for (size_t r = 0; r < n && ok; r++) {
        const la__mention *b = &m[best[r] == (size_t)-1 ? r : best[r]];
        if (par[r] != r || is_number_label(m[r].label) || b->label != LA__PERSON || b->lex)
            continue;
        char *id = person_id(d, b, false);
        ok = id != NULL;
        if (ok)
            ids[k++] = (root_id){id, r};
    }
    if (ok && k)
        qsort(ids, k, sizeof *ids, cmp_root_id);
    for (size_t j = 0; ok && j + 1 < k; j++)
        if (!strcmp(ids[j].id, ids[j + 1].id))
            out[ids[j].root] = out[ids[j + 1].root] = true;
    for (size_t j = 0; j < k; j++)
        free(ids[j].id);
    free(ids);
    if (!ok)
        free(out);
    return ok ? out : NULL;
}

static int assign_ids(stage *st)
{
    la_doc *d = st->doc;
    la__mention *m = st->out.m;
    size_t n = st->out.n;
    if (!n)
        return LA_OK;
    size_t *par = malloc(n * sizeof *par);
    char (*key)[48] = malloc(n * sizeof *key);
    if (!par || !key) {
        free(par), free(key);
        return LA_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        par[i] = i;
        key[i][0] = '\0';
        if (is_number_label(m[i].label))
            continue;
        uint32_t s = m[i].start, e = m[i].end;
        if (m[i].label == LA__PERSON)
            last_name(d, &m[i], &s, &e);
        la__phonetic_key(d->text + s, e - s, key[i], sizeof key[i]);
    }
    kind *k;
    size_t nk = group_kinds(d, m, n, key, par, &k);
    if (nk == (size_t)-1) {
        free(par), free(key);
        return LA_ENOMEM;
    }
    int rc = unite_kinds(d, m, key, k, nk, par);
    free(k);
    if (rc) {
        free(par), free(key);
        return rc;
    }
    /* acronym defined in parentheses: "Popular Mobilization Forces (PMF)" */
    for (size_t i = 0; i + 1 < n; i++) {
        uint32_t after = m[i].first_token + m[i].token_count;
        if (after + 2 < d->n_tokens && tok_is(d, after, "(") && m[i + 1].first_token == after + 1 &&
            m[i + 1].token_count == 1 && tok_is(d, after + 2, ")") && !is_number_label(m[i].label) &&
            !is_number_label(m[i + 1].label))
            unite(par, i, i + 1);
    }
    /* Every mention points at its cluster's root from here on: par[i] is the cluster. */
    for (size_t i = 0; i < n; i++)
        par[i] = find(par, i);
    rc = split_namesakes(d, m, n, par);
    if (!rc)
        rc = join_given_names(d, m, n, par);
    if (rc) {
        free(par), free(key);
        return rc;
    }
    /* the id and canonical of each cluster: the lexicon's, else the longest mention's */
    size_t *best = malloc(n * sizeof *best), *acr = malloc(n * sizeof *acr);
    if (!best || !acr) {
        free(best), free(acr), free(par), free(key);
        return LA_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        best[i] = acr[i] = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        if (is_number_label(m[i].label))
            continue;
        size_t r = par[i], b = best[r];
        if (b == (size_t)-1 || (m[i].lex && (!m[b].lex || (m[i].lex->flags & LA__LEX_USER))) ||
            (!m[b].lex && !m[i].lex && m[i].end - m[i].start > m[b].end - m[b].start &&
             !acronym_of(d->text + m[b].start, m[b].end - m[b].start, d->text + m[i].start, m[i].end - m[i].start)))
            best[r] = i;
    }
    /* an acronym in the cluster is the most stable key of an organisation: the first
     * mention of each cluster that is an acronym of its best one, found once per cluster */
    for (size_t j = 0; j < n; j++) {
        if (is_number_label(m[j].label))
            continue;
        size_t r = par[j];
        const la__mention *b = &m[best[r]];
        if (acr[r] == (size_t)-1 && !b->lex &&
            acronym_of(d->text + m[j].start, m[j].end - m[j].start, d->text + b->start, b->end - b->start))
            acr[r] = j;
    }
    bool *namesake = namesakes_of(d, m, n, par, best);
    if (!namesake)
        rc = LA_ENOMEM;
    for (size_t i = 0; i < n && !rc; i++) {
        if (is_number_label(m[i].label))
            continue;
        const la__mention *b = &m[best[par[i]]];
        char *id, *canon;
        if (b->lex) {
            id = la__strndup(b->lex->id, strlen(b->lex->id));
            canon = la__strndup(b->lex->canonical, strlen(b->lex->canonical));
        } else {
            size_t a = acr[par[i]];
            if (b->label == LA__PERSON)
                id = person_id(d, b, namesake[par[i]]);
            else if (a != (size_t)-1)
                id = la__slug(d->text + m[a].start, m[a].end - m[a].start);
            else
                id = la__slug(d->text + b->start, b->end - b->start);
            canon = la__strndup(d->text + b->start, b->end - b->start);
        }
        if (!id || !canon) {
            free(id), free(canon);
            rc = LA_ENOMEM;
            break;
        }
        /* stash into the value slot's neighbour: converted below */
        la__entity ent = {m[i].start, m[i].end, m[i].first_token, m[i].token_count, m[i].label, id, canon, NULL};
        if (LA__PUSH(d->entities, d->n_entities, d->cap_entities, ent)) {
            free(id), free(canon);
            rc = LA_ENOMEM;
        }
    }
    for (size_t i = 0; i < n && !rc; i++) { /* then numbers and dates, with no id */
        if (!is_number_label(m[i].label))
            continue;
        la__entity ent = {m[i].start, m[i].end, m[i].first_token, m[i].token_count, m[i].label, NULL, NULL,
                          m[i].value};
        if (LA__PUSH(d->entities, d->n_entities, d->cap_entities, ent))
            rc = LA_ENOMEM;
        else
            m[i].value = NULL;
    }
    free(best), free(acr), free(par), free(key), free(namesake);
    return rc;
}

/* "Mohammed Shia" + "’" + "al-Sudani": a person's name continued by a particle. */
static size_t merge_particles(const la_doc *d, uint32_t sf, la__ner_span *sp, size_t n)
{
    static const char *const PRE[] = {"al-", "Al-", "el-", "bin ", "ibn ", "Abu ", NULL};
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k && sp[k - 1].cls == LA__NER_PER) {
            uint32_t end = sp[k - 1].first + sp[k - 1].count, f = sp[i].first;
            bool gap_ok = f == end || (f == end + 1 && (tok_is(d, sf + end, "'") || tok_is(d, sf + end, "\xE2\x80\x99")) &&
                                       d->tokens[sf + end - 1].end == d->tokens[sf + end].start);
            const char *w = d->text + d->tokens[sf + f].start;
            bool particle = false;
            for (int q = 0; PRE[q]; q++)
                particle = particle || !strncmp(w, PRE[q], strlen(PRE[q]));
            if (gap_ok && particle) {
                sp[k - 1].count = f + sp[i].count - sp[k - 1].first;
                continue;
            }
        }
        sp[k++] = sp[i];
    }
    return k;
}

static bool is_number_label(int l);

/* Boilerplate is tagged too: the structure stage's plain-text heuristics mark many short
 * news lines (datelines, results, one-sentence paragraphs) as furniture, and gold
 * annotates boilerplate as text. Only menus of the kinds that never hold prose are left. */
static bool skip_sentence(const la_doc *d, const la__sentence *se)
{
    if (se->block >= d->n_blocks || d->blocks[se->block].kind != LA_BLOCK_BOILERPLATE)
        return false;
    int k = d->blocks[se->block].boilerplate;
    return k == LA_BOILERPLATE_SHARE || k == LA_BOILERPLATE_SEARCH || k == LA_BOILERPLATE_COMMENT_FORM ||
           k == LA_BOILERPLATE_PAGER;
}

/* Hash of token k's text: a name's occurrences start with a token of its first word. */
static uint32_t token_hash(const la_doc *d, uint32_t k)
{
    return la__fnv1a32(d->text + d->tokens[k].start, d->tokens[k].end - d->tokens[k].start, LA__FNV32_SEED);
}

/* Chain (of 2^bits) of the tokens whose text has hash head. */
static uint32_t chain_of(uint32_t head, uint32_t bits)
{
    return (head * 0x9e3779b1u) >> (32 - bits);
}

/* Whether propagate looks for other occurrences of the mention's text. */
static bool scanned_for(const la__mention *m)
{
    return !is_number_label(m->label) && m->end - m->start >= 3 && !(m->lex && (m->lex->flags & LA__LEX_MATCH));
}

/* ---- counts of texts ---------------------------------------------------------------- */

/* A count per (text, tag), text a range of the document's bytes: an open-addressing table
 * sized once for the most keys it will hold, so that a name repeated many times is looked
 * up, not compared with every other mention. */
typedef struct text_slot {
    uint32_t start, len, tag, count;
    bool used;
} text_slot;
typedef struct text_counts {
    const char *text;
    text_slot *slot;
    size_t mask;
} text_counts;

static int counts_init(text_counts *c, const char *text, size_t keys)
{
    size_t n = 16;
    while (n < 2 * keys) /* at most half full: probes stay short and always end */
        n *= 2;
    c->text = text;
    c->mask = n - 1;
    c->slot = calloc(n, sizeof *c->slot);
    return c->slot ? LA_OK : LA_ENOMEM;
}

/* The slot of the text [start, start + len) with tag; when it has none, a new one (count
 * 0) if add, else NULL. */
static text_slot *counts_at(text_counts *c, uint32_t start, uint32_t len, uint32_t tag, bool add)
{
    const char *s = c->text + start;
    for (size_t h = la__fnv1a32(s, len, LA__FNV32_SEED ^ tag) & c->mask;; h = (h + 1) & c->mask) {
        text_slot *sl = &c->slot[h];
        if (!sl->used) {
            if (!add)
                return NULL;
            *sl = (text_slot){start, len, tag, 0, true};
            return sl;
        }
        if (sl->len == len && sl->tag == tag && !memcmp(c->text + sl->start, s, len))
            return sl;
    }
}

static uint32_t count_of(text_counts *c, uint32_t start, uint32_t len, uint32_t tag)
{
    const text_slot *sl = counts_at(c, start, len, tag, false);
    return sl ? sl->count : 0;
}

/* ---- title-case lines ------------------------------------------------------------------ */

/* Whether sentence s is in title case: three words or more, three in four of them
 * capitalised (a headline, a related article's link); the test of the tagger's title-case
 * sentence flag (features.c), on first letters. */
static bool title_case(const la_doc *d, uint32_t s)
{
    const la__sentence *se = &d->sentences[s];
    uint32_t words = 0, caps = 0;
    for (uint32_t k = se->first_token; k < se->first_token + se->token_count; k++) {
        char c = d->text[d->tokens[k].start];
        bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
        words += upper || lower;
        caps += upper;
    }
    return words >= 3 && caps * 4 >= words * 3;
}

/* Whether mention m lies in a title-case sentence; memo[s] caches sentence s's answer (0
 * not yet asked, 1 no, 2 yes), so that a long sentence with many names is read once. */
static bool in_title_case(const la_doc *d, const la__mention *m, uint8_t *memo)
{
    uint32_t s = d->tokens[m->first_token].sentence;
    if (!memo[s])
        memo[s] = title_case(d, s) ? 2 : 1;
    return memo[s] == 2;
}

/* Title case capitalises every word, and the tagger runs a name on over the words after
 * it ("NATO Plans Military Activity Boost In Iraq" -> ORG "NATO Plans Military Activity
 * Boost"). A mention of two words or more in such a line whose text the document never
 * names outside them is cut to its longest start that it does name there ("NATO", or
 * "Stoltenberg" as the last word of "Jens Stoltenberg"), with that mention's label, when
 * the first word let go is an ordinary one; the words let go are read again for lexicon
 * names and are free for propagation ("Warns US Over").
 * Without such evidence the mention stays: "US Army Corps of Engineers" may be a name. */
enum { TITLE_NAME_MAX = 12 }; /* longer runs are no headline's name: left alone, in bounded time */

static int cut_title_case_mentions(stage *st, uint8_t *dtaken)
{
    la_doc *d = st->doc;
    size_t n = st->out.n;
    text_counts named; /* the texts named outside title case; count holds the label + 1 */
    uint8_t *memo = calloc(d->n_sentences + 1, 1);
    if (!memo || counts_init(&named, d->text, 2 * n)) {
        free(memo);
        return LA_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const la__mention *m = &st->out.m[i];
        if (is_number_label(m->label) || in_title_case(d, m, memo))
            continue;
        text_slot *sl = counts_at(&named, m->start, m->end - m->start, 0, true);
        if (!sl->count)
            sl->count = m->label + 1u;
        if (m->label == LA__PERSON && m->token_count > 1) { /* "Jens Stoltenberg" names "Stoltenberg" */
            const la__token *last = &d->tokens[m->first_token + m->token_count - 1];
            sl = counts_at(&named, last->start, last->end - last->start, 0, true);
            if (!sl->count)
                sl->count = LA__PERSON + 1u;
        }
    }
    for (size_t i = 0; i < n; i++) {
        la__mention *m = &st->out.m[i];
        if (m->token_count < 2 || m->token_count > TITLE_NAME_MAX || is_number_label(m->label) ||
            (m->lex && (m->lex->flags & LA__LEX_MATCH)) ||
            !in_title_case(d, m, memo) || count_of(&named, m->start, m->end - m->start, 0))
            continue;
        for (uint32_t keep = m->token_count - 1; keep >= 1; keep--) {
            uint32_t end = d->tokens[m->first_token + keep - 1].end;
            uint32_t label = count_of(&named, m->start, end - m->start, 0);
            if (!label)
                continue;
            if (!common_word(st, m->first_token + keep, true))
                break;
            uint32_t from = m->first_token + keep, to = m->first_token + m->token_count;
            for (uint32_t k = from; k < to; k++)
                dtaken[k] = 0;
            m->end = end;
            m->token_count = keep;
            m->label = (uint8_t)(label - 1);
            m->lex = entry_of_kind(lookup(st, m->start, end), m->label);
            if (lexicon_scan(st, from, to, dtaken + from)) { /* m moves with the mentions */
                free(named.slot), free(memo);
                return LA_ENOMEM;
            }
            break;
        }
    }
    free(named.slot), free(memo);
    return LA_OK;
}

/* ---- propagation ---------------------------------------------------------------------- */

/* Whether propagate asks the other mentions if this one names a person. */
static bool voted_on(const la_doc *d, const la__mention *m)
{
    return m->label != LA__PERSON && !is_number_label(m->label) && !(m->lex && (m->lex->flags & LA__LEX_MATCH)) &&
           !(m->label == LA__ORG && !(m->first_token > 0 && tok_in(d, m->first_token - 1, TITLES)));
}

static const char *const HONORIFICS[] = {"Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Dr.", "Messrs.", "President",
                                         "Senator", "Sen.", "Rep.", "Gov.", "Governor", NULL};

/* Whether mention m follows "Mr." or "President": a person's name, whatever the tagger
 * says. */
static bool after_honorific(const la_doc *d, const la__mention *m)
{
    return m->first_token > 0 && tok_in(d, m->first_token - 1, HONORIFICS);
}

/* The votes on the first n mentions, counted once per text: tag LA__PERSON counts the
 * persons of two words or more spelled as the text or ending in it and the names after
 * an honorific, GIVEN those of them that open with a given name or follow an honorific,
 * any other tag the mentions spelled as the text with that label: up to three texts a
 * mention. */
#define GIVEN LA__LABEL_COUNT
static int count_votes(const stage *st, size_t n, text_counts *c)
{
    const la_doc *d = st->doc;
    if (counts_init(c, d->text, 3 * n))
        return LA_ENOMEM;
    for (size_t j = 0; j < n; j++) {
        const la__mention *p = &st->out.m[j];
        if (p->label != LA__PERSON && after_honorific(d, p)) {
            counts_at(c, p->start, p->end - p->start, LA__PERSON, true)->count++;
            counts_at(c, p->start, p->end - p->start, GIVEN, true)->count++;
            continue;
        }
        if (p->label != LA__PERSON) {
            counts_at(c, p->start, p->end - p->start, p->label, true)->count++;
            continue;
        }
        if (p->token_count < 2)
            continue;
        uint32_t last = d->tokens[p->first_token + p->token_count - 1].start;
        if (last <= p->end) {
            counts_at(c, last, p->end - last, LA__PERSON, true)->count++;
            if (given_name(st, p->first_token))
                counts_at(c, last, p->end - last, GIVEN, true)->count++;
        }
        if (last != p->start) /* one vote when the last word is the whole name */
            counts_at(c, p->start, p->end - p->start, LA__PERSON, true)->count++;
    }
    return LA_OK;
}

/* Whether m is a place only by the tagger's reading and a town of the gazetteer, whose
 * names many surnames share ("Obama", "Warren", "Garland"): then no number of its
 * mentions outvotes a person named so with a given name. */
static bool town_reading(const la__mention *m)
{
    return m->lex && (m->lex->flags & LA__LEX_TOWN) && !(m->lex->flags & LA__LEX_MATCH) && family(m->label) == 2;
}

/* Whether the votes make mention m a person's: persons ending in its name against
 * mentions of the name with its own label ("Lebed Chechnya" mistagged once does not make
 * every "Chechnya" a person), or a town's reading against a person with a given name. A
 * name after "Mr." or "President" is a person's whatever the votes. */
static bool voted_person(text_counts *c, const la_doc *d, const la__mention *m)
{
    uint32_t len = m->end - m->start;
    uint32_t for_person = count_of(c, m->start, len, LA__PERSON);
    if (for_person >= count_of(c, m->start, len, m->label) && for_person)
        return true;
    if (town_reading(m) && count_of(c, m->start, len, GIVEN))
        return true;
    return after_honorific(d, m);
}

/* Relabels the mentions the votes make persons'. All votes are taken on the labels as
 * the tagger gave them. */
static int relabel_persons(stage *st, size_t n)
{
    text_counts c;
    if (count_votes(st, n, &c))
        return LA_ENOMEM;
    uint8_t *relabel = calloc(n + 1, 1);
    if (!relabel) {
        free(c.slot);
        return LA_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const la__mention *m = &st->out.m[i];
        if (!voted_on(st->doc, m))
            continue;
        relabel[i] = voted_person(&c, st->doc, m);
    }
    for (size_t i = 0; i < n; i++)
        if (relabel[i]) {
            st->out.m[i].label = LA__PERSON;
            st->out.m[i].lex = NULL;
        }
    free(relabel), free(c.slot);
    return LA_OK;
}

/* Where each name may occur: the tokens that may start an occurrence are chained, in
 * document order, by the hash of their text (head) in a small hash table, so that a
 * name's candidates are the occurrences of its first word, not the whole document. */
typedef struct occurrences {
    uint32_t bits;
    uint32_t *head, *next, *sent_end, *chain;
} occurrences;
enum { NONE = UINT32_MAX };

static void occurrences_free(occurrences *o)
{
    free(o->head), free(o->next), free(o->sent_end), free(o->chain);
}

static int occurrences_init(occurrences *o, const la_doc *d)
{
    o->bits = 1;
    while (o->bits < 24 && (1u << o->bits) < d->n_tokens) /* about one chain per token */
        o->bits++;
    o->head = malloc((d->n_tokens + 1) * sizeof *o->head);
    o->next = malloc((d->n_tokens + 1) * sizeof *o->next);
    o->sent_end = malloc((d->n_tokens + 1) * sizeof *o->sent_end);
    o->chain = malloc(sizeof *o->chain << o->bits);
    if (!o->head || !o->next || !o->sent_end || !o->chain) {
        occurrences_free(o);
        return LA_ENOMEM;
    }
    for (uint32_t b = 0; b < 1u << o->bits; b++)
        o->chain[b] = NONE;
    for (size_t s = d->n_sentences; s-- > 0;) { /* backwards: each token goes in front */
        const la__sentence *se = &d->sentences[s];
        if (skip_sentence(d, se))
            continue;
        for (uint32_t k = se->first_token + se->token_count; k-- > se->first_token;) {
            o->head[k] = token_hash(d, k);
            o->sent_end[k] = se->first_token + se->token_count;
            uint32_t b = chain_of(o->head[k], o->bits);
            o->next[k] = o->chain[b];
            o->chain[b] = k;
        }
    }
    return LA_OK;
}

/* Adds m's label to every free occurrence of m's text (as many tokens as m), in document
 * order, and takes their tokens. */
static int add_occurrences(stage *st, const occurrences *o, la__mention m, uint8_t *dtaken)
{
    const la_doc *d = st->doc;
    uint32_t first_end = d->tokens[m.first_token].end < m.end ? d->tokens[m.first_token].end : m.end;
    uint32_t want = la__fnv1a32(d->text + m.start, first_end - m.start, LA__FNV32_SEED);
    for (uint32_t k = o->chain[chain_of(want, o->bits)]; k != NONE; k = o->next[k]) {
        uint32_t e = k + m.token_count - 1;
        if (o->head[k] != want || k + m.token_count > o->sent_end[k] || dtaken[k] || dtaken[e] ||
            d->tokens[e].end - d->tokens[k].start != m.end - m.start ||
            memcmp(d->text + d->tokens[k].start, d->text + m.start, m.end - m.start))
            continue;
        bool free_ = true;
        for (uint32_t q = k; q <= e; q++)
            free_ = free_ && !dtaken[q];
        if (!free_)
            continue;
        if (add(st, d->tokens[k].start, d->tokens[e].end, k, m.token_count, m.label, m.lex))
            return LA_ENOMEM;
        for (uint32_t q = k; q <= e; q++)
            dtaken[q] = 1;
    }
    return LA_OK;
}

/* Document-level consistency: a name the tagger gave as a person anywhere names that
 * person everywhere (short forms by last name), and every other occurrence of a name it
 * found, in content the tagger passed over, is a mention too. */
static int propagate(stage *st, uint8_t *dtaken)
{
    size_t n0 = st->out.n;
    if (relabel_persons(st, n0))
        return LA_ENOMEM;
    occurrences o;
    text_counts walked; /* the texts already looked for, tagged with their token counts */
    if (occurrences_init(&o, st->doc))
        return LA_ENOMEM;
    if (counts_init(&walked, st->doc->text, n0)) {
        occurrences_free(&o);
        return LA_ENOMEM;
    }
    int rc = LA_OK;
    for (size_t i = 0; i < n0 && !rc; i++) {
        la__mention m = st->out.m[i];
        if (!scanned_for(&m))
            continue;
        /* A second walk for the same text finds nothing: the first took every occurrence
         * it could, and taken tokens stay taken. */
        text_slot *sl = counts_at(&walked, m.start, m.end - m.start, m.token_count, true);
        if (sl->count++)
            continue;
        rc = add_occurrences(st, &o, m, dtaken);
    }
    occurrences_free(&o), free(walked.slot);
    return rc;
}

static int cmp_mention(const void *a, const void *b)
{
    const la__mention *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end > y->end ? -1 : x->end < y->end;
}
static int cmp_entity(const void *a, const void *b)
{
    const la__entity *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

int la__entities(la_doc *doc, const la_pipeline *p, la_error *err)
{
    if (!p->ner || !p->lexicon)
        return LA_OK;
    stage st = {doc, p, {NULL, 0, 0}, 0};
    size_t maxn = 0;
    for (size_t s = 0; s < doc->n_sentences; s++)
        if (doc->sentences[s].token_count > maxn)
            maxn = doc->sentences[s].token_count;
    const char **words = malloc((maxn + 1) * sizeof *words);
    uint32_t *lens = malloc((maxn + 1) * sizeof *lens);
    la__ner_span *spans = malloc((maxn + 1) * sizeof *spans);
    uint8_t *gaz = malloc(maxn + 1);
    uint8_t *dtaken = calloc(doc->n_tokens + 1, 1);
    int rc = words && lens && spans && gaz && dtaken ? LA_OK : LA_ENOMEM;
    for (size_t s = 0; s < doc->n_sentences && !rc; s++) {
        const la__sentence *se = &doc->sentences[s];
        if (skip_sentence(doc, se))
            continue;
        uint32_t sf = se->first_token, n = se->token_count;
        if (!n)
            continue;
        uint8_t *taken = dtaken + sf;
        st.n_sent = n;
        for (uint32_t i = 0; i < n; i++) {
            words[i] = doc->text + doc->tokens[sf + i].start;
            lens[i] = doc->tokens[sf + i].end - doc->tokens[sf + i].start;
        }
        size_t ns = 0;
        la__lexicon_gaz(p->lexicon, words, lens, n, gaz);
        if ((rc = la__ner_tag_gaz(p->ner, words, lens, gaz, n, spans, &ns)))
            break;
        ns = merge_particles(doc, sf, spans, ns);
        for (size_t k = 0; k < ns && !rc; k++)
            rc = tagger_span(&st, sf + spans[k].first, sf + spans[k].first + spans[k].count, spans[k].cls, taken, sf);
        if (!rc)
            rc = lexicon_scan(&st, sf, sf + n, taken);
        if (!rc)
            rc = la__numbers(doc, sf, sf + n, taken, &st.out);
    }
    free(words), free(lens), free(spans), free(gaz);
    if (!rc)
        rc = cut_title_case_mentions(&st, dtaken);
    if (!rc)
        rc = propagate(&st, dtaken);
    free(dtaken);
    if (!rc) {
        /* sorted, non-overlapping: the longer of overlapping mentions wins */
        if (st.out.n) /* qsort's base must not be NULL, even for no items */
            qsort(st.out.m, st.out.n, sizeof *st.out.m, cmp_mention);
        size_t k = 0;
        uint32_t last_end = 0;
        for (size_t i = 0; i < st.out.n; i++) {
            if (k && st.out.m[i].start < last_end) {
                free(st.out.m[i].value);
                continue;
            }
            last_end = st.out.m[i].end;
            st.out.m[k++] = st.out.m[i];
        }
        st.out.n = k;
        rc = assign_ids(&st);
        if (!rc && doc->n_entities)
            qsort(doc->entities, doc->n_entities, sizeof *doc->entities, cmp_entity);
    }
    for (size_t i = 0; i < st.out.n; i++)
        free(st.out.m[i].value);
    free(st.out.m);
    if (rc)
        return la__fail(err, rc, 0, "out of memory in the entities stage");
    return LA_OK;
}
