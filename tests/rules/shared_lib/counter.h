#ifndef TESTS_RULES_COUNTER_H
#define TESTS_RULES_COUNTER_H

/* One counter for the whole binary: the library is linked normally, once,
 * so both extensions that use it see the same global. */
long shared_counter_bump(void);

#endif
