// Package pkgdesc reads a Python package's own build description (setup.py,
// setup.cfg, pyproject.toml) without executing any of it: the extension
// modules it declares (name, sources, include directories, macros,
// libraries, compiler and linker flags) and where its packages live
// (package_dir, a src/ layout). What cannot be read statically is reported
// as a Problem naming the file and line, and left out; the caller then
// falls back to finding modules from the sources.
package pkgdesc

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Files a description is read from, in the order they are read.
const (
	PyprojectFile = "pyproject.toml"
	SetupCfgFile  = "setup.cfg"
	SetupPyFile   = "setup.py"
)

// maxFileSize bounds what is read of a description file.
const maxFileSize = 4 << 20

// Extension is one extension module a description declares. Paths are
// relative to the description's directory, slash-separated and cleaned.
type Extension struct {
	Name        string // full dotted module name; "" when it could not be read
	Sources     []string
	IncludeDirs []string
	Defines     []string // NAME or NAME=VALUE
	Libraries   []string
	CompileArgs []string
	LinkArgs    []string
	Language    string // "c++" when declared

	File string // the description file that declares it
	Line int
	// Platform is set when the description builds the module only for
	// another platform than Linux (a branch on WINDOWS, sys.platform ==
	// "darwin", ...) or only in a build that is not the default one (an
	// environment variable set): what says so.
	Platform string
	// SourcesUnread is set when the sources could not be read statically.
	SourcesUnread bool
}

// Problem is something of a description that could not be read.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// Description is what was read of one directory's build description.
type Description struct {
	// Files are the description files found, in reading order.
	Files []string
	// PackageDir maps a package name ("" for the root package) to its
	// directory, as setuptools' package_dir does.
	PackageDir map[string]string
	// ExtPackage is setup()'s ext_package: the package every Extension
	// name of setup.py is relative to.
	ExtPackage string
	// BuildRequires are the project names of pyproject.toml's
	// build-system.requires: all an isolated build can import. nil when
	// the file does not say.
	BuildRequires []string
	// Backend is pyproject.toml's build-system.build-backend, if any.
	Backend string
	// Unsupported is set when the backend describes its extensions in a
	// form this package does not read (CMake, Meson, Cargo).
	Unsupported string
	Extensions  []*Extension
	Problems    []Problem
	// Incomplete is set when some extension module of the description may
	// have been missed: a file that could not be parsed, an Extension whose
	// name or sources could not be read, an unsupported backend, or no
	// extension declared at all.
	Incomplete bool
}

// backends whose extension modules are declared outside setuptools' forms.
// (Pure-Python backends, such as hatchling, flit-core, pdm-backend and
// poetry-core, build no extension modules: nothing to report.)
var foreignBackends = map[string]string{
	"scikit_build_core.build": "scikit-build-core (CMakeLists.txt)",
	"skbuild":                 "scikit-build (CMakeLists.txt)",
	"mesonpy":                 "meson-python (meson.build)",
	"maturin":                 "maturin (Cargo.toml)",
}

// Names are the names of the description files, in the order Read reads
// them.
var Names = []string{PyprojectFile, SetupCfgFile, SetupPyFile}

// Exists reports whether dir holds any description file.
func Exists(fsys fs.FS) bool {
	for _, f := range Names {
		if st, err := fs.Stat(fsys, f); err == nil && st.Mode().IsRegular() {
			return true
		}
	}
	return false
}

