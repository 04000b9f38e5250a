/* The pipeline: options and loaded resources, immutable after creation, and la_analyze,
 * which runs the stages over one input in order. */
#include "internal.h"
#include "parse/html.h"
#include "parse/structure.h"
#include "entities/entities.h"
#include "claims/claims.h"

#include <string.h>

#define DEFAULT_MAX_INPUT ((size_t)1 << 30)

int la_pipeline_new(la_pipeline **out, const la_pipeline_options *opts, la_error *err)
{
    if (!out)
        return la__fail(err, LA_EINVAL, 0, "out is NULL");
    *out = NULL;
    la_pipeline_options defaults = LA_PIPELINE_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    if (opts->version != LA_PIPELINE_OPTIONS_VERSION)
        return la__fail(err, LA_EVERSION, 0, "pipeline options version %u is not %u", opts->version,
                        LA_PIPELINE_OPTIONS_VERSION);
    la_pipeline *p = calloc(1, sizeof *p);
    if (!p)
        return la__fail(err, LA_ENOMEM, 0, "out of memory for the pipeline");
    p->stages = opts->stages ? opts->stages & LA_STAGE_ALL : LA_STAGE_ALL;
    /* later stages need the earlier ones */
    if (p->stages & LA_STAGE_CLAIMS)
        p->stages |= LA_STAGE_ENTITIES;
    if (p->stages & LA_STAGE_ENTITIES)
        p->stages |= LA_STAGE_STRUCTURE;
    p->max_input_bytes = opts->max_input_bytes ? opts->max_input_bytes : DEFAULT_MAX_INPUT;
    if (p->max_input_bytes >= UINT32_MAX / 3)
        p->max_input_bytes = UINT32_MAX / 3; /* repaired text must fit 32-bit offsets */
    if (p->stages & LA_STAGE_ENTITIES) {
        int rc = la__entities_load(p, opts, err);
        if (!rc && (p->stages & LA_STAGE_CLAIMS))
            rc = la__claims_load(p, err);
        if (rc) {
            la_pipeline_free(p);
            return rc;
        }
    }
    *out = p;
    return LA_OK;
}

void la_pipeline_free(la_pipeline *pipeline)
{
    if (pipeline) {
        la__entities_unload(pipeline);
        la__claims_unload(pipeline);
    }
    free(pipeline);
}

/* HTML input: the page's extracted text becomes the document text, with its blocks. */
static int load_html(la_doc *doc, const char *data, size_t len, la_error *err)
{
    la__html_page page;
    int rc = la__html_extract(&page, data, len, err);
    if (rc)
        return rc;
    doc->text = page.text;
    doc->len = page.len;
    doc->blocks = page.blocks;
    doc->n_blocks = doc->cap_blocks = page.n_blocks;
    memcpy(doc->meta, page.meta, sizeof doc->meta);
    doc->main_text = page.main_text;
    doc->main_len = page.main_len;
    if (la__text_index(doc))
        return la__fail(err, LA_ENOMEM, 0, "out of memory indexing text");
    return LA_OK;
}

static int run(la_doc *doc, const la_pipeline *p, const char *data, size_t len, la_error *err)
{
    int rc = doc->format == LA_FORMAT_HTML ? load_html(doc, data, len, err)
                                           : la__text_load(doc, data, len, err);
    if (!rc)
        rc = la__segment(doc, err);
    if (!rc && (p->stages & LA_STAGE_STRUCTURE) && doc->format == LA_FORMAT_TEXT)
        rc = la__structure(doc, err);
    if (!rc && (p->stages & LA_STAGE_ENTITIES))
        rc = la__entities(doc, p, err);
    if (!rc && !doc->main_text)
        rc = la__main_text_from_blocks(doc, err);
    if (!rc && (p->stages & LA_STAGE_CLAIMS)) rc = la__claims(doc, p, err);
    return rc;
}

int la_analyze(la_doc **out, const la_pipeline *pipeline, const char *data, size_t len,
               const la_analyze_options *opts, la_error *err)
{
    if (!out)
        return la__fail(err, LA_EINVAL, 0, "out is NULL");
    *out = NULL;
    if (!pipeline || (!data && len))
        return la__fail(err, LA_EINVAL, 0, "pipeline or data is NULL");
    la_analyze_options defaults = LA_ANALYZE_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    if (opts->version != LA_ANALYZE_OPTIONS_VERSION)
        return la__fail(err, LA_EVERSION, 0, "analyze options version %u is not %u", opts->version,
                        LA_ANALYZE_OPTIONS_VERSION);
    if ((unsigned)opts->format > LA_FORMAT_HTML)
        return la__fail(err, LA_EINVAL, 0, "unknown format %d", (int)opts->format);
    if (len > pipeline->max_input_bytes)
        return la__fail(err, LA_ETOOBIG, 0, "input of %zu bytes exceeds the limit of %zu", len,
                        pipeline->max_input_bytes);

    la_doc *doc = calloc(1, sizeof *doc);
    if (!doc)
        return la__fail(err, LA_ENOMEM, 0, "out of memory for the document");
    doc->format = opts->format;
    if (doc->format == LA_FORMAT_AUTO)
        doc->format = la__html_sniff(data ? data : "", len) ? LA_FORMAT_HTML : LA_FORMAT_TEXT;
    if (opts->name && !(doc->name = la__strndup(opts->name, strlen(opts->name)))) {
        la_doc_free(doc);
        return la__fail(err, LA_ENOMEM, 0, "out of memory for the name");
    }
    int rc = run(doc, pipeline, data ? data : "", len, err);
    if (rc) {
        la_doc_free(doc);
        return rc;
    }
    *out = doc;
    return LA_OK;
}

const char *la_model_version(void)
{
    return la__default_model_version();
}
