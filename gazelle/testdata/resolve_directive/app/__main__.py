import numpy as np
from mylib.util import helper
import mylib.util.sub
