import lib.helpers
from lib import _native
import json
