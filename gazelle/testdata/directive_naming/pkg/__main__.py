from pkg import _fast
from pkg import util
