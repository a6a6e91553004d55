package gazelle

import (
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/bazelbuild/bazel-gazelle/rule"

	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/csource"
	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/modname"
	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/punycode"
)

// extension is one extension module found in a directory.
type extension struct {
	file   string // the source defining the init function
	mod    csource.Module
	key    string // the full module name its location gives, which overrides use
	dotted string // the full module name
	name   string // target name
	files  map[string]bool
	public map[string]bool // headers an override puts in hdrs; nil if none
	common bool            // uses the directory's shared helper library
	// isPackage is set for a module compiled from __init__.c (Cython's
	// output for a package): the module is the package itself.
	isPackage bool
}

// generateExtensions generates a py_static_extension for each module the
// directory's C and C++ sources define, and py_static_common for the helper
// files several of them share.
func (g *generator) generateExtensions(cFiles []string) {
	desc := g.pc.desc
	if desc != nil {
		// The package's own build description names its modules and
		// their files; the files it compiles are not looked at again.
		g.generateDescribed(desc)
		cFiles = desc.unclaimed(g.rel, cFiles)
	}
	infos := g.scanSources(cFiles)
	if infos == nil {
		return
	}
	exts := g.findExtensions(cFiles, infos)
	if len(exts) == 0 {
		return
	}
	if desc != nil && desc.complete {
		kept := exts[:0]
		for _, e := range exts {
			if desc.named[path.Join(g.rel, e.file)] != "" {
				kept = append(kept, e)
				continue
			}
			warnf(path.Join(g.rel, e.file), "defines module %s, but %s does not build it; no rule for it", e.dotted, desc.file)
		}
		if exts = kept; len(exts) == 0 {
			return
		}
	}
	// Sources that define a module are never helpers of another one, even
	// when their own module was skipped.
	helpers := sourceInfos{}
	for f, info := range infos {
		if classify(f) == cHeaderFile || len(info.Modules) == 0 {
			helpers[f] = info
		}
	}
	for _, e := range exts {
		helpers[e.file] = infos[e.file]
	}
	common := g.group(exts, helpers)
	textual := textualSources(infos)

	if len(common) > 0 && g.claim(commonLibraryName, claimant{what: "the shared helper library"}) {
		r := rule.NewRule(ccLibraryKind, commonLibraryName)
		srcs, hdrs, texts := splitFiles(common, true, nil, textual)
		setList(r, "srcs", srcs)
		setList(r, "hdrs", hdrs)
		setList(r, "textual_hdrs", texts)
		r.SetAttr("visibility", []string{"//visibility:public"})
		g.add(r, &resolveData{includes: externalIncludes(common, common, infos)})
	} else {
		common = nil
	}
	for _, e := range exts {
		if !g.claim(e.name, claimant{what: "extension ", subject: e.dotted}) {
			continue
		}
		r := rule.NewRule(extensionKind, e.name)
		r.SetAttr("module", e.dotted)
		// The extension's own headers are private (srcs); only headers an
		// override declares public go into hdrs, where other targets may
		// include them.
		srcs, hdrs, texts := splitFiles(e.files, false, e.public, textual)
		setList(r, "srcs", srcs)
		setList(r, "hdrs", hdrs)
		setList(r, "textual_hdrs", texts)
		// The rule derives the init function from the module's last
		// component; name it when that is not what the source defines.
		if e.mod.Macro == csource.PyInitU || e.dotted[strings.LastIndexByte(e.dotted, '.')+1:] != e.mod.Name {
			r.SetAttr("init_symbol", e.mod.Symbol())
		}
		if e.isPackage {
			r.SetAttr("is_package", true)
		}
		// Not a mergeable attribute: Gazelle sets it on a rule that has no
		// copts and never overwrites copts written by hand.
		if o := g.pc.overrides[e.key]; len(o.copts) > 0 {
			r.SetAttr("copts", o.copts)
		}
		r.SetAttr("visibility", []string{"//visibility:public"})
		rd := &resolveData{includes: externalIncludes(e.files, common, infos)}
		if e.common && common != nil {
			rd.localDeps = []string{":" + commonLibraryName}
		}
		g.add(r, rd)
	}
}

