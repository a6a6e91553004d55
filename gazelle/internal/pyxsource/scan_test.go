package pyxsource

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestScan(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want Info
	}{
		{"cimport", "cimport a.b.c\ncimport d as e, f\n",
			Info{Cimports: []Cimport{{Module: "a.b.c", Line: 1}, {Module: "d", Line: 2}, {Module: "f", Line: 2}}}},
		{"from cimport", "from a.b cimport c, d as e\n",
			Info{Cimports: []Cimport{{Module: "a.b", Names: []string{"c", "d"}, Line: 1}}}},
		{"relative", "from . cimport helpers\nfrom ..x cimport (y,\n  z)\n",
			Info{Cimports: []Cimport{{Module: ".", Names: []string{"helpers"}, Line: 1}, {Module: "..x", Names: []string{"y", "z"}, Line: 2}}}},
		{"python import is not a cimport", "import a\nfrom b import c\n", Info{}},
		{"include", "include \"consts.pxi\"\ninclude 'sub/more.pxi'\n",
			Info{Includes: []string{"consts.pxi", "sub/more.pxi"}}},
		{"extern", "cdef extern from \"foo.h\":\n    int f(int)\ncdef extern from *:\n    pass\ncdef public api extern from 'bar.h' nogil:\n    pass\n",
			Info{Externs: []string{"foo.h", "bar.h"}}},
		{"extern namespace", "cdef extern from \"v.hpp\" namespace \"ns\":\n    pass\n", Info{Externs: []string{"v.hpp"}}},
		{"header", "# cython: language_level=3\n# distutils: language = C++\n# distutils: sources = a.c, b.c c.c\n\ncimport x\n# distutils: language = c\n",
			Info{Language: "c++", Sources: []string{"a.c", "b.c", "c.c"}, Cimports: []Cimport{{Module: "x", Line: 5}}}},
		{"header stops at code", "x = 1\n# distutils: language = c++\n", Info{}},
		{"comment and strings", "# cimport fake\ns = 'cimport fake'\n\"\"\"\nfrom fake cimport x\ninclude \"fake.pxi\"\n\"\"\"\n", Info{}},
		{"indented in block", "if True:\n    cimport a\nelse: cimport b\n",
			Info{Cimports: []Cimport{{Module: "a", Line: 2}, {Module: "b", Line: 3}}}},
		{"keyword module", "cimport if\nfrom a cimport if\n", Info{}},
		{"incomplete", "from a\ncimport\nfrom cimport x\ninclude\ncdef extern from\n", Info{}},
		{"not at statement start", "x = cimport_thing\ny(include)\n", Info{}},
		{"unterminated string", "s = 'abc\ncimport a\n", Info{Cimports: []Cimport{{Module: "a", Line: 2}}}},
		{"crlf", "cimport a\r\ncimport b\r\n", Info{Cimports: []Cimport{{Module: "a", Line: 1}, {Module: "b", Line: 2}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Scan([]byte(tc.src)); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Scan(%q) =\n%+v\nwant\n%+v", tc.src, got, tc.want)
			}
		})
	}
}

func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"# distutils: language = c++\ncimport a.b as c, d\n",
		"from ..x cimport (y, z as w)\n",
		"include 'a.pxi'\ncdef extern from \"h.h\":\n  pass\n",
		"'''\ncimport z\n'''",
		"x = 1; cimport q \\\n",
		"'",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		lines := strings.Count(string(src), "\n") + 1
		info := Scan(src)
		for _, imp := range info.Cimports {
			mod := strings.TrimLeft(imp.Module, ".")
			if imp.Module == "" || strings.HasPrefix(mod, ".") || strings.HasSuffix(mod, ".") || strings.Contains(mod, "..") {
				t.Fatalf("bad module %q", imp.Module)
			}
			if imp.Line < 1 || imp.Line > lines {
				t.Fatalf("line %d out of range 1..%d", imp.Line, lines)
			}
		}
		for _, s := range append(append([]string(nil), info.Includes...), info.Externs...) {
			if s == "" || !strings.Contains(string(src), s) {
				t.Fatalf("path %q is not in the source", s)
			}
		}
		for _, s := range info.Sources {
			if s == "" || strings.ContainsAny(s, ", \t") {
				t.Fatalf("bad source %q", s)
			}
		}
	})
}

// BenchmarkScan measures the scanner on a large Cython module (about 1 MB).
func BenchmarkScan(b *testing.B) {
	var src strings.Builder
	src.WriteString("# distutils: language = c++\n# distutils: sources = a.c, b.c\n\n")
	for i := 0; src.Len() < 1<<20; i++ {
		fmt.Fprintf(&src, "cimport mod%d\nfrom pkg.sub%d cimport (a, b as c)\ninclude \"inc%d.pxi\"\ncdef extern from \"h%d.h\":\n    int f%d(int x)\n\ncdef int g%d(int x):\n    \"\"\"cimport fake\"\"\"\n    return x + 1e-3  # from fake cimport y\n", i, i, i, i, i, i)
	}
	data := []byte(src.String())
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Scan(data)
	}
}
