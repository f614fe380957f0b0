package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

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
		t.Dim.Render("  List: figures found · ✗ failed checks · ✓ reviewed · ⚑ flagged."),
		t.Dim.Render("  Figures: ≈ approximate · ✗ in a failing check · ▲▼ change from last year · ✓ accepted ✎ corrected + added ⊘ rejected ⚑ flagged."),
		t.Dim.Render("  Source: spans of figures are highlighted; a failing check's spans apart; the selected figure's span in focus."),
		t.Dim.Render("  Mouse: click a row or a highlighted span to select it; the wheel scrolls the pane under it."))
	return newBlock(lines, w, h)
}

// helpKey handles keys while the help overlay is open: typing searches it.
func (m *Model) helpKey(msg tea.KeyPressMsg) tea.Cmd {
	// Every other key, q included, searches.
	if k := msg.String(); k == "esc" || k == "?" {
		m.help = false
		m.editor.Blur()
		return nil
	}
	var cmd tea.Cmd
	m.editor, cmd = m.editor.Update(msg)
	return cmd
}
