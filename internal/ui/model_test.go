package ui

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

var update = flag.Bool("update", false, "rewrite the golden frames in testdata")

func fixtureModel(t testing.TB, w, h int) *Model {
	t.Helper()
	return newLoaded(t, reportEvents(fixture(t)), w, h)
}

// checkFrame fails when the frame is not exactly h lines of at most w cells.
func checkFrame(t *testing.T, frame string, w, h int) {
	t.Helper()
	lines := strings.Split(frame, "\n")
	if len(lines) != h {
		t.Errorf("%d×%d: frame has %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if cw := ansi.StringWidth(l); cw > w {
			t.Errorf("%d×%d: line %d is %d cells wide: %q", w, h, i, cw, ansi.Strip(l))
		}
		if strings.ContainsAny(ansi.Strip(l), "\x1b\x07\u202e") {
			t.Errorf("%d×%d: line %d carries a control from report text: %q", w, h, i, l)
		}
	}
}

func golden(t *testing.T, name, frame string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	got := ansi.Strip(frame) + "\n"
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden %s: %v (run go test -update)", path, err)
	}
	if got != string(want) {
		t.Errorf("frame differs from %s (run go test -update and review the diff):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

// TestWidthSweep draws the explorer at every width from 60 to 220 on
// reports with Chinese, full-width punctuation, “”…① and escape sequences:
// no line may be wider than the window, and a few widths are golden.
func TestWidthSweep(t *testing.T) {
	goldens := map[int]bool{60: true, 80: true, 120: true, 150: true, 220: true}
	for w := 60; w <= 220; w++ {
		for _, h := range []int{minHeight, 24, 45} {
			if h != 45 && w%3 != 0 {
				continue // every width at full height, every third shorter
			}
			m := fixtureModel(t, w, h)
			// The unnamed report: its failing check, its “”①, the source
			// scrolled to the selected figure.
			press(m, "/")
			typeText(m, "000")
			press(m, "enter", "tab", "j", "j", "j")
			frame := screen(m)
			checkFrame(t, frame, w, h)
			if goldens[w] && h == 45 {
				golden(t, fmt.Sprintf("sweep_%d", w), frame)
			}
			// The line editor open on a long value, then the help overlay.
			press(m, "tab", "/")
			typeText(m, "“同意公开”的266件，占总数的42.36%；①…")
			checkFrame(t, screen(m), w, h)
			press(m, "esc")
			m.help = true
			checkFrame(t, screen(m), w, h)
		}
	}
}

func TestTooSmall(t *testing.T) {
	for _, sz := range [][2]int{{49, 30}, {120, 13}, {10, 3}} {
		m := fixtureModel(t, sz[0], sz[1])
		f := screen(m)
		if sz[0] >= 20 {
			has(t, f, "terminal too small")
		}
		checkFrame(t, f, sz[0], sz[1])
		// Resizing back restores the panes.
		m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		has(t, screen(m), "agencies")
	}
}
