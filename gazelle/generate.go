package gazelle

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/bazelbuild/bazel-gazelle/rule"

	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/csource"
	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/modname"
)

// resolveData is what Resolve needs about a generated rule.
type resolveData struct {
	// localDeps are labels of rules generated in the same directory.
	localDeps []string
	// includes are the headers included by the rule's files that are not
	// files of the rule (or of a local rule in localDeps).
	includes []csource.Include
	// modules are the Python modules imported by the rule's files, made
	// absolute. Resolve tries each, then its parent packages.
	modules []string
	// cimports are the .pxd modules a .pyx cimports from other packages
	// (cython.go).
	cimports []string
}

type generator struct {
	args  language.GenerateArgs
	pc    *pyStaticConfig
	rel   string
	pkg   string // dotted Python package of the directory
	pkgOK bool   // the directory is a Python package under the root
	used  claims
	gen   []*rule.Rule
	imps  []interface{}
	// implicitWarned is set once warnImplicitPackage has reported.
	implicitWarned bool
}

// GenerateRules implements language.Language.
func (l *pyStaticLang) GenerateRules(args language.GenerateArgs) language.GenerateResult {
	pc := l.listedHere(args.Config, args.Rel, args.File, args.RegularFiles, args.Subdirs)
	if !pc.enabled || len(pc.problems) > 0 {
		return language.GenerateResult{}
	}
	if args.File == nil && !mayGenerate(pc, args.RegularFiles) && (pc.desc == nil || len(pc.desc.byHome[args.Rel]) == 0 && !pc.desc.cythonIn(args.Rel)) {
		// No BUILD file (so no rules to update or delete) and no file
		// that could give one: most directories of a large repository.
		return language.GenerateResult{}
	}
	g := &generator{args: args, pc: pc, rel: args.Rel}
	g.pkg, g.pkgOK = modname.Package(pc.root, args.Rel)
	g.generate()
	g.sortRules()
	res := language.GenerateResult{Gen: g.gen, Imports: g.imps, Empty: g.empty()}
	if args.Config.IndexLazy {
		// Without -index=lazy Gazelle visits every directory anyway, and
		// would try to list each of these again (most do not exist: a
		// module's own path is looked at in case it is a package).
		res.RelsToIndex = g.relsToIndex()
	}
	return res
}

// mayGenerate reports whether any of a directory's files could give a
// rule: a C or C++ file, the main file of a program, a test when tests are
// generated, any Python file when py_static_py_library rules are.
func mayGenerate(pc *pyStaticConfig, files []string) bool {
	for _, f := range files {
		switch classify(f) {
		case cSourceFile, cHeaderFile, cythonFile:
			return true
		case pythonFile:
			if pc.pyLibrary || pc.binaries && f == pc.main || pc.tests && (isTestFile(f) || f == conftestFile) {
				return true
			}
		}
	}
	return false
}

// relsToIndex lists the directories that may hold rules providing the
// generated rules' includes and imports, for gazelle -index=lazy (only
// then: GenerateRules returns them).
func (g *generator) relsToIndex() []string {
	set := map[string]bool{}
	addDir := func(d string) {
		if d == "." {
			d = ""
		}
		if d != ".." && !strings.HasPrefix(d, "../") && !path.IsAbs(d) {
			set[d] = true
		}
	}
	for _, imp := range g.imps {
		rd := imp.(*resolveData)
		for _, inc := range rd.includes {
			p := path.Clean(inc.Path)
			if !inc.System {
				addDir(path.Dir(path.Join(g.rel, p)))
			}
			addDir(path.Dir(p))
		}
		for _, m := range append(append([]string(nil), rd.modules...), rd.cimports...) {
			for ; m != ""; m = modname.Parent(m) {
				dir := path.Join(g.pc.root, strings.ReplaceAll(m, ".", "/"))
				addDir(dir)
				addDir(path.Dir(dir))
			}
		}
	}
	delete(set, g.rel)
	return sortedKeys(set)
}

// packageName is the value of $package_name$.
func (g *generator) packageName() string { return packageNameOf(g.rel) }

