// Package pyxsource reads what Gazelle needs from a Cython source (.pyx,
// .pxd, .pxi): the modules it cimports, the files it includes, the C headers
// of its `cdef extern from "..."` blocks, and the `# distutils:` lines of its
// header comment (language, sources). It tokenizes the file with pytoken's
// Cython dialect (comments, string literals of every prefix and quoting,
// bracket nesting, line continuations), so text in strings and comments is
// never taken for a statement. Sources are untrusted: any input gives a
// result.
package pyxsource

import (
	"math"
	"strings"

	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/pytoken"
)

// Cimport is one `cimport` statement's module.
type Cimport struct {
	// Module is the dotted module name; relative ones keep their leading
	// dots ("from . cimport x" gives ".").
	Module string
	// Names are the names of "from Module cimport a, b", which may be
	// submodules. Empty for "cimport Module".
	Names []string
	Line  int
}

// Info is what a Cython source says about its dependencies.
type Info struct {
	Cimports []Cimport
	// Includes are the paths of `include "file.pxi"` statements.
	Includes []string
	// Externs are the headers of `cdef extern from "header.h"` blocks
	// ("*" — no header — is left out).
	Externs []string
	// Language is the value of a `# distutils: language = ...` header line,
	// lower-cased ("c++"), or "".
	Language string
	// Sources are the files of a `# distutils: sources = a.c, b.c` header line.
	Sources []string
}

// Scan reads a Cython source. Sources over 2 GiB are not scanned.
func Scan(src []byte) Info {
	var info Info
	if len(src) > math.MaxInt32 {
		return info
	}
	text := string(src)
	info.Language, info.Sources = header(text)
	p := parser{pytoken.NewParser(text, pytoken.Cython)}
	p.parse(&info)
	return info
}

// header reads the `# distutils: key = value` lines of the comment block at
// the top of the file (what cythonize reads; later lines are ignored).
func header(src string) (language string, sources []string) {
	for _, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if !strings.HasPrefix(line, "#") {
			break
		}
		body := strings.TrimSpace(strings.TrimPrefix(line, "#"))
		rest, ok := strings.CutPrefix(body, "distutils:")
		if !ok {
			continue
		}
		key, value, ok := strings.Cut(rest, "=")
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		switch strings.TrimSpace(key) {
		case "language":
			language = strings.ToLower(value)
		case "sources":
			for _, f := range strings.FieldsFunc(value, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
				sources = append(sources, f)
			}
		}
	}
	return language, sources
}

type parser struct{ pytoken.Parser }

// str returns the contents of the next token if it is a non-empty string
// literal.
func (p *parser) str() (string, bool) {
	t := p.Peek()
	if t.Kind != pytoken.String || t.Start == t.End {
		return "", false
	}
	return p.Text(t), true
}

// parse looks at the start of every statement: after a newline, a ';', or
// the ':' of a block header ("cdef extern from "x.h": ..." counts too).
func (p *parser) parse(info *Info) {
	atStart := true
	for p.I < len(p.Toks) {
		t := p.Toks[p.I]
		p.I++
		if atStart && t.Kind == pytoken.Name && p.statement(info, t) {
			atStart = false
			continue
		}
		atStart = p.StartsStatement(t)
	}
}

// statement parses the rest of a statement starting with kw, if it is one
// of those Scan reads.
func (p *parser) statement(info *Info, kw pytoken.Token) bool {
	switch p.Text(kw) {
	case "cimport":
		p.Modules(func(m string) { info.Cimports = append(info.Cimports, Cimport{Module: m, Line: int(kw.Line)}) })
	case "from":
		// A Python "from x import y" is not a cimport: From skips it.
		if mod, names, ok := p.From("cimport"); ok {
			info.Cimports = append(info.Cimports, Cimport{Module: mod, Names: names, Line: int(kw.Line)})
		}
	case "include":
		if s, ok := p.str(); ok {
			p.I++
			info.Includes = append(info.Includes, s)
		}
	case "cdef", "ctypedef":
		p.externStmt(info)
	default:
		return false
	}
	return true
}

// externStmt parses the rest of `cdef [public|api|...] extern from "h.h" ...`.
func (p *parser) externStmt(info *Info) {
	for p.IsName("public") || p.IsName("api") || p.IsName("nogil") {
		p.I++
	}
	if !p.IsName("extern") {
		return
	}
	p.I++
	if !p.IsName("from") {
		return
	}
	p.I++
	if s, ok := p.str(); ok && s != "*" {
		p.I++
		info.Externs = append(info.Externs, s)
	}
}
