/* The public API: versions, errors, options, record versioning, offsets, JSON, threads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "libanalysis.h"

static la_pipeline *pipeline;

static int setup(void **state)
{
    (void)state;
    la_pipeline_options o = LA_PIPELINE_OPTIONS_INIT;
    o.stages = LA_STAGE_STRUCTURE; /* the API tests do not need the model */
    return la_pipeline_new(&pipeline, &o, NULL);
}

static int teardown(void **state)
{
    (void)state;
    la_pipeline_free(pipeline);
    return 0;
}

static la_doc *analyze(const char *s, size_t n)
{
    la_doc *d = NULL;
    la_error err;
    assert_int_equal(la_analyze(&d, pipeline, s, n, NULL, &err), LA_OK);
    return d;
}

static void test_versions(void **state)
{
    (void)state;
    assert_string_equal(la_version(), LA_VERSION_STRING);
    assert_int_equal(la_version_number(), LA_VERSION_NUMBER);
    assert_non_null(la_model_version());
}

static void test_errors(void **state)
{
    (void)state;
    la_error err;
    la_doc *d = (la_doc *)1;
    assert_int_equal(la_analyze(&d, NULL, "x", 1, NULL, &err), LA_EINVAL);
    assert_null(d);
    assert_int_equal(err.code, LA_EINVAL);
    assert_true(strlen(err.msg) > 0);
    la_analyze_options bad = LA_ANALYZE_OPTIONS_INIT;
    bad.version = 99;
    assert_int_equal(la_analyze(&d, pipeline, "x", 1, &bad, &err), LA_EVERSION);
    la_pipeline_options po = LA_PIPELINE_OPTIONS_INIT;
    po.max_input_bytes = 4;
    la_pipeline *small;
    assert_int_equal(la_pipeline_new(&small, &po, NULL), LA_OK);
    assert_int_equal(la_analyze(&d, small, "12345", 5, NULL, &err), LA_ETOOBIG);
    la_pipeline_free(small);
    assert_string_equal(la_strerror(LA_ENOMEM), "out of memory");
    la_doc_free(NULL);
    la_pipeline_free(NULL);
    la_corpus_free(NULL);
    la_free(NULL);
}

static void test_record_size(void **state)
{
    (void)state;
    la_doc *d = analyze("One two. Three.", 15);
    la_token t = LA_TOKEN_INIT;
    assert_int_equal(la_doc_token(d, 0, &t), LA_OK);
    assert_int_equal(t.span.end, 3);
    assert_int_equal(la_doc_token(d, 99, &t), LA_ERANGE);
    /* a caller built against a shorter struct gets only the fields it knows */
    struct { size_t size; la_span span; size_t sentence; } old = {sizeof old, {9, 9, 9, 9}, 9};
    assert_int_equal(la_doc_token(d, 2, (la_token *)(void *)&old), LA_OK);
    assert_int_equal(old.span.start, 7);
    t.size = 0;
    assert_int_equal(la_doc_token(d, 0, &t), LA_EINVAL);
    la_doc_free(d);
}

/* Code point offsets index the repaired text; byte offsets index the input. */
static void test_repair_offsets(void **state)
{
    (void)state;
    const char in[] = "Caf\xc3\xa9 \xff\xfe ok\0x \xe2\x82 end";
    la_doc *d = analyze(in, sizeof in - 1);
    assert_int_equal(la_doc_repairs(d), 4); /* ff, fe, NUL, truncated e2 82 */
    size_t len;
    const char *text = la_doc_text(d, &len);
    assert_int_equal(strlen(text), len); /* no NUL inside */
    size_t n = la_doc_token_count(d);
    la_token last = LA_TOKEN_INIT;
    la_doc_token(d, n - 1, &last);
    assert_memory_equal(in + last.span.byte_start, "end", 3);
    assert_int_equal(last.span.byte_end, sizeof in - 1);
    assert_int_equal(last.span.end, la_doc_text_length(d));
    la_doc_free(d);
}

static void test_crlf(void **state)
{
    (void)state;
    const char *in = "Title line\r\n\r\nFirst paragraph here.\rSecond one.";
    la_doc *d = analyze(in, strlen(in));
    assert_int_equal(la_doc_block_count(d), 3);
    la_block b = LA_BLOCK_INIT;
    la_doc_block(d, 2, &b);
    assert_memory_equal(in + b.span.byte_start, "Second one.", 11);
    la_doc_free(d);
}

static void test_json(void **state)
{
    (void)state;
    const char *in = "Iraq\xe2\x80\x99s \"forces\" are ready.\n\nSecond block.";
    la_doc *d = analyze(in, strlen(in));
    char *json;
    size_t n;
    assert_int_equal(la_doc_to_json(d, 0, &json, &n, NULL), LA_OK);
    cJSON *root = cJSON_Parse(json);
    assert_non_null(root);
    assert_string_equal(cJSON_GetObjectItem(root, "text")->valuestring, in);
    cJSON *tokens = cJSON_GetObjectItem(root, "tokens");
    assert_int_equal(cJSON_GetArraySize(tokens), la_doc_token_count(d));
    cJSON *t1 = cJSON_GetArrayItem(tokens, 1); /* ’s */
    assert_int_equal(cJSON_GetObjectItem(t1, "start")->valueint, 4);
    assert_int_equal(cJSON_GetObjectItem(t1, "byte_start")->valueint, 4);
    assert_int_equal(cJSON_GetObjectItem(t1, "byte_end")->valueint, 8);
    assert_int_equal(cJSON_GetObjectItem(t1, "end")->valueint, 6);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(root, "blocks")), 2);
    cJSON_Delete(root);
    la_free(json);
    la_doc_free(d);
}

static void *worker(void *arg)
{
    const char *text = arg;
    for (int i = 0; i < 50; i++) {
        la_doc *d;
        if (la_analyze(&d, pipeline, text, strlen(text), NULL, NULL))
            return (void *)1;
        size_t n = la_doc_sentence_count(d);
        la_doc_free(d);
        if (n != 2)
            return (void *)1;
    }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    pthread_t th[4];
    char *text = "The U.S. envoy spoke. NATO listened.";
    for (int i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, worker, text);
    for (int i = 0; i < 4; i++) {
        void *rv;
        pthread_join(th[i], &rv);
        assert_null(rv);
    }
}

static void test_formats(void **state)
{
    (void)state;
    const char *html = "<html><head><title>T</title></head><body><article><h1>Big news</h1>"
                       "<p>The minister said the talks had gone well and would continue next week in Baghdad.</p>"
                       "</article></body></html>";
    la_doc *d = analyze(html, strlen(html));
    assert_int_equal(la_doc_format(d), LA_FORMAT_HTML);
    assert_non_null(strstr(la_doc_text(d, NULL), "The minister said"));
    assert_null(strstr(la_doc_text(d, NULL), "<p>"));
    la_doc_free(d);
    la_analyze_options o = LA_ANALYZE_OPTIONS_INIT;
    o.format = LA_FORMAT_TEXT;
    assert_int_equal(la_analyze(&d, pipeline, html, strlen(html), &o, NULL), LA_OK);
    assert_int_equal(la_doc_format(d), LA_FORMAT_TEXT);
    assert_non_null(strstr(la_doc_text(d, NULL), "<p>"));
    la_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_versions),     cmocka_unit_test(test_errors),
        cmocka_unit_test(test_record_size),  cmocka_unit_test(test_repair_offsets),
        cmocka_unit_test(test_crlf),         cmocka_unit_test(test_json),
        cmocka_unit_test(test_threads),      cmocka_unit_test(test_formats),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
