package csource

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestScanModules(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want []Module
	}{
		{
			name: "pymodinit",
			src:  "#include <Python.h>\nPyMODINIT_FUNC\nPyInit__speedups(void)\n{\n  return PyModuleDef_Init(&def);\n}\n",
			want: []Module{{Name: "_speedups", Macro: PyInit, Line: 3}},
		},
		{
			name: "declaration only",
			src:  "PyMODINIT_FUNC PyInit_foo(void);\n",
		},
		{
			name: "call is not a definition",
			src:  "static void f(void) { PyObject *m = PyInit_foo(); }\n",
		},
		{
			name: "line comment",
			src:  "// PyMODINIT_FUNC PyInit_fake(void) {}\n",
		},
		{
			name: "block comment",
			src:  "/* PyMODINIT_FUNC PyInit_fake(void) {\n} */\nPyMODINIT_FUNC PyInit_real(void) { return 0; }\n",
			want: []Module{{Name: "real", Macro: PyInit, Line: 3}},
		},
		{
			name: "string literal",
			src:  "const char *s = \"PyMODINIT_FUNC PyInit_fake(void) {\";\n",
		},
		{
			name: "escaped quote in string",
			src:  "const char *s = \"\\\" PyInit_fake(void) {\";\n",
		},
		{
			name: "char literal",
			src:  "char c = '\"'; PyMODINIT_FUNC PyInit_real(void) {}\n",
			want: []Module{{Name: "real", Macro: PyInit, Line: 1}},
		},
		{
			name: "raw string",
			src:  "auto s = R\"x(PYBIND11_MODULE(fake, m) { )\" )x\";\nPYBIND11_MODULE(real, m) {}\n",
			want: []Module{{Name: "real", Macro: Pybind11, Line: 2}},
		},
		{
			name: "if 0",
			src:  "#if 0\nPyMODINIT_FUNC PyInit_fake(void) {}\n#endif\n",
		},
		{
			name: "if 0 else",
			src:  "#if 0\nPyMODINIT_FUNC PyInit_fake(void) {}\n#else\nPyMODINIT_FUNC PyInit_real(void) {}\n#endif\n",
			want: []Module{{Name: "real", Macro: PyInit, Line: 4}},
		},
		{
			name: "if 1 else",
			src:  "#if (1)\nPyMODINIT_FUNC PyInit_real(void) {}\n#elif X\nPyMODINIT_FUNC PyInit_fake(void) {}\n#else\nPyMODINIT_FUNC PyInit_fake2(void) {}\n#endif\n",
			want: []Module{{Name: "real", Macro: PyInit, Line: 2}},
		},
		{
			name: "if 0 and a macro",
			src:  "#if 0 && defined(Py_LIMITED_API)\nPyMODINIT_FUNC PyInit_fake(void) {}\n#elif 1 || X\nPyMODINIT_FUNC PyInit_real(void) {}\n#else\nPyMODINIT_FUNC PyInit_fake2(void) {}\n#endif\n",
			want: []Module{{Name: "real", Macro: PyInit, Line: 4}},
		},
		{
			name: "nested if 0",
			src:  "#ifdef A\n#if 0\n#if 1\nPyMODINIT_FUNC PyInit_fake(void) {}\n#endif\n#endif\n#endif\n",
		},
		{
			name: "unknown condition keeps both branches",
			src:  "#if PY_MAJOR_VERSION >= 3\nPyMODINIT_FUNC PyInit_a(void) {}\n#else\nPyMODINIT_FUNC PyInit_b(void) {}\n#endif\n",
			want: []Module{{Name: "a", Macro: PyInit, Line: 2}, {Name: "b", Macro: PyInit, Line: 4}},
		},
		{
			name: "elif after if 0",
			src:  "#if 0\n#elif 1\nNB_MODULE(nb, m) {}\n#endif\n",
			want: []Module{{Name: "nb", Macro: Nanobind, Line: 3}},
		},
		{
			name: "if 0 with comment spanning lines",
			src:  "#if 0 /* a\n b */\nPyMODINIT_FUNC PyInit_fake(void) {}\n#endif\n",
		},
		{
			name: "spliced directive",
			src:  "#if \\\n 0\nPyMODINIT_FUNC PyInit_fake(void) {}\n#endif\nPYBIND11_MODULE(ok, m) {}\n",
			want: []Module{{Name: "ok", Macro: Pybind11, Line: 5}},
		},
		{
			name: "define is not a use",
			src:  "#define PYBIND11_MODULE(name, variable) x\n#define INIT PyInit_fake(void) {}\n",
		},
		{
			name: "pybind11 with gil flag",
			src:  "PYBIND11_MODULE(_core, m, py::mod_gil_not_used()) {\n}\n",
			want: []Module{{Name: "_core", Macro: Pybind11, Line: 1}},
		},
		{
			name: "extern C block",
			src:  "extern \"C\" {\nPyMODINIT_FUNC PyInit_c(void) { return 0; }\n}\n",
			want: []Module{{Name: "c", Macro: PyInit, Line: 2}},
		},
		{
			name: "cython attribute macro",
			src:  "__Pyx_PyMODINIT_FUNC PyInit_cy(void) CYTHON_SMALL_CODE;\n__Pyx_PyMODINIT_FUNC PyInit_cy(void)\n#if CYTHON_PEP489_MULTI_PHASE_INIT\n{\n#else\n{\n#endif\n}\n",
			want: []Module{{Name: "cy", Macro: PyInit, Line: 2}},
		},
		{
			name: "attribute with arguments",
			src:  "PyMODINIT_FUNC PyInit_attr(void) __attribute__((visibility(\"default\"))) { return 0; }\n",
			want: []Module{{Name: "attr", Macro: PyInit, Line: 1}},
		},
		{
			name: "attribute declaration",
			src:  "PyMODINIT_FUNC PyInit_decl(void) __attribute__((unused));\n",
		},
		{
			name: "non-ascii init",
			src:  "PyMODINIT_FUNC PyInitU_caf_dma(void) {}\n",
			want: []Module{{Name: "caf_dma", Macro: PyInitU, Line: 1}},
		},
		{
			name: "digit separator is not a char literal",
			src:  "int x = 1'000; PyMODINIT_FUNC PyInit_sep(void) {}\n",
			want: []Module{{Name: "sep", Macro: PyInit, Line: 1}},
		},
		{
			name: "member access name is still an identifier",
			src:  "void f(void) { PyInit_x(); }\n",
		},
		{
			name: "unterminated comment",
			src:  "/* PyMODINIT_FUNC PyInit_fake(void) {}",
		},
		{
			name: "declarator split by a conditional",
			src:  "PyMODINIT_FUNC\n#if IS_PY3K\nPyInit__bitarray(void)\n#else\ninit_bitarray(void)\n#endif\n{\n}\n",
			want: []Module{{Name: "_bitarray", Macro: PyInit, Line: 3}},
		},
		{
			name: "py2 branch first",
			src:  "#if PY_MAJOR_VERSION < 3\nvoid initm(void)\n#else\nPyMODINIT_FUNC PyInit_m(void)\n#endif\n{\n}\n",
			want: []Module{{Name: "m", Macro: PyInit, Line: 4}},
		},
		{
			name: "body opened in both branches",
			src:  "PyMODINIT_FUNC PyInit_two(void)\n#ifdef X\n{ return a();\n#else\n{ return b();\n#endif\n}\n",
			want: []Module{{Name: "two", Macro: PyInit, Line: 1}},
		},
		{
			name: "init macro",
			src:  "#define MOD_INIT(name) PyMODINIT_FUNC PyInit_##name(void)\nMOD_INIT(_compat)\n{\n}\n",
			want: []Module{{Name: "_compat", Macro: PyInit, Line: 2}},
		},
		{
			name: "init macro second parameter, spaced paste",
			src:  "#define INIT(ret, mod) ret PyInit_ ## mod(void)\nINIT(PyObject *, fancy) { return 0; }\n",
			want: []Module{{Name: "fancy", Macro: PyInit, Line: 2}},
		},
		{
			name: "init macro declaration and undef",
			src:  "#define MOD_INIT(n) PyObject *PyInit_##n(void)\nMOD_INIT(decl);\n#undef MOD_INIT\nMOD_INIT(gone) {}\n",
		},
		{
			name: "object-like macro is not an init macro",
			src:  "#define MOD_INIT (n) PyInit_##n\nMOD_INIT(x) {}\n",
		},
		{
			name: "unbalanced endif",
			src:  "#endif\n#else\nPyMODINIT_FUNC PyInit_ok(void) {}\n",
			want: []Module{{Name: "ok", Macro: PyInit, Line: 3}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Scan([]byte(tc.src)).Modules
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Scan(%q).Modules = %+v, want %+v", tc.src, got, tc.want)
			}
		})
	}
}

