int orphan(void) { return 2; }
