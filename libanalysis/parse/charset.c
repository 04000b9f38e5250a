/* Character set detection and conversion for HTML input (see charset.h). */
#include "parse/charset.h"
#include "internal.h"

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* How far into the page a <meta> charset declaration is looked for. Browsers use 1024
 * bytes; real pages often put it later, after long comments or scripts. */
#define PRESCAN_BYTES 16384

static void ob_cp(la__buf *b, uint32_t cp)
{
    unsigned char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (unsigned char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (unsigned char)(0xC0 | (cp >> 6));
        u[1] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (unsigned char)(0xE0 | (cp >> 12));
        u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (unsigned char)(0xF0 | (cp >> 18));
        u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    la__buf_put(b, u, n);
}

size_t la__utf8_seq_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    if (c < 0xC2 || c > 0xF4)
        return 0;
    if (c < 0xE0)
        return (n >= 2 && (s[1] & 0xC0) == 0x80) ? 2 : 0;
    if (c < 0xF0) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0))
            return 0; /* overlong, or a UTF-16 surrogate */
        return 3;
    }
    if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
        return 0;
    if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
        return 0;
    return 4;
}

/* windows-1252 0x80..0x9F; 0 marks the five undefined bytes. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

static uint32_t cp1252(unsigned char c)
{
    if (c >= 0x80 && c < 0xA0)
        return cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] : 0xFFFD;
    return c;
}

/* A code point as the parser should see it: NUL is U+FFFD, other C0 controls (which
 * HTML forbids and libxml2 would drop or choke on) a space. */
static void put_clean(la__buf *b, uint32_t cp)
{
    if (cp == 0)
        cp = 0xFFFD;
    else if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
        cp = ' ';
    ob_cp(b, cp);
}

/* UTF-8 with each invalid byte read as windows-1252: mixed pages (a UTF-8 template with
 * pasted legacy text) come out readable, and the result is always valid. Runs of
 * bytes that need no change (most of a page) are copied in one go. */
static void decode_utf8_lenient(la__buf *b, const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n && !b->failed) {
        size_t run = i;
        while (run < n) {
            uint64_t x;
            /* eight plain ASCII bytes at a time: none >= 0x80 or < 0x20 */
            while (run + 8 <= n && (memcpy(&x, s + run, 8), !(x & 0x8080808080808080ull)) &&
                   !((x - 0x2020202020202020ull) & ~x & 0x8080808080808080ull))
                run += 8;
            if (run >= n)
                break;
            unsigned c = s[run];
            if (c < 0x80) {
                if (c < 0x20 && c != '\n' && c != '\t' && c != '\r')
                    break; /* a control character to clean */
                run++;
                continue;
            }
            size_t k = la__utf8_seq_len(s + run, n - run);
            if (!k)
                break;
            run += k;
        }
        if (run > i) {
            la__buf_put(b, s + i, run - i);
            i = run;
            continue;
        }
        put_clean(b, s[i] < 0x80 ? s[i] : cp1252(s[i]));
        i++;
    }
}

static void decode_cp1252(la__buf *b, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n && !b->failed; i++)
        put_clean(b, cp1252(s[i]));
}

/* True when s holds only valid UTF-8 and at least one multi-byte sequence: such bytes
 * are almost never legacy text, whatever the page declares. */
static bool utf8_scan(const unsigned char *s, size_t n, bool *multi)
{
    *multi = false;
    for (size_t i = 0; i < n;) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = la__utf8_seq_len(s + i, n - i);
        if (!k)
            return false;
        *multi = true;
        i += k;
    }
    return true;
}

static bool looks_utf8(const unsigned char *s, size_t n)
{
    bool multi;
    return utf8_scan(s, n, &multi) && multi;
}

static bool is_utf8_valid(const unsigned char *s, size_t n)
{
    bool multi;
    return utf8_scan(s, n, &multi);
}

/* Converts with iconv; undecodable bytes become U+FFFD. The output goes through
 * decode_utf8_lenient so control characters are cleaned like every other path.
 * Returns false when iconv does not know the encoding. */
static bool decode_iconv(la__buf *b, const char *enc, const unsigned char *s, size_t n)
{
    iconv_t cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1)
        return false;
    la__buf tmp = {0};
    char *in = (char *)s;
    size_t left = n;
    while (left > 0 && !tmp.failed) {
        if (!la__buf_reserve(&tmp, left * 4 + 16))
            break;
        char *outp = tmp.p + tmp.len;
        size_t room = tmp.cap - tmp.len - 1;
        size_t r = iconv(cd, &in, &left, &outp, &room);
        tmp.len = (size_t)(outp - tmp.p);
        if (r == (size_t)-1) {
            if (errno == E2BIG)
                continue;
            la__buf_put(&tmp, "\xEF\xBF\xBD", 3);
            if (errno == EINVAL) /* truncated sequence at the end */
                break;
            in++; /* EILSEQ: skip one byte and resynchronise */
            left--;
        }
    }
    iconv_close(cd);
    if (tmp.failed) {
        free(tmp.p);
        b->failed = true;
        return true;
    }
    decode_utf8_lenient(b, (const unsigned char *)tmp.p, tmp.len);
    free(tmp.p);
    return true;
}

