// Values setup.py builds names and paths with, beyond literals: list
// comprehensions, f-strings, str methods and comparisons of known values.

package pkgdesc

import (
	"fmt"
	"strings"
)

// callKey identifies an Extension call: the position of the callee's
// first token in the file, and the comprehension item it was made for.
type callKey struct{ pos, iteration int }

// maxComprehensionItems bounds the items a list comprehension is
// evaluated for.
const maxComprehensionItems = 1000

// comprehension evaluates [ITEM for NAME in ITERABLE] whose iterable is a
// list or tuple of strings the reader knows, once per string with NAME
// bound to it (sqlalchemy's [Extension(f"sqlalchemy.{m}", ...) for m in
// MODULES]). e is at "for"; itemStart is where ITEM starts and
// callsBefore the number of Extension calls before ITEM was first read
// (with NAME unbound: that read's calls are dropped).
func (e *exprReader) comprehension(itemStart, callsBefore, line int) value {
	unread := func() value {
		e.skipBalanced("]")
		return dyn{fmt.Sprintf("a comprehension at line %d", line)}
	}
	if !e.at("for") || e.pos+2 >= len(e.toks) || e.toks[e.pos+1].kind != tName || e.toks[e.pos+2].text != "in" {
		return unread()
	}
	name := e.toks[e.pos+1].text
	e.pos += 3
	iterable := e.orTest()
	if !e.at("]") || e.r.iteration != 0 {
		return unread() // a condition, a second for, or a nested comprehension
	}
	end := e.pos + 1
	l, ok := iterable.(*list)
	if !ok || len(l.items) > maxComprehensionItems {
		e.pos = end
		return dyn{fmt.Sprintf("a comprehension at line %d over %s", line, whyOf(iterable))}
	}
	var strs []string
	for _, it := range l.items {
		s, ok := it.(string)
		if !ok {
			e.pos = end
			return dyn{fmt.Sprintf("a comprehension at line %d over items that are not strings", line)}
		}
		strs = append(strs, s)
	}
	// The first read, with NAME unbound, made calls that name nothing.
	e.r.calls = e.r.calls[:callsBefore]
	oldVal, hadVal := e.r.vars[name]
	oldLine, hadLine := e.r.varLine[name]
	delete(e.r.varLine, name)
	out := &list{}
	for i, s := range strs {
		e.r.vars[name] = s
		e.r.iteration = i + 1
		e.pos = itemStart
		out.items = append(out.items, e.test())
	}
	e.r.iteration = 0
	if hadVal {
		e.r.vars[name] = oldVal
	} else {
		delete(e.r.vars, name)
	}
	if hadLine {
		e.r.varLine[name] = oldLine
	}
	e.pos = end
	return out
}

// fstring evaluates an f-string whose {expressions} are values the reader
// knows, with no conversion or format spec.
func (e *exprReader) fstring(t token) value {
	unread := dyn{fmt.Sprintf("an f-string at line %d", t.line)}
	s := t.val
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '{' && i+1 < len(s) && s[i+1] == '{', c == '}' && i+1 < len(s) && s[i+1] == '}':
			b.WriteByte(c)
			i++
		case c == '}':
			return unread
		case c == '{':
			j := i + 1
			depth := 0
			var quote byte
			for ; j < len(s); j++ {
				d := s[j]
				if quote != 0 {
					if d == quote {
						quote = 0
					}
					continue
				}
				switch d {
				case '\'', '"':
					quote = d
				case '(', '[', '{':
					depth++
				case ')', ']':
					depth--
				case '}':
					depth--
				case '!', ':', '=':
					if depth == 0 {
						return unread // a conversion, format spec or "=" (or "!=")
					}
				}
				if depth < 0 {
					break
				}
			}
			if j >= len(s) || e.depth >= maxExprDepth {
				return unread
			}
			v := e.subExpr(s[i+1:j], t.line)
			str, ok := v.(string)
			if !ok {
				return unread
			}
			b.WriteString(str)
			i = j
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// subExpr evaluates the text of an expression inside an f-string.
func (e *exprReader) subExpr(src string, line int) value {
	toks, err := lex("(" + src + ")\n")
	if err != nil {
		return dyn{"an f-string expression"}
	}
	var body []token
	for _, t := range toks {
		if t.kind == tNewline || t.kind == tIndent || t.kind == tDedent || t.kind == tEOF {
			continue
		}
		t.line = line
		body = append(body, t)
	}
	// Far past the file's own positions: calls inside are keyed apart.
	sub := &exprReader{r: e.r, toks: body, base: (e.base + e.pos + 1) << 24, depth: e.depth + 1}
	v := sub.expr()
	if sub.failed || sub.pos != len(body) {
		return dyn{"an f-string expression"}
	}
	return v
}

// stringMethods are the str methods stringMethod evaluates.
var stringMethods = map[string]bool{"replace": true, "lower": true, "upper": true, "strip": true}

// stringMethod evaluates the str methods a description uses to build
// names and paths.
func stringMethod(recv, method string, args []value, line int) value {
	strArgs := make([]string, 0, len(args))
	for _, a := range args {
		s, ok := a.(string)
		if !ok {
			return dyn{fmt.Sprintf("a call of .%s() at line %d", method, line)}
		}
		strArgs = append(strArgs, s)
	}
	switch {
	case method == "replace" && len(strArgs) == 2:
		return strings.ReplaceAll(recv, strArgs[0], strArgs[1])
	case method == "lower" && len(strArgs) == 0:
		return strings.ToLower(recv)
	case method == "upper" && len(strArgs) == 0:
		return strings.ToUpper(recv)
	case method == "strip" && len(strArgs) == 0:
		return strings.TrimSpace(recv)
	}
	return dyn{fmt.Sprintf("a call of .%s() at line %d", method, line)}
}

// boolean is True or False.
type boolean bool

// compare evaluates a comparison of values the reader knows (strings,
// None, booleans; "in" a list of strings): ok is false otherwise.
func compare(op string, a, b value) (value, bool) {
	switch op {
	case "==", "!=", "is", "is not":
		if op[0] == 'i' {
			// "is" only for the singletons (x is None, flag is True).
			_, an := a.(none)
			_, bn := b.(none)
			_, ab := a.(boolean)
			_, bb := b.(boolean)
			if !(an || bn || ab && bb) {
				return nil, false
			}
		}
		eq, ok := equal(a, b)
		if !ok {
			return nil, false
		}
		return boolean(eq == (op == "==" || op == "is")), true
	case "in", "not in":
		l, ok := b.(*list)
		s, isStr := a.(string)
		if !ok || !isStr || l.changedAt > 0 {
			return nil, false
		}
		found := false
		for _, it := range l.items {
			is, ok := it.(string)
			if !ok {
				return nil, false
			}
			found = found || is == s
		}
		return boolean(found == (op == "in")), true
	}
	return nil, false
}

// equal compares two known scalar values; ok is false when either is not
// one.
func equal(a, b value) (eq, ok bool) {
	known := func(v value) bool {
		switch v.(type) {
		case string, none, boolean:
			return true
		}
		return false
	}
	if !known(a) || !known(b) {
		return false, false
	}
	return a == b, true
}
