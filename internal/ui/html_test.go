package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"gitui/internal/corpus"
	"gitui/internal/extract"
)

// TestHTMLSpansMapIntoText checks the one place offsets cross from Source
// (where field spans live) to the rendered Text the source pane shows.
func TestHTMLSpansMapIntoText(t *testing.T) {
	src := `<html><head><title>x</title><style>p{}</style></head><body>
<h1>西城区房屋管理局2014年政府信息公开工作年度报告</h1>
<p>本年度主动公开政府信息<b>1&#52;91</b>条，接待咨询<span>9800</span>人次。</p>
<table><tr><td>予以公开</td><td>266</td></tr></table></body></html>`
	r, err := corpus.Parse("r.html", []byte(src)) // rendered, with figures replaced below
	if err != nil {
		t.Fatal(err)
	}
	res := extract.Result{Meta: extract.Meta{Agency: "西城区房屋管理局", Year: 2014}}
	for _, f := range []struct{ id, src, shown string }{
		{"proactive.total", "1&#52;91", "1491"}, // a character reference inside the span
		{"consultations.total", "9800", "9800"},
		{"replies.agreed", "266", "266"},
	} {
		i := strings.Index(src, f.src)
		v, _ := extract.ParseNumber(f.shown)
		res.Fields = append(res.Fields, extract.Field{ID: f.id, Value: v, Span: extract.Span{Start: i, End: i + len(f.src)}, Text: f.src})
	}
	if err := r.SetResult(res); err != nil {
		t.Fatal(err)
	}
	m := newLoaded(t, reportEvents([]*corpus.Report{r}, nil), 120, 30)
	press(m, "tab")
	for i, want := range []string{"1491", "9800", "266"} {
		m.setFigure(i)
		fi := m.figureField(i)
		sp := m.src.view.fieldSpan[fi]
		if got := m.src.view.safe.Text[sp.start:sp.end]; got != want {
			t.Errorf("figure %d: span shows %q, want %q", i, got, want)
		}
		if f := screen(m); !strings.Contains(f, "\x1b[7m"+want) {
			t.Errorf("figure %d: %q not in focus:\n%s", i, want, ansi.Strip(f))
		}
	}
}
