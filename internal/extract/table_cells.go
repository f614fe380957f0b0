package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// cellKind is what a table cell states.
type cellKind int

const (
	cellNumber cellKind = iota // a number, possibly with a unit: "0", "-18", "47888元", "26.55"
	cellZero                   // 无: zero in words
	cellBlank                  // "/", "-", "—": a cell that states nothing
	cellText                   // text with digits in a number's place ("電腦(6臺)…"): a cell that states nothing
)

// cell is one cell of a table row. [a, b) is the stated figure in
// normalized bytes: the digits (with sign and fraction) or the 无.
type cell struct {
	a, b int
	kind cellKind
	val  Number
	unit string
	// run marks a bare digit run (no sign, point, comma or unit), the only
	// kind of cell a glued crawler dump can be split into.
	run bool
	// mustSplit marks a run that cannot be one number ("00", "000023"):
	// it is cells run together.
	mustSplit bool
}

// cellUnits are the units a number cell may carry after its digits.
var cellUnits = []string{"万元", "元", "件", "项", "条", "个", "次", "宗", "起", "份"}

// rowRead is what follows one row label, up to the next label.
type rowRead struct {
	cells []cell
	// glued is set when the cells show a crawler dump's missing
	// separators: digits straight after the label or after header text,
	// or a run such as "00" that cannot be one number.
	glued bool
	// eof is set when the row runs to the end of the text unstopped: an
	// excerpt cut inside the row.
	eof bool
	// cut is set when the last cell touches the end of the text, so its
	// digits may be cut short.
	cut bool
	// stopped is set when a heading or a sentence ended the row.
	stopped bool
}

// readCells reads the cells of s[a:b]. Text without digits is skipped:
// it is a label's second line ("形,不计其他情形)"), a split header or
// page furniture. Reading stops at a sentence end or a numbered heading
// ("五、", "(三)不", "2.重复申" cut short), which no row's cells contain.
// With header set, text before the first cell is a header: if it holds
// digits the span is prose, and nothing is read. Text with digits after a
// row's want cells is not a cell of the row but a page's running header
// ("…2024年政府信息公开工作年度报告"), and ends it. The cells are
// appended to room taken from arena.
func readCells(s string, a, b, want int, header bool, arena *cellArena) rowRead {
	r := rowRead{cells: arena.take(want)}
	// A label's last character runs straight into a digit only when the
	// separators are gone ("规章000"); "规章:0" is a label and its colon.
	if a < b && isASCIIDigit(s[a]) && a > 0 {
		if prev, n := decodeLastRune(s[:a]); prev >= utf8.RuneSelf && !isCellDelim(s, a-n) {
			r.glued = true
		}
	}
	stopped := false
	// Empty cells between pipes ("| 4 | 0 |   |   | 0 |", a page's
	// &nbsp; cells) are blanks, kept once a later cell shows they are
	// inside the row: pipe layouts also pad rows with empty trailing
	// cells ("| 3 | ||").
	blanks := 0
	keepBlanks := func() {
		for ; blanks > 0; blanks-- {
			r.cells = append(r.cells, cell{a: a, b: a, kind: cellBlank})
		}
	}
	forEachToken(s, a, b, func(ta, tb int) bool {
		if len(r.cells) > 0 {
			blanks += emptyPipeCells(s, a, ta)
		}
		tok := s[ta:tb]
		if c, ok := parseCell(s, ta, tb); ok {
			keepBlanks()
			r.cells = append(r.cells, c)
			r.glued = r.glued || c.mustSplit
			return true
		}
		if !hasASCIIDigit(tok) {
			// Header text, a label: no number to find in it, and
			// whether it stops the row is isStopText's to say (a
			// prefix that stops one is a prefix of a token that does).
			if isStopText(tok) {
				stopped = true
				return false
			}
			return true
		}
		// Header text glued to its first number: "…总计000000000000000".
		if p := trailingNumber(s, ta, tb); p > ta {
			if isStopText(s[ta:p]) {
				stopped = true
				return false
			}
			if c, ok := parseCell(s, p, tb); ok && c.kind == cellNumber {
				keepBlanks()
				r.cells = append(r.cells, c)
				r.glued = true
				return true
			}
		}
		// A crawler dump runs a table's last number into the next
		// section: "…总计10203120001200000五、存在的主要问题…". The number
		// is the row's; the heading ends it.
		if p, q := embeddedNumber(s, ta, tb); p < q && !isStopText(s[ta:p]) && isStopText(s[q:tb]) {
			if c, ok := parseCell(s, p, q); ok && c.kind == cellNumber {
				r.cells = append(r.cells, c)
				r.glued = true
			}
			stopped = true
			return false
		}
		if isStopText(tok) {
			stopped = true
			return false
		}
		if hasASCIIDigit(tok) {
			if (header && len(r.cells) == 0) || len(r.cells) >= want {
				stopped = true
				return false
			}
			keepBlanks()
			r.cells = append(r.cells, cell{a: ta, b: tb, kind: cellText})
		}
		return true
	})
	r.stopped = stopped
	if !stopped && b == len(s) {
		r.eof = true
		if n := len(r.cells); n > 0 && r.cells[n-1].b == len(s) {
			r.cut = true
		}
	}
	return r
}

