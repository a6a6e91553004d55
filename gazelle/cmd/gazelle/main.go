// Command gazelle is Gazelle with the py_static language added to its default
// languages (visibility, proto, go). It is built without Bazel by
// gazelle/build.sh and behaves like the upstream binary otherwise:
//
//	gazelle [update|fix] [flags] [dirs...]
package main

import (
	"context"
	"errors"
	"flag"
	"log"
	"os"

	"github.com/bazel-contrib/bazel-gazelle/v2/cmd/gazelle/update"
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

func main() {
	log.SetPrefix("gazelle: ")
	log.SetFlags(0)

	wd := os.Getenv("BUILD_WORKSPACE_DIRECTORY")
	if wd == "" {
		var err error
		if wd, err = os.Getwd(); err != nil {
			log.Fatal(err)
		}
	}
	err := update.Run(context.Background(), languages(), wd, os.Args[1:])
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
	case errors.Is(err, update.ErrDiff):
		os.Exit(1)
	default:
		log.Fatal(err)
	}
}
