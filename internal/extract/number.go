package extract

import (
	"errors"
	"math/big"
	"strconv"
	"strings"
)

// maxDigits bounds the integer part of a Number. Counts and amounts in
// reports stay far below it; a longer run of digits is a table whose cells ran
// together or garbage, and is refused rather than wrapped or rounded.
const maxDigits = 15

// ErrTooLarge is returned for a number with more than 15 integer digits.
var ErrTooLarge = errors.New("number has more than 15 integer digits")

// Number is a decimal value exactly as printed: an optional minus sign,
// digits, and an optional fraction. Money keeps every printed decimal.
// The zero Number is 0.
type Number struct{ s string }

// ParseNumber reads a decimal such as "1491", "-18", "4711.7" or
// "24252.311082". Thousands separators must already be removed.
func ParseNumber(s string) (Number, error) {
	t := s
	neg := strings.HasPrefix(t, "-")
	if neg {
		t = t[1:]
	}
	intPart, frac, hasDot := strings.Cut(t, ".")
	if intPart == "" || !allDigits(intPart) || (hasDot && (frac == "" || !allDigits(frac))) {
		return Number{}, errors.New("not a decimal number: " + strconv.Quote(s))
	}
	intPart = strings.TrimLeft(intPart, "0")
	if len(intPart) > maxDigits {
		return Number{}, ErrTooLarge
	}
	if intPart == "" {
		intPart = "0"
	}
	out := intPart
	if hasDot {
		out += "." + frac
	}
	if neg && strings.Trim(out, "0.") != "" {
		out = "-" + out
	}
	return Number{out}, nil
}

// Int returns n as an integer Number.
func Int(n int64) Number { return Number{strconv.FormatInt(n, 10)} }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// String returns the decimal text.
func (n Number) String() string {
	if n.s == "" {
		return "0"
	}
	return n.s
}

// Float64 returns n as a float, for display and scoring only.
func (n Number) Float64() float64 {
	f, _ := strconv.ParseFloat(n.String(), 64)
	return f
}

// Rat returns n exactly.
func (n Number) Rat() *big.Rat {
	r, _ := new(big.Rat).SetString(n.String())
	return r
}

// IsInt reports whether n has no fraction.
func (n Number) IsInt() bool { return !strings.Contains(n.s, ".") }

// Equal reports whether n and m are the same value.
func (n Number) Equal(m Number) bool {
	if n.s == m.s {
		return true
	}
	// Counts are integers: compared as such, without two big.Rats.
	if a, ok := n.intValue(); ok {
		if b, ok := m.intValue(); ok {
			return a == b
		}
	}
	return n.Rat().Cmp(m.Rat()) == 0
}

// intValue returns n when it is an integer, as every count is (fifteen
// digits at most fit in an int64).
func (n Number) intValue() (int64, bool) {
	if !n.IsInt() {
		return 0, false
	}
	v, err := strconv.ParseInt(n.String(), 10, 64)
	return v, err == nil
}

// Add returns n+m exactly: the sum of two decimals has no more decimals
// than the longer of the two, so it is printed with that many.
func (n Number) Add(m Number) Number {
	r := new(big.Rat).Add(n.Rat(), m.Rat())
	if r.IsInt() {
		return Number{r.Num().String()}
	}
	s := r.FloatString(max(n.decimals(), m.decimals()))
	return Number{strings.TrimRight(strings.TrimRight(s, "0"), ".")}
}

// decimals returns how many digits n has after its point.
func (n Number) decimals() int {
	if _, frac, ok := strings.Cut(n.s, "."); ok {
		return len(frac)
	}
	return 0
}

// MarshalJSON writes n as a JSON number, exactly as printed.
func (n Number) MarshalJSON() ([]byte, error) { return []byte(n.String()), nil }

// UnmarshalJSON reads a JSON number (or a string holding one).
func (n *Number) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if e := strings.IndexAny(s, "eE"); e >= 0 {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return err
		}
		s = strconv.FormatFloat(f, 'f', -1, 64)
	}
	v, err := ParseNumber(s)
	if err != nil {
		return err
	}
	*n = v
	return nil
}
