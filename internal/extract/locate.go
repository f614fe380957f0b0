package extract

import (
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
	score := func(c statement) int {
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
	sort.SliceStable(cands, func(i, j int) bool { return score(cands[i]) < score(cands[j]) })
	out := make([]Span, len(cands))
	for i, c := range cands {
		out[i] = d.span(c.a, c.b)
	}
	return out
}

// Grounds reports whether the text under sp states v as a whole number, as
// Locate finds it. It is how a stored correction's span is checked against
// the report it is applied to.
func Grounds(text string, sp Span, v Number) bool {
	if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End {
		return false
	}
	d := newDoc(text)
	for _, c := range d.statements(v) {
		if d.span(c.a, c.b) == sp {
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
		r, size := utf8.DecodeRuneInString(s[i:])
		if !continuesNumber(prev2, prev, r) {
			if n, end, ok := scanNumber(s, i); ok && wholeNumber(s, i, end, r) {
				a := i
				if neg := negativeSign(s, i); neg >= 0 {
					n, a = negate(n), neg
				}
				if n.Equal(v) {
					out = append(out, statement{a: a, b: end, chinese: r >= utf8.RuneSelf})
				}
			} else if zero && r == '无' && i+size <= len(s) {
				next, _ := utf8.DecodeRuneInString(s[i+size:])
				if i+size == len(s) || !unicode.Is(unicode.Han, next) {
					out = append(out, statement{a: i, b: i + size, chinese: true})
				}
			}
		}
		prev2, prev = prev, r
		i += size
	}
	return out
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
	_, pd := cnDigit[prev]
	_, pu := cnUnit[prev]
	return (pd || pu) && isCnNumeral(r)
}

func isCnNumeral(r rune) bool {
	_, d := cnDigit[r]
	_, u := cnUnit[r]
	return d || u
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
		_, isDigit := cnDigit[first]
		return isDigit || first == '十'
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
		p, _ := utf8.DecodeLastRuneInString(s[:i-1])
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
			j := strings.Index(d.norm[i:], part)
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
