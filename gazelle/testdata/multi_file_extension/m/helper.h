#include "detail.h"
int helper(void);
