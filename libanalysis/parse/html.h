/* HTML input: main-content extraction into the document model.
 * Implemented in parse/html.c over libxml2's HTML parser. */
#ifndef LA_PARSE_HTML_H
#define LA_PARSE_HTML_H

#include "internal.h"

/* What an HTML page becomes. All strings are owned, UTF-8, NUL-terminated. */
typedef struct la__html_page {
    char *text;             /* the document text: title, byline/date lines, then the
                               article's headings and paragraphs, blocks separated by "\n\n" */
    uint32_t len;           /* bytes in text */
    la__block *blocks;      /* blocks of text, in order, non-overlapping; start/end are
                               byte offsets into text; kinds: TITLE, BYLINE, DATE,
                               HEADING, PARAGRAPH, LIST_ITEM, QUOTE (sentence fields 0) */
    size_t n_blocks;
    char *meta[4];          /* by la_meta_field: title, byline, publisher, ISO date; or NULL */
    char *main_text;        /* the article body only (what a reader would call the article) */
    size_t main_len;
} la__html_page;

/* True when data looks like HTML (after an optional BOM and white space: "<!doctype",
 * "<html", "<head", "<body", "<?xml" followed by html, or another leading tag). */
bool la__html_sniff(const char *data, size_t len);

/* Parses any bytes as an HTML page. Never crashes on malformed input: a page with no
 * content gives an empty text and 0 blocks. Returns LA_OK, or LA_ENOMEM. On failure
 * *out is left zeroed. */
int la__html_extract(la__html_page *out, const char *data, size_t len, la_error *err);

/* Frees what la__html_extract allocated; safe on a zeroed page. */
void la__html_page_free(la__html_page *page);

#endif
