package extract

import (
	"strings"
)

// labelKind says what a label found in a table does.
type labelKind int

const (
	rowLabel    labelKind = iota // a row whose cells follow it
	groupLabel                   // a heading over rows, such as (三)不予公开; no cells
	markerLabel                  // the 第二十条第(X)项 line opening a proactive sub-table
	stopLabel                    // a section heading that ends the table
)

// labelSpec is how one table label is recognised in normalized text.
type labelSpec struct {
	// kw is the distinctive text of the label, Simplified and half-width.
	kw string
	// need, when set, lists numberings one of which must come right before
	// kw (spaces allowed between): "总计" is the outcome row only as
	// "(七)总计", "其他" is a row only as "3.其他".
	need []string
	// bare requires kw to end the label: the next byte is a delimiter, a
	// digit or the end of the text ("3.其他" but not "3.其他法律…").
	bare bool
	// before is optional text folded into the label when it comes right
	// before kw ("行政" of 行政规范性文件).
	before string
	kind   labelKind
	// key is the row key of the application table (schema.Rows) or the
	// item key of the proactive table.
	key string
}

// labelSet is a list of label specs indexed by the first rune of their
// keywords, so that finding them all is one pass over the text.
type labelSet struct {
	specs   []labelSpec
	byFirst map[rune][]int
	// first holds the first runes, for skipping the text between them.
	first *runeSet
}

func newLabelSet(specs []labelSpec) labelSet {
	set := labelSet{specs: specs, byFirst: make(map[rune][]int)}
	var first []rune
	for i := range specs {
		r, _ := decodeRune(specs[i].kw)
		set.byFirst[r] = append(set.byFirst[r], i)
		first = append(first, r)
	}
	set.first = newRuneSet(string(first))
	return set
}

// label is one occurrence of a labelSpec: [start, end) covers the label
// text with its numbering, in normalized bytes; kw is where the keyword is.
type label struct {
	start, kw, end int
	spec           *labelSpec
}

// Labels of the application table (三、收到和处理政府信息公开申请情况), as the
// 2019 and 2021 templates print them after their numbering. Each keyword is
// unique within the table, so a row is known by its label, never by its
// position; the keyword is the label's distinctive core, so that a report
// shortening "1.属于国家秘密" to "1.国家秘密" still names the row. The
// numbering and the template's lead words ("属于") are folded into the
// label so that a glued "…00000002.其他法律…" ends the previous row's
// cells before the "2".
var applicationLabels = newLabelSet([]labelSpec{
	{kw: "本年新收", key: "new"},
	{kw: "上年结转", key: "carried_over"},
	{kw: "本年度办理结果", kind: groupLabel},
	{kw: "予以公开", key: "disclosed"},
	{kw: "部分公开", key: "partial"},
	{kw: "不予", need: []string{"(三)"}, kind: groupLabel},
	{kw: "国家秘密", before: "属于", key: "withheld.state_secret"},
	{kw: "其他法律", key: "withheld.prohibited"},
	{kw: "其它法律", key: "withheld.prohibited"}, // 其它: a common variant of 其他
	{kw: "危及", key: "withheld.security"},
	{kw: "保护第三方", key: "withheld.third_party"},
	{kw: "三类内部", before: "属于", key: "withheld.internal"},
	{kw: "四类过程", before: "属于", key: "withheld.process"},
	{kw: "行政执法案卷", before: "属于", key: "withheld.enforcement"},
	// Labels pdftotext wraps inside their keyword ("7.属于行政执法案\n卷",
	// "4.无正当理由大\n量反复申请", "3.要求提供公开\n予处理  出版物" with
	// the group's label set between) keep their first line's words, each
	// found in no other label.
	{kw: "行政执法案", before: "属于", key: "withheld.enforcement"},
	{kw: "要求提供公开", key: "not_processed.publication"},
	{kw: "无正当理由大", key: "not_processed.excessive"},
	{kw: "行政查询", before: "属于", key: "withheld.query"},
	{kw: "无法", need: []string{"(四)"}, kind: groupLabel},
	{kw: "本机关不掌握", key: "unavailable.not_held"},
	{kw: "没有现成信息", key: "unavailable.needs_creation"},
	{kw: "补正后申请", key: "unavailable.unclear"},
	{kw: "不予", need: []string{"(五)"}, kind: groupLabel},
	{kw: "信访举报投诉", key: "not_processed.petition"},
	{kw: "重复申请", key: "not_processed.duplicate"},
	{kw: "公开出版物", before: "要求提供", key: "not_processed.publication"},
	{kw: "大量反复", before: "无正当理由", key: "not_processed.excessive"},
	// Where a row has two keywords, either names it (a label broken over
	// lines keeps one of them); in a full label the second falls inside
	// the first and is dropped.
	{kw: "行政机关确认", before: "要求", key: "not_processed.confirmation"},
	{kw: "确认或重新出具", key: "not_processed.confirmation"},
	// (六)其他处理 is the row "other" in 2019 tables and the heading of the
	// three other.* rows in 2021 ones; applicationRows decides.
	{kw: "其他处理", need: []string{"(六)"}, key: "other"},
	{kw: "其它处理", need: []string{"(六)"}, key: "other"},
	{kw: "无正当理由逾期", before: "申请人", key: "other.no_correction"},
	{kw: "逾期不补正", key: "other.no_correction"},
	{kw: "逾期未按收费", before: "申请人", key: "other.no_fee"},
	{kw: "其他", need: []string{"3.", "3、"}, bare: true, key: "other.misc"},
	{kw: "其它", need: []string{"3.", "3、"}, bare: true, key: "other.misc"},
	{kw: "总计", need: []string{"(七)", "七、"}, key: "outcome_total"},
	{kw: "结转下年度继续办理", key: "carried_forward"},
})

