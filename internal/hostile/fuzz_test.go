package hostile

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"gitui/internal/corpus"
	"gitui/internal/export"
	"gitui/internal/extract"
	"gitui/internal/samples"
	"gitui/internal/ui"
)

// fuzzSeeds adds the hostile payloads and a real report to f's corpus, as
// bytes.
func fuzzSeeds(f *testing.F, add func(data []byte)) {
	f.Helper()
	seed, err := fs.ReadFile(samples.FS(), SeedReport)
	if err != nil {
		f.Fatal(err)
	}
	add(seed)
	add([]byte("共主动公开政府信息" + OSC52 + "1491条\n当面" + C1CSI + "申请562件\r99件" + RLO + "662件"))
	add([]byte("<table><tr><td>申请<td>631<script>9999</script>&#x1b;]52;c;&#155;2J"))
	add([]byte(strings.Repeat("9", 400) + "件"))
	add([]byte("\xff\xfe1\x004\x009\x001\x00"))
	add([]byte("本年新收政府信息公开申请数量\t一\t二\t三\n无\t-\t=1+1\t@SUM(A1)"))
}

// FuzzParse drives bytes through decoding, HTML rendering and extraction
// (corpus.Parse) as a .txt and as an .html file, and holds the result to
// what any input allows: spans that ground, numbers that fit, offset maps
// that stay in range.
func FuzzParse(f *testing.F) {
	fuzzSeeds(f, func(data []byte) { f.Add(data, false); f.Add(data, true) })
	f.Fuzz(func(t *testing.T, raw []byte, asHTML bool) {
		name := "report.txt"
		if asHTML {
			name = "report.html"
		}
		// Inputs are small: seconds mean a blow-up or a hang, not a slow
		// machine. Parse runs aside so that a hang fails (and is saved)
		// instead of stalling the fuzzer.
		type parsed struct {
			r   *corpus.Report
			err error
		}
		done := make(chan parsed, 1)
		go func() {
			r, err := corpus.Parse(name, raw)
			done <- parsed{r, err}
		}()
		var r *corpus.Report
		var err error
		select {
		case p := <-done:
			r, err = p.r, p.err
		case <-time.After(5 * time.Second):
			t.Fatalf("Parse did not return in 5s on %d bytes", len(raw))
		}
		if err != nil {
			if r != nil {
				t.Fatalf("Parse returned a report and an error: %v", err)
			}
			return
		}
		if r.Rendered() {
			prev := 0
			for i := 0; i <= len(r.Text); i++ {
				o := r.SourceOffset(i)
				if o < prev || o > len(r.Source) {
					t.Fatalf("SourceOffset(%d) = %d after %d, source %d bytes", i, o, prev, len(r.Source))
				}
				prev = o
			}
		}
		long := longDigitRuns(r.Source)
		for _, fl := range r.Fields() {
			if fl.Start < 0 || fl.Start >= fl.End || fl.End > len(r.Source) || r.Source[fl.Start:fl.End] != fl.Text {
				t.Fatalf("field %s = %s is not grounded: [%d,%d) %q", fl.ID, fl.Value, fl.Start, fl.End, fl.Text)
			}
			if _, err := extract.ParseNumber(fl.Value.String()); err != nil {
				t.Fatalf("field %s has value %q: %v", fl.ID, fl.Value, err)
			}
			if run, ok := readFromRun(fl, long); ok {
				t.Fatalf("field %s = %s from %q read from inside a %d-digit number", fl.ID, fl.Value, fl.Text, run[1]-run[0])
			}
		}
	})
}

