import unittest
from t import _ext
