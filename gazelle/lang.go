// Package gazelle is a Gazelle language that finds Python extension modules
// written in C and C++ (hand-written PyInit_ functions, pybind11, nanobind and
// Cython output) and generates the rules_pystatic rules that link them into a
// statically built Python executable: py_static_extension for each module,
// a shared py_static_cc_library for helper sources several of them use, and
// py_static_binary / py_static_test for the Python programs that import them.
// Every kind it generates is one of rules_pystatic's own, so it can be
// loaded next to rules_python's and gazelle_cc's languages in any order
// (see docs/gazelle/README.md).
//
// It is the Bazel module rules_pystatic_gazelle_plugin:
//
//	gazelle_binary(
//	    name = "gazelle_bin",
//	    languages = DEFAULT_LANGUAGES + ["@rules_pystatic_gazelle_plugin//:gazelle"],
//	)
package gazelle

import (
	"sync"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/bazelbuild/bazel-gazelle/resolve"
	"github.com/bazelbuild/bazel-gazelle/rule"
)

// languageName is the name of this language, used with gazelle's -lang flag
// and as the resolver name in the rule index.
const languageName = "py_static"

// Import spec languages. Extensions and Python libraries are indexed under
// "py", the language rules_python's Gazelle plugin resolves Python imports
// in; headers under "c".
const (
	pyImportLang = "py"
	cImportLang  = "c"
)

type pyStaticLang struct {
	mu sync.Mutex
	// listed holds, for the run under way, the configuration of each
	// directory whose listing was looked at: by its Configure (a
	// directory with a BUILD file), by its first subdirectory's, or by
	// its GenerateRules when the listing changed something (config.go).
	listed map[string]*pyStaticConfig
	last   lastListed
}

// NewLanguage returns the py_static Gazelle language.
func NewLanguage() language.Language { return &pyStaticLang{} }

var (
	_ language.Language            = (*pyStaticLang)(nil)
	_ language.ModuleAwareLanguage = (*pyStaticLang)(nil)
	_ resolve.CrossResolver        = (*pyStaticLang)(nil)
)

// Name implements language.Language.
func (*pyStaticLang) Name() string { return languageName }

// Embeds implements resolve.Resolver. No rule embeds another.
func (*pyStaticLang) Embeds(r *rule.Rule, from label.Label) []label.Label { return nil }

// CrossResolve implements resolve.CrossResolver: when another language looks
// up an import that no rule of its own provides (rules_python's plugin, named
// "py", a Python module; gazelle_cc, "cc" or "c++", a header), the extensions
// and libraries indexed by this language answer.
func (*pyStaticLang) CrossResolve(c *config.Config, ix *resolve.RuleIndex, imp resolve.ImportSpec, lang string) []resolve.FindResult {
	if lang == languageName {
		return nil
	}
	for ours, foreign := range foreignLangs {
		if contains(foreign, imp.Lang) {
			return ix.FindRulesByImport(resolve.ImportSpec{Lang: ours, Imp: imp.Imp}, languageName)
		}
	}
	return nil
}