// sourceInfos is what scanning found in each of a directory's C and C++
// files, by name.
type sourceInfos map[string]*csource.Info

// of returns what was found in file f: nothing for a file not scanned.
func (s sourceInfos) of(f string) *csource.Info {
	if info := s[f]; info != nil {
		return info
	}
	return &noInfo
}

// noInfo is what of returns for a file not scanned; never changed.
var noInfo csource.Info

// keepBudget bounds the bytes of sources scanSources keeps in memory while
// it does not yet know whether the directory needs scanning; beyond it,
// files are read again when they must be scanned.
var keepBudget = 32 << 20

// scanSources reads the directory's C and C++ files, each once, and scans
// them: headers first, so that the init macros they define ("#define
// MOD_INIT(name) PyMODINIT_FUNC PyInit_##name(void)") are known to the
// sources. A directory in which no file mentions an init function
// (csource.MayDefineModule) defines no module: its files are read (and
// reported if they cannot be) but not tokenized, and scanSources returns
// nil. Files read before the first mention are kept until then (up to
// keepBudget bytes); after it, each file is scanned as soon as it is read.
func (g *generator) scanSources(cFiles []string) sourceInfos {
	type pending struct {
		name string
		data []byte // nil: over the budget, to be read again
	}
	var (
		infos  sourceInfos
		macros map[string]int // the headers' init macros; nil if none
		kept   []pending
		size   int
	)
	scan := func(f string, data []byte) {
		info := csource.ScanWith(data, macros)
		if classify(f) == cHeaderFile {
			for name, idx := range info.InitMacros {
				if macros == nil {
					macros = map[string]int{}
				}
				macros[name] = idx
			}
		}
		infos[f] = &info
	}
	for _, pass := range []fileKind{cHeaderFile, cSourceFile} {
		for _, f := range cFiles {
			if classify(f) != pass {
				continue
			}
			data, ok := readSource(g.args.Dir, g.rel, f)
			if !ok {
				continue
			}
			if infos == nil && csource.MayDefineModule(data) {
				infos = sourceInfos{}
				for _, k := range kept {
					if k.data == nil {
						if k.data, ok = rereadSource(g.args.Dir, k.name); !ok {
							continue
						}
					}
					scan(k.name, k.data)
				}
				kept = nil
			}
			if infos != nil {
				scan(f, data)
				continue
			}
			if size += len(data); size > keepBudget {
				data = nil
			}
			kept = append(kept, pending{f, data})
		}
	}
	return infos
}

