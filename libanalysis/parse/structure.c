/* Plain-text structure for articles scraped from web pages.
 *
 * The article is found first: the longest run of prose blocks (long lines with sentence
 * punctuation), allowing one short line (a subheading) between two of them. What comes
 * before it is the page header (site name, menus, glossary boxes, title, byline, date,
 * "Related" links); what comes after is the footer (tags, comment form, gallery, search).
 * Header and footer lines are boilerplate unless they are the title, byline or date;
 * short lines inside the article are headings. Cue lines ("Tags :", "Comments",
 * "Related Content") give the boilerplate its sub-kind for the lines that follow. */
#include "parse/structure.h"
#include "parse/chars.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct line_info {
    uint32_t words;      /* word tokens */
    bool prose;          /* a paragraph of running text */
    bool terminal;       /* ends with . ! ? (or a closing quote after one) */
    char last;           /* the last character before closing quotes and brackets */
} line_info;

static const char *btext(const la_doc *d, const la__block *b, size_t *n)
{
    *n = b->end - b->start;
    return d->text + b->start;
}

static bool same_text(const la_doc *d, const la__block *a, const la__block *b)
{
    return a->end - a->start == b->end - b->start &&
           memcmp(d->text + a->start, d->text + b->start, a->end - a->start) == 0;
}

static line_info describe(const la_doc *d, const la__block *b)
{
    line_info li = {0, false, false, 0};
    for (uint32_t s = b->first_sentence; s < b->first_sentence + b->sentence_count; s++) {
        const la__sentence *sen = &d->sentences[s];
        for (uint32_t t = sen->first_token; t < sen->first_token + sen->token_count; t++)
            li.words += (d->tokens[t].flags & LA_TOKEN_WORD) != 0;
    }
    uint32_t e = b->end;
    while (e > b->start && strchr("\"')]", d->text[e - 1]))
        e--;
    while (e > b->start + 3 && ((unsigned char)d->text[e - 1] == 0x9D || (unsigned char)d->text[e - 1] == 0x99) &&
           (unsigned char)d->text[e - 3] == 0xE2)
        e -= 3; /* closing curly quotes */
    li.last = e > b->start ? d->text[e - 1] : 0;
    li.terminal = li.last && strchr(".!?", li.last);
    li.prose = (li.words >= 12 && li.terminal) || li.words >= 30;
    return li;
}

/* ---- cue lines -------------------------------------------------------------------- */

/* The line folded to lower case ASCII with trailing " :" and spaces dropped. */
static void fold(const la_doc *d, const la__block *b, char *out, size_t cap)
{
    size_t n, k = 0;
    const char *s = btext(d, b, &n);
    for (size_t i = 0; i < n && k + 1 < cap; i++)
        out[k++] = (char)tolower((unsigned char)s[i]);
    while (k && (out[k - 1] == ':' || out[k - 1] == ' ' || out[k - 1] == '*'))
        k--;
    out[k] = '\0';
}

static bool starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool one_of(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(s, *list))
            return true;
    return false;
}

