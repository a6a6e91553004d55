#include "common.h"
int common(void) { return util(); }
