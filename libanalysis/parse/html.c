/* HTML input: parse with libxml2, find the article, turn it into blocks of text.
 *
 * A pre-pass shrinks the page to what is read (no scripts, styles, comments, textless
 * elements or unread attributes; class/id/role replaced by their verdict). libxml2's
 * HTML parser then reports elements and text as SAX events, and no tree is built: the
 * walker keeps a stack of what each open element did (pages can nest 100,000 deep),
 * collects metadata and cuts the visible text into blocks at block-level elements. Each block gets a weight:
 * positive for prose (long, few links), negative for furniture (link lists, short
 * lines). The article is the block-level element whose subtree has the highest total
 * weight: going up adds furniture, going down loses prose. Its blocks, trimmed of
 * furniture at the edges, are the main text. */
#include "parse/html.h"
#include "parse/charset.h"

#include <cjson/cJSON.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <math.h>

#ifndef PURITY_EXP
#define PURITY_EXP 0.25
#endif

/* ---- growable byte buffer ----------------------------------------------------------- */

/* ---- tags ------------------------------------------------------------------------------ */

enum {
    T_BLOCK = 1 << 0,   /* starts and ends a block of text */
    T_DROP = 1 << 1,    /* never visible text (scripts, forms, site furniture) */
    T_LINK = 1 << 2,
    T_BREAK = 1 << 3,   /* <br>, <hr>: ends the current block */
    T_HEAD = 1 << 4,
    T_HEADING = 1 << 5,
    T_LIST = 1 << 6,    /* li, dt, dd */
    T_QUOTE = 1 << 7,
    T_PARA = 1 << 8,    /* <p>: prose by construction */
    T_PRE = 1 << 9,
    T_CAPTION = 1 << 10, /* figcaption, caption: not article prose */
    /* tags the walker treats specially, so it never compares names */
    T_META = 1 << 11,
    T_SCRIPT = 1 << 12,
    T_TITLE = 1 << 13,
    T_TIME = 1 << 14,
    T_H1 = 1 << 15,
    T_TOP = 1 << 16,    /* html, body */
    T_CELL = 1 << 17,   /* td, th */
    T_VOID = 1 << 18,   /* empty and never text: dropped before parsing */
    T_RAW = 1 << 19,    /* script, style, noscript: raw text, dropped before parsing */
};

typedef struct {
    const char *name;
    unsigned flags;
} tag_info;

/* Sorted by name for bsearch. Unknown tags (custom elements too) are inline. */
static const tag_info tags[] = {
    {"a", T_LINK},
    {"address", T_BLOCK},
    {"applet", T_DROP},
    {"area", T_DROP | T_VOID},
    {"article", T_BLOCK},
    {"aside", T_BLOCK | T_DROP},
    {"audio", T_DROP},
    {"base", T_DROP | T_VOID},
    {"blockquote", T_BLOCK | T_QUOTE},
    {"body", T_BLOCK | T_TOP},
    {"br", T_BREAK},
    {"button", T_DROP},
    {"canvas", T_DROP},
    {"caption", T_BLOCK | T_CAPTION},
    {"center", T_BLOCK},
    {"col", T_VOID},
    {"datalist", T_DROP},
    {"dd", T_BLOCK | T_LIST},
    {"details", T_BLOCK},
    {"dialog", T_DROP},
    {"dir", T_BLOCK},
    {"div", T_BLOCK},
    {"dl", T_BLOCK},
    {"dt", T_BLOCK | T_LIST},
    {"embed", T_DROP | T_VOID},
    {"fieldset", T_BLOCK},
    {"figcaption", T_BLOCK | T_CAPTION},
    {"figure", T_BLOCK | T_CAPTION},
    {"footer", T_BLOCK | T_DROP},
    {"form", T_BLOCK},
    {"frame", T_DROP},
    {"frameset", T_DROP},
    {"h1", T_BLOCK | T_HEADING | T_H1},
    {"h2", T_BLOCK | T_HEADING},
    {"h3", T_BLOCK | T_HEADING},
    {"h4", T_BLOCK | T_HEADING},
    {"h5", T_BLOCK | T_HEADING},
    {"h6", T_BLOCK | T_HEADING},
    {"head", T_HEAD},
    {"header", T_BLOCK | T_DROP},
    {"hgroup", T_BLOCK},
    {"hr", T_BREAK},
    {"html", T_BLOCK | T_TOP},
    {"iframe", T_DROP},
    {"img", T_VOID},
    {"input", T_DROP | T_VOID},
    {"legend", T_BLOCK},
    {"li", T_BLOCK | T_LIST},
    {"link", T_DROP | T_VOID},
    {"main", T_BLOCK},
    {"map", T_DROP},
    {"math", T_DROP},
    {"menu", T_BLOCK | T_DROP},
    {"meta", T_DROP | T_META},
    {"meter", T_DROP},
    {"nav", T_BLOCK | T_DROP},
    {"noembed", T_DROP},
    {"noframes", T_DROP},
    {"noscript", T_DROP | T_RAW},
    {"object", T_DROP},
    {"ol", T_BLOCK},
    {"optgroup", T_DROP},
    {"option", T_DROP},
    {"output", T_DROP},
    {"p", T_BLOCK | T_PARA},
    {"param", T_DROP | T_VOID},
    {"picture", T_DROP},
    {"pre", T_BLOCK | T_PRE},
    {"progress", T_DROP},
    {"script", T_DROP | T_SCRIPT | T_RAW},
    {"section", T_BLOCK},
    {"select", T_DROP},
    {"source", T_DROP | T_VOID},
    {"style", T_DROP | T_RAW},
    {"summary", T_BLOCK},
    {"svg", T_DROP},
    {"table", T_BLOCK},
    {"tbody", T_BLOCK},
    {"td", T_BLOCK | T_CELL},
    {"template", T_DROP},
    {"textarea", T_DROP},
    {"tfoot", T_BLOCK},
    {"th", T_BLOCK | T_CELL},
    {"thead", T_BLOCK},
    {"time", T_TIME},
    {"title", T_DROP | T_TITLE},
    {"tr", T_BLOCK},
    {"track", T_DROP | T_VOID},
    {"ul", T_BLOCK},
    {"video", T_DROP},
    {"wbr", T_VOID},
};

static int tag_cmp(const void *key, const void *item)
{
    return strcmp((const char *)key, ((const tag_info *)item)->name);
}

static unsigned tag_flags(const char *name)
{
    if (!name)
        return 0;
    const tag_info *t = bsearch(name, tags, sizeof tags / sizeof *tags, sizeof *tags, tag_cmp);
    return t ? t->flags : 0;
}

