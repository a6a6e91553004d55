package pytoken

import "strings"

// Parser walks the tokens of a source with the parsing helpers the
// scanners share: dotted names, aliases, and the module lists of import
// statements ("import a.b as c, d", "from ..a import (b, c as d)") and of
// their Cython counterparts (cimport, from ... cimport).
type Parser struct {
	// Src is the source; a token's text is Src[t.Start:t.End].
	Src  string
	Toks []Token
	// I is the index of the next token.
	I       int
	Dialect Dialect
}

// NewParser tokenizes src, a source in dialect d, and returns a Parser at
// its first token. Sources over MaxLen have no tokens.
func NewParser(src string, d Dialect) Parser {
	return Parser{Src: src, Toks: Lex(src, d), Dialect: d}
}

// Peek returns the next token, of kind EOF past the last one.
func (p *Parser) Peek() Token {
	if p.I < len(p.Toks) {
		return p.Toks[p.I]
	}
	return Token{}
}

// Text returns a token's text.
func (p *Parser) Text(t Token) string { return p.Src[t.Start:t.End] }

// IsName reports whether the next token is the name s.
func (p *Parser) IsName(s string) bool {
	t := p.Peek()
	return t.Kind == Name && p.Src[t.Start:t.End] == s
}

// IsOp reports whether the next token is the operator s.
func (p *Parser) IsOp(s string) bool {
	t := p.Peek()
	return t.Kind == Op && p.Src[t.Start:t.End] == s
}

// StartsStatement reports whether a statement can start after t: after a
// newline, after ';', and after the ':' of a compound statement header
// ("else: import x", `cdef extern from "x.h": ...`). Other colons
// (annotations, slices, dict displays, lambdas) are never followed by the
// keywords the scanners look for in valid code.
func (p *Parser) StartsStatement(t Token) bool {
	if t.Kind == Newline {
		return true
	}
	if t.Kind != Op {
		return false
	}
	c := p.Src[t.Start]
	return c == ';' || c == ':'
}

// Dotted parses NAME ('.' NAME)*.
func (p *Parser) Dotted() (string, bool) {
	t := p.Peek()
	if t.Kind != Name {
		return "", false
	}
	first, last, spaced := p.I, t, false
	p.I++
	for p.IsOp(".") {
		dot := p.Toks[p.I]
		p.I++
		t = p.Peek()
		if t.Kind != Name {
			return "", false
		}
		p.I++
		// Spaces or a line continuation between the parts.
		spaced = spaced || dot.Start != last.End || t.Start != dot.End
		last = t
	}
	if !spaced {
		return p.Src[p.Toks[first].Start:last.End], true
	}
	var b strings.Builder
	for i := first; i < p.I; i += 2 { // NAME '.' NAME ...
		if i > first {
			b.WriteByte('.')
		}
		b.WriteString(p.Text(p.Toks[i]))
	}
	return b.String(), true
}

// Alias parses an optional "as NAME"; it reports false when "as" is not
// followed by a name.
func (p *Parser) Alias() bool {
	if p.IsName("as") {
		p.I++
		if p.Peek().Kind != Name {
			return false
		}
		p.I++
	}
	return true
}

// IsKeyword reports whether s is a keyword of the dialect, which no module
// or imported name can be: Python's hard keywords, and for Cython also
// cimport, cdef, cpdef, ctypedef and include.
func (d Dialect) IsKeyword(s string) bool {
	switch s {
	case "False", "None", "True", "and", "as", "assert", "async", "await", "break",
		"class", "continue", "def", "del", "elif", "else", "except", "finally", "for",
		"from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
		"pass", "raise", "return", "try", "while", "with", "yield":
		return true
	case "cimport", "cdef", "cpdef", "ctypedef", "include":
		return d == Cython
	}
	return false
}

// ValidModule reports whether no part of a dotted name is a keyword
// ("import if").
func (p *Parser) ValidModule(name string) bool {
	for {
		part, rest, more := strings.Cut(name, ".")
		if p.Dialect.IsKeyword(part) {
			return false
		}
		if !more {
			return true
		}
		name = rest
	}
}

// Modules parses the rest of an "import" (or "cimport") statement,
// DOTTED [as NAME] (',' DOTTED [as NAME])*, calling add with each module up
// to the first that is malformed.
func (p *Parser) Modules(add func(module string)) {
	for {
		name, ok := p.Dotted()
		if !ok || !p.ValidModule(name) || !p.Alias() {
			return
		}
		add(name)
		if !p.IsOp(",") {
			return
		}
		p.I++
	}
}

// From parses the rest of a "from" statement whose second keyword is kw
// ("import" or "cimport"): ['.'...] [DOTTED] kw ('*' | NAMES | '(' NAMES ')'),
// NAMES being NAME [as NAME] (',' NAME [as NAME])* [',']. It returns the
// module, relative ones with their leading dots ("from . import x" gives
// "."), and the imported names (none for "*"); ok is false when there is
// nothing to record (another statement, or a malformed one).
func (p *Parser) From(kw string) (module string, names []string, ok bool) {
	dots := 0
	for p.IsOp(".") {
		dots++
		p.I++
	}
	module = strings.Repeat(".", dots)
	if !p.IsName(kw) {
		name, ok := p.Dotted()
		if !ok || !p.ValidModule(name) {
			return "", nil, false
		}
		module += name
	}
	if !p.IsName(kw) || module == "" {
		return "", nil, false
	}
	p.I++
	if p.IsOp("*") {
		p.I++
		return module, nil, true
	}
	// Inside the parentheses the lexer emits no Newline tokens.
	paren := p.IsOp("(")
	if paren {
		p.I++
	}
	for {
		t := p.Peek()
		if t.Kind != Name || p.Dialect.IsKeyword(p.Text(t)) {
			break
		}
		p.I++
		names = append(names, p.Text(t))
		if !p.Alias() || !p.IsOp(",") {
			break
		}
		p.I++
	}
	if paren && !p.IsOp(")") || len(names) == 0 {
		return "", nil, false
	}
	return module, names, true
}
