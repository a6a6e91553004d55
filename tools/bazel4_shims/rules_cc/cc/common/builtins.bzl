"""The built-ins under names that do not shadow them."""

BUILTIN_CC_COMMON = cc_common
BUILTIN_CC_INFO = CcInfo
