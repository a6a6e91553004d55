#include "part_a.h"
int a() { return 1; }
