package gazelle

import (
	"flag"
	"fmt"
	"log"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/bazelbuild/bazel-gazelle/rule"

	"github.com/rules-pystatic/rules_pystatic/gazelle/internal/modname"
)

// Directives understood by this language. Each is documented in
// docs/gazelle/README.md and has a golden test in testdata/.
const (
	// EnabledDirective turns the language on or off for a directory and
	// its subdirectories: "# gazelle:py_static enabled|disabled".
	EnabledDirective = "py_static"
	// RootDirective sets the Python root, the directory that module names
	// are relative to: "# gazelle:py_static_root [DIR]". Without a value
	// the directory holding the directive is the root; DIR is relative to
	// the repository root and must contain the directive's directory.
	RootDirective = "py_static_root"
	// PythonRootDirective is rules_python's "# gazelle:python_root", which
	// makes the directory holding it the Python root. It is honoured so a
	// repository configures its root once for both languages.
	PythonRootDirective = "python_root"
	// NamingDirective sets the naming convention for one kind of generated
	// target: "# gazelle:py_static_naming KIND PATTERN".
	NamingDirective = "py_static_naming"
	// IncludeDirective maps included headers to a dependency:
	// "# gazelle:py_static_include PREFIX LABEL", or "-" as the label for
	// headers that need no dependency.
	IncludeDirective = "py_static_include"
	// OverrideDirective changes one extension module:
	// "# gazelle:py_static_override MODULE KEY=VALUE...".
	OverrideDirective = "py_static_override"
	// BinariesDirective says whether py_static_binary rules are generated:
	// "# gazelle:py_static_binaries true|false".
	BinariesDirective = "py_static_binaries"
	// TestsDirective says whether py_static_test rules are generated for
	// *_test.py files: "# gazelle:py_static_tests true|false".
	TestsDirective = "py_static_tests"
	// MainDirective names the main file of a program:
	// "# gazelle:py_static_main FILE.py".
	MainDirective = "py_static_main"
	// PyLibraryDirective says whether py_static_py_library rules are generated
	// for a directory's other Python files:
	// "# gazelle:py_static_py_library true|false".
	PyLibraryDirective = "py_static_py_library"
	// pyLibraryAllValue is PyLibraryDirective's third value: every .py file
	// of a package directory is a library file (docs/gazelle/README.md).
	pyLibraryAllValue = "all"
)

// Kinds of generated targets that NamingDirective applies to, with the
// placeholders each pattern may use and their defaults.
const (
	NamingExtension = "extension" // $name$, $module$; default "$name$"
	NamingBinary    = "binary"    // $package_name$; default "$package_name$"
	NamingTest      = "test"      // $test$; default "$test$"
	NamingLibrary   = "library"   // $package_name$; default "$package_name$_py"
)

// Defaults of the directives.
const (
	defaultMain = "__main__.py"
	// commonLibraryName is the py_static_cc_library that holds helper sources used by
	// several extensions of one directory.
	commonLibraryName = "py_static_common"
	// rootPackageName stands for $package_name$ in the repository root.
	rootPackageName = "main"
)

var namingPlaceholders = map[string][]string{
	NamingExtension: {"$name$", "$module$"},
	NamingBinary:    {"$package_name$"},
	NamingTest:      {"$test$"},
	NamingLibrary:   {"$package_name$"},
}

var defaultNaming = map[string]string{
	NamingExtension: "$name$",
	NamingBinary:    "$package_name$",
	NamingTest:      "$test$",
	NamingLibrary:   "$package_name$_py",
}

// includeMapping resolves headers under prefix to dep, or to nothing.
type includeMapping struct {
	prefix string
	dep    label.Label
	none   bool
}

// override is what OverrideDirective changes for one module.
type override struct {
	name       string   // target name
	module     string   // full module name, instead of the one the location gives
	srcs, hdrs []string // extra files
	copts      []string // compiler flags, e.g. a C++ standard the build system set
}