/* The flags of a tag name of n bytes in any case (the longest known name has 10). */
static unsigned tag_flags_n(const char *s, size_t n)
{
    char low[12];
    if (n == 0 || n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
    low[n] = '\0';
    return tag_flags(low);
}

/* Value of an attribute in a SAX list of name, value pairs: "" when it has no value,
 * NULL when absent. */
static const char *attr(const xmlChar **atts, const char *name)
{
    if (!atts)
        return NULL;
    for (size_t i = 0; atts[i]; i += 2)
        if (!strcasecmp((const char *)atts[i], name))
            return atts[i + 1] ? (const char *)atts[i + 1] : "";
    return NULL;
}

/* ---- class and id hints ------------------------------------------------------------- */

/* What a class, id or role says about an element: furniture (FURN), furniture that is
 * never the article (NEVER: comments, sharing, related links), or the article (GOOD). */
enum { HINT_NONE = 0, HINT_FURN = 1, HINT_NEVER = 2, HINT_GOOD = 3 };

/* Words in a class or id that name site furniture. Matched as substrings of a token
 * (so "social-share-bar" and "relatedStories" hit); the short ones are whole tokens. */
static const char *const furniture_sub[] = {
    "comment", "disqus", "share", "sharing", "social", "related", "sidebar", "footer",
    "newsletter", "promo", "advert", "sponsor", "outbrain", "taboola", "breadcrumb",
    "subscribe", "signup", "cookie", "popular", "recommend", "trending", "navbar",
    "navigation", "masthead", "toolbar", "pagination", "banner", "byline", "dateline",
    "skiplink", "readmore", "read-more", "more-stories", "morestories", "modal", "popup",
    "visually-hidden", "sr-only", "screen-reader", "gallery", "slideshow", "carousel",
    "lightbox", "caption", "donate", "donation", NULL};
static const char *const furniture_tok[] = {
    "ad", "ads", "nav", "menu", "tag", "tags", "bio", "aside", "rail",
    "tools", "utility", "kicker", "eyebrow", "header", "adunit", "adslot", "dfp", "meta",
    "author", "credit", "credits", "timestamp", "print", "login", "topics", "follow", NULL};
/* Words that mark the article itself; they protect an element from the lists above
 * unless the furniture word is one that is never article text (comments, sharing). */
static const char *const article_sub[] = {
    "articlebody", "article-body", "article_body", "storybody", "story-body", "story_body",
    "entry-content", "entrycontent", "post-content", "postcontent", "post-body",
    "postbody", "article-content", "articlecontent", "main-content", "maincontent",
    "article-text", "articletext", "story-text", "storytext", "body-text", "bodytext",
    "content-body", "richtext", "rich-text", NULL};
static const char *const never_article[] = {"comment", "disqus", "share", "sharing",
                                            "social", "related", "outbrain", "taboola",
                                            "newsletter", "recommend", NULL};

/* A word list with a filter on the first two letters of its words: most positions in
 * a class name start no word and are passed over with one bit test. */
typedef struct {
    const char *const *words;
    uint8_t pairs[26 * 26 / 8 + 1];
    uint8_t len[64];
} word_list;

static word_list furniture_sub_l = {furniture_sub, {0}, {0}}, article_sub_l = {article_sub, {0}, {0}},
                 never_article_l = {never_article, {0}, {0}};

static void index_words(word_list *l)
{
    for (int i = 0; l->words[i] && i < 64; i++) {
        l->len[i] = (uint8_t)strlen(l->words[i]);
        unsigned a = (unsigned char)l->words[i][0] - 'a', b = (unsigned char)l->words[i][1] - 'a';
        if (a < 26 && b < 26)
            l->pairs[(a * 26 + b) >> 3] |= (uint8_t)(1u << ((a * 26 + b) & 7));
    }
}

static void index_word_lists(void)
{
    index_words(&furniture_sub_l);
    index_words(&article_sub_l);
    index_words(&never_article_l);
}

/* Does one of the words (lower-case letters first) occur in s[0..n)? */
static bool has_sub(const char *s, size_t n, const word_list *l)
{
    for (size_t i = 0; i + 1 < n; i++) {
        unsigned a = (unsigned char)s[i] - 'a', b = (unsigned char)s[i + 1] - 'a';
        if (a >= 26 || b >= 26 || !(l->pairs[(a * 26 + b) >> 3] & (1u << ((a * 26 + b) & 7))))
            continue;
        for (int j = 0; l->words[j] && j < 64; j++) {
            const char *wd = l->words[j];
            if (wd[0] != s[i] || wd[1] != s[i + 1])
                continue;
            size_t m = l->len[j];
            if (m <= n - i && !memcmp(s + i, wd, m))
                return true;
        }
    }
    return false;
}

static bool has_tok(const char *s, size_t n, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (list[i][0] == s[0] && strlen(list[i]) == n && !memcmp(s, list[i], n))
            return true;
    return false;
}

/* Lower-cases v (vn bytes) into buf (truncated) and classifies each token of it. */
static int hint_of(const char *v, size_t vn, int *good)
{
    char buf[256];
    size_t n = 0;
    if (!v || !vn)
        return 0;
    for (size_t i = 0; i < vn && n + 1 < sizeof buf; i++)
        buf[n++] = (char)((v[i] >= 'A' && v[i] <= 'Z') ? v[i] + 32 : v[i]);
    buf[n] = '\0';
    if (has_sub(buf, n, &article_sub_l))
        *good = 1;
    int furniture = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n'))
            i++;
        size_t s = i;
        while (i < n && buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\n')
            i++;
        if (i == s)
            continue;
        const char *tok = buf + s;
        size_t len = i - s;
        /* whole tokens split further on - and _ for the short words */
        size_t k = 0;
        while (k < len) {
            size_t ps = k;
            while (k < len && tok[k] != '-' && tok[k] != '_')
                k++;
            if (has_tok(tok + ps, k - ps, furniture_tok))
                furniture |= 1;
            k++;
        }
        if (has_sub(tok, len, &furniture_sub_l))
            furniture |= 1;
        if (has_sub(tok, len, &never_article_l))
            furniture |= 2;
        if (len >= 10 && !strncmp(tok, "commentary", 10))
            furniture &= ~2; /* an opinion piece, not reader comments */
    }
    /* an embedded post or video the article quotes ("social-media-embed") */
    if (memmem(buf, n, "embed", 5))
        furniture = 0;
    return furniture;
}

/* A class, id or role value: where it is in the page, unquoted; NULL when absent. */
typedef struct {
    const char *p;
    size_t n;
} span;

static bool span_is(span v, const char *w) { return v.p && strlen(w) == v.n && !strncasecmp(v.p, w, v.n); }

static int classify(span cls, span id, span role)
{
    int good = 0;
    int f = hint_of(cls.p, cls.n, &good) | hint_of(id.p, id.n, &good);
    if (span_is(role, "navigation") || span_is(role, "complementary") || span_is(role, "banner") ||
        span_is(role, "contentinfo") || span_is(role, "menu") || span_is(role, "dialog"))
        f |= 2;
    if (f & 2)
        return HINT_NEVER;
    if (good)
        return HINT_GOOD;
    return f ? HINT_FURN : HINT_NONE;
}

static bool is_hidden(const xmlChar **atts)
{
    if (!atts)
        return false;
    if (attr(atts, "hidden"))
        return true;
    const char *v = attr(atts, "aria-hidden");
    if (v && !strcasecmp(v, "true"))
        return true;
    v = attr(atts, "style");
    if (v) {
        char buf[128];
        size_t k = 0;
        for (; *v && k + 1 < sizeof buf; v++)
            if (*v != ' ')
                buf[k++] = (char)((*v >= 'A' && *v <= 'Z') ? *v + 32 : *v);
        buf[k] = '\0';
        if (strstr(buf, "display:none") || strstr(buf, "visibility:hidden"))
            return true;
    }
    return false;
}

/* ---- metadata --------------------------------------------------------------------- */

enum { M_TITLE, M_BYLINE, M_PUBLISHER, M_DATE };
enum { PRI_LEVELS = 4 };

/* Candidates per field and priority (0 best); the first value seen at a level stays. */
typedef struct {
    char *v[4][PRI_LEVELS];
    char *title_tag;   /* <title>, kept apart: it needs the site name cut off */
    char *h1;          /* first <h1> on the page */
} meta_set;

static void meta_free(meta_set *m)
{
    for (int f = 0; f < 4; f++)
        for (int p = 0; p < PRI_LEVELS; p++)
            free(m->v[f][p]);
    free(m->title_tag);
    free(m->h1);
}

/* Collapses white space and trims; returns a malloc'd copy, or NULL for empty text. */
static char *clean_dup(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t k = 0;
    bool space = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            space = true;
            continue;
        }
        if (c == 0)
            break;
        if (space && k)
            out[k++] = ' ';
        space = false;
        out[k++] = (char)c;
    }
    out[k] = '\0';
    if (!k) {
        free(out);
        return NULL;
    }
    return out;
}

static void meta_set_val(meta_set *m, int field, int pri, const char *s)
{
    if (!s || m->v[field][pri])
        return;
    m->v[field][pri] = clean_dup(s, strlen(s));
}

/* <meta name|property|itemprop=... content=...>: the usual names for our four fields. */
static void meta_tag(meta_set *m, const xmlChar **atts)
{
    const char *key = attr(atts, "property");
    if (!key)
        key = attr(atts, "name");
    if (!key)
        key = attr(atts, "itemprop");
    const char *val = attr(atts, "content");
    if (!key || !val || !*val)
        return;
    static const struct { const char *key; int field, pri; } map[] = {
        {"og:title", M_TITLE, 0}, {"twitter:title", M_TITLE, 2}, {"headline", M_TITLE, 1},
        {"dc.title", M_TITLE, 2}, {"sailthru.title", M_TITLE, 2},
        {"author", M_BYLINE, 1}, {"article:author", M_BYLINE, 2}, {"byl", M_BYLINE, 2},
        {"dc.creator", M_BYLINE, 2}, {"sailthru.author", M_BYLINE, 2},
        {"parsely-author", M_BYLINE, 2}, {"twitter:creator", M_BYLINE, 3},
        {"og:site_name", M_PUBLISHER, 0}, {"application-name", M_PUBLISHER, 2},
        {"publisher", M_PUBLISHER, 2}, {"dc.publisher", M_PUBLISHER, 2},
        {"article:published_time", M_DATE, 0}, {"datepublished", M_DATE, 1},
        {"og:published_time", M_DATE, 1}, {"pubdate", M_DATE, 1}, {"publishdate", M_DATE, 1},
        {"publish-date", M_DATE, 1}, {"article.published", M_DATE, 1},
        {"dc.date.issued", M_DATE, 1}, {"dc.date", M_DATE, 2}, {"date", M_DATE, 2},
        {"sailthru.date", M_DATE, 2}, {"parsely-pub-date", M_DATE, 1},
        {"article:modified_time", M_DATE, 3}, {"datecreated", M_DATE, 2},
        {"dcterms.created", M_DATE, 2}, {"og:article:published_time", M_DATE, 0},
    };
    for (size_t i = 0; i < sizeof map / sizeof *map; i++) {
        if (!strcasecmp(key, map[i].key)) {
            if (map[i].field == M_BYLINE && (!strncmp(val, "http", 4) || strchr(val, '@')))
                return; /* a profile URL or handle, not a name */
            meta_set_val(m, map[i].field, map[i].pri, val);
            return;
        }
    }
}

