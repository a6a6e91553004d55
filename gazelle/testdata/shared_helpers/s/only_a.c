int only_a(void) { return 1; }
