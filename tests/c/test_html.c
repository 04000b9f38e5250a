/* Tests of HTML input (parse/html.c): the article is kept and site furniture dropped,
 * headings and metadata come out, legacy encodings are converted, and hostile pages
 * (deep nesting, garbage, empty input) still give valid UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/html.h"

/* Valid UTF-8 without NUL bytes. */
static bool valid_utf8(const char *p, size_t n)
{
    const unsigned char *s = (const unsigned char *)p;
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        size_t k = c < 0x80 ? 1 : (c >= 0xC2 && c < 0xE0) ? 2 : (c >= 0xE0 && c < 0xF0) ? 3
                 : (c >= 0xF0 && c < 0xF5) ? 4 : 0;
        if (c == 0 || k == 0 || i + k > n)
            return false;
        for (size_t j = 1; j < k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return false;
        i += k;
    }
    return true;
}

static void extract(la__html_page *page, const char *html, size_t len)
{
    la_error err;
    assert_int_equal(la__html_extract(page, html, len, &err), LA_OK);
    assert_non_null(page->text);
    assert_non_null(page->main_text);
    assert_int_equal(strlen(page->text), page->len);
    assert_true(valid_utf8(page->text, page->len));
    assert_true(valid_utf8(page->main_text, page->main_len));
    for (size_t i = 0; i < page->n_blocks; i++) {
        assert_true(page->blocks[i].start <= page->blocks[i].end);
        assert_true(page->blocks[i].end <= page->len);
        if (i)
            assert_true(page->blocks[i - 1].end <= page->blocks[i].start);
    }
}

/* Index of the first block of kind whose text is exactly s, or -1. */
static int find_block(const la__html_page *p, int kind, const char *s)
{
    for (size_t i = 0; i < p->n_blocks; i++) {
        const la__block *b = &p->blocks[i];
        if (b->kind == kind && b->end - b->start == strlen(s) && !memcmp(p->text + b->start, s, strlen(s)))
            return (int)i;
    }
    return -1;
}

static const char news_page[] =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
    "<title>Harbour bridge reopens after repairs | The Daily Example</title>"
    "<meta property=\"og:site_name\" content=\"The Daily Example\">"
    "<meta name=\"author\" content=\"Maria Lopez\">"
    "<meta property=\"article:published_time\" content=\"2021-03-04T08:15:00+01:00\">"
    "</head><body>"
    "<header><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/sport\">Sport</a></header>"
    "<nav class=\"main-nav\"><ul><li><a href=\"/a\">Politics</a></li><li><a href=\"/b\">Business</a></li></ul></nav>"
    "<div class=\"page\"><div class=\"article-body\">"
    "<h1>Harbour bridge reopens after repairs</h1>"
    "<p>The harbour bridge reopened to traffic on Thursday morning after eight months of repairs that "
    "cost the city more than twelve million euros, officials said.</p>"
    "<div class=\"share-buttons\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Tweet this</a></div>"
    "<p>Engineers replaced the corroded cables and resurfaced the deck, which carries about forty "
    "thousand vehicles a day between the old town and the port district.</p>"
    "<h2>Traffic returns to normal</h2>"
    "<p>Commuters said the reopening would cut their journeys by half an hour, and bus companies "
    "restored the routes they had diverted through the tunnel since last summer.</p>"
    "<ul><li>Cyclists get a separate lane on the east side of the deck.</li></ul>"
    "<blockquote><p>We are glad to have our bridge back after such a long winter of detours.</p></blockquote>"
    "</div>"
    "<aside class=\"sidebar\"><h3>Most read</h3><p>A completely different story about football "
    "that nobody reading this article needs to see here today.</p></aside>"
    "<div id=\"comments\" class=\"comments\"><h3>Comments</h3>"
    "<div class=\"comment\"><p>Reader comment: this bridge has always been a disaster and the "
    "council should have replaced it entirely years ago, in my humble opinion.</p></div></div>"
    "</div>"
    "<footer><p>Copyright 2021 The Daily Example. All rights reserved. Terms of use and privacy "
    "policy apply to every page on this website.</p></footer>"
    "</body></html>";

