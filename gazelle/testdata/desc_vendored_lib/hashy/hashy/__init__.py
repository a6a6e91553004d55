from ._hashy import *
