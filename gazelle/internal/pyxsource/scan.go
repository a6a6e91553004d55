// Package pyxsource reads what Gazelle needs from a Cython source (.pyx,
// .pxd, .pxi): the modules it cimports, the files it includes, the C headers
// of its `cdef extern from "..."` blocks, and the `# distutils:` lines of its
// header comment (language, sources). It tokenizes the file (comments,
// string literals of every prefix and quoting, bracket nesting, line
// continuations), so text in strings and comments is never taken for a
// statement. Sources are untrusted: any input gives a result.
package pyxsource

import (
	"math"
	"strings"
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
	info.Language, info.Sources = header(string(src))
	lx := lexer{src: string(src), line: 1}
	lx.run()
	p := parser{toks: lx.toks}
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

type kind uint8

const (
	kName kind = iota + 1
	kOp
	kString  // text is the literal's contents (escapes kept as written)
	kNewline // end of a logical line
	kOther   // numbers
)

type token struct {
	kind kind
	text string
	line int
}

type lexer struct {
	src   string
	pos   int
	line  int
	depth int // bracket nesting: newlines inside brackets do not end lines
	toks  []token
}

func isNameStart(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}

func isNameByte(c byte) bool { return isNameStart(c) || '0' <= c && c <= '9' }

func (lx *lexer) emit(k kind, text string, line int) {
	lx.toks = append(lx.toks, token{kind: k, text: text, line: line})
}

func (lx *lexer) run() {
	src := lx.src
	for lx.pos < len(src) {
		c := src[lx.pos]
		switch {
		case c == '\n':
			if lx.depth == 0 && len(lx.toks) > 0 && lx.toks[len(lx.toks)-1].kind != kNewline {
				lx.emit(kNewline, "", lx.line)
			}
			lx.line++
			lx.pos++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f':
			lx.pos++
		case c == '\\' && lx.pos+1 < len(src) && (src[lx.pos+1] == '\n' || src[lx.pos+1] == '\r'):
			lx.pos++
			if src[lx.pos] == '\r' && lx.pos+1 < len(src) && src[lx.pos+1] == '\n' {
				lx.pos++
			}
			lx.pos++
			lx.line++
		case c == '#':
			for lx.pos < len(src) && src[lx.pos] != '\n' {
				lx.pos++
			}
		case c == '"' || c == '\'':
			lx.str()
		case isNameStart(c):
			start := lx.pos
			for lx.pos < len(src) && isNameByte(src[lx.pos]) {
				lx.pos++
			}
			if lx.pos < len(src) && (src[lx.pos] == '"' || src[lx.pos] == '\'') && isStringPrefix(src[start:lx.pos]) {
				lx.str()
				continue
			}
			lx.emit(kName, src[start:lx.pos], lx.line)
		case '0' <= c && c <= '9':
			for lx.pos < len(src) && (isNameByte(src[lx.pos]) || src[lx.pos] == '.') {
				lx.pos++
			}
			lx.emit(kOther, "", lx.line)
		default:
			lx.pos++
			switch c {
			case '(', '[', '{':
				lx.depth++
			case ')', ']', '}':
				if lx.depth > 0 {
					lx.depth--
				}
			}
			lx.emit(kOp, src[lx.pos-1:lx.pos], lx.line)
		}
	}
}

func isStringPrefix(p string) bool {
	if len(p) > 2 {
		return false
	}
	switch strings.ToLower(p) {
	case "r", "u", "b", "f", "c", "br", "rb", "fr", "rf":
		return true
	}
	return false
}

// str consumes a string literal; lx.pos is at its opening quote. An
// unterminated single-quoted string ends at the end of its line.
func (lx *lexer) str() {
	src := lx.src
	q := src[lx.pos]
	triple := lx.pos+2 < len(src) && src[lx.pos+1] == q && src[lx.pos+2] == q
	if triple {
		lx.pos += 3
	} else {
		lx.pos++
	}
	start, line := lx.pos, lx.line
	for lx.pos < len(src) {
		c := src[lx.pos]
		switch {
		case c == '\\':
			if lx.pos+1 < len(src) && src[lx.pos+1] == '\n' {
				lx.line++
			}
			lx.pos += 2
			continue
		case c == '\n':
			if !triple {
				lx.emit(kString, src[start:lx.pos], line)
				return
			}
			lx.line++
		case c == q:
			if !triple {
				lx.emit(kString, src[start:lx.pos], line)
				lx.pos++
				return
			}
			if lx.pos+2 < len(src) && src[lx.pos+1] == q && src[lx.pos+2] == q {
				lx.emit(kString, src[start:lx.pos], line)
				lx.pos += 3
				return
			}
		}
		lx.pos++
	}
	lx.pos = min(lx.pos, len(src))
	lx.emit(kString, src[min(start, len(src)):lx.pos], line)
}

type parser struct {
	toks []token
	i    int
}

func (p *parser) peek() token {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return token{}
}

func (p *parser) isName(s string) bool { t := p.peek(); return t.kind == kName && t.text == s }
func (p *parser) isOp(s string) bool   { t := p.peek(); return t.kind == kOp && t.text == s }

// parse looks at the start of every statement: after a newline, a ';', or
// the ':' of a block header ("cdef extern from "x.h": ..." counts too).
func (p *parser) parse(info *Info) {
	atStart := true
	for p.i < len(p.toks) {
		t := p.toks[p.i]
		if atStart && t.kind == kName {
			switch t.text {
			case "cimport":
				p.i++
				p.cimportStmt(info, t.line)
				atStart = false
				continue
			case "from":
				p.i++
				p.fromStmt(info, t.line)
				atStart = false
				continue
			case "include":
				p.i++
				if s := p.peek(); s.kind == kString && s.text != "" {
					p.i++
					info.Includes = append(info.Includes, s.text)
				}
				atStart = false
				continue
			case "cdef", "ctypedef":
				p.i++
				p.externStmt(info)
				atStart = false
				continue
			}
		}
		p.i++
		atStart = t.kind == kNewline || t.kind == kOp && (t.text == ";" || t.text == ":")
	}
}

// externStmt parses the rest of `cdef [public|api|...] extern from "h.h" ...`.
func (p *parser) externStmt(info *Info) {
	for p.isName("public") || p.isName("api") || p.isName("nogil") {
		p.i++
	}
	if !p.isName("extern") {
		return
	}
	p.i++
	if !p.isName("from") {
		return
	}
	p.i++
	if s := p.peek(); s.kind == kString && s.text != "" && s.text != "*" {
		p.i++
		info.Externs = append(info.Externs, s.text)
	}
}

// dotted parses NAME ('.' NAME)*.
func (p *parser) dotted() (string, bool) {
	t := p.peek()
	if t.kind != kName {
		return "", false
	}
	p.i++
	parts := []string{t.text}
	for p.isOp(".") {
		p.i++
		t = p.peek()
		if t.kind != kName {
			return "", false
		}
		p.i++
		parts = append(parts, t.text)
	}
	return strings.Join(parts, "."), true
}

func (p *parser) alias() bool {
	if p.isName("as") {
		p.i++
		if p.peek().kind != kName {
			return false
		}
		p.i++
	}
	return true
}

func (p *parser) cimportStmt(info *Info, line int) {
	for {
		name, ok := p.dotted()
		if !ok || !validModule(name) || !p.alias() {
			return
		}
		info.Cimports = append(info.Cimports, Cimport{Module: name, Line: line})
		if !p.isOp(",") {
			return
		}
		p.i++
	}
}

// fromStmt parses "from MODULE cimport NAMES"; a Python "from x import y"
// is not a cimport and is skipped.
func (p *parser) fromStmt(info *Info, line int) {
	dots := 0
	for p.isOp(".") {
		dots++
		p.i++
	}
	mod := strings.Repeat(".", dots)
	if !p.isName("cimport") {
		name, ok := p.dotted()
		if !ok || !validModule(name) {
			return
		}
		mod += name
	}
	if !p.isName("cimport") || mod == "" {
		return
	}
	p.i++
	imp := Cimport{Module: mod, Line: line}
	if p.isOp("*") {
		p.i++
		info.Cimports = append(info.Cimports, imp)
		return
	}
	paren := p.isOp("(")
	if paren {
		p.i++
	}
	for {
		t := p.peek()
		if t.kind != kName || isKeyword(t.text) {
			break
		}
		p.i++
		imp.Names = append(imp.Names, t.text)
		if !p.alias() || !p.isOp(",") {
			break
		}
		p.i++
	}
	if paren && !p.isOp(")") {
		return
	}
	if len(imp.Names) > 0 {
		info.Cimports = append(info.Cimports, imp)
	}
}

func validModule(name string) bool {
	for _, part := range strings.Split(name, ".") {
		if isKeyword(part) {
			return false
		}
	}
	return true
}

func isKeyword(s string) bool {
	switch s {
	case "False", "None", "True", "and", "as", "assert", "async", "await", "break",
		"class", "continue", "def", "del", "elif", "else", "except", "finally", "for",
		"from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
		"pass", "raise", "return", "try", "while", "with", "yield",
		"cimport", "cdef", "cpdef", "ctypedef", "include":
		return true
	}
	return false
}
