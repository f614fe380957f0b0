package hostile

import (
	"os"
	"strings"
	"testing"
	"time"

	"gitui/internal/extract"
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
			t.Errorf("%s: %q", c.Name, err.Error())
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

func TestReadFromRun(t *testing.T) {
	long := strings.Repeat("9876543210", 40)
	tests := []struct {
		text, value string
		want        bool
	}{
		{"共主动公开政府信息" + long + "条", "9876543210", true},               // ten digits cut from the run
		{"共主动公开政府信息" + long + "条", "0", false},                       // a zero needs no digits
		{"00000000000000000当面申请0件", "0", false},                      // leading zeros are no long number
		{long + "当面申请562件", "562", false},                            // the figure is beside the run
		{"当面申请562件" + strings.Repeat("1", 16) + "562", "562", false}, // and appears outside it
		{"当面申请" + strings.Repeat("1", 16) + "562件", "1562", true},
	}
	for _, tt := range tests {
		v, err := extract.ParseNumber(tt.value)
		if err != nil {
			t.Fatal(err)
		}
		f := extract.Field{ID: "applications.channel.in_person", Value: v, Span: extract.Span{Start: 0, End: len(tt.text)}, Text: tt.text}
		if _, got := readFromRun(f, longDigitRuns(tt.text)); got != tt.want {
			t.Errorf("readFromRun(%.40q, %s) = %v, want %v", tt.text, tt.value, got, tt.want)
		}
	}
}
