/* A helper of the py_static_cc_library. */
const char *libraries_greeting_word(void);
