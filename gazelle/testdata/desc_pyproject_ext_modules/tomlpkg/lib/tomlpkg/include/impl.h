int impl(void);
