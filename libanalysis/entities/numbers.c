/* Rules for DATE, TIME, CARDINAL, ORDINAL, PERCENT, MONEY and QUANTITY over tokens, with
 * OntoNotes span conventions ("the past two decades", "22.1 percent", "mid-February",
 * "between 1988 and 1989", "$5 million") and normalized values (ISO dates, plain numbers). */
#include "entities/mention.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct ctx {
    const la_doc *doc;
    uint32_t first, end;
    const uint8_t *taken;
} ctx;

static bool ok(const ctx *c, uint32_t i) { return i >= c->first && i < c->end && !c->taken[i - c->first]; }
static const char *tx(const ctx *c, uint32_t i) { return c->doc->text + c->doc->tokens[i].start; }
static size_t tl(const ctx *c, uint32_t i) { return c->doc->tokens[i].end - c->doc->tokens[i].start; }
static unsigned char lower(unsigned char ch) { return ch >= 'A' && ch <= 'Z' ? ch + 32 : ch; }
/* Case-insensitive (ASCII, as strncasecmp in the C locale) equality of the n bytes t and the
 * word w. Inline rather than strncasecmp: these run many times for every token and most
 * differ in the first byte. The text has no NUL bytes, so the loop stops at w's end. */
static bool same_bytes(const char *t, size_t n, const char *w)
{
    for (size_t k = 0; k < n; k++)
        if (lower((unsigned char)t[k]) != lower((unsigned char)w[k]))
            return false;
    return w[n] == '\0';
}
static bool is(const ctx *c, uint32_t i, const char *w)
{
    return ok(c, i) && same_bytes(tx(c, i), tl(c, i), w);
}
static int in_list(const ctx *c, uint32_t i, const char *const *list)
{
    if (!ok(c, i))
        return -1;
    const char *t = tx(c, i);
    size_t n = tl(c, i);
    unsigned char first = lower((unsigned char)t[0]);
    for (int k = 0; list[k]; k++)
        if (lower((unsigned char)list[k][0]) == first && same_bytes(t, n, list[k]))
            return k;
    return -1;
}

static const char *const MONTHS[] = {"January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr.", "May.",
    "Jun.", "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec.", "Sept.", NULL};
static const char *const WEEKDAYS[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", NULL};
static const char *const UNITS[] = {"year", "years", "month", "months", "week", "weeks", "day", "days",
    "decade", "decades", "century", "centuries", "weekend", "quarter", "spring", "summer", "autumn",
    "fall", "winter", "era", NULL};
static const char *const REL[] = {"last", "next", "this", "past", "coming", "previous", "recent",
    "following", "same", "current", "early", "late", "mid", NULL};
static const char *const FEW[] = {"few", "several", "couple", "many", NULL};
static const char *const ONES[] = {"zero", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
    "seventeen", "eighteen", "nineteen", NULL};
static const char *const TENS[] = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
    "ninety", NULL};
static const char *const ORDS[] = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh",
    "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
    "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", NULL};
static const char *const SCALES[] = {"hundred", "thousand", "million", "billion", "trillion", "bn", "m", NULL};
static const double SCALE_V[] = {1e2, 1e3, 1e6, 1e9, 1e12, 1e9, 1e6};
static const char *const PLURAL_NUMS[] = {"hundreds", "thousands", "millions", "billions", "dozens",
    "tens", NULL};
static const char *const CURRENCY_WORDS[] = {"dollars", "dollar", "euros", "euro", "pounds", "dinars",
    "dinar", "riyals", "rials", "rial", "yuan", "yen", "rubles", "roubles", "lira", "cents", NULL};
static const char *const QUANT_UNITS[] = {"km", "kilometers", "kilometres", "kilometer", "kilometre",
    "miles", "mile", "meters", "metres", "meter", "metre", "tons", "tonnes", "ton", "kg", "kilograms",
    "barrels", "feet", "foot", "acres", "hectares", "liters", "litres", "square", "pounds-force", "mph",
    "km/h", "cm", "mm", "inches", "gallons", "megawatts", "MW", "bpd", NULL};

