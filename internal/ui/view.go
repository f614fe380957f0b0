package ui

import (
	"sort"
	"strings"

	"gitui/internal/corpus"
	"gitui/internal/extract"
	"gitui/internal/ui/srctext"
)

// reportView is one report prepared for the figures and source panes: the
// printable text, every field's span carried into it, the fields taking part
// in failing checks, and the text wrapped for the last width asked for.
type reportView struct {
	id    int32
	rep   *corpus.Report
	safe  srctext.Safe
	spans []span // in text order
	// fieldSpan[i] is field i's span in safe offsets; start < 0 when the
	// span could not be carried into the shown text.
	fieldSpan []span
	failing   []bool          // per field: in a failing check
	checks    [][]int         // per field: the checks it takes part in
	pos       map[string]int  // field ID → index in rep.Fields()
	allChecks []extract.Check // rep.Checks(), read once

	doc *srctext.Doc // the printable text, wrapped lazily
}

// span is a field's byte range in the printable text.
type span struct{ start, end, field int }

func newReportView(id int32, r *corpus.Report) *reportView {
	v := &reportView{id: id, rep: r, safe: srctext.MakeSafe(r.Text)}
	v.doc = srctext.NewDoc(v.safe.Text)
	fields := r.Fields()
	v.fieldSpan = make([]span, len(fields))
	v.failing = make([]bool, len(fields))
	v.checks = make([][]int, len(fields))
	pos := make(map[string]int, len(fields))
	v.pos = pos
	for i, f := range fields {
		pos[f.ID] = i
		sp := span{start: -1, end: -1, field: i}
		if s, e, ok := v.shown(f.Span); ok {
			sp = span{start: s, end: e, field: i}
			v.spans = append(v.spans, sp)
		}
		v.fieldSpan[i] = sp
	}
	sort.SliceStable(v.spans, func(a, b int) bool { return v.spans[a].start < v.spans[b].start })
	v.allChecks = r.Checks()
	for ci, c := range v.allChecks {
		for _, id := range c.Fields {
			if i, ok := pos[id]; ok {
				v.checks[i] = append(v.checks[i], ci)
				if !c.OK {
					v.failing[i] = true
				}
			}
		}
	}
	return v
}

// shown carries a span of the report's Source onto the printable text, or
// ok false when it is empty or falls outside what is shown.
func (v *reportView) shown(sp extract.Span) (start, end int, ok bool) {
	s, e := v.rep.TextOffset(sp.Start), v.rep.TextOffset(sp.End)
	if s < 0 || e <= s || e > len(v.rep.Text) {
		return 0, 0, false
	}
	return v.safe.Offset(s), v.safe.Offset(e), true
}

// wrap returns the text wrapped to width cells; paragraphs are wrapped
// as they are shown, once per width.
func (v *reportView) wrap(width int) *srctext.Doc {
	v.doc.SetWidth(width)
	return v.doc
}

// spanAt returns the field whose span holds the printable offset off, or -1.
func (v *reportView) spanAt(off int) int {
	i := sort.Search(len(v.spans), func(i int) bool { return v.spans[i].start > off }) - 1
	for ; i >= 0; i-- {
		if s := v.spans[i]; s.start <= off && off < s.end {
			return s.field
		}
		if off-v.spans[i].start > 4096 {
			break
		}
	}
	return -1
}

// matches returns the start of every case-insensitive occurrence of q in
// the printable text (at most maxMatches), and the bytes each covers.
func (v *reportView) matches(q string) ([]int, int) {
	if q == "" {
		return nil, 0
	}
	text, lq := strings.ToLower(v.safe.Text), strings.ToLower(q)
	if len(text) != len(v.safe.Text) {
		// Lower-casing changed byte lengths (rare scripts), which would
		// move the offsets: search case-sensitively instead.
		text, lq = v.safe.Text, q
	}
	var out []int
	for i := 0; len(out) < maxMatches; {
		j := strings.Index(text[i:], lq)
		if j < 0 {
			break
		}
		out = append(out, i+j)
		i += j + len(lq)
	}
	return out, len(lq)
}

// maxMatches bounds a source search; the title says when it is reached.
const maxMatches = 100_000

// viewCache keeps the views of the last few reports shown, so moving back
// and forth does not re-wrap.
type viewCache struct {
	views []*reportView // most recent last
}

const viewCacheSize = 8

func (c *viewCache) get(id int32, r *corpus.Report) *reportView {
	for i, v := range c.views {
		if v.id == id {
			c.views = append(append(c.views[:i:i], c.views[i+1:]...), v)
			return v
		}
	}
	v := newReportView(id, r)
	if len(c.views) >= viewCacheSize {
		c.views = c.views[1:]
	}
	c.views = append(c.views, v)
	return v
}
