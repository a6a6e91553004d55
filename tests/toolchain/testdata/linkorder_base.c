/* libpystatic_lo_a.a: needed by libpystatic_lo_b.a, listed before it. */
long pystatic_lo_base(void) { return 40; }
