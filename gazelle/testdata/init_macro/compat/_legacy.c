#include "pycompat.h"

MOD_INIT(_legacy)
{
    return NULL;
}
