package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"gitui/internal/schema"
)

// Locate returns the spans of text that state v, best first: those nearest
// a label of field id (a label before the number counts more than one after
// it, a number followed by the field's unit more than one without), then in
// text order. A reviewer's correction or addition is grounded by one of them;
// a value no span states is still allowed, but shown as ungrounded.
//
// Every way the extractor reads a number counts: full-width digits,
// thousands commas, Chinese numerals (一千二百三十, 两), Traditional script,
// and 无 or 零 for 0. A number is matched whole: 17 is not found inside 176
// or 1.75.
func Locate(text, id string, v Number) []Span {
	d := newDoc(text)
	cands := d.statements(v)
	if len(cands) == 0 {
		return nil
	}
	var labels [][2]int
	var unit string
	if f, ok := schema.Lookup(id); ok {
		unit = f.Unit
		for _, part := range strings.Split(f.Label, "·") {
			labels = append(labels, d.labelAt(part)...)
		}
	}
	cells := d.tableCells(id)
	score := func(c statement) int {
		if cells[[2]int{c.a, c.b}] {
			return -1 // in the field's own row and column of a table
		}
		s := c.a // text order when no label is found
		if len(labels) > 0 {
			s = 1 << 30
			for _, l := range labels {
				var dist int
				if l[1] <= c.a {
					dist = c.a - l[1]
				} else {
					dist = 3 * (l[0] - c.b)
				}
				s = min(s, dist)
			}
		}
		if unit != "" && strings.HasPrefix(strings.TrimLeft(d.norm[c.b:], " "), unit) {
			s /= 2
		} else if c.chinese {
			s += 1 << 12 // 一 in 第一 or 一是 is rarely the figure
		}
		return s
	}
	scores := make(map[statement]int, len(cands))
	for _, c := range cands {
		scores[c] = score(c)
	}
	sort.SliceStable(cands, func(i, j int) bool { return scores[cands[i]] < scores[cands[j]] })
	out := make([]Span, len(cands))
	for i, c := range cands {
		out[i] = d.span(c.a, c.b)
	}
	return out
}

// tableCells returns the normalized ranges of the cells that hold table
// cell id wherever its row label is followed by a row of cells: for
// applications.disclosed.commercial, the second cell after (一)予以公开. Nil
// for a field that is not a table cell.
func (d *doc) tableCells(id string) map[[2]int]bool {
	label, cols, ok := cellOf(id)
	if !ok {
		return nil
	}
	out := map[[2]int]bool{}
	for _, l := range d.labelAt(label) {
		start, ok := d.labelRest(l[1])
		if !ok {
			continue
		}
		row := d.cellsAfter(start, 16)
		for _, c := range cols {
			if c.need <= len(row) && (c.exact == 0 || len(row) == c.exact) && row[c.col] != [2]int{} {
				out[row[c.col]] = true
			}
		}
	}
	return out
}

// column is where a cell may sit in its row: column col of a row of at least
// need cells (exactly exact cells when exact is set).
type column struct{ col, need, exact int }

// cellOf returns the row label and possible columns of table cell id.
func cellOf(id string) (label string, cols []column, ok bool) {
	dot := strings.LastIndexByte(id, '.')
	if dot < 0 {
		return "", nil, false
	}
	row, col := id[:dot], id[dot+1:]
	if g := slices.Index([]string{"reconsideration", "litigation.direct", "litigation.after_reconsideration"}, row); g >= 0 {
		// The review table is one row of fifteen cells, five per group,
		// after a header that ends with the last group's 总计.
		for i, c := range schema.ReviewColumns {
			if c.Key == col {
				return "总计", []column{{col: 5*g + i, need: 15}}, true
			}
		}
		return "", nil, false
	}
	if !schema.IsTableCell(id) {
		return "", nil, false
	}
	switch {
	case strings.HasPrefix(row, "applications."):
		key := strings.TrimPrefix(row, "applications.")
		for _, r := range schema.Rows {
			if r.Key == key {
				parts := strings.Split(r.Label, "·")
				label = parts[len(parts)-1]
				if key == "outcome_total" {
					label = "总计" // the row reads (七)总计
				}
			}
		}
		for i, c := range schema.Columns {
			if c.Key == col {
				cols = []column{{col: i, need: len(schema.Columns)}}
			}
		}
	case strings.HasPrefix(row, "proactive."):
		f, _ := schema.Lookup(id)
		label, _, _ = strings.Cut(f.Label, "·")
		switch col {
		case "made", "issued", "prev", "items":
			cols = []column{{col: 0, need: 2}}
		case "published", "repealed", "change":
			cols = []column{{col: 1, need: 2}}
		case "amount":
			// 2019: 采购项目数量, 采购总金额; 2021: 本年收费金额 alone.
			cols = []column{{col: 1, need: 2, exact: 2}, {col: 0, need: 1, exact: 1}}
		case "total", "in_force":
			cols = []column{{col: 2, need: 3}}
		case "decisions":
			// 2019: 上一年项目数量, 本年增/减, 处理决定数量; 2021: the last alone.
			cols = []column{{col: 2, need: 3, exact: 3}, {col: 0, need: 1, exact: 1}}
		}
	}
	return label, cols, label != "" && len(cols) > 0
}

