package extract

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// titleRE is the title's pattern as first written, which matchTitle
// spells out.
var titleRE = regexp.MustCompile(`^(?:标题[:：]?\s*)?(\S*?)\s*((?:19|20)\d{2})\s*年\s*度?\s*(\S*?)\s*(?:政府信息公开|政务信息公开|信息公开|政务公开)\s*(?:工作)?\s*(?:年度)?\s*(?:工作)?\s*(?:报告|年报|总结)`)

// titlePieces are what the fuzzer builds title lines of: the words of
// titleRE, its spaces and \v (which is no \s), and other text.
var titlePieces = []string{
	"标题", ":", "：", " ", "\t", "\v", "\n", "2019", "1998", "2021", "20", "19", "9",
	"年", "度", "政府信息公开", "政务信息公开", "信息公开", "政务公开", "政务", "公开",
	"工作", "年度", "报告", "年报", "总结", "市", "区人民政府", "（", "）", "X", "\xff",
}

// checkMatchTitle holds matchTitle to the regexp on s.
func checkMatchTitle(t *testing.T, s string) {
	t.Helper()
	if got, want := matchTitle(s), titleRE.FindStringSubmatchIndex(s); !slices.Equal(got, want) {
		t.Fatalf("matchTitle(%q) = %v, want %v", s, got, want)
	}
}

func FuzzMatchTitle(f *testing.F) {
	f.Add([]byte{0, 1, 4, 7, 13, 14, 15, 22, 23})
	f.Add([]byte{28, 7, 13, 14, 26, 15, 22, 23, 24})
	f.Add([]byte{4, 28, 4, 8, 4, 13, 4, 14, 4, 17, 4, 21, 4, 22, 4, 23})
	f.Fuzz(func(t *testing.T, picks []byte) {
		var b strings.Builder
		for _, p := range picks {
			b.WriteString(titlePieces[int(p)%len(titlePieces)])
		}
		checkMatchTitle(t, b.String())
	})
}

// TestMatchTitle holds matchTitle to the regexp on every line of the
// reports in testdata, and on titles written to test its paths.
func TestMatchTitle(t *testing.T) {
	for _, s := range []string{
		"标题：2019年度政府信息公开工作年度报告", "标题2019年政务公开年报",
		"标题: 某市 2019 年 度 政府信息公开 工作 年度 工作 总结",
		"某区2020年度2021年政府信息公开报告", "2019年度政务信息公开工作报告",
		"某局2019年度信息公开年报", "2019年度报告", "2019年度政府信息公开", "",
	} {
		checkMatchTitle(t, s)
	}
	lines := 0
	for _, raw := range testdataReports(t) {
		for _, l := range strings.Split(normalize(raw), "\n") {
			checkMatchTitle(t, l)
			lines++
		}
	}
	if lines < 1000 {
		t.Fatalf("read %d lines of testdata, want reports", lines)
	}
}
