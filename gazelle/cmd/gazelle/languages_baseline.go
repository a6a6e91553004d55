//go:build pystatic_baseline

package main

import (
	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/bazelbuild/bazel-gazelle/language/bazel/visibility"
	golang "github.com/bazelbuild/bazel-gazelle/language/go"
	"github.com/bazelbuild/bazel-gazelle/language/proto"
)

// languages returns Gazelle's default languages only: this build is the
// baseline py_static's cost is measured against (bench/gazelle_bench.py).
func languages() []language.Language {
	return []language.Language{
		visibility.NewLanguage(),
		proto.NewLanguage(),
		golang.NewLanguage(),
	}
}
