package ui

import (
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"gitui/internal/textsafe"
)

// View draws the whole screen: header, the three panes (or the help
// overlay), the status line and the key help.
func (m *Model) View() tea.View {
	v := tea.NewView(m.Render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "gitui"
	if !m.done {
		// The terminal's own progress bar, where it has one.
		if m.walked && m.total > 0 {
			v.ProgressBar = tea.NewProgressBar(tea.ProgressBarDefault, 100*m.decided/m.total)
		} else {
			v.ProgressBar = tea.NewProgressBar(tea.ProgressBarIndeterminate, 0)
		}
	}
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
	st := m.theme.Status
	if m.message != "" && m.msgBad {
		st = m.theme.StatusBad
	}
	status := fit(st.Render(fit(m.status(), m.w)), m.w)
	if m.in != inputNone && !m.help {
		// The editor styles its own cursor; inside the status style its
		// resets would cut the bar in two.
		status = fit(m.editorLine(), m.w)
	}
	lines = append(lines, status)
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
	loaded := len(m.idx.entries) - m.probCount
	s := t.TitleOn.Render("gitui") + " " + t.Dim.Render(root) + "  "
	if !m.done {
		s += spinFrames[m.spin%len(spinFrames)] + " loading: " + count(m.decided) + "/" + count(m.total) + " files, " + count(loaded) + " reports"
	} else {
		s += plural(loaded, "report")
	}
	if m.probCount > 0 {
		s += "  " + t.Bad.Render(plural(m.probCount, "problem"))
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
	if m.message != "" {
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

// plural is "1 report", "2,000 reports".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return count(n) + " " + noun + "s"
}
