package gazelle

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"path"
	"path/filepath"
	"syscall"
	"unicode/utf8"
)

// maxSourceSize is the largest file the language reads. Cython output of a
// large module is several megabytes; anything this big is not a source.
var maxSourceSize int64 = 64 << 20

// binaryProbe is how many leading bytes are checked for NUL bytes.
const binaryProbe = 8 << 10

type fileKind int

const (
	otherFile fileKind = iota
	cSourceFile
	cHeaderFile
	pythonFile
	cythonFile     // .pyx: a Cython module (cython.go)
	cythonDeclFile // .pxd, .pxi: Cython declarations and include files
)

// The C/C++ file extensions: the files py_static_extension compiles and the
// headers it accepts (what Bazel's C++ rules accept), so that every file the
// language puts in srcs or hdrs is one the rule takes, and every header it
// takes is grouped with its extension. They are rules/private/extension.bzl's
// _C_EXTENSIONS + _CXX_EXTENSIONS and _HEADER_EXTENSIONS with a dot;
// filetypes_test.go reads that file and holds the lists equal.
var (
	sourceExts = []string{".c", ".cc", ".cpp", ".cxx", ".c++", ".C"}
	headerExts = []string{".h", ".hh", ".hpp", ".hxx", ".h++", ".ipp", ".tcc", ".inc", ".inl", ".tlh", ".tli", ".H"}
)

// kindsByExt maps a file extension (with its dot) to the kind of file it
// makes; classify looks every file of every directory up in it.
var kindsByExt = func() map[string]fileKind {
	m := map[string]fileKind{".py": pythonFile, ".pyx": cythonFile, ".pxd": cythonDeclFile, ".pxi": cythonDeclFile}
	for _, ext := range sourceExts {
		m[ext] = cSourceFile
	}
	for _, ext := range headerExts {
		m[ext] = cHeaderFile
	}
	return m
}()

func classify(name string) fileKind {
	ext := path.Ext(name)
	if ext == ".py" {
		return pythonFile // most files of a Python repository: no hashing
	}
	return kindsByExt[ext] // otherFile when absent
}

// warnf reports a problem with one file or directory.
func warnf(where, format string, args ...any) {
	log.Printf("%s: %s", where, fmt.Sprintf(format, args...))
}

// readSource reads a file the language scans. Files that cannot be used are
// reported (naming the file) and skipped; a file that is not valid UTF-8 is
// reported and still scanned byte by byte.
func readSource(dir, rel, name string) ([]byte, bool) {
	data, err := readFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		warnf(path.Join(rel, name), "%s; skipped", describeFileError(err))
		return nil, false
	}
	if bytes.IndexByte(data[:min(len(data), binaryProbe)], 0) >= 0 {
		warnf(path.Join(rel, name), "looks like a binary file (it contains NUL bytes); skipped")
		return nil, false
	}
	if !utf8.Valid(data) {
		warnf(path.Join(rel, name), "not valid UTF-8; scanned anyway")
	}
	return data, true
}

// rereadSource reads again a file that readSource accepted, without
// reporting anything a second time; ok is false if it can no longer be used.
func rereadSource(dir, name string) ([]byte, bool) {
	data, err := readFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil || bytes.IndexByte(data[:min(len(data), binaryProbe)], 0) >= 0 {
		return nil, false
	}
	return data, true
}

// errNotRegular and errTooLarge are readFile's refusals.
var errNotRegular = errors.New("not a regular file")

type errTooLarge struct{ size int64 }

func (e errTooLarge) Error() string {
	return fmt.Sprintf("%d bytes is over the %d-byte limit for sources", e.size, maxSourceSize)
}

func describeFileError(err error) string {
	var tl errTooLarge
	switch {
	case errors.Is(err, errNotRegular):
		return "not a regular file"
	case errors.As(err, &tl):
		return tl.Error()
	}
	return describeReadError(err)
}

func describeReadError(err error) string {
	switch {
	case errors.Is(err, syscall.ELOOP):
		return "symbolic link loop"
	case errors.Is(err, fs.ErrNotExist):
		return "dangling symbolic link"
	case errors.Is(err, fs.ErrPermission):
		return "cannot be read (permission denied)"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Sprintf("cannot be read (%v)", err)
}
