/* libpystatic_lo_b.a: needs libpystatic_lo_a.a. */
long pystatic_lo_base(void);
long pystatic_lo_value(void) { return pystatic_lo_base() + 2; }
