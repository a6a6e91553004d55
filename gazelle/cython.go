package gazelle

import (
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/bazelbuild/bazel-gazelle/resolve"
	"github.com/bazelbuild/bazel-gazelle/rule"

	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/csource"
	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/modname"
	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/pyxsource"
)

// Cython sources: each .pyx of a directory becomes a py_static_extension
// with the .pyx in srcs (the rules compile it with the pinned Cython, see
// docs/rules.md), together with the files of this directory it reads: its
// own .pxd, the .pxd files it cimports from its package, the .pxi files it
// includes, the headers of its `cdef extern from` blocks and the C sources
// of its `# distutils: sources` line. A cimport of another package's .pxd
// becomes a dependency on the extension that lists that .pxd; headers of
// other packages resolve like a C source's includes.
//
// A .pyx whose module is already defined by a C source of the directory
// (an sdist that ships Cython's output next to the .pyx) is left to that
// source, and a .pyx another file includes is part of that file's module.
// Every other .pyx either gets a rule or a message naming it.

// cythonImportLang is the import spec language of .pxd files: an
// extension provides the dotted module name of each .pxd in its srcs.
const cythonImportLang = "pxd"

// cythonBundled are the top-level packages of the .pxd files Cython itself
// ships (Cython/Includes): a cimport of them needs no dependency.
var cythonBundled = map[string]bool{"cython": true, "libc": true, "libcpp": true, "cpython": true, "posix": true, "openmp": true}

// generateCython writes a rule for each .pyx in pyxFiles; declFiles are the
// directory's .pxd and .pxi files, cFiles its C/C++ sources and headers.
func (g *generator) generateCython(pyxFiles, declFiles, cFiles []string) {
	if len(pyxFiles) == 0 {
		return
	}
	taken := g.generatedModules()
	local := map[string]bool{}
	for _, f := range append(append(append([]string(nil), pyxFiles...), declFiles...), cFiles...) {
		local[f] = true
	}
	infos := map[string]pyxsource.Info{}
	for _, f := range append(append([]string(nil), pyxFiles...), declFiles...) {
		if data, ok := readSource(g.args.Dir, g.rel, f); ok {
			infos[f] = pyxsource.Scan(data)
		}
	}
	// A .pyx that another file includes (msgpack's _packer.pyx in
	// _cmsgpack.pyx, uvloop's handles/handle.pyx in loop.pyx) is part of
	// that module, not a module of its own.
	included := g.includedFromAbove()
	for _, info := range infos {
		for _, inc := range info.Includes {
			included[path.Clean(inc)] = true
		}
	}
	for _, f := range pyxFiles {
		info, ok := infos[f]
		if !ok || included[f] {
			continue // readSource said why, or it is part of another module
		}
		where := path.Join(g.rel, f)
		stem := strings.TrimSuffix(f, path.Ext(f)) // .pyx, or a described .py
		if !modname.ValidIdentifier(stem) {
			warnf(where, "module name %q is not a Python identifier; skipped", stem)
			continue
		}
		if !g.pkgOK && g.describedName(f, stem) == "" {
			warnf(where, "defines module %s, but directory %q is not a Python package under the Python root (%s); skipped (see # gazelle:%s)",
				stem, g.rel, describeRoot(g.pc.root), RootDirective)
			continue
		}
		dotted, isPackage := modname.Join(g.pkg, stem), false
		// The package's build description names it where it lists the
		// .pyx (setup.py's Extension("pkg._mod", ["src/pkg/_mod.pyx"])).
		if described := g.describedName(f, stem); described != "" {
			dotted = described
		}
		if stem == "__init__" {
			if g.pkg == "" {
				warnf(where, "a compiled package needs a package directory, and this is the Python root; skipped")
				continue
			}
			dotted, isPackage = g.pkg, true
		}
		key := dotted
		o := g.pc.overrides[key]
		if o.module != "" {
			dotted = o.module
		}
		if why := g.notBuilt(dotted); why != "" && o.module == "" {
			warnf(where, "defines module %s, but %s; no rule for it", dotted, why)
			continue
		}
		if taken[dotted] {
			continue // a C source of this directory defines it (shipped Cython output)
		}
		short := dotted[strings.LastIndexByte(dotted, '.')+1:]
		name := applyNaming(g.pc.naming[NamingExtension], map[string]string{
			"$name$":   short,
			"$module$": strings.ReplaceAll(dotted, ".", "_"),
		})
		if o.name != "" {
			name = o.name
		}
		if !validTargetName(name) {
			warnf(where, "target name %q for module %s is not valid; skipped (see # gazelle:%s)", name, dotted, NamingDirective)
			continue
		}
		language := ""
		switch info.Language {
		case "", "c":
		case "c++":
			language = "c++"
		default:
			warnf(where, "# distutils: language = %s is neither c nor c++; generated as C", info.Language)
		}
		srcs, rd := g.cythonFiles(f, dotted, isPackage, infos, local)
		if !g.claim(name, claimant{what: "extension ", subject: dotted}) {
			continue
		}
		taken[dotted] = true
		r := rule.NewRule(extensionKind, name)
		r.SetAttr("module", dotted)
		setList(r, "srcs", srcs)
		if language != "" {
			r.SetAttr("cython_language", language)
		}
		if isPackage {
			r.SetAttr("is_package", true)
		}
		if len(o.copts) > 0 {
			r.SetAttr("copts", o.copts)
		}
		r.SetAttr("visibility", []string{"//visibility:public"})
		g.add(r, rd)
	}
}