// emptyPipeCells counts the empty cells between pipes in the delimiters
// just before s[i], back to the previous token or a.
func emptyPipeCells(s string, a, i int) int {
	pipes := 0
	for j := i - 1; j >= a && (s[j] == '|' || s[j] == ' ' || s[j] == '\t'); j-- {
		if s[j] == '|' {
			pipes++
		}
	}
	return max(pipes-1, 0)
}

// forEachToken calls fn with each run of non-delimiter bytes in s[a:b],
// skipping page-number lines ("-3-", "- 4 -"), until fn returns false.
func forEachToken(s string, a, b int, fn func(ta, tb int) bool) {
	for i := a; i < b; {
		// Whole line of page furniture?
		if i == a || s[i-1] == '\n' || s[i-1] == '\f' {
			if e, ok := pageNumberLine(s, i, b); ok {
				i = e
				continue
			}
			if e, ok := markdownRuleLine(s, i, b); ok {
				i = e
				continue
			}
			if e, ok := ruleLine(s, i, b); ok {
				i = e
				continue
			}
		}
		if isCellDelim(s, i) {
			if s[i] < utf8.RuneSelf {
				i++
			} else {
				i += len("│")
			}
			continue
		}
		// s is normalized text, valid UTF-8: a rune's lead byte gives
		// its length without decoding it.
		j := i
		for j < b && !isCellDelim(s, j) {
			j += int(runeStep[s[j]])
		}
		if j > b {
			j = b
		}
		if !fn(i, j) {
			return
		}
		i = j
	}
}

// pageNumberLine reports whether the line starting at s[i] is page
// furniture such as "-3-", "- 4 -" or "— 第 3 页 共 5 页 —" (see
// pageNumber), and returns the end of the line.
func pageNumberLine(s string, i, b int) (int, bool) {
	if !mayBePageNumber(s[i:b]) {
		return 0, false
	}
	e := strings.IndexAny(s[i:b], "\n\f")
	if e < 0 {
		e = b
	} else {
		e += i
	}
	if !pageNumber(s[i:e]) {
		return 0, false
	}
	return e, true
}

// markdownRuleLine reports whether the line starting at s[i] is the rule
// under a markdown table's header ("|---|:---:|"), which holds no cell,
// and returns the end of the line. A blank cell is a lone mark ("| - |");
// a rule needs three dashes in every cell.
func markdownRuleLine(s string, i, b int) (int, bool) {
	if !lineMayStart(s, i, b, "\n", "|-:") {
		return 0, false
	}
	// A rule holds pipes, dashes, colons and spaces only; a table row
	// shows another character within a cell or two, and is passed over
	// there instead of at its end.
	e := i
	for e < b && s[e] != '\n' {
		r, size := decodeRune(s[e:b])
		if r != '|' && r != '-' && r != ':' && !unicode.IsSpace(r) {
			return 0, false
		}
		e += size
	}
	line := strings.TrimSpace(s[i:e])
	// Every cell of a rule holds "---": most lines are rejected here.
	if !strings.Contains(line, "|") || !strings.Contains(line, "---") {
		return 0, false
	}
	for rest, more := strings.Trim(line, "|"), true; more; {
		var c string
		c, rest, more = strings.Cut(rest, "|")
		c = strings.Trim(strings.TrimSpace(c), ":")
		if len(c) < 3 || strings.Trim(c, "-") != "" {
			return 0, false
		}
	}
	return e, true
}