/* Text of a JSON-LD value that may be a string, an object with "name", or an array of
 * those (authors); names are joined with ", ". */
static void ld_names(const cJSON *v, la__buf *out)
{
    const cJSON *items[16];
    int n = 0;
    if (cJSON_IsArray(v)) {
        const cJSON *it;
        cJSON_ArrayForEach(it, v) if (n < 16) items[n++] = it;
    } else if (v) {
        items[n++] = v;
    }
    for (int i = 0; i < n; i++) {
        const cJSON *it = items[i];
        const char *s = NULL;
        if (cJSON_IsString(it))
            s = it->valuestring;
        else if (cJSON_IsObject(it))
            s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(it, "name"));
        if (!s || !*s || !strncmp(s, "http", 4))
            continue;
        if (out->len)
            la__buf_put(out, ", ", 2);
        la__buf_put(out, s, strlen(s));
    }
}

static bool ld_is_article(const cJSON *obj)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(obj, "@type");
    const cJSON *items[8];
    int n = 0;
    if (cJSON_IsArray(t)) {
        const cJSON *it;
        cJSON_ArrayForEach(it, t) if (n < 8) items[n++] = it;
    } else if (t) {
        items[n++] = t;
    }
    for (int i = 0; i < n; i++) {
        const char *s = cJSON_GetStringValue(items[i]);
        if (!s)
            continue;
        size_t len = strlen(s);
        if ((len >= 7 && !strcmp(s + len - 7, "Article")) ||
            (len >= 7 && !strcmp(s + len - 7, "Posting")) || !strcmp(s, "Report"))
            return true;
    }
    return false;
}

static void ld_article(meta_set *m, const cJSON *obj)
{
    const char *headline = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(obj, "headline"));
    meta_set_val(m, M_TITLE, 1, headline);
    la__buf names = {0};
    ld_names(cJSON_GetObjectItemCaseSensitive(obj, "author"), &names);
    if (names.len && !names.failed)
        meta_set_val(m, M_BYLINE, 0, names.p);
    free(names.p);
    const char *date = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(obj, "datePublished"));
    if (!date)
        date = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(obj, "dateCreated"));
    meta_set_val(m, M_DATE, 0, date);
    const cJSON *pub = cJSON_GetObjectItemCaseSensitive(obj, "publisher");
    if (cJSON_IsArray(pub))
        pub = cJSON_GetArrayItem(pub, 0);
    if (cJSON_IsObject(pub))
        meta_set_val(m, M_PUBLISHER, 1, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pub, "name")));
    else
        meta_set_val(m, M_PUBLISHER, 1, cJSON_GetStringValue(pub));
}

/* Walks a JSON-LD script (objects, arrays, @graph) with an explicit stack. */
static void ld_json(meta_set *m, const char *text)
{
    cJSON *root = cJSON_Parse(text);
    if (!root)
        return;
    const cJSON *stack[64];
    int sp = 0;
    stack[sp++] = root;
    while (sp) {
        const cJSON *v = stack[--sp];
        if (cJSON_IsObject(v) && ld_is_article(v))
            ld_article(m, v);
        if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
            const cJSON *it;
            cJSON_ArrayForEach(it, v) {
                if ((cJSON_IsArray(it) || cJSON_IsObject(it)) && sp < 64)
                    stack[sp++] = it;
            }
        }
    }
    cJSON_Delete(root);
}

/* ---- dates ------------------------------------------------------------------------ */

static int month_of(const char *s, size_t n)
{
    static const char *const names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec"};
    if (n < 3)
        return 0;
    for (int i = 0; i < 12; i++)
        if (!strncasecmp(s, names[i], 3))
            return i + 1;
    return 0;
}

static bool valid_ymd(int y, int mo, int d) { return y >= 1900 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31; }

/* Reads the number at s[*i] (at most 4 digits). */
static int read_num(const char *s, size_t *i, int *digits)
{
    int v = 0, k = 0;
    while (s[*i] >= '0' && s[*i] <= '9' && k < 5) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        k++;
    }
    *digits = k;
    return v;
}

/* Normalises a date in any of the common forms ("2019-11-19T13:03Z", "2019/11/19",
 * "November 19, 2019", "19 Nov 2019", "Tue, 19 Nov 2019 ...") to YYYY-MM-DD. */
