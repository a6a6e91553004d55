from tool import _tool
