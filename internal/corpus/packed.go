package corpus

import (
	"encoding/binary"
	"fmt"
	"iter"
	"math"
	"slices"
	"strings"
	"sync"

	"gitui/internal/extract"
	"gitui/internal/schema"
)

// A loaded corpus holds every report's figures and checks, and a table
// report has over two hundred figures and a score of checks. As
// extract.Field and extract.Check values (88 and 80 bytes, with their
// strings) they outweighed the text they were read from, so a Report keeps
// them packed, 16 bytes each: a figure's ID as its place in the schema and
// its span as two offsets, a check's ID and field list as numbers of the
// process's tables (names.go), and every value, unit and check number as a
// slice of a per-report string holding each distinct one once. Field,
// Fields and Checks turn them back into extract values when they are asked
// for. Packed figures and checks are strings, little-endian, so that the
// extraction cache's index can hand out slices of itself (see index.go).

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
	return figure{start: le32(s), end: le32(s[4:]), off: le32(s[8:]),
		id: le16(s[12:]), vlen: s[14], ulen: s[15]}
}

// le16 and le32 read little-endian numbers at the start of s, which
// packed figures, checks and offset runs are strings of.
func le16(s string) uint16 { return uint16(s[0]) | uint16(s[1])<<8 }
func le32(s string) uint32 {
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// figure returns r's packed figure i.
func (r *Report) figure(i int) figure { return figureAt(r.figures[i*figureSize:]) }

// inBounds reports whether figure p lies in source and values and names a
// schema field: what the cache's index must hold of every figure.
func (p figure) inBounds(source, values string) bool {
	return p.start < p.end && int64(p.end) <= int64(len(source)) &&
		int64(p.off)+int64(p.vlen)+int64(p.ulen) <= int64(len(values)) &&
		int(p.id&^approxBit) < len(schema.All())
}

// check is one packed extract.Check of a Report.
type check struct {
	name, list uint16 // numbers in checkNames and checkLists
	eoff, aoff uint32 // Expected and Actual in Report.values
	elen, alen uint8
	ok         bool
}

const checkSize = 16 // bytes of a packed check

func (c check) append(b []byte) []byte {
	b = binary.LittleEndian.AppendUint16(b, c.name)
	b = binary.LittleEndian.AppendUint16(b, c.list)
	b = binary.LittleEndian.AppendUint32(b, c.eoff)
	b = binary.LittleEndian.AppendUint32(b, c.aoff)
	ok := byte(0)
	if c.ok {
		ok = 1
	}
	return append(b, c.elen, c.alen, ok, 0)
}

// checkAt decodes the packed check at the start of s.
func checkAt(s string) check {
	return check{name: le16(s), list: le16(s[2:]), eoff: le32(s[4:]), aoff: le32(s[8:]),
		elen: s[12], alen: s[13], ok: s[14] == 1}
}

// check returns r's packed check i.
func (r *Report) check(i int) check { return checkAt(r.checks[i*checkSize:]) }

// SetResult sets r's extracted metadata, figures, checks and problems to
// res. Every field must be grounded in r.Source (its Text is
// Source[Start:End]) and have an ID of the schema; SetResult fails naming
// the first that is not, and leaves r alone.
func (r *Report) SetResult(res extract.Result) error {
	p := packers.Get().(*packer)
	defer p.reset()
	figs, err := p.fields(r.Source, res.Fields)
	if err != nil {
		return fmt.Errorf("%s: %w", r.Path, err)
	}
	checks, err := p.checks(res.Checks)
	if err != nil {
		return fmt.Errorf("%s: %w", r.Path, err)
	}
	r.Meta = res.Meta
	r.figures, r.checks, r.values = figs, checks, string(p.values)
	r.unpacked = nil
	// The extractor slices the agency out of its normalized copy of the
	// text, which would keep that copy alive as long as the report.
	r.Agency = strings.Clone(r.Agency)
	r.Published = strings.Clone(r.Published)
	r.Problems = slices.Clone(res.Problems)
	for i, p := range r.Problems {
		r.Problems[i] = strings.Clone(p)
	}
	return nil
}

// setUnpacked is SetResult for a report that is used once and dropped
// (see Options.Unpacked): res is checked as SetResult checks it, and kept
// as it is but for the checks' names and field lists, which become the
// process's own, as Check promises. r takes res: its checks are changed
// in place, and the caller must not use its slices after.
func (r *Report) setUnpacked(res extract.Result) error {
	at := -1
	// By index: a Field is 88 bytes, copied by a range over values.
	for i := range res.Fields {
		var err error
		if at, err = fieldPlace(r.Source, &res.Fields[i], at); err != nil {
			return fmt.Errorf("%s: %w", r.Path, err)
		}
	}
	p := packers.Get().(*packer)
	defer p.reset()
	for i, c := range res.Checks {
		name, list, err := p.numbers(c)
		if err != nil {
			return fmt.Errorf("%s: %w", r.Path, err)
		}
		res.Checks[i].ID, res.Checks[i].Fields = checkNames.at(name), checkLists.at(list)
	}
	r.Meta, r.Problems = res.Meta, res.Problems
	r.figures, r.checks, r.values = "", "", ""
	r.unpacked = &res
	return nil
}

// packer packs a result's figures and checks, gathering their values.
// Packers are reused: a load packs a result per report, and growing a map
// and three buffers for each was a tenth of gitui extract.
type packer struct {
	values, packed []byte
	// recent holds, by a hash of a value and its unit, 1 + where in
	// values the last pair with that hash is. A pair whose slot holds
	// another is added again: a few bytes, where a map of every pair
	// cost a twentieth of gitui extract.
	recent [256]uint32
	// names remembers, by check ID, the check's name number and the
	// field lists last packed under it: the checks of one identity name
	// the same fields report after report (two lists, where the 2019 and
	// 2021 tables sum other rows), and the tables of names.go take a
	// lock and hash the whole list. A packer is used by one goroutine at
	// a time (it comes from packers), so names needs no lock.
	names map[string]namedLists
}

type namedLists struct {
	name  uint16
	n     int // of lists filled
	lists [2]struct {
		list uint16
		ids  []string // checkLists.at(list)
	}
}

var packers = sync.Pool{New: func() any {
	return &packer{names: make(map[string]namedLists)}
}}

// reset empties p, keeping no string of the result packed, and returns it
// to the pool.
func (p *packer) reset() {
	clear(p.recent[:])
	p.values, p.packed = p.values[:0], p.packed[:0]
	packers.Put(p)
}

// value adds a value and unit to the values, most often once, and
// returns where.
func (p *packer) value(v, u string) uint32 {
	// Values are a few digits, and units one of a handful of words.
	h := uint32(len(v))<<5 ^ uint32(len(u))
	for i := 0; i < len(v); i++ {
		h = h*31 + uint32(v[i])
	}
	if len(u) > 0 {
		h = h*31 + uint32(u[len(u)-1])
	}
	slot := &p.recent[(h^h>>8)&uint32(len(p.recent)-1)]
	if *slot != 0 {
		off := int(*slot - 1)
		if end := off + len(v) + len(u); end <= len(p.values) &&
			string(p.values[off:off+len(v)]) == v && string(p.values[off+len(v):end]) == u {
			return uint32(off)
		}
	}
	off := uint32(len(p.values))
	p.values = append(append(p.values, v...), u...)
	*slot = off + 1
	return off
}

// numberText is n as printed, and "" for the zero Number, so that it
// reads back as the zero Number rather than as "0".
func numberText(n extract.Number) string {
	if n == (extract.Number{}) {
		return ""
	}
	return n.String()
}

// fieldPlace returns the schema place of f, which follows a field at
// place at (-1 for none), and checks that f is grounded in source.
func fieldPlace(source string, f *extract.Field, at int) (int, error) {
	// Fields come in schema order: each is looked for just after the
	// last one's place first.
	at = schema.OrderAfter(f.ID, at)
	if at < 0 || at >= approxBit {
		return 0, fmt.Errorf("field %q is not in the schema", f.ID)
	}
	if f.Start < 0 || f.Start >= f.End || f.End > len(source) || f.End > math.MaxUint32 || source[f.Start:f.End] != f.Text {
		return 0, fmt.Errorf("field %s: span [%d,%d) does not hold its text %q", f.ID, f.Start, f.End, f.Text)
	}
	return at, nil
}

// fields packs fields, which must be grounded in source.
func (p *packer) fields(source string, fields []extract.Field) (string, error) {
	packed := p.packed[:0]
	at := -1
	for i := range fields {
		f := &fields[i]
		var err error
		if at, err = fieldPlace(source, f, at); err != nil {
			return "", err
		}
		v := numberText(f.Value)
		if len(v) > math.MaxUint8 || len(f.Unit) > math.MaxUint8 {
			return "", fmt.Errorf("field %s: value or unit too long to hold", f.ID)
		}
		id := uint16(at)
		if f.Approx {
			id |= approxBit
		}
		packed = figure{start: uint32(f.Start), end: uint32(f.End), off: p.value(v, f.Unit), id: id,
			vlen: uint8(len(v)), ulen: uint8(len(f.Unit))}.append(packed)
	}
	p.packed = packed
	return string(packed), nil
}

// numbers returns the numbers of c's name and field list.
func (p *packer) numbers(c extract.Check) (name, list uint16, err error) {
	known, ok := p.names[c.ID]
	if ok {
		for _, l := range known.lists[:known.n] {
			if (l.ids == nil) == (c.Fields == nil) && slices.Equal(l.ids, c.Fields) {
				return known.name, l.list, nil
			}
		}
	} else if known.name, err = nameNumber(c.ID); err != nil {
		return 0, 0, err
	}
	if list, err = listNumber(c.Fields); err != nil {
		return 0, 0, err
	}
	// The newer list is kept first, the older one after it.
	known.lists[1] = known.lists[0]
	known.lists[0].list, known.lists[0].ids = list, checkLists.at(list)
	known.n = min(known.n+1, len(known.lists))
	// A copy, also when the ID is known: assigning to a map replaces
	// the stored key too, and the extractor's string may pin its text.
	p.names[strings.Clone(c.ID)] = known
	return known.name, list, nil
}

// checks packs checks.
func (p *packer) checks(checks []extract.Check) (string, error) {
	packed := p.packed[:0]
	for _, c := range checks {
		name, list, err := p.numbers(c)
		if err != nil {
			return "", err
		}
		e, a := numberText(c.Expected), numberText(c.Actual)
		if len(e) > math.MaxUint8 || len(a) > math.MaxUint8 {
			return "", fmt.Errorf("check %s: number too long to hold", c.ID)
		}
		packed = check{name: name, list: list, eoff: p.value(e, ""), aoff: p.value(a, ""),
			elen: uint8(len(e)), alen: uint8(len(a)), ok: c.OK}.append(packed)
	}
	p.packed = packed
	return string(packed), nil
}

// NumFields returns how many figures r has.
func (r *Report) NumFields() int {
	if r.unpacked != nil {
		return len(r.unpacked.Fields)
	}
	return len(r.figures) / figureSize
}

// Figures yields r's figures in order, as Field would return them: the
// Field each points to is lent for the call only (an unpacked report's
// own, not copied).
func (r *Report) Figures() iter.Seq2[int, *extract.Field] {
	return func(yield func(int, *extract.Field) bool) {
		if r.unpacked != nil {
			for i := range r.unpacked.Fields {
				if !yield(i, &r.unpacked.Fields[i]) {
					return
				}
			}
			return
		}
		var f extract.Field
		for i := range r.NumFields() {
			f = r.Field(i)
			if !yield(i, &f) {
				return
			}
		}
	}
}

// Field returns r's figure i, 0 ≤ i < NumFields(), in the order the
// extractor gave them (schema order).
func (r *Report) Field(i int) extract.Field {
	if r.unpacked != nil {
		return r.unpacked.Fields[i]
	}
	p := r.figure(i)
	return extract.Field{
		ID:     schema.All()[p.id&^approxBit].ID,
		Value:  r.number(p.off, p.vlen),
		Approx: p.id&approxBit != 0,
		Unit:   r.values[p.off+uint32(p.vlen) : p.off+uint32(p.vlen)+uint32(p.ulen)],
		Span:   extract.Span{Start: int(p.start), End: int(p.end)},
		Text:   r.Source[p.start:p.end],
	}
}

// Fields returns r's figures as a new slice, nil when it has none.
func (r *Report) Fields() []extract.Field {
	if r.NumFields() == 0 {
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
	if r.unpacked != nil {
		for _, f := range r.unpacked.Fields {
			if f.ID == id {
				return f, true
			}
		}
		return extract.Field{}, false
	}
	for i := range r.NumFields() {
		if int(r.figure(i).id&^approxBit) == at {
			return r.Field(i), true
		}
	}
	return extract.Field{}, false
}

// NumChecks returns how many identity checks r has.
func (r *Report) NumChecks() int {
	if r.unpacked != nil {
		return len(r.unpacked.Checks)
	}
	return len(r.checks) / checkSize
}

// Check returns r's check i, 0 ≤ i < NumChecks(). Its field list is shared:
// callers must not modify it. Equal lists are one slice, held once by the
// process: a list's first element's address identifies it.
func (r *Report) Check(i int) extract.Check {
	if r.unpacked != nil {
		return r.unpacked.Checks[i]
	}
	c := r.check(i)
	return extract.Check{
		ID:       checkNames.at(c.name),
		OK:       c.ok,
		Expected: r.number(c.eoff, c.elen),
		Actual:   r.number(c.aoff, c.alen),
		Fields:   checkLists.at(c.list),
	}
}

// Checks returns r's identity checks as a new slice, nil when it has none.
func (r *Report) Checks() []extract.Check {
	if r.NumChecks() == 0 {
		return nil
	}
	out := make([]extract.Check, r.NumChecks())
	for i := range out {
		out[i] = r.Check(i)
	}
	return out
}

// FailedChecks returns how many of r's checks fail.
func (r *Report) FailedChecks() int {
	n := 0
	if r.unpacked != nil {
		for _, c := range r.unpacked.Checks {
			if !c.OK {
				n++
			}
		}
		return n
	}
	for i := range r.NumChecks() {
		if !r.check(i).ok {
			n++
		}
	}
	return n
}

// number returns the value at off in r.values.
func (r *Report) number(off uint32, n uint8) extract.Number {
	v := r.values[off : off+uint32(n)]
	if v == "" {
		return extract.Number{}
	}
	// v was printed by Number.String, so it parses back to itself; for
	// integers without copying.
	num, _ := extract.ParseNumber(v)
	return num
}

// Result returns what was extracted from r, as the extractor gives it.
func (r *Report) Result() extract.Result {
	return extract.Result{Meta: r.Meta, Fields: r.Fields(), Checks: r.Checks(), Problems: r.Problems}
}