// FuzzExplorerFrame parses a fuzzed report and renders it in the explorer
// at 80×24 with its source open: no control sequence may reach the frame
// and no line may be wider than the terminal.
func FuzzExplorerFrame(f *testing.F) {
	fuzzSeeds(f, func(data []byte) { f.Add(data) })
	f.Fuzz(func(t *testing.T, raw []byte) {
		r, err := corpus.Parse(OSC52+"report\n.txt", raw)
		if err != nil {
			return
		}
		c := &corpus.Corpus{Reports: []*corpus.Report{r}}
		m := ui.New(ui.Options{Root: "fuzz", Events: replay(c)})
		// Keys reach Update directly and the spinner is not waited for:
		// a frame per millisecond or so, not per spinner tick.
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		p := &program{t: t, m: m, msgs: make(chan tea.Msg, 64)}
		p.run(m.Init())
		p.settleIdle(20 * time.Millisecond)
		frameCheck(t, "loaded", m.Render(), 80, 24)
		for _, k := range []tea.KeyPressMsg{{Code: tea.KeyTab}, {Code: tea.KeyDown}, {Code: tea.KeyTab}, key('n', "n")} {
			m.Update(k)
		}
		frameCheck(t, "source", m.Render(), 80, 24)
	})
}

// FuzzExportText holds export.Text, which every text cell of every export
// goes through, to TextLeaks and to never starting a formula.
func FuzzExportText(f *testing.F) {
	for _, s := range []string{"=1+1", "\t=1", "\r=1", "-1+1", "@SUM(A1)", "+1491", OSC52, C1CSI + "=1", "\u202e=1", "\x00=1", "\xff=1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := export.Text(s)
		for _, l := range TextLeaks(got) {
			t.Fatalf("export.Text(%q) = %q leaks %v", s, got, l)
		}
		if formulaStart(got) {
			t.Fatalf("export.Text(%q) = %q starts a formula", s, got)
		}
	})
}

// FuzzParseNumber holds extract.ParseNumber to its contract: at most 15
// integer digits, and a value that reads back as itself.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1491", "-18", "4711.7", "24252.311082", "0000", "-0", "1e5", strings.Repeat("9", 16), "1.", ".5", "１４９１"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := extract.ParseNumber(s)
		if err != nil {
			return
		}
		out := n.String()
		intPart, _, _ := strings.Cut(strings.TrimPrefix(out, "-"), ".")
		if len(intPart) > 15 {
			t.Fatalf("ParseNumber(%q) = %s: %d integer digits", s, out, len(intPart))
		}
		back, err := extract.ParseNumber(out)
		if err != nil || !back.Equal(n) || back.String() != out {
			t.Fatalf("ParseNumber(%q) = %s does not read back (%v, %v)", s, out, back, err)
		}
		if n.Rat() == nil {
			t.Fatalf("ParseNumber(%q) = %s has no exact value", s, out)
		}
	})
}

// FuzzExtractShift is a metamorphic check of the extractor, numerals and
// table mapping included: a blank line before a report moves every figure
// one byte on and changes nothing else. A figure that appears, vanishes or
// changes value is read from something other than the report's words.
func FuzzExtractShift(f *testing.F) {
	fuzzSeeds(f, func(data []byte) { f.Add(string(data)) })
	f.Add("二〇一三年共主动公开政府信息一千四百九十一条，受理申请六百三十一件。")
	f.Add("本年新收政府信息公开申请数量 | 3001 | 53 | 0 | 0 | 61 | 4 | 3119\n")
	f.Fuzz(func(t *testing.T, text string) {
		want := shifted(extract.Extract(text).Fields, 1)
		got := shifted(extract.Extract("\n"+text).Fields, 0)
		if want != got {
			t.Fatalf("a leading newline changed the figures of %q:\nwithout: %s\nwith:    %s", text, want, got)
		}
	})
}

// shifted lists fields as "id=value@start:end", spans moved by d.
func shifted(fields []extract.Field, d int) string {
	var b strings.Builder
	for _, f := range fields {
		fmt.Fprintf(&b, "%s=%s@%d:%d ", f.ID, f.Value, f.Start+d, f.End+d)
	}
	return b.String()
}
