package gazelle

import (
	"io"
	"log"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/bazelbuild/bazel-gazelle/rule"

	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/modname"
)

func TestApplyDirectives(t *testing.T) {
	for _, tc := range []struct {
		name       string
		rel        string
		key, value string
		check      func(*pyStaticConfig) bool
		wantErr    string
	}{
		{"disable", "a", EnabledDirective, "disabled", func(pc *pyStaticConfig) bool { return !pc.enabled }, ""},
		{"enable", "a", EnabledDirective, "enabled", func(pc *pyStaticConfig) bool { return pc.enabled }, ""},
		{"enable bad", "a", EnabledDirective, "yes", nil, `want "enabled" or "disabled"`},
		{"python_root", "src", PythonRootDirective, "", func(pc *pyStaticConfig) bool { return pc.root == "src" }, ""},
		{"root here", "src/a", RootDirective, "", func(pc *pyStaticConfig) bool { return pc.root == "src/a" }, ""},
		{"root ancestor", "src/a", RootDirective, "src", func(pc *pyStaticConfig) bool { return pc.root == "src" }, ""},
		{"root dot", "src/a", RootDirective, ".", func(pc *pyStaticConfig) bool { return pc.root == "" }, ""},
		{"root unclean", "src/a", RootDirective, "src/./a/", func(pc *pyStaticConfig) bool { return pc.root == "src/a" }, ""},
		{"root not ancestor", "src/a", RootDirective, "sr", nil, "does not contain this directory"},
		{"root absolute", "a", RootDirective, "/a", nil, "relative to the repository root"},
		{"root outside", "a", RootDirective, "../x", nil, "inside the repository"},
		{"naming extension", "", NamingDirective, "extension $module$_ext", func(pc *pyStaticConfig) bool { return pc.naming[NamingExtension] == "$module$_ext" }, ""},
		{"naming binary fixed", "", NamingDirective, "binary app", func(pc *pyStaticConfig) bool { return pc.naming[NamingBinary] == "app" }, ""},
		{"naming test needs placeholder", "", NamingDirective, "test t", nil, "must use $test$"},
		{"naming wrong placeholder", "", NamingDirective, "test $name$", nil, "unknown placeholder $name$"},
		{"naming unterminated", "", NamingDirective, "extension $name", nil, "unterminated placeholder"},
		{"naming bad char", "", NamingDirective, "extension a/$name$", nil, "not allowed in a target name"},
		{"naming one field", "", NamingDirective, "extension", nil, "want KIND PATTERN"},
		{"naming unknown kind", "", NamingDirective, "rule $name$", nil, `unknown kind "rule"`},
		{"include", "", IncludeDirective, "numpy @numpy//:headers", func(pc *pyStaticConfig) bool {
			im, ok := pc.lookupInclude("numpy/arrayobject.h")
			return ok && im.dep == label.New("numpy", "", "headers")
		}, ""},
		{"include none", "", IncludeDirective, "numpy -", func(pc *pyStaticConfig) bool {
			im, ok := pc.lookupInclude("numpy")
			return ok && im.none
		}, ""},
		{"include replaces default", "", IncludeDirective, "pybind11 //third_party:pybind11", func(pc *pyStaticConfig) bool {
			im, ok := pc.lookupInclude("pybind11/pybind11.h")
			return ok && im.dep == label.New("", "third_party", "pybind11") && len(pc.includes) == 2
		}, ""},
		{"include bad label", "", IncludeDirective, "x //a:b:c", nil, "label:"},
		{"include absolute", "", IncludeDirective, "/usr/include @x", nil, "not a relative path"},
		{"override", "", OverrideDirective, "a.b._m name=m srcs=x.c,y.c hdrs=x.h", func(pc *pyStaticConfig) bool {
			return reflect.DeepEqual(pc.overrides["a.b._m"], override{name: "m", srcs: []string{"x.c", "y.c"}, hdrs: []string{"x.h"}})
		}, ""},
		{"override module", "", OverrideDirective, "regex_3._regex module=regex._regex", func(pc *pyStaticConfig) bool {
			return pc.overrides["regex_3._regex"].module == "regex._regex"
		}, ""},
		{"override copts", "", OverrideDirective, "a._m copts=-std=c++20,-DX=1", func(pc *pyStaticConfig) bool {
			return reflect.DeepEqual(pc.overrides["a._m"].copts, []string{"-std=c++20", "-DX=1"})
		}, ""},
		{"override empty flag", "", OverrideDirective, "m copts=-O2,,-g", nil, "an empty flag"},
		{"override bad module value", "", OverrideDirective, "m module=a-b", nil, `module: "a-b" is not a dotted Python module name`},
		{"override duplicate key", "", OverrideDirective, "m name=a name=b", nil, "given twice"},
		{"override empty value", "", OverrideDirective, "m name=", nil, "want KEY=VALUE"},
		{"override bad name", "", OverrideDirective, "m name=a/b", nil, "not a valid target name"},
		{"override bad module", "", OverrideDirective, "a..b name=x", nil, "not a dotted Python module name"},
		{"binaries false", "", BinariesDirective, "false", func(pc *pyStaticConfig) bool { return !pc.binaries }, ""},
		{"tests true", "", TestsDirective, "true", func(pc *pyStaticConfig) bool { return pc.tests }, ""},
		{"py_library true", "", PyLibraryDirective, "true", func(pc *pyStaticConfig) bool { return pc.pyLibrary }, ""},
		{"bool bad", "", TestsDirective, "on", nil, `want "true" or "false"`},
		{"main", "", MainDirective, "app.py", func(pc *pyStaticConfig) bool { return pc.main == "app.py" }, ""},
		{"main path", "", MainDirective, "bin/app.py", nil, "file name ending in .py"},
		{"main not py", "", MainDirective, "app", nil, "file name ending in .py"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pc := newPyStaticConfig()
			before := pc.clone()
			err := pc.apply(tc.rel, tc.key, tc.value)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("apply(%s %q) = %v, want an error containing %q", tc.key, tc.value, err, tc.wantErr)
				}
				if !sameConfig(pc, before) {
					t.Errorf("a failed directive changed the configuration")
				}
				return
			}
			if err != nil {
				t.Fatalf("apply(%s %q) = %v", tc.key, tc.value, err)
			}
			if !tc.check(pc) {
				t.Errorf("apply(%s %q) gave %+v", tc.key, tc.value, pc)
			}
		})
	}
}

