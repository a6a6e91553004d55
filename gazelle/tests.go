package gazelle

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/bazelbuild/bazel-gazelle/rule"

	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/pyimport"
)

// Test generation (# gazelle:py_static_tests true). A test file defines
// tests; run as a program it runs none of them, so a py_static_test with it
// as main would pass whatever the tests say. Each test file therefore gets
// the rule that runs its tests:
//
//   - a pytest file (top-level test* functions or Test* classes, or
//     TestCase classes in a file that imports pytest or has a conftest.py in
//     its directory or above): py_static_pytest_test, whose pytest attribute
//     is the label of PytestDepDirective;
//   - a unittest file (a top-level class based on a *TestCase, or a class in
//     a file that imports unittest): py_static_unittest_test;
//   - a file that defines no test but runs itself (a top-level
//     `if __name__ ...`): py_static_test with it as main, as before;
//   - anything else: no rule, and a message naming the file.
//
// Each directory with a conftest.py gets a py_static_py_library "conftest" for it, and
// the pytest tests of that directory and below depend on every such library
// from the repository root down, since pytest loads them all.

// PytestDepDirective names the py_library that provides pytest, for the
// pytest attribute of generated py_static_pytest_test rules:
// "# gazelle:py_static_pytest_dep LABEL". Without it, pytest files get no
// test (and a message).
const PytestDepDirective = "py_static_pytest_dep"

const (
	pytestKind   = "py_static_pytest_test"
	unittestKind = "py_static_unittest_test"
	// conftestFile is the file pytest loads fixtures and hooks from.
	conftestFile = "conftest.py"
	// conftestLibraryName is the py_static_py_library generated for a conftest.py.
	conftestLibraryName = "conftest"
)

// testStyle is how a test file's tests are run.
type testStyle int

const (
	notATest     testStyle = iota // defines no test and runs nothing itself
	programTest                   // runs itself: py_static_test, main = the file
	pytestTest                    // py_static_pytest_test
	unittestTest                  // py_static_unittest_test
)

// testKinds are the kinds generated for each style.
var testKinds = map[testStyle]string{programTest: testKind, pytestTest: pytestKind, unittestTest: unittestKind}

// classifyTest tells a test file's style from its imports and top-level
// definitions, and whether a conftest.py applies to its directory. What the
// file defines comes first: a runner script that imports pytest but defines
// no test (it calls pytest.main() under its __name__ guard) is a program.
func classifyTest(imps []pyimport.Import, top pyimport.TopLevel, conftest bool) testStyle {
	imports := func(mod string) bool {
		for _, imp := range imps {
			if imp.Module == mod || strings.HasPrefix(imp.Module, mod+".") {
				return true
			}
		}
		return false
	}
	// pytest's defaults: functions named test*, classes named Test*.
	pytestTests := false
	for _, f := range top.Functions {
		pytestTests = pytestTests || strings.HasPrefix(f, "test")
	}
	testCases := false
	for _, c := range top.Classes {
		based := false
		for _, b := range c.Bases {
			based = based || strings.HasSuffix(b[strings.LastIndexByte(b, '.')+1:], "TestCase")
		}
		testCases = testCases || based
		pytestTests = pytestTests || !based && strings.HasPrefix(c.Name, "Test")
	}
	testCases = testCases || len(top.Classes) > 0 && imports("unittest")
	usesPytest := imports("pytest") || imports("_pytest") || conftest
	switch {
	case pytestTests, testCases && usesPytest:
		return pytestTest
	case testCases:
		return unittestTest
	case top.MainGuard:
		return programTest
	}
	return notATest
}

// applyTestDirective applies the directives of this file; ok is false for
// a directive that is not one of them.
func (pc *pyStaticConfig) applyTestDirective(rel, key, value string) (ok bool, err error) {
	if key != PytestDepDirective {
		return false, nil
	}
	l, err := label.Parse(value)
	if err != nil || value == "" {
		return true, fmt.Errorf("want the label of the py_library that provides pytest, such as @pypi//pytest")
	}
	pc.pytestDep = l.Abs("", rel)
	return true, nil
}

