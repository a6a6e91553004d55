package pkgdesc

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Values of the small part of Python a setup.py's description is written
// in. A list, a dict and an extension are pointers because Python shares
// them: "sources.append(x)" after "Extension(sources=sources)" changes
// the extension's sources too.
type (
	value any // string, *list, *dict, *extCall, none, dyn

	list struct {
		items []value
		// changedAt is the line of a change made under a condition the
		// reader cannot decide (0 if none): the value is then unknown.
		changedAt int
	}
	dict struct {
		m         map[string]value
		changedAt int
	}
	// extCall is an Extension(...) call: its arguments, read when the
	// whole file has been walked.
	extCall struct {
		args     map[string]value
		ext      *Extension
		pyxGlob  bool // a cythonize() pattern: the name comes from the path
		platform string
		// subclass is the Extension subclass called (CMakeExtension, a
		// class that builds its sources its own way): only the name is
		// read, to name the module the directory scan finds.
		subclass string
		// boundTo is the variable the call's result was first assigned
		// to ("lz4stream = Extension(...)"), if any.
		boundTo string
	}
	none struct{}
	// dyn is a value computed at build time: why says what.
	dyn struct{ why string }
)

// mode says how the statements being walked run on Linux.
type mode int

const (
	runs      mode = iota // always
	mayRun                // under a condition the reader cannot decide
	neverRuns             // only on another platform
)

type setupReader struct {
	d       *Description
	fsys    fs.FS
	toks    []token
	pos     int
	vars    map[string]value
	varLine map[string]int // line of an assignment under an undecided condition
	aliases map[string]string
	calls   []*extCall
	callAt  map[callKey]*extCall
	// referenced are the names read by statements that may run on Linux
	// (anywhere in the file, before or after their assignment): an
	// Extension bound to a name never read there is not built by default.
	referenced map[string]bool
	// unavailable are the names imported from a module an isolated build
	// does not have (Cython when build-system.requires does not list it).
	unavailable map[string]bool
	// iteration is the item of a list comprehension being evaluated (1,
	// 2, ...; 0 outside one): one Extension call per item.
	iteration int
	platform  string // the other platform of the branch being walked
	// subclasses are the Extension subclasses already reported.
	subclasses map[string]bool
}

const file = SetupPyFile

// readSetupPy reads the Extension(...) calls and setup(package_dir=...) of
// a setup.py, walking its statements without running them: assignments of
// literals, list changes (append, extend, +=), os.path.join, glob.glob,
// sorted() and cythonize() are followed; branches on the platform are
// decided for Linux; anything else is a dyn value, reported where it is used.
func readSetupPy(d *Description, src string, fsys fs.FS) {
	toks, err := lex(src)
	if err != nil {
		le := err.(*lexError)
		d.Problems = append(d.Problems, Problem{File: file, Line: le.line, Msg: "could not read: " + le.msg})
		d.Incomplete = true
		return
	}
	r := &setupReader{d: d, fsys: fsys, toks: toks, vars: map[string]value{}, varLine: map[string]int{},
		aliases: map[string]string{}, callAt: map[callKey]*extCall{}, referenced: map[string]bool{}, unavailable: map[string]bool{}, subclasses: map[string]bool{}}
	r.block(runs, 0)
	r.finish()
}

func (r *setupReader) peek() token { return r.toks[r.pos] }

