package ui

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"gitui/internal/schema"
	"gitui/internal/textsafe"
)

// figuresPane is the state of the figures list: the selected row and the
// first row shown. The rows are the selected report's reviewed figures.
type figuresPane struct {
	cur, top int
}

// detailLines is the most lines the selected figure's detail takes under
// the figures list; a short pane gives it less (see detailHeight).
const detailLines = 5

// detailHeight is how many detail lines a figures pane h rows high shows:
// up to half of it, so the list keeps room.
func detailHeight(h int) int {
	return min(detailLines, max((h-1)/2, 0))
}

// renderFigures draws the selected report's figures in schema order and the
// detail of the selected one.
func (m *Model) renderFigures(w, h int) block {
	if m.in == inputAdd {
		return m.renderAddPicker(w, h)
	}
	t := m.theme
	e := m.selected()
	title := "figures"
	if e != nil && e.rep != nil {
		title = fmt.Sprintf("figures %d", m.figureCount())
		if e.failed > 0 {
			title += fmt.Sprintf(" · %d checks fail", e.failed)
		}
		if m.rev.stale > 0 {
			title += " · " + t.Warn.Render(fmt.Sprintf("%d stale reviews", m.rev.stale))
		}
		if e.changed {
			title += " · " + t.Bad.Render("file changed on disk")
		}
	}
	lines := []string{m.title(paneFigs, title, w)}
	rows := m.figRows()
	switch {
	case e == nil:
		lines = append(lines, t.Dim.Render(" no report selected"))
	case e.prob != nil:
		lines = append(lines, t.Bad.Render(" cannot show "+e.name),
			" step: "+e.prob.Step, " "+textsafe.Line(errString(e.prob.Err)))
	case m.figureCount() == 0:
		lines = append(lines, t.Dim.Render(" no figures found in this report"))
		for _, p := range e.rep.Problems {
			lines = append(lines, t.Warn.Render(" ! "+textsafe.Line(p)))
		}
	}
	if e == nil || e.rep == nil {
		return newBlock(lines, w, h)
	}
	prev := m.idx.previousYear(e)
	for i := m.figs.top; i < m.figureCount() && i < m.figs.top+rows; i++ {
		s := m.figureRowText(e, prev, i, w)
		if i == m.figs.cur {
			s = t.cursorRow(s, m.focus == paneFigs, w)
		}
		lines = append(lines, s)
	}
	for len(lines) < 1+rows {
		lines = append(lines, "")
	}
	lines = append(lines, m.figureDetail(e, prev, w)...)
	return newBlock(lines, w, h)
}

// figureRowText is one figure: state, value, approx mark, unit, the
// previous year's value, label and ID.
func (m *Model) figureRowText(e *entry, prev *entry, i, w int) string {
	t := m.theme
	f, state := m.figureAt(i)
	fi := m.figureField(i)
	mark := "  "
	if fi >= 0 && m.src.view != nil && m.src.view.failing[fi] {
		mark = t.Bad.Render("✗ ")
	}
	if s := m.stateMark(state); s != "" {
		mark = s
	}
	approx := " "
	if f.Approx {
		approx = t.Warn.Render("≈")
	}
	value := m.figureValue(i)
	label := f.ID
	if sf, ok := schema.Lookup(f.ID); ok {
		label = sf.Label
	}
	s := mark + padLeft(value, 10) + approx + padRight(f.Unit, 4) + " "
	if prev != nil {
		change, _, _ := yoy(prev, f)
		s += t.Dim.Render(padLeft(change, 8)) + " "
	}
	s += fitLabel(label, max(w-width(s)-1, 4))
	if w-width(s)-1 >= 8 { // the ID only where it can be read
		s += " " + t.Dim.Render(f.ID)
	}
	return s
}

// yoy compares a figure with the same figure of the previous year's
// report: the change ("▲+43", "▼-1", "=") and last year's value, or ok
// false when last year's report does not state it.
func yoy(prev *entry, f figure) (change, last string, ok bool) {
	p, ok := prev.rep.FieldByID(f.ID)
	if !ok {
		return "–", "", false
	}
	d := new(big.Rat).Sub(f.Value.Rat(), p.Value.Rat())
	switch d.Sign() {
	case 1:
		return "▲+" + ratString(d), p.Value.String(), true
	case -1:
		return "▼" + ratString(d), p.Value.String(), true
	}
	return "=", p.Value.String(), true
}

