package gazelle

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bazel-contrib/bazel-gazelle/v2/cmd/gazelle/update"
	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/bazelbuild/bazel-gazelle/repo"
	"github.com/bazelbuild/bazel-gazelle/resolve"
	"github.com/bazelbuild/bazel-gazelle/rule"
	"github.com/bazelbuild/bazel-gazelle/testtools"
)

// standInPlugin plays gazelle_cc (name "cc", kind cc_library, headers indexed
// under "cc") or rules_python's plugin (name "py", kind py_library, modules
// under "py") in a Gazelle run: neither plugin's Go module can be fetched
// where this project is tested (the Go proxy refuses both). Like them, it
// claims its kinds, indexes every rule of those kinds, and its Resolve reads
// the imports value its own GenerateRules made: handed another language's
// rule, it fails as theirs would (they type-assert).
type standInPlugin struct {
	name, kind, attr string
	spec             func(pkg, value string) string
	resolved         *[]string
}

type standInImports struct{}

func (p *standInPlugin) Name() string                                      { return p.name }
func (*standInPlugin) RegisterFlags(*flag.FlagSet, string, *config.Config) {}
func (*standInPlugin) CheckFlags(*flag.FlagSet, *config.Config) error      { return nil }
func (*standInPlugin) KnownDirectives() []string                           { return nil }
func (*standInPlugin) Fix(*config.Config, *rule.File)                      {}
func (*standInPlugin) Embeds(*rule.Rule, label.Label) []label.Label        { return nil }
func (*standInPlugin) Loads() []rule.LoadInfo                              { return nil }

// Configure keeps the plugin's configuration in config.Exts under its name,
// as rules_python's plugin does.
func (p *standInPlugin) Configure(c *config.Config, rel string, f *rule.File) {
	c.Exts[p.name] = p.kind
}

func (p *standInPlugin) Kinds() map[string]rule.KindInfo {
	return map[string]rule.KindInfo{p.kind: {ResolveAttrs: map[string]bool{"deps": true}}}
}

func (p *standInPlugin) Imports(c *config.Config, r *rule.Rule, f *rule.File) []resolve.ImportSpec {
	var specs []resolve.ImportSpec
	for _, v := range r.AttrStrings(p.attr) {
		specs = append(specs, resolve.ImportSpec{Lang: p.name, Imp: p.spec(f.Pkg, v)})
	}
	return specs
}

// GenerateRules generates nothing, but gives each existing rule of its kind
// its imports, as a plugin that regenerates them would.
func (p *standInPlugin) GenerateRules(args language.GenerateArgs) language.GenerateResult {
	var res language.GenerateResult
	if args.File == nil {
		return res
	}
	for _, r := range args.File.Rules {
		if r.Kind() == p.kind {
			gen := rule.NewRule(p.kind, r.Name())
			gen.SetAttr(p.attr, r.AttrStrings(p.attr))
			res.Gen = append(res.Gen, gen)
			res.Imports = append(res.Imports, standInImports{})
		}
	}
	return res
}

func (p *standInPlugin) Resolve(c *config.Config, ix *resolve.RuleIndex, rc *repo.RemoteCache, r *rule.Rule, imports interface{}, from label.Label) {
	if _, ok := imports.(standInImports); !ok {
		panic(fmt.Sprintf("%s: plugin %q was handed %s %s, whose imports are a %T", from, p.name, r.Kind(), r.Name(), imports))
	}
	*p.resolved = append(*p.resolved, p.name+" "+from.String())
}

