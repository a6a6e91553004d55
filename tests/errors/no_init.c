/* A helper file with no init function at all. */
int
errors_helper(int x)
{
    return x + 1;
}
