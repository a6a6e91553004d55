package gazelle

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bazelbuild/bazel-gazelle/label"

	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/pyimport"
)

func TestClassifyTest(t *testing.T) {
	for _, tc := range []struct {
		name     string
		src      string
		conftest bool
		want     testStyle
	}{
		{"pytest function, no imports", "def test_x():\n    assert False\n", false, pytestTest},
		{"pytest class", "class TestThing:\n    def test_a(self): pass\n", false, pytestTest},
		{"pytest fixtures only", "import pytest\n\n@pytest.fixture\ndef thing(): return 1\n", false, notATest},
		{"unittest", "import unittest\n\nclass T(unittest.TestCase):\n    def test_a(self): pass\n", false, unittestTest},
		{"unittest with main", "import unittest\nclass T(unittest.TestCase): pass\nif __name__ == '__main__':\n    unittest.main()\n", false, unittestTest},
		{"TestCase from elsewhere", "from absl.testing import absltest\nclass T(absltest.TestCase): pass\n", false, unittestTest},
		{"unittest class not named *TestCase", "import unittest\nclass Checks(Base): pass\n", false, unittestTest},
		{"TestCase under pytest", "import pytest\nimport unittest\nclass T(unittest.TestCase): pass\n", false, pytestTest},
		{"TestCase with a conftest.py", "import unittest\nclass T(unittest.TestCase): pass\n", true, pytestTest},
		{"runner script importing pytest", "import sys, pytest\ndef main(): pass\nif __name__ == '__main__':\n    sys.exit(pytest.main([]))\n", false, programTest},
		{"script", "import sys\nif __name__ == '__main__':\n    sys.exit(0)\n", false, programTest},
		{"helpers", "def make_data():\n    return 1\n", false, notATest},
		{"helpers beside a conftest.py", "def make_data():\n    return 1\n", true, notATest},
		{"test function in a string", "DOC = '''\ndef test_x(): pass\n'''\n", false, notATest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			if got := classifyTest(pyimport.Scan(src), pyimport.ScanTopLevel(src), tc.conftest); got != tc.want {
				t.Errorf("classifyTest(%q, conftest=%v) = %v, want %v", tc.src, tc.conftest, got, tc.want)
			}
		})
	}
}

func TestPytestDepDirective(t *testing.T) {
	for _, tc := range []struct {
		rel, value string
		want       label.Label
		wantErr    string
	}{
		{"", "@pypi//pytest", label.New("pypi", "pytest", "pytest"), ""},
		{"a/b", "//third_party:pytest", label.New("", "third_party", "pytest"), ""},
		{"a/b", ":pytest", label.New("", "a/b", "pytest"), ""},
		{"", "", label.NoLabel, "want the label of the py_library that provides pytest"},
		{"", "//a:b:c", label.NoLabel, "want the label of the py_library that provides pytest"},
	} {
		pc := newPyStaticConfig()
		err := pc.apply(tc.rel, PytestDepDirective, tc.value)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("apply(%s %q) = %v, want an error containing %q", PytestDepDirective, tc.value, err, tc.wantErr)
			}
		} else if err != nil {
			t.Errorf("apply(%s %q) = %v", PytestDepDirective, tc.value, err)
		}
		if !pc.pytestDep.Equal(tc.want) {
			t.Errorf("apply(%s %q) in %q: pytestDep = %v, want %v", PytestDepDirective, tc.value, tc.rel, pc.pytestDep, tc.want)
		}
	}
}

func TestNoteConftestKeepsSiblingsApart(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"a", "a/x", "a/y"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"a/conftest.py", "a/x/conftest.py"} {
		if err := os.WriteFile(filepath.Join(root, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	parent := newPyStaticConfig()
	parent.tests = true
	parent.noteConftest(root, "a", dirFiles(root, "a"))
	x, y := parent.clone(), parent.clone()
	x.noteConftest(root, "a/x", dirFiles(root, "a/x"))
	y.noteConftest(root, "a/y", dirFiles(root, "a/y"))
	if strings.Join(x.conftests, " ") != "a a/x" || strings.Join(y.conftests, " ") != "a" || strings.Join(parent.conftests, " ") != "a" {
		t.Errorf("conftests: parent %v, x %v, y %v", parent.conftests, x.conftests, y.conftests)
	}
	off := newPyStaticConfig()
	off.noteConftest(root, "a", dirFiles(root, "a"))
	if len(off.conftests) != 0 {
		t.Errorf("conftest.py recorded with tests off: %v", off.conftests)
	}
}
