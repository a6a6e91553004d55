// Command gazelle is Gazelle with the py_static language added to its default
// languages (visibility, proto, go). It is built without Bazel by
// gazelle/build.sh and behaves like the upstream binary otherwise:
//
//	gazelle [update|fix] [flags] [dirs...]
//
// Built with -tags pystatic_baseline it leaves py_static out and is
// otherwise the same program: the baseline bench/gazelle_bench.py compares
// against.
package main

import (
	"context"
	"errors"
	"flag"
	"log"
	"os"

	"github.com/bazel-contrib/bazel-gazelle/v2/cmd/gazelle/update"
)

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
