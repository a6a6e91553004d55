package gazelle

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
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
)

func classify(name string) fileKind {
	switch path.Ext(name) {
	case ".c", ".cc", ".cpp", ".cxx", ".c++", ".C":
		return cSourceFile
	case ".h", ".hh", ".hpp", ".hxx", ".inc", ".inl", ".H":
		return cHeaderFile
	case ".py":
		return pythonFile
	}
	return otherFile
}

var sourceExts = []string{".c", ".cc", ".cpp", ".cxx", ".c++", ".C"}

// warnf reports a problem with one file or directory.
func warnf(where, format string, args ...any) {
	log.Printf("%s: %s", where, fmt.Sprintf(format, args...))
}

// readSource reads a file the language scans. Files that cannot be used are
// reported (naming the file) and skipped; a file that is not valid UTF-8 is
// reported and still scanned byte by byte.
func readSource(dir, rel, name string) ([]byte, bool) {
	display := path.Join(rel, name)
	data, err := readFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		warnf(display, "%s; skipped", describeFileError(err))
		return nil, false
	}
	if bytes.IndexByte(data[:min(len(data), binaryProbe)], 0) >= 0 {
		warnf(display, "looks like a binary file (it contains NUL bytes); skipped")
		return nil, false
	}
	if !utf8.Valid(data) {
		warnf(display, "not valid UTF-8; scanned anyway")
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

// readFile reads a regular file of at most maxSourceSize bytes with one
// open, one fstat and (usually) two reads: no stat by name first, and a
// buffer of the file's size. The file is opened non-blocking so that a FIFO
// in the tree is refused instead of waited on.
func readFile(p string) ([]byte, error) {
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		// A socket cannot be opened at all: say what it is, as for a
		// FIFO or a directory.
		if fi, serr := os.Stat(p); serr == nil && !fi.Mode().IsRegular() {
			return nil, errNotRegular
		}
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, errNotRegular
	}
	if fi.Size() > maxSourceSize {
		return nil, errTooLarge{fi.Size()}
	}
	// One byte more than the size, so that the read that finds the end of
	// the file needs no second buffer; a file that grew meanwhile is
	// still read whole (up to the limit).
	data := make([]byte, 0, fi.Size()+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if int64(len(data)) > maxSourceSize {
			return nil, errTooLarge{int64(len(data))}
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
	return data, nil
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
