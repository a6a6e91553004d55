from . import _local
from .. import _base
from ... import too_far
