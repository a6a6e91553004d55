package pyimport

import "math"

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
	lx := &lexer{src: src, text: string(src), line: 1}
	lx.run(false, false, 0)
	p := parser{text: lx.text, toks: lx.toks}
	for p.i < len(p.toks) {
		t := p.toks[p.i]
		atStart := p.i == 0 || p.toks[p.i-1].kind == kNewline
		p.i++
		if !atStart || t.kind != kName || !(t.start == 0 || src[t.start-1] == '\n') {
			continue
		}
		switch p.text[t.start:t.end] {
		case "async":
			if n := p.peek(); n.kind == kName && p.text[n.start:n.end] == "def" {
				p.i++
				p.function(&out)
			}
		case "def":
			p.function(&out)
		case "class":
			p.class(&out)
		case "if":
			for ; p.i < len(p.toks) && p.toks[p.i].kind != kNewline; p.i++ {
				n := p.toks[p.i]
				if n.kind == kOp && p.text[n.start:n.end] == ":" {
					break
				}
				if n.kind == kName && p.text[n.start:n.end] == "__name__" {
					out.MainGuard = true
				}
			}
		}
	}
	return out
}

func (p *parser) function(out *TopLevel) {
	if n := p.peek(); n.kind == kName && !isKeyword(p.text[n.start:n.end]) {
		p.i++
		out.Functions = append(out.Functions, p.text[n.start:n.end])
	}
}

// class parses "class NAME [(BASES)]", up to the closing parenthesis.
func (p *parser) class(out *TopLevel) {
	n := p.peek()
	if n.kind != kName || isKeyword(p.text[n.start:n.end]) {
		return
	}
	p.i++
	c := Class{Name: p.text[n.start:n.end]}
	if p.isOp("[") { // PEP 695 type parameters: class C[T](Base)
		p.skipBrackets()
	}
	if p.isOp("(") {
		p.i++
		for p.i < len(p.toks) && !p.isOp(")") {
			// One argument: a dotted name followed by ",", ")" or "[" is a
			// base; anything else (keywords, calls, *args) is skipped.
			start := p.i
			name, ok := p.dotted()
			if ok && validModule(name) && (p.isOp(",") || p.isOp(")") || p.isOp("[")) {
				c.Bases = append(c.Bases, name)
			}
			if p.i == start {
				p.i++
			}
			for p.i < len(p.toks) && !p.isOp(",") && !p.isOp(")") {
				if p.isOp("(") || p.isOp("[") || p.isOp("{") {
					p.skipBrackets()
					continue
				}
				if p.peek().kind == kNewline {
					return // cannot happen inside brackets: malformed
				}
				p.i++
			}
			if p.isOp(",") {
				p.i++
			}
		}
	}
	out.Classes = append(out.Classes, c)
}

// skipBrackets skips a bracketed group starting at the current token.
func (p *parser) skipBrackets() {
	depth := 0
	for p.i < len(p.toks) {
		t := p.toks[p.i]
		if t.kind == kNewline {
			return
		}
		p.i++
		if t.kind != kOp {
			continue
		}
		switch p.text[t.start:t.end] {
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
