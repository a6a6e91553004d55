package gazelle

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/bazelbuild/bazel-gazelle/rule"

	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/csource"
	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/modname"
	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/nativebuild"
	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/pkgdesc"
	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/punycode"
)

// descScope is a package's own build description (setup.py, setup.cfg,
// pyproject.toml) as it applies to the directories under it: the package
// root it sets, and the Linux extension modules it declares, each to be
// generated in the lowest directory that holds all its files.
type descScope struct {
	dir  string // repository-relative directory of the description
	root string // the Python root it sets: dir, or its package_dir / src/
	// complete is set when every extension module of the package is in
	// the description: then C sources it does not list define no module.
	complete bool
	file     string // the description file named in messages
	// claimed are the repository-relative files the description compiles,
	// on any platform: their modules come from the description only.
	claimed map[string]bool
	byHome  map[string][]*describedExt
	// named maps the sources of an extension whose rule cannot be placed
	// where all its files are (a BUILD file of another package lies
	// between) to the extension's module name: the directory scan finds
	// the module and gives it that name.
	named map[string]string
	// cython maps the .pyx sources of an extension that the sdist ships
	// without their C output to the extension's module name.
	cython map[string]string
	// byShort maps the last part of a module name the description (or a
	// CMakeLists.txt or meson.build beside it) declares without sources
	// Gazelle can list to the full name: the directory scan finds the
	// module in the sources and gives it that name. A short name declared
	// twice maps to "" (ambiguous: the location names the module).
	byShort map[string]string
	// elsewhere maps the modules the description builds only on another
	// platform or in a build that is not the default one to where and
	// what says so: the directory scan writes no rule for them.
	elsewhere map[string]string
}

// describedExt is one Linux extension module of a description.
type describedExt struct {
	ext         *pkgdesc.Extension
	where       string   // repository-relative file:line of its declaration
	srcs        []string // repository-relative
	includeDirs []string // repository-relative, under the rule's directory
	// outsideDirs are include directories outside the rule's directory:
	// a header found there is reported.
	outsideDirs []string
}

