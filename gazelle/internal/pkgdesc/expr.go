package pkgdesc

import (
	"fmt"
	"strings"
)

// exprReader evaluates one expression of a setup.py over a token slice.
// It never fails: what it does not follow becomes a dyn value, and failed
// is set when it could not even find where the expression ends.
type exprReader struct {
	r      *setupReader
	toks   []token
	pos    int
	base   int // position of toks[0] in the file's tokens
	failed bool
	depth  int
}

// maxExprDepth bounds recursion on deeply nested brackets.
const maxExprDepth = 200

func (e *exprReader) at(text string) bool {
	return e.pos < len(e.toks) && (e.toks[e.pos].kind == tOp || e.toks[e.pos].kind == tName) && e.toks[e.pos].text == text
}

func (e *exprReader) line() int {
	if e.pos < len(e.toks) {
		return e.toks[e.pos].line
	}
	if len(e.toks) > 0 {
		return e.toks[len(e.toks)-1].line
	}
	return 0
}

// expr reads a full expression, a bare tuple included ("a, b").
func (e *exprReader) expr() value {
	v := e.test()
	if !e.at(",") {
		return v
	}
	l := &list{items: []value{v}}
	for e.at(",") {
		e.pos++
		if e.pos >= len(e.toks) || e.at(")") || e.at("]") || e.at("}") || e.at("=") {
			break
		}
		l.items = append(l.items, e.test())
	}
	return l
}

// test reads a conditional expression, lambda or boolean operation.
func (e *exprReader) test() value {
	if e.depth++; e.depth > maxExprDepth {
		e.failed = true
		e.pos = len(e.toks)
		return dyn{"nesting too deep"}
	}
	defer func() { e.depth-- }()
	if e.at("lambda") {
		e.skipUntil(",", ")", "]", "}")
		return dyn{"a lambda"}
	}
	v := e.orTest()
	if e.at("if") {
		e.pos++
		e.orTest()
		if e.at("else") {
			e.pos++
			e.test()
		}
		return dyn{fmt.Sprintf("a conditional expression at line %d", e.line())}
	}
	return v
}

func (e *exprReader) orTest() value {
	v := e.notTest()
	for e.at("or") || e.at("and") {
		op := e.toks[e.pos].text
		e.pos++
		e.notTest()
		v = dyn{fmt.Sprintf("an %q expression at line %d", op, e.line())}
	}
	return v
}

func (e *exprReader) notTest() value {
	if e.at("not") {
		e.pos++
		e.notTest()
		return dyn{"a \"not\" expression"}
	}
	v := e.arith()
	chained := false
	for e.pos < len(e.toks) && isComparison(e.toks, e.pos) {
		op := e.toks[e.pos].text
		if e.at("not") || e.at("is") && e.pos+1 < len(e.toks) && e.toks[e.pos+1].text == "not" {
			op += " " + e.toks[e.pos+1].text
			e.pos++
		}
		e.pos++
		right := e.arith()
		if b, ok := compare(op, v, right); ok && !chained {
			v = b
		} else {
			v = dyn{fmt.Sprintf("a comparison at line %d", e.line())}
		}
		chained = true
	}
	return v
}

func isComparison(toks []token, i int) bool {
	switch toks[i].text {
	case "==", "!=", "<", ">", "<=", ">=", "in", "is":
		return true
	case "not":
		return i+1 < len(toks) && toks[i+1].text == "in"
	}
	return false
}

// arith reads + and - (and the other binary operators, as dyn).
func (e *exprReader) arith() value {
	v := e.unary()
	for e.pos < len(e.toks) && e.toks[e.pos].kind == tOp {
		op := e.toks[e.pos].text
		switch op {
		case "+", "-", "*", "/", "//", "%", "@", "|", "&", "^", "<<", ">>", "**":
		default:
			return v
		}
		e.pos++
		w := e.unary()
		if op == "+" {
			v = add(v, w)
			continue
		}
		v = dyn{fmt.Sprintf("the operator %q at line %d", op, e.line())}
	}
	return v
}

