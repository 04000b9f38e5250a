/* Character set detection and conversion for HTML input.
 * Implemented in parse/charset.c (glibc iconv for legacy encodings). */
#ifndef LA_PARSE_CHARSET_H
#define LA_PARSE_CHARSET_H

#include <stddef.h>

/* Decodes an HTML page of any bytes into UTF-8. The encoding comes from a BOM, else a
 * <meta charset> / <meta http-equiv content-type> in the first bytes, else UTF-8 when
 * the bytes are valid UTF-8, else windows-1252. Bytes that do not decode become U+FFFD
 * (declared UTF-8 falls back to windows-1252 per invalid byte, for mixed pages); NUL
 * becomes U+FFFD and other C0 controls a space, so the result is valid UTF-8 that an
 * XML parser accepts. The BOM is dropped. On success *out (malloc'd, NUL-terminated)
 * and *out_len are set and 0 is returned; -1 when out of memory. */
int la__charset_to_utf8(const char *data, size_t len, char **out, size_t *out_len);

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when the bytes there are not one.
 * n is the number of bytes available. */
size_t la__utf8_seq_len(const unsigned char *s, size_t n);

#endif
