package extract

import (
	"math"
	"strconv"
	"testing"
)

// TestIsCanonical holds IsCanonical to what ParseNumber reads back
// to itself.
func TestIsCanonical(t *testing.T) {
	for _, s := range []string{"0", "1491", "-18", "4711.70", "0.5", "-0", "-0.00", "-0.01", "00", "01", "1.",
		".5", "", "-", "1e3", "1,491", "123456789012345", "1234567890123456", "1.2.3", "+1", " 1"} {
		n, err := ParseNumber(s)
		want := err == nil && n.String() == s
		if got := IsCanonical(s); got != want {
			t.Errorf("IsCanonical(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzIsCanonical(f *testing.F) {
	f.Add("4711.70")
	f.Add("-0.0")
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseNumber(s)
		if want := err == nil && n.String() == s; IsCanonical(s) != want {
			t.Fatalf("IsCanonical(%q) = %v, want %v", s, !want, want)
		}
	})
}

// TestInt holds Int to strconv over the numbers it slices from
// smallInts and past them.
func TestInt(t *testing.T) {
	for n := int64(-20); n <= 10020; n++ {
		if got, want := Int(n).String(), strconv.FormatInt(n, 10); got != want {
			t.Fatalf("Int(%d) = %q, want %q", n, got, want)
		}
	}
	for _, n := range []int64{math.MinInt64, -1e15, 123456, math.MaxInt64} {
		if got, want := Int(n).String(), strconv.FormatInt(n, 10); got != want {
			t.Fatalf("Int(%d) = %q, want %q", n, got, want)
		}
	}
}