// ruleLine reports whether the line starting at s[i] is a rule drawn
// with dashes, equals signs, underscores or em dashes under a plain-text
// table's header ("------------  ------------"), which holds no cell, and
// returns the end of the line. Every run of marks is three long or more:
// a blank cell is a lone mark ("-", "—").
func ruleLine(s string, i, b int) (int, bool) {
	if !lineMayStart(s, i, b, "\n", "-=_") {
		return 0, false
	}
	run := 0
	k := i
	for ; k < b && s[k] != '\n'; k++ {
		switch c := s[k]; {
		case c == '-' || c == '=' || c == '_':
			run++
		case strings.HasPrefix(s[k:], "—"):
			run++
			k += len("—") - 1
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			if run > 0 && run < 3 {
				return 0, false
			}
			run = 0
		default:
			return 0, false // most lines end here, at their first byte
		}
	}
	if run > 0 && run < 3 {
		return 0, false
	}
	// A line of spaces alone is no rule.
	if strings.TrimSpace(s[i:k]) == "" {
		return 0, false
	}
	return k, true
}

// lineMayStart reports whether the line at s[i:b], ended by b or a byte
// of ends, may start with one of marks once trimmed: its first byte past
// ASCII spaces is one of marks, or not ASCII (a Unicode space, left to the
// full test). Most lines fail here, before their end is looked for.
func lineMayStart(s string, i, b int, ends, marks string) bool {
	for k := i; k < b; k++ {
		c := s[k]
		switch {
		case byteIn(ends, c):
			return false
		case c == ' ' || c == '\t' || c == '\v' || c == '\r' || c == '\f':
			continue
		case c >= utf8.RuneSelf:
			return true
		}
		return byteIn(marks, c)
	}
	return false
}

// byteIn reports whether c is one of the bytes of set, a few bytes long:
// a loop the compiler inlines, where strings.IndexByte's call and vector
// setup cost more than the search (forEachToken asks at every line).
func byteIn(set string, c byte) bool {
	for i := 0; i < len(set); i++ {
		if set[i] == c {
			return true
		}
	}
	return false
}

// parseCell reads the token s[a:b] as a whole cell: a number with an
// optional unit, 无, or a blank mark.
func parseCell(s string, a, b int) (cell, bool) {
	tok := s[a:b]
	switch {
	case tok == "无":
		return cell{a: a, b: b, kind: cellZero, val: Int(0)}, true
	case isBlankMark(tok):
		return cell{a: a, b: b, kind: cellBlank}, true
	}
	// A sign: "-18", "+3", or the minus sign U+2212 of some editors. The
	// span keeps "-" and "−" (they are part of the value), not "+".
	i, neg := a, false
	switch {
	case s[i] == '-':
		i, neg = i+1, true
	case s[i] == '+':
		i, a = i+1, i+1
	case strings.HasPrefix(tok, "−"):
		i, neg = i+len("−"), true
	}
	d0 := i
	hasComma, hasPoint := false, false
	for i < b {
		switch {
		case isASCIIDigit(s[i]):
			i++
		case s[i] == ',' && i > d0 && threeDigitsIn(s, i+1, b):
			hasComma = true
			i++
		default:
			goto frac
		}
	}
frac:
	if i == d0 {
		return cell{}, false
	}
	if i+1 < b && s[i] == '.' && isASCIIDigit(s[i+1]) {
		hasPoint = true
		i++
		for i < b && isASCIIDigit(s[i]) {
			i++
		}
	}
	numEnd := i
	unit := ""
	if i < b {
		for _, u := range cellUnits {
			if s[i:b] == u {
				unit = u
				break
			}
		}
		if unit == "" {
			return cell{}, false
		}
	}
	c := cell{a: a, b: numEnd, kind: cellNumber, unit: unit}
	digits := s[d0:numEnd]
	c.run = d0 == a && tok[0] != '+' && !hasComma && !hasPoint && unit == ""
	c.mustSplit = c.run && len(digits) > 1 && digits[0] == '0'
	num := digits
	switch {
	case hasComma:
		num = strings.ReplaceAll(num, ",", "")
		if neg {
			num = "-" + num
		}
	case neg && s[d0-1] == '-':
		num = s[d0-1 : numEnd] // the sign as printed: no copy
	case neg:
		num = "-" + num // U+2212
	}
	v, err := ParseNumber(num)
	if err != nil {
		if !c.run {
			return cell{}, false
		}
		c.mustSplit = true // more digits than any one count: cells run together
	}
	c.val = v
	return c, true
}

