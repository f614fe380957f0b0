package extract

import "unicode/utf8"

// decodeRune is utf8.DecodeRuneInString with the three-byte runes that
// make up Chinese text decoded in line: the standard function does so
// for ASCII only, and calls out for every other rune (some fifty
// instructions, where the rules decode a rune at each step of their
// scans).
func decodeRune(s string) (rune, int) {
	if len(s) > 2 {
		// Leads E1–EC and EE–EF: a valid rune whenever the next two
		// are continuation bytes (E0 and ED need a tighter test).
		if c, c1, c2 := s[0], s[1], s[2]; c-0xE1 <= 0xEF-0xE1 && c != 0xED && (c1^0x80)|(c2^0x80) < 0x40 {
			return rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F), 3
		}
	}
	return utf8.DecodeRuneInString(s)
}

// decodeLastRune is utf8.DecodeLastRuneInString as decodeRune is
// utf8.DecodeRuneInString.
func decodeLastRune(s string) (rune, int) {
	if n := len(s); n > 2 {
		if c, c1, c2 := s[n-3], s[n-2], s[n-1]; c-0xE1 <= 0xEF-0xE1 && c != 0xED && (c1^0x80)|(c2^0x80) < 0x40 {
			return rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F), 3
		}
	}
	return utf8.DecodeLastRuneInString(s)
}