// ratString prints an exact decimal difference without trailing zeros.
func ratString(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	return strings.TrimRight(strings.TrimRight(r.FloatString(12), "0"), ".")
}

// fitLabel cuts a label to w cells keeping its last part: in
// "上年结转政府信息公开申请数量·商业企业" the column tells the rows apart.
func fitLabel(label string, w int) string {
	if width(label) <= w {
		return label
	}
	if i := strings.LastIndex(label, "·"); i > 0 {
		tail := label[i:]
		if room := w - width(tail); room >= 3 {
			return ansi.Truncate(label[:i], room, "…") + tail
		}
	}
	return ansi.Truncate(label, w, "…")
}

// figureDetail describes the selected figure: label and ID, the text its
// span covers, its checks, and last year's value.
func (m *Model) figureDetail(e *entry, prev *entry, w int) []string {
	t := m.theme
	sep := t.Sep.Render(strings.Repeat("─", max(w, 0)))
	if m.figureCount() == 0 {
		return []string{sep}
	}
	f, state := m.figureAt(m.figs.cur)
	label := f.ID
	if sf, ok := schema.Lookup(f.ID); ok {
		label = sf.Label + " · " + sf.Section.String()
	}
	head := " " + label + " " + t.Dim.Render(f.ID)
	var out []string
	src := " 原文 “" + textsafe.Line(f.Text) + "”"
	if f.Text == "" {
		src = t.Dim.Render(" not stated in the text")
	}
	if st := m.stateLine(state); st != "" {
		src += "  " + st
	}
	if m.rev.stale > 0 && m.figs.cur == 0 {
		src += "  " + t.Warn.Render("(stale reviews are of an earlier version of this file; not applied)")
	}
	out = append(out, src)
	fi := m.figureField(m.figs.cur)
	check := t.Dim.Render(" no identity covers this figure")
	if v := m.src.view; v != nil && fi >= 0 && fi < len(v.checks) && len(v.checks[fi]) > 0 {
		checks := v.allChecks
		c := checks[v.checks[fi][0]]
		for _, ci := range v.checks[fi] {
			if !checks[ci].OK {
				c = checks[ci]
				break
			}
		}
		if c.OK {
			check = t.Good.Render(fmt.Sprintf(" ✓ %s: %s", c.ID, c.Actual))
			if n := len(v.checks[fi]); n > 1 {
				check += t.Dim.Render(fmt.Sprintf(" (+%d more)", n-1))
			}
		} else {
			check = t.Bad.Render(fmt.Sprintf(" ✗ %s: expected %s, actual %s", c.ID, c.Expected, c.Actual))
		}
	}
	out = append(out, check)
	if prev != nil {
		line := fmt.Sprintf(" %d: not stated", prev.year)
		if change, last, ok := yoy(prev, f); ok {
			line = fmt.Sprintf(" %d: %s (%s)", prev.year, last, change)
		}
		out = append(out, t.Dim.Render(line))
	}
	// What the text says and whether it adds up matter most; the label,
	// last year and the rule go first when the pane is short.
	n := detailHeight(m.lay.figs.h)
	if len(out) < n {
		out = append([]string{head}, out...)
	}
	if len(out) > n {
		out = out[:n]
	}
	if len(out) < n {
		out = append([]string{sep}, out...)
	}
	return out
}

// figRows is the number of rows of the figures list (the pane less its
// title and the detail lines under the list).
func (m *Model) figRows() int {
	return max(m.lay.figs.h-1-detailHeight(m.lay.figs.h), 1)
}

// setFigure selects figure i of the selected report and brings its span
// into view.
func (m *Model) setFigure(i int) {
	n := m.figureCount()
	if n == 0 {
		m.figs.cur, m.figs.top = 0, 0
		return
	}
	m.figs.cur = clamp(i, 0, n-1)
	h := m.figRows()
	if m.figs.cur < m.figs.top {
		m.figs.top = m.figs.cur
	}
	if m.figs.cur >= m.figs.top+h {
		m.figs.top = m.figs.cur - h + 1
	}
	m.revealFigure()
}
