package gazelle

import (
	"os"
	"path"
	"path/filepath"
	"testing"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/bazelbuild/bazel-gazelle/resolve"
	"github.com/bazelbuild/bazel-gazelle/rule"
	"github.com/bazelbuild/bazel-gazelle/testtools"
)

// testConfig returns the configuration of directory rel, below directory
// dirRel whose BUILD file holds the given directives.
func testConfig(t *testing.T, dirRel, directives, rel string) *config.Config {
	t.Helper()
	l := &pyStaticLang{}
	c := testtools.NewTestConfig(t, nil, []language.Language{l}, nil)
	f, err := rule.LoadData(path.Join(dirRel, "BUILD.bazel"), dirRel, []byte(directives))
	if err != nil {
		t.Fatal(err)
	}
	l.Configure(c, "", nil)
	l.Configure(c, dirRel, f)
	if pc := getConfig(c); len(pc.problems) > 0 {
		t.Fatalf("directives: %v", pc.problems)
	}
	l.Configure(c, rel, nil)
	return c
}

func pySpec(mod string) resolve.ImportSpec { return resolve.ImportSpec{Lang: pyImportLang, Imp: mod} }

// indexRepo indexes the BUILD files of a generated repository the way
// Gazelle does before resolving.
func indexRepo(t *testing.T, dir string) (*config.Config, *resolve.RuleIndex) {
	t.Helper()
	l := &pyStaticLang{}
	c := testtools.NewTestConfig(t, nil, []language.Language{l}, nil)
	c.RepoRoot = dir
	ix := resolve.NewRuleIndex(func(r *rule.Rule, pkgRel string) resolve.Resolver {
		if _, ok := pyStaticKinds[r.Kind()]; ok {
			return l
		}
		return nil
	}, l)
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.Name() != "BUILD.bazel" {
			return err
		}
		rel, _ := filepath.Rel(dir, filepath.Dir(p))
		if rel == "." {
			rel = ""
		}
		f, err := rule.LoadFile(p, filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		for _, r := range f.Rules {
			ix.AddRule(c, r, f)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ix.Finish()
	return c, ix
}
