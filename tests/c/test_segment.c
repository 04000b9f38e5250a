/* Tokens and sentences on the forms news text is full of. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "libanalysis.h"

static la_pipeline *pipeline;

static int setup(void **state)
{
    (void)state;
    la_pipeline_options o = LA_PIPELINE_OPTIONS_INIT;
    o.stages = LA_STAGE_STRUCTURE;
    return la_pipeline_new(&pipeline, &o, NULL);
}

static int teardown(void **state)
{
    (void)state;
    la_pipeline_free(pipeline);
    return 0;
}

/* The tokens of s joined by '|'. */
static void tokens_of(const char *s, char *out, size_t cap)
{
    la_doc *d;
    assert_int_equal(la_analyze(&d, pipeline, s, strlen(s), NULL, NULL), LA_OK);
    size_t k = 0;
    out[0] = '\0';
    for (size_t i = 0; i < la_doc_token_count(d); i++) {
        la_token t = LA_TOKEN_INIT;
        la_doc_token(d, i, &t);
        k += (size_t)snprintf(out + k, cap - k, "%s%.*s", i ? "|" : "",
                              (int)(t.span.byte_end - t.span.byte_start), s + t.span.byte_start);
    }
    la_doc_free(d);
}

static void sentences_of(const char *s, char *out, size_t cap)
{
    la_doc *d;
    assert_int_equal(la_analyze(&d, pipeline, s, strlen(s), NULL, NULL), LA_OK);
    size_t k = 0;
    out[0] = '\0';
    for (size_t i = 0; i < la_doc_sentence_count(d); i++) {
        la_sentence t = LA_SENTENCE_INIT;
        la_doc_sentence(d, i, &t);
        k += (size_t)snprintf(out + k, cap - k, "%s%.*s", i ? "|" : "",
                              (int)(t.span.byte_end - t.span.byte_start), s + t.span.byte_start);
    }
    la_doc_free(d);
}

#define TOKENS(in, want)                 \
    do {                                 \
        char buf[1024];                  \
        tokens_of(in, buf, sizeof buf);  \
        assert_string_equal(buf, want);  \
    } while (0)

#define SENTENCES(in, want)                \
    do {                                   \
        char buf[2048];                    \
        sentences_of(in, buf, sizeof buf); \
        assert_string_equal(buf, want);    \
    } while (0)

static void test_numbers(void **state)
{
    (void)state;
    TOKENS("2,500 troops, 22.1 percent and $100.00.", "2,500|troops|,|22.1|percent|and|$|100.00|.");
    TOKENS("In 1949, 30 states", "In|1949|,|30|states");
}

static void test_names_and_clitics(void **state)
{
    (void)state;
    TOKENS("al-Sudani met Iraq\xe2\x80\x99s US-led allies.", "al-Sudani|met|Iraq|\xe2\x80\x99s|US-led|allies|.");
    TOKENS("They don't know O'Brien's plan.", "They|do|n't|know|O'Brien|'s|plan|.");
    TOKENS("\xe2\x80\x9cWe will,\xe2\x80\x9d he said.", "\xe2\x80\x9c|We|will|,|\xe2\x80\x9d|he|said|.");
    TOKENS("``We will,'' he said.", "``|We|will|,|''|he|said|.");
    TOKENS("Abu Mahdi al-Muhandis and Al \xe2\x80\x93 Mohandes", "Abu|Mahdi|al-Muhandis|and|Al|\xe2\x80\x93|Mohandes");
}

static void test_abbreviations(void **state)
{
    (void)state;
    TOKENS("The U.S. and Mr. Smith at 5 a.m.", "The|U.S.|and|Mr.|Smith|at|5|a.m.");
    /* a party and a dotted state: one token, so "N." does not end the sentence */
    TOKENS("Rep. Jones (D-N.C.), head of it", "Rep.|Jones|(|D-N.C.|)|,|head|of|it");
    TOKENS("the X-ray. Then", "the|X-ray|.|Then");
    TOKENS("See https://example.org/a.html. Or mail a.b@example.com.",
           "See|https://example.org/a.html|.|Or|mail|a.b@example.com|.");
}

static void test_sentences(void **state)
{
    (void)state;
    SENTENCES("Gen. Smith arrived. He spoke.", "Gen. Smith arrived.|He spoke.");
    SENTENCES("He lives in the U.S. He works there.", "He lives in the U.S.|He works there.");
    SENTENCES("It cost $2.5 million. Officials agreed.", "It cost $2.5 million.|Officials agreed.");
    SENTENCES("\xe2\x80\x9cWe are ready.\xe2\x80\x9d The minister left.",
              "\xe2\x80\x9cWe are ready.\xe2\x80\x9d|The minister left.");
    SENTENCES("\"We are ready,\" he said. \"Good.\"", "\"We are ready,\" he said.|\"Good.\"");
    SENTENCES("Wait... What happened?", "Wait...|What happened?");
    SENTENCES("1. First point 2. Second point", "1. First point|2. Second point");
}

static void test_blocks(void **state)
{
    (void)state;
    const char *in = "Heading\n\nA paragraph here. Two sentences.\nAnother line\n";
    la_doc *d;
    assert_int_equal(la_analyze(&d, pipeline, in, strlen(in), NULL, NULL), LA_OK);
    assert_int_equal(la_doc_block_count(d), 3);
    la_block b = LA_BLOCK_INIT;
    la_doc_block(d, 1, &b);
    assert_int_equal(b.sentence_count, 2);
    la_doc_free(d);
    /* hard-wrapped prose is one block */
    in = "This paragraph was wrapped by an editor at a fixed width and so\ncontinues on the next line.";
    assert_int_equal(la_analyze(&d, pipeline, in, strlen(in), NULL, NULL), LA_OK);
    assert_int_equal(la_doc_block_count(d), 1);
    assert_int_equal(la_doc_sentence_count(d), 1);
    la_doc_free(d);
}

/* Inside an article, a short line ending in a full stop before its closing quote mark is
 * text (a quote's last paragraph), not a heading. */
static void test_headings(void **state)
{
    (void)state;
    const char *in = "The expert on Iraq affairs, Dr. Hossein Rouyvaran, believes that the presence of "
                     "American troops is the main source of insecurity. He noted that \"the occupiers have "
                     "never left a country of their own will,\" and stressed that the parliament's vote must "
                     "be respected.\n\n\"We have warned them repeatedly. If they stay, they will pay the "
                     "price,\" said Qais al-Khazali, the leader of Asaib Ahl al-Haq. \"The decision of the "
                     "parliament is final.\n\n\"Nobody can ignore it.\"\n\nThe Pentagon, however, insists that "
                     "its forces are in Iraq at the invitation of the government. A senior US defense official "
                     "told CNN that no withdrawal plan had been approved.\n";
    la_doc *d;
    assert_int_equal(la_analyze(&d, pipeline, in, strlen(in), NULL, NULL), LA_OK);
    assert_int_equal(la_doc_block_count(d), 4);
    la_block b = LA_BLOCK_INIT;
    la_doc_block(d, 2, &b);
    assert_int_equal(b.kind, LA_BLOCK_PARAGRAPH);
    la_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers),       cmocka_unit_test(test_names_and_clitics),
        cmocka_unit_test(test_abbreviations), cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_blocks),        cmocka_unit_test(test_headings),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