// pyStaticConfig is the configuration of one directory. Each directory's
// configuration starts as a copy of its parent's.
type pyStaticConfig struct {
	enabled   bool
	root      string // repository-relative Python root; "" is the repository root
	naming    map[string]string
	includes  []includeMapping // sorted by descending prefix length
	overrides map[string]override
	binaries  bool
	tests     bool
	main      string
	pyLibrary bool
	// pyLibraryAll ("py_static_py_library all"): in a Python package
	// directory (one with __init__.py), test-named files and conftest.py are
	// library files too, as a wheel installs them; the lock tool's setting.
	pyLibraryAll bool
	pytestDep    label.Label // PytestDepDirective; NoLabel when unset
	conftests    []string    // directories from the root down with a conftest.py (tests.go)

	// desc is the nearest build description (setup.py, setup.cfg,
	// pyproject.toml) at or above the directory, nil if none.
	desc *descScope
	// rootSet is set once a directive or a build description has chosen
	// the Python root; until then it is the repository root by default.
	rootSet bool

	// pkgInfoDir is the nearest directory at or above this one whose
	// listing has a PKG-INFO file (an unpacked source distribution), if
	// hasPkgInfo; warnImplicitPackage reports it. pkgInfoUnknown is set
	// below a directory where the language was off, whose listings were
	// not looked at: there warnImplicitPackage looks for itself.
	pkgInfoDir     string
	hasPkgInfo     bool
	pkgInfoUnknown bool

	// problems are the invalid directives of this directory, already
	// reported; a directory with problems is skipped.
	problems []string

	// shared is set on a clone whose naming, includes and overrides are
	// still its parent's: they are copied before a directive changes them
	// (most directories have no directives, so most clones copy nothing).
	shared bool
}

func newPyStaticConfig() *pyStaticConfig {
	pc := &pyStaticConfig{
		enabled:   true,
		naming:    map[string]string{},
		overrides: map[string]override{},
		binaries:  true,
		main:      defaultMain,
	}
	for k, v := range defaultNaming {
		pc.naming[k] = v
	}
	for _, m := range []string{"pybind11 @pybind11", "nanobind @nanobind"} {
		im, err := parseInclude(m)
		if err != nil {
			panic(err)
		}
		pc.setInclude(im)
	}
	return pc
}

// clone returns the configuration a subdirectory starts with. It shares the
// maps and the include list with pc until own is called.
func (pc *pyStaticConfig) clone() *pyStaticConfig {
	c := *pc
	c.problems = nil
	c.shared = true
	return &c
}

// own gives pc its own copies of what clone shared, before a change.
func (pc *pyStaticConfig) own() {
	if !pc.shared {
		return
	}
	naming := make(map[string]string, len(pc.naming))
	for k, v := range pc.naming {
		naming[k] = v
	}
	overrides := make(map[string]override, len(pc.overrides))
	for k, v := range pc.overrides {
		overrides[k] = v
	}
	pc.naming, pc.overrides = naming, overrides
	pc.includes = append([]includeMapping(nil), pc.includes...)
	pc.shared = false
}

func (pc *pyStaticConfig) setInclude(im includeMapping) {
	pc.own()
	for i := range pc.includes {
		if pc.includes[i].prefix == im.prefix {
			pc.includes[i] = im
			return
		}
	}
	pc.includes = append(pc.includes, im)
	sort.SliceStable(pc.includes, func(i, j int) bool {
		if len(pc.includes[i].prefix) != len(pc.includes[j].prefix) {
			return len(pc.includes[i].prefix) > len(pc.includes[j].prefix)
		}
		return pc.includes[i].prefix < pc.includes[j].prefix
	})
}

// lookupInclude returns the mapping whose prefix is the longest that covers
// inc, matching whole path components.
func (pc *pyStaticConfig) lookupInclude(inc string) (includeMapping, bool) {
	for _, im := range pc.includes {
		if inc == im.prefix || strings.HasPrefix(inc, im.prefix+"/") {
			return im, true
		}
	}
	return includeMapping{}, false
}

// defaultConfig is the configuration of the directories that nothing above
// them configures: no directive of this language, no build description, no
// conftest.py with tests on. It is not stored in config.Exts: one more entry
// there makes Gazelle's walk grow every directory's Exts map to a full table
// (Go's small maps hold 8 entries and check for room before they look for
// the key; the walk adds an 8th and then assigns one). Like every
// configuration, it is never changed: clone copies it first.
var defaultConfig = newPyStaticConfig()

func getConfig(c *config.Config) *pyStaticConfig {
	if pc, ok := c.Exts[languageName].(*pyStaticConfig); ok {
		return pc
	}
	return defaultConfig
}

// RegisterFlags implements config.Configurer. The language has no flags.
func (*pyStaticLang) RegisterFlags(fs *flag.FlagSet, cmd string, c *config.Config) {}

// CheckFlags implements config.Configurer.
func (*pyStaticLang) CheckFlags(fs *flag.FlagSet, c *config.Config) error { return nil }

