package gazelle

import (
	"bufio"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExampleMonorepo is the end-to-end check of examples/monorepo: its BUILD
// files are Gazelle's output, so deleting the generated ones and running
// Gazelle gives them back byte for byte. BUILD files holding directives, and
// those in directories the root BUILD file excludes, are kept.
func TestExampleMonorepo(t *testing.T) {
	src := exampleMonorepo(t)
	excluded := excludedDirs(t, filepath.Join(src, "BUILD.bazel"))
	dir := t.TempDir()
	want := map[string][]byte{}
	deleted := 0
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if strings.HasPrefix(info.Name(), "bazel-") || info.Mode()&os.ModeSymlink != 0 {
			if info.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if info.Name() == "BUILD.bazel" {
			want[rel] = data
			top := strings.SplitN(filepath.ToSlash(rel), "/", 2)[0]
			if !bytes.Contains(data, []byte("# gazelle:")) && !excluded[top] {
				deleted++
				return nil // generated: Gazelle must write it back
			}
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if deleted == 0 {
		t.Fatal("examples/monorepo has no generated BUILD file to regenerate")
	}
	if msgs := runGazelle(t, dir, nil); len(msgs) > 0 {
		t.Errorf("messages:\n%s", strings.Join(msgs, "\n"))
	}
	for rel, w := range want {
		got, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Errorf("%s: not generated: %v", rel, err)
			continue
		}
		if !bytes.Equal(got, w) {
			t.Errorf("%s: generated\n%s\nwant (examples/monorepo/%s):\n%s", rel, got, rel, w)
		}
	}
}

// excludedDirs returns the top-level directories a BUILD file excludes with
// "# gazelle:exclude DIR".
func excludedDirs(t *testing.T, build string) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(build)
	if err != nil {
		t.Fatal(err)
	}
	dirs := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "# gazelle:exclude "); ok {
			dirs[strings.TrimSpace(v)] = true
		}
	}
	return dirs
}

// exampleMonorepoEnv names the directory of examples/monorepo when the test
// cannot find it by itself (a Bazel test run remotely, say).
const exampleMonorepoEnv = "PYSTATIC_EXAMPLE_MONOREPO"

// exampleMonorepo returns the directory of the checkout's examples/monorepo,
// a sibling of this Go module (and Bazel module). With `go test` the working
// directory is the package's, gazelle/. Under `bazel test` it is the test's
// runfiles tree, whose files are symbolic links into the source tree: the
// package directory is found by following one back. Only a copy of the
// module without the rest of the checkout (Go's module cache) is skipped;
// anywhere else a missing example fails the test, saying why.
func exampleMonorepo(t *testing.T) string {
	t.Helper()
	if dir := os.Getenv(exampleMonorepoEnv); dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "BUILD.bazel")); err != nil {
			t.Fatalf("%s=%s: %v", exampleMonorepoEnv, dir, err)
		}
		return dir
	}
	pkgDir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("TEST_SRCDIR") != "" {
		if pkgDir, err = sourceDirOfRunfiles("testdata"); err != nil {
			t.Fatalf("under Bazel: finding the source tree from the runfiles: %v; "+
				"pass --test_env=%s=/path/to/examples/monorepo", err, exampleMonorepoEnv)
		}
	}
	src := filepath.Join(pkgDir, "..", "examples", "monorepo")
	if _, err := os.Stat(filepath.Join(src, "BUILD.bazel")); err != nil {
		if strings.Contains(filepath.Base(pkgDir), "@") {
			t.Skipf("%s is a copy of the module from Go's module cache, without examples/: %v", pkgDir, err)
		}
		t.Fatalf("no example monorepo beside the gazelle module: %v "+
			"(this test needs the whole checkout, or %s set to the example's directory)", err, exampleMonorepoEnv)
	}
	return src
}

// sourceDirOfRunfiles returns the source directory holding dir, a directory
// of the current package's runfiles (Bazel links each runfile to its source
// file), by resolving the first file under dir.
func sourceDirOfRunfiles(dir string) (string, error) {
	var rel string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel = p
			return fs.SkipAll
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	if rel == "" {
		return "", errors.New("no file under " + dir)
	}
	real, err := filepath.EvalSymlinks(rel)
	if err != nil {
		return "", err
	}
	src, ok := strings.CutSuffix(real, string(filepath.Separator)+rel)
	if !ok {
		return "", errors.New(rel + " resolves to " + real + ", not to a source tree")
	}
	return src, nil
}
