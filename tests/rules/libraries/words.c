#include "tests/rules/libraries/words.h"

const char *
libraries_greeting_word(void)
{
    return "hello";
}
