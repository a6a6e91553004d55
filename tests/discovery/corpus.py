"""The discovery corpus: real PyPI sdists, each with the project's own binary
wheel for CPython 3.12 on manylinux x86_64 as the truth (its extension modules
are the `.so` files that export PyInit_<name>).  Pinned by version and sha256;
new entries come from `python3 tests/discovery/pin.py NAME==VERSION`.

Fields besides the pins (written by hand after looking at the sdist):
  kinds            what the native code is, for the table
  not_discoverable {module: why}: modules no reading of the sources can find
                   (cffi writes their C at build time); not counted as missed
                   unless Gazelle finds them anyway (then they count as right)
  causes           {module: why}: the cause of a wrong name, false positive or
                   miss seen when this was measured, keyed by the module name
                   in the wheel (miss, wrong) or the name Gazelle wrote (false
                   positive); shown only while that module is still an error
"""

# Small sdists that each show a different cause; tools/test.sh's `discovery`
# suite re-measures them against docs/discovery.json (tests/discovery/test_discovery.py).
QUICK = ["psutil", "markupsafe", "pyyaml", "lz4", "pycares"]

PACKAGES = [
    dict(
        name='psutil',
        version='7.2.2',
        sdist=dict(
            file='psutil-7.2.2.tar.gz',
            url='https://files.pythonhosted.org/packages/aa/c6/d1ddf4abb55e93cebc4f2ed8b5d6dbad109ecb8d63748dd2b20ab5e57ebe/psutil-7.2.2.tar.gz',
            sha256='0746f5f8d406af344fd547f1c8daa5f5c33dbc293bb8d6a16d80b4bb88f59372',
        ),
        wheel=dict(
            file='psutil-7.2.2-cp36-abi3-manylinux2010_x86_64.manylinux_2_12_x86_64.manylinux_2_28_x86_64.whl',
            url='https://files.pythonhosted.org/packages/b5/70/5d8df3b09e25bce090399cf48e452d25c935ab72dad19406c77f4e828045/psutil-7.2.2-cp36-abi3-manylinux2010_x86_64.manylinux_2_12_x86_64.manylinux_2_28_x86_64.whl',
            sha256='076a2d2f923fd4821644f5ba89f059523da90dc9014e85f8e45a5774ca5bc6f9',
        ),
        kinds=['C', 'one module per OS, chosen in setup.py'],
        causes={
            'psutil._psutil_aix': 'platform module: setup.py builds each `_psutil_<os>` only on that OS; Gazelle writes all six',
            'psutil._psutil_bsd': 'platform module: setup.py builds each `_psutil_<os>` only on that OS; Gazelle writes all six',
            'psutil._psutil_osx': 'platform module: setup.py builds each `_psutil_<os>` only on that OS; Gazelle writes all six',
            'psutil._psutil_sunos': 'platform module: setup.py builds each `_psutil_<os>` only on that OS; Gazelle writes all six',
            'psutil._psutil_windows': 'platform module: setup.py builds each `_psutil_<os>` only on that OS; Gazelle writes all six',
        },
    ),
    dict(
        name='ujson',
        version='6.1.0',
        sdist=dict(
            file='ujson-6.1.0.tar.gz',
            url='https://pypi.org/packages/packages/e0/60/ad782f70ce03d12ec23288292a17549ca537f9d188227340ac0d082421b3/ujson-6.1.0.tar.gz',
            sha256='aef7ea4cd9e2e9f8a35c4538a9780d58c80d76c5da66a8dad269b4cc6d930c29',
        ),
        wheel=dict(
            file='ujson-6.1.0-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.whl',
            url='https://pypi.org/packages/packages/89/2b/7bd28bb72e20638fc18bef8eac5bf3eebd8c776293b58e8e74ecd9eb746c/ujson-6.1.0-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.whl',
            sha256='bc8678ee265df15562b382d6a446bc0e5712f41b08e5ff59fd4ae9e28c7ed4e0',
        ),
        kinds=['C + C++ (vendored double-conversion)', 'top-level module', 'sources in src/ujson'],
        causes={
            'ujson': 'name in setup.py: `Extension("ujson", sources=["src/ujson/..."])`; Gazelle takes src/ujson as the package',
        },
    ),
    dict(
        name='multidict',
        version='7.2.1',
        sdist=dict(
            file='multidict-7.2.1.tar.gz',
            url='https://pypi.org/packages/packages/7b/6b/29ef8e752f5854dcc267ded0652c475bec99b86f255957a0d4fcad657b18/multidict-7.2.1.tar.gz',
            sha256='e8af3e6f1bdbc31fd762b094133b478b89988eaebc63cbe82b1d9e3bbd15cede',
        ),
        wheel=dict(
            file='multidict-7.2.1-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            url='https://pypi.org/packages/packages/43/50/6bd8600b4843f0a9d939e0cc0f4160f4c727bd6c69e4f7e294a1caa93db8/multidict-7.2.1-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            sha256='1fb8c1a3480c130c3a6422d5f16f3cad6552bf08c2089dd288ba7134649183b5',
        ),
        kinds=['C', '2 modules'],
    ),
    dict(
        name='yarl',
        version='1.25.1',
        sdist=dict(
            file='yarl-1.25.1.tar.gz',
            url='https://pypi.org/packages/packages/75/16/e8be8e2fb175bbf41a0680381a319f1199fae256588241a2ac8677eafb49/yarl-1.25.1.tar.gz',
            sha256='03dd38de09bc213e9a8b29761eec33ee1d5318dac0e49d8af36e4d27830e23a7',
        ),
        wheel=dict(
            file='yarl-1.25.1-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            url='https://pypi.org/packages/packages/bc/7b/ca212cbe170ac8b96e45317ecbcf9c3c3ecf0cdec98d5b088a9c4088929b/yarl-1.25.1-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            sha256='c6f117789d22dce188e5754e8bc65b7e6ebf8cb73963b9fa761f672a5883769d',
        ),
        kinds=['Cython (.pyx only)'],
        causes={
            'yarl._quoting_c': '.pyx ignored: only the .pyx is in the sdist (no generated C)',
        },
    ),
    dict(
        name='frozenlist',
        version='1.8.0',
        sdist=dict(
            file='frozenlist-1.8.0.tar.gz',
            url='https://files.pythonhosted.org/packages/2d/f5/c831fac6cc817d26fd54c7eaccd04ef7e0288806943f7cc5bbf69f3ac1f0/frozenlist-1.8.0.tar.gz',
            sha256='3ede829ed8d842f6cd48fc7081d7a41001a56f1f38603f9d49bf3020d59a31ad',
        ),
        wheel=dict(
            file='frozenlist-1.8.0-cp312-cp312-manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64.whl',
            url='https://files.pythonhosted.org/packages/6a/bd/d91c5e39f490a49df14320f4e8c80161cfcce09f1e2cde1edd16a551abb3/frozenlist-1.8.0-cp312-cp312-manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64.whl',
            sha256='494a5952b1c597ba44e0e78113a7266e656b9794eec897b19ead706bd7074383',
        ),
        kinds=['Cython (.pyx only)'],
        causes={
            'frozenlist._frozenlist': '.pyx ignored: only the .pyx is in the sdist (no generated C)',
        },
    ),
    dict(
        name='pyyaml',
        version='6.0.4',
        sdist=dict(
            file='pyyaml-6.0.4.tar.gz',
            url='https://pypi.org/packages/packages/76/b8/c0b780928e2fb1c87e9e375818c6f121da2398b071012d1747be300b83f4/pyyaml-6.0.4.tar.gz',
            sha256='e24bf71af8a432d7808fabff134d38dfe16d3cbb41f2873bb4b1e42422de0a1a',
        ),
        wheel=dict(
            file='pyyaml-6.0.4-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            url='https://pypi.org/packages/packages/94/80/1d27f7084b983b7cfd1fb35e65a38276d9eddfdcdabc0922bb26cf9521bc/pyyaml-6.0.4-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            sha256='93bfb2459195406a518e2f487a9bbf01df240175f31e06f5a252ac6734c7bbf0',
        ),
        kinds=['Cython (.pyx only)', 'libyaml'],
        causes={
            'yaml._yaml': '.pyx ignored: only the .pyx is in the sdist (no generated C)',
        },
    ),
    dict(
        name='markupsafe',
        version='3.0.4',
        sdist=dict(
            file='markupsafe-3.0.4.tar.gz',
            url='https://pypi.org/packages/packages/38/9b/e422a865e1d5d57d0e509b4e0bf1c1a70a7f6382c29a5aa428df994c8bc8/markupsafe-3.0.4.tar.gz',
            sha256='2e9ad7dd851bf45fab9f75cbff4cb493fee9979e8d8c7c9c3ee119022518edd6',
        ),
        wheel=dict(
            file='markupsafe-3.0.4-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            url='https://pypi.org/packages/packages/4f/a7/aeedb5140afa41fc74c225e9184ab96723a6e873b6ee1c9fede7283456d8/markupsafe-3.0.4-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            sha256='8e124f974786f831d6043728e38296969d3579db8896fe004682f5758e613581',
        ),
        kinds=['C', 'src/ layout'],
        causes={
            'markupsafe._speedups': "src/ layout: the package lives in src/ (package_dir or setuptools' src-layout discovery), Gazelle names it from the repository root (PyModuleDef's m_name says markupsafe._speedups; Gazelle warns)",
        },
    ),
    dict(
        name='msgpack',
        version='1.2.4',
        sdist=dict(
            file='msgpack-1.2.4.tar.gz',
            url='https://pypi.org/packages/packages/cc/52/1ec7ead2c7528bf3d1db73e886fa4df10f9e6f0eb7854a448b7090cfcef7/msgpack-1.2.4.tar.gz',
            sha256='475c44e12f2a5de766a8448783f149c9b33f3f49b88953c6cd739a77d93c732c',
        ),
        wheel=dict(
            file='msgpack-1.2.4-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            url='https://pypi.org/packages/packages/1e/d9/f59bd841fc2fd2b74dc50ce85860a6a25f58e588dd48946aeaf2862cf990/msgpack-1.2.4-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            sha256='c4d5bbdbea8f5669b3a734d6c226772804fb120848f99cbe63a0ddee63b049c9',
        ),
        kinds=['Cython (generated C shipped)'],
    ),
    dict(
        name='simplejson',
        version='4.3.0',
        sdist=dict(
            file='simplejson-4.3.0.tar.gz',
            url='https://pypi.org/packages/packages/8c/c1/33e537d655a55e983c247cd794378d8206228621f1420f889f4643315adc/simplejson-4.3.0.tar.gz',
            sha256='ffe34ab51a0d37e6d1c661a5672df00d2d5e18804e38eac07abffb83fa5ec3d7',
        ),
        wheel=dict(
            file='simplejson-4.3.0-cp312-cp312-manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64.whl',
            url='https://pypi.org/packages/packages/c9/e4/da953f0f6202c0f080a6b3e3e906a8bb7eb885615eacff28b9877d5eddf5/simplejson-4.3.0-cp312-cp312-manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64.whl',
            sha256='ce5726e85a8462580b3c3f5098e9bcaa2d10dfd28233451aad5638a9d16b6d1c',
        ),
        kinds=['C'],
    ),
    dict(
        name='zstandard',
        version='0.25.0',
        sdist=dict(
            file='zstandard-0.25.0.tar.gz',
            url='https://files.pythonhosted.org/packages/fd/aa/3e0508d5a5dd96529cdc5a97011299056e14c6505b678fd58938792794b1/zstandard-0.25.0.tar.gz',
            sha256='7713e1179d162cf5c7906da876ec2ccb9c3a9dcbdffef0cc7f70c3667a205f0b',
        ),
        wheel=dict(
            file='zstandard-0.25.0-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.whl',
            url='https://files.pythonhosted.org/packages/53/60/7be26e610767316c028a2cbedb9a3beabdbe33e2182c373f71a1c0b88f36/zstandard-0.25.0-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.whl',
            sha256='5a56ba0db2d244117ed744dfa8f6f5b366e14148e00de44723413b2f3938a902',
        ),
        kinds=['C (vendored zstd)', 'cffi'],
        not_discoverable={
            'zstandard._cffi': 'cffi: make_cffi.py writes its C at build time',
        },
        causes={
            'zstandard.backend_c': 'name in setup.py: source in c-ext/, not a Python package; the name is the default of setup_zstd.py `get_c_extension(name="zstandard.backend_c")`, called from setup.py',
        },
    ),
    dict(
        name='lz4',
        version='4.4.5',
        sdist=dict(
            file='lz4-4.4.5.tar.gz',
            url='https://files.pythonhosted.org/packages/57/51/f1b86d93029f418033dddf9b9f79c8d2641e7454080478ee2aab5123173e/lz4-4.4.5.tar.gz',
            sha256='5f0b9e53c1e82e88c10d7c180069363980136b9d7a8306c4dca4f760d60c39f0',
        ),
        wheel=dict(
            file='lz4-4.4.5-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            url='https://files.pythonhosted.org/packages/55/d9/e3867222474f6c1b76e89f3bd914595af69f55bf2c1866e984c548afdc15/lz4-4.4.5-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            sha256='24092635f47538b392c4eaeff14c7270d2c8e806bf4be2a6446a378591c5e69e',
        ),
        kinds=['C (vendored lz4)', '3 modules in subpackages'],
        causes={
            'lz4.stream._stream': 'not built: setup.py builds it only with PYLZ4_EXPERIMENTAL set (the wheel has no lz4.stream)',
        },
    ),
    dict(
        name='brotli',
        version='1.2.1',
        sdist=dict(
            file='brotli-1.2.1.tar.gz',
            url='https://pypi.org/packages/packages/cf/81/1546c983678a9b4e77cb4718eaedd1b2caf24a6cdbf1eb8775938d22aff7/brotli-1.2.1.tar.gz',
            sha256='02b2f7b5a83485efe448a44ddf7983def05c3bb1dcf917d4f7154070260e13de',
        ),
        wheel=dict(
            file='brotli-1.2.1-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.whl',
            url='https://pypi.org/packages/packages/b6/cc/b0b5b6b1ff4544bec3a702d5ad2e0badf22db296d16277a6ee59dabaffdc/brotli-1.2.1-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.whl',
            sha256='4b9dd0173ca5e01d1eb307d3c184fe8c09bdc168ede560889b1018d216d38c61',
        ),
        kinds=['C (vendored brotli)', 'top-level module in python/'],
        causes={
            '_brotli': 'name in setup.py: `Extension("_brotli", sources=["python/_brotli.c", ...])`; Gazelle takes python/ as a package',
        },
    ),
    dict(
        name='regex',
        version='2026.11.19',
        sdist=dict(
            file='regex-2026.11.19.tar.gz',
            url='https://pypi.org/packages/packages/b8/17/ef8c46a9e7cf2304968eb260f594bbd4220fab6281e64c090cdd85884511/regex-2026.11.19.tar.gz',
            sha256='2826a006b68acfd3ed5074433caafe21d7f9d026eb82cb856724a4a893a70915',
        ),
        wheel=dict(
            file='regex-2026.11.19-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            url='https://pypi.org/packages/packages/5b/58/5557577840d70b06274882c880085eb83209e2009d89f8fe5c35b3c57acd/regex-2026.11.19-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            sha256='8a966a5afe94ed9fb06deeecd9e3e51c3a5ab7d920e13f8128338e3fcdfed2b0',
        ),
        kinds=['C', 'sources in src/ outside the package'],
        causes={
            'regex._regex': "name in setup.py: `Extension('regex._regex', ['src/_regex.c', ...])`; the package is regex/, the source src/",
        },
    ),
    dict(
        name='setproctitle',
        version='1.3.8',
        sdist=dict(
            file='setproctitle-1.3.8.tar.gz',
            url='https://pypi.org/packages/packages/49/b0/6b8a516c5a9e9630bd5293db78314ac012f690305fe93beadea388626efb/setproctitle-1.3.8.tar.gz',
            sha256='cafe209d064a6efb88cb45a03e97981ff8832802b2b5d009dde0197a3b7b41c8',
        ),
        wheel=dict(
            file='setproctitle-1.3.8-cp312-cp312-manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64.whl',
            url='https://pypi.org/packages/packages/cb/21/4df9fbc0c72b9bca39b5d53eff6813dc1738a1562983e0c614054e9dbb8d/setproctitle-1.3.8-cp312-cp312-manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64.whl',
            sha256='4a765e0c80a2453480be27c4fc22ba1c0771867040c5f91e4221940d78a4abfb',
        ),
        kinds=['C', 'sources in src/', 'package_dir pkg/'],
        causes={
            'setproctitle._setproctitle': 'name in setup.py: `Extension("setproctitle._setproctitle", ...)`; sources in src/, package in pkg/setproctitle',
        },
    ),
    dict(
        name='bitarray',
        version='3.12.3',
        sdist=dict(
            file='bitarray-3.12.3.tar.gz',
            url='https://pypi.org/packages/packages/a9/cc/aa09a20048dd650d9a36bd70c26b2688413066d65acc9f484f94b9929108/bitarray-3.12.3.tar.gz',
            sha256='919e35a951c0a551631b94bf568f3f5e38d004e0c60866cb2ca51bd8c4778fec',
        ),
        wheel=dict(
            file='bitarray-3.12.3-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            url='https://pypi.org/packages/packages/c0/8a/c9d2e34decc080374ea3dcca6d46c86907c1eb2ea5c47a13c7d0cf28e084/bitarray-3.12.3-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            sha256='8a32e10bd3c7e287df1e4c3da73efda5585a56ec59337b1467245f53dd469a99',
        ),
        kinds=['C', '2 modules'],
    ),
    dict(
        name='cffi',
        version='2.1.1',
        sdist=dict(
            file='cffi-2.1.1.tar.gz',
            url='https://files.pythonhosted.org/packages/9e/ef/008a1939e372c06329a3fce4279c02f328488f3526744906eeec3da7ad5f/cffi-2.1.1.tar.gz',
            sha256='dd31f52ea1086513bb9df30f8fcee9b8918323ae067a3d5b78bc826a000712be',
        ),
        wheel=dict(
            file='cffi-2.1.1-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.whl',
            url='https://files.pythonhosted.org/packages/b1/db/dceb9dd5b231e1da801793f8acc9f3c52a7e1afe40bb1aae37e02b0faad5/cffi-2.1.1-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.whl',
            sha256='c1453022f490d2459a11819d83ad1d586e9ff65a12ac3e705ffebd46d3685dcf',
        ),
        kinds=['C', 'src/ layout', 'top-level module'],
        causes={
            '_cffi_backend': "name in setup.py: `Extension(name='_cffi_backend', sources=sources)`, `sources = ['src/c/_cffi_backend.c']`; a top-level module, package_dir src/",
        },
    ),
    dict(
        name='wrapt',
        version='2.5.2',
        sdist=dict(
            file='wrapt-2.5.2.tar.gz',
            url='https://pypi.org/packages/packages/9c/b0/f752d19e1e83ab8bd64aeccfde32ff086aee3ef08520f7340b69a8d0a4d2/wrapt-2.5.2.tar.gz',
            sha256='551cb49e88b3722faad780303833bc4fa70685fb1773270fb98b40d39d9fddbf',
        ),
        wheel=dict(
            file='wrapt-2.5.2-cp312-cp312-manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64.whl',
            url='https://pypi.org/packages/packages/dd/26/a6caa9a84ef5db4a273787949cea7ab51f6001d2548768af4c8e3c49debd/wrapt-2.5.2-cp312-cp312-manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64.whl',
            sha256='092472b7b1494deef40dac5e9f6295013a9d51b112b5fbc4350f64dc2574e46a',
        ),
        kinds=['C', 'src/ layout'],
        causes={
            'wrapt._wrappers': "src/ layout: the package lives in src/ (package_dir or setuptools' src-layout discovery), Gazelle names it from the repository root",
        },
    ),
    dict(
        name='kiwisolver',
        version='1.5.1',
        sdist=dict(
            file='kiwisolver-1.5.1.tar.gz',
            url='https://files.pythonhosted.org/packages/ba/07/bd78e6a8fae171ea041ef5bba3ed21a003522fa088834b069b1909981f30/kiwisolver-1.5.1.tar.gz',
            sha256='f1303ef2eec81262a4b708c3e858afe58d7c75ad91c1c05266eda7673369859a',
        ),
        wheel=dict(
            file='kiwisolver-1.5.1-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.whl',
            url='https://files.pythonhosted.org/packages/fc/f4/dadfec469313c7f428efa7e84b4aba9732f813c13ea7131a24b7b008ef57/kiwisolver-1.5.1-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.whl',
            sha256='34633ecf50d16187ab8e5528b7a2530f2feb4e23f300db4672538b51cfc5cd38',
        ),
        kinds=['C++ (cppy)', 'sources in py/src'],
        causes={
            'kiwisolver._cext': 'name in setup.py: `Extension("kiwisolver._cext", ["py/src/..."])`; sources outside the package',
        },
    ),
    dict(
        name='xxhash',
        version='4.1.0',
        sdist=dict(
            file='xxhash-4.1.0.tar.gz',
            url='https://pypi.org/packages/packages/c9/b5/3d11d3830ace56d67ea83136c24385c3b07da5a9bc62b73b0b94ac096da3/xxhash-4.1.0.tar.gz',
            sha256='c9b288e4c1f5dae54417bc8a05e6f6daf505783d916b4783f4dd2f2e7d5db486',
        ),
        wheel=dict(
            file='xxhash-4.1.0-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            url='https://pypi.org/packages/packages/c8/6e/fafa2dad5450701c525c27c05f2d93228af263679959bf4ed552840f1d04/xxhash-4.1.0-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            sha256='34b86625dc36b54403b525e1d7b74a64343d9b65cee6e94872c6bd70722267ac',
        ),
        kinds=['C (vendored xxHash)', 'sources in src/'],
        causes={
            'xxhash._xxhash': 'name in setup.py: `Extension("_xxhash", source)` with `ext_package="xxhash"`; the package is xxhash/, the source src/_xxhash.c',
        },
    ),
    dict(
        name='aiohttp',
        version='3.14.5',
        sdist=dict(
            file='aiohttp-3.14.5.tar.gz',
            url='https://pypi.org/packages/packages/6c/4c/bdccd81e9ee225b69c60e7766c9a5b05364f118f4d383713b89a682d772d/aiohttp-3.14.5.tar.gz',
            sha256='5558a7f5a05af9ecf744af91e5baefc436f93c9333e656c27ec253f9a6bbe178',
        ),
        wheel=dict(
            file='aiohttp-3.14.5-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            url='https://pypi.org/packages/packages/da/e4/aa172eb534b7f02f1f8ff1c3213347eaf3cf218db91a727c6863c22f1035/aiohttp-3.14.5-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            sha256='20f085697d7e911f1f73c43ed03fafbed1e7121797e2eb5428efa80398060584',
        ),
        kinds=['Cython (generated C shipped)', 'vendored llhttp C', '4 modules'],
    ),
    dict(
        name='uvloop',
        version='0.23.0',
        sdist=dict(
            file='uvloop-0.23.0.tar.gz',
            url='https://pypi.org/packages/packages/fa/42/02c739ce85fb2ee8d99212c61417da8140c6b87e9d97c430bea520d76044/uvloop-0.23.0.tar.gz',
            sha256='28d160f51ab4da3b187063652e643dea6831072add4adc1e6d62afbe73b6be27',
        ),
        wheel=dict(
            file='uvloop-0.23.0-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            url='https://pypi.org/packages/packages/51/27/c1d2f9fa977f8f42ea294604166df10e0027e6dc6cd17f85ede386c9bf36/uvloop-0.23.0-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            sha256='090865d8ce7a03986755a3ce711b7dd0d4b44eb14ab74368b717f3fad1180208',
        ),
        kinds=['Cython (generated C shipped)', 'vendored libuv'],
    ),
    dict(
        name='pillow',
        version='13.0.0',
        sdist=dict(
            file='pillow-13.0.0.tar.gz',
            url='https://pypi.org/packages/packages/ce/a4/9cc30690a394a8305e8be4c9036aa16d0dfddadd09079860b582f562496d/pillow-13.0.0.tar.gz',
            sha256='cdcd1ba258178f7356d74170c9a81ba4eab6a5d55748bc402a5a2a6fe6be3510',
        ),
        wheel=dict(
            file='pillow-13.0.0-cp312-cp312-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl',
            url='https://pypi.org/packages/packages/e6/99/fdf65cc539e266ab93546c261bdf98411fe165c6e4e13f9dbf597097192b/pillow-13.0.0-cp312-cp312-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl',
            sha256='42d63be3af4f9b951b199b0a9d23365d37ab14687e6d77b74940432c8515c4ca',
        ),
        kinds=['C', '8 modules', 'sources in src/, package in src/PIL'],
        causes={
            'PIL._avif': 'name in setup.py: `Extension("PIL._NAME", ["src/_NAME.c"])`, sources in src/ outside the package src/PIL',
            'PIL._imaging': 'name in setup.py: `Extension("PIL._NAME", ["src/_NAME.c"])`, sources in src/ outside the package src/PIL',
            'PIL._imagingcms': 'name in setup.py: `Extension("PIL._NAME", ["src/_NAME.c"])`, sources in src/ outside the package src/PIL',
            'PIL._imagingft': 'name in setup.py: `Extension("PIL._NAME", ["src/_NAME.c"])`, sources in src/ outside the package src/PIL',
            'PIL._imagingmath': 'name in setup.py: `Extension("PIL._NAME", ["src/_NAME.c"])`, sources in src/ outside the package src/PIL',
            'PIL._imagingmorph': 'name in setup.py: `Extension("PIL._NAME", ["src/_NAME.c"])`, sources in src/ outside the package src/PIL',
            'PIL._imagingtk': 'name in setup.py: `Extension("PIL._NAME", ["src/_NAME.c"])`, sources in src/ outside the package src/PIL',
            'PIL._webp': 'name in setup.py: `Extension("PIL._NAME", ["src/_NAME.c"])`, sources in src/ outside the package src/PIL',
        },
    ),
    dict(
        name='greenlet',
        version='3.5.6',
        sdist=dict(
            file='greenlet-3.5.6.tar.gz',
            url='https://pypi.org/packages/packages/3e/6e/0091f175ccd02b02bc8811bbcbcc6ac2e980be116e3b2f7a736ca322bf84/greenlet-3.5.6.tar.gz',
            sha256='8e67c43bdfc88d5fee6db0d3e40175b362fc95fb85f0412d233b9b203c53a575',
        ),
        wheel=dict(
            file='greenlet-3.5.6-cp312-cp312-manylinux_2_24_x86_64.manylinux_2_28_x86_64.whl',
            url='https://pypi.org/packages/packages/66/6a/1594f3869c57c149abdb380492529e04d4c0229b5e4d79572c5bd0aaa673/greenlet-3.5.6-cp312-cp312-manylinux_2_24_x86_64.manylinux_2_28_x86_64.whl',
            sha256='975736b002ed080d124cf81a79cb7e05cb26d6b3f5c7a7b651c0fcce70353aa1',
        ),
        kinds=['C++', 'src/ layout', 'test extensions'],
        causes={
            'greenlet._greenlet': "src/ layout: the package lives in src/ (package_dir or setuptools' src-layout discovery), Gazelle names it from the repository root",
            'greenlet.tests._test_extension': "src/ layout: the package lives in src/ (package_dir or setuptools' src-layout discovery), Gazelle names it from the repository root",
            'greenlet.tests._test_extension_cpp': "src/ layout: the package lives in src/ (package_dir or setuptools' src-layout discovery), Gazelle names it from the repository root",
        },
    ),
    dict(
        name='pyrsistent',
        version='0.20.0',
        sdist=dict(
            file='pyrsistent-0.20.0.tar.gz',
            url='https://files.pythonhosted.org/packages/ce/3a/5031723c09068e9c8c2f0bc25c3a9245f2b1d1aea8396c787a408f2b95ca/pyrsistent-0.20.0.tar.gz',
            sha256='4c48f78f62ab596c679086084d0dd13254ae4f3d6c72a83ffdf5ebdef8f265a4',
        ),
        wheel=dict(
            file='pyrsistent-0.20.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
            url='https://files.pythonhosted.org/packages/07/3a/e56d6431b713518094fae6ff833a04a6f49ad0fbe25fb7c0dc7408e19d20/pyrsistent-0.20.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
            sha256='b14decb628fac50db5e02ee5a35a9c0772d20277824cfe845c8a8b717c15daa3',
        ),
        kinds=['C', 'top-level module'],
    ),
    dict(
        name='mmh3',
        version='5.3.1',
        sdist=dict(
            file='mmh3-5.3.1.tar.gz',
            url='https://pypi.org/packages/packages/8d/3c/eb1d82a87c504259dac5ce1c7de7587b68ffac841b55d23f8ea2c9df8422/mmh3-5.3.1.tar.gz',
            sha256='bd86d0c86b52332319d981d03781ff77811a29db544a69902dc06b5506bb3e19',
        ),
        wheel=dict(
            file='mmh3-5.3.1-cp312-cp312-manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64.whl',
            url='https://pypi.org/packages/packages/d5/20/f2f5877cb22ee3c26c52f4be8737c7cb94e23e6a5e47bf05654b189ed0af/mmh3-5.3.1-cp312-cp312-manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64.whl',
            sha256='3b037280edc7a609a987fa7661a1132a3f6d721f46b299ed5f9f641b35ab415a',
        ),
        kinds=['C', 'src/ layout', 'pyproject ext-modules table', 'top-level module'],
        causes={
            'mmh3': 'name in pyproject.toml: `[tool.setuptools] ext-modules = [{name = "mmh3", ...}]`; source in src/mmh3',
        },
    ),
    dict(
        name='websockets',
        version='17.4',
        sdist=dict(
            file='websockets-17.4.tar.gz',
            url='https://pypi.org/packages/packages/75/79/590c5f0cc7d1661195aeefccb0e342b79f4c77d368d526d028821a390332/websockets-17.4.tar.gz',
            sha256='09d3939b70df0c8ad2da145ebd50978bccaee1d565e838b0e7921a34d38571eb',
        ),
        wheel=dict(
            file='websockets-17.4-cp312-cp312-manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64.whl',
            url='https://pypi.org/packages/packages/cb/18/6229d6583031ca81d092a0cd887a13a57b402fb555acc323d39b45967eb7/websockets-17.4-cp312-cp312-manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64.whl',
            sha256='9ae1429ee9e52b139167ed0169757806a27ed7307e942e8c62037a9184e9843b',
        ),
        kinds=['C', 'src/ layout'],
        causes={
            'websockets.speedups': "src/ layout: the package lives in src/ (package_dir or setuptools' src-layout discovery), Gazelle names it from the repository root",
        },
    ),
    dict(
        name='coverage',
        version='7.17.5',
        sdist=dict(
            file='coverage-7.17.5.tar.gz',
            url='https://pypi.org/packages/packages/b1/a8/6c44415a740290c66451e664bc42f835d65a17888be2bb17e87d6d7a27b8/coverage-7.17.5.tar.gz',
            sha256='4f41d35b798714a2e79ec2097d6b03c92cd3b7de58e422fce7a1ca2c0c25b276',
        ),
        wheel=dict(
            file='coverage-7.17.5-cp312-cp312-manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64.whl',
            url='https://pypi.org/packages/packages/3c/a6/cb2e35022af7f3ffc37c0cdaae660e6468bf1e598f9e0c7810e15afe6dc9/coverage-7.17.5-cp312-cp312-manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64.whl',
            sha256='f3c892bf8861acd9e8fe18060672ad736d0ec983ad1f64c12eb0abd6cf17b02e',
        ),
        kinds=['C', 'sources in a subdirectory (coverage/ctracer)'],
        causes={
            'coverage.tracer': 'name in setup.py: `Extension("coverage.tracer", sources=["coverage/ctracer/..."])`; Gazelle makes ctracer a package',
        },
    ),
    dict(
        name='ruamel.yaml.clib',
        version='0.2.15',
        sdist=dict(
            file='ruamel_yaml_clib-0.2.15.tar.gz',
            url='https://files.pythonhosted.org/packages/ea/97/60fda20e2fb54b83a61ae14648b0817c8f5d84a3821e40bfbdae1437026a/ruamel_yaml_clib-0.2.15.tar.gz',
            sha256='46e4cc8c43ef6a94885f72512094e482114a8a706d3c555a34ed4b0d20200600',
        ),
        wheel=dict(
            file='ruamel_yaml_clib-0.2.15-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            url='https://files.pythonhosted.org/packages/61/62/150c841f24cda9e30f588ef396ed83f64cfdc13b92d2f925bb96df337ba9/ruamel_yaml_clib-0.2.15-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            sha256='11e5499db1ccbc7f4b41f0565e4f799d863ea720e01d3e99fa0b7b5fcd7802c9',
        ),
        kinds=['Cython (generated C shipped)', 'top-level module'],
    ),
    dict(
        name='murmurhash',
        version='1.0.16',
        sdist=dict(
            file='murmurhash-1.0.16.tar.gz',
            url='https://pypi.org/packages/packages/0c/0a/1a7e365e3315188ef5bc683950c6108170bd49aa5912a7aeb2463a9317e8/murmurhash-1.0.16.tar.gz',
            sha256='09794ace87d87d4adbefe6c614a31ecc5cc65ef815a5c61a02bf3055150bdbbf',
        ),
        wheel=dict(
            file='murmurhash-1.0.16-cp312-cp312-manylinux1_x86_64.manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_5_x86_64.whl',
            url='https://pypi.org/packages/packages/ec/fc/9b6b6247d2746ee3bd336598908fe357b6499fb7a11789c7ab1f1573edd9/murmurhash-1.0.16-cp312-cp312-manylinux1_x86_64.manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_5_x86_64.whl',
            sha256='e043f2f67dde4d357459bedccf6222d61d50198adb4abf7a381cb086e91888b5',
        ),
        kinds=['Cython (.pyx) + C++'],
        causes={
            'murmurhash.mrmr': '.pyx ignored: only mrmr.pyx (the .cpp files are the hash functions it wraps)',
        },
    ),
    dict(
        name='pyinstrument',
        version='5.1.3',
        sdist=dict(
            file='pyinstrument-5.1.3.tar.gz',
            url='https://files.pythonhosted.org/packages/a0/05/5b79b16712f9b7c497f2137868908e5d38646a8ef7871d6008801e6e18a3/pyinstrument-5.1.3.tar.gz',
            sha256='93dc5576fa90bb267c46d864712329e8e057f51a6b15d0b4f917558d82066ba7',
        ),
        wheel=dict(
            file='pyinstrument-5.1.3-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            url='https://files.pythonhosted.org/packages/d7/6e/cd47fa4c2fef0d86a25684f0857df854155dfd2492bbbedd33b6c07f0578/pyinstrument-5.1.3-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            sha256='4db9ebe8242038bf9f60c623bac0811611e54363a2fe33b79448b548b9108bef',
        ),
        kinds=['C', 'module in a subpackage'],
    ),
    dict(
        name='time-machine',
        version='3.6.0',
        sdist=dict(
            file='time_machine-3.6.0.tar.gz',
            url='https://pypi.org/packages/packages/a7/1d/48df18d3b2159ae3f49432622e3d7a23e01404cd6b99ee1361c9a4f37826/time_machine-3.6.0.tar.gz',
            sha256='92dfc900bbd50d239ad311473ada2201acdca3c3e14562692fd2e31489b57e24',
        ),
        wheel=dict(
            file='time_machine-3.6.0-cp312-cp312-manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64.whl',
            url='https://pypi.org/packages/packages/4a/74/63ed82fc3c12087776b4410b50a48a483dd1d31893baa721f15f9441c1df/time_machine-3.6.0-cp312-cp312-manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64.whl',
            sha256='8116e2a534c84743cf7125acb1602d7e5ed30f1a3121538d31320e755f819c8a',
        ),
        kinds=['C', 'sources in src/', 'top-level module'],
        causes={
            '_time_machine': 'name in setup.py: `Extension("_time_machine", sources=["src/_time_machine.c"])`; Gazelle takes src as a package',
        },
    ),
    dict(
        name='httptools',
        version='0.9.0',
        sdist=dict(
            file='httptools-0.9.0.tar.gz',
            url='https://pypi.org/packages/packages/3a/ec/deed52912ab7ca6c0b12859330c571c60c61d7267b341b28951fcbf13694/httptools-0.9.0.tar.gz',
            sha256='d484ebb7e3a3f3597b0f645fbd1b85633674ca808c1f5ba11c2caf7c66f5c8b6',
        ),
        wheel=dict(
            file='httptools-0.9.0-cp312-cp312-manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64.whl',
            url='https://pypi.org/packages/packages/85/3f/642113e9882f53158ecddf58003d25f18ded2c210ed23bf6eb663d4d51c3/httptools-0.9.0-cp312-cp312-manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64.whl',
            sha256='3e3201fe4d46e0d15d7ff9fafc94a605da9eb82d2c5b9837f0368acb325481f1',
        ),
        kinds=['Cython (generated C shipped)', 'vendored llhttp C', '2 modules'],
    ),
    dict(
        name='ciso8601',
        version='2.4.1',
        sdist=dict(
            file='ciso8601-2.4.1.tar.gz',
            url='https://pypi.org/packages/packages/ae/18/1dae4f49f59e71082e853742f97e9a5012e107e68151dd2786ffe911872c/ciso8601-2.4.1.tar.gz',
            sha256='76452eacea17b948645c66ca92b7d282e909dc04e9b158340adced09b3f77ee3',
        ),
        wheel=dict(
            file='ciso8601-2.4.1-cp312-cp312-manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64.whl',
            url='https://pypi.org/packages/packages/55/03/525e89f87869eeb5c4f51e93cfca92e70f4e754d1c83383c99fcfae9aa55/ciso8601-2.4.1-cp312-cp312-manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64.whl',
            sha256='4bbe672d65019d09c5b74f5ffbc123eea6a8455ffc7f0da73a836eb71780b9b6',
        ),
        kinds=['C', 'top-level module'],
    ),
    dict(
        name='cbor2',
        version='5.6.5',
        sdist=dict(
            file='cbor2-5.6.5.tar.gz',
            url='https://pypi.org/packages/packages/e4/aa/ba55b47d51d27911981a18743b4d3cebfabccbb0598c09801b734cec4184/cbor2-5.6.5.tar.gz',
            sha256='b682820677ee1dbba45f7da11898d2720f92e06be36acec290867d5ebf3d7e09',
        ),
        wheel=dict(
            file='cbor2-5.6.5-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
            url='https://pypi.org/packages/packages/cf/cb/70751377d94112001d46c311b5c40b45f34863dfa78a6bc71b71f40c8c7f/cbor2-5.6.5-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
            sha256='38886c41bebcd7dca57739439455bce759f1e4c551b511f618b8e9c1295b431b',
        ),
        kinds=['C', 'sources in source/', 'top-level module'],
        causes={
            '_cbor2': 'name in setup.py: `Extension("_cbor2", sources=["source/..."])`; Gazelle takes source/ as a package',
        },
    ),
    dict(
        name='propcache',
        version='0.5.4',
        sdist=dict(
            file='propcache-0.5.4.tar.gz',
            url='https://pypi.org/packages/packages/b3/9a/9fbf4e4ec0c2d7f1c32519fff782ef467859b8faa9fbc5331a96f6395d43/propcache-0.5.4.tar.gz',
            sha256='ff6b113f50bc066a698db5d944d2c6dc7507168dd3341e255a8892fd0715a558',
        ),
        wheel=dict(
            file='propcache-0.5.4-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            url='https://pypi.org/packages/packages/85/9f/83a07b6ec0e043c050cfdd35fb0cf1b7897b91d554d6eea293740309afe7/propcache-0.5.4-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            sha256='2814ecd8e818f487bee4b0f921bc4d1c176cc5fc71ac0f072d0fa67eda4ac14b',
        ),
        kinds=['Cython (.pyx only)', 'src/ layout'],
        causes={
            'propcache._helpers_c': '.pyx ignored: only src/propcache/_helpers_c.pyx is in the sdist (also a src/ layout)',
        },
    ),
    dict(
        name='immutables',
        version='0.21',
        sdist=dict(
            file='immutables-0.21.tar.gz',
            url='https://files.pythonhosted.org/packages/69/41/0ccaa6ef9943c0609ec5aa663a3b3e681c1712c1007147b84590cec706a0/immutables-0.21.tar.gz',
            sha256='b55ffaf0449790242feb4c56ab799ea7af92801a0a43f9e2f4f8af2ab24dfc4a',
        ),
        wheel=dict(
            file='immutables-0.21-cp312-cp312-manylinux_2_5_x86_64.manylinux1_x86_64.manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
            url='https://files.pythonhosted.org/packages/0f/a4/25df835a9b9b372a4a869a8a1ac30a32199f2b3f581ad0e249f7e3d19eed/immutables-0.21-cp312-cp312-manylinux_2_5_x86_64.manylinux1_x86_64.manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
            sha256='dad7c0c74b285cc0e555ec0e97acbdc6f1862fcd16b99abd612df3243732e741',
        ),
        kinds=['C'],
    ),
    dict(
        name='msgspec',
        version='0.23.0',
        sdist=dict(
            file='msgspec-0.23.0.tar.gz',
            url='https://pypi.org/packages/packages/7b/72/c9d89595763e54800d2c136efadfb65c8ae789bc85b8a0c890358f967667/msgspec-0.23.0.tar.gz',
            sha256='a0d57d3ca7734542eb6861e72d974ab051e6cf73ea6b01b263f77170593362be',
        ),
        wheel=dict(
            file='msgspec-0.23.0-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            url='https://pypi.org/packages/packages/59/7a/910a8ff19a5e759f6775eb9efc3b27c509d8c3705f142ab18b9ef3ae0c48/msgspec-0.23.0-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            sha256='c08f294663135183bd633efd843645687285a445054a876c37506d4e9de7d80b',
        ),
        kinds=['C', 'src/ layout'],
        causes={
            'msgspec._core': "src/ layout: the package lives in src/ (package_dir or setuptools' src-layout discovery), Gazelle names it from the repository root",
        },
    ),
    dict(
        name='sqlalchemy',
        version='2.1.9',
        sdist=dict(
            file='sqlalchemy-2.1.9.tar.gz',
            url='https://pypi.org/packages/packages/3f/69/b87a540f6888ebc1f63a6e6138e8dc0827331a9be7c5eb15e3bd40a76281/sqlalchemy-2.1.9.tar.gz',
            sha256='d700a8b2edfb26282a470333d6bc4a454c4acda4d201a3bea7b72fa76c217d28',
        ),
        wheel=dict(
            file='sqlalchemy-2.1.9-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            url='https://pypi.org/packages/packages/6d/87/83ee27f8d47ad9b4aacc2cde7bdcd80115f6aba5d1b3c51b7bce9ff099c3/sqlalchemy-2.1.9-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
            sha256='fcff5267a11d865efaff9ffc37ba3c8eab775bb4f4880a957c13dd7e63df5469',
        ),
        kinds=['Cython pure-Python mode (.py compiled)', 'lib/ layout', '8 modules'],
        causes={
            'sqlalchemy.engine._processors_cy': 'Cython pure-Python mode: a .py file compiled by Cython (setup.py lists the `_cy` modules); nothing marks it as an extension but setup.py',
            'sqlalchemy.engine._result_cy': 'Cython pure-Python mode: a .py file compiled by Cython (setup.py lists the `_cy` modules); nothing marks it as an extension but setup.py',
            'sqlalchemy.engine._row_cy': 'Cython pure-Python mode: a .py file compiled by Cython (setup.py lists the `_cy` modules); nothing marks it as an extension but setup.py',
            'sqlalchemy.engine._util_cy': 'Cython pure-Python mode: a .py file compiled by Cython (setup.py lists the `_cy` modules); nothing marks it as an extension but setup.py',
            'sqlalchemy.sql._cache_key_cy': 'Cython pure-Python mode: a .py file compiled by Cython (setup.py lists the `_cy` modules); nothing marks it as an extension but setup.py',
            'sqlalchemy.sql._util_cy': 'Cython pure-Python mode: a .py file compiled by Cython (setup.py lists the `_cy` modules); nothing marks it as an extension but setup.py',
            'sqlalchemy.util._collections_cy': 'Cython pure-Python mode: a .py file compiled by Cython (setup.py lists the `_cy` modules); nothing marks it as an extension but setup.py',
            'sqlalchemy.util._immutabledict_cy': 'Cython pure-Python mode: a .py file compiled by Cython (setup.py lists the `_cy` modules); nothing marks it as an extension but setup.py',
        },
    ),
    dict(
        name='python-rapidjson',
        version='1.25',
        sdist=dict(
            file='python_rapidjson-1.25.tar.gz',
            url='https://pypi.org/packages/packages/e1/45/7e2c05ef1c9357e22f1fc345fad41c24d50b9dfb6ac8104222987aef1f89/python_rapidjson-1.25.tar.gz',
            sha256='97c1de449552ec28ac5ae89350c2b53e4c5d21a9b4308d7a1630b1099e5db9fc',
        ),
        wheel=dict(
            file='python_rapidjson-1.25-cp312-cp312-manylinux_2_24_x86_64.manylinux_2_28_x86_64.whl',
            url='https://pypi.org/packages/packages/89/db/259cafa8461482d017c65ddb0a299b39a9c4038d83f18b293e89d101ffc4/python_rapidjson-1.25-cp312-cp312-manylinux_2_24_x86_64.manylinux_2_28_x86_64.whl',
            sha256='d425190a9cc78f46f897d0efceddc094048ea08d584340a5830f48e186607f9c',
        ),
        kinds=['C++', 'vendored rapidjson headers', 'top-level module'],
    ),
    dict(
        name='pystemmer',
        version='3.1.0',
        sdist=dict(
            file='pystemmer-3.1.0.tar.gz',
            url='https://files.pythonhosted.org/packages/78/95/bb893462b08db211b248f6b1aaa0dc07d068dc86f180178bc9072fef86bb/pystemmer-3.1.0.tar.gz',
            sha256='083cc3ed90f4c3b0668f8e31c2925cbb4db3bf0fd6d710e0ad0914f33685f7df',
        ),
        wheel=dict(
            file='pystemmer-3.1.0-cp312-cp312-manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64.whl',
            url='https://files.pythonhosted.org/packages/06/55/78699a2621a472be98bae7fb36bdda610b7d1c8bcd8ff448301230260cf9/pystemmer-3.1.0-cp312-cp312-manylinux1_x86_64.manylinux_2_28_x86_64.manylinux_2_5_x86_64.whl',
            sha256='550bd609aa8dc324033eb1c8d34bfd68649183bbdab871ff534332dcafdc5e5a',
        ),
        kinds=['Cython (.pyx)', 'vendored libstemmer C', 'top-level module'],
        causes={
            'Stemmer': '.pyx ignored: only src/Stemmer.pyx (a top-level module)',
        },
    ),
    dict(
        name='mapbox_earcut',
        version='2.1.0',
        sdist=dict(
            file='mapbox_earcut-2.1.0.tar.gz',
            url='https://pypi.org/packages/packages/aa/14/8505f246191c41da54a64a4d6c30049ed47b6047930d8f0de328dadb06ee/mapbox_earcut-2.1.0.tar.gz',
            sha256='fb0c1e43581a635bbaabf4a5149009014d370c515816c4d5a7d8118477f28d48',
        ),
        wheel=dict(
            file='mapbox_earcut-2.1.0-cp312-cp312-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl',
            url='https://pypi.org/packages/packages/9d/d0/9557f5d60e21c434cf87d70fe056899eb6b7ee8cf7755c556e06c77c8dab/mapbox_earcut-2.1.0-cp312-cp312-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl',
            sha256='5592b56bf6ba66c1d360edf019c7708c8ec9ab6b71b336e457f4660a077676ed',
        ),
        kinds=['C++ nanobind', 'scikit-build-core (CMake)'],
        causes={
            'mapbox_earcut._core': 'name in CMakeLists.txt: `nanobind_add_module(_core ... src/main.cpp)`, installed into mapbox_earcut/; Gazelle takes src/ as a package',
        },
    ),
    dict(
        name='optree',
        version='0.20.0',
        sdist=dict(
            file='optree-0.20.0.tar.gz',
            url='https://files.pythonhosted.org/packages/76/e2/89ef1e5ef78ffd22c1d1e66d884c33850e051a11780209c35503a02855a3/optree-0.20.0.tar.gz',
            sha256='c7403eb0f2b2a060a97803a8f52904212df85ed6cff4b0eeed9cc6e38c2cf88d',
        ),
        wheel=dict(
            file='optree-0.20.0-cp312-cp312-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl',
            url='https://files.pythonhosted.org/packages/fe/98/6a63875d66bef096d0c040f0cba9d0b14436df88b130d7f779c3dfa59759/optree-0.20.0-cp312-cp312-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl',
            sha256='5c4ed341ea1ee7eb04eff01527b88a868cb19aac672a667e0aefadf7d14c0260',
        ),
        kinds=['C++ pybind11', 'CMake via setup.py'],
        causes={
            'optree._C': "name in setup.py: `CMakeExtension('optree._C')` and CMakeLists.txt; sources in src/",
        },
    ),
    dict(
        name='pycares',
        version='5.2.1',
        sdist=dict(
            file='pycares-5.2.1.tar.gz',
            url='https://pypi.org/packages/packages/c9/f3/4df974f2f902fdcec81087773f37eaedc7c8308291fb3f15da7ff21a5b88/pycares-5.2.1.tar.gz',
            sha256='3e89edc56a3745046676207958bf3dbf2971c5df0d64de9f7a893eba8bf255b4',
        ),
        wheel=dict(
            file='pycares-5.2.1-cp312-cp312-manylinux_2_26_x86_64.manylinux_2_28_x86_64.whl',
            url='https://pypi.org/packages/packages/bb/1e/481c274f1491a584ce622a5c3cba5a1b49132895b2bde28e34ec4fd7bd70/pycares-5.2.1-cp312-cp312-manylinux_2_26_x86_64.manylinux_2_28_x86_64.whl',
            sha256='8616a510b3f726588f11c02187fa5d7087b091b80402514df404776699318c24',
        ),
        kinds=['cffi', 'vendored c-ares'],
        not_discoverable={
            'pycares._cares': 'cffi: src/_cffi_src/build_cares.py writes its C at build time',
        },
    ),
    dict(
        name='srsly',
        version='2.5.6',
        sdist=dict(
            file='srsly-2.5.6.tar.gz',
            url='https://pypi.org/packages/packages/6d/58/01a228fa8d43f58cec76488124e02c31c6443addeb93af6571f859604cd1/srsly-2.5.6.tar.gz',
            sha256='8f7cbc9b24bf39ca17ee5cd50d9ebfe9adaa5f00b11457358c551730fe165160',
        ),
        wheel=dict(
            file='srsly-2.5.6-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.whl',
            url='https://pypi.org/packages/packages/d8/4e/0aaf9941bc92d4e6d1bda12658e122c7734254e1fc07445deddf223e2d12/srsly-2.5.6-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.whl',
            sha256='8f5537aae73b22399b00eab00c03e62a4001343fae94bef2753f30e50ba48b43',
        ),
        kinds=['Cython C++ (generated shipped)', 'vendored ujson and msgpack C'],
        causes={
            'srsly.ujson.ujson': 'init through a macro: defined (`#define PYMODINITFUNC PyObject *PyInit_ujson(void)`) that the C scanner does not expand',
        },
    ),
    dict(
        name='cymem',
        version='2.0.16',
        sdist=dict(
            file='cymem-2.0.16.tar.gz',
            url='https://pypi.org/packages/packages/06/eb/f7983fc45fc18498924800219b9423b689803509fe24a3cb775ed8cdf707/cymem-2.0.16.tar.gz',
            sha256='a1f2f2bf8632f152867967a86dd58014064aa09bf9cb17ae297f4c33a8fc8b6e',
        ),
        wheel=dict(
            file='cymem-2.0.16-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.whl',
            url='https://pypi.org/packages/packages/7d/d3/b8c71770b21d8e9c356a94cebae0b09872333b10c27adab394f4f9a4a7c4/cymem-2.0.16-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.whl',
            sha256='1213ff078e81b67972708097c55a2a7849ce4d046fe253671fe56d193c90eb8a',
        ),
        kinds=['Cython (.pyx only)'],
        causes={
            'cymem.cymem': '.pyx ignored: only the .pyx is in the sdist (no generated C)',
        },
    ),
    dict(
        name='editdistance',
        version='0.8.1',
        sdist=dict(
            file='editdistance-0.8.1.tar.gz',
            url='https://files.pythonhosted.org/packages/d5/18/9f4f975ca87a390832b1c22478f3702fcdf739f83211e24d054b7551270d/editdistance-0.8.1.tar.gz',
            sha256='d1cdf80a5d5014b0c9126a69a42ce55a457b457f6986ff69ca98e4fe4d2d8fed',
        ),
        wheel=dict(
            file='editdistance-0.8.1-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
            url='https://files.pythonhosted.org/packages/a9/c7/57423942b2f847cdbbb46494568d00cd8a45500904ea026f0aad6ca01bc7/editdistance-0.8.1-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
            sha256='c59248eabfad603f0fba47b0c263d5dc728fb01c2b6b50fb6ca187cec547fdb3',
        ),
        kinds=['Cython C++ (generated shipped)', 'src/ layout', 'pdm backend running setuptools'],
        causes={
            'editdistance.bycython': "src/ layout: the package lives in src/ (package_dir or setuptools' src-layout discovery), Gazelle names it from the repository root (Cython's header names editdistance.bycython; Gazelle warns)",
        },
    ),
    dict(
        name='pikepdf',
        version='10.18.0',
        sdist=dict(
            file='pikepdf-10.18.0.tar.gz',
            url='https://pypi.org/packages/packages/2e/5c/db56403f493bae2e35a0d5d2c9ad358b011f142b760282698a9f2732941e/pikepdf-10.18.0.tar.gz',
            sha256='cb555ebff93482e8a6eb55881488b469bbb2b5675161c1b93a0510a8642d98d0',
        ),
        wheel=dict(
            file='pikepdf-10.18.0-cp312-cp312-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl',
            url='https://pypi.org/packages/packages/78/d2/b1a8c0bc60679d243fbb0d7effa87d2c5cf52c3c7e4b1262a9fddfb8c6e6/pikepdf-10.18.0-cp312-cp312-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl',
            sha256='bb8b5505a55a0b15e0468759c19531bd0c7aac4b7f8938dca94f62525eb79b04',
        ),
        kinds=['C++ nanobind', 'scikit-build-core (CMake)', 'src/ layout', 'sources in src/core'],
        causes={
            'pikepdf._core': 'name in CMakeLists.txt: `nanobind_add_module(_core ...)` over src/core/*.cpp, `install(TARGETS _core LIBRARY DESTINATION pikepdf)`; Gazelle takes src/core as a package',
        },
    ),
    dict(
        name='shapely',
        version='2.2.0',
        sdist=dict(
            file='shapely-2.2.0.tar.gz',
            url='https://pypi.org/packages/packages/f3/ab/924b6e202f796d270a3041a230151f7908db5ea48c74effe6f8023e9bd05/shapely-2.2.0.tar.gz',
            sha256='e8865e553d874a1ec4a032057ea81fca9def37b188cd8fb550af3b3480b3f88c',
        ),
        wheel=dict(
            file='shapely-2.2.0-cp312-cp312-manylinux_2_24_x86_64.manylinux_2_28_x86_64.whl',
            url='https://pypi.org/packages/packages/ad/87/6842e4c996914a47b6bfd3ef14a543e67e993f86a9ea5679c34efc9314ab/shapely-2.2.0-cp312-cp312-manylinux_2_24_x86_64.manylinux_2_28_x86_64.whl',
            sha256='650a5f4d8a8e3c96982079d8c99b6ddbe6602bbd1e34c75c2b95dbc0d28ac997',
        ),
        kinds=['C (module in its own directory)', 'Cython (.pyx only)', 'meson', 'src/ layout'],
        causes={
            'shapely.lib': "name in meson.build: src/shapely/lib/meson.build `py.extension_module('lib', ..., subdir: 'shapely')`, sources in src/shapely/lib/; Gazelle takes that directory (from the repository root) as the package",
            'shapely._geometry_helpers': '.pyx ignored: only src/shapely/_geometry_helpers.pyx (built by meson)',
            'shapely._geos': '.pyx ignored: only src/shapely/_geos.pyx (built by meson)',
        },
    ),
]