func TestScanIncludes(t *testing.T) {
	src := `#include <Python.h>
#include "helper.h" // trailing comment
#  include_next <pybind11/pybind11.h>
/* #include "commented.h" */
#if 0
#include "dead.h"
#endif
const char *s = "#include \"string.h\"";
#include INCLUDE_MACRO
#include ""
#include "unterminated.h
#import "objc.h"
`
	want := []Include{
		{Path: "Python.h", System: true, Line: 1},
		{Path: "helper.h", Line: 2},
		{Path: "pybind11/pybind11.h", System: true, Line: 3},
		{Path: "objc.h", Line: 12},
	}
	if got := Scan([]byte(src)).Includes; !reflect.DeepEqual(got, want) {
		t.Errorf("Includes = %+v, want %+v", got, want)
	}
}

func TestEval(t *testing.T) {
	const unknown = "unknown"
	for expr, want := range map[string]string{
		"0":                            "false",
		"1":                            "true",
		"0x10UL":                       "true",
		"1'000":                        "true",
		"false":                        "false",
		"!0":                           "true",
		"!!0":                          "false",
		"(0)":                          "false",
		"((1))":                        "true",
		"0 && defined(X)":              "false",
		"defined(X) && 0":              "false",
		"1 || X":                       "true",
		"X || 1":                       "true",
		"1 && 1":                       "true",
		"1 && X":                       unknown,
		"0 || X":                       unknown,
		"0 || 0":                       "false",
		"(0) || (1)":                   "true",
		"(0) && (1)":                   "false",
		"!(1 && 0)":                    "true",
		"X":                            unknown,
		"defined(X)":                   unknown,
		"PY_VERSION_HEX >= 0x030C0000": unknown,
		"1 == 1":                       unknown,
		"1 | 0":                        unknown,
		"1 || 0 ? 0 : 0":               unknown,
		"0, 1":                         unknown,
		"":                             unknown,
		"(":                            unknown,
		"1 &&":                         unknown,
		"0 &&":                         "false",
		"(1) (0)":                      unknown,
		"0x":                           unknown,
	} {
		s := &scanner{lx: lexer{src: []byte(expr)}}
		var toks []token
		for tk := s.lx.next(); tk.kind != tokEOF; tk = s.lx.next() {
			toks = append(toks, tk)
		}
		got := unknown
		if v, ok := s.eval(toks); ok {
			got = strconv.FormatBool(v)
		}
		if got != want {
			t.Errorf("eval(%q) = %s, want %s", expr, got, want)
		}
	}
}

