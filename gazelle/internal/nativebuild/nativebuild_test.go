package nativebuild

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func names(ms []Module) []string {
	var out []string
	for _, m := range ms {
		out = append(out, fmt.Sprintf("%s:%02d", m.Name, m.Line))
	}
	return out
}

func TestCMake(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{
			name: "nanobind module installed into a package",
			src:  "# nanobind_add_module(_old x.cpp)\nnanobind_add_module(\n  _core\n  STABLE_ABI\n  src/main.cpp)\ninstall(TARGETS _core LIBRARY DESTINATION mapbox_earcut)\n",
			want: []string{"mapbox_earcut._core:02"},
		},
		{
			name: "pybind11, Python_add_library, nested destination, quoted and case-insensitive",
			src:  "PYBIND11_ADD_MODULE(_a a.cpp)\npython_add_library(_b MODULE WITH_SOABI b.c)\ninstall(TARGETS _a _b DESTINATION \"pkg/sub\")\n",
			want: []string{"pkg.sub._a:01", "pkg.sub._b:02"},
		},
		{
			name: "the top level",
			src:  "pybind11_add_module(fast f.cpp)\ninstall(TARGETS fast DESTINATION .)\n",
			want: []string{"fast:01"},
		},
		{
			name: "a destination CMake computes, or none, names nothing",
			src:  "pybind11_add_module(_a a.cpp)\ninstall(TARGETS _a DESTINATION ${SKBUILD_PROJECT_NAME})\npybind11_add_module(_b b.cpp)\n",
		},
		{
			name: "bracket arguments and comments",
			src:  "#[[ pybind11_add_module(_x x.cpp)\ninstall(TARGETS _x DESTINATION p) ]]\nnanobind_add_module([=[_y]=] y.cpp) # (\ninstall(TARGETS _y DESTINATION q)\n",
			want: []string{"q._y:03"},
		},
		{
			name: "unterminated text keeps what came before",
			src:  "nanobind_add_module(_z z.cpp)\ninstall(TARGETS _z DESTINATION p)\nset(X \"unterminated\n",
			want: []string{"p._z:01"},
		},
		{
			name: "not identifiers",
			src:  "nanobind_add_module(my-mod z.cpp)\ninstall(TARGETS my-mod DESTINATION p)\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := names(CMake("CMakeLists.txt", tc.src)); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestMeson(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{
			name: "subdir names the package",
			src:  "py.extension_module(\n  'lib', # i.e. shapely.lib\n  'c_api.c',\n  dependencies: [dep(x)],\n  subdir: 'shapely',\n  install: true,\n)\n",
			want: []string{"shapely.lib:01"},
		},
		{
			name: "no subdir: the top level; nested subdir",
			src:  "py3.extension_module('_top', 't.c')\npy.extension_module('_m', ['m.c'], subdir: 'a/b')\n",
			want: []string{"_top:01", "a.b._m:02"},
		},
		{
			name: "a computed name or subdir names nothing",
			src:  "py.extension_module(name, 'x.c', subdir: 'p')\npy.extension_module('_y', 'y.c', subdir: pkg / 'sub')\n# py.extension_module('_c', 'c.c')\n",
		},
		{
			name: "unterminated string",
			src:  "py.extension_module('_a', 'a.c')\npy.extension_module('_b\n",
			want: []string{"_a:01"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := names(Meson("meson.build", tc.src)); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// FuzzCMake reads arbitrary CMake text: never a panic or a hang, and every
// name is a dotted name of identifiers.
func FuzzCMake(f *testing.F) {
	f.Add("nanobind_add_module(_core src/main.cpp)\ninstall(TARGETS _core LIBRARY DESTINATION pkg)\n")
	f.Add("#[==[ x ]==] f([[a]] \"b\\\"\" (c) d)")
	f.Fuzz(func(t *testing.T, src string) {
		for _, m := range CMake("CMakeLists.txt", src) {
			checkName(t, m.Name)
		}
	})
}

// FuzzMeson reads arbitrary meson.build text.
func FuzzMeson(f *testing.F) {
	f.Add("py.extension_module('lib', 'a.c', subdir: 'shapely')\n")
	f.Add("x.extension_module('''a''', [y(z)], subdir: '\\'')")
	f.Fuzz(func(t *testing.T, src string) {
		for _, m := range Meson("meson.build", src) {
			checkName(t, m.Name)
		}
	})
}

func checkName(t *testing.T, name string) {
	for _, p := range strings.Split(name, ".") {
		if !isIdentifier(p) {
			t.Fatalf("name %q is not a dotted name of identifiers", name)
		}
	}
}
