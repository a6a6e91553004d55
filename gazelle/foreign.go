package gazelle

import (
	"sort"
	"strings"
	"sync"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/bazelbuild/bazel-gazelle/resolve"
	"github.com/bazelbuild/bazel-gazelle/rule"

	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/modname"
)

// Rules of kinds this language does not own: cc_library and py_library
// rules, written by hand or by gazelle_cc and rules_python's plugin.
//
// Gazelle indexes a rule only through the language that lists its kind, so
// this language does not see them in the rule index (unless one of those
// plugins is loaded: it indexes them under its own name, and find looks
// there first). Yet an extension that includes a header of a hand-written
// cc_library, or a program that imports a module of a hand-written
// py_library, needs a dependency on it. So Configure reads them from every
// BUILD file Gazelle visits, into an index of their own that Resolve
// consults after Gazelle's. They are read only: their kinds are not claimed,
// so Gazelle never hands this language's Resolve a rule of another plugin,
// nor another plugin's Resolve a rule of this language.

// foreignIndexes holds the foreign index of each run by repository root.
// Not in config.Exts: one more key there is copied into every directory's
// configuration, and past seven keys Gazelle's walk makes each directory's
// copy grow into a larger map (gazelle/README.md, performance notes).
var foreignIndexes sync.Map // c.RepoRoot -> *foreignIndex

type foreignIndex struct {
	mu    sync.Mutex
	rules map[resolve.ImportSpec][]label.Label
}

// noteForeignRules records the cc_library and py_library rules of a BUILD
// file under the headers and modules they provide. It is called by
// Configure, once this directory's configuration is complete.
func noteForeignRules(c *config.Config, rel string, f *rule.File) {
	if rel != "" && (f == nil || !c.IndexLibraries) {
		return // nothing to record (the root's call starts a run's index)
	}
	var fi *foreignIndex
	if v, ok := foreignIndexes.Load(c.RepoRoot); ok && rel != "" {
		fi = v.(*foreignIndex)
	} else {
		// A new run: the root is configured first.
		fi = &foreignIndex{rules: map[resolve.ImportSpec][]label.Label{}}
		foreignIndexes.Store(c.RepoRoot, fi)
	}
	if f == nil || !c.IndexLibraries {
		return
	}
	for _, r := range f.Rules {
		specs := foreignImports(c, r, f)
		if len(specs) == 0 {
			continue
		}
		l := label.New(c.RepoName, f.Pkg, r.Name())
		fi.mu.Lock()
		for _, s := range specs {
			fi.rules[s] = append(fi.rules[s], l)
		}
		fi.mu.Unlock()
	}
}

// foreignImports returns what a cc_library (its headers, under every path
// they can be included by) or a py_library (the modules of its sources)
// provides; nothing for other kinds.
func foreignImports(c *config.Config, r *rule.Rule, f *rule.File) []resolve.ImportSpec {
	if r.Name() == "" {
		return nil
	}
	switch baseKind(c, r.Kind()) {
	case foreignCCLibraryKind:
		return headerSpecs(f.Pkg, r)
	case foreignPyLibraryKind:
		return moduleSpecs(c, r, f)
	}
	return nil
}

// findForeign returns the rules of the foreign index that provide spec,
// sorted by label.
func findForeign(c *config.Config, spec resolve.ImportSpec) []resolve.FindResult {
	v, ok := foreignIndexes.Load(c.RepoRoot)
	if !ok {
		return nil
	}
	fi := v.(*foreignIndex)
	fi.mu.Lock()
	labels := fi.rules[spec]
	fi.mu.Unlock()
	seen := map[string]bool{}
	var out []resolve.FindResult
	for _, l := range labels {
		if !seen[l.String()] {
			seen[l.String()] = true
			out = append(out, resolve.FindResult{Label: l})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Label.String() < out[j].Label.String() })
	return out
}

// headerSpecs are the import specs of a C library's headers.
func headerSpecs(pkg string, r *rule.Rule) []resolve.ImportSpec {
	var specs []resolve.ImportSpec
	for _, p := range headerPaths(pkg, r) {
		specs = append(specs, resolve.ImportSpec{Lang: cImportLang, Imp: p})
	}
	return specs
}

// moduleSpecs are the import specs of a Python library's modules: its .py
// sources, named from the Python root.
func moduleSpecs(c *config.Config, r *rule.Rule, f *rule.File) []resolve.ImportSpec {
	pc := getConfig(c)
	pkg, ok := modname.Package(pc.root, f.Pkg)
	if !ok {
		return nil
	}
	var specs []resolve.ImportSpec
	for _, src := range r.AttrStrings("srcs") {
		if strings.HasPrefix(src, ":") || strings.HasPrefix(src, "//") || strings.HasPrefix(src, "@") || !strings.HasSuffix(src, ".py") {
			continue
		}
		mod := strings.ReplaceAll(strings.TrimSuffix(src, ".py"), "/", ".")
		switch {
		case mod == "__init__":
			mod = pkg
		case strings.HasSuffix(mod, ".__init__"):
			mod = modname.Join(pkg, strings.TrimSuffix(mod, ".__init__"))
		default:
			mod = modname.Join(pkg, mod)
		}
		if mod != "" {
			specs = append(specs, resolve.ImportSpec{Lang: pyImportLang, Imp: mod})
		}
	}
	return specs
}