func TestDirectiveAtStartAfterSpace(t *testing.T) {
	for _, src := range []string{" #include \"a.h\"\n", "/* c */ #include \"a.h\"\n", "\t#  include \"a.h\"\n"} {
		got := Scan([]byte(src)).Includes
		if want := []Include{{Path: "a.h", Line: 1}}; !reflect.DeepEqual(got, want) {
			t.Errorf("Scan(%q).Includes = %+v, want %+v", src, got, want)
		}
	}
}

func TestScanCython(t *testing.T) {
	src := "/* Generated by Cython 3.0.11 */\n#define __Pyx_MODULE_NAME \"pkg.sub.mod\"\n__Pyx_PyMODINIT_FUNC PyInit_mod(void)\n{\n}\n"
	got := Scan([]byte(src))
	if !got.Cython || got.CythonModule != "pkg.sub.mod" || len(got.Modules) != 1 || got.Modules[0].Name != "mod" {
		t.Errorf("Scan = %+v", got)
	}
	if Scan([]byte("// Generated by Cython\n")).Cython {
		t.Error("a line comment is not Cython's header")
	}
}

func TestScanWithHeaderMacros(t *testing.T) {
	header := Scan([]byte("#ifndef COMPAT_H\n#define COMPAT_H\n#define MOD_INIT(name) PyMODINIT_FUNC PyInit_##name(void)\n#endif\n"))
	if want := map[string]int{"MOD_INIT": 0}; !reflect.DeepEqual(header.InitMacros, want) {
		t.Fatalf("InitMacros = %v, want %v", header.InitMacros, want)
	}
	src := []byte("#include \"compat.h\"\nMOD_INIT(_m) { return 0; }\n")
	if got := Scan(src).Modules; len(got) != 0 {
		t.Errorf("without the header's macros: %+v", got)
	}
	got := ScanWith(src, header.InitMacros).Modules
	if want := []Module{{Name: "_m", Macro: PyInit, Line: 2}}; !reflect.DeepEqual(got, want) {
		t.Errorf("ScanWith = %+v, want %+v", got, want)
	}
}

