package srctext

import (
	"strings"
	"testing"
	"time"
)

// TestWrapBreaksAtEveryNewline: a line that starts with a negative number
// ("-1+1", a spreadsheet formula, or "-2" in a report) used to be joined
// to the line before it, newline and all (found by internal/hostile).
func TestWrapBreaksAtEveryNewline(t *testing.T) {
	for _, text := range []string{"+1491\n-1+1\n@SUM(A1)\n", "共1491条\n-1条\n", "a\r\n-1"} {
		for _, l := range Wrap(text, 40) {
			if line := text[l.Start:l.End]; strings.ContainsAny(line, "\n") {
				t.Errorf("Wrap(%q) kept a newline inside line %q", text, line)
			}
		}
	}
}

// TestWrapLongUnbreakableLine: a line with no break opportunity (a run of
// 400,000 digits, a base64 image) is cut between clusters in linear time.
// It took 30 s before; the bound is generous, for -race on a busy machine.
func TestWrapLongUnbreakableLine(t *testing.T) {
	text := strings.Repeat("1234567890", 40_000)
	start := time.Now()
	lines := Wrap(text, 78)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("wrapping a 400,000-digit line took %v", d)
	}
	if len(lines) != (len(text)+77)/78 {
		t.Errorf("%d lines, want %d", len(lines), (len(text)+77)/78)
	}
}
