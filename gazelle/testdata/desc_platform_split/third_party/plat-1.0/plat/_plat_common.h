int plat_common(void);
