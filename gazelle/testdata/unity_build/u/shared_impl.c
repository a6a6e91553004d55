static int shared(void) { return 3; }
