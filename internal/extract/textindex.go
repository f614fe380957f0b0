package extract

import (
	"strings"
	"unicode/utf8"
)

// indexText is strings.Index for searching a report's text for a word.
// strings.Index finds candidates by the word's first byte; for a Chinese
// word that is one of the few lead bytes (E4–E9) that start most runes of
// the text, so the search stops every few bytes. The word's last byte is
// a continuation byte, one of 64 values (or punctuation), and stops it far
// less often: searches for 未经复议直接起诉 or 国办公开办函 run three to six
// times as fast. Words that start with an ASCII byte, rare in Chinese
// text, and short texts are left to strings.Index.
func indexText(s, sub string) int {
	n := len(sub)
	if n < 2 || sub[0] < 0x80 || len(s) <= 64 {
		return strings.Index(s, sub)
	}
	last, before := sub[n-1], sub[n-2]
	for i := n - 1; i < len(s); i++ {
		k := strings.IndexByte(s[i:], last)
		if k < 0 {
			return -1
		}
		i += k
		// The byte before tells most stops apart (another rune ending
		// in the same byte) without a call to compare the word.
		if s[i-1] == before && s[i-n+1:i+1] == sub {
			return i - n + 1
		}
	}
	return -1
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
		r, _ := utf8.DecodeRuneInString(w)
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
		r, size := utf8.DecodeRuneInString(s[i:])
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
