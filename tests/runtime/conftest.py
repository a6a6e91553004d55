"""pytest configuration for the runtime tests (see test_runtime.py)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "sanitizer: runs against a binary built with "
        "-fsanitize=address,undefined (deselect with -m 'not sanitizer')")
