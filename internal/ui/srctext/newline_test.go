package srctext

import (
	"strings"
	"testing"
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
