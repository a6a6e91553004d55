from setuptools import setup, Extension

files = ["src/_imaging.c"]
for name in features():
    files.append("src/" + name + ".c")

setup(name="pillow", package_dir={"": "src"}, packages=["PIL"], ext_modules=[Extension("PIL._imaging", files)])
