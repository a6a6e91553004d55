int a_impl(void);