static void test_main_content_kept_furniture_dropped(void **state)
{
    (void)state;
    la__html_page p;
    extract(&p, news_page, strlen(news_page));
    assert_non_null(strstr(p.main_text, "The harbour bridge reopened to traffic"));
    assert_non_null(strstr(p.main_text, "Engineers replaced the corroded cables"));
    assert_non_null(strstr(p.main_text, "Commuters said the reopening"));
    assert_null(strstr(p.main_text, "Politics"));          /* nav */
    assert_null(strstr(p.main_text, "Home"));              /* header */
    assert_null(strstr(p.main_text, "Share on Facebook")); /* share block */
    assert_null(strstr(p.main_text, "football"));          /* sidebar */
    assert_null(strstr(p.main_text, "Reader comment"));    /* comments */
    assert_null(strstr(p.main_text, "Copyright"));         /* footer */
    assert_null(strstr(p.text, "Reader comment"));
    /* main_text is the tail of text, after the title, byline and date lines */
    assert_true(p.main_len <= p.len);
    assert_memory_equal(p.text + p.len - p.main_len, p.main_text, p.main_len);
    la__html_page_free(&p);
}

static void test_block_kinds(void **state)
{
    (void)state;
    la__html_page p;
    extract(&p, news_page, strlen(news_page));
    assert_int_equal(p.blocks[0].kind, LA_BLOCK_TITLE);
    assert_int_equal(find_block(&p, LA_BLOCK_TITLE, "Harbour bridge reopens after repairs"), 0);
    assert_true(find_block(&p, LA_BLOCK_BYLINE, "Maria Lopez") > 0);
    assert_true(find_block(&p, LA_BLOCK_DATE, "2021-03-04") > 0);
    assert_true(find_block(&p, LA_BLOCK_HEADING, "Traffic returns to normal") > 0);
    assert_true(find_block(&p, LA_BLOCK_LIST_ITEM, "Cyclists get a separate lane on the east side of the deck.") > 0);
    assert_true(find_block(&p, LA_BLOCK_QUOTE, "We are glad to have our bridge back after such a long winter of detours.") > 0);
    /* the headline is the title, not repeated as a heading of the body */
    assert_int_equal(find_block(&p, LA_BLOCK_HEADING, "Harbour bridge reopens after repairs"), -1);
    assert_null(strstr(p.main_text, "Harbour bridge reopens"));
    /* blocks are separated by blank lines */
    assert_non_null(strstr(p.text, "officials said.\n\nEngineers"));
    la__html_page_free(&p);
}

static void test_meta_tags(void **state)
{
    (void)state;
    la__html_page p;
    extract(&p, news_page, strlen(news_page));
    assert_string_equal(p.meta[LA_META_TITLE], "Harbour bridge reopens after repairs");
    assert_string_equal(p.meta[LA_META_BYLINE], "Maria Lopez");
    assert_string_equal(p.meta[LA_META_PUBLISHER], "The Daily Example");
    assert_string_equal(p.meta[LA_META_DATE], "2021-03-04");
    la__html_page_free(&p);
}

