/* Analyses one file and prints who said what: the smallest useful C program.
 *   cc analyze.c $(pkg-config --cflags --libs libanalysis) -o analyze && ./analyze FILE */
#include <stdio.h>
#include <stdlib.h>

#include "libanalysis.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    static char buf[1 << 22];
    size_t len = fread(buf, 1, sizeof buf, f);
    fclose(f);

    la_pipeline *p;
    la_doc *doc;
    la_error err;
    if (la_pipeline_new(&p, NULL, &err) || la_analyze(&doc, p, buf, len, NULL, &err)) {
        fprintf(stderr, "libanalysis: %s\n", err.msg);
        return 1;
    }
    const char *title = la_doc_metadata(doc, LA_META_TITLE);
    printf("title: %s\n", title ? title : "(none)");
    printf("%zu sentences, %zu tokens, %zu entities, %zu claims\n", la_doc_sentence_count(doc),
           la_doc_token_count(doc), la_doc_entity_count(doc), la_doc_claim_count(doc));
    for (size_t i = 0; i < la_doc_claim_count(doc); i++) {
        la_claim c = LA_CLAIM_INIT;
        la_doc_claim(doc, i, &c);
        /* byte offsets index the input for text files */
        printf("- %.*s [%s] %.*s\n", c.has_source ? (int)(c.source.byte_end - c.source.byte_start) : 1,
               c.has_source ? buf + c.source.byte_start : "?", c.cue_class ? c.cue_class : "",
               (int)(c.content.byte_end - c.content.byte_start), buf + c.content.byte_start);
    }
    la_doc_free(doc);
    la_pipeline_free(p);
    return 0;
}
