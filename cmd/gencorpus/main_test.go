package main

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/longbridgeapp/opencc"

	"gitui/internal/corpus"
	"gitui/internal/samples"
)

func TestGenerate(t *testing.T) {
	filler, err := fillerSentences(samples.FS())
	if err != nil {
		t.Fatal(err)
	}
	s2t, err := opencc.New("s2tw")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for i := range 300 {
		f, err := makeFile(i, 7, filler, s2t, false)
		if err != nil {
			t.Fatal(err)
		}
		again, err := makeFile(i, 7, filler, s2t, false)
		if err != nil {
			t.Fatal(err)
		}
		if f.name != again.name || !bytes.Equal(f.raw, again.raw) {
			t.Fatalf("report %d differs between two runs of one seed", i)
		}
		text, enc, err := corpus.Decode(f.raw)
		if err != nil || enc != f.encoding {
			t.Fatalf("%s: decodes as %s, %v; written as %s", f.name, enc, err, f.encoding)
		}
		if !f.traditional && text != f.rep.text && text != crlf(f.rep.text) {
			t.Fatalf("%s: decoded text is not the generated text", f.name)
		}
		seen[f.rep.format]++
		seen[f.rep.layout]++
		seen[f.encoding]++
		if f.traditional {
			seen["traditional"]++
		}
		checkIdentities(t, f)
		if p, err := makeFile(i, 7, filler, s2t, true); err != nil || p.encoding != corpus.EncUTF8 || p.rep.layout == layoutHTML {
			t.Fatalf("plain report %d: %v, %s, %s", i, err, p.encoding, p.rep.layout)
		}
	}
	for _, k := range []string{narrative, table2019, table2021, layoutPipe, layoutTab, layoutLines, layoutSpaces, layoutHTML,
		corpus.EncUTF8, corpus.EncGB18030, corpus.EncBig5, "traditional"} {
		if seen[k] < 3 {
			t.Errorf("only %d reports of kind %s in 300", seen[k], k)
		}
	}
}

func crlf(s string) string { return string(bytes.ReplaceAll([]byte(s), []byte("\n"), []byte("\r\n"))) }

// checkIdentities checks identities 1, 2 and 4 of schema.md on the figures
// of a table report.
func checkIdentities(t *testing.T, f *file) {
	t.Helper()
	v := func(id string) int {
		n, err := strconv.Atoi(f.rep.fields[id])
		if err != nil {
			t.Fatalf("%s: %s = %q", f.name, id, f.rep.fields[id])
		}
		return n
	}
	if f.rep.format == narrative {
		return
	}
	for _, c := range columns {
		a := "applications."
		if v(a+"new."+c.id)+v(a+"carried_over."+c.id) != v(a+"outcome_total."+c.id)+v(a+"carried_forward."+c.id) {
			t.Errorf("%s: column %s: new + carried over != outcome total + carried forward", f.name, c.id)
		}
	}
	for _, row := range []string{"new", "disclosed", "outcome_total", "withheld.third_party"} {
		sum := 0
		for _, c := range columns[:6] {
			sum += v("applications." + row + "." + c.id)
		}
		if sum != v("applications."+row+".total") {
			t.Errorf("%s: row %s does not sum to its total", f.name, row)
		}
	}
	for _, id := range []string{"reconsideration", "litigation.direct", "litigation.after_reconsideration"} {
		if v(id+".upheld")+v(id+".corrected")+v(id+".other")+v(id+".pending") != v(id+".total") {
			t.Errorf("%s: %s does not sum to its total", f.name, id)
		}
	}
}
