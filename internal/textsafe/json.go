package textsafe

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// JSONWriter escapes, in the JSON text written through it, every rune that
// encoding/json leaves raw but a terminal acts on: DEL, the C1 controls
// (U+009B is CSI) and the bidi controls, and U+FEFF. Each becomes a \uXXXX
// escape, so a decoder reads exactly the same string: output whose values
// must stay byte-exact (a field's text must equal its source span) is made
// safe to print without changing a value.
//
// encoding/json already escapes the C0 controls and U+2028/U+2029, and these
// runes can only occur inside JSON strings, so the rewrite is safe on any
// valid JSON stream. A rune split across two writes is completed from the
// next one.
type JSONWriter struct {
	w       io.Writer
	pending []byte // an incomplete UTF-8 sequence at the end of the last write
	buf     []byte
}

// NewJSONWriter returns a JSONWriter writing to w.
func NewJSONWriter(w io.Writer) *JSONWriter { return &JSONWriter{w: w} }

// Write escapes p and writes it. It reports len(p) on success.
func (j *JSONWriter) Write(p []byte) (int, error) {
	data := p
	if len(j.pending) > 0 {
		data = append(j.pending, p...)
		j.pending = nil
	}
	j.buf = j.buf[:0]
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c == 0x7f {
				j.buf = append(j.buf, `\u007f`...)
			} else {
				j.buf = append(j.buf, c)
			}
			i++
			continue
		}
		if !utf8.FullRune(data[i:]) {
			j.pending = append([]byte(nil), data[i:]...)
			break
		}
		r, n := utf8.DecodeRune(data[i:])
		if n > 1 && Rune(r) != r {
			j.buf = fmt.Appendf(j.buf, `\u%04x`, r)
		} else {
			j.buf = append(j.buf, data[i:i+n]...)
		}
		i += n
	}
	if _, err := j.w.Write(j.buf); err != nil {
		return 0, err
	}
	return len(p), nil
}