// maxIncludeDepth is how many directories up includedFromAbove looks.
const maxIncludeDepth = 3

// includedFromAbove returns the files of this directory that a Cython file
// of an ancestor directory includes by a relative path. Gazelle visits a
// directory before its parent, so the ancestors' files are read here.
func (g *generator) includedFromAbove() map[string]bool {
	included := map[string]bool{}
	rel := g.rel
	for depth := 0; depth < maxIncludeDepth && rel != ""; depth++ {
		parent := path.Dir(rel)
		if parent == "." {
			parent = ""
		}
		rel = parent
		dir := filepath.Join(g.args.Config.RepoRoot, filepath.FromSlash(parent))
		entries, err := os.ReadDir(dir)
		if err != nil {
			return included
		}
		for _, e := range entries {
			if e.IsDir() || classify(e.Name()) != cythonFile && classify(e.Name()) != cythonDeclFile {
				continue
			}
			data, ok := rereadSource(dir, e.Name())
			if !ok {
				continue
			}
			for _, inc := range pyxsource.Scan(data).Includes {
				if target := path.Join(parent, inc); path.Dir(target) == g.rel {
					included[path.Base(target)] = true
				}
			}
		}
	}
	return included
}

// generatedModules returns the modules of the extension rules generated so
// far in this directory (from C sources).
func (g *generator) generatedModules() map[string]bool {
	taken := map[string]bool{}
	for _, r := range g.gen {
		if r.Kind() == extensionKind {
			taken[r.AttrString("module")] = true
		}
	}
	return taken
}

// cythonFiles follows a .pyx's includes, local cimports, extern headers and
// distutils sources through the directory's files. It returns the rule's
// srcs and what Resolve needs: other packages' .pxd modules and headers.
func (g *generator) cythonFiles(pyx, dotted string, isPackage bool, infos map[string]pyxsource.Info, local map[string]bool) ([]string, *resolveData) {
	pkg := dotted // the package relative cimports start from
	if !isPackage {
		pkg = modname.Parent(dotted)
	}
	srcs := map[string]bool{pyx: true}
	rd := &resolveData{}
	seenInclude := map[csource.Include]bool{}
	seenCimport := map[string]bool{}
	stack := []string{pyx}
	ownPxd := strings.TrimSuffix(pyx, path.Ext(pyx)) + ".pxd"
	if local[ownPxd] {
		srcs[ownPxd] = true
		stack = append(stack, ownPxd)
	}
	visited := map[string]bool{}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if visited[f] {
			continue
		}
		visited[f] = true
		info := infos[f]
		where := path.Join(g.rel, f)
		add := func(file string) {
			if !srcs[file] {
				srcs[file] = true
				if _, ok := infos[file]; ok {
					stack = append(stack, file)
				}
			}
		}
		for _, inc := range info.Includes {
			if p := path.Clean(inc); local[p] {
				add(p)
			} else if g.inSubdirectoryWithoutBuildFile(p) {
				srcs[p] = true // uvloop's include "handles/handle.pyx"
			} else {
				warnf(where, "includes %q, which is not a file of this directory; add it to the rule's srcs by hand and mark them # keep", inc)
			}
		}
		for _, src := range info.Sources {
			if p := path.Clean(src); local[p] && classify(p) == cSourceFile {
				srcs[p] = true
			} else {
				warnf(where, "# distutils: sources lists %q, which is not a C/C++ source of this directory; add it by hand", src)
			}
		}
		for _, h := range info.Externs {
			if p := path.Clean(h); local[p] {
				srcs[p] = true
				continue
			}
			inc := csource.Include{Path: h}
			if !seenInclude[inc] {
				seenInclude[inc] = true
				rd.includes = append(rd.includes, inc)
			}
		}
		for _, c := range info.Cimports {
			for _, m := range cimportCandidates(c, pkg) {
				// A .pxd of this directory is read from srcs, unless it
				// belongs to another .pyx here: that module is then a
				// dependency, linked into the same binaries.
				if file, ok := g.localPxd(m, local); ok && (file == ownPxd || !local[strings.TrimSuffix(file, ".pxd")+".pyx"]) {
					add(file)
					break
				}
				if !cythonBundled[strings.SplitN(m, ".", 2)[0]] && m != dotted && !seenCimport[m] {
					seenCimport[m] = true
					rd.cimports = append(rd.cimports, m)
				}
			}
		}
	}
	sort.Slice(rd.includes, func(i, j int) bool { return rd.includes[i].Path < rd.includes[j].Path })
	return sortedKeys(srcs), rd
}

