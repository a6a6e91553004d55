package gazelle

import (
	"os"
	"path/filepath"
	"slices"

	"github.com/bazelbuild/bazel-gazelle/walk"

	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/pkgdesc"
)

// dirFiles returns the names of the files of directory rel (repository-
// relative, "" for the root) as Gazelle's walk listed them: the listing it
// read before calling Configure there, without the files a
// "# gazelle:exclude" leaves out. Configure asks it whether a directory has a
// build description or a conftest.py instead of looking for each by name:
// most directories have none, and a name looked up that is not there costs
// a system call, where the listing costs none.
//
// Outside a Gazelle walk (the language's unit tests call Configure
// directly), and for a directory the walk could not list cleanly (an
// unreadable BUILD file above it leaves its listing empty), the directory
// is read instead.
func dirFiles(repoRoot, rel string) []string {
	// GetDirInfo("") works, but not as its documentation says: it cleans
	// "" to ".", and lists the root again under that name, once a run.
	if files, ok := walkFiles(rel); ok {
		return files
	}
	entries, err := os.ReadDir(filepath.Join(repoRoot, filepath.FromSlash(rel)))
	if err != nil {
		return nil
	}
	files := make([]string, 0, len(entries))
	for _, e := range entries {
		if !e.IsDir() {
			files = append(files, e.Name())
		}
	}
	return files
}

// walkFiles returns the walk's listing of directory rel; ok is false when
// there is none (GetDirInfo panics outside a walk).
func walkFiles(rel string) (files []string, ok bool) {
	defer func() {
		if recover() != nil {
			files, ok = nil, false
		}
	}()
	info, err := walk.GetDirInfo(rel)
	if err != nil {
		return nil, false
	}
	return info.RegularFiles, true
}

// hasFile reports whether a listing from dirFiles names a file. The file
// may still be a symbolic link to something else, or be gone: whoever reads
// it checks.
func hasFile(files []string, name string) bool { return slices.Contains(files, name) }

// lookedFor reports which of the files Configure looks for a listing from
// dirFiles names, in one pass: a build description, a conftest.py, a
// PKG-INFO.
func lookedFor(files []string) (desc, conftest, pkgInfo bool) {
	for _, f := range files {
		switch {
		case f == conftestFile:
			conftest = true
		case f == pkgInfoFile:
			pkgInfo = true
		case slices.Contains(pkgdesc.Names, f):
			desc = true
		}
	}
	return desc, conftest, pkgInfo
}
