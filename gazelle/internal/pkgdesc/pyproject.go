package pkgdesc

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// readPyproject reads pyproject.toml: the build backend, and setuptools'
// [tool.setuptools] package-dir and ext-modules tables. It reports whether
// the file describes a package ([build-system], [project] or
// [tool.setuptools]) rather than only tools' settings; a file that does not
// parse counts as one, so that its problem is reported.
func readPyproject(d *Description, src string) bool {
	const f = PyprojectFile
	var doc map[string]any
	if err := toml.Unmarshal([]byte(src), &doc); err != nil {
		line := 0
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, _ = de.Position()
		}
		d.Problems = append(d.Problems, Problem{File: f, Line: line, Msg: fmt.Sprintf("could not read: %v", err)})
		d.Incomplete = true
		return true
	}
	_, isBuild := doc["build-system"]
	_, isProject := doc["project"]
	if bs, ok := doc["build-system"].(map[string]any); ok {
		if reqs, ok := bs["requires"].([]any); ok {
			d.BuildRequires = []string{}
			for _, r := range reqs {
				if rs, ok := r.(string); ok {
					d.BuildRequires = append(d.BuildRequires, requirementName(rs))
				}
			}
		}
		if b, ok := bs["build-backend"].(string); ok {
			d.Backend = b
			if what, ok := foreignBackends[b]; ok {
				d.Unsupported = fmt.Sprintf("unsupported build backend %s in %s: its extension modules are not declared in a form Gazelle reads", what, f)
			}
		}
	}
	tool, _ := doc["tool"].(map[string]any)
	st, _ := tool["setuptools"].(map[string]any)
	if st == nil {
		return isBuild || isProject
	}
	if pd, ok := st["package-dir"].(map[string]any); ok {
		for k, v := range pd {
			if s, ok := v.(string); ok {
				d.PackageDir[k] = s
			}
		}
	}
	mods, ok := st["ext-modules"].([]any)
	if !ok {
		if st["ext-modules"] != nil {
			d.Problems = append(d.Problems, Problem{File: f, Msg: "tool.setuptools.ext-modules is not an array of tables"})
		}
		return true
	}
	for i, m := range mods {
		t, ok := m.(map[string]any)
		if !ok {
			d.Problems = append(d.Problems, Problem{File: f, Msg: fmt.Sprintf("tool.setuptools.ext-modules[%d] is not a table", i)})
			continue
		}
		e := &Extension{File: f}
		name, ok := t["name"].(string)
		if !ok {
			d.Problems = append(d.Problems, Problem{File: f, Msg: fmt.Sprintf("tool.setuptools.ext-modules[%d] has no name", i)})
			d.Incomplete = true
			continue
		}
		e.Name = name
		bad := func(key string) {
			d.Problems = append(d.Problems, Problem{File: f, Msg: fmt.Sprintf("%s of ext-module %q is not a list of strings (left out)", key, name)})
		}
		for key, dst := range map[string]*[]string{"sources": &e.Sources, "include-dirs": &e.IncludeDirs,
			"libraries": &e.Libraries, "extra-compile-args": &e.CompileArgs, "extra-link-args": &e.LinkArgs} {
			l, ok := tomlStrings(t[key])
			if !ok {
				bad(key)
				if key == "sources" {
					e.SourcesUnread = true
				}
				continue
			}
			if key == "sources" || key == "include-dirs" {
				for _, s := range l {
					if p, ok := cleanPath(s); ok {
						*dst = append(*dst, p)
					} else {
						bad(key)
					}
				}
				continue
			}
			*dst = l
		}
		if dm, ok := t["define-macros"].([]any); ok {
			for _, pair := range dm {
				p, ok := pair.([]any)
				if !ok || len(p) < 1 || len(p) > 2 {
					bad("define-macros")
					e.Defines = nil
					break
				}
				n, _ := p[0].(string)
				if len(p) == 1 || p[1] == nil {
					e.Defines = append(e.Defines, n)
				} else {
					e.Defines = append(e.Defines, fmt.Sprintf("%s=%v", n, p[1]))
				}
			}
		}
		if lang, ok := t["language"].(string); ok {
			e.Language = lang
		}
		d.Extensions = append(d.Extensions, e)
	}
	return true
}

func tomlStrings(v any) ([]string, bool) {
	if v == nil {
		return nil, true
	}
	l, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(l))
	for _, x := range l {
		s, ok := x.(string)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// readSetupCfg reads setup.cfg's [options] package_dir ("=src" or
// "pkg = dir" lines). It is an INI file: sections, "key = value" with
// indented continuation lines, comments starting with # or ;.
func readSetupCfg(d *Description, src string) {
	section := ""
	key := ""
	values := map[string][]string{}
	for _, raw := range strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n") {
		trimmed := strings.TrimSpace(raw)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") || strings.HasPrefix(trimmed, ";") {
			continue
		}
		if raw[0] == ' ' || raw[0] == '\t' {
			if key != "" {
				values[key] = append(values[key], trimmed)
			}
			continue
		}
		if strings.HasPrefix(trimmed, "[") && strings.HasSuffix(trimmed, "]") {
			section = strings.TrimSpace(trimmed[1 : len(trimmed)-1])
			key = ""
			continue
		}
		k, v, ok := strings.Cut(trimmed, "=")
		if !ok {
			k, v, ok = strings.Cut(trimmed, ":")
		}
		if !ok {
			key = ""
			continue
		}
		key = section + "." + strings.ReplaceAll(strings.TrimSpace(k), "-", "_")
		if v = strings.TrimSpace(v); v != "" {
			values[key] = append(values[key], v)
		}
	}
	for _, line := range values["options.package_dir"] {
		// "=src" maps the root package; "pkg = dir" one package.
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		d.PackageDir[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	if where := values["options.packages.find.where"]; len(where) == 1 {
		if _, ok := d.PackageDir[""]; !ok {
			d.PackageDir[""] = where[0]
		}
	}
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// requirementName returns the normalized project name of a PEP 508
// requirement ("Cython>=3.1; python_version<'4'" is "cython").
func requirementName(req string) string {
	end := strings.IndexFunc(req, func(r rune) bool {
		return !(r == '-' || r == '_' || r == '.' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	})
	if end >= 0 {
		req = req[:end]
	}
	return strings.ReplaceAll(strings.ReplaceAll(strings.ToLower(req), "_", "-"), ".", "-")
}
