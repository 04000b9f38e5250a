/* Entity lexicons: parse the embedded lists (one C string per file, lines of
 * "surface\tLABEL\tid\tcanonical\tflags[\tcountry]") into an open-addressing hash table, plus the
 * user's JSON entries. Loading is one pass over ~1.7 MB, a few milliseconds. */
#include "entities/lexicon.h"
#include "util/hash.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char lex_base[] =
#include "model/lexicon-base.inc"
    ;
static const char lex_countries[] =
#include "model/lexicon-countries.inc"
    ;
static const char lex_places[] =
#include "model/lexicon-places.inc"
    ;

/* A hash slot keeps the surface's hash next to the entry index, so a probe rejects other
 * surfaces without touching the entry or its string (two cache misses per probe before). */
typedef struct lex_slot {
    uint32_t hash;
    uint32_t index;         /* entry index+1, 0 empty */
} lex_slot;

#define SEEN_SHIFT 14 /* seen[] is indexed by hash >> SEEN_SHIFT */

struct la__lexicon {
    la__lex_entry *e;
    size_t n, cap;
    lex_slot *slot;
    size_t nslot;
    /* One bit per value of a hash's top 18 bits, set for every surface: most lookups (the
     * tagger's gazetteer tries up to five spans per capitalised word) are misses, and this
     * 32 KB bitmap stays in cache where the table (1 MB for the embedded lists) does not. */
    uint64_t seen[(1u << (32 - SEEN_SHIFT)) / 64];
    char **buffers;         /* owned string storage */
    size_t nbuf, capbuf;
    unsigned max_tokens;
};

static uint32_t hash(const char *s, size_t n)
{
    return la__fnv1a32(s, n, LA__FNV32_SEED);
}

/* la__lexicon_find with h = hash(s, n) already computed. */
static const la__lex_entry *find_hashed(const la__lexicon *lex, const char *s, size_t n, uint32_t h)
{
    if (!lex || !lex->nslot || !n)
        return NULL;
    size_t mask = lex->nslot - 1;
    uint32_t b = h >> SEEN_SHIFT;
    if (!(lex->seen[b / 64] >> b % 64 & 1))
        return NULL; /* no surface has these top bits of the hash */
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        const lex_slot *sl = &lex->slot[i];
        if (!sl->index)
            return NULL;
        if (sl->hash != h)
            continue; /* a different surface: no need to read it */
        const la__lex_entry *e = &lex->e[sl->index - 1];
        if (!strncmp(e->surface, s, n) && e->surface[n] == '\0')
            return e;
    }
}

const la__lex_entry *la__lexicon_find(const la__lexicon *lex, const char *s, size_t n)
{
    return find_hashed(lex, s, n, hash(s, n));
}

unsigned la__lexicon_max_tokens(const la__lexicon *lex) { return lex ? lex->max_tokens : 0; }

/* Coarse tagger class of a lexicon label, or -1 (numbers, dates). */
static int gaz_class(int label)
{
    switch (label) {
    case LA__PERSON: return 0;
    case LA__ORG: return 1;
    case LA__GPE: case LA__LOC: case LA__FAC: return 2;
    case LA__NORP: case LA__EVENT: case LA__LAW: case LA__LANGUAGE: case LA__PRODUCT:
    case LA__WORK_OF_ART: return 3;
    default: return -1;
    }
}

#define GAZ_WINDOW 5

