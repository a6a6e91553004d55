package gazelle

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/bazelbuild/bazel-gazelle/rule"

	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/csource"
	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/punycode"
	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/pyimport"
)

// maxSourceSize is the largest file the language reads. Cython output of a
// large module is several megabytes; anything this big is not a source.
var maxSourceSize int64 = 64 << 20

// binaryProbe is how many leading bytes are checked for NUL bytes.
const binaryProbe = 8 << 10

type fileKind int

const (
	otherFile fileKind = iota
	cSourceFile
	cHeaderFile
	pythonFile
)

func classify(name string) fileKind {
	switch path.Ext(name) {
	case ".c", ".cc", ".cpp", ".cxx", ".c++", ".C":
		return cSourceFile
	case ".h", ".hh", ".hpp", ".hxx", ".h++", ".inc", ".inl", ".H":
		return cHeaderFile
	case ".py":
		return pythonFile
	}
	return otherFile
}

var sourceExts = []string{".c", ".cc", ".cpp", ".cxx", ".c++", ".C"}

// warnf reports a problem with one file or directory.
func warnf(where, format string, args ...any) {
	log.Printf("%s: %s", where, fmt.Sprintf(format, args...))
}

// readSource reads a file the language scans. Files that cannot be used are
// reported (naming the file) and skipped; a file that is not valid UTF-8 is
// reported and still scanned byte by byte.
func readSource(dir, rel, name string) ([]byte, bool) {
	display := path.Join(rel, name)
	p := filepath.Join(dir, filepath.FromSlash(name))
	fi, err := os.Stat(p)
	if err != nil {
		warnf(display, "%s; skipped", describeReadError(err))
		return nil, false
	}
	if !fi.Mode().IsRegular() {
		warnf(display, "not a regular file; skipped")
		return nil, false
	}
	if fi.Size() > maxSourceSize {
		warnf(display, "%d bytes is over the %d-byte limit for sources; skipped", fi.Size(), maxSourceSize)
		return nil, false
	}
	data, err := os.ReadFile(p)
	if err != nil {
		warnf(display, "%s; skipped", describeReadError(err))
		return nil, false
	}
	if int64(len(data)) > maxSourceSize {
		warnf(display, "%d bytes is over the %d-byte limit for sources; skipped", len(data), maxSourceSize)
		return nil, false
	}
	if bytes.IndexByte(data[:min(len(data), binaryProbe)], 0) >= 0 {
		warnf(display, "looks like a binary file (it contains NUL bytes); skipped")
		return nil, false
	}
	if !utf8.Valid(data) {
		warnf(display, "not valid UTF-8; scanned anyway")
	}
	return data, true
}

func describeReadError(err error) string {
	switch {
	case errors.Is(err, syscall.ELOOP):
		return "symbolic link loop"
	case errors.Is(err, fs.ErrNotExist):
		return "dangling symbolic link"
	case errors.Is(err, fs.ErrPermission):
		return "cannot be read (permission denied)"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Sprintf("cannot be read (%v)", err)
}

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
}

// extension is one extension module found in a directory.
type extension struct {
	file   string // the source defining the init function
	mod    csource.Module
	dotted string // full module name
	name   string // target name
	files  map[string]bool
	public map[string]bool // headers an override puts in hdrs
	common bool            // uses the directory's shared helper library
	// isPackage is set for a module compiled from __init__.c (Cython's
	// output for a package): the module is the package itself.
	isPackage bool
}

type generator struct {
	args  language.GenerateArgs
	pc    *pyStaticConfig
	rel   string
	pkg   string // dotted Python package of the directory
	pkgOK bool   // the directory is a Python package under the root
	used  map[string]string
	gen   []*rule.Rule
	imps  []interface{}
}

