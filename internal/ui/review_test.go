package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/gofrs/flock"

	"gitui/internal/review"
)

// reviewModel is the fixture explorer with a review store in a temporary
// folder.
func reviewModel(t *testing.T, logged ...review.Event) (*Model, *review.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "reviews.jsonl")
	st, err := review.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range logged {
		if _, err := st.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	ch := reportEvents(fixture(t))
	m := New(Options{Root: "fixture", Events: ch, NoColor: true, Review: review.NewSession(st, "tester")})
	m.Update(tea.WindowSizeMsg{Width: 150, Height: 45})
	drain(m)
	return m, st, path
}

// act presses a key and runs the store command it starts, as the program
// would, feeding the outcome back.
func act(t *testing.T, m *Model, k string) {
	t.Helper()
	_, cmd := m.Update(keyMsg(k))
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		if r, ok := msg.(reviewDoneMsg); ok {
			m.Update(r)
		}
	case <-time.After(5 * time.Second):
		// A cursor blink or the like: not a store action.
	}
}

func figureRowText(m *Model) string {
	return ansi.Strip(m.figureRowText(m.selected(), nil, m.figs.cur, 200))
}

func TestReviewAcceptMovesOn(t *testing.T) {
	m, st, _ := reviewModel(t)
	selectReport(m, "000_18")
	press(m, "tab")
	act(t, m, "a")
	if got := st.All(); len(got) != 1 || got[0].Action != review.Accept || got[0].Field != "proactive.total" ||
		got[0].Reviewer != "tester" || got[0].SHA256 != m.selected().rep.SHA256 {
		t.Fatalf("store holds %+v", got)
	}
	if m.figs.cur != 1 {
		t.Errorf("accept left the cursor on row %d, want the next unreviewed (1)", m.figs.cur)
	}
	m.setFigure(0)
	if r := figureRowText(m); !strings.HasPrefix(r, "✓") {
		t.Errorf("accepted row is %q", r)
	}
	f := ansi.Strip(screen(m))
	has(t, f, "1/16 figures reviewed") // 3+2+9+2 extracted figures in the fixture
	has(t, f, "saved: accept proactive.total")
	has(t, f, "✓1")
}

func TestReviewCorrectFlagRejectUndo(t *testing.T) {
	m, st, _ := reviewModel(t)
	selectReport(m, "000_18")
	press(m, "tab")

	// A correction: the editor opens on the value; a non-number is refused.
	press(m, "e")
	if m.in != inputEdit || m.editor.Value() != "1491" {
		t.Fatalf("editor %v holds %q", m.in, m.editor.Value())
	}
	press(m, "ctrl+u")
	typeText(m, "12x")
	act(t, m, "enter")
	if len(st.All()) != 0 || m.in != inputEdit || !strings.Contains(m.message, "not a number") {
		t.Fatalf("bad value: %d events, editor %v, message %q", len(st.All()), m.in, m.message)
	}
	press(m, "ctrl+u")
	typeText(m, "1,492")
	press(m, "tab") // approximate
	if m.editor.Value() != "≈1,492" {
		t.Errorf("tab made %q", m.editor.Value())
	}
	act(t, m, "enter")
	ev := st.All()
	if len(ev) != 1 || ev[0].Action != review.Correct || ev[0].New.String() != "1492" || ev[0].Old.String() != "1491" || !ev[0].Approx {
		t.Fatalf("correction stored as %+v", ev)
	}
	if r := figureRowText(m); !strings.Contains(r, "1491→1492") || !strings.HasPrefix(r, "✎") {
		t.Errorf("corrected row is %q", r)
	}

	// A flag with a note, on the next figure.
	press(m, "j", "f")
	typeText(m, "是面谈还是当面？")
	act(t, m, "enter")
	if r := figureRowText(m); !strings.HasPrefix(r, "⚑") {
		t.Errorf("flagged row is %q", r)
	}
	has(t, ansi.Strip(screen(m)), "flagged by tester: 是面谈还是当面？")

	// Reject, then undo and redo it.
	press(m, "j")
	act(t, m, "x")
	if r := figureRowText(m); !strings.HasPrefix(r, "⊘") || !strings.Contains(r, "—") {
		t.Errorf("rejected row is %q", r)
	}
	act(t, m, "u")
	if _, s := m.figureAt(m.figs.cur); s != review.Extracted {
		t.Errorf("after undo the figure is %s", s)
	}
	act(t, m, "ctrl+r")
	if _, s := m.figureAt(m.figs.cur); s != review.Rejected {
		t.Errorf("after redo the figure is %s", s)
	}
	if n := len(st.All()); n != 5 {
		t.Errorf("%d events stored, want 5 (correct, flag, reject, undo, redo)", n)
	}
}

