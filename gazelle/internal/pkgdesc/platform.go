package pkgdesc

import "strings"

// tri is a three-valued truth: whether a condition holds on Linux.
type tri int

const (
	unknown tri = iota
	yes
	no
)

// platformCondition decides an if/elif test for Linux when it is made of
// platform checks ("WINDOWS", "sys.platform == 'darwin'", "os.name ==
// 'posix'", "sys.platform.startswith('linux')") joined by and, or, not
// and brackets. It also returns the other platform a false test names.
func platformCondition(cond []token) (tri, string) {
	p := &condParser{toks: cond}
	v, word := p.or()
	if p.pos != len(cond) {
		return unknown, ""
	}
	return v, word
}

type condParser struct {
	toks []token
	pos  int
}

func (p *condParser) at(s string) bool {
	return p.pos < len(p.toks) && p.toks[p.pos].text == s && p.toks[p.pos].kind != tString
}

func (p *condParser) or() (tri, string) {
	v, w := p.and()
	for p.at("or") {
		p.pos++
		x, xw := p.and()
		switch {
		case v == yes || x == yes:
			v = yes
		case v == no && x == no:
			if w == "" {
				w = xw
			}
		default:
			v = unknown
		}
	}
	return v, w
}

func (p *condParser) and() (tri, string) {
	v, w := p.not()
	for p.at("and") {
		p.pos++
		x, xw := p.not()
		switch {
		case v == no:
		case x == no:
			v, w = no, xw
		case v == yes && x == yes:
		default:
			v = unknown
		}
	}
	return v, w
}

func (p *condParser) not() (tri, string) {
	if p.at("not") {
		p.pos++
		v, _ := p.not()
		switch v {
		case yes:
			return no, "another platform"
		case no:
			return yes, ""
		}
		return unknown, ""
	}
	return p.atom()
}

// atom reads one check: a bracketed condition or a run of tokens up to
// and/or at depth 0.
func (p *condParser) atom() (tri, string) {
	if p.at("(") {
		save := p.pos
		p.pos++
		v, w := p.or()
		if p.at(")") {
			p.pos++
			return v, w
		}
		p.pos = save
	}
	start := p.pos
	depth := 0
	for p.pos < len(p.toks) {
		t := p.toks[p.pos]
		if t.kind == tOp {
			switch t.text {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				if depth == 0 {
					return classifyCheck(p.toks[start:p.pos])
				}
				depth--
			}
		}
		if depth == 0 && t.kind == tName && (t.text == "and" || t.text == "or") {
			break
		}
		p.pos++
	}
	return classifyCheck(p.toks[start:p.pos])
}

// classifyCheck decides one platform check: it names Linux (or POSIX), or
// another platform, and is negated by != or "not in".
func classifyCheck(toks []token) (tri, string) {
	if v, why := environmentCheck(toks); v != unknown {
		return v, why
	}
	linux, other := false, ""
	negated := false
	for i, t := range toks {
		var words []string
		switch t.kind {
		case tName:
			if t.text == "not" && i+1 < len(toks) && toks[i+1].text == "in" {
				negated = true
			}
			words = strings.Split(strings.ToLower(t.text), "_")
		case tString:
			words = []string{strings.ToLower(t.val)}
		case tOp:
			if t.text == "!=" {
				negated = true
			}
		}
		for _, w := range words {
			switch {
			case w == "linux" || w == "posix" || w == "linux2":
				linux = true
			case platformWords[w] != "":
				if other == "" {
					other = platformWords[w]
				}
			}
		}
	}
	var v tri
	switch {
	case linux && other == "":
		v = yes
	case other != "" && !linux:
		v = no
	default:
		return unknown, ""
	}
	if negated {
		if v == yes {
			return no, "another platform"
		}
		return yes, ""
	}
	return v, other
}

// environmentCheck decides a test of an environment variable
// (os.getenv("X"), os.environ.get("X") == "1", "X" in os.environ) as a
// default build has it: unset. It returns the verdict and what the branch
// depends on, or unknown if the check reads no environment variable.
func environmentCheck(toks []token) (tri, string) {
	env := false
	for i, t := range toks {
		if t.kind == tName && t.text == "os" && i+2 < len(toks) && toks[i+1].text == "." && (toks[i+2].text == "getenv" || toks[i+2].text == "environ") {
			env = true
		}
	}
	if !env {
		return unknown, ""
	}
	const what = "a build with an environment variable set"
	for i, t := range toks {
		switch {
		case t.kind == tOp && t.text == "!=":
			return yes, "" // unset differs from any value
		case t.kind == tName && t.text == "is":
			if i+1 < len(toks) && toks[i+1].text == "not" {
				return no, what // "is not None"
			}
			return yes, "" // "is None"
		case t.kind == tName && t.text == "not" && i+1 < len(toks) && toks[i+1].text == "in":
			return yes, "" // "X" not in os.environ
		}
	}
	return no, what // set, equal to a value, or in os.environ
}
