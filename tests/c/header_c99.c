/* The public header alone, compiled as C99 with -pedantic -Werror (see meson.build). */
#include "libanalysis.h"

int la_header_test_anchor(void);
int la_header_test_anchor(void)
{
    la_pipeline_options o = LA_PIPELINE_OPTIONS_INIT;
    la_claim c = LA_CLAIM_INIT;
    return (int)o.version + (int)c.size;
}
