package hostile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"gitui/internal/corpus"
	"gitui/internal/review"
	"gitui/internal/textsafe"
	"gitui/internal/ui"
)

// program runs a model the way tea.Program would, without a terminal:
// commands run on goroutines and their messages come back to Update, a
// tea.BatchMsg fans out. It stops when no command is left running (the load
// stream closed and the spinner stopped) or at the deadline.
type program struct {
	t    *testing.T
	m    tea.Model
	msgs chan tea.Msg
	busy int
}

// run starts cmd on a goroutine.
func (p *program) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	p.busy++
	go func() { p.msgs <- cmd() }()
}

// handle takes the message of a finished command: a batch starts its
// commands, anything else goes to Update.
func (p *program) handle(msg tea.Msg) {
	p.busy--
	switch msg := msg.(type) {
	case nil, tea.QuitMsg:
	case tea.BatchMsg:
		for _, c := range msg {
			p.run(c)
		}
	default:
		var cmd tea.Cmd
		p.m, cmd = p.m.Update(msg)
		p.run(cmd)
	}
}

// settle handles messages until no command is running.
func (p *program) settle(deadline time.Duration) {
	p.t.Helper()
	stop := time.After(deadline)
	for p.busy > 0 {
		select {
		case msg := <-p.msgs:
			p.handle(msg)
		case <-stop:
			p.t.Fatalf("the explorer was still busy after %v", deadline)
		}
	}
}

// settleIdle is settle for fuzzing: it stops as soon as no message has
// come for idle, leaving a pending spinner tick to land in the buffer.
func (p *program) settleIdle(idle time.Duration) {
	for {
		select {
		case msg := <-p.msgs:
			p.handle(msg)
		case <-time.After(idle):
			return
		}
	}
}

// send delivers msgs to Update, then settles.
func (p *program) send(msgs ...tea.Msg) {
	for _, msg := range msgs {
		var cmd tea.Cmd
		p.m, cmd = p.m.Update(msg)
		// A key may start work (a review write, a search): it runs, and
		// settle waits for it.
		p.run(cmd)
	}
	p.settle(time.Minute)
}

// frameCheck holds a frame to the terminal's size and to FrameLeaks.
func frameCheck(t *testing.T, where string, frame string, w, h int) bool {
	t.Helper()
	ok := true
	for _, l := range FrameLeaks(frame) {
		t.Errorf("%s: frame leaks %v", where, l)
		ok = false
	}
	lines := strings.Split(frame, "\n")
	if len(lines) > h {
		t.Errorf("%s: frame has %d lines for a %d-row terminal", where, len(lines), h)
		ok = false
	}
	for i, line := range lines {
		if sw := ansi.StringWidth(line); sw > w {
			t.Errorf("%s: line %d is %d cells wide in a %d-cell terminal: %q", where, i, sw, w, ansi.Strip(line))
			ok = false
			break
		}
	}
	return ok
}

// replay streams a finished load again, as corpus.Load would have: the
// explorer test reuses the shared load instead of paying for another.
func replay(c *corpus.Corpus) <-chan corpus.Event {
	n := len(c.Reports) + len(c.Problems) + len(c.Skipped)
	ch := make(chan corpus.Event, n)
	done := 0
	for _, r := range c.Reports {
		done++
		ch <- corpus.Event{Report: r, Done: done, Total: n, Walked: true}
	}
	for _, p := range c.Problems {
		done++
		ch <- corpus.Event{Problem: p, Done: done, Total: n, Walked: true}
	}
	for _, s := range c.Skipped {
		done++
		ch <- corpus.Event{Skipped: s, Done: done, Total: n, Walked: true}
	}
	close(ch)
	return ch
}

// key is the press of a printable key.
func key(code rune, text string) tea.KeyPressMsg { return tea.KeyPressMsg{Code: code, Text: text} }

// TestHostileExplorer loads the hostile folder into the explorer at 80×24
// and 200×50, steps through every entry of the list, its figures and its
// source, and checks every frame: no control sequence of a report (or of a
// file name) reaches the terminal, and no line is wider than the terminal.
func TestHostileExplorer(t *testing.T) {
	set := hostileSet(t)
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			tour(t, ui.Options{Root: set.dir, Events: replay(set.corpus)}, size[0], size[1], 80)
		})
	}
}