/* A digit token's value: 2,500 -> 2500. */
static bool digits(const ctx *c, uint32_t i, double *v, bool *plain_year)
{
    if (!ok(c, i) || !(c->doc->tokens[i].flags & LA_TOKEN_NUMBER))
        return false;
    const char *s = tx(c, i);
    size_t n = tl(c, i);
    char buf[64];
    size_t k = 0;
    bool comma = false;
    for (size_t j = 0; j < n && k < sizeof buf - 1; j++) {
        if (s[j] == ',') {
            comma = true;
            continue;
        }
        if (!((s[j] >= '0' && s[j] <= '9') || s[j] == '.'))
            return false;
        buf[k++] = s[j];
    }
    buf[k] = '\0';
    if (!k || buf[0] == '.')
        return false;
    *v = strtod(buf, NULL);
    if (plain_year)
        *plain_year = !comma && n == 4 && *v >= 1000 && *v <= 2100 && !memchr(s, '.', n);
    return true;
}

/* Number words: "twenty-five", "sixteen", "one hundred". Returns tokens consumed. */
static uint32_t word_number(const ctx *c, uint32_t i, double *v)
{
    if (!ok(c, i))
        return 0;
    int k = in_list(c, i, ONES);
    if (k >= 0) {
        *v = k;
        return 1;
    }
    if ((k = in_list(c, i, TENS)) >= 0) {
        *v = 20 + 10 * k;
        return 1;
    }
    /* hyphenated twenty-five */
    const char *s = tx(c, i);
    size_t n = tl(c, i);
    const char *h = memchr(s, '-', n);
    if (h) {
        for (int a = 0; TENS[a]; a++)
            if ((size_t)(h - s) == strlen(TENS[a]) && !strncasecmp(s, TENS[a], (size_t)(h - s)))
                for (int b = 1; b < 10; b++)
                    if ((size_t)(s + n - h - 1) == strlen(ONES[b]) && !strncasecmp(h + 1, ONES[b], strlen(ONES[b]))) {
                        *v = 20 + 10 * a + b;
                        return 1;
                    }
    }
    return 0;
}

static bool set_value(char **out, const char *fmt, double v)
{
    char buf[64];
    if (fmt)
        snprintf(buf, sizeof buf, fmt, v);
    else if (v > -1e18 && v < 1e18 && v == (double)(long long)v) /* range first: the cast is UB outside */
        snprintf(buf, sizeof buf, "%lld", (long long)v);
    else
        snprintf(buf, sizeof buf, "%.10g", v);
    *out = la__strndup(buf, strlen(buf));
    return *out != NULL;
}

/* Month index 1..12 of token i, or 0; also "mid-February" style with *mid set. */
static int month_of(const ctx *c, uint32_t i)
{
    int k = in_list(c, i, MONTHS);
    if (k < 0)
        return 0;
    if (k >= 12)
        k = k == 24 ? 8 : k - 12;
    /* "May" is a month only next to a day or year: checked by callers */
    return k + 1;
}

static bool day_tok(const ctx *c, uint32_t i, int *day)
{
    double v;
    bool y;
    if (!digits(c, i, &v, &y) || v < 1 || v > 31 || v != (int)v || tl(c, i) > 2) {
        /* 23rd, 1st */
        if (!ok(c, i))
            return false;
        const char *s = tx(c, i);
        size_t n = tl(c, i);
        if (n < 3 || n > 4 || s[0] < '0' || s[0] > '9')
            return false;
        int d = atoi(s);
        const char *suf = s + (n - 2);
        if (d < 1 || d > 31 || !(strncasecmp(suf, "st", 2) == 0 || !strncasecmp(suf, "nd", 2) ||
                                 !strncasecmp(suf, "rd", 2) || !strncasecmp(suf, "th", 2)))
            return false;
        *day = d;
        return true;
    }
    *day = (int)v;
    return true;
}

static bool year_tok(const ctx *c, uint32_t i, int *year)
{
    double v;
    bool y;
    if (digits(c, i, &v, &y) && y) {
        *year = (int)v;
        return true;
    }
    return false;
}