func TestCloneIsIndependent(t *testing.T) {
	parent := newPyStaticConfig()
	child := parent.clone()
	sibling := parent.clone()
	if err := child.apply("", NamingDirective, "extension x_$name$"); err != nil {
		t.Fatal(err)
	}
	if err := child.apply("", OverrideDirective, "m name=n"); err != nil {
		t.Fatal(err)
	}
	if err := child.apply("", IncludeDirective, "pybind11 -"); err != nil {
		t.Fatal(err)
	}
	if parent.naming[NamingExtension] != "$name$" || len(parent.overrides) != 0 {
		t.Errorf("child directives leaked into the parent: %+v", parent)
	}
	if im, _ := parent.lookupInclude("pybind11/x.h"); im.none {
		t.Errorf("child include mapping leaked into the parent")
	}
	// Clones share their parent's maps until they change them.
	if sibling.naming[NamingExtension] != "$name$" || len(sibling.overrides) != 0 {
		t.Errorf("child directives leaked into a sibling: %+v", sibling)
	}
	if im, _ := sibling.lookupInclude("pybind11/x.h"); im.none {
		t.Errorf("child include mapping leaked into a sibling")
	}
	if child.naming[NamingExtension] != "x_$name$" || child.overrides["m"].name != "n" {
		t.Errorf("child lost its directives: %+v", child)
	}
	grandchild := child.clone()
	if err := grandchild.apply("", IncludeDirective, "pybind11 @p"); err != nil {
		t.Fatal(err)
	}
	if im, _ := child.lookupInclude("pybind11/x.h"); !im.none {
		t.Errorf("grandchild include mapping leaked into the child")
	}
}

func TestLookupIncludeLongestPrefix(t *testing.T) {
	pc := newPyStaticConfig()
	for _, v := range []string{"vendor @v", "vendor/special.h //s", "vendor/sub -"} {
		if err := pc.apply("", IncludeDirective, v); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		inc  string
		want string
	}{
		{"vendor/a.h", "@v"},
		{"vendor/special.h", "//s"},
		{"vendor/sub/x.h", "-"},
		{"vendors/a.h", ""},
		{"pybind11/pybind11.h", "@pybind11"},
		{"nanobind/nanobind.h", "@nanobind"},
	} {
		im, ok := pc.lookupInclude(tc.inc)
		got := ""
		switch {
		case ok && im.none:
			got = "-"
		case ok:
			got = im.dep.String()
		}
		if got != tc.want {
			t.Errorf("lookupInclude(%q) = %q, want %q", tc.inc, got, tc.want)
		}
	}
}

