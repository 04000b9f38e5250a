/* The command line: libanalysis analyze [options] FILE...
 *
 * Every file of one invocation is analysed with one pipeline and forms one corpus, so
 * entity ids are shared across the files. A file that cannot be read is reported on
 * stderr and the others are still analysed; the exit status is then 1. */
#include "libanalysis.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { OUT_JSONL, OUT_JSON, OUT_TEXT } out_format;

typedef struct options {
    out_format out;
    la_format in;
    unsigned json_flags;
    const char *model;
    const char *entries;
} options;

static void usage(FILE *f)
{
    fputs("usage: libanalysis analyze [--format jsonl|json|text] [--html|--text] [--pretty]\n"
          "                           [--no-tokens] [--model FILE] [--entries FILE] [FILE...]\n"
          "       libanalysis --version\n"
          "Analyses each FILE (or standard input when none is given, or for \"-\") and prints\n"
          "one record per input: structure, sentences, tokens, entities and claims.\n",
          f);
}

/* Reads all of f; *len gets the size. NULL with errno set on failure. */
static char *read_all(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *bigger = realloc(buf, cap * 2);
        if (!bigger) {
            free(buf);
            buf = NULL;
            errno = ENOMEM;
            break;
        }
        buf = bigger, cap *= 2;
    }
    if (buf && ferror(f)) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Byte offsets index the caller's input for text and the document text for HTML. */
static const char *span_source(const la_doc *doc, const char *input)
{
    return la_doc_format(doc) == LA_FORMAT_HTML ? la_doc_text(doc, NULL) : input;
}

static void print_span(const char *src, la_span s, size_t max)
{
    size_t n = s.byte_end - s.byte_start;
    (void)fwrite(src + s.byte_start, 1, n < max ? n : max, stdout);
    if (n > max)
        fputs("...", stdout);
}

/* Human-readable summary: metadata, blocks, entities, claims. */
static void print_text(const la_doc *doc, const char *input)
{
    static const char *const fields[] = {"title", "byline", "publisher", "date"};
    const char *src = span_source(doc, input);
    printf("== %s\n", la_doc_name(doc) ? la_doc_name(doc) : "(stdin)");
    for (int f = 0; f < 4; f++) {
        const char *v = la_doc_metadata(doc, (la_meta_field)f);
        printf("%-10s %s\n", fields[f], v ? v : "-");
    }
    for (size_t i = 0; i < la_doc_block_count(doc); i++) {
        la_block b = LA_BLOCK_INIT;
        la_doc_block(doc, i, &b);
        printf("block  %-11s %-12s ", la_block_kind_name(b.kind), la_boilerplate_kind_name(b.boilerplate));
        print_span(src, b.span, 70);
        putchar('\n');
    }
    for (size_t i = 0; i < la_doc_entity_count(doc); i++) {
        la_entity e = LA_ENTITY_INIT;
        la_doc_entity(doc, i, &e);
        printf("entity %-11s %-24s ", e.label, e.entity_id ? e.entity_id : "-");
        print_span(src, e.span, 80);
        putchar('\n');
    }
    for (size_t i = 0; i < la_doc_claim_count(doc); i++) {
        la_claim c = LA_CLAIM_INIT;
        la_doc_claim(doc, i, &c);
        printf("claim  %-11s %-24s ", la_claim_kind_name(c.kind), c.cue_class ? c.cue_class : "-");
        if (c.has_source)
            print_span(src, c.source, 40);
        else
            fputs("(no source)", stdout);
        fputs(" | ", stdout);
        print_span(src, c.cue, 30);
        fputs(" | ", stdout);
        print_span(src, c.content, 120);
        putchar('\n');
    }
    putchar('\n');
}

static int print_doc(const la_doc *doc, const char *input, const options *o, size_t index)
{
    if (o->out == OUT_TEXT) {
        print_text(doc, input);
        return 0;
    }
    char *json;
    la_error err;
    if (la_doc_to_json(doc, o->json_flags, &json, NULL, &err)) {
        fprintf(stderr, "libanalysis: %s\n", err.msg);
        return 1;
    }
    if (o->out == OUT_JSON)
        fputs(index ? ",\n" : "[\n", stdout);
    fputs(json, stdout);
    if (o->out == OUT_JSONL)
        putchar('\n');
    la_free(json);
    return 0;
}

