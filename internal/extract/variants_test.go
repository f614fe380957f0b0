package extract_test

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/encoding/simplifiedchinese"

	"gitui/internal/corpus"
	"gitui/internal/extract"
)

// The same report can reach gitui in many shapes: Traditional script,
// full-width digits and punctuation, CRLF line ends, GB18030 bytes, or an
// HTML page. The figures must not depend on the shape. These tests rewrite
// every report in testdata and require the same figures, each grounded in
// the rewritten text.

// figures returns the fields of r as sorted "id=value" strings.
func figures(fields []extract.Field) []string {
	out := make([]string, 0, len(fields))
	for _, f := range fields {
		out = append(out, f.ID+"="+f.Value.String())
	}
	sort.Strings(out)
	return out
}

func testReports(t *testing.T) map[string]string {
	t.Helper()
	var names []string
	for _, dir := range []string{"../../testdata/seeds", "../../testdata/dev/reports"} {
		m, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, m...)
	}
	out := make(map[string]string, len(names))
	for _, n := range names {
		raw, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		text, _, err := corpus.Decode(raw)
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		out[filepath.Base(n)] = text
	}
	return out
}

// sameFigures compares two extractions of one report and checks grounding
// of the second in its text.
func sameFigures(t *testing.T, name, variant string, want []extract.Field, got []extract.Field, text string) {
	t.Helper()
	for _, f := range got {
		if f.Start < 0 || f.End > len(text) || f.Start >= f.End || text[f.Start:f.End] != f.Text {
			t.Errorf("%s (%s): %s not grounded in the rewritten text", name, variant, f.ID)
		}
	}
	w, g := figures(want), figures(got)
	if strings.Join(w, " ") != strings.Join(g, " ") {
		t.Errorf("%s (%s): figures differ\n only original: %v\n only %s: %v", name, variant,
			minus(w, g), variant, minus(g, w))
	}
}

func minus(a, b []string) []string {
	in := make(map[string]bool, len(b))
	for _, s := range b {
		in[s] = true
	}
	var out []string
	for _, s := range a {
		if !in[s] {
			out = append(out, s)
		}
	}
	return out
}

func TestVariantFullWidth(t *testing.T) {
	toFull := strings.NewReplacer(
		"0", "０", "1", "１", "2", "２", "3", "３", "4", "４", "5", "５", "6", "６", "7", "７", "8", "８", "9", "９",
		"(", "（", ")", "）", ",", "，", ":", "：", ";", "；", "|", "｜", ".", "．")
	for name, text := range testReports(t) {
		want := extract.Extract(text)
		full := toFull.Replace(text)
		got := extract.Extract(full)
		sameFigures(t, name, "full-width", want.Fields, got.Fields, full)
		if got.Year != want.Year || got.Format != want.Format {
			t.Errorf("%s (full-width): year/format %d/%s, want %d/%s", name, got.Year, got.Format, want.Year, want.Format)
		}
	}
}

func TestVariantCRLF(t *testing.T) {
	for name, text := range testReports(t) {
		if strings.Contains(text, "\r\n") {
			continue
		}
		want := extract.Extract(text)
		crlf := strings.ReplaceAll(text, "\n", "\r\n")
		got := extract.Extract(crlf)
		sameFigures(t, name, "CRLF", want.Fields, got.Fields, crlf)
	}
}

func TestVariantTraditional(t *testing.T) {
	cc, err := opencc.New("s2t")
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range testReports(t) {
		want := extract.Extract(text)
		trad, err := cc.Convert(text)
		if err != nil {
			t.Fatal(err)
		}
		if len([]rune(trad)) != len([]rune(text)) {
			// Phrase rules changed the length; the figures may legitimately
			// move, and the rune-for-rune premise of this test is gone.
			t.Logf("%s: s2t changed the rune count; compared anyway", name)
		}
		got := extract.Extract(trad)
		sameFigures(t, name, "Traditional", want.Fields, got.Fields, trad)
	}
}

// TestVariantEncodedAndHTML goes through the corpus package: GB18030 bytes
// and an HTML page of the same report give the same figures, grounded in
// the decoded source.
func TestVariantEncodedAndHTML(t *testing.T) {
	for name, text := range testReports(t) {
		want := extract.Extract(text)

		gb, err := simplifiedchinese.GB18030.NewEncoder().String(text)
		if err == nil {
			r, err := corpus.Parse(name, []byte(gb))
			if err != nil {
				t.Errorf("%s (GB18030): %v", name, err)
			} else {
				sameFigures(t, name, "GB18030", want.Fields, r.Fields(), r.Source)
			}
		}

		page := htmlPage(text)
		r, err := corpus.Parse(strings.TrimSuffix(name, ".txt")+".html", []byte(page))
		if err != nil {
			t.Errorf("%s (HTML): %v", name, err)
			continue
		}
		sameFigures(t, name, "HTML", want.Fields, r.Fields(), r.Source)
	}
}

// htmlPage renders text as a web page would carry it: each line a
// paragraph, lines with cell separators a table row, boilerplate around.
func htmlPage(text string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><title>年度报告</title><style>p{margin:0}</style>" +
		"<script>var x = '主动公开政府信息9999条';</script></head><body><nav>首页 | 政务公开</nav>\n")
	inTable := false
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.Contains(line, "|") {
			if !inTable {
				b.WriteString("<table>\n")
				inTable = true
			}
			b.WriteString("<tr>")
			for _, cell := range strings.Split(strings.Trim(line, "| "), "|") {
				fmt.Fprintf(&b, "<td>%s</td>", html.EscapeString(strings.TrimSpace(cell)))
			}
			b.WriteString("</tr>\n")
			continue
		}
		if inTable {
			b.WriteString("</table>\n")
			inTable = false
		}
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(line))
	}
	if inTable {
		b.WriteString("</table>\n")
	}
	// Page furniture after the report, as web pages have; it also keeps a
	// cut-off last row from ending the text (a number at the very end of a
	// text may itself be cut, and is rightly not read).
	b.WriteString("<footer>版权所有 主办单位</footer></body></html>\n")
	return b.String()
}
