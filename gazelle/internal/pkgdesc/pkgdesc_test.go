package pkgdesc

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// ext is the part of an Extension a table row checks.
type ext struct {
	Name     string
	Sources  []string
	Includes []string
	Defines  []string
	Libs     []string
	Platform string
}

func summarize(d *Description) []ext {
	var out []ext
	for _, e := range d.Extensions {
		srcs := e.Sources
		if e.SourcesUnread {
			srcs = []string{"(unread)"}
		}
		out = append(out, ext{e.Name, srcs, e.IncludeDirs, e.Defines, e.Libraries, e.Platform})
	}
	return out
}

func problems(d *Description) []string {
	var out []string
	for _, p := range d.Problems {
		out = append(out, p.String())
	}
	return out
}

func TestSetupPy(t *testing.T) {
	files := fstest.MapFS{
		"pkg/arch/linux/a.c":   {},
		"pkg/arch/linux/b.c":   {},
		"pkg/arch/windows/w.c": {},
	}
	for _, tc := range []struct {
		name       string
		src        string
		want       []ext
		problems   []string
		incomplete bool
		pkgDir     map[string]string
		pyproject  string // pyproject.toml beside setup.py, if any
	}{
		{
			name: "positional and keyword arguments",
			src:  "from setuptools import Extension, setup\nsetup(ext_modules=[Extension('a._x', ['x.c']), Extension(name='b', sources=['y.c'], include_dirs=['inc'], define_macros=[('A', None), ('B', '2'), ('C', 3)], libraries=['m'])])\n",
			want: []ext{{Name: "a._x", Sources: []string{"x.c"}}, {Name: "b", Sources: []string{"y.c"}, Includes: []string{"inc"}, Defines: []string{"A", "B=2", "C=3"}, Libs: []string{"m"}}},
		},
		{
			name: "variables, concatenation, os.path.join, glob and sorted",
			src:  "import os, glob\nfrom setuptools import Extension\nD = 'pkg'\nsrcs = [os.path.join(D, '_m.c')]\nsrcs.append('pkg/' + 'extra.c')\nExtension('pkg._m', sources=srcs + sorted(glob.glob('pkg/arch/linux/*.c')))\n",
			want: []ext{{Name: "pkg._m", Sources: []string{"pkg/_m.c", "pkg/extra.c", "pkg/arch/linux/a.c", "pkg/arch/linux/b.c"}}},
		},
		{
			name: "platform branches decided for Linux",
			src: "import sys\nfrom distutils.core import Extension\nWINDOWS = sys.platform == 'win32'\nmacros = []\n" +
				"if WINDOWS:\n    macros.append(('W', 1))\n    e = Extension('p._w', ['w.c'])\nelif sys.platform.startswith('linux'):\n    macros.append(('L', 1))\n    e = Extension('p._l', ['l.c'], define_macros=macros)\nelse:\n    e = Extension('p._o', ['o.c'])\n" +
				"if not WINDOWS:\n    macros.append(('NW', 1))\nsetup(ext_modules=[e])\n",
			want: []ext{{Name: "p._w", Sources: []string{"w.c"}, Platform: "windows"}, {Name: "p._l", Sources: []string{"l.c"}, Defines: []string{"L=1", "NW=1"}}, {Name: "p._o", Sources: []string{"o.c"}, Platform: "another platform"}},
		},
		{
			name:     "a list changed under an undecided condition",
			src:      "from setuptools import Extension\nimport struct\nm = []\nif struct.calcsize('P') == 8:\n    m.append(('BIG', 1))\nExtension('x', ['x.c'], define_macros=m)\n",
			want:     []ext{{Name: "x", Sources: []string{"x.c"}}},
			problems: []string{"setup.py:6: could not read define_macros of Extension \"x\": it is changed at line 5 under a condition the reader cannot decide (left out)"},
		},
		{
			name:       "computed sources",
			src:        "from setuptools import Extension\nExtension('x', sources=find())\n",
			problems:   []string{"setup.py:2: could not read sources of Extension \"x\": a call of find() at line 2"},
			incomplete: true,
			want:       []ext{{Name: "x", Sources: []string{"(unread)"}}},
		},
		{
			name:       "computed name",
			src:        "from setuptools import Extension\nExtension(f'{PKG}._x', ['x.c'])\n",
			problems:   []string{"setup.py:2: could not read the name of an Extension: an f-string at line 2"},
			incomplete: true,
		},
		{
			name: "pybind11 and cythonize",
			src:  "from pybind11.setup_helpers import Pybind11Extension\nfrom Cython.Build import cythonize\next = [Pybind11Extension('pb._pb', ['src/pb.cpp'], cxx_std=17)]\nsetup(ext_modules=cythonize([Extension('cy._c', ['cy/_c.pyx'])]) + ext)\n",
			want: []ext{{Name: "pb._pb", Sources: []string{"src/pb.cpp"}}, {Name: "cy._c", Sources: []string{"cy/_c.pyx"}}},
		},
		{
			name:   "setup's package_dir and ext_package",
			src:    "from setuptools import setup, Extension\nsetup(package_dir={'': 'src'}, ext_package='top', ext_modules=[Extension('_x', ['src/top/_x.c'])])\n",
			want:   []ext{{Name: "top._x", Sources: []string{"src/top/_x.c"}}},
			pkgDir: map[string]string{"": "src"},
		},
		{
			name:       "not Python",
			src:        "def f(:\n  x = 'unterminated\n",
			problems:   []string{"setup.py:2: could not read: unterminated string literal"},
			incomplete: true,
		},
		{
			name:     "a path outside the package",
			src:      "from setuptools import Extension\nExtension('x', ['../x.c', 'y.c'])\n",
			want:     []ext{{Name: "x", Sources: []string{"y.c"}}},
			problems: []string{"setup.py:2: could not read sources of Extension \"x\": \"../x.c\" is outside the package's directory"},
		},
		{
			name: "an Extension subclass",
			src:  "from setuptools import Extension\nclass CMakeExtension(Extension):\n    pass\nsetup(ext_modules=[CMakeExtension('x._c', sourcedir='.')])\n",
			// The name only: the directory scan names the module it finds.
			want:       []ext{{Name: "x._c", Sources: []string{"(unread)"}}},
			problems:   []string{"setup.py:2: class CMakeExtension derives from Extension: modules it builds are not read"},
			incomplete: true,
		},
		{
			name:       "an Extension class of another tool",
			src:        "from torch.utils.cpp_extension import CUDAExtension\nCUDAExtension('x', ['x.cu'])\n",
			problems:   []string{"setup.py:2: CUDAExtension(...) is not an Extension class Gazelle reads; the modules it builds are not read"},
			incomplete: true,
		},
		{
			name: "an environment variable compared with None",
			src:  "import os, platform\nfrom setuptools import Extension\next = []\nif os.getenv('SKIP') is None:\n    ext = [Extension('a', ['a.c'])]\nif os.environ.get('USE') is not None:\n    ext = [Extension('b', ['b.c'])]\n",
			want: []ext{{Name: "a", Sources: []string{"a.c"}}, {Name: "b", Sources: []string{"b.c"}, Platform: "a build with an environment variable set"}},
		},
		{
			name: "environment defaults and conditions on known values",
			src:  "import shlex\nfrom os import environ\nfrom setuptools import Extension\nlibs = shlex.split(environ.get('LIBS', ''))\nsrcs = ['m.c']\nif not libs:\n    srcs.append('vendored.c')\nif srcs:\n    srcs.append('more.c')\nExtension('m', srcs, libraries=libs)\n",
			want: []ext{{Name: "m", Sources: []string{"m.c", "vendored.c", "more.c"}}},
		},
		{
			name: "a list comprehension over known strings, with f-strings and str.replace",
			src:  "from Cython.Distutils.extension import Extension as _cy\nMODS = ('engine._a_cy', 'sql._b_cy')\nprefix = 'pkg.'\next_modules = cast('list', [\n    _cy(f\"{prefix}{m}\", sources=[f\"lib/pkg/{m.replace('.', '/')}.py\"], optional=True)\n    for m in MODS\n])\nsetup(ext_modules=ext_modules)\n",
			want: []ext{{Name: "pkg.engine._a_cy", Sources: []string{"lib/pkg/engine/_a_cy.py"}}, {Name: "pkg.sql._b_cy", Sources: []string{"lib/pkg/sql/_b_cy.py"}}},
		},
		{
			name: "a comprehension with a condition, or over unknown values, is not read",
			src:  "from setuptools import Extension\n[Extension(m, [m + '.c']) for m in ('a', 'b') if m]\n[Extension(m, [m + '.c']) for m in find()]\n",
			problems: []string{
				"setup.py:2: could not read the name of an Extension: m is not a literal the reader knows",
				"setup.py:3: could not read the name of an Extension: m is not a literal the reader knows",
			},
			incomplete: true,
		},
		{
			name: "f-strings with format specs and conversions are not read",
			src:  "from setuptools import Extension\nv = 'x'\nExtension(f'{v!r}', ['a.c'])\nExtension(f'{v:>3}', ['b.c'])\nExtension(f'{{v}}_{v}', ['c.c'])\n",
			problems: []string{
				"setup.py:3: could not read the name of an Extension: an f-string at line 3",
				"setup.py:4: could not read the name of an Extension: an f-string at line 4",
			},
			want:       []ext{{Name: "{v}_x", Sources: []string{"c.c"}}},
			incomplete: true,
		},
		{
			name: "a dict literal unpacked as keywords",
			src:  "from setuptools import Extension\nopts = {'sources': ['./r.cpp'], 'include_dirs': ['inc']}\nopts['extra_compile_args'] = ['-O2']\nsetup(ext_modules=[Extension('r', **opts)])\n",
			want: []ext{{Name: "r", Sources: []string{"r.cpp"}, Includes: []string{"inc"}}},
		},
		{
			name: "an Extension used only under an environment switch is not in the default build",
			src: "import os\nfrom setuptools import Extension\nflag = os.environ.get('EXP', 'False')\nif flag.upper() in ('1', 'TRUE'):\n    experimental = True\nelse:\n    experimental = False\n" +
				"a = Extension('p._a', ['a.c'])\nb = Extension('p._b', ['b.c'])\nmods = [a]\nif experimental is True:\n    mods.append(b)\nsetup(ext_modules=mods)\n",
			want: []ext{{Name: "p._a", Sources: []string{"a.c"}}, {Name: "p._b", Sources: []string{"b.c"}, Platform: "a build that is not the default one (b is used only under a condition that is false by default)"}},
		},
		{
			name: "an Extension used anywhere that may run is kept",
			src:  "import os\nfrom setuptools import Extension\ndef exts():\n    return [b]\nb = Extension('p._b', ['b.c'])\nif os.environ.get('X') == 'y':\n    pass\nsetup(ext_modules=exts())\n",
			want: []ext{{Name: "p._b", Sources: []string{"b.c"}}},
		},
		{
			name:      "Cython imported in a try block, not in build-system.requires",
			src:       "from setuptools import Extension\ntry:\n    from Cython.Build import cythonize\nexcept ImportError:\n    cythonize = None\nexts = [Extension('p._c', ['c.c'])]\nif cythonize is not None:\n    exts += cythonize([Extension('p._t', ['t.pyx'])])\nsetup(ext_modules=exts)\n",
			pyproject: "[build-system]\nrequires = [\"setuptools >= 77\"]\nbuild-backend = \"setuptools.build_meta\"\n",
			want:      []ext{{Name: "p._c", Sources: []string{"c.c"}}, {Name: "p._t", Sources: []string{"t.pyx"}, Platform: "a build that is not the default one (the condition at line 7 is false by default)"}},
		},
		{
			name:      "Cython imported in a try block, in build-system.requires",
			src:       "from setuptools import Extension\ntry:\n    from Cython.Build import cythonize\nexcept ImportError:\n    cythonize = None\nexts = [Extension('p._c', ['c.c'])]\nif cythonize is not None:\n    exts += cythonize([Extension('p._t', ['t.pyx'])])\nsetup(ext_modules=exts)\n",
			pyproject: "[build-system]\nrequires = [\"setuptools\", \"Cython>=3.1; platform_python_implementation == 'CPython'\"]\nbuild-backend = \"setuptools.build_meta\"\n",
			want:      []ext{{Name: "p._c", Sources: []string{"c.c"}}, {Name: "p._t", Sources: []string{"t.pyx"}}},
		},
		{
			name: "an environment switch is read as unset",
			src:  "import os\nfrom setuptools import Extension\nif os.environ.get('USE_SYSTEM'):\n    s = ['a.c']\nelse:\n    s = ['a.c', 'vendored.c']\nExtension('a', s)\n",
			want: []ext{{Name: "a", Sources: []string{"a.c", "vendored.c"}}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for k, v := range files {
				fsys[k] = v
			}
			fsys["setup.py"] = &fstest.MapFile{Data: []byte(tc.src)}
			if tc.pyproject != "" {
				fsys["pyproject.toml"] = &fstest.MapFile{Data: []byte(tc.pyproject)}
			}
			d := Read(fsys)
			if got := summarize(d); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("extensions:\n got %+v\nwant %+v", got, tc.want)
			}
			if got := problems(d); !reflect.DeepEqual(got, tc.problems) {
				t.Errorf("problems:\n got %q\nwant %q", got, tc.problems)
			}
			if d.Incomplete != tc.incomplete {
				t.Errorf("Incomplete = %v, want %v", d.Incomplete, tc.incomplete)
			}
			if tc.pkgDir != nil && !reflect.DeepEqual(d.PackageDir, tc.pkgDir) {
				t.Errorf("PackageDir = %v, want %v", d.PackageDir, tc.pkgDir)
			}
		})
	}
}

