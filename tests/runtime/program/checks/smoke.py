import sys
import _pystatic
print(len(_pystatic.modules()), sys.path)
import _top_single, _top_multi
import a.b.c._deep_single as d
print(d.__name__, d.__file__, d)
