int hash(const char *);
