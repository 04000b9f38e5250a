/* ner_eval: tags every DOC.txt of a folder made by the shared convert.py (tokens joined by
 * single spaces, sentences by newlines) and writes one JSON Lines record per document,
 * {"doc": "DOC.txt", "entities": [{"start", "end", "label"}]} with code point offsets,
 * for `score.py entities DIR PRED --scheme conll`.
 *
 *   ner_eval DIR OUT.jsonl [MODEL.bin]     (without MODEL, the model built into the library) */
#include "entities/lexicon.h"
#include "entities/tagger.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>

static const char *const LABEL[] = {"PERSON", "ORG", "LOC", "NORP"};

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf)
        buf[n] = 0, *len = (size_t)n;
    return buf;
}

static size_t cps(const char *s, size_t a, size_t b, size_t cp)
{
    for (size_t i = a; i < b; i++)
        cp += ((unsigned char)s[i] & 0xc0) != 0x80;
    return cp;
}

/* Tags one line [a, b) of text and prints its entities; *cp is the code point offset of a. */
static const la__lexicon *lexicon; /* the library's lexicons, for the gazetteer features */

static void tag_line(const la__ner_model *m, const char *text, size_t a, size_t b, size_t *cp,
                     FILE *out, int *first)
{
    enum { MAXTOK = 4096 };
    static const char *words[MAXTOK];
    static uint32_t lens[MAXTOK];
    static size_t starts[MAXTOK + 1];
    static la__ner_span spans[MAXTOK];
    static uint8_t gaz[MAXTOK];
    size_t n = 0;
    for (size_t i = a; i < b && n < MAXTOK;) {
        size_t j = i;
        while (j < b && text[j] != ' ')
            j++;
        if (j > i) {
            words[n] = text + i, lens[n] = (uint32_t)(j - i), starts[n] = i;
            n++;
        }
        i = j + 1;
    }
    size_t ns = 0;
    la__lexicon_gaz(lexicon, words, lens, n, gaz);
    if (la__ner_tag_gaz(m, words, lens, gaz, n, spans, &ns) != LA_OK) {
        fprintf(stderr, "ner_eval: tagging failed\n");
        exit(1);
    }
    size_t pos = a, pcp = *cp;
    for (size_t k = 0; k < ns; k++) {
        size_t sb = starts[spans[k].first];
        size_t last = spans[k].first + spans[k].count - 1;
        size_t eb = starts[last] + lens[last];
        size_t scp = cps(text, pos, sb, pcp), ecp = cps(text, sb, eb, scp);
        fprintf(out, "%s{\"start\": %zu, \"end\": %zu, \"label\": \"%s\"}", *first ? "" : ", ",
                scp, ecp, LABEL[spans[k].cls]);
        *first = 0;
        pos = eb, pcp = ecp;
    }
    *cp = cps(text, pos, b, pcp);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: ner_eval DIR OUT.jsonl [MODEL.bin]\n");
        return 2;
    }
    la__ner_model *m;
    la_error err = {0};
    int rc = argc > 3 ? la__ner_model_load_file(&m, argv[3], &err)
                      : la__ner_model_load_default(&m, &err);
    la__lexicon *lex = NULL;
    if (rc || (rc = la__lexicon_load(&lex, NULL, &err))) {
        fprintf(stderr, "ner_eval: %s\n", err.msg);
        return 1;
    }
    lexicon = lex;
    DIR *d = opendir(argv[1]);
    FILE *out = fopen(argv[2], "w");
    if (!d || !out) {
        fprintf(stderr, "ner_eval: cannot open %s or %s\n", argv[1], argv[2]);
        return 1;
    }
    char **names = NULL;
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0) {
            names = realloc(names, (n + 1) * sizeof *names);
            names[n++] = strdup(e->d_name);
        }
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (size_t k = 0; k < n; k++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[1], names[k]);
        size_t len = 0;
        char *text = slurp(path, &len);
        if (!text) {
            fprintf(stderr, "ner_eval: cannot read %s\n", path);
            return 1;
        }
        fprintf(out, "{\"doc\": \"%s\", \"entities\": [", names[k]);
        int first = 1;
        size_t cp = 0;
        for (size_t a = 0; a <= len;) {
            size_t b = a;
            while (b < len && text[b] != '\n')
                b++;
            tag_line(m, text, a, b, &cp, out, &first);
            cp += b < len; /* the newline */
            a = b + 1;
        }
        fputs("]}\n", out);
        free(text);
        free(names[k]);
    }
    free(names);
    fclose(out);
    la__ner_model_free(m);
    return 0;
}
