int extra(void) { return 0; }
