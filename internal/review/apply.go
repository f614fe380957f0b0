package review

import (
	"sort"
	"time"

	"gitui/internal/extract"
	"gitui/internal/schema"
)

// State is where a figure stands after review.
type State string

// The states of a reviewed figure.
const (
	Extracted State = "extracted" // as the extractor read it; nobody looked yet
	Accepted  State = "accepted"  // a reviewer confirmed the extracted value
	Corrected State = "corrected" // a reviewer replaced the extracted value
	Added     State = "added"     // a reviewer added a figure the extractor missed
	Rejected  State = "rejected"  // a reviewer says the report does not state it
	Flagged   State = "flagged"   // a reviewer doubts it; Note says why
)

// Reviewed is one figure as the review shows it: the extracted field with
// the reviewers' events folded over it.
type Reviewed struct {
	// Field holds the value to show and export. For a correction or an
	// addition its Span and Text are where the source states the new value,
	// or zero when Ungrounded.
	extract.Field
	State State
	// Old is the extracted value a correction replaced.
	Old *extract.Number
	// Note is the latest note of a flag, accept or correction.
	Note string
	// Reviewer and Time are of the latest event that touched the figure.
	Reviewer string
	Time     time.Time
	// Ungrounded marks a reviewer's value that the source text does not
	// state at the event's span (or the event has none).
	Ungrounded bool
}

// Exported reports whether the figure has a value to export: everything
// but a rejected figure.
func (r Reviewed) Exported() bool { return r.State != Rejected }

// Active returns the events that hold after undo and redo: each Undo
// removes its target, a later Redo of the same target restores it. Undo and
// Redo events themselves are not returned. Order is kept.
func Active(events []Event) []Event {
	on := make(map[string]bool, len(events))
	for _, e := range events {
		switch e.Action {
		case Undo:
			on[e.Target] = false
		case Redo:
			on[e.Target] = true
		default:
			if _, seen := on[e.ID]; !seen {
				on[e.ID] = true
			}
		}
	}
	var out []Event
	for _, e := range events {
		if e.Action != Undo && e.Action != Redo && on[e.ID] {
			out = append(out, e)
		}
	}
	return out
}

// Apply folds the events of one report over its extracted fields and
// returns the reviewed figures in schema order. src is the report's decoded
// source, the text spans index; a corrected or added value is grounded only
// if the event's span of src states it (extract.Grounds). Events of other
// reports must not be passed: Apply does not look at SHA256.
func Apply(src string, fields []extract.Field, events []Event) []Reviewed {
	type figure struct {
		Reviewed
		extracted *extract.Field // nil for a figure a reviewer added
		base      State          // Extracted, Corrected or Added: where the value comes from
		rejected  bool
		accepted  bool
		flagged   bool
	}
	figs := make(map[string]*figure, len(fields))
	for i := range fields {
		f := &fields[i]
		figs[f.ID] = &figure{Reviewed: Reviewed{Field: *f}, extracted: f, base: Extracted}
	}
	for _, e := range Active(events) {
		sf, ok := schema.Lookup(e.Field)
		if !ok {
			continue
		}
		g := figs[e.Field]
		if g == nil {
			if e.Action != Correct && e.Action != Add {
				continue // nothing to accept, flag or reject
			}
			g = &figure{Reviewed: Reviewed{Field: extract.Field{ID: e.Field, Unit: sf.Unit}}, base: Added}
			figs[e.Field] = g
		}
		switch e.Action {
		case Accept:
			g.rejected, g.accepted, g.flagged = false, true, false
		case Flag:
			g.flagged = true
		case Reject:
			g.rejected, g.accepted, g.flagged = true, false, false
		case Correct, Add:
			g.Value, g.Approx = *e.New, e.Approx
			g.Span, g.Text, g.Ungrounded = extract.Span{}, "", true
			if e.Span != nil && extract.Grounds(src, *e.Span, *e.New) {
				g.Span, g.Text, g.Ungrounded = *e.Span, src[e.Span.Start:e.Span.End], false
			}
			g.base, g.Old = Added, nil
			g.rejected, g.accepted, g.flagged = false, false, false
			if x := g.extracted; x != nil {
				old := x.Value // a copy: the caller's fields stay theirs
				g.base, g.Old = Corrected, &old
				if x.Value.Equal(*e.New) && x.Approx == e.Approx && !g.Ungrounded && g.Span == x.Span {
					// Set back to what was extracted: a confirmation.
					g.base, g.Old, g.accepted = Extracted, nil, true
				}
			}
		}
		if e.Note != "" || e.Action == Flag {
			g.Note = e.Note
		}
		g.Reviewer, g.Time = e.Reviewer, e.Time
	}
	out := make([]Reviewed, 0, len(figs))
	for _, g := range figs {
		r := g.Reviewed
		if g.base == Extracted {
			// The extracted figure itself, also after every correction
			// of it was undone.
			r.Field, r.Old, r.Ungrounded = *g.extracted, nil, false
		}
		switch {
		case g.rejected:
			r.State = Rejected // stronger than a flag: no value is exported
		case g.flagged:
			r.State = Flagged
		case g.base != Extracted:
			r.State = g.base
		case g.accepted:
			r.State = Accepted
		default:
			r.State = Extracted
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return schema.Order(out[i].ID) < schema.Order(out[j].ID) })
	return out
}
