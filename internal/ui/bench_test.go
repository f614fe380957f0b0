package ui

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"

	"gitui/internal/corpus"
	"gitui/internal/extract"
)

const benchReports = 100_000

var (
	bigOnce    sync.Once
	bigEntries []*entry
)

// bigCorpus returns 100,000 synthetic reports, prepared as the loader
// prepares them: 5,000 agencies with 20 years each, sharing one real text
// and its figures (memory stays small; the index does not know).
func bigCorpus(b *testing.B) []*entry {
	bigOnce.Do(func() {
		reps, _ := fixture(b)
		base := reps[2] // the unnamed report: 9 figures, a failing check
		baseRes := base.Result()
		places := []string{"北京市", "上海市", "西城区", "海淀区", "朝阳区", "平潭", "长春市", "抚远市", "石岛", "长宁区"}
		kinds := []string{"国土资源局", "住房和城乡建设委员会", "人力资源和社会保障局", "自然资源局", "人民政府办公室",
			"财政局", "教育局", "卫生健康委员会", "生态环境局", "交通运输局"}
		bigEntries = make([]*entry, 0, benchReports)
		for i := 0; len(bigEntries) < benchReports; i++ {
			agency := fmt.Sprintf("%s%s第%d分局", places[i%len(places)], kinds[(i/len(places))%len(kinds)], i)
			for y := 2004; y < 2024 && len(bigEntries) < benchReports; y++ {
				r := &corpus.Report{Path: fmt.Sprintf("c/%05d/%d.txt", i, y), SHA256: fmt.Sprintf("%064x", len(bigEntries)),
					Encoding: "utf-8", Source: base.Source, Text: base.Text}
				res := baseRes
				res.Agency, res.Year = agency, y
				if err := r.SetResult(res); err != nil {
					b.Fatal(err)
				}
				bigEntries = append(bigEntries, newEntry(r, nil))
			}
		}
	})
	return bigEntries
}

// bigModel is a 150×45 explorer with the 100,000 reports loaded in
// batches as the loader delivers them.
func bigModel(b *testing.B) *Model {
	entries := bigCorpus(b)
	m := New(Options{Root: "big", NoColor: true})
	m.Update(tea.WindowSizeMsg{Width: 150, Height: 45})
	for i := 0; i < len(entries); i += batchMax {
		m.Update(batchMsg{entries: entries[i:min(i+batchMax, len(entries))]})
	}
	m.done = true
	return m
}

// keystroke sends one key and draws the frame, as the program does.
func keystroke(m *Model, k tea.KeyPressMsg) {
	m.Update(k)
	_ = m.View()
}

func BenchmarkFirstFrameWhileLoading(b *testing.B) {
	for b.Loop() {
		ch := make(chan corpus.Event)
		m := New(Options{Root: "big", Events: ch, NoColor: true})
		m.Init()
		m.Update(tea.WindowSizeMsg{Width: 150, Height: 45})
		_ = m.View()
	}
}

func BenchmarkBatchInto100k(b *testing.B) {
	m := bigModel(b)
	extra := bigCorpus(b)[:batchMax]
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		m.idx.entries = m.idx.entries[:benchReports]
		m.idx.order = m.idx.order[:benchReports]
		for r, p := range m.idx.post {
			n := len(p)
			for n > 0 && p[n-1] >= benchReports {
				n--
			}
			m.idx.post[r] = p[:n]
		}
		b.StartTimer()
		m.idx.add(extra)
	}
}

func BenchmarkMoveSelection100k(b *testing.B) {
	m := bigModel(b)
	down, up := keyMsg("j"), keyMsg("k")
	keystroke(m, keyMsg("g"))
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if i%200 < 100 {
			keystroke(m, down)
		} else {
			keystroke(m, up)
		}
		i++
	}
}

func BenchmarkMoveFigure100k(b *testing.B) {
	m := bigModel(b)
	keystroke(m, keyMsg("tab"))
	down, up := keyMsg("j"), keyMsg("k")
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if i%16 < 8 {
			keystroke(m, down)
		} else {
			keystroke(m, up)
		}
		i++
	}
}

func BenchmarkScrollSource100k(b *testing.B) {
	m := bigModel(b)
	press(m, "tab", "tab")
	down, up := keyMsg("ctrl+d"), keyMsg("ctrl+u")
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if i%6 < 3 {
			keystroke(m, down)
		} else {
			keystroke(m, up)
		}
		i++
	}
}

// BenchmarkFilterKeystroke100k types one character into the agency filter
// and takes it back: each op is two keystrokes over 100,000 reports.
func BenchmarkFilterKeystroke100k(b *testing.B) {
	for _, tc := range []struct{ name, prefix, char string }{
		{"first-char", "", "长"},
		{"narrowing", "长春市", "财"},
		{"pinyin", "ccs", "c"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			m := bigModel(b)
			press(m, "/")
			typeText(m, tc.prefix)
			r := []rune(tc.char)[0]
			add := tea.KeyPressMsg{Code: r, Text: tc.char}
			del := keyMsg("backspace")
			b.ResetTimer()
			for b.Loop() {
				keystroke(m, add)
				keystroke(m, del)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(2*b.N), "ns/keystroke")
		})
	}
}

// BenchmarkOpenHugeReport selects a 20 MB report and draws it with its
// last figure's span in view: the source is wrapped only where shown.
func BenchmarkOpenHugeReport(b *testing.B) {
	reps, _ := fixture(b)
	base := reps[2]
	var sb strings.Builder
	for sb.Len() < 20<<20 {
		sb.WriteString(base.Text)
	}
	text := sb.String()
	r := &corpus.Report{Path: "huge.txt", SHA256: "huge", Encoding: "utf-8", Source: text, Text: text}
	r.Agency, r.Year = "巨大机关", 2020
	res := extract.Result{Meta: r.Meta}
	for _, f := range base.Fields() {
		f.Start += len(text) - len(base.Text)
		f.End += len(text) - len(base.Text)
		res.Fields = append(res.Fields, f)
	}
	if err := r.SetResult(res); err != nil {
		b.Fatal(err)
	}
	m := New(Options{NoColor: true})
	m.Update(tea.WindowSizeMsg{Width: 150, Height: 45})
	m.Update(batchMsg{entries: []*entry{newEntry(r, nil)}})
	b.ResetTimer()
	for b.Loop() {
		m.cache = viewCache{}
		m.selectEntry(0)
		m.setFigure(r.NumFields() - 1)
		_ = m.View()
	}
}
