// Package pytoken tokenizes Python and Cython sources for the scanners that
// read their statements (pyimport, pyxsource): names, one-byte operators,
// string literals of every prefix and quoting (with the expressions of
// f-string replacement fields tokenized, so their nested strings are skipped
// correctly), numbers, and the ends of logical lines. Comments, bracket
// nesting (newlines inside brackets do not end lines) and line continuations
// are handled here, so text in strings and comments never reaches a parser.
// Parser (parse.go) holds the parsing helpers the scanners share. Sources
// are untrusted: any input gives a result.
package pytoken

import "math"

// Kind is a token's kind.
type Kind uint8

const (
	// EOF is the kind Parser.Peek gives past the last token.
	EOF Kind = iota
	// Name is an identifier or keyword.
	Name
	// Op is one punctuation byte ("." "(" ":" ...); "**" is two tokens.
	Op
	// String is a string literal; its text is the literal's contents
	// between the quotes, escapes kept as written.
	String
	// Number is a numeric literal.
	Number
	// Newline is the end of a logical line (empty text).
	Newline
)

// Dialect selects the language's lexical differences.
type Dialect uint8

const (
	// Python strings take the prefixes r, u, b, f, t and their pairs;
	// f- and t-strings' replacement fields are tokenized as expressions
	// that may hold strings with the same quote (PEP 701), and their
	// format specifications ("{n:#x}") are read as text.
	Python Dialect = iota
	// Cython strings take the prefixes r, u, b, f, c (c'x', a C char) and
	// their pairs but not t; an f-string is read up to its closing quote as
	// a plain string, as Cython's lexer before 3.2 (and its
	// Dependencies.strip_string_literals) reads it.
	Cython
)

// Token is a token's kind and position: its text is src[Start:End], Line
// is the 1-based line it starts on. Tokens hold no pointers, so a large
// file's token slice costs the collector nothing to scan.
type Token struct {
	Kind       Kind
	Start, End int32
	Line       int32
}

// MaxLen is the largest source Lex reads; larger ones give no tokens.
const MaxLen = math.MaxInt32

// maxDepth bounds f-string nesting recursion on hostile input.
const maxDepth = 64

// Lex tokenizes src, a source in dialect d. Any input gives a result:
// unterminated strings end at the end of their line (single-quoted) or of
// the input (triple-quoted), unbalanced brackets are tolerated.
func Lex(src string, d Dialect) []Token {
	if len(src) > MaxLen {
		return nil
	}
	lx := lexer{src: src, dialect: d, line: 1}
	lx.run(field{}, 0)
	return lx.toks
}

type lexer struct {
	src     string
	dialect Dialect
	pos     int
	line    int
	depth   int // bracket nesting: newlines inside brackets do not end lines
	toks    []Token
}

func isNameStart(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}

func isNameByte(c byte) bool { return isNameStart(c) || '0' <= c && c <= '9' }

func (lx *lexer) emit(k Kind, start, end, line int) {
	lx.toks = append(lx.toks, Token{Kind: k, Start: int32(start), End: int32(end), Line: int32(line)})
}

// field is the f-string a replacement field is in: its quote byte and
// whether it is triple-quoted. The zero field is the top level.
type field struct {
	quote  byte
	triple bool
}

// run tokenizes until the end of input, or, in a replacement field f of an
// f-string, until the '}' closing the field, which it consumes and reports
// true. In a field of a single-quoted f-string, a newline also ends the
// field: the string is unterminated there.
func (lx *lexer) run(f field, nest int) bool {
	src := lx.src
	inField := f.quote != 0
	depth := 0
	for lx.pos < len(src) {
		c := src[lx.pos]
		switch {
		case c == '\n' && inField && !f.triple:
			return false
		case c == '\n':
			if lx.depth == 0 && !inField && len(lx.toks) > 0 && lx.toks[len(lx.toks)-1].Kind != Newline {
				lx.emit(Newline, lx.pos, lx.pos, lx.line)
			}
			lx.line++
			lx.pos++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f':
			lx.pos++
		case c == '\\' && lx.pos+1 < len(src) && (src[lx.pos+1] == '\n' || src[lx.pos+1] == '\r'):
			// A line continuation. Lines are counted at '\n' only, as
			// everywhere else: a lone '\r' joins lines without one.
			lx.pos++
			if src[lx.pos] == '\r' && lx.pos+1 < len(src) && src[lx.pos+1] == '\n' {
				lx.pos++
			}
			if src[lx.pos] == '\n' {
				lx.line++
			}
			lx.pos++
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
			if lx.pos < len(src) && (src[lx.pos] == '"' || src[lx.pos] == '\'') && lx.isStringPrefix(src[start:lx.pos]) {
				lx.str(start, nest)
				continue
			}
			lx.emit(Name, start, lx.pos, lx.line)
		case '0' <= c && c <= '9':
			start := lx.pos
			for lx.pos < len(src) && (isNameByte(src[lx.pos]) || src[lx.pos] == '.' ||
				(src[lx.pos] == '+' || src[lx.pos] == '-') && (src[lx.pos-1] == 'e' || src[lx.pos-1] == 'E')) {
				lx.pos++
			}
			lx.emit(Number, start, lx.pos, lx.line)
		default:
			lx.pos++
			switch c {
			case ':':
				// A format specification follows the expression.
				if inField && depth == 0 && !lx.spec(f, nest) {
					return false
				}
			case '(', '[', '{':
				lx.depth++
				depth++
			case ')', ']', '}':
				if inField && depth == 0 && c == '}' {
					return true
				}
				if lx.depth > 0 {
					lx.depth--
				}
				if depth > 0 {
					depth--
				}
			}
			lx.emit(Op, lx.pos-1, lx.pos, lx.line)
		}
	}
	return false
}