// inSubdirectoryWithoutBuildFile reports whether p (relative to this
// directory) is a file in a subdirectory that has no BUILD file: a file of
// this package, as with the C sources of py_static_override srcs.
func (g *generator) inSubdirectoryWithoutBuildFile(p string) bool {
	if !strings.Contains(p, "/") || p == ".." || strings.HasPrefix(p, "../") || path.IsAbs(p) {
		return false
	}
	full := filepath.Join(g.args.Dir, filepath.FromSlash(p))
	if st, err := os.Stat(full); err != nil || !st.Mode().IsRegular() {
		return false
	}
	for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
		for _, name := range g.args.Config.ValidBuildFileNames {
			if _, err := os.Stat(filepath.Join(g.args.Dir, filepath.FromSlash(dir), name)); err == nil {
				return false
			}
		}
	}
	return true
}

// cimportCandidates are the modules a cimport may name, most specific
// first: "from a cimport b" is the submodule a.b, or the name b in a.pxd.
// Relative cimports are made absolute from pkg.
func cimportCandidates(c pyxsource.Cimport, pkg string) []string {
	mod := c.Module
	if strings.HasPrefix(mod, ".") {
		dots := len(mod) - len(strings.TrimLeft(mod, "."))
		base := pkg
		for i := 1; i < dots && base != ""; i++ {
			base = modname.Parent(base)
		}
		if rest := mod[dots:]; rest != "" {
			mod = modname.Join(base, rest)
		} else {
			mod = base
		}
		if mod == "" {
			return nil
		}
	}
	var out []string
	for _, n := range c.Names {
		out = append(out, mod+"."+n)
	}
	return append(out, mod)
}

// localPxd returns the .pxd of this directory that module is, if any.
func (g *generator) localPxd(module string, local map[string]bool) (string, bool) {
	if modname.Parent(module) != g.pkg {
		return "", false
	}
	file := module[strings.LastIndexByte(module, '.')+1:] + ".pxd"
	return file, local[file]
}

// cythonImportSpecs are the .pxd modules an extension rule provides.
func cythonImportSpecs(c *config.Config, f *rule.File, r *rule.Rule, module string) []resolve.ImportSpec {
	pkg, ok := modname.Package(getConfig(c).root, f.Pkg)
	var specs []resolve.ImportSpec
	for _, src := range r.AttrStrings("srcs") {
		if !strings.HasSuffix(src, ".pxd") || strings.ContainsAny(src, ":/@") {
			continue
		}
		stem := strings.TrimSuffix(src, ".pxd")
		switch {
		case module != "" && stem == module[strings.LastIndexByte(module, '.')+1:]:
			specs = append(specs, resolve.ImportSpec{Lang: cythonImportLang, Imp: module})
		case ok:
			specs = append(specs, resolve.ImportSpec{Lang: cythonImportLang, Imp: modname.Join(pkg, stem)})
		}
	}
	return specs
}

// resolveCimports adds to deps the rules providing the .pxd modules a .pyx
// cimports from other packages. One not found is left alone: it may be a
// .pxd of an installed package, which Cython then reports at build time.
func resolveCimports(c *config.Config, ix *resolve.RuleIndex, cimports []string, from label.Label, deps map[string]bool) {
	for _, m := range cimports {
		if l, ok := find(c, ix, resolve.ImportSpec{Lang: cythonImportLang, Imp: m}, from); ok && !l.Equal(label.NoLabel) {
			deps[l.Rel(from.Repo, from.Pkg).String()] = true
		}
	}
}