static bool norm_date(const char *s, char out[11])
{
    int nums[6], dig[6], nn = 0, month = 0, y = 0, mo = 0, d = 0;
    size_t i = 0;
    while (s[i] && nn < 6) {
        if (s[i] >= '0' && s[i] <= '9') {
            nums[nn] = read_num(s, &i, &dig[nn]);
            nn++;
        } else if ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z') {
            size_t st = i;
            while (((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z'))
                i++;
            if (!month && i - st >= 3 && i - st <= 9)
                month = month_of(s + st, i - st);
            if (s[st] == 'T' && i - st == 1 && nn >= 3)
                break; /* ISO time follows */
        } else {
            i++;
        }
    }
    if (nn >= 3 && dig[0] == 4) {          /* 2019-11-19 */
        y = nums[0], mo = nums[1], d = nums[2];
    } else if (nn == 1 && dig[0] == 8) {   /* 20191119 */
        y = nums[0] / 10000, mo = nums[0] / 100 % 100, d = nums[0] % 100;
    } else if (month && nn >= 2) {         /* November 19, 2019 / 19 Nov 2019 */
        mo = month;
        for (int k = 0; k < nn; k++) {
            if (dig[k] == 4 && !y)
                y = nums[k];
            else if (dig[k] <= 2 && !d)
                d = nums[k];
        }
    } else if (nn >= 3 && dig[2] == 4) {   /* 11/19/2019 (US order unless impossible) */
        y = nums[2], mo = nums[0], d = nums[1];
        if (mo > 12)
            mo = nums[1], d = nums[0];
    }
    if (!valid_ymd(y, mo, d))
        return false;
    snprintf(out, 11, "%04d-%02d-%02d", y, mo, d);
    return true;
}

/* ---- blocks ----------------------------------------------------------------------- */

enum { TAG_CACHE = 64, HINT_CACHE = 256 };

typedef struct {
    int32_t parent;          /* index into the element array, -1 at the top */
    uint32_t first_block, end_block;
    double net;              /* total weight of the blocks in the subtree */
    double pos;              /* the positive part of net */
    unsigned flags;          /* T_* of the tag */
    double chars;            /* characters of text in the subtree */
    uint8_t hint;            /* HINT_* from class, id and role */
    bool out;                /* inside the article but furniture (after selection) */
    bool never;              /* inside comments, sharing or related links */
} elem;

typedef struct {
    uint32_t off, len;        /* in the scratch buffer */
    uint32_t chars, link_chars;
    int32_t el;               /* innermost block-level element */
    uint8_t kind;             /* la_block_kind */
    bool para, caption;
    bool teaser;              /* ends cut off with an ellipsis */
    bool cell;                /* in a table cell */
    double w;
} rblock;

typedef struct {
    la__buf scratch;            /* the text of every block, back to back */
    elem *els;
    size_t n_els, cap_els;
    rblock *blocks;
    size_t n_blocks, cap_blocks;
    int32_t cur_el;          /* innermost open block-level element */
    uint32_t block_start;    /* scratch offset of the open block */
    uint32_t chars, link_chars;
    bool pending_space;
    int link_depth, head_depth;
    meta_set meta;
    bool use_hints;          /* read class and id names */
    bool oom;
    /* parser state: libxml2 reports elements and text as SAX events, no tree is built */
    uint8_t *open;           /* per open element: what entering it did (OPEN_*) */
    size_t n_open, cap_open;
    uint32_t skip;           /* depth inside a skipped subtree (script, nav, hidden), 0 outside */
    la__buf run;             /* text since the last tag, added as one piece */
    int raw_kind;            /* RAW_TITLE or RAW_SCRIPT: the skipped element whose text is kept */
    la__buf raw;             /* its text */
    size_t h1_level;         /* n_open inside the first <h1> while it is open, else 0 */
    la__buf h1;              /* its text */
    struct { const xmlChar *name; unsigned flags; } tag_cache[TAG_CACHE];
    struct { uint64_t key; uint8_t hint; } hint_cache[HINT_CACHE];
} walker;

enum { OPEN_ELEM = 1, OPEN_HEAD = 2, OPEN_LINK = 4, OPEN_H1 = 8 };
enum { RAW_NONE, RAW_TITLE, RAW_SCRIPT };

/* Text cut off with an ellipsis ("...", "\xE2\x80\xA6", "[...]"): how "more stories"
 * rails and breaking-news tickers show the start of other articles. Article
 * paragraphs almost never end so (4 of 2,435 in the evaluation pages). */
static bool ends_cut_off(const char *s, uint32_t len)
{
    while (len && (s[len - 1] == ' ' || s[len - 1] == ']'))
        len--;
    return (len >= 3 && !memcmp(s + len - 3, "...", 3)) ||
           (len >= 3 && !memcmp(s + len - 3, "\xE2\x80\xA6", 3));
}

/* Closes the open block: keeps it when it has any text. */
static void close_block(walker *w)
{
    size_t len = w->scratch.len - w->block_start;
    w->pending_space = false;
    if (!len) {
        w->chars = w->link_chars = 0;
        return;
    }
    rblock b = {0};
    b.off = w->block_start;
    b.len = (uint32_t)len;
    b.chars = w->chars;
    b.link_chars = w->link_chars > w->chars ? w->chars : w->link_chars;
    b.el = w->cur_el;
    b.kind = LA_BLOCK_PARAGRAPH;
    b.teaser = ends_cut_off(w->scratch.p + b.off, b.len);
    /* the kind comes from the nearest enclosing heading, list item or quote */
    int32_t e = w->cur_el;
    for (int up = 0; e >= 0 && up < 6; up++, e = w->els[e].parent) {
        unsigned f = w->els[e].flags;
        if (f & T_PARA)
            b.para = true;
        if (f & T_CAPTION)
            b.caption = true;
        if (f & T_CELL)
            b.cell = true;
        if (b.kind == LA_BLOCK_PARAGRAPH) {
            if (f & T_HEADING)
                b.kind = LA_BLOCK_HEADING;
            else if (f & T_LIST)
                b.kind = LA_BLOCK_LIST_ITEM;
            else if (f & T_QUOTE)
                b.kind = LA_BLOCK_QUOTE;
        }
    }
    if (LA__PUSH(w->blocks, w->n_blocks, w->cap_blocks, b))
        w->oom = true;
    w->block_start = (uint32_t)w->scratch.len;
    w->chars = w->link_chars = 0;
}

/* Text that is markup a page escaped or a parser left as text (<img ...> inside a
 * <noscript> or an iframe fallback): never what a reader sees. */
static bool looks_like_markup(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'))
        i++;
    if (n - i < 2 || s[i] != '<' || !((s[i + 1] | 32) >= 'a' && (s[i + 1] | 32) <= 'z'))
        return false;
    while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    return s[n - 1] == '>';
}

/* Appends text to the open block: white space collapsed, invisible characters
 * (soft hyphen, zero-width space, BOM) removed, NBSP as a space, bad UTF-8 as U+FFFD.
 * Writes straight into the scratch buffer, reserved for the worst case (each byte
 * becoming U+FFFD). */
static void add_text(walker *w, const unsigned char *s, size_t n)
{
    la__buf *b = &w->scratch;
    uint32_t chars = 0;
    if (looks_like_markup(s, n))
        return;
    if (n > SIZE_MAX / 4 || !la__buf_reserve(b, 3 * n + 1)) {
        w->oom = true;
        return;
    }
    char *o = b->p + b->len;
    const char *block = b->p + w->block_start;
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            w->pending_space = true;
            i++;
            continue;
        }
        size_t k = c < 0x80 ? 1 : la__utf8_seq_len(s + i, n - i);
        if (k == 2 && c == 0xC2 && s[i + 1] == 0xA0) {
            w->pending_space = true;
            i += 2;
            continue;
        }
        if ((k == 2 && c == 0xC2 && s[i + 1] == 0xAD) ||
            (k == 3 && c == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0x8B || s[i + 2] == 0x8C || s[i + 2] == 0x8D)) ||
            (k == 3 && c == 0xEF && s[i + 1] == 0xBB && s[i + 2] == 0xBF) || (k == 1 && c < 0x20)) {
            i += k;
            continue;
        }
        if (w->pending_space && o > block) {
            *o++ = ' ';
            chars++;
        }
        w->pending_space = false;
        if (k == 0) {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
            chars++;
            i++;
        } else if (k == 1) { /* a run of visible ASCII in one go */
            size_t j = i + 1;
            while (j < n && s[j] > 0x20 && s[j] < 0x80)
                j++;
            memcpy(o, s + i, j - i);
            o += j - i;
            chars += (uint32_t)(j - i);
            i = j;
        } else {
            memcpy(o, s + i, k);
            o += k;
            /* a CJK character carries about as much as a short word: weigh it so */
            chars += (k == 3 && c >= 0xE3 && c <= 0xED) ? 3 : 1;
            i += k;
        }
    }
    b->len = (size_t)(o - b->p);
    b->p[b->len] = '\0';
    w->chars += chars;
    if (w->link_depth > 0)
        w->link_chars += chars;
}

static int32_t open_elem(walker *w, unsigned flags, int hint)
{
    close_block(w);
    elem e = {w->cur_el, (uint32_t)w->n_blocks, 0, 0.0, 0.0, flags, 0.0, (uint8_t)hint, false, false};
    if (LA__PUSH(w->els, w->n_els, w->cap_els, e)) {
        w->oom = true;
        return -1;
    }
    w->cur_el = (int32_t)(w->n_els - 1);
    return w->cur_el;
}

/* A skipped element whose text is still wanted: the page <title>, a JSON-LD script. */
static void start_raw(walker *w, unsigned flags, const xmlChar **atts)
{
    w->raw_kind = RAW_NONE;
    w->raw.len = 0;
    if ((flags & T_TITLE) && !w->meta.title_tag) {
        w->raw_kind = RAW_TITLE;
    } else if (flags & T_SCRIPT) {
        const char *type = attr(atts, "type");
        if (type && strstr(type, "ld+json"))
            w->raw_kind = RAW_SCRIPT;
    }
}

static void end_raw(walker *w)
{
    if (w->raw.p && !w->raw.failed) {
        if (w->raw_kind == RAW_SCRIPT)
            ld_json(&w->meta, w->raw.p);
        else if (w->raw_kind == RAW_TITLE && !w->meta.title_tag)
            w->meta.title_tag = clean_dup(w->raw.p, w->raw.len);
    }
    w->raw_kind = RAW_NONE;
    w->raw.len = 0;
}

/* Tag flags by name. libxml2 hands out names from its dictionary, one pointer per
 * name, so a small cache keyed by the pointer spares most lookups. */
static unsigned walker_tag_flags(walker *w, const xmlChar *name)
{
    size_t slot = ((uintptr_t)name >> 3) % TAG_CACHE;
    if (w->tag_cache[slot].name != name) {
        w->tag_cache[slot].name = name;
        w->tag_cache[slot].flags = tag_flags((const char *)name);
    }
    return w->tag_cache[slot].flags;
}

/* The hint the pre-pass worked out from class, id and role (see tag_hint). */
static int class_hint(const xmlChar **atts)
{
    const char *h = attr(atts, "h");
    return h && h[0] >= '1' && h[0] <= '3' && !h[1] ? h[0] - '0' : HINT_NONE;
}

/* Visits an element on the way down. Returns what it did (OPEN_*), to be undone when
 * the element ends; sets w->skip when the element and its subtree are not text. */
static unsigned enter(walker *w, unsigned flags, const xmlChar **atts)
{
    if (flags & T_DROP) {
        if (flags & T_META)
            meta_tag(&w->meta, atts);
        else
            start_raw(w, flags, atts);
        if (flags & T_BLOCK)
            close_block(w);
        w->skip = 1;
        return 0;
    }
    if (flags & T_HEAD) {
        w->head_depth++;
        return OPEN_HEAD;
    }
    if (w->head_depth)
        return 0; /* <head> content other than meta/title/script: no text */
    unsigned did = 0;
    if ((flags & T_TIME) && !w->meta.v[M_DATE][2]) {
        const char *dt = attr(atts, "datetime");
        if (dt)
            meta_set_val(&w->meta, M_DATE, 2, dt);
    }
    if (is_hidden(atts)) {
        if (flags & T_BLOCK)
            close_block(w);
        w->skip = 1;
        return 0;
    }
    if ((flags & T_H1) && !w->meta.h1 && !w->h1_level)
        did |= OPEN_H1;
    if (flags & T_BREAK) {
        close_block(w);
        return did;
    }
    if (flags & T_LINK) {
        w->link_depth++;
        did |= OPEN_LINK;
    }
    if (flags & T_BLOCK) {
        int hint = ((flags & T_TOP) || !w->use_hints) ? HINT_NONE : class_hint(atts);
        if (open_elem(w, flags, hint) >= 0)
            did |= OPEN_ELEM;
    }
    return did;
}

