# Included textually by _fast.pyx.
OFFSET = 1000
