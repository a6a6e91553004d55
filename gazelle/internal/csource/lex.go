// Package csource scans C and C++ sources for what Gazelle needs to know about
// Python extension modules: the modules a file defines and the headers it
// includes. It tokenizes the source (comments, string and character literals,
// raw strings, line splices and preprocessor directives) instead of matching
// regular expressions over lines, so text inside comments, literals and
// "#if 0" blocks is never mistaken for code.
//
// The scanner never fails: malformed input (unterminated comments or literals,
// unbalanced conditionals, invalid UTF-8) is tokenized as well as possible.
package csource

import (
	"bytes"
	"sort"
)

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokIdent
	tokNumber
	tokString // string literal, including raw strings; text includes quotes
	tokChar   // character literal
	tokPunct  // a single punctuation byte
)

type token struct {
	kind       tokKind
	start, end int  // byte offsets in the spliced buffer
	bol        bool // first token on its line: a '#' here starts a directive
}

// lexer splits a spliced buffer (line splices removed) into tokens. Comments
// are skipped as whitespace. It keeps no state besides its position, so a
// caller may save and restore pos to look ahead.
type lexer struct {
	src []byte
	pos int
}

// Byte classes, looked up in a table (the lexer asks for each byte of a
// source): identStart bytes begin an identifier, identByte bytes continue
// one.
const (
	identStart = 1 << iota
	identByte
)

var byteClass = func() (t [256]uint8) {
	for i := range t {
		c := byte(i)
		if c == '_' || c == '$' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80 {
			t[i] |= identStart | identByte
		}
		if isDigit(c) {
			t[i] |= identByte
		}
	}
	return t
}()

func isIdentStart(c byte) bool { return byteClass[c]&identStart != 0 }

func isIdentByte(c byte) bool { return byteClass[c]&identByte != 0 }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// skipSpace skips whitespace and comments and reports whether it crossed a
// newline that is not inside a block comment (a block comment counts as one
// space, as in translation phase 3).
func (lx *lexer) skipSpace() (newline bool) {
	src := lx.src
	for lx.pos < len(src) {
		c := src[lx.pos]
		switch {
		case c == '\n':
			newline = true
			lx.pos++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			lx.pos++
		case c == '/' && lx.pos+1 < len(src) && src[lx.pos+1] == '/':
			for lx.pos < len(src) && src[lx.pos] != '\n' {
				lx.pos++
			}
		case c == '/' && lx.pos+1 < len(src) && src[lx.pos+1] == '*':
			lx.pos += 2
			for lx.pos < len(src) && !(src[lx.pos] == '*' && lx.pos+1 < len(src) && src[lx.pos+1] == '/') {
				lx.pos++
			}
			lx.pos += 2
			if lx.pos > len(src) {
				lx.pos = len(src)
			}
		default:
			return newline
		}
	}
	return newline
}

func (lx *lexer) next() token {
	atStart := lx.pos == 0
	nl := lx.skipSpace() || atStart
	src := lx.src
	start := lx.pos
	if lx.pos >= len(src) {
		return token{kind: tokEOF, start: start, end: start, bol: true}
	}
	t := token{start: start, bol: nl}
	c := src[lx.pos]
	switch {
	case isIdentStart(c):
		for lx.pos < len(src) && isIdentByte(src[lx.pos]) {
			lx.pos++
		}
		if lx.pos < len(src) && (src[lx.pos] == '"' || src[lx.pos] == '\'') && isLiteralPrefix(src[start:lx.pos]) {
			prefix := src[start:lx.pos]
			if src[lx.pos] == '"' && prefix[len(prefix)-1] == 'R' {
				lx.rawString()
			} else {
				lx.quoted(src[lx.pos])
			}
			t.kind = tokString
			if src[start+len(prefix)] == '\'' {
				t.kind = tokChar
			}
		} else {
			t.kind = tokIdent
		}
	case isDigit(c) || c == '.' && lx.pos+1 < len(src) && isDigit(src[lx.pos+1]):
		lx.number()
		t.kind = tokNumber
	case c == '"':
		lx.quoted('"')
		t.kind = tokString
	case c == '\'':
		lx.quoted('\'')
		t.kind = tokChar
	default:
		lx.pos++
		t.kind = tokPunct
	}
	t.end = lx.pos
	return t
}