// GenerateRules implements language.Language.
func (*pyStaticLang) GenerateRules(args language.GenerateArgs) language.GenerateResult {
	pc := getConfig(args.Config)
	if !pc.enabled || len(pc.problems) > 0 {
		return language.GenerateResult{}
	}
	g := &generator{args: args, pc: pc, rel: args.Rel, used: map[string]string{}}
	g.pkg, g.pkgOK = pythonPackage(pc.root, args.Rel)
	g.generate()
	g.sortRules()
	return language.GenerateResult{Gen: g.gen, Imports: g.imps, Empty: g.empty(), RelsToIndex: g.relsToIndex()}
}

// relsToIndex lists the directories that may hold rules providing the
// generated rules' includes and imports, for gazelle -index=lazy.
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
		for _, m := range rd.modules {
			for ; m != ""; m = parentModule(m) {
				dir := path.Join(g.pc.root, strings.ReplaceAll(m, ".", "/"))
				addDir(dir)
				addDir(path.Dir(dir))
			}
		}
	}
	delete(set, g.rel)
	return sortedKeys(set)
}

// pythonPackage returns the dotted package name of directory rel under the
// Python root, and whether every component is a Python identifier.
func pythonPackage(root, rel string) (string, bool) {
	var sub string
	switch {
	case rel == root:
		return "", true
	case root == "":
		sub = rel
	case strings.HasPrefix(rel, root+"/"):
		sub = strings.TrimPrefix(rel, root+"/")
	default:
		return "", false
	}
	for _, part := range strings.Split(sub, "/") {
		if !validIdentifier(part) {
			return "", false
		}
	}
	return strings.ReplaceAll(sub, "/", "."), true
}

// packageName is the value of $package_name$.
func (g *generator) packageName() string {
	if g.rel == "" {
		return rootPackageName
	}
	return path.Base(g.rel)
}

// claim records a target name, reporting a clash with an earlier target.
func (g *generator) claim(name, what string) bool {
	if prev, ok := g.used[name]; ok {
		warnf(g.where(), "target name %q for %s is already taken by %s; %s skipped (see # gazelle:%s)",
			name, what, prev, what, NamingDirective)
		return false
	}
	g.used[name] = what
	return true
}

func (g *generator) where() string {
	if g.rel == "" {
		return "."
	}
	return g.rel
}

// isOwnRule reports whether an existing rule is one this language manages.
func (g *generator) isOwnRule(r *rule.Rule) bool {
	switch r.Kind() {
	case extensionKind, binaryKind, testKind:
		return true
	case ccLibraryKind:
		return r.Name() == commonLibraryName
	case pyLibraryKind:
		return r.Name() == g.libraryName()
	}
	return false
}

func (g *generator) libraryName() string {
	return applyNaming(g.pc.naming[NamingLibrary], map[string]string{"$package_name$": g.packageName()})
}

// othersFiles returns the files listed by rules this language does not
// manage; those files are theirs, reached through the rule index.
func (g *generator) othersFiles() map[string]bool {
	owned := map[string]bool{}
	if g.args.File == nil {
		return owned
	}
	for _, r := range g.args.File.Rules {
		if g.isOwnRule(r) {
			continue
		}
		for _, attr := range []string{"srcs", "hdrs", "textual_hdrs"} {
			for _, s := range r.AttrStrings(attr) {
				owned[strings.TrimPrefix(s, ":")] = true
			}
		}
	}
	return owned
}

func (g *generator) generate() {
	others := g.othersFiles()
	var cFiles, pyFiles []string
	for _, f := range g.args.RegularFiles {
		if others[f] {
			continue
		}
		switch classify(f) {
		case cSourceFile, cHeaderFile:
			cFiles = append(cFiles, f)
		case pythonFile:
			pyFiles = append(pyFiles, f)
		}
	}
	sort.Strings(cFiles)
	sort.Strings(pyFiles)
	g.generateExtensions(cFiles)
	g.generatePython(pyFiles)
}