// KnownDirectives implements config.Configurer.
func (*pyStaticLang) KnownDirectives() []string {
	return []string{
		EnabledDirective,
		RootDirective,
		PythonRootDirective,
		NamingDirective,
		IncludeDirective,
		OverrideDirective,
		BinariesDirective,
		TestsDirective,
		MainDirective,
		PyLibraryDirective,
		PytestDepDirective,
	}
}

// Configure implements config.Configurer. An invalid directive is reported
// with the file that holds it; the directory is then skipped (its existing
// rules are left as they are) while the rest of the run goes on, and its
// subdirectories inherit the parent's value of that directive.
func (l *pyStaticLang) Configure(c *config.Config, rel string, f *rule.File) {
	l.configure(c, rel, f)
	// Once the Python root is known (the modules a py_library provides):
	// the cc_library and py_library rules of others (foreign.go), in every
	// directory, whatever configure kept or returned early.
	noteForeignRules(c, rel, f)
}

// configure sets this directory's configuration (Configure).
//
// Most directories have no directive of this language, no build
// description and no conftest.py: they keep their parent's configuration
// itself (c.Exts is already a copy of the parent's map; for defaultConfig,
// it has no entry), not a copy of it. Whether a directory has one of those
// files is in its listing, which costs Gazelle's walk a lookup of the
// directory and each of its parents (walk.GetDirInfo). A directory with no
// BUILD file (no directive, no rule) leaves that to the first of its
// subdirectories to be configured (parentListed) or to its own
// GenerateRules (listedHere), with the listing the walk hands it: in a
// large repository most directories are leaves with no BUILD file, and
// their listing is never looked up.
func (l *pyStaticLang) configure(c *config.Config, rel string, f *rule.File) {
	if rel == "" {
		l.startRun()
	} else if pc, changed := l.parentListed(c, rel); changed {
		c.Exts[languageName] = pc
	}
	parent := getConfig(c)
	if f == nil && len(parent.problems) == 0 && (parent.enabled || parent.tests) {
		return // its listing is looked at when needed
	}
	pc := configureDir(c.RepoRoot, rel, f, parent, nil, false)
	if pc != parent {
		c.Exts[languageName] = pc
	}
	l.setListed(rel, pc)
}

// startRun forgets the directories of an earlier run: Gazelle configures
// the repository root first.
func (l *pyStaticLang) startRun() {
	l.mu.Lock()
	l.listed, l.last = nil, lastListed{}
	l.mu.Unlock()
}

// setListed records the configuration of a directory whose listing was
// looked at: its subdirectories start from it.
func (l *pyStaticLang) setListed(rel string, pc *pyStaticConfig) {
	l.mu.Lock()
	if l.listed == nil {
		l.listed = map[string]*pyStaticConfig{}
	}
	l.listed[rel] = pc
	l.last = lastListed{rel, pc, true}
	l.mu.Unlock()
}

// getListed returns what setListed recorded for rel. The last answer is
// kept: Gazelle configures the subdirectories of a directory one after the
// other, and each asks for its parent.
func (l *pyStaticLang) getListed(rel string) (*pyStaticConfig, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.last.ok && l.last.rel == rel {
		return l.last.pc, true
	}
	pc, ok := l.listed[rel]
	if ok {
		l.last = lastListed{rel, pc, true}
	}
	return pc, ok
}

// lastListed is getListed's last answer.
type lastListed struct {
	rel string
	pc  *pyStaticConfig
	ok  bool
}

// parentListed returns the configuration of the parent of directory rel,
// which its Configure may have left unfinished (no BUILD file): c holds
// what the parent started from. changed reports whether that differs.
func (l *pyStaticLang) parentListed(c *config.Config, rel string) (pc *pyStaticConfig, changed bool) {
	dir := path.Dir(rel)
	if dir == "." {
		dir = ""
	}
	held := getConfig(c)
	if pc, ok := l.getListed(dir); ok {
		return pc, pc != held
	}
	if len(held.problems) > 0 || !held.enabled && !held.tests {
		return held, false // the parent's Configure had nothing to look at
	}
	pc = configureDir(c.RepoRoot, dir, nil, held, nil, false)
	l.setListed(dir, pc)
	return pc, pc != held
}