// FuzzDirectiveValues applies arbitrary values to every directive: a value
// is either rejected with an error that leaves the configuration unchanged,
// or accepted into a configuration that generates valid names.
func FuzzDirectiveValues(f *testing.F) {
	for _, seed := range []string{
		"enabled", "", "src", "extension $name$_x", "binary $package_name$", "numpy @numpy//:h",
		"a.b name=x srcs=a.c,b.c", "true", "main.py", "test $test$$test$", "x -", "$", "$$",
	} {
		f.Add(seed)
	}
	keys := (&pyStaticLang{}).KnownDirectives()
	f.Fuzz(func(t *testing.T, value string) {
		for _, key := range keys {
			pc := newPyStaticConfig()
			before := pc.clone()
			if err := pc.apply("src/pkg", key, value); err != nil {
				if err.Error() == "" {
					t.Fatalf("%s %q: empty error message", key, value)
				}
				if !sameConfig(pc, before) {
					t.Fatalf("%s %q: failed directive changed the configuration", key, value)
				}
				continue
			}
			for kind, pattern := range pc.naming {
				name := applyNaming(pattern, map[string]string{
					"$name$": "_m", "$module$": "a_b__m", "$package_name$": "pkg", "$test$": "x_test",
				})
				if !validTargetName(name) {
					t.Fatalf("%s %q: %s pattern %q gives invalid target name %q", key, value, kind, pattern, name)
				}
			}
			if pc.root != "" && pc.root != "src" && pc.root != "src/pkg" {
				t.Fatalf("%s %q: root %q is not an ancestor of src/pkg", key, value, pc.root)
			}
			for mod, o := range pc.overrides {
				if !modname.ValidDotted(mod) || (o.name != "" && !validTargetName(o.name)) || (o.module != "" && !modname.ValidDotted(o.module)) {
					t.Fatalf("%s %q: bad override %q %+v", key, value, mod, o)
				}
				for _, p := range append(o.srcs, o.hdrs...) {
					if strings.HasPrefix(p, "/") || p == ".." || strings.HasPrefix(p, "../") {
						t.Fatalf("%s %q: override path %q escapes the directory", key, value, p)
					}
				}
			}
			if !strings.HasSuffix(pc.main, ".py") || strings.Contains(pc.main, "/") {
				t.Fatalf("%s %q: main %q", key, value, pc.main)
			}
		}
	})
}

// sameConfig compares two configurations by value, whether or not they
// still share their maps with a parent.
func sameConfig(a, b *pyStaticConfig) bool {
	x, y := *a, *b
	x.shared, y.shared = false, false
	return reflect.DeepEqual(x, y)
}