func (g *generator) generateExtensions(cFiles []string) {
	// Headers first: init macros they define ("#define MOD_INIT(name)
	// PyMODINIT_FUNC PyInit_##name(void)") are then known to the sources.
	infos := map[string]csource.Info{}
	macros := map[string]int{}
	for _, pass := range []fileKind{cHeaderFile, cSourceFile} {
		for _, f := range cFiles {
			if classify(f) != pass {
				continue
			}
			data, ok := readSource(g.args.Dir, g.rel, f)
			if !ok {
				continue
			}
			info := csource.ScanWith(data, macros)
			if pass == cHeaderFile {
				for name, idx := range info.InitMacros {
					macros[name] = idx
				}
			}
			infos[f] = info
		}
	}
	exts := g.findExtensions(cFiles, infos)
	if len(exts) == 0 {
		return
	}
	// Sources that define a module are never helpers of another one, even
	// when their own module was skipped.
	helpers := map[string]csource.Info{}
	for f, info := range infos {
		if classify(f) == cHeaderFile || len(info.Modules) == 0 {
			helpers[f] = info
		}
	}
	for _, e := range exts {
		helpers[e.file] = infos[e.file]
	}
	common := g.group(exts, helpers)

	if len(common) > 0 && g.claim(commonLibraryName, "the shared helper library") {
		r := rule.NewRule(ccLibraryKind, commonLibraryName)
		srcs, hdrs := splitFiles(common)
		setList(r, "srcs", srcs)
		setList(r, "hdrs", hdrs)
		r.SetAttr("visibility", []string{"//visibility:public"})
		g.add(r, &resolveData{includes: externalIncludes(common, common, infos)})
	} else {
		common = nil
	}
	for _, e := range exts {
		if !g.claim(e.name, "extension "+e.dotted) {
			continue
		}
		r := rule.NewRule(extensionKind, e.name)
		r.SetAttr("module", e.dotted)
		// The extension's own headers are private (srcs); only headers an
		// override declares public go into hdrs, where other targets may
		// include them.
		var srcs, hdrs []string
		for _, f := range sortedKeys(e.files) {
			if e.public[f] {
				hdrs = append(hdrs, f)
			} else {
				srcs = append(srcs, f)
			}
		}
		setList(r, "srcs", srcs)
		setList(r, "hdrs", hdrs)
		if e.mod.Macro == csource.PyInitU {
			r.SetAttr("init_symbol", e.mod.Symbol())
		}
		if e.isPackage {
			r.SetAttr("is_package", true)
		}
		r.SetAttr("visibility", []string{"//visibility:public"})
		rd := &resolveData{includes: externalIncludes(e.files, common, infos)}
		if e.common && common != nil {
			rd.localDeps = []string{":" + commonLibraryName}
		}
		g.add(r, rd)
	}
}

// kindOrder is the order of generated rules in a new BUILD file: libraries,
// then extensions, then programs.
var kindOrder = map[string]int{pyLibraryKind: 0, ccLibraryKind: 1, extensionKind: 2, binaryKind: 3, testKind: 4}