// findExtensions finds the modules defined by the directory's sources.
func (g *generator) findExtensions(cFiles []string, infos sourceInfos) []*extension {
	var exts []*extension
	byModule := map[string]string{}
	for _, f := range cFiles {
		info, ok := infos[f]
		if !ok || classify(f) != cSourceFile || len(info.Modules) == 0 {
			continue
		}
		// The file's name for messages, made only for one.
		where := func() string { return path.Join(g.rel, f) }
		m := info.Modules[0]
		if names := initSymbols(info.Modules); len(names) > 1 {
			warnf(where(), "defines several module init functions (%s); skipped", strings.Join(names, ", "))
			continue
		}
		short := m.Name
		if m.Macro == csource.PyInitU {
			var err error
			if short, err = punycode.ModuleName(m.Name); err != nil {
				warnf(where(), "%s does not encode a module name (%v); skipped", m.Symbol(), err)
				continue
			}
		}
		if !modname.ValidIdentifier(short) {
			warnf(where(), "module name %q is not a Python identifier; skipped", short)
			continue
		}
		// The build description's name does not depend on the location
		// (zstandard's c-ext/, pyyaml's yaml/ beside the lib/ root).
		if !g.pkgOK && g.describedName(f, short) == "" {
			warnf(where(), "defines module %s, but directory %q is not a Python package under the Python root (%s); skipped (see # gazelle:%s)",
				short, g.rel, describeRoot(g.pc.root), RootDirective)
			continue
		}
		if g.pkgOK {
			g.warnImplicitPackage(where)
		}
		dotted := short
		isPackage := false
		if stem := strings.TrimSuffix(f, path.Ext(f)); stem == "__init__" && g.pkg != "" && short == g.pkg[strings.LastIndexByte(g.pkg, '.')+1:] {
			dotted, isPackage = g.pkg, true
		} else if g.pkg != "" {
			dotted = g.pkg + "." + short
		}
		key := dotted // overrides are keyed by the name the location gives
		o := g.pc.overrides[key]
		if named := g.describedName(f, short); named != "" && o.module == "" {
			// The build description names it; its rule could not be
			// placed where all its files are (a BUILD file between).
			key, dotted = named, named
			o = g.pc.overrides[key]
		}
		if o.module != "" {
			// The user names the module (a package_dir mapping, say);
			// the checks against the location do not apply.
			dotted = o.module
		} else {
			if info.CythonModule != "" && info.CythonModule != dotted {
				warnf(where(), "Cython compiled it as module %q, but its location under the Python root (%s) makes it %q",
					info.CythonModule, describeRoot(g.pc.root), dotted)
			}
			if m.Macro == csource.PyInit || m.Macro == csource.PyInitU {
				checkModuleDefNames(where, info.ModuleDefNames, short, dotted, g.pc.root)
			}
		}
		if why := g.notBuilt(dotted); why != "" && o.module == "" {
			warnf(where(), "defines module %s, but %s; no rule for it", dotted, why)
			continue
		}
		if prev, ok := byModule[dotted]; ok {
			warnf(where(), "module %s is also defined by %s; skipped", dotted, path.Join(g.rel, prev))
			continue
		}
		byModule[dotted] = f
		name := m.Name // the default pattern, "$name$"
		if pattern := g.pc.naming[NamingExtension]; pattern != "$name$" {
			values := map[string]string{"$name$": m.Name}
			if strings.Contains(pattern, "$module$") {
				values["$module$"] = strings.ReplaceAll(g.asciiDotted(m.Name), ".", "_")
			}
			name = applyNaming(pattern, values)
		}
		if o.name != "" {
			name = o.name
		}
		if !validTargetName(name) {
			warnf(where(), "target name %q for module %s is not valid; skipped (see # gazelle:%s)", name, dotted, NamingDirective)
			continue
		}
		exts = append(exts, &extension{file: f, mod: m, key: key, dotted: dotted, name: name, isPackage: isPackage,
			files: map[string]bool{f: true}})
	}
	slices.SortFunc(exts, func(a, b *extension) int { return strings.Compare(a.name, b.name) })
	return exts
}

// initSymbols returns the distinct init functions of a file's modules, in
// source order (a module found on several lines counts once).
func initSymbols(mods []csource.Module) []string {
	if len(mods) == 1 {
		return nil // the common case: one module, nothing to list
	}
	var names []string
	for _, m := range mods {
		if sym := m.Symbol(); !contains(names, sym) {
			names = append(names, sym)
		}
	}
	return names
}

// checkModuleDefNames reports a PyModuleDef whose m_name disagrees with the
// module's name: a dotted m_name that is not where the file is, or no
// PyModuleDef in the file naming the module at all.
func checkModuleDefNames(where func() string, names []string, short, dotted, root string) {
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
			warnf(where(), "its PyModuleDef names the module %q, but its location under the Python root (%s) makes it %q",
				n, describeRoot(root), dotted)
			return
		}
	}
	warnf(where(), "defines %s, but its PyModuleDef names the module %q", "PyInit_"+short, names[0])
}

func describeRoot(root string) string {
	if root == "" {
		return "the repository root"
	}
	return strconv.Quote(root)
}

func (g *generator) asciiDotted(name string) string { return modname.Join(g.pkg, name) }

