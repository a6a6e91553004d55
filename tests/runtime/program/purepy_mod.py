# A pure-Python module of the program (shadowing tests use its name).
ORIGIN = "program"