void la__lexicon_gaz(const la__lexicon *lex, const char *const *words, const uint32_t *lens, size_t n,
                     uint8_t *out)
{
    memset(out, 0, n);
    if (!lex || !lex->nslot)
        return;
    char buf[256];
    for (size_t i = 0; i < n;) {
        unsigned char c = lens[i] ? (unsigned char)words[i][0] : 0;
        if (!((c >= 'A' && c <= 'Z') || c >= 0x80)) {
            i++;
            continue;
        }
        /* the words from i joined by single spaces, as the lexicon spells entries; the
         * hash of each shorter span is a prefix of the longest's, so it is computed once */
        size_t end[GAZ_WINDOW], len = 0, k = 0;
        uint32_t h[GAZ_WINDOW];
        for (; k < GAZ_WINDOW && i + k < n; k++) {
            size_t from = len, need = len + (k ? 1 : 0) + lens[i + k];
            if (need > sizeof buf)
                break;
            if (k)
                buf[len++] = ' ';
            memcpy(buf + len, words[i + k], lens[i + k]);
            len += lens[i + k];
            end[k] = len;
            h[k] = k ? la__fnv1a32(buf + from, len - from, h[k - 1]) : hash(buf, len);
        }
        size_t hit = 0;
        int cls = -1;
        for (size_t m = k; m >= 1 && !hit; m--) {
            const la__lex_entry *e = find_hashed(lex, buf, end[m - 1], h[m - 1]);
            if (e && (cls = gaz_class(e->label)) >= 0)
                hit = m;
        }
        if (!hit) {
            i++;
            continue;
        }
        for (size_t q = 0; q < hit; q++)
            out[i + q] = (uint8_t)(1 + 2 * cls + (q > 0));
        i += hit;
    }
}

static unsigned count_tokens(const char *s)
{
    unsigned n = 1;
    for (; *s; s++)
        n += *s == ' ';
    return n;
}

/* Adds e unless its surface is there already (earlier sources take precedence). */
static int add(la__lexicon *lex, la__lex_entry e)
{
    size_t n = strlen(e.surface);
    if (!n || la__lexicon_find(lex, e.surface, n))
        return LA_OK;
    uint32_t h = hash(e.surface, n);
    if (LA__PUSH(lex->e, lex->n, lex->cap, e))
        return LA_ENOMEM;
    if (lex->n * 2 > lex->nslot) {
        size_t ns = lex->nslot ? lex->nslot * 2 : 1024;
        while (lex->n * 2 > ns)
            ns *= 2;
        lex_slot *slot = calloc(ns, sizeof *slot);
        if (!slot)
            return LA_ENOMEM;
        free(lex->slot);
        lex->slot = slot, lex->nslot = ns;
        for (size_t k = 0; k < lex->n; k++) {
            const char *sk = lex->e[k].surface;
            uint32_t hk = hash(sk, strlen(sk));
            size_t i = hk & (ns - 1);
            while (slot[i].index)
                i = (i + 1) & (ns - 1);
            slot[i] = (lex_slot){hk, (uint32_t)k + 1};
        }
    } else {
        size_t mask = lex->nslot - 1, i = h & mask;
        while (lex->slot[i].index)
            i = (i + 1) & mask;
        lex->slot[i] = (lex_slot){h, (uint32_t)lex->n};
    }
    uint32_t b = h >> SEEN_SHIFT;
    lex->seen[b / 64] |= 1ull << b % 64;
    if (e.flags & LA__LEX_MATCH) {
        unsigned t = count_tokens(e.surface);
        if (t > lex->max_tokens)
            lex->max_tokens = t;
    }
    return LA_OK;
}

static int keep(la__lexicon *lex, char *buf)
{
    if (LA__PUSH(lex->buffers, lex->nbuf, lex->capbuf, buf)) {
        free(buf);
        return LA_ENOMEM;
    }
    return LA_OK;
}

static int load_list(la__lexicon *lex, const char *src, size_t len)
{
    char *buf = la__strndup(src, len);
    if (!buf || keep(lex, buf))
        return LA_ENOMEM;
    char *p = buf, *end = buf + len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            nl = end;
        *nl = '\0';
        char *f[6] = {p, NULL, NULL, NULL, NULL, NULL};
        int nf = 1;
        for (char *q = p; *q && nf < 6; q++)
            if (*q == '\t') {
                *q = '\0';
                f[nf++] = q + 1;
            }
        int label = nf >= 5 ? la__label_from_name(f[1]) : -1;
        if (label >= 0) {
            unsigned flags = (strchr(f[4], 'm') ? LA__LEX_MATCH : 0) | (strchr(f[4], 'c') ? LA__LEX_COUNTRY : 0) |
                             (strchr(f[4], 't') ? LA__LEX_TOWN : 0);
            la__lex_entry e = {f[0], f[2], f[3], f[5], (uint8_t)label, (uint8_t)flags};
            if (add(lex, e))
                return LA_ENOMEM;
        }
        p = nl + 1;
    }
    return LA_OK;
}

