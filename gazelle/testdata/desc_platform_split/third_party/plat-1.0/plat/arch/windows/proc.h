int wproc(void);