/* Undoes what entering an element did. */
static void leave(walker *w, unsigned did)
{
    if (did & OPEN_HEAD)
        w->head_depth--;
    if (did & OPEN_LINK)
        w->link_depth--;
    if ((did & OPEN_ELEM) && w->cur_el >= 0) {
        close_block(w);
        w->els[w->cur_el].end_block = (uint32_t)w->n_blocks;
        w->cur_el = w->els[w->cur_el].parent;
    }
    if (did & OPEN_H1) {
        w->meta.h1 = w->h1.p ? clean_dup(w->h1.p, w->h1.len) : NULL;
        w->h1_level = 0;
    }
}

/* The text since the last tag, as one piece (libxml2 hands entities and long runs
 * over separately). */
static void flush_text(walker *w)
{
    if (w->run.len) {
        add_text(w, (const unsigned char *)w->run.p, w->run.len);
        w->run.len = 0;
    }
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    walker *w = ctx;
    if (w->oom)
        return;
    if (w->skip) {
        w->skip++;
        return;
    }
    flush_text(w);
    unsigned did = enter(w, walker_tag_flags(w, name), atts);
    if (w->skip)
        return;
    if (LA__PUSH(w->open, w->n_open, w->cap_open, (uint8_t)did)) {
        w->oom = true;
        return;
    }
    if (did & OPEN_H1) {
        w->h1_level = w->n_open;
        w->h1.len = 0;
    }
}

static void on_end(void *ctx, const xmlChar *name)
{
    walker *w = ctx;
    (void)name;
    if (w->oom)
        return;
    if (w->skip) {
        if (--w->skip == 0)
            end_raw(w);
        return;
    }
    flush_text(w);
    if (w->n_open)
        leave(w, w->open[--w->n_open]);
}

static void on_text(void *ctx, const xmlChar *s, int n)
{
    walker *w = ctx;
    if (w->oom || n <= 0)
        return;
    if (w->skip) {
        if (w->raw_kind != RAW_NONE && w->skip == 1)
            la__buf_put(&w->raw, s, (size_t)n);
        return;
    }
    if (w->head_depth)
        return;
    la__buf_put(&w->run, s, (size_t)n);
    if (w->h1_level)
        la__buf_put(&w->h1, s, (size_t)n);
    if (w->run.failed)
        w->oom = true;
}

/* After the parser: elements it left open end here. */
static void finish_walk(walker *w)
{
    if (w->skip) {
        w->skip = 0;
        end_raw(w);
    }
    flush_text(w);
    while (w->n_open && !w->oom)
        leave(w, w->open[--w->n_open]);
    close_block(w);
    /* elements still open (only after running out of memory) end here */
    while (w->cur_el >= 0) {
        w->els[w->cur_el].end_block = (uint32_t)w->n_blocks;
        w->cur_el = w->els[w->cur_el].parent;
    }
}

/* ---- choosing the article --------------------------------------------------------- */

static bool ends_sentence(const char *s, uint32_t len)
{
    while (len && (s[len - 1] == ' '))
        len--;
    if (!len)
        return false;
    unsigned char c = (unsigned char)s[len - 1];
    if (c == '.' || c == '!' || c == '?' || c == '"' || c == ':' || c == ')')
        return true;
    if (len < 3)
        return false;
    unsigned a = (unsigned char)s[len - 3], b = (unsigned char)s[len - 2];
    /* closing curly quotes and the ellipsis: U+2019, U+201D, U+2026 */
    if (a == 0xE2 && b == 0x80 && (c == 0x99 || c == 0x9D || c == 0xA6))
        return true;
    /* CJK full stop and closing brackets: U+3002, U+300D, U+300F */
    if (a == 0xE3 && b == 0x80 && (c == 0x82 || c == 0x8D || c == 0x8F))
        return true;
    /* fullwidth ! ? ) : U+FF01, U+FF1F, U+FF09 */
    return a == 0xEF && b == 0xBC && (c == 0x81 || c == 0x9F || c == 0x89);
}

static double link_density(const rblock *b) { return b->chars ? (double)b->link_chars / b->chars : 0.0; }

/* Several sentences, even when links cover most of them (news round-ups link their
 * lead sentences); menus and link lists do not end in sentence punctuation. */
static bool linked_sentences(const walker *w, const rblock *b)
{
    if (b->chars < 80 || link_density(b) > 0.9)
        return false;
    const char *s = w->scratch.p + b->off;
    if (!ends_sentence(s, b->len))
        return false;
    for (uint32_t i = 1; i + 2 < b->len; i++)
        if ((s[i] == '.' || s[i] == '?' || s[i] == '!') && s[i + 1] == ' ' && s[i + 2] >= 'A' && s[i + 2] <= 'Z' &&
            s[i - 1] >= 'a' && s[i - 1] <= 'z')
            return true;
    return false;
}

/* Prose: long enough, or a sentence in a <p>, and not mostly links. */
static bool is_prose(const walker *w, const rblock *b)
{
    if (b->kind == LA_BLOCK_HEADING || b->caption || (b->teaser && !b->para))
        return false;
    /* a paragraph keeps its prose even when it carries many links */
    if (b->para && b->chars - b->link_chars >= 150)
        return true;
    if (link_density(b) > 0.35)
        return linked_sentences(w, b);
    if (b->chars >= 100)
        return true;
    return b->para && b->chars >= 30 && ends_sentence(w->scratch.p + b->off, b->len);
}

static bool is_furniture(uint8_t hint) { return hint == HINT_FURN || hint == HINT_NEVER; }

/* A section that opens with a heading whose class names comments, sharing or related
 * links ("relatedposts-title") is that section, whatever its own class says. */
static void introduced_sections(walker *w)
{
    for (size_t i = 0; i < w->n_els; i++) {
        const elem *e = &w->els[i];
        if (!(e->flags & T_HEADING) || e->hint != HINT_NEVER || e->parent < 0)
            continue;
        elem *p = &w->els[e->parent];
        if (p->first_block == e->first_block && !(p->flags & T_TOP) && p->hint != HINT_GOOD)
            p->hint = HINT_NEVER;
    }
}

/* Sums block weights bottom-up. An element's net is what it would give as the article:
 * its own blocks plus its children, where a child whose class names furniture counts
 * against it with half its text (that furniture is left out of the output). */
static void weigh_blocks(walker *w)
{
    introduced_sections(w);
    for (size_t i = 0; i < w->n_blocks; i++) {
        rblock *b = &w->blocks[i];
        double ld = link_density(b);
        if (is_prose(w, b)) {
            b->w = b->chars * (1.0 - ld) + (ld > 0.5 ? b->chars - b->link_chars : 0);
            /* articles are written in paragraphs; list items are more often teasers */
            if (b->kind == LA_BLOCK_LIST_ITEM)
                b->w *= 0.5;
        }
        else if (b->kind == LA_BLOCK_HEADING && ld < 0.5)
            b->w = 0.0;
        else if (b->cell && !b->link_chars)
            b->w = 0.0; /* a figure in a data table: short, but not furniture */
        else if (ld > 0.5)
            b->w = -(double)b->chars;
        else
            b->w = -0.3 * b->chars;
#ifdef LA_HTML_DEBUG
        fprintf(stderr, "B %zu el=%d w=%.0f k=%d %.70s\n", i, b->el, b->w, b->kind, w->scratch.p + b->off);
#endif
        if (b->el >= 0) {
            w->els[b->el].net += b->w;
            if (b->w > 0)
                w->els[b->el].pos += b->w;
            w->els[b->el].chars += b->chars;
        }
    }
    /* children come after their parents in the array */
    for (size_t i = w->n_els; i-- > 0;) {
        elem *e = &w->els[i];
        if (e->parent < 0)
            continue;
        elem *p = &w->els[e->parent];
        p->chars += e->chars;
        p->net += is_furniture(e->hint) ? -0.5 * e->chars : e->net;
        p->pos += is_furniture(e->hint) ? 0.0 : e->pos;
    }
}