// Labels of the proactive table (第二十条). Which columns an item has
// depends on its sub-table's header (see proactiveColumns).
var proactiveLabels = newLabelSet([]labelSpec{
	{kw: "第二十条", kind: markerLabel},
	{kw: "规章", key: "rules"},
	{kw: "规范性文件", before: "行政", key: "normative"},
	{kw: "行政许可", key: "licensing"},
	{kw: "其他对外管理服务", key: "other_services"},
	{kw: "其它对外管理服务", key: "other_services"},
	// Labels wrapped inside their keyword ("行政规范性<br>文件", "规范性\n文件", pdftotext's
	// "其他对外管理\n  45  -3  212\n服务事项") keep their first line's
	// words, found in no other label: the row above must end there, and
	// the cells after the piece are this row's.
	{kw: "规范性", before: "行政", key: "normative"},
	{kw: "其他对外管理", key: "other_services"},
	{kw: "其它对外管理", key: "other_services"},
	{kw: "行政处罚", key: "penalty"},
	{kw: "行政强制", key: "coercion"},
	{kw: "行政事业性收费", key: "fees"},
	{kw: "政府集中采购", key: "procurement"},
	{kw: "收到和处理", kind: stopLabel},
})

// findLabels returns the occurrences of specs in s[lo:hi] in text order.
// A label's end is where its text stops: at a cell delimiter, a digit, or
// the next label, so a label glued to its cells ("规章000") still ends
// where its cells begin.
func findLabels(s string, lo, hi int, specs labelSet) []label {
	out := labelPool.get(16)
	for k := lo; ; {
		if k = specs.first.next(s[:hi], k); k >= hi {
			break
		}
		r, n := decodeRune(s[k:hi])
		for _, i := range specs.byFirst[r] {
			sp := &specs.specs[i]
			end := k + len(sp.kw)
			if end > hi || s[k:end] != sp.kw {
				continue
			}
			start, ok := labelStart(s, lo, k, sp)
			if !ok {
				continue
			}
			if sp.bare && end < hi && !isCellDelim(s, end) && !isASCIIDigit(s[end]) {
				continue
			}
			out = append(out, label{start: start, kw: k, end: end, spec: sp})
		}
		k += n
	}
	// Drop a label whose numbering or keyword overlaps the keyword of the
	// label before it, then end each label at its text's end or the next
	// label, whichever comes first.
	kept := out[:0]
	for _, l := range out {
		if n := len(kept); n > 0 && l.start < kept[n-1].end {
			continue
		}
		kept = append(kept, l)
	}
	for i := range kept {
		limit := hi
		if i+1 < len(kept) {
			limit = kept[i+1].start
		}
		kept[i].end = labelEnd(s, kept[i].end, limit)
	}
	return kept
}

// labelStart extends the keyword at k back over its numbering ("2.",
// "1、", "(三)", "四、") and checks the numbering the spec needs.
func labelStart(s string, lo, k int, sp *labelSpec) (int, bool) {
	start := k
	if sp.before != "" && k-len(sp.before) >= lo && s[k-len(sp.before):k] == sp.before {
		start -= len(sp.before)
	}
	if sp.need != nil {
		j := start
		for j > lo && s[j-1] == ' ' && start-j < 2 {
			j--
		}
		for _, n := range sp.need {
			if j-len(n) >= lo && s[j-len(n):j] == n {
				return j - len(n), true
			}
		}
		return 0, false
	}
	return numberingStart(s, lo, start), true
}

// numberingStart returns where the row numbering that ends at s[k] begins,
// or k when there is none. Numberings are one ASCII digit and "." or "、",
// or one Chinese numeral in parentheses or before "、".
func numberingStart(s string, lo, k int) int {
	switch {
	case k-2 >= lo && s[k-1] == '.' && isASCIIDigit(s[k-2]):
		return k - 2
	case k-4 >= lo && s[k-3:k] == "、" && isASCIIDigit(s[k-4]):
		return k - 4
	case k-5 >= lo && s[k-1] == ')' && s[k-5] == '(' && isCJKNumeral(s[k-4:k-1]):
		return k - 5
	case k-6 >= lo && s[k-3:k] == "、" && isCJKNumeral(s[k-6:k-3]):
		return k - 6
	}
	return k
}

// labelEnd advances over the rest of a label's text from i: up to a cell
// delimiter, an ASCII digit, or limit. s is normalized text, valid UTF-8:
// a rune's lead byte gives its length.
func labelEnd(s string, i, limit int) int {
	for i < limit && !isCellDelim(s, i) && !isASCIIDigit(s[i]) {
		i += int(runeStep[s[i]])
	}
	return min(i, limit)
}

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }

// isCJKNumeral reports whether s is one of the numerals that number
// sections and groups (一 to 十).
func isCJKNumeral(s string) bool {
	switch s {
	case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十":
		return true
	}
	return false
}

// isCellDelim reports whether s[i] separates table cells: whitespace, a
// pipe, or a box-drawing bar.
func isCellDelim(s string, i int) bool {
	c := s[i]
	if c == 0xE2 { // the lead byte of "│"
		return strings.HasPrefix(s[i:], "│")
	}
	return cellDelimByte[c]
}

// cellDelimByte marks the bytes that are cell delimiters by themselves:
// isCellDelim is asked of every byte of a table row.
var cellDelimByte = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, '\f': true, '\v': true, '|': true}
