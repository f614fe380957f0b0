package extract

import "unicode/utf8"

// runeSet is a set of ASCII bytes and three-byte runes (U+0800–U+FFFF,
// which holds all of CJK) that a scan looks for in a long text: the
// digits and numerals that start a number, the first characters of the
// zero words.
//
// Its scan, next, tests each rune by a bitmap lookup, not by branches on
// its bytes: in Chinese text a branch on the lead byte (E4 and E5 start
// both 一…十 and thousands of other characters) is mispredicted often
// enough to cost more than the rest of the scan.
type runeSet struct {
	single [256]uint8           // 1 for member ASCII bytes
	bits   [1 << 16 / 64]uint64 // bit r for member runes r ≥ U+0800
}

// newRuneSet returns the set of the runes of members, each ASCII or
// three bytes long.
func newRuneSet(members string) *runeSet {
	t := new(runeSet)
	for _, r := range members {
		switch utf8.RuneLen(r) {
		case 1:
			t.single[r] = 1
		case 3:
			t.bits[r>>6] |= 1 << (r & 63)
		default:
			panic("extract: runeSet holds ASCII and three-byte runes only")
		}
	}
	return t
}

// bit3 reports the bit of the three-byte rune c c1 c2 in bits, a bitmap
// of the runes up to U+FFFF: the rune's word is its top ten bits, the
// lead's four and the second byte's six; its bit, the third's six. The
// continuation bytes are not checked.
func bit3(bits *[1 << 10]uint64, c, c1, c2 byte) bool {
	return bits[int(c&0x0F)<<6|int(c1&0x3F)]>>(c2&0x3F)&1 != 0
}

// has reports whether r is in the set.
func (t *runeSet) has(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return t.single[r] != 0
	case r < 0x800 || r > 0xFFFF:
		return false
	}
	return t.bits[r>>6]>>(r&63)&1 != 0
}

// runeStep is the length of the rune a byte starts: 1 for ASCII, and for
// a continuation or invalid byte, which the scan steps over one by one.
var runeStep = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c >= 0xF0:
			t[c] = 4
		case c >= 0xE0:
			t[c] = 3
		case c >= 0xC0:
			t[c] = 2
		default:
			t[c] = 1
		}
	}
	return t
}()

// next returns the first rune start at or after i whose rune is in the
// set, or len(s). i must be a rune start, or a continuation byte inside a
// rune (stepped over byte by byte).
func (t *runeSet) next(s string, i int) int {
	// With i known not to be negative and the loop bound written as
	// len(s)-2, the compiler reads a rune's second and third bytes
	// without bounds checks.
	i = max(i, 0)
	for i < len(s)-2 {
		c := s[i]
		// Three-byte runes make most of the text: a branch, not a
		// table, steps over them, so the processor predicts it and
		// tests the next rune before this one's lead byte is loaded.
		if c&0xF0 == 0xE0 {
			if bit3(&t.bits, c, s[i+1], s[i+2]) {
				return i
			}
			i += 3
			continue
		}
		if t.single[c] != 0 {
			return i
		}
		i += int(runeStep[c])
	}
	// Two bytes at most are left: no three-byte rune fits.
	for ; i < len(s); i++ {
		if t.single[s[i]] != 0 {
			return i
		}
	}
	return len(s)
}
