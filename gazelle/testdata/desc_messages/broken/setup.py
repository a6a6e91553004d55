from setuptools import setup
setup(name="broken
