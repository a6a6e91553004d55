from s import _a
