package ui

import (
	"fmt"
	"sort"

	"gitui/internal/textsafe"
	"gitui/internal/ui/srctext"
)

// sourcePane is the state of the source text: the selected report's
// prepared text, the first line shown, and the search.
type sourcePane struct {
	view   *reportView // the selected report; nil for a problem or none
	top    srctext.Pos // first line shown
	search string
	hits   []int // byte offsets of the search's matches in view's text
	hitLen int   // bytes each match covers
	hitCur int
}

// renderSource draws the source text of the selected report, wrapped for
// the pane, with every span highlighted and the selected one in focus.
func (m *Model) renderSource(w, h int) block {
	t := m.theme
	e := m.selected()
	title := "source"
	if v := m.src.view; v != nil && len(v.safe.Text) > 0 {
		// Where the top line is, by bytes: the line count of a lazily
		// wrapped text is not known.
		top := v.wrap(m.srcWidth()).Line(m.src.top).Start
		title += fmt.Sprintf(" %d%%", 100*top/len(v.safe.Text))
	}
	if m.src.search != "" {
		n := count(len(m.src.hits))
		if len(m.src.hits) >= maxMatches {
			n += "+"
		}
		title += fmt.Sprintf(" · /%s %s matches", textsafe.Line(m.src.search), n)
	}
	lines := []string{m.title(paneSource, title, w)}
	v := m.src.view
	if e == nil || v == nil {
		if e != nil && e.prob != nil {
			lines = append(lines, t.Bad.Render(" "+textsafe.Line(e.prob.Error())))
		}
		return newBlock(lines, w, h)
	}
	tw := m.srcWidth()
	doc := v.wrap(tw)
	shown := make([]srctext.Line, 0, h)
	for p := m.src.top; len(shown) < h-1; {
		shown = append(shown, doc.Line(p))
		next, moved := doc.Advance(p, 1)
		if moved == 0 {
			break
		}
		p = next
	}
	if len(shown) == 0 {
		return newBlock(lines, w, h)
	}
	marks := m.sourceMarks(v, shown[0].Start, shown[len(shown)-1].End)
	for _, l := range shown {
		lines = append(lines, srctext.Render(v.safe.Text, l, tw, marks, t.mark))
	}
	return newBlock(lines, w, h)
}

// sourceMarks are the highlights of the source: every span, the failing
// ones apart, search matches, and the selected figure's span on top.
func (m *Model) sourceMarks(v *reportView, lo, hi int) []srctext.Mark {
	var marks []srctext.Mark
	for _, s := range v.spans {
		if s.start >= hi {
			break // spans are in text order
		}
		if s.end <= lo {
			continue
		}
		c := markSpan
		if v.failing[s.field] {
			c = markSpanBad
		}
		marks = append(marks, srctext.Mark{Start: s.start, End: s.end, Class: c})
	}
	// Only the matches on screen: a search for "0" in a large report
	// has hundreds of thousands.
	hits := m.src.hits
	for i := sort.SearchInts(hits, lo-m.src.hitLen); i < len(hits) && hits[i] < hi; i++ {
		marks = append(marks, srctext.Mark{Start: hits[i], End: hits[i] + m.src.hitLen, Class: markMatch})
	}
	if s, e, ok := m.figureSpan(m.figs.cur); ok {
		marks = append(marks, srctext.Mark{Start: s, End: e, Class: markFocus})
	}
	return marks
}

// revealFigure scrolls the source so the selected figure's span is in view.
func (m *Model) revealFigure() {
	v := m.src.view
	if v == nil || m.lay.tooSmall {
		return
	}
	if s, _, ok := m.figureSpan(m.figs.cur); ok {
		m.revealOffset(s)
	}
}

// figureSpan is where the text states figure row i, in printable offsets:
// the extracted span, or where a reviewer's correction or addition was
// found in the text. ok is false for a figure the text does not state.
func (m *Model) figureSpan(i int) (start, end int, ok bool) {
	v := m.src.view
	if v == nil || i < 0 || i >= len(m.rev.rows) {
		return 0, 0, false
	}
	r := m.rev.rows[i]
	if r.Ungrounded || r.Text == "" {
		return 0, 0, false
	}
	return v.shown(r.Span)
}

// revealOffset scrolls the source so printable offset off is in view,
// a third of the way down when it has to move.
func (m *Model) revealOffset(off int) {
	doc := m.src.view.wrap(m.srcWidth())
	h := m.lay.src.h - 1
	target := doc.PosOf(off)
	bottom, _ := doc.Advance(m.src.top, h-1)
	if target.Less(m.src.top) || bottom.Less(target) {
		m.src.top, _ = doc.Advance(target, -(h / 3))
	}
	m.clampSource()
}

func (m *Model) scrollSource(d int) {
	if m.src.view == nil {
		return
	}
	m.src.top, _ = m.src.view.wrap(m.srcWidth()).Advance(m.src.top, d)
	m.clampSource()
}

// clampSource keeps the last line of the text at the bottom of the pane at
// most, and the top inside the text after a resize.
func (m *Model) clampSource() {
	if m.src.view == nil {
		m.src.top = srctext.Pos{}
		return
	}
	doc := m.src.view.wrap(m.srcWidth())
	if m.src.top.Para >= doc.Paras() {
		m.src.top = srctext.Pos{Para: doc.Paras() - 1}
	}
	if n := len(doc.Lines(m.src.top.Para)); m.src.top.Line >= n {
		m.src.top.Line = n - 1
	}
	maxTop, _ := doc.Advance(doc.End(), -(m.lay.src.h - 2))
	if maxTop.Less(m.src.top) {
		m.src.top = maxTop
	}
}

// srcWidth is the wrap width of the source pane.
func (m *Model) srcWidth() int { return max(m.lay.src.w-1, 2) }

// stepSpan moves to the next (d=+1) or previous (d=-1) highlighted span in
// text order, or to the next search match while a search is active.
func (m *Model) stepSpan(d int) {
	v := m.src.view
	if v == nil {
		return
	}
	if m.src.search != "" && len(m.src.hits) > 0 {
		m.src.hitCur = (m.src.hitCur + d + len(m.src.hits)) % len(m.src.hits)
		m.revealOffset(m.src.hits[m.src.hitCur])
		return
	}
	if len(v.spans) == 0 {
		return
	}
	cur := -1
	if fi := m.figureField(m.figs.cur); fi >= 0 && fi < len(v.fieldSpan) {
		for i, s := range v.spans {
			if s.field == fi {
				cur = i
				break
			}
		}
	}
	next := 0
	switch {
	case cur < 0 && d < 0:
		next = len(v.spans) - 1
	case cur >= 0:
		next = (cur + d + len(v.spans)) % len(v.spans)
	}
	m.setFigure(m.figureRow(v.spans[next].field))
}

func (m *Model) setSearch(q string) {
	m.src.search = q
	m.src.hits, m.src.hitCur = nil, -1
	if m.src.view != nil {
		m.src.hits, m.src.hitLen = m.src.view.matches(q)
	}
	if len(m.src.hits) > 0 {
		// The first match at or after what is on screen.
		from := m.src.view.wrap(m.srcWidth()).Line(m.src.top).Start
		m.src.hitCur = 0
		for i, h := range m.src.hits {
			if h >= from {
				m.src.hitCur = i
				break
			}
		}
		m.revealOffset(m.src.hits[m.src.hitCur])
	}
}
