// Package pyimport finds the import statements of a Python source file. It
// tokenizes the file with pytoken (comments, all string literal forms
// including nested f-string expressions, bracket nesting and line
// continuations) and parses "import" and "from ... import" statements
// wherever a statement can start, so text in strings and comments is never
// taken for an import. With the same tokenizer, ScanTopLevel (toplevel.go)
// lists a file's top-level functions and classes, which tell a test file's
// style.
package pyimport

import (
	"math"

	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/pytoken"
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

// Scan returns the imports of a Python source, in source order. Sources
// over 2 GiB are not scanned.
func Scan(src []byte) []Import {
	if len(src) > math.MaxInt32 {
		return nil
	}
	p := parser{Parser: pytoken.NewParser(string(src), pytoken.Python)}
	return p.parse()
}

type parser struct {
	pytoken.Parser
	out []Import
}

// parse looks at the start of every statement for "import" and "from".
func (p *parser) parse() []Import {
	atStart := true
	for p.I < len(p.Toks) {
		t := p.Toks[p.I]
		p.I++
		if atStart && t.Kind == pytoken.Name && p.statement(t) {
			atStart = false
			continue
		}
		atStart = p.StartsStatement(t)
	}
	return p.out
}

// statement parses the rest of a statement starting with kw, if it is an
// import statement.
func (p *parser) statement(kw pytoken.Token) bool {
	switch p.Text(kw) {
	case "import":
		p.Modules(func(m string) { p.out = append(p.out, Import{Module: m, Line: int(kw.Line)}) })
	case "from":
		if mod, names, ok := p.From("import"); ok {
			p.out = append(p.out, Import{Module: mod, Names: names, Line: int(kw.Line)})
		}
	default:
		return false
	}
	return true
}

// isKeyword reports whether s is a Python keyword, never a defined name.
func isKeyword(s string) bool { return pytoken.Python.IsKeyword(s) }
