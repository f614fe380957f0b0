package ui

import (
	"charm.land/lipgloss/v2"
)

// Theme is the explorer's semantic palette. With NO_COLOR it carries no
// colour at all: highlights become reverse video and underline.
type Theme struct {
	NoColor bool

	Title     lipgloss.Style // pane titles
	TitleOn   lipgloss.Style // title of the focused pane
	Cursor    lipgloss.Style // the selected row of the focused pane
	CursorOff lipgloss.Style // the selected row of another pane
	Dim       lipgloss.Style // secondary text
	Group     lipgloss.Style // agency headers
	Good      lipgloss.Style // a passing check
	Bad       lipgloss.Style // a failing check, a problem
	Warn      lipgloss.Style // flagged, approximate
	Status    lipgloss.Style // the status line
	StatusBad lipgloss.Style // the status line saying something failed
	Help      lipgloss.Style // footer help
	Sep       lipgloss.Style // pane separators

	Span    lipgloss.Style // an extracted span in the source
	SpanBad lipgloss.Style // a span of a field in a failing check
	Match   lipgloss.Style // a search match
	Focus   lipgloss.Style // the selected figure's span
}

// NewTheme returns the colour theme, or the monochrome one when noColor.
func NewTheme(noColor bool) Theme {
	s := lipgloss.NewStyle
	if noColor {
		return Theme{
			NoColor:   true,
			Title:     s(),
			TitleOn:   s().Bold(true).Underline(true),
			Cursor:    s().Reverse(true),
			CursorOff: s().Underline(true),
			Dim:       s(),
			Group:     s().Bold(true),
			Good:      s(),
			Bad:       s().Bold(true),
			Warn:      s().Bold(true),
			Status:    s().Reverse(true),
			StatusBad: s().Reverse(true).Bold(true),
			Help:      s(),
			Sep:       s(),
			Span:      s().Underline(true),
			SpanBad:   s().Underline(true).Bold(true),
			Match:     s().Bold(true).Underline(true),
			Focus:     s().Reverse(true),
		}
	}
	var (
		accent = lipgloss.Color("#7D56F4")
		muted  = lipgloss.Color("#8A8A8A")
		green  = lipgloss.Color("#3FB950")
		red    = lipgloss.Color("#F85149")
		amber  = lipgloss.Color("#D29922")
		spanBg = lipgloss.Color("#1F3B57")
		badBg  = lipgloss.Color("#5A1E1E")
		hitBg  = lipgloss.Color("#6B5B00")
	)
	return Theme{
		Title:     s().Foreground(muted).Bold(true),
		TitleOn:   s().Foreground(accent).Bold(true),
		Cursor:    s().Background(accent).Foreground(lipgloss.Color("#FFFFFF")),
		CursorOff: s().Background(lipgloss.Color("#3A3A3A")),
		Dim:       s().Foreground(muted),
		Group:     s().Bold(true),
		Good:      s().Foreground(green),
		Bad:       s().Foreground(red),
		Warn:      s().Foreground(amber),
		Status:    s().Background(lipgloss.Color("#303030")).Foreground(lipgloss.Color("#E0E0E0")),
		StatusBad: s().Background(red).Foreground(lipgloss.Color("#FFFFFF")).Bold(true),
		Help:      s().Foreground(muted),
		Sep:       s().Foreground(lipgloss.Color("#444444")),
		Span:      s().Background(spanBg),
		SpanBad:   s().Background(badBg),
		Match:     s().Background(hitBg),
		Focus:     s().Background(accent).Foreground(lipgloss.Color("#FFFFFF")).Bold(true),
	}
}

// Mark classes of the source pane, in rising priority.
const (
	markNone = iota
	markSpan
	markSpanBad
	markMatch
	markFocus
)

func (t Theme) mark(class int, s string) string {
	switch class {
	case markSpan:
		return t.Span.Render(s)
	case markSpanBad:
		return t.SpanBad.Render(s)
	case markMatch:
		return t.Match.Render(s)
	case markFocus:
		return t.Focus.Render(s)
	}
	return s
}

// cursorRow draws the selected row of a pane, w cells wide: in the cursor
// style when the pane has the focus, marked more quietly when not. The row's
// own styling gives way to the cursor's.
func (t Theme) cursorRow(row string, focused bool, w int) string {
	st := t.CursorOff
	if focused {
		st = t.Cursor
	}
	return st.Render(fit(stripANSI(row), w))
}
