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
	last := sub[n-1]
	for i := n - 1; i < len(s); i++ {
		k := strings.IndexByte(s[i:], last)
		if k < 0 {
			return -1
		}
		i += k
		if s[i-n+1:i+1] == sub {
			return i - n + 1
		}
	}
	return -1
}

// containsText is strings.Contains by indexText.
func containsText(s, sub string) bool { return indexText(s, sub) >= 0 }

// wordFinder finds the occurrences of a few words in a text, in text
// order: one indexText search per word, resumed only once the text
// before its last occurrence is passed.
type wordFinder struct {
	s     string
	words []string
	at    []int // for each word, its first occurrence at or after the last search
}

func newWordFinder(s string, words []string) *wordFinder {
	at := make([]int, len(words))
	for k := range at {
		at[k] = -1
	}
	return &wordFinder{s: s, words: words, at: at}
}

// next returns the first index at or after i where one of the words
// starts, or len(s). Calls must not go back: i never decreases.
func (f *wordFinder) next(i int) int {
	best := len(f.s)
	for k, w := range f.words {
		if f.at[k] < i {
			f.at[k] = len(f.s)
			if j := indexText(f.s[i:], w); j >= 0 {
				f.at[k] = i + j
			}
		}
		best = min(best, f.at[k])
	}
	return best
}

// wordSet tests texts for any of a fixed list of words: hasAny in one
// scan for the words' first runes, where hasAny searches the text once
// per word. For the clause of every prose figure, tested against a dozen
// words, that is most of the searching.
type wordSet struct {
	words  []string
	starts *runeSet // the first rune of each word
}

// newWordSet returns the set of words, each starting with an ASCII or a
// three-byte rune (as runeSet holds).
func newWordSet(words ...string) *wordSet {
	var first []rune
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		first = append(first, r)
	}
	return &wordSet{words: words, starts: newRuneSet(string(first))}
}

// in reports whether s, valid UTF-8, contains one of the words: a word
// can only start at a rune that starts one of them.
func (ws *wordSet) in(s string) bool {
	for i := 0; ; {
		if i = ws.starts.next(s, i); i == len(s) {
			return false
		}
		for _, w := range ws.words {
			if strings.HasPrefix(s[i:], w) {
				return true
			}
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
}