// listedHere finishes the configuration of a directory whose Configure left
// it unfinished (no BUILD file), with the listing GenerateRules has: c
// holds what the directory started from. It records a configuration that
// differs in c, for Imports and Resolve, and for a subdirectory Gazelle
// may configure later (-index=lazy).
func (l *pyStaticLang) listedHere(c *config.Config, rel string, f *rule.File, files, subdirs []string) *pyStaticConfig {
	held := getConfig(c)
	if f != nil {
		return held // configured by Configure
	}
	// Only a subdirectory's Configure could have finished it already.
	if len(subdirs) > 0 {
		if pc, ok := l.getListed(rel); ok {
			if pc != held {
				c.Exts[languageName] = pc
			}
			return pc
		}
	}
	if len(held.problems) > 0 || !held.enabled && !held.tests {
		return held // nothing to look at
	}
	pc := configureDir(c.RepoRoot, rel, nil, held, files, true)
	if pc != held {
		c.Exts[languageName] = pc
		l.setListed(rel, pc)
	}
	return pc
}

// configureDir returns the configuration of directory rel, whose BUILD file
// is f (nil if none): parent's itself when nothing in rel changes it.
// files is the directory's listing if listed; otherwise it is looked up
// when needed.
func configureDir(repoRoot, rel string, f *rule.File, parent *pyStaticConfig, files []string, listed bool) *pyStaticConfig {
	if len(parent.problems) == 0 && !hasOwnDirective(f) {
		// Nothing changes a configuration after Configure: one that
		// nothing here changes is shared.
		if !parent.enabled && !parent.tests {
			return parent
		}
		if !listed {
			files, listed = dirFiles(repoRoot, rel), true
		}
		desc, conftest, pkgInfo := lookedFor(files)
		if !(parent.enabled && desc) && !(parent.tests && conftest) && !pkgInfo {
			return parent
		}
	}
	pc := parent.clone()
	rootSetBefore := pc.rootSet
	pc.rootSet = false
	if f != nil {
		for _, d := range f.Directives {
			if err := pc.apply(rel, d.Key, d.Value); err != nil {
				msg := fmt.Sprintf("%s: invalid directive # gazelle:%s %s: %v; skipping this directory",
					path.Join(rel, filepath.Base(f.Path)), d.Key, d.Value, err)
				log.Print(msg)
				pc.problems = append(pc.problems, msg)
			}
		}
	}
	rootSetHere := pc.rootSet
	pc.rootSet = pc.rootSet || rootSetBefore
	if !pc.enabled && !pc.tests {
		// Neither this directory's listing nor those of the directories
		// that keep this configuration are looked at.
		pc.pkgInfoUnknown = true
		return pc
	}
	// Which of the files looked for below the directory has: Gazelle
	// listed it before calling Configure.
	if !listed {
		files = dirFiles(repoRoot, rel)
	}
	if hasFile(files, pkgInfoFile) {
		pc.pkgInfoDir, pc.hasPkgInfo = rel, true
	}
	if pc.enabled {
		// A package's own build description makes its directory (or its
		// package_dir, its src/) the Python root, unless a root directive
		// in the same BUILD file says otherwise (directives below still
		// may). It is read once the directives are known: whether Python
		// files get rules decides where an extension's rule can go.
		if s := readDescription(repoRoot, rel, files, pc.makesPythonRules); s != nil {
			pc.desc = s
			if !rootSetHere {
				pc.root, pc.rootSet = s.root, true
			}
		}
	}
	// After this directory's directives, which may turn tests on.
	pc.noteConftest(repoRoot, rel, files)
	return pc
}

// ownDirectives are the directives Configure applies.
var ownDirectives = func() map[string]bool {
	m := map[string]bool{}
	for _, d := range (*pyStaticLang)(nil).KnownDirectives() {
		m[d] = true
	}
	return m
}()

// hasOwnDirective reports whether a BUILD file holds a directive of this
// language.
func hasOwnDirective(f *rule.File) bool {
	if f == nil {
		return false
	}
	for _, d := range f.Directives {
		if ownDirectives[d.Key] {
			return true
		}
	}
	return false
}

// makesPythonRules reports whether this language writes a rule for a
// directory holding these Python files (so that it becomes a Bazel
// package): a py_static_py_library, a program or a test.
func (pc *pyStaticConfig) makesPythonRules(files []string) bool {
	for _, f := range files {
		if !strings.HasSuffix(f, ".py") {
			continue
		}
		if pc.pyLibrary || pc.binaries && f == pc.main || pc.tests && isTestFile(f) {
			return true
		}
	}
	return false
}

