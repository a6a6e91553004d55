int proc(void);
