/* The entities stage on a hand-written article snippet: labels, span conventions,
 * normalized values, within-document and corpus ids, user entries. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "entities/mention.h"

static const char *ARTICLE =
    "Kabul (Staff Report) - Prime Minister Hamid Rahimzadeh met German and Turkish envoys in "
    "Kabul on 14 March 2019, the first such meeting since 2001.\n\n"
    "Rahimzadeh's office said the Northern Reconstruction Council (NRC) would receive $5 million "
    "and that 2,500 families had returned. The NRC was set up by NATO.\n\n"
    "Unemployment fell to 22.1 percent, the ministry said. US-led forces left in mid-February.\n";

static la_pipeline *pipe_new(const char *user)
{
    la_pipeline_options o = LA_PIPELINE_OPTIONS_INIT;
    o.user_entries_path = user;
    la_pipeline *p = NULL;
    la_error err = {0};
    assert_int_equal(la_pipeline_new(&p, &o, &err), LA_OK);
    return p;
}

static la_doc *analyze(la_pipeline *p, const char *text)
{
    la_doc *d = NULL;
    la_error err = {0};
    assert_int_equal(la_analyze(&d, p, text, strlen(text), NULL, &err), LA_OK);
    return d;
}

/* The entity whose text is exactly s (the n-th such), or NULL. */
static const la__entity *find(const la_doc *d, const char *s, int nth)
{
    for (size_t i = 0; i < d->n_entities; i++) {
        const la__entity *e = &d->entities[i];
        if (e->end - e->start == strlen(s) && !memcmp(d->text + e->start, s, strlen(s)) && nth-- == 0)
            return e;
    }
    return NULL;
}

static void expect(const la_doc *d, const char *s, int label, const char *value)
{
    const la__entity *e = find(d, s, 0);
    if (!e)
        fail_msg("no entity \"%s\"", s);
    assert_string_equal(la__label_name(e->label), la__label_name(label));
    if (value) {
        assert_non_null(e->value);
        assert_string_equal(e->value, value);
    }
}

static void test_labels_and_values(void **state)
{
    (void)state;
    la_pipeline *p = pipe_new(NULL);
    la_doc *d = analyze(p, ARTICLE);
    expect(d, "Kabul", LA__GPE, NULL);
    expect(d, "German", LA__NORP, NULL);
    expect(d, "Turkish", LA__NORP, NULL);
    expect(d, "14 March 2019", LA__DATE, "2019-03-14");
    expect(d, "first", LA__ORDINAL, "1");
    expect(d, "2001", LA__DATE, "2001");
    expect(d, "$5 million", LA__MONEY, "5000000");
    expect(d, "2,500", LA__CARDINAL, "2500");
    expect(d, "22.1 percent", LA__PERCENT, "22.1");
    expect(d, "mid-February", LA__DATE, NULL);
    expect(d, "NATO", LA__ORG, NULL);
    expect(d, "US", LA__GPE, NULL);          /* sub-token of US-led */
    /* title and possessive outside the spans */
    assert_null(find(d, "Prime Minister Hamid Rahimzadeh", 0));
    const la__entity *full = find(d, "Hamid Rahimzadeh", 0), *short_ = find(d, "Rahimzadeh", 0);
    assert_non_null(full);
    assert_non_null(short_);
    assert_int_equal(full->label, LA__PERSON);
    assert_string_equal(full->entity_id, short_->entity_id);
    /* numbers have no id; names do */
    assert_null(find(d, "2,500", 0)->entity_id);
    assert_non_null(find(d, "NATO", 0)->entity_id);
    /* sorted and non-overlapping */
    for (size_t i = 1; i < d->n_entities; i++)
        assert_true(d->entities[i - 1].end <= d->entities[i].start);
    la_doc_free(d);
    la_pipeline_free(p);
}

/* A surname the tagger reads as an adjective before a leader's term is a person's. */
static void test_leader_term(void **state)
{
    (void)state;
    la_pipeline *p = pipe_new(NULL);
    la_doc *d = analyze(p, "During the Trump administration, the relationship with NATO was somewhat uneven. "
                           "In fact, he treated it as an obsolete organization.\n");
    expect(d, "Trump", LA__PERSON, NULL);
    la_doc_free(d);
    la_pipeline_free(p);
}

/* A name that the tagger reads as a person's but that ends in the word for a place or a
 * body is that place or body, unless the word is also a surname ("Dave Camp"); one that
 * ends in "One" is a craft ("Marine One"). */
