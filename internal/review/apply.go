package review

import (
	"slices"
	"strings"
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
	// The figures are kept by schema place, as 1 + their index in figs
	// (of fields sharing an ID, the last): an event finds its figure by
	// its place, and reading the places in order gives schema order, with
	// no map and no sort. Export and check apply every report of a
	// corpus: a map of figures and a sort by map lookups took a third of
	// `gitui check` on 100,000 reports. Fields come in schema order, so a
	// place is found by looking on from the last one's.
	type figure struct {
		Reviewed
		st figureState
	}
	byPlace := make([]int32, len(schema.All()))
	figs := make([]figure, 0, len(fields))
	var outside []int // fields whose ID is outside the schema: no event names them
	at := -1
	for i := range fields {
		p := schema.OrderAfter(fields[i].ID, at)
		if p < 0 {
			outside = append(outside, i)
			continue
		}
		at = p
		f := figure{Reviewed{Field: fields[i]}, figureState{extracted: i, base: Extracted}}
		if k := byPlace[p]; k != 0 {
			figs[k-1] = f
			continue
		}
		figs = append(figs, f)
		byPlace[p] = int32(len(figs))
	}
	for _, e := range Active(events) {
		p := schema.Order(e.Field)
		if p < 0 {
			continue
		}
		if byPlace[p] == 0 {
			if e.Action != Correct && e.Action != Add {
				continue // nothing to accept, flag or reject
			}
			unit := schema.All()[p].Unit
			figs = append(figs, figure{Reviewed{Field: extract.Field{ID: e.Field, Unit: unit}}, figureState{extracted: -1, base: Added}})
			byPlace[p] = int32(len(figs))
		}
		f := &figs[byPlace[p]-1]
		f.st.fold(&f.Reviewed, e, src, fields)
	}
	out := make([]Reviewed, 0, len(figs)+len(outside))
	// IDs outside the schema sort first, by ID, as extracted.
	slices.SortStableFunc(outside, func(a, b int) int { return strings.Compare(fields[a].ID, fields[b].ID) })
	for j, i := range outside {
		if j+1 < len(outside) && fields[outside[j+1]].ID == fields[i].ID {
			continue // a later field of the same ID follows
		}
		out = append(out, figureState{extracted: i, base: Extracted}.reviewed(Reviewed{}, fields))
	}
	for _, k := range byPlace {
		if k != 0 {
			f := figs[k-1]
			out = append(out, f.st.reviewed(f.Reviewed, fields))
		}
	}
	return out
}

// figureState is what a report's events decide about one of its figures.
type figureState struct {
	extracted int   // index of the extracted field; -1 for a figure a reviewer added
	base      State // Extracted, Corrected or Added: where the value comes from
	rejected  bool
	accepted  bool
	flagged   bool
}

// fold applies event e to the figure r, whose state is g. src is the
// report's source, fields its extracted fields.
func (g *figureState) fold(r *Reviewed, e Event, src string, fields []extract.Field) {
	switch e.Action {
	case Accept:
		g.rejected, g.accepted, g.flagged = false, true, false
	case Flag:
		g.flagged = true
	case Reject:
		g.rejected, g.accepted, g.flagged = true, false, false
	case Correct, Add:
		r.Value, r.Approx = *e.New, e.Approx
		r.Span, r.Text, r.Ungrounded = extract.Span{}, "", true
		if e.Span != nil && extract.Grounds(src, *e.Span, *e.New) {
			r.Span, r.Text, r.Ungrounded = *e.Span, src[e.Span.Start:e.Span.End], false
		}
		g.base, r.Old = Added, nil
		g.rejected, g.accepted, g.flagged = false, false, false
		if g.extracted >= 0 {
			x := &fields[g.extracted]
			old := x.Value // a copy: the caller's fields stay theirs
			g.base, r.Old = Corrected, &old
			if x.Value.Equal(*e.New) && x.Approx == e.Approx && !r.Ungrounded && r.Span == x.Span {
				// Set back to what was extracted: a confirmation.
				g.base, r.Old, g.accepted = Extracted, nil, true
			}
		}
	}
	if e.Note != "" || e.Action == Flag {
		r.Note = e.Note
	}
	r.Reviewer, r.Time = e.Reviewer, e.Time
}

// reviewed returns r, the figure the events made, with its State; a figure
// whose value is the extracted one is that field itself, also after every
// correction of it was undone.
func (g figureState) reviewed(r Reviewed, fields []extract.Field) Reviewed {
	if g.base == Extracted {
		r.Field, r.Old, r.Ungrounded = fields[g.extracted], nil, false
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
	return r
}
