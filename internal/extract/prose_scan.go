package extract

import (
	"math/big"
	"strings"
	"unicode/utf8"
)

// mention is a number stated with a unit in prose ("1491条", "5500余条",
// "4711.7元"), with the words around it that say what it counts.
type mention struct {
	v      Number
	approx bool
	unit   string
	start  int // view offset of the number
	end    int // view offset after the unit
	// left is the clause before the number, from the nearest delimiter or
	// the previous mention; leftAt is its view offset.
	left   string
	leftAt int
	// right is the clause after the unit, up to a delimiter, a list comma
	// or the next number.
	right string
}

// units are the measure words a prose figure may carry, longest first.
var units = []string{"人次", "万元", "元", "条", "件", "宗", "起", "份", "篇", "次", "例"}

// unitAt returns the unit that starts s[j:], or "". It is the first of
// units that s[j:] starts with: no two units start with the same rune
// but 人次 and 万元, which no other unit starts with.
func unitAt(s string, j int) string {
	if j+3 > len(s) {
		return ""
	}
	switch r := s[j : j+3]; r {
	case "人", "万":
		if u := s[j:min(j+6, len(s))]; u == "人次" || u == "万元" {
			return u
		}
	case "元", "条", "件", "宗", "起", "份", "篇", "次", "例":
		return r
	}
	return ""
}

// clauseStops end the clause a rule reads around a number.
const clauseStops = ",。;:!?\n()【】"

// clauseStop holds clauseStops, for the scans that test every rune.
var clauseStop = newRuneSet(clauseStops)

// maxLeft bounds how far back a rule reads, in bytes (about 40 runes).
const maxLeft = 120

// mentions finds every number followed by a unit in the view, in order,
// in a slice from mentionPool. It also returns where in the view a word
// of zeroFound starts, in order, in a slice from zeroAtPool, for
// zeroStatements: the one scan for the first runes of both spares a
// search of the whole view per zero word.
func (v *view) mentions() ([]mention, []int) {
	s := v.s
	out := mentionPool.get(64)
	zeros := zeroAtPool.get(16)
	prevEnd := 0
	for i := 0; ; {
		if i = mentionStarts.next(s, i); i == len(s) {
			break
		}
		// Where the scan goes on from; a number read between holds no
		// zero word but for a 零 inside it ("一千零五"): skip sets i past
		// the number, and looks there.
		from := i
		// digitsEnd is the end of a number of digits at from: it is
		// ASCII, which holds no zero word.
		digitsEnd := from
		skip := func(to int) {
			if to > digitsEnd {
				zeros = zeroWordsIn(s, from, to, zeros)
			}
			i = to
		}
		var (
			n   Number
			end int
			ok  bool
		)
		if isDigit(s[i]) {
			if i > 0 && (isDigit(s[i-1]) || s[i-1] == '.') {
				i++
				continue
			}
			// Most numbers are table cells, a few digits before a bar
			// or a space: no unit can follow, and nothing is read of
			// them. (Up to 15 digits, a run is always a number.)
			k := i + 1
			for k < len(s) && isDigit(s[k]) {
				k++
			}
			if k-i <= maxDigits && (k == len(s) || s[k] != ',' && s[k] != '.' && asciiAfter(s, k)) {
				i = k
				continue
			}
			n, end, ok = scanDigits(s, i)
			digitsEnd = end
		} else {
			r, size := decodeRune(s[i:])
			if zeroWordSet.starts.has(r) {
				// No zero word starts with a numeral.
				if zeroWordSet.startsAt(s[i:], r) {
					zeros = append(zeros, i)
				}
				i += size
				continue
			}
			if !chineseNumeralStart(s, i, r) {
				i += 3
				continue
			}
			n, end, ok = scanChinese(s, i)
		}
		if !ok {
			i++
			continue
		}
		if asciiAfter(s, end) {
			skip(end)
			continue
		}
		m := mention{v: n, start: i}
		j := afterBreak(s, end)
		for _, a := range []string{"余", "多"} {
			if strings.HasPrefix(s[j:], a) {
				m.approx = true
				j += len(a)
				break
			}
		}
		// "1.2万条": a count in units of ten thousand. 万元 is money and
		// keeps its unit as printed.
		if strings.HasPrefix(s[j:], "万") && !strings.HasPrefix(s[j:], "万元") {
			w, ok := tenThousand(m.v)
			if !ok {
				skip(end)
				continue
			}
			m.v = w
			j += len("万")
			if !m.approx && hasPrefixes(s[j:], "余", "多") {
				m.approx = true
				j += len("余")
			}
		}
		m.unit = unitAt(s, j)
		j += len(m.unit)
		if m.unit == "" {
			skip(end)
			continue
		}
		m.end = j
		m.leftAt = leftStart(s, i, prevEnd)
		m.left = s[m.leftAt:i]
		m.right = rightClause(s, j)
		out = append(out, m)
		prevEnd = j
		skip(j)
	}
	return out, zeros
}

