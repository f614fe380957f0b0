package extract

import (
	"sync"
	"unicode/utf8"
)

// doc is a report's text with a normalized twin that the rules read.
//
// Normalization maps every source rune to exactly one rune: full-width ASCII
// to half-width, Traditional to Simplified characters, the ideographic space,
// CR, NUL and NBSP to a space. Because no rune is dropped or split, any range
// of whole runes in norm maps back to a range of the source through off, and
// a Field always points into the text the user sees.
type doc struct {
	src  string
	norm string
	// off[i] is the byte offset in src of the rune that starts at norm[i];
	// bytes inside a rune repeat its start. off[len(norm)] == len(src).
	off []int32
}

func newDoc(src string) *doc {
	d := &doc{src: src}
	buf := make([]byte, 0, len(src))
	off := make([]int32, 0, len(src)+1)
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			switch c {
			case '\r', 0:
				c = ' '
			}
			buf = append(buf, c)
			off = append(off, int32(i))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(src[i:])
		r = normRune(r)
		n := len(buf)
		buf = utf8.AppendRune(buf, r)
		for k := n; k < len(buf); k++ {
			off = append(off, int32(i))
		}
		i += size
	}
	off = append(off, int32(len(src)))
	d.norm = string(buf)
	d.off = off
	return d
}

// normRune is the rune-for-rune normalization of newDoc.
func normRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		return r - 0xFEE0
	case r == 0x3000, r == 0x00A0, r == utf8.RuneError:
		return ' '
	case r >= t2sLo && r <= t2sHi:
		if s := t2sTable()[r-t2sLo]; s != 0 {
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
	return Span{Start: int(d.off[a]), End: int(d.off[b])}
}

// field builds a grounded Field from the normalized byte range [a, b).
func (d *doc) field(id string, v Number, approx bool, a, b int) Field {
	s := d.span(a, b)
	return Field{ID: id, Value: v, Approx: approx, Span: s, Text: d.src[s.Start:s.End]}
}

const t2sLo, t2sHi = 0x3400, 0x9FFF

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
			t, n := utf8.DecodeRuneInString(p)
			s, m := utf8.DecodeRuneInString(p[n:])
			p = p[n+m:]
			t2s[t-t2sLo] = s
		}
	})
	return t2s
}
