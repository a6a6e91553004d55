package pyimport

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestScanTopLevel(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      TopLevel
	}{
		{"empty", "", TopLevel{}},
		{"functions", "def test_a():\n    def test_nested(): pass\nasync def test_b(): pass\n",
			TopLevel{Functions: []string{"test_a", "test_b"}}},
		{"decorated", "@pytest.mark.parametrize('x', [1])\ndef test_x(x):\n    assert x\n",
			TopLevel{Functions: []string{"test_x"}}},
		{"classes and bases", "class A(unittest.TestCase, metaclass=M): pass\nclass B: pass\nclass C(Generic[T], base()): pass\n",
			TopLevel{Classes: []Class{{Name: "A", Bases: []string{"unittest.TestCase"}}, {Name: "B"}, {Name: "C", Bases: []string{"Generic"}}}}},
		{"multi-line bases", "class T(\n    absltest.TestCase,\n    Mixin,\n):\n    pass\n",
			TopLevel{Classes: []Class{{Name: "T", Bases: []string{"absltest.TestCase", "Mixin"}}}}},
		{"type parameters", "class T[X](Base): pass\n", TopLevel{Classes: []Class{{Name: "T", Bases: []string{"Base"}}}}},
		{"main guard", "def main(): pass\n\nif __name__ == '__main__':\n    main()\n",
			TopLevel{Functions: []string{"main"}, MainGuard: true}},
		{"reversed main guard", "if '__main__' == __name__: run()\n", TopLevel{MainGuard: true}},
		{"other if", "if sys.version_info > (3,):\n    def test_in_if(): pass\n", TopLevel{}},
		{"indented def", "class K:\n    def test_method(self): pass\n", TopLevel{Classes: []Class{{Name: "K"}}}},
		{"strings and comments", "# def test_comment(): pass\nS = '''\ndef test_string(): pass\nclass X: pass\n'''\nf'{\"def test_f(): pass\"}'\n",
			TopLevel{}},
		{"continuation is not column 0", "x = 1 + \\\ndef_ = 2\n", TopLevel{}},
		{"keyword names are not definitions", "def if(): pass\nclass def: pass\n", TopLevel{}},
		{"CRLF", "def test_crlf():\r\n    pass\r\nclass T(unittest.TestCase):\r\n    pass\r\n",
			TopLevel{Functions: []string{"test_crlf"}, Classes: []Class{{Name: "T", Bases: []string{"unittest.TestCase"}}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ScanTopLevel([]byte(tc.src)); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ScanTopLevel(%q)\n got %+v\nwant %+v", tc.src, got, tc.want)
			}
		})
	}
}

func FuzzScanTopLevel(f *testing.F) {
	for _, s := range []string{
		"def test_a(): pass\n",
		"class T(unittest.TestCase, metaclass=M):\n    pass\n",
		"class C[T](Generic[T], (lambda: 1)()): pass\n",
		"if __name__ == '__main__':\n    main()\n",
		"async def test_b(): pass\n@deco\ndef test_c(): pass\n",
		"class A(((\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		got := ScanTopLevel(src)
		check := func(what, name string) {
			if name == "" || isKeyword(name) || strings.ContainsAny(name, ". \t\r\n()[]") {
				t.Fatalf("bad %s name %q", what, name)
			}
		}
		for _, fn := range got.Functions {
			check("function", fn)
		}
		for _, c := range got.Classes {
			check("class", c.Name)
			for _, b := range c.Bases {
				if b == "" || strings.HasPrefix(b, ".") || strings.HasSuffix(b, ".") || strings.Contains(b, "..") {
					t.Fatalf("bad base %q", b)
				}
			}
		}
		// A comment line in front changes nothing.
		if again := ScanTopLevel(append([]byte("# comment\n"), src...)); !reflect.DeepEqual(again, got) {
			t.Fatalf("a leading comment changed the result: %+v vs %+v", again, got)
		}
	})
}

// BenchmarkScanTopLevel measures ScanTopLevel on a large test module (about
// 1 MB).
func BenchmarkScanTopLevel(b *testing.B) {
	var src strings.Builder
	for i := 0; src.Len() < 1<<20; i++ {
		fmt.Fprintf(&src, "import mod%d\n\nclass Test%d(unittest.TestCase, metaclass=M):\n    def test_m(self):\n        self.assertEqual(f'{x!r}', \"def fake(): pass\")\n\n@pytest.mark.parametrize('x', [1, 2])\ndef test_%d(x):\n    assert x\n\n", i, i, i)
	}
	src.WriteString("if __name__ == '__main__':\n    unittest.main()\n")
	data := []byte(src.String())
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ScanTopLevel(data)
	}
}
