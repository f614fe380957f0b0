package corpus

import (
	"encoding/binary"
	"errors"

	"gitui/internal/extract"
	"gitui/internal/schema"
)

// The payload of a cache file, in order: the strings Path, SHA256,
// Encoding; the signed varints Size, ModTime; the Meta (Agency, Year,
// Format, Published); the fields (ID, Value, Approx, Unit, Start, End); the
// checks (ID, OK, Expected, Actual, Fields); the problems. Strings are a
// uvarint length and bytes, lists a uvarint count and elements, booleans a
// byte. A list's count is stored plus one, zero standing for a nil list,
// so that a cached Result marshals to the same JSON ("[]" or null).

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendLen(b []byte, n int, isNil bool) []byte {
	if isNil {
		return append(b, 0)
	}
	return binary.AppendUvarint(b, uint64(n)+1)
}

// appendNumber writes n as printed, and the zero Number as "" so that it
// reads back as the zero Number rather than as "0".
func appendNumber(b []byte, n extract.Number) []byte {
	if n == (extract.Number{}) {
		return appendString(b, "")
	}
	return appendString(b, n.String())
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

// appendEntry appends the payload of e to b.
func appendEntry(b []byte, e *cacheEntry) []byte {
	b = appendString(b, e.Path)
	b = appendString(b, e.SHA256)
	b = appendString(b, e.Encoding)
	b = binary.AppendVarint(b, e.Size)
	b = binary.AppendVarint(b, e.ModTime)
	r := &e.Result
	b = appendString(b, r.Agency)
	b = binary.AppendVarint(b, int64(r.Year))
	b = appendString(b, string(r.Format))
	b = appendString(b, r.Published)
	b = appendLen(b, len(r.Fields), r.Fields == nil)
	for _, f := range r.Fields {
		b = appendString(b, f.ID)
		b = appendNumber(b, f.Value)
		b = appendBool(b, f.Approx)
		b = appendString(b, f.Unit)
		b = binary.AppendUvarint(b, uint64(f.Start))
		b = binary.AppendUvarint(b, uint64(f.End))
	}
	b = appendLen(b, len(r.Checks), r.Checks == nil)
	for _, c := range r.Checks {
		b = appendString(b, c.ID)
		b = appendBool(b, c.OK)
		b = appendNumber(b, c.Expected)
		b = appendNumber(b, c.Actual)
		b = appendLen(b, len(c.Fields), c.Fields == nil)
		for _, id := range c.Fields {
			b = appendString(b, id)
		}
	}
	b = appendLen(b, len(r.Problems), r.Problems == nil)
	for _, p := range r.Problems {
		b = appendString(b, p)
	}
	return b
}

var errCorrupt = errors.New("corrupt cache entry")

// entryReader reads a payload, remembering the first error.
type entryReader struct {
	b   []byte
	err error
	in  *interner
}

func (r *entryReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err, r.b = errCorrupt, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *entryReader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err, r.b = errCorrupt, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a list length, no more than the bytes left could hold.
func (r *entryReader) count() int {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.err, r.b = errCorrupt, nil
		return 0
	}
	return int(n)
}

// list reads a list count written by appendLen: -1 for a nil list.
func (r *entryReader) list() int {
	n := r.uvarint()
	if n > uint64(len(r.b))+1 {
		r.err, r.b = errCorrupt, nil
		return -1
	}
	return int(n) - 1
}

func (r *entryReader) bytes() []byte {
	n := r.count()
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *entryReader) string() string { return string(r.bytes()) }

// id reads a field or check ID, sharing one copy of the string across the
// load: a corpus holds the same few hundred IDs many times over.
func (r *entryReader) id() string {
	return r.in.get(string(r.bytes()))
}

func (r *entryReader) bool() bool {
	if len(r.b) == 0 {
		r.err = errCorrupt
		return false
	}
	v := r.b[0]
	r.b = r.b[1:]
	return v == 1
}

func (r *entryReader) number() extract.Number {
	b := r.bytes()
	if len(b) == 0 {
		return extract.Number{}
	}
	n, err := extract.ParseNumber(r.in.share(string(b)))
	if err != nil && r.err == nil {
		r.err = err
	}
	return n
}

// readEntry reads a payload written by appendEntry.
func readEntry(payload []byte, in *interner) (*cacheEntry, error) {
	r := &entryReader{b: payload, in: in}
	e := &cacheEntry{}
	e.Path = r.string()
	e.SHA256 = r.string()
	e.Encoding = r.string()
	e.Size = r.varint()
	e.ModTime = r.varint()
	res := &e.Result
	res.Agency = r.string()
	res.Year = int(r.varint())
	res.Format = schema.Format(r.string())
	res.Published = r.string()
	if n := r.list(); n >= 0 {
		res.Fields = make([]extract.Field, n)
		for i := range res.Fields {
			f := &res.Fields[i]
			f.ID = r.id()
			f.Value = r.number()
			f.Approx = r.bool()
			unit := r.bytes()
			if sf, ok := schema.Lookup(f.ID); ok && sf.Unit == string(unit) {
				f.Unit = sf.Unit
			} else {
				f.Unit = string(unit)
			}
			f.Start = int(r.uvarint())
			f.End = int(r.uvarint())
		}
	}
	if n := r.list(); n >= 0 {
		res.Checks = make([]extract.Check, n)
		for i := range res.Checks {
			c := &res.Checks[i]
			c.ID = r.id()
			c.OK = r.bool()
			c.Expected = r.number()
			c.Actual = r.number()
			if m := r.list(); m >= 0 {
				c.Fields = make([]string, m)
				for j := range c.Fields {
					c.Fields[j] = r.id()
				}
			}
		}
	}
	if n := r.list(); n >= 0 {
		res.Problems = make([]string, n)
		for i := range res.Problems {
			res.Problems[i] = r.string()
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(r.b) != 0 {
		return nil, errCorrupt
	}
	return e, nil
}
