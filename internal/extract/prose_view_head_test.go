package extract

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// TestViewHead holds view.head to newView of the cut text: on crafted
// texts cut at every rune, and on the testdata reports cut at every rune
// of their first lines and at headLimit.
func TestViewHead(t *testing.T) {
	texts := []string{
		"", "\n", "a", "标题\n\n正文", "一、概述\n本年度\n共收到 3 件\n- 3 -\n申请。\n",
		"第一行很长很长很长很长很长很长很长很长很长很长很长\n- 3 -\n第二行", "行\n  \n- 12 -\n\n后文",
		"第 3 页\n正文", "行\n第3页 共5页\n后文", "  \t空格 与\t制表 \n\n\n 行",
	}
	reports := 0
	for _, raw := range testdataReports(t) {
		if utf8.ValidString(raw) {
			texts = append(texts, raw)
			reports++
		}
	}
	if reports < 40 {
		t.Fatalf("only %d UTF-8 reports in testdata", reports)
	}
	taken, made := 0, 0
	for i, text := range texts {
		norm := newDoc(text).norm
		v := newView(norm)
		cuts := []int{runeStartAtOrBefore(norm, min(len(norm), headLimit))}
		limit := len(norm)
		if i >= 10 {
			limit = min(limit, 600) // the reports' first lines
		}
		for h := 0; h <= limit; h++ {
			if h == len(norm) || utf8.RuneStart(norm[h]) {
				cuts = append(cuts, h)
			}
		}
		for _, h := range cuts {
			hv, ok := v.head(norm, h)
			if !ok {
				made++
				continue
			}
			taken++
			want := newView(norm[:h])
			if hv.s != want.s || !slices.Equal(hv.segs, want.segs) {
				t.Fatalf("text %d cut at %d: head\n%q %v\nwant\n%q %v", i, h, hv.s, hv.segs, want.s, want.segs)
			}
		}
	}
	if taken < 10*made {
		t.Errorf("head taken from the whole view %d times, made %d times", taken, made)
	}
	t.Logf("head taken %d times, made %d times", taken, made)
}

func FuzzViewHead(f *testing.F) {
	f.Add("一、概述\n本年度\n共收到 3 件\n- 3 -\n申请。\n", 20)
	f.Add("行\n  \n- 12 -\n\n后文", 9)
	f.Fuzz(func(t *testing.T, text string, h int) {
		norm := newDoc(text).norm
		if h < 0 || h > len(norm) {
			return
		}
		h = runeStartAtOrBefore(norm, h)
		hv, ok := newView(norm).head(norm, h)
		if !ok {
			return
		}
		if want := newView(norm[:h]); hv.s != want.s || !slices.Equal(hv.segs, want.segs) {
			t.Fatalf("cut at %d: head %q %v, want %q %v", h, hv.s, hv.segs, want.s, want.segs)
		}
	})
}
