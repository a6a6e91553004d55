// Package pyimport finds the import statements of a Python source file. It
// tokenizes the file (comments, all string literal forms including nested
// f-string expressions, bracket nesting and line continuations) and parses
// "import" and "from ... import" statements wherever a statement can start,
// so text in strings and comments is never taken for an import. With the
// same tokenizer, ScanTopLevel (toplevel.go) lists a file's top-level
// functions and classes, which tell a test file's style.
package pyimport

import (
	"math"
	"strings"
)

// Import is one imported module.
type Import struct {
	// Module is the dotted module name. Relative imports keep their leading
	// dots: "from . import x" gives ".", "from ..a import b" gives "..a".
	Module string
	// Names are the names imported by "from Module import ...", which may
	// themselves be submodules. Empty for "import Module" and for "*".
	Names []string
	Line  int
}

type kind uint8

const (
	kEOF kind = iota
	kName
	kOp      // one punctuation byte
	kNewline // end of a logical line
	kOther   // strings, numbers
)

// token is a token's kind and position; its text is src[start:end]. Tokens
// hold no pointers, so a large file's token slice costs the collector
// nothing to scan.
type token struct {
	kind       kind
	start, end int32
	line       int32
}

type lexer struct {
	src   []byte
	text  string // src as a string: token texts are substrings of it
	pos   int
	line  int
	depth int // bracket nesting: newlines inside brackets do not end lines
	toks  []token
}

func isNameStart(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}

func isNameByte(c byte) bool { return isNameStart(c) || '0' <= c && c <= '9' }

// maxDepth bounds f-string nesting recursion on hostile input.
const maxDepth = 64

func (lx *lexer) emit(k kind, start, end int) {
	lx.toks = append(lx.toks, token{kind: k, start: int32(start), end: int32(end), line: int32(lx.line)})
}

// run tokenizes until the end of input, or, when stopAtBrace is set (an
// f-string replacement field), until the '}' closing the field. In a field
// of a single-quoted f-string, a newline also ends the field: the string is
// unterminated there.
func (lx *lexer) run(stopAtBrace, singleLine bool, nest int) {
	src := lx.src
	depth := 0
	for lx.pos < len(src) {
		c := src[lx.pos]
		switch {
		case c == '\n' && stopAtBrace && singleLine:
			return
		case c == '\n':
			if lx.depth == 0 && !stopAtBrace && len(lx.toks) > 0 && lx.toks[len(lx.toks)-1].kind != kNewline {
				lx.emit(kNewline, lx.pos, lx.pos)
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
			lx.str(lx.pos, nest)
		case isNameStart(c):
			start := lx.pos
			for lx.pos < len(src) && isNameByte(src[lx.pos]) {
				lx.pos++
			}
			if lx.pos < len(src) && (src[lx.pos] == '"' || src[lx.pos] == '\'') && isStringPrefix(src[start:lx.pos]) {
				lx.str(start, nest)
				continue
			}
			lx.emit(kName, start, lx.pos)
		case '0' <= c && c <= '9':
			for lx.pos < len(src) && (isNameByte(src[lx.pos]) || src[lx.pos] == '.' ||
				(src[lx.pos] == '+' || src[lx.pos] == '-') && (src[lx.pos-1] == 'e' || src[lx.pos-1] == 'E')) {
				lx.pos++
			}
			lx.emit(kOther, lx.pos, lx.pos)
		default:
			lx.pos++
			switch c {
			case '(', '[', '{':
				lx.depth++
				depth++
			case ')', ']', '}':
				if stopAtBrace && depth == 0 && c == '}' {
					return
				}
				if lx.depth > 0 {
					lx.depth--
				}
				if depth > 0 {
					depth--
				}
			}
			lx.emit(kOp, lx.pos-1, lx.pos)
		}
	}
}

func isStringPrefix(p []byte) bool {
	if len(p) > 2 {
		return false
	}
	switch strings.ToLower(string(p)) {
	case "r", "u", "b", "f", "t", "br", "rb", "fr", "rf", "tr", "rt":
		return true
	}
	return false
}

// str consumes a string literal whose prefix starts at start; lx.pos is at
// the opening quote. Expressions inside f-string (and t-string) replacement
// fields are tokenized so their nested strings are skipped correctly; their
// tokens are discarded.
func (lx *lexer) str(start, nest int) {
	src := lx.src
	prefix := strings.ToLower(string(src[start:lx.pos]))
	format := strings.ContainsAny(prefix, "ft") && nest < maxDepth
	q := src[lx.pos]
	triple := lx.pos+2 < len(src) && src[lx.pos+1] == q && src[lx.pos+2] == q
	if triple {
		lx.pos += 3
	} else {
		lx.pos++
	}
	line := lx.line
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
				lx.emitString(line)
				return // unterminated; the newline ends the line
			}
			lx.line++
		case c == q:
			if !triple {
				lx.pos++
				lx.emitString(line)
				return
			}
			if lx.pos+2 < len(src) && src[lx.pos+1] == q && src[lx.pos+2] == q {
				lx.pos += 3
				lx.emitString(line)
				return
			}
		case c == '{' && format:
			if lx.pos+1 < len(src) && src[lx.pos+1] == '{' {
				lx.pos += 2
				continue
			}
			lx.pos++
			saved, savedDepth := len(lx.toks), lx.depth
			lx.run(true, !triple, nest+1)
			lx.toks, lx.depth = lx.toks[:saved], savedDepth
			continue
		}
		lx.pos++
	}
	if lx.pos > len(src) {
		lx.pos = len(src)
	}
	lx.emitString(line)
}