// labelRest skips what follows a row label before its first cell: the rest
// of a label worded differently (其他法律行政[法规]禁止公开), a note in
// brackets (部分公开(区分处理的,只计这一情形,…)). It fails at the label of
// another row ((一)予以公开) or after 48 runes.
func (d *doc) labelRest(i int) (int, bool) {
	s := d.norm
	for n := 0; i < len(s) && n < 48; n++ {
		r, size := decodeRune(s[i:])
		if r >= '0' && r <= '9' || r == '无' || r == '/' || r == '-' || r == '—' {
			return i, true
		}
		if r == '(' {
			next, _ := decodeRune(s[i+size:])
			if isCnNumeral(next) {
				return 0, false
			}
		}
		i += size
	}
	return 0, false
}

// cellsAfter reads up to max table cells that follow normalized offset i:
// numbers, 无, and the blank marks / - — that hold a column's place (a zero
// range). It stops at the first text that is not a cell or a separator.
func (d *doc) cellsAfter(i, max int) [][2]int {
	s := d.norm
	var cells [][2]int
	for i < len(s) && len(cells) < max {
		r, size := decodeRune(s[i:])
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '|' || r == ':' || r == '｜' || r == '│':
			i += size
		case r >= '0' && r <= '9' || r == '-' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			a := i
			if r == '-' {
				i++
			}
			_, end, ok := scanDigits(s, i)
			if !ok {
				return cells
			}
			cells = append(cells, [2]int{a, end})
			i = end
		case r == '无':
			cells = append(cells, [2]int{i, i + size})
			i += size
		case r == '/' || r == '-' || r == '—' || r == '－':
			cells = append(cells, [2]int{})
			for i < len(s) && (s[i] == '/' || s[i] == '-' || strings.HasPrefix(s[i:], "—")) {
				_, n := decodeRune(s[i:])
				i += n
			}
		default:
			return cells
		}
	}
	return cells
}

// Grounds reports whether the text under sp states v as a whole number, as
// Locate finds it. It is how a stored correction's span is checked against
// the report it is applied to.
func Grounds(text string, sp Span, v Number) bool {
	if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End || !utf8.RuneStart(text[sp.Start]) {
		return false
	}
	// Only the span and a few runes around it decide: the two before (a
	// digit, a point or a comma continue a number; a minus sign makes it
	// negative) and those after (a digit extends a number; 没有 states zero
	// only before 发生, 收到, …). Normalizing that window, not the whole
	// report, keeps Apply cheap.
	a := sp.Start
	for k := 0; k < 3 && a > 0; k++ {
		_, n := decodeLastRune(text[:a])
		a -= n
	}
	b := sp.End
	for k := 0; k < 8 && b < len(text); k++ {
		_, n := decodeRune(text[b:])
		b += n
	}
	d := newDoc(text[a:b])
	want := Span{Start: sp.Start - a, End: sp.End - a}
	for _, c := range d.statements(v) {
		if d.span(c.a, c.b) == want {
			return true
		}
	}
	return false
}

// statement is a number in the normalized text: bytes [a, b).
type statement struct {
	a, b    int
	chinese bool
}

