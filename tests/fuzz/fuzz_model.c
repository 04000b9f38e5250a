/* Fuzz target for la__ner_model_load: arbitrary bytes must give LA_OK or an error code,
 * never a crash, leak or out-of-bounds read. A loaded model also tags a short sentence.
 *
 * The checksums stop random mutations early, so half of the inputs are used as a payload
 * behind a valid header (counts, sizes and checksums fixed up) to reach the table-building
 * code as well: the first input byte chooses.
 *
 *   clang -fsanitize=fuzzer,address,undefined -I include -I libanalysis ... */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "entities/tagger.h"
#include "entities/tagger_io.h"
#include "util/hash.h"

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* Wraps bytes in a valid header with counts derived from their length. */
static uint8_t *with_header(const uint8_t *data, size_t size, size_t *len)
{
    size_t trans = 4 * LA__NER_TRANS_SIZE;
    size_t rest = size > trans ? size - trans : 0;
    uint32_t nf = (uint32_t)(rest / LA__NER_FEATURE_RECORD) / 2;
    uint32_t nc = (uint32_t)((rest - nf * LA__NER_FEATURE_RECORD) / LA__NER_CLUSTER_RECORD);
    uint64_t psize = la__ner_payload_size(nf, nc);
    *len = LA__NER_HEADER_SIZE + (size_t)psize;
    uint8_t *b = calloc(1, *len);
    if (!b)
        return NULL;
    memcpy(b + LA__NER_HEADER_SIZE, data, size < psize ? size : (size_t)psize);
    memcpy(b, LA__NER_MAGIC, 8);
    put32(b + 8, LA__NER_FORMAT_VERSION);
    put32(b + 12, LA__NER_HEADER_SIZE);
    put32(b + 16, LA__NER_FEATURE_VERSION);
    put32(b + 20, LA__NER_TAGS);
    put32(b + 24, nf);
    put32(b + 28, nc);
    put32(b + 32, (uint32_t)psize);
    put32(b + 40, la__fnv1a32(b + LA__NER_HEADER_SIZE, (size_t)psize, LA__FNV32_SEED));
    memcpy(b + 64, "fuzz", 5);
    put32(b + 44, la__ner_header_checksum(b));
    return b;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *owned = NULL;
    const uint8_t *buf = data;
    size_t len = size;
    if (size > 0 && (data[0] & 1)) {
        owned = with_header(data + 1, size - 1, &len);
        if (!owned)
            return 0;
        buf = owned;
    }
    la__ner_model *m = NULL;
    la_error err = {0};
    int rc = la__ner_model_load(&m, buf, len, &err);
    if (rc == LA_OK) {
        static const char *const words[] = {"Mr", "al-Sudani", "visited", "Baghdad", "."};
        static const uint32_t lens[] = {2, 9, 7, 7, 1};
        la__ner_span spans[5];
        size_t ns;
        la__ner_tag(m, words, lens, 5, spans, &ns);
        la__ner_model_free(m);
    } else if (m != NULL || (rc != LA_EFORMAT && rc != LA_EVERSION && rc != LA_ENOMEM)) {
        abort();
    }
    free(owned);
    return 0;
}
