package extract

import (
	"math/rand"
	"strconv"
	"testing"
)

// TestShareCheckInt holds the int64 share check to the big.Rat one: the
// same printed share and the same verdict, around every rounding edge.
func TestShareCheckInt(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	num := func(s string) Number {
		n, err := ParseNumber(s)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	tried := 0
	for range 200000 {
		c := rng.Int63n(3000)
		if rng.Intn(10) == 0 {
			c = rng.Int63n(2_000_000_000)
		}
		tot := 1 + rng.Int63n(3000)
		if rng.Intn(10) == 0 {
			tot = 1 + rng.Int63n(2_000_000_000)
		}
		d := rng.Intn(8)
		// A stated share near the true one: printed to d decimals, off
		// by a unit or two either way now and then.
		p := int64(1)
		for range d {
			p *= 10
		}
		units := 100*c*p/tot + rng.Int63n(5) - 2
		if units < 0 {
			units = 0
		}
		s := strconv.FormatInt(units, 10)
		if d > 0 {
			for len(s) <= d {
				s = "0" + s
			}
			s = s[:len(s)-d] + "." + s[len(s)-d:]
		}
		count, total, stated := num(strconv.FormatInt(c, 10)), num(strconv.FormatInt(tot, 10)), num(s)
		got, gotOK, fast := shareCheckInt(count, total, stated)
		if !fast {
			continue
		}
		tried++
		want, wantOK, err := shareCheckRat(count, total, stated)
		if err != nil || got != want || gotOK != wantOK {
			t.Fatalf("share %d/%d stated %s: int64 gives %s %v, big.Rat %s %v (%v)", c, tot, s, got, gotOK, want, wantOK, err)
		}
	}
	if tried < 100000 {
		t.Errorf("only %d shares took the int64 path", tried)
	}
}

// TestNumberEqual holds Equal's integer path to big.Rat.
func TestNumberEqual(t *testing.T) {
	for _, tt := range []struct{ a, b string }{
		{"0", ""}, {"12", "12"}, {"12", "13"}, {"-3", "-3"}, {"-3", "3"}, {"0", "-0"},
		{"1.50", "1.5"}, {"2", "2.0"}, {"999999999999999", "999999999999999"},
	} {
		a, b := Number{tt.a}, Number{tt.b}
		if got, want := a.Equal(b), a.Rat().Cmp(b.Rat()) == 0; got != want {
			t.Errorf("%q.Equal(%q) = %v, want %v", tt.a, tt.b, got, want)
		}
	}
}