static void test_json_ld(void **state)
{
    (void)state;
    static const char html[] =
        "<html><head><script type=\"application/ld+json\">"
        "{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"Site\"},"
        "{\"@type\":\"NewsArticle\",\"headline\":\"Council approves budget\","
        "\"author\":[{\"@type\":\"Person\",\"name\":\"Jo Smith\"},{\"@type\":\"Person\",\"name\":\"Al Roe\"}],"
        "\"datePublished\":\"2020-12-26T10:00:00Z\","
        "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Example News\"}}]}"
        "</script></head><body><p>The council approved next year's budget on Monday after a "
        "long debate about school funding and road repairs in the northern districts.</p></body></html>";
    la__html_page p;
    extract(&p, html, strlen(html));
    assert_string_equal(p.meta[LA_META_TITLE], "Council approves budget");
    assert_string_equal(p.meta[LA_META_BYLINE], "Jo Smith, Al Roe");
    assert_string_equal(p.meta[LA_META_PUBLISHER], "Example News");
    assert_string_equal(p.meta[LA_META_DATE], "2020-12-26");
    assert_non_null(strstr(p.main_text, "The council approved next year's budget"));
    la__html_page_free(&p);
}

static void test_body_byline_and_title_tag(void **state)
{
    (void)state;
    static const char html[] =
        "<html><head><title>Storm closes schools - Valley Herald</title></head><body>"
        "<div class=\"story\"><h1>Storm closes schools</h1><p>By Sam Carter</p>"
        "<p>Schools across the valley closed on Tuesday as the storm brought heavy snow and "
        "strong winds, and the authorities asked drivers to stay off the roads.</p></div></body></html>";
    la__html_page p;
    extract(&p, html, strlen(html));
    assert_string_equal(p.meta[LA_META_TITLE], "Storm closes schools");
    assert_string_equal(p.meta[LA_META_BYLINE], "Sam Carter");
    assert_null(strstr(p.main_text, "By Sam Carter"));
    assert_non_null(strstr(p.main_text, "Schools across the valley closed"));
    la__html_page_free(&p);
}

static void test_windows_1252(void **state)
{
    (void)state;
    static const char html[] =
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
        "</head><body><p>Caf\xe9 owners said the \x93new rules\x94 \x96 which start in June \x96 "
        "would hurt na\xefve newcomers more than anyone else in the trade.</p></body></html>";
    la__html_page p;
    extract(&p, html, strlen(html));
    assert_non_null(strstr(p.main_text, "Caf\xc3\xa9 owners said the \xe2\x80\x9cnew rules\xe2\x80\x9d \xe2\x80\x93 which"));
    assert_non_null(strstr(p.main_text, "na\xc3\xafve"));
    la__html_page_free(&p);
}

static void test_meta_charset_latin(void **state)
{
    (void)state;
    /* ISO-8859-2 goes through iconv: 0xB3 is l-stroke */
    static const char html[] =
        "<html><head><meta charset=\"iso-8859-2\"></head><body><p>W\xb3odzimierz said the "
        "new line will open in spring, linking the city centre with the airport.</p></body></html>";
    la__html_page p;
    extract(&p, html, strlen(html));
    assert_non_null(strstr(p.main_text, "W\xc5\x82odzimierz"));
    la__html_page_free(&p);
}

static void test_wrong_charset_and_nul(void **state)
{
    (void)state;
    /* declared UTF-8, but with a windows-1252 byte, a stray continuation byte and a NUL */
    static const char html[] =
        "<html><head><meta charset=\"utf-8\"></head><body><p>Na\xefve \x80 text \xbf with a NUL \0 "
        "inside, and real UTF-8 too: \xc3\xa9t\xc3\xa9.</p></body></html>";
    la__html_page p;
    extract(&p, html, sizeof html - 1);
    assert_non_null(strstr(p.main_text, "Na\xc3\xafve \xe2\x82\xac text"));
    assert_non_null(strstr(p.main_text, "\xc3\xa9t\xc3\xa9"));
    assert_int_equal(strlen(p.main_text), p.main_len);
    la__html_page_free(&p);
}

static void test_utf16_bom(void **state)
{
    (void)state;
    static const char html[] = "\xff\xfe<\0p\0>\0h\0\xe9\0l\0l\0o\0<\0/\0p\0>\0";
    la__html_page p;
    extract(&p, html, sizeof html - 1);
    assert_string_equal(p.main_text, "h\xc3\xa9llo");
    la__html_page_free(&p);
}

