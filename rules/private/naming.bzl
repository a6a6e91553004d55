"""Names derived from a dotted module name.

`init_symbol()` is the one implementation of the rename scheme: the
extension rule passes its result both to the isolation step
(`isolate_extension.sh --rename-to`), which creates the symbol, and to the
registry, which calls it. Rule authors reach it through `py_static_init_symbol`
and `py_static_extension_info` in //rules:defs.bzl. Its cases:
tests/analysis/init_symbol_cases.bzl.
"""

_IDENT_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"

# Starlark sees a BUILD file's bytes as Latin-1 characters, so a UTF-8 module
# name arrives as one character per byte.  Starlark has no ord(); this table
# maps every non-ASCII byte to its hex.
_HEX_OF_HIGH_BYTE = {
    "\200": "80",
    "\201": "81",
    "\202": "82",
    "\203": "83",
    "\204": "84",
    "\205": "85",
    "\206": "86",
    "\207": "87",
    "\210": "88",
    "\211": "89",
    "\212": "8a",
    "\213": "8b",
    "\214": "8c",
    "\215": "8d",
    "\216": "8e",
    "\217": "8f",
    "\220": "90",
    "\221": "91",
    "\222": "92",
    "\223": "93",
    "\224": "94",
    "\225": "95",
    "\226": "96",
    "\227": "97",
    "\230": "98",
    "\231": "99",
    "\232": "9a",
    "\233": "9b",
    "\234": "9c",
    "\235": "9d",
    "\236": "9e",
    "\237": "9f",
    "\240": "a0",
    "\241": "a1",
    "\242": "a2",
    "\243": "a3",
    "\244": "a4",
    "\245": "a5",
    "\246": "a6",
    "\247": "a7",
    "\250": "a8",
    "\251": "a9",
    "\252": "aa",
    "\253": "ab",
    "\254": "ac",
    "\255": "ad",
    "\256": "ae",
    "\257": "af",
    "\260": "b0",
    "\261": "b1",
    "\262": "b2",
    "\263": "b3",
    "\264": "b4",
    "\265": "b5",
    "\266": "b6",
    "\267": "b7",
    "\270": "b8",
    "\271": "b9",
    "\272": "ba",
    "\273": "bb",
    "\274": "bc",
    "\275": "bd",
    "\276": "be",
    "\277": "bf",
    "\300": "c0",
    "\301": "c1",
    "\302": "c2",
    "\303": "c3",
    "\304": "c4",
    "\305": "c5",
    "\306": "c6",
    "\307": "c7",
    "\310": "c8",
    "\311": "c9",
    "\312": "ca",
    "\313": "cb",
    "\314": "cc",
    "\315": "cd",
    "\316": "ce",
    "\317": "cf",
    "\320": "d0",
    "\321": "d1",
    "\322": "d2",
    "\323": "d3",
    "\324": "d4",
    "\325": "d5",
    "\326": "d6",
    "\327": "d7",
    "\330": "d8",
    "\331": "d9",
    "\332": "da",
    "\333": "db",
    "\334": "dc",
    "\335": "dd",
    "\336": "de",
    "\337": "df",
    "\340": "e0",
    "\341": "e1",
    "\342": "e2",
    "\343": "e3",
    "\344": "e4",
    "\345": "e5",
    "\346": "e6",
    "\347": "e7",
    "\350": "e8",
    "\351": "e9",
    "\352": "ea",
    "\353": "eb",
    "\354": "ec",
    "\355": "ed",
    "\356": "ee",
    "\357": "ef",
    "\360": "f0",
    "\361": "f1",
    "\362": "f2",
    "\363": "f3",
    "\364": "f4",
    "\365": "f5",
    "\366": "f6",
    "\367": "f7",
    "\370": "f8",
    "\371": "f9",
    "\372": "fa",
    "\373": "fb",
    "\374": "fc",
    "\375": "fd",
    "\376": "fe",
    "\377": "ff",
}

def _hex(text):
    out = []
    for c in text.elems():
        if c in _HEX_OF_HIGH_BYTE:
            out.append(_HEX_OF_HIGH_BYTE[c])
        else:
            out.append(_ASCII_HEX.get(c, "3f"))
    return "".join(out)

_HEX_DIGITS = "0123456789abcdef"

# Printable ASCII, 0x20 to 0x7e, in order: the hex of a character is its
# index plus 0x20.
_PRINTABLE_ASCII = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"

_ASCII_HEX = {
    c: _HEX_DIGITS[(i + 32) // 16] + _HEX_DIGITS[(i + 32) % 16]
    for i, c in enumerate(_PRINTABLE_ASCII.elems())
}

def is_plain_identifier(text):
    """Whether text is non-empty ASCII [A-Za-z0-9_].

    Args:
      text: a string.

    Returns:
      bool.
    """
    if not text:
        return False
    for c in text.elems():
        if c not in _IDENT_CHARS:
            return False
    return True

def init_symbol(module):
    """The unique symbol a module's init function is renamed to.

    "PyStatic_Init_" then, per dotted component, its byte length and the
    component; a component that is not plain ASCII becomes "u", the length of
    its hex, "_", and the hex of its UTF-8 bytes.

    Args:
      module: the full dotted module name.

    Returns:
      The symbol name, a valid C identifier.
    """
    out = ["PyStatic_Init_"]
    for part in module.split("."):
        if is_plain_identifier(part):
            out.append("%d%s" % (len(part), part))
        else:
            hexed = _hex(part)
            out.append("u%d_%s" % (len(hexed), hexed))
    return "".join(out)

def default_init_function(module):
    """The init function CPython's loader would look for in the .so.

    Args:
      module: the full dotted module name.

    Returns:
      "PyInit_<short>" for an ASCII short name, or None (then the
      init_symbol attribute is needed).
    """
    short = module.split(".")[-1]
    if not is_plain_identifier(short) or short[0] in "0123456789":
        return None
    return "PyInit_" + short

def check_module_name(module, where):
    """Fails unless module is a dotted name whose parts are identifiers.

    Args:
      module: the dotted name to check.
      where: what to name in the error, e.g. "//pkg:ext: attribute module".
    """
    if not module:
        fail("{}: module is empty; set it to the dotted import name, e.g. \"pkg.sub._speedups\"".format(where))
    for part in module.split("."):
        if not part:
            fail("{}: module = \"{}\" has an empty component; use a dotted name like \"pkg.sub._speedups\"".format(where, module))
        if part[0] in "0123456789":
            fail("{}: module = \"{}\": \"{}\" starts with a digit, so Python could never import it".format(where, module, part))
        for c in part.elems():
            if c in " -/\\:;,\"'()[]{}<>!?*&^%$#@+=|~`\t\n":
                fail("{}: module = \"{}\": \"{}\" is not a Python identifier".format(where, module, part))
