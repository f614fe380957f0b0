package extract

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// parseNumberRef is ParseNumber as first written, by strings.Cut and
// TrimLeft: the one-pass ParseNumber must agree with it on every input.
func parseNumberRef(s string) (Number, error) {
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

func TestParseNumberRef(t *testing.T) {
	inputs := []string{
		"", "-", ".", "-.", "0", "00", "-0", "-00", "0.0", "-0.0", "-0.00", "0.", "-0.", ".5", "-.5",
		"7", "-7", "007", "-007", "0.5", "00.5", "-00.5", "-00.50", "1.2.3", "1..2", "12a", "a12",
		"--5", "+5", "1,000", "4711.7", "24252.311082", "123456789012345", "1234567890123456",
		"0001234567890123456", "-1234567890123456", "1234567890123456.5", "000000000000000000",
		"1 ", " 1", "１２", "-0.001", "10.00",
	}
	// Every string of up to four bytes from a small alphabet.
	alphabet := []byte("0-.5a")
	var gen func(prefix []byte)
	gen = func(prefix []byte) {
		inputs = append(inputs, string(prefix))
		if len(prefix) == 4 {
			return
		}
		for _, c := range alphabet {
			gen(append(prefix, c))
		}
	}
	gen(nil)
	for _, in := range inputs {
		got, gerr := ParseNumber(in)
		want, werr := parseNumberRef(in)
		if got != want || (gerr == nil) != (werr == nil) || gerr != nil && gerr.Error() != werr.Error() {
			t.Errorf("ParseNumber(%q) = %q, %v; want %q, %v", in, got.s, gerr, want.s, werr)
		}
	}
}

func FuzzParseNumberRef(f *testing.F) {
	for _, s := range []string{"0", "-00.50", "1234567890123456", "1.2.3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, gerr := ParseNumber(in)
		want, werr := parseNumberRef(in)
		if got != want || (gerr == nil) != (werr == nil) || gerr != nil && gerr.Error() != werr.Error() {
			t.Errorf("ParseNumber(%q) = %q, %v; want %q, %v", in, got.s, gerr, want.s, werr)
		}
	})
}

// FuzzIntValue holds intValue to strconv.ParseInt on what it is given:
// numbers ParseNumber returns, and the same with the point taken out, as
// shareCheckInt reads a stated share.
func FuzzIntValue(f *testing.F) {
	for _, s := range []string{"0", "-18", "4711.7", "999999999999999", "-0.5", "123456789012345.678"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		n, err := ParseNumber(in)
		if err != nil {
			return
		}
		for _, m := range []Number{n, {strings.Replace(n.s, ".", "", 1)}} {
			got, ok := m.intValue()
			want, werr := strconv.ParseInt(m.String(), 10, 64)
			if wok := werr == nil && m.IsInt(); ok != wok || ok && got != want {
				t.Errorf("Number{%q}.intValue() = %d, %v; want %d, %v", m.s, got, ok, want, wok)
			}
		}
	})
}
