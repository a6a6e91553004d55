#include "util.h"
int common(void);