// TestCoexistence runs Gazelle with this language and stand-ins for
// gazelle_cc and rules_python's plugin, in both orders: the BUILD files come
// out the same, each plugin resolves only its own rules, and this language's
// rules depend on theirs.
func TestCoexistence(t *testing.T) {
	files := []testtools.FileSpec{
		{Path: "WORKSPACE"},
		{Path: "BUILD.bazel", Content: "# gazelle:py_static_py_library true\n# gazelle:py_static_tests true\n# gazelle:py_static_pytest_dep @pypi//pytest\n"},
		{Path: "lib/BUILD.bazel", Content: `cc_library(
    name = "util",
    hdrs = ["util.h"],
)

py_library(
    name = "helpers",
    srcs = ["helpers.py"],
)
`},
		{Path: "lib/util.h", Content: "int util(void);\n"},
		{Path: "lib/helpers.py", Content: "X = 1\n"},
		{Path: "app/_a.c", Content: "#include <Python.h>\n#include \"shared.h\"\n#include \"lib/util.h\"\nPyMODINIT_FUNC PyInit__a(void) { return 0; }\n"},
		{Path: "app/_b.c", Content: "#include <Python.h>\n#include \"shared.h\"\nPyMODINIT_FUNC PyInit__b(void) { return 0; }\n"},
		{Path: "app/shared.h", Content: "int shared(void);\n"},
		{Path: "app/util.py", Content: "from lib import helpers\nfrom app import _a\n"},
		{Path: "app/__main__.py", Content: "from app import util\n"},
		// A conftest.py of rules_python's plugin, with the library it writes:
		// not ours to migrate, and the pytest tests depend on it.
		{Path: "suite/BUILD.bazel", Content: `py_library(
    name = "conftest",
    testonly = True,
    srcs = ["conftest.py"],
)
`},
		{Path: "suite/conftest.py", Content: "import pytest\n\n\n@pytest.fixture\ndef value():\n    return 1\n"},
		{Path: "suite/test_value.py", Content: "def test_value(value):\n    assert value == 1\n"},
	}
	var logs bytes.Buffer
	log.SetOutput(&logs)
	defer log.SetOutput(os.Stderr)
	run := func(order string, args ...string) (map[string]string, []string) {
		dir, cleanup := testtools.CreateFiles(t, files)
		defer cleanup()
		var resolved []string
		cc := &standInPlugin{name: "cc", kind: "cc_library", attr: "hdrs", resolved: &resolved,
			spec: func(pkg, v string) string { return path.Join(pkg, v) }}
		py := &standInPlugin{name: "py", kind: "py_library", attr: "srcs", resolved: &resolved,
			spec: func(pkg, v string) string {
				return strings.ReplaceAll(path.Join(pkg, strings.TrimSuffix(v, ".py")), "/", ".")
			}}
		langs := []language.Language{NewLanguage(), cc, py}
		if order == "ours last" {
			langs = []language.Language{cc, py, NewLanguage()}
		}
		if err := update.Run(context.Background(), langs, dir, append(args, "-repo_root="+dir)); err != nil {
			t.Fatalf("%s: %v", order, err)
		}
		out := map[string]string{}
		for _, rel := range []string{"lib", "app", "suite"} {
			data, err := os.ReadFile(filepath.Join(dir, rel, "BUILD.bazel"))
			if err != nil {
				t.Fatalf("%s: %v", order, err)
			}
			out[rel] = string(data)
		}
		return out, resolved
	}
	first, firstResolved := run("ours first")
	last, lastResolved := run("ours last")
	fixed, fixedResolved := run("ours first", "fix")
	for rel := range first {
		if first[rel] != last[rel] {
			t.Errorf("%s/BUILD.bazel depends on the order of the languages:\nours first:\n%s\nours last:\n%s", rel, first[rel], last[rel])
		}
		if first[rel] != fixed[rel] {
			t.Errorf("gazelle fix changed %s/BUILD.bazel:\n%s\nwant:\n%s", rel, fixed[rel], first[rel])
		}
	}
	if strings.Contains(logs.String(), "earlier rules_pystatic") {
		t.Errorf("rules_python's conftest library taken for ours:\n%s", logs.String())
	}
	want := "cc //lib:util,py //lib:helpers,py //suite:conftest"
	for _, got := range [][]string{firstResolved, lastResolved, fixedResolved} {
		if strings.Join(got, ",") != want {
			t.Errorf("the stand-in plugins resolved %v, want only their own rules (%s)", got, want)
		}
	}
	app := first["app"]
	for _, s := range []string{
		`py_static_cc_library(
    name = "py_static_common",`,
		`py_static_py_library(
    name = "app_py",`,
		`"//lib:helpers"`,
		`"//lib:util"`,
		`load("@rules_pystatic//rules:defs.bzl", "py_static_binary", "py_static_cc_library", "py_static_extension", "py_static_py_library")`,
	} {
		if !strings.Contains(app, s) {
			t.Errorf("app/BUILD.bazel has no %s:\n%s", s, app)
		}
	}
	suite := first["suite"]
	if !strings.Contains(suite, `py_static_pytest_test(
    name = "test_value",`) || !strings.Contains(suite, `deps = [":conftest"]`) || strings.Contains(suite, "py_static_py_library") {
		t.Errorf("suite/BUILD.bazel: want a py_static_pytest_test depending on rules_python's conftest library, and no library of ours:\n%s", suite)
	}
}
