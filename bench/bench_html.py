#!/usr/bin/env python3
"""Throughput of our HTML extractor against trafilatura on the same pages, one core.

  bench_html.py PAGES_DIR [--repeat N] [--lib build/libanalysis.so]

PAGES_DIR holds *.html or *.html.gz pages. Our side is timed in-process by a small C
driver compiled from the sources (libanalysis/parse/html.c, charset.c) so the figure
is the extractor alone, without Python overhead; trafilatura is timed in-process with
trafilatura.extract(). Both run pinned to one CPU. Prints pages/s and MB/s for each
and the ratio. Needs gcc, pkg-config, libxml2-dev, libcjson-dev and
`pip install -r bench/requirements.txt`.
"""
import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DRIVER = r"""
#include "parse/html.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = malloc((size_t)sz + 1);
    *n = p ? fread(p, 1, (size_t)sz, f) : 0;
    fclose(f);
    return p;
}

int main(int argc, char **argv)
{
    int repeat = atoi(argv[1]);
    int n = argc - 2;
    char **data = calloc((size_t)n, sizeof *data);
    size_t *len = calloc((size_t)n, sizeof *len), bytes = 0, out = 0;
    for (int i = 0; i < n; i++) {
        data[i] = slurp(argv[i + 2], &len[i]);
        bytes += len[i];
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int r = 0; r < repeat; r++)
        for (int i = 0; i < n; i++) {
            la__html_page page;
            if (data[i] && la__html_extract(&page, data[i], len[i], NULL) == 0) {
                out += page.main_len;
                la__html_page_free(&page);
            }
        }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("{\"pages\": %d, \"bytes\": %zu, \"seconds\": %.6f, \"out\": %zu}\n", n * repeat,
           bytes * (size_t)repeat, secs, out);
    for (int i = 0; i < n; i++) free(data[i]);
    free(data);
    free(len);
    return 0;
}
"""


def pin_one_core():
    try:
        cpu = sorted(os.sched_getaffinity(0))[0]
        os.sched_setaffinity(0, {cpu})
        return cpu
    except (AttributeError, OSError):
        return None


def load_pages(folder):
    pages = []
    for p in sorted(Path(folder).iterdir()):
        if p.name.endswith(".html.gz"):
            pages.append((p.name[:-3], gzip.decompress(p.read_bytes())))
        elif p.name.endswith(".html"):
            pages.append((p.name, p.read_bytes()))
    return pages


def build_driver(tmp):
    src = Path(tmp) / "bench_html_driver.c"
    src.write_text(DRIVER)
    exe = Path(tmp) / "bench_html_driver"
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "libxml-2.0", "libcjson"],
                           check=True, capture_output=True, text=True).stdout.split()
    sources = [ROOT / "libanalysis/parse/html.c", ROOT / "libanalysis/parse/charset.c",
               ROOT / "libanalysis/error.c", ROOT / "libanalysis/util/vec.c"]
    cmd = ["gcc", "-std=c11", "-O2", "-DNDEBUG", "-D_GNU_SOURCE", "-I", str(ROOT / "include"),
           "-I", str(ROOT / "libanalysis"), str(src)] + [str(s) for s in sources] + flags + ["-lpthread", "-lm", "-o", str(exe)]
    subprocess.run(cmd, check=True)
    return exe


def bench_ours(pages, repeat, tmp, cpu):
    exe = build_driver(tmp)
    files = []
    for i, (name, data) in enumerate(pages):
        f = Path(tmp) / f"{i:05d}.html"
        f.write_bytes(data)
        files.append(str(f))
    cmd = [str(exe), str(repeat)] + files
    if cpu is not None:
        cmd = ["taskset", "-c", str(cpu)] + cmd
    res = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    return res["pages"], res["bytes"], res["seconds"]


def bench_trafilatura(pages, repeat):
    import trafilatura
    texts = [d for _, d in pages]
    trafilatura.extract(texts[0])  # imports and caches warmed outside the timing
    t0 = time.perf_counter()
    for _ in range(repeat):
        for d in texts:
            trafilatura.extract(d)
    secs = time.perf_counter() - t0
    return len(texts) * repeat, sum(len(d) for d in texts) * repeat, secs


def line(name, pages, nbytes, secs):
    pps, mbs = pages / secs, nbytes / secs / 1e6
    print(f"{name:12s} {pages:6d} pages {nbytes / 1e6:8.1f} MB {secs:8.3f} s  {pps:9.1f} pages/s  {mbs:8.2f} MB/s")
    return pps


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pages")
    ap.add_argument("--repeat", type=int, default=5, help="passes over the pages for our extractor")
    ap.add_argument("--repeat-trafilatura", type=int, default=1)
    a = ap.parse_args()
    pages = load_pages(a.pages)
    if not pages:
        sys.exit(f"no .html or .html.gz pages in {a.pages}")
    cpu = pin_one_core()
    print(f"{len(pages)} pages, {sum(len(d) for _, d in pages) / 1e6:.1f} MB, pinned to cpu {cpu}")
    with tempfile.TemporaryDirectory() as tmp:
        ours = line("libanalysis", *bench_ours(pages, a.repeat, tmp, cpu))
    theirs = line("trafilatura", *bench_trafilatura(pages, a.repeat_trafilatura))
    print(f"ratio        {ours / theirs:.1f}x trafilatura's pages/s")


if __name__ == "__main__":
    main()
