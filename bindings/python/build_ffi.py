"""Generates the CFFI (API mode, out-of-line) C source of libanalysis._libanalysis.

    build_ffi.py HEADER OUTPUT.c

The cdef is the public header itself with the preprocessor lines taken out, so the
binding can never drift from the C API."""
import re
import sys

import cffi


def cdef_from_header(text):
    """The declarations of the header: preprocessor lines (and their continuation lines)
    and the C++ guard dropped, LA_API removed, integer #defines kept for cffi."""
    out, defines = [], []
    in_cplusplus = in_macro = False
    for line in text.splitlines():
        stripped = line.strip()
        if in_macro:
            in_macro = stripped.endswith("\\")
            continue
        if stripped.startswith("#ifdef __cplusplus"):
            in_cplusplus = True
        if in_cplusplus:
            in_cplusplus = not stripped.startswith("#endif")
            continue
        if stripped.startswith("#"):
            m = re.match(r"#define (LA_[A-Z_]+) (-?\d+)$", stripped)
            if m:
                defines.append(f"#define {m.group(1)} {m.group(2)}")
            in_macro = stripped.endswith("\\")
            continue
        out.append(line)
    body = "\n".join(out).replace("LA_API ", "")
    body = re.sub(r"(\d+)u\b", r"\1", body)
    return "\n".join(defines) + "\n" + body


def main(header, output):
    ffi = cffi.FFI()
    with open(header, encoding="utf-8") as f:
        ffi.cdef(cdef_from_header(f.read()))
    ffi.set_source("libanalysis._libanalysis", '#include "libanalysis.h"')
    ffi.emit_c_code(output)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
