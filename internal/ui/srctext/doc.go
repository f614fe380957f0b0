package srctext

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// maxPara bounds the bytes wrapped at once. A longer hard line (a crawled
// page on one line, a hostile 60 MB line) is cut into pieces of about this
// size, each starting a new screen line, so that no step wraps more than
// this.
const maxPara = 16 << 10

// Doc is a text wrapped lazily: it is cut into paragraphs at hard line
// breaks, and a paragraph is wrapped only when a line of it is needed, once
// per width. Moving through a 50 MB report therefore costs what is shown,
// not the whole text.
type Doc struct {
	text  string
	paras []int // start of each paragraph; a paragraph ends at the next start
	width int
	lines [][]Line // per paragraph, at width; nil until needed
}

// Pos is a screen line of a Doc: line Line of paragraph Para.
type Pos struct{ Para, Line int }

// NewDoc prepares text for lazy wrapping.
func NewDoc(text string) *Doc {
	d := &Doc{text: text}
	for start := 0; ; {
		d.paras = append(d.paras, start)
		end := len(text)
		if i := strings.IndexByte(text[start:], '\n'); i >= 0 {
			end = start + i + 1
		}
		if end-start > maxPara {
			end = cutPoint(text, start+maxPara)
		}
		if end >= len(text) {
			break
		}
		start = end
	}
	return d
}

// cutPoint returns a rune boundary at or before i that is not inside a run
// of digits (unless the run is very long).
func cutPoint(text string, i int) int {
	for i > 0 && !utf8.RuneStart(text[i]) {
		i--
	}
	for back := 0; back < 64 && i > 0; back++ {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		next, _ := utf8.DecodeRuneInString(text[i:])
		if !isDigit(r) && !isDigit(next) {
			break
		}
		i -= n
	}
	return i
}

// Text returns the document's text.
func (d *Doc) Text() string { return d.text }

// SetWidth sets the wrap width, dropping what was wrapped for another.
func (d *Doc) SetWidth(w int) {
	if w != d.width {
		d.width = w
		d.lines = nil
	}
}

// Paras is the number of paragraphs.
func (d *Doc) Paras() int { return len(d.paras) }

// Lines returns the wrapped lines of paragraph p (at least one), with
// offsets into the whole text.
func (d *Doc) Lines(p int) []Line {
	if d.lines == nil {
		d.lines = make([][]Line, len(d.paras))
	}
	if d.lines[p] == nil {
		start, end := d.paras[p], len(d.text)
		if p+1 < len(d.paras) {
			end = d.paras[p+1]
		}
		ls := Wrap(d.text[start:end], d.width)
		for i := range ls {
			ls[i].Start += start
			ls[i].End += start
		}
		d.lines[p] = ls
	}
	return d.lines[p]
}

// Line returns the line at p.
func (d *Doc) Line(p Pos) Line { return d.Lines(p.Para)[p.Line] }

// PosOf returns the position of the line holding byte offset off.
func (d *Doc) PosOf(off int) Pos {
	p := sort.SearchInts(d.paras, off+1) - 1
	p = max(p, 0)
	return Pos{p, LineAt(d.Lines(p), off)}
}

// Advance moves p by n lines (back when n < 0), stopping at the first and
// the last line. It returns the new position and how far it moved.
func (d *Doc) Advance(p Pos, n int) (Pos, int) {
	moved := 0
	for n > 0 {
		if p.Line+1 < len(d.Lines(p.Para)) {
			p.Line++
		} else if p.Para+1 < len(d.paras) {
			p = Pos{p.Para + 1, 0}
		} else {
			break
		}
		n--
		moved++
	}
	for n < 0 {
		if p.Line > 0 {
			p.Line--
		} else if p.Para > 0 {
			p = Pos{p.Para - 1, len(d.Lines(p.Para-1)) - 1}
		} else {
			break
		}
		n++
		moved--
	}
	return p, moved
}

// End returns the position of the last line.
func (d *Doc) End() Pos {
	last := len(d.paras) - 1
	return Pos{last, len(d.Lines(last)) - 1}
}

// Less reports whether p comes before q.
func (p Pos) Less(q Pos) bool {
	return p.Para < q.Para || p.Para == q.Para && p.Line < q.Line
}
