#include "internal.h"

const char *la_version(void)
{
    return LA_VERSION_STRING;
}

int la_version_number(void)
{
    return LA_VERSION_NUMBER;
}