// group assigns the directory's helper sources and headers. A file belongs
// to the extensions whose init source reaches it: through quoted includes of
// files in this directory, and from a header to the sources of the same
// stem (helper.h to helper.c). A file reached from one extension goes into
// that extension's rule; from several, into the shared cc_library, together
// with everything it reaches. In a directory with a single extension, files
// that nothing reaches go into it as well. group returns the shared files.
func (g *generator) group(exts []*extension, infos sourceInfos) map[string]bool {
	inits := map[string]bool{}
	for _, e := range exts {
		inits[e.file] = true
	}
	local := func(f string) bool { _, ok := infos[f]; return ok && !inits[f] }
	reach := func(starts []string) map[string]bool {
		seen := map[string]bool{}
		stack := append([]string(nil), starts...)
		visit := func(n string) {
			if local(n) && !seen[n] {
				seen[n] = true
				stack = append(stack, n)
			}
		}
		for len(stack) > 0 {
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, inc := range infos.of(f).Includes {
				if !inc.System {
					visit(path.Clean(inc.Path))
				}
			}
			if classify(f) == cHeaderFile {
				stem := strings.TrimSuffix(f, path.Ext(f))
				for _, ext := range sourceExts {
					// The name is only made for a file that is there.
					if _, ok := infos[stem+ext]; ok {
						visit(stem + ext)
					}
				}
			}
		}
		return seen
	}

	users := map[string][]*extension{}
	for _, e := range exts {
		starts := []string{e.file}
		if o, ok := g.pc.overrides[e.key]; ok {
			for _, f := range append(append([]string(nil), o.srcs...), o.hdrs...) {
				if _, ok := infos[f]; !ok && strings.Contains(f, "/") && classify(f) != otherFile {
					// A file in a subdirectory without a BUILD file
					// of its own belongs to this package.
					if _, err := os.Stat(filepath.Join(g.args.Dir, filepath.FromSlash(f))); err == nil {
						if data, ok := readSource(g.args.Dir, g.rel, f); ok {
							info := csource.Scan(data)
							infos[f] = &info
						}
					}
				}
				if _, ok := infos[f]; !ok {
					warnf(g.where(), "# gazelle:%s %s lists %s, which is not a readable C/C++ file here; ignored", OverrideDirective, e.key, f)
					continue
				}
				e.files[f] = true
				if contains(o.hdrs, f) {
					if e.public == nil {
						e.public = map[string]bool{}
					}
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
	// A source that defines no module and that no extension reaches joins
	// the one extension whose headers it includes (helper.c including the
	// extension's helper.h). Otherwise it is reported, never silently
	// guessed: in a directory with one extension it joins it (real
	// packages link helpers through extern declarations with no header:
	// ujson's objToJSON.c), in one with several it is left out. Headers
	// nothing includes are harmless and may be reached through include
	// paths: they go to a single extension.
	// What each extension's own files include with quotes: a source that
	// includes the same header (found next to it or through an include
	// path) is linked to the extension. Angle-bracket includes (<stdio.h>)
	// say nothing about which module a file belongs to.
	extIncludes := map[*extension]map[string]bool{}
	owned := map[string]bool{}
	for _, e := range exts {
		extIncludes[e] = map[string]bool{}
		for f := range e.files {
			owned[f] = true
			for _, inc := range infos.of(f).Includes {
				if !inc.System {
					extIncludes[e][path.Clean(inc.Path)] = true
				}
			}
		}
	}
	for f, us := range users {
		for _, e := range us {
			for _, inc := range infos.of(f).Includes {
				if !inc.System {
					extIncludes[e][path.Clean(inc.Path)] = true
				}
			}
		}
	}
	for _, f := range sortedKeys(infos) {
		if inits[f] || users[f] != nil || owned[f] {
			continue
		}
		if classify(f) != cSourceFile {
			if len(exts) == 1 {
				exts[0].files[f] = true
			}
			continue
		}
		var linked []*extension
		for _, inc := range infos.of(f).Includes {
			p := path.Clean(inc.Path)
			if inc.System || pythonHeaders[p] || strings.HasPrefix(p, "cpython/") {
				continue // every extension includes Python.h
			}
			for _, e := range exts {
				if (containsExt(users[p], e) || extIncludes[e][p]) && !containsExt(linked, e) {
					linked = append(linked, e)
				}
			}
		}
		switch {
		case len(linked) == 1 && !common[f]:
			linked[0].files[f] = true
		case len(exts) == 1:
			exts[0].files[f] = true
			warnf(path.Join(g.rel, f), "defines no module and no extension includes it or its header; added to the directory's only extension, %s, as a helper (if it is not one: # gazelle:exclude %s)", exts[0].dotted, f)
		default:
			warnf(path.Join(g.rel, f), "defines no module and no extension includes it or its header; left out of every rule (to build it into one: # gazelle:%s MODULE srcs=%s)", OverrideDirective, f)
		}
	}
	return common
}

// externalIncludes returns the includes of files that are not satisfied by
// files (or by the local shared library's files), deduplicated and sorted.
func externalIncludes(files, common map[string]bool, infos sourceInfos) []csource.Include {
	var out []csource.Include
	for f := range files {
		for _, inc := range infos.of(f).Includes {
			if !inc.System {
				if p := path.Clean(inc.Path); files[p] || common[p] {
					continue
				}
			}
			out = append(out, csource.Include{Path: inc.Path, System: inc.System})
		}
	}
	// Sorted, then each once.
	slices.SortFunc(out, func(a, b csource.Include) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		switch {
		case a.System == b.System:
			return 0
		case !a.System:
			return -1
		}
		return 1
	})
	return slices.Compact(out)
}

// splitFiles sorts a rule's files into srcs, hdrs and textual_hdrs. With
// library (a cc_library) every header goes to hdrs; otherwise (an
// extension) only the public ones do and the others are private srcs.
// Sources included by another file (a unity build's "#include "impl.c"")
// are textual_hdrs: compiling them on their own would define their symbols
// twice.
func splitFiles(files map[string]bool, library bool, public, textual map[string]bool) (srcs, hdrs, texts []string) {
	for _, f := range sortedKeys(files) {
		switch {
		case classify(f) == cSourceFile && textual[f]:
			texts = append(texts, f)
		case classify(f) == cHeaderFile && (library || public[f]):
			hdrs = append(hdrs, f)
		default:
			srcs = append(srcs, f)
		}
	}
	return srcs, hdrs, texts
}

// textualSources returns the directory's sources that a file of the
// directory includes with a quoted include.
func textualSources(infos sourceInfos) map[string]bool {
	textual := map[string]bool{}
	for _, info := range infos {
		for _, inc := range info.Includes {
			if p := path.Clean(inc.Path); !inc.System && classify(p) == cSourceFile {
				if _, ok := infos[p]; ok {
					textual[p] = true
				}
			}
		}
	}
	return textual
}

func setList(r *rule.Rule, attr string, values []string) {
	if len(values) > 0 {
		r.SetAttr(attr, values)
	}
}

func containsExt(list []*extension, e *extension) bool {
	for _, x := range list {
		if x == e {
			return true
		}
	}
	return false
}

// warnImplicitPackage reports a module whose package name comes from the
// directories of an unpacked source distribution (a PKG-INFO file at or
// above it, in Gazelle's listing of the directory) when nothing chose the
// Python root: no directive and no build description. The sdist's directory
// name would otherwise silently become part of its modules' names.
func (g *generator) warnImplicitPackage(where func() string) {
	if g.pc.rootSet || g.pkg == "" || g.implicitWarned {
		return
	}
	// Configure noted the nearest PKG-INFO, except below a directory
	// where the language was off.
	dir, ok := g.pc.pkgInfoDir, g.pc.hasPkgInfo
	if g.pc.pkgInfoUnknown {
		dir, ok = findPkgInfo(g.args.Config.RepoRoot, g.rel)
	}
	if ok {
		g.implicitWarned = true
		warnf(where(), "directory %q is an unpacked source distribution (it has PKG-INFO) with no setup.py or pyproject.toml, so this module's package %q comes from the directories under the repository root; set # gazelle:%s in its top directory",
			dir, g.pkg, RootDirective)
	}
}

// pkgInfoFile marks the top directory of an unpacked source distribution.
const pkgInfoFile = "PKG-INFO"

// findPkgInfo returns the nearest directory at or above rel whose listing
// has a PKG-INFO file.
func findPkgInfo(repoRoot, rel string) (string, bool) {
	for dir := rel; ; dir = path.Dir(dir) {
		if dir == "." {
			dir = ""
		}
		if hasFile(dirFiles(repoRoot, dir), pkgInfoFile) {
			return dir, true
		}
		if dir == "" {
			return "", false
		}
	}
}
