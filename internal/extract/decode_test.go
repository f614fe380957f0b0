package extract

import (
	"testing"
	"unicode/utf8"
)

// TestDecodeRuneThreeBytes holds decodeRune and decodeLastRune to the
// standard functions on every sequence of three bytes that starts with
// a three-byte lead, valid or not, alone and inside other text.
func TestDecodeRuneThreeBytes(t *testing.T) {
	for c := 0xE0; c <= 0xEF; c++ {
		for c1 := range 256 {
			for c2 := range 256 {
				s := string([]byte{byte(c), byte(c1), byte(c2)})
				compareDecode(t, s)
			}
		}
	}
	for _, s := range []string{"", "a", "\xe4", "\xe4\xb8", "一", "x一", "一x", "\xe4\xb8\xe4\xb8\x80", "𠀀", "é", "\xff"} {
		compareDecode(t, s)
	}
}

// FuzzDecodeRune compares decodeRune and decodeLastRune with the
// standard functions on arbitrary text.
func FuzzDecodeRune(f *testing.F) {
	f.Add("共主动公开政府信息1491条")
	f.Add("\xed\xa0\x80\xe0\x80\xaf")
	f.Fuzz(func(t *testing.T, s string) {
		for i := range len(s) {
			compareDecode(t, s[i:])
			compareDecode(t, s[:i])
		}
	})
}

func compareDecode(t *testing.T, s string) {
	t.Helper()
	r, n := decodeRune(s)
	if wr, wn := utf8.DecodeRuneInString(s); r != wr || n != wn {
		t.Fatalf("decodeRune(%q) = %U, %d; want %U, %d", s, r, n, wr, wn)
	}
	r, n = decodeLastRune(s)
	if wr, wn := utf8.DecodeLastRuneInString(s); r != wr || n != wn {
		t.Fatalf("decodeLastRune(%q) = %U, %d; want %U, %d", s, r, n, wr, wn)
	}
}
