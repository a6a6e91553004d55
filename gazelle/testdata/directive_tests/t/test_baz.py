import unittest
import t._ext


if __name__ == "__main__":
    unittest.main()