func (r *setupReader) problem(line int, format string, args ...any) {
	r.d.Problems = append(r.d.Problems, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// block walks statements until the DEDENT that closes the block (or EOF).
func (r *setupReader) block(m mode, nest int) {
	for {
		t := r.peek()
		switch t.kind {
		case tEOF:
			return
		case tDedent:
			r.pos++
			if nest > 0 {
				return
			}
			continue
		case tNewline, tIndent:
			r.pos++
			continue
		}
		r.statement(m, nest)
	}
}

var compound = map[string]bool{"if": true, "for": true, "while": true, "with": true, "try": true,
	"except": true, "finally": true, "def": true, "class": true, "else": true, "elif": true, "async": true, "match": false}

// statement walks one statement starting at r.pos.
func (r *setupReader) statement(m mode, nest int) {
	t := r.peek()
	if t.kind == tName && t.text == "if" {
		r.ifChain(m, nest)
		return
	}
	if t.kind == tName && compound[t.text] {
		// Loops and handlers may run any number of times (or none);
		// definitions and with/try bodies are walked as if they ran.
		inner := m
		switch t.text {
		case "for", "while", "except", "else", "elif":
			inner = max(m, mayRun)
		}
		h := r.header()
		if t.text == "class" {
			r.subclass(h)
		}
		if m != neverRuns {
			r.noteRefs(h)
		}
		r.body(inner, nest)
		return
	}
	start := r.pos
	for r.peek().kind != tNewline && r.peek().kind != tEOF {
		r.pos++
	}
	stmt := r.toks[start:r.pos]
	r.pos++ // the NEWLINE
	for len(stmt) > 0 {
		i := 0
		for i < len(stmt) && !(stmt[i].kind == tOp && stmt[i].text == ";") {
			i++
		}
		r.simple(stmt[:i], start, m)
		if i == len(stmt) {
			break
		}
		start += i + 1
		stmt = stmt[i+1:]
	}
}

// header skips a compound statement's header, up to and including its
// colon at bracket depth 0, and returns the tokens before the colon.
func (r *setupReader) header() []token {
	r.pos++ // the keyword
	start := r.pos
	depth := 0
	for {
		t := r.peek()
		if t.kind == tEOF || t.kind == tNewline && depth == 0 {
			return r.toks[start:r.pos]
		}
		if t.kind == tOp {
			switch t.text {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				depth--
			case ":":
				if depth == 0 {
					h := r.toks[start:r.pos]
					r.pos++
					return h
				}
			}
		}
		r.pos++
	}
}

// body walks a compound statement's body: an indented block, or simple
// statements on the header's line.
func (r *setupReader) body(m mode, nest int) {
	if r.peek().kind == tNewline {
		r.pos++
		if r.peek().kind == tIndent {
			r.pos++
			r.block(m, nest+1)
		}
		return
	}
	r.statement(m, nest)
}

// ifChain walks if/elif/else, deciding platform conditions for Linux.
func (r *setupReader) ifChain(m mode, nest int) {
	taken := false // an earlier branch is known to run on Linux
	allNo := true  // every earlier branch is known not to run: else does
	first := true
	for {
		t := r.peek()
		if !(first && t.text == "if" || !first && (t.text == "elif" || t.text == "else")) || t.kind != tName {
			return
		}
		first = false
		cond := r.header()
		if m != neverRuns {
			r.noteRefs(cond)
		}
		var verdict tri
		var word string
		if t.text == "else" {
			verdict = unknown
			if allNo {
				verdict = yes
			}
		} else {
			verdict, word = platformCondition(cond)
			if verdict == unknown {
				verdict = r.truth(cond)
				if verdict == no && len(cond) > 0 {
					word = fmt.Sprintf("a build that is not the default one (the condition at line %d is false by default)", cond[0].line)
				}
			}
		}
		allNo = allNo && verdict == no
		bm := m
		savedPlatform := r.platform
		switch {
		case taken || verdict == no:
			bm = neverRuns
			if r.platform == "" {
				r.platform = word
				if r.platform == "" {
					r.platform = "another platform"
				}
			}
		case verdict == yes:
			taken = true
		default:
			bm = max(m, mayRun)
		}
		r.body(bm, nest)
		r.platform = savedPlatform
		for r.peek().kind == tNewline {
			r.pos++
		}
	}
}

// simple walks a simple statement: an assignment, a list change, a call.
func (r *setupReader) simple(stmt []token, at int, m mode) {
	if len(stmt) == 0 {
		return
	}
	switch stmt[0].text {
	case "import", "from":
		if stmt[0].kind == tName {
			r.imports(stmt)
			return
		}
	case "return", "yield", "assert", "del", "raise", "global", "nonlocal", "pass", "break", "continue":
		if stmt[0].kind == tName {
			stmt = stmt[1:]
			at++
		}
	}
	// Targets of "a = b = expr" and "a += expr".
	var targets []string
	augmented := false
	for {
		i := 0
		depth := 0
		for i < len(stmt) {
			t := stmt[i]
			if t.kind == tOp {
				switch t.text {
				case "(", "[", "{":
					depth++
				case ")", "]", "}":
					depth--
				}
				if depth == 0 && (t.text == "=" || t.text == "+=") {
					break
				}
			}
			i++
		}
		if i == len(stmt) {
			break
		}
		name := dottedText(stmt[:i])
		if stmt[i].text == "+=" {
			augmented = true
		}
		targets = append(targets, name)
		stmt = stmt[i+1:]
		at += i + 1
		if augmented {
			break
		}
	}
	if len(stmt) == 0 {
		return
	}
	if m != neverRuns {
		r.noteRefs(stmt)
		for _, t := range targets {
			// pkg_ext.sources = [...]: a use of pkg_ext.
			if base, _, dotted := strings.Cut(t, "."); dotted || strings.Contains(t, "[") {
				r.referenced[strings.SplitN(base, "[", 2)[0]] = true
			}
		}
	}
	e := &exprReader{r: r, toks: stmt, base: at}
	v := e.expr()
	if e.pos < len(stmt) && !e.failed {
		v = dyn{fmt.Sprintf("%q is not read", stmt[e.pos].textOrKind())}
	}
	if e.failed || e.pos < len(stmt) {
		// A construct the reader does not follow: Extension calls
		// inside it are still read one by one.
		r.scanCalls(stmt, at)
	}
	if m == neverRuns {
		return
	}
	line := stmt[0].line
	for _, t := range targets {
		if t == "" {
			continue
		}
		if augmented {
			r.change(t, "+=", v, line, m)
			continue
		}
		if _, isNone := v.(none); isNone && r.unavailable[t] && m != neverRuns {
			// "cythonize = None" in the handler of a failing import:
			// the name has no other value.
			r.vars[t] = v
			delete(r.varLine, t)
			continue
		}
		if m == mayRun {
			if _, ok := r.vars[t]; ok {
				r.varLine[t] = line
			}
			// First assigned under a condition: used as if it ran.
			if _, ok := r.vars[t]; !ok {
				r.vars[t] = v
			}
			continue
		}
		r.vars[t] = v
		delete(r.varLine, t)
		if c, ok := v.(*extCall); ok && c.boundTo == "" && len(targets) == 1 {
			c.boundTo = t
		}
	}
	if len(targets) == 0 {
		r.methodCall(stmt, m)
	}
}

func (t token) textOrKind() string {
	switch t.kind {
	case tNewline:
		return "end of line"
	case tString:
		return t.text
	}
	return t.text
}

// dottedText joins tokens of a name like "a.b.c"; "" if they are not one.
func dottedText(toks []token) string {
	var b strings.Builder
	for i, t := range toks {
		if i%2 == 0 && t.kind != tName || i%2 == 1 && t.text != "." {
			return ""
		}
		b.WriteString(t.text)
	}
	if len(toks)%2 == 0 {
		return ""
	}
	return b.String()
}

// methodCall follows "x.append(v)", "x.extend(v)", "x.insert(i, v)" and
// "x.attr.append(v)" on lists the reader knows.
func (r *setupReader) methodCall(stmt []token, m mode) {
	n := len(stmt)
	if n < 5 || stmt[n-1].text != ")" {
		return
	}
	i := 0
	for i+1 < n && (stmt[i].kind == tName && stmt[i+1].text == ".") {
		i += 2
	}
	if i < 2 || stmt[i].kind != tName || i+1 >= n || stmt[i+1].text != "(" {
		return
	}
	method := stmt[i].text
	target := dottedText(stmt[:i-1])
	args := stmt[i+2 : n-1]
	e := &exprReader{r: r, toks: args}
	var v value
	switch method {
	case "append", "extend":
		v = e.expr()
		if method == "append" {
			v = &list{items: []value{v}}
		}
	case "insert":
		e.expr()
		if e.pos < len(args) && args[e.pos].text == "," {
			e.pos++
		}
		v = &list{items: []value{e.expr()}}
	default:
		return
	}
	r.change(target, "+=", v, stmt[0].line, m)
}

// change extends the list named by target with v.
func (r *setupReader) change(target, op string, v value, line int, m mode) {
	cur := r.lookup(target)
	l, ok := cur.(*list)
	if !ok {
		if _, isDyn := cur.(dyn); !isDyn && m == runs {
			r.vars[target] = dyn{fmt.Sprintf("%s is changed at line %d in a way the reader does not follow", target, line)}
		}
		return
	}
	if m == mayRun {
		l.changedAt = line
		return
	}
	add, ok := v.(*list)
	if !ok {
		l.items = append(l.items, dyn{whyOf(v)})
		return
	}
	l.items = append(l.items, add.items...)
}

// lookup resolves a name or an attribute of an extension.
func (r *setupReader) lookup(name string) value {
	if v, ok := r.vars[name]; ok {
		if line := r.varLine[name]; line > 0 {
			return dyn{fmt.Sprintf("%s is assigned again at line %d under a condition the reader cannot decide", name, line)}
		}
		return v
	}
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		if c, ok := r.lookup(name[:i]).(*extCall); ok {
			attr := name[i+1:]
			if v, ok := c.args[attr]; ok {
				return v
			}
			l := &list{}
			c.args[attr] = l
			return l
		}
	}
	return dyn{fmt.Sprintf("%s is not a literal the reader knows", name)}
}

func whyOf(v value) string {
	if d, ok := v.(dyn); ok {
		return d.why
	}
	return "not a list"
}

// imports records the names "import" and "from ... import" bind, so that
// a call through an alias ("from os.path import join") is recognized.
func (r *setupReader) imports(stmt []token) {
	if stmt[0].text == "import" {
		for _, part := range splitTop(stmt[1:], ",") {
			name, alias := importAlias(part)
			if alias != "" {
				r.aliases[alias] = name
			}
		}
		return
	}
	i := 1
	for i < len(stmt) && stmt[i].text != "import" {
		i++
	}
	mod := dottedText(stmt[1:i])
	missing := r.notInstalled(mod)
	rest := stmt[min(i+1, len(stmt)):]
	if len(rest) > 0 && rest[0].text == "(" {
		rest = rest[1 : len(rest)-1]
	}
	for _, part := range splitTop(rest, ",") {
		name, alias := importAlias(part)
		if name == "" || name == "*" {
			continue
		}
		if alias == "" {
			alias = name
		}
		r.aliases[alias] = mod + "." + name
		if missing {
			r.unavailable[alias] = true
		} else if _, ok := r.vars[alias]; !ok {
			// Bound by the import: a later "alias = None" in an except
			// handler is not its only value.
			r.vars[alias] = dyn{fmt.Sprintf("%s is imported from %s", alias, mod)}
		}
	}
}

// notInstalled reports whether module mod is Cython's while
// pyproject.toml's build-system.requires, which lists all an isolated
// build can import, does not list Cython: "from Cython.Build import
// cythonize" then fails, and setup.py's ImportError handler runs.
func (r *setupReader) notInstalled(mod string) bool {
	if r.d.BuildRequires == nil || mod != "Cython" && !strings.HasPrefix(mod, "Cython.") {
		return false
	}
	for _, req := range r.d.BuildRequires {
		if req == "cython" {
			return false
		}
	}
	return true
}

// importAlias reads "a.b" or "a.b as c": the alias is "" for "import a.b".
func importAlias(part []token) (string, string) {
	for i, t := range part {
		if t.text == "as" && t.kind == tName && i+1 < len(part) {
			return dottedText(part[:i]), part[i+1].text
		}
	}
	return dottedText(part), ""
}

func splitTop(toks []token, sep string) [][]token {
	var out [][]token
	depth, start := 0, 0
	for i, t := range toks {
		if t.kind != tOp {
			continue
		}
		switch t.text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
		case sep:
			if depth == 0 {
				out = append(out, toks[start:i])
				start = i + 1
			}
		}
	}
	if start < len(toks) {
		out = append(out, toks[start:])
	}
	return out
}

