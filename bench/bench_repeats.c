/* The pipeline on a synthetic debate transcript that repeats the same few names tens of
 * thousands of times ("WALLACE: ..." / "PENCE: ..." paragraphs): seconds per stage at a
 * few sizes, to see how time grows with the mentions of one name (docs/entities.md).
 *   build/bench/bench_repeats [--pairs N] [MB...]      (default: 1.5 4.5 9)
 * --pairs 1 repeats one pair of paragraphs only, the transcript of docs/entities.md;
 * the default takes turns among 4 pairs with more names. "structure" is la_analyze up to
 * the structure stage (text, sentences and tokens, structure); "entities" is the entities
 * stage alone on that document. A benchmark, never a timed test: figures depend on the
 * machine and its load. */
#include "internal.h"
#include "entities/entities.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const PAIRS[][2] = {
    {"WALLACE: Let's talk about the economy, Governor.", "PENCE: Thank you, Chris, the economy is growing."},
    {"WALLACE: What about Scranton, Senator Kaine?", "KAINE: Hillary Clinton was in Scranton and Youngstown last week."},
    {"WALLACE: Governor Pence, you were in Indiana then.", "PENCE: Indiana balanced its budget, Chris, and Wallace knows it."},
    {"WALLACE: The Rust Belt Caucus met in Toledo.", "KAINE: Mike Pence and Donald Trump never went to Toledo."},
};
enum { N_PAIRS = sizeof PAIRS / sizeof *PAIRS };

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The transcript: the first pairs pairs of paragraphs, in turn, until it has at least
 * bytes bytes. */
static char *transcript(size_t bytes, int pairs, size_t *len)
{
    char *s = malloc(bytes + 512);
    size_t n = 0;
    for (size_t i = 0; s && n < bytes; i++) {
        const char *const *p = PAIRS[i % (size_t)pairs];
        n += (size_t)sprintf(s + n, "%s\n\n%s\n\n", p[0], p[1]);
    }
    *len = n;
    return s;
}

static la_pipeline *pipeline(unsigned stages)
{
    la_pipeline_options o = LA_PIPELINE_OPTIONS_INIT;
    o.stages = stages;
    la_pipeline *p;
    la_error err = {0};
    if (la_pipeline_new(&p, &o, &err)) {
        fprintf(stderr, "bench_repeats: %s\n", err.msg);
        exit(1);
    }
    return p;
}

int main(int argc, char **argv)
{
    static const char *const sizes[] = {"1.5", "4.5", "9"};
    int pairs = N_PAIRS, a = 1;
    if (a + 1 < argc && !strcmp(argv[a], "--pairs")) {
        pairs = atoi(argv[a + 1]);
        a += 2;
    }
    int n = argc > a ? argc - a : 3;
    for (int i = 0; i < n; i++)
        if (pairs < 1 || pairs > N_PAIRS || (argc > a && atof(argv[a + i]) <= 0)) {
            fprintf(stderr, "usage: bench_repeats [--pairs 1..%d] [MB...]\n", N_PAIRS);
            return 2;
        }
    la_pipeline *structure = pipeline(LA_STAGE_STRUCTURE), *entities = pipeline(LA_STAGE_ENTITIES);
    la_analyze_options ao = LA_ANALYZE_OPTIONS_INIT;
    ao.format = LA_FORMAT_TEXT;
    printf("%6s %9s %9s %12s %11s\n", "MB", "bytes", "mentions", "structure s", "entities s");
    for (int i = 0; i < n; i++) {
        double mb = atof(argc > a ? argv[a + i] : sizes[i]);
        size_t len;
        char *text = transcript((size_t)(mb * 1e6), pairs, &len);
        la_doc *d;
        la_error err = {0};
        double t0 = now();
        if (!text || la_analyze(&d, structure, text, len, &ao, &err)) {
            fprintf(stderr, "bench_repeats: %s\n", text ? err.msg : "out of memory");
            return 1;
        }
        double t1 = now();
        if (la__entities(d, entities, &err)) {
            fprintf(stderr, "bench_repeats: %s\n", err.msg);
            return 1;
        }
        double t2 = now();
        printf("%6.1f %9zu %9zu %12.2f %11.2f\n", mb, len, d->n_entities, t1 - t0, t2 - t1);
        fflush(stdout);
        la_doc_free(d);
        free(text);
    }
    la_pipeline_free(structure);
    la_pipeline_free(entities);
    return 0;
}
