package ui

import (
	"slices"
	"testing"

	"gitui/internal/corpus"
	"gitui/internal/extract"
)

// TestShownBounds carries spans of a plain-text report onto the shown
// text: a span past the end of the text, or empty, is not shown.
func TestShownBounds(t *testing.T) {
	text := "我局主动公开政府信息584条。"
	r := &corpus.Report{Path: "bj/r.txt", SHA256: "s", Source: text, Text: text}
	v := newReportView(0, r)
	at := len("我局主动公开政府信息")
	tests := []struct {
		span extract.Span
		ok   bool
	}{
		{extract.Span{Start: at, End: at + 3}, true},
		{extract.Span{Start: at, End: at}, false},
		{extract.Span{Start: at, End: len(text) + 1}, false},
		{extract.Span{Start: len(text) + 1, End: len(text) + 4}, false},
	}
	for _, tt := range tests {
		s, e, ok := v.shown(tt.span)
		if ok != tt.ok {
			t.Errorf("shown(%v) ok = %v, want %v", tt.span, ok, tt.ok)
			continue
		}
		if ok && v.safe.Text[s:e] != "584" {
			t.Errorf("shown(%v) = %q, want 584", tt.span, v.safe.Text[s:e])
		}
	}
}

// FuzzDistinctRunes holds distinctRunes to its definition: the key's
// runes, sorted, each once, without NUL.
func FuzzDistinctRunes(f *testing.F) {
	f.Add("西城区房屋管理局\x00xcqfwgljj\x00xichengqu\x00r.txt\x002014")
	f.Add("\x00\x7f\u0080ÿ\xff")
	f.Fuzz(func(t *testing.T, key string) {
		want := []rune(key)
		slices.Sort(want)
		want = slices.Compact(want)
		if len(want) > 0 && want[0] == 0 {
			want = want[1:]
		}
		if got := distinctRunes(key); !slices.Equal(got, want) {
			t.Fatalf("distinctRunes(%q) = %q, want %q", key, got, want)
		}
	})
}
