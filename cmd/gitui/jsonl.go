package main

import (
	"strconv"
	"sync"
	"unicode/utf8"

	"gitui/internal/corpus"
	"gitui/internal/extract"
	"gitui/internal/schema"
	"gitui/internal/textsafe"
)

// appendRecord appends the JSON line of r, byte for byte what
// encoding/json writes for record(r) with HTML escaping off, passed
// through textsafe.JSONWriter. A table report's line has over two hundred
// fields; encoding it by reflection cost an eighth of `gitui extract`.
// TestAppendRecord holds the two to the same bytes.
func appendRecord(b []byte, r *corpus.Report) []byte {
	b = append(b, `{"path":`...)
	b = appendString(b, r.Path)
	if r.SHA256 != "" {
		b = append(b, `,"sha256":`...)
		b = appendString(b, r.SHA256)
	}
	if r.Encoding != "" {
		b = append(b, `,"encoding":`...)
		b = appendString(b, r.Encoding)
	}
	b = append(b, `,"agency":`...)
	b = appendString(b, r.Agency)
	b = append(b, `,"year":`...)
	if r.Year != 0 {
		b = strconv.AppendInt(b, int64(r.Year), 10)
	} else {
		b = append(b, "null"...)
	}
	if r.Format != "" {
		b = append(b, `,"format":`...)
		b = appendString(b, string(r.Format))
	}
	b = append(b, `,"fields":[`...)
	at := -1 // the schema place of the last field
	for i, f := range r.Figures() {
		if i > 0 {
			b = append(b, ',')
		}
		b, at = appendField(b, f, at)
	}
	b = append(b, `],"checks":[`...)
	for i := range r.NumChecks() {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCheck(b, r.Check(i))
	}
	b = append(b, `],"problems":[`...)
	for i, p := range r.Problems {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, p)
	}
	return append(b, "]}\n"...)
}

// appendField appends f, whose schema place is most often just after
// the place at, and returns f's place (-1 for none).
func appendField(b []byte, f *extract.Field, at int) ([]byte, int) {
	at = schema.OrderAfter(f.ID, at)
	if at >= 0 {
		b = append(b, fieldHeads[at]...)
	} else {
		b = append(b, `{"id":`...)
		b = appendString(b, f.ID)
		b = append(b, `,"value":`...)
	}
	b = append(b, f.Value.String()...)
	if at >= 0 && f.Unit == schema.All()[at].Unit {
		b = append(b, fieldMiddles[at][b2i(f.Approx)]...)
	} else {
		b = append(b, `,"approx":`...)
		b = strconv.AppendBool(b, f.Approx)
		b = append(b, `,"unit":`...)
		b = appendString(b, f.Unit)
		b = append(b, `,"start":`...)
	}
	b = appendOffset(b, f.Start)
	b = append(b, `,"end":`...)
	b = appendOffset(b, f.End)
	b = append(b, `,"text":`...)
	b = appendString(b, f.Text)
	return append(b, '}'), at
}

// fieldHeads and fieldMiddles hold, by schema place, what a field's JSON
// object holds before its value, and between the value and its start
// (for approx false and true) when the unit is the schema's: most of a
// field's bytes, written as one piece instead of five.
var fieldHeads, fieldMiddles = func() ([]string, [][2]string) {
	heads := make([]string, len(schema.All()))
	middles := make([][2]string, len(schema.All()))
	for i, f := range schema.All() {
		heads[i] = `{"id":` + quotedIDs[i] + `,"value":`
		for k, approx := range []bool{false, true} {
			m := strconv.AppendBool([]byte(`,"approx":`), approx)
			m = append(m, `,"unit":`...)
			m = appendString(m, f.Unit)
			middles[i][k] = string(append(m, `,"start":`...))
		}
	}
	return heads, middles
}()

