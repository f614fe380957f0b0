package textsafe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestStringStripsControls(t *testing.T) {
	tests := []struct{ in, want string }{
		{"共主动公开1491条", "共主动公开1491条"},
		{"a\x1b]52;c;SGVsbG8=\x07b", "a␛]52;c;SGVsbG8=␇b"},
		{"\x1b]8;;http://x\x1b\\link", "␛]8;;http://x␛\\link"},
		{"\x1b[2J清屏", "␛[2J清屏"},
		{"c1\u009b31m", "c1�31m"},
		{"行1\r\n行2", "行1 \n行2"},
		{"1000\r9999", "1000␍9999"},
		{"\u202e0001", "�0001"},
		{"tab\there", "tab here"},
		{"bs\bx", "bs␈x"},
		// Invalid UTF-8 (a file name in GBK, a raw 8-bit CSI) becomes one
		// U+FFFD per byte, as range reads it; a real U+FFFD stays.
		{"\xff\xfe报告.txt", "��报告.txt"},
		{"\x9b2J\x9b31m报告", "�2J�31m报告"},
		{"已是\uFFFD", "已是\uFFFD"},
	}
	for _, tt := range tests {
		got := String(tt.in)
		if got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(tt.in) {
			t.Errorf("String(%q) changed the rune count", tt.in)
		}
	}
}

func TestLine(t *testing.T) {
	if got := Line("a\nb.txt"); got != "a␤b.txt" {
		t.Errorf("Line = %q", got)
	}
}

func FuzzString(f *testing.F) {
	f.Add("\x1b]52;c;SGVsbG8=\x07")
	f.Add("\u009b2J\u202e\r\n")
	f.Add("\xff\xfe\x9b2J报告")
	f.Fuzz(func(t *testing.T, s string) {
		got := String(s)
		if !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 left in %q", got)
		}
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(s) {
			t.Fatalf("rune count changed: %q -> %q", s, got)
		}
		for _, r := range got {
			if r != '\n' && (r < 0x20 || r == 0x7F || (r >= 0x80 && r <= 0x9F) || isBidi(r)) {
				t.Fatalf("unsafe rune %U left in %q", r, got)
			}
		}
		if strings.ContainsRune(Line(s), '\n') {
			t.Fatalf("Line kept a newline")
		}
	})
}