/* A date at i: end token in *j, value (malloc'd or NULL). */
static bool absolute_date(const ctx *c, uint32_t i, uint32_t *j, int *Y, int *M, int *D)
{
    *Y = *M = *D = 0;
    uint32_t k = i;
    int d, m, y;
    if (in_list(c, k, WEEKDAYS) >= 0) {
        uint32_t k2 = k + 1;
        if (is(c, k2, ","))
            k2++;
        if (day_tok(c, k2, &d) && month_of(c, k2 + 1)) {
            k = k2;
        } else if (month_of(c, k2) && day_tok(c, k2 + 1, &d)) {
            k = k2;
        } else {
            *j = k + 1;
            return true; /* weekday alone */
        }
    }
    if (day_tok(c, k, &d) && (m = month_of(c, k + 1))) {
        *D = d, *M = m;
        k += 2;
        if (is(c, k, ","))
            k++;
        if (year_tok(c, k, &y))
            *Y = y, k++;
        else if (is(c, k - 1, ","))
            k--;
        *j = k;
        return true;
    }
    if ((m = month_of(c, k))) {
        uint32_t k2 = k + 1;
        if (is(c, k2, "the"))
            k2++;
        if (day_tok(c, k2, &d)) {
            *M = m, *D = d;
            k = k2 + 1;
            uint32_t k3 = k;
            if (is(c, k3, ","))
                k3++;
            if (year_tok(c, k3, &y))
                *Y = y, k = k3 + 1;
            *j = k;
            return true;
        }
        if (year_tok(c, k + 1, &y) || (is(c, k + 1, ",") && year_tok(c, k + 2, &y))) {
            *M = m, *Y = y;
            *j = k + (is(c, k + 1, ",") ? 3 : 2);
            return true;
        }
        if (m == 5 && tl(c, k) == 3)
            return false; /* "May" the verb */
        *M = m;
        *j = k + 1;
        return true;
    }
    if (year_tok(c, k, &y)) {
        *Y = y;
        *j = k + 1;
        return true;
    }
    /* 1990s, mid-February, mid-2020 */
    if (ok(c, k)) {
        const char *s = tx(c, k);
        size_t n = tl(c, k);
        if (n == 5 && s[4] == 's' && s[0] >= '1' && s[0] <= '2' && s[3] == '0') {
            *j = k + 1;
            return true;
        }
        if (n > 4 && (!strncasecmp(s, "mid-", 4) || !strncasecmp(s, "early-", 6) || !strncasecmp(s, "late-", 5))) {
            const char *r = memchr(s, '-', n) + 1;
            size_t rn = (size_t)(s + n - r);
            for (int q = 0; q < 12; q++)
                if (rn == strlen(MONTHS[q]) && !strncasecmp(r, MONTHS[q], rn)) {
                    *M = q + 1;
                    *j = k + 1;
                    return true;
                }
            if (rn == 4 && r[0] >= '1' && r[0] <= '2') {
                *Y = atoi(r);
                *j = k + 1;
                return true;
            }
        }
    }
    return false;
}

static bool relative_date(const ctx *c, uint32_t i, uint32_t *j)
{
    uint32_t k = i;
    if (is(c, k, "today") || is(c, k, "yesterday") || is(c, k, "tomorrow")) {
        *j = k + 1;
        return true;
    }
    bool the = is(c, k, "the");
    if (the)
        k++;
    if (in_list(c, k, REL) >= 0) {
        uint32_t k2 = k + 1;
        double v;
        if (digits(c, k2, &v, NULL) || word_number(c, k2, &v))
            k2++;
        else if (in_list(c, k2, FEW) >= 0)
            k2++;
        if (in_list(c, k2, UNITS) >= 0 || in_list(c, k2, WEEKDAYS) >= 0 ||
            (month_of(c, k2) && !(tl(c, k2) == 3 && month_of(c, k2) == 5))) {
            *j = k2 + 1;
            if (!the && (is(c, i, "early") || is(c, i, "late") || is(c, i, "mid")) && in_list(c, k2, UNITS) < 0)
                return true;
            return true;
        }
        int Y, M, D;
        uint32_t e;
        if ((is(c, k, "early") || is(c, k, "late")) && absolute_date(c, k + 1, &e, &Y, &M, &D) && !the) {
            *j = e;
            return true;
        }
        return false;
    }
    if (the)
        return false;
    /* durations: two years (ago|later), a few months later, several years */
    uint32_t k2 = k;
    double v;
    if (is(c, k2, "a") && in_list(c, k2 + 1, FEW) >= 0)
        k2 += 2;
    else if (is(c, k2, "a") || in_list(c, k2, FEW) >= 0)
        k2 += 1;
    else if (digits(c, k2, &v, NULL) || word_number(c, k2, &v))
        k2 += 1;
    else
        return false;
    if (is(c, k2, "of"))
        k2++;
    int u = in_list(c, k2, UNITS);
    if (u < 0 || u > 11)
        return false;
    k2++;
    if (is(c, k2, "ago") || is(c, k2, "later") || is(c, k2, "earlier"))
        k2++;
    else if (is(c, i, "a") && !is(c, i + 1, "few"))
        return false; /* "a year" alone is too vague */
    *j = k2;
    return true;
}

