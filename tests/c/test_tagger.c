/* Tests of the statistical NER tagger (entities/tagger.c): the embedded model loads and
 * tags news sentences with transliterated names sensibly; damaged, truncated and foreign
 * model buffers are refused with LA_EFORMAT / LA_EVERSION, never a crash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "entities/features.h"
#include "entities/lexicon.h"
#include "entities/tagger.h"
#include "entities/tagger_io.h"

extern const unsigned char la__ner_default_model[];
extern const size_t la__ner_default_model_size;

/* Splits a space-separated sentence in place into words and lengths. */
static size_t split(char *s, const char **words, uint32_t *lens, size_t cap)
{
    size_t n = 0;
    for (char *w = strtok(s, " "); w && n < cap; w = strtok(NULL, " ")) {
        words[n] = w;
        lens[n++] = (uint32_t)strlen(w);
    }
    return n;
}

typedef struct tagged {
    char buf[512];
    const char *words[64];
    uint32_t lens[64];
    la__ner_span spans[64];
    size_t n, ns;
} tagged;

static void tag(const la__ner_model *m, const char *sentence, tagged *t)
{
    snprintf(t->buf, sizeof t->buf, "%s", sentence);
    t->n = split(t->buf, t->words, t->lens, 64);
    assert_int_equal(la__ner_tag(m, t->words, t->lens, t->n, t->spans, &t->ns), LA_OK);
    /* Sane spans: in range, non-empty, sorted, not overlapping, known classes. */
    uint32_t end = 0;
    for (size_t i = 0; i < t->ns; i++) {
        assert_true(t->spans[i].count > 0);
        assert_true(t->spans[i].first >= end);
        end = t->spans[i].first + t->spans[i].count;
        assert_true(end <= t->n);
        assert_true(t->spans[i].cls < LA__NER_CLASS_COUNT);
    }
}

/* The class of the span covering token i, or -1. */
static int class_at(const tagged *t, uint32_t i)
{
    for (size_t k = 0; k < t->ns; k++)
        if (t->spans[k].first <= i && i < t->spans[k].first + t->spans[k].count)
            return t->spans[k].cls;
    return -1;
}

static int setup(void **state)
{
    la__ner_model *m = NULL;
    la_error err = {0};
    if (la__ner_model_load_default(&m, &err) != LA_OK)
        return -1;
    *state = m;
    return 0;
}

static int teardown(void **state)
{
    la__ner_model_free(*state);
    return 0;
}

static void test_default_model(void **state)
{
    const char *v = la__ner_model_version(*state);
    assert_non_null(v);
    assert_true(strncmp(v, "ner-", 4) == 0);
}

static void test_transliterated_names(void **state)
{
    tagged t;
    tag(*state, "Prime Minister Mohammad Shia al-Sudani met NATO officials in Baghdad .", &t);
    assert_int_equal(class_at(&t, 4), LA__NER_PER);          /* al-Sudani */
    assert_int_equal(class_at(&t, 2), LA__NER_PER);          /* Mohammad */
    assert_int_equal(class_at(&t, 6), LA__NER_ORG);          /* NATO */
    assert_int_equal(class_at(&t, 9), LA__NER_LOC);          /* Baghdad */
    assert_int_equal(class_at(&t, 5), -1);                   /* met */

    tag(*state, "Abu Mahdi al-Muhandis , deputy leader of the Hashd al-Shaabi , was killed near "
                "Baghdad airport .", &t);
    assert_int_equal(class_at(&t, 0), LA__NER_PER);
    assert_int_equal(class_at(&t, 2), LA__NER_PER);
    assert_int_not_equal(class_at(&t, 9), -1);               /* al-Shaabi */
    assert_int_equal(class_at(&t, 4), -1);                   /* deputy */
}

static void test_edge_inputs(void **state)
{
    la__ner_span spans[1];
    size_t ns = 99;
    assert_int_equal(la__ner_tag(*state, NULL, NULL, 0, spans, &ns), LA_OK);
    assert_int_equal(ns, 0);
    /* Long sentences take the heap path; odd bytes (invalid UTF-8, NUL) are just bytes. */
    enum { N = 1000 };
    static const char *words[N];
    static uint32_t lens[N];
    static la__ner_span out[N];
    static const char *pool[] = {"Baghdad", "\xff\xfe", "al-", "-", "'", "", "U.S.", "NATO",
                                 "\xe2\x80\x99s", "Ahmed", "x\0y"};
    for (size_t i = 0; i < N; i++) {
        words[i] = pool[i % 11];
        lens[i] = (uint32_t)(i % 11 == 10 ? 3 : strlen(words[i]));
    }
    assert_int_equal(la__ner_tag(*state, words, lens, N, out, &ns), LA_OK);
    assert_true(ns <= N);
    assert_int_equal(la__ner_tag(NULL, words, lens, N, out, &ns), LA_EINVAL);
}

static int load(const void *data, size_t len, la_error *err)
{
    la__ner_model *m = NULL;
    int rc = la__ner_model_load(&m, data, len, err);
    if (rc == LA_OK)
        assert_non_null(m);
    else
        assert_null(m);
    la__ner_model_free(m);
    return rc;
}

