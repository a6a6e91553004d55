from pkg import _a