// apply applies one directive found in directory rel. On error the
// configuration is unchanged.
func (pc *pyStaticConfig) apply(rel, key, value string) error {
	value = strings.TrimSpace(value)
	if ok, err := pc.applyTestDirective(rel, key, value); ok {
		return err
	}
	switch key {
	case EnabledDirective:
		switch value {
		case "enabled":
			pc.enabled = true
		case "disabled":
			pc.enabled = false
		default:
			return fmt.Errorf("want %q or %q", "enabled", "disabled")
		}
	case PythonRootDirective:
		pc.root, pc.rootSet = rel, true
	case RootDirective:
		root, err := parseRoot(rel, value)
		if err != nil {
			return err
		}
		pc.root, pc.rootSet = root, true
	case NamingDirective:
		kind, pattern, err := parseNaming(value)
		if err != nil {
			return err
		}
		pc.own()
		pc.naming[kind] = pattern
	case IncludeDirective:
		im, err := parseInclude(value)
		if err != nil {
			return err
		}
		pc.setInclude(im)
	case OverrideDirective:
		mod, o, err := parseOverride(value)
		if err != nil {
			return err
		}
		pc.own()
		pc.overrides[mod] = o
	case PyLibraryDirective:
		if value == pyLibraryAllValue {
			pc.pyLibrary, pc.pyLibraryAll = true, true
			return nil
		}
		b, err := strconv.ParseBool(value)
		if err != nil {
			return fmt.Errorf("want %q, %q or %q", "true", "false", pyLibraryAllValue)
		}
		pc.pyLibrary, pc.pyLibraryAll = b, false
	case BinariesDirective, TestsDirective:
		b, err := strconv.ParseBool(value)
		if err != nil {
			return fmt.Errorf("want %q or %q", "true", "false")
		}
		switch key {
		case BinariesDirective:
			pc.binaries = b
		default:
			pc.tests = b
		}
	case MainDirective:
		if value == "" || strings.ContainsAny(value, "/\\") || !strings.HasSuffix(value, ".py") || value == ".py" {
			return fmt.Errorf("want a file name ending in .py in this directory")
		}
		pc.main = value
	}
	return nil
}

// parseRoot validates the value of RootDirective found in directory rel.
func parseRoot(rel, value string) (string, error) {
	if value == "" {
		return rel, nil
	}
	if path.IsAbs(value) || strings.Contains(value, "\\") {
		return "", fmt.Errorf("want a directory relative to the repository root")
	}
	root := path.Clean(value)
	if root == "." {
		root = ""
	}
	if root == ".." || strings.HasPrefix(root, "../") {
		return "", fmt.Errorf("want a directory inside the repository")
	}
	if root != "" && root != rel && !strings.HasPrefix(rel, root+"/") {
		return "", fmt.Errorf("the root %q does not contain this directory %q", root, rel)
	}
	return root, nil
}

// parseNaming validates "KIND PATTERN".
func parseNaming(value string) (kind, pattern string, err error) {
	fields := strings.Fields(value)
	if len(fields) != 2 {
		return "", "", fmt.Errorf("want KIND PATTERN, where KIND is one of %s", strings.Join(namingKinds(), ", "))
	}
	kind, pattern = fields[0], fields[1]
	allowed, ok := namingPlaceholders[kind]
	if !ok {
		return "", "", fmt.Errorf("unknown kind %q; want one of %s", kind, strings.Join(namingKinds(), ", "))
	}
	// Split into literal text and placeholders.
	rest := pattern
	used := 0
	for rest != "" {
		i := strings.IndexByte(rest, '$')
		if i < 0 {
			if !validTargetChars(rest) {
				return "", "", fmt.Errorf("%q is not allowed in a target name", rest)
			}
			break
		}
		if !validTargetChars(rest[:i]) {
			return "", "", fmt.Errorf("%q is not allowed in a target name", rest[:i])
		}
		j := strings.IndexByte(rest[i+1:], '$')
		if j < 0 {
			return "", "", fmt.Errorf("unterminated placeholder in %q", pattern)
		}
		ph := rest[i : i+j+2]
		if !contains(allowed, ph) {
			return "", "", fmt.Errorf("unknown placeholder %s for %s; want %s", ph, kind, strings.Join(allowed, " or "))
		}
		used++
		rest = rest[i+j+2:]
	}
	if used == 0 && (kind == NamingExtension || kind == NamingTest) {
		return "", "", fmt.Errorf("the %s pattern must use %s: a directory may have several", kind, strings.Join(allowed, " or "))
	}
	sample := applyNaming(pattern, map[string]string{
		"$name$": "m", "$module$": "p_m", "$package_name$": "p", "$test$": "t_test",
	})
	if !validTargetName(sample) {
		return "", "", fmt.Errorf("%q does not make valid target names (such as %q)", pattern, sample)
	}
	return kind, pattern, nil
}

