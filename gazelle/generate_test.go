package gazelle

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/bazelbuild/bazel-gazelle/repo"
	"github.com/bazelbuild/bazel-gazelle/resolve"
	"github.com/bazelbuild/bazel-gazelle/rule"
	"github.com/bazelbuild/bazel-gazelle/testtools"

	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/pyimport"
)

func TestAbsoluteImports(t *testing.T) {
	for _, tc := range []struct {
		pkg  string
		src  string
		want []string
	}{
		{"a.b", "import x.y\nfrom z import w, v\nfrom q import *\n", []string{"x.y", "z.w", "z.v", "q"}},
		{"a.b", "from . import m\nfrom .s import t\nfrom .. import u\nfrom ..r import *\n", []string{"a.b.m", "a.b.s.t", "a.u", "a.r"}},
		{"a.b", "from ... import beyond\n", nil},
		{"", "from . import m\n", nil},
		{"a", "from . import m\n", []string{"a.m"}},
	} {
		g := &generator{pkg: tc.pkg, pkgOK: true}
		got := g.absoluteImports(pyimport.Scan([]byte(tc.src)))
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("absoluteImports(%q) in %q = %q, want %q", tc.src, tc.pkg, got, tc.want)
		}
	}
}

func TestHeaderPaths(t *testing.T) {
	for _, tc := range []struct {
		name  string
		build string
		want  []string
	}{
		{"plain", `cc_library(name = "x", hdrs = ["a.h", "sub/b.h", ":gen"])`, []string{"lib/a.h", "lib/sub/b.h"}},
		{"strip relative", `cc_library(name = "x", hdrs = ["include/m/a.h"], strip_include_prefix = "include")`,
			[]string{"lib/include/m/a.h", "m/a.h"}},
		{"strip absolute and prefix", `cc_library(name = "x", hdrs = ["include/a.h"], strip_include_prefix = "/lib/include", include_prefix = "vendor")`,
			[]string{"lib/include/a.h", "vendor/a.h"}},
		{"prefix only", `cc_library(name = "x", hdrs = ["a.h"], include_prefix = "v")`, []string{"lib/a.h", "v/a.h"}},
		{"includes", `cc_library(name = "x", hdrs = ["inc/a.h", "b.h"], includes = ["inc", "."])`,
			[]string{"lib/inc/a.h", "a.h", "inc/a.h", "lib/b.h", "b.h"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := rule.LoadData("lib/BUILD.bazel", "lib", []byte(tc.build))
			if err != nil {
				t.Fatal(err)
			}
			if got := headerPaths("lib", f.Rules[0]); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("headerPaths = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestImports(t *testing.T) {
	build := `
py_static_extension(name = "_m", module = "pkg._m", hdrs = ["m.h"])
py_static_py_library(name = "lib", srcs = ["__init__.py", "util.py", "sub/__init__.py", ":gen", "data.txt"])
py_static_binary(name = "bin", main = "__main__.py")
py_static_extension(name = "_default", srcs = ["_default.c"])
py_library(name = "theirs", srcs = ["theirs.py"])
cc_library(name = "theirs_cc", hdrs = ["theirs.h"])
`
	f, err := rule.LoadData("src/pkg/BUILD.bazel", "src/pkg", []byte(build))
	if err != nil {
		t.Fatal(err)
	}
	c := testConfig(t, "src", "# gazelle:py_static_root\n", "src/pkg")
	l := &pyStaticLang{}
	var got, gotForeign [][]string
	for _, r := range f.Rules {
		var specs, foreign []string
		for _, s := range l.Imports(c, r, f) {
			specs = append(specs, s.Lang+":"+s.Imp)
		}
		for _, s := range foreignImports(c, r, f) {
			foreign = append(foreign, s.Lang+":"+s.Imp)
		}
		got = append(got, specs)
		gotForeign = append(gotForeign, foreign)
	}
	// cc_library and py_library rules are not this language's: Gazelle
	// never asks it (Kinds), and they go to the foreign index instead.
	want := [][]string{
		{"py:pkg._m", "c:src/pkg/m.h"},
		{"py:pkg", "py:pkg.util", "py:pkg.sub"},
		nil,
		{"py:src.pkg._default"},
		nil,
		nil,
	}
	wantForeign := [][]string{nil, nil, nil, nil, {"py:pkg.theirs"}, {"c:src/pkg/theirs.h"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Imports = %q, want %q", got, want)
	}
	if !reflect.DeepEqual(gotForeign, wantForeign) {
		t.Errorf("foreignImports = %q, want %q", gotForeign, wantForeign)
	}
}

func TestRelsToIndex(t *testing.T) {
	dir, cleanup := testtools.CreateFiles(t, []testtools.FileSpec{
		{Path: "src/app/_e.c", Content: "#include \"lib/u.h\"\n#include \"../x/y.h\"\n#include <sys/z.h>\nPyMODINIT_FUNC PyInit__e(void) {}\n"},
		{Path: "src/app/__main__.py", Content: "from pkg.sub import mod\n"},
	})
	defer cleanup()
	c := testConfig(t, "src", "# gazelle:py_static_root\n", "src/app")
	generate := func() language.GenerateResult {
		return (&pyStaticLang{}).GenerateRules(language.GenerateArgs{
			Config:       c,
			Dir:          filepath.Join(dir, "src", "app"),
			Rel:          "src/app",
			RegularFiles: []string{"__main__.py", "_e.c"},
		})
	}
	c.IndexLazy = true
	want := []string{
		"lib", "src", "src/app/lib", "src/pkg", "src/pkg/sub", "src/pkg/sub/mod", "src/x", "sys",
	}
	if res := generate(); !reflect.DeepEqual(res.RelsToIndex, want) {
		t.Errorf("RelsToIndex = %q, want %q", res.RelsToIndex, want)
	}
	// Without -index=lazy Gazelle visits every directory anyway.
	c.IndexLazy = false
	if res := generate(); len(res.Gen) == 0 || res.RelsToIndex != nil {
		t.Errorf("without -index=lazy: %d rules, RelsToIndex = %q, want none", len(res.Gen), res.RelsToIndex)
	}
}

func TestFileProblems(t *testing.T) {
	if os.Getuid() == 0 {
		t.Log("running as root: unreadable files cannot be tested")
	}
	saved := maxSourceSize
	maxSourceSize = 64
	defer func() { maxSourceSize = saved }()
	dir, cleanup := testtools.CreateFiles(t, []testtools.FileSpec{
		{Path: "WORKSPACE"},
		{Path: "p/_ok.c", Content: "PyMODINIT_FUNC PyInit__ok(void) { return 0; }\n"},
		{Path: "p/huge.c", Content: strings.Repeat("/* padding */\n", 10)},
		{Path: "p/loop_a.c", Symlink: "loop_b.c"},
		{Path: "p/loop_b.c", Symlink: "loop_a.c"},
		{Path: "p/dangling.h", Symlink: "missing.h"},
		{Path: "p/__main__.py", Symlink: "__main__.py"},
	})
	defer cleanup()
	msgs := runGazelle(t, dir, nil)
	want := []string{
		"gazelle: p/__main__.py: symbolic link loop; skipped",
		"gazelle: p/dangling.h: dangling symbolic link; skipped",
		"gazelle: p/huge.c: 140 bytes is over the 64-byte limit for sources; skipped",
		"gazelle: p/loop_a.c: symbolic link loop; skipped",
		"gazelle: p/loop_b.c: symbolic link loop; skipped",
	}
	if !reflect.DeepEqual(msgs, want) {
		t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
	got, err := os.ReadFile(filepath.Join(dir, "p", "BUILD.bazel"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), `module = "p._ok"`) || !strings.Contains(string(got), "py_static_binary(") {
		t.Errorf("the readable files were not generated:\n%s", got)
	}
}

func TestUnreadableFile(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("root reads files whatever their mode")
	}
	dir, cleanup := testtools.CreateFiles(t, []testtools.FileSpec{
		{Path: "WORKSPACE"},
		{Path: "p/_x.c", Content: "PyMODINIT_FUNC PyInit__x(void) { return 0; }\n"},
	})
	defer cleanup()
	if err := os.Chmod(filepath.Join(dir, "p", "_x.c"), 0); err != nil {
		t.Fatal(err)
	}
	msgs := runGazelle(t, dir, nil)
	want := []string{"gazelle: p/_x.c: cannot be read (permission denied); skipped"}
	if !reflect.DeepEqual(msgs, want) {
		t.Errorf("messages = %q, want %q", msgs, want)
	}
}

func TestCrossResolve(t *testing.T) {
	dir, cleanup := testtools.CreateFiles(t, []testtools.FileSpec{
		{Path: "WORKSPACE"},
		{Path: "a/_m.c", Content: "#include \"m.h\"\nPyMODINIT_FUNC PyInit__m(void) { return 0; }\n"},
		{Path: "a/m.h", Content: "int m(void);\n"},
		{Path: "a/BUILD.bazel", Content: "# gazelle:py_static_override a._m hdrs=m.h\n"},
	})
	defer cleanup()
	runGazelle(t, dir, nil)
	// After generation the index holds a._m under "py"; another language
	// (rules_python's is named "py") finds it through CrossResolve.
	c, ix := indexRepo(t, dir)
	l := &pyStaticLang{}
	res := l.CrossResolve(c, ix, pySpec("a._m"), "py")
	if len(res) != 1 || res[0].Label.String() != "//a:_m" {
		t.Errorf("CrossResolve(a._m) = %v, want //a:_m", res)
	}
	if res := l.CrossResolve(c, ix, pySpec("a._m"), languageName); res != nil {
		t.Errorf("CrossResolve for our own language = %v, want nil", res)
	}
	if res := l.CrossResolve(c, ix, pySpec("a.other"), "py"); len(res) != 0 {
		t.Errorf("CrossResolve(a.other) = %v, want none", res)
	}
	// gazelle_cc ("cc") looking for a public header of an extension.
	res = l.CrossResolve(c, ix, resolve.ImportSpec{Lang: "cc", Imp: "a/m.h"}, "cc")
	if len(res) != 1 || res[0].Label.String() != "//a:_m" {
		t.Errorf("CrossResolve(cc a/m.h) = %v, want //a:_m", res)
	}
	if res := l.CrossResolve(c, ix, resolve.ImportSpec{Lang: "go", Imp: "a._m"}, "go"); res != nil {
		t.Errorf("CrossResolve(go) = %v, want nil", res)
	}
}

// fakeLang indexes every rule of its kind under one import spec language,
// as gazelle_cc ("cc") and rules_python ("py") do.
type fakeLang struct {
	name string
	attr string
	spec func(pkg, v string) string
}

func (f *fakeLang) Name() string { return f.name }
func (f *fakeLang) Imports(c *config.Config, r *rule.Rule, file *rule.File) []resolve.ImportSpec {
	var specs []resolve.ImportSpec
	for _, v := range r.AttrStrings(f.attr) {
		specs = append(specs, resolve.ImportSpec{Lang: f.name, Imp: f.spec(file.Pkg, v)})
	}
	return specs
}
func (*fakeLang) Embeds(r *rule.Rule, from label.Label) []label.Label { return nil }
func (*fakeLang) Resolve(*config.Config, *resolve.RuleIndex, *repo.RemoteCache, *rule.Rule, interface{}, label.Label) {
}

func TestFindInForeignIndexes(t *testing.T) {
	cc := &fakeLang{name: "cc", attr: "hdrs", spec: func(pkg, v string) string { return path.Join(pkg, v) }}
	py := &fakeLang{name: "py", attr: "srcs", spec: func(pkg, v string) string {
		return strings.ReplaceAll(path.Join(pkg, strings.TrimSuffix(v, ".py")), "/", ".")
	}}
	rc := &resolve.Configurer{}
	c := testtools.NewTestConfig(t, []config.Configurer{rc}, []language.Language{&pyStaticLang{}}, nil)
	overrides, err := rule.LoadData("BUILD.bazel", "", []byte("# gazelle:resolve cc gen/x.h //gen:x\n"))
	if err != nil {
		t.Fatal(err)
	}
	rc.Configure(c, "", overrides)
	ix := resolve.NewRuleIndex(func(r *rule.Rule, pkgRel string) resolve.Resolver {
		switch r.Kind() {
		case "cc_library":
			return cc
		case "py_library":
			return py
		}
		return nil
	})
	f, err := rule.LoadData("lib/BUILD.bazel", "lib", []byte(`
cc_library(name = "u", hdrs = ["u.h"])
py_library(name = "tool", srcs = ["tool.py"])
`))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range f.Rules {
		ix.AddRule(c, r, f)
	}
	ix.Finish()
	from := label.New("", "app", "bin")
	if l, ok := find(c, ix, resolve.ImportSpec{Lang: cImportLang, Imp: "lib/u.h"}, from); !ok || l.String() != "//lib:u" {
		t.Errorf("find(c lib/u.h) = %v, %v; want //lib:u", l, ok)
	}
	if l, ok := find(c, ix, pySpec("lib.tool"), from); !ok || l.String() != "//lib:tool" {
		t.Errorf("find(py lib.tool) = %v, %v; want //lib:tool", l, ok)
	}
	if l, ok := find(c, ix, pySpec("lib.nothing"), from); ok {
		t.Errorf("find(py lib.nothing) = %v, want none", l)
	}
	if l, ok := find(c, ix, resolve.ImportSpec{Lang: cImportLang, Imp: "gen/x.h"}, from); !ok || l.String() != "//gen:x" {
		t.Errorf("find(c gen/x.h) with a gazelle_cc override = %v, %v; want //gen:x", l, ok)
	}
	// The rule itself is never its own dependency.
	if l, ok := find(c, ix, pySpec("lib.tool"), label.New("", "lib", "tool")); !ok || l != label.NoLabel {
		t.Errorf("self import = %v, %v; want NoLabel, true", l, ok)
	}
}

// TestKeepBudget: files read before the first one that mentions an init
// function are scanned all the same when they were dropped to stay within
// the memory budget and read again.
func TestKeepBudget(t *testing.T) {
	files := []testtools.FileSpec{
		{Path: "WORKSPACE"},
		{Path: "p/a.h", Content: "int a(void);\n"},
		{Path: "p/b.h", Content: "#include \"a.h\"\n#include <vector>\n"},
		{Path: "p/helper.c", Content: "#include \"b.h\"\nint a(void) { return 0; }\n"},
		{Path: "p/zmod.c", Content: "#include \"b.h\"\nPyMODINIT_FUNC PyInit__m(void) { return 0; }\n"},
		{Path: "q/x.c", Content: "#include \"y.h\"\nint x;\n"},
	}
	build := func(budget int) string {
		saved := keepBudget
		keepBudget = budget
		defer func() { keepBudget = saved }()
		dir, cleanup := testtools.CreateFiles(t, files)
		defer cleanup()
		if msgs := runGazelle(t, dir, nil); len(msgs) > 0 {
			t.Errorf("budget %d: messages %q", budget, msgs)
		}
		got, err := os.ReadFile(filepath.Join(dir, "p", "BUILD.bazel"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(dir, "q", "BUILD.bazel")); err == nil {
			t.Errorf("budget %d: a BUILD file for q, which defines no module", budget)
		}
		return string(got)
	}
	want := build(keepBudget)
	if !strings.Contains(want, `srcs = [`) || !strings.Contains(want, `"helper.c"`) || !strings.Contains(want, `"a.h"`) {
		t.Fatalf("the helpers were not grouped with the extension:\n%s", want)
	}
	if got := build(0); got != want {
		t.Errorf("with a zero budget:\n%s\nwant:\n%s", got, want)
	}
}

// TestClaims: a target name is taken once; taking it again replaces what
// took it; this holds whether the names are looked through one by one or
// indexed (past maxLinearClaims).
func TestClaims(t *testing.T) {
	for _, n := range []int{1, maxLinearClaims, maxLinearClaims + 1, 3 * maxLinearClaims} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			var cs claims
			for i := 0; i < n; i++ {
				cs.set(fmt.Sprintf("t%d", i), claimant{what: "extension ", subject: fmt.Sprintf("m%d", i)})
			}
			cs.set("t0", claimant{what: "py_static_test for ", subject: "t0_test.py"})
			if len(cs.list) != n {
				t.Errorf("%d names recorded, want %d", len(cs.list), n)
			}
			for i := 0; i < n; i++ {
				want := fmt.Sprintf("extension m%d", i)
				if i == 0 {
					want = "py_static_test for t0_test.py"
				}
				if who, ok := cs.get(fmt.Sprintf("t%d", i)); !ok || who.String() != want {
					t.Errorf("get(t%d) = %q, %v; want %q", i, who, ok, want)
				}
			}
			if who, ok := cs.get("other"); ok {
				t.Errorf("get(other) = %q, want none", who)
			}
		})
	}
}
