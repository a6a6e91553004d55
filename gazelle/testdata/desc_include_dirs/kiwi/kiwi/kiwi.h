int kiwi(void);
