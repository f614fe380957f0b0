package extract

import (
	"testing"
	"unicode/utf8"
)

// scanChineseRef is scanChinese as first written, with maps of the digits
// and units and the digits gathered for the positional reading.
func scanChineseRef(s string, i int) (Number, int, bool) {
	cnDigit := map[rune]int64{
		'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4,
		'五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
	}
	cnUnit := map[rune]int64{'十': 10, '百': 100, '千': 1000, '万': 10000, '亿': 100000000}
	j := i
	var total, section, digit int64
	seenDigit, seenAny, positional := false, false, true
	var digits []int64
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if d, ok := cnDigit[r]; ok {
			digit, seenDigit = d, true
			digits = append(digits, d)
		} else if u, ok := cnUnit[r]; ok {
			positional = false
			if u >= 10000 {
				section += digit
				if section == 0 {
					section = 1
				}
				total += section * u
				section, digit = 0, 0
			} else {
				if !seenDigit && digit == 0 {
					digit = 1
				}
				section += digit * u
				digit = 0
			}
			seenDigit = false
		} else {
			break
		}
		seenAny = true
		j += n
		if j-i > 3*24 {
			return Number{}, i, false
		}
	}
	if !seenAny {
		return Number{}, i, false
	}
	if positional && len(digits) > 1 {
		var v int64
		for _, d := range digits {
			v = v*10 + d
		}
		return Int(v), j, true
	}
	return Int(total + section + digit), j, true
}

// FuzzScanChinese holds scanChinese to scanChineseRef at every offset.
func FuzzScanChinese(f *testing.F) {
	for _, s := range []string{"一千二百三十件", "十五", "两", "二〇一三年", "三万五千", "一亿零五万", "零", "九九九九九九九九九九九九九九九九九九九九九"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := range len(s) {
			n, end, ok := scanChinese(s, i)
			wn, wend, wok := scanChineseRef(s, i)
			if n != wn || end != wend || ok != wok {
				t.Fatalf("scanChinese(%q, %d) = %v, %d, %v; want %v, %d, %v", s, i, n, end, ok, wn, wend, wok)
			}
		}
	})
}
