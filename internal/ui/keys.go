package ui

import "charm.land/bubbles/v2/key"

// KeyMap is every key binding of the explorer. The footer help, the ? overlay
// and the key handling all read this one table.
type KeyMap struct {
	Up, Down         key.Binding
	PageUp, PageDown key.Binding
	Top, Bottom      key.Binding
	NextPane         key.Binding
	PrevPane         key.Binding
	Open             key.Binding
	Filter           key.Binding
	NextSpan         key.Binding
	PrevSpan         key.Binding
	ToggleFlat       key.Binding
	Clear            key.Binding
	Help             key.Binding
	Quit             key.Binding

	// Review actions, enabled when a review store is attached.
	Accept    key.Binding
	Flag      key.Binding
	Edit      key.Binding
	Add       key.Binding
	Reject    key.Binding
	Undo      key.Binding
	Redo      key.Binding
	NextQueue key.Binding
}

// DefaultKeyMap returns the explorer's bindings: vim keys and arrows.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:         key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:       key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		PageUp:     key.NewBinding(key.WithKeys("ctrl+u", "pgup"), key.WithHelp("ctrl+u/pgup", "page up")),
		PageDown:   key.NewBinding(key.WithKeys("ctrl+d", "pgdown", "space"), key.WithHelp("ctrl+d/pgdn", "page down")),
		Top:        key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "first")),
		Bottom:     key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "last")),
		NextPane:   key.NewBinding(key.WithKeys("tab", "l", "right"), key.WithHelp("tab/l", "next pane")),
		PrevPane:   key.NewBinding(key.WithKeys("shift+tab", "h", "left"), key.WithHelp("shift+tab/h", "previous pane")),
		Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open report / figure")),
		Filter:     key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter agencies · search source")),
		NextSpan:   key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next span / match")),
		PrevSpan:   key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous span / match")),
		ToggleFlat: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "grouped / flat list")),
		Clear:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter / search")),
		Help:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:       key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),

		Accept:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "accept, next unreviewed")),
		Flag:      key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "flag (with a note)")),
		Edit:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "correct the value (tab: ≈)")),
		Add:       key.NewBinding(key.WithKeys("+"), key.WithHelp("+", "add a missed figure")),
		Reject:    key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "reject")),
		Undo:      key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo")),
		Redo:      key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "redo")),
		NextQueue: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next figure to review")),
	}
}

// ShortHelp is the footer line.
func (k KeyMap) ShortHelp() []key.Binding {
	return enabled(k.NextPane, k.Down, k.Filter, k.NextSpan, k.Accept, k.Help, k.Quit)
}

// FullHelp is the ? overlay, in columns.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		enabled(k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom),
		enabled(k.NextPane, k.PrevPane, k.Open, k.Filter, k.NextSpan, k.PrevSpan, k.ToggleFlat, k.Clear),
		enabled(k.Accept, k.Flag, k.Edit, k.Add, k.Reject, k.Undo, k.Redo, k.NextQueue),
		enabled(k.Help, k.Quit),
	}
}

func enabled(bs ...key.Binding) []key.Binding {
	out := bs[:0:0]
	for _, b := range bs {
		if b.Enabled() {
			out = append(out, b)
		}
	}
	return out
}

// withoutReview returns k with the review bindings switched off.
func (k KeyMap) withoutReview() KeyMap {
	for _, b := range []*key.Binding{&k.Accept, &k.Flag, &k.Edit, &k.Add, &k.Reject, &k.Undo, &k.Redo, &k.NextQueue} {
		b.SetEnabled(false)
	}
	return k
}
