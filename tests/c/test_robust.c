/* Bad input gets a result or a documented error, never a crash, a leak or unbounded
 * memory. LA_TEST_SCALE (default 1) divides the big sizes, for valgrind runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libanalysis.h"

static la_pipeline *pipeline;
static size_t scale = 1;

static int setup(void **state)
{
    (void)state;
    const char *s = getenv("LA_TEST_SCALE");
    if (s && atoi(s) > 0)
        scale = (size_t)atoi(s);
    return la_pipeline_new(&pipeline, NULL, NULL);
}

static int teardown(void **state)
{
    (void)state;
    la_pipeline_free(pipeline);
    return 0;
}

/* Analyses and serializes; checks the invariants every document keeps. */
static void check(const char *data, size_t len, la_format format)
{
    la_doc *d;
    la_error err;
    la_analyze_options o = LA_ANALYZE_OPTIONS_INIT;
    o.format = format;
    int rc = la_analyze(&d, pipeline, data, len, &o, &err);
    assert_int_equal(rc, LA_OK);
    size_t tlen;
    const char *text = la_doc_text(d, &tlen);
    assert_int_equal(strlen(text), tlen);
    size_t prev = 0;
    for (size_t i = 0; i < la_doc_token_count(d); i++) {
        la_token t = LA_TOKEN_INIT;
        la_doc_token(d, i, &t);
        assert_true(t.span.start < t.span.end && t.span.start >= prev);
        assert_true(t.span.end <= la_doc_text_length(d));
        prev = t.span.end;
    }
    char *json;
    assert_int_equal(la_doc_to_json(d, LA_JSON_NO_TOKENS, &json, NULL, NULL), LA_OK);
    la_free(json);
    la_doc_free(d);
}

static void test_empty(void **state)
{
    (void)state;
    check("", 0, LA_FORMAT_AUTO);
    check(NULL, 0, LA_FORMAT_TEXT);
    check(" \n\t\r\n   \n", 9, LA_FORMAT_AUTO);
    check("", 0, LA_FORMAT_HTML);
}

static void test_invalid_utf8_and_nul(void **state)
{
    (void)state;
    const char bad[] = "\xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80 \x80\x80 ok\0\0 \xf0\x9f\x98";
    check(bad, sizeof bad - 1, LA_FORMAT_AUTO);
}

static void test_random_binary(void **state)
{
    (void)state;
    size_t n = 1 << 20;
    char *b = malloc(n);
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        b[i] = (char)x;
    }
    check(b, n, LA_FORMAT_AUTO);
    check(b, n, LA_FORMAT_HTML);
    free(b);
}

static void test_one_huge_line(void **state)
{
    (void)state;
    size_t n = 50 * 1000 * 1000 / scale;
    char *b = malloc(n);
    for (size_t i = 0; i < n; i++)
        b[i] = i % 7 == 6 ? ' ' : (char)('a' + i % 26);
    check(b, n, LA_FORMAT_TEXT);
    free(b);
}

static void test_million_lines(void **state)
{
    (void)state;
    size_t lines = 1000 * 1000 / scale;
    char *b = malloc(lines * 2);
    for (size_t i = 0; i < lines; i++)
        b[2 * i] = (char)('a' + i % 26), b[2 * i + 1] = '\n';
    check(b, lines * 2, LA_FORMAT_TEXT);
    free(b);
}

static void test_punctuation_storm(void **state)
{
    (void)state;
    size_t n = 1 << 20;
    char *b = malloc(n);
    const char *p = ".?!\"'()[]-\xe2\x80\x9c\xe2\x80\x9d 1. a. \xe2\x80\xa2";
    size_t pl = strlen(p);
    for (size_t i = 0; i < n; i++)
        b[i] = p[i % pl];
    check(b, n, LA_FORMAT_TEXT);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),          cmocka_unit_test(test_invalid_utf8_and_nul),
        cmocka_unit_test(test_random_binary),  cmocka_unit_test(test_one_huge_line),
        cmocka_unit_test(test_million_lines),  cmocka_unit_test(test_punctuation_storm),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
