package gazelle

import (
	"path"
	"sort"
	"strings"

	"github.com/bazelbuild/bazel-gazelle/rule"

	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/pyimport"
)

// generatePython generates the py_static_binary for the directory's main
// file, a py_static_test per test file and, if enabled, a py_static_py_library
// for the other Python files.
func (g *generator) generatePython(pyFiles []string) {
	pc := g.pc
	var main, conftest string
	var tests, lib []string
	// A distribution's package directory installs every module in it, test
	// modules included (simplejson.tests.test_dump): with "all" they are
	// library files, never tests.
	allLib := pc.pyLibraryAll && contains(pyFiles, "__init__.py")
	for _, f := range pyFiles {
		switch {
		case f == pc.main:
			main = f
		case allLib:
			lib = append(lib, f)
		case isTestFile(f):
			tests = append(tests, f)
		case pc.tests && f == conftestFile:
			conftest = f // its own py_static_py_library (tests.go)
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
	if main == "" && len(tests) == 0 && !wantLib && conftest == "" {
		return
	}

	modules := map[string][]string{}
	sources := map[string][]byte{} // the tests', whose definitions tests.go scans
	imports := map[string][]pyimport.Import{}
	for _, f := range pyFiles {
		if f != main && f != conftest && !contains(tests, f) && !contains(lib, f) {
			continue
		}
		if data, ok := readSource(g.args.Dir, g.rel, f); ok {
			imports[f] = pyimport.Scan(data)
			modules[f] = g.absoluteImports(imports[f])
			if contains(tests, f) {
				sources[f] = data
			}
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
			warnf(g.where(), "target name %q for the py_static_py_library is not valid; skipped (see # gazelle:%s)", name, NamingDirective)
		} else if g.claim(name, claimant{what: "the py_static_py_library"}) {
			r := rule.NewRule(pyLibraryKind, name)
			r.SetAttr("srcs", lib)
			g.setImports(r)
			r.SetAttr("visibility", []string{"//visibility:public"})
			g.add(r, &resolveData{modules: collect(lib)})
			programDeps = []string{":" + name}
			programSrcs = nil
		}
	}
	if conftest != "" {
		srcs := append([]string{conftest}, programSrcs...)
		g.generateConftest(srcs, programDeps, collect(srcs))
	}
	program := func(kind, name, file string) (*rule.Rule, *resolveData) {
		if !validTargetName(name) {
			warnf(path.Join(g.rel, file), "target name %q is not valid; skipped (see # gazelle:%s)", name, NamingDirective)
			return nil, nil
		}
		if !g.claim(name, claimant{what: kind + " for ", subject: file}) {
			return nil, nil
		}
		srcs := append([]string{file}, programSrcs...)
		sort.Strings(srcs)
		r := rule.NewRule(kind, name)
		r.SetAttr("srcs", srcs)
		r.SetAttr("main", file)
		g.setImports(r)
		rd := &resolveData{localDeps: append([]string(nil), programDeps...), modules: collect(srcs)}
		g.add(r, rd)
		return r, rd
	}
	if main != "" {
		program(binaryKind, applyNaming(pc.naming[NamingBinary], map[string]string{"$package_name$": g.packageName()}), main)
	}
	for _, t := range tests {
		kind := g.testKindFor(t, sources[t], imports[t])
		if kind == "" {
			continue
		}
		if r, rd := program(kind, applyNaming(pc.naming[NamingTest], map[string]string{"$test$": strings.TrimSuffix(t, ".py")}), t); r != nil {
			g.finishTest(r, rd)
		}
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
