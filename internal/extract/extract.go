// Package extract turns the text of a 政府信息公开工作年度报告 into grounded
// figures: each Field carries the byte span of the source text it was read
// from, and each Check states whether the report's own numbers agree with the
// identities of the schema.
//
// The package does no I/O. Extract is safe for concurrent use.
package extract

import (
	"fmt"
	"strings"

	"gitui/internal/schema"
)

// Version identifies the extraction rules. Caches keyed by it are invalidated
// when it changes; bump it with any change that alters output.
const Version = "6"

// Span is a half-open byte range [Start, End) of a report's decoded text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Field is one figure a report states.
type Field struct {
	ID     string `json:"id"`
	Value  Number `json:"value"`
	Approx bool   `json:"approx"`
	Unit   string `json:"unit"`
	Span
	// Text is the source text under Span, exactly.
	Text string `json:"text"`
}

// Check is one identity of the schema evaluated on a report's fields.
type Check struct {
	ID       string `json:"id"`
	OK       bool   `json:"ok"`
	Expected Number `json:"expected"`
	Actual   Number `json:"actual"`
	// Fields are the IDs of the terms. The list may be shared with
	// other results' checks of the same identity: do not write into it.
	Fields []string `json:"fields"`
}

// Meta is what a report says about itself.
type Meta struct {
	Agency    string        `json:"agency"`
	Year      int           `json:"year,omitempty"`
	Format    schema.Format `json:"format"`
	Published string        `json:"published,omitempty"` // YYYY-MM-DD when stated
}

// Result is everything extracted from one report.
type Result struct {
	Meta
	Fields []Field `json:"fields"`
	Checks []Check `json:"checks"`
	// Problems are things in the text the extractor could not read with
	// certainty, such as a table row it could not map.
	Problems []string `json:"problems,omitempty"`
}

// Extract reads the figures of one report. text is the decoded source;
// every Span in the result indexes into it.
func Extract(text string) Result {
	d := newDoc(text)
	defer d.release()
	// The prose rules read the view of the whole text, and the metadata
	// rules the view of its head, which is most often a prefix of it.
	v := newView(d.norm)
	defer v.release()
	var r Result
	r.Meta = extractMeta(d, v)
	r.Format = detectFormat(d)
	// The table's rows and fields, and the prose fields, are merged into
	// r.Fields and then dropped: they are read into pooled buffers.
	tb := getTableBufs()
	tf, unread, tp := extractTables(d, r.Format, tb)
	r.Problems = append(r.Problems, tp...)
	pf, pc := proseFields(d, v, r.Format, r.Year, r.Agency, proseFieldPool.get(0))
	// Merging finds each field's schema place, and the checks read the
	// fields by place: they are handed on, not looked up again.
	places := fieldPlacePool.get(len(tf) + len(pf))
	r.Fields, places = merge(d, tf, tb.places, pf, unread, places)
	rc := restatedChecks(tf, tb.places, pf)
	putTableBufs(tb, tf)
	proseFieldPool.put(pf)
	r.Checks = checks(r.Fields, places, r.Format, len(pc)+len(rc))
	fieldPlacePool.put(places)
	r.Checks = append(r.Checks, pc...)
	r.Checks = append(r.Checks, rc...)
	return r
}

// merge joins table and prose fields: a table cell wins over a prose
// sentence restating it, a cell the table prints but could not be read is
// not filled from prose, and each ID is reported once, in schema order.
// tableAt holds the schema places of the table fields (nil: look them
// up). The places of the fields returned are appended to outAt.
func merge(d *doc, table []Field, tableAt []int32, prose []Field, unread []string, outAt []int32) ([]Field, []int32) {
	fields := schema.All()
	// kept holds, by schema place, the field kept for it: 1 + its index
	// in table and prose laid end to end, or blocked. Each ID has its own
	// place (an ID outside the schema panics in grounded), so reading
	// kept in order sorts the fields.
	const blocked = -1
	keptBuf := getPlaces()
	defer placesPool.Put(keptBuf)
	kept := *keptBuf
	n := 0
	for g, group := range [][]Field{table, prose} {
		base := 0
		if g == 1 {
			base = len(table)
			// Prose counts of applications are loose (收到申请75件 may
			// count a carried-over case the table's 本年新收 does not), so
			// an application cell the table prints but could not be read
			// is not filled from prose. Review totals (行政复议36起) are
			// the table's own figure and are kept.
			for _, id := range unread {
				if at := schema.Order(id); at >= 0 && kept[at] == 0 && strings.HasPrefix(id, "applications.") {
					kept[at] = blocked
				}
			}
		}
		// By index: a Field is 88 bytes, copied by a range over values.
		for i := range group {
			f := &group[i]
			var at int
			if g == 0 && tableAt != nil {
				at = int(tableAt[i])
			} else {
				at = schema.Order(f.ID)
			}
			if at >= 0 && kept[at] != 0 || !d.grounded(f, at) {
				continue
			}
			kept[at] = int32(base + i + 1)
			n++
		}
	}
	// Each field is copied once, straight into its place in out.
	out := make([]Field, n)
	j := 0
	for at, k := range kept {
		if k <= 0 {
			continue
		}
		f := &out[j]
		j++
		if int(k) <= len(table) {
			*f = table[k-1]
		} else {
			*f = prose[int(k)-1-len(table)]
		}
		if f.Unit == "" {
			f.Unit = fields[at].Unit
		}
		outAt = append(outAt, int32(at))
	}
	return out, outAt
}

// grounded reports whether f's span lies in the text and f.Text is its slice.
// A field that fails this is never reported. at is the field's place in
// the schema, -1 for an ID outside it: a bug in the rules, which panics.
func (d *doc) grounded(f *Field, at int) bool {
	if at < 0 {
		panic(fmt.Sprintf("extract: field %q is not in the schema", f.ID))
	}
	return f.Start >= 0 && f.Start < f.End && f.End <= len(d.src) && d.src[f.Start:f.End] == f.Text
}
