#include "fib.h"

long long
fastmath_fib(long n)
{
    long long a = 0, b = 1;
    for (long i = 0; i < n; i++) {
        long long next = a + b;
        a = b;
        b = next;
    }
    return a;
}
