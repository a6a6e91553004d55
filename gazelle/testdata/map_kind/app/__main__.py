from ext import _a, _b
