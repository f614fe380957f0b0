package extract

import (
	"os"
	"path/filepath"
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
	names, _ := filepath.Glob("../../testdata/*/*.txt")
	more, _ := filepath.Glob("../../testdata/*/reports/*.txt")
	for _, name := range append(names, more...) {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(newDoc(string(raw)).norm, "\n")...)
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