// threeDigitsIn reports whether s[j:b] starts with exactly three digits.
func threeDigitsIn(s string, j, b int) bool {
	if j+3 > b {
		return false
	}
	for k := j; k < j+3; k++ {
		if !isASCIIDigit(s[k]) {
			return false
		}
	}
	return j+3 == b || !isASCIIDigit(s[j+3])
}

// trailingNumber returns where a number at the end of s[a:b] begins when
// everything before it is text without digits, or a when there is none.
func trailingNumber(s string, a, b int) int {
	p := b
	// Back over a unit, then over digits and their punctuation.
	for _, u := range cellUnits {
		if strings.HasSuffix(s[a:p], u) {
			p -= len(u)
			break
		}
	}
	q := p
	for q > a && (isASCIIDigit(s[q-1]) || s[q-1] == '.' || s[q-1] == ',') {
		q--
	}
	if q < p && q > a && s[q-1] == '-' {
		q--
	}
	if q == p || q == a || !isASCIIDigit(s[q]) && s[q] != '-' {
		return a
	}
	if hasASCIIDigit(s[a:q]) {
		return a
	}
	return q
}

// embeddedNumber returns the bounds [p, q) of the first run of digits in
// s[a:b] (with its fraction and unit) when the text before it has no
// digits, or p == q when there is none.
func embeddedNumber(s string, a, b int) (p, q int) {
	p = a
	for p < b && !isASCIIDigit(s[p]) {
		p++
	}
	if p == b {
		return b, b
	}
	q = p
	for q < b && isASCIIDigit(s[q]) {
		q++
	}
	if q+1 < b && s[q] == '.' && isASCIIDigit(s[q+1]) {
		q++
		for q < b && isASCIIDigit(s[q]) {
			q++
		}
	}
	for _, u := range cellUnits {
		if strings.HasPrefix(s[q:b], u) {
			q += len(u)
			break
		}
	}
	return p, q
}

// isBlankMark reports whether tok is a mark for an empty cell.
func isBlankMark(tok string) bool {
	if tok == "" {
		return false
	}
	for _, r := range tok {
		switch r {
		case '/', '-', '—', '–', '―', '\\':
		default:
			return false
		}
	}
	return true
}

// isStopText reports whether a text token ends a row: the end of a
// sentence, or a numbering that starts another row or section, which a
// row's own cells never contain.
func isStopText(tok string) bool {
	if strings.Contains(tok, "。") {
		return true
	}
	return numberingEnd(tok) > 0
}

// numberingEnd returns the length of the numbering that tok starts with
// ("三、", "(三)", "2.", "1、"), or 0.
func numberingEnd(tok string) int {
	switch {
	case len(tok) >= 2 && isASCIIDigit(tok[0]) && tok[1] == '.' && (len(tok) == 2 || !isASCIIDigit(tok[2])):
		return 2
	case len(tok) >= 4 && isASCIIDigit(tok[0]) && tok[1:4] == "、":
		return 4
	case len(tok) >= 5 && tok[0] == '(' && tok[4] == ')' && isCJKNumeral(tok[1:4]):
		return 5
	case len(tok) >= 6 && tok[3:6] == "、" && isCJKNumeral(tok[:3]):
		return 6
	}
	return 0
}

func hasASCIIDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isASCIIDigit(s[i]) {
			return true
		}
	}
	return false
}
