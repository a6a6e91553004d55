package pkgdesc

import (
	"fmt"
	"strings"
)

// tokKind is the kind of a Python token.
type tokKind int

const (
	tEOF tokKind = iota
	tName
	tString
	tNumber
	tOp
	tNewline
	tIndent
	tDedent
)

// token is one Python token. For a string, val is its decoded value and
// dynamic is set for an f-string or a bytes literal, whose value the
// reader does not compute.
type token struct {
	kind    tokKind
	text    string
	val     string
	line    int
	dynamic bool
	// fstring is set for an f-string (not bytes): val is its text with
	// the {expressions} in it, read by exprReader.fstring.
	fstring bool
}

// maxIndentDepth bounds the indentation stack: deeper nesting is not a
// build description anyone writes, and the bound keeps fuzzing cheap.
const maxIndentDepth = 100

// lexError is a tokenizing failure at a line of the file.
type lexError struct {
	line int
	msg  string
}

func (e *lexError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

var threeCharOps = []string{"**=", "//=", ">>=", "<<=", "..."}
var twoCharOps = []string{"->", ":=", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "**", "//", "<<", ">>"}

// lex splits Python source into tokens the way Python's tokenizer does for
// what a setup.py uses: logical lines (NEWLINE only outside brackets, with
// backslash continuations), INDENT and DEDENT from leading whitespace, and
// string literals with their prefixes and triple quotes. It never executes
// anything; an unterminated string or bracket, or an inconsistent dedent,
// is an error naming the line.
func lex(src string) ([]token, error) {
	var toks []token
	indents := []int{0}
	line := 1
	depth := 0
	atLineStart := true
	i := 0
	for i < len(src) {
		if atLineStart && depth > 0 {
			// A line inside brackets continues the logical line.
			atLineStart = false
		}
		if atLineStart && depth == 0 {
			// Measure the indentation of a new logical line.
			col := 0
			j := i
			for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\f') {
				if src[j] == '\t' {
					col = (col/8 + 1) * 8
				} else if src[j] == ' ' {
					col++
				}
				j++
			}
			if j >= len(src) {
				i = j
				break
			}
			if src[j] == '\n' || src[j] == '\r' || src[j] == '#' || src[j] == '\\' && j+1 < len(src) && (src[j+1] == '\n' || src[j+1] == '\r') {
				// A blank or comment-only line does not change indentation.
				i = j
				atLineStart = false
				goto body
			}
			atLineStart = false
			i = j
			switch top := indents[len(indents)-1]; {
			case col > top:
				if len(indents) > maxIndentDepth {
					return nil, &lexError{line, "indentation too deep"}
				}
				indents = append(indents, col)
				toks = append(toks, token{kind: tIndent, line: line})
			case col < top:
				for col < indents[len(indents)-1] {
					indents = indents[:len(indents)-1]
					toks = append(toks, token{kind: tDedent, line: line})
				}
				if col != indents[len(indents)-1] {
					return nil, &lexError{line, "unindent does not match any outer indentation level"}
				}
			}
		}
	body:
		c := src[i]
		switch {
		case c == '\n' || c == '\r':
			if c == '\r' && i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			i++
			if depth == 0 && len(toks) > 0 && toks[len(toks)-1].kind != tNewline && toks[len(toks)-1].kind != tIndent && toks[len(toks)-1].kind != tDedent {
				toks = append(toks, token{kind: tNewline, line: line})
			}
			line++
			atLineStart = true
		case c == ' ' || c == '\t' || c == '\f':
			i++
		case c == '#':
			for i < len(src) && src[i] != '\n' && src[i] != '\r' {
				i++
			}
		case c == '\\':
			if i+1 < len(src) && (src[i+1] == '\n' || src[i+1] == '\r') {
				i++
				if src[i] == '\r' && i+1 < len(src) && src[i+1] == '\n' {
					i++
				}
				i++
				line++
				continue
			}
			return nil, &lexError{line, "unexpected character after line continuation character"}
		case isNameStart(c):
			j := i
			for j < len(src) && isNameChar(src[j]) {
				j++
			}
			if j < len(src) && (src[j] == '\'' || src[j] == '"') && j-i <= 2 && isStringPrefix(src[i:j]) {
				tok, n, lines, err := lexString(src[j:], strings.ToLower(src[i:j]), line)
				if err != nil {
					return nil, err
				}
				toks = append(toks, tok)
				i = j + n
				line += lines
				continue
			}
			toks = append(toks, token{kind: tName, text: src[i:j], line: line})
			i = j
		case c == '\'' || c == '"':
			tok, n, lines, err := lexString(src[i:], "", line)
			if err != nil {
				return nil, err
			}
			toks = append(toks, tok)
			i += n
			line += lines
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9':
			j := i + 1
			for j < len(src) && (isNameChar(src[j]) || src[j] == '.' || (src[j] == '+' || src[j] == '-') && (src[j-1] == 'e' || src[j-1] == 'E')) {
				j++
			}
			toks = append(toks, token{kind: tNumber, text: src[i:j], line: line})
			i = j
		default:
			op := string(c)
			for _, set := range [][]string{threeCharOps, twoCharOps} {
				for _, o := range set {
					if strings.HasPrefix(src[i:], o) {
						op = o
						goto found
					}
				}
			}
		found:
			switch op {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				if depth == 0 {
					return nil, &lexError{line, fmt.Sprintf("unmatched %q", op)}
				}
				depth--
			}
			toks = append(toks, token{kind: tOp, text: op, line: line})
			i += len(op)
		}
	}
	if depth > 0 {
		return nil, &lexError{line, "unexpected end of file inside brackets"}
	}
	if len(toks) > 0 && toks[len(toks)-1].kind != tNewline && toks[len(toks)-1].kind != tDedent && toks[len(toks)-1].kind != tIndent {
		toks = append(toks, token{kind: tNewline, line: line})
	}
	for len(indents) > 1 {
		indents = indents[:len(indents)-1]
		toks = append(toks, token{kind: tDedent, line: line})
	}
	toks = append(toks, token{kind: tEOF, line: line})
	return toks, nil
}

