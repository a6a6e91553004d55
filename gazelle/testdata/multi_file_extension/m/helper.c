#include "helper.h"
int helper(void) { return detail(); }