// add concatenates strings or lists as Python's + does.
func add(a, b value) value {
	switch a := a.(type) {
	case string:
		if b, ok := b.(string); ok {
			return a + b
		}
	case *list:
		if b, ok := b.(*list); ok {
			if a.changedAt > 0 || b.changedAt > 0 {
				return dyn{fmt.Sprintf("a list changed at line %d under a condition the reader cannot decide", max(a.changedAt, b.changedAt))}
			}
			return &list{items: append(append([]value(nil), a.items...), b.items...)}
		}
	case dyn:
		return a
	}
	if d, ok := b.(dyn); ok {
		return d
	}
	return dyn{"a \"+\" of values of different types"}
}

func (e *exprReader) unary() value {
	if e.at("-") || e.at("+") || e.at("~") || e.at("*") || e.at("**") || e.at("await") {
		e.pos++
		e.unary()
		return dyn{"a unary operator"}
	}
	return e.primary()
}

// primary reads an atom and its trailers: attributes, calls, subscripts.
func (e *exprReader) primary() value {
	if e.pos >= len(e.toks) {
		e.failed = true
		return dyn{"an incomplete expression"}
	}
	start := e.pos
	t := e.toks[e.pos]
	if t.kind == tName && !keywords[t.text] {
		// A dotted name, then a call or subscript.
		name := t.text
		e.pos++
		for e.at(".") && e.pos+1 < len(e.toks) && e.toks[e.pos+1].kind == tName {
			name += "." + e.toks[e.pos+1].text
			e.pos += 2
		}
		var v value
		if e.at("(") {
			v = e.call(name, start)
		} else {
			switch name {
			case "None":
				v = none{}
			case "True", "False":
				v = boolean(name == "True")
			default:
				v = e.r.lookup(name)
			}
		}
		return e.trailers(v)
	}
	return e.trailers(e.atom())
}

var keywords = map[string]bool{"if": true, "else": true, "for": true, "in": true, "not": true, "and": true,
	"or": true, "is": true, "lambda": true, "yield": true, "await": true}

// trailers reads what follows an atom: .attr, (args), [index].
func (e *exprReader) trailers(v value) value {
	for {
		switch {
		case e.at("."):
			e.pos++
			if e.pos < len(e.toks) && e.toks[e.pos].kind == tName {
				method := e.toks[e.pos].text
				e.pos++
				if e.at("(") {
					line := e.line()
					pos, _ := e.args()
					if recv, ok := v.(string); ok {
						v = stringMethod(recv, method, pos, line)
					} else {
						v = dyn{fmt.Sprintf("a call of .%s() at line %d", method, line)}
					}
					continue
				}
			}
			v = dyn{"an attribute of a computed value"}
		case e.at("("):
			e.args()
			v = dyn{fmt.Sprintf("a call of a computed value at line %d", e.line())}
		case e.at("["):
			e.pos++
			e.skipBalanced("]")
			v = dyn{fmt.Sprintf("a subscript at line %d", e.line())}
		default:
			return v
		}
	}
}

