int v(void);
