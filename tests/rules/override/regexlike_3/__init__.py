"""The package regexlike, kept in regexlike_3/ as regex keeps regex in
regex_3/ (setup.py: package_dir={"regexlike": "regexlike_3"})."""
from regexlike import helper
from regexlike._fast import answer

KIND = "real package"
