package ui

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"strings"
	"testing"

	"gitui/internal/corpus"
	"gitui/internal/extract"
	"gitui/internal/samples"
	"gitui/internal/schema"
)

// The model tests build their reports from real report text with figures
// placed by hand, so that frames do not change when the extractor does.

// fig places field id on the number `num` found after `context` in text.
type fig struct {
	id, context, num string
	approx           bool
}

func sampleText(t testing.TB, name string) string {
	t.Helper()
	b, err := fs.ReadFile(samples.FS(), name)
	if err != nil {
		t.Fatalf("read sample %s: %v", name, err)
	}
	return string(b)
}

// makeReport builds a report of text with the given figures and checks.
func makeReport(t testing.TB, path, agency string, year int, text string, figs []fig, checks []extract.Check) *corpus.Report {
	t.Helper()
	sum := sha256.Sum256([]byte(path + "\x00" + text))
	r := &corpus.Report{Path: path, SHA256: hex.EncodeToString(sum[:]),
		Encoding: "utf-8", Source: text, Text: text}
	res := extract.Result{Meta: extract.Meta{Agency: agency, Year: year, Format: schema.Narrative}, Checks: checks}
	for _, f := range figs {
		c := strings.Index(text, f.context)
		if c < 0 {
			t.Fatalf("%s: context %q not in text", path, f.context)
		}
		i := strings.Index(text[c:], f.num)
		if i < 0 {
			t.Fatalf("%s: %q not after %q", path, f.num, f.context)
		}
		start := c + i
		v, err := extract.ParseNumber(f.num)
		if err != nil {
			t.Fatal(err)
		}
		sf, _ := schema.Lookup(f.id)
		res.Fields = append(res.Fields, extract.Field{ID: f.id, Value: v, Approx: f.approx, Unit: sf.Unit,
			Span: extract.Span{Start: start, End: start + len(f.num)}, Text: f.num})
	}
	if err := r.SetResult(res); err != nil {
		t.Fatal(err)
	}
	return r
}

// fixture is a small corpus: two years of one agency (year over year), an
// unnamed report with “”…① and a failing check, a report carrying escape
// sequences, and a problem.
func fixture(t testing.TB) ([]*corpus.Report, []*corpus.Problem) {
	t.Helper()
	xicheng := sampleText(t, "p044_xicheng_housing_2014.txt")
	a := makeReport(t, "bj/xicheng_housing_2014.txt", "西城区房屋管理局", 2014, xicheng, []fig{
		{"proactive.total", "我局主动公开政府信息", "584", false},
		{"consultations.total", "接待咨询", "1711", true},
		{"reconsideration.total", "行政复议案件", "136", false},
	}, nil)
	prevText := "西城区房屋管理局2013年政府信息公开工作年度报告\n2013年，我局主动公开政府信息502条，接待咨询1711人次。\n"
	b := makeReport(t, "bj/xicheng_housing_2013.txt", "西城区房屋管理局", 2013, prevText, []fig{
		{"proactive.total", "主动公开政府信息", "502", false},
		{"consultations.total", "接待咨询", "1711", false},
	}, nil)
	fengtai := sampleText(t, "000_18bd725a6c48fc58.txt")
	c := makeReport(t, "bj/000_18bd725a6c48fc58.txt", "", 2013, fengtai, []fig{
		{"proactive.total", "共主动公开政府信息", "1491", false},
		{"applications.channel.in_person", "当面申请", "562", false},
		{"applications.channel.letter", "以信函形式申请", "69", false},
		{"replies.agreed", "“同意公开”的", "266", false},
		{"replies.already_public", "“已主动公开”的", "46", false},
		{"replies.refused", "“不予公开答复”的", "19", false},
		{"replies.nonexistent", "“信息不存在”的", "234", false},
		{"replies.not_held", "“非本机关掌握”的", "63", false},
		{"reconsideration.total", "共有", "145", false},
	}, []extract.Check{{
		ID: "replies.sum", OK: false, Expected: extract.Int(631), Actual: extract.Int(628),
		Fields: []string{"replies.agreed", "replies.already_public", "replies.refused", "replies.nonexistent", "replies.not_held"},
	}})
	hostile := "恶意机关2020年政府信息公开工作年度报告\n\x1b]52;c;aGVsbG8=\x07主动公开政府信息12条\x1b[2J，\u202e接待咨询34人次。\n"
	d := makeReport(t, "x/\x1b[31mevil.txt", "恶意机关\x1b[5m", 2020, hostile, []fig{
		{"proactive.total", "主动公开政府信息", "12", false},
		{"consultations.total", "接待咨询", "34", false},
	}, nil)
	p := &corpus.Problem{Path: "bj/scan.pdf.txt", Step: "decode", Err: errors.New("binary data, not text")}
	return []*corpus.Report{a, b, c, d}, []*corpus.Problem{p}
}
