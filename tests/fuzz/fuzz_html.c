/* libFuzzer target for HTML input: any bytes must give a page (or LA_ENOMEM), never a
 * crash, leak or invalid UTF-8. Build: clang -fsanitize=fuzzer,address,undefined. */
#include "parse/html.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* True when s[0..n) is valid UTF-8 without NUL bytes. */
static int valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        size_t k = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c < 0xF5 ? 4 : 0;
        if (c == 0 || k == 0 || i + k > n)
            return 0;
        for (size_t j = 1; j < k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return 0;
        i += k;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    la__html_page page;
    la_error err;
    (void)la__html_sniff((const char *)data, size);
    if (la__html_extract(&page, (const char *)data, size, &err) == LA_OK) {
        if (!page.text || strlen(page.text) != page.len || !valid_utf8((const unsigned char *)page.text, page.len))
            abort();
        if (!page.main_text || !valid_utf8((const unsigned char *)page.main_text, page.main_len))
            abort();
        for (size_t i = 0; i < page.n_blocks; i++)
            if (page.blocks[i].start > page.blocks[i].end || page.blocks[i].end > page.len)
                abort();
    }
    la__html_page_free(&page);
    return 0;
}