static void test_place_heads(void **state)
{
    (void)state;
    la_pipeline *p = pipe_new(NULL);
    la_doc *d = analyze(p, "Iranian officials said the prisoner was moved to Evin Prison on Monday. "
                           "Supporters gathered outside Trump Tower. Representative Dave Camp said the bill "
                           "would pass. Marine One landed on the lawn.\n");
    expect(d, "Evin Prison", LA__FAC, NULL);
    expect(d, "Trump Tower", LA__FAC, NULL);
    expect(d, "Dave Camp", LA__PERSON, NULL);
    expect(d, "Marine One", LA__PRODUCT, NULL); /* the helicopter, not a person */
    la_doc_free(d);
    la_pipeline_free(p);
}

/* A surname that is also a town's ("Rubio", "Obama") is a person's after "Mr." and
 * wherever the document names a person with it and a given name, however often the
 * tagger reads the town. */
static void test_surname_of_a_town(void **state)
{
    (void)state;
    la_pipeline *p = pipe_new(NULL);
    la_doc *d = analyze(p, "Senator Marco Rubio of Florida spoke on Monday.\n\n"
                           "The crowd cheered when Rubio arrived. Later Rubio left the stage.\n\n"
                           "What Mr. Obama has seen instead are the charts.\n");
    expect(d, "Rubio", LA__PERSON, NULL);
    assert_int_equal(find(d, "Rubio", 1)->label, LA__PERSON);
    expect(d, "Obama", LA__PERSON, NULL);
    la_doc_free(d);
    la_pipeline_free(p);
}

/* In a title-case line a name does not run on over the words after it when the document
 * names it alone elsewhere, or as a person's surname, and the first word after it is an
 * ordinary one. */
static void test_title_case_line(void **state)
{
    (void)state;
    la_pipeline *p = pipe_new(NULL);
    la_doc *d = analyze(p, "Iran Warns US Over Troop Deployment\n\n"
                           "US Army Corps of Engineers Rebuilds Mosul Bridge\n\n"
                           "Baghdad - Iran and the US traded warnings on Monday as the army prepared.\n");
    expect(d, "Iran", LA__GPE, NULL);
    assert_null(find(d, "Iran Warns US Over Troop Deployment", 0));
    const la__entity *us = find(d, "US", 0);
    assert_non_null(us);
    assert_int_equal(us->start, strlen("Iran Warns "));
    /* "Army" is no ordinary word inside a name: that line keeps its name */
    uint32_t corps = (uint32_t)(strstr(d->text, "US Army") - d->text);
    for (size_t i = 0; i < d->n_entities; i++)
        if (d->entities[i].start == corps)
            assert_true(d->entities[i].end > corps + 2);
    la_doc_free(d);
    /* a surname named elsewhere as the last word of a person's name */
    d = analyze(p, "Stoltenberg Says Alliance Will Stay in Iraq\n\n"
                   "Jens Stoltenberg told reporters in Brussels that the mission was advisory.\n");
    expect(d, "Stoltenberg", LA__PERSON, NULL);
    la_doc_free(d);
    la_pipeline_free(p);
}

static void test_acronym_and_corpus(void **state)
{
    (void)state;
    la_pipeline *p = pipe_new(NULL);
    la_doc *d = analyze(p, ARTICLE);
    const la__entity *longf = find(d, "Northern Reconstruction Council", 0), *acr = find(d, "NRC", 0),
                     *acr2 = find(d, "NRC", 1);
    assert_non_null(longf);
    assert_non_null(acr);
    assert_non_null(acr2);
    assert_string_equal(longf->entity_id, acr->entity_id);
    assert_string_equal(acr->entity_id, acr2->entity_id);

    /* a transliteration variant in a second document joins the same corpus id */
    la_corpus *c = NULL;
    la_error err = {0};
    assert_int_equal(la_corpus_new(&c, p, &err), LA_OK);
    assert_int_equal(la_corpus_add(c, d, &err), LA_OK);
    la_doc *d2 = analyze(p, "Officials said Hamed Rahimzade travelled to Ankara on Monday.\n");
    const la__entity *v = find(d2, "Hamed Rahimzade", 0);
    assert_non_null(v);
    assert_int_equal(la_corpus_add(c, d2, &err), LA_OK);
    assert_string_equal(v->entity_id, find(d, "Hamid Rahimzadeh", 0)->entity_id);
    la_doc_free(d2);
    la_corpus_free(c);
    la_doc_free(d);
    la_pipeline_free(p);
}

