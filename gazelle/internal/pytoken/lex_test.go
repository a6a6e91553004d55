package pytoken

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// show renders tokens as "kind:text@line" for the tables below.
func show(src string, toks []Token) []string {
	var out []string
	for _, t := range toks {
		k := [...]string{"eof", "name", "op", "str", "num", "nl"}[t.Kind]
		out = append(out, fmt.Sprintf("%s:%s@%d", k, src[t.Start:t.End], t.Line))
	}
	return out
}

func TestLex(t *testing.T) {
	for _, tc := range []struct {
		name    string
		dialect Dialect
		src     string
		want    string // show's tokens, space-separated
	}{
		{"names and ops", Python, "import a.b as c\n", "name:import@1 name:a@1 op:.@1 name:b@1 name:as@1 name:c@1 nl:@1"},
		{"blank lines give one newline", Python, "a\n\n\nb", "name:a@1 nl:@1 name:b@4"},
		{"no leading newline", Python, "\n\na", "name:a@3"},
		{"comment", Python, "a # b 'c'\nd", "name:a@1 nl:@1 name:d@2"},
		{"brackets hide newlines", Python, "f(a,\n  b)\nc", "name:f@1 op:(@1 name:a@1 op:,@1 name:b@2 op:)@2 nl:@2 name:c@3"},
		{"stray closer", Python, ")\na", "op:)@1 nl:@1 name:a@2"},
		{"continuation", Python, "a \\\n b\\\r\n c", "name:a@1 name:b@2 name:c@3"},
		{"continuation with a lone CR", Python, "a\\\rb\nc", "name:a@1 name:b@1 nl:@1 name:c@2"},
		{"numbers", Python, "1e+5 0x1F 1.5j", "num:1e+5@1 num:0x1F@1 num:1.5j@1"},
		{"string contents", Python, `'a' "b" '''c''' """d"""`, "str:a@1 str:b@1 str:c@1 str:d@1"},
		{"escapes kept", Python, `'it\'s' "a\"b"`, `str:it\'s@1 str:a\"b@1`},
		{"multi-line string keeps its first line", Python, "'''a\nb'''\nc", "str:a\nb@1 nl:@2 name:c@3"},
		{"escaped newline in string", Python, "'a\\\nb' c", "str:a\\\nb@1 name:c@2"},
		{"escaped CRLF in string", Python, "'a\\\r\nb' c", "str:a\\\r\nb@1 name:c@2"},
		{"escaped CRLF in format spec", Python, "f'{x:\\\r\n>}' c", "str:{x:\\\r\n>}@1 name:c@2"},
		{"unterminated single-quoted ends at newline", Python, "'abc\nd", "str:abc@1 nl:@1 name:d@2"},
		{"unterminated triple-quoted ends at eof", Python, "'''abc\nd", "str:abc\nd@1"},
		{"trailing backslash", Python, "'abc\\", "str:abc\\@1"},
		{"prefixes", Python, `r'a' Rb"b" U'c' f'd' T'e' tr'f'`, "str:a@1 str:b@1 str:c@1 str:d@1 str:e@1 str:f@1"},
		{"not prefixes", Python, `c'a' ur'b' bf'c' rr'd'`, "name:c@1 str:a@1 name:ur@1 str:b@1 name:bf@1 str:c@1 name:rr@1 str:d@1"},
		{"fstring field with same quotes", Python, `f'{x['k']}' a`, "str:{x['k']}@1 name:a@1"},
		{"fstring doubled brace", Python, "f'{{' a", "str:{{@1 name:a@1"},
		{"fstring nested", Python, `f"{f"{f"{1}"}"}" a`, `str:{f"{f"{1}"}"}@1 name:a@1`},
		{"fstring field newline ends single-quoted", Python, "f'{x\na", "str:{x@1 nl:@1 name:a@2"},
		{"triple fstring multi-line field", Python, "f'''{\nx\n}''' a", "str:{\nx\n}@1 name:a@3"},
		{"format spec is text", Python, "f'{n:#x}' a\nb", "str:{n:#x}@1 name:a@1 nl:@1 name:b@2"},
		{"format spec in triple fstring", Python, "f\"\"\"{n:#x} {m:'^9}\"\"\"\na", "str:{n:#x} {m:'^9}@1 nl:@1 name:a@2"},
		{"format spec with nested fields", Python, "f'{x:{w}.{p}f}' a", "str:{x:{w}.{p}f}@1 name:a@1"},
		{"format spec after conversion and slice", Python, "f'{x[1:2]!r:>{w:#}}' a", "str:{x[1:2]!r:>{w:#}}@1 name:a@1"},
		{"colon inside brackets is not a spec", Python, "f'{ {'a': 1}['a'] }' b", "str:{ {'a': 1}['a'] }@1 name:b@1"},
		{"format spec ends at the quote", Python, "f'{x:#' a", "str:{x:#@1 name:a@1"},
		{"format spec ends at newline", Python, "f'{x:#\na", "str:{x:#@1 nl:@1 name:a@2"},
		{"format spec to eof", Python, "f'''{x:\n", "str:{x:\n@1"},
		{"tstring field", Python, `t'{'a'}' b`, "str:{'a'}@1 name:b@1"},
		{"cython prefixes", Cython, `c'a' Cr'b' rf'c'`, "str:a@1 name:Cr@1 str:b@1 str:c@1"},
		{"cython has no t-strings", Cython, `t'a'`, "name:t@1 str:a@1"},
		{"cython fstring is flat", Cython, `f'{x['k']}' a`, "str:{x[@1 name:k@1 str:]}@1 name:a@1"},
		{"crlf", Python, "a\r\nb\r\n", "name:a@1 nl:@1 name:b@2 nl:@2"},
		{"unicode name", Python, "café = 1", "name:café@1 op:=@1 num:1@1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := strings.Join(show(tc.src, Lex(tc.src, tc.dialect)), " "); got != tc.want {
				t.Errorf("Lex(%q)\n got %q\nwant %q", tc.src, got, tc.want)
			}
		})
	}
}

