/* Text stage: turns the caller's bytes into the document text.
 *
 * Each invalid UTF-8 sequence is replaced by U+FFFD per maximal subpart (the Unicode
 * recommendation, and what Python's bytes.decode("utf-8", "replace") does, so Python
 * users see the same string), and each NUL byte too (C strings and JSON stay whole).
 * The replacements are recorded so byte offsets can be mapped back to the input. */
#include "internal.h"

#include <string.h>

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when invalid; then *bad gets the
 * length of the maximal subpart to replace (at least 1). NUL counts as invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n, size_t *bad)
{
    unsigned char c = s[0];
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    *bad = 1;
    if (c >= 0x01 && c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        need = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else
        return 0;
    for (size_t k = 1; k <= need; k++) {
        unsigned char lower = k == 1 ? lo : 0x80, upper = k == 1 ? hi : 0xBF;
        if (k >= n || s[k] < lower || s[k] > upper) {
            *bad = k;
            return 0;
        }
    }
    return need + 1;
}

/* First pass: the output length and the number of repairs. */
static void measure(const unsigned char *s, size_t n, size_t *out_len, size_t *repairs)
{
    size_t i = 0, len = 0, r = 0, bad;
    while (i < n) {
        if (s[i] >= 0x01 && s[i] < 0x80) { /* ASCII fast path */
            i++, len++;
            continue;
        }
        size_t k = utf8_seq(s + i, n - i, &bad);
        if (k) {
            i += k, len += k;
        } else {
            i += bad, len += 3, r++;
        }
    }
    *out_len = len;
    *repairs = r;
}

int la__text_index(la_doc *doc)
{
    size_t marks = doc->len / LA__CP_STRIDE + 1;
    free(doc->cp_mark);
    doc->cp_mark = malloc(marks * sizeof *doc->cp_mark);
    if (!doc->cp_mark)
        return LA_ENOMEM;
    uint32_t cp = 0;
    const unsigned char *t = (const unsigned char *)doc->text;
    for (uint32_t i = 0; i < doc->len; i++) {
        if (i % LA__CP_STRIDE == 0)
            doc->cp_mark[i / LA__CP_STRIDE] = cp;
        cp += (t[i] & 0xC0) != 0x80;
    }
    if (doc->len % LA__CP_STRIDE == 0)
        doc->cp_mark[doc->len / LA__CP_STRIDE] = cp;
    doc->cp_len = cp;
    return LA_OK;
}

int la__text_load(la_doc *doc, const char *data, size_t len, la_error *err)
{
    const unsigned char *s = (const unsigned char *)data;
    size_t out_len, repairs;
    measure(s, len, &out_len, &repairs);
    if (out_len >= UINT32_MAX)
        return la__fail(err, LA_ETOOBIG, 0, "text of %zu bytes exceeds 4 GiB after repair", out_len);
    doc->text = malloc(out_len + 1);
    doc->repair = repairs ? malloc(repairs * sizeof *doc->repair) : NULL;
    if (!doc->text || (repairs && !doc->repair))
        return la__fail(err, LA_ENOMEM, 0, "out of memory for %zu bytes of text", out_len);

    size_t i = 0, o = 0, bad;
    if (!repairs) {
        memcpy(doc->text, data, len);
        o = len;
    } else {
        while (i < len) {
            size_t k = utf8_seq(s + i, len - i, &bad);
            if (k) {
                memcpy(doc->text + o, s + i, k);
                i += k, o += k;
                continue;
            }
            doc->repair[doc->n_repair++] = (struct la__repair){(uint32_t)o, (uint32_t)i, (uint32_t)bad};
            memcpy(doc->text + o, "\xEF\xBF\xBD", 3);
            i += bad, o += 3;
        }
    }
    doc->text[o] = '\0';
    doc->len = (uint32_t)o;
    doc->repairs = repairs;
    if (la__text_index(doc) != LA_OK)
        return la__fail(err, LA_ENOMEM, 0, "out of memory indexing text");
    return LA_OK;
}

size_t la__doc_cp(const la_doc *doc, uint32_t byte)
{
    if (byte >= doc->len)
        return doc->cp_len;
    uint32_t base = byte / LA__CP_STRIDE * LA__CP_STRIDE;
    size_t cp = doc->cp_mark[byte / LA__CP_STRIDE];
    const unsigned char *t = (const unsigned char *)doc->text;
    for (uint32_t i = base; i < byte; i++)
        cp += (t[i] & 0xC0) != 0x80;
    return cp;
}

size_t la__doc_orig(const la_doc *doc, uint32_t byte)
{
    /* Find the last repair that ends at or before byte: bytes after it map 1:1. */
    size_t lo = 0, hi = doc->n_repair;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (doc->repair[mid].pos + 3 <= byte)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return byte;
    const struct la__repair *r = &doc->repair[lo - 1];
    return (size_t)byte - (r->pos + 3) + r->orig + r->orig_len;
}
