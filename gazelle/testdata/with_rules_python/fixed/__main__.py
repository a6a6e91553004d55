from fixed import util
from fixed import _fast