func TestReviewAddMissedFigure(t *testing.T) {
	m, st, _ := reviewModel(t)
	selectReport(m, "000_18")
	press(m, "tab", "+")
	typeText(m, "同意部分")
	if ids := m.addChoices(); len(ids) != 1 || ids[0] != "replies.partial" {
		t.Fatalf("add picker offers %v", ids)
	}
	has(t, ansi.Strip(screen(m)), "add a figure · 1 fields")
	press(m, "enter")
	typeText(m, "0")
	act(t, m, "enter")
	ev := st.All()
	if len(ev) != 1 || ev[0].Action != review.Add || ev[0].Field != "replies.partial" {
		t.Fatalf("store holds %+v", ev)
	}
	if f, s := m.figureAt(m.figs.cur); f.ID != "replies.partial" || s != review.Added {
		t.Errorf("selected %s %s after adding", f.ID, s)
	}
	has(t, ansi.Strip(screen(m)), "1/17 figures reviewed") // the added figure counts, reviewed
	act(t, m, "u")
	has(t, ansi.Strip(screen(m)), "0/16 figures reviewed")
}

func TestReviewStoreErrorShown(t *testing.T) {
	m, st, path := reviewModel(t)
	// The log's path becomes a folder: every append fails.
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	selectReport(m, "000_18")
	press(m, "tab")
	act(t, m, "a")
	if !m.msgBad || !strings.Contains(m.message, "accept not saved") {
		t.Errorf("message %q (bad=%v), want the error", m.message, m.msgBad)
	}
	if _, s := m.figureAt(0); s != review.Extracted {
		t.Errorf("figure shown as %s though nothing was saved", s)
	}
	if len(st.All()) != 0 {
		t.Errorf("store holds %d events", len(st.All()))
	}

	// What was typed comes back in the editor, and enter retries.
	press(m, "e", "ctrl+u")
	typeText(m, "1492")
	act(t, m, "enter")
	if m.in != inputEdit || m.editor.Value() != "1492" || !strings.Contains(m.message, "enter retries") {
		t.Fatalf("after a failed correction: editor %v %q, message %q", m.in, m.editor.Value(), m.message)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	act(t, m, "enter")
	if ev := st.All(); len(ev) != 1 || ev[0].Action != review.Correct || ev[0].New.String() != "1492" {
		t.Errorf("retry stored %+v", ev)
	}
}

func TestReviewQueueFailingFirst(t *testing.T) {
	m, _, _ := reviewModel(t)
	press(m, "]")
	e := m.selected()
	f, _ := m.figureAt(m.figs.cur)
	if e == nil || e.failed == 0 || !strings.HasPrefix(f.ID, "replies.") {
		t.Fatalf("queue went to %v %s, want a figure of the failing check", e, f.ID)
	}
	// Accepting it moves to the next figure of the failing check.
	act(t, m, "a")
	act(t, m, "]")
	if f2, _ := m.figureAt(m.figs.cur); f2.ID == f.ID || !strings.HasPrefix(f2.ID, "replies.") {
		t.Errorf("queue then went to %s", f2.ID)
	}
}

func TestReviewStaleShownNotApplied(t *testing.T) {
	reps, _ := fixture(t)
	// The log holds a review of an earlier version of the file.
	old := review.Event{SHA256: strings.Repeat("f", 64), Path: reps[2].Path, Field: "proactive.total", Action: review.Reject}
	m, _, _ := reviewModel(t, old)
	selectReport(m, "000_18")
	has(t, ansi.Strip(screen(m)), "1 stale reviews")
	if _, s := m.figureAt(0); s != review.Extracted {
		t.Errorf("a stale event was applied: %s", s)
	}
}

// TestReviewWidthSweep draws reviewed figures (old→new, notes in Chinese)
// at widths 60…220: no line may be wider than the window.
func TestReviewWidthSweep(t *testing.T) {
	m, _, _ := reviewModel(t)
	selectReport(m, "000_18")
	press(m, "tab")
	press(m, "e", "ctrl+u")
	typeText(m, "123456789012.5")
	act(t, m, "enter")
	press(m, "j", "f")
	typeText(m, "“同意公开”的数字与表格不一致……①")
	act(t, m, "enter")
	press(m, "+")
	typeText(m, "fees")
	for w := 60; w <= 220; w += 7 {
		for _, h := range []int{minHeight, 30} {
			m.Update(tea.WindowSizeMsg{Width: w, Height: h})
			checkFrame(t, screen(m), w, h) // the add picker is open
			press(m, "esc")
			checkFrame(t, screen(m), w, h)
			press(m, "+")
			typeText(m, "fees")
		}
	}
}

// TestCorrectionFocusesWhereTextStatesIt: a corrected value found in the
// text is what the source pane focuses, not the extracted number.
func TestCorrectionFocusesWhereTextStatesIt(t *testing.T) {
	m, st, _ := reviewModel(t)
	selectReport(m, "000_18")
	press(m, "tab", "e", "ctrl+u")
	typeText(m, "1348") // 土地权属登记信息1348条
	act(t, m, "enter")
	ev := st.All()
	if len(ev) != 1 || ev[0].Span == nil {
		t.Fatalf("correction stored as %+v, want it located", ev)
	}
	s, e, ok := m.figureSpan(m.figs.cur)
	if !ok || m.src.view.safe.Text[s:e] != "1348" {
		t.Fatalf("focus on %q (ok=%v), want 1348", m.src.view.safe.Text[s:e], ok)
	}
	if f := screen(m); !strings.Contains(f, "\x1b[7m1348") {
		t.Errorf("1348 not in focus:\n%s", ansi.Strip(f))
	}
}

// TestReviewGolden shows every review state in the figures pane.
func TestReviewGolden(t *testing.T) {
	m, _, _ := reviewModel(t)
	m.Update(tea.WindowSizeMsg{Width: 150, Height: 30})
	selectReport(m, "000_18")
	press(m, "tab")
	act(t, m, "a") // proactive.total accepted; on to the next
	press(m, "f")
	typeText(m, "当面还是现场？")
	act(t, m, "enter")
	press(m, "j")
	act(t, m, "x")
	press(m, "j", "e", "ctrl+u")
	typeText(m, "267")
	act(t, m, "enter")
	press(m, "+")
	typeText(m, "同意部分")
	press(m, "enter")
	typeText(m, "0")
	act(t, m, "enter")
	frame := screen(m)
	checkFrame(t, frame, 150, 30)
	golden(t, "review_150", frame)
}

// TestReviewEditorKeepsItsFigure opens the correction editor on one figure,
// then clicks another figure, another report and scrolls while typing: the
// correction must still be saved on the figure the editor was opened for.
func TestReviewEditorKeepsItsFigure(t *testing.T) {
	m, st, _ := reviewModel(t)
	selectReport(m, "000_18")
	press(m, "tab")
	sel := m.sel
	press(m, "e")
	if f, _ := m.figureAt(m.figs.cur); m.in != inputEdit || f.ID != "proactive.total" {
		t.Fatalf("editor %v on %s", m.in, f.ID)
	}
	l := m.lay
	m.Update(tea.MouseClickMsg{X: l.figs.x + 2, Y: l.figs.y + 2, Button: tea.MouseLeft}) // the second figure
	m.Update(tea.MouseClickMsg{X: l.list.x + 2, Y: l.list.y + 1, Button: tea.MouseLeft}) // the first list row
	m.Update(tea.MouseWheelMsg{X: l.figs.x + 2, Y: l.figs.y + 2, Button: tea.MouseWheelDown})
	if m.sel != sel || m.figs.cur != 0 || m.in != inputEdit {
		t.Errorf("mouse moved the selection under the editor: report %d figure %d editor %v", m.sel, m.figs.cur, m.in)
	}
	press(m, "ctrl+u")
	typeText(m, "777")
	act(t, m, "enter")
	ev := st.All()
	if len(ev) != 1 || ev[0].Field != "proactive.total" || ev[0].Old.String() != "1491" || ev[0].New.String() != "777" ||
		ev[0].SHA256 != m.idx.entries[sel].rep.SHA256 {
		t.Fatalf("correction stored as %+v", ev)
	}
}

// TestReviewRetryKeepsItsFigure moves the cursor while a failing correction
// is in flight: the retry must correct the figure first edited, not the one
// under the cursor.
func TestReviewRetryKeepsItsFigure(t *testing.T) {
	m, st, path := reviewModel(t)
	if err := os.Mkdir(path, 0o755); err != nil { // every append fails
		t.Fatal(err)
	}
	selectReport(m, "000_18")
	press(m, "tab", "e", "ctrl+u")
	typeText(m, "1492")
	_, cmd := m.Update(keyMsg("enter"))
	if cmd == nil {
		t.Fatal("enter started no store action")
	}
	press(m, "j") // the editor is closed while the append runs
	if f, _ := m.figureAt(m.figs.cur); f.ID == "proactive.total" {
		t.Fatal("j did not move off the edited figure")
	}
	m.Update(cmd().(reviewDoneMsg))
	if m.in != inputEdit || m.editor.Value() != "1492" {
		t.Fatalf("after the failure: editor %v %q", m.in, m.editor.Value())
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	act(t, m, "enter")
	if ev := st.All(); len(ev) != 1 || ev[0].Field != "proactive.total" || ev[0].Old.String() != "1491" || ev[0].New.String() != "1492" {
		t.Errorf("retry stored %+v", ev)
	}
}

func TestParseValue(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		approx bool
		bad    bool
	}{
		{in: "1491", want: "1491"},
		{in: " 1,492 ", want: "1492"},
		{in: "≈4711.7", want: "4711.7", approx: true},
		{in: "约 30", want: "30", approx: true},
		// Typed with a Chinese input method.
		{in: "１２３", want: "123"},
		{in: "１，２３４．５", want: "1234.5"},
		{in: "～５６２", want: "562", approx: true},
		{in: "12x", bad: true},
		{in: "", bad: true},
	}
	for _, tt := range tests {
		n, approx, err := parseValue(tt.in)
		if tt.bad {
			if err == nil {
				t.Errorf("parseValue(%q) = %s, want an error", tt.in, n)
			}
			continue
		}
		if err != nil || n.String() != tt.want || approx != tt.approx {
			t.Errorf("parseValue(%q) = %s, %v, %v; want %s, %v", tt.in, n, approx, err, tt.want, tt.approx)
		}
	}
}

// refreshMsgs runs cmd as the program would and returns the review-log
// reads among its messages; commands that wait on a timer (the cursor
// blink) are given up on.
func refreshMsgs(cmd tea.Cmd) []reviewsRefreshedMsg {
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(2 * time.Second):
		return nil
	}
	switch msg := msg.(type) {
	case reviewsRefreshedMsg:
		return []reviewsRefreshedMsg{msg}
	case tea.BatchMsg:
		var out []reviewsRefreshedMsg
		for _, c := range msg {
			out = append(out, refreshMsgs(c)...)
		}
		return out
	}
	return nil
}

