package gazelle

import (
	"path"
	"sort"
	"strings"

	"github.com/bazelbuild/bazel-gazelle/rule"

	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/pyimport"
)

// generatePython generates the py_static_binary for the directory's main
// file, a py_static_test per test file and, if enabled, a py_library
// for the other Python files.
func (g *generator) generatePython(pyFiles []string) {
	pc := g.pc
	var main string
	var tests, lib []string
	for _, f := range pyFiles {
		switch {
		case f == pc.main:
			main = f
		case isTestFile(f):
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
		if !validTargetName(name) {
			warnf(g.where(), "target name %q for the py_library is not valid; skipped (see # gazelle:%s)", name, NamingDirective)
		} else if g.claim(name, "the py_library") {
			r := rule.NewRule(pyLibraryKind, name)
			r.SetAttr("srcs", lib)
			g.setImports(r)
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
		g.setImports(r)
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

// isTestFile reports whether a Python file is a test program: foo_test.py
// or test_foo.py, as rules_python's plugin and pytest name them.
func isTestFile(name string) bool {
	return strings.HasSuffix(name, "_test.py") || strings.HasPrefix(name, "test_") && strings.HasSuffix(name, ".py")
}

// setImports puts the Python root on sys.path through the imports attribute
// (relative to the package, as py_library's) when the root is not the
// repository root. Like visibility it is set on new rules only: the user
// owns it afterwards.
func (g *generator) setImports(r *rule.Rule) {
	if g.pc.root == "" || !g.pkgOK {
		return
	}
	up := "."
	if g.pkg != "" {
		up = strings.TrimSuffix(strings.Repeat("../", strings.Count(g.pkg, ".")+1), "/")
	}
	r.SetAttr("imports", []string{up})
}