func isNameStart(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}

func isNameChar(c byte) bool { return isNameStart(c) || '0' <= c && c <= '9' }

func isStringPrefix(p string) bool {
	switch strings.ToLower(p) {
	case "r", "u", "b", "f", "br", "rb", "fr", "rf":
		return true
	}
	return false
}

// lexString reads a string literal starting at its opening quote. It
// returns the token, the bytes consumed and the newlines inside.
func lexString(s, prefix string, line int) (token, int, int, error) {
	q := s[0]
	triple := len(s) >= 3 && s[1] == q && s[2] == q
	start := 1
	if triple {
		start = 3
	}
	raw := strings.Contains(prefix, "r")
	var b strings.Builder
	lines := 0
	for i := start; i < len(s); i++ {
		c := s[i]
		switch {
		case c == q && (!triple || i+2 < len(s) && s[i+1] == q && s[i+2] == q):
			end := i + 1
			if triple {
				end = i + 3
			}
			dyn := strings.ContainsAny(prefix, "fb")
			fstr := strings.Contains(prefix, "f") && !strings.Contains(prefix, "b")
			return token{kind: tString, text: s[:end], val: b.String(), line: line, dynamic: dyn, fstring: fstr}, end, lines, nil
		case c == '\\' && i+1 < len(s):
			i++
			e := s[i]
			if e == '\n' {
				lines++
			}
			if raw {
				b.WriteByte('\\')
				b.WriteByte(e)
				continue
			}
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case '\\', '\'', '"':
				b.WriteByte(e)
			case '\n':
			default:
				b.WriteByte('\\')
				b.WriteByte(e)
			}
		case c == '\n':
			if !triple {
				return token{}, 0, 0, &lexError{line + lines, "unterminated string literal"}
			}
			lines++
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return token{}, 0, 0, &lexError{line, "unterminated string literal"}
}
