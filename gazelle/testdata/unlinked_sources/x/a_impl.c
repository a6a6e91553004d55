#include <stdio.h>
#include "api/a.h"
int a_impl(void) { return 0; }