// statements finds every whole number in d.norm whose value is v.
func (d *doc) statements(v Number) []statement {
	s := d.norm
	zero := v.Equal(Number{})
	var out []statement
	prev, prev2 := rune(-1), rune(-1)
	for i := 0; i < len(s); {
		r, size := decodeRune(s[i:])
		switch {
		case (r >= '0' && r <= '9' || isCnNumeral(r)) && !continuesNumber(prev2, prev, r):
			if n, end, ok := scanNumber(s, i); ok && wholeNumber(s, i, end, r) {
				a := i
				if neg := negativeSign(s, i); neg >= 0 {
					n, a = negate(n), neg
				}
				if sameNumber(n, v) {
					out = append(out, statement{a: a, b: end, chinese: r >= utf8.RuneSelf})
				}
			}
		case zero && r == '无':
			// 无 alone (a table cell, 无。) states 0; 无法 and 无正当理由 do not.
			next, _ := decodeRune(s[i+size:])
			if i+size == len(s) || !unicode.Is(unicode.Han, next) || zeroClause(s[i+size:]) {
				out = append(out, statement{a: i, b: i + size, chinese: true})
			}
		case zero && (r == '没' || r == '未'):
			// 没有发生…行政复议, 未收到…申请, 未收取任何费用.
			w := "未"
			if r == '没' {
				w = "没有"
			}
			if strings.HasPrefix(s[i:], w) && zeroClause(s[i+len(w):]) {
				out = append(out, statement{a: i, b: i + len(w), chinese: true})
			}
		}
		prev2, prev = prev, r
		i += size
	}
	return out
}

// zeroClause reports whether s, following 无, 没有 or 未, makes a statement
// of zero: a verb of receiving or happening, or the thing counted. 未经复议
// (a table label), 无法提供 and 未按收费通知 are not.
func zeroClause(s string) bool {
	for _, w := range []string{"收到", "受理", "接到", "接收", "产生", "发生", "出现", "有", "收取",
		"收费", "因", "针对", "行政复议", "提起", "申请", "依申请", "政府信息公开", "信息公开", "任何", "减免"} {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// continuesNumber reports whether r, after prev2 and prev, is inside a
// number that started earlier, so no number may start at r. A comma or point
// continues a number only after a digit: in 共10件,其中5件 the 5 starts one.
func continuesNumber(prev2, prev, r rune) bool {
	isDigit := func(r rune) bool { return r >= '0' && r <= '9' }
	switch {
	case prev < 0:
		return false
	case isDigit(r):
		return isDigit(prev) || (prev == '.' || prev == ',') && isDigit(prev2)
	}
	return isCnNumeral(prev) && isCnNumeral(r)
}

// isCnNumeral reports the runes scanChinese reads (see cnValue);
// a switch, since it is asked of every rune of a report.
func isCnNumeral(r rune) bool {
	switch r {
	case '〇', '零', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九',
		'十', '百', '千', '万', '亿':
		return true
	}
	return false
}

// sameNumber is n.Equal(v) without big.Rat for integers, which is what
// almost every number of a report is.
func sameNumber(n, v Number) bool {
	if n.IsInt() && v.IsInt() {
		return n.String() == v.String()
	}
	return n.Equal(v)
}

// wholeNumber reports whether [i, end) is a number as a reader sees it: it
// is not followed by more digits (a decimal point with nothing after it is
// fine), and a Chinese numeral starts with a digit or 十, so that the 万 of
// 万元 is not read as 10000.
func wholeNumber(s string, i, end int, first rune) bool {
	if end < len(s) && s[end] >= '0' && s[end] <= '9' {
		return false
	}
	if first >= utf8.RuneSelf {
		_, unit, ok := cnValue(first)
		return ok && !unit || first == '十'
	}
	return true
}

// negativeSign returns the offset of a minus sign written right before s[i]
// as a sign (not the dash of 2019-2020), or -1.
func negativeSign(s string, i int) int {
	if i == 0 || s[i-1] != '-' {
		return -1
	}
	if i >= 2 {
		p, _ := decodeLastRune(s[:i-1])
		if unicode.IsDigit(p) || unicode.IsLetter(p) && p < utf8.RuneSelf || isCnNumeral(p) {
			return -1
		}
	}
	return i - 1
}

func negate(n Number) Number {
	if strings.HasPrefix(n.s, "-") {
		return Number{n.s[1:]}
	}
	if n.Equal(Number{}) {
		return n
	}
	return Number{"-" + n.String()}
}

// labelAt returns the normalized byte ranges where label occurs in d. A
// label the report does not use word for word (行政诉讼总数) is looked for by
// its longest leading part of at least two runes that it does use (行政诉讼).
func (d *doc) labelAt(label string) [][2]int {
	runes := []rune(label)
	for n := len(runes); n >= 2; n-- {
		part := string(runes[:n])
		var out [][2]int
		for i := 0; ; {
			j := indexText(d.norm[i:], part)
			if j < 0 {
				break
			}
			out = append(out, [2]int{i + j, i + j + len(part)})
			i += j + len(part)
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}