// atom reads a literal or a bracketed expression.
func (e *exprReader) atom() value {
	t := e.toks[e.pos]
	switch t.kind {
	case tString:
		var b strings.Builder
		var why value
		for e.pos < len(e.toks) && e.toks[e.pos].kind == tString {
			st := e.toks[e.pos]
			e.pos++
			switch {
			case st.fstring:
				v := e.fstring(st)
				if str, ok := v.(string); ok {
					b.WriteString(str)
				} else if why == nil {
					why = v
				}
			case st.dynamic:
				if why == nil {
					why = dyn{fmt.Sprintf("a bytes literal at line %d", st.line)}
				}
			default:
				b.WriteString(st.val)
			}
		}
		if why != nil {
			return why
		}
		return b.String()
	case tNumber:
		e.pos++
		return t.text
	case tOp:
		switch t.text {
		case "(", "[":
			closer := map[string]string{"(": ")", "[": "]"}[t.text]
			e.pos++
			l := &list{}
			for !e.at(closer) && e.pos < len(e.toks) {
				itemStart, callsBefore := e.pos, len(e.r.calls)
				item := e.test()
				if e.at("for") || e.at("async") {
					if t.text == "[" && len(l.items) == 0 {
						return e.comprehension(itemStart, callsBefore, t.line)
					}
					e.skipBalanced(closer)
					return dyn{fmt.Sprintf("a comprehension at line %d", t.line)}
				}
				l.items = append(l.items, item)
				if !e.at(",") {
					break
				}
				e.pos++
			}
			if !e.at(closer) {
				e.skipBalanced(closer)
				return dyn{fmt.Sprintf("an expression at line %d the reader does not follow", t.line)}
			}
			e.pos++
			if t.text == "(" && len(l.items) == 1 && e.toks[e.pos-2].text != "," {
				return l.items[0]
			}
			return l
		case "{":
			e.pos++
			d := &dict{m: map[string]value{}}
			for !e.at("}") && e.pos < len(e.toks) {
				k := e.test()
				if !e.at(":") {
					e.skipBalanced("}")
					return dyn{fmt.Sprintf("a set or comprehension at line %d", t.line)}
				}
				e.pos++
				v := e.test()
				if e.at("for") {
					e.skipBalanced("}")
					return dyn{fmt.Sprintf("a comprehension at line %d", t.line)}
				}
				if ks, ok := k.(string); ok {
					d.m[ks] = v
				}
				if !e.at(",") {
					break
				}
				e.pos++
			}
			if !e.at("}") {
				e.skipBalanced("}")
				return dyn{fmt.Sprintf("a dict at line %d the reader does not follow", t.line)}
			}
			e.pos++
			return d
		}
	}
	e.failed = true
	e.pos++
	return dyn{fmt.Sprintf("%q at line %d", t.text, t.line)}
}

// skipBalanced moves past the closer that balances an opened bracket.
func (e *exprReader) skipBalanced(closer string) {
	depth := 1
	for e.pos < len(e.toks) {
		t := e.toks[e.pos]
		e.pos++
		if t.kind != tOp {
			continue
		}
		switch t.text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			if depth--; depth == 0 {
				return
			}
		}
	}
	e.failed = true
}

// skipUntil moves to the next of stops at bracket depth 0.
func (e *exprReader) skipUntil(stops ...string) {
	depth := 0
	for e.pos < len(e.toks) {
		t := e.toks[e.pos]
		if t.kind == tOp {
			switch t.text {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				if depth == 0 {
					return
				}
				depth--
			}
			if depth == 0 {
				for _, s := range stops {
					if t.text == s {
						return
					}
				}
			}
		}
		e.pos++
	}
}

// args reads a call's arguments: positional values and keyword values.
func (e *exprReader) args() ([]value, map[string]value) {
	e.pos++ // (
	var pos []value
	kw := map[string]value{}
	for !e.at(")") && e.pos < len(e.toks) {
		switch {
		case e.at("**"):
			// A dict the reader knows gives its items as keywords
			// (Extension("m", **options)).
			e.pos++
			if d, ok := e.test().(*dict); ok {
				for k, v := range d.m {
					kw[k] = v
				}
			} else {
				kw["*"] = dyn{"unpacked arguments"}
			}
		case e.at("*"):
			e.pos++
			e.test()
			kw["*"] = dyn{"unpacked arguments"}
		case e.pos+1 < len(e.toks) && e.toks[e.pos].kind == tName && e.toks[e.pos+1].text == "=":
			name := e.toks[e.pos].text
			e.pos += 2
			kw[name] = e.test()
		default:
			v := e.test()
			if e.at("for") {
				e.skipBalanced(")")
				return nil, map[string]value{"*": dyn{"a generator expression"}}
			}
			pos = append(pos, v)
		}
		if !e.at(",") {
			break
		}
		e.pos++
	}
	if !e.at(")") {
		e.skipBalanced(")")
		e.failed = true
		return pos, kw
	}
	e.pos++
	return pos, kw
}

