package extract

import (
	"slices"
	"strings"
	"testing"
)

// TestMayBePageNumber holds the quick test to pageNumber: no page number
// is passed over, on crafted lines and on every line of the testdata
// reports.
func TestMayBePageNumber(t *testing.T) {
	lines := []string{
		"— 1 —", "-12-", "- 3 -", "第3页", "  第 12 页", "\u2003- 4 -", "\u3000— 5 —", "3-", "_7_",
		"12", "", "   ", "共主动公开政府信息1491条", "a-1-", "(一)主动公开", "\u2003正文",
	}
	for _, raw := range testdataReports(t) {
		lines = append(lines, strings.Split(newDoc(raw).norm, "\n")...)
	}
	pages := 0
	for _, l := range lines {
		if pageNumber(l) {
			pages++
			if !mayBePageNumber(l + "\n后文") {
				t.Errorf("mayBePageNumber(%q) = false for a page number", l)
			}
		}
	}
	if pages < 9 {
		t.Errorf("only %d page numbers among the lines", pages)
	}
}

// TestLineMayStart holds the quick test of the table's page-number and
// markdown-rule lines to its promise: a line it turns away does not start
// with a mark once trimmed.
func TestLineMayStart(t *testing.T) {
	texts := []string{"- 3 -\n|---|:---:|\n  \f|---|\n\u3000-4-\n规章 | 0 |\n\n  \n:--|\n"}
	for _, raw := range testdataReports(t) {
		texts = append(texts, newDoc(raw).norm)
	}
	for _, s := range texts {
		for i := 0; i <= len(s); i++ {
			if i > 0 && s[i-1] != '\n' && s[i-1] != '\f' {
				continue
			}
			for _, tc := range []struct{ ends, marks string }{{"\n\f", "-"}, {"\n", "|-:"}} {
				e := len(s)
				if k := strings.IndexAny(s[i:], tc.ends); k >= 0 {
					e = i + k
				}
				line := strings.TrimSpace(s[i:e])
				if !lineMayStart(s, i, len(s), tc.ends, tc.marks) && line != "" && strings.IndexByte(tc.marks, line[0]) >= 0 {
					t.Errorf("lineMayStart(%q, %q) = false for a line starting with a mark", line, tc.marks)
				}
			}
		}
	}
}

// TestNewViewAsFirstWritten holds newView, whose scan reads a table of
// byte steps, to newViewRef, the first version with its branches, on
// crafted texts and every testdata report.
func TestNewViewAsFirstWritten(t *testing.T) {
	texts := []string{"", "\n", " a\tb\vc\fd\n\ne", "é𠀀ab\xff\xe4\xb8", "一、概述\n本年度\n共收到 3 件\n- 3 -\n申请。\n"}
	texts = append(texts, testdataReports(t)...)
	for _, text := range texts {
		compareView(t, newDoc(text).norm)
	}
}

// FuzzNewView compares newView with newViewRef on any text.
func FuzzNewView(f *testing.F) {
	f.Add("一、概述\n本年度\n共收到 3 件\n- 3 -\n申请。\n")
	f.Add(" a\tb\vc\fd\n\ne\xff\xe4\xb8")
	f.Fuzz(func(t *testing.T, text string) {
		compareView(t, text)
		compareView(t, newDoc(text).norm)
	})
}

func compareView(t *testing.T, norm string) {
	t.Helper()
	got, want := newView(norm), newViewRef(norm)
	if got.s != want.s || !slices.Equal(got.segs, want.segs) {
		t.Fatalf("newView(%q) = %q %v, want %q %v", norm, got.s, got.segs, want.s, want.segs)
	}
}

// newViewRef is newView as first written: the reference for its scan.
func newViewRef(norm string) *view {
	// Each kept '\n' stands for a dropped one, so the view is never
	// longer than norm.
	var buf strings.Builder
	buf.Grow(len(norm))
	// A line holds a run or two, or more where spaces split it.
	segs := segPool.get(2*strings.Count(norm, "\n") + 1)
	var lastRun string // last run kept; its last rune is read at a break only
	breaks, breakAt := 0, 0
	lineStart := 0     // start in norm of the current line
	lineRunes := 0     // runes kept on the current line
	hard := false      // the line before the pending break ends a paragraph
	pageBreak := false // a page number was dropped inside the pending break
	for i := 0; i < len(norm); {
		switch norm[i] {
		case ' ', '\t', '\v', '\f':
			i++
			continue
		case '\n':
			if breaks == 0 {
				breakAt = i
				hard = endsParagraph(norm[lineStart:i], lineRunes)
			}
			lineStart, lineRunes = i+1, 0
			breaks++
			i++
			// A page number between the lines of a PDF ("— 1 —", "-3-")
			// is dropped, and the break around it is one line wrap.
			if !mayBePageNumber(norm[i:]) {
				continue
			}
			if e := lineEnd(norm, i); pageNumber(norm[i:e]) {
				pageBreak = true
				i = e
			}
			continue
		}
		if breaks > 0 && buf.Len() > 0 && (breaks > 1 && !pageBreak || hard || endsSentence(lastRun)) {
			segs = append(segs, seg{int32(buf.Len()), int32(breakAt)})
			buf.WriteByte('\n')
		}
		breaks, pageBreak = 0, false
		// Copy the run of text up to the next space or line break.
		j := i
	scan:
		for j < len(norm) {
			c := norm[j]
			switch {
			case c >= 0xE0 && c < 0xF0:
				j += 3 // a three-byte rune (all of CJK): no space inside
			case c >= 0xF0:
				j += 4
			case c >= 0xC0:
				j += 2
			case c == ' ' || c == '\n' || c == '\t' || c == '\v' || c == '\f':
				break scan
			default:
				j++
			}
			lineRunes++
		}
		if j > len(norm) {
			j = len(norm) // a rune cut at the end of the text
		}
		run := norm[i:j]
		segs = append(segs, seg{int32(buf.Len()), int32(i)})
		buf.WriteString(run)
		lastRun = run
		i = j
	}
	return &view{s: buf.String(), segs: segs}
}
