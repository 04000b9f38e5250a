/* Segmentation throughput: blocks, sentences and tokens (no structure, entities or
 * claims) over at least 10 MB of article text, one core.
 *   build/bench/bench_segment FILE... [--mb 10]
 * The files are concatenated and repeated until the target size is reached. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libanalysis.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    size_t target = 10u << 20, cap = 1 << 20, len = 0;
    char *text = malloc(cap);
    int files = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--mb") && i + 1 < argc) {
            target = (size_t)atoi(argv[++i]) << 20;
            continue;
        }
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 1;
        }
        size_t n;
        char chunk[1 << 16];
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
            while (len + n + 2 > cap)
                text = realloc(text, cap *= 2);
            memcpy(text + len, chunk, n);
            len += n;
        }
        text[len++] = '\n', text[len++] = '\n';
        fclose(f);
        files++;
    }
    if (!files || !len) {
        fprintf(stderr, "usage: bench_segment FILE... [--mb N]\n");
        return 2;
    }
    size_t one = len;
    while (len < target) { /* repeat the corpus up to the target size */
        size_t n = one < target - len ? one : target - len;
        while (len + n > cap)
            text = realloc(text, cap *= 2);
        memcpy(text + len, text, n);
        len += n;
    }
    la_pipeline_options o = LA_PIPELINE_OPTIONS_INIT;
    o.stages = LA_STAGE_STRUCTURE;
    la_pipeline *p;
    if (la_pipeline_new(&p, &o, NULL))
        return 1;
    /* one document per ~100 kB, as a crawler would feed articles */
    size_t doc = 100000, tokens = 0;
    double best = 1e9;
    for (int rep = 0; rep < 3; rep++) {
        double t0 = now();
        tokens = 0;
        for (size_t off = 0; off < len; off += doc) {
            size_t n = len - off < doc ? len - off : doc;
            la_doc *d;
            if (la_analyze(&d, p, text + off, n, NULL, NULL))
                return 1;
            tokens += la_doc_token_count(d);
            la_doc_free(d);
        }
        double t = now() - t0;
        if (t < best)
            best = t;
    }
    printf("segmentation: %.1f MB in %.3f s = %.1f MB/s, %.2f M tokens/s (%zu tokens, best of 3)\n",
           (double)len / 1e6, best, (double)len / 1e6 / best, (double)tokens / 1e6 / best, tokens);
    la_pipeline_free(p);
    free(text);
    return 0;
}
