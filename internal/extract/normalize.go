package extract

import (
	"sort"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// doc is a report's text with a normalized twin that the rules read.
//
// Normalization maps every source rune to exactly one rune: full-width ASCII
// to half-width, Traditional to Simplified characters, the ideographic space,
// CR, NUL and NBSP to a space. Because no rune is dropped or split, any range
// of whole runes in norm maps back to a range of the source, and a Field
// always points into the text the user sees. A doc is read by one
// extraction, on one goroutine: mapping offsets updates it.
type doc struct {
	src  string
	norm string
	// shifts map norm offsets to src offsets. Most runes keep their byte
	// length (Traditional and Simplified characters are both three
	// bytes), so the two texts stay aligned except after the runes that
	// change length (full-width to half-width, NBSP to a space): from
	// shifts[k].n up to the next shift, the rune at norm offset x starts
	// at src offset shifts[k].s + x - shifts[k].n. Before the first shift
	// the offsets are equal. A shift per full-width comma or colon (a few
	// hundred a report) replaces a table entry per byte.
	shifts []shift
	// last is the shift of the last offset mapped: rules map spans
	// mostly in text order, a few bytes apart, so the next one is most
	// often in it or just after.
	last int
}

// shift starts a run of runes whose norm and src offsets differ by s − n.
type shift struct{ n, s int32 }

func newDoc(src string) *doc {
	d := &doc{src: src, shifts: shiftPool.get(0)}
	table, gate := t2sTable(), changeGate()
	// Most reports are Simplified text with nothing to normalize: norm
	// then shares src, and buf is only started at the first rune that
	// changes. done is how much of src is already in buf.
	var buf []byte
	done := 0
	// flush copies the kept runes before i to buf.
	flush := func(i int) {
		if buf == nil {
			buf = make([]byte, 0, len(src))
		}
		buf = append(buf, src[done:i]...)
	}
	for i := 0; ; {
		if i = keptUpTo(src, i, gate); i == len(src) {
			break
		}
		c := src[i]
		if c == '\r' || c == 0 {
			flush(i)
			buf = append(buf, ' ')
			i++
			done = i
			continue
		}
		// keptUpTo stopped at a rune normalization may change
		// (full-width punctuation, Traditional characters), a rune of
		// two or four bytes, or a sequence that is no rune (read as
		// U+FFFD, one byte long, which becomes a space).
		r, size := decodeRune(src[i:])
		n := normRuneIn(table, r)
		if n == r {
			i += size
			continue
		}
		flush(i)
		if size == 3 && n >= 0x800 && n <= 0xFFFF {
			// A Traditional character for its Simplified one: three
			// bytes for three, as most changed runes are, and no shift.
			buf = append(buf, byte(0xE0|n>>12), byte(0x80|n>>6&0x3F), byte(0x80|n&0x3F))
			i += 3
			done = i
			continue
		}
		buf = utf8.AppendRune(buf, n)
		i += size
		done = i
		if nsize := utf8.RuneLen(n); nsize != size {
			d.shifts = append(d.shifts, shift{n: int32(len(buf)), s: int32(i)})
		}
	}
	if buf == nil {
		d.norm = src
		return d
	}
	buf = append(buf, src[done:]...)
	// buf is not written after: the string may share it, as
	// strings.Builder's does.
	d.norm = unsafe.String(unsafe.SliceData(buf), len(buf))
	return d
}

// keptUpTo returns the first byte at or after i of a rune newDoc may
// change (CR and NUL, every rune but ASCII and the three-byte runes gate
// clears), or len(src). Most of a report is runes it keeps: the loop is a
// function of its own so that it keeps its few values in registers.
func keptUpTo(src string, i int, gate *[1 << 10]uint64) int {
	// Written so that the compiler reads a rune's bytes without bounds
	// checks (see runeSet.next).
	i = max(i, 0)
	for i < len(src)-2 {
		c := src[i]
		if c < utf8.RuneSelf {
			if c == '\r' || c == 0 {
				return i
			}
			i++
			continue
		}
		c1, c2 := src[i+1], src[i+2]
		// A lead byte of three, two continuation bytes, and the bit of
		// a rune normalization keeps.
		if c&0xF0 != 0xE0 || (c1^0x80)|(c2^0x80) >= 0x40 || bit3(gate, c, c1, c2) {
			return i
		}
		i += 3
	}
	for ; i < len(src); i++ {
		if c := src[i]; c >= utf8.RuneSelf || c == '\r' || c == 0 {
			return i
		}
	}
	return len(src)
}

// release gives the doc's shifts back to their pool; d must not be
// mapped after.
func (d *doc) release() {
	shiftPool.put(d.shifts)
	d.shifts = nil
}

// off returns the src offset of the rune that holds norm byte x; off of
// len(norm) is len(src).
func (d *doc) off(x int) int {
	if x >= len(d.norm) {
		return len(d.src)
	}
	for x > 0 && !utf8.RuneStart(d.norm[x]) {
		x--
	}
	k := d.last
	if k >= len(d.shifts) || k >= 0 && int(d.shifts[k].n) > x {
		k = -1 // behind the last one: searched from the start
	}
	// A few steps forward, then a search of the rest.
	for stop := k + 2; k < stop && k+1 < len(d.shifts) && int(d.shifts[k+1].n) <= x; k++ {
	}
	if rest := d.shifts[k+1:]; len(rest) > 0 && int(rest[0].n) <= x {
		k += sort.Search(len(rest), func(i int) bool { return int(rest[i].n) > x })
	}
	d.last = k
	if k < 0 {
		return x
	}
	return int(d.shifts[k].s) + x - int(d.shifts[k].n)
}

// normRune is the rune-for-rune normalization of newDoc.
func normRune(r rune) rune { return normRuneIn(t2sTable(), r) }

// normRuneIn is normRune with the Traditional-to-Simplified table at hand.
func normRuneIn(table []rune, r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		return r - 0xFEE0
	case r == 0x3000, r == 0x00A0, r == utf8.RuneError:
		return ' '
	case r >= t2sLo && r <= t2sHi:
		if s := table[r-t2sLo]; s != 0 {
			return s
		}
	}
	return r
}