// TestFStringDepth: nesting beyond maxDepth stops tokenizing fields
// instead of recursing without bound.
func TestFStringDepth(t *testing.T) {
	src := strings.Repeat("f'{", 10000)
	Lex(src, Python)
}

func TestParser(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"modules", "a.b as c, d, e as", []string{"a.b", "d"}},
		{"spaced dotted", "a . b,c.\\\n d", []string{"a.b", "c.d"}},
		{"keyword stops", "a, if, b", []string{"a"}},
		{"trailing dot", "a.", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := NewParser(tc.src, Python)
			var got []string
			p.Modules(func(m string) { got = append(got, m) })
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Modules(%q) = %q, want %q", tc.src, got, tc.want)
			}
		})
	}
	for _, tc := range []struct {
		dialect   Dialect
		kw, src   string
		wantMod   string
		wantNames []string
		wantOK    bool
	}{
		{Python, "import", " a.b import c, d as e", "a.b", []string{"c", "d"}, true},
		{Python, "import", " ..a import (b,\n c,)", "..a", []string{"b", "c"}, true},
		{Python, "import", " . import *", ".", nil, true},
		{Python, "import", " a import (b", "", nil, false},
		{Python, "import", " import x", "", nil, false},
		{Python, "import", " a cimport x", "", nil, false},
		{Cython, "cimport", " a cimport x", "a", []string{"x"}, true},
		{Cython, "cimport", " a cimport include", "", nil, false},
		{Python, "import", " a import include", "a", []string{"include"}, true},
	} {
		p := NewParser("from"+tc.src, tc.dialect)
		p.I++
		mod, names, ok := p.From(tc.kw)
		if mod != tc.wantMod || !reflect.DeepEqual(names, tc.wantNames) || ok != tc.wantOK {
			t.Errorf("From(%q) on %q = %q, %q, %v; want %q, %q, %v", tc.kw, tc.src, mod, names, ok, tc.wantMod, tc.wantNames, tc.wantOK)
		}
	}
}

// FuzzLex checks what the scanners rely on for any input, in both
// dialects: no panic, tokens in source order within the source, names,
// operators and numbers spelled as such, lines in range and never going
// back, and no Newline first or twice in a row.
func FuzzLex(f *testing.F) {
	for _, s := range []string{
		"import a.b as c\nfrom . import (d,\n e)\n",
		"s = f'{x[\"k\"]!r:>{w}}' + rb'\\x' \\\n + '''a\nb'''\n",
		"f'{f'{f'{'",
		"cdef extern from \"h.h\":\n    int f(int) nogil\ncimport c'x'\n",
		"'\\\r\n\"\\",
		"1e+5; x[1:2] # c\r\n",
		"f\"\"\"{n:#x} {m:'^{w:{z}}}\"\"\"\nimport a\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		src := string(data)
		lines := int32(strings.Count(src, "\n") + 1)
		for _, d := range []Dialect{Python, Cython} {
			toks := Lex(src, d)
			end, line := int32(0), int32(1)
			for i, tok := range toks {
				if tok.Start < 0 || tok.Start > tok.End || int(tok.End) > len(src) {
					t.Fatalf("dialect %d: token %d at %d:%d outside the source (%d bytes)", d, i, tok.Start, tok.End, len(src))
				}
				if tok.Start < end {
					t.Fatalf("dialect %d: token %d at %d starts before the previous one ends (%d)", d, i, tok.Start, end)
				}
				if tok.Line < line || tok.Line > lines {
					t.Fatalf("dialect %d: token %d on line %d, previous %d, last %d", d, i, tok.Line, line, lines)
				}
				end, line = tok.End, tok.Line
				text := src[tok.Start:tok.End]
				switch tok.Kind {
				case Name:
					if text == "" || !isNameStart(text[0]) || strings.IndexFunc(text, func(r rune) bool { return r < 0x80 && !isNameByte(byte(r)) }) >= 0 {
						t.Fatalf("dialect %d: bad name %q", d, text)
					}
				case Op:
					if len(text) != 1 || isNameByte(text[0]) || strings.ContainsAny(text, " \t\r\n#'\"") {
						t.Fatalf("dialect %d: bad operator %q", d, text)
					}
				case Number:
					if text == "" || text[0] < '0' || text[0] > '9' {
						t.Fatalf("dialect %d: bad number %q", d, text)
					}
				case Newline:
					if i == 0 || toks[i-1].Kind == Newline || src[tok.Start] != '\n' {
						t.Fatalf("dialect %d: bad newline token %d", d, i)
					}
				case String:
				default:
					t.Fatalf("dialect %d: token %d has kind %d", d, i, tok.Kind)
				}
			}
		}
	})
}

// BenchmarkLex measures the tokenizer on a large module (about 1 MB).
func BenchmarkLex(b *testing.B) {
	var sb strings.Builder
	for i := 0; sb.Len() < 1<<20; i++ {
		fmt.Fprintf(&sb, "import mod%d\nfrom pkg.sub%d import (a, b as c)\n\ndef f%d(x):\n    \"\"\"import fake\"\"\"\n    return f'{x!r} {{import}}' + 1e-3  # comment\n", i, i, i)
	}
	src := sb.String()
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Lex(src, Python)
	}
}
