package gazelle

import (
	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/rule"
)

// Kinds of rules this language generates.
const (
	extensionKind = "py_static_extension"
	binaryKind    = "py_static_binary"
	testKind      = "py_static_test"
	ccLibraryKind = "cc_library"
	pyLibraryKind = "py_library"
)

// Repositories the rules are loaded from, by their canonical module names.
const (
	pystaticModule = "rules_pystatic"
	rulesCCModule  = "rules_cc"
	rulesPyModule  = "rules_python"
)

// Attributes Gazelle owns are "mergeable": they are rewritten on every run
// unless marked "# keep". Everything else (copts, defines, visibility, ...)
// belongs to the user. MatchAttrs let a renamed rule keep being updated.
var pyStaticKinds = map[string]rule.KindInfo{
	extensionKind: {
		MatchAttrs:     []string{"module"},
		NonEmptyAttrs:  map[string]bool{"srcs": true, "module": true},
		MergeableAttrs: map[string]bool{"srcs": true, "hdrs": true, "textual_hdrs": true, "module": true, "init_symbol": true, "is_package": true, "cython_language": true},
		ResolveAttrs:   map[string]bool{"deps": true},
	},
	binaryKind: {
		MatchAttrs:     []string{"main"},
		NonEmptyAttrs:  map[string]bool{"srcs": true, "main": true},
		MergeableAttrs: map[string]bool{"srcs": true, "main": true},
		ResolveAttrs:   map[string]bool{"deps": true},
	},
	testKind: {
		MatchAttrs:     []string{"main"},
		NonEmptyAttrs:  map[string]bool{"srcs": true, "main": true},
		MergeableAttrs: map[string]bool{"srcs": true, "main": true},
		ResolveAttrs:   map[string]bool{"deps": true},
	},
	// Test runners (tests.go): matched by name; pytest comes from a directive.
	pytestKind: {
		NonEmptyAttrs:  map[string]bool{"srcs": true},
		MergeableAttrs: map[string]bool{"srcs": true, "pytest": true},
		ResolveAttrs:   map[string]bool{"deps": true},
	},
	unittestKind: {
		NonEmptyAttrs:  map[string]bool{"srcs": true},
		MergeableAttrs: map[string]bool{"srcs": true},
		ResolveAttrs:   map[string]bool{"deps": true},
	},
	ccLibraryKind: {
		NonEmptyAttrs:  map[string]bool{"srcs": true, "hdrs": true},
		MergeableAttrs: map[string]bool{"srcs": true, "hdrs": true, "textual_hdrs": true},
		ResolveAttrs:   map[string]bool{"deps": true},
	},
	pyLibraryKind: {
		NonEmptyAttrs:  map[string]bool{"srcs": true},
		MergeableAttrs: map[string]bool{"srcs": true},
		ResolveAttrs:   map[string]bool{"deps": true},
	},
}

// Kinds implements language.Language.
func (*pyStaticLang) Kinds() map[string]rule.KindInfo { return pyStaticKinds }

// Loads implements language.Language, for WORKSPACE mode.
func (l *pyStaticLang) Loads() []rule.LoadInfo {
	return l.ApparentLoads(func(string) string { return "" })
}

// ApparentLoads implements language.ModuleAwareLanguage: with bzlmod, the
// loads use the apparent names the root module gave the repositories.
func (*pyStaticLang) ApparentLoads(moduleToApparentName func(string) string) []rule.LoadInfo {
	repo := func(module string) string {
		if name := moduleToApparentName(module); name != "" {
			return name
		}
		return module
	}
	return []rule.LoadInfo{
		{
			Name:    "@" + repo(pystaticModule) + "//rules:defs.bzl",
			Symbols: []string{binaryKind, extensionKind, pytestKind, testKind, unittestKind},
		},
		{
			Name:    "@" + repo(rulesCCModule) + "//cc:defs.bzl",
			Symbols: []string{ccLibraryKind},
		},
		{
			Name:    "@" + repo(rulesPyModule) + "//python:defs.bzl",
			Symbols: []string{pyLibraryKind},
		},
	}
}

// baseKind returns the kind this language knows a rule by, undoing
// "# gazelle:map_kind" and "# gazelle:alias_kind": a py_static_extension
// mapped to my_extension is still an extension.
func baseKind(c *config.Config, kind string) string {
	if wrapped, ok := c.AliasMap[kind]; ok {
		kind = wrapped
	}
	for _, mk := range c.KindMap {
		if mk.KindName == kind {
			return mk.FromKind
		}
	}
	return kind
}
