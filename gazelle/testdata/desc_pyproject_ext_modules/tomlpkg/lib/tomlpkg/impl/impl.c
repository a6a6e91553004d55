#include <impl.h>
int impl(void) { return 0; }