/* The boilerplate kind a cue line announces, or NONE. */
static la_boilerplate_kind cue_kind(const char *f)
{
    static const char *const related[] = {"related", "related content", "related articles",
        "related posts", "related news", "read more", "read also", "see also", "more from",
        "you may also like", "recommended", "more stories", NULL};
    static const char *const menus[] = {"most read", "most viewed", "most popular",
        "editor's choice", "top stories", "latest news", "trending", "home", "news", "menu", NULL};
    static const char *const tags[] = {"tags", "tag", "keywords", "topics", NULL};
    static const char *const comments[] = {"comments", "comment", "leave a comment",
        "leave a reply", "name", "email", "e-mail", "text", "* text", "send", "submit",
        "reply", "post comment", "your comment", "website", NULL};
    static const char *const gallery[] = {"gallery", "photo", "photos", "film", "video",
        "videos", "multimedia", "infographic", NULL};
    static const char *const search[] = {"search", "date archive", "archive", "archives", NULL};
    static const char *const share[] = {"share", "share this", "share this article", "print",
        "facebook", "twitter", "whatsapp", "telegram", "email this", NULL};
    if (one_of(f, related)) return LA_BOILERPLATE_RELATED;
    if (one_of(f, menus)) return LA_BOILERPLATE_NAVIGATION;
    if (one_of(f, tags)) return LA_BOILERPLATE_TAGS;
    if (one_of(f, comments)) return LA_BOILERPLATE_COMMENT_FORM;
    if (one_of(f, gallery)) return LA_BOILERPLATE_GALLERY;
    if (one_of(f, search)) return LA_BOILERPLATE_SEARCH;
    if (one_of(f, share)) return LA_BOILERPLATE_SHARE;
    if (starts(f, "page ") || !strcmp(f, "next") || !strcmp(f, "previous") || !strcmp(f, "next page"))
        return LA_BOILERPLATE_PAGER;
    if (starts(f, "copyright") || starts(f, "\xc2\xa9") || strstr(f, "all rights reserved") ||
        starts(f, "privacy policy") || starts(f, "terms of") || !strcmp(f, "contact us") ||
        !strcmp(f, "about us"))
        return LA_BOILERPLATE_FOOTER;
    return LA_BOILERPLATE_NONE;
}

/* ---- bylines and dates ------------------------------------------------------------ */

/* "By Jane Doe", "BY: Valeria Rodriguez", "Written by ...", "Author: ...": the name. */
static bool byline_name(const char *s, size_t n, const char **name, size_t *name_len)
{
    static const char *const prefixes[] = {"written by", "reported by", "posted by", "author",
                                           "by", NULL};
    for (const char *const *p = prefixes; *p; p++) {
        size_t k = strlen(*p);
        if (n <= k + 1 || strncasecmp(s, *p, k) != 0)
            continue;
        size_t i = k;
        if (s[i] != ' ' && s[i] != ':')
            continue;
        while (i < n && (s[i] == ' ' || s[i] == ':' || s[i] == '-'))
            i++;
        size_t words = 1;
        for (size_t j = i; j < n; j++) {
            if (s[j] == ' ')
                words++;
            if (strchr(".!?;", s[j]) && j + 1 < n)
                return false; /* a sentence, not a name */
        }
        if (i >= n || words > 6 || !isupper((unsigned char)s[i]))
            return false;
        *name = s + i;
        *name_len = n - i;
        return true;
    }
    return false;
}

static int month_of(const char *w, size_t n)
{
    static const char *const months[] = {"january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december"};
    if (n >= 3 && w[n - 1] == '.')
        n--;
    if (n < 3)
        return 0;
    for (int m = 0; m < 12; m++) {
        size_t full = strlen(months[m]);
        if ((n == full || n == 3 || (n == 4 && m == 8)) && n <= full && strncasecmp(w, months[m], n) == 0)
            return m + 1;
    }
    return 0;
}

static bool is_weekday(const char *w, size_t n)
{
    static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                       "saturday", "sunday"};
    while (n && (w[n - 1] == ',' || w[n - 1] == '.'))
        n--;
    for (int i = 0; i < 7; i++)
        if ((n == strlen(days[i]) || n == 3) && strncasecmp(w, days[i], n) == 0)
            return true;
    return false;
}

static bool number_word(const char *w, size_t n, int *v)
{
    while (n && (w[n - 1] == ',' || w[n - 1] == '.'))
        n--;
    if (n >= 3 && (!strncasecmp(w + n - 2, "st", 2) || !strncasecmp(w + n - 2, "nd", 2) ||
                   !strncasecmp(w + n - 2, "rd", 2) || !strncasecmp(w + n - 2, "th", 2)))
        n -= 2;
    if (n == 0 || n > 4)
        return false;
    int x = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)w[i]))
            return false;
        x = x * 10 + (w[i] - '0');
    }
    *v = x;
    return true;
}