/* The element with the highest net. Inside comments, sharing or related-links
 * sections (at any depth) only a much larger text wins: a long reader comment is prose
 * too. */
static int32_t best_elem(walker *w)
{
    int32_t best = -1;
    double best_net = 0.0;
    for (size_t i = 0; i < w->n_els; i++) {
        elem *e = &w->els[i];
        if (e->parent >= 0 && w->els[e->parent].never)
            e->never = true;
        if (e->hint == HINT_NEVER)
            e->never = true;
        double net = e->net;
        /* prefer tight containers: an ancestor that adds a little prose (a teaser
         * rail) and much furniture is worth less than its net alone says */
        if (net > 0 && e->pos > 0)
            net *= pow(net / e->pos, PURITY_EXP);
        if (e->hint == HINT_GOOD)
            net *= 1.15;
        if (e->never)
            net *= 0.3;
        if (net > best_net) {
            best_net = net;
            best = (int32_t)i;
        }
#ifdef LA_HTML_DEBUG
        if (net > 100 || getenv("LA_ALL"))
            fprintf(stderr, "el %zu <- %d net=%.0f chars=%.0f hint=%d never=%d\n", i, e->parent, net, e->chars, e->hint, e->never);
#endif
    }
    return best;
}

/* Marks the furniture inside the article root: elements below it whose class says so,
 * and everything under them. Parents precede children, so one forward pass does. */
static void mark_furniture(walker *w, int32_t root)
{
    for (size_t i = (size_t)root + 1; i < w->n_els; i++) {
        elem *e = &w->els[i];
        if (e->first_block >= w->els[root].end_block)
            break;
        if (e->parent >= root)
            e->out = is_furniture(e->hint) || w->els[e->parent].out;
    }
}

/* ---- output ---------------------------------------------------------------------- */

typedef struct {
    la__buf text;
    la__block *blocks;
    size_t n_blocks, cap_blocks;
    bool oom;
} out_doc;

static void out_block(out_doc *o, const char *s, size_t n, uint8_t kind)
{
    if (!n)
        return;
    if (o->text.len)
        la__buf_put(&o->text, "\n\n", 2);
    la__block b = {0};
    b.start = (uint32_t)o->text.len;
    la__buf_put(&o->text, s, n);
    b.end = (uint32_t)o->text.len;
    b.kind = kind;
    if (o->text.failed || LA__PUSH(o->blocks, o->n_blocks, o->cap_blocks, b))
        o->oom = true;
}

/* Case- and space-insensitive comparison of the letters and digits of two texts. */
static bool same_text(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (i < an && !((a[i] | 32) >= 'a' && (a[i] | 32) <= 'z') && !(a[i] >= '0' && a[i] <= '9') && !((unsigned char)a[i] >= 0x80))
            i++;
        while (j < bn && !((b[j] | 32) >= 'a' && (b[j] | 32) <= 'z') && !(b[j] >= '0' && b[j] <= '9') && !((unsigned char)b[j] >= 0x80))
            j++;
        if (i == an || j == bn)
            return i == an && j == bn;
        if ((a[i] | 32) != (b[j] | 32))
            return false;
        i++, j++;
    }
}

/* "By Jane Doe and John Roe" -> the names, else NULL. */
static char *byline_of(const char *s, size_t n)
{
    if (n < 5 || n > 120 || strncasecmp(s, "by ", 3))
        return NULL;
    size_t i = 3, end = n;
    for (size_t k = i; k < n; k++) {
        if (s[k] == '|' || s[k] == '\n' || (s[k] >= '0' && s[k] <= '9') ||
            (k + 3 <= n && !strncmp(s + k, " - ", 3)) ||
            (k + 5 <= n && !strncmp(s + k, " \xE2\x80\x94", 4))) {
            end = k;
            break;
        }
    }
    char *names = clean_dup(s + i, end - i);
    if (names && !((names[0] >= 'A' && names[0] <= 'Z') || (unsigned char)names[0] >= 0x80)) {
        free(names);
        return NULL;
    }
    return names;
}

/* The title without the site name a <title> usually carries ("Story - Site"). */
static char *strip_site(const char *t)
{
    static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xBB ", NULL};
    size_t n = strlen(t);
    for (int i = 0; seps[i]; i++) {
        const char *p = strstr(t, seps[i]);
        const char *last = p;
        while (p) {
            last = p;
            p = strstr(p + 1, seps[i]);
        }
        if (last && (size_t)(last - t) * 2 >= n)
            return clean_dup(t, (size_t)(last - t));
    }
    return clean_dup(t, n);
}

static const char *meta_best(const meta_set *m, int field)
{
    for (int p = 0; p < PRI_LEVELS; p++)
        if (m->v[field][p])
            return m->v[field][p];
    return NULL;
}


/* The four metadata fields: the best candidate of each, the title from <title> or the
 * first <h1> when no meta tag gave one, the date as YYYY-MM-DD. */
static int resolve_meta(walker *w, char *meta[4], const char *body_byline)
{
    const meta_set *m = &w->meta;
    const char *title = meta_best(m, M_TITLE);
    meta[LA_META_TITLE] = title ? la__strndup(title, strlen(title))
                        : m->title_tag ? strip_site(m->title_tag)
                        : m->h1 ? la__strndup(m->h1, strlen(m->h1)) : NULL;
    const char *by = meta_best(m, M_BYLINE);
    if (!by)
        by = body_byline;
    if (by) {
        char *names = byline_of(by, strlen(by));
        meta[LA_META_BYLINE] = names ? names : la__strndup(by, strlen(by));
    }
    const char *pub = meta_best(m, M_PUBLISHER);
    if (pub)
        meta[LA_META_PUBLISHER] = la__strndup(pub, strlen(pub));
    for (int p = 0; p < PRI_LEVELS; p++) {
        char iso[11];
        if (m->v[M_DATE][p] && norm_date(m->v[M_DATE][p], iso)) {
            meta[LA_META_DATE] = la__strndup(iso, 10);
            break;
        }
    }
    if ((title && !meta[LA_META_TITLE]) || (by && !meta[LA_META_BYLINE]) ||
        (pub && !meta[LA_META_PUBLISHER]))
        return LA_ENOMEM;
    return LA_OK;
}

/* Marks which blocks of the chosen element are the article: drops link lists and
 * captions, then trims furniture before the first and after the last prose block. */
static void select_body(const walker *w, int32_t root, bool *keep)
{
    if (root < 0)
        return;
    uint32_t first = w->els[root].first_block, end = w->els[root].end_block;
    uint32_t first_prose = end, last_prose = first;
    for (uint32_t i = first; i < end; i++) {
        const rblock *b = &w->blocks[i];
        keep[i] = !b->caption && (link_density(b) <= 0.5 || is_prose(w, b)) &&
                  !(b->el >= 0 && w->els[b->el].out);
        if (keep[i] && is_prose(w, b)) {
            if (first_prose == end)
                first_prose = i;
            last_prose = i;
        }
    }
    if (first_prose == end)
        return; /* no prose at all (a stub page): keep what is not furniture */
    for (uint32_t i = first; i < first_prose && i < end; i++)
        keep[i] = false;
    for (uint32_t i = last_prose + 1; i < end; i++) {
        const rblock *b = &w->blocks[i];
        /* quotes include embedded posts, whose links (handle, date) are part of them */
        bool body_like = ((b->para || b->kind == LA_BLOCK_LIST_ITEM) && link_density(b) < 0.3) ||
                         (b->kind == LA_BLOCK_QUOTE && link_density(b) < 0.6);
        if (b->kind == LA_BLOCK_HEADING || (!body_like && !ends_sentence(w->scratch.p + b->off, b->len)))
            keep[i] = false;
    }
}

/* A byline in the page before the article text ("By Jane Doe"), when no meta tag
 * names the author. */
static const char *find_body_byline(const walker *w, int32_t root, uint32_t *len)
{
    uint32_t end = root >= 0 ? w->els[root].first_block + 40 : 40;
    for (uint32_t i = 0; i < w->n_blocks && i < end; i++) {
        const rblock *b = &w->blocks[i];
        const char *s = w->scratch.p + b->off;
        if (b->len >= 5 && b->len <= 120 && !strncasecmp(s, "by ", 3) && s[3] >= 'A' && s[3] <= 'Z') {
            *len = b->len;
            return s;
        }
    }
    return NULL;
}

