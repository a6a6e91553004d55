//go:build !pystatic_baseline

package main

import (
	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/bazelbuild/bazel-gazelle/language/bazel/visibility"
	golang "github.com/bazelbuild/bazel-gazelle/language/go"
	"github.com/bazelbuild/bazel-gazelle/language/proto"

	pystatic "github.com/rules-pystatic/rules_pystatic/gazelle"
)

// languages returns the languages this binary runs: Gazelle's defaults, then
// ours. (update.Run of bazel-gazelle/v2 v2.0.0-3 takes the v1 interface.)
func languages() []language.Language {
	return []language.Language{
		visibility.NewLanguage(),
		proto.NewLanguage(),
		golang.NewLanguage(),
		pystatic.NewLanguage(),
	}
}