// scanCalls reads each Extension(...) call of a statement the reader could
// not evaluate as a whole.
func (r *setupReader) scanCalls(stmt []token, at int) {
	for i := 0; i+1 < len(stmt); i++ {
		if stmt[i].kind != tName || (i > 0 && stmt[i-1].text == ".") {
			continue
		}
		j := i
		for j+2 < len(stmt) && stmt[j+1].text == "." && stmt[j+2].kind == tName {
			j += 2
		}
		if j+1 >= len(stmt) || stmt[j+1].text != "(" || !r.isExtensionCall(r.resolveName(dottedText(stmt[i:j+1]))) {
			continue
		}
		if _, done := r.callAt[callKey{at + i, 0}]; done {
			continue
		}
		e := &exprReader{r: r, toks: stmt, pos: i, base: at}
		e.expr()
	}
}

// resolveName expands an imported alias at the start of a dotted name.
func (r *setupReader) resolveName(name string) string {
	first, rest, _ := strings.Cut(name, ".")
	if full, ok := r.aliases[first]; ok {
		if rest == "" {
			return full
		}
		return full + "." + rest
	}
	return name
}

// noteRefs records the names toks read.
func (r *setupReader) noteRefs(toks []token) {
	for i, t := range toks {
		if t.kind == tName && (i == 0 || toks[i-1].text != ".") {
			r.referenced[t.text] = true
		}
	}
}

