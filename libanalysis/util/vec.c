/* Growable arrays and small string helpers. */
#include "internal.h"

#include <string.h>

int la__grow(void **items, size_t *cap, size_t need, size_t item_size)
{
    if (need <= *cap)
        return LA_OK;
    size_t n = *cap ? *cap : 16;
    while (n < need) {
        if (n > SIZE_MAX / 2 / item_size)
            return LA_ENOMEM;
        n *= 2;
    }
    void *p = realloc(*items, n * item_size);
    if (!p)
        return LA_ENOMEM;
    *items = p;
    *cap = n;
    return LA_OK;
}

char *la__strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

bool la__buf_reserve(la__buf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (b->len + extra + 1 > b->cap && la__grow((void **)&b->p, &b->cap, b->len + extra + 1, 1)) {
        b->failed = true;
        return false;
    }
    return true;
}

void la__buf_put(la__buf *b, const void *s, size_t n)
{
    if (!la__buf_reserve(b, n))
        return;
    if (n)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}
