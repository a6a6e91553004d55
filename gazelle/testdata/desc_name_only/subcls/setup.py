from setuptools import setup, Extension


class CMakeExtension(Extension):
    def __init__(self, name, source_dir="."):
        super().__init__(name, sources=[])
        self.source_dir = source_dir


setup(name="opkg", packages=["opkg"], ext_modules=[CMakeExtension("opkg._C")])
