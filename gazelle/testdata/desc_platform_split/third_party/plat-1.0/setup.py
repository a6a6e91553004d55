import glob
import os
import sys

from setuptools import Extension, setup

WINDOWS = os.name == "nt"
MACOS = sys.platform.startswith("darwin")
LINUX = sys.platform.startswith("linux")
POSIX = os.name == "posix"

macros = [("PLAT_VERSION", "100")]
if POSIX:
    macros.append(("PLAT_POSIX", 1))
sources = ["plat/_plat_common.c"]
if POSIX:
    sources.append("plat/_plat_posix.c")

if WINDOWS:
    macros.append(("PLAT_WINDOWS", 1))
    ext = Extension(
        "plat._plat_windows",
        sources=sources + ["plat/_plat_windows.c"] + glob.glob("plat/arch/windows/*.c"),
        define_macros=macros,
        libraries=["psapi"],
    )
elif MACOS:
    ext = Extension("plat._plat_osx", sources=sources + ["plat/_plat_osx.c"])
elif LINUX:
    macros.append(("PLAT_LINUX", 1))
    ext = Extension(
        "plat._plat_linux",
        sources=sources + ["plat/_plat_linux.c"] + glob.glob("plat/arch/linux/*.c"),
        define_macros=macros,
        libraries=["rt"],
    )

posix = Extension("plat._plat_posix", sources=sources, define_macros=macros)

setup(name="plat", packages=["plat"], ext_modules=[ext, posix])