static int assemble(walker *w, la__html_page *out, la_error *err)
{
    weigh_blocks(w);
    int32_t root = best_elem(w);
    if (root < 0 && w->n_els)
        root = 0; /* nothing scores: the whole page, less its furniture */
    if (root >= 0)
        mark_furniture(w, root);
    bool *keep = calloc(w->n_blocks + 1, sizeof *keep);
    if (!keep)
        return la__fail(err, LA_ENOMEM, 0, "out of memory reading HTML");
    select_body(w, root, keep);

    uint32_t bl_len = 0;
    const char *bl = find_body_byline(w, root, &bl_len);
    char *body_byline = bl ? clean_dup(bl, bl_len) : NULL;
    int rc = resolve_meta(w, out->meta, body_byline);
    free(body_byline);

    out_doc o = {0};
    const char *title = out->meta[LA_META_TITLE];
    if (title)
        out_block(&o, title, strlen(title), LA_BLOCK_TITLE);
    if (out->meta[LA_META_BYLINE])
        out_block(&o, out->meta[LA_META_BYLINE], strlen(out->meta[LA_META_BYLINE]), LA_BLOCK_BYLINE);
    if (out->meta[LA_META_DATE])
        out_block(&o, out->meta[LA_META_DATE], strlen(out->meta[LA_META_DATE]), LA_BLOCK_DATE);
    size_t body_start = o.text.len, first_body = o.n_blocks;
    for (size_t i = 0; i < w->n_blocks; i++) {
        if (!keep[i])
            continue;
        const rblock *b = &w->blocks[i];
        const char *s = w->scratch.p + b->off;
        /* the headline repeated in the article is the title, not body text */
        if (b->kind == LA_BLOCK_HEADING && title && same_text(s, b->len, title, strlen(title)))
            continue;
        out_block(&o, s, b->len, b->kind);
    }
    free(keep);
    if (o.n_blocks > first_body)
        body_start = o.blocks[first_body].start;
    else
        body_start = o.text.len;
    if (!o.oom && !o.text.failed && !la__buf_reserve(&o.text, 0))
        o.oom = true;
    if (!o.oom)
        o.text.p[o.text.len] = '\0';
    if (rc || o.oom) {
        free(o.text.p);
        free(o.blocks);
        return la__fail(err, LA_ENOMEM, 0, "out of memory reading HTML");
    }
    if (!o.text.p) {
        o.text.p = calloc(1, 1);
        if (!o.text.p) {
            free(o.blocks);
            return la__fail(err, LA_ENOMEM, 0, "out of memory reading HTML");
        }
    }
    out->main_len = o.text.len - body_start;
    out->main_text = la__strndup(o.text.p + body_start, out->main_len);
    out->text = o.text.p;
    out->len = (uint32_t)o.text.len;
    out->blocks = o.blocks;
    out->n_blocks = o.n_blocks;
    if (!out->main_text)
        return la__fail(err, LA_ENOMEM, 0, "out of memory reading HTML");
    return LA_OK;
}

/* ---- entry points ------------------------------------------------------------------ */

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
static void xml_init(void)
{
    xmlInitParser();
    index_word_lists();
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/* Is the attribute s (n bytes) one the walker reads on a tag with these flags? The
 * parser is spared the others (links, image sources, data-* blobs): they are most of
 * a page's markup once scripts are gone, and libxml2 copies each value a character at
 * a time. Class, id and role are read here instead (tag_hint). */
static bool wanted_attr(unsigned tag, const char *s, size_t n)
{
    static const struct { const char *name; unsigned tags; } names[] = {
        {"style", ~0u}, {"hidden", ~0u}, {"aria-hidden", ~0u},
        {"property", T_META}, {"name", T_META}, {"itemprop", T_META}, {"content", T_META},
        {"type", T_SCRIPT}, {"datetime", T_TIME},
    };
    if (n < 4 || n > 11)
        return false;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if ((names[i].tags == ~0u || (names[i].tags & tag)) && (s[0] | 32) == names[i].name[0] &&
            !strncasecmp(s, names[i].name, n) && names[i].name[n] == '\0')
            return true;
    return false;
}

/* FNV-1a over a span and a separator, continuing from h. */
static uint64_t hash_span(uint64_t h, span v)
{
    for (size_t i = 0; i < v.n; i++)
        h = (h ^ (unsigned char)v.p[i]) * 0x100000001b3ull;
    return (h ^ (v.p ? 0xFF : 0xFE)) * 0x100000001b3ull;
}

/* What class, id and role say about a block element (HINT_*). Pages repeat the same
 * class names on hundreds of elements, so results are cached by a 64-bit hash of the
 * three; a collision (about one in 10^13 for a page's few thousand names) would only
 * misjudge one element. */
static int tag_hint(walker *w, span cls, span id, span role)
{
    if (!cls.p && !id.p && !role.p)
        return HINT_NONE;
    uint64_t key = hash_span(hash_span(hash_span(0xcbf29ce484222325ull, cls), id), role) | 1;
    size_t slot = key % HINT_CACHE;
    if (w->hint_cache[slot].key != key) {
        w->hint_cache[slot].key = key;
        w->hint_cache[slot].hint = (uint8_t)classify(cls, id, role);
    }
    return w->hint_cache[slot].hint;
}

/* What copy_tag found. */
typedef struct {
    size_t name, name_len;   /* the tag name, in the output */
    unsigned flags;          /* T_* of a start tag; 0 for end tags and unknown names */
    int kept;                /* attributes copied */
} tag_found;

/* Reads an attribute value at buf[q] (after '='): quoted, or up to white space or '>'.
 * Sets *v to it without quotes; returns the read position after it. */
static size_t read_value(const char *buf, size_t len, size_t q, span *v)
{
    if (q < len && (buf[q] == '"' || buf[q] == '\'')) {
        const char *e = memchr(buf + q + 1, buf[q], len - q - 1);
        v->p = buf + q + 1;
        v->n = e ? (size_t)(e - v->p) : len - q - 1;
        return e ? (size_t)(e - buf) + 1 : len;
    }
    v->p = buf + q;
    while (q < len && !is_space(buf[q]) && buf[q] != '>')
        q++;
    v->n = (size_t)(buf + q - v->p);
    return q;
}

/* Copies v into buf (256 bytes, truncated: hint_of reads no more) and returns it. */
static span keep_value(char *buf, span v)
{
    span out = {buf, v.n < 256 ? v.n : 256};
    memcpy(buf, v.p, out.n);
    return out;
}

/* Copies the tag at buf[r] ("<name" or "</name") to buf[*wp], keeping only wanted
 * attributes (none on end tags). On a block element, class, id and role are replaced
 * by what they say, as h="1".."3" (HINT_*): an attribute the walker can trust, since
 * every other unknown one is cut. Tokenizes as HTML does: the name runs to white
 * space, '/' or '>'; an attribute value is quoted or runs to white space or '>'.
 * Writes never overtake reads (a kept attribute is preceded by at least one byte it
 * replaces; the hint is written only into bytes already read), so it works in place.
 * Returns the read position after the tag. */
static size_t copy_tag(walker *wk, char *buf, size_t len, size_t r, size_t *wp, tag_found *t)
{
    size_t w = *wp, p = r + 1;
    bool end_tag = p < len && buf[p] == '/';
    if (end_tag)
        p++;
    size_t name_at = p;
    while (p < len && !is_space(buf[p]) && buf[p] != '/' && buf[p] != '>')
        p++;
    t->name = w + (name_at - r);
    t->name_len = p - name_at;
    t->flags = end_tag ? 0 : tag_flags_n(buf + name_at, p - name_at);
    t->kept = 0;
    bool hinted = (t->flags & T_BLOCK) && !(t->flags & (T_DROP | T_TOP));
    /* class, id and role are copied aside: kept attributes after them may be moved
     * over their bytes */
    char vals[3][256];
    span cls = {NULL, 0}, id = {NULL, 0}, role = {NULL, 0};
    memmove(buf + w, buf + r, p - r);
    w += p - r;
    size_t caught_up = p; /* the read position the output has reached */
    bool slash = false;
    while (p < len && buf[p] != '>') {
        if (is_space(buf[p]) || buf[p] == '/') {
            slash = buf[p] == '/';
            p++;
            continue;
        }
        slash = false;
        size_t a = p++; /* a name may start with '=' */
        while (p < len && !is_space(buf[p]) && buf[p] != '/' && buf[p] != '>' && buf[p] != '=')
            p++;
        size_t a_end = p, q = p;
        span val = {buf + a_end, 0};
        while (q < len && is_space(buf[q]))
            q++;
        if (q < len && buf[q] == '=') {
            q++;
            while (q < len && is_space(buf[q]))
                q++;
            p = read_value(buf, len, q, &val);
        }
        if (end_tag)
            continue;
        const char *an = buf + a;
        size_t al = a_end - a;
        if (hinted && al == 5 && !strncasecmp(an, "class", 5)) {
            cls = keep_value(vals[0], val);
        } else if (hinted && al == 2 && !strncasecmp(an, "id", 2)) {
            id = keep_value(vals[1], val);
        } else if (hinted && al == 4 && !strncasecmp(an, "role", 4)) {
            role = keep_value(vals[2], val);
        } else if (wanted_attr(t->flags, an, al)) {
            if (a > caught_up)
                buf[w++] = ' ';
            memmove(buf + w, buf + a, p - a);
            w += p - a;
            caught_up = p;
            t->kept++;
        }
    }
    int hint = hinted ? tag_hint(wk, cls, id, role) : HINT_NONE;
    if (hint != HINT_NONE && w + 4 + (slash ? 1 : 0) <= p) {
        memcpy(buf + w, " h=", 3);
        buf[w + 3] = (char)('0' + hint);
        w += 4;
    }
    if (slash && !end_tag)
        buf[w++] = '/'; /* read at p - 1, after everything copied */
    if (p < len) {
        buf[w++] = '>';
        p++;
    }
    *wp = w;
    return p;
}

/* Case-insensitive: does s (n bytes) start with the lower-case word w? */
static bool starts_ci(const char *s, size_t n, const char *w)
{
    size_t m = strlen(w);
    return n >= m && !strncasecmp(s, w, m);
}

/* Read position of the "</name" that ends a raw text element opened before r, or len. */
static size_t raw_end(const char *buf, size_t len, size_t r, const char *name, size_t m)
{
    while (r < len) {
        const char *q = memchr(buf + r, '<', len - r);
        if (!q)
            return len;
        r = (size_t)(q - buf);
        if (len - r > m + 2 && q[1] == '/' && !strncasecmp(q + 2, name, m))
            return r;
        r++;
    }
    return len;
}

/* Copies text up to the next '<' with each run of white space as one space: the walker
 * collapses white space anyway, and pages are indented heavily. */
static size_t copy_text(char *buf, size_t len, size_t r, size_t *wp)
{
    size_t w = *wp;
    while (r < len && buf[r] != '<') {
        if (is_space(buf[r])) {
            buf[w++] = ' ';
            while (++r < len && is_space(buf[r]))
                ;
            continue;
        }
        const char *lt = memchr(buf + r, '<', len - r);
        size_t end = lt ? (size_t)(lt - buf) : len, k = r;
        while (k < end && !is_space(buf[k]))
            k++;
        memmove(buf + w, buf + r, k - r);
        w += k - r;
        r = k;
    }
    *wp = w;
    return r;
}

/* Shrinks a page to what the walker reads before libxml2 sees it: comments, <script>
 * (except JSON-LD), <style> and <noscript> go with their bodies (most of a modern
 * page's bytes, none of its visible text), so do empty elements that carry no text
 * (images, inputs, links), attributes the walker does not read, and runs of white
 * space. The cuts follow the HTML tokenizer (a script ends at the first "</script"),
 * so the elements and text the walker sees are unchanged; bytes that are not
 * recognised as a tag are copied as they are. Compacts buf in place and returns the
 * new length. */
static size_t compact_markup(walker *wk, char *buf, size_t len)
{
    size_t r = 0, w = 0;
    while (r < len) {
        r = copy_text(buf, len, r, &w);
        if (r >= len)
            break;
        const char *p = buf + r;
        size_t left = len - r;
        if (starts_ci(p, left, "<!--")) {
            const char *end = memmem(p + 4, left - 4, "-->", 3);
            r = end ? (size_t)(end - buf) + 3 : len;
            continue;
        }
        bool end_tag = left > 2 && p[1] == '/';
        char c = left > 1 ? (char)(p[end_tag ? 2 : 1] | 32) : 0;
        if (c < 'a' || c > 'z') {
            /* "<!doctype", "<?xml", a '<' in text: as it is, up to the next '<' */
            const char *lt = memchr(p + 1, '<', left - 1);
            size_t n = lt ? (size_t)(lt - p) : left;
            memmove(buf + w, p, n);
            w += n;
            r += n;
            continue;
        }
        size_t tag = w;
        tag_found t;
        r = copy_tag(wk, buf, len, r, &w, &t);
        if (end_tag)
            continue;
        if ((t.flags & T_VOID) || ((t.flags & T_META) && !t.kept)) {
            w = tag;
            continue;
        }
        if (!(t.flags & T_RAW))
            continue;
        size_t end = raw_end(buf, len, r, buf + t.name, t.name_len);
        if ((t.flags & T_SCRIPT) && memmem(buf + tag, w - tag, "ld+json", 7)) {
            memmove(buf + w, buf + r, end - r); /* JSON-LD: kept as it is */
            w += end - r;
            r = end;
            continue;
        }
        w = tag; /* the element goes, end tag included */
        r = end;
        if (r < len) {
            r = copy_tag(wk, buf, len, r, &w, &t);
            w = tag;
        }
    }
    return w;
}

/* libxml2 reports through a global handler unless told otherwise; this handler keeps
 * it quiet. */
static void quiet(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }

/* Runs libxml2's HTML parser over UTF-8 text with the walker as its SAX handler. */
static void parse_utf8(walker *w, const char *buf, size_t len)
{
    while (len > INT32_MAX || (len > INT32_MAX - 4 && (buf[len] & 0xC0) == 0x80))
        len--; /* libxml2 takes an int; cut at a character boundary */
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(buf, (int)len);
    if (!ctxt) {
        w->oom = true;
        return;
    }
    htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                             HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NODEFDTD);
    /* after the options, which install handlers of their own */
    htmlSAXHandler *sax = ctxt->sax;
    memset(sax, 0, sizeof *sax);
    sax->startElement = on_start;
    sax->endElement = on_end;
    sax->characters = on_text;
    sax->ignorableWhitespace = on_text; /* a space between inline elements still counts */
    sax->cdataBlock = on_text;
    sax->error = quiet;
    sax->warning = quiet;
    sax->initialized = 1;
    ctxt->vctxt.error = quiet;
    ctxt->vctxt.warning = quiet;
    ctxt->userData = w;
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    htmlParseDocument(ctxt);
    htmlFreeParserCtxt(ctxt);
}