// appendOffset appends x, a byte offset, in decimal, as
// strconv.AppendInt does. A field has two; strconv's general loop and
// copy cost several times what the few digits of an offset need.
func appendOffset(b []byte, x int) []byte {
	const pairs = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
	switch u := uint(x); {
	case x < 0 || u >= 1000000:
		return strconv.AppendInt(b, int64(x), 10)
	case u < 10:
		return append(b, byte('0'+u))
	case u < 100:
		return append(b, pairs[2*u], pairs[2*u+1])
	case u < 1000:
		lo := u % 100
		return append(b, byte('0'+u/100), pairs[2*lo], pairs[2*lo+1])
	case u < 10000:
		hi, lo := u/100, u%100
		return append(b, pairs[2*hi], pairs[2*hi+1], pairs[2*lo], pairs[2*lo+1])
	case u < 100000:
		hi, mid, lo := u/10000, u/100%100, u%100
		return append(b, byte('0'+hi), pairs[2*mid], pairs[2*mid+1], pairs[2*lo], pairs[2*lo+1])
	default:
		hi, mid, lo := u/10000, u/100%100, u%100
		return append(b, pairs[2*hi], pairs[2*hi+1], pairs[2*mid], pairs[2*mid+1], pairs[2*lo], pairs[2*lo+1])
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func appendCheck(b []byte, c extract.Check) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, c.ID)
	b = append(b, `,"ok":`...)
	b = strconv.AppendBool(b, c.OK)
	b = append(b, `,"expected":`...)
	b = append(b, c.Expected.String()...)
	b = append(b, `,"actual":`...)
	b = append(b, c.Actual.String()...)
	b = append(b, `,"fields":`...)
	b = appendIDList(b, c.Fields)
	return append(b, '}')
}

// idLists holds field lists written as JSON, by the address of their
// first ID. A report's checks name the same few hundred lists, each held
// once by the corpus (see corpus.Report.Check), so that address stands
// for the list's IDs: each list is written once per run, not once per
// check of every report.
var idLists sync.Map // *string → string

// appendIDList appends ids as a JSON array, or null for nil.
func appendIDList(b []byte, ids []string) []byte {
	switch {
	case ids == nil:
		return append(b, "null"...)
	case len(ids) == 0:
		return append(b, "[]"...)
	}
	if q, ok := idLists.Load(&ids[0]); ok {
		return append(b, q.(string)...)
	}
	start := len(b)
	b = append(b, '[')
	at := -1
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		at = schema.OrderAfter(id, at)
		b = appendID(b, id, at)
	}
	b = append(b, ']')
	idLists.Store(&ids[0], string(b[start:]))
	return b
}

// quotedIDs holds the schema's field IDs as JSON strings, by schema
// place: they are most of a line, and finding one costs less than
// escaping it.
var quotedIDs = func() []string {
	q := make([]string, len(schema.All()))
	for i, f := range schema.All() {
		q[i] = string(appendString(nil, f.ID))
	}
	return q
}()

// appendID appends a field ID, whose schema place is at (-1 for none), as
// a JSON string.
func appendID(b []byte, id string, at int) []byte {
	if at >= 0 {
		return append(b, quotedIDs[at]...)
	}
	return appendString(b, id)
}

const hexDigits = "0123456789abcdef"

// plainASCII marks the bytes a JSON string holds as they are.
var plainASCII = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != 0x7f
	}
	return t
}()

// appendString appends s as a JSON string as encoding/json writes it
// (invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped, HTML characters
// not), with DEL and the runes textsafe.Rune replaces written as escapes
// too, as textsafe.JSONWriter does: the text stays byte-exact once decoded.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if plainASCII[c] {
			i++
			continue
		}
		// Most of a report's text is CJK, three-byte runes with lead
		// bytes E3–EC and EE, none of which needs an escape; ED and EF
		// lead to surrogates and U+FEFF, E2 to U+2028 and the bidi
		// controls, which the general path looks at.
		if (c >= 0xe3 && c <= 0xec || c == 0xee) && i < len(s)-2 && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80 {
			i += 3
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, `\b`...)
			case '\f':
				b = append(b, `\f`...)
			case '\n':
				b = append(b, `\n`...)
			case '\r':
				b = append(b, `\r`...)
			case '\t':
				b = append(b, `\t`...)
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == 0x2028 || r == 0x2029 || textsafe.Rune(r) != r:
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
		default:
			i += n
			continue
		}
		i += n
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
