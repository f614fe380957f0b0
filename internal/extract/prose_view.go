package extract

import (
	"strings"
	"unicode/utf8"
)

// view is the normalized text as the prose rules read it: spaces and tabs
// dropped, and a line break kept only where it ends a paragraph. Reports
// copied out of PDFs wrap sentences mid-word ("答\n复 3050 件") and pad
// numbers with spaces ("3119 件"); the rules must see "答复3050件".
//
// A line break ends a paragraph when the line before it ends in sentence
// punctuation or is followed by a blank line; other breaks join the lines.
type view struct {
	s string
	// off[i] is the byte offset in doc.norm of s[i]; off[len(s)] is
	// len(doc.norm). Every byte of a rune carries its rune's offset.
	off []int32
}

// sentenceEnd holds the runes after which a line break ends a paragraph.
const sentenceEnd = "。；;！!？?：:"

func newView(norm string) *view {
	buf := make([]byte, 0, len(norm))
	off := make([]int32, 0, len(norm)+1)
	var last rune // last rune kept
	breaks, breakAt := 0, 0
	for i := 0; i < len(norm); {
		r, size := utf8.DecodeRuneInString(norm[i:])
		switch r {
		case ' ', '\t', '\v', '\f':
			i += size
			continue
		case '\n':
			if breaks == 0 {
				breakAt = i
			}
			breaks++
			i += size
			continue
		}
		if breaks > 0 && len(buf) > 0 && (breaks > 1 || strings.ContainsRune(sentenceEnd, last)) {
			buf = append(buf, '\n')
			off = append(off, int32(breakAt))
		}
		breaks = 0
		n := len(buf)
		buf = append(buf, norm[i:i+size]...)
		for k := n; k < len(buf); k++ {
			off = append(off, int32(i))
		}
		last = r
		i += size
	}
	off = append(off, int32(len(norm)))
	return &view{s: string(buf), off: off}
}

// field builds a Field from the view's byte range [a, b).
func (v *view) field(d *doc, id string, n Number, approx bool, a, b int) Field {
	end := int(v.off[b])
	if b > a {
		// End after the last rune of the range, not at the next kept rune:
		// a dropped space or line break after it stays out of the span.
		_, size := utf8.DecodeLastRuneInString(v.s[a:b])
		end = int(v.off[b-size]) + size
	}
	return d.field(id, n, approx, int(v.off[a]), end)
}