// TestReviewRefreshOffUIPath has another process append to the log and
// hold its lock: moving to another report must not wait for the lock, and
// once it is free the other process's review shows.
func TestReviewRefreshOffUIPath(t *testing.T) {
	m, _, path := reviewModel(t)
	// send presses keys and returns their commands.
	send := func(keys ...string) []tea.Cmd {
		var cmds []tea.Cmd
		for _, k := range keys {
			_, cmd := m.Update(keyMsg(k))
			cmds = append(cmds, cmd)
		}
		return cmds
	}
	// filterTo selects the first report matching q in a fresh filter.
	filterTo := func(q string) []tea.Cmd {
		cmds := send("/", "esc", "/")
		cmds = append(cmds, send(strings.Split(q, "")...)...)
		return append(cmds, send("enter", "j")...) // j: off the group heading
	}
	run := func(cmds []tea.Cmd) []reviewsRefreshedMsg {
		var got []reviewsRefreshedMsg
		for _, c := range cmds {
			got = append(got, refreshMsgs(c)...)
		}
		for _, msg := range got {
			m.Update(msg)
		}
		return got
	}
	run(filterTo("000_18"))
	rep := m.selected().rep
	run(filterTo("西城"))
	if m.selected().rep == rep {
		t.Fatal("西城 not selected")
	}

	other, err := review.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Append(review.Event{SHA256: rep.SHA256, Path: rep.Path, Field: "proactive.total",
		Action: review.Accept, Reviewer: "other"}); err != nil {
		t.Fatal(err)
	}
	lock := flock.New(path)
	if err := lock.Lock(); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	cmds := filterTo("000_18")
	if d := time.Since(start); d > time.Second {
		t.Errorf("moving to another report took %v while the log was locked", d)
	}
	if m.selected().rep != rep {
		t.Fatal("000_18 not selected again")
	}
	if err := lock.Unlock(); err != nil {
		t.Fatal(err)
	}
	if got := run(cmds); len(got) == 0 {
		t.Fatal("no read of the log started")
	}
	if _, s := m.figureAt(0); s != review.Accepted {
		t.Errorf("the other process's accept shows as %q", s)
	}
}