// A directory with nothing that changes the configuration keeps its
// parent's (the same one, no copy; at the top, the default one, not stored); a directive of this language, a build
// description, a conftest.py with tests on, or a parent's invalid directive
// gives it its own, and the parent's is left as it was.
func TestConfigureSharesUnchangedParent(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"plain/x.c", "desc/setup.py", "tests/conftest.py", "tests/plain/y.py", "bad/sub/z.c"} {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("from setuptools import setup\nsetup(name='d')\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l := &pyStaticLang{}
	top := config.New()
	top.RepoRoot = root
	l.Configure(top, "", nil)
	parent := getConfig(top)
	// Nothing configures the root: no entry in Exts (Gazelle's walk would
	// grow every directory's Exts map to a table for it), the default.
	if _, ok := top.Exts[languageName]; ok || parent != defaultConfig {
		t.Errorf("unconfigured root: an Exts entry %v, the default configuration %v", ok, parent == defaultConfig)
	}
	configure := func(from *config.Config, rel, directives string) *config.Config {
		t.Helper()
		c := from.Clone()
		var f *rule.File
		if directives != "" {
			var err error
			if f, err = rule.LoadData(path.Join(rel, "BUILD.bazel"), rel, []byte(directives)); err != nil {
				t.Fatal(err)
			}
		}
		l.Configure(c, rel, f)
		return c
	}
	if pc := getConfig(configure(top, "plain", "")); pc != parent {
		t.Errorf("plain: a copy of the parent's configuration, want the parent's")
	}
	if pc := getConfig(configure(top, "plain", "# gazelle:prefix example.com/x\n")); pc != parent {
		t.Errorf("plain with another language's directive: a copy, want the parent's")
	}
	if pc := getConfig(configure(top, "plain", "# gazelle:py_static_binaries false\n")); pc == parent || pc.binaries || !parent.binaries {
		t.Errorf("a directive: shared %v, binaries %v, parent's %v", pc == parent, pc.binaries, parent.binaries)
	}
	if pc := getConfig(configure(top, "desc", "# gazelle:prefix example.com/x\n")); pc == parent || pc.desc == nil || parent.desc != nil {
		t.Errorf("a setup.py: shared %v, desc %v, parent's %v", pc == parent, pc.desc, parent.desc)
	}
	withTests := configure(top, "tests", "# gazelle:py_static_tests true\n")
	if pc := getConfig(withTests); len(pc.conftests) != 1 || len(parent.conftests) != 0 {
		t.Errorf("a conftest.py: conftests %v, parent's %v", pc.conftests, parent.conftests)
	}
	if pc := getConfig(configure(withTests, "tests/plain", "")); pc != getConfig(withTests) {
		t.Errorf("tests/plain: a copy of the parent's configuration, want the parent's")
	}
	log.SetOutput(io.Discard)
	defer log.SetOutput(os.Stderr)
	bad := configure(top, "bad", "# gazelle:py_static_binaries maybe\n")
	if pc := getConfig(configure(bad, "bad/sub", "")); pc == getConfig(bad) || len(pc.problems) != 0 {
		t.Errorf("below an invalid directive: shared %v, problems %v", pc == getConfig(bad), pc.problems)
	}
}

// TestConfigureDefersListing: Configure leaves a directory with no BUILD
// file its parent's configuration; the first of its subdirectories to be
// configured, or its own GenerateRules, finishes it from its listing (a
// setup.py here), and only once.
func TestConfigureDefersListing(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"desc/setup.py", "desc/sub/x.c", "desc/other/y.c", "leaf/setup.py"} {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("from setuptools import setup\nsetup(name='d')\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l := &pyStaticLang{}
	top := config.New()
	top.RepoRoot = root
	l.Configure(top, "", nil)
	parent := getConfig(top)
	configure := func(from *config.Config, rel string) *config.Config {
		c := from.Clone()
		l.Configure(c, rel, nil)
		return c
	}

	desc := configure(top, "desc")
	if pc := getConfig(desc); pc != parent {
		t.Errorf("desc after its Configure: %p, want the parent's %p until it is needed", pc, parent)
	}
	sub := configure(desc, "desc/sub")
	finished := getConfig(sub)
	if finished == parent || finished.desc == nil || finished.root != "desc" {
		t.Fatalf("desc/sub: starts from its parent's configuration without desc's setup.py (root %q)", finished.root)
	}
	if pc := getConfig(configure(desc, "desc/other")); pc != finished {
		t.Errorf("desc/other: %p, want the configuration desc/sub finished, %p (made once)", pc, finished)
	}
	l.GenerateRules(language.GenerateArgs{Config: desc, Dir: filepath.Join(root, "desc"), Rel: "desc", RegularFiles: []string{"setup.py"}, Subdirs: []string{"other", "sub"}})
	if pc := getConfig(desc); pc != finished {
		t.Errorf("desc after its GenerateRules: %p, want %p", pc, finished)
	}

	leaf := configure(top, "leaf")
	if pc := getConfig(leaf); pc != parent {
		t.Errorf("leaf after its Configure: %p, want the parent's %p", pc, parent)
	}
	l.GenerateRules(language.GenerateArgs{Config: leaf, Dir: filepath.Join(root, "leaf"), Rel: "leaf", RegularFiles: []string{"setup.py"}})
	if pc := getConfig(leaf); pc == parent || pc.desc == nil || pc.root != "leaf" {
		t.Errorf("leaf after its GenerateRules: shared %v, root %q; want its setup.py's", pc == parent, pc.root)
	}
}
