package extract

import (
	"strings"
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

// cnValue returns the value of a Chinese digit (digit) or of a Chinese
// unit, 十 to 亿 (unit); ok is false for any other rune. A switch, since
// the number scan asks it of every rune of a numeral.
func cnValue(r rune) (v int64, unit, ok bool) {
	switch r {
	case '〇', '零':
		return 0, false, true
	case '一':
		return 1, false, true
	case '二', '两':
		return 2, false, true
	case '三':
		return 3, false, true
	case '四':
		return 4, false, true
	case '五':
		return 5, false, true
	case '六':
		return 6, false, true
	case '七':
		return 7, false, true
	case '八':
		return 8, false, true
	case '九':
		return 9, false, true
	case '十':
		return 10, true, true
	case '百':
		return 100, true, true
	case '千':
		return 1000, true, true
	case '万':
		return 10000, true, true
	case '亿':
		return 100000000, true, true
	}
	return 0, false, false
}

// scanChinese reads a Chinese numeral such as 一千二百三十, 十五, 两, 二〇一三.
func scanChinese(s string, i int) (Number, int, bool) {
	j := i
	var total, section, digit int64
	seenDigit, seenAny, positional := false, false, true
	// A numeral of digits only is read in place too (二〇一三): places
	// is that reading, of digits digits.
	var places int64
	digits := 0
	for j < len(s) {
		r, n := decodeRune(s[j:])
		v, unit, ok := cnValue(r)
		if !ok {
			break
		}
		if !unit {
			digit, seenDigit = v, true
			places = places*10 + v
			digits++
		} else {
			positional = false
			if v >= 10000 {
				section += digit
				if section == 0 {
					section = 1
				}
				total += section * v
				section, digit = 0, 0
			} else {
				if !seenDigit && digit == 0 {
					digit = 1 // 十五 = 15
				}
				section += digit * v
				digit = 0
			}
			seenDigit = false
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
	if positional && digits > 1 {
		return Int(places), j, true
	}
	return Int(total + section + digit), j, true
}
