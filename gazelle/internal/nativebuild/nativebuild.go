// Package nativebuild reads the names of the Python extension modules a
// CMakeLists.txt or meson.build declares (scikit-build-core and
// meson-python packages), without running either tool. It only names
// modules: Gazelle still finds each module, and the files it is built
// from, in the sources; a module this reader cannot name fully (an install
// destination computed by CMake, say) is left out.
package nativebuild

import (
	"path"
	"strings"
)

// Module is an extension module a build file declares.
type Module struct {
	Name string // full dotted module name
	File string // the build file, as given to the reader
	Line int
}

// maxArgs bounds the arguments kept of one command or call.
const maxArgs = 4096

// word is an argument of a command or a call, and its line.
type word struct {
	text   string
	line   int
	quoted bool
}

// CMake returns the modules file declares: the targets of
// pybind11_add_module, nanobind_add_module and Python_add_library (any
// case, Python3_ too) that install(TARGETS ... DESTINATION dir) installs
// into a directory Gazelle can read (no ${...}), named dir.target.
func CMake(file, src string) []Module {
	targets := map[string]int{} // target -> line
	var order []string
	dest := map[string]string{}
	for _, c := range cmakeCommands(src) {
		switch c.name {
		case "pybind11_add_module", "nanobind_add_module", "python_add_library", "python3_add_library":
			if len(c.args) > 0 && !strings.Contains(c.args[0].text, "$") {
				if _, ok := targets[c.args[0].text]; !ok {
					order = append(order, c.args[0].text)
				}
				targets[c.args[0].text] = c.line
			}
		case "install":
			if len(c.args) == 0 || c.args[0].text != "TARGETS" {
				continue
			}
			var names []string
			d, ok := "", false
			for i := 1; i < len(c.args); i++ {
				a := c.args[i].text
				if a == "DESTINATION" && i+1 < len(c.args) {
					if !ok {
						d, ok = c.args[i+1].text, true
					}
					i++
					continue
				}
				if isCMakeKeyword(a) {
					continue
				}
				if !ok {
					names = append(names, a)
				}
			}
			if !ok {
				continue
			}
			for _, n := range names {
				dest[n] = d
			}
		}
	}
	var out []Module
	for _, t := range order {
		d, ok := dest[t]
		if !ok {
			continue
		}
		if name := join(d, t); name != "" {
			out = append(out, Module{Name: name, File: file, Line: targets[t]})
		}
	}
	return out
}

// isCMakeKeyword reports the keywords of install(TARGETS ...) that are not
// target names.
func isCMakeKeyword(a string) bool {
	switch a {
	case "LIBRARY", "RUNTIME", "ARCHIVE", "OBJECTS", "FRAMEWORK", "BUNDLE", "COMPONENT", "OPTIONAL",
		"EXPORT", "PERMISSIONS", "CONFIGURATIONS", "NAMELINK_SKIP", "NAMELINK_ONLY", "EXCLUDE_FROM_ALL":
		return true
	}
	return false
}

// Meson returns the modules file declares with
// X.extension_module('name', ..., subdir: 'pkg/sub'), named pkg.sub.name.
func Meson(file, src string) []Module {
	var out []Module
	toks := mesonTokens(src)
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].text != "." || toks[i+1].quoted || toks[i+1].text != "extension_module" || toks[i+2].text != "(" {
			continue
		}
		line := toks[i+1].line
		j := i + 3
		depth := 1
		var first *word
		subdir, subdirOK := "", true
		for ; j < len(toks) && depth > 0; j++ {
			t := toks[j]
			switch {
			case !t.quoted && (t.text == "(" || t.text == "[" || t.text == "{"):
				depth++
			case !t.quoted && (t.text == ")" || t.text == "]" || t.text == "}"):
				depth--
			case depth == 1 && first == nil && j == i+3:
				if t.quoted {
					first = &toks[j]
				}
			case depth == 1 && !t.quoted && t.text == "subdir" && j+2 < len(toks) && toks[j+1].text == ":":
				if toks[j+2].quoted && (j+3 >= len(toks) || toks[j+3].text == "," || toks[j+3].text == ")") {
					subdir = toks[j+2].text
				} else {
					subdirOK = false
				}
			}
		}
		i = j - 1
		if first == nil || !subdirOK {
			continue
		}
		if name := join(subdir, first.text); name != "" {
			out = append(out, Module{Name: name, File: file, Line: line})
		}
	}
	return out
}

// join names module short installed in directory dir ("" or "." for the
// top level); "" when the result is not a dotted name of identifiers.
func join(dir, short string) string {
	dir = strings.Trim(path.Clean("/"+strings.ReplaceAll(dir, "\\", "/")), "/")
	name := short
	if dir != "" {
		name = strings.ReplaceAll(dir, "/", ".") + "." + short
	}
	for _, p := range strings.Split(name, ".") {
		if !isIdentifier(p) {
			return ""
		}
	}
	return name
}

func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