/* "several-year", "two-year", "20-year" */
static bool hyphen_duration(const ctx *c, uint32_t i)
{
    if (!ok(c, i))
        return false;
    const char *s = tx(c, i);
    size_t n = tl(c, i);
    const char *h = memchr(s, '-', n);
    if (!h)
        return false;
    size_t rn = (size_t)(s + n - h - 1);
    const char *r = h + 1;
    bool unit = (rn == 4 && !strncasecmp(r, "year", 4)) || (rn == 5 && !strncasecmp(r, "month", 5)) ||
                (rn == 4 && !strncasecmp(r, "week", 4)) || (rn == 6 && !strncasecmp(r, "decade", 6)) ||
                (rn == 3 && !strncasecmp(r, "day", 3));
    return unit && (s[0] >= '0' && s[0] <= '9' ? 1 : 1);
}

static int push(la__mentions *out, const ctx *c, uint32_t i, uint32_t j, int label, char *value)
{
    la__mention m = {c->doc->tokens[i].start, c->doc->tokens[j - 1].end, i, j - i, (uint8_t)label, NULL, value};
    if (LA__PUSH(out->m, out->n, out->cap, m)) {
        free(value);
        return LA_ENOMEM;
    }
    return LA_OK;
}

static bool any_date(const ctx *c, uint32_t i, uint32_t *j, char **value)
{
    int Y, M, D;
    *value = NULL;
    uint32_t k = i;
    /* the end of / the beginning of / the middle of */
    if (is(c, k, "the") && (is(c, k + 1, "end") || is(c, k + 1, "beginning") || is(c, k + 1, "start") ||
                            is(c, k + 1, "middle")) && is(c, k + 2, "of")) {
        uint32_t e;
        char *v;
        if (any_date(c, k + 3, &e, &v)) {
            free(v);
            *j = e;
            return true;
        }
        return false;
    }
    if (is(c, k, "between")) {
        uint32_t e1, e2;
        if (absolute_date(c, k + 1, &e1, &Y, &M, &D) && is(c, e1, "and") &&
            absolute_date(c, e1 + 1, &e2, &Y, &M, &D)) {
            *j = e2;
            return true;
        }
        return false;
    }
    uint32_t e;
    if (absolute_date(c, k, &e, &Y, &M, &D)) {
        char buf[32] = "";
        if (Y && M && D) snprintf(buf, sizeof buf, "%04d-%02d-%02d", Y, M, D);
        else if (Y && M) snprintf(buf, sizeof buf, "%04d-%02d", Y, M);
        else if (Y) snprintf(buf, sizeof buf, "%04d", Y);
        else if (M && D) snprintf(buf, sizeof buf, "XXXX-%02d-%02d", M, D);
        else if (M) snprintf(buf, sizeof buf, "XXXX-%02d", M);
        /* "January of last year" */
        uint32_t e2;
        if (M && !Y && is(c, e, "of") && relative_date(c, e + 1, &e2))
            e = e2;
        *j = e;
        if (*buf && !(*value = la__strndup(buf, strlen(buf))))
            return false;
        return true;
    }
    if (relative_date(c, k, &e) || (hyphen_duration(c, k) && (e = k + 1))) {
        *j = e;
        return true;
    }
    return false;
}

/* Whether a rule can start at token i, to skip ordinary words (most tokens) without trying
 * each rule's word lists in turn. A plain word (a letter first, no digits flag, no hyphen)
 * starts a rule only if it is one of the words the rules look for at their first token:
 * START_LISTS (a rule that starts at a new word needs it there). Anything else goes through
 * the rules. */
