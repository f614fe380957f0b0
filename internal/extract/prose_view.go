package extract

import (
	"sort"
	"strings"
	"unicode"
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
	// segs map view offsets to doc.norm offsets: from segs[k].v up to the
	// next segment, view offset x is norm offset segs[k].n + x - segs[k].v.
	// The view copies runs of the text whole, so a handful of segments per
	// line replaces a table entry per byte.
	segs []seg
}

// seg starts a run of the view copied from doc.norm.
type seg struct{ v, n int32 }

// norm returns the doc.norm offset of view offset x.
func (v *view) norm(x int) int {
	k := sort.Search(len(v.segs), func(k int) bool { return int(v.segs[k].v) > x }) - 1
	if k < 0 {
		return x
	}
	return int(v.segs[k].n) + x - int(v.segs[k].v)
}

// sentenceEnd holds the runes after which a line break ends a paragraph.
const sentenceEnd = "。；;！!？?：:"

var sentenceEnds = newRuneSet(sentenceEnd)

func newView(norm string) *view {
	// Each kept '\n' stands for a dropped one, so the view is never
	// longer than norm.
	var buf strings.Builder
	buf.Grow(len(norm))
	// A line holds a run or two, or more where spaces split it.
	segs := segPool.get(2*strings.Count(norm, "\n") + 1)
	var lastRun string // last run kept; its last rune is read at a break only
	breaks, breakAt := 0, 0
	lineStart := 0     // start in norm of the current line
	lineRunes := 0     // runes kept on the current line
	hard := false      // the line before the pending break ends a paragraph
	pageBreak := false // a page number was dropped inside the pending break
	for i := 0; i < len(norm); {
		switch norm[i] {
		case ' ', '\t', '\v', '\f':
			i++
			continue
		case '\n':
			if breaks == 0 {
				breakAt = i
				hard = endsParagraph(norm[lineStart:i], lineRunes)
			}
			lineStart, lineRunes = i+1, 0
			breaks++
			i++
			// A page number between the lines of a PDF ("— 1 —", "-3-")
			// is dropped, and the break around it is one line wrap.
			if !mayBePageNumber(norm[i:]) {
				continue
			}
			if e := lineEnd(norm, i); pageNumber(norm[i:e]) {
				pageBreak = true
				i = e
			}
			continue
		}
		if breaks > 0 && buf.Len() > 0 && (breaks > 1 && !pageBreak || hard || endsSentence(lastRun)) {
			segs = append(segs, seg{int32(buf.Len()), int32(breakAt)})
			buf.WriteByte('\n')
		}
		breaks, pageBreak = 0, false
		// Copy the run of text up to the next space or line break. The
		// rune's length is told by branches, not looked up: a lookup
		// puts a load between each rune and the next, where predicted
		// branches let the processor run ahead (a table of steps made
		// this loop a third slower in BenchmarkView for fewer
		// instructions).
		j := i
	scan:
		for j < len(norm) {
			c := norm[j]
			switch {
			case c >= 0xE0 && c < 0xF0:
				j += 3 // a three-byte rune (all of CJK): no space inside
			case c > ' ' && c < 0xC0:
				j++ // ASCII past the spaces, or a byte inside a rune
			case c >= 0xF0:
				j += 4
			case c >= 0xC0:
				j += 2
			case c == ' ' || c == '\n' || c == '\t' || c == '\v' || c == '\f':
				break scan
			default:
				j++
			}
			lineRunes++
		}
		if j > len(norm) {
			j = len(norm) // a rune cut at the end of the text
		}
		run := norm[i:j]
		segs = append(segs, seg{int32(buf.Len()), int32(i)})
		buf.WriteString(run)
		lastRun = run
		i = j
	}
	return &view{s: buf.String(), segs: segs}
}

// head returns the view of norm[:h], h a rune start, as newView(norm[:h])
// would make it, taken from v, the view of all of norm (v may be nil).
// The head view's segments are v's: it must not be released, nor read
// once v is. ok is false when the two may differ, and the caller makes
// the head view itself.
//
// newView reads norm in order, and reads ahead only past a line break,
// to test the next line for a page number. Cut at h, it has therefore
// read what it reads of the whole text, except in the line that h cuts:
// when that line cannot be a page number either way, the head view is
// the view of the whole up to where norm[h] is copied into it. A line
// break before that is the break before a run past h: a cut text never
// ends in a break, and it is left out.
func (v *view) head(norm string, h int) (hv *view, ok bool) {
	if v == nil {
		return nil, false
	}
	if l := strings.LastIndexByte(norm[:h], '\n'); l >= 0 && (mayBePageNumber(norm[l+1:h]) || mayBePageNumber(norm[l+1:])) {
		return nil, false
	}
	// The segments copied from before h, and how much of the view they
	// make: all of the last one, or as far as h.
	k := sort.Search(len(v.segs), func(k int) bool { return int(v.segs[k].n) >= h })
	x := 0
	if k > 0 {
		last := v.segs[k-1]
		end := len(v.s)
		if k < len(v.segs) {
			end = int(v.segs[k].v)
		}
		x = min(end, int(last.v)+h-int(last.n))
	}
	if x > 0 && v.s[x-1] == '\n' {
		x--
	}
	// A segment starting at x, a lone break, is not in the head.
	k = sort.Search(k, func(k int) bool { return int(v.segs[k].v) >= x })
	return &view{s: v.s[:x], segs: v.segs[:k:k]}, true
}

