package corpus

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"slices"

	"gitui/internal/extract"
	"gitui/internal/schema"
)

// The payload of a cache file, in order: the strings Path, SHA256,
// Encoding; the signed varints Size, ModTime; the Meta (Agency, Year,
// Format, Published); the fields (ID, Value, Approx, Unit, Start, length);
// the checks (ID, OK, Expected, Actual, Fields); the problems.
//
// Strings are a uvarint length and bytes, booleans a byte, lists a uvarint
// count plus one (zero stands for a nil list, so that a cached Result
// marshals to the same JSON, "[]" or null). An ID is one uvarint k: 0 is a
// new string that follows, 1…len(schema) the schema's field k-1, and higher
// values the strings that followed a 0 earlier in the entry. Field and
// check IDs so take one or two bytes instead of thirty: a table report has
// over two hundred fields and their checks name them again. A unit is a
// byte 0 for the schema's unit of the field, or 1 and a string. The schema
// fingerprint in the header guards the indexes.

// schemaFingerprint identifies the field catalogue the IDs index into.
func schemaFingerprint() string {
	h := sha256.New()
	for _, f := range schema.All() {
		h.Write([]byte(f.ID))
		h.Write([]byte{0})
		h.Write([]byte(f.Unit))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:6])
}

// entryWriter appends a payload.
type entryWriter struct {
	b     []byte
	local map[string]int // IDs written as strings, by order of writing
}

func (w *entryWriter) uvarint(v uint64) { w.b = binary.AppendUvarint(w.b, v) }
func (w *entryWriter) varint(v int64)   { w.b = binary.AppendVarint(w.b, v) }

func (w *entryWriter) string(s string) {
	w.uvarint(uint64(len(s)))
	w.b = append(w.b, s...)
}

func (w *entryWriter) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

func (w *entryWriter) list(n int, isNil bool) {
	if isNil {
		w.b = append(w.b, 0)
		return
	}
	w.uvarint(uint64(n) + 1)
}

func (w *entryWriter) id(s string) {
	if i := schema.Order(s); i >= 0 {
		w.uvarint(uint64(i) + 1)
		return
	}
	if k, ok := w.local[s]; ok {
		w.uvarint(uint64(len(schema.All()) + 1 + k))
		return
	}
	if w.local == nil {
		w.local = make(map[string]int)
	}
	w.local[s] = len(w.local)
	w.uvarint(0)
	w.string(s)
}

// number writes n as printed, and the zero Number as "" so that it reads
// back as the zero Number rather than as "0".
func (w *entryWriter) number(n extract.Number) {
	if n == (extract.Number{}) {
		w.string("")
		return
	}
	w.string(n.String())
}

// appendEntry appends the payload of e to b.
func appendEntry(b []byte, e *cacheEntry) []byte {
	w := &entryWriter{b: b}
	w.string(e.Path)
	w.string(e.SHA256)
	w.string(e.Encoding)
	w.varint(e.Size)
	w.varint(e.ModTime)
	r := &e.Result
	w.string(r.Agency)
	w.varint(int64(r.Year))
	w.string(string(r.Format))
	w.string(r.Published)
	w.list(len(r.Fields), r.Fields == nil)
	for _, f := range r.Fields {
		w.id(f.ID)
		w.number(f.Value)
		w.bool(f.Approx)
		if sf, ok := schema.Lookup(f.ID); ok && sf.Unit == f.Unit {
			w.b = append(w.b, 0)
		} else {
			w.b = append(w.b, 1)
			w.string(f.Unit)
		}
		w.uvarint(uint64(f.Start))
		w.uvarint(uint64(f.End - f.Start))
	}
	w.list(len(r.Checks), r.Checks == nil)
	for _, c := range r.Checks {
		w.id(c.ID)
		w.bool(c.OK)
		w.number(c.Expected)
		w.number(c.Actual)
		w.list(len(c.Fields), c.Fields == nil)
		for _, id := range c.Fields {
			w.id(id)
		}
	}
	w.list(len(r.Problems), r.Problems == nil)
	for _, p := range r.Problems {
		w.string(p)
	}
	return w.b
}

var errCorrupt = errors.New("corrupt cache entry")

// entryReader reads a payload, remembering the first error.
type entryReader struct {
	b     []byte
	err   error
	in    *interner
	local []string
}

func (r *entryReader) fail() {
	r.err, r.b = errCorrupt, nil
}

// The reader accepts only what the writer writes: an overlong varint, a
// boolean byte other than 0 or 1, a number not as ParseNumber prints it or
// an ID spelled out that has an index is corrupt. A payload that reads
// then writes back to the same bytes.

func (r *entryReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 || n != len(binary.AppendUvarint(nil, v)) {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *entryReader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 || n != len(binary.AppendVarint(nil, v)) {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *entryReader) int() int {
	v := r.uvarint()
	if v > 1<<31 {
		r.fail()
		return 0
	}
	return int(v)
}

// list reads a list count written by entryWriter.list: -1 for a nil list.
func (r *entryReader) list() int {
	n := r.uvarint()
	if n > uint64(len(r.b))+1 {
		r.fail()
		return -1
	}
	return int(n) - 1
}

func (r *entryReader) bytes() []byte {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *entryReader) string() string { return string(r.bytes()) }

func (r *entryReader) byte() byte {
	if len(r.b) == 0 {
		r.fail()
		return 0
	}
	v := r.b[0]
	r.b = r.b[1:]
	return v
}

func (r *entryReader) bool() bool {
	switch r.byte() {
	case 0:
		return false
	case 1:
		return true
	}
	r.fail()
	return false
}

// id reads an ID written by entryWriter.id; the strings are shared across
// the load: a corpus holds the same few hundred IDs many times over.
func (r *entryReader) id() string {
	k := r.uvarint()
	all := schema.All()
	switch {
	case r.err != nil:
		return ""
	case k == 0:
		s := r.in.share(string(r.bytes()))
		if schema.Order(s) >= 0 || slices.Contains(r.local, s) {
			r.fail() // the writer gives these an index
			return ""
		}
		r.local = append(r.local, s)
		return s
	case k <= uint64(len(all)):
		return all[k-1].ID
	case k-uint64(len(all))-1 < uint64(len(r.local)):
		return r.local[k-uint64(len(all))-1]
	}
	r.fail()
	return ""
}

func (r *entryReader) number() extract.Number {
	b := r.bytes()
	if len(b) == 0 {
		return extract.Number{}
	}
	s := r.in.share(string(b))
	n, err := extract.ParseNumber(s)
	if err != nil || n.String() != s {
		r.fail()
		return extract.Number{}
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
			sf, known := schema.Lookup(f.ID)
			switch r.byte() {
			case 0:
				if !known {
					r.fail()
				}
				f.Unit = sf.Unit
			case 1:
				f.Unit = r.in.share(r.string())
				if known && f.Unit == sf.Unit {
					r.fail()
				}
			default:
				r.fail()
			}
			f.Start = r.int()
			f.End = f.Start + r.int()
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
