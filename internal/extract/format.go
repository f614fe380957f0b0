package extract

import (
	"slices"
	"strings"

	"gitui/internal/schema"
)

// Column headers and row labels that only one table format prints, in
// Simplified script as the normalized text has them. 国办公开办函〔2019〕60号
// introduced the first set; 〔2021〕30号 replaced the 第二十条 columns and split
// (六)其他处理 into three rows.
var (
	table2019Marks = []string{
		"本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量",
	}
	table2021Marks = []string{
		"本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额",
		"逾期不补正", "逾期未按收费通知",
	}
)

// formatAnchors are words every mark ends with or contains; scanning the
// text for these four finds every mark without a pass per mark.
var formatAnchors = []string{"数量", "件数", "金额", "逾期"}

// detectFormat tells narrative reports from the 2019 and 2021 table formats
// by the column headers and row labels only one format prints. Headers cut
// short by the source ("本年新 | 本年新 | 对外公开总数量") still leave one
// whole mark in a real table, so one mark is enough; when both formats'
// marks appear the one with more distinct marks wins, 2021 on a tie
// (a 2021 table quoting an old header is likelier than the reverse).
func detectFormat(d *doc) schema.Format {
	n2019, n2021, rows := countMarks(d.norm)
	switch {
	case n2021 > 0 && n2021 >= n2019:
		return schema.Table2021
	case n2019 > 0:
		return schema.Table2019
	case rows > 0 || containsText(d.norm, "未经复议直接起诉"):
		// A page holding only the application or review table has none
		// of the 第二十条 headers. Both templates print these rows; without
		// any 2021 mark the table reads as 2019's, whose (六)其他处理 is one
		// row.
		return schema.Table2019
	}
	return schema.Narrative
}

// tableRowMarks are row labels both templates' application tables print
// and prose does not use.
var tableRowMarks = []string{"本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量"}

// formatMarks are the marks countMarks looks for: the 2019 marks, the
// 2021 marks, then tableRowMarks.
var formatMarks = slices.Concat(table2019Marks, table2021Marks, tableRowMarks)

// anchoredMark is a mark of formatMarks that holds an anchor at off.
type anchoredMark struct{ mark, off int }

// marksByAnchor lists for each of formatAnchors the marks that hold it.
// Computed once; never written after.
var marksByAnchor = func() [][]anchoredMark {
	by := make([][]anchoredMark, len(formatAnchors))
	for a, anchor := range formatAnchors {
		for i, m := range formatMarks {
			if off := strings.Index(m, anchor); off >= 0 {
				by[a] = append(by[a], anchoredMark{i, off})
			}
		}
	}
	return by
}()

// countMarks returns how many distinct marks of each format, and of
// tableRowMarks, occur in s. A mark is looked for only around its anchors.
func countMarks(s string) (n2019, n2021, rows int) {
	found := make([]bool, len(formatMarks))
	for a, anchor := range formatAnchors {
		for from := 0; ; {
			k := indexText(s[from:], anchor)
			if k < 0 {
				break
			}
			k += from
			from = k + len(anchor)
			for _, am := range marksByAnchor[a] {
				// The mark holds the anchor at off; does it start at k-off?
				if !found[am.mark] && k-am.off >= 0 && strings.HasPrefix(s[k-am.off:], formatMarks[am.mark]) {
					found[am.mark] = true
				}
			}
		}
	}
	for i, f := range found {
		switch {
		case !f:
		case i < len(table2019Marks):
			n2019++
		case i < len(table2019Marks)+len(table2021Marks):
			n2021++
		default:
			rows++
		}
	}
	return n2019, n2021, rows
}
