package extract

import (
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