// packageNameOf is the value of $package_name$ in directory rel.
func packageNameOf(rel string) string {
	if rel == "" {
		return rootPackageName
	}
	return path.Base(rel)
}

// claimant says what took a target name, for the message about a clash:
// its text is made only for one.
type claimant struct {
	what, subject string // "extension " and "pkg._mod": what + subject
	existing      bool   // an existing rule: its kind in what, its name in subject
}

func (c claimant) String() string {
	if c.existing {
		return fmt.Sprintf("the existing %s %q", c.what, c.subject)
	}
	return c.what + c.subject
}

// claim records a target name, reporting a clash with an earlier target.
func (g *generator) claim(name string, who claimant) bool {
	if prev, ok := g.used.get(name); ok {
		warnf(g.where(), "target name %q for %s is already taken by %s; %s skipped (see # gazelle:%s)",
			name, who, prev, who, NamingDirective)
		return false
	}
	g.used.set(name, who)
	return true
}

// claims are the target names taken in a directory, with what took them.
// A directory has a few: they are looked through one by one, and indexed
// by name only past maxLinearClaims.
type claims struct {
	list  []claimed
	index map[string]int // position in list; nil until needed
}

type claimed struct {
	name string
	who  claimant
}

const maxLinearClaims = 16

func (cs *claims) get(name string) (claimant, bool) {
	if cs.index != nil {
		i, ok := cs.index[name]
		if !ok {
			return claimant{}, false
		}
		return cs.list[i].who, true
	}
	for _, c := range cs.list {
		if c.name == name {
			return c.who, true
		}
	}
	return claimant{}, false
}

// set records who took name (replacing an earlier record of that name).
func (cs *claims) set(name string, who claimant) {
	if cs.index != nil {
		if i, ok := cs.index[name]; ok {
			cs.list[i].who = who
			return
		}
	} else {
		for i := range cs.list {
			if cs.list[i].name == name {
				cs.list[i].who = who
				return
			}
		}
	}
	cs.list = append(cs.list, claimed{name, who})
	if cs.index == nil && len(cs.list) > maxLinearClaims {
		cs.index = make(map[string]int, 2*len(cs.list))
		for i, c := range cs.list {
			cs.index[c.name] = i
		}
	} else if cs.index != nil {
		cs.index[name] = len(cs.list) - 1
	}
}

func (g *generator) where() string {
	if g.rel == "" {
		return "."
	}
	return g.rel
}

// isOwnRule reports whether an existing rule is one this language manages.
func (g *generator) isOwnRule(r *rule.Rule) bool {
	switch g.kind(r) {
	case extensionKind, binaryKind, testKind, pytestKind, unittestKind:
		return true
	case ccLibraryKind:
		return r.Name() == commonLibraryName
	case pyLibraryKind:
		return r.Name() == g.libraryName() || g.isConftestLibrary(r)
	}
	return false
}

// kind is the kind of an existing rule as this language knows it.
func (g *generator) kind(r *rule.Rule) string { return baseKind(g.args.Config, r.Kind()) }

func (g *generator) libraryName() string { return libraryNameFor(g.pc, g.rel) }

// libraryNameFor is the name of the py_static_py_library of directory rel.
func libraryNameFor(pc *pyStaticConfig, rel string) string {
	return applyNaming(pc.naming[NamingLibrary], map[string]string{"$package_name$": packageNameOf(rel)})
}

// othersFiles returns the files listed by rules this language does not
// manage; those files are theirs, reached through the rule index.
func (g *generator) othersFiles() map[string]bool {
	var owned map[string]bool // nil (read as empty) until a file is listed
	if g.args.File == nil {
		return owned
	}
	for _, r := range g.args.File.Rules {
		if g.isOwnRule(r) {
			continue
		}
		for _, attr := range []string{"srcs", "hdrs", "textual_hdrs"} {
			for _, s := range r.AttrStrings(attr) {
				if owned == nil {
					owned = map[string]bool{}
				}
				owned[strings.TrimPrefix(s, ":")] = true
			}
		}
	}
	return owned
}