func TestModuleDefNames(t *testing.T) {
	src := `static struct PyModuleDef a = {PyModuleDef_HEAD_INIT, "pkg._a", NULL, -1};
static struct PyModuleDef b = {
    .m_base = PyModuleDef_HEAD_INIT,
    .m_name = "sub",
};
/* {PyModuleDef_HEAD_INIT, "comment"} */
#if 0
static struct PyModuleDef c = {PyModuleDef_HEAD_INIT, "dead"};
#endif
static const char *s = "PyModuleDef_HEAD_INIT, \"string\"";
static struct PyModuleDef d = {PyModuleDef_HEAD_INIT, L"wide"};
`
	got := Scan([]byte(src)).ModuleDefNames
	if want := []string{"pkg._a", "sub"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ModuleDefNames = %q, want %q", got, want)
	}
}

func TestDeepConditionals(t *testing.T) {
	var b strings.Builder
	b.WriteString("#if 0\n")
	for i := 0; i < maxCondDepth+10; i++ {
		b.WriteString("#ifdef X\n")
	}
	b.WriteString("#if 0\n#else\n#endif\n")
	for i := 0; i < maxCondDepth+10; i++ {
		b.WriteString("#endif\n")
	}
	b.WriteString("PyMODINIT_FUNC PyInit_dead(void) {}\n#endif\nPyMODINIT_FUNC PyInit_live(void) {}\n")
	got := Scan([]byte(b.String())).Modules
	if len(got) != 1 || got[0].Name != "live" {
		t.Errorf("Modules = %+v, want only live", got)
	}
}

func TestLineNumbers(t *testing.T) {
	src := "a \\\nb \\\r\nc\nPYBIND11_MODULE(m, v) {}\n"
	mods := Scan([]byte(src)).Modules
	if len(mods) != 1 || mods[0].Line != 4 {
		t.Errorf("Modules = %+v, want one at line 4", mods)
	}
}

func TestSymbol(t *testing.T) {
	if got := (Module{Name: "x", Macro: Pybind11}).Symbol(); got != "PyInit_x" {
		t.Errorf("Symbol = %q", got)
	}
	if got := (Module{Name: "caf_dma", Macro: PyInitU}).Symbol(); got != "PyInitU_caf_dma" {
		t.Errorf("Symbol = %q", got)
	}
}

func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"PyMODINIT_FUNC PyInit_a(void) {}",
		"#if 0\nPyInit_b(void){}\n#else\nPYBIND11_MODULE(c, m){}\n#endif",
		"R\"d(x)d\" NB_MODULE(n, m) {}",
		"/* Generated by Cython */\n#define __Pyx_MODULE_NAME \"a.b\"",
		"#include <a.h>\n#include \"b.h\"\\\n",
		"'\\",
		"#define M(a,b) PyInit_##b\nM(x, y) {}",
		"PyIn\\\nit_z(void) {}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		info := Scan(src)
		if !MayDefineModule(src) && (len(info.Modules) > 0 || len(info.InitMacros) > 0) {
			t.Fatalf("MayDefineModule is false, but Scan found %+v, init macros %v", info.Modules, info.InitMacros)
		}
		for _, m := range info.Modules {
			if m.Name == "" || m.Line < 1 || m.Line > strings.Count(string(src), "\n")+1 {
				t.Fatalf("bad module %+v", m)
			}
			if strings.ContainsAny(m.Name, " \t\n()/\"") {
				t.Fatalf("module name %q is not an identifier", m.Name)
			}
		}
		for _, inc := range info.Includes {
			if inc.Path == "" || strings.ContainsRune(inc.Path, '\n') {
				t.Fatalf("bad include %+v", inc)
			}
		}
		// A comment line in front changes nothing but the line numbers.
		shifted := Scan(append([]byte("/* comment */\n"), src...))
		if len(shifted.Modules) != len(info.Modules) || len(shifted.Includes) != len(info.Includes) {
			t.Fatalf("a leading comment changed the result: %+v vs %+v", shifted, info)
		}
		for i, m := range info.Modules {
			m.Line++
			if shifted.Modules[i] != m {
				t.Fatalf("a leading comment changed module %d: %+v vs %+v", i, shifted.Modules[i], m)
			}
		}
		for i, inc := range info.Includes {
			inc.Line++
			if shifted.Includes[i] != inc {
				t.Fatalf("a leading comment changed include %d: %+v vs %+v", i, shifted.Includes[i], inc)
			}
		}
	})
}

