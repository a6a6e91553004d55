extern "C" int detail(void) { return 1; }
