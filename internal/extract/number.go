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
//
// Every table cell and prose figure is parsed, so s is read in one pass,
// and the result is a slice of s unless a negative value lost leading
// zeros: dropping leading zeros, or all but one of them before a point,
// leaves a suffix of s.
func ParseNumber(s string) (Number, error) {
	// Most numbers are a few digits, without sign, point or leading
	// zero: already as Number holds them.
	if len(s) > 0 && len(s) <= maxDigits && s[0] != '0' && allDigits(s) {
		return Number{s}, nil
	}
	t := s
	neg := len(t) > 0 && t[0] == '-'
	if neg {
		t = t[1:]
	}
	// intEnd is the end of the integer part: the point, or the end.
	intEnd, hasDot := len(t), false
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c >= '0' && c <= '9':
		case c == '.' && !hasDot:
			intEnd, hasDot = i, true
		default:
			return Number{}, notDecimal(s)
		}
	}
	if intEnd == 0 || hasDot && intEnd == len(t)-1 {
		return Number{}, notDecimal(s) // no integer part, or nothing after the point
	}
	zeros := 0
	for zeros < intEnd && t[zeros] == '0' {
		zeros++
	}
	if intEnd-zeros > maxDigits {
		return Number{}, ErrTooLarge
	}
	out := t[zeros:]
	if zeros == intEnd {
		out = t[zeros-1:] // all zeros: keep one ("0", "0.5")
	}
	if neg && strings.Trim(out, "0.") != "" {
		if len(out) == len(t) {
			out = s
		} else {
			out = "-" + out
		}
	}
	return Number{out}, nil
}

// notDecimal is ParseNumber's error for a text that is no decimal.
func notDecimal(s string) error {
	return errors.New("not a decimal number: " + strconv.Quote(s))
}

// Int returns n as an integer Number.
func Int(n int64) Number {
	if n >= 0 && n < 10000 {
		// The sums of the checks, two a check and sixty checks a table
		// report, are mostly counts under 10,000: sliced from one
		// string of them all rather than formatted and allocated.
		k := int(n)
		switch {
		case k < 10:
			return Number{smallInts[k : k+1]}
		case k < 100:
			k = 10 + 2*(k-10)
			return Number{smallInts[k : k+2]}
		case k < 1000:
			k = 190 + 3*(k-100)
			return Number{smallInts[k : k+3]}
		}
		k = 2890 + 4*(k-1000)
		return Number{smallInts[k : k+4]}
	}
	return Number{strconv.FormatInt(n, 10)}
}

// smallInts holds 0 to 9999 in decimal, one after another: the numbers
// of d digits start after those of fewer (10, 190 and 2890 bytes).
var smallInts = func() string {
	b := make([]byte, 0, 38890)
	for n := range 10000 {
		b = strconv.AppendInt(b, int64(n), 10)
	}
	return string(b)
}()

// IsCanonical reports whether s is a decimal as Number.String prints it,
// so that ParseNumber reads it back to itself: an optional minus before a
// value other than zero, an integer part of 1 to 15 digits without leading
// zeros, and an optional fraction of at least one digit. It checks without
// parsing: the extraction cache checks millions of stored values with it.
func IsCanonical(s string) bool {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if len(intPart) == 0 || len(intPart) > maxDigits || (len(intPart) > 1 && intPart[0] == '0') ||
		!allDigits(intPart) || (hasDot && (frac == "" || !allDigits(frac))) {
		return false
	}
	// "-0" and "-0.00" print without their minus.
	return !neg || strings.Trim(s, "0.") != ""
}

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
func (n Number) IsInt() bool { return strings.IndexByte(n.s, '.') < 0 }

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
// digits at most fit in an int64). The identities read every field's
// value so: the digits are added up here, as strconv.ParseInt would,
// without its checks for signs, bases and underscores.
func (n Number) intValue() (int64, bool) {
	s := n.s
	if s == "" {
		return 0, true // the zero Number
	}
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	if s == "" || len(s) > 18 {
		// Nothing to read, or more digits than an int64 surely holds.
		v, err := strconv.ParseInt(n.s, 10, 64)
		return v, err == nil
	}
	var v int64
	for i := 0; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			return 0, false // a point: no integer
		}
		v = v*10 + int64(c)
	}
	if neg {
		v = -v
	}
	return v, true
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
