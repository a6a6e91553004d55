package pkgdesc

import (
	"encoding/json"
	"os"
	"testing"
)

func TestDumpDir(t *testing.T) {
	dir := os.Getenv("PKGDESC_DUMP")
	if dir == "" {
		t.Skip()
	}
	d := Read(os.DirFS(dir))
	b, _ := json.MarshalIndent(d, "", " ")
	t.Log(string(b))
}
