/* Included by the Cython output of _fast.pyx through helpers.pxd. */
#ifndef TESTS_RULES_CYTHON_FAST_SQUARE_H
#define TESTS_RULES_CYTHON_FAST_SQUARE_H

static inline double
square_of(double x)
{
    return x * x;
}

#endif