// isLiteralPrefix reports whether p is an encoding prefix of a string or
// character literal: L, u, U, u8, optionally followed by R for raw strings.
func isLiteralPrefix(p []byte) bool {
	switch string(p) {
	case "L", "u", "U", "u8", "R", "LR", "uR", "UR", "u8R":
		return true
	}
	return false
}

// quoted consumes a string or character literal starting at the opening
// quote. An unterminated literal ends at the end of its line.
func (lx *lexer) quoted(q byte) {
	src := lx.src
	lx.pos++
	for lx.pos < len(src) {
		switch src[lx.pos] {
		case '\\':
			lx.pos += 2
			continue
		case q:
			lx.pos++
			return
		case '\n':
			return
		}
		lx.pos++
	}
	if lx.pos > len(src) {
		lx.pos = len(src)
	}
}

// rawString consumes a C++ raw string R"delim( ... )delim" starting at the
// opening quote. A malformed delimiter makes it an ordinary string.
func (lx *lexer) rawString() {
	src := lx.src
	open := lx.pos
	i := open + 1
	for i < len(src) && i-open-1 <= 16 && src[i] != '(' {
		switch src[i] {
		case ' ', ')', '\\', '\t', '\v', '\f', '\n', '"':
			lx.quoted('"')
			return
		}
		i++
	}
	if i >= len(src) || src[i] != '(' {
		lx.quoted('"')
		return
	}
	delim := src[open+1 : i]
	for j := i + 1; j < len(src); j++ {
		if src[j] == ')' && j+1+len(delim) < len(src) &&
			string(src[j+1:j+1+len(delim)]) == string(delim) && src[j+1+len(delim)] == '"' {
			lx.pos = j + len(delim) + 2
			return
		}
	}
	lx.pos = len(src)
}

// number consumes a preprocessing number, including C++14 digit separators.
func (lx *lexer) number() {
	src := lx.src
	lx.pos++
	for lx.pos < len(src) {
		c := src[lx.pos]
		switch {
		case isIdentByte(c) || c == '.':
			lx.pos++
		case (c == '+' || c == '-') && isExponent(src[lx.pos-1]):
			lx.pos++
		case c == '\'' && lx.pos+1 < len(src) && isIdentByte(src[lx.pos+1]):
			lx.pos += 2
		default:
			return
		}
	}
}

func isExponent(c byte) bool { return c == 'e' || c == 'E' || c == 'p' || c == 'P' }

// splice removes backslash-newline pairs (translation phase 2) and returns
// the spliced buffer with the offsets, in that buffer, where lines were
// joined. The input is returned unchanged when it has no splices.
func splice(src []byte) (out []byte, joins []int) {
	first := firstSplice(src)
	if first < 0 {
		return src, nil
	}
	out = make([]byte, 0, len(src))
	out = append(out, src[:first]...)
	for i := first; i < len(src); i++ {
		if src[i] == '\\' {
			if i+1 < len(src) && src[i+1] == '\n' {
				joins = append(joins, len(out))
				i++
				continue
			}
			if i+2 < len(src) && src[i+1] == '\r' && src[i+2] == '\n' {
				joins = append(joins, len(out))
				i += 2
				continue
			}
		}
		out = append(out, src[i])
	}
	return out, joins
}

// firstSplice returns the offset of the first backslash-newline, or -1.
func firstSplice(src []byte) int {
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\\')
		if j < 0 {
			return -1
		}
		i += j
		if i+1 < len(src) && (src[i+1] == '\n' || src[i+1] == '\r' && i+2 < len(src) && src[i+2] == '\n') {
			return i
		}
		i++
	}
}

// lineIndex maps offsets in a spliced buffer to 1-based line numbers of the
// original source. Lines are counted on demand, from the previous query
// forward (queries come in source order), so a file in which nothing is
// found costs no line counting at all.
type lineIndex struct {
	src   []byte // the spliced buffer
	joins []int  // offsets where a splice was removed
	off   int    // the previous query's offset
	nl    int    // newlines in src[:off]
}

func (li *lineIndex) line(off int) int {
	off = min(max(off, 0), len(li.src))
	if off < li.off {
		li.off, li.nl = 0, 0
	}
	li.nl += bytes.Count(li.src[li.off:off], newline)
	li.off = off
	n := 1 + li.nl
	if len(li.joins) > 0 {
		n += sort.SearchInts(li.joins, off+1)
	}
	return n
}

var newline = []byte{'\n'}
