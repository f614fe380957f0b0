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
	// Each kept '\n' stands for a dropped one, so the view is never
	// longer than norm.
	buf := make([]byte, len(norm))
	off := make([]int32, len(norm)+1)
	n := 0
	var last rune // last rune kept
	breaks, breakAt := 0, 0
	lineStart := 0 // start in norm of the current line
	hard := false  // the line before the pending break ends a paragraph
	for i := 0; i < len(norm); {
		switch norm[i] {
		case ' ', '\t', '\v', '\f':
			i++
			continue
		case '\n':
			if breaks == 0 {
				breakAt = i
				hard = endsParagraph(norm[lineStart:i])
			}
			lineStart = i + 1
			breaks++
			i++
			continue
		}
		if breaks > 0 && n > 0 && (breaks > 1 || hard || strings.ContainsRune(sentenceEnd, last)) {
			buf[n] = '\n'
			off[n] = int32(breakAt)
			n++
		}
		breaks = 0
		// Copy the run of text up to the next space or line break.
		j, start := i, i
		for ; j < len(norm); j++ {
			c := norm[j]
			if c == ' ' || c == '\n' || c == '\t' || c == '\v' || c == '\f' {
				break
			}
			if c&0xC0 != 0x80 {
				start = j
			}
			buf[n] = c
			off[n] = int32(start)
			n++
		}
		last, _ = utf8.DecodeLastRuneInString(norm[i:j])
		i = j
	}
	off[n] = int32(len(norm))
	return &view{s: string(buf[:n]), off: off[:n+1]}
}

// endsParagraph reports whether a line stands alone: a short line (a
// heading, a name, a date) or a numbered heading without a sentence in it.
func endsParagraph(line string) bool {
	if len(line) >= 40*4 {
		return false
	}
	k := 0 // runes other than spaces
	for _, r := range line {
		if r != ' ' && r != '\t' {
			k++
		}
	}
	if k < 20 {
		return true
	}
	return k < 40 && !strings.Contains(line, "。") && numberedHeading(strings.TrimSpace(line))
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
