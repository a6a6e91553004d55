int extra(void);
