#include "_plat_common.h"
int plat_common(void) { return 1; }
