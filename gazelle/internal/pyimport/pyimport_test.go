package pyimport

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
		want []Import
	}{
		{"plain", "import a.b.c\n", []Import{{Module: "a.b.c", Line: 1}}},
		{"several with alias", "import a as x, b.c as y\n", []Import{{Module: "a", Line: 1}, {Module: "b.c", Line: 1}}},
		{"from", "from a.b import c, d as e\n", []Import{{Module: "a.b", Names: []string{"c", "d"}, Line: 1}}},
		{"from parenthesized multiline", "from a import (\n  b,\n  c,  # comment\n)\nimport d\n",
			[]Import{{Module: "a", Names: []string{"b", "c"}, Line: 1}, {Module: "d", Line: 5}}},
		{"from star", "from a import *\n", []Import{{Module: "a", Line: 1}}},
		{"relative", "from . import _speedups\nfrom ..pkg.sub import x\n",
			[]Import{{Module: ".", Names: []string{"_speedups"}, Line: 1}, {Module: "..pkg.sub", Names: []string{"x"}, Line: 2}}},
		{"ellipsis dots", "from ...a import b\n", []Import{{Module: "...a", Names: []string{"b"}, Line: 1}}},
		{"indented", "def f():\n    import a\n    if x:\n        from b import c\n",
			[]Import{{Module: "a", Line: 2}, {Module: "b", Names: []string{"c"}, Line: 4}}},
		{"after colon and semicolon", "try: import a\nexcept ImportError: pass\nx = 1; import b\n",
			[]Import{{Module: "a", Line: 1}, {Module: "b", Line: 3}}},
		{"continuation", "import a, \\\n    b\n", []Import{{Module: "a", Line: 1}, {Module: "b", Line: 1}}},
		{"comment", "# import fake\nx = 1  # from fake import y\n", nil},
		{"string", "s = 'import fake'\nt = \"from fake import x\"\n", nil},
		{"docstring", "\"\"\"\nimport fake\n\"\"\"\nimport real\n", []Import{{Module: "real", Line: 4}}},
		{"single-quoted triple", "'''\nfrom fake import x\n'''\n", nil},
		{"escaped quote", "s = 'it\\'s\\\nimport fake'\nimport real\n", []Import{{Module: "real", Line: 3}}},
		{"raw string", "s = r'\\'; import fake'\nimport real\n", []Import{{Module: "real", Line: 2}}},
		{"prefixed strings", "s = rb'import a' + Rb\"import b\" + U'import c'\n", nil},
		{"fstring nested quotes", "s = f\"{'import fake'} {x[\"k\"]}\"\nimport real\n", []Import{{Module: "real", Line: 2}}},
		{"fstring doubled brace", "s = f'{{import fake}}'\nimport real\n", []Import{{Module: "real", Line: 2}}},
		{"fstring stray paren", "s = f'{)}'\nimport real\n", []Import{{Module: "real", Line: 2}}},
		{"fstring unterminated field", "s = f'{x\nimport real\n", []Import{{Module: "real", Line: 2}}},
		{"triple fstring multiline field", "s = f\"\"\"{\n'import fake'\n}\"\"\"\nimport real\n", []Import{{Module: "real", Line: 4}}},
		{"yield from is not an import", "def g():\n    yield from h()\n", nil},
		{"raise from", "raise X from Y\n", nil},
		{"import in expression", "x = import_thing\nimportlib.import_module('a')\n", nil},
		{"keyword as module", "import if\nfrom a import if\n", nil},
		{"incomplete", "from a\nimport\nfrom import x\n", nil},
		{"dict colon", "d = {1: 2}\nimport a\n", []Import{{Module: "a", Line: 2}}},
		{"unterminated string ends at newline", "s = 'abc\nimport a\n", []Import{{Module: "a", Line: 2}}},
		{"crlf", "import a\r\nimport b\r\n", []Import{{Module: "a", Line: 1}, {Module: "b", Line: 2}}},
		{"unicode names", "import café\n", []Import{{Module: "café", Line: 1}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Scan([]byte(tc.src)); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Scan(%q) = %+v, want %+v", tc.src, got, tc.want)
			}
		})
	}
}

func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"import a.b as c, d\n",
		"from ..x import (y, z as w)\n",
		"s = f'{\"import x\"}'\nfrom . import y\n",
		"'''\nimport z\n'''",
		"x = 1; import q \\\n",
		"f'{f'{f'{'",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		lines := strings.Count(string(src), "\n") + 1
		for _, imp := range Scan(src) {
			mod := strings.TrimLeft(imp.Module, ".")
			if imp.Module == "" || strings.HasPrefix(mod, ".") || strings.HasSuffix(mod, ".") || strings.Contains(mod, "..") {
				t.Fatalf("bad module %q", imp.Module)
			}
			if imp.Line < 1 || imp.Line > lines {
				t.Fatalf("line %d out of range 1..%d", imp.Line, lines)
			}
			for _, n := range imp.Names {
				if n == "" || isKeyword(n) || strings.ContainsAny(n, ". \t\n") {
					t.Fatalf("bad name %q", n)
				}
			}
		}
		// A comment line in front changes nothing but the line numbers.
		want := Scan(src)
		got := Scan(append([]byte("# comment\n"), src...))
		if len(got) != len(want) {
			t.Fatalf("a leading comment changed the imports: %+v vs %+v", got, want)
		}
		for i := range got {
			w := want[i]
			w.Line++
			if !reflect.DeepEqual(got[i], w) {
				t.Fatalf("a leading comment changed import %d: %+v vs %+v", i, got[i], w)
			}
		}
	})
}

// BenchmarkScan measures the scanner on a large module (about 1 MB).
func BenchmarkScan(b *testing.B) {
	var src strings.Builder
	for i := 0; src.Len() < 1<<20; i++ {
		fmt.Fprintf(&src, "import mod%d\nfrom pkg.sub%d import (a, b as c)\n\ndef f%d(x):\n    \"\"\"import fake\"\"\"\n    return f'{x!r} {{import}}'\n", i, i, i)
	}
	data := []byte(src.String())
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Scan(data)
	}
}
