package extract

import (
	"strings"
)

// indexText is strings.Index for searching a report's text for a word.
// strings.Index finds candidates by the word's first byte; for a Chinese
// word that is one of the few lead bytes (E4–E9) that start most runes of
// the text, so the search stops every few bytes. indexText looks for the
// word's rarest byte instead, by how often each byte occurs in report
// text (byteFreq), and stops far less often: searches for 未经复议直接起诉
// or 国办公开办函 run several times as fast. Words that start with an ASCII
// byte, rare in Chinese text, and short texts are left to strings.Index.
func indexText(s, sub string) int {
	n := len(sub)
	if n < 2 || sub[0] < 0x80 || len(s) <= 64 {
		return strings.Index(s, sub)
	}
	// r is the rarest byte's place in sub; o, a neighbour's offset from
	// it, whose test tells most stops apart without comparing the word.
	r := 0
	for k := 1; k < n; k++ {
		if byteFreq[sub[k]] < byteFreq[sub[r]] {
			r = k
		}
	}
	c, o := sub[r], -1
	if r == 0 {
		o = 1
	}
	// A match starts at i-r, for each c at i from r to len(s)-n+r.
	last := len(s) - n + r
	for i := r; i <= last; i++ {
		k := strings.IndexByte(s[i:last+1], c)
		if k < 0 {
			return -1
		}
		i += k
		if s[i+o] == sub[r+o] && s[i-r:i-r+n] == sub {
			return i - r
		}
	}
	return -1
}

// byteFreq is how often each byte occurs in report text, per 100,000
// bytes, counted over the UTF-8 reports of testdata (seeds and dev). Only
// its order matters: indexText searches by the rarest byte of a word.
var byteFreq = [256]uint16{
	0, 0, 0, 0, 0, 0, 0, 0, 0, 12, 856, 0, 3, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	2479, 0, 0, 1, 0, 33, 0, 0, 96, 96, 0, 1, 522, 45, 165, 58,
	1203, 494, 523, 231, 145, 164, 133, 104, 113, 89, 95, 42, 1, 126, 2, 6,
	3, 2, 1, 0, 2, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1,
	2, 3, 1, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 1, 0, 7,
	0, 6, 11, 16, 2, 3, 13, 38, 12, 8, 4, 24, 6, 8, 32, 15,
	14, 1, 1, 10, 29, 0, 12, 33, 31, 1, 22, 0, 799, 0, 0, 0,
	3093, 2028, 820, 731, 988, 1983, 895, 763, 1033, 797, 1280, 655, 1741, 832, 520, 923,
	738, 711, 366, 343, 1586, 583, 818, 592, 417, 255, 980, 792, 2042, 725, 495, 571,
	494, 2042, 468, 252, 552, 1001, 480, 621, 829, 108, 251, 243, 1390, 750, 1392, 1590,
	721, 593, 181, 729, 692, 359, 669, 753, 1605, 1120, 2304, 1278, 2117, 1144, 587, 2188,
	0, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 182, 1301, 4135, 10139, 6213, 3378, 2636, 1560, 0, 0, 0, 0, 0, 766,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
}

// containsText is strings.Contains by indexText.
func containsText(s, sub string) bool { return indexText(s, sub) >= 0 }

// wordSet tests texts for any of a fixed list of words: hasAny in one
// scan for the words' first runes, where hasAny searches the text once
// per word. For the clause of every prose figure, tested against a dozen
// words, that is most of the searching.
type wordSet struct {
	words  []string
	first  []rune   // the first rune of each word
	starts *runeSet // the first runes
}

// newWordSet returns the set of words, each starting with an ASCII or a
// three-byte rune (as runeSet holds).
func newWordSet(words ...string) *wordSet {
	var first []rune
	for _, w := range words {
		r, _ := decodeRune(w)
		first = append(first, r)
	}
	return &wordSet{words: words, first: first, starts: newRuneSet(string(first))}
}

// in reports whether s, valid UTF-8, contains one of the words: a word
// can only start at a rune that starts one of them.
func (ws *wordSet) in(s string) bool {
	for i := 0; ; {
		if i = ws.starts.next(s, i); i == len(s) {
			return false
		}
		r, size := decodeRune(s[i:])
		if ws.startsAt(s[i:], r) {
			return true
		}
		i += size
	}
}

// startsAt reports whether s, which starts with the rune r, starts with
// one of the words. Only the words that start with r are compared: the
// scans stop at common runes (不, 为, 上), where most words cannot match.
func (ws *wordSet) startsAt(s string, r rune) bool {
	for k, w := range ws.words {
		if ws.first[k] == r && strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}
