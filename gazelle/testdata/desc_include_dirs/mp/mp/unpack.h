#include "mp/pack.h"
int unpack(void);