static char *keep_str(la__lexicon *lex, const char *s)
{
    char *c = la__strndup(s, strlen(s));
    return c && !keep(lex, c) ? c : NULL;
}

static int load_user(la__lexicon *lex, const char *path, la_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return la__fail(err, LA_EIO, 0, "user entries %s: %s", path, strerror(errno));
    size_t cap = 4096, n = 0;
    char *data = malloc(cap);
    size_t r;
    while (data && (r = fread(data + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *d = realloc(data, cap *= 2);
            if (!d)
                free(data);
            data = d;
        }
    }
    fclose(f);
    if (!data)
        return la__fail(err, LA_ENOMEM, 0, "out of memory reading %s", path);
    cJSON *root = cJSON_ParseWithLength(data, n);
    free(data);
    int rc = LA_OK;
    if (!root || !cJSON_IsArray(root)) {
        rc = la__fail(err, LA_EFORMAT, 0, "user entries %s: %s", path,
                      root ? "the top level must be a JSON array of entries" : "not valid JSON");
        goto done;
    }
    int i = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, root) {
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(it, "name");
        const cJSON *label = cJSON_GetObjectItemCaseSensitive(it, "label");
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(it, "id");
        const cJSON *aliases = cJSON_GetObjectItemCaseSensitive(it, "aliases");
        int l = cJSON_IsString(label) ? la__label_from_name(label->valuestring) : -1;
        if (!cJSON_IsObject(it) || !cJSON_IsString(name) || !*name->valuestring || l < 0 ||
            (id && !cJSON_IsString(id)) || (aliases && !cJSON_IsArray(aliases))) {
            rc = la__fail(err, LA_EFORMAT, 0,
                          "user entries %s: entry %d needs a non-empty string \"name\", a known "
                          "\"label\" (PERSON, ORG, GPE, ...), and optionally a string \"id\" and an "
                          "array \"aliases\"", path, i);
            goto done;
        }
        char *canon = keep_str(lex, name->valuestring);
        char *sid = NULL;
        if (canon && id && *id->valuestring)
            sid = keep_str(lex, id->valuestring);
        else if (canon) {
            char *s = la__slug(canon, strlen(canon));
            sid = s && !keep(lex, s) ? s : NULL;
        }
        if (!canon || !sid) {
            rc = la__fail(err, LA_ENOMEM, 0, "out of memory for user entries");
            goto done;
        }
        la__lex_entry e = {canon, sid, canon, NULL, (uint8_t)l, LA__LEX_MATCH | LA__LEX_USER};
        if (add(lex, e)) {
            rc = la__fail(err, LA_ENOMEM, 0, "out of memory for user entries");
            goto done;
        }
        const cJSON *a;
        int j = 0;
        cJSON_ArrayForEach(a, aliases) {
            if (!cJSON_IsString(a) || !*a->valuestring) {
                rc = la__fail(err, LA_EFORMAT, 0, "user entries %s: entry %d alias %d is not a non-empty string",
                              path, i, j);
                goto done;
            }
            char *s = keep_str(lex, a->valuestring);
            e.surface = s;
            if (!s || add(lex, e)) {
                rc = la__fail(err, LA_ENOMEM, 0, "out of memory for user entries");
                goto done;
            }
            j++;
        }
        i++;
    }
done:
    cJSON_Delete(root);
    return rc;
}

