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
// punctuation, is short (a heading, a name, a date), is a numbered heading
// ("五、因政府信息公开申请行政复议和提起行政诉讼的情况"), or is followed by a
// blank line; other breaks join the lines.
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
	lineStart := 0 // start in norm of the current line
	hard := false  // the line before the pending break ends a paragraph
	for i := 0; i < len(norm); {
		r, size := utf8.DecodeRuneInString(norm[i:])
		switch r {
		case ' ', '\t', '\v', '\f':
			i += size
			continue
		case '\n':
			if breaks == 0 {
				breakAt = i
				hard = endsParagraph(norm[lineStart:i])
			}
			lineStart = i + 1
			breaks++
			i += size
			continue
		}
		if breaks > 0 && len(buf) > 0 && (breaks > 1 || hard || strings.ContainsRune(sentenceEnd, last)) {
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

// endsParagraph reports whether a line stands alone: a short line or a
// numbered heading without a sentence in it.
func endsParagraph(line string) bool {
	line = strings.TrimSpace(line)
	n := utf8.RuneCountInString(line)
	if n < 20 {
		return true
	}
	return n < 40 && !strings.Contains(line, "。") && numberedHeading(line)
}

// numberedHeading reports a line that starts like "五、", "(一)" or "3.".
func numberedHeading(line string) bool {
	line = strings.TrimLeft(line, "(")
	k := 0
	for k < len(line) {
		r, size := utf8.DecodeRuneInString(line[k:])
		if !strings.ContainsRune("一二三四五六七八九十0123456789", r) {
			break
		}
		k += size
	}
	if k == 0 {
		return false
	}
	return hasPrefixes(line[k:], "、", ")", ".")
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
