package hostile

import (
	"fmt"
	"unicode/utf8"
)

// Leak is one control character or sequence found in an output where report
// text may land: a terminal frame, a CSV or XLSX cell, a command's output.
type Leak struct {
	Offset int    // byte offset in the output
	What   string // what was found, such as "ESC ] (OSC)" or "U+202E"
	Near   string // the output around it, quoted
}

func (l Leak) String() string { return fmt.Sprintf("%s at byte %d near %s", l.What, l.Offset, l.Near) }

// TextLeaks returns every character of s that a terminal or a spreadsheet
// would act on rather than show: C0 controls other than tab and newline (CR
// only as part of CRLF), DEL, C1 controls (encoded or as raw bytes), invalid
// UTF-8, and the explicit bidi controls. Use it for CSV, XLSX cell text and
// the output of gitui's headless commands, which contain no styling.
func TextLeaks(s string) []Leak { return leaks(s, false) }

// FrameLeaks is TextLeaks for a rendered terminal frame: it allows the SGR
// sequences (ESC [ … m) a renderer styles text with, and reports every
// other escape sequence, so an OSC 52 or a CSI 2J from a report is caught
// while colours are not.
func FrameLeaks(s string) []Leak { return leaks(s, true) }

func leaks(s string, allowSGR bool) []Leak {
	var out []Leak
	add := func(i int, what string) {
		lo, hi := max(0, i-24), min(len(s), i+24)
		for lo > 0 && !utf8.RuneStart(s[lo]) {
			lo--
		}
		out = append(out, Leak{Offset: i, What: what, Near: fmt.Sprintf("%q", s[lo:hi])})
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			add(i, fmt.Sprintf("invalid UTF-8 byte %#x", s[i]))
		case r == 0x1b:
			if allowSGR {
				if n := sgrLen(s[i:]); n > 0 {
					i += n
					continue
				}
			}
			add(i, escName(s[i:]))
		case r == '\r':
			if i+1 >= len(s) || s[i+1] != '\n' {
				add(i, "CR not followed by LF")
			}
		case r == '\n' || r == '\t':
		case r < 0x20:
			add(i, fmt.Sprintf("C0 control %#x", r))
		case r == 0x7f:
			add(i, "DEL")
		case r >= 0x80 && r <= 0x9f:
			add(i, fmt.Sprintf("C1 control U+%04X", r))
		case r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
			add(i, fmt.Sprintf("bidi control U+%04X", r))
		}
		i += size
	}
	return out
}

// sgrLen returns the length of the SGR sequence s starts with, or 0.
func sgrLen(s string) int {
	if len(s) < 3 || s[1] != '[' {
		return 0
	}
	for i := 2; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c == ';', c == ':':
		case c == 'm':
			return i + 1
		default:
			return 0
		}
	}
	return 0
}

func escName(s string) string {
	if len(s) < 2 {
		return "ESC at end"
	}
	switch s[1] {
	case ']':
		return "ESC ] (OSC)"
	case '[':
		return "ESC [ (CSI)"
	case 'P':
		return "ESC P (DCS)"
	case '_':
		return "ESC _ (APC)"
	}
	return fmt.Sprintf("ESC %q", s[1])
}