static void test_deep_nesting(void **state)
{
    (void)state;
    enum { DEPTH = 100000 };
    const char *open = "<div>", *close = "</div>";
    const char *mid = "<p>Deep inside the tree there is still a paragraph of text to find.</p>";
    size_t cap = 64 + DEPTH * (strlen(open) + strlen(close)) + strlen(mid);
    char *html = malloc(cap);
    assert_non_null(html);
    size_t n = 0;
    n += (size_t)sprintf(html + n, "<html><body>");
    for (int i = 0; i < DEPTH; i++)
        n += (size_t)sprintf(html + n, "%s", open);
    n += (size_t)sprintf(html + n, "%s", mid);
    for (int i = 0; i < DEPTH; i++)
        n += (size_t)sprintf(html + n, "%s", close);
    la__html_page p;
    extract(&p, html, n);
    assert_non_null(strstr(p.main_text, "Deep inside the tree"));
    la__html_page_free(&p);
    /* unclosed inline tags, just as deep */
    n = (size_t)sprintf(html, "<html><body><p>");
    for (int i = 0; i < DEPTH && n + 16 < cap; i++)
        n += (size_t)sprintf(html + n, "<b><i>w");
    extract(&p, html, n);
    la__html_page_free(&p);
    free(html);
}

static void test_script_strings_and_comments(void **state)
{
    (void)state;
    static const char html[] =
        "<html><head><script>var s = \"</p><p>not text</p>\";</script></head><body>"
        "<!-- <p>hidden comment</p> --><script>document.write('<p>nor this</p>')</script>"
        "<p style=\"display:none\">Invisible paragraph.</p>"
        "<p>Only this sentence is visible on the page, and it is long enough to count.</p></body></html>";
    la__html_page p;
    extract(&p, html, strlen(html));
    assert_string_equal(p.main_text, "Only this sentence is visible on the page, and it is long enough to count.");
    la__html_page_free(&p);
}

static void test_markup_compaction(void **state)
{
    (void)state;
    /* Attributes the extractor does not read are cut before parsing; the ones it reads
     * must survive any way they are written: glued to the previous one, unquoted, after
     * a value holding '>' or markup. */
    static const char html[] =
        "<html><body><div class=\"page\">"
        "<div data-x=\"a > b <p>fake paragraph in an attribute</p>\" class=\"article-body\" "
        "data-y='it''s'>"
        "<p data-json=\"{&quot;k&quot;: 1}\">The mayor opened the new library on Saturday, and hundreds "
        "of children queued for their first library cards before the doors opened.</p>"
        "<div data-a=\"1\"class=\"share-tools\"><p>Share this story with your friends and family "
        "on every social network you can think of today.</p></div>"
        "<div class=comments><p>Reader comment: what a waste of money this library is, and the "
        "roads are still full of holes all over the town.</p></div>"
        "<p>AT&amp;T paid for the computers, the mayor said, adding that &lt;b&gt; the "
        "<b>reading</b> <i>room</i> would open<!-- a comment -->ed next week.</p>"
        "<p>Opening hours:<br/>weekdays until eight in the evening, and on Saturdays "
        "until six in the afternoon for everyone.</p>"
        "<p>Staff <span hidden>secret note</span><span aria-hidden=\"true\">icon</span>"
        "will run reading hours for toddlers every Wednesday morning in the new hall.</p>"
        "</div></div></body></html>";
    la__html_page p;
    extract(&p, html, strlen(html));
    assert_null(strstr(p.text, "fake paragraph"));
    assert_non_null(strstr(p.main_text, "The mayor opened the new library"));
    assert_null(strstr(p.main_text, "Share this story"));   /* class after a glued attribute */
    assert_null(strstr(p.main_text, "Reader comment"));     /* unquoted class */
    assert_non_null(strstr(p.main_text, "AT&T paid for the computers"));
    assert_non_null(strstr(p.main_text, "<b> the reading room would opened next week."));
    assert_non_null(strstr(p.main_text, "Opening hours:\n\nweekdays until eight"));
    assert_non_null(strstr(p.main_text, "Staff will run reading hours"));
    assert_null(strstr(p.text, "secret note"));
    assert_null(strstr(p.text, "icon"));
    la__html_page_free(&p);
}