int la__html_extract(la__html_page *out, const char *data, size_t len, la_error *err)
{
    memset(out, 0, sizeof *out);
    pthread_once(&xml_once, xml_init);
    if (!data)
        len = 0;
    if (len > (size_t)INT32_MAX)
        len = INT32_MAX; /* libxml2 takes an int; pages are far smaller */
    char *utf8 = NULL;
    size_t utf8_len = 0;
    if (la__charset_to_utf8(data ? data : "", len, &utf8, &utf8_len))
        return la__fail(err, LA_ENOMEM, 0, "out of memory decoding HTML");

    walker w = {0};
    w.cur_el = -1;
    w.use_hints = true;
    utf8_len = compact_markup(&w, utf8, utf8_len);
    if (utf8_len)
        parse_utf8(&w, utf8, utf8_len);
    free(utf8);
    finish_walk(&w);
    int rc = w.oom ? la__fail(err, LA_ENOMEM, 0, "out of memory reading HTML")
                   : assemble(&w, out, err);
    meta_free(&w.meta);
    free(w.open);
    free(w.run.p);
    free(w.raw.p);
    free(w.h1.p);
    free(w.scratch.p);
    free(w.els);
    free(w.blocks);
    if (rc) {
        la__html_page_free(out);
        memset(out, 0, sizeof *out);
    }
    return rc;
}

void la__html_page_free(la__html_page *page)
{
    if (!page)
        return;
    free(page->text);
    free(page->blocks);
    for (int i = 0; i < 4; i++)
        free(page->meta[i]);
    free(page->main_text);
    memset(page, 0, sizeof *page);
}

bool la__html_sniff(const char *data, size_t len)
{
    size_t i = 0;
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r' || data[i] == '\f'))
        i++;
    if (i >= len || data[i] != '<')
        return false;
    const char *p = data + i + 1;
    size_t n = len - i - 1;
    static const char *const starts[] = {"!doctype", "html", "head", "body", "!--", NULL};
    for (int k = 0; starts[k]; k++) {
        size_t m = strlen(starts[k]);
        if (n >= m && !strncasecmp(p, starts[k], m))
            return true;
    }
    if (n >= 5 && !strncasecmp(p, "?xml", 4)) {
        size_t lim = n < 1024 ? n : 1024;
        for (size_t k = 0; k + 5 <= lim; k++)
            if (!strncasecmp(p + k, "<html", 5) || !strncasecmp(p + k, "<!doctype html", 14 <= lim - k ? 14 : 5))
                return true;
        return false;
    }
    /* another leading tag: a letter after '<' */
    return n > 0 && (((p[0] | 32) >= 'a' && (p[0] | 32) <= 'z'));
}
