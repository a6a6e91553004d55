from lib import _native