static void test_json_ld_kept_verbatim(void **state)
{
    (void)state;
    /* markup and a comment opener inside JSON strings must reach the JSON parser as
     * they are, not be read as tags or a comment */
    static const char html[] =
        "<html><head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
        "\"headline\": \"Tips:   use <!-- and <a href=\\\"x\\\">links</a>\", "
        "\"author\": {\"name\": \"Kim Lee\"}}</script>"
        "<script>var t = '<!--';</script></head><body>"
        "<p>The guide explains how comments and links are written in a web page, step by "
        "step, for readers who have never seen markup before.</p></body></html>";
    la__html_page p;
    extract(&p, html, strlen(html));
    assert_string_equal(p.meta[LA_META_TITLE], "Tips: use <!-- and <a href=\"x\">links</a>");
    assert_string_equal(p.meta[LA_META_BYLINE], "Kim Lee");
    assert_non_null(strstr(p.main_text, "The guide explains how comments"));
    la__html_page_free(&p);
}

static void test_unterminated_markup(void **state)
{
    (void)state;
    /* cut off inside a tag, an attribute value, a comment and a script: no crash, and
     * the text before the cut is kept */
    static const char *const tails[] = {"<div class=\"x", "<div class=", "<p", "</p", "<!-- never closed",
                                        "<script>var x = 1;", "<div a='", "<", "</", "<!"};
    const char *head = "<html><body><p>The river rose two metres overnight and flooded the lower "
                       "streets of the town before the firefighters arrived.</p>";
    for (size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
        char html[512];
        int n = snprintf(html, sizeof html, "%s%s", head, tails[i]);
        la__html_page p;
        extract(&p, html, (size_t)n);
        assert_non_null(strstr(p.main_text, "The river rose two metres"));
        la__html_page_free(&p);
    }
}

/* A paragraph of n words of filler prose, each sentence ending in a full stop. */
static void put_prose(char *buf, size_t cap, size_t *n, const char *lead, int sentences)
{
    *n += (size_t)snprintf(buf + *n, cap - *n, "<p>%s", lead);
    for (int i = 0; i < sentences; i++)
        *n += (size_t)snprintf(buf + *n, cap - *n, " The committee met again on day %d and agreed on the next steps of the plan.", i + 1);
    *n += (size_t)snprintf(buf + *n, cap - *n, "</p>");
}

static void test_teaser_rail_not_the_article(void **state)
{
    (void)state;
    /* a ticker of other stories, each cut off with "...", with more text than the article */
    char html[16384];
    size_t n = (size_t)snprintf(html, sizeof html, "<html><body><div class=\"content\"><div class=\"ticker\"><ul>");
    for (int i = 0; i < 12; i++)
        n += (size_t)snprintf(html + n, sizeof html - n,
                              "<li><a>Headline number %d about another matter</a> <span>CITY: Officials said on "
                              "Tuesday that the long-running dispute over the harbour lease would go to court, "
                              "and that both sides had...</span></li>", i);
    n += (size_t)snprintf(html + n, sizeof html - n, "</ul></div><div class=\"story\">");
    put_prose(html, sizeof html, &n, "The real story starts here.", 6);
    put_prose(html, sizeof html, &n, "It goes on here.", 5);
    n += (size_t)snprintf(html + n, sizeof html - n, "</div></div></body></html>");
    la__html_page p;
    extract(&p, html, n);
    assert_non_null(strstr(p.main_text, "The real story starts here."));
    assert_non_null(strstr(p.main_text, "It goes on here."));
    assert_null(strstr(p.main_text, "harbour lease"));
    la__html_page_free(&p);
}

