package corpus

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// pageHTML is the shape of a crawled report page: boilerplate around a
// body of paragraphs and the 2019 statistics table.
const pageHTML = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>2021年政府信息公开工作年度报告</title>
<style>td { border: 1px }</style><script>var n = 123;</script></head>
<body><nav><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></nav>
<div class="content">
<h1>平潭综合实验区2021年政府信息公开工作年度报告</h1>
<p>　　本年度共收到政府信息公开申请&nbsp;45&nbsp;件，
其中当面申请3件。</p>
<p>收费金额为0&#20803;。R&amp;D 经费&#x31;2万元。</p>
<table>
<tr><th>信息内容</th><th>本年制发件数</th><th>本年废止件数</th></tr>
<tr><td>规章</td><td>
  0
</td><td>1</td></tr>
<tr><td>规范性文件</td><td>12</td><td>3</td></tr>
</table>
第一行<br>第二行<br/>第三行
<pre>  一、  总体情况
  二、 主动公开</pre>
</div>
<footer>2022年1月20日</footer>
</body></html>`

func TestRenderHTML(t *testing.T) {
	tests := []struct {
		name, html, want string
	}{
		{"page", pageHTML, "平潭综合实验区2021年政府信息公开工作年度报告\n" +
			"　　本年度共收到政府信息公开申请\u00a045\u00a0件， 其中当面申请3件。\n" +
			"收费金额为0元。R&D 经费12万元。\n" +
			"信息内容 | 本年制发件数 | 本年废止件数\n" +
			"规章 | 0 | 1\n" +
			"规范性文件 | 12 | 3\n" +
			"第一行\n第二行\n第三行\n" +
			"  一、  总体情况\n  二、 主动公开\n" +
			"2022年1月20日"},
		{"unclosed head ends at body", "<head><title>x</title><body><p>共5件</p>", "共5件"},
		{"unknown entity kept", "<p>A&B &foo; &amp;c</p>", "A&B &foo; &c"},
		{"entity prefix", "<p>&ampx &lt3</p>", "&x <3"},
		{"nested tables", "<table><tr><td>a<table><tr><td>1</td><td>2</td></tr></table></td><td>b</td></tr></table>",
			"a\n1 | 2\n | b"},
		{"comment dropped", "<p>申请<!-- 12 -->3件</p>", "申请3件"},
		{"NUL kept", "<p>共\x005件</p>", "共\x005件"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, off := RenderHTML(tt.html)
			if text != tt.want {
				t.Errorf("RenderHTML text:\n%q\nwant:\n%q", text, tt.want)
			}
			checkOffsets(t, tt.html, text, off)
		})
	}
}

// checkOffsets checks the contract of RenderHTML's offset map.
func checkOffsets(t *testing.T, src, text string, off []int32) {
	t.Helper()
	if len(off) != len(text)+1 {
		t.Fatalf("len(toSource) = %d, want len(text)+1 = %d", len(off), len(text)+1)
	}
	if off[len(text)] != int32(len(src)) {
		t.Fatalf("toSource[len(text)] = %d, want len(src) = %d", off[len(text)], len(src))
	}
	for i := range off {
		if off[i] < 0 || int(off[i]) > len(src) {
			t.Fatalf("toSource[%d] = %d out of [0, %d]", i, off[i], len(src))
		}
		if i > 0 && off[i] < off[i-1] {
			t.Fatalf("toSource[%d] = %d < toSource[%d] = %d", i, off[i], i-1, off[i-1])
		}
	}
	// The packed map a report keeps must answer as the full one does.
	m := newOffsetMap(off)
	if !m.valid(len(text), len(src)) {
		t.Fatal("packed map not valid")
	}
	for i, o := range off {
		if got := m.source(i); got != int(o) {
			t.Fatalf("packed map: source(%d) = %d, want %d", i, got, o)
		}
	}
	for s := 0; s <= len(src)+1; s++ {
		want := sort.Search(len(off), func(i int) bool { return int(off[i]) >= s })
		if want == len(off) {
			want = -1
		}
		if got := m.first(s); got != want {
			t.Fatalf("packed map: first(%d) = %d, want %d", s, got, want)
		}
	}
}

// TestRenderHTMLDigitsMap checks that every number of the rendered page maps
// back to a slice of the page that contains it.
func TestRenderHTMLDigitsMap(t *testing.T) {
	text, off := RenderHTML(pageHTML)
	digits := regexp.MustCompile(`[0-9]+`)
	locs := digits.FindAllStringIndex(text, -1)
	if len(locs) < 10 {
		t.Fatalf("only %d numbers rendered", len(locs))
	}
	r := &Report{Source: pageHTML, Text: text, toSource: newOffsetMap(off)}
	for _, loc := range locs {
		num := text[loc[0]:loc[1]]
		s, e, ok := r.sourceSpan(loc[0], loc[1])
		if !ok {
			t.Errorf("%q at %d: not mapped", num, loc[0])
			continue
		}
		if src := pageHTML[s:e]; !strings.Contains(html.UnescapeString(src), num) {
			t.Errorf("%q at %d maps to %q", num, loc[0], src)
		}
	}
	// A number written as a character reference maps to the reference.
	i := strings.Index(text, "12万元")
	s, e, ok := r.sourceSpan(i, i+2)
	if !ok || pageHTML[s:e] != "&#x31;2" {
		t.Errorf("sourceSpan(12) = %q, %v; want %q", pageHTML[s:e], ok, "&#x31;2")
	}
}

func FuzzRenderHTML(f *testing.F) {
	f.Add(pageHTML)
	f.Add("<table><tr><td>1<td>2<tr><td>&#x31;&#0;&amp")
	f.Add("<script>var a='</scr'+'ipt>';</script><p>x")
	f.Add("<head><body><pre>\r\n a\tb</pre>&nbsp;")
	f.Fuzz(func(t *testing.T, src string) {
		text, off := RenderHTML(src)
		checkOffsets(t, src, text, off)
	})
}

// TestTextOffset checks that TextOffset and SourceOffset agree on every
// byte of text of a rendered page.
func TestTextOffset(t *testing.T) {
	text, off := RenderHTML(pageHTML)
	r := &Report{Source: pageHTML, Text: text, toSource: newOffsetMap(off)}
	for i := 0; i < len(text); i++ {
		src := r.SourceOffset(i)
		j := r.TextOffset(src)
		if j < 0 || j > i || r.SourceOffset(j) != src {
			t.Fatalf("text %d → source %d → text %d", i, src, j)
		}
	}
	if got := r.TextOffset(len(pageHTML) + 1); got != -1 {
		t.Errorf("TextOffset past the end = %d, want -1", got)
	}
	plain := &Report{Source: simplified, Text: simplified}
	if plain.TextOffset(7) != 7 || plain.TextOffset(len(simplified)+1) != -1 {
		t.Error("TextOffset of plain text is not the identity")
	}
}
