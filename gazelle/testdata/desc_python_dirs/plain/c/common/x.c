#include "x.h"
int x(void) { return 0; }
