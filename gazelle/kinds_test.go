package gazelle

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	bzl "github.com/bazelbuild/buildtools/build"
)

// defsBzl is the public API of the rules: one level up with `go test` in
// this directory; under Bazel the go_test's env names its runfiles path.
func defsBzl(t *testing.T) string {
	t.Helper()
	if rel := os.Getenv("RULES_PYSTATIC_DEFS_BZL"); rel != "" {
		for _, root := range []string{os.Getenv("RUNFILES_DIR"), os.Getenv("TEST_SRCDIR")} {
			if p := filepath.Join(root, rel); root != "" && fileExists(p) {
				return p
			}
		}
		t.Fatalf("RULES_PYSTATIC_DEFS_BZL=%s is not in the runfiles", rel)
	}
	return filepath.Join("..", "rules", "defs.bzl")
}

// publicSymbols returns the names a .bzl file defines at top level
// (assignments and functions) that do not start with "_".
func publicSymbols(t *testing.T, file string) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	f, err := bzl.ParseBzl(file, data)
	if err != nil {
		t.Fatal(err)
	}
	syms := map[string]bool{}
	for _, stmt := range f.Stmt {
		var name string
		switch s := stmt.(type) {
		case *bzl.AssignExpr:
			if id, ok := s.LHS.(*bzl.Ident); ok {
				name = id.Name
			}
		case *bzl.DefStmt:
			name = s.Name
		}
		if name != "" && !strings.HasPrefix(name, "_") {
			syms[name] = true
		}
	}
	return syms
}

// TestKindsAreOurs fails when the language lists a kind that rules_pystatic's
// rules do not define, or loads one from elsewhere: Gazelle gives each kind
// to one language, so listing another rule set's kind (cc_library,
// py_library) would take its rules from that rule set's own Gazelle plugin.
func TestKindsAreOurs(t *testing.T) {
	defined := publicSymbols(t, defsBzl(t))
	var kinds []string
	for kind := range (&pyStaticLang{}).Kinds() {
		kinds = append(kinds, kind)
	}
	sort.Strings(kinds)
	for _, kind := range kinds {
		if !defined[kind] {
			t.Errorf("Kinds() lists %q, which rules/defs.bzl does not define: the language must claim only rules_pystatic's own kinds", kind)
		}
	}
	loaded := map[string]bool{}
	for _, load := range (&pyStaticLang{}).Loads() {
		if load.Name != "@"+pystaticModule+"//rules:defs.bzl" {
			t.Errorf("Loads() loads %v from %s: every kind comes from @%s//rules:defs.bzl", load.Symbols, load.Name, pystaticModule)
		}
		for _, sym := range load.Symbols {
			if !defined[sym] {
				t.Errorf("Loads() loads %q, which rules/defs.bzl does not define", sym)
			}
			loaded[sym] = true
		}
	}
	for _, kind := range kinds {
		if !loaded[kind] {
			t.Errorf("Kinds() lists %q, but Loads() does not load it", kind)
		}
	}
}
