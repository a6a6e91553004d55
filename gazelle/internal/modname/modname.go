// Package modname holds the rules for naming a Python module, in one place
// that generation and resolution both use: what a valid name is, the dotted
// package of a directory under the Python root, and a module's parent.
package modname

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ValidIdentifier approximates Python's str.isidentifier: a letter or an
// underscore, then letters, digits, underscores and combining marks.
func ValidIdentifier(s string) bool {
	if s == "" || !utf8.ValidString(s) {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || unicode.IsLetter(r):
		case i > 0 && (unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || unicode.Is(unicode.Pc, r)):
		default:
			return false
		}
	}
	return true
}

// ValidDotted reports whether s is a dotted name of Python identifiers.
func ValidDotted(s string) bool {
	if s == "" {
		return false
	}
	for _, part := range strings.Split(s, ".") {
		if !ValidIdentifier(part) {
			return false
		}
	}
	return true
}

// Parent returns the package a dotted module is in ("a.b" for "a.b.c"),
// or "" for a top-level module.
func Parent(m string) string {
	if i := strings.LastIndexByte(m, '.'); i >= 0 {
		return m[:i]
	}
	return ""
}

// Last returns the last component of a dotted name.
func Last(m string) string { return m[strings.LastIndexByte(m, '.')+1:] }

// Join joins a package and a name with a dot; either may be empty.
func Join(pkg, name string) string {
	switch {
	case pkg == "":
		return name
	case name == "":
		return pkg
	}
	return pkg + "." + name
}

// Package returns the dotted package name of directory rel (slash-separated,
// repository-relative) under the Python root, and whether rel is under the
// root and every component is a Python identifier.
func Package(root, rel string) (string, bool) {
	var sub string
	switch {
	case rel == root:
		return "", true
	case root == "":
		sub = rel
	case strings.HasPrefix(rel, root+"/"):
		sub = strings.TrimPrefix(rel, root+"/")
	default:
		return "", false
	}
	for rest := sub; ; {
		part, more, found := strings.Cut(rest, "/")
		if !ValidIdentifier(part) {
			return "", false
		}
		if !found {
			break
		}
		rest = more
	}
	return strings.ReplaceAll(sub, "/", "."), true
}

// Dir returns the directory (relative to the Python root) that holds the
// source of a dotted module's package: "a/b" for "a.b.c".
func Dir(dotted string) string {
	return strings.ReplaceAll(Parent(dotted), ".", "/")
}