static const char *const START_WORDS[] = {"the", "a", "between", "today", "yesterday", "tomorrow",
    "tonight", "US$", NULL};
static const char *const *const START_LISTS[] = {START_WORDS, WEEKDAYS, MONTHS, REL, FEW, ONES,
    TENS, ORDS, PLURAL_NUMS, NULL};
/* The words of START_LISTS lower-cased and sorted (strcmp order), for a binary search instead
 * of ~110 comparisons per token. la__numbers_check_starters (tests) keeps the two in step. */
static const char *const STARTERS[] = {
    "a", "apr.", "april", "aug.", "august", "between", "billions", "coming", "couple", "current",
    "dec.", "december", "dozens", "early", "eight", "eighteen", "eighteenth", "eighth", "eighty",
    "eleven", "eleventh", "feb.", "february", "few", "fifteen", "fifteenth", "fifth", "fifty",
    "first", "five", "following", "forty", "four", "fourteen", "fourteenth", "fourth", "friday",
    "hundreds", "jan.", "january", "jul.", "july", "jun.", "june", "last", "late", "many", "mar.",
    "march", "may", "may.", "mid", "millions", "monday", "next", "nine", "nineteen", "nineteenth",
    "ninety", "ninth", "nov.", "november", "oct.", "october", "one", "past", "previous", "recent",
    "same", "saturday", "second", "sep.", "sept.", "september", "seven", "seventeen",
    "seventeenth", "seventh", "seventy", "several", "six", "sixteen", "sixteenth", "sixth",
    "sixty", "sunday", "ten", "tens", "tenth", "the", "third", "thirteen", "thirteenth", "thirty",
    "this", "thousands", "three", "thursday", "today", "tomorrow", "tonight", "tuesday", "twelfth",
    "twelve", "twentieth", "twenty", "two", "us$", "wednesday", "yesterday", "zero"};
#define N_STARTERS (sizeof STARTERS / sizeof *STARTERS)

