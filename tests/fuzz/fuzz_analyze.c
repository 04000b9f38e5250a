/* libFuzzer target for la_analyze: the first byte picks the options (format, stages, JSON
 * flags), the rest is the input. Any bytes must give a document or an error code; the
 * document's records and JSON must be consistent. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libanalysis.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static la_pipeline *pipelines[2];
    if (size < 1)
        return 0;
    uint8_t opt = data[0];
    int which = opt & 1; /* 0: structure only, 1: every stage */
    if (!pipelines[which]) {
        la_pipeline_options o = LA_PIPELINE_OPTIONS_INIT;
        o.stages = which ? LA_STAGE_ALL : LA_STAGE_STRUCTURE;
        if (la_pipeline_new(&pipelines[which], &o, NULL))
            abort();
    }
    la_analyze_options ao = LA_ANALYZE_OPTIONS_INIT;
    ao.format = (la_format)((opt >> 1) % 3);
    la_doc *d;
    if (la_analyze(&d, pipelines[which], (const char *)data + 1, size - 1, &ao, NULL))
        return 0;
    size_t len;
    const char *text = la_doc_text(d, &len);
    if (strlen(text) != len)
        abort();
    size_t cps = la_doc_text_length(d);
    for (size_t i = 0; i < la_doc_token_count(d); i++) {
        la_token t = LA_TOKEN_INIT;
        if (la_doc_token(d, i, &t) || t.span.start >= t.span.end || t.span.end > cps)
            abort();
    }
    for (size_t i = 0; i < la_doc_entity_count(d); i++) {
        la_entity e = LA_ENTITY_INIT;
        if (la_doc_entity(d, i, &e) || e.span.end > cps)
            abort();
    }
    for (size_t i = 0; i < la_doc_claim_count(d); i++) {
        la_claim c = LA_CLAIM_INIT;
        if (la_doc_claim(d, i, &c) || c.content.end > cps)
            abort();
    }
    char *json;
    if (la_doc_to_json(d, (opt >> 3) & 7, &json, NULL, NULL) == LA_OK)
        la_free(json);
    la_doc_free(d);
    return 0;
}