static int lower(int c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

/* Case-insensitive search for needle (lower case) in [s, s+n). */
static const char *find_ci(const char *s, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    bool letter = needle[0] >= 'a' && needle[0] <= 'z';
    for (size_t i = 0; i + m <= n; i++) {
        if (!letter) { /* jump to the next possible start */
            const char *hit = memchr(s + i, needle[0], n - i - m + 1);
            if (!hit)
                return NULL;
            i = (size_t)(hit - s);
        }
        size_t j = 0;
        while (j < m && lower((unsigned char)s[i + j]) == needle[j])
            j++;
        if (j == m)
            return s + i;
    }
    return NULL;
}

/* Finds "charset=" inside a <meta ...> tag in the first PRESCAN_BYTES; copies the
 * label (lower case) into label. False when none is declared. */
static bool prescan_charset(const char *s, size_t n, char *label, size_t cap)
{
    if (n > PRESCAN_BYTES)
        n = PRESCAN_BYTES;
    const char *p = s, *end = s + n;
    while ((p = find_ci(p, (size_t)(end - p), "<meta")) != NULL) {
        const char *close = memchr(p, '>', (size_t)(end - p));
        const char *tag_end = close ? close : end;
        const char *cs = find_ci(p, (size_t)(tag_end - p), "charset");
        if (cs) {
            cs += 7;
            while (cs < tag_end && (*cs == ' ' || *cs == '='|| *cs == '"' || *cs == '\''))
                cs++;
            size_t k = 0;
            while (cs < tag_end && k + 1 < cap &&
                   (((*cs | 32) >= 'a' && (*cs | 32) <= 'z') || (*cs >= '0' && *cs <= '9') ||
                    *cs == '-' || *cs == '_' || *cs == ':' || *cs == '.')) {
                label[k++] = (char)lower((unsigned char)*cs);
                cs++;
            }
            label[k] = '\0';
            if (k)
                return true;
        }
        p += 5;
    }
    return false;
}

typedef enum { ENC_UTF8, ENC_CP1252, ENC_OTHER } enc_kind;

/* WHATWG treats latin1 and ascii labels as windows-1252, and a <meta> that claims
 * UTF-16 (which an ASCII-compatible prescan cannot have read) as UTF-8. */
static enc_kind classify(const char *label)
{
    static const char *const utf8[] = {"utf-8", "utf8", "unicode-1-1-utf-8", "utf-16",
                                       "utf-16le", "utf-16be", "unicode", NULL};
    static const char *const latin[] = {"windows-1252", "cp1252", "iso-8859-1", "iso8859-1",
                                        "latin1", "latin-1", "l1", "us-ascii", "ascii",
                                        "iso_8859-1", "x-cp1252", "cp819", "ibm819", NULL};
    for (int i = 0; utf8[i]; i++)
        if (!strcmp(label, utf8[i]))
            return ENC_UTF8;
    for (int i = 0; latin[i]; i++)
        if (!strcmp(label, latin[i]))
            return ENC_CP1252;
    return ENC_OTHER;
}

static void decode_declared(la__buf *b, const char *label, const unsigned char *s, size_t n)
{
    enc_kind k = classify(label);
    if (k == ENC_UTF8 || looks_utf8(s, n)) {
        decode_utf8_lenient(b, s, n);
    } else if (k == ENC_CP1252) {
        decode_cp1252(b, s, n);
    } else if (!decode_iconv(b, label, s, n)) {
        /* unknown label: guess from the bytes */
        if (is_utf8_valid(s, n))
            decode_utf8_lenient(b, s, n);
        else
            decode_cp1252(b, s, n);
    }
}

int la__charset_to_utf8(const char *data, size_t len, char **out, size_t *out_len)
{
    const unsigned char *s = (const unsigned char *)data;
    la__buf b = {0};
    if (!la__buf_reserve(&b, len + len / 8 + 16))
        return -1;
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        decode_utf8_lenient(&b, s + 3, len - 3);
    } else if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
        if (!decode_iconv(&b, "UTF-16LE", s + 2, len - 2))
            decode_cp1252(&b, s, len);
    } else if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
        if (!decode_iconv(&b, "UTF-16BE", s + 2, len - 2))
            decode_cp1252(&b, s, len);
    } else {
        char label[48];
        if (prescan_charset(data, len, label, sizeof label))
            decode_declared(&b, label, s, len);
        else /* undeclared: UTF-8, each invalid byte read as windows-1252 */
            decode_utf8_lenient(&b, s, len);
    }
    if (b.failed || !la__buf_reserve(&b, 0)) {
        free(b.p);
        return -1;
    }
    b.p[b.len] = '\0';
    *out = b.p;
    *out_len = b.len;
    return 0;
}
