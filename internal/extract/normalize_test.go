package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalizeKeepsOffsets(t *testing.T) {
	tests := []struct{ src, norm string }{
		{"共主动公开政府信息１４９１条", "共主动公开政府信息1491条"},
		{"樟樹市自然資源局（二）", "樟树市自然资源局(二)"},
		{"申請人\r\n維持", "申请人 \n维持"},
		{"什么", "什么"}, // Simplified text is left alone
		{"累计：12，176．5元", "累计:12,176.5元"},
		{"答复\u00a03050件\u3000", "答复 3050件 "},
		{"坏\xe4\xb8字\ufffd与\x00", "坏  字 与 "}, // invalid bytes, U+FFFD, NUL
		{"截断\xe5\x85", "截断  "},
		{"（１２３４５６７８９０，１２）元", "(1234567890,12)元"}, // a shift per rune
		{"\uff00！＿｀～\uff5f", "\uff00!_`~\uff5f"}, // the ends of full-width ASCII
		{"", ""},
	}
	for _, tt := range tests {
		d := newDoc(tt.src)
		if d.norm != tt.norm {
			t.Errorf("normalize(%q) = %q, want %q", tt.src, d.norm, tt.norm)
		}
		// Every norm byte, a rune start or not, maps where the rune
		// holding it starts in the source.
		want := runeOffsets(tt.src)
		for x := 0; x <= len(d.norm); x++ {
			if got := d.off(x); got != want[x] {
				t.Errorf("%q: off(%d) = %d, want %d", tt.src, x, got, want[x])
			}
		}
		checkSpans(t, d, tt.src, want)
		// Every normalized rune maps back to one source rune.
		for i := range d.norm {
			s := d.span(i, i+len(string([]rune(d.norm[i:])[0])))
			if s.Start >= s.End {
				t.Errorf("%q: rune at %d maps to empty span", tt.src, i)
			}
		}
	}
}

// checkSpans checks d.span, which maps a span's end from its start's
// shift on, against the offset map want of runeOffsets.
func checkSpans(t *testing.T, d *doc, src string, want []int) {
	t.Helper()
	for a := range want {
		for b := max(0, a-2); b < len(want) && b <= a+40; b++ {
			if got := d.span(a, b); got != (Span{Start: want[a], End: want[b]}) {
				t.Fatalf("%q: span(%d, %d) = %v, want [%d, %d)", src, a, b, got, want[a], want[b])
			}
		}
	}
}

// runeOffsets is the offset map of newDoc written out byte by byte: for
// each byte of the normalized text, where its rune starts in src, and
// len(src) after the end.
func runeOffsets(src string) []int {
	var off []int
	for i, r := range src {
		n := utf8.RuneLen(normRune(r))
		for range n {
			off = append(off, i)
		}
	}
	return append(off, len(src))
}

// runeNorm is newDoc's normalized text written out rune by rune.
func runeNorm(src string) string {
	var b strings.Builder
	for _, r := range src {
		switch r {
		case '\r', 0:
			r = ' '
		}
		b.WriteRune(normRune(r))
	}
	return b.String()
}

// FuzzNormalize holds newDoc's offset map to its byte-by-byte definition.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"共主动公开政府信息１４９１条", "（１２３４５６７８９０，１２）", "樟樹市（二）\r\n", "\xe4\xb8\ufffd\u00a0", "\xed\xa0\x80\xe0\x80\xaf會", "\uff00\uff01\uff3f\uff40\uff5e\uff5f\xef\xbc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		d := newDoc(src)
		if want := runeNorm(src); d.norm != want {
			t.Fatalf("newDoc(%q).norm = %q, want %q", src, d.norm, want)
		}
		want := runeOffsets(src)
		if len(want) != len(d.norm)+1 {
			t.Fatalf("norm %q has %d bytes, want %d", d.norm, len(d.norm), len(want)-1)
		}
		for x := range want {
			if got := d.off(x); got != want[x] {
				t.Fatalf("%q: off(%d) = %d, want %d", src, x, got, want[x])
			}
		}
		checkSpans(t, d, src, want)
	})
}

func TestScanNumber(t *testing.T) {
	tests := []struct {
		in   string
		want string
		end  int
		ok   bool
	}{
		{"1491条", "1491", 4, true},
		{"12,176条", "12176", 6, true},
		{"158,4", "158", 3, true},
		{"4711.7元", "4711.7", 6, true},
		{"24252.311082万元", "24252.311082", 12, true},
		{"一千二百三十件", "1230", 18, true},
		{"十五件", "15", 6, true},
		{"两件", "2", 3, true},
		{"二〇一三年", "2013", 12, true},
		{"三万五千", "35000", 12, true},
		{"1234567890123456", "", 0, false},
		{"件", "", 0, false},
	}
	for _, tt := range tests {
		v, end, ok := scanNumber(tt.in, 0)
		if ok != tt.ok || (ok && (v.String() != tt.want || end != tt.end)) {
			t.Errorf("scanNumber(%q) = %v, %d, %v; want %s, %d, %v", tt.in, v, end, ok, tt.want, tt.end, tt.ok)
		}
	}
}

func TestNumberAddExact(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"1", "2", "3"},
		{"0.1234567890123", "0.0000000000001", "0.1234567890124"},
		{"24252.311082", "0.000001", "24252.311083"},
		{"75394432.52", "-0.52", "75394432"},
		{"-18", "3.5", "-14.5"},
	}
	for _, tt := range tests {
		a, _ := ParseNumber(tt.a)
		b, _ := ParseNumber(tt.b)
		if got := a.Add(b).String(); got != tt.want {
			t.Errorf("%s + %s = %s, want %s", tt.a, tt.b, got, tt.want)
		}
	}
}
