#ifndef MATHEXT_FIB_H
#define MATHEXT_FIB_H

long long fastmath_fib(long n);

#endif