// readDescription reads the build description of directory rel, if it has
// one, reporting what could not be read; nil if there is none. files is the
// directory's listing (dirFiles): a description file it does not name is
// not looked for.
func readDescription(repoRoot, rel string, files []string, makesPythonRules func([]string) bool) *descScope {
	if !hasDescriptionFile(files) {
		return nil
	}
	fsys := listedFS{os.DirFS(filepath.Join(repoRoot, filepath.FromSlash(rel))), files}
	if !pkgdesc.Exists(fsys) {
		return nil
	}
	d := pkgdesc.Read(fsys)
	if d == nil {
		return nil
	}
	s := &descScope{dir: rel, root: path.Join(rel, d.RootDir(fsys)), complete: !d.Incomplete,
		file: path.Join(rel, d.Files[len(d.Files)-1]), claimed: map[string]bool{}, byHome: map[string][]*describedExt{}, named: map[string]string{}, cython: map[string]string{}, byShort: map[string]string{}, elsewhere: map[string]string{}}
	if s.root == "." {
		s.root = ""
	}
	for _, p := range d.Problems {
		where := path.Join(rel, p.File)
		if p.Line > 0 {
			where = fmt.Sprintf("%s:%d", where, p.Line)
		}
		warnf(where, "%s", p.Msg)
	}
	if d.Unsupported != "" {
		warnf(path.Join(rel, pkgdesc.PyprojectFile), "%s; modules are found from the C sources instead", d.Unsupported)
	}
	exists := func(p string) bool {
		st, err := os.Stat(filepath.Join(repoRoot, filepath.FromSlash(p)))
		return err == nil && st.Mode().IsRegular()
	}
	isDir := func(p string) bool {
		st, err := os.Stat(filepath.Join(repoRoot, filepath.FromSlash(p)))
		return err == nil && st.IsDir()
	}
	seen := map[string]bool{}
	linux := map[string]bool{}
	for _, e := range d.Extensions {
		if e.Platform == "" && pkgdesc.OtherPlatform(e.Name) == "" {
			linux[e.Name] = true
		}
	}
	for _, e := range d.Extensions {
		de := &describedExt{ext: e, where: fmt.Sprintf("%s:%d", path.Join(rel, e.File), e.Line)}
		if e.Line == 0 {
			de.where = path.Join(rel, e.File)
		}
		platform := e.Platform
		if platform == "" {
			platform = pkgdesc.OtherPlatform(e.Name)
		}
		var missing []string
		for _, src := range e.Sources {
			p := path.Join(rel, src)
			s.claimed[p] = true
			if strings.HasSuffix(p, ".pyx") || strings.HasSuffix(p, ".py") {
				// Cython's output, when the sdist ships it.
				for _, ext := range []string{".c", ".cpp"} {
					if c := strings.TrimSuffix(p, path.Ext(p)) + ext; exists(c) {
						s.claimed[c] = true
						p = c
					}
				}
			}
			if platform != "" || pkgdesc.OtherPlatform(src) != "" {
				continue
			}
			if classify(p) != cSourceFile && classify(p) != cHeaderFile {
				missing = append(missing, src)
				continue
			}
			if !exists(p) {
				missing = append(missing, src)
				continue
			}
			de.srcs = append(de.srcs, p)
		}
		if platform != "" && e.Name != "" && !linux[e.Name] {
			s.elsewhere[e.Name] = fmt.Sprintf("%s builds it only for %s", de.where, platform)
		}
		if platform != "" || e.Name == "" {
			continue
		}
		if e.SourcesUnread {
			s.nameOnly(e.Name)
			continue
		}
		if seen[e.Name] {
			continue // declared again in another branch
		}
		seen[e.Name] = true
		if len(missing) > 0 {
			if cythonOnly(missing) {
				// Cython sources with no generated C shipped (a .pyx, or
				// a .py in Cython's pure Python mode): the directory
				// scan's Cython support builds them, with the
				// description's module name (describedName).
				for _, m := range missing {
					s.cython[path.Join(rel, m)] = e.Name
				}
				continue
			}
			warnf(de.where, "Extension %q lists %s, which this source tree does not have as C/C++ files (generated at build time?); no rule for it",
				e.Name, strings.Join(missing, ", "))
			continue
		}
		if len(de.srcs) == 0 {
			warnf(de.where, "Extension %q has no sources for Linux; no rule for it", e.Name)
			continue
		}
		for _, inc := range e.IncludeDirs {
			if p := path.Join(rel, inc); isDir(p) {
				de.includeDirs = append(de.includeDirs, p)
			}
		}
		// The rule goes where all its sources are. Include directories
		// outside that directory are not followed (headers found there
		// are reported when a source includes them).
		home := path.Dir(de.srcs[0])
		for _, p := range de.srcs[1:] {
			home = commonDir(home, path.Dir(p))
		}
		if home == "." {
			home = ""
		}
		var inside []string
		for _, d := range de.includeDirs {
			if home == "" || d == home || strings.HasPrefix(d, home+"/") {
				inside = append(inside, d)
			} else {
				de.outsideDirs = append(de.outsideDirs, d)
			}
		}
		de.includeDirs = inside
		if boundary := packageBoundary(repoRoot, home, de.srcs, makesPythonRules); boundary != "" {
			// The files are in other Bazel packages: the directory scan
			// writes the rules, with the description's module name.
			warnf(de.where, "Extension %q has files in %s, which is a Bazel package of its own (a BUILD file, or Python files); its rule is written by the directory scan there, named %s",
				e.Name, boundary, e.Name)
			for _, p := range de.srcs {
				delete(s.claimed, p)
				s.named[p] = e.Name
			}
			continue
		}
		s.byHome[home] = append(s.byHome[home], de)
	}
	if d.Unsupported != "" {
		s.readNativeBuild(repoRoot)
	}
	for p := range s.named {
		delete(s.claimed, p)
	}
	for p, name := range s.cython {
		delete(s.claimed, p)
		s.named[p] = name
	}
	return s
}

// hasDescriptionFile reports whether a directory listing names a build
// description file.
func hasDescriptionFile(files []string) bool {
	return slices.ContainsFunc(files, func(f string) bool { return slices.Contains(pkgdesc.Names, f) })
}

// listedFS is a directory whose description files are those its listing
// names: one that "# gazelle:exclude" left out is not read.
type listedFS struct {
	fs.FS
	files []string
}

