//go:build unix

package gazelle

import (
	"net"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"github.com/bazelbuild/bazel-gazelle/testtools"
)

// TestSpecialFiles: a FIFO or a socket with a source's name is reported and
// skipped, never opened for a blocking read.
func TestSpecialFiles(t *testing.T) {
	dir, cleanup := testtools.CreateFiles(t, []testtools.FileSpec{
		{Path: "WORKSPACE"},
		{Path: "p/_ok.c", Content: "PyMODINIT_FUNC PyInit__ok(void) { return 0; }\n"},
	})
	defer cleanup()
	if err := syscall.Mkfifo(filepath.Join(dir, "p", "fifo.c"), 0o644); err != nil {
		t.Skipf("no FIFO: %v", err)
	}
	l, err := net.Listen("unix", filepath.Join(dir, "p", "socket.h"))
	if err != nil {
		t.Skipf("no socket: %v", err)
	}
	defer l.Close()
	msgs := runGazelle(t, dir, nil)
	want := []string{
		"gazelle: p/fifo.c: not a regular file; skipped",
		"gazelle: p/socket.h: not a regular file; skipped",
	}
	if !reflect.DeepEqual(msgs, want) {
		t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
}
