/* bench_tagger: model load time and tagging throughput of the NER tagger on one core.
 *
 *   bench_tagger CONLL_FILE [MODEL.bin] [SECONDS]
 *
 * Reads the sentences of a CoNLL file (first column), tags them over and over for about
 * SECONDS (default 3) and prints tokens/s (lexicon look-ups for the gazetteer features
 * included); load time is the best of 5 loads of the model
 * (the embedded one without MODEL). */
#include "entities/lexicon.h"
#include "entities/tagger.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

typedef struct sentences {
    char **words;
    uint32_t *lens;
    size_t *first; /* first[k]..first[k+1] */
    size_t n_tok, n_sent;
} sentences;

static void read_conll(const char *path, sentences *s)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(1);
    }
    char line[4096];
    size_t cap = 0, scap = 0;
    s->first = malloc(sizeof *s->first);
    s->first[0] = 0;
    while (fgets(line, sizeof line, f)) {
        char *w = strtok(line, " \t\r\n");
        bool boundary = !w || strcmp(w, "-DOCSTART-") == 0;
        if (boundary) {
            if (s->n_tok > s->first[s->n_sent]) {
                if (s->n_sent + 2 > scap) {
                    scap = scap ? 2 * scap : 1024;
                    s->first = realloc(s->first, scap * sizeof *s->first);
                }
                s->first[++s->n_sent] = s->n_tok;
            }
            continue;
        }
        if (s->n_tok == cap) {
            cap = cap ? 2 * cap : 4096;
            s->words = realloc(s->words, cap * sizeof *s->words);
            s->lens = realloc(s->lens, cap * sizeof *s->lens);
        }
        s->words[s->n_tok] = strdup(w);
        s->lens[s->n_tok++] = (uint32_t)strlen(w);
    }
    fclose(f);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_tagger CONLL_FILE [MODEL.bin] [SECONDS]\n");
        return 2;
    }
    const char *model_path = argc > 2 && strcmp(argv[2], "-") != 0 ? argv[2] : NULL;
    double seconds = argc > 3 ? atof(argv[3]) : 3.0;
    la_error err = {0};
    la__ner_model *m = NULL;
    double best = 1e9;
    for (int i = 0; i < 5; i++) {
        la__ner_model_free(m);
        double t0 = now();
        int rc = model_path ? la__ner_model_load_file(&m, model_path, &err)
                            : la__ner_model_load_default(&m, &err);
        double t = now() - t0;
        if (rc) {
            fprintf(stderr, "bench_tagger: %s\n", err.msg);
            return 1;
        }
        best = t < best ? t : best;
    }
    sentences s = {0};
    read_conll(argv[1], &s);
    la__lexicon *lex = NULL;
    if (la__lexicon_load(&lex, NULL, &err)) {
        fprintf(stderr, "bench_tagger: %s\n", err.msg);
        return 1;
    }
    la__ner_span *spans = malloc((s.n_tok + 1) * sizeof *spans);
    uint8_t *gaz = malloc(s.n_tok + 1);
    size_t tokens = 0, entities = 0, rounds = 0;
    double t0 = now(), t;
    do { /* gazetteer codes (lexicon look-ups) and tagging, as the entities stage does */
        for (size_t k = 0; k < s.n_sent; k++) {
            size_t a = s.first[k], n = s.first[k + 1] - a, ns;
            const char *const *w = (const char *const *)s.words + a;
            la__lexicon_gaz(lex, w, s.lens + a, n, gaz);
            la__ner_tag_gaz(m, w, s.lens + a, gaz, n, spans, &ns);
            entities += ns;
        }
        tokens += s.n_tok;
        rounds++;
        t = now() - t0;
    } while (t < seconds);
    printf("model %s (%s)\n", model_path ? model_path : "embedded", la__ner_model_version(m));
    printf("load: %.2f ms (best of 5)\n", best * 1e3);
    printf("tagged %zu tokens in %zu sentences x %zu rounds: %.0f tokens/s (%zu entities/round)\n",
           s.n_tok, s.n_sent, rounds, tokens / t, entities / rounds);
    for (size_t i = 0; i < s.n_tok; i++)
        free(s.words[i]);
    free(s.words), free(s.lens), free(s.first), free(spans), free(gaz);
    la__lexicon_free(lex);
    la__ner_model_free(m);
    return 0;
}
