static int sw(void) { return 0; }
