package gazelle

import (
	"bufio"
	"bytes"
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
	src := filepath.Join("..", "examples", "monorepo")
	if _, err := os.Stat(filepath.Join(src, "WORKSPACE")); err != nil {
		t.Skipf("no example monorepo: %v", err)
	}
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
