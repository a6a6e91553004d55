package pyimport

import (
	"math"

	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/pytoken"
)

// TopLevel is what a Python source defines at its top level (statements
// that start in column 0), as far as telling a test file's style needs:
// pytest collects test_* functions, unittest runs TestCase classes, and a
// file with an `if __name__ ...` statement runs something itself.
type TopLevel struct {
	// Functions are the names of top-level def and async def statements.
	Functions []string
	// Classes are the top-level class statements.
	Classes []Class
	// MainGuard is set when a top-level if statement tests __name__.
	MainGuard bool
}

// Class is a top-level class statement.
type Class struct {
	Name string
	// Bases are the base classes written as dotted names ("TestCase",
	// "unittest.TestCase"); subscripted bases give the name before the
	// subscript, keyword arguments (metaclass=...) and other expressions
	// nothing.
	Bases []string
}

// ScanTopLevel returns the top-level definitions of a Python source, using
// the same tokenizer as Scan, so text in strings and comments is never
// taken for a definition. Sources over 2 GiB are not scanned.
func ScanTopLevel(src []byte) TopLevel {
	var out TopLevel
	if len(src) > math.MaxInt32 {
		return out
	}
	p := parser{Parser: pytoken.NewParser(string(src), pytoken.Python)}
	for p.I < len(p.Toks) {
		t := p.Toks[p.I]
		atStart := p.I == 0 || p.Toks[p.I-1].Kind == pytoken.Newline
		p.I++
		if !atStart || t.Kind != pytoken.Name || !(t.Start == 0 || src[t.Start-1] == '\n') {
			continue
		}
		switch p.Text(t) {
		case "async":
			if n := p.Peek(); n.Kind == pytoken.Name && p.Text(n) == "def" {
				p.I++
				p.function(&out)
			}
		case "def":
			p.function(&out)
		case "class":
			p.class(&out)
		case "if":
			for ; p.I < len(p.Toks) && p.Toks[p.I].Kind != pytoken.Newline; p.I++ {
				n := p.Toks[p.I]
				if n.Kind == pytoken.Op && p.Text(n) == ":" {
					break
				}
				if n.Kind == pytoken.Name && p.Text(n) == "__name__" {
					out.MainGuard = true
				}
			}
		}
	}
	return out
}

func (p *parser) function(out *TopLevel) {
	if n := p.Peek(); n.Kind == pytoken.Name && !isKeyword(p.Text(n)) {
		p.I++
		out.Functions = append(out.Functions, p.Text(n))
	}
}

// class parses "class NAME [(BASES)]", up to the closing parenthesis.
func (p *parser) class(out *TopLevel) {
	n := p.Peek()
	if n.Kind != pytoken.Name || isKeyword(p.Text(n)) {
		return
	}
	p.I++
	c := Class{Name: p.Text(n)}
	if p.IsOp("[") { // PEP 695 type parameters: class C[T](Base)
		p.skipBrackets()
	}
	if p.IsOp("(") {
		p.I++
		for p.I < len(p.Toks) && !p.IsOp(")") {
			// One argument: a dotted name followed by ",", ")" or "[" is a
			// base; anything else (keywords, calls, *args) is skipped.
			start := p.I
			name, ok := p.Dotted()
			if ok && p.ValidModule(name) && (p.IsOp(",") || p.IsOp(")") || p.IsOp("[")) {
				c.Bases = append(c.Bases, name)
			}
			if p.I == start {
				p.I++
			}
			for p.I < len(p.Toks) && !p.IsOp(",") && !p.IsOp(")") {
				if p.IsOp("(") || p.IsOp("[") || p.IsOp("{") {
					p.skipBrackets()
					continue
				}
				if p.Peek().Kind == pytoken.Newline {
					return // cannot happen inside brackets: malformed
				}
				p.I++
			}
			if p.IsOp(",") {
				p.I++
			}
		}
	}
	out.Classes = append(out.Classes, c)
}

// skipBrackets skips a bracketed group starting at the current token.
func (p *parser) skipBrackets() {
	depth := 0
	for p.I < len(p.Toks) {
		t := p.Toks[p.I]
		if t.Kind == pytoken.Newline {
			return
		}
		p.I++
		if t.Kind != pytoken.Op {
			continue
		}
		switch p.Text(t) {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
			if depth <= 0 {
				return
			}
		}
	}
}
