from pkg import util
from pkg import _fast
