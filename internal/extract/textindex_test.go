package extract

import (
	"slices"
	"strings"
	"testing"
)

// TestIndexText holds indexText to strings.Index on real report text.
func TestIndexText(t *testing.T) {
	text := strings.Repeat("根据《条例》第二十条,本年新收政府信息公开申请 12 件,", 4) +
		"第二十条第(一)项\n信息内容 | 本年新制作数量\n二〇二一年 年 A"
	for _, sub := range []string{"第二十条", "第二十条第(", "信息内容", "年", "年 A", "A", "", "不存在的词", "件,", "(一)", text, text + "x"} {
		for i := 0; i <= len(text); i += 7 {
			if got, want := indexText(text[i:], sub), strings.Index(text[i:], sub); got != want {
				t.Errorf("indexText(text[%d:], %q) = %d, want %d", i, sub, got, want)
			}
		}
	}
}

// BenchmarkIndexText compares indexText with strings.Index on needles
// the rules search whole reports for.
func BenchmarkIndexText(b *testing.B) {
	docs, n := benchDocs(b)
	for _, tc := range []struct {
		name  string
		index func(s, sub string) int
	}{{"strings.Index", strings.Index}, {"indexText", indexText}} {
		for _, sub := range []string{"未经复议直接起诉", "门户网站", "(以下简称", "国办公开办函", "年", "年,"} {
			b.Run(tc.name+"/"+sub, func(b *testing.B) {
				loopCPU(b, n, func() {
					for _, d := range docs {
						for k := 0; ; {
							j := tc.index(d.norm[k:], sub)
							if j < 0 {
								break
							}
							k += j + len(sub)
						}
					}
				})
			})
		}
	}
}

// FuzzIndexText holds indexText to strings.Index on any text and word.
func FuzzIndexText(f *testing.F) {
	f.Add(strings.Repeat("本年新收政府信息公开申请12件,", 5), "申请12件,")
	f.Add(strings.Repeat("年", 30)+"年度,", "年度,")
	f.Fuzz(func(t *testing.T, s, sub string) {
		if got, want := indexText(s, sub), strings.Index(s, sub); got != want {
			t.Fatalf("indexText(%q, %q) = %d, want %d", s, sub, got, want)
		}
	})
}

// TestZeroWords holds the zero words mentions finds to every start of a
// word of zeroFound, on crafted text and on the views of the testdata
// reports, where numbers hold 零 ("一千零五").
func TestZeroWords(t *testing.T) {
	texts := []string{
		"本年度未收到政府信息公开申请,没有发生行政复议,费用为零。无。不存在不予公开的情况,未",
		"收到一千零五件,零件3件,为零,二〇二〇年无", "零", "为", "3件零", "",
	}
	texts = append(texts, testdataReports(t)...)
	found := 0
	for _, text := range texts {
		v := newView(newDoc(text).norm)
		var want []int
		for i := range len(v.s) {
			if _, ok := prefixAny(v.s[i:], zeroFound...); ok {
				want = append(want, i)
			}
		}
		_, got := v.mentions()
		if !slices.Equal(got, want) {
			t.Fatalf("zero words in %.60q: got %v, want %v", v.s, got, want)
		}
		found += len(got)
	}
	if found < 100 {
		t.Errorf("only %d zero words found", found)
	}
}

// TestWordSet holds wordSet.in to hasAny on every clause of the test
// reports' prose, and on texts cut anywhere.
func TestWordSet(t *testing.T) {
	words := []string{"上年", "去年", "上一年", "同比", "相比", "较上", "比上", "增加", "减少", "下降", "增长", "提高", "a", "年,"}
	ws := newWordSet(words...)
	texts := []string{"", "上", "上年", "较上年增加", "abc", "x年,", "年", "本年度共收到申请45件,较去年增长"}
	for _, raw := range testdataReports(t) {
		v := newView(newDoc(raw).norm)
		for _, m := range mentionsOf(v) {
			texts = append(texts, m.left, m.right, v.s[m.leftAt:])
		}
	}
	for _, s := range texts {
		if got, want := ws.in(s), hasAny(s, words...); got != want {
			t.Errorf("in(%q) = %v, hasAny = %v", s, got, want)
		}
	}
}

// mentionsOf returns v's mentions alone.
func mentionsOf(v *view) []mention {
	m, _ := v.mentions()
	return m
}