static void test_truncated(void **state)
{
    (void)state;
    size_t len = la__ner_default_model_size;
    const size_t cuts[] = {0, 1, 7, 8, 64, 127, 128, 129, 1000, len / 2, len - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        la_error err = {0};
        assert_int_equal(load(la__ner_default_model, cuts[i], &err), LA_EFORMAT);
        assert_int_equal(err.code, LA_EFORMAT);
        assert_true(strlen(err.msg) > 0);
    }
    la_error err = {0};
    assert_int_equal(load(la__ner_default_model, len, &err), LA_OK);
}

static unsigned char *copy_default(void)
{
    unsigned char *b = malloc(la__ner_default_model_size);
    assert_non_null(b);
    memcpy(b, la__ner_default_model, la__ner_default_model_size);
    return b;
}

static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void test_foreign_and_damaged(void **state)
{
    (void)state;
    la_error err = {0};
    static const char png[] = "\x89PNG\r\n\x1a\n and then some more bytes of an image....";
    assert_int_equal(load(png, sizeof png, &err), LA_EFORMAT);
    assert_non_null(strstr(err.msg, "magic"));

    size_t len = la__ner_default_model_size;
    unsigned char *b = copy_default();
    b[len - 3] ^= 0x40; /* a payload byte */
    assert_int_equal(load(b, len, &err), LA_EFORMAT);
    assert_non_null(strstr(err.msg, "checksum"));
    free(b);

    b = copy_default();
    b[70] ^= 1; /* the version string: header checksum */
    assert_int_equal(load(b, len, &err), LA_EFORMAT);
    free(b);

    b = copy_default();
    put32(b + 8, 99); /* a future format */
    assert_int_equal(load(b, len, &err), LA_EVERSION);
    free(b);

    b = copy_default();
    put32(b + 16, LA__NER_FEATURE_VERSION + 1); /* trained with other features */
    put32(b + 44, la__ner_header_checksum(b));
    assert_int_equal(load(b, len, &err), LA_EVERSION);
    free(b);

    b = copy_default();
    put32(b + 24, 0xffffffffu); /* counts that do not match the size */
    put32(b + 44, la__ner_header_checksum(b));
    assert_int_equal(load(b, len, &err), LA_EFORMAT);
    free(b);

    la__ner_model *m = NULL;
    assert_int_equal(la__ner_model_load_file(&m, "/nonexistent/ner.bin", &err), LA_EIO);
    assert_int_equal(la__ner_model_load(&m, NULL, 0, &err), LA_EFORMAT);
}

/* A hand-made model: the writer and reader agree, and a duplicate key is refused. */
static void test_serialize_roundtrip(void **state)
{
    (void)state;
    int32_t trans[LA__NER_TRANS_SIZE] = {0};
    uint32_t keys[2] = {12345, 67890};
    int16_t w[2 * LA__NER_TAGS] = {0};
    w[LA__NER_TAG_B(LA__NER_LOC)] = 100;
    la__ner_model_spec spec = {"ner-test", trans, keys, w, 2, NULL, NULL, 0};
    void *buf;
    size_t len;
    la_error err = {0};
    assert_int_equal(la__ner_model_serialize(&spec, &buf, &len, &err), LA_OK);
    la__ner_model *m = NULL;
    assert_int_equal(la__ner_model_load(&m, buf, len, &err), LA_OK);
    assert_string_equal(la__ner_model_version(m), "ner-test");
    la__ner_model_free(m);
    free(buf);

    keys[1] = keys[0];
    assert_int_equal(la__ner_model_serialize(&spec, &buf, &len, &err), LA_OK);
    assert_int_equal(la__ner_model_load(&m, buf, len, &err), LA_EFORMAT);
    free(buf);
}

/* Gazetteer codes: the longest lexicon entry from a capitalised word, first and later words
 * told apart; lower-case words and unknown names get none. */
static void test_gazetteer_codes(void **state)
{
    (void)state;
    la__lexicon *lex = NULL;
    la_error err = {0};
    assert_int_equal(la__lexicon_load(&lex, NULL, &err), LA_OK);
    char buf[] = "troops of the United States and Zqxwvu met in Baghdad";
    const char *words[16];
    uint32_t lens[16];
    size_t n = split(buf, words, lens, 16);
    uint8_t gaz[16];
    la__lexicon_gaz(lex, words, lens, n, gaz);
    const uint8_t want[] = {0, 0, 0, LA__NER_GAZ(LA__NER_LOC, 0), LA__NER_GAZ(LA__NER_LOC, 1), 0, 0, 0, 0,
                            LA__NER_GAZ(LA__NER_LOC, 0)};
    assert_int_equal(n, sizeof want);
    assert_memory_equal(gaz, want, sizeof want);
    /* tagging with and without codes both work */
    la__ner_model *m = NULL;
    assert_int_equal(la__ner_model_load_default(&m, &err), LA_OK);
    la__ner_span spans[16];
    size_t ns = 0;
    assert_int_equal(la__ner_tag_gaz(m, words, lens, gaz, n, spans, &ns), LA_OK);
    assert_true(ns >= 2);
    assert_int_equal(la__ner_tag_gaz(m, words, lens, NULL, n, spans, &ns), LA_OK);
    la__ner_model_free(m);
    la__lexicon_free(lex);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_model),
        cmocka_unit_test(test_transliterated_names),
        cmocka_unit_test(test_edge_inputs),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_foreign_and_damaged),
        cmocka_unit_test(test_serialize_roundtrip),
        cmocka_unit_test(test_gazetteer_codes),
    };
    return cmocka_run_group_tests_name("tagger", tests, setup, teardown);
}
