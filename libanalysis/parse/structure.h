/* Plain-text structure: block kinds (title, byline, date, heading, boilerplate with its
 * sub-kind) and metadata, for text scraped from web pages. parse/structure.c. */
#ifndef LA_PARSE_STRUCTURE_H
#define LA_PARSE_STRUCTURE_H

#include "internal.h"

/* Classifies doc->blocks of a text document and fills doc->meta. */
int la__structure(la_doc *doc, la_error *err);

/* doc->main_text from the article's blocks (paragraphs, headings, lists, quotes), joined
 * by blank lines. */
int la__main_text_from_blocks(la_doc *doc, la_error *err);

/* Parses a date written in English ("Saturday 26 December 2020", "December 26, 2020",
 * "Dec. 26, 2020", "2020-12-26") that makes up all of [s, s+n) except white space and
 * a weekday. Writes "YYYY-MM-DD" into iso (11 bytes). */
bool la__parse_date_line(const char *s, size_t n, char iso[11]);

#endif
