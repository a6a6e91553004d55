package gazelle

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	bzl "github.com/bazelbuild/buildtools/build"
)

// extensionBzl is the rule whose srcs and hdrs the language fills: with
// `go test` in this directory it is one level up; under Bazel the go_test's
// env names its runfiles path.
func extensionBzl(t *testing.T) string {
	t.Helper()
	if rel := os.Getenv("RULES_PYSTATIC_EXTENSION_BZL"); rel != "" {
		for _, root := range []string{os.Getenv("RUNFILES_DIR"), os.Getenv("TEST_SRCDIR")} {
			if p := filepath.Join(root, rel); root != "" && fileExists(p) {
				return p
			}
		}
		t.Fatalf("RULES_PYSTATIC_EXTENSION_BZL=%s is not in the runfiles", rel)
	}
	return filepath.Join("..", "rules", "private", "extension.bzl")
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// starlarkStringLists returns the top-level `NAME = ["a", "b"]` assignments.
func starlarkStringLists(t *testing.T, file string) map[string][]string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("the rule's file extensions are read from %s: %v", file, err)
	}
	f, err := bzl.ParseBzl(file, data)
	if err != nil {
		t.Fatal(err)
	}
	lists := map[string][]string{}
	for _, stmt := range f.Stmt {
		assign, ok := stmt.(*bzl.AssignExpr)
		if !ok {
			continue
		}
		name, ok := assign.LHS.(*bzl.Ident)
		list, isList := assign.RHS.(*bzl.ListExpr)
		if !ok || !isList {
			continue
		}
		var values []string
		for _, elem := range list.List {
			if s, ok := elem.(*bzl.StringExpr); ok {
				values = append(values, s.Value)
			}
		}
		lists[name.Name] = values
	}
	return lists
}

func dotted(exts ...[]string) []string {
	var out []string
	for _, list := range exts {
		for _, e := range list {
			out = append(out, "."+e)
		}
	}
	return out
}

// The language and py_static_extension must agree on what a C/C++ source
// and a header are: a header the rule takes but the language does not know
// would be left out of srcs, and a file the language lists but the rule
// refuses would break the build.
func TestFileExtensionsMatchTheRule(t *testing.T) {
	lists := starlarkStringLists(t, extensionBzl(t))
	for _, name := range []string{"_C_EXTENSIONS", "_CXX_EXTENSIONS", "_HEADER_EXTENSIONS"} {
		if len(lists[name]) == 0 {
			t.Fatalf("extension.bzl has no list %s; update this test and fileinfo.go with it", name)
		}
	}
	tests := []struct {
		what      string
		language  []string
		extension []string
	}{
		{"sources", sourceExts, dotted(lists["_C_EXTENSIONS"], lists["_CXX_EXTENSIONS"])},
		{"headers", headerExts, dotted(lists["_HEADER_EXTENSIONS"])},
	}
	for _, tt := range tests {
		language := slices.Sorted(slices.Values(tt.language))
		rule := slices.Sorted(slices.Values(tt.extension))
		if !slices.Equal(language, rule) {
			t.Errorf("%s: fileinfo.go has %q, rules/private/extension.bzl %q", tt.what, language, rule)
		}
	}
	for _, tt := range []struct {
		name string
		want fileKind
	}{
		{"a.c", cSourceFile}, {"a.c++", cSourceFile}, {"a.C", cSourceFile},
		{"a.ipp", cHeaderFile}, {"a.tcc", cHeaderFile}, {"a.H", cHeaderFile},
		{"a.py", pythonFile}, {"a.pyx", cythonFile}, {"a.pxd", cythonDeclFile}, {"a.txt", otherFile},
	} {
		if got := classify(tt.name); got != tt.want {
			t.Errorf("classify(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