func TestPyprojectAndSetupCfg(t *testing.T) {
	for _, tc := range []struct {
		name      string
		files     map[string]string
		want      []ext
		rootDir   string
		problem   string
		unsupport bool
	}{
		{
			name: "ext-modules and package-dir",
			files: map[string]string{"pyproject.toml": `[build-system]
build-backend = "setuptools.build_meta"
[tool.setuptools]
package-dir = {"" = "lib"}
[[tool.setuptools.ext-modules]]
name = "p._m"
sources = ["lib/p/_m.c"]
include-dirs = ["lib/inc"]
define-macros = [["A", "1"], ["B"]]
libraries = ["z"]
`},
			want:    []ext{{Name: "p._m", Sources: []string{"lib/p/_m.c"}, Includes: []string{"lib/inc"}, Defines: []string{"A=1", "B"}, Libs: []string{"z"}}},
			rootDir: "lib",
		},
		{
			name:      "meson-python",
			files:     map[string]string{"pyproject.toml": "[build-system]\nbuild-backend = \"mesonpy\"\n"},
			unsupport: true,
		},
		{
			name:    "invalid TOML",
			files:   map[string]string{"pyproject.toml": "[build-system\n"},
			problem: "pyproject.toml:1: could not read",
		},
		{
			name:    "setup.cfg package_dir",
			files:   map[string]string{"setup.cfg": "[options]\npackage_dir =\n    =src\n", "src/p/__init__.py": ""},
			rootDir: "src",
		},
		{
			name:    "src/ with C sources only is not a src layout",
			files:   map[string]string{"setup.py": "", "src/x.c": ""},
			rootDir: "",
		},
		{
			name:    "src layout with no package_dir",
			files:   map[string]string{"setup.py": "", "src/p/__init__.py": ""},
			rootDir: "src",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for k, v := range tc.files {
				fsys[k] = &fstest.MapFile{Data: []byte(v)}
			}
			d := Read(fsys)
			if got := summarize(d); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("extensions:\n got %+v\nwant %+v", got, tc.want)
			}
			if got := d.RootDir(fsys); got != tc.rootDir {
				t.Errorf("RootDir = %q, want %q", got, tc.rootDir)
			}
			if (d.Unsupported != "") != tc.unsupport {
				t.Errorf("Unsupported = %q", d.Unsupported)
			}
			got := strings.Join(problems(d), "\n")
			if tc.problem == "" && got != "" || !strings.Contains(got, tc.problem) {
				t.Errorf("problems = %q, want one containing %q", got, tc.problem)
			}
		})
	}
	if Read(fstest.MapFS{"x.c": {}}) != nil {
		t.Error("Read of a directory with no description is not nil")
	}
	if d := Read(fstest.MapFS{"pyproject.toml": {Data: []byte("[tool.ruff]\nline-length = 99\n")}}); d != nil {
		t.Errorf("a pyproject.toml of tools' settings only is a description: %+v", d)
	}
	d := Read(fstest.MapFS{"pyproject.toml": {Data: []byte("[build-system]\nbuild-backend = \"hatchling.build\"\n")}})
	if d == nil || d.Unsupported != "" || !d.Incomplete || len(d.Problems) > 0 {
		t.Errorf("a pure-Python backend: %+v; want a description, incomplete (no extension declared), with nothing to report", d)
	}
}