// noteConftest records, when tests are generated, that directory rel has a
// conftest.py (in its listing, files): the pytest tests below depend on
// its library.
func (pc *pyStaticConfig) noteConftest(repoRoot, rel string, files []string) {
	if !pc.tests || !hasFile(files, conftestFile) {
		return
	}
	if st, err := os.Stat(filepath.Join(repoRoot, filepath.FromSlash(rel), conftestFile)); err == nil && st.Mode().IsRegular() {
		// A new slice: the parent's is shared with its other children.
		pc.conftests = append(append([]string(nil), pc.conftests...), rel)
	}
}

// isConftestLibrary reports whether an existing rule is the py_static_py_library this
// language generates for a conftest.py.
func (g *generator) isConftestLibrary(r *rule.Rule) bool {
	return g.kind(r) == pyLibraryKind && r.Name() == conftestLibraryName
}

// generationOff reports whether an existing rule of ours is of a kind whose
// generation is turned off in this directory, so it is left alone.
func (g *generator) generationOff(r *rule.Rule) bool {
	switch g.kind(r) {
	case binaryKind:
		return !g.pc.binaries
	case testKind, pytestKind, unittestKind:
		return !g.pc.tests
	case pyLibraryKind:
		if g.isConftestLibrary(r) {
			return !g.pc.tests
		}
		return !g.pc.pyLibrary
	}
	return false
}

// generateConftest generates the py_static_py_library of the directory's conftest.py.
// With no py_static_py_library of the directory's other files, those files are its
// srcs too, as they are of the directory's programs: the conftest.py may
// import them, and the tests of subdirectories have it only through here.
func (g *generator) generateConftest(srcs, localDeps, modules []string) {
	if !g.claim(conftestLibraryName, claimant{what: "the py_static_py_library of ", subject: conftestFile}) {
		return
	}
	r := rule.NewRule(pyLibraryKind, conftestLibraryName)
	sort.Strings(srcs)
	r.SetAttr("srcs", srcs)
	r.SetAttr("testonly", true)
	g.setImports(r)
	r.SetAttr("visibility", []string{"//visibility:public"})
	g.add(r, &resolveData{localDeps: localDeps, modules: modules})
}

// testStyle returns the kind of rule to generate for test file f, or ""
// (after a message naming the file) for none.
func (g *generator) testKindFor(f string, src []byte, imps []pyimport.Import) string {
	style := classifyTest(imps, pyimport.ScanTopLevel(src), len(g.pc.conftests) > 0)
	where := path.Join(g.rel, f)
	switch style {
	case notATest:
		warnf(where, "named like a test, but defines no test* function or TestCase class and has no "+
			"`if __name__ == \"__main__\":` block; no test generated")
		return ""
	case pytestTest:
		if g.pc.pytestDep.Equal(label.NoLabel) {
			warnf(where, "a pytest test file, but no pytest library is set; no test generated "+
				"(add # gazelle:%s LABEL, the py_library that provides pytest)", PytestDepDirective)
			return ""
		}
	}
	return testKinds[style]
}

// finishTest completes a generated test rule of a runner kind: its runner
// finds the test files itself (no main), pytest comes from the directive,
// and every conftest.py library from the root down is a dependency.
func (g *generator) finishTest(r *rule.Rule, rd *resolveData) {
	if r.Kind() == testKind {
		return
	}
	r.DelAttr("main")
	if r.Kind() != pytestKind {
		return
	}
	r.SetAttr("pytest", g.pc.pytestDep.Rel("", g.rel).String())
	for _, dir := range g.pc.conftests {
		rd.localDeps = append(rd.localDeps, label.New("", dir, conftestLibraryName).Rel("", g.rel).String())
	}
}
