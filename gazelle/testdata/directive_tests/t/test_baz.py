import unittest
import t._ext