/* A distinct made-up name for n: two capitalized words of syllables picked by n's digits. */
static void made_up_name(unsigned n, char *out)
{
    static const char *const SYL[] = {"ka", "lo", "mi", "ru", "ten", "bar", "dov", "fel", "gur", "hask"};
    char *o = out;
    for (unsigned w = 0; w < 2; w++) {
        char *word = o;
        for (unsigned k = 0, x = w ? n / 7 + 31 * n : n; k < 4; k++, x /= 10)
            o += sprintf(o, "%s", SYL[x % 10]);
        *word = (char)(*word - 'a' + 'A');
        *o++ = w ? '\0' : ' ';
    }
}

/* Among a thousand other names, an acronym and its long form, and a transliteration
 * variant in a second document still join: ids are not found by comparing every name with
 * every other, and must miss no pair that way. */
static void test_many_names(void **state)
{
    (void)state;
    enum { NAMES = 1000 };
    static const char *const VARIANTS =
        "The Northern Reconstruction Council denied the report. An NRC spokesman said the council "
        "would respond.\n\nThe Southern Reconstruction Council agreed. A Southern Reconstruction "
        "Counsil official said so.\n";
    la__buf b = {0};
    for (unsigned i = 0; i < NAMES; i++) {
        char name[80], line[160];
        made_up_name(i, name);
        snprintf(line, sizeof line, "%s met officials in Kabul on Monday, the ministry said.\n\n", name);
        la__buf_put(&b, line, strlen(line));
    }
    la__buf_put(&b, VARIANTS, strlen(VARIANTS));
    assert_false(b.failed);
    la_pipeline *p = pipe_new(NULL);
    la_doc *d = analyze(p, b.p);
    assert_true(d->n_entities > NAMES);
    assert_string_equal(find(d, "Northern Reconstruction Council", 0)->entity_id, find(d, "NRC", 0)->entity_id);
    assert_non_null(find(d, "Southern Reconstruction Counsil", 0)); /* a key one consonant apart */
    assert_string_equal(find(d, "Southern Reconstruction Council", 0)->entity_id,
                        find(d, "Southern Reconstruction Counsil", 0)->entity_id);
    la_corpus *c = NULL;
    la_error err = {0};
    assert_int_equal(la_corpus_new(&c, p, &err), LA_OK);
    assert_int_equal(la_corpus_add(c, d, &err), LA_OK);
    /* a key one consonant from the first document's */
    la_doc *d2 = analyze(p, "The Northern Reconstruction Counsil met in Ankara on Monday.\n");
    assert_int_equal(la_corpus_add(c, d2, &err), LA_OK);
    assert_non_null(find(d2, "Northern Reconstruction Counsil", 0));
    assert_string_equal(find(d2, "Northern Reconstruction Counsil", 0)->entity_id,
                        find(d, "Northern Reconstruction Council", 0)->entity_id);
    la_doc_free(d2);
    la_corpus_free(c);
    la_doc_free(d);
    la_pipeline_free(p);
    free(b.p);
}

/* Conventions that must not eat names: a first name before a town's name, an organisation
 * named with a title word, a bracket inside a name; a detached 's (pre-tokenized text). */
static void test_names_kept_whole(void **state)
{
    (void)state;
    la_pipeline *p = pipe_new(NULL);
    la_doc *d = analyze(p, "Daniel Houston was arrested in Leeds on Monday.\n"
                           "Given Iran's support, the Foreign Ministry said it would wait. "
                           "Iran 's army and the State Department disagreed.\n");
    expect(d, "Daniel Houston", LA__PERSON, NULL);   /* not "Houston" the town */
    expect(d, "Foreign Ministry", LA__ORG, NULL);    /* "Foreign" is no title here */
    expect(d, "State Department", LA__ORG, NULL);
    assert_non_null(find(d, "Iran", 0));             /* "Given" is an ordinary opener */
    assert_null(find(d, "Given Iran", 0));
    expect(d, "Iran", LA__GPE, NULL);
    bool clitic = false;
    for (size_t i = 0; i < d->n_tokens; i++)
        clitic = clitic || (d->tokens[i].end - d->tokens[i].start == 2 && !memcmp(d->text + d->tokens[i].start, "'s", 2));
    assert_true(clitic);
    la_doc_free(d);
    /* an initial after a lower-case word ends no sentence before a name: "urges S. Korea" */
    d = analyze(p, "Pyongyang urges S. Korea to return a war veteran.\n");
    assert_int_equal(d->n_sentences, 1);
    expect(d, "S. Korea", LA__GPE, NULL);
    la_doc_free(d);
    la_pipeline_free(p);
}

