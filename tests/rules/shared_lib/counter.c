#include "counter.h"

long shared_counter_value = 0;

long
shared_counter_bump(void)
{
    return ++shared_counter_value;
}
