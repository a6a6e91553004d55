package gazelle

import (
	"log"
	"path"
	"sort"
	"strings"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/bazelbuild/bazel-gazelle/repo"
	"github.com/bazelbuild/bazel-gazelle/resolve"
	"github.com/bazelbuild/bazel-gazelle/rule"

	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/csource"
	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/modname"
)

// foreignLangs are, for each import spec language of ours, the languages
// whose rules this language also looks in when resolving an import, and
// answers for in CrossResolve: rules_python's plugin indexes Python
// libraries under its name "py"; gazelle_cc indexes headers under its
// languages "cc" and "c++", with specs of the same names.
var foreignLangs = map[string][]string{
	pyImportLang: {"py"},
	cImportLang:  {"cc", "c++"},
}

// Imports implements resolve.Resolver: it says what each rule of this
// language provides. Extensions provide their dotted module name (and their
// headers); py_static_cc_library rules provide their headers under every
// path they can be included by; py_static_py_library rules provide the
// modules of their sources. (cc_library and py_library rules are not this
// language's: see foreign.go.)
func (*pyStaticLang) Imports(c *config.Config, r *rule.Rule, f *rule.File) []resolve.ImportSpec {
	var specs []resolve.ImportSpec
	switch baseKind(c, r.Kind()) {
	case extensionKind:
		mod := r.AttrString("module")
		if mod == "" {
			// The rule's default: the package path and the target name.
			mod = modname.Join(strings.ReplaceAll(f.Pkg, "/", "."), r.Name())
		}
		specs = append(specs, resolve.ImportSpec{Lang: pyImportLang, Imp: mod})
		specs = append(specs, cythonImportSpecs(c, f, r, mod)...)
		for _, h := range r.AttrStrings("hdrs") {
			specs = append(specs, resolve.ImportSpec{Lang: cImportLang, Imp: path.Join(f.Pkg, h)})
		}
	case ccLibraryKind:
		specs = headerSpecs(f.Pkg, r)
	case pyLibraryKind:
		specs = moduleSpecs(c, r, f)
	default:
		return nil
	}
	return specs
}

// headerPaths returns the paths by which the headers (hdrs and textual_hdrs)
// of a C library can be included: from the repository root, and as adjusted by its
// strip_include_prefix, include_prefix and includes attributes.
func headerPaths(pkg string, r *rule.Rule) []string {
	var out []string
	strip := r.AttrString("strip_include_prefix")
	prefix := r.AttrString("include_prefix")
	includes := r.AttrStrings("includes")
	for _, h := range append(r.AttrStrings("hdrs"), r.AttrStrings("textual_hdrs")...) {
		if strings.HasPrefix(h, ":") || strings.HasPrefix(h, "//") || strings.HasPrefix(h, "@") {
			continue
		}
		full := path.Join(pkg, h)
		out = append(out, full)
		if strip != "" || prefix != "" {
			v := h
			if strip != "" {
				dir := path.Join(pkg, strip)
				if strings.HasPrefix(strip, "/") {
					dir = strings.TrimPrefix(strip, "/")
				}
				if rest, ok := strings.CutPrefix(full, dir+"/"); ok {
					v = rest
				}
			}
			out = append(out, path.Join(prefix, v))
		}
		for _, inc := range includes {
			dir := path.Join(pkg, inc)
			if dir == "." || dir == "" {
				out = append(out, full)
			} else if rest, ok := strings.CutPrefix(full, dir+"/"); ok {
				out = append(out, rest)
			}
		}
	}
	return out
}

// Resolve implements resolve.Resolver: it sets deps from the includes and
// Python imports recorded by GenerateRules.
func (*pyStaticLang) Resolve(c *config.Config, ix *resolve.RuleIndex, rc *repo.RemoteCache, r *rule.Rule, imports interface{}, from label.Label) {
	rd, ok := imports.(*resolveData)
	if !ok {
		return
	}
	pc := getConfig(c)
	deps := map[string]bool{}
	for _, d := range rd.localDeps {
		deps[d] = true
	}
	for _, inc := range rd.includes {
		if l, ok := resolveInclude(c, pc, ix, inc, from); ok {
			deps[l.Rel(from.Repo, from.Pkg).String()] = true
		}
	}
	for _, mod := range rd.modules {
		for m := mod; m != ""; m = modname.Parent(m) {
			if l, ok := find(c, ix, resolve.ImportSpec{Lang: pyImportLang, Imp: m}, from); ok {
				if !l.Equal(label.NoLabel) {
					deps[l.Rel(from.Repo, from.Pkg).String()] = true
				}
				break
			}
		}
	}
	// A py_static_pytest_test has pytest in its own attribute already
	// (# gazelle:resolve py pytest ... would add it again).
	delete(deps, r.AttrString("pytest"))
	resolveCimports(c, ix, rd.cimports, from, deps)
	if len(deps) == 0 {
		r.DelAttr("deps")
		return
	}
	r.SetAttr("deps", sortLabels(deps))
}

// pythonHeaders need no dependency: the toolchain provides them.
var pythonHeaders = map[string]bool{
	"Python.h": true, "structmember.h": true, "frameobject.h": true, "pythread.h": true,
	"datetime.h": true, "marshal.h": true, "longintrepr.h": true, "pyconfig.h": true,
}