// BenchmarkScan measures the scanner on a Cython-sized source (about 1 MB).
func BenchmarkScan(b *testing.B) {
	var src strings.Builder
	src.WriteString("/* Generated by Cython 3.0.11 */\n#include \"Python.h\"\n")
	for i := 0; src.Len() < 1<<20; i++ {
		fmt.Fprintf(&src, "/* line %d: PyInit_fake(void) { */\nstatic PyObject *f%d(PyObject *self, PyObject *args) {\n"+
			"    const char *s = \"PYBIND11_MODULE(x, m)\";\n#if 0\n    return NULL;\n#endif\n    return Py_None;\n}\n", i, i)
	}
	src.WriteString("PyMODINIT_FUNC PyInit_big(void) { return NULL; }\n")
	data := []byte(src.String())
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if mods := Scan(data).Modules; len(mods) != 1 {
			b.Fatalf("Modules = %+v", mods)
		}
	}
}

func TestMayDefineModule(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{"PyMODINIT_FUNC PyInit_a(void) {}", true},
		{"PyMODINIT_FUNC PyInitU_b_xya(void) {}", true},
		{"PYBIND11_MODULE(m, v) {}", true},
		{"NB_MODULE(m, v) {}", true},
		{"#define MOD_INIT(n) PyMODINIT_FUNC PyInit_##n(void)", true},
		{"/* PyInit_x in a comment: a candidate all the same */", true},
		{"PyIn\\\nit_split(void) {}", true},
		{"PyIn\\\r\nit_split(void) {}", true},
		{"#define X \\\n  1\nint helper(void) { return X; }\n", false},
		{"#include \"helper.h\"\nint helper(void) { return 1; }\n", false},
		{"", false},
	} {
		if got := MayDefineModule([]byte(tc.src)); got != tc.want {
			t.Errorf("MayDefineModule(%q) = %v, want %v", tc.src, got, tc.want)
		}
	}
}

// TestScanWithLeavesMacrosAlone: a source that defines or undefines init
// macros changes its own scope only, never the map it was given (the
// directory's headers' macros, passed to each of its sources).
func TestScanWithLeavesMacrosAlone(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []Module
	}{
		{
			name: "undef",
			src:  "#undef MOD_INIT\nMOD_INIT(_m) { return 0; }\n",
		},
		{
			name: "define",
			src:  "#define OTHER_INIT(n) PyMODINIT_FUNC PyInit_##n(void)\nOTHER_INIT(_o) { return 0; }\n",
			want: []Module{{Name: "_o", Macro: PyInit, Line: 2}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			macros := map[string]int{"MOD_INIT": 0}
			if got := ScanWith([]byte(tc.src), macros).Modules; !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Modules = %+v, want %+v", got, tc.want)
			}
			if want := map[string]int{"MOD_INIT": 0}; !reflect.DeepEqual(macros, want) {
				t.Errorf("the caller's macros became %v, want %v", macros, want)
			}
		})
	}
}

// TestScanManyModules: each module is reported once, in source order, also
// when there are more than found compares one by one.
func TestScanManyModules(t *testing.T) {
	for _, n := range []int{1, maxLinearModules, maxLinearModules + 1, 3 * maxLinearModules} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			var src strings.Builder
			var want []Module
			for i := 0; i < n; i++ {
				// Both branches of an unknown condition complete the
				// same definition: found sees it twice.
				fmt.Fprintf(&src, "PyMODINIT_FUNC PyInit_m%d(void)\n#ifdef X\n{ return 0; }\n#else\n{ return 1; }\n#endif\n", i)
				want = append(want, Module{Name: fmt.Sprintf("m%d", i), Macro: PyInit, Line: 6*i + 1})
			}
			if got := Scan([]byte(src.String())).Modules; !reflect.DeepEqual(got, want) {
				t.Errorf("Modules = %+v,\nwant %+v", got, want)
			}
		})
	}
}
