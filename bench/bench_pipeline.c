/* Whole-pipeline benchmark on one core: every stage (structure, sentences and tokens,
 * entities, claims) over a set of articles, analysed again and again for a few seconds.
 *
 *   bench_pipeline [--seconds S] FILE...
 *
 * Prints, as one JSON object on the last line (bench/bench_pipeline.py reads it):
 *   load_ms      best of 5 pipeline loads (embedded NER model, lexicons, claim cues)
 *   docs, bytes, tokens   one pass over the files (tokens by the library's tokenizer)
 *   seconds, passes       the timed passes (after one untimed warm-up pass)
 *   tokens_per_s, mb_per_s
 *   peak_rss_mb  peak resident memory of this process (getrusage), texts included
 * Pin it to one core yourself (taskset -c 0); the library itself never starts threads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "libanalysis.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, k;
    char *buf = malloc(cap);
    while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) {
            char *b = realloc(buf, cap *= 2);
            if (!b)
                free(buf);
            buf = b;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    double seconds = 5;
    char **texts = calloc((size_t)argc, sizeof *texts);
    size_t *lens = calloc((size_t)argc, sizeof *lens), n = 0, bytes = 0;
    if (!texts || !lens)
        return 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--seconds") && i + 1 < argc) {
            seconds = atof(argv[++i]);
            continue;
        }
        if (!(texts[n] = slurp(argv[i], &lens[n]))) {
            perror(argv[i]);
            return 1;
        }
        bytes += lens[n++];
    }
    if (!n) {
        fprintf(stderr, "usage: bench_pipeline [--seconds S] FILE...\n");
        return 2;
    }

    la_error err = {0};
    la_pipeline *p = NULL;
    double load = 1e9;
    for (int r = 0; r < 5; r++) {
        double t0 = now();
        if (la_pipeline_new(&p, NULL, &err)) {
            fprintf(stderr, "bench_pipeline: %s\n", err.msg);
            return 1;
        }
        double t = now() - t0;
        load = t < load ? t : load;
        if (r < 4)
            la_pipeline_free(p);
    }

    /* one untimed pass: warms the caches and counts the tokens */
    size_t tokens = 0;
    for (size_t i = 0; i < n; i++) {
        la_doc *d;
        if (la_analyze(&d, p, texts[i], lens[i], NULL, &err)) {
            fprintf(stderr, "bench_pipeline: %s\n", err.msg);
            return 1;
        }
        tokens += la_doc_token_count(d);
        la_doc_free(d);
    }
    size_t passes = 0;
    double t0 = now(), el;
    do {
        for (size_t i = 0; i < n; i++) {
            la_doc *d;
            if (la_analyze(&d, p, texts[i], lens[i], NULL, &err)) {
                fprintf(stderr, "bench_pipeline: %s\n", err.msg);
                return 1;
            }
            la_doc_free(d);
        }
        passes++;
    } while ((el = now() - t0) < seconds);

    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double tps = (double)tokens * (double)passes / el, mbs = (double)bytes * (double)passes / el / 1e6;
    printf("libanalysis %s, model %s: %zu docs, %zu bytes, %zu tokens\n", la_version(), la_model_version(), n,
           bytes, tokens);
    printf("  load %.1f ms (best of 5); %zu passes in %.2f s: %.0f tokens/s, %.2f MB/s; peak RSS %.1f MB\n",
           load * 1e3, passes, el, tps, mbs, (double)ru.ru_maxrss / 1024.0);
    printf("{\"load_ms\": %.2f, \"docs\": %zu, \"bytes\": %zu, \"tokens\": %zu, \"seconds\": %.3f, "
           "\"passes\": %zu, \"tokens_per_s\": %.0f, \"mb_per_s\": %.3f, \"peak_rss_mb\": %.1f}\n",
           load * 1e3, n, bytes, tokens, el, passes, tps, mbs, (double)ru.ru_maxrss / 1024.0);
    la_pipeline_free(p);
    for (size_t i = 0; i < n; i++)
        free(texts[i]);
    free(texts), free(lens);
    return 0;
}