// call evaluates a call of a named function: the few whose meaning the
// reader knows are followed; any other is a dyn value.
func (e *exprReader) call(name string, start int) value {
	line := e.toks[start].line
	full := e.r.resolveName(name)
	if e.r.isExtensionCall(full) {
		c := &extCall{args: map[string]value{}, platform: e.r.platform, ext: &Extension{File: file, Line: line}}
		if !isExtensionCallee(full) {
			c.subclass = full
		}
		key := callKey{e.base + start, e.r.iteration}
		if prev, ok := e.r.callAt[key]; ok {
			c = prev
		} else {
			e.r.callAt[key] = c
			e.r.calls = append(e.r.calls, c)
		}
		pos, kw := e.args()
		for i, f := range []string{"name", "sources"} {
			if i < len(pos) {
				c.args[f] = pos[i]
			}
		}
		for k, v := range kw {
			c.args[k] = v
		}
		return c
	}
	if last := full[strings.LastIndexByte(full, '.')+1:]; strings.HasSuffix(last, "Extension") && e.r.platform == "" && !e.r.subclasses[last] {
		e.r.problem(line, "%s(...) is not an Extension class Gazelle reads; the modules it builds are not read", name)
		e.r.d.Incomplete = true
	}
	pos, kw := e.args()
	if i := strings.LastIndexByte(name, '.'); i > 0 && stringMethods[name[i+1:]] {
		if recv, ok := e.r.lookup(name[:i]).(string); ok {
			return stringMethod(recv, name[i+1:], pos, line)
		}
	}
	switch {
	case full == "os.path.join" || full == "posixpath.join" || full == "os.path.normpath":
		parts := make([]string, 0, len(pos))
		for _, p := range pos {
			s, ok := p.(string)
			if !ok {
				return dyn{fmt.Sprintf("os.path.join of %s", whyOf(p))}
			}
			parts = append(parts, s)
		}
		if len(parts) == 0 {
			return dyn{"os.path.join()"}
		}
		joined := parts[0]
		for _, p := range parts[1:] {
			if strings.HasPrefix(p, "/") {
				joined = p
			} else if joined == "" || strings.HasSuffix(joined, "/") {
				joined += p
			} else {
				joined += "/" + p
			}
		}
		return joined
	case full == "glob.glob" || full == "glob.iglob":
		if len(pos) != 1 {
			return dyn{fmt.Sprintf("glob.glob with %d arguments", len(pos))}
		}
		s, ok := pos[0].(string)
		if !ok {
			return dyn{"glob.glob of " + whyOf(pos[0])}
		}
		return e.r.globFiles(s)
	case full == "os.environ.get" || full == "os.getenv":
		// A default build: the variable is unset.
		if len(pos) >= 2 {
			return pos[1]
		}
		return none{}
	case full == "shlex.split":
		if len(pos) == 1 {
			if s, ok := pos[0].(string); ok {
				l := &list{}
				for _, f := range strings.Fields(s) {
					l.items = append(l.items, f)
				}
				return l
			}
		}
	case full == "sorted" || full == "list" || full == "tuple":
		if len(pos) == 1 {
			if l, ok := pos[0].(*list); ok {
				return &list{items: append([]value(nil), l.items...), changedAt: l.changedAt}
			}
			return pos[0]
		}
	case strings.HasSuffix("."+full, ".cythonize"):
		if len(pos) == 0 {
			return dyn{"cythonize() without modules"}
		}
		return e.cythonize(pos[0], line)
	case strings.HasSuffix("."+full, ".setup"):
		if pd, ok := kw["package_dir"].(*dict); ok {
			for k, v := range pd.m {
				if s, ok := v.(string); ok {
					e.r.d.PackageDir[k] = s
				}
			}
		}
		if ep, ok := kw["ext_package"].(string); ok {
			e.r.d.ExtPackage = ep
		}
		return none{}
	case full == "dict":
		d := &dict{m: map[string]value{}}
		for k, v := range kw {
			d.m[k] = v
		}
		return d
	}
	return dyn{fmt.Sprintf("a call of %s() at line %d", name, line)}
}

// cythonize reads the module list of cythonize(): Extensions, and glob
// patterns of .pyx files.
func (e *exprReader) cythonize(v value, line int) value {
	switch v := v.(type) {
	case string:
		return e.r.pyxModules(v, line)
	case *list:
		out := &list{}
		for _, it := range v.items {
			switch it := it.(type) {
			case string:
				if l, ok := e.r.pyxModules(it, line).(*list); ok {
					out.items = append(out.items, l.items...)
				}
			default:
				out.items = append(out.items, it)
			}
		}
		return out
	}
	return v
}
