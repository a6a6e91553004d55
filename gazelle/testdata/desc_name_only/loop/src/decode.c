int decode(void) { return 0; }