// release gives the view's segments back to their pool; v must not be
// read after.
func (v *view) release() {
	segPool.put(v.segs)
	v.segs = nil
}

// endsSentence reports whether run ends in one of sentenceEnd.
func endsSentence(run string) bool {
	last, _ := decodeLastRune(run)
	return sentenceEnds.has(last)
}

// endsParagraph reports whether a line of n runes (spaces aside) stands
// alone: a short line (a heading, a name, a date) or a numbered heading
// without a sentence in it.
func endsParagraph(line string, n int) bool {
	if n < 20 {
		return true
	}
	return n < 40 && !strings.Contains(line, "。") && numberedHeading(strings.TrimSpace(line))
}

// lineEnd returns the index of the line break ending the line at i, or
// len(s).
func lineEnd(s string, i int) int {
	if k := strings.IndexByte(s[i:], '\n'); k >= 0 {
		return i + k
	}
	return len(s)
}

// pageNumber reports a line that holds only a page number set off by
// dashes ("— 1 —", "-12-", "- 3 -", "-3/5-") or written as "第3页" or
// "— 第 3 页 共 5 页 —": PDF page furniture. A bare number is not one (a
// table cell stands alone too).
func pageNumber(line string) bool {
	line = strings.TrimSpace(line)
	if len(line) == 0 || len(line) > 40 {
		return false
	}
	if isDigit(line[0]) {
		// Neither set off by a dash nor 第…页: a table cell, most often.
		return false
	}
	// Set off on both sides: a line "-3" is a table cell (本年增/减).
	const dashes = " -—–_"
	rest := strings.Trim(line, dashes)
	marked := strings.TrimLeft(line, dashes) != line && strings.TrimRight(line, dashes) != line
	// The line is read in place: most lines tested are table cells, and
	// none of them is worth a copy.
	number := func() bool {
		rest = strings.TrimLeft(rest, " ")
		k := 0
		for k < len(rest) && isDigit(rest[k]) {
			k++
		}
		ok := k > 0 && k <= 4
		rest = strings.TrimLeft(rest[k:], " ")
		return ok
	}
	word := func(w string) bool {
		var ok bool
		rest, ok = strings.CutPrefix(rest, w)
		return ok
	}
	if word("第") {
		// "第3页", "第 3 页 共 5 页"
		if !number() || !word("页") {
			return false
		}
		rest = strings.TrimLeft(strings.TrimPrefix(rest, ","), " ")
		return rest == "" || word("共") && number() && word("页") && rest == ""
	}
	if !number() || !marked {
		return false
	}
	// "-3/5-": this page of so many.
	return rest == "" || word("/") && number() && rest == ""
}

// mayBePageNumber reports whether the line that starts s may be a page
// number for pageNumber: its first rune past the spaces is a dash, an
// underscore, 第 or another space. Most lines start otherwise (a line
// that starts with a digit is a table cell, not a page number), and are
// passed over without finding their end.
func mayBePageNumber(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r':
			i++
			continue
		case c == '-' || c == '_':
			return true
		case c < utf8.RuneSelf:
			return false
		}
		r, _ := decodeRune(s[i:])
		return r == '—' || r == '–' || r == '第' || unicode.IsSpace(r)
	}
	return false
}

// headingNumerals are the numerals that number a heading.
var headingNumerals = newRuneSet("一二三四五六七八九十0123456789")

// numberedHeading reports a line that starts like "五、", "(一)" or "3.".
func numberedHeading(line string) bool {
	line = strings.TrimLeft(line, "(")
	k := 0
	for k < len(line) {
		r, size := decodeRune(line[k:])
		if !headingNumerals.has(r) {
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
	end := v.norm(b)
	if b > a {
		// End after the last rune of the range, not at the next kept rune:
		// a dropped space or line break after it stays out of the span.
		_, size := decodeLastRune(v.s[a:b])
		end = v.norm(b-size) + size
	}
	return d.field(id, n, approx, v.norm(a), end)
}