func (g *generator) generate() {
	// Names of rules this language does not manage are taken: a generated
	// rule of the same name could not be merged with them.
	if g.args.File != nil {
		for _, r := range g.args.File.Rules {
			if r.Name() != "" && !g.isOwnRule(r) {
				g.used.set(r.Name(), claimant{what: r.Kind(), subject: r.Name(), existing: true})
			}
		}
	}
	others := g.othersFiles()
	var cFiles, pyFiles, pyxFiles, declFiles []string
	for _, f := range g.args.RegularFiles {
		switch classify(f) {
		case cythonFile:
			if !others[f] {
				pyxFiles = append(pyxFiles, f)
			}
		case cythonDeclFile:
			declFiles = append(declFiles, f)
		case cSourceFile, cHeaderFile:
			if !others[f] {
				cFiles = append(cFiles, f)
			}
		case pythonFile:
			if g.cythonPython(f) {
				// Also a Cython module; the .py stays the pure-Python
				// fallback of the package's py_static_py_library.
				pyxFiles = append(pyxFiles, f)
			}
			// Programs and tests are ours even when another rule lists
			// them (rules_python's py_binary and py_test); other files of
			// another rule (its py_library) are reached through it.
			if !others[f] || f == g.pc.main || isTestFile(f) {
				pyFiles = append(pyFiles, f)
			}
		}
	}
	sort.Strings(cFiles)
	sort.Strings(pyFiles)
	g.generateExtensions(cFiles)
	g.generateCython(pyxFiles, declFiles, cFiles)
	g.generatePython(pyFiles)
}

// kindOrder is the order of generated rules in a new BUILD file: libraries,
// then extensions, then programs.
var kindOrder = map[string]int{pyLibraryKind: 0, ccLibraryKind: 1, extensionKind: 2, binaryKind: 3, testKind: 4, pytestKind: 4, unittestKind: 4}

// sortRules orders the generated rules by kind (stable: within a kind, by
// the order they were generated in, which is sorted by name).
func (g *generator) sortRules() {
	if len(g.gen) < 2 {
		return
	}
	idx := make([]int, len(g.gen))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		return kindOrder[g.gen[idx[a]].Kind()] < kindOrder[g.gen[idx[b]].Kind()]
	})
	gen := make([]*rule.Rule, len(idx))
	imps := make([]interface{}, len(idx))
	for i, j := range idx {
		gen[i], imps[i] = g.gen[j], g.imps[j]
	}
	g.gen, g.imps = gen, imps
}

func (g *generator) add(r *rule.Rule, rd *resolveData) {
	g.gen = append(g.gen, r)
	g.imps = append(g.imps, rd)
}

func sortedKeys[V any](set map[string]V) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// empty returns the existing rules this language manages that were not
// generated this time (matched by name or by their MatchAttrs), so Gazelle
// deletes them unless they are marked "# keep".
func (g *generator) empty() []*rule.Rule {
	if g.args.File == nil {
		return nil
	}
	genNames := map[string]bool{}
	genMatch := map[string]bool{}
	for _, r := range g.gen {
		genNames[r.Kind()+" "+r.Name()] = true
		for _, a := range pyStaticKinds[r.Kind()].MatchAttrs {
			if v := r.AttrString(a); v != "" {
				genMatch[r.Kind()+" "+a+"="+v] = true
			}
		}
	}
	var empty []*rule.Rule
	for _, r := range g.args.File.Rules {
		kind := g.kind(r)
		// Rules of a kind whose generation is turned off are left alone.
		if !g.isOwnRule(r) || g.generationOff(r) || genNames[kind+" "+r.Name()] {
			continue
		}
		matched := false
		for _, a := range pyStaticKinds[kind].MatchAttrs {
			if v := r.AttrString(a); v != "" && genMatch[kind+" "+a+"="+v] {
				matched = true
			}
		}
		if !matched {
			// Gazelle maps the kind back for the merge.
			empty = append(empty, rule.NewRule(kind, r.Name()))
		}
	}
	return empty
}
