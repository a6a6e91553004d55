int common(void);
