package modname

import "testing"

func TestValidIdentifier(t *testing.T) {
	for s, want := range map[string]bool{
		"_speedups": true, "café": true, "a1": true, "1a": false, "my-pkg": false, "": false, "a.b": false, "\xff": false,
	} {
		if got := ValidIdentifier(s); got != want {
			t.Errorf("ValidIdentifier(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestValidDotted(t *testing.T) {
	for s, want := range map[string]bool{
		"a.b._c": true, "a": true, "": false, "a..b": false, ".a": false, "a.1b": false,
	} {
		if got := ValidDotted(s); got != want {
			t.Errorf("ValidDotted(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestParentLastJoinDir(t *testing.T) {
	for _, tc := range []struct{ m, parent, last, dir string }{
		{"a.b.c", "a.b", "c", "a/b"},
		{"c", "", "c", ""},
	} {
		if got := Parent(tc.m); got != tc.parent {
			t.Errorf("Parent(%q) = %q, want %q", tc.m, got, tc.parent)
		}
		if got := Last(tc.m); got != tc.last {
			t.Errorf("Last(%q) = %q, want %q", tc.m, got, tc.last)
		}
		if got := Dir(tc.m); got != tc.dir {
			t.Errorf("Dir(%q) = %q, want %q", tc.m, got, tc.dir)
		}
		if got := Join(tc.parent, tc.last); got != tc.m {
			t.Errorf("Join(%q, %q) = %q, want %q", tc.parent, tc.last, got, tc.m)
		}
	}
}

func TestPackage(t *testing.T) {
	for _, tc := range []struct {
		root, rel string
		want      string
		ok        bool
	}{
		{"", "", "", true},
		{"", "a/b", "a.b", true},
		{"src", "src", "", true},
		{"src", "src/a/b", "a.b", true},
		{"src", "srcx/a", "", false},
		{"", "my-pkg/a", "", false},
		{"", "a/1b", "", false},
		{"", "café/x", "café.x", true},
	} {
		got, ok := Package(tc.root, tc.rel)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Package(%q, %q) = %q, %v; want %q, %v", tc.root, tc.rel, got, ok, tc.want, tc.ok)
		}
	}
}