// tenThousand returns n×10000 when that is a whole count.
func tenThousand(n Number) (Number, bool) {
	r := n.Rat()
	r.Mul(r, big.NewRat(10000, 1))
	if !r.IsInt() {
		return Number{}, false
	}
	v, err := ParseNumber(r.Num().String())
	return v, err == nil
}

// numberStarts are the runes a number in prose starts with: digits, and
// the Chinese numerals that count (not 零 or 〇 alone, see
// chineseNumeralStart).
var numberStarts = newRuneSet(numberStartRunes)

const numberStartRunes = "0123456789一二两三四五六七八九十百千"

// zeroWordSet holds zeroFound, whose first runes are none of
// numberStarts, and mentionStarts the first runes of both, for the scan
// of mentions.
var (
	zeroWordSet   = newWordSet(zeroFound...)
	mentionStarts = newRuneSet(numberStartRunes + string(zeroWordSet.first))
)

// zeroWordsIn appends to at where a word of zeroFound starts in s[from:to],
// s valid UTF-8 (as a view is).
func zeroWordsIn(s string, from, to int, at []int) []int {
	for i := from; ; {
		if i = zeroWordSet.starts.next(s[:to], i); i == to {
			return at
		}
		r, size := decodeRune(s[i:])
		if zeroWordSet.startsAt(s[i:], r) {
			at = append(at, i)
		}
		i += size
	}
}

// chineseNumeralStart reports whether a Chinese numeral that counts
// something may start at s[i]. 零 and 〇 alone are words (零件), and a
// numeral after 每/第/逐 is an ordinal or a distributive, not a count.
// 百 and 千 alone count only after 近 ("公开政府信息近千条"): "数百条",
// "上千条" state no number.
func chineseNumeralStart(s string, i int, r rune) bool {
	if r == '百' || r == '千' {
		return strings.HasSuffix(s[:i], "近")
	}
	if !countingNumeral(r) {
		return false
	}
	if i == 0 {
		return true
	}
	p, _ := decodeLastRune(s[:i])
	if countingNumeral(p) || p == '零' || p == '〇' || p == '百' || p == '千' || p == '万' || p == '亿' {
		return false
	}
	return !ordinalBefore.has(p)
}

// ordinalBefore holds the runes after which a numeral is an ordinal, a
// distributive or a determiner ("第一", "每三", "这一"), not a count.
var ordinalBefore = newRuneSet("每第逐这那其唯单初星")

// countingNumeral reports a Chinese digit that may start a count, or 十.
func countingNumeral(r rune) bool {
	switch r {
	case '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十':
		return true
	}
	return false
}

// afterBreak returns where the words after a number ending at s[end]
// start: there, or past a line break there. No paragraph starts with a
// measure word: a break between a number and its unit is a wrapped line
// ("351\n件").
func afterBreak(s string, end int) int {
	if end < len(s) && s[end] == '\n' {
		return end + 1
	}
	return end
}

// asciiAfter reports whether the number ending at s[end] is followed by
// ASCII or nothing (see afterBreak): units, 余, 多 and 万 are Chinese, and
// a number followed by ASCII (a table's "|", a point, a space) has none.
func asciiAfter(s string, end int) bool {
	j := afterBreak(s, end)
	return j == len(s) || s[j] < utf8.RuneSelf
}

// leftStart returns where the clause before s[i] starts: after the nearest
// clause stop or the previous mention, at most maxLeft bytes back.
func leftStart(s string, i, prevEnd int) int {
	j := i
	for j > prevEnd && i-j < maxLeft {
		r, size := decodeLastRune(s[:j])
		if clauseStop.has(r) {
			break
		}
		j -= size
	}
	return j
}

// rightClause returns the clause after s[j]: up to a clause stop, a list
// comma or the next digit, at most maxLeft bytes.
func rightClause(s string, j int) string {
	k := j
	for k < len(s) && k-j < maxLeft {
		r, size := decodeRune(s[k:])
		if r == '、' || clauseStop.has(r) || (r < utf8.RuneSelf && isDigit(byte(r))) {
			break
		}
		k += size
	}
	return s[j:k]
}

// before returns up to n bytes of s ending at i, starting on a rune.
func before(s string, i, n int) string {
	j := i - n
	if j <= 0 {
		return s[:i]
	}
	for j < i && !utf8.RuneStart(s[j]) {
		j++
	}
	return s[j:i]
}

