/* Claims: attributed statements (source, cue, content, kind) found in a document's
 * sentences, with sources resolved to entity mentions. claims/claims.c. */
#ifndef LA_CLAIMS_CLAIMS_H
#define LA_CLAIMS_CLAIMS_H

#include "internal.h"

/* Loads the claims model into the pipeline (p->claims); unload frees it. */
int la__claims_load(la_pipeline *p, la_error *err);
void la__claims_unload(la_pipeline *p);

/* Appends doc->claims. Runs after the entities stage; skips boilerplate blocks. */
int la__claims(la_doc *doc, const la_pipeline *pipeline, la_error *err);

#endif
