// Package punycode converts between Unicode module names and the ASCII form
// CPython uses in the init function of a module whose name is not ASCII
// (PEP 489): PyInitU_ followed by the name's Punycode (RFC 3492) with '-'
// replaced by '_'.
package punycode

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

const (
	base        = 36
	tmin        = 1
	tmax        = 26
	skew        = 38
	damp        = 700
	initialBias = 72
	initialN    = 128
)

func adapt(delta, numPoints int, first bool) int {
	if first {
		delta /= damp
	} else {
		delta /= 2
	}
	delta += delta / numPoints
	k := 0
	for delta > ((base-tmin)*tmax)/2 {
		delta /= base - tmin
		k += base
	}
	return k + (base-tmin+1)*delta/(delta+skew)
}

func digit(c byte) (int, bool) {
	switch {
	case '0' <= c && c <= '9':
		return int(c-'0') + 26, true
	case 'a' <= c && c <= 'z':
		return int(c - 'a'), true
	case 'A' <= c && c <= 'Z':
		return int(c - 'A'), true
	}
	return 0, false
}

func encodeDigit(d int) byte {
	if d < 26 {
		return byte('a' + d)
	}
	return byte('0' + d - 26)
}

func threshold(k, bias int) int {
	switch {
	case k <= bias:
		return tmin
	case k >= bias+tmax:
		return tmax
	}
	return k - bias
}

var errOverflow = errors.New("punycode: overflow")

// Decode decodes RFC 3492 Punycode.
func Decode(s string) (string, error) {
	var out []rune
	rest := s
	if i := strings.LastIndexByte(s, '-'); i >= 0 {
		for j := 0; j < i; j++ {
			if s[j] >= utf8.RuneSelf {
				return "", fmt.Errorf("punycode: non-ASCII byte in %q", s)
			}
			out = append(out, rune(s[j]))
		}
		rest = s[i+1:]
	}
	n, i, bias := initialN, 0, initialBias
	for p := 0; p < len(rest); {
		oldi, w := i, 1
		for k := base; ; k += base {
			if p >= len(rest) {
				return "", fmt.Errorf("punycode: truncated input %q", s)
			}
			d, ok := digit(rest[p])
			p++
			if !ok {
				return "", fmt.Errorf("punycode: invalid digit %q in %q", rest[p-1], s)
			}
			if d > (math.MaxInt32-i)/w {
				return "", errOverflow
			}
			i += d * w
			t := threshold(k, bias)
			if d < t {
				break
			}
			if w > math.MaxInt32/(base-t) {
				return "", errOverflow
			}
			w *= base - t
		}
		bias = adapt(i-oldi, len(out)+1, oldi == 0)
		if i/(len(out)+1) > math.MaxInt32-n {
			return "", errOverflow
		}
		n += i / (len(out) + 1)
		i %= len(out) + 1
		if n > utf8.MaxRune || 0xD800 <= n && n <= 0xDFFF {
			return "", fmt.Errorf("punycode: invalid code point U+%X in %q", n, s)
		}
		out = append(out, 0)
		copy(out[i+1:], out[i:])
		out[i] = rune(n)
		i++
	}
	return string(out), nil
}

// Encode encodes s as RFC 3492 Punycode, as Python's "punycode" codec does:
// the basic code points, then '-' if there were any, then the deltas.
func Encode(s string) string {
	runes := []rune(s)
	var b strings.Builder
	for _, r := range runes {
		if r < initialN {
			b.WriteByte(byte(r))
		}
	}
	basic := b.Len()
	if basic > 0 {
		b.WriteByte('-')
	}
	n, delta, bias := initialN, 0, initialBias
	for h := basic; h < len(runes); {
		m := math.MaxInt32
		for _, r := range runes {
			if int(r) >= n && int(r) < m {
				m = int(r)
			}
		}
		delta += (m - n) * (h + 1)
		n = m
		for _, r := range runes {
			if int(r) < n {
				delta++
			}
			if int(r) == n {
				q := delta
				for k := base; ; k += base {
					t := threshold(k, bias)
					if q < t {
						break
					}
					b.WriteByte(encodeDigit(t + (q-t)%(base-t)))
					q = (q - t) / (base - t)
				}
				b.WriteByte(encodeDigit(q))
				bias = adapt(delta, h+1, h == basic)
				delta = 0
				h++
			}
		}
		delta++
		n++
	}
	return b.String()
}

// ModuleName returns the Unicode module name encoded in the suffix of a
// PyInitU_ init function name.
func ModuleName(suffix string) (string, error) {
	// The encoded deltas use only [a-z0-9], so the last '_' (if any) is the
	// delimiter that CPython turned from '-' into '_'.
	s := suffix
	if i := strings.LastIndexByte(s, '_'); i >= 0 {
		s = s[:i] + "-" + s[i+1:]
	}
	name, err := Decode(s)
	if err != nil {
		return "", err
	}
	if !utf8.ValidString(name) {
		return "", fmt.Errorf("punycode: %q does not decode to valid text", suffix)
	}
	return name, nil
}

// InitSuffix returns the suffix CPython appends to PyInitU_ for name.
func InitSuffix(name string) string {
	return strings.ReplaceAll(Encode(name), "-", "_")
}