static void test_user_entries(void **state)
{
    (void)state;
    char path[] = "/tmp/la-user-entriesXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("[{\"name\": \"Northern Reconstruction Council\", \"label\": \"ORG\", \"id\": \"nrc_af\","
          " \"aliases\": [\"NRC\", \"Reconstruction Council\"]}]", f);
    fclose(f);
    la_pipeline *p = pipe_new(path);
    la_doc *d = analyze(p, ARTICLE);
    assert_string_equal(find(d, "NRC", 0)->entity_id, "nrc_af");
    assert_string_equal(find(d, "Northern Reconstruction Council", 0)->entity_id, "nrc_af");
    la_doc_free(d);
    la_pipeline_free(p);

    /* a bad file is LA_EFORMAT with a message */
    f = fopen(path, "w");
    fputs("[{\"name\": \"X\", \"label\": \"NOPE\"}]", f);
    fclose(f);
    la_pipeline_options o = LA_PIPELINE_OPTIONS_INIT;
    o.user_entries_path = path;
    la_pipeline *bad = NULL;
    la_error err = {0};
    assert_int_equal(la_pipeline_new(&bad, &o, &err), LA_EFORMAT);
    assert_null(bad);
    f = fopen(path, "w");
    fputs("{not json", f);
    fclose(f);
    assert_int_equal(la_pipeline_new(&bad, &o, &err), LA_EFORMAT);
    remove(path);
}

/* Document-level votes, propagation and clusters count every mention of a repeated name,
 * however many there are: the same block of paragraphs, repeated, gets the block's entities
 * at each repeat (docs/entities.md). The votes are close: one "Marco Rubio" against one
 * "Rubio" taken as a place makes every "Rubio" a person; one "Michael Jordan" against three
 * "Jordan" keeps the country. */
static const char *BLOCK =
    "Marco Rubio spoke in Scranton on Monday.\n\n"
    "In Texas, Cruz campaigned while Rubio stayed in Scranton.\n\n"
    "Michael Jordan flew to Amman, where Jordan's king met him. Jordan borders Syria, and Jordan is calm.\n\n"
    "Donald Trump said the economy was growing.\n\n"
    "TRUMP: Thank you, Chris. Trump will win, Trump says.\n\n";

static void expect_all(const la_doc *d, const char *s, int count, int label, const char *canonical)
{
    int k = 0;
    for (const la__entity *e; (e = find(d, s, k)); k++) {
        assert_string_equal(la__label_name(e->label), la__label_name(label));
        assert_string_equal(e->canonical, canonical);
        assert_string_equal(e->entity_id, find(d, s, 0)->entity_id);
    }
    if (k != count)
        fail_msg("%d entities \"%s\", expected %d", k, s, count);
}

static void test_repeated_names(void **state)
{
    (void)state;
    enum { REPEATS = 40 };
    size_t bn = strlen(BLOCK);
    char *text = malloc(bn * REPEATS + 1);
    assert_non_null(text);
    for (int r = 0; r < REPEATS; r++)
        memcpy(text + r * bn, BLOCK, bn + 1);
    la_pipeline *p = pipe_new(NULL);
    la_doc *one = analyze(p, BLOCK), *many = analyze(p, text);
    expect_all(many, "Rubio", REPEATS, LA__PERSON, "Marco Rubio"); /* not the town's lexicon entry */
    expect_all(many, "Jordan", 3 * REPEATS, LA__GPE, "Jordan");
    expect_all(many, "Scranton", 2 * REPEATS, LA__GPE, "Scranton");
    /* one "Trump" the tagger passes over is found by the other's text */
    int trumps = 0;
    for (const la__entity *e; (e = find(many, "Trump", trumps)); trumps++) {
        assert_int_equal(e->label, LA__PERSON);
        assert_string_equal(e->canonical, "Donald Trump");
    }
    assert_int_equal(trumps, 2 * REPEATS);
    /* every repeat of the block, the block's entities (ids aside: see docs/entities.md) */
    assert_int_equal(many->n_entities, REPEATS * one->n_entities);
    for (size_t i = 0; i < many->n_entities; i++) {
        const la__entity *e = &many->entities[i], *o = &one->entities[i % one->n_entities];
        assert_int_equal(e->start, o->start + i / one->n_entities * bn);
        assert_int_equal(e->end, o->end + i / one->n_entities * bn);
        assert_int_equal(e->label, o->label);
        if (o->canonical)
            assert_string_equal(e->canonical, o->canonical);
    }
    la_doc_free(one), la_doc_free(many);
    la_pipeline_free(p);
    free(text);
}

/* numbers.c skips words outside its sorted table of rule-starting words: the table must be
 * sorted and hold exactly the words of its lists. */
/* A person's mentions share one id whether they come before or after the longest one. */
static void test_person_ids_agree(void **state)
{
    (void)state;
    la_pipeline *p = pipe_new(NULL);
    la_doc *d = analyze(p, "Hillary Clinton spoke in Ohio on Monday. Clinton told the crowd that the plan "
                           "would work. Clinton left for Iowa in the evening.\n");
    const la__entity *b = find(d, "Hillary Clinton", 0), *a = find(d, "Clinton", 0), *c = find(d, "Clinton", 1);
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_non_null(a->entity_id);
    assert_string_equal(a->entity_id, b->entity_id);
    assert_string_equal(c->entity_id, b->entity_id);
    la_doc_free(d);
    la_pipeline_free(p);
}

static const char *id_of(const la_doc *d, const char *s, int nth)
{
    const la__entity *e = find(d, s, nth);
    if (!e)
        fail_msg("no entity \"%s\" (%d)", s, nth);
    assert_non_null(e->entity_id);
    return e->entity_id;
}

/* Two persons with one last name stay two: a short form goes to the one named first, a
 * given name alone to the one who has it; a town's lexicon entry does not make a person's
 * id; a short last name joins its full name; a suffix is no last name. */
static void test_namesakes(void **state)
{
    (void)state;
    la_pipeline *p = pipe_new(NULL);
    la_doc *d = analyze(p, "Hillary Clinton spoke in Ohio on Monday. Her husband Bill Clinton stayed in New "
                           "York. Clinton told the crowd that the plan would work. Later, Hillary said the "
                           "race was close.\n\nHoward Dean agreed. Dean said the numbers were good. John "
                           "Smith Jr. and Joseph Smith Jr. did not comment.\n");
    const char *hillary = id_of(d, "Hillary Clinton", 0);
    assert_string_equal(hillary, "hillary_clinton");
    assert_string_equal(id_of(d, "Bill Clinton", 0), "bill_clinton");
    assert_string_equal(id_of(d, "Clinton", 0), hillary);
    assert_string_equal(id_of(d, "Hillary", 0), hillary);
    assert_string_equal(find(d, "Clinton", 0)->canonical, "Hillary Clinton");
    assert_string_equal(id_of(d, "Dean", 0), id_of(d, "Howard Dean", 0));
    assert_string_not_equal(id_of(d, "John Smith Jr.", 0), id_of(d, "Joseph Smith Jr.", 0));

    /* across documents: Bill Clinton does not join the corpus entry of Hillary Clinton by
     * id, spelling or key, and Hillary Clinton in a third document does */
    la_corpus *c = NULL;
    la_error err = {0};
    assert_int_equal(la_corpus_new(&c, p, &err), LA_OK);
    la_doc *one = analyze(p, "Hillary Clinton spoke in Ohio on Monday. Clinton said the plan would work.\n");
    la_doc *two = analyze(p, "Bill Clinton spoke in Iowa on Tuesday. Clinton said the race was close.\n");
    la_doc *three = analyze(p, "Clinton spoke in Utah. Hillary Clinton said she would win.\n");
    assert_int_equal(la_corpus_add(c, one, &err), LA_OK);
    assert_int_equal(la_corpus_add(c, two, &err), LA_OK);
    assert_int_equal(la_corpus_add(c, three, &err), LA_OK);
    assert_string_equal(id_of(one, "Clinton", 0), id_of(one, "Hillary Clinton", 0));
    assert_string_not_equal(id_of(two, "Bill Clinton", 0), id_of(one, "Hillary Clinton", 0));
    assert_string_equal(id_of(two, "Clinton", 0), id_of(two, "Bill Clinton", 0));
    assert_string_equal(id_of(three, "Hillary Clinton", 0), id_of(one, "Hillary Clinton", 0));
    la_doc_free(one), la_doc_free(two), la_doc_free(three);
    la_corpus_free(c);
    la_doc_free(d);
    la_pipeline_free(p);
}

static void test_number_starters(void **state)
{
    (void)state;
    assert_true(la__numbers_check_starters());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_labels_and_values),
        cmocka_unit_test(test_leader_term),
        cmocka_unit_test(test_place_heads),
        cmocka_unit_test(test_surname_of_a_town),
        cmocka_unit_test(test_title_case_line),
        cmocka_unit_test(test_acronym_and_corpus),
        cmocka_unit_test(test_many_names),
        cmocka_unit_test(test_names_kept_whole),
        cmocka_unit_test(test_user_entries),
        cmocka_unit_test(test_repeated_names),
        cmocka_unit_test(test_person_ids_agree),
        cmocka_unit_test(test_namesakes),
        cmocka_unit_test(test_number_starters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
