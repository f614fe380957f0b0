package extract

import "unicode/utf8"

// decodeRune is utf8.DecodeRuneInString with the three-byte runes that
// make up Chinese text decoded by a short path of its own: the standard
// function takes ASCII in line and calls out for every other rune, some
// fifty instructions, where the rules decode a rune at each step of
// their scans. ASCII is still taken in line.
func decodeRune(s string) (r rune, size int) {
	// Shaped as utf8.DecodeRuneInString is, which makes it cheap enough
	// to inline.
	if s != "" && s[0] < utf8.RuneSelf {
		return rune(s[0]), 1
	} else {
		r, size = decodeMultibyte(s)
	}
	return
}

// decodeMultibyte is decodeRune past ASCII.
func decodeMultibyte(s string) (rune, int) {
	if len(s) > 2 {
		if r, ok := rune3(s[0], s[1], s[2]); ok {
			return r, 3
		}
	}
	return utf8.DecodeRuneInString(s)
}

// decodeLastRune is utf8.DecodeLastRuneInString as decodeRune is
// utf8.DecodeRuneInString. (Neither is small enough to inline.)
func decodeLastRune(s string) (rune, int) {
	n := len(s)
	if n > 0 && s[n-1] < utf8.RuneSelf {
		return rune(s[n-1]), 1
	}
	if n > 2 {
		if r, ok := rune3(s[n-3], s[n-2], s[n-1]); ok {
			return r, 3
		}
	}
	return utf8.DecodeLastRuneInString(s)
}

// rune3 decodes c c1 c2 when they are a three-byte rune led by E1–EC or
// EE–EF: then any two continuation bytes make a valid rune (E0 and ED
// need a tighter test, left to package utf8).
func rune3(c, c1, c2 byte) (rune, bool) {
	if c-0xE1 <= 0xEF-0xE1 && c != 0xED && (c1^0x80)|(c2^0x80) < 0x40 {
		return rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F), true
	}
	return 0, false
}
