package gazelle

import "testing"

func TestCommonDir(t *testing.T) {
	for _, tc := range []struct{ a, b, want string }{
		{"psutil", "psutil/arch/linux", "psutil"},
		{"src", "deps/xxhash", ""},
		{"a/b/c", "a/b/d", "a/b"},
		{"a/bc", "a/b", "a"},
		{"", "a", ""},
		{".", "a", ""},
		{"a", "a", "a"},
	} {
		if got := commonDir(tc.a, tc.b); got != tc.want {
			t.Errorf("commonDir(%q, %q) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestCythonOnly(t *testing.T) {
	for _, tc := range []struct {
		files []string
		want  bool
	}{
		{[]string{"a.pyx", "b/c.pyx"}, true},
		{[]string{"a.pyx", "gen.c"}, false},
	} {
		if got := cythonOnly(tc.files); got != tc.want {
			t.Errorf("cythonOnly(%q) = %v, want %v", tc.files, got, tc.want)
		}
	}
}
