/* Compiled only as part of _unity.c (a unity build): listed in textual_hdrs,
 * so it is not compiled on its own, which would define unity_answer twice. */
static long
unity_answer(void)
{
    return 42;
}