// resolveInclude finds the rule providing an included header: a header of
// the Python toolchain needs none; then # gazelle:py_static_include
// mappings; then # gazelle:resolve overrides and the rule index, trying a
// quoted include relative to the including directory first and then from
// the repository root. Headers nothing provides (system headers) get no
// dependency.
func resolveInclude(c *config.Config, pc *pyStaticConfig, ix *resolve.RuleIndex, inc csource.Include, from label.Label) (label.Label, bool) {
	p := path.Clean(inc.Path)
	if pythonHeaders[p] || strings.HasPrefix(p, "cpython/") {
		return label.NoLabel, false
	}
	if im, ok := pc.lookupInclude(p); ok {
		if im.none {
			return label.NoLabel, false
		}
		return im.dep, true
	}
	var candidates []string
	if !inc.System {
		candidates = append(candidates, path.Join(from.Pkg, p))
	}
	candidates = append(candidates, p)
	for _, cand := range candidates {
		if cand == ".." || strings.HasPrefix(cand, "../") || path.IsAbs(cand) {
			continue
		}
		if l, ok := find(c, ix, resolve.ImportSpec{Lang: cImportLang, Imp: cand}, from); ok {
			if l.Equal(label.NoLabel) {
				return label.NoLabel, false
			}
			return l, true
		}
	}
	return label.NoLabel, false
}

// find looks an import up in the overrides and the rule index. It returns
// ok with label.NoLabel when the import resolves to from itself. When
// several rules provide the import, the first by label is used and the
// ambiguity is reported.
func find(c *config.Config, ix *resolve.RuleIndex, spec resolve.ImportSpec, from label.Label) (label.Label, bool) {
	foreign := foreignLangs[spec.Lang]
	// Overrides: "# gazelle:resolve py IMPORT LABEL" (source language py)
	// applies to this language's rules, as do the explicit
	// "# gazelle:resolve py_static py IMPORT LABEL" and gazelle_cc's
	// "# gazelle:resolve cc HEADER LABEL".
	if l, ok := findOverride(c, spec, languageName, from); ok {
		return l, true
	}
	if l, ok := findOverride(c, spec, spec.Lang, from); ok {
		return l, true
	}
	for _, lang := range foreign {
		if l, ok := findOverride(c, resolve.ImportSpec{Lang: lang, Imp: spec.Imp}, lang, from); ok {
			return l, true
		}
	}
	// The index: rules indexed by this language, then by the others; then
	// the cc_library and py_library rules no loaded language indexes
	// (foreign.go).
	if l, ok := pickResult(ix.FindRulesByImport(spec, languageName), spec, from); ok {
		return l, true
	}
	for _, lang := range foreign {
		if l, ok := pickResult(ix.FindRulesByImport(resolve.ImportSpec{Lang: lang, Imp: spec.Imp}, lang), spec, from); ok {
			return l, true
		}
	}
	return pickResult(findForeign(c, spec), spec, from)
}

// findOverride looks an import up in the # gazelle:resolve overrides of
// language lang, as find does.
func findOverride(c *config.Config, spec resolve.ImportSpec, lang string, from label.Label) (label.Label, bool) {
	l, ok := resolve.FindRuleWithOverride(c, spec, lang)
	if !ok {
		return label.NoLabel, false
	}
	if l.Abs(from.Repo, from.Pkg).Equal(from) {
		return label.NoLabel, true
	}
	return l, true
}

// pickResult chooses among the rules one lookup found, as find does: none
// is not ok; from itself is ok with label.NoLabel; of several, the first
// by label, reporting the ambiguity.
func pickResult(results []resolve.FindResult, spec resolve.ImportSpec, from label.Label) (label.Label, bool) {
	if len(results) == 0 {
		return label.NoLabel, false
	}
	for _, res := range results {
		if res.IsSelfImport(from) {
			return label.NoLabel, true
		}
	}
	if len(results) == 1 {
		return results[0].Label, true
	}
	labels := make([]string, 0, len(results))
	for _, res := range results {
		labels = append(labels, res.Label.String())
	}
	sort.Slice(results, func(i, j int) bool { return results[i].Label.String() < results[j].Label.String() })
	sort.Strings(labels)
	log.Printf("%s: %s %q is provided by several rules (%s); using %s (choose one with # gazelle:resolve)",
		from, describeSpec(spec), spec.Imp, strings.Join(labels, ", "), labels[0])
	return results[0].Label, true
}

func describeSpec(spec resolve.ImportSpec) string {
	if spec.Lang == cImportLang {
		return "header"
	}
	return "module"
}

func sortLabels(set map[string]bool) []string {
	out := sortedKeys(set)
	phase := func(s string) int {
		switch {
		case strings.HasPrefix(s, ":"):
			return 0
		case strings.HasPrefix(s, "//"):
			return 1
		}
		return 2
	}
	sort.SliceStable(out, func(i, j int) bool {
		if pi, pj := phase(out[i]), phase(out[j]); pi != pj {
			return pi < pj
		}
		return out[i] < out[j]
	})
	return out
}
