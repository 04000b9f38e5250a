/* Character classes over valid UTF-8 (doc->text is always valid). ASCII is answered by
 * table lookups; everything else by utf8proc's Unicode categories. */
#ifndef LA_PARSE_CHARS_H
#define LA_PARSE_CHARS_H

#include <stdbool.h>
#include <stdint.h>
#include <utf8proc.h>

enum {
    LA__C_SPACE = 1,    /* white space that is not a line break */
    LA__C_NEWLINE = 2,  /* \n \r \v \f U+2028 U+2029 U+0085 */
    LA__C_UPPER = 3,    /* letter, upper or title case */
    LA__C_LOWER = 4,    /* letter, lower case */
    LA__C_LETTER = 5,   /* other letters (no case), combining marks */
    LA__C_DIGIT = 6,    /* decimal digits and other numbers */
    LA__C_PUNCT = 7     /* punctuation, symbols, controls, anything else */
};

/* Decodes the code point at s[i] (valid UTF-8, i < end); *n gets its byte length. */
static inline uint32_t la__decode(const char *s, uint32_t i, uint32_t end, int *n)
{
    const unsigned char *u = (const unsigned char *)s + i;
    if (u[0] < 0x80) { *n = 1; return u[0]; }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(u, (utf8proc_ssize_t)(end - i), &cp);
    if (k <= 0) { *n = 1; return 0xFFFD; }
    *n = (int)k;
    return (uint32_t)cp;
}

static inline int la__class(uint32_t c)
{
    if (c < 0x80) {
        if (c == ' ' || c == '\t') return LA__C_SPACE;
        if (c == '\n' || c == '\r' || c == '\v' || c == '\f') return LA__C_NEWLINE;
        if (c >= 'A' && c <= 'Z') return LA__C_UPPER;
        if (c >= 'a' && c <= 'z') return LA__C_LOWER;
        if (c >= '0' && c <= '9') return LA__C_DIGIT;
        return LA__C_PUNCT;
    }
    if (c == 0x2028 || c == 0x2029 || c == 0x85) return LA__C_NEWLINE;
    if (c == 0xFEFF || c == 0x200B) return LA__C_SPACE; /* BOM, zero-width space */
    switch (utf8proc_category((utf8proc_int32_t)c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT: return LA__C_UPPER;
    case UTF8PROC_CATEGORY_LL: return LA__C_LOWER;
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return LA__C_LETTER;
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return LA__C_DIGIT;
    case UTF8PROC_CATEGORY_ZS: return LA__C_SPACE;
    case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP: return LA__C_NEWLINE;
    default: return LA__C_PUNCT;
    }
}

static inline bool la__is_space(int cls) { return cls == LA__C_SPACE || cls == LA__C_NEWLINE; }
static inline bool la__is_alpha(int cls) { return cls >= LA__C_UPPER && cls <= LA__C_LETTER; }
static inline bool la__is_alnum(int cls) { return cls >= LA__C_UPPER && cls <= LA__C_DIGIT; }

#endif