static void test_section_introduced_by_related_heading(void **state)
{
    (void)state;
    /* "you may like" teasers after the article, in a section whose own class says
     * nothing but whose heading's class does */
    char html[16384];
    size_t n = (size_t)snprintf(html, sizeof html, "<html><body><div id=\"primary\"><article class=\"post\">"
                                                   "<h1>The real story</h1>");
    put_prose(html, sizeof html, &n, "The real story starts here.", 7);
    n += (size_t)snprintf(html + n, sizeof html - n, "</article><section class=\"postbox\">"
                                                     "<h3 class=\"relatedposts-title\">You may like</h3>");
    for (int i = 0; i < 4; i++) {
        n += (size_t)snprintf(html + n, sizeof html - n, "<article class=\"postbox\">");
        put_prose(html, sizeof html, &n, "Another post entirely.", 4);
        n += (size_t)snprintf(html + n, sizeof html - n, "</article>");
    }
    n += (size_t)snprintf(html + n, sizeof html - n, "</section></div></body></html>");
    la__html_page p;
    extract(&p, html, n);
    assert_non_null(strstr(p.main_text, "The real story starts here."));
    assert_null(strstr(p.main_text, "Another post entirely."));
    la__html_page_free(&p);
}

static void test_data_table_kept(void **state)
{
    (void)state;
    /* a standings table between two short introductions: its cells are short and
     * not prose, but not furniture either */
    char html[16384];
    size_t n = (size_t)snprintf(html, sizeof html, "<html><body><div class=\"post\"><p>This page always has "
                                                   "the current standings of the championship!</p><table>");
    for (int i = 1; i <= 30; i++)
        n += (size_t)snprintf(html + n, sizeof html - n,
                              "<tr><td>%d</td><td>Driver Number%d</td><td>%d</td><td>0</td><td>1</td></tr>", i, i,
                              5000 - i * 37);
    n += (size_t)snprintf(html + n, sizeof html - n,
                          "</table><p>*Only the first twelve drivers race for the title in the last ten races.</p>"
                          "<p style=\"font-size:10px\">NOTE: Comments that are rude to other readers will not be "
                          "approved by the moderator of this site.</p></div></body></html>");
    la__html_page p;
    extract(&p, html, n);
    assert_non_null(strstr(p.main_text, "This page always has the current standings"));
    assert_non_null(strstr(p.main_text, "Driver Number17"));
    assert_non_null(strstr(p.main_text, "Only the first twelve drivers"));
    la__html_page_free(&p);
}

static void test_embedded_posts_kept(void **state)
{
    (void)state;
    /* an embedded tweet in a box classed "social-media-embed", and one ending the
     * article, signature line and all */
    char html[16384];
    size_t n = (size_t)snprintf(html, sizeof html, "<html><body><div class=\"story\">");
    put_prose(html, sizeof html, &n, "People online noticed.", 5);
    n += (size_t)snprintf(html + n, sizeof html - n,
                          "<div class=\"social-media-embed\"><blockquote class=\"twitter-tweet\"><p>Yes this is "
                          "real and the state paid for it: <a>https://t.co/abc</a></p>&mdash; Jane Roe "
                          "(@janeroe) <a>November 18, 2019</a></blockquote></div>");
    put_prose(html, sizeof html, &n, "The campaign went on.", 5);
    n += (size_t)snprintf(html + n, sizeof html - n,
                          "<blockquote class=\"twitter-tweet\"><p>Sharing my full letter on the sentencing "
                          "<a>https://t.co/xyz</a></p>&mdash; Rep. Jo Doe (@jodoe) <a>November 19, 2019</a>"
                          "</blockquote></div></body></html>");
    la__html_page p;
    extract(&p, html, n);
    assert_non_null(strstr(p.main_text, "Yes this is real and the state paid for it"));
    assert_non_null(strstr(p.main_text, "Sharing my full letter"));
    assert_non_null(strstr(p.main_text, "Rep. Jo Doe (@jodoe) November 19, 2019"));
    la__html_page_free(&p);
}

