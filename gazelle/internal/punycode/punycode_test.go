package punycode

import (
	"testing"
	"unicode/utf8"
)

func TestRoundTrip(t *testing.T) {
	for _, tc := range []struct{ name, encoded string }{
		// Values from CPython: name.encode("punycode").
		{"café", "caf-dma"},
		{"_café", "_caf-epa"},
		{"日本", "wgv71a"},
		{"ünïcode", "ncode-cta3g"},
		{"a_b", "a_b-"},
	} {
		if got := Encode(tc.name); got != tc.encoded {
			t.Errorf("Encode(%q) = %q, want %q", tc.name, got, tc.encoded)
		}
		got, err := Decode(tc.encoded)
		if err != nil || got != tc.name {
			t.Errorf("Decode(%q) = %q, %v; want %q", tc.encoded, got, err, tc.name)
		}
	}
}

func TestModuleName(t *testing.T) {
	for _, tc := range []struct{ suffix, want string }{
		{"caf_dma", "café"},
		{"_caf_epa", "_café"},
		{"wgv71a", "日本"},
	} {
		got, err := ModuleName(tc.suffix)
		if err != nil || got != tc.want {
			t.Errorf("ModuleName(%q) = %q, %v; want %q", tc.suffix, got, err, tc.want)
		}
		if back := InitSuffix(got); back != tc.suffix {
			t.Errorf("InitSuffix(%q) = %q, want %q", got, back, tc.suffix)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, s := range []string{"caf-d", "caf-!!", "zzzzzzzzzzzzzz", "é-a"} {
		if got, err := Decode(s); err == nil {
			t.Errorf("Decode(%q) = %q, want an error", s, got)
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{"caf-dma", "wgv71a", "a-", "-", "zz", "99999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		name, err := Decode(s)
		if err != nil {
			return
		}
		if !utf8.ValidString(name) {
			t.Fatalf("Decode(%q) = %q: invalid UTF-8", s, name)
		}
		// Whatever decodes must survive a round trip through Encode.
		again, err := Decode(Encode(name))
		if err != nil || again != name {
			t.Fatalf("round trip of %q: %q, %v", name, again, err)
		}
	})
}

func FuzzEncode(f *testing.F) {
	f.Add("café")
	f.Add("日本語のモジュール")
	f.Fuzz(func(t *testing.T, name string) {
		if !utf8.ValidString(name) {
			return
		}
		got, err := Decode(Encode(name))
		if err != nil || got != name {
			t.Fatalf("Decode(Encode(%q)) = %q, %v", name, got, err)
		}
	})
}
