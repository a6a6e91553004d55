int only_a(void);
