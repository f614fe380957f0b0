package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"gitui/internal/corpus"
	"gitui/internal/review"
)

// runChecks runs cmd as the program would and feeds back the file checks
// among its messages.
func runChecks(m *Model, cmd tea.Cmd) int {
	if cmd == nil {
		return 0
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(2 * time.Second):
		return 0 // a timer, not a check
	}
	switch msg := msg.(type) {
	case fileCheckedMsg:
		if _, distrust := m.Update(msg); distrust != nil {
			distrust()
		}
		return 1
	case tea.BatchMsg:
		n := 0
		for _, c := range msg {
			n += runChecks(m, c)
		}
		return n
	}
	return 0
}

// TestChangedFileMarked opens reports from the cache, one of whose files
// was edited in a way that keeps its size and time: opening it says so
// and refuses reviews; the other report is left alone.
func TestChangedFileMarked(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	for _, name := range []string{"p044_xicheng_housing_2014.txt", "p023_shanghai_hrss_2011.txt"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(sampleText(t, name)), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, old, old)
	}
	opt := corpus.Options{CacheDir: filepath.Join(t.TempDir(), "cache")}
	for range 2 {
		if _, err := corpus.LoadAll(context.Background(), []string{dir}, opt); err != nil {
			t.Fatal(err)
		}
	}
	c, err := corpus.LoadAll(context.Background(), []string{dir}, opt)
	if err != nil || len(c.Reports) != 2 || !c.Reports[0].Cached || !c.Reports[1].Cached {
		t.Fatalf("cached load: %v", err)
	}
	edited := filepath.Join(dir, "p044_xicheng_housing_2014.txt")
	raw, _ := os.ReadFile(edited)
	raw[len(raw)-2] ^= 1
	os.WriteFile(edited, raw, 0o644)
	os.Chtimes(edited, old, old)

	st, err := review.Open(filepath.Join(t.TempDir(), "reviews.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	ch := reportEvents(c.Reports, nil)
	m := New(Options{Root: dir, Events: ch, NoColor: true, Review: review.NewSession(st, "tester"), CacheDir: opt.CacheDir})
	m.Update(tea.WindowSizeMsg{Width: 150, Height: 40})
	drain(m)
	for _, want := range []struct {
		agency  string
		changed bool
	}{{"西城", true}, {"上海", false}} {
		for _, k := range append([]string{"/", "esc", "/"}, append(strings.Split(want.agency, ""), "enter", "j")...) {
			_, cmd := m.Update(keyMsg(k))
			runChecks(m, cmd)
		}
		e := m.selected()
		if e == nil || e.rep == nil || !strings.Contains(e.agency, want.agency) {
			t.Fatalf("%s not selected", want.agency)
		}
		frame := screen(m)
		if got := strings.Contains(frame, "file changed on disk"); got != want.changed {
			t.Errorf("%s: marked changed %v, want %v:\n%s", want.agency, got, want.changed, frame)
		}
		_, cmd := m.Update(keyMsg("a"))
		if refused := cmd == nil && strings.Contains(m.message, "changed on disk"); refused != want.changed {
			t.Errorf("%s: review refused %v, want %v (%q)", want.agency, refused, want.changed, m.message)
		}
	}

	// Reopened, the changed file is read again, the other is not.
	c, err = corpus.LoadAll(context.Background(), []string{dir}, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range c.Reports {
		if r.Cached == (r.Path == edited) {
			t.Errorf("%s: from the cache %v after the explorer found it changed", r.Path, r.Cached)
		}
	}
}