// Read reads the description files of the directory fsys is rooted at. It
// returns nil if there are none.
func Read(fsys fs.FS) *Description {
	d := &Description{PackageDir: map[string]string{}}
	read := func(name string) (string, bool) {
		st, err := fs.Stat(fsys, name)
		if err != nil || !st.Mode().IsRegular() {
			return "", false
		}
		d.Files = append(d.Files, name)
		if st.Size() > maxFileSize {
			d.Problems = append(d.Problems, Problem{File: name, Msg: fmt.Sprintf("%d bytes is over the %d-byte limit; not read", st.Size(), maxFileSize)})
			return "", false
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			d.Problems = append(d.Problems, Problem{File: name, Msg: fmt.Sprintf("cannot be read (%v)", err)})
			return "", false
		}
		return string(data), true
	}
	if src, ok := read(PyprojectFile); ok {
		if !readPyproject(d, src) {
			// Only tools' settings ([tool.ruff], ...): not a package.
			d.Files = d.Files[:len(d.Files)-1]
		}
	}
	if src, ok := read(SetupCfgFile); ok {
		readSetupCfg(d, src)
	}
	if src, ok := read(SetupPyFile); ok {
		readSetupPy(d, src, fsys)
	}
	if len(d.Files) == 0 {
		return nil
	}
	if d.Unsupported != "" {
		d.Incomplete = true
	}
	// A description that declares no extension module may still build
	// some in a way it does not say (a monorepo's top-level pyproject.toml,
	// a custom build_ext): the C sources are then scanned as usual.
	declared := false
	for _, e := range d.Extensions {
		declared = declared || e.Name != ""
	}
	if !declared {
		d.Incomplete = true
	}
	for _, e := range d.Extensions {
		if e.SourcesUnread && e.Platform == "" {
			d.Incomplete = true
		}
	}
	if d.ExtPackage != "" {
		for _, e := range d.Extensions {
			if e.File == SetupPyFile && e.Name != "" {
				e.Name = d.ExtPackage + "." + e.Name
			}
		}
	}
	// cythonize("pkg/*.pyx") modules are named after their paths under
	// the root package's directory.
	root := d.RootDir(fsys)
	for _, e := range d.Extensions {
		if e.Name == "" && len(e.Sources) == 1 {
			p := e.Sources[0]
			if root != "" {
				p = strings.TrimPrefix(p, root+"/")
			}
			e.Name = strings.ReplaceAll(strings.TrimSuffix(p, path.Ext(p)), "/", ".")
		}
	}
	return d
}

// cleanPath cleans a description's relative path; ok is false for a path
// that leaves the description's directory or is absolute.
func cleanPath(p string) (string, bool) {
	p = strings.ReplaceAll(p, "\\", "/")
	if p == "" || path.IsAbs(p) || strings.ContainsRune(p, 0) {
		return "", false
	}
	c := path.Clean(p)
	if c == ".." || strings.HasPrefix(c, "../") {
		return "", false
	}
	return c, true
}

// RootDir returns the directory (relative to the description's) that holds
// top-level packages: package_dir's "" entry, else "src" for a src/ layout
// (packages in src/ and no package_dir), else "".
func (d *Description) RootDir(fsys fs.FS) string {
	if r, ok := d.PackageDir[""]; ok {
		if c, ok := cleanPath(r); ok && c != "." {
			return c
		}
		return ""
	}
	// src/ holds packages (src/pkg/__init__.py), not just C sources.
	if _, err := fs.Stat(fsys, "src/__init__.py"); err == nil {
		return ""
	}
	if inits, _ := fs.Glob(fsys, "src/*/__init__.py"); len(inits) > 0 {
		return "src"
	}
	return ""
}

// platformWords are words that name platforms other than Linux, in
// conditions, module names and source paths.
var platformWords = map[string]string{
	"windows": "windows", "win32": "windows", "win64": "windows", "win": "windows", "nt": "windows", "msvc": "windows", "mingw": "windows", "cygwin": "cygwin",
	"macos": "macos", "osx": "macos", "darwin": "macos", "mac": "macos", "apple": "macos",
	"bsd": "bsd", "freebsd": "freebsd", "openbsd": "openbsd", "netbsd": "netbsd", "dragonfly": "bsd",
	"sunos": "sunos", "solaris": "sunos", "aix": "aix", "haiku": "haiku", "emscripten": "emscripten", "wasi": "wasi",
}

// pathPlatformWords are the platform words trusted in paths and module
// names, where short words ("win", "nt", "mac") are too often something
// else.
var pathPlatformWords = map[string]bool{
	"windows": true, "win32": true, "win64": true, "msvc": true, "macos": true, "osx": true, "darwin": true,
	"bsd": true, "freebsd": true, "openbsd": true, "netbsd": true, "sunos": true, "solaris": true, "aix": true,
	"cygwin": true, "haiku": true, "emscripten": true,
}

// OtherPlatform returns the platform other than Linux that a module name or
// source path is for ("_psutil_windows", "arch/osx/proc.c"), or "".
func OtherPlatform(name string) string {
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return r == '/' || r == '.' || r == '_' || r == '-'
	}) {
		if pathPlatformWords[w] {
			return platformWords[w]
		}
	}
	return ""
}

func sortedUnique(list []string) []string {
	sort.Strings(list)
	out := list[:0]
	for i, s := range list {
		if i == 0 || s != list[i-1] {
			out = append(out, s)
		}
	}
	return out
}