static bool valid_date(int y, int m, int d)
{
    return y >= 1800 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

bool la__parse_date_line(const char *s, size_t n, char iso[11])
{
    int y = 0, m = 0, d = 0;
    char head[11] = {0}; /* sscanf would measure the whole rest of the document */
    if (n >= 10)
        memcpy(head, s, 10);
    if (n >= 10 && sscanf(head, "%4d-%2d-%2d", &y, &m, &d) == 3 && valid_date(y, m, d)) {
        snprintf(iso, 11, "%04d-%02d-%02d", y, m, d);
        return true;
    }
    /* words: [weekday] (day month year | month day year) [time ...] */
    const char *w[8];
    size_t wl[8], nw = 0;
    for (size_t i = 0; i < n && nw < 8;) {
        while (i < n && (s[i] == ' ' || s[i] == ','))
            i++;
        size_t j = i;
        while (j < n && s[j] != ' ' && s[j] != ',')
            j++;
        if (j > i) {
            w[nw] = s + i;
            wl[nw++] = j - i;
        }
        i = j;
    }
    size_t k = 0;
    if (k < nw && is_weekday(w[k], wl[k]))
        k++;
    if (k + 3 > nw)
        return false;
    int a, c;
    if (number_word(w[k], wl[k], &a) && (m = month_of(w[k + 1], wl[k + 1])) && number_word(w[k + 2], wl[k + 2], &c)) {
        d = a, y = c;
    } else if ((m = month_of(w[k], wl[k])) && number_word(w[k + 1], wl[k + 1], &a) &&
               number_word(w[k + 2], wl[k + 2], &c)) {
        d = a, y = c;
    } else {
        return false;
    }
    /* only a time may follow: 10:32, am/pm, a time zone */
    for (size_t r = k + 3; r < nw; r++)
        if (!memchr(w[r], ':', wl[r]) && wl[r] > 4)
            return false;
    if (!valid_date(y, m, d))
        return false;
    snprintf(iso, 11, "%04d-%02d-%02d", y, m, d);
    return true;
}

/* ---- the article core ------------------------------------------------------------- */

/* The longest run of prose blocks, allowing single short lines between them. */
static void find_core(const line_info *li, size_t n, size_t *cs, size_t *ce)
{
    size_t best_s = 0, best_e = 0, best_w = 0;
    size_t i = 0;
    while (i < n) {
        if (!li[i].prose) {
            i++;
            continue;
        }
        size_t s = i, e = i, words = 0;
        while (i < n) {
            if (li[i].prose) {
                e = i, words += li[i].words, i++;
            } else if (i + 1 < n && li[i + 1].prose) {
                i++;
            } else {
                break;
            }
        }
        if (words > best_w)
            best_w = words, best_s = s, best_e = e;
        i = e + 1;
    }
    *cs = best_s;
    *ce = best_w ? best_e : 0;
    if (!best_w)
        *cs = n; /* no prose: everything is header */
}

static bool url_like(const char *s, size_t n)
{
    if (memchr(s, ' ', n))
        return false;
    return memmem(s, n, ".com", 4) || memmem(s, n, ".net", 4) || memmem(s, n, ".org", 4) ||
           memmem(s, n, "www.", 4) || memmem(s, n, "http", 4);
}

static int set_meta(la_doc *d, la_meta_field f, const char *s, size_t n)
{
    if (d->meta[f])
        return LA_OK;
    return (d->meta[f] = la__strndup(s, n)) ? LA_OK : LA_ENOMEM;
}

/* Glossary boxes: a term, the same term again, then its definition. */
static void mark_glossary(la_doc *d, const line_info *li, size_t upto)
{
    for (size_t i = 0; i + 2 < upto; i++) {
        la__block *b = d->blocks;
        if (same_text(d, &b[i], &b[i + 1]) && li[i].words <= 6 && li[i + 2].words > li[i].words) {
            for (size_t k = i; k < i + 3; k++)
                b[k].kind = LA_BLOCK_BOILERPLATE, b[k].boilerplate = LA_BOILERPLATE_GLOSSARY;
            i += 2;
        }
    }
}

/* A block's text, to sort the blocks by. */
typedef struct block_text {
    const char *s;
    uint32_t n, block;
} block_text;

static int by_text(const void *x, const void *y)
{
    const block_text *a = x, *b = y;
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    int c = memcmp(a->s, b->s, a->n);
    return c ? c : (a->block > b->block) - (a->block < b->block);
}

/* copies[i]: how many blocks of [0, cs) other than i and its neighbours have block i's
 * text. Counted on the blocks sorted by text, so that a page of many thousand lines (a
 * long transcript) is not compared line against line. */
static int count_copies(const la_doc *d, size_t cs, uint32_t *copies)
{
    block_text *t = malloc(cs * sizeof *t + 1);
    if (!t)
        return LA_ENOMEM;
    for (size_t i = 0; i < cs; i++) {
        size_t n;
        t[i].s = btext(d, &d->blocks[i], &n);
        t[i].n = (uint32_t)n;
        t[i].block = (uint32_t)i;
    }
    qsort(t, cs, sizeof *t, by_text);
    for (size_t a = 0, b; a < cs; a = b) {
        for (b = a + 1; b < cs && t[b].n == t[a].n && !memcmp(t[b].s, t[a].s, t[a].n);)
            b++;
        for (size_t k = a; k < b; k++)
            copies[t[k].block] = (uint32_t)(b - a - 1);
    }
    free(t);
    for (size_t i = 0; i < cs; i++) {
        if (i > 0 && same_text(d, &d->blocks[i], &d->blocks[i - 1]))
            copies[i]--;
        if (i + 1 < cs && same_text(d, &d->blocks[i], &d->blocks[i + 1]))
            copies[i]--;
    }
    return LA_OK;
}

/* Picks the title among the header lines not yet classified; marks its copies. */
static int choose_title(la_doc *d, const line_info *li, size_t cs)
{
    la__block *b = d->blocks;
    uint32_t *copies = malloc(cs * sizeof *copies + 1);
    if (!copies || count_copies(d, cs, copies)) {
        free(copies);
        return LA_ENOMEM;
    }
    double best = 0;
    size_t best_i = SIZE_MAX;
    for (size_t i = 0; i < cs; i++) {
        size_t n;
        const char *s = btext(d, &b[i], &n);
        if (b[i].kind != LA_BLOCK_PARAGRAPH || li[i].words < 2 || li[i].words > 30 ||
            memmem(s, n, " | ", 3) || url_like(s, n) || s[n - 1] == ':')
            continue;
        double score = (li[i].words >= 3 ? 1 : 0.5) + 3.0 * copies[i];
        for (size_t j = i ? i - 1 : 0; j <= i + 1 && j < d->n_blocks; j++)
            if (b[j].kind == LA_BLOCK_DATE || b[j].kind == LA_BLOCK_BYLINE)
                score += 2;
        if (cs - i <= 3)
            score += 1;
        if (i == 0)
            score += 1;
        if (score > best)
            best = score, best_i = i;
    }
    free(copies);
    if (best_i == SIZE_MAX)
        return LA_OK;
    for (size_t j = 0; j < cs; j++)
        if (same_text(d, &b[best_i], &b[j]))
            b[j].kind = LA_BLOCK_TITLE;
    size_t n;
    const char *s = btext(d, &b[best_i], &n);
    return set_meta(d, LA_META_TITLE, s, n);
}

/* Publisher from the first paragraph's prefix ("PEJOURNAL – ...", "Alwaght- ...",
 * "WASHINGTON (Reuters) - ...") or from a site line ("Alwaght | News & Analysis"). */
static int find_publisher(la_doc *d, size_t cs, size_t ce)
{
    if (cs <= ce && cs < d->n_blocks) {
        size_t n;
        const char *s = btext(d, &d->blocks[cs], &n);
        size_t i = 0, words = 1;
        while (i < n && i < 60 && s[i] != '-' && strncmp(s + i, "\xe2\x80\x93", 3) && strncmp(s + i, "\xe2\x80\x94", 3)) {
            if (s[i] == ' ' && i + 1 < n && s[i + 1] != '-' && s[i + 1] != '(' && (unsigned char)s[i + 1] != 0xE2)
                words++;
            i++;
        }
        const char *paren = memchr(s, '(', i);
        const char *close = paren ? memchr(paren, ')', i - (size_t)(paren - s)) : NULL;
        if (i < n && i < 60 && i > 1 && isupper((unsigned char)s[0])) {
            if (paren && close && close > paren + 1)
                return set_meta(d, LA_META_PUBLISHER, paren + 1, (size_t)(close - paren - 1));
            size_t k = i;
            while (k && s[k - 1] == ' ')
                k--;
            if (words == 1 && !memchr(s, ' ', k))
                return set_meta(d, LA_META_PUBLISHER, s, k);
        }
    }
    for (size_t i = 0; i < cs && i < d->n_blocks; i++) {
        size_t n;
        const char *s = btext(d, &d->blocks[i], &n);
        const char *bar = memmem(s, n, " | ", 3);
        if (bar && bar > s)
            return set_meta(d, LA_META_PUBLISHER, s, (size_t)(bar - s));
    }
    return LA_OK;
}

/* Header lines: date, byline, glossary, title; the rest boilerplate. */
static int classify_header(la_doc *d, const line_info *li, size_t cs)
{
    la__block *b = d->blocks;
    char iso[11];
    for (size_t i = 0; i < cs; i++) {
        size_t n, name_len;
        const char *s = btext(d, &b[i], &n), *name;
        if (la__parse_date_line(s, n, iso)) {
            b[i].kind = LA_BLOCK_DATE;
            if (set_meta(d, LA_META_DATE, iso, 10))
                return LA_ENOMEM;
        } else if (byline_name(s, n, &name, &name_len)) {
            b[i].kind = LA_BLOCK_BYLINE;
            if (set_meta(d, LA_META_BYLINE, name, name_len))
                return LA_ENOMEM;
        }
    }
    mark_glossary(d, li, cs);
    /* lines announced by "Related Content" and the like are links, not the title */
    la_boilerplate_kind sticky = LA_BOILERPLATE_NONE;
    char f[64];
    for (size_t i = 0; i < cs; i++) {
        fold(d, &b[i], f, sizeof f);
        la_boilerplate_kind k = cue_kind(f);
        if (k)
            sticky = k, b[i].kind = LA_BLOCK_BOILERPLATE, b[i].boilerplate = k;
        else if (b[i].kind != LA_BLOCK_PARAGRAPH)
            sticky = LA_BOILERPLATE_NONE; /* a date or byline ends a list of links */
        else if (sticky == LA_BOILERPLATE_RELATED && b[i].kind == LA_BLOCK_PARAGRAPH)
            b[i].kind = LA_BLOCK_BOILERPLATE, b[i].boilerplate = sticky;
    }
    if (choose_title(d, li, cs))
        return LA_ENOMEM;
    /* Before the title, date or byline: menus (short lines), site lines, addresses.
     * Lines between the title and the article (a standfirst, a dateline) stay text. */
    size_t head_end = 0;
    while (head_end < cs && b[head_end].kind != LA_BLOCK_TITLE && b[head_end].kind != LA_BLOCK_DATE &&
           b[head_end].kind != LA_BLOCK_BYLINE)
        head_end++;
    for (size_t i = 0; i < cs; i++) {
        size_t n;
        const char *s = btext(d, &b[i], &n);
        bool menu = li[i].words <= 4 && !li[i].terminal && (i < head_end || head_end == cs);
        if (b[i].kind == LA_BLOCK_PARAGRAPH && (menu || memmem(s, n, " | ", 3) || url_like(s, n)))
            b[i].kind = LA_BLOCK_BOILERPLATE, b[i].boilerplate = LA_BOILERPLATE_NAVIGATION;
    }
    return LA_OK;
}

/* Article lines: short lines become headings; cue lines boilerplate. */
static void classify_core(la_doc *d, const line_info *li, size_t cs, size_t ce)
{
    char f[64];
    for (size_t i = cs; i <= ce && i < d->n_blocks; i++) {
        la__block *b = &d->blocks[i];
        if (li[i].prose)
            continue;
        fold(d, b, f, sizeof f);
        la_boilerplate_kind k = cue_kind(f);
        /* a short quote ('"Nobody can ignore it."') is text, not a heading */
        char last = li[i].last;
        if (k)
            b->kind = LA_BLOCK_BOILERPLATE, b->boilerplate = k;
        else if (li[i].words >= 1 && li[i].words <= 20 && last != '.' && last != ':' && last != ',' &&
                 last != ';')
            b->kind = LA_BLOCK_HEADING;
    }
}

/* Footer lines: from the first cue line on ("Tags :", "Comments", "Search"), all
 * boilerplate, the kind carried over from the last cue. Lines before it stay text (a
 * table of results, a short closing paragraph). */
static void classify_footer(la_doc *d, const line_info *li, size_t from)
{
    la_boilerplate_kind sticky = LA_BOILERPLATE_NONE;
    char f[64];
    for (size_t i = from; i < d->n_blocks; i++) {
        fold(d, &d->blocks[i], f, sizeof f);
        la_boilerplate_kind k = cue_kind(f);
        if (k)
            sticky = k;
        if (sticky) {
            d->blocks[i].kind = LA_BLOCK_BOILERPLATE;
            d->blocks[i].boilerplate = sticky;
        } else if (!li[i].prose && li[i].words >= 1 && li[i].words <= 12 && !li[i].terminal) {
            d->blocks[i].kind = LA_BLOCK_HEADING;
        }
    }
}

int la__structure(la_doc *doc, la_error *err)
{
    size_t n = doc->n_blocks;
    if (!n)
        return LA_OK;
    line_info *li = malloc(n * sizeof *li);
    if (!li)
        return la__fail(err, LA_ENOMEM, 0, "out of memory for structure");
    for (size_t i = 0; i < n; i++)
        li[i] = describe(doc, &doc->blocks[i]);
    size_t cs, ce;
    find_core(li, n, &cs, &ce);
    int rc = classify_header(doc, li, cs < n ? cs : n);
    if (!rc && cs < n) {
        classify_core(doc, li, cs, ce);
        classify_footer(doc, li, ce + 1);
        rc = find_publisher(doc, cs, ce);
    }
    free(li);
    return rc ? la__fail(err, rc, 0, "out of memory for structure") : LA_OK;
}

static bool body_kind(uint8_t kind)
{
    return kind == LA_BLOCK_PARAGRAPH || kind == LA_BLOCK_HEADING || kind == LA_BLOCK_LIST_ITEM ||
           kind == LA_BLOCK_QUOTE;
}

int la__main_text_from_blocks(la_doc *doc, la_error *err)
{
    size_t len = 0;
    for (size_t i = 0; i < doc->n_blocks; i++)
        if (body_kind(doc->blocks[i].kind))
            len += doc->blocks[i].end - doc->blocks[i].start + 2;
    char *out = malloc(len + 1);
    if (!out)
        return la__fail(err, LA_ENOMEM, 0, "out of memory for main text");
    size_t k = 0;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const la__block *b = &doc->blocks[i];
        if (!body_kind(b->kind))
            continue;
        if (k)
            out[k++] = '\n', out[k++] = '\n';
        memcpy(out + k, doc->text + b->start, b->end - b->start);
        k += b->end - b->start;
    }
    out[k] = '\0';
    doc->main_text = out;
    doc->main_len = k;
    return LA_OK;
}
