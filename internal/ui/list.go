package ui

import (
	"fmt"
	"strconv"

	"gitui/internal/textsafe"
)

// listPane is the state of the agencies-and-years list: the cursor row and
// the first row shown. The rows themselves live in the index.
type listPane struct {
	cur, top int
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
	for i := m.list.top; i < len(rows) && len(lines) < h; i++ {
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
		if i == m.list.cur {
			s = t.cursorRow(s, m.focus == paneList, w)
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

// setListCursor moves the list cursor to row i and selects its report.
func (m *Model) setListCursor(i int) {
	rows := m.idx.rows
	if len(rows) == 0 {
		m.list.cur, m.list.top = 0, 0
		return
	}
	i = clamp(i, 0, len(rows)-1)
	m.list.cur = i
	h := m.lay.list.h - 1
	if m.list.cur < m.list.top {
		m.list.top = m.list.cur
	}
	if h > 0 && m.list.cur >= m.list.top+h {
		m.list.top = m.list.cur - h + 1
	}
	r := rows[i]
	id := r.entry
	if id < 0 {
		id = r.first
	}
	if id != m.sel {
		m.selectEntry(id)
	}
}

// keepSelection puts the list cursor back on the selected report after the
// rows changed (a batch arrived, the filter or the grouping changed).
func (m *Model) keepSelection() {
	if len(m.idx.rows) == 0 {
		m.list.cur, m.list.top = 0, 0
		return
	}
	if m.sel >= 0 {
		if i := m.idx.rowOf(m.sel); i >= 0 {
			m.list.cur = i
			h := m.lay.list.h - 1
			if m.list.cur < m.list.top || m.list.cur >= m.list.top+h {
				m.list.top = max(m.list.cur-h/3, 0)
			}
			return
		}
	}
	m.list.top = 0
	m.setListCursor(0)
}
