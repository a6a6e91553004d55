package gazelle

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// A conftest.py is one the directory's listing names: one on disk that
// the listing leaves out (# gazelle:exclude) is not recorded.
func TestNoteConftestFromListing(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "a"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "a", conftestFile), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	pc := newPyStaticConfig()
	pc.tests = true
	pc.noteConftest(root, "a", []string{"test_x.py"})
	if len(pc.conftests) != 0 {
		t.Errorf("a conftest.py the listing leaves out was recorded: %v", pc.conftests)
	}
	pc.noteConftest(root, "a", []string{conftestFile, "test_x.py"})
	if !slices.Equal(pc.conftests, []string{"a"}) {
		t.Errorf("conftests = %v, want [a]", pc.conftests)
	}
}

// Outside a Gazelle walk, dirFiles reads the directory: its files, not its
// subdirectories.
func TestDirFilesOutsideWalk(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"p/sub", "p/setup.py.d"} {
		if err := os.MkdirAll(filepath.Join(root, filepath.FromSlash(d)), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"top.txt", "p/setup.py", "p/x.c"} {
		if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(f)), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got := dirFiles(root, "p"); !slices.Equal(got, []string{"setup.py", "x.c"}) {
		t.Errorf("dirFiles(p) = %v", got)
	}
	if got := dirFiles(root, ""); !slices.Equal(got, []string{"top.txt"}) {
		t.Errorf("dirFiles(\"\") = %v", got)
	}
	if got := dirFiles(root, "missing"); len(got) != 0 {
		t.Errorf("dirFiles(missing) = %v", got)
	}
}

func TestLookedFor(t *testing.T) {
	for _, tc := range []struct {
		files                   []string
		desc, conftest, pkgInfo bool
	}{
		{files: nil},
		{files: []string{"__init__.py", "util.py", "_ext.c"}},
		{files: []string{"setup.py"}, desc: true},
		{files: []string{"a.c", "setup.cfg"}, desc: true},
		{files: []string{"pyproject.toml", "conftest.py"}, desc: true, conftest: true},
		{files: []string{"PKG-INFO", "x.py"}, pkgInfo: true},
		{files: []string{"setup.py.in", "pkg-info", "Conftest.py"}},
		{files: []string{"conftest.py", "PKG-INFO", "setup.py"}, desc: true, conftest: true, pkgInfo: true},
	} {
		desc, conftest, pkgInfo := lookedFor(tc.files)
		if desc != tc.desc || conftest != tc.conftest || pkgInfo != tc.pkgInfo {
			t.Errorf("lookedFor(%q) = %v, %v, %v; want %v, %v, %v", tc.files, desc, conftest, pkgInfo, tc.desc, tc.conftest, tc.pkgInfo)
		}
	}
}