/* Analyses one input; returns 0, or 1 after reporting the failure on stderr. */
static int analyze_one(const la_pipeline *p, la_corpus *corpus, const char *path, const options *o,
                       size_t *printed)
{
    bool is_stdin = !strcmp(path, "-");
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "libanalysis: %s: %s\n", path, strerror(errno));
        return 1;
    }
    size_t len;
    char *data = read_all(f, &len);
    int read_errno = errno;
    if (!is_stdin)
        fclose(f);
    if (!data) {
        fprintf(stderr, "libanalysis: %s: %s\n", path, strerror(read_errno));
        return 1;
    }
    la_analyze_options ao = LA_ANALYZE_OPTIONS_INIT;
    ao.format = o->in;
    ao.name = is_stdin ? "stdin" : base_name(path);
    la_doc *doc;
    la_error err;
    int rc = la_analyze(&doc, p, data, len, &ao, &err);
    if (!rc)
        rc = la_corpus_add(corpus, doc, &err);
    if (rc) {
        fprintf(stderr, "libanalysis: %s: %s\n", path, err.msg);
        la_doc_free(doc);
        free(data);
        return 1;
    }
    rc = print_doc(doc, data, o, (*printed)++);
    la_doc_free(doc);
    free(data);
    return rc;
}

static int parse_args(int argc, char **argv, options *o, int *first_file)
{
    *o = (options){OUT_JSONL, LA_FORMAT_AUTO, 0, NULL, NULL};
    int i = 2;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            i++;
            break;
        } else if (!strcmp(a, "--format") && i + 1 < argc) {
            const char *v = argv[++i];
            if (!strcmp(v, "jsonl")) o->out = OUT_JSONL;
            else if (!strcmp(v, "json")) o->out = OUT_JSON;
            else if (!strcmp(v, "text")) o->out = OUT_TEXT;
            else return fprintf(stderr, "libanalysis: unknown format '%s'\n", v), 2;
        } else if (!strcmp(a, "--html")) {
            o->in = LA_FORMAT_HTML;
        } else if (!strcmp(a, "--text")) {
            o->in = LA_FORMAT_TEXT;
        } else if (!strcmp(a, "--pretty")) {
            o->json_flags |= LA_JSON_PRETTY;
        } else if (!strcmp(a, "--no-tokens")) {
            o->json_flags |= LA_JSON_NO_TOKENS;
        } else if (!strcmp(a, "--model") && i + 1 < argc) {
            o->model = argv[++i];
        } else if (!strcmp(a, "--entries") && i + 1 < argc) {
            o->entries = argv[++i];
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            exit(0);
        } else {
            fprintf(stderr, "libanalysis: unknown option '%s'\n", a);
            usage(stderr);
            return 2;
        }
    }
    *first_file = i;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "--version")) {
        printf("libanalysis %s (model %s)\n", la_version(), la_model_version());
        return 0;
    }
    if (argc < 2 || strcmp(argv[1], "analyze") != 0) {
        usage(stderr);
        return 2;
    }
    options o;
    int first;
    int rc = parse_args(argc, argv, &o, &first);
    if (rc)
        return rc;

    la_pipeline_options po = LA_PIPELINE_OPTIONS_INIT;
    po.model_path = o.model;
    po.user_entries_path = o.entries;
    la_pipeline *p;
    la_corpus *corpus;
    la_error err;
    if (la_pipeline_new(&p, &po, &err) || la_corpus_new(&corpus, p, &err)) {
        fprintf(stderr, "libanalysis: %s\n", err.msg);
        return 1;
    }
    size_t printed = 0;
    int failed = 0;
    if (first >= argc)
        failed |= analyze_one(p, corpus, "-", &o, &printed);
    for (int i = first; i < argc; i++)
        failed |= analyze_one(p, corpus, argv[i], &o, &printed);
    if (o.out == OUT_JSON)
        fputs(printed ? "\n]\n" : "[]\n", stdout);
    la_corpus_free(corpus);
    la_pipeline_free(p);
    return failed;
}