func (lx *lexer) emitString(line int) {
	lx.toks = append(lx.toks, token{kind: kOther, start: int32(lx.pos), end: int32(lx.pos), line: int32(line)})
}

// Scan returns the imports of a Python source, in source order. Sources
// over 2 GiB are not scanned.
func Scan(src []byte) []Import {
	if len(src) > math.MaxInt32 {
		return nil
	}
	lx := &lexer{src: src, text: string(src), line: 1}
	lx.run(false, false, 0)
	p := parser{text: lx.text, toks: lx.toks}
	return p.parse()
}

type parser struct {
	text string
	toks []token
	i    int
	out  []Import
}

func (p *parser) peek() token {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return token{kind: kEOF}
}

func (p *parser) isOp(s string) bool {
	t := p.peek()
	return t.kind == kOp && p.text[t.start:t.end] == s
}

func (p *parser) parse() []Import {
	atStart := true
	for p.i < len(p.toks) {
		t := p.toks[p.i]
		if atStart && t.kind == kName && (p.text[t.start:t.end] == "import" || p.text[t.start:t.end] == "from") {
			p.i++
			if p.text[t.start:t.end] == "import" {
				p.importStmt(int(t.line))
			} else {
				p.fromStmt(int(t.line))
			}
			atStart = false
			continue
		}
		p.i++
		// A statement starts after a newline, after ';', and after the
		// ':' of a compound statement header ("else: import x"). Other
		// colons (annotations, slices, dict displays, lambdas) are never
		// followed by the keywords "import" or "from" in valid code.
		atStart = t.kind == kNewline || t.kind == kOp && (p.text[t.start:t.end] == ";" || p.text[t.start:t.end] == ":")
	}
	return p.out
}

// dotted parses NAME ('.' NAME)*.
func (p *parser) dotted() (string, bool) {
	t := p.peek()
	if t.kind != kName {
		return "", false
	}
	p.i++
	parts := []string{p.text[t.start:t.end]}
	for p.isOp(".") {
		p.i++
		t = p.peek()
		if t.kind != kName {
			return "", false
		}
		p.i++
		parts = append(parts, p.text[t.start:t.end])
	}
	return strings.Join(parts, "."), true
}

func (p *parser) alias() bool {
	if t := p.peek(); t.kind == kName && p.text[t.start:t.end] == "as" {
		p.i++
		if p.peek().kind != kName {
			return false
		}
		p.i++
	}
	return true
}

func (p *parser) importStmt(line int) {
	for {
		name, ok := p.dotted()
		if !ok || !validModule(name) || !p.alias() {
			return
		}
		p.out = append(p.out, Import{Module: name, Line: line})
		if !p.isOp(",") {
			return
		}
		p.i++
	}
}

func (p *parser) fromStmt(line int) {
	dots := 0
	for p.isOp(".") {
		dots++
		p.i++
	}
	mod := strings.Repeat(".", dots)
	if t := p.peek(); !(t.kind == kName && p.text[t.start:t.end] == "import") {
		name, ok := p.dotted()
		if !ok || !validModule(name) {
			return
		}
		mod += name
	}
	if t := p.peek(); !(t.kind == kName && p.text[t.start:t.end] == "import") || mod == "" {
		return
	}
	p.i++
	imp := Import{Module: mod, Line: line}
	if p.isOp("*") {
		p.i++
		p.out = append(p.out, imp)
		return
	}
	paren := p.isOp("(")
	if paren {
		p.i++
	}
	for {
		t := p.peek()
		if t.kind == kNewline && paren {
			p.i++ // cannot happen inside brackets; tolerate anyway
			continue
		}
		if t.kind != kName || isKeyword(p.text[t.start:t.end]) {
			break
		}
		p.i++
		imp.Names = append(imp.Names, p.text[t.start:t.end])
		if !p.alias() || !p.isOp(",") {
			break
		}
		p.i++
	}
	if paren && !p.isOp(")") {
		return
	}
	if len(imp.Names) > 0 {
		p.out = append(p.out, imp)
	}
}

// validModule rejects keywords used as module names ("import if").
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
		"pass", "raise", "return", "try", "while", "with", "yield":
		return true
	}
	return false
}