/* Whether the n bytes s, lower-cased, are in STARTERS. */
static bool starter(const char *s, size_t n)
{
    char low[16]; /* longer than any starter */
    if (n >= sizeof low)
        return false;
    for (size_t k = 0; k < n; k++)
        low[k] = (char)lower((unsigned char)s[k]);
    low[n] = '\0';
    /* Binary search; the first letters decide most steps without a call to strcmp. */
    size_t lo = 0, hi = N_STARTERS;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int d = (unsigned char)low[0] - (unsigned char)STARTERS[mid][0];
        if (d == 0)
            d = strcmp(low, STARTERS[mid]);
        if (d == 0)
            return true;
        if (d < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

static bool may_start(const ctx *c, uint32_t i)
{
    const char *s = tx(c, i);
    size_t n = tl(c, i);
    unsigned char f = lower((unsigned char)s[0]);
    if (!(f >= 'a' && f <= 'z') || (c->doc->tokens[i].flags & LA_TOKEN_NUMBER) || memchr(s, '-', n))
        return true;
    return starter(s, n);
}

bool la__numbers_check_starters(void)
{
    for (size_t k = 1; k < N_STARTERS; k++)
        if (strcmp(STARTERS[k - 1], STARTERS[k]) >= 0)
            return false; /* not sorted */
    for (int l = 0; START_LISTS[l]; l++)
        for (int k = 0; START_LISTS[l][k]; k++)
            if (!starter(START_LISTS[l][k], strlen(START_LISTS[l][k])))
                return false; /* a list word missing */
    for (size_t k = 0; k < N_STARTERS; k++) {
        bool listed = false;
        for (int l = 0; START_LISTS[l] && !listed; l++)
            for (int w = 0; START_LISTS[l][w] && !listed; w++)
                listed = same_bytes(STARTERS[k], strlen(STARTERS[k]), START_LISTS[l][w]);
        if (!listed)
            return false; /* a word in no list */
    }
    return true;
}

int la__numbers(const la_doc *doc, uint32_t first, uint32_t end, const uint8_t *taken, la__mentions *out)
{
    ctx c = {doc, first, end, taken};
    for (uint32_t i = first; i < end;) {
        if (!ok(&c, i) || !may_start(&c, i)) {
            i++;
            continue;
        }
        uint32_t j;
        char *value = NULL;
        /* a number run into a taken token (e.g. part of a name) is left alone */
        if (any_date(&c, i, &j, &value)) {
            if (push(out, &c, i, j, LA__DATE, value))
                return LA_ENOMEM;
            i = j;
            continue;
        }
        /* time: 10 a.m., 14:30, this morning, tonight */
        if (is(&c, i, "tonight") || ((is(&c, i, "this") || is(&c, i, "last")) &&
                                     (is(&c, i + 1, "morning") || is(&c, i + 1, "afternoon") ||
                                      is(&c, i + 1, "evening") || is(&c, i + 1, "night")))) {
            j = is(&c, i, "tonight") ? i + 1 : i + 2;
            if (push(out, &c, i, j, LA__TIME, NULL))
                return LA_ENOMEM;
            i = j;
            continue;
        }
        double v;
        uint32_t k = i;
        bool money = false;
        if (is(&c, k, "$") || is(&c, k, "US$") || is(&c, k, "€") || is(&c, k, "£")) {
            money = true;
            k++;
        }
        uint32_t w = 0;
        bool num = digits(&c, k, &v, NULL) || (w = word_number(&c, k, &v)) > 0;
        if (!num) {
            int o = in_list(&c, i, ORDS);
            if (o >= 0 && !is(&c, i - 1, "at")) {
                if (!set_value(&value, NULL, o + 1) || push(out, &c, i, i + 1, LA__ORDINAL, value))
                    return LA_ENOMEM;
            } else if (in_list(&c, i, PLURAL_NUMS) >= 0 && i + 1 < end && is(&c, i + 1, "of")) {
                if (push(out, &c, i, i + 1, LA__CARDINAL, NULL))
                    return LA_ENOMEM;
            }
            i++;
            continue;
        }
        /* time */
        if (ok(&c, k + 1) && (is(&c, k + 1, "a.m.") || is(&c, k + 1, "p.m.") || is(&c, k + 1, "am") ||
                              is(&c, k + 1, "pm") || is(&c, k + 1, "GMT"))) {
            if (push(out, &c, i, k + 2, LA__TIME, NULL))
                return LA_ENOMEM;
            i = k + 2;
            continue;
        }
        /* "one" as a pronoun */
        if (w && v == 1 && (is(&c, k + 1, "another") || is(&c, k - 1, "no") || is(&c, k - 1, "the") ||
                           is(&c, k - 1, "any") || is(&c, k - 1, "every") || is(&c, k - 1, "each") ||
                           is(&c, k - 1, "this") || is(&c, k - 1, "that"))) {
            i = k + 1;
            continue;
        }
        k++;
        int s;
        while ((s = in_list(&c, k, SCALES)) >= 0 && (s < 5 || money)) {
            v *= SCALE_V[s];
            k++;
        }
        int label = LA__CARDINAL;
        const char *fmt = NULL;
        if (money) {
            label = LA__MONEY;
            if (in_list(&c, k, CURRENCY_WORDS) >= 0)
                k++;
        } else if (is(&c, k, "percent") || is(&c, k, "%") || (is(&c, k, "per") && is(&c, k + 1, "cent"))) {
            label = LA__PERCENT;
            k += is(&c, k, "per") ? 2 : 1;
            /* keep the written precision: 14.70 -> 14.70 */
            const char *s0 = tx(&c, money ? i + 1 : i);
            size_t n0 = tl(&c, money ? i + 1 : i);
            if (!w && memchr(s0, '.', n0) && !memchr(s0, ',', n0)) {
                value = la__strndup(s0, n0);
                if (!value)
                    return LA_ENOMEM;
            }
        } else if (in_list(&c, k, CURRENCY_WORDS) >= 0) {
            label = LA__MONEY;
            k++;
        } else if (in_list(&c, k, QUANT_UNITS) >= 0) {
            label = LA__QUANTITY;
            k++;
            if (is(&c, k - 1, "square") && ok(&c, k))
                k++;
        }
        if (!value && !set_value(&value, fmt, v))
            return LA_ENOMEM;
        if (push(out, &c, i, k, label, value))
            return LA_ENOMEM;
        i = k;
    }
    return LA_OK;
}