static void test_elements_without_text(void **state)
{
    (void)state;
    /* fallback text of media and controls is never article text; empty elements cut
     * before parsing (images, inputs, links) neither split nor glue words */
    static const char html[] =
        "<html><head><link rel=\"stylesheet\" href=\"a.css\"><base href=\"/\"></head><body><div class=\"story\">"
        "<p>The orchestra<img src=\"a.jpg\" alt=\"x\"> played <input type=\"hidden\" value=\"1\">for three hours "
        "in the rain, and nobody in the audience went home before the very last encore.</p>"
        "<audio controls>Your browser does not support audio.</audio>"
        "<video>Your browser does not support video.</video>"
        "<button>Play the recording</button><select><option>Choose a seat</option></select>"
        "<svg><title>Speaker icon</title><path d=\"M0 0\"/></svg>"
        "<p>The conductor thanked the city for lending the park, and promised to come back "
        "next summer with a larger choir and a shorter programme.</p></div></body></html>";
    la__html_page p;
    extract(&p, html, strlen(html));
    assert_non_null(strstr(p.main_text, "The orchestra played for three hours"));
    assert_non_null(strstr(p.main_text, "The conductor thanked the city"));
    assert_null(strstr(p.text, "does not support"));
    assert_null(strstr(p.text, "Play the recording"));
    assert_null(strstr(p.text, "Choose a seat"));
    assert_null(strstr(p.text, "Speaker icon"));
    la__html_page_free(&p);
}

static void test_empty_and_garbage(void **state)
{
    (void)state;
    la__html_page p;
    extract(&p, "", 0);
    assert_int_equal(p.len, 0);
    assert_int_equal(p.n_blocks, 0);
    la__html_page_free(&p);
    extract(&p, NULL, 0);
    la__html_page_free(&p);
    unsigned char junk[4096];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof junk; i++) {
        x = x * 1103515245u + 12345u;
        junk[i] = (unsigned char)(x >> 16);
    }
    extract(&p, (const char *)junk, sizeof junk);
    la__html_page_free(&p);
    la__html_page_free(&p); /* safe on a zeroed page */
}

static void test_sniff(void **state)
{
    (void)state;
    assert_true(la__html_sniff("<!DOCTYPE html><p>x", 19));
    assert_true(la__html_sniff("\xef\xbb\xbf  \n<html>", 11));
    assert_true(la__html_sniff("<div>hello</div>", 16));
    assert_false(la__html_sniff("Plain text < with a bracket", 27));
    assert_false(la__html_sniff("", 0));
    assert_false(la__html_sniff("<", 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_main_content_kept_furniture_dropped),
        cmocka_unit_test(test_block_kinds),
        cmocka_unit_test(test_meta_tags),
        cmocka_unit_test(test_json_ld),
        cmocka_unit_test(test_body_byline_and_title_tag),
        cmocka_unit_test(test_windows_1252),
        cmocka_unit_test(test_meta_charset_latin),
        cmocka_unit_test(test_wrong_charset_and_nul),
        cmocka_unit_test(test_utf16_bom),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_script_strings_and_comments),
        cmocka_unit_test(test_markup_compaction),
        cmocka_unit_test(test_json_ld_kept_verbatim),
        cmocka_unit_test(test_unterminated_markup),
        cmocka_unit_test(test_teaser_rail_not_the_article),
        cmocka_unit_test(test_section_introduced_by_related_heading),
        cmocka_unit_test(test_data_table_kept),
        cmocka_unit_test(test_embedded_posts_kept),
        cmocka_unit_test(test_elements_without_text),
        cmocka_unit_test(test_empty_and_garbage),
        cmocka_unit_test(test_sniff),
    };
    return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