// isExtensionCall reports whether calling name makes an Extension: the
// setuptools classes, or a subclass of one this file defines.
func (r *setupReader) isExtensionCall(name string) bool {
	return isExtensionCallee(name) || r.subclasses[name]
}

func isExtensionCallee(name string) bool {
	last := name[strings.LastIndexByte(name, '.')+1:]
	return last == "Extension" || last == "Pybind11Extension"
}

// finish turns the Extension calls into Extensions.
func (r *setupReader) finish() {
	for _, c := range r.calls {
		e := c.ext
		e.Platform = c.platform
		if e.Platform == "" && c.boundTo != "" && !r.referenced[c.boundTo] && !r.referenced["globals"] && !r.referenced["locals"] && !r.referenced["vars"] {
			// lz4's "lz4stream = Extension(...)", appended to
			// ext_modules only when PYLZ4_EXPERIMENTAL is set.
			e.Platform = fmt.Sprintf("a build that is not the default one (%s is used only under a condition that is false by default)", c.boundTo)
		}
		if c.pyxGlob {
			r.d.Extensions = append(r.d.Extensions, e)
			continue
		}
		if name, ok := c.args["name"].(string); ok {
			e.Name = name
		} else {
			if e.Platform == "" {
				r.problem(e.Line, "could not read the name of an Extension: %s", whyOf(c.args["name"]))
				r.d.Incomplete = true
			}
			continue
		}
		report := func(field string, why string) {
			if e.Platform == "" {
				r.problem(e.Line, "could not read %s of Extension %q: %s", field, e.Name, why)
			}
		}
		if c.subclass != "" {
			// How the subclass builds its sources is not followed (the
			// class statement was reported): the name alone names the
			// module found in the sources.
			e.SourcesUnread = true
			r.d.Extensions = append(r.d.Extensions, e)
			continue
		}
		if srcs, why := stringList(c.args["sources"], false); why != "" {
			e.SourcesUnread = true
			report("sources", why)
		} else {
			for _, s := range srcs {
				if p, ok := cleanPath(s); ok {
					e.Sources = append(e.Sources, p)
				} else {
					report("sources", fmt.Sprintf("%q is outside the package's directory", s))
				}
			}
		}
		if dirs, why := stringList(c.args["include_dirs"], true); why != "" {
			report("an item of include_dirs", why+" (left out)")
			e.IncludeDirs = cleanAll(dirs)
		} else {
			e.IncludeDirs = cleanAll(dirs)
		}
		if defs, why := macroList(c.args["define_macros"]); why != "" {
			report("define_macros", why+" (left out)")
		} else {
			e.Defines = defs
		}
		for field, dst := range map[string]*[]string{"libraries": &e.Libraries, "extra_compile_args": &e.CompileArgs, "extra_link_args": &e.LinkArgs} {
			l, why := stringList(c.args[field], false)
			if why != "" {
				report(field, why+" (left out)")
				continue
			}
			*dst = l
		}
		if std, ok := c.args["cxx_std"].(string); ok {
			e.CompileArgs = append(e.CompileArgs, "-std=c++"+std)
		}
		if lang, ok := c.args["language"].(string); ok {
			e.Language = lang
		}
		r.d.Extensions = append(r.d.Extensions, e)
	}
}

