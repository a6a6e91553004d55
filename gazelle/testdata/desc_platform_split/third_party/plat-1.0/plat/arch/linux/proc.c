#include "proc.h"
int proc(void) { return 2; }
