// Package srctext lays out report text for a terminal: it makes the text safe
// to print without moving its offsets out of reach, wraps it into lines of a
// given cell width the way Chinese is wrapped (UAX #14 line breaking, numbers
// never split, wide characters two cells), and renders lines with highlighted
// byte ranges.
//
// The package knows nothing of the explorer; it works on byte offsets of one
// string and on terminal cells, and converts between the two in one place.
package srctext

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/rivo/uniseg"

	"gitui/internal/textsafe"
)

// Safe is report text made printable rune for rune (see textsafe), with a map
// from byte offsets of the original text to byte offsets of the printable
// text. A stand-in rune may be longer in bytes than the rune it replaces, so
// the map is needed to carry field spans across.
type Safe struct {
	Text string  // printable text; newlines kept
	m    []int32 // original offset → Text offset; nil when identical
}

// MakeSafe returns the printable form of text: every rune textsafe.Rune
// would replace, replaced; each invalid UTF-8 byte shown as U+FFFD (a raw
// byte 0x9B is CSI to some terminals); newlines kept, and the CR of a CRLF
// shown as a space.
func MakeSafe(text string) Safe {
	if utf8.ValidString(text) && textsafe.Safe(text) {
		return Safe{Text: text}
	}
	var b strings.Builder
	b.Grow(len(text) + 16)
	m := make([]int32, len(text)+1)
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		for k := 0; k < n; k++ {
			m[i+k] = int32(b.Len())
		}
		switch {
		case r == utf8.RuneError && n <= 1:
			b.WriteRune(utf8.RuneError)
		case r == '\n':
			b.WriteByte('\n')
		case r == '\r' && i+1 < len(text) && text[i+1] == '\n':
			b.WriteByte(' ')
		default:
			b.WriteRune(textsafe.Rune(r))
		}
		i += n
	}
	m[len(text)] = int32(b.Len())
	return Safe{Text: b.String(), m: m}
}

// Offset maps a byte offset of the original text to one of s.Text. Offsets
// inside a rune map to the start of its stand-in.
func (s Safe) Offset(i int) int {
	if s.m == nil {
		return i
	}
	if i < 0 {
		return 0
	}
	if i >= len(s.m) {
		return len(s.Text)
	}
	return int(s.m[i])
}

// Original maps a byte offset of s.Text back to the original text: the
// smallest original offset whose image is at or after i.
func (s Safe) Original(i int) int {
	if s.m == nil {
		return i
	}
	return sort.Search(len(s.m), func(k int) bool { return int(s.m[k]) >= i })
}

// Line is one wrapped line: the byte range [Start, End) of the text, without
// its line break, and its width in cells.
type Line struct {
	Start, End int
	Width      int
}

// Wrap breaks text into lines at most width cells wide. Breaks fall only at
// UAX #14 opportunities, never inside a number (digits, with the separators
// between them), and a line never starts with closing punctuation such as
// 。，」 (the line-break algorithm keeps those with what precedes them). A
// piece wider than the whole line is cut between grapheme clusters.
func Wrap(text string, width int) []Line {
	if width < 2 {
		width = 2
	}
	lines := make([]Line, 0, len(text)/(width*2)+1)
	cur := Line{}
	flush := func() { lines = append(lines, cur) }
	place := func(start, end int, hard bool) {
		body := strings.TrimRight(text[start:end], "\r\n")
		content := strings.TrimRight(body, " ")
		w := cellWidth(content)
		if cur.End > cur.Start && cur.Width+w > width {
			flush()
			cur = Line{Start: start, End: start}
		}
		if cur.End == cur.Start {
			cur.Start = start
		}
		for w > width-cur.Width {
			// Only a piece wider than a whole line gets here: cut it
			// between grapheme clusters.
			cut, cw := cutAt(content, width-cur.Width)
			cur.End, cur.Width = start+cut, cur.Width+cw
			flush()
			start += cut
			body, content = body[cut:], content[cut:]
			w -= cw // not cellWidth(content): quadratic on a 200,000-digit line
			cur = Line{Start: start, End: start}
		}
		if wb := cellWidth(body); cur.Width+wb <= width {
			cur.End, cur.Width = start+len(body), cur.Width+wb
		} else {
			// The spaces after content do not fit: they hang past the
			// edge, unshown, and the line is full.
			cur.End, cur.Width = start+len(content), cur.Width+w
			if !hard {
				flush()
				cur = Line{Start: end, End: end}
			}
		}
		if hard {
			flush()
			cur = Line{Start: end, End: end}
		}
	}
	state := -1
	pos := 0
	// [pendStart, pendEnd) holds line segments that must stay together: a
	// number that UAX #14 would break at a full-width digit, say.
	pendStart, pendEnd := 0, 0
	for rest := text; len(rest) > 0; {
		seg, r, must, st := uniseg.FirstLineSegmentInString(rest, state)
		if i := strings.IndexByte(seg, '\n'); i >= 0 && i < len(seg)-1 {
			// uniseg v0.4.7 does not break after a newline followed by
			// "-1" (its LB25 number rule wins over LB6): the line would
			// carry the newline onto the screen and push the frame down.
			seg, r, must, st = seg[:i+1], rest[i+1:], true, -1
		}
		state, rest = st, r
		start := pos
		pos += len(seg)
		hard := must && len(rest) > 0 || strings.HasSuffix(seg, "\n")
		if pendEnd > pendStart && !joinsNumber(text[pendStart:pendEnd], seg) {
			place(pendStart, pendEnd, false)
			pendStart = start
		} else if pendEnd == pendStart {
			pendStart = start
		}
		pendEnd = pos
		if hard {
			place(pendStart, pendEnd, true)
			pendStart = pos
		}
	}
	if pendEnd > pendStart {
		place(pendStart, pendEnd, false)
	}
	if cur.End > cur.Start || len(lines) == 0 {
		flush()
	}
	return lines
}