int la__lexicon_load(la__lexicon **out, const char *user_path, la_error *err)
{
    *out = NULL;
    la__lexicon *lex = calloc(1, sizeof *lex);
    if (!lex)
        return la__fail(err, LA_ENOMEM, 0, "out of memory for the lexicon");
    int rc = user_path ? load_user(lex, user_path, err) : LA_OK;
    if (!rc && (load_list(lex, lex_base, sizeof lex_base - 1) ||
                load_list(lex, lex_countries, sizeof lex_countries - 1) ||
                load_list(lex, lex_places, sizeof lex_places - 1)))
        rc = la__fail(err, LA_ENOMEM, 0, "out of memory for the lexicon");
    if (rc) {
        la__lexicon_free(lex);
        return rc;
    }
    *out = lex;
    return LA_OK;
}

void la__lexicon_free(la__lexicon *lex)
{
    if (!lex)
        return;
    for (size_t i = 0; i < lex->nbuf; i++)
        free(lex->buffers[i]);
    free(lex->buffers);
    free(lex->e);
    free(lex->slot);
    free(lex);
}

char *la__slug(const char *s, size_t n)
{
    char *o = malloc(n + 2);
    if (!o)
        return NULL;
    size_t k = 0;
    bool gap = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (gap && k)
                o[k++] = '_';
            o[k++] = (char)c;
            gap = false;
        } else if (c == '\'' || (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                                 (unsigned char)s[i + 2] == 0x99)) {
            i += c == 0xE2 ? 2 : 0; /* apostrophes vanish: Shia' */
        } else if (c >= 0x80) {
            /* drop non-ASCII letters (diacritics come from transliteration) */
        } else
            gap = true;
    }
    if (!k)
        o[k++] = 'x';
    o[k] = '\0';
    return o;
}

static bool vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

size_t la__phonetic_key(const char *s, size_t n, char *out, size_t cap)
{
    char low[256];
    size_t m = 0;
    for (size_t i = 0; i < n && m < sizeof low - 1; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        if (c >= 'a' && c <= 'z')
            low[m++] = (char)c;
        else if (c == ' ' || c == '-')
            low[m++] = ' ';
    }
    low[m] = '\0';
    /* drop article particles: al-, el-, al ... */
    char *p = low;
    char tmp[256];
    size_t t = 0;
    while (*p) {
        while (*p == ' ')
            p++;
        char *w = p;
        while (*p && *p != ' ')
            p++;
        size_t wl = (size_t)(p - w);
        if ((wl == 2 && (!strncmp(w, "al", 2) || !strncmp(w, "el", 2) || !strncmp(w, "ad", 2) ||
                         !strncmp(w, "as", 2) || !strncmp(w, "ar", 2))) || wl == 0)
            continue;
        memcpy(tmp + t, w, wl);
        t += wl;
    }
    tmp[t] = '\0';
    size_t k = 0;
    char last = 0;
    for (size_t i = 0; i < t && k + 1 < cap; i++) {
        char c = tmp[i], nx = tmp[i + 1];
        if (c == 'd' && nx == 'h') { c = 'z'; i++; }
        else if (c == 't' && nx == 'h') { c = 's'; i++; }
        else if ((c == 'k' || c == 'g') && nx == 'h') { i++; }
        else if (c == 'p' && nx == 'h') { c = 'f'; i++; }
        else if (c == 's' && nx == 'h') { c = 'x'; i++; }
        else if (c == 'q' || c == 'c') c = 'k';
        else if (c == 'w') c = 'v';
        if (i > 0 && (vowel(c) || c == 'h'))
            continue;
        if (i == 0 && vowel(c))
            c = 'a';
        if (c == last)
            continue;
        out[k++] = c;
        last = c;
    }
    out[k] = '\0';
    return k;
}

unsigned la__edit_distance(const char *a, size_t na, const char *b, size_t nb)
{
    if (na > 63 || nb > 63)
        return 9;
    unsigned d[64], prev, cur;
    for (size_t j = 0; j <= nb; j++)
        d[j] = (unsigned)j;
    for (size_t i = 1; i <= na; i++) {
        prev = d[0];
        d[0] = (unsigned)i;
        for (size_t j = 1; j <= nb; j++) {
            cur = d[j];
            unsigned v = prev + (a[i - 1] != b[j - 1]);
            if (d[j] + 1 < v) v = d[j] + 1;
            if (d[j - 1] + 1 < v) v = d[j - 1] + 1;
            d[j] = v;
            prev = cur;
        }
    }
    return d[nb] > 9 ? 9 : d[nb];
}

