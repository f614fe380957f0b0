package ui

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"gitui/internal/schema"
	"gitui/internal/textsafe"
	"gitui/internal/ui/srctext"
)

// View draws the whole screen: header, the three panes (or the help
// overlay), the status line and the key help.
func (m *Model) View() tea.View {
	v := tea.NewView(m.Render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "gitui"
	return v
}

// Render returns the screen as text, one line per terminal row, each
// exactly as wide as the terminal.
func (m *Model) Render() string {
	if m.lay.tooSmall {
		return m.renderTooSmall()
	}
	l := m.lay
	var body block
	if m.help {
		body = m.renderHelp(m.w, m.h-3)
	} else {
		sep := m.theme.Sep.Render("│")
		list := m.renderList(l.list.w, l.list.h)
		figs := m.renderFigures(l.figs.w, l.figs.h)
		src := m.renderSource(l.src.w, l.src.h)
		if l.wide {
			body = beside(sep, list, figs, src)
		} else {
			body = append(beside(sep, list, figs), src...)
		}
	}
	lines := make([]string, 0, m.h)
	lines = append(lines, fit(m.header(), m.w))
	lines = append(lines, body...)
	lines = append(lines, fit(m.theme.Status.Render(fit(m.status(), m.w)), m.w))
	lines = append(lines, fit(m.footer(), m.w))
	return strings.Join(lines, "\n")
}

func (m *Model) renderTooSmall() string {
	msg := []string{
		"terminal too small",
		fmt.Sprintf("%d×%d, need %d×%d", m.w, m.h, minWidth, minHeight),
		"q quits",
	}
	out := make([]string, 0, max(m.h, 1))
	top := max((m.h-len(msg))/2, 0)
	for i := 0; i < m.h; i++ {
		s := ""
		if j := i - top; j >= 0 && j < len(msg) {
			s = msg[j]
			if pad := (m.w - width(s)) / 2; pad > 0 {
				s = strings.Repeat(" ", pad) + s
			}
		}
		out = append(out, fit(s, m.w))
	}
	return strings.Join(out, "\n")
}

// header is the title line with the load progress.
func (m *Model) header() string {
	t := m.theme
	root := textsafe.Line(m.root)
	if root == "" {
		root = "bundled samples"
	}
	loaded := len(m.idx.entries) - m.prob
	s := t.TitleOn.Render("gitui") + " " + t.Dim.Render(root) + "  "
	if !m.done {
		s += spinFrames[m.spin%len(spinFrames)] + " loading: " + count(m.decided) + "/" + count(m.total) + " files, " + count(loaded) + " reports"
	} else {
		s += plural(loaded, "report")
	}
	if m.prob > 0 {
		s += "  " + t.Bad.Render(plural(m.prob, "problem"))
	}
	if m.skipped > 0 {
		s += "  " + t.Dim.Render(count(m.skipped)+" skipped")
	}
	if m.idx.query != "" {
		s += "  filter “" + textsafe.Line(m.idx.query) + "”: " + count(len(m.idx.hits))
	}
	if p := m.reviewProgress(); p != "" {
		s += "  " + p
	}
	return s
}

// status shows where the selected report comes from, or the outcome of the
// last action, or the line editor.
func (m *Model) status() string {
	if m.in != inputNone && !m.help {
		return m.editorLine()
	}
	if m.message != "" {
		if m.msgBad {
			return m.theme.Bad.Render(" " + m.message)
		}
		return " " + m.message
	}
	e := m.selected()
	if e == nil {
		return " no report selected"
	}
	pos := "–"
	if i := m.idx.rank[m.sel]; i >= 0 {
		pos = count(int(i)+1) + "/" + count(len(m.idx.entries))
	}
	if e.prob != nil {
		return fmt.Sprintf(" %s · problem at %s · %s", textsafe.Line(e.prob.Path), e.prob.Step, pos)
	}
	r := e.rep
	agency := e.agency
	if agency == "" {
		agency = "(unnamed)"
	}
	year := "year ?"
	if r.Year != 0 {
		year = strconv.Itoa(r.Year)
	}
	format := string(r.Format)
	if format == "" {
		format = "format ?"
	}
	return fmt.Sprintf(" %s · %s · %s · %s · %s · %s", textsafe.Line(r.Path), r.Encoding, agency, year, format, pos)
}

func (m *Model) editorLine() string {
	return " " + m.editorLabel() + m.editor.View()
}

// editorLabel names what the line editor is open for.
func (m *Model) editorLabel() string {
	if m.in == inputEdit && m.rev.addID != "" {
		return "value of " + m.rev.addID + " (tab toggles ≈ approximate): "
	}
	return map[input]string{
		inputFilter: "filter agencies: ",
		inputSearch: "search source: ",
		inputEdit:   "correct value (tab toggles ≈ approximate): ",
		inputNote:   "flag note: ",
		inputAdd:    "add figure: ",
	}[m.in]
}

func (m *Model) footer() string {
	var parts []string
	bindings := m.keys.ShortHelp()
	if m.in != inputNone {
		parts = append(parts, "enter keep", "esc cancel")
		if m.in == inputAdd {
			parts = append(parts, "↑/↓ choose")
		}
		bindings = nil
	}
	for _, b := range bindings {
		h := b.Help()
		parts = append(parts, h.Key+" "+h.Desc)
	}
	return m.theme.Help.Render(" " + strings.Join(parts, " · "))
}

// title renders a pane's title line, marked when the pane has focus.
func (m *Model) title(p pane, s string, w int) string {
	st := m.theme.Title
	mark := " "
	if m.focus == p {
		st = m.theme.TitleOn
		mark = "▍"
	}
	return fit(st.Render(mark+s), w)
}

// renderList draws the agency list: only the rows on screen.
func (m *Model) renderList(w, h int) block {
	t := m.theme
	rows := m.idx.rows
	titleText := "agencies"
	if m.idx.flat {
		titleText = "reports"
	}
	if m.idx.query != "" {
		titleText += " “" + textsafe.Line(m.idx.query) + "”"
	}
	lines := []string{m.title(paneList, titleText, w)}
	if len(rows) == 0 {
		switch {
		case !m.done:
			lines = append(lines, t.Dim.Render(" loading…"))
		case m.idx.query != "":
			lines = append(lines, t.Dim.Render(" no match; esc clears"))
		default:
			lines = append(lines, t.Dim.Render(" no reports found"))
		}
	}
	for i := m.listTop; i < len(rows) && len(lines) < h; i++ {
		r := rows[i]
		var s string
		if r.entry < 0 {
			e := m.idx.entries[r.first]
			label := e.groupLabel()
			st := t.Group
			if e.kind() == groupProblems {
				st = t.Bad
			}
			s = st.Render(fit(label, max(w-7, 1))) + t.Dim.Render(padLeft(strconv.Itoa(int(r.count)), 6))
		} else {
			s = m.listRow(m.idx.entries[r.entry], w, m.sameYear(i))
		}
		if i == m.listCur {
			st := t.CursorOff
			if m.focus == paneList {
				st = t.Cursor
			}
			s = st.Render(fit(stripANSI(s), w))
		}
		lines = append(lines, s)
	}
	return newBlock(lines, w, h)
}

// listRow is one report in the list: year (or file name), then a compact
// state: figures found, failed checks, reviewed/flagged counts.
func (m *Model) listRow(e *entry, w int, showName bool) string {
	t := m.theme
	if e.prob != nil {
		return "  " + e.name + " " + t.Bad.Render(e.prob.Step+": "+textsafe.Line(errString(e.prob.Err)))
	}
	var name string
	switch {
	case m.idx.flat:
		a := e.agency
		if a == "" {
			a = e.name
		}
		name = a + " " + yearText(e.year)
	case e.kind() == groupUnnamed:
		name = "  " + e.name
	default:
		name = "  " + yearText(e.year)
		if showName {
			name += " " + t.Dim.Render(e.name)
		}
	}
	state := t.Dim.Render(fmt.Sprintf("%d", e.fields))
	if e.failed > 0 {
		state += " " + t.Bad.Render(fmt.Sprintf("✗%d", e.failed))
	}
	if rs := m.reviewCounts(e); rs != "" {
		state += " " + rs
	}
	sw := width(state)
	return fit(name, max(w-sw-1, 1)) + " " + state
}

// sameYear reports whether list row i has a neighbour of the same agency
// and year (the same report in two encodings, say): those rows show their
// file names.
func (m *Model) sameYear(i int) bool {
	rows := m.idx.rows
	e := m.idx.entries[rows[i].entry]
	for _, j := range []int{i - 1, i + 1} {
		if j >= 0 && j < len(rows) && rows[j].entry >= 0 {
			o := m.idx.entries[rows[j].entry]
			if o.kind() == e.kind() && o.agency == e.agency && o.year == e.year {
				return true
			}
		}
	}
	return false
}

func yearText(y int) string {
	if y == 0 {
		return "year ?"
	}
	return strconv.Itoa(y)
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// detailLines is the height of the selected figure's detail under the
// figures list.
const detailLines = 5

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
		title = fmt.Sprintf("figures %d", len(e.rep.Fields))
		if e.failed > 0 {
			title += fmt.Sprintf(" · %d checks fail", e.failed)
		}
		if m.rev.stale > 0 {
			title += " · " + t.Warn.Render(fmt.Sprintf("%d stale reviews", m.rev.stale))
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
	for i := m.figTop; i < m.figureCount() && i < m.figTop+rows; i++ {
		s := m.figureRowText(e, prev, i, w)
		if i == m.figCur {
			st := t.CursorOff
			if m.focus == paneFigs {
				st = t.Cursor
			}
			s = st.Render(fit(stripANSI(s), w))
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
	if fi >= 0 && m.srcView != nil && m.srcView.failing[fi] {
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
	for _, p := range prev.rep.Fields {
		if p.ID != f.ID {
			continue
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
	return "–", "", false
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
	f, state := m.figureAt(m.figCur)
	label := f.ID
	if sf, ok := schema.Lookup(f.ID); ok {
		label = sf.Label + " · " + sf.Section.String()
	}
	out := []string{sep, " " + label + " " + t.Dim.Render(f.ID)}
	src := " 原文 “" + textsafe.Line(f.Text) + "”"
	if f.Text == "" {
		src = t.Dim.Render(" not stated in the text")
	}
	if st := m.stateLine(state); st != "" {
		src += "  " + st
	}
	if m.rev.stale > 0 && m.figCur == 0 {
		src += "  " + t.Warn.Render("(stale reviews are of an earlier version of this file; not applied)")
	}
	out = append(out, src)
	fi := m.figureField(m.figCur)
	check := t.Dim.Render(" no identity covers this figure")
	if v := m.srcView; v != nil && fi >= 0 && fi < len(v.checks) && len(v.checks[fi]) > 0 {
		c := e.rep.Checks[v.checks[fi][0]]
		for _, ci := range v.checks[fi] {
			if !e.rep.Checks[ci].OK {
				c = e.rep.Checks[ci]
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
	return out
}

// renderSource draws the source text of the selected report, wrapped for
// the pane, with every span highlighted and the selected one in focus.
func (m *Model) renderSource(w, h int) block {
	t := m.theme
	e := m.selected()
	title := "source"
	if v := m.srcView; v != nil && len(v.safe.Text) > 0 {
		// Where the top line is, by bytes: the line count of a lazily
		// wrapped text is not known.
		top := v.wrap(m.srcWidth()).Line(m.srcTop).Start
		title += fmt.Sprintf(" %d%%", 100*top/len(v.safe.Text))
	}
	if m.search != "" {
		title += fmt.Sprintf(" · /%s %d matches", textsafe.Line(m.search), len(m.hits))
	}
	lines := []string{m.title(paneSource, title, w)}
	v := m.srcView
	if e == nil || v == nil {
		if e != nil && e.prob != nil {
			lines = append(lines, t.Bad.Render(" "+textsafe.Line(e.prob.Error())))
		}
		return newBlock(lines, w, h)
	}
	tw := m.srcWidth()
	doc := v.wrap(tw)
	marks := m.sourceMarks(v)
	for p := m.srcTop; len(lines) < h; {
		lines = append(lines, srctext.Render(v.safe.Text, doc.Line(p), tw, marks, t.mark))
		next, moved := doc.Advance(p, 1)
		if moved == 0 {
			break
		}
		p = next
	}
	return newBlock(lines, w, h)
}

// sourceMarks are the highlights of the source: every span, the failing
// ones apart, search matches, and the selected figure's span on top.
func (m *Model) sourceMarks(v *reportView) []srctext.Mark {
	marks := make([]srctext.Mark, 0, len(v.spans)+len(m.hits)+1)
	for _, s := range v.spans {
		c := markSpan
		if v.failing[s.field] {
			c = markSpanBad
		}
		marks = append(marks, srctext.Mark{Start: s.start, End: s.end, Class: c})
	}
	for _, h := range m.hits {
		marks = append(marks, srctext.Mark{Start: h, End: h + len(m.search), Class: markMatch})
	}
	if fi := m.figureField(m.figCur); fi >= 0 && fi < len(v.fieldSpan) && v.fieldSpan[fi].start >= 0 {
		s := v.fieldSpan[fi]
		marks = append(marks, srctext.Mark{Start: s.start, End: s.end, Class: markFocus})
	}
	return marks
}

// renderHelp is the ? overlay: every binding, filtered by what is typed,
// flowed into as many columns as the width holds.
func (m *Model) renderHelp(w, h int) block {
	t := m.theme
	q := strings.ToLower(m.editor.Value())
	lines := []string{t.TitleOn.Render(" keys") + t.Dim.Render("  type to search · esc closes"),
		" / " + m.editor.View(), ""}
	var items []string
	for _, col := range m.keys.FullHelp() {
		for _, b := range col {
			hp := b.Help()
			if q != "" && !strings.Contains(strings.ToLower(hp.Key+" "+hp.Desc), q) {
				continue
			}
			items = append(items, "  "+padRight(hp.Key, 12)+" "+hp.Desc)
		}
	}
	const colWidth = 40
	cols := max(w/colWidth, 1)
	rows := (len(items) + cols - 1) / cols
	for r := 0; r < rows; r++ {
		var sb strings.Builder
		for c := 0; c < cols; c++ {
			if i := c*rows + r; i < len(items) {
				sb.WriteString(fit(items[i], colWidth))
			}
		}
		lines = append(lines, sb.String())
	}
	if len(items) == 0 {
		lines = append(lines, t.Dim.Render("  no key matches"))
	}
	lines = append(lines, "",
		t.Dim.Render("  Source: spans of figures are highlighted; a failing check's spans apart; the selected figure's span in focus."),
		t.Dim.Render("  Mouse: click a row or a highlighted span to select it; the wheel scrolls the pane under it."))
	return newBlock(lines, w, h)
}

// plural is "1 report", "2,000 reports".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return count(n) + " " + noun + "s"
}
