static inline double vec_norm(double x, double y) { return x * x + y * y; }