func TestOtherPlatform(t *testing.T) {
	for in, want := range map[string]string{
		"psutil._psutil_windows": "windows", "psutil/arch/osx/proc.c": "macos", "_psutil_linux": "",
		"arch/freebsd/x.c": "freebsd", "window.c": "", "winsound.c": "", "src/mac_roman.c": "",
	} {
		if got := OtherPlatform(in); got != want {
			t.Errorf("OtherPlatform(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzSetupPy reads arbitrary setup.py text: never a panic or a hang, and
// every extension it reports has paths inside the package's directory.
func FuzzSetupPy(f *testing.F) {
	f.Add("M = ('a', 'b')\n[Extension(f\"p.{m}\", [f\"{m.replace('.', '/')}.py\"]) for m in M]\nExtension('x', **{'sources': ['x.c']})\nf'{{}}{a[f\"{b}\"]}'\n")
	for _, s := range []string{
		"from setuptools import Extension\nExtension('a', ['a.c'])\n",
		"if WINDOWS:\n  x = Extension('w', glob.glob('*.c'))\nelif LINUX:\n    pass\nelse:\n x=1\n",
		"s = ['a']\ns += ['b']\ns.append(os.path.join('c', 'd'))\nsetup(package_dir={'': 'src'}, ext_modules=cythonize('*.pyx'))\n",
		"x = (\n  1,\n  [2, {3: 4}],\n)\nif (a and\n    b): y = \"\"\"t\n\"\"\" 'z'\n",
		"def f():\n\treturn [Extension(n, s) for n in x]\n\\\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		d := &Description{PackageDir: map[string]string{}}
		readSetupPy(d, src, fstest.MapFS{"a.c": {}, "b/c.c": {}})
		for _, e := range d.Extensions {
			for _, p := range append(append([]string(nil), e.Sources...), e.IncludeDirs...) {
				if p == ".." || strings.HasPrefix(p, "../") || strings.HasPrefix(p, "/") {
					t.Fatalf("path %q outside the package", p)
				}
			}
		}
	})
}

// FuzzPyproject reads arbitrary pyproject.toml text.
func FuzzPyproject(f *testing.F) {
	f.Add("[build-system]\nbuild-backend = \"setuptools.build_meta\"\n[[tool.setuptools.ext-modules]]\nname = \"a\"\nsources = [\"a.c\"]\ndefine-macros = [[\"A\", 1]]\n")
	f.Add("[tool.setuptools]\npackage-dir = {\"\" = \"src\"}\next-modules = 3\n")
	f.Fuzz(func(t *testing.T, src string) {
		d := &Description{PackageDir: map[string]string{}}
		readPyproject(d, src)
	})
}

// FuzzSetupCfg reads arbitrary setup.cfg text.
func FuzzSetupCfg(f *testing.F) {
	f.Add("[options]\npackage_dir =\n    =src\n    a = b\n[options.packages.find]\nwhere = src\n")
	f.Add("[x]\n\tcontinued\n;c\n#c\nk: v\n")
	f.Fuzz(func(t *testing.T, src string) {
		d := &Description{PackageDir: map[string]string{}}
		readSetupCfg(d, src)
	})
}
