package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"gitui/internal/corpus"
)

func reportEvents(reps []*corpus.Report, probs []*corpus.Problem) <-chan corpus.Event {
	ch := make(chan corpus.Event, len(reps)+len(probs)+1)
	n := len(reps) + len(probs)
	i := 0
	for _, r := range reps {
		i++
		ch <- corpus.Event{Report: r, Done: i, Total: n, Walked: true}
	}
	for _, p := range probs {
		i++
		ch <- corpus.Event{Problem: p, Done: i, Total: n, Walked: true}
	}
	close(ch)
	return ch
}

// drain feeds the whole stream of m's events to m the way the program
// would.
func drain(m *Model) {
	for {
		msg := waitBatch(m.loadPump(), batchWindow)().(batchMsg)
		m.Update(msg)
		if msg.closed {
			return
		}
	}
}

// newLoaded returns a model of w×h cells with every report of ch loaded.
func newLoaded(t testing.TB, ch <-chan corpus.Event, w, h int) *Model {
	t.Helper()
	m := New(Options{Root: "samples", Events: ch, NoColor: true})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	drain(m)
	return m
}

// press sends key presses, written as Bubble Tea names them ("j", "tab",
// "shift+tab", "enter", "esc", "down", "ctrl+d"). A plain string of
// several runes is typed rune by rune with typeText.
func press(m *Model, keys ...string) {
	for _, k := range keys {
		m.Update(keyMsg(k))
	}
}

func typeText(m *Model, s string) {
	for _, r := range s {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	special := map[string]tea.Key{
		"tab":       {Code: tea.KeyTab},
		"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
		"enter":     {Code: tea.KeyEnter},
		"esc":       {Code: tea.KeyEscape},
		"down":      {Code: tea.KeyDown},
		"up":        {Code: tea.KeyUp},
		"ctrl+d":    {Code: 'd', Mod: tea.ModCtrl},
		"ctrl+u":    {Code: 'u', Mod: tea.ModCtrl},
		"ctrl+r":    {Code: 'r', Mod: tea.ModCtrl},
		"ctrl+c":    {Code: 'c', Mod: tea.ModCtrl},
		"backspace": {Code: tea.KeyBackspace},
	}
	if k, ok := special[k]; ok {
		return tea.KeyPressMsg(k)
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

func screen(m *Model) string { return m.Render() }

func has(t *testing.T, frame, want string) {
	t.Helper()
	if !strings.Contains(frame, want) {
		t.Errorf("frame lacks %q:\n%s", want, frame)
	}
}
