package extract

import (
	"strings"
	"unicode/utf8"
)

// scanNumber reads the number that starts at s[i] in normalized text:
// ASCII digits with optional thousands commas ("12,176") and a fraction
// ("4711.7"), or a run of Chinese numerals ("一千二百三十", "两", "〇").
// It returns the value and the end of what it read. Thousands commas are
// taken only in groups of three digits, so "158,4" stays 158.
func scanNumber(s string, i int) (v Number, end int, ok bool) {
	if i < len(s) && isDigit(s[i]) {
		return scanDigits(s, i)
	}
	return scanChinese(s, i)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func scanDigits(s string, i int) (Number, int, bool) {
	j := i
	commas := false
	for j < len(s) {
		switch {
		case isDigit(s[j]):
			j++
		case s[j] == ',' && j > i && j+3 < len(s)+0 && threeDigits(s, j+1):
			commas = true
			j++
		default:
			goto frac
		}
	}
frac:
	if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
		j++
		for j < len(s) && isDigit(s[j]) {
			j++
		}
	}
	text := s[i:j]
	if commas {
		// Only thousands separators were taken: dropping them all is exact.
		text = strings.ReplaceAll(text, ",", "")
	}
	n, err := ParseNumber(text)
	if err != nil {
		return Number{}, i, false
	}
	return n, j, true
}

// threeDigits reports whether s[j:] starts with exactly three digits.
func threeDigits(s string, j int) bool {
	if j+3 > len(s) {
		return false
	}
	for k := j; k < j+3; k++ {
		if !isDigit(s[k]) {
			return false
		}
	}
	return j+3 == len(s) || !isDigit(s[j+3])
}

var cnDigit = map[rune]int64{
	'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4,
	'五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
}

var cnUnit = map[rune]int64{'十': 10, '百': 100, '千': 1000, '万': 10000, '亿': 100000000}

// scanChinese reads a Chinese numeral such as 一千二百三十, 十五, 两, 二〇一三.
func scanChinese(s string, i int) (Number, int, bool) {
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
					digit = 1 // 十五 = 15
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
		// 二〇一三: digits read in place.
		var v int64
		for _, d := range digits {
			v = v*10 + d
		}
		return Int(v), j, true
	}
	return Int(total + section + digit), j, true
}
