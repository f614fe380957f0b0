package extract

import (
	"slices"
	"strings"
)

// Zero statements (schema.md "Zero statements").
//
// A report with nothing to count says so in words: "未收到政府信息公开申请",
// "没有发生因政府信息公开申请行政复议、提起行政诉讼的情况", "未收取任何
// 费用". The rule reads the clause from the zero word on; the words after
// the zero word name what is zero. A heading alone states nothing, and a
// clause about spending (支出) or consultations (咨询) is not a fee or an
// application.

// zeroWords negate what follows them.
var zeroWords = []string{"没有", "不存在", "未", "无", "零"}

// zeroFound are the words zeroStatements finds: zeroWords and zeroAfter.
var zeroFound = slices.Concat(zeroWords, zeroAfter)

// zeroNext are the words that may follow a zero word in a zero statement:
// a verb of receiving or happening, or the thing itself. Others ("未经复议",
// "无法提供", "无正当理由", "未按收费通知") are table labels or other
// meanings.
var zeroNext = []string{
	"收到", "受理", "接到", "接收", "产生", "发生", "出现", "有", "收取", "收费", "向", "对",
	"因", "针对", "行政复议", "提起", "申请", "依申请", "政府信息公开", "信息公开", "任何", "减免", "相关", "相应",
	"一例", "一起", "一件", "败诉", "复议", "诉讼",
	// "也没有被提起行政诉讼" (p03_kundulun_shaoxianlu_street_2015).
	"被提起", "被申请", "被起诉",
}

// zeroAfter are the words that state zero after the thing counted:
// "行政复议、行政诉讼案件均为零" (均 is read as part of the thing).
var zeroAfter = []string{"为零"}

// maxZeroClause bounds a zero clause, in bytes (about 60 runes).
const maxZeroClause = 180

// zeroStatements finds the fields a report states as zero in words. at
// lists, in order, where the zero words and the words that state zero
// after the thing counted start in the view (as v.mentions finds them).
// The candidates are appended to out.
func zeroStatements(out []cand, v *view, at []int) []cand {
	s := v.s
	// A zero clause names three fields at most: their IDs are held on the
	// stack.
	var idBuf [4]string
	done := 0
	for k := 0; k < len(at); k++ {
		i := at[k]
		if s[i:i+3] == "为" {
			w, ok := prefixAny(s[i:], zeroAfter...)
			if !ok {
				continue
			}
			// The thing counted is before the zero: "行政复议、行政诉讼案件均为零".
			a := leftStart(s, i, 0)
			for _, id := range zeroFields(idBuf[:0], s[a:i], false) {
				out = append(out, cand{id: id, v: Number{}, a: a, b: i + len(w)})
			}
			continue
		}
		if i < done {
			continue
		}
		w, ok := prefixAny(s[i:], zeroWords...)
		if !ok {
			continue
		}
		after := i + len(w)
		if !hasPrefixes(s[after:], zeroNext...) {
			continue
		}
		// "因我局未收到申请人所提交的信息公开申请，…提出行政诉讼": a zero
		// given as the reason for something else states nothing about the
		// year.
		if hasAny(s[leftStart(s, i, 0):i], "因我", "因本", "因该", "由于", "因为", "如果") {
			continue
		}
		end := zeroClauseEnd(s, after)
		clause := s[after:end]
		cut := end == len(s) || s[end] == '\n'
		for _, id := range zeroFields(idBuf[:0], clause, cut) {
			out = append(out, cand{id: id, v: Number{}, a: i, b: end})
		}
		done = end
	}
	return out
}

// zeroClauseEnd returns where the clause starting at s[j] ends.
func zeroClauseEnd(s string, j int) int {
	k := j
	for k < len(s) && k-j < maxZeroClause {
		r, size := decodeRune(s[k:])
		if clauseStop.has(r) {
			break
		}
		k += size
	}
	return k
}

// zeroFields names the fields a zero clause states, from the words after
// the zero word. atEnd tells a clause ended by a paragraph break or the end
// of the text, where a page cut short may have cut the last word too
// ("没有收到政府信息公开申"): no clause ends in 申 otherwise. The IDs are
// appended to dst.
func zeroFields(dst []string, c string, atEnd bool) []string {
	for i := 0; i < len(c); i++ {
		if isDigit(c[i]) {
			return dst // a figure in digits is read by the number rules
		}
	}
	if hasAny(c, "支出", "咨询", "费用支出") {
		return dst
	}
	// "无败诉案件": none of the cases was lost, which says nothing of
	// how many there were.
	if strings.Contains(c, "败诉") {
		if hasAny(c, "费用", "支出", "申请") {
			return dst
		}
		return append(dst, "litigation.lost")
	}
	recon, litig := strings.Contains(c, "复议"), strings.Contains(c, "诉讼")
	if recon || litig {
		if hasAny(c, "费用", "支出") {
			return dst
		}
		if recon {
			dst = append(dst, "reconsideration.total")
		}
		if litig {
			dst = append(dst, "litigation.total")
			// "行政诉讼案和有关的申诉案": complaints listed as a third item.
			k := strings.LastIndex(c, "诉讼")
			rest := c[k:]
			if j := indexAny(rest, "申诉", "申述", "举报", "投诉"); j > 0 && hasAny(rest[:j], "和", "及", "、", "与", "或") {
				dst = append(dst, "complaints.total")
			}
		}
		return dst
	}
	if hasAny(c, "收取", "收费") {
		dst = append(dst, "fees.collected")
		if hasAny(c, "减免") {
			dst = append(dst, "fees.waived")
		}
		return dst
	}
	if strings.HasPrefix(c, "减免") || (hasAny(c, "减免") && !hasAny(c, "申请")) {
		return append(dst, "fees.waived")
	}
	// "亦未收到涉及政府信息公开的举报投诉": complaints about the
	// disclosure work, as complaint reads a count of them.
	if complaint(c) {
		return append(dst, "complaints.total")
	}
	// A zero count of information items (依申请公开信息数) is not one of
	// applications; nor is a zero of withheld information.
	if hasAny(c, "不予公开", "信息数", "信息条数") {
		return dst
	}
	// An application of one applicant ("申请人所提交的信息公开申请") is
	// not the year's count.
	if strings.Contains(c, "申请人") {
		return dst
	}
	if applicationWord(c) || atEnd && strings.HasSuffix(c, "申") {
		return append(dst, "applications.new.total")
	}
	return dst
}

// applicationWord reports a clause about applications received: 申请 as a
// noun ("政府信息公开申请", "依申请公开事项"), not 申请人.
func applicationWord(c string) bool {
	for k := 0; ; {
		j := strings.Index(c[k:], "申请")
		if j < 0 {
			return false
		}
		j += k
		if !strings.HasPrefix(c[j+len("申请"):], "人") {
			return true
		}
		k = j + len("申请")
	}
}

// indexAny returns the first index in s of any of words, or -1.
func indexAny(s string, words ...string) int {
	best := -1
	for _, w := range words {
		if k := strings.Index(s, w); k >= 0 && (best < 0 || k < best) {
			best = k
		}
	}
	return best
}
