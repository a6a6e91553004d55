int detail(void);