func (l listedFS) Open(name string) (fs.File, error) {
	if slices.Contains(pkgdesc.Names, name) && !hasFile(l.files, name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return l.FS.Open(name)
}

// nameOnly records a module name declared without sources Gazelle can
// list, for the directory scan to name the module with that short name.
func (s *descScope) nameOnly(name string) {
	if !modname.ValidDotted(name) {
		return
	}
	short := modname.Last(name)
	if prev, ok := s.byShort[short]; ok && prev != name {
		s.byShort[short] = ""
		return
	}
	s.byShort[short] = name
}

// maxNativeBuildFiles bounds the CMakeLists.txt and meson.build files read
// under one description, and maxNativeBuildSize each one's size.
const (
	maxNativeBuildFiles = 200
	maxNativeBuildSize  = 1 << 20
)

// readNativeBuild reads the module names the CMakeLists.txt and meson.build
// files under the description's directory declare (scikit-build-core,
// meson-python): only names, for the directory scan to give the modules it
// finds in the sources.
func (s *descScope) readNativeBuild(repoRoot string) {
	top := filepath.Join(repoRoot, filepath.FromSlash(s.dir))
	read := 0
	_ = filepath.WalkDir(top, func(p string, e os.DirEntry, err error) error {
		if err != nil || read >= maxNativeBuildFiles {
			return filepath.SkipDir
		}
		if e.IsDir() {
			if n := e.Name(); p != top && (strings.HasPrefix(n, ".") || n == "build" || n == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		n := e.Name()
		if n != "CMakeLists.txt" && n != "meson.build" || !e.Type().IsRegular() {
			return nil
		}
		if info, err := e.Info(); err != nil || info.Size() > maxNativeBuildSize {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		read++
		rel, _ := filepath.Rel(repoRoot, p)
		rel = filepath.ToSlash(rel)
		var mods []nativebuild.Module
		if n == "CMakeLists.txt" {
			mods = nativebuild.CMake(rel, string(b))
		} else {
			mods = nativebuild.Meson(rel, string(b))
		}
		for _, m := range mods {
			s.nameOnly(m.Name)
		}
		return nil
	})
}

// commonDir returns the lowest directory containing both a and b.
func commonDir(a, b string) string {
	as, bs := strings.Split(a, "/"), strings.Split(b, "/")
	if a == "." || a == "" || b == "." || b == "" {
		return ""
	}
	i := 0
	for i < len(as) && i < len(bs) && as[i] == bs[i] {
		i++
	}
	return strings.Join(as[:i], "/")
}

// unclaimed returns the files of directory rel the description does not
// compile.
func (s *descScope) unclaimed(rel string, files []string) []string {
	var out []string
	for _, f := range files {
		if !s.claimed[path.Join(rel, f)] {
			out = append(out, f)
		}
	}
	return out
}

// generateDescribed generates the py_static_extension of each module the
// description declares whose files this directory holds.
func (g *generator) generateDescribed(s *descScope) {
	exts := append([]*describedExt(nil), s.byHome[g.rel]...)
	sort.Slice(exts, func(i, j int) bool { return exts[i].ext.Name < exts[j].ext.Name })
	for _, de := range exts {
		g.generateDescribedExt(de)
	}
}

func (g *generator) generateDescribedExt(de *describedExt) {
	e := de.ext
	if !modname.ValidDotted(e.Name) {
		warnf(de.where, "Extension name %q is not a dotted Python module name; no rule for it", e.Name)
		return
	}
	dotted := e.Name
	o := g.pc.overrides[e.Name]
	if o.module != "" {
		dotted = o.module
	}
	short := modname.Last(e.Name)
	repoRoot := g.args.Config.RepoRoot
	local := func(p string) string { // repository-relative to package-relative
		if g.rel == "" {
			return p
		}
		return strings.TrimPrefix(p, g.rel+"/")
	}

	// Read the sources, then the headers they reach through quoted
	// includes and include_dirs (headers first: they may define the
	// init macro a source uses).
	files := map[string]bool{}
	data := map[string][]byte{}
	infos := map[string]csource.Info{}
	var external []csource.Include
	seenExternal := map[csource.Include]bool{}
	queue := append([]string(nil), de.srcs...)
	reported := map[string]bool{}
	for _, p := range de.srcs {
		files[p] = true
	}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		b, ok := readSource(g.args.Dir, g.rel, local(p))
		if !ok {
			continue
		}
		data[p] = b
		info := csource.Scan(b)
		infos[p] = info
		for _, inc := range info.Includes {
			// Through an include directory above the rule, a header
			// under its directory can still be listed (msgpack's
			// "msgpack/sysdep.h" through "."); Bazel's -iquote of the
			// repository root finds it.
			if found := g.findInclude(repoRoot, p, inc, append(append([]string(nil), de.includeDirs...), de.outsideDirs...)); found != "" {
				if !files[found] {
					files[found] = true
					queue = append(queue, found)
				}
				continue
			}
			if outside := g.findOutside(repoRoot, inc, de.outsideDirs); outside != "" && !reported[outside] {
				reported[outside] = true
				warnf(path.Join(g.rel, local(p)), "includes %s, found in %s through include_dirs of %s, outside this rule's directory; give that directory a cc_library (or # gazelle:%s)",
					inc.Path, outside, de.where, IncludeDirective)
			}
			key := csource.Include{Path: inc.Path, System: inc.System}
			if !seenExternal[key] {
				seenExternal[key] = true
				external = append(external, key)
			}
		}
	}
	macros := map[string]int{}
	for p, info := range infos {
		if classify(p) == cHeaderFile {
			for name, idx := range info.InitMacros {
				macros[name] = idx
			}
		}
	}
	var initFile string
	var initMod csource.Module
	var others []string
	for _, p := range de.srcs {
		b, ok := data[p]
		if !ok {
			continue
		}
		info := csource.ScanWith(b, macros)
		infos[p] = info
		for _, m := range info.Modules {
			name := m.Name
			if m.Macro == csource.PyInitU {
				if n, err := punycode.ModuleName(m.Name); err == nil {
					name = n
				}
			}
			if name == short && initFile == "" {
				initFile, initMod = p, m
			} else if name != short && !contains(others, m.Symbol()) {
				others = append(others, m.Symbol())
			}
		}
	}
	switch {
	case initFile != "":
	case len(others) == 1:
		// The init function the sources define is the one to call, but
		// Python would not find it under this name: say so.
		for _, p := range de.srcs {
			for _, m := range infos[p].Modules {
				if m.Symbol() == others[0] {
					initFile, initMod = p, m
				}
			}
		}
		warnf(initFile, "defines %s, but %s names the module %q (whose init function would be PyInit_%s)",
			initMod.Symbol(), de.where, e.Name, short)
	default:
		warnf(de.where, "none of the sources of Extension %q defines PyInit_%s as far as Gazelle can tell (an init macro it does not follow?); the rule is written, and the build checks the init function", e.Name, short)
	}
	if initFile != "" && o.module == "" {
		info := infos[initFile]
		if info.CythonModule != "" && info.CythonModule != e.Name {
			warnf(initFile, "Cython compiled it as module %q, but %s names the module %q", info.CythonModule, de.where, e.Name)
		}
		if initMod.Macro == csource.PyInit || initMod.Macro == csource.PyInitU {
			checkDescribedModuleDef(initFile, info.ModuleDefNames, short, e.Name, de.where)
		}
	}

	name := applyNaming(g.pc.naming[NamingExtension], map[string]string{
		"$name$":   short,
		"$module$": strings.ReplaceAll(dotted, ".", "_"),
	})
	if o.name != "" {
		name = o.name
	}
	if !validTargetName(name) {
		warnf(de.where, "target name %q for module %s is not valid; skipped (see # gazelle:%s)", name, dotted, NamingDirective)
		return
	}
	if !g.claim(name, claimant{what: "extension ", subject: dotted}) {
		return
	}
	r := rule.NewRule(extensionKind, name)
	r.SetAttr("module", dotted)
	var srcs, texts []string
	for _, p := range sortedKeys(files) {
		if classify(p) == cSourceFile && !contains(de.srcs, p) {
			texts = append(texts, local(p)) // included by another file
			continue
		}
		srcs = append(srcs, local(p))
	}
	setList(r, "srcs", srcs)
	setList(r, "textual_hdrs", texts)
	if initFile != "" && (initMod.Macro == csource.PyInitU || initMod.Name != modname.Last(dotted)) {
		r.SetAttr("init_symbol", initMod.Symbol())
	}
	var includes []string
	for _, d := range de.includeDirs {
		if l := local(d); d == g.rel {
			includes = append(includes, ".")
		} else {
			includes = append(includes, l)
		}
	}
	setList(r, "includes", includes)
	setList(r, "local_defines", e.Defines)
	var copts []string
	for _, a := range e.CompileArgs {
		if !strings.HasPrefix(a, "/") { // MSVC's flags
			copts = append(copts, a)
		}
	}
	setList(r, "copts", append(copts, o.copts...))
	var linkopts []string
	for _, l := range e.Libraries {
		linkopts = append(linkopts, "-l"+l)
	}
	setList(r, "linkopts", append(linkopts, e.LinkArgs...))
	r.SetAttr("visibility", []string{"//visibility:public"})
	sort.Slice(external, func(i, j int) bool {
		if external[i].Path != external[j].Path {
			return external[i].Path < external[j].Path
		}
		return !external[i].System && external[j].System
	})
	g.add(r, &resolveData{includes: external})
}

// findInclude finds the file an include names among the package's files:
// a quoted include next to the including file first, then in the include
// directories. Only files under this directory can be listed in its rule.
func (g *generator) findInclude(repoRoot, from string, inc csource.Include, includeDirs []string) string {
	var cands []string
	if !inc.System {
		cands = append(cands, path.Join(path.Dir(from), inc.Path))
	}
	for _, d := range includeDirs {
		cands = append(cands, path.Join(d, inc.Path))
	}
	for _, c := range cands {
		if c == ".." || strings.HasPrefix(c, "../") || g.rel != "" && !strings.HasPrefix(c, g.rel+"/") {
			continue
		}
		if classify(c) == otherFile && path.Ext(c) != "" || pkgdesc.OtherPlatform(c) != "" {
			continue // headers of another platform sit behind its #ifdef
		}
		st, err := os.Stat(filepath.Join(repoRoot, filepath.FromSlash(c)))
		if err == nil && st.Mode().IsRegular() {
			return c
		}
	}
	return ""
}

// findOutside returns the include directory outside the rule's directory
// in which an included header is, if any.
func (g *generator) findOutside(repoRoot string, inc csource.Include, dirs []string) string {
	for _, d := range dirs {
		st, err := os.Stat(filepath.Join(repoRoot, filepath.FromSlash(path.Join(d, inc.Path))))
		if err == nil && st.Mode().IsRegular() {
			if d == "" {
				return "the repository root"
			}
			return d
		}
	}
	return ""
}

// checkDescribedModuleDef reports a PyModuleDef whose m_name disagrees with
// the module name the description gives.
func checkDescribedModuleDef(where string, names []string, short, dotted, declared string) {
	if len(names) == 0 {
		return
	}
	for _, n := range names {
		if n == short || n == dotted {
			return
		}
	}
	warnf(where, "its PyModuleDef names the module %q, but %s names it %q", names[0], declared, dotted)
}

// packageBoundary returns the first directory below home, on the way to one
// of the files, that is or will be a Bazel package of its own: it has a
// BUILD file, or Python files this language writes rules for (with the
// directives in force where the description is). A rule in home cannot
// list files there.
func packageBoundary(repoRoot, home string, files []string, makesPythonRules func([]string) bool) string {
	for _, p := range files {
		for dir := path.Dir(p); dir != home && dir != "." && dir != ""; dir = path.Dir(dir) {
			entries, err := os.ReadDir(filepath.Join(repoRoot, filepath.FromSlash(dir)))
			if err != nil {
				return dir
			}
			var names []string
			for _, e := range entries {
				if n := e.Name(); n == "BUILD.bazel" || n == "BUILD" {
					return dir
				}
				names = append(names, e.Name())
			}
			if makesPythonRules(names) {
				return dir
			}
		}
	}
	return ""
}

// notBuilt says why the description does not build module dotted on Linux
// by default, or "".
func (g *generator) notBuilt(dotted string) string {
	if g.pc.desc == nil {
		return ""
	}
	return g.pc.desc.elsewhere[dotted]
}

// describedName returns the module name the build description gives the
// file f of this directory (a C source whose rule is written by the
// directory scan, or a .pyx source), if its short name is short.
func (g *generator) describedName(f, short string) string {
	if g.pc.desc == nil {
		return ""
	}
	if n := g.pc.desc.named[path.Join(g.rel, f)]; n != "" && modname.Last(n) == short {
		return n
	}
	// Only under the description's directory: a module elsewhere is not
	// the one it declares.
	if d := g.pc.desc.dir; d == "" || g.rel == d || strings.HasPrefix(g.rel, d+"/") {
		return g.pc.desc.byShort[short]
	}
	return ""
}

// cythonOnly reports whether files are Cython sources: .pyx files, or
// one .py file (a module in Cython's pure Python mode, sqlalchemy's
// engine/_row_cy.py).
func cythonOnly(files []string) bool {
	if len(files) == 1 && path.Ext(files[0]) == ".py" {
		return true
	}
	for _, f := range files {
		if path.Ext(f) != ".pyx" {
			return false
		}
	}
	return true
}

// cythonIn reports whether the description compiles a Cython source of
// directory rel (a .py in pure Python mode is not otherwise a reason to
// look at a directory).
func (s *descScope) cythonIn(rel string) bool {
	for p := range s.cython {
		if path.Dir(p) == rel || rel == "" && path.Dir(p) == "." {
			return true
		}
	}
	return false
}

// cythonPython reports whether the description compiles the .py file f of
// this directory with Cython.
func (g *generator) cythonPython(f string) bool {
	return g.pc.desc != nil && g.pc.desc.cython[path.Join(g.rel, f)] != ""
}
