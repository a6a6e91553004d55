#include "shared_impl.c"
