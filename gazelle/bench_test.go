package gazelle

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"testing"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/bazelbuild/bazel-gazelle/walk"
)

// benchExtension is the extension source of bench/gazelle_bench.py's
// generated monorepo.
const benchExtension = `/* extension %d */
#include <Python.h>
#include "helper.h"

static PyObject *
value(PyObject *self, PyObject *unused)
{
    return PyLong_FromLong(%d);
}

static PyMethodDef methods[] = {
    {"value", value, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef def = {
    PyModuleDef_HEAD_INIT, "_ext%d", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit__ext%d(void)
{
    return PyModule_Create(&def);
}
`

// BenchmarkGenerateRules measures the language's per-directory work, the
// hot path of a Gazelle run over a large repository, on the directories of
// bench/gazelle_bench.py: a Python package with an extension, a helper
// source and header (one in twenty there), a package without one (nine in
// ten), a directory of C sources that define no module (vendored code),
// and the configuration every directory gets.
func BenchmarkGenerateRules(b *testing.B) {
	root := b.TempDir()
	write := func(rel, content string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	write("src/ext/_ext20.c", fmt.Sprintf(benchExtension, 20, 20, 20, 20))
	write("src/ext/helper.h", "int helper(void);\n")
	write("src/ext/helper.c", "#include \"helper.h\"\nint helper(void) { return 1; }\n")
	write("src/ext/__init__.py", "")
	write("src/ext/util.py", "import os\nfrom src.plain import util\n")
	write("src/plain/__init__.py", "")
	write("src/plain/util.py", "import os\nfrom src.ext import util\n")
	for i := 0; i < 8; i++ {
		write(fmt.Sprintf("src/vendor/f%d.c", i), fmt.Sprintf("#include \"f.h\"\n#if 0\nint x;\n#endif\nint f%d(void) { return %d; }\n", i, i))
	}
	write("src/vendor/f.h", "#define F 1\n")

	// Everything runs inside Gazelle's walk, as in a Gazelle run: the
	// directory listings the language looks at are the walk's.
	l := NewLanguage().(*pyStaticLang)
	c := config.New()
	c.RepoRoot = root
	wc := &walk.Configurer{}
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	wc.RegisterFlags(fs, "update", c)
	if err := wc.CheckFlags(fs, c); err != nil {
		b.Fatal(err)
	}
	log.SetOutput(io.Discard)
	defer log.SetOutput(os.Stderr)

	rules := map[string]int{"src/ext": 1, "src/plain": 0, "src/vendor": 0}
	names := map[string]string{"src/ext": "extension", "src/plain": "package", "src/vendor": "vendored_c"}
	seen := 0
	err := walk.Walk2(c, []config.Configurer{wc, l}, []string{root}, walk.VisitAllUpdateSubdirsMode, func(wa walk.Walk2FuncArgs) walk.Walk2FuncResult {
		name, ok := names[wa.Rel]
		if !ok {
			return walk.Walk2FuncResult{}
		}
		seen++
		args := language.GenerateArgs{Config: wa.Config, Dir: wa.Dir, Rel: wa.Rel, File: wa.File, Subdirs: wa.Subdirs, RegularFiles: wa.RegularFiles}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if res := l.GenerateRules(args); len(res.Gen) != rules[wa.Rel] {
					b.Fatalf("%s: %d rules, want %d", wa.Rel, len(res.Gen), rules[wa.Rel])
				}
			}
		})
		if wa.Rel == "src/plain" {
			// The configuration every directory gets: a copy of its
			// parent's, its directives (none here), its listing.
			b.Run("configure", func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					dc := wa.Config.Clone()
					l.Configure(dc, "src/plain", nil)
				}
			})
		}
		return walk.Walk2FuncResult{}
	})
	if err != nil || seen != len(names) {
		b.Fatalf("walk: %v (%d of %d directories visited)", err, seen, len(names))
	}
}