// normalize returns s normalized as report text is, for writing rules in
// either script.
func normalize(s string) string {
	return newDoc(s).norm
}

// span maps the normalized byte range [a, b) to the source.
func (d *doc) span(a, b int) Span {
	start := d.off(a)
	// Most spans are a few digits with no shift inside: the end is as
	// far from the start in the source as in norm. (off left d.last at
	// a's shift; a and b must both be rune starts for this.)
	if k := d.last; a <= b && b < len(d.norm) && utf8.RuneStart(d.norm[b]) && utf8.RuneStart(d.norm[a]) &&
		(k+1 >= len(d.shifts) || int(d.shifts[k+1].n) > b) {
		return Span{Start: start, End: start + b - a}
	}
	return Span{Start: start, End: d.off(b)}
}

// field builds a grounded Field from the normalized byte range [a, b).
func (d *doc) field(id string, v Number, approx bool, a, b int) Field {
	s := d.span(a, b)
	return Field{ID: id, Value: v, Approx: approx, Span: s, Text: d.src[s.Start:s.End]}
}

const t2sLo, t2sHi = 0x3400, 0x9FFF

var (
	gateOnce sync.Once
	gateBits *[1 << 10]uint64
)

// changeGate returns, once, on first use, the bitmap of the three-byte
// sequences newDoc must look at: bit r&63 of word r>>6 is set for each
// rune r that normRune changes and for each sequence that is no rune
// (overlong, a surrogate). 8 KB where the t2s table is 110 KB. A clear
// bit is a valid rune normalization keeps, stepped over on one test.
func changeGate() *[1 << 10]uint64 {
	gateOnce.Do(func() {
		gateBits = new([1 << 10]uint64)
		for r := rune(0); r <= 0xFFFF; r++ {
			if r < 0x800 || r >= 0xD800 && r <= 0xDFFF || normRune(r) != r {
				gateBits[r>>6] |= 1 << (r & 63)
			}
		}
	})
	return gateBits
}

var (
	t2sOnce sync.Once
	t2s     []rune
)

// t2sTable expands t2sPairs into a dense lookup, once, on first use.
func t2sTable() []rune {
	t2sOnce.Do(func() {
		t2s = make([]rune, t2sHi-t2sLo+1)
		p := t2sPairs
		for len(p) > 0 {
			t, n := decodeRune(p)
			s, m := decodeRune(p[n:])
			p = p[n+m:]
			t2s[t-t2sLo] = s
		}
	})
	return t2s
}