func namingKinds() []string {
	kinds := make([]string, 0, len(namingPlaceholders))
	for k := range namingPlaceholders {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	return kinds
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// applyNaming expands a pattern validated by parseNaming.
func applyNaming(pattern string, values map[string]string) string {
	for ph, v := range values {
		pattern = strings.ReplaceAll(pattern, ph, v)
	}
	return pattern
}

// validTargetChars reports whether s uses only characters this language
// allows in generated target names (a conservative subset of Bazel's).
func validTargetChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c == '-' || c == '.' || c == '+' || c == '=' || c == ',' || c == '@' || c == '~' ||
			'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// validTargetName reports whether s can name a generated target.
func validTargetName(s string) bool {
	return s != "" && s != "." && s != ".." && !strings.HasPrefix(s, ".") && validTargetChars(s)
}

// parseInclude validates "PREFIX LABEL" or "PREFIX -".
func parseInclude(value string) (includeMapping, error) {
	fields := strings.Fields(value)
	if len(fields) != 2 {
		return includeMapping{}, fmt.Errorf("want PREFIX LABEL, or PREFIX - for headers that need no dependency")
	}
	prefix, err := cleanRelPath(fields[0])
	if err != nil {
		return includeMapping{}, fmt.Errorf("prefix: %v", err)
	}
	if fields[1] == "-" {
		return includeMapping{prefix: prefix, none: true}, nil
	}
	l, err := label.Parse(fields[1])
	if err != nil {
		return includeMapping{}, fmt.Errorf("label: %v", err)
	}
	return includeMapping{prefix: prefix, dep: l}, nil
}

// cleanRelPath validates a relative slash-separated path that stays inside
// its base directory.
func cleanRelPath(p string) (string, error) {
	if p == "" || path.IsAbs(p) || strings.ContainsAny(p, "\\\x00") {
		return "", fmt.Errorf("%q is not a relative path", p)
	}
	c := path.Clean(p)
	if c == "." || c == ".." || strings.HasPrefix(c, "../") {
		return "", fmt.Errorf("%q is not a path inside the directory", p)
	}
	return c, nil
}

// parseOverride validates "MODULE KEY=VALUE...": name=TARGET, module=DOTTED,
// srcs=A,B and hdrs=A,B (files relative to the module's directory, added
// to its rule) and copts=F,G (compiler flags; a flag cannot hold a comma).
func parseOverride(value string) (string, override, error) {
	fields := strings.Fields(value)
	if len(fields) < 2 {
		return "", override{}, fmt.Errorf("want MODULE KEY=VALUE..., with KEY one of name, module, srcs, hdrs, copts")
	}
	mod := fields[0]
	if !modname.ValidDotted(mod) {
		return "", override{}, fmt.Errorf("%q is not a dotted Python module name", mod)
	}
	var o override
	seen := map[string]bool{}
	for _, kv := range fields[1:] {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || v == "" {
			return "", override{}, fmt.Errorf("%q: want KEY=VALUE", kv)
		}
		if seen[k] {
			return "", override{}, fmt.Errorf("%s given twice", k)
		}
		seen[k] = true
		switch k {
		case "name":
			if !validTargetName(v) {
				return "", override{}, fmt.Errorf("%q is not a valid target name", v)
			}
			o.name = v
		case "module":
			if !modname.ValidDotted(v) {
				return "", override{}, fmt.Errorf("module: %q is not a dotted Python module name", v)
			}
			o.module = v
		case "srcs", "hdrs":
			var files []string
			for _, f := range strings.Split(v, ",") {
				cf, err := cleanRelPath(f)
				if err != nil {
					return "", override{}, fmt.Errorf("%s: %v", k, err)
				}
				files = append(files, cf)
			}
			if k == "srcs" {
				o.srcs = files
			} else {
				o.hdrs = files
			}
		case "copts":
			for _, flag := range strings.Split(v, ",") {
				if flag == "" {
					return "", override{}, fmt.Errorf("copts: an empty flag in %q", v)
				}
				o.copts = append(o.copts, flag)
			}
		default:
			return "", override{}, fmt.Errorf("unknown key %q; want name, module, srcs, hdrs or copts", k)
		}
	}
	return mod, o, nil
}
