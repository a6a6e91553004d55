"""A packed package with data files (tests/single_file)."""

GREETING_FILE = "data/greeting.txt"
