package hostile

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestWriteCases(t *testing.T) {
	dir := t.TempDir()
	start := time.Now()
	cases, err := Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d cases in %v", len(cases), time.Since(start))
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.Name] {
			t.Errorf("case name %q used twice", c.Name)
		}
		seen[c.Name] = true
		if c.Skipped != "" {
			t.Logf("%s skipped: %s", c.Name, c.Skipped)
			continue
		}
		if _, err := os.Lstat(c.Path); err != nil {
			t.Errorf("%s: %v", c.Name, err)
		}
	}
	for _, want := range []string{"empty", "binary-png", "binary-zip", "binary-elf", "nul-filled", "invalid-utf8",
		"mixed-gb18030-utf8", "utf16le-no-bom", "million-lines", "only-digits", "html-deep", "html-deep-unclosed",
		"html-unclosed", "html-wide-table", "text-wide-table", "long-numbers", "wu-only", "escapes",
		"name-newline", "name-spaces", "name-non-utf8", "loop-self.txt", "unreadable"} {
		if !seen[want] {
			t.Errorf("no case %q", want)
		}
	}
	esc, err := os.ReadFile(dir + "/escapes.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{OSC52, OSC8, ClearCSI, C1CSI, RLO, "\r以信函", "\x9b31m"} {
		if !strings.Contains(string(esc), p) {
			t.Errorf("escapes.txt lacks payload %q", p)
		}
	}
}

func TestReplaceCounts(t *testing.T) {
	got := replaceCounts("我分局2013年共主动公开政府信息1491条，占89.06%；申请69件,接待12人次", "X")
	want := "我分局2013年共主动公开政府信息X条，占89.06%；申请X件,接待X人次"
	if got != want {
		t.Errorf("replaceCounts = %q, want %q", got, want)
	}
}
