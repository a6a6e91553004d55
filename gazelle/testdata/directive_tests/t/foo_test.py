import unittest
from t import _ext


if __name__ == "__main__":
    unittest.main()