// spec skips the format specification of a replacement field in f, the
// text after the field's top-level ':' ("{x:>{width}}"): literal text, with
// nested replacement fields, up to the '}' closing the field (not
// consumed). It reports false when the string ends first: at its closing
// quote, at a newline in a single-quoted string, or at the end of input.
func (lx *lexer) spec(f field, nest int) bool {
	src := lx.src
	for lx.pos < len(src) {
		c := src[lx.pos]
		switch {
		case c == '}':
			return true
		case c == '{' && nest+1 < maxDepth:
			lx.pos++
			if !lx.run(f, nest+1) {
				return false
			}
			continue
		case c == '\\':
			lx.escape()
			continue
		case c == '\n':
			if !f.triple {
				return false
			}
			lx.line++
		case c == f.quote:
			if !f.triple || lx.pos+2 < len(src) && src[lx.pos+1] == c && src[lx.pos+2] == c {
				return false
			}
		}
		lx.pos++
	}
	return false
}

// escape skips the backslash at lx.pos and the character it escapes. An
// escaped line end is the whole of it, "\r\n" included: in a CRLF file a
// backslash-continued single-quoted string goes on to the next line.
func (lx *lexer) escape() {
	src := lx.src
	lx.pos++
	if lx.pos < len(src) && src[lx.pos] == '\r' && lx.pos+1 < len(src) && src[lx.pos+1] == '\n' {
		lx.pos++
	}
	if lx.pos < len(src) && src[lx.pos] == '\n' {
		lx.line++
	}
	lx.pos++
}

// isStringPrefix reports whether p, a name directly followed by a quote,
// is a string prefix of the dialect.
func (lx *lexer) isStringPrefix(p string) bool {
	if len(p) > 2 {
		return false
	}
	var seen [2]byte
	for i := 0; i < len(p); i++ {
		c := p[i] | 0x20 // ASCII lower case; other bytes never match below
		switch {
		case c == 'r' || c == 'u' || c == 'b' || c == 'f':
		case c == 't' && lx.dialect == Python, c == 'c' && lx.dialect == Cython:
		default:
			return false
		}
		seen[i] = c
	}
	if len(p) == 2 {
		// Pairs: a raw prefix with one of b, f, t (either order).
		a, b := seen[0], seen[1]
		if b == 'r' {
			a, b = b, a
		}
		return a == 'r' && (b == 'b' || b == 'f' || b == 't')
	}
	return true
}

// isFormat reports whether the prefix of a Python string makes it an f- or
// t-string, whose replacement fields are expressions.
func isFormat(prefix string) bool {
	for i := 0; i < len(prefix); i++ {
		if c := prefix[i] | 0x20; c == 'f' || c == 't' {
			return true
		}
	}
	return false
}

// str consumes a string literal whose prefix starts at start; lx.pos is at
// the opening quote. Expressions inside Python f-string (and t-string)
// replacement fields are tokenized so their nested strings are skipped
// correctly; their tokens are discarded.
func (lx *lexer) str(start, nest int) {
	src := lx.src
	format := lx.dialect == Python && nest < maxDepth && isFormat(src[start:lx.pos])
	q := src[lx.pos]
	triple := lx.pos+2 < len(src) && src[lx.pos+1] == q && src[lx.pos+2] == q
	if triple {
		lx.pos += 3
	} else {
		lx.pos++
	}
	body, line := lx.pos, lx.line
	for lx.pos < len(src) {
		c := src[lx.pos]
		switch {
		case c == '\\':
			lx.escape()
			continue
		case c == '\n':
			if !triple {
				lx.emit(String, body, lx.pos, line)
				return // unterminated; the newline ends the line
			}
			lx.line++
		case c == q:
			if !triple {
				lx.emit(String, body, lx.pos, line)
				lx.pos++
				return
			}
			if lx.pos+2 < len(src) && src[lx.pos+1] == q && src[lx.pos+2] == q {
				lx.emit(String, body, lx.pos, line)
				lx.pos += 3
				return
			}
		case c == '{' && format:
			if lx.pos+1 < len(src) && src[lx.pos+1] == '{' {
				lx.pos += 2
				continue
			}
			lx.pos++
			saved, savedDepth := len(lx.toks), lx.depth
			lx.run(field{quote: q, triple: triple}, nest+1)
			lx.toks, lx.depth = lx.toks[:saved], savedDepth
			continue
		}
		lx.pos++
	}
	lx.pos = min(lx.pos, len(src))
	lx.emit(String, body, lx.pos, line)
}