/* ---- given names -------------------------------------------------------------------- */

/* Whether w[0..n) is a word of list (lower case), in any case. */
static bool word_in(const char *w, size_t n, const char *const *list)
{
    char first = (char)(w[0] >= 'A' && w[0] <= 'Z' ? w[0] - 'A' + 'a' : w[0]);
    for (; *list; list++)
        if ((*list)[0] == first && !strncasecmp(w, *list, n) && !(*list)[n])
            return true;
    return false;
}

/* Words that go with a name but are no given name of it. */
static const char *const NAME_SUFFIXES[] = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", NULL};
static const char *const NAME_PARTICLES[] = {"al", "el", "bin", "ibn", "bint", "abu", "ben", "van", "von",
                                             "de", "der", "da", "di", "du", "la", "le", NULL};
static const char *const NAME_TITLES[] = {
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "prof", "prof.", "professor", "sir", "lord",
    "lady", "dame", "sen", "sen.", "senator", "rep", "rep.", "gov", "gov.", "governor", "president", "former",
    "vice", "prime", "minister", "mayor", "gen", "gen.", "general", "col", "col.", "lt", "lt.", "capt", "capt.",
    "secretary", "judge", "justice", "sheikh", "shaikh", "imam", "ayatollah", "king", "queen", "prince",
    "princess", "speaker", "chairman", "ambassador", "pope", "first", "candidate", "nominee", NULL};

void la__given_names(const char *s, size_t n, la__given *out)
{
    const char *w[24];
    size_t len[24], nw = 0;
    for (size_t i = 0; i < n && nw < 24;) {
        while (i < n && s[i] == ' ')
            i++;
        size_t a = i;
        while (i < n && s[i] != ' ')
            i++;
        if (i > a)
            w[nw] = s + a, len[nw++] = i - a;
    }
    while (nw > 1 && word_in(w[nw - 1], len[nw - 1], NAME_SUFFIXES))
        nw--;
    nw = nw ? nw - 1 : 0; /* the last name */
    if (nw && word_in(w[nw - 1], len[nw - 1], NAME_PARTICLES))
        nw--;
    memset(out, 0, sizeof *out);
    for (size_t k = 0; k < nw && out->n < LA__GIVEN_MAX; k++) {
        if (word_in(w[k], len[k], NAME_TITLES))
            continue;
        out->key_len[out->n] = (uint8_t)la__phonetic_key(w[k], len[k], out->key[out->n], sizeof out->key[0]);
        if (!out->key_len[out->n])
            continue;
        out->at[out->n] = (size_t)(w[k] - s), out->len[out->n] = len[k];
        out->n++;
    }
}

/* Keys agree when equal, when one is an initial's (one letter: "J." or "Joe") that starts
 * the other, or from four letters when one edit apart. Not any prefix: "Ivana" (avn) is
 * not "Ivanka" (avnk). */
static bool given_word_agrees(const char *a, size_t na, const char *b, size_t nb)
{
    if (na == nb && !memcmp(a, b, na))
        return true;
    if ((na == 1 || nb == 1) && a[0] == b[0])
        return true;
    return na >= 4 && nb >= 4 && la__edit_distance(a, na, b, nb) <= 1;
}

/* Whether the given name before x's last name is one of y's. */
static bool last_given_in(const la__given *x, const la__given *y)
{
    unsigned last = x->n - 1;
    for (unsigned k = 0; k < y->n; k++)
        if (given_word_agrees(x->key[last], x->key_len[last], y->key[k], y->key_len[k]))
            return true;
    return false;
}

bool la__given_agree(const la__given *a, const la__given *b)
{
    return !a->n || !b->n || last_given_in(a, b) || last_given_in(b, a);
}