// sentenceBefore returns the sentence text before s[i], back to the last
// 。, ; or paragraph break (at most 240 bytes).
func sentenceBefore(s string, i int) string {
	b := before(s, i, 240)
	// strings.LastIndexAny(b, "。;\n"), by bytes: the view is valid
	// UTF-8, where 82 after E3 80 ends 。 and only it.
	for k := len(b) - 1; k >= 0; k-- {
		switch b[k] {
		case ';', '\n':
			return b[k+1:]
		case 0x82:
			if k >= 2 && b[k-2] == 0xE3 && b[k-1] == 0x80 {
				return b[k+1:]
			}
		}
	}
	return b
}

// sentenceAfter returns the sentence text from s[j], up to the next 。, ;
// or paragraph break (at most 240 bytes).
func sentenceAfter(s string, j int) string {
	b := s[j:]
	if len(b) > 240 {
		k := 240
		for k > 0 && !utf8.RuneStart(b[k]) {
			k--
		}
		b = b[:k]
	}
	if k := strings.IndexAny(b, "。;\n"); k >= 0 {
		b = b[:k]
	}
	return b
}

// percentAfter reads a share stated right after a count: "，占89.06%",
// "，占总数的42.36%". It returns the percentage as printed.
func percentAfter(s string, j int) (Number, bool) {
	k := j
	if k < len(s) && (s[k] == ',' || strings.HasPrefix(s[k:], "、")) {
		_, size := decodeRune(s[k:])
		k += size
	}
	if !strings.HasPrefix(s[k:], "占") {
		return Number{}, false
	}
	k += len("占")
	limit := k + 30
	for k < len(s) && k < limit && !isDigit(s[k]) {
		r, size := decodeRune(s[k:])
		if clauseStop.has(r) {
			return Number{}, false
		}
		k += size
	}
	n, end, ok := scanDigits(s, k)
	if !ok || !strings.HasPrefix(s[end:], "%") {
		return Number{}, false
	}
	return n, true
}

// Helpers over strings of Chinese text.

func hasAny(s string, words ...string) bool {
	for _, w := range words {
		if containsText(s, w) {
			return true
		}
	}
	return false
}

func suffixAny(s string, words ...string) (string, bool) {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return w, true
		}
	}
	return "", false
}

func prefixAny(s string, words ...string) (string, bool) {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return w, true
		}
	}
	return "", false
}

func runeCount(s string) int { return utf8.RuneCountInString(s) }

// quotes are dropped before a rule reads a clause: "“同意公开”的266件".
var quoteStripper = strings.NewReplacer("“", "", "”", "", "\"", "", "'", "", "‘", "", "’", "", "「", "", "」", "", "『", "", "』", "")

// stripQuotes drops quotation marks; most clauses have none, and keep
// their string.
func stripQuotes(s string) string {
	if !hasQuote(s) {
		return s
	}
	return quoteStripper.Replace(s)
}

// hasQuote is strings.ContainsAny(s, "“”\"'‘’「」『』") by bytes: the
// curly and corner quotes are E2 80 98–9D and E3 80 8C–8F.
func hasQuote(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"', '\'':
			return true
		case 0xE2:
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x98 || s[i+2] == 0x99 || s[i+2] == 0x9C || s[i+2] == 0x9D) {
				return true
			}
		case 0xE3:
			if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] >= 0x8C && s[i+2] <= 0x8F {
				return true
			}
		}
	}
	return false
}

// fillers are words between a keyword and its number that add nothing:
// "主动公开政府信息共455条", "依申请公开件共计631件", "信息数为158条".
var fillers = []string{"共计", "合计", "总计", "共有", "总数为", "总数", "数量为", "数量", "数为", "达到", "为", "达", "共", "计", "有", "了", "数"}

// approxWords before a number make it approximate: "约300人次", "近千条".
var approxWords = []string{"大约", "将近", "约", "近"}

// compound reports whether the filler w that ends c is the last character
// of a word instead ("具体行政行为", "认为"): such a word is kept.
func compound(c, w string) bool {
	if w != "为" && w != "数" {
		return false
	}
	p, _ := decodeLastRune(strings.TrimSuffix(c, w))
	if w == "为" {
		return strings.ContainsRune("行认作成", p)
	}
	return strings.ContainsRune("人次件", p) // 人数, 次数, 件数 are the counted thing
}

// core returns the clause before a number without quotes, list commas at
// its start, and trailing fillers, and whether it ends in an approx word.
func core(left string) (string, bool) {
	c := stripQuotes(left)
	c = strings.TrimLeft(c, "、")
	approx := false
	for {
		if w, ok := suffixAny(c, approxWords...); ok {
			c, approx = strings.TrimSuffix(c, w), true
			continue
		}
		if w, ok := suffixAny(c, fillers...); ok && len(w) < len(c) && !compound(c, w) {
			c = strings.TrimSuffix(c, w)
			continue
		}
		return c, approx
	}
}
