/* Error codes, messages, and the library's allocator boundary. */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>

const char *la_strerror(int code)
{
    switch (code) {
    case LA_OK: return "success";
    case LA_EINVAL: return "invalid argument";
    case LA_ENOMEM: return "out of memory";
    case LA_EIO: return "input/output error";
    case LA_EFORMAT: return "malformed file";
    case LA_ETOOBIG: return "input too large";
    case LA_ERANGE: return "index out of range";
    case LA_EVERSION: return "unsupported version";
    default: return "unknown error";
    }
}

int la__fail(la_error *err, int code, size_t offset, const char *fmt, ...)
{
    if (err) {
        err->code = code;
        err->offset = offset;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

void la_free(void *ptr)
{
    free(ptr);
}