// joinsNumber reports whether a break between prev and next would split a
// number: a digit on both sides, or a decimal/thousands separator between.
func joinsNumber(prev, next string) bool {
	if strings.ContainsAny(prev, " \n") {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(prev)
	first, _ := utf8.DecodeRuneInString(next)
	if isDigit(last) && isDigit(first) {
		return true
	}
	if isDigit(last) && isSep(first) {
		after := next[utf8.RuneLen(first):]
		r, _ := utf8.DecodeRuneInString(after)
		return isDigit(r)
	}
	if isSep(last) && isDigit(first) {
		before := prev[:len(prev)-utf8.RuneLen(last)]
		r, _ := utf8.DecodeLastRuneInString(before)
		return isDigit(r)
	}
	return false
}

func isDigit(r rune) bool { return unicode.IsDigit(r) }

func isSep(r rune) bool {
	switch r {
	case '.', ',', '．', '，', '·':
		return true
	}
	return false
}

// cellWidth is the width of s in terminal cells, counted the way Lip Gloss
// and the terminal renderer count it.
func cellWidth(s string) int { return ansi.StringWidth(s) }

// cutAt returns the longest prefix of s (in bytes) at most width cells wide,
// cut between grapheme clusters, and its width. It returns at least one
// cluster so that wrapping always advances.
func cutAt(s string, width int) (int, int) {
	n, w := 0, 0
	state := -1
	rest := s
	for len(rest) > 0 {
		c, r, _, st := uniseg.FirstGraphemeClusterInString(rest, state)
		state = st
		cw := cellWidth(c)
		if w+cw > width && n > 0 {
			break
		}
		n += len(c)
		w += cw
		rest = r
	}
	return n, w
}

// LineAt returns the index of the line holding byte offset off.
func LineAt(lines []Line, off int) int {
	i := sort.Search(len(lines), func(i int) bool { return lines[i].Start > off }) - 1
	if i < 0 {
		return 0
	}
	return i
}

// OffsetAt returns the byte offset of the cluster at cell x of line l, or -1
// when x lies past the end of the line.
func OffsetAt(text string, l Line, x int) int {
	w := 0
	state := -1
	pos := l.Start
	rest := text[l.Start:l.End]
	for len(rest) > 0 {
		c, r, _, st := uniseg.FirstGraphemeClusterInString(rest, state)
		state = st
		cw := cellWidth(c)
		if x < w+cw {
			return pos
		}
		w += cw
		pos += len(c)
		rest = r
	}
	return -1
}

// Mark is a highlighted byte range [Start, End) of the text. Where marks
// overlap, the one with the higher Class is shown.
type Mark struct {
	Start, End int
	Class      int
}

// Render returns line l of text padded with spaces to width cells, each run
// of text passed through style with the class of the marks over it (0 where
// there is none). Marks may be in any order.
func Render(text string, l Line, width int, marks []Mark, style func(class int, s string) string) string {
	var cuts []int
	var over []Mark
	for _, m := range marks {
		if m.Start < l.End && m.End > l.Start && m.Class > 0 {
			over = append(over, m)
			cuts = append(cuts, max(m.Start, l.Start), min(m.End, l.End))
		}
	}
	cuts = append(cuts, l.Start, l.End)
	sort.Ints(cuts)
	var b strings.Builder
	for i := 0; i+1 < len(cuts); i++ {
		a, z := cuts[i], cuts[i+1]
		if a == z {
			continue
		}
		class := 0
		for _, m := range over {
			if m.Start <= a && m.End >= z && m.Class > class {
				class = m.Class
			}
		}
		b.WriteString(style(class, text[a:z]))
	}
	if pad := width - l.Width; pad > 0 {
		b.WriteString(strings.Repeat(" ", pad))
	}
	return b.String()
}
