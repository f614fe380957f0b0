// Package textsafe makes untrusted report text safe to put on a terminal or
// into a spreadsheet.
//
// Report files come from thousands of websites, crawlers and OCR; an escape
// sequence inside one (OSC 52 writes the clipboard, OSC 8 makes links, CSI
// clears the screen, U+202E reverses what follows) must never reach the
// terminal as a control. Every unsafe rune is replaced by exactly one visible
// rune, so a caller that counts runes keeps its offsets.
package textsafe

import (
	"strings"
	"unicode/utf8"
)

// Rune returns r if it is safe to print, or a visible stand-in for it.
// Newline and tab are controls here too; String keeps newlines.
func Rune(r rune) rune {
	switch {
	case r == '\t':
		return ' '
	case r < 0x20:
		return 0x2400 + r // ␀ … ␟; ESC is ␛
	case r == 0x7F:
		return '␡'
	case r >= 0x80 && r <= 0x9F: // C1 controls, CSI as 0x9B among them
		return '�'
	case r == utf8.RuneError:
		return '�'
	case isBidi(r):
		return '�'
	case r == 0xFEFF, r == 0x2028, r == 0x2029:
		return ' '
	}
	return r
}

// isBidi reports explicit direction controls, which reorder what a reader
// sees (a "1" can be shown as a number it is not).
func isBidi(r rune) bool {
	return r == 0x061C || r == 0x200E || r == 0x200F ||
		(r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// Safe reports whether s can be printed as is (newlines allowed).
func Safe(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' || c == 0x7F {
			return false
		}
		if c >= utf8.RuneSelf {
			return safeTail(s[i:])
		}
	}
	return true
}

// safeTail is Safe past the first non-ASCII byte. An invalid byte decodes
// as utf8.RuneError, whose stand-in is itself, so it is caught by its size:
// a raw 0x9B byte is CSI to a terminal in 8-bit mode.
func safeTail(s string) bool {
	for i, r := range s {
		if r == '\n' {
			continue
		}
		if r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") {
			return false
		}
		if Rune(r) != r {
			return false
		}
	}
	return true
}

// String returns s with every unsafe rune replaced by its stand-in, rune for
// rune; newlines are kept. A CR that ends a line (CRLF files) becomes a
// space, any other CR its visible stand-in, so it cannot overwrite a line.
func String(s string) string {
	if Safe(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range s {
		switch {
		case r == '\n':
			b.WriteByte('\n')
		case r == '\r' && i+1 < len(s) && s[i+1] == '\n':
			b.WriteByte(' ')
		default:
			b.WriteRune(Rune(r))
		}
	}
	return b.String()
}

// Line is String for text that must stay on one line (a label, a file name):
// newlines are shown as ␤.
func Line(s string) string {
	return strings.ReplaceAll(String(s), "\n", "␤")
}
