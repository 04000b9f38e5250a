/* The entities stage: tagger + lexicons + rules for dates and numbers, refined into
 * OntoNotes labels, with within-document aliases and ids. entities/entities.c. */
#ifndef LA_ENTITIES_ENTITIES_H
#define LA_ENTITIES_ENTITIES_H

#include "internal.h"

/* Loads what the stage needs into p (p->ner, p->lexicon): the model from opts->model_path
 * or the embedded default, the compiled lexicons, and opts->user_entries_path. */
int la__entities_load(la_pipeline *p, const la_pipeline_options *opts, la_error *err);
void la__entities_unload(la_pipeline *p);

/* Appends doc->entities (sorted by start, non-overlapping), each name mention with an
 * entity_id and canonical name, numbers and dates with a normalized value. */
int la__entities(la_doc *doc, const la_pipeline *p, la_error *err);

/* Version string of the embedded default model (static). */
const char *la__default_model_version(void);

#endif