// TestHostileExplorerReviews opens the escape reports with the hostile
// review log of WriteStore attached, so the figures pane shows reviewers,
// notes and corrections taken from the log, and tours them the same way.
func TestHostileExplorerReviews(t *testing.T) {
	dir := t.TempDir()
	if _, err := WriteEscapes(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteStore(dir, filepath.Join(dir, "escapes.txt")); err != nil {
		t.Fatal(err)
	}
	st, err := review.OpenCorpus(dir)
	if err != nil {
		t.Fatalf("open the hostile review log: %v", err)
	}
	t.Logf("the log has %d events and %d problems", len(st.All()), len(st.Problems()))
	c := loadDir(t, dir)
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			opts := ui.Options{Root: dir, Events: replay(c), Review: review.NewSession(st, OSC52+"reviewer")}
			tour(t, opts, size[0], size[1], len(c.Reports)+len(c.Problems)+2)
		})
	}
}

// tour runs the explorer with opts at w×h and checks a frame at every step
// through up to entries entries of the list: their figures and their
// source. It presses no review key, so it never writes a review log.
func tour(t *testing.T, opts ui.Options, w, h, entries int) {
	t.Helper()
	m := ui.New(opts)
	p := &program{t: t, m: m, msgs: make(chan tea.Msg, 16)}
	p.send(tea.WindowSizeMsg{Width: w, Height: h})
	p.run(m.Init())
	start := time.Now()
	p.settle(loadBudget)
	t.Logf("loaded into the explorer in %v", time.Since(start))

	render := func() string { return p.m.(*ui.Model).Render() }
	bad := 0
	check := func(where string) {
		frame := render()
		if frameCheck(t, where, frame, w, h) {
			return
		}
		if bad++; bad == 1 || bad > 10 {
			t.Logf("%s:\n%s", where, textsafe.String(ansi.Strip(frame)))
		}
		if bad > 10 {
			t.Fatal("too many bad frames")
		}
	}
	check("after load")
	seen := map[string]bool{}
	down := tea.KeyPressMsg{Code: tea.KeyDown}
	tab := tea.KeyPressMsg{Code: tea.KeyTab}
	shiftTab := tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	pgdn := tea.KeyPressMsg{Code: tea.KeyPgDown}
	for i := range entries {
		seen[render()] = true
		check(fmt.Sprintf("entry %d", i))
		// The figures of the entry, then its source, paged.
		p.send(tab)
		for j := range 4 {
			p.send(down)
			check(fmt.Sprintf("entry %d figure %d", i, j))
		}
		p.send(tab, key('n', "n"))
		check(fmt.Sprintf("entry %d source", i))
		for j := range 3 {
			p.send(pgdn)
			check(fmt.Sprintf("entry %d source page %d", i, j))
		}
		p.send(shiftTab, shiftTab, down)
	}
	p.send(key('?', "?"))
	check("help overlay")
	if len(seen) < min(entries, 10)/2 {
		t.Errorf("stepping through the list showed only %d distinct frames", len(seen))
	}
}

// TestHostileSaveError makes a review action fail in a corpus folder whose
// own name carries OSC 52 and U+202E: the error the explorer shows names
// the review log by its path, which must reach the screen neutralised.
func TestHostileSaveError(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "reports"+OSC52+RLO)
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteEscapes(dir); err != nil {
		t.Fatal(err)
	}
	st, err := review.OpenCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	// A folder where the log should be: every append fails to open it.
	if err := os.MkdirAll(review.DefaultPath(dir), 0o755); err != nil {
		t.Fatal(err)
	}
	c := loadDir(t, dir)
	const w, h = 120, 30
	m := ui.New(ui.Options{Root: dir, Events: replay(c), Review: review.NewSession(st, "hostile")})
	p := &program{t: t, m: m, msgs: make(chan tea.Msg, 16)}
	p.send(tea.WindowSizeMsg{Width: w, Height: h})
	p.run(m.Init())
	p.settle(loadBudget)
	p.send(tea.KeyPressMsg{Code: tea.KeyTab}, key('a', "a"))
	frame := m.Render()
	if !strings.Contains(ansi.Strip(frame), "not saved") {
		t.Fatalf("the failed save is not shown; the test did not reach it:\n%s", textsafe.String(ansi.Strip(frame)))
	}
	frameCheck(t, "after a failed save", frame, w, h)
}