func cleanAll(list []string) []string {
	var out []string
	for _, s := range list {
		if p, ok := cleanPath(s); ok {
			out = append(out, p)
		}
	}
	return out
}

// stringList reads a list of strings. With partial, unreadable items are
// left out and reported through why; otherwise any makes the list unread.
func stringList(v value, partial bool) ([]string, string) {
	switch v := v.(type) {
	case nil, none:
		return nil, ""
	case string:
		return []string{v}, ""
	case dyn:
		return nil, v.why
	case *list:
		if v.changedAt > 0 {
			return nil, fmt.Sprintf("it is changed at line %d under a condition the reader cannot decide", v.changedAt)
		}
		var out []string
		var why string
		for _, it := range v.items {
			switch it := it.(type) {
			case string:
				out = append(out, it)
			case *list:
				sub, w := stringList(it, partial)
				out = append(out, sub...)
				if w != "" && why == "" {
					why = w
				}
			default:
				if why == "" {
					why = whyOf(it)
				}
			}
		}
		if why != "" && !partial {
			return nil, why
		}
		return out, why
	}
	return nil, "not a list of strings"
}

// macroList reads define_macros: (NAME, VALUE) pairs, VALUE a string, a
// number or None.
func macroList(v value) ([]string, string) {
	switch v := v.(type) {
	case nil, none:
		return nil, ""
	case dyn:
		return nil, v.why
	case *list:
		if v.changedAt > 0 {
			return nil, fmt.Sprintf("it is changed at line %d under a condition the reader cannot decide", v.changedAt)
		}
		var out []string
		for _, it := range v.items {
			pair, ok := it.(*list)
			if !ok || len(pair.items) != 2 {
				return nil, "an item is not a (NAME, VALUE) pair: " + whyOf(it)
			}
			name, ok := pair.items[0].(string)
			if !ok {
				return nil, "a macro name: " + whyOf(pair.items[0])
			}
			switch val := pair.items[1].(type) {
			case none:
				out = append(out, name)
			case string:
				out = append(out, name+"="+val)
			default:
				return nil, fmt.Sprintf("the value of %s: %s", name, whyOf(val))
			}
		}
		return out, ""
	}
	return nil, "not a list of (NAME, VALUE) pairs"
}

