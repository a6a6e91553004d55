import pkg._fast
