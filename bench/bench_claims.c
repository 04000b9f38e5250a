/* What the claims stage adds to the pipeline's time: every file is analysed as text by a
 * pipeline without claims (segmentation, structure, entities) and by the full pipeline,
 * alternately, --repeat times; the best total of each is kept.
 *   build/bench/bench_claims FILE... [--repeat 5]
 * Prints both times, tokens per second and the claims stage's share:
 * (full - without) / without, the figure issue 5 bounds at 25%. */
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

typedef struct text { char *data; size_t len; } text;

static int load(const char *path, text *t)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = 1 << 16;
    t->data = malloc(cap);
    t->len = 0;
    size_t n;
    while (t->data && (n = fread(t->data + t->len, 1, cap - t->len, f)) > 0) {
        t->len += n;
        if (t->len == cap)
            t->data = realloc(t->data, cap *= 2);
    }
    fclose(f);
    return t->data ? 0 : -1;
}

/* Seconds to analyse all texts once; *tokens and *claims get the totals. */
static double run(const la_pipeline *p, const text *texts, int n, size_t *tokens, size_t *claims)
{
    la_analyze_options ao = LA_ANALYZE_OPTIONS_INIT;
    ao.format = LA_FORMAT_TEXT;
    *tokens = *claims = 0;
    double t0 = now();
    for (int i = 0; i < n; i++) {
        la_doc *d;
        la_error err = {0};
        if (la_analyze(&d, p, texts[i].data, texts[i].len, &ao, &err)) {
            fprintf(stderr, "bench_claims: %s\n", err.msg);
            exit(1);
        }
        *tokens += la_doc_token_count(d);
        *claims += la_doc_claim_count(d);
        la_doc_free(d);
    }
    return now() - t0;
}

int main(int argc, char **argv)
{
    int repeat = 5, n = 0;
    text *texts = calloc((size_t)argc, sizeof *texts);
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--repeat") && i + 1 < argc) {
            repeat = atoi(argv[++i]);
            continue;
        }
        if (load(argv[i], &texts[n]) != 0) {
            perror(argv[i]);
            return 1;
        }
        n++;
    }
    if (!n) {
        fprintf(stderr, "usage: bench_claims FILE... [--repeat N]\n");
        return 2;
    }
    la_pipeline_options o = LA_PIPELINE_OPTIONS_INIT;
    la_pipeline *without, *full;
    o.stages = LA_STAGE_ENTITIES;
    if (la_pipeline_new(&without, &o, NULL))
        return 1;
    o.stages = LA_STAGE_ALL;
    if (la_pipeline_new(&full, &o, NULL))
        return 1;
    double best_without = 1e30, best_full = 1e30;
    size_t tokens = 0, claims = 0, ignored;
    for (int r = 0; r < repeat; r++) {
        double a = run(without, texts, n, &tokens, &ignored);
        double b = run(full, texts, n, &tokens, &claims);
        best_without = a < best_without ? a : best_without;
        best_full = b < best_full ? b : best_full;
    }
    printf("documents %d, tokens %zu, claims %zu\n", n, tokens, claims);
    printf("without claims: %.3f s (%.0f tokens/s)\n", best_without, tokens / best_without);
    printf("full pipeline:  %.3f s (%.0f tokens/s)\n", best_full, tokens / best_full);
    printf("claims stage adds %.1f%% to the pipeline's time\n", 100.0 * (best_full - best_without) / best_without);
    la_pipeline_free(without);
    la_pipeline_free(full);
    for (int i = 0; i < n; i++)
        free(texts[i].data);
    free(texts);
    return 0;
}