// globFiles expands a glob.glob pattern relative to the description's
// directory, sorted as setuptools users usually sort it.
func (r *setupReader) globFiles(pattern string) value {
	p, ok := cleanPath(pattern)
	if !ok {
		return dyn{fmt.Sprintf("glob pattern %q is outside the package's directory", pattern)}
	}
	if strings.Contains(p, "**") {
		return dyn{fmt.Sprintf("recursive glob pattern %q", pattern)}
	}
	matches, err := fs.Glob(r.fsys, p)
	if err != nil {
		return dyn{fmt.Sprintf("glob pattern %q: %v", pattern, err)}
	}
	sort.Strings(matches)
	l := &list{}
	for _, m := range matches {
		l.items = append(l.items, m)
	}
	return l
}

// pyxModules makes the extensions of a cythonize("pkg/*.pyx") pattern:
// each file is a module named after its path.
func (r *setupReader) pyxModules(pattern string, line int) value {
	files := r.globFiles(pattern)
	l, ok := files.(*list)
	if !ok {
		return files
	}
	out := &list{}
	for _, f := range l.items {
		s := f.(string)
		if path.Ext(s) != ".pyx" && path.Ext(s) != ".py" {
			continue
		}
		c := &extCall{args: map[string]value{}, pyxGlob: true, platform: r.platform,
			ext: &Extension{Name: "", Sources: []string{s}, File: file, Line: line}}
		r.calls = append(r.calls, c)
		out.items = append(out.items, c)
	}
	return out
}

// subclass reports a class derived from an Extension class (CMakeExtension,
// a build_ext that compiles with another tool): its modules are built in a
// way the reader does not follow, so the description is incomplete.
func (r *setupReader) subclass(header []token) {
	if len(header) == 0 {
		return
	}
	for _, t := range header[1:] {
		if t.kind == tName && strings.HasSuffix(t.text, "Extension") {
			r.problem(header[0].line, "class %s derives from %s: modules it builds are not read", header[0].text, t.text)
			r.subclasses[header[0].text] = true
			r.d.Incomplete = true
			return
		}
	}
}

// truth decides a condition that is a value the reader knows ("if
// sources:", "if not extra_libs:"): an empty list or string and None are
// false.
func (r *setupReader) truth(cond []token) tri {
	if len(cond) > 0 && cond[0].kind == tName && cond[0].text == "not" {
		switch r.truth(cond[1:]) {
		case yes:
			return no
		case no:
			return yes
		}
		return unknown
	}
	if len(cond) == 0 {
		return unknown
	}
	// Evaluate without side effects on the description: a condition
	// holding an Extension call is not one the reader decides.
	for _, t := range cond {
		if t.kind == tName && strings.HasSuffix(t.text, "Extension") {
			return unknown
		}
	}
	saved := len(r.d.Problems)
	e := &exprReader{r: r, toks: cond, base: -1 << 30}
	v := e.expr()
	r.d.Problems = r.d.Problems[:saved]
	if e.failed || e.pos != len(cond) {
		return unknown
	}
	switch v := v.(type) {
	case none:
		return no
	case boolean:
		if v {
			return yes
		}
		return no
	case string:
		if v == "" {
			return no
		}
		return yes
	case *list:
		if v.changedAt > 0 {
			return unknown
		}
		if len(v.items) == 0 {
			return no
		}
		return yes
	}
	return unknown
}