// sortRules orders the generated rules by kind (stable: within a kind, by
// the order they were generated in, which is sorted by name).
func (g *generator) sortRules() {
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

// findExtensions finds the modules defined by the directory's sources.
func (g *generator) findExtensions(cFiles []string, infos map[string]csource.Info) []*extension {
	var exts []*extension
	byModule := map[string]string{}
	for _, f := range cFiles {
		info, ok := infos[f]
		if !ok || classify(f) != cSourceFile || len(info.Modules) == 0 {
			continue
		}
		where := path.Join(g.rel, f)
		var mods []csource.Module
		var names []string
		for _, m := range info.Modules {
			if !contains(names, m.Symbol()) {
				names = append(names, m.Symbol())
				mods = append(mods, m)
			}
		}
		if len(mods) > 1 {
			warnf(where, "defines several module init functions (%s); skipped", strings.Join(names, ", "))
			continue
		}
		m := mods[0]
		short := m.Name
		if m.Macro == csource.PyInitU {
			var err error
			if short, err = punycode.ModuleName(m.Name); err != nil {
				warnf(where, "%s does not encode a module name (%v); skipped", m.Symbol(), err)
				continue
			}
		}
		if !validIdentifier(short) {
			warnf(where, "module name %q is not a Python identifier; skipped", short)
			continue
		}
		if !g.pkgOK {
			warnf(where, "defines module %s, but directory %q is not a Python package under the Python root (%s); skipped (see # gazelle:%s)",
				short, g.rel, describeRoot(g.pc.root), RootDirective)
			continue
		}
		dotted := short
		isPackage := false
		if stem := strings.TrimSuffix(f, path.Ext(f)); stem == "__init__" && g.pkg != "" && short == g.pkg[strings.LastIndexByte(g.pkg, '.')+1:] {
			dotted, isPackage = g.pkg, true
		} else if g.pkg != "" {
			dotted = g.pkg + "." + short
		}
		if info.CythonModule != "" && info.CythonModule != dotted {
			warnf(where, "Cython compiled it as module %q, but its location under the Python root (%s) makes it %q",
				info.CythonModule, describeRoot(g.pc.root), dotted)
		}
		if m.Macro == csource.PyInit || m.Macro == csource.PyInitU {
			checkModuleDefNames(where, info.ModuleDefNames, short, dotted, g.pc.root)
		}
		if prev, ok := byModule[dotted]; ok {
			warnf(where, "module %s is also defined by %s; skipped", dotted, path.Join(g.rel, prev))
			continue
		}
		byModule[dotted] = f
		name := applyNaming(g.pc.naming[NamingExtension], map[string]string{
			"$name$":   m.Name,
			"$module$": strings.ReplaceAll(g.asciiDotted(m.Name), ".", "_"),
		})
		if o, ok := g.pc.overrides[dotted]; ok && o.name != "" {
			name = o.name
		}
		if !validTargetName(name) {
			warnf(where, "target name %q for module %s is not valid; skipped (see # gazelle:%s)", name, dotted, NamingDirective)
			continue
		}
		exts = append(exts, &extension{file: f, mod: m, dotted: dotted, name: name, isPackage: isPackage,
			files: map[string]bool{f: true}, public: map[string]bool{}})
	}
	sort.Slice(exts, func(i, j int) bool { return exts[i].name < exts[j].name })
	return exts
}

// checkModuleDefNames reports a PyModuleDef whose m_name disagrees with the
// module's name: a dotted m_name that is not where the file is, or no
// PyModuleDef in the file naming the module at all.
func checkModuleDefNames(where string, names []string, short, dotted, root string) {
	if len(names) == 0 {
		return
	}
	for _, n := range names {
		if n == short || n == dotted {
			return
		}
	}
	for _, n := range names {
		if strings.HasSuffix(n, "."+short) {
			warnf(where, "its PyModuleDef names the module %q, but its location under the Python root (%s) makes it %q",
				n, describeRoot(root), dotted)
			return
		}
	}
	warnf(where, "defines %s, but its PyModuleDef names the module %q", "PyInit_"+short, names[0])
}

func describeRoot(root string) string {
	if root == "" {
		return "the repository root"
	}
	return strconv.Quote(root)
}

func (g *generator) asciiDotted(name string) string {
	if g.pkg == "" {
		return name
	}
	return g.pkg + "." + name
}

// group assigns the directory's helper sources and headers. A file belongs
// to the extensions whose init source reaches it: through quoted includes of
// files in this directory, and from a header to the sources of the same
// stem (helper.h to helper.c). A file reached from one extension goes into
// that extension's rule; from several, into the shared cc_library, together
// with everything it reaches. In a directory with a single extension, files
// that nothing reaches go into it as well. group returns the shared files.
func (g *generator) group(exts []*extension, infos map[string]csource.Info) map[string]bool {
	inits := map[string]bool{}
	for _, e := range exts {
		inits[e.file] = true
	}
	local := func(f string) bool { _, ok := infos[f]; return ok && !inits[f] }
	reach := func(starts []string) map[string]bool {
		seen := map[string]bool{}
		stack := append([]string(nil), starts...)
		for len(stack) > 0 {
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			var next []string
			for _, inc := range infos[f].Includes {
				if !inc.System {
					next = append(next, path.Clean(inc.Path))
				}
			}
			if classify(f) == cHeaderFile {
				stem := strings.TrimSuffix(f, path.Ext(f))
				for _, ext := range sourceExts {
					next = append(next, stem+ext)
				}
			}
			for _, n := range next {
				if local(n) && !seen[n] {
					seen[n] = true
					stack = append(stack, n)
				}
			}
		}
		return seen
	}

	users := map[string][]*extension{}
	for _, e := range exts {
		starts := []string{e.file}
		if o, ok := g.pc.overrides[e.dotted]; ok {
			for _, f := range append(append([]string(nil), o.srcs...), o.hdrs...) {
				if _, ok := infos[f]; !ok {
					warnf(g.where(), "# gazelle:%s %s lists %s, which is not a readable C/C++ file here; ignored", OverrideDirective, e.dotted, f)
					continue
				}
				e.files[f] = true
				if contains(o.hdrs, f) {
					e.public[f] = true
				}
				starts = append(starts, f)
			}
		}
		for f := range reach(starts) {
			users[f] = append(users[f], e)
		}
	}
	var sharedStarts []string
	for f, us := range users {
		if len(us) > 1 {
			sharedStarts = append(sharedStarts, f)
		}
	}
	common := reach(sharedStarts)
	for _, f := range sharedStarts {
		common[f] = true
	}
	for f, us := range users {
		if common[f] {
			for _, e := range us {
				e.common = true
			}
			continue
		}
		us[0].files[f] = true
	}
	if len(exts) == 1 {
		for f := range infos {
			if !inits[f] && users[f] == nil {
				exts[0].files[f] = true
			}
		}
	}
	return common
}

// externalIncludes returns the includes of files that are not satisfied by
// files (or by the local shared library's files), deduplicated and sorted.
func externalIncludes(files, common map[string]bool, infos map[string]csource.Info) []csource.Include {
	seen := map[csource.Include]bool{}
	var out []csource.Include
	for f := range files {
		for _, inc := range infos[f].Includes {
			if !inc.System {
				if p := path.Clean(inc.Path); files[p] || common[p] {
					continue
				}
			}
			key := csource.Include{Path: inc.Path, System: inc.System}
			if !seen[key] {
				seen[key] = true
				out = append(out, key)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return !out[i].System && out[j].System
	})
	return out
}

func splitFiles(files map[string]bool) (srcs, hdrs []string) {
	for f := range files {
		if classify(f) == cHeaderFile {
			hdrs = append(hdrs, f)
		} else {
			srcs = append(srcs, f)
		}
	}
	sort.Strings(srcs)
	sort.Strings(hdrs)
	return srcs, hdrs
}

func setList(r *rule.Rule, attr string, values []string) {
	if len(values) > 0 {
		r.SetAttr(attr, values)
	}
}

// generatePython generates the py_static_binary for the directory's main
// file, a py_static_test per *_test.py file and, if enabled, a py_library
// for the other Python files.
func (g *generator) generatePython(pyFiles []string) {
	pc := g.pc
	var main string
	var tests, lib []string
	for _, f := range pyFiles {
		switch {
		case f == pc.main:
			main = f
		case strings.HasSuffix(f, "_test.py"):
			tests = append(tests, f)
		default:
			lib = append(lib, f)
		}
	}
	if !pc.tests {
		tests = nil
	}
	if !pc.binaries {
		main = ""
	}
	wantLib := pc.pyLibrary && len(lib) > 0
	if main == "" && len(tests) == 0 && !wantLib {
		return
	}

	modules := map[string][]string{}
	for _, f := range pyFiles {
		if f != main && !contains(tests, f) && !contains(lib, f) {
			continue
		}
		if data, ok := readSource(g.args.Dir, g.rel, f); ok {
			modules[f] = g.absoluteImports(pyimport.Scan(data))
		}
	}
	collect := func(files []string) []string {
		set := map[string]bool{}
		for _, f := range files {
			for _, m := range modules[f] {
				set[m] = true
			}
		}
		return sortedKeys(set)
	}

	var programDeps []string
	programSrcs := lib
	if wantLib {
		name := g.libraryName()
		if validTargetName(name) && g.claim(name, "the py_library") {
			r := rule.NewRule(pyLibraryKind, name)
			r.SetAttr("srcs", lib)
			r.SetAttr("visibility", []string{"//visibility:public"})
			g.add(r, &resolveData{modules: collect(lib)})
			programDeps = []string{":" + name}
			programSrcs = nil
		}
	}
	program := func(kind, name, file string) {
		if !validTargetName(name) {
			warnf(path.Join(g.rel, file), "target name %q is not valid; skipped (see # gazelle:%s)", name, NamingDirective)
			return
		}
		what := kind + " for " + file
		if !g.claim(name, what) {
			return
		}
		srcs := append([]string{file}, programSrcs...)
		sort.Strings(srcs)
		r := rule.NewRule(kind, name)
		r.SetAttr("srcs", srcs)
		r.SetAttr("main", file)
		g.add(r, &resolveData{localDeps: programDeps, modules: collect(srcs)})
	}
	if main != "" {
		program(binaryKind, applyNaming(pc.naming[NamingBinary], map[string]string{"$package_name$": g.packageName()}), main)
	}
	for _, t := range tests {
		program(testKind, applyNaming(pc.naming[NamingTest], map[string]string{"$test$": strings.TrimSuffix(t, ".py")}), t)
	}
}

// absoluteImports turns a file's imports into absolute module names:
// "from a import b" gives "a.b" (Resolve falls back to "a"), and relative
// imports are taken from the directory's package.
func (g *generator) absoluteImports(imps []pyimport.Import) []string {
	var out []string
	for _, imp := range imps {
		base := imp.Module
		if strings.HasPrefix(base, ".") {
			rest := strings.TrimLeft(base, ".")
			level := len(base) - len(rest)
			if !g.pkgOK {
				continue
			}
			var parts []string
			if g.pkg != "" {
				parts = strings.Split(g.pkg, ".")
			}
			if level-1 >= len(parts) {
				continue // beyond the top-level package
			}
			parts = parts[:len(parts)-(level-1)]
			if rest != "" {
				parts = append(parts, rest)
			}
			base = strings.Join(parts, ".")
		}
		if len(imp.Names) == 0 {
			if base != "" {
				out = append(out, base)
			}
			continue
		}
		for _, n := range imp.Names {
			if base == "" {
				out = append(out, n)
			} else {
				out = append(out, base+"."+n)
			}
		}
	}
	return out
}

func sortedKeys(set map[string]bool) []string {
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
	// Rules of a kind whose generation is turned off are left alone.
	off := map[string]bool{binaryKind: !g.pc.binaries, testKind: !g.pc.tests, pyLibraryKind: !g.pc.pyLibrary}
	var empty []*rule.Rule
	for _, r := range g.args.File.Rules {
		if !g.isOwnRule(r) || off[r.Kind()] || genNames[r.Kind()+" "+r.Name()] {
			continue
		}
		matched := false
		for _, a := range pyStaticKinds[r.Kind()].MatchAttrs {
			if v := r.AttrString(a); v != "" && genMatch[r.Kind()+" "+a+"="+v] {
				matched = true
			}
		}
		if !matched {
			empty = append(empty, rule.NewRule(r.Kind(), r.Name()))
		}
	}
	return empty
}
