package corpus

import (
	"encoding/binary"
	"fmt"
	"math"

	"gitui/internal/extract"
	"gitui/internal/schema"
)

// A loaded corpus holds every report's figures, and a table report has over
// two hundred of them. As extract.Field values (88 bytes, three strings
// each) they outweighed the text they were read from, so a Report keeps
// them packed: 16 bytes a figure, the ID as its place in the schema, the
// span as two offsets, and the value and unit as a slice of a per-report
// string holding each distinct value-and-unit once. Field and Fields turn
// them back into extract.Field values when they are asked for. The packed
// figures are a string, little-endian, so that the extraction cache's
// index can hand out slices of itself (see index.go) without decoding.

// figure is one packed extract.Field of a Report.
type figure struct {
	start, end uint32 // the span in Report.Source
	off        uint32 // value then unit, in Report.values
	id         uint16 // place in schema.All(), approxBit set for Approx
	vlen, ulen uint8  // lengths of the value (0: the zero Number) and unit
}

const (
	approxBit  = 1 << 15
	figureSize = 16 // bytes of a packed figure
)

func (p figure) append(b []byte) []byte {
	b = binary.LittleEndian.AppendUint32(b, p.start)
	b = binary.LittleEndian.AppendUint32(b, p.end)
	b = binary.LittleEndian.AppendUint32(b, p.off)
	b = binary.LittleEndian.AppendUint16(b, p.id)
	return append(b, p.vlen, p.ulen)
}

// figureAt decodes the packed figure at the start of s.
func figureAt(s string) figure {
	u32 := func(s string) uint32 {
		return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
	}
	return figure{start: u32(s), end: u32(s[4:]), off: u32(s[8:]),
		id: uint16(s[12]) | uint16(s[13])<<8, vlen: s[14], ulen: s[15]}
}

// figure returns r's packed figure i.
func (r *Report) figure(i int) figure { return figureAt(r.figures[i*figureSize:]) }

// check reports whether figure p lies in source and values and names a
// schema field: what the cache's index must hold of every figure.
func (p figure) check(source, values string) bool {
	return p.start < p.end && int64(p.end) <= int64(len(source)) &&
		int64(p.off)+int64(p.vlen)+int64(p.ulen) <= int64(len(values)) &&
		int(p.id&^approxBit) < len(schema.All())
}

// SetResult sets r's extracted metadata, figures, checks and problems to
// res. Every field must be grounded in r.Source (its Text is
// Source[Start:End]) and have an ID of the schema; SetResult fails naming
// the first that is not, and leaves r alone.
func (r *Report) SetResult(res extract.Result) error {
	return r.setResult(res, nil)
}

// setResult is SetResult sharing strings through in (nil: none).
func (r *Report) setResult(res extract.Result, in *interner) error {
	figs, values, err := packFields(r.Source, res.Fields)
	if err != nil {
		return fmt.Errorf("%s: %w", r.Path, err)
	}
	r.Meta = res.Meta
	r.figures, r.values = figs, values
	r.checks = res.Checks
	r.Problems = res.Problems
	r.compact(in)
	return nil
}

// packFields packs fields, which must be grounded in source.
func packFields(source string, fields []extract.Field) (figs, values string, err error) {
	if len(fields) == 0 {
		return "", "", nil
	}
	packed := make([]byte, 0, len(fields)*figureSize)
	var vals []byte
	type valueUnit struct{ v, u string }
	seen := make(map[valueUnit]uint32, 16)
	for _, f := range fields {
		at := schema.Order(f.ID)
		if at < 0 || at >= approxBit {
			return "", "", fmt.Errorf("field %q is not in the schema", f.ID)
		}
		if f.Start < 0 || f.Start >= f.End || f.End > len(source) || f.End > math.MaxUint32 || source[f.Start:f.End] != f.Text {
			return "", "", fmt.Errorf("field %s: span [%d,%d) does not hold its text %q", f.ID, f.Start, f.End, f.Text)
		}
		v := ""
		if f.Value != (extract.Number{}) {
			v = f.Value.String()
		}
		if len(v) > math.MaxUint8 || len(f.Unit) > math.MaxUint8 {
			return "", "", fmt.Errorf("field %s: value or unit too long to hold", f.ID)
		}
		key := valueUnit{v, f.Unit}
		off, ok := seen[key]
		if !ok {
			off = uint32(len(vals))
			vals = append(append(vals, v...), f.Unit...)
			seen[key] = off
		}
		id := uint16(at)
		if f.Approx {
			id |= approxBit
		}
		packed = figure{start: uint32(f.Start), end: uint32(f.End), off: off, id: id,
			vlen: uint8(len(v)), ulen: uint8(len(f.Unit))}.append(packed)
	}
	return string(packed), string(vals), nil
}

// NumFields returns how many figures r has.
func (r *Report) NumFields() int { return len(r.figures) / figureSize }

// Field returns r's figure i, 0 ≤ i < NumFields(), in the order the
// extractor gave them (schema order).
func (r *Report) Field(i int) extract.Field {
	p := r.figure(i)
	v := r.values[p.off : p.off+uint32(p.vlen)]
	var n extract.Number
	if v != "" {
		// v was printed by Number.String, so it parses back to itself;
		// for integers without copying.
		n, _ = extract.ParseNumber(v)
	}
	return extract.Field{
		ID:     schema.All()[p.id&^approxBit].ID,
		Value:  n,
		Approx: p.id&approxBit != 0,
		Unit:   r.values[p.off+uint32(p.vlen) : p.off+uint32(p.vlen)+uint32(p.ulen)],
		Span:   extract.Span{Start: int(p.start), End: int(p.end)},
		Text:   r.Source[p.start:p.end],
	}
}

// Fields returns r's figures as a new slice, nil when it has none.
func (r *Report) Fields() []extract.Field {
	if len(r.figures) == 0 {
		return nil
	}
	out := make([]extract.Field, r.NumFields())
	for i := range out {
		out[i] = r.Field(i)
	}
	return out
}

// FieldByID returns r's figure with the given ID.
func (r *Report) FieldByID(id string) (extract.Field, bool) {
	at := schema.Order(id)
	if at < 0 {
		return extract.Field{}, false
	}
	for i := range r.NumFields() {
		if int(r.figure(i).id&^approxBit) == at {
			return r.Field(i), true
		}
	}
	return extract.Field{}, false
}

// Checks returns r's identity checks. The slice and the checks' field lists
// are shared: callers must not modify them.
func (r *Report) Checks() []extract.Check { return r.checks }

// Result returns what was extracted from r, as the extractor gives it.
func (r *Report) Result() extract.Result {
	return extract.Result{Meta: r.Meta, Fields: r.Fields(), Checks: r.checks, Problems: r.Problems}
}
