from m import _a
