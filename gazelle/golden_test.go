package gazelle

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/bazel-contrib/bazel-gazelle/v2/cmd/gazelle/update"
	"github.com/bazelbuild/bazel-gazelle/language"
)

// Golden tests: each directory under testdata/ is a repository. BUILD.in
// files are the BUILD files before the run (copied as BUILD.bazel), BUILD.out
// the expected result; a directory with BUILD.in and no BUILD.out must come
// out unchanged, and a directory with neither must get no BUILD file.
// messages.txt holds the expected log lines (sorted), arguments.txt extra
// arguments for gazelle, one per line (the first may be the command, fix or
// update), and README a one-line description.
//
// Run with -update to rewrite BUILD.out and messages.txt from the results.

var updateGolden = flag.Bool("update", false, "rewrite the golden BUILD.out and messages.txt files")

func TestGolden(t *testing.T) {
	cases, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range cases {
		if !c.IsDir() || c.Name() == "fuzz" {
			continue
		}
		n++
		t.Run(c.Name(), func(t *testing.T) { runGolden(t, filepath.Join("testdata", c.Name())) })
	}
	if n == 0 {
		t.Fatal("no golden test cases found")
	}
}

func runGolden(t *testing.T, src string) {
	if readme, err := os.ReadFile(filepath.Join(src, "README")); err != nil || len(bytes.TrimSpace(readme)) == 0 {
		t.Errorf("%s: a golden case needs a one-line README", src)
	}
	dir := t.TempDir()
	copyCase(t, src, dir)
	var args []string
	if data, err := os.ReadFile(filepath.Join(src, "arguments.txt")); err == nil {
		args = strings.Fields(string(data))
	}
	msgs := runGazelle(t, dir, args)

	wantMsgsPath := filepath.Join(src, "messages.txt")
	if *updateGolden {
		writeOrRemove(t, wantMsgsPath, strings.Join(msgs, "\n"))
	} else {
		want, _ := os.ReadFile(wantMsgsPath)
		if got := strings.Join(msgs, "\n"); strings.TrimSpace(string(want)) != got {
			t.Errorf("messages:\n%s\nwant:\n%s", got, want)
		}
	}
	checkBuildFiles(t, src, dir)

	// A second run changes nothing and reports the same problems.
	before := snapshotBuildFiles(t, dir)
	again := runGazelle(t, dir, args)
	if after := snapshotBuildFiles(t, dir); !equalMaps(before, after) {
		t.Errorf("a second run changed BUILD files:\nbefore: %v\nafter:  %v", before, after)
	}
	if strings.Join(again, "\n") != strings.Join(msgs, "\n") {
		t.Errorf("a second run reported:\n%s\nthe first:\n%s", strings.Join(again, "\n"), strings.Join(msgs, "\n"))
	}
}

// copyCase copies a golden case, turning BUILD.in into BUILD.bazel and
// leaving BUILD.out, README and the test's own files out.
func copyCase(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		base := d.Name()
		switch {
		case base == "BUILD.out", rel == "README", rel == "messages.txt", rel == "arguments.txt":
			return nil
		case base == "BUILD.in":
			rel = filepath.Join(filepath.Dir(rel), "BUILD.bazel")
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dst, "WORKSPACE")); errors.Is(err, fs.ErrNotExist) {
		if err := os.WriteFile(filepath.Join(dst, "WORKSPACE"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// runGazelle runs Gazelle's update command in process with this language
// and returns its log lines, sorted, with the temporary directory removed.
func runGazelle(t *testing.T, dir string, args []string) []string {
	t.Helper()
	var buf bytes.Buffer
	log.SetOutput(&buf)
	log.SetPrefix("gazelle: ")
	log.SetFlags(0)
	defer func() {
		log.SetOutput(os.Stderr)
		log.SetPrefix("")
		log.SetFlags(log.LstdFlags)
	}()
	var all []string
	if len(args) > 0 && (args[0] == "fix" || args[0] == "update") {
		// The command comes first.
		all, args = []string{args[0]}, args[1:]
	}
	all = append(append(all, "-repo_root="+dir), args...)
	if err := update.Run(context.Background(), []language.Language{NewLanguage()}, dir, all); err != nil {
		t.Fatalf("gazelle %v: %v\n%s", all, err, buf.String())
	}
	return logLines(buf.String(), dir)
}

func logLines(out, dir string) []string {
	var lines []string
	for _, l := range strings.Split(strings.ReplaceAll(out, dir+string(filepath.Separator), ""), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	sort.Strings(lines)
	return lines
}

func checkBuildFiles(t *testing.T, src, dir string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		got, gotErr := os.ReadFile(filepath.Join(dir, rel, "BUILD.bazel"))
		outPath := filepath.Join(p, "BUILD.out")
		want, wantErr := os.ReadFile(outPath)
		if wantErr != nil {
			// No BUILD.out: unchanged BUILD.in, or no BUILD file at all.
			want, wantErr = os.ReadFile(filepath.Join(p, "BUILD.in"))
		}
		if *updateGolden {
			_, inErr := os.Stat(filepath.Join(p, "BUILD.in"))
			switch {
			case gotErr != nil:
				os.Remove(outPath)
			case inErr == nil && bytes.Equal(got, mustRead(t, filepath.Join(p, "BUILD.in"))):
				os.Remove(outPath)
			default:
				writeOrRemove(t, outPath, string(got))
			}
			return nil
		}
		switch {
		case wantErr != nil && gotErr == nil:
			t.Errorf("%s: unexpected BUILD file:\n%s", rel, got)
		case wantErr == nil && gotErr != nil:
			t.Errorf("%s: no BUILD file, want:\n%s", rel, want)
		case wantErr == nil && !bytes.Equal(got, want):
			t.Errorf("%s/BUILD.bazel:\n%s\nwant:\n%s", rel, got, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func mustRead(t *testing.T, p string) []byte {
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func writeOrRemove(t *testing.T, p, content string) {
	if strings.TrimSpace(content) == "" {
		os.Remove(p)
		return
	}
	if !strings.HasSuffix(content, "\n") {
		content += "\n"
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func snapshotBuildFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasPrefix(d.Name(), "BUILD") {
			files[p] = string(mustRead(t, p))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || v != w {
			return false
		}
	}
	return true
}

// TestBinary builds the gazelle command with `go build` and runs it on one
// golden case, so the shipped binary (default languages plus ours) is tested
// too.
func TestBinary(t *testing.T) {
	if *updateGolden {
		t.Skip("not with -update")
	}
	if testing.Short() {
		t.Skip("builds the gazelle binary")
	}
	if runtime.GOOS == "windows" {
		t.Skip("unix only")
	}
	if os.Getenv("TEST_SRCDIR") != "" {
		t.Skip("under Bazel: the go_binary //gazelle/cmd/gazelle is built by Bazel instead")
	}
	bin := filepath.Join(t.TempDir(), "gazelle")
	build := exec.Command("go", "build", "-o", bin, "./cmd/gazelle")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	src := filepath.Join("testdata", "cross_dir_includes")
	dir := t.TempDir()
	copyCase(t, src, dir)
	cmd := exec.Command(bin, "-repo_root="+dir, "-go_prefix=example.com/test")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gazelle: %v\n%s", err, out)
	}
	checkBuildFiles(t, src, dir)
}
